/**
 * The timeline: times in notes (ISO, `date` in C and zh_CN, bare times under headings), samples from blocks,
 * and the trend math (rate, minutes to ¼, ½ and all of tcp_max_orphans; one sample → no trend).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { noteCounts } from '../../src/core/report/currentCounts';
import { analyzeNote } from '../../src/core/note/analyze';
import { isoOf, minutesOf, onOneAxis, parseDate, parseDateTime, parseTimeMention, type NoteTime } from '../../src/core/report/time';
import { minutesUntil, slope, timelineOf, type TimelinePoint } from '../../src/core/report/timeline';
import { limitsOf, trendOf } from '../../src/core/report/limits';

const note = (name: string): string => readFileSync(join(fixtureDir('report'), name), 'utf8');
const iso = (s: string): string | undefined => {
  const t = parseTimeMention(s);
  return t ? isoOf(t) : undefined;
};

describe('times in notes', () => {
  it('reads ISO, date(1) in the C and zh_CN locales, and bare times; unknown zone names keep the wall clock', () => {
    assert.equal(iso('2025-03-14T09:26:53+08:00'), '2025-03-14T09:26:53+08:00');
    assert.equal(iso('2025-03-14 09:26'), '2025-03-14T09:26:00');
    assert.equal(iso('2025/3/4 9:26:05Z'), '2025-03-04T09:26:05Z');
    assert.equal(iso('Fri Mar 14 09:26:53 UTC 2025'), '2025-03-14T09:26:53Z');
    assert.equal(iso('Fri Mar 14 09:26:53 CST 2025'), '2025-03-14T09:26:53', 'CST is ambiguous');
    // Zone names with one offset, as date(1) prints them (audit s10 J4); ambiguous ones keep the wall clock.
    assert.equal(iso('Tue Jul  8 11:02:13 CEST 2025'), '2025-07-08T11:02:13+02:00');
    assert.equal(iso('Tue Jan  7 11:02:13 CET 2025'), '2025-01-07T11:02:13+01:00');
    assert.equal(iso('Tue Jul  8 02:02:13 PDT 2025'), '2025-07-08T02:02:13-07:00');
    assert.equal(iso('Tue Jan  7 20:02:13 JST 2025'), '2025-01-07T20:02:13+09:00');
    assert.equal(iso('Tue Jan  7 22:02:13 AEDT 2025'), '2025-01-07T22:02:13+11:00');
    for (const z of ['IST', 'BST', 'AST', 'CDT', 'XYZ']) assert.equal(iso(`Tue Jul  8 11:02:13 ${z} 2025`), '2025-07-08T11:02:13', `${z} is read as no zone`);
    assert.equal(iso('Fri Mar 14 09:31:00 +0800 2025'), '2025-03-14T09:31:00+08:00');
    // Days the calendar does not have are no dates (audit s12 ZH 7); the time of day stays.
    for (const bad of ['## 2024年2月30日 下午3点', '2023年2月29日 凌晨2点', '2024-04-31 15:00', 'Feb 30, 2024 3:00 PM', '2月30日 15:00']) {
      assert.equal(parseDate(bad), undefined, bad);
      assert.equal(iso(bad), '15:00:00'.replace('15', bad.includes('凌晨') ? '02' : '15'), bad);
    }
    assert.equal(iso('2024年2月29日 凌晨2点'), '2024-02-29T02:00:00', 'a leap day');
    // A month and day without a year, under a heading of a year that does not have it (review s12).
    const feb29 = analyzeNote(['# 2023-02-28 lb-9', '', '## 2月29日 00:20', '', '```', 'TCP: inuse 5 orphan 3 tw 1 alloc 5 mem 2', '```', ''].join('\n'));
    assert.equal(timelineOf(feb29)[0]?.time, '2023-02-28T00:20:00');
    // glibc prints a numeric abbreviation for zones without a name (audit s12 EN 4).
    assert.equal(iso('Tue May 14 14:05:12 +08 2024'), '2024-05-14T14:05:12+08:00');
    assert.equal(iso('Tue May 14 03:05:12 -03 2024'), '2024-05-14T03:05:12-03:00');
    assert.equal(iso('Tue May 14 14:05:12 +0545 2024'), '2024-05-14T14:05:12+05:45');
    assert.equal(iso('2024年 05月 14日 星期二 14:05:12 +08'), '2024-05-14T14:05:12+08:00');
    assert.equal(parseTimeMention('14:05 +12')?.offset, undefined, 'a count, not a zone');
    assert.equal(parseTimeMention('## 2024-03-05 14:15 +10 min, still climbing')?.offset, undefined, 'a duration (review s12)');
    assert.equal(parseTimeMention('2024-03-05 14:15:00 +12% since the last sample')?.offset, undefined);
    assert.equal(parseTimeMention('2025-03-14 14:05-14:20')?.offset, undefined, 'a range');
    assert.equal(iso('Fri 14 Mar 2025 09:26:53 PM UTC'), '2025-03-14T21:26:53Z');
    assert.equal(iso('2025年 03月 14日 星期五 09:26:53 CST'), '2025-03-14T09:26:53');
    assert.equal(iso('### 09:41 再看一次'), '09:41:00');
    assert.equal(iso('09:41:07 第三次'), '09:41:07');
    for (const s of ['version 1.2:3', 'port 10.0.0.5:443', '25:61', 'ratio 3:1 and more', 'no time here']) assert.equal(iso(s), undefined, s);
    assert.equal(parseDateTime('### 09:41'), undefined, 'a bare time is not a date-time');
  });

  it('puts times on one axis in minutes, honouring offsets', () => {
    const a = parseDateTime('2025-03-14T09:00:00+08:00');
    const b = parseDateTime('2025-03-14T01:30:00Z');
    assert.ok(a && b);
    assert.equal(minutesOf(b) - minutesOf(a), 30);
    const bare = parseTimeMention('09:41');
    assert.ok(bare);
    assert.equal(minutesOf(bare, { y: 2025, m: 3, d: 14 }) - minutesOf({ ...bare, date: { y: 2025, m: 3, d: 14 } }), 0);
  });
});

describe('trend math', () => {
  it('slope: least squares; two points give the straight line; equal times give none', () => {
    assert.equal(slope([{ x: 0, y: 10 }, { x: 10, y: 30 }]), 2);
    assert.equal(slope([{ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 2, y: 5 }]), 2.5);
    assert.equal(slope([{ x: 5, y: 0 }, { x: 5, y: 9 }]), undefined);
    assert.equal(slope([{ x: 5, y: 0 }]), undefined);
  });

  it('minutes until a threshold: 0 when already past, null when not growing or no limit', () => {
    assert.equal(minutesUntil(100, 400, 10), 30);
    assert.equal(minutesUntil(500, 400, 10), 0);
    assert.equal(minutesUntil(100, 400, 0), null);
    assert.equal(minutesUntil(100, 400, -3), null);
    assert.equal(minutesUntil(100, null, 10), null);
  });

  const point = (minutes: number, orphan: number | null): TimelinePoint => ({ time: '', line: 0, orphan, tw: null, mem: null, minutes, counts: {} });

  it('rate per minute and minutes to ¼, ½ and all of tcp_max_orphans from the last sample', () => {
    const t = trendOf([point(0, 12000), point(10, 16000), point(20, 20000)], { tcpMaxOrphans: 65536 });
    // 400 orphans a minute; from 20,000: ¼ = 16,384 passed, ½ = 32,768 in 31.9 min, all in 113.8 min.
    assert.deepEqual(t, { orphanPerMinute: 400, minutesToQuarter: 0, minutesToHalf: 31.9, minutesToLimit: 113.8 });
  });

  it('one sample → no trend; samples without orphan numbers do not count', () => {
    assert.equal(trendOf([point(0, 12000)], { tcpMaxOrphans: 65536 }), null);
    assert.equal(trendOf([point(0, 12000), point(10, null)], { tcpMaxOrphans: 65536 }), null);
    assert.equal(trendOf([], { tcpMaxOrphans: null }), null);
  });

  it('shrinking orphans: a negative rate and no minutes; unknown limit: a rate only', () => {
    assert.deepEqual(trendOf([point(0, 2000), point(5, 1000)], { tcpMaxOrphans: 65536 }), { orphanPerMinute: -200, minutesToQuarter: null, minutesToHalf: null, minutesToLimit: null });
    assert.deepEqual(trendOf([point(0, 1000), point(5, 2000)], { tcpMaxOrphans: null }), { orphanPerMinute: 200, minutesToQuarter: null, minutesToHalf: null, minutesToLimit: null });
  });
});

describe('timeline of a note', () => {
  it('a point per timed sample: snapshot header, date output in the block, a time in the heading above', () => {
    const model = analyzeNote(note('incident.md'));
    const points = timelineOf(model);
    assert.deepEqual(
      points.map((p) => [p.time, p.orphan, p.tw, p.mem]),
      [
        ['2025-03-14T09:21:00+08:00', 12000, 8120, 150000],
        ['2025-03-14T09:31:00+08:00', 16000, 9120, 160000],
        ['2025-03-14T09:41:00+08:00', 20000, 10120, 170000],
      ],
    );
    assert.equal(model.lines.lineText(points[0]?.line ?? -1).startsWith('# tcp-state-notes snapshot'), true);
    const limits = limitsOf(model, points);
    assert.equal(limits.tcpMaxOrphans, 65536);
    assert.equal(limits.orphan, 20000);
    assert.equal(limits.orphanLevel, 'quarter');
    assert.equal(limits.twPerMinute, 100);
    assert.equal(limits.memPerMinute, 1000);
    assert.equal(limits.minutesToMemPressure, 81.1);
    assert.equal(limits.minutesToMemLimit, 206.6);
    assert.equal(limits.minutesToTwLimit, 2520.2);
    const trend = trendOf(points, limits);
    assert.equal(trend?.orphanPerMinute, 400);
  });

  it('blocks without a time are no points', () => {
    const model = analyzeNote('```\nTCP: inuse 5 orphan 3 tw 1 alloc 5 mem 2\n```\n');
    assert.deepEqual(timelineOf(model), []);
    assert.equal(trendOf(timelineOf(model), limitsOf(model, [])), null);
    assert.equal(limitsOf(model, []).orphan, 3, 'limits still read the latest sockstat');
  });
});

describe('the latest sample: limits and the trend read it (audit s9 D1)', () => {
  /** A sockstat block, with a `date` line inside when `time` is given (the block's own time). */
  const sample = (orphan: number, time?: string): string => ['```', ...(time ? [`# pasted ${time}`] : []), `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
  const MAX = '```\nnet.ipv4.tcp_max_orphans = 65536\n```\n';
  const latest = (...blocks: string[]): number | null => {
    const model = analyzeNote(blocks.join('\n') + MAX);
    return limitsOf(model, timelineOf(model)).orphan;
  };

  it('all timed: the latest on the time axis, also when the note lists it first', () => {
    assert.equal(latest(sample(100, '2024-06-18T09:00:00Z'), sample(200, '2024-06-18T09:10:00Z')), 200);
    assert.equal(latest(sample(200, '2024-06-18T09:10:00Z'), sample(100, '2024-06-18T09:00:00Z')), 200);
  });

  it('none timed: the last block in the note', () => {
    assert.equal(latest(sample(100), sample(200), sample(150)), 150);
  });

  it('timed, then a block without a time later in the note: the untimed block (notes are written as it goes)', () => {
    assert.equal(latest(sample(100, '2024-06-18T09:00:00Z'), sample(40000)), 40000);
    assert.equal(latest(sample(100, '2024-06-18T09:00:00Z'), sample(300), sample(40000)), 40000, 'the last of them');
  });

  it('a block without a time, then a timed one: the timed one', () => {
    assert.equal(latest(sample(40000), sample(100, '2024-06-18T09:00:00Z')), 100);
  });

  it('times out of note order: an untimed block counts as the latest only after the latest-timed sample', () => {
    // 10:00 is the latest time; the untimed block written after it is later still, the 09:00 pasted last is not.
    assert.equal(latest(sample(200, '2024-06-18T10:00:00Z'), sample(40000), sample(100, '2024-06-18T09:00:00Z')), 40000);
    // The untimed block comes before 10:00 in the note: 10:00 is the latest.
    assert.equal(latest(sample(100, '2024-06-18T09:00:00Z'), sample(40000), sample(200, '2024-06-18T10:00:00Z')), 200);
  });

  it('the audit repro: orphan 40,000 after a timed 14,600 is above ½ (the limits read 40,000)', () => {
    const text = ['```', '[2024-06-18 09:10:02] $ ss -s', 'TCP:   45100 (estab 3050, closed 820, orphaned 14600, timewait 690)', '```', '', '```', '$ ss -s', 'TCP:   50020 (estab 3000, closed 830, orphaned 40000, timewait 705)', '```', '', MAX].join('\n');
    const model = analyzeNote(text);
    const limits = limitsOf(model, timelineOf(model));
    assert.deepEqual([limits.orphan, limits.orphanLevel, limits.orphanRatio, limits.tw], [40000, 'half', 0.6104, 705]);
  });

  it('the trend counts its minutes from the latest sample, timed or not (note 04: ¼ is already passed)', () => {
    const model = analyzeNote(note('latest-untimed.md'));
    const points = timelineOf(model);
    assert.equal(points.length, 2, 'the untimed sample is no point on the time axis');
    const limits = limitsOf(model, points);
    assert.deepEqual([limits.orphan, limits.orphanLevel], [19500, 'quarter']);
    // 482.41 a minute from the two timed samples; from 19,500: ¼ passed, ½ in 27.5 min, the limit in 95.4 min.
    assert.deepEqual(trendOf(points, limits), { orphanPerMinute: 482.41, minutesToQuarter: 0, minutesToHalf: 27.5, minutesToLimit: 95.4 });
  });
});

describe('times with and without a zone; dates from headings (audit s9 D2)', () => {
  const times = (model: ReturnType<typeof analyzeNote>): string[] => timelineOf(model).map((p) => p.time);
  const rate = (text: string): number | undefined => {
    const model = analyzeNote(text);
    const points = timelineOf(model);
    return trendOf(points, limitsOf(model, points))?.orphanPerMinute;
  };

  it('a Chinese date with a time without seconds is a date-time; a date alone is a date', () => {
    assert.equal(iso('## 2024年3月5日 14:32 第二次'), '2024-03-05T14:32:00');
    assert.equal(iso('2024年3月5日 9:05'), '2024-03-05T09:05:00');
    assert.equal(iso('2025年 03月 14日 星期五 09:26:53 CST'), '2025-03-14T09:26:53', 'date(1) in zh_CN still');
    assert.deepEqual(parseDate('# 2024-03-05 lb-9'), { y: 2024, m: 3, d: 5 });
    assert.deepEqual(parseDate('复盘 2024/3/5'), { y: 2024, m: 3, d: 5 });
    assert.deepEqual(parseDate('# 2024年3月5日 事故复盘'), { y: 2024, m: 3, d: 5 });
    for (const s of ['# lb-9', 'version 1.2.3', '2024-13-05', 'build 20240305', 'ticket 12024-03-05']) assert.equal(parseDate(s), undefined, s);
  });

  it('onOneAxis: a time without a zone takes the zone of the nearest zoned time before it, else the first after it', () => {
    const t = (h: number, extra: Partial<NoteTime> = {}): NoteTime => ({ date: { y: 2024, m: 3, d: 5 }, h, min: 0, s: 0, ...extra });
    const zones = (xs: NoteTime[]): (number | undefined)[] => onOneAxis(xs).map((x) => x.offset);
    assert.deepEqual(zones([t(14), t(15), t(16, { offset: 480 })]), [480, 480, 480]);
    assert.deepEqual(zones([t(1, { offset: 0 }), t(2), t(9, { offset: 480 }), t(10)]), [0, 0, 480, 480]);
    assert.deepEqual(zones([t(14), t(15)]), [undefined, undefined], 'no zone anywhere: wall clock');
  });

  it('onOneAxis: a time without a date takes the date of the nearest dated time before it, else the first after it', () => {
    const bare: NoteTime = { h: 14, min: 2, s: 0 };
    const on5: NoteTime = { date: { y: 2024, m: 3, d: 5 }, h: 14, min: 32, s: 0 };
    const on6: NoteTime = { date: { y: 2024, m: 3, d: 6 }, h: 9, min: 0, s: 0 };
    assert.deepEqual(onOneAxis([bare, on5, bare, on6, bare]).map(isoOf), ['2024-03-05T14:02:00', '2024-03-05T14:32:00', '2024-03-05T14:02:00', '2024-03-06T09:00:00', '2024-03-06T14:02:00']);
    assert.deepEqual(onOneAxis([bare, bare]).map(isoOf), ['14:02:00', '14:02:00'], 'no date anywhere: times of day');
  });

  it('wall-clock headings, CST and +08:00 in one note: one zone, the trend rises (+3.33 a minute, was -0.43)', () => {
    const model = analyzeNote(note('mixed-zones.md'));
    assert.deepEqual(times(model), ['2024-03-05T14:02:00+08:00', '2024-03-05T14:32:00+08:00', '2024-03-05T15:02:00+08:00', '2024-03-05T15:32:00+08:00']);
    assert.equal(rate(note('mixed-zones.md')), 3.33);
  });

  it('a date-only H1 dates the times of day under it; 年月日 with HH:MM is read whole (the trend was 0)', () => {
    const model = analyzeNote(note('dated-heading.md'));
    assert.deepEqual(times(model), [
      '2024-03-05T14:02:00+08:00',
      '2024-03-05T14:32:00+08:00',
      '2024-03-05T15:02:30+08:00',
      '2024-03-05T15:30:00+08:00',
      '2024-03-05T16:00:00+08:00',
      '2024-03-05T16:30:00+08:00',
    ]);
    const expected = slope([0, 30, 60.5, 88, 118, 148].map((x, i) => ({ x, y: 100 * (i + 1) })));
    assert.equal(rate(note('dated-heading.md')), Math.round((expected ?? 0) * 100) / 100);
    assert.ok((rate(note('dated-heading.md')) ?? 0) > 3);
  });

  it('a heading date applies only under that heading; times without any date or zone stay wall clock', () => {
    const two = ['# 2024-03-05', '## 23:50', '```', 'TCP: inuse 1 orphan 100 tw 1 alloc 1 mem 1', '```', '# 2024-03-06', '## 00:20', '```', 'TCP: inuse 1 orphan 160 tw 1 alloc 1 mem 1', '```', ''].join('\n');
    assert.deepEqual(times(analyzeNote(two)), ['2024-03-05T23:50:00', '2024-03-06T00:20:00']);
    assert.equal(rate(two), 2);
    const bare = ['## 14:02', '```', 'TCP: inuse 1 orphan 100 tw 1 alloc 1 mem 1', '```', '## 14:32', '```', 'TCP: inuse 1 orphan 200 tw 1 alloc 1 mem 1', '```', ''].join('\n');
    assert.deepEqual(times(analyzeNote(bare)), ['14:02:00', '14:32:00']);
    assert.equal(rate(bare), 3.33);
  });
});

describe('times in shell prompts (audit s9 note 04)', () => {
  const times = (text: string): string[] => timelineOf(analyzeNote(text)).map((p) => p.time);
  const block = (first: string, orphan: number, extra: string[] = []): string => ['```', first, ...extra, `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
  const dated = block('[2024-06-18 09:00:05] $ cat /proc/net/sockstat', 100);

  it('a time-only prompt is the sample time, on the date of the sample before', () => {
    for (const prompt of ['[09:20:11] $ cat /proc/net/sockstat', '[root@lb-7 09:20:11]# cat /proc/net/sockstat', '09:20:11 $ cat /proc/net/sockstat', '[09:20:11] root@lb-7:~# cat /proc/net/sockstat']) {
      assert.deepEqual(times(dated + block(prompt, 200)), ['2024-06-18T09:00:05', '2024-06-18T09:20:11'], prompt);
    }
  });

  it('a time-only prompt takes the date of a dated heading above, else of the first dated sample after it', () => {
    assert.deepEqual(times(['# 2024-06-18 lb-7', '', block('[09:20:11] $ cat /proc/net/sockstat', 200)].join('\n')), ['2024-06-18T09:20:11']);
    assert.deepEqual(times(block('[08:50:00] $ cat /proc/net/sockstat', 50) + dated), ['2024-06-18T08:50:00', '2024-06-18T09:00:05']);
  });

  it('under `# … 14:02`, a prompt saying 14:02:11 keeps its seconds (the heading gives the date)', () => {
    assert.deepEqual(times(['# 2024-03-05 14:02 api-gw', '', block('[14:02:11] $ cat /proc/net/sockstat', 100)].join('\n')), ['2024-03-05T14:02:11']);
    assert.deepEqual(times(['## 14:02', '', block('[14:02:11] $ cat /proc/net/sockstat', 100)].join('\n')), ['14:02:11'], 'no date anywhere: a time of day');
  });

  it('prompt and heading disagree: the prompt (closer to the sample) wins, on the heading\'s date and in its zone', () => {
    assert.deepEqual(times(['# 2024-03-05 14:02 api-gw', '', block('[14:07:30] $ cat /proc/net/sockstat', 100)].join('\n')), ['2024-03-05T14:07:30']);
    assert.deepEqual(times(['## 2024-03-05T14:02:00+08:00', '', block('[14:02:11] $ cat /proc/net/sockstat', 100)].join('\n')), ['2024-03-05T14:02:11+08:00']);
    assert.deepEqual(times(['At 2024-03-05 14:02 on lb-7:', '', block('[14:02:11] $ cat /proc/net/sockstat', 100)].join('\n')), ['2024-03-05T14:02:11'], 'a line above, too');
  });

  it('the regression note: every sample timed from its prompt, the trend over all four', () => {
    const model = analyzeNote(note('prompt-times.md'));
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => [p.time, p.orphan]), [
      ['2024-06-18T09:00:05', 9800],
      ['2024-06-18T09:10:02', 14600],
      ['2024-06-18T09:20:11', 19500],
      ['2024-06-18T09:30:40', 24400],
    ]);
    // Least squares over 0, 9.95, 20.1 and 30.58 minutes.
    assert.equal(trendOf(points, limitsOf(model, points))?.orphanPerMinute, 477.88);
  });

  it('times in output are not the sample time: ss -o timers, uptime, log timestamps, a prompt without a time', () => {
    const quiet = [
      ['$ uptime', ' 09:20:11 up 3 days,  2:03,  1 user,  load average: 0.00, 0.01, 0.05'],
      ['09:20:11 up 3 days,  2:03,  1 user,  load average: 0.00, 0.01, 0.05'],
      ['$ dmesg', '[12:34:56] TCP: too many orphaned sockets'],
      ['Jun 18 09:20:11 lb-7 kernel: TCP: out of memory -- consider tuning tcp_mem'],
      ['$ ss -tano', 'ESTAB 0 0 10.0.0.1:443 10.0.0.2:5000 timer:(keepalive,10:12,0)'],
      ['09:20:11 # sampled by cron'],
      ['[root@lb-7 ~]# cat /proc/net/sockstat'],
    ];
    for (const extra of quiet) assert.deepEqual(times(dated + block(extra[0] as string, 200, extra.slice(1))), ['2024-06-18T09:00:05'], extra.join(' | '));
  });
});

