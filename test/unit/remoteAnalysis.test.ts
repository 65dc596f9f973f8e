/**
 * Analysis off the editor's thread (core/note/documents.ts with a `remote`, core/note/transfer.ts): which notes go
 * to the worker (by measured cost), the result checked against the document's version, the time budget after
 * which the parse is abandoned (a fake worker and a fake timer the test drives), and the plain-data transfer.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { NoteDocuments, type NoteDocumentsOptions, type RemoteAnalyser, type RemoteJob } from '../../src/core/note/documents';
import { mentionCounts } from '../../src/core/note/indexes';
import type { NoteModel } from '../../src/core/note/model';
import { buildAnalysis, buildPieces } from '../../src/core/note/pieceStore';
import { generateNote } from '../../bench/generate';
import { analysisParts, CHUNK_CHARS, CHUNK_PIECES, fromParts, fromWire, isWorkerResponse, partsMessages, plainAnalysis, type AnalysisParts } from '../../src/core/note/transfer';
import { WorkerPool, type WorkerPort } from '../../src/core/note/workerPool';
import { analysisServer } from '../../src/workerMain';
import { essence } from './propertyDocs';
import { MemoryDocument } from '../support/memoryDocument';


/** A worker the test drives: jobs wait until the test answers them; `abandoned` counts terminations. */
class FakeWorker implements RemoteAnalyser {
  readonly jobs: { text: string; answer(ms?: number): void; fail(): void; abandoned: boolean }[] = [];
  throwOnStart = false;
  start(text: string): RemoteJob {
    if (this.throwOnStart) throw new Error('no worker here');
    let resolve!: (v: { parts: AnalysisParts; ms: number }) => void;
    let reject!: (e: Error) => void;
    const result = new Promise<{ parts: AnalysisParts; ms: number }>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job = {
      text,
      abandoned: false,
      // As the real worker: the parts go through a structured clone.
      answer: (ms = 10) => resolve({ parts: structuredClone(analysisParts(buildAnalysis(text))), ms }),
      fail: () => reject(new Error('worker crashed')),
    };
    this.jobs.push(job);
    return {
      result,
      abandon: () => {
        job.abandoned = true;
      },
    };
  }
}

/** Timers on a clock the test advances. */
class FakeTimers {
  now = 0;
  private timers: { at: number; work: () => void }[] = [];
  readonly after = (ms: number, work: () => void): (() => void) => {
    const t = { at: this.now + ms, work };
    this.timers.push(t);
    return () => {
      this.timers = this.timers.filter((x) => x !== t);
    };
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.work();
  }
  get pending(): number {
    return this.timers.length;
  }
}

const flush = () => new Promise<void>((r) => setImmediate(r));

/** A note of `n` paragraphs with mentions and output (about 100 bytes each). */
function note(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(i % 4 === 3 ? `\`\`\`\nState Recv-Q Send-Q\nFIN-WAIT-2 0 0 10.0.0.1:443 10.1.0.2:${1000 + i}\n\`\`\`\n\n` : `## Host ${i}\n\nTIME_WAIT and CLOSE-WAIT on host ${i}.\n\n`);
  return parts.join('');
}

function setup(extra: Partial<NoteDocumentsOptions<MemoryDocument>> = {}) {
  const worker = new FakeWorker();
  const timers = new FakeTimers();
  const analysed: string[] = [];
  const docs = new NoteDocuments<MemoryDocument>({
    schedule: (work) => timers.after(0, work),
    after: timers.after,
    remote: worker,
    maxLength: () => 1024 * 1024,
    syncBudgetMs: 30,
    budgetMs: 5000,
    budgetMsPerMB: 0,
    // The clock reads the fake time: analyses here measure 0 ms unless a test moves it.
    now: () => timers.now,
    onAnalysed: (d) => analysed.push(d.uri),
    ...extra,
  });
  return { worker, timers, docs, analysed };
}

