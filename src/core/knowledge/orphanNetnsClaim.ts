/**
 * The sentence test of `orphan-limit-per-netns`: a sentence that says the orphan limit (tcp_max_orphans) or the
 * orphan count (sockstat `orphan`) belongs to each network namespace, container or pod — as a predicate ("is per
 * netns", 是按 netns 隔离的, 只统计当前容器的), as a possession ("each container has its own tcp_max_orphans",
 * 每个容器都有自己的 tcp_max_orphans) or as an attribute ("the per-netns tcp_max_orphans").
 *
 * Both are host-wide; `tw`, `inuse` and tcp_max_tw_buckets are per netns, so the claim needs the orphan words
 * themselves next to the namespace words, in one clause: the subject, then only the words that link a subject to
 * its predicate (a copula, "can be set", 按, 只统计 …), then the namespace words. A namespace word that belongs to
 * another subject (`orphan is global while tw is per netns`) is never reached, and a negated link (不是, "is not")
 * is no link at all.
 * Pure: no `vscode`, no Node built-ins.
 */
import { claimed, clauseEnd, shortName, type Span } from './claimParts';

/** Literal pre-tests: the orphan words, and a namespace, container or pod word. */
const ORPHAN_WORD = /orphan|孤儿/i;
const SCOPE_WORD = /netns|namespace|\bns\b|container|\bpods?\b|容器|命名空间/i;

/**
 * The orphan limit or count as a subject: tcp_max_orphans, "the orphan limit/count", sockstat's `orphan`, 孤儿上限,
 * 孤儿数, and `orphan` / "orphans" alone (the field, or the count when a counting verb follows).
 */
const SUBJECT = new RegExp(
  String.raw`${shortName('max_orphans')}|(?:/proc/net/)?sockstat(?:'s)?\s?(?:里面?|中)?的?\s?` +
    String.raw`[\x60"']?(?:orphan|孤儿)[\x60"']?|\borphan(?:ed)?(?:\s(?:sockets?|connections?))?\s(?:limits?|counts?|counters?|number|cap|maximum|ceiling|budget|total|field|value)\b|` +
    String.raw`(?:孤儿|\borphan)\s?(?:连接|socket|套接字)?的?\s?(?:上限|限制|数量|计数|个数|总数|统计|最大值|数)|[\x60"']orphan[\x60"'](?:\s(?:field|count|value|column|number))?|\borphans?\b(?![-_])|孤儿\s?(?:连接|socket|套接字)?`,
  'gi',
);

/**
 * After an English subject, up to the namespace words: an optional value (`= 65536` in a config comment), a second
 * subject joined by "and", where it is read ("in /proc/net/sockstat"), then a link — a copula, a verb of counting or
 * setting, "can be set" — and a few adverbs.
 */
const LINK_EN = new RegExp(
  String.raw`^[\x60"']?(?:\s(?:and|or)\s(?:the\s)?[\w\x60.-]{1,24})?` +
    String.raw`(?:\s(?:in|from|of|inside|within|under)\s(?:the\s|a\s|each\s)?[\w\x60./'-]{1,30})?` +
    String.raw`(?:\s(?:(?:only|just)\s)?(?:is|are|applies|apply|works|counts|shows|includes|reflects|reports|sees|(?:is|are)\s(?:applied|enforced|counted|tracked|kept|set|configured|maintained|calculated|accounted|computed)|(?:can|could|may|must|should|will)\sbe\s(?:set|configured|tuned|changed|adjusted|raised|lowered|limited|applied))|\s?[=:]\s?\d+)` +
    String.raw`(?:\s(?:only|just|also|still|really|both|all|effectively|separately|independently|individually|isolated|separate|independent|private|tracked|counted|kept|set|limited))?\s{1,3}$`,
  'i',
);
/** Or no link, where a verb of setting comes before the subject ("set tcp_max_orphans per pod"). */
const SET_BEFORE = /\b(?:set|sets|setting|configure|configuring|tune|tuning|adjust|adjusting|raise|raising|lower|lowering|change|changing)\s(?:the\s)?(?:net\.ipv4\.)?$/i;
const SPACES_ONLY = /^\s{1,3}$/;
/**
 * The namespace words an English link leads to: "per netns", "for each container", "namespaced", "local to the pod",
 * "(counts) the pod's own orphans".
 */
const SCOPE_EN =
  /(?:(?:per|by|for each|for every|in each|within each|inside each)[- ](?:network[- ]namespace|net(?:work)?[- ]?ns|namespace|container|pod)|namespaced|(?:netns|namespace|container|pod)[- ](?:aware|local|specific|scoped|level|private)|(?:local|scoped|specific|private|isolated)\sto\s(?:the|each|a|its|every|one)\s(?:network\s)?(?:namespace|netns|container|pod)|(?:(?:the|its|this|each)\s)?(?:own\s)?(?:network\snamespace|namespace|netns|container|pod)(?:'s|s')\s(?:own\s)?(?:orphans|orphaned\ssockets))\b/iy;

