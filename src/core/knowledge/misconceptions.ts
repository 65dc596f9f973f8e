/**
 * Misconception checks: a curated set of wrong claims that notes about TCP on Linux often repeat, each with
 * the correct fact, its public source and an en + zh-CN message. A rule flags a sentence only where the
 * sentence itself makes the claim (its words, not its neighbourhood), and never where it refutes, attributes
 * or qualifies it (the RFC's 4 minutes, Windows defaults, "was removed in 4.12", a heading, a URL). Precision
 * comes first: each rule needs all of its parts in one sentence and gives up on any sign of negation.
 *
 * Prose rules read prose lines only (not headings, not fenced code); the `tcp_tw_recycle=1` setting rule also
 * reads fenced code, where such a command fails on Linux 4.12+.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized, StateId } from '../catalogue/types';
import { resolveSources } from '../catalogue/sources';
import { noteLines, sentencesOf, wrappedSentences, type NoteLine } from './noteLines';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

export interface MisconceptionRule {
  /** Stable id, used as the diagnostic code and in `check` output: "tw-four-minutes", … */
  readonly id: string;
  /** The wrong claim, short. */
  readonly claim: Localized;
  /** The correct fact, in full. */
  readonly fact: Localized;
  /** The diagnostic message (one line). */
  readonly message: Localized;
  /** Source references (resolved to links by catalogue/sources.ts). */
  readonly source: string;
  /** The state or term whose explanation the code action opens. */
  readonly explain: StateId | string;
}

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

