/**
 * The live view's memory: the last N samples of the per-state counts and of sockstat `orphan`, for the
 * trend lines. Pure: no `vscode`, no Node built-ins.
 */
import { STATE_IDS, type StateId } from '../catalogue/types';
import type { StateCounts } from './procTcp';

export const DEFAULT_TREND_SAMPLES = 40;

/** A live sample may take at most this share of the time between samples: a slow one stretches the interval. */
const MAX_SAMPLE_SHARE = 0.2;

/**
 * Milliseconds to wait before the next live sample: the configured interval, stretched so that sampling
 * (a slow /proc/net/tcp on a host with many sockets) takes at most a fifth of the time (issue #17).
 */
export function nextSampleDelay(intervalMs: number, sampleMs: number): number {
  const stretched = Number.isFinite(sampleMs) && sampleMs > 0 ? sampleMs / MAX_SAMPLE_SHARE - sampleMs : 0;
  return Math.max(intervalMs, Math.min(stretched, 3_600_000));
}

interface Sample {
  readonly counts: StateCounts;
  readonly orphan: number | undefined;
}

export class TrendHistory {
  private readonly samples: Sample[] = [];

  constructor(readonly capacity = DEFAULT_TREND_SAMPLES) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError('capacity must be an integer ≥ 2');
  }

  get length(): number {
    return this.samples.length;
  }

  push(counts: StateCounts, orphan?: number): void {
    this.samples.push({ counts: { ...counts }, orphan });
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  clear(): void {
    this.samples.length = 0;
  }

  /** Oldest first; a state absent from a sample counts 0 there. */
  series(state: StateId): number[] {
    return this.samples.map((s) => s.counts[state] ?? 0);
  }

  /** sockstat `orphan` per sample (samples without it are left out). */
  orphanSeries(): number[] {
    return this.samples.flatMap((s) => (s.orphan === undefined ? [] : [s.orphan]));
  }

  /** States with at least one socket in any kept sample, in diagram order. */
  activeStates(): StateId[] {
    return STATE_IDS.filter((id) => this.samples.some((s) => (s.counts[id] ?? 0) > 0));
  }

  /** Series of every active state. */
  trends(): Partial<Record<StateId, number[]>> {
    const out: Partial<Record<StateId, number[]>> = {};
    for (const id of this.activeStates()) out[id] = this.series(id);
    return out;
  }
}
