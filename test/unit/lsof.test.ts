/**
 * `lsof -i` listings as evidence (formats/lsof.ts, connections/lsof.ts): with and without the header, Linux and
 * macOS state spellings, a socket listed under several descriptors counted once, UDP rows skipped, counts marked
 * partial (lsof never lists orphans or TIME-WAIT), rows as connections with their processes; and through the
 * built CLI (`report`). Fixtures: test/fixtures/evidence/lsof-*.txt (made-up addresses and processes).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { parseEvidence } from '../../src/core/evidence/parse';
import { readLsofRow } from '../../src/core/evidence/formats/lsof';
import { connectionsOfText, socketsByState } from '../../src/core/evidence/connections';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const fixture = (name: string): string => readFileSync(join(fixtureDir('evidence'), name), 'utf8');

describe('lsof listings', () => {
  it('Linux, with its header: each socket once, UDP skipped, the counts a lower bound', () => {
    const segs = parseEvidence(fixture('lsof-linux.txt'));
    assert.equal(segs.length, 1, JSON.stringify(segs));
    const s = segs[0];
    assert.equal(s?.kind, 'lsof');
    // *:22 twice (IPv4 and IPv6: two sockets, one name each), *:443 once (three nginx descriptors of one socket),
    // the java socket 40022 once (two processes).
    assert.deepEqual(s?.counts, { LISTEN: 3, ESTABLISHED: 1, 'CLOSE-WAIT': 3 });
    assert.equal(s?.listed, 7);
    assert.equal(s?.partial, true, 'lsof shows only sockets with a descriptor');
    assert.equal(s?.covers, undefined, 'it makes no state gone');
    assert.equal(s?.startLine, 1);
    assert.equal(s?.endLine, 13);
  });

  it('macOS rows without a header (after grep), its state spellings', () => {
    const segs = parseEvidence(fixture('lsof-macos.txt'));
    assert.equal(segs.length, 1);
    assert.deepEqual(segs[0]?.counts, { ESTABLISHED: 1, 'CLOSE-WAIT': 1, 'FIN-WAIT-2': 1, 'SYN-SENT': 1, CLOSED: 1 });
  });

  it('rows: the NODE column, the NAME, a (STATE); other lines are no rows', () => {
    assert.deepEqual(readLsofRow('java 12345 app 101u IPv6 0x1 0t0 TCP 10.0.0.5:8080->10.0.0.9:51234 (CLOSE_WAIT)'.split(' ')), {
      protocol: 'TCP',
      name: '10.0.0.5:8080->10.0.0.9:51234',
      key: 'CLOSE-WAIT IPv6 0x1 10.0.0.5:8080->10.0.0.9:51234',
      state: 'CLOSE-WAIT',
      command: 'java',
      pid: '12345',
    });
    // A thread column (lsof -K): TID and TASKCMD between PID and USER.
    assert.equal(readLsofRow('java 12345 12399 worker-1 app 101u IPv6 0x1 0t0 TCP 10.0.0.5:8080->10.0.0.9:51234 (CLOSE_WAIT)'.split(' '))?.state, 'CLOSE-WAIT');
    assert.equal(readLsofRow('chronyd 702 _chrony 5u IPv4 17120 0t0 UDP 127.0.0.1:323'.split(' '))?.protocol, 'UDP');
    for (const line of [
      'root 1234 0.0 0.1 TCP x:1 (LISTEN)', // too few columns before NODE
      'java abc app 101u IPv6 0x1 0t0 TCP 10.0.0.5:8080->10.0.0.9:51234 (CLOSE_WAIT)', // PID not a number
      'java 12345 app 101u IPv6 0x1 0t0 TCP 10.0.0.5:8080->10.0.0.9:51234 (RUNNING)', // not a TCP state
      'java 12345 app 101u REG 8,1 4096 1234 /var/log/app.log', // a file
      'tcp 0 0 10.0.0.5:443 10.0.0.2:5555 ESTABLISHED', // netstat
    ]) assert.equal(readLsofRow(line.split(' ')), undefined, line);
  });

  it('a header alone, or only UDP rows, is no evidence', () => {
    assert.deepEqual(parseEvidence('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n'), []);
    assert.deepEqual(parseEvidence('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\nchronyd 702 _chrony 5u IPv4 17120 0t0 UDP 127.0.0.1:323\n'), []);
  });

  it('rows as connections: endpoints, state, every process holding the socket', () => {
    const conns = connectionsOfText(fixture('lsof-linux.txt'));
    assert.equal(conns.length, 7);
    const shared = conns.find((c) => c.local?.port === 443 && c.state === 'LISTEN');
    assert.deepEqual(shared?.processes, ['nginx']);
    assert.equal(shared?.peer, undefined, 'a listener has no peer');
    const leak = conns.filter((c) => c.state === 'CLOSE-WAIT');
    assert.deepEqual(leak.map((c) => `${c.local?.address}:${c.local?.port} ${c.peer?.address}:${c.peer?.port}`), ['10.0.0.5:8080 10.0.0.9:51234', '10.0.0.5:8080 10.0.0.9:51240', '10.0.0.5:8080 10.0.0.7:40022']);
    assert.ok(leak.every((c) => c.source === 'lsof' && c.processes?.[0] === 'java'));
    const byState = socketsByState(conns);
    assert.equal(byState.get('CLOSE-WAIT')?.listed, 3);
    assert.equal(byState.get('CLOSE-WAIT')?.sendQ.rows, 0, 'lsof shows no Send-Q');
  });

  it('report (built CLI): lsof counts as at least N, the processes holding CLOSE-WAIT, no Send-Q column', () => {
    const file = join(tempDir('tsn-lsof-'), 'leak.md');
    writeFileSync(file, ['# java leak', '', '```', fixture('lsof-linux.txt').trimEnd(), '```', ''].join('\n'));
    const report = JSON.parse(cliOut(['report', '--json', file])) as { states: Record<string, { count: number; atLeast: boolean; sockets: { listed: number } }> };
    assert.equal(report.states['CLOSE-WAIT']?.count, 3);
    assert.equal(report.states['CLOSE-WAIT']?.atLeast, true);
    assert.equal(report.states['CLOSE-WAIT']?.sockets.listed, 3);
    const text = cliOut(['report', file]);
    assert.match(text, /\| CLOSE-WAIT \| ≥ 3 \| 3 \|[^\n]*\| — \| — \|\n/, text);
    assert.match(text, /`lsof` lists open files, so only sockets a process holds a descriptor of: <https:\/\/github\.com\/lsof-org\/lsof>/);
  });
});
