/**
 * Samples from several hosts in one note (report/hosts.ts; audit s10 J1): a healthy host pasted "for comparison"
 * beside the sick one. The trend and the limits read one host's samples — the host under most pressure — and the
 * report says which; rows name their host. Through the built CLI and the core (the workspace index's orphan
 * summary reads the same limits).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { hostSeries, segmentHosts } from '../../src/core/report/hosts';
import { IdTable } from '../../src/core/workspace/names';
import { indexNote } from '../../src/core/workspace/note';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const sample = (host: string, time: string, orphan: number, mem: number): string[] => [
  '```',
  `[root@${host} ${time}]# cat /proc/net/sockstat`,
  `TCP: inuse 900 orphan ${orphan} tw 9000 alloc ${orphan + 1000} mem ${mem}`,
  '```',
  '',
];

const TWO_HOSTS = [
  '# lb pool: orphans on lb-1',
  '',
  '## 14:05 lb-1 (sick)',
  '',
  ...sample('lb-1', '14:05:10', 30000, 200000),
  '```',
  '[root@lb-1 14:05:12]# sysctl net.ipv4.tcp_max_orphans',
  'net.ipv4.tcp_max_orphans = 65536',
  '```',
  '',
  '## 14:07 lb-2 (healthy, same pool, for comparison)',
  '',
  ...sample('lb-2', '14:07:40', 1200, 21000),
].join('\n');

/** lb-1 rising by 1,000 a minute; lb-2 flat, its samples between and after lb-1's. */
const SERIES = [
  '# two hosts, two series',
  '',
  '```',
  'net.ipv4.tcp_max_orphans = 65536',
  '```',
  '',
  ...sample('lb-1', '14:00:00', 10000, 100000),
  ...sample('lb-2', '14:05:00', 1000, 20000),
  ...sample('lb-1', '14:10:00', 20000, 150000),
  ...sample('lb-2', '14:15:00', 1100, 21000),
].join('\n');

/** Each host with its counts, a listing and a counter reading; lb-2's come later in the note. */
const COUNTS = [
  '# lb pool: counts per host',
  '',
  '```',
  '[root@lb-1 14:05:10]# cat /proc/net/sockstat',
  'TCP: inuse 900 orphan 30000 tw 9000 alloc 31000 mem 200000',
  "[root@lb-1 14:05:11]# ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
  '  30000 FIN-WAIT-1',
  '    812 ESTAB',
  '     40 CLOSE-WAIT',
  '[root@lb-1 14:05:12]# ss -tan state close-wait',
  'Recv-Q Send-Q Local Address:Port Peer Address:Port',
  '1      0      10.0.0.1:8080      10.0.9.9:51234',
  '[root@lb-1 14:05:13]# nstat -az TcpExtListenOverflows',
  'TcpExtListenOverflows           100                0.0',
  '```',
  '',
  '## lb-2, for comparison',
  '',
  '```',
  '[root@lb-2 14:07:40]# cat /proc/net/sockstat',
  'TCP: inuse 900 orphan 1200 tw 9000 alloc 2100 mem 21000',
  "[root@lb-2 14:07:41]# ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
  '   1200 FIN-WAIT-1',
  '    900 ESTAB',
  '[root@lb-2 14:07:42]# ss -tan state fin-wait-1',
  'Recv-Q Send-Q Local Address:Port Peer Address:Port',
  '0      0      10.0.0.2:443       10.0.8.8:40000',
  '[root@lb-2 14:07:43]# nstat -az TcpExtListenOverflows',
  'TcpExtListenOverflows           5000               0.0',
  '```',
].join('\n');

function noteFile(text: string): string {
  const file = join(tempDir('tsn-hosts-'), 'note.md');
  writeFileSync(file, text);
  return file;
}

interface ReportJson {
  states: Record<string, { count: number; countLine: number; sockets: { listed: number } }>;
  trend: { orphanPerMinute: number } | null;
  limits: { orphan: number | null; orphanRatio: number | null; mem: number | null };
  causes: { rule: string }[];
  timeline: { time: string; orphan: number | null }[];
}

