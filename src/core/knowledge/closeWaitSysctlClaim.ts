/**
 * The sentence test of `close-wait-sysctl`: a sentence that says a TIME-WAIT or FIN-WAIT-2 tunable
 * (tcp_max_tw_buckets, tcp_fin_timeout, tcp_tw_reuse) fixes, reduces, clears or bounds CLOSE_WAIT — 调大
 * tcp_max_tw_buckets 能解决 CLOSE_WAIT 的问题, "lower tcp_fin_timeout so CLOSE_WAIT sockets go away", "tcp_fin_timeout
 * controls how long CLOSE_WAIT lasts". CLOSE-WAIT has no timer of its own and none of these tunables touches it: the
 * application's close() normally ends it (keepalive, a write timeout or a peer's RST can too).
 *
 * The tunable, CLOSE_WAIT and a word of effect (解决, 减少, 回收, fix, clear, control …) stand in one clause; or a
 * clause names CLOSE_WAIT as the problem (太多, 堆积, "to fix", 针对) and the clause next to it gives the tunable as the
 * remedy, told as advice (调大 …, "raise …", …就行), or one clause does both (CLOSE_WAIT 太多的话调大 … 就好了). Another state between them (TIME_WAIT, FIN_WAIT2) is what the
 * tunable is for, unless it is listed with CLOSE_WAIT. For tcp_fin_timeout a sentence that names FIN-WAIT-2 or the
 * peer is left alone: the active closer's tcp_fin_timeout does bound the FIN-WAIT-2 that pairs with the peer's
 * CLOSE_WAIT. A past event told (当时, "back then") is a story, not a claim.
 * Pure: no `vscode`, no Node built-ins.
 */
import { CLAUSE, claimed, CW_G, shortName, spans, TOLD_PAST as PAST, type Span } from './claimParts';

/** Literal pre-test: one of the tunables. */
const TUNABLE_SOURCE = shortName('(?:max_tw_buckets|fin_timeout|tw_reuse)');
const TUNABLE = new RegExp(TUNABLE_SOURCE, 'i');
const TUNABLE_G = new RegExp(TUNABLE_SOURCE, 'gi');
const FIN_TIMEOUT = /fin_timeout/i;

/** What the tunable is said to do to CLOSE_WAIT. */
const EFFECT_G =
  /\b(?:fix|fixes|solv\w*|resolv\w*|reduc\w*|clear\w*|clean\w*|get\w* rid of|free\w*|releas\w*|reclaim\w*|reus\w*|help\w*|mitigat\w*|drain\w*|expir\w*|time[sd]? out|control\w*|determin\w*|govern\w*|limit\w*|shorten\w*|kill\w*|go away|disappear\w*|because|due to)\b|解决|减少|降低|消除|清除|清理|回收|释放|复用|缓解|避免|控制|决定|限制|影响|缩短|超时|消失|因为|由于/gi;
const EFFECT = new RegExp(EFFECT_G.source, 'i');
/** Advice in the remedy's clause: it opens with a tuning verb (调大, "raise") or with 把/将, or says it is enough (就行, "just"); not 调大了. */
const ADVICE = /^\s*(?:把|将)|^\s*(?:(?:just|simply|then|and|so)\s+)?(?:再)?\s?(?:(?:raise|increase|bump|lower|decrease|reduce|shorten|set|enable|turn on|tune|adjust)\b|(?:调[大小高低]?|增大|加大|提高|减小|降低|缩短|改[大小成]?|设[为成置]?|开启|打开|启用|修改)(?![了过]))|就行|就好|即可|就可以|可以|能|建议|需要|\b(?:should|can|will|just|simply)\b/i;
/** The clause that names CLOSE_WAIT as the problem: how many, a fix wanted, a condition or a target. */
const PROBLEM = /太多|过多|很多|多了|堆积|暴涨|激增|飙升|大量|针对|对于|如果|遇到|出现|为了|\b(?:too many|lots of|a lot of|piling|piles?|pile-up|many|spik\w*|surg\w*|if|when|for|to)\b/i;
/** Another state: the tunable is about that one (a list with CLOSE_WAIT aside). */
const OTHER_STATE = /time\\?[_ -]?wait|fin[_ -]?wait|\btw\s+(?:sockets?|connections?)|last[_ -]?ack|syn[_ -]?(?:sent|recv)|established/i;
const LISTED_WITH_CW = /(?:(?:time\\?[_ -]?wait|fin[_ -]?wait[_ -]?[12]?)\s?(?:和|与|及|以及|、|\/|&|,|\band\b|\bor\b)\s?(?:the\s)?)+$/i;
/** tcp_fin_timeout with FIN-WAIT-2 or the peer named: it may be about the peer's CLOSE_WAIT, which it does shorten. */
const PEER = /fin[_ -]?wait[_ -]?2|对端|对方|另一端|\b(?:peer|remote|other (?:side|end))\b/i;
/** No other state stands in `between` (one listed right before CLOSE_WAIT is its companion). */
function direct(between: string): boolean {
  return !OTHER_STATE.test(between.replace(LISTED_WITH_CW, ''));
}

