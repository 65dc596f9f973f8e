/**
 * A note's analysis as plain data, for the trip from the analysis worker to the extension host (structured
 * clone): the pieces (numbers, strings, plain objects) and the definitions' prelude entries. The host keeps the
 * text it sent, so neither the text nor anything built from it (the line index, the assembled arrays, the
 * memoised hover indexes) crosses: PartsAssembly rebuilds them, linear in the number of pieces and lines, in
 * steps the documents cache runs as background slices.
 *
 * The pieces come in batches with flow control: the worker sends the next batch only when the host has
 * acknowledged the last one (Outbox), so the host deserialises one batch per turn of its event loop instead of
 * all of them in one go (Node delivers every message already queued on a port in one uninterrupted run).
 * After the last batch the worker sends its evidence analysis of the same text (the companion, computed there
 * while the host assembles the model: core/report/summaries.ts), which the host adopts for the model it assembled.
 * Also the plain-text reading a note falls back to when its Markdown parse is abandoned.
 * Pure: no `vscode`, no Node built-ins.
 */
import { assemble, ModelAssembly } from './assembly';
import { Definitions } from './definitions';
import type { NoteModel } from './model';
import type { Piece } from './piece';
import type { NoteAnalysis } from './pieceStore';
import { analyzePlain } from './plain';

/** What the worker sends back for one text: structured-clone safe (no classes, no functions, no Maps). */
export interface AnalysisParts {
  readonly pieces: readonly Piece[];
  readonly definitions: readonly string[];
}

export function analysisParts(analysis: NoteAnalysis): AnalysisParts {
  return { pieces: analysis.pieces, definitions: analysis.definitions.entries };
}

/**
 * The analysis of `text` (the text the parts were computed from) from its parts, in steps: run(budgetMs) as a
 * SlicedAnalysis does, so the documents cache assembles a large result in background slices.
 */
export class PartsAssembly {
  /** Where the analysis ran (the cache's status: AnalysisInfo.where). */
  readonly where = 'worker' as const;
  private readonly assembly: ModelAssembly;
  private result: NoteAnalysis | undefined;
  private readonly companion: Companion | undefined;

  /** `companion`: what the worker sends after the parts (see Companion), kept with the model once assembled. */
  constructor(
    readonly text: string,
    private readonly parts: AnalysisParts,
    companion?: Promise<unknown>,
  ) {
    this.assembly = new ModelAssembly(text, parts.pieces);
    if (companion) {
      const c: Companion = {
        settled: false,
        arrived: companion.then(
          (value) => {
            c.value = value;
            c.settled = true;
          },
          () => {
            c.settled = true;
          },
        ),
      };
      this.companion = c;
    }
  }

  /** Fraction of the pieces assembled. */
  get progress(): number {
    return this.assembly.progress;
  }

  get analysis(): NoteAnalysis | undefined {
    return this.result;
  }

  /** Steps for about `budgetMs` by `clock` (at least one step); true when the analysis is complete. */
  run(budgetMs: number, clock?: () => number): boolean {
    if (this.result) return true;
    if (!this.assembly.run(budgetMs, clock)) return false;
    const { parts } = this;
    const definitions = parts.definitions.length ? new Definitions(parts.definitions) : Definitions.none;
    const model = this.assembly.model as NoteModel;
    if (this.companion) COMPANIONS.set(model, this.companion);
    this.result = { model, pieces: parts.pieces, definitions };
    return true;
  }

  finishNow(): NoteAnalysis {
    this.run(Infinity);
    return this.result as NoteAnalysis;
  }
}

/**
 * What the worker computed from the same text after the parts (its evidence analysis, unchecked: the reader
 * validates it), for a model assembled from a worker's answer. `value` is set and `settled` true once it arrived
 * (or failed: no value); `arrived` resolves then, never rejects.
 */
export interface Companion {
  readonly arrived: Promise<void>;
  settled: boolean;
  value?: unknown;
}

const COMPANIONS = new WeakMap<NoteModel, Companion>();

/** The companion of a model assembled from a worker's answer (undefined for any other model). */
export function companionOf(model: NoteModel): Companion | undefined {
  return COMPANIONS.get(model);
}

/** The analysis of `text` (the text the parts were computed from) from its parts, at once. */
export function fromParts(text: string, parts: AnalysisParts): NoteAnalysis {
  return new PartsAssembly(text, parts).finishNow();
}

/**
 * The note read as plain text, no Markdown structure (linear, no remark): the fallback when a parse was
 * abandoned. Mentions are found as in prose; fenced blocks still give evidence (see plain.ts).
 */
export function plainAnalysis(text: string): NoteAnalysis {
  const pieces = text.length ? [analyzePlain(text, 0, text.length, 0, 0, true)] : [];
  return { model: assemble(text, pieces), pieces, definitions: Definitions.none };
}

/** A request to the analysis worker: analyse `text` (the worker keeps no state between requests). */
export interface AnalyseRequest {
  readonly id: number;
  readonly text: string;
}

/** The host received a batch of the answer to request `id`: the worker may send the next one. */
export interface BatchAck {
  readonly id: number;
  readonly next: true;
}

/**
 * A worker started ahead of its first request (WorkerPool.prestart) analyses made-up notes (warmup.ts) while it
 * waits, so that V8 has compiled the analysis before the first real note comes; the first request stops it.
 */
export interface WarmRequest {
  readonly warm: true;
}

/** What the host sends the analysis worker. */
export type WorkerRequest = AnalyseRequest | BatchAck | WarmRequest;

export function isBatchAck(data: unknown): data is BatchAck {
  const d = data as Partial<BatchAck> | null;
  return typeof d === 'object' && d !== null && typeof d.id === 'number' && d.next === true;
}

