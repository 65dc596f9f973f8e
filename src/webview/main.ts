/**
 * The diagram webview. Receives DATA from the host (protocol.ts), renders the SVG with the same pure core
 * function the CLI uses, and turns clicks, keys and hovers into messages. No inline handlers, no eval, no
 * network: the CSP set by the host allows only this nonce'd script and media/ styles.
 */
import type { StateId } from '../core/catalogue/types';
import type { DiagramModel } from '../core/diagram/model';
import { formatCount } from '../core/format';
import { renderDiagramSvg } from '../core/diagram/svg';
import { NARROW_MAX_WIDTH, toNarrowLayout } from '../core/diagram/narrowLayout';
import { pressureGaugeSvg, sparklineSvg } from '../core/snapshot/liveSvg';
import type { HostToWebview, LiveInfo, LiveSample, PanelState, WebviewStrings, WebviewToHost } from './protocol';
import { renderDetail, renderScrubber, wireDetail, wireScrubber, type DetailElements, type ScrubberElements } from './detailPane';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const post = (m: WebviewToHost) => vscode.postMessage(m);

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};

const canvas = $('canvas');
const explain = $('explain');
const live = $('live');
const stateList = $<HTMLUListElement>('state-list');
const title = $('title');
const buttons = {
  lock: $<HTMLButtonElement>('btn-lock'),
  scope: $<HTMLButtonElement>('btn-scope'),
  linux: $<HTMLButtonElement>('btn-linux'),
  zoomIn: $<HTMLButtonElement>('btn-zoom-in'),
  zoomOut: $<HTMLButtonElement>('btn-zoom-out'),
  fit: $<HTMLButtonElement>('btn-fit'),
  exportSvg: $<HTMLButtonElement>('btn-export-svg'),
  exportPng: $<HTMLButtonElement>('btn-export-png'),
  copySvg: $<HTMLButtonElement>('btn-copy-svg'),
  live: $<HTMLButtonElement>('btn-live'),
  freeze: $<HTMLButtonElement>('btn-freeze'),
};
const liveView = {
  root: $('live-view'),
  status: $('live-status'),
  gauge: $('live-gauge'),
  verdict: $('live-verdict'),
  problems: $('live-problems'),
  trendsTitle: $('live-trends-title'),
  trends: $<HTMLUListElement>('live-trends'),
};

const detailPane: DetailElements = { root: $('detail'), title: $('detail-title'), close: $<HTMLButtonElement>('detail-close'), body: $('detail-body') };
const scrubber: ScrubberElements = { root: $('scrubber'), label: $('scrub-label'), input: $<HTMLInputElement>('scrub'), value: $('scrub-value') };

let current: Extract<HostToWebview, { type: 'render' }> | undefined;
let zoom = 1;
let fitted = true;

function setText(el: HTMLElement, text: string): void {
  el.textContent = text;
}

function applyStrings(s: WebviewStrings, state: PanelState): void {
  setText(buttons.lock, state.locked ? s.unlock : s.lock);
  buttons.lock.setAttribute('aria-pressed', String(state.locked));
  setText(buttons.scope, state.scope === 'note' ? s.scopeNote : s.scopeSection);
  setText(buttons.linux, s.linux);
  buttons.linux.setAttribute('aria-pressed', String(state.showLinux));
  setText(buttons.zoomIn, '+');
  buttons.zoomIn.title = s.zoomIn;
  buttons.zoomIn.setAttribute('aria-label', s.zoomIn);
  setText(buttons.zoomOut, '−');
  buttons.zoomOut.title = s.zoomOut;
  buttons.zoomOut.setAttribute('aria-label', s.zoomOut);
  setText(buttons.fit, s.fit);
  setText(buttons.exportSvg, s.exportSvg);
  setText(buttons.exportPng, s.exportPng);
  setText(buttons.copySvg, s.copySvg);
}

// ---------------------------------------------------------------------------------------------------
// Live view: the toggle exists only when the host says it can read /proc; samples arrive as data.
// ---------------------------------------------------------------------------------------------------

let liveInfo: LiveInfo | undefined;
let lastSample: LiveSample | undefined;

/** Parses SVG text built by the core (numbers and our own labels only) and returns the element, or undefined. */
function svgElement(text: string): Element | undefined {
  const root = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  return root.nodeName === 'svg' ? document.importNode(root, true) : undefined;
}

