/**
 * Misconception checks: a curated set of wrong claims that notes about TCP on Linux often repeat, each with
 * the correct fact, its public source and an en + zh-CN message (the catalogue: misconceptionRules.ts). A rule flags a sentence only where the
 * sentence itself makes the claim (its words, not its neighbourhood), and never where it refutes, attributes
 * or qualifies it (the RFC's 4 minutes, Windows defaults, "was removed in 4.12", a heading, a URL), asks about it
 * or tells a past event. Precision comes first: each rule needs all of its parts in one sentence, and gives up on
 * a negator that governs them (claimScope.ts: in the claim's words or before them in their clause; after them it
 * tells the claimed effect — 开启 tcp_tw_recycle 后 TIME_WAIT 就不会那么多了 — and does not count) and on any
 * refutation, attribution or denied effect anywhere in the sentence.
 *
 * Prose rules read prose lines (not headings) and the comments of fenced code (codeComments.ts); the
 * `tcp_tw_recycle=1` setting rule reads fenced code, where such a command fails on Linux 4.12+ (commands and config
 * lines; not comments, and not the output a command printed). Chat lines and quotes with their speaker (spoken.ts)
 * are someone else's words.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import { resolveSources } from '../catalogue/sources';
import { MAX_SENTENCE, noteLines, sentencesOf, stateRow, tuningRow, wrappedSentences, type NoteLine, type Sentence } from './noteLines';
import { CodeComments } from './codeComments';
import { spokenBy } from './spoken';
import { asks, negatedWithin, refutes, refutesBefore } from './claimScope';
import { FENCE, RecycleInCode, TW_RECYCLE_WORD } from './recycleInCode';
import { CLAUSE, CLAUSE_END, claimed, nearest, shortName, spans, TW, TW_G, type Span } from './claimParts';
import { orphanCloseWaitTimeWait } from './orphanClaim';
import { orphanLimitPerNetns } from './orphanNetnsClaim';
import { twHoldsFd } from './twFdClaim';
import { closeWaitSysctl } from './closeWaitSysctlClaim';
import { orphanLimitRefusesNew } from './orphanLimitNewConnClaim';
import { orphanNoRetransmit } from './orphanRetransmitClaim';
import { HARM, REMOVED, TW_RECYCLE_SETTING } from './recycleWords';
import { MISCONCEPTION_BY_ID, type MisconceptionRule } from './misconceptionRules';

export { MISCONCEPTION_BY_ID, MISCONCEPTION_RULES, type MisconceptionRule } from './misconceptionRules';

export interface MisconceptionFinding {
  /** 0-based line and UTF-16 character of the flagged claim, and its length in UTF-16 code units. */
  readonly line: number;
  readonly character: number;
  readonly length: number;
  /** The same range as note offsets (end exclusive). */
  readonly start: number;
  readonly end: number;
  /** Rule id. */
  readonly rule: string;
  /** The message in the requested language. */
  readonly message: string;
  /** The first source's public URL, and its label. */
  readonly source: string;
  readonly sourceLabel: string;
  /** The state or term the explanation is about. */
  readonly explain: string;
}


// ---- sentence tests ----------------------------------------------------------------------------------
// Each rule finds its parts in the sentence and where they stand (the claim's words); whether a negator governs
// those words, and whether the sentence refutes, attributes or asks instead, is claimScope.ts's question.

/** The sentence with Markdown escapes of `_` removed (`tcp\_fin\_timeout`). */
function norm(s: string): string {
  return s.replace(/\\_/g, '_');
}

