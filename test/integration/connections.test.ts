import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, hoverText, openNote, ours, positionOf, until } from './helpers';

/** Per-connection evidence in the editor (issue #13): the hover on a state and the code lens over a listing. */
suite('Per-connection evidence: hover summary and cause, block code lens', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the hover on FIN_WAIT1 adds what the note lists for it and the likely cause, with its source', async () => {
    const { document } = await openNote('fixtures', 'report', 'incident.md');
    const pos = positionOf(document, 'FIN_WAIT1 很多', 0, 2);
    const text = await until('hover with the summary', async () => {
      const t = hoverText(ours(await hoversAt(document, pos)));
      return t.includes('Sockets listed in this note') ? t : undefined;
    });
    assert.match(text, /\*\*Sockets listed in this note:\*\* 4 FIN-WAIT-1 · timers on 1, persist 3 · Send-Q > 0: 4 \(max 87,600 B\) · top network 203\.0\.113\.0\/24 \(3\) · max retransmissions 2/);
    assert.match(text, /\n\nLikely cause: the peers advertise a zero window\./);
    assert.match(text, /\(\[source\]\(https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/tcp_timer\.c\)\)/);
  });

  test('in Chinese, and a state without listings or causes gets no summary', async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    const { document } = await openNote('fixtures', 'report', 'incident.md');
    const zh = await until('zh hover', async () => {
      const t = hoverText(ours(await hoversAt(document, positionOf(document, 'FIN_WAIT1 很多', 0, 2))));
      return t.includes('本笔记列出的套接字') ? t : undefined;
    });
    assert.match(zh, /可能原因：对端通告零窗口/);
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'en', vscode.ConfigurationTarget.Global);
    const lastAck = hoverText(ours(await hoversAt(document, positionOf(document, 'LAST_ACK 2103', 0, 2))));
    assert.match(lastAck, /LAST-ACK/);
    assert.doesNotMatch(lastAck, /Sockets listed in this note|Likely cause/);
  });

  test('a listing block with timers gets a second lens: its sockets, timers, network and the likely cause', async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'en', vscode.ConfigurationTarget.Global);
    const { document } = await openNote('fixtures', 'report', 'incident.md');
    const lenses = await until('lenses', async () => {
      const all = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)) ?? [];
      const mine = all.filter((l) => l.command?.command === 'tcpStateNotes.showDiagram');
      return mine.length >= 4 ? mine : undefined;
    });
    const detail = lenses.filter((l) => (l.command?.arguments?.[0] as { state?: string } | undefined)?.state !== undefined);
    assert.equal(detail.length, 1, 'only the block with timers');
    const [d] = detail;
    assert.equal(d?.command?.title, '4 FIN-WAIT-1 · timers on 1, persist 3 · Send-Q > 0: 4 (max 87,600 B) · top network 203.0.113.0/24 (3) · max retransmissions 2 · likely: peers advertise a zero window');
    assert.deepEqual(d?.command?.arguments, [{ uri: document.uri.toString(), state: 'FIN-WAIT-1' }]);
    assert.ok(document.lineAt(d?.range.start.line ?? 0).text.startsWith('```'), 'on the opening fence');
    const counts = lenses.find((l) => l.range.start.line === d?.range.start.line && l !== d);
    assert.match(counts?.command?.title ?? '', /Show in diagram$/, 'the counts lens stays');
    const uri = await vscode.commands.executeCommand<string>(d?.command?.command ?? '', ...(d?.command?.arguments ?? []));
    assert.equal(uri, document.uri.toString());
  });
});
