/**
 * The piece store: a note's analysis kept as pieces (top-level stretches, see groups.ts). A full
 * analysis builds them in order; an edit re-analyses from the last piece boundary before the edited line
 * until a new boundary lands on an old one past the edit, and shifts the pieces after it. The model is the
 * same as a full analysis of the new text (property-tested), for the cost of the blocks the edit touches.
 *
 * Work runs in steps (one group of blocks or one fenced block each), so the same builder serves the
 * synchronous analysis and the one in slices (SlicedAnalysis, driven by documents.ts).
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import { assemble, keepCounts, ModelAssembly } from './assembly';
import { countNewlines, fenceOpenAt, MAX_QUOTE_STARTS, nextCandidate, quoteStarts, riskyStretch, type FenceOpen } from './blocks';
import { Definitions } from './definitions';
import { analyzeFence, fencePieceEnd } from './fence';
import { parseGroups, piecesOfGroup, type EndKind } from './groups';
import { LineIndex, lineStartsOf } from './lines';
import type { NoteModel } from './model';
import { shiftPiece, type Piece } from './piece';
import { analyzePlain, PLAIN_LIMIT } from './plain';
import { analyzeSimple, simpleShape, type SimpleShape } from './simple';

export { assemble } from './assembly';

/** Target size of a markdown group in a full analysis (remark is called once per group). */
const GROUP_TARGET = 8 * 1024;

/** A note's model with the pieces it was assembled from, kept for updates after an edit. */
export interface NoteAnalysis {
  readonly model: NoteModel;
  readonly pieces: readonly Piece[];
  /** The note's link and footnote definitions (prelude entries), re-declared to every group that refers to them. */
  readonly definitions: Definitions;
}

function endKindAt(text: string, pos: number): EndKind {
  if (pos >= text.length) return 'eof';
  return fenceOpenAt(text, pos) ? 'fence' : 'blank';
}

/**
 * Builds pieces from `pos` forward, one step at a time. `stop(pos)` is asked at every boundary the builder
 * reaches (after the first step) and ends the run when it returns true.
 */
class PieceBuilder {
  readonly pieces: Piece[] = [];
  private steps = 0;

  constructor(
    readonly text: string,
    public pos: number,
    public line: number,
    public evidence: number,
    private readonly definitions: Definitions,
    private readonly target: number,
    private readonly stop: ((pos: number, builder: PieceBuilder) => boolean) | undefined,
    /** The piece at `pos` starts at a forced boundary. */
    public hard: boolean,
    /** Last position to reach (exclusive) when re-running a known stretch. */
    private readonly limit = text.length,
    /** Most text one step plans (a single fenced block may be longer): small for background slices. */
    private readonly window = PLAN_WINDOW,
  ) {}

  get done(): boolean {
    return this.pos >= this.limit || (this.steps > 0 && this.stop !== undefined && this.stop(this.pos, this));
  }

  private push(pieces: readonly Piece[]): void {
    for (const p of pieces) {
      this.pieces.push(p);
      this.evidence += p.evidence.length;
    }
    const last = pieces[pieces.length - 1];
    if (last) {
      this.line = last.startLine + countNewlines(this.text, last.start, last.end);
      this.pos = last.end;
    }
  }

  /**
   * One unit of work: the next stretch of the note planned lexically (fenced blocks, simple blocks, markdown
   * groups up to the target size), its markdown groups parsed in one remark call, then analysed in order.
   */
  step(): void {
    this.steps++;
    const { text } = this;
    const plan = this.plan();
    const groups = plan.filter((item): item is GroupItem => item.kind === 'group');
    const parsed = groups.length > 1 ? parseGroups(text, groups, this.definitions.preludeFor(text, groups)) : undefined;
    let g = 0;
    for (const item of plan) {
      switch (item.kind) {
        case 'fence':
          this.push([analyzeFence(text, item.start, item.fence, this.line, this.evidence, item.hard)]);
          break;
        case 'simple':
          this.push([analyzeSimple(text, item.start, item.end, item.shape, this.line, this.evidence, item.hard)]);
          break;
        case 'plain':
          this.push([analyzePlain(text, item.start, item.end, this.line, this.evidence, item.hard)]);
          break;
        case 'group': {
          const pre = parsed?.[g++];
          const prelude = this.definitions.preludeFor(text, [item]);
          const input = { text, start: item.start, end: item.end, startLine: this.line, evidenceBase: this.evidence, prelude, endKind: item.endKind, hardStart: item.hard };
          const outcome = pre ? piecesOfGroup(input, pre) : undefined;
          if (outcome?.kind !== 'done') {
            // Alone, growing it if its last block runs on; what was planned after it no longer holds.
            this.runGroup(item);
            return;
          }
          this.push(outcome.pieces);
          break;
        }
      }
      this.hard = item.hardAfter;
    }
  }

