/**
 * Cause rules: each tested on evidence that shows its pattern (positive) and on evidence that looks close but
 * does not (negative), in English and Chinese; and end to end on a note.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import type { StateId } from '../../src/core/catalogue/types';
import type { StateSockets } from '../../src/core/evidence/connections';
import { findCauses, orphanBudget, type CauseFacts } from '../../src/core/report/causes';
import { CAUSE_TEXT } from '../../src/core/report/causeTexts';
import { analyseEvidence, causesOf } from '../../src/core/report/build';
import type { StateCount } from '../../src/core/report/noteEvidence';
import type { Limits, TimelinePoint, Trend } from '../../src/core/report/timeline';

function sockets(p: Partial<Omit<StateSockets, 'timers' | 'sendQ'>> & { timers?: Partial<StateSockets['timers']>; sendQ?: Partial<StateSockets['sendQ']> } = {}): StateSockets {
  return {
    listed: 10,
    peers: [],
    prefixes: [],
    localPorts: [],
    retransMax: null,
    probesMax: null,
    backoffMax: null,
    processes: [],
    inode: { rows: 0, zero: 0 },
    ...p,
    timers: { on: 0, persist: 0, keepalive: 0, timewait: 0, none: 0, ...p.timers },
    sendQ: { rows: 10, nonZero: 0, max: 0, ...p.sendQ },
  };
}

const NO_LIMITS: Limits = {
  tcpMaxOrphans: null,
  quarter: null,
  half: null,
  tcpMaxTwBuckets: null,
  tcpMem: null,
  orphan: null,
  orphanLevel: 'unknown',
  orphanRatio: null,
  tw: null,
  twRatio: null,
  mem: null,
  memLevel: 'unknown',
  memRatio: null,
  twPerMinute: null,
  minutesToTwLimit: null,
  memPerMinute: null,
  minutesToMemPressure: null,
  minutesToMemLimit: null,
  readAfterSample: { tcpMaxOrphans: false, tcpMaxTwBuckets: false, tcpMem: false },
  laterInNote: { tcpMaxOrphans: null, tcpMaxTwBuckets: null, tcpMem: null },
};

function facts(p: { sockets?: [StateId, StateSockets][]; counts?: [StateId, number][]; points?: TimelinePoint[]; limits?: Partial<Limits>; trend?: Trend | null; counters?: Record<string, number>; sysctls?: Record<string, string> }): CauseFacts {
  return {
    sockets: new Map(p.sockets ?? []),
    counts: new Map((p.counts ?? []).map(([s, n]): [StateId, StateCount] => [s, { count: n, source: 'count-block', line: 0 }])),
    points: p.points ?? [],
    limits: { ...NO_LIMITS, ...p.limits },
    trend: p.trend ?? null,
    counters: p.counters ?? {},
    sysctls: p.sysctls ?? {},
  };
}

const rules = (f: CauseFacts): string[] => findCauses(f, 'en').map((c) => `${c.rule}@${c.state ?? '-'}`);

describe('cause rules', () => {
  it('FIN-WAIT-1 zero window: persist timers and Send-Q > 0 in the majority; one /24 dominating is named', () => {
    const s = sockets({ listed: 10, timers: { persist: 8, on: 2 }, sendQ: { rows: 10, nonZero: 9, max: 87600 }, prefixes: [{ prefix: '203.0.113.0/24', count: 7 }] });
    const [c] = findCauses(facts({ sockets: [['FIN-WAIT-1', s]] }), 'en');
    assert.equal(c?.rule, 'fin-wait-1-zero-window');
    assert.equal(c?.state, 'FIN-WAIT-1');
    assert.match(c?.message ?? '', /zero window/);
    assert.match(c?.message ?? '', /8 of 10 FIN-WAIT-1/);
    assert.match(c?.message ?? '', /87,600 bytes/);
    assert.match(c?.message ?? '', /7 of 10 peers are in 203\.0\.113\.0\/24/);
    assert.ok(c?.check.some((x) => x.includes('ss -tanoi state fin-wait-1')));
    assert.ok(c?.change.some((x) => x.includes('tcp_orphan_retries')));
    assert.match(c?.source ?? '', /^https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/tcp_timer\.c$/);
    const zh = findCauses(facts({ sockets: [['FIN-WAIT-1', s]] }), 'zh-cn')[0];
    assert.match(zh?.message ?? '', /零窗口/);
    assert.match(zh?.message ?? '', /203\.0\.113\.0\/24/);
  });

  it('FIN-WAIT-1 zero window: not on a persist minority, not with empty Send-Q, not without timers, no network when spread', () => {
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-1', sockets({ timers: { persist: 4, on: 6 }, sendQ: { nonZero: 10 } })]] })), []);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-1', sockets({ timers: { persist: 10 }, sendQ: { nonZero: 3 } })]] })), []);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-1', sockets({ sendQ: { nonZero: 10 } })]] })), []);
    const spread = sockets({ timers: { persist: 10 }, sendQ: { nonZero: 10 }, prefixes: [{ prefix: '203.0.113.0/24', count: 3 }] });
    assert.doesNotMatch(findCauses(facts({ sockets: [['FIN-WAIT-1', spread]] }), 'en')[0]?.message ?? '', /client network/);
  });

  it('retransmissions near the orphan budget: unanswered FINs; the budget follows tcp_orphan_retries', () => {
    const s = sockets({ timers: { on: 6, none: 4 }, retransMax: 7 });
    const [c] = findCauses(facts({ sockets: [['FIN-WAIT-1', s]] }), 'en');
    assert.equal(c?.rule, 'orphan-retransmits-unanswered');
    assert.match(c?.message ?? '', /up to 7 retransmissions, against a budget of 8/);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-1', sockets({ timers: { on: 6 }, retransMax: 3 })]] })), [], 'far from the budget');
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-1', sockets({ timers: { on: 6 }, retransMax: 3 })]], sysctls: { 'net.ipv4.tcp_orphan_retries': '3' } })), ['orphan-retransmits-unanswered@FIN-WAIT-1']);
    assert.deepEqual(rules(facts({ sockets: [['CLOSING', sockets({ timers: { on: 2 }, retransMax: 6 })]] })), ['orphan-retransmits-unanswered@CLOSING']);
    assert.deepEqual(orphanBudget({ 'net.ipv4.tcp_orphan_retries': '0' }), { budget: 8, setting: '0' });
    assert.deepEqual(orphanBudget({}), { budget: 8, setting: '?' });
  });

  it('LAST-ACK retransmitting its FIN: the peer never ACKs; not without retransmissions', () => {
    assert.deepEqual(rules(facts({ sockets: [['LAST-ACK', sockets({ timers: { on: 3 }, retransMax: 2 })]] })), ['last-ack-fin-unacknowledged@LAST-ACK']);
    assert.match(findCauses(facts({ sockets: [['LAST-ACK', sockets({ timers: { on: 3 }, retransMax: 2 })]] }), 'zh-cn')[0]?.message ?? '', /对端始终不确认/);
    assert.deepEqual(rules(facts({ sockets: [['LAST-ACK', sockets({ timers: { on: 3 }, retransMax: 0 })]] })), []);
    assert.deepEqual(rules(facts({ sockets: [['LAST-ACK', sockets({ retransMax: 5 })]] })), [], 'no timer shown');
  });

  it('CLOSE-WAIT: many or growing → the application does not close (not orphans); few and flat → nothing', () => {
    const many = findCauses(facts({ counts: [['CLOSE-WAIT', 812]], sockets: [['CLOSE-WAIT', sockets({ processes: [{ name: 'java', count: 3 }] })]] }), 'en')[0];
    assert.equal(many?.rule, 'close-wait-not-closed');
    assert.match(many?.message ?? '', /812 CLOSE-WAIT sockets \(held by java ×3\)/);
    assert.match(many?.message ?? '', /Not orphans/);
    const pt = (minutes: number, n: number): TimelinePoint => ({ time: '', line: 0, orphan: null, tw: null, mem: null, minutes, counts: { 'CLOSE-WAIT': n } });
    const growing = findCauses(facts({ points: [pt(0, 5), pt(10, 12)] }), 'zh-cn')[0];
    assert.match(growing?.message ?? '', /从 5 增长到 12/);
    assert.deepEqual(rules(facts({ counts: [['CLOSE-WAIT', 3]] })), []);
    assert.deepEqual(rules(facts({ counts: [['CLOSE-WAIT', 3]], points: [pt(0, 5), pt(10, 5)] })), []);
  });

  it('FIN-WAIT-2 on the timewait timer: harmless minisocks; on keepalive: full orphans waiting (tcp_fin_timeout > 60)', () => {
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { timewait: 9, keepalive: 1 } })]] })), ['fin-wait-2-timewait-minisocks@FIN-WAIT-2']);
    const k = findCauses(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { keepalive: 5 } })]], sysctls: { 'net.ipv4.tcp_fin_timeout': '180' } }), 'en')[0];
    assert.equal(k?.rule, 'fin-wait-2-orphans-waiting');
    assert.match(k?.message ?? '', /tcp_fin_timeout = 180/);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { timewait: 2, keepalive: 2, none: 2 } })]] })), []);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets()]] })), [], 'no timers shown');
  });

  it('orphans above ¼ of tcp_max_orphans, or about to be: the penalty; with the trend in minutes', () => {
    const c = findCauses(facts({ limits: { orphan: 20000, tcpMaxOrphans: 65536, orphanLevel: 'quarter', orphanRatio: 0.3052 }, trend: { orphanPerMinute: 400, minutesToQuarter: 0, minutesToHalf: 31.9, minutesToLimit: 113.8 } }), 'en')[0];
    assert.equal(c?.rule, 'orphan-limit-pressure');
    assert.equal(c?.state, null);
    assert.match(c?.message ?? '', /orphan 20,000 of tcp_max_orphans 65,536 \(31 %\), above ¼/);
    assert.match(c?.message ?? '', /Growing 400 a minute: ¼ already passed, ½ in 31\.9 min, the limit in 113\.8 min\./);
    const soon = facts({ limits: { orphan: 10000, tcpMaxOrphans: 65536, orphanLevel: 'low', orphanRatio: 0.15 }, trend: { orphanPerMinute: 500, minutesToQuarter: 12.8, minutesToHalf: 45.5, minutesToLimit: 111 } });
    assert.deepEqual(rules(soon), ['orphan-limit-pressure@-']);
    assert.match(findCauses(soon, 'zh-cn')[0]?.message ?? '', /12\.8 分钟后到 ¼/);
    assert.deepEqual(rules(facts({ limits: { orphan: 1000, tcpMaxOrphans: 65536, orphanLevel: 'low' } })), []);
    assert.deepEqual(rules(facts({ limits: { orphan: 1000, tcpMaxOrphans: 65536, orphanLevel: 'low' }, trend: { orphanPerMinute: 1, minutesToQuarter: 15384, minutesToHalf: null, minutesToLimit: null } })), []);
    assert.deepEqual(rules(facts({ limits: { orphan: 60000, orphanLevel: 'unknown' } })), [], 'no limit in the note');
  });

  it('TcpExtTCPAbortOnMemory > 0: the kernel resets orphans; 0 → nothing', () => {
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 12 } })), ['orphans-reset-by-kernel@-']);
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 0 } })), []);
  });

  it('every rule has a public https source and both languages for every text', () => {
    for (const [rule, text] of Object.entries(CAUSE_TEXT)) {
      assert.match(text.source, /^https:\/\//, rule);
      for (const l of [text.message, ...text.check, ...text.change]) {
        assert.ok(l.en.length > 0 && l['zh-cn'].length > 0, rule);
        assert.deepEqual(l.en.match(/\{\w+\}/g)?.sort() ?? [], l['zh-cn'].match(/\{\w+\}/g)?.sort() ?? [], `${rule}: same placeholders`);
      }
    }
  });
});

describe('causes from a note', () => {
  it('the incident note: zero-window FIN-WAIT-1 from one /24, and orphans past ¼ and growing', () => {
    const model = analyzeNote(readFileSync(join(fixtureDir('report'), 'incident.md'), 'utf8'));
    const causes = causesOf(analyseEvidence(model), 'en');
    assert.deepEqual(
      causes.map((c) => c.rule),
      ['fin-wait-1-zero-window', 'orphan-limit-pressure'],
    );
    assert.match(causes[0]?.message ?? '', /3 of 4 FIN-WAIT-1 sockets/);
    assert.match(causes[0]?.message ?? '', /3 of 4 peers are in 203\.0\.113\.0\/24/);
    assert.match(causes[1]?.message ?? '', /Growing 400 a minute/);
  });

  it('a note without evidence has no causes', () => {
    assert.deepEqual(causesOf(analyseEvidence(analyzeNote('# FIN_WAIT1\n\nFIN_WAIT1 is the state after close().\n')), 'en'), []);
  });
});
