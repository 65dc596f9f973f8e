/**
 * The MCP server survives bad input: a message over the size limit is discarded — answered with a JSON-RPC error
 * when its id can be known, logged on standard error when not — and the next messages are served. In process over
 * raw stdio streams with a small limit (src/mcp/lineTransport.ts), and once over the built CLI at its real 64 MB.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { AGENT_INSTRUCTIONS } from '../../src/core/agents/guidance';
import { TOOL_NAMES } from '../../src/core/agents/names';
import { MCP_CORE } from '../../src/mcp/core';
import { LineTransport, MAX_MESSAGE_BYTES } from '../../src/mcp/lineTransport';
import { createMcpServer } from '../../src/mcp/server';
import { CLI } from '../support/cli';
import { tempDir } from './tempDir';

interface Reply {
  readonly id?: number | string | null;
  readonly result?: { readonly tools?: unknown[]; readonly content?: { text: string }[] };
  readonly error?: { readonly code: number; readonly message: string };
}

const INIT = [
  { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
];
const EXPLAIN = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'explain_tcp_state', arguments: { term: 'FIN_WAIT1' } } });
/** A tools/call of `size` bytes or more, its members in the SDK client's order (method, params, jsonrpc, id) or `idFirst`. */
function bigCall(id: number | string | undefined, size: number, idFirst = false): string {
  const head = { method: 'tools/call', params: { name: 'check_tcp_note', arguments: { text: 'x'.repeat(size) } } };
  const msg = idFirst && id !== undefined ? { jsonrpc: '2.0', id, ...head } : { ...head, jsonrpc: '2.0', ...(id === undefined ? {} : { id }) };
  return JSON.stringify(msg);
}

/** The server in this process over two streams; `send` writes raw text, `next` waits for the next reply line. */
async function serve(maxMessageBytes: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const logged: string[] = [];
  const transport = new LineTransport(stdin, stdout, { maxMessageBytes, log: (line) => logged.push(line) });
  let closed = false;
  const server = createMcpServer({ version: '0.0.0-test', cwd: tempDir('tsn-mcp-big-') }, { instructions: AGENT_INSTRUCTIONS, toolNames: TOOL_NAMES, load: async () => MCP_CORE });
  await server.connect(transport);
  transport.onclose = () => {
    closed = true;
  };
  let buffered = '';
  const lines: string[] = [];
  const waiting: ((r: Reply) => void)[] = [];
  stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      lines.push(buffered.slice(0, nl));
      buffered = buffered.slice(nl + 1);
    }
    while (lines.length && waiting.length) (waiting.shift() as (r: Reply) => void)(JSON.parse(lines.shift() as string) as Reply);
  });
  const next = (): Promise<Reply> => (lines.length ? Promise.resolve(JSON.parse(lines.shift() as string) as Reply) : new Promise((resolve) => waiting.push(resolve)));
  const send = (text: string): void => void stdin.write(text);
  for (const m of INIT) send(`${JSON.stringify(m)}\n`);
  assert.equal((await next()).id, 1);
  return { send, next, logged, isClosed: () => closed, stop: () => server.close() };
}

describe('an MCP message over the size limit', () => {
  it('is answered with a JSON-RPC error for its id (at the end, as the SDK writes it, or first), and the next request is served', async () => {
    const s = await serve(4096);
    try {
      s.send(`${bigCall(7, 10_000)}\n${JSON.stringify(EXPLAIN(8))}\n`);
      const err = await s.next();
      assert.equal(err.id, 7);
      assert.equal(err.error?.code, -32600);
      assert.match(err.error?.message ?? '', /over the size limit/);
      const ok = await s.next();
      assert.equal(ok.id, 8);
      assert.match(ok.result?.content?.[0]?.text ?? '', /FIN-WAIT-1/);
      // In many small chunks, the id first and a string id.
      const big = bigCall('call-9', 50_000, true);
      for (let i = 0; i < big.length; i += 1000) s.send(big.slice(i, i + 1000));
      s.send('\r\n');
      s.send(`${JSON.stringify(EXPLAIN(10))}\n`);
      assert.deepEqual([(await s.next()).id, (await s.next()).id], ['call-9', 10]);
      assert.equal(s.isClosed(), false);
    } finally {
      await s.stop();
    }
  });

  it('the limit is the message\'s: a CR before the newline is not counted; one byte more is over (review s16 N1)', async () => {
    const s = await serve(4096);
    try {
      // A call of `size` bytes (ASCII): its term padded with spaces.
      const sized = (id: number, size: number): string => {
        const base = JSON.stringify(EXPLAIN(id));
        return base.replace('"FIN_WAIT1"', `"FIN_WAIT1${' '.repeat(size - base.length)}"`);
      };
      assert.equal(sized(12, 4096).length, 4096);
      s.send(`${sized(12, 4096)}\r\n`);
      s.send(`${sized(13, 4096)}\n`);
      s.send(`${sized(14, 4097)}\r\n`);
      // The refusal is written at once, the answers when their calls end: in id order.
      const replies = [await s.next(), await s.next(), await s.next()].sort((x, y) => Number(x.id) - Number(y.id));
      assert.deepEqual(replies.map((r) => [r.id, r.error?.code]), [[12, undefined], [13, undefined], [14, -32600]]);
    } finally {
      await s.stop();
    }
  });

  it('without an id to answer (a notification, a response, a cut line), it is logged on standard error, and serving goes on', async () => {
    const s = await serve(4096);
    try {
      s.send(`${bigCall(undefined, 10_000)}\n`);
      s.send(`${JSON.stringify({ jsonrpc: '2.0', id: 0, result: { roots: [{ uri: `file:///${'r'.repeat(10_000)}`, name: 'r' }] } })}\n`);
      s.send(`{"method":"tools/call","params":{"arguments":{"text":"${'y'.repeat(10_000)}\n`);
      s.send('{not json\n');
      s.send(`${JSON.stringify(EXPLAIN(11))}\n`);
      const ok = await s.next();
      assert.equal(ok.id, 11, 'no reply before the request that fits');
      assert.equal(s.logged.filter((l) => /discarded a message of \d+ bytes, over the size limit/.test(l)).length, 3, s.logged.join('\n'));
      assert.equal(s.logged.length, 4, s.logged.join('\n'));
      assert.equal(s.isClosed(), false);
    } finally {
      await s.stop();
    }
  });

  it('the built CLI at its real limit (64 MB): the oversized call is refused by id, the next one answered', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, [CLI, 'mcp'], { cwd: tempDir('tsn-mcp-real-'), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const started = Date.now();
    // Three replies, the server's exit, or 20 s: whichever comes first (a server that closed its input never exits).
    const replies = new Promise<Reply[]>((resolve) => {
      const check = setInterval(() => {
        const got = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Reply);
        if (got.length >= 3 || child.exitCode !== null || Date.now() - started > 20_000) {
          clearInterval(check);
          resolve(got);
        }
      }, 20);
    });
    child.stdin.on('error', () => {});
    let got: Reply[];
    try {
      for (const m of INIT) child.stdin.write(`${JSON.stringify(m)}\n`);
      child.stdin.write(`${bigCall(2, MAX_MESSAGE_BYTES)}\n`);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' })}\n`);
      got = await replies;
    } finally {
      child.stdin.end();
      child.kill();
    }
    assert.deepEqual(got.map((r) => r.id), [1, 2, 3], err);
    assert.equal(got[1]?.error?.code, -32600);
    assert.ok((got[2]?.result?.tools?.length ?? 0) >= 3);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
