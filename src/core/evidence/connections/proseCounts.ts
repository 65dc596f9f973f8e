/**
 * Per-state counts written outside code blocks, when a line says nothing else: `FIN_WAIT1 61920`,
 * `- LAST_ACK: 2,103（大部分是孤儿）`, `61920 FIN-WAIT-1`, a table row `| FIN_WAIT1 | 61920 | … |`.
 * A line with other words or numbers around the pair ("3 of 61920 FIN_WAIT1 sockets") is ambiguous and skipped.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import { parseCount, stateFromToken, tokenize, withoutQuoteMarkers } from '../text';

export interface ProseCount {
  readonly state: StateId;
  readonly count: number;
  /** 0-based note line. */
  readonly line: number;
}

/** What may follow the pair on the same line: an annotation, not more data. */
function isTrailingNote(token: string): boolean {
  return /^(?:#|\/\/|<-|←|\(|（|—|--|-|个|sockets?\b|个连接)/.test(token);
}

function clean(token: string): string {
  let a = 0;
  let b = token.length;
  const mark = (c: number): boolean => c === 96 /* ` */ || c === 42; /* * */
  while (a < b && mark(token.charCodeAt(a))) a++;
  while (b > a && mark(token.charCodeAt(b - 1))) b--;
  let s = token.slice(a, b);
  if (s.length > 1 && (s.endsWith(':') || s.endsWith('：') || s.endsWith(','))) s = s.slice(0, -1);
  return s;
}

function pair(a: string | undefined, b: string | undefined): { state: StateId; count: number } | undefined {
  if (a === undefined || b === undefined) return undefined;
  const ca = clean(a);
  const cb = clean(b);
  const s1 = stateFromToken(ca);
  const n1 = parseCount(cb);
  if (s1 !== undefined && n1 !== undefined) return { state: s1, count: n1 };
  const n2 = parseCount(ca);
  const s2 = stateFromToken(cb);
  if (s2 !== undefined && n2 !== undefined) return { state: s2, count: n2 };
  return undefined;
}

/** The count a line states, or undefined. `text` is one line of Markdown outside code. */
export function proseCountOf(text: string): { state: StateId; count: number } | undefined {
  if (text.length > 400) return undefined;
  let s = withoutQuoteMarkers(text.trimStart()).trim();
  if (s.startsWith('|')) {
    const cells = s.split('|').map((c) => c.trim()).filter((c, i, a) => !(c === '' && (i === 0 || i === a.length - 1)));
    if (cells.length < 2) return undefined;
    const a = tokenize(cells[0] as string);
    const b = tokenize(cells[1] as string);
    if (a.length !== 1 || b.length !== 1) return undefined;
    return pair(a[0], b[0]);
  }
  s = s.replace(/^(?:[-*+]|\d{1,3}[.)])\s+/, '');
  // `FIN_WAIT1：61920` with a full-width colon and no space.
  s = s.replace(/([A-Za-z0-9_*`-])[:：](\d)/, '$1 $2');
  // `2,103（大部分是孤儿）`: an annotation glued to the number.
  s = s.replace(/(\d)([（(#])/, '$1 $2');
  const t = tokenize(s, 16);
  if (t.length < 2) return undefined;
  const p = pair(t[0], t[1]);
  if (!p) return undefined;
  if (t.length > 2 && !isTrailingNote(t[2] as string)) return undefined;
  return p;
}

/**
 * Counts from the lines holding state mentions outside code (`mentionLines`: 0-based note lines, any order,
 * duplicates allowed). `lineText(n)` returns a note line.
 */
export function proseCounts(mentionLines: Iterable<number>, lineText: (n: number) => string): ProseCount[] {
  const out: ProseCount[] = [];
  const seen = new Set<number>();
  for (const n of mentionLines) {
    if (seen.has(n)) continue;
    seen.add(n);
    const c = proseCountOf(lineText(n));
    if (c) out.push({ ...c, line: n });
  }
  return out.sort((a, b) => a.line - b.line);
}