describe('`date` output with only a time (audit s9)', () => {
  const times = (text: string): string[] => timelineOf(analyzeNote(text)).map((p) => p.time);
  const dated = ['```', '[2024-06-18 09:00:05] $ cat /proc/net/sockstat', 'TCP: inuse 1 orphan 100 tw 1 alloc 1 mem 1', '```', ''].join('\n');
  const block = (...lines: string[]): string => ['```', ...lines, 'TCP: inuse 1 orphan 200 tw 1 alloc 1 mem 1', '```', ''].join('\n');

  it('`date +%T` (or `date; cat …`) printing a time of day is the sample time, on the date of the sample before', () => {
    assert.deepEqual(times(dated + block('$ date +%T', '09:20:11', '$ cat /proc/net/sockstat')), ['2024-06-18T09:00:05', '2024-06-18T09:20:11']);
    assert.deepEqual(times(dated + block('root@lb-7:~# date +%H:%M; cat /proc/net/sockstat', '09:20')), ['2024-06-18T09:00:05', '2024-06-18T09:20:00']);
    assert.deepEqual(times(dated + block('date +%T', '09:20:11')), ['2024-06-18T09:00:05', '2024-06-18T09:20:11'], 'a bare date command');
  });

  it('a lone time that no `date` printed is not the sample time', () => {
    assert.deepEqual(times(dated + block('$ cat /proc/uptime', '09:20:11')), ['2024-06-18T09:00:05']);
    assert.deepEqual(times(dated + block('$ dated', '09:20:11')), ['2024-06-18T09:00:05'], 'a command that only starts with date');
  });
});

