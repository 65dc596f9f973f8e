/**
 * The language server's workspace: the core workspace index (core/workspace/index.ts) fed from the client's
 * workspace folders (file: URIs only; `workspace/didChangeWorkspaceFolders` adds and removes them), walked
 * with the CLI's folder walker (cli/inputs.ts: skips node_modules, .git and hidden folders, follows .gitignore)
 * one folder at a time and read in batches, yielding to the event loop between them, so requests are answered
 * while a large workspace is indexed. An open document wins over the disk until it
 * is closed (OpenNotes' events; indexed when the server is idle after it opens, shortly after it changes, or
 * at the next workspace query, whichever comes first);
 * `workspace/didChangeWatchedFiles` keeps the rest current. Answers come from
 * the same core queries and texts the VS Code providers use (core/workspace/present.ts). With `workers`, a
 * folder's notes are indexed in worker threads as they are read (core/workspace/remote.ts, as in VS Code); an
 * entry that comes back after a newer change to its note is dropped (core/workspace/changeLog.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, SymbolKind, type FileEvent, type InitializeParams, type Location, type Position, type SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core/catalogue/types';
import type { WorkerPort } from '../core/note/workerPool';
import { ChangeLog } from '../core/workspace/changeLog';
import { WorkspaceIndex } from '../core/workspace/index';
import { IndexFeeder, IndexPool } from '../core/workspace/remote';
import { NOTE_NAME } from '../core/workspace/walk';
import { mentionAt, referenceLocations, workspaceSymbolDetail, workspaceSymbolName } from '../core/workspace/present';
import { walkKeeps, walkSteps } from '../cli/inputs';
import type { OpenNotes } from './notes';

/** Notes read per batch before yielding; notes over MAX_NOTE_BYTES are not indexed (as in VS Code). */
const READ_BATCH = 16;
/** Longest stretch of folder walking between two turns of the event loop. */
const WALK_SLICE_MS = 8;
const MAX_NOTE_BYTES = 8 * 1024 * 1024;
const SYMBOL_LIMIT = 500;
/** Opened and edited notes are indexed after this quiet time (or at the next query), not at every keystroke. */
const EDIT_DELAY_MS = 250;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A file: URI's path, or undefined for any other scheme or a malformed URI. */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** One spelling per file (clients differ in percent-encoding); other schemes are kept as given. */
export function noteKey(uri: string): string {
  const path = pathOf(uri);
  return path === undefined ? uri : pathToFileURL(path).href;
}

/** The local paths of workspace folders (file: URIs only), each once. */
export function folderPaths(folders: readonly { readonly uri: string }[]): string[] {
  return [...new Set(folders.map((f) => pathOf(f.uri)).filter((p): p is string => p !== undefined))];
}

/** The folders to index: workspaceFolders, else rootUri, else rootPath; file: URIs only. */
export function workspaceRoots(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri' | 'rootPath'>): string[] {
  const roots = folderPaths(params.workspaceFolders?.length ? params.workspaceFolders : params.rootUri ? [{ uri: params.rootUri }] : []);
  if (roots.length === 0 && !params.workspaceFolders?.length && !params.rootUri && params.rootPath) roots.push(params.rootPath);
  return [...new Set(roots)];
}

export class LspWorkspace {
  readonly index = new WorkspaceIndex();
  private roots: string[] = [];
  /** Open notes by key: they win over the disk. */
  private readonly open = new Map<string, TextDocument>();
  /** Open notes opened or edited since they were last indexed. */
  private readonly edited = new Set<string>();
  private editTimer: ReturnType<typeof setTimeout> | undefined;
  private building: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Changes made outside a folder walk: a worker's late entry must not undo one. */
  private readonly changes = new ChangeLog();

