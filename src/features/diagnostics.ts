import * as vscode from 'vscode';
import { findStateTypos, type Typo } from '../core/note/typos';
import { findMisconceptions } from '../core/knowledge/misconceptions';
import { currentLang } from './language';
import { COMMANDS } from './commands';
import { MARKDOWN_SELECTOR } from './hover';
import type { NoteModels } from './noteModels';

export const DIAGNOSTIC_SOURCE = 'TCP State Notes';
export const TYPO_CODE = 'state-typo';
/** Misconception diagnostics: code `{ value: 'misconception:<rule>', target: <source URL> }`. */
export const MISCONCEPTION_PREFIX = 'misconception:';
const EDIT_DELAY_MS = 300;

function enabled(document: vscode.TextDocument): boolean {
  return vscode.workspace.getConfiguration('tcpStateNotes', document).get<boolean>('diagnostics.enabled', true);
}

function message(typo: Typo): string {
  const [a, b] = typo.suggestions;
  return b
    ? vscode.l10n.t('not a TCP state — did you mean {0} or {1}?', a?.text ?? typo.suggestion, b.text)
    : vscode.l10n.t('not a TCP state — did you mean {0}?', typo.suggestion);
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
    const typos = this.typos(document);
    const claims = findMisconceptions(document.getText(), { lang: currentLang() });
    if (token.isCancellationRequested || document.isClosed || document.version !== version) return;
    this.collection.set(document.uri, [
      ...typos.map((t) => {
        const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(t.start), document.positionAt(t.end)), message(t), vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = TYPO_CODE;
        return d;
      }),
      ...claims.map((c) => {
        const d = new vscode.Diagnostic(new vscode.Range(document.positionAt(c.start), document.positionAt(c.end)), c.message, vscode.DiagnosticSeverity.Information);
        d.source = DIAGNOSTIC_SOURCE;
        d.code = { value: `${MISCONCEPTION_PREFIX}${c.rule}`, target: vscode.Uri.parse(c.source) };
        return d;
      }),
    ]);
  }

  /** Typos of the document at its current version (cached; shared with the quick fixes). */
  private typos(document: vscode.TextDocument): readonly Typo[] {
    // Keyed by the document object: an untitled URI is reused by the next untitled note.
    const hit = this.results.get(document);
    if (hit && hit.version === document.version) return hit.typos;
    const typos = findStateTypos(document.getText(), this.models.get(document));
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
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const code = diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : '';
      if (!code.startsWith(MISCONCEPTION_PREFIX)) continue;
      const rule = code.slice(MISCONCEPTION_PREFIX.length);
      const action = new vscode.CodeAction(vscode.l10n.t('Explain why this claim is wrong'), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.command = { command: COMMANDS.explainMisconception, title: action.title, arguments: [rule] };
      actions.push(action);
    }
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === TYPO_CODE);
    if (ours.length === 0) return actions;
    const typos = this.typos(document);
    for (const diagnostic of ours) {
      const start = document.offsetAt(diagnostic.range.start);
      const end = document.offsetAt(diagnostic.range.end);
      // A diagnostic from an older version whose range no longer holds a typo gets no fix.
      const typo = typos.find((t) => t.start === start && t.end === end);
      if (!typo) continue;
      for (const s of typo.suggestions) {
        const action = new vscode.CodeAction(vscode.l10n.t('Replace with {0}', s.text), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, diagnostic.range, s.text);
        // Preferred (auto-fixable) only when there is no doubt: FIN_WAIT3 could be FIN_WAIT1 or FIN_WAIT2.
        action.isPreferred = typo.suggestions.length === 1;
        actions.push(action);
      }
    }
    return actions;
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
