/**
 * `check`: the findings of one note — state-name typos and misconceptions — as one sorted list in the shape
 * the CLI prints (`--json`, text, SARIF). Each finding kind comes from its own detector; this module only
 * converts and merges. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized, StateId } from '../catalogue/types';
import type { NoteModel } from '../note/model';
import { t } from '../strings';
import { LineIndex } from '../note/lines';
import { findStateTypos, type Typo } from '../note/typos';
import { misconceptionsOf, type MisconceptionHit } from './misconceptions';
import { TYPO_RULE } from './ruleIds';

export type FindingKind = 'typo' | 'misconception';

export interface Finding {
  /** 0-based line and UTF-16 character (the same positions as `scan --json`); length in UTF-16 code units. */
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly kind: FindingKind;
  /** Stable rule id: `state-typo` for typos, the misconception rule's id otherwise. */
  readonly rule: string;
  readonly message: string;
  /** Public URL where the correct name or fact can be read. */
  readonly source: string;
}

export { TYPO_RULE };

export const CHECK_TEXT = {
  typoOne: { en: 'not a TCP state — did you mean {a}?', 'zh-cn': '不是 TCP 状态——是否想写 {a}？' },
  typoTwo: { en: 'not a TCP state — did you mean {a} or {b}?', 'zh-cn': '不是 TCP 状态——是否想写 {a} 或 {b}？' },
  typoRule: {
    en: 'A look-alike of a TCP state name (FIN_WAIT3, TIME_WAITE, CLOSE_WIAT): searches for the real name miss it.',
    'zh-cn': '形似 TCP 状态名的拼写错误（FIN_WAIT3、TIME_WAITE、CLOSE_WIAT）：按正确名称搜索时找不到它。',
  },
} as const satisfies Record<string, Localized>;

/** Where each state name is defined: RFC 9293's state machine overview, or the kernel enum for Linux-only states. */
const RFC_STATES = 'https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2';
const KERNEL_STATES = 'https://elixir.bootlin.com/linux/v6.12/source/include/net/tcp_states.h';

export function stateSource(state: StateId): string {
  return state === 'NEW-SYN-RECV' || state === 'BOUND-INACTIVE' ? KERNEL_STATES : RFC_STATES;
}

export function typoMessage(typo: Typo, lang: Lang): string {
  const [a, b] = typo.suggestions;
  const first = a?.text ?? typo.suggestion;
  return b ? t(CHECK_TEXT.typoTwo, lang, { a: first, b: b.text }) : t(CHECK_TEXT.typoOne, lang, { a: first });
}

export interface CheckOptions {
  readonly lang?: Lang;
  /** The note's analysis when the caller has it (the typo scan then skips evidence and known mentions). */
  readonly model?: NoteModel;
  /** Misconception source; defaults to the core rules (see ./misconceptions.ts). */
  readonly misconceptions?: (text: string, lang: Lang) => readonly MisconceptionHit[];
}

/** Every finding of a note, sorted by position (then typos before misconceptions, then rule id). */
export function checkNote(text: string, options: CheckOptions = {}): Finding[] {
  const lang = options.lang ?? 'en';
  const lines = options.model?.lines ?? new LineIndex(text);
  const typos: Finding[] = findStateTypos(text, options.model).map((typo) => {
    const p = lines.positionAt(typo.start);
    return { line: p.line, character: p.character, length: typo.end - typo.start, kind: 'typo', rule: TYPO_RULE, message: typoMessage(typo, lang), source: stateSource(typo.suggestionId) };
  });
  const claims: Finding[] = (options.misconceptions ?? misconceptionsOf)(text, lang).map((m) => ({
    line: m.line,
    character: m.character,
    length: m.length,
    kind: 'misconception',
    rule: m.rule,
    message: m.message,
    source: m.source,
  }));
  return [...typos, ...claims].sort((x, y) => x.line - y.line || x.character - y.character || (x.kind === y.kind ? x.rule.localeCompare(y.rule) : x.kind === 'typo' ? -1 : 1));
}
