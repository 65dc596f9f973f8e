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
import { sockets } from '../support/stateSockets';
import { findCauses, orphanBudget, type CauseFacts } from '../../src/core/report/causes';
import { CAUSE_TEXT } from '../../src/core/report/causeTexts';
import { analyseEvidence, causesOf } from '../../src/core/report/build';
import type { OutputSample, StateCount } from '../../src/core/report/noteEvidence';
import type { TimelinePoint } from '../../src/core/report/timeline';
import type { Limits, Trend } from '../../src/core/report/limits';

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
  earlier: { tcpMaxOrphans: null, tcpMaxTwBuckets: null, tcpMem: null },
};

function facts(p: {
  sockets?: [StateId, StateSockets][];
  counts?: [StateId, number][];
  points?: TimelinePoint[];
  limits?: Partial<Limits>;
  trend?: Trend | null;
  counters?: Record<string, number>;
  sysctls?: Record<string, string>;
  samples?: OutputSample[];
  counterReadings?: Record<string, number[]>;
  connectErrorLines?: number[];
  kernelMessages?: string[];
}): CauseFacts {
  return {
    sockets: new Map(p.sockets ?? []),
    counts: new Map((p.counts ?? []).map(([s, n]): [StateId, StateCount] => [s, { count: n, source: 'count-block', line: 0 }])),
    points: p.points ?? [],
    limits: { ...NO_LIMITS, ...p.limits },
    trend: p.trend ?? null,
    counters: p.counters ?? {},
    sysctls: p.sysctls ?? {},
    ...(p.samples ? { samples: p.samples } : {}),
    ...(p.counterReadings ? { counterReadings: Object.fromEntries(Object.entries(p.counterReadings).map(([k, v]) => [k, v.map((value, i) => ({ value, line: 10 * i }))])) } : {}),
    ...(p.connectErrorLines ? { connectErrorLines: p.connectErrorLines } : {}),
    ...(p.kernelMessages ? { kernelMessages: p.kernelMessages } : {}),
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
    assert.match(many?.message ?? '', /812 CLOSE-WAIT sockets \(java holds 3\)/);
    assert.match(many?.message ?? '', /Not orphans/);
    const pt = (minutes: number, n: number): TimelinePoint => ({ time: '', line: 0, orphan: null, tw: null, mem: null, minutes, counts: { 'CLOSE-WAIT': n } });
    // 5 → 12 was the example of growth; two counts of a steady state differ that much (see below): 5 → 40 is growth.
    const growing = findCauses(facts({ points: [pt(0, 5), pt(10, 40)] }), 'zh-cn')[0];
    assert.match(growing?.message ?? '', /从 5 增长到 40/);
    assert.deepEqual(rules(facts({ counts: [['CLOSE-WAIT', 3]] })), []);
    assert.deepEqual(rules(facts({ counts: [['CLOSE-WAIT', 3]], points: [pt(0, 5), pt(10, 5)] })), []);
  });

  it('CLOSE-WAIT weighs the evidence: a share of the connections, a count well above noise, or growth beyond noise (audit J6)', () => {
    const sample = (counts: OutputSample['counts'], extra: Partial<OutputSample> = {}): OutputSample => ({ line: 4, counts, ...extra });
    // 21 CLOSE-WAIT beside 11,840 ESTABLISHED in one output: 0.18 % of the connections, what a busy healthy server shows.
    assert.deepEqual(rules(facts({ samples: [sample({ ESTABLISHED: 11840, 'CLOSE-WAIT': 21 })] })), []);
    // 230 beside 842: one connection in five waits for the application.
    const share = findCauses(facts({ samples: [sample({ ESTABLISHED: 842, 'CLOSE-WAIT': 230 })] }), 'en')[0];
    assert.equal(share?.rule, 'close-wait-not-closed');
    assert.match(share?.message ?? '', /230 CLOSE-WAIT sockets \(21 % of the ESTABLISHED and CLOSE-WAIT sockets in that output\)/);
    assert.match(findCauses(facts({ samples: [sample({ ESTABLISHED: 842, 'CLOSE-WAIT': 230 })] }), 'zh-cn')[0]?.message ?? '', /230 个 CLOSE-WAIT 套接字（占该输出中 ESTABLISHED 与 CLOSE-WAIT 套接字的 21 %）/);
    // A share needs a count above the handful any moment can show.
    assert.deepEqual(rules(facts({ samples: [sample({ ESTABLISHED: 10, 'CLOSE-WAIT': 12 })] })), []);
    assert.deepEqual(rules(facts({ samples: [sample({ ESTABLISHED: 300, 'CLOSE-WAIT': 25 })] })), ['close-wait-not-closed@CLOSE-WAIT']);
    // Without the connections beside it (ss state close-wait | wc -l, a count in the text): only a count well above noise.
    assert.deepEqual(rules(facts({ samples: [sample({ 'CLOSE-WAIT': 60 })] })), []);
    assert.deepEqual(rules(facts({ samples: [sample({ 'CLOSE-WAIT': 150 })] })), ['close-wait-not-closed@CLOSE-WAIT']);
    // Where an output shows the connections beside CLOSE-WAIT, it decides: a bare count elsewhere is not weighed.
    assert.deepEqual(rules(facts({ samples: [sample({ ESTABLISHED: 11840, 'CLOSE-WAIT': 21 }), sample({ 'CLOSE-WAIT': 150 }, { line: 9 })] })), []);
    assert.deepEqual(rules(facts({ samples: [sample({ ESTABLISHED: 11840, 'CLOSE-WAIT': 21 }), sample({ ESTABLISHED: 900, 'CLOSE-WAIT': 150 }, { line: 9 })] })), ['close-wait-not-closed@CLOSE-WAIT']);
    // Growth: counts at different times, beyond what two readings of one steady count differ by (3 σ of a Poisson difference).
    const at = (minutes: number, n: number, extra: Partial<OutputSample> = {}): OutputSample => sample({ 'CLOSE-WAIT': n }, { minutes, line: minutes, ...extra });
    assert.deepEqual(rules(facts({ samples: [at(0, 5), at(10, 12)] })), [], '5 → 12 is within noise');
    assert.deepEqual(rules(facts({ samples: [at(0, 21), at(10, 25)] })), []);
    assert.deepEqual(rules(facts({ samples: [at(0, 3), at(60, 40)] })), ['close-wait-not-closed@CLOSE-WAIT']);
    assert.match(findCauses(facts({ samples: [at(0, 3), at(60, 40)] }), 'en')[0]?.message ?? '', /40 CLOSE-WAIT sockets, growing from 3 to 40 between samples/);
    // Outputs of one moment are one sample (the largest count): two views at 16:02 are no growth.
    assert.deepEqual(rules(facts({ samples: [at(0, 2), at(0, 7)] })), []);
    // A listing's rows are a lower bound (a `head` of it): no growth from a cut listing to a full count.
    assert.deepEqual(rules(facts({ samples: [at(0, 5, { listing: true }), at(60, 90)] })), []);
    // Falling counts are no growth; the first and the latest sample in time are compared, not note order.
    assert.deepEqual(rules(facts({ samples: [at(60, 3, { line: 1 }), at(0, 40, { line: 2 })] })), []);
  });

  it('local port exhaustion: TIME-WAIT near the size of ip_local_port_range towards one destination, or with connect() failing', () => {
    const inEffect = (value: string) => ({ value, after: false });
    const tw = (n: number, sysctls: Record<string, string> = { 'net.ipv4.ip_local_port_range': '32768\t60999', 'net.ipv4.tcp_tw_reuse': '2' }): OutputSample => ({
      line: 15,
      counts: { 'TIME-WAIT': n },
      sysctls: Object.fromEntries(Object.entries(sysctls).map(([k, v]) => [k, inEffect(v)])),
    });
    const toRedis = sockets({ listed: 4, peers: [{ address: '10.60.2.15', count: 4 }], peerPorts: [{ port: 6379, count: 4 }], localPorts: [32768, 32769, 32770, 32771].map((port) => ({ port, count: 1 })) });
    const all = facts({ samples: [tw(28232)], sockets: [['TIME-WAIT', toRedis]], connectErrorLines: [6] });
    const [c] = findCauses(all, 'en');
    assert.equal(c?.rule, 'local-port-exhaustion');
    assert.equal(c?.state, 'TIME-WAIT');
    assert.match(c?.message ?? '', /28,232 sockets in TIME-WAIT \(line 16\) against the 28,232 ports of ip_local_port_range 32768–60999/);
    assert.match(c?.message ?? '', /4 of 4 listed TIME-WAIT sockets go to 10\.60\.2\.15:6379/);
    assert.match(c?.message ?? '', /"Cannot assign requested address" \(line 7\)/);
    assert.match(c?.message ?? '', /tcp_tw_reuse = 2/);
    assert.match(c?.message ?? '', /source address and port, destination address and port/);
    assert.ok(c?.check.some((x) => x.includes('ss -tan state time-wait')));
    assert.ok(c?.change.some((x) => x.includes('tcp_tw_reuse')));
    assert.match(c?.source ?? '', /inet_hashtables\.c$/);
    const zh = findCauses(all, 'zh-cn')[0]?.message ?? '';
    assert.match(zh, /28,232 个 TIME-WAIT 套接字（第 16 行）/);
    assert.match(zh, /10\.60\.2\.15:6379/);

    // The error and no listing: the range not in the note is the default, and the destinations are unknown (said so).
    const pgb = findCauses(facts({ samples: [tw(21034, {})], connectErrorLines: [60] }), 'en')[0];
    assert.equal(pgb?.rule, 'local-port-exhaustion');
    assert.match(pgb?.message ?? '', /the default 32768–60999: the note shows no ip_local_port_range/);
    assert.match(pgb?.message ?? '', /The note does not show where they go/);
    // Neither a failing connect() nor one destination: a count alone says nothing about destinations.
    assert.deepEqual(rules(facts({ samples: [tw(28232)] })), []);
    // One destination without the error: close to the range (¾), not merely a large share of it.
    assert.deepEqual(rules(facts({ samples: [tw(20000)], sockets: [['TIME-WAIT', toRedis]] })), []);
    assert.deepEqual(rules(facts({ samples: [tw(22000)], sockets: [['TIME-WAIT', toRedis]] })), ['local-port-exhaustion@TIME-WAIT']);
    // With the error, half of the range in TIME-WAIT; less is not enough to blame TIME-WAIT.
    assert.deepEqual(rules(facts({ samples: [tw(12000)], connectErrorLines: [3] })), []);
    // TIME-WAIT on our own listening port (a server closing first) uses no ephemeral port.
    const server = sockets({ listed: 6, peers: [{ address: '198.51.100.7', count: 1 }], localPorts: [{ port: 443, count: 6 }], peerPorts: [{ port: 50000, count: 1 }] });
    assert.deepEqual(rules(facts({ samples: [tw(30000)], sockets: [['TIME-WAIT', server]], connectErrorLines: [3] })), []);
    // tcp_tw_reuse = 1 lets connect() take a TIME-WAIT port (with timestamps); = 2 only towards loopback.
    assert.deepEqual(rules(facts({ samples: [tw(28232, { 'net.ipv4.ip_local_port_range': '32768 60999', 'net.ipv4.tcp_tw_reuse': '1' })], sockets: [['TIME-WAIT', toRedis]], connectErrorLines: [6] })), []);
    assert.deepEqual(
      rules(facts({ samples: [tw(28232, { 'net.ipv4.ip_local_port_range': '32768 60999', 'net.ipv4.tcp_tw_reuse': '1', 'net.ipv4.tcp_timestamps': '0' })], sockets: [['TIME-WAIT', toRedis]] })),
      ['local-port-exhaustion@TIME-WAIT'],
      'no timestamps: no reuse',
    );
    const loop = sockets({ listed: 4, peers: [{ address: '127.0.0.1', count: 4 }], peerPorts: [{ port: 6379, count: 4 }] });
    assert.deepEqual(rules(facts({ samples: [tw(28232)], sockets: [['TIME-WAIT', loop]], connectErrorLines: [6] })), []);
    // The ports the range gives: a narrow range fills sooner.
    assert.deepEqual(rules(facts({ samples: [tw(900, { 'net.ipv4.ip_local_port_range': '60000 60999' })], sockets: [['TIME-WAIT', toRedis]] })), ['local-port-exhaustion@TIME-WAIT']);
    // sockstat tw (TIME-WAIT with FIN-WAIT-2 minisocks) only where no output counts TIME-WAIT, and said so.
    const twOnly = findCauses(facts({ samples: [{ line: 3, counts: {}, tw: 27000 }], connectErrorLines: [1] }), 'en')[0]?.message ?? '';
    assert.match(twOnly, /27,000 timewait sockets \(sockstat tw: TIME-WAIT and FIN-WAIT-2 minisocks\) \(line 4\)/);
    assert.match(findCauses(facts({ samples: [{ line: 3, counts: { 'TIME-WAIT': 26000 }, tw: 27000 }], connectErrorLines: [1] }), 'en')[0]?.message ?? '', /26,000 sockets in TIME-WAIT/);
    // The peak sample counts, not the latest (the fix brings TIME-WAIT down).
    assert.deepEqual(rules(facts({ samples: [tw(28232), { line: 90, counts: { 'TIME-WAIT': 40 } }], sockets: [['TIME-WAIT', toRedis]] })), ['local-port-exhaustion@TIME-WAIT']);
  });

  it('accept queue overflow: a listener whose Recv-Q is above its Send-Q (ss), or ListenOverflows rising between readings', () => {
    const listen = (full: { port: number; recvQ: number; sendQ: number; line: number }[]) => sockets({ listed: 2, listeners: { rows: 2, full } });
    const [c] = findCauses(facts({ sockets: [['LISTEN', listen([{ port: 8080, recvQ: 129, sendQ: 128, line: 12 }])]] }), 'en');
    assert.equal(c?.rule, 'listen-accept-queue-overflow');
    assert.equal(c?.state, 'LISTEN');
    assert.match(c?.message ?? '', /Full accept queue on port 8080 \(Recv-Q 129 above Send-Q 128, line 13\)/);
    assert.match(c?.message ?? '', /accept\(\)/);
    assert.match(c?.source ?? '', /tcp_input\.c$/);
    assert.match(findCauses(facts({ sockets: [['LISTEN', listen([{ port: 8080, recvQ: 129, sendQ: 128, line: 12 }])]] }), 'zh-cn')[0]?.message ?? '', /全连接队列/);
    // The kernel's test is Recv-Q > Send-Q: a queue at its backlog still takes one more.
    assert.deepEqual(rules(facts({ sockets: [['LISTEN', listen([])]] })), []);
    const rising = findCauses(facts({ counterReadings: { TcpExtListenOverflows: [3052, 4810] } }), 'en')[0];
    assert.equal(rising?.rule, 'listen-accept-queue-overflow');
    assert.match(rising?.message ?? '', /TcpExtListenOverflows rose from 3,052 to 4,810 between readings/);
    // One reading is a count since boot; flat readings show no overflow now.
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtListenOverflows: [2210] }, counters: { TcpExtListenOverflows: 2210 } })), []);
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtListenOverflows: [52110, 52110] } })), []);
  });

  it('SYN queue overflow: the SYN flooding log line, or cookie / queue-full counters rising; a full accept queue named as a reason', () => {
    const [c] = findCauses(facts({ kernelMessages: ['msg.possible-syn-flooding'] }), 'en');
    assert.equal(c?.rule, 'syn-queue-overflow');
    assert.equal(c?.state, 'SYN-RECEIVED');
    assert.match(c?.message ?? '', /"Possible SYN flooding"/);
    assert.match(c?.message ?? '', /backlog/);
    assert.doesNotMatch(c?.message ?? '', /accept queue overflows too/);
    assert.match(findCauses(facts({ kernelMessages: ['msg.possible-syn-flooding'] }), 'zh-cn')[0]?.message ?? '', /半连接队列/);
    const cookies = findCauses(facts({ counterReadings: { TcpExtSyncookiesSent: [1843217, 1843390] } }), 'en')[0];
    assert.equal(cookies?.rule, 'syn-queue-overflow');
    assert.match(cookies?.message ?? '', /TcpExtSyncookiesSent rose from 1,843,217 to 1,843,390/);
    // With tcp_syncookies = 2 every SYN gets a cookie: the counters say nothing about the queue.
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtSyncookiesSent: [1, 500] }, sysctls: { 'net.ipv4.tcp_syncookies': '2' } })), []);
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtSyncookiesSent: [1843217] } })), []);
    // Both queues: the accept queue first (LISTEN comes first in state order), and the SYN cause says why its queue fills.
    const both = findCauses(
      facts({ kernelMessages: ['msg.possible-syn-flooding'], sockets: [['LISTEN', sockets({ listed: 1, listeners: { rows: 1, full: [{ port: 8080, recvQ: 129, sendQ: 128, line: 3 }] } })]] }),
      'en',
    );
    assert.deepEqual(both.map((x) => x.rule), ['listen-accept-queue-overflow', 'syn-queue-overflow']);
    assert.match(both[1]?.message ?? '', /accept queue overflows too/);
  });

  it('FIN-WAIT-2 on the timewait timer: harmless minisocks; on keepalive: full sockets, likely orphans with tcp_fin_timeout > 60 in effect', () => {
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { timewait: 9, keepalive: 1 } })]] })), ['fin-wait-2-timewait-minisocks@FIN-WAIT-2']);
    const k = findCauses(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { keepalive: 5 } })]], sysctls: { 'net.ipv4.tcp_fin_timeout': '180' } }), 'en')[0];
    assert.equal(k?.rule, 'fin-wait-2-orphans-waiting');
    assert.match(k?.message ?? '', /tcp_fin_timeout = 180/);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { timewait: 2, keepalive: 2, none: 2 } })]] })), []);
    assert.deepEqual(rules(facts({ sockets: [['FIN-WAIT-2', sockets()]] })), [], 'no timers shown');
    // At tcp_fin_timeout ≤ 60 an orphan is a full socket here only with TCP_LINGER2 or a long RTO (tcp_fin_time):
    // sockets still open (SO_KEEPALIVE) are the likelier kind, both are named (audit s13, s17).
    const held = findCauses(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { keepalive: 5 } })]], sysctls: { 'net.ipv4.tcp_fin_timeout': '60' } }), 'en')[0];
    assert.equal(held?.rule, 'fin-wait-2-held-open');
    assert.match(held?.message ?? '', /With tcp_fin_timeout = 60 \(60 s or less\)/);
    assert.doesNotMatch(held?.message ?? '', /orphans waiting/);
    assert.match(findCauses(facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { keepalive: 5 } })]], sysctls: { 'net.ipv4.tcp_fin_timeout': '30' } }), 'zh-cn')[0]?.message ?? '', /挂在 keepalive 定时器上的 FIN-WAIT-2 完整套接字/);
    // Review s13: a value read after the sample (the fix) does not decide it: the value at the sample is not known.
    const fw2 = facts({ sockets: [['FIN-WAIT-2', sockets({ timers: { keepalive: 5 } })]] });
    const later: CauseFacts = { ...fw2, stateSysctls: { 'FIN-WAIT-2': { 'net.ipv4.tcp_fin_timeout': { value: '30', after: true } } } };
    assert.deepEqual(rules(later), ['fin-wait-2-held-open@FIN-WAIT-2']);
    assert.match(findCauses(later, 'en')[0]?.message ?? '', /shows no tcp_fin_timeout in effect at the sample \(tcp_fin_timeout = 30, read later in the note\)/);
    const laterHigh: CauseFacts = { ...fw2, stateSysctls: { 'FIN-WAIT-2': { 'net.ipv4.tcp_fin_timeout': { value: '180', after: true } } } };
    assert.deepEqual(rules(laterHigh), ['fin-wait-2-held-open@FIN-WAIT-2']);
    const inEffect: CauseFacts = { ...fw2, stateSysctls: { 'FIN-WAIT-2': { 'net.ipv4.tcp_fin_timeout': { value: '30', after: false } } } };
    assert.deepEqual(rules(inEffect), ['fin-wait-2-held-open@FIN-WAIT-2']);
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
    // The state that holds most of the sockets in orphan states is named, with its share (audit s14 M4).
    const held = facts({ counts: [['FIN-WAIT-1', 29870], ['LAST-ACK', 392], ['ESTABLISHED', 90000], ['TIME-WAIT', 5000]], limits: { orphan: 30262, tcpMaxOrphans: 65536, orphanLevel: 'quarter', orphanRatio: 0.4618 } });
    assert.match(findCauses(held, 'en')[0]?.message ?? '', / Of the 30,262 sockets counted in states that can be orphans, FIN-WAIT-1 holds 29,870 \(99 %\): look there first\./);
    assert.match(findCauses(held, 'zh-cn')[0]?.message ?? '', /在可能成为孤儿的状态中共计数到 30,262 个套接字，其中 FIN-WAIT-1 有 29,870 个（99 %）/);
    assert.doesNotMatch(findCauses(held, 'en')[0]?.check.join(' ') ?? '', /causes above/);
    assert.doesNotMatch(findCauses(facts({ limits: { orphan: 20000, tcpMaxOrphans: 65536, orphanLevel: 'quarter', orphanRatio: 0.3 } }), 'en')[0]?.message ?? '', /states that can be orphans/, 'no counts: nothing said');
    assert.deepEqual(rules(facts({ limits: { orphan: 1000, tcpMaxOrphans: 65536, orphanLevel: 'low' } })), []);
    assert.deepEqual(rules(facts({ limits: { orphan: 1000, tcpMaxOrphans: 65536, orphanLevel: 'low' }, trend: { orphanPerMinute: 1, minutesToQuarter: 15384, minutesToHalf: null, minutesToLimit: null } })), []);
    assert.deepEqual(rules(facts({ limits: { orphan: 60000, orphanLevel: 'unknown' } })), [], 'no limit in the note');
  });

  it('TcpExtTCPAbortOnMemory > 0: the kernel resets orphans; 0 → nothing', () => {
    // Read once, with nothing else showing it now: history since boot (audit c M1).
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 12 } })), ['orphan-resets-since-boot@-']);
    // With orphans above ¼ now, still one reading: history, with the pressure said beside it (audit s17).
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 12 }, limits: { orphan: 20000, tcpMaxOrphans: 65536, orphanLevel: 'quarter', orphanRatio: 0.3052 } })), ['orphan-limit-pressure@-', 'orphan-resets-since-boot@-']);
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 12 }, kernelMessages: ['msg.too-many-orphaned-sockets'] })), ['orphans-reset-by-kernel@-']);
    assert.deepEqual(rules(facts({ counters: { TcpExtTCPAbortOnMemory: 0 } })), []);
    // Read twice without a rise: history since boot, not now (audit s13 7); a rise between readings still fires.
    const twice = (a: number, b: number) => facts({ counters: { TcpExtTCPAbortOnMemory: b }, counterReadings: { TcpExtTCPAbortOnMemory: [a, b] } });
    assert.deepEqual(rules(twice(12, 12)), []);
    assert.deepEqual(rules(twice(12, 40)), ['orphans-reset-by-kernel@-']);
    // Review s13: two readings of one moment (one block) are one reading; a note written newest first still rose.
    const oneBlock = facts({ counters: { TcpExtTCPAbortOnMemory: 5012 } });
    const same = { ...oneBlock, counterReadings: { TcpExtTCPAbortOnMemory: [{ value: 5012, line: 3, block: 2 }, { value: 5012, line: 6, block: 2 }] } };
    assert.deepEqual(rules(same), ['orphan-resets-since-boot@-']);
    assert.deepEqual(rules(twice(5012, 12)), ['orphans-reset-by-kernel@-']);
  });

  it('the TIME-WAIT table full: tw at tcp_max_tw_buckets, the overflow log line or TCPTimeWaitOverflow rising (audit s13 10)', () => {
    const at = findCauses(facts({ limits: { tw: 5000, tcpMaxTwBuckets: 5000 } }), 'en')[0];
    assert.equal(at?.rule, 'time-wait-table-full');
    assert.match(at?.message ?? '', /the TIME-WAIT table is full \(tw 5,000 of tcp_max_tw_buckets 5,000\)/);
    assert.deepEqual(rules(facts({ limits: { tw: 4200, tcpMaxTwBuckets: 5000 } })), []);
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtTCPTimeWaitOverflow: [100, 900] } })), ['time-wait-table-full@TIME-WAIT']);
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtTCPTimeWaitOverflow: [900, 900] } })), []);
    assert.deepEqual(rules(facts({ kernelMessages: ['msg.time-wait-bucket-table-overflow'] })), ['time-wait-table-full@TIME-WAIT']);
    // Review s13: an old log line while the latest sample has room is history; a counter rise in a newest-first note counts.
    assert.deepEqual(rules(facts({ kernelMessages: ['msg.time-wait-bucket-table-overflow'], limits: { tw: 4000, tcpMaxTwBuckets: 262144 } })), []);
    assert.deepEqual(rules(facts({ counterReadings: { TcpExtTCPTimeWaitOverflow: [900, 100] } })), ['time-wait-table-full@TIME-WAIT']);
    assert.match(findCauses(facts({ limits: { tw: 5000, tcpMaxTwBuckets: 5000 } }), 'zh-cn')[0]?.message ?? '', /TIME-WAIT 表已满（tw 5,000，tcp_max_tw_buckets 为 5,000）/);
  });

  it('every rule has a public https source and both languages for every text', () => {
    for (const [rule, text] of Object.entries(CAUSE_TEXT)) {
      assert.match(text.source, /^https:\/\//, rule);
      for (const l of [text.message, ...(text.past ? [text.past] : []), ...text.check, ...text.change]) {
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
