/**
 * A command line of several `ss` (`ss -tan state fin-wait-1; ss -tan state time-wait`, `ss -uan; ss -tan`,
 * `… | wc -l; … | wc -l`): each listing and each count is read with its own command's options, in the order they
 * print. The first `ss`'s state filter or protocols used to apply to every output of the line: the second listing's
 * TIME-WAIT rows were counted as FIN-WAIT-1, and `ss -uan; ss -tan` lost its TCP rows. Checked in the core and
 * through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvidence } from '../../src/core/evidence/parse';
import { parseCommand } from '../../src/core/evidence/command';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const HEAD = 'Recv-Q Send-Q Local Address:Port  Peer Address:Port';
const STATE_HEAD = `State      ${HEAD}`;
const row = (n: number, sendQ = 0): string => `0      ${sendQ}   10.0.0.1:443        10.0.0.${n}:5555`;
const countsOf = (lines: readonly string[]) => parseEvidence(lines.join('\n')).map((s) => ({ kind: s.kind, counts: s.counts }));

describe('several ss listings on one command line', () => {
  it('each filtered listing holds its own state', () => {
    const segs = countsOf(['$ ss -tan state fin-wait-1; ss -tan state time-wait', HEAD, row(3, 3000), row(4, 3000), HEAD, row(5), row(6), row(7)]);
    assert.deepEqual(segs, [
      { kind: 'ss', counts: { 'FIN-WAIT-1': 2 } },
      { kind: 'ss', counts: { 'TIME-WAIT': 3 } },
    ]);
  });

  it('inside a wrapper (ssh HOST \'…; …\') too, and the listing is that host\'s', () => {
    const segs = parseEvidence(["$ ssh lb-2 'ss -tan state close-wait; ss -tan state last-ack'", HEAD, row(3), HEAD, row(4), row(5)].join('\n'));
    assert.deepEqual(segs.map((s) => s.counts), [{ 'CLOSE-WAIT': 1 }, { 'LAST-ACK': 2 }]);
    for (const s of segs) assert.equal(s.scope?.target, 'ssh lb-2');
  });

  it('a UDP listing before or after a TCP one: the TCP rows count, the UDP rows are other protocols\'', () => {
    const udp = ['UNCONN     0      0      0.0.0.0:68          0.0.0.0:*'];
    const tcp = ['ESTAB      0      0      10.0.0.1:443        10.0.0.2:5555', 'FIN-WAIT-1 0      3000   10.0.0.1:443        10.0.0.3:5555'];
    for (const [cmd, lines] of [
      ['ss -uan; ss -tan', [STATE_HEAD, ...udp, STATE_HEAD, ...tcp]],
      ['ss -tan; ss -uan', [STATE_HEAD, ...tcp, STATE_HEAD, ...udp]],
      ['ss -lun && ss -tan', [STATE_HEAD, ...udp, STATE_HEAD, ...tcp]],
    ] as const) {
      assert.deepEqual(countsOf([`$ ${cmd}`, ...lines]), [{ kind: 'ss', counts: { ESTABLISHED: 1, 'FIN-WAIT-1': 1 } }], cmd);
    }
  });

  it('listings without a header cannot be told apart: rows without a state count for no state', () => {
    const segs = countsOf(['$ ss -Htan state fin-wait-1; ss -Htan state time-wait', row(3, 3000), row(7)]);
    assert.deepEqual(segs.filter((s) => Object.keys(s.counts).length > 0), []);
  });

  it('a header missing: the rows cannot be told to be either command\'s — no counts, their state names stay mentions', () => {
    const segs = countsOf(['$ ss -uan; ss -tan', STATE_HEAD, 'UNCONN     0      0      0.0.0.0:68          0.0.0.0:*', 'ESTAB      0      0      10.0.0.1:443        10.0.0.2:5555']);
    assert.deepEqual(segs, []);
    assert.deepEqual(countsOf(['$ ss -tan state fin-wait-1; ss -tan state time-wait', HEAD, row(3), row(4)]), []);
  });

  it('a loop over hosts: each host\'s listings in turn', () => {
    const segs = parseEvidence([
      `$ for h in lb-1 lb-2; do echo "== $h"; ssh $h 'ss -tan state fin-wait-1; ss -tan state time-wait'; done`,
      '== lb-1', HEAD, row(3), HEAD, row(4), row(5),
      '== lb-2', HEAD, row(6), row(7), HEAD, row(8),
    ].join('\n'));
    assert.deepEqual(segs.map((s) => [s.scope?.host, s.counts]), [
      ['lb-1', { 'FIN-WAIT-1': 1 }],
      ['lb-1', { 'TIME-WAIT': 2 }],
      ['lb-2', { 'FIN-WAIT-1': 2 }],
      ['lb-2', { 'TIME-WAIT': 1 }],
    ]);
  });

  it('a summary, then a filtered listing: the listing holds the filter\'s state', () => {
    const segs = countsOf(['$ ss -s; ss -Htan state fin-wait-1', 'Total: 1200', 'TCP:   900 (estab 10, closed 3, orphaned 4, timewait 5)', row(3, 3000), row(4, 3000)]);
    assert.deepEqual(segs.find((s) => s.kind === 'ss')?.counts, { 'FIN-WAIT-1': 2 });
  });

  it('one filter cuts its own listing only', () => {
    const segs = parseEvidence(['$ ss -tan state fin-wait-1 | head -3; ss -tan state time-wait', HEAD, row(3), row(4), HEAD, row(5)].join('\n'));
    assert.equal(segs[0]?.partial === true || segs[0]?.cut === true, true);
    assert.equal(segs[1]?.partial, undefined);
    assert.equal(segs[1]?.cut, undefined);
  });
});

describe('several counts on one command line', () => {
  it('each number is its own command\'s state', () => {
    const segs = countsOf(['$ ss -Htan state fin-wait-1 | wc -l; ss -Htan state time-wait | wc -l', '1200', '45000']);
    assert.deepEqual(segs.map((s) => s.counts), [{ 'FIN-WAIT-1': 1200 }, { 'TIME-WAIT': 45000 }]);
  });

  it('a count of no one state keeps its place: the next number is the next command\'s', () => {
    const segs = countsOf(['$ ss -Htan | wc -l; ss -Htan state close-wait | wc -l', '9000', '310']);
    assert.deepEqual(segs.map((s) => s.counts), [{ 'CLOSE-WAIT': 310 }]);
  });

  it('a count of UDP sockets is none of TCP\'s; the TCP count after it still reads', () => {
    const segs = countsOf(['$ ss -Huan state established | wc -l; ss -Htan state established | wc -l', '12', '3400']);
    assert.deepEqual(segs.map((s) => s.counts), [{ ESTABLISHED: 3400 }]);
  });

  it('the line\'s outputs are known only when it prints more than one', () => {
    assert.equal(parseCommand('ss -tan state fin-wait-1').outputs, undefined);
    assert.equal(parseCommand('date; cat /proc/net/sockstat').outputs, undefined);
    const o = parseCommand('ss -tan state fin-wait-1; ss -Htan state time-wait | wc -l').outputs;
    assert.equal(o?.listings.length, 1);
    assert.equal(o?.counts.length, 1);
    assert.equal(o?.listings[0]?.ss?.singleState, 'FIN-WAIT-1');
    assert.equal(o?.counts[0]?.singleNumber?.state, 'TIME-WAIT');
  });
});

describe('the built CLI', () => {
  it('report: the second listing\'s TIME-WAIT is TIME-WAIT', () => {
    const dir = tempDir('tsn-several-');
    const f = join(dir, 'two.md');
    writeFileSync(f, ['# lb-1', '', '```', '$ ss -tan state fin-wait-1; ss -tan state time-wait', HEAD, row(3, 3000), row(4, 3000), HEAD, row(5), row(6), row(7), '```', ''].join('\n'));
    const json = JSON.parse(cliOut(['report', f, '--json'])) as { states: Record<string, { count: number }> };
    assert.equal(json.states['FIN-WAIT-1']?.count, 2);
    assert.equal(json.states['TIME-WAIT']?.count, 3);
  });
});
