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

const isBlank = (c: number): boolean => c === 32 || c === 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Blanks from `i` (at most MAX_GAP): the index after them, or -1 when there are none or too many. */
function afterGap(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i <= MAX_GAP && isBlank(text.charCodeAt(j))) j++;
  return j === i || j - i > MAX_GAP ? -1 : j;
}

/**
 * Whether the word at [start, end) sits on such a row: its line starts (after at most 8 blanks) with a first
 * column of OTHER_PROTOCOL_COLUMNS, followed either by this word and then a number (ss: State, then Recv-Q) or by a
 * number (netstat: Recv-Q, or a Unix socket's RefCnt). Reads at most 400 characters back and a few ahead.
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
  let j = i;
  while (j < start && j - i <= MAX_COLUMN && !isBlank(text.charCodeAt(j))) j++;
  if (j === i || j - i > MAX_COLUMN || !OTHER_PROTOCOL_COLUMNS.has(text.slice(i, j))) return false;
  const next = afterGap(text, j);
  if (next === -1) return false;
  if (next === start) {
    const after = afterGap(text, end);
    return after !== -1 && isDigit(text.charCodeAt(after));
  }
  let k = next;
  while (k < start && isDigit(text.charCodeAt(k))) k++;
  return k > next && isBlank(text.charCodeAt(k));
}
