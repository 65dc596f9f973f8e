/**
 * "Paste as TCP evidence": which pastes are recognised, the block written (fence, command line, time), and that
 * the note analysis reads the block back as a timed sample.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { formatPastedEvidence, isoWithOffset } from '../../src/core/evidence/pasteEvidence';
import { analyzeNote } from '../../src/core/note/analyze';
import { timelineOf } from '../../src/core/report/timeline';

const fixture = (name: string): string => readFileSync(join(fixtureDir('evidence'), name), 'utf8');
const T = '2026-12-04T16:05:09+08:00';
/** The fixture without its `$ …` command line (what a user copies from the terminal output alone). */
const outputOnly = (name: string): string => fixture(name).split('\n').filter((l) => !l.startsWith('$ ')).join('\n');

describe('paste as TCP evidence: the time', () => {
  it('writes ISO 8601 with the zone offset of the pasting machine', () => {
    const ms = Date.UTC(2026, 11, 4, 8, 5, 9);
    assert.equal(isoWithOffset(ms, 480), '2026-12-04T16:05:09+08:00');
    assert.equal(isoWithOffset(ms, 0), '2026-12-04T08:05:09Z');
    assert.equal(isoWithOffset(ms, -330), '2026-12-04T02:35:09-05:30');
    assert.equal(isoWithOffset(Date.UTC(2026, 0, 1, 0, 30, 0), -60), '2025-12-31T23:30:00-01:00', 'crosses the year');
  });
});

describe('paste as TCP evidence: recognition', () => {
  it('offers for ss, ss -s, netstat, sockstat and /proc/net/tcp output', () => {
    for (const name of ['ss-tan.txt', 'ss-tanoepim.txt', 'ss-s.txt', 'netstat-linux.txt', 'netstat-tanpo.txt', 'sockstat.txt', 'proc-net-tcp.txt', 'ss-state-ipv6.txt']) {
      const out = formatPastedEvidence(fixture(name), T);
      assert.ok(out, `${name} is recognised`);
    }
  });

  it('does not offer for prose, code, counters only, or text that is already fenced', () => {
    for (const name of ['prose.txt', 'python.txt', 'c-code.txt', 'shell-script.txt', 'nstat.txt', 'sysctl.txt']) {
      assert.equal(formatPastedEvidence(fixture(name), T), undefined, name);
    }
    assert.equal(formatPastedEvidence('```\n' + fixture('sockstat.txt') + '\n```', T), undefined);
    assert.equal(formatPastedEvidence('', T), undefined);
    assert.equal(formatPastedEvidence('   \n\n', T), undefined);
  });

  it('does not offer when most of the paste is prose around one output line', () => {
    const prose = ['We looked at the host this morning and the numbers were alarming.', 'The orphan count had doubled since yesterday.', 'Someone restarted nginx at 09:00.', 'TCP: inuse 9270 orphan 61920 tw 8120 alloc 71330 mem 182044', 'Then the count went down again.'].join('\n');
    assert.equal(formatPastedEvidence(prose, T), undefined);
  });
});

describe('paste as TCP evidence: the block', () => {
  it('fences the output, writes the time, and keeps a command line the paste already has', () => {
    const out = formatPastedEvidence(fixture('ss-tanoepim.txt'), T);
    assert.ok(out);
    const lines = out.text.split('\n');
    assert.equal(lines[0], '```text');
    assert.equal(lines[1], `# pasted ${T}`);
    assert.equal(lines[2], '$ ss -tanoepim');
    assert.equal(lines[lines.length - 1], '```');
    assert.equal(out.command, 'ss -tanoepim');
    assert.ok(out.kinds.includes('ss'));
  });

  it('writes `$ command` when the output tells which command printed it', () => {
    assert.equal(formatPastedEvidence(outputOnly('sockstat.txt'), T)?.command, 'cat /proc/net/sockstat /proc/net/sockstat6');
    assert.equal(formatPastedEvidence('sockets: used 12\nTCP: inuse 5 orphan 1 tw 2 alloc 6 mem 1', T)?.command, 'cat /proc/net/sockstat');
    assert.equal(formatPastedEvidence('TCP6: inuse 18\nUDP6: inuse 3', T)?.command, 'cat /proc/net/sockstat6');
    assert.equal(formatPastedEvidence(outputOnly('ss-s.txt'), T)?.command, 'ss -s');
    assert.equal(formatPastedEvidence(outputOnly('proc-net-tcp.txt'), T)?.command, 'cat /proc/net/tcp');
    const v6 = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20911 1 ffff8f2a3b0c8400 100 0 0 10 0';
    assert.equal(formatPastedEvidence(v6, T)?.command, 'cat /proc/net/tcp6');
    const withCmd = formatPastedEvidence(outputOnly('sockstat.txt'), T);
    assert.ok(withCmd?.text.split('\n').includes('$ cat /proc/net/sockstat /proc/net/sockstat6'));
  });

  it('writes no command for a listing (its flags cannot be told from the output)', () => {
    const out = formatPastedEvidence(outputOnly('ss-tan.txt'), T);
    assert.ok(out);
    assert.equal(out.command, undefined);
    assert.ok(!out.text.split('\n').some((l) => l.startsWith('$ ')));
  });

  it('uses a longer fence when the paste holds backtick lines, and line breaks around a mid-line paste', () => {
    const out = formatPastedEvidence(outputOnly('sockstat.txt') + '\n```', T);
    assert.ok(out?.text.startsWith('````text\n'));
    assert.ok(out?.text.endsWith('\n````'));
    const mid = formatPastedEvidence(outputOnly('sockstat.txt'), T, { atLineStart: false, restOfLineEmpty: false });
    assert.ok(mid?.text.startsWith('\n```text\n'));
    assert.ok(mid?.text.endsWith('```\n'));
  });

  it('CRLF pastes come out with one line ending style, blank edges trimmed', () => {
    const out = formatPastedEvidence('\r\n' + outputOnly('sockstat.txt').replace(/\n/g, '\r\n') + '\r\n\r\n', T);
    assert.ok(out);
    assert.ok(!out.text.includes('\r'));
    assert.ok(!out.text.includes('\n\n'));
  });

  it('the note reads the pasted block back: same counts, and a timeline point at the pasting time', () => {
    const a = formatPastedEvidence(outputOnly('sockstat.txt'), '2026-12-04T16:00:00+08:00');
    const b = formatPastedEvidence(outputOnly('sockstat.txt').replace(/orphan \d+/, 'orphan 70000'), '2026-12-04T16:10:00+08:00');
    assert.ok(a && b);
    const model = analyzeNote(`# Incident\n\n${a.text}\n\nLater:\n\n${b.text}\n`);
    assert.equal(model.evidence.length, 2);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2026-12-04T16:00:00+08:00', '2026-12-04T16:10:00+08:00']);
    assert.equal(points[1]?.orphan, 70000);
    const ss = formatPastedEvidence(fixture('ss-tan.txt'), T);
    assert.ok(ss);
    const m2 = analyzeNote(`# n\n\n${ss.text}\n`);
    const direct = analyzeNote('# n\n\n```\n' + fixture('ss-tan.txt') + '\n```\n');
    assert.deepEqual(m2.evidence[0]?.counts, direct.evidence[0]?.counts, 'the comment line changes nothing');
  });
});
