/**
 * `tcp-state-notes mcp`, driven by the MCP SDK's own Client over stdio (StdioClientTransport spawning the
 * BUILT dist/cli.js, as an agent does): tools, errors, roots, resources, and the paths it must refuse.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ListRootsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { CLI } from '../support/cli';
import { fixtureDir } from '../support/repo';

const base = mkdtempSync(join(tmpdir(), 'tsn-mcp-'));
const root = join(base, 'root');
const root2 = join(base, 'root2');
const outside = join(base, 'outside');

function setUpFiles(): void {
  for (const d of [join(root, 'notes'), root2, outside]) mkdirSync(d, { recursive: true });
  copyFileSync(join(fixtureDir('report'), 'incident.md'), join(root, 'notes', 'incident.md'));
  writeFileSync(join(root, 'notes', 'typo.md'), 'Many FIN_WAIT3 sockets.\n\nWe read that tcp_fin_timeout controls TIME_WAIT.\n');
  writeFileSync(join(root, 'readme.txt'), 'FIN_WAIT1 12\n');
  writeFileSync(join(outside, 'secret.md'), 'FIN_WAIT1 99999\n');
  writeFileSync(join(root2, 'other.md'), 'CLOSE_WAIT 7\n');
  symlinkSync(join(outside, 'secret.md'), join(root, 'notes', 'link.md'));
  symlinkSync(outside, join(root, 'dirlink'));
  symlinkSync(join(root, 'readme.txt'), join(root, 'notes', 'renamed.md'));
}

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: false }).map(String).sort();
}

async function connect(options: { roots?: string[]; cwd?: string; args?: string[] } = {}): Promise<{ client: Client; setRoots: (r: string[]) => Promise<void> }> {
  let roots = options.roots;
  const client = new Client({ name: 'tsn-test', version: '1.0.0' }, { capabilities: roots ? { roots: { listChanged: true } } : {} });
  if (roots) client.setRequestHandler(ListRootsRequestSchema, async () => ({ roots: (roots ?? []).map((r) => ({ uri: pathToFileURL(r).href, name: r })) }));
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', ...(options.args ?? [])], cwd: options.cwd ?? base, stderr: 'pipe' });
  await client.connect(transport);
  return {
    client,
    setRoots: async (r) => {
      roots = r;
      await client.sendRootsListChanged();
    },
  };
}

function text(r: unknown): string {
  const c = (r as CallToolResult).content;
  assert.equal(c.length, 1);
  const first = c[0];
  assert.ok(first && first.type === 'text');
  return first.text;
}

describe('tcp-state-notes mcp (SDK client over stdio)', () => {
  let client: Client;
  let setRoots: (r: string[]) => Promise<void>;
  let before0: string[];

  before(async () => {
    setUpFiles();
    before0 = listing(base);
    ({ client, setRoots } = await connect({ roots: [root] }));
  });

  after(async () => {
    await client?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('introduces itself with instructions and lists the three read-only tools', async () => {
    assert.equal(client.getServerVersion()?.name, 'tcp-state-notes');
    assert.match(client.getInstructions() ?? '', /TIME-WAIT and CLOSE-WAIT sockets are not orphans/);
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['check_tcp_note', 'explain_tcp_state', 'summarize_socket_evidence']);
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.ok((t.description ?? '').length > 100, t.name);
    }
    const explain = tools.find((t) => t.name === 'explain_tcp_state');
    assert.deepEqual(explain?.inputSchema.required, ['term']);
    assert.deepEqual(Object.keys(tools.find((t) => t.name === 'check_tcp_note')?.inputSchema.properties ?? {}).sort(), ['lang', 'path', 'text']);
  });

  it('explain_tcp_state: any spelling, either language; an unknown term is isError with near matches', async () => {
    assert.match(text(await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'TCP_FIN_WAIT1' } })), /FIN-WAIT-1/);
    assert.match(text(await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'tcp_max_orphans', lang: 'zh-cn' } })), /[\u4e00-\u9fff]/);
    const bad = await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'FIN_WAIT3' } });
    assert.equal(bad.isError, true);
    assert.match(text(bad), /Unknown term "FIN_WAIT3".*Did you mean FIN_WAIT2 or FIN_WAIT1\?/s);
    const badLang = await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'LISTEN', lang: 'fr' } });
    assert.equal(badLang.isError, true);
    assert.match(text(badLang), /`lang` must be "en" or "zh-cn"/);
    const missing = await client.callTool({ name: 'explain_tcp_state', arguments: {} });
    assert.equal(missing.isError, true);
  });

  it('summarize_socket_evidence and check_tcp_note read a note by path (relative to the root, or absolute) or take its text', async () => {
    const byPath = text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'notes/incident.md' } }));
    assert.match(byPath, /TCP evidence report — notes\/incident\.md/);
    assert.match(byPath, /\| FIN-WAIT-1 \| 61,920 \| 4 \|/);
    assert.match(byPath, /### Sources/);
    const absolute = text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: join(root, 'notes', 'incident.md') } }));
    assert.equal(absolute, byPath);
    // A file:// URI (agents often send one) names the same note; another scheme is refused with what to send.
    const byUri = text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: pathToFileURL(join(root, 'notes', 'incident.md')).href } }));
    assert.equal(byUri, byPath);
    const web = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'https://example.com/notes/incident.md' } });
    assert.equal(web.isError, true);
    assert.match(text(web), /only local notes \(a path, or a file:\/\/ URI\) are read/);
    const byText = text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { text: 'FIN_WAIT1 61920\nLAST_ACK 2103\n' } }));
    assert.match(byText, /\| FIN-WAIT-1 \| 61,920 \|/);
    const check = text(await client.callTool({ name: 'check_tcp_note', arguments: { path: 'notes/typo.md' } }));
    assert.match(check, /`FIN_WAIT3` is not a TCP state/);
    assert.match(check, /Fix: replace it with `FIN_WAIT2`/);
    assert.match(check, /\[fin-timeout-time-wait\]/);
    const zh = text(await client.callTool({ name: 'check_tcp_note', arguments: { text: 'FIN_WAIT3\n', lang: 'zh-cn' } }));
    assert.match(zh, /不是 TCP 状态/);
  });

  it('a property the tool does not take is isError naming the ones it takes (not dropped unseen)', async () => {
    const range = await client.callTool({ name: 'check_tcp_note', arguments: { text: 'FIN_WAIT3\n', startLine: 1 } });
    assert.equal(range.isError, true);
    assert.match(text(range), /Unknown input property "startLine"; this tool takes `path`, `text`, `lang`\./);
    const explain = await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'LISTEN', verbose: true } });
    assert.equal(explain.isError, true);
    assert.match(text(explain), /Unknown input property "verbose"; this tool takes `term`, `lang`\./);
  });

  it('path and text together, or neither, is isError saying to send exactly one', async () => {
    for (const args of [{}, { path: 'notes/incident.md', text: 'x' }]) {
      const r = await client.callTool({ name: 'check_tcp_note', arguments: args });
      assert.equal(r.isError, true);
      assert.match(text(r), /Send exactly one of `path`.*or `text`/);
    }
  });

  it('refuses paths outside the roots, links out of them, non-Markdown files and missing files', async () => {
    const cases: [string, RegExp][] = [
      [join(outside, 'secret.md'), /outside the client's roots/],
      ['../outside/secret.md', /outside the client's roots/],
      ['notes/link.md', /outside the client's roots \(.*\) — it resolves to .*secret\.md/],
      ['dirlink/secret.md', /outside the client's roots/],
      ['notes/renamed.md', /outside the client's roots .*readme\.txt/],
      ['readme.txt', /only Markdown notes \(\.md, \.markdown\) are read/],
      ['notes/none.md', /no such file/],
      ['notes', /only Markdown notes/],
    ];
    for (const [path, expected] of cases) {
      const r = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path } });
      assert.equal(r.isError, true, path);
      assert.match(text(r), expected, path);
      assert.doesNotMatch(text(r), /99999/, `${path}: nothing of the file outside leaks`);
    }
  });

  it('follows the client\'s roots when they change (roots/list_changed)', async () => {
    const other = join(root2, 'other.md');
    assert.equal((await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: other } })).isError, true);
    await setRoots([root2]);
    // The notification is one-way: poll until the server has asked for the new roots.
    let r: unknown;
    for (let i = 0; i < 50; i++) {
      r = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: other } });
      if (!(r as CallToolResult).isError) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(text(r), /\| CLOSE-WAIT \| 7 \|/);
    assert.equal((await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: join(root, 'notes', 'incident.md') } })).isError, true, 'the old root is gone');
    await setRoots([root]);
  });

  it('lists the catalogue as resources and reads them in either language', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    assert.ok(uris.includes('tcp-state-notes://state/FIN-WAIT-1'));
    assert.ok(uris.includes('tcp-state-notes://term/net.ipv4.tcp_max_orphans'));
    assert.ok(uris.includes('tcp-state-notes://misconception/orphan-close-wait-time-wait'));
    assert.ok(resources.every((r) => r.mimeType === 'text/markdown'));
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    assert.ok(templates.includes('tcp-state-notes://state/{id}'));
    const en = await client.readResource({ uri: 'tcp-state-notes://state/FIN-WAIT-1' });
    const first = en.contents[0];
    assert.ok(first && 'text' in first);
    assert.match(first.text, /FIN-WAIT-1/);
    const zh = await client.readResource({ uri: 'tcp-state-notes://state/CLOSE-WAIT?lang=zh-cn' });
    assert.ok(zh.contents[0] && 'text' in zh.contents[0]);
    assert.match(zh.contents[0].text, /[\u4e00-\u9fff]/);
    await assert.rejects(client.readResource({ uri: 'tcp-state-notes://state/FIN-WAIT-3' }), (e: { code?: number; message?: string }) => e.code === -32002 && /Unknown resource/.test(e.message ?? ''));
  });

  it('wrote nothing anywhere in the roots or beside them', () => {
    assert.deepEqual(listing(base), before0);
    assert.ok(statSync(join(root, 'notes', 'incident.md')).isFile());
  });
});

/** Runs `body` with a fresh temporary folder, removed afterwards; and with a client, closed afterwards. */
async function inTempDir(prefix: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
async function closing(client: Client, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } finally {
    await client.close();
  }
}

