/**
 * The analysis worker under Node's worker_threads (src/node/workerThreads.ts) with the first worker started
 * early by the CLI launcher (src/node/earlyWorker.ts): the pool uses it for its first job and gets the same
 * pieces as an analysis in this process; a worker that failed before the pool listened still rejects the job.
 * Runs the built worker bundle (dist/node/analysisWorker.js: `node scripts/build.mjs` first).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNote } from '../../bench/generate';
import { buildPieces } from '../../src/core/note/pieceStore';
import { startEarlyWorker } from '../../src/node/earlyWorker';
import { nodeWorkerPool } from '../../src/node/workerThreads';

/** Awaits `p` with a timer keeping the event loop alive (the workers are unref'd, as in the server). */
async function alive<T>(p: Promise<T>): Promise<T> {
  const timer = setInterval(() => undefined, 50);
  try {
    return await p;
  } finally {
    clearInterval(timer);
  }
}

const SCRIPT = join(__dirname, '..', '..', '..', 'dist', 'node', 'analysisWorker.js');

describe('node analysis workers', () => {
  test('no bundle: no early worker and no pool (analysis stays in process)', () => {
    assert.equal(startEarlyWorker(join(tmpdir(), 'no-such-dir', 'analysisWorker.js')), undefined);
    assert.equal(nodeWorkerPool(join(tmpdir(), 'no-such-dir', 'analysisWorker.js')), undefined);
  });

  test('the early worker takes the pool\'s first job and answers with the pieces of an analysis here', async () => {
    const early = startEarlyWorker(SCRIPT);
    assert.ok(early, 'started');
    const pool = nodeWorkerPool(SCRIPT, 1, early);
    assert.ok(pool);
    try {
      pool.prestart();
      const text = generateNote(200 * 1024, 3);
      const { parts } = await alive(pool.start(text).result);
      assert.deepEqual(parts, buildPieces(text));
    } finally {
      pool.dispose();
    }
  });

  test('an early worker that failed before the pool listened rejects the first job; the next gets a new worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsn-worker-'));
    try {
      const bad = join(dir, 'analysisWorker.js');
      writeFileSync(bad, 'throw new Error("bad bundle");\n');
      const early = startEarlyWorker(bad);
      assert.ok(early);
      // (The worker is unref'd: a timer keeps this test's event loop alive while it fails.)
      for (let i = 0; i < 500 && !early.failure; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.match(String(early.failure?.message), /bad bundle/);
      // The failed early worker is the pool's first; its failure reaches the job.
      writeFileSync(bad, readFileSync(SCRIPT, 'utf8'));
      const pool = nodeWorkerPool(bad, 1, early);
      assert.ok(pool);
      try {
        await alive(assert.rejects(pool.start('FIN-WAIT-1').result, /bad bundle/));
        const { parts } = await alive(pool.start('FIN-WAIT-1 seen').result);
        assert.deepEqual(parts, buildPieces('FIN-WAIT-1 seen'));
      } finally {
        pool.dispose();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