const FOUR_MINUTES = /\b(?:4|four)[\s-]*min(?:ute)?s?\b|\b240\s*(?:s|sec|secs|seconds?)\b|[4四]\s*分钟|240\s*秒/i;
const FOUR_MINUTES_G = new RegExp(FOUR_MINUTES.source, 'gi');
/** Another system, the standard, or a value the note quotes from it ("the suggested MSL", 建议值) — not "建议调小". */
const OTHER_SYSTEM = /\b(?:RFC|spec|specs|specification|standard|standards|Windows|Win|BSD|FreeBSD|Solaris|macOS|AIX|HP-UX|TcpTimedWaitDelay|theory|theoretical|theoretically|suggested|recommended|originally)\b|规范|标准|规定|理论|建议(?:的|值|为|是)|Windows|最初/i;
const SIXTY = /\b60\s*(?:s|sec|secs|seconds?)\b|60\s*秒|\b(?:1|one)[\s-]*min(?:ute)?\b|一分钟|1\s*分钟|TCP_TIMEWAIT_LEN/i;
/**
 * Four minutes as a time frame of an observation (in/within/after/every 4 minutes, 4 分钟内/后, 在/每 4 分钟): a
 * measured time, not the state's lifetime — unless the sentence says the sockets go away then (才/释放/released).
 * "four minutes into the test" is a time point too.
 */
const FRAME_BEFORE = /(?:\b(?:in|within|over|during|every|each|per|after|for the (?:first|last|next|past))\s+(?:the\s+)?(?:first\s+|last\s+|next\s+|past\s+)?|(?:在|每|过了|过)\s*)$/i;
const FRAME_AFTER = /^\s*(?:later\b|ago\b|after\b|earlier\b|into\b|内|之内|以内|里|前|之前|以前|后|之后|以后|过后)/i;
const RELEASE = /\b(?:releas\w*|free[ds]?|reclaim\w*|clos\w*|gone|expir\w*|disappear\w*|timed? out|clean\w*|destroy\w*|recycl\w*|reused?)\b|释放|回收|消失|关闭|结束|销毁|清除|清理|超时/i;

/**
 * The sentence tells a count of sockets (20k, 30,000, "the count", a peak, 曲线, 3w): its four minutes are how long the
 * count did something ("stays above 20k for 4 minutes"), not how long one socket lives.
 */
const COUNTED = /\b\d+(?:\.\d+)?\s?[kK]\b|\b\d{1,3}(?:,\d{3})+\b|\b(?:count|counts|number of|peak\w*|spik\w*)\b|曲线|峰值|\d\s*[wW万千]/;

function timeFrame(s: string, m: Span): boolean {
  return FRAME_BEFORE.test(s.slice(Math.max(0, m.start - 24), m.start)) || FRAME_AFTER.test(s.slice(m.end, m.end + 8));
}

/**
 * The four minutes said through the MSL: "TIME_WAIT is 2MSL, and MSL is 2 minutes on Linux" (Linux has no MSL
 * setting; its TIME_WAIT is TCP_TIMEWAIT_LEN). Only with Linux named: the RFC's MSL is 2 minutes.
 */
const MSL_TWO_MINUTES = /\bMSL\b[^.;。；，,]{0,16}?(?:\b(?:is|=|of)\s*|是|为|=|：|:)\s*(?:2|two|两|二)\s*(?:min(?:ute)?s?\b|个?分钟)|\bMSL\b[^.;。；，,]{0,16}?\b120\s*(?:s|secs?|seconds|秒)/i;
const MSL_TWO_MINUTES_G = new RegExp(MSL_TWO_MINUTES.source, 'gi');
const LINUX = /linux/i;

function twFourMinutes(s: string): boolean {
  if (!TW.test(s) || OTHER_SYSTEM.test(s) || SIXTY.test(s)) return false;
  if (!FOUR_MINUTES.test(s)) return LINUX.test(s) && MSL_TWO_MINUTES.test(s) && claimed(s, nearest(spans(TW_G, s), spans(MSL_TWO_MINUTES_G, s)));
  const release = RELEASE.test(s);
  const counted = COUNTED.test(s);
  const four = spans(FOUR_MINUTES_G, s).filter((m) => release || (!counted && !timeFrame(s, m)));
  return claimed(s, nearest(spans(TW_G, s), four));
}

