/**
 * Findings in the shape `check` prints (`{ line, character, length, kind, rule, message, source }`, 0-based line,
 * UTF-16 character, like `scan`): here the state typos of the core detector. Misconception findings join the
 * same list when that rule set lands. Pure: no `vscode`, no Node built-ins.
 */
import type { NoteModel } from '../note/model';
import type { Lang, Localized } from '../catalogue/types';
import { t } from '../strings';
import { findStateTypos } from '../note/typos';

export interface Finding {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  readonly kind: 'typo' | 'misconception';
  readonly rule: string;
  readonly message: string;
  /** A public page a reader can open. */
  readonly source: string;
}

const TYPO_ONE: Localized = { en: 'not a TCP state — did you mean {a}?', 'zh-cn': '不是 TCP 状态——您是想写 {a} 吗？' };
const TYPO_TWO: Localized = { en: 'not a TCP state — did you mean {a} or {b}?', 'zh-cn': '不是 TCP 状态——您是想写 {a} 还是 {b}？' };
/** The list of TCP states (RFC 9293 §3.3.2). */
export const STATE_LIST_SOURCE = 'https://www.rfc-editor.org/rfc/rfc9293#section-3.3.2';

export function typoFindings(model: NoteModel, lang: Lang): Finding[] {
  return findStateTypos(model.text, model).map((typo) => {
    const p = model.lines.positionAt(typo.start);
    const [a, b] = typo.suggestions;
    return {
      line: p.line,
      character: p.character,
      length: typo.end - typo.start,
      kind: 'typo' as const,
      rule: 'state-typo',
      message: b ? t(TYPO_TWO, lang, { a: a?.text ?? typo.suggestion, b: b.text }) : t(TYPO_ONE, lang, { a: typo.suggestion }),
      source: STATE_LIST_SOURCE,
    };
  });
}
