/**
 * Transitions a note writes as an ordered list: consecutive items of one list, under one heading, whose
 * first state mention differs (`1. ESTABLISHED` / `2. FIN_WAIT1` / `3. FIN_WAIT2` → two transitions).
 * Works on the analysed model (mentions + line index), so it needs no second parse.
 */
import type { NoteModel, Transition } from './analysis';
import type { StateId } from './catalogue/types';

/** Indentation and quote markers, then `1.` or `1)` and a space (one character class: linear). */
const ORDERED_ITEM = /^[ \t>]{0,40}\d{1,9}[.)][ \t]/;

export function orderedListTransitions(model: NoteModel): Transition[] {
  const { lines, mentions } = model;
  const out: Transition[] = [];
  // First state mention per line that starts an ordered-list item.
  const firstOnLine = new Map<number, { id: StateId; start: number; end: number }>();
  for (const m of mentions) {
    if (m.kind !== 'state' || m.context === 'code-block') continue;
    const line = lines.lineAt(m.start);
    if (firstOnLine.has(line)) continue;
    if (!ORDERED_ITEM.test(lines.lineText(line))) continue;
    firstOnLine.set(line, { id: m.id as StateId, start: m.start, end: m.end });
  }
  const itemLines = [...firstOnLine.keys()].sort((a, b) => a - b);
  const sectionOf = (offset: number) => {
    let found = -1;
    for (const s of model.sections) {
      if (s.start > offset) break;
      if (offset < s.end) found = s.index;
    }
    return found;
  };
  for (let i = 0; i + 1 < itemLines.length; i++) {
    const a = firstOnLine.get(itemLines[i] as number);
    const b = firstOnLine.get(itemLines[i + 1] as number);
    if (!a || !b || a.id === b.id) continue;
    if (sectionOf(a.start) !== sectionOf(b.start)) continue;
    // Same list: every line between the two items is an item, a continuation (indented) or blank.
    let sameList = true;
    for (let l = (itemLines[i] as number) + 1; l < (itemLines[i + 1] as number); l++) {
      const text = lines.lineText(l);
      if (text.trim() === '' || /^[ \t]+\S/.test(text) || ORDERED_ITEM.test(text)) continue;
      sameList = false;
      break;
    }
    if (sameList) out.push({ from: a.id, to: b.id, start: a.start, end: b.end });
  }
  return out;
}
