/**
 * Words that make the English-word states on their line another state machine's words: ticket workflows, a circuit
 * breaker, other protocols (BGP, WebSocket), and a document's or a ticket's `Status:` label or JSON `"status"` key.
 * The recogniser (recognize.ts) asks otherMachineLine; the grammar (grammar.ts) builds the same look-arounds from
 * these lists.
 * Pure: no `vscode`, no Node built-ins.
 */
import { isWordChar } from '../evidence/text';

/**
 * Upper-case words of other state machines: a line that has one is about those, and the English-word states on it
 * are their words — ticket workflows (Jira, GitHub projects: `OPEN → IN PROGRESS → CLOSED`). OPEN alone, TODO and
 * DONE are left out: OPEN is also the RFC 793 user call (`passive OPEN`), and TODO/DONE mark notes about sockets too.
 * Log levels are left out as well: a monitoring line (`INFO tcpstat: ESTABLISHED=5231`, `TCP WARNING - ESTABLISHED:
 * 5231`) counts real sockets.
 */
export const TICKET_WORDS = ['IN PROGRESS', 'IN REVIEW', 'RESOLVED', 'REOPENED', 'WONTFIX', 'MERGED'] as const;
/**
 * A circuit breaker's states (`CLOSED -> OPEN`, Resilience4j's `from HALF_OPEN to CLOSED`): TCP has no OPEN state.
 * HALF-OPEN with a hyphen is left out: a half-open connection is TCP's too; the enum name `HALF_OPEN` is not.
 */
export const BREAKER_WORDS = ['-> OPEN', '→ OPEN', 'to OPEN', 'HALF_OPEN'] as const;
/**
 * Other protocols whose states share TCP's English words, by names no line about sockets uses: IKE's
 * ESTABLISHED, the WebSocket readyState (CONNECTING, OPEN, CLOSING, CLOSED), PostgreSQL's LISTEN/NOTIFY.
 */
export const PROTOCOL_WORDS = ['IKEv2', 'IKE_SA', 'readyState', 'NOTIFY', 'UNLISTEN'] as const;
/** Every word that makes the English-word states on its line another machine's words (the grammar reads the same). */
export const NOT_TCP_LINE_WORDS: readonly string[] = [...TICKET_WORDS, ...BREAKER_WORDS, ...PROTOCOL_WORDS];
/**
 * Names of other machines that are as often the subject of a line about TCP sockets (a WebSocket gateway's
 * ESTABLISHED connections, the BGP daemon's listener, sockets piling up until a circuit breaker opened): they make
 * the line another machine's only when it names nothing of sockets (TCP_LINE_WORDS, an `addr:port`). The grammar
 * cannot see that and colours such lines (README: line-based limits).
 */
export const SUBJECT_WORDS = ['CircuitBreaker', 'circuit breaker', 'Circuit breaker', 'Circuit Breaker', '熔断', 'BGP', 'OSPF', 'IPsec', 'WebSocket', 'websocket', 'Websocket'] as const;
/** Words of a line about sockets (whole words; the Chinese ones anywhere). */
const TCP_LINE_WORDS = ['socket', 'sockets', 'connection', 'connections', 'conn', 'conns', 'port', 'ports', 'ss', 'netstat', 'TCP', 'tcp'] as const;
const TCP_LINE_WORDS_ZH = ['连接', '套接字', '端口'] as const;
/**
 * The labels of a document's or a ticket's status: `Status:`, and in Chinese a ticket's (工单状态, 问题状态) — a bare
 * 状态： is too often a socket's (连接状态：ESTABLISHED) to be one.
 */
export const STATUS_LABELS = ['status', '工单状态', '问题状态', '任务状态', '需求状态', '缺陷状态', '事件状态', 'bug状态', 'bug 状态', 'jira 状态', 'jira状态'] as const;
/** A status label (any case, maybe emphasised, after list or quote markers; `:` or `：`) that starts the line. */
export const STATUS_LABEL_BEFORE = new RegExp(`^[ \\t>*+-]{0,12}(?:${STATUS_LABELS.join('|')})[*_]{0,2}[:：][ \\t*_\`]{0,8}$`, 'i');
/** A JSON or YAML `"status"` key anywhere on the line, right before the state (`{"id": 7, "status": "CLOSED"}`). */
export const STATUS_KEY_BEFORE = /"status"[ \t]{0,3}:[ \t]{0,3}"$/i;

/**
 * Whether the text before an English-word state on its line (`before`, up to a status label's colon) or after it
 * (`after`) makes it another machine's word. Each is at most 400 characters of one line.
 */
export function otherMachineLine(before: string, after: string): boolean {
  if ((before.includes(':') || before.includes('：')) && (STATUS_LABEL_BEFORE.test(before) || STATUS_KEY_BEFORE.test(before))) return true;
  // One scan each for a capital: a listing row has none around its state and is answered here.
  const capsBefore = hasCapital(before);
  const capsAfter = hasCapital(after);
  if ((capsBefore && hasWord(before, NOT_TCP_LINE_WORDS)) || (capsAfter && hasWord(after, NOT_TCP_LINE_WORDS))) return true;
  return (hasSubject(before, capsBefore) || hasSubject(after, capsAfter)) && !aboutSockets(before) && !aboutSockets(after);
}

/**
 * Stems of the SUBJECT_WORDS without a capital letter. Every word of NOT_TCP_LINE_WORDS has a capital, and every
 * name of SUBJECT_WORDS a capital or one of these (test/unit/recognizeContext.test.ts checks both): a listing row,
 * with no capital around its state, is ruled out by one scan.
 */
export const UNCAPPED_STEMS = ['熔断', 'ircuit', 'ebsocket'] as const;

/** A SUBJECT_WORDS name, not part of a longer name (`websocket-gw`, `bird-BGP` are process names in a listing). */
function hasSubject(s: string, caps: boolean): boolean {
  if (!caps && !UNCAPPED_STEMS.some((w) => s.includes(w))) return false;
  return hasWord(s, SUBJECT_WORDS, true);
}

export function hasCapital(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

/** The text names sockets: a TCP word, or an address with its port (`10.0.0.1:443`, `[::1]:22`, `*:*` rows). */
function aboutSockets(s: string): boolean {
  if (TCP_LINE_WORDS_ZH.some((w) => s.includes(w)) || hasWord(s, TCP_LINE_WORDS)) return true;
  for (let i = s.indexOf(':'); i > 0; i = s.indexOf(':', i + 1)) {
    const a = s.charCodeAt(i - 1);
    const b = s.charCodeAt(i + 1);
    if ((isDigit(a) || a === 93 || a === 42) && (isDigit(b) || b === 42)) return true;
  }
  return false;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * One of `words` in `s` as a whole word: no letter, digit or `_` touching it (with `name`, no `-`, `.` or `/` either:
 * a part of a longer name). The words are literal, so no pattern.
 */
function hasWord(s: string, words: readonly string[], name = false): boolean {
  const joins = (c: number): boolean => isWordChar(c) || (name && (c === 45 || c === 46 || c === 47));
  for (const w of words) {
    for (let at = s.indexOf(w); at !== -1; at = s.indexOf(w, at + 1)) {
      if ((at === 0 || !joins(s.charCodeAt(at - 1))) && !joins(s.charCodeAt(at + w.length))) return true;
    }
  }
  return false;
}
