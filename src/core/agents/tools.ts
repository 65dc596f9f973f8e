/**
 * The agent tools' logic, shared by VS Code's language-model tools (src/features/agentTools.ts) and the MCP
 * server (src/mcp/server.ts): input checks, the call into the knowledge core, the result text. The adapters
 * only find the note (editor document, file inside the client's roots) and wrap the text for their protocol.
 * Every function throws ToolError for an input a model can correct. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import { TERMS } from '../catalogue/terms';
import { checkNote } from '../check/findings';
import { misconceptionRuleText } from '../check/misconceptions';
import { explainAggregate, explainState, explainTerm } from '../explain';
import { resolveTerm } from '../lookup';
import { analyzeNote } from '../note/analyze';
import type { NoteModel } from '../note/model';
import { editDistance, findStateTypos, suggestStates } from '../note/typos';
import { buildReport } from '../report/build';
import { reportMarkdown } from '../report/markdown';
import { t } from '../strings';
import { langInput, objectInput, optionalString, rangeInput as rangeInputOf, ToolError, type ToolInput } from './input';
import { AGENT_TEXT } from './texts';

export { ToolError } from './input';

export { TOOL_NAMES } from './names';

/** The default note size cap (the extension's `tcpStateNotes.maxNoteSizeMB` default). */
export const MAX_TOOL_NOTE_MB = 20;

const MAX_TERM = 200;

/** Terms close to an unknown one: state look-alikes first, then catalogue ids within two edits (also the CLI's `explain`). */
export function nearTerms(raw: string): string[] {
  const out: string[] = [];
  const states = suggestStates(raw.trim()) ?? suggestStates(raw.trim().toUpperCase());
  for (const s of states?.suggestions ?? []) out.push(s.text);
  const lower = raw.trim().toLowerCase().replace(/^net\.ipv4\./, '');
  if (lower.length >= 4) {
    const best = 3;
    const found: { id: string; d: number }[] = [];
    for (const term of TERMS) {
      const id = term.id.toLowerCase().replace(/^net\.ipv4\./, '').replace(/^sockstat\./, '');
      const d = editDistance(lower, id, best);
      if (d < best) found.push({ id: term.id, d });
    }
    found.sort((a, b) => a.d - b.d);
    for (const f of found.slice(0, 3)) if (!out.includes(f.id)) out.push(f.id);
  }
  return out.slice(0, 3);
}

