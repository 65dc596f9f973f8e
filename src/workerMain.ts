/**
 * The analysis worker's side (it also indexes notes for the workspace index: core/workspace/remote.ts): analyses note texts off the extension host thread and answers with the analysis as
 * plain data (core/note/transfer.ts), then with the note's evidence analysis (its companion, computed once the
 * pieces went, while the host assembles the model: core/report/summaries.ts). It keeps no state between requests; the host
 * terminates it when an analysis outlives its budget (see core/note/documents.ts). The extension bundle exports it (so the worker is
 * the extension's own bundle: no second copy of the core in the .vsix, see features/analysisWorker.ts), and
 * src/analysisWorker.ts runs it as the standalone worker of the language server and the bench.
 */
import { buildPieces } from './core/note/pieceStore';
import type { Piece } from './core/note/piece';
import { isBatchAck, isWarmRequest, Outbox, partsMessages, type AnalyseRequest, type WorkerResponse } from './core/note/transfer';
import { runSteps } from './core/report/noteEvidence';
import { remoteEvidenceSteps } from './core/report/summaries';
import { answerIndexRequest, isIndexRequest, type IndexAnswer } from './core/workspace/remote';

/** Longest run of companion steps before the worker turns to its other messages. */
const STEPS_MS = 1;
/** Warm-up: made-up notes of this many characters, one per turn (a few ms each), at most WARM_NOTES of them. */
export const WARM_CHARS = 12 * 1024;
export const WARM_NOTES = 24;

/** Makes the warm-up's made-up notes (core/note/warmup.ts): given by the worker bundles that warm up. */
export type WarmupNotes = (chars: number, seed: number) => string;

/** Runs `work` in a later turn of this worker's event loop. */
export type Defer = (work: () => void) => void;

interface Channel {
  port1: { onmessage: (() => void) | null };
  port2: { postMessage(message: unknown): void };
}
declare const MessageChannel: (new () => Channel) | undefined;

/**
 * setImmediate under Node; in a Web Worker a message to itself (nested setTimeout calls wait at least 4 ms each
 * there, which would leave the worker idle between steps).
 */
function defaultDefer(): Defer {
  if (typeof setImmediate === 'function') return (work) => void setImmediate(work);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const queue: (() => void)[] = [];
    channel.port1.onmessage = () => queue.shift()?.();
    return (work) => {
      queue.push(work);
      channel.port2.postMessage(null);
    };
  }
  return (work) => void setTimeout(work, 0);
}

/**
 * The handler of the host's messages: an analysis request is answered with its first batch at once, each
 * acknowledgement of a batch brings the next (Outbox in core/note/transfer.ts). Once the last batch went (the
 * batches do not wait for it, nor share the CPU with it), the worker computes the note's evidence analysis in
 * steps of about STEPS_MS (`defer` between them) and sends it as the answer's companion.
 */
export function analysisServer(post: (message: WorkerResponse | IndexAnswer) => void, defer: Defer = defaultDefer(), warmupNote?: WarmupNotes): (data: unknown) => void {
  const outbox = new Outbox(post);
  /** The request being answered: companion steps of an earlier one stop. */
  let current = -1;
  const companion = (id: number, text: string, pieces: readonly Piece[]): void => {
    const steps = remoteEvidenceSteps(text, pieces);
    const run = (): void => {
      if (current !== id) return;
      const t0 = performance.now();
      try {
        for (let r = steps.next(); ; r = steps.next()) {
          if (r.done) return outbox.append({ id, companion: r.value });
          if (performance.now() - t0 >= STEPS_MS) break;
        }
      } catch {
        // The host computes it itself then (as for any model).
        return outbox.append({ id, companion: null });
      }
      defer(run);
    };
    defer(run);
  };
  /** Warm-up notes analysed so far; it stops at the first request (or after WARM_NOTES). */
  let warmed = 0;
  let requested = false;
  const warm = (): void => {
    if (requested || !warmupNote || warmed >= WARM_NOTES) return;
    try {
      const text = warmupNote(WARM_CHARS, ++warmed);
      // The companion's steps, all at once: a warm-up note is small.
      runSteps(remoteEvidenceSteps(text, buildPieces(text).pieces));
    } catch {
      return;
    }
    if (warmed < WARM_NOTES) defer(warm);
  };
  return (data) => {
    if (isBatchAck(data)) {
      outbox.acknowledged(data.id);
      return;
    }
    if (isWarmRequest(data)) {
      if (warmupNote && !requested && warmed === 0) defer(warm);
      return;
    }
    if (isIndexRequest(data)) {
      // A workspace index job: answered at once, outside the analysis batches (its own pool: remote.ts).
      requested = true;
      post(answerIndexRequest(data));
      return;
    }
    requested = true;
    const req = data as Partial<AnalyseRequest> | null;
    const id = typeof req?.id === 'number' ? req.id : -1;
    current = id;
    if (typeof req?.text !== 'string') {
      outbox.send([{ id, error: 'bad request' }]);
      return;
    }
    let parts: ReturnType<typeof buildPieces>;
    const t0 = performance.now();
    try {
      // The pieces only: the host assembles the model from them (transfer.ts); the worker assembles its own
      // for the companion while the host does.
      parts = buildPieces(req.text);
    } catch (e) {
      outbox.send([{ id, error: e instanceof Error ? e.message : String(e) }]);
      return;
    }
    outbox.send(partsMessages(id, parts, performance.now() - t0, true));
    const pieces = parts.pieces;
    outbox.whenSent(() => companion(id, req.text as string, pieces));
  };
}

interface WebWorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}
declare const self: WebWorkerScope | undefined;
declare const importScripts: unknown;

/**
 * Serves analysis requests in this worker: a Web Worker's `self`, or Node's `worker_threads` parent port.
 * `warmupNote`: the worker warms up when asked (the language server's, src/analysisWorker.ts); the extension's
 * worker does not (its pool never prestarts, and the made-up notes stay out of the .vsix).
 */
export function serveAnalysisWorker(warmupNote?: WarmupNotes): void {
  if (typeof self !== 'undefined' && typeof importScripts === 'function') {
    const scope = self;
    const serve = analysisServer((m) => scope.postMessage(m), defaultDefer(), warmupNote);
    scope.onmessage = (e) => serve(e.data);
    return;
  }
  // Node: process.getBuiltinModule, not require (the same code is in the web bundle, which must not require it).
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = host?.getBuiltinModule?.('worker_threads') as typeof import('node:worker_threads') | undefined;
  const port = threads?.parentPort;
  if (!port) throw new Error('not running in a worker');
  port.on('message', analysisServer((m) => port.postMessage(m), defaultDefer(), warmupNote));
}
