/**
 * Finds mentions of TCP states, sysctls, counters, sockstat fields and kernel messages on the RAW note text,
 * with exact UTF-16 ranges. The remark tree is used later (zones.ts) only to classify where each hit
 * stands and to drop hits inside link destinations, HTML tags and the like.
 *
 * Every regular expression here is linear: no nested quantifiers, no alternation under a quantifier that can
 * overlap, no quantifier that can give back what a later token needs (test/unit/redos.test.ts runs
 * redos-detector on each of them). Look-arounds never leave the line, so a scan of a range of whole lines
 * finds what a scan of the whole text finds there.
 */
import { ENGLISH_WORD_STATES, lookupStateSpelling, PROC_NET_TCP_HEX, SS_AGGREGATES, type SpellingFamily } from '../catalogue/spellings';
import type { StateId, TermKind } from '../catalogue/types';
import { TERMS } from '../catalogue/terms';
import { CT_MATCH_STATES, CT_TCP_TIMEOUTS } from '../knowledge/conntrack';
import { addLine, lineAnchorPattern, lineRuns, STATE_CANDIDATE_PATTERN, type LinePass, type LineRuns } from './prefilter';
import { escapeRegExp, trieSource } from './trie';
import { otherMachineLine } from './notTcpWords';
import { otherProtocolRow } from './otherProtocolRow';
import { insideUrl } from './urls';
import { isWordChar } from '../evidence/text';
import { taskTableStatus } from './taskTable';
import { wordStateContext } from './wordContext';

export { trieSource } from './trie';

/** `conntrack`: a netfilter connection-tracking state (`--state ESTABLISHED,RELATED`, `conntrack -L` rows), not a socket state. */
export type MentionKind = 'state' | 'aggregate' | 'conntrack' | TermKind;

export interface RawMention {
  /** UTF-16 offsets in the note text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: MentionKind;
  /** StateId for states; term id for terms; the keyword for ss aggregates; the upper-case name for conntrack states. */
  readonly id: string;
  /** For states: the spelling families of `text`. */
  readonly families?: readonly SpellingFamily[];
  /** For aggregates: the states the keyword expands to. */
  readonly states?: readonly StateId[];
}

/**
 * Word-ish tokens: letters/digits/underscore, with internal hyphens (`FIN-WAIT-1`, `syn-recv`) and Markdown
 * escapes (`FIN\_WAIT\_2` renders as FIN_WAIT_2, so it is matched with its exact raw range). The full-width
 * `＿` (U+FF3F) and `－` (U+FF0D) that a Chinese input method left in full-width mode types join words as `_` and
 * `-` do (`TIME＿WAIT`): between two word characters only, like `-`.
 */
export const TOKEN_PATTERN = /[A-Za-z0-9_]+(?:(?:[-\uFF3F\uFF0D]|\\_)[A-Za-z0-9_]+)*/g;

/** Upper-case figure labels and prose with spaces: `FIN WAIT 2`, `LAST ACK`, `SYN RCVD`, `FIN WAIT-1`. */
export const SPACED_PATTERN =
  /(?<![A-Za-z0-9_-])(?:SYN (?:SENT|SEND|RCVD|RECV|RECEIVED)|FIN WAIT[ _-]?[12]|FINWAIT [12]|CLOSE WAIT|LAST ACK|TIMED? WAIT|NEW SYN RECV|BOUND INACTIVE)(?![A-Za-z0-9_])/g;

/**
 * What must follow a lower-case spaced spelling (`time wait`, `close wait`): a state noun, or Chinese (`状态`,
 * `time wait 很多`, `close wait 连接数`, `大量 last ack。`: beside Chinese there is no English reading to protect).
 * Alone, `time wait` and `close wait` are ordinary English ("at close wait for it").
 */
