/**
 * Per-state summaries of socket rows: how many, which peers and /24 (IPv6 /64) networks, which local ports,
 * timers, Send-Q, retransmissions, processes. Only listings (ss, netstat, /proc/net/tcp) count as sockets;
 * tcpstates rows are transitions and tcplife rows closed connections (see transitionsByState).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import { prefixOf } from './address';
import { TIMER_KINDS, type Connection, type StateSockets, type TimerKind } from './types';

export const TOP_N = 5;

function top<K extends string | number>(m: Map<K, number>, n = TOP_N): { key: K; count: number }[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1))
    .slice(0, n)
    .map(([key, count]) => ({ key, count }));
}

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

const maxOf = (a: number | null, b: number | undefined): number | null => (b === undefined ? a : a === null ? b : Math.max(a, b));

export function isListing(c: Connection): boolean {
  return c.source === 'ss' || c.source === 'netstat' || c.source === 'proc-net-tcp';
}

/** Summarises the listing rows of one state. */
export function summariseSockets(rows: readonly Connection[]): StateSockets {
  const peers = new Map<string, number>();
  const prefixes = new Map<string, number>();
  const ports = new Map<number, number>();
  const procs = new Map<string, number>();
  const timers = Object.fromEntries(TIMER_KINDS.map((k) => [k, 0])) as Record<TimerKind, number>;
  let sendRows = 0;
  let nonZero = 0;
  let sendMax = 0;
  let retransMax: number | null = null;
  let probesMax: number | null = null;
  let backoffMax: number | null = null;
  let inodeRows = 0;
  let inodeZero = 0;
  for (const c of rows) {
    if (c.peer && c.peer.family !== 0) {
      bump(peers, c.peer.address);
      const p = prefixOf(c.peer);
      if (p) bump(prefixes, p);
    }
    if (c.local?.port !== undefined) bump(ports, c.local.port);
    if (c.timer !== undefined) timers[c.timer]++;
    if (c.sendQ !== undefined) {
      sendRows++;
      if (c.sendQ > 0) nonZero++;
      if (c.sendQ > sendMax) sendMax = c.sendQ;
    }
    retransMax = maxOf(retransMax, c.retransmits);
    probesMax = maxOf(probesMax, c.probes);
    backoffMax = maxOf(backoffMax, c.backoff);
    if (c.inode !== undefined) {
      inodeRows++;
      if (c.inode === 0) inodeZero++;
    }
    for (const p of c.processes ?? []) bump(procs, p);
  }
  return {
    listed: rows.length,
    peers: top(peers).map((x) => ({ address: x.key, count: x.count })),
    prefixes: top(prefixes).map((x) => ({ prefix: x.key, count: x.count })),
    localPorts: top(ports).map((x) => ({ port: x.key, count: x.count })),
    timers,
    sendQ: { rows: sendRows, nonZero, max: sendMax },
    retransMax,
    probesMax,
    backoffMax,
    processes: top(procs).map((x) => ({ name: x.key, count: x.count })),
    inode: { rows: inodeRows, zero: inodeZero },
  };
}

/**
 * Listing rows per state, summarised. A socket listed twice (same state, local and peer endpoints — `ss -tan`
 * and `ss -tan state fin-wait-1` in one note, or two samples of a stuck socket) counts once.
 */
export function socketsByState(connections: readonly Connection[]): Map<StateId, StateSockets> {
  const groups = new Map<StateId, Connection[]>();
  const seen = new Set<string>();
  for (const c of connections) {
    if (!isListing(c) || c.state === undefined) continue;
    const key = `${c.state} ${c.local?.address ?? ''}:${c.local?.port ?? ''} ${c.peer?.address ?? ''}:${c.peer?.port ?? ''}`;
    // Wildcard peers (LISTEN on several addresses) are distinct by their local endpoint; rows without ports stay apart.
    if (c.local?.port !== undefined && c.peer?.port !== undefined) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    let g = groups.get(c.state);
    if (!g) groups.set(c.state, (g = []));
    g.push(c);
  }
  const out = new Map<StateId, StateSockets>();
  for (const [s, rows] of groups) out.set(s, summariseSockets(rows));
  return out;
}

export interface StateTransitions {
  /** Transitions into the state. */
  readonly entered: number;
  /** Transitions out of it, with the time spent there. */
  readonly left: number;
  readonly msMax: number | null;
  readonly msMedian: number | null;
}

/** tcpstates rows per state: how often it was entered and left, and how long sockets stayed. */
export function transitionsByState(connections: readonly Connection[]): Map<StateId, StateTransitions> {
  const entered = new Map<StateId, number>();
  const times = new Map<StateId, number[]>();
  for (const c of connections) {
    if (c.source !== 'tcpstates') continue;
    if (c.state !== undefined) bump(entered, c.state);
    if (c.fromState !== undefined && c.msInOldState !== undefined) {
      let a = times.get(c.fromState);
      if (!a) times.set(c.fromState, (a = []));
      a.push(c.msInOldState);
    }
  }
  const out = new Map<StateId, StateTransitions>();
  for (const s of new Set<StateId>([...entered.keys(), ...times.keys()])) {
    const t = [...(times.get(s) ?? [])].sort((a, b) => a - b);
    out.set(s, {
      entered: entered.get(s) ?? 0,
      left: t.length,
      msMax: t.length ? (t[t.length - 1] as number) : null,
      msMedian: t.length ? (t[(t.length - 1) >> 1] as number) : null,
    });
  }
  return out;
}
