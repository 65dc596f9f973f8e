/**
 * The MCP server's worker runner (src/mcp/offThread.ts) with a stand-in worker script: at most `limit` workers at
 * once and the rest in order, a cancelled call stops its worker or leaves the queue, stop() ends every worker and
 * waiting call, a tool error comes back as the core's kind of error (review s14 7).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workerRunner, type OffThreadCall } from '../../src/mcp/offThread';
import { tempDir } from './tempDir';

const dir = tempDir('tsn-offthread-');
const script = join(dir, 'worker.js');
// Counts the workers alive at once in a shared buffer; replies after `name` ms with the note's text, or fails.
writeFileSync(
  script,
  `const { parentPort, workerData } = require('node:worker_threads');
const live = new Int32Array(workerData.input.shared);
const now = Atomics.add(live, 0, 1) + 1;
Atomics.store(live, 1, Math.max(Atomics.load(live, 1), now));
setTimeout(() => {
  Atomics.sub(live, 0, 1);
  const text = workerData.note.text;
  parentPort.postMessage(text === 'bad' ? { toolError: 'no such note' } : { text });
}, Number(workerData.note.name));
`,
);

class ToolError extends Error {}
const toolError = (m: string): Error => new ToolError(m);

function call(text: string, ms: number, shared: SharedArrayBuffer): OffThreadCall {
  return { tool: 'check', note: { text, name: String(ms) }, input: { lang: 'en', shared } as unknown as OffThreadCall['input'] };
}

describe('MCP worker runner', () => {
  it('runs at most `limit` workers at once, the rest in order; a tool error is the core\'s kind', async () => {
    const shared = new SharedArrayBuffer(8);
    const run = workerRunner(script, 2);
    const none = new AbortController().signal;
    const results = await Promise.allSettled(['a', 'b', 'c', 'bad', 'e'].map((t) => run(call(t, 60, shared), none, toolError)));
    assert.deepEqual(results.slice(0, 3).map((r) => (r.status === 'fulfilled' ? r.value : '')), ['a', 'b', 'c']);
    assert.ok(results[3]?.status === 'rejected' && results[3].reason instanceof ToolError);
    assert.equal(results[4]?.status === 'fulfilled' && results[4].value, 'e');
    assert.equal(new Int32Array(shared)[1], 2, 'two at most at once');
    assert.equal(new Int32Array(shared)[0], 0);
  });

  it('a cancelled call stops (running or waiting); stop() ends every worker and waiting call', async () => {
    const shared = new SharedArrayBuffer(8);
    const run = workerRunner(script, 1);
    const first = new AbortController();
    const second = new AbortController();
    const a = run(call('a', 5000, shared), first.signal, toolError);
    const b = run(call('b', 5000, shared), second.signal, toolError);
    second.abort();
    await assert.rejects(b, /cancelled/);
    first.abort();
    await assert.rejects(a, /cancelled/);
    const c = run(call('c', 20, shared), new AbortController().signal, toolError);
    assert.equal(await c, 'c', 'the queue moves on after cancellations');
    const d = run(call('d', 5000, shared), new AbortController().signal, toolError);
    const e = run(call('e', 5000, shared), new AbortController().signal, toolError);
    const ends = Promise.allSettled([d, e]);
    run.stop();
    const [rd, re] = await ends;
    assert.equal(rd?.status, 'rejected', 'the running worker is stopped');
    assert.ok(re?.status === 'rejected' && /closing/.test(String(re.reason)), 'the waiting call is refused');
  });
});
