/**
 * The shell around the core workspace index (core/workspace): finds the Markdown notes of the workspace
 * (`findFiles`, so `files.exclude` applies; `search.exclude` through the core's exclude matcher; outside `file:`
 * a listing walk, core/workspace/walk.ts, as a virtual file system may have no file search), reads them
 * with `vscode.workspace.fs` in background batches (so it works in the web worker host, virtual and untrusted
 * workspaces, and never blocks the extension host), follows a FileSystemWatcher and the edits of open
 * documents (an open document wins over the disk until it is closed) and a second watcher for folders (deleted,
 * created, moved: a watcher reports the folder, not the notes in it), and shows progress in the status bar with
 * a cancel. A build hands the notes to workers (core/workspace/remote.ts: the host's analysis workers, started
 * for the build and stopped after it), so the extension host only reads files and files the entries; a note a
 * worker could not index, and every later single change, is indexed here. An entry that comes back after a newer
 * change to its note (an edit, a delete, a move) is dropped (core/workspace/changeLog.ts).
 */
import * as vscode from 'vscode';
import type { WorkerPort } from '../../core/note/workerPool';
import { ChangeLog } from '../../core/workspace/changeLog';
import { WorkspaceIndex } from '../../core/workspace/index';
import type { NoteEntry } from '../../core/workspace/note';
import { IndexFeeder, IndexPool } from '../../core/workspace/remote';
import { excludeMatcher, type ExcludeSetting } from '../../core/workspace/exclude';
import { NOTE_NAME, walkNotes, type EntryKind } from '../../core/workspace/walk';

const GLOB = '**/*.{md,markdown}';
/** Notes read per batch, and the longest synchronous stretch of indexing before yielding. */
const READ_BATCH = 16;
const SLICE_MS = 12;
/** Notes over this size are not indexed (the editor's own size limit is a setting; the index stays bounded). */
const MAX_NOTE_BYTES = 8 * 1024 * 1024;
const EDIT_DELAY_MS = 250;
/** Created paths are looked at together, this long after the last one (a checkout creates many). */
const CREATED_DELAY_MS = 300;

export const CANCEL_COMMAND = 'tcpStateNotes.cancelWorkspaceIndex';
export const REBUILD_COMMAND = 'tcpStateNotes.rebuildWorkspaceIndex';

export interface WorkspaceIndexInfo {
  readonly state: 'idle' | 'indexing' | 'ready' | 'cancelled';
  readonly notes: number;
  readonly generation: number;
  /** Notes the last build filed from its workers' entries (the rest it indexed on this thread). */
  readonly byWorkers: number;
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class WorkspaceNotes implements vscode.Disposable {
  readonly index = new WorkspaceIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) after the index changed. */
  readonly onDidChange = this.changed.event;
  private readonly status = vscode.window.createStatusBarItem('tcpStateNotes.workspaceIndex', vscode.StatusBarAlignment.Left, 0);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoder = new TextDecoder();
  /** Per workspace folder (its URI): files.exclude / search.exclude as that folder sees them (multi-root folders can differ). */
  private readonly excludedIn = new Map<string, (relativePath: string) => boolean>();
  private state: WorkspaceIndexInfo['state'] = 'idle';
  private run: vscode.CancellationTokenSource | undefined;
  private building: Promise<void> = Promise.resolve();
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  private createdPaths = new Map<string, vscode.Uri>();
  /** Counts deletions seen (notes and folders), so that a read that overlapped one checks what it read still exists. */
  private deletions = 0;
  private createdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Changes made outside a build (edits, re-reads, deletes, moves): a worker's late entry must not undo one. */
  private readonly changes = new ChangeLog();
  private byWorkers = 0;

