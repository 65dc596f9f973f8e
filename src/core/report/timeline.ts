/**
 * The note's samples in time and the trend they show. Every evidence block with numbers and a time becomes a
 * point (its time: blockTime.ts), a block holding several readings one point per reading (readings.ts). From two
 * or more points with an `orphan`
 * number: the growth per minute (least squares over all points) and the minutes from the latest sample (see
 * latestSockstat: a block without a time pasted after the timed ones is the latest) until orphans pass ¼, ½ and
 * all of `tcp_max_orphans` — ¼ and ½ are real limits because tcp_out_of_resources() shifts the count for idle
 * orphans and for orphans with a soft error (facts §2.3, §7.1). Likewise `tw` against `tcp_max_tw_buckets` and
 * `mem` against `tcp_mem`. Each limit is the value in effect at the latest sample (inEffect.ts), not the last
 * one in the note: timed sysctl blocks share the samples' time axis. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import type { StateId } from '../catalogue/types';
import { orphanPressure, pressureInput, SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM, type OrphanPressure } from '../snapshot/pressure';
import { isoOf, minutesOf, onOneAxis, type NoteTime } from './time';
import { lowerBoundStates } from '../evidence/coverage';
import { blockTimeOf, clockAt, sectionsOfBlocks } from './blockTime';
import { readingsOf, type Reading } from './readings';
import { firstChange, normalisedValue, valueInEffect, type InEffect, type Place, type SettingChange, type SettingValue } from './inEffect';
import { compareOnAxis, minutesInNoteOrder, type OnAxis } from './sampleOrder';
import { hostAtLine, hostSeries, ofSeries, sampleHost, seriesSockstat, tcpRowLine } from './hosts';
import { isPerNetnsSysctl, netnsAtLine, sockstatNetns } from './netns';
import { GOVERNING, PER_NETNS_FIELDS, lastChangeIndex, type Field } from './fitWindow';

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
  /** The network namespace its sockstat numbers were read in, when not the host's (report/netns.ts). */
  readonly netns?: string;
  /** Internal: the states whose count is a lower bound (only a listing that shows part of the sockets counts them). */
  readonly atLeast?: readonly StateId[];
  /** Internal: the line of its last sockstat output, for a sample that is one of several in its block (readings.ts). */
  readonly sockstatLine?: number;
  /**
   * Its time is its section heading's alone (`## 16:21`): when the section starts, the sample is at or after it —
   * `after` when a sample above it under that heading is later (it is placed after that one, its time reads earlier).
   */
  readonly heading?: 'start' | 'after';
}

export interface Trend {
  readonly orphanPerMinute: number;
  readonly minutesToQuarter: number | null;
  readonly minutesToHalf: number | null;
  readonly minutesToLimit: number | null;
}

export interface Limits {
  readonly tcpMaxOrphans: number | null;
  readonly quarter: number | null;
  readonly half: number | null;
  readonly tcpMaxTwBuckets: number | null;
  readonly tcpMem: readonly [number, number, number] | null;
  /** The latest sockstat numbers against the limits. */
  readonly orphan: number | null;
  readonly orphanLevel: OrphanPressure['level'];
  readonly orphanRatio: number | null;
  readonly tw: number | null;
  readonly twRatio: number | null;
  readonly mem: number | null;
  readonly memLevel: OrphanPressure['memLevel'];
  readonly memRatio: number | null;
  /** From the timeline (null with fewer than two samples or no growth). */
  readonly twPerMinute: number | null;
  readonly minutesToTwLimit: number | null;
  readonly memPerMinute: number | null;
  readonly minutesToMemPressure: number | null;
  readonly minutesToMemLimit: number | null;
  /** Limits whose value was read after the sample, none being given at or before it (inEffect.ts). */
  readonly readAfterSample: { readonly tcpMaxOrphans: boolean; readonly tcpMaxTwBuckets: boolean; readonly tcpMem: boolean };
  /** A different value of each limit later in the note than the one in effect at the sample (a change: the fix, or a planned one), else null. */
  readonly laterInNote: { readonly tcpMaxOrphans: number | null; readonly tcpMaxTwBuckets: number | null; readonly tcpMem: readonly [number, number, number] | null };
  /**
   * A different value of each limit in effect at an earlier sample than the one at the latest (the limit before a
   * change), with the sample that met it — the highest share among them —, else null (limitsAtSamples).
   */
  readonly earlier: { readonly tcpMaxOrphans: EarlierLimit | null; readonly tcpMaxTwBuckets: EarlierLimit | null; readonly tcpMem: EarlierLimit | null };
  /**
   * The network namespace the latest `tw` was read in, when not the host's (report/netns.ts): `tw` and
   * tcp_max_tw_buckets are per namespace, so the limit, the rate and the earlier limit are that namespace's.
   */
  readonly twNetns?: string;
  /**
   * For each field whose governing sysctl (fitWindow.ts) changed between its samples: the latest such change; its
   * rate (the orphan trend for `orphan`) reads only the timed samples after it (`samples`, null below two).
   */
  readonly fitSince?: Readonly<Partial<Record<Field, FitSince>>>;
}