  /**
   * `whenIdle` runs an opened note's indexing when the server is idle (idle.ts); without it, on the next turn.
   * `workers`: how a folder walk starts index workers, and how many; without it, notes are indexed on this thread.
   */
  constructor(
    notes: OpenNotes,
    whenIdle: (work: () => void) => void = setImmediate,
    private readonly workers?: { readonly spawn: () => WorkerPort<unknown>; readonly size: number },
  ) {
    notes.onDidChange((uri, document) => {
      const key = noteKey(uri);
      if (document) {
        // A note just opened is indexed when the server is idle (its analysis done, its requests answered),
        // an edit after a quiet time; either way at the latest at the next workspace query.
        const opening = this.open.get(key) !== document;
        this.open.set(key, document);
        this.edited.add(key);
        if (opening) {
          whenIdle(() => {
            if (this.open.get(key) === document && this.edited.delete(key)) this.fromDocument(key);
          });
        } else this.flushSoon();
      } else {
        this.open.delete(key);
        this.edited.delete(key);
        // Back to what is on disk (an unsaved edit is dropped with the document), or out of the index.
        void this.fromDisk(key);
      }
    });
  }

  private fromDocument(key: string): void {
    const text = this.open.get(key)?.getText();
    if (text === undefined || text.length > MAX_NOTE_BYTES) return;
    this.changes.touch(key);
    this.index.set(key, text);
  }

  private flushSoon(): void {
    if (!this.stopped) this.editTimer ??= setTimeout(() => this.flush(), EDIT_DELAY_MS);
  }

  /** Indexes the pending edits of open notes now. */
  private flush(): void {
    clearTimeout(this.editTimer);
    this.editTimer = undefined;
    for (const key of this.edited) this.fromDocument(key);
    this.edited.clear();
  }

  /** Starts indexing the folders of `params` in the background. */
  start(params: Pick<InitializeParams, 'workspaceFolders' | 'rootUri' | 'rootPath'>): void {
    this.foldersChanged(workspaceRoots(params), []);
  }

  /**
   * `workspace/didChangeWorkspaceFolders` (folder paths): a removed folder's walk stops and its notes leave the
   * index (unless open, or inside a folder still there); an added folder is walked after the ones before it.
   */
  foldersChanged(added: readonly string[], removed: readonly string[]): void {
    const gone = removed.filter((r) => this.roots.includes(r));
    this.roots = this.roots.filter((r) => !gone.includes(r));
    for (const root of gone) {
      const prefix = pathToFileURL(root).href.replace(/\/?$/, '/');
      this.changes.touch(prefix);
      this.index.deleteWhere((key) => key.startsWith(prefix) && !this.open.has(key) && !this.inWorkspace(key));
    }
    for (const root of added) {
      if (this.roots.includes(root)) continue;
      this.roots.push(root);
      this.building = this.building.then(() => this.walkRoot(root)).catch(() => undefined);
    }
  }

