/**
 * The language server driven by a client nobody here wrote: Neovim's built-in LSP client (0.7, Debian's; CI
 * installs it with apt), headless, running test/fixtures/lsp/neovim.lua against the BUILT `dist/cli.js lsp
 * --stdio`. The script records what Neovim saw (its diagnostics in byte columns, the hover it requested from
 * its own cursor position, the symbols, the buffer after its code-action flow applied our edit); this test
 * asserts on that record, and compares the texts with the core functions called here.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { noteHover } from '../../src/core/noteHover';
import { CLI } from '../support/cli';
import { clientNote, UNOPENED_NOTE } from '../support/lspNotes';
import { repoPath } from '../support/repo';

const NOTE = clientNote();
const OTHER = UNOPENED_NOTE;

interface NeovimRecord {
  steps: string[];
  error?: string;
  server_name?: string;
  incremental?: boolean;
  diagnostics?: { lnum: number; col: number; end_col: number; message: string; code: string; source: string; text: string }[];
  hover?: { position: { line: number; character: number }; range: { start: { line: number; character: number }; end: { line: number; character: number } }; kind: string; value: string; text: string };
  symbols?: { name: string; detail: string; line: number }[];
  references?: { file: string; line: number; character: number; end_character: number }[];
  actions?: string[];
  fixed_line?: string;
  remaining?: number;
  server_exit?: number;
}

function neovimVersion(): string {
  const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`Neovim is needed for this test (apt-get install neovim; .ci/run installs it): ${r.error.message}`);
  return /NVIM v(\d+\.\d+\.\d+)/.exec(r.stdout)?.[1] ?? '?';
}

function runNeovim(lang: string): { status: number | null; record: NeovimRecord; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsn-nvim-'));
  try {
    const note = join(dir, 'note.md');
    const out = join(dir, 'out.json');
    writeFileSync(note, NOTE);
    // Never opened in Neovim: found by the server's workspace index.
    writeFileSync(join(dir, 'other.md'), OTHER);
    const env = {
      ...process.env,
      TSN_NODE: process.execPath,
      TSN_CLI: CLI,
      TSN_NOTE: note,
      TSN_OUT: out,
      TSN_LANG: lang,
      TSN_HOVER: 'CLOSE_WAIT',
      // Neovim's LSP log and state stay in the temporary folder.
      XDG_CACHE_HOME: join(dir, 'cache'),
      XDG_STATE_HOME: join(dir, 'state'),
      XDG_DATA_HOME: join(dir, 'data'),
      XDG_CONFIG_HOME: join(dir, 'config'),
    };
    const script = repoPath('test', 'fixtures', 'lsp', 'neovim.lua');
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    const record = JSON.parse(readFileSync(out, 'utf8')) as NeovimRecord;
    return { status: r.status, record, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`Neovim's built-in LSP client drives tcp-state-notes lsp --stdio`, () => {
  test(`Neovim ${neovimVersion()}: hover on a state glued to Chinese text, diagnostics on a look-alike, its code action, symbols, stop`, () => {
    const { status, record, stderr } = runNeovim('zh-cn');
    assert.equal(record.error, undefined, `${record.error}\n${stderr}`);
    assert.equal(status, 0, stderr);
    assert.deepEqual(record.steps, ['initialized', 'diagnostics', 'hover', 'symbols', 'references', 'code action', 'resynced', 'stopped']);
    assert.equal(record.server_name, 'tcp-state-notes');
    assert.equal(record.incremental, true);

    // Diagnostics as Neovim holds them: byte columns (the server sent UTF-16 characters 25..35; bytes 55..65).
    const line = NOTE.split('\n')[2] as string;
    const typoAt = line.indexOf('TIME_WAITE');
    assert.equal(typoAt, 25);
    assert.deepEqual(
      record.diagnostics?.map((d) => [d.lnum, d.col, d.end_col, d.text, d.code, d.source, d.message]),
      [
        [2, Buffer.byteLength(line.slice(0, typoAt)), Buffer.byteLength(line.slice(0, typoAt + 10)), 'TIME_WAITE', 'state-typo', 'TCP State Notes', '不是 TCP 状态——是否想写 TIME_WAIT？'],
        [9, 0, 25, 'TIME_WAIT lasts 4 minutes', 'misconception:tw-four-minutes', 'TCP State Notes', record.diagnostics?.[1]?.message],
      ],
    );
    assert.match(record.diagnostics?.[1]?.message ?? '', /60 秒/);

    // The hover Neovim asked for from its cursor (byte column → UTF-16 by the client): CLOSE_WAIT after 5 Chinese characters.
    const hover = record.hover;
    assert.ok(hover);
    assert.deepEqual(hover.position, { line: 2, character: 7 });
    assert.deepEqual(hover.range, { start: { line: 2, character: 5 }, end: { line: 2, character: 15 } });
    assert.equal(hover.text, 'CLOSE_WAIT', 'the range, read back by Neovim in its byte columns, covers the state exactly');
    assert.equal(hover.kind, 'markdown');
    const offset = NOTE.indexOf('CLOSE_WAIT') + 2;
    assert.equal(hover.value, noteHover(analyzeNote(NOTE), offset, { lang: 'zh-cn' })?.markdown);

    assert.deepEqual(record.symbols, [{ name: 'ss 输出：1 FIN-WAIT-1', detail: '第 5 行', line: 4 }]);
    // CLOSE_WAIT in the open note and CLOSE-WAIT in the unopened one (UTF-16 characters after Chinese text).
    assert.deepEqual(record.references, [
      { file: 'note.md', line: 2, character: 5, end_character: 15 },
      { file: 'other.md', line: 0, character: 6, end_character: 16 },
    ]);

    // vim.lsp.buf.code_action() listed our fix and applied its edit to the buffer; the server saw the change.
    assert.deepEqual(record.actions, ['替换为 TIME_WAIT']);
    assert.equal(record.fixed_line, '服务端大量CLOSE_WAIT连接，客户端还有很多TIME_WAIT。');
    assert.equal(record.remaining, 1, 'only the claim is left');
    assert.equal(record.server_exit, 0, 'shutdown + exit from vim.lsp.stop_client: status 0');
  });
});