function applyLive(info: LiveInfo | undefined, s: WebviewStrings): void {
  liveInfo = info;
  buttons.live.hidden = info === undefined;
  setText(buttons.live, s.live);
  buttons.live.setAttribute('aria-pressed', String(info?.on === true));
  liveView.root.hidden = !info?.on;
  if (!info) return;
  setText(buttons.freeze, info.strings.freeze);
  buttons.freeze.title = info.strings.freezeTitle;
  setText(liveView.trendsTitle, info.strings.trends);
  if (!info.on) lastSample = undefined;
  if (info.on && !lastSample) setText(liveView.status, info.strings.waiting);
  if (info.on && lastSample) renderLive(lastSample);
}

function renderLive(sample: LiveSample): void {
  lastSample = sample;
  const info = liveInfo;
  if (!info?.on) return;
  const t = info.strings;
  setText(liveView.status, t.status.replace('{0}', sample.host).replace('{1}', sample.time).replace('{2}', String(sample.intervalSeconds)));
  const gauge = svgElement(
    pressureGaugeSvg(sample.pressure, { title: t.gaugeTitle, orphan: t.orphan, mem: t.mem, tw: t.tw, unknown: t.unknown, memPressure: t.memPressure }),
  );
  liveView.gauge.replaceChildren(...(gauge ? [gauge] : []));
  liveView.gauge.dataset.level = sample.pressure.level;
  setText(liveView.verdict, sample.verdict);
  liveView.problems.hidden = sample.problems.length === 0;
  setText(liveView.problems, sample.problems.join(' · '));
  const rows = (Object.entries(sample.trends) as [StateId, readonly number[]][]).map(([state, series]) => {
    const li = document.createElement('li');
    li.dataset.state = state;
    const name = document.createElement('span');
    name.className = 'trend-state';
    name.textContent = state;
    const count = document.createElement('span');
    count.className = 'trend-count';
    const now = sample.counts[state] ?? 0;
    count.textContent = formatCount(now);
    const first = series[0] ?? now;
    const delta = document.createElement('span');
    delta.className = 'trend-delta';
    delta.textContent = now === first ? '' : `${now > first ? '+' : '−'}${formatCount(Math.abs(now - first))}`;
    li.append(name, count, delta);
    const spark = svgElement(sparklineSvg(series, { title: `${state}: ${series.join(', ')}` }));
    if (spark) li.append(spark);
    return li;
  });
  if (rows.length === 0) {
    const li = document.createElement('li');
    li.textContent = t.noSockets;
    rows.push(li);
  }
  liveView.trends.replaceChildren(...rows);
}

function applyZoom(): void {
  const svg = canvas.querySelector('svg');
  if (!svg) return;
  if (fitted) {
    svg.style.width = '100%';
    svg.style.height = 'auto';
  } else {
    const vb = svg.viewBox.baseVal;
    svg.style.width = `${Math.round(vb.width * zoom)}px`;
    svg.style.height = 'auto';
  }
}

function stateNodes(): SVGGElement[] {
  return [...canvas.querySelectorAll<SVGGElement>('g[data-state]')];
}

function showExplanation(state: StateId | undefined, anchor?: Element): void {
  const text = state ? current?.explanations[state] : undefined;
  if (!text || !anchor) {
    explain.hidden = true;
    return;
  }
  setText(explain, text);
  explain.hidden = false;
  const r = anchor.getBoundingClientRect();
  const top = Math.min(window.innerHeight - explain.offsetHeight - 8, r.bottom + 6);
  explain.style.top = `${Math.max(8, top) + window.scrollY}px`;
  explain.style.left = `${Math.max(8, Math.min(window.innerWidth - explain.offsetWidth - 8, r.left)) + window.scrollX}px`;
}

function wireNodes(): void {
  const nodes = stateNodes();
  nodes.forEach((node, i) => {
    const state = node.dataset.state as StateId;
    // The jump to the mention first (it moves focus to the editor), then the detail pane for the state.
    node.addEventListener('click', () => {
      post({ type: 'reveal', state });
      post({ type: 'select', state });
    });
    node.addEventListener('mouseenter', () => showExplanation(state, node));
    node.addEventListener('mouseleave', () => showExplanation(undefined));
    node.addEventListener('focus', () => showExplanation(state, node));
    node.addEventListener('blur', () => showExplanation(undefined));
    node.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        post({ type: 'reveal', state });
        post({ type: 'select', state });
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') {
        e.preventDefault();
        nodes[(i + 1) % nodes.length]?.focus();
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') {
        e.preventDefault();
        nodes[(i - 1 + nodes.length) % nodes.length]?.focus();
      } else if (e.key === 'Escape') showExplanation(undefined);
    });
  });
}

