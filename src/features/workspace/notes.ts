/**
 * The shell around the core workspace index (core/workspace): finds the Markdown notes of the workspace
 * (`findFiles`, so `files.exclude` applies; `search.exclude` through the core's exclude matcher), reads them
 * with `vscode.workspace.fs` in background batches (so it works in the web worker host, virtual and untrusted
 * workspaces, and never blocks the extension host), follows a FileSystemWatcher and the edits of open
 * documents (an open document wins over the disk until it is closed), and shows progress in the status bar
 * with a cancel.
 */
import * as vscode from 'vscode';
import { WorkspaceIndex } from '../../core/workspace/index';
import { excludeMatcher, type ExcludeSetting } from '../../core/workspace/exclude';

const GLOB = '**/*.{md,markdown}';
/** Notes read per batch, and the longest synchronous stretch of indexing before yielding. */
const READ_BATCH = 16;
const SLICE_MS = 12;
/** Notes over this size are not indexed (the editor's own size limit is a setting; the index stays bounded). */
const MAX_NOTE_BYTES = 8 * 1024 * 1024;
const EDIT_DELAY_MS = 250;

export const CANCEL_COMMAND = 'tcpStateNotes.cancelWorkspaceIndex';
export const REBUILD_COMMAND = 'tcpStateNotes.rebuildWorkspaceIndex';

export interface WorkspaceIndexInfo {
  readonly state: 'idle' | 'indexing' | 'ready' | 'cancelled';
  readonly notes: number;
  readonly generation: number;
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
  private excluded: (relativePath: string) => boolean = () => false;
  private state: WorkspaceIndexInfo['state'] = 'idle';
  private run: vscode.CancellationTokenSource | undefined;
  private building: Promise<void> = Promise.resolve();
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private fireTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.status.name = vscode.l10n.t('TCP notes index');
    this.status.command = CANCEL_COMMAND;
    this.readExcludes();
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      this.status,
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => void this.fromDisk(uri)),
      watcher.onDidChange((uri) => void this.fromDisk(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const f of e.files) {
          // A folder rename moves every note under it: the watcher reports those as delete + create.
          if (this.index.rename(f.oldUri.toString(), f.newUri.toString())) this.fireSoon();
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
    return { state: this.state, notes: this.index.size, generation: this.index.generation };
  }

  /** Resolves when the current build has finished (or was cancelled). */
  whenBuilt(): Promise<void> {
    return this.building;
  }

  private readExcludes(): void {
    const files = vscode.workspace.getConfiguration('files').get<ExcludeSetting>('exclude');
    const search = vscode.workspace.getConfiguration('search').get<ExcludeSetting>('exclude');
    this.excluded = excludeMatcher(files, search);
  }

  private isNote(uri: vscode.Uri): boolean {
    if (!/\.(?:md|markdown)$/i.test(uri.path)) return false;
    if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
    return !this.excluded(vscode.workspace.asRelativePath(uri, false));
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
    this.state = 'indexing';
    this.status.command = CANCEL_COMMAND;
    this.index.clear();
    const uris = (await vscode.workspace.findFiles(GLOB, undefined, undefined, token)).filter((u) => this.isNote(u));
    let done = 0;
    const show = (): void => {
      this.status.text = `$(sync~spin) ${vscode.l10n.t('TCP notes: {0}/{1}', done, uris.length)}`;
      this.status.tooltip = vscode.l10n.t('Indexing the workspace for TCP states and evidence. Click to cancel.');
      this.status.show();
    };
    show();
    for (let i = 0; i < uris.length && !token.isCancellationRequested; i += READ_BATCH) {
      const batch = uris.slice(i, i + READ_BATCH);
      const texts = await Promise.all(batch.map((u) => this.read(u)));
      let t0 = Date.now();
      for (let k = 0; k < batch.length; k++) {
        if (token.isCancellationRequested) break;
        const uri = batch[k] as vscode.Uri;
        const open = this.isOpen(uri);
        const text = open ? open.getText() : texts[k];
        if (text !== undefined) this.index.set(uri.toString(), text);
        done++;
        if (Date.now() - t0 > SLICE_MS) {
          await yieldToHost();
          t0 = Date.now();
        }
      }
      show();
      this.fireSoon();
      await yieldToHost();
    }
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
    const text = await this.read(uri);
    if (text === undefined) this.remove(uri);
    else {
      this.index.set(uri.toString(), text);
      this.fireSoon();
    }
  }

  private fromDocument(d: vscode.TextDocument): void {
    if (!this.isNote(d.uri)) return;
    // One getText() (each call joins the document's lines).
    const text = d.getText();
    if (text.length > MAX_NOTE_BYTES) return;
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

  private remove(uri: vscode.Uri): void {
    if (this.index.delete(uri.toString())) this.fireSoon();
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
    for (const d of this.disposables) d.dispose();
  }
}
