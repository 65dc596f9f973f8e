/**
 * Evidence parsing: command output pasted into notes (ss, ss -s, netstat, sockstat, uniq -c counts, nstat,
 * netstat -s, /proc/net/netstat, /proc/net/tcp, sysctl) and the snapshot block.
 * Fixtures live in test/fixtures/evidence/*.txt and are hand-made from the real tool formats.
 */
import { describe, it } from 'node:test';
import { fixtureDir } from '../support/repo';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { mergeSegments, parseEvidence, PAGE_SIZE_KEY } from '../../src/core/evidence/parse';
import { formatSnapshot, parseSnapshot, type SnapshotData } from '../../src/core/evidence/snapshotFormat';
import type { EvidenceKind, EvidenceSegment } from '../../src/core/evidence/types';
import { parsePromSample, promCount } from '../../src/core/evidence/formats/prometheusSample';
import { seedProperties } from '../support/propertySeed';

seedProperties(20261206);

const DIR = fixtureDir('evidence');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const parseFixture = (name: string): EvidenceSegment[] => parseEvidence(fixture(name));

function only(segments: readonly EvidenceSegment[], kind?: EvidenceKind): EvidenceSegment {
  assert.equal(segments.length, 1, `expected one segment, got ${JSON.stringify(segments)}`);
  const s = segments[0] as EvidenceSegment;
  if (kind) assert.equal(s.kind, kind);
  return s;
}

function at(segments: readonly EvidenceSegment[], i: number): EvidenceSegment {
  const s = segments[i];
  assert.ok(s, `no segment ${i} in ${JSON.stringify(segments)}`);
  return s;
}

/** Invariants every result must satisfy, whatever the input. */
function checkInvariants(text: string, segments: readonly EvidenceSegment[]): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  let prevEnd = 0;
  for (const s of segments) {
    assert.ok(Number.isInteger(s.startLine) && s.startLine >= 0, 'startLine');
    assert.ok(s.endLine > s.startLine && s.endLine <= lineCount, `range ${s.startLine}-${s.endLine} of ${lineCount}`);
    assert.ok(s.startLine >= prevEnd, 'segments in order, not overlapping');
    prevEnd = s.endLine;
    for (const v of Object.values(s.counts)) assert.ok(Number.isSafeInteger(v) && (v as number) >= 0, 'count');
    if (s.listed !== undefined) assert.ok(Number.isSafeInteger(s.listed) && s.listed >= 0, 'listed');
    for (const v of Object.values(s.counters ?? {})) assert.ok(Number.isSafeInteger(v), 'counter');
  }
}

// ---------------------------------------------------------------------------------------------------

describe('ss listings', () => {
  it('ss -tan: counts rows per state; range covers header and rows, not the comment or command', () => {
    const s = only(parseFixture('ss-tan.txt'), 'ss');
    assert.deepEqual(s.counts, {
      LISTEN: 4,
      ESTABLISHED: 3,
      'FIN-WAIT-1': 3,
      'FIN-WAIT-2': 1,
      'TIME-WAIT': 2,
      'CLOSE-WAIT': 1,
      'LAST-ACK': 1,
      'SYN-RECEIVED': 1,
      CLOSING: 1,
      'SYN-SENT': 1,
    });
    assert.equal(s.listed, 18);
    assert.equal(s.filteredState, undefined);
    assert.equal(s.startLine, 2);
    assert.equal(s.endLine, 21);
  });

  it('old ss -ant (trailing spaces, `*:22`, `:::22`, root prompt)', () => {
    const s = only(parseFixture('ss-ant-old.txt'), 'ss');
    assert.deepEqual(s.counts, { LISTEN: 3, ESTABLISHED: 1, 'FIN-WAIT-1': 2 });
    assert.equal(s.listed, 6);
  });

  it('ss -tanoi: tcp_info continuation lines are not rows but stay in the range', () => {
    const s = only(parseFixture('ss-tanoi.txt'), 'ss');
    assert.deepEqual(s.counts, { ESTABLISHED: 1, 'FIN-WAIT-1': 2, 'FIN-WAIT-2': 1, 'LAST-ACK': 1 });
    assert.equal(s.listed, 5);
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 11);
  });

  it('ss -tanp, ss -tan -o and ss -an state established in one block: three segments', () => {
    const segs = parseFixture('ss-variants.txt');
    assert.equal(segs.length, 3);
    assert.deepEqual(at(segs, 0).counts, { LISTEN: 1, ESTABLISHED: 1, 'CLOSE-WAIT': 2, 'FIN-WAIT-1': 1 });
    assert.equal(at(segs, 0).listed, 5);
    assert.deepEqual(at(segs, 1).counts, { 'FIN-WAIT-1': 1, 'TIME-WAIT': 1 });
    // Netid column without State: filtered listing of several protocols, only tcp rows count.
    assert.deepEqual(at(segs, 2).counts, { ESTABLISHED: 2 });
    assert.equal(at(segs, 2).listed, 2);
    assert.equal(at(segs, 2).filteredState, 'ESTABLISHED');
  });

  it('ss -an with a Netid column: only tcp rows are counted (udp UNCONN, unix, netlink are not)', () => {
    const s = only(parseFixture('ss-an-netid.txt'), 'ss');
    assert.deepEqual(s.counts, { LISTEN: 2, ESTABLISHED: 1, 'FIN-WAIT-1': 1, 'TIME-WAIT': 1 });
    assert.equal(s.listed, 5);
  });

  it('headerless `ss -Htan` rows that carry a state are recognised without a command', () => {
    const text = 'ESTAB      0      0      10.0.0.5:22     10.0.0.77:52114\nFIN-WAIT-1 0      1      10.0.0.5:443    10.0.1.23:50122\n';
    assert.deepEqual(only(parseEvidence(text), 'ss').counts, { ESTABLISHED: 1, 'FIN-WAIT-1': 1 });
  });

  it('a second header without a command starts a second listing', () => {
    const block = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port\nESTAB 0 0 10.0.0.5:22 10.0.0.7:5000\n';
    const segs = parseEvidence(block + block);
    assert.equal(segs.length, 2);
    assert.deepEqual(at(segs, 1).counts, { ESTABLISHED: 1 });
    assert.equal(at(segs, 1).startLine, 2);
  });
});

