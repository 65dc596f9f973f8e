/**
 * The note's samples in time. Every evidence block with numbers and a time becomes a point (its time: blockTime.ts),
 * a block holding several readings one point per reading (readings.ts); each sample has a place in the note's one
 * order (sampleOrder.ts), and the sysctls in effect there are read from the note's values (inEffect.ts: the value
 * in effect at the sample, not the last one in the note; timed sysctl blocks share the samples' time axis). The
 * limits and the trend over these samples — growth per minute, minutes until ¼, ½ and all of `tcp_max_orphans` —
 * are limits.ts's. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import type { StateId } from '../catalogue/types';
import { isoOf, minutesOf, onOneAxis, type NoteTime } from './time';
import { lowerBoundStates } from '../evidence/coverage';
import { blockTimeOf, clockAt, sectionsOfBlocks } from './blockTime';
import { readingsOf, type Reading } from './readings';
import { firstChange, normalisedValue, valueInEffect, type InEffect, type Place, type SettingChange, type SettingValue } from './inEffect';
import { minutesInNoteOrder } from './sampleOrder';
import { hostAtLine, hostSeries, sampleHost } from './hosts';
import { isPerNetnsSysctl, netnsAtLine, sampleNetns } from './netns';
import type { Field } from './fitWindow';

export interface TimelinePoint {
  readonly time: string;
  /** 0-based note line of the block's first content line. */
  readonly line: number;
  readonly orphan: number | null;
  readonly tw: number | null;
  readonly mem: number | null;
  /** Internal: minutes on the note's time axis, and the block's per-state counts. */
  readonly minutes: number;
  readonly counts: Partial<Record<StateId, number>>;
  /** Internal: the host its sockstat numbers come from, when its prompt names one (hosts.ts). */
  readonly host?: string;
  /** The network namespace its numbers were read in (its sockstat's, else its per-state counts'), when not the host's (report/netns.ts). */
  readonly netns?: string;
  /** Internal: the states whose count is a lower bound (only a listing that shows part of the sockets counts them). */
  readonly atLeast?: readonly StateId[];
  /** Internal: the line of its last sockstat output, for a sample that is one of several in its block (readings.ts). */
  readonly sockstatLine?: number;
  /** A sample that is one of several in its block (readings.ts): the 0-based line it starts on (its time's), when not `line`. */
  readonly sampleLine?: number;
  /**
   * Its time is its section heading's alone (`## 16:21`): when the section starts, the sample is at or after it —
   * `after` when a sample above it under that heading is later (it is placed after that one, its time reads earlier).
   */
  readonly heading?: 'start' | 'after';
}

export const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** Least-squares slope of y over x (per unit of x); undefined with fewer than two distinct x. */
export function slope(points: readonly { x: number; y: number }[]): number | undefined {
  if (points.length < 2) return undefined;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / points.length;
  const my = sy / points.length;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? undefined : num / den;
}

/** Minutes from `value` until it passes `threshold` at `perMinute`: 0 when already past, null when not growing. */
export function minutesUntil(value: number, threshold: number | null, perMinute: number): number | null {
  if (threshold === null) return null;
  if (value > threshold) return 0;
  if (!(perMinute > 0)) return null;
  return round((threshold - value) / perMinute, 1);
}

/** The timed blocks of a note on one axis: its samples (points) and the minutes of every timed block. */
interface NoteTimes {
  readonly points: readonly TimelinePoint[];
  /** Minutes on the axis of each timed block with a sample or sysctl values (report/inEffect.ts places them). */
  readonly minutes: ReadonlyMap<EvidenceBlock, number>;
  /** Every block's minutes in the note's one order (sampleOrder.ts), by its index in model.evidence. */
  readonly axis: readonly number[];
  /** The samples of a block holding several (readings.ts), in note order: where each starts, its minutes and time. */
  readonly parts: ReadonlyMap<EvidenceBlock, readonly Part[]>;
  /** The time shown for each timed block, settings too (a block with several samples: its last sample's). */
  readonly shown: ReadonlyMap<EvidenceBlock, string>;
}

