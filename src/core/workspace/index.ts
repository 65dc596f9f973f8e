/**
 * The workspace index: every Markdown note of a workspace, kept up to date one note at a time (set, delete,
 * rename), and the queries the editor features ask of it — the references of a canonical id, workspace
 * symbols for a query, and the evidence tree. Notes are keyed by an opaque string (the shell uses the URI);
 * nothing here reads files. Memory-lean: per note only packed rows of numbers, interned ids, block summaries
 * and short heading titles (note.ts), never the note's text. Pure: no `vscode`, no Node built-ins.
 *
 * Costs: `set` is linear in the note (indexNote) plus its distinct ids; `references` is linear in the notes
 * that mention the id (the answers for the last 8 ids are kept, shared and read-only, until a note mentioning
 * the id changes); `symbols` in the blocks and headings carrying the matched ids (sorted once per id and cached
 * until a note carrying that id changes); `notes` / `blocks` in the notes with evidence.
 */
import type { StateId } from '../catalogue/types';
import type { MentionKind } from '../note/recognize';
import { canonicalId, IdTable, matchingIds } from './names';
import { indexNote, rowsOf, valueOf, type BlockEntry, type NoteEntry } from './note';

export type { BlockEntry, HeadingEntry, NoteEntry } from './note';

/** The mentions of one id in one note: `rows` holds (line, character, length) triples, 0-based UTF-16. */
export interface NoteReferences {
  readonly key: string;
  readonly rows: Uint32Array;
}

export interface WorkspaceSymbol {
  readonly key: string;
  readonly kind: 'block' | 'heading';
  /** 0-based line of the block's fence or the heading. */
  readonly line: number;
  readonly endLine: number;
  /** The canonical id the query matched and its number here: sockets for a state in a block, else mentions. */
  readonly id: string;
  readonly idKind: MentionKind;
  readonly count: number;
  readonly unit: 'sockets' | 'mentions';
  /** For headings: the inert title (note.ts inertTitle). */
  readonly title?: string;
}

export interface TreeNote {
  readonly key: string;
  readonly blocks: number;
  /** The filtered state's largest count in the note, or the dominant state's count. */
  readonly count: number;
  readonly state?: StateId;
  readonly minutes?: number;
  readonly time?: string;
  readonly orphan?: NoteEntry['orphan'];
}

export interface TreeBlock {
  readonly index: number;
  readonly line: number;
  readonly endLine: number;
  readonly states: readonly { readonly state: StateId; readonly count: number }[];
  readonly orphans?: number;
  readonly time?: string;
  readonly minutes?: number;
}

export interface TreeOptions {
  readonly sort: 'count' | 'time';
  /** Only notes and blocks where this state has a count. */
  readonly state?: StateId;
}

export interface IndexStats {
  readonly notes: number;
  readonly chars: number;
  readonly mentions: number;
  readonly blocks: number;
  readonly headings: number;
}

const REFERENCE_CACHE = 8;

export class WorkspaceIndex {
  private readonly table = new IdTable();
  private readonly notesByKey = new Map<string, NoteEntry>();
  /** id code → keys of the notes that mention it. */
  private readonly mentionPostings = new Map<number, Set<string>>();
  /** id code → keys of the notes where a block or heading carries it. */
  private readonly symbolPostings = new Map<number, Set<string>>();
  private readonly symbolCache = new Map<number, { readonly list: readonly WorkspaceSymbol[]; readonly complete: boolean }>();
  /** The last REFERENCE_CACHE reference answers, dropped when a note mentioning the id changes. */
  private readonly referenceCache = new Map<number, NoteReferences[]>();
  private changes = 0;

  /** Incremented by every change; the shell compares it to know when views must refresh. */
  get generation(): number {
    return this.changes;
  }

  get size(): number {
    return this.notesByKey.size;
  }

  has(key: string): boolean {
    return this.notesByKey.has(key);
  }

