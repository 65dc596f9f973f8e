/**
 * What every format reader shares: the input line, the parse state, the segment builder base class.
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_IDS, type StateId } from '../../catalogue/types';
import type { EvidenceKind, EvidenceSegment, SockstatNumbers } from '../types';
import type { CommandContext } from '../command';
import { addClamped } from '../text';

/** One input line, right-trimmed and tokenised. */
export interface Line {
  readonly index: number;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly indent: number;
}

export type KeywordSet = ReadonlySet<string>;

/** Mutable parse state shared by the builders. */
export interface ParseState {
  ctx: CommandContext | undefined;
  singleNumberUsed: boolean;
  valueKeyIndex: number;
  /** Words of ctx.text, computed on first use. */
  words?: KeywordSet;
}

export type Counts = Partial<Record<StateId, number>>;

export function addCount(counts: Counts, state: StateId, n: number): void {
  counts[state] = addClamped(counts[state] ?? 0, n);
}

const STATE_INDEX: ReadonlyMap<StateId, number> = new Map(STATE_IDS.map((s, i) => [s, i] as const));

/**
 * Per-state counts while a listing is read, one row at a time: numbers by state index, made into a Counts
 * object (states in the order first counted, as addCount builds it) once, when the segment is made.
 */
export class StateTally {
  private readonly values = new Float64Array(STATE_IDS.length);
  private readonly present = new Uint8Array(STATE_IDS.length);
  private readonly seen: StateId[] = [];

  add(state: StateId, n: number): void {
    const i = STATE_INDEX.get(state) as number;
    if (this.present[i] === 0) {
      this.present[i] = 1;
      this.seen.push(state);
    }
    this.values[i] = addClamped(this.values[i] as number, n);
  }

  /** Counts the state with 0 when it has no count yet (`counts[state] ??= 0`). */
  ensure(state: StateId): void {
    if (this.present[STATE_INDEX.get(state) as number] === 0) this.add(state, 0);
  }

  counts(): Counts {
    const out: Counts = {};
    for (const s of this.seen) out[s] = this.values[STATE_INDEX.get(s) as number] as number;
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
  sockstat?: SockstatNumbers;
  counters?: Record<string, number>;
  sysctls?: Record<string, string>;
}

export function makeSegment(kind: EvidenceKind, startLine: number, endLine: number, f: SegmentFields): EvidenceSegment {
  return {
    kind,
    startLine,
    endLine,
    counts: f.counts ?? {},
    ...(f.listed !== undefined ? { listed: f.listed } : {}),
    ...(f.filteredState !== undefined ? { filteredState: f.filteredState } : {}),
    ...(f.sockstat !== undefined ? { sockstat: f.sockstat } : {}),
    ...(f.counters !== undefined ? { counters: f.counters } : {}),
    ...(f.sysctls !== undefined ? { sysctls: f.sysctls } : {}),
  };
}

export abstract class Builder {
  start = -1;
  end = -1;
  /** Takes the line if it belongs to this output (and extends the range). */
  abstract take(line: Line): boolean;
  abstract finish(): EvidenceSegment | undefined;
  protected mark(line: Line): true {
    if (this.start < 0) this.start = line.index;
    this.end = line.index + 1;
    return true;
  }
}
