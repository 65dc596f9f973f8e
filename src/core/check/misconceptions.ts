/**
 * Where the misconception rules (core/knowledge/misconceptions.ts) plug into `check`: their findings reduced to
 * the fields every `check` finding has, and each rule's own claim and fact for the SARIF rule table.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import { MISCONCEPTION_BY_ID, findMisconceptions } from '../knowledge/misconceptions';

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

export function misconceptionsOf(text: string, lang: Lang): readonly MisconceptionHit[] {
  return findMisconceptions(text, { lang }).map(({ line, character, length, rule, message, source }) => ({
    line,
    character,
    length,
    rule,
    message,
    source,
  }));
}

/** The rule's wrong claim (short) and the correct fact (full), for SARIF's rule descriptions. */
export function misconceptionRuleText(rule: string, lang: Lang): { claim: string; fact: string } | undefined {
  const r = MISCONCEPTION_BY_ID.get(rule);
  return r ? { claim: r.claim[lang], fact: r.fact[lang] } : undefined;
}
