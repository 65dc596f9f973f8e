/**
 * The cause rules on whole notes (audits s10: en J5, J6; zh J4): local port exhaustion, the accept queue and the SYN
 * queue of a listener, and CLOSE-WAIT weighed against the connections beside it — from the core and through the
 * built CLI (Markdown and --json, English and Chinese). Each rule also on a note that looks close but does not
 * show its pattern.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { connectErrorLines } from '../../src/core/report/connectErrors';
import { cliOut } from '../support/cli';

const PORTS = join(fixtureDir('report'), 'ports-exhausted.md');
const ACCEPT = join(fixtureDir('report'), 'accept-queue.md');

const cli = (...args: string[]): string => cliOut(args);

const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang }).json;
const rules = (text: string): string[] => report(text).causes.map((c) => `${c.rule}@${c.state ?? '-'}`);

describe('connect() failing with EADDRNOTAVAIL, as notes quote it', () => {
  it('in code blocks and code spans; not in plain prose, not bind() or listen errors', () => {
    const note = [
      'The error `dial tcp 10.0.0.9:6379: connect: cannot assign requested address` (line 1).',
      fence('psql: could not connect to server: Cannot assign requested address', 'OSError: [Errno 99] Cannot assign requested address'),
      'We never saw Cannot assign requested address in prose after the fix.',
      fence('listen tcp 10.9.9.9:80: bind: cannot assign requested address', 'java.net.BindException: Cannot assign requested address (Bind failed)'),
      '连接报错：`connect: 无法指定被请求的地址`',
      'errno `EADDRNOTAVAIL` from connect()',
    ].join('\n');
    assert.deepEqual(connectErrorLines(analyzeNote(note)), [0, 2, 3, 12, 13]);
  });
});

describe('local port exhaustion from a note', () => {
  it('the peak TIME-WAIT against the range in effect at it, one destination, the connect() error; not the fix after it', () => {
    const j = report(PORTS_TEXT());
    const c = j.causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.ok(c, JSON.stringify(j.causes));
    assert.equal(c.state, 'TIME-WAIT');
    assert.match(c.message, /28,232 sockets in TIME-WAIT \(line 10\) against the 28,232 ports of ip_local_port_range 32768–60999, read later in the note/);
    assert.match(c.message, /3 of 3 listed TIME-WAIT sockets go to 10\.70\.1\.9:6380/);
    assert.match(c.message, /"Cannot assign requested address" \(line 3\)/);
    assert.doesNotMatch(c.message, /against the 54,761 ports/, 'the range set after the sample is the fix, not the limit it met');
    assert.match(c.message, /; set to 10240 65000 later in the note\./);
    assert.match(c.message, / Since the change, the latest sample \(line 38\) shows 37 in TIME-WAIT against 54,761 ports, with tcp_tw_reuse = 2: no longer short of ports\.$/);
  });

  it('after a fix (the range widened, tcp_tw_reuse = 1): the cause says what changed, and that a later sample under it is no longer short (audit s12 EN 5)', () => {
    const before = [
      'Log: `connect: cannot assign requested address`',
      '',
      '## 11:20',
      '',
      fence("$ netstat -ant | awk '{print $6}' | sort | uniq -c", '    214 ESTABLISHED', '  28390 TIME_WAIT', '$ sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse', 'net.ipv4.ip_local_port_range = 32768\t60999', 'net.ipv4.tcp_tw_reuse = 2'),
      '## 11:32',
      '',
      fence('$ sudo sysctl -w net.ipv4.tcp_tw_reuse=1', 'net.ipv4.tcp_tw_reuse = 1', '$ sudo sysctl -w net.ipv4.ip_local_port_range="15000 64999"', 'net.ipv4.ip_local_port_range = 15000 64999'),
    ];
    const after = ['## 11:40', '', fence("$ netstat -ant | awk '{print $6}' | sort | uniq -c", '    221 ESTABLISHED', '  25790 TIME_WAIT')];
    // The cause of the incident stands, and says that the latest sample, under the fix, is no longer short.
    const fixed = report([...before, ...after].join('\n')).causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.match(fixed?.message ?? '', / Since the change, the latest sample \(line 27\) shows 25,790 in TIME-WAIT against 50,000 ports, with tcp_tw_reuse = 1: no longer short of ports\.$/);
    // A later sample under the same settings: still short, nothing added.
    const again = report([...before.slice(0, 4), ...after].join('\n')).causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.doesNotMatch(again?.message ?? '', /Since the change/);
    // Without a sample after the fix: the cause of the incident, saying what changed later.
    const c = report(before.join('\n')).causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.ok(c);
    assert.match(c.message, /28,390 sockets in TIME-WAIT \(line 7\) against the 28,232 ports of ip_local_port_range 32768–60999; set to 15000 64999 later in the note\./);
    assert.match(c.message, /\(tcp_tw_reuse = 2; set to 1 later in the note\)/);
    // No tcp_tw_reuse before the sample, one set after it (audit s12 ZH 5): not "not in the note".
    const unset = report([...before.slice(0, 3), fence("$ netstat -ant | awk '{print $6}' | sort | uniq -c", '  28390 TIME_WAIT'), ...before.slice(5)].join('\n'), 'zh-cn');
    const z = unset.causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.match(z?.message ?? '', /笔记在该采样处没有给出 tcp_tw_reuse，其默认值 2 只对回环连接复用；笔记后文设为 1/);
    assert.doesNotMatch(z?.message ?? '', /笔记中没有 tcp_tw_reuse/);
    // A value from the note is shown inert (review s12).
    const hostile = report([...before.slice(0, 5), fence('$ sudo sysctl -w net.ipv4.ip_local_port_range="1024 65535 <img src=x>"', 'net.ipv4.ip_local_port_range = 1024 65535 <img src=x>')].join('\n'));
    const shown = hostile.causes.find((x) => x.rule === 'local-port-exhaustion')?.message ?? '';
    assert.match(shown, /; set to 1024 65535 \?img src\?x\? later in the note/);
    assert.doesNotMatch(shown, /<img/);
  });

  it('not for TIME-WAIT on our own listening port, nor for a count without destinations or errors', () => {
    const server = [
      fence('$ ss -tan state time-wait | wc -l', '30001'),
      fence('$ ss -tan state time-wait | head -4', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', '0 0 10.0.0.1:443 198.51.100.7:50110', '0 0 10.0.0.1:443 198.51.100.8:41002', '0 0 10.0.0.1:443 203.0.113.9:60001'),
      fence('$ sysctl net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_port_range = 32768 60999'),
      'Clients sometimes report `connect: cannot assign requested address` on their side.',
    ].join('\n');
    assert.deepEqual(rules(server), []);
    assert.deepEqual(rules([fence('$ ss -tan state time-wait | wc -l', '28233'), fence('$ sysctl net.ipv4.ip_local_port_range', 'net.ipv4.ip_local_port_range = 32768 60999')].join('\n')), []);
  });

  it('the connect() error with half the default range in TIME-WAIT: fires, says the default and that the destinations are not shown', () => {
    const note = ['pgbouncer logs `could not connect to server: Cannot assign requested address` in the nightly batch.', '', fence('$ ss -tan | awk \'NR>1 {a[$1]++} END {for (s in a) print s, a[s]}\'', 'ESTAB 402', 'TIME-WAIT 21034', 'CLOSE-WAIT 2')].join('\n');
    const c = report(note).causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.ok(c);
    assert.match(c.message, /21,034 sockets in TIME-WAIT \(line 5\) against the 28,232 ports of the default 32768–60999: the note shows no ip_local_port_range/);
    assert.match(c.message, /The note does not show where they go/);
  });
});

describe('listener queues from a note', () => {
  it('accept queue full (Recv-Q 129 > Send-Q 128) and ListenOverflows rising; the SYN queue message: its cause named', () => {
    const j = report(ACCEPT_TEXT(), 'zh-cn');
    assert.deepEqual(j.causes.map((c) => c.rule), ['listen-accept-queue-overflow', 'syn-queue-overflow']);
    assert.match(j.causes[0]?.message ?? '', /端口 8080（Recv-Q 129 大于 Send-Q 128，第 8 行）的全连接队列已满。/);
    assert.match(j.causes[0]?.message ?? '', /TcpExtListenOverflows 在两次读数间从 3,052 增长到 4,810/);
    assert.match(j.causes[1]?.message ?? '', /全连接队列也在溢出/);
  });

  it('netstat shows no backlog for a listener: its Recv-Q is not compared; equal Recv-Q and Send-Q is not full', () => {
    assert.deepEqual(rules(fence('$ netstat -ltn', 'Proto Recv-Q Send-Q Local Address Foreign Address State', 'tcp 129 0 0.0.0.0:8080 0.0.0.0:* LISTEN')), []);
    assert.deepEqual(rules(fence('$ ss -lnt', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'LISTEN 128 128 0.0.0.0:8080 0.0.0.0:*')), []);
    assert.deepEqual(rules(fence('$ ss -lnt', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'LISTEN 129 128 0.0.0.0:8080 0.0.0.0:*')), ['listen-accept-queue-overflow@LISTEN']);
  });

  it('the same full listener in two pastes, or on 0.0.0.0 and [::], is named once', () => {
    const ss = (q: number) => fence('$ ss -lnt', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', `LISTEN ${q} 128 0.0.0.0:8080 0.0.0.0:*`, `LISTEN ${q} 128 [::]:8080 [::]:*`);
    const m = report([ss(129), ss(129)].join('\n')).causes[0]?.message ?? '';
    assert.equal(m.match(/port 8080/g)?.length, 1, m);
  });

  it('nstat without -a prints increments: a later reading above 0 counted events; with -a the totals are compared (audit s12 EN 7)', () => {
    const nstat = (cmd: string, v: number) => fence(`[root@fe-1 ~]# ${cmd} TcpExtListenOverflows`, '#kernel', `TcpExtListenOverflows           ${v}                0.0`);
    const plain = [nstat('nstat', 912), nstat('nstat', 874)].join('\n');
    assert.deepEqual(rules(plain), ['listen-accept-queue-overflow@LISTEN']);
    assert.match(report(plain).causes[0]?.message ?? '', /TcpExtListenOverflows counted 874 since the nstat run before the one at line 9 \(nstat without -a prints increments\)\./);
    assert.match(report(plain, 'zh-cn').causes[0]?.message ?? '', /TcpExtListenOverflows 在第 9 行那次 nstat 与上一次之间计了 874 次/);
    // Totals (-az) that fell, one reading alone (a first run prints totals), an increment of 0: nothing counted.
    assert.deepEqual(rules([nstat('nstat -az', 912), nstat('nstat -az', 874)].join('\n')), []);
    assert.deepEqual(rules(nstat('nstat', 874)), []);
    assert.deepEqual(rules([nstat('nstat', 912), nstat('nstat', 0)].join('\n')), []);
    // netstat -s before it is no nstat run: the nstat reading may be the host's first, its totals (review s12).
    assert.deepEqual(rules([fence('$ netstat -s | grep -i listen', '    1000 times the listen queue of a socket overflowed'), nstat('nstat', 1000)].join('\n')), []);
    assert.deepEqual(rules([nstat('nstat -az', 3052), nstat('nstat -az', 4810)].join('\n')), ['listen-accept-queue-overflow@LISTEN']);
  });

  it('a count since boot alone (one netstat -s reading) is no cause', () => {
    assert.deepEqual(rules(fence('$ netstat -s | grep -i overflow', '    2210 times the listen queue of a socket overflowed', '    19880132 TCP sockets finished time wait in fast timer')), []);
  });
});

describe('CLOSE-WAIT weighed against the connections (audit J6)', () => {
  it('21 CLOSE-WAIT beside 11,840 ESTABLISHED is no leak; 230 beside 842 is', () => {
    const counts = (estab: number, cw: number): string => fence("$ ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c", `  ${estab} ESTAB`, `     ${cw} CLOSE-WAIT`, '    310 TIME-WAIT');
    assert.deepEqual(rules(counts(11840, 21)), []);
    assert.deepEqual(rules(counts(842, 230)), ['close-wait-not-closed@CLOSE-WAIT']);
  });
});

describe('through the built CLI', () => {
  it('report --json: the new rules by id, the JSON shape unchanged (state, rule, message, source; `done` when the note made an advised change)', () => {
    const j = JSON.parse(cli('report', PORTS, '--json')) as { causes: Record<string, unknown>[] };
    const c = j.causes.find((x) => x.rule === 'local-port-exhaustion');
    assert.ok(c);
    // The note widened the range at 11:30 (audit c M5): the one optional field says so.
    assert.deepEqual(Object.keys(c).sort(), ['done', 'message', 'rule', 'source', 'state']);
    assert.deepEqual(c.done, [{ key: 'net.ipv4.ip_local_port_range', value: '10240 65000', line: 35, time: '11:30:00' }]);
    assert.equal(c.source, 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/inet_hashtables.c');
    const z = JSON.parse(cli('report', ACCEPT, '--json', '--lang', 'zh-cn')) as { causes: { rule: string; state: string; message: string }[] };
    assert.deepEqual(z.causes.map((x) => [x.rule, x.state]), [['listen-accept-queue-overflow', 'LISTEN'], ['syn-queue-overflow', 'SYN-RECEIVED']]);
  });

  it('report (Markdown), en and zh-cn: the causes with check, change and source', () => {
    const en = cli('report', PORTS);
    assert.match(en, /\n1\. \*\*TIME-WAIT\*\* — Likely cause: local ports run out for connections to one destination\./);
    assert.match(en, /\n {3}- Source: <https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/inet_hashtables\.c>\n/);
    assert.doesNotMatch(en, /No cause rule matches/);
    const zh = cli('report', PORTS, '--lang', 'zh-cn');
    assert.match(zh, /\n1\. \*\*TIME-WAIT\*\* — 可能原因：发往同一目的地的连接用尽了本地端口。/);
    const acc = cli('report', ACCEPT);
    assert.match(acc, /\n1\. \*\*LISTEN\*\* — Likely cause: the application does not accept\(\) connections as fast as they arrive/);
    assert.match(acc, /\n2\. \*\*SYN-RECEIVED\*\* — /);
    const accZh = cli('report', ACCEPT, '--lang', 'zh-cn');
    assert.match(accZh, /\n1\. \*\*LISTEN\*\* — 可能原因：应用 accept\(\) 的速度跟不上/);
  });
});

function PORTS_TEXT(): string {
  return readFileSync(PORTS, 'utf8');
}
function ACCEPT_TEXT(): string {
  return readFileSync(ACCEPT, 'utf8');
}
