/**
 * Samples read in other network namespaces (audit H4): a node's `/proc/net/sockstat` beside a pod's, read through
 * `ip netns exec`, `nsenter -t PID -n`, `kubectl exec`, `docker exec`. sockstat `orphan`, `alloc` and `mem` are
 * host-wide; `inuse`, `tw` and `sockets: used` are the namespace's own, and so is `tcp_max_tw_buckets` (facts §4.1,
 * §3): a `tw` trend runs within one namespace, and `tw` is compared with the limit read in its own namespace, never
 * the host's. From the core and through the built CLI, in English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { isPerNetnsSysctl } from '../../src/core/report/netns';
import { cliOut } from '../support/cli';

const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });

/** A host sample at 09:00 with the host's limits, then the same machine's `app` namespace at 09:10 (and 09:20). */
function note(wrapper: string, extra: string[] = []): string {
  return [
    '# web-3: TIME-WAIT piling up in the app container',
    '',
    '## on the host',
    '',
    '```',
    '[root@web-3 09:00:00]# cat /proc/net/sockstat',
    'sockets: used 900',
    'TCP: inuse 300 orphan 1200 tw 150 alloc 1500 mem 9000',
    '[root@web-3 09:00:05]# sysctl net.ipv4.tcp_max_tw_buckets net.ipv4.tcp_max_orphans',
    'net.ipv4.tcp_max_tw_buckets = 262144',
    'net.ipv4.tcp_max_orphans = 65536',
    '```',
    '',
    '## inside the app',
    '',
    '```',
    `[root@web-3 09:10:00]# ${wrapper} cat /proc/net/sockstat`,
    'sockets: used 20100',
    'TCP: inuse 20000 orphan 1500 tw 18000 alloc 21000 mem 9600',
    ...extra,
    '```',
    '',
  ].join('\n');
}

