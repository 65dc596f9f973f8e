/**
 * Types of the TCP knowledge catalogue. Pure data: no `vscode`, no Node built-ins.
 *
 * Every user-facing text is `Localized` (English + Simplified Chinese) because the same knowledge is
 * shown by the editor hover, the diagram panel and the CLI (`tcp-state-notes explain --lang zh-cn`).
 * Every fact carries a `source` key that resolves in `../shared/docs/tcp-orphan-facts.md`
 * ("K-tcp.c __tcp_close", "RFC9293 §3.3.2", "man-tcp7", …).
 */

export type Lang = 'en' | 'zh-cn';

export interface Localized {
  readonly en: string;
  readonly 'zh-cn': string;
}

/** Canonical state ids: the RFC 9293 prose names plus the two Linux-only pseudo-states. */
export const STATE_IDS = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
  'NEW-SYN-RECV',
  'BOUND-INACTIVE',
] as const;

export type StateId = (typeof STATE_IDS)[number];

/**
 * Can a socket in this state be an orphan (SOCK_DEAD, counted in sockstat `orphan`)?
 * - `yes`: FIN-WAIT-1, CLOSING, LAST-ACK (the real orphans);
 * - `caveat`: FIN-WAIT-2 (a full orphan only when its FIN-WAIT-2 timeout, tcp_fin_time(), is over 60 s, otherwise a timewait minisock);
 * - `no`: everything else (CLOSE-WAIT keeps its fd, TIME-WAIT is a minisock counted as `tw`, …).
 */
export type OrphanVerdict = 'yes' | 'no' | 'caveat';

/** One statement with the key of its source in the facts file. */
export interface Fact {
  readonly text: Localized;
  /** Source key(s) from tcp-orphan-facts.md, e.g. "K-tcp.c __tcp_close; K-doc-sysctl". */
  readonly source: string;
}

export interface StateKnowledge {
  readonly id: StateId;
  /** One-line meaning. */
  readonly summary: Localized;
  /** Who is there: active/passive closer, opener, … */
  readonly who: Localized;
  /** What moves it on (events leading out of the state). */
  readonly leavesOn: Localized;
  /** What bounds its lifetime on Linux (timer, sysctl, constant). */
  readonly lifetime: Fact;
  readonly orphan: {
    readonly verdict: OrphanVerdict;
    /** One short line: "the typical orphan", "never an orphan: the fd is open", … */
    readonly headline: Localized;
    /** Why, and what ends it. */
    readonly why: Fact;
    /** Full sysctl keys that matter for this state, e.g. "net.ipv4.tcp_orphan_retries". */
    readonly sysctls: readonly string[];
    /** Counter ids that move, e.g. "TcpExtTCPAbortOnTimeout"; sockstat fields as "sockstat.orphan". */
    readonly counters: readonly string[];
  };
  /** The peer's mirror state, when there is a typical one. */
  readonly peer?: { readonly state: StateId; readonly text: Localized };
  /** Shell commands that list / inspect this state (first one is the canonical `ss` listing). */
  readonly commands: readonly string[];
  /** Common wrong beliefs, each corrected. */
  readonly pitfalls: readonly Fact[];
}

export type TermKind = 'sysctl' | 'sockstat' | 'counter' | 'message';

export interface TermKnowledge {
  /**
   * Canonical id. sysctl: the full key ("net.ipv4.tcp_max_orphans"); sockstat: "sockstat.orphan";
   * counter: the nstat name ("TcpExtTCPAbortOnMemory"); message: "msg.<slug>".
   */
  readonly id: string;
  readonly kind: TermKind;
  /** How it is displayed as a heading ("net.ipv4.tcp_max_orphans", "sockstat `orphan`", …). */
  readonly title: string;
  /**
   * Extra literal spellings recognised in notes besides those derived from the id
   * (for counters: "TCPAbortOnMemory" as in /proc/net/netstat, the `netstat -s` wording;
   * for messages: the exact kernel log text). Matched case-insensitively for messages.
   */
  readonly aliases: readonly string[];
  readonly summary: Localized;
  readonly details: readonly Fact[];
  /** Default value as text ("0 (means 8)", "60", "computed at boot: ehash entries / 2"). */
  readonly defaultValue?: Localized;
  readonly unit?: Localized;
  /** Host-wide or per network namespace. */
  readonly scope?: 'host' | 'netns';
  /** Shell commands to read or check it. */
  readonly commands: readonly string[];
  /** Ids of related states or terms. */
  readonly related: readonly string[];
  /** Removed from the kernel (e.g. tcp_tw_recycle, removed in 4.12). */
  readonly removed?: Localized;
}
