/**
 * The one place where misconception rules plug into `check`. The rules themselves (issue #12 item 4) are a
 * separate core module; until it is wired here, `check` reports typos only and this returns nothing — it never
 * invents findings. Wiring is one line: `return findMisconceptions(text, { lang })`.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';

/** A wrong claim found in a note: 0-based line, UTF-16 character and length, like every `check` finding. */
export interface MisconceptionHit {
  readonly line: number;
  readonly character: number;
  readonly length: number;
  /** Stable rule id ("tw-four-minutes", …). */
  readonly rule: string;
  /** One-line message in the requested language. */
  readonly message: string;
  /** Public URL of the source that states the correct fact. */
  readonly source: string;
}

export function misconceptionsOf(_text: string, _lang: Lang): readonly MisconceptionHit[] {
  return [];
}