  /** Lexical plan of the next stretch; each item knows whether it starts (and what follows it starts) at a forced boundary. */
  private plan(): PlanItem[] {
    const { text, limit } = this;
    const items: PlanItem[] = [];
    const maxItems = this.target === 0 ? 1 : 256;
    const hugeAt = (pos: number): boolean => pos < text.length && !fenceOpenAt(text, pos) && plainStretch(text, pos, nextCandidate(text, pos));
    let p = this.pos;
    let hard = this.hard;
    let groupBytes = 0;
    let callQuotes = 0;
    while (p < limit && items.length < maxItems && p - this.pos < this.window) {
      const fence = fenceOpenAt(text, p);
      if (fence) {
        const end = fencePieceEnd(text, fence);
        items.push({ kind: 'fence', start: p, end, fence, hard, hardAfter: hugeAt(end) });
        p = end;
        hard = hugeAt(end);
        continue;
      }
      let end = nextCandidate(text, p);
      if (plainStretch(text, p, end)) {
        items.push({ kind: 'plain', start: p, end, hard, hardAfter: true });
        break;
      }
      const shape = simpleShape(text, p, end);
      if (shape) {
        items.push({ kind: 'simple', start: p, end, shape, hard, hardAfter: hugeAt(end) });
        p = end;
        hard = hugeAt(end);
        continue;
      }
      // Block quotes per remark call are capped (issue #17: remark is quadratic in their number): a group
      // that would take the call past the cap waits for the next step, and a group stops growing there.
      let quotes = quoteStarts(text, p, end, MAX_QUOTE_STARTS);
      if (callQuotes > 0 && callQuotes + quotes > MAX_QUOTE_STARTS) break;
      let endKind: EndKind = endKindAt(text, end);
      while (end < limit && end - p < this.target && endKind === 'blank') {
        const next = nextCandidate(text, end);
        if (plainStretch(text, end, next) || simpleShape(text, end, next)) break;
        const more = quoteStarts(text, end, next, MAX_QUOTE_STARTS);
        if (callQuotes + quotes + more > MAX_QUOTE_STARTS) break;
        quotes += more;
        end = next;
        endKind = endKindAt(text, end);
      }
      if (hugeAt(end)) endKind = 'hard';
      items.push({ kind: 'group', start: p, end, endKind, hard, hardAfter: endKind === 'hard' });
      groupBytes += end - p;
      callQuotes += quotes;
      p = end;
      hard = endKind === 'hard';
      if (groupBytes >= this.target || callQuotes >= MAX_QUOTE_STARTS) break;
    }
    return items;
  }