export const LOWER_SPACED_CONTEXT = '(?= (?:states?|sockets?|connections?)(?![A-Za-z0-9_])| ?[\u3001-\u303f\u3400-\u9fff\uff01-\uff0f\uff1a-\uff1f])';
/** Lower-case prose with spaces, before a state noun: `time wait sockets`, `close wait state`, `处于 fin wait 2 状态`. */
export const LOWER_SPACED_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_-])(?:syn (?:sent|rcvd|recv|received)|fin wait [12]|close wait|last ack|time wait)${LOWER_SPACED_CONTEXT}`,
  'g',
);

/** The line contains an `ss` invocation before the keyword (`sudo ss`, `; ss`, `$(ss …)`). */
export const SS_COMMAND = /(?:^|[\s;|&`$(])ss(?=\s)/;

/** /proc/net/tcp rows: `  0: 0100007F:1F90 00000000:0000 0A …` — the 4th field is the state in hex. */
export const PROC_ROW_PATTERN = /^[ \t]*\d+:[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+([0-9A-Fa-f]{2})(?=[ \t])/gm;

/**
 * Where a pasted output line starts: after blanks, or inside a block quote (`> TCP: inuse …`, nested `> > `). The
 * grammar's summary-line rules read the same (grammar.ts QUOTED_LINE_START).
 */
// The quote first: with the blanks first, the ReDoS checker cannot bound the alternation (test/unit/redos.test.ts).
export const OUTPUT_LINE_START = String.raw`^(?:[ \t]{0,3}>[> \t]{0,40}|[ \t]*)`;
/** `TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150` (sockstat) and `TCP6: inuse 8`. */
export const SOCKSTAT_LINE_PATTERN = new RegExp(String.raw`${OUTPUT_LINE_START}TCP6?:[ \t]+inuse[ \t]+\d+[^\n\r]*`, 'gm');
/** `sockets: used 1234` */
export const SOCKETS_USED_PATTERN = new RegExp(String.raw`${OUTPUT_LINE_START}sockets:[ \t]+used(?=[ \t]+\d)`, 'gm');
/** `TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)` (ss -s). */
export const SS_SUMMARY_LINE_PATTERN = new RegExp(String.raw`${OUTPUT_LINE_START}TCP:[ \t]+\d+[ \t]+\([^\n\r)]*\)`, 'gm');
export const SOCKSTAT_FIELD = /\b(inuse|orphan|tw|alloc|mem)[ \t]+(?=\d)/g;
export const SS_SUMMARY_FIELD = /\b(orphaned|timewait)[ \t]+(?=\d)/g;

/** sysctl keys, bare (`tcp_max_orphans`), dotted (`net.ipv4.…`), slashed (`/proc/sys/net/ipv4/…`). */
export const SYSCTL_PATTERN = /(?<![\w./-])(?:net\.ipv4\.|\/proc\/sys\/net\/ipv4\/|net\/ipv4\/)?(tcp_[a-z0-9_]+|ip_local_port_range)(?![\w])/g;
/** The `net.core.` keys the catalogue knows (one pattern per family keeps each linear). */
export const CORE_SYSCTL_PATTERN = /(?<![\w./-])(?:net\.core\.|\/proc\/sys\/net\/core\/|net\/core\/)?(somaxconn|netdev_max_backlog)(?![\w])/g;

const SYSCTL_NAMES: ReadonlyMap<string, string> = new Map(
  TERMS.filter((t) => t.kind === 'sysctl').map((t) => [t.id.replace(/^net\.(?:ipv4|core)\./, ''), t.id] as const),
);

/**
 * Orphan and TIME-WAIT tunables as notes shorten them, without `tcp_` (`把 fin_timeout 调到 30，打开 tw_reuse`):
 * names of two words or more that no other common software uses as a setting (not `keepalive_time`: nginx has
 * one). Each is `tcp_` + the name in the catalogue (test/unit/recognizeContext.test.ts checks it).
 */
export const SHORT_SYSCTL_NAMES: readonly string[] = [
  'max_orphans', 'orphan_retries', 'fin_timeout', 'tw_reuse', 'tw_reuse_delay', 'tw_recycle', 'max_tw_buckets', 'abort_on_overflow', 'max_syn_backlog', 'synack_retries',
];
/** SHORT_SYSCTL_NAMES as words (never inside `tcp_max_orphans` or `net.ipv4.…`: those are SYSCTL_PATTERN's). */
export const SHORT_SYSCTL_PATTERN = new RegExp(`(?<![\\w./-])(${SHORT_SYSCTL_NAMES.join('|')})(?![\\w])`, 'g');


/** Counter names: `TcpExtTCPAbortOnMemory` or `TCPAbortOnMemory` (as in /proc/net/netstat). Case-sensitive. */
const COUNTER_IDS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const t of TERMS) {
    if (t.kind !== 'counter') continue;
    m.set(t.id, t.id);
    if (t.id.startsWith('TcpExt')) m.set(t.id.slice('TcpExt'.length), t.id);
  }
  return m;
})();
export const COUNTER_PATTERN = new RegExp(`(?<![\\w])${trieSource([...COUNTER_IDS.keys()])}(?![\\w])`, 'g');