describe('samples from several hosts', () => {
  it('a healthy host for comparison: no trend between two machines, the sick host\'s limits, its cause', () => {
    const file = noteFile(TWO_HOSTS);
    const j = JSON.parse(cliOut(['report', '--json', file])) as ReportJson;
    assert.equal(j.trend, null, 'one sample of lb-1: no trend (was −11,520 a minute across the two hosts)');
    assert.equal(j.limits.orphan, 30000, "lb-1's sample, not lb-2's later one");
    assert.equal(j.limits.orphanRatio, 0.4578);
    assert.deepEqual(j.causes.map((c) => c.rule), ['orphan-limit-pressure']);
    assert.equal(j.timeline.length, 2, 'the timeline keeps both samples');
    const text = cliOut(['report', file]);
    assert.match(text, /\| 14:05:10 \(lb-1\) \| \d+ \| 30,000 \|/);
    assert.match(text, /\| 14:07:40 \(lb-2\) \| \d+ \| 1,200 \|/);
    assert.match(text, /Samples from 2 hosts \(named by prompts or per-host headers\): the state counts, the trend and the limits read lb-1, the host under most pressure; not mixed in: lb-2 \(1 sample\)\./);
    const zh = cliOut(['report', '--lang', 'zh-cn', file]);
    assert.match(zh, /采样来自 2 台主机（见提示符或各主机的输出标题）：状态计数、趋势和上限只看压力最大的 lb-1；未混入：lb-2（1 个采样）。/);
  });

  it('a for loop over hosts with ssh: the lines it echoes (== lb-2) name the host of the output under them (audit s13 3)', () => {
    const note = [
      '## 14:05', '', '```',
      '$ for h in lb-2 lb-3; do echo "== $h"; ssh $h cat /proc/net/sockstat | grep TCP; done',
      '== lb-2', 'TCP: inuse 2230 orphan 40112 tw 4980 alloc 42400 mem 80120',
      '== lb-3', 'TCP: inuse 2080 orphan 98 tw 5100 alloc 2250 mem 1380',
      '```', '', '## 14:20', '', '```',
      '[root@lb-2 ~]# cat /proc/net/sockstat', 'TCP: inuse 2240 orphan 44980 tw 5020 alloc 47200 mem 90210',
      '[root@lb-2 ~]# sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536', '```',
    ].join('\n');
    const j = JSON.parse(cliOut(['report', '--json', noteFile(note)])) as ReportJson;
    assert.deepEqual(j.timeline.map((p) => p.orphan), [40112, 98, 44980]);
    assert.equal(Math.round((j.trend?.orphanPerMinute ?? 0) * 100) / 100, 324.53, "lb-2's own trend: 40,112 → 44,980 in 15 minutes (was 2,992 a minute from lb-3's 98)");
    // Markers of words the loop does not go over, and loops whose hosts are not in the line, name no host.
    const other = note.replace('== lb-3', '== total').replace('for h in lb-2 lb-3', 'for h in $(cat hosts)');
    assert.equal((JSON.parse(cliOut(['report', '--json', noteFile(other)])) as ReportJson).timeline.length, 2);
  });

  it('two series in one note: the trend is the sick host\'s own', () => {
    const j = JSON.parse(cliOut(['report', '--json', noteFile(SERIES)])) as ReportJson;
    assert.equal(j.trend?.orphanPerMinute, 1000, 'lb-1: 10,000 → 20,000 in 10 minutes');
    assert.equal(j.limits.orphan, 20000);
    assert.equal(j.limits.mem, 150000);
  });

  it("the state counts, the listed sockets and the counters are the sick host's too", () => {
    const file = noteFile(COUNTS);
    const j = JSON.parse(cliOut(['report', '--json', file])) as ReportJson;
    const counts = Object.fromEntries(Object.entries(j.states).map(([k, v]) => [k, v.count]));
    // Before: lb-2's later count (FIN-WAIT-1 1,200, ESTABLISHED 900) won and made lb-1's CLOSE-WAIT gone.
    assert.deepEqual(counts, { ESTABLISHED: 812, 'FIN-WAIT-1': 30000, 'CLOSE-WAIT': 40 });
    assert.equal(j.states['CLOSE-WAIT']?.sockets.listed, 1, "lb-1's listed CLOSE-WAIT row");
    assert.equal(j.states['FIN-WAIT-1']?.sockets.listed, 0, "lb-2's FIN-WAIT-1 row is another machine's");
    assert.ok(!j.causes.some((c) => c.rule === 'listen-accept-queue-overflow'), 'ListenOverflows 100 on lb-1, 5,000 on lb-2: no rise');
    assert.match(cliOut(['report', file]), /the state counts, the trend and the limits read lb-1/);
    // The same counts on one host: the counter rose, and the later count wins.
    const one = JSON.parse(cliOut(['report', '--json', noteFile(COUNTS.replace(/lb-2/g, 'lb-1'))])) as ReportJson;
    assert.equal(one.states['FIN-WAIT-1']?.count, 1200);
    assert.ok(one.causes.some((c) => c.rule === 'listen-accept-queue-overflow'));
  });

  it('two hosts in one block: each host\'s outputs are a reading at its prompt\'s time; the sick host is read (audit s12)', () => {
    const note = [
      '# lb orphans',
      '',
      '```',
      '[root@lb-1 14:05:00]# cat /proc/net/sockstat',
      'TCP: inuse 44180 orphan 40000 tw 5120 alloc 44310 mem 120033',
      '[root@lb-1 14:05:05]# sysctl net.ipv4.tcp_max_orphans',
      'net.ipv4.tcp_max_orphans = 65536',
      '```',
      '',
      '```',
      '[root@lb-1 14:15:00]# cat /proc/net/sockstat',
      'TCP: inuse 57330 orphan 53200 tw 5130 alloc 57500 mem 160912',
      '[root@lb-2 14:15:20]# cat /proc/net/sockstat',
      'TCP: inuse 1811 orphan 820 tw 4990 alloc 1940 mem 2230',
      '```',
    ].join('\n');
    const file = noteFile(note);
    const j = JSON.parse(cliOut(['report', '--json', file])) as ReportJson;
    // Before: one row 14:15:00 with lb-2's 820, a trend of −3,918 a minute and no cause.
    assert.deepEqual(j.timeline.map((p) => [p.time, p.orphan]), [['14:05:00', 40000], ['14:15:00', 53200], ['14:15:20', 820]]);
    assert.equal(j.trend?.orphanPerMinute, 1320);
    assert.equal(j.limits.orphan, 53200);
    assert.deepEqual(j.causes.map((c) => c.rule), ['orphan-limit-pressure']);
    // The Line column names lb-2's own prompt, two lines below the block's first.
    assert.match(cliOut(['report', file]), /\| 14:15:20 \(lb-2\) \| 13 \| 820 \|/);
    // The same block under a heading's time, no time in the prompts: both readings at the heading's time.
    const heading = note.replace(/ 14:\d\d:\d\d\]/g, ']').replace('```\n[root@lb-1]# cat /proc/net/sockstat\nTCP: inuse 57330', '## 14:15\n\n```\n[root@lb-1]# cat /proc/net/sockstat\nTCP: inuse 57330').replace('# lb orphans\n', '# lb orphans\n\n## 14:05\n');
    const h = JSON.parse(cliOut(['report', '--json', noteFile(heading)])) as ReportJson;
    assert.deepEqual(h.timeline.map((p) => [p.time, p.orphan]), [['14:05:00', 40000], ['14:15:00', 53200], ['14:15:00', 820]]);
    assert.equal(h.limits.orphan, 53200);
    // No time anywhere: the limits still read lb-1's numbers, not the block's last output.
    const untimed = JSON.parse(cliOut(['report', '--json', noteFile(note.replace(/ 14:\d\d:\d\d\]/g, ']'))])) as ReportJson;
    assert.deepEqual(untimed.timeline, []);
    assert.equal(untimed.limits.orphan, 53200);
  });

  it('an output whose prompt names no host is the host\'s of the prompt before it in its block', () => {
    const note = [
      '```',
      '[root@lb-1 ~]# cat /proc/net/sockstat',
      'TCP: inuse 900 orphan 30000 tw 9000 alloc 31000 mem 200000',
      '```',
      '',
      '```',
      '[root@lb-2 ~]# cat /proc/net/sockstat',
      'TCP: inuse 900 orphan 1200 tw 9000 alloc 2100 mem 21000',
      "$ ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c",
      '   1200 FIN-WAIT-1',
      '    900 ESTAB',
      '```',
    ].join('\n');
    const model = analyzeNote(note);
    assert.deepEqual(segmentHosts(model.evidence[1] as (typeof model.evidence)[number]), ['lb-2', 'lb-2']);
    const j = JSON.parse(cliOut(['report', '--json', noteFile(note)])) as ReportJson;
    assert.deepEqual(j.states, {}, "lb-2's count is not lb-1's");
    assert.equal(j.limits.orphan, 30000);
  });

  it('ansible and pssh output name their hosts; each host\'s sysctl is its own limit (audit s12 ZH 1)', () => {
    const note = [
      '# 2024年3月7日 下午3点20分 两台 LB 对比',
      '',
      '```bash',
      "$ ansible lb -m shell -a 'cat /proc/net/sockstat; sysctl net.ipv4.tcp_max_orphans'",
      'lb-1 | CHANGED | rc=0 >>',
      'TCP: inuse 44000 orphan 36000 tw 5100 alloc 44500 mem 150000',
      'net.ipv4.tcp_max_orphans = 65536',
      'lb-2 | CHANGED | rc=0 >>',
      'TCP: inuse 5210 orphan 210 tw 4790 alloc 5310 mem 9100',
      'net.ipv4.tcp_max_orphans = 262144',
      '```',
    ].join('\n');
    const segs = analyzeNote(note).evidence[0]?.segments ?? [];
    assert.deepEqual(segs.map((x) => [x.kind, x.scope?.host]), [['sockstat', 'lb-1'], ['sysctl', 'lb-1'], ['sockstat', 'lb-2'], ['sysctl', 'lb-2']]);
    const j = JSON.parse(cliOut(['report', '--json', noteFile(note)])) as ReportJson & { limits: { tcpMaxOrphans: number | null } };
    assert.equal(j.limits.orphan, 36000);
    assert.equal(j.limits.tcpMaxOrphans, 65536, "lb-1's own limit, not lb-2's 262144 printed after it");
    assert.equal(j.limits.orphanRatio, 0.5493);
    const pssh = ['```', '$ pssh -i -h lbs.txt cat /proc/net/sockstat', '[1] 15:20:01 [SUCCESS] lb-2', 'TCP: inuse 5 orphan 210 tw 1 alloc 5 mem 2', '[2] 15:20:01 [SUCCESS] lb-1:22', 'TCP: inuse 5 orphan 36000 tw 1 alloc 5 mem 2', '```'].join('\n');
    assert.deepEqual(analyzeNote(pssh).evidence[0]?.segments.map((x) => x.scope?.host), ['lb-2', 'lb-1']);
    // Not a header: a table row, a pipe in output.
    assert.equal(analyzeNote(['```', 'lb-1 | CHANGED | rc=0', 'TCP: inuse 5 orphan 3 tw 1 alloc 5 mem 2', '```'].join('\n')).evidence[0]?.segments[0]?.scope, undefined);
  });

  it('a command run through ssh is that host\'s, quoted or not; the next command is the prompt\'s host again', () => {
    const note = [
      '```',
      '[root@jump ~]# ssh lb-1 cat /proc/net/sockstat',
      'TCP: inuse 44000 orphan 36000 tw 5100 alloc 44500 mem 150000',
      "[root@jump ~]# ssh -p 2222 root@lb-2 'cat /proc/net/sockstat'",
      'TCP: inuse 5210 orphan 210 tw 4790 alloc 5310 mem 9100',
      '[root@jump ~]# cat /proc/net/sockstat',
      'TCP: inuse 10 orphan 0 tw 1 alloc 10 mem 1',
      '```',
    ].join('\n');
    const block = analyzeNote(note).evidence[0] as ReturnType<typeof analyzeNote>['evidence'][number];
    assert.deepEqual(segmentHosts(block), ['lb-1', 'lb-2', 'jump']);
    assert.deepEqual(hostSeries(analyzeNote(note)), { host: 'lb-1', others: [{ host: 'lb-2', samples: 1 }, { host: 'jump', samples: 1 }] });
  });

  it('the host under most pressure: by its peak, by its share of its own limit when every host gives one (review s12)', () => {
    const sock = (host: string, time: string, orphan: number) => ['```', `[root@${host} ${time}]# cat /proc/net/sockstat`, `TCP: inuse 9 orphan ${orphan} tw 9 alloc 9 mem 9`, '```', ''];
    const max = (host: string, v: number) => ['```', `[root@${host} ~]# sysctl net.ipv4.tcp_max_orphans`, `net.ipv4.tcp_max_orphans = ${v}`, '```', ''];
    // lb-1 fixed later in the note is still the host the incident is about.
    assert.equal(hostSeries(analyzeNote([...sock('lb-1', '14:00:00', 60000), ...sock('lb-1', '14:30:00', 100), ...sock('lb-2', '14:35:00', 1200)].join('\n')))?.host, 'lb-1');
    // 4,000 of 4,096 is more pressure than 5,000 of 262,144.
    const rk = [...max('lb-1', 4096), ...max('big-2', 262144), ...sock('lb-1', '14:00:00', 4000), ...sock('big-2', '14:00:00', 5000)].join('\n');
    assert.equal(hostSeries(analyzeNote(rk))?.host, 'lb-1');
    // Without a note-wide timeline the report still says which host it read.
    const untimed = [...sock('lb-1', '~', 30000), ...sock('lb-2', '~', 100)].join('\n').replace(/ ~\]/g, ' ~]');
    assert.match(cliOut(['report', noteFile(untimed)]), /Samples from 2 hosts .* read lb-1, the host under most pressure; not mixed in: lb-2 \(1 sample\)\./);
    // One host spelled two ways is one host: its sysctl is the sample's limit.
    const spelled = [...sock('lb-1', '~', 30000), '```', 'root@LB-1.prod.example.com:~# sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 32768', '```'].join('\n');
    assert.equal(hostSeries(analyzeNote(spelled)), undefined);
    const j = JSON.parse(cliOut(['report', '--json', noteFile(spelled)])) as ReportJson & { limits: { tcpMaxOrphans: number | null } };
    assert.equal(j.limits.tcpMaxOrphans, 32768);
  });

  it('one host\'s outputs in one block at prompt times a minute or more apart are two readings (review s12)', () => {
    const note = ['```', '[root@lb-1 14:05:00]# cat /proc/net/sockstat', 'TCP: inuse 9 orphan 10000 tw 9 alloc 9 mem 9', '[root@lb-1 14:20:00]# cat /proc/net/sockstat', 'TCP: inuse 9 orphan 40000 tw 9 alloc 9 mem 9', '[root@lb-2 14:21:00]# cat /proc/net/sockstat', 'TCP: inuse 9 orphan 800 tw 9 alloc 9 mem 9', '```'].join('\n');
    const j = JSON.parse(cliOut(['report', '--json', noteFile(note)])) as ReportJson;
    assert.deepEqual(j.timeline.map((p) => [p.time, p.orphan]), [['14:05:00', 10000], ['14:20:00', 40000], ['14:21:00', 800]]);
    assert.equal(j.trend?.orphanPerMinute, 2000);
  });

  it('the core: which host, and the workspace index agrees', () => {
    assert.deepEqual(hostSeries(analyzeNote(TWO_HOSTS)), { host: 'lb-1', others: [{ host: 'lb-2', samples: 1 }] });
    assert.deepEqual(hostSeries(analyzeNote(SERIES)), { host: 'lb-1', others: [{ host: 'lb-2', samples: 2 }] });
    assert.equal(indexNote(TWO_HOSTS, new IdTable()).orphan?.value, 30000);
    // One host named, or none: one series, as before.
    assert.equal(hostSeries(analyzeNote(SERIES.replace(/lb-2/g, 'lb-1'))), undefined);
    assert.equal(hostSeries(analyzeNote(SERIES.replace(/\[root@lb-\d /g, '['))), undefined);
  });
});