describe('analysis in a worker', () => {
  test('a note expected to take long goes to the worker; its result becomes the model', async () => {
    const { worker, docs, analysed } = setup();
    const text = note(200); // ~10 KB: 40 ms at the assumed 4 ms/KB, over the 30 ms budget
    const doc = new MemoryDocument('file:///big.md', text);
    assert.equal(docs.peek(doc), undefined, 'nothing on this thread');
    assert.equal(worker.jobs.length, 1);
    assert.deepEqual({ state: docs.info(doc).state, where: docs.info(doc).where }, { state: 'analysing', where: 'worker' });
    const hover = docs.forLine(doc, 'TIME_WAIT here', 0, 2);
    assert.equal(hover.partial, true, 'hovers read the line meanwhile');
    assert.equal(docs.peek(doc), undefined);
    assert.equal(worker.jobs.length, 1, 'one job per version, not one per question');
    const ready = docs.whenReady(doc);
    worker.jobs[0]?.answer();
    const model = await ready;
    assert.ok(model);
    assert.deepEqual(essence(model), essence(analyzeNote(text)));
    assert.equal(model.text, text);
    assert.equal(docs.peek(doc), model);
    assert.deepEqual({ state: docs.info(doc).state, where: docs.info(doc).where }, { state: 'ready', where: 'worker' });
    assert.deepEqual(analysed, ['file:///big.md']);
  });

  test('a small note runs here at once; the worker is not asked', () => {
    const { worker, docs } = setup();
    const doc = new MemoryDocument('file:///small.md', note(4));
    assert.ok(docs.peek(doc));
    assert.equal(worker.jobs.length, 0);
    assert.equal(docs.info(doc).where, 'host');
  });

  test('decided by measured time: a small note that was slow here goes to the worker next time', () => {
    const { worker, docs, timers } = setup();
    const doc = new MemoryDocument('file:///slow.md', note(8));
    // The analysis reads the clock before and after: make it take 2 s.
    let reads = 0;
    const slow = setup({
      now: () => {
        reads++;
        return reads % 2 === 0 ? timers.now + 2000 : timers.now;
      },
    });
    assert.ok(slow.docs.peek(doc), 'first time: expected cheap, analysed here');
    assert.equal(slow.worker.jobs.length, 0);
    // A new version (not a bounded edit the cache saw): a full analysis again, now expected to take 2 s.
    doc.edit(0, 0, 'SYN_SENT\n\n');
    assert.equal(slow.docs.peek(doc), undefined);
    assert.equal(slow.worker.jobs.length, 1, 'this note went to the worker');
    // A note that was fast stays here.
    const fast = new MemoryDocument('file:///fast.md', note(8));
    assert.ok(docs.peek(fast));
    fast.edit(0, 0, 'SYN_SENT\n\n');
    assert.ok(docs.peek(fast));
    assert.equal(worker.jobs.length, 0);
  });

  test('over the time budget the parse is abandoned: the worker is stopped, the note is read as plain text', async () => {
    const { worker, docs, timers, analysed } = setup();
    const text = note(200);
    const doc = new MemoryDocument('file:///hostile.md', text);
    const ready = docs.whenReady(doc);
    assert.equal(docs.peek(doc), undefined);
    timers.advance(4999);
    assert.equal(worker.jobs[0]?.abandoned, false, 'within the budget');
    assert.equal(docs.info(doc).state, 'analysing');
    timers.advance(1);
    assert.equal(worker.jobs[0]?.abandoned, true, 'the worker running it was stopped');
    const model = await ready;
    assert.ok(model);
    assert.deepEqual(essence(model), essence(plainAnalysis(text).model));
    assert.ok(model.mentions.length > 0, 'mentions are still found');
    const info = docs.info(doc);
    assert.equal(info.state, 'ready');
    assert.equal(info.abandoned, true);
    assert.equal(info.budgetMs, 5000);
    assert.deepEqual(analysed, ['file:///hostile.md']);
    // A late answer from the stopped worker changes nothing.
    worker.jobs[0]?.answer();
    await flush();
    assert.equal(docs.peek(doc), model);
    // Edits keep the plain reading (linear), with no new parse.
    docs.edited(doc, [doc.edit(0, 0, 'LAST_ACK\n\n')]);
    const after = docs.peek(doc);
    assert.ok(after?.mentions.some((m) => m.id === 'LAST-ACK'));
    assert.ok(after);
    assert.deepEqual(essence(after), essence(plainAnalysis(doc.getText()).model));
    assert.equal(worker.jobs.length, 1);
    assert.equal(timers.pending, 0, 'no timer left');
  });

  test('the budget grows with the note', () => {
    const { worker, docs, timers } = setup({ budgetMs: 1000, budgetMsPerMB: 4000 });
    const text = note(2600); // ~130 KB: 1000 + 4000 × 0.125 ≈ 1500 ms
    const doc = new MemoryDocument('file:///long.md', text);
    docs.peek(doc);
    const budget = docs.info(doc).budgetMs ?? 0;
    assert.ok(budget > 1400 && budget < 1600, `budget ${budget}`);
    timers.advance(1200);
    assert.equal(worker.jobs[0]?.abandoned, false);
    timers.advance(400);
    assert.equal(worker.jobs[0]?.abandoned, true);
  });

  test('a result for an older version is caught up to the current text', async () => {
    const { worker, docs } = setup();
    const text = note(200);
    const doc = new MemoryDocument('file:///edit.md', text);
    docs.peek(doc);
    const at = text.indexOf('CLOSE-WAIT');
    docs.edited(doc, [doc.edit(at, at + 'CLOSE-WAIT'.length, 'LAST-ACK')]);
    docs.edited(doc, [doc.edit(0, 0, 'SYN_RECV\n\n')]);
    worker.jobs[0]?.answer();
    await flush();
    const model = docs.peek(doc);
    assert.ok(model);
    assert.equal(model.text, doc.getText());
    assert.deepEqual(essence(model), essence(analyzeNote(doc.getText())));
    assert.equal(worker.jobs.length, 1, 'the bounded edits were caught up here, not sent again');
  });

  test('a closed note: its job is abandoned and a late result is dropped', async () => {
    const { worker, docs, timers } = setup();
    const doc = new MemoryDocument('file:///closed.md', note(200));
    docs.peek(doc);
    docs.closed(doc);
    assert.equal(worker.jobs[0]?.abandoned, true);
    assert.equal(timers.pending, 0, 'the budget timer is gone');
    worker.jobs[0]?.answer();
    await flush();
    assert.equal(docs.info(doc).state, 'none');
    // The URI reused by another note never sees the old result.
    const again = new MemoryDocument('file:///closed.md', note(200));
    assert.equal(docs.peek(again), undefined);
    assert.equal(worker.jobs.length, 2);
  });

  test('a worker that cannot start or fails: analysis runs here as before', async () => {
    const a = setup();
    a.worker.throwOnStart = true;
    const doc = new MemoryDocument('file:///nostart.md', note(200));
    const model = a.docs.peek(doc);
    assert.ok(model);
    assert.deepEqual(essence(model), essence(analyzeNote(doc.getText())));
    const b = setup();
    const doc2 = new MemoryDocument('file:///crash.md', note(200));
    const ready = b.docs.whenReady(doc2);
    b.worker.jobs[0]?.fail();
    const m2 = await ready;
    assert.ok(m2);
    assert.deepEqual(essence(m2), essence(analyzeNote(doc2.getText())));
  });

  test('get() never waits for the worker: it gives the plain reading meanwhile', () => {
    const { docs, worker } = setup();
    const text = note(200);
    const doc = new MemoryDocument('file:///get.md', text);
    docs.peek(doc);
    const now = docs.get(doc);
    assert.deepEqual(essence(now), essence(plainAnalysis(text).model));
    assert.equal(worker.jobs[0]?.abandoned, false, 'the worker goes on');
    assert.equal(docs.info(doc).state, 'analysing');
  });
});

