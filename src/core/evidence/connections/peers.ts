/**
 * The peers of one state's listing rows, counted and de-duplicated without a string or an object per row: a
 * canonical IPv4 address (the bulk of every listing) becomes one 32-bit number whose order is the order of the
 * address strings; sockets already seen are kept in a typed-array hash set, and the rankings come from one sort
 * of those numbers (a peer is a run, a /24 a run of runs), so no string is built until the top few are printed.
 * Other addresses (IPv6, IPv4 written with leading zeros, wildcards) keep their string in a map.
 * Pure: no `vscode`, no Node built-ins.
 */
import { prefixOf } from './address';
import type { Endpoint } from './types';

/**
 * Rank of each octet's decimal text in string order ("0" < "1" < "10" < "100" < … < "99"), and back. Dotted
 * strings compare octet by octet ('.' sorts before every digit), so replacing each octet by its rank gives a
 * number that sorts like the string.
 */
const OCTET_RANK = new Uint8Array(256);
const RANK_OCTET = new Uint8Array(256);
Array.from({ length: 256 }, (_, i) => String(i))
  .sort()
  .forEach((s, rank) => {
    OCTET_RANK[Number(s)] = rank;
    RANK_OCTET[rank] = Number(s);
  });

/**
 * The key of a canonical dotted IPv4 address (four octets ≤ 255, no leading zeros): an int32 whose unsigned value
 * sorts like the address string. Undefined for anything else.
 */
export function ipv4Key(s: string): number | undefined {
  let key = 0;
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      if (digits === 0 || value > 255 || parts === 4) return undefined;
      key = (key << 8) | (OCTET_RANK[value] as number);
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return undefined; // a leading zero: not canonical
      if (++digits > 3) return undefined;
      value = value * 10 + (c - 48);
    } else return undefined;
  }
  return parts === 4 ? key : undefined;
}

const octet = (key: number, shift: number): number => RANK_OCTET[(key >>> shift) & 255] as number;

/** The address of an ipv4Key. */
export function ipv4OfKey(key: number): string {
  return `${octet(key, 24)}.${octet(key, 16)}.${octet(key, 8)}.${octet(key, 0)}`;
}

/** The /24 network of an ipv4Key as prefixOf writes it; `prefix` is `key >>> 8`. */
function ipv4PrefixOf(prefix: number): string {
  return `${octet(prefix, 16)}.${octet(prefix, 8)}.${octet(prefix, 0)}.0/24`;
}

/** Rows of one peer: how many, and the (local port, peer port) pairs seen — or one number: one row with that pair. */
interface PeerRows {
  count: number;
  pairs: Set<number> | undefined;
}
type PeerEntry = number | PeerRows;

const rowsOf = (e: PeerEntry): number => (typeof e === 'number' ? 1 : e.count);

/** Records a row under `key`; false when a row with the same port pair was recorded (the same socket). */
function record<K>(map: Map<K, PeerEntry>, key: K, pair: number | undefined): boolean {
  const old = map.get(key);
  if (old === undefined) {
    map.set(key, pair !== undefined ? pair : { count: 1, pairs: undefined });
    return true;
  }
  if (typeof old === 'number') {
    if (pair === old) return false;
    map.set(key, { count: 2, pairs: pair === undefined ? new Set([old]) : new Set([old, pair]) });
    return true;
  }
  if (pair !== undefined) {
    if (old.pairs?.has(pair)) return false;
    (old.pairs ??= new Set()).add(pair);
  }
  old.count++;
  return true;
}

export interface Ranked<K> {
  readonly key: K;
  readonly count: number;
}

/** Puts (key, count) into `best` (best first, at most `n`) when it ranks: larger count, then `less` key. */
function offer<K>(best: Ranked<K>[], key: K, count: number, less: (a: K, b: K) => boolean, n: number): void {
  if (best.length === n) {
    const last = best[n - 1] as Ranked<K>;
    if (count < last.count || (count === last.count && !less(key, last.key))) return;
  }
  let i = best.length;
  while (i > 0) {
    const b = best[i - 1] as Ranked<K>;
    if (count > b.count || (count === b.count && less(key, b.key))) i--;
    else break;
  }
  best.splice(i, 0, { key, count });
  if (best.length > n) best.pop();
}

/**
 * The `n` entries with the largest counts, ties by `less` on the keys, best first — one pass, no sort of the
 * whole map.
 */
export function topOf<K, V>(entries: Iterable<[K, V]>, countOf: (v: V) => number, less: (a: K, b: K) => boolean, n: number): Ranked<K>[] {
  const best: Ranked<K>[] = [];
  for (const [key, v] of entries) offer(best, key, countOf(v), less, n);
  return best;
}

/** A growable list of int32. */
class IntList {
  items = new Int32Array(64);
  length = 0;

  push(x: number): void {
    if (this.length === this.items.length) {
      const bigger = new Int32Array(this.items.length * 2);
      bigger.set(this.items);
      this.items = bigger;
    }
    this.items[this.length++] = x;
  }
}

/** A set of (int32, int32) pairs: open addressing over typed arrays (no object per entry). */
class PairSet {
  private first = new Int32Array(64);
  private second = new Int32Array(64);
  private used = new Uint8Array(64);
  private size = 0;

  /** Adds (x, y); false when it was there. */
  add(x: number, y: number): boolean {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    let h = Math.imul(x, 0x9e3779b1) ^ y;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    let i = (h ^ (h >>> 13)) & mask;
    while (this.used[i]) {
      if (this.first[i] === x && this.second[i] === y) return false;
      i = (i + 1) & mask;
    }
    this.used[i] = 1;
    this.first[i] = x;
    this.second[i] = y;
    this.size++;
    return true;
  }

