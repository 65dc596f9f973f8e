/**
 * Words that make the English-word states on their line another state machine's words: ticket workflows, a circuit
 * breaker, other protocols (BGP, WebSocket), and a document's or a ticket's `Status:` label or JSON `"status"` key.
 * The recogniser (recognize.ts) asks otherMachineLine; the grammar (grammar.ts) builds the same look-arounds from
 * these lists.
 * Pure: no `vscode`, no Node built-ins.
 */

/**
 * Upper-case words of other state machines: a line that has one is about those, and the English-word states on it
 * are their words — ticket workflows (Jira, GitHub projects: `OPEN → IN PROGRESS → CLOSED`). OPEN alone, TODO and
 * DONE are left out: OPEN is also the RFC 793 user call (`passive OPEN`), and TODO/DONE mark notes about sockets too.
 * Log levels are left out as well: a monitoring line (`INFO tcpstat: ESTABLISHED=5231`, `TCP WARNING - ESTABLISHED:
 * 5231`) counts real sockets.
 */
export const TICKET_WORDS = ['IN PROGRESS', 'IN REVIEW', 'RESOLVED', 'REOPENED', 'WONTFIX', 'MERGED'] as const;
/**
 * A circuit breaker and its states (`CLOSED -> OPEN`, Resilience4j's `from HALF_OPEN to CLOSED`, Sentinel's
 * 熔断器): TCP has no OPEN state.
 * HALF-OPEN with a hyphen is left out: a half-open connection is TCP's too; the enum name `HALF_OPEN` is not.
 */
export const BREAKER_WORDS = ['-> OPEN', '→ OPEN', 'to OPEN', 'HALF_OPEN', 'CircuitBreaker', 'circuit breaker', 'Circuit breaker', 'Circuit Breaker', '熔断'] as const;
/**
 * Other protocols whose states share TCP's English words: BGP's and IKE's Established, the WebSocket readyState
 * (CONNECTING, OPEN, CLOSING, CLOSED), PostgreSQL's LISTEN/NOTIFY.
 */
export const PROTOCOL_WORDS = ['BGP', 'IKEv2', 'IKE_SA', 'IPsec', 'OSPF', 'WebSocket', 'websocket', 'readyState', 'NOTIFY', 'UNLISTEN'] as const;
/** Every word that makes the English-word states on its line another machine's words (the grammar reads the same). */
export const NOT_TCP_LINE_WORDS: readonly string[] = [...TICKET_WORDS, ...BREAKER_WORDS, ...PROTOCOL_WORDS];
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
  return (mayHoldWord(before) && hasListWord(before)) || (mayHoldWord(after) && hasListWord(after));
}

/** The words of the lists without a capital letter (`circuit breaker`, `websocket`, 熔断). */
const UNCAPPED_WORDS = NOT_TCP_LINE_WORDS.filter((w) => !/[A-Z]/.test(w));

/**
 * Whether `s` can hold a word of the lists: a capital letter, or one of the words without one. A listing row
 * (`ESTAB 0 0 10.0.0.1:443 …`) has neither around its state and is answered by this one scan.
 */
function mayHoldWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return UNCAPPED_WORDS.some((w) => s.includes(w));
}

const isWordCode = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** A word of the lists in `s` as a whole word (no letter, digit or `_` touching it; the words are literal, so no pattern). */
export function hasListWord(s: string): boolean {
  for (const w of NOT_TCP_LINE_WORDS) {
    for (let at = s.indexOf(w); at !== -1; at = s.indexOf(w, at + 1)) {
      if ((at === 0 || !isWordCode(s.charCodeAt(at - 1))) && !isWordCode(s.charCodeAt(at + w.length))) return true;
    }
  }
  return false;
}
