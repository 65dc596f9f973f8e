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
 *  - With a `remote` analyser (a worker), a note whose analysis is expected to take longer than `syncBudgetMs`
 *    (expected from the time analyses actually took, per character, and from this note's own history — not
 *    from its size alone) is analysed there instead: the editor's thread never runs an unbounded parse. A
 *    remote analysis that outlives its time budget is abandoned (the remote stops it: terminating a worker is
 *    the only way to pre-empt a synchronous library call) and the note is read as plain text from then on.
 *
 * "Is this analysis the document's current one?" is answered in one place: `current()`. Remote results carry
 * the version of the text they were computed from and are checked there like any other analysis.
 * Pure: no `vscode`, no Node built-ins (the scheduler, the timer, the clock and the remote are given).
 */
import { emptyModel, lineModel } from './analyze';
import type { NoteModel } from './model';
import { buildAnalysis, FIRST_SLICE_MS, SlicedAnalysis, updateAnalysis, type NoteAnalysis } from './pieceStore';
import { PartsAssembly, plainAnalysis, type AnalysisParts } from './transfer';

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

/** Runs `work` after `ms` milliseconds (a timer in the editor, a fake clock in tests); the result cancels it. */
export type Timer = (ms: number, work: () => void) => () => void;

/** One analysis running elsewhere (a worker). */
export interface RemoteJob {
  /** The parts of the analysis and the time it took there; rejects if the remote failed. */
  readonly result: Promise<{ readonly parts: AnalysisParts; readonly ms: number }>;
  /**
   * What the remote computes from the same text after the parts (the analysis worker: the note's evidence
   * analysis), kept with the model (transfer.ts companionOf); undefined when none comes. Never rejects.
   */
  readonly companion?: Promise<unknown>;
  /** Stops the analysis now (terminates the worker running it); `result` then never settles. */
  abandon(): void;
}

/** Something that analyses a text off the editor's thread (the analysis worker). */
export interface RemoteAnalyser {
  start(text: string): RemoteJob;
  /** Gets ready for a first job now (starts a worker), when the host knows one is coming. */
  prestart?(): void;
  /** Lets an idle prestarted worker warm up until its first job (the language server, once initialized). */
  warmUp?(): void;
}

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
  /** Analyses off the editor's thread; without it every analysis runs here (sliced when large). */
  readonly remote?: RemoteAnalyser;
  /** Needed with `remote`: the budget's timer. */
  readonly after?: Timer;
  /** Expected cost up to which a full analysis still runs here rather than remotely (default 30 ms). */
  readonly syncBudgetMs?: number;
  /** Time a remote analysis may take before it is abandoned: `budgetMs` plus `budgetMsPerMB` per MB (defaults 4 s, 4 s). */
  readonly budgetMs?: number;
  readonly budgetMsPerMB?: number;
}

/**
 * Work the cache runs in background slices on this thread, one run() per turn of the scheduler: a note's
 * analysis (SlicedAnalysis), or the assembly of a worker's result into the model (PartsAssembly).
 */
interface SlicedWork {
  readonly progress: number;
  readonly analysis: NoteAnalysis | undefined;
  /** Where the analysis ran, when not here. */
  readonly where?: 'worker';
  run(budgetMs: number, clock: () => number): boolean;
  finishNow(): NoteAnalysis;
}

export type AnalysisState = 'ready' | 'stale' | 'analysing' | 'too-large' | 'none';

/** Assumed cost of a full analysis before any was measured: 4 ms per KB (a busy 2-core machine). */
const INITIAL_MS_PER_CHAR = 1 / 256;
/** A note whose analysis costs more than this many times the average per character is slow (a quadratic shape). */
const SLOW_FACTOR = 16;

export interface AnalysisInfo {
  readonly state: AnalysisState;
  readonly progress?: number;
  /** Pieces read as plain text (stretches too large for Markdown parsing). */
  readonly plainBlocks?: number;
  /** Longest synchronous stretch of work on this note so far (background slice, catch-up, analysis), in ms, and what it was. */
  readonly longestMs?: number;
  readonly longestWhat?: string;
  /** Where the running or last full analysis ran. */
  readonly where?: 'host' | 'worker';
  /** The Markdown parse of this note was abandoned after `budgetMs`: it is read as plain text. */
  readonly abandoned?: true;
  readonly budgetMs?: number;
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
  /** Background analysis of a large note, or assembly of a worker's result (of the text at `taskVersion`). */
  task?: SlicedWork;
  taskVersion?: number;
  cancelTick?: () => void;
  /** Remote analysis under way (of `job.text`, at `job.version`). */
  job?: { readonly version: number; readonly text: string; readonly remote: RemoteJob; readonly budgetMs: number; cancelBudget: () => void };
  /** A remote analysis of this note was abandoned: it is read as plain text (linear) from then on. */
  abandoned?: { readonly budgetMs: number };
  /** Measured cost of this note's last full analysis, per character (its own history decides its next one). */
  msPerChar?: number;
  /** Its cost per character was over SLOW_FACTOR × the average: edits are re-analysed remotely, not caught up here. */
  slow?: boolean;
  where?: 'host' | 'worker';
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
  /** Measured cost of full analyses, per character (a running average over notes that were not abandoned). */
  private msPerChar = INITIAL_MS_PER_CHAR;
  private remote: RemoteAnalyser | undefined;

