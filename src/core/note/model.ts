/**
 * The note model: what the analysis finds in a Markdown note (mentions with their Markdown context, evidence
 * blocks parsed from code blocks, the heading tree, transitions the note writes, the spans where nothing is
 * reported), and the two queries every feature asks of it. Built by analyze.ts; kept up to date per document
 * by documents.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import type { EvidenceSegment, SockstatNumbers } from '../evidence/types';
import type { LineIndex } from './lines';
import type { RawMention } from './recognize';

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

export type QuietSpan = readonly [start: number, end: number];

export interface NoteModel {
  readonly text: string;
  readonly lines: LineIndex;
  /** Sorted by start, non-overlapping. */
  readonly mentions: readonly Mention[];
  readonly evidence: readonly EvidenceBlock[];
  readonly sections: readonly Section[];
  readonly transitions: readonly Transition[];
  /**
   * Spans (sorted, disjoint, note offsets) where look-alikes are never reported: code blocks, HTML, images,
   * reference definitions, autolinks, and link destinations (a link's text is not quiet).
   */
  readonly quiet: readonly QuietSpan[];
  /**
   * Set on the stand-in model a hover builds from one line while the note's analysis is not ready: it holds
   * that line's mentions only (context `prose`), no evidence, no sections.
   */
  readonly partial?: true;
}

/** A span of note offsets (a section's scope), end exclusive. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Is [start, end) inside `range` (always, without one)? The section scope of the diagram and its detail. */
export function withinRange(range: OffsetRange | undefined, start: number, end: number): boolean {
  return !range || (start >= range.start && end <= range.end);
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
