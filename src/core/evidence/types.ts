/**
 * Evidence: numbers read from command output pasted into a note (ss, ss -s, netstat, Get-NetTCPConnection, /proc/net/sockstat,
 * `uniq -c` counts, nstat, /proc/net/tcp, node_exporter metrics, the extension's own snapshot block).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';

export type EvidenceKind =
  | 'ss' //            `ss -tan` listing (with or without the State column)
  | 'ss-summary' //    `ss -s`
  | 'netstat' //       netstat -tan (Linux net-tools, BSD/macOS, Windows)
  | 'get-nettcpconnection' // PowerShell Get-NetTCPConnection tables (Format-Table)
  | 'lsof' //          lsof -i listings: sockets some process holds a descriptor of (formats/lsof.ts)
  | 'sockstat' //      /proc/net/sockstat, /proc/net/sockstat6
  | 'state-counts' //  `… | sort | uniq -c`, awk per-state counts, "STATE N" tables
  | 'endpoint-counts' // one state's sockets per local or peer endpoint: `ss … | awk '{print $4}' | sort | uniq -c`
  | 'nstat' //         nstat / netstat -s / /proc/net/netstat counters
  | 'proc-net-tcp' //  /proc/net/tcp, /proc/net/tcp6 rows (hex state column)
  | 'sysctl' //        `sysctl net.ipv4.tcp_max_orphans = 262144` lines
  | 'prometheus' //    node_exporter metrics (sockstat, tcp_connection_states, netstat collectors)
  | 'snapshot'; //     the block written by "Capture Socket Snapshot"

export interface SockstatNumbers {
  /** `sockets: used N` */
  socketsUsed?: number;
  /** `TCP: inuse N orphan N tw N alloc N mem N` (mem is in pages). */
  tcp?: { inuse?: number; orphan?: number; tw?: number; alloc?: number; mem?: number };
  /** `TCP6: inuse N` */
  tcp6?: { inuse?: number };
}

/** Which sockets a command saw, as far as its line tells; each part absent when the line does not say. */
export interface SegmentScope {
  /** `-4` / `-6` (`ss -4`, `ss -f inet6`, `netstat -A inet6`, …; /proc/net/tcp's rows or tcp6's). */
  readonly family?: '4' | '6';
  /** The host of the prompt (`[root@lb-7 ~]#` → `lb-7`). */
  readonly host?: string;
  /** Where the command ran: `ip netns exec blue`, `nsenter -t 1234 -n`, `ssh lb-8`, `kubectl exec pod`, `ss -N blue`. */
  readonly target?: string;
  /**
   * The command line was read and names no such place: it ran in the shell's own network namespace, so it saw
   * other sockets than a command with a target (a node's `ss` and a pod's `nsenter … ss`).
   */
  readonly here?: true;
}

/** One recognised piece of output inside a code block (a block may hold several, e.g. sockstat then ss -s). */
export interface EvidenceSegment {
  readonly kind: EvidenceKind;
  /** 0-based line range inside the parsed text, end exclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** Sockets per state (only for listings and per-state counts). */
  readonly counts: Partial<Record<StateId, number>>;
  /** Number of socket rows listed (listings) — the denominator for "72 % of listed sockets". */
  readonly listed?: number;
  /**
   * When the listing was filtered to one state (`ss -tan state fin-wait-1` prints no State column),
   * the state the filter selected.
   */
  readonly filteredState?: StateId;
  /** The output is one number for one state (`| wc -l`, `grep -c`, `find /c`), not rows. */
  readonly oneNumber?: true;
  /**
   * (Per-state counts) the states this output speaks for besides those it counts: the states its command can
   * show (CommandContext.shows) for a whole per-state count (`uniq -c`, awk `END`), every state for the snapshot
   * block, the filtered state for one number or an empty filtered listing. A state in it that the output does
   * not count had no socket then. Absent when not known (no command, a cut output, node_exporter metrics) and
   * for listings with rows (a pasted listing is often trimmed without a mark).
   */
  readonly covers?: readonly StateId[];
  /**
   * The output is cut: a `head` / `tail` in its pipeline, or lines inside or after it the reader skipped (an
   * elision such as `...` or `(省略 6 万行)`): it shows part of the sockets, so a listing's rows are a lower bound.
   */
  readonly cut?: true;
  /**
   * The command showed only some of the sockets of the states counted (`| head`, `| grep 10.0.1.23`,
   * `ss … dport = :443`): a count of the whole state is better (blockCounts.ts).
   */
  readonly partial?: true;
  /**
   * (Listings) the command kept its rows by something other than their state (CommandContext.selects: `dst …`,
   * `| grep 10.0.1.23`): where they go says nothing of where the state's sockets go.
   */
  readonly selected?: true;
  /** (endpoint-counts) one state's sockets per endpoint of one column, the largest first (formats/endpointCounts.ts). */
  readonly endpoints?: EndpointCounts;
  /**
   * What the command says about which sockets it saw (its address family, the host in its prompt, the network
   * namespace or container it ran in); absent when it says nothing. Counts of one state from segments whose
   * scopes differ are different sockets; otherwise they are the same ones counted again (blockCounts.ts).
   */
  readonly scope?: SegmentScope;
  readonly sockstat?: SockstatNumbers;
  /** Counter values by nstat name (`TcpExtTCPAbortOnMemory`), normalised from other spellings. */
  readonly counters?: Readonly<Record<string, number>>;
  /**
   * The counters come from an `nstat` run: `increments` since its previous run (nstat without `-a`; a host's first
   * run prints the totals all the same), or `totals` since boot (`-a`). Absent for other counter outputs.
   */
  readonly nstat?: 'increments' | 'totals';
  /** sysctl values by full key (`net.ipv4.tcp_max_orphans`), raw text value ("4096 87380 6291456"). */
  readonly sysctls?: Readonly<Record<string, string>>;
  /**
   * The sysctl values were set, not read: printed after a command that sets them (`sysctl -w`, `sysctl -p`) or
   * from a configuration file (`cat /etc/sysctl.conf`) — command.ts `setsSysctls`. Absent for readings.
   */
  readonly set?: true;
  /**
   * In a loop whose body prints `date` after its output (`ss … | wc -l; date`: loopPasses.ts Loop.dateLast), the
   * 0-based line of the date line that ends its pass and dates it; -1 when none follows (the paste ends first): the
   * output then has no time of its own, not the date line before it (the previous pass's). Absent elsewhere.
   */
  readonly dateLine?: number;
}

/** A count of one state's sockets per local or peer endpoint (`uniq -c` of one column of a listing). */
export interface EndpointCounts {
  readonly state: StateId;
  readonly side: 'local' | 'peer';
  /** No line was cut (no `head`, no elision): `total` is every socket of the state the listing showed. */
  readonly whole: boolean;
  /** The sockets of the lines read (those whose value is an endpoint). */
  readonly total: number;
  /** The largest counts of an address and port (at most five), the largest first; of an address alone (no port) after `cut -d: -f1`. */
  readonly top: readonly { readonly address: string; readonly port?: number; readonly count: number }[];
}