/** A change of a field's governing sysctl between samples, after which its trend is fitted (Limits.fitSince). */
export interface FitSince {
  /** The sysctl (full key) and its value in effect at the latest sample. */
  readonly setting: string;
  readonly value: string;
  /** 0-based line of the change and its time as shown (null: none). */
  readonly line: number;
  readonly time: string | null;
  /** Timed samples of the field after the change, the ones the rate reads. */
  readonly samples: number;
}

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

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
    const netns = reading ? reading.netns : tcp ? sockstatNetns(block.segments) : undefined;
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

function series(points: readonly TimelinePoint[], field: Field): { x: number; y: number }[] {
  const s: { x: number; y: number }[] = [];
  for (const p of points) {
    const v = p[field];
    if (v !== null) s.push({ x: p.minutes, y: v });
  }
  return s.sort((a, b) => a.x - b.x);
}

function rateOf(points: readonly TimelinePoint[], field: Field): { perMinute: number; last: number } | undefined {
  const s = series(points, field);
  const k = slope(s);
  if (k === undefined) return undefined;
  return { perMinute: k, last: (s[s.length - 1] as { y: number }).y };
}

/** The latest value of each sysctl across the note's blocks (the note's last word, when there is no sample). */
function latestSysctls(model: NoteModel): Record<string, string> {
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
  const netns = netnsAtLine(block, line);
  return { line, minutes: inTime ? sampleAt(model, block, line).minutes : undefined, block: block.startLine, ...(host !== undefined ? { host } : {}), ...(netns !== undefined ? { netns } : {}) };
}

/** Every value of every sysctl in the note, placed (placeOf), by key; memoised per model, in time and in note order. */
const SETTING_VALUES = [new WeakMap<NoteModel, ReadonlyMap<string, readonly SettingValue[]>>(), new WeakMap<NoteModel, ReadonlyMap<string, readonly SettingValue[]>>()] as const;

