/**
 * After a capture: is an orphan-prone state dominating, so that the matching diagnosis template variant is
 * worth offering? Pure: no `vscode`, no Node built-ins.
 */
import { ORPHAN_PRONE } from '../catalogue/orphan';
import { STATE_IDS, type StateId } from '../catalogue/types';
import { symptomForState } from '../template/choose';
import type { TemplateSymptom } from '../template/variants';
import type { OrphanLevel } from './pressure';
import type { StateCounts } from './procTcp';

/** States a socket can be an orphan in, from the catalogue's verdicts (facts §2.7). */
export { ORPHAN_PRONE };

/** Fewer sockets than this in the leading state is noise, not a pattern worth a template. */
export const MIN_DOMINANT = 10;

export interface TemplateSuggestion {
  readonly state: StateId;
  readonly count: number;
  readonly symptom: TemplateSymptom;
}

/**
 * Suggests a variant when
 * - the most common state other than LISTEN is orphan-prone and has at least MIN_DOMINANT sockets, or
 * - orphan pressure is at least `quarter` and an orphan-prone state has at least MIN_DOMINANT sockets
 *   (then the largest of them).
 * Ties go to the order of ORPHAN_PRONE (real orphans first).
 */
export function suggestTemplate(counts: StateCounts, level: OrphanLevel = 'unknown'): TemplateSuggestion | undefined {
  let top: StateId | undefined;
  let topCount = 0;
  const candidates = [...ORPHAN_PRONE, ...STATE_IDS.filter((s) => !ORPHAN_PRONE.includes(s) && s !== 'LISTEN')];
  for (const s of candidates) {
    const n = counts[s] ?? 0;
    if (n > topCount) {
      top = s;
      topCount = n;
    }
  }
  let pick: StateId | undefined = top && ORPHAN_PRONE.includes(top) && topCount >= MIN_DOMINANT ? top : undefined;
  if (!pick && (level === 'quarter' || level === 'half' || level === 'over')) {
    let best = 0;
    for (const s of ORPHAN_PRONE) {
      const n = counts[s] ?? 0;
      if (n >= MIN_DOMINANT && n > best) {
        pick = s;
        best = n;
      }
    }
  }
  if (!pick) return undefined;
  const symptom = symptomForState(pick);
  return symptom ? { state: pick, count: counts[pick] ?? 0, symptom } : undefined;
}
