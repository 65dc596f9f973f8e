import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { findMentions } from '../../src/core/note/recognize';
import { analyzeNote } from '../../src/core/note/analyze';
import { marked } from '../support/markers';

/** Mentions as [text, kind, id] after full analysis (recognition + classification). */
function analysed(text: string) {
  return analyzeNote(text).mentions.map((m) => [text.slice(m.start, m.end), m.kind, m.id] as const);
}

function assertRanges(source: string, kind?: string) {
  const { text, ranges } = marked(source);
  const got = analyzeNote(text)
    .mentions.filter((m) => !kind || m.kind === kind)
    .map((m) => [m.start, m.end]);
  assert.deepEqual(got, ranges, `ranges in ${JSON.stringify(text)}: got ${JSON.stringify(got.map(([s, e]) => text.slice(s, e)))}`);
}

describe('state spellings: every family maps to its canonical id', () => {
  const cases: [string, string, string][] = [
    // RFC prose and figure labels
    ['FIN-WAIT-1', 'FIN-WAIT-1', 'rfc'],
    ['SYN-RECEIVED', 'SYN-RECEIVED', 'rfc'],
    ['TIME-WAIT', 'TIME-WAIT', 'rfc'],
    ['SYN RCVD', 'SYN-RECEIVED', 'rfc-figure'],
    ['FINWAIT-2', 'FIN-WAIT-2', 'rfc-figure'],
    ['FIN WAIT-1', 'FIN-WAIT-1', 'rfc-figure'],
    ['CLOSE WAIT', 'CLOSE-WAIT', 'rfc-figure'],
    // kernel enums
    ['TCP_FIN_WAIT1', 'FIN-WAIT-1', 'kernel'],
    ['TCP_CLOSE', 'CLOSED', 'kernel'],
    ['TCP_NEW_SYN_RECV', 'NEW-SYN-RECV', 'kernel'],
    ['TCP_BOUND_INACTIVE', 'BOUND-INACTIVE', 'kernel'],
    ['TCPF_CLOSE_WAIT', 'CLOSE-WAIT', 'kernel'],
    ['BPF_TCP_TIME_WAIT', 'TIME-WAIT', 'kernel'],
    // ss display names
    ['ESTAB', 'ESTABLISHED', 'ss'],
    ['SYN-RECV', 'SYN-RECEIVED', 'ss'],
    ['UNCONN', 'CLOSED', 'ss'],
    // net-tools netstat
    ['FIN_WAIT1', 'FIN-WAIT-1', 'netstat'],
    ['SYN_RECV', 'SYN-RECEIVED', 'netstat'],
    ['CLOSE', 'CLOSED', 'netstat'],
    ['LAST_ACK', 'LAST-ACK', 'netstat'],
    // BSD / macOS / Windows
    ['SYN_RCVD', 'SYN-RECEIVED', 'bsd'],
    ['FIN_WAIT_1', 'FIN-WAIT-1', 'bsd'],
    ['TCPS_FIN_WAIT_2', 'FIN-WAIT-2', 'bsd'],
    ['LISTENING', 'LISTEN', 'windows'],
    ['SYN_RECEIVED', 'SYN-RECEIVED', 'windows'],
    ['MIB_TCP_STATE_TIME_WAIT', 'TIME-WAIT', 'windows'],
    ['TCPSTATE_FIN_WAIT_1', 'FIN-WAIT-1', 'windows'],
    // .NET and old spellings
    ['FinWait1', 'FIN-WAIT-1', 'dotnet'],
    ['TimeWait', 'TIME-WAIT', 'dotnet'],
    ['CloseWait', 'CLOSE-WAIT', 'dotnet'],
    ['TIMED_WAIT', 'TIME-WAIT', 'legacy'],
    ['SYN_SEND', 'SYN-SENT', 'legacy'],
    // variants
    ['fin_wait_2', 'FIN-WAIT-2', 'variant'],
    ['Fin-Wait-2', 'FIN-WAIT-2', 'variant'],
    ['FIN WAIT 2', 'FIN-WAIT-2', 'variant'],
    ['LAST ACK', 'LAST-ACK', 'variant'],
    ['NEW_SYN_RECV', 'NEW-SYN-RECV', 'kernel'],
  ];
  for (const [spelling, id, family] of cases) {
    test(`${spelling} → ${id} (${family})`, () => {
      // A bare `CLOSE` is the state only in a transition (recognize.ts besideArrow).
      const text = spelling === 'CLOSE' ? `We saw FIN -> ${spelling} here.` : `We saw ${spelling} here.`;
      const ms = findMentions(text);
      assert.equal(ms.length, 1, `one mention in ${JSON.stringify(text)}: ${JSON.stringify(ms)}`);
      const m = ms[0]!;
      assert.equal(text.slice(m.start, m.end), spelling);
      assert.equal(m.kind, 'state');
      assert.equal(m.id, id);
      assert.ok(m.families?.includes(family as never), `${spelling}: families ${m.families?.join(',')} include ${family}`);
    });
  }

  test('ss filter keywords in an ss command', () => {
    assertRanges('ss -tan state «established» exclude «closed»\nss -o state «fin-wait-1» state «listening»');
    const ms = analysed('ss -tan state established');
    assert.deepEqual(ms[0], ['established', 'state', 'ESTABLISHED']);
  });

  test('ss aggregates in an ss command expand to their states', () => {
    const [m] = analyzeNote('sudo ss -tn state bucket').mentions;
    assert.equal(m?.kind, 'aggregate');
    assert.deepEqual(m?.states, ['SYN-RECEIVED', 'TIME-WAIT']);
    assert.equal(analyzeNote('a bucket of water, all connected').mentions.length, 0);
  });

  test('/proc/net/tcp hex codes only in their table rows', () => {
    const row = '   0: 0100007F:1F90 0A00000A:D3C2 04 00000000:00000000 00:00000000 00000000  1000        0 0 1';
    const ms = analyzeNote('```\n' + row + '\n```\n').mentions.filter((m) => m.kind === 'state');
    assert.equal(ms.length, 1);
    assert.equal(ms[0]?.id, 'FIN-WAIT-1');
    assert.deepEqual(ms[0]?.families, ['proc-hex']);
    assert.equal(analyzeNote('state 04 and 0A in prose').mentions.length, 0);
  });
});

