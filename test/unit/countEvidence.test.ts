/**
 * Which pasted outputs give socket counts, and how a block's counts of the same state are combined:
 * conntrack output is never socket counts; several counts of the same sockets in one block are one count (the
 * printed count before listed rows, then the latest), unless the commands tell the sockets apart (address
 * family, host, namespace); Windows `find /c /v ""` and PowerShell `(Get-NetTCPConnection -State X).Count`.
 * The block's rule is the report's: checked in the core and through the built CLI (scan, report, diagram).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blockCounts, mergeSegments, parseEvidence } from '../../src/core/evidence/parse';
import { readsConntrack } from '../../src/core/evidence/command';
import { analyzeNote } from '../../src/core/note/analyze';
import { analyseEvidence, buildReport } from '../../src/core/report/build';
import { evidenceLines } from '../../src/core/explain';
import { timelineSamples } from '../../src/core/diagram/detail';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const counts = (text: string): Partial<Record<string, number>> => mergeSegments(parseEvidence(text)).counts;

const cli = (...args: string[]): string => cliOut(args);

const dir = tempDir('tsn-counts-');
function noteFile(name: string, lines: readonly string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n'));
  return p;
}

const CW_ROWS = Array.from({ length: 40 }, (_, i) => `1      0      10.1.2.7:${43122 + i}      10.20.30.40:8080`);

describe('counts of other socket families are not TCP counts (audit s14 4)', () => {
  const tallies = '     40 UNCONN\n  18234 ESTAB\n     12 LISTEN\n';
  it('ss -tuan: the UNCONN tally is UDP\'s, not TCP CLOSED; the others stand', () => {
    assert.deepEqual(counts(`$ ss -tuan | awk '{print $2}' | sort | uniq -c\n${tallies}`), { ESTABLISHED: 18234, LISTEN: 12 });
    assert.deepEqual(counts(`$ ss -a | awk '{print $2}' | sort | uniq -c\n${tallies}`), { ESTABLISHED: 18234, LISTEN: 12 });
  });
  it('ss -uan or -xa: no TCP counts at all', () => {
    assert.deepEqual(parseEvidence(`$ ss -uan | awk '{print $1}' | sort | uniq -c\n${tallies}`), []);
    assert.deepEqual(parseEvidence('$ ss -xa state established | wc -l\n812\n'), []);
    assert.deepEqual(parseEvidence('$ ss -tuan state unconnected | wc -l\n40\n'), []);
  });
  it('a stage that keeps the TCP rows, or -t alone, keeps every tally', () => {
    assert.deepEqual(counts(`$ ss -a | grep tcp | awk '{print $2}' | sort | uniq -c\n${tallies}`), { CLOSED: 40, ESTABLISHED: 18234, LISTEN: 12 });
    assert.deepEqual(counts(`$ ss -tan | awk '{print $1}' | sort | uniq -c\n${tallies}`), { CLOSED: 40, ESTABLISHED: 18234, LISTEN: 12 });
  });
});

describe('conntrack output is not socket counts', () => {
  const tallies = ' 182034 TIME_WAIT\n  40112 ESTABLISHED\n   4530 LAST_ACK\n';
  for (const cmd of [
    "$ conntrack -L -p tcp | awk '{print $4}' | sort | uniq -c",
    "conntrack -L -p tcp | awk '{print $4}' | sort | uniq -c",
    "# conntrack -L -p tcp | awk '{print $4}' | sort | uniq -c",
    "$ sudo /usr/sbin/conntrack -L -o extended 2>/dev/null | awk '{print $6}' | sort | uniq -c",
    "# awk '/tcp/{print $6}' /proc/net/nf_conntrack | grep -E \"[A-Z_]{4,}\" | sort | uniq -c",
    "$ cat /proc/net/ip_conntrack | awk '{print $4}' | sort | uniq -c",
    "$ awk '{a[$6]++} END {for (s in a) print a[s], s}' /proc/net/nf_conntrack",
    "$ ip netns exec blue conntrack -L | awk '{print $4}' | sort | uniq -c",
    // The IPVS connection table (audit s14 6): a director's entries for the connections it forwards.
    "$ ipvsadm -lnc | awk '{print $3}' | sort | uniq -c",
    "$ sudo ipvsadm -L -n -c | awk 'NR>2 {print $3}' | sort | uniq -c",
    "$ ipvsadm --list --numeric --connection | awk '{print $3}' | sort | uniq -c",
    "$ awk '{print $8}' /proc/net/ip_vs_conn | sort | uniq -c",
  ]) {
    it(`per-state tallies after: ${cmd}`, () => {
      assert.deepEqual(parseEvidence(`${cmd}\n${tallies}`), []);
    });
  }
  for (const cmd of [
    '$ grep TIME_WAIT /proc/net/nf_conntrack | wc -l',
    '$ conntrack -L | grep -c ESTABLISHED',
    '$ conntrack -L -p tcp --state TIME_WAIT | wc -l',
    '$ sudo cat /proc/net/nf_conntrack | grep -c TIME_WAIT',
    '$ grep -c TIME_WAIT /proc/net/nf_conntrack',
  ]) {
    it(`one number after: ${cmd}`, () => {
      assert.deepEqual(parseEvidence(`${cmd}\n182034\n`), []);
    });
  }

  it('ipvsadm without -c (the virtual services, or their stats) is no connection table', () => {
    assert.equal(readsConntrack('ipvsadm -Ln --stats'), false);
    assert.equal(readsConntrack('ipvsadm -Ln'), false);
    assert.equal(readsConntrack('ipvsadm -lnc'), true);
    assert.equal(readsConntrack('ss -tan | grep -c ESTAB'), false);
  });

  it('the socket count after it in the same block still counts; conntrack sysctls are still values', () => {
    const text = [
      "$ conntrack -L -p tcp | awk '{print $4}' | sort | uniq -c",
      ' 182034 TIME_WAIT',
      '  40112 ESTABLISHED',
      '$ ss -tan state time-wait | wc -l',
      '2891',
      '$ sysctl net.netfilter.nf_conntrack_max',
      'net.netfilter.nf_conntrack_max = 262144',
    ].join('\n');
    const m = mergeSegments(parseEvidence(text));
    assert.deepEqual(m.counts, { 'TIME-WAIT': 2890 });
    assert.equal(m.sysctls['net.netfilter.nf_conntrack_max'], '262144');
  });

  it('report and scan: no socket counts from a counted conntrack table (built CLI)', () => {
    const f = noteFile('ct.md', ['# conntrack', '', '```', "$ conntrack -L -p tcp | awk '{print $4}' | sort | uniq -c", ' 182034 TIME_WAIT', '  40112 ESTABLISHED', '```', '']);
    const report = JSON.parse(cli('report', f, '--json')) as { states: Record<string, { count: number | null }> };
    assert.equal(report.states['TIME-WAIT']?.count ?? null, null);
    assert.equal(report.states.ESTABLISHED?.count ?? null, null);
    const scan = JSON.parse(cli('scan', f, '--json')) as { evidence: unknown[] };
    assert.deepEqual(scan.evidence, []);
    assert.doesNotMatch(cli('diagram', f, '--format', 'mermaid'), /182,034/);
  });
});

describe('one count per state per block: the same sockets counted again are not added', () => {
  it('`wc -l` then the listing of the same sockets: the count, not the sum (rep/dbl3)', () => {
    const text = ['$ ss -tan state close-wait | wc -l', '41', '$ ss -tan state close-wait', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...CW_ROWS].join('\n');
    const m = mergeSegments(parseEvidence(text));
    assert.deepEqual(m.counts, { 'CLOSE-WAIT': 40 });
    assert.equal(m.listed, 40);
  });

  it('three commands counting the same TIME-WAIT sockets: one count (rep/w3)', () => {
    const text = ['$ netstat -an | grep TIME_WAIT | wc -l', '2890', '$ ss -tan | grep -c TIME-WAIT', '2890', '$ ss -Htan state time-wait | wc -l', '2890'].join('\n');
    const m = mergeSegments(parseEvidence(text));
    assert.deepEqual(m.counts, { 'TIME-WAIT': 2890 });
    assert.equal(m.listed, 2890);
  });

  it('two counts of one state: the later is the newer sample', () => {
    assert.deepEqual(counts('$ netstat -ant | grep -c LAST_ACK\n4521\n$ ss -tan state last-ack | wc -l\n4531\n'), { 'LAST-ACK': 4530 });
  });

  it('a printed count beats listed rows of the same state, in either order (`| head` shows a few)', () => {
    const rows = ['Recv-Q Send-Q Local Address:Port  Peer Address:Port Process', '1      0      10.1.2.7:43122      10.20.30.40:8080  users:(("java",pid=23451,fd=311))', '1      0      10.1.2.7:43188      10.20.30.40:8080  users:(("java",pid=23451,fd=327))'];
    const count = ['$ lsof -p 23451 | grep CLOSE_WAIT | wc -l', '1450'];
    const listing = ['$ ss -antp state close-wait | head -3', ...rows];
    for (const text of [[...count, ...listing], [...listing, ...count]]) {
      const m = mergeSegments(parseEvidence(text.join('\n')));
      assert.deepEqual(m.counts, { 'CLOSE-WAIT': 1450 });
      assert.equal(m.listed, 1450);
    }
  });

  it('different states still add up; listed is what the counts cover', () => {
    const text = [
      '$ ss -tan',
      'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
      'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
      'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
      'ESTAB      0      0      10.0.0.1:443       10.0.0.3:5002',
      '$ ss -Htan state fin-wait-1 | wc -l',
      '2',
      '$ ss -Htan state last-ack | wc -l',
      '5',
    ].join('\n');
    const m = mergeSegments(parseEvidence(text));
    assert.deepEqual(m.counts, { 'FIN-WAIT-1': 2, ESTABLISHED: 1, 'LAST-ACK': 5 });
    assert.equal(m.listed, 8);
  });

  it('a re-run listing: its counts replace the earlier listing’s, state by state', () => {
    const header = 'State      Recv-Q Send-Q Local Address:Port Peer Address:Port';
    const row = (s: string, port: number): string => `${s} 0 0 10.0.0.1:443 10.0.0.2:${port}`;
    const text = ['$ ss -tan', header, row('TIME-WAIT', 1), row('TIME-WAIT', 2), row('ESTAB', 3), '$ ss -tan', header, row('TIME-WAIT', 4), row('ESTAB', 5), row('ESTAB', 6)].join('\n');
    assert.deepEqual(counts(text), { 'TIME-WAIT': 1, ESTABLISHED: 2 });
  });

  it('sockets the commands tell apart add up: address families, prompt hosts, network namespaces', () => {
    assert.deepEqual(counts('$ ss -4 -Htan state time-wait | wc -l\n100\n$ ss -Htan6 state time-wait | wc -l\n20\n'), { 'TIME-WAIT': 120 });
    assert.deepEqual(counts('$ ss -Htan -f inet state time-wait | wc -l\n100\n$ ss -Htan --ipv6 state time-wait | wc -l\n20\n'), { 'TIME-WAIT': 120 });
    assert.deepEqual(counts('[root@lb-7 ~]# ss -Htan state time-wait | wc -l\n100\n[root@lb-8 ~]# ss -Htan state time-wait | wc -l\n300\n'), { 'TIME-WAIT': 400 });
    assert.deepEqual(counts('root@lb-7:~# ss -Htan state time-wait | wc -l\n100\nroot@lb-7:~# ss -Htan state time-wait | wc -l\n300\n'), { 'TIME-WAIT': 300 });
    assert.deepEqual(counts('$ ip netns exec blue ss -Htan state time-wait | wc -l\n10\n$ ip netns exec red ss -Htan state time-wait | wc -l\n20\n'), { 'TIME-WAIT': 30 });
    // Both families, then all of them: the last count covers the first two.
    assert.deepEqual(counts('$ ss -4 -Htan state time-wait | wc -l\n100\n$ ss -6 -Htan state time-wait | wc -l\n20\n$ ss -Htan state time-wait | wc -l\n125\n'), { 'TIME-WAIT': 125 });
    // All of them, then one family: the later count may hold the same sockets; it is the newer one.
    assert.deepEqual(counts('$ ss -Htan state time-wait | wc -l\n125\n$ ss -4 -Htan state time-wait | wc -l\n100\n'), { 'TIME-WAIT': 100 });
  });

  it('a count of some of the sockets (`| head`, `| grep 10.0.0.2`, `dport = :443`) never replaces a whole one', () => {
    const header = 'State      Recv-Q Send-Q Local Address:Port Peer Address:Port';
    const rows = ['FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.2:5000', 'FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.3:5001', 'FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.4:5002'];
    const whole = ['$ ss -tan', header, ...rows];
    const cut = ['$ ss -tan | grep 10.0.0.2', rows[0] as string];
    assert.deepEqual(counts([...whole, ...cut].join('\n')), { 'FIN-WAIT-1': 3 });
    assert.deepEqual(counts([...cut, ...whole].join('\n')), { 'FIN-WAIT-1': 3 });
    assert.deepEqual(counts(['$ ss -tan | head -2', header, rows[0] as string, ...whole].join('\n')), { 'FIN-WAIT-1': 3 });
    // Only cut outputs: the later one stands (what the note shows).
    assert.deepEqual(counts(['$ ss -tan | head -2', header, rows[0] as string].join('\n')), { 'FIN-WAIT-1': 1 });
    assert.equal(parseEvidence(['$ ss -tan | head -2', header, rows[0] as string].join('\n'))[0]?.partial, true);
    // A count of an ss filter expression is not one whole state: no count, so it cannot replace the whole one.
    assert.deepEqual(parseEvidence('$ ss -Htan state fin-wait-1 dport = :443 | wc -l\n500\n'), []);
    assert.deepEqual(parseEvidence("$ ss -Htan state fin-wait-1 '( dport = :443 )' | wc -l\n500\n"), []);
    // A stage that only drops the header keeps every socket (audit s12 tools 8).
    for (const skip of ['tail -n +2', 'tail -n+2', 'awk \'NR>1\'', 'awk \'NR > 1\'', 'sed 1d', 'grep -v State', "grep -v '^State'"]) {
      assert.deepEqual(counts(`$ ss -tan state time-wait | ${skip} | wc -l\n1840\n`), { 'TIME-WAIT': 1840 }, skip);
    }
    assert.deepEqual(parseEvidence('$ ss -tan state time-wait | tail -n 5 | wc -l\n5\n'), [], 'tail -n 5 is a cut');
    // Quoted without parentheses, or negated (audit s12 EN 2): the same.
    assert.deepEqual(parseEvidence("$ ss -Htan state fin-wait-1 'dst 203.0.113.0/24' | wc -l\n41021\n"), []);
    assert.deepEqual(parseEvidence('$ ss -Htan state fin-wait-1 "sport = :443" | wc -l\n500\n'), []);
    assert.deepEqual(parseEvidence("$ ss -Htan state fin-wait-1 'not dst 10.0.0.0/8' | wc -l\n500\n"), []);
    assert.deepEqual(parseEvidence('$ ss -Htan state fin-wait-1 | head -100 | wc -l\n100\n'), []);
    assert.deepEqual(counts('$ ss -Htan state fin-wait-1 | wc -l\n61920\n$ ss -Htan state fin-wait-1 dst 10.0.0.2 | wc -l\n500\n'), { 'FIN-WAIT-1': 61920 });
    // The listing of such a filter still lists those rows, as a cut output.
    const filtered = parseEvidence('$ ss -tan state fin-wait-1 dport = :443\nRecv-Q Send-Q Local Address:Port Peer Address:Port\n0 1000 10.0.0.1:443 10.0.0.2:5000\n');
    assert.deepEqual(filtered.map((x) => [x.counts, x.partial]), [[{ 'FIN-WAIT-1': 1 }, true]]);
  });

  it('the report: a later listing of some of the sockets does not replace a whole one that showed as many (audit s12 EN 2)', () => {
    const listing = (command: string, ports: readonly number[]): string[] => [
      '```',
      `$ ${command}`,
      'State   Recv-Q  Send-Q   Local Address:Port   Peer Address:Port',
      ...ports.map((p, i) => `LISTEN  0       511          10.0.0.${i + 1}:${p}        0.0.0.0:*`),
      '```',
      '',
    ];
    const count = (note: string[]): { count: number | null; atLeast: boolean } | undefined => {
      const s = buildReport(analyzeNote(note.join('\n')), { file: 'n.md', lang: 'en' }).json.states.LISTEN;
      return s && { count: s.count, atLeast: s.atLeast };
    };
    const whole = listing('ss -lnt', [9000, 443, 80, 443]);
    assert.deepEqual(count([...whole, ...listing("ss -lnt 'sport = :443'", [443, 443])]), { count: 4, atLeast: false });
    assert.deepEqual(count([...whole, ...listing('ss -lnt | head -3', [9000, 443])]), { count: 4, atLeast: false });
    // A cut listing that shows more than the whole one before it: at least that many now.
    assert.deepEqual(count([...listing('ss -lnt', [443]), ...listing('ss -lnt | head -4', [9000, 443, 80])]), { count: 3, atLeast: true });
    // The whole one later: it stands.
    assert.deepEqual(count([...listing("ss -lnt 'sport = :443'", [443, 443]), ...listing('ss -lnt', [443])]), { count: 1, atLeast: false });
  });

  it('the report adds up counts its commands tell apart within one namespace (address families); two pods\' counts stand apart (audit s12 tools 1, s16)', () => {
    const state = (note: string[], id: 'FIN-WAIT-1' | 'ESTABLISHED'): [number | null | undefined, number[] | undefined] => {
      const s = buildReport(analyzeNote(note.join('\n')), { file: 'n.md', lang: 'en' }).json.states[id];
      return [s?.count, s?.otherNetns?.map((o) => o.count)];
    };
    const pods = ['```', "$ kubectl exec api-7d9f-a -- sh -c \"ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c\"", '   3100 FIN-WAIT-1', '    900 ESTAB', "$ kubectl exec api-7d9f-b -- sh -c \"ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c\"", '   2900 FIN-WAIT-1', '   1400 ESTAB', '```'];
    // Two pods are two network namespaces: not added up (reportNetnsCounts.test.ts); the later pod's count, the other beside it.
    assert.deepEqual(state(pods, 'FIN-WAIT-1'), [2900, [3100]]);
    assert.deepEqual(state(pods, 'ESTABLISHED'), [1400, [900]]);
    // The same pod counted twice: the later count.
    assert.deepEqual(state(pods.map((l) => l.replace('api-7d9f-b', 'api-7d9f-a')), 'FIN-WAIT-1'), [2900, undefined]);
    const families = ['```', '$ ss -4tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'FIN-WAIT-1 0 1 10.9.0.7:8080 192.168.113.41:50130', 'FIN-WAIT-1 0 1 10.9.0.7:8080 192.168.113.42:50140', '$ ss -6tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'FIN-WAIT-1 0 1 [2001:db8::7]:8080 [2001:db8::44]:50160', '```'];
    assert.deepEqual(state(families, 'FIN-WAIT-1'), [3, undefined]);
  });

  it('a later count of some sockets (| grep java | uniq -c) beats an earlier listing cut by head: the larger lower bound (audit s13 4)', () => {
    const state = (note: string[]) => buildReport(analyzeNote(note.join('\n')), { file: 'n.md', lang: 'en' }).json.states['CLOSE-WAIT'];
    const cut = ['```', '[app@svc-01 02:20:40]$ ss -tanp state close-wait | head -3', 'Recv-Q Send-Q  Local Address:Port   Peer Address:Port  Process', '1      0       10.7.3.5:51220       10.7.1.20:9200     users:(("java",pid=1,fd=211))', '1      0       10.7.3.5:51224       10.7.1.20:9200     users:(("java",pid=1,fd=214))', '```', ''];
    const grepped = ['```', "[app@svc-01 02:35:02]$ ss -tanp | grep java | awk '{print $1}' | sort | uniq -c", '    655 CLOSE-WAIT', '     92 ESTAB', '```'];
    const s = state([...cut, ...grepped]);
    assert.equal(s?.count, 655);
    assert.equal(s?.atLeast, true);
    // After a whole listing of 2 too (the state grew); before it, the listing is the later, whole look.
    const whole = ['```', '[app@svc-01 02:20:40]$ ss -tanp state close-wait', ...cut.slice(2, 5), '```', ''];
    assert.deepEqual([state([...whole, ...grepped])?.count, state([...whole, ...grepped])?.atLeast], [655, true]);
    const after = ['```', '[app@svc-01 02:50:00]$ ss -tanp state close-wait', ...cut.slice(2, 5), '```', ''];
    assert.deepEqual([state([...grepped, '', ...after])?.count, state([...grepped, '', ...after])?.atLeast], [2, false]);
  });

  it('ss -K prints the sockets it has just closed: no count; the same listener in two listings is one socket (audit s13 6, 9)', () => {
    const report = (note: string[]) => buildReport(analyzeNote(note.join('\n')), { file: 'n.md', lang: 'en' }).json.states;
    const killed = report(['```', "# ss -K -tan state fin-wait-1 '( sport = :443 )'", 'Recv-Q Send-Q Local Address:Port Peer Address:Port', '0 87600 10.0.0.9:443 203.0.113.5:40000', '0 87600 10.0.0.9:443 203.0.113.6:40001', '```']);
    assert.equal(killed['FIN-WAIT-1'], undefined);
    // A kill chained before a count: the count is of the sockets left (review s13).
    const chained = report(['```', "# ss -K -tan state fin-wait-1 dst 203.0.113.5 >/dev/null; ss -tan state fin-wait-1 | wc -l", '4001', '```']);
    assert.equal(chained['FIN-WAIT-1']?.count, 4000);
    const listing = ['```', '$ ss -ltn', 'State    Recv-Q   Send-Q   Local Address:Port   Peer Address:Port', 'LISTEN   0        1024           0.0.0.0:443         0.0.0.0:*', 'LISTEN   0        4096           0.0.0.0:9901        0.0.0.0:*', '```', ''];
    const twice = report([...listing, ...listing]);
    assert.equal(twice.LISTEN?.count, 2);
    assert.equal(twice.LISTEN?.sockets.listed, 2);
    // SO_REUSEPORT workers: one listing with the same listener four times is four sockets, and listed again still four.
    const workers = ['```', '$ ss -ltn', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...Array.from({ length: 4 }, () => 'LISTEN 0 511 0.0.0.0:80 0.0.0.0:*'), '```', ''];
    assert.equal(report([...workers, ...workers]).LISTEN?.sockets.listed, 4);
  });

  it('a node\'s own command and a pod\'s (nsenter, kubectl exec) saw different sockets: each one\'s latest count stands, in one block or in two, not added up (audit s13 1, 2; s16)', () => {
    type Id = 'FIN-WAIT-1' | 'TIME-WAIT' | 'LAST-ACK' | 'CLOSE-WAIT';
    const both = (note: string[], id: Id): [number | null | undefined, number[] | undefined] => {
      const s = buildReport(analyzeNote(note.join('\n')), { file: 'n.md', lang: 'en' }).json.states[id];
      return [s?.count, s?.otherNetns?.map((o) => o.count)];
    };
    const state = (note: string[], id: Id): number | null | undefined => both(note, id)[0];
    const pod = ['# nsenter -t 4821 -n ss -tan state last-ack | wc -l', '1841'];
    const node = ['# ss -tan state last-ack | wc -l', '1'];
    // The node's (later) count is the state's; the pod's stands beside it (two network namespaces).
    assert.deepEqual(both(['```', ...pod, ...node, '```'], 'LAST-ACK'), [0, [1840]]);
    assert.deepEqual(both(['```', ...pod, '```', '', '```', ...node, '```'], 'LAST-ACK'), [0, [1840]]);
    // The same pod looked at again later: its later count (a pod that recovered).
    assert.deepEqual(both(['```', ...pod, '```', '', '```', pod[0] as string, '3', '```'], 'LAST-ACK'), [2, undefined]);
    // An output whose command is not shown may have seen any of them: the latest count stands, as before.
    assert.equal(state(['```', ...pod, '```', '', '```', '1', '```'], 'LAST-ACK'), 1840);
    // The same place written two ways is one place (review s13): ssh user@ and the host's prompt, kubectl's options
    // in any order and a container of the pod, ip netns exec and ss -N, nsenter into PID 1 (the host's namespace).
    const twice = (a: string, b: string) => both(['```', `${a} | wc -l`, '1841', '```', '', '```', `${b} | wc -l`, '3', '```'], 'LAST-ACK');
    assert.deepEqual(twice("$ ssh lb-3 'ss -tan state last-ack'", '[root@lb-3 ~]# ss -tan state last-ack'), [2, undefined]);
    assert.deepEqual(twice('$ ssh lb-3 ss -tan state last-ack', '$ ssh root@lb-3 ss -tan state last-ack'), [2, undefined]);
    assert.deepEqual(twice('$ kubectl -n prod exec api-a -- ss -tan state last-ack', '$ kubectl exec -n prod api-a -c envoy -- ss -tan state last-ack'), [2, undefined]);
    assert.deepEqual(twice('# ip netns exec blue ss -tan state last-ack', '# ss -N blue -tan state last-ack'), [2, undefined]);
    assert.deepEqual(twice('# sudo nsenter -t 1 -n ss -tan state last-ack', '# ss -tan state last-ack'), [2, undefined]);
    // Two PIDs' namespaces (another pod, or the same pod restarted): the later count, the earlier beside it.
    assert.deepEqual(twice('# nsenter -t 4821 -n ss -tan state last-ack', '# nsenter -t 5120 -n ss -tan state last-ack'), [2, [1840]]);
    // Two pods of other namespaces are two places.
    assert.deepEqual(twice('$ kubectl -n prod exec api-a -- ss -tan state last-ack', '$ kubectl -n staging exec api-a -- ss -tan state last-ack'), [2, [1840]]);
    // Two pods in separate blocks: each its own.
    const uniq = (podName: string, rows: string[]) => ['```', `$ kubectl exec ${podName} -- ss -tan | awk 'NR>1{print $1}' | sort | uniq -c`, ...rows, '```', ''];
    assert.deepEqual(both([...uniq('api-a', ['    412 CLOSE-WAIT', '    188 ESTAB']), ...uniq('api-b', ['      3 CLOSE-WAIT', '    201 ESTAB'])], 'CLOSE-WAIT'), [3, [412]]);
    // A state only the first of two families shows is not dropped by the second's count (order does not matter).
    const v6 = ["$ ss -tan -6 | awk 'NR>1 {print $1}' | sort | uniq -c", '    806 FIN-WAIT-1', '     80 TIME-WAIT'];
    const v4 = ["$ ss -tan -4 | awk 'NR>1 {print $1}' | sort | uniq -c", '      6 FIN-WAIT-1'];
    for (const block of [['```', ...v6, ...v4, '```'], ['```', ...v4, ...v6, '```']]) {
      assert.equal(state(block, 'FIN-WAIT-1'), 812);
      assert.equal(state(block, 'TIME-WAIT'), 80);
    }
  });

  it('a process list the terminal wrapped onto the next line leaves the listing whole (audit s12 tools 6)', () => {
    const text = [
      '$ ss -tanp',
      'State    Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
      'LISTEN   0      511          0.0.0.0:80         0.0.0.0:*     users:(("nginx",pid=2006,fd=6),("nginx",pid=200',
      '3,fd=6),("nginx",pid=2002,fd=6))',
      'ESTAB    0      0           10.0.0.9:80       10.0.0.90:51100 users:(("nginx",pid=2004,fd=12))',
      'FIN-WAIT-1 0    8800        10.0.0.9:80       203.0.113.5:40000',
    ].join('\n');
    const [seg, ...rest] = parseEvidence(text);
    assert.equal(rest.length, 0);
    assert.deepEqual(seg?.counts, { LISTEN: 1, ESTABLISHED: 1, 'FIN-WAIT-1': 1 });
    assert.equal(seg?.cut, undefined, 'not cut');
    // A line of other text inside the listing still marks rows left out.
    assert.equal(parseEvidence(text.replace('3,fd=6),("nginx",pid=2002,fd=6))', '... 20 more rows')).some((x) => x.cut === true), true);
  });

  it('a row a narrow terminal wrapped (peer on the next, indented line) is one socket; a filtered listing of them is no zero (audit s14 5)', () => {
    const filtered = [
      '$ ss -tan state close-wait',
      'Recv-Q   Send-Q         Local Address:Port           Peer Address:Port',
      '1        0       [::ffff:10.0.0.5]:8080',
      '                                       [::ffff:10.0.1.9]:53124',
      '1        0       [::ffff:10.0.0.5]:8080',
      '                                       [::ffff:10.0.1.9]:53130',
    ].join('\n');
    assert.deepEqual(counts(filtered), { 'CLOSE-WAIT': 2 });
    const withState = [
      '$ ss -tanp',
      'ESTAB      0      0      [::ffff:10.0.0.5]:8080',
      '                                 [::ffff:10.0.1.9]:53122                users:(("java",pid=1234,fd=101))',
      'CLOSE-WAIT 1      0      [::ffff:10.0.0.5]:8080',
      '                                 [::ffff:10.0.1.9]:53124                users:(("java",pid=1234,fd=102))',
      'CLOSE-WAIT 1      0      10.0.0.5:8080  10.0.1.9:53130  users:(("java",pid=1234,fd=103))',
    ].join('\n');
    assert.deepEqual(counts(withState), { ESTABLISHED: 1, 'CLOSE-WAIT': 2 });
    // Each wrapped row is read whole for the report's detail: its peer and its process.
    const cw = buildReport(analyzeNote(['# x', '', '```', withState, '```', ''].join('\n')), { file: 'n.md', lang: 'en' }).json.states['CLOSE-WAIT'];
    assert.equal(cw?.sockets?.listed, 2);
    assert.deepEqual(cw?.sockets?.peers, [{ address: '10.0.1.9', count: 2 }]);
    // A half row with no peer line after it is not counted.
    assert.deepEqual(counts(['$ ss -tan state close-wait', '1        0       [::ffff:10.0.0.5]:8080', 'done'].join('\n')), {});
  });

  it('the report: a whole listing beats a count of some of the sockets in another block', () => {
    const note = [
      '```',
      "$ ss -tan | grep :443 | awk '{print $1}' | sort | uniq -c",
      '      1 FIN-WAIT-1',
      '```',
      '',
      '```',
      '$ ss -tan',
      'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
      'FIN-WAIT-1 0 1000 10.0.0.1:443 10.0.0.2:5000',
      'FIN-WAIT-1 0 1000 10.0.0.1:8443 10.0.0.3:5001',
      '```',
      '',
    ].join('\n');
    assert.equal(buildReport(analyzeNote(note), { file: 'n.md', lang: 'en' }).json.states['FIN-WAIT-1']?.count, 2);
  });

  it('blockCounts: the segment each count comes from, and whether it is printed or listed', () => {
    const text = ['$ ss -tan state close-wait | wc -l', '41', '$ ss -tan state close-wait', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...CW_ROWS.slice(0, 3)].join('\n');
    const segs = parseEvidence(text);
    const cw = blockCounts(segs).get('CLOSE-WAIT');
    assert.equal(cw?.count, 40);
    assert.equal(cw?.source, 'count-block');
    assert.equal(cw?.segment, segs[0]);
  });

  it('the hover cites the segment the count comes from', () => {
    const note = ['```', '$ ss -tan state close-wait | head -3', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...CW_ROWS.slice(0, 2), '$ ss -tan state close-wait | wc -l', '41', '```', ''].join('\n');
    const lines = evidenceLines('CLOSE-WAIT', analyzeNote(note).evidence, 'en');
    assert.equal(lines.length, 1);
    assert.match(lines[0] as string, /^40 CLOSE-WAIT .* line 7$/);
  });

  it('a count from rows of a cut listing is `≥ N` everywhere it is shown: states, timeline, diagram, Mermaid, scrubber (audit s12)', () => {
    const lines = [
      '## 14:05',
      '',
      '```',
      '$ date; cat /proc/net/sockstat',
      'Tue May 14 14:05:12 UTC 2024',
      'TCP: inuse 31044 orphan 30120 tw 1987 alloc 31160 mem 98211',
      '$ ss -tano state fin-wait-1 | head -3',
      'Recv-Q Send-Q   Local Address:Port     Peer Address:Port  Process',
      '0      87600      10.8.3.21:443     203.0.113.44:51522  timer:(persist,1min2s,0)',
      '0      131072     10.8.3.21:443     203.0.113.44:51530  timer:(persist,48sec,0)',
      '```',
      '',
    ];
    const f = noteFile('cut.md', lines);
    assert.match(cli('report', f), /\| FIN-WAIT-1 \| ≥ 2 \|/);
    assert.match(cli('report', f), /\| 30,120 \| 1,987 \| 98,211 \| FIN-WAIT-1 ≥ 2 \|/);
    const svg = cli('diagram', f);
    assert.match(svg, /class="state-count"[^>]*>≥ 2 sockets</);
    assert.match(svg, /aria-label="FIN-WAIT-1 \(FIN WAIT-1\): mentioned once; ≥ 2 sockets;/);
    assert.match(cli('diagram', f, '--lang', 'zh-cn'), /class="state-count"[^>]*>≥ 2 个</);
    assert.match(cli('diagram', f, '--format', 'mermaid'), /FIN_WAIT_1 : ≥ 2 sockets/);
    const points = analyseEvidence(analyzeNote(lines.join('\n'))).points;
    assert.deepEqual(points.map((p) => [p.counts['FIN-WAIT-1'], p.atLeast]), [[2, ['FIN-WAIT-1']]]);
    assert.deepEqual(timelineSamples(points)[0]?.atLeast, ['FIN-WAIT-1']);
    // A whole count in the same block: exact.
    const whole = [...lines.slice(0, -2), '$ ss -Htan state fin-wait-1 | wc -l', '29873', '```', ''];
    assert.deepEqual(analyseEvidence(analyzeNote(whole.join('\n'))).points.map((p) => [p.counts['FIN-WAIT-1'], p.atLeast]), [[29873, undefined]]);
  });

  it('report, timeline, cause and scan agree on one count (rep/dbl3)', () => {
    const lines = ['# CLOSE_WAIT', '', '### 14:05', '', '```', '$ ss -tan state close-wait | wc -l', '31', '```', '', '### 14:20', '', '```', '$ ss -tan state close-wait | wc -l', '41', '$ ss -tan state close-wait', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...CW_ROWS, '```', ''];
    const model = analyzeNote(lines.join('\n'));
    const r = buildReport(model, { file: 'dbl3.md', lang: 'en' });
    assert.equal(r.json.states['CLOSE-WAIT']?.count, 40);
    assert.deepEqual(analyseEvidence(model).points.map((p) => p.counts['CLOSE-WAIT']), [30, 40]);
    for (const c of r.json.causes) assert.doesNotMatch(c.message, /\b80\b/);
    const f = noteFile('dbl3.md', lines);
    const scan = JSON.parse(cli('scan', f, '--json')) as { evidence: { counts: Record<string, number>; listed: number }[] };
    assert.deepEqual(scan.evidence.map((b) => b.counts), [{ 'CLOSE-WAIT': 30 }, { 'CLOSE-WAIT': 40 }]);
    assert.deepEqual(scan.evidence.map((b) => b.listed), [30, 40]);
    const report = JSON.parse(cli('report', f, '--json')) as { states: Record<string, { count: number | null }> };
    assert.equal(report.states['CLOSE-WAIT']?.count, 40);
  });

  it('the diagram shows the count, not the sum (rep/w3, built CLI)', () => {
    const f = noteFile('w3.md', ['```', '$ netstat -an | grep TIME_WAIT | wc -l', '2890', '$ ss -tan | grep -c TIME-WAIT', '2890', '$ ss -Htan state time-wait | wc -l', '2890', '```', '']);
    assert.match(cli('diagram', f, '--format', 'mermaid'), /TIME_WAIT : 2,890 sockets/);
    const scan = JSON.parse(cli('scan', f, '--json')) as { evidence: { counts: Record<string, number> }[] };
    assert.deepEqual(scan.evidence[0]?.counts, { 'TIME-WAIT': 2890 });
  });
});

describe('Windows counts of one state', () => {
  it('`findstr STATE | find /c /v ""` counts the lines findstr kept (rep/w5)', () => {
    const segs = parseEvidence('C:\\> netstat -ano | findstr TIME_WAIT | find /c /v ""\r\n16234\r\n');
    assert.equal(segs.length, 1);
    assert.equal(segs[0]?.kind, 'netstat');
    assert.deepEqual(segs[0]?.counts, { 'TIME-WAIT': 16234 });
  });

  it('`find /c /v "TIME_WAIT"` counts the other lines: no state', () => {
    assert.deepEqual(parseEvidence('C:\\> netstat -ano | find /c /v "TIME_WAIT"\r\n812\r\n'), []);
    assert.deepEqual(parseEvidence('C:\\> netstat -ano | find /c /v ""\r\n812\r\n'), []);
  });

  for (const cmd of ['(Get-NetTCPConnection -State TimeWait).Count', '(Get-NetTCPConnection -State TimeWait | Measure-Object).Count', '@(get-nettcpconnection -state timewait).count', '( Get-NetTCPConnection -State "TimeWait" ).Count']) {
    it(`PowerShell: ${cmd}`, () => {
      assert.deepEqual(counts(`PS C:\\> ${cmd}\n16234\n`), { 'TIME-WAIT': 16234 });
    });
  }

  for (const cmd of [
    '(Get-NetTCPConnection).Count',
    '(Get-NetTCPConnection -State TimeWait,CloseWait).Count',
    '(Get-NetTCPConnection -State TimeWait -RemotePort 443).Count',
    '(Get-NetTCPConnection -State TimeWait | Where-Object RemotePort -eq 443).Count',
    '(Get-NetTCPConnection -State Bound).Count',
    'Get-NetTCPConnection -State TimeWait | Measure-Object',
  ]) {
    it(`PowerShell, not one whole state: ${cmd}`, () => {
      assert.deepEqual(parseEvidence(`PS C:\\> ${cmd}\n16234\n`), []);
    });
  }
});