/** One of several samples in a block: its first line (where its time was read), its minutes and its time shown. */
interface Part {
  readonly from: number;
  readonly minutes: number;
  readonly time: string;
}

const NOTE_TIMES = new WeakMap<NoteModel, NoteTimes>();

/**
 * Every block with a sample (sockstat, counts) or sysctl values that has a time, in note order, on one axis
 * (onOneAxis): a time without a date takes the date of the timed block before it (else after it); when the note
 * gives a UTC offset, a time without one is read in that zone. Settings are on the samples' axis, so a value is
 * placed before or after a sample in time (inEffect.ts). Memoised per model: the timeline and the limits share it.
 */
function noteTimes(model: NoteModel): NoteTimes {
  const known = NOTE_TIMES.get(model);
  if (known) return known;
  const timed: { block: EvidenceBlock; t: NoteTime; sample: boolean; reading?: Reading; heading?: true }[] = [];
  const sections = sectionsOfBlocks(model, model.evidence);
  model.evidence.forEach((block, i) => {
    const sample = block.sockstat?.tcp !== undefined || Object.keys(block.counts).length > 0;
    if (!sample && Object.keys(block.sysctls).length === 0) return;
    const readings = sample ? readingsOf(model, block, sections[i]) : undefined;
    if (readings) {
      for (const reading of readings) timed.push({ block, t: reading.t, sample, reading });
      return;
    }
    const bt = blockTimeOf(model, block, sections[i]);
    if (bt) timed.push({ block, t: bt.t, sample, ...(bt.heading ? { heading: true as const } : {}) });
  });
  const axis = onOneAxis(timed.map((x) => x.t));
  const at = axis.map((t) => minutesOf(t));
  // A block timed only by its heading (`## 14:30`) comes after the blocks above it under that heading: their own
  // times (`date` printed 14:30:40) are later than the section's start, and notes are written as the incident goes.
  const sectionOf = new Map(model.evidence.map((b, i) => [b, sections[i]] as const));
  let latestInSection: { section: unknown; minutes: number } | undefined;
  const after = new Set<number>();
  timed.forEach(({ block, heading }, i) => {
    const section = sectionOf.get(block);
    if (latestInSection?.section !== section) latestInSection = undefined;
    if (heading && latestInSection && latestInSection.minutes > (at[i] as number)) {
      at[i] = latestInSection.minutes;
      after.add(i);
    }
    latestInSection = { section, minutes: Math.max(latestInSection?.minutes ?? -Infinity, at[i] as number) };
  });
  const points: TimelinePoint[] = [];
  const minutes = new Map<EvidenceBlock, number>();
  const parts = new Map<EvidenceBlock, Part[]>();
  const shown = new Map<EvidenceBlock, string>();
  timed.forEach(({ block, sample, reading, heading }, i) => {
    const t = axis[i] as NoteTime;
    // A block with several readings stands at its last one (the later readings set it again).
    minutes.set(block, at[i] as number);
    if (reading) {
      let list = parts.get(block);
      if (!list) parts.set(block, (list = []));
      list.push({ from: reading.from, minutes: at[i] as number, time: isoOf(t) });
    }
    // Every timed block's time, settings too (a cause names when a limit changed).
    shown.set(block, isoOf(t));
    if (!sample) return;
    const tcp = reading ? reading.tcp : block.sockstat?.tcp;
    const host = reading ? reading.host : tcp ? sampleHost(block) : undefined;
    const netns = reading ? reading.netns : sampleNetns(model, block.segments);
    const atLeast = reading ? reading.atLeast : lowerBoundStates(block.segments);
    points.push({
      time: isoOf(t),
      line: block.startLine,
      orphan: tcp?.orphan ?? null,
      tw: tcp?.tw ?? null,
      mem: tcp?.mem ?? null,
      minutes: at[i] as number,
      counts: reading ? reading.counts : block.counts,
      ...(host !== undefined ? { host } : {}),
      ...(netns !== undefined ? { netns } : {}),
      ...(atLeast.length ? { atLeast } : {}),
      ...(reading?.sockstatLine !== undefined ? { sockstatLine: reading.sockstatLine } : {}),
      ...(reading !== undefined && reading.from !== block.startLine ? { sampleLine: reading.from } : {}),
      ...(heading ? { heading: after.has(i) ? ('after' as const) : ('start' as const) } : {}),
    });
  });
  const times = { points, minutes, parts, shown, axis: minutesInNoteOrder(model.evidence.map((b) => minutes.get(b))) };
  NOTE_TIMES.set(model, times);
  return times;
}