/** Phrases matched case-insensitively: kernel log messages and the `netstat -s` wordings of counters. */
const PHRASES: ReadonlyMap<string, { id: string; kind: TermKind }> = (() => {
  const m = new Map<string, { id: string; kind: TermKind }>();
  for (const t of TERMS) {
    if (t.kind !== 'message' && t.kind !== 'counter') continue;
    for (const a of t.aliases) {
      // Counter aliases that are bare names are handled by COUNTER_PATTERN; phrases have a space.
      if (t.kind === 'counter' && !a.includes(' ')) continue;
      m.set(a.toLowerCase(), { id: t.id, kind: t.kind });
    }
  }
  return m;
})();
/**
 * One pattern per phrase, each with the optional `TCP: ` of kernel log lines (one alternation of all of them
 * is too large for the ReDoS checker to prove linear; each one alone is trivially so). The prefix counts only
 * where a word starts: in `request_sock_TCP: Possible SYN flooding` the `TCP: ` ends another word, and taking it
 * would start the match inside that word, where the boundary check then drops it (the grammar's look-behind
 * does the same).
 */
export const PHRASE_PATTERNS: readonly RegExp[] = [...PHRASES.keys()].map(
  (p) => new RegExp(`(?:(?<![A-Za-z0-9_])TCP: )?${escapeRegExp(p)}`, 'gi'),
);

const KIND_PRIORITY: Record<MentionKind, number> = {
  conntrack: 6,
  message: 5,
  sockstat: 4,
  counter: 3,
  sysctl: 3,
  aggregate: 2,
  state: 1,
};


/** Up to 400 characters before `pos` on its line (bounded: a 5 MB line costs no more than a short one). */
function lineBefore(text: string, pos: number): string {
  const min = Math.max(0, pos - 400);
  let s = pos;
  while (s > min) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    s--;
  }
  return text.slice(s, pos);
}

/** `… state ` / `… exclude `: the word before a lower-case filter keyword, after a space or `(`. */
function endsWithFilterKeyword(before: string): boolean {
  const t = before.trimEnd();
  if (t.length === before.length) return false; // the keyword needs whitespace after it
  for (const k of ['state', 'exclude']) {
    if (!t.endsWith(k)) continue;
    const i = t.length - k.length;
    if (i === 0) return true;
    const c = t.charAt(i - 1);
    if (c === '(' || c.trim() === '') return true;
  }
  return false;
}

function ssFilterContext(text: string, start: number): boolean {
  const before = lineBefore(text, start);
  return endsWithFilterKeyword(before) && SS_COMMAND.test(before);
}

/** Has a cased letter and no lower-case one (`s === s.toUpperCase() && s !== s.toLowerCase()`), without copies for ASCII. */
export function isUpper(s: string): boolean {
  let letter = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return s === s.toUpperCase() && s !== s.toLowerCase();
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letter = true;
  }
  return letter;
}

