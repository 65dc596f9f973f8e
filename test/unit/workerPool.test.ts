/**
 * The pool of analysis workers (core/note/workerPool.ts) with fake ports the test drives, served by the worker's
 * own message handler (src/workerMain.ts): batches reassembled in order, one batch in flight at a time (the pool
 * acknowledges each), messages of other jobs and malformed ones ignored, at most `size` workers, abandon
 * terminates the worker running the job, a failing or unstartable worker rejects instead of hanging.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildAnalysis } from '../../src/core/note/pieceStore';
import { fromParts, isBatchAck, isWarmRequest, type AnalyseRequest, type BatchAck, type WorkerRequest } from '../../src/core/note/transfer';
import { WorkerPool, type WorkerPort } from '../../src/core/note/workerPool';
import { analysisServer } from '../../src/workerMain';

class FakePort implements WorkerPort {
  /** The analysis requests posted to this worker. */
  readonly posted: AnalyseRequest[] = [];
  /** Acknowledgements not yet passed on to the worker (when `hold` is set). */
  readonly held: BatchAck[] = [];
  /** Keep acknowledgements until release() (to see one batch in flight); otherwise they reach the worker at once. */
  hold = false;
  /** Warm-up requests posted to this worker (not served here: the worker's warm-up has its own test). */
  warms = 0;
  /** Messages the worker sent. */
  sent = 0;
  terminated = false;
  onMessage: (data: unknown) => void = () => undefined;
  onFailure: (error: Error) => void = () => undefined;
  /** The real worker's handler (analysis, batches, flow control); its messages go through a structured clone. */
  private readonly serve = analysisServer((m) => {
    this.sent++;
    this.onMessage(structuredClone(m));
  });
  post(request: WorkerRequest): void {
    if (isWarmRequest(request)) this.warms++;
    else if (!isBatchAck(request)) this.posted.push(request);
    else if (this.hold) this.held.push(request);
    else this.serve(request);
  }
  listen(onMessage: (data: unknown) => void, onFailure: (error: Error) => void): void {
    this.onMessage = onMessage;
    this.onFailure = onFailure;
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the last request as the real worker does (in batches). */
  answer(): void {
    this.serve(this.posted[this.posted.length - 1]);
  }
  /** Passes the held acknowledgements on to the worker. */
  release(): void {
    for (const ack of this.held.splice(0)) this.serve(ack);
  }
}

function pool(size = 2) {
  const ports: FakePort[] = [];
  const p = new WorkerPool(() => {
    const port = new FakePort();
    ports.push(port);
    return port;
  }, size);
  return { p, ports };
}

const big = (n: number) => Array.from({ length: n }, (_, i) => `## Sample ${i}\n\nFIN-WAIT-1 and LAST_ACK seen ${i} times.\n`).join('\n');