describe('analysis transfer', () => {
  test('the parts survive a structured clone and rebuild the same model', () => {
    const text = `[ref]: https://example.com\n\n${note(40)}See [ref] and [^1].\n\n[^1]: CLOSE_WAIT footnote\n`;
    const analysis = buildAnalysis(text);
    const parts = structuredClone(analysisParts(analysis));
    const rebuilt = fromParts(text, parts);
    assert.deepEqual(essence(rebuilt.model), essence(analysis.model));
    assert.deepEqual(rebuilt.definitions.entries, analysis.definitions.entries);
    assert.equal(rebuilt.model.lines.lineCount, analysis.model.lines.lineCount);
  });

  test('the worker\'s pieces (buildPieces, no model assembled there) are the parts of the full analysis', () => {
    const notes = [
      '',
      note(40),
      `[ref]: https://example.com\n\n${note(40)}See [ref] and [^1].\n\n[^1]: CLOSE_WAIT footnote\n`,
      '```\nState Recv-Q\nFIN-WAIT-1 0\n```\n\n> quote TIME_WAIT\n\n- list CLOSE-WAIT\n',
      generateNote(1024 * 1024, 1),
    ];
    for (const text of notes) {
      const parts = buildPieces(text);
      const analysis = buildAnalysis(text);
      assert.deepEqual(parts, analysisParts(analysis));
      // And the host's model from them is the one-thread model.
      assert.deepEqual(essence(fromParts(text, structuredClone(parts)).model), essence(analysis.model));
    }
  });

  test('worker messages are checked before use', () => {
    assert.equal(isWorkerResponse({ id: 1, parts: { pieces: [], definitions: [] }, ms: 3 }), true);
    assert.equal(isWorkerResponse({ id: 1, error: 'x' }), true);
    for (const bad of [null, 1, 'x', {}, { id: '1', error: 'x' }, { id: 1, parts: { pieces: {} , definitions: [] }, ms: 1 }, { id: 1, parts: { pieces: [] }, ms: 1 }, { id: 1, parts: { pieces: [], definitions: [] } }]) {
      assert.equal(isWorkerResponse(bad), false, JSON.stringify(bad));
    }
  });
});

