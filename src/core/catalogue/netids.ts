/**
 * The first column of a socket listing: `ss`'s Netid (misc/ss.c prints one per socket table it reads) and
 * net-tools' / BSD `netstat` Proto. Which of them hold TCP sockets decides whether a state word on the row is a
 * TCP state. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from './types';

/** ss Netid column values (`???`: a socket ss could not name). */
export const SS_NETIDS: ReadonlySet<string> = new Set([
  'tcp',
  'udp',
  'raw',
  'u_str',
  'u_dgr',
  'u_seq',
  'p_raw',
  'p_dgr',
  'nl',
  'mptcp',
  'sctp',
  'dccp',
  'tipc',
  'v_str',
  'v_dgr',
  'xdp',
  '???',
]);

/**
 * The states ss prints for sockets of other protocols than TCP: UDP, raw, packet and netlink sockets are UNCONN or
 * ESTAB, Unix sockets also LISTEN. A listing holding any other state (TIME-WAIT, SYN-SENT, FIN-WAIT-1 …) lists TCP.
 */
export const OTHER_SOCKET_STATES: ReadonlySet<StateId> = new Set<StateId>(['CLOSED', 'ESTABLISHED', 'LISTEN']);

/** net-tools', BSD / macOS and Windows `netstat` Proto column values of protocols other than TCP. */
export const NETSTAT_OTHER_PROTOS: ReadonlySet<string> = new Set([
  'udp',
  'udp4',
  'udp6',
  'udp46',
  'UDP',
  'raw',
  'raw6',
  'unix',
  'icm4',
  'icm6',
  'sctp',
  'sctp4',
  'sctp6',
  'div',
  'udpl',
]);

/**
 * First columns of rows whose states are not TCP's: ss prints its generic names (UNCONN, ESTAB, LISTEN) for UDP,
 * raw, Unix, packet, netlink, vsock, SCTP, DCCP and TIPC sockets too, and netstat prints ESTABLISHED for a connected
 * UDP socket and LISTENING / CONNECTED for Unix ones. MPTCP sockets (`mptcp`) go through TCP's states and stay.
 */
export const OTHER_PROTOCOL_COLUMNS: ReadonlySet<string> = new Set([
  ...[...SS_NETIDS].filter((n) => n !== 'tcp' && n !== 'mptcp' && n !== '???'),
  ...NETSTAT_OTHER_PROTOS,
]);
