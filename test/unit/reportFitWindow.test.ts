/**
 * A trend fitted across a fix (audit L3): when the note changes the limit that bounds a field between samples
 * (`sysctl -w net.ipv4.tcp_max_tw_buckets=…`, `sysctl -p` with a new tcp_max_orphans), the samples before the
 * change were taken under other settings. The field's rate, and the minutes to its limits, come from the samples
 * after the latest change only; with fewer than two of them there is no rate, and the report says why. From the core
 * and through the built CLI, in English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { cliOut } from '../support/cli';

const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });

/** tw held at 8,000 by tcp_max_tw_buckets 8,000; the limit raised at 08:15; then `after` samples. */
function twNote(after: string[]): string {
  return [
    '# gw-5: TIME-WAIT table full',
    '',
    '```',
    '[root@gw-5 08:00:00]# cat /proc/net/sockstat',
    'TCP: inuse 800 orphan 20 tw 8000 alloc 820 mem 300',
    '[root@gw-5 08:00:10]# sysctl net.ipv4.tcp_max_tw_buckets',
    'net.ipv4.tcp_max_tw_buckets = 8000',
    '[root@gw-5 08:10:00]# cat /proc/net/sockstat',
    'TCP: inuse 800 orphan 22 tw 8000 alloc 820 mem 300',
    '```',
    '',
    'Raised the limit:',
    '',
    '```',
    '[root@gw-5 08:15:00]# sysctl -w net.ipv4.tcp_max_tw_buckets=100000',
    'net.ipv4.tcp_max_tw_buckets = 100000',
    ...after,
    '```',
    '',
  ].join('\n');
}

const AT_0820 = ['[root@gw-5 08:20:00]# cat /proc/net/sockstat', 'TCP: inuse 800 orphan 21 tw 30000 alloc 820 mem 310'];
const AT_0825 = ['[root@gw-5 08:25:00]# cat /proc/net/sockstat', 'TCP: inuse 800 orphan 23 tw 40000 alloc 820 mem 320'];

describe('a trend is fitted only on samples taken under the same settings', () => {
  it('one sample after tcp_max_tw_buckets was raised: no tw rate, and the report says why', () => {
    const r = report(twNote(AT_0820));
    const l = r.json.limits;
    assert.equal(l.tw, 30000);
    assert.equal(l.tcpMaxTwBuckets, 100000);
    assert.equal(l.twPerMinute, null, 'was 1,100 a minute fitted across the change');
    assert.equal(l.minutesToTwLimit, null);
    assert.deepEqual(l.fitSince?.tw, { setting: 'net.ipv4.tcp_max_tw_buckets', value: '100000', line: 15, time: '08:15:00', samples: 1 });
    // The orphan trend is not governed by tcp_max_tw_buckets: all three samples.
    assert.equal(r.json.trend?.orphanPerMinute, 0.05);
    assert.equal(l.fitSince?.orphan, undefined);
    assert.match(reportMarkdown(r, 'en'), /- tw 30,000 of tcp_max_tw_buckets 100,000 \(30 %\), no rate: tcp_max_tw_buckets was changed at 08:15:00 \(line 16\), and fewer than two samples follow; earlier tcp_max_tw_buckets 8,000: tw 8,000 \(100 %\)/);
    assert.match(reportMarkdown(report(twNote(AT_0820), 'zh-cn'), 'zh-cn'), /- tw 30,000，tcp_max_tw_buckets 100,000（30 %），无法计算变化速度：tcp_max_tw_buckets 在 08:15:00（第 16 行）改过，之后不到两个采样；/);
  });

  it('two samples after the change: the rate and the minutes to the limit are theirs', () => {
    const r = report(twNote([...AT_0820, ...AT_0825]));
    const l = r.json.limits;
    assert.equal(l.twPerMinute, 2000, '30,000 → 40,000 in five minutes');
    assert.equal(l.minutesToTwLimit, 30);
    assert.equal(l.fitSince?.tw?.samples, 2);
    assert.match(reportMarkdown(r, 'en'), /, 2,000 a minute \(since tcp_max_tw_buckets was changed at 08:15:00 \(line 16\)\)/);
    assert.match(reportMarkdown(report(twNote([...AT_0820, ...AT_0825]), 'zh-cn'), 'zh-cn'), /，每分钟变化 2,000 个（自 08:15:00（第 16 行）tcp_max_tw_buckets 改动后）/);
  });

  it('the orphan trend after tcp_max_orphans changed: none with one sample since, and why', () => {
    const text = [
      '```',
      '[root@api-7 10:00:00]# cat /proc/net/sockstat',
      'TCP: inuse 9000 orphan 8300 tw 4000 alloc 9100 mem 50000',
      '[root@api-7 10:00:20]# sysctl net.ipv4.tcp_max_orphans',
      'net.ipv4.tcp_max_orphans = 8192',
      '```',
      '',
      '```',
      '[root@api-7 10:20:00]# sysctl -w net.ipv4.tcp_max_orphans=65536',
      'net.ipv4.tcp_max_orphans = 65536',
      '[root@api-7 10:30:00]# cat /proc/net/sockstat',
      'TCP: inuse 9500 orphan 8900 tw 4100 alloc 9600 mem 52000',
      '```',
    ].join('\n');
    const r = report(text);
    assert.equal(r.json.trend, null, 'was 20 a minute across the change, with ¼ of 65,536 "in 374.8 min"');
    assert.equal(r.json.limits.fitSince?.orphan?.setting, 'net.ipv4.tcp_max_orphans');
    assert.equal(r.json.limits.memPerMinute, 66.67, 'tcp_mem did not change: the memory trend reads both samples');
    assert.match(reportMarkdown(r, 'en'), /No orphan trend: tcp_max_orphans was changed at 10:20:00 \(line 10\), and fewer than two timed samples with an orphan count follow\./);
    assert.match(reportMarkdown(report(text, 'zh-cn'), 'zh-cn'), /无法得出孤儿趋势：tcp_max_orphans 在 10:20:00（第 10 行）改过，之后带孤儿数的带时间采样不到两个。/);
  });

  it('the same value read again is no change', () => {
    const same = twNote(AT_0820).replace('tcp_max_tw_buckets=100000', 'tcp_max_tw_buckets=8000').replace('tcp_max_tw_buckets = 100000', 'tcp_max_tw_buckets = 8000');
    const l = report(same).json.limits;
    assert.ok(l.twPerMinute !== null && l.twPerMinute > 0);
    assert.equal(l.fitSince, undefined);
  });

  it('through the built CLI', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsn-fit-')), 'note.md');
    writeFileSync(file, twNote(AT_0820));
    const j = JSON.parse(cliOut(['report', '--json', file])) as { limits: { twPerMinute: number | null; fitSince?: { tw?: { samples: number } } } };
    assert.equal(j.limits.twPerMinute, null);
    assert.equal(j.limits.fitSince?.tw?.samples, 1);
    assert.match(cliOut(['report', file]), /no rate: tcp_max_tw_buckets was changed at 08:15:00 \(line 16\)/);
  });
});