  /** A markdown group alone, grown while its last block runs past its end. */
  private runGroup(item: GroupItem): void {
    const { text } = this;
    let { end, endKind } = item;
    let from = item.start;
    let hard = item.hard;
    for (;;) {
      const prelude = this.definitions.preludeFor(text, [{ start: from, end }]);
      const outcome = piecesOfGroup({ text, start: from, end, startLine: this.line, evidenceBase: this.evidence, prelude, endKind, hardStart: hard });
      if (outcome.kind === 'done') {
        this.push(outcome.pieces);
        this.hard = endKind === 'hard';
        return;
      }
      this.push(outcome.pieces);
      if (outcome.pieces.length) hard = false;
      from = outcome.from;
      // Grow to the closing line; a huge stretch on the way is cut off (it will be plain text).
      let to = outcome.to > end ? outcome.to : nextCandidate(text, end);
      let scan = end;
      let cut: number | undefined;
      while (scan < to) {
        const next = nextCandidate(text, scan);
        if (!fenceOpenAt(text, scan) && plainStretch(text, scan, next)) {
          cut = scan;
          break;
        }
        scan = next;
      }
      if (cut !== undefined) to = cut;
      // Too long, or more block quotes than one remark call may hold (issue #17): plain text.
      if (to - from > PLAIN_LIMIT || quoteStarts(text, from, to, MAX_QUOTE_STARTS) > MAX_QUOTE_STARTS) {
        this.push([analyzePlain(text, from, to, this.line, this.evidence, hard)]);
        this.hard = true;
        return;
      }
      end = to;
      endKind = cut !== undefined ? 'hard' : endKindAt(text, end);
    }
  }
}

/**
 * A stretch between two candidates that goes to plain mode: too long for remark (its cost grows faster
 * than linearly on one huge paragraph) or built to make it slow (absurd nesting, see riskyStretch).
 */
function plainStretch(text: string, start: number, end: number): boolean {
  return end - start > PLAIN_LIMIT || riskyStretch(text, start, end);
}

/** Most text one step plans (a single fenced block may be longer). */
const PLAN_WINDOW = 64 * 1024;
/** The same for background analysis: a step of a few ms even on a slow, busy machine. */
const SLICE_WINDOW = 12 * 1024;

interface ItemBase {
  readonly start: number;
  readonly end: number;
  /** The item starts at a forced boundary. */
  readonly hard: boolean;
  /** The next item starts at a forced boundary. */
  readonly hardAfter: boolean;
}
type GroupItem = ItemBase & { readonly kind: 'group'; readonly endKind: EndKind };
type PlanItem =
  | (ItemBase & { readonly kind: 'fence'; readonly fence: FenceOpen })
  | (ItemBase & { readonly kind: 'simple'; readonly shape: SimpleShape })
  | (ItemBase & { readonly kind: 'plain' })
  | GroupItem;

function definitionsOf(pieces: readonly Piece[]): string[] {
  const out: string[] = [];
  for (const p of pieces) for (const d of p.definitions) out.push(d);
  return out;
}

/** shiftPiece, keeping the piece's mention counts (moving a piece does not change them). */
function moved(p: Piece, dOff: number, dLine: number, dEv: number): Piece {
  const q = shiftPiece(p, dOff, dLine, dEv);
  keepCounts(p, q);
  return q;
}

function drain(b: PieceBuilder): Piece[] {
  while (!b.done) b.step();
  return b.pieces;
}

/** Re-runs the markdown pieces that may hold references, with the definitions they name. */
function withDefinitions(text: string, pieces: Piece[], definitions: Definitions): Piece[] {
  const steps = definitionSteps(text, pieces, definitions);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/**
 * withDefinitions one builder step at a time (a generator: yields after each step), so the background
 * analysis slices this second pass like the first (issue #17: a note of many definitions re-analysed
 * everything in one synchronous call).
 */
function* definitionSteps(text: string, pieces: Piece[], definitions: Definitions): Generator<void, Piece[], void> {
  const out: Piece[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i] as Piece;
    if (p.mode !== 'markdown') {
      out.push(moved(p, 0, 0, (out.length ? evidenceEnd(out) : 0) - p.evidenceBase));
      i++;
      continue;
    }
    let j = i;
    while (j < pieces.length && (pieces[j] as Piece).mode === 'markdown') j++;
    const runEnd = (pieces[j - 1] as Piece).end;
    const ev = out.length ? evidenceEnd(out) : 0;
    if (!definitions.preludeFor(text, [{ start: p.start, end: runEnd }])) {
      for (let k = i; k < j; k++) out.push(moved(pieces[k] as Piece, 0, 0, ev - p.evidenceBase));
    } else {
      const b = new PieceBuilder(text, p.start, p.startLine, ev, definitions, GROUP_TARGET, undefined, p.hard, runEnd, SLICE_WINDOW);
      while (!b.done) {
        b.step();
        yield;
      }
      for (const q of b.pieces) out.push(q);
    }
    i = j;
  }
  return out;
}

