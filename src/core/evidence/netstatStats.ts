/**
 * `netstat -s` (net-tools statistics.c) wordings mapped to nstat counter names (facts §4.4).
 * Templates use `#` where netstat prints the number; matching collapses whitespace and is case-sensitive.
 * Only the Tcp and TcpExt tables are kept: other sections reuse the same wordings ("packets received")
 * for different counters, and no orphan question depends on them.
 * Pure: no `vscode`, no Node built-ins.
 */
import { isDigits } from './text';

const TCP: ReadonlyArray<readonly [string, string]> = [
  ['# active connection openings', 'TcpActiveOpens'],
  ['# active connections openings', 'TcpActiveOpens'],
  ['# passive connection openings', 'TcpPassiveOpens'],
  ['# failed connection attempts', 'TcpAttemptFails'],
  ['# connection resets received', 'TcpEstabResets'],
  ['# connections established', 'TcpCurrEstab'],
  ['# segments received', 'TcpInSegs'],
  ['# segments sent out', 'TcpOutSegs'],
  ['# segments send out', 'TcpOutSegs'],
  ['# segments retransmitted', 'TcpRetransSegs'],
  ['# segments retransmited', 'TcpRetransSegs'],
  ['# bad segments received', 'TcpInErrs'],
  ['# bad segments received.', 'TcpInErrs'],
  ['# resets sent', 'TcpOutRsts'],
];

const TCP_EXT: ReadonlyArray<readonly [string, string]> = [
  // The orphan-related ones (facts §4.4).
  ['# connections aborted due to memory pressure', 'TcpExtTCPAbortOnMemory'],
  ['# connections aborted due to timeout', 'TcpExtTCPAbortOnTimeout'],
  ['# connections aborted after user close in linger timeout', 'TcpExtTCPAbortOnLinger'],
  ['# connections reset due to early user close', 'TcpExtTCPAbortOnClose'],
  ['# connections reset due to unexpected data', 'TcpExtTCPAbortOnData'],
  ['# connections reset due to unexpected SYN', 'TcpExtTCPAbortOnSyn'],
  ['# times unable to send RST due to no memory', 'TcpExtTCPAbortFailed'],
  ['TCP ran low on memory # times', 'TcpExtTCPMemoryPressures'],
  // Time-wait and listen queue.
  ['# TCP sockets finished time wait in fast timer', 'TcpExtTW'],
  ['# TCP sockets finished time wait in slow timer', 'TcpExtTWKilled'],
  ['# time wait sockets recycled by time stamp', 'TcpExtTWRecycled'],
  ['# resets received for embryonic SYN_RECV sockets', 'TcpExtEmbryonicRsts'],
  ['# times the listen queue of a socket overflowed', 'TcpExtListenOverflows'],
  ['# SYNs to LISTEN sockets dropped', 'TcpExtListenDrops'],
  ['# SYN cookies sent', 'TcpExtSyncookiesSent'],
  ['# SYN cookies received', 'TcpExtSyncookiesRecv'],
  ['# invalid SYN cookies received', 'TcpExtSyncookiesFailed'],
  // Memory and queues.
  ['# packets pruned from receive queue because of socket buffer overrun', 'TcpExtPruneCalled'],
  ['# packets pruned from receive queue', 'TcpExtRcvPruned'],
  ['# packets dropped from out-of-order queue because of socket buffer overrun', 'TcpExtOfoPruned'],
  ['# packets collapsed in receive queue due to low socket buffer', 'TcpExtTCPRcvCollapsed'],
  ['Ran # times out of system memory during packet sending', 'TcpExtSockMallocOOM'],
  ['# ICMP packets dropped because they were out-of-window', 'TcpExtOutOfWindowIcmps'],
  ['# ICMP packets dropped because socket was locked', 'TcpExtLockDroppedIcmps'],
  ['# active connections rejected because of time stamp', 'TcpExtPAWSActive'],
  ['# passive connections rejected because of time stamp', 'TcpExtPAWSPassive'],
  ['# packets rejected in established connections because of timestamp', 'TcpExtPAWSEstab'],
  ['# packetes rejected in established connections because of timestamp', 'TcpExtPAWSEstab'],
  // ACKs, retransmissions, recovery.
  ['# delayed acks sent', 'TcpExtDelayedACKs'],
  ['# delayed acks further delayed because of locked socket', 'TcpExtDelayedACKLocked'],
  ['Quick ack mode was activated # times', 'TcpExtDelayedACKLost'],
  ['# packet headers predicted', 'TcpExtTCPHPHits'],
  ['# acknowledgments not containing data payload received', 'TcpExtTCPPureAcks'],
  ['# predicted acknowledgments', 'TcpExtTCPHPAcks'],
  ['# fast retransmits', 'TcpExtTCPFastRetrans'],
  ['# retransmits in slow start', 'TcpExtTCPSlowStartRetrans'],
  ['# other TCP timeouts', 'TcpExtTCPTimeouts'],
  ['# timeouts after SACK recovery', 'TcpExtTCPSackFailures'],
  ['# timeouts in loss state', 'TcpExtTCPLossFailures'],
  ['# times recovered from packet loss by selective acknowledgements', 'TcpExtTCPSackRecovery'],
  ['# SACK retransmits failed', 'TcpExtTCPSackRecoveryFail'],
  ['# congestion windows fully recovered without slow start', 'TcpExtTCPFullUndo'],
  ['# congestion windows partially recovered using Hoe heuristic', 'TcpExtTCPPartialUndo'],
  ['# congestion windows recovered without slow start by DSACK', 'TcpExtTCPDSACKUndo'],
  ['# congestion windows recovered without slow start after partial ack', 'TcpExtTCPLossUndo'],
  ['# DSACKs sent for old packets', 'TcpExtTCPDSACKOldSent'],
  ['# DSACKs sent for out of order packets', 'TcpExtTCPDSACKOfoSent'],
  ['# DSACKs received', 'TcpExtTCPDSACKRecv'],
  ['# DSACKs for out of order packets received', 'TcpExtTCPDSACKOfoRecv'],
];

