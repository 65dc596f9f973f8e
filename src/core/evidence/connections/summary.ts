/**
 * Per-state summaries of socket rows: how many, which peers and /24 (IPv6 /64) networks, which local ports,
 * timers, Send-Q, retransmissions, processes. Only listings (ss, netstat, Get-NetTCPConnection, /proc/net/tcp) count
 * as sockets; tcpstates rows are transitions and tcplife rows closed connections (see transitionsByState).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import { LISTING_KINDS } from '../coverage';
import { PeerTally, topOf } from './peers';
import { TIMER_KINDS, type Connection, type ListenerQueue, type StateSockets, type TimerKind } from './types';

export const TOP_N = 5;

/** The `n` largest counts, ties by the key's text. */
function top<K extends string | number>(m: Map<K, number>, n = TOP_N): { key: K; count: number }[] {
  return topOf(m, (c: number) => c, (a: K, b: K) => String(a) < String(b), n);
}

const bump = <K>(m: Map<K, number>, k: K): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

const maxOf = (a: number | null, b: number | undefined): number | null => (b === undefined ? a : a === null ? b : Math.max(a, b));

/** A row of a listing (one socket each), not a bcc transition or closed connection: the kinds coverage.ts lists. */
export function isListing(c: Connection): boolean {
  return (LISTING_KINDS as ReadonlySet<string>).has(c.source);
}

/** Running summary of one state's listing rows (rows are not kept: a 10 MB note lists 100k sockets). */
class SocketTally {
  private readonly peers: PeerTally;
  private readonly ports = new Map<number, number>();
  private readonly peerPorts = new Map<number, number>();
  private listenerRows = 0;
  private readonly fullListeners: ListenerQueue[] = [];
  private fullCount = 0;
  private readonly procs = new Map<string, number>();
  private readonly timers = Object.fromEntries(TIMER_KINDS.map((k) => [k, 0])) as Record<TimerKind, number>;
  private listed = 0;
  private sendRows = 0;
  private nonZero = 0;
  private sendMax = 0;
  private retransMax: number | null = null;
  private probesMax: number | null = null;
  private backoffMax: number | null = null;
  private inodeRows = 0;
  private inodeZero = 0;
  private selected = 0;
  /** 0-based line of the first row. */
  firstLine = -1;

  /**
   * Rows with a wildcard peer port (listeners: `0.0.0.0:*`) by local address, local port and peer address, and
   * how many each listing showed: one listing can hold several such sockets (SO_REUSEPORT workers), and the same
   * sockets in another listing (another tool's, or the same command run again) are not counted again (the most any
   * one listing showed counts). Without a listing's number, rows of one tool are taken for one listing.
   */
  private readonly unconnected = new Map<string, Map<string | number, number>>();

  /**
   * `dedupe`: a socket listed twice counts once — the same peer address, local port and peer port; or, for a
   * peer without a port (a listener's `0.0.0.0:*`), the same local address and port and peer address in another
   * tool's listing.
   */
  constructor(private readonly dedupe: boolean) {
    this.peers = new PeerTally(dedupe);
  }

  /**
   * Adds a row (of listing number `listing`, when the caller tells listings apart; `selected`: its listing's command
   * kept it by something other than its state); false when it repeats a socket already counted.
   */
  add(c: Connection, listing?: number, selected = false): boolean {
    if (this.dedupe && c.peer && c.peer.port === undefined && c.local?.port !== undefined) {
      const key = `${c.local.address}\u0000${c.local.port}\u0000${c.peer.address}`;
      const from = listing ?? c.source;
      let bySource = this.unconnected.get(key);
      if (!bySource) this.unconnected.set(key, (bySource = new Map()));
      const n = (bySource.get(from) ?? 0) + 1;
      bySource.set(from, n);
      for (const [source, m] of bySource) if (source !== from && m >= n) return false;
    }
    if (c.peer && !this.peers.add(c.peer, c.local?.port)) return false;
    if (this.firstLine < 0) this.firstLine = c.line;
    this.listed++;
    if (selected) this.selected++;
    if (c.local?.port !== undefined) bump(this.ports, c.local.port);
    if (c.peer?.port !== undefined) bump(this.peerPorts, c.peer.port);
    if (c.state === 'LISTEN' && c.source === 'ss' && c.recvQ !== undefined && c.sendQ !== undefined) this.listener(c, c.recvQ, c.sendQ);
    if (c.timer !== undefined) this.timers[c.timer]++;
    // A listener's Send-Q is its accept backlog limit (ss; net/ipv4/tcp_diag.c), not bytes waiting to be sent.
    if (c.sendQ !== undefined && c.state !== 'LISTEN') {
      this.sendRows++;
      if (c.sendQ > 0) this.nonZero++;
      if (c.sendQ > this.sendMax) this.sendMax = c.sendQ;
    }
    this.retransMax = maxOf(this.retransMax, c.retransmits);
    this.probesMax = maxOf(this.probesMax, c.probes);
    this.backoffMax = maxOf(this.backoffMax, c.backoff);
    if (c.inode !== undefined) {
      this.inodeRows++;
      if (c.inode === 0) this.inodeZero++;
    }
    if (c.processes) for (const p of c.processes) bump(this.procs, p);
    return true;
  }

