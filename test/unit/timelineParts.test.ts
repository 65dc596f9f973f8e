/**
 * A whole terminal session pasted into one block (audit c H1): each output under its own timed prompt (or its own
 * `date` output) is its own sample at that time, with its own numbers — not one sample with the first prompt's
 * time and the last output's numbers. A loop's `date +%T` output dates the output after it (audit c L2). A row
 * timed only by its section heading says so (audit c L1). Core, the workspace index and the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { timelineOf } from '../../src/core/report/timeline';
import { limitsOf, trendOf } from '../../src/core/report/limits';
import { noteCounts } from '../../src/core/report/currentCounts';
import { IdTable } from '../../src/core/workspace/names';
import { indexNote } from '../../src/core/workspace/note';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const fence = '```';
const block = (...lines: string[]): string => [fence, ...lines, fence, ''].join('\n');
const tcp = (orphan: number, tw = 3300): string => `TCP: inuse ${orphan + 100} orphan ${orphan} tw ${tw} alloc ${orphan + 140} mem ${orphan * 2}`;
const rows = (text: string): [string, number | null][] => timelineOf(analyzeNote(text)).map((p) => [p.time, p.orphan]);
const analysis = (text: string) => {
  const model = analyzeNote(text);
  const points = timelineOf(model);
  const limits = limitsOf(model, points);
  return { points, limits, trend: trendOf(points, limits) };
};
const AWK = "ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'";

/** /tmp/audit-c/repro-one-block-three-prompts.md */
const REPRO = [
  '# t',
  '',
  block(
    '[root@lb-9 00:05:01]# grep TCP: /proc/net/sockstat',
    'TCP: inuse 24010 orphan 20712 tw 3290 alloc 24050 mem 160110',
    '[root@lb-9 00:10:01]# grep TCP: /proc/net/sockstat',
    'TCP: inuse 12840 orphan 9533 tw 3315 alloc 12880 mem 81200',
    '[root@lb-9 00:20:02]# grep TCP: /proc/net/sockstat',
    'TCP: inuse 5220 orphan 1904 tw 3305 alloc 5260 mem 30210',
  ),
].join('\n');

/** After n09-before-after-midnight.md: a dated loop, then the change, then a session pasted whole. */
const MIDNIGHT = [
  '# lb-9',
  '',
  '## 2026-05-19 夜间变更',
  '',
  block(
    '[root@lb-9 ~]# sysctl net.ipv4.tcp_max_orphans',
    'net.ipv4.tcp_max_orphans = 65536',
    '[root@lb-9 ~]# while true; do date; grep TCP: /proc/net/sockstat; sleep 300; done',
    'Tue May 19 23:50:01 CST 2026',
    tcp(24690),
    'Tue May 19 23:55:01 CST 2026',
    tcp(25233),
  ),
  '## 变更后',
  '',
  block(
    '[root@lb-9 00:05:01]# grep TCP: /proc/net/sockstat',
    tcp(20712),
    '[root@lb-9 00:10:01]# grep TCP: /proc/net/sockstat',
    tcp(9533),
    '[root@lb-9 00:20:02]# grep TCP: /proc/net/sockstat',
    tcp(1904),
    '[root@lb-9 00:20:15]# ss -Htan state fin-wait-1 | wc -l',
    '1822',
  ),
].join('\n');

