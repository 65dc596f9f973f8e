/**
 * The analysis worker under Node's worker_threads (src/node/workerThreads.ts), as the language server starts it:
 * a prestarted worker takes the first job and answers with the same pieces as an analysis in this process.
 * Runs the built worker bundle (dist/node/analysisWorker.js: `node scripts/build.mjs` first).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNote } from '../../bench/generate';
import { buildPieces } from '../../src/core/note/pieceStore';
import { nodeWorkerPool } from '../../src/node/workerThreads';
import { alive } from '../support/alive';


const SCRIPT = join(__dirname, '..', '..', '..', 'dist', 'node', 'analysisWorker.js');

describe('node analysis workers', () => {
  test('no bundle: no pool (analysis stays in process)', () => {
    assert.equal(nodeWorkerPool(join(tmpdir(), 'no-such-dir', 'analysisWorker.js')), undefined);
  });

  test('a prestarted worker takes the first job and answers with the pieces of an analysis here', async () => {
    const pool = nodeWorkerPool(SCRIPT, 1);
    assert.ok(pool);
    try {
      pool.prestart();
      const text = generateNote(200 * 1024, 3);
      const { parts } = await alive(pool.start(text).result);
      assert.deepEqual(parts, buildPieces(text));
      const { parts: again } = await alive(pool.start('FIN-WAIT-1 seen').result);
      assert.deepEqual(again, buildPieces('FIN-WAIT-1 seen'));
    } finally {
      pool.dispose();
    }
  });
});
