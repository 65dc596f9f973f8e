/**
 * State words on listing rows of other protocols (`udp UNCONN`, `u_str ESTAB`, netstat's connected UDP and Unix
 * rows) are not TCP mentions; TCP and MPTCP rows, and prose that starts with a protocol name, keep theirs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMentions } from '../../src/core/note/recognize';
import { otherProtocolRow } from '../../src/core/note/otherProtocolRow';
import { analyzeNote } from '../../src/core/note/analyze';

const states = (text: string) => findMentions(text).filter((m) => m.kind === 'state').map((m) => [m.id, m.text]);

test('ss -tuan and ss -a: only the tcp and mptcp rows name TCP states', () => {
  const listing = [
    'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port',
    'udp   UNCONN 0      0      0.0.0.0:68         0.0.0.0:*',
    'udp   ESTAB  0      0      10.0.0.5:41234     10.0.0.2:53',
    'tcp   ESTAB  0      0      10.0.0.5:22        10.0.0.9:51234',
    'mptcp ESTAB  0      0      10.0.0.5:8080      10.0.0.7:40000',
    'raw   UNCONN 0      0      *:ipv6-icmp        *:*',
    'u_str LISTEN 0      4096   /run/systemd/private 18000 * 0',
    'u_dgr UNCONN 0      0      /run/systemd/notify 17990 * 0',
    'tcp   LISTEN 0      128    0.0.0.0:22         0.0.0.0:*',
  ].join('\n');
  assert.deepEqual(states(listing), [
    ['ESTABLISHED', 'ESTAB'],
    ['ESTABLISHED', 'ESTAB'],
    ['LISTEN', 'LISTEN'],
  ]);
});

test("netstat: a connected UDP socket's ESTABLISHED and a Unix socket's LISTENING are not TCP's", () => {
  const listing = [
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
    'tcp        0      0 10.0.0.5:22             10.0.0.9:51234          ESTABLISHED',
    'udp        0      0 10.0.0.5:41234          10.0.0.2:53             ESTABLISHED',
    'udp6       0      0 ::1:323                 ::1:40000               ESTABLISHED',
    'unix  2      [ ACC ]     STREAM     LISTENING     17990    /run/systemd/private',
  ].join('\n');
  assert.deepEqual(states(listing), [['ESTABLISHED', 'ESTABLISHED']]);
});

test('prose that starts with a protocol name, or a row shape that is not a listing, keeps its states', () => {
  assert.deepEqual(states('udp 没有 TIME_WAIT，只有 TCP 有'), [['TIME-WAIT', 'TIME_WAIT']]);
  assert.deepEqual(states('udp ESTAB sockets are connected UDP sockets, not TCP'), [['ESTABLISHED', 'ESTAB']]);
  assert.deepEqual(states('unix sockets never reach FIN_WAIT2'), [['FIN-WAIT-2', 'FIN_WAIT2']]);
  // Indented more than a listing is, or a first column that only starts with a protocol name.
  assert.deepEqual(states('          udp   ESTAB  0  0  10.0.0.5:41234  10.0.0.2:53'), [['ESTABLISHED', 'ESTAB']]);
  assert.deepEqual(states('udpgw ESTAB 0 0 10.0.0.5:41234 10.0.0.2:53'), [['ESTABLISHED', 'ESTAB']]);
  // A protocol name and a number start these lines, and they are prose (review s15 4).
  assert.deepEqual(states('UDP 53 queries were fine, but TCP sockets piled up in CLOSE_WAIT.'), [['CLOSE-WAIT', 'CLOSE_WAIT']]);
  assert.deepEqual(states('udp 0 drops; the TIME_WAIT count is what grew.'), [['TIME-WAIT', 'TIME_WAIT']]);
  assert.deepEqual(states('unix 2 things to note: LAST_ACK sockets never left.'), [['LAST-ACK', 'LAST_ACK']]);
  assert.deepEqual(states('UDP 0 丢包，但 TCP 的 CLOSE_WAIT 一直涨。'), [['CLOSE-WAIT', 'CLOSE_WAIT']]);
  assert.deepEqual(states('udp ESTAB 0 drops'), [['ESTABLISHED', 'ESTAB']]);
});

test('otherProtocolRow reads only the row: its first column, and a number after the state or after the column', () => {
  const row = 'udp   ESTAB  0      0      10.0.0.5:41234     10.0.0.2:53';
  const at = row.indexOf('ESTAB');
  assert.equal(otherProtocolRow(row, at, at + 5), true);
  const two = `tcp ESTAB 0 0 a:1 b:2\n${row}`;
  const first = two.indexOf('ESTAB');
  assert.equal(otherProtocolRow(two, first, first + 5), false);
  const second = two.lastIndexOf('ESTAB');
  assert.equal(otherProtocolRow(two, second, second + 5), true);
  // A line longer than the look-back bound is not judged (bounded cost on a 5 MB line).
  const long = `udp ${'0 '.repeat(300)}ESTABLISHED`;
  assert.equal(otherProtocolRow(long, long.indexOf('ESTABLISHED'), long.length), false);
});

test('the note model: hovers and counts of an ss -tuan block see only its TCP rows', () => {
  const note = ['```', '$ ss -tuan', 'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port', 'udp   UNCONN 0      0      0.0.0.0:68         0.0.0.0:*', 'tcp   ESTAB  0      0      10.0.0.5:22        10.0.0.9:51234', '```', ''].join('\n');
  const model = analyzeNote(note);
  assert.deepEqual(model.mentions.filter((m) => m.kind === 'state').map((m) => m.id), ['ESTABLISHED']);
  assert.equal(model.evidence[0]?.counts.ESTABLISHED, 1);
  assert.equal(model.evidence[0]?.counts.CLOSED, undefined);
});
