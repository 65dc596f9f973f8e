/**
 * The language server's idle queue (src/lsp/idle.ts): background work waits for a quiet time after the last
 * client message or answer, for no request to be waiting and no analysis to be running, and runs one item per turn.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { IdleQueue } from '../../src/lsp/idle';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('IdleQueue', () => {
  test('work waits for the quiet time after the last message', async () => {
    let clock = 0;
    const ran: string[] = [];
    const q = new IdleQueue({ quietMs: 5, busy: () => false, now: () => clock });
    q.run(() => ran.push('a'));
    // Messages keep arriving: the clock never gets 5 ms past the last one.
    for (let i = 0; i < 5; i++) {
      await sleep(8);
      clock += 4;
      q.touch();
    }
    assert.deepEqual(ran, []);
    clock += 5;
    await sleep(20);
    assert.deepEqual(ran, ['a']);
    q.dispose();
  });

  test('work waits while something is busy, then runs in order, one item per turn', async (t) => {
    let clock = 100;
    let busy = true;
    const ran: string[] = [];
    const q = new IdleQueue({ quietMs: 2, busy: () => busy, now: () => clock });
    t.after(() => q.dispose());
    q.run(() => ran.push('a'));
    q.run(() => {
      ran.push('b');
      // An item that makes the server busy again holds back the rest.
      busy = true;
    });
    q.run(() => ran.push('c'));
    await sleep(15);
    assert.deepEqual(ran, []);
    assert.equal(q.pending, 3);
    busy = false;
    clock += 10;
    await sleep(15);
    assert.deepEqual(ran, ['a', 'b']);
    busy = false;
    clock += 10;
    await sleep(15);
    assert.deepEqual(ran, ['a', 'b', 'c']);
    assert.equal(q.pending, 0);
    q.dispose();
  });

  test('a request still waiting for its answer holds the work back; the quiet time starts at its answer', async (t) => {
    let clock = 0;
    const ran: string[] = [];
    const q = new IdleQueue({ quietMs: 5, busy: () => false, now: () => clock });
    t.after(() => q.dispose());
    let answer!: (v: number) => void;
    const request = q.during(new Promise<number>((resolve) => (answer = resolve)));
    q.run(() => ran.push('a'));
    clock += 100;
    await sleep(25);
    assert.deepEqual(ran, [], 'not while the request waits');
    answer(7);
    assert.equal(await request, 7);
    clock += 2;
    await sleep(15);
    assert.deepEqual(ran, [], 'not within the quiet time after the answer');
    clock += 5;
    await sleep(15);
    assert.deepEqual(ran, ['a']);
  });

  test('a message handled synchronously: the quiet time starts when its handler is done', async (t) => {
    let clock = 0;
    const ran: string[] = [];
    const q = new IdleQueue({ quietMs: 5, busy: () => false, now: () => clock });
    t.after(() => q.dispose());
    q.run(() => ran.push('a'));
    // A hover that takes longer than the quiet time.
    assert.equal(
      q.handle(() => {
        clock += 50;
        return 'answer';
      }),
      'answer',
    );
    await sleep(15);
    assert.deepEqual(ran, [], 'the clock has not moved since the answer');
    clock += 5;
    await sleep(15);
    assert.deepEqual(ran, ['a']);
  });

  test('nothing runs after dispose', async () => {
    const ran: string[] = [];
    const q = new IdleQueue({ quietMs: 1, busy: () => false, now: () => 1e9 });
    q.run(() => ran.push('a'));
    q.dispose();
    q.run(() => ran.push('b'));
    await sleep(10);
    assert.deepEqual(ran, []);
  });
});