  /** Resolves when the folders known so far have been indexed. */
  whenBuilt(): Promise<void> {
    return this.building;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.editTimer);
    this.editTimer = undefined;
  }

  /**
   * Walks one folder and indexes its notes, yielding to the event loop after every WALK_SLICE_MS of walking and
   * every READ_BATCH notes read, so requests are answered meanwhile; stops when the folder is removed.
   */
  private async walkRoot(root: string): Promise<void> {
    const started = this.changes.hold();
    const pool = this.workers ? new IndexPool(this.workers.spawn, this.workers.size, this.index.table) : undefined;
    try {
      await this.walkFrom(root, started, pool);
    } finally {
      pool?.dispose();
      this.changes.release(started);
    }
  }

  private async walkFrom(root: string, started: number, pool: IndexPool | undefined): Promise<void> {
    const live = () => !this.stopped && this.roots.includes(root);
    // An open note, or one changed since the walk started (that change is newer than the text read), is not filed.
    const keeps = (key: string): boolean => live() && !this.open.has(key) && !this.changes.changedSince(started, key);
    const feeder = new IndexFeeder(pool, (key, entry, text) => {
      if (!keeps(key)) return;
      if (entry) this.index.setEntry(key, entry);
      else this.index.set(key, text);
    });
    const pending: string[] = [];
    const readPending = async (): Promise<void> => {
      const keys = pending.splice(0).map((rel) => pathToFileURL(`${root}${sep}${rel.split('/').join(sep)}`).href);
      const texts = await Promise.all(keys.map((key) => this.read(key)));
      for (let k = 0; k < keys.length && live(); k++) {
        const key = keys[k] as string;
        const text = texts[k];
        if (text !== undefined && keeps(key)) await feeder.add(key, text);
      }
      await nextTurn();
    };
    let sliceStart = performance.now();
    for (const found of walkSteps(root, (rel) => NOTE_NAME.test(rel))) {
      if (!live()) return;
      for (const rel of found) pending.push(rel);
      while (pending.length >= READ_BATCH) {
        await readPending();
        if (!live()) return;
        sliceStart = performance.now();
      }
      if (performance.now() - sliceStart >= WALK_SLICE_MS) {
        await nextTurn();
        if (!live()) return;
        sliceStart = performance.now();
      }
    }
    if (pending.length && live()) await readPending();
    await feeder.drain();
  }

  private async read(key: string): Promise<string | undefined> {
    const path = pathOf(key);
    if (path === undefined) return undefined;
    try {
      if ((await stat(path)).size > MAX_NOTE_BYTES) return undefined;
      return await readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** True for a .md/.markdown file inside a workspace folder that the walker would list. */
  private inWorkspace(key: string): boolean {
    const path = pathOf(key);
    if (path === undefined || !NOTE_NAME.test(path)) return false;
    return this.roots.some((root) => {
      const rel = relative(root, path);
      return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && walkKeeps(root, rel.split(sep).join('/'));
    });
  }

  /** Re-reads a note that is not open from disk; drops it when it is gone or not part of the workspace. */
  private async fromDisk(key: string): Promise<void> {
    if (this.open.has(key)) return;
    const text = this.inWorkspace(key) ? await this.read(key) : undefined;
    if (this.open.has(key)) return;
    this.changes.touch(key);
    if (text === undefined) this.index.delete(key);
    else this.index.set(key, text);
  }

  /** `workspace/didChangeWatchedFiles`: a deleted folder drops every note under it. */
  async watched(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      const key = noteKey(change.uri);
      if (change.type === FileChangeType.Deleted && !this.open.has(key)) {
        this.changes.touch(key);
        if (!this.index.delete(key)) this.index.deleteFolder(key);
      } else await this.fromDisk(key);
    }
  }

  /** Every mention, across the workspace, of the state, term or counter under `position` in an open note. */
  async references(uri: string, position: Position): Promise<Location[] | null> {
    const document = this.open.get(noteKey(uri));
    if (!document) return null;
    const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    const at = mentionAt(line, position.character);
    if (!at) return null;
    await this.building;
    this.flush();
    return referenceLocations(this.index.references(at.id, at.kind), noteKey(uri)).map((r) => ({
      uri: r.key,
      range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character + r.length } },
    }));
  }

  /** Evidence blocks and headings carrying a state or term matching `query`, with their counts. */
  async symbols(query: string, lang: Lang): Promise<SymbolInformation[]> {
    await this.building;
    this.flush();
    return this.index.symbols(query, SYMBOL_LIMIT).map((s) => {
      const file = s.key.slice(s.key.lastIndexOf('/') + 1);
      let name = file;
      try {
        name = decodeURIComponent(file);
      } catch {
        // keeps the encoded name
      }
      return {
        name: workspaceSymbolName(s, lang),
        kind: s.kind === 'heading' ? SymbolKind.String : SymbolKind.Event,
        location: { uri: s.key, range: { start: { line: s.line, character: 0 }, end: { line: s.line, character: 0 } } },
        // The count, then the note's file name (what VS Code's Ctrl+T shows beside the name).
        containerName: `${workspaceSymbolDetail(s, lang)} · ${name}`,
      };
    });
  }
}