describe('tcp-state-notes mcp without client roots', () => {
  it('reads Markdown notes under the working directory only', async () => {
    await inTempDir('tsn-mcp-cwd-', async (dir) => {
      mkdirSync(join(dir, 'work'));
      writeFileSync(join(dir, 'work', 'n.md'), 'LAST_ACK 2103\n');
      writeFileSync(join(dir, 'up.md'), 'LAST_ACK 1\n');
      const { client } = await connect({ cwd: join(dir, 'work') });
      await closing(client, async () => {
        assert.match(text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'n.md' } })), /\| LAST-ACK \| 2,103 \|/);
        const up = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: '../up.md' } });
        assert.equal(up.isError, true);
        assert.match(text(up), /outside the client's roots/);
      });
    });
  });

  it('a client whose roots/list fails: a message saying what to do, no file read, asked again next time', async () => {
    await inTempDir('tsn-mcp-roots-', async (dir) => {
      writeFileSync(join(dir, 'n.md'), 'LAST_ACK 2103\n');
      let failing = true;
      const client = new Client({ name: 'tsn-test', version: '1.0.0' }, { capabilities: { roots: { listChanged: true } } });
      client.setRequestHandler(ListRootsRequestSchema, async () => {
        if (failing) throw new Error('roots are not configured');
        return { roots: [{ uri: pathToFileURL(dir).href, name: 'notes' }] };
      });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp'], cwd: dir, stderr: 'pipe' }));
      await closing(client, async () => {
        const r = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'n.md' } });
        assert.equal(r.isError, true);
        assert.match(text(r), /roots\/list request failed \(.*roots are not configured\), so no file can be read\. Send the note's Markdown in `text`/);
        assert.doesNotMatch(text(r), /LAST-ACK/);
        failing = false;
        assert.match(text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'n.md' } })), /\| LAST-ACK \| 2,103 \|/, 'asked again');
      });
    });
  });

  it('a client that declares roots and lists none: no file is read, not even in the working directory (audit s14 D5)', async () => {
    await inTempDir('tsn-mcp-noroots-', async (dir) => {
      writeFileSync(join(dir, 'n.md'), 'LAST_ACK 2103\n');
      const { client } = await connect({ roots: [], cwd: dir });
      await closing(client, async () => {
        const r = await client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'n.md' } });
        assert.equal(r.isError, true);
        assert.match(text(r), /No readable root folder: .*shares none.*Send the note's Markdown in `text`/);
        assert.doesNotMatch(text(r), /LAST-ACK/);
        assert.match(text(await client.callTool({ name: 'summarize_socket_evidence', arguments: { text: 'LAST_ACK 2103\n' } })), /\| LAST-ACK \| 2,103 \|/);
      });
      const plain = await connect({ cwd: dir });
      await closing(plain.client, async () => {
        const nul = await plain.client.callTool({ name: 'summarize_socket_evidence', arguments: { path: 'n\u0000.md' } });
        assert.equal(nul.isError, true);
        assert.match(text(nul), /NUL character/);
      });
    });
  });

  it('a large note is analysed off the server\'s thread: pings answer meanwhile, and a cancelled call stops with no reply (audit s14 D2)', async () => {
    await inTempDir('tsn-mcp-large-', async (dir) => {
      const rows = Array.from({ length: 120_000 }, (_, i) => `FIN-WAIT-1 0 ${1000 + (i % 9000)} 10.0.${i % 250}.${i % 200}:443 10.1.${i % 240}.${i % 190}:${20000 + (i % 40000)}`);
      const big = `# big\n\nTIME_WAIT lasts 4 minutes.\n\n\`\`\`\n$ ss -tan\n${rows.join('\n')}\n\`\`\`\n`;
      assert.ok(big.length > 5 * 2 ** 20);
      const { client } = await connect({ cwd: dir });
      const errors: string[] = [];
      client.onerror = (e) => errors.push(String(e));
      await closing(client, async () => {
        // The core loaded first (a call's first use awaits it, which would let a ping through anyway).
        await client.callTool({ name: 'check_tcp_note', arguments: { text: 'FIN_WAIT1 3\n' } });
        // Pings sent one after another while the note is analysed are answered meanwhile: in the server's
        // thread, each would wait for the analysis to end.
        let done = false;
        const call = client.callTool({ name: 'summarize_socket_evidence', arguments: { text: big } }).finally(() => {
          done = true;
        });
        let pings = 0;
        while (!done) {
          await client.ping();
          if (!done) pings++;
        }
        const r = await call;
        assert.ok(pings >= 10, `${pings} pings answered during the analysis`);
        assert.match(text(r), /\| FIN-WAIT-1 \| 120,000 \|/);
        // The same results as in the thread: check's findings.
        assert.match(text(await client.callTool({ name: 'check_tcp_note', arguments: { text: big } })), /\[tw-four-minutes\]/);
        // Cancelled: the call's promise rejects, the server sends nothing for it, the next call is answered.
        const abort = new AbortController();
        const cancelled = client.callTool({ name: 'summarize_socket_evidence', arguments: { text: big } }, undefined, { signal: abort.signal });
        setTimeout(() => abort.abort(), 50);
        await assert.rejects(cancelled);
        assert.match(text(await client.callTool({ name: 'explain_tcp_state', arguments: { term: 'FIN_WAIT1' } })), /FIN-WAIT-1/);
        assert.match(text(await client.callTool({ name: 'check_tcp_note', arguments: { text: 'FIN_WAIT3 here\n' } })), /FIN_WAIT3/);
      });
      assert.deepEqual(errors.filter((e) => /unknown message ID/i.test(e)), [], 'no reply to the cancelled call');
    });
  });

  it('--max-note-size-mb caps every note analysed, a `text` as well as a file', async () => {
    await inTempDir('tsn-mcp-cap-', async (dir) => {
      const big = `${'FIN_WAIT1 3\n'.repeat(140_000)}`; // 1.5 MB
      writeFileSync(join(dir, 'big.md'), big);
      const { client } = await connect({ cwd: dir, args: ['--max-note-size-mb', '1'] });
      await closing(client, async () => {
        for (const name of ['summarize_socket_evidence', 'check_tcp_note']) {
          for (const args of [{ text: big }, { path: 'big.md' }]) {
            const r = await client.callTool({ name, arguments: args });
            assert.equal(r.isError, true, `${name} ${Object.keys(args)[0]}`);
            assert.match(text(r), /1 MB/, `${name} ${Object.keys(args)[0]}`);
          }
        }
        assert.notEqual((await client.callTool({ name: 'check_tcp_note', arguments: { text: 'FIN_WAIT1 3\n' } })).isError, true, 'a small note is read');
      });
    });
  });

  it('dist/mcp.js holds the SDK and the wiring only: the knowledge core comes from dist/cli.js', () => {
    const bundle = readFileSync(join(dirname(CLI), 'mcp.js'), 'utf8');
    assert.match(bundle, /registerTool/);
    assert.doesNotMatch(bundle, /micromark|remark-gfm|TCP_TIMEWAIT_LEN/, 'no copy of the parser or the catalogue');
    assert.doesNotMatch(bundle, /child_process/, 'the server starts no process');
  });

  it('mcp takes no arguments and tells unknown options apart (exit 2)', async () => {
    const { cli } = await import('../support/cli');
    const r = cli(['mcp', 'extra']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /mcp takes no arguments/);
    assert.equal(cli(['mcp', '--json']).status, 2);
    const help = cli(['mcp', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /tcp-state-notes mcp/);
  });
});
