import * as vscode from 'vscode';
import { lineModel, type NoteModel } from '../core/analysis';
import { AnalysisTask, createAnalysis, FIRST_SLICE_MS, updateAnalysis, type IncrementalAnalysis } from '../core/incremental';
import { LineIndex } from '../core/lineIndex';

/** Notes up to this size are analysed on demand, synchronously when that takes under FIRST_SLICE_MS. */
const SYNC_LIMIT = 256 * 1024;
/** Longest slice of background analysis before yielding to the extension host. */
const SLICE_MS = 8;

interface DocState {
  /**
   * The document this state belongs to: an untitled URI ("Untitled-1") is reused by the next untitled note,
   * possibly before the old one's close event arrives, and must never see the old note's analysis.
   */
  doc: vscode.TextDocument;
  /** Analysis of the text at `version`. */
  analysis?: IncrementalAnalysis;
  version: number;
  /** Edits since `analysis`: the first changed offset and the length of the untouched tail (in its text). */
  dirty?: { start: number; tail: number };
  /** Length of the document now (tracked from change events, so no getText() per keystroke). */
  length: number;
  /** Background analysis of a large note (of `task.text`, at `taskVersion`). */
  task?: AnalysisTask;
  taskVersion?: number;
  /** Longest synchronous slice of work for this note so far (background slice, catch-up, analysis), in ms. */
  longestMs: number;
  longestWhat?: string;
  timer?: ReturnType<typeof setTimeout>;
  waiters: ((model: NoteModel | undefined) => void)[];
}

/**
 * One analysed model per open markdown document, kept up to date incrementally:
 *  - change events only record which part of the note changed (typing hundreds of characters a second
 *    queues nothing); the model is brought up to date when asked for, re-parsing only the touched blocks;
 *  - a large note (over SYNC_LIMIT) is analysed in the background in slices of SLICE_MS, and until it is
 *    ready hovers read the hovered line only (peek() returns undefined);
 *  - a note over `tcpStateNotes.maxNoteSizeMB` is not analysed; a status bar item says so.
 */
export class NoteModels implements vscode.Disposable {
  private readonly docs = new Map<string, DocState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly analysed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly status: vscode.StatusBarItem;
  private statusFor: string | undefined;
  /** Fires (once per version, lazily) when a markdown document changed. */
  readonly onDidChange = this.changed.event;
  /** Fires when the background analysis of a large note is ready. */
  readonly onDidAnalyse = this.analysed.event;

  constructor() {
    this.status = vscode.window.createStatusBarItem('tcpStateNotes.analysis', vscode.StatusBarAlignment.Right, 90);
    this.status.name = vscode.l10n.t('TCP State Notes analysis');
    this.disposables.push(
      this.status,
      vscode.workspace.onDidCloseTextDocument((d) => {
        // Only the closed document's own state: its URI may already belong to a newer untitled note.
        if (this.docs.get(d.uri.toString())?.doc === d) this.forget(d.uri.toString());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId !== 'markdown' || e.contentChanges.length === 0) return;
        this.record(e);
        this.changed.fire(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('tcpStateNotes.maxNoteSizeMB')) return;
        for (const key of [...this.docs.keys()]) this.forget(key);
        this.updateStatus();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      // For tests: what the extension is doing with a note (ready, analysing, too large…).
      vscode.commands.registerCommand('tcpStateNotes.analysisInfo', (uri?: string) => {
        const document = uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri) : vscode.window.activeTextEditor?.document;
        return document ? { ...this.info(document), lastHoverMs: this.lastHoverMs } : undefined;
      }),
      this.changed,
      this.analysed,
    );
    this.updateStatus();
  }

  /** The model, whatever it costs (commands that need it now). A note over the size limit gets an empty model. */
  get(document: vscode.TextDocument): NoteModel {
    const ready = this.peek(document);
    if (ready) return ready;
    if (this.tooLarge(document)) return emptyModel();
    const state = this.state(document);
    const task = state.task;
    if (task && state.taskVersion !== undefined) {
      this.settle(document, state, timed(state, 'get', () => task.finishNow()), state.taskVersion);
      const now = this.peek(document);
      if (now) return now;
    }
    return this.adopt(document, state, timed(state, 'get', () => createAnalysis(document.getText())));
  }