describe('single-state filtered ss listings', () => {
  it('`ss -tano state fin-wait-1` (no State column): all rows are FIN-WAIT-1, filteredState set', () => {
    const s = only(parseFixture('ss-state-filter.txt'), 'ss');
    assert.deepEqual(s.counts, { 'FIN-WAIT-1': 4 });
    assert.equal(s.listed, 4);
    assert.equal(s.filteredState, 'FIN-WAIT-1');
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 6);
  });

  it('`ss -Htano state fin-wait-2` (no header) after a user@host prompt', () => {
    const s = only(parseFixture('ss-filter-headerless.txt'), 'ss');
    assert.deepEqual(s.counts, { 'FIN-WAIT-2': 3 });
    assert.equal(s.filteredState, 'FIN-WAIT-2');
  });

  it('an empty filtered listing reports zero sockets in that state', () => {
    const s = only(parseEvidence('$ ss -tan state last-ack\nRecv-Q Send-Q Local Address:Port Peer Address:Port Process\n'));
    assert.deepEqual(s.counts, { 'LAST-ACK': 0 });
    assert.equal(s.listed, 0);
    assert.equal(s.filteredState, 'LAST-ACK');
  });

  it('a header lacking State without a command: rows are listed, but no state is guessed', () => {
    const s = only(parseEvidence('Recv-Q Send-Q Local Address:Port Peer Address:Port\n0 1 10.0.0.5:443 10.0.1.9:5000\n'));
    assert.equal(s.listed, 1);
    assert.deepEqual(s.counts, {});
    assert.equal(s.filteredState, undefined);
  });

  it('aggregates and two state filters are not a single state', () => {
    const rows = '0 1 10.0.0.5:443 10.0.1.9:5000\n';
    for (const cmd of ['ss -Htan state connected', 'ss -Htan state fin-wait-1 state last-ack', 'ss -Htan exclude established']) {
      const segs = parseEvidence(`$ ${cmd}\n${rows}`);
      for (const s of segs) assert.equal(s.filteredState, undefined, cmd);
    }
  });

  it('`| wc -l` and `grep -c`: one number for one state (header line subtracted without -H)', () => {
    const segs = parseFixture('ss-wc.txt');
    assert.equal(segs.length, 3);
    assert.deepEqual(at(segs, 0).counts, { 'FIN-WAIT-1': 61920 });
    assert.equal(at(segs, 0).filteredState, 'FIN-WAIT-1');
    assert.equal(at(segs, 0).listed, 61920);
    assert.equal(at(segs, 0).startLine, 1);
    assert.deepEqual(at(segs, 1).counts, { 'LAST-ACK': 12 });
    assert.deepEqual(at(segs, 2).counts, { 'CLOSE-WAIT': 7 });
  });

  it('netstat | grep -c and Windows find /c count one state', () => {
    assert.deepEqual(only(parseEvidence('$ netstat -an | grep -c TIME_WAIT\n8120\n'), 'netstat').counts, { 'TIME-WAIT': 8120 });
    const win = 'C:\\> netstat -an | find /c "TIME_WAIT"\r\n812\r\n';
    assert.deepEqual(only(parseEvidence(win)).counts, { 'TIME-WAIT': 812 });
  });

  it('counts that are not one whole state are not attributed', () => {
    assert.deepEqual(parseEvidence('$ ss -tan | wc -l\n70449\n'), []);
    assert.deepEqual(parseEvidence('$ ss -Htan state fin-wait-1 | grep 10.0.1.23 | wc -l\n2\n'), []);
    assert.deepEqual(parseEvidence("$ ss -tan | grep -E 'FIN-WAIT|LAST-ACK' | wc -l\n9\n"), []);
    assert.deepEqual(parseEvidence('$ netstat -an | grep -v TIME_WAIT | wc -l\n9\n'), []);
  });
});

describe('command lines', () => {
  const rows = 'Recv-Q Send-Q Local Address:Port Peer Address:Port\n0 43520 10.0.0.5:443 10.0.1.23:50122\n';
  const prompts = [
    '$ ss -tan state fin-wait-1',
    '# ss -tan state fin-wait-1',
    '% ss -tan state fin-wait-1',
    'root@web01:~# ss -tan state fin-wait-1',
    'ops@web01:/var/log$ sudo ss -tan state fin-wait-1',
    '[root@web01 ~]# ss -tan state fin-wait-1',
    'ops@web01 ~ $ ss -tan state fin-wait-1',
    'web01:~ # ss -tan state fin-wait-1',
    'ss -tan state fin-wait-1',
    'sudo ip netns exec blue ss -tan state fin-wait-1',
    "watch -n1 'ss -tan state fin-wait-1'",
    '$ ss -tan \\\n    state fin-wait-1',
    '运行 ss -tan state fin-wait-1 得到：',
  ];
  for (const p of prompts) {
    it(`reads the filter from: ${p.replace(/\n/g, '⏎')}`, () => {
      const s = only(parseEvidence(`${p}\n${rows}`), 'ss');
      assert.equal(s.filteredState, 'FIN-WAIT-1');
      assert.deepEqual(s.counts, { 'FIN-WAIT-1': 1 });
    });
  }

  it('a for loop printing `state count` pairs', () => {
    const text = '$ for s in fin-wait-1 last-ack closing; do echo -n "$s "; ss -Htan state $s | wc -l; done\nfin-wait-1 61920\nlast-ack 3\nclosing 0\n';
    assert.deepEqual(only(parseEvidence(text), 'state-counts').counts, { 'FIN-WAIT-1': 61920, 'LAST-ACK': 3, CLOSING: 0 });
  });
});

describe('ss -s', () => {
  it('modern format: orphaned → sockstat orphan, timewait → tw, estab → TcpCurrEstab counter, no per-state counts', () => {
    const s = only(parseFixture('ss-s.txt'), 'ss-summary');
    assert.deepEqual(s.counts, {});
    assert.deepEqual(s.sockstat, { socketsUsed: 1342, tcp: { orphan: 61920, tw: 8120, inuse: 71270 }, tcp6: { inuse: 18 } });
    assert.deepEqual(s.counters, { TcpCurrEstab: 350 });
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 10);
  });

  it('old format: `Total: N (kernel N)`, synrecv, `timewait N/N`, ports', () => {
    const s = only(parseFixture('ss-s-old.txt'), 'ss-summary');
    assert.deepEqual(s.sockstat, {
      socketsUsed: 174959,
      tcp: { orphan: 126800, tw: 105942, inuse: 174949 },
      tcp6: { inuse: 2 },
    });
    assert.deepEqual(s.counters, { TcpCurrEstab: 47808 });
  });
});