describe('midnight: a time of day after 23:59 (audit s9)', () => {
  const t = (h: number, min: number, date?: NoteTime['date']): NoteTime => ({ ...(date ? { date } : {}), h, min, s: 0 });
  const on5 = { y: 2024, m: 3, d: 5 };
  const on6 = { y: 2024, m: 3, d: 6 };

  it('onOneAxis: a time without a date more than 12 hours earlier on the clock than the sample before is the next day', () => {
    assert.deepEqual(onOneAxis([t(23, 50, on5), t(23, 59), t(0, 1), t(0, 30)]).map(isoOf), ['2024-03-05T23:50:00', '2024-03-05T23:59:00', '2024-03-06T00:01:00', '2024-03-06T00:30:00']);
    assert.deepEqual(onOneAxis([t(2, 0, { y: 2024, m: 2, d: 29 }), t(22, 0), t(1, 0)]).map(isoOf), ['2024-02-29T02:00:00', '2024-02-29T22:00:00', '2024-03-01T01:00:00'], 'month end');
  });

  it('onOneAxis: before the first dated sample, a time more than 12 hours later on the clock is the day before', () => {
    assert.deepEqual(onOneAxis([t(23, 58), t(0, 2, on6)]).map(isoOf), ['2024-03-05T23:58:00', '2024-03-06T00:02:00']);
  });

  it('onOneAxis: a sample pasted out of order within 12 hours keeps its day; a date given with the time is kept', () => {
    assert.deepEqual(onOneAxis([t(10, 0, on5), t(9, 0)]).map(isoOf), ['2024-03-05T10:00:00', '2024-03-05T09:00:00']);
    assert.deepEqual(onOneAxis([t(23, 59, on5), t(0, 1, on5)]).map(isoOf), ['2024-03-05T23:59:00', '2024-03-05T00:01:00']);
  });

  it('onOneAxis: no date anywhere shows times of day, and still counts the day past midnight in minutes', () => {
    const axis = onOneAxis([t(23, 59), t(0, 1), t(0, 30)]);
    assert.deepEqual(axis.map(isoOf), ['23:59:00', '00:01:00', '00:30:00']);
    assert.deepEqual(axis.map((x) => minutesOf(x)), [23 * 60 + 59, 24 * 60 + 1, 24 * 60 + 30]);
  });

  it('onOneAxis: a date inherited from a heading is where its samples start; the next ones cross midnight', () => {
    const under5 = (h: number, min: number): NoteTime => ({ ...t(h, min, on5), dateInherited: true });
    assert.deepEqual(onOneAxis([under5(23, 40), under5(23, 50), under5(0, 10)]).map(isoOf), ['2024-03-05T23:40:00', '2024-03-05T23:50:00', '2024-03-06T00:10:00']);
    // A new dated heading starts again at its own day.
    const under7 = (h: number, min: number): NoteTime => ({ ...t(h, min, { y: 2024, m: 3, d: 7 }), dateInherited: true });
    assert.deepEqual(onOneAxis([under5(23, 50), under5(0, 10), under7(9, 0)]).map(isoOf), ['2024-03-05T23:50:00', '2024-03-06T00:10:00', '2024-03-07T09:00:00']);
  });

  it('times of day under a date-only heading across midnight: the trend rises (review s9)', () => {
    const section = (time: string, orphan: number): string => [`## ${time}`, '', '```', `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
    for (const head of ['# 2024-03-05 lb-9\n\n', '# lb-9\n\n']) {
      const model = analyzeNote(head + section('23:40', 1000) + section('23:50', 2000) + section('00:10', 4000));
      const points = timelineOf(model);
      assert.equal(trendOf(points, limitsOf(model, points))?.orphanPerMinute, 100, head);
    }
  });

  it('prompts across midnight: the trend rises', () => {
    const block = (prompt: string, orphan: number): string => ['```', prompt, `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
    const model = analyzeNote(block('[2024-03-05 23:58:00] $ cat /proc/net/sockstat', 100) + block('[00:03:00] $ cat /proc/net/sockstat', 600));
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2024-03-05T23:58:00', '2024-03-06T00:03:00']);
    assert.equal(trendOf(points, limitsOf(model, points))?.orphanPerMinute, 100);
  });
});

describe('12-hour markers in free text (audit s10 #2)', () => {
  it('AM/PM after (or before) the time, and the Chinese day-period words before it', () => {
    const cases: [string, string][] = [
      ['下午 1:30', '13:30:00'],
      ['下午1:30 再看', '13:30:00'],
      ['晚上 10:30', '22:30:00'],
      ['上午 11:50', '11:50:00'],
      ['凌晨 2:10', '02:10:00'],
      ['中午 12:10', '12:10:00'],
      ['中午1:05', '13:05:00'],
      ['### 下午 2:10', '14:10:00'],
      ['今天傍晚 6:40 告警', '18:40:00'],
      ['昨晚 11:20', '23:20:00'],
      ['2:10 PM', '14:10:00'],
      ['2:10pm', '14:10:00'],
      ['10:30 p.m. on lb-7', '22:30:00'],
      ['9:05 am', '09:05:00'],
      ['PM 2:10', '14:10:00'],
      ['2:10:05 PM', '14:10:05'],
      ['12:05 AM', '00:05:00'],
      ['12:05 PM', '12:05:00'],
    ];
    for (const [text, want] of cases) assert.equal(iso(text), want, text);
  });

  it('midnight: 12 at night (晚上 / 夜里 / 凌晨 12) is 00:xx; small hours at night stay small (夜里 2:00)', () => {
    assert.equal(iso('晚上 12:10'), '00:10:00');
    assert.equal(iso('晚上12点'), '00:00:00');
    assert.equal(iso('凌晨12点30分'), '00:30:00');
    assert.equal(iso('夜里2点'), '02:00:00');
    assert.equal(iso('半夜 1:40'), '01:40:00');
  });

  it('a 24-hour time is read as written, whatever the word; 上午 12 (ambiguous) too; 最早 / 最晚 are no day periods', () => {
    assert.equal(iso('下午 13:30'), '13:30:00');
    assert.equal(iso('上午 14:00'), '14:00:00');
    assert.equal(iso('14:05 PM'), '14:05:00');
    assert.equal(iso('上午 12:05'), '12:05:00');
    assert.equal(iso('最早 14:05 开始告警'), '14:05:00');
    assert.equal(iso('最晚 10:30 恢复'), '10:30:00');
    assert.equal(iso('I am 2:10 late'), '02:10:00', 'am before a time is English, not a marker');
  });

  it('a timeline in 12-hour time: the order, the trend sign and the latest sample follow the afternoon (rep/pm.md)', () => {
    const block = (orphan: number): string => ['```', `TCP: inuse 10 orphan ${orphan} tw 5 alloc 20 mem 30`, '```', ''].join('\n');
    const text = ['```', 'net.ipv4.tcp_max_orphans = 16384', '```', '', '上午 11:50', '', block(1000), '下午 1:30', '', block(3000), '下午 2:10', '', block(4000)].join('\n');
    const model = analyzeNote(text);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['11:50:00', '13:30:00', '14:10:00']);
    const limits = limitsOf(model, points);
    assert.equal(limits.orphan, 4000, 'the latest sample is 14:10, not 11:50');
    assert.deepEqual(trendOf(points, limits), { orphanPerMinute: 21.15, minutesToQuarter: 4.5, minutesToHalf: 198.2, minutesToLimit: 585.4 });
  });

  it('headings in 12-hour time across midnight: 晚上 11:50, then 凌晨 0:10, is the next day', () => {
    const section = (time: string, orphan: number): string => [`## ${time}`, '', '```', `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
    const model = analyzeNote('# 2024-03-05 lb-9\n\n' + section('晚上 11:50', 1000) + section('晚上 12:10', 3000) + section('凌晨 0:30', 5000));
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2024-03-05T23:50:00', '2024-03-06T00:10:00', '2024-03-06T00:30:00']);
    assert.equal(trendOf(points, limitsOf(model, points))?.orphanPerMinute, 100);
  });
});

describe('Chinese clock forms and dates kept with the time (audit s10 #7)', () => {
  it('点 / 时 with minutes (分), 半, 整, or a day-period word; a full-width colon', () => {
    const cases: [string, string][] = [
      ['14点05分', '14:05:00'],
      ['14点05 再看', '14:05:00'],
      ['2点10分', '02:10:00'],
      ['2点5分', '02:05:00'],
      ['凌晨2点10分，值班同学收到告警', '02:10:00'],
      ['下午3点05分', '15:05:00'],
      ['14时05分', '14:05:00'],
      ['14时05分30秒', '14:05:30'],
      ['14：05 发现告警', '14:05:00'],
      ['【14：05】', '14:05:00'],
      ['下午2点半', '14:30:00'],
      ['下午3点', '15:00:00'],
      ['凌晨 2 点', '02:00:00'],
      ['14 点 05 分', '14:05:00'],
      ['凌晨 2 点 10 分', '02:10:00'],
      ['下午 3 点半', '15:30:00'],
      ['3点整', '03:00:00'],
      ['Checked at 14:05.', '14:05:00'],
    ];
    for (const [text, want] of cases) assert.equal(iso(text), want, text);
  });

  it('not a time: 点 without minutes or a day period (第3点, 3点建议), durations, years, decimals, counts after a colon', () => {
    for (const s of [
      '第3点',
      '3点建议',
      '有3点需要注意',
      '14点建议',
      '涨到3点',
      '5分钟',
      '2小时',
      '2小时30分',
      '30秒',
      '2024年',
      '涨了3点5个百分点',
      '3点50个连接',
      '问题1：30秒后重试',
      '第2点：10个连接',
      'ratio 16:9',
      '1:30个',
      '等了10:30分钟',
      'waited 2:30 min',
      'took 1:30h',
    ]) {
      assert.equal(iso(s), undefined, s);
    }
  });

  it('the date stays with the time: 年月日 with 点 / 时分秒 / a day period, dotted dates, date(1) in zh_CN and ja_JP, English months', () => {
    const cases: [string, string][] = [
      ['2024年3月5日 凌晨2点10分', '2024-03-05T02:10:00'],
      ['2024年03月05日 星期二 02时40分07秒 CST', '2024-03-05T02:40:07'],
      ['2024年3月5日 下午 2:10', '2024-03-05T14:10:00'],
      ['2024年3月5日（周二）14:05', '2024-03-05T14:05:00'],
      ['2024年 3月 5日 火曜日 02:40:07 JST', '2024-03-05T02:40:07+09:00'],
      ['2024.03.05 14:05', '2024-03-05T14:05:00'],
      ['2024-03-05 2:10 PM', '2024-03-05T14:10:00'],
      ['2024-03-05 14:05 UTC+8', '2024-03-05T14:05:00+08:00'],
      ['2024-03-05 14:05（UTC+8）', '2024-03-05T14:05:00+08:00'],
      ['Mar 5, 2024 2:10 PM', '2024-03-05T14:10:00'],
      ['5 March 2024 14:05', '2024-03-05T14:05:00'],
    ];
    for (const [text, want] of cases) assert.equal(iso(text), want, text);
    assert.equal(isoOf(parseDateTime('2024年03月05日 星期二 02时40分07秒 CST') as NoteTime), '2024-03-05T02:40:07', 'date +%c in zh_CN is a date-time inside a block');
    assert.deepEqual(parseDate('# 2024.03.05 故障复盘'), { y: 2024, m: 3, d: 5 });
  });

  it('a month and day without a year: kept (monthDay), the year taken from the note', () => {
    for (const s of ['3月5日 14:05', '3月5号 14:05', 'Mar 5 14:05', '5 Mar 14:05']) {
      const t = parseTimeMention(s);
      assert.deepEqual(t && { monthDay: t.monthDay, h: t.h, min: t.min }, { monthDay: { m: 3, d: 5 }, h: 14, min: 5 }, s);
    }
    const axis = onOneAxis([{ date: { y: 2024, m: 3, d: 5 }, h: 23, min: 0, s: 0 }, { monthDay: { m: 3, d: 7 }, h: 1, min: 0, s: 0 }]);
    assert.deepEqual(axis.map(isoOf), ['2024-03-05T23:00:00', '2024-03-07T01:00:00']);
    const newYear = onOneAxis([{ date: { y: 2024, m: 12, d: 31 }, h: 23, min: 0, s: 0 }, { monthDay: { m: 1, d: 1 }, h: 1, min: 0, s: 0 }]);
    assert.deepEqual(newYear.map(isoOf), ['2024-12-31T23:00:00', '2025-01-01T01:00:00']);
    // No year anywhere: shown as times of day, a day apart in minutes.
    const undated = onOneAxis([{ monthDay: { m: 3, d: 5 }, h: 14, min: 0, s: 0 }, { monthDay: { m: 3, d: 6 }, h: 14, min: 10, s: 0 }]);
    assert.deepEqual(undated.map(isoOf), ['14:00:00', '14:10:00']);
    assert.equal(minutesOf(undated[1] as NoteTime) - minutesOf(undated[0] as NoteTime), 24 * 60 + 10);
  });

  it('inside a block only a full date-time is the sample time: syslog stamps without a year stay out', () => {
    assert.equal(parseDateTime('Jun 18 09:20:11 lb-7 kernel: TCP: too many orphaned sockets'), undefined);
    assert.equal(parseDateTime('3月5日 14:05'), undefined);
    assert.equal(parseDateTime('下午 2:10'), undefined);
    assert.equal(parseDateTime('14点05分'), undefined);
  });

  it('the n07 timeline: a 凌晨 line above, date(1) in zh_CN and C: three samples (the 02:10 one was lost)', () => {
    const text = [
      '2024年3月5日 凌晨2点10分',
      '',
      '```',
      '[root@edge-12 ~]# ss -s',
      'Total: 48122',
      'TCP:   46010 (estab 3102, closed 2390, orphaned 40210, timewait 1902)',
      '```',
      '',
      '```',
      '[root@edge-12 ~]# date; ss -s',
      '2024年 03月 05日 星期二 02:40:07 CST',
      'Total: 58890',
      'TCP:   56702 (estab 3050, closed 2301, orphaned 52100, timewait 1866)',
      '```',
      '',
      '```',
      '[root@edge-12 ~]# date +%c; ss -s',
      '2024年03月05日 星期二 03时15分02秒',
      'Total: 70312',
      'TCP:   68011 (estab 3021, closed 2250, orphaned 61920, timewait 1840)',
      '```',
      '',
    ].join('\n');
    const points = timelineOf(analyzeNote(text));
    assert.deepEqual(points.map((p) => [p.time, p.orphan]), [
      ['2024-03-05T02:10:00', 40210],
      ['2024-03-05T02:40:07', 52100],
      ['2024-03-05T03:15:02', 61920],
    ]);
  });

  it('a time of day printed by date +%r (12-hour, C and zh_CN) is read with its AM/PM', () => {
    for (const printed of ['01:20:11 PM', '下午 01时20分11秒']) {
      const text = ['```', '[2024-06-18 13:00:05] $ cat /proc/net/sockstat', 'TCP: inuse 1 orphan 100 tw 1 alloc 1 mem 1', '```', '', '```', '$ date +%r', printed, '$ cat /proc/net/sockstat', 'TCP: inuse 1 orphan 200 tw 1 alloc 1 mem 1', '```', ''].join('\n');
      assert.deepEqual(timelineOf(analyzeNote(text)).map((p) => p.time), ['2024-06-18T13:00:05', '2024-06-18T13:20:11'], printed);
    }
  });

  it('month-day headings under a dated title: the year from the title, across the new year', () => {
    const section = (time: string, orphan: number): string => [`## ${time}`, '', '```', `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`, '```', ''].join('\n');
    const model = analyzeNote('# 2024-12-30 跨年值班\n\n' + section('12月31日 23:50', 1000) + section('1月1日 00:20', 4000));
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2024-12-31T23:50:00', '2025-01-01T00:20:00']);
    assert.equal(trendOf(points, limitsOf(model, points))?.orphanPerMinute, 100);
    // No year anywhere: a day apart, not 10 minutes apart.
    const undated = analyzeNote(section('3月5日 14:00', 1000) + section('3月6日 14:10', 1000 + 1450 * 10));
    const p2 = timelineOf(undated);
    assert.deepEqual(p2.map((p) => p.time), ['14:00:00', '14:10:00']);
    assert.equal(trendOf(p2, limitsOf(undated, p2))?.orphanPerMinute, 10);
  });
});

