/**
 * Builds the TextMate injection grammars that colour TCP states and the terms around them in Markdown, from
 * the catalogue and the recogniser's rules, so the editor colours what the hover explains.
 * `scripts/gen-grammar.ts` writes them to `syntaxes/`; a unit test fails when the committed files are stale.
 *
 * TextMate sees one line at a time and cannot consult the remark tree, so the rules are followed "as far as
 * a regex can": every pattern carries its own boundaries (ASCII word characters only, so CJK neighbours are
 * boundaries, unlike Oniguruma's Unicode `\b`), URL guards and, for `ss … state x` keywords, a bounded
 * look-behind for the command. Every regex is linear: alternations of literals and bounded look-arounds,
 * no quantified group that contains a quantifier (checked by test/unit/grammar.test.ts).
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import { orphanVerdict } from './catalogue/orphan';
import { ENGLISH_WORD_STATES, PROC_NET_TCP_HEX, SPELLING_TABLES, SS_AGGREGATES } from './catalogue/spellings';
import { TERMS } from './catalogue/terms';
import { CT_MATCH_STATES, CT_TCP_TIMEOUTS } from './knowledge/conntrack';
import type { OrphanVerdict, StateId } from './catalogue/types';
import { ARROWS, LOWER_SPACED_CONTEXT, LOWER_SPACED_PATTERN, SHORT_SYSCTL_NAMES, SPACED_PATTERN } from './note/recognize';
import { NOT_TCP_LINE_WORDS, STATUS_LABELS } from './note/notTcpWords';
import { OTHER_PROTOCOL_COLUMNS } from './catalogue/netids';

/** Scope names. Base scopes are ones every common theme colours, and differently for orphan and not. */
export const SCOPES = {
  /** FIN-WAIT-1, CLOSING, LAST-ACK: Dark/Light Modern colour `keyword.control` purple. */
  orphan: 'keyword.control.tcp-state.orphan.tcp-state-notes',
  /** FIN-WAIT-2: orphan-prone with a caveat (a full orphan only when its FIN-WAIT-2 timeout is over 60 s). */
  caveat: 'keyword.control.tcp-state.orphan.caveat.tcp-state-notes',
  /** Every other state: `constant.language` is blue in Dark/Light Modern. */
  notOrphan: 'constant.language.tcp-state.tcp-state-notes',
  /** `ss … state connected`: a filter keyword naming several states. */
  aggregate: 'constant.language.tcp-state.aggregate.tcp-state-notes',
  sysctl: 'variable.other.sysctl.tcp-state-notes',
  sockstat: 'variable.other.sockstat.tcp-state-notes',
  counter: 'support.type.counter.tcp-state-notes',
  message: 'string.other.kernel-message.tcp-state-notes',
  /** A netfilter conntrack state (`--state ESTABLISHED,RELATED`, `conntrack -L` rows): not a socket state. */
  conntrack: 'support.constant.conntrack-state.tcp-state-notes',
} as const;

export const MAIN_SCOPE_NAME = 'markdown.tcp-states.injection';
export const INLINE_CODE_SCOPE_NAME = 'markdown.tcp-states.inline-code.injection';
export const SHELL_COMMENT_SCOPE_NAME = 'markdown.tcp-states.shell-comment.injection';
export const MAIN_GRAMMAR_PATH = 'syntaxes/tcp-states.injection.tmLanguage.json';
export const INLINE_CODE_GRAMMAR_PATH = 'syntaxes/tcp-states.inline-code.injection.tmLanguage.json';
export const SHELL_COMMENT_GRAMMAR_PATH = 'syntaxes/tcp-states.shell-comment.injection.tmLanguage.json';

/**
 * Everywhere in a Markdown note (prose, headings, lists, tables, link text, inline code, fenced and indented
 * code, whatever grammar a fence embeds) except HTML comments and tags and link destinations. Inline and
 * reference link destinations are never re-tokenised by the Markdown grammar, so no injection reaches them;
 * the exclusions here cover autolinks and link definitions too.
 */
export const MAIN_SELECTOR = 'L:text.html.markdown -comment.block.html -meta.tag -markup.underline.link -meta.summary-line.tcp-state-notes';