function inside(x: Span, ys: readonly Span[]): boolean {
  return ys.some((y) => x.start >= y.start && x.end <= y.end);
}

/** The tunable, CLOSE_WAIT and an effect in one clause (`c`, offsets in `s`). */
function oneClause(s: string, c: Span, names: readonly Span[], cws: readonly Span[]): boolean {
  const effects = spans(EFFECT_G, s.slice(c.start, c.end))
    .map((e) => ({ start: c.start + e.start, end: c.start + e.end }))
    .filter((e) => !inside(e, names) && !inside(e, cws));
  if (!effects.length) return false;
  for (const t of names.filter((x) => inside(x, [c]))) {
    for (const w of cws.filter((x) => inside(x, [c]))) {
      const [a, b] = t.start < w.start ? [t, w] : [w, t];
      if (!direct(s.slice(a.end, b.start))) continue;
      for (const e of effects) {
        const span = { start: Math.min(a.start, e.start), end: Math.max(b.end, e.end) };
        if (claimed(s, span)) return true;
      }
    }
  }
  return false;
}

/** A tuning verb right before the tunable (调大 tcp_max_tw_buckets, "raise tcp_fin_timeout"; not 调大了). */
const TUNE_BEFORE =
  /(?:调[大小高低]?|增大|加大|提高|减小|降低|缩短|改[大小]|开启|打开|启用|\b(?:raise|increase|bump|lower|decrease|reduce|shorten|enable|turn on|tune|adjust)\b)\s?(?:(?:the|net\.ipv4\.)\s?)?$/i;
/** PROBLEM's words that say CLOSE_WAIT is a problem by themselves (how many, a pile-up; not "if", "when", "for"). */
const PILE = /太多|过多|很多|多了|堆积|暴涨|激增|飙升|大量|针对|遇到|\b(?:too many|lots of|a lot of|piling|piles?|pile-up|many|spik\w*|surg\w*)\b/i;
/** 多 right after CLOSE_WAIT, as a condition (CLOSE_WAIT 多就…, 多的话, 多时). */
const MANY_AFTER = /^\s?(?:(?:连接|socket)\s?)?(?:数)?(?:多|高|涨)(?:就|的话|时|的时候|了就)/i;
/** What follows the remedy and says it does nothing (没用, "doesn't help"). */
const FUTILE_AFTER = /^[^，,。；;]{0,12}?(?:没用|没有用|不管用|没效果|没有效果|无效|不行|无济于事|解决不了|\b(?:doesn't|does not|won't|will not|didn't|did not) (?:help|work|fix|change)|\bis useless|\bdoes nothing)/i;

/**
 * CLOSE_WAIT named as the problem and the tunable as the remedy in one clause: CLOSE_WAIT 太多的话调大
 * tcp_max_tw_buckets 就好了, CLOSE_WAIT 多就加大 tcp_max_tw_buckets, "with many CLOSE_WAIT sockets just raise
 * tcp_fin_timeout". The problem words stand before the tunable, and a tuning verb right before it.
 */
function problemThenRemedy(s: string, c: Span, names: readonly Span[], cws: readonly Span[]): boolean {
  for (const w of cws.filter((x) => inside(x, [c]))) {
    for (const t of names.filter((x) => inside(x, [c]) && x.start >= w.end)) {
      const between = s.slice(w.end, t.start);
      const problem = PILE.test(s.slice(c.start, w.start)) || PILE.test(between) || MANY_AFTER.test(between);
      if (!problem || !TUNE_BEFORE.test(between) || !direct(between)) continue;
      if (FUTILE_AFTER.test(s.slice(t.end, c.end))) continue;
      if (claimed(s, { start: w.start, end: t.end })) return true;
    }
  }
  return false;
}

export function closeWaitSysctl(s: string): boolean {
  if (!TUNABLE.test(s) || PAST.test(s)) return false;
  const names = spans(TUNABLE_G, s).filter((t) => !(FIN_TIMEOUT.test(s.slice(t.start, t.end)) && PEER.test(s)));
  const cws = spans(CW_G, s);
  if (!names.length || !cws.length) return false;
  const clauses = spans(CLAUSE, s);
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i] as Span;
    if (oneClause(s, c, names, cws) || problemThenRemedy(s, c, names, cws)) return true;
    // The problem in one clause, the remedy in the next (either order): CLOSE_WAIT 太多，调大 … 就行.
    const next = clauses[i + 1];
    if (!next) continue;
    for (const [problem, remedy] of [[c, next], [next, c]] as const) {
      const p = s.slice(problem.start, problem.end);
      const r = s.slice(remedy.start, remedy.end);
      if (!cws.some((w) => inside(w, [problem])) || OTHER_STATE.test(p) || !(PROBLEM.test(p.replace(CW_G, ' ')) || EFFECT.test(p.replace(CW_G, ' ')))) continue;
      if (!names.some((t) => inside(t, [remedy])) || OTHER_STATE.test(r) || !ADVICE.test(r)) continue;
      if (claimed(s, { start: Math.min(c.start, next.start), end: Math.max(c.end, next.end) })) return true;
    }
  }
  return false;
}
