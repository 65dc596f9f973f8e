/**
 * The 2026 facts (tcp-orphan-facts.md §7): corrections, kernel versions, new tunables, and hovers that state the
 * value for the note's kernel first.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { findTerm } from '../../src/core/catalogue/terms';
import { explainState, explainTerm } from '../../src/core/explain';
import { analyzeNote } from '../../src/core/note/analyze';
import { kernelFromNote, kernelLine, parseKernelRelease, VERSIONED_FACTS } from '../../src/core/knowledge/kernel';
import { findMentions } from '../../src/core/note/recognize';

const term = (id: string) => {
  const t = findTerm(id);
  assert.ok(t, id);
  return t;
};
const allText = (id: string) => term(id).details.map((d) => `${d.text.en}\n${d.text['zh-cn']}`).join('\n') + term(id).summary.en;

test('7.1: FIN-WAIT-2 orphan lifetime is 2 × (F − 60) s when tcp_fin_timeout F > 60, F otherwise', () => {
  const fw2 = STATE_KNOWLEDGE['FIN-WAIT-2'].lifetime.text;
  assert.match(fw2.en, /2 × \(F − 60\) s/);
  assert.match(fw2.en, /F = 180 → 240 s/);
  assert.match(fw2['zh-cn'], /2 × \(F − 60\) 秒/);
  assert.match(allText('net.ipv4.tcp_fin_timeout'), /2 × \(F − 60\) s in total, e\.g\. 120 s for F = 120/);
  assert.doesNotMatch(allText('net.ipv4.tcp_fin_timeout'), /then becomes a minisock\.$/m);
});

test('7.1: CLOSING after shutdown(SHUT_WR) is not an orphan', () => {
  const k = STATE_KNOWLEDGE.CLOSING.orphan;
  assert.match(k.headline.en, /after close\(\).*not after shutdown\(\)/);
  assert.match(k.why.text.en, /after shutdown\(SHUT_WR\) the application still holds the fd and it is not an orphan/);
  assert.match(k.why.text['zh-cn'], /shutdown\(SHUT_WR\)，应用仍持有 fd，它就不是孤儿/);
});

test('7.1: entering TIME-WAIT frees the full socket only for an orphan', () => {
  const why = STATE_KNOWLEDGE['TIME-WAIT'].orphan.why.text;
  assert.match(why.en, /freed at once only for an orphan/);
  assert.match(why.en, /stays in CLOSE until it calls close\(\)/);
  assert.doesNotMatch(STATE_KNOWLEDGE['TIME-WAIT'].who.en, /the full socket is already freed/);
});

test('7.1: the orphan penalty has two triggers for the first doubling (idle 240 s, or out of retries)', () => {
  const t = allText('net.ipv4.tcp_max_orphans');
  assert.match(t, /more than twice the maximum RTO \(240 s by default; since Linux 6\.15 twice the socket's own maximum, which tcp_rto_max_ms can lower\), or whose retransmission timer already ran at its maximum and used up its retries/);
  assert.match(t, /time since data was last sent/);
});

test('7.2: kernel changes carry their versions', () => {
  assert.match(allText('net.ipv4.tcp_syn_retries'), /since Linux 6\.5 connect\(\) makes 6 \+ 4 = 10 retransmissions .* first five go out 1 s apart.*67 s.*131 s; before 6\.5 it made 6, the last at 63 s, and gave up after about 127 s/);
  assert.match(STATE_KNOWLEDGE['SYN-SENT'].lifetime.text.en, /since Linux 6\.5 tcp_syn_linear_timeouts \(default 4\) more are added, 10 in all.*67 s.*131 s/);
  assert.match(term('net.ipv4.tcp_tw_reuse_delay').summary.en, /Since Linux 6\.14/);
  assert.match(allText('net.ipv4.tcp_tw_reuse_delay'), /\[?N and N \+ 1 ms/);
  assert.match(allText('net.ipv4.tcp_tw_reuse_delay'), /timestamp clock tick/);
  assert.match(term('net.ipv4.tcp_rto_max_ms').summary.en, /Since Linux 6\.15/);
  assert.match(allText('net.ipv4.tcp_rto_max_ms'), /tcp_retries2/);
  assert.match(term('net.ipv4.tcp_rto_min_us').summary.en, /Since Linux 6\.11/);
  assert.match(term('net.ipv4.tcp_migrate_req').summary.en, /Since Linux 5\.14/);
  assert.match(term('net.ipv4.tcp_tw_recycle').removed?.en ?? '', /4\.12/);
  // tcp_rmem[2]: 32 MiB since 6.16 (commit 572be9bf9d0d), 6 MiB before; both capped by memory at boot.
  assert.match(allText('net.ipv4.tcp_rmem'), /32 MiB \(33554432\) on hosts with enough memory since Linux 6\.16, 6 MiB \(6291456\) before/);
  const on = (minor: number) => ({ version: { major: 6, minor, release: `6.${minor}` }, from: { kind: 'setting' as const } });
  assert.match(kernelLine('net.ipv4.tcp_rmem', on(16), 'en') ?? '', /32 MiB \(33554432\)/);
  assert.match(kernelLine('net.ipv4.tcp_rmem', on(15), 'en') ?? '', /6 MiB \(6291456\)/);
  for (const [id, facts] of Object.entries(VERSIONED_FACTS)) {
    assert.ok(id in STATE_KNOWLEDGE || findTerm(id), `${id} is a known state or term`);
    for (const f of facts) assert.ok(f.now.en && f.now['zh-cn'] && (!f.before || f.before['zh-cn']), id);
  }
});

test('sockstat `sockets: used` counts kernel sockets from allocation to free: orphans yes, TIME-WAIT and request socks no', () => {
  const t = allText('sockstat.sockets-used');
  assert.doesNotMatch(t, /struct socket\b/);
  assert.match(t, /orphans are still counted after close\(\)/);
  assert.match(t, /TIME-WAIT sockets and connection requests .* are not counted/);
  assert.match(t, /孤儿在 close\(\) 之后仍被计入/);
});

/**
 * The SYN schedule of net/ipv4/tcp_timer.c, in seconds: tcp_write_timeout() gives up once tcp_syn_retries +
 * tcp_syn_linear_timeouts retransmissions are out; tcp_retransmit_timer() doubles the timeout only once the
 * backoff exceeds tcp_syn_linear_timeouts. Initial RTO 1 s.
 */