  keys(): IterableIterator<string> {
    return this.notesByKey.keys();
  }

  entry(key: string): NoteEntry | undefined {
    return this.notesByKey.get(key);
  }

  /** Adds or re-indexes a note from its text. */
  set(key: string, text: string): NoteEntry {
    const entry = indexNote(text, this.table);
    this.put(key, entry);
    return entry;
  }

  /** Removes a note; false when it was not indexed. */
  delete(key: string): boolean {
    const old = this.notesByKey.get(key);
    if (!old) return false;
    this.unpost(key, old);
    this.notesByKey.delete(key);
    this.changes++;
    return true;
  }

  /** Moves a note to a new key (a rename) without re-reading it; false when `from` was not indexed. */
  rename(from: string, to: string): boolean {
    const entry = this.notesByKey.get(from);
    if (!entry || from === to) return entry !== undefined;
    this.delete(from);
    this.put(to, entry);
    return true;
  }

  /** Removes every note whose key passes `test` (a folder deleted, a new exclude pattern); returns how many. */
  deleteWhere(test: (key: string) => boolean): number {
    let n = 0;
    for (const key of [...this.notesByKey.keys()]) if (test(key) && this.delete(key)) n++;
    return n;
  }

  clear(): void {
    this.notesByKey.clear();
    this.mentionPostings.clear();
    this.symbolPostings.clear();
    this.symbolCache.clear();
    this.referenceCache.clear();
    this.changes++;
  }

  private put(key: string, entry: NoteEntry): void {
    const old = this.notesByKey.get(key);
    if (old) this.unpost(key, old);
    this.notesByKey.set(key, entry);
    for (const code of entry.ids) {
      addTo(this.mentionPostings, code, key);
      this.referenceCache.delete(code);
    }
    for (const code of symbolCodes(entry)) {
      addTo(this.symbolPostings, code, key);
      this.symbolCache.delete(code);
    }
    this.changes++;
  }

  private unpost(key: string, entry: NoteEntry): void {
    for (const code of entry.ids) {
      removeFrom(this.mentionPostings, code, key);
      this.referenceCache.delete(code);
    }
    for (const code of symbolCodes(entry)) {
      removeFrom(this.symbolPostings, code, key);
      this.symbolCache.delete(code);
    }
  }

  /** The canonical id of a spelling (`fin_wait1` → FIN-WAIT-1), or undefined; see names.ts canonicalId. */
  canonical(spelling: string): string | undefined {
    return canonicalId(spelling)?.id;
  }

  /**
   * Every mention of a canonical id across the workspace, per note (keys in no particular order). Accepts
   * any spelling the recogniser knows (`TIME_WAIT`, `tcp_max_orphans`).
   */
  references(idOrSpelling: string): readonly NoteReferences[] {
    let code = this.table.find(idOrSpelling);
    if (code === undefined) {
      const id = this.canonical(idOrSpelling);
      code = id === undefined ? undefined : this.table.find(id);
    }
    if (code === undefined) return [];
    const hit = this.referenceCache.get(code);
    if (hit) return hit;
    const out: NoteReferences[] = [];
    for (const key of this.mentionPostings.get(code) ?? []) {
      const entry = this.notesByKey.get(key);
      if (entry) out.push({ key, rows: rowsOf(entry, code) });
    }
    if (this.referenceCache.size >= REFERENCE_CACHE) this.referenceCache.delete(this.referenceCache.keys().next().value as number);
    this.referenceCache.set(code, out);
    return out;
  }

  /**
   * Evidence blocks and headings carrying an id that matches `query` (fuzzy, see names.ts matchingIds), best
   * matching ids first, then largest count first; at most `limit`.
   */
  symbols(query: string, limit = 500): WorkspaceSymbol[] {
    const out: WorkspaceSymbol[] = [];
    for (const m of matchingIds(query)) {
      if (out.length >= limit) break;
      const code = this.table.find(m.id);
      if (code === undefined || !this.symbolPostings.has(code)) continue;
      for (const s of this.symbolsOf(code, limit - out.length)) {
        if (out.length >= limit) return out;
        out.push(s);
      }
    }
    return out;
  }