describe('samples read in another network namespace', () => {
  it('tw is not compared with the host\'s tcp_max_tw_buckets, nor trended across namespaces; orphan and mem stay host-wide', () => {
    const r = report(note('ip netns exec app'));
    const l = r.json.limits;
    assert.equal(l.tw, 18000);
    assert.equal(l.tcpMaxTwBuckets, null, "the host's 262,144 is not the app namespace's limit");
    assert.equal(l.twRatio, null);
    assert.equal(l.twPerMinute, null, 'one sample in the app namespace: no tw rate (was 1,785 a minute from the host\'s 150)');
    assert.equal(l.twNetns, 'netns app');
    // Host-wide fields: the trend and the limits still combine both samples.
    assert.equal(r.json.trend?.orphanPerMinute, 30);
    assert.equal(l.tcpMaxOrphans, 65536);
    assert.equal(l.memPerMinute, 60);
    assert.deepEqual(r.json.timeline.map((p) => p.netns ?? null), [null, 'netns app']);
    assert.ok(!r.json.causes.some((c) => c.rule === 'time-wait-table-full'));
    const md = reportMarkdown(r, 'en');
    assert.match(md, /\| 09:10:00 \(network namespace: netns app\) \| 17 \|/);
    assert.match(md, /- tw 18,000 in netns app[^;\n]*; tcp_max_tw_buckets is per network namespace, and this one's is not in the note\n/);
    const zh = reportMarkdown(report(note('ip netns exec app'), 'zh-cn'), 'zh-cn');
    assert.match(zh, /\| 09:10:00（网络命名空间：netns app） \| 17 \|/);
    assert.match(zh, /- tw 18,000，位于 netns app[^；\n]*；tcp_max_tw_buckets 每个网络命名空间各有一个，笔记中没有这个命名空间的值\n/);
  });

  it('the limit read in the same namespace is the one tw is compared with, and the trend reads that namespace\'s samples', () => {
    const text = note('ip netns exec app', [
      '[root@web-3 09:10:05]# ip netns exec app sysctl net.ipv4.tcp_max_tw_buckets',
      'net.ipv4.tcp_max_tw_buckets = 32768',
      '[root@web-3 09:20:00]# ip netns exec app cat /proc/net/sockstat',
      'TCP: inuse 21000 orphan 1400 tw 19000 alloc 22000 mem 9700',
    ]);
    const l = report(text).json.limits;
    assert.equal(l.tcpMaxTwBuckets, 32768);
    assert.equal(l.twRatio, 0.5798);
    assert.equal(l.twPerMinute, 100, '18,000 → 19,000 in ten minutes, the host\'s 150 left out');
    assert.equal(l.earlier.tcpMaxTwBuckets, null, "the host's limit is not an earlier value of this namespace's");
    assert.equal(l.tcpMaxOrphans, 65536, 'tcp_max_orphans is host-wide: the host\'s reading holds in every namespace');
  });

  it("a per-namespace sysctl that differs between two namespaces is no change: the host-wide orphan trend still reads both", () => {
    const text = note('ip netns exec app', ['[root@web-3 09:10:05]# ip netns exec app sysctl net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_fin_timeout = 30']).replace(
      'net.ipv4.tcp_max_orphans = 65536',
      'net.ipv4.tcp_max_orphans = 65536\nnet.ipv4.tcp_fin_timeout = 60',
    );
    const r = report(text);
    assert.equal(r.json.trend?.orphanPerMinute, 30);
    assert.equal(r.json.limits.fitSince, undefined);
  });

  it('each wrapper names its namespace; ssh and nsenter -t 1 are the host\'s own', () => {
    const cases: [string, string | null][] = [
      ['nsenter -t 48211 -n', 'nsenter 48211'],
      ['kubectl -n shop exec api-0 --', 'kubectl shop/api-0'],
      ['docker exec web', 'docker web'],
      ['crictl exec 3f2a9c', 'docker 3f2a9c'],
      ['nsenter -t 1 -n', null],
      ['ssh web-3', null],
      // The namespace file of a PID is that PID's namespace: two pods' files are two namespaces, not one "net".
      ['nsenter --net=/proc/48211/ns/net', 'nsenter 48211'],
      ['nsenter --net=/var/run/netns/blue', 'netns blue'],
      ['nsenter -t 48211 -mnp', 'nsenter 48211'],
      ['nsenter -a -t 48211', 'nsenter 48211'],
      // Without -n nsenter keeps the host's network namespace (a mount or PID namespace only).
      ['nsenter -t 48211 -m -p', null],
      ['nsenter -t48211 -m', null],
    ];
    for (const [wrapper, netns] of cases) {
      const r = report(note(wrapper));
      assert.deepEqual(r.json.timeline.map((p) => p.netns ?? null), [null, netns], wrapper);
      assert.equal(r.json.limits.tcpMaxTwBuckets, netns === null ? 262144 : null, wrapper);
    }
  });

  it('per-namespace sysctls are not borrowed across namespaces; the host-wide ones are', () => {
    for (const key of ['net.ipv4.tcp_max_tw_buckets', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.ip_local_port_range', 'net.core.somaxconn']) assert.ok(isPerNetnsSysctl(key), key);
    for (const key of ['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_mem', 'fs.file-max']) assert.ok(!isPerNetnsSysctl(key), key);
  });

  it("a host's and a namespace's outputs in one block are two samples", () => {
    const text = [
      '## 09:00',
      '',
      '```',
      '[root@web-3 ~]# cat /proc/net/sockstat',
      'TCP: inuse 300 orphan 1200 tw 150 alloc 1500 mem 9000',
      '[root@web-3 ~]# ip netns exec app cat /proc/net/sockstat',
      'TCP: inuse 20000 orphan 1210 tw 18000 alloc 21000 mem 9010',
      '```',
    ].join('\n');
    const j = report(text).json;
    assert.deepEqual(j.timeline.map((p) => [p.time, p.tw, p.netns ?? null]), [['09:00:00', 150, null], ['09:00:00', 18000, 'netns app']]);
    assert.equal(j.limits.tw, 18000);
    assert.equal(j.limits.twNetns, 'netns app');
  });

  it('a per-state count does not grow from one namespace to another', () => {
    const text = [
      '```',
      "[root@web-3 09:00:00]# ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'",
      'ESTAB 500',
      'CLOSE-WAIT 5',
      '```',
      '',
      '```',
      "[root@web-3 09:10:00]# nsenter -t 4821 -n ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'",
      'ESTAB 5000',
      'CLOSE-WAIT 60',
      '```',
    ].join('\n');
    assert.ok(!report(text).json.causes.some((c) => c.rule === 'close-wait-not-closed'), 'the host\'s 5 and the pod\'s 60 are different sockets');
    // The same two counts in one namespace do grow.
    assert.ok(report(text.replace('nsenter -t 4821 -n ', '')).json.causes.some((c) => c.rule === 'close-wait-not-closed'));
  });

  it('through the built CLI', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsn-netns-')), 'note.md');
    writeFileSync(file, note('nsenter -t 48211 -n'));
    const j = JSON.parse(cliOut(['report', '--json', file])) as { limits: { tcpMaxTwBuckets: number | null; twPerMinute: number | null; twNetns?: string }; timeline: { netns?: string }[] };
    assert.equal(j.limits.tcpMaxTwBuckets, null);
    assert.equal(j.limits.twPerMinute, null);
    assert.equal(j.limits.twNetns, 'nsenter 48211');
    assert.equal(j.timeline[1]?.netns, 'nsenter 48211');
    assert.match(cliOut(['report', file]), /- tw 18,000 in nsenter 48211; tcp_max_tw_buckets is per network namespace/);
  });
});