/**
 * Sockstat and `ss -s` summary lines are scanned by their own rules only (their fields, then the terms: TERMS_IN_SUMMARY): in `closed 30, timewait 8120` the
 * words are field names, and an injection would win the tie with the rule's own patterns.
 */
const SUMMARY_LINE = 'meta.summary-line.tcp-state-notes';

/**
 * Where the Markdown grammar applies its inline rules (paragraphs, list items, headings, table cells, link
 * text). There an inline code span is re-scanned by our own copy of the Markdown `raw` rule, which wins the
 * tie with the original (`L:`) and leaves the span open to the main injection: the Markdown grammar's `raw`
 * rule is a single regex, and nothing can be injected into its match.
 */
export const INLINE_CODE_SELECTOR =
  'L:text.html.markdown (meta.paragraph.markdown | markup.heading.markdown | markup.table.markdown) -markup.inline.raw -markup.fenced_code -markup.raw.block -comment -meta.tag -markup.underline.link';

/**
 * In `sh`/`bash` fences, where the shell grammar's comment rule (one regex, closed to injections) would
 * otherwise hide `# count FIN_WAIT1 sockets` from the main injection.
 */
export const SHELL_COMMENT_SELECTOR = 'L:text.html.markdown meta.embedded.block.shellscript -comment -string';

const WORD = 'A-Za-z0-9_';
/** What joins two words into one token: `-` and the full-width `＿` / `－` (recognize.ts TOKEN_PATTERN), or `\_`. */
const JOINER = '\\-\uFF3F\uFF0D';
/**
 * The recogniser's token is a maximal run of word characters joined by `-`, `＿`, `－` or `\_` (recognize.ts
 * TOKEN_PATTERN).
 */
const TOKEN_START_STRICT = `(?<![${WORD}])(?<![${WORD}][${JOINER}])`;
/**
 * Underscore emphasis (`_FIN_WAIT1_`, `__TCP_CLOSE__`): the recogniser strips a token's outer underscores, so
 * they are no boundary, unless they join a word before them (`X_`, `X\_`, `X-_`).
 */
const TOKEN_START = `(?:${TOKEN_START_STRICT}|(?<=(?:^|[^${WORD}\\\\${JOINER}]|(?:^|[^${WORD}])[\\\\${JOINER}])_{1,8}))`;
const TOKEN_END = `(?=_{0,8}(?![${WORD}]|[${JOINER}][${WORD}]|\\\\_[${WORD}]))`;
/**
 * Inside a URL (recognize.ts insideUrl), bounded like the recogniser: a URL starts at its scheme, at `www.` after a
 * non-word character or at `mailto:`, and runs over printable ASCII except `<`, `>`, `"` and backticks. Text before
 * a URL (link text, Chinese prose glued to it) is outside it. A token is in a URL when the URL covers any of its
 * characters, so the test is made where the token starts: `https://x.org/LAST＿ACK` ends its URL inside the token
 * (at `＿`, not ASCII), and the token is still in the URL.
 */
const URL_CHAR = '[!#-;=?-_a-~]';
const URL_RUN = `${URL_CHAR}{0,512}`;
/** At a token's start: a URL running up to here goes on into the token's first character. */
const NOT_AFTER_URL = `(?!(?:${[
  `(?<=[A-Za-z][A-Za-z0-9+.-]{0,64}://${URL_RUN})`,
  `(?<=(?:^|[^${WORD}])[Ww]{3}\\.${URL_RUN})`,
  `(?<=(?:^|[^${WORD}])[Mm][Aa][Ii][Ll][Tt][Oo]:${URL_RUN})`,
].join('|')})${URL_CHAR})`;
/**
 * At a token's end: a scheme that starts inside the token (`LISTEN://…`, `FIN_WAITx.y://`): its first letter is in
 * the token's trailing run of scheme characters, so the recogniser's URL overlaps the token.
 */
const NO_SCHEME_FROM_TOKEN = `(?!(?<=[A-Za-z][A-Za-z0-9+.-]{0,64})[A-Za-z0-9+.-]{0,61}://)`;