describe('one block, several timed prompts: one sample per prompt (audit c H1)', () => {
  it('the repro: three samples at their prompts\' times with their own numbers; the latest is the last', () => {
    assert.deepEqual(rows(REPRO), [['00:05:01', 20712], ['00:10:01', 9533], ['00:20:02', 1904]]);
    const a = analysis(REPRO);
    assert.equal(a.limits.orphan, 1904);
    // (1904 − 20712) / 15 min by least squares over the three points.
    assert.ok(a.trend && a.trend.orphanPerMinute < -1000, String(a.trend?.orphanPerMinute));
    assert.deepEqual(a.points.map((p) => p.tw), [3290, 3315, 3305]);
  });

  it('across midnight after a dated loop: the session\'s samples on the next day, the count under its own prompt', () => {
    const points = timelineOf(analyzeNote(MIDNIGHT));
    assert.deepEqual(
      points.map((p) => [p.time, p.orphan, p.counts['FIN-WAIT-1'] ?? null]),
      [
        ['2026-05-19T23:50:01', 24690, null],
        ['2026-05-19T23:55:01', 25233, null],
        ['2026-05-20T00:05:01', 20712, null],
        ['2026-05-20T00:10:01', 9533, null],
        ['2026-05-20T00:20:02', 1904, null],
        ['2026-05-20T00:20:15', null, 1822],
      ],
    );
    const a = analysis(MIDNIGHT);
    assert.equal(a.limits.orphan, 1904);
    assert.equal(a.limits.tcpMaxOrphans, 65536);
    assert.ok(a.trend && a.trend.orphanPerMinute < -500, String(a.trend?.orphanPerMinute));
  });

  it('per-state counts land in their part\'s sample, and the current counts come from the latest part', () => {
    const text = block(
      `[root@web-3 10:00:00]# ${AWK}`,
      'ESTAB 400',
      'CLOSE-WAIT 1200',
      `[root@web-3 10:30:00]# ${AWK}`,
      'ESTAB 410',
      'CLOSE-WAIT 2600',
    );
    const model = analyzeNote(text);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => [p.time, p.counts['CLOSE-WAIT']]), [['10:00:00', 1200], ['10:30:00', 2600]]);
    const c = noteCounts(model);
    assert.equal(c.counts.get('CLOSE-WAIT')?.count, 2600);
    assert.deepEqual(c.from && [c.from.line, c.from.time], [5, '10:30:00'], 'the latest part, at its own time');
  });

  it('outputs under prompts showing one time (or none after a timed one) stay one sample', () => {
    const same = block('[14:05]$ cat /proc/net/sockstat', tcp(500), `[14:05]$ ${AWK}`, 'FIN-WAIT-1 480');
    assert.deepEqual(timelineOf(analyzeNote(same)).map((p) => [p.time, p.orphan, p.counts['FIN-WAIT-1']]), [['14:05:00', 500, 480]]);
    const untimedAfter = block('[root@lb 14:05:10]# cat /proc/net/sockstat', tcp(500), `[root@lb ~]# ${AWK}`, 'FIN-WAIT-1 480');
    assert.deepEqual(timelineOf(analyzeNote(untimedAfter)).map((p) => [p.time, p.orphan, p.counts['FIN-WAIT-1']]), [['14:05:10', 500, 480]]);
  });

  it('one sample after earlier timed commands is at its own prompt\'s time, not the block\'s first (n04, n13)', () => {
    const text = [
      '# api-gw-11',
      '',
      block('[root@gw 10:31:55]# cat /proc/net/sockstat', tcp(8100)),
      block(
        "[root@gw 10:40:12]# sed -i 's/^net.ipv4.tcp_max_orphans = 8192/net.ipv4.tcp_max_orphans = 65536/' /etc/sysctl.conf",
        '[root@gw 10:40:20]# sysctl -p',
        'net.ipv4.tcp_max_orphans = 65536',
        '[root@gw 10:45:03]# grep TCP /proc/net/sockstat',
        tcp(8902),
      ),
    ].join('\n');
    assert.deepEqual(rows(text), [['10:31:55', 8100], ['10:45:03', 8902]]);
    const a = analysis(text);
    assert.equal(a.limits.tcpMaxOrphans, 65536, 'set at 10:40:20, before the sample');
    // 802 orphans in 13.13 minutes, not in 13.28.
    assert.equal(a.trend?.orphanPerMinute, Math.round((802 / (13 + 8 / 60)) * 100) / 100);
  });
});

describe('`date +%T` output inside a loop dates the output after it (audit c L2)', () => {
  it('an ssh loop over hosts: each host\'s sample at the time its `date +%T` printed', () => {
    const text = [
      '## 19:32 三台一起看',
      '',
      block(
        `[ops@bastion ~]$ for h in lb-1 lb-2 lb-3; do echo "== $h"; ssh $h 'date +%T; grep TCP: /proc/net/sockstat'; done`,
        '== lb-1',
        '19:32:05',
        tcp(612),
        '== lb-2',
        '19:32:06',
        tcp(35870),
        '== lb-3',
        '19:32:07',
        tcp(590),
      ),
    ].join('\n');
    assert.deepEqual(rows(text), [['19:32:05', 612], ['19:32:06', 35870], ['19:32:07', 590]]);
  });

  it('a loop on one host: one sample per printed time', () => {
    const text = block('$ while true; do date +%T; cat /proc/net/sockstat; sleep 60; done', '10:00:01', tcp(1000), '10:01:01', tcp(2000), '10:02:01', tcp(3000));
    assert.deepEqual(rows(text), [['10:00:01', 1000], ['10:01:01', 2000], ['10:02:01', 3000]]);
    assert.equal(analysis(text).trend?.orphanPerMinute, 1000);
  });

  it('a line that is only a time of day is no time in a block that runs no `date +FORMAT`', () => {
    const text = block('$ cat /proc/net/sockstat', '10:00:01', tcp(1000), '10:01:01', tcp(2000));
    assert.deepEqual(rows(text), []);
  });
});