/**
 * After a Chinese subject: an optional value, a second subject joined by 和, where it is read (容器里), an adverb, a
 * copula, then the namespace words — `本 netns 的`, `每个容器独立的`, `按 netns 隔离`, `per-netns 的`, `只统计当前容器的`.
 */
const LINK_ZH = /^[\x60"']?\s?(?:[=:]\s?\d+\s?)?(?:(?:和|与|及|、|\/)\s?[\w\x60.-]{1,24}\s?)?(?:在?(?:容器|pod|netns|命名空间)[里内中]\s?)?(?:也|都|均|只|仅|就)?(?:是|为)?(?:只|仅)?\s?$/i;
/** The Chinese namespace words, each closing the claim: what a copula or a counting verb says about the subject. */
const SCOPE_ZH =
  /(?:per[-_ ]?(?:netns|namespace|ns|container|pod)|(?:按|分|区分|按照|基于|根据|以)\s?(?:每个|各个)?\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)|(?:本|当前|这个|该|所在|自己所在的?|自己的?|各自的?)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?的|(?:统计|计算|显示|包含|看到|算)(?:的是)?\s?(?:本|当前|这个|该|所在|自己所在的?|自己的?)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)|(?:每个|每一个|各个)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?(?:都|也)?(?:是)?(?:独立|自己|各自|单独|私有)|(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?(?:级别|粒度|维度|隔离|独立|各自|私有))/iy;
/**
 * 容器内的 tcp_max_orphans, 每个 pod 的孤儿连接数: the subject placed in a container or given to each; then 独立的,
 * 隔离的, 分开统计的 alone says it is the container's own.
 */
const IN_CONTAINER_ZH = /(?:(?:网络命名空间|命名空间|netns|容器|pod)\s?[内里中]的?|(?:每个|每一个|各个|各)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?的)\s?$/i;
const OWN_ZH = /(?:独立|隔离|单独|私有|各自|自己|分开|分别)(?:(?:统计|计数|计算|算|设置|限制)的?|的)/y;
/** "tcp_max_orphans 可以在每个 pod 里单独设置": set in each container, on its own. */
const SET_IN_EACH_ZH =
  /^\s?(?:也|都)?(?:可以|能|能够|需要|要)?(?:在|给|为|对)\s?(?:每个|每一个|各个|各|不同的?)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?[里内中上]?\s?(?:都)?(?:可以|能)?(?:单独|独立|各自|分别)/i;

/**
 * Before the subject, right next to it: "each container has its own", "containers have their own", the attribute
 * "per-netns", 每个容器都有自己的.
 */
const OWN_BEFORE = new RegExp(
  String.raw`\b(?:each|every|a|one)\s(?:network\s)?(?:netns|namespace|container|pod)\s(?:(?:can|will|does)\s)?(?:has|gets|keeps|sees|maintains|sets|tunes|configures|enforces|tracks|counts|have|get|keep|see|maintain|set|tune|configure|enforce|track|count)\s(?:its\sown|a\sseparate|an\sindependent|a\sdedicated|a\sprivate|its)\s|` +
    String.raw`\b(?:containers|pods|namespaces|netnses)\s(?:each\s)?(?:(?:can|will|do)\s)?(?:have|get|keep|see|maintain|set|tune|configure|enforce|track|count)\s(?:their\sown|separate|independent|their)\s|` +
    String.raw`\bper[- ](?:network[- ])?(?:netns|namespace|container|pod)\s|` +
    String.raw`(?:每个|每一个|各个|各)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?(?:都|也|均)?(?:可以|能|会)?(?:有|拥有|各有|设置|配置|调整|维护|统计|计算|看到)?(?:自己的?|各自的?|独立的?|单独的?|专属的?|私有的?|一份|一套)\s?|` +
    String.raw`(?:每个|每一个|各个|各)\s?(?:网络命名空间|命名空间|netns|namespace|容器|pod)\s?(?:都|也|均)?(?:可以|能|会)?(?:单独|独立|各自|分别)(?:设置|配置|调整|维护|统计|计算|限制)\s?|` +
    String.raw`per[-_ ]?(?:netns|namespace|ns|container|pod)\s?的\s?|(?:网络命名空间|命名空间|netns|容器|pod)\s?(?:级别|粒度|独立|私有)的\s?`,
  'gi',
);
/**
 * Plain "orphans" and a bare `orphan` are the count only with a counting link ("orphans are counted per pod"); so is
 * 孤儿连接 (the sockets, which do live in a netns) with a counting verb in its clause (按 pod 统计, 分开算).
 */
