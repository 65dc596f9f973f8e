/**
 * Transitions a note writes: on one line with an arrow or a word between two states (findTransitions, run per
 * piece), and as an ordered list that reads as one endpoint's path (orderedListTransitions, run on the whole
 * model; diagram/fromNote.ts `noteTransitions` joins the two for every consumer).
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

/**
 * The endpoint an item names: group 1 client, 2 server (one axis), 3 the active, 4 the passive closer or opener
 * (the other axis). Fixed alternatives only: linear.
 */
const ENDPOINT = /(客户端|客户机|\bclients?\b)|(服务端|服务器|\bservers?\b)|(主动(?:关闭)?(?:的一)?[方端]|\bactive\b)|(被动(?:关闭)?(?:的一)?[方端]|\bpassive\b)/i;

interface ListItem {
  readonly line: number;
  readonly id: StateId;
  readonly start: number;
  readonly end: number;
  /** The endpoint named before the item's first state (its subject, as a rule): ENDPOINT's group 1–4. */
  readonly endpoint: number | undefined;
}

/** Is `from → to` a step TCP makes (an edge of the state diagram)? The caller passes it: note/ does not know the figure. */
export type IsStep = (from: StateId, to: StateId) => boolean;

/**
 * Ordered lists that read as one endpoint's path: `1. ESTABLISHED` / `2. FIN_WAIT1` / `3. FIN_WAIT2` → two
 * transitions. A list is taken as a path only when every step between consecutive items' first states is one
 * TCP makes (`isStep`), and no two items name opposite endpoints (client and server, active and passive) before
 * their state: the standard 三次握手 / 四次挥手 write-up alternates between the endpoints, and lists of remarks or
 * sysctl meanings jump between unrelated states. Such a list gives no transition at all (a step that happens to be
 * an edge there is not the note's). Items are consecutive items of one list under one heading; an item's state is
 * the first state mention on its line.
 */
export function orderedListTransitions(model: NoteModel, isStep: IsStep): Transition[] {
  const { lines, mentions } = model;
  const out: Transition[] = [];
  const items: ListItem[] = [];
  let lastLine = -1;
  for (const m of mentions) {
    if (m.kind !== 'state' || m.context === 'code-block') continue;
    const line = lines.lineAt(m.start);
    if (line === lastLine) continue;
    lastLine = line;
    const text = lines.lineText(line);
    if (!ORDERED_ITEM.test(text)) continue;
    const before = ENDPOINT.exec(text.slice(0, m.start - (lines.lineStarts[line] ?? 0)));
    const endpoint = before ? [1, 2, 3, 4].find((g) => before[g] !== undefined) : undefined;
    items.push({ line, id: m.id as StateId, start: m.start, end: m.end, endpoint });
  }
  let list: ListItem[] = [];
  const flush = (): void => {
    if (isPath(list, isStep)) {
      for (let i = 0; i + 1 < list.length; i++) {
        const a = list[i] as ListItem;
        const b = list[i + 1] as ListItem;
        if (a.id !== b.id) out.push({ from: a.id, to: b.id, start: a.start, end: b.end });
      }
    }
    list = [];
  };
  for (const item of items) {
    const prev = list[list.length - 1];
    if (prev && !sameList(model, prev, item)) flush();
    list.push(item);
  }
  flush();
  return out;
}

/** One list under one heading: every line between the two items is an item, a continuation (indented) or blank. */
function sameList(model: NoteModel, a: ListItem, b: ListItem): boolean {
  if (sectionAt(model, a.start) !== sectionAt(model, b.start)) return false;
  for (let l = a.line + 1; l < b.line; l++) {
    const text = model.lines.lineText(l);
    if (text.trim() === '' || /^[ \t]+\S/.test(text) || ORDERED_ITEM.test(text)) continue;
    return false;
  }
  return true;
}

function isPath(list: readonly ListItem[], isStep: IsStep): boolean {
  if (list.length < 2) return false;
  const named = new Set<number>();
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as ListItem;
    const next = list[i + 1];
    if (next && next.id !== item.id && !isStep(item.id, next.id)) return false;
    if (item.endpoint !== undefined) named.add(item.endpoint);
  }
  // Groups 1/2 and 3/4 are the two sides of one axis.
  return !((named.has(1) && named.has(2)) || (named.has(3) && named.has(4)));
}
