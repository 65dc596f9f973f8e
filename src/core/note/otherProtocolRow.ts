/**
 * A state word on a socket listing's row of another protocol than TCP: `ss -tuan`'s `udp   UNCONN 0 0 …` and
 * `udp ESTAB 0 0 …` (a connected UDP socket), `ss -a`'s `u_str LISTEN 0 4096 …`, net-tools' `udp 0 0 … ESTABLISHED`
 * and `unix 2 [ ACC ] STREAM LISTENING …`. ss and netstat print the same state names for every protocol; on these
 * rows they are not TCP states. Pure: no `vscode`, no Node built-ins.
 */
import { OTHER_PROTOCOL_COLUMNS } from '../catalogue/netids';

const MAX_LINE_LOOK = 400;
const MAX_INDENT = 8;
const MAX_COLUMN = 8;
const MAX_GAP = 40;
const MAX_DIGITS = 64;

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Blanks from `i` (at most MAX_GAP): the index after them, or -1 when there are none or too many. */
function afterGap(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i <= MAX_GAP && isBlank(text.charCodeAt(j))) j++;
  return j === i || j - i > MAX_GAP ? -1 : j;
}

const isFieldEnd = (text: string, j: number): boolean => j >= text.length || isBlank(text.charCodeAt(j)) || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13;

/** The end of the field (no blanks) that starts at `i`, at most MAX_LINE_LOOK characters on. */
function fieldEnd(text: string, i: number): number {
  let j = i;
  while (j - i < MAX_LINE_LOOK && !isFieldEnd(text, j)) j++;
  return j;
}

/** The end of a field of 1 to 64 digits (a queue size, a reference count) that starts at `i`, or -1. */
function digitsEnd(text: string, i: number): number {
  let j = i;
  while (j - i < MAX_DIGITS && isDigit(text.charCodeAt(j))) j++;
  return j > i && isFieldEnd(text, j) ? j : -1;
}

/**
 * Whether the word at [start, end) sits on such a row: its line starts (after at most 8 blanks) with a first
 * column of OTHER_PROTOCOL_COLUMNS and has a listing's shape —
 *  - ss: this word right after the column, then Recv-Q and Send-Q (`udp   ESTAB  0  0  …`);
 *  - netstat: Recv-Q, Send-Q and an address (`udp  0  0  10.0.0.5:41234 …`, BSD `udp4 0 0 *.123 …`; it starts with a
 *    digit, `*`, `[` or `:`), or a Unix socket's RefCnt and flags (`unix  2  [ ACC ]  STREAM  LISTENING …`), with
 *    the word later on the row.
 * Prose that starts with a protocol name (`UDP 53 queries were fine, but … CLOSE_WAIT`) has no such shape. Reads at
 * most 400 characters back and a few fields ahead.
 */
export function otherProtocolRow(text: string, start: number, end: number): boolean {
  let ls = start;
  while (ls > 0 && start - ls < MAX_LINE_LOOK) {
    const c = text.charCodeAt(ls - 1);
    if (c === 10 || c === 13) break;
    ls--;
  }
  if (ls > 0 && start - ls >= MAX_LINE_LOOK) return false;
  let i = ls;
  while (i < start && i - ls < MAX_INDENT && isBlank(text.charCodeAt(i))) i++;
  const j = fieldEnd(text, i);
  if (j === i || j - i > MAX_COLUMN || j > start || !OTHER_PROTOCOL_COLUMNS.has(text.slice(i, j))) return false;
  const a = afterGap(text, j);
  if (a === -1) return false;
  if (a === start) {
    // ss: the state, then Recv-Q and Send-Q.
    if (!isFieldEnd(text, end)) return false;
    const b = afterGap(text, end);
    const bEnd = b === -1 ? -1 : digitsEnd(text, b);
    const c = bEnd === -1 ? -1 : afterGap(text, bEnd);
    return c !== -1 && digitsEnd(text, c) !== -1;
  }
  // netstat: Recv-Q (a Unix socket's RefCnt), then its flags, or Send-Q and an address.
  const aEnd = digitsEnd(text, a);
  const b = aEnd === -1 ? -1 : afterGap(text, aEnd);
  if (b === -1 || b >= start) return false;
  if (text.charCodeAt(b) === 91) return true;
  const bEnd = digitsEnd(text, b);
  const c = bEnd === -1 ? -1 : afterGap(text, bEnd);
  if (c === -1 || c >= start) return false;
  const first = text.charCodeAt(c);
  return isDigit(first) || first === 42 || first === 91 || first === 58;
}
