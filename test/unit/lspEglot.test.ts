/**
 * The language server driven by a second client nobody here wrote: Emacs's eglot (Debian's emacs-nox 28 with
 * elpa-eglot and elpa-markdown-mode; CI installs them with apt), in batch mode, running
 * test/fixtures/lsp/eglot.el. The client is configured by the README's own eglot snippet, loaded as a user's init
 * file would be, with `tcp-state-notes` on PATH as a shim for the BUILT `dist/cli.js`. The script records what
 * eglot saw (flymake's diagnostics in buffer characters, the hover at a position eglot made from its column, imenu's
 * symbols, xref's references, the buffer after eglot's own code-action command); this test asserts on that record.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { noteHover } from '../../src/core/noteHover';
import { CLI } from '../support/cli';
import { clientNote, UNOPENED_NOTE } from '../support/lspNotes';
import { repoPath } from '../support/repo';
import { tempDir } from './tempDir';

// Neovim's note, with a line whose typo follows astral characters (two UTF-16 units each).
const NOTE = clientNote(['🔥🔥 还有 LAST_ACKK 很多', '']);
const OTHER = UNOPENED_NOTE;

interface EglotRecord {
  steps: string[];
  error?: string;
  major_mode?: string;
  server_name?: string;
  incremental?: boolean;
  diagnostics?: { line: number; character: number; text: string; message: string }[];
  hover?: { position: { line: number; character: number }; text: string; kind: string; value: string };
  eldoc?: string;
  symbols?: string[];
  references?: string[];
  actions?: string[];
  fixed_line?: string;
  remaining?: number;
}

/** The README's eglot snippet (its one `elisp` block): what a user pastes into their init file. */
function readmeSnippet(): string {
  const readme = readFileSync(repoPath('README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```elisp\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
  assert.equal(blocks.length, 1, 'README.md has one elisp block: the eglot configuration');
  return blocks[0] as string;
}

function emacsVersion(): string {
  const r = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error(`Emacs is needed for this test (apt-get install emacs-nox elpa-eglot elpa-markdown-mode; .ci/run installs them): ${r.error.message}`);
  return /GNU Emacs (\S+)/.exec(r.stdout)?.[1] ?? '?';
}

function runEglot(): { status: number | null; record: EglotRecord; stderr: string } {
  const dir = tempDir('tsn-eglot-');
  const ws = join(dir, 'notes');
  const bin = join(dir, 'bin');
  mkdirSync(ws);
  mkdirSync(bin);
  const note = join(ws, 'note.md');
  const out = join(dir, 'out.json');
  writeFileSync(note, NOTE);
  // Never opened in Emacs: found by the server's workspace index.
  writeFileSync(join(ws, 'other.md'), OTHER);
  // A notes repository: project.el's root, where eglot starts the server and the workspace index reads.
  const git = spawnSync('git', ['init', '-q', ws], { encoding: 'utf8' });
  assert.equal(git.status, 0, git.stderr);
  const shim = join(bin, 'tcp-state-notes');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"\n`);
  chmodSync(shim, 0o755);
  const snippet = join(dir, 'init.el');
  writeFileSync(snippet, readmeSnippet());
  const env = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    // Emacs's own state stays in the temporary folder.
    HOME: dir,
    TSN_README_ELISP: snippet,
    TSN_NOTE: note,
    TSN_OUT: out,
    TSN_HOVER: 'CLOSE_WAIT',
  };
  const script = repoPath('test', 'fixtures', 'lsp', 'eglot.el');
  const r = spawnSync('emacs', ['--batch', '-l', script], { cwd: ws, env, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  const record = JSON.parse(readFileSync(out, 'utf8')) as EglotRecord;
  return { status: r.status, record, stderr: r.stderr };
}

describe(`Emacs's eglot drives tcp-state-notes lsp --stdio, configured by the README's snippet`, () => {
  test(`Emacs ${emacsVersion()}: diagnostics after astral and Chinese text, hover, eldoc, imenu, xref references, the quick fix, shutdown`, () => {
    const { status, record, stderr } = runEglot();
    assert.equal(record.error, undefined, `${record.error}\n${stderr}`);
    assert.equal(status, 0, stderr);
    assert.deepEqual(record.steps, ['initialized', 'diagnostics', 'hover', 'symbols', 'references', 'code action', 'resynced', 'stopped']);
    assert.equal(record.major_mode, 'markdown-mode');
    assert.equal(record.server_name, 'tcp-state-notes');
    assert.equal(record.incremental, true);

    // Flymake's diagnostics in buffer characters: the server sent UTF-16 columns, two of them per 🔥.
    const lines = NOTE.split('\n');
    const at = (line: number, word: string): [number, number, string] => [line, [...(lines[line] as string).slice(0, (lines[line] as string).indexOf(word))].length, word];
    assert.deepEqual(
      record.diagnostics?.map((d) => [d.line, d.character, d.text]),
      [at(2, 'TIME_WAITE'), at(9, 'LAST_ACKK'), at(11, 'TIME_WAIT lasts 4 minutes')],
    );
    assert.equal(at(9, 'LAST_ACKK')[1], 6, 'code points, not UTF-16 units (8) or display columns (10)');
    // eglot prefixes the source and code; the texts are the zh-CN ones the README's initializationOptions ask for.
    assert.equal(record.diagnostics?.[0]?.message, 'TCP State Notes [state-typo]: 不是 TCP 状态——是否想写 TIME_WAIT？');
    assert.match(record.diagnostics?.[2]?.message ?? '', /^TCP State Notes \[misconception:tw-four-minutes\]: .*60 秒/);

    // The hover eglot asked for from point (two characters into CLOSE_WAIT, after five Chinese characters).
    const hover = record.hover;
    assert.ok(hover);
    assert.deepEqual(hover.position, { line: 2, character: 7 });
    assert.equal(hover.text, 'CLOSE_WAIT', 'the range, read back by eglot as a region, covers the state exactly');
    assert.equal(hover.kind, 'markdown');
    const expected = noteHover(analyzeNote(NOTE), NOTE.indexOf('CLOSE_WAIT') + 2, { lang: 'zh-cn', kernelVersion: '5.15' })?.markdown;
    assert.equal(hover.value, expected);
    // eldoc shows eglot's rendering of the same Markdown: its first line, the state and the spelling's gloss.
    assert.match(record.eldoc ?? '', /^\*\*CLOSE-WAIT\*\* — /);
    assert.match(record.eldoc ?? '', /绝不是孤儿/);

    assert.deepEqual(record.symbols, ['ss 输出：1 FIN-WAIT-1']);
    // CLOSE_WAIT in the open note and CLOSE-WAIT in the unopened one (0-based line, character).
    assert.deepEqual(record.references, ['note.md:2:5', 'other.md:0:6']);

    // eglot-code-actions offered our fix and applied its edit; the server saw the change by incremental sync.
    assert.deepEqual(record.actions, ['替换为 TIME_WAIT']);
    assert.equal(record.fixed_line, '服务端大量CLOSE_WAIT连接，客户端还有很多TIME_WAIT。');
    assert.equal(record.remaining, 2, 'the other typo and the claim are left');
  });
});
