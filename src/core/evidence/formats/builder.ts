/**
 * What every format reader shares: the input line, the parse state, the segment builder base class.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceKind, EvidenceSegment, SockstatNumbers } from '../types';
import type { CommandContext } from '../command';
import { addClamped, isDigitsIn, isSpaceCode, leadingSpace, stateFromToken, tokenBounds, tokenize } from '../text';

/** The last few state tokens read by Line.headState and their states (stateFromToken is a pure function of the text). */
const RECENT = 8;
const RECENT_MAX_LENGTH = 12;
const RECENT_TOKENS: string[] = new Array<string>(RECENT).fill('');
const RECENT_STATES: (StateId | undefined)[] = new Array<StateId | undefined>(RECENT).fill(undefined);
let recentNext = 0;

/** Tokens whose bounds a Line finds without cutting them out: the columns a listing row is recognised by. */
export const HEAD_TOKENS = 8;

/**
 * One input line, right-trimmed. Tokenised on first use of `tokens`: many lines are decided by their text
 * alone (the `ss -i` line under a row, a line a listing's header test rejects), and tokens are most of the cost.
 * A listing row is read through `head*`: the bounds of its first HEAD_TOKENS tokens, tested in place, with
 * only the tokens it keeps cut out. parse.ts moves one Line along the lines of a block (`reset`): a builder
 * reads the line it is given and keeps nothing of it.
 */
export class Line {
  private at = 0;
  private str = '';
  private lead = 0;
  private list: readonly string[] | undefined;
  private heads = -1;
  /** Bounds of the head tokens of the line that asked last (one line is read at a time), by the line's id. */
  private static readonly bounds = new Int32Array(2 * HEAD_TOKENS);
  private static owner = 0;
  private static lines = 0;
  private id = 0;

  constructor(index: number, text: string) {
    this.reset(index, text);
  }

  /** Makes this the line `index` with `text` (forgets the tokens of the previous one). */
  reset(index: number, text: string): this {
    this.at = index;
    this.str = text;
    this.lead = leadingSpace(text);
    this.list = undefined;
    this.id = ++Line.lines;
    return this;
  }

  get index(): number {
    return this.at;
  }

  get text(): string {
    return this.str;
  }

  /** Number of leading whitespace characters. */
  get indent(): number {
    return this.lead;
  }

  get tokens(): readonly string[] {
    return (this.list ??= tokenize(this.text));
  }

  private headBounds(): Int32Array {
    if (Line.owner !== this.id) {
      this.heads = tokenBounds(this.text, Line.bounds, HEAD_TOKENS);
      Line.owner = this.id;
    }
    return Line.bounds;
  }

  /** Number of tokens, counted up to HEAD_TOKENS (`tokens.length` when that is smaller). */
  headCount(): number {
    this.headBounds();
    return this.heads;
  }

  /** Token `i` (< HEAD_TOKENS), as `tokens[i]`. */
  head(i: number): string | undefined {
    const b = this.headBounds();
    return i < this.heads ? this.text.slice(b[2 * i], b[2 * i + 1]) : undefined;
  }

  /** isDigits(tokens[i]) for i < HEAD_TOKENS, in place. */
  headIsDigits(i: number): boolean {
    const b = this.headBounds();
    return i < this.heads && isDigitsIn(this.text, b[2 * i] as number, b[2 * i + 1] as number);
  }

  /** tokens[i].includes(ch) for a one-character `ch` (false when there is no token i), in place. */
  headIncludes(i: number, ch: string): boolean {
    const b = this.headBounds();
    if (i >= this.heads) return false;
    const at = this.text.indexOf(ch, b[2 * i]);
    return at >= 0 && at < (b[2 * i + 1] as number);
  }

  /** tokens[i] is one of `words`, in place. */
  headIsOneOf(i: number, words: readonly string[]): boolean {
    const b = this.headBounds();
    if (i >= this.heads) return false;
    const start = b[2 * i] as number;
    const length = (b[2 * i + 1] as number) - start;
    for (const w of words) if (w.length === length && this.text.startsWith(w, start)) return true;
    return false;
  }

