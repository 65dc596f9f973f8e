/**
 * Which value of a sysctl was in effect at a sample (audit s10 #1). Notes paste the incident first and the fix
 * after it (`sysctl -p` printing the new `tcp_max_orphans`, a planned `/etc/sysctl.conf` under 处理/解决), so the
 * last value in the note is often not the one the sample met. The rule, for every limit the report compares:
 *
 * 1. In effect is the latest value at or before the sample — in the note's one order (sampleOrder.ts: by time, a
 *    block without one at the latest time above it, then by note line) — or read in the sample's own block (one
 *    paste is one moment).
 * 2. With none: the first value *read* after the sample, marked `after` (the report says "read later in the
 *    note"): a reading taken later describes the sample as long as nothing changed in between — a reading after a
 *    value set after the sample shows that setting, not the sample's, and is not used.
 * 3. A value *set* after the sample (`sysctl -w`, `sysctl -p`, a configuration file: EvidenceSegment `set`) is the
 *    change — often the fix — and is never applied backwards.
 * 4. `later`: the latest value placed after the sample, when it differs from the one in effect (a change after
 *    the sample, made or planned) — reported beside it; firstChange: the first such value and where it stands
 *    (when the limit changed: "set to 65,536 at 10:40").
 * 5. A value under another host's prompt than the sample's is not considered (report/hosts.ts), nor, for a sysctl
 *    that is per network namespace, a value read in another namespace than the sample's (report/netns.ts).
 *
 * Values are compared with their blanks normalised (`tcp_mem` pastes with tabs or spaces). Pure: no `vscode`, no
 * Node built-ins.
 */
import { compareOnAxis } from './sampleOrder';

/** Where a sample or a value stands: note line (0-based), minutes in the note's one order (sampleOrder.ts), its block. */
export interface Place {
  readonly line: number;
  readonly minutes: number | undefined;
  /** The evidence block (its first line): a block is one paste, one moment. */
  readonly block: number;
  /** The host whose prompt the output is under, when the note's prompts name one (report/hosts.ts). */
  readonly host?: string;
  /** The network namespace its output was read in, when not the host's (report/netns.ts). */
  readonly netns?: string;
}

/** One value of a sysctl in the note. */
export interface SettingValue extends Place {
  readonly value: string;
  /** Set (written, or a configuration file), not read from the running kernel. */
  readonly set: boolean;
}

export interface InEffect {
  /** The value in effect at the sample; absent when the note gives none before it and reads none after it. */
  readonly value?: string;
  /** The value was read after the sample (none at or before it). */
  readonly after: boolean;
  /** A different value later in the note (the latest one after the sample). */
  readonly later?: string;
  /** The first value after the sample that differs from the one in effect (firstChange), placed; with `settingsAt(…, changes)` only. */
  readonly change?: SettingChange;
}

/** A change of a sysctl after a sample: the new value, its 0-based line, the time of its block (null: none), and whether the note set it (not only read it). */
export interface SettingChange {
  readonly value: string;
  readonly line: number;
  readonly time: string | null;
  readonly set: boolean;
}

/** Blanks normalised: `188319\t251092  376638` → `188319 251092 376638`. */
export const normalisedValue = (v: string): string => v.trim().replace(/\s+/g, ' ');

/**
 * Order of two places: the note's one order (sampleOrder.ts; timeline.ts placeOf gives every place its minutes
 * there). A place without minutes stands before any time (-Infinity).
 */
export function comparePlaces(a: Place, b: Place): number {
  return compareOnAxis({ minutes: a.minutes ?? -Infinity, line: a.line }, { minutes: b.minutes ?? -Infinity, line: b.line });
}

/**
 * Whether a value can be the one in effect at `at`: not another host's (two hosts' sysctl output pasted together),
 * nor, with `perNetns` (report/netns.ts isPerNetnsSysctl), another network namespace's.
 */
function sameScope(v: Place, at: Place, perNetns: boolean): boolean {
  if (v.host !== undefined && at.host !== undefined && v.host !== at.host) return false;
  return !perNetns || v.netns === at.netns;
}

/**
 * The value of one sysctl in effect at `at` (the rule above); undefined when the note has no value at all. `perNetns`:
 * the sysctl is the namespace's own, so only values of `at`'s namespace count.
 */
export function valueInEffect(values: readonly SettingValue[], at: Place, perNetns = false): InEffect | undefined {
  let inEffect: SettingValue | undefined;
  let firstReadAfter: SettingValue | undefined;
  let firstSetAfter: SettingValue | undefined;
  let lastAfter: SettingValue | undefined;
  for (const v of values) {
    if (!sameScope(v, at, perNetns)) continue;
    if (comparePlaces(v, at) <= 0 || (v.block === at.block && !v.set)) {
      if (!inEffect || comparePlaces(v, inEffect) >= 0) inEffect = v;
      continue;
    }
    if (!v.set && (!firstReadAfter || comparePlaces(v, firstReadAfter) < 0)) firstReadAfter = v;
    if (v.set && (!firstSetAfter || comparePlaces(v, firstSetAfter) < 0)) firstSetAfter = v;
    if (!lastAfter || comparePlaces(v, lastAfter) >= 0) lastAfter = v;
  }
  if (!inEffect && !lastAfter) return undefined;
  const readBeforeAnySet = firstReadAfter !== undefined && (firstSetAfter === undefined || comparePlaces(firstReadAfter, firstSetAfter) < 0);
  const chosen = inEffect ?? (readBeforeAnySet ? firstReadAfter : undefined);
  const value = chosen === undefined ? undefined : normalisedValue(chosen.value);
  const later = lastAfter === undefined ? undefined : normalisedValue(lastAfter.value);
  return {
    ...(value !== undefined ? { value } : {}),
    after: inEffect === undefined && chosen !== undefined,
    ...(later !== undefined && later !== value ? { later } : {}),
  };
}

/** The first value after `at` (in the order above, of `at`'s host and, with `perNetns`, namespace) that differs from `value`, the one in effect there. */
export function firstChange(values: readonly SettingValue[], at: Place, value: string | undefined, perNetns = false): SettingValue | undefined {
  let change: SettingValue | undefined;
  for (const v of values) {
    if (!sameScope(v, at, perNetns)) continue;
    if (comparePlaces(v, at) <= 0 || (v.block === at.block && !v.set)) continue;
    if (normalisedValue(v.value) !== value && (!change || comparePlaces(v, change) < 0)) change = v;
  }
  return change;
}