const BY_TEMPLATE: ReadonlyMap<string, string> = new Map([...TCP, ...TCP_EXT]);
/** First words and word counts of the templates: most lines with a number fail these before a template is joined. */
const TEMPLATE_FIRST_WORDS: ReadonlySet<string> = new Set([...BY_TEMPLATE.keys()].map((k) => k.split(' ')[0] as string));
/** The first words of the templates that start with a word, and whether some start with the number. */
export const NETSTAT_STATS_FIRST_WORDS: readonly string[] = [...TEMPLATE_FIRST_WORDS].filter((w) => w !== '#');
export const NETSTAT_STATS_NUMBER_FIRST = TEMPLATE_FIRST_WORDS.has('#');
const TEMPLATE_WORD_COUNTS: ReadonlySet<number> = new Set([...BY_TEMPLATE.keys()].map((k) => k.split(' ').length));

/** Section titles netstat -s prints for /proc/net/{snmp,netstat,snmp6} (`Tcp:`, `TcpExt:`, …). */
export const NETSTAT_SECTIONS: ReadonlySet<string> = new Set([
  'Ip',
  'Icmp',
  'IcmpMsg',
  'Tcp',
  'Udp',
  'UdpLite',
  'TcpExt',
  'IpExt',
  'MPTcpExt',
  'Sctp',
  'Ip6',
  'Icmp6',
  'Udp6',
  'UdpLite6',
  'Tcp6',
]);

/**
 * Maps a `netstat -s` line (`    12 connections aborted due to memory pressure`) to its nstat counter.
 * `section` is the last section title seen (`Tcp`, `TcpExt`) or undefined when grep removed the titles.
 * Returns the counter name and the value (undefined if too large).
 */
export function matchNetstatStatsLine(
  tokens: readonly string[],
  section: string | undefined,
): { readonly name: string; readonly value: number | undefined } | undefined {
  if (tokens.length < 2 || tokens.length > 20) return undefined;
  if (section !== undefined && section !== 'Tcp' && section !== 'TcpExt') return undefined;
  let numberAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (isDigits(tokens[i])) {
      numberAt = i;
      break;
    }
  }
  if (numberAt < 0) return undefined;
  if (!TEMPLATE_WORD_COUNTS.has(tokens.length) || !TEMPLATE_FIRST_WORDS.has(numberAt === 0 ? '#' : (tokens[0] as string))) return undefined;
  const template = tokens.map((t, i) => (i === numberAt ? '#' : t)).join(' ');
  const name = BY_TEMPLATE.get(template);
  if (name === undefined) return undefined;
  const isExt = name.startsWith('TcpExt');
  if ((section === 'Tcp' && isExt) || (section === 'TcpExt' && !isExt)) return undefined;
  const digits = tokens[numberAt] as string;
  const v = digits.length <= 16 ? Number(digits) : Number.NaN;
  return { name, value: Number.isSafeInteger(v) ? v : undefined };
}