  private grow(): void {
    const { first, second, used } = this;
    this.first = new Int32Array(used.length * 2);
    this.second = new Int32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.add(first[i] as number, second[i] as number);
  }
}

const lessNumber = (a: number, b: number): boolean => a < b;
const lessString = (a: string, b: string): boolean => a < b;
const identity = (x: number): number => x;

/** Two ranked lists (each best first, by count then key string) merged into the best `n`. */
function mergeRanked(a: readonly Ranked<string>[], b: readonly Ranked<string>[], n: number): Ranked<string>[] {
  return [...a, ...b].sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).slice(0, n);
}

const isPort = (p: number): boolean => Number.isInteger(p) && p >= 0 && p <= 65535;

/**
 * One state's peers. `dedupe`: a row with the same peer address, local port and peer port as an earlier one is
 * the same socket listed twice and is not counted (rows without ports always count).
 */
export class PeerTally {
  /** The ipv4Key of every counted row with a canonical IPv4 peer. */
  private readonly v4 = new IntList();
  /** Sockets seen with a canonical IPv4 peer: (ipv4Key, local port × 65536 + peer port − 2³¹, an int32). */
  private readonly v4Seen = new PairSet();
  /** The same for port numbers no parser gives (not integers in 0–65535): ipv4Key → port pairs. */
  private readonly v4SeenOdd = new Map<number, Set<number>>();
  /** Other peers (IPv6, IPv4 with leading zeros) by their string. */
  private readonly other = new Map<string, PeerEntry>();
  /** Wildcard peers (`*:*`, family 0): de-duplicated like the others, never ranked. */
  private readonly wildcard = new Map<string, PeerEntry>();

  constructor(private readonly dedupe: boolean) {}

  /** Records a row's peer; false when the row repeats a socket already recorded. */
  add(peer: Endpoint, localPort: number | undefined): boolean {
    const pair = this.dedupe && localPort !== undefined && peer.port !== undefined ? localPort * 65536 + peer.port : undefined;
    if (peer.family === 0) return record(this.wildcard, peer.address, pair);
    const key = peer.family === 4 ? ipv4Key(peer.address) : undefined;
    if (key === undefined) return record(this.other, peer.address, pair);
    if (pair !== undefined) {
      if (isPort(localPort as number) && isPort(peer.port as number)) {
        if (!this.v4Seen.add(key, pair - 2147483648)) return false;
      } else {
        let seen = this.v4SeenOdd.get(key);
        if (!seen) this.v4SeenOdd.set(key, (seen = new Set()));
        if (seen.has(pair)) return false;
        seen.add(pair);
      }
    }
    this.v4.push(key);
    return true;
  }

  /** The top `n` peers and /24 (IPv6 /64) networks — the networks from the distinct peers. */
  result(n: number): { peers: Ranked<string>[]; prefixes: Ranked<string>[] } {
    // IPv4: the keys sorted (unsigned, i.e. as the address strings sort); each run is one peer, and the runs of
    // one /24 are adjacent.
    // Non-canonical IPv4 peers (`10.1.2.07`) can fall in a canonical /24 (10.1.2.0/24): their rows join its run.
    const extra = new Map<number, number>();
    const otherPrefixes = new Map<string, number>();
    for (const [address, e] of this.other) {
      // Host names (ss / netstat without -n) are ranked as peers but belong to no network.
      const p = address.includes(':') ? prefixOf({ address, family: 6 }) : /^[\d.]+$/.test(address) ? prefixOf({ address, family: 4 }) : undefined;
      if (!p) continue;
      const k = p.endsWith('.0/24') ? ipv4Key(p.slice(0, -3)) : undefined;
      if (k !== undefined) extra.set(k >>> 8, (extra.get(k >>> 8) ?? 0) + rowsOf(e));
      else otherPrefixes.set(p, (otherPrefixes.get(p) ?? 0) + rowsOf(e));
    }
    // IPv4: the keys sorted (unsigned, i.e. as the address strings sort); each run is one peer, and the runs of
    // one /24 are adjacent.
    const keys = new Uint32Array(this.v4.items.buffer, 0, this.v4.length).slice().sort();
    const v4Peers: Ranked<number>[] = [];
    const v4Prefixes: Ranked<number>[] = [];
    const endPrefix = (prefix: number, count: number): void => {
      const more = extra.size ? extra.get(prefix) : undefined;
      if (more !== undefined) extra.delete(prefix);
      offer(v4Prefixes, prefix, count + (more ?? 0), lessNumber, n);
    };
    let prefix = -1;
    let prefixCount = 0;
    for (let i = 0; i < keys.length; ) {
      const key = keys[i] as number;
      let j = i + 1;
      while (j < keys.length && keys[j] === key) j++;
      offer(v4Peers, key, j - i, lessNumber, n);
      if (key >>> 8 !== prefix) {
        if (prefix >= 0) endPrefix(prefix, prefixCount);
        prefix = key >>> 8;
        prefixCount = 0;
      }
      prefixCount += j - i;
      i = j;
    }
    if (prefix >= 0) endPrefix(prefix, prefixCount);
    for (const [p, count] of extra) offer(v4Prefixes, p, count, lessNumber, n);
    const peers = mergeRanked(
      v4Peers.map((x) => ({ key: ipv4OfKey(x.key), count: x.count })),
      topOf(this.other, rowsOf, lessString, n),
      n,
    );
    const prefixes = mergeRanked(
      v4Prefixes.map((x) => ({ key: ipv4PrefixOf(x.key), count: x.count })),
      topOf(otherPrefixes, identity, lessString, n),
      n,
    );
    return { peers, prefixes };
  }
}