/** `explain_tcp_state { term, lang? }`: the catalogue's explanation (Markdown, sources at the end). */
export function explainTcpState(input: unknown, fallbackLang: Lang): string {
  const o = objectInput(input, ['term', 'lang'], fallbackLang);
  const lang = langInput(o, fallbackLang);
  const term = optionalString(o, 'term', lang)?.trim();
  if (!term) throw new ToolError(t(AGENT_TEXT.termMissing, lang));
  if (term.length > MAX_TERM) throw new ToolError(t(AGENT_TEXT.termTooLong, lang, { n: term.length }));
  const r = resolveTerm(term);
  if (!r) {
    const near = nearTerms(term);
    const hint = near.length ? t(AGENT_TEXT.didYouMean, lang, { list: near.join(t(AGENT_TEXT.or, lang)) }) : '';
    throw new ToolError(t(AGENT_TEXT.unknownTerm, lang, { term: term.replace(/[\r\n"]/g, ' '), hint }));
  }
  if (r.kind === 'state') return explainState(r.id, { lang }, { spelling: { text: r.text, families: r.families } });
  if (r.kind === 'aggregate') return explainAggregate(r.keyword, r.states, lang);
  return explainTerm(r.term, { lang }, { text: r.text });
}

/** A note to analyse: its text, a name for headings, and its analysis when the caller has it cached. */
export interface ToolNote {
  readonly text: string;
  readonly name: string;
  readonly model?: NoteModel;
}

/** What summarize / check take besides the note: the language, a line range, the size cap (default MAX_TOOL_NOTE_MB). */
export interface NoteToolInput {
  readonly lang: Lang;
  readonly range?: { startLine?: number; endLine?: number };
  /** The host's cap: `mcp --max-note-size-mb`, the extension's tcpStateNotes.maxNoteSizeMB. */
  readonly maxMB?: number;
}

/** Refuses note text over `maxMB` (UTF-16 length as a cheap lower bound of the byte size first). */
export function checkNoteSize(text: string, lang: Lang, maxMB = MAX_TOOL_NOTE_MB): void {
  const cap = maxMB * 1024 * 1024;
  if (text.length <= cap / 3) return;
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > cap) throw new ToolError(t(AGENT_TEXT.textTooLarge, lang, { mb: (bytes / 1024 / 1024).toFixed(1), max: maxMB }));
}

/**
 * The model of lines `range` of the note (1-based, inclusive; open ends run to the note's ends). The lines
 * before the range become empty lines, so every line number in the result is the note's own.
 */
function rangeModel(note: ToolNote, range: { startLine?: number; endLine?: number }, lang: Lang): { model: NoteModel; start: number; end: number } {
  const starts = [0];
  for (let i = note.text.indexOf('\n'); i >= 0; i = note.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lines = starts.length;
  const start = range.startLine ?? 1;
  const end = Math.min(range.endLine ?? lines, lines);
  if (start > lines) throw new ToolError(t(AGENT_TEXT.rangePastEnd, lang, { start, lines }));
  const from = starts[start - 1] as number;
  const to = end < lines ? (starts[end] as number) : note.text.length;
  return { model: analyzeNote('\n'.repeat(start - 1) + note.text.slice(from, to)), start, end };
}

function sourcesSection(urls: Iterable<string>, lang: Lang): string {
  const list = [...new Set(urls)];
  return list.length ? `\n### ${t(AGENT_TEXT.sources, lang)}\n\n${list.map((u) => `- <${u}>`).join('\n')}\n` : '';
}

/**
 * `summarize_socket_evidence`: the report of the note (or of a line range of it) — per-state counts and
 * socket detail, the timeline and trend, the limits, the likely causes with what to check and change, the
 * findings, and the sources. `input` carries `lang` and the range (`startLine`, `endLine`); the adapter has
 * already taken out what names the note.
 */
export function summarizeSocketEvidence(note: ToolNote, input: NoteToolInput): string {
  const { lang, range } = input;
  checkNoteSize(note.text, lang, input.maxMB);
  let model = note.model;
  let heading = '';
  if (range) {
    const r = rangeModel(note, range, lang);
    model = r.model;
    heading = `${t(AGENT_TEXT.rangeHeading, lang, { start: r.start, end: r.end, name: note.name })}\n\n`;
  }
  model ??= analyzeNote(note.text);
  const report = buildReport(model, { file: note.name, lang });
  const urls = [...report.json.causes.map((c) => c.source), ...report.json.findings.map((f) => f.source)];
  return `${heading}${reportMarkdown(report, lang)}${sourcesSection(urls, lang)}`;
}

/**
 * Findings listed in one check_tcp_note answer (about 200 bytes each): a note full of look-alikes must not give an
 * answer larger than a model's context or an MCP client's read buffer (the SDK's is 10 MB); the count says the rest.
 */
export const MAX_LISTED_FINDINGS = 200;

/**
 * `check_tcp_note`: typos of state names (with the replacement in the note's own spelling) and known wrong
 * claims (with the correct fact), each with its source. Lines and columns 1-based.
 */
export function checkTcpNote(note: ToolNote, input: NoteToolInput): { text: string; findings: number } {
  const { lang, range } = input;
  checkNoteSize(note.text, lang, input.maxMB);
  const model = range ? rangeModel(note, range, lang).model : (note.model ?? analyzeNote(note.text));
  const findings = checkNote(model.text, { lang, model });
  const fixes = new Map<string, string[]>();
  if (findings.some((f) => f.kind === 'typo')) {
    for (const typo of findStateTypos(model.text, model)) {
      const p = model.lines.positionAt(typo.start);
      fixes.set(`${p.line}:${p.character}`, typo.suggestions.map((s) => s.text));
    }
  }
  const out = [`## ${t(AGENT_TEXT.checkTitle, lang, { name: note.name })}`, ''];
  if (findings.length === 0) out.push(t(AGENT_TEXT.checkClean, lang));
  else {
    const typos = findings.filter((f) => f.kind === 'typo').length;
    out.push(t(AGENT_TEXT.checkSummary, lang, { total: findings.length, typos, claims: findings.length - typos }), '');
    findings.slice(0, MAX_LISTED_FINDINGS).forEach((f, i) => {
      const where = { line: f.line + 1, col: f.character + 1 };
      if (f.kind === 'typo') {
        const text = model.text.slice(model.lines.offsetAt(f), model.lines.offsetAt(f) + f.length).replace(/`/g, "'");
        const list = (fixes.get(`${f.line}:${f.character}`) ?? []).map((s) => `\`${s}\``).join(t(AGENT_TEXT.or, lang));
        // The finding's own message says the same as typoItem and typoFix together: not repeated.
        out.push(`${i + 1}. ${t(AGENT_TEXT.typoItem, lang, { ...where, text })}`);
        if (list) out.push(`   - ${t(AGENT_TEXT.typoFix, lang, { list })}`);
      } else {
        out.push(`${i + 1}. ${t(AGENT_TEXT.claimItem, lang, { ...where, message: f.message })} [${f.rule}]`);
        const fact = misconceptionRuleText(f.rule, lang)?.fact;
        if (fact) out.push(`   - ${t(AGENT_TEXT.claimFix, lang, { fact })}`);
      }
      out.push(`   - ${t(AGENT_TEXT.source, lang, { url: f.source })}`);
    });
    if (findings.length > MAX_LISTED_FINDINGS) out.push('', t(AGENT_TEXT.checkMore, lang, { more: findings.length - MAX_LISTED_FINDINGS }));
  }
  return { text: `${out.join('\n')}\n`, findings: findings.length };
}

/** The part of a summarize / check input that is not about which note: language and line range. */
export function noteOptions(o: ToolInput, fallbackLang: Lang): { lang: Lang; range?: { startLine?: number; endLine?: number } } {
  const lang = langInput(o, fallbackLang);
  const range = rangeInputOf(o, lang);
  return range ? { lang, range } : { lang };
}

/** MCP's `{ path | text }`: exactly one must be given (`given` names those present). */
export function requireOneNoteInput(given: readonly string[], lang: Lang): void {
  if (given.length !== 1) throw new ToolError(t(AGENT_TEXT.pathOrText, lang, { got: given.length ? given.map((g) => `\`${g}\``).join(' + ') : 'neither' }));
}

/** The snapshot tool's result: the fenced snapshot block (as the command would insert it) with a line that says it went into no note. */
export function snapshotToolText(block: string, time: string, problems: readonly string[], lang: Lang): string {
  const parts = [t(AGENT_TEXT.snapshotTaken, lang, { time }), '', block.trimEnd()];
  if (problems.length) parts.push('', t(AGENT_TEXT.snapshotProblems, lang, { list: problems.join('; ') }));
  return `${parts.join('\n')}\n`;
}
