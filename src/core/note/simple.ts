/**
 * Fast path: simple blocks built without remark (a plain paragraph, an ATX heading with a plain title, a
 * list, a table or a quote of plain text), where the zones are known from the text alone.
 * Pure: no `vscode`, no Node built-ins.
 */
import { afterTerminator, isBlank, lineEndAt } from './blocks';
import type { Heading, Piece } from './piece';
import { detach } from './piece';
import { findMentions } from './recognize';
import { findTransitions } from './transitions';
import { classify, quietSpans, type Zone } from './zones';

/**
 * Characters after which remark may build a node that matters for classification (link, image, HTML,
 * autolink, table) or that changes text (escapes): a stretch containing none of them holds only text,
 * emphasis and code spans.
 */
const NOT_SIMPLE = /[[<\\|@]|:\/\/|www\./i;
/** A heading title also needs its text verbatim: no emphasis, strikethrough or entities. */
const NOT_SIMPLE_TITLE = /[[<\\|@*_~&]|:\/\/|www\./i;
/** First non-space character of a line that may start (or interrupt a paragraph with) another block. */
const BLOCK_START = /^[ \t]*(?:[#>\-+*=_`~<|[:]|\d{1,9}[.)](?:[ \t]|$))/;

/**
 * Code spans in `src` [from, to) by the CommonMark rule (a backtick string closes at the next string of the
 * same length); valid only when the stretch has no backslash, link or HTML. Returns [start, end, value].
 */
function codeSpans(src: string, from: number, to: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  let i = src.indexOf('`', from);
  while (i !== -1 && i < to) {
    let j = i;
    while (j < to && src.charCodeAt(j) === 96) j++;
    const n = j - i;
    // Find the next backtick string of exactly n.
    let k = src.indexOf('`', j);
    let closed = -1;
    while (k !== -1 && k < to) {
      let e = k;
      while (e < to && src.charCodeAt(e) === 96) e++;
      if (e - k === n) {
        closed = k;
        break;
      }
      k = src.indexOf('`', e);
    }
    if (closed === -1) {
      i = src.indexOf('`', j);
      continue;
    }
    let value = src.slice(j, closed).replace(/\r\n|\r|\n/g, ' ');
    if (value.length >= 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1);
    out.push([i, closed + n, value]);
    i = src.indexOf('`', closed + n);
  }
  return out;
}

/** Lines of [start, end): [lineStart, lineEnd] pairs (terminators excluded). */
export function linesOf(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let ls = start;
  while (ls < end) {
    const le = lineEndAt(text, ls);
    out.push([ls, Math.min(le, end)]);
    ls = afterTerminator(text, le);
  }
  return out;
}

export interface SimpleShape {
  readonly kind: 'blank' | 'paragraph' | 'heading' | 'list' | 'table' | 'quote';
  /** Offset (in the stretch) of the end of its last non-blank line. */
  readonly contentEnd: number;
}

/** Longest stretch the simple shapes are tried on. */
const SIMPLE_LIMIT = 32 * 1024;
const NOT_SIMPLE_CELLS = /[[<\\@]|:\/\/|www\./i;
const LIST_LINE = /^( *)(?:[-*+]|\d{1,9}[.)]) {1,4}(?=\S)/;
const DELIMITER_CELL = /^:?-+:?$/;

/** Spaces and tabs off the end of [from, to) of `s`: the new end. */
function trimBlankEnd(s: string, from: number, to: number): number {
  let e = to;
  while (e > from && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return e;
}

/** A GFM table delimiter row: cells of `-` with optional `:` at either end, split by pipes. */
function isDelimiterRow(text: string, ls: number, le: number): boolean {
  if (!text.slice(ls, le).includes('|')) return false;
  return cells(text, ls, le).every(([s, e]) => DELIMITER_CELL.test(text.slice(s, e).trim()));
}

/** The content of an ATX heading after its opening sequence: trimmed, without a closing `#` sequence. */
export function atxContent(rest: string): string {
  let e = trimBlankEnd(rest, 0, rest.length);
  let h = e;
  while (h > 0 && rest.charCodeAt(h - 1) === 35) h--;
  // A closing sequence is all `#`, or `#`s after a space or tab.
  if (h < e && (h === 0 || rest.charCodeAt(h - 1) === 32 || rest.charCodeAt(h - 1) === 9)) e = trimBlankEnd(rest, 0, h);
  return rest.slice(0, e);
}

/** Cell ranges of a table row [ls, le): split at pipes, without the empty ends of a leading/trailing pipe. */
function cells(text: string, ls: number, le: number): [number, number][] {
  const out: [number, number][] = [];
  let s = ls;
  for (let i = ls; i <= le; i++) {
    if (i === le || text.charCodeAt(i) === 124) {
      out.push([s, i]);
      s = i + 1;
    }
  }
  const blank = (c: [number, number]) => isBlank(text, c[0], c[1]);
  if (out.length > 1 && blank(out[0] as [number, number])) out.shift();
  if (out.length > 1 && blank(out[out.length - 1] as [number, number])) out.pop();
  return out;
}

/** All backtick strings of [from, to) pair up into code spans within the range. */
function balancedTicks(src: string, from: number, to: number): boolean {
  let covered = 0;
  for (const [s, e] of codeSpans(src, from, to)) {
    if (src.slice(covered > from ? covered : from, s).includes('`')) return false;
    covered = e;
  }
  return !src.slice(Math.max(covered, from), to).includes('`');
}

/**
 * Whether [start, end) is one simple block followed by blank lines only: a plain paragraph, an ATX heading
 * with a plain title, a list whose every line is an item of plain text, a table of plain cells, or a quote
 * of one plain paragraph. "Plain": nothing remark could turn into a link, HTML, an autolink, an escape or a
 * nested block. For these the zones are known without parsing.
 */
export function simpleShape(text: string, start: number, end: number): SimpleShape | undefined {
  if (end - start > SIMPLE_LIMIT || (start === 0 && text.charCodeAt(0) === 0xfeff)) return undefined;
  // One space before `>` is an indented quote (` > a`, issue #17: remark is slow on runs of them).
  const first = text.charCodeAt(start) === 32 && text.charCodeAt(start + 1) === 62 ? 62 : text.charCodeAt(start);
  if (first === 32 || first === 9) return undefined;
  const lines = linesOf(text, start, end);
  let last = 0; // number of leading non-blank lines
  while (last < lines.length && !isBlank(text, (lines[last] as [number, number])[0], (lines[last] as [number, number])[1])) last++;
  for (let k = last; k < lines.length; k++) if (!isBlank(text, (lines[k] as [number, number])[0], (lines[k] as [number, number])[1])) return undefined;
  if (last === 0) return lines.length ? { kind: 'blank', contentEnd: 0 } : undefined;
  const contentEnd = (lines[last - 1] as [number, number])[1] - start;
  const body = text.slice(start, start + contentEnd);
  const lineText = (k: number) => text.slice((lines[k] as [number, number])[0], (lines[k] as [number, number])[1]);
  if (first === 35 /* # */) {
    if (last !== 1 || !/^#{1,6}(?:[ \t]|$)/.test(body) || NOT_SIMPLE_TITLE.test(body)) return undefined;
    return { kind: 'heading', contentEnd };
  }
  if (first === 62 /* > */) {
    if (NOT_SIMPLE.test(body)) return undefined;
    for (let k = 0; k < last; k++) {
      const m = /^ ?> ?(?=[^ \t])/.exec(lineText(k));
      if (!m || BLOCK_START.test(lineText(k).slice(m[0].length, m[0].length + 16))) return undefined;
    }
    return { kind: 'quote', contentEnd };
  }
  if (body.includes('|')) {
    if (last < 2 || NOT_SIMPLE_CELLS.test(body)) return undefined;
    const [hs, he] = lines[0] as [number, number];
    const [ds, de] = lines[1] as [number, number];
    if (!isDelimiterRow(text, ds, de) || !text.slice(hs, he).includes('|') || cells(text, hs, he).length !== cells(text, ds, de).length) return undefined;
    for (let k = 0; k < last; k++) {
      const t = lineText(k);
      if (!t.includes('|') || /^[ \t]/.test(t) || (t[0] !== '|' && BLOCK_START.test(t.slice(0, 16)))) return undefined;
    }
    return { kind: 'table', contentEnd };
  }
  if (NOT_SIMPLE.test(body)) return undefined;
  const list = LIST_LINE.exec(body);
  if (list) {
    for (let k = 0; k < last; k++) {
      const t = lineText(k);
      const m = LIST_LINE.exec(t);
      if (!m || BLOCK_START.test(t.slice(m[0].length, m[0].length + 16))) return undefined;
      const [ls, le] = lines[k] as [number, number];
      if (!balancedTicks(text, ls, le)) return undefined;
    }
    return { kind: 'list', contentEnd };
  }
  for (let k = 0; k < last; k++) if (BLOCK_START.test(lineText(k).slice(0, 16))) return undefined;
  return { kind: 'paragraph', contentEnd };
}

/** The piece remark would give for a stretch simpleShape accepted. */
export function analyzeSimple(text: string, start: number, end: number, shape: SimpleShape, startLine: number, evidenceBase: number, hard: boolean): Piece {
  const src = detach(text, start, end);
  const { contentEnd } = shape;
  const zones: Zone[] = [];
  const headings: Heading[] = [];
  const code = (from: number, to: number) => {
    for (const [s, e] of codeSpans(src, from, to)) zones.push({ start: s, end: e, kind: 'inline-code' });
  };
  const eachLine = (f: (ls: number, le: number) => void) => {
    for (const [ls, le] of linesOf(src, 0, contentEnd)) f(ls, le);
  };
  switch (shape.kind) {
    case 'blank':
      break;
    case 'heading': {
      const open = /^(#{1,6})(?:[ \t]+|$)/.exec(src.slice(0, contentEnd)) as RegExpExecArray;
      const body = atxContent(src.slice(open[0].length, contentEnd));
      const offset = open[0].length;
      const spans = codeSpans(body, 0, body.length);
      let title = '';
      let at = 0;
      for (const [s, e, value] of spans) {
        title += body.slice(at, s) + value;
        at = e;
      }
      title += body.slice(at);
      zones.push({ start: 0, end: contentEnd, kind: 'heading' });
      for (const [s, e] of spans) zones.push({ start: offset + s, end: offset + e, kind: 'inline-code' });
      headings.push({ depth: (open[1] as string).length, title, start });
      break;
    }
    case 'paragraph':
      code(0, contentEnd);
      break;
    case 'quote':
      zones.push({ start: 0, end: contentEnd, kind: 'blockquote' });
      code(0, contentEnd);
      break;
    case 'list':
      eachLine((ls, le) => {
        const indent = (LIST_LINE.exec(src.slice(ls, le)) as RegExpExecArray)[1]?.length ?? 0;
        zones.push({ start: ls + indent, end: le, kind: 'list' });
        code(ls, le);
      });
      break;
    case 'table': {
      let row = 0;
      eachLine((ls, le) => {
        if (row++ === 1) return; // the delimiter row
        zones.push({ start: ls, end: le, kind: 'table' });
        for (const [cs, ce] of cells(src, ls, le)) code(cs, ce);
      });
      break;
    }
  }
  const mentions = classify(findMentions(src), zones, src, start);
  return { start, end, startLine, evidenceBase, mode: 'markdown', hard, mentions, evidence: [], headings, transitions: findTransitions(mentions, text), quiet: quietSpans(zones, start), definitions: [] };
}