const FIN_TIMEOUT = new RegExp(shortName('fin_timeout'), 'i');
const FIN_TIMEOUT_G = new RegExp(shortName('fin_timeout'), 'gi');
const FIN_TIMEOUT_VERB =
  /\b(?:control\w*|set|sets|setting|determin\w*|govern\w*|shorten\w*|reduc\w*|lower\w*|decreas\w*|chang\w*|adjust\w*|tun\w*|configur\w*|limit\w*|affect\w*|speed\w*|faster|quicker|length|duration|timeout|lifetime|low|sooner|shorter|smaller|to fix|fix)\b|控制|缩短|减少|降低|调整|决定|设置|调小|调低|改小|减小|调短|改短|设小|改到|调到|降到|修改|影响|加快|加速|更快|时长|时间|优化|解决/i;
const FIN_TIMEOUT_VERB_G = new RegExp(FIN_TIMEOUT_VERB.source, 'gi');
const FIXED = /\b(?:fixed|constant|hard-?coded|TCP_TIMEWAIT_LEN)\b|固定|常量|写死/i;
/** FIN-WAIT-2 named: the sentence knows what tcp_fin_timeout bounds — unless it puts TIME_WAIT next to it (和, and, /). */
const FIN_WAIT_2 = /\bfin[_ -]?wait[_ -]?2\b/i;
const FW2_AND_TW = /fin[_ -]?wait[_ -]?2\s*(?:和|与|及|以及|、|\/|&|,|，|\band\b|\bor\b)\s*(?:the\s+)?time\\?[_ -]?wait|time\\?[_ -]?wait\s*(?:和|与|及|以及|、|\/|&|,|，|\band\b|\bor\b)\s*(?:the\s+)?fin[_ -]?wait[_ -]?2/i;
/** The promised effect did not happen (an observation against the claim): "still", "stayed flat", 依然. */
const STILL = /\b(?:still|unchanged|unaffected|flat|remained)\b|依然|仍然|仍旧|照样|照旧/i;

function finTimeoutTimeWait(s: string): boolean {
  if (!(FIN_TIMEOUT.test(s) && TW.test(s) && FIN_TIMEOUT_VERB.test(s)) || FIXED.test(s) || STILL.test(s)) return false;
  if (FIN_WAIT_2.test(s) && !FW2_AND_TW.test(s)) return false;
  const name = spans(FIN_TIMEOUT_G, s);
  const withVerb = nearest(name, spans(FIN_TIMEOUT_VERB_G, s).filter((v) => !name.some((n) => v.start >= n.start && v.end <= n.end)));
  return withVerb !== undefined && claimed(s, nearest([withVerb], spans(TW_G, s)));
}

const TW_RECYCLE = new RegExp(shortName('tw_recycle'), 'i');
const TW_RECYCLE_G = new RegExp(shortName('tw_recycle'), 'gi');
const TW_RECYCLE_SETTING_G = new RegExp(TW_RECYCLE_SETTING.source, 'gi');
/** Turning it on (开, "flip it on"), setting it to 1, or saying what it does for you (可以解决 …, "helps"). */
const ENABLE =
  /\b(?:enabl\w*|turn\w* (?:it )?on|switch\w* (?:it )?on|activat\w*|set (?:it )?to 1|to 1(?![\d.]))\b|tw_recycle\s+(?:can\s+|will\s+|would\s+)?(?:help|helps|fix|fixes|solve|solves|reduce|reduces|speed|speeds)\b|\b(?:flip\w*|turn\w*|switch\w*)\s+(?:net\.ipv4\.)?(?:tcp_)?tw_recycle\s+on\b|(?<![打关公展离避])开(?:一下|上|起来)?\s*(?:net\.ipv4\.)?(?:tcp_)?tw_recycle|tw_recycle\s*(?:也|就|都)?开(?:一下|上|起来)?(?![发始销会放关])|开启|打开|启用|[设置改调配](?:为|成|到)?\s*1(?![\d.])|(?:可以|能够|能|可)(?:解决|减少|缩短|加快|加速|快速回收|回收|优化|降低|避免)/i;
