import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { adjacentMention, summarizeEvidence } from '../../src/core/note/navigation';
import { marked } from '../support/markers';
import { repoRoot } from '../support/repo';

const root = repoRoot();
const example = (name: string) => readFileSync(join(root, 'examples', name), 'utf8');

describe('evidence summaries (code lens and outline)', () => {
  test('incident note: ss -s orphans, ss and netstat listings by largest count, counters and the orphan limit', () => {
    const summaries = analyzeNote(example('incident-fin-wait-1.md')).evidence.map((b) => summarizeEvidence(b));
    assert.equal(summaries.length, 4);
    const [summary, ss, netstat, limits] = summaries;
    assert.deepEqual(summary?.kinds, ['ss-summary']);
    assert.equal(summary?.orphans, 65311);
    assert.equal(summary?.timeWait, 1840);
    assert.deepEqual(summary?.states, []);
    assert.deepEqual(summary?.counters, [], 'counters only when the block has nothing better');

    assert.deepEqual(ss?.kinds, ['ss']);
    // 3 FIN-WAIT-1, then the ties (1 each) in state-machine order.
    assert.deepEqual(ss?.states, [
      { state: 'FIN-WAIT-1', count: 3 },
      { state: 'LISTEN', count: 1 },
      { state: 'ESTABLISHED', count: 1 },
    ]);
    assert.equal(ss?.orphans, undefined);

    assert.deepEqual(netstat?.states[0], { state: 'FIN-WAIT-1', count: 2 });

    assert.deepEqual(limits?.kinds, ['sysctl', 'nstat']);
    assert.deepEqual(limits?.counters, [
      { name: 'TcpExtTCPAbortOnMemory', value: 8123 },
      { name: 'TcpExtTCPAbortOnTimeout', value: 412 },
    ]);
    assert.equal(limits?.maxOrphans, 131072);
    assert.equal(limits?.sysctls, 3);
  });

  test('Chinese note: sockstat + per-state counts; tw is left out when TIME-WAIT is already listed', () => {
    const [block] = analyzeNote(example('orphan-socket-notes.zh.md')).evidence;
    const s = block && summarizeEvidence(block);
    assert.deepEqual(s?.kinds, ['sockstat', 'state-counts']);
    assert.deepEqual(s?.states, [
      { state: 'FIN-WAIT-1', count: 61920 },
      { state: 'LAST-ACK', count: 2103 },
      { state: 'TIME-WAIT', count: 1840 },
    ]);
    assert.equal(s?.orphans, 65311);
    assert.equal(s?.timeWait, undefined);
    const two = block && summarizeEvidence(block, 2);
    assert.equal(two?.states.length, 2);
    assert.equal(two?.timeWait, 1840, 'tw comes back when TIME-WAIT is not among the states shown');
  });
});

describe('evidence summaries hold no note text (titles render $(icon) syntax)', () => {
  test('a hostile sysctl value, counter names and bidi controls reach the summary only as parsed numbers', () => {
    const note = [
      '```',
      '$ sysctl net.ipv4.tcp_max_orphans',
      'net.ipv4.tcp_max_orphans = $(zap) 65536 $(alert)',
      '$ nstat -az',
      'TcpExtTCPAbortOnMemory          8123               0.0',
      '$(bug)Evil\u202e                  5                  0.0',
      '```',
      '',
      '```',
      'net.ipv4.tcp_max_orphans = 131072',
      '```',
    ].join('\n');
    const [hostile, plain] = analyzeNote(note).evidence.map((b) => summarizeEvidence(b));
    assert.ok(hostile && plain);
    assert.equal(hostile.maxOrphans, undefined, 'a value that is not an integer is left out');
    assert.equal(plain.maxOrphans, 131072);
    const strings = (x: unknown): string[] => (typeof x === 'string' ? [x] : x && typeof x === 'object' ? Object.values(x).flatMap(strings) : []);
    for (const s of [...strings(hostile), ...strings(plain)]) {
      assert.doesNotMatch(s, /\$\(|[\u202a-\u202e\u2066-\u2069]/, `summary string ${JSON.stringify(s)}`);
      assert.match(s, /^[A-Za-z0-9_-]+$/, `summary strings are ids and names: ${JSON.stringify(s)}`);
    }
    for (const n of [hostile.orphans, hostile.timeWait, hostile.maxOrphans, ...hostile.counters.map((c) => c.value), ...hostile.states.map((x) => x.count)]) {
      assert.ok(n === undefined || Number.isSafeInteger(n), 'numbers are integers');
    }
  });
});

describe('next and previous mention of a state', () => {
  const source = 'Many «FIN-WAIT-1» here; netstat says «FIN_WAIT1»; TIME_WAIT is fine; kernel «TCP_FIN_WAIT1».';

  test('cycles forward through every spelling of the state under the cursor', () => {
    const { text, ranges } = marked(source);
    const model = analyzeNote(text);
    const [a, b, c] = ranges as [[number, number], [number, number], [number, number]];
    let at = a[0] + 2;
    const visited: [number, number][] = [];
    for (let i = 0; i < 4; i++) {
      const hit = adjacentMention(model, at, 'next');
      assert.ok(hit.found);
      assert.equal(hit.state, 'FIN-WAIT-1');
      assert.equal(hit.total, 3);
      visited.push([hit.to.start, hit.to.end]);
      at = hit.to.start;
    }
    assert.deepEqual(visited, [b, c, a, b]);
  });

  test('previous goes backwards and wraps to the last mention', () => {
    const { text, ranges } = marked(source);
    const model = analyzeNote(text);
    const hit = adjacentMention(model, (ranges[0] as [number, number])[0], 'previous');
    assert.ok(hit.found);
    assert.deepEqual([hit.to.start, hit.to.end], ranges[2]);
    assert.equal(hit.index, 3);
  });

  test('a state mentioned once stays put; off a state nothing is found', () => {
    const { text, cursor } = marked('Only TIME$$CURSOR$$_WAIT here, and some prose.');
    const model = analyzeNote(text);
    const hit = adjacentMention(model, cursor, 'next');
    assert.ok(hit.found);
    assert.equal(hit.total, 1);
    assert.equal(hit.to.start, hit.from.start);
    assert.equal(adjacentMention(model, text.indexOf('prose') + 1, 'next').found, false);
  });

  test('terms and ss aggregates are not states', () => {
    const text = 'tcp_max_orphans and `ss -tn state connected`';
    const model = analyzeNote(text);
    assert.equal(adjacentMention(model, 3, 'next').found, false);
    assert.equal(adjacentMention(model, text.indexOf('connected') + 2, 'next').found, false);
  });
});
