/**
 * The orphan verdict of each state and its short wording, read from the catalogue (`states.ts` through
 * stateGists.ts, facts §2.7)
 * in one place for every consumer: hover, diagram, Markdown preview, snapshot suggestions, template choice.
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_GISTS } from './stateGists';
import { STATE_IDS, type Lang, type OrphanVerdict, type StateId } from './types';

export function orphanVerdict(id: StateId): OrphanVerdict {
  return STATE_GISTS[id].orphan.verdict;
}

/** Every state's verdict (a table for tests and renderers). */
export const ORPHAN_VERDICT: Readonly<Record<StateId, OrphanVerdict>> = Object.fromEntries(STATE_IDS.map((id) => [id, orphanVerdict(id)])) as Record<
  StateId,
  OrphanVerdict
>;

/** The verdict's one line as the catalogue writes it (Markdown code spans kept), without its full stop. */
export function orphanHeadline(id: StateId, lang: Lang): string {
  const h = STATE_GISTS[id].orphan.headline;
  return (lang === 'zh-cn' ? h['zh-cn'] : h.en).replace(/[.。]\s*$/, '');
}

/** The short wording as plain text: "the typical orphan", "never an orphan: the application still holds the fd". */
export function orphanShort(id: StateId, lang: Lang): string {
  return orphanHeadline(id, lang).split('`').join('');
}

/**
 * States people take for orphans although they are not (facts §2.7): the diagram marks them "not orphan",
 * and template choice ranks their variants right after the orphan states.
 */
export const MISTAKEN_FOR_ORPHAN: readonly StateId[] = ['CLOSE-WAIT', 'TIME-WAIT'];

/** Among states of one verdict: the one holding most orphans in practice first. Order only; membership is the catalogue's. */
const BY_PREVALENCE: readonly StateId[] = ['FIN-WAIT-1', 'LAST-ACK', 'CLOSING', 'FIN-WAIT-2'];
const VERDICT_RANK: Readonly<Record<OrphanVerdict, number>> = { yes: 0, caveat: 1, no: 2 };
const prevalence = (id: StateId): number => {
  const i = BY_PREVALENCE.indexOf(id);
  return i < 0 ? BY_PREVALENCE.length : i;
};

/**
 * The states a socket can be an orphan in, per the catalogue (verdict `yes` or `caveat`), real orphans first:
 * FIN-WAIT-1, LAST-ACK, CLOSING, then FIN-WAIT-2. Ties in snapshot suggestions and template choice go this way.
 */
export const ORPHAN_PRONE: readonly StateId[] = STATE_IDS.filter((id) => orphanVerdict(id) !== 'no').sort(
  (a, b) => VERDICT_RANK[orphanVerdict(a)] - VERDICT_RANK[orphanVerdict(b)] || prevalence(a) - prevalence(b),
);
