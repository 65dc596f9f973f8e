/**
 * The peers of one state's listing rows, counted and de-duplicated without a string per row: a canonical IPv4
 * address (the bulk of every listing) becomes one 32-bit number whose numeric order is the order of the address
 * strings, so the maps hash small integers and the ranking needs no strings until the top few are printed.
 * Other addresses (IPv6, IPv4 written with leading zeros) keep their string. Pure: no `vscode`, no Node built-ins.
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

/**
 * The `n` entries with the largest counts, ties by `less` on the keys, best first — one pass, no sort of the
 * whole map (a 10 MB note lists 100k peers).
 */
export function topOf<K, V>(entries: Iterable<[K, V]>, countOf: (v: V) => number, less: (a: K, b: K) => boolean, n: number): Ranked<K>[] {
  const best: Ranked<K>[] = [];
  for (const [key, v] of entries) {
    const count = countOf(v);
    if (best.length === n) {
      const last = best[n - 1] as Ranked<K>;
      if (count < last.count || (count === last.count && !less(key, last.key))) continue;
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
  return best;
}

const lessUnsigned = (a: number, b: number): boolean => a >>> 0 < b >>> 0;
const lessString = (a: string, b: string): boolean => a < b;
const identity = (x: number): number => x;

/** Two ranked lists (each best first, by count then key string) merged into the best `n`. */
function mergeRanked(a: readonly Ranked<string>[], b: readonly Ranked<string>[], n: number): Ranked<string>[] {
  return [...a, ...b].sort((x, y) => y.count - x.count || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)).slice(0, n);
}

/**
 * One state's peers. `dedupe`: a row with the same peer address, local port and peer port as an earlier one is
 * the same socket listed twice and is not counted (rows without ports always count).
 */
export class PeerTally {
  private readonly v4 = new Map<number, PeerEntry>();
  private readonly other = new Map<string, PeerEntry>();
  /** Wildcard peers (`*:*`, family 0): de-duplicated like the others, never ranked. */
  private readonly wildcard = new Map<string, PeerEntry>();

  constructor(private readonly dedupe: boolean) {}

  /** Records a row's peer; false when the row repeats a socket already recorded. */
  add(peer: Endpoint, localPort: number | undefined): boolean {
    // The pair as an int32 (ports are ≤ 65535), so the maps and sets hold small integers.
    const pair = this.dedupe && localPort !== undefined && peer.port !== undefined ? localPort * 65536 + peer.port - 2147483648 : undefined;
    if (peer.family === 0) return record(this.wildcard, peer.address, pair);
    const key = peer.family === 4 ? ipv4Key(peer.address) : undefined;
    return key !== undefined ? record(this.v4, key, pair) : record(this.other, peer.address, pair);
  }

  /** The top `n` peers and /24 (IPv6 /64) networks — the networks from the distinct peers. */
  result(n: number): { peers: Ranked<string>[]; prefixes: Ranked<string>[] } {
    const peers = mergeRanked(
      topOf(this.v4, rowsOf, lessUnsigned, n).map((x) => ({ key: ipv4OfKey(x.key), count: x.count })),
      topOf(this.other, rowsOf, lessString, n),
      n,
    );
    const v4Prefixes = new Map<number, number>();
    for (const [key, e] of this.v4) {
      const p = key >>> 8;
      v4Prefixes.set(p, (v4Prefixes.get(p) ?? 0) + rowsOf(e));
    }
    const otherPrefixes = new Map<string, number>();
    for (const [address, e] of this.other) {
      const p = prefixOf({ address, family: address.includes(':') ? 6 : 4 });
      if (!p) continue;
      // `10.1.2.07` is in the canonical network 10.1.2.0/24.
      const k = p.endsWith('.0/24') ? ipv4Key(p.slice(0, -3)) : undefined;
      if (k !== undefined) v4Prefixes.set(k >>> 8, (v4Prefixes.get(k >>> 8) ?? 0) + rowsOf(e));
      else otherPrefixes.set(p, (otherPrefixes.get(p) ?? 0) + rowsOf(e));
    }
    const prefixes = mergeRanked(
      topOf(v4Prefixes, identity, lessUnsigned, n).map((x) => ({ key: ipv4PrefixOf(x.key), count: x.count })),
      topOf(otherPrefixes, identity, lessString, n),
      n,
    );
    return { peers, prefixes };
  }
}
