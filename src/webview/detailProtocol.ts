/**
 * The messages of the diagram's detail pane and timeline scrubber (part of protocol.ts's unions), and the
 * checks the host applies to what the webview sends for them. The data is built by src/core/diagram/detail.ts.
 */
import { STATE_IDS, type StateId } from '../core/catalogue/types';
import type { StateDetail } from '../core/diagram/detail';

export type { StateDetail, TimelineSample } from '../core/diagram/detail';

/** Texts of the detail pane (localised on the host). `{0}`… are filled by the webview with numbers only. */
export interface DetailStrings {
  readonly close: string;
  readonly count: string;
  /** "line {0}" */
  readonly countLine: string;
  readonly listed: string;
  readonly peers: string;
  readonly prefixes: string;
  readonly localPorts: string;
  readonly timers: string;
  readonly sendQ: string;
  /** "{0} of {1} rows, max {2} B" */
  readonly sendQValue: string;
  readonly retrans: string;
  readonly processes: string;
  readonly cause: string;
  readonly source: string;
  readonly trend: string;
  readonly trendOrphan: string;
  readonly noEvidence: string;
  /** "At the chosen sample ({0})": the row label; the value is the count or notInSample. */
  readonly atSample: string;
  readonly notInSample: string;
}

export interface TimelineStrings {
  readonly label: string;
  readonly whole: string;
  /** "Sample {0} of {1}: {2}" */
  readonly sample: string;
  readonly orphan: string;
}

/** The scrubber's data: present in a render message only when the note has two or more timed samples. */
export interface TimelineView {
  readonly samples: readonly { readonly time: string; readonly orphan: number | null }[];
  /** Index into samples, or −1 for the whole note (the diagram's usual counts). */
  readonly selected: number;
  /** The `seq` of the last scrubber move the host handled (0: none yet). */
  readonly answered: number;
  readonly strings: TimelineStrings;
}

export interface DetailMessage {
  readonly type: 'detail';
  /** null: nothing selected (the pane closes). */
  readonly detail: StateDetail | null;
  readonly strings: DetailStrings;
  /** When a sample is chosen on the scrubber: its time and the state's count in it (null: not in that sample). */
  readonly atSample?: { readonly time: string; readonly count: number | null };
}

const KNOWN: ReadonlySet<string> = new Set<string>(STATE_IDS);

/** The webview's `select`: a known state id or null. */
export function isSelectState(value: unknown): value is StateId | null {
  return value === null || (typeof value === 'string' && KNOWN.has(value));
}
