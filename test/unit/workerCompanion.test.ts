/**
 * The analysis worker's companion: after the pieces of a note it sends its evidence analysis of the same text
 * (core/report/summaries.ts remoteEvidenceSteps), computed in steps between which it answers the host's
 * acknowledgements; it goes after the last batch, the pool keeps the worker for the job until it came, and a model
 * assembled from the answer adopts it (cachedAnalysis gives that very object instead of reading the rows again).
 * A state's hover waits for it (hoverReady); anything malformed is ignored and the host computes its own.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { generateNote } from '../../bench/generate';
import { NoteDocuments, type RemoteAnalyser, type RemoteJob } from '../../src/core/note/documents';
import { buildAnalysis, buildPieces } from '../../src/core/note/pieceStore';
import { companionOf, isWorkerResponse, Outbox, PartsAssembly, type AnalysisParts, type WorkerResponse } from '../../src/core/note/transfer';
import { WorkerPool, type WorkerPort } from '../../src/core/note/workerPool';
import { hoverReady, noteHover } from '../../src/core/noteHover';
import { analyseEvidence } from '../../src/core/report/build';
import { cachedAnalysis, stateEvidenceMarkdown } from '../../src/core/report/summaries';
import { nodeWorkerPool } from '../../src/node/workerThreads';
import { analysisServer } from '../../src/workerMain';
import { MemoryDocument } from '../support/memoryDocument';

/** A note with listings in several evidence blocks, prose counts and states to hover (about 200 KB). */
const TEXT = generateNote(200 * 1024, 7);
const flush = () => new Promise<void>((r) => setImmediate(r));
const kind = (m: unknown): string => Object.keys(m as object).find((k) => k !== 'id') ?? '';

/**
 * The real worker handler behind a port (its messages structured-cloned, as from a worker); acknowledgements are
 * held until release() unless `auto`.
 */
function heldPort(auto = false) {
  const kinds: string[] = [];
  const held: unknown[] = [];
  let onMessage: (data: unknown) => void = () => undefined;
  const serve = analysisServer((m) => {
    kinds.push(kind(m));
    onMessage(structuredClone(m));
  });
  const port: WorkerPort & { posted: number } = {
    posted: 0,
    post: (r) => {
      if ('text' in r) {
        port.posted++;
        serve(r);
      } else if (auto) serve(r);
      else held.push(r);
    },
    listen: (m) => (onMessage = m),
    terminate: () => undefined,
  };
  const release = (): void => {
    for (const ack of held.splice(0)) serve(ack);
  };
  return { port, kinds, held, release };
}