describe('netstat listings', () => {
  it('Linux net-tools: tcp and tcp6 rows count, udp and unix rows (LISTENING) do not', () => {
    const segs = parseFixture('netstat-linux.txt');
    assert.equal(segs.length, 2);
    const a = at(segs, 0);
    assert.equal(a.kind, 'netstat');
    assert.deepEqual(a.counts, {
      LISTEN: 4,
      ESTABLISHED: 1,
      'FIN-WAIT-1': 2,
      'FIN-WAIT-2': 1,
      'CLOSE-WAIT': 1,
      'TIME-WAIT': 1,
      'LAST-ACK': 1,
      'SYN-RECEIVED': 1,
    });
    assert.equal(a.listed, 12);
    assert.equal(a.startLine, 3);
    assert.deepEqual(at(segs, 1).counts, { LISTEN: 1, CLOSING: 1 });
    assert.equal(at(segs, 1).listed, 2);
  });

  it('BSD/macOS netstat -an -p tcp (tcp4/tcp6/tcp46, dotted ports, SYN_RCVD)', () => {
    const s = only(parseFixture('netstat-bsd.txt'), 'netstat');
    assert.deepEqual(s.counts, {
      'FIN-WAIT-1': 1,
      'FIN-WAIT-2': 1,
      ESTABLISHED: 1,
      'CLOSE-WAIT': 1,
      LISTEN: 3,
      'TIME-WAIT': 1,
      'SYN-RECEIVED': 1,
      'LAST-ACK': 1,
    });
    assert.equal(s.listed, 10);
  });

  it('Windows netstat -an with CRLF line endings (LISTENING, FIN_WAIT_2; UDP skipped)', () => {
    const text = fixture('netstat-windows.txt');
    assert.ok(text.includes('\r\n'));
    const s = only(parseEvidence(text), 'netstat');
    assert.deepEqual(s.counts, { LISTEN: 3, ESTABLISHED: 2, 'TIME-WAIT': 1, 'CLOSE-WAIT': 1, 'FIN-WAIT-2': 1, 'SYN-SENT': 1 });
    assert.equal(s.listed, 9);
    assert.equal(s.startLine, 2);
    assert.equal(s.endLine, 16);
  });
});

describe('per-state counts', () => {
  it('Get-NetTCPConnection | Group-Object State: the .NET names count, English words (Established, Listen) too', () => {
    const s = only(parseFixture('powershell-group.txt'), 'state-counts');
    assert.deepEqual(s.counts, { ESTABLISHED: 412, 'TIME-WAIT': 97, 'CLOSE-WAIT': 21, LISTEN: 14, CLOSING: 3 });
    // Group-Object's default output: the Group column after each pair.
    assert.deepEqual(only(parseFixture('powershell-group-default.txt'), 'state-counts').counts, { ESTABLISHED: 412, 'TIME-WAIT': 97, LISTEN: 14 });
    // Without that command, capitalised English words are not states (`12 Established` under `$ uniq -c` is prose-like).
    const plain = parseEvidence('$ cut -d, -f3 statuses.csv | sort | uniq -c\n  412 Established\n   14 Listen\n');
    assert.equal(plain.length, 0);
  });

  it('`sort | uniq -c` of ss states', () => {
    const s = only(parseFixture('uniq-c.txt'), 'state-counts');
    assert.deepEqual(s.counts, {
      'FIN-WAIT-1': 61920,
      'TIME-WAIT': 8120,
      ESTABLISHED: 350,
      'CLOSE-WAIT': 42,
      LISTEN: 12,
      'LAST-ACK': 3,
      'SYN-RECEIVED': 1,
    });
    assert.equal(s.listed, 70448);
  });

  it('awk tallies, state first (ss and netstat spellings)', () => {
    assert.deepEqual(only(parseFixture('awk-counts.txt')).counts, {
      LISTEN: 12,
      ESTABLISHED: 350,
      'TIME-WAIT': 8120,
      'FIN-WAIT-1': 61920,
      'CLOSE-WAIT': 42,
      'LAST-ACK': 3,
    });
    assert.deepEqual(only(parseFixture('netstat-awk.txt')).counts, {
      'TIME-WAIT': 8120,
      'CLOSE-WAIT': 42,
      'FIN-WAIT-1': 61920,
      ESTABLISHED: 350,
      'SYN-RECEIVED': 1,
      'LAST-ACK': 3,
      'FIN-WAIT-2': 88,
    });
  });

  it('localised netstat tallies: header words and unknown state names are skipped', () => {
    const s = only(parseFixture('netstat-uniq-localised.txt'));
    assert.deepEqual(s.counts, {
      CLOSING: 5,
      'FIN-WAIT-1': 11,
      'LAST-ACK': 14,
      'SYN-RECEIVED': 14,
      LISTEN: 16,
      'FIN-WAIT-2': 120,
      'TIME-WAIT': 12002,
    });
  });

  it('hand-edited counts with thousands separators and a Chinese comment; spellings are merged', () => {
    const s = only(parseFixture('counts-hand-edited.txt'), 'state-counts');
    assert.deepEqual(s.counts, { 'FIN-WAIT-1': 61932, 'TIME-WAIT': 8120, ESTABLISHED: 350 });
    assert.equal(s.startLine, 1);
  });

  it('/proc/net/tcp hex codes count only when the command mentions /proc/net/tcp', () => {
    const s = only(parseFixture('proc-tcp-hex-counts.txt'), 'state-counts');
    assert.deepEqual(s.counts, {
      ESTABLISHED: 350,
      'SYN-RECEIVED': 1,
      'FIN-WAIT-1': 61920,
      'FIN-WAIT-2': 88,
      'TIME-WAIT': 8120,
      'CLOSE-WAIT': 42,
      'LAST-ACK': 3,
      LISTEN: 12,
    });
    const hexOnly = '     12 0A\n    900 04\n      3 01\n';
    assert.deepEqual(parseEvidence(hexOnly), []);
    assert.deepEqual(parseEvidence(`$ ss -tan | awk '{print $1}' | sort | uniq -c\n${hexOnly}`), []);
    const awk = "$ awk 'FNR>1 {c[$4]++} END {for (s in c) print s, c[s]}' /proc/net/tcp\n0A 12\n04 900\n";
    assert.deepEqual(only(parseEvidence(awk)).counts, { LISTEN: 12, 'FIN-WAIT-1': 900 });
  });

  it('one count line needs a counting command; two lines stand on their own', () => {
    assert.deepEqual(parseEvidence('FIN-WAIT-1 61920\n'), []);
    assert.deepEqual(only(parseEvidence("$ ss -tan | awk '{print $1}' | sort | uniq -c | grep FIN\n  61920 FIN-WAIT-1\n")).counts, {
      'FIN-WAIT-1': 61920,
    });
    assert.deepEqual(only(parseEvidence('FIN-WAIT-1 61920\nLAST-ACK 3\n')).counts, { 'FIN-WAIT-1': 61920, 'LAST-ACK': 3 });
  });

  it('English words count only in capitals', () => {
    assert.deepEqual(parseEvidence('listen 3\nclosed 5\nestablished 7\n'), []);
    assert.deepEqual(only(parseEvidence('LISTEN 3\nCLOSED 5\n')).counts, { LISTEN: 3, CLOSED: 5 });
  });
});

describe('sockstat', () => {
  it('/proc/net/sockstat and sockstat6 in one segment; UDP/RAW/FRAG lines ignored', () => {
    const s = only(parseFixture('sockstat.txt'), 'sockstat');
    assert.deepEqual(s.sockstat, {
      socketsUsed: 1342,
      tcp: { inuse: 71270, orphan: 61920, tw: 8120, alloc: 71288, mem: 182044 },
      tcp6: { inuse: 18 },
    });
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 12);
  });

  it('a value above 2^53 is dropped, the rest of the line kept', () => {
    const s = only(parseEvidence('TCP: inuse 99999999999999999999 orphan 37 tw 8120\n'));
    assert.deepEqual(s.sockstat, { tcp: { orphan: 37, tw: 8120 } });
  });
});

