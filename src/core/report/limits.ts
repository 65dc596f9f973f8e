/**
 * The limits and the trend of the note's sockstat samples (timeline.ts places the samples and reads the sysctls in
 * effect): each sample against the limits in effect at it, the latest one against its limits with the growth per
 * minute and the minutes until ¼, ½ and all of `tcp_max_orphans` (and `tw`, `mem` against theirs), an earlier limit
 * a before/after note met, and the samples a rate is fitted on (fitWindow.ts, network namespaces: netns.ts).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import { orphanPressure, pressureInput, SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM, type OrphanPressure } from '../snapshot/pressure';
import { firstChange, valueInEffect, type InEffect, type Place, type SettingChange } from './inEffect';
import { compareOnAxis, type OnAxis } from './sampleOrder';
import { hostSeries, ofSeries, seriesSockstat, tcpRowLine } from './hosts';
import { isPerNetnsSysctl, netnsAtLine } from './netns';
import { GOVERNING, PER_NETNS_FIELDS, lastChangeIndex, type Field } from './fitWindow';
import { axisOf, changeOf, latestSysctls, minutesUntil, placeOf, rateOf, round, settingsAt, settingValues, type TimelinePoint } from './timeline';

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
    const netns = own ? netnsAtLine(model, b, own.line) : undefined;
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
