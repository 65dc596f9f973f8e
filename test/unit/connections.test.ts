/**
 * Per-connection evidence: ss (-o -e -i -m -p, with and without the State column), netstat (-o, -p),
 * /proc/net/tcp{,6}, bcc tcpstates / tcplife; addresses (IPv6, `[::ffff:…]`); per-state summaries;
 * annotated and prose counts. Fixtures in test/fixtures/evidence/ with made-up numbers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { connectionsOfText, parseEndpoint, parseProcEndpoint, prefixOf, socketsByState, transitionsByState, type Connection } from '../../src/core/evidence/connections';
import { proseCountOf } from '../../src/core/evidence/connections/proseCounts';
import { parseEvidence } from '../../src/core/evidence/parse';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';

const DIR = fixtureDir('evidence');
const fixture = (name: string): string => readFileSync(join(DIR, name), 'utf8');
const rows = (name: string): Connection[] => connectionsOfText(fixture(name));

describe('addresses', () => {
  it('reads IPv4, bracketed and bare IPv6, mapped IPv4, zones, wildcards and service names', () => {
    assert.deepEqual(parseEndpoint('10.0.0.5:443'), { address: '10.0.0.5', family: 4, port: 443 });
    assert.deepEqual(parseEndpoint('[2001:DB8:0:0::1]:8443'), { address: '2001:db8::1', family: 6, port: 8443 });
    assert.deepEqual(parseEndpoint('[::ffff:192.0.2.7]:80'), { address: '192.0.2.7', family: 4, port: 80 });
    assert.deepEqual(parseEndpoint('::ffff:192.0.2.7:80'), { address: '192.0.2.7', family: 4, port: 80 });
    assert.deepEqual(parseEndpoint('2001:db8::1:443'), { address: '2001:db8::1', family: 6, port: 443 });
    assert.deepEqual(parseEndpoint('fe80::1%eth0:22'), { address: 'fe80::1', family: 6, port: 22 });
    assert.deepEqual(parseEndpoint('10.0.0.5%eth0:22'), { address: '10.0.0.5', family: 4, port: 22 });
    assert.deepEqual(parseEndpoint('*:*'), { address: '*', family: 0 });
    assert.deepEqual(parseEndpoint('[::]:22'), { address: '*', family: 0, port: 22 });
    assert.deepEqual(parseEndpoint('10.0.0.5.443'), { address: '10.0.0.5', family: 4, port: 443 }, 'BSD netstat');
    // Service names as ss / netstat print them without -n: well-known ones are their ports (audit s12).
    assert.deepEqual(parseEndpoint('10.0.0.5:https'), { address: '10.0.0.5', family: 4, port: 443 });
    assert.deepEqual(parseEndpoint('10.0.0.5:postgresql'), { address: '10.0.0.5', family: 4, port: 5432 });
    assert.deepEqual(parseEndpoint('10.0.0.5:my-app'), { address: '10.0.0.5', family: 4 }, 'a name we do not know: no port');
    assert.deepEqual(parseEndpoint('::1.49152'), { address: '::1', family: 6, port: 49152 }, 'BSD netstat, IPv6');
    assert.deepEqual(parseEndpoint('fe80::1%lo0.49152'), { address: 'fe80::1', family: 6, port: 49152 }, 'BSD netstat, IPv6 with a zone');
    assert.deepEqual(parseEndpoint('::ffff:10.0.0.1.443'), { address: '10.0.0.1', family: 4, port: 443 }, 'BSD netstat, mapped IPv4');
    assert.deepEqual(parseEndpoint('*.*'), { address: '*', family: 0 });
    assert.deepEqual(parseEndpoint('0.0.0.0:0'), { address: '*', family: 0 }, 'Windows: a listener has no peer');
    assert.deepEqual(parseEndpoint('[::]:0'), { address: '*', family: 0 });
    // Host names, as ss and netstat print them without -n (netstat cuts them to its column: a trailing dot).
    assert.deepEqual(parseEndpoint('web-3.internal:https'), { address: 'web-3.internal', family: 'name', port: 443 });
    assert.deepEqual(parseEndpoint('Client-9.Example.:51250'), { address: 'client-9.example.', family: 'name', port: 51250 });
    assert.deepEqual(parseEndpoint('localhost:8080'), { address: 'localhost', family: 'name', port: 8080 });
    for (const bad of ['10.0.0.5', '300.1.1.1:80', '10.0.0.5:99999', 'abc:def:ghi', '1:2:3:4:5:6:7:8:9:80', '[::1]80', '', 'web_3:80', '-web:80', 'a..b:80', '1.2.3:80']) {
      assert.equal(parseEndpoint(bad), undefined, bad);
    }
  });

  it('reads /proc/net/tcp hex addresses (little-endian words) for IPv4, IPv6 and mapped IPv4', () => {
    assert.deepEqual(parseProcEndpoint('0500140A:01BB'), { address: '10.20.0.5', family: 4, port: 443 });
    assert.deepEqual(parseProcEndpoint('B80D0120200010000000000005000000:01BB'), { address: '2001:db8:10:20::5', family: 6, port: 443 });
    assert.deepEqual(parseProcEndpoint('0000000000000000FFFF0000C90200C0:A029'), { address: '192.0.2.201', family: 4, port: 41001 });
    assert.deepEqual(parseProcEndpoint('00000000:0016'), { address: '*', family: 0, port: 22 });
    assert.equal(parseProcEndpoint('0500140A:1BB'), undefined);
  });

  it('groups peers by /24 and /64', () => {
    assert.equal(prefixOf({ address: '203.0.113.41', family: 4 }), '203.0.113.0/24');
    assert.equal(prefixOf({ address: '2001:db8:aa:1:211:22ff:fe33:4455', family: 6 }), '2001:db8:aa:1::/64');
    assert.equal(prefixOf({ address: '2001:db8::1', family: 6 }), '2001:db8::/64');
    assert.equal(prefixOf({ address: '*', family: 0 }), undefined);
    assert.equal(prefixOf({ address: 'web-3.internal', family: 'name' }), undefined, 'a host name is in no network the report can tell');
  });

  it('rows with host names (ss -tap, netstat -tp without -n) keep their peers, in no network', () => {
    const text = [
      '$ ss -tap state established',
      'Recv-Q Send-Q   Local Address:Port     Peer Address:Port  Process',
      '0      0        web-3.internal:https   client-9.example.net:51234 users:(("nginx",pid=812,fd=6))',
      '0      0        web-3.internal:https   client-9.example.net:51240 users:(("nginx",pid=812,fd=7))',
      '0      0        web-3.internal:https   10.0.0.7:40022     users:(("nginx",pid=813,fd=6))',
      '$ netstat -tp',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
      'tcp        0   1200 web-3:https             lb-1.internal:40100     FIN_WAIT1   -',
    ].join('\n');
    const conns = connectionsOfText(text);
    assert.equal(conns.length, 4, 'no row dropped');
    const byState = socketsByState(conns);
    const estab = byState.get('ESTABLISHED');
    assert.equal(estab?.listed, 3);
    assert.deepEqual(estab?.peers, [{ address: 'client-9.example.net', count: 2 }, { address: '10.0.0.7', count: 1 }]);
    assert.deepEqual(estab?.prefixes, [{ prefix: '10.0.0.0/24', count: 1 }]);
    assert.deepEqual(byState.get('FIN-WAIT-1')?.peers, [{ address: 'lb-1.internal', count: 1 }]);
    assert.deepEqual(estab?.localPorts, [{ port: 443, count: 3 }]);
  });
});

describe('ss rows', () => {
  it('a timer name that is no timer kind (even an Object property name) gives no timer', () => {
    const text = 'Recv-Q Send-Q Local Address:Port Peer Address:Port\n0 10 10.0.0.1:443 10.0.0.2:5000 timer:(constructor,1sec,3)\n0 10 10.0.0.1:443 10.0.0.3:5001 timer:(persist,1sec,3)';
    const [a, b] = connectionsOfText(text);
    assert.equal(a?.timer, 'none', 'no kind of its own; the listing shows timers, so none');
    assert.equal(a?.retransmits, undefined);
    assert.equal(b?.timer, 'persist');
    assert.equal(b?.probes, 3);
  });

  it('reads -o timers, -e uid/ino, -p users, and the -i/-m line under each row', () => {
    const r = rows('ss-tanoepim.txt');
    assert.equal(r.length, 9);
    const fw1 = r.filter((c) => c.state === 'FIN-WAIT-1');
    assert.equal(fw1.length, 3);
    const [a, b, c] = fw1 as [Connection, Connection, Connection];
    assert.equal(a.timer, 'persist');
    assert.equal(a.probes, 6);
    assert.equal(a.sendQ, 87600);
    assert.equal(a.inode, 0);
    assert.equal(a.backoff, 6);
    assert.equal(a.lastsndMs, 214000);
    assert.equal(a.unacked, 1);
    assert.equal(a.cwnd, 1);
    assert.equal(a.wmemQueued, 89856);
    assert.equal(b.probes, 3);
    assert.equal(c.timer, 'on');
    assert.equal(c.retransmits, 7);
    assert.equal(c.rtoMs, 25600);
    assert.equal(c.retransTotal, 7);
    const est = r.find((x) => x.state === 'ESTABLISHED');
    assert.deepEqual(est?.processes, ['nginx']);
    assert.equal(est?.uid, 33);
    assert.equal(est?.timer, 'keepalive');
    const listen = r.find((x) => x.state === 'LISTEN');
    assert.deepEqual(listen?.processes, ['nginx'], 'two pids of one program: one name');
    assert.equal(listen?.timer, 'none', 'a listing with timers: a row without one has none');
    assert.equal(r.find((x) => x.state === 'FIN-WAIT-2')?.timer, 'timewait');
  });

  it('takes the state from the filter when ss drops the State column; IPv6 and [::ffff:…] peers', () => {
    const r = rows('ss-state-ipv6.txt');
    assert.equal(r.length, 4);
    assert.ok(r.every((c) => c.state === 'FIN-WAIT-1'));
    assert.equal(r[0]?.peer?.address, '2001:db8:aa:1:211:22ff:fe33:4455');
    assert.equal(r[0]?.backoff, 5, 'info line attached to its row');
    assert.equal(r[2]?.peer?.address, '203.0.113.41', 'mapped IPv4 reads as IPv4');
    const s = socketsByState(r).get('FIN-WAIT-1');
    assert.ok(s);
    assert.deepEqual(s.prefixes, [
      { prefix: '2001:db8:aa:1::/64', count: 2 },
      { prefix: '203.0.113.0/24', count: 2 },
    ]);
    assert.deepEqual(s.timers, { on: 1, persist: 3, keepalive: 0, timewait: 0, none: 0 });
    assert.deepEqual(s.sendQ, { rows: 4, nonZero: 3, max: 65160 });
    assert.equal(s.retransMax, 2);
    assert.equal(s.probesMax, 7);
  });

  it('without the State column and without a filter the state stays unknown (not guessed)', () => {
    const r = connectionsOfText('$ ss -Htn\n0 0 10.0.0.5:22 10.0.0.9:50000\n');
    assert.equal(r.length, 1);
    assert.equal(r[0]?.state, undefined);
    assert.equal(socketsByState(r).size, 0);
  });

  it('skips non-TCP rows of a mixed listing', () => {
    const text = 'Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port\nudp UNCONN 0 0 0.0.0.0:68 0.0.0.0:*\ntcp ESTAB 0 0 10.0.0.5:22 10.0.0.9:50000\n';
    const r = connectionsOfText(text);
    assert.equal(r.length, 1);
    assert.equal(r[0]?.state, 'ESTABLISHED');
  });
});

describe('netstat rows', () => {
  it('reads the -o Timer column (probe = persist, off = none) and -p PID/Program', () => {
    const r = rows('netstat-tanpo.txt');
    assert.equal(r.length, 8);
    const fw1 = r.filter((c) => c.state === 'FIN-WAIT-1');
    assert.deepEqual(
      fw1.map((c) => [c.timer, c.retransmits, c.probes, c.sendQ]),
      [
        ['persist', 0, 4, 28960],
        ['on', 5, 0, 1],
        ['persist', 0, 2, 14480],
      ],
    );
    assert.equal(fw1[2]?.peer?.address, '203.0.113.52', 'tcp6 row with a mapped peer');
    assert.deepEqual(r.find((c) => c.state === 'CLOSE-WAIT')?.processes, ['java']);
    assert.deepEqual(r.filter((c) => c.state === 'LISTEN').map((c) => c.processes?.[0]), ['sshd', 'nginx']);
    assert.equal(r.find((c) => c.state === 'TIME-WAIT')?.timer, 'timewait');
  });

  it('without -o: no timers, processes still read', () => {
    const r = rows('netstat-tanp.txt');
    assert.equal(r.length, 4);
    assert.ok(r.every((c) => c.timer === undefined));
    const s = socketsByState(r).get('CLOSE-WAIT');
    assert.equal(s?.listed, 3);
    assert.deepEqual(s?.processes, [{ name: 'java', count: 3 }]);
    assert.deepEqual(s?.peers, [
      { address: '198.51.100.9', count: 2 },
      { address: '198.51.100.14', count: 1 },
    ]);
    assert.deepEqual(s?.prefixes, [{ prefix: '198.51.100.0/24', count: 3 }]);
    assert.deepEqual(s?.localPorts, [{ port: 9000, count: 3 }]);
    assert.deepEqual(s?.timers, { on: 0, persist: 0, keepalive: 0, timewait: 0, none: 0 });
  });

  it('BSD IPv6 rows are sockets with their peers; Windows IPv4 and IPv6 listeners on one port are two sockets', () => {
    const bsd = connectionsOfText([
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)',
      'tcp4       0      0  192.168.1.23.52110     17.253.144.10.443      ESTABLISHED',
      'tcp6       0      0  ::1.49152              ::1.49153              SYN_SENT',
      'tcp6       0      0  fe80::1%lo0.49152      fe80::1%lo0.49153      CLOSE_WAIT',
    ].join('\n'));
    assert.deepEqual(bsd.map((c) => [c.state, c.peer?.address, c.peer?.port]), [['ESTABLISHED', '17.253.144.10', 443], ['SYN-SENT', '::1', 49153], ['CLOSE-WAIT', 'fe80::1', 49153]]);
    const win = connectionsOfText([
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4',
      '  TCP    [::]:443               [::]:0                 LISTENING       4',
      '  TCP    [fe80::1%5]:50010      [fe80::2%5]:443        ESTABLISHED     7788',
    ].join('\n'));
    const listen = socketsByState(win).get('LISTEN');
    assert.equal(listen?.listed, 2);
    assert.equal(socketsByState(win).get('ESTABLISHED')?.peers[0]?.address, 'fe80::2');
  });

  it('Windows -o: the PID column is the process holding the socket (PID 0, as for TIME_WAIT, is none)', () => {
    const r = connectionsOfText([
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    10.0.0.5:8080          10.0.0.9:51234         CLOSE_WAIT      4412',
      '  TCP    10.0.0.5:8080          10.0.0.9:51235         CLOSE_WAIT      4412',
      '  TCP    10.0.0.5:49712         10.0.0.7:443           TIME_WAIT       0',
    ].join('\n'));
    assert.deepEqual(r.map((c) => c.processes), [['PID 4412'], ['PID 4412'], undefined]);
    assert.deepEqual(socketsByState(r).get('CLOSE-WAIT')?.processes, [{ name: 'PID 4412', count: 2 }]);
  });

  it('Windows -b: the executable under a row names its process; the owner lines keep the listing whole', () => {
    const text = [
      'C:\\> netstat -anob',
      '',
      'Active Connections',
      '',
      '  Proto  Local Address          Foreign Address        State           PID',
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1108',
      '  RpcSs',
      ' [svchost.exe]',
      '  TCP    10.0.0.5:8080          10.0.0.9:51237         CLOSE_WAIT      4412',
      ' [java.exe]',
      '  TCP    10.0.0.5:49713         10.0.0.7:443           ESTABLISHED     980',
      ' Can not obtain ownership information',
      '  TCP    10.0.0.5:49714         10.0.0.7:443           TIME_WAIT       0',
      '  TCP    10.0.0.5:8080          10.0.0.9:51238         CLOSE_WAIT      4412',
      ' [java.exe]',
    ].join('\n');
    const segs = parseEvidence(text);
    assert.equal(segs.length, 1, 'one listing, not one per row');
    assert.deepEqual(segs[0]?.counts, { LISTEN: 1, 'CLOSE-WAIT': 2, ESTABLISHED: 1, 'TIME-WAIT': 1 });
    const r = connectionsOfText(text);
    assert.deepEqual(r.map((c) => [c.state, c.processes]), [
      ['LISTEN', ['svchost.exe']],
      ['CLOSE-WAIT', ['java.exe']],
      ['ESTABLISHED', ['PID 980']],
      ['TIME-WAIT', undefined],
      ['CLOSE-WAIT', ['java.exe']],
    ]);
    // A bracketed line under a Linux row is not an owner.
    const linux = connectionsOfText('tcp        0      0 10.0.0.5:8080     10.0.0.9:51237     CLOSE_WAIT  4412/java\n [other]');
    assert.deepEqual(linux.map((c) => c.processes), [['java']]);
  });

  it('Windows rows: addresses and state, no queues', () => {
    const r = connectionsOfText('Active Connections\n\n  Proto  Local Address          Foreign Address        State\n  TCP    10.0.0.5:443           192.0.2.9:50123        FIN_WAIT_1\n');
    assert.equal(r.length, 1);
    assert.equal(r[0]?.state, 'FIN-WAIT-1');
    assert.equal(r[0]?.sendQ, undefined);
  });
});

describe('a socket listed twice', () => {
  it('the later listing\'s look at it counts (`ss -tan`, then `ss -tano` for the timers; audit s12 tools 2)', () => {
    const first = ['```', '$ ss -tan state fin-wait-1', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...[61, 62, 63].map((h) => `0      0      10.0.0.1:443       198.51.100.${h}:50${h}`), '```', ''];
    const second = ['```', '$ ss -tano state fin-wait-1', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port', ...[61, 62, 63].map((h) => `0      1      10.0.0.1:443       198.51.100.${h}:50${h} timer:(on,12sec,7)`), '```', ''];
    const s = buildReport(analyzeNote([...first, ...second].join('\n')), { file: 'n.md', lang: 'en' }).json.states['FIN-WAIT-1']?.sockets;
    assert.equal(s?.listed, 3, 'each socket once');
    assert.equal(s?.timers.on, 3);
    assert.equal(s?.retransMax, 7);
    assert.deepEqual(s?.sendQ, { nonZero: 3, max: 1 });
  });
});

describe('/proc/net/tcp rows', () => {
  it('reads tx_queue, the timer kind tr, retrnsmt, probes, uid and inode, IPv4 and IPv6', () => {
    const r = rows('proc-net-tcp-timers.txt');
    assert.equal(r.length, 7);
    const [zw, rt, la, fw2, cw, v6, mapped] = r as Connection[] as [Connection, Connection, Connection, Connection, Connection, Connection, Connection];
    assert.deepEqual([zw.state, zw.timer, zw.sendQ, zw.probes, zw.peer?.address], ['FIN-WAIT-1', 'persist', 87600, 6, '203.0.113.41']);
    assert.deepEqual([rt.timer, rt.retransmits], ['on', 7]);
    assert.deepEqual([la.state, la.retransmits], ['LAST-ACK', 3]);
    assert.deepEqual([fw2.state, fw2.timer], ['FIN-WAIT-2', 'timewait']);
    assert.deepEqual([cw.state, cw.uid, cw.inode, cw.timer], ['CLOSE-WAIT', 1001, 4412001, 'keepalive']);
    assert.deepEqual([v6.peer?.address, v6.peer?.port, v6.sendQ], ['2001:db8:aa:1:211:22ff:fe33:4455', 52100, 65160]);
    assert.deepEqual([mapped.state, mapped.peer?.address], ['LAST-ACK', '192.0.2.201']);
    const s = socketsByState(r);
    assert.equal(s.get('FIN-WAIT-1')?.retransMax, 7);
    assert.deepEqual(s.get('FIN-WAIT-1')?.inode, { rows: 3, zero: 3 });
  });
});

describe('bcc tcpstates and tcplife', () => {
  it('tcpstates: transitions with the time spent in the old state', () => {
    const r = rows('tcpstates.txt');
    assert.equal(r.length, 4);
    assert.deepEqual([r[0]?.fromState, r[0]?.state, r[0]?.msInOldState], ['ESTABLISHED', 'FIN-WAIT-1', 8123.402]);
    const t = transitionsByState(r);
    assert.deepEqual(t.get('FIN-WAIT-1'), { entered: 2, left: 1, msMax: 153041.99, msMedian: 153041.99 });
    assert.equal(t.get('ESTABLISHED')?.left, 3);
    assert.equal(socketsByState(r).size, 0, 'transitions are not sockets listed');
  });

  it('tcplife: lifetimes, IPv6 rows, process names', () => {
    const r = rows('tcplife.txt');
    assert.deepEqual(
      r.map((c) => [c.processes?.[0], c.peer?.address, c.lifetimeMs]),
      [
        ['nginx', '203.0.113.41', 161165.39],
        ['nginx', '198.51.100.23', 2.31],
        ['java', '2001:db8:aa:1::77', 61.02],
      ],
    );
  });
});

describe('per-state summaries', () => {
  it('ranks peers, prefixes and ports, counts timers, Send-Q and the highest retransmission count', () => {
    const s = socketsByState(rows('ss-tanoepim.txt'));
    const fw1 = s.get('FIN-WAIT-1');
    assert.ok(fw1);
    assert.equal(fw1.listed, 3);
    assert.deepEqual(fw1.timers, { on: 1, persist: 2, keepalive: 0, timewait: 0, none: 0 });
    assert.deepEqual(fw1.sendQ, { rows: 3, nonZero: 3, max: 87600 });
    assert.equal(fw1.retransMax, 7);
    assert.equal(fw1.backoffMax, 7);
    assert.deepEqual(fw1.prefixes, [
      { prefix: '203.0.113.0/24', count: 2 },
      { prefix: '192.0.2.0/24', count: 1 },
    ]);
    assert.deepEqual(fw1.localPorts, [{ port: 443, count: 3 }]);
    assert.equal(s.get('LAST-ACK')?.retransMax, 4);
    assert.equal(s.get('LISTEN')?.peers.length, 0, 'wildcard peers are not peers');
  });

  it('counts a socket listed twice once', () => {
    const text = fixture('ss-tanoepim.txt') + fixture('ss-tanoepim.txt');
    assert.equal(socketsByState(connectionsOfText(text)).get('FIN-WAIT-1')?.listed, 3);
  });
});

describe('counts written by hand', () => {
  it('annotated count lines in a block count (the comment after the pair is ignored)', () => {
    const segs = parseEvidence(fixture('counts-annotated.txt'));
    assert.equal(segs.length, 1);
    assert.deepEqual(segs[0]?.counts, { 'FIN-WAIT-1': 61920, 'LAST-ACK': 2103, 'TIME-WAIT': 1840, ESTABLISHED: 350 });
  });

  it('a count line outside code when the line says nothing else', () => {
    assert.deepEqual(proseCountOf('FIN_WAIT1 61920'), { state: 'FIN-WAIT-1', count: 61920 });
    assert.deepEqual(proseCountOf('- LAST_ACK: 2,103（大部分是孤儿）'), { state: 'LAST-ACK', count: 2103 });
    assert.deepEqual(proseCountOf('- LAST_ACK: 2,103 （大部分是孤儿）'), { state: 'LAST-ACK', count: 2103 });
    // A number before the state is no count outside code (a step, an ordinal or a code as often): proseTables.test.ts.
    assert.equal(proseCountOf('> 61920 FIN-WAIT-1 # 孤儿'), undefined);
    assert.deepEqual(proseCountOf('> FIN-WAIT-1 61920 # 孤儿'), { state: 'FIN-WAIT-1', count: 61920 });
    assert.deepEqual(proseCountOf('**CLOSE_WAIT**：812'), { state: 'CLOSE-WAIT', count: 812 });
    assert.deepEqual(proseCountOf('| FIN_WAIT1 | 61920 | 大部分是孤儿 |'), { state: 'FIN-WAIT-1', count: 61920 });
    for (const s of ['3 of 61920 FIN_WAIT1 sockets', 'FIN_WAIT1 61920 LAST_ACK 2103', 'we saw FIN_WAIT1 61920', '| State | Count |', 'FIN_WAIT1 at 09:31', 'established 5']) {
      assert.equal(proseCountOf(s), undefined, s);
    }
  });
});
