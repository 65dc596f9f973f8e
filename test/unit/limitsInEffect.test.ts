/**
 * The limits a sample is compared with are the values in effect at that sample (audit s10 #1): the last value
 * at or before it (in time when both are timed, else in note order; one pasted block is one moment), else a
 * value read after it (said so); a value set after it (`sysctl -w`, `sysctl -p`, a config file) — the fix —
 * is never applied backwards, and a different later value is reported beside it. TCP memory over tcp_mem[1] /
 * tcp_mem[2] is a likely cause and the Limits line says its level (audit s10 #10); the orphan cause's heading
 * says near / at / over (J7). From the core, and through the built CLI in English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { timelineOf } from '../../src/core/report/timeline';
import { limitsOf, type Limits } from '../../src/core/report/limits';
import { valueInEffect } from '../../src/core/report/inEffect';
import { parseCommand } from '../../src/core/evidence/command';
import { parseEvidence } from '../../src/core/evidence/parse';
import { explainMention } from '../../src/core/explain';
import { pressureAt } from '../../src/core/report/pressureAt';
import { cliOut } from '../support/cli';

const limits = (text: string): Limits => {
  const model = analyzeNote(text);
  return limitsOf(model, timelineOf(model));
};
const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const SOCKSTAT = 'TCP: inuse 25102 orphan 16402 tw 4988 alloc 27300 mem 131002';
const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });

const cli = (...args: string[]): string => cliOut(args);

describe('which command lines set sysctls rather than read them', () => {
  it('sysctl -w / -p / --system / key=value, echo or tee into /proc/sys, and sysctl config files set; plain reads do not', () => {
    for (const c of [
      'sysctl -w net.ipv4.tcp_max_orphans=262144',
      'sudo sysctl -p',
      'sysctl -p /etc/sysctl.d/90-tcp.conf',
      'sysctl --system',
      'sysctl -q -w net.ipv4.tcp_mem="1 2 3"',
      'sysctl net.ipv4.tcp_max_orphans=262144',
      'echo 262144 > /proc/sys/net/ipv4/tcp_max_orphans',
      'echo 262144 >/proc/sys/net/ipv4/tcp_max_orphans',
      'echo 262144 | sudo tee /proc/sys/net/ipv4/tcp_max_orphans',
      'cat /etc/sysctl.conf',
      'grep tcp /etc/sysctl.d/99-sysctl.conf',
      'echo "net.ipv4.tcp_max_orphans = 262144" >> /etc/sysctl.conf && sysctl -p',
    ]) {
      assert.equal(parseCommand(c).setsSysctls, true, c);
    }
    for (const c of [
      'sysctl net.ipv4.tcp_max_orphans',
      'sysctl -a | grep orphan',
      'sysctl -n net.ipv4.tcp_mem',
      'cat /proc/sys/net/ipv4/tcp_max_orphans',
      'cat /proc/net/sockstat',
      'ss -s',
      'grep -r orphan /proc/sys/net/ipv4/',
    ]) {
      assert.equal(parseCommand(c).setsSysctls, false, c);
    }
  });

  it('a sysctl segment after a setting command is marked as set; one after a read is not', () => {
    const set = parseEvidence('$ sysctl -w net.ipv4.tcp_max_orphans=262144\nnet.ipv4.tcp_max_orphans = 262144\n');
    assert.deepEqual(set.map((s) => [s.kind, s.set]), [['sysctl', true]]);
    const read = parseEvidence('$ sysctl net.ipv4.tcp_max_orphans\nnet.ipv4.tcp_max_orphans = 16384\n');
    assert.deepEqual(read.map((s) => [s.kind, s.set]), [['sysctl', undefined]]);
    const bare = parseEvidence('net.ipv4.tcp_max_orphans = 16384\n');
    assert.deepEqual(bare.map((s) => [s.kind, s.set]), [['sysctl', undefined]], 'no command: a reading');
  });
});

describe('the value in effect at a sample (valueInEffect)', () => {
  const v = (value: string, line: number, o: { minutes?: number; set?: boolean; block?: number } = {}) => ({ value, line, minutes: o.minutes, set: o.set ?? false, block: o.block ?? line });
  const at = (line: number, o: { minutes?: number; block?: number } = {}) => ({ line, minutes: o.minutes, block: o.block ?? line });

  it('the last value at or before the sample; a different later value is reported', () => {
    assert.deepEqual(valueInEffect([v('8192', 1), v('16384', 3), v('262144', 9, { set: true })], at(5)), { value: '16384', after: false, later: '262144' });
    assert.deepEqual(valueInEffect([v('16384', 3), v('16384', 9)], at(5)), { value: '16384', after: false }, 'the same value later is no change');
    assert.deepEqual(valueInEffect([v('16384', 3), v('16384  ', 9)], at(5)), { value: '16384', after: false });
    assert.deepEqual(valueInEffect([v('1 2 3', 3), v('1\t2   3', 9)], at(5)), { value: '1 2 3', after: false }, 'tcp_mem: blanks are blanks');
  });

  it('none before: the first value read after it, said so; a value set after it is never applied backwards', () => {
    assert.deepEqual(valueInEffect([v('16384', 7), v('262144', 9, { set: true })], at(5)), { value: '16384', after: true, later: '262144' });
    assert.deepEqual(valueInEffect([v('262144', 9, { set: true })], at(5)), { after: false, later: '262144' });
    assert.equal(valueInEffect([], at(5)), undefined);
    // A reading after a setting shows the setting, not what the sample met: nothing is known at the sample.
    assert.deepEqual(valueInEffect([v('262144', 7, { set: true }), v('262144', 9)], at(5)), { after: false, later: '262144' });
    assert.deepEqual(valueInEffect([v('16384', 6), v('262144', 7, { set: true }), v('262144', 9)], at(5)), { value: '16384', after: true, later: '262144' });
  });

  it('one pasted block is one moment: a value read in the sample\'s own block, after its line, is in effect (not "after")', () => {
    assert.deepEqual(valueInEffect([v('16384', 7, { block: 4 })], at(5, { block: 4 })), { value: '16384', after: false });
    // …but a value set in that block after the sample is the change, not the value the sample met.
    assert.deepEqual(valueInEffect([v('262144', 7, { block: 4, set: true })], at(5, { block: 4 })), { after: false, later: '262144' });
    assert.deepEqual(valueInEffect([v('16384', 2, { block: 1 }), v('262144', 7, { block: 4, set: true })], at(5, { block: 4 })), { value: '16384', after: false, later: '262144' });
  });

  it("in the note's one order: by time, an untimed value at the latest time above it (placeOf), then by line", () => {
    // The 09:00 reading is pasted after the 10:00 sample, the 10:30 one before it.
    assert.deepEqual(valueInEffect([v('262144', 1, { minutes: 630 }), v('16384', 9, { minutes: 540 })], at(5, { minutes: 600 })), { value: '16384', after: false, later: '262144' });
    // An untimed value above every time stands before them; one below the 10:00 sample stands at 10:00, after it.
    assert.deepEqual(valueInEffect([v('262144', 1, { minutes: -Infinity }), v('16384', 9, { minutes: 540 })], at(5, { minutes: 600 })), { value: '16384', after: false });
    assert.deepEqual(valueInEffect([v('16384', 1, { minutes: -Infinity }), v('262144', 9, { minutes: 600 })], at(5, { minutes: 600 })), { value: '16384', after: false, later: '262144' });
  });

  it('a note: an untimed reading below a 12:00 one stands at 12:00, after an 11:00 sample pasted below both (one order, audit s10)', () => {
    const fence = '```';
    const text = [
      `${fence}\n[2025-03-04 12:00:00] $ sysctl net.ipv4.tcp_max_orphans\nnet.ipv4.tcp_max_orphans = 262144\n${fence}\n`,
      `${fence}\n$ sysctl net.ipv4.tcp_max_orphans\nnet.ipv4.tcp_max_orphans = 4096\n${fence}\n`,
      `${fence}\n[2025-03-04 11:00:00] $ cat /proc/net/sockstat\nTCP: inuse 1 orphan 20 tw 1 alloc 1 mem 1\n${fence}\n`,
    ].join('\n');
    const model = analyzeNote(text);
    const limits = limitsOf(model, timelineOf(model));
    assert.equal(limits.orphan, 20);
    // Pairwise (an untimed value by note order) put the 4096 reading before the sample and in effect; on the one
    // axis both readings are after it, and the first of them (12:00) describes it.
    assert.equal(limits.tcpMaxOrphans, 262144);
    assert.equal(limits.readAfterSample.tcpMaxOrphans, true);
    assert.equal(limits.laterInNote.tcpMaxOrphans, 4096);
  });
});

describe('limits compare the sample with the value in effect then (audit s10 #1)', () => {
  it('a fix applied later (sysctl -p printing the new value) does not change the sample\'s limit', () => {
    const l = limits([fence('# cat /proc/net/sockstat', SOCKSTAT, '# sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384'), '## 处理', '', fence('# echo "net.ipv4.tcp_max_orphans = 262144" >> /etc/sysctl.conf', '# sysctl -p', 'net.ipv4.tcp_max_orphans = 262144')].join('\n'));
    assert.deepEqual([l.orphan, l.tcpMaxOrphans, l.orphanLevel, l.orphanRatio], [16402, 16384, 'over', 1.0011]);
    assert.deepEqual(l.readAfterSample, { tcpMaxOrphans: false, tcpMaxTwBuckets: false, tcpMem: false });
    assert.deepEqual(l.laterInNote, { tcpMaxOrphans: 262144, tcpMaxTwBuckets: null, tcpMem: null });
  });

  it('a planned change in a bare block after the sample: the value read before the sample stays (audit rep/cfg.md)', () => {
    const l = limits([fence('# sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384', '# cat /proc/net/sockstat', SOCKSTAT), '## 处理方案（待评审）', '', fence('net.ipv4.tcp_max_orphans = 262144')].join('\n'));
    assert.deepEqual([l.tcpMaxOrphans, l.orphanLevel, l.laterInNote.tcpMaxOrphans], [16384, 'over', 262144]);
  });

  it('an old configuration before the reading: the reading at the sample wins (audit rep/cfg2.md)', () => {
    const l = limits([fence('net.ipv4.tcp_max_orphans = 262144'), fence('# sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384', '# cat /proc/net/sockstat', SOCKSTAT)].join('\n'));
    assert.deepEqual([l.tcpMaxOrphans, l.orphanLevel, l.laterInNote.tcpMaxOrphans], [16384, 'over', null]);
  });

  it('only the fix after the sample: no limit at the sample, the later value reported', () => {
    const l = limits([fence('$ cat /proc/net/sockstat', SOCKSTAT), fence('$ sysctl -w net.ipv4.tcp_max_orphans=262144', 'net.ipv4.tcp_max_orphans = 262144')].join('\n'));
    assert.deepEqual([l.orphan, l.tcpMaxOrphans, l.orphanLevel, l.orphanRatio], [16402, null, 'unknown', null]);
    assert.equal(l.laterInNote.tcpMaxOrphans, 262144);
  });

  it('only a reading after the sample (the common "parameters" section at the end): used, and said so', () => {
    const l = limits([fence('$ cat /proc/net/sockstat', SOCKSTAT), '## 参数', '', fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384')].join('\n'));
    assert.deepEqual([l.tcpMaxOrphans, l.orphanLevel, l.readAfterSample.tcpMaxOrphans, l.laterInNote.tcpMaxOrphans], [16384, 'over', true, null]);
  });

  it('in time: a reading pasted after the sample but timed before it is in effect; one timed after it is later', () => {
    const l = limits(['## 10:30 after the fix', '', fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 262144'), '## 10:00 incident', '', fence('$ cat /proc/net/sockstat', SOCKSTAT), '## 09:00 baseline', '', fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384')].join('\n'));
    assert.deepEqual([l.tcpMaxOrphans, l.orphanLevel, l.readAfterSample.tcpMaxOrphans, l.laterInNote.tcpMaxOrphans], [16384, 'over', false, 262144]);
  });

  it('the same rule for tcp_mem and tcp_max_tw_buckets', () => {
    const l = limits([
      fence('$ sysctl net.ipv4.tcp_mem net.ipv4.tcp_max_tw_buckets', 'net.ipv4.tcp_mem = 188319\t251092\t376638', 'net.ipv4.tcp_max_tw_buckets = 5000', '$ cat /proc/net/sockstat', 'TCP: inuse 66171 orphan 1920 tw 5000 alloc 66900 mem 380112'),
      fence('$ sysctl -w net.ipv4.tcp_mem="376638 502184 753276" net.ipv4.tcp_max_tw_buckets=200000', 'net.ipv4.tcp_mem = 376638 502184 753276', 'net.ipv4.tcp_max_tw_buckets = 200000'),
    ].join('\n'));
    assert.deepEqual([l.tcpMem, l.memLevel, l.tcpMaxTwBuckets, l.twRatio], [[188319, 251092, 376638], 'over', 5000, 1]);
    assert.deepEqual(l.laterInNote, { tcpMaxOrphans: null, tcpMaxTwBuckets: 200000, tcpMem: [376638, 502184, 753276] });
  });

  it('no sample: the last value in the note, as before', () => {
    const l = limits([fence('net.ipv4.tcp_max_orphans = 16384'), fence('net.ipv4.tcp_max_orphans = 262144')].join('\n'));
    assert.deepEqual([l.orphan, l.tcpMaxOrphans, l.laterInNote.tcpMaxOrphans], [null, 262144, null]);
  });

  it('the cause rules read tcp_orphan_retries in effect at the listing: a later sysctl -w is not its budget', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `0      1      10.0.0.1:443      198.51.100.${i + 1}:5000  timer:(on,12sec,3)`);
    const listing = fence('$ ss -tno state fin-wait-1', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows);
    const fix = fence('$ sysctl -w net.ipv4.tcp_orphan_retries=3', 'net.ipv4.tcp_orphan_retries = 3');
    const read = fence('$ sysctl net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_orphan_retries = 3');
    assert.deepEqual(report([listing, fix].join('\n')).json.causes.map((c) => c.rule), [], '3 retransmissions are far from the default budget of 8');
    const before = report([read, listing].join('\n')).json.causes;
    assert.deepEqual(before.map((c) => c.rule), ['orphan-retransmits-unanswered']);
    assert.match(before[0]?.message ?? '', /budget of 3 for orphans \(tcp_orphan_retries 3\)/);
    const after = report([listing, read].join('\n')).json.causes;
    assert.match(after[0]?.message ?? '', /\(tcp_orphan_retries 3, read later in the note\)/);
    assert.match(report([listing, read].join('\n'), 'zh-cn').json.causes[0]?.message ?? '', /tcp_orphan_retries 3，取自笔记后文/);
  });
});

describe('TCP memory over tcp_mem[1] / tcp_mem[2] (audit s10 #10)', () => {
  const memNote = (mem: number, tcpMem = '188319 251092 376638'): string => fence(`$ sysctl net.ipv4.tcp_mem`, `net.ipv4.tcp_mem = ${tcpMem}`, '$ cat /proc/net/sockstat', `TCP: inuse 66171 orphan 1920 tw 1840 alloc 66900 mem ${mem}`);

  it('over tcp_mem[2]: a likely cause, the hard limit, with the kernel log line when the note shows it', () => {
    const r = report(memNote(380112));
    assert.deepEqual(r.json.causes.map((c) => [c.state, c.rule]), [[null, 'tcp-memory-limit']]);
    const m = r.json.causes[0]?.message ?? '';
    assert.match(m, /^Likely cause: TCP is out of memory\. mem 380,112 pages is over the hard limit tcp_mem\[2\] 376,638 \(101 %\)/);
    assert.match(m, /incoming data is dropped/);
    assert.doesNotMatch(m, /The kernel log in the note/, 'no log line in this note');
    assert.match(r.json.causes[0]?.source ?? '', /^https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/core\/sock\.c$/);
    const logged = report(['```', '$ dmesg | tail -1', '[3302211.120034] TCP: out of memory -- consider tuning tcp_mem', '```', '', memNote(380112)].join('\n'));
    assert.match(logged.json.causes[0]?.message ?? '', /The kernel log in the note has "TCP: out of memory -- consider tuning tcp_mem"/);
    const zh = report(memNote(380112), 'zh-cn').json.causes[0]?.message ?? '';
    assert.match(zh, /^可能原因：TCP 内存耗尽。mem 380,112 页，已超过硬上限 tcp_mem\[2\] 376,638（101 %）/);
  });

  it('over tcp_mem[1]: memory pressure, with the minutes to the hard limit when the samples grow; below: nothing', () => {
    const two = ['## 2024-03-05 02:10', '', memNote(140000, '94000 125351 188000'), '## 2024-03-05 02:20', '', memNote(160000, '94000 125351 188000')].join('\n');
    const r = report(two);
    assert.deepEqual(r.json.causes.map((c) => c.rule), ['tcp-memory-limit']);
    const m = r.json.causes[0]?.message ?? '';
    assert.match(m, /^Likely cause: TCP is under memory pressure\. mem 160,000 pages is above tcp_mem\[1\] 125,351 \(85 % of tcp_mem\[2\] 188,000\)/);
    assert.match(m, /Growing 2,000 pages a minute: tcp_mem\[2\] in 14 min\./);
    assert.match(report(two, 'zh-cn').json.causes[0]?.message ?? '', /可能原因：TCP 处于内存压力。/);
    assert.deepEqual(report(memNote(100000, '94000 125351 188000')).json.causes, []);
    assert.deepEqual(report(fence('TCP: inuse 1 orphan 1 tw 1 alloc 1 mem 999999999')).json.causes, [], 'no tcp_mem in the note');
  });

  it('the Markdown Limits line says the level, in both languages', () => {
    const line = (text: string, lang: 'en' | 'zh-cn'): string => reportMarkdown(report(text, lang), lang).split('\n').find((l) => l.startsWith('- mem ')) ?? '';
    assert.match(line(memNote(380112), 'en'), /^- mem 380,112 pages of tcp_mem\[2\] 376,638 \(101 %\): over the hard limit tcp_mem\[2\]$/);
    assert.match(line(memNote(300000), 'en'), /: under memory pressure \(above tcp_mem\[1\] 251,092\)$/);
    assert.match(line(memNote(200000), 'en'), /: below the pressure threshold tcp_mem\[1\] 251,092$/);
    assert.match(line(memNote(380112), 'zh-cn'), /^- mem 380,112 页，tcp_mem\[2\] 376,638（101 %）：已超过硬上限 tcp_mem\[2\]$/);
    assert.match(line(memNote(300000), 'zh-cn'), /：处于内存压力（超过 tcp_mem\[1\] 251,092）$/);
    assert.match(line(memNote(200000), 'zh-cn'), /：低于内存压力阈值 tcp_mem\[1\] 251,092$/);
  });
});

describe('the orphan cause\'s heading says near, at or over (J7)', () => {
  const heading = (orphan: number, lang: 'en' | 'zh-cn' = 'en'): string => {
    const text = fence('net.ipv4.tcp_max_orphans = 16384', `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`);
    return report(text, lang).json.causes.find((c) => c.rule === 'orphan-limit-pressure')?.message.split(/[:：]/)[0] ?? '';
  };
  it('over / at / near in English and Chinese', () => {
    assert.equal(heading(16402), 'Orphans over the kernel limit');
    assert.equal(heading(16384), 'Orphans at the kernel limit');
    assert.equal(heading(9000), 'Orphans near a kernel limit');
    assert.equal(heading(16402, 'zh-cn'), '孤儿已超过内核上限');
    assert.equal(heading(16384, 'zh-cn'), '孤儿已达到内核上限');
    assert.equal(heading(9000, 'zh-cn'), '孤儿接近内核上限');
  });
});

describe('through the built CLI', () => {
  const RAISED = join(fixtureDir('report'), 'limit-raised-later.md');
  const MEM = join(fixtureDir('report'), 'tcp-mem-over.md');

  it('report --json: the limit in effect at the sample, the later value beside it, the causes back', () => {
    const j = JSON.parse(cli('report', RAISED, '--json')) as { limits: Limits; causes: { rule: string; message: string }[] };
    assert.deepEqual([j.limits.orphan, j.limits.tcpMaxOrphans, j.limits.orphanLevel, j.limits.orphanRatio], [16402, 16384, 'over', 1.0011]);
    assert.deepEqual(j.limits.laterInNote, { tcpMaxOrphans: 262144, tcpMaxTwBuckets: null, tcpMem: null });
    assert.deepEqual(j.limits.readAfterSample, { tcpMaxOrphans: false, tcpMaxTwBuckets: false, tcpMem: false });
    assert.deepEqual(j.causes.map((c) => c.rule), ['orphan-limit-pressure']);
    assert.match(j.causes[0]?.message ?? '', /^Orphans over the kernel limit: orphan 16,402 of tcp_max_orphans 16,384 \(100 %\), over the limit\./);
    const m = JSON.parse(cli('report', MEM, '--json', '--lang', 'zh-cn')) as { limits: Limits; causes: { rule: string; message: string }[] };
    assert.deepEqual([m.limits.memLevel, m.limits.tcpMem, m.limits.laterInNote.tcpMem], ['over', [188319, 251092, 376638], [376638, 502184, 753276]]);
    assert.deepEqual(m.causes.map((c) => c.rule), ['tcp-memory-limit']);
    assert.match(m.causes[0]?.message ?? '', /笔记中的内核日志有 "TCP: out of memory -- consider tuning tcp_mem"/);
  });

  it('report (Markdown), en and zh-cn: the Limits lines and the causes', () => {
    const en = cli('report', RAISED);
    assert.match(en, /\n- orphan 16,402 of tcp_max_orphans 16,384 \(100 %; ¼ = 4,096, ½ = 8,192\); tcp_max_orphans is 262,144 later in the note\n/);
    assert.match(en, /\n1\. \*\*host-wide\*\* — Orphans over the kernel limit: /);
    const zh = cli('report', RAISED, '--lang', 'zh-cn');
    assert.match(zh, /\n- orphan 16,402，占 tcp_max_orphans 16,384 的 100 %（¼ = 4,096，½ = 8,192）；笔记后文中 tcp_max_orphans 为 262,144\n/);
    assert.match(zh, /孤儿已超过内核上限：/);
    const mem = cli('report', MEM);
    assert.match(mem, /\n- mem 380,112 pages of tcp_mem\[2\] 376,638 \(101 %\): over the hard limit tcp_mem\[2\]; tcp_mem is 376,638 502,184 753,276 later in the note\n/);
    assert.match(mem, /Likely cause: TCP is out of memory\./);
    const memZh = cli('report', MEM, '--lang', 'zh-cn');
    assert.match(memZh, /\n- mem 380,112 页，tcp_mem\[2\] 376,638（101 %）：已超过硬上限 tcp_mem\[2\]；笔记后文中 tcp_mem 为 376,638 502,184 753,276\n/);
    assert.match(memZh, /可能原因：TCP 内存耗尽。/);
  });

  it('a limit read only after the sample is said so in the Markdown', () => {
    const l = limits([fence('$ cat /proc/net/sockstat', SOCKSTAT), fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384')].join('\n'));
    assert.equal(l.readAfterSample.tcpMaxOrphans, true);
    const md = reportMarkdown(report([fence('$ cat /proc/net/sockstat', SOCKSTAT), fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384')].join('\n')), 'en');
    assert.match(md, /\n- orphan 16,402 of tcp_max_orphans 16,384 \(100 %; ¼ = 4,096, ½ = 8,192; tcp_max_orphans read later in the note\)\n/);
    const zh = reportMarkdown(report([fence('$ cat /proc/net/sockstat', SOCKSTAT), fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384')].join('\n'), 'zh-cn'), 'zh-cn');
    assert.match(zh, /占 tcp_max_orphans 16,384 的 100 %（¼ = 4,096，½ = 8,192；tcp_max_orphans 取自笔记后文）\n/);
    const none = reportMarkdown(report([fence('$ cat /proc/net/sockstat', SOCKSTAT), fence('$ sysctl -w net.ipv4.tcp_max_orphans=262144', 'net.ipv4.tcp_max_orphans = 262144')].join('\n')), 'en');
    assert.match(none, /\n- orphan 16,402; tcp_max_orphans not known at this sample; tcp_max_orphans is 262,144 later in the note\n/);
  });
});

describe("the hover's orphan-pressure line: the limits in effect at its sample (one rule with the report)", () => {
  const hoverOn = (note: string, needle: string): string => {
    const model = analyzeNote(note);
    const at = note.indexOf(needle);
    const m = model.mentions.find((x) => x.start >= at && x.kind === 'state');
    assert.ok(m, needle);
    return explainMention(m, model, { lang: 'en' }) ?? '';
  };

  it('a fix pasted after the sample, nearest the cursor, is not the limit the sample met', () => {
    const note = [
      fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384'),
      fence('$ cat /proc/net/sockstat', SOCKSTAT),
      'Then we raised it:',
      fence('$ sysctl -w net.ipv4.tcp_max_orphans=262144', 'net.ipv4.tcp_max_orphans = 262144'),
      'FIN-WAIT-1 piled up before the change.',
    ].join('\n');
    assert.match(hoverOn(note, 'FIN-WAIT-1 piled'), /\*\*Orphan pressure \(sockstat at line 8\):\*\* over the limit: orphan 16,402 > tcp_max_orphans 16,384/);
    const model = analyzeNote(note);
    assert.equal(pressureAt(model, note.indexOf('FIN-WAIT-1 piled'))?.pressure.maxOrphans, report(note).json.limits.tcpMaxOrphans);
  });

  it('in time: a reading pasted last but timed before the sample is the one in effect, as in the report', () => {
    const note = [
      '## 10:00',
      fence('$ cat /proc/net/sockstat', SOCKSTAT),
      'LAST-ACK and FIN-WAIT-1 everywhere.',
      '## 11:00',
      fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 262144'),
      '## 09:55',
      fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 16384'),
    ].join('\n');
    const model = analyzeNote(note);
    const p = pressureAt(model, note.indexOf('LAST-ACK and'));
    assert.equal(p?.pressure.maxOrphans, 16384);
    assert.equal(p?.pressure.level, 'over');
    assert.equal(report(note).json.limits.tcpMaxOrphans, 16384);
    assert.match(hoverOn(note, 'LAST-ACK and'), /over the limit: orphan 16,402 > tcp_max_orphans 16,384/);
  });

  it('only a reading after the sample: it is used (nothing before it), as in the report', () => {
    const note = [fence('$ cat /proc/net/sockstat', SOCKSTAT), 'CLOSING here.', fence('$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536')].join('\n');
    assert.equal(pressureAt(analyzeNote(note), note.indexOf('CLOSING'))?.pressure.maxOrphans, 65536);
  });
});
