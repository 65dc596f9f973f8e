import * as vscode from 'vscode';
import { NoteDocuments } from '../core/note/documents';
import type { NoteModel } from '../core/note/model';
import { AnalysisWorkers } from './analysisWorker';

/** Longest a hover waits for a note's analysis in the worker before it answers from the hovered line. */
const HOVER_WAIT_MS = 300;

/**
 * The editor side of the note model cache (core/note/documents.ts): document events in, the size setting,
 * and the status bar item that says when a note is being analysed, too large, or partly read as plain text.
 */
export class NoteModels implements vscode.Disposable {
  private readonly cache: NoteDocuments<vscode.TextDocument>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly analysed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly status: vscode.StatusBarItem;
  private statusFor: string | undefined;
  /** Fires (once per version, lazily) when a markdown document changed. */
  readonly onDidChange = this.changed.event;
  /** Fires when the background analysis of a large note is ready. */
  readonly onDidAnalyse = this.analysed.event;

  /**
   * `extensionUri` locates the analysis worker (none: every analysis runs on this thread); `testHooks` registers
   * the command the integration tests read the cache's state with (never in production).
   */
  constructor(extensionUri?: vscode.Uri, testHooks = false) {
    const workers = extensionUri ? new AnalysisWorkers(extensionUri) : undefined;
    if (workers) this.disposables.push(workers);
    // The worker's time budget: the defaults, unless an integration test shortens it (test hooks only).
    const budget: { ms?: number; perMB?: number } = {};
    this.cache = new NoteDocuments<vscode.TextDocument>({
      remote: workers,
      get budgetMs() {
        return budget.ms;
      },
      get budgetMsPerMB() {
        return budget.perMB;
      },
      after: (ms, work) => {
        const timer = setTimeout(work, ms);
        return () => clearTimeout(timer);
      },
      schedule: (work) => {
        const timer = setTimeout(work, 0);
        return () => clearTimeout(timer);
      },
      maxLength: (document) => this.limitBytes(document),
      // No getText() to learn the length of a large note.
      lengthOf: (document) => document.offsetAt(document.lineAt(document.lineCount - 1).range.end),
      onAnalysed: (document) => this.analysed.fire(document),
      onStatus: (document) => {
        if (this.statusFor === undefined || this.statusFor === document.uri.toString()) this.updateStatus();
      },
    });
    this.status = vscode.window.createStatusBarItem('tcpStateNotes.analysis', vscode.StatusBarAlignment.Right, 90);
    this.status.name = vscode.l10n.t('TCP State Notes analysis');
    this.disposables.push(
      this.status,
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.closed(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId !== 'markdown' || e.contentChanges.length === 0) return;
        this.cache.edited(e.document, e.contentChanges);
        this.changed.fire(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tcpStateNotes.maxNoteSizeMB')) return;
        this.cache.clear();
        this.updateStatus();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      this.changed,
      this.analysed,
    );
    if (testHooks) {
      this.disposables.push(
        // What the extension is doing with a note (ready, analysing, too large…): the integration tests wait on it.
        vscode.commands.registerCommand('tcpStateNotes.analysisInfo', (uri?: string) => {
          const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : vscode.window.activeTextEditor?.document;
          return document ? { ...this.cache.info(document), lastHoverMs: this.lastHoverMs, lastHoverAt: this.lastHoverAt } : undefined;
        }),
        // Shortens (or, without arguments, restores) the worker's time budget, to see the abandon path for real.
        vscode.commands.registerCommand('tcpStateNotes.test.workerBudget', (ms?: number, perMB?: number) => {
          budget.ms = ms;
          budget.perMB = perMB;
        }),
      );
    }
    this.updateStatus();
  }

  /** The model, whatever it costs (commands that need it now). A note over the size limit gets an empty model. */
  get(document: vscode.TextDocument): NoteModel {
    return this.cache.get(document);
  }

  /** The model if it is ready or cheap to bring up to date; otherwise undefined (see onDidAnalyse, whenReady). */
  peek(document: vscode.TextDocument): NoteModel | undefined {
    return this.cache.peek(document);
  }

  /** The hover's model: the real one when peek() has it, else one built from the hovered line (O(line)). */
  forHover(document: vscode.TextDocument, position: vscode.Position): NoteModel {
    const t0 = performance.now();
    this.lastHoverAt = Date.now();
    const line = document.lineAt(position.line);
    const model = this.cache.forLine(document, line.text, document.offsetAt(line.range.start), position.character);
    this.lastHoverMs = performance.now() - t0;
    return model;
  }

  /**
   * The hover's model, waiting at most HOVER_WAIT_MS for an analysis under way in the worker (a small note's
   * usually is ready by then), then the stand-in from the hovered line. The extension host thread never waits.
   */
  async forHoverSoon(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<NoteModel> {
    if (!this.cache.peek(document) && this.cache.info(document).where === 'worker') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([this.cache.whenReady(document, token), new Promise<void>((r) => (timer = setTimeout(r, HOVER_WAIT_MS)))]);
      clearTimeout(timer);
    }
    return this.forHover(document, position);
  }

  /** Time the last forHover took (analysisInfo). */
  private lastHoverMs = 0;
  /** When the last forHover began (epoch ms; analysisInfo). */
  private lastHoverAt = 0;

  /** Resolves with the model once it is ready (undefined if the note is closed, too large, or the token fires). */
  whenReady(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<NoteModel | undefined> {
    return this.cache.whenReady(document, token);
  }

  private limitBytes(document: vscode.TextDocument): number {
    const mb = vscode.workspace.getConfiguration('tcpStateNotes', document).get<number>('maxNoteSizeMB', 20);
    return Math.max(0.1, Number.isFinite(mb) ? mb : 20) * 1024 * 1024;
  }

  /** The status bar item speaks for the active note: analysing, too large, or blocks read as plain text. */
  private updateStatus(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      this.status.hide();
      this.statusFor = undefined;
      return;
    }
    this.statusFor = document.uri.toString();
    const info = this.cache.info(document);
    if (info.state === 'too-large') {
      const limit = this.limitBytes(document) / (1024 * 1024);
      const size = (this.cache.length(document) / (1024 * 1024)).toFixed(1);
      this.status.text = `$(warning) ${vscode.l10n.t('Note too large to analyse ({0} MB)', size)}`;
      this.status.tooltip = vscode.l10n.t(
        'This note is larger than tcpStateNotes.maxNoteSizeMB ({0} MB): hovers read only the current line, the diagram and the template preselection see nothing. Raise the setting to analyse it.',
        limit,
      );
      this.status.command = { title: '', command: 'workbench.action.openSettings', arguments: ['tcpStateNotes.maxNoteSizeMB'] };
      this.status.show();
    } else if (info.abandoned) {
      const seconds = Math.round((info.budgetMs ?? 0) / 1000);
      this.status.text = `$(warning) ${vscode.l10n.t('Note read as plain text')}`;
      this.status.tooltip = vscode.l10n.t(
        'Reading the Markdown structure of this note took longer than {0} s and was stopped, so it cannot slow the editor down. Hovers, diagnostics and the diagram use the plain text (mentions and fenced output, no Markdown structure). Reopen the note to try again.',
        seconds,
      );
      this.status.command = undefined;
      this.status.show();
    } else if (info.state === 'analysing' && info.where === 'worker') {
      this.status.text = `$(sync~spin) ${vscode.l10n.t('Analysing note…')}`;
      this.status.tooltip = vscode.l10n.t('TCP State Notes is reading this note in a background worker; until it is done, hovers read only the current line.');
      this.status.command = undefined;
      this.status.show();
    } else if (info.state === 'analysing') {
      this.status.text = `$(sync~spin) ${vscode.l10n.t('Analysing note… {0}%', Math.floor((info.progress ?? 0) * 100))}`;
      this.status.tooltip = vscode.l10n.t('TCP State Notes is reading this large note in the background; until it is done, hovers read only the current line.');
      this.status.command = undefined;
      this.status.show();
    } else if (info.plainBlocks) {
      this.status.text = `$(info) ${vscode.l10n.t('{0} large block(s) read as plain text', info.plainBlocks)}`;
      this.status.tooltip = vscode.l10n.t('Blocks of more than 64 KB without a blank line are analysed as plain text (no Markdown structure) to keep the editor responsive.');
      this.status.command = undefined;
      this.status.show();
    } else this.status.hide();
  }

  dispose(): void {
    this.cache.clear();
    for (const d of this.disposables) d.dispose();
  }
}
