/**
 * The diagram model as Mermaid `stateDiagram-v2` text, for notes published where Mermaid renders (GitHub,
 * GitLab, Obsidian, many wikis). Pure: no `vscode`, no Node built-ins.
 *
 * What is drawn: the states the note mentions or counts, the figure's transitions between them, and the
 * transitions the note describes (marked); a note with no state gets the whole figure. Counts and mention
 * numbers are state descriptions; orphan verdicts are classes (`orphan`, `orphanMaybe`, `notOrphan`) plus a
 * description line, so the mark does not depend on colour.
 *
 * Which sample the counts come from (the legend's count source: "counts: per-state counts, line 13 at 11:00:00")
 * is a `%%` comment line, as the figure caption is: Mermaid draws no free text in a state diagram.
 *
 * Safety: every text comes from the catalogue or is a number; nothing from the note (title, count source) is
 * written — the count source is made of catalogue words, line numbers and times. Every label still goes through
 * `mermaidText`, which writes anything outside a small safe set as a Mermaid entity code (`#58;`), so no label can
 * end a statement, open a directive, or carry markup; a comment goes through `mermaidComment` (one line, no `%`,
 * `{` or `}`). No `click`, no `href`, no `%%{init}` directives.
 */
import type { StateId } from '../catalogue/types';
import type { DiagramModel, DiagramNodeModel } from './model';
import { countText, mentionsText } from './model';

/** Letters (any script), digits, spaces and a few punctuation marks Mermaid reads as text in labels. */
const SAFE = /[\p{L}\p{N} ,./()=+?!'→—✕≤≥·×-]/u;

/** A label for Mermaid: safe characters as they are, everything else as `#<code point>;`; one line. */
export function mermaidText(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) {
    out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0) ?? 32};`;
  }
  return out;
}

/** Comments are not read as labels (entity codes would stay as written): readable characters, `?` for any other. */
const COMMENT_SAFE = /[\p{L}\p{N} ,./()=+?!'"→—✕≤≥·×…:;_（）：；，、。-]/u;

/**
 * Text for a `%%` comment line: one line, and nothing that could open a directive (`%%{`) — `%`, `{`, `}`, control
 * and other characters outside a readable set become `?`.
 */
export function mermaidComment(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ').trim()) out += COMMENT_SAFE.test(ch) ? ch : '?';
  return out;
}

/** `FIN-WAIT-1` → `FIN_WAIT_1`: Mermaid state ids are word characters only. */
export function mermaidId(id: StateId): string {
  return id.replace(/[^A-Za-z0-9]/g, '_');
}

const CLASS_DEFS = [
  // Fixed colours with a fixed text colour: legible on GitHub's light and dark pages alike.
  'classDef orphan fill:#ffebe9,stroke:#cf222e,stroke-width:2px,color:#1f2328',
  'classDef orphanMaybe fill:#fff8c5,stroke:#bc4c00,stroke-width:2px,stroke-dasharray:4 3,color:#1f2328',
  'classDef notOrphan fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#1f2328',
];

function orphanClass(n: DiagramNodeModel): 'orphan' | 'orphanMaybe' | 'notOrphan' | undefined {
  if (n.orphan === 'yes') return 'orphan';
  if (n.orphan === 'caveat') return 'orphanMaybe';
  return n.notOrphanMarker ? 'notOrphan' : undefined;
}


export interface MermaidOptions {
  /** Wrap in a ```mermaid fence (for inserting into a note). */
  readonly fenced?: boolean;
}

/** The `stateDiagram-v2` text for the model (ends with a newline). */
export function renderMermaid(model: DiagramModel, options: MermaidOptions = {}): string {
  const lang = model.lang;
  const noteStates = model.nodes.filter((n) => !n.dimmed);
  const nodes = noteStates.length > 0 ? noteStates : model.nodes;
  const shown = new Set<StateId>(nodes.map((n) => n.id));
  const inNote = lang === 'zh-cn' ? '笔记中' : 'in the note';

  const lines: string[] = ['stateDiagram-v2'];
  lines.push(`  %% ${mermaidText(model.figureCaption)}. TCP State Notes`);
  if (model.legend.countSource !== undefined) lines.push(`  %% ${mermaidComment(model.legend.countSource)}`);
  for (const n of nodes) {
    const id = mermaidId(n.id);
    lines.push(`  state "${mermaidText(n.figureLabel === n.id ? n.id : `${n.figureLabel} (${n.id})`)}" as ${id}`);
  }
  for (const n of nodes) {
    const id = mermaidId(n.id);
    if (n.count !== undefined) lines.push(`  ${id} : ${mermaidText(countText(n.count, lang, n.atLeast))}`);
    if (n.mentions > 0) lines.push(`  ${id} : ${mermaidText(mentionsText(n.mentions, lang))}`);
    if (n.badge !== undefined) lines.push(`  ${id} : ${mermaidText(n.badge)}`);
  }
  const drawn = new Set<string>();
  for (const e of model.edges) {
    if (!shown.has(e.from) || !shown.has(e.to)) continue;
    drawn.add(`${e.from}>${e.to}`);
    const label = `${e.id} ${e.event} / ${e.action}${e.highlighted ? ` · ${inNote}` : ''}`;
    lines.push(`  ${mermaidId(e.from)} --> ${mermaidId(e.to)} : ${mermaidText(label)}`);
  }
  for (const t of model.unmatchedTransitions) {
    if (!shown.has(t.from) || !shown.has(t.to) || drawn.has(`${t.from}>${t.to}`)) continue;
    drawn.add(`${t.from}>${t.to}`);
    lines.push(`  ${mermaidId(t.from)} --> ${mermaidId(t.to)} : ${mermaidText(`${inNote}, ${lang === 'zh-cn' ? '不在 RFC 图中' : 'not in the RFC figure'}`)}`);
  }
  lines.push(...CLASS_DEFS.map((c) => `  ${c}`));
  for (const cls of ['orphan', 'orphanMaybe', 'notOrphan'] as const) {
    const ids = nodes.filter((n) => orphanClass(n) === cls).map((n) => mermaidId(n.id));
    if (ids.length > 0) lines.push(`  class ${ids.join(',')} ${cls}`);
  }
  const text = `${lines.join('\n')}\n`;
  return options.fenced ? `\`\`\`mermaid\n${text}\`\`\`\n` : text;
}