function evidenceEnd(pieces: readonly Piece[]): number {
  const last = pieces[pieces.length - 1];
  return last ? last.evidenceBase + last.evidence.length : 0;
}

/** The final pieces from the first pass: the second pass when the note defines links or footnotes. */
function finalPieces(text: string, firstPass: Piece[]): { pieces: Piece[]; definitions: Definitions } {
  const defs = definitionsOf(firstPass);
  if (defs.length === 0) return { pieces: firstPass, definitions: Definitions.none };
  const definitions = new Definitions(defs);
  return { pieces: withDefinitions(text, firstPass, definitions), definitions };
}

function fullPieces(text: string): { pieces: Piece[]; definitions: Definitions } {
  return finalPieces(text, drain(new PieceBuilder(text, 0, 0, 0, Definitions.none, GROUP_TARGET, undefined, false)));
}

/** Full analysis, kept for updates. */
export function buildAnalysis(text: string): NoteAnalysis {
  const { pieces, definitions } = fullPieces(text);
  return { model: assemble(text, pieces), pieces, definitions };
}

/**
 * The pieces and definitions of a full analysis without the model (buildAnalysis less the assembly): what the
 * analysis worker sends, since the host assembles the model from the pieces itself (transfer.ts).
 */
export function buildPieces(text: string): { readonly pieces: readonly Piece[]; readonly definitions: readonly string[] } {
  const { pieces, definitions } = fullPieces(text);
  return { pieces, definitions: definitions.entries };
}

/**
 * A full analysis that runs in slices: run(budget) does steps until the budget is spent, finishNow()
 * completes it at once (when a command needs the model now). Pieces are kept for incremental updates.
 */
export class SlicedAnalysis {
  private readonly builder: PieceBuilder;
  private result: NoteAnalysis | undefined;
  /** The second pass over a note that defines links or footnotes (see finish), once the first is done. */
  private second: { definitions: Definitions; steps: Generator<void, Piece[], void> } | undefined;
  /** The final pieces, once known, and the assembly of the model from them. */
  private final: { pieces: Piece[]; definitions: Definitions; assembly: ModelAssembly } | undefined;

  constructor(readonly text: string) {
    this.builder = new PieceBuilder(text, 0, 0, 0, Definitions.none, GROUP_TARGET, undefined, false, text.length, SLICE_WINDOW);
  }

  get done(): boolean {
    return this.result !== undefined;
  }

  /** Fraction of the note analysed. */
  get progress(): number {
    return this.result || this.text.length === 0 ? 1 : this.builder.pos / this.text.length;
  }

  get analysis(): NoteAnalysis | undefined {
    return this.result;
  }

  /** Steps for at most about `budgetMs` by `clock` (one step may overrun it); true when the analysis is complete. */
  run(budgetMs: number, clock: () => number = now): boolean {
    if (this.result) return true;
    const t0 = clock();
    const spent = (): boolean => clock() - t0 >= budgetMs;
    if (!this.final) {
      while (!this.builder.done) {
        this.builder.step();
        if (spent()) return false;
      }
      if (!this.second) {
        const first = this.builder.pieces;
        const defs = definitionsOf(first);
        if (defs.length === 0) this.final = { pieces: first, definitions: Definitions.none, assembly: new ModelAssembly(this.text, first) };
        else {
          // A note that defines links or footnotes: the second pass (see finish) runs in slices too.
          const definitions = new Definitions(defs);
          this.second = { definitions, steps: definitionSteps(this.text, first, definitions) };
          if (spent()) return false;
        }
      }
      while (!this.final) {
        const second = this.second as NonNullable<typeof this.second>;
        const r = second.steps.next();
        if (r.done) this.final = { pieces: r.value, definitions: second.definitions, assembly: new ModelAssembly(this.text, r.value) };
        else if (spent()) return false;
      }
    }
    // The model is assembled in the rest of this slice and, for a note of very many pieces, the next ones.
    const { pieces, definitions, assembly } = this.final;
    if (!assembly.run(budgetMs - (clock() - t0), clock)) return false;
    this.result = { model: assembly.model as NoteModel, pieces, definitions };
    return true;
  }

