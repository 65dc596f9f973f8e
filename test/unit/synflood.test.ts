/**
 * The kernel's "Possible SYN flooding on port …" line (net/ipv4/tcp_input.c tcp_syn_flood_action), as engineers
 * paste it from dmesg and journalctl: with the `request_sock_TCP: ` label, a port (6.2+: address and port) and
 * either ending. The recogniser finds it, `explain` resolves it, its hover links its sources in both languages.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findMentions } from '../../src/core/note/recognize';
import { analyzeNote } from '../../src/core/note/analyze';
import { mentionAt } from '../../src/core/note/model';
import { noteHover } from '../../src/core/noteHover';
import { resolveTerm } from '../../src/core/lookup';
import { findTerm } from '../../src/core/catalogue/terms';
import { main } from '../../src/cli';

const ID = 'msg.possible-syn-flooding';

/** [matched text, kind, id] of every mention in a line. */
function found(line: string): [string, string, string][] {
  return findMentions(line).map((m) => [m.text, m.kind, m.id]);
}

describe('Possible SYN flooding: recognition in pasted log lines', () => {
  test('a dmesg line with the request_sock_TCP label and a port; the match starts at the message', () => {
    const line = '[    9.649346] TCP: request_sock_TCP: Possible SYN flooding on port 5400. Sending cookies.  Check SNMP counters.';
    assert.deepEqual(found(line), [['Possible SYN flooding on port', 'message', ID]]);
    const m = findMentions(line)[0];
    assert.equal(m?.start, line.indexOf('Possible'), 'the TCP: that ends request_sock_TCP is not taken as the log prefix');
  });

  test('IPv6, 6.2+ addresses, "Dropping request", journalctl prefixes, the old TCP:-only form', () => {
    const lines = [
      'Mar 05 14:32:01 web1 kernel: TCP: request_sock_TCPv6: Possible SYN flooding on port [::]:443. Sending cookies.',
      'kernel: TCP: request_sock_TCP: Possible SYN flooding on port 0.0.0.0:443. Dropping request.',
      '[Tue Mar  5 14:32:01 2024] TCP: request_sock_TCP: Possible SYN flooding on port 10.0.0.1:8080. Sending cookies.',
    ];
    for (const line of lines) assert.deepEqual(found(line), [['Possible SYN flooding on port', 'message', ID]], line);
    // Where the line has only the `TCP: ` log prefix, the prefix belongs to the mention, as for other messages.
    assert.deepEqual(found('TCP: Possible SYN flooding on port 80. Sending cookies.'), [['TCP: Possible SYN flooding on port', 'message', ID]]);
  });

  test('in a fenced log block and in Chinese prose; not inside a longer word', () => {
    const note = '```\n[ 9.6] TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.\n```\n\n日志里出现了Possible SYN flooding on port 443，SYN-RECV 很多。\n';
    const ms = analyzeNote(note).mentions.filter((m) => m.kind === 'message');
    assert.deepEqual(ms.map((m) => [m.id, m.context]), [[ID, 'code-block'], [ID, 'prose']]);
    assert.deepEqual(found('xPossible SYN flooding on port 1'), []);
  });
});

describe('Possible SYN flooding: explain and hover', () => {
  test('explain resolves the alias, a typed start of it and a whole pasted line; a vague start resolves nothing', () => {
    for (const input of [
      'Possible SYN flooding on port',
      'Possible SYN flooding',
      'TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.  Check SNMP counters.',
      '[ 9.6] TCP: request_sock_TCPv6: Possible SYN flooding on port [::]:443. Dropping request.',
    ]) {
      const r = resolveTerm(input);
      assert.equal(r?.kind === 'term' ? r.term.id : undefined, ID, input);
    }
    // "too many" starts two messages (orphaned / of orphaned): no guess.
    assert.equal(resolveTerm('TCP: too many o'), undefined);
    const line = '[ 1.0] TCP: too many orphaned sockets';
    const r = resolveTerm(line);
    assert.equal(r?.kind === 'term' ? r.term.id : undefined, 'msg.too-many-orphaned-sockets');
  });

  test('the CLI explains it in English and Chinese', () => {
    let out = '';
    assert.equal(main(['explain', 'Possible SYN flooding'], (s) => (out += s)), 0);
    assert.match(out, /tcp_syn_flood_action\(\)/);
    assert.match(out, /TcpExtTCPReqQFullDoCookies/);
    out = '';
    assert.equal(main(['explain', 'Possible SYN flooding on port', '--lang', 'zh-cn'], (s) => (out += s)), 0);
    assert.match(out, /半连接队列/);
    assert.match(out, /\*\*来源：\*\* \[/);
  });

  test('the hover over the line links its kernel sources, in both languages', () => {
    const text = '`TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.`\n';
    const model = analyzeNote(text);
    const at = text.indexOf('SYN flooding');
    assert.equal(mentionAt(model, at)?.id, ID);
    for (const lang of ['en', 'zh-cn'] as const) {
      const md = noteHover(model, at, { lang })?.markdown ?? '';
      assert.match(md, lang === 'en' ? /\*\*Sources:\*\* \[/ : /\*\*来源：\*\* \[/, lang);
      assert.match(md, /\]\(https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/tcp_input\.c\)/, lang);
      assert.match(md, /tcp\\_syn\\_flood\\_action\\\(\\\)/, `${lang}: the source names the function`);
      if (lang === 'zh-cn') assert.match(md, /每个监听 socket 最多打印一次/);
    }
  });

  test('every text of the entry has a Chinese side, and it relates to the syncookie and backlog entries', () => {
    const t = findTerm(ID);
    assert.ok(t);
    for (const l of [t.summary, ...t.details.map((d) => d.text)]) {
      assert.ok(l.en.length > 0);
      assert.match(l['zh-cn'], /[\u3400-\u9fff]/);
    }
    for (const r of ['net.ipv4.tcp_syncookies', 'net.core.somaxconn', 'net.ipv4.tcp_max_syn_backlog', 'SYN-RECEIVED']) {
      assert.ok(t.related.includes(r), r);
    }
    for (const back of ['net.ipv4.tcp_syncookies', 'net.core.somaxconn', 'net.ipv4.tcp_max_syn_backlog']) {
      assert.ok(findTerm(back)?.related.includes(ID), `${back} links back`);
    }
  });
});

test('net.core tunables resolve by their short name and /proc path too (audit s13)', () => {
  for (const input of ['somaxconn', 'net.core.somaxconn', '/proc/sys/net/core/somaxconn', 'SOMAXCONN']) {
    const r = resolveTerm(input);
    assert.equal(r?.kind === 'term' ? r.term.id : undefined, 'net.core.somaxconn', input);
  }
  const r = resolveTerm('netdev_max_backlog');
  assert.equal(r?.kind === 'term' ? r.term.id : undefined, 'net.core.netdev_max_backlog');
});
