/**
 * The peer tally behind the per-state summaries (src/core/evidence/connections/peers.ts): IPv4 keys that sort
 * like their strings, and rankings of peers and networks equal to a plain string count of the same rows
 * (IPv4 with and without leading zeros, IPv6, mapped IPv4, wildcards, ties, sockets listed twice).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rng } from '../../bench/generate';
import { prefixOf, socketsByState, type Connection, type Endpoint } from '../../src/core/evidence/connections';
import { ipv4Key, ipv4OfKey } from '../../src/core/evidence/connections/peers';

describe('ipv4Key', () => {
  it('round-trips canonical addresses and rejects the rest', () => {
    for (const a of ['0.0.0.0', '10.0.0.1', '255.255.255.255', '192.0.2.7', '1.10.100.2']) assert.equal(ipv4OfKey(ipv4Key(a) as number), a);
    for (const bad of ['010.0.0.1', '10.0.0.01', '10.0.0', '10.0.0.1.2', '256.0.0.1', '10..0.1', '', '2001:db8::1', '10.0.0.1 ']) {
      assert.equal(ipv4Key(bad), undefined, bad);
    }
  });

  it('orders keys (unsigned) as the address strings sort', () => {
    const r = rng(7);
    const octet = (): number => [0, 1, 2, 9, 10, 19, 25, 99, 100, 199, 200, 249, 250, 255][Math.floor(r() * 14)] as number;
    const addrs = Array.from({ length: 400 }, () => `${octet()}.${octet()}.${octet()}.${octet()}`);
    const byString = [...addrs].sort();
    const byKey = [...addrs].sort((a, b) => ((ipv4Key(a) as number) >>> 0) - ((ipv4Key(b) as number) >>> 0));
    assert.deepEqual(byKey, byString);
  });
});

/** The summary's peers and prefixes computed the plain way: strings, one map, a full sort. */
function reference(rows: readonly Connection[]): Map<string, { peers: [string, number][]; prefixes: [string, number][]; listed: number }> {
  const seen = new Set<string>();
  const listeners = new Map<string, Map<string, number>>();
  const byState = new Map<string, { peers: Map<string, number>; listed: number }>();
  for (const c of rows) {
    if (!c.state || !c.peer) continue;
    if (c.local?.port !== undefined) {
      // A connected socket: its local port and peer endpoint. One without a peer port (a listener): its local
      // endpoint and peer address, counted up to the most rows any one tool listed.
      if (c.peer.port !== undefined) {
        const k = `${c.state} ${c.local.port} ${c.peer.address} ${c.peer.port}`;
        if (seen.has(k)) continue;
        seen.add(k);
      } else {
        const k = `${c.state} L ${c.local.address} ${c.local.port} ${c.peer.address}`;
        const counts = listeners.get(k) ?? new Map<string, number>();
        listeners.set(k, counts);
        const n = (counts.get(c.source) ?? 0) + 1;
        counts.set(c.source, n);
        if ([...counts].some(([source, m]) => source !== c.source && m >= n)) continue;
      }
    }
    let s = byState.get(c.state);
    if (!s) byState.set(c.state, (s = { peers: new Map(), listed: 0 }));
    s.listed++;
    if (c.peer.family !== 0) s.peers.set(c.peer.address, (s.peers.get(c.peer.address) ?? 0) + 1);
  }
  const rank = (m: Map<string, number>): [string, number][] => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
  const out = new Map<string, { peers: [string, number][]; prefixes: [string, number][]; listed: number }>();
  for (const [state, s] of byState) {
    const prefixes = new Map<string, number>();
    for (const [address, n] of s.peers) {
      const p = prefixOf({ address, family: address.includes(':') ? 6 : 4 } as Endpoint) as string;
      prefixes.set(p, (prefixes.get(p) ?? 0) + n);
    }
    out.set(state, { peers: rank(s.peers), prefixes: rank(prefixes), listed: s.listed });
  }
  return out;
}

describe('peer rankings', () => {
  it('equal a plain string count on mixed rows', () => {
    const r = rng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const peer = (): Endpoint => {
      const x = r();
      const port = r() < 0.1 ? undefined : pick([80, 443, 40000, 40001, 70000]);
      const withPort = (e: { address: string; family: 0 | 4 | 6 }): Endpoint => (port === undefined ? e : { ...e, port });
      if (x < 0.6) return withPort({ address: `10.${pick([0, 1, 10, 2])}.${pick([3, 30, 4])}.${pick([1, 10, 100, 2, 20])}`, family: 4 });
      if (x < 0.7) return withPort({ address: `10.${pick(['0', '01'])}.3.${pick(['1', '01', '001', '10'])}`, family: 4 });
      if (x < 0.9) return withPort({ address: `2001:db8:${pick(['0', '1', 'a'])}::${pick(['1', '2', '10'])}`, family: 6 });
      return withPort({ address: '*', family: 0 });
    };
    for (let round = 0; round < 30; round++) {
      const rows: Connection[] = Array.from({ length: 20 + Math.floor(r() * 300) }, (_, line) => ({
        line,
        source: pick(['ss', 'netstat'] as const),
        state: pick(['FIN-WAIT-1', 'LAST-ACK'] as const),
        local: { address: '10.9.9.9', family: 4 as const, port: pick([443, 8443]) },
        peer: peer(),
      }));
      const want = reference(rows);
      const got = socketsByState(rows);
      assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());
      for (const [state, w] of want) {
        const g = got.get(state as 'FIN-WAIT-1');
        assert.equal(g?.listed, w.listed);
        assert.deepEqual(g?.peers.map((p) => [p.address, p.count]), w.peers, `peers of ${state} in round ${round}`);
        assert.deepEqual(g?.prefixes.map((p) => [p.prefix, p.count]), w.prefixes, `prefixes of ${state} in round ${round}`);
      }
    }
  });
});
