/**
 * From a note model (and optionally a section) to the diagram's input. Pure: no vscode.
 */
import { mentionCounts } from '../note/indexes';
import { withinRange, type NoteModel } from '../note/model';
import { orderedListTransitions } from '../note/transitions';
import type { StateId } from '../catalogue/types';
import type { DiagramInput } from './model';
import type { Lang } from '../catalogue/types';
import { countsSourceText, noteCounts } from '../report/currentCounts';

export interface DiagramSource {
  readonly input: Omit<DiagramInput, 'showLinux'>;
  /** The evidence block of the latest whole count the counts start from (else of their latest sample), if any. */
  readonly countBlock: number | undefined;
}

/**
 * Mentions and transitions inside [start, end); the counts are the report's (report/currentCounts.ts: per state,
 * the latest count that speaks for it), so the diagram shows the note's latest moment, and `countSource` says which
 * sample(s) they come from (its line and time). A sample the panel's timeline chooses replaces them there.
 */
export function diagramSource(model: NoteModel, lang: Lang, range?: { start: number; end: number }, title?: string): DiagramSource {
  const inRange = (s: number, e: number) => withinRange(range, s, e);
  const mentions = mentionCounts(model.mentions.filter((m) => inRange(m.start, m.end)));
  const current = noteCounts(model, range);
  const counts: Partial<Record<StateId, number>> = {};
  for (const [state, c] of current.counts) counts[state] = c.count;
  const countSource = countsSourceText(current, lang)?.replace(/`/g, '');
  const line = current.from?.line ?? current.sources[current.sources.length - 1]?.line;
  const block = line === undefined ? undefined : model.evidence.find((b) => b.startLine <= line && line < b.endLine);
  const transitions = [...model.transitions, ...orderedListTransitions(model)]
    .filter((t) => inRange(t.start, t.end))
    .map((t) => ({ from: t.from, to: t.to }));
  return {
    input: { mentions, counts, transitions, ...(countSource ? { countSource } : {}), ...(title ? { title } : {}) },
    countBlock: block?.index,
  };
}
