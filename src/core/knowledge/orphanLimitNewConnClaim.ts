/**
 * The sentence test of `orphan-limit-refuses-new`: a sentence that says that past the orphan limit (tcp_max_orphans,
 * "too many orphaned sockets") new connections are refused — 超过 tcp_max_orphans 后新连接会被拒绝, "once
 * tcp_max_orphans is hit the kernel stops accepting new connections", 孤儿上限打满导致无法建立新连接.
 *
 * The limit is checked for orphans only (at close() and on an orphan's timers), which are reset; accepting or
 * opening a connection never looks at it. The claim needs the limit, said as reached or as a cause (超过, 达到,
 * "exceeded", 导致, "because"), and, in one clause, new connections next to a verb that refuses them (拒绝, 无法建立,
 * "rejected", "cannot connect"), or clients that cannot connect ("clients can't connect", 客户端连不上). Those words
 * may carry their own negator (无法, "can't"): only one before them or between them negates the claim. Newly closed connections (新关闭的连接) are not new connections: they are reset.
 * Pure: no `vscode`, no Node built-ins.
 */
import { claimed, clauseEnd, shortName, spans, type Span } from './claimParts';
import { negatedWithin } from './claimScope';

/** Literal pre-tests. */
const ORPHAN_WORD = /orphan|孤儿/i;
const NEW_WORD = /new|incoming|新|accept|connect|客户端/i;

/** The orphan limit, or its log line. */
const LIMIT =
  new RegExp(String.raw`${shortName('max_orphans')}|too many (?:of )?orphan(?:ed)? sockets|\borphan(?:ed)?(?: sockets?| connections?)? (?:limit|cap|maximum)|孤儿[^，,。；;]{0,10}?(?:上限|超限|阈值|打满)`, 'gi');
/** The limit said as reached, or the sentence giving it as the cause. */
const REACHED =
  /超过|超出|超了|达到|到达|打满|满了|超限|触发|导致|造成|引起|因为|由于|所以|就会|会|则|后|时|\b(?:exceed\w*|reach\w*|hit|hits|above|over|past|beyond|more than|once|after|when|triggers?|caus\w*|because|due to|leads? to|means?|so|then|will|would)\b/i;
/** New connections (or their SYNs, or accept() / connect()). */
const NEW_CONN =
  /\b(?:new|incoming)\s(?:(?:incoming|inbound|outgoing|tcp|client)\s)?(?:connections?|conns?|sockets?|clients?|SYNs?|requests?|connection (?:attempts|requests))\b|\bconnection attempts\b|\baccept\(\)|\bconnect\(\)|新(?:的|建的?|进来的|来的)?\s?(?:tcp\s?)?(?:连接|请求|socket|SYN|客户端)|新建连接/gi;
/** A verb that refuses them, after ("new connections are refused", 新连接会被拒绝) … */
const REFUSED_AFTER =
  /^([^，,。；;]{0,14}?)(?:\b(?:refus\w*|reject\w*|den(?:y|ies|ied)|block\w*|drop\w*|fail\w*|not (?:be )?accepted|cannot be (?:established|accepted|opened|made)|can't be (?:established|accepted|opened|made)|unable to connect)\b|拒绝|被拒|无法建立|建立不了|建立不起来|建不了|建不起来|连不上|建立失败|失败|无法连接|进不来|被丢弃|丢弃)/i;
/** … or before ("the kernel rejects new connections", 拒绝新连接, 无法建立新连接). */
const REFUSES_BEFORE =
  /(?:\b(?:refus\w*|reject\w*|den(?:y|ies|ied)|block\w*|drop\w*|limit\w*|throttl\w*|stops? accepting|no longer accepts?|can't accept|cannot accept|won't accept|can't open|cannot open|fails? to accept|unable to accept)\s(?:(?:all|any|the|further)\s)?|拒绝|不再接受|无法接受|不能接受|无法建立|不能建立|建立不了|限制|丢弃)\s?$/i;

/**
 * Clients that cannot connect ("clients can't connect", 客户端连不上): new connections refused, said of whoever opens
 * them. The phrase's own negator is the claim's; only one before it negates.
 */
const CLIENTS_REFUSED =
  /\b(?:clients?|users?|callers?)\s(?:(?:can|could|will|would)\s?not|can't|couldn't|won't|wouldn't|(?:are|were|is|was) unable to|fail(?:s|ed)? to|(?:can|could) no longer)\s(?:connect|reach|establish)\b|客户端(?:就|都|也|再)?(?:连不上|连接不上|无法连接|无法建立连接|建立不了连接|建不了连接|连接失败)/i;

/** New connections and the verb that refuses them; the span from the first of them, and where the negator test stops. */
function refused(s: string): { span: Span; before: number } | undefined {
  const c = CLIENTS_REFUSED.exec(s);
  if (c) return { span: { start: c.index, end: c.index + c[0].length }, before: c.index };
  for (const n of spans(NEW_CONN, s)) {
    const head = s.slice(Math.max(0, n.start - 24), n.start);
    const b = REFUSES_BEFORE.exec(head);
    if (b) {
      const start = n.start - head.length + b.index;
      return { span: { start, end: n.end }, before: start };
    }
    const a = REFUSED_AFTER.exec(s.slice(n.end, clauseEnd(s, n.end)));
    if (a) {
      // The refusing words themselves (无法建立, "cannot be established") are the claim's; a negator between is not.
      return { span: { start: n.start, end: n.end + a[0].length }, before: n.end + (a[1] as string).length };
    }
  }
  return undefined;
}

/** What follows the limit and denies the link (和 tcp_max_orphans 没关系, "has nothing to do with it"). */
const UNRELATED_AFTER = /^[^，,。；;]{0,8}?(?:无关|没关系|没有关系|不相关|不是原因)|^[^，,。；;.]{0,24}?\b(?:unrelated|nowhere near|not the cause|not the reason)\b/i;

/** What precedes the limit and says it was not reached (远低于 tcp_max_orphans, "far below tcp_max_orphans"). */
const BELOW_BEFORE = /(?:\b(?:below|under|beneath|short of|far from|nowhere near|less than|lower than)\s(?:the\s)?|低于|不到|没到|未到|少于|小于)\s?$/i;

export function orphanLimitRefusesNew(s: string): boolean {
  if (!ORPHAN_WORD.test(s) || !NEW_WORD.test(s)) return false;
  const limits = spans(LIMIT, s);
  if (!limits.length || !REACHED.test(s)) return false;
  const r = refused(s);
  if (!r || negatedWithin(s, r.span.start, r.before)) return false;
  // The limit itself must not be denied (没超过 tcp_max_orphans, "not because of tcp_max_orphans", 和 … 没关系, 远低于 …).
  return limits.some((l) => claimed(s, l) && !BELOW_BEFORE.test(s.slice(Math.max(0, l.start - 16), l.start)) && !UNRELATED_AFTER.test(s.slice(l.end, clauseEnd(s, l.end))));
}
