import * as vscode from 'vscode';
import type { Typo } from '../core/note/typos';
import { TYPO_RULE } from '../core/check/ruleIds';
import { DIAGNOSTIC_SOURCE, noteDiagnostics, noteTypos, quickFixes } from '../core/check/noteDiagnostics';
import { currentLang } from './language';
import { COMMANDS } from './commands';
import { MARKDOWN_SELECTOR } from './hover';
import type { NoteModels } from './noteModels';

export const TYPO_CODE = TYPO_RULE;
const EDIT_DELAY_MS = 300;

function enabled(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('tcpStateNotes', document).get<boolean>('diagnostics.enabled', true);
}

/**
 * Information diagnostics on look-alikes of TCP state names, for every open markdown document whatever its
 * scheme (files, untitled notes, virtual file systems). Each document has at most one pending computation:
 * a newer edit cancels the older timer, and a result is published only if the document is still at the
 * version it was computed for.
 */
export class StateTypoDiagnostics implements vscode.Disposable, vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('tcpStateNotes');
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; cancel: vscode.CancellationTokenSource }>();
  /** The typos last computed per document, by version: the quick fixes read them. */
  private results = new WeakMap<vscode.TextDocument, { version: number; typos: readonly Typo[] }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Computations run per document (for tests: a burst of edits must coalesce into few runs). */
  readonly runs = new Map<string, number>();

  constructor(private readonly models: NoteModels) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, EDIT_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tcpStateNotes.diagnostics.enabled')) return;
        for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
      }),
      vscode.languages.registerCodeActionsProvider(MARKDOWN_SELECTOR, this, { providedCodeActionKinds: StateTypoDiagnostics.providedCodeActionKinds }),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'markdown') return;
    const key = document.uri.toString();
    this.cancelPending(key);
    const cancel = new vscode.CancellationTokenSource();
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.update(document, cancel.token);
      cancel.dispose();
    }, delay);
    this.pending.set(key, { timer, cancel });
  }

  private cancelPending(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    clearTimeout(p.timer);
    p.cancel.cancel();
    p.cancel.dispose();
    this.pending.delete(key);
  }

  private update(document: vscode.TextDocument, token: vscode.CancellationToken): void {
    if (token.isCancellationRequested || document.isClosed) return;
    if (!enabled(document)) {
      this.collection.delete(document.uri);
      this.results.delete(document);
      return;
    }
    // A large note analysed in the background: run once its model is ready rather than block the host.
    if (!this.models.peek(document)) {
      void this.models.whenReady(document, token).then((m) => m && this.update(document, token));
      return;
    }
    const version = document.version;
    const key = document.uri.toString();
    this.runs.set(key, (this.runs.get(key) ?? 0) + 1);
    const diagnostics = noteDiagnostics(document.getText(), this.typos(document), currentLang());
    if (token.isCancellationRequested || document.isClosed || document.version !== version) return;
    // Typos: code `state-typo`; claims: code `{ value: 'misconception:<rule>', target: <source URL> }`.
    this.collection.set(
      document.uri,
      diagnostics.map((n) => {
        const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(n.start), document.positionAt(n.end)), n.message, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = n.code === TYPO_CODE ? n.code : { value: n.code, target: vscode.Uri.parse(n.href) };
        return d;
      }),
    );
  }

  /** Typos of the document at its current version (cached; shared with the quick fixes). */
  private typos(document: vscode.TextDocument): readonly Typo[] {
    // Keyed by the document object: an untitled URI is reused by the next untitled note.
    const hit = this.results.get(document);
    if (hit && hit.version === document.version) return hit.typos;
    const typos = noteTypos(document.getText(), this.models.get(document));
    this.results.set(document, { version: document.version, typos });
    return typos;
  }

  private forget(closed: vscode.TextDocument): void {
    const key = closed.uri.toString();
    this.results.delete(closed);
    // The close of an old untitled note can arrive after a new one took its URI: keep serving the open one.
    const reopened = vscode.workspace.textDocuments.find((d) => !d.isClosed && d !== closed && d.uri.toString() === key);
    if (reopened) return;
    this.cancelPending(key);
    this.collection.delete(closed.uri);
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const lang = currentLang();
    const typos = ours.some((d) => d.code === TYPO_CODE) ? this.typos(document) : [];
    return ours.flatMap((diagnostic) => {
      const code = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');
      return quickFixes(code, document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end), typos, lang).map((fix) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if (fix.replacement !== undefined) {
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, diagnostic.range, fix.replacement);
          action.isPreferred = fix.preferred;
        }
        if (fix.explainRule !== undefined) action.command = { command: COMMANDS.explainMisconception, title: fix.title, arguments: [fix.explainRule] };
        return action;
      });
    });
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancelPending(key);
    this.results = new WeakMap();
    for (const d of this.disposables) d.dispose();
  }
}

/** `testHooks`: registers the command the integration tests count runs with (only when the extension runs under tests). */
export function registerDiagnostics(models: NoteModels, testHooks = false): vscode.Disposable {
  const diagnostics = new StateTypoDiagnostics(models);
  if (!testHooks) return diagnostics;
  return vscode.Disposable.from(
    diagnostics,
    // For tests (not in the manifest): how many times the typos of a document were computed.
    vscode.commands.registerCommand(COMMANDS.diagnosticsInfo, (uri?: string) => ({ runs: uri ? (diagnostics.runs.get(uri) ?? 0) : 0 })),
  );
}
