/**
 * What a per-state output says about the states it does not show (EvidenceSegment.covers) and whether it is cut
 * (EvidenceSegment.cut), from its command (command.ts: CommandContext.shows, .cut) and from the lines the reader
 * skipped inside it. The report's current counts read them (report/currentCounts.ts). Pure: no `vscode`, no Node
 * built-ins.
 */
import { SS_AGGREGATES } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';
import type { CommandContext } from './command';
import type { EvidenceKind, EvidenceSegment } from './types';

/** Kinds whose segments hold rows, one socket each (a single number after `| wc -l` has one of these kinds too). */
export const LISTING_KINDS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['ss', 'netstat', 'get-nettcpconnection', 'lsof', 'proc-net-tcp']);

/** Rows of a listing, as opposed to a number per state (`uniq -c`, `| wc -l`, the snapshot block, metrics). */
export function isListing(seg: EvidenceSegment): boolean {
  return LISTING_KINDS.has(seg.kind) && !seg.oneNumber && (seg.listed ?? 0) > 0;
}

/** Rows of a listing that shows part of the sockets (`| head`, an elided row, a filter, lsof): its counts are lower bounds. */
export function isLowerBound(seg: EvidenceSegment): boolean {
  return isListing(seg) && (seg.cut === true || seg.partial === true);
}

/**
 * The states whose count in these segments (one block or one reading of it) is a lower bound: every segment that
 * counts them is a lower-bound listing (isLowerBound).
 */
export function lowerBoundStates(segs: Iterable<EvidenceSegment>): StateId[] {
  const lower = new Set<StateId>();
  const whole = new Set<StateId>();
  for (const seg of segs) {
    const bound = isLowerBound(seg);
    for (const state of Object.keys(seg.counts) as StateId[]) (bound ? lower : whole).add(state);
  }
  return [...lower].filter((s) => !whole.has(s));
}

/** The snapshot block counts every state of /proc/net/tcp{,6}. */
const EVERY_STATE: readonly StateId[] = Object.freeze([...(SS_AGGREGATES.get('all') ?? [])]);
const ONE_STATE = new Map<StateId, readonly StateId[]>();
const only = (state: StateId): readonly StateId[] => {
  let list = ONE_STATE.get(state);
  if (!list) ONE_STATE.set(state, (list = Object.freeze([state])));
  return list;
};

/**
 * `seg` with `covers` and `cut` set from the context it was read in (`ctx`) and whether the reader skipped lines
 * inside it or an elision after it (`skipped`). Segments without per-state counts come back as they are.
 */
export function withCoverage(seg: EvidenceSegment, ctx: CommandContext | undefined, skipped: boolean): EvidenceSegment {
  if (Object.keys(seg.counts).length === 0) return seg;
  const cut = skipped || cutBy(seg, ctx);
  const covers = coverOf(seg, ctx, cut);
  if (!cut && covers === undefined) return seg;
  return { ...seg, ...(covers ? { covers } : {}), ...(cut ? { cut: true as const } : {}) };
}

/**
 * Did the command that printed the segment cut it (`head`)? Each output by its own pipeline: one number of a state
 * never (CommandContext.singleNumber), a per-state count by the pipeline that counts, rows by the others.
 */
function cutBy(seg: EvidenceSegment, ctx: CommandContext | undefined): boolean {
  if (ctx === undefined || seg.oneNumber === true) return false;
  return seg.kind === 'state-counts' && ctx.counting ? ctx.countsCut : ctx.cut;
}

function coverOf(seg: EvidenceSegment, ctx: CommandContext | undefined, cut: boolean): readonly StateId[] | undefined {
  if (seg.kind === 'snapshot') return EVERY_STATE;
  if (cut || seg.partial) return undefined;
  // One number of one state, or a filtered listing with no row: that state, and none of it when 0.
  if (seg.filteredState !== undefined && (seg.oneNumber || (LISTING_KINDS.has(seg.kind) && seg.listed === 0))) return only(seg.filteredState);
  // A whole per-state count: every state its command can show.
  if (seg.kind === 'state-counts' && !seg.oneNumber && ctx?.counting === true) return ctx.shows;
  return undefined;
}
