/**
 * Small, allocation-light text helpers shared by the evidence parsers.
 * Pure: no `vscode`, no Node built-ins. Nothing here uses a regular expression that can backtrack
 * super-linearly; every function does work bounded by the length of its (already length-guarded) input.
 */
import { ENGLISH_WORD_STATES, lookupStateSpelling } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';
import { BoundedMemo } from '../memo';

/** Lines longer than this are treated as junk (never tokenised). /proc/net/netstat header lines are ~3 KB. */
export const MAX_LINE_LENGTH = 16_384;
/** At most this many whitespace-separated tokens are taken from one line. */
export const MAX_TOKENS = 512;

/** Splits on LF, CRLF and lone CR. */
export function splitLines(text: string): string[] {
  return text.indexOf('\r') === -1 ? text.split('\n') : text.split(/\r\n|\r|\n/);
}

/** The markers of a block quote (nested ones too) at the start of a line: `> `, `>> `, `> > `. */
const QUOTE_MARKERS = /^[ \t]{0,3}(?:>[ \t]?)+/;

/**
 * A line without the `>` markers of the block quotes it stands in (each with one following space), as the quote's
 * content reads: `> > FIN-WAIT-1 0 …` → `FIN-WAIT-1 0 …`, `>\t cubic …` keeps the tab after the first. Lines
 * outside a quote come back as they are.
 */
export function withoutQuoteMarkers(line: string): string {
  let i = 0;
  while (i < 3 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.charCodeAt(i) === 62 /* > */ ? line.replace(QUOTE_MARKERS, '') : line;
}

/** A letter, digit or `_` (what `\\w` matches in ASCII). */
export function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whitespace for tokenising: ASCII controls and space, NBSP, ideographic space (U+3000), BOM. */
export function isSpaceCode(c: number): boolean {
  // One comparison settles an ASCII character that is not a space (most of them).
  return c <= 32 || (c >= 0xa0 && (c === 0xa0 || c === 0x3000 || c === 0xfeff));
}

export function trimEndSpace(s: string): string {
  let e = s.length;
  while (e > 0 && isSpaceCode(s.charCodeAt(e - 1))) e--;
  return e === s.length ? s : s.slice(0, e);
}

/** Number of leading whitespace characters (a tab counts as one). */
export function leadingSpace(s: string): number {
  let i = 0;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/**
 * The bounds of the first `max` whitespace-separated tokens of `s` (the tokens `tokenize` gives), written to
 * `out` as (start, end) pairs; returns how many. No string is made: a row's columns can be tested in place.
 */
export function tokenBounds(s: string, out: Int32Array, max: number): number {
  const n = s.length;
  let i = 0;
  let k = 0;
  while (i < n && k < max) {
    while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpaceCode(s.charCodeAt(i))) i++;
    out[2 * k] = start;
    out[2 * k + 1] = i;
    k++;
  }
  return k;
}

const BOUNDS = new Int32Array(2 * MAX_TOKENS);

/** Whitespace-separated tokens, at most `max`. */
export function tokenize(s: string, max = MAX_TOKENS): string[] {
  const b = max <= MAX_TOKENS ? BOUNDS : new Int32Array(2 * max);
  const k = tokenBounds(s, b, max);
  const out: string[] = [];
  for (let j = 0; j < k; j++) out.push(s.slice(b[2 * j] as number, b[2 * j + 1] as number));
  return out;
}

/** Is s[start, end) a non-empty run of ASCII digits (isDigits of that token, without cutting it out)? */
export function isDigitsIn(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function isDigits(s: string | undefined): s is string {
  return s !== undefined && isDigitsIn(s, 0, s.length);
}

/**
 * A line of digits only, or digit groups between spaces or tabs (`65536`, tcp_mem's `188319\t251092\t376638`),
 * leading spaces allowed: what `sysctl -n`, `cat /proc/sys/…` and `wc -l` print. At most 200 characters.
 */
export function isBareNumberLine(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > 200) return false;
  let digits = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits = true;
    else if (c !== 32 && c !== 9) return false;
  }
  return digits;
}

