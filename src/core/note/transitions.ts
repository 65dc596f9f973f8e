/**
 * Transitions a note writes: on one line with an arrow or a word between two states (findTransitions, run per
 * piece), and as an ordered list (orderedListTransitions, run on the whole model).
 *
 * Ordered lists: consecutive items of one list, under one heading, whose
 * first state mention differs (`1. ESTABLISHED` / `2. FIN_WAIT1` / `3. FIN_WAIT2` → two transitions).
 * Works on the analysed model (mentions + line index), so it needs no second parse.
 */
import type { StateId } from '../catalogue/types';
import { sectionAt, type Mention, type NoteModel, type Transition } from './model';

/** Text allowed between two state mentions on one line for them to read as a transition. */
const ARROW_BETWEEN = /^[\s`*_]*(?:-{1,3}>|={1,2}>|→|⟶|➔|➜|➡️?|⇒|—+>|to|then|后进入|进入|变为|变成|转为|转入|到)[\s`*_]*$/i;

/** `FIN_WAIT1 -> FIN_WAIT2`, `ESTABLISHED → CLOSE-WAIT`, `FIN-WAIT-1 后进入 FIN-WAIT-2`. */
export function findTransitions(mentions: readonly Mention[], text: string): Transition[] {
  const out: Transition[] = [];
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i] as Mention;
    const b = mentions[i + 1] as Mention;
    if (a.kind !== 'state' || b.kind !== 'state' || a.id === b.id) continue;
    if (b.start - a.end > 40) continue;
    const between = text.slice(a.end, b.start);
    if (between.includes('\n') || between.includes('\r') || !ARROW_BETWEEN.test(between)) continue;
    out.push({ from: a.id as StateId, to: b.id as StateId, start: a.start, end: b.end });
  }
  return out;
}

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
  for (let i = 0; i + 1 < itemLines.length; i++) {
    const a = firstOnLine.get(itemLines[i] as number);
    const b = firstOnLine.get(itemLines[i + 1] as number);
    if (!a || !b || a.id === b.id) continue;
    if (sectionAt(model, a.start) !== sectionAt(model, b.start)) continue;
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
