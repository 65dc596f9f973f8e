/**
 * The web worker host's `node:assert/strict` stand-in (test/web/assert.ts) must fail exactly where Node's
 * fails, or the integration suites would pass in the worker for the wrong reason. Each case runs through both.
 */
import * as node from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as shim from '../../test/web/assert';

type Case = [name: string, call: (a: typeof shim) => void];

const cycle: { self?: unknown } = {};
cycle.self = cycle;
const cycle2: { self?: unknown } = {};
cycle2.self = cycle2;

const cases: Case[] = [
  ['equal same number', (a) => a.equal(1, 1)],
  ['equal number vs string', (a) => a.equal(1, '1')],
  ['equal NaN', (a) => a.equal(NaN, NaN)],
  ['equal 0 and -0', (a) => a.equal(0, -0)],
  ['equal same object', (a) => a.equal(cycle, cycle)],
  ['equal equal-looking objects', (a) => a.equal({ a: 1 }, { a: 1 })],
  ['equal undefined and null', (a) => a.equal(undefined, null)],
  ['notEqual different', (a) => a.notEqual(1, 2)],
  ['notEqual same', (a) => a.notEqual('x', 'x')],
  ['ok truthy', (a) => a.ok('x')],
  ['ok zero', (a) => a.ok(0)],
  ['ok empty string', (a) => a.ok('')],
  ['ok undefined', (a) => a.ok(undefined)],
  ['deepEqual arrays', (a) => a.deepEqual(['a', 'b'], ['a', 'b'])],
  ['deepEqual array order', (a) => a.deepEqual(['a', 'b'], ['b', 'a'])],
  ['deepEqual array length', (a) => a.deepEqual([1], [1, 1])],
  ['deepEqual nested', (a) => a.deepEqual({ x: [1, { y: 'z' }] }, { x: [1, { y: 'z' }] })],
  ['deepEqual nested differs', (a) => a.deepEqual({ x: [1, { y: 'z' }] }, { x: [1, { y: 'Z' }] })],
  ['deepEqual extra undefined key', (a) => a.deepEqual({ a: 1 }, { a: 1, b: undefined })],
  ['deepEqual loose types', (a) => a.deepEqual({ a: 1 }, { a: '1' })],
  ['deepEqual array vs object', (a) => a.deepEqual([], {})],
  ['deepEqual null prototype', (a) => a.deepEqual(Object.create(null), {})],
  ['deepEqual sets', (a) => a.deepEqual(new Set([1, 2]), new Set([2, 1]))],
  ['deepEqual sets differ', (a) => a.deepEqual(new Set([1, 2]), new Set([1, 3]))],
  ['deepEqual maps', (a) => a.deepEqual(new Map([['k', [1]]]), new Map([['k', [1]]]))],
  ['deepEqual maps differ', (a) => a.deepEqual(new Map([['k', [1]]]), new Map([['k', [2]]]))],
  ['deepEqual dates', (a) => a.deepEqual(new Date(5), new Date(5))],
  ['deepEqual dates differ', (a) => a.deepEqual(new Date(5), new Date(6))],
  ['deepEqual cycles', (a) => a.deepEqual(cycle, cycle2)],
  ['deepEqual NaN', (a) => a.deepEqual([NaN], [NaN])],
  ['deepEqual undefined vs missing in array', (a) => a.deepEqual([undefined], [])],
  ['match', (a) => a.match('FIN-WAIT-1 at line 7', /line \d+/)],
  ['match fails', (a) => a.match('FIN-WAIT-1', /CLOSE/)],
  ['doesNotMatch', (a) => a.doesNotMatch('FIN-WAIT-1', /CLOSE/)],
  ['doesNotMatch fails', (a) => a.doesNotMatch('FIN-WAIT-1', /FIN/)],
  ['fail', (a) => a.fail('boom')],
  ['throws', (a) => a.throws(() => { throw new Error('x'); })],
  ['throws without a throw', (a) => a.throws(() => undefined)],
  ['throws with a regexp that matches', (a) => a.throws(() => { throw new Error('bad state'); }, /state/)],
];

function outcome(call: () => void): 'pass' | 'throw' {
  try {
    call();
    return 'pass';
  } catch {
    return 'throw';
  }
}

describe('web assert shim agrees with node:assert/strict', () => {
  for (const [name, call] of cases) {
    it(name, () => {
      const expected = outcome(() => call(node as unknown as typeof shim));
      node.equal(outcome(() => call(shim)), expected);
    });
  }

  it('fails with the caller message, as an AssertionError', () => {
    try {
      shim.equal(1, 2, 'one is not two');
      node.fail('shim.equal did not throw');
    } catch (e) {
      node.ok(e instanceof shim.AssertionError);
      node.equal((e as Error).message, 'one is not two');
    }
  });

  it('rejects like Node', async () => {
    await shim.rejects(Promise.reject(new Error('no')), /no/);
    await node.rejects(shim.rejects(Promise.resolve(1)));
    await node.rejects(shim.rejects(Promise.reject(new Error('no')), /yes/));
  });
});