describe('a zone written after a time of day (audit s10, English notes: UTC headings)', () => {
  it('UTC, Z, (UTC), AM UTC, UTC+8 and +08:00 give the offset; a signed number after a space does not', () => {
    const offset = (text: string): number | undefined => parseTimeMention(text)?.offset;
    assert.equal(offset('## 09:20 UTC'), 0);
    assert.equal(offset('## 09:20Z'), 0);
    assert.equal(offset('## 09:20 (UTC)'), 0);
    assert.equal(iso('## 9:20 AM UTC'), '09:20:00');
    assert.equal(offset('## 9:20 AM UTC'), 0);
    assert.equal(offset('14:05 UTC+8'), 480);
    assert.equal(offset('14:05+08:00'), 480);
    assert.equal(offset('14:05 CST'), undefined, 'CST is ambiguous');
    assert.equal(offset('14:05 +1200 orphans'), undefined, 'a count, not a zone');
    assert.equal(offset('14:05-14:20 期间'), undefined, 'a range, not a zone');
    assert.equal(offset('2024-03-05 09:00-09:30'), undefined, 'a range after a date');
    assert.equal(offset('23:00-01:00'), undefined, 'a range across midnight');
    assert.equal(offset('2025-03-14 09:26 +0800'), 480, 'a date, a space, an offset');
    assert.equal(offset('09:26:53-05:00'), -300);
    assert.equal(offset('14:05:30+08:00'), 480, 'seconds: an ISO-like time');
    assert.equal(offset('2025-03-14T09:26+08:00'), 480, 'joined to its date by T');
    assert.equal(offset('## 13:52 UTC: paged'), 0);
  });

  it('a UTC heading after a +02:00 sample is read in UTC: the later sample is later (repro r-utc-heading)', () => {
    const text = ['## First sample', '', '```', '$ date -Is', '2025-07-08T11:02:13+02:00', '$ cat /proc/net/sockstat', 'TCP: inuse 10 orphan 1200 tw 5 alloc 10 mem 900', '```', '', '## 09:20 UTC', '', '```', '$ cat /proc/net/sockstat', 'TCP: inuse 10 orphan 300 tw 5 alloc 10 mem 100', '```', ''].join('\n');
    const model = analyzeNote(text);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2025-07-08T11:02:13+02:00', '2025-07-08T09:20:00Z']);
    assert.equal(limitsOf(model, points).orphan, 300, 'the latest sample is 09:20Z, after 09:02:13Z');
  });
});

