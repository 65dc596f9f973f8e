/**
 * `adversarial_max_stall_ms`: how long the extension host's thread is blocked while each adversarial note is
 * opened the way the extension opens it — the per-document cache (core/note/documents.ts) routes the analysis to
 * the real analysis worker bundle (dist/node/analysisWorker.js under worker_threads, through the same
 * core/note/workerPool.ts), receives the result in batches, then the typo detection runs here on the model. The
 * stall is the longest gap between ticks of a 1 ms timer on this thread, minus the tick, while that happens.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NoteDocuments, type NoteDocument } from '../src/core/note/documents';
import { findStateTypos } from '../src/core/note/typos';
import { WorkerPool, type WorkerPort } from '../src/core/note/workerPool';
import type { WorkerRequest } from '../src/core/note/transfer';

function nodePort(script: string): WorkerPort {
  const w = new Worker(script);
  return {
    post: (r: WorkerRequest) => w.postMessage(r),
    listen: (onMessage, onFailure) => {
      w.on('message', onMessage);
      w.on('error', (e) => onFailure(e instanceof Error ? e : new Error(String(e))));
      w.on('exit', (code) => onFailure(new Error(`analysis worker exited (${code})`)));
    },
    terminate: () => void w.terminate(),
  };
}

/** Longest gap of a 1 ms timer while `work` runs (ms beyond the tick). */
async function stallDuring(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    worst = Math.max(worst, t - last - 1);
    last = t;
  }, 1);
  try {
    await work();
    // One more tick, so a stall at the very end is seen.
    await new Promise((r) => setTimeout(r, 5));
  } finally {
    clearInterval(timer);
  }
  return Math.max(0, worst);
}

export interface HostStall {
  readonly name: string;
  readonly chars: number;
  readonly stallMs: number;
  readonly where: string;
  /** The same timer's longest gap while this thread only waits as long (the machine's scheduling noise). */
  readonly idleMs: number;
}

/** Each text opened through the cache with a worker pool, as the extension does; the thread's longest stall. */
export async function hostStallBench(root: string, notes: readonly { name: string; text: string }[], rounds: number): Promise<HostStall[]> {
  const pool = new WorkerPool(() => nodePort(join(root, 'dist', 'node', 'analysisWorker.js')));
  const out: HostStall[] = [];
  try {
    // A warm-up, so the workers' start-up is not charged to the first shape.
    await openOnce(pool, 'warm-up', 'FIN-WAIT-1 '.repeat(5000));
    for (const { name, text } of notes) {
      let worst = 0;
      let idle = 0;
      let where = '';
      for (let r = 0; r < rounds; r++) {
        const t0 = performance.now();
        const stall = await stallDuring(async () => {
          where = await openOnce(pool, `${name}-${r}`, text);
        });
        const took = performance.now() - t0;
        worst = Math.max(worst, stall);
        idle = Math.max(idle, await stallDuring(() => new Promise((resolve) => setTimeout(resolve, took))));
      }
      out.push({ name, chars: text.length, stallMs: worst, where, idleMs: idle });
    }
  } finally {
    pool.dispose();
  }
  return out;
}

async function openOnce(pool: WorkerPool, uri: string, text: string): Promise<string> {
  const cache = new NoteDocuments<NoteDocument>({
    remote: pool,
    after: (ms, work) => {
      const t = setTimeout(work, ms);
      return () => clearTimeout(t);
    },
    schedule: (work) => {
      const t = setTimeout(work, 0);
      return () => clearTimeout(t);
    },
    maxLength: () => 64 * 1024 * 1024,
  });
  const doc: NoteDocument = { uri, version: 1, getText: () => text };
  // What opening the note does: the hover / diagnostics ask for the model; diagnostics wait for it.
  const model = cache.peek(doc) ?? (await cache.whenReady(doc));
  if (!model) throw new Error(`${uri}: no model`);
  findStateTypos(text, model);
  const info = cache.info(doc);
  cache.closed(doc);
  return info.abandoned ? 'abandoned' : (info.where ?? 'host');
}
