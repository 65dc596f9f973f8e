/**
 * A light, line-based reading of a Markdown note for the misconception checks: which lines are fenced code,
 * which are headings, and the prose of the others with struck-out text, URLs, link destinations, HTML tags and
 * backticks blanked out (replaced by spaces, so every offset stays put). Linear in the text; no remark parse (the
 * checks must also run in the CLI on many files).
 * Pure: no `vscode`, no Node built-ins.
 */

export type LineKind = 'prose' | 'heading' | 'code';

export interface NoteLine {
  /** 0-based line number. */
  readonly line: number;
  /** Offset of the line's first character in the note. */
  readonly offset: number;
  /** The raw line, without its end-of-line characters. */
  readonly raw: string;
  /** For prose and headings: the raw line with struck-out text, URLs, link destinations, tags and backticks blanked (same length). */
  readonly prose: string;
  readonly kind: LineKind;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** `scheme://…` or `www.…` up to whitespace or a non-ASCII character (Chinese prose runs on without spaces). */
const URL = /(?:\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/|\bwww\.)[!-~]*/g;
/** The destination of an inline link or image: `](…)` (the text before it stays). */
const LINK_DEST = /\]\([^()\s]*(?:\s+"[^"]*")?\)/g;
const TAG = /<\/?[A-Za-z][^<>]{0,200}>/g;

function blank(s: string, re: RegExp, keepFirst = 0): string {
  return s.replace(re, (m) => m.slice(0, keepFirst) + ' '.repeat(m.length - keepFirst));
}

/**
 * GFM strikethrough on one line, `~~…~~` (no `~` inside): text the note has struck out, withdrawn rather than said.
 * Found with indexOf, left to right (linear).
 */
function blankStruck(s: string): string {
  let out = '';
  let from = 0;
  for (let open = s.indexOf('~~'); open >= 0; open = s.indexOf('~~', from)) {
    const tilde = s.indexOf('~', open + 2);
    if (tilde < 0) break;
    if (tilde > open + 2 && s.startsWith('~~', tilde)) {
      out += s.slice(from, open) + ' '.repeat(tilde + 2 - open);
      from = tilde + 2;
    } else {
      out += s.slice(from, tilde);
      from = tilde;
    }
  }
  return out + s.slice(from);
}

/** The line with struck-out text, URLs, link destinations, HTML tags and backticks replaced by spaces (same length). */
export function proseOf(raw: string): string {
  let s = blankStruck(raw);
  s = blank(s, LINK_DEST, 1);
  s = blank(s, URL);
  s = blank(s, TAG);
  return s.replace(/`/g, ' ');
}

/**
 * The offset of the line that closes `fence` at or after `from` (a line start), or -1 when none does. Finds
 * candidates with indexOf (a closing line holds three fence characters after at most three spaces), then applies
 * FENCE_CLOSE to each candidate's line exactly as the line loop would (`\n` ends a line; a trailing `\r` is dropped).
 */
function nextClosingFence(text: string, from: number, fence: { char: string; length: number }): number {
  const needle = fence.char.repeat(3);
  for (let at = text.indexOf(needle, from); at >= 0; ) {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    if (at - start <= 3) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const rawWithCr = text.slice(start, end);
      const raw = rawWithCr.endsWith('\r') ? rawWithCr.slice(0, -1) : rawWithCr;
      const close = FENCE_CLOSE.exec(raw);
      if (close && close[1] && close[1][0] === fence.char && close[1].length >= fence.length) return start;
    }
    // The next candidate is on a later line.
    const nl = text.indexOf('\n', at);
    if (nl < 0) return -1;
    at = text.indexOf(needle, nl + 1);
  }
  return -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface NoteLinesOptions {
  /**
   * Whether to return the content lines of fenced code blocks (default true). Without them the fence lines
   * themselves are still returned, and every other line is returned as it would be.
   */
  readonly code?: boolean;
}

/** Splits a note into lines and classifies them (fenced code by CommonMark's opening/closing fence rule). */
export function noteLines(text: string, options: NoteLinesOptions = {}): NoteLine[] {
  const withCode = options.code ?? true;
  const out: NoteLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let offset = 0;
  let line = 0;
  while (offset <= text.length) {
    if (fence && !withCode) {
      // Jump over the block's content to the line that closes it (or to the end: all of the rest is code).
      const close = nextClosingFence(text, offset, fence);
      if (close < 0) break;
      line += countNewlines(text, offset, close);
      offset = close;
    }
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const rawWithCr = text.slice(offset, end);
    const raw = rawWithCr.endsWith('\r') ? rawWithCr.slice(0, -1) : rawWithCr;
    let kind: LineKind;
    const f = FENCE_OPEN.exec(raw);
    if (fence) {
      kind = 'code';
      const close = FENCE_CLOSE.exec(raw);
      if (close && close[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
    } else if (f && f[1] && !(f[1][0] === '`' && raw.slice(f[0].length).includes('`'))) {
      kind = 'code';
      fence = { char: f[1][0] as string, length: f[1].length };
    } else {
      kind = HEADING.test(raw) ? 'heading' : 'prose';
    }
    out.push({ line, offset, raw, prose: kind === 'code' ? raw : proseOf(raw), kind });
    if (end === text.length) break;
    offset = end + 1;
    line++;
  }
  return out;
}

export interface Sentence {
  /** Offset of the sentence in its line (UTF-16). */
  readonly start: number;
  readonly end: number;
  /** The blanked prose of the sentence. */
  readonly text: string;
  /** The character that ends it (`.`, `？`, `|` …), or '' at the end of the line. */
  readonly mark: string;
}

/** Sentences longer than this are not read: a claim is a short sentence (misconceptions.ts). */
export const MAX_SENTENCE = 400;

/** Sentence ends: `.`, `!`, `?`, `;` before a space or the end, their full-width forms, and table cell bars. */
const SENTENCE_END = /[.!?;](?=\s|$)|[。！？；|]/g;
/**
 * Abbreviations whose full stop runs on inside an English sentence (…for 2MSL, i.e. four minutes), as the text
 * before that stop ends: a whole word (not `bus.` for `vs.`). "etc." is tested apart: it ends a sentence before
 * a capital letter and at the end of the line.
 */
const ABBREVIATION = /(?:^|[^A-Za-z.])(?:i\.e|e\.g|vs|cf|approx|incl|esp|resp|viz|ca)$/i;
const ETC = /(?:^|[^A-Za-z.])etc$/i;
/** The text after "etc." when the sentence runs on: not a capital letter, nor the end of the line. */
const RUNS_ON = /^\s+[^\sA-Z]/;

/** Whether the full stop at `at` ends an abbreviation that does not end the sentence. */
function abbreviationStop(prose: string, at: number): boolean {
  const before = prose.slice(Math.max(0, at - 8), at);
  return ABBREVIATION.test(before) || (ETC.test(before) && RUNS_ON.test(prose.slice(at + 1, at + 6)));
}

/** The sentences of one prose line, trimmed (empty ones dropped); see SENTENCE_END and ABBREVIATION. */
export function sentencesOf(prose: string): Sentence[] {
  const out: Sentence[] = [];
  let from = 0;
  const push = (to: number, mark: string) => {
    let a = from;
    let b = to;
    while (a < b && /\s|[-*+>#]/.test(prose[a] as string)) a++;
    while (b > a && /\s/.test(prose[b - 1] as string)) b--;
    if (b > a) out.push({ start: a, end: b, text: prose.slice(a, b), mark });
  };
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(prose); m; m = SENTENCE_END.exec(prose)) {
    if (m[0] === '.' && abbreviationStop(prose, m.index)) continue;
    push(m.index, m[0]);
    from = m.index + m[0].length;
  }
  push(prose.length, '');
  return out;
}

/**
 * A hard-wrapped English sentence goes on on the next line: this line (at least WRAP_MIN characters) ends inside
 * a sentence (an ASCII letter, digit, comma or closing mark, no sentence end) and the next starts in lower case or
 * with a digit and opens no other block (list item, quote, table row, heading). CJK prose, which has no spaces to
 * wrap at, is never joined, nor are table rows.
 */
const WRAP_END = /[A-Za-z0-9,_)'"]$/;
const WRAP_START = /^[ \t]*[a-z0-9(]/;
const BLOCK_START = /^[ \t]{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|\||#)/;
/** Shorter lines are not taken for wrapped ones (a label, a word alone); wrapped prose fills most of a line. */
const WRAP_MIN = 30;

function continues(prev: NoteLine, next: NoteLine, maxLine: number): boolean {
  if (next.kind !== 'prose' || next.raw.length > maxLine) return false;
  const before = prev.prose.trimEnd();
  if (before.trim().length < WRAP_MIN || prev.raw.trimStart().startsWith('|') || !WRAP_END.test(before)) return false;
  return WRAP_START.test(next.prose) && !BLOCK_START.test(next.raw);
}

/** A sentence that a hard wrap carries over lines `line` to `lastLine` (indexes into the lines given). */
export interface WrappedSentence {
  readonly line: number;
  readonly lastLine: number;
  /** Where it starts on `line`, and the end of `line`'s text: its range there. */
  readonly start: number;
  readonly end: number;
  /** The sentence's blanked prose over every line it runs on (joined by spaces). */
  readonly text: string;
  /** The character that ends it, or '' at the end of the paragraph. */
  readonly mark: string;
}

/**
 * The paragraph of the prose line `lines[at]`: it and the lines that continue it (see `continues`). Returns the
 * index of the first line after it, and the sentences that run over more than one of its lines, each read whole
 * (at most `maxSentence` characters; longer ones are left out). Linear in the paragraph's length.
 */
export function wrappedSentences(lines: readonly NoteLine[], at: number, maxLine: number, maxSentence: number): { sentences: WrappedSentence[]; next: number } {
  let next = at + 1;
  while (next < lines.length && continues(lines[next - 1] as NoteLine, lines[next] as NoteLine, maxLine)) next++;
  if (next === at + 1) return { sentences: [], next };
  // The lines' prose joined by one space each; starts[k]: where line at + k begins in it.
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  for (let k = at; k < next; k++) {
    if (k > at) length++;
    starts.push(length);
    const prose = (lines[k] as NoteLine).prose;
    parts.push(prose);
    length += prose.length;
  }
  const joined = parts.join(' ');
  const sentences: WrappedSentence[] = [];
  let k = 0;
  for (const x of sentencesOf(joined)) {
    // Sentences come in order: the line cursor only moves forward.
    while (k + 1 < starts.length && (starts[k + 1] as number) <= x.start) k++;
    let last = k;
    while (last + 1 < starts.length && (starts[last + 1] as number) < x.end) last++;
    if (last === k || x.text.length > maxSentence) continue;
    const lineStart = starts[k] as number;
    sentences.push({ line: at + k, lastLine: at + last, start: x.start - lineStart, end: (lines[at + k] as NoteLine).prose.trimEnd().length, text: x.text, mark: x.mark });
  }
  return { sentences, next };
}

/** A table cell's text (trimmed) and its range; `closed` when a bar ends it (the text after the last bar is not). */
interface Cell {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
}

/** The cells of a table row (a line whose first non-space character is `|`), or undefined for other lines and long ones. */
function rowCells(prose: string): Cell[] | undefined {
  const first = prose.indexOf('|');
  if (first < 0 || prose.slice(0, first).trim() !== '' || prose.length > MAX_SENTENCE) return undefined;
  const cells: Cell[] = [];
  let from = first + 1;
  for (let bar = prose.indexOf('|', from); ; bar = prose.indexOf('|', from)) {
    const to = bar < 0 ? prose.length : bar;
    const raw = prose.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    cells.push({ text, start: from + lead, end: from + lead + text.length, closed: bar >= 0 });
    if (bar < 0) return cells;
    from = bar + 1;
  }
}

/** A sysctl's name alone in a table cell (`net.ipv4.tcp_tw_recycle`, `tcp_fin_timeout`). */
const SYSCTL_CELL = /^(?:net\.ipv4\.)?tcp_[a-z_]{2,40}$/;
const NUMBER_CELL = /^\d{1,9}$/;

/**
 * A row of a tuning table read as one sentence: a cell holding a sysctl's name, the next its value, the others
 * what the author says it does (`| net.ipv4.tcp_tw_recycle | 1 | 开启 TIME_WAIT 快速回收 |` → `net.ipv4.tcp_tw_recycle =
 * 1 开启 TIME_WAIT 快速回收`), with the row's range. Only a row with one number in it: `| tcp_tw_recycle | 1 | 0 |`
 * (a before and an after) says nothing about which it recommends.
 */
export function tuningRow(prose: string): Sentence | undefined {
  const row = rowCells(prose);
  if (!row) return undefined;
  const cells = row.filter((c) => c.closed && c.text);
  // The name in the first cell, as tuning tables put it (an inventory puts the host first: `| lb-3 | tcp_tw_recycle | 1 |`).
  const key = SYSCTL_CELL.test(cells[0]?.text ?? '') ? 0 : -1;
  const value = cells[key + 1];
  if (key < 0 || !value || !NUMBER_CELL.test(value.text) || cells.filter((c) => NUMBER_CELL.test(c.text)).length !== 1) return undefined;
  const rest = cells.filter((_, i) => i !== key && i !== key + 1).map((c) => c.text);
  const start = (cells[0] as { start: number }).start;
  const end = (cells[cells.length - 1] as { end: number }).end;
  return { start, end, text: [`${(cells[key] as { text: string }).text} = ${value.text}`, ...rest].join(' '), mark: '' };
}

/** A TIME_WAIT or CLOSE_WAIT state's name alone in a table cell (`TIME_WAIT`, `time-wait`). */
const STATE_CELL = /^\*{0,2}`?(?:time|close)[-_ ]?wait`?\*{0,2}$/i;

/**
 * A row of a table of states read as one sentence: the state's name in the first cell, what the author says of it
 * in the others (`| TIME_WAIT | 4 minutes (2MSL) |` → `TIME_WAIT 4 minutes (2MSL)`), with the row's range.
 */
export function stateRow(prose: string): Sentence | undefined {
  const cells = rowCells(prose);
  if (cells && cells.length && (cells[cells.length - 1] as Cell).text === '') cells.pop();
  if (!cells || cells.length < 2 || !STATE_CELL.test((cells[0] as Cell).text)) return undefined;
  const start = (cells[0] as Cell).start;
  const end = prose.trimEnd().replace(/\|$/, '').trimEnd().length;
  const text = cells.map((c) => c.text).filter(Boolean).join(' ');
  // A row that asks (`| TIME_WAIT | 是 orphan 吗？不是 |`) claims nothing.
  return { start, end, text, mark: /[?？吗]/.test(text) ? '?' : '' };
}