describe('the analysis worker\'s companion (its evidence analysis)', () => {
  test('is computed once the last batch went, sent right after it, and equals the analysis made here', async () => {
    const { port, kinds, held, release } = heldPort();
    const pool = new WorkerPool(() => port, 1);
    const job = pool.start(TEXT);
    // While acknowledgements are held, batches are still to go: nothing follows the first yet.
    for (let i = 0; i < 50; i++) await flush();
    assert.deepEqual(kinds, ['chunk'], 'one batch in flight, nothing after it yet');
    let result: { parts: AnalysisParts } | undefined;
    void job.result.then((r) => (result = r));
    while (!result) {
      assert.ok(held.length > 0, 'waiting for an acknowledgement');
      release();
      await flush();
    }
    assert.equal(kinds[kinds.length - 1], 'parts');
    const companion = await job.companion;
    assert.deepEqual(kinds.slice(-2), ['parts', 'companion'], 'after the parts, with no acknowledgement');
    assert.deepEqual(companion, analyseEvidence(buildAnalysis(TEXT).model));
  });

  test('the pool keeps the worker for its job until the companion came, unless a job waits for it', async () => {
    const { port, release } = heldPort();
    let opened = 0;
    const pool = new WorkerPool(() => (opened++, port), 1);
    const alone = pool.start('TIME_WAIT and CLOSE_WAIT');
    assert.ok(await alone.companion, 'alone, the job gets its companion');
    await flush();
    const first = pool.start(TEXT);
    const second = pool.start('FIN-WAIT-1');
    assert.equal(port.posted, 2, 'the second job waits while the first one\'s batches go');
    let done = false;
    void first.result.then(() => (done = true));
    while (!done) {
      release();
      await flush();
    }
    // The waiting job takes the worker over when the parts came (warm, where a new one would start cold): the
    // companion it replaces settles as none, and the worker drops its steps for the new request.
    assert.equal(port.posted, 3, 'the waiting job got the worker when the parts came');
    assert.equal(await first.companion, undefined);
    await second.result;
    assert.ok(await second.companion, 'the last job gets its companion');
    assert.equal(opened, 1, 'no second worker was started');
    const third = pool.start('LAST_ACK');
    pool.dispose();
    assert.equal(await third.companion, undefined, 'a disposed pool settles what waits');
  });

  test('a job that starts while another\'s companion is computed takes the worker; the worker drops the old steps', async () => {
    const { port, kinds } = heldPort(true);
    const pool = new WorkerPool(() => port, 1);
    const first = pool.start(TEXT);
    await first.result;
    const second = pool.start('CLOSE_WAIT');
    assert.equal(await first.companion, undefined, 'the old companion settles as none at once');
    assert.equal(port.posted, 2, 'the new job went to the same worker');
    await second.result;
    assert.ok(await second.companion);
    for (let i = 0; i < 20; i++) await flush();
    assert.equal(kinds.filter((k) => k === 'companion').length, 1, 'the worker sent no companion for the first job');
  });

  test('a worker\'s messages: the companion is checked like the rest', () => {
    assert.equal(isWorkerResponse({ id: 1, companion: null }), true);
    assert.equal(isWorkerResponse({ companion: {} }), false);
  });

  test('the outbox sends what follows the last batch at once, and nothing of an answer a new one replaced', () => {
    const out: WorkerResponse[] = [];
    const box = new Outbox((m) => out.push(m));
    box.send([{ id: 1, chunk: [] }, { id: 1, parts: { pieces: [], definitions: [] }, ms: 1, more: true }]);
    box.append({ id: 1, companion: null });
    assert.deepEqual(out.map(kind), ['chunk']);
    box.acknowledged(1);
    assert.deepEqual(out.map(kind), ['chunk', 'parts', 'companion']);
    box.append({ id: 1, companion: 'late' });
    assert.equal(out.length, 4, 'after the answer went, at once');
    const ran: string[] = [];
    box.send([{ id: 9, chunk: [] }, { id: 9, parts: { pieces: [], definitions: [] }, ms: 1, more: true }]);
    box.whenSent(() => ran.push('sent'));
    assert.equal(ran.length, 0, 'not while a batch waits for its acknowledgement');
    box.acknowledged(9);
    assert.deepEqual(ran, ['sent']);
    box.whenSent(() => ran.push('at once'));
    assert.deepEqual(ran, ['sent', 'at once']);
    out.length = 4;
    box.send([{ id: 2, chunk: [] }, { id: 2, parts: { pieces: [], definitions: [] }, ms: 1 }]);
    box.send([{ id: 3, error: 'x' }]);
    box.acknowledged(2);
    assert.deepEqual(out.slice(4).map((m) => m.id), [2, 3]);
  });

  test('a model assembled from the answer adopts the companion: the hover reads it, nothing is read again here', async () => {
    const parts = buildPieces(TEXT);
    const theirs = structuredClone(analyseEvidence(buildAnalysis(TEXT).model));
    let arrive!: (v: unknown) => void;
    const model = new PartsAssembly(TEXT, parts, new Promise((r) => (arrive = r))).finishNow().model;
    const state = TEXT.search(/\bFIN-WAIT-1\b/) + 1;
    assert.ok(state > 0);
    const other = buildAnalysis(TEXT).model.mentions.find((m) => m.kind !== 'state');
    assert.ok(other, 'the note names more than states');
    const term = other.start;
    const waiting = hoverReady(model, state);
    assert.ok(waiting, 'a state\'s hover waits for it');
    assert.equal(hoverReady(model, term), undefined, 'other hovers do not');
    assert.equal(companionOf(model)?.settled, false);
    arrive(theirs);
    await waiting;
    assert.equal(cachedAnalysis(model), theirs, 'the worker\'s analysis itself');
    assert.equal(hoverReady(model, state), undefined, 'nothing to wait for any more');
    const here = buildAnalysis(TEXT).model;
    assert.notEqual(cachedAnalysis(here), theirs);
    const hover = noteHover(model, state, { lang: 'en' });
    assert.ok(hover?.markdown.includes('FIN-WAIT-1'), 'a state hover with the note\'s summary');
    assert.deepEqual(hover, noteHover(here, state, { lang: 'en' }));
    const zh = stateEvidenceMarkdown(model, 'FIN-WAIT-1', 'zh-cn');
    assert.ok(zh, 'the note lists FIN-WAIT-1 sockets');
    assert.equal(zh, stateEvidenceMarkdown(here, 'FIN-WAIT-1', 'zh-cn'));
  });

  test('a malformed companion, or none, is ignored: the analysis is made here', async () => {
    for (const bad of [null, { evidence: {} }, { ...analyseEvidence(buildAnalysis('x').model), points: 'no' }]) {
      const model = new PartsAssembly(TEXT, buildPieces(TEXT), Promise.resolve(bad)).finishNow().model;
      await companionOf(model)?.arrived;
      assert.equal(hoverReady(model, TEXT.search(/\bFIN-WAIT-1\b/) + 1), undefined);
      assert.deepEqual(cachedAnalysis(model), analyseEvidence(model));
    }
    const plain = new PartsAssembly(TEXT, buildPieces(TEXT)).finishNow().model;
    assert.equal(companionOf(plain), undefined);
    assert.equal(hoverReady(plain, TEXT.search(/\bFIN-WAIT-1\b/) + 1), undefined);
  });

  test('the documents cache hands a remote job\'s companion to the model it assembles', async () => {
    const sent = { marker: true };
    const remote: RemoteAnalyser = {
      start: (text): RemoteJob => ({ result: Promise.resolve({ parts: structuredClone(buildPieces(text)), ms: 50 }), companion: Promise.resolve(sent), abandon: () => undefined }),
    };
    const docs = new NoteDocuments<MemoryDocument>({
      schedule: (work) => {
        const t = setTimeout(work, 0);
        return () => clearTimeout(t);
      },
      after: (ms, work) => {
        const t = setTimeout(work, ms);
        return () => clearTimeout(t);
      },
      remote,
      maxLength: () => 1024 * 1024,
    });
    const model = await docs.whenReady(new MemoryDocument('file:///companion.md', TEXT));
    assert.ok(model);
    await companionOf(model)?.arrived;
    assert.equal(companionOf(model)?.value, sent);
  });

  test('the real worker (dist/node/analysisWorker.js) sends the analysis made here', async () => {
    const pool = nodeWorkerPool(join(__dirname, '..', '..', '..', 'dist', 'node', 'analysisWorker.js'), 1);
    assert.ok(pool);
    const timer = setInterval(() => undefined, 50);
    try {
      const job = pool.start(TEXT);
      await job.result;
      assert.deepEqual(await job.companion, analyseEvidence(buildAnalysis(TEXT).model));
      const small = pool.start('x'.repeat(10));
      await small.result;
      assert.deepEqual(await small.companion, analyseEvidence(buildAnalysis('x'.repeat(10)).model));
    } finally {
      clearInterval(timer);
      pool.dispose();
    }
  });
});