  /**
   * The model if it is ready or cheap to bring up to date (a small note, or an incremental update);
   * otherwise undefined, and a background analysis is under way (see onDidAnalyse, whenReady).
   */
  peek(document: vscode.TextDocument): NoteModel | undefined {
    if (this.tooLarge(document)) return undefined;
    const state = this.state(document);
    if (state.analysis && state.version === document.version && !state.dirty) return state.analysis.model;
    // A bounded edit is caught up at once; a huge one (a big paste) is re-analysed in the background.
    if (state.analysis && state.dirty && state.length - state.dirty.tail - state.dirty.start <= SYNC_LIMIT) return this.catchUp(document, state);
    if (state.analysis && state.dirty && state.length > SYNC_LIMIT) {
      state.analysis = undefined;
      state.dirty = undefined;
    }
    if (state.length <= SYNC_LIMIT && !state.task) {
      // Sync or background by measured cost (issue #17): a first slice of FIRST_SLICE_MS; a note built to
      // be slow (block quotes by the thousand, say) is finished in the background like a large one.
      const task = new AnalysisTask(document.getText());
      if (timed(state, 'analysis', () => task.run(FIRST_SLICE_MS))) return this.adopt(document, state, task.analysis as IncrementalAnalysis);
      this.startTask(document, state, task);
      return undefined;
    }
    this.startTask(document, state);
    return undefined;
  }

  /** The hover's model: the real one when peek() has it, else one built from the hovered line (O(line)). */
  forHover(document: vscode.TextDocument, position: vscode.Position): NoteModel {
    const t0 = performance.now();
    const model = this.peek(document);
    if (model) {
      this.lastHoverMs = performance.now() - t0;
      return model;
    }
    const line = document.lineAt(position.line);
    const fallback = lineModel(line.text, document.offsetAt(line.range.start), position.character);
    this.lastHoverMs = performance.now() - t0;
    return fallback;
  }

  /** Time the last forHover took (tests). */
  private lastHoverMs = 0;

  /** Resolves with the model once it is ready (undefined if the note is closed, too large, or the token fires). */
  whenReady(document: vscode.TextDocument, token?: vscode.CancellationToken): Promise<NoteModel | undefined> {
    const now = this.peek(document);
    if (now || this.tooLarge(document)) return Promise.resolve(now);
    const state = this.state(document);
    return new Promise((resolve) => {
      state.waiters.push(resolve);
      token?.onCancellationRequested(() => resolve(undefined));
    });
  }

  /** For tests and the status bar: what the extension is doing with a document. */
  info(document: vscode.TextDocument): { state: 'ready' | 'stale' | 'analysing' | 'too-large' | 'none'; progress?: number; plainBlocks?: number; longestMs?: number; longestWhat?: string } {
    if (this.tooLarge(document)) return { state: 'too-large' };
    const found = this.docs.get(document.uri.toString());
    const s = found?.doc === document ? found : undefined;
    if (!s) return { state: 'none' };
    if (s.task) return { state: 'analysing', progress: s.task.progress, longestMs: s.longestMs, longestWhat: s.longestWhat };
    if (!s.analysis) return { state: 'none' };
    const plainBlocks = s.analysis.pieces.reduce((n, p) => n + (p.mode === 'plain' ? 1 : 0), 0);
    return { state: s.dirty || s.version !== document.version ? 'stale' : 'ready', plainBlocks, longestMs: s.longestMs, longestWhat: s.longestWhat };
  }

  private limitBytes(document: vscode.TextDocument): number {
    const mb = vscode.workspace.getConfiguration('tcpStateNotes', document).get<number>('maxNoteSizeMB', 20);
    return Math.max(0.1, Number.isFinite(mb) ? mb : 20) * 1024 * 1024;
  }

  private tooLarge(document: vscode.TextDocument): boolean {
    const found = this.docs.get(document.uri.toString());
    const s = found?.doc === document ? found : undefined;
    // UTF-16 code units ≈ bytes for the pasted output that makes notes large.
    return (s ? s.length : document.offsetAt(document.lineAt(document.lineCount - 1).range.end)) > this.limitBytes(document);
  }

  private state(document: vscode.TextDocument): DocState {
    const key = document.uri.toString();
    let s = this.docs.get(key);
    if (s && s.doc !== document) {
      this.forget(key);
      s = undefined;
    }
    if (!s) {
      s = { doc: document, version: -1, length: document.offsetAt(document.lineAt(document.lineCount - 1).range.end), waiters: [], longestMs: 0 };
      this.docs.set(key, s);
    }
    return s;
  }