export const MISCONCEPTION_RULES: readonly MisconceptionRule[] = [
  {
    id: 'tw-four-minutes',
    claim: L('TIME_WAIT lasts four minutes (on Linux)', 'TIME_WAIT 持续 4 分钟（在 Linux 上）'),
    fact: L(
      'On Linux a TIME-WAIT socket lives 60 s: the constant TCP_TIMEWAIT_LEN, which no sysctl changes. Four minutes is 2 × MSL with the RFC\'s suggested MSL of 2 minutes; Windows uses its own default (TcpTimedWaitDelay).',
      'Linux 上 TIME-WAIT socket 存活 60 秒：这是常量 TCP_TIMEWAIT_LEN，任何 sysctl 都改不了。4 分钟是 RFC 建议的 MSL（2 分钟）的两倍；Windows 另有自己的默认值（TcpTimedWaitDelay）。',
    ),
    message: L(
      'On Linux TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN), not 4 minutes; 4 minutes is the RFC\'s 2×MSL.',
      'Linux 上 TIME_WAIT 持续 60 秒（TCP_TIMEWAIT_LEN），不是 4 分钟；4 分钟是 RFC 的 2×MSL。',
    ),
    source: 'K-h TCP_TIMEWAIT_LEN; K-mini tcp_time_wait; RFC9293 §3.4.2',
    explain: 'TIME-WAIT',
  },
  {
    id: 'fin-timeout-time-wait',
    claim: L('tcp_fin_timeout controls TIME_WAIT', 'tcp_fin_timeout 控制 TIME_WAIT'),
    fact: L(
      'tcp_fin_timeout bounds how long an orphaned connection stays in FIN-WAIT-2. TIME-WAIT is always TCP_TIMEWAIT_LEN (60 s); changing tcp_fin_timeout does not shorten it.',
      'tcp_fin_timeout 限制的是孤儿连接在 FIN-WAIT-2 停留的时间。TIME-WAIT 始终是 TCP_TIMEWAIT_LEN（60 秒），修改 tcp_fin_timeout 不会缩短它。',
    ),
    message: L(
      'tcp_fin_timeout bounds orphaned FIN-WAIT-2, not TIME_WAIT (fixed at 60 s on Linux).',
      'tcp_fin_timeout 约束的是孤儿 FIN-WAIT-2，而不是 TIME_WAIT（Linux 上固定 60 秒）。',
    ),
    source: 'K-h TCP_TIMEWAIT_LEN, tcp_fin_time; K-doc-sysctl tcp_fin_timeout',
    explain: 'net.ipv4.tcp_fin_timeout',
  },
  {
    id: 'tw-recycle',
    claim: L('enable tcp_tw_recycle', '开启 tcp_tw_recycle'),
    fact: L(
      'tcp_tw_recycle broke clients behind NAT and was removed in Linux 4.12; on 4.12 and later /proc/sys/net/ipv4/tcp_tw_recycle does not exist, so setting it fails (the error text depends on the sysctl tool). For outgoing connections tcp_tw_reuse is the safe option.',
      'tcp_tw_recycle 会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除；在 4.12 及以后 /proc/sys/net/ipv4/tcp_tw_recycle 不存在，设置它会失败（报错文字取决于所用的 sysctl 工具）。对主动发起的连接，可以改用 tcp_tw_reuse。',
    ),
    message: L(
      'tcp_tw_recycle broke clients behind NAT and was removed in Linux 4.12; setting it fails there.',
      'tcp_tw_recycle 会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除；在新内核上设置会失败。',
    ),
    source: 'C-RECYCLE; K-doc-sysctl tcp_tw_reuse',
    explain: 'net.ipv4.tcp_tw_recycle',
  },
  {
    id: 'orphan-retries-zero',
    claim: L('tcp_orphan_retries = 0 means no retransmission', 'tcp_orphan_retries 为 0 表示不重传'),
    fact: L(
      'tcp_orphan_retries 0 (the default) is read as 8 retries while the connection is still alive, so orphans do retransmit their FIN; only an orphan whose retransmission timer has backed off to the maximum gets 0.',
      'tcp_orphan_retries 为 0（默认值）时，只要连接还“活着”就按 8 次处理，所以孤儿仍会重传 FIN；只有重传定时器已退避到上限的孤儿才按 0 次处理。',
    ),
    message: L(
      'tcp_orphan_retries 0 means 8 retries for a live connection, not "no retransmission".',
      'tcp_orphan_retries 为 0 时，对仍存活的连接按 8 次处理，并不是“不重传”。',
    ),
    source: 'K-timer tcp_orphan_retries; K-doc-sysctl tcp_orphan_retries',
    explain: 'net.ipv4.tcp_orphan_retries',
  },
  {
    id: 'tw-buckets-reset-all',
    claim: L('past tcp_max_tw_buckets all TIME_WAIT sockets are reset', '超过 tcp_max_tw_buckets 后所有 TIME_WAIT 都会被重置'),
    fact: L(
      'At the tcp_max_tw_buckets limit the kernel simply does not create a new TIME-WAIT socket: the closing connection is destroyed at once and TcpExtTCPTimeWaitOverflow goes up. Existing TIME-WAIT sockets are untouched.',
      '达到 tcp_max_tw_buckets 上限时，内核只是不再创建新的 TIME-WAIT socket：正在关闭的连接被直接销毁，TcpExtTCPTimeWaitOverflow 加一。已有的 TIME-WAIT socket 不受影响。',
    ),
    message: L(
      'Past tcp_max_tw_buckets only new TIME_WAIT entries are skipped (TCPTimeWaitOverflow); existing ones stay.',
      '超过 tcp_max_tw_buckets 时只是不再创建新的 TIME_WAIT（TCPTimeWaitOverflow），已有的不受影响。',
    ),
    source: 'K-mini tcp_time_wait; K-tw inet_twsk_alloc; K-doc-sysctl tcp_max_tw_buckets',
    explain: 'net.ipv4.tcp_max_tw_buckets',
  },
  {
    id: 'orphan-close-wait-time-wait',
    claim: L('CLOSE_WAIT / TIME_WAIT sockets are orphans', 'CLOSE_WAIT / TIME_WAIT 是孤儿 socket'),
    fact: L(
      'An orphan is a socket the application has closed that still has protocol work (FIN-WAIT-1, CLOSING, LAST-ACK, sometimes FIN-WAIT-2). CLOSE-WAIT still has its file descriptor; TIME-WAIT is a timewait minisock counted in sockstat `tw`, never in `orphan`.',
      '孤儿是应用已关闭、但协议上还有事要做的 socket（FIN-WAIT-1、CLOSING、LAST-ACK，有时 FIN-WAIT-2）。CLOSE-WAIT 仍持有文件描述符；TIME-WAIT 是 timewait minisock，计入 sockstat 的 `tw`，从不计入 `orphan`。',
    ),
    message: L(
      'CLOSE_WAIT (fd still open) and TIME_WAIT (a minisock, counted as tw) are not orphans.',
      'CLOSE_WAIT（fd 仍未关闭）和 TIME_WAIT（minisock，计入 tw）都不是孤儿。',
    ),
    source: 'K-tcp.c __tcp_close; K-proc sockstat_seq_show; K-mini tcp_time_wait',
    explain: 'CLOSE-WAIT',
  },
];