describe('analysis transfer in batches', () => {
  test('the worker sends the pieces in batches of about CHUNK_CHARS of note; together they are the parts', () => {
    const text = note(6000); // ~300 KB
    const parts = analysisParts(buildAnalysis(text));
    const messages = partsMessages(9, parts, 12).map((m) => structuredClone(m));
    assert.ok(messages.length >= 3, `${messages.length} messages`);
    const pieces = [];
    for (const [i, m] of messages.entries()) {
      assert.ok(isWorkerResponse(m));
      assert.equal(m.id, 9);
      if (i < messages.length - 1) {
        assert.ok('chunk' in m);
        const span = (m.chunk[m.chunk.length - 1]?.end ?? 0) - (m.chunk[0]?.start ?? 0);
        assert.ok((span >= CHUNK_CHARS && span < 2 * CHUNK_CHARS) || m.chunk.length === CHUNK_PIECES, `batch ${i} spans ${span}`);
        pieces.push(...m.chunk.map(fromWire));
      } else {
        assert.ok('parts' in m);
        assert.equal(m.ms, 12);
        pieces.push(...m.parts.pieces.map(fromWire));
        assert.deepEqual(m.parts.definitions, parts.definitions);
      }
    }
    assert.deepEqual(pieces, parts.pieces);
    assert.deepEqual(essence(fromParts(text, { pieces, definitions: parts.definitions }).model), essence(analyzeNote(text)));
  });

  test('a note of many tiny blocks is sent in batches of at most CHUNK_PIECES pieces', () => {
    const text = `CLOSE_WAIT here.\n\n${' > a\n\n'.repeat(8000)}`; // 48 KB, thousands of pieces
    const parts = analysisParts(buildAnalysis(text));
    assert.ok(parts.pieces.length > 2 * CHUNK_PIECES, `${parts.pieces.length} pieces`);
    const messages = partsMessages(3, parts, 1);
    assert.ok(messages.length >= 3);
    const pieces = [];
    for (const m of messages) {
      const batch = 'chunk' in m ? m.chunk : 'parts' in m ? m.parts.pieces : [];
      assert.ok(batch.length <= CHUNK_PIECES, `${batch.length} pieces in one message`);
      pieces.push(...batch.map(fromWire));
    }
    assert.deepEqual(pieces, parts.pieces);
    // Sent without their empty lists (most of these pieces have nothing in them), given back one shared empty list.
    const sent = messages.flatMap((m) => ('chunk' in m ? m.chunk : 'parts' in m ? m.parts.pieces : []));
    assert.ok(sent.filter((w) => w.mentions === undefined && w.quiet === undefined).length > CHUNK_PIECES);
    assert.ok(Object.isFrozen(pieces[pieces.length - 1]?.mentions));
  });
});

/** A worker port served in this thread by the worker's own handler (batches, flow control), through structured clones. */
function inProcessPort(): WorkerPort {
  let deliver: (data: unknown) => void = () => undefined;
  const serve = analysisServer((m) => deliver(structuredClone(m)));
  return { post: (r) => serve(r), listen: (onMessage) => (deliver = onMessage), terminate: () => undefined };
}