/** After n03-client-timewait-ports.md: `date` printed 16:21:09 under `## 16:21`, then a block timed by the heading alone. */
const HEADING = [
  '# php-web-03',
  '',
  '## 16:21 现场',
  '',
  block('[root@php-web-03 ~]# date', 'Wed May  6 16:21:09 CST 2026', '[root@php-web-03 ~]# ss -Htan state time-wait | wc -l', '28410'),
  '抽几条看下：',
  '',
  block('[root@php-web-03 ~]# ss -tan state time-wait dst 10.40.2.15 | head -n 3', 'Recv-Q Send-Q   Local Address:Port    Peer Address:Port  Process', '0      0          10.40.1.33:60412    10.40.2.15:3306', '0      0          10.40.1.33:33170    10.40.2.15:3306'),
].join('\n');

describe('a row timed only by its section heading says so (audit c L1)', () => {
  const dir = tempDir('tsn-timeline-heading-');
  const file = join(dir, 'heading.md');
  writeFileSync(file, HEADING);

  it('the core marks it; it stays after the row above in the note\'s order', () => {
    const points = timelineOf(analyzeNote(HEADING));
    assert.deepEqual(points.map((p) => [p.time, p.heading ?? false]), [['2026-05-06T16:21:09', false], ['2026-05-06T16:21:00', 'after']]);
    assert.ok((points[1]?.minutes as number) >= (points[0]?.minutes as number));
  });

  it('--json has fromHeading on it alone; Markdown shows the heading\'s time marked as the heading\'s, in both languages', () => {
    const j = JSON.parse(cliOut(['report', '--json', file])) as { timeline: { time: string; fromHeading?: string }[] };
    assert.deepEqual(j.timeline.map((p) => [p.time, p.fromHeading ?? false]), [['2026-05-06T16:21:09', false], ['2026-05-06T16:21:00', 'after']]);
    assert.match(cliOut(['report', file]), /\| 2026-05-06T16:21:00 \(heading\) \| 15 \|/);
    assert.match(cliOut(['report', '--lang', 'zh-cn', file]), /\| 2026-05-06T16:21:00（标题时间） \| 15 \|/);
    // A heading's time with no later row above it reads in order: JSON says where it comes from, the row is plain.
    const alone = join(dir, 'alone.md');
    writeFileSync(alone, HEADING.replace('Wed May  6 16:21:09 CST 2026', 'Wed May  6 16:20:50 CST 2026').replace('## 16:21 现场', '## 16:21 现场\n\n## 16:22'));
    const a = JSON.parse(cliOut(['report', '--json', alone])) as { timeline: { time: string; fromHeading?: string }[] };
    assert.deepEqual(a.timeline.map((p) => p.fromHeading ?? false), [false, 'start']);
    assert.match(cliOut(['report', alone]), /\| 2026-05-06T16:22:00 \| 17 \|/);
  });
});

describe('the workspace index and the built CLI', () => {
  const dir = tempDir('tsn-timeline-parts-');
  const repro = join(dir, 'repro.md');
  writeFileSync(repro, REPRO);

  it('the index: the block stands at its latest sample, and the orphan summary is that sample\'s', () => {
    const entry = indexNote(REPRO, new IdTable());
    assert.equal(entry.orphan?.value, 1904);
    assert.equal(entry.blocks[0]?.time, '00:20:02');
  });

  it('--json and Markdown: three rows', () => {
    const j = JSON.parse(cliOut(['report', '--json', repro])) as { timeline: { time: string; orphan: number | null }[]; limits: { orphan: number | null } };
    assert.deepEqual(j.timeline.map((p) => [p.time, p.orphan]), [['00:05:01', 20712], ['00:10:01', 9533], ['00:20:02', 1904]]);
    assert.equal(j.limits.orphan, 1904);
    const md = cliOut(['report', repro]);
    assert.match(md, /\| 00:10:01 \| 6 \| 9,533 \|/, 'the Line column names the sample\'s own prompt (JSON: sampleLine), not the block\'s first line');
  });
});