const ENABLE_G = new RegExp(ENABLE.source, 'gi');
/** Turning it off, back to 0, or taking the line out (删掉, 注释掉). */
const DISABLE =
  /\b(?:disabl\w*|turn\w* (?:it )?off|switch\w* (?:it )?off|to 0(?![\d.]))\b|关闭[^，,；;]{0,8}?tw_recycle|tw_recycle[^，,；;]{0,8}?关闭|关掉|删掉|注释掉|拿掉|禁用|停用|改回|[设置改调配](?:为|成|到|回)?\s*0(?![\d.])|=\s*0(?![\d.])/i;
/** A past event told (当年我们开启过…, "back then we enabled"), not advice. */
const PAST =
  /(?:开启|打开|启用|开|设置|设|改|用)过|当年|曾经|以前|之前|当时|那时|早年|去年|前年|上次|那次|\b(?:we|I|they|someone|somebody|he|she)\s+(?:had\s+|once\s+|previously\s+|already\s+)?(?:enabled|turned on|switched on|activated)\b|\bused to\b|\bback then\b|\bpreviously\b|\byears ago\b|\bin the past\b|\blast (?:year|month|week|time)\b|\bhad (?:been )?enabled\b|\b(?:was|were) enabled\b/i;

/**
 * A past action told in English with the setting as its object ("The old runbook enabled tcp_tw_recycle", "someone
 * ran sysctl -w net.ipv4.tcp_tw_recycle=1", "14:05 enabled tcp_tw_recycle on lb-3"): a verb in a form that only the
 * past takes — never the base form an instruction uses (enable, turn on, run) — at most three words before the
 * setting in its clause. The subject does not matter (a runbook, the on-call, a timeline entry with none).
 */
const DID = /\b(?:enabled|activated|(?:turned|switched|flipped)\s+on|ran|applied|added|pushed|deployed|rolled\s+out|configured|had|left|kept)\b/gi;
/** Before such a form, words that make it a state or advice instead (have enabled, is enabled, to be enabled). */
const NOT_PAST = /\b(?:have|has|having|is|are|am|be|been|being|get|gets|to)\s+$/i;
/** Whitespace between words. */
const SPACES = /\s+/;

function narratesEn(s: string, names: readonly Span[]): boolean {
  for (const v of spans(DID, s)) {
    if (NOT_PAST.test(s.slice(Math.max(0, v.start - 10), v.start))) continue;
    const n = names.find((x) => x.start >= v.end);
    if (!n) continue;
    const gap = s.slice(v.end, n.start);
    if (!CLAUSE_END.test(gap) && gap.split(SPACES).filter(Boolean).length <= 3) return true;
  }
  return false;
}

/** "enable it", "turn it on", "set it to 1": the verb turns on what "it" stands for. */
const ENABLE_IT = /\b(?:enabl\w*|activat\w*|turn\w*|switch\w*|set)\s+it\s+(?:on\b|to\s+1(?![\d.]))|\b(?:enabl\w*|activat\w*)\s+it\b/gi;
/** A setting's name (tcp_timestamps, net.ipv4.…, SO_REUSEADDR): another thing "it" may stand for. */
const SETTING = /\b(?:tcp|net|so|ip|ipv4|ipv6|sysctl)[._]\w+/gi;

/**
 * "tcp_tw_recycle frees TIME_WAIT sockets fast, so enable it": a later clause turns it on through "it", when no other
 * setting is named between the two. Returns the span of that verb and its "it".
 */
function enablesIt(s: string, names: readonly Span[]): Span | undefined {
  const first = names[0];
  if (!first) return undefined;
  for (const v of spans(ENABLE_IT, s)) {
    if (v.start < first.end) continue;
    const between = s.slice(first.end, v.start);
    SETTING.lastIndex = 0;
    let other = false;
    for (let m = SETTING.exec(between); m && !other; m = SETTING.exec(between)) other = !TW_RECYCLE.test(m[0]);
    if (!other) return v;
  }
  return undefined;
}

