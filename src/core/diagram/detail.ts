/**
 * The diagram's detail pane and timeline scrubber, as data: for a selected state, what the note's evidence
 * shows (count, top peers and networks, local ports, timers, Send-Q, retransmissions, processes), the likely
 * cause with its source, and the state's trend over the note's timed samples; and the samples themselves for
 * the scrubber. The host computes these from the note's analysis and posts them; the webview only renders
 * (text with textContent, the sparkline with trendSparklineSvg). Pure: no `vscode`, no Node built-ins, no DOM.
 */
import type { StateId } from '../catalogue/types';
import { ORPHAN_PRONE } from '../catalogue/orphan';
import { TIMER_KINDS, type TimerKind } from '../evidence/connections/types';
import type { NoteAnalysis } from '../report/build';
import type { Cause } from '../report/causes';
import type { TimelinePoint } from '../report/timeline';
import { sparklineSvg } from '../snapshot/liveSvg';

/** Rows shown per ranked list. */
export const DETAIL_TOP = 5;
/** Samples kept for the scrubber and the sparkline (the latest ones). */
export const MAX_SAMPLES = 200;
const MAX_TEXT = 80;

export interface DetailRanked {
  readonly label: string;
  readonly count: number;
}

export interface TrendPoint {
  readonly time: string;
  readonly value: number;
}

export interface StateDetail {
  readonly state: StateId;
  /** The best count the note gives for the state (count block, prose, listing), or null. */
  readonly count: number | null;
  /** 0-based note line of that count, or null. */
  readonly countLine: number | null;
  /** Sockets the note's listings show in this state. */
  readonly listed: number;
  readonly peers: readonly DetailRanked[];
  readonly prefixes: readonly DetailRanked[];
  readonly localPorts: readonly DetailRanked[];
  /** Timer kinds with at least one socket. */
  readonly timers: readonly { readonly kind: TimerKind; readonly count: number }[];
  /** Rows with a Send-Q column; null when no listing shows one. */
  readonly sendQ: { readonly rows: number; readonly nonZero: number; readonly max: number } | null;
  readonly retransMax: number | null;
  readonly processes: readonly DetailRanked[];
  readonly causes: readonly { readonly message: string; readonly source: string }[];
  /**
   * The state's count over the timed samples (`state`), or — for an orphan state whose samples give no per-state
   * counts — sockstat `orphan` (`orphan`); null with fewer than two values.
   */
  readonly trend: { readonly series: 'state' | 'orphan'; readonly points: readonly TrendPoint[] } | null;
}

/** One timed sample of the note, for the scrubber (oldest first). */
export interface TimelineSample {
  readonly time: string;
  /** 0-based note line of the sample's block. */
  readonly line: number;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** The states whose count is a lower bound (`≥ N`). */
  readonly atLeast?: readonly StateId[];
  readonly orphan: number | null;
}

/** Note text (addresses, process names) cut to a length that fits a pane row; shown with textContent. */
function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

const ranked = <T>(items: readonly T[], label: (x: T) => string, count: (x: T) => number): DetailRanked[] =>
  items.slice(0, DETAIL_TOP).map((x) => ({ label: clip(label(x)), count: count(x) }));

/** The note's timed samples that carry per-state counts or an orphan number, oldest first. */
export function timelineSamples(points: readonly TimelinePoint[]): TimelineSample[] {
  return points
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.orphan !== null || Object.keys(p.counts).length > 0)
    .sort((a, b) => a.p.minutes - b.p.minutes || a.i - b.i)
    .slice(-MAX_SAMPLES)
    .map(({ p }) => ({ time: p.time, line: p.line, counts: { ...p.counts }, ...(p.atLeast ? { atLeast: [...p.atLeast] } : {}), orphan: p.orphan }));
}

function trendOf(state: StateId, samples: readonly TimelineSample[]): StateDetail['trend'] {
  const own = samples.flatMap((s) => (s.counts[state] !== undefined ? [{ time: s.time, value: s.counts[state] as number }] : []));
  if (own.length >= 2) return { series: 'state', points: own };
  if (!ORPHAN_PRONE.includes(state)) return null;
  const orphan = samples.flatMap((s) => (s.orphan !== null ? [{ time: s.time, value: s.orphan }] : []));
  return orphan.length >= 2 ? { series: 'orphan', points: orphan } : null;
}

/** The detail of `state` from the note's analysis and its causes (in the display language). */
export function stateDetail(state: StateId, analysis: NoteAnalysis, causes: readonly Cause[]): StateDetail {
  const count = analysis.evidence.counts.get(state);
  const s = analysis.evidence.sockets.get(state);
  return {
    state,
    count: count?.count ?? null,
    countLine: count?.line ?? null,
    listed: s?.listed ?? 0,
    peers: s ? ranked(s.peers, (p) => p.address, (p) => p.count) : [],
    prefixes: s ? ranked(s.prefixes, (p) => p.prefix, (p) => p.count) : [],
    localPorts: s ? ranked(s.localPorts, (p) => String(p.port), (p) => p.count) : [],
    timers: s ? TIMER_KINDS.filter((k) => s.timers[k] > 0).map((kind) => ({ kind, count: s.timers[kind] })) : [],
    sendQ: s && s.sendQ.rows > 0 ? { rows: s.sendQ.rows, nonZero: s.sendQ.nonZero, max: s.sendQ.max } : null,
    retransMax: s?.retransMax ?? null,
    processes: s ? ranked(s.processes, (p) => p.name, (p) => p.count) : [],
    causes: causes.filter((c) => c.state === state).map((c) => ({ message: c.message, source: c.source })),
    trend: trendOf(state, timelineSamples(analysis.points)),
  };
}

/** The trend as a sparkline (numbers and times only; the title is escaped by sparklineSvg). */
export function trendSparklineSvg(trend: NonNullable<StateDetail['trend']>, title: string, selected?: string): string {
  const values = trend.points.map((p) => p.value);
  const label = `${title}: ${trend.points.map((p) => `${p.time} ${p.value}`).join(', ')}${selected ? ` (${selected})` : ''}`;
  return sparklineSvg(values, { width: 180, height: 36, title: label });
}

/** Is `value` a valid sample index for the scrubber (−1 = the whole note)? */
export function isSampleIndex(value: unknown, samples: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -1 && value < samples;
}
