/** Public API of the socket-snapshot core. Pure: no `vscode`, no Node built-ins. */
export {
  ABORT_COUNTERS,
  ASSUMED_PAGE_SIZE,
  ORPHAN_TUNABLES,
  PROC_FILES,
  captureSnapshot,
  fenceFor,
  problemComments,
  snapshotInsertion,
  snapshotText,
  sumCounts,
} from './capture';
export type { Capture, CaptureOptions, CaptureProblem, ProblemKind, ProcReader, ProcStreamReader, ReadFailure, ReadOutcome } from './capture';
export { DEFAULT_TREND_SAMPLES, nextSampleDelay, TrendHistory } from './history';
export { liveCountSource, liveSample, withLiveCounts } from './live';
export type { LiveSample } from './live';
export { pressureGaugeSvg, sparklineSvg } from './liveSvg';
export type { GaugeLabels, SparklineOptions } from './liveSvg';
export { evidencePressure, formatPercent, nearestSockstat, orphanPressure, pressureInput, pressureVerdict } from './pressure';
export type { EvidencePressure, MemLevel, OrphanLevel, OrphanPressure, PressureInput, TwLevel } from './pressure';
export { countTcpTable, MAX_TABLE_SOCKETS, TcpTableCounter } from './procTcp';
export type { StateCounts, TcpTableCounts } from './procTcp';
export { isoWithZone, parseAuxvPageSize, parseOneLine, parseProcNetstat, parseSmapsPageSize, parseSockstat, parseSysctlValue } from './procFiles';
export { MIN_DOMINANT, ORPHAN_PRONE, suggestTemplate } from './suggest';
export type { TemplateSuggestion } from './suggest';
export { snapshotSupport } from './support';
export type { SnapshotSupport } from './support';
