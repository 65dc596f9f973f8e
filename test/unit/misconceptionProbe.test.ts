/**
 * The misconception rules on natural phrasing: a probe of wrong claims as notes write them and of correct,
 * refuting, questioning or narrating sentences that must stay silent, in Chinese and English. Rows marked
 * `audit` come from the s10 audit (its 16 missed claims and its false positives); the others were written for
 * this probe, each for one way of saying (or not saying) the claim. Every row is one sentence (or a short
 * paragraph) and names the rule it must fire, or `null` for none. The recall and false-positive figures are
 * reported as test diagnostics (README's "misconception recall" on this set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMisconceptions } from '../../src/core/knowledge/misconceptions';

type Rule = 'tw-four-minutes' | 'fin-timeout-time-wait' | 'tw-recycle' | 'orphan-retries-zero' | 'tw-buckets-reset-all' | 'orphan-close-wait-time-wait';

/** [sentence, the rule it must fire or null, where it comes from]. */
const PROBE: ReadonlyArray<readonly [string, Rule | null, 'audit' | 'probe']> = [
  // ---- wrong claims (Chinese) ----
  ['tcp_tw_recycle 可以解决 TIME_WAIT 过多的问题。', 'tw-recycle', 'audit'],
  ['开启tcp_tw_recycle后，time_wait就不会那么多了。', 'tw-recycle', 'audit'],
  ['TIME_WAIT 要等 4 分钟才释放，所以端口不够用。', 'tw-four-minutes', 'audit'],
  ['TIME_WAIT 默认持续 4 分钟，建议调小。', 'tw-four-minutes', 'audit'],
  ['调小 tcp_fin_timeout，TIME_WAIT 就没那么多了。', 'fin-timeout-time-wait', 'audit'],
  ['tcp_fin_timeout 控制 FIN_WAIT2 和 TIME_WAIT 的超时时间。', 'fin-timeout-time-wait', 'audit'],
  ['orphan socket 就是处于 CLOSE_WAIT 状态的 socket。', 'orphan-close-wait-time-wait', 'audit'],
  ['orphan socket 就是处于 CLOSE_WAIT 状态的 socket，应用没有 close 导致的。', 'orphan-close-wait-time-wait', 'audit'],
  ['孤儿连接就是应用没有 close 的 CLOSE_WAIT 连接。', 'orphan-close-wait-time-wait', 'audit'],
  ['在 CentOS 7.6 上开启 tcp_tw_recycle 可以快速回收 TIME_WAIT。', 'tw-recycle', 'audit'],
  ['tcp_orphan_retries 设为 0 表示孤儿连接不会重传 FIN，直接释放。', 'orphan-retries-zero', 'audit'],
  ['超过 tcp_max_tw_buckets 后，系统会把所有 TIME_WAIT 连接全部清掉。', 'tw-buckets-reset-all', 'audit'],
  ['TIME_WAIT状态持续2MSL，也就是4分钟。', 'tw-four-minutes', 'audit'],
  ['开启 net.ipv4.tcp_tw_recycle = 1 即可。', 'tw-recycle', 'audit'],
  ['把 tcp_tw_recycle 改成 1 就能快速回收。', 'tw-recycle', 'audit'],
  ['time_wait 一般持续 4 分钟左右。', 'tw-four-minutes', 'probe'],
  ['TIME_WAIT 会保持 240 秒，期间端口不能复用。', 'tw-four-minutes', 'probe'],
  ['建议开启 tcp_tw_recycle，可以减少 TIME_WAIT。', 'tw-recycle', 'probe'],
  ['net.ipv4.tcp_tw_recycle 打开之后 TIME_WAIT 少了很多。', 'tw-recycle', 'probe'],
  ['把 tcp_fin_timeout 改小一点，TIME_WAIT 就不会堆积了。', 'fin-timeout-time-wait', 'probe'],
  ['CLOSE_WAIT 状态的连接都算孤儿连接，没人处理。', 'orphan-close-wait-time-wait', 'probe'],
  ['超过 tcp_max_tw_buckets 之后，内核会把 TIME_WAIT 全部清空，所以不会无限增长。', 'tw-buckets-reset-all', 'probe'],
  // ---- wrong claims (English) ----
  ['Enable tcp_tw_recycle, but keep tcp_tw_reuse as well.', 'tw-recycle', 'audit'],
  ['TIME_WAIT lasts 4 minutes on Linux, so only a few thousand connections per second are possible.', 'tw-four-minutes', 'audit'],
  ['TIME_WAIT sockets stick around for 4 minutes, which is why we ran out of ports.', 'tw-four-minutes', 'probe'],
  ['Turn on tcp_tw_recycle and the TIME_WAIT pile-up is gone.', 'tw-recycle', 'probe'],
  ["Reduce tcp_fin_timeout to 15 so TIME_WAIT sockets don't pile up.", 'fin-timeout-time-wait', 'probe'],
  ['CLOSE_WAIT sockets are orphans, and nobody closes them.', 'orphan-close-wait-time-wait', 'probe'],
  ['Once tcp_max_tw_buckets is hit, the kernel wipes all TIME_WAIT sockets, but new ones keep coming.', 'tw-buckets-reset-all', 'probe'],
  ['Set tcp_orphan_retries to 0 if you only want orphans dropped without retransmission.', 'orphan-retries-zero', 'probe'],
  // ---- must stay silent: measurements, attributions, correct statements, questions, past events (Chinese) ----
  ['监控上 TIME_WAIT 曲线在 4 分钟内从 2k 涨到 3w。', null, 'audit'],
  ['很多博客把 tcp_fin_timeout 当成 TIME_WAIT 的超时时间来调。', null, 'audit'],
  ['tcp_max_tw_buckets 限制所有 TIME_WAIT 的总数，超过后新关闭的连接直接销毁。', null, 'audit'],
  ['检查一下 tcp_tw_recycle 是否被打开了。', null, 'audit'],
  ['当年我们开启过 tcp_tw_recycle，后来出了事故。', null, 'audit'],
  ['我们把 tcp_tw_recycle 从 1 改回了 0。', null, 'audit'],
  ['关闭 tcp_tw_recycle（设为 0）。', null, 'audit'],
  ['RFC 793 建议 MSL 为 2 分钟，所以 TIME_WAIT 理论上是 4 分钟。', null, 'probe'],
  ['TIME_WAIT 在 Linux 上是 60 秒，不是 4 分钟。', null, 'probe'],
  ['TIME_WAIT 不会持续 4 分钟，Linux 上是写死的。', null, 'probe'],
  ['TIME_WAIT 真的要等 4 分钟吗？', null, 'probe'],
  ['Windows 上 TIME_WAIT 默认 4 分钟。', null, 'probe'],
  ['很多人以为 TIME_WAIT 要 4 分钟，其实 Linux 上只有 60 秒。', null, 'probe'],
  ['4 分钟后 TIME_WAIT 降到了 3000 左右。', null, 'probe'],
  ['千万别在生产环境开启 tcp_tw_recycle。', null, 'probe'],
  ['tcp_tw_recycle 不能解决 TIME_WAIT 过多的问题。', null, 'probe'],
  ['开启 tcp_tw_recycle 并不可取。', null, 'probe'],
  ['tcp_tw_recycle 开启后，部分手机用户连不上。', null, 'probe'],
  ['关闭 tcp_tw_recycle 可以解决部分用户握手超时的问题。', null, 'probe'],
  ['调小 tcp_fin_timeout 不会减少 TIME_WAIT。', null, 'probe'],
  ['调小 tcp_fin_timeout 以后，TIME_WAIT 也没有变少。', null, 'probe'],
  ['CLOSE_WAIT 不是孤儿连接，应用还持有 fd。', null, 'probe'],
  ['孤儿连接不是 CLOSE_WAIT，而是 FIN_WAIT1、LAST_ACK 这类。', null, 'probe'],
  ['超过 tcp_max_tw_buckets 后，所有新关闭的连接都直接销毁，不进入 TIME_WAIT。', null, 'probe'],
  ['tcp_orphan_retries 设为 0 是不是就不重传了？', null, 'probe'],
  // ---- must stay silent (English) ----
  ['After 4 minutes TIME_WAIT count was still 30k.', null, 'audit'],
  ['TIME_WAIT went from 2k to 30k within 4 minutes of the deploy.', null, 'probe'],
  ["The RFC's TIME-WAIT is 4 minutes (2 MSL).", null, 'probe'],
  ['Linux TIME-WAIT is 60 s.', null, 'probe'],
  ["TIME_WAIT doesn't last 4 minutes on Linux.", null, 'probe'],
  ['Does TIME_WAIT really last 4 minutes?', null, 'probe'],
  ['Never enable tcp_tw_recycle on a server.', null, 'probe'],
  ["Don't turn on tcp_tw_recycle, but tcp_tw_reuse is fine for clients.", null, 'probe'],
  ['Enabling tcp_tw_recycle is not recommended.', null, 'probe'],
  ['Check whether tcp_tw_recycle is enabled on the old hosts.', null, 'probe'],
  ['Back then we enabled tcp_tw_recycle, and it caused an outage.', null, 'probe'],
  ['Lowering tcp_fin_timeout has no effect on TIME_WAIT.', null, 'probe'],
  ['tcp_fin_timeout controls FIN_WAIT2, not TIME_WAIT.', null, 'probe'],
  ['CLOSE_WAIT sockets are not orphans: the application still holds the fd.', null, 'probe'],
  ['When tcp_max_tw_buckets is reached, every new closing connection is destroyed without TIME_WAIT.', null, 'probe'],
  ['tcp_orphan_retries 0 does not mean no retransmission: the kernel uses 8.', null, 'probe'],
];