describe('a loop of date and outputs', () => {
  it('another output between a date and its sample (sysctl) leaves the reading its date', () => {
    const note = [
      '```',
      '$ for i in 1 2; do date; sysctl net.ipv4.tcp_max_orphans; cat /proc/net/sockstat; sleep 60; done',
      'Fri Mar 14 09:00:00 UTC 2025',
      'net.ipv4.tcp_max_orphans = 65536',
      'TCP: inuse 5 orphan 1000 tw 1 alloc 5 mem 2',
      'Fri Mar 14 09:01:00 UTC 2025',
      'net.ipv4.tcp_max_orphans = 65536',
      'TCP: inuse 5 orphan 2000 tw 1 alloc 5 mem 2',
      '```',
    ].join('\n');
    assert.deepEqual(timelineOf(analyzeNote(note)).map((p) => [p.time, p.orphan]), [['2025-03-14T09:00:00Z', 1000], ['2025-03-14T09:01:00Z', 2000]]);
  });
});

describe('a heading\'s time and the blocks under it', () => {
  it('a block timed only by its heading comes after a block above it under that heading with its own, later time (audit s12 EN 3)', () => {
    const note = [
      '# web-3 2024-05-14',
      '',
      '## 14:30 after the fix',
      '',
      '```',
      "[root@web-3 ~]# date; ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
      'Tue May 14 14:30:40 UTC 2024',
      '   3702 FIN-WAIT-1',
      '    401 ESTAB',
      '```',
      '',
      'Killed the remaining ones with `ss -K`, then:',
      '',
      '```',
      "[root@web-3 ~]# ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
      '     12 FIN-WAIT-1',
      '    399 ESTAB',
      '```',
      '',
      '## 14:20 (pasted later: before the fix)',
      '',
      '```',
      "$ ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
      '  29000 FIN-WAIT-1',
      '```',
      '',
    ].join('\n');
    const model = analyzeNote(note);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2024-05-14T14:30:40Z', '2024-05-14T14:30:00Z', '2024-05-14T14:20:00Z']);
    const [first, second, third] = points.map((p) => p.minutes) as [number, number, number];
    assert.ok(second >= first, 'the second block is placed at 14:30:40, not before the first');
    assert.ok(third < first, 'another heading keeps its own time');
    // Before: the 14:30:40 block was the latest and its 3,702 FIN-WAIT-1 the current count.
    assert.equal(noteCounts(model).counts.get('FIN-WAIT-1')?.count, 12);
  });
});

