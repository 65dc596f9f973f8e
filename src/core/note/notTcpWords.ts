/**
 * Words that make the English-word states on their line another state machine's words: ticket workflows, a circuit
 * breaker's move to OPEN, and a document's or a ticket's `Status:` label. The recogniser
 * (recognize.ts) asks otherMachineLine; the grammar (grammar.ts) builds the same look-arounds from these lists.
 * Pure: no `vscode`, no Node built-ins.
 */

/**
 * Upper-case words of other state machines: a line that has one is about those, and the English-word states on it
 * are their words — ticket workflows (Jira, GitHub projects: `OPEN → IN PROGRESS → CLOSED`). OPEN alone, TODO and
 * DONE are left out: OPEN is also the RFC 793 user call (`passive OPEN`), and TODO/DONE mark notes about sockets too.
 * Log levels are left out as well: a monitoring line (`INFO tcpstat: ESTABLISHED=5231`, `TCP WARNING - ESTABLISHED:
 * 5231`) counts real sockets.
 */
export const TICKET_WORDS = ['IN PROGRESS', 'IN REVIEW', 'RESOLVED', 'REOPENED', 'WONTFIX'] as const;
/**
 * A circuit breaker's move to OPEN (`CLOSED -> OPEN`): TCP has no OPEN state (each list has a pattern of its own:
 * small alternations keep the ReDoS check fast). HALF-OPEN is left out: a half-open connection is TCP's too.
 */
export const BREAKER_WORDS = ['-> OPEN', '→ OPEN'] as const;
/** Every word that makes the English-word states on its line another machine's words (the grammar reads the same). */
export const NOT_TCP_LINE_WORDS: readonly string[] = [...TICKET_WORDS, ...BREAKER_WORDS];
/** A ticket word before the state on its line (a whole word: no word character either side). */
export const TICKET_BEFORE = new RegExp(`(?:^|[^A-Za-z0-9_])(?:${TICKET_WORDS.join('|')})(?![A-Za-z0-9_])`);
/** A circuit breaker's word before the state on its line. */
export const BREAKER_BEFORE = new RegExp(`(?:^|[^A-Za-z0-9_])(?:${BREAKER_WORDS.join('|')})(?![A-Za-z0-9_])`);
/** A ticket word after the state on its line. */
export const TICKET_AFTER = new RegExp(`(?<![A-Za-z0-9_])(?:${TICKET_WORDS.join('|')})(?![A-Za-z0-9_])`);
/** A circuit breaker's word after the state on its line. */
export const BREAKER_AFTER = new RegExp(`(?<![A-Za-z0-9_])(?:${BREAKER_WORDS.join('|')})(?![A-Za-z0-9_])`);
/**
 * The labels of a document's or a ticket's status: `Status:`, and in Chinese a ticket's (工单状态, 问题状态) — a bare
 * 状态： is too often a socket's (连接状态：ESTABLISHED) to be one.
 */
export const STATUS_LABELS = ['status', '工单状态', '问题状态', '任务状态', '需求状态', '缺陷状态', '事件状态', 'bug状态', 'bug 状态', 'jira 状态', 'jira状态'] as const;
/** A status label (any case, maybe emphasised, after list or quote markers; `:` or `：`) that starts the line. */
export const STATUS_LABEL_BEFORE = new RegExp(`^[ \\t>*+-]{0,12}(?:${STATUS_LABELS.join('|')})[*_]{0,2}[:：][ \\t*_\`]{0,8}$`, 'i');

/**
 * Whether the text before an English-word state on its line (`before`, up to a status label's colon) or after it
 * (`after`) makes it another machine's word. Each is at most 400 characters of one line.
 */
export function otherMachineLine(before: string, after: string): boolean {
  // Every word of the lists has a capital letter, and a status label ends with a colon: a listing row (`ESTAB 0 0
  // 10.0.0.1:443 …`) has neither around its state, and needs no pattern at all.
  const upperBefore = hasCapital(before);
  if ((upperBefore || before.includes(':') || before.includes('：')) && STATUS_LABEL_BEFORE.test(before)) return true;
  if (upperBefore && (TICKET_BEFORE.test(before) || BREAKER_BEFORE.test(before))) return true;
  return hasCapital(after) && (TICKET_AFTER.test(after) || BREAKER_AFTER.test(after));
}

function hasCapital(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}
