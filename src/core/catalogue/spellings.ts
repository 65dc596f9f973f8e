/**
 * Every spelling of a TCP state that shows up in notes and pasted tool output, with the family it comes
 * from, so a hover can say "netstat's spelling of FIN-WAIT-1".
 * Sources: tcp-orphan-facts.md §1.1–§1.7 (RFC 793/9293 figures, include/net/tcp_states.h, iproute2 ss.c,
 * net-tools netstat.c, FreeBSD/xnu tcp_fsm.h, Windows MIB_TCP_STATE / TCPSTATE_, .NET TcpState, bcc).
 */
import type { StateId } from './types';
import { BoundedMemo } from '../memo';

export type SpellingFamily =
  | 'rfc' //         RFC 793/9293 prose names: FIN-WAIT-1, SYN-RECEIVED
  | 'rfc-figure' //  figure labels: SYN RCVD, FINWAIT-2, CLOSE WAIT, ESTAB
  | 'kernel' //      include/net/tcp_states.h: TCP_FIN_WAIT1, TCPF_*, BPF_TCP_*
  | 'ss' //          ss display names: ESTAB, SYN-RECV, UNCONN
  | 'ss-filter' //   ss state-filter keywords: established, syn-recv, listening
  | 'netstat' //     net-tools netstat (and bcc tcpstates): FIN_WAIT1, SYN_RECV, CLOSE
  | 'bsd' //         FreeBSD/macOS netstat: SYN_RCVD, FIN_WAIT_1, TCPS_*
  | 'windows' //     Windows netstat / MIB_TCP_STATE_* / TCPSTATE_*: LISTENING, SYN_RECEIVED
  | 'dotnet' //      .NET TcpState: FinWait1, TimeWait
  | 'legacy' //      old spellings: TIMED_WAIT, SYN_SEND
  | 'proc-hex' //    /proc/net/tcp `st` column: 04
  | 'variant'; //    anything else that normalises to a state

/**
 * Keys are spellings upper-cased with `-`, `_` and spaces removed (so `fin-wait-1`, `FIN_WAIT1`, `FinWait1`
 * and `FIN WAIT 1` all become `FINWAIT1`; normaliseSpelling).
 */
const NORMALISED: ReadonlyMap<string, StateId> = new Map<string, StateId>([
  ['CLOSED', 'CLOSED'],
  ['CLOSE', 'CLOSED'],
  ['UNCONN', 'CLOSED'],
  ['UNCONNECTED', 'CLOSED'],
  ['LISTEN', 'LISTEN'],
  ['LISTENING', 'LISTEN'],
  ['SYNSENT', 'SYN-SENT'],
  ['SYNSEND', 'SYN-SENT'],
  ['SYNRECEIVED', 'SYN-RECEIVED'],
  ['SYNRECV', 'SYN-RECEIVED'],
  ['SYNRCVD', 'SYN-RECEIVED'],
  ['SYNRCV', 'SYN-RECEIVED'],
  ['ESTABLISHED', 'ESTABLISHED'],
  ['ESTAB', 'ESTABLISHED'],
  ['FINWAIT1', 'FIN-WAIT-1'],
  ['FINWAIT2', 'FIN-WAIT-2'],
  ['CLOSEWAIT', 'CLOSE-WAIT'],
  ['CLOSING', 'CLOSING'],
  ['LASTACK', 'LAST-ACK'],
  ['TIMEWAIT', 'TIME-WAIT'],
  ['TIMEDWAIT', 'TIME-WAIT'],
  ['NEWSYNRECV', 'NEW-SYN-RECV'],
  ['BOUNDINACTIVE', 'BOUND-INACTIVE'],
]);

/** Normalised forms that are ordinary English words: they count only in capitals or as ss filter keywords. */
export const ENGLISH_WORD_STATES: ReadonlySet<string> = new Set([
  'CLOSED',
  'CLOSE',
  'CLOSING',
  'LISTEN',
  'LISTENING',
  'ESTABLISHED',
  'ESTAB',
  'UNCONN',
  'UNCONNECTED',
]);

