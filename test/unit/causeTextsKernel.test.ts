/**
 * What the cause texts, the diagnosis template and the FIN-WAIT-2 state texts say, held to the kernel (audit s17):
 * - a FIN-WAIT-2 socket on the keepalive timer is a full socket, either an orphan whose FIN-WAIT-2 timeout
 *   (tcp_fin_time(): TCP_LINGER2, else tcp_fin_timeout, never below 3.5 × RTO) is over 60 s (__tcp_close,
 *   tcp_rcv_state_process) or a socket shut down but still open with SO_KEEPALIVE (tcp_keepalive_timer): said as
 *   possible, with `ss -p` to tell them apart, whatever tcp_fin_timeout the note gives;
 * - a zero-window FIN-WAIT-1 orphan whose peer answers its probes is not bounded by tcp_orphan_retries (tcp_ack
 *   resets icsk_probes_out; tcp_probe_timer ends it once the probe backoff reaches the RTO maximum);
 * - TcpExtTCPAbortOnMemory read once is history, whatever the pressure at the sample;
 * - the first doubling of the orphan-limit check also comes from tcp_write_timeout's do_reset false;
 * - a FIN-WAIT-2 minisock lives the FIN-WAIT-2 timeout, or its part above 60 s (tcp_keepalive_timer, tcp_time_wait).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { findCauses, type CauseFacts } from '../../src/core/report/causes';
import { sockets, type SocketsFixture } from '../support/stateSockets';
import type { Limits } from '../../src/core/report/limits';
import { buildTemplate } from '../../src/core/template/build';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const report = (note: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(note), { file: 'n.md', lang }).json;
const cause = (note: string, rule: string, lang: 'en' | 'zh-cn' = 'en') => report(note, lang).causes.find((c) => c.rule === rule);

/** Ten listed sockets with these timers and Send-Q. */
const socketsWith = (timers: SocketsFixture['timers'], sendQ: SocketsFixture['sendQ'] = {}) => sockets({ timers, sendQ });

const LIMITS = {
  tcpMaxOrphans: null, quarter: null, half: null, tcpMaxTwBuckets: null, tcpMem: null, orphan: null, orphanLevel: 'unknown', orphanRatio: null,
  tw: null, twRatio: null, mem: null, memLevel: 'unknown', memRatio: null, twPerMinute: null, minutesToTwLimit: null, memPerMinute: null,
  minutesToMemPressure: null, minutesToMemLimit: null,
  readAfterSample: { tcpMaxOrphans: false, tcpMaxTwBuckets: false, tcpMem: false },
  laterInNote: { tcpMaxOrphans: null, tcpMaxTwBuckets: null, tcpMem: null },
  earlier: { tcpMaxOrphans: null, tcpMaxTwBuckets: null, tcpMem: null },
} as const satisfies Limits;

const fw2 = (fin?: string): CauseFacts => ({
  sockets: new Map([['FIN-WAIT-2', socketsWith({ keepalive: 5 })]]),
  counts: new Map(),
  points: [],
  limits: LIMITS,
  trend: null,
  counters: {},
  sysctls: fin === undefined ? {} : { 'net.ipv4.tcp_fin_timeout': fin },
});
const fw2Cause = (fin: string | undefined, lang: 'en' | 'zh-cn' = 'en') => findCauses(fw2(fin), lang)[0];

