/**
 * A block that holds several readings: a loop of `date` and sockstat or `ss -s`, dated prompts one after another.
 * Read by timeline.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import type { StateId } from '../catalogue/types';
import { lowerBoundStates } from '../evidence/coverage';
import { mergeSegments } from '../evidence/parse';
import { blockTime, clockAt, clockOn, dateOutput, isSampleSegment, timeAbove, underHeading } from './blockTime';
import { hostOfSegments, segmentHosts } from './hosts';
import { sampleNetns, segmentNetns } from './netns';
import { isoOf, type NoteTime } from './time';

type Segment = EvidenceBlock['segments'][number];

/** One reading of a block that holds several: its time and its numbers, and the host its prompts name. */
export interface Reading {
  readonly t: NoteTime;
  readonly tcp: NonNullable<EvidenceBlock['sockstat']>['tcp'];
  readonly counts: Partial<Record<StateId, number>>;
  readonly host?: string;
  /** The network namespace of its numbers, when not the host's (netns.ts sampleNetns). */
  readonly netns?: string;
  /** The states whose count is a lower bound (evidence/coverage.ts lowerBoundStates). */
  readonly atLeast: readonly StateId[];
  /** 0-based note line where it starts: the line its time was read on (before its output), else its first output's. */
  readonly from: number;
  /** The line of its last sockstat output, if it has one. */
  readonly sockstatLine?: number;
}

/** A time read in the block: a date (dateOutput) or a time of day (a prompt's, or printed by `date +%T`), and its line. */
interface Mark {
  readonly t: NoteTime;
  readonly dated: boolean;
  readonly line: number;
}

interface Group {
  /** The time read last before its first output, if any. */
  readonly mark?: Mark;
  readonly segs: number[];
  readonly host?: string;
  readonly netns?: string;
  readonly from: number;
}

/** The reading of a group of the block's sample outputs (indexes), at time `t`. */
function reading(model: NoteModel, block: EvidenceBlock, g: Group, t: NoteTime): Reading {
  const own = g.segs.map((i) => block.segments[i] as Segment);
  const merged = mergeSegments(own);
  const host = hostOfSegments(block, g.segs);
  const sockstat = own.filter((s) => s.sockstat?.tcp !== undefined).pop();
  const netns = sampleNetns(model, own);
  return {
    t,
    tcp: merged.sockstat?.tcp,
    counts: merged.counts,
    atLeast: lowerBoundStates(own),
    from: g.from,
    ...(sockstat ? { sockstatLine: sockstat.startLine } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(netns !== undefined ? { netns } : {}),
  };
}

/** The same time: a sample's outputs under prompts that show one time are one sample. */
const sameTime = (a: Mark | undefined, b: Mark | undefined): boolean => a !== undefined && b !== undefined && a.dated === b.dated && isoOf(a.t) === isoOf(b.t);

/**
 * The groups of the block's sample outputs: a new group at each output under a time (a date, dateOutput; a time of
 * day, clockAt) read since the output before that differs from its group's, or, with `byHost`, whose host
 * (hosts.ts segmentHosts) or network namespace (netns.ts) differs from the group's. Each group has the time read last before its first output.
 * Outputs before the first time read (not `byHost`) are in no group.
 */
function groupsOf(model: NoteModel, block: EvidenceBlock, byHost: boolean): Group[] {
  const hosts = segmentHosts(block);
  const groups: Group[] = [];
  let mark: Mark | undefined;
  let seg = 0;
  for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000; n++) {
    while (seg < block.segments.length && (block.segments[seg] as Segment).endLine <= n) seg++;
    const inside = block.segments[seg];
    if (inside && inside.startLine <= n) {
      if (isSampleSegment(inside) && inside.dateLine !== undefined) {
        // A loop's pass dated by the date line after it (EvidenceSegment.dateLine), not by the one before: none, -1.
        mark = inside.dateLine < 0 ? undefined : markAt(model, block, inside.dateLine);
        if (mark === undefined) {
          n = inside.endLine - 1;
          continue;
        }
      }
      if (isSampleSegment(inside)) {
        const last = groups[groups.length - 1];
        const host = hosts[seg];
        const netns = segmentNetns(model, inside);
        const moved = mark !== undefined && !sameTime(mark, last?.mark);
        if (last && !moved && (!byHost || (host === last.host && netns === last.netns))) last.segs.push(seg);
        else if (mark || byHost) groups.push({ segs: [seg], from: Math.min(mark?.line ?? inside.startLine, inside.startLine), ...(mark ? { mark } : {}), ...(host !== undefined ? { host } : {}), ...(netns !== undefined ? { netns } : {}) });
        // Read for this output; other outputs between a time and its sample (sysctl values) leave it standing.
        mark = undefined;
      }
      n = inside.endLine - 1;
      continue;
    }
    // The latest before the output: the prompt of its command, the time `date` printed last.
    mark = markAt(model, block, n) ?? mark;
  }
  return groups;
}

/** The time line `n` of the block gives: a date (dateOutput), else a time of day (clockAt). */
function markAt(model: NoteModel, block: EvidenceBlock, n: number): Mark | undefined {
  const date = dateOutput(model, block, n);
  const clock = date ? undefined : clockAt(model, block, n);
  return date || clock ? { t: (date ?? clock) as NoteTime, dated: date !== undefined, line: n } : undefined;
}

/**
 * The readings of a block that holds several timed samples — a session pasted whole (`[root@lb-9 00:05:01]# grep
 * TCP: /proc/net/sockstat`, then at 00:10:01, …), a loop of `date` (or `date +%T`) and sockstat or `ss -s`
 * (`while true; do date; cat /proc/net/sockstat; sleep 60; done`), dated prompts one after another: each output
 * under its own time (groupsOf) is one reading, at that time — a date as given, a time of day on the date of the
 * time above the block. Undefined unless at least two times have a sample after them (a block with one timed
 * sample is one sample, blockTime.ts); outputs before the first time have no time of their own and are left out.
 *
 * Else, the readings of a block whose outputs come from two hosts or more (prompts or per-host headers, hosts.ts), or
 * from two network namespaces or more (a node's and a pod's, netns.ts): each run of one host's outputs in one
 * namespace under one time is a reading, at that time, else at the block's time. Undefined when one of
 * them has no time. Walked only for blocks with two sample segments or more.
 */
export function readingsOf(model: NoteModel, block: EvidenceBlock, section: Section | undefined): Reading[] | undefined {
  const samples: number[] = [];
  block.segments.forEach((s, i) => {
    if (isSampleSegment(s)) samples.push(i);
  });
  if (samples.length < 2) return undefined;
  const above = timeAbove(model, block, section);
  const timeOf = (m: Mark): NoteTime => underHeading(model, section, m.dated ? m.t : clockOn(m.t, above));
  const hosts = segmentHosts(block);
  const places = new Set(samples.map((i) => segmentNetns(model, block.segments[i] as Segment)));
  if (new Set(samples.map((i) => hosts[i]).filter((h) => h !== undefined)).size < 2 && places.size < 2) {
    const timed = groupsOf(model, block, false);
    return timed.length >= 2 ? timed.map((g) => reading(model, block, g, timeOf(g.mark as Mark))) : undefined;
  }
  const base = blockTime(model, block, section);
  const out: Reading[] = [];
  for (const g of groupsOf(model, block, true)) {
    const t = g.mark ? timeOf(g.mark) : base;
    if (!t) return undefined;
    out.push(reading(model, block, g, t));
  }
  return out;
}