/**
 * Every sample with a time, in note order, on one axis (noteTimes). The `time` shown is the one the axis used
 * (a wall-clock heading in a `+08:00` note shows `+08:00`).
 */
export function timelineOf(model: NoteModel): TimelinePoint[] {
  return noteTimes(model).points.slice();
}

export function series(points: readonly TimelinePoint[], field: Field): { x: number; y: number }[] {
  const s: { x: number; y: number }[] = [];
  for (const p of points) {
    const v = p[field];
    if (v !== null) s.push({ x: p.minutes, y: v });
  }
  return s.sort((a, b) => a.x - b.x);
}

export function rateOf(points: readonly TimelinePoint[], field: Field): { perMinute: number; last: number } | undefined {
  const s = series(points, field);
  const k = slope(s);
  if (k === undefined) return undefined;
  return { perMinute: k, last: (s[s.length - 1] as { y: number }).y };
}

/** The latest value of each sysctl across the note's blocks (the note's last word, when there is no sample). */
export function latestSysctls(model: NoteModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of model.evidence) Object.assign(out, b.sysctls);
  return out;
}

/**
 * A block's minutes in the note's one order (sampleOrder.ts): its own time, else the latest time of a timed block
 * above it, -Infinity before any.
 */
export function axisOf(model: NoteModel, block: EvidenceBlock): number {
  const i = model.evidence.indexOf(block);
  return i < 0 ? axisAtLine(model, block.startLine) : (noteTimes(model).axis[i] as number);
}

/**
 * Where a line of a block stands in the note's one order, and the time shown for it: in a block holding several
 * samples (readings.ts), the sample whose part holds the line (it starts where its time was read; a line above the
 * first sample's time, with it: a setting read before it is in effect at it); else the block's (axisOf), with the
 * time of its sample if it has one.
 */
export function sampleAt(model: NoteModel, block: EvidenceBlock, line: number): { minutes: number; time: string | null } {
  const { parts, shown } = noteTimes(model);
  const list = parts.get(block);
  if (!list?.length) return { minutes: axisOf(model, block), time: shown.get(block) ?? null };
  let part = list[0] as Part;
  for (const x of list) if (x.from <= line) part = x;
  return { minutes: part.minutes, time: part.time };
}

/**
 * The time a line of a block was run at, as shown: the prompt or `date` time read last at or above it in the block
 * (`[11:20:02]# sysctl -w …` above a `[11:25:10]#` sample: 11:20:02), on the date of `shown` (the block's time),
 * else `shown`. A clock later in the day than `shown` (past midnight, or not before it) is not used.
 */
function lineTime(model: NoteModel, block: EvidenceBlock, line: number, shown: string | null): string | null {
  let clock: NoteTime | undefined;
  for (const [n, t] of blockClocks(model, block)) {
    if (n > line) break;
    clock = t;
  }
  if (!clock || shown === null) return shown;
  const own = isoOf({ h: clock.h, min: clock.min, s: clock.s });
  const at = shown.indexOf('T');
  const shownClock = shown.slice(at + 1, at + 9);
  if (own > shownClock) return shown;
  return at < 0 ? own : `${shown.slice(0, at + 1)}${own}${shown.slice(at + 9)}`;
}

const BLOCK_CLOCKS = new WeakMap<NoteModel, Map<EvidenceBlock, readonly (readonly [number, NoteTime])[]>>();

