/**
 * `tcp-state-notes mcp` in the benchmark: startup (spawn of the built dist/cli.js until the MCP initialize
 * handshake is done, with the SDK's own client) against a bare `node -e ""` started the same way; a tool call on
 * the 1 MB note over stdio against the same core call in this process (interleaved rounds, medians); and the
 * first call of each fresh server against the same call once in a fresh process (coldAnswer.ts: cold JIT on both
 * sides, so the ratio is what the server and the protocol add; the server's first call also loads the core
 * modules, which the fresh process has loaded before its timing starts: the ratio is, if anything, high).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { checkTcpNote, summarizeSocketEvidence } from '../src/core/agents/tools';

export interface McpBench {
  readonly startupMs: number;
  readonly nodeFloorMs: number;
  readonly summarizeMs: number;
  readonly summarizeInProcessMs: number;
  readonly checkMs: number;
  readonly checkInProcessMs: number;
  /** summarize_socket_evidence as the first call of a fresh server, and the same call once in a fresh process. */
  readonly firstSummarizeMs: number;
  readonly firstSummarizeColdInProcessMs: number;
  readonly firstSummarizeVsColdRatio: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1] as number;
};

async function connect(cli: string, root: string): Promise<Client> {
  const client = new Client({ name: 'tsn-bench', version: '1' }, { capabilities: { roots: {} } });
  client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: [{ uri: pathToFileURL(root).href }] }));
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], cwd: root, stderr: 'ignore' }));
  return client;
}

export async function mcpBench(root: string, oneMb: string, rounds: number): Promise<McpBench> {
  const cli = join(root, 'dist', 'cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'tsn-bench-mcp-'));
  try {
    writeFileSync(join(dir, 'note.md'), oneMb);
    const startup: number[] = [];
    const floor: number[] = [];
    const first: number[] = [];
    const coldHere: number[] = [];
    const coldRatios: number[] = [];
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
      floor.push(performance.now() - t);
      t = performance.now();
      const c = await connect(cli, dir);
      startup.push(performance.now() - t);
      // Its first call (cold JIT), against the same call once in a fresh process.
      t = performance.now();
      const r = await c.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'note.md' } });
      first.push(performance.now() - t);
      if (r.isError) throw new Error(JSON.stringify(r.content));
      await c.close();
      const cold = spawnSync(process.execPath, [join(__dirname, 'coldAnswer.js'), 'summarize', join(dir, 'note.md')], { encoding: 'utf8' });
      const coldMs = Number(cold.stdout.trim());
      if (cold.status !== 0 || !(coldMs > 0)) throw new Error(`coldAnswer.js failed: ${cold.stderr}`);
      coldHere.push(coldMs);
      coldRatios.push((first[first.length - 1] as number) / coldMs);
    }
    const client = await connect(cli, dir);
    const note = { text: oneMb, name: 'note.md' };
    const over = { summarize: [] as number[], check: [] as number[] };
    const local = { summarize: [] as number[], check: [] as number[] };
    await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'note.md' } });
    for (let i = 0; i < rounds; i++) {
      let t = performance.now();
      const r = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'note.md' } });
      over.summarize.push(performance.now() - t);
      if (r.isError) throw new Error(JSON.stringify(r.content));
      t = performance.now();
      summarizeSocketEvidence(note, { lang: 'en' });
      local.summarize.push(performance.now() - t);
      t = performance.now();
      await client.callTool({ name: 'check_tcp_note', arguments: { path: 'note.md' } });
      over.check.push(performance.now() - t);
      t = performance.now();
      checkTcpNote(note, { lang: 'en' });
      local.check.push(performance.now() - t);
    }
    await client.close();
    return {
      startupMs: median(startup),
      nodeFloorMs: median(floor),
      summarizeMs: median(over.summarize),
      summarizeInProcessMs: median(local.summarize),
      checkMs: median(over.check),
      checkInProcessMs: median(local.check),
      firstSummarizeMs: median(first),
      firstSummarizeColdInProcessMs: median(coldHere),
      firstSummarizeVsColdRatio: median(coldRatios),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