function twRecycleProse(s: string): boolean {
  if (!TW_RECYCLE.test(s) || REMOVED.test(s) || HARM.test(s) || DISABLE.test(s) || PAST.test(s) || STILL.test(s)) return false;
  const names = spans(TW_RECYCLE_G, s);
  if (narratesEn(s, names)) return false;
  // The verb that turns it on governs it in its own clause (tcp_tw_reuse 开启，tcp_tw_recycle 保持… is not about it).
  const on = [...spans(ENABLE_G, s), ...spans(TW_RECYCLE_SETTING_G, s)];
  const core = nearest(names, on);
  if (core !== undefined && !CLAUSE_END.test(s.slice(core.start, core.end)) && claimed(s, core)) return true;
  const it = enablesIt(s, names);
  return it !== undefined && claimed(s, it);
}

/** With or without `tcp_`, and in prose as two words ("orphan retries at zero"). */
const ORPHAN_RETRIES = new RegExp(shortName('orphan[_ ]retries'), 'i');
const ZERO = /(?:^|[^\w.])0(?![\w.])|\bzero\b|零/i;
/**
 * No retransmission said outright: a negator or a verb that stops it before the retransmission, the retry or the
 * FIN resent ("no retransmission", "don't retry", "to disable FIN retransmissions", "stops retrying FINs"), or the
 * orphan going at once (immediately, 直接释放).
 */
