/**
 * The analysis worker: analyses note texts off the extension host thread and answers with the analysis as plain
 * data (core/note/transfer.ts). One bundle runs in both hosts: under Node `worker_threads` (desktop, remote)
 * and as a Web Worker (the browser's web worker extension host). It keeps no state between requests; the host
 * terminates it when an analysis outlives its budget (see core/note/documents.ts).
 */
import { buildAnalysis } from './core/note/pieceStore';
import { analysisParts, partsMessages, type WorkerRequest, type WorkerResponse } from './core/note/transfer';

/** The messages answering one request: the analysis in batches (see partsMessages), or the error. */
function answer(data: unknown): WorkerResponse[] {
  const req = data as Partial<WorkerRequest> | null;
  const id = typeof req?.id === 'number' ? req.id : -1;
  if (typeof req?.text !== 'string') return [{ id, error: 'bad request' }];
  try {
    const t0 = performance.now();
    const analysis = buildAnalysis(req.text);
    return partsMessages(id, analysisParts(analysis), performance.now() - t0);
  } catch (e) {
    return [{ id, error: e instanceof Error ? e.message : String(e) }];
  }
}

interface WebWorkerScope {
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}
declare const self: WebWorkerScope | undefined;
declare const importScripts: unknown;

if (typeof self !== 'undefined' && typeof importScripts === 'function') {
  const scope = self;
  scope.onmessage = (e) => {
    for (const m of answer(e.data)) scope.postMessage(m);
  };
} else {
  // Node: loaded lazily, so the same bundle also runs as a Web Worker (which has no `require`).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  parentPort?.on('message', (data: unknown) => {
    for (const m of answer(data)) parentPort.postMessage(m);
  });
}