  /** Folds a change event into the pending edit range (offsets of the document before the event). */
  private record(e: vscode.TextDocumentChangeEvent): void {
    const s = this.docs.get(e.document.uri.toString());
    if (!s || s.doc !== e.document) return;
    let grow = 0;
    for (const c of e.contentChanges) grow += c.text.length - c.rangeLength;
    const before = s.length;
    const limit = this.limitBytes(e.document);
    s.length += grow;
    if ((before > limit) !== (s.length > limit)) this.updateStatus();
    if (!s.analysis && !s.task) return;
    let start = s.dirty?.start ?? Infinity;
    let tail = s.dirty?.tail ?? Infinity;
    for (const c of e.contentChanges) {
      start = Math.min(start, c.rangeOffset);
      tail = Math.min(tail, before - (c.rangeOffset + c.rangeLength));
    }
    s.dirty = { start: Math.max(0, start), tail: Math.max(0, tail) };
  }

  /** Applies the pending edits to the analysis: re-parses the blocks they touch. */
  private catchUp(document: vscode.TextDocument, state: DocState): NoteModel {
    const prev = state.analysis as IncrementalAnalysis;
    const dirty = state.dirty as { start: number; tail: number };
    const text = document.getText();
    const oldLength = prev.model.text.length;
    const tail = Math.min(dirty.tail, oldLength, text.length);
    const oldEnd = oldLength - tail;
    const start = Math.min(dirty.start, oldEnd, text.length - tail);
    const next = timed(state, 'catch-up', () => updateAnalysis(prev, text, start, oldEnd));
    return this.adopt(document, state, next);
  }

  private adopt(document: vscode.TextDocument, state: DocState, analysis: IncrementalAnalysis): NoteModel {
    state.analysis = analysis;
    state.version = document.version;
    state.length = analysis.model.text.length;
    state.dirty = undefined;
    if (state.task) this.stopTask(state);
    for (const w of state.waiters.splice(0)) w(analysis.model);
    return analysis.model;
  }

  /** A finished background analysis of `version`'s text, with the edits made since applied on top. */
  private settle(document: vscode.TextDocument, state: DocState, analysis: IncrementalAnalysis, version: number): void {
    this.stopTask(state);
    state.analysis = analysis;
    state.version = version;
    if (version !== document.version && !state.dirty) state.dirty = { start: 0, tail: 0 };
  }

  private startTask(document: vscode.TextDocument, state: DocState, started?: AnalysisTask): void {
    if (state.task) return;
    state.task = started ?? new AnalysisTask(timed(state, 'getText', () => document.getText()));
    state.taskVersion = document.version;
    state.dirty = undefined;
    const tick = () => {
      state.timer = undefined;
      const task = state.task;
      if (!task || this.docs.get(document.uri.toString()) !== state) return;
      if (timed(state, 'slice', () => task.run(SLICE_MS))) {
        this.settle(document, state, task.analysis as IncrementalAnalysis, state.taskVersion ?? document.version);
        const model = this.peek(document);
        for (const w of state.waiters.splice(0)) w(model);
        this.analysed.fire(document);
      } else state.timer = setTimeout(tick, 0);
      this.updateStatus();
    };
    state.timer = setTimeout(tick, 0);
    this.updateStatus();
  }

  private stopTask(state: DocState): void {
    if (state.timer) clearTimeout(state.timer);
    state.timer = undefined;
    state.task = undefined;
    state.taskVersion = undefined;
  }

  private forget(key: string): void {
    const s = this.docs.get(key);
    if (!s) return;
    this.stopTask(s);
    for (const w of s.waiters.splice(0)) w(undefined);
    this.docs.delete(key);
    if (this.statusFor === key) this.updateStatus();
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
    const info = this.info(document);
    if (info.state === 'too-large') {
      const limit = this.limitBytes(document) / (1024 * 1024);
      const size = (this.state(document).length / (1024 * 1024)).toFixed(1);
      this.status.text = `$(warning) ${vscode.l10n.t('Note too large to analyse ({0} MB)', size)}`;
      this.status.tooltip = vscode.l10n.t(
        'This note is larger than tcpStateNotes.maxNoteSizeMB ({0} MB): hovers read only the current line, the diagram and the template preselection see nothing. Raise the setting to analyse it.',
        limit,
      );
      this.status.command = { title: '', command: 'workbench.action.openSettings', arguments: ['tcpStateNotes.maxNoteSizeMB'] };
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
    for (const key of [...this.docs.keys()]) this.forget(key);
    for (const d of this.disposables) d.dispose();
  }
}

/** Runs `work`, keeping the longest synchronous stretch per note (for analysisInfo and the tests). */
function timed<T>(state: DocState, what: string, work: () => T): T {
  const t0 = performance.now();
  try {
    return work();
  } finally {
    const ms = performance.now() - t0;
    if (ms > state.longestMs) {
      state.longestMs = ms;
      state.longestWhat = what;
    }
  }
}

function emptyModel(): NoteModel {
  return { text: '', lines: new LineIndex(''), mentions: [], evidence: [], sections: [], transitions: [], partial: true };
}