  constructor(private readonly options: NoteDocumentsOptions<D>) {
    this.syncLimit = options.syncLimit ?? 256 * 1024;
    this.sliceMs = options.sliceMs ?? 8;
    this.now = options.now ?? defaultNow;
    this.remote = options.remote && options.after ? options.remote : undefined;
  }

  /** The model, whatever it costs (commands that need it now). A note over the size limit gets an empty model. */
  get(document: D): NoteModel {
    const ready = this.peek(document);
    if (ready) return ready;
    if (this.tooLarge(document)) return emptyModel();
    const state = this.state(document);
    // A remote analysis is under way and nothing here may wait for it: commands get the plain-text reading.
    if (state.job) return plainAnalysis(document.getText()).model;
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
    if (state.abandoned) return this.adopt(document, state, this.timed(state, 'plain', () => plainAnalysis(document.getText())));
    // A bounded edit is caught up at once; a huge one (a big paste) is re-analysed in the background.
    if (state.analysis && state.dirty && state.length - state.dirty.tail - state.dirty.start <= this.syncLimit && this.ordinary(state)) return this.catchUp(document, state);
    if (state.analysis && state.dirty && state.length > this.syncLimit) {
      state.analysis = undefined;
      state.dirty = undefined;
    }
    // Background work under way (an analysis here, or a worker's result being assembled) goes on.
    if (state.task) return undefined;
    if (this.remote && !this.cheap(state)) return this.startJob(document, state, this.remote);
    // With a worker, a note expected to be cheap is analysed here at once (and its cost measured).
    if (this.remote && state.length <= this.syncLimit) return this.adopt(document, state, this.analyseHere(document, state));
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
   * Whether a full analysis of this note is expected to fit `syncBudgetMs` on this thread: from this note's own
   * measured cost when it has one, else from the running average of measured analyses.
   */
  private cheap(state: DocState<D>): boolean {
    if (state.length > this.syncLimit) return false;
    return state.length * (state.msPerChar ?? this.msPerChar) <= (this.options.syncBudgetMs ?? 30);
  }

  /**
   * Whether this note parses at an ordinary speed (see `slow`), so that re-analysing the blocks an edit touches
   * stays bounded here. A note with a slow stretch goes remote.
   */
  private ordinary(state: DocState<D>): boolean {
    return !this.remote || !state.slow;
  }

  /** A full analysis on this thread, measured. */
  private analyseHere(document: D, state: DocState<D>): NoteAnalysis {
    const t0 = this.now();
    const analysis = this.timed(state, 'analysis', () => buildAnalysis(document.getText()));
    this.measured(state, this.now() - t0, analysis.model.text.length);
    state.where = 'host';
    return analysis;
  }

  /** Learns from a full analysis that took `ms` for `length` characters. */
  private measured(state: DocState<D>, ms: number, length: number): void {
    if (length < 256) return;
    const rate = ms / length;
    state.msPerChar = rate;
    state.slow = rate > SLOW_FACTOR * this.msPerChar;
    // Slow notes say nothing about ordinary ones: they stay out of the average.
    if (!state.slow) this.msPerChar = 0.7 * this.msPerChar + 0.3 * rate;
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
    if (!s.analysis && !s.task && !s.job) return;
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
    if (s.job) return { state: 'analysing', where: 'worker', budgetMs: s.job.budgetMs, ...timing };
    if (s.task) return { state: 'analysing', progress: s.task.progress, where: s.task.where ?? 'host', ...timing };
    if (!s.analysis) return { state: 'none' };
    const plainBlocks = s.analysis.pieces.reduce((n, p) => n + (p.mode === 'plain' ? 1 : 0), 0);
    const where = s.where ? { where: s.where } : {};
    const abandoned = s.abandoned ? { abandoned: true as const, budgetMs: s.abandoned.budgetMs } : {};
    return { state: this.current(document, s) ? 'ready' : 'stale', plainBlocks, ...where, ...abandoned, ...timing };
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
    if (state.job) this.stopJob(state, true);
    for (const w of state.waiters.splice(0)) w(analysis.model);
    return analysis.model;
  }

  /** A finished background analysis of `version`'s text; edits made since stay pending (peek() applies them). */
  private settle(state: DocState<D>, analysis: NoteAnalysis, version: number): void {
    this.stopTask(state);
    state.analysis = analysis;
    state.version = version;
  }

  /** Runs `started` (by default a new analysis of the document's text) in background slices; it is of `version`'s text. */
  private startTask(document: D, state: DocState<D>, started?: SlicedWork, version = document.version): void {
    if (state.task) return;
    state.task = started ?? new SlicedAnalysis(this.timed(state, 'getText', () => document.getText()));
    state.taskVersion = version;
    // Edits made since an older text's work began stay pending (peek() applies them to its result).
    if (version === document.version) state.dirty = undefined;
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

  /** Sends the document's text to the remote analyser, with a time budget after which the analysis is abandoned. */
  private startJob(document: D, state: DocState<D>, remote: RemoteAnalyser): NoteModel | undefined {
    if (state.job) return undefined;
    const text = this.timed(state, 'getText', () => document.getText());
    const budgetMs = (this.options.budgetMs ?? 4000) + ((this.options.budgetMsPerMB ?? 4000) * text.length) / (1024 * 1024);
    let remoteJob: RemoteJob;
    try {
      remoteJob = remote.start(text);
    } catch {
      // No worker here (it failed to start): analyse on this thread as before.
      this.remote = undefined;
      if (state.length <= this.syncLimit) return this.adopt(document, state, this.analyseHere(document, state));
      this.startTask(document, state);
      return undefined;
    }
    const job: NonNullable<DocState<D>['job']> = { version: document.version, text, remote: remoteJob, budgetMs, cancelBudget: () => undefined };
    state.job = job;
    // Edits from now on are recorded against the job's text; an older analysis cannot take them.
    state.analysis = undefined;
    state.dirty = undefined;
    const after = this.options.after as Timer;
    job.cancelBudget = after(budgetMs, () => {
      if (state.job !== job) return;
      this.stopJob(state, true);
      state.abandoned = { budgetMs };
      this.finished(document, state, plainAnalysis(job.text), job.version);
    });
    remoteJob.result.then(
      ({ parts, ms }) => {
        // A result for a job that is no longer this document's (closed, replaced, abandoned) is dropped here;
        // whether it is of the document's current version is then decided by current(), as for any analysis.
        if (state.job !== job || this.docs.get(document.uri.toString()) !== state) return;
        this.stopJob(state, false);
        this.measured(state, ms, text.length);
        state.where = 'worker';
        // The model is assembled from the pieces here: a first slice now, the rest in background slices (a
        // note of thousands of tiny blocks has that many pieces), as a large note's analysis would be.
        const assembly = new PartsAssembly(text, parts, remoteJob.companion);
        if (this.timed(state, 'assembly', () => assembly.run(this.sliceMs, this.now))) this.finished(document, state, assembly.analysis as NoteAnalysis, job.version);
        else this.startTask(document, state, assembly, job.version);
      },
      () => {
        if (state.job !== job || this.docs.get(document.uri.toString()) !== state) return;
        // The worker failed (not a timeout): analyse on this thread as before.
        this.stopJob(state, false);
        this.remote = undefined;
        state.analysis = undefined;
        state.dirty = undefined;
        const model = this.peek(document);
        if (model) {
          for (const w of state.waiters.splice(0)) w(model);
          this.options.onAnalysed?.(document);
        }
        this.options.onStatus?.(document);
      },
    );
    this.options.onStatus?.(document);
    return undefined;
  }

  /** An analysis of `version`'s text arrived from elsewhere (remote, abandoned): as a finished background task. */
  private finished(document: D, state: DocState<D>, analysis: NoteAnalysis, version: number): void {
    this.settle(state, analysis, version);
    const model = this.peek(document);
    if (model) for (const w of state.waiters.splice(0)) w(model);
    this.options.onAnalysed?.(document);
    this.options.onStatus?.(document);
  }

  private stopJob(state: DocState<D>, abandon: boolean): void {
    const job = state.job;
    if (!job) return;
    state.job = undefined;
    job.cancelBudget();
    if (abandon) job.remote.abandon();
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
    this.stopJob(s, true);
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