describe('counters', () => {
  it('nstat -az (with #kernel) and nstat | grep (without)', () => {
    const segs = parseFixture('nstat.txt');
    assert.equal(segs.length, 2);
    assert.equal(at(segs, 0).kind, 'nstat');
    assert.equal(at(segs, 0).counters?.TcpExtTCPAbortOnMemory, 12);
    assert.equal(at(segs, 0).counters?.TcpExtTCPAbortOnTimeout, 3);
    assert.equal(at(segs, 0).counters?.TcpExtTCPMemoryPressuresChrono, 1840);
    assert.equal(Object.keys(at(segs, 0).counters ?? {}).length, 9);
    assert.deepEqual(at(segs, 1).counters, { TcpExtTCPAbortOnData: 18266, TcpExtTCPAbortOnMemory: 14 });
    assert.deepEqual(mergeSegments(segs).counters.TcpExtTCPAbortOnMemory, 14);
  });

  it('netstat -s: wordings mapped to nstat names, sections prefix `Name: value` lines', () => {
    const s = only(parseFixture('netstat-s.txt'), 'nstat');
    const c = s.counters ?? {};
    assert.equal(c.TcpExtTCPAbortOnMemory, 12);
    assert.equal(c.TcpExtTCPAbortOnTimeout, 3);
    assert.equal(c.TcpExtTCPAbortOnData, 18265);
    assert.equal(c.TcpExtTCPAbortOnClose, 1057);
    assert.equal(c.TcpExtTCPMemoryPressures, 2);
    assert.equal(c.TcpExtTCPTimeWaitOverflow, 5);
    assert.equal(c.TcpExtListenOverflows, 3);
    assert.equal(c.TcpExtDelayedACKLost, 2210);
    assert.equal(c.TcpCurrEstab, 350);
    assert.equal(c.TcpRetransSegs, 120331);
    assert.equal(c.IpExtInOctets, 53211022193);
    assert.equal(c.IcmpMsgInType3, 2125);
    // Udp's "packets received" is not mistaken for a TCP counter.
    assert.equal(Object.keys(c).some((k) => k.startsWith('Udp')), false);
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 57);
  });

  it('netstat -s | grep: lines without section titles', () => {
    const s = only(parseFixture('netstat-s-grep.txt'), 'nstat');
    assert.deepEqual(s.counters, {
      TcpExtTCPAbortOnData: 18265,
      TcpExtTCPAbortOnClose: 1057,
      TcpExtTCPAbortOnMemory: 12,
      TcpExtTCPAbortOnTimeout: 3,
      TcpExtListenOverflows: 3,
      TcpExtTCPTimeWaitOverflow: 5,
    });
  });

  it('/proc/net/netstat and /proc/net/snmp header/value pairs', () => {
    const segs = parseFixture('proc-net-netstat.txt');
    assert.equal(segs.length, 2);
    const c = at(segs, 0).counters ?? {};
    assert.equal(c.TcpExtTCPAbortOnMemory, 12);
    assert.equal(c.TcpExtTCPAbortOnTimeout, 3);
    assert.equal(c.TcpExtTCPTimeWaitOverflow, 5);
    assert.equal(c.TcpExtTW, 1190221);
    assert.equal(c.IpExtInOctets, 53211022193);
    assert.equal(c.MPTcpExtMPCapableSYNRX, 0);
    const snmp = at(segs, 1).counters ?? {};
    assert.equal(snmp.TcpCurrEstab, 350);
    assert.equal(snmp.TcpMaxConn, -1);
  });

  it('there is no orphan counter to find in nstat output (orphans live in sockstat)', () => {
    const merged = mergeSegments(parseFixture('nstat.txt'));
    assert.equal(Object.keys(merged.counters).some((k) => /orphan/i.test(k)), false);
  });
});

