/**
 * The language server's first analysis worker, started by the CLI launcher (src/cliMain.ts) before it loads the
 * commands bundle: the worker's thread then loads its own bundle while the main thread compiles the server, and
 * is ready when the client's first note arrives. Kept apart from workerThreads.ts so the launcher stays small.
 * A failure before the pool listens is kept and reported to it (workerThreads.ts).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

export interface EarlyWorker {
  readonly worker: Worker;
  /** The worker failed (could not load, threw, exited) before anyone listened. */
  failure?: Error;
}

export function startEarlyWorker(script: string): EarlyWorker | undefined {
  if (!existsSync(script)) return undefined;
  try {
    const worker = new Worker(script);
    // A worker must never keep the process alive after its client has gone.
    worker.unref();
    const early: EarlyWorker = { worker };
    worker.once('error', (e) => (early.failure ??= e instanceof Error ? e : new Error(String(e))));
    worker.once('exit', (code) => (early.failure ??= new Error(`analysis worker exited (${code})`)));
    return early;
  } catch {
    return undefined;
  }
}
