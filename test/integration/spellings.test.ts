import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, hoverText, openNote, ours, positionOf } from './helpers';

/** [text to find, occurrence, canonical id expected in the hover, spelling family words expected]. */
const POSITIVES: [string, number, string, RegExp][] = [
  ['FIN-WAIT-1', 0, 'FIN-WAIT-1', /\*\*FIN-WAIT-1\*\*/],
  ['SYN-RECEIVED', 0, 'SYN-RECEIVED', /\*\*SYN-RECEIVED\*\*/],
  ['SYN RCVD', 0, 'SYN-RECEIVED', /RFC state diagram/],
  ['FINWAIT-2', 0, 'FIN-WAIT-2', /RFC state diagram/],
  ['TCP_FIN_WAIT1', 0, 'FIN-WAIT-1', /kernel enum/],
  ['TCP_NEW_SYN_RECV', 0, 'NEW-SYN-RECV', /kernel enum/],
  ['ESTAB', 0, 'ESTABLISHED', /ss's display name/],
  ['UNCONN', 0, 'CLOSED', /ss's display name/],
  ['fin-wait-1', 0, 'FIN-WAIT-1', /ss state-filter keyword/],
  ['netstat: FIN_WAIT1', 0, 'FIN-WAIT-1', /netstat/],
  ['and SYN_RECV', 0, 'SYN-RECEIVED', /netstat/],
  ['SYN_RCVD', 0, 'SYN-RECEIVED', /BSD/],
  ['FIN_WAIT_1', 0, 'FIN-WAIT-1', /BSD/],
  ['LISTENING', 0, 'LISTEN', /Windows/],
  ['FinWait1', 0, 'FIN-WAIT-1', /\.NET/],
  ['TimeWait', 0, 'TIME-WAIT', /\.NET/],
  ['TIMED_WAIT', 0, 'TIME-WAIT', /old spelling/],
  ['SYN_SEND', 0, 'SYN-SENT', /old spelling/],
  ['FIN_WAIT2状态', 0, 'FIN-WAIT-2', /netstat/],
  ['LAST_ACK', 0, 'LAST-ACK', /netstat/],
  [' 04 ', 0, 'FIN-WAIT-1', /\/proc\/net\/tcp/],
];

suite('Hovers for every spelling family, terms, and negatives', () => {
  for (const [needle, occurrence, id, family] of POSITIVES) {
    test(`${needle.trim()} → ${id}`, async () => {
      const { document } = await openNote('fixtures', 'spellings.md');
      // Point inside the spelling itself, after any context words in the needle.
      const within = needle.startsWith(' ') ? 2 : needle.lastIndexOf(' ') > 0 && !/^[A-Z]+ [A-Z]+$/.test(needle) ? needle.lastIndexOf(' ') + 2 : 1;
      const hovers = ours(await hoversAt(document, positionOf(document, needle, occurrence, within)));
      assert.equal(hovers.length, 1, `one hover on ${needle}`);
      const text = hoverText(hovers);
      assert.match(text, new RegExp(`\\*\\*${id}\\*\\*`));
      assert.match(text, family);
    });
  }

  test('sysctl, /proc/sys path, counter and kernel message hovers', async () => {
    const { document } = await openNote('fixtures', 'spellings.md');
    const cases: [string, RegExp][] = [
      ['net.ipv4.tcp_max_orphans', /tcp_max_orphans/],
      ['/proc/sys/net/ipv4/tcp_fin_timeout', /tcp_fin_timeout/],
      ['TcpExtTCPAbortOnMemory', /TCPAbortOnMemory/],
      ['too many orphaned sockets', /orphan/i],
    ];
    for (const [needle, pattern] of cases) {
      const hovers = await hoversAt(document, positionOf(document, needle, 0, 3));
      const text = hoverText(hovers);
      assert.match(text, pattern, `hover on ${needle}`);
      assert.match(text, /\*\*Sources:\*\* \[[^\]]+\]\(https:\/\//, `a sourced TCP State Notes hover on ${needle}`);
    }
  });

  test('negatives get no hover', async () => {
    const { document } = await openNote('fixtures', 'spellings.md');
    for (const needle of ['closed,', 'listen on', 'established last', 'LISTENER_BACKLOG', 'LAST_LOCK', 'FIN_WAIT3', 'TIME_WAIT)', 'CLOSE_WAIT>']) {
      const hovers = ours(await hoversAt(document, positionOf(document, needle, 0, 2)));
      assert.equal(hovers.length, 0, `no hover on "${needle}"`);
    }
  });

  test('a hover on an untitled note works (scheme-agnostic)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Stuck in LAST_ACK.' });
    await vscode.window.showTextDocument(doc);
    const hovers = ours(await hoversAt(doc, new vscode.Position(0, 11)));
    assert.equal(hovers.length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
