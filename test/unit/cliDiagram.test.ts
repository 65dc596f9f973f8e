/**
 * `tcp-state-notes diagram --format mermaid [-o out.mmd]` and `--width <px>`, run as the built CLI
 * (dist/cli.js, built by scripts/build.mjs together with the tests).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './tempDir';

const cli = join(process.cwd(), 'dist', 'cli.js');
const dir = tempDir('tsn-cli-diagram-');
const note = join(dir, 'note.md');
writeFileSync(
  note,
  [
    '# Orphans <script>alert(1)</script>',
    '',
    'ESTABLISHED → FIN-WAIT-1 after close(); CLOSE_WAIT is the app.',
    '',
    '```',
    'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
    'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
    'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
    'ESTAB      0      0      10.0.0.1:443       10.0.0.3:5002',
    '```',
    '',
  ].join('\n'),
);

function cliRun(...args: string[]): { code: number | null; out: string; err: string } {
  assert.ok(existsSync(cli), 'dist/cli.js is built');
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('tcp-state-notes diagram --format / --width (built CLI)', () => {
  test('--format mermaid prints a stateDiagram-v2 of the note', () => {
    const r = cliRun('diagram', note, '--format', 'mermaid');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^stateDiagram-v2\n/);
    assert.match(r.out, /FIN_WAIT_1 : 2 sockets/);
    assert.match(r.out, /ESTABLISHED --> FIN_WAIT_1 : R12 CLOSE \/ snd FIN · in the note/);
    assert.ok(!r.out.includes('script') && !r.out.includes('Orphans'), 'nothing from note text');
  });

  test('--format mermaid -o out.mmd writes the file, in Chinese with --lang zh-cn', () => {
    const out = join(dir, 'out.mmd');
    const r = cliRun('diagram', note, '--format', 'mermaid', '-o', out, '--lang', 'zh-cn');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(readFileSync(out, 'utf8'), /FIN_WAIT_1 : 2 个套接字/);
  });

  test('--width 480 writes the narrow layout at 480 px; --width 1000 the RFC layout', () => {
    const narrow = cliRun('diagram', note, '--width', '480');
    assert.equal(narrow.code, 0, narrow.err);
    assert.match(narrow.out, /viewBox="0 0 400 \d+"[^>]* width="480"/);
    assert.match(narrow.out, /class="tcp-diagram lang-en linux-off narrow standalone"/);
    const wide = cliRun('diagram', note, '--width', '1000');
    assert.match(wide.out, /viewBox="0 0 900 \d+"[^>]* width="1000"/);
    assert.doesNotMatch(wide.out, / narrow/);
    assert.match(cliRun('diagram', note).out, /viewBox="0 0 900 \d+"[^>]* width="900"/);
  });

  test('bad values: one line on stderr, exit 2', () => {
    for (const args of [
      ['--format', 'png'],
      ['--width', 'wide'],
      ['--width', '50'],
      ['--format', 'mermaid', '--width', '480'],
    ]) {
      const r = cliRun('diagram', note, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, /^tcp-state-notes: --(format|width)/);
    }
  });
});

describe('tcp-state-notes diagram --section with headings that repeat (built CLI)', () => {
  const days = join(dir, 'days.md');
  writeFileSync(
    days,
    [
      '# 2024-03-05',
      '## 处理',
      'FIN-WAIT-1 piled up.',
      '# 2024-03-06',
      '## 处理',
      'CLOSE_WAIT this time.',
      '## 现象',
      '### 处理',
      'LAST_ACK, once.',
      '',
    ].join('\n'),
  );

  test('a title naming several sections is an error listing their paths and lines (status 2, nothing written)', () => {
    const r = cliRun('diagram', days, '--section', '处理', '--format', 'mermaid');
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /3 sections titled "处理"/);
    assert.match(r.err, /"2024-03-05 > 处理" \(line 2\), "2024-03-06 > 处理" \(line 5\), "2024-03-06 > 现象 > 处理" \(line 8\)/);
    assert.match(r.err, /--section "2024-03-05 > 处理"/);
  });

  test('a path of headings names one section; its last headings are enough when they are unique', () => {
    const first = cliRun('diagram', days, '--section', '2024-03-05 > 处理', '--format', 'mermaid');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /FIN_WAIT_1|FIN-WAIT-1/);
    assert.doesNotMatch(first.out, /CLOSE_WAIT|CLOSE-WAIT/);
    const nested = cliRun('diagram', days, '--section', '现象>处理', '--format', 'mermaid');
    assert.equal(nested.code, 0, nested.err);
    assert.match(nested.out, /LAST_ACK|LAST-ACK/);
    assert.doesNotMatch(nested.out, /FIN_WAIT_1|FIN-WAIT-1/);
    const none = cliRun('diagram', days, '--section', '2024-03-07 > 处理');
    assert.equal(none.code, 2);
    assert.match(none.err, /no section titled/);
  });
});