export function isHexDigits(s: string | undefined): s is string {
  if (s === undefined || s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
    if (!ok) return false;
  }
  return true;
}

/** A plain non-negative decimal integer that fits a double exactly; anything else (incl. > 2^53) is undefined. */
export function parseUint(s: string | undefined): number | undefined {
  if (!isDigits(s) || s.length > 16) return undefined;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : undefined;
}

/** Like parseUint but also accepts a leading minus (/proc/net/snmp prints `MaxConn -1`). */
export function parseInt53(s: string | undefined): number | undefined {
  if (s !== undefined && s.length > 1 && s.charCodeAt(0) === 45 /* - */) {
    const v = parseUint(s.slice(1));
    return v === undefined ? undefined : -v;
  }
  return parseUint(s);
}

/** Is `s` a signed integer token (shape only; the value may be too large to use)? */
export function isIntShape(s: string | undefined): boolean {
  if (s === undefined) return false;
  return isDigits(s.charCodeAt(0) === 45 ? s.slice(1) : s);
}

/**
 * A count as written by a tool or by hand: `61920` or with thousands separators `61,920` / `1,234,567`.
 * Undefined when malformed or larger than 2^53 - 1.
 */
export function parseCount(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  if (s.indexOf(',') < 0) return parseUint(s);
  const groups = s.split(',');
  const first = groups[0];
  if (first === undefined || first.length < 1 || first.length > 3 || !isDigits(first)) return undefined;
  for (let i = 1; i < groups.length; i++) {
    const g = groups[i];
    if (g === undefined || g.length !== 3 || !isDigits(g)) return undefined;
  }
  return parseUint(groups.join(''));
}

/** Does the token look like a decimal number with an optional fraction (`0.0`, `12.5`)? */
export function isDecimal(s: string | undefined): boolean {
  if (s === undefined || s.length === 0) return false;
  const dot = s.indexOf('.');
  if (dot < 0) return isDigits(s);
  return isDigits(s.slice(0, dot)) && isDigits(s.slice(dot + 1));
}

/** ASCII letter followed by ASCII letters/digits (nstat counter names, /proc/net/netstat fields). */
export function isAlnumIdentifier(s: string | undefined, maxLength = 100): s is string {
  if (s === undefined || s.length === 0 || s.length > maxLength) return false;
  const c0 = s.charCodeAt(0);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return false;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** Adds without leaving the exactly representable range. */
export function addClamped(a: number, b: number): number {
  const s = a + b;
  return s > Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : s;
}

/**
 * A state token as printed by a tool (`FIN-WAIT-1`, `FIN_WAIT1`, `ESTAB`, `SYN_RCVD`, `LISTENING`).
 * Words that are ordinary English (`closed`, `listen`, `established`) count only in capitals.
 */
export function stateFromToken(token: string | undefined): StateId | undefined {
  if (token === undefined || token.length === 0 || token.length > 40) return undefined;
  return STATE_OF_TOKEN.get(token, () => stateOfSpelling(token) ?? null) ?? undefined;
}

/**
 * stateFromToken's answers by token text: a listing repeats a handful of state tokens on every row (and the
 * English-word check upper-cases the token). Bounded (past it the cache starts over), and a pure function of
 * the token, so sharing it between notes is safe.
 */
const STATE_OF_TOKEN = new BoundedMemo<StateId | null>(1024);

function stateOfSpelling(token: string): StateId | undefined {
  const m = lookupStateSpelling(token);
  if (!m) return undefined;
  if (ENGLISH_WORD_STATES.has(m.normalised) && token !== token.toUpperCase()) return undefined;
  return m.state;
}

/** `a/b/c` → `c`. */
export function basename(word: string): string {
  const i = word.lastIndexOf('/');
  return i < 0 ? word : word.slice(i + 1);
}

/** Collapses runs of whitespace to one space and trims. */
export function collapseSpace(s: string): string {
  return tokenize(s).join(' ');
}
