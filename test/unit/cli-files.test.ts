/** CLI file safety (issue #17 item 4), each rule by running the built CLI as a child process. */
import { execFileSync } from 'node:child_process';
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { repoPath } from '../support/repo';
import { DEFAULT_MAX_NOTE_SIZE_MB } from '../../src/cli/readNote';
import { tempDir } from './tempDir';

const dir = tempDir('tsn-cli-files-');
const note = join(dir, 'note.md');
const NOTE = '# Orphans\n\nThe client sat in FIN_WAIT1 while the server was in CLOSE_WAIT.\n';
writeFileSync(note, NOTE);

function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${stderr}`);
  return lines[0] as string;
}

describe('-o: where output goes', () => {
  test('-o - writes to standard output (not a file named "-")', () => {
    const r = cli(['template', '--symptom', 'fin-wait-1', '-o', '-'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^## /);
    assert.equal(existsSync(join(dir, '-')), false);
    const svg = cli(['diagram', note, '--output=-'], { cwd: dir });
    assert.equal(svg.status, 0);
    assert.match(svg.stdout, /^<svg/);
  });

  test('-o FILE creates the file; the same run again refuses to overwrite it', () => {
    const target = join(dir, 'created.svg');
    const first = cli(['diagram', note, '-o', target]);
    assert.equal(first.status, 0);
    assert.equal(first.stdout, '');
    assert.match(readFileSync(target, 'utf8'), /^<svg/);
    writeFileSync(target, 'keep me');
    const second = cli(['diagram', note, '-o', target]);
    assert.equal(second.status, 2);
    assert.match(oneLine(second.stderr), /already exists; add --force to overwrite it/);
    assert.equal(readFileSync(target, 'utf8'), 'keep me');
  });

  test('--force overwrites an existing regular file (and truncates it)', () => {
    const target = join(dir, 'forced.md');
    writeFileSync(target, 'x'.repeat(100_000));
    const r = cli(['template', '-o', target, '--force']);
    assert.equal(r.status, 0);
    const written = readFileSync(target, 'utf8');
    assert.match(written, /^## /);
    assert.ok(!written.includes('xxxx'), 'old content is gone');
  });

  test('--force alone (without -o) is a usage error', () => {
    const r = cli(['template', '--force']);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /--force only applies with -o/);
  });

  test('never writes through a symbolic link, even with --force', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    const link = join(dir, 'link.svg');
    symlinkSync(victim, link);
    const dangling = join(dir, 'dangling.svg');
    symlinkSync(join(dir, 'does-not-exist.svg'), dangling);
    for (const target of [link, dangling]) {
      for (const extra of [[], ['--force']]) {
        const r = cli(['diagram', note, '-o', target, ...extra]);
        assert.equal(r.status, 2, `${target} ${extra.join(' ')}`);
        assert.match(oneLine(r.stderr), /symbolic link; refusing to write through it/);
      }
    }
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.equal(existsSync(join(dir, 'does-not-exist.svg')), false);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), victim);
  });

  test('refuses to overwrite an input file, even with --force (also by another path to it)', () => {
    for (const target of [note, join(dir, '.', 'note.md')]) {
      const r = cli(['diagram', note, '-o', target, '--force']);
      assert.equal(r.status, 2);
      assert.match(oneLine(r.stderr), /is an input file; refusing to overwrite it/);
    }
    const scan = cli(['scan', note, '--json', '-o', note, '--force']);
    assert.equal(scan.status, 2);
    assert.equal(readFileSync(note, 'utf8'), NOTE);
  });

  test('-o into a folder, or onto a device, is refused', () => {
    const a = cli(['template', '-o', dir, '--force']);
    assert.equal(a.status, 2);
    assert.match(oneLine(a.stderr), /is a directory/);
    const b = cli(['template', '-o', '/dev/null', '--force']);
    assert.equal(b.status, 2);
    assert.match(oneLine(b.stderr), /not a regular file/);
  });
});

describe('input: only regular files, with a size cap', () => {
  test('a FIFO is refused with a message, without waiting for a writer', () => {
    const fifo = join(dir, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const r = cli(['scan', fifo]);
    assert.equal(r.signal, null, 'did not hang until the timeout');
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /pipe\.md: is a FIFO \(named pipe\), not a regular file/);
  });

  test('/dev/zero is refused, not read', { skip: !existsSync('/dev/zero') && 'no /dev/zero' }, () => {
    const r = cli(['check', '/dev/zero']);
    assert.equal(r.signal, null);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /\/dev\/zero: is a device, not a regular file/);
  });

  test('a folder given to a one-file command is refused', () => {
    const r = cli(['diagram', dir]);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /is a directory/);
  });

  test('the size cap: 20 MB by default like tcpStateNotes.maxNoteSizeMB; --max-note-size-mb changes it', () => {
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown }> } };
    };
    assert.equal(pkg.contributes.configuration.properties['tcpStateNotes.maxNoteSizeMB']?.default, DEFAULT_MAX_NOTE_SIZE_MB);
    const large = join(dir, 'large.md');
    writeFileSync(large, `${'FIN_WAIT1 '.repeat(160_000)}\n`); // 1.6 MB
    const refused = cli(['scan', large, '--max-note-size-mb', '1']);
    assert.equal(refused.status, 2);
    assert.match(oneLine(refused.stderr), /large\.md: larger than 1 MB \(raise the limit with --max-note-size-mb\)/);
    const accepted = cli(['scan', large, '--json', '--max-note-size-mb', '2']);
    assert.equal(accepted.status, 0, accepted.stderr);
    const over = join(dir, 'over.md');
    writeFileSync(over, Buffer.alloc(DEFAULT_MAX_NOTE_SIZE_MB * 1024 * 1024 + 1, 0x61));
    const def = cli(['check', over]);
    assert.equal(def.status, 2);
    assert.match(oneLine(def.stderr), /larger than 20 MB/);
  });

  test('a binary file is refused', () => {
    const bin = join(dir, 'x.md');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const r = cli(['scan', bin]);
    assert.equal(r.status, 2);
    assert.match(oneLine(r.stderr), /looks like a binary file/);
  });
});
