/**
 * A piece: one top-level stretch of a note and everything found in it, in note offsets, lines and evidence
 * indexes. The unit the piece store (pieceStore.ts) keeps, shifts after an edit and re-analyses.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, Mention, QuietSpan, Transition } from './model';

export type PieceMode = 'fence' | 'markdown' | 'plain';

export interface Heading {
  readonly depth: number;
  readonly title: string;
  readonly start: number;
}

/** One top-level stretch of the note and everything found in it, in note offsets, lines and evidence indexes. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  /** Number of `\n` before `start` (LineIndex numbering). */
  readonly startLine: number;
  /** Index of this piece's first evidence block in the note. */
  readonly evidenceBase: number;
  readonly mode: PieceMode;
  /** The piece starts at a forced boundary (after a plain piece, or before one): never resume re-analysis here. */
  readonly hard: boolean;
  readonly mentions: readonly Mention[];
  readonly evidence: readonly EvidenceBlock[];
  readonly headings: readonly Heading[];
  readonly transitions: readonly Transition[];
  /** Spans where look-alikes are never reported (NoteModel.quiet). */
  readonly quiet: readonly QuietSpan[];
  /** Definitions made here, as prelude entries (`[id]: <>` or `[^id]: x`). */
  readonly definitions: readonly string[];
}

/**
 * [start, end) of `text` as a string of its own. A plain slice may keep the whole note alive (V8 slices
 * longer substrings by reference), and every string the analysis keeps (mention texts, titles, sysctl
 * values) is cut from these: an edited note's old versions must not stay in memory through them.
 */
export function detach(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  return s.length < 13 ? s : ` ${s}`.slice(1);
}


/** A mention being built (classification, shifting). */
export type MutableMention = { -readonly [K in keyof Mention]: Mention[K] };

export function emptyPiece(start: number, end: number, startLine: number, evidenceBase: number, mode: PieceMode, hard: boolean): Piece {
  return { start, end, startLine, evidenceBase, mode, hard, mentions: [], evidence: [], headings: [], transitions: [], quiet: [], definitions: [] };
}

/** Moves a piece by `dOff` characters, `dLine` lines and `dEv` evidence indexes (new objects only where needed). */
export function shiftPiece(p: Piece, dOff: number, dLine: number, dEv: number): Piece {
  if (dOff === 0 && dLine === 0 && dEv === 0) return p;
  const mentions =
    dOff === 0 && dEv === 0
      ? p.mentions
      : p.mentions.map((m) => {
          const o: MutableMention = { start: m.start + dOff, end: m.end + dOff, text: m.text, kind: m.kind, id: m.id, context: m.context };
          if (m.families) o.families = m.families;
          if (m.states) o.states = m.states;
          if (m.evidenceIndex !== undefined) o.evidenceIndex = m.evidenceIndex + dEv;
          return o;
        });
  const evidence = p.evidence.map((b) => ({
    ...b,
    index: b.index + dEv,
    start: b.start + dOff,
    end: b.end + dOff,
    startLine: b.startLine + dLine,
    endLine: b.endLine + dLine,
    segments: dLine === 0 ? b.segments : b.segments.map((s) => ({ ...s, startLine: s.startLine + dLine, endLine: s.endLine + dLine })),
  }));
  return {
    ...p,
    start: p.start + dOff,
    end: p.end + dOff,
    startLine: p.startLine + dLine,
    evidenceBase: p.evidenceBase + dEv,
    mentions,
    evidence,
    headings: dOff === 0 ? p.headings : p.headings.map((h) => ({ ...h, start: h.start + dOff })),
    transitions: dOff === 0 ? p.transitions : p.transitions.map((t) => ({ ...t, start: t.start + dOff, end: t.end + dOff })),
    quiet: dOff === 0 ? p.quiet : p.quiet.map(([s, e]) => [s + dOff, e + dOff] as const),
  };
}