  /** stateFromToken(tokens[i]) for i < HEAD_TOKENS; a state token seen lately is matched in place (no string made). */
  headState(i: number): StateId | undefined {
    const b = this.headBounds();
    if (i >= this.heads) return undefined;
    const start = b[2 * i] as number;
    const end = b[2 * i + 1] as number;
    const length = end - start;
    const t = this.text;
    const last = t.charCodeAt(end - 1);
    for (let k = 0; k < RECENT; k++) {
      const r = RECENT_TOKENS[k] as string;
      // Same length and last character first (`FIN-WAIT-1` / `FIN-WAIT-2`), then the whole token.
      if (r.length === length && r.charCodeAt(length - 1) === last && t.startsWith(r, start)) return RECENT_STATES[k];
    }
    const token = t.slice(start, end);
    const state = stateFromToken(token);
    // Short tokens only: a copy (a longer slice would keep the whole note alive in this cache).
    if (length <= RECENT_MAX_LENGTH) {
      RECENT_TOKENS[recentNext] = token;
      RECENT_STATES[recentNext] = state;
      recentNext = (recentNext + 1) % RECENT;
    }
    return state;
  }

  /** The last character code of tokens[i] (i < HEAD_TOKENS), or -1 when there is no token i. */
  headLastCode(i: number): number {
    const b = this.headBounds();
    return i < this.heads ? this.text.charCodeAt((b[2 * i + 1] as number) - 1) : -1;
  }

  /** tokens[0] === word, in place. */
  firstTokenIs(word: string): boolean {
    const t = this.text;
    const at = this.indent;
    const end = at + word.length;
    return t.startsWith(word, at) && (end === t.length || isSpaceCode(t.charCodeAt(end)));
  }
}

export type KeywordSet = ReadonlySet<string>;

/** The context of the next one-number count the line prints: its own command's, or the line's when it prints one. */
export function countContext(st: ParseState): CommandContext | undefined {
  const outputs = st.ctx?.outputs;
  if (outputs !== undefined) return outputs.counts[st.countsRead];
  return st.countsRead === 0 ? st.ctx : undefined;
}

/**
 * The context of the next `ss` listing the line prints: its own command's when it is the line's only one, or each of
 * the line's listings is in the output with its header (the only line that tells where one ends: ParseState
 * listingsMatched); else undefined, and the listing's rows cannot be told to be any one command's.
 */
export function listingContext(st: ParseState): CommandContext | undefined {
  const outputs = st.ctx?.outputs;
  if (outputs === undefined || outputs.listings.length === 0) return st.ctx;
  if (outputs.listings.length === 1) return outputs.listings[0];
  return st.listingsMatched ? outputs.listings[st.listingsRead] : undefined;
}

/** Mutable parse state shared by the builders. */
export interface ParseState {
  ctx: CommandContext | undefined;
  /** The one-number counts and the `ss` listings of the command line read so far (CommandContext.outputs). */
  countsRead: number;
  listingsRead: number;
  /** The output holds as many `ss` headers as the line (or the host's part of a fanned-out output) has listings. */
  listingsMatched: boolean;
  /** The command line runs a loop: its output is its body's, once per pass (loopPasses.ts). */
  inLoop?: boolean;
  valueKeyIndex: number;
  /** Words of ctx.text, computed on first use. */
  words?: KeywordSet;
}

export type Counts = Partial<Record<StateId, number>>;

export function addCount(counts: Counts, state: StateId, n: number): void {
  counts[state] = addClamped(counts[state] ?? 0, n);
}

/**
 * Per-state counts while a listing (or a block's segments) is read: the states in the order first counted and
 * their numbers, made into a Counts object (the order addCount builds) once, when the segment is made. A
 * listing counts a handful of states, so a scan of `seen` finds one (no map, no typed array per listing).
 */
