/**
 * Where URLs are in note text, for the recogniser (recognize.ts) and the typo scan (typos.ts): a state spelled
 * inside a URL is no mention. Pure: no `vscode`, no Node built-ins.
 */

import { isWordChar } from '../evidence/text';

/**
 * True when [start, end) overlaps a URL (bounded look-around). A URL starts at its scheme (`https://`), at
 * `www.` after a non-word character, or at `mailto:`, and runs over printable ASCII up to whitespace, a
 * non-ASCII character (Chinese prose runs on without spaces), `<`, `>`, `"` or a backtick. So the link text of
 * `[… FIN_WAIT1](http://…)` and the states of `进入FIN_WAIT1状态，参考https://…` are outside the URL.
 */
export function insideUrl(text: string, start: number, end: number): boolean {
  let s = start;
  const min = Math.max(0, start - 512);
  while (s > min && !isSpace(text.charCodeAt(s - 1))) s--;
  let e = end;
  const max = Math.min(text.length, end + 64);
  while (e < max && !isSpace(text.charCodeAt(e))) e++;
  // Cheap exit first: every URL form below needs a `:` or a `.` in the word (bounded scan, no regex).
  let maybe = false;
  for (let i = s; i < e && !maybe; i++) {
    const c = text.charCodeAt(i);
    maybe = c === 58 || c === 46;
  }
  if (!maybe) return false;
  const word = text.slice(s, e);
  for (const urlStart of urlStarts(word)) {
    if (urlStart + s >= end) continue;
    if (urlEnd(word, urlStart) + s > start) return true;
  }
  return false;
}

function isUrlChar(c: number): boolean {
  return c > 32 && c < 127 && c !== 0x3c && c !== 0x3e && c !== 0x22 && c !== 0x60; // not < > " `
}

function urlEnd(word: string, from: number): number {
  let i = from;
  while (i < word.length && isUrlChar(word.charCodeAt(i))) i++;
  return i;
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Where URLs start in `word`: `scheme://` (a letter, then letters, digits, `+`, `.`, `-`), `www.`, `mailto:`. */
function urlStarts(word: string): number[] {
  const out: number[] = [];
  for (let at = word.indexOf('://'); at !== -1; at = word.indexOf('://', at + 1)) {
    let first = -1;
    for (let i = at - 1; i >= 0; i--) {
      const c = word.charCodeAt(i);
      if (isLetter(c)) first = i;
      else if (!((c >= 48 && c <= 57) || c === 0x2b || c === 0x2e || c === 0x2d)) break; // digit + . -
    }
    if (first !== -1) out.push(first);
  }
  const lower = word.toLowerCase();
  for (const marker of ['www.', 'mailto:']) {
    for (let at = lower.indexOf(marker); at !== -1; at = lower.indexOf(marker, at + 1)) {
      if (at === 0 || !isWordChar(word.charCodeAt(at - 1))) out.push(at);
    }
  }
  return out;
}

/** `\s` for the characters that matter around a word (ASCII whitespace, NBSP, the Unicode spaces and line separators). */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