const PLAIN = /^(?:orphans?|孤儿\s?(?:连接|socket|套接字)?)$/i;
const COUNTING = /\b(?:counted|tracked|accounted|limited|capped|calculated|computed)\b/i;
const PLAIN_ZH = /^孤儿/;
const COUNTING_ZH = /统计|计数|计算|计入|算/;
/** A wish or a proposal names what does not exist ("we wanted a per-container orphan limit"). */
const WISH = /\b(?:would|wish|wished|want|wants|wanted|hope|hoped|proposal|propose|proposed|request|requested|feature)\b|希望|想要|要是能|如果能/i;
/** What follows the claim's words and denies them (按容器统计不了, "per container is not possible", "does not exist"). */
const DENIED_AFTER = /^[^。，,；;.]{0,8}(?:不了|不到|不出|无法|不支持|不行|不存在)|^\s?(?:is|are|does|do)\s(?:not|never)\b|^\s?(?:isn't|aren't|doesn't|don't)\b/i;

const CJK = /[\u4e00-\u9fff]/;
/** The longest link read between a subject and its namespace words. */
const MAX_LINK = 60;

/** The subject's words and the link and namespace words after it, as one span; undefined when they do not follow. */
function predicate(s: string, subject: Span): Span | undefined {
  const words = s.slice(subject.start, subject.end).replace(/[\x60"']/g, '');
  const after = s.slice(subject.end, clauseEnd(s, subject.end));
  const set = SET_BEFORE.test(s.slice(Math.max(0, subject.start - 24), subject.start));
  const inContainer = IN_CONTAINER_ZH.test(s.slice(Math.max(0, subject.start - 14), subject.start));
  // 孤儿连接 alone is the count only where its clause counts.
  const counted = !PLAIN_ZH.test(words) || !PLAIN.test(words) || COUNTING_ZH.test(after);
  const span = (k: number, m: RegExpExecArray): Span | undefined =>
    !counted || DENIED_AFTER.test(after.slice(k + m[0].length)) ? undefined : { start: subject.start, end: subject.end + k + m[0].length };
  const each = SET_IN_EACH_ZH.exec(after);
  if (each) return span(0, each);
  // The link is short: try each end of it up to where the namespace words start (sticky patterns, no copies).
  const last = Math.min(after.length, MAX_LINK);
  for (let k = 0; k <= last; k++) {
    SCOPE_EN.lastIndex = k;
    const en = SCOPE_EN.exec(after);
    if (en) {
      const link = after.slice(0, k);
      if ((LINK_EN.test(link) || (set && SPACES_ONLY.test(link))) && (!PLAIN.test(words) || COUNTING.test(link))) return span(k, en);
    }
    SCOPE_ZH.lastIndex = k;
    const zh = SCOPE_ZH.exec(after);
    // A Chinese link, or Chinese words around the namespace words: "orphan count per pod" needs an English copula.
    if (zh && LINK_ZH.test(after.slice(0, k)) && CJK.test(after.slice(0, k + zh[0].length + 1))) return span(k, zh);
    OWN_ZH.lastIndex = k;
    const own = inContainer ? OWN_ZH.exec(after) : null;
    if (own && LINK_ZH.test(after.slice(0, k))) return span(k, own);
  }
  return undefined;
}

/** Per-namespace counts summed: the host-wide count, which is the fact ("每个 pod 的孤儿连接分别统计后加起来就是 orphan"). */
const SUMMED = /加起来|相加|之和|总和|加总|合计|累加|\badd(?:s|ed)? up\b|\bsum(?:s|med)?\b/i;

/** Runs of blanks as one (inline code's backticks reach the rules as blanks: "the  orphan  field"). */
const BLANKS = /\s+/g;

export function orphanLimitPerNetns(text: string): boolean {
  if (!ORPHAN_WORD.test(text) || !SCOPE_WORD.test(text) || SUMMED.test(text)) return false;
  const s = text.replace(BLANKS, ' ');
  const subjects: Span[] = [];
  SUBJECT.lastIndex = 0;
  for (let m = SUBJECT.exec(s); m; m = SUBJECT.exec(s)) subjects.push({ start: m.index, end: m.index + m[0].length });
  for (const subject of subjects) {
    const span = predicate(s, subject);
    if (span && claimed(s, span)) return true;
  }
  if (WISH.test(s)) return false;
  OWN_BEFORE.lastIndex = 0;
  for (let m = OWN_BEFORE.exec(s); m; m = OWN_BEFORE.exec(s)) {
    const end = m.index + m[0].length;
    const subject = subjects.find((x) => x.start === end || (x.start === end + 1 && s[end] === '\x60'));
    if (subject && !PLAIN.test(s.slice(subject.start, subject.end)) && !DENIED_AFTER.test(s.slice(subject.end, clauseEnd(s, subject.end))) && claimed(s, { start: m.index, end: subject.end })) return true;
  }
  return false;
}
