/**
 * Lexical helpers for splitting a note into top-level blocks without parsing it: line boundaries, blank
 * lines, fence openers and closers, raw HTML block openers. Nothing here decides alone that a split is
 * safe; groups.ts confirms every split with the parse tree (see the rules there).
 *
 * Line endings are `\n`, `\r\n` and a lone `\r`, as in CommonMark. Every function is linear in what it
 * scans and allocates nothing per line. Pure: no `vscode`, no Node built-ins.
 */

const NL = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BACKTICK = 96;
const TILDE = 126;
const GT = 62;

/** Index of the line terminator that ends the line containing `pos` (or text.length). */
export function lineEndAt(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL || c === CR) return i;
  }
  return text.length;
}

/** Start of the line after the terminator at `eol` (`eol` is a lineEndAt result). */
export function afterTerminator(text: string, eol: number): number {
  if (eol >= text.length) return text.length;
  return text.charCodeAt(eol) === CR && text.charCodeAt(eol + 1) === NL ? eol + 2 : eol + 1;
}

/** True when [start, end) holds only spaces and tabs. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== TAB) return false;
  }
  return true;
}

/**
 * Number of line terminators (`\n`, `\r\n` or a lone `\r`) in [start, end): the line numbering LineIndex
 * uses. One pass over [start, end) only (searching for `\n` past `end` made a note of lone CRs quadratic).
 * A `\r\n` counts once, at its `\n`.
 */
export function countNewlines(text: string, start: number, end: number): number {
  let n = 0;
  if (end === text.length && text.indexOf('\r', start) === -1) {
    // A range to the end without `\r` (a code block's content): native search, which reads nothing past `end`.
    for (let i = text.indexOf('\n', start); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    return n;
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== NL) n++;
  }
  return n;
}

/**
 * The next split candidate after the line that starts at `pos`: the start of a line that follows a blank
 * line and begins with neither a space nor a tab nor a line ending, or a column-0 fence opener. Returns
 * text.length when there is none.
 *
 * Also a line after a blank line that is one space and a `>` (an indented block quote, issue #17): remark's
 * cost grows with the square of the number of block quotes in one call, so a run of ` > a` separated by
 * blank lines must be cut too. One space is as safe as column 0: after a blank line no block quote or
 * paragraph continues, and a top-level list item's content starts at least two columns in, so such a line
 * is inside no container; the parse tree still confirms the split (incrementalParse.boundaries).
 */
export function nextCandidate(text: string, pos: number): number {
  const len = text.length;
  let lineStart = pos;
  while (lineStart < len) {
    const eol = lineEndAt(text, lineStart);
    const next = afterTerminator(text, eol);
    if (next >= len) return len;
    const c = text.charCodeAt(next);
    if (c !== SPACE && c !== TAB && c !== NL && c !== CR) {
      if (isBlank(text, lineStart, eol)) return next;
      if ((c === BACKTICK || c === TILDE) && fenceOpenAt(text, next)) return next;
    } else if (c === SPACE && text.charCodeAt(next + 1) === GT && isBlank(text, lineStart, eol)) return next;
    lineStart = next;
  }
  return len;
}

export interface FenceOpen {
  /** `` ` `` or `~`. */
  readonly char: number;
  readonly length: number;
  /** The info string, trimmed (raw: escapes and entities not decoded). */
  readonly info: string;
  /** End of the opening line (its terminator) and start of the first content line. */
  readonly lineEnd: number;
  readonly contentStart: number;
}

