/**
 * Causes judged at the sample where their condition held (audit c H3, M1, M2). A before/after note — the incident,
 * the fix, a later sample under the fix — keeps the incident's cause, said in the past with its numbers and what
 * changed after; the Limits show the earlier limit beside the latest. A counter total read once is history since
 * boot; a kernel log line of orphan resets says the count was higher when it was printed. Notes from the audit
 * (test/fixtures/report/before-after-*.md, healthy-history-counters.md, dmesg-orphans-below-quarter.md), from the
 * core and through the built CLI, English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { cliOut } from '../support/cli';
import { blockConnectionSummary } from '../../src/core/report/summaries';

const file = (name: string): string => join(fixtureDir('report'), name);
const text = (name: string): string => readFileSync(file(name), 'utf8');
const report = (note: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(note), { file: 'n.md', lang }).json;
const cause = (note: string, rule: string, lang: 'en' | 'zh-cn' = 'en') => report(note, lang).causes.find((c) => c.rule === rule);
const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');

describe('local port exhaustion at the sample where it held (audit c H3, n03)', () => {
  const note = text('before-after-ports.md');

  it('the 16:21 sample under the old settings fires; the later, larger count under tcp_tw_reuse = 1 is said as no longer short', () => {
    const c = cause(note, 'local-port-exhaustion');
    assert.ok(c, JSON.stringify(report(note).causes));
    assert.match(c.message, /28,410 sockets in TIME-WAIT \(line 35\) against the 28,232 ports of ip_local_port_range 32768–60999; set to 15000 64999 later in the note\./);
    assert.match(c.message, /\(tcp_tw_reuse = 2; set to 1 later in the note\)/);
    assert.match(c.message, /"Cannot assign requested address" \(line 7\)/);
    assert.match(c.message, / Since the change, the latest sample \(line 73\) shows 31,207 in TIME-WAIT against 50,000 ports, with tcp_tw_reuse = 1: no longer short of ports\.$/);
    const z = cause(note, 'local-port-exhaustion', 'zh-cn');
    assert.match(z?.message ?? '', /改动之后，最近的采样（第 73 行）有 31,207 个 TIME-WAIT，端口共 50,000 个，tcp_tw_reuse = 1：端口已不再紧张。/);
  });

  it('a later sample still short under the same settings: the cause, without "since the change"; the fix before any sample: nothing', () => {
    const still = note.replace('sysctl -w net.ipv4.tcp_tw_reuse=1\nnet.ipv4.tcp_tw_reuse = 1\n', 'true\n').replace('sysctl -w net.ipv4.ip_local_port_range="15000 64999"\nnet.ipv4.ip_local_port_range = 15000 64999\n', 'true\n');
    const c = cause(still, 'local-port-exhaustion');
    assert.match(c?.message ?? '', /31,207 sockets in TIME-WAIT \(line 7\d\)/, 'the peak under the same settings');
    assert.doesNotMatch(c?.message ?? '', /Since the change/);
    // Every sample under tcp_tw_reuse = 1: never short.
    const fixedFirst = [
      'connect(): `Cannot assign requested address` last week.',
      fence('$ sysctl net.ipv4.tcp_tw_reuse net.ipv4.ip_local_port_range', 'net.ipv4.tcp_tw_reuse = 1', 'net.ipv4.ip_local_port_range = 32768 60999'),
      '## 16:21',
      fence('$ ss -Htan state time-wait | wc -l', '28410', '$ ss -tan state time-wait | head -n 4', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', '0 0 10.40.1.33:60412 10.40.2.15:3306', '0 0 10.40.1.33:33170 10.40.2.15:3306', '0 0 10.40.1.33:47702 10.40.2.15:3306'),
    ].join('\n');
    assert.equal(cause(fixedFirst, 'local-port-exhaustion'), undefined);
  });
});

describe('the TIME-WAIT table full at an earlier sample (audit c H3, n13)', () => {
  const note = text('before-after-tw-table.md');

  it('tw 5,000 of 5,000 at 11:05 fires in the past, with the change and the latest sample', () => {
    const c = cause(note, 'time-wait-table-full');
    assert.ok(c, JSON.stringify(report(note).causes));
    assert.match(c.message, /the TIME-WAIT table was full at 11:05:20 \(line 19\): tw 5,000 of tcp_max_tw_buckets 5,000; /);
    assert.match(c.message, /TcpExtTCPTimeWaitOverflow rose from 91,022,830 to 91,071,205 between readings/);
    assert.match(c.message, /tcp_max_tw_buckets set to 65,536 at 11:20:02 \(line 46\)/);
    assert.match(c.message, /the latest sample, 11:25:10 \(line 48\), shows tw 48,210 of 65,536 \(74 %\)/);
    assert.doesNotMatch(c.message, /table is full/);
    const z = cause(note, 'time-wait-table-full', 'zh-cn');
    assert.match(z?.message ?? '', /TIME-WAIT 表曾经满过/);
    assert.match(z?.message ?? '', /tcp_max_tw_buckets 于 11:20:02（第 46 行）设为 65,536/);
  });

  it('the latest sample near the raised limit (95 %), not at it: the earlier full table, in the past', () => {
    const note = [
      '## 11:05',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 2980 orphan 12 tw 5000 alloc 2991 mem 410', '$ sysctl net.ipv4.tcp_max_tw_buckets', 'net.ipv4.tcp_max_tw_buckets = 5000'),
      '## 11:20',
      fence('$ sysctl -w net.ipv4.tcp_max_tw_buckets=10000', 'net.ipv4.tcp_max_tw_buckets = 10000', '$ cat /proc/net/sockstat', 'TCP: inuse 2980 orphan 12 tw 9500 alloc 2991 mem 410'),
    ].join('\n');
    assert.match(cause(note, 'time-wait-table-full')?.message ?? '', /was full at 11:05:00 \(line 4\): tw 5,000 of tcp_max_tw_buckets 5,000\. Since then: tcp_max_tw_buckets set to 10,000 at 11:20:00 \(line 12\); the latest sample, 11:20:00 \(line 14\), shows tw 9,500 of 10,000 \(95 %\)\./);
  });

  it('the log line alone while every sample has room stays history (no cause), as before', () => {
    const roomy = [
      fence('$ dmesg | tail -n 1', '[8812331.203311] TCP: time wait bucket table overflow'),
      '## 11:05',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 2980 orphan 12 tw 4000 alloc 2991 mem 410', '$ sysctl net.ipv4.tcp_max_tw_buckets', 'net.ipv4.tcp_max_tw_buckets = 262144'),
    ].join('\n');
    assert.equal(cause(roomy, 'time-wait-table-full'), undefined);
  });
});

describe('the orphan limit over at an earlier sample, and the earlier limit shown (audit c H3, n04)', () => {
  const note = text('before-after-orphan-limit.md');

  it('the cause: at 10:31 orphan 8,530 over 8,192; raised to 65,536; 14 % at the latest sample', () => {
    const c = cause(note, 'orphan-limit-pressure');
    assert.ok(c, JSON.stringify(report(note).causes));
    assert.match(c.message, /^Orphans were over the kernel limit at 10:31:02 \(line 24\): orphan 8,530 of tcp_max_orphans 8,192 \(104 %\), over the limit\./);
    assert.match(c.message, /tcp_max_orphans set to 65,536 at 10:40:20 \(line 81\)/);
    assert.match(c.message, /the latest sample, 10:45:03 \(line 85\), shows orphan 8,902 of 65,536 \(14 %\)/);
    const z = cause(note, 'orphan-limit-pressure', 'zh-cn');
    assert.match(z?.message ?? '', /^孤儿曾超过内核上限：10:31:02（第 24 行）时 orphan 8,530，占 tcp_max_orphans 8,192 的 104 %，超过上限。/);
    assert.match(z?.message ?? '', /10:45:03（第 85 行）的最近一次采样为 orphan 8,902，上限 65,536（14 %）。/);
    assert.match(z?.message ?? '', /tcp_max_orphans 于 10:40:20（第 81 行）设为 65,536/);
  });

  it('the Limits: the earlier limit and the sample that met it, beside the latest', () => {
    const j = report(note);
    assert.deepEqual(j.limits.earlier.tcpMaxOrphans, { line: 23, time: '10:31:02', value: 8192, count: 8530, ratio: 1.0413 });
    assert.equal(j.limits.earlier.tcpMaxTwBuckets, null);
    const md = cliOut(['report', file('before-after-orphan-limit.md')]);
    assert.match(md, /- orphan 8,902 of tcp_max_orphans 65,536 \(14 %; ¼ = 16,384, ½ = 32,768\); earlier tcp_max_orphans 8,192: orphan 8,530 \(104 %\) at 10:31:02 \(line 24\)/);
    const zh = cliOut(['report', file('before-after-orphan-limit.md'), '--lang', 'zh-cn']);
    assert.match(zh, /；此前 tcp_max_orphans 为 8,192：orphan 8,530（104 %），10:31:02（第 24 行）/);
  });

  it('a limit that never changed: no earlier value; orphans that were never near it: no cause', () => {
    const calm = [
      '## 10:00',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 900 orphan 300 tw 50 alloc 900 mem 100', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 8192'),
      '## 10:20',
      fence('$ sysctl -w net.ipv4.tcp_max_orphans=65536', 'net.ipv4.tcp_max_orphans = 65536', '$ cat /proc/net/sockstat', 'TCP: inuse 900 orphan 310 tw 50 alloc 900 mem 100'),
    ].join('\n');
    const j = report(calm);
    assert.equal(j.causes.find((c) => c.rule === 'orphan-limit-pressure'), undefined);
    assert.equal(j.limits.earlier.tcpMaxOrphans?.value, 8192, 'the earlier limit is shown, below ¼ then');
    const same = report(calm.replace('sysctl -w net.ipv4.tcp_max_orphans=65536', 'true').replace('net.ipv4.tcp_max_orphans = 65536', ''));
    assert.equal(same.limits.earlier.tcpMaxOrphans, null);
  });
});

describe('TcpExtTCPAbortOnMemory read once is history since boot (audit c M1)', () => {
  it('the healthy note: "since boot", not "is resetting"', () => {
    const j = report(text('healthy-history-counters.md'));
    assert.equal(j.causes.find((c) => c.rule === 'orphans-reset-by-kernel'), undefined, JSON.stringify(j.causes));
    const h = j.causes.find((c) => c.rule === 'orphan-resets-since-boot');
    assert.ok(h);
    assert.match(h.message, /^TcpExtTCPAbortOnMemory = 3 since boot, in one reading/);
    assert.doesNotMatch(h.message, /is resetting/);
    const z = report(text('healthy-history-counters.md'), 'zh-cn').causes.find((c) => c.rule === 'orphan-resets-since-boot');
    assert.match(z?.message ?? '', /^TcpExtTCPAbortOnMemory = 3 是开机以来的累计（只读了一次）/);
  });

  it('one reading with orphans at ¼ of the limit now: still history, with the pressure said as making resets possible (audit s17)', () => {
    const pressed = [
      '## 10:00',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 30000 orphan 20000 tw 50 alloc 30000 mem 100', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536', '$ nstat -az TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnMemory 12 0.0'),
    ].join('\n');
    assert.equal(cause(pressed, 'orphans-reset-by-kernel'), undefined);
    const c = cause(pressed, 'orphan-resets-since-boot');
    assert.match(c?.message ?? '', /^TcpExtTCPAbortOnMemory = 12 since boot, in one reading/);
    assert.match(c?.message ?? '', /resets may be going on now, but one reading cannot tell/);
  });
});

describe('"TCP: too many orphaned sockets" with the sample below ¼ (audit c M2)', () => {
  it('the log line says orphans were reset when it was printed, and that the count was higher then', () => {
    const note = text('dmesg-orphans-below-quarter.md');
    const c = cause(note, 'orphans-reset-by-kernel');
    assert.ok(c, JSON.stringify(report(note).causes));
    assert.match(c.message, /"TCP: too many orphaned sockets" \(line 11\)/);
    assert.match(c.message, /orphan 5,000 of tcp_max_orphans 65,536 \(7\.6 %\)/);
    assert.match(c.message, /the orphan count was higher when it was printed, or the limit lower/);
    assert.doesNotMatch(c.message, /is resetting/);
    const z = cause(note, 'orphans-reset-by-kernel', 'zh-cn');
    assert.match(z?.message ?? '', /打印它时孤儿数比这次采样时多，或当时的上限更低/);
  });
});

describe('TCP memory over tcp_mem[2] at an earlier sample (the rule H3 states, for tcp-memory-limit)', () => {
  const before = [
    '## 10:00',
    fence('$ dmesg | tail -1', '[3302211.120034] TCP: out of memory -- consider tuning tcp_mem', '$ sysctl net.ipv4.tcp_mem', 'net.ipv4.tcp_mem = 188319\t251092\t376638', '$ cat /proc/net/sockstat', 'TCP: inuse 66171 orphan 1920 tw 1840 alloc 66900 mem 380112'),
    '## 10:10',
    fence('$ sudo sysctl -w net.ipv4.tcp_mem="376638 502184 753276"', 'net.ipv4.tcp_mem = 376638 502184 753276'),
  ];
  const after = ['## 10:15', fence('$ cat /proc/net/sockstat', 'TCP: inuse 66171 orphan 1920 tw 1840 alloc 66900 mem 390000')];

  it('fires in the past with the change and the latest sample; the log line is said once, by this cause', () => {
    const j = report([...before, ...after].join('\n'));
    assert.deepEqual(j.causes.map((c) => c.rule), ['tcp-memory-limit']);
    const m = j.causes[0]?.message ?? '';
    assert.match(m, /^Likely cause: TCP was out of memory \(over tcp_mem\[2\]\) at 10:00:00 \(line 8\): mem 380,112 pages, tcp_mem\[1\] 251,092, tcp_mem\[2\] 376,638 \(101 % of tcp_mem\[2\]\)\./);
    assert.match(m, /Since then: tcp_mem set to 376,638 502,184 753,276 at 10:10:00 \(line 14\); the latest sample, 10:15:00 \(line 20\), shows mem 390,000 pages of tcp_mem\[2\] 753,276 \(52 %\)\./);
    assert.match(m, /"TCP: out of memory -- consider tuning tcp_mem"/);
    const z = report([...before, ...after].join('\n'), 'zh-cn').causes[0]?.message ?? '';
    assert.match(z, /^可能原因：10:00:00（第 8 行）时 TCP 内存耗尽（超过 tcp_mem\[2\]）：mem 380,112 页/);
    assert.equal(report(before.join('\n')).causes[0]?.message.startsWith('Likely cause: TCP is out of memory.'), true, 'no later sample: as before');
  });
});

describe('the code lens names a cause judged at an earlier sample in the past', () => {
  it('TIME-WAIT listing in the n13 note: "the TIME-WAIT table was full"', () => {
    const note = [
      text('before-after-tw-table.md'),
      fence('[root@pay-gw-02 11:25:40]# ss -tano state time-wait | head -3', 'Recv-Q Send-Q Local Address:Port Peer Address:Port Process', '0 0 10.0.0.1:443 198.51.100.7:50110 timer:(timewait,42sec,0)', '0 0 10.0.0.1:443 198.51.100.8:41002 timer:(timewait,13sec,0)'),
    ].join('\n');
    const model = analyzeNote(note);
    const block = model.evidence[model.evidence.length - 1];
    assert.ok(block);
    const en = blockConnectionSummary(model, block, 'en');
    assert.match(en?.title ?? '', /the TIME-WAIT table was full$/);
    assert.match(blockConnectionSummary(model, block, 'zh-cn')?.title ?? '', /TIME-WAIT 表曾经满过$/);
  });
});
