/**
 * Items split into groups by a key (network namespaces, the sockets commands saw), or not split: one rule that the
 * counts (currentCounts.ts) and the listings (noteEvidence.ts) read alike. Pure: no `vscode`, no Node built-ins.
 */

/** More groups (scopes, namespaces) than this in one note are read as one (the work per state stays bounded on any note). */
export const MAX_GROUPS = 16;

/**
 * The items split by `key`, each group under its key in order of first appearance; undefined — one group of all —
 * when an item has no key (it may belong to any group) or there are more than MAX_GROUPS.
 */
export function splitBy<T>(items: readonly T[], key: (x: T) => string | undefined): Map<string, T[]> | undefined {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === undefined) return undefined;
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  return groups.size > MAX_GROUPS ? undefined : groups;
}