export function isWarmRequest(data: unknown): data is WarmRequest {
  return typeof data === 'object' && data !== null && (data as Partial<WarmRequest>).warm === true;
}

/**
 * The worker's answers: the pieces in batches (`chunk`, each covering about CHUNK_CHARS of the note, so that no
 * single message costs the host more than a few milliseconds to deserialise), then the last batch with the
 * definitions and the time the analysis took there (`parts`; `more` when a `companion` follows: the evidence
 * analysis, or null when there is none for this note); or the error it threw.
 */
export type WorkerResponse =
  | { readonly id: number; readonly chunk: readonly WirePiece[] }
  | { readonly id: number; readonly parts: { readonly pieces: readonly WirePiece[]; readonly definitions: readonly string[] }; readonly ms: number; readonly more?: true }
  | { readonly id: number; readonly companion: unknown }
  | { readonly id: number; readonly error: string };

type ListKey = 'mentions' | 'evidence' | 'headings' | 'transitions' | 'quiet' | 'definitions';

/**
 * A piece as sent: its empty lists left out. Most pieces of a note of tiny blocks (issue #17's quotes shape)
 * have nothing in them, and every object crossing costs the host its deserialisation and its garbage
 * collection; the host puts one shared empty list in their place (fromWire).
 */
export type WirePiece = Omit<Piece, ListKey> & Partial<Pick<Piece, ListKey>>;

const LIST_KEYS: readonly ListKey[] = ['mentions', 'evidence', 'headings', 'transitions', 'quiet', 'definitions'];
const NONE: readonly never[] = Object.freeze([]);

export function toWire(p: Piece): WirePiece {
  const w: { -readonly [K in keyof WirePiece]: WirePiece[K] } = { start: p.start, end: p.end, startLine: p.startLine, evidenceBase: p.evidenceBase, mode: p.mode, hard: p.hard };
  for (const k of LIST_KEYS) if (p[k].length) (w as Record<ListKey, unknown>)[k] = p[k];
  return w;
}

/** The piece from its wire form: an empty list where it had none (one shared, frozen list). */
export function fromWire(w: WirePiece): Piece {
  // One object shape for every piece (a literal, not a spread of objects of varying shapes).
  return {
    start: w.start,
    end: w.end,
    startLine: w.startLine,
    evidenceBase: w.evidenceBase,
    mode: w.mode,
    hard: w.hard,
    mentions: w.mentions ?? NONE,
    evidence: w.evidence ?? NONE,
    headings: w.headings ?? NONE,
    transitions: w.transitions ?? NONE,
    quiet: w.quiet ?? NONE,
    definitions: w.definitions ?? NONE,
  };
}

/** Note characters covered by one batch of pieces (a 128 KB stretch deserialises in a few ms). */
export const CHUNK_CHARS = 128 * 1024;
/** Pieces in one batch at most: a note of tiny blocks (thousands of quotes) has many pieces per 128 KB. */
export const CHUNK_PIECES = 1024;

/** Splits the parts into the messages the worker sends (all but the last are `chunk`s; `more`: a companion follows). */
export function partsMessages(id: number, parts: AnalysisParts, ms: number, more = false): WorkerResponse[] {
  const out: WorkerResponse[] = [];
  let batch: WirePiece[] = [];
  let from = 0;
  for (const p of parts.pieces) {
    batch.push(toWire(p));
    if (p.end - from >= CHUNK_CHARS || batch.length >= CHUNK_PIECES) {
      out.push({ id, chunk: batch });
      batch = [];
      from = p.end;
    }
  }
  out.push({ id, parts: { pieces: batch, definitions: parts.definitions }, ms, ...(more ? { more: true as const } : {}) });
  return out;
}

/**
 * The worker's side of the flow control: it sends the first message of an answer at once and each further one
 * when the host acknowledges the previous batch; a message after the last batch (the companion) goes right after
 * it. A new answer replaces what is left of an old one (the host asks for a new analysis only after the last
 * message of the previous one).
 */
export class Outbox {
  private queue: WorkerResponse[] = [];
  private sent: (() => void) | undefined;

  constructor(private readonly post: (message: WorkerResponse) => void) {}

  send(messages: readonly WorkerResponse[]): void {
    this.queue = messages.slice();
    this.sent = undefined;
    this.flush();
  }

  /** Runs `work` once every message of the current answer went (at once if they all did). */
  whenSent(work: () => void): void {
    if (this.queue.length === 0) work();
    else this.sent = work;
  }

  /** Sends `message` after the rest of the current answer (at once when all of it went). */
  append(message: WorkerResponse): void {
    this.queue.push(message);
    if (this.queue.length === 1) this.flush();
  }

  /** The host acknowledged a batch of answer `id`. */
  acknowledged(id: number): void {
    if (this.queue[0]?.id !== id) return;
    this.flush();
  }

  /** Posts the next message, and those after it up to the next batch the host must acknowledge first. */
  private flush(): void {
    for (let next = this.queue.shift(); next; next = this.queue.shift()) {
      this.post(next);
      if ('chunk' in next) return;
    }
    const sent = this.sent;
    this.sent = undefined;
    sent?.();
  }
}

/** Checks a message from the worker has the shape of a WorkerResponse (the host trusts no message blindly). */
export function isWorkerResponse(data: unknown): data is WorkerResponse {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  if (typeof d.id !== 'number') return false;
  if (typeof d.error === 'string') return true;
  if (Array.isArray(d.chunk)) return true;
  if ('companion' in d) return true;
  const parts = d.parts as Record<string, unknown> | undefined;
  return typeof d.ms === 'number' && typeof parts === 'object' && parts !== null && Array.isArray(parts.pieces) && Array.isArray(parts.definitions);
}
