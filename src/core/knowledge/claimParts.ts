/**
 * The parts the misconception rules (misconceptions.ts, orphanClaim.ts) find in a sentence: the names they look
 * for, where those stand (spans), the two parts nearest each other, and whether a negator governs them.
 * Pure: no `vscode`, no Node built-ins.
 */
import { negatedWithin } from './claimScope';

/**
 * A tunable's name with or without its `tcp_` (notes write `tw_recycle`, `fin_timeout`): after `tcp_`, or where no
 * word character stands before it.
 */
export function shortName(rest: string): string {
  return String.raw`(?:tcp_|(?<![\w]))` + rest;
}

/** TIME_WAIT in any spelling, or `tw` before a noun for sockets (`tw sockets`, as sockstat names them). */
export const TW_SOURCE = String.raw`time\\?[_ -]?wait|\btw\s+(?:sockets?|connections?|entries)\b`;
export const TW = new RegExp(TW_SOURCE, 'i');
export const TW_G = new RegExp(TW_SOURCE, 'gi');
export const CW = /close\\?[_ -]?wait/i;
export const CW_G = new RegExp(CW.source, 'gi');

/** A past event or belief told (当时, "back then"): a story, not a claim (twFdClaim.ts, closeWaitSysctlClaim.ts). */
export const TOLD_PAST = /\b(?:back then|at the time|yesterday|last (?:week|month|year|night|time)|previously|used to)\b|当时|那时|当年|曾经|上次|那次|昨天|前天|去年/i;

/** Clauses of a sentence, and what ends one. */
export const CLAUSE = /[^，,；;：:]+/g;
export const CLAUSE_END = /[，,；;：:]/;

/** Where the clause holding `from` ends: its next clause mark, or the sentence's end. */
export function clauseEnd(s: string, from: number): number {
  const m = CLAUSE_END.exec(s.slice(from));
  return m ? from + m.index : s.length;
}

/** A stretch of the sentence: start and end (exclusive). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Every match of a global pattern, as spans. */
export function spans(re: RegExp, s: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push({ start: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/** The shortest stretch that holds one span of `a` and one of `b` (the two parts of the claim nearest each other). */
export function nearest(a: readonly Span[], b: readonly Span[]): Span | undefined {
  let best: Span | undefined;
  for (const x of a) {
    for (const y of b) {
      const span = { start: Math.min(x.start, y.start), end: Math.max(x.end, y.end) };
      if (!best || span.end - span.start < best.end - best.start) best = span;
    }
  }
  return best;
}

/**
 * Whether the claim's words, `span`, are asserted: no negator governs them (refutation, attribution and questions
 * are tested once per sentence, in findMisconceptions).
 */
export function claimed(s: string, span: Span | undefined): boolean {
  return span !== undefined && !negatedWithin(s, span.start, span.end);
}
