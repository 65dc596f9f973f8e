/**
 * Which samples a field's trend may combine (audit L3). A rate fitted across a change of the limit that bounds a
 * field — `tw` held at tcp_max_tw_buckets 5,000, the limit raised to 65,536, `tw` at 48,210 five minutes later — is
 * no rate of either regime: the samples before the change were taken under other settings. So a field's trend reads
 * only the samples after the latest change of a sysctl that governs it: its limit, and what sets how long its
 * sockets live. A change is two different values in effect (report/inEffect.ts) at two samples; a value unknown at
 * one of them is no change (a `sysctl -p` reloading a file prints values the note never read before: not known to
 * differ). `tw` (and sockstat's `inuse`, `sockets: used`, not trended) is per network namespace: its trend reads one
 * namespace's samples (report/netns.ts). Pure: no `vscode`, no Node built-ins.
 */
import { SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM } from '../snapshot/pressure';

/** The sockstat fields the report trends. */
export type Field = 'orphan' | 'tw' | 'mem';

/**
 * The sysctls that govern each field, its limit first: orphans are killed over tcp_max_orphans (and its ¼, ½), live
 * tcp_orphan_retries retransmissions, and an orphaned FIN-WAIT-2 tcp_fin_timeout; timewait minisocks stop at
 * tcp_max_tw_buckets, the FIN-WAIT-2 ones live tcp_fin_timeout, and tcp_tw_reuse hands TIME-WAIT ports to new
 * connections; TCP memory is bounded by tcp_mem and each socket's buffers by tcp_rmem / tcp_wmem (facts §3).
 */
export const GOVERNING: Readonly<Record<Field, readonly string[]>> = {
  orphan: [SYSCTL_MAX_ORPHANS, 'net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_fin_timeout'],
  tw: [SYSCTL_MAX_TW, 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_tw_reuse'],
  mem: [SYSCTL_TCP_MEM, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'],
};

/** The fields counted per network namespace (sockstat `tw`); `orphan` and `mem` are host-wide. */
export const PER_NETNS_FIELDS: ReadonlySet<Field> = new Set<Field>(['tw']);

/**
 * Of samples in time order with the governing values in effect at each (`at[i][k]`, undefined: not known), the last
 * one whose values differ from `now` (the latest sample's) where both are known, and the index of the first key that
 * differs there; undefined when none does.
 */
export function lastChangeIndex(at: readonly (readonly (string | undefined)[])[], now: readonly (string | undefined)[]): { index: number; key: number } | undefined {
  for (let i = at.length - 1; i >= 0; i--) {
    const values = at[i] as readonly (string | undefined)[];
    const key = values.findIndex((v, k) => v !== undefined && now[k] !== undefined && v !== now[k]);
    if (key >= 0) return { index: i, key };
  }
  return undefined;
}