export const MISCONCEPTION_BY_ID: ReadonlyMap<string, MisconceptionRule> = new Map(MISCONCEPTION_RULES.map((r) => [r.id, r]));

// ---- sentence tests ----------------------------------------------------------------------------------

const TW = /time\\?[_ -]?wait/i;
const CW = /close\\?[_ -]?wait/i;
/** Refutation, attribution to another system or standard, or a plain negation (English words). */
const NEG_EN: ReadonlySet<string> = new Set(
  (
    "not never no isn't aren't doesn't don't didn't won't can't cannot neither nor myth myths wrong false incorrect " +
    'misconception misconceptions mistaken mistake actually contrary instead rather only unlike but ' +
    // attribution: the note reports what others claim
    'claim claims claimed say says said believe believes believed supposedly allegedly reportedly rumor rumour'
  ).split(' '),
);
const WORDS = /[a-z]+(?:'[a-z]+)?/gi;
/** The same in Chinese (`不` covers 不是 / 不会 / 不要 / 并不 …). */
const NEG_ZH = /[不没非别勿误错谣只]|其实|实际上|而是|有人说|据说|传言|号称|认为|听说|声称|文章说|网上/;

function hasWord(s: string, words: ReadonlySet<string>): boolean {
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(s); m; m = WORDS.exec(s)) if (words.has(m[0].toLowerCase())) return true;
  return false;
}

function negated(s: string): boolean {
  return hasWord(s, NEG_EN) || NEG_ZH.test(s);
}

/** The sentence with Markdown escapes of `_` removed (`tcp\_fin\_timeout`). */
function norm(s: string): string {
  return s.replace(/\\_/g, '_');
}

const FOUR_MINUTES = /\b(?:4|four)[\s-]*min(?:ute)?s?\b|\b240\s*(?:s|sec|secs|seconds?)\b|[4四]\s*分钟|240\s*秒/i;
const OTHER_SYSTEM = /\b(?:RFC|spec|specs|specification|standard|standards|Windows|Win|BSD|FreeBSD|Solaris|macOS|AIX|HP-UX|TcpTimedWaitDelay|theory|theoretical|theoretically|recommend\w*|suggest\w*|originally)\b|规范|标准|规定|理论|建议|Windows|最初/i;
const SIXTY = /\b60\s*(?:s|sec|secs|seconds?)\b|60\s*秒|\b(?:1|one)[\s-]*min(?:ute)?\b|一分钟|1\s*分钟|TCP_TIMEWAIT_LEN/i;

function twFourMinutes(s: string): boolean {
  return TW.test(s) && FOUR_MINUTES.test(s) && !OTHER_SYSTEM.test(s) && !SIXTY.test(s) && !negated(s);
}

const FIN_TIMEOUT = /tcp_fin_timeout/i;
const FIN_TIMEOUT_VERB =
  /\b(?:control\w*|set|sets|setting|determin\w*|govern\w*|shorten\w*|reduc\w*|lower\w*|decreas\w*|chang\w*|adjust\w*|tun\w*|configur\w*|limit\w*|affect\w*|speed\w*|faster|quicker|length|duration|timeout|lifetime|to fix|fix)\b|控制|缩短|减少|降低|调整|决定|设置|调小|调低|修改|影响|加快|时长|时间|优化|解决/i;
const FIXED = /\b(?:fixed|constant|hard-?coded|TCP_TIMEWAIT_LEN|fin[_ -]?wait[_ -]?2|FIN-WAIT-2)\b|固定|常量|写死/i;

function finTimeoutTimeWait(s: string): boolean {
  return FIN_TIMEOUT.test(s) && TW.test(s) && FIN_TIMEOUT_VERB.test(s) && !FIXED.test(s) && !negated(s);
}

const TW_RECYCLE = /tcp_tw_recycle/i;
/** A command or config line that turns it on. */
export const TW_RECYCLE_SETTING = /tcp_tw_recycle\s*=\s*["']?1\b|\becho\s+["']?1["']?\s*>{1,2}\s*\S*tcp_tw_recycle\b/i;
const ROOT_PROMPT = /^\s*#\s*(?:sudo\s+)?(?:sysctl|echo)\s/;
const ENABLE = /\b(?:enabl\w*|turn\w* (?:it )?on|switch\w* (?:it )?on|activat\w*|set (?:it )?to 1)\b|开启|打开|启用|设为\s*1|设置为\s*1|置为?\s*1|改为\s*1|设成\s*1/i;
/** Signs that the line knows the key is gone, including the errors sysctl tools print for it. */
const REMOVED =
  /\b(?:remov\w*|deprecat\w*|no longer|obsolete|gone|dropped|4\.1[2-9]|[5-9]\.\d+|unknown key|cannot stat|no such file|breaks?|broke|NAT)\b|移除|删除|废弃|去掉|不再|取消|NAT/i;