/** A fence opener in column 0 at `pos` (a line start), or undefined. */
export function fenceOpenAt(text: string, pos: number): FenceOpen | undefined {
  const char = text.charCodeAt(pos);
  if (char !== BACKTICK && char !== TILDE) return undefined;
  let i = pos;
  while (text.charCodeAt(i) === char) i++;
  const length = i - pos;
  if (length < 3) return undefined;
  const lineEnd = lineEndAt(text, i);
  // A backtick fence's info string holds no backtick (searched within the line only: a search of the rest of
  // the note ran to the closing fence each time, which made every fence cost its block's length).
  if (char === BACKTICK) for (let k = i; k < lineEnd; k++) if (text.charCodeAt(k) === BACKTICK) return undefined;
  let s = i;
  let e = lineEnd;
  while (s < e && (text.charCodeAt(s) === SPACE || text.charCodeAt(s) === TAB)) s++;
  while (e > s && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
  return { char, length, info: text.slice(s, e), lineEnd, contentStart: afterTerminator(text, lineEnd) };
}

/** A closing fence line at `lineStart`: up to 3 spaces, `length`+ fence characters, then only spaces/tabs. */
function isFenceClose(text: string, lineStart: number, char: number, length: number): number | undefined {
  let i = lineStart;
  let spaces = 0;
  while (text.charCodeAt(i) === SPACE && spaces < 4) {
    i++;
    spaces++;
  }
  if (spaces > 3) return undefined;
  const runStart = i;
  while (text.charCodeAt(i) === char) i++;
  if (i - runStart < length) return undefined;
  const eol = lineEndAt(text, i);
  return isBlank(text, i, eol) ? eol : undefined;
}

export interface FenceClose {
  readonly lineStart: number;
  /** End of the closing line (before its terminator). */
  readonly lineEnd: number;
}

/**
 * The first closing fence for an opener of `char` × `length` among the lines starting at or after `from`
 * (a line start). Jumps between occurrences of the fence characters, so a long code block costs one
 * native search rather than a per-line loop.
 */
export function findFenceClose(text: string, from: number, char: number, length: number): FenceClose | undefined {
  const needle = String.fromCharCode(char).repeat(3);
  let at = text.indexOf(needle, from);
  while (at !== -1) {
    // Line start of the occurrence: at most 3 spaces before it.
    let ls = at;
    while (ls > from && text.charCodeAt(ls - 1) === SPACE && at - ls < 4) ls--;
    const prev = ls > 0 ? text.charCodeAt(ls - 1) : NL;
    if ((ls === from || prev === NL || prev === CR) && at - ls <= 3) {
      const eol = isFenceClose(text, ls, char, length);
      if (eol !== undefined) return { lineStart: ls, lineEnd: eol };
    }
    // Skip the rest of this run so a long run is not re-examined at every offset.
    let j = at;
    while (text.charCodeAt(j) === char) j++;
    at = text.indexOf(needle, j);
  }
  return undefined;
}

/** Raw HTML block kinds 1–5 (they run across blank lines until an end marker), by their end marker. */
const HTML_RAW_START: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * When `source` (the text of an html node) opens a raw HTML block (kinds 1–5) whose end marker it does not
 * contain, the marker to look for further on; otherwise undefined.
 */
export function openRawHtmlEnd(source: string): RegExp | undefined {
  for (const [start, end] of HTML_RAW_START) {
    const m = start.exec(source);
    if (!m) continue;
    return end.test(source.slice(m[0].length)) ? undefined : end;
  }
  return undefined;
}

/** Start of the first line at or after `from` (a line start) that contains `marker`, or undefined. */
export function markerLine(text: string, from: number, marker: RegExp): number | undefined {
  const g = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : `${marker.flags}g`);
  g.lastIndex = from;
  const m = g.exec(text);
  if (!m) return undefined;
  let ls = m.index;
  while (ls > from) {
    const c = text.charCodeAt(ls - 1);
    if (c === NL || c === CR) break;
    ls--;
  }
  return ls;
}

/** True when `source` (a code node's text, starting at its opening fence) has a closing fence as its last line. */
export function isClosedFence(source: string): boolean | undefined {
  let i = 0;
  while (source.charCodeAt(i) === SPACE && i < 4) i++;
  const char = source.charCodeAt(i);
  if (i > 3 || (char !== BACKTICK && char !== TILDE)) return undefined; // not fenced (indented code)
  const runStart = i;
  while (source.charCodeAt(i) === char) i++;
  const length = i - runStart;
  if (length < 3) return undefined;
  // Last line of the node (the node ends at the end of its last line).
  let ls = source.length;
  while (ls > 0) {
    const c = source.charCodeAt(ls - 1);
    if (c === NL || c === CR) break;
    ls--;
  }
  if (ls === 0) return false; // a single line: the opener alone
  return isFenceClose(source, ls, char, length) !== undefined;
}

/** Container markers one line may open before remark's cost on it grows too fast (a real note nests ≤ 6). */
const MAX_NESTING = 16;
/** Indentation past which a line can only be absurdly deep list nesting or deep indented code. */
const MAX_INDENT = 128;
/** Brackets and `<` on one line (nested `![`, runs of `](` or `<` cost remark quadratic time); real lines carry a few links. */
const MAX_BRACKETS = 200;
/** Emphasis characters on one line. */
const MAX_EMPHASIS = 400;
/**
 * Lines opening with `[` in one stretch with no blank line (a wall of link reference definitions): remark
 * has to take such a stretch in one call, so past this many it is read as plain text (issue #17).
 */
