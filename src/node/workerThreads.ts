/**
 * The analysis worker under Node's `worker_threads`, for the processes that are not an extension host: the
 * language server (`tcp-state-notes lsp`) and the bench. The pool itself is core/note/workerPool.ts; this only
 * starts one worker from the bundle `script` (dist/node/analysisWorker.js) and adapts it to WorkerPort.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { WorkerPool, type WorkerPort } from '../core/note/workerPool';

export function nodeWorkerPort(script: string): WorkerPort<unknown> {
  const w = new Worker(script);
  // A worker must never keep the process alive after its client has gone.
  w.unref();
  return {
    post: (r) => w.postMessage(r),
    listen: (onMessage, onFailure) => {
      w.on('message', onMessage);
      w.on('error', (e) => onFailure(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => onFailure(new Error(`analysis worker exited (${code})`)));
    },
    terminate: () => void w.terminate(),
  };
}

/** A pool of analysis workers from `script`, or undefined when the bundle is not there (analysis stays in process). */
export function nodeWorkerPool(script: string, size = 2): WorkerPool | undefined {
  return existsSync(script) ? new WorkerPool(() => nodeWorkerPort(script), size) : undefined;
}
