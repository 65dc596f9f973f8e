/**
 * Advice that knows what the note already did (audit c M5). A cause's "Change" line that recommends changing a
 * tunable (causeTexts.ts `tunes`) is replaced by its `done` text when the note sets that tunable after the sample the
 * cause is judged at, to a value that goes the way the advice says (raise, lower, a given value) from the one in
 * effect there. The change is the one the causes' messages print ("set to … later in the note", "Since then: … set
 * to …": inEffect.ts SettingChange, from timeline.ts settingsAt), and only a value the note sets — a value only read
 * later says nothing about what was done. Without the settings at the sample (facts built by hand), the advice as
 * written. Pure: no `vscode`, no Node built-ins.
 */
import type { Localized } from '../catalogue/types';
import { parseUint } from '../evidence/text';
import type { InEffect, SettingChange } from './inEffect';
import { orphanRetriesBudget, portCount, portRange } from './tunableValues';

/** Which way the advice wants the tunable to go: up, down (numbers as the kernel reads them), to a value, or to at most one. */
export type Wants = 'raise' | 'lower' | { readonly to: string } | { readonly atMost: number };

/** A tunable a change line recommends changing, and the line to say instead when the note already changed it ({value}, {when}). */
export interface Tunes {
  readonly key: string;
  readonly wants: Wants;
  readonly done: Localized;
}

/** A line of a cause's "Change": its text, and the tunables it recommends changing. */
export interface Advice extends Localized {
  readonly tunes?: readonly Tunes[];
}

/** The numbers of a value, blank-separated (`tcp_mem` has three), or undefined when one is not a number. */
function numbers(value: string): number[] | undefined {
  const parts = value.trim().split(/\s+/).map((x) => parseUint(x));
  return parts.length && parts.every((x) => x !== undefined) ? (parts as number[]) : undefined;
}

/**
 * A value as the kernel weighs it: the ports of ip_local_port_range, 8 for tcp_orphan_retries 0 (tcp_orphan_retries()
 * while the RTO is not maxed out), the largest of several numbers (tcp_mem[2]), else the number.
 */
function weight(key: string, value: string): number | undefined {
  const n = numbers(value);
  if (!n) return undefined;
  if (key === 'net.ipv4.ip_local_port_range') {
    const range = portRange(value);
    return range ? portCount(range) : undefined;
  }
  if (key === 'net.ipv4.tcp_orphan_retries' && n.length === 1) return orphanRetriesBudget(n[0] as number);
  return Math.max(...n);
}

/**
 * Does setting `key` from `before` (in effect at the sample; undefined: the note does not show it) to `after` go the
 * way the advice wants? Up or down needs both values — without the one in effect at the sample, a new value says
 * nothing of the direction (`tcp_orphan_retries=15` raises the default 8, `tcp_max_orphans=1024` may lower it), and
 * the advice stays as written; a given value or a bound needs only the new one.
 */
export function goesTheWay(key: string, wants: Wants, before: string | undefined, after: string): boolean {
  if (typeof wants === 'object') {
    if ('to' in wants) return after.trim() === wants.to;
    const n = weight(key, after);
    return n !== undefined && n <= wants.atMost;
  }
  const a = weight(key, after);
  const b = before === undefined ? undefined : weight(key, before);
  if (a === undefined || b === undefined) return false;
  return wants === 'raise' ? a > b : a < b;
}

/** The change of `tunes` the note made after the sample (`settings`: in effect there, with their changes), if any. */
function doneChange(tunes: Tunes, settings: Readonly<Record<string, InEffect>> | undefined): SettingChange | undefined {
  const s = settings?.[tunes.key];
  const c = s?.change;
  return c?.set && goesTheWay(tunes.key, tunes.wants, s?.value, c.value) ? c : undefined;
}

/** A line of a cause's "Change" whose advised change the note already made: the tunable, and the change. */
export interface DoneLine {
  readonly tunes: Tunes;
  readonly change: SettingChange;
}

/**
 * For each of a cause's "Change" lines, the first of its tunables whose advised change the note already made (said
 * as done instead of the line), or undefined.
 */
export function doneLines(change: readonly Advice[], settings: Readonly<Record<string, InEffect>> | undefined): (DoneLine | undefined)[] {
  return change.map((line) => {
    for (const tunes of line.tunes ?? []) {
      const c = doneChange(tunes, settings);
      if (c) return { tunes, change: c };
    }
    return undefined;
  });
}