/** One optional separator between the words of a state: `-`, `_`, their full-width `－`, `＿`, or Markdown's escaped `\_`. */
const SEP = `(?:[_${JOINER}]|\\\\_)?`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** `Fin` → `[Ff][Ii][Nn]`: case-insensitive without Oniguruma-only inline flags, so the regex also runs in JS. */
function caseless(s: string): string {
  let out = '';
  for (const c of s) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    out += lower !== upper ? `[${upper}${lower}]` : escapeRegExp(c);
  }
  return out;
}

function normalise(s: string): string {
  return s.replace(/[-_ ]/g, '').toUpperCase();
}

/** Where a normalised key splits into words, from every known spelling of it (`FIN_WAIT1`, `FinWait1`, …). */
function wordsOf(key: string, state: StateId): string[] {
  const cuts = new Set<number>();
  const spellings = [...SPELLING_TABLES.exact.keys(), state].filter((s) => normalise(s) === key);
  for (const spelling of spellings) {
    let index = 0;
    let prev = '';
    for (const c of spelling) {
      if (c === '-' || c === '_' || c === ' ') {
        cuts.add(index);
        prev = '';
        continue;
      }
      const camel = prev !== '' && prev === prev.toLowerCase() && prev !== prev.toUpperCase() && c !== c.toLowerCase();
      const digit = prev !== '' && /[A-Za-z]/.test(prev) && /\d/.test(c);
      if (camel || digit) cuts.add(index);
      index++;
      prev = c;
    }
  }
  const sorted = [...cuts].filter((c) => c > 0 && c < key.length).sort((a, b) => a - b);
  const words: string[] = [];
  let from = 0;
  for (const c of sorted) {
    words.push(key.slice(from, c));
    from = c;
  }
  words.push(key.slice(from));
  return words;
}

type VerdictClass = 'orphan' | 'caveat' | 'notOrphan';

function verdictClass(state: StateId): VerdictClass {
  const v: OrphanVerdict = orphanVerdict(state);
  return v === 'yes' ? 'orphan' : v === 'caveat' ? 'caveat' : 'notOrphan';
}