  /**
   * The first `need` symbols of an id (largest count first, then key, then line), cached per id until a note
   * carrying it changes. One pass over the notes carrying the id that keeps the best `need` in a bounded heap,
   * so the first query of an id (a user's first Ctrl+T) costs no sort of every block in the workspace, and
   * only the symbols returned are built.
   */
  private symbolsOf(code: number, need: number): readonly WorkspaceSymbol[] {
    const hit = this.symbolCache.get(code);
    if (hit && (hit.complete || hit.list.length >= need)) return hit.list;
    const heap = new SymbolHeap(need);
    for (const key of this.symbolPostings.get(code) ?? []) {
      const e = this.notesByKey.get(key);
      if (!e) continue;
      e.blocks.forEach((b, i) => {
        const count = valueOf(b.values, code);
        if (count > 0) heap.offer(count, key, b.line, i);
      });
      e.headings.forEach((h, i) => {
        const count = valueOf(h.values, code);
        if (count > 0) heap.offer(count, key, h.line, -1 - i);
      });
    }
    const id = this.table.id(code);
    const idKind = this.table.kind(code);
    const list = heap.sorted().map(({ count, key, item }): WorkspaceSymbol => {
      const e = this.notesByKey.get(key) as NoteEntry;
      if (item >= 0) {
        const b = e.blocks[item] as BlockEntry;
        return { key, kind: 'block', line: b.line, endLine: b.endLine, id, idKind, count, unit: idKind === 'state' ? 'sockets' : 'mentions' };
      }
      const h = e.headings[-1 - item] as NoteEntry['headings'][number];
      return { key, kind: 'heading', line: h.line, endLine: h.line + 1, id, idKind, count, unit: 'mentions', title: h.title };
    });
    this.symbolCache.set(code, { list, complete: heap.size < need || heap.seen <= need });
    return list;
  }

  /** The notes with evidence blocks (filtered to a state when asked), for the evidence tree's first level. */
  notes(options: TreeOptions): TreeNote[] {
    const code = options.state === undefined ? undefined : this.table.find(options.state);
    if (options.state !== undefined && code === undefined) return [];
    const out: TreeNote[] = [];
    for (const [key, e] of this.notesByKey) {
      if (e.blocks.length === 0) continue;
      let blocks = e.blocks.length;
      let count = e.dominant?.count ?? 0;
      if (code !== undefined) {
        blocks = 0;
        count = 0;
        for (const b of e.blocks) {
          const v = stateValue(b, code);
          if (v > 0) {
            blocks++;
            count = Math.max(count, v);
          }
        }
        if (blocks === 0) continue;
      }
      const state = options.state ?? e.dominant?.state;
      out.push({ key, blocks, count, ...(state ? { state } : {}), ...(e.lastTime ? { minutes: e.lastTime.minutes, time: e.lastTime.iso } : {}), ...(e.orphan ? { orphan: e.orphan } : {}) });
    }
    return sortTree(out, options.sort);
  }

  /** A note's evidence blocks with their states (filtered to a state when asked), for the tree's second level. */
  blocks(key: string, options: TreeOptions): TreeBlock[] {
    const e = this.notesByKey.get(key);
    if (!e) return [];
    const code = options.state === undefined ? undefined : this.table.find(options.state);
    const out: TreeBlock[] = [];
    e.blocks.forEach((b, index) => {
      if (code !== undefined && stateValue(b, code) === 0) return;
      const states: { state: StateId; count: number }[] = [];
      for (let i = 0; i < 2 * b.stateCount; i += 2) states.push({ state: this.table.id(b.values[i] as number) as StateId, count: b.values[i + 1] as number });
      out.push({
        index,
        line: b.line,
        endLine: b.endLine,
        states,
        ...(b.orphans !== undefined ? { orphans: b.orphans } : {}),
        ...(b.time !== undefined ? { time: b.time } : {}),
        ...(b.minutes !== undefined ? { minutes: b.minutes } : {}),
      });
    });
    if (options.sort === 'count') out.sort((a, b) => (b.states[0]?.count ?? 0) - (a.states[0]?.count ?? 0) || a.line - b.line);
    else out.sort((a, b) => (a.minutes ?? Infinity) - (b.minutes ?? Infinity) || a.line - b.line);
    return out;
  }

