/**
 * The per-document cache of note models, keyed by version, in the spirit of the Markdown language service's
 * document cache: it works on a tiny document interface (an id, a version, the text, and the edits reported
 * as they happen), so it runs and is tested without an editor.
 *
 *  - An edit only records which part of the note changed (typing hundreds of characters a second queues
 *    nothing); the model is brought up to date when asked for, re-analysing only the touched blocks.
 *  - A large note (over `syncLimit`) is analysed in the background in slices of about `sliceMs`, one per turn
 *    of the injected scheduler; until it is ready, peek() returns undefined and hovers read one line.
 *  - A note over the size limit is not analysed at all (get() gives an empty model).
 *
 * "Is this analysis the document's current one?" is answered in one place: `current()`.
 * Pure: no `vscode`, no Node built-ins (the scheduler and the clock are given).
 */
import { emptyModel, lineModel } from './analyze';
import type { NoteModel } from './model';
import { buildAnalysis, FIRST_SLICE_MS, SlicedAnalysis, updateAnalysis, type NoteAnalysis } from './pieceStore';

/** What the cache needs of a document. `uri` identifies it (as a string); `version` grows with every edit. */
export interface NoteDocument {
  readonly uri: { toString(): string };
  readonly version: number;
  getText(): string;
}

/** One edit, in offsets of the text before it (as editors report content changes). */
export interface TextEdit {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

/** Runs `work` later (a macrotask in the editor, a queue in tests); the result cancels it. */
export type Scheduler = (work: () => void) => () => void;

export interface NoteDocumentsOptions<D extends NoteDocument> {
  readonly schedule: Scheduler;
  /** Largest note (UTF-16 code units ≈ bytes for pasted output) analysed at all. */
  readonly maxLength: (document: D) => number;
  /** Length of the document's text, when the host knows it without building the text. */
  readonly lengthOf?: (document: D) => number;
  /** Notes up to this length are analysed on demand, synchronously when that takes under `firstSliceMs` (default 256 KB). */
  readonly syncLimit?: number;
  /**
   * How long an analysis on demand may run synchronously (default FIRST_SLICE_MS): a note not done by then
   * (issue #17: a note built to be slow) is finished in background slices. Sync or background is decided by
   * measured time, not size alone.
   */
  readonly firstSliceMs?: number;
  /** Longest slice of background analysis (default 8 ms). */
  readonly sliceMs?: number;
  /** Milliseconds from any origin (default `performance.now`). */
  readonly now?: () => number;
  /** A background analysis finished (the model is ready). */
  readonly onAnalysed?: (document: D) => void;
  /** Something a status display shows changed: analysis started, progressed, ended; the size limit crossed. */
  readonly onStatus?: (document: D) => void;
}

export type AnalysisState = 'ready' | 'stale' | 'analysing' | 'too-large' | 'none';

export interface AnalysisInfo {
  readonly state: AnalysisState;
  readonly progress?: number;
  /** Pieces read as plain text (stretches too large for Markdown parsing). */
  readonly plainBlocks?: number;
  /** Longest synchronous stretch of work on this note so far (background slice, catch-up, analysis), in ms, and what it was. */
  readonly longestMs?: number;
  readonly longestWhat?: string;
}

interface DocState<D> {
  /**
   * The document this state belongs to: an untitled URI ("Untitled-1") is reused by the next untitled note,
   * possibly before the old one is closed, and must never see the old note's analysis.
   */
  readonly doc: D;
  /** Analysis of the text at `version`. */
  analysis?: NoteAnalysis;
  version: number;
  /** Edits since `analysis`: the first changed offset and the length of the untouched tail (in its text). */
  dirty?: { start: number; tail: number };
  /** Length of the document now (tracked from edits, so no getText() per keystroke). */
  length: number;
  /** Background analysis of a large note (of `task.text`, at `taskVersion`). */
  task?: SlicedAnalysis;
  taskVersion?: number;
  cancelTick?: () => void;
  longestMs: number;
  longestWhat?: string;
  waiters: ((model: NoteModel | undefined) => void)[];
}

const defaultNow = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export class NoteDocuments<D extends NoteDocument> {
  private readonly docs = new Map<string, DocState<D>>();
  private readonly syncLimit: number;
  private readonly sliceMs: number;
  private readonly now: () => number;

  constructor(private readonly options: NoteDocumentsOptions<D>) {
    this.syncLimit = options.syncLimit ?? 256 * 1024;
    this.sliceMs = options.sliceMs ?? 8;
    this.now = options.now ?? defaultNow;
  }

  /** The model, whatever it costs (commands that need it now). A note over the size limit gets an empty model. */
  get(document: D): NoteModel {
    const ready = this.peek(document);
    if (ready) return ready;
    if (this.tooLarge(document)) return emptyModel();
    const state = this.state(document);
    const task = state.task;
    if (task && state.taskVersion !== undefined) {
      this.settle(state, this.timed(state, 'get', () => task.finishNow()), state.taskVersion);
      const now = this.peek(document);
      if (now) return now;
    }
    return this.adopt(document, state, this.timed(state, 'get', () => buildAnalysis(document.getText())));
  }

  /**
   * The model if it is ready or cheap to bring up to date (a small note, or a bounded edit); otherwise
   * undefined, and a background analysis is under way (see onAnalysed, whenReady).
   */
  peek(document: D): NoteModel | undefined {
    if (this.tooLarge(document)) return undefined;
    const state = this.state(document);
    const ready = this.current(document, state);
    if (ready) return ready.model;
    // A bounded edit is caught up at once; a huge one (a big paste) is re-analysed in the background.
    if (state.analysis && state.dirty && state.length - state.dirty.tail - state.dirty.start <= this.syncLimit) return this.catchUp(document, state);
    if (state.analysis && state.dirty && state.length > this.syncLimit) {
      state.analysis = undefined;
      state.dirty = undefined;
    }
    if (state.length <= this.syncLimit && !state.task) {
      // Sync or background by measured cost: a first slice, then the background if it is not done.
      const task = new SlicedAnalysis(document.getText());
      if (this.timed(state, 'analysis', () => task.run(this.options.firstSliceMs ?? FIRST_SLICE_MS, this.now))) return this.adopt(document, state, task.analysis as NoteAnalysis);
      this.startTask(document, state, task);
      return undefined;
    }
    this.startTask(document, state);
    return undefined;
  }

  /**
   * A hover's model: the real one when peek() has it, else a stand-in built from the hovered line
   * (`lineText` at note offset `lineOffset`), O(line).
   */
  forLine(document: D, lineText: string, lineOffset: number, character: number): NoteModel {
    return this.peek(document) ?? lineModel(lineText, lineOffset, character);
  }

  /** Resolves with the model once it is ready (undefined if the note is closed, too large, or `token` fires). */
  whenReady(document: D, token?: { onCancellationRequested(listener: () => void): unknown }): Promise<NoteModel | undefined> {
    const now = this.peek(document);
    if (now || this.tooLarge(document)) return Promise.resolve(now);
    const state = this.state(document);
    return new Promise((resolve) => {
      state.waiters.push(resolve);
      token?.onCancellationRequested(() => resolve(undefined));
    });
  }

  /** Records edits to an open document (offsets of the text before them). */
  edited(document: D, edits: readonly TextEdit[]): void {
    const s = this.known(document);
    if (!s || edits.length === 0) return;
    let grow = 0;
    for (const c of edits) grow += c.text.length - c.rangeLength;
    const before = s.length;
    const limit = this.options.maxLength(document);
    s.length += grow;
    if (before > limit !== s.length > limit) this.options.onStatus?.(document);
    if (!s.analysis && !s.task) return;
    let start = s.dirty?.start ?? Infinity;
    let tail = s.dirty?.tail ?? Infinity;
    for (const c of edits) {
      start = Math.min(start, c.rangeOffset);
      tail = Math.min(tail, before - (c.rangeOffset + c.rangeLength));
    }
    s.dirty = { start: Math.max(0, start), tail: Math.max(0, tail) };
  }

  /** A document was closed: its state goes (only its own: the URI may already belong to a newer untitled note). */
  closed(document: D): void {
    if (this.known(document)) this.forget(document.uri.toString());
  }

  /** Forgets every document (the size limit changed, or the host shuts down). */
  clear(): void {
    for (const key of [...this.docs.keys()]) this.forget(key);
  }

  /** What the cache is doing with a document (status display, tests). */
  info(document: D): AnalysisInfo {
    if (this.tooLarge(document)) return { state: 'too-large' };
    const s = this.known(document);
    if (!s) return { state: 'none' };
    const timing = { longestMs: s.longestMs, ...(s.longestWhat ? { longestWhat: s.longestWhat } : {}) };
    if (s.task) return { state: 'analysing', progress: s.task.progress, ...timing };
    if (!s.analysis) return { state: 'none' };
    const plainBlocks = s.analysis.pieces.reduce((n, p) => n + (p.mode === 'plain' ? 1 : 0), 0);
    return { state: this.current(document, s) ? 'ready' : 'stale', plainBlocks, ...timing };
  }

  /** The document's length as the cache tracks it. */
  length(document: D): number {
    return this.known(document)?.length ?? this.lengthOf(document);
  }

  tooLarge(document: D): boolean {
    return this.length(document) > this.options.maxLength(document);
  }

  /** The analysis when it is of the document's current version with no edit pending: the one place that decides. */
  private current(document: D, state: DocState<D>): NoteAnalysis | undefined {
    return state.analysis && state.version === document.version && !state.dirty ? state.analysis : undefined;
  }

  private lengthOf(document: D): number {
    return this.options.lengthOf ? this.options.lengthOf(document) : document.getText().length;
  }

  /** The state of this very document, if the cache has one. */
  private known(document: D): DocState<D> | undefined {
    const s = this.docs.get(document.uri.toString());
    return s?.doc === document ? s : undefined;
  }

  private state(document: D): DocState<D> {
    const key = document.uri.toString();
    let s = this.docs.get(key);
    if (s && s.doc !== document) {
      this.forget(key);
      s = undefined;
    }
    if (!s) {
      s = { doc: document, version: -1, length: this.lengthOf(document), waiters: [], longestMs: 0 };
      this.docs.set(key, s);
    }
    return s;
  }

  /** Applies the pending edits to the analysis: re-analyses the blocks they touch. */
  private catchUp(document: D, state: DocState<D>): NoteModel {
    const prev = state.analysis as NoteAnalysis;
    const dirty = state.dirty as { start: number; tail: number };
    const text = document.getText();
    const oldLength = prev.model.text.length;
    const tail = Math.min(dirty.tail, oldLength, text.length);
    const oldEnd = oldLength - tail;
    const start = Math.min(dirty.start, oldEnd, text.length - tail);
    return this.adopt(document, state, this.timed(state, 'catch-up', () => updateAnalysis(prev, text, start, oldEnd)));
  }

  /** An analysis of the document's current text becomes its state. */
  private adopt(document: D, state: DocState<D>, analysis: NoteAnalysis): NoteModel {
    state.analysis = analysis;
    state.version = document.version;
    state.length = analysis.model.text.length;
    state.dirty = undefined;
    if (state.task) this.stopTask(state);
    for (const w of state.waiters.splice(0)) w(analysis.model);
    return analysis.model;
  }

  /** A finished background analysis of `version`'s text; edits made since stay pending (peek() applies them). */
  private settle(state: DocState<D>, analysis: NoteAnalysis, version: number): void {
    this.stopTask(state);
    state.analysis = analysis;
    state.version = version;
  }

  private startTask(document: D, state: DocState<D>, started?: SlicedAnalysis): void {
    if (state.task) return;
    state.task = started ?? new SlicedAnalysis(this.timed(state, 'getText', () => document.getText()));
    state.taskVersion = document.version;
    state.dirty = undefined;
    const tick = (): void => {
      state.cancelTick = undefined;
      const task = state.task;
      if (!task || this.docs.get(document.uri.toString()) !== state) return;
      if (this.timed(state, 'slice', () => task.run(this.sliceMs, this.now))) {
        this.settle(state, task.analysis as NoteAnalysis, state.taskVersion ?? document.version);
        // Usually ready now; if the text changed unseen meanwhile, a new background analysis started and the waiters wait for it.
        const model = this.peek(document);
        if (model) for (const w of state.waiters.splice(0)) w(model);
        this.options.onAnalysed?.(document);
      } else state.cancelTick = this.options.schedule(tick);
      this.options.onStatus?.(document);
    };
    state.cancelTick = this.options.schedule(tick);
    this.options.onStatus?.(document);
  }

  private stopTask(state: DocState<D>): void {
    state.cancelTick?.();
    state.cancelTick = undefined;
    state.task = undefined;
    state.taskVersion = undefined;
  }

  private forget(key: string): void {
    const s = this.docs.get(key);
    if (!s) return;
    this.stopTask(s);
    for (const w of s.waiters.splice(0)) w(undefined);
    this.docs.delete(key);
    this.options.onStatus?.(s.doc);
  }

  /** Runs `work`, keeping the longest synchronous stretch per note (AnalysisInfo). */
  private timed<T>(state: DocState<D>, what: string, work: () => T): T {
    const t0 = this.now();
    try {
      return work();
    } finally {
      const ms = this.now() - t0;
      if (ms > state.longestMs) {
        state.longestMs = ms;
        state.longestWhat = what;
      }
    }
  }
}
