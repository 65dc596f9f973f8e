/**
 * Per-connection evidence: the rows of socket listings pasted into a note (ss -tanoepim, netstat -tanpo,
 * Get-NetTCPConnection, /proc/net/tcp{,6}) and of bcc `tcpstates` / `tcplife`, read field by field — peers,
 * queues, timers, retransmissions, processes — and summarised per state. A second pass over the segments parse.ts finds
 * (it counts; this reads the detail). Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';

/** Timer kinds as ss prints them (`timer:(on|persist|keepalive|timewait,…)`); `none` = no timer pending. */
export type TimerKind = 'on' | 'persist' | 'keepalive' | 'timewait' | 'none';
export const TIMER_KINDS: readonly TimerKind[] = ['on', 'persist', 'keepalive', 'timewait', 'none'];

export type ConnectionSource = 'ss' | 'netstat' | 'get-nettcpconnection' | 'lsof' | 'proc-net-tcp' | 'tcpstates' | 'tcplife';

export interface Endpoint {
  /**
   * Address without brackets, zone or port; IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as plain IPv4; a host name as
   * printed (lower case), when the tool resolved it (`ss` / `netstat` without -n).
   */
  readonly address: string;
  readonly port?: number;
  /** 0: a wildcard (`*`, `0.0.0.0`, `::`); 'name': a host name, which belongs to no network the report can tell. */
  readonly family: 4 | 6 | 0 | 'name';
}

export interface Connection {
  /** 0-based line of the row in the note (or in the parsed text). */
  readonly line: number;
  readonly source: ConnectionSource;
  readonly state?: StateId;
  readonly local?: Endpoint;
  readonly peer?: Endpoint;
  readonly recvQ?: number;
  readonly sendQ?: number;
  /** Set when the output shows timers (ss -o, netstat -o, /proc/net/tcp); `none` when it shows none for this row. */
  readonly timer?: TimerKind;
  /**
   * Retransmissions of the pending RTO (ss `timer:(on,…,N)`, netstat `on (…/N/…)`, /proc/net/tcp `retrnsmt`:
   * the kernel's icsk_retransmits).
   */
  readonly retransmits?: number;
  /** Unanswered zero-window probes (ss `timer:(persist,…,N)`, /proc/net/tcp `timeout` column: icsk_probes_out). */
  readonly probes?: number;
  /** ss -i fields. */
  readonly rtoMs?: number;
  readonly backoff?: number;
  readonly lastsndMs?: number;
  readonly unacked?: number;
  readonly cwnd?: number;
  /** ss -i `retrans:cur/total`: the total. */
  readonly retransTotal?: number;
  /** ss -m `skmem:(…,w<queued>,…)`: bytes queued for sending. */
  readonly wmemQueued?: number;
  /** ss -e / netstat -e / /proc/net/tcp. */
  readonly uid?: number;
  readonly inode?: number;
  /** Process names (ss -p `users:(("nginx",pid=…,fd=…))`, netstat -p `PID/Program`). */
  readonly processes?: readonly string[];
  /** tcpstates: the state left, and the ms spent in it. */
  readonly fromState?: StateId;
  readonly msInOldState?: number;
  /** tcplife: the connection's lifetime in ms. */
  readonly lifetimeMs?: number;
}

export interface Ranked<K extends string> {
  readonly key: K;
  readonly count: number;
}

/** What the listings of a note show for one state. */
export interface StateSockets {
  readonly listed: number;
  readonly peers: readonly { readonly address: string; readonly count: number }[];
  readonly prefixes: readonly { readonly prefix: string; readonly count: number }[];
  readonly localPorts: readonly { readonly port: number; readonly count: number }[];
  /** Rows whose output shows timers, per kind (all zero when no row shows timers). */
  readonly timers: Readonly<Record<TimerKind, number>>;
  /** Rows with a Send-Q column, how many non-zero, and the largest. */
  readonly sendQ: { readonly rows: number; readonly nonZero: number; readonly max: number };
  /** Highest retransmission count shown, or null when no row shows one. */
  readonly retransMax: number | null;
  /** Highest zero-window probe count shown, or null. */
  readonly probesMax: number | null;
  /** Highest ss -i backoff shown, or null. */
  readonly backoffMax: number | null;
  readonly processes: readonly { readonly name: string; readonly count: number }[];
  /** Rows that say whether a file is attached (ss -e ino, /proc/net/tcp inode), and how many have none (ino 0). */
  readonly inode: { readonly rows: number; readonly zero: number };
  /** The most common peer ports (with `peers`, where the state's sockets go: an address and a port). */
  readonly peerPorts?: readonly { readonly port: number; readonly count: number }[];
  /**
   * Rows from listings whose command kept them by something other than their state (`dst 10.0.0.2`, `| grep :443`):
   * with any, the peers, networks and local ports above are not a sample of the state's sockets.
   */
  readonly selected?: number;
  /** LISTEN only: the listeners' accept queues as ss shows them (see ListenerQueues). */
  readonly listeners?: ListenerQueues;
}

/**
 * The accept queues of listeners listed by ss. For a listening socket ss prints the accept queue in Recv-Q and its
 * limit in Send-Q (inet_diag: sk_ack_backlog, sk_max_ack_backlog — net/ipv4/tcp_diag.c tcp_diag_get_info); netstat
 * and /proc/net/tcp show the queue but not the limit, so only ss rows count here. The kernel's test for a full
 * queue is `sk_ack_backlog > sk_max_ack_backlog` (include/net/sock.h sk_acceptq_is_full): Recv-Q above Send-Q.
 */
export interface ListenerQueues {
  /** LISTEN rows from ss. */
  readonly rows: number;
  /** The first of those whose queue is full (Recv-Q > Send-Q), in note order. */
  readonly full: readonly ListenerQueue[];
  /** How many rows are full in all (`full` keeps the first few). */
  readonly fullCount?: number;
}

export interface ListenerQueue {
  /** The local port (the service). */
  readonly port: number;
  readonly recvQ: number;
  readonly sendQ: number;
  /** 0-based note line of the row. */
  readonly line: number;
}
