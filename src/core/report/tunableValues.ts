/**
 * What a tunable's value means to the kernel, where it is not the number itself: the retransmission budget
 * `tcp_orphan_retries` gives an orphan, the ports `ip_local_port_range` holds. Read by the causes and by the advice
 * that knows what the note changed (adviceDone.ts). Pure: no `vscode`, no Node built-ins.
 */
import { parseUint } from '../evidence/text';

/** The retransmissions `tcp_orphan_retries` allows an orphan: 0 means 8 while the RTO is not maxed out (tcp_timer.c tcp_orphan_retries()). */
export const orphanRetriesBudget = (value: number): number => (value === 0 ? 8 : value);

/** `ip_local_port_range` as its two ends (`32768 60999`; 1 ≤ lo ≤ hi ≤ 65535), else undefined. */
export function portRange(value: string | undefined): readonly [number, number] | undefined {
  const parts = (value ?? '').trim().split(/\s+/);
  if (parts.length !== 2) return undefined;
  const lo = parseUint(parts[0]);
  const hi = parseUint(parts[1]);
  return lo !== undefined && hi !== undefined && lo >= 1 && lo <= hi && hi <= 65535 ? [lo, hi] : undefined;
}

/** The ports a range holds. */
export const portCount = ([lo, hi]: readonly [number, number]): number => hi - lo + 1;
