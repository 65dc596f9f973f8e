/**
 * The analysis worker's side: analyses note texts off the extension host thread and answers with the analysis as
 * plain data (core/note/transfer.ts). It keeps no state between requests; the host terminates it when an
 * analysis outlives its budget (see core/note/documents.ts). The extension bundle exports it (so the worker is
 * the extension's own bundle: no second copy of the core in the .vsix, see features/analysisWorker.ts), and
 * src/analysisWorker.ts runs it as the standalone worker of the language server and the bench.
 */
import { buildPieces } from './core/note/pieceStore';
import { isBatchAck, Outbox, partsMessages, type AnalyseRequest, type WorkerResponse } from './core/note/transfer';

/** The messages answering one request: the analysis in batches (see partsMessages), or the error. */
function answer(data: unknown): WorkerResponse[] {
  const req = data as Partial<AnalyseRequest> | null;
  const id = typeof req?.id === 'number' ? req.id : -1;
  if (typeof req?.text !== 'string') return [{ id, error: 'bad request' }];
  try {
    const t0 = performance.now();
    // The pieces only: the host assembles the model from them (transfer.ts), so the worker does not.
    const parts = buildPieces(req.text);
    return partsMessages(id, parts, performance.now() - t0);
  } catch (e) {
    return [{ id, error: e instanceof Error ? e.message : String(e) }];
  }
}

/**
 * The handler of the host's messages: an analysis request is answered with its first batch at once, each
 * acknowledgement of a batch brings the next (Outbox in core/note/transfer.ts).
 */
export function analysisServer(post: (message: WorkerResponse) => void): (data: unknown) => void {
  const outbox = new Outbox(post);
  return (data) => {
    if (isBatchAck(data)) outbox.acknowledged(data.id);
    else outbox.send(answer(data));
  };
}

interface WebWorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}
declare const self: WebWorkerScope | undefined;
declare const importScripts: unknown;

/** Serves analysis requests in this worker: a Web Worker's `self`, or Node's `worker_threads` parent port. */
export function serveAnalysisWorker(): void {
  if (typeof self !== 'undefined' && typeof importScripts === 'function') {
    const scope = self;
    const serve = analysisServer((m) => scope.postMessage(m));
    scope.onmessage = (e) => serve(e.data);
    return;
  }
  // Node: process.getBuiltinModule, not require (the same code is in the web bundle, which must not require it).
  const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = host?.getBuiltinModule?.('worker_threads') as typeof import('node:worker_threads') | undefined;
  const port = threads?.parentPort;
  if (!port) throw new Error('not running in a worker');
  port.on('message', analysisServer((m) => port.postMessage(m)));
}