  /** An ss LISTEN row: Recv-Q is its accept queue, Send-Q the queue's limit (see ListenerQueues). */
  private listener(c: Connection, recvQ: number, sendQ: number): void {
    this.listenerRows++;
    if (recvQ <= sendQ) return;
    this.fullCount++;
    const port = c.local?.port ?? 0;
    // One entry per port: the same listener in another paste (or on 0.0.0.0 and [::]) is named once.
    if (this.fullListeners.length < TOP_N && !this.fullListeners.some((q) => q.port === port)) this.fullListeners.push({ port, recvQ, sendQ, line: c.line });
  }

  result(): StateSockets {
    const { peers, prefixes } = this.peers.result(TOP_N);
    return {
      listed: this.listed,
      peers: peers.map((x) => ({ address: x.key, count: x.count })),
      prefixes: prefixes.map((x) => ({ prefix: x.key, count: x.count })),
      localPorts: top(this.ports).map((x) => ({ port: x.key, count: x.count })),
      timers: { ...this.timers },
      sendQ: { rows: this.sendRows, nonZero: this.nonZero, max: this.sendMax },
      retransMax: this.retransMax,
      probesMax: this.probesMax,
      backoffMax: this.backoffMax,
      processes: top(this.procs).map((x) => ({ name: x.key, count: x.count })),
      inode: { rows: this.inodeRows, zero: this.inodeZero },
      peerPorts: top(this.peerPorts).map((x) => ({ port: x.key, count: x.count })),
      ...(this.selected > 0 ? { selected: this.selected } : {}),
      ...(this.listenerRows > 0 ? { listeners: { rows: this.listenerRows, full: this.fullListeners.slice(), fullCount: this.fullCount } } : {}),
    };
  }
}

/** Summarises the listing rows of one state. */
export function summariseSockets(rows: readonly Connection[]): StateSockets {
  const t = new SocketTally(false);
  for (const c of rows) t.add(c);
  return t.result();
}

/**
 * Listing rows per state, summarised as they come. A socket listed twice (same state, local port and peer
 * endpoint — `ss -tan` and `ss -tan state fin-wait-1` in one note, or two samples of a stuck socket) counts once —
 * within one network namespace: with `bySpace`, the caller names each row's namespace (`add`'s `space`), a row
 * counts once among its namespace's rows only (two pods' sockets are different sockets, whatever their endpoints),
 * and the summaries per state are of every namespace's sockets, besides each namespace's own (`result().bySpace`).
 */
export class StateTallies {
  private readonly tallies = new Map<StateId, SocketTally>();
  private readonly spaces = new Map<string, Map<StateId, SocketTally>>();

  constructor(private readonly bySpace = false) {}

  /**
   * Adds a row; `listing` numbers the listing it comes from (rows of one tool are one listing without it);
   * `selected`: that listing's command kept its rows by something other than their state (EvidenceSegment.selected);
   * `space`: its network namespace, with `bySpace`.
   */
  add(c: Connection, listing?: number, selected = false, space = ''): void {
    if (!isListing(c) || c.state === undefined) return;
    if (this.bySpace) {
      let own = this.spaces.get(space);
      if (!own) this.spaces.set(space, (own = new Map()));
      if (!tallyOf(own, c.state, true).add(c, listing, selected)) return;
    }
    // With namespaces, rows reach the state's summary once their namespace's tally counted them (no dedupe again).
    tallyOf(this.tallies, c.state, !this.bySpace).add(c, listing, selected);
  }

  /** The summaries, the line of each state's first row, and with `bySpace` each namespace's summaries. */
  result(): { sockets: Map<StateId, StateSockets>; firstLine: Map<StateId, number>; bySpace?: Map<string, Map<StateId, StateSockets>> } {
    const sockets = new Map<StateId, StateSockets>();
    const firstLine = new Map<StateId, number>();
    for (const [s, t] of this.tallies) {
      sockets.set(s, t.result());
      firstLine.set(s, t.firstLine);
    }
    if (!this.bySpace) return { sockets, firstLine };
    const bySpace = new Map<string, Map<StateId, StateSockets>>();
    for (const [space, own] of this.spaces) bySpace.set(space, new Map([...own].map(([s, t]) => [s, t.result()])));
    return { sockets, firstLine, bySpace };
  }
}

function tallyOf(m: Map<StateId, SocketTally>, state: StateId, dedupe: boolean): SocketTally {
  let t = m.get(state);
  if (!t) m.set(state, (t = new SocketTally(dedupe)));
  return t;
}

export function socketsByState(connections: readonly Connection[]): Map<StateId, StateSockets> {
  const t = new StateTallies();
  for (const c of connections) t.add(c);
  return t.result().sockets;
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
