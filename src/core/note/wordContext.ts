/**
 * When an English-word state spelling (`established`, `Closing`) written in lower or mixed case is a state: in a
 * Chinese frame that names a state (`处于Established状态`), or alone in a list item or table cell whose
 * neighbouring items are states alone too (a list of states copied from ss(8)). The recogniser (recognize.ts)
 * asks this of such words only. Pure: no `vscode`, no Node built-ins.
 */
import { lookupStateSpelling } from '../catalogue/spellings';
import { cells, TABLE_ROW } from './tableRows';

/** `处于 … 状态`, `进入…状态`: a Chinese frame that names what is between as a state. */
const CJK_BEFORE = ['处于', '进入', '变为', '变成', '转为', '转入', '到达', '停留在', '停在', '回到', '是'];

export function wordStateContext(text: string, start: number, end: number): boolean {
  return cjkFrame(text, start, end) || soleItemAmongStates(text, start, end);
}

function cjkFrame(text: string, start: number, end: number): boolean {
  let a = start;
  while (a > 0 && start - a < 2 && text.charCodeAt(a - 1) === 32) a--;
  let b = end;
  while (b < text.length && b - end < 2 && text.charCodeAt(b) === 32) b++;
  if (text.slice(b, b + 2) !== '状态') return false;
  const before = text.slice(Math.max(0, a - 3), a);
  return CJK_BEFORE.some((w) => before.endsWith(w));
}

/** Bounds of the line around `pos`, at most 400 characters each way. */
function lineAround(text: string, pos: number): [number, number] {
  let s = pos;
  // LF, CRLF and lone CR all end a line (as in the line index).
  while (s > 0 && pos - s < 400 && text.charCodeAt(s - 1) !== 10 && text.charCodeAt(s - 1) !== 13) s--;
  let e = pos;
  while (e < text.length && e - pos < 400 && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return [s, e];
}

const LIST_ITEM = /^[ \t]{0,8}(?:[-*+]|\d{1,3}[.)])[ \t]+/;

/** The sole content of a list item or table cell: the word, maybe in backticks or emphasis, maybe with a colon. */
function soleWord(content: string): string | undefined {
  const m = /^[`*_]{0,2}([A-Za-z][A-Za-z0-9_-]{1,30})[`*_]{0,2}:?$/.exec(content.trim());
  return m?.[1];
}

function isStateWord(word: string | undefined): boolean {
  return word !== undefined && lookupStateSpelling(word) !== undefined;
}

/**
 * A lower- or mixed-case English word (`established`, `closing`) alone in a list item or a table cell, where a
 * neighbouring item of the same list (or the cell above or below in the same column) is also a state alone:
 * a list of states, as copied from ss(8). Ordinary prose never qualifies. Looks at most 3 lines each way.
 */
function soleItemAmongStates(text: string, start: number, end: number): boolean {
  const [ls, le] = lineAround(text, start);
  const line = text.slice(ls, le);
  const list = LIST_ITEM.exec(line);
  if (list) {
    if (soleWord(line.slice(list[0].length)) !== text.slice(start, end)) return false;
    return neighbours(text, ls, le, (l) => {
      const m = LIST_ITEM.exec(l);
      return m ? isStateWord(soleWord(l.slice(m[0].length))) : undefined;
    });
  }
  if (!TABLE_ROW.test(line)) return false;
  const column = cellIndex(line, start - ls);
  if (column < 0 || soleWord(cells(line)[column] ?? '') !== text.slice(start, end)) return false;
  return neighbours(text, ls, le, (l) => (TABLE_ROW.test(l) ? isStateWord(soleWord(cells(l)[column] ?? '')) : undefined));
}

function cellIndex(row: string, at: number): number {
  const lead = row.indexOf('|');
  if (lead === -1 || at < lead) return -1;
  let n = 0;
  for (let i = lead + 1; i < at; i++) if (row.charCodeAt(i) === 124) n++;
  return n;
}

/**
 * True when one of up to 3 lines before or after [ls, le) passes `test`; `test` returns undefined for a line
 * that ends the run (not a list item / table row).
 */
function neighbours(text: string, ls: number, le: number, test: (line: string) => boolean | undefined): boolean {
  let s = ls;
  for (let k = 0; k < 3 && s > 0; k++) {
    // The terminator before the line: one character, or two for CRLF.
    const before = text.charCodeAt(s - 1) === 10 && text.charCodeAt(s - 2) === 13 ? s - 2 : s - 1;
    const [ps, pe] = lineAround(text, before);
    const r = test(text.slice(ps, pe));
    if (r === undefined) break;
    if (r) return true;
    s = ps;
  }
  let e = le;
  for (let k = 0; k < 3 && e < text.length; k++) {
    const next = text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? e + 2 : e + 1;
    if (next > text.length) break;
    const [ns, ne] = lineAround(text, next);
    const r = test(text.slice(ns, ne));
    if (r === undefined) break;
    if (r) return true;
    e = ne;
  }
  return false;
}
