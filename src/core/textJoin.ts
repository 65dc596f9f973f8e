/**
 * Joining pieces of text the way each language writes them. English puts a space between words and after a
 * sentence. Chinese (the house style of the catalogue's zh-CN texts) puts none between two Chinese characters and
 * none next to full-width punctuation (`。`, `，`, `：`, `（`…), and one space between a Chinese character and a
 * Latin word or a number (`孤儿和 tcp_mem 相关`). Pieces written for both languages (a template's literal text, a
 * value spliced into it, sentences joined with a space) carry English spacing; `joinAt` drops the spaces at a join
 * that Chinese does not write there, and never adds one. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from './catalogue/types';

/** A Chinese (Han) character, or a kana or Hangul syllable: text with no spaces between its characters. */
function isCjk(c: number): boolean {
  return (
    (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x20000 && c <= 0x3ffff)
  );
}

/** Full-width punctuation: CJK symbols (`。`, `、`, `「`, `【`…) and the full-width forms (`，`, `：`, `；`, `（`…). */
function isFullWidthPunctuation(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * `left + right`, without the spaces (spaces and tabs) where the two meet when Chinese writes none there: between
 * two CJK characters, or next to full-width punctuation. Anywhere else the text is kept as it is.
 */
export function joinAt(left: string, right: string): string {
  let l = left.length;
  while (l > 0 && isSpace(left.charCodeAt(l - 1))) l--;
  let r = 0;
  while (r < right.length && isSpace(right.charCodeAt(r))) r++;
  if (l === left.length && r === 0) return left + right;
  if (l === 0 || r === right.length) return left + right;
  const a = left.codePointAt(l - 1 - (l >= 2 && isLowSurrogate(left.charCodeAt(l - 1)) ? 1 : 0)) ?? 0;
  const b = right.codePointAt(r) ?? 0;
  const drop = (isCjk(a) && isCjk(b)) || isFullWidthPunctuation(a) || isFullWidthPunctuation(b);
  return drop ? left.slice(0, l) + right.slice(r) : left + right;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Pieces joined by `separator` (a space by default), with Chinese spacing at each join in zh-cn. */
export function joinText(parts: readonly string[], lang: Lang, separator = ' '): string {
  if (lang !== 'zh-cn') return parts.join(separator);
  let out = '';
  parts.forEach((p, i) => {
    out = i === 0 ? p : joinAt(joinAt(out, separator), p);
  });
  return out;
}
