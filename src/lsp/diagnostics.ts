/**
 * Pushes diagnostics (textDocument/publishDiagnostics) for open notes and answers their quick fixes, from
 * core/check/noteDiagnostics — the same data the VS Code diagnostics adapt. One pending computation per note:
 * an edit restarts its timer, a result is published only for the version it was computed for, and a large note
 * is checked once its background analysis is ready.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { Lang } from '../core/catalogue/types';
import { DIAGNOSTIC_SOURCE, noteDiagnostics, noteTypos, quickFixes } from '../core/check/noteDiagnostics';
import type { Typo } from '../core/note/typos';
import type { OpenNotes } from './notes';

/** The command a claim's quick fix runs (workspace/executeCommand): the explanation of the misconception. */
export const EXPLAIN_MISCONCEPTION = 'tcpStateNotes.explainMisconception';
/** Debounce after an edit, as in the editor. */
const EDIT_DELAY_MS = 300;

export interface DiagnosticsHost {
  readonly notes: OpenNotes;
  publish(uri: string, version: number, diagnostics: Diagnostic[]): void;
  lang(): Lang;
  enabled(): boolean;
}

/**
 * Kept with each diagnostic and returned by the client with the code action request (LSP `data`): the note
 * offsets it was computed for. Some clients send the range back converted (Neovim 0.7 returns byte columns
 * in `character`), so the offsets are used when the note is still at that version; the range otherwise.
 */
interface DiagnosticData {
  readonly version: number;
  readonly start: number;
  readonly end: number;
}

function dataOf(diagnostic: Diagnostic, version: number): DiagnosticData | undefined {
  const d = diagnostic.data as Partial<DiagnosticData> | undefined;
  return d && d.version === version && Number.isInteger(d.start) && Number.isInteger(d.end) ? (d as DiagnosticData) : undefined;
}

/**
 * `ready`, one turn of the event loop after it resolved: requests that waited for the same analysis (document
 * symbols, a hover) are answered first. Their replies resolve with it but are written in a later turn (the
 * protocol library queues each write), so diagnostics computed at once would go before them.
 */
async function afterReplies<T>(ready: Promise<T>): Promise<T> {
  const value = await ready;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  return value;
}

export class NoteDiagnosticsPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The typos last computed per note, by version: the quick fixes read them. */
  private readonly typoCache = new WeakMap<TextDocument, { version: number; typos: readonly Typo[] }>();

  constructor(private readonly host: DiagnosticsHost) {}

  /** Recomputes a note's diagnostics after `delay` ms (0 on open, the edit delay on change). */
  schedule(document: TextDocument, delay = EDIT_DELAY_MS): void {
    this.cancel(document.uri);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        void this.update(document);
      }, delay),
    );
  }

  /** Every open note again (a setting changed). */
  refreshAll(): void {
    for (const d of this.host.notes.all()) this.schedule(d, 0);
  }

  /** A closed note: nothing pending, its diagnostics cleared. */
  closed(uri: string): void {
    this.cancel(uri);
    this.host.publish(uri, 0, []);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async update(document: TextDocument): Promise<void> {
    const { notes } = this.host;
    if (notes.get(document.uri) !== document) return;
    if (!this.host.enabled()) {
      this.host.publish(document.uri, document.version, []);
      return;
    }
    const version = document.version;
    const model = notes.cache.peek(document) ?? (await afterReplies(notes.cache.whenReady(document)));
    // Closed or edited meanwhile (the edit scheduled its own run).
    if (notes.get(document.uri) !== document || document.version !== version) return;
    // Too large to analyse (maxNoteSizeMB): nothing is checked, so the diagnostics of an earlier version go.
    if (!model) {
      this.host.publish(document.uri, version, []);
      return;
    }
    const typos = this.typos(document, model);
    const diagnostics = noteDiagnostics(document.getText(), typos, this.host.lang()).map(
      (n): Diagnostic => ({
        range: { start: document.positionAt(n.start), end: document.positionAt(n.end) },
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: n.code,
        codeDescription: { href: n.href },
        message: n.message,
        data: { version, start: n.start, end: n.end } satisfies DiagnosticData,
      }),
    );
    this.host.publish(document.uri, version, diagnostics);
  }

  private typos(document: TextDocument, model = this.host.notes.cache.get(document)): readonly Typo[] {
    const hit = this.typoCache.get(document);
    if (hit && hit.version === document.version) return hit.typos;
    const typos = noteTypos(document.getText(), model);
    this.typoCache.set(document, { version: document.version, typos });
    return typos;
  }

  /** textDocument/codeAction: the quick fixes of our diagnostics in the request's context. */
  codeActions(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
    // A diagnostic the client sends back without a range (a malformed one) has no place to fix: skipped.
    const ours = diagnostics.filter((d) => d?.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && typeof d.range?.start?.line === 'number' && typeof d.range.end?.line === 'number');
    if (ours.length === 0) return [];
    const lang = this.host.lang();
    const typos = this.typos(document);
    return ours.flatMap((diagnostic) => {
      const known = dataOf(diagnostic, document.version);
      const start = known?.start ?? document.offsetAt(diagnostic.range.start);
      const end = known?.end ?? document.offsetAt(diagnostic.range.end);
      const range = { start: document.positionAt(start), end: document.positionAt(end) };
      return quickFixes(String(diagnostic.code), start, end, typos, lang).map((fix): CodeAction => {
        const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
        if (fix.replacement !== undefined) {
          action.edit = { changes: { [document.uri]: [{ range, newText: fix.replacement }] } };
          action.isPreferred = fix.preferred;
        }
        if (fix.explainRule !== undefined) action.command = { title: fix.title, command: EXPLAIN_MISCONCEPTION, arguments: [fix.explainRule] };
        return action;
      });
    });
  }
}