const MAX_BRACKET_LINES = 256;

/**
 * Block quotes one remark call may open (issue #17). micromark's cost grows with the square of the number of
 * separate block quotes in one document (` > a` blank ` > a` … × 8000, 48 KB: 45 s); at 32 a call stays
 * around a millisecond. The planner cuts groups so that no call holds more (incremental.ts), and a stretch
 * that cannot be cut (quotes inside one list item, quotes indented two or three spaces) and holds more is
 * read as plain text (riskyStretch).
 */
export const MAX_QUOTE_STARTS = 32;

/**
 * Block quotes that start in [start, end): lines whose container prefix (indentation, list markers, `>`)
 * holds a `>` and that follow a blank line or `start`. Stops counting past `max`. One pass, linear.
 */
export function quoteStarts(text: string, start: number, end: number, max = Infinity): number {
  // Past the text there is no line terminator to step over: clamp, so the scan always advances.
  end = Math.min(end, text.length);
  let n = 0;
  let afterBlank = true;
  let i = start;
  while (i < end && n <= max) {
    let quote = false;
    let blank = true;
    // The prefix: spaces, tabs, list markers and `>` (enough to see a quote marker; not a full parse).
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) i++;
      else if (c === GT) {
        quote = true;
        i++;
      } else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) i += 2;
      else if (c >= 48 && c <= 57) {
        let j = i;
        while (j - i < 10 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 41) && (text.charCodeAt(j + 1) === SPACE || text.charCodeAt(j + 1) === TAB)) i = j + 2;
        else break;
      } else break;
      if (i >= end) break;
    }
    const eol = lineEndAt(text, i);
    if (quote || eol > i) blank = false;
    if (quote && afterBlank) n++;
    afterBlank = blank;
    i = afterTerminator(text, eol);
  }
  return n;
}

/**
 * Whether [start, end) has a line built to make remark slow: deep container nesting (`> > > …`,
 * `- - - …`, ever deeper indentation), hundreds of brackets or emphasis marks, hundreds of lines opening
 * with `[` (definitions), or more block quotes than one remark call may hold. Such a stretch is read as plain text. Linear, no regular expression.
 */
export function riskyStretch(text: string, start: number, end: number): boolean {
  end = Math.min(end, text.length);
  let i = start;
  let bracketLines = 0;
  while (i < end) {
    if (text.charCodeAt(i) === 91 /* [ */ && ++bracketLines > MAX_BRACKET_LINES) return true;
    // The line's prefix: indentation, quote markers, list markers.
    let depth = 0;
    let indent = 0;
    let leading = true;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB) {
        if (leading) indent += c === TAB ? 4 : 1;
        i++;
      } else if (c === 62 /* > */) {
        depth++;
        leading = false;
        i++;
      } else if ((c === 45 || c === 42 || c === 43) && (text.charCodeAt(i + 1) === SPACE || text.charCodeAt(i + 1) === TAB)) {
        depth++;
        leading = false;
        i += 2;
      } else if (c >= 48 && c <= 57) {
        let j = i;
        while (j < end && j - i < 10 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        const d = text.charCodeAt(j);
        if ((d === 46 || d === 41) && (text.charCodeAt(j + 1) === SPACE || text.charCodeAt(j + 1) === TAB)) {
          depth++;
          leading = false;
          i = j + 2;
        } else break;
      } else break;
      if (i >= end) break;
    }
    if (depth > MAX_NESTING || indent > MAX_INDENT) return true;
    // The rest of the line.
    let brackets = 0;
    let emphasis = 0;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === NL || c === CR) break;
      // `[` and `]` both (a line of `](` × 24,000 took remark 34 s), and `<` (tag and autolink attempts).
      if (c === 91 || c === 93 || c === 60) brackets++;
      else if (c === 42 || c === 95 || c === 126) emphasis++;
      i++;
    }
    if (brackets > MAX_BRACKETS || emphasis > MAX_EMPHASIS) return true;
    i = afterTerminator(text, i);
  }
  // Block quotes the planner cannot spread over several remark calls (see MAX_QUOTE_STARTS).
  return quoteStarts(text, start, end, MAX_QUOTE_STARTS) > MAX_QUOTE_STARTS;
}