describe('Prometheus node_exporter metrics', () => {
  const lines = (text: string): string[] => text.split('\n');
  const indexOf = (text: string, prefix: string): number => lines(text).findIndex((l) => l.startsWith(prefix));

  it('sockstat collector → the sockstat numbers; mem in pages; mem_bytes / mem gives the page size; UDP/FRAG not kept', () => {
    const text = fixture('prometheus-node.txt');
    const s = only(parseEvidence(text), 'prometheus');
    assert.deepEqual(s.sockstat, {
      tcp6: { inuse: 18 },
      tcp: { alloc: 71288, inuse: 71270, mem: 182044, orphan: 61920, tw: 8120 },
      socketsUsed: 1342,
    });
    assert.deepEqual(s.sysctls, { [PAGE_SIZE_KEY]: '4096' });
    // From the first sample (after the command and the first HELP/TYPE pair) to the last one.
    assert.equal(s.startLine, indexOf(text, 'node_netstat_TcpExt_TCPAbortOnMemory'));
    assert.equal(s.endLine, indexOf(text, 'node_tcp_connection_states{state="tx_queued_bytes"}') + 1);
  });

  it('mem_bytes alone is not turned into pages on a guessed page size; a quotient that is no page size is dropped', () => {
    const alone = only(parseEvidence('node_sockstat_TCP_orphan 5\nnode_sockstat_TCP_mem_bytes 7.45652224e+08\n'));
    assert.deepEqual(alone.sockstat, { tcp: { orphan: 5 } });
    assert.equal(alone.sysctls, undefined);
    const odd = only(parseEvidence('node_sockstat_TCP_mem 3\nnode_sockstat_TCP_mem_bytes 12000\n'));
    assert.deepEqual(odd.sockstat, { tcp: { mem: 3 } });
    assert.equal(odd.sysctls, undefined);
  });

  it('tcpstat collector → per-state counts (listed = their sum); rx/tx_queued_bytes are bytes, not states', () => {
    const s = only(parseFixture('prometheus-node.txt'), 'prometheus');
    assert.deepEqual(s.counts, {
      'CLOSE-WAIT': 1,
      CLOSING: 2,
      ESTABLISHED: 350,
      'FIN-WAIT-1': 61920,
      'FIN-WAIT-2': 12,
      'LAST-ACK': 3,
      LISTEN: 14,
      'SYN-RECEIVED': 1,
      'TIME-WAIT': 8120,
    });
    assert.equal(s.listed, 70423);
    assert.equal(s.filteredState, undefined);
    const close = only(parseEvidence('node_tcp_connection_states{state="close"} 4\nnode_tcp_connection_states{state="syn_sent"} 2\n'));
    assert.deepEqual(close.counts, { CLOSED: 4, 'SYN-SENT': 2 });
  });

  it('netstat collector → nstat counter names', () => {
    const s = only(parseFixture('prometheus-node.txt'), 'prometheus');
    assert.deepEqual(s.counters, { TcpExtTCPAbortOnMemory: 12 });
    const c = only(parseEvidence('node_netstat_Tcp_CurrEstab 350\nnode_netstat_TcpExt_ListenOverflows 3\nnode_netstat_Foo_Bar 1\n')).counters;
    assert.deepEqual(c, { TcpCurrEstab: 350, TcpExtListenOverflows: 3 });
  });

  it('# HELP / # TYPE lines neither end the paste nor add to it', () => {
    const bare = fixture('prometheus-node.txt')
      .split('\n')
      .filter((l) => !l.startsWith('# '))
      .join('\n');
    const withComments = only(parseFixture('prometheus-node.txt'));
    const without = only(parseEvidence(bare));
    assert.deepEqual(without.counts, withComments.counts);
    assert.deepEqual(without.sockstat, withComments.sockstat);
    assert.deepEqual(without.counters, withComments.counters);
  });

  it('exponent notation: 6.192e+04 is 61920, 1.82044e+05 is 182044; labels in any order, spaces, trailing comma, __name__', () => {
    const text = fixture('prometheus-explore.txt');
    const s = only(parseEvidence(text), 'prometheus');
    assert.deepEqual(s.sockstat, { tcp: { orphan: 61920, tw: 8120, mem: 182044 } });
    assert.deepEqual(s.counts, { 'FIN-WAIT-1': 61920, 'LAST-ACK': 3 });
    assert.equal(s.startLine, 1);
    assert.equal(s.endLine, 6);
  });

  it('a timestamp after the value (ms, OpenMetrics seconds, console @seconds) is accepted, not read as the value', () => {
    for (const ts of ['1709649120000', '1709649120.123', '@1709649120.123']) {
      const s = only(parseEvidence(`node_sockstat_TCP_orphan 61920 ${ts}\nnode_sockstat_TCP_tw\t8120\t${ts}\n`));
      assert.deepEqual(s.sockstat, { tcp: { orphan: 61920, tw: 8120 } }, ts);
    }
    // …but a second word that is no number makes it no sample.
    assert.deepEqual(parseEvidence('node_sockstat_TCP_orphan 61920 sockets\nnode_sockstat_TCP_tw 8120 sockets\n'), []);
  });

  it('several instances in one paste give no numbers (neither summed nor one picked); one instance does', () => {
    assert.deepEqual(parseFixture('prometheus-instances.txt'), []);
    const oneHost = fixture('prometheus-instances.txt')
      .split('\n')
      .filter((l) => !l.includes('web-02'))
      .join('\n');
    const s = only(parseEvidence(oneHost), 'prometheus');
    assert.deepEqual(s.counts, { 'FIN-WAIT-1': 61920 });
    assert.deepEqual(s.sockstat, { tcp: { orphan: 61920 } });
    // Any label besides `state` tells targets apart, not only `instance`.
    const twoJobs = 'node_sockstat_TCP_orphan{job="node",host="a"} 1\nnode_sockstat_TCP_tw{job="node",host="b"} 2\n';
    assert.deepEqual(parseEvidence(twoJobs), []);
  });

  it('a value that is not an integer ≥ 0 (1.5, -1, NaN, +Inf, > 2^53) counts nothing; the paste goes on', () => {
    const text = [
      'node_tcp_connection_states{state="fin_wait1"} 1.5',
      'node_tcp_connection_states{state="last_ack"} -1',
      'node_tcp_connection_states{state="closing"} NaN',
      'node_tcp_connection_states{state="time_wait"} +Inf',
      'node_sockstat_TCP_orphan 1.8446744073709552e+19',
      'node_sockstat_TCP_tw 8120',
      'node_tcp_connection_states{state="close_wait"} 0',
    ].join('\n');
    const s = only(parseEvidence(text), 'prometheus');
    assert.deepEqual(s.counts, { 'CLOSE-WAIT': 0 });
    assert.deepEqual(s.sockstat, { tcp: { tw: 8120 } });
    assert.equal(s.startLine, 0);
    assert.equal(s.endLine, 7);
    checkInvariants(text, parseEvidence(text));
  });

  it('a Prometheus line of another metric neither starts a paste nor ends one', () => {
    assert.deepEqual(parseFixture('prometheus-other.txt'), []);
    const text = 'node_sockstat_TCP_orphan 7\nnode_load1 0.52\nprocess_cpu_seconds_total 1.5\nnode_sockstat_TCP_tw 9\n';
    const s = only(parseEvidence(text), 'prometheus');
    assert.deepEqual(s.sockstat, { tcp: { orphan: 7, tw: 9 } });
    assert.equal(s.endLine, 4);
  });

  it('count lines and nstat rows right after a paste are their own formats, though they have the sample shape', () => {
    const counts = parseEvidence('node_sockstat_TCP_orphan 5\nTIME_WAIT 8120\nLISTEN 14\ntime_wait 3\n');
    assert.deepEqual(
      counts.map((s) => [s.kind, s.startLine, s.endLine]),
      [
        ['prometheus', 0, 1],
        ['state-counts', 1, 4],
      ],
    );
    assert.deepEqual(at(counts, 1).counts, { 'TIME-WAIT': 8123, LISTEN: 14 });
    const nstat = parseEvidence('node_sockstat_TCP_orphan 5\nnode_load1 0.5\nTcpExtTCPAbortOnMemory 12 0.0\nTcpExtTCPAbortOnData 3 0.0\n');
    assert.deepEqual(
      nstat.map((s) => [s.kind, s.startLine, s.endLine]),
      [
        ['prometheus', 0, 2],
        ['nstat', 2, 4],
      ],
    );
    assert.deepEqual(at(nstat, 1).counters, { TcpExtTCPAbortOnMemory: 12, TcpExtTCPAbortOnData: 3 });
  });

  it('a series seen again starts a new sample (a second scrape)', () => {
    const text = 'node_sockstat_TCP_orphan 100\nnode_sockstat_TCP_tw 5\nnode_sockstat_TCP_orphan 200\nnode_sockstat_TCP_tw 6\n';
    const segs = parseEvidence(text);
    assert.deepEqual(
      segs.map((s) => [s.startLine, s.endLine, s.sockstat?.tcp?.orphan]),
      [
        [0, 2, 100],
        [2, 4, 200],
      ],
    );
  });

  it('sits beside the other formats: /proc/net/sockstat and nstat rows in the same block are their own segments', () => {
    const text = [
      '$ cat /proc/net/sockstat',
      'TCP: inuse 5 orphan 1 tw 2 alloc 5 mem 3',
      '$ curl -s localhost:9100/metrics | grep orphan',
      'node_sockstat_TCP_orphan 4',
      '$ nstat -az TcpExtTCPAbortOnMemory',
      'TcpExtTCPAbortOnMemory 12 0.0',
    ].join('\n');
    assert.deepEqual(
      parseEvidence(text).map((s) => [s.kind, s.startLine]),
      [
        ['sockstat', 1],
        ['prometheus', 3],
        ['nstat', 5],
      ],
    );
  });
});

