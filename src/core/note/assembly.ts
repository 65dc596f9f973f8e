/**
 * The note model from its pieces (see piece.ts): their mentions, evidence, headings, transitions and quiet spans
 * appended in note order, the mention counts summed per piece, the section tree and the line index. Built in
 * steps of a bounded number of pieces, so that a result of many pieces (a worker's answer for a note of
 * thousands of tiny blocks, issue #17) can be assembled in the documents cache's background slices instead of
 * one long call on the editor's thread; assemble() is the same run to the end at once, so both give the same model.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import { countStates, primeMentionCounts } from './indexes';
import { LineIndex } from './lines';
import type { EvidenceBlock, Mention, NoteModel, QuietSpan, Section, Transition } from './model';
import type { Heading, Piece } from './piece';

type Counts = Partial<Record<StateId, number>>;

/** Work of one step: pieces plus the items they hold (a step well under a millisecond, whatever the pieces hold). */
const STEP_WORK = 1024;

const PIECE_COUNTS = new WeakMap<Piece, Counts>();

/** A piece's mention counts per state, memoised (a piece without mentions has none: nothing to remember). */
function pieceCounts(p: Piece): Counts | undefined {
  if (p.mentions.length === 0) return undefined;
  let c = PIECE_COUNTS.get(p);
  if (!c) {
    c = countStates(p.mentions);
    PIECE_COUNTS.set(p, c);
  }
  return c;
}

/** `moved` is `from` shifted (see shiftPiece): it has the same mentions, so the same counts. */
export function keepCounts(from: Piece, moved: Piece): void {
  const c = PIECE_COUNTS.get(from);
  if (c && moved !== from) PIECE_COUNTS.set(moved, c);
}

function buildSections(headings: readonly Heading[], length: number): Section[] {
  const sections: { index: number; depth: number; title: string; start: number; end: number; parent: number }[] = [];
  const open: number[] = [];
  headings.forEach((h, index) => {
    while (open.length && (sections[open[open.length - 1] as number] as Section).depth >= h.depth) {
      (sections[open.pop() as number] as { end: number }).end = h.start;
    }
    const parent = open.length ? (open[open.length - 1] as number) : -1;
    sections.push({ index, depth: h.depth, title: h.title, start: h.start, end: length, parent });
    open.push(index);
  });
  return sections;
}

const defaultClock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * The model of `text` from `pieces` (in note order), in steps: run(budgetMs) appends pieces until the budget is
 * spent (at least one step per call), then builds the sections and, unless given, the line index; `model` once
 * run() returned true.
 */
export class ModelAssembly {
  private readonly mentions: Mention[] = [];
  private readonly evidence: EvidenceBlock[] = [];
  private readonly headings: Heading[] = [];
  private readonly transitions: Transition[] = [];
  private readonly quiet: QuietSpan[] = [];
  private readonly counts: Counts = {};
  private next = 0;
  private result: NoteModel | undefined;

  constructor(
    readonly text: string,
    private readonly pieces: readonly Piece[],
    private readonly lines?: LineIndex,
  ) {}

  get done(): boolean {
    return this.result !== undefined;
  }

  /** Fraction of the pieces appended. */
  get progress(): number {
    return this.result || this.pieces.length === 0 ? 1 : this.next / this.pieces.length;
  }

  /** The model (once run() returned true). */
  get model(): NoteModel | undefined {
    return this.result;
  }

  /** Steps for about `budgetMs` by `clock` (at least one step); true when the model is complete. */
  run(budgetMs = Infinity, clock: () => number = defaultClock): boolean {
    if (this.result) return true;
    const t0 = budgetMs === Infinity ? 0 : clock();
    const { pieces } = this;
    while (this.next < pieces.length) {
      for (let work = 0; work < STEP_WORK && this.next < pieces.length; ) work += 1 + this.append(pieces[this.next++] as Piece);
      if (budgetMs !== Infinity && clock() - t0 >= budgetMs) return false;
    }
    // A hover asks for the note's mention counts: summed from the pieces, not recounted per model.
    primeMentionCounts(this.mentions, this.counts);
    const { text, mentions, evidence, transitions, quiet } = this;
    this.result = { text, lines: this.lines ?? new LineIndex(text), mentions, evidence, sections: buildSections(this.headings, text.length), transitions, quiet };
    return true;
  }

  /** Appends a piece's contents; the number of items it held. */
  private append(p: Piece): number {
    for (const m of p.mentions) this.mentions.push(m);
    for (const b of p.evidence) this.evidence.push(b);
    for (const h of p.headings) this.headings.push(h);
    for (const t of p.transitions) this.transitions.push(t);
    for (const q of p.quiet) this.quiet.push(q);
    const c = pieceCounts(p);
    if (c) for (const [id, n] of Object.entries(c) as [StateId, number][]) this.counts[id] = (this.counts[id] ?? 0) + n;
    return p.mentions.length + p.evidence.length + p.headings.length + p.transitions.length + p.quiet.length;
  }
}

/** The note model from its pieces, at once. */
export function assemble(text: string, pieces: readonly Piece[], lines?: LineIndex): NoteModel {
  const a = new ModelAssembly(text, pieces, lines);
  a.run();
  return a.model as NoteModel;
}
