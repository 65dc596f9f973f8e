/**
 * Note analysis: mentions (found on the raw text by recognize.ts) classified with the remark tree, evidence
 * blocks parsed from code blocks, the heading tree, and transitions the note writes (`FIN_WAIT1 -> FIN_WAIT2`).
 *
 * The work is done per top-level block (incremental.ts, incrementalParse.ts): the same model as one remark
 * parse of the whole note (analyzeNoteMonolithic, the reference the tests compare against), without parsing
 * pasted fenced output with remark, and with cheap updates after an edit.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from './catalogue/types';
import type { EvidenceSegment, SockstatNumbers } from './evidence/types';
import { LineIndex } from './lineIndex';
import { findMentions, type RawMention } from './recognize';
import { assemble, createAnalysis, createAnalysisAsync, type AsyncOptions } from './incremental';
import { analyzeGroup } from './incrementalParse';
import { mentionCountsOf, primeMentionCounts } from './incrementalIndex';

export { topEvidenceFor, sockstatEvidence, evidenceValue } from './incrementalIndex';

export { parseMarkdown, findTransitions } from './incrementalParse';

export type MentionContext =
  | 'prose'
  | 'heading'
  | 'table'
  | 'list'
  | 'blockquote'
  | 'inline-code'
  | 'code-block'
  | 'link-text'
  | 'html';

export interface Mention extends RawMention {
  readonly context: MentionContext;
  /** Index into NoteModel.evidence when the mention stands inside an evidence block. */
  readonly evidenceIndex?: number;
}

export interface EvidenceBlock {
  readonly index: number;
  /** Offsets of the whole code node (fences included). */
  readonly start: number;
  readonly end: number;
  /** 0-based line of the first content line, and of the line after the last one. */
  readonly startLine: number;
  readonly endLine: number;
  /** Fenced code info string (`sh`, `text`, …) or null. */
  readonly lang: string | null;
  readonly segments: readonly EvidenceSegment[];
  readonly counts: Partial<Record<StateId, number>>;
  readonly listed: number;
  readonly sockstat?: SockstatNumbers;
  readonly counters: Readonly<Record<string, number>>;
  readonly sysctls: Readonly<Record<string, string>>;
}

export interface Section {
  readonly index: number;
  readonly depth: number;
  readonly title: string;
  /** Heading start, and end of the section (before the next heading of the same or a higher level). */
  readonly start: number;
  readonly end: number;
  readonly parent: number;
}

export interface Transition {
  readonly from: StateId;
  readonly to: StateId;
  readonly start: number;
  readonly end: number;
}

export interface NoteModel {
  readonly text: string;
  readonly lines: LineIndex;
  /** Sorted by start, non-overlapping. */
  readonly mentions: readonly Mention[];
  readonly evidence: readonly EvidenceBlock[];
  readonly sections: readonly Section[];
  readonly transitions: readonly Transition[];
  /**
   * Set on the stand-in model a hover builds from one line while the note's analysis is not ready: it holds
   * that line's mentions only (context `prose`), no evidence, no sections.
   */
  readonly partial?: true;
}

/** Analyses a whole note: linear in its length, remark only on the blocks that are not fenced output. */
export function analyzeNote(text: string): NoteModel {
  return createAnalysis(text).model;
}

export type AnalyzeAsyncOptions = AsyncOptions;

/**
 * analyzeNote in slices of at most `yieldEvery` ms (default 8), yielding to the event loop in between, so a
 * 10 MB note never blocks the extension host for long. Resolves undefined when `signal` aborts or `token`
 * is cancelled.
 */
export async function analyzeNoteAsync(text: string, options: AnalyzeAsyncOptions = {}): Promise<NoteModel | undefined> {
  return (await createAnalysisAsync(text, options))?.model;
}

/** One remark parse of the whole note, no fast paths: the reference analyzeNote must equal (tests, benchmark). */
export function analyzeNoteMonolithic(text: string): NoteModel {
  const outcome = analyzeGroup({ text, start: 0, end: text.length, startLine: 0, evidenceBase: 0, prelude: '', endKind: 'eof', hardStart: false });
  return assemble(text, outcome.pieces);
}

/** Widest stretch of a line the hover fallback reads around the cursor (a 5 MB line costs the same as 4 KB). */
const LINE_WINDOW = 2048;

/**
 * A stand-in model from one line, for a hover while the note's analysis is not ready: the mentions of
 * `lineText` (at note offset `lineOffset`) within LINE_WINDOW of `character`, context `prose`. O(line window).
 */
export function lineModel(lineText: string, lineOffset: number, character = 0): NoteModel {
  let from = 0;
  let to = lineText.length;
  if (to > 2 * LINE_WINDOW) {
    from = Math.max(0, character - LINE_WINDOW);
    to = Math.min(lineText.length, character + LINE_WINDOW);
    // Cut at spaces so no word is split (a half word could read as another spelling).
    while (from > 0 && from < character && !/\s/.test(lineText[from - 1] ?? ' ')) from++;
    while (to < lineText.length && to > character && !/\s/.test(lineText[to] ?? ' ')) to--;
  }
  const slice = lineText.slice(from, to);
  const mentions: Mention[] = findMentions(slice).map((m) => ({ ...m, start: m.start + lineOffset + from, end: m.end + lineOffset + from, context: 'prose' as const }));
  // The stand-in knows nothing about the note as a whole: no counts ("mentioned 3×" would mean this line).
  primeMentionCounts(mentions, {});
  return { text: '', lines: new LineIndex(''), mentions, evidence: [], sections: [], transitions: [], partial: true };
}

/** Innermost section containing `offset`, or -1. */
export function sectionAt(model: NoteModel, offset: number): number {
  let found = -1;
  for (const s of model.sections) {
    if (s.start > offset) break;
    if (offset < s.end) found = s.index;
  }
  return found;
}

/** Binary search: the mention whose range contains `offset` (inclusive end, so a cursor right after a word hits it). */
export function mentionAt(model: NoteModel, offset: number): Mention | undefined {
  const ms = model.mentions;
  let lo = 0;
  let hi = ms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = ms[mid] as Mention;
    if (offset < m.start) hi = mid - 1;
    else if (offset > m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}

/**
 * Mention counts per state id (aggregates not included). Memoised per mentions array (a model's counts are
 * summed from its pieces when it is assembled), so a hover does not count a 10 MB note's mentions again;
 * the caller gets its own copy.
 */
export function mentionCounts(mentions: readonly Mention[]): Partial<Record<StateId, number>> {
  return { ...mentionCountsOf(mentions) };
}
