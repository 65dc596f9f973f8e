/** CLI hygiene (issue #12 item 6), each behaviour by running the built CLI as a child process. */
import { spawnSync } from 'node:child_process';
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cli, cliWithClosedPipe } from '../support/cli';
import { repoPath } from '../support/repo';
import { tempDir } from './tempDir';

const dir = tempDir('tsn-cli-hygiene-');
const note = join(dir, 'note.md');
writeFileSync(note, '# Orphans\n\nThe client sat in FIN_WAIT1 while the server was in CLOSE_WAIT.\n');
/** A note whose `scan --json` is far larger than a pipe's buffer (64 KiB), so the writer meets the closed pipe. */
const big = join(dir, 'big.md');
writeFileSync(big, Array.from({ length: 4000 }, (_, i) => `Line ${i}: FIN_WAIT1, TIME_WAIT and CLOSE_WAIT.`).join('\n'));

/** Runs the CLI through the shell, for redirections spawnSync cannot express. */
function cliShell(argsLine: string): { status: number | null; stderr: string } {
  const r = spawnSync('/bin/sh', ['-c', `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} ${argsLine}`], { encoding: 'utf8', timeout: 10_000 });
  return { status: r.status, stderr: r.stderr };
}

/** Exactly one line on stderr, starting with the program name. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  assert.match(lines[0] as string, /^tcp-state-notes: /);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  return lines[0] as string;
}

describe('closed standard output (EPIPE) ends quietly with status 0', () => {
  test('`scan --json | head`: the reader leaves after the first bytes', async () => {
    const r = await cliWithClosedPipe(['scan', big, '--json'], 100);
    assert.ok(r.read >= 100);
    assert.equal(r.signal, null);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  test('`scan --json | true`: the reader is gone before anything is written', async () => {
    const r = await cliWithClosedPipe(['scan', big, '--json'], 0);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });

  test('a closed pipe keeps the command own status (check with findings stays 1)', async () => {
    const typos = join(dir, 'typos.md');
    writeFileSync(typos, Array.from({ length: 3000 }, (_, i) => `Line ${i}: the socket stayed in FIN_WAIT3.`).join('\n'));
    const r = await cliWithClosedPipe(['check', typos, '--json'], 10);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
  });
});

describe('write errors: one line, status 1', () => {
  test('standard output is /dev/full (ENOSPC)', { skip: !existsSync('/dev/full') && 'no /dev/full on this system' }, () => {
    assert.equal(cli(['scan', note, '--json']).status, 0, 'the same command succeeds on a pipe');
    const full = cliShell(`scan ${JSON.stringify(note)} --json > /dev/full`);
    assert.equal(full.status, 1);
    assert.match(oneLine(full.stderr), /cannot write to standard output: no space left on device/);
  });
});

describe('user errors: one line, status 2', () => {
  test('unknown option (`--jsn`) with a suggestion', () => {
    const r = cli(['scan', note, '--jsn']);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /unknown option "--jsn" \(did you mean --json\?\)/);
    assert.equal(r.stdout, '');
  });

  test('a value glued to an option that takes none, and a glued short option', () => {
    const a = cli(['scan', note, '--json=yes']);
    assert.equal(a.status, 2);
    assert.match(oneLine(a.stderr), /--json takes no value/);
    const b = cli(['diagram', note, `-o${join(dir, 'x.svg')}`]);
    assert.equal(b.status, 2);
    assert.match(oneLine(b.stderr), /unknown option/);
    assert.equal(existsSync(join(dir, 'x.svg')), false);
  });

  test('an option the command does not take is not glued into the term', () => {
    const r = cli(['explain', 'FIN_WAIT1', '--json']);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /explain does not take --json/);
  });

  test('bad values', () => {
    for (const [args, pattern] of [
      [['explain', 'LISTEN', '--lang', 'fr'], /--lang must be en or zh-cn/],
      [['template', '--symptom', 'nope'], /--symptom must be one of/],
      [['check', note, '--format', 'xml'], /--format must be text, json or sarif/],
      [['check', note, '--json', '--format', 'sarif'], /--json conflicts with --format sarif/],
      [['scan', note, '--max-note-size-mb', 'lots'], /--max-note-size-mb must be a number/],
      [['scan', note, '--max-note-size-mb', '0'], /at least 1/],
      [['diagram', note, '--section'], /--section needs a value/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ] as const) {
      const r = cli(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr.split('\n')[0] as string, pattern, args.join(' '));
    }
  });

  test('-o into a missing folder', () => {
    const target = join(dir, 'no-such-folder', 'out.svg');
    const r = cli(['diagram', note, '-o', target]);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /folder .*no-such-folder does not exist/);
  });
});

describe('--version and --help', () => {
  test('--version prints the package version, status 0', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
      assert.equal(r.stderr, '');
    }
  });

  test('--help prints the usage with every command, status 0', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    for (const c of ['scan', 'check', 'explain', 'diagram', 'template']) assert.match(r.stdout, new RegExp(`tcp-state-notes ${c} `));
  });
});

describe('several files: results for the readable ones, one error line per bad one, non-zero status', () => {
  test('scan with one missing file among two good ones', () => {
    const missing = join(dir, 'missing.md');
    const r = cli(['scan', note, missing, note.replace('note.md', 'big.md'), '--json']);
    assert.equal(r.status, 2);
    const json = JSON.parse(r.stdout) as { file: string }[];
    assert.deepEqual(
      json.map((j) => j.file),
      [note, big],
    );
    assert.match(oneLine(r.stderr), /missing\.md: no such file or directory/);
  });

  test('check with two missing files: one line each', () => {
    const r = cli(['check', note, join(dir, 'gone-1.md'), join(dir, 'gone-2.md'), '--json']);
    assert.equal(r.status, 2);
    const json = JSON.parse(r.stdout) as { file: string }[];
    assert.deepEqual(
      json.map((j) => j.file),
      [note],
    );
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 2);
    assert.match(lines[0] as string, /gone-1\.md: no such file or directory/);
    assert.match(lines[1] as string, /gone-2\.md: no such file or directory/);
  });

  test('a single missing file: one line, status 2, nothing on stdout', () => {
    const r = cli(['scan', join(dir, 'nope.md'), '--json']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(oneLine(r.stderr), /nope\.md: no such file or directory/);
  });
});