describe('Prometheus sample lines (prometheusSample.ts)', () => {
  it('reads names, labels (escaped quotes, commas and braces inside values) and the value as written', () => {
    assert.deepEqual(parsePromSample('node_tcp_connection_states{note="a \\"b\\", {c}", state="fin_wait1"} 1.8234e+04'), {
      name: 'node_tcp_connection_states',
      labels: [
        ['note', 'a "b", {c}'],
        ['state', 'fin_wait1'],
      ],
      value: '1.8234e+04',
    });
    assert.equal(parsePromSample('  node_sockstat_TCP_tw 8120 # {trace_id="x"} 1')?.value, '8120');
  });

  it('rejects what is not a sample', () => {
    for (const line of [
      'node_sockstat_TCP_tw',
      'node_sockstat_TCP_tw=8120',
      'node_sockstat_TCP_tw 8,120',
      'node_sockstat_TCP_tw{state="x" 1',
      'node_sockstat_TCP_tw{state=x} 1',
      'node_sockstat_TCP_tw{a="1",a="2"} 1',
      '{state="fin_wait1"}',
      'node_a{__name__="node_b"} 1',
      'TCP: inuse 5 orphan 1',
      '1e5 node',
    ]) {
      assert.equal(parsePromSample(line), undefined, line);
    }
  });

  it('counts are integers ≥ 0 a double holds exactly', () => {
    assert.equal(promCount('18234'), 18234);
    assert.equal(promCount('1.8234e+04'), 18234);
    assert.equal(promCount('1.8234E4'), 18234);
    assert.equal(promCount('-0'), 0);
    for (const v of ['1.5', '-1', 'NaN', '+Inf', '-Inf', '1e300', '0x10', '', '.', 'e5']) assert.equal(promCount(v), undefined, v);
  });
});

describe('/proc/net/tcp rows', () => {
  it('counts per st code; a timewait minisock in sub-state 05 (tr 3) counts as FIN-WAIT-2', () => {
    const segs = parseFixture('proc-net-tcp.txt');
    assert.equal(segs.length, 2);
    const v4 = at(segs, 0);
    assert.equal(v4.kind, 'proc-net-tcp');
    assert.deepEqual(v4.counts, {
      LISTEN: 2,
      ESTABLISHED: 1,
      'FIN-WAIT-1': 2,
      'FIN-WAIT-2': 2,
      'TIME-WAIT': 1,
      'CLOSE-WAIT': 1,
      'LAST-ACK': 1,
    });
    assert.equal(v4.listed, 10);
    assert.equal(v4.startLine, 1);
    assert.equal(v4.endLine, 12);
    assert.deepEqual(at(segs, 1).counts, { LISTEN: 1, 'FIN-WAIT-1': 1 });
  });
});

describe('sysctl', () => {
  it('sysctl lines (tabs collapsed), cat /proc/sys value, sysctl -n values, getconf PAGESIZE', () => {
    const segs = parseFixture('sysctl.txt');
    assert.equal(segs.length, 4);
    assert.ok(segs.every((s) => s.kind === 'sysctl'));
    assert.deepEqual(at(segs, 0).sysctls, {
      'net.ipv4.tcp_max_orphans': '65536',
      'net.ipv4.tcp_mem': '188319 251092 376638',
      'net.ipv4.tcp_orphan_retries': '0',
      'net.ipv4.tcp_fin_timeout': '60',
      'net.ipv4.tcp_max_tw_buckets': '65536',
      'net.ipv4.tcp_retries2': '15',
    });
    assert.deepEqual(at(segs, 1).sysctls, { 'net.ipv4.tcp_max_orphans': '262144' });
    assert.deepEqual(at(segs, 2).sysctls, { 'net.core.somaxconn': '4096', 'net.ipv4.tcp_tw_reuse': '2' });
    assert.deepEqual(at(segs, 3).sysctls, { [PAGE_SIZE_KEY]: '4096' });
    // Later wins in the merge.
    assert.equal(mergeSegments(segs).sysctls['net.ipv4.tcp_max_orphans'], '262144');
  });

  it('sysctl.conf style, `grep . /proc/sys/…` style, and error lines', () => {
    const conf = 'net.ipv4.tcp_max_orphans=131072\nvm.min_free_kbytes = 67584\n';
    assert.deepEqual(only(parseEvidence(conf)).sysctls, { 'net.ipv4.tcp_max_orphans': '131072', 'vm.min_free_kbytes': '67584' });
    const grep = '$ grep . /proc/sys/net/ipv4/tcp_fin_timeout /proc/sys/net/ipv4/tcp_max_orphans\n/proc/sys/net/ipv4/tcp_fin_timeout:60\n/proc/sys/net/ipv4/tcp_max_orphans:65536\n';
    assert.deepEqual(only(parseEvidence(grep)).sysctls, { 'net.ipv4.tcp_fin_timeout': '60', 'net.ipv4.tcp_max_orphans': '65536' });
    const err = '$ cat /proc/sys/net/ipv4/tcp_tw_recycle /proc/sys/net/ipv4/tcp_fin_timeout\ncat: /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory\n30\n';
    assert.deepEqual(only(parseEvidence(err)).sysctls, { 'net.ipv4.tcp_fin_timeout': '30' });
  });

  it('code that assigns dotted names is not a sysctl', () => {
    assert.deepEqual(parseEvidence('net.ipv4 = 3\nconfig.value = 12\n'), []);
  });
});

describe('mixed blocks', () => {
  it('prompts, a Chinese comment, sockstat + sysctl + filtered ss + wc -l in one block', () => {
    const segs = parseFixture('mixed.txt');
    assert.deepEqual(
      segs.map((s) => [s.kind, s.startLine, s.endLine]),
      [
        ['sockstat', 2, 8],
        ['sysctl', 10, 11],
        ['ss', 12, 17],
        ['ss', 18, 19],
      ],
    );
    assert.equal(at(segs, 0).sockstat?.tcp?.orphan, 61920);
    assert.equal(at(segs, 2).filteredState, 'FIN-WAIT-1');
    assert.deepEqual(at(segs, 3).counts, { 'FIN-WAIT-1': 61920 });
    const m = mergeSegments(segs);
    // `| head -5` shows 4 of the sockets `| wc -l` counts: one count, the printed one (not 61,924).
    assert.equal(m.counts['FIN-WAIT-1'], 61920);
    assert.equal(m.listed, 61920);
    assert.equal(m.sysctls['net.ipv4.tcp_max_orphans'], '65536');
  });

  it('CRLF, trailing spaces and a Chinese comment: ss -s then sockstat; later sockstat wins field-wise', () => {
    const text = fixture('mixed-crlf.txt');
    assert.ok(text.includes('\r\n'));
    const segs = parseEvidence(text);
    assert.deepEqual(
      segs.map((s) => [s.kind, s.startLine, s.endLine]),
      [
        ['ss-summary', 2, 11],
        ['sockstat', 13, 16],
      ],
    );
    const m = mergeSegments(segs);
    assert.deepEqual(m.sockstat, {
      socketsUsed: 1350,
      tcp: { inuse: 71300, orphan: 62001, tw: 8100, alloc: 71310, mem: 182100 },
      tcp6: { inuse: 18 },
    });
    assert.deepEqual(m.counters, { TcpCurrEstab: 350 });
  });

  it('two outputs pasted back to back without a command between them', () => {
    const text = 'sockets: used 10\nTCP: inuse 5 orphan 2 tw 1 alloc 7 mem 3\nTotal: 10\nTCP:   8 (estab 3, closed 1, orphaned 2, timewait 1)\n';
    const segs = parseEvidence(text);
    assert.deepEqual(segs.map((s) => s.kind), ['sockstat', 'ss-summary']);
  });
});