describe('recognition rules', () => {
  test('multi-word states match in any case with -, _ or no separator', () => {
    assertRanges('«fin-wait-1», «FIN_WAIT1», «FinWait1», «finwait1», «Time_Wait», «LAST-ACK»');
  });

  test('upper-case spaced forms match, lower-case spaced prose does not', () => {
    assertRanges('«FIN WAIT 2» and «LAST ACK»; but time wait and last ack in prose are words');
  });

  test('single English words match only in capitals', () => {
    assertRanges('The socket was closed; we listen on 443; established last year; Closing time. «LISTEN» «ESTABLISHED» «CLOSED» «CLOSING» -> «CLOSE» «ESTAB» «UNCONN»; CLOSE alone');
  });

  test('never inside longer identifiers', () => {
    assertRanges('LISTENER_BACKLOG ESTABLISHED_COUNT MY_FIN_WAIT1 FIN_WAIT1_TIMEOUT tcp_close() tcp_time_wait() TCP_TIMEWAIT_LEN x-FIN-WAIT-1 but «TCP_ESTABLISHED»', 'state');
  });

  test('CJK neighbours are boundaries', () => {
    assertRanges('处于«CLOSE_WAIT»状态，进入«FIN_WAIT1»，然后«FIN-WAIT-2»；对端«LAST_ACK»。');
  });

  test('unknown look-alikes are not states', () => {
    assert.equal(findMentions('LAST_LOCK FIN_WAIT3 TIME_WAITE CLOSE_WIAT SYN_ACK').length, 0);
  });

  test('escaped underscores keep exact raw ranges', () => {
    assertRanges('Escaped «FIN\\_WAIT\\_2» then «CLOSE-WAIT».');
    const [m] = analyzeNote('Escaped FIN\\_WAIT\\_2.').mentions;
    assert.equal(m?.id, 'FIN-WAIT-2');
  });

  test('never in URLs, link destinations, autolinks, image paths, HTML attributes', () => {
    const { text, ranges } = marked(
      [
        'See [the «FIN_WAIT2» article](https://example.com/FIN_WAIT2/TIME_WAIT) and <https://example.com/CLOSE_WAIT>.',
        'Bare https://example.com/LAST_ACK/x and www.example.com/TIME_WAIT too.',
        '![«TIME-WAIT» diagram](img/FIN_WAIT1.png)',
        '<span title="FIN_WAIT1">«LAST-ACK»</span>',
        '',
        '[ref]: https://example.com/SYN_RECV',
      ].join('\n'),
    );
    const got = analyzeNote(text).mentions.map((m) => text.slice(m.start, m.end));
    // alt text of images is dropped with the image; link text is kept.
    const expected = ranges.map(([s, e]) => text.slice(s, e)).filter((t) => t !== 'TIME-WAIT');
    assert.deepEqual(got, expected);
  });

  test('timer:(timewait,…) in ss -o output is a timer name, not a state', () => {
    assertRanges('«FIN-WAIT-2» 0 0 10.0.0.1:443 10.0.0.2:5000 timer:(timewait,52sec,0)', 'state');
  });

  test('lastack:2000 in an ss -i line is a tcp_info field, not LAST-ACK; LAST_ACK: 3, lastack in prose and time_wait:8120 still are states', () => {
    assertRanges('\t cubic wscale:7,7 rto:204 lastsnd:112000 lastrcv:118000 lastack:2000 unacked:0', 'state');
    assertRanges('«LAST_ACK»: 3 sockets, «LAST_ACK»:3 and «lastack» in a sentence', 'state');
    // Only `lastack` is such a field: a script's `state:count` pairs are states.
    assertRanges('«time_wait»:8120 «close_wait»:3 «last-ack»:5 «syn_recv»:1', 'state');
  });
});