describe('FIN-WAIT-2 on the keepalive timer: a full socket, an orphan or one still open (finding 1)', () => {
  it('tcp_fin_timeout ≤ 60 in effect: both kinds named, not "shut down but not closed" as a fact', () => {
    const c = fw2Cause('60');
    assert.equal(c?.rule, 'fin-wait-2-held-open');
    assert.doesNotMatch(c?.message ?? '', /These were shut down for writing but not closed/);
    assert.match(c?.message ?? '', /TCP_LINGER2/);
    assert.match(c?.message ?? '', /3\.5 × RTO/);
    assert.match(c?.message ?? '', /SO_KEEPALIVE/);
    assert.match(c?.message ?? '', /tcp_fin_timeout = 60/);
    assert.ok(c?.check.some((x) => x.includes('ss -tanpo state fin-wait-2') && x.includes('users:')), c?.check.join('\n'));
    const z = fw2Cause('30', 'zh-cn');
    assert.doesNotMatch(z?.message ?? '', /只是关闭了写方向（shutdown），并没有 close\(\)/);
    assert.match(z?.message ?? '', /TCP_LINGER2/);
    assert.match(z?.message ?? '', /SO_KEEPALIVE/);
  });

  it('no tcp_fin_timeout in the note (the default 60): not "full orphan sockets, which happens when tcp_fin_timeout is above 60 s"', () => {
    const c = fw2Cause(undefined);
    assert.equal(c?.rule, 'fin-wait-2-held-open');
    assert.doesNotMatch(c?.message ?? '', /which happens when tcp_fin_timeout is above 60 s/);
    assert.match(c?.message ?? '', /default 60/);
    assert.match(c?.message ?? '', /SO_KEEPALIVE/);
    assert.doesNotMatch(fw2Cause(undefined, 'zh-cn')?.message ?? '', /仅当 tcp_fin_timeout 大于 60 秒时出现/);
  });

  it('tcp_fin_timeout > 60 in effect: likely orphans, said as possible, with the still-open kind beside them', () => {
    const c = fw2Cause('180');
    assert.equal(c?.rule, 'fin-wait-2-orphans-waiting');
    assert.match(c?.message ?? '', /tcp_fin_timeout = 180/);
    assert.match(c?.message ?? '', /SO_KEEPALIVE/);
    assert.match(c?.message ?? '', /`ss -p`/);
    assert.match(fw2Cause('180', 'zh-cn')?.message ?? '', /SO_KEEPALIVE/);
  });

  it('the FIN-WAIT-2 state texts and the template say the same', () => {
    const k = STATE_KNOWLEDGE['FIN-WAIT-2'];
    assert.doesNotMatch(k.orphan.headline.en, /only when tcp_fin_timeout > 60 s/);
    assert.match(k.orphan.headline.en, /TCP_LINGER2/);
    const pitfalls = k.pitfalls.map((p) => p.text.en).join('\n');
    assert.doesNotMatch(pitfalls, /only timer:\(keepalive,…\) marks a full orphan/);
    assert.match(pitfalls, /SO_KEEPALIVE/);
    for (const lang of ['en', 'zh-cn'] as const) {
      const fw2t = buildTemplate('fin-wait-2', lang).markdown;
      const general = buildTemplate('general', lang).markdown;
      assert.doesNotMatch(fw2t, /only possible with `tcp_fin_timeout` > 60 s|只在 `tcp_fin_timeout` > 60 秒时出现/);
      assert.match(fw2t, /SO_KEEPALIVE/);
      assert.doesNotMatch(general, /FIN-WAIT-2 only when `tcp_fin_timeout` is above 60 s|只有 `tcp_fin_timeout` 大于 60 秒时，FIN-WAIT-2 里才会有 orphan/);
      assert.match(general, /SO_KEEPALIVE/);
    }
  });
});

describe('a zero-window FIN-WAIT-1 orphan is not bounded by tcp_orphan_retries while the peer answers (finding 2)', () => {
  const zw = (lang: 'en' | 'zh-cn' = 'en') =>
    findCauses({ sockets: new Map([['FIN-WAIT-1', socketsWith({ persist: 8, on: 2 }, { nonZero: 9, max: 87600 })]]), counts: new Map(), points: [], limits: LIMITS, trend: null, counters: {}, sysctls: {} }, lang)[0];

  it('the message: kept while the peer answers, until the probe backoff reaches the RTO maximum; not certainly orphans', () => {
    const c = zw();
    assert.equal(c?.rule, 'fin-wait-1-zero-window');
    assert.doesNotMatch(c?.message ?? '', /tcp_orphan_retries worth of probes/);
    assert.doesNotMatch(c?.message ?? '', /These are orphans;/);
    assert.match(c?.message ?? '', /RTO maximum/);
    assert.match(c?.message ?? '', /shut down/);
    const z = zw('zh-cn');
    assert.doesNotMatch(z?.message ?? '', /内核在探测次数达到 tcp_orphan_retries 后放弃/);
    assert.match(z?.message ?? '', /RTO 上限/);
  });

  it('the advice: tcp_orphan_retries only for unanswered probes; TCP_USER_TIMEOUT or ss -K for the ones the peer keeps', () => {
    const change = zw()?.change.join('\n') ?? '';
    assert.doesNotMatch(change, /bound the probes: `sysctl -w net\.ipv4\.tcp_orphan_retries=3`/);
    assert.match(change, /tcp_orphan_retries/);
    assert.match(change, /unanswered/);
    assert.match(change, /TCP_USER_TIMEOUT/);
    assert.match(change, /ss -K/);
    assert.match(zw('zh-cn')?.change.join('\n') ?? '', /TCP_USER_TIMEOUT/);
  });

  it('the template\'s tcp_orphan_retries advice says the same', () => {
    for (const symptom of ['fin-wait-1', 'general', 'last-ack'] as const) {
      const en = buildTemplate(symptom, 'en').markdown;
      assert.match(en, /tcp_orphan_retries`[^\n]*zero window[^\n]*RTO maximum/, symptom);
      assert.match(buildTemplate(symptom, 'zh-cn').markdown, /tcp_orphan_retries`[^\n]*零窗口[^\n]*RTO 上限/, symptom);
    }
  });
});