  /** `workers`: how a build starts index workers, and how many; without it, builds index on this thread. */
  constructor(private readonly workers?: { readonly spawn: () => WorkerPort<unknown>; readonly size: number }) {
    this.status.name = vscode.l10n.t('TCP notes index');
    this.status.command = CANCEL_COMMAND;
    this.readExcludes();
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    // Folders: a watcher reports a deleted or moved folder as that folder alone, not as the notes in it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.disposables.push(
      this.status,
      this.changed,
      watcher,
      folders,
      watcher.onDidCreate((uri) => void this.fromDisk(uri)),
      watcher.onDidChange((uri) => void this.fromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      folders.onDidDelete((uri) => this.remove(uri)),
      folders.onDidCreate((uri) => this.created(uri)),
      // Deleted or created through VS Code (the Explorer, a workspace edit): known at once, whatever the watcher
      // of a virtual file system reports (a polling one can miss a folder that existed only briefly).
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.remove(uri))),
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => (NOTE_NAME.test(uri.path) ? void this.fromDisk(uri) : this.created(uri)))),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const f of e.files) {
          // A note moves unread; a folder moves every note under it (the watchers then find nothing to do).
          const from = f.oldUri.toString();
          const to = f.newUri.toString();
          this.changes.touch(from);
          this.changes.touch(to);
          if (this.index.rename(from, to) || this.index.renameFolder(from, to) > 0) this.fireSoon();
        }
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.fromDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.fromDocumentSoon(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Back to what is on disk (an unsaved edit is dropped with the document).
        if (this.isNote(d.uri)) void this.fromDisk(d.uri, true);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('files.exclude') || e.affectsConfiguration('search.exclude')) this.rebuild();
      }),
      vscode.commands.registerCommand(CANCEL_COMMAND, () => this.cancel()),
      vscode.commands.registerCommand(REBUILD_COMMAND, () => this.rebuild()),
      // What the index holds: the integration tests wait on it.
      vscode.commands.registerCommand('tcpStateNotes.workspaceIndexInfo', async (wait?: boolean): Promise<WorkspaceIndexInfo> => {
        if (wait) await this.building;
        return this.info();
      }),
    );
    this.rebuild();
  }

  info(): WorkspaceIndexInfo {
    return { state: this.state, notes: this.index.size, generation: this.index.generation, byWorkers: this.byWorkers };
  }

  /** Resolves when the current build has finished (or was cancelled). */
  whenBuilt(): Promise<void> {
    return this.building;
  }

  private readExcludes(): void {
    this.excludedIn.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const files = vscode.workspace.getConfiguration('files', folder.uri).get<ExcludeSetting>('exclude');
      const search = vscode.workspace.getConfiguration('search', folder.uri).get<ExcludeSetting>('exclude');
      this.excludedIn.set(folder.uri.toString(), excludeMatcher(files, search));
    }
  }

  private isNote(uri: vscode.Uri): boolean {
    if (!NOTE_NAME.test(uri.path)) return false;
    if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
    return !this.hidden(uri);
  }

  /** Hidden by its workspace folder's files.exclude / search.exclude (on its path relative to that folder). */
  private hidden(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const excluded = folder && this.excludedIn.get(folder.uri.toString());
    return excluded ? excluded(vscode.workspace.asRelativePath(uri, false)) : false;
  }

  private isOpen(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  /** Starts a fresh build (cancelling one in progress). */
  rebuild(): void {
    this.run?.cancel();
    this.run?.dispose();
    const run = new vscode.CancellationTokenSource();
    this.run = run;
    this.readExcludes();
    this.building = this.build(run.token).catch(() => undefined);
  }

  private cancel(): void {
    if (this.state !== 'indexing') return;
    this.run?.cancel();
  }

  private async build(token: vscode.CancellationToken): Promise<void> {
    // Held from before the index is cleared: a change from then on is newer than what the build reads.
    const started = this.changes.hold();
    try {
      await this.buildFrom(started, token);
    } finally {
      this.changes.release(started);
    }
  }

  private async buildFrom(started: number, token: vscode.CancellationToken): Promise<void> {
    this.state = 'indexing';
    this.status.command = CANCEL_COMMAND;
    this.index.clear();
    this.byWorkers = 0;
    let uris: vscode.Uri[] = [];
    try {
      uris = (await this.findNotes(token)).filter((u) => this.isNote(u));
    } catch {
      // A search cancelled (or failed) before it answered: nothing to read; the state below says which.
    }
    let done = 0;
    const show = (): void => {
      this.status.text = `$(sync~spin) ${vscode.l10n.t('TCP notes: {0}/{1}', done, uris.length)}`;
      this.status.tooltip = vscode.l10n.t('Indexing the workspace for TCP states and evidence. Click to cancel.');
      this.status.show();
    };
    show();
    const pool = this.workers && uris.length > 1 ? new IndexPool(this.workers.spawn, this.workers.size, this.index.table) : undefined;
    /**
     * Files a note's entry (from a worker) or indexes its text here, unless the note changed since the build
     * started (that change, newer than the text read, is in the index already, or removed the note).
     */
    const feeder = new IndexFeeder(pool, (key: string, entry: NoteEntry | undefined, text: string): void => {
      done++;
      if (token.isCancellationRequested || this.changes.changedSince(started, key)) return;
      if (entry) {
        this.index.setEntry(key, entry);
        this.byWorkers++;
      } else this.index.set(key, text);
    });
    try {
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += READ_BATCH) {
        const batch = uris.slice(i, i + READ_BATCH);
        const texts = await Promise.all(batch.map((u) => this.read(u)));
        let t0 = Date.now();
        for (let k = 0; k < batch.length; k++) {
          if (token.isCancellationRequested) break;
          const uri = batch[k] as vscode.Uri;
          const open = this.isOpen(uri);
          const text = open ? open.getText() : texts[k];
          const key = uri.toString();
          if (text === undefined || this.changes.changedSince(started, key)) done++;
          // The workers index while this thread reads on (it waits only when they are a few notes behind).
          else await feeder.add(key, text);
          if (Date.now() - t0 > SLICE_MS) {
            await yieldToHost();
            t0 = Date.now();
          }
        }
        show();
        this.fireSoon();
        await yieldToHost();
      }
      // Cancelled: the jobs still out settle at once (as undefined, and file nothing).
      if (token.isCancellationRequested) pool?.dispose();
      await feeder.drain();
    } finally {
      pool?.dispose();
    }
    // A newer build (rebuild() cancelled this one) owns the state and the status bar now.
    if (this.run?.token !== token) return;
    if (token.isCancellationRequested) {
      this.state = 'cancelled';
      this.status.text = `$(circle-slash) ${vscode.l10n.t('TCP notes: index cancelled')}`;
      this.status.tooltip = vscode.l10n.t('Indexing was cancelled: workspace references, symbols and the TCP Evidence view are incomplete. Run "Rebuild Workspace Index" to index again.');
      this.status.command = REBUILD_COMMAND;
    } else {
      this.state = 'ready';
      this.status.hide();
      this.status.command = CANCEL_COMMAND;
    }
    this.fireNow();
  }

  /** The workspace's notes: a file search where the folders are on disk, a listing walk elsewhere. */
  private async findNotes(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.every((f) => f.uri.scheme === 'file')) return vscode.workspace.findFiles(GLOB, undefined, undefined, token);
    const out: vscode.Uri[] = [];
    for (const f of folders) out.push(...(await this.notesUnder(f.uri, token)));
    return out;
  }

  /**
   * The notes under a folder. A virtual file system may offer no file search (findFiles then finds nothing or
   * never answers), so outside `file:` the folder is listed with workspace.fs (core/workspace/walk.ts).
   */
  private async notesUnder(folder: vscode.Uri, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    if (folder.scheme === 'file') return vscode.workspace.findFiles(new vscode.RelativePattern(folder, GLOB), undefined, undefined, token);
    const at = (relative: string): vscode.Uri => (relative ? vscode.Uri.joinPath(folder, ...relative.split('/')) : folder);
    const list = async (relative: string) => (await vscode.workspace.fs.readDirectory(at(relative))).map(([name, type]) => [name, entryKind(type)] as const);
    const found = await walkNotes(list, {
      excluded: (relative) => this.hidden(at(relative)),
      cancelled: () => token?.isCancellationRequested === true,
    });
    return found.map(at);
  }

  /** A path was created: a folder (moved in, checked out) is looked for notes, all such paths together. */
  private created(uri: vscode.Uri): void {
    if (NOTE_NAME.test(uri.path) || !vscode.workspace.getWorkspaceFolder(uri)) return;
    if (this.hidden(uri)) return;
    this.createdPaths.set(uri.toString(), uri);
    clearTimeout(this.createdTimer);
    this.createdTimer = setTimeout(() => void this.indexCreated(), CREATED_DELAY_MS);
  }

  private async indexCreated(): Promise<void> {
    const created = this.createdPaths;
    // A path under another created one is searched with it (a checkout or a build creates whole trees: one
    // search for the top of each, not one per folder).
    const paths = [...created.values()].filter((uri) => !hasCreatedAncestor(uri.toString(), created));
    this.createdPaths = new Map();
    for (const uri of paths) {
      let type: vscode.FileType;
      try {
        type = (await vscode.workspace.fs.stat(uri)).type;
      } catch {
        continue;
      }
      if (type !== vscode.FileType.Directory) continue;
      for (const note of await this.notesUnder(uri)) await this.fromDisk(note);
    }
  }

  private async read(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_NOTE_BYTES) return undefined;
      return this.decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  /** Re-reads a note from disk, unless it is open (`closing`: the document being closed still counts as open). */
  private async fromDisk(uri: vscode.Uri, closing = false): Promise<void> {
    if (!this.isNote(uri) || (!closing && this.isOpen(uri))) return;
    const deletions = this.deletions;
    let text = await this.read(uri);
    // A note or folder deleted while this read was under way: the text read may be of a note that is gone now
    // (its folder's delete already handled), and must not come back into the index.
    if (text !== undefined && deletions !== this.deletions && !(await this.exists(uri))) text = undefined;
    if (text === undefined) this.remove(uri);
    else {
      this.changes.touch(uri.toString());
      this.index.set(uri.toString(), text);
      this.fireSoon();
    }
  }

  private async exists(uri: vscode.Uri): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uri);
      return true;
    } catch {
      return false;
    }
  }

  private fromDocument(d: vscode.TextDocument): void {
    if (!this.isNote(d.uri)) return;
    // One getText() (each call joins the document's lines).
    const text = d.getText();
    if (text.length > MAX_NOTE_BYTES) return;
    this.changes.touch(d.uri.toString());
    this.index.set(d.uri.toString(), text);
    this.fireSoon();
  }

  private fromDocumentSoon(d: vscode.TextDocument): void {
    const key = d.uri.toString();
    clearTimeout(this.editTimers.get(key));
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        if (d.isClosed) void this.fromDisk(d.uri, true);
        else this.fromDocument(d);
      }, EDIT_DELAY_MS),
    );
  }

  /** A note deleted, or a folder: every note under it. */
  private remove(uri: vscode.Uri): void {
    this.deletions++;
    const key = uri.toString();
    this.changes.touch(key);
    if (this.index.delete(key) || this.index.deleteFolder(key) > 0) this.fireSoon();
  }

  private fireSoon(): void {
    if (this.fireTimer !== undefined) return;
    this.fireTimer = setTimeout(() => this.fireNow(), 200);
  }

  private fireNow(): void {
    clearTimeout(this.fireTimer);
    this.fireTimer = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.run?.cancel();
    this.run?.dispose();
    for (const t of this.editTimers.values()) clearTimeout(t);
    clearTimeout(this.fireTimer);
    clearTimeout(this.createdTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/** True when a folder above `key` (a URI string) is among the created paths. */
function hasCreatedAncestor(key: string, created: ReadonlyMap<string, vscode.Uri>): boolean {
  for (let cut = key.lastIndexOf('/'); cut > 0; cut = key.lastIndexOf('/', cut - 1)) {
    if (created.has(key.slice(0, cut))) return true;
  }
  return false;
}

/** A directory entry's kind for the walk; a symbolic link to a folder is not followed. */
function entryKind(type: vscode.FileType): EntryKind {
  if (type & vscode.FileType.File) return 'file';
  if (type & vscode.FileType.SymbolicLink) return 'other';
  return type & vscode.FileType.Directory ? 'directory' : 'other';
}
