/**
 * From a note model (and optionally a section) to the diagram's input. Pure: no vscode.
 */
import { mentionCounts } from '../note/indexes';
import { withinRange, type NoteModel, type Transition } from '../note/model';
import { orderedListTransitions } from '../note/transitions';
import { isDiagramEdge } from './graph';
import type { StateId } from '../catalogue/types';
import type { DiagramInput } from './model';
import { EVIDENCE_KIND_LABEL } from '../strings';
import type { Lang } from '../catalogue/types';

export interface DiagramSource {
  readonly input: Omit<DiagramInput, 'showLinux'>;
  /** The evidence block the counts come from, if any. */
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
 * Mentions and transitions inside [start, end); counts from the most complete evidence block in that range
 * (the one counting the most sockets): several blocks often repeat the same data, so they are not summed.
 */
export function diagramSource(model: NoteModel, lang: Lang, range?: { start: number; end: number }, title?: string): DiagramSource {
  const inRange = (s: number, e: number) => withinRange(range, s, e);
  const mentions = mentionCounts(model.mentions.filter((m) => inRange(m.start, m.end)));
  let best: (typeof model.evidence)[number] | undefined;
  let bestTotal = 0;
  for (const b of model.evidence) {
    if (!inRange(b.start, b.end)) continue;
    const total = Object.values(b.counts).reduce((a, n) => a + (n ?? 0), 0);
    if (total > bestTotal) {
      best = b;
      bestTotal = total;
    }
  }
  const counts: Partial<Record<StateId, number>> = best ? { ...best.counts } : {};
  let countSource: string | undefined;
  if (best) {
    const seg = best.segments.find((s) => Object.keys(s.counts).length > 0) ?? best.segments[0];
    const kind = EVIDENCE_KIND_LABEL[seg?.kind ?? 'ss'];
    const what = (kind ? kind[lang] : 'output').replace(/`/g, '');
    countSource = lang === 'en' ? `${what}, line ${(seg?.startLine ?? best.startLine) + 1}` : `第 ${(seg?.startLine ?? best.startLine) + 1} 行的${what}`;
  }
  const transitions = noteTransitions(model)
    .filter((t) => inRange(t.start, t.end))
    .map((t) => ({ from: t.from, to: t.to }));
  return {
    input: { mentions, counts, transitions, ...(countSource ? { countSource } : {}), ...(title ? { title } : {}) },
    countBlock: best?.index,
  };
}