export class StateTally {
  private readonly seen: StateId[] = [];
  private readonly values: number[] = [];

  add(state: StateId, n: number): void {
    const seen = this.seen;
    let i = 0;
    while (i < seen.length && seen[i] !== state) i++;
    if (i === seen.length) {
      seen.push(state);
      this.values.push(addClamped(0, n));
    } else this.values[i] = addClamped(this.values[i] as number, n);
  }

  /** Counts the state with 0 when it has no count yet (`counts[state] ??= 0`). */
  ensure(state: StateId): void {
    if (!this.seen.includes(state)) this.add(state, 0);
  }

  get size(): number {
    return this.seen.length;
  }

  counts(): Counts {
    const out: Counts = {};
    for (let i = 0; i < this.seen.length; i++) out[this.seen[i] as StateId] = this.values[i] as number;
    return out;
  }
}

export function sumCounts(counts: Counts): number {
  let s = 0;
  for (const v of Object.values(counts)) if (v !== undefined) s = addClamped(s, v);
  return s;
}

interface SegmentFields {
  counts?: Counts;
  listed?: number;
  filteredState?: StateId;
  oneNumber?: true;
  sockstat?: SockstatNumbers;
  counters?: Record<string, number>;
  nstat?: 'increments' | 'totals';
  sysctls?: Record<string, string>;
  set?: true;
}

export function makeSegment(kind: EvidenceKind, startLine: number, endLine: number, f: SegmentFields): EvidenceSegment {
  // Optional fields assigned when present (not spread from temporary objects): same keys, same order.
  const seg: Mutable<EvidenceSegment> = { kind, startLine, endLine, counts: f.counts ?? {} };
  if (f.listed !== undefined) seg.listed = f.listed;
  if (f.filteredState !== undefined) seg.filteredState = f.filteredState;
  if (f.oneNumber) seg.oneNumber = true;
  if (f.sockstat !== undefined) seg.sockstat = f.sockstat;
  if (f.counters !== undefined) seg.counters = f.counters;
  if (f.nstat !== undefined) seg.nstat = f.nstat;
  if (f.sysctls !== undefined) seg.sysctls = f.sysctls;
  if (f.set !== undefined) seg.set = f.set;
  return seg;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The wrapped end of an `ss -p` process list: one word holding `pid=` or `fd=` and a closing parenthesis. */
function wrappedProcessList(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 2000 && !/\s/.test(t) && t.includes(')') && (t.includes('fd=') || t.includes('pid='));
}

/** A line that marks rows left out: `...`, `…`, `⋮`, `(省略 6 万行)`, `[snip]`, `<truncated>`. */
const ELISION = /^[\s([（<]*(?:\.\.\.|…|⋮|省略|omitted|snip|truncated)/i;

export abstract class Builder {
  start = -1;
  end = -1;
  /** A line was skipped since the last one taken (it is inside the output once another is taken). */
  private skipping = false;
  /** Lines were skipped inside the output, or an elision line after it: the output is cut (EvidenceSegment.cut). */
  cut = false;
  /**
   * The context of the one command of a line of several that printed this output (CommandContext.outputs), when
   * the driver knows it; otherwise the line's.
   */
  context: CommandContext | undefined = undefined;
  /** Takes the line if it belongs to this output (and extends the range). */
  abstract take(line: Line): boolean;
  abstract finish(): EvidenceSegment | undefined;
  protected mark(line: Line): true {
    if (this.start < 0) this.start = line.index;
    else if (this.skipping) this.cut = true;
    this.skipping = false;
    this.end = line.index + 1;
    return true;
  }
  /** The driver read a line while this output was open that neither it nor any other reader took. */
  skip(text: string): void {
    // The rest of a row's process list that the terminal wrapped (`3,fd=6),("nginx",pid=2002,fd=6))`): no row left out.
    if (wrappedProcessList(text)) return;
    this.skipping = true;
    if (ELISION.test(text)) this.cut = true;
  }
}