describe('negatives', () => {
  for (const name of ['prose.txt', 'python.txt', 'shell-script.txt', 'c-code.txt']) {
    it(`${name}: nothing`, () => {
      assert.deepEqual(parseFixture(name), []);
    });
  }

  it('a udp-only ss listing gives no TCP counts (with or without its command)', () => {
    assert.deepEqual(parseFixture('ss-udp.txt'), []);
    const withoutCommand = fixture('ss-udp.txt').split('\n').slice(1).join('\n');
    assert.deepEqual(parseEvidence(withoutCommand), []);
  });

  it('a unix-socket listing (`ss -xa`) gives nothing', () => {
    const text = '$ ss -xa\nNetid State Recv-Q Send-Q Local Address:Port Peer Address:Port\nu_str ESTAB 0 0 /run/dbus/system_bus_socket 23456 * 23455\n';
    assert.deepEqual(parseEvidence(text), []);
  });

  it('empty, whitespace-only and non-string input', () => {
    assert.deepEqual(parseEvidence(''), []);
    assert.deepEqual(parseEvidence(' \n\t\r\n  '), []);
    assert.deepEqual(parseEvidence(undefined as unknown as string), []);
    assert.deepEqual(parseEvidence(42 as unknown as string), []);
  });
});

describe('snapshot block', () => {
  const sample: SnapshotData = {
    host: 'web-01',
    kernel: '6.8.0-45-generic',
    time: '2025-03-14T09:26:53+08:00',
    pageSize: 4096,
    sockstat: {
      socketsUsed: 1342,
      tcp: { inuse: 9270, orphan: 61920, tw: 8120, alloc: 71330, mem: 182044 },
      tcp6: { inuse: 10 },
    },
    sysctls: {
      'net.ipv4.tcp_max_orphans': '65536',
      'net.ipv4.tcp_mem': '188319 251092 376638',
      'net.ipv4.tcp_fin_timeout': '60',
      'net.ipv4.tcp_orphan_retries': '0',
    },
    states: {
      tcp4: { ESTABLISHED: 350, 'FIN-WAIT-1': 61920, 'TIME-WAIT': 8120, 'LAST-ACK': 3 },
      tcp6: { LISTEN: 4, 'FIN-WAIT-1': 12 },
    },
    counters: { TcpExtTCPAbortOnMemory: 12, TcpExtTCPAbortOnTimeout: 3, TcpExtTCPTimeWaitOverflow: 0 },
  };

  it('is plain readable text in the documented layout', () => {
    const text = formatSnapshot(sample);
    const lines = text.split('\n');
    assert.equal(lines[0], '# tcp-state-notes snapshot host=web-01 kernel=6.8.0-45-generic time=2025-03-14T09:26:53+08:00');
    assert.ok(lines.includes('TCP: inuse 9270 orphan 61920 tw 8120 alloc 71330 mem 182044'));
    assert.ok(lines.includes('TCP6: inuse 10'));
    assert.ok(lines.includes('net.ipv4.tcp_mem = 188319 251092 376638'));
    assert.ok(lines.includes('pagesize 4096'));
    assert.ok(lines.includes('tcp4 FIN-WAIT-1 61920'));
    assert.ok(lines.includes('tcp6 LISTEN 4'));
    assert.ok(lines.some((l) => /^TcpExtTCPAbortOnMemory +12$/.test(l)));
    assert.ok(lines.includes('orphan-pressure orphan=61920 max=65536 ratio=0.9448 half=32768 quarter=16384 mem=182044 mem-max=376638 mem-ratio=0.4833'));
    assert.equal(lines[lines.length - 1], '# end snapshot');
  });

  it('round trip: parseEvidence(formatSnapshot(x)) gives back x’s numbers', () => {
    const text = formatSnapshot(sample);
    const s = only(parseEvidence(text), 'snapshot');
    assert.equal(s.startLine, 0);
    assert.equal(s.endLine, text.split('\n').length);
    assert.deepEqual(s.counts, { ESTABLISHED: 350, 'FIN-WAIT-1': 61932, 'TIME-WAIT': 8120, 'LAST-ACK': 3, LISTEN: 4 });
    assert.equal(s.listed, 350 + 61932 + 8120 + 3 + 4);
    assert.deepEqual(s.sockstat, sample.sockstat);
    assert.deepEqual(s.counters, sample.counters);
    assert.deepEqual(s.sysctls, { ...sample.sysctls, [PAGE_SIZE_KEY]: '4096' });
  });

  it('round trip: parseSnapshot(formatSnapshot(x)) deep-equals x, for generated data too', () => {
    assert.deepEqual(parseSnapshot(formatSnapshot(sample)), sample);
    const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    const stateCounts = fc.dictionary(fc.constantFrom('ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'LAST-ACK', 'SYN-RECEIVED', 'NEW-SYN-RECV'), count, {
      minKeys: 1,
    });
    const headerValue = fc.string({ unit: 'grapheme', minLength: 0, maxLength: 20 });
    fc.assert(
      fc.property(headerValue, headerValue, headerValue, stateCounts, count, (host, kernel, time, tcp4, orphan) => {
        const data: SnapshotData = {
          host,
          kernel,
          time,
          sockstat: { tcp: { orphan } },
          sysctls: { 'net.ipv4.tcp_max_orphans': String(orphan) },
          states: { tcp4: { ...tcp4 } }, // fc.dictionary builds null-prototype objects
          counters: { TcpExtTCPAbortOnMemory: orphan },
        };
        assert.deepEqual(parseSnapshot(formatSnapshot(data)), data);
      }),
      { numRuns: 200 },
    );
  });

  it('reads the hand-written fixture; header values with spaces survive percent-encoding', () => {
    const s = only(parseFixture('snapshot.txt'), 'snapshot');
    assert.deepEqual(s.counts, { ESTABLISHED: 350, 'FIN-WAIT-1': 61932, LISTEN: 4 });
    assert.equal(s.sysctls?.[PAGE_SIZE_KEY], '4096');
    const odd: SnapshotData = { host: 'my host=1 %', kernel: '', time: '2025-01-01T00:00:00Z', states: { tcp4: { CLOSING: 1 } } };
    assert.ok(formatSnapshot(odd).startsWith('# tcp-state-notes snapshot host=my%20host%3D1%20%25 kernel= time='));
    assert.deepEqual(parseSnapshot(formatSnapshot(odd)), odd);
  });

  it('ends at `# end snapshot` or at a shell command; what follows is parsed normally', () => {
    const text = `${formatSnapshot(sample)}\n$ ss -s\nTotal: 5\nTCP:   3 (estab 1, closed 0, orphaned 2, timewait 0)\n`;
    assert.deepEqual(parseEvidence(text).map((s) => s.kind), ['snapshot', 'ss-summary']);
    const noEnd = formatSnapshot(sample).replace('\n# end snapshot', '');
    const text2 = `${noEnd}\n$ cat /proc/net/sockstat\nTCP: inuse 1 orphan 1 tw 1 alloc 1 mem 1\n`;
    const segs = parseEvidence(text2);
    assert.deepEqual(segs.map((s) => s.kind), ['snapshot', 'sockstat']);
    assert.equal(at(segs, 0).sockstat?.tcp?.orphan, 61920);
  });

  it('unknown lines inside a snapshot are ignored (forward compatible)', () => {
    const text = formatSnapshot(sample).replace('# end snapshot', 'future-line a=1 b=2\nsomething else entirely\n# end snapshot');
    const s = only(parseEvidence(text), 'snapshot');
    assert.equal(s.counts['FIN-WAIT-1'], 61932);
  });
});

