/**
 * Whether a sentence that holds a misconception's words actually makes the claim: the scope of negation, and
 * the sentences that refute, attribute, ask or narrate instead of claiming.
 *
 * - A refutation or attribution frame anywhere in the sentence silences it: 误区, 其实, 并不, 而不是, 网上/博客 …说,
 *   同事说, runbook 里写着, a ❌ mark,
 *   "myth", "actually", "some claim"; so does a judgement against the claim ("not recommended", 不可取), a denied
 *   effect ("has no effect", 不能解决, 没有变少), or a clause that only denies what came before it ("Lower
 *   tcp_fin_timeout hoping to shorten TIME_WAIT — it does not").
 * - A plain negator (不/没/别/未…, not/n't/never/no…) silences it only where it governs the claim: in the claim's own
 *   words or before them in the same clause. After the claim it usually tells the claimed effect (开启 tcp_tw_recycle
 *   后 TIME_WAIT 就不会那么多了, "so TIME_WAIT sockets don't pile up"), which is part of the claim, not a negation.
 *   A 没/不 inside a relative clause closed by 的 before the claim's words (应用没有 close 的 CLOSE_WAIT 连接)
 *   modifies a noun and governs nothing else.
 * - "instead of" and "rather than" name the alternative that is turned down: like a negator, they govern the words
 *   after them in their clause ("use long-lived connections instead of enabling tcp_tw_recycle"), and leave a claim
 *   before them standing ("enable tcp_tw_recycle instead of lowering tcp_fin_timeout"). Alone, "instead" and
 *   "rather" tell a correction ("Linux instead uses 60 s"), a frame.
 * - A question (?, ？, 吗, 是否, whether, "check if") asks; so does a to-do that puts the claim up for checking
 *   (TODO: confirm …, 待确认). A supposition against the facts ("if … we would have …", 如果…早就…) and advice told
 *   with its speaker ("Bob suggested …") claim nothing either.
 *
 * Every pattern runs on one sentence of at most MAX_SENTENCE characters (misconceptions.ts).
 * Pure: no `vscode`, no Node built-ins.
 */

// ---- English words -------------------------------------------------------------------------------------

