/**
 * The scope of negation for the misconception rules (core/knowledge/claimScope.ts): a negator counts where it
 * governs the claim's words, not anywhere in the sentence; refutation and attribution frames count anywhere;
 * questions claim nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asks, negatedWithin, refutes } from '../../src/core/knowledge/claimScope';

/** negatedWithin over the stretch from the first `from` to the end of the first `to`. */
function negated(s: string, from: string, to: string): boolean {
  const start = s.indexOf(from);
  const end = s.indexOf(to, start) + to.length;
  assert.ok(start >= 0 && end >= to.length, s);
  return negatedWithin(s, start, end);
}

test('a negator in the claim or before it in its clause governs it; one after it, or in another clause, does not', () => {
  assert.equal(negated('TIME_WAIT 不会持续 4 分钟', 'TIME_WAIT', '4 分钟'), true);
  assert.equal(negated('千万别在生产环境开启 tcp_tw_recycle', '开启', 'tcp_tw_recycle'), true);
  assert.equal(negated("TIME_WAIT doesn't last 4 minutes", 'TIME_WAIT', '4 minutes'), true);
  assert.equal(negated('Never enable tcp_tw_recycle', 'enable', 'tcp_tw_recycle'), true);
  // After the claim: the claimed effect.
  assert.equal(negated('开启tcp_tw_recycle后，time_wait就不会那么多了', '开启', 'tcp_tw_recycle'), false);
  assert.equal(negated('开启tcp_tw_recycle后time_wait就不会那么多了', '开启', 'tcp_tw_recycle'), false);
  assert.equal(negated("Reduce tcp_fin_timeout so TIME_WAIT sockets don't pile up", 'Reduce', 'TIME_WAIT'), false);
  // Another clause before the claim.
  assert.equal(negated('如果没有长连接，TIME_WAIT 会持续 4 分钟', 'TIME_WAIT', '4 分钟'), false);
});

test('a weak Chinese negator inside a 的 relative clause modifies a noun; a strong one governs across 的', () => {
  assert.equal(negated('孤儿连接就是应用没有 close 的 CLOSE_WAIT 连接', '孤儿', 'CLOSE_WAIT'), false);
  assert.equal(negated('不要把 tcp_tw_recycle 的值设为 1', 'tcp_tw_recycle', '设为 1'), true);
  assert.equal(negated('TIME_WAIT 不是 4 分钟的', 'TIME_WAIT', '4 分钟'), true);
});

test('words that only look like negators do not count (不少, 不断, 不仅, 没错, 无论, 非常, 别人, 级别, 分别)', () => {
  for (const s of ['不少 TIME_WAIT 要持续 4 分钟', '不断有 TIME_WAIT 持续 4 分钟', '没错，TIME_WAIT 要等 4 分钟', '无论如何 TIME_WAIT 都要 4 分钟', '非常多的 TIME_WAIT 持续 4 分钟']) {
    assert.equal(negated(s, s.slice(0, 1), '4 分钟'), false, s);
  }
  // 别 inside a word (级别 level, 分别 separately, 区别 difference) is no "don't"; 别开 still is.
  assert.equal(negated('tcp_max_orphans 是 netns 级别的', 'tcp_max_orphans', '级别'), false);
  assert.equal(negated('每个容器分别设置 tcp_max_orphans', '每个', 'tcp_max_orphans'), false);
  assert.equal(negated('别开 tcp_tw_recycle', '开', 'tcp_tw_recycle'), true);
});

test('refutation, attribution, judgement and denied effect count anywhere in the sentence', () => {
  for (const s of [
    'TIME_WAIT 并不是 4 分钟',
    '很多博客把 tcp_fin_timeout 当成 TIME_WAIT 的超时时间来调',
    '网上说开启 tcp_tw_recycle 可以快速回收',
    '开启 tcp_tw_recycle 并不可取',
    '调小 tcp_fin_timeout 以后，TIME_WAIT 也没有变少',
    '调小 tcp_fin_timeout 对 TIME_WAIT 没有任何影响',
    'The myth that TIME_WAIT lasts four minutes',
    'Lowering tcp_fin_timeout has no effect on TIME_WAIT',
    'Enabling tcp_tw_recycle is not recommended',
    'Many guides tell you to enable tcp_tw_recycle',
  ]) {
    assert.equal(refutes(s), true, s);
  }
  for (const s of [
    '开启tcp_tw_recycle后，time_wait就不会那么多了',
    'TIME_WAIT 要等 4 分钟才释放，所以端口不够用',
    '调小 tcp_fin_timeout，TIME_WAIT 就没那么多了',
    'tcp_tw_recycle 默认为 0',
    '开启 tcp_tw_recycle 可以为服务器减少 TIME_WAIT',
    'Enable tcp_tw_recycle, but keep tcp_tw_reuse as well',
    'TIME_WAIT lasts 4 minutes on Linux, so only a few thousand connections per second are possible',
    // 互不影响 tells an isolation ("do not affect each other"), not a denied effect.
    'tcp_max_orphans 是按 netns 隔离的，容器之间互不影响',
    '每个 pod 都有自己的上限，彼此不影响',
  ]) {
    assert.equal(refutes(s), false, s);
  }
});

test('questions: a question mark, a question word, or an English sentence opening with an auxiliary', () => {
  assert.equal(asks('TIME_WAIT 是 4 分钟', '？'), true);
  assert.equal(asks('Does TIME_WAIT last 4 minutes', '.'), true);
  for (const s of ['检查一下 tcp_tw_recycle 是否被打开了', 'TIME_WAIT 真的要等 4 分钟吗', '为什么开启 tcp_tw_recycle 后 TIME_WAIT 少了', 'Check whether tcp_tw_recycle is enabled', 'See if tcp_tw_recycle is on']) {
    assert.equal(asks(s, '。'), true, s);
  }
  for (const s of ['TIME_WAIT 要等 4 分钟', 'Enable tcp_tw_recycle', 'If you enable tcp_tw_recycle, TIME_WAIT goes away']) assert.equal(asks(s, '.'), false, s);
});
