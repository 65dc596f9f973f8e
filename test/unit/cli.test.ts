import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError, main } from '../../src/cli';
import { buildTemplate } from '../../src/core/template';
import { tempDir } from './tempDir';

function run(...argv: string[]): string {
  let out = '';
  const code = main(argv, (s) => (out += s));
  assert.equal(code, 0);
  return out;
}

const dir = tempDir('tsn-cli-');
const note = join(dir, 'note.md');
writeFileSync(
  note,
  [
    '# Orphans',
    '',
    '处于CLOSE_WAIT状态; the socket was closed; net.ipv4.tcp_max_orphans is low.',
    '',
    '## Evidence',
    '',
    '```',
    'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
    'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
    'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
    'ESTAB      0      0      10.0.0.1:443       10.0.0.3:5002',
    '```',
    '',
    'dmesg: TCP: too many orphaned sockets; TcpExtTCPAbortOnMemory grows.',
    '',
  ].join('\n'),
);

describe('tcp-state-notes scan', () => {
  test('--json for one file: mentions with 0-based line, UTF-16 character, kind, id, context', () => {
    const json = JSON.parse(run('scan', note, '--json')) as { file: string; mentions: Record<string, unknown>[]; evidence: Record<string, unknown>[] };
    assert.equal(json.file, note);
    const closeWait = json.mentions.find((m) => m.text === 'CLOSE_WAIT');
    assert.deepEqual(closeWait, { line: 2, character: 2, length: 10, text: 'CLOSE_WAIT', kind: 'state', id: 'CLOSE-WAIT', context: 'prose' });
    const sysctl = json.mentions.find((m) => m.kind === 'sysctl');
    assert.equal(sysctl?.id, 'net.ipv4.tcp_max_orphans');
    assert.ok(json.mentions.some((m) => m.kind === 'message'));
    assert.ok(json.mentions.some((m) => m.kind === 'counter' && m.id === 'TcpExtTCPAbortOnMemory'));
    assert.ok(!json.mentions.some((m) => m.text === 'closed'), 'prose "closed" is not a state');
    assert.equal(json.evidence.length, 1);
    assert.deepEqual((json.evidence[0] as { counts: object }).counts, { 'FIN-WAIT-1': 2, ESTABLISHED: 1 });
  });

  test('--json for several files is an array (a file named twice is read once)', () => {
    const other = join(dir, 'other.md');
    writeFileSync(other, 'LISTEN\n');
    const json = JSON.parse(run('scan', note, other, note, '--json')) as { file: string }[];
    assert.ok(Array.isArray(json));
    assert.deepEqual(
      json.map((j) => j.file),
      [note, other],
    );
  });

  test('without --json, a readable table', () => {
    const out = run('scan', note);
    assert.match(out, /CLOSE-WAIT/);
    assert.match(out, /evidence:/);
  });
});

describe('tcp-state-notes explain', () => {
  test('any spelling gives the hover markdown', () => {
    const out = run('explain', 'FIN_WAIT1');
    assert.match(out, /\*\*FIN-WAIT-1\*\*/);
    assert.match(out, /netstat/);
    assert.match(run('explain', 'TcpExtTCPAbortOnMemory'), /TCPAbortOnMemory/);
    assert.match(run('explain', 'tcp_max_orphans'), /tcp_max_orphans/);
    assert.match(run('explain', 'too many orphaned sockets'), /orphan/i);
  });

  test('--lang zh-cn', () => {
    assert.match(run('explain', 'CLOSE-WAIT', '--lang', 'zh-cn'), /孤儿/);
  });

  test('the orphan socket by its names, full-width input, plurals as their spelling (audit s12 ZH 9)', () => {
    for (const name of ['孤儿', '孤儿连接', '孤儿套接字', '孤儿 socket', 'orphan sockets', 'Orphaned socket']) {
      assert.match(run('explain', name, '--lang', 'zh-cn'), /^\*\*sockstat TCP \\`orphan\\`\*\*/, name);
    }
    assert.match(run('explain', 'FIN-WAIT-２'), /^\*\*FIN-WAIT-2\*\*/);
    assert.match(run('explain', 'ＴＩＭＥ＿ＷＡＩＴ'), /^\*\*TIME-WAIT\*\*/);
    assert.match(run('explain', 'CLOSE_WAITs'), /spelling .* of CLOSE-WAIT: `CLOSE_WAIT`$/m);
    // Near words are still unknown.
    assert.throws(() => main(['explain', '孤儿院'], () => {}), (e: unknown) => e instanceof CliError && /unknown term/.test(e.message));
  });

  test('a kernel message pasted as a whole log line, or typed as its start, resolves when only one fits', () => {
    assert.match(run('explain', '[  812.113] TCP: too many orphaned sockets'), /\*\*TCP: too many orphaned sockets\*\*/);
    assert.match(run('explain', 'out of memory -- consider'), /tcp\\_mem/);
    // "too many o…" starts both "too many orphaned sockets" and "too many of orphaned sockets".
    // The shortest start counts without the log prefix: "TCP: " does not make a short start long enough.
    for (const vague of ['TCP: too many o', 'too many', 'TCP: out of me']) {
      assert.throws(() => main(['explain', vague], () => {}), (e: unknown) => e instanceof CliError && /unknown term/.test(e.message), vague);
    }
  });
});

describe('tcp-state-notes template and diagram', () => {
  test('template prints plain markdown with resolved tab stops', () => {
    const out = run('template', '--symptom', 'last-ack', '--lang', 'zh-cn');
    assert.equal(out, buildTemplate('last-ack', 'zh-cn').markdown);
    assert.ok(!out.includes('${'));
  });

  test('diagram writes the SVG with data attributes, whole note or one section', () => {
    const svgPath = join(dir, 'out.svg');
    run('diagram', note, '-o', svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    assert.match(svg, /data-state="FIN-WAIT-1"[^>]*data-count="2"/);
    assert.match(svg, /data-state="CLOSE-WAIT"[^>]*data-mentions="1"/);
    const section = run('diagram', note, '--section', 'Evidence');
    assert.match(section, /data-state="CLOSE-WAIT"[^>]*data-mentions="0"/);
  });
});

describe('bad input: one clear line and a non-zero exit', () => {
  const fails = (argv: string[], pattern: RegExp) => assert.throws(() => main(argv, () => {}), (e: unknown) => e instanceof CliError && pattern.test(e.message));
  /** A bad input among the files: an error line through `err`, status 2, no throw. */
  const badFile = (file: string, pattern: RegExp) => {
    let err = '';
    const code = main(['scan', file], () => {}, (s) => (err += s));
    assert.equal(code, 2);
    assert.match(err, pattern);
  };
  test('missing file', () => badFile(join(dir, 'nope.md'), /no such file/));
  test('binary file', () => {
    const bin = join(dir, 'x.bin');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    badFile(bin, /binary/);
  });
  test('unknown term, with near matches', () => fails(['explain', 'FIN_WAIT3'], /unknown term "FIN_WAIT3".*\(did you mean FIN_WAIT2 or FIN_WAIT1\?\)/));
  test('unknown command and bad options', () => {
    fails(['frobnicate'], /unknown command/);
    fails(['explain', 'LISTEN', '--lang', 'fr'], /--lang/);
    fails(['template', '--symptom', 'nope'], /--symptom/);
    fails(['diagram', note, '--section', 'Nope'], /no section/);
  });
});
