import * as vscode from 'vscode';
import type { Lang } from '../core/catalogue/types';
import {
  captureSnapshot,
  snapshotInsertion,
  snapshotText,
  suggestTemplate,
  PROC_FILES,
  type Capture,
  type CaptureProblem,
  type CaptureOptions,
  type ProcReader,
  type ProcStreamReader,
  type TemplateSuggestion,
} from '../core/snapshot';
// Directly (not through the index): activate() asks it for the snapshot tool's context key, and the shell loads it.
import { snapshotSupport, type SnapshotSupport } from '../core/snapshot/support';
import { detectNoteLanguage } from '../core/template';
import { COMMANDS } from './commands';
import { currentLang } from './language';
import { isWritable } from './template';

/**
 * Socket snapshots from /proc, for the note and for the live diagram.
 *
 * Files are read only through `vscode.workspace.fs.readFile(Uri.file('/proc/…'))`: it runs where the extension
 * host runs (the Linux server under Remote-SSH), reads to end of file although /proc files report size 0
 * (verified in code-server's extension host, see test/integration/snapshot.test.ts), and spawns nothing, so
 * it is safe in Restricted Mode. Nothing is ever written anywhere but into the note.
 *
 * The exception is /proc/net/tcp{,6} in the Node extension host: read as a stream with Node's fs (same host,
 * same file, no process), so a host with a million sockets is counted chunk by chunk and reading stops at
 * MAX_TABLE_SOCKETS (the web host has no /proc at all).
 */

/** Node's fs in the Node extension host; undefined in a web worker (no `process`, no `require('node:fs')`). */
function nodeFs(): typeof import('node:fs') | undefined {
  // process.getBuiltinModule (Node ≥ 20.16) instead of require: the one bundle also runs in the web worker
  // host, which must find no require of a Node built-in in it.
  const host = (globalThis as { process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => unknown } }).process;
  if (!host?.versions?.node || typeof host.getBuiltinModule !== 'function') return undefined;
  try {
    return host.getBuiltinModule('fs') as typeof import('node:fs');
  } catch {
    return undefined;
  }
}

/** Streams a /proc file through Node's fs, stopping when `onChunk` says so. */
const streamProcFile: ProcStreamReader = (path, onChunk) =>
  new Promise((resolve) => {
    const fs = nodeFs();
    if (!fs) {
      resolve({ ok: false, failure: 'error', detail: 'no Node file system' });
      return;
    }
    const stream = fs.createReadStream(path, { highWaterMark: 256 * 1024 });
    stream.on('data', (chunk) => {
      if (!onChunk(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk)) {
        stream.destroy();
        resolve({ ok: true });
      }
    });
    stream.on('end', () => resolve({ ok: true }));
    stream.on('error', (e: NodeJS.ErrnoException) => {
      const failure = e.code === 'ENOENT' ? 'not-found' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission' : 'error';
      resolve({ ok: false, failure, detail: e.message });
    });
  });

/** Capture options for this host: the stream reader where Node's fs exists. */
export function hostCaptureOptions(previous?: Capture): CaptureOptions {
  return { ...(previous ? { previous } : {}), ...(nodeFs() ? { stream: streamProcFile } : {}) };
}

/** `process.platform` where `process` exists (Node extension host); a web worker has none. */
function hostPlatform(): string | undefined {
  return typeof process === 'undefined' ? undefined : process.platform;
}

export function snapshotSupportHere(): SnapshotSupport {
  return snapshotSupport(hostPlatform());
}

/** The one message for a host that cannot take a snapshot (undefined on Linux). */
export function unsupportedMessage(support: SnapshotSupport = snapshotSupportHere(), platform = hostPlatform()): string | undefined {
  if (support === 'linux') return undefined;
  if (support === 'web') {
    return vscode.l10n.t(
      'Socket snapshots read /proc on the machine where the extension host runs, and this extension host runs in the browser (web worker), which has no /proc. Open the note in VS Code desktop on Linux, or on the Linux server through Remote-SSH.',
    );
  }
  const name = platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : (platform ?? '?');
  return vscode.l10n.t(
    'Socket snapshots read /proc, which only Linux has, and this extension host runs on {0}. To capture a Linux server, open the note on it through Remote-SSH.',
    name,
  );
}

