/**
 * The sentence test of `orphan-no-retransmit`: a sentence that says orphans do not retransmit — 孤儿连接不会重传,
 * "orphaned sockets never retransmit their FIN", "once a socket is orphaned, the kernel stops retransmitting".
 * An orphan in FIN-WAIT-1, CLOSING or LAST-ACK retransmits its FIN (and queued data) until tcp_orphan_retries runs
 * out (§2.4).
 *
 * The orphan words and the negated retransmission stand in one clause, in either order, with no other party
 * between them (对端, "the peer"); a clause that makes the socket an orphan (变成孤儿后, "once orphaned") may come
 * first. The negator of "不重传" / "don't retransmit" is the claim's own; one before it, or between it and the orphan
 * words, negates the claim. The sentence is left alone where it gives a bound (after N tries, tcp_orphan_retries,
 * the RTO's maximum, forever, 无限), the orphan limit or a reset (which do end an orphan without more tries), or a
 * state with nothing to retransmit (FIN-WAIT-2, TIME-WAIT).
 * Pure: no `vscode`, no Node built-ins.
 */
import { CLAUSE, CLAUSE_END, spans, type Span } from './claimParts';
import { negatedWithin } from './claimScope';

/** Literal pre-tests. */
const ORPHAN_WORD = /orphan|孤儿/i;
const RETRANSMIT_WORD = /retransmi|re-?send|retr(?:y|ies)|重传|重发|重试|重新发送/i;

/** The orphan words. */
const ORPHAN = /\borphan(?:ed|s)?(?:\s(?:sockets?|connections?|conns?|FINs?))?\b|孤儿\s?(?:连接|socket|套接字)?/gi;
/** Not retransmitting, with its own negator: "don't retransmit", "no retransmission", 不会重传, 不再重发. */
const NO_RETRANSMIT =
  /\b(?:(?:do|does|will|would|can|could|are|is)(?:\snot|n't)|won't|cannot|never|no longer|stops?|stopped|ceases?)\s(?:(?:be|get|ever|any\s?more|again)\s)?(?:re-?transmi\w*|re-?send\w*|retr(?:y|ies|ying)\b)|\b(?:no|without)\s(?:(?:more|further|any)\s)?(?:re-?transmissions?|re-?transmits?|retries|retrying|re-?sends?)\b|(?:不|没有?|停止|无)(?:会|再|做|进行|能|需要)?(?:再)?(?:重传|重发|重试|重新发送)/gi;
/** 不会为孤儿连接重传: the orphan words inside the denial. */
const NOT_FOR_ORPHANS = /(?:不|没有?)(?:会|再|能)?(?:为|给|对|替)\s?孤儿[^，,。；;]{0,10}?(?:重传|重发|重试)/gi;
/** A clause that goes on with the subject of the one before (孤儿连接的 FIN 丢了，就不会重传了; "so they don't"). */
const CARRIED = /^\s?(?:(?:so|and|thus|hence|therefore|then|they|it|也|就|都|所以|因此|因而|而且|并且|它们?|则|便)\s?){0,3}$/i;
/** A clause that makes the socket an orphan, before the one that denies retransmission. */
const BECOMES_ORPHAN = /(?:变成|成为|成了|变为)\s?孤儿(?:连接|socket)?\s?(?:之后|以后|后)|\b(?:once|after|when)\s(?:a|the|it|this)?\s?(?:socket|connection)?\s?(?:is|has been|becomes|gets|got)\sorphaned\b/i;
/** Someone else between the orphan words and the denial: the peer does not retransmit. */
const OTHER_PARTY = /对端|对方|客户端|服务端|\b(?:peer|client|server|remote|other side)\b/i;
/** A bound, the limit, a reset, or a state that has nothing to retransmit: the sentence says when, not "never". */
const BOUND =
  /orphan[_ ]retries|\bRTO\b|rto_max|backoff|\b(?:after|once|until|more than|beyond|up to|limit\w*|budget|exhaust\w*|give up|gives up|gave up|forever|indefinitely|endless\w*|infinite\w*|times|reset\w*|RST|kill\w*|abort\w*|max_orphans|tcp_mem|memory)\b|次|超过|用完|耗尽|上限|达到|放弃|最多|无限|一直|永久|重置|内存|fin[_ -]?wait[_ -]?2|time\\?[_ -]?wait/i;

function near(s: string, a: Span, b: Span, limit: number): boolean {
  const gap = s.slice(a.end, b.start);
  return gap.length <= limit && !CLAUSE_END.test(gap) && !OTHER_PARTY.test(gap);
}

/** The clause before the one that holds `at` opens with the orphan words (its own predicate does not govern this one). */
function carriedFrom(s: string, clauses: readonly Span[], orphans: readonly Span[], at: number): boolean {
  const k = clauses.findIndex((c) => at >= c.start && at <= c.end);
  const prev = clauses[k - 1];
  if (k < 1 || !prev || !CARRIED.test(s.slice((clauses[k] as Span).start, at))) return false;
  const o = orphans.find((x) => x.start >= prev.start && x.end <= prev.end);
  return o !== undefined && s.slice(prev.start, o.start).trim().length <= 2 && !OTHER_PARTY.test(s.slice(prev.start, prev.end));
}

export function orphanNoRetransmit(s: string): boolean {
  if (!ORPHAN_WORD.test(s) || !RETRANSMIT_WORD.test(s)) return false;
  const becomes = BECOMES_ORPHAN.exec(s);
  // "once orphaned" makes the orphan; it is no bound.
  if (BOUND.test(becomes ? s.slice(0, becomes.index) + s.slice(becomes.index + becomes[0].length) : s)) return false;
  for (const m of spans(NOT_FOR_ORPHANS, s)) if (!negatedWithin(s, m.start, m.start)) return true;
  const denials = spans(NO_RETRANSMIT, s);
  if (!denials.length) return false;
  const orphans = spans(ORPHAN, s);
  const clauses = spans(CLAUSE, s);
  for (const d of denials) {
    if (carriedFrom(s, clauses, orphans, d.start) && !negatedWithin(s, d.start, d.start)) return true;
    // Only a negator before the denial's own words, or between them and the orphan words, negates the claim.
    for (const o of orphans) {
      if (o.end <= d.start && near(s, o, d, 40) && !negatedWithin(s, o.start, d.start)) return true;
      if (d.end <= o.start && near(s, d, o, 30) && !negatedWithin(s, d.start, d.start)) return true;
    }
    if (becomes && becomes.index + becomes[0].length <= d.start) {
      const gap = s.slice(becomes.index + becomes[0].length, d.start);
      if (gap.length <= 40 && !OTHER_PARTY.test(gap) && !negatedWithin(s, d.start, d.start)) return true;
    }
  }
  return false;
}