describe('terms', () => {
  test('sysctls with and without net.ipv4. and as /proc/sys paths', () => {
    const ms = analysed('Raise tcp_max_orphans; net.ipv4.tcp_orphan_retries=0; cat /proc/sys/net/ipv4/tcp_fin_timeout; net.ipv4.tcp_mem[2]; sysctl_tcp_max_orphans is the kernel variable; tcp_unknown_knob');
    assert.deepEqual(
      ms.map((m) => [m[0], m[2]]),
      [
        ['tcp_max_orphans', 'net.ipv4.tcp_max_orphans'],
        ['net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_orphan_retries'],
        ['/proc/sys/net/ipv4/tcp_fin_timeout', 'net.ipv4.tcp_fin_timeout'],
        ['net.ipv4.tcp_mem', 'net.ipv4.tcp_mem'],
      ],
    );
  });

  test('counters with and without TcpExt, and netstat -s wording', () => {
    const ms = analysed('TcpExtTCPAbortOnMemory rose; TCPAbortOnTimeout too; 12 connections aborted due to memory pressure');
    assert.deepEqual(
      ms.map((m) => [m[1], m[2]]),
      [
        ['counter', 'TcpExtTCPAbortOnMemory'],
        ['counter', 'TcpExtTCPAbortOnTimeout'],
        ['counter', 'TcpExtTCPAbortOnMemory'],
      ],
    );
  });

  test('kernel messages win over the sysctl they contain', () => {
    const ms = analysed('dmesg: TCP: out of memory -- consider tuning tcp_mem and Out of socket memory; too many orphaned sockets');
    assert.deepEqual(
      ms.map((m) => m[1]),
      ['message', 'message', 'message'],
    );
    assert.equal(ms[0]?.[0], 'TCP: out of memory -- consider tuning tcp_mem');
  });

  test('the optional "TCP: " of a log line is taken only where a word starts', () => {
    // `request_sock_TCP: Possible SYN flooding …` style: the TCP: ends a label; the message starts after it.
    const line = '[ 9.6] TCP: request_sock_TCP: too many orphaned sockets';
    const ms = findMentions(line).filter((m) => m.kind === 'message');
    assert.deepEqual(ms.map((m) => [m.text, m.id]), [['too many orphaned sockets', 'msg.too-many-orphaned-sockets']]);
    assert.deepEqual(findMentions('TCP: too many orphaned sockets').map((m) => m.text), ['TCP: too many orphaned sockets']);
  });

  test('sockstat fields in sockstat and ss -s lines', () => {
    const text = '```\nsockets: used 70312\nTCP: inuse 68120 orphan 65311 tw 1840 alloc 68210 mem 190240\nTCP:   70050 (estab 412, closed 121, orphaned 65311, timewait 1840)\n```\n';
    const ids = analyzeNote(text).mentions.filter((m) => m.kind === 'sockstat').map((m) => m.id);
    assert.deepEqual(ids, [
      'sockstat.sockets-used',
      'sockstat.inuse',
      'sockstat.orphan',
      'sockstat.tw',
      'sockstat.alloc',
      'sockstat.mem',
      'sockstat.orphan',
      'sockstat.tw',
    ]);
  });
});

