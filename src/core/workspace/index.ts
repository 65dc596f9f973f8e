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
import { indexNote, rowsOf, symbolMaxOf, valueOf, type BlockEntry, type NoteEntry } from './note';

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
/** Symbol ranking packs (a note's largest value, capped, × SLOTS + its posting index) in one exact double. */
const SLOTS = 2 ** 22;
const CAP = 2 ** 30;

export class WorkspaceIndex {
  /** The codes the entries use (an entry indexed elsewhere, remote.ts, is checked against it). */
  readonly table = new IdTable();
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

  /** Adds or replaces a note's entry indexed elsewhere (a worker: remote.ts acceptEntry checked its codes). */
  setEntry(key: string, entry: NoteEntry): void {
    this.put(key, entry);
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

  /**
   * A folder deleted: removes every note under `folder` (a key prefix; the notes are the keys that start with it
   * and a `/`); returns how many. File watchers report a deleted folder, not the notes in it.
   */
  deleteFolder(folder: string): number {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    return this.deleteWhere((key) => key.startsWith(prefix));
  }

  /** A folder renamed or moved: every note under `from` moves under `to`, unread; returns how many. */
  renameFolder(from: string, to: string): number {
    const a = from.endsWith('/') ? from : `${from}/`;
    const b = to.endsWith('/') ? to : `${to}/`;
    if (a === b) return 0;
    const moving = [...this.notesByKey.keys()].filter((key) => key.startsWith(a));
    for (const key of moving) this.rename(key, b + key.slice(a.length));
    return moving.length;
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
    for (const code of entry.symbolCodes) {
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
    for (const code of entry.symbolCodes) {
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
   * any spelling the recogniser knows (`TIME_WAIT`, `tcp_max_orphans`); `kind` 'conntrack' asks for the
   * netfilter states (`--state ESTABLISHED`), which are not the socket states of the same name.
   */
  references(idOrSpelling: string, kind?: MentionKind): readonly NoteReferences[] {
    let code = this.table.find(idOrSpelling, kind === 'conntrack' ? kind : undefined);
    if (code === undefined) {
      const hit = canonicalId(idOrSpelling);
      code = hit === undefined ? undefined : this.table.find(hit.id, hit.kind);
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
      const code = this.table.find(m.id, m.kind);
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
   * carrying it changes. One pass over the notes carrying the id gathers counts into flat arrays; the
   * need-th largest count (a typed-array sort of numbers) keeps only the candidates at or above it, and only
   * those are ordered and built, so the first query of an id (a user's first Ctrl+T) sorts no objects for
   * every block of the workspace.
   */
  private symbolsOf(code: number, need: number): readonly WorkspaceSymbol[] {
    const hit = this.symbolCache.get(code);
    if (hit && (hit.complete || hit.list.length >= need)) return hit.list;
    const keys: string[] = [];
    const entries: NoteEntry[] = [];
    let counts = new Uint32Array(256);
    let notes = new Uint32Array(256);
    let items = new Int32Array(256);
    let n = 0;
    const push = (count: number, note: number, item: number): void => {
      if (n === counts.length) {
        counts = grow(counts, new Uint32Array(2 * n));
        notes = grow(notes, new Uint32Array(2 * n));
        items = grow(items, new Int32Array(2 * n));
      }
      counts[n] = count;
      notes[n] = note;
      items[n] = item;
      n++;
    };
    // Notes by their largest value of the id, descending: a note whose largest value is below the need-th
    // best count gathered so far cannot place anything (a tie can: it may win on its key), so the pass stops.
    const postings = [...(this.symbolPostings.get(code) ?? [])];
    const bound = new Float64Array(postings.length);
    postings.forEach((key, i) => {
      const e = this.notesByKey.get(key);
      bound[i] = Math.min(e ? symbolMaxOf(e, code) : 0, CAP) * SLOTS + i;
    });
    bound.sort().reverse();
    const best = new Uint32Array(Math.max(1, need));
    let kept = 0;
    let pruned = false;
    const take = (count: number, note: number, item: number): void => {
      push(count, note, item);
      // best: the largest `need` counts so far, as a min-heap (best[0] the smallest of them).
      if (kept < need) {
        let i = kept++;
        best[i] = count;
        while (i > 0 && (best[(i - 1) >> 1] as number) > (best[i] as number)) {
          const p = (i - 1) >> 1;
          [best[p], best[i]] = [best[i] as number, best[p] as number];
          i = p;
        }
      } else if (count > (best[0] as number)) {
        best[0] = count;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          let m = i;
          if (l < kept && (best[l] as number) < (best[m] as number)) m = l;
          if (l + 1 < kept && (best[l + 1] as number) < (best[m] as number)) m = l + 1;
          if (m === i) break;
          [best[m], best[i]] = [best[i] as number, best[m] as number];
          i = m;
        }
      }
    };
    for (let j = 0; j < bound.length; j++) {
      const max = Math.floor((bound[j] as number) / SLOTS);
      if (max === 0) break;
      if (kept >= need && max < (best[0] as number) && max < CAP) {
        pruned = true;
        break;
      }
      const key = postings[(bound[j] as number) % SLOTS] as string;
      const e = this.notesByKey.get(key) as NoteEntry;
      const note = keys.length;
      keys.push(key);
      entries.push(e);
      for (let i = 0; i < e.blocks.length; i++) {
        const count = valueOf((e.blocks[i] as BlockEntry).values, code);
        if (count > 0) take(count, note, i);
      }
      for (let i = 0; i < e.headings.length; i++) {
        const count = valueOf((e.headings[i] as NoteEntry['headings'][number]).values, code);
        if (count > 0) take(count, note, -1 - i);
      }
    }
    // The need-th largest count: every candidate above it is in the answer, ties at it are decided by key and line.
    let threshold = 0;
    if (n > need && need > 0) {
      const desc = counts.slice(0, n).sort().reverse();
      threshold = desc[need - 1] as number;
    }
    const lineOf = (k: number): number => {
      const e = entries[notes[k] as number] as NoteEntry;
      const item = items[k] as number;
      return item >= 0 ? (e.blocks[item] as BlockEntry).line : (e.headings[-1 - item] as NoteEntry['headings'][number]).line;
    };
    const picked: number[] = [];
    for (let k = 0; k < n; k++) if ((counts[k] as number) >= threshold) picked.push(k);
    picked.sort((x, y) => {
      const d = (counts[y] as number) - (counts[x] as number);
      if (d !== 0) return d;
      const kx = keys[notes[x] as number] as string;
      const ky = keys[notes[y] as number] as string;
      return kx < ky ? -1 : kx > ky ? 1 : lineOf(x) - lineOf(y);
    });
    if (picked.length > need) picked.length = Math.max(0, need);
    const id = this.table.id(code);
    const idKind = this.table.kind(code);
    const list = picked.map((k): WorkspaceSymbol => {
      const key = keys[notes[k] as number] as string;
      const e = entries[notes[k] as number] as NoteEntry;
      const item = items[k] as number;
      const count = counts[k] as number;
      if (item >= 0) {
        const b = e.blocks[item] as BlockEntry;
        return { key, kind: 'block', line: b.line, endLine: b.endLine, id, idKind, count, unit: idKind === 'state' ? 'sockets' : 'mentions' };
      }
      const h = e.headings[-1 - item] as NoteEntry['headings'][number];
      return { key, kind: 'heading', line: h.line, endLine: h.line + 1, id, idKind, count, unit: 'mentions', title: h.title };
    });
    this.symbolCache.set(code, { list, complete: !pruned && n <= need });
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

function grow<T extends Uint32Array | Int32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