  stats(): IndexStats {
    let chars = 0;
    let mentions = 0;
    let blocks = 0;
    let headings = 0;
    for (const e of this.notesByKey.values()) {
      chars += e.chars;
      mentions += e.rows.length / 3;
      blocks += e.blocks.length;
      headings += e.headings.length;
    }
    return { notes: this.notesByKey.size, chars, mentions, blocks, headings };
  }
}

function stateValue(b: BlockEntry, code: number): number {
  for (let i = 0; i < 2 * b.stateCount; i += 2) if (b.values[i] === code) return b.values[i + 1] as number;
  return 0;
}

function symbolCodes(e: NoteEntry): Set<number> {
  const codes = new Set<number>();
  for (const b of e.blocks) for (let i = 0; i < b.values.length; i += 2) codes.add(b.values[i] as number);
  for (const h of e.headings) for (let i = 0; i < h.values.length; i += 2) codes.add(h.values[i] as number);
  return codes;
}

function addTo(map: Map<number, Set<string>>, code: number, key: string): void {
  let s = map.get(code);
  if (!s) map.set(code, (s = new Set()));
  s.add(key);
}

function removeFrom(map: Map<number, Set<string>>, code: number, key: string): void {
  const s = map.get(code);
  if (!s) return;
  s.delete(key);
  if (s.size === 0) map.delete(code);
}

function sortTree(list: TreeNote[], sort: TreeOptions['sort']): TreeNote[] {
  if (sort === 'count') return list.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  // Latest sample first; notes without a time last.
  return list.sort((a, b) => (b.minutes ?? -Infinity) - (a.minutes ?? -Infinity) || (a.key < b.key ? -1 : 1));
}

interface Candidate {
  readonly count: number;
  readonly key: string;
  readonly line: number;
  /** Block index, or -1 - heading index. */
  readonly item: number;
}

/** a before b in the symbol order: larger count, then smaller key, then smaller line. */
function before(a: Candidate, b: Candidate): boolean {
  if (a.count !== b.count) return a.count > b.count;
  if (a.key !== b.key) return a.key < b.key;
  return a.line < b.line;
}

/** The best `capacity` candidates seen: a binary heap whose root is the worst one kept. */
class SymbolHeap {
  private readonly items: Candidate[] = [];
  seen = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  offer(count: number, key: string, line: number, item: number): void {
    this.seen++;
    const h = this.items;
    if (this.capacity <= 0) return;
    if (h.length === this.capacity) {
      const worst = h[0] as Candidate;
      // Cheap rejection first: most candidates are not better than the worst kept.
      if (count < worst.count || !before({ count, key, line, item }, worst)) return;
      h[0] = { count, key, line, item };
      this.down(0);
      return;
    }
    h.push({ count, key, line, item });
    this.up(h.length - 1);
  }

  sorted(): Candidate[] {
    return [...this.items].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // The root holds the worst: a child worse than its parent moves up.
      if (!before(h[p] as Candidate, h[i] as Candidate)) break;
      [h[p], h[i]] = [h[i] as Candidate, h[p] as Candidate];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && before(h[worst] as Candidate, h[l] as Candidate)) worst = l;
      if (r < h.length && before(h[worst] as Candidate, h[r] as Candidate)) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i] as Candidate, h[worst] as Candidate];
      i = worst;
    }
  }
}