/**
 * Runs a global pattern over the whole text (`runs` undefined) or over runs of whole lines (the prefilter's),
 * calling `f` with each match and its offset in the text. Every pattern here matches within one line, so a
 * run read alone (a slice: look-behinds at its start see the start of a line either way) finds what the whole
 * text has there.
 */
function eachMatch(pattern: RegExp, text: string, f: (m: RegExpExecArray, at: number) => void, runs?: LineRuns): void {
  if (runs === undefined) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      f(m, m.index);
      if (m[0].length === 0) pattern.lastIndex++;
    }
    return;
  }
  for (let r = 0; r < runs.length; r += 2) {
    const from = runs[r] as number;
    const run = text.slice(from, runs[r + 1]);
    pattern.lastIndex = 0;
    for (let m = pattern.exec(run); m; m = pattern.exec(run)) {
      f(m, from + m.index);
      if (m[0].length === 0) pattern.lastIndex++;
    }
  }
}

/**
 * The plural of an upper-case state spelling (`TIME_WAITs`, `FIN_WAIT2s`, and in capitals `TIME_WAITS`,
 * `LAST_ACKS`), as notes write them: an `s` or `S` right after its last letter or digit. Never of the spellings
 * that are English words (`LISTENs`, `CLOSES`, `LISTENS`: an English word in capitals, not a plural). Also read by
 * core/lookup.ts for a term a user types.
 */
export function pluralStateSpelling(token: string): ReturnType<typeof lookupStateSpelling> {
  const n = token.length;
  const last = token.charCodeAt(n - 1);
  if (n <= 4 || (last !== 115 && last !== 83) || !isAlnumCode(token.charCodeAt(n - 2)) || !isUpper(token.slice(0, -1))) return undefined;
  const base = lookupStateSpelling(token.slice(0, -1));
  return base && !ENGLISH_WORD_STATES.has(base.normalised) ? base : undefined;
}

/** One token of TOKEN_PATTERN at `at`: a state spelling or an `ss` aggregate keyword in its context, or nothing. */
function tokenMention(text: string, token0: string, at: number, out: RawMention[]): void {
  let raw = token0;
  let start = at;
  // Markdown emphasis with underscores (`_CLOSE_WAIT_`, `__FIN_WAIT1__`) is not part of the spelling.
  if (raw.charCodeAt(0) === 95 || raw.charCodeAt(raw.length - 1) === 95) {
    let a = 0;
    let b = raw.length;
    while (a < b && raw.charCodeAt(a) === 95) a++;
    while (b > a && raw.charCodeAt(b - 1) === 95) b--;
    raw = raw.slice(a, b);
    start += a;
  }
  if (raw.length < 3 || raw.length > 48) return;
  // Every spelling, prefix and aggregate keyword starts with a letter: numbers, ports and addresses are out.
  const first = raw.charCodeAt(0);
  if (first <= 57) return;
  const token = raw.includes('\\') ? raw.replace(/\\/g, '') : raw;
  const end = start + raw.length;
  // The aggregate keywords are lower case, and count only as written so (no lower-casing of every token;
  // no look-up of a token that starts with a capital, as every state in a listing does).
  const aggregate = first >= 97 ? SS_AGGREGATES.get(token) : undefined;
  if (aggregate) {
    if (ssFilterContext(text, start)) out.push({ start, end, text: token, kind: 'aggregate', id: token, states: aggregate });
    return;
  }
  // A plural (`TIME_WAITs`): the `s` belongs to the mention.
  const hit = lookupStateSpelling(token) ?? pluralStateSpelling(token);
  if (!hit) return;
  if (ENGLISH_WORD_STATES.has(hit.normalised) && hit.prefixLength === 0) {
    // Ordinary English words: capitals only, a filter keyword in an `ss … state X` command, or a word the
    // context names as a state (`处于Established状态`, a list of states copied from ss(8)).
    if (isUpper(token)) {
      if (notAStateWord(text, start, end)) return;
      // `CLOSE` alone is the user call, a frame type or a log verb far more often than net-tools' and bcc
      // tcpstates' name of the state: a state only in a transition (`LAST_ACK -> CLOSE`), a listing row's State
      // column (after a port) or a Chinese frame.
      if (hit.normalised === 'CLOSE' && !besideArrow(text, start, end) && !afterPort(text, start) && !wordStateContext(text, start, end)) return;
    } else if (!(token === token.toLowerCase() && ssFilterContext(text, start)) && (!wordStateContext(text, start, end) || notAStateWord(text, start, end))) return;
  }
  // `lastack:2000` in an `ss -i` line is a tcp_info field (ms since the last ACK), not a state. It is the one
  // field ss prints that spells a state; `time_wait:8120` in a script's output is still the state.
  if (token === 'lastack' && text.charCodeAt(end) === 58 && isDigitCode(text.charCodeAt(end + 1))) return;
  // `timer:(timewait,…)` in ss -o output is a timer name, not a state label.
  if (token.length === 8 && token.toLowerCase() === 'timewait' && text.slice(Math.max(0, start - 7), start) === 'timer:(') return;
  // `timewait (38.12/0/0)` in net-tools' `netstat -o` Timer column (off, on, keepalive, timewait, probe) is a timer too.
  if (token === 'timewait' && NETSTAT_TIMER_AFTER.test(text.slice(end, end + 30))) return;
  if (insideUrl(text, start, end) || otherProtocolRow(text, start, end)) return;
  out.push({ start, end, text: raw, kind: 'state', id: hit.state, families: hit.families });
}