  finishNow(): NoteAnalysis {
    this.run(Infinity);
    return this.result as NoteAnalysis;
  }
}

/**
 * How long a note may be analysed synchronously when it is opened (issue #17: sync or background is decided
 * by measured cost, not size alone): the documents cache runs a SlicedAnalysis for this long, and a note not
 * done by then is finished in background slices while hovers read the hovered line.
 */
export const FIRST_SLICE_MS = 30;

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Index of the last piece starting at or before `offset`. */
function pieceAt(pieces: readonly Piece[], offset: number): number {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((pieces[mid] as Piece).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function lineStartOf(text: string, pos: number): number {
  let i = pos;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/**
 * The analysis of `text`, which differs from `prev.model.text` only in [start, oldEnd) of the old text (now
 * [start, oldEnd + text.length - old length) of the new one). Re-analyses the pieces the edit touches.
 */
export function updateAnalysis(prev: NoteAnalysis, text: string, start: number, oldEnd: number): NoteAnalysis {
  const old = prev.model.text;
  const delta = text.length - old.length;
  const newEnd = oldEnd + delta;
  if (start < 0 || oldEnd > old.length || start > oldEnd || newEnd < start || prev.pieces.length === 0) return buildAnalysis(text);
  const pieces = prev.pieces;
  // Resume at the last soft boundary on a line before the edited one (its line and the one before it are intact).
  const editLine = lineStartOf(old, start);
  let i = pieceAt(pieces, Math.max(0, editLine - 1));
  while (i > 0 && ((pieces[i] as Piece).start >= editLine || (pieces[i] as Piece).hard || (pieces[i] as Piece).mode === 'plain')) i--;
  const first = pieces[i] as Piece;
  // Stop where a new boundary past the edit is an old boundary shifted by delta.
  let sync = -1;
  const stop = (pos: number, builder: PieceBuilder): boolean => {
    if (pos < newEnd || pos >= text.length || builder.hard) return false;
    const j = pieceAt(pieces, pos - delta);
    const q = pieces[j] as Piece;
    if (q.start !== pos - delta || j <= i || q.hard) return false;
    sync = j;
    return true;
  };
  const b = new PieceBuilder(text, first.start, first.startLine, first.evidenceBase, prev.definitions, 0, stop, first.hard);
  const fresh = drain(b);
  // Definitions are note-wide: when the edit adds, removes or changes one, analyse the whole note again.
  const oldDefs = definitionsOf(pieces.slice(i, sync === -1 ? pieces.length : sync)).join('\n');
  if (definitionsOf(fresh).join('\n') !== oldDefs) return buildAnalysis(text);
  const out = pieces.slice(0, i);
  for (const p of fresh) out.push(p);
  if (sync !== -1) {
    const q = pieces[sync] as Piece;
    const dLine = b.line - q.startLine;
    const dEv = b.evidence - q.evidenceBase;
    for (let k = sync; k < pieces.length; k++) out.push(moved(pieces[k] as Piece, delta, dLine, dEv));
  }
  return { model: assemble(text, out, shiftedLines(prev.model.lines, text, start, oldEnd, newEnd)), pieces: out, definitions: prev.definitions };
}

/** Line starts of the edited text from the old ones: the same before the edit, shifted after it. */
function shiftedLines(old: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
  const starts = old.lineStarts;
  const delta = newEnd - oldEnd;
  const out: number[] = [];
  let k = 0;
  // Re-derived from the character before the edit: an edit next to a `\r` can make or break a `\r\n` pair.
  while (k < starts.length && (k === 0 || (starts[k] as number) < start)) out.push(starts[k++] as number);
  lineStartsOf(text, Math.max(0, start - 1), newEnd, out);
  while (k < starts.length && (starts[k] as number) <= oldEnd) k++;
  while (k < starts.length) out.push((starts[k++] as number) + delta);
  return new LineIndex(text, out);
}
