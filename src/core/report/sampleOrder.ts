/**
 * The one order of a note's samples and settings in time. timeline.ts places every block on it (axisOf), and
 * latestSockstat (the latest sample), currentCounts.ts (the current count of each state) and inEffect.ts (the
 * value of a limit in effect at a sample) all compare with compareOnAxis: by minutes on the note's time axis,
 * then by note line. A block without a time stands at the latest time of a timed block above it in the note
 * (notes are written as the incident goes: a later paste is later evidence), -Infinity before any: it comes after
 * every timed block above it, and before a timed block below it that is later in time. One order for all, so the
 * latest sample, the current counts and the limits in effect never disagree about what came first. Pure: no
 * `vscode`, no Node built-ins.
 */

/** Where a sample or a value stands: minutes on the axis (see above), and its 0-based note line. */
export interface OnAxis {
  readonly minutes: number;
  readonly line: number;
}

/** Negative when `a` comes before `b`: earlier minutes, else the earlier line. */
export function compareOnAxis(a: OnAxis, b: OnAxis): number {
  return a.minutes < b.minutes ? -1 : a.minutes > b.minutes ? 1 : a.line - b.line;
}

/**
 * The minutes on the axis of each of a list of places in note order, from their own minutes (undefined: no
 * time): its own, else the latest of the ones above it, -Infinity before any.
 */
export function minutesInNoteOrder(own: readonly (number | undefined)[]): number[] {
  let latest = -Infinity;
  return own.map((m) => {
    if (m !== undefined && m > latest) latest = m;
    return m ?? latest;
  });
}