/** Transition arrows (the grammar's CLOSE rule reads the same list). */
export const ARROWS = ['->', '=>', '→', '⟶'] as const;

/**
 * A listing row's State column: `start` follows a port (`192.0.2.17:50352   CLOSE`, `*:*  CLOSE`), with spaces or
 * tabs (at least one, at most 60) between, as net-tools' netstat prints a socket in CLOSE.
 */
function afterPort(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && start - i < 60 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  if (i === start) return false;
  let d = i;
  while (d > 0 && i - d < 5 && ((text.charCodeAt(d - 1) >= 48 && text.charCodeAt(d - 1) <= 57) || text.charCodeAt(d - 1) === 42)) d--;
  return d < i && text.charCodeAt(d - 1) === 58;
}

/** An arrow before `start` or after `end`, with at most 60 spaces or tabs between (bcc tcpstates pads its columns). */
function besideArrow(text: string, start: number, end: number): boolean {
  let b = start;
  while (b > 0 && start - b < 60 && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
  let a = end;
  while (a < text.length && a - end < 60 && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  return ARROWS.some((arrow) => text.startsWith(arrow, b - arrow.length) || text.startsWith(arrow, a));
}

/** What follows a net-tools timer name: ` (38.12/0/0)` (netstat.c prints `%s (%2.2f/%ld/%d)`). */
export const NETSTAT_TIMER_AFTER = /^ \(\d{1,12}(?:\.\d{1,12})?\//;

/**
 * An English-word state in capitals (`CLOSED`, `LISTEN`) used as English, not as a state: on a line about another
 * state machine's (notTcpWords.ts), as a `Status:` label's value, a task's status in a task table (taskTable.ts),
 * or in the idiom `LISTEN UP`. Never asked of unambiguous
 * spellings (`TIME_WAIT`). Each look stays on the line and within 400 characters (as the grammar's do).
 */
function notAStateWord(text: string, start: number, end: number): boolean {
  if (text.startsWith(' UP', end) && !isWordChar(text.charCodeAt(end + 3))) return true;
  const before = lineBefore(text, start);
  if (otherMachineLine(before, lineAfter(text, end))) return true;
  // A table cell: its line starts with `|` (a line longer than what lineBefore reads is looked at whole).
  let i = 0;
  while (i < before.length && (before.charCodeAt(i) === 32 || before.charCodeAt(i) === 9)) i++;
  return (before.length >= 400 || before.charCodeAt(i) === 124) && taskTableStatus(text, start, end);
}

/** Up to 400 characters after `pos` on its line. */
function lineAfter(text: string, pos: number): string {
  const max = Math.min(text.length, pos + 400);
  let e = pos;
  while (e < max) {
    const c = text.charCodeAt(e);
    if (c === 10 || c === 13) break;
    e++;
  }
  return text.slice(pos, e);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnumCode(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A character TOKEN_PATTERN can put in a token: a word character, `-`, `\`, `＿` or `－`. */
function isTokenChar(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 92 || c === 0xff3f || c === 0xff0d;
}

/**
 * The token pass, prefiltered: tokenises only around the places where a state spelling can start
 * (STATE_CANDIDATE_PATTERN), and returns the lines holding such places (for the spaced pattern). Tokenising
 * restarts after a character no token can hold (or where the last token ended), where the whole-text
 * tokeniser would be too, so each token read is the one the whole-text pass reads, and read once.
 */
function candidateTokens(text: string, out: RawMention[]): LineRuns {
  const lines: LineRuns = [];
  const candidates = STATE_CANDIDATE_PATTERN;
  let done = 0;
  candidates.lastIndex = 0;
  for (let c = candidates.exec(text); c; c = candidates.exec(text)) {
    const p = c.index;
    addLine(lines, text, p);
    if (p >= done) {
      let s = p;
      while (s > done && isTokenChar(text.charCodeAt(s - 1))) s--;
      TOKEN_PATTERN.lastIndex = s;
      for (let m = TOKEN_PATTERN.exec(text); m; m = TOKEN_PATTERN.exec(text)) {
        tokenMention(text, m[0], m.index, out);
        done = TOKEN_PATTERN.lastIndex;
        if (done > p) break;
      }
      if (done <= p) done = text.length;
    }
    candidates.lastIndex = Math.max(done, p + 1);
  }
  return lines;
}

/** Which lines each pass reads: undefined for all of them (the unfiltered scan). */
interface Runs {
  readonly lines: Record<LinePass, LineRuns>;
  readonly spaced: LineRuns;
}

function stateMentions(text: string, out: RawMention[], runs: Runs | undefined): void {
  if (runs === undefined) eachMatch(TOKEN_PATTERN, text, (m, at) => tokenMention(text, m[0], at, out));
  const spaced = (m: RegExpExecArray, at: number) => {
    const hit = lookupStateSpelling(m[0]);
    if (!hit) return;
    out.push({ start: at, end: at + m[0].length, text: m[0], kind: 'state', id: hit.state, families: hit.families });
  };
  eachMatch(SPACED_PATTERN, text, spaced, runs?.spaced);
  eachMatch(LOWER_SPACED_PATTERN, text, spaced, runs?.spaced);
  eachMatch(PROC_ROW_PATTERN, text, (m, at) => {
    const hex = (m[1] ?? '').toUpperCase();
    const state = PROC_NET_TCP_HEX.get(hex);
    if (!state) return;
    const end = at + m[0].length;
    out.push({ start: end - 2, end, text: m[1] ?? hex, kind: 'state', id: state, families: ['proc-hex'] });
  }, runs?.lines.proc);
}

/** `-m state --state ESTABLISHED,RELATED`, `--ctstate NEW,ESTABLISHED` (iptables matches, any case). */
export const CONNTRACK_MATCH_PATTERN = /--(?:ct)?state[ \t]{1,8}([A-Za-z_,]{3,120})/g;
/** `conntrack -L` and /proc/net/nf_conntrack rows: `tcp      6 431999 ESTABLISHED src=…`. */
export const CONNTRACK_ROW_PATTERN = /^[ \t]*(?:ipv[46][ \t]+\d{1,2}[ \t]+)?tcp[ \t]+6[ \t]+\d{1,10}[ \t]+([A-Z_2]{3,12})(?=[ \t]+src=)/gm;

/**
 * A conntrack state named right after the word (`the conntrack TIME_WAIT entry`): the table's entry, not a socket.
 * The names as the table spells them (CT_TCP_TIMEOUTS); `conntrack FIN_WAIT1` is no such name and stays a state.
 */
export const CONNTRACK_PROSE_PATTERN = new RegExp(`(?<![A-Za-z0-9_])[Cc]onntrack[ \\t](${Object.keys(CT_TCP_TIMEOUTS).sort((a, b) => b.length - a.length).join('|')})(?![A-Za-z0-9_])`, 'g');

function conntrackMentions(text: string, out: RawMention[], runs: Runs | undefined): void {
  eachMatch(CONNTRACK_PROSE_PATTERN, text, (m, at) => {
    const state = m[1] ?? '';
    const end = at + m[0].length;
    out.push({ start: end - state.length, end, text: state, kind: 'conntrack', id: state });
  }, runs?.lines.conntrackMatch);
  eachMatch(CONNTRACK_MATCH_PATTERN, text, (m, from) => {
    const list = m[1] ?? '';
    let at = from + m[0].length - list.length;
    for (const item of list.split(',')) {
      const upper = item.toUpperCase();
      if (CT_MATCH_STATES.has(upper)) out.push({ start: at, end: at + item.length, text: item, kind: 'conntrack', id: upper });
      at += item.length + 1;
    }
  }, runs?.lines.conntrackMatch);
  eachMatch(CONNTRACK_ROW_PATTERN, text, (m, at) => {
    const state = m[1] ?? '';
    if (!(state in CT_TCP_TIMEOUTS)) return;
    const end = at + m[0].length;
    out.push({ start: end - state.length, end, text: state, kind: 'conntrack', id: state });
  }, runs?.lines.conntrackRow);
}

/**
 * `summaries` receives [start, end) of each sockstat and `ss -s` summary line, from its `TCP:` to the end of the
 * line: the words there are the summary's fields (`estab 512, closed 30, synrecv 0`), not states.
 */
function termMentions(text: string, out: RawMention[], runs: Runs | undefined, summaries: number[]): void {
  const sysctl = (m: RegExpExecArray, at: number) => {
    const id = SYSCTL_NAMES.get(m[1] ?? '');
    if (!id) return;
    const end = at + m[0].length;
    if (insideUrl(text, at, end)) return;
    out.push({ start: at, end, text: m[0], kind: 'sysctl', id });
  };
  eachMatch(SYSCTL_PATTERN, text, sysctl, runs?.lines.sysctl);
  eachMatch(CORE_SYSCTL_PATTERN, text, sysctl, runs?.lines.sysctl);
  eachMatch(SHORT_SYSCTL_PATTERN, text, (m, at) => {
    const id = SYSCTL_NAMES.get(`tcp_${m[1] ?? ''}`);
    if (!id) return;
    const end = at + m[0].length;
    if (insideUrl(text, at, end)) return;
    out.push({ start: at, end, text: m[0], kind: 'sysctl', id });
  }, runs?.lines.sysctl);
  eachMatch(COUNTER_PATTERN, text, (m, at) => {
    const id = COUNTER_IDS.get(m[0]);
    if (!id) return;
    out.push({ start: at, end: at + m[0].length, text: m[0], kind: 'counter', id });
  }, runs?.lines.counter);
  // All phrase matches, then a left-to-right sweep that keeps the longest at each place and skips what it
  // covers (what one alternation of every phrase would match).
  const found: { start: number; text: string }[] = [];
  for (const pattern of PHRASE_PATTERNS) eachMatch(pattern, text, (m, at) => found.push({ start: at, text: m[0] }), runs?.lines.phrase);
  found.sort((a, b) => a.start - b.start || b.text.length - a.text.length);
  let covered = 0;
  for (const f of found) {
    if (f.start < covered) continue;
    const start = f.start;
    const end = start + f.text.length;
    covered = end;
    const hit = PHRASES.get(f.text.replace(/^TCP: /i, '').toLowerCase());
    if (!hit) continue;
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    out.push({ start, end, text: f.text, kind: hit.kind, id: hit.id });
  }
  const fields = (pattern: RegExp, field: RegExp, map: (name: string) => string) => {
    eachMatch(pattern, text, (m, at) => {
      const line = m[0];
      summaries.push(at, lineEnd(text, at + line.length));
      field.lastIndex = 0;
      for (let f = field.exec(line); f; f = field.exec(line)) {
        const name = f[1] ?? '';
        const start = at + f.index;
        out.push({ start, end: start + name.length, text: name, kind: 'sockstat', id: map(name) });
      }
    }, runs?.lines.sockstat);
  };
  fields(SOCKSTAT_LINE_PATTERN, SOCKSTAT_FIELD, (n) => `sockstat.${n}`);
  fields(SS_SUMMARY_LINE_PATTERN, SS_SUMMARY_FIELD, (n) => (n === 'orphaned' ? 'sockstat.orphan' : 'sockstat.tw'));
  eachMatch(SOCKETS_USED_PATTERN, text, (m, at) => {
    const start = at + m[0].indexOf('sockets:');
    out.push({ start, end: at + m[0].length, text: text.slice(start, at + m[0].length), kind: 'sockstat', id: 'sockstat.sockets-used' });
  }, runs?.lines.sockstat);
}

function lineEnd(text: string, pos: number): number {
  let e = pos;
  while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
  return e;
}

/** Drops the states and aggregates inside the summary lines' ranges (one range per line, so none overlap). */
function dropStatesIn(mentions: RawMention[], summaries: readonly number[]): RawMention[] {
  if (summaries.length === 0) return mentions;
  const ranges: [number, number][] = [];
  for (let i = 0; i < summaries.length; i += 2) ranges.push([summaries[i] as number, summaries[i + 1] as number]);
  ranges.sort((a, b) => a[0] - b[0]);
  mentions.sort((a, b) => a.start - b.start);
  let r = 0;
  return mentions.filter((m) => {
    while (r < ranges.length && (ranges[r] as [number, number])[1] < m.start) r++;
    if (m.kind !== 'state' && m.kind !== 'aggregate') return true;
    const range = ranges[r];
    return !(range && m.start >= range[0] && m.end <= range[1]);
  });
}

/**
 * Removes overlaps: the longer mention wins, then the more specific kind (a kernel message contains
 * `tcp_mem`; `timewait` in an `ss -s` line is the sockstat field, not the state).
 */
function resolveOverlaps(mentions: RawMention[]): RawMention[] {
  mentions.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || KIND_PRIORITY[b.kind] - KIND_PRIORITY[a.kind]);
  const out: RawMention[] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      const lastLen = last.end - last.start;
      const len = m.end - m.start;
      if (len > lastLen || (len === lastLen && KIND_PRIORITY[m.kind] > KIND_PRIORITY[last.kind])) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

/** LINE_ANCHOR_PATTERN's anchors: the counter names and kernel messages of the catalogue, as the passes read them. */
export const LINE_ANCHOR_PATTERN = lineAnchorPattern([...COUNTER_IDS.keys()], [...PHRASES.keys()], SHORT_SYSCTL_NAMES);

export interface FindOptions {
  /**
   * false: every pass reads the whole text (the reference the prefilter is tested against). Default true:
   * each pass reads only the lines that can hold its matches (prefilter.ts); the result is the same.
   */
  readonly prefilter?: boolean;
}

/** All mentions in `text`, sorted by start, non-overlapping. Pure and linear in the text length. */
export function findMentions(note: string, options?: FindOptions): RawMention[] {
  // A byte-order mark reads as the start of the text (same length, so every offset stays put).
  const text = note.charCodeAt(0) === 0xfeff ? ` ${note.slice(1)}` : note;
  const out: RawMention[] = [];
  let runs: Runs | undefined;
  if (options?.prefilter !== false) runs = { spaced: candidateTokens(text, out), lines: lineRuns(text, LINE_ANCHOR_PATTERN) };
  stateMentions(text, out, runs);
  const summaries: number[] = [];
  termMentions(text, out, runs, summaries);
  conntrackMentions(text, out, runs);
  return resolveOverlaps(dropStatesIn(out, summaries));
}