function longestFirst(alternatives: Iterable<string>): string[] {
  return [...new Set(alternatives)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** Upper-case spaced spellings (`FIN WAIT 2`, `SYN RCVD`) exactly as recognize.ts SPACED_PATTERN accepts them. */
function spacedSpellings(words: readonly string[]): string[] {
  const seps = [' ', '-', '_', ''];
  let combos = [words[0] ?? ''];
  for (const w of words.slice(1)) combos = combos.flatMap((c) => seps.map((s) => `${c}${s}${w}`));
  const whole = new RegExp(SPACED_PATTERN.source);
  return combos.filter((c) => c.includes(' ') && whole.exec(c)?.[0] === c);
}

/** Lower-case spaced spellings (`time wait`, `fin wait 2`) as recognize.ts LOWER_SPACED_PATTERN accepts them before a state noun. */
function lowerSpacedSpellings(words: readonly string[]): string[] {
  const seps = [' ', '-', '_', ''];
  let combos = [(words[0] ?? '').toLowerCase()];
  for (const w of words.slice(1)) combos = combos.flatMap((c) => seps.map((s) => `${c}${s}${w.toLowerCase()}`));
  const whole = new RegExp(LOWER_SPACED_PATTERN.source);
  return combos.filter((c) => c.includes(' ') && whole.exec(`${c} state`)?.[0] === c);
}

interface StateAlternatives {
  spaced: string[];
  /** Lower-case spaced spellings: they count only before LOWER_SPACED_CONTEXT. */
  lowerSpaced: string[];
  prefixed: string[];
  plain: string[];
}

function stateAlternatives(): Record<VerdictClass, StateAlternatives> {
  const out: Record<VerdictClass, StateAlternatives> = {
    orphan: { spaced: [], lowerSpaced: [], prefixed: [], plain: [] },
    caveat: { spaced: [], lowerSpaced: [], prefixed: [], plain: [] },
    notOrphan: { spaced: [], lowerSpaced: [], prefixed: [], plain: [] },
  };
  for (const [key, state] of SPELLING_TABLES.normalised) {
    const alt = out[verdictClass(state)];
    const words = wordsOf(key, state);
    const upper = words.map(escapeRegExp).join(SEP);
    // Identifiers with a prefix are enum names: upper case only (lookupStateSpelling).
    alt.prefixed.push(upper);
    if (!ENGLISH_WORD_STATES.has(key)) {
      // Plurals of a capitalised spelling: an `s` or `S` right after it (recognize.ts pluralStateSpelling).
      alt.prefixed.push(`${upper}[Ss]`);
      alt.plain.push(`${upper}[Ss]`);
    }
    if (ENGLISH_WORD_STATES.has(key)) {
      // Ordinary English words count only in capitals ("the socket was closed" never matches), and not used as
      // English there (recognize.ts notAStateWord); `CLOSE` only beside a transition arrow.
      const word = key === 'CLOSE' ? BESIDE_ARROW(escapeRegExp(key)) : escapeRegExp(key);
      alt.plain.push(`${NOT_STATUS_VALUE}${NOT_AFTER_TICKET_WORD}${word}(?! UP(?![${WORD}]))${NOT_BEFORE_TICKET_WORD}`);
    } else {
      if (key === 'TIMEWAIT') {
        // ss -o prints `timer:(timewait,…)`, netstat -o `timewait (38.12/0/0)`: a timer name, not a state.
        alt.plain.push(
          `(?<!timer:\\()(?!${NETSTAT_TIMER})${words.map(caseless).join('')}`,
          words.map(caseless).join(SEP.replace(/\?$/, '')),
        );
      } else if (key === 'LASTACK') {
        // `lastack:2000` in an `ss -i` line is a tcp_info field, not a state (recognize.ts tokenMention).
        alt.plain.push(`(?!lastack:[0-9])${words.map(caseless).join(SEP)}`);
      } else alt.plain.push(words.map(caseless).join(SEP));
    }
    alt.spaced.push(...spacedSpellings(words).map(escapeRegExp));
    alt.lowerSpaced.push(...lowerSpacedSpellings(words).map(escapeRegExp));
  }
  return out;
}

/** recognize.ts besideArrow and afterPort: `word` beside an arrow (at most 60 blanks between), or after a port. */
function BESIDE_ARROW(word: string): string {
  const arrows = ARROWS.map(escapeRegExp);
  const after = `(?:${arrows.join('|')})[ \\t]{0,60}`;
  // recognize.ts afterPort: a listing row's State column, after `:50352` or `:*` and blanks.
  const port = '(?<=:[0-9*]{1,5}[ \\t]{1,60})';
  return `(?:(?<=${after})${word}|${port}${word}|${word}(?=[ \\t]{0,60}(?:${arrows.join('|')})))`;
}

/** net-tools' `netstat -o` timer (recognize.ts NETSTAT_TIMER_AFTER): the lower-case name, then ` (38.12/`. */
const NETSTAT_TIMER = 'timewait \\([0-9]{1,12}(?:\\.[0-9]{1,12})?/';
/** notTcpWords.ts STATUS_LABEL_BEFORE and STATUS_KEY_BEFORE: a status label (`Status:`, 工单状态：) that starts the line, a `"status": "` key. */
const NOT_STATUS_VALUE = `(?<!^[ \\t>*+-]{0,12}(?:${STATUS_LABELS.map(caseless).join('|')})[*_]{0,2}[:：][ \\t*_\`]{0,8})(?<!"${caseless('status')}"[ \\t]{0,3}:[ \\t]{0,3}")`;
/** notTcpWords.ts TICKET_* / BREAKER_* / PROTOCOL_*: a word of another state machine or protocol on the line, 400 characters at most away. */
const TICKET = `(?:${NOT_TCP_LINE_WORDS.map(escapeRegExp).join('|')})`;
// A word of the lists may touch the state when it ends in a CJK character (`熔断CLOSED`).
const NOT_AFTER_TICKET_WORD = `(?<!(?:^|[^${WORD}])${TICKET}(?:[^${WORD}\\n\\r][^\\n\\r]{0,399})?)`;
const NOT_BEFORE_TICKET_WORD = `(?!(?:[^\\n\\r]{0,399}[^${WORD}])?${TICKET}(?![${WORD}]))`;

/**
 * otherProtocolRow.ts: a listing row of another protocol (`udp   UNCONN 0 0 …`, netstat's `udp 0 0 … ESTABLISHED`):
 * the first column, then the state, Recv-Q and Send-Q (ss), or Recv-Q and a Unix socket's flags or Send-Q and an
 * address, and the state later on the row (netstat).
 */
const OTHER_PROTOCOL = `(?:${[...OTHER_PROTOCOL_COLUMNS].map(escapeRegExp).join('|')})`;
const NOT_OTHER_PROTOCOL_ROW =
  `(?!(?<=^[ \\t]{0,8}${OTHER_PROTOCOL}[ \\t]{1,40})[${WORD}${JOINER}\\\\]{1,48}(?<!_)[ \\t]{1,40}[0-9]{1,64}[ \\t]{1,40}[0-9]{1,64}(?![^ \\t\\n\\r]))` +
  `(?<!^[ \\t]{0,8}${OTHER_PROTOCOL}[ \\t]{1,40}[0-9]{1,64}[ \\t]{1,40}(?:\\[|[0-9]{1,64}[ \\t]{1,40}[0-9*\\[:])[^\\n\\r]{0,399})`;

/**
 * recognize.ts OUTPUT_LINE_START: a summary line starts the line, or follows a block quote's markers (`> TCP: inuse …`;
 * the Markdown grammar has consumed them, so a look-behind sees them).
 */
const QUOTED_LINE_START = '(?:^[ \\t]*|(?<=^[ \\t]{0,3}>[> \\t]{0,40}))';

/** The terms the recogniser still finds on a summary line (only states are dropped there): messages, counters, tunables. */
const TERMS_IN_SUMMARY = [{ include: '#kernel-message' }, { include: '#counter-phrase' }, { include: '#counter' }, { include: '#sysctl' }];

function prefixPattern(): string {
  // `\_` joins words only when a word character follows (recognize.ts TOKEN_PATTERN).
  const joint = `(?:_|\\\\_(?=[${WORD}]))`;
  const prefixes = SPELLING_TABLES.prefixes.map(([p]) => p.replace(/_$/, '').split('_').map(escapeRegExp).join(joint));
  // lookupStateSpelling strips the prefix and then ignores separators: `TCP__CLOSE` and `TCP_-CLOSE` count.
  return `(?:${prefixes.join('|')})${joint}${SEP}`;
}

/** The `match` regex for the states of one verdict class. */
export function stateRegex(alt: StateAlternatives): string {
  const parts: string[] = [];
  if (alt.spaced.length) parts.push(`(?<![${WORD}-])(?:${longestFirst(alt.spaced).join('|')})(?![${WORD}])`);
  if (alt.lowerSpaced.length) parts.push(`(?<![${WORD}-])(?:${longestFirst(alt.lowerSpaced).join('|')})${LOWER_SPACED_CONTEXT}`);
  parts.push(`${TOKEN_START}${NOT_AFTER_URL}${NOT_OTHER_PROTOCOL_ROW}${prefixPattern()}(?:${longestFirst(alt.prefixed).join('|')})${TOKEN_END}${NO_SCHEME_FROM_TOKEN}`);
  parts.push(`${TOKEN_START}${NOT_AFTER_URL}${NOT_OTHER_PROTOCOL_ROW}(?:${longestFirst(alt.plain).join('|')})${TOKEN_END}${NO_SCHEME_FROM_TOKEN}`);
  return parts.join('|');
}

/**
 * Lower-case English-word states and aggregates count only as filter keywords of an `ss` command on the same
 * line (`ss -tan state established`, `exclude listening`): the keyword, then a bounded look-behind for
 * `ss … state ` (recognize.ts ssFilterContext). Oniguruma and JS both allow this variable-length look-behind.
 */
function ssFilterRegex(words: readonly string[], urlGuard: boolean): string {
  const before = `(?<=(?:^|[\\s;|&\`$(])(?:sudo\\s{1,8})?ss\\s(?:[^\\n]{0,200}[\\s(])?(?:state|exclude)\\s{1,8}[a-z]{3,12})`;
  // Trailing underscores are stripped from the token (`state all_`); leading ones break the `state ` context.
  const [start, end] = urlGuard ? [NOT_AFTER_URL, NO_SCHEME_FROM_TOKEN] : ['', ''];
  return `(?<![${WORD}]|[${WORD}]-)${start}(?:${longestFirst(words).join('|')})${TOKEN_END}${before}${end}`;
}

function termRegexes(): { sysctl: string; counter: string; counterPhrase: string; message: string } {
  const sysctlNames = (family: string) =>
    TERMS.filter((t) => t.kind === 'sysctl' && t.id.startsWith(`net.${family}.`)).map((t) => t.id.slice(`net.${family}.`.length));
  const family = (f: string) => `(?:net\\.${f}\\.|/proc/sys/net/${f}/|net/${f}/)?(?:${longestFirst(sysctlNames(f).map(escapeRegExp)).join('|')})`;
  const counters = new Set<string>();
  const counterPhrases = new Set<string>();
  const messages = new Set<string>();
  for (const t of TERMS) {
    if (t.kind === 'counter') {
      counters.add(t.id);
      if (t.id.startsWith('TcpExt')) counters.add(t.id.slice('TcpExt'.length));
      // The `netstat -s` wordings ("connections aborted due to timeout"); bare names are matched above.
      for (const a of t.aliases) if (a.includes(' ')) counterPhrases.add(a.toLowerCase());
    }
    if (t.kind === 'message') for (const a of t.aliases) messages.add(a.toLowerCase());
  }
  // Phrases match in any case, optionally with the `TCP: ` log prefix (recognize.ts PHRASE_PATTERN).
  const phrase = (set: Set<string>) =>
    `(?<![${WORD}])(?:${caseless('TCP: ')})?(?:${longestFirst([...set].map(caseless)).join('|')})(?![${WORD}])`;
  return {
    // recognize.ts SYSCTL_PATTERN, with the known names only.
    // …and the short names notes write without `tcp_` (recognize.ts SHORT_SYSCTL_PATTERN).
    sysctl: `(?<![${WORD}./-])${NOT_AFTER_URL}(?:${family('ipv4')}|${family('core')}|${longestFirst(SHORT_SYSCTL_NAMES.map(escapeRegExp)).join('|')})(?![${WORD}])${NO_SCHEME_FROM_TOKEN}`,
    counter: `(?<![${WORD}])(?:${longestFirst([...counters].map(escapeRegExp)).join('|')})(?![${WORD}])`,
    counterPhrase: phrase(counterPhrases),
    message: phrase(messages),
  };
}

export interface TextMateRule {
  readonly name?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly contentName?: string;
  readonly captures?: Record<string, TextMateRule | { readonly name?: string; readonly patterns?: readonly TextMateRule[] }>;
  readonly beginCaptures?: Record<string, { readonly name: string }>;
  readonly endCaptures?: Record<string, { readonly name: string }>;
  readonly patterns?: readonly TextMateRule[];
  readonly include?: string;
  readonly comment?: string;
}

export interface TextMateGrammar {
  readonly $comment: string;
  readonly scopeName: string;
  readonly injectionSelector: string;
  readonly patterns: readonly TextMateRule[];
  readonly repository: Record<string, TextMateRule>;
}

const GENERATED = 'Generated by scripts/gen-grammar.ts from src/core/grammar.ts and the catalogue; do not edit.';

function hexClass(codes: readonly string[]): string {
  return `(?:${codes.map((h) => caseless(h)).join('|')})`;
}

export function buildMainGrammar(): TextMateGrammar {
  const states = stateAlternatives();
  const terms = termRegexes();
  const keywordsByClass: Record<VerdictClass, string[]> = { orphan: [], caveat: [], notOrphan: [] };
  for (const word of ENGLISH_WORD_STATES) {
    const state = SPELLING_TABLES.normalised.get(word);
    if (state) keywordsByClass[verdictClass(state)].push(word.toLowerCase());
  }
  const hexByClass: Record<VerdictClass, string[]> = { orphan: [], caveat: [], notOrphan: [] };
  for (const [hex, state] of PROC_NET_TCP_HEX) hexByClass[verdictClass(state)].push(hex);
  const scopeOf = (c: VerdictClass) => SCOPES[c];
  const hexField = '[0-9A-Fa-f]';
  return {
    $comment: GENERATED,
    scopeName: MAIN_SCOPE_NAME,
    injectionSelector: MAIN_SELECTOR,
    patterns: [
      { include: '#conntrack-match' },
      { include: '#conntrack-row' },
      { include: '#conntrack-prose' },
      { include: '#sockstat-line' },
      { include: '#ss-summary-line' },
      { include: '#sockets-used' },
      { include: '#proc-net-tcp-row' },
      { include: '#kernel-message' },
      { include: '#counter-phrase' },
      { include: '#counter' },
      { include: '#sysctl' },
      { include: '#ss-filter-keyword' },
      { include: '#state-orphan' },
      { include: '#state-caveat' },
      { include: '#state' },
    ],
    repository: {
      'conntrack-match': {
        comment: 'iptables `-m state --state ESTABLISHED,RELATED` / `--ctstate …`: conntrack states, not socket states',
        match: '--(?:ct)?state[ \\t]{1,8}([A-Za-z_,]{3,120})',
        captures: {
          '1': { patterns: [{ match: `(?<![A-Za-z_])(?:${longestFirst([...CT_MATCH_STATES].map(caseless)).join('|')})(?![A-Za-z_])`, name: SCOPES.conntrack }] },
        },
      },
      'conntrack-row': {
        comment: '`conntrack -L` / nf_conntrack rows: `tcp      6 431999 ESTABLISHED src=…`',
        match: `^[ \\t]*(?:ipv[46][ \\t]+\\d{1,2}[ \\t]+)?tcp[ \\t]+6[ \\t]+\\d{1,10}[ \\t]+(${longestFirst(Object.keys(CT_TCP_TIMEOUTS)).join('|')})(?=[ \\t]+src=)`,
        captures: { '1': { name: SCOPES.conntrack } },
      },
      'conntrack-prose': {
        comment: 'recognize.ts CONNTRACK_PROSE_PATTERN: `the conntrack TIME_WAIT entry`',
        match: `(?<![A-Za-z0-9_])[Cc]onntrack[ \\t](${longestFirst(Object.keys(CT_TCP_TIMEOUTS)).join('|')})(?![A-Za-z0-9_])`,
        captures: { '1': { name: SCOPES.conntrack } },
      },
      'sockstat-line': {
        comment: '/proc/net/sockstat: `TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150`',
        // The begin consumes `TCP:`: a zero-width begin would match again inside itself (the injection applies
        // there too) and vscode-textmate stops such a loop by giving up on the line.
        begin: `${QUOTED_LINE_START}TCP6?:(?=[ \\t]+inuse[ \\t]+\\d)`,
        end: '$',
        contentName: SUMMARY_LINE,
        patterns: [{ match: `(?<![${WORD}])(?:inuse|orphan|tw|alloc|mem)(?=[ \\t]+\\d)`, name: SCOPES.sockstat }, ...TERMS_IN_SUMMARY],
      },
      'ss-summary-line': {
        comment: 'ss -s: `TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)`',
        begin: `${QUOTED_LINE_START}TCP:(?=[ \\t]+\\d+[ \\t]+\\([^\\n)]*\\))`,
        end: '$',
        contentName: SUMMARY_LINE,
        patterns: [{ match: `(?<![${WORD}])(?:orphaned|timewait)(?=[ \\t]+\\d)`, name: SCOPES.sockstat }, ...TERMS_IN_SUMMARY],
      },
      'sockets-used': {
        match: `${QUOTED_LINE_START}(sockets:[ \\t]+used)(?=[ \\t]+\\d)`,
        captures: { '1': { name: SCOPES.sockstat } },
      },
      'proc-net-tcp-row': {
        comment: '/proc/net/tcp rows: the 4th field is the state in hex',
        match: `^[ \\t]*\\d+:[ \\t]+${hexField}{8,32}:${hexField}{4}[ \\t]+${hexField}{8,32}:${hexField}{4}[ \\t]+(${hexField}{2})(?=[ \\t])`,
        captures: {
          '1': {
            patterns: (['orphan', 'caveat', 'notOrphan'] as const)
              .filter((c) => hexByClass[c].length > 0)
              .map((c) => ({ match: hexClass(hexByClass[c]), name: scopeOf(c) })),
          },
        },
      },
      'kernel-message': { match: terms.message, name: SCOPES.message },
      'counter-phrase': { match: terms.counterPhrase, name: SCOPES.counter },
      counter: { match: terms.counter, name: SCOPES.counter },
      sysctl: { match: terms.sysctl, name: SCOPES.sysctl },
      'ss-filter-keyword': {
        comment: '`ss -tan state established`: lower-case English-word states and aggregates after `state`/`exclude`',
        patterns: [
          ...(['orphan', 'caveat', 'notOrphan'] as const)
            .filter((c) => keywordsByClass[c].length > 0)
            .map((c) => ({ match: ssFilterRegex(keywordsByClass[c], true), name: scopeOf(c) })),
          // Aggregates skip the URL check, like the recogniser.
          { match: ssFilterRegex([...SS_AGGREGATES.keys()], false), name: SCOPES.aggregate },
        ],
      },
      'state-orphan': { match: stateRegex(states.orphan), name: SCOPES.orphan },
      'state-caveat': { match: stateRegex(states.caveat), name: SCOPES.caveat },
      state: { match: stateRegex(states.notOrphan), name: SCOPES.notOrphan },
    },
  };
}

/** A copy of the Markdown grammar's `raw` rule as begin/end, so states inside `inline code` can be coloured. */
export function buildInlineCodeGrammar(): TextMateGrammar {
  return {
    $comment: GENERATED,
    scopeName: INLINE_CODE_SCOPE_NAME,
    injectionSelector: INLINE_CODE_SELECTOR,
    patterns: [{ include: '#inline-code' }],
    repository: {
      'inline-code': {
        comment: 'Same span as markdown.tmLanguage `raw`: a backtick run closed by the next run of the same length on the line',
        begin: '(`+)(?=(?:[^`]|(?!(?<!`)\\1(?!`))`)*+(?<!`)\\1(?!`))',
        end: '(?<!`)\\1(?!`)',
        name: 'markup.inline.raw.string.markdown',
        beginCaptures: { '1': { name: 'punctuation.definition.raw.markdown' } },
        endCaptures: { '0': { name: 'punctuation.definition.raw.markdown' } },
        patterns: [],
      },
    },
  };
}

/** A copy of the shell grammar's `#` comment as begin/end, so the main injection reaches inside it. */
export function buildShellCommentGrammar(): TextMateGrammar {
  return {
    $comment: GENERATED,
    scopeName: SHELL_COMMENT_SCOPE_NAME,
    injectionSelector: SHELL_COMMENT_SELECTOR,
    patterns: [{ include: '#comment' }],
    repository: {
      comment: {
        comment: 'Same start as shell-unix-bash.tmLanguage `comment`: `#` at the line start or after blanks (not `#!`)',
        begin: '(?:^|[ \\t]+)(#)(?!!)',
        end: '$',
        name: 'comment.line.number-sign.shell',
        beginCaptures: { '1': { name: 'punctuation.definition.comment.shell' } },
        patterns: [],
      },
    },
  };
}

/** The files' exact text (2-space JSON, trailing newline), as committed. */
export function grammarFiles(): { path: string; text: string }[] {
  return [
    { path: MAIN_GRAMMAR_PATH, text: `${JSON.stringify(buildMainGrammar(), null, 2)}\n` },
    { path: INLINE_CODE_GRAMMAR_PATH, text: `${JSON.stringify(buildInlineCodeGrammar(), null, 2)}\n` },
    { path: SHELL_COMMENT_GRAMMAR_PATH, text: `${JSON.stringify(buildShellCommentGrammar(), null, 2)}\n` },
  ];
}

/** Every regex of every grammar with the rule it belongs to, for the compile and linearity tests. */
export function grammarRegexes(): { grammar: string; rule: string; source: string }[] {
  const out: { grammar: string; rule: string; source: string }[] = [];
  for (const g of [buildMainGrammar(), buildInlineCodeGrammar(), buildShellCommentGrammar()]) {
    const visit = (rule: string, r: TextMateRule): void => {
      for (const source of [r.match, r.begin, r.end]) if (source) out.push({ grammar: g.scopeName, rule, source });
      for (const p of r.patterns ?? []) visit(rule, p);
      for (const c of Object.values(r.captures ?? {})) for (const p of ('patterns' in c ? c.patterns : undefined) ?? []) visit(rule, p);
    };
    for (const [name, rule] of Object.entries(g.repository)) visit(name, rule);
  }
  return out;
}