/** The lines of a block that show a time (a prompt's, `date` output), with it, in order; read once per block. */
function blockClocks(model: NoteModel, block: EvidenceBlock): readonly (readonly [number, NoteTime])[] {
  let byBlock = BLOCK_CLOCKS.get(model);
  if (!byBlock) BLOCK_CLOCKS.set(model, (byBlock = new Map()));
  let clocks = byBlock.get(block);
  if (!clocks) {
    const out: [number, NoteTime][] = [];
    for (let n = block.startLine; n < block.endLine; n++) {
      const t = clockAt(model, block, n);
      if (t) out.push([n, t]);
    }
    byBlock.set(block, (clocks = out));
  }
  return clocks;
}

/** The minutes in the note's one order of a line outside the blocks (a count in the text): the latest time of a timed block above it. */
export function axisAtLine(model: NoteModel, line: number): number {
  const { axis } = noteTimes(model);
  // The blocks are in note order: the last one starting above the line (binary search).
  let lo = 0;
  let hi = model.evidence.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((model.evidence[mid] as EvidenceBlock).startLine < line) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? -Infinity : (axis[lo - 1] as number);
}

/**
 * Where a line of a block stands, for inEffect.ts: the line, the block's minutes in the note's one order, the block.
 * `inTime` false: in note order only (no minutes), which needs no reading of the note's times.
 */
export function placeOf(model: NoteModel, block: EvidenceBlock, line: number, inTime = true): Place {
  // With samples from several hosts only (hosts.ts): a value under another host's prompt is not this place's.
  const host = hostSeries(model) ? hostAtLine(block, line) : undefined;
  // A value read in another network namespace is not this place's, for a sysctl that is per namespace (netns.ts).
  const netns = netnsAtLine(model, block, line);
  return { line, minutes: inTime ? sampleAt(model, block, line).minutes : undefined, block: block.startLine, ...(host !== undefined ? { host } : {}), ...(netns !== undefined ? { netns } : {}) };
}

/** Every value of every sysctl in the note, placed (placeOf), by key; memoised per model, in time and in note order. */
const SETTING_VALUES = [new WeakMap<NoteModel, ReadonlyMap<string, readonly SettingValue[]>>(), new WeakMap<NoteModel, ReadonlyMap<string, readonly SettingValue[]>>()] as const;

export function settingValues(model: NoteModel, inTime: boolean): ReadonlyMap<string, readonly SettingValue[]> {
  const memo = SETTING_VALUES[inTime ? 0 : 1];
  const known = memo.get(model);
  if (known) return known;
  const values = new Map<string, SettingValue[]>();
  for (const block of model.evidence) {
    if (Object.keys(block.sysctls).length === 0) continue;
    for (const seg of block.segments) {
      if (!seg.sysctls) continue;
      const place = placeOf(model, block, seg.startLine, inTime);
      for (const [key, value] of Object.entries(seg.sysctls)) {
        let list = values.get(key);
        if (!list) values.set(key, (list = []));
        list.push({ ...place, value, set: seg.set === true });
      }
    }
  }
  memo.set(model, values);
  return values;
}

/**
 * The value of each sysctl of the note in effect at `at` (inEffect.ts): every value is placed by its segment's
 * line and its block's time (with `inTime` false, by note order only; `at` is then placed so too). With `changes`:
 * each with its first change after `at` (firstChange), its line and time — what the causes say changed since and
 * what their advice says was already done.
 */
export function settingsAt(model: NoteModel, at: Place, inTime = true, changes = false): Record<string, InEffect> {
  const out: Record<string, InEffect> = {};
  for (const [key, list] of settingValues(model, inTime)) {
    const perNetns = isPerNetnsSysctl(key);
    const v = valueInEffect(list, at, perNetns);
    if (!v) continue;
    const c = changes ? firstChange(list, at, v.value, perNetns) : undefined;
    out[key] = c ? { ...v, change: changeOf(model, c) } : v;
  }
  return out;
}

/** A value of a sysctl as a change: normalised, with its line and the time of its block. */
export function changeOf(model: NoteModel, c: SettingValue): SettingChange {
  const block = model.evidence.find((b) => b.startLine === c.block);
  const { shown } = noteTimes(model);
  return { value: normalisedValue(c.value), line: c.line, time: block ? lineTime(model, block, c.line, shown.get(block) ?? null) : null, set: c.set };
}