const NO_RETRANSMIT =
  /(?:\b(?:no|not?|never|without|disabl\w*|stop\w*|turn\w* off|skip\w*|suppress\w*|prevent\w*|avoid\w*)|n't)\s+(?:(?:the|any|all|further|more)\s+)?(?:FIN\s+)?(?:retransmi\w*|retr(?:y|ies|ying|ied)\b|resend\w*)|\bimmediately\b|right away|at once|不(?:做|会|再|进行)?重传|禁止重传|关闭重传|禁用重传|不(?:做|会|再|进行)?重试|不(?:做|会|再)?重发|立即|立刻|立马|马上|直接(?:关闭|释放|销毁|回收|断开)/i;
/** Signs that the sentence already knows better: the 8, or a refutation. */
const NO_RETRANSMIT_G = new RegExp(NO_RETRANSMIT.source, 'gi');
const EIGHT = /(?:^|[^\w.])8(?![\w.])|八/;
const ORPHAN_RETRIES_OK_EN: ReadonlySet<string> = new Set(
  "eight doesn't myth wrong false actually fact misconception".split(' '),
);
const ORPHAN_RETRIES_OK_ZH = /并不|不是|并非|而是|其实|实际上|误区|错误|误解/;
/**
 * The exception the fact itself makes: once the RTO has backed off to its maximum (120 s), a 0 does mean no more
 * retries. A sentence that names that maximum knows the rule ("once the RTO has hit 120 s", RTO 已到上限).
 */
const RTO_AT_MAX = /\b(?:RTO|retransmission timeout|TCP_RTO_MAX|rto_max)\b[^.;。；]{0,60}?(?:\b120\s*(?:s|sec|secs|seconds)\b|\bmax(?:imum)?\b|\bcap(?:ped)?\b|\blimit\b|120\s*秒|上限|最大)/i;
const WORDS = /[a-z]+(?:'[a-z]+)?/gi;

function hasWord(s: string, words: ReadonlySet<string>): boolean {
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(s); m; m = WORDS.exec(s)) if (words.has(m[0].toLowerCase())) return true;
  return false;
}

/**
 * The "no retransmission" is the claim's own words, negative by themselves: a negator in them is no sign of
 * refutation. The 8, a refutation, or a negator before them in their clause ("does not disable FIN
 * retransmissions", 不代表不重传, "rather than being dropped immediately") is.
 */
function orphanRetriesZero(s: string): boolean {
  if (!(ORPHAN_RETRIES.test(s) && ZERO.test(s) && NO_RETRANSMIT.test(s))) return false;
  if (EIGHT.test(s) || hasWord(s, ORPHAN_RETRIES_OK_EN) || ORPHAN_RETRIES_OK_ZH.test(s) || RTO_AT_MAX.test(s)) return false;
  return spans(NO_RETRANSMIT_G, s).some((m) => !negatedWithin(s, m.start, m.start));
}

const MAX_TW = new RegExp(shortName('max_tw_buckets'), 'i');
const ALL = /\b(?:all|every|each|whole|entire)\b|所有|全部|全都|一律|统统|整个/i;
const KILL = /\b(?:reset\w*|RST|kill\w*|destroy\w*|drop\w*|clear\w*|flush\w*|clean\w*|purg\w*|clos\w*|abort\w*|wip\w*)\b|清除|清空|清掉|清理|重置|销毁|丢弃|断开|回收|释放|杀|关闭/i;
const KILL_G = new RegExp(KILL.source, 'gi');
/** The connections that close from now on: what the limit really affects (新关闭的连接直接销毁 is right). */
const NEW = /\bnew\b|新/i;

/** TIME_WAIT named, and "all" and "kill" in one clause, about the existing sockets (not the new ones). */
function twBucketsResetAll(s: string): boolean {
  if (!(MAX_TW.test(s) && TW.test(s) && ALL.test(s) && KILL.test(s))) return false;
  const limit = s.search(MAX_TW);
  for (const c of spans(CLAUSE, s)) {
    const clause = s.slice(c.start, c.end);
    if (!ALL.test(clause) || NEW.test(clause)) continue;
    const kill = spans(KILL_G, clause)[0];
    if (!kill) continue;
    const all = clause.search(ALL);
    const end = c.start + Math.max(kill.end, all + 1);
    if (claimed(s, { start: Math.min(limit, c.start + Math.min(kill.start, all)), end })) return true;
  }
  return false;
}

const PROSE_TESTS: ReadonlyArray<readonly [string, (s: string) => boolean]> = [
  ['tw-four-minutes', twFourMinutes],
  ['fin-timeout-time-wait', finTimeoutTimeWait],
  ['tw-recycle', twRecycleProse],
  ['orphan-retries-zero', orphanRetriesZero],
  ['tw-buckets-reset-all', twBucketsResetAll],
  ['orphan-close-wait-time-wait', orphanCloseWaitTimeWait],
  ['orphan-limit-per-netns', orphanLimitPerNetns],
  ['tw-holds-fd', twHoldsFd],
  ['close-wait-sysctl', closeWaitSysctl],
  ['orphan-limit-refuses-new', orphanLimitRefusesNew],
  ['orphan-no-retransmit', orphanNoRetransmit],
];

/**
 * A rule whose claim another rule makes more narrowly: on a line where the narrower one fires (a tuning row
 * `| tcp_orphan_retries | 0 | 孤儿连接不重传 |`), its finding stands for both.
 */
const NARROWER: ReadonlyMap<string, string> = new Map([['orphan-no-retransmit', 'orphan-retries-zero']]);

/** Drops, from `out[from]` on, each finding whose narrower rule fired on the same line. */
function dropBroader(out: MisconceptionFinding[], from: number): void {
  for (let k = out.length - 1; k >= from; k--) {
    const f = out[k] as MisconceptionFinding;
    const narrower = NARROWER.get(f.rule);
    if (narrower && out.some((g, j) => j >= from && g.line === f.line && g.rule === narrower)) out.splice(k, 1);
  }
}

/** Words without which no code comment can make a claim (the gate before code lines are split at all). */
const CODE_CLAIM_WORDS = /wait|tw_|\btw\s|fin_timeout|orphan|孤儿/i;
/**
 * A table whose header says its rows are not Linux's facts (`| State | Myth | Linux |`, RFC, Windows) or are
 * measurements (`Time to drain`, 实测): its state rows are not read as claims.
 */
const OTHER_TABLE = /\b(?:myths?|wrong|false|misconceptions?|claims?|rfc|windows|bsd|freebsd|macos|spec|theory|drain\w*|observed|measured|took)\b|误区|错误|说法|谣言|规范|理论|观察|实测|耗时|用时|清空|排空/i;
/** A quote's marker (`> `) opening a line. */
const QUOTE = /^ {0,3}>/;
/** A line with nothing to read: blank, or a quote marker alone. */
const EMPTY = /^[ \t>]*$/;

/**
 * The first sentence after a quote that ends on line `k` (the last line of its paragraph, `next` the line after):
 * the note's answer to what it quoted ("> just enable tcp_tw_recycle" then "Not true."). Undefined for other lines.
 */
function quoteAnswer(lines: readonly NoteLine[], k: number, next: number): Sentence | undefined {
  if (k + 1 !== next || !QUOTE.test((lines[k] as NoteLine).raw)) return undefined;
  let n = next;
  while (n < lines.length && n < next + 3 && (lines[n] as NoteLine).kind === 'prose' && EMPTY.test((lines[n] as NoteLine).raw)) n++;
  const answer = lines[n];
  return answer && answer.kind === 'prose' && !QUOTE.test(answer.raw) ? sentencesOf(answer.prose)[0] : undefined;
}

/** Lines longer than this are not read (a pasted blob is no sentence; keeps the checks linear and cheap). */
const MAX_LINE = 4000;
export { MAX_SENTENCE } from './noteLines';

export interface MisconceptionOptions {
  readonly lang?: Lang;
  /** Rule ids to leave out. */
  readonly disabled?: readonly string[];
}

function finding(l: NoteLine, start: number, end: number, rule: MisconceptionRule, lang: Lang): MisconceptionFinding {
  const link = resolveSources([rule.source])[0];
  return {
    line: l.line,
    character: start,
    length: end - start,
    start: l.offset + start,
    end: l.offset + end,
    rule: rule.id,
    message: rule.message[lang],
    source: link?.url ?? '',
    sourceLabel: link?.label ?? '',
    explain: rule.explain,
  };
}

/**
 * The wrong claims in a Markdown note, in text order: at most one finding per rule and sentence, the range
 * being the sentence (or, in code, the setting command). Linear in the text.
 */
export function findMisconceptions(text: string, options: MisconceptionOptions = {}): MisconceptionFinding[] {
  const lang = options.lang ?? 'en';
  const disabled = new Set(options.disabled ?? []);
  const out: MisconceptionFinding[] = [];
  const recycle = MISCONCEPTION_BY_ID.get('tw-recycle') as MisconceptionRule;
  // Code lines matter to the tcp_tw_recycle setting rule and to the prose rules in comments: without any of their
  // words in the note, their content is skipped.
  const recycleInCode = !disabled.has('tw-recycle') && TW_RECYCLE_WORD.test(text);
  const code = recycleInCode || CODE_CLAIM_WORDS.test(text);
  const lines = noteLines(text, { code });
  const NONE: readonly string[] = [];
  /**
   * The rules a sentence's text fires, in PROSE_TESTS order (no array when none does, as for most); `mark` is the
   * character that ends it. A question, a refutation or an attribution fires none (tested only when a rule fires).
   */
  const fires = (text: string, mark: string, except?: string): readonly string[] => {
    const sentence = norm(text);
    let ids: string[] | undefined;
    for (const [id, test] of PROSE_TESTS) if (!disabled.has(id) && id !== except && test(sentence)) (ids ??= []).push(id);
    return ids && !asks(sentence, mark) && !refutes(sentence) ? ids : NONE;
  };
  const rule = (id: string): MisconceptionRule => MISCONCEPTION_BY_ID.get(id) as MisconceptionRule;
  const inCode = new RecycleInCode();
  const comments = new CodeComments();
  /** The header row of the table the current row is in (its first row), and the last table row's line. */
  let tableHeader: string | undefined;
  let lastTableLine = -2;
  for (let i = 0; i < lines.length; ) {
    const l = lines[i] as NoteLine;
    if (l.raw.length > MAX_LINE || l.kind === 'heading') {
      i++;
      continue;
    }
    if (l.kind === 'code') {
      i++;
      if (FENCE.test(l.raw)) {
        inCode.fence();
        // The prose line just above the fence (a blank line between them at most).
        const above = [lines[i - 2], lines[i - 3]].find((x) => x !== undefined && x.raw.trim() !== '');
        comments.fence(above?.kind === 'prose' ? above.prose : undefined);
        continue;
      }
      if (!code || l.raw.length > MAX_LINE) continue;
      if (recycleInCode && inCode.sets(l.raw)) {
        const lineStart = l.raw.length - l.raw.trimStart().length;
        out.push(finding(l, lineStart, l.raw.trimEnd().length, recycle, lang));
        continue;
      }
      // A comment (`# TIME_WAIT lasts 4 minutes`), or a setting with its trailing comment, read as prose by the
      // other rules (tcp_tw_recycle in code is the setting rule's, with its warnings and commented-out lines).
      const next = lines[i];
      const comment = comments.read(l.raw, next?.kind === 'code' && !FENCE.test(next.raw) ? next.raw : undefined);
      if (comment && comment.end - comment.start <= MAX_SENTENCE) for (const id of fires(comment.text, '', 'tw-recycle')) out.push(finding(l, comment.start, comment.end, rule(id), lang));
      continue;
    }
    // A paragraph: this prose line and the lines a hard wrap carries it on to (one line, mostly).
    const { sentences: wrapped, next } = wrappedSentences(lines, i, MAX_LINE, MAX_SENTENCE);
    const first = out.length;
    /** Rules each line's own sentences fired (line index → rule ids), when the paragraph has wrapped sentences. */
    const byLine = wrapped.length ? new Map<number, Set<string>>() : undefined;
    let spoken: Set<number> | undefined;
    for (let k = i; k < next; k++) {
      const line = lines[k] as NoteLine;
      // A chat line or a quote with its speaker (`[10:42] bob: …`, `> 老王：…`): someone else's words.
      if (spokenBy(line.raw)) {
        (spoken ??= new Set()).add(k);
        continue;
      }
      const sentences = sentencesOf(line.prose);
      let lineRules: Set<string> | undefined;
      for (let j = 0; j < sentences.length; j++) {
        const s = sentences[j] as Sentence;
        // A claim is a short sentence; longer runs are pasted output or lists glued together (and the patterns
        // below, each guarded by a literal test first, stay cheap on bounded input).
        if (s.end - s.start > MAX_SENTENCE) continue;
        // The next sentence of the paragraph only says this one is wrong ("Not true.", "——这是错的").
        const after = sentences[j + 1] ?? (k + 1 < next ? sentencesOf((lines[k + 1] as NoteLine).prose)[0] : quoteAnswer(lines, k, next));
        if (after && refutesBefore(norm(after.text))) continue;
        for (const id of fires(s.text, s.mark)) {
          out.push(finding(line, s.start, s.end, rule(id), lang));
          (lineRules ??= new Set()).add(id);
        }
      }
      // A tuning table's row, read whole (its cells one by one say little): rules none of its cells fired.
      const tableRow = line.prose.trimStart().startsWith('|');
      if (tableRow && k !== lastTableLine + 1) tableHeader = line.prose;
      if (tableRow) lastTableLine = k;
      const row = line.prose.includes('|') ? (tuningRow(line.prose) ?? (tableRow && OTHER_TABLE.test(tableHeader ?? '') ? undefined : stateRow(line.prose))) : undefined;
      if (row) for (const id of fires(row.text, row.mark)) if (!lineRules?.has(id)) out.push(finding(line, row.start, row.end, rule(id), lang));
      if (byLine && lineRules) byLine.set(k, lineRules);
    }
    // Sentences hard-wrapped over several lines, read whole: a rule none of their lines' own sentences fired
    // (those findings stand as they are), marked on the line where the sentence starts.
    const own = out.length;
    for (const s of wrapped) {
      if (spoken?.has(s.line)) continue;
      for (const id of fires(s.text, s.mark)) {
        let seen = false;
        for (let k = s.line; k <= s.lastLine && !seen; k++) seen = byLine?.get(k)?.has(id) === true;
        if (!seen) out.push(finding(lines[s.line] as NoteLine, s.start, s.end, rule(id), lang));
      }
    }
    // In text order within the paragraph (its wrapped sentences' findings came after its lines').
    if (out.length > own) out.splice(first, out.length - first, ...out.slice(first).sort((x, y) => x.start - y.start));
    if (out.length > first + 1) dropBroader(out, first);
    i = next;
  }
  return out;
}