/** Documents over an in-process worker pool whose results are assembled in 1 ms slices of a fake clock. */
function assemblingDocs() {
  const timers = new FakeTimers();
  const pool = new WorkerPool(inProcessPort, 1);
  let clock = 0;
  const docs = new NoteDocuments<MemoryDocument>({
    schedule: (work) => timers.after(0, work),
    after: timers.after,
    remote: pool,
    maxLength: () => 1024 * 1024,
    sliceMs: 1,
    // Every reading of the clock is half a millisecond later: the assembly's steps fill its slices.
    now: () => (clock += 0.5),
  });
  return { timers, pool, docs };
}

describe('a worker result of many pieces', () => {
  test('is assembled in background slices; hovers answer meanwhile; the model equals the in-process one', async () => {
    // Issue #17's quotes shape: thousands of tiny blocks, with mentions, a heading, evidence and a definition among them.
    const text =
      `[ref]: https://example.com\n\n# Orphans\n\nSee [ref]: FIN_WAIT2 and CLOSE-WAIT.\n\n${'> a\n\n'.repeat(4000)}` +
      `## Evidence\n\n\`\`\`\nState Recv-Q Send-Q\nTIME-WAIT 0 0 10.0.0.1:443 10.1.0.2:5000\n\`\`\`\n\n${'> LAST_ACK b\n\n'.repeat(3000)}`;
    const { timers, pool, docs } = assemblingDocs();
    const doc = new MemoryDocument('file:///quotes.md', text);
    const ready: { model?: NoteModel } = {};
    void docs.whenReady(doc).then((m) => (ready.model = m));
    assert.equal(docs.peek(doc), undefined, 'the note went to the worker');
    await flush();
    // Every batch has arrived; the model is being assembled here, one slice per turn.
    assert.ok(!ready.model, 'not ready yet');
    assert.deepEqual({ state: docs.info(doc).state, where: docs.info(doc).where }, { state: 'analysing', where: 'worker' });
    const hover = docs.forLine(doc, 'See [ref]: FIN_WAIT2 and CLOSE-WAIT.', 0, 12);
    assert.equal(hover.partial, true, 'hovers read the line meanwhile');
    assert.deepEqual(
      hover.mentions.map((m) => m.id),
      ['FIN-WAIT-2', 'CLOSE-WAIT'],
    );
    let slices = 0;
    while (!ready.model) {
      assert.ok(slices < 10000, 'the assembly ends');
      timers.advance(0);
      slices++;
      await flush();
    }
    assert.ok(slices >= 2, `${slices} slices`);
    // (A cast: the checks above narrowed `ready.model` to undefined, not knowing the callback sets it.)
    const model = ready.model as NoteModel | undefined;
    assert.ok(model);
    const reference = buildAnalysis(text);
    assert.ok(reference.pieces.length > 5000, `${reference.pieces.length} pieces`);
    assert.deepStrictEqual(model, reference.model, 'the same model as an analysis in process');
    assert.deepStrictEqual(mentionCounts(model.mentions), mentionCounts(reference.model.mentions));
    assert.deepEqual({ state: docs.info(doc).state, where: docs.info(doc).where }, { state: 'ready', where: 'worker' });
    assert.equal(docs.peek(doc), model);
    // The pieces came along: a later edit is caught up from them like any analysis.
    docs.edited(doc, [doc.edit(0, 0, 'SYN_RECV\n\n')]);
    const after = docs.get(doc);
    assert.deepStrictEqual(after, buildAnalysis(doc.getText()).model);
    pool.dispose();
  });

  test('edited or needed at once while it is assembled: the result is finished and the edits caught up', async () => {
    const text = `FIN_WAIT2 first.\n\n${'> a\n\n'.repeat(6000)}CLOSE-WAIT last.\n`;
    const { timers, pool, docs } = assemblingDocs();
    const doc = new MemoryDocument('file:///edited.md', text);
    assert.equal(docs.peek(doc), undefined);
    await flush();
    assert.equal(docs.info(doc).state, 'analysing');
    docs.edited(doc, [doc.edit(0, 'FIN_WAIT2'.length, 'LAST_ACK')]);
    assert.equal(docs.peek(doc), undefined, 'the assembly goes on; no second job');
    // A command needs the model now: the assembly is finished at once and the edit applied to it.
    const now = docs.get(doc);
    assert.deepStrictEqual(now, buildAnalysis(doc.getText()).model);
    assert.equal(now.mentions[0]?.id, 'LAST-ACK');
    assert.equal(timers.pending, 0, 'no slice left');
    pool.dispose();
  });
});