function synSchedule(retries: number, linear: number): { sends: number[]; fail: number } {
  const sends: number[] = [];
  let at = 0;
  let rto = 1;
  for (let n = 1; n <= retries + linear; n++) {
    at += rto;
    sends.push(at);
    if (n > linear) rto *= 2;
  }
  return { sends, fail: at + rto };
}

test('SYN retransmissions: the texts match the kernel schedule (6 + 4 since 6.5, 6 before)', () => {
  const now = synSchedule(6, 4);
  assert.deepEqual(now.sends, [1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
  assert.equal(now.fail, 131);
  const before = synSchedule(6, 0);
  assert.equal(before.sends.length, 6);
  assert.equal(before.sends.at(-1), 63);
  assert.equal(before.fail, 127);
  const text = allText('net.ipv4.tcp_syn_retries');
  assert.match(text, new RegExp(`${now.sends.length} retransmissions`));
  assert.match(text, new RegExp(`last SYN is sent at ${now.sends.at(-1)} s and connect\\(\\) gives up after about ${now.fail} s`));
  assert.doesNotMatch(text + STATE_KNOWLEDGE['SYN-SENT'].lifetime.text.en, /first (?:4|four) retransmissions (?:wait|keep)/);
});

test('LISTEN ends on close() or on shutdown() of its receive side (inet_shutdown -> tcp_disconnect)', () => {
  const k = STATE_KNOWLEDGE.LISTEN;
  assert.doesNotMatch(k.leavesOn.en, /^Only close\(\)/);
  assert.match(k.leavesOn.en, /shutdown\(\) with SHUT_RD or SHUT_RDWR \(SHUT_WR does nothing to a listener\)/);
  assert.match(k.leavesOn['zh-cn'], /SHUT_RD \/ SHUT_RDWR 的 shutdown\(\)/);
  assert.match(k.lifetime.source, /K-af-inet inet_shutdown/);
});

test('7.3: the tunables real notes use are known, recognised and say what they have to do with closing', () => {
  const defaults: Record<string, RegExp> = {
    'net.ipv4.tcp_timestamps': /^1$/,
    'net.ipv4.tcp_syncookies': /^1$/,
    'net.ipv4.ip_local_port_range': /^32768 60999$/,
    'net.ipv4.tcp_rmem': /^4096 131072 33554432 since Linux 6\.16, 4096 131072 6291456 before/,
    'net.ipv4.tcp_wmem': /^4096 16384 4194304/,
    'net.core.somaxconn': /^4096 \(128 before Linux 5\.4\)$/,
    'net.core.netdev_max_backlog': /^1000$/,
    'net.ipv4.tcp_abort_on_overflow': /^0/,
    'net.ipv4.tcp_no_metrics_save': /^0$/,
    'net.ipv4.tcp_migrate_req': /^0$/,
    'net.ipv4.tcp_max_syn_backlog': /./,
  };
  for (const [id, re] of Object.entries(defaults)) {
    assert.match(term(id).defaultValue?.en ?? '', re, id);
    const bare = id.replace(/^net\.(?:ipv4|core)\./, '');
    for (const written of [bare, id, `/proc/sys/${id.replace(/\./g, '/')}`]) {
      const found = findMentions(`set ${written} now`).filter((m) => m.kind === 'sysctl');
      assert.deepEqual(found.map((m) => [m.id, m.text]), [[id, written]], written);
    }
  }
  assert.deepEqual(findMentions('net.core.tcp_fin_timeout and net.ipv4.somaxconn').filter((m) => m.kind === 'sysctl'), []);
  assert.match(allText('net.ipv4.tcp_syncookies'), /nothing to do with closing sockets/);
  assert.match(allText('net.core.netdev_max_backlog'), /nothing to do with socket states or orphans/);
});

test('kernel releases are read from a snapshot header, uname -r and uname -a output', () => {
  assert.deepEqual(parseKernelRelease('6.8.0-45-generic'), { major: 6, minor: 8, release: '6.8.0-45-generic' });
  assert.equal(parseKernelRelease('abc'), undefined);
  assert.equal(parseKernelRelease('1.2'), undefined);
  const snap = kernelFromNote('x\n# tcp-state-notes snapshot host=web kernel=5.15.0-91-generic time=2025\n');
  assert.deepEqual(snap, { version: { major: 5, minor: 15, release: '5.15.0-91-generic' }, from: { kind: 'note', line: 1, what: 'snapshot' } });
  const uname = kernelFromNote('# host\n\n```\n$ uname -r\n4.19.91-26.al7.x86_64\n```\n');
  assert.equal(uname?.version.minor, 19);
  assert.equal(uname?.from.kind === 'note' && uname.from.line, 4);
  const unameA = kernelFromNote('Linux web-01 3.10.0-1160.el7.x86_64 #1 SMP Mon Oct 19 16:18:59 UTC 2020 x86_64 GNU/Linux');
  assert.equal(unameA?.version.release, '3.10.0-1160.el7.x86_64');
  assert.equal(kernelFromNote('we run 5.15 somewhere\nuname -r\n\nsee above'), undefined);
});

test('hovers state the value for the note\'s kernel first, then the setting; otherwise list the versions', () => {
  const old = analyzeNote('```\n$ uname -r\n5.10.0-18-amd64\n```\n\nconnect() hangs in SYN_SENT; tcp_syn_retries is 6.\n');
  const md = explainTerm(term('net.ipv4.tcp_syn_retries'), { lang: 'en' }, { model: old });
  const lines = md.split('\n\n');
  assert.match(lines[2] ?? '', /^\*\*On Linux 5\.10 \(uname at line 3\):\*\* with tcp_syn_retries 6 the last SYN leaves at 63 s and connect\(\) fails after about 127 s/);
  const state = explainState('SYN-SENT', { lang: 'zh-cn' }, { model: old });
  assert.match(state, /\*\*Linux 5\.10（第 3 行的 uname）：\*\* tcp_syn_retries 为 6 时，最后一个 SYN 在第 63 秒发出/);
  const setting = { version: { major: 6, minor: 14, release: '6.14' }, from: { kind: 'setting' as const } };
  const plain = analyzeNote('tcp_tw_reuse_delay\n');
  assert.match(explainTerm(term('net.ipv4.tcp_tw_reuse_delay'), { lang: 'en', kernel: setting }, { model: plain }), /\*\*On Linux 6\.14 \(setting tcpStateNotes\.kernelVersion\):\*\* available, default 1000 ms\./);
  assert.match(explainTerm(term('net.ipv4.tcp_tw_reuse_delay'), { lang: 'en', kernel: setting }, { model: old }), /On Linux 5\.10 .*does not exist: setting it fails/, 'the note wins over the setting');
  const none = explainTerm(term('net.ipv4.tcp_syn_retries'), { lang: 'en' });
  assert.match(none, /\*\*Kernel versions:\*\* since 6\.5: .* before 6\.5: /);
  assert.equal(kernelLine('net.ipv4.tcp_fin_timeout', undefined, 'en'), undefined);
  const recycle = explainTerm(term('net.ipv4.tcp_tw_recycle'), { lang: 'en', kernel: { ...setting, version: { major: 4, minor: 9, release: '4.9' } } });
  assert.match(recycle, /On Linux 4\.9 .*exists \(default 0\); enabling it breaks clients behind NAT/);
});
