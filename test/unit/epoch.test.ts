/**
 * `date +%s` output as sample times (report/epoch.ts): a loop of `date +%s` and sockstat gives one sample per
 * reading, in UTC; a ten-digit number is a time only in a block whose commands print the epoch seconds.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { timelineOf } from '../../src/core/report/timeline';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const reading = (seconds: number, orphan: number): string[] => [String(seconds), 'sockets: used 900', `TCP: inuse 500 orphan ${orphan} tw 100 alloc 600 mem 1000`];

const LOOP = [
  '# orphans climbing, sampled every minute',
  '',
  '```',
  '$ while true; do date +%s; cat /proc/net/sockstat; sleep 60; done',
  ...reading(1733390400, 10000),
  ...reading(1733390460, 11000),
  ...reading(1733390520, 12000),
  '```',
  '',
].join('\n');

describe('date +%s', () => {
  it('a loop of date +%s and sockstat: one sample a reading, in UTC, and the trend over them (built CLI)', () => {
    const file = join(tempDir('tsn-epoch-'), 'note.md');
    writeFileSync(file, LOOP);
    const j = JSON.parse(cliOut(['report', '--json', file])) as { timeline: { time: string; orphan: number }[]; trend: { orphanPerMinute: number } | null };
    assert.deepEqual(
      j.timeline.map((p) => [p.time, p.orphan]),
      [
        ['2024-12-05T09:20:00Z', 10000],
        ['2024-12-05T09:21:00Z', 11000],
        ['2024-12-05T09:22:00Z', 12000],
      ],
    );
    assert.equal(j.trend?.orphanPerMinute, 1000);
  });

  it('one `date -u +%s` before the sample; `+%s.%N` with its fraction', () => {
    const one = ['```', '$ date  -u   "+%s.%N"', '1733390400.123456789', '$ cat /proc/net/sockstat', 'TCP: inuse 5 orphan 7 tw 1 alloc 6 mem 1', '```', ''].join('\n');
    assert.deepEqual(timelineOf(analyzeNote(one)).map((p) => p.time), ['2024-12-05T09:20:00Z']);
  });

  it('a ten-digit number in a block that runs no `date +%s` is no time', () => {
    for (const block of [
      ['```', '$ date', 'Thu Dec  5 11:00:00 UTC 2024', '1733390400', 'TCP: inuse 5 orphan 7 tw 1 alloc 6 mem 1', '```'],
      ['```', '$ cat /proc/sys/fs/file-nr | cut -f3', '1733390400', 'TCP: inuse 5 orphan 7 tw 1 alloc 6 mem 1', '```'],
      ['```', '$ echo "date +%s" is what we ran later', '1733390400', 'TCP: inuse 5 orphan 7 tw 1 alloc 6 mem 1', '```'],
    ]) {
      const times = timelineOf(analyzeNote(block.join('\n'))).map((p) => p.time);
      assert.ok(!times.includes('2024-12-05T09:20:00Z'), `${block[1]}: ${times.join(', ')}`);
    }
  });
});
