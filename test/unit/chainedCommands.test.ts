/**
 * A command line of several commands (`date; grep TCP: /proc/net/sockstat; ss -tan | awk '… END …'`, `ssh $h
 * 'date +%T; …; sysctl -n KEY'`): each output is read by the pipeline that printed it. A filter (`grep`, `head`)
 * cuts only its own pipeline's output; the bare numbers `sysctl -n` prints belong to its keys, in order, when
 * they can be told from the other commands' output (audit H2, H5). Checked in the core and through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeSegments, parseEvidence } from '../../src/core/evidence/parse';
import { parseCommand } from '../../src/core/evidence/command';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const dir = tempDir('tsn-chained-');
function noteFile(name: string, lines: readonly string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n'));
  return p;
}
const sysctls = (text: string): Record<string, string> => mergeSegments(parseEvidence(text)).sysctls;

const AWK_TABLE = "ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'";
const TABLE = ['ESTAB 3120', 'FIN-WAIT-1 20611', 'LAST-ACK 702', 'TIME-WAIT 4388', 'LISTEN 4'];
const SOCKSTAT = 'TCP: inuse 24501 orphan 21377 tw 4391 alloc 24510 mem 241030';

describe('a grep on another command of the line does not cut a count (audit H2)', () => {
  for (const other of ['grep TCP /proc/net/sockstat', 'cat /proc/net/sockstat | grep TCP', 'grep -E "TCP|TCP6" /proc/net/sockstat | head -2']) {
    it(`date; ${other}; ss | awk END: the table is whole`, () => {
      const segs = parseEvidence([`[root@lb ~]# date; ${other}; ${AWK_TABLE}`, 'Thu Mar 12 14:09:47 CST 2026', SOCKSTAT, ...TABLE].join('\n'));
      const table = segs.find((s) => s.kind === 'state-counts');
      assert.ok(table, 'the awk table is read');
      assert.equal(table.partial, undefined);
      assert.equal(table.cut, undefined);
      assert.deepEqual(table.counts, { ESTABLISHED: 3120, 'FIN-WAIT-1': 20611, 'LAST-ACK': 702, 'TIME-WAIT': 4388, LISTEN: 4 });
      assert.equal(segs.find((s) => s.kind === 'sockstat')?.sockstat?.tcp?.orphan, 21377);
    });
  }

  it('a filter in the pipeline that printed the output still cuts it', () => {
    const rows = ['State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.2:5000'];
    for (const cmd of ['date; grep TCP /proc/net/sockstat; ss -tan | grep 10.0.0.2', 'grep TCP /proc/net/sockstat; ss -tan | head -2']) {
      const seg = parseEvidence([`$ ${cmd}`, SOCKSTAT, ...rows].join('\n')).find((s) => s.kind === 'ss');
      assert.ok(seg, cmd);
      assert.equal(seg.partial === true || seg.cut === true, true, cmd);
    }
    assert.equal(parseCommand('cat /proc/net/sockstat | head -3; ss -tan').cut, false, 'head on the sockstat file cuts no listing');
    assert.equal(parseCommand('ss -tan | head -3; cat /proc/net/sockstat').cut, true);
    assert.equal(parseCommand('date; grep TCP /proc/net/sockstat; ss -tan | grep 10.0.0.2').partial, true);
    assert.equal(parseCommand(`date; grep TCP /proc/net/sockstat; ${AWK_TABLE}`).partial, false);
  });

  it('two socket pipelines on one line: each output is cut by its own filters only', () => {
    const header = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port';
    const row = 'FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.2:5000';
    // A filtered count, then a whole table: the table is whole.
    const table = parseEvidence([`$ ss -tan | grep :443 | wc -l; ${AWK_TABLE}`, '812', ...TABLE].join('\n')).find((s) => s.kind === 'state-counts');
    assert.equal(table?.partial, undefined);
    assert.equal(table?.counts['FIN-WAIT-1'], 20611);
    // A cut listing, then one whole count: the count is whole, the rows are not.
    const segs = parseEvidence(['$ ss -tan | head -2; ss -Htan state fin-wait-1 | wc -l', header, row, '20611'].join('\n'));
    assert.deepEqual(
      segs.map((s) => [s.oneNumber === true, s.partial === true || s.cut === true]),
      [
        [false, true],
        [true, false],
      ],
    );
    // A filter before the count cuts the count.
    const cut = parseEvidence([`$ date; ss -tan | grep 10.0.0.2 | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'`, 'Thu Mar 12 14:09:47 CST 2026', 'FIN-WAIT-1 1'].join('\n'));
    assert.equal(cut.find((s) => s.kind === 'state-counts')?.partial, true);
  });

  it('report: the later whole count wins; no state is "≥" (repro-chained-grep, built CLI)', () => {
    const note = noteFile('chained-grep.md', [
      '# t',
      '',
      '```',
      '[root@lb-nginx-02 ~]# date',
      'Thu Mar 12 14:03:21 CST 2026',
      '[root@lb-nginx-02 ~]# ss -Htan state fin-wait-1 | wc -l',
      '18102',
      '```',
      '',
      '```',
      `[root@lb-nginx-02 ~]# date; grep TCP /proc/net/sockstat; ${AWK_TABLE}`,
      'Thu Mar 12 14:09:47 CST 2026',
      SOCKSTAT,
      ...TABLE,
      '```',
    ]);
    const out = cliOut(['report', note]);
    assert.match(out, /\| FIN-WAIT-1 \| 20,611 \|/);
    assert.match(out, /\| ESTABLISHED \| 3,120 \|/);
    assert.doesNotMatch(out, /≥ \d/);
  });
});

describe('sysctl -n among other commands of the line (audit H5)', () => {
  it('date; grep …sockstat; sysctl -n KEY: the bare number is the value, the date line stays out of it', () => {
    const text = ['[root@lb-2 ~]# date; grep TCP: /proc/net/sockstat; sysctl -n net.ipv4.tcp_max_orphans', 'Sat Feb 14 19:32:05 CST 2026', 'TCP: inuse 40211 orphan 35877 tw 9102 alloc 40260 mem 233800', '65536'].join('\n');
    const segs = parseEvidence(text);
    assert.deepEqual(mergeSegments(segs).sysctls, { 'net.ipv4.tcp_max_orphans': '65536' });
    assert.ok(segs.every((s) => s.startLine > 1 || s.endLine <= 1), 'the date line is in no segment');
    assert.equal(segs.find((s) => s.kind === 'sockstat')?.sockstat?.tcp?.orphan, 35877);
  });

  it('values in the order of their keys, counts and date +%s in their places; error lines', () => {
    const k = 'net.ipv4.tcp_max_orphans';
    assert.deepEqual(sysctls(`$ date; sysctl -n ${k} net.ipv4.tcp_fin_timeout\nThu Mar 12 14:09:47 CST 2026\n65536\n60\n`), { [k]: '65536', 'net.ipv4.tcp_fin_timeout': '60' });
    assert.deepEqual(sysctls(`$ cat /proc/net/sockstat; cat /proc/sys/net/ipv4/tcp_max_orphans\n${SOCKSTAT}\n65536\n`), { [k]: '65536' });
    // A count before or after: each bare number where its command stands.
    const before = parseEvidence(`$ ss -Htan state fin-wait-1 | wc -l; sysctl -n ${k}\n61920\n65536\n`);
    assert.deepEqual(mergeSegments(before).sysctls, { [k]: '65536' });
    assert.deepEqual(mergeSegments(before).counts, { 'FIN-WAIT-1': 61920 });
    const after = parseEvidence(`$ date; sysctl -n ${k}; ss -Htan state fin-wait-1 | wc -l\nThu Mar 12 14:09:47 CST 2026\n65536\n61920\n`);
    assert.deepEqual(mergeSegments(after).sysctls, { [k]: '65536' });
    assert.deepEqual(mergeSegments(after).counts, { 'FIN-WAIT-1': 61920 });
    assert.deepEqual(sysctls(`$ date +%s; grep TCP: /proc/net/sockstat; sysctl -n ${k}\n1773295787\n${SOCKSTAT}\n65536\n`), { [k]: '65536' });
    // A key that does not exist: its error line is its place; the next value is the next key's.
    const err = '$ date; cat /proc/sys/net/ipv4/tcp_tw_recycle /proc/sys/net/ipv4/tcp_fin_timeout\nThu Mar 12 14:09:47 CST 2026\ncat: /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory\n30\n';
    assert.deepEqual(sysctls(err), { 'net.ipv4.tcp_fin_timeout': '30' });
  });

  it('say less when the numbers cannot be told apart', () => {
    const k = 'net.ipv4.tcp_max_orphans';
    // Another command that may print bare numbers, in a number of lines not known, before the value.
    assert.deepEqual(sysctls(`$ echo $N; sysctl -n ${k}\n12\n65536\n`), {});
    assert.deepEqual(sysctls(`$ ss -tan | awk '{print $2}'; sysctl -n ${k}\n0\n0\n65536\n`), {});
    // A value in words (`cubic`) is no bare number: the numbers after it are not tied to the keys after it.
    assert.deepEqual(sysctls(`$ date; sysctl -n net.ipv4.tcp_congestion_control ${k}\nThu Mar 12 14:09:47 CST 2026\ncubic\n65536\n`), {});
    // Values before it still stand in their order.
    assert.deepEqual(sysctls(`$ date; sysctl -n ${k}; echo $N\nThu Mar 12 14:09:47 CST 2026\n65536\n12\n`), { [k]: '65536' });
  });

  it('one command alone prints its values as before (a word value, an error line)', () => {
    assert.deepEqual(sysctls('$ sysctl -n net.ipv4.tcp_congestion_control\ncubic\n'), { 'net.ipv4.tcp_congestion_control': 'cubic' });
    assert.deepEqual(sysctls('$ sysctl -n net.ipv4.tcp_max_orphans; sysctl -n net.ipv4.tcp_fin_timeout\n65536\n60\n'), { 'net.ipv4.tcp_max_orphans': '65536', 'net.ipv4.tcp_fin_timeout': '60' });
  });

  it('a loop over hosts: each host prints its own value (n12)', () => {
    const text = [
      `[ops@bastion ~]$ for h in lb-1 lb-2; do echo "== $h"; ssh $h 'date +%T; grep TCP: /proc/net/sockstat; sysctl -n net.ipv4.tcp_max_orphans'; done`,
      '== lb-1',
      '19:32:05',
      'TCP: inuse 5120 orphan 612 tw 8830 alloc 5150 mem 12010',
      '65536',
      '== lb-2',
      '19:32:06',
      'TCP: inuse 39865 orphan 35870 tw 9102 alloc 40260 mem 233800',
      '131072',
    ].join('\n');
    const values = parseEvidence(text)
      .filter((s) => s.kind === 'sysctl')
      .map((s) => [s.scope?.host, s.sysctls?.['net.ipv4.tcp_max_orphans']]);
    assert.deepEqual(values, [
      ['lb-1', '65536'],
      ['lb-2', '131072'],
    ]);
  });

  it('report: the limit is read and the date is the sample time (repro-sysctl-n-in-chain, n12; built CLI)', () => {
    const repro = noteFile('sysctl-chain.md', [
      '# t',
      '',
      '```',
      '[root@lb-2 ~]# date; grep TCP: /proc/net/sockstat; sysctl -n net.ipv4.tcp_max_orphans',
      'Sat Feb 14 19:32:05 CST 2026',
      'TCP: inuse 40211 orphan 35877 tw 9102 alloc 40260 mem 233800',
      '65536',
      '```',
    ]);
    const out = cliOut(['report', repro]);
    assert.match(out, /orphan 35,877 of tcp_max_orphans 65,536/);
    assert.match(out, /2026-02-14T19:32:05/);
    assert.doesNotMatch(out, /No timed samples/);
    const loop = noteFile('loop.md', [
      '# edge',
      '',
      '## 19:32',
      '',
      '```',
      `[ops@bastion ~]$ for h in lb-1 lb-2 lb-3; do echo "== $h"; ssh $h 'date +%T; grep TCP: /proc/net/sockstat; sysctl -n net.ipv4.tcp_max_orphans'; done`,
      '== lb-1',
      '19:32:05',
      'TCP: inuse 5120 orphan 612 tw 8830 alloc 5150 mem 12010',
      '65536',
      '== lb-2',
      '19:32:06',
      'TCP: inuse 39865 orphan 35870 tw 9102 alloc 40260 mem 233800',
      '65536',
      '== lb-3',
      '19:32:07',
      'TCP: inuse 4980 orphan 590 tw 8712 alloc 5010 mem 11870',
      '65536',
      '```',
    ]);
    const loopOut = cliOut(['report', loop]);
    assert.match(loopOut, /orphan 35,870 of tcp_max_orphans 65,536/);
    assert.doesNotMatch(loopOut, /tcp_max_orphans not in the note/);
  });
});
