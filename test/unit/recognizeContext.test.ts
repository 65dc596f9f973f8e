/**
 * Recognition rules of issue #12: URL exclusion limited to the URL itself, conntrack states, plurals, and
 * single English words where the context names them as states (and never in ordinary prose).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMentions, SHORT_SYSCTL_NAMES } from '../../src/core/note/recognize';
import { hasCapital, NOT_TCP_LINE_WORDS, SUBJECT_WORDS, UNCAPPED_STEMS } from '../../src/core/note/notTcpWords';
import { analyzeNote } from '../../src/core/note/analyze';
import { mentionAt } from '../../src/core/note/model';
import { explainMention } from '../../src/core/explain';

const found = (text: string) => findMentions(text).map((m) => [m.kind, m.id, m.text]);
const states = (text: string) => findMentions(text).filter((m) => m.kind === 'state').map((m) => [m.id, m.text]);

test('a URL blanks only itself: link text before it and Chinese prose around it keep their states', () => {
  assert.deepEqual(states('[Stuck in FIN_WAIT1](http://example.com/FIN_WAIT1)'), [['FIN-WAIT-1', 'FIN_WAIT1']]);
  assert.deepEqual(states('此时客户端进入FIN_WAIT1状态，参考https://yq.aliyun.com/articles/91966?TIME_WAIT，然后是TIME_WAIT'), [
    ['FIN-WAIT-1', 'FIN_WAIT1'],
    ['TIME-WAIT', 'TIME_WAIT'],
  ]);
  assert.deepEqual(states('see https://example.com/CLOSE_WAIT and www.example.com/LAST_ACK or mailto:LISTEN@x.org'), []);
  assert.deepEqual(states('CLOSE_WAIT(https://example.com/x)'), [['CLOSE-WAIT', 'CLOSE_WAIT']]);
  assert.deepEqual(states('LISTEN://x'), []);
  // In the note model too (link destinations are dropped by the analysis; link text stays).
  const model = analyzeNote('参考 [进入 FIN_WAIT1 的原因](https://example.com/FIN_WAIT1)。\n');
  assert.deepEqual(model.mentions.map((m) => [m.id, m.context]), [['FIN-WAIT-1', 'link-text']]);
});

test('conntrack states are their own kind with a short hover: no orphan verdict, their timeout', () => {
  assert.deepEqual(found('iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT'), [
    ['conntrack', 'ESTABLISHED', 'ESTABLISHED'],
    ['conntrack', 'RELATED', 'RELATED'],
  ]);
  assert.deepEqual(found('-m conntrack --ctstate NEW,established'), [
    ['conntrack', 'NEW', 'NEW'],
    ['conntrack', 'ESTABLISHED', 'established'],
  ]);
  const row = 'tcp      6 117 TIME_WAIT src=10.0.0.1 dst=10.0.0.2 sport=443 dport=5000 [ASSURED] mark=0 use=1';
  assert.deepEqual(found(row)[0], ['conntrack', 'TIME_WAIT', 'TIME_WAIT']);
  assert.deepEqual(found('ipv4     2 tcp      6 431999 ESTABLISHED src=1.2.3.4 dst=5.6.7.8')[0], ['conntrack', 'ESTABLISHED', 'ESTABLISHED']);
  // Socket states elsewhere on such lines and in prose stay socket states.
  assert.deepEqual(found('TIME_WAIT sockets and --state RELATED')[0], ['state', 'TIME-WAIT', 'TIME_WAIT']);
  const model = analyzeNote(`\`\`\`\n${row}\n\`\`\`\n`);
  const m = mentionAt(model, model.text.indexOf('TIME_WAIT') + 1);
  assert.equal(m?.kind, 'conntrack');
  for (const lang of ['en', 'zh-cn'] as const) {
    const md = explainMention(m!, model, { lang }) ?? '';
    assert.match(md, lang === 'en' ? /not a TCP socket/ : /不是 TCP socket/);
    assert.match(md, /nf_conntrack_tcp_timeout_time_wait/);
    assert.match(md, lang === 'en' ? /120 s by default/ : /默认 120 秒/);
    assert.doesNotMatch(md, /Orphan verdict|孤儿 socket 判定/);
    assert.match(md, /\]\(https:\/\/docs\.kernel\.org\/networking\/nf_conntrack-sysctl\.html\)/);
  }
});

test('plurals of upper-case spellings are recognised, with the s in the range', () => {
  assert.deepEqual(states('thousands of TIME_WAITs and a few CLOSE_WAITs, FIN_WAIT2s'), [
    ['TIME-WAIT', 'TIME_WAITs'],
    ['CLOSE-WAIT', 'CLOSE_WAITs'],
    ['FIN-WAIT-2', 'FIN_WAIT2s'],
  ]);
  assert.deepEqual(states('ESTABLISHEDs LISTENs time_waits'), [], 'English-word states and lower case stay out');
});

test('all-caps plurals too (TIME_WAITS, LAST_ACKS); never of the English-word states (CLOSES, LISTENS)', () => {
  assert.deepEqual(states('大量的 TIME_WAITS，LAST_ACKS 很多, FIN_WAIT2S, TCP_FIN_WAIT1S, SYN-RECVS'), [
    ['TIME-WAIT', 'TIME_WAITS'],
    ['LAST-ACK', 'LAST_ACKS'],
    ['FIN-WAIT-2', 'FIN_WAIT2S'],
    ['FIN-WAIT-1', 'TCP_FIN_WAIT1S'],
    ['SYN-RECEIVED', 'SYN-RECVS'],
  ]);
  assert.deepEqual(states('CLOSES LISTENS ESTABS CLOSINGS ESTABLISHEDS UNCONNS TCP_CLOSES TCP_LISTENS TimeWaitS Time_WaitS'), []);
});

test('full-width ＿ and － inside a spelling read as _ and - (an IME left in full-width mode)', () => {
  assert.deepEqual(states('大量TIME＿WAIT（全角下划线），出现很多TIME－WAIT，FIN－WAIT－2 与 CLOSE＿WAITs'), [
    ['TIME-WAIT', 'TIME＿WAIT'],
    ['TIME-WAIT', 'TIME－WAIT'],
    ['FIN-WAIT-2', 'FIN－WAIT－2'],
    ['CLOSE-WAIT', 'CLOSE＿WAITs'],
  ]);
  // Only between two word characters, as `_` and `-` join a token: around a spelling they are no part of it.
  assert.deepEqual(states('FIN_WAIT_1－＞FIN_WAIT_2，＿TIME_WAIT，LAST_ACK－'), [
    ['FIN-WAIT-1', 'FIN_WAIT_1'],
    ['FIN-WAIT-2', 'FIN_WAIT_2'],
    ['TIME-WAIT', 'TIME_WAIT'],
    ['LAST-ACK', 'LAST_ACK'],
  ]);
  assert.deepEqual(states('x＿TIME_WAIT TIME_WAIT－x pid－TIME＿WAIT'), []);
});

test('single English words are states in a CJK frame 处于/进入…状态', () => {
  assert.deepEqual(states('连接一直处于Established状态，之后进入 closing 状态。'), [
    ['ESTABLISHED', 'Established'],
    ['CLOSING', 'closing'],
  ]);
  assert.deepEqual(states('我们 established 了连接，状态良好'), []);
  assert.deepEqual(states('处于established的状态'), []);
});

test('single English words are states in a list or table whose siblings are states alone', () => {
  const list = ['ss(8) states:', '', '- established', '- syn-sent', '- fin-wait-1', '- closing', '- closed', '- listening'].join('\n');
  assert.deepEqual(
    states(list).map(([, t]) => t),
    ['established', 'syn-sent', 'fin-wait-1', 'closing', 'closed', 'listening'],
  );
  const table = ['| state | meaning |', '|---|---|', '| established | data flows |', '| `time-wait` | 60 s |'].join('\n');
  assert.deepEqual(states(table).map(([, t]) => t), ['established', 'time-wait']);
  // Ordinary prose and ordinary lists never qualify.
  assert.deepEqual(states('The connection was established and closing it was easy.'), []);
  assert.deepEqual(states(['- established a baseline', '- closing the ticket'].join('\n')), []);
  assert.deepEqual(states(['- established', '- reviewed', '- merged'].join('\n')), []);
  assert.deepEqual(states(['| step |', '|---|', '| established |', '| merged |'].join('\n')), []);
});

test("net-tools' `netstat -o` timer `timewait (38.12/0/0)` is a timer name, not the TIME-WAIT state", () => {
  const row = 'tcp        0      0 10.1.2.3:41822          10.1.5.9:8080           FIN_WAIT2   -                    timewait (38.12/0/0)';
  assert.deepEqual(states(row), [['FIN-WAIT-2', 'FIN_WAIT2']]);
  assert.deepEqual(states('TIME_WAIT  -  timewait (0.00/0/0)'), [['TIME-WAIT', 'TIME_WAIT']]);
  // Only that exact lower-case word before `(number/`: the state elsewhere stays.
  assert.deepEqual(states('timewait (see below) and TIMEWAIT (3/4) and timewait_ (1/0/0) and timewait 8120'), [
    ['TIME-WAIT', 'timewait'],
    ['TIME-WAIT', 'TIMEWAIT'],
    ['TIME-WAIT', 'timewait'],
    ['TIME-WAIT', 'timewait'],
  ]);
});

test('the old `ss -s` summary line holds field names, never states: orphaned/timewait are sockstat fields, estab/closed/synrecv nothing', () => {
  const line = 'TCP:   8760 (estab 512, closed 30, orphaned 37, synrecv 0, timewait 8120/0), ports 0';
  assert.deepEqual(found(line), [
    ['sockstat', 'sockstat.orphan', 'orphaned'],
    ['sockstat', 'sockstat.tw', 'timewait'],
  ]);
  assert.deepEqual(found('TCP: inuse 5 orphan 3 tw 2 alloc 7 mem 1 ESTAB'), [
    ['sockstat', 'sockstat.inuse', 'inuse'],
    ['sockstat', 'sockstat.orphan', 'orphan'],
    ['sockstat', 'sockstat.tw', 'tw'],
    ['sockstat', 'sockstat.alloc', 'alloc'],
    ['sockstat', 'sockstat.mem', 'mem'],
  ]);
  // The next line is not the summary's.
  assert.deepEqual(states(`${line}\nsynrecv FIN_WAIT1`), [
    ['SYN-RECEIVED', 'synrecv'],
    ['FIN-WAIT-1', 'FIN_WAIT1'],
  ]);
});

test('English-word states in capitals are not states in a ticket workflow, after a Status: label, or in LISTEN UP', () => {
  assert.deepEqual(states('Status: CLOSED (merged into the handbook)'), []);
  assert.deepEqual(states('- **Status:** CLOSED'), []);
  // A ticket's status in Chinese (audit s12 ZH 8); a bare 状态： is a socket's.
  assert.deepEqual(states('工单状态：CLOSED'), []);
  assert.deepEqual(states('- 问题状态: CLOSED'), []);
  assert.deepEqual(states('**Bug 状态：** CLOSED'), []);
  assert.deepEqual(states('连接状态：CLOSED'), [['CLOSED', 'CLOSED']]);
  assert.deepEqual(states('状态：ESTABLISHED'), [['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(states('> **LISTEN UP:** read this before your first shift.'), []);
  assert.deepEqual(states('- Jira: tickets move OPEN → IN PROGRESS → CLOSED. "CLOSING" a ticket needs a postmortem link.'), []);
  assert.deepEqual(states('RESOLVED / CLOSED / REOPENED / WONTFIX: LISTEN'), []);
  // Unambiguous spellings are never affected; neither is the next line.
  assert.deepEqual(states('Status: TIME_WAIT — RESOLVED after FIN_WAIT2, LISTEN UP CLOSE_WAIT\nCLOSED'), [
    ['TIME-WAIT', 'TIME_WAIT'],
    ['FIN-WAIT-2', 'FIN_WAIT2'],
    ['CLOSE-WAIT', 'CLOSE_WAIT'],
    ['CLOSED', 'CLOSED'],
  ]);
});

test('English-word states in capitals keep working in listings and prose without those signals', () => {
  assert.deepEqual(states('LISTEN 0      128          *:22         *:*'), [['LISTEN', 'LISTEN']]);
  assert.deepEqual(states('tcp   0   0 0.0.0.0:22   0.0.0.0:*   LISTEN   812/sshd'), [['LISTEN', 'LISTEN']]);
  assert.deepEqual(states('the socket goes to CLOSED, then LISTEN UPDATE and CLOSING; OPEN → CLOSED'), [
    ['CLOSED', 'CLOSED'],
    ['LISTEN', 'LISTEN'],
    ['CLOSING', 'CLOSING'],
    ['CLOSED', 'CLOSED'],
  ]);
  assert.deepEqual(states('The status: ESTABLISHED, state: CLOSED; TODO: why CLOSING?'), [
    ['ESTABLISHED', 'ESTABLISHED'],
    ['CLOSED', 'CLOSED'],
    ['CLOSING', 'CLOSING'],
  ]);
  assert.deepEqual(states('a passive OPEN moves CLOSED to LISTEN; resolved: CLOSED'), [
    ['CLOSED', 'CLOSED'],
    ['LISTEN', 'LISTEN'],
    ['CLOSED', 'CLOSED'],
  ]);
});

test('lower-case spaced states count before state(s), socket(s), connection(s) or 状态 only', () => {
  assert.deepEqual(states('sockets in time wait state pile up; the close wait sockets leak; fin wait 2 connections; last ack state'), [
    ['TIME-WAIT', 'time wait'],
    ['CLOSE-WAIT', 'close wait'],
    ['FIN-WAIT-2', 'fin wait 2'],
    ['LAST-ACK', 'last ack'],
  ]);
  assert.deepEqual(states('大量 time wait 状态，处于close wait状态，syn recv states'), [
    ['TIME-WAIT', 'time wait'],
    ['CLOSE-WAIT', 'close wait'],
    ['SYN-RECEIVED', 'syn recv'],
  ]);
  // Ordinary English: no state noun after it, or a longer word.
  assert.deepEqual(states('sockets in time wait pile up; close wait times; at close wait for it; the last ack statement; time wait stateful'), []);
  assert.deepEqual(states('Time wait sockets, TIME WAIT sockets'), [['TIME-WAIT', 'TIME WAIT']]);
});

test('English-word states in capitals are a circuit breaker\'s words before -> OPEN; log and monitoring lines keep theirs (audit s13 8, review)', () => {
  assert.deepEqual(states('2026-03-04 11:20:44 WARN  c.p.CircuitBreaker : circuit state CLOSED -> OPEN (failureRate=62%)'), []);
  assert.deepEqual(states('breaker: CLOSED → OPEN after 5 failures'), []);
  // A monitoring line counts real sockets; a half-open connection is TCP's.
  assert.deepEqual(states('INFO tcpstat: ESTABLISHED=5231 CLOSING=912'), [['ESTABLISHED', 'ESTABLISHED'], ['CLOSING', 'CLOSING']]);
  assert.deepEqual(states('TCP WARNING - ESTABLISHED: 5231'), [['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(states('HALF-OPEN connections filled the queue of the LISTEN socket'), [['LISTEN', 'LISTEN']]);
  assert.deepEqual(states('CLOSED --> LISTEN on a passive OPEN'), [['CLOSED', 'CLOSED'], ['LISTEN', 'LISTEN']]);
});

test('a bare CLOSE is a state only in a transition or a Chinese frame: the user call, a frame type, a log verb are not (audit s14 1)', () => {
  assert.deepEqual(states('四次挥手：应用调用 CLOSE 后发送 FIN，进入 FIN_WAIT1；直到它也调用 CLOSE。'), [['FIN-WAIT-1', 'FIN_WAIT1']]);
  assert.deepEqual(states('CLOSE / snd FIN'), []);
  assert.deepEqual(states('> CLOSE 1000 (OK)'), []);
  assert.deepEqual(states('WebSocket CLOSE 帧; 连接不 CLOSE'), []);
  assert.deepEqual(states('LAST_ACK -> CLOSE, CLOSE->LISTEN, FIN_WAIT1 → CLOSE, TIME_WAIT=>CLOSE'), [
    ['LAST-ACK', 'LAST_ACK'],
    ['CLOSED', 'CLOSE'],
    ['CLOSED', 'CLOSE'],
    ['LISTEN', 'LISTEN'],
    ['FIN-WAIT-1', 'FIN_WAIT1'],
    ['CLOSED', 'CLOSE'],
    ['TIME-WAIT', 'TIME_WAIT'],
    ['CLOSED', 'CLOSE'],
  ]);
  assert.deepEqual(states('ffff9 22384 curl 100.66.100.185 0 52.33.159.26 80 LAST_ACK -> CLOSE 0.123'), [['LAST-ACK', 'LAST_ACK'], ['CLOSED', 'CLOSE']]);
  assert.deepEqual(states('连接处于CLOSE状态'), [['CLOSED', 'CLOSE']]);
  // bcc tcpstates pads its columns; net-tools netstat prints CLOSE in a row's State column (review s14 3).
  assert.deepEqual(states('ffff 22384 curl  100.66.100.185  0  52.33.159.26  80  CLOSE       -> SYN_SENT    0.000'), [['CLOSED', 'CLOSE'], ['SYN-SENT', 'SYN_SENT']]);
  assert.deepEqual(states('tcp        0      0 10.20.0.3:443           192.0.2.17:50352        CLOSE'), [['CLOSED', 'CLOSE']]);
  // The prefixed enum name is always the state.
  assert.deepEqual(states('TCP_CLOSE'), [['CLOSED', 'TCP_CLOSE']]);
});

test('circuit breakers, pull requests, JSON status keys and other protocols keep their English-word states (audit s14 2, 3, 8, 9)', () => {
  assert.deepEqual(states("CircuitBreaker 'payment' changed state from HALF_OPEN to CLOSED"), []);
  assert.deepEqual(states('Sentinel: HALF_OPEN -> CLOSED; circuit breaker CLOSED; state CLOSED to OPEN'), []);
  assert.deepEqual(states('熔断器状态：CLOSED'), []);
  assert.deepEqual(states('熔断CLOSED'), []);
  assert.deepEqual(states('旧方案 PR #4490 CLOSED，新方案 MERGED'), []);
  assert.deepEqual(states('  {"id": 7, "status": "CLOSED", "updated": "2024-05-01"}'), []);
  assert.deepEqual(states('BGP 邻居处于 Established 状态; strongSwan #12, ESTABLISHED, IKEv2'), []);
  assert.deepEqual(states('ws.readyState 在 CLOSING 卡了很久才变成 CLOSED'), []);
  assert.deepEqual(states('WebSocket is already in CLOSING or CLOSED state.'), []);
  assert.deepEqual(states('PostgreSQL 的 LISTEN/NOTIFY'), []);
  // TCP's own lines keep them: a socket's state key, a half-open connection.
  assert.deepEqual(states('{"state": "LISTEN", "port": 8080}'), [['LISTEN', 'LISTEN']]);
  // A WebSocket gateway's, a BGP daemon's or a breaker's line about sockets keeps them (review s14 2).
  assert.deepEqual(states('WebSocket 网关上 ESTABLISHED 连接涨到 12 万，LISTEN 队列也满了。'), [['ESTABLISHED', 'ESTABLISHED'], ['LISTEN', 'LISTEN']]);
  assert.deepEqual(states('ESTABLISHED 连接数暴涨后触发了下游熔断。'), [['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(states('Each WebSocket is one TCP connection, so ss shows them ESTABLISHED.'), [['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(states('tcp6  0  0 :::8080  :::*  LISTEN  2211/websocket-gw'), [['LISTEN', 'LISTEN']]);
  assert.deepEqual(states('tcp 0 0 10.0.0.1:179 10.0.0.2:40001 ESTABLISHED 901/bird-BGP'), [['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(states('连接处于 Established 状态'), [['ESTABLISHED', 'Established']]);
});

test('lower-case spaced states beside Chinese are states: no English reading to protect (audit s14 7)', () => {
  assert.deepEqual(states('close wait 连接数降下来了，time wait 连接还有 3 万'), [['CLOSE-WAIT', 'close wait'], ['TIME-WAIT', 'time wait']]);
  assert.deepEqual(states('客户端 time wait 很多'), [['TIME-WAIT', 'time wait']]);
  assert.deepEqual(states('大量 last ack。'), [['LAST-ACK', 'last ack']]);
  assert.deepEqual(states('at close wait for it, time wait 3 minutes'), []);
});

test("a capital state alone in a task table's status column is the task's status (audit s14 2)", () => {
  const actions = [
    '| # | Action | Owner | Status |',
    '|---|---|---|---|',
    '| 1 | 调大 tcp_max_orphans 到 262144 | @bob | CLOSED |',
    '| 2 | 应用侧修复 CLOSE_WAIT 泄漏 | @alice | OPEN |',
  ].join('\n');
  assert.deepEqual(states(actions), [['CLOSE-WAIT', 'CLOSE_WAIT']]);
  // Every task closed: the heading (a status beside an owner) tells it.
  const allDone = ['| 事项 | 负责人 | 状态 |', '| --- | --- | --- |', '| 调大 backlog | 张三 | **CLOSED** |', '| 加监控 | 李四 | CLOSED |'].join('\n');
  assert.deepEqual(states(allDone), []);
  // A port inventory with an owner column is a table of sockets (review s14 4).
  const ports = ['| 端口 | 服务 | 状态 | 负责人 |', '|---|---|---|---|', '| 80 | nginx | LISTEN | 张三 |', '| 6379 | redis | CLOSED | 王五 |'].join('\n');
  assert.deepEqual(states(ports), [['LISTEN', 'LISTEN'], ['CLOSED', 'CLOSED']]);
  // A table of socket states keeps them.
  const sockets = ['| State | Count |', '|---|---|', '| LISTEN | 12 |', '| CLOSED | 3 |', '| CLOSING | 0 |'].join('\n');
  assert.deepEqual(states(sockets), [['LISTEN', 'LISTEN'], ['CLOSED', 'CLOSED'], ['CLOSING', 'CLOSING']]);
  const perHost = ['| Host | State | Owner |', '|---|---|---|', '| lb-1 | FIN_WAIT1 | ops |'].join('\n');
  assert.deepEqual(states(perHost), [['FIN-WAIT-1', 'FIN_WAIT1']]);
  // Linear: a wide table of states is read once per column (review s14 5: it was quadratic).
  const wide = ['| ' + Array(2000).fill('State').join(' | ') + ' |', '|' + Array(2000).fill('---').join('|') + '|', ...Array(3).fill('| ' + Array(2000).fill('LISTEN').join(' | ') + ' |')].join('\n');
  assert.equal(states(wide).length, 6000);
});

test('orphan and TIME-WAIT tunables shortened without tcp_ are the tunables; never inside a longer name (audit s14 11)', () => {
  const sysctls = (text: string) => findMentions(text).filter((m) => m.kind === 'sysctl').map((m) => [m.id, m.text]);
  assert.deepEqual(sysctls('把 fin_timeout 调到 30，打开 tw_reuse，max_orphans 翻倍'), [
    ['net.ipv4.tcp_fin_timeout', 'fin_timeout'],
    ['net.ipv4.tcp_tw_reuse', 'tw_reuse'],
    ['net.ipv4.tcp_max_orphans', 'max_orphans'],
  ]);
  assert.deepEqual(sysctls('net.ipv4.tcp_max_orphans = 65536; tcp_tw_reuse_delay'), [
    ['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans'],
    ['net.ipv4.tcp_tw_reuse_delay', 'tcp_tw_reuse_delay'],
  ]);
  assert.deepEqual(sysctls('my_fin_timeout max_orphans_x keepalive_time 60s; https://example.com/tw_reuse'), []);
  // Every short name is a tunable of the catalogue.
  for (const n of SHORT_SYSCTL_NAMES) assert.equal(sysctls(`tcp_${n}`).length, 1, n);
});

test('a conntrack state right after the word conntrack is the table entry; elsewhere in prose a socket state', () => {
  assert.deepEqual(found('The conntrack TIME_WAIT entry lasts 120 s; Conntrack ESTABLISHED entries'), [
    ['conntrack', 'TIME_WAIT', 'TIME_WAIT'],
    ['conntrack', 'ESTABLISHED', 'ESTABLISHED'],
  ]);
  assert.deepEqual(found('conntrack FIN_WAIT1 here, and the socket TIME_WAIT'), [
    ['state', 'FIN-WAIT-1', 'FIN_WAIT1'],
    ['state', 'TIME-WAIT', 'TIME_WAIT'],
  ]);
  assert.deepEqual(found('nf_conntrack TIME_WAIT'), [['state', 'TIME-WAIT', 'TIME_WAIT']]);
});

test('every other-machine word has a capital or an uncapped stem (the scan that rules a listing row out first)', () => {
  for (const w of NOT_TCP_LINE_WORDS) assert.ok(hasCapital(w), w);
  for (const w of SUBJECT_WORDS) assert.ok(hasCapital(w) || UNCAPPED_STEMS.some((x) => w.includes(x)), w);
});
