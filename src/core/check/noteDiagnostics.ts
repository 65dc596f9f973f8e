/**
 * The editor diagnostics of a note — look-alikes of state names and common wrong claims — and their quick
 * fixes, as plain data in note offsets. The one source of both the VS Code diagnostics
 * (src/features/diagnostics.ts) and the language server's (src/lsp/diagnostics.ts); each adapter only converts
 * offsets and kinds to its own types. Messages are the same as `tcp-state-notes check` prints.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized } from '../catalogue/types';
import { findMisconceptions } from '../knowledge/misconceptions';
import type { NoteModel } from '../note/model';
import { findStateTypos, type Typo } from '../note/typos';
import { t } from '../strings';
import { stateSource, typoMessage, TYPO_RULE } from './findings';

/** Diagnostic code of a misconception: `misconception:<rule>`; typos have TYPO_RULE (`state-typo`). */
export const MISCONCEPTION_PREFIX = 'misconception:';
export const DIAGNOSTIC_SOURCE = 'TCP State Notes';

export interface NoteDiagnostic {
  /** Note offsets (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** `state-typo` or `misconception:<rule>`. */
  readonly code: string;
  /** Public URL where the correct name or fact can be read. */
  readonly href: string;
}

export interface QuickFix {
  readonly title: string;
  /** Replace the diagnostic's range with this text (typos). */
  readonly replacement?: string;
  /** Applied without asking (only when there is a single, certain fix). */
  readonly preferred: boolean;
  /** Open the explanation of this misconception rule (claims). */
  readonly explainRule?: string;
}

const FIX_TEXT = {
  replaceWith: { en: 'Replace with {text}', 'zh-cn': '替换为 {text}' },
  explainClaim: { en: 'Explain why this claim is wrong', 'zh-cn': '解释这个说法错在哪里' },
} as const satisfies Record<string, Localized>;

/** The typos of a note (the model lets the scan skip evidence and known mentions). */
export function noteTypos(text: string, model?: NoteModel): readonly Typo[] {
  return findStateTypos(text, model);
}

/**
 * Diagnostics an editor gets for one note, at most: a note of pasted junk can hold a hundred thousand look-alikes
 * (one 3 MB line gave 120,000, 40 MB of JSON that froze Neovim). `tcp-state-notes check` still lists them all.
 */
export const MAX_NOTE_DIAGNOSTICS = 1000;

/**
 * Every diagnostic of a note, at most MAX_NOTE_DIAGNOSTICS: the typos given (see noteTypos; adapters cache them for
 * the quick fixes), then the claims. Over the limit the claims are kept and the typos cut, in note order.
 */
export function noteDiagnostics(text: string, typos: readonly Typo[], lang: Lang): NoteDiagnostic[] {
  const claims = findMisconceptions(text, { lang }).slice(0, MAX_NOTE_DIAGNOSTICS);
  const room = MAX_NOTE_DIAGNOSTICS - claims.length;
  return [
    ...typos.slice(0, room).map((typo) => ({ start: typo.start, end: typo.end, message: typoMessage(typo, lang), code: TYPO_RULE, href: stateSource(typo.suggestionId) })),
    ...claims.map((c) => ({ start: c.start, end: c.end, message: c.message, code: `${MISCONCEPTION_PREFIX}${c.rule}`, href: c.source })),
  ];
}

/**
 * The quick fixes of one diagnostic (its code and note range): a replacement per suggestion for a typo that
 * is still there (a diagnostic of an older version whose range no longer holds the typo gets none; preferred
 * only when there is no doubt — FIN_WAIT3 could be FIN_WAIT1 or FIN_WAIT2), an explanation for a claim.
 */
export function quickFixes(code: string, start: number, end: number, typos: readonly Typo[], lang: Lang): QuickFix[] {
  if (code.startsWith(MISCONCEPTION_PREFIX)) {
    return [{ title: t(FIX_TEXT.explainClaim, lang), preferred: false, explainRule: code.slice(MISCONCEPTION_PREFIX.length) }];
  }
  if (code !== TYPO_RULE) return [];
  const typo = typos.find((x) => x.start === start && x.end === end);
  if (!typo) return [];
  return typo.suggestions.map((s) => ({ title: t(FIX_TEXT.replaceWith, lang, { text: s.text }), replacement: s.text, preferred: typo.suggestions.length === 1 }));
}
