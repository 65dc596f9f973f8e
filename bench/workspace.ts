/**
 * The workspace-index part of `npm run bench` (issue #14): a generated repository of notes written to a
 * temporary folder (10,000 notes of ~10 KB, ~100 MB; TSN_BENCH_WS_NOTES changes the count for a quick look),
 * indexed from disk, against reading the same files and running one regex over them in the same process
 * (interleaved rounds, medians). Then the queries on the built index, one changed note re-indexed, and the
 * memory the index keeps per MB of notes (heap + array buffers after GC, the texts dropped).
 *
 *   workspace_index_vs_read     (read + index) ÷ (read + one regex)      target ≤ 3
 *   workspace_index_workers_vs_read  the same with the notes indexed in worker threads, as the extension's
 *                               build does (core/workspace/remote.ts; min(4, cores) workers, the real worker
 *                               bundle dist/node/analysisWorker.js; this thread reads and files the entries)
 *   workspace_query_p99_ms      references / workspace symbols, warm    target ≤ 5 ms
 *   workspace_update_ms         one changed note re-indexed (median)    target ≤ 10 ms
 *   workspace_index_mb_per_mb   index memory ÷ note size                target ≤ 1.5
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../src/core/workspace/index';
import { IndexFeeder, IndexPool } from '../src/core/workspace/remote';
import { indexWorkerCount } from '../src/core/workspace/workers';
import { nodeWorkerPort } from '../src/node/workerThreads';
import { generateNote, rng } from './generate';

export interface WorkspaceBench {
  readonly notes: number;
  readonly mb: number;
  readonly indexMs: number;
  readonly readMs: number;
  readonly ratio: number;
  /** Index workers (as the extension starts: min(4, cores)), and the build with them. */
  readonly workers: number;
  readonly workersMs: number;
  readonly workersRatio: number;
  /** Notes the workers' build filed from a worker's entry (all of them, unless a worker failed). */
  readonly byWorkers: number;
  readonly queryP50: number;
  readonly queryP99: number;
  readonly coldSymbolsMs: number;
  readonly coldReferencesMs: number;
  readonly updateMs: number;
  readonly updateP99: number;
  readonly indexMb: number;
  readonly mbPerMb: number;
  readonly mentions: number;
}

/** One regex over the text: state names as `grep -E` would find them (the floor of any index). */
const GREP = /\b(?:ESTAB(?:LISHED)?|SYN[-_ ]?(?:SENT|RECV)|FIN[-_ ]?WAIT[-_ ]?[12]|CLOSE[-_ ]?WAIT|LAST[-_ ]?ACK|TIME[-_ ]?WAIT|CLOSING|LISTEN)\b/gi;

const QUERIES = ['fin-wait-1', 'FIN_WAIT1', 'time_wait', 'tcp_max_orphans', 'close-wait', 'estab', 'orphan', 'TCPAbortOnMemory', 'last_ack', 'syn-recv', 'tw', 'fw2', 'listen', 'tcp_fin_timeout'];

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[(xs.length - 1) >> 1] as number;
const q = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;

function memoryMb(gc: () => void): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}


