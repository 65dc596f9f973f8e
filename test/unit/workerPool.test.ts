/**
 * The pool of analysis workers (core/note/workerPool.ts) with fake ports the test drives: batches reassembled in
 * order, messages of other jobs and malformed ones ignored, at most `size` workers, abandon terminates the worker
 * running the job, a failing or unstartable worker rejects instead of hanging.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildAnalysis } from '../../src/core/note/pieceStore';
import { analysisParts, fromParts, partsMessages, type WorkerRequest } from '../../src/core/note/transfer';
import { WorkerPool, type WorkerPort } from '../../src/core/note/workerPool';

class FakePort implements WorkerPort {
  readonly posted: WorkerRequest[] = [];
  terminated = false;
  onMessage: (data: unknown) => void = () => undefined;
  onFailure: (error: Error) => void = () => undefined;
  post(request: WorkerRequest): void {
    this.posted.push(request);
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
    const req = this.posted[this.posted.length - 1] as WorkerRequest;
    for (const m of partsMessages(req.id, analysisParts(buildAnalysis(req.text)), 1.5)) this.onMessage(structuredClone(m));
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
    assert.equal(ms, 1.5);
    assert.deepEqual(fromParts(text, parts).model.mentions, buildAnalysis(text).model.mentions);
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

  test('prestart opens one idle worker that the first job uses; it never opens a second one early', async () => {
    const { p, ports } = pool(2);
    p.prestart();
    p.prestart();
    assert.equal(ports.length, 1);
    assert.equal((ports[0] as FakePort).posted.length, 0);
    const job = p.start('FIN-WAIT-1');
    assert.equal(ports.length, 1, 'the started worker took the job');
    assert.equal((ports[0] as FakePort).posted.length, 1);
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
