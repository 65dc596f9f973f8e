/**
 * Texts an accuracy audit found wrong, checked against the Linux 6.x source they cite: when the orphan limit
 * kills without a RST (tcp_out_of_resources), what ends CLOSE-WAIT, which conntrack column is the timeout,
 * TcpExtTCPAbortOnSyn's kernels, and the source and wording of two TIME-WAIT version facts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findTerm } from '../../src/core/catalogue/terms';
import { resolveReference, resolveSources } from '../../src/core/catalogue/sources';
import { MISCONCEPTION_RULES } from '../../src/core/knowledge/misconceptions';
import { explainConntrack } from '../../src/core/knowledge/conntrack';
import { VERSIONED_FACTS } from '../../src/core/knowledge/kernel';

const details = (id: string) => {
  const t = findTerm(id);
  assert.ok(t, id);
  return t.details;
};
const rule = (id: string) => {
  const r = MISCONCEPTION_RULES.find((x) => x.id === id);
  assert.ok(r, id);
  return r;
};

test('tcp_max_orphans: no RST only for an orphan killed by its retransmission timer at the maximum RTO, out of retries, idle over 60 s', () => {
  const first = details('net.ipv4.tcp_max_orphans')[0];
  assert.ok(first);
  // tcp_probe_timer() always passes do_reset true; tcp_write_timeout() passes false only when the RTO is at its
  // maximum and the retries are spent; then the RST is skipped only if no data went out for TCP_TIMEWAIT_LEN.
  assert.match(
    first.text.en,
    /the one exception is an orphan killed from its retransmission timer after that timer had already backed off to the maximum RTO and spent its retries, and that has sent no data for more than 60 s/,
  );
  assert.doesNotMatch(first.text.en, /window/, 'the window clause never applies on the retransmission path (data is in flight)');
  assert.match(first.text['zh-cn'], /重传定时器.*最大 RTO.*用完了重试次数.*超过 60 秒没有发送过数据/);
  assert.doesNotMatch(first.text['zh-cn'], /窗口/);
  assert.match(first.source, /K-timer tcp_out_of_resources, tcp_write_timeout, tcp_probe_timer/);
});

test('close-wait-sysctl: CLOSE-WAIT has no timer of its own, but keepalive, a write timeout or a peer RST can end it', () => {
  const r = rule('close-wait-sysctl');
  for (const text of [r.fact.en, r.message.en]) {
    assert.doesNotMatch(text, /no kernel timer or limit ends it|ends only when/, text);
    assert.match(text, /keepalive/, text);
    assert.match(text, /RST/, text);
  }
  assert.match(r.fact.en, /no timer of its own/);
  assert.match(r.fact.en, /tcp_retries2/);
  for (const text of [r.fact['zh-cn'], r.message['zh-cn']]) {
    assert.doesNotMatch(text, /只有应用调用 close\(\) 才会结束|内核没有定时器或上限会结束它/, text);
    assert.match(text, /keepalive/, text);
    assert.match(text, /RST/, text);
  }
  assert.match(r.source, /K-timer tcp_keepalive_timer, tcp_write_timeout/);
  assert.match(r.source, /K-input tcp_reset/);
});

test('conntrack: the timeout is the third column, after the protocol name and its number', () => {
  const en = explainConntrack('ESTABLISHED', 'en');
  assert.doesNotMatch(en, /the number after the protocol is/);
  assert.match(en, /`tcp 6 431999 ESTABLISHED …`\) the third column, after the protocol name and number \(6 for TCP\), is the entry's remaining lifetime in seconds/);
  assert.match(explainConntrack('ESTABLISHED', 'zh-cn'), /协议名和协议号（TCP 为 6）之后的第三列/);
});

test('TcpExtTCPAbortOnSyn: gone from mainline since 3.6; the wildcard matches it only where it still exists', () => {
  const [gone, wildcard] = details('TcpExtTCPAbortOnSyn');
  assert.ok(gone && wildcard);
  assert.match(gone.text.en, /Mainline kernels from 3\.6 on/);
  assert.match(gone.text['zh-cn'], /3\.6 起的主线内核/);
  assert.match(wildcard.text.en, /^On kernels that still have it, it matches the TcpExtTCPAbortOn\* wildcard/);
  assert.match(wildcard.text['zh-cn'], /^在仍有此计数器的内核上/);
});

test('TIME-WAIT version facts: the 6.11 timer change links inet_timewait_sock.c; bhash2 never held TIME-WAIT before the fix', () => {
  const tw = VERSIONED_FACTS['TIME-WAIT'] ?? [];
  const unpinned = tw.find((f) => f.since[0] === 6 && f.since[1] === 11);
  const bhash2 = tw.find((f) => f.since[0] === 6 && f.since[1] === 2);
  assert.ok(unpinned && bhash2);
  assert.equal(unpinned.source, 'K-tw inet_twsk_alloc');
  assert.doesNotMatch(bhash2.now.en, /again/);
  assert.match(bhash2.now.en, /TIME-WAIT sockets are in the bhash2 table too \(a fix for a 6\.1 regression/);
  assert.doesNotMatch(bhash2.now['zh-cn'], /重新加入/);
  assert.match(bhash2.now['zh-cn'], /修复 6\.1 引入的回归/);
  assert.match(resolveReference('C-BHASH2')?.label ?? '', /936a192f9740 "tcp: Add TIME_WAIT sockets in bhash2\." \(Linux 6\.2\)/);
});

test('tw-four-minutes: the Windows TcpTimedWaitDelay claim links a Microsoft page', () => {
  const r = rule('tw-four-minutes');
  assert.match(r.fact.en, /TcpTimedWaitDelay/);
  const urls = resolveSources([r.source]).map((l) => l.url);
  assert.ok(urls.some((u) => /^https?:\/\/[a-z.]*microsoft\.com\//.test(u)), urls.join(' '));
});