const CJK = /[\u4e00-\u9fff]/;

function measure(rows: typeof PROBE) {
  let claims = 0;
  let found = 0;
  let silent = 0;
  let falseAlarms = 0;
  for (const [text, rule] of rows) {
    const got = findMisconceptions(text).map((f) => f.rule);
    if (rule) {
      claims++;
      if (got.length === 1 && got[0] === rule) found++;
    } else {
      silent++;
      if (got.length > 0) falseAlarms++;
    }
  }
  return { claims, found, silent, falseAlarms };
}

test('the probe: at least 30 rows, claims and silent rows in both languages, every rule among the claims', () => {
  assert.ok(PROBE.length >= 30);
  for (const want of [true, false]) {
    assert.ok(PROBE.some(([t, r]) => CJK.test(t) === want && r !== null), `claims, ${want ? 'zh' : 'en'}`);
    assert.ok(PROBE.some(([t, r]) => CJK.test(t) === want && r === null), `silent rows, ${want ? 'zh' : 'en'}`);
  }
  const rules = new Set(PROBE.map(([, r]) => r));
  for (const r of ['tw-four-minutes', 'fin-timeout-time-wait', 'tw-recycle', 'orphan-retries-zero', 'tw-buckets-reset-all', 'orphan-close-wait-time-wait']) assert.ok(rules.has(r as Rule), r);
});

test('recall and false alarms on the probe (reported; every row is checked below)', (t) => {
  for (const [label, rows] of [
    ['all', PROBE],
    ['zh', PROBE.filter(([s]) => CJK.test(s))],
    ['en', PROBE.filter(([s]) => !CJK.test(s))],
    ['audit rows', PROBE.filter(([, , from]) => from === 'audit')],
  ] as const) {
    const m = measure(rows);
    t.diagnostic(`${label}: claims found ${m.found}/${m.claims} (${((m.found / m.claims) * 100).toFixed(1)} %), false alarms ${m.falseAlarms}/${m.silent}`);
  }
});

for (const [text, rule] of PROBE) {
  test(`${rule ?? 'silent'}: ${text}`, () => {
    assert.deepEqual(findMisconceptions(text).map((f) => f.rule), rule ? [rule] : []);
  });
}
