/**
 * A block that holds several readings: a loop of `date` and sockstat or `ss -s`, dated prompts one after another.
 * Read by timeline.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import type { StateId } from '../catalogue/types';
import { lowerBoundStates } from '../evidence/coverage';
import { mergeSegments } from '../evidence/parse';
import { blockTime, clockOn, dateOutput, promptClock, timeAbove, underHeading } from './blockTime';
import { hostOfSegments, segmentHosts } from './hosts';
import { minutesOf, type NoteTime } from './time';

type Segment = EvidenceBlock['segments'][number];

/** A segment with sample numbers (sockstat TCP numbers or per-state counts). */
const isSample = (seg: Segment): boolean => seg.sockstat?.tcp !== undefined || Object.keys(seg.counts).length > 0;

/** One reading of a block that holds several: its time and its numbers, and the host its prompts name. */
export interface Reading {
  readonly t: NoteTime;
  readonly tcp: NonNullable<EvidenceBlock['sockstat']>['tcp'];
  readonly counts: Partial<Record<StateId, number>>;
  readonly host?: string;
  /** The states whose count is a lower bound (evidence/coverage.ts lowerBoundStates). */
  readonly atLeast: readonly StateId[];
}

interface Group {
  /** The date or time of day read for it, if any. */
  t?: NoteTime;
  clock?: NoteTime;
  readonly segs: number[];
  readonly host?: string;
}

/** The reading of a group of the block's sample outputs (indexes), at time `t`. */
function reading(block: EvidenceBlock, segs: readonly number[], t: NoteTime): Reading {
  const own = segs.map((i) => block.segments[i] as Segment);
  const merged = mergeSegments(own);
  const host = hostOfSegments(block, segs);
  return { t, tcp: merged.sockstat?.tcp, counts: merged.counts, atLeast: lowerBoundStates(own), ...(host !== undefined ? { host } : {}) };
}

/**
 * The groups of the block's sample outputs: a new group at each date (dateOutput) or, with `byHost`, at each output
 * whose host (hosts.ts segmentHosts) differs from the group's; each group with the date, or the time of day of a
 * prompt (promptClock), the latest read between the output before and its first output.
 */
function groupsOf(model: NoteModel, block: EvidenceBlock, byHost: boolean): Group[] {
  const hosts = segmentHosts(block);
  const groups: Group[] = [];
  let date: NoteTime | undefined;
  let clock: NoteTime | undefined;
  let seg = 0;
  for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000; n++) {
    while (seg < block.segments.length && (block.segments[seg] as Segment).endLine <= n) seg++;
    const inside = block.segments[seg];
    if (inside && inside.startLine <= n) {
      if (isSample(inside)) {
        const last = groups[groups.length - 1];
        const host = hosts[seg];
        // By host: a new reading also where the prompt's clock moved a minute or more (lb-1 at 14:05, then at 14:20).
        const moved = byHost && clock !== undefined && last?.clock !== undefined && Math.abs(minutesOf(clock) - minutesOf(last.clock)) >= 1;
        if (last && !date && !moved && (!byHost || host === last.host)) last.segs.push(seg);
        else if (date || byHost) groups.push({ segs: [seg], ...(date ? { t: date } : {}), ...(clock ? { clock } : {}), ...(host !== undefined ? { host } : {}) });
        // Read for this output; other outputs between a date and its sample (sysctl values) leave it standing.
        date = undefined;
        clock = undefined;
      }
      n = inside.endLine - 1;
      continue;
    }
    // The latest before the output: the prompt of its command, the `date` printed last.
    date = dateOutput(model, block, n) ?? date;
    if (byHost) clock = promptClock(model, n) ?? clock;
  }
  return groups;
}

/**
 * The readings of a block that holds several dated outputs — a loop of `date` and sockstat or `ss -s`
 * (`while true; do date; cat /proc/net/sockstat; sleep 60; done`), dated prompts one after another: each date
 * (dateOutput) with the sample outputs after it up to the next date is one reading. Undefined unless at least two
 * dates have a sample after them (a block with one dated output is one sample, as before); outputs before the
 * first date have no time of their own and are left out.
 *
 * Else, the readings of a block whose outputs come from two hosts or more (prompts or per-host headers, hosts.ts): each run of
 * one host's outputs is a reading, at the date or the time of day its prompt shows (on the date of the time above
 * the block), else at the block's time. Undefined when one of them has no time.
 * Walked only for blocks with two sample segments or more.
 */
export function readingsOf(model: NoteModel, block: EvidenceBlock, section: Section | undefined): Reading[] | undefined {
  const samples: number[] = [];
  block.segments.forEach((s, i) => {
    if (isSample(s)) samples.push(i);
  });
  if (samples.length < 2) return undefined;
  const dated = groupsOf(model, block, false).filter((g) => g.t);
  if (dated.length >= 2) return dated.map((g) => reading(block, g.segs, underHeading(model, section, g.t as NoteTime)));
  const hosts = segmentHosts(block);
  if (new Set(samples.map((i) => hosts[i]).filter((h) => h !== undefined)).size < 2) return undefined;
  const above = timeAbove(model, block, section);
  const base = blockTime(model, block, section);
  const out: Reading[] = [];
  for (const g of groupsOf(model, block, true)) {
    const t = g.t ? underHeading(model, section, g.t) : g.clock ? underHeading(model, section, clockOn(g.clock, above)) : base;
    if (!t) return undefined;
    out.push(reading(block, g.segs, t));
  }
  return out;
}