function twRecycleProse(s: string): boolean {
  return TW_RECYCLE.test(s) && (ENABLE.test(s) || TW_RECYCLE_SETTING.test(s)) && !REMOVED.test(s) && !negated(s);
}

const ORPHAN_RETRIES = /tcp_orphan_retries/i;
const ZERO = /(?:^|[^\w.])0(?![\w.])|\bzero\b|零/i;
const NO_RETRANSMIT =
  /\bno (?:retransmi\w*|retr(?:y|ies)|resend\w*)|\bnot? (?:retransmit\w*|retry|resend\w*)|never (?:retransmit|retr)|disabl\w* (?:retransmi\w*|retr\w*)|without (?:retransmi\w*|retr\w*)|\bimmediately\b|right away|at once|不重传|不会重传|不再重传|禁止重传|关闭重传|禁用重传|不重试|不会重试|立即|马上|直接(?:关闭|释放|销毁|回收|断开)/i;
/** Signs that the sentence already knows better: the 8, or a refutation. */
const EIGHT = /(?:^|[^\w.])8(?![\w.])|八/;
const ORPHAN_RETRIES_OK_EN: ReadonlySet<string> = new Set(
  "eight doesn't myth wrong false actually fact instead misconception".split(' '),
);
const ORPHAN_RETRIES_OK_ZH = /并不|不是|并非|而是|其实|实际上|误区|错误|误解/;

function orphanRetriesZero(s: string): boolean {
  if (!(ORPHAN_RETRIES.test(s) && ZERO.test(s) && NO_RETRANSMIT.test(s))) return false;
  return !EIGHT.test(s) && !hasWord(s, ORPHAN_RETRIES_OK_EN) && !ORPHAN_RETRIES_OK_ZH.test(s);
}

const MAX_TW = /tcp_max_tw_buckets/i;
const ALL = /\b(?:all|every|each|whole|entire)\b|所有|全部|全都|一律|统统|整个/i;
const KILL = /\b(?:reset\w*|RST|kill\w*|destroy\w*|drop\w*|clear\w*|flush\w*|clean\w*|purg\w*|clos\w*|abort\w*|wip\w*)\b|清除|清空|重置|销毁|丢弃|断开|回收|释放|杀|关闭/i;

function twBucketsResetAll(s: string): boolean {
  return MAX_TW.test(s) && ALL.test(s) && KILL.test(s) && !negated(s);
}

const ORPHAN_EN = /orphan/i;
const STATE_IS_ORPHAN_EN =
  /(?:close|time)\\?[_ -]?wait\w*(?:\s+(?:sockets?|connections?|state|states))?\s+(?:are|is|become|becomes|count(?:ed)?\s+as|=)\s+(?:also\s+|all\s+|just\s+|simply\s+)?(?:an?\s+|the\s+)?orphan/i;
const ORPHAN_IS_STATE_EN =
  /\borphan(?:ed|s)?(?:\s+(?:sockets?|connections?))?\s+(?:are|is|=|means?|refers?\s+to)\s+(?:just\s+|simply\s+|all\s+|the\s+|those\s+|sockets\s+|connections\s+)*(?:in\s+)?(?:the\s+)?(?:close|time)\\?[_ -]?wait/i;
const STATE_IS_ORPHAN_ZH = /(?:close|time)\\?[_ -]?wait[^。，,；;]{0,12}?(?:都是|就是|也是|是|属于|算作?|即|称为|叫做?)[^。，,；;]{0,6}?孤儿/i;
const ORPHAN_IS_STATE_ZH = /孤儿(?:连接|socket|套接字|状态)?[^。，,；;]{0,6}?(?:就是|是|即|指)[^。，,；;]{0,12}?(?:close|time)\\?[_ -]?wait/i;

function orphanCloseWaitTimeWait(s: string): boolean {
  if (!(TW.test(s) || CW.test(s))) return false;
  if (!ORPHAN_EN.test(s) && !s.includes('孤儿')) return false;
  const claims = STATE_IS_ORPHAN_EN.test(s) || ORPHAN_IS_STATE_EN.test(s) || STATE_IS_ORPHAN_ZH.test(s) || ORPHAN_IS_STATE_ZH.test(s);
  return claims && !negated(s);
}

