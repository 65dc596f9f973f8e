/**
 * The analysis worker's warm-up (src/workerMain.ts, core/note/warmup.ts): a prestarted worker analyses made-up
 * notes one per turn while it waits, sends nothing for them, stops after WARM_NOTES or at the first request, and
 * answers that request exactly as a worker that never warmed up. The made-up note runs the parsers real notes use.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildPieces } from '../../src/core/note/pieceStore';
import { fromWire, type WorkerResponse } from '../../src/core/note/transfer';
import { warmupNote } from '../../src/core/note/warmup';
import { analysisServer, WARM_NOTES } from '../../src/workerMain';

/** The worker's handler with a turn queue the test runs by hand. */
function server(warm = true) {
  const sent: WorkerResponse[] = [];
  const turns: (() => void)[] = [];
  const serve = analysisServer((m) => sent.push(structuredClone(m) as WorkerResponse), (work) => turns.push(work), warm ? warmupNote : undefined);
  /** Runs queued turns (and the turns they queue) until none is left or `max` ran; returns how many ran. */
  const run = (max = 1000): number => {
    let n = 0;
    while (turns.length && n < max) {
      (turns.shift() as () => void)();
      n++;
    }
    return n;
  };
  return { serve, sent, turns, run };
}

describe('the analysis worker warms up while it waits', () => {
  test('one made-up note per turn, nothing sent, and it stops after WARM_NOTES', () => {
    const { serve, sent, turns, run } = server();
    serve({ warm: true });
    assert.equal(turns.length, 1, 'the warm-up starts in a later turn, not in the message handler');
    assert.equal(run(), WARM_NOTES, 'one turn per note, then no more');
    assert.equal(sent.length, 0);
    serve({ warm: true });
    assert.equal(run(), 0, 'a second warm request does not start it again');
  });

  test('the first request stops it, and its answer is the one a cold worker gives', () => {
    const text = '# Pile-up\n\n```\n$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\nFIN-WAIT-1 0 87600 10.0.0.1:443 203.0.113.9:51234\n```\n\nFIN_WAIT1 等待对端 ACK。\n';
    const warmed = server();
    warmed.serve({ warm: true });
    assert.equal(warmed.run(2), 2);
    warmed.serve({ id: 1, text });
    // The queued warm-up turn finds the request and ends; the companion's turns are all that is left.
    const left = warmed.run();
    assert.ok(left <= 3, `${left} turns after the request`);
    const cold = server();
    cold.serve({ id: 1, text });
    cold.run();
    const timeless = (ms: WorkerResponse[]) => ms.map((m) => ('ms' in m ? { ...m, ms: 0 } : m));
    assert.deepEqual(timeless(warmed.sent), timeless(cold.sent));
    const parts = warmed.sent.find((m) => 'parts' in m);
    assert.ok(parts && 'parts' in parts);
    assert.deepEqual(parts.parts.pieces.map(fromWire), buildPieces(text).pieces);
  });

  test("a worker given no warm-up notes (the extension's) ignores the request", () => {
    const { serve, sent, run } = server(false);
    serve({ warm: true });
    assert.equal(run(), 0);
    assert.equal(sent.length, 0);
  });

  test('a request before any warm request: a later warm request does nothing', () => {
    const { serve, run } = server();
    serve({ id: 1, text: 'TIME_WAIT' });
    run();
    serve({ warm: true });
    assert.equal(run(), 0);
  });
});

describe('the warm-up note', () => {
  test('is as long as asked, the same for the same seed, different for another', () => {
    const a = warmupNote(12 * 1024, 3);
    assert.ok(a.length >= 12 * 1024 && a.length < 24 * 1024, String(a.length));
    assert.equal(warmupNote(12 * 1024, 3), a);
    assert.notEqual(warmupNote(12 * 1024, 4), a);
  });

  test('runs the parsers real notes use: ss, ss -tanoi, netstat, sockstat, ss -s, /proc/net/tcp, prose and headings', () => {
    const model = analyzeNote(warmupNote(12 * 1024, 5));
    const kinds = new Set(model.mentions.map((m) => m.kind));
    for (const k of ['state', 'sysctl', 'counter', 'message', 'sockstat']) assert.ok(kinds.has(k as never), `a ${k} mention`);
    assert.ok(model.sections.length >= 2, 'headings');
    const blocks = model.evidence;
    assert.ok(blocks.some((b) => b.sockstat?.tcp?.orphan !== undefined), 'a sockstat block');
    assert.ok(blocks.some((b) => (b.counts['FIN-WAIT-1'] ?? 0) >= 1 && Object.keys(b.counts).length >= 8), 'an ss listing with every state');
    assert.ok(blocks.some((b) => Object.keys(b.counts).length === 1 && (b.counts['FIN-WAIT-1'] ?? 0) === 6), 'the ss -tanoi state fin-wait-1 rows');
    assert.ok(blocks.length >= 6, `${blocks.length} evidence blocks`);
  });
});
