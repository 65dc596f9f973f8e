/**
 * The Markdown preview's half of the highlighting: a markdown-it plugin that wraps TCP state mentions in
 * `<span class="tcp-state tcp-state-orphan" data-tcp-state="FIN-WAIT-1" title="…">FIN_WAIT1</span>`, found by
 * the same recogniser as the hover (findMentions, states only), so preview, hover and editor colours agree.
 *
 * It marks prose text, inline code, and fenced and indented code (where pasted `ss`/`netstat` output lives),
 * by post-processing what markdown-it's own renderer rules (and VS Code's highlighter) produce: the spans go
 * into the text between tags, never into a tag, and everything else is passed through untouched. State
 * spellings contain only letters, digits, `-`, `_`, `\` and spaces, so a mention can never overlap an entity
 * (`&amp;`) or a tag, and the HTML stays exactly as safe as markdown-it made it. Not marked: link
 * destinations and autolinks (they are URLs), image alt text, raw HTML, and fences of diagram languages
 * (`mermaid`, …) whose text is read by another renderer.
 *
 * Pure: no `vscode`, no Node built-ins, and no runtime import of markdown-it (the host passes its instance).
 */
import type { MarkdownIt, RendererRule, Token } from 'markdown-it';
import { orphanShort, orphanVerdict } from './catalogue/orphan';
import { STATE_KNOWLEDGE } from './catalogue/states';
import type { Lang, StateId } from './catalogue/types';
import { pick } from './strings';
import { findMentions } from './note/recognize';
import { sourcesPlain } from './catalogue/sources';
import { analyzeNote } from './note/analyze';
import { diagramSource } from './diagram/fromNote';
import { otherProtocolOutput } from './evidence/parse';

/** Sockets per state in the note's pasted output (the diagram's counts), for the preview's hover cards. */
export type PreviewCounts = Partial<Record<StateId, number>>;

/** Notes above this size get cards without counts (the preview stays fast; the editor still analyses them). */
const MAX_COUNTED_SOURCE = 1024 * 1024;

export function previewCounts(source: string): PreviewCounts {
  if (source.length > MAX_COUNTED_SOURCE) return {};
  return diagramSource(analyzeNote(source), 'en').input.counts;
}

export interface PreviewOptions {
  /** Language of the tooltips, read at render time (the setting may change between renders). */
  readonly lang?: () => Lang;
}

/** CSS class per orphan verdict; media/preview.css colours them. */
export const VERDICT_CLASS = { yes: 'tcp-state-orphan', caveat: 'tcp-state-caveat', no: 'tcp-state-not-orphan' } as const;

/** Fence languages rendered by other plugins from the fence's text: inserting markup would break them. */
const DIAGRAM_LANGUAGES: ReadonlySet<string> = new Set([
  'mermaid', 'math', 'katex', 'latex', 'tex', 'dot', 'graphviz', 'plantuml', 'puml', 'wavedrom', 'vega', 'vega-lite',
  'abc', 'flowchart', 'sequence', 'mindmap', 'd2', 'nomnoml', 'bpmn',
]);

/** Tags and the text between them in rendered HTML; the renderer escapes `<` and `>` everywhere else. */
const TAG = /<[^>]*>/g;

/** "FIN-WAIT-1 — The active closer… — the typical orphan — Source: … <https://…>": the span's tooltip, as plain text. */
export function stateTooltip(id: StateId, lang: Lang): string {
  const summary = pick(STATE_KNOWLEDGE[id].summary, lang).replace(/[.。]\s*$/, '');
  const source = sourcesPlain([STATE_KNOWLEDGE[id].orphan.why.source], lang, 1);
  return `${id} — ${summary} — ${orphanShort(id, lang)}${source ? ` — ${source}` : ''}`;
}

function stateSpan(id: StateId, text: string, lang: Lang, escapeHtml: (s: string) => string, counts: PreviewCounts | undefined): string {
  const verdict = VERDICT_CLASS[orphanVerdict(id)];
  const n = counts?.[id];
  // Data for the hover card (media/previewCards.js): ids and numbers only, never note text.
  const count = n !== undefined && Number.isSafeInteger(n) && n >= 0 ? ` data-tcp-count="${n}"` : '';
  return `<span class="tcp-state ${verdict}" data-tcp-state="${escapeHtml(id)}" data-tcp-lang="${lang}"${count} title="${escapeHtml(stateTooltip(id, lang))}">${text}</span>`;
}

/**
 * Wraps the state mentions in rendered HTML. The recogniser runs once over the text of the whole fragment (the
 * runs between tags, joined), so context that a highlighter splits into several spans still counts (`ss …
 * state closing`, a URL); a mention is wrapped only when it lies inside one text run, and tags are copied
 * unchanged. `html` must be renderer output: text escaped, no `>` inside attribute values. `notTcp`: for a code
 * block, the [first, end) lines of its text that list sockets of other protocols only or conntrack entries (evidence/parse.ts
 * otherProtocolOutput of its content), whose states are not marked, as the note's model leaves them out.
 */