const WORDS = /[a-z]+(?:'[a-z]+)?/gi;

interface Word {
  readonly text: string;
  readonly index: number;
}

function wordsOf(s: string): Word[] {
  const out: Word[] = [];
  WORDS.lastIndex = 0;
  for (let m = WORDS.exec(s); m; m = WORDS.exec(s)) out.push({ text: m[0].toLowerCase(), index: m.index });
  return out;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

/** Words that refute the claim or attribute it to someone else, wherever they stand in the sentence. */
const FRAME_EN = set(
  'myth myths wrong false incorrect untrue misconception misconceptions mistaken mistake mistakes mistakenly actually ' +
    'contrary instead rather unlike nothing outdated folklore supposedly allegedly reportedly rumor rumors rumour rumours ' +
    'claim claims claimed say says said believe believes believed think thinks thought assume assumes assumed ' +
    'blog blogs article articles tutorial tutorials guide guides',
);
/** A plain negator: it negates what follows it in its clause. */
const NEGATOR_EN = set('not never no cannot neither nor without none nobody');
/** After a negator (within three words): a judgement or an effect it denies ("not recommended", "no effect"). */
const DENIED_EN = set(
  'true correct right accurate case recommended advised advisable safe good wise needed necessary required ' +
    'help helps work works change changes affect affects effect impact difference influence matter reduce reduces ' +
    'shorten shortens fix fixes solve solves',
);

/**
 * A clause that only denies: a pronoun, a negated auxiliary and nothing after it before the clause or sentence
 * ends ("— it does not;", "which it doesn't", "they won't."). The verb it leaves out is the claim's.
 */
const DENIAL_EN =
  /\b(?:it|this|that|they|which)\s+(?:(?:does|do|did|will|would|can|could|is|are|was|were|has|have)(?:\s+not\b|n't)|won't|can't|cannot)(?=\s*(?:[—–;:,.!)]|$))/i;

function isNegatorEn(w: string): boolean {
  return NEGATOR_EN.has(w) || w.endsWith("n't");
}

/** "instead of", "rather than": the word that, with the next one, turns down what follows. */
const ALTERNATIVE_EN: ReadonlyMap<string, string> = new Map([
  ['instead', 'of'],
  ['rather', 'than'],
]);

/** Whether words[i] opens "instead of" / "rather than". */
function opensAlternative(words: readonly Word[], i: number): boolean {
  const next = ALTERNATIVE_EN.get((words[i] as Word).text);
  return next !== undefined && words[i + 1]?.text === next;
}

// ---- Chinese -------------------------------------------------------------------------------------------

/**
 * Refutation, attribution and judgement frames (Chinese), wherever they stand in the sentence; 认为/以为 not inside
 * 默认为 (defaults to) or 可以为 (can … for); 错 alone as a mark after a dash (—— 错, not —— 错峰) or in brackets (（错）).
 */
const FRAME_ZH =
  /误区|错误|误解|谣言|谬误|其实|实际上|事实上|而是|并不|并非|并没|而不是|而非|不对|不正确|不准确|不成立|是错的|错了|搞错|纠正|辟谣|有人说|有人认为|据说|传言|传说|号称|声称|(?<!默)认为|(?<![可得足难])以为|听说|网上|网传|博客|文章|教程|帖子|很多人|不少人|有些人|别人|说法|所谓|流传|不推荐|不建议|不可取|不靠谱|不安全|没必要|不必要|(?:^|[\s，,。：:；;（(“"「>*-])(?:同事|领导|老板|客户|同学|前辈|大佬|老师|面试官|他|她)们?(?:说|讲|提到|告诉我)|[里上中]写(?:着|道|的是)|❌|✗|✘|⛔|[—–]\s?错(?=$|[\s，,。.！!；;）)]|了)|[（(]错[）)]/;
/**
 * A denied effect: the change the claim promises does not happen (不能解决, 没有变少, 不起作用, 没用) — not 互不影响
 * ("do not affect each other"), which tells an isolation the claim may make.
 */
const DENIED_ZH =
  /(?<!互|互相|彼此)[不没无未](?:会|能|可能|再|太|怎么|有|法|见|得|大|起)?(?:任何|什么|多少|多大|太大|太多|明显)?(?:变少|变短|减少|降低|缩短|下降|减小|影响|改变|变化|作用|生效|有用|有效|管用|效果|帮助|解决|用处|改善|缓解)|没用|无用|无效|没变|不变(?![多大长高])|无济于事|于事无补/;
/**
 * A plain negator (Chinese), not the words that only look like one: 不少 (many), 不断 (on and on), 不仅/不但/不光
 * (not only … but), 不久, 不过 (but), 不错 and 没错 (right), 无论 (whatever), 未来, 非常 (very), 别人 (others), and 别
 * as the second character of a word (级别 level, 区别 difference, 分别 separately, 类别, 特别, 个别 …).
 */
const NEGATOR_ZH = /不(?![少断仅但光久过错])|没(?!错)|无(?!论)|未(?!来)|非(?!常)|(?<![级区类分特告识个性差辨组])别(?!人)|勿|莫|禁止|严禁|避免/g;
/** Negators that govern the rest of their clause even across a 的 (不要把 tcp_tw_recycle 的值设为 1). */
const STRONG_ZH = /^(?:不是|不要|不能|不可|不应|不该|不用|不必|不需|别|勿|莫|禁止|严禁|避免)/;

/** Clause ends inside a sentence: a negator before one of them does not reach past it. */
const CLAUSE_END = /[，,；;：:]/g;

/**
 * Questions: a question mark at the end, or a question word (Chinese A-not-A, 为什么, 吗 at the end, "whether",
 * "check if", an English sentence opening with an auxiliary or why/how).
 */
const QUESTION =
  /是否|是不是|有没有|会不会|能不能|要不要|可不可以|对不对|为什么|为何|为啥|[吗呢][\s"'”」）)]*$|\bwhether\b|\b(?:check|checks|checked|checking|see|verify|confirm|find out|ask|asked|wonder)\s+if\b|^(?:is|are|does|do|did|can|could|should|would|will|why|how)\s/i;
/**
 * A to-do that puts the claim up for checking ("TODO: confirm TIME_WAIT lasts 4 minutes", 待确认): open, not said.
 * An imperative "verify"/"confirm" opening the sentence asks the same.
 */
const TO_CHECK =
  /^(?:TODO|FIXME|TBD|XXX)\b[\s:：-]*(?:confirm|verify|double-check|check|find out|investigate|test|measure)\b|^(?:confirm|verify|double-check|check|find out)\s+(?:that|whether|if)\b|^(?:待确认|待验证|待核实|需要确认|需确认|要确认)|[（(]待(?:确认|验证|核实|查)[)）]/i;
/**
 * A supposition against the facts ("If TIME_WAIT lasted 4 minutes, we would have …", "if it were …, … would", 如果…早就…):
 * it claims the opposite. A plain condition ("If TIME_WAIT piles up again, enabling it would clear it") is advice.
 */
const COUNTERFACTUAL =
  /^(?:even\s+)?if\b[^.;]*\b(?:would|could|might)(?:n't)?\s+have\b|^(?:even\s+)?if\b[^.;,]*\b(?:were|had)\b[^.;]*\b(?:would|could)\b|\b(?:would|could)(?:n't)?\s+have\b[^.;]*\bif\b[^.;]*\b(?:were|had)\b|^(?:如果|假如|要是|倘若|假设)[^。；;，,]*(?:真的|真是|真要|真会)[^。；;]*(?:早就|早该|早已|岂不|那还)/i;
/**
 * Someone else's advice told with its speaker: "Bob suggested", "he told us to", "the vendor recommended" — not the
 * note's own "Suggested fix:" (no speaker) nor "we suggested" (the author).
 */
const ATTRIBUTED_EN =
  /(?<!\b[Aa]s\s)\b(?!(?:We|It|This|That|Which|What|Also|Not|Is|Are|Was|Were|Be|Been|Being|Commonly|Often|Linux|Kernel|The|Our|My|Your|Their|His|Her|Its|A|An|Any|Every|Each|Some|No|These|Those|Most|Many|One|Both|All)\b)(?![A-Za-z]+ly\b)(?:he|she|they|someone|somebody|colleagues?|vendors?|support|consultants?|[A-Z][a-z]{1,19})\s+(?:(?:had|has|once)\s+)?(?:suggested|suggests|told\s+(?:us|me|them|him|her)|proposed|proposes|advised|advises|insisted|recommended|recommends)\b/;

// ---- the tests -----------------------------------------------------------------------------------------

/**
 * The sentence refutes, attributes or judges the claim, or denies its effect (wherever the words stand): it makes
 * no claim of its own.
 */
export function refutes(s: string): boolean {
  if (FRAME_ZH.test(s) || DENIED_ZH.test(s) || DENIAL_EN.test(s) || COUNTERFACTUAL.test(s) || ATTRIBUTED_EN.test(s)) return true;
  const words = wordsOf(s);
  for (let i = 0; i < words.length; i++) {
    const w = (words[i] as Word).text;
    if (FRAME_EN.has(w) && !opensAlternative(words, i)) return true;
    if (!isNegatorEn(w)) continue;
    for (let k = i + 1; k <= i + 3 && k < words.length; k++) if (DENIED_EN.has((words[k] as Word).text)) return true;
  }
  return false;
}

/**
 * A short sentence that only says the one before it is wrong ("Not true, the fd is still open.", "——这是错的",
 * "以上说法不对", "（这句后来发现写错了）"): it takes the claim before it back.
 */
const REFUTES_BEFORE =
  /^(?:[—–-]{1,2}\s*)?(?:(?:but\s+)?(?:that|this|which|it)(?:'s|\s+is|\s+was)\s+)?(?:not\s+true|not\s+correct|wrong|false|incorrect|untrue|a\s+myth)(?:\s*[,.;:!—–-]|\s*$)|^[（(]?(?:[—–-]{1,2}\s*)?(?:这|此|以上|上面|上述|这种|这个|这句话?|这条)?(?:说法|观点|结论|理解)?(?:后来|事后)?(?:发现|证明|确认)?(?:是|都是|完全是)?(?:写错了|记错了|错的|错误的|不对的?|不正确的?|谣言|误区|错|不对|并非如此|不是这样的?)(?=[，,。.！!；;：:—）)]|$)/i;
const MAX_REFUTATION = 80;

export function refutesBefore(s: string): boolean {
  return s.length <= MAX_REFUTATION && REFUTES_BEFORE.test(s);
}

/** The sentence asks (a question mark ends it, or a question word is in it). */
export function asks(s: string, mark: string): boolean {
  return mark === '?' || mark === '？' || QUESTION.test(s) || TO_CHECK.test(s);
}

/** Where the clause that holds `at` starts. */
function clauseStart(s: string, at: number): number {
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(s); m && m.index < at; m = CLAUSE_END.exec(s)) start = m.index + 1;
  return start;
}

/**
 * A negator (or "instead of", "rather than") governs the claim whose words span `start`–`end` of the sentence: it
 * stands among those words or before them in the same clause. A weak Chinese negator (没/不 …) followed by 的 before `end` sits in a relative
 * clause that modifies a noun (应用没有 close 的 CLOSE_WAIT 连接), and governs nothing else.
 */
export function negatedWithin(s: string, start: number, end: number): boolean {
  const from = clauseStart(s, start);
  const scope = s.slice(from, end);
  NEGATOR_ZH.lastIndex = 0;
  for (let m = NEGATOR_ZH.exec(scope); m; m = NEGATOR_ZH.exec(scope)) {
    const rest = scope.slice(m.index);
    if (STRONG_ZH.test(rest) || !rest.includes('的')) return true;
  }
  const words = wordsOf(scope);
  for (let i = 0; i < words.length; i++) if (isNegatorEn((words[i] as Word).text) || opensAlternative(words, i)) return true;
  return false;
}