describe('worker pool', () => {
  test('batches of one job are reassembled in order into the model the host would build', async () => {
    const { p, ports } = pool();
    const text = big(6000); // several CHUNK_CHARS: more than one batch
    const job = p.start(text);
    (ports[0] as FakePort).answer();
    const { parts, ms } = await job.result;
    assert.ok(ms >= 0);
    assert.ok((ports[0] as FakePort).sent > 2, 'more than one batch');
    assert.deepEqual(fromParts(text, parts).model.mentions, buildAnalysis(text).model.mentions);
  });

  test('one batch in flight: the worker sends the next only when the pool acknowledged the last', async () => {
    const { p, ports } = pool(1);
    const text = big(6000);
    const job = p.start(text);
    const port = ports[0] as FakePort;
    port.hold = true;
    port.answer();
    let settled = false;
    void job.result.then(() => (settled = true));
    let rounds = 0;
    while (!settled) {
      await new Promise<void>((r) => setImmediate(r));
      if (settled) break;
      assert.equal(port.sent, rounds + 1, 'one more message per acknowledgement');
      assert.deepEqual(port.held, [{ id: port.posted[0]?.id, next: true }], 'the pool acknowledged the batch it received');
      port.release();
      rounds++;
    }
    assert.ok(rounds >= 2, `${rounds} acknowledgements`);
    const { parts } = await job.result;
    assert.deepEqual(fromParts(text, parts).model, buildAnalysis(text).model);
  });

  test("the worker ignores an acknowledgement of another answer and answers a bad request with an error", () => {
    const out: unknown[] = [];
    const serve = analysisServer((m) => out.push(m));
    serve({ id: 4, next: true });
    assert.deepEqual(out, []);
    serve({ id: 5 });
    assert.deepEqual(out, [{ id: 5, error: 'bad request' }]);
    serve({ id: 6, text: 'TIME_WAIT' });
    serve({ id: 5, next: true });
    assert.equal(out.length, 2);
    const last = out[1];
    assert.ok(typeof last === 'object' && last !== null && 'parts' in last);
  });

  test('messages of another job, malformed messages and stray errors of no job are ignored', async () => {
    const { p, ports } = pool(1);
    const job = p.start('CLOSE_WAIT here');
    const port = ports[0] as FakePort;
    port.onMessage({ id: 999, error: 'not yours' });
    port.onMessage({ nonsense: true });
    port.onMessage(null);
    port.answer();
    const { parts } = await job.result;
    assert.equal(fromParts('CLOSE_WAIT here', parts).model.mentions.length, 1);
  });

  test('at most `size` workers; further jobs wait for an idle one and reuse it', async () => {
    const { p, ports } = pool(2);
    const jobs = ['FIN-WAIT-1', 'LAST-ACK', 'TIME-WAIT'].map((t) => p.start(t));
    assert.equal(ports.length, 2);
    assert.equal((ports[0] as FakePort).posted.length + (ports[1] as FakePort).posted.length, 2);
    (ports[0] as FakePort).answer();
    await jobs[0]?.result;
    // The worker is the job's until its companion (the evidence analysis) came, then idle.
    await jobs[0]?.companion;
    assert.equal((ports[0] as FakePort).posted.length, 2, 'the idle worker took the queued job');
    (ports[0] as FakePort).answer();
    (ports[1] as FakePort).answer();
    await Promise.all(jobs.map((j) => j.result));
    assert.equal(ports.length, 2);
  });

  test('abandoning a running job terminates its worker; the next job gets a fresh one', async () => {
    const { p, ports } = pool(1);
    const job = p.start('CLOSING');
    job.abandon();
    assert.equal((ports[0] as FakePort).terminated, true);
    const next = p.start('LISTEN');
    assert.equal(ports.length, 2);
    (ports[1] as FakePort).answer();
    await next.result;
  });

  test('abandoning a queued job removes it without touching the running one', async () => {
    const { p, ports } = pool(1);
    const first = p.start('SYN-SENT');
    const queued = p.start('SYN-RECEIVED');
    queued.abandon();
    (ports[0] as FakePort).answer();
    await first.result;
    assert.equal((ports[0] as FakePort).terminated, false);
    assert.equal((ports[0] as FakePort).posted.length, 1);
  });

  test('a worker error rejects its job; the worker is dropped', async () => {
    const { p, ports } = pool(1);
    const job = p.start('ESTABLISHED');
    (ports[0] as FakePort).onMessage({ id: (ports[0] as FakePort).posted[0]?.id, error: 'boom' });
    await assert.rejects(job.result, /boom/);
    const crashed = p.start('CLOSED');
    (ports[0] as FakePort).onFailure(new Error('analysis worker exited (1)'));
    await assert.rejects(crashed.result, /exited/);
    assert.equal((ports[0] as FakePort).terminated, true);
  });

  test('a host without workers: the job is rejected at once (the cache then analyses itself)', async () => {
    const p = new WorkerPool(() => {
      throw new Error('no worker in this host');
    });
    await assert.rejects(p.start('TIME_WAIT').result, /no worker/);
  });

  test('prestart opens one idle worker that the first job uses; it never opens a second one early; warmUp asks the idle one to warm up', async () => {
    const { p, ports } = pool(2);
    p.prestart();
    p.prestart();
    assert.equal(ports.length, 1);
    assert.equal((ports[0] as FakePort).posted.length, 0);
    assert.equal((ports[0] as FakePort).warms, 0, 'no warm-up unless asked');
    p.warmUp();
    assert.equal((ports[0] as FakePort).warms, 1, 'one warm-up request');
    const job = p.start('FIN-WAIT-1');
    assert.equal(ports.length, 1, 'the started worker took the job');
    assert.equal((ports[0] as FakePort).posted.length, 1);
    p.warmUp();
    assert.equal((ports[0] as FakePort).warms, 1, 'a busy worker is not asked to warm up');
    (ports[0] as FakePort).answer();
    await job.result;
    const failing = new WorkerPool(() => {
      throw new Error('no worker in this host');
    });
    failing.prestart();
    await assert.rejects(failing.start('TIME_WAIT').result, /no worker/);
  });

  test('dispose terminates every worker and refuses new jobs', () => {
    const { p, ports } = pool(2);
    p.start('FIN-WAIT-2');
    p.dispose();
    assert.equal((ports[0] as FakePort).terminated, true);
    assert.throws(() => p.start('x'), /disposed/);
  });
});