function settingValues(model: NoteModel, inTime: boolean): ReadonlyMap<string, readonly SettingValue[]> {
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
function changeOf(model: NoteModel, c: SettingValue): SettingChange {
  const block = model.evidence.find((b) => b.startLine === c.block);
  const { shown } = noteTimes(model);
  return { value: normalisedValue(c.value), line: c.line, time: block ? lineTime(model, block, c.line, shown.get(block) ?? null) : null, set: c.set };
}

/** The numbers of one sockstat sample. */
type Sockstat = Pick<TimelinePoint, 'orphan' | 'tw' | 'mem'>;

/** A sockstat sample, and the block it is in. */
interface SockstatSample extends Sockstat {
  readonly block: EvidenceBlock;
  /** The line of its sockstat numbers (the last of the series host's in the block). */
  readonly sockstatLine: number;
  /** Its time as the timeline shows it, or null (a block without a time). */
  readonly time: string | null;
  /** The network namespace of its sockstat numbers, when not the host's (netns.ts). */
  readonly netns?: string;
}

/**
 * The note's sockstat samples (of the host the limits read, hosts.ts) in the note's one order (sampleOrder.ts): a
 * timed sample by its time (of equal times, the later in the note); a block without a time at the latest time above
 * it, because notes are written as the incident goes (a later paste is later evidence), while a timed sample pasted
 * out of order keeps its time. With no timed sample: note order.
 */
function sockstatSamples(model: NoteModel, points: readonly TimelinePoint[]): (SockstatSample & OnAxis)[] {
  const blockAt = new Map<number, EvidenceBlock>();
  for (const b of model.evidence) blockAt.set(b.startLine, b);
  const series = hostSeries(model);
  const out: (SockstatSample & OnAxis)[] = [];
  const timedLines = new Set<number>();
  for (const p of points) {
    timedLines.add(p.line);
    const block = blockAt.get(p.line);
    if (!block || !ofSeries(series, p.host) || (p.orphan === null && p.tw === null && p.mem === null)) continue;
    const sockstatLine = pointSockstatLine(model, p, block);
    out.push({ orphan: p.orphan, tw: p.tw, mem: p.mem, block, sockstatLine, time: p.time, minutes: p.minutes, line: p.line, ...(p.netns !== undefined ? { netns: p.netns } : {}) });
  }
  model.evidence.forEach((b) => {
    const own = timedLines.has(b.startLine) ? undefined : seriesSockstat(model, b);
    const netns = own ? netnsAtLine(b, own.line) : undefined;
    if (own) out.push({ orphan: own.tcp.orphan ?? null, tw: own.tcp.tw ?? null, mem: own.tcp.mem ?? null, block: b, sockstatLine: own.line, time: null, minutes: axisOf(model, b), line: b.startLine, ...(netns !== undefined ? { netns } : {}) });
  });
  // Stable: equal places keep the order above (points in note order, then the untimed blocks).
  return out.map((x, i) => ({ x, i })).sort((a, b) => compareOnAxis(a.x, b.x) || a.i - b.i).map(({ x }) => x);
}

/** The line of a timed point's sockstat numbers in its block (the last of the series host's). */
function pointSockstatLine(model: NoteModel, p: TimelinePoint, block: EvidenceBlock): number {
  return p.sockstatLine !== undefined ? tcpRowLine(model, p.sockstatLine, block.endLine) : (seriesSockstat(model, block)?.line ?? block.startLine);
}

/** The latest sockstat sample of the note (sockstatSamples): what the limits compare and the trend counts its minutes from. */
export function latestSockstat(model: NoteModel, points: readonly TimelinePoint[]): SockstatSample | undefined {
  const all = sockstatSamples(model, points);
  return all[all.length - 1];
}

/** The three limits a sockstat sample is compared with. */
const LIMIT_KEYS = [SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM] as const;

/** A change of a limit after a sample (inEffect.ts SettingChange). */
export type LimitChange = SettingChange;

/** One sockstat sample against the limits in effect at it (inEffect.ts). */
export interface SampleLimits {
  /** 0-based line of its sockstat numbers. */
  readonly line: number;
  /** Its time as the timeline shows it, or null. */
  readonly time: string | null;
  readonly pressure: OrphanPressure;
  /** For each limit, its first change after the sample (firstChange), when there is one. */
  readonly changes: Readonly<Partial<Record<(typeof LIMIT_KEYS)[number], LimitChange>>>;
  /** The network namespace of its sockstat numbers, when not the host's (netns.ts). */
  readonly netns?: string;
  /** Every sysctl in effect at the sample, with its first change after it (settingsAt with changes). */
  readonly sysctls?: Readonly<Record<string, InEffect>>;
}

/**
 * Every sockstat sample (sockstatSamples: in the note's one order, the latest last) against the limits in effect at
 * it — what the cause rules judge at the sample where their condition held (causes.ts), and where the Limits find
 * an earlier limit.
 */
export function limitsAtSamples(model: NoteModel, points: readonly TimelinePoint[]): SampleLimits[] {
  return sockstatSamples(model, points).map((s) => {
    const at = placeOf(model, s.block, s.sockstatLine);
    const settings = settingsAt(model, at, true, true);
    const tcp: { orphan?: number; tw?: number; mem?: number } = {};
    if (s.orphan !== null) tcp.orphan = s.orphan;
    if (s.tw !== null) tcp.tw = s.tw;
    if (s.mem !== null) tcp.mem = s.mem;
    const sysctls: Record<string, string> = {};
    for (const key of LIMIT_KEYS) sysctls[key] = settings[key]?.value ?? '';
    const changes: Partial<Record<(typeof LIMIT_KEYS)[number], LimitChange>> = {};
    for (const key of LIMIT_KEYS) {
      const c = settings[key]?.change;
      if (c) changes[key] = c;
    }
    return { line: s.sockstatLine, time: s.time, pressure: orphanPressure(pressureInput({ sockstat: { tcp }, sysctls })), changes, sysctls: settings, ...(s.netns !== undefined ? { netns: s.netns } : {}) };
  });
}

/** An earlier limit than the one in effect at the latest sample, and the sample that met it (the highest share). */
export interface EarlierLimit {
  /** 0-based line of the sample's sockstat numbers, and its time (null: none). */
  readonly line: number;
  readonly time: string | null;
  readonly value: number | readonly [number, number, number];
  /** The sample's orphan, tw or mem. */
  readonly count: number;
  /** count / the limit (tcp_mem[2] for mem), or null with a limit of 0. */
  readonly ratio: number | null;
}

/** Of the samples before the latest, the one with the highest share of a limit other than the latest's (first of equals). */
function earlierLimit(samples: readonly SampleLimits[], of: (p: OrphanPressure) => { value?: number | readonly [number, number, number]; count?: number; ratio?: number }): EarlierLimit | null {
  const latest = samples[samples.length - 1];
  if (!latest) return null;
  const now = JSON.stringify(of(latest.pressure).value ?? null);
  let best: EarlierLimit | null = null;
  for (const s of samples.slice(0, -1)) {
    const { value, count, ratio } = of(s.pressure);
    if (value === undefined || count === undefined || JSON.stringify(value) === now) continue;
    const r = ratio === undefined ? null : round(ratio, 4);
    if (!best || (r ?? -1) > (best.ratio ?? -1)) best = { line: s.line, time: s.time, value, count, ratio: r };
  }
  return best;
}

/**
 * The latest sockstat sample against the limits in effect at it (inEffect.ts: the last value at or before the
 * sample, else one read after it — `readAfterSample` —, never a value set after it; a different later value is
 * `laterInNote`). With no sample, the last value of each limit in the note.
 */
export function limitsOf(model: NoteModel, points: readonly TimelinePoint[], samples: readonly SampleLimits[] = limitsAtSamples(model, points)): Limits {
  const latest = latestSockstat(model, points);
  const settings = latest ? settingsAt(model, placeOf(model, latest.block, latest.sockstatLine)) : undefined;
  const last = latest ? undefined : latestSysctls(model);
  const valueOf = (key: string): string => (settings ? settings[key]?.value : last?.[key]) ?? '';
  const tcp: { orphan?: number; tw?: number; mem?: number } = {};
  if (latest?.orphan != null) tcp.orphan = latest.orphan;
  if (latest?.tw != null) tcp.tw = latest.tw;
  if (latest?.mem != null) tcp.mem = latest.mem;
  const input = pressureInput({
    sockstat: { tcp },
    sysctls: { [SYSCTL_MAX_ORPHANS]: valueOf(SYSCTL_MAX_ORPHANS), [SYSCTL_TCP_MEM]: valueOf(SYSCTL_TCP_MEM), [SYSCTL_MAX_TW]: valueOf(SYSCTL_MAX_TW) },
  });
  const p = orphanPressure(input);
  // The later values, read by the same parser as the ones in effect.
  const later = pressureInput({
    sysctls: {
      [SYSCTL_MAX_ORPHANS]: settings?.[SYSCTL_MAX_ORPHANS]?.later ?? '',
      [SYSCTL_TCP_MEM]: settings?.[SYSCTL_TCP_MEM]?.later ?? '',
      [SYSCTL_MAX_TW]: settings?.[SYSCTL_MAX_TW]?.later ?? '',
    },
  });
  const after = (key: string): boolean => settings?.[key]?.after === true;
  // Each field's rate from the samples taken under the settings of the latest (fitWindow.ts), `tw` in its namespace.
  const fits = { orphan: fitOf(model, points, 'orphan', latest), tw: fitOf(model, points, 'tw', latest), mem: fitOf(model, points, 'mem', latest) };
  const tw = rateOf(fits.tw.points, 'tw');
  const mem = rateOf(fits.mem.points, 'mem');
  const fitSince: Partial<Record<Field, FitSince>> = {};
  for (const field of ['orphan', 'tw', 'mem'] as const) {
    const since = fits[field].since;
    if (since) fitSince[field] = since;
  }
  const twNetns = latest?.tw != null ? latest.netns : undefined;
  // `tw` and its limit are per namespace: an earlier limit is one of the latest sample's namespace.
  const twSamples = samples.filter((x) => x.netns === samples[samples.length - 1]?.netns);
  const maxTw = p.maxTw ?? null;
  const tcpMem = p.tcpMem ?? null;
  return {
    tcpMaxOrphans: p.maxOrphans ?? null,
    quarter: p.quarter ?? null,
    half: p.half ?? null,
    tcpMaxTwBuckets: maxTw,
    tcpMem,
    orphan: p.orphan ?? null,
    orphanLevel: p.level,
    orphanRatio: p.ratio !== undefined ? round(p.ratio, 4) : null,
    tw: p.tw ?? null,
    twRatio: p.twRatio !== undefined ? round(p.twRatio, 4) : null,
    mem: p.mem ?? null,
    memLevel: p.memLevel,
    memRatio: p.memRatio !== undefined ? round(p.memRatio, 4) : null,
    twPerMinute: tw ? round(tw.perMinute, 2) : null,
    // Minutes count from the latest sample (latestSockstat), which may be a later block without a time.
    minutesToTwLimit: tw ? minutesUntil(p.tw ?? tw.last, maxTw === null ? null : maxTw - 1, tw.perMinute) : null,
    memPerMinute: mem ? round(mem.perMinute, 2) : null,
    minutesToMemPressure: mem && tcpMem ? minutesUntil(p.mem ?? mem.last, tcpMem[1], mem.perMinute) : null,
    minutesToMemLimit: mem && tcpMem ? minutesUntil(p.mem ?? mem.last, tcpMem[2], mem.perMinute) : null,
    readAfterSample: { tcpMaxOrphans: after(SYSCTL_MAX_ORPHANS) && p.maxOrphans !== undefined, tcpMaxTwBuckets: after(SYSCTL_MAX_TW) && maxTw !== null, tcpMem: after(SYSCTL_TCP_MEM) && tcpMem !== null },
    laterInNote: { tcpMaxOrphans: later.maxOrphans ?? null, tcpMaxTwBuckets: later.maxTw ?? null, tcpMem: later.tcpMem ?? null },
    earlier: {
      tcpMaxOrphans: earlierLimit(samples, (x) => ({ value: x.maxOrphans, count: x.orphan, ratio: x.ratio })),
      tcpMaxTwBuckets: earlierLimit(twSamples, (x) => ({ value: x.maxTw, count: x.tw, ratio: x.twRatio })),
      tcpMem: earlierLimit(samples, (x) => ({ value: x.tcpMem, count: x.mem, ratio: x.memRatio })),
    },
    ...(twNetns !== undefined ? { twNetns } : {}),
    ...(Object.keys(fitSince).length ? { fitSince } : {}),
  };
}

/**
 * The timed samples a field's trend reads (fitWindow.ts): the series host's (seriesPoints) that give the field — for
 * a per-namespace field, those of the latest sample's namespace —, after the latest change between them of a sysctl
 * that governs the field; and that change (`since`), if any.
 */
export function fitPoints(model: NoteModel, points: readonly TimelinePoint[], field: Field): { points: readonly TimelinePoint[]; since?: FitSince } {
  return fitOf(model, points, field, latestSockstat(model, points));
}

/** fitPoints, with the note's latest sockstat sample (latestSockstat) given. */
function fitOf(model: NoteModel, points: readonly TimelinePoint[], field: Field, latest: SockstatSample | undefined): { points: readonly TimelinePoint[]; since?: FitSince } {
  let own = seriesPoints(model, points).filter((p) => p[field] !== null);
  if (!latest) return { points: own };
  if (PER_NETNS_FIELDS.has(field)) own = own.filter((p) => p.netns === latest.netns);
  const values = settingValues(model, true);
  const keys = GOVERNING[field].filter((k) => values.has(k));
  if (keys.length === 0 || own.length === 0) return { points: own };
  const blockAt = new Map<number, EvidenceBlock>();
  for (const b of model.evidence) blockAt.set(b.startLine, b);
  const governing = (place: Place): (string | undefined)[] => keys.map((k) => valueInEffect(values.get(k) ?? [], place, isPerNetnsSysctl(k))?.value);
  const latestPlace = placeOf(model, latest.block, latest.sockstatLine);
  const now = governing(latestPlace);
  // A per-namespace sysctl read in another namespace than the latest sample's is that namespace's value, not an
  // earlier one of the latest's: no change (a host-wide field's samples come from several namespaces).
  const comparable = (place: Place): (string | undefined)[] => governing(place).map((v, k) => (place.netns !== latestPlace.netns && isPerNetnsSysctl(keys[k] as string) ? undefined : v));
  // In time order (the trend's x), equal times in note order.
  const placed = own
    .map((p, i) => {
      const block = blockAt.get(p.line);
      return { p, i, place: block ? placeOf(model, block, pointSockstatLine(model, p, block)) : undefined };
    })
    .sort((a, b) => a.p.minutes - b.p.minutes || a.i - b.i);
  const at = placed.map((x) => (x.place ? comparable(x.place) : keys.map(() => undefined)));
  const change = lastChangeIndex(at, now);
  if (!change) return { points: own };
  const kept = placed.slice(change.index + 1).map((x) => x.p);
  const key = keys[change.key] as string;
  const from = placed[change.index]?.place as Place;
  const c = firstChange(values.get(key) ?? [], from, at[change.index]?.[change.key], isPerNetnsSysctl(key));
  return {
    points: kept,
    since: { setting: key, value: now[change.key] as string, line: c?.line ?? latest.sockstatLine, time: c ? changeOf(model, c).time : latest.time, samples: kept.length },
  };
}

/**
 * The timed samples the trend and the limits read: all of them, or, when the note's samples come from several
 * hosts, those of one host (hosts.ts hostSeries).
 */
export function seriesPoints(model: NoteModel, points: readonly TimelinePoint[]): readonly TimelinePoint[] {
  const series = hostSeries(model);
  return series ? points.filter((p) => ofSeries(series, p.host)) : points;
}

/**
 * The orphan trend, or null with fewer than two samples at distinct times. The rate is over the timed samples;
 * the minutes count from the latest orphan number (`limits.orphan`, see latestSockstat: it may be a block without
 * a time pasted after them), else from the last timed sample.
 */
export function trendOf(points: readonly TimelinePoint[], limits: Pick<Limits, 'tcpMaxOrphans'> & Partial<Pick<Limits, 'orphan'>>): Trend | null {
  const r = rateOf(points, 'orphan');
  if (!r) return null;
  const max = limits.tcpMaxOrphans;
  const from = limits.orphan ?? r.last;
  // The kernel's test is `orphan << shift > max`: ¼ is passed when orphan > max/4.
  return {
    orphanPerMinute: round(r.perMinute, 2),
    minutesToQuarter: minutesUntil(from, max === null ? null : max / 4, r.perMinute),
    minutesToHalf: minutesUntil(from, max === null ? null : max / 2, r.perMinute),
    minutesToLimit: minutesUntil(from, max, r.perMinute),
  };
}
