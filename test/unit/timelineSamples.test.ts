/**
 * Samples of the timeline from the English audit s10: a date inherited from a heading after a sample with its
 * own date still crosses midnight (#2); a loop of `date` + sockstat / `ss -s` in one block is one sample per
 * pair (#6); only `date` output (or a line that is only a date-time) dates a block, not log lines (#9); the
 * line above a block is the one line directly above it (#15). Core and the built CLI (`report`, `--json`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { isoOf, onOneAxis, type NoteTime } from '../../src/core/report/time';
import { timelineOf } from '../../src/core/report/timeline';
import { limitsOf, trendOf } from '../../src/core/report/limits';
import { cli } from '../support/cli';
import { tempDir } from './tempDir';

const fence = '```';
const block = (...lines: string[]): string => [fence, ...lines, fence, ''].join('\n');
const tcp = (orphan: number): string => `TCP: inuse 10 orphan ${orphan} tw 5 alloc 10 mem 100`;
const times = (text: string): string[] => timelineOf(analyzeNote(text)).map((p) => p.time);
const orphans = (text: string): (number | null)[] => timelineOf(analyzeNote(text)).map((p) => p.orphan);
const analysis = (text: string) => {
  const model = analyzeNote(text);
  const points = timelineOf(model);
  const limits = limitsOf(model, points);
  return { points, limits, trend: trendOf(points, limits) };
};

const MIDNIGHT = [
  '# cdn-edge-11, night of 2025-03-04',
  '',
  block("$ date; grep '^TCP:' /proc/net/sockstat", 'Tue Mar  4 23:57:01 UTC 2025', tcp(20000)),
  block("[00:31:02] $ grep '^TCP:' /proc/net/sockstat", tcp(6000)),
].join('\n');

const LOOP = block(
  "$ while true; do date; grep '^TCP:' /proc/net/sockstat; sleep 60; done",
  'Tue Mar  4 10:00:01 UTC 2025',
  tcp(1000),
  'Tue Mar  4 10:01:01 UTC 2025',
  tcp(2000),
  'Tue Mar  4 10:02:01 UTC 2025',
  tcp(3000),
);

describe('past midnight under a dated heading after a sample with its own date (audit s10 #2)', () => {
  it('onOneAxis: an inherited date follows the sample before under the same heading, its own date or not', () => {
    const t = (h: number, min: number, d: number, extra: Partial<NoteTime> = {}): NoteTime => ({ date: { y: 2025, m: 3, d }, h, min, s: 0, ...extra });
    const own = (h: number, min: number, d: number): NoteTime => t(h, min, d, { under: 0 });
    const inherited = (h: number, min: number, d: number, under = 0): NoteTime => t(h, min, d, { dateInherited: true, under });
    assert.deepEqual(onOneAxis([own(23, 57, 4), inherited(0, 31, 4)]).map(isoOf), ['2025-03-04T23:57:00', '2025-03-05T00:31:00']);
    // `date` already shows the next day: the samples after it under the heading are on that day.
    assert.deepEqual(onOneAxis([own(0, 10, 5), inherited(0, 31, 4)]).map(isoOf), ['2025-03-05T00:10:00', '2025-03-05T00:31:00']);
    // Another dated heading (even the day before: a note written newest first) starts at its own day.
    assert.deepEqual(onOneAxis([own(10, 0, 5), inherited(15, 0, 4, 9)]).map(isoOf), ['2025-03-05T10:00:00', '2025-03-04T15:00:00']);
    // Within 12 hours the heading's day stays (a sample pasted out of order).
    assert.deepEqual(onOneAxis([own(10, 0, 4), inherited(9, 0, 4)]).map(isoOf), ['2025-03-04T10:00:00', '2025-03-04T09:00:00']);
  });

  it('the repro: the prompt time after `date` output is the next day, the orphans fall and the latest is 6,000', () => {
    assert.deepEqual(times(MIDNIGHT), ['2025-03-04T23:57:01Z', '2025-03-05T00:31:02Z']);
    const a = analysis(MIDNIGHT);
    assert.equal(a.limits.orphan, 6000);
    assert.ok(a.trend && a.trend.orphanPerMinute < -400, String(a.trend?.orphanPerMinute));
  });

  it('a heading of a note written newest first keeps its own day', () => {
    const text = ['# lb-3', '', '## 2025-03-05', '', block('$ date', 'Wed Mar  5 10:00:00 UTC 2025', '$ cat /proc/net/sockstat', tcp(10)), '## 2025-03-04', '', '### 15:00', '', block('$ cat /proc/net/sockstat', tcp(20))].join('\n');
    assert.deepEqual(times(text), ['2025-03-05T10:00:00Z', '2025-03-04T15:00:00Z']);
  });
});

describe('a loop of `date` and sockstat / `ss -s` in one block (audit s10 #6)', () => {
  it('one sample per date line and the output after it, each with its own time and numbers', () => {
    assert.deepEqual(times(LOOP), ['2025-03-04T10:00:01Z', '2025-03-04T10:01:01Z', '2025-03-04T10:02:01Z']);
    assert.deepEqual(orphans(LOOP), [1000, 2000, 3000]);
    const a = analysis(LOOP);
    assert.equal(a.trend?.orphanPerMinute, 1000);
    assert.equal(a.limits.orphan, 3000, 'the latest sample is the last pair');
  });

  it('a for loop over the whole sockstat file, and `ss -s`', () => {
    const sockstat = (orphan: number): string[] => ['sockets: used 300', tcp(orphan), 'UDP: inuse 2 mem 1'];
    const forLoop = block('$ for i in 1 2 3; do date; cat /proc/net/sockstat; sleep 5; done', 'Tue Mar  4 10:00:00 UTC 2025', ...sockstat(100), 'Tue Mar  4 10:00:05 UTC 2025', ...sockstat(200), 'Tue Mar  4 10:00:10 UTC 2025', ...sockstat(300));
    assert.deepEqual(times(forLoop), ['2025-03-04T10:00:00Z', '2025-03-04T10:00:05Z', '2025-03-04T10:00:10Z']);
    assert.deepEqual(orphans(forLoop), [100, 200, 300]);
    const ss = (orphan: number): string[] => ['Total: 190 (kernel 220)', `TCP:   150 (estab 100, closed 10, orphaned ${orphan}, synrecv 0, timewait 30/0), ports 0`];
    const ssLoop = block('$ for i in 1 2; do date -Is; ss -s; sleep 60; done', '2025-03-04T10:00:00+00:00', ...ss(5), '2025-03-04T10:01:00+00:00', ...ss(9));
    assert.deepEqual(times(ssLoop), ['2025-03-04T10:00:00Z', '2025-03-04T10:01:00Z']);
    assert.deepEqual(orphans(ssLoop), [5, 9]);
  });

  it('a block with one date and one output stays one sample; two sockstat pastes without dates stay one (later wins)', () => {
    const one = block('$ date; cat /proc/net/sockstat', 'Tue Mar  4 10:00:00 UTC 2025', tcp(100));
    assert.deepEqual(times(one), ['2025-03-04T10:00:00Z']);
    const twoUndated = '## 10:00\n\n' + block('$ cat /proc/net/sockstat', tcp(100), '$ cat /proc/net/sockstat', tcp(200));
    assert.deepEqual(times(twoUndated), ['10:00:00']);
    assert.deepEqual(orphans(twoUndated), [200]);
  });
});

describe('only `date` output dates a block, not log lines (audit s10 #9)', () => {
  const later = '## 14:45\n\n' + block('$ cat /proc/net/sockstat', tcp(31000));
  it('journalctl -o short-iso and rsyslog RFC 3339 lines are not the sample time', () => {
    for (const log of ['2025-03-04T09:12:40+0100 lb-7 kernel: TCP: too many orphaned sockets', '2025-03-04T09:12:40.123456+01:00 lb-7 kernel: TCP: too many orphaned sockets', 'Mar  4 09:12:40 2025 lb-7 kernel: TCP: too many orphaned sockets']) {
      const text = '## 14:30 — second look\n\n' + block('$ journalctl -k -o short-iso | grep orphan | tail -1', log, '$ cat /proc/net/sockstat', tcp(30000)) + '\n' + later;
      assert.deepEqual(times(text), ['14:30:00', '14:45:00'], log);
      assert.equal(analysis(text).trend?.orphanPerMinute, 66.67, log);
    }
  });

  it('`date`, `date -Is`, `date -R`, `date +%T` and a line that is only a date-time still date the block', () => {
    const cases: [string[], string][] = [
      [['$ date', 'Tue Mar  4 09:12:40 UTC 2025'], '2025-03-04T09:12:40Z'],
      [['$ date -Is', '2025-03-04T09:12:40+01:00'], '2025-03-04T09:12:40+01:00'],
      [['$ date -R', 'Tue, 04 Mar 2025 09:12:40 +0000'], '2025-03-04T09:12:40Z'],
      [['2025-03-04T09:12:40+01:00'], '2025-03-04T09:12:40+01:00'],
      [['Tue Mar  4 09:12:40 UTC 2025'], '2025-03-04T09:12:40Z'],
      [['2025年 03月 04日 星期二 09:12:40 CST'], '2025-03-04T09:12:40'],
      [['[2025-03-04 09:12:40] $ cat /proc/net/sockstat'], '2025-03-04T09:12:40'],
    ];
    for (const [lines, want] of cases) assert.deepEqual(times(block(...lines, tcp(1))), [want], lines.join(' | '));
    assert.deepEqual(times('# 2025-03-04\n\n' + block('$ date +%T', '09:12:40', tcp(1))), ['2025-03-04T09:12:40']);
  });
});

describe('the line above a block is the one line directly above it (audit s10 #15)', () => {
  it('an event list two lines up does not date the block', () => {
    const text = ['- 14:05 restarted nginx on lb-3', '- 14:20 traffic back to normal', '', 'Output from before the restart (I forgot to note the time):', '', block('$ cat /proc/net/sockstat', tcp(30000))].join('\n');
    assert.deepEqual(times(text), []);
    assert.deepEqual(times(['Sample taken at 14:20 (before the restart)', '', block('$ cat /proc/net/sockstat', tcp(1))].join('\n')), ['14:20:00'], 'blank lines between are skipped');
  });
});

describe('built CLI: report on the loop and the midnight note', () => {
  const dir = tempDir('tsn-timeline-samples-');
  const loop = join(dir, 'loop.md');
  const midnight = join(dir, 'midnight.md');
  writeFileSync(loop, '# lb-7\n\n' + LOOP);
  writeFileSync(midnight, MIDNIGHT);

  it('--json: one timeline point per pair; the midnight sample on the next day', () => {
    const r = cli(['report', loop, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { timeline: { time: string; line: number; orphan: number | null; tw: number | null; mem: number | null }[]; trend: { orphanPerMinute: number } | null; limits: { orphan: number | null } };
    assert.deepEqual(j.timeline.map((p) => [p.time, p.orphan]), [['2025-03-04T10:00:01Z', 1000], ['2025-03-04T10:01:01Z', 2000], ['2025-03-04T10:02:01Z', 3000]]);
    assert.deepEqual(Object.keys(j.timeline[0] ?? {}).sort(), ['line', 'mem', 'orphan', 'sampleLine', 'time', 'tw']);
    // Each sample of the block names the line it starts on (its `date` output), the block's first line stays `line`.
    assert.deepEqual(j.timeline.map((p) => [p.line, (p as { sampleLine?: number }).sampleLine]), [[3, 4], [3, 6], [3, 8]]);
    assert.equal(j.trend?.orphanPerMinute, 1000);
    assert.equal(j.limits.orphan, 3000);
    const m = cli(['report', midnight, '--json']);
    assert.equal(m.status, 0, m.stderr);
    assert.deepEqual((JSON.parse(m.stdout) as { timeline: { time: string }[] }).timeline.map((p) => p.time), ['2025-03-04T23:57:01Z', '2025-03-05T00:31:02Z']);
  });

  it('Markdown: a row per pair', () => {
    const r = cli(['report', loop]);
    assert.equal(r.status, 0, r.stderr);
    for (const [time, line] of [['2025-03-04T10:00:01Z', 5], ['2025-03-04T10:01:01Z', 7], ['2025-03-04T10:02:01Z', 9]] as const) assert.ok(r.stdout.includes(`| ${time} | ${line} |`), time);
    const m = cli(['report', midnight]);
    assert.ok(m.stdout.includes('| 2025-03-05T00:31:02Z |'), m.stdout);
  });
});
