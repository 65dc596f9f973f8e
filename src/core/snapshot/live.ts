/**
 * The live view's data, in one place: what one sample sends to the diagram webview, and where the diagram's
 * counts come from while Live is on. Pure: no `vscode`, no Node built-ins. The shell side (sampling timer,
 * panel messages, "Freeze into note") is `src/features/diagram/live.ts`.
 */
import type { Lang, StateId } from '../catalogue/types';
import type { Capture } from './capture';
import type { TrendHistory } from './history';
import { pressureVerdict, type OrphanPressure } from './pressure';

/** One live sample, as data: the webview draws the gauge and the sparklines with the core's SVG builders. */
export interface LiveSample {
  readonly host: string;
  /** Local time of the sample, HH:MM:SS. */
  readonly time: string;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** Per state with sockets in the kept window: oldest first. */
  readonly trends: Readonly<Partial<Record<StateId, readonly number[]>>>;
  readonly pressure: OrphanPressure;
  readonly verdict: string;
  /** Files that could not be read ("/proc/net/tcp6 (file not found)"). */
  readonly problems: readonly string[];
  /** The interval in force for the next sample. */
  readonly intervalSeconds: number;
}

/** HH:MM:SS of the capture (its local ISO time). */
function captureTime(capture: Capture): string {
  return capture.data.time.slice(11, 19);
}

export function liveSample(capture: Capture, history: TrendHistory, lang: Lang, problems: readonly string[], intervalSeconds: number): LiveSample {
  return {
    host: capture.data.host,
    time: captureTime(capture),
    counts: capture.counts,
    trends: history.trends(),
    pressure: capture.pressure,
    verdict: pressureVerdict(capture.pressure, lang),
    problems,
    intervalSeconds,
  };
}

/** "live /proc/net/tcp{,6}, 12:03:04" — where the diagram's counts come from while Live is on. */
export function liveCountSource(capture: Capture, lang: Lang): string {
  const time = captureTime(capture);
  // Past the socket cap the counts are of the first N rows of a table: say so (issue #17).
  const cap = capture.tcp4?.truncatedAt ?? capture.tcp6?.truncatedAt;
  const more = cap === undefined ? '' : lang === 'zh-cn' ? `，已截断：超过 ${cap} 个 socket` : `, truncated: more than ${cap} sockets`;
  return lang === 'zh-cn' ? `实时 /proc/net/tcp{,6}，${time}${more}` : `live /proc/net/tcp{,6}, ${time}${more}`;
}

/** The diagram input's counts while Live is on: the capture's, with their source. */
export function withLiveCounts<T extends { counts: Partial<Record<StateId, number>> }>(input: T, capture: Capture | undefined, lang: Lang): T & { countSource?: string } {
  return capture ? { ...input, counts: { ...capture.counts }, countSource: liveCountSource(capture, lang) } : input;
}