describe('date with a zone name', () => {
  it('a CEST sample and a later `date -u` one are in order, 2 h apart on the clock (audit s10 J4)', () => {
    const note = [
      '```',
      '$ date; cat /proc/net/sockstat',
      'Tue Jul  8 11:02:13 CEST 2025',
      'TCP: inuse 10 orphan 1200 tw 5 alloc 10 mem 900',
      '```',
      '',
      '```',
      '$ date -u; cat /proc/net/sockstat',
      'Tue Jul  8 09:20:00 UTC 2025',
      'TCP: inuse 10 orphan 300 tw 5 alloc 10 mem 100',
      '```',
      '',
    ].join('\n');
    const points = timelineOf(analyzeNote(note));
    assert.deepEqual(points.map((p) => p.time), ['2025-07-08T11:02:13+02:00', '2025-07-08T09:20:00Z']);
    // 09:02:13Z then 09:20:00Z: the orphans fell (1,200 → 300); read as 11:02Z they seemed to rise back in time.
    assert.ok((points[0]?.minutes ?? 0) < (points[1]?.minutes ?? 0));
  });

  it('a zone name after a time in a heading or a line, as date prints it (`## 09:20 CEST`, `(JST)`); ambiguous names are not read', () => {
    assert.equal(iso('## 2025-03-14 09:20 CEST'), '2025-03-14T09:20:00+02:00');
    const offset = (s: string): number | undefined => parseTimeMention(s)?.offset;
    assert.equal(offset('### 09:20 CEST 再看一次'), 120);
    assert.equal(offset('14:05 (JST) on-call'), 540);
    assert.equal(offset('2:10 PM PDT'), -420);
    for (const z of ['CST', 'IST', 'BST', 'XYZ', 'TCP', 'ESTAB', 'Cest']) assert.equal(offset(`## 09:20 ${z}`), undefined, `${z} is no zone`);
    const note = [
      '## 2025-03-14 09:20 CEST (Berlin on-call)',
      '',
      '```',
      'TCP: inuse 900 orphan 20000 tw 9000 alloc 21000 mem 150000',
      '```',
      '',
      '```',
      '$ date -u; cat /proc/net/sockstat',
      'Fri Mar 14 07:30:00 UTC 2025',
      'TCP: inuse 900 orphan 30000 tw 9000 alloc 31000 mem 200000',
      '```',
      '',
    ].join('\n');
    const model = analyzeNote(note);
    const points = timelineOf(model);
    assert.deepEqual(points.map((p) => p.time), ['2025-03-14T09:20:00+02:00', '2025-03-14T07:30:00Z']);
    // 07:20Z then 07:30Z. Read as 09:20 in the note's other zone (UTC), the heading came 110 minutes after the date -u sample.
    assert.equal((points[1]?.minutes ?? 0) - (points[0]?.minutes ?? 0), 10);
  });
});