export async function workspaceBench(gc: () => void, quick: boolean, workerScript: string): Promise<WorkspaceBench> {
  const count = Number(process.env.TSN_BENCH_WS_NOTES ?? (quick ? 2000 : 10_000));
  const dir = mkdtempSync(join(tmpdir(), 'tsn-ws-bench-'));
  try {
    const files: string[] = [];
    let chars = 0;
    for (let i = 0; i < count; i++) {
      // Sizes 5–15 KB, so the total is ~10 KB × count.
      const text = generateNote(5 * 1024 + ((i * 7919) % (10 * 1024)), i + 1);
      const f = join(dir, `note-${i}.md`);
      writeFileSync(f, text);
      files.push(f);
      chars += text.length;
    }
    const mb = chars / 2 ** 20;
    const readAndGrep = (): number => {
      let hits = 0;
      for (const f of files) {
        const text = readFileSync(f, 'utf8');
        GREP.lastIndex = 0;
        while (GREP.exec(text)) hits++;
      }
      return hits;
    };
    const readAndIndex = (): WorkspaceIndex => {
      const index = new WorkspaceIndex();
      for (const f of files) index.set(f, readFileSync(f, 'utf8'));
      return index;
    };
    const workers = indexWorkerCount(availableParallelism());
    const pool = new IndexPool(() => nodeWorkerPort(workerScript), workers, new WorkspaceIndex().table);
    let byWorkers = 0;
    /** As the extension's build: this thread reads, the workers index, this thread files their entries. */
    const readAndIndexInWorkers = async (): Promise<WorkspaceIndex> => {
      const index = new WorkspaceIndex();
      byWorkers = 0;
      const feeder = new IndexFeeder(pool, (key, entry, text) => {
        if (entry) {
          index.setEntry(key, entry);
          byWorkers++;
        } else index.set(key, text);
      });
      for (const f of files) await feeder.add(f, readFileSync(f, 'utf8'));
      await feeder.drain();
      return index;
    };
    // The workers are unref'd (as in the language server): a timer keeps this process alive while they work.
    const alive = setInterval(() => undefined, 1000);
    // Interleaved rounds (the first of each is a warm-up for the page cache and the JIT).
    readAndGrep();
    await readAndIndexInWorkers();
    const rounds = quick ? 1 : 3;
    const idx: number[] = [];
    const base: number[] = [];
    const ratios: number[] = [];
    const inWorkers: number[] = [];
    const workerRatios: number[] = [];
    let t = 0;
    for (let r = 0; r < rounds; r++) {
      gc();
      t = performance.now();
      readAndIndex();
      const a = performance.now() - t;
      gc();
      t = performance.now();
      readAndGrep();
      const b = performance.now() - t;
      gc();
      t = performance.now();
      await readAndIndexInWorkers();
      const w = performance.now() - t;
      idx.push(a);
      base.push(b);
      ratios.push(a / b);
      inWorkers.push(w);
      workerRatios.push(w / b);
      process.stderr.write(`[bench] workspace round ${r + 1}: index ${a.toFixed(0)} ms, in ${workers} workers ${w.toFixed(0)} ms, read + regex ${b.toFixed(0)} ms\n`);
    }
    pool.dispose();
    clearInterval(alive);

    // Memory kept by one index (texts read and dropped).
    const before = memoryMb(gc);
    const index = readAndIndex();
    const after = memoryMb(gc);
    const indexMb = after - before;

    // Queries: cold symbols (first query of an id sorts its symbols once), then warm samples.
    const r = rng(5);
    t = performance.now();
    let sink = index.symbols('fin-wait-1').length;
    const coldSymbolsMs = performance.now() - t;
    for (const query of QUERIES) sink += index.symbols(query).length + index.references(query).length;
    const samples: number[] = [];
    for (let i = 0; i < (quick ? 400 : 2000); i++) {
      const query = QUERIES[Math.floor(r() * QUERIES.length)] as string;
      t = performance.now();
      sink += i % 2 === 0 ? index.references(query).length : index.symbols(query).length;
      samples.push(performance.now() - t);
    }

    // One changed note re-indexed (the text is in memory, as an open editor's or a watcher's read).
    const updates: number[] = [];
    const afterUpdate: number[] = [];
    for (let i = 0; i < (quick ? 100 : 300); i++) {
      const k = Math.floor(r() * files.length);
      const f = files[k] as string;
      const text = readFileSync(f, 'utf8');
      const edited = `${text}\nFIN-WAIT-1 again at ${i}\n`;
      t = performance.now();
      index.set(f, edited);
      updates.push(performance.now() - t);
      // The first references query after the change (its cached answer was dropped).
      t = performance.now();
      sink += index.references('FIN-WAIT-1').length;
      afterUpdate.push(performance.now() - t);
    }
    if (sink < 0) process.stderr.write('');
    return {
      notes: count,
      mb,
      indexMs: median(idx),
      readMs: median(base),
      ratio: median(ratios),
      workers,
      workersMs: median(inWorkers),
      workersRatio: median(workerRatios),
      byWorkers,
      queryP50: q(samples, 0.5),
      queryP99: q(samples, 0.99),
      coldSymbolsMs,
      coldReferencesMs: median(afterUpdate),
      updateMs: median(updates),
      updateP99: q(updates, 0.99),
      indexMb,
      mbPerMb: indexMb / mb,
      mentions: index.stats().mentions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
