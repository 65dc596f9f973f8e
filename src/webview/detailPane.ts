/**
 * The diagram's detail pane and timeline scrubber in the webview: renders the data the host sends
 * (detailProtocol.ts) with DOM APIs and textContent only — addresses and process names come from the note —
 * and turns the scrubber and the close button into messages. The sparkline is the core's SVG (numbers only).
 */
import { formatCount } from '../core/format';
import { trendSparklineSvg } from '../core/diagram/detail';
import type { DetailMessage, DetailStrings, TimelineView } from './detailProtocol';
import { ScrubberSync } from './scrubberSync';
import type { WebviewToHost } from './protocol';

type Post = (m: WebviewToHost) => void;

const fill = (template: string, ...values: string[]): string => template.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function svgElement(text: string): Element | undefined {
  const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  return root.nodeName === 'svg' ? document.importNode(root, true) : undefined;
}

/** A `dt`/`dd` pair; `value` is text or a list of `label ×count` items. */
function row(dl: HTMLDListElement, label: string, value: string | readonly { label: string; count: number }[], key: string): void {
  if (typeof value !== 'string' && value.length === 0) return;
  const dt = el('dt', undefined, label);
  const dd = el('dd');
  dd.dataset.field = key;
  if (typeof value === 'string') dd.textContent = value;
  else {
    const ul = el('ul', 'detail-ranked');
    for (const item of value) {
      const li = el('li');
      li.append(el('span', 'detail-label', item.label), el('span', 'detail-count', `×${formatCount(item.count)}`));
      ul.append(li);
    }
    dd.append(ul);
  }
  dl.append(dt, dd);
}

/** Is this a link the pane may open (our sources are public https pages)? */
function safeUrl(url: string): boolean {
  return /^https:\/\/[A-Za-z0-9.-]+(?:\/[^\s"'<>]*)?$/.test(url);
}

function body(msg: DetailMessage & { detail: NonNullable<DetailMessage['detail']> }, s: DetailStrings): Node[] {
  const d = msg.detail;
  const dl = el('dl', 'detail-facts');
  if (d.count !== null) row(dl, s.count, d.countLine !== null ? `${formatCount(d.count)} (${fill(s.countLine, String(d.countLine + 1))})` : formatCount(d.count), 'count');
  if (msg.atSample) {
    const clock = /T(\d\d:\d\d)/.exec(msg.atSample.time)?.[1] ?? msg.atSample.time;
    row(dl, fill(s.atSample, clock), msg.atSample.count === null ? s.notInSample : formatCount(msg.atSample.count), 'atSample');
  }
  if (d.listed > 0) row(dl, s.listed, formatCount(d.listed), 'listed');
  row(dl, s.peers, d.peers, 'peers');
  row(dl, s.prefixes, d.prefixes, 'prefixes');
  row(dl, s.localPorts, d.localPorts, 'localPorts');
  if (d.timers.length) row(dl, s.timers, d.timers.map((t) => `${t.kind} ${formatCount(t.count)}`).join(', '), 'timers');
  if (d.sendQ) row(dl, s.sendQ, fill(s.sendQValue, formatCount(d.sendQ.nonZero), formatCount(d.sendQ.rows), formatCount(d.sendQ.max)), 'sendQ');
  if (d.retransMax !== null) row(dl, s.retrans, formatCount(d.retransMax), 'retrans');
  row(dl, s.processes, d.processes, 'processes');
  const out: Node[] = [];
  if (dl.childElementCount > 0) out.push(dl);
  for (const c of d.causes) {
    // The message names itself ("Likely cause: …", "Harmless: …"): the section is labelled for screen readers.
    const section = el('section', 'detail-cause');
    section.setAttribute('aria-label', s.cause);
    section.append(el('p', undefined, c.message));
    if (safeUrl(c.source)) {
      const a = el('a', 'detail-source', s.source);
      a.href = c.source;
      a.title = c.source;
      section.append(a);
    }
    out.push(section);
  }
  if (d.trend) {
    const section = el('section', 'detail-trend');
    const title = d.trend.series === 'orphan' ? s.trendOrphan : s.trend;
    section.append(el('h3', undefined, title));
    const spark = svgElement(trendSparklineSvg(d.trend, `${d.state} — ${title}`, msg.atSample?.time));
    if (spark) section.append(spark);
    const first = d.trend.points[0];
    const last = d.trend.points[d.trend.points.length - 1];
    if (first && last) section.append(el('p', 'detail-trend-range', `${first.time} ${formatCount(first.value)} → ${last.time} ${formatCount(last.value)}`));
    out.push(section);
  }
  if (out.length === 0) out.push(el('p', 'detail-empty', s.noEvidence));
  return out;
}

export interface DetailElements {
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly close: HTMLButtonElement;
  readonly body: HTMLElement;
}

/** Shows the pane for the message's state, or hides it (detail null). */
export function renderDetail(els: DetailElements, msg: DetailMessage): void {
  const d = msg.detail;
  els.root.hidden = d === null;
  els.close.textContent = '×';
  els.close.title = msg.strings.close;
  els.close.setAttribute('aria-label', msg.strings.close);
  if (!d) {
    els.body.replaceChildren();
    delete els.root.dataset.state;
    return;
  }
  els.root.dataset.state = d.state;
  els.title.textContent = d.state;
  els.body.replaceChildren(...body({ ...msg, detail: d }, msg.strings));
}

export interface ScrubberElements {
  readonly root: HTMLElement;
  readonly label: HTMLElement;
  readonly input: HTMLInputElement;
  readonly value: HTMLElement;
}

/** Position 0 is the whole note; 1…n the samples, oldest first. */
function positionText(view: TimelineView, position: number): string {
  const t = view.strings;
  if (position <= 0) return t.whole;
  const s = view.samples[position - 1];
  if (!s) return t.whole;
  const orphan = s.orphan !== null ? ` · ${t.orphan} ${formatCount(s.orphan)}` : '';
  return fill(t.sample, String(position), String(view.samples.length), `${s.time}${orphan}`);
}

const sync = new ScrubberSync();
let pending: ReturnType<typeof setTimeout> | undefined;
let currentView: TimelineView | undefined;

/** Shows the scrubber when the note has several samples; moving it asks the host for that sample's counts. */
export function renderScrubber(els: ScrubberElements, view: TimelineView | undefined): void {
  currentView = view;
  els.root.hidden = view === undefined;
  if (!view) return;
  els.label.textContent = view.strings.label;
  els.input.min = '0';
  els.input.max = String(view.samples.length);
  els.input.step = '1';
  els.input.value = String(sync.position(view, Number(els.input.value)));
  const text = positionText(view, Number(els.input.value));
  els.input.setAttribute('aria-valuetext', text);
  els.value.textContent = text;
}

export function wireScrubber(els: ScrubberElements, post: Post): void {
  els.input.addEventListener('input', () => {
    const view = currentView;
    if (!view) return;
    const position = Number(els.input.value);
    const text = positionText(view, position);
    els.input.setAttribute('aria-valuetext', text);
    els.value.textContent = text;
    sync.moved();
    if (pending !== undefined) clearTimeout(pending);
    pending = setTimeout(() => {
      pending = undefined;
      post({ type: 'selectSample', index: Number(els.input.value) - 1, seq: sync.post() });
    }, 120);
  });
}

export function wireDetail(els: DetailElements, post: Post, returnFocus: () => void): void {
  els.close.addEventListener('click', () => {
    post({ type: 'select', state: null });
    els.root.hidden = true;
    returnFocus();
  });
  els.root.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      els.close.click();
    }
  });
}