/** Exact spellings with their families (case-sensitive). Anything else that normalises is a 'variant'. */
const EXACT: ReadonlyMap<string, readonly SpellingFamily[]> = new Map<string, readonly SpellingFamily[]>([
  // RFC prose
  ['CLOSED', ['rfc', 'bsd', 'windows']],
  ['LISTEN', ['rfc', 'ss', 'netstat', 'bsd']],
  ['SYN-SENT', ['rfc', 'ss']],
  ['SYN-RECEIVED', ['rfc']],
  ['ESTABLISHED', ['rfc', 'netstat', 'bsd', 'windows']],
  ['FIN-WAIT-1', ['rfc', 'ss']],
  ['FIN-WAIT-2', ['rfc', 'ss']],
  ['CLOSE-WAIT', ['rfc', 'ss']],
  ['CLOSING', ['rfc', 'ss', 'netstat', 'bsd', 'windows']],
  ['LAST-ACK', ['rfc', 'ss']],
  ['TIME-WAIT', ['rfc', 'ss']],
  // RFC figure labels
  ['SYN RCVD', ['rfc-figure']],
  ['SYN SENT', ['rfc-figure']],
  ['ESTAB', ['ss', 'rfc-figure']],
  ['FIN WAIT-1', ['rfc-figure']],
  ['FINWAIT-2', ['rfc-figure']],
  ['CLOSE WAIT', ['rfc-figure']],
  ['TIME WAIT', ['rfc-figure']],
  // ss display names
  ['SYN-RECV', ['ss']],
  ['UNCONN', ['ss']],
  // ss filter keywords (ss.c scan_state, case-insensitive; written in lower case by convention)
  ['established', ['ss-filter']],
  ['syn-sent', ['ss-filter']],
  ['syn-recv', ['ss-filter']],
  ['syn-rcv', ['ss-filter']],
  ['fin-wait-1', ['ss-filter']],
  ['fin-wait-2', ['ss-filter']],
  ['time-wait', ['ss-filter']],
  ['unconnected', ['ss-filter']],
  ['close', ['ss-filter']],
  ['closed', ['ss-filter']],
  ['close-wait', ['ss-filter']],
  ['last-ack', ['ss-filter']],
  ['listening', ['ss-filter']],
  ['closing', ['ss-filter']],
  ['bound-inactive', ['ss-filter']],
  // net-tools netstat / bcc tcpstates / kernel names without the prefix
  ['SYN_SENT', ['netstat', 'bsd', 'windows']],
  ['SYN_RECV', ['netstat']],
  ['FIN_WAIT1', ['netstat']],
  ['FIN_WAIT2', ['netstat']],
  ['TIME_WAIT', ['netstat', 'bsd', 'windows']],
  ['CLOSE', ['netstat']],
  ['CLOSE_WAIT', ['netstat', 'bsd', 'windows']],
  ['LAST_ACK', ['netstat', 'bsd', 'windows']],
  ['NEW_SYN_RECV', ['kernel']],
  ['BOUND_INACTIVE', ['kernel']],
  // BSD / macOS
  ['SYN_RCVD', ['bsd']],
  ['FIN_WAIT_1', ['bsd', 'windows']],
  ['FIN_WAIT_2', ['bsd', 'windows']],
  // Windows
  ['LISTENING', ['windows']],
  ['SYN_RECEIVED', ['windows']],
  // .NET TcpState
  ['SynSent', ['dotnet']],
  ['SynReceived', ['dotnet']],
  ['FinWait1', ['dotnet']],
  ['FinWait2', ['dotnet']],
  ['CloseWait', ['dotnet']],
  ['LastAck', ['dotnet']],
  ['TimeWait', ['dotnet']],
  // …and the four that are English words: states only where the context says so (Get-NetTCPConnection counts).
  ['Closed', ['dotnet']],
  ['Listen', ['dotnet']],
  ['Established', ['dotnet']],
  ['Closing', ['dotnet']],
  // legacy
  ['TIMED_WAIT', ['legacy']],
  ['SYN_SEND', ['legacy']],
]);

/** Identifier prefixes that name a state in code, with the family they belong to. Longest first. */
const PREFIXES: ReadonlyArray<readonly [string, SpellingFamily]> = [
  ['MIB_TCP_STATE_', 'windows'],
  ['TCPSTATE_', 'windows'],
  ['BPF_TCP_', 'kernel'],
  ['TCPF_', 'kernel'],
  ['TCPS_', 'bsd'],
  ['TCP_', 'kernel'],
];

export interface SpellingMatch {
  readonly state: StateId;
  readonly families: readonly SpellingFamily[];
  /** Length of an identifier prefix such as `TCP_` that was stripped. */
  readonly prefixLength: number;
  /** The normalised key, e.g. `FINWAIT1`. */
  readonly normalised: string;
}