function render(msg: Extract<HostToWebview, { type: 'render' }>): void {
  const sameDoc = current && current.state.uri === msg.state.uri;
  if (sameDoc && current && msg.version < current.version) return; // stale: a newer render already arrived
  const focused = (document.activeElement as HTMLElement | null)?.dataset?.state;
  current = msg;
  vscode.setState(msg.state);
  applyStrings(msg.strings, msg.state);
  applyLive(msg.live, msg.strings);
  renderScrubber(scrubber, msg.timeline);
  setText(title, msg.sectionTitle ? `${msg.documentName} — ${msg.sectionTitle}` : msg.documentName);
  // A narrow panel gets the narrow layout (legible at 480 px); the RFC arrangement from NARROW_MAX_WIDTH up.
  narrowShown = isNarrow();
  const svgText = renderDiagramSvg(narrowShown ? toNarrowLayout(msg.model) : msg.model, { idPrefix: 'tsn' });
  const parsed = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.nodeName !== 'svg') {
    post({ type: 'error', message: 'diagram SVG did not parse' });
    return;
  }
  canvas.replaceChildren(document.importNode(root, true));
  applyZoom();
  wireNodes();
  if (focused) canvas.querySelector<SVGGElement>(`g[data-state="${CSS.escape(focused)}"]`)?.focus();
  // Screen readers: a text list of the highlighted states with counts, and a polite announcement.
  const items = msg.model.nodes.filter((n) => n.mentioned || n.count !== undefined);
  stateList.replaceChildren(
    ...items.map((n) => {
      const li = document.createElement('li');
      li.textContent = n.ariaLabel;
      return li;
    }),
  );
  setText(live, items.length ? `${msg.strings.updated}: ${items.length} ${msg.strings.highlighted}` : msg.strings.noMentions);
}

let narrowShown = false;

function isNarrow(): boolean {
  return document.documentElement.clientWidth <= NARROW_MAX_WIDTH;
}

// Crossing the breakpoint re-renders the last model in the other layout.
window.addEventListener('resize', () => {
  if (current && isNarrow() !== narrowShown) render(current);
});

/** Rasterises the model the host sends with `requestPng` (the one the panel shows), at twice its size. */
async function pngDataUrl(model: DiagramModel): Promise<string> {
  const svg = renderDiagramSvg(model, { idPrefix: 'tsnpng', standaloneStyle: true });
  const blob = new Blob([svg], { type: 'image/svg+xml' });
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('SVG could not be rasterised'));
      img.src = url;
    });
    const scale = 2;
    const c = document.createElement('canvas');
    c.width = model.viewBox.width * scale;
    c.height = model.viewBox.height * scale;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(img, 0, 0, c.width, c.height);
    return c.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

buttons.lock.addEventListener('click', () => post({ type: 'toggleLock' }));
buttons.scope.addEventListener('click', () => post({ type: 'setScope', scope: current?.state.scope === 'note' ? 'section' : 'note' }));
buttons.linux.addEventListener('click', () => post({ type: 'toggleLinux' }));
buttons.zoomIn.addEventListener('click', () => {
  fitted = false;
  zoom = Math.min(4, zoom * 1.25);
  applyZoom();
});
buttons.zoomOut.addEventListener('click', () => {
  fitted = false;
  zoom = Math.max(0.25, zoom / 1.25);
  applyZoom();
});
buttons.fit.addEventListener('click', () => {
  fitted = true;
  zoom = 1;
  applyZoom();
});
buttons.exportSvg.addEventListener('click', () => post({ type: 'exportSvg' }));
buttons.live.addEventListener('click', () => post({ type: 'toggleLive' }));
buttons.freeze.addEventListener('click', () => post({ type: 'freeze' }));
buttons.copySvg.addEventListener('click', () => post({ type: 'copySvg' }));
buttons.exportPng.addEventListener('click', () => post({ type: 'exportPng' }));
wireScrubber(scrubber, post);
wireDetail(detailPane, post, () => {
  const state = detailPane.root.dataset.state;
  (state ? canvas.querySelector<SVGGElement>(`g[data-state="${CSS.escape(state)}"]`) : null)?.focus();
});

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const msg = event.data;
  if (msg?.type === 'render') render(msg);
  else if (msg?.type === 'requestPng') {
    pngDataUrl(msg.model).then(
      (dataUrl) => post({ type: 'png', dataUrl }),
      (e: unknown) => {
        post({ type: 'error', message: String(e) });
        post({ type: 'png', dataUrl: '' });
      },
    );
  }
  else if (msg?.type === 'liveSample') renderLive(msg.sample);
  else if (msg?.type === 'detail') renderDetail(detailPane, msg);
});

post({ type: 'ready' });
