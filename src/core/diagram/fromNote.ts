/**
 * From a note model (and optionally a section) to the diagram's input. Pure: no vscode.
 */
import { mentionCounts } from '../note/indexes';
import { withinRange, type NoteModel, type Transition } from '../note/model';
import { orderedListTransitions } from '../note/transitions';
import { isDiagramEdge } from './graph';
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
 * The transitions a note writes, for every consumer (the diagram panel, its SVG and PNG exports, the linked SVG,
 * Mermaid, the CLI): the arrows and words on a line (`A -> B`, `A → B`, `从A进入B`), as written, and the ordered
 * lists that read as one endpoint's path, whose every step is an edge of the state diagram.
 */
export function noteTransitions(model: NoteModel): Transition[] {
  return [...model.transitions, ...orderedListTransitions(model, isDiagramEdge)];
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
  const atLeast: StateId[] = [];
  for (const [state, c] of current.counts) {
    counts[state] = c.count;
    if (c.atLeast) atLeast.push(state);
  }
  const countSource = countsSourceText(current, lang)?.replace(/`/g, '');
  const line = current.from?.line ?? current.sources[current.sources.length - 1]?.line;
  const block = line === undefined ? undefined : model.evidence.find((b) => b.startLine <= line && line < b.endLine);
  const transitions = noteTransitions(model)
    .filter((t) => inRange(t.start, t.end))
    .map((t) => ({ from: t.from, to: t.to }));
  return {
    input: { mentions, counts, ...(atLeast.length ? { atLeast } : {}), transitions, ...(countSource ? { countSource } : {}), ...(title ? { title } : {}) },
    countBlock: block?.index,
  };
}