const PROSE_TESTS: ReadonlyArray<readonly [string, (s: string) => boolean]> = [
  ['tw-four-minutes', twFourMinutes],
  ['fin-timeout-time-wait', finTimeoutTimeWait],
  ['tw-recycle', twRecycleProse],
  ['orphan-retries-zero', orphanRetriesZero],
  ['tw-buckets-reset-all', twBucketsResetAll],
  ['orphan-close-wait-time-wait', orphanCloseWaitTimeWait],
];

/** The setting's name in any case (the needle has no letter whose case mapping leaves ASCII). */
const TW_RECYCLE_WORD = /tcp_tw_recycle/i;

/** Lines longer than this are not read (a pasted blob is no sentence; keeps the checks linear and cheap). */
const MAX_LINE = 4000;
/** Sentences longer than this are not read. */
export const MAX_SENTENCE = 400;

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
  // Code lines matter only to the tcp_tw_recycle setting rule: without the word, their content is skipped.
  const code = !disabled.has('tw-recycle') && TW_RECYCLE_WORD.test(text);
  const lines = noteLines(text, { code });
  const NONE: readonly string[] = [];
  /** The rules a sentence's text fires, in PROSE_TESTS order (no array when none does, as for most). */
  const fires = (text: string): readonly string[] => {
    const sentence = norm(text);
    let ids: string[] | undefined;
    for (const [id, test] of PROSE_TESTS) if (!disabled.has(id) && test(sentence)) (ids ??= []).push(id);
    return ids ?? NONE;
  };
  const rule = (id: string): MisconceptionRule => MISCONCEPTION_BY_ID.get(id) as MisconceptionRule;
  for (let i = 0; i < lines.length; ) {
    const l = lines[i] as NoteLine;
    if (l.raw.length > MAX_LINE || l.kind === 'heading') {
      i++;
      continue;
    }
    if (l.kind === 'code') {
      i++;
      if (!code || !TW_RECYCLE_WORD.test(l.raw)) continue;
      const m = TW_RECYCLE_SETTING.exec(l.raw);
      // A commented-out line (`# net.ipv4.tcp_tw_recycle = 1`) sets nothing; a root prompt (`# sysctl -w …`) does.
      if (m && (!l.raw.slice(0, m.index).includes('#') || ROOT_PROMPT.test(l.raw))) {
        const lineStart = l.raw.length - l.raw.trimStart().length;
        out.push(finding(l, lineStart, l.raw.trimEnd().length, recycle, lang));
      }
      continue;
    }
    // A paragraph: this prose line and the lines a hard wrap carries it on to (one line, mostly).
    const { sentences: wrapped, next } = wrappedSentences(lines, i, MAX_LINE, MAX_SENTENCE);
    const first = out.length;
    /** Rules each line's own sentences fired (line index → rule ids), when the paragraph has wrapped sentences. */
    const byLine = wrapped.length ? new Map<number, Set<string>>() : undefined;
    for (let k = i; k < next; k++) {
      const line = lines[k] as NoteLine;
      for (const s of sentencesOf(line.prose)) {
        // A claim is a short sentence; longer runs are pasted output or lists glued together (and the patterns
        // below, each guarded by a literal test first, stay cheap on bounded input).
        if (s.end - s.start > MAX_SENTENCE) continue;
        for (const id of fires(s.text)) {
          out.push(finding(line, s.start, s.end, rule(id), lang));
          if (!byLine) continue;
          let set = byLine.get(k);
          if (!set) byLine.set(k, (set = new Set()));
          set.add(id);
        }
      }
    }
    // Sentences hard-wrapped over several lines, read whole: a rule none of their lines' own sentences fired
    // (those findings stand as they are), marked on the line where the sentence starts.
    const own = out.length;
    for (const s of wrapped) {
      for (const id of fires(s.text)) {
        let seen = false;
        for (let k = s.line; k <= s.lastLine && !seen; k++) seen = byLine?.get(k)?.has(id) === true;
        if (!seen) out.push(finding(lines[s.line] as NoteLine, s.start, s.end, rule(id), lang));
      }
    }
    // In text order within the paragraph (its wrapped sentences' findings came after its lines').
    if (out.length > own) out.splice(first, out.length - first, ...out.slice(first).sort((x, y) => x.start - y.start));
    i = next;
  }
  return out;
}
