/**
 * Counts the sockets per TCP state in /proc/net/tcp or /proc/net/tcp6 (facts §1.6, §4.6).
 *
 * Row layout (get_tcp4_sock / get_timewait4_sock / get_openreq4 in net/ipv4/tcp_ipv4.c):
 *
 *       sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *        0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 651 1 …
 *
 * Field 4 (`st`) is the kernel state enum printed with %02X and mapped with PROC_NET_TCP_HEX. Two printing
 * rules matter for counting (facts §1.6): request socks print the constant 03 (never 0C), and timewait
 * minisocks print their SUB-state with timer field `tr` = 3 — so an orphan that became a minisock while in
 * FIN-WAIT-2 shows as `05` with `tr` 3. It is counted as FIN-WAIT-2 (as `ss state fin-wait-2` lists it) and
 * also tallied in `finWait2Minisocks`, because such a socket is counted in sockstat `tw`, not `orphan`.
 *
 * Works on the raw bytes, in chunks: a host with a million sockets has a ~150 MB file, which is never
 * decoded into one string nor split into a million line strings, and counting stops at a cap. Pure: no `vscode`, no Node built-ins.
 */
import { PROC_NET_TCP_HEX } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';

export type StateCounts = Partial<Record<StateId, number>>;

export interface TcpTableCounts {
  /** Sockets per state (states with no socket are absent). */
  readonly counts: StateCounts;
  /** Socket rows counted. */
  readonly rows: number;
  /** Rows with `st` 05 and `tr` 3: FIN-WAIT-2 timewait minisocks (included in counts['FIN-WAIT-2']). */
  readonly finWait2Minisocks: number;
  /** Non-empty lines that are neither the header nor a well-formed row (skipped). */
  readonly malformed: number;
  /** Well-formed rows whose `st` code has no known state, by upper-case hex code (skipped). */
  readonly unknownStates: Readonly<Record<string, number>>;
  /** Whether the column header line was seen. */
  readonly header: boolean;
  /** Set when counting stopped at this many socket rows (the rest of the file was not read). */
  readonly truncatedAt?: number;
}

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/** At most this many bytes per line are looked at; /proc rows are ~150 bytes (IPv6 ~180). */
const MAX_ROW = 4096;

function isHexByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function upperHex(c: number): number {
  return c >= 0x61 ? c - 0x20 : c;
}

const HEX_TO_STATE: ReadonlyMap<number, StateId> = (() => {
  const m = new Map<number, StateId>();
  for (const [hex, state] of PROC_NET_TCP_HEX) m.set((hex.charCodeAt(0) << 8) | hex.charCodeAt(1), state);
  return m;
})();

/**
 * Field boundaries of one line, for the first `want` fields: starts[i], ends[i] (exclusive).
 * Returns how many fields were found.
 */
function fields(buf: Uint8Array, from: number, to: number, starts: Int32Array, ends: Int32Array, want: number): number {
  let n = 0;
  let i = from;
  while (i < to && n < want) {
    while (i < to && (buf[i] === SPACE || buf[i] === TAB)) i++;
    if (i >= to) break;
    starts[n] = i;
    while (i < to && buf[i] !== SPACE && buf[i] !== TAB) i++;
    ends[n] = i;
    n++;
  }
  return n;
}

/** `tr` of `tr:tm->when`: the hex number before the colon (`03` for a timewait minisock). */
function timerField(buf: Uint8Array, from: number, to: number): number {
  let tr = 0;
  for (let i = from; i < to && buf[i] !== COLON; i++) {
    const c = upperHex(buf[i] as number);
    tr = tr * 16 + (c <= 0x39 ? c - 0x30 : c - 0x41 + 10);
  }
  return tr;
}

function allHex(buf: Uint8Array, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isHexByte(buf[i] as number)) return false;
  return true;
}