export function markStatesInHtml(html: string, lang: Lang, escapeHtml: (s: string) => string, counts?: PreviewCounts, notTcp?: readonly number[]): string {
  const runs: { textStart: number; htmlStart: number; length: number }[] = [];
  let text = '';
  let at = 0;
  const addRun = (end: number) => {
    if (end > at) runs.push({ textStart: text.length, htmlStart: at, length: end - at });
    text += html.slice(at, end);
  };
  TAG.lastIndex = 0;
  for (let t = TAG.exec(html); t; t = TAG.exec(html)) {
    // Tags add no text: `LISTEN<span>ER</span>` reads LISTENER, which is no state (and a mention split by
    // a tag is skipped below). The fragments marked here hold no tags that break words (`<br>`, `<td>`).
    addRun(t.index);
    at = t.index + t[0].length;
  }
  addRun(html.length);

  let out = '';
  let copied = 0;
  let r = 0;
  let run = runs[0];
  let line = 0;
  let lineAt = 0;
  for (const m of findMentions(text)) {
    if (m.kind !== 'state') continue;
    if (notTcp !== undefined && notTcp.length > 0) {
      for (let nl = text.indexOf('\n', lineAt); nl !== -1 && nl < m.start; nl = text.indexOf('\n', lineAt)) {
        line++;
        lineAt = nl + 1;
      }
      if (onLines(notTcp, line)) continue;
    }
    while (run && run.textStart + run.length <= m.start) run = runs[++r];
    if (!run || m.start < run.textStart || m.end > run.textStart + run.length) continue; // split by a tag
    const start = run.htmlStart + (m.start - run.textStart);
    const end = start + (m.end - m.start);
    out += html.slice(copied, start) + stateSpan(m.id as StateId, html.slice(start, end), lang, escapeHtml, counts);
    copied = end;
  }
  return out + html.slice(copied);
}

/** Whether `line` is in one of the [first, end) pairs. */
function onLines(pairs: readonly number[], line: number): boolean {
  for (let i = 0; i + 1 < pairs.length; i += 2) if ((pairs[i] as number) <= line && line < (pairs[i + 1] as number)) return true;
  return false;
}

const SKIP = 'tcpStateNotesSkip';
const COUNTS = 'tcpStateNotesCounts';
const applied = new WeakSet<MarkdownIt>();

/** The markdown-it plugin: `md.use(tcpStatePreviewPlugin, { lang: () => 'en' })`. Idempotent per instance. */
export function tcpStatePreviewPlugin(md: MarkdownIt, options: PreviewOptions = {}): void {
  if (applied.has(md)) return;
  applied.add(md);
  const lang = (): Lang => options.lang?.() ?? 'en';
  const escapeHtml = (s: string): string => md.utils.escapeHtml(s);

  // Autolinks and linkified URLs show the URL as their text: not prose (the note analysis drops them too).
  md.core.ruler.push('tcp_state_notes_autolinks', (state) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      let autolinks = 0;
      for (const t of block.children) {
        if (t.type === 'link_open' && t.info === 'auto') autolinks++;
        else if (t.type === 'link_close' && t.info === 'auto') autolinks = Math.max(0, autolinks - 1);
        else if (t.type === 'text' && autolinks > 0) t.meta = { ...(t.meta as object | null), [SKIP]: true };
      }
    }
  });

  // The note's counts, once per parse, for the cards. Kept on the tokens, not in env: VS Code parses with one
  // env object (and caches the tokens) and renders with another.
  md.core.ruler.push('tcp_state_notes_counts', (state) => {
    const counts = previewCounts(state.src);
    if (Object.keys(counts).length === 0) return;
    const tag = (t: Token) => {
      t.meta = { ...(t.meta as object | null), [COUNTS]: counts };
    };
    for (const block of state.tokens) {
      tag(block);
      for (const child of block.children ?? []) tag(child);
    }
  });

  const rules = md.renderer.rules;
  const wrap = (name: 'text' | 'code_inline' | 'code_block' | 'fence', shouldMark: (token: Token) => boolean): void => {
    const previous: RendererRule | undefined = rules[name];
    const code = name === 'code_block' || name === 'fence';
    rules[name] = (tokens, idx, opts, env, self) => {
      const html = previous ? previous(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
      const token = tokens[idx];
      const counts = token?.meta ? ((token.meta as Record<string, unknown>)[COUNTS] as PreviewCounts | undefined) : undefined;
      if (!token || !shouldMark(token)) return html;
      return markStatesInHtml(html, lang(), escapeHtml, counts, code ? otherProtocolOutput(token.content) : undefined);
    };
  };
  wrap('text', (t) => !(t.meta && (t.meta as Record<string, unknown>)[SKIP]));
  wrap('code_inline', () => true);
  wrap('code_block', () => true);
  wrap('fence', (t) => !DIAGRAM_LANGUAGES.has((t.info.trim().split(/\s+/)[0] ?? '').toLowerCase()));
}