describe('TcpExtTCPAbortOnMemory read once is history, with or without pressure now (finding 3)', () => {
  const pressed = [
    '# host',
    fence('$ cat /proc/net/sockstat', 'sockets: used 40000', 'TCP: inuse 30000 orphan 20000 tw 100 alloc 30500 mem 5000', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536', '$ nstat -az TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnMemory          12                0.0'),
  ].join('\n');

  it('orphans above ¼ now: "reset 12 since boot", and that the pressure that resets them holds now; not "is resetting"', () => {
    assert.equal(cause(pressed, 'orphans-reset-by-kernel'), undefined);
    const c = cause(pressed, 'orphan-resets-since-boot');
    assert.ok(c, JSON.stringify(report(pressed).causes));
    assert.doesNotMatch(c.message, /is resetting|Nothing in the note shows it happening now/);
    assert.match(c.message, /^TcpExtTCPAbortOnMemory = 12 since boot, in one reading/);
    assert.match(c.message, /orphan 20,000 is above ¼ of tcp_max_orphans 65,536 \(31 %\)/);
    assert.match(c.message, /a second reading/);
    const z = cause(pressed, 'orphan-resets-since-boot', 'zh-cn');
    assert.doesNotMatch(z?.message ?? '', /正在重置|笔记中没有迹象表明现在仍在发生/);
    assert.match(z?.message ?? '', /orphan 20,000 已超过 tcp_max_orphans 65,536 的 ¼（31 %）/);
  });

  it('TCP memory over tcp_mem[2] now: the same, with the memory', () => {
    const mem = pressed.replace('orphan 20000', 'orphan 200').replace('mem 5000', 'mem 400000') + fence('$ sysctl net.ipv4.tcp_mem', 'net.ipv4.tcp_mem = 188319 251092 376638');
    assert.equal(cause(mem, 'orphans-reset-by-kernel'), undefined);
    const c = cause(mem, 'orphan-resets-since-boot');
    assert.ok(c, JSON.stringify(report(mem).causes));
    assert.match(c.message, /over tcp_mem\[2\] \(mem 400,000 pages of 376,638\)/);
    assert.doesNotMatch(c.message, /is resetting/);
  });

  it('two readings rising: the kernel is resetting orphans (now)', () => {
    const twice = pressed + fence('$ nstat -az TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnMemory          40                0.0');
    assert.match(cause(twice, 'orphans-reset-by-kernel')?.message ?? '', /^The kernel is resetting orphans: TcpExtTCPAbortOnMemory rose from 12 to 40/);
  });

  it('through the built CLI: the audit\'s note', () => {
    const file = join(tempDir('tsn-ab-'), 'ab.md');
    writeFileSync(file, pressed);
    const out = cliOut(['report', file]);
    assert.doesNotMatch(out, /The kernel is resetting orphans/);
    assert.match(out, /TcpExtTCPAbortOnMemory = 12 since boot, in one reading/);
  });
});

describe('the orphan-limit penalty has both triggers of the first doubling (finding 4)', () => {
  const limits: Limits = { ...LIMITS, orphan: 20000, tcpMaxOrphans: 65536, orphanLevel: 'quarter', orphanRatio: 0.3052 };
  const base: CauseFacts = { sockets: new Map(), counts: new Map(), points: [], limits, trend: null, counters: {}, sysctls: {} };

  it('orphan-limit-pressure, the reset log line and the template name the retries run out at the RTO maximum, and 240 s as a default', () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      const c = findCauses(base, lang).find((x) => x.rule === 'orphan-limit-pressure');
      assert.ok(c);
      assert.match(c.message, lang === 'en' ? /240 s by default/ : /默认 240 秒/);
      assert.match(c.message, lang === 'en' ? /used up its retries/ : /重试已用尽/);
      const log = findCauses({ ...base, limits: LIMITS, kernelMessages: ['msg.too-many-orphaned-sockets'] }, lang).find((x) => x.rule === 'orphans-reset-by-kernel');
      assert.match(log?.message ?? '', lang === 'en' ? /used up its retries/ : /重试已用尽/);
      for (const symptom of ['general', 'fin-wait-1'] as const) {
        const md = buildTemplate(symptom, lang).markdown;
        assert.match(md, lang === 'en' ? /used up its retries/ : /重试已用尽/, symptom);
        assert.doesNotMatch(md, lang === 'en' ? /sent nothing for over 240 s,/ : /超过 240 秒没发过任何数据、/, symptom);
      }
    }
    assert.match(buildTemplate('fin-wait-1', 'en').markdown, /`lastsnd:` above 240000 ms \(twice the RTO maximum/);
  });
});

describe('a FIN-WAIT-2 minisock lives the FIN-WAIT-2 timeout, or its part above 60 s (finding 5)', () => {
  it('the harmless-minisock cause and the template', () => {
    const facts: CauseFacts = { sockets: new Map([['FIN-WAIT-2', socketsWith({ timewait: 9 })]]), counts: new Map(), points: [], limits: LIMITS, trend: null, counters: {}, sysctls: {} };
    const c = findCauses(facts, 'en')[0];
    assert.equal(c?.rule, 'fin-wait-2-timewait-minisocks');
    assert.doesNotMatch(c?.message ?? '', /expire after tcp_fin_timeout/);
    assert.match(c?.message ?? '', /60 s/);
    assert.doesNotMatch(findCauses(facts, 'zh-cn')[0]?.message ?? '', /在 tcp_fin_timeout 后过期/);
    assert.doesNotMatch(buildTemplate('fin-wait-2', 'en').markdown, /gone after `tcp_fin_timeout`/);
    assert.doesNotMatch(buildTemplate('fin-wait-2', 'zh-cn').markdown, /`tcp_fin_timeout` 到期后消失/);
  });
});