/** Reads a whole file through the workspace file system; maps its errors to not-found / permission / error. */
export const readProcFile: ProcReader = async (path) => {
  try {
    return { ok: true, bytes: await vscode.workspace.fs.readFile(vscode.Uri.file(path)) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const detail = e instanceof Error ? e.message : String(e);
    if (code === 'FileNotFound' || code === 'EntryNotFound') return { ok: false, failure: 'not-found', detail };
    if (code === 'NoPermissions') return { ok: false, failure: 'permission', detail };
    return { ok: false, failure: 'error', detail };
  }
};

/** "/proc/net/tcp6 (file not found)" for each problem worth telling the user (page size handled apart). */
export function describeProblems(capture: Pick<Capture, 'problems' | 'pageSizeSource'>): string[] {
  const why = (p: CaptureProblem): string => {
    switch (p.kind) {
      case 'not-found':
        return vscode.l10n.t('file not found');
      case 'permission':
        return vscode.l10n.t('permission denied');
      case 'malformed':
        return vscode.l10n.t('unexpected content');
      case 'missing':
        return vscode.l10n.t('counters not present: {0}', p.detail ?? '');
      case 'truncated':
        return vscode.l10n.t('truncated: more than {0} sockets', Number(p.detail).toLocaleString());
      default:
        return vscode.l10n.t('read error: {0}', p.detail ?? '');
    }
  };
  const out = capture.problems.filter((p) => p.path !== PROC_FILES.auxv && p.path !== PROC_FILES.smaps).map((p) => `${p.path} (${why(p)})`);
  if (capture.pageSizeSource === 'assumed') out.push(vscode.l10n.t('page size unreadable, 4096 assumed'));
  return out;
}

/** The language of the block's comments: the setting, else the note's prose, else VS Code's display language. */
export function snapshotLang(document: vscode.TextDocument): Lang {
  const setting = vscode.workspace.getConfiguration('tcpStateNotes', document).get<string>('language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  const text = document.getText();
  return /\p{L}/u.test(text) ? detectNoteLanguage(text) : currentLang();
}

export interface InsertResult {
  readonly inserted: boolean;
  /** The inserted text (fences included). */
  readonly text?: string;
  /** Problems told to the user ("/proc/net/tcp6 (file not found)"). */
  readonly problems: readonly string[];
  readonly suggestion?: TemplateSuggestion;
}

/** Inserts the block for `capture` over the editor's selection, as one edit: one undo step removes it. */
export async function insertCapture(editor: vscode.TextEditor, capture: Capture): Promise<InsertResult> {
  const { document } = editor;
  const problems = describeProblems(capture);
  if (!isWritable(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This note is read-only: the socket snapshot was not inserted.'));
    return { inserted: false, problems };
  }
  const start = editor.selection.start;
  const before = start.character > 0 ? document.lineAt(start.line).text.charAt(start.character - 1) : start.line > 0 ? '\n' : '';
  const text = snapshotInsertion(snapshotText(capture, snapshotLang(document)), before);
  const version = document.version;
  const ok =
    (await editor.edit((b) => b.replace(editor.selection, text), { undoStopBefore: true, undoStopAfter: true })) && document.version !== version;
  if (!ok) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The editor refused the edit (is the note read-only?). Nothing was changed.'));
    return { inserted: false, problems };
  }
  if (problems.length > 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Socket snapshot inserted, but some of it could not be read: {0}', problems.join('; ')));
  }
  const suggestion = suggestTemplate(capture.counts, capture.pressure.level);
  if (suggestion) offerTemplate(suggestion, snapshotLang(document));
  return { inserted: true, text, problems, ...(suggestion ? { suggestion } : {}) };
}

/** Non-modal: an orphan-prone state dominates, offer the matching diagnosis template variant. */
function offerTemplate(s: TemplateSuggestion, lang: Lang): void {
  const action = vscode.l10n.t('Insert template');
  void vscode.window
    .showInformationMessage(vscode.l10n.t('{0} dominates this snapshot ({1} sockets). Insert the matching orphan socket diagnosis template?', s.state, s.count), action)
    .then((choice) => {
      if (choice === action) void vscode.commands.executeCommand(COMMANDS.insertTemplate, { symptom: s.symptom, lang });
    });
}

/** Captures now; explains why not (host, no readable file) in one message and returns undefined. */
export async function captureHere(previous?: Capture): Promise<Capture | undefined> {
  const unsupported = unsupportedMessage();
  if (unsupported) {
    void vscode.window.showWarningMessage(unsupported);
    return undefined;
  }
  const capture = await captureSnapshot(readProcFile, new Date(), hostCaptureOptions(previous));
  if (capture.empty) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('No socket numbers could be read from /proc ({0}). Nothing was inserted.', describeProblems(capture).join('; ')),
    );
    return undefined;
  }
  return capture;
}

export async function captureIntoActiveNote(): Promise<InsertResult> {
  const unsupported = unsupportedMessage();
  if (unsupported) {
    void vscode.window.showWarningMessage(unsupported);
    return { inserted: false, problems: [] };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to capture a socket snapshot into it.'));
    return { inserted: false, problems: [] };
  }
  if (!isWritable(editor.document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This note is read-only: the socket snapshot was not inserted.'));
    return { inserted: false, problems: [] };
  }
  const capture = await captureHere();
  if (!capture) return { inserted: false, problems: [] };
  return insertCapture(editor, capture);
}

export function registerSnapshotCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.captureSnapshot, () => captureIntoActiveNote());
}