/** `sl` field: decimal digits followed by one colon (`0:`, `1023:`). */
function isSlot(buf: Uint8Array, from: number, to: number): boolean {
  if (to - from < 2 || buf[to - 1] !== COLON) return false;
  for (let i = from; i < to - 1; i++) {
    const c = buf[i] as number;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `HEXADDR:HEXPORT` (IPv4: 8+4 hex digits, IPv6: 32+4). */
function isAddress(buf: Uint8Array, from: number, to: number): boolean {
  let colon = -1;
  for (let i = from; i < to; i++) {
    if (buf[i] === COLON) {
      if (colon >= 0) return false;
      colon = i;
    }
  }
  return colon > from && allHex(buf, from, colon) && allHex(buf, colon + 1, to);
}

/**
 * Sockets one capture counts per table before it stops reading (issue #17: a host with a million sockets
 * has a ~130 MB file, read whole on every live sample). Past it the capture says "truncated: more than N
 * sockets" and the counts are those of the first N rows.
 */
export const MAX_TABLE_SOCKETS = 250_000;

/**
 * Counts the states of /proc/net/tcp or /proc/net/tcp6 fed in chunks of any size (a line may span chunks),
 * so the file is read as a stream and never held whole. push() returns false once `maxRows` socket rows are
 * counted: the caller stops reading, and finish() reports `truncated`.
 */
export class TcpTableCounter {
  private readonly counts: Record<string, number> = {};
  private readonly unknownStates: Record<string, number> = {};
  private rows = 0;
  private unknown = 0;
  private finWait2Minisocks = 0;
  private malformed = 0;
  private header = false;
  private truncated = false;
  /** The start of a line that the previous chunk did not end (at most MAX_ROW bytes are kept). */
  private carry: Uint8Array | undefined;
  private readonly starts = new Int32Array(6);
  private readonly ends = new Int32Array(6);

  constructor(private readonly maxRows = Infinity) {}

  /** Feeds the next bytes; false when the cap is reached (read no further). */
  push(chunk: Uint8Array): boolean {
    if (this.truncated) return false;
    let from = 0;
    if (this.carry) {
      let lf = 0;
      while (lf < chunk.length && chunk[lf] !== LF) lf++;
      const keep = Math.min(lf, Math.max(0, MAX_ROW + 1 - this.carry.length));
      const joined = new Uint8Array(this.carry.length + keep);
      joined.set(this.carry);
      joined.set(chunk.subarray(0, keep), this.carry.length);
      if (lf === chunk.length) {
        this.carry = joined;
        return true;
      }
      this.carry = undefined;
      this.line(joined, 0, joined.length);
      from = lf + 1;
    }
    const len = chunk.length;
    while (from < len && !this.truncated) {
      let lineEnd = from;
      while (lineEnd < len && chunk[lineEnd] !== LF) lineEnd++;
      if (lineEnd === len) {
        this.carry = chunk.slice(from, Math.min(len, from + MAX_ROW + 1));
        break;
      }
      this.line(chunk, from, lineEnd);
      from = lineEnd + 1;
    }
    return !this.truncated;
  }

  finish(): TcpTableCounts {
    if (this.carry && !this.truncated) this.line(this.carry, 0, this.carry.length);
    this.carry = undefined;
    return {
      counts: this.counts as StateCounts,
      rows: this.rows,
      finWait2Minisocks: this.finWait2Minisocks,
      malformed: this.malformed,
      unknownStates: this.unknownStates,
      header: this.header,
      ...(this.truncated ? { truncatedAt: this.maxRows } : {}),
    };
  }

  /** One line [lineStart, lineEnd) of `buf` (the LF excluded). */
  private line(buf: Uint8Array, lineStart: number, lineEnd: number): void {
    const { starts, ends } = this;
    const at = (i: number): number => starts[i] as number;
    const to = (i: number): number => ends[i] as number;
    let end = lineEnd;
    if (end > lineStart && buf[end - 1] === CR) end--;
    if (end - lineStart > MAX_ROW) end = lineStart + MAX_ROW;
    const n = fields(buf, lineStart, end, starts, ends, 6);
    if (n === 0) return;
    const s0 = at(0);
    const e0 = to(0);
    // Header: `sl  local_address rem_address   st …`
    if (e0 - s0 === 2 && buf[s0] === 0x73 /* s */ && buf[s0 + 1] === 0x6c /* l */) {
      this.header = true;
      return;
    }
    if (n < 6 || !isSlot(buf, s0, e0)) {
      this.malformed++;
      return;
    }
    // local and remote `HEX:HEX`; st is two hex digits; tx_queue:rx_queue and tr:tm->when are `HEX:HEX` too.
    if (!isAddress(buf, at(1), to(1)) || !isAddress(buf, at(2), to(2)) || to(3) - at(3) !== 2 || !allHex(buf, at(3), to(3))) {
      this.malformed++;
      return;
    }
    if (!isAddress(buf, at(4), to(4)) || !isAddress(buf, at(5), to(5))) {
      this.malformed++;
      return;
    }
    const hi = upperHex(buf[at(3)] as number);
    const lo = upperHex(buf[at(3) + 1] as number);
    const state = HEX_TO_STATE.get((hi << 8) | lo);
    if (state === undefined) {
      const code = String.fromCharCode(hi, lo);
      this.unknownStates[code] = (this.unknownStates[code] ?? 0) + 1;
      this.unknown++;
    } else {
      this.rows++;
      this.counts[state] = (this.counts[state] ?? 0) + 1;
      // tr is the part of `tr:tm->when` before the colon: `03` for timewait minisocks.
      if (state === 'FIN-WAIT-2' && timerField(buf, at(5), to(5)) === 3) this.finWait2Minisocks++;
    }
    if (this.rows + this.unknown >= this.maxRows) this.truncated = true;
  }
}

/** Counts the states in the content of /proc/net/tcp or /proc/net/tcp6 (bytes, or text for tests). */
export function countTcpTable(input: Uint8Array | string, maxRows = Infinity): TcpTableCounts {
  const counter = new TcpTableCounter(maxRows);
  counter.push(typeof input === 'string' ? new TextEncoder().encode(input) : input);
  return counter.finish();
}