describe('mergeSegments', () => {
  it('one count per state (a printed count before listed rows); listed covers the counts; later sockstat fields win; counters and sysctls: later wins', () => {
    const segs: EvidenceSegment[] = [
      { kind: 'ss', startLine: 0, endLine: 3, counts: { 'FIN-WAIT-1': 2, ESTABLISHED: 1 }, listed: 3 },
      { kind: 'state-counts', startLine: 4, endLine: 6, counts: { 'FIN-WAIT-1': 5 }, listed: 5 },
      { kind: 'sockstat', startLine: 7, endLine: 8, counts: {}, sockstat: { socketsUsed: 9, tcp: { orphan: 1, tw: 2, mem: 3 } } },
      { kind: 'ss-summary', startLine: 9, endLine: 10, counts: {}, sockstat: { tcp: { orphan: 4 } }, counters: { TcpCurrEstab: 1 } },
      { kind: 'nstat', startLine: 11, endLine: 12, counts: {}, counters: { TcpCurrEstab: 2, TcpExtTCPAbortOnMemory: 7 } },
      { kind: 'sysctl', startLine: 13, endLine: 14, counts: {}, sysctls: { 'net.ipv4.tcp_max_orphans': '1' } },
      { kind: 'sysctl', startLine: 15, endLine: 16, counts: {}, sysctls: { 'net.ipv4.tcp_max_orphans': '2' } },
    ];
    const m = mergeSegments(segs);
    // The state-counts segment's 5 FIN-WAIT-1 count the listing's 2 again: 5, not 7.
    assert.deepEqual(m.counts, { 'FIN-WAIT-1': 5, ESTABLISHED: 1 });
    assert.equal(m.listed, 6);
    assert.deepEqual(m.sockstat, { socketsUsed: 9, tcp: { orphan: 4, tw: 2, mem: 3 } });
    assert.deepEqual(m.counters, { TcpCurrEstab: 2, TcpExtTCPAbortOnMemory: 7 });
    assert.deepEqual(m.sysctls, { 'net.ipv4.tcp_max_orphans': '2' });
  });

  it('of nothing is empty', () => {
    assert.deepEqual(mergeSegments([]), { counts: {}, listed: 0, counters: {}, sysctls: {} });
  });
});

describe('robustness', () => {
  it('parses a 200,000-row ss listing', () => {
    const states = ['ESTAB', 'FIN-WAIT-1', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK'];
    const lines = ['$ ss -tan', 'State      Recv-Q Send-Q Local Address:Port Peer Address:Port Process'];
    for (let i = 0; i < 200_000; i++) {
      lines.push(`${states[i % 5]} 0 ${i % 7} 10.0.${(i >> 8) & 255}.${i & 255}:443 10.1.${(i >> 8) & 255}.${i & 255}:${1024 + (i % 60000)}`);
    }
    const s = only(parseEvidence(lines.join('\n')), 'ss');
    assert.equal(s.listed, 200_000);
    assert.deepEqual(s.counts, { ESTABLISHED: 40_000, 'FIN-WAIT-1': 40_000, 'TIME-WAIT': 40_000, 'CLOSE-WAIT': 40_000, 'LAST-ACK': 40_000 });
    assert.equal(s.endLine, 200_002);
  });

  it('huge numbers are skipped, overlong lines ignored, binary junk tolerated', () => {
    assert.deepEqual(parseEvidence('99999999999999999999 FIN-WAIT-1\n123456789012345678 LAST-ACK\n'), []);
    const long = 'x'.repeat(100_000);
    const text = `$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\n${long}\nESTAB 0 0 10.0.0.1:1 10.0.0.2:2\n`;
    assert.deepEqual(only(parseEvidence(text)).counts, { ESTABLISHED: 1 });
    let junk = '';
    for (let i = 0; i < 200_000; i++) junk += String.fromCharCode((i * 7919) % 65536);
    checkInvariants(junk, parseEvidence(junk));
    const nul = '\u0000\u0001TCP: inuse \u0000 5\n$\u0000 ss\n\uFFFD\uD800 LISTEN 3\n';
    checkInvariants(nul, parseEvidence(nul));
  });

  it('never throws, and results are well-formed, on arbitrary text and on shuffled fixture lines', () => {
    const fragments = [
      'ss-tan.txt',
      'ss-s.txt',
      'sockstat.txt',
      'netstat-linux.txt',
      'netstat-windows.txt',
      'proc-net-tcp.txt',
      'proc-net-netstat.txt',
      'uniq-c.txt',
      'sysctl.txt',
      'snapshot.txt',
      'netstat-s.txt',
      'ss-wc.txt',
      'prometheus-node.txt',
      'prometheus-explore.txt',
      'prometheus-instances.txt',
    ].flatMap((f) => fixture(f).split(/\r?\n/));
    const line = fc.oneof(
      fc.constantFrom(...fragments),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom('', '$ ', '# ', '\\', '61,920 FIN-WAIT-1', '0A 12', '#kernel', 'Tcp:', '# end snapshot'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (ls, eol) => {
        const text = ls.join(eol);
        const segs = parseEvidence(text);
        checkInvariants(text, segs);
        mergeSegments(segs);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        checkInvariants(text, parseEvidence(text));
      }),
      { numRuns: 300 },
    );
  });
});
