import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { editDistance, findStateTypos, suggestStates } from '../../src/core/note/typos';
import { analyzeNote } from '../../src/core/note/analyze';
import { lookupStateSpelling } from '../../src/core/catalogue/spellings';
import { marked } from '../support/markers';

/** [typo text, suggestions] for every typo in `text`. */
function typos(text: string): [string, string[]][] {
  return findStateTypos(text).map((t) => [t.text, t.suggestions.map((s) => s.text)]);
}

describe('edit distance (Damerau-Levenshtein, optimal string alignment)', () => {
  test('substitution, insertion, deletion and adjacent transposition each cost one', () => {
    assert.equal(editDistance('FINWAIT3', 'FINWAIT2'), 1);
    assert.equal(editDistance('TIMEWAITE', 'TIMEWAIT'), 1);
    assert.equal(editDistance('ESTABLISHD', 'ESTABLISHED'), 1);
    assert.equal(editDistance('CLOSEWIAT', 'CLOSEWAIT'), 1);
    assert.equal(editDistance('LASTLOCK', 'LASTACK'), 2);
    assert.equal(editDistance('', 'ACK'), 3);
    assert.equal(editDistance('SAME', 'SAME'), 0);
  });

  test('the cut-off returns max + 1 as soon as the distance must exceed it', () => {
    assert.equal(editDistance('LISTEN', 'TIMEWAIT', 2), 3);
    assert.equal(editDistance('ABCDEFGH', 'A', 1), 2);
    assert.equal(editDistance('CLOSEWIAT', 'CLOSEWAIT', 1), 1);
  });
});

