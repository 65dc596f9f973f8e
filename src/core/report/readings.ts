/**
 * A block that holds several readings: a loop of `date` and sockstat or `ss -s`, dated prompts one after another.
 * Read by timeline.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import type { StateId } from '../catalogue/types';
import { mergeSegments } from '../evidence/parse';
import { dateOutput, underHeading } from './blockTime';
import type { NoteTime } from './time';

type Segment = EvidenceBlock['segments'][number];

/** A segment with sample numbers (sockstat TCP numbers or per-state counts). */
const isSample = (seg: Segment): boolean => seg.sockstat?.tcp !== undefined || Object.keys(seg.counts).length > 0;

/** One reading of a block that holds several: its time and its numbers. */
export interface Reading {
  readonly t: NoteTime;
  readonly tcp: NonNullable<EvidenceBlock['sockstat']>['tcp'];
  readonly counts: Partial<Record<StateId, number>>;
}

/**
 * The readings of a block that holds several dated outputs — a loop of `date` and sockstat or `ss -s`
 * (`while true; do date; cat /proc/net/sockstat; sleep 60; done`), dated prompts one after another: each date
 * (dateOutput) with the sample outputs after it up to the next date is one reading. Undefined unless at least two
 * dates have a sample after them (a block with one dated output is one sample, as before); outputs before the
 * first date have no time of their own and are left out. Walked only for blocks with two sample segments or more.
 */
export function readingsOf(model: NoteModel, block: EvidenceBlock, section: Section | undefined): Reading[] | undefined {
  let samples = 0;
  for (const seg of block.segments) if (isSample(seg)) samples++;
  if (samples < 2) return undefined;
  const groups: { t: NoteTime; segs: Segment[] }[] = [];
  let seg = 0;
  for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000; n++) {
    while (seg < block.segments.length && (block.segments[seg] as Segment).endLine <= n) seg++;
    const inside = block.segments[seg];
    if (inside && inside.startLine <= n) {
      if (isSample(inside)) groups[groups.length - 1]?.segs.push(inside);
      n = inside.endLine - 1;
      continue;
    }
    const t = dateOutput(model, block, n);
    if (t) groups.push({ t, segs: [] });
  }
  const dated = groups.filter((g) => g.segs.length > 0);
  if (dated.length < 2) return undefined;
  return dated.map((g) => {
    const merged = mergeSegments(g.segs);
    return { t: underHeading(model, section, g.t), tcp: merged.sockstat?.tcp, counts: merged.counts };
  });
}