describe('quoted output', () => {
  test('ss -s and sockstat lines quoted in a block quote hold fields, not states', () => {
    const text = [
      '值班同学贴的：',
      '',
      '> Total: 36512',
      '> TCP:   36110 (estab 5230, closed 880, orphaned 30262, timewait 8811)',
      '> > TCP: inuse 35436 orphan 30262 tw 8811 alloc 36110 mem 153010',
      '>sockets: used 35080',
      '',
    ].join('\n');
    const ms = analyzeNote(text).mentions;
    assert.deepEqual(ms.filter((m) => m.kind === 'state'), []);
    assert.deepEqual(
      ms.map((m) => [m.text, m.id]),
      [
        ['orphaned', 'sockstat.orphan'],
        ['timewait', 'sockstat.tw'],
        ['inuse', 'sockstat.inuse'],
        ['orphan', 'sockstat.orphan'],
        ['tw', 'sockstat.tw'],
        ['alloc', 'sockstat.alloc'],
        ['mem', 'sockstat.mem'],
        ['sockets: used', 'sockstat.sockets-used'],
      ],
    );
  });

  test('a quote marker is not any character: prose before TCP: keeps its meaning', () => {
    assert.deepEqual(findMentions('note: TCP:   36110 (estab 5230, timewait 8811)').filter((m) => m.kind === 'sockstat'), []);
    assert.deepEqual(findMentions('> see TCP: inuse 35436 orphan 30262').filter((m) => m.kind === 'sockstat'), []);
  });
});

describe('classification', () => {
  test('contexts: heading, table, list, inline code, code block, link text, blockquote', () => {
    const text = [
      '# FIN-WAIT-1 notes',
      '',
      '| State | n |',
      '|---|---|',
      '| LAST-ACK | 3 |',
      '',
      '- CLOSE-WAIT item',
      '',
      'Use `TIME_WAIT` here and [CLOSING](#x).',
      '',
      '> SYN-SENT quoted',
      '',
      '```',
      'ESTAB 0 0 1.1.1.1:1 2.2.2.2:2',
      '```',
    ].join('\n');
    const got = analyzeNote(text).mentions.map((m) => [m.id, m.context]);
    assert.deepEqual(got, [
      ['FIN-WAIT-1', 'heading'],
      ['LAST-ACK', 'table'],
      ['CLOSE-WAIT', 'list'],
      ['TIME-WAIT', 'inline-code'],
      ['CLOSING', 'link-text'],
      ['SYN-SENT', 'blockquote'],
      ['ESTABLISHED', 'code-block'],
    ]);
  });

  test('transitions written with arrows', () => {
    const model = analyzeNote('ESTABLISHED -> FIN_WAIT1 → FIN_WAIT2 => TIME_WAIT. CLOSE_WAIT 进入 LAST_ACK。 FIN-WAIT-1, LAST-ACK');
    assert.deepEqual(
      model.transitions.map((t) => `${t.from}>${t.to}`),
      ['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>FIN-WAIT-2', 'FIN-WAIT-2>TIME-WAIT', 'CLOSE-WAIT>LAST-ACK'],
    );
  });

  test('sections from the heading tree', () => {
    const model = analyzeNote('# A\n\n## B\n\ntext\n\n## C\n\n### D\n\n# E\n');
    assert.deepEqual(
      model.sections.map((s) => [s.title, s.depth, s.parent]),
      [
        ['A', 1, -1],
        ['B', 2, 0],
        ['C', 2, 0],
        ['D', 3, 2],
        ['E', 1, -1],
      ],
    );
  });
});

describe('ordered lists as transitions', () => {
  test('consecutive items of one ordered list under one heading', async () => {
    const { orderedListTransitions } = await import('../../src/core/note/transitions');
    const { isDiagramEdge } = await import('../../src/core/diagram/graph');
    const model = analyzeNote(
      ['## 主动关闭', '', '1. ESTABLISHED: close()', '2. FIN_WAIT1，等待 ACK', '   (continued)', '3. FIN_WAIT2', '', '## Other', '', '1. LAST_ACK', '', 'Text', '', '2. CLOSING'].join('\n'),
    );
    assert.deepEqual(
      orderedListTransitions(model, isDiagramEdge).map((t) => `${t.from}>${t.to}`),
      ['ESTABLISHED>FIN-WAIT-1', 'FIN-WAIT-1>FIN-WAIT-2'],
    );
  });
});

describe('emphasis around states', () => {
  test('underscore emphasis is not part of the range', () => {
    assertRanges('_«CLOSE_WAIT»_ and __«FIN_WAIT1»__ and **«TIME_WAIT»** and ~~«SYN_SENT»~~');
  });
});