/** Upper case without separators: `-`, `_`, space, and the full-width `＿` and `－` an input method types for them. */
export function normaliseSpelling(text: string): string {
  return text.replace(/[-_ \uFF3F\uFF0D]/g, '').toUpperCase();
}

/**
 * Looks a token up as a state spelling (`FIN_WAIT1`, `TCP_FIN_WAIT1`, `FinWait1`, `fin-wait-1`, `SYN RCVD`).
 * Applies no context rules (English words, boundaries): that is the recogniser's job.
 *
 * Memoised (the answers are shared and read-only): pasted listings repeat the same few tokens (`ESTAB`,
 * `FIN-WAIT-1`, `tcp`) thousands of times, and both the recogniser and the evidence parser ask for each.
 * Bounded, so a note of unique words cannot grow the cache without limit.
 */
export function lookupStateSpelling(token: string): SpellingMatch | undefined {
  return SPELLING_CACHE.get(token, () => lookupUncached(token) ?? null) ?? undefined;
}

const SPELLING_CACHE = new BoundedMemo<SpellingMatch | null>(8192);

function lookupUncached(token: string): SpellingMatch | undefined {
  let body = token;
  let prefixLength = 0;
  let prefixFamily: SpellingFamily | undefined;
  for (const [prefix, family] of PREFIXES) {
    if (token.startsWith(prefix) && token.length > prefix.length) {
      body = token.slice(prefix.length);
      prefixLength = prefix.length;
      prefixFamily = family;
      break;
    }
  }
  const normalised = normaliseSpelling(body);
  const state = NORMALISED.get(normalised);
  if (!state) return undefined;
  if (prefixFamily) {
    // A prefix is an identifier: require the upper-case enum form (TCP_FIN_WAIT1, TCPS_FIN_WAIT_1).
    if (body !== body.toUpperCase()) return undefined;
    return { state, families: [prefixFamily], prefixLength, normalised };
  }
  const families = EXACT.get(token) ?? ['variant'];
  return { state, families, prefixLength: 0, normalised };
}

/** `/proc/net/tcp` `st` column (the kernel enum printed with %02X). Source: facts §1.6 [K-ipv4]. */
export const PROC_NET_TCP_HEX: ReadonlyMap<string, StateId> = new Map<string, StateId>([
  ['01', 'ESTABLISHED'],
  ['02', 'SYN-SENT'],
  ['03', 'SYN-RECEIVED'],
  ['04', 'FIN-WAIT-1'],
  ['05', 'FIN-WAIT-2'],
  ['06', 'TIME-WAIT'],
  ['07', 'CLOSED'],
  ['08', 'CLOSE-WAIT'],
  ['09', 'LAST-ACK'],
  ['0A', 'LISTEN'],
  ['0B', 'CLOSING'],
  ['0C', 'NEW-SYN-RECV'],
  ['0D', 'BOUND-INACTIVE'],
]);

/** `ss` state-filter aggregates (ss.c scan_state, ss(8) STATE-FILTER), keyed lower case (the recogniser looks tokens up as written). Sources: facts §1.3 [ss.c]. */
export const SS_AGGREGATES: ReadonlyMap<string, readonly StateId[]> = new Map<string, readonly StateId[]>([
  ['all', ['ESTABLISHED', 'SYN-SENT', 'SYN-RECEIVED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSED', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING']],
  ['connected', ['ESTABLISHED', 'SYN-SENT', 'SYN-RECEIVED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING']],
  ['synchronized', ['ESTABLISHED', 'SYN-RECEIVED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING']],
  ['bucket', ['SYN-RECEIVED', 'TIME-WAIT']],
  ['big', ['ESTABLISHED', 'SYN-SENT', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSED', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING']],
]);

/**
 * The spelling tables themselves, read by the grammar generator (src/core/grammar.ts) so the editor's colours
 * follow exactly the spellings the recogniser knows.
 */
export const SPELLING_TABLES = {
  /** Normalised key (upper case, no `-`/`_`/space) → state. */
  normalised: NORMALISED,
  /** Exact spellings → families; their separators show where a key splits into words (`FIN|WAIT|1`). */
  exact: EXACT,
  /** Identifier prefixes (`TCP_`, `TCPS_`, …), longest first. */
  prefixes: PREFIXES,
} as const;