describe('look-alikes get a suggestion in the note’s own spelling', () => {
  const cases: [string, string[]][] = [
    ['LAST_LOCK', ['LAST_ACK']],
    ['FIN_WAIT3', ['FIN_WAIT2', 'FIN_WAIT1']],
    ['FIN_WAIT0', ['FIN_WAIT1', 'FIN_WAIT2']],
    ['FIN_WAIT_3', ['FIN_WAIT_2', 'FIN_WAIT_1']],
    ['TIME_WAITE', ['TIME_WAIT']],
    ['CLOSE_WIAT', ['CLOSE_WAIT']],
    ['FIN-WIAT-2', ['FIN-WAIT-2']],
    ['ESTABLISHD', ['ESTABLISHED']],
    ['fin-wiat-1', ['fin-wait-1']],
    ['time-wiat', ['time-wait']],
    ['SYN_RCEV', ['SYN_RECV']],
    ['SYN_RECIEVED', ['SYN_RECEIVED']],
    ['LAST-ACKK', ['LAST-ACK']],
    ['NEW_SYN_RCEV', ['NEW_SYN_RECV']],
    ['BOUND_INACTVE', ['BOUND_INACTIVE']],
    ['LISTENNING', ['LISTENING']],
  ];
  for (const [typo, expected] of cases) {
    test(`${typo} → ${expected.join(' or ')}`, () => {
      const text = `Most sockets were in ${typo} at 14:05.`;
      const found = findStateTypos(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      const t = found[0]!;
      assert.equal(text.slice(t.start, t.end), typo);
      assert.equal(t.text, typo);
      assert.deepEqual(
        t.suggestions.map((s) => s.text),
        expected,
      );
      assert.equal(t.suggestion, expected[0]);
      assert.equal(t.suggestionId, t.suggestions[0]?.state);
      for (const s of t.suggestions) assert.equal(lookupStateSpelling(s.text)?.state, s.state, `${s.text} is a spelling of ${s.state}`);
    });
  }

  test('suggestion ids are the canonical states', () => {
    const [t] = findStateTypos('LAST_LOCK and FIN_WAIT3');
    assert.equal(t?.suggestionId, 'LAST-ACK');
    assert.deepEqual(
      findStateTypos('FIN_WAIT3')[0]?.suggestions.map((s) => s.state),
      ['FIN-WAIT-2', 'FIN-WAIT-1'],
    );
  });

  test('Markdown-escaped underscores keep the raw range and the escape in the suggestion', () => {
    const { text, ranges } = marked('Stuck in «FIN\\_WAIT3» again.');
    const [t] = findStateTypos(text);
    assert.deepEqual([t?.start, t?.end], ranges[0]);
    assert.equal(t?.suggestion, 'FIN\\_WAIT2');
  });

  test('glued upper-case look-alikes of long states are caught with one edit', () => {
    assert.deepEqual(typos('FINWAIT3 and TIMEWAITE'), [
      ['FINWAIT3', ['FINWAIT2', 'FINWAIT1']],
      ['TIMEWAITE', ['TIMEWAIT']],
    ]);
  });

  test('in headings, lists, tables, blockquotes, link text, inline code and next to CJK text', () => {
    const { text, ranges } = marked(
      [
        '# «LAST_LOCK» storm',
        '',
        '- «CLOSE_WIAT» on the app side',
        '',
        '| State | Count |',
        '|---|---|',
        '| «FIN-WIAT-2» | 3 |',
        '',
        '> «TIME_WAITE» is fine',
        '',
        'See [«ESTABLISHD» docs](https://example.com/x) and `«FIN_WAIT3»`; 处于«CLOSE_WIAT»状态。',
      ].join('\n'),
    );
    assert.deepEqual(
      findStateTypos(text).map((t) => [t.start, t.end]),
      ranges,
    );
  });

  test('the cached model gives the same answer as the raw text', () => {
    const text = '# Note\n\nLAST_LOCK here, FIN_WAIT1 there.\n\n```\nFIN-WAIT-1 0 0 1.2.3.4:1 5.6.7.8:2\n```\nTIME_WAITE\n';
    assert.deepEqual(findStateTypos(text, analyzeNote(text)), findStateTypos(text));
    assert.deepEqual(
      findStateTypos(text).map((t) => t.text),
      ['LAST_LOCK', 'TIME_WAITE'],
    );
  });
});

describe('never a typo', () => {
  test('real states in every spelling family, and their plurals', () => {
    const text =
      'FIN-WAIT-1 FIN_WAIT1 FIN_WAIT_1 TCP_FIN_WAIT1 FinWait1 fin-wait-1 SYN_RCVD SYN-RECV SYN_RECV SYN_SEND TIMED_WAIT ESTAB UNCONN LISTENING LAST_ACK CLOSE_WAIT NEW_SYN_RECV BOUND_INACTIVE CLOSING CLOSED CLOSE TIME_WAITS LAST_ACKs CLOSE_WAITS';
    assert.deepEqual(typos(text), []);
  });

  test('known terms of neighbouring state machines and segment names', () => {
    assert.deepEqual(typos('conntrack FIN_WAIT, SYN_SENT2; IPVS SYNACK; SYN_ACK, FIN_ACK, RST_ACK; SCTP COOKIE_WAIT; inotify CLOSE_WRITE'), []);
  });

  test('code identifiers: prefixed kernel names, lower-case and camel identifiers, glued to ( . :: $', () => {
    const text = [
      'TCP_TIMEWAIT_LEN LINUX_MIB_TIMEWAITED TCPF_FIN_WAIT3 BPF_TCP_LAST_LOCK TCP_FIN_WAIT3',
      'tcp_fin_wait3 fin_wait3 last_lock finWait3 FinWiat1 LastLock',
      'FIN_WAIT3(sk) state.FIN_WAIT3 FIN_WAIT3.value Tcp::LAST_LOCK LAST_LOCK::x $TIME_WAITE sk->LAST_LOCK --CLOSE-WIAT',
    ].join('\n');
    assert.deepEqual(typos(text), []);
  });

  test('URLs, link destinations, autolinks, images, reference definitions, HTML', () => {
    const text = [
      '[doc](https://example.com/FIN_WAIT3 "LAST_LOCK title") <https://example.com/TIME_WAITE>',
      'Bare https://example.com/LAST_LOCK/x and www.example.com/CLOSE_WIAT too.',
      '![FIN_WAIT3](img/LAST_LOCK.png) [ref][r]',
      '',
      '[r]: https://example.com/TIME_WAITE',
      '',
      '<span title="FIN_WAIT3">x</span>',
      '',
      '<!-- LAST_LOCK -->',
    ].join('\n');
    assert.deepEqual(typos(text), []);
  });

  test('code blocks of any kind: languages, plain fences, shell output, indented code', () => {
    const text = [
      '```c',
      'case LAST_LOCK: FIN_WAIT3 = 1;',
      '```',
      '',
      '```',
      'FIN_WAIT3 0 0 1.2.3.4:1 5.6.7.8:2',
      '```',
      '',
      '```text',
      'TIME_WAITE',
      '```',
      '',
      '~~~sh',
      '$ echo CLOSE_WIAT',
      '~~~',
      '',
      '    ESTABLISHD in indented code',
    ].join('\n');
    assert.deepEqual(typos(text), []);
  });

  test('lower-case prose, English look-alikes, numbers and short tokens', () => {
    const text =
      'The socket was closd; listne; estabished; time waite. CLOSER CLOSET LISTED LISTENS CLOSES ESTABLISHES ESTABLISH CLOSE-UP close-knit re-established 1234 0x0A FIN ACK SYN RST FIN1 ACKK SYNN TIME WAIT LAST';
    assert.deepEqual(typos(text), []);
  });

  test('too far from any state', () => {
    assert.deepEqual(typos('LAST_CALL TIME_OUT WAIT_TIME SYN_FLOOD DUP_ACK CLSOE_WIAT FIN_WAIT_TIMEOUT'), []);
  });

  test('token-level rules: mixed case, lower case without hyphen, short forms', () => {
    assert.equal(suggestStates('FinWiat1'), undefined);
    assert.equal(suggestStates('fin_wiat_1'), undefined);
    assert.equal(suggestStates('ESTABB'), undefined, 'glued tokens under 7 letters are not judged');
    assert.equal(suggestStates('SYN_SNT')?.suggestions[0]?.text, 'SYN_SENT');
    assert.equal(suggestStates('LSTN_WAIT'), undefined, 'too far from every two-word state');
  });
});

describe('scale', () => {
  test('a long note with many look-alikes: every one found, none in link destinations', () => {
    const line = 'Sockets in FIN_WAIT1 and LAST_LOCK, see `ss -tan` and [the docs](https://example.com/FIN_WAIT3).\n';
    const text = line.repeat(500);
    const found = findStateTypos(text, analyzeNote(text));
    assert.equal(found.length, 500);
    assert.ok(found.every((t, i) => t.text === 'LAST_LOCK' && t.start === i * line.length + line.indexOf('LAST_LOCK')));
  });
});

describe('evidence blocks', () => {
  test('look-alikes right after a block and between blocks are found; none inside a block', () => {
    const dump = '```\n$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\nFIN-WAIT-1 0 10 10.0.0.1:443 10.0.0.2:5555\nFIN_WAIT3 0 1 10.0.0.1:443 10.0.0.3:5556\n```\n';
    const text = `${dump}LAST_LOCK after the first block.\n${dump}${dump}TIME_WAITE at the end`;
    const model = analyzeNote(text);
    assert.ok(model.evidence.length >= 3, 'the dumps are evidence blocks');
    const found = findStateTypos(text, model);
    assert.deepEqual(
      found.map((t) => t.text),
      ['LAST_LOCK', 'TIME_WAITE'],
    );
    assert.deepEqual(found, findStateTypos(text), 'the same with the note analysed inside');
  });
});
