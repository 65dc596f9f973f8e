/**
 * Hover cards in the built-in Markdown preview (`markdown.previewScripts`). The markdown-it plugin
 * (src/core/preview.ts) marks each TCP state with data attributes: the state id, the language and the note's
 * count (numbers and ids only). This script turns them into a small card (meaning, orphan verdict, the
 * note's count), built with DOM APIs and textContent from the catalogue: no innerHTML, nothing from note
 * text, nothing the preview's CSP forbids. Keyboard: every mark is focusable (Tab), the card shows on focus
 * and hides on blur or Escape; the mark points to the card with aria-describedby.
 */
import { STATE_IDS, type Lang, type StateId } from '../core/catalogue/types';
import { previewCard } from '../core/previewCard';

const CARD_ID = 'tcp-state-notes-card';
const KNOWN: ReadonlySet<string> = new Set<string>(STATE_IDS);

let card: HTMLDivElement | undefined;
let anchor: HTMLElement | undefined;

function cardElement(): HTMLDivElement {
  if (card && card.isConnected) return card;
  card = document.createElement('div');
  card.id = CARD_ID;
  card.className = 'tcp-card';
  card.setAttribute('role', 'tooltip');
  card.hidden = true;
  document.body.append(card);
  return card;
}

function markOf(target: EventTarget | null): HTMLElement | undefined {
  const el = target instanceof Element ? target.closest<HTMLElement>('span.tcp-state[data-tcp-state]') : null;
  return el && KNOWN.has(el.dataset.tcpState ?? '') ? el : undefined;
}

function line(cls: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = cls;
  p.textContent = text;
  return p;
}

function show(mark: HTMLElement): void {
  const id = mark.dataset.tcpState as StateId;
  const lang: Lang = mark.dataset.tcpLang === 'zh-cn' ? 'zh-cn' : 'en';
  const raw = mark.dataset.tcpCount;
  const count = raw !== undefined && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
  const c = previewCard(id, lang, count);
  // The native tooltip would cover the card: keep its text for screen readers in aria-label's stead.
  if (mark.title) {
    mark.dataset.tcpTitle = mark.title;
    mark.removeAttribute('title');
  }
  const el = cardElement();
  const title = document.createElement('strong');
  title.className = 'tcp-card-title';
  title.textContent = c.title;
  el.replaceChildren(title, line('tcp-card-meaning', c.meaning), line(`tcp-card-verdict tcp-card-verdict-${c.verdictKind}`, c.verdict));
  if (c.count !== undefined) el.append(line('tcp-card-count', c.count));
  el.hidden = false;
  anchor?.removeAttribute('aria-describedby');
  anchor = mark;
  mark.setAttribute('aria-describedby', CARD_ID);
  const r = mark.getBoundingClientRect();
  const width = Math.min(360, window.innerWidth - 16);
  el.style.maxWidth = `${width}px`;
  const left = Math.max(8, Math.min(r.left, window.innerWidth - el.offsetWidth - 8));
  const below = r.bottom + 6;
  const top = below + el.offsetHeight > window.innerHeight - 8 && r.top > el.offsetHeight + 14 ? r.top - el.offsetHeight - 6 : below;
  el.style.left = `${left + window.scrollX}px`;
  el.style.top = `${top + window.scrollY}px`;
}

function hide(): void {
  if (card) card.hidden = true;
  anchor?.removeAttribute('aria-describedby');
  anchor = undefined;
}

/** Marks are rendered anew on every preview update: make each focusable as it appears. */
function makeFocusable(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('span.tcp-state[data-tcp-state]:not([tabindex])')) el.tabIndex = 0;
}

document.addEventListener('mouseover', (e) => {
  const mark = markOf(e.target);
  if (mark && mark !== anchor) show(mark);
});
document.addEventListener('mouseout', (e) => {
  const mark = markOf(e.target);
  if (mark && mark === anchor && !mark.contains(e.relatedTarget as Node | null)) hide();
});
document.addEventListener('focusin', (e) => {
  const mark = markOf(e.target);
  if (mark) show(mark);
});
document.addEventListener('focusout', (e) => {
  if (markOf(e.target) === anchor) hide();
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && anchor) hide();
});
// No hide on scroll: the card is placed in document coordinates and scrolls with its mark (the preview
// scrolls by itself to follow the editor).

makeFocusable(document);
new MutationObserver(() => makeFocusable(document)).observe(document.body, { childList: true, subtree: true });
