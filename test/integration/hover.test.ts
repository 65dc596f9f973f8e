import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoversAt, hoverText, openNote, ours, positionOf } from './helpers';

suite('Hover on TCP states in example notes', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  test('FIN-WAIT-1 (RFC/ss spelling) explains the state and its orphan verdict', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const pos = positionOf(document, 'FIN-WAIT-1 pile-up', 0, 3);
    const hovers = ours(await hoversAt(document, pos));
    assert.equal(hovers.length, 1, 'exactly one TCP State Notes hover');
    const text = hoverText(hovers);
    assert.match(text, /\*\*FIN-WAIT-1\*\*/);
    assert.match(text, /Orphan verdict: the typical orphan\./);
    assert.match(text, /tcp_orphan_retries/);
    const range = hovers[0]?.range;
    assert.ok(range, 'hover has a range');
    assert.equal(document.getText(range), 'FIN-WAIT-1');
  });

  test("FIN_WAIT1 is recognised as netstat's spelling", async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const pos = positionOf(document, 'FIN_WAIT1 →', 0, 2);
    const text = hoverText(ours(await hoversAt(document, pos)));
    assert.match(text, /netstat/);
    assert.match(text, /`FIN_WAIT1`/);
    assert.match(text, /\*\*FIN-WAIT-1\*\*/);
  });

  test('the hover cites evidence pasted in the note', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const pos = positionOf(document, 'FIN-WAIT-1 with a large', 0, 2);
    const text = hoverText(ours(await hoversAt(document, pos)));
    assert.match(text, /In this note/);
    assert.match(text, /3 FIN-WAIT-1 in the `ss` output at line \d+/);
  });

  test('CLOSE_WAIT glued to Chinese text is recognised, and is never an orphan', async () => {
    const { document } = await openNote('examples', 'orphan-socket-notes.zh.md');
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'en', vscode.ConfigurationTarget.Global);
    const pos = positionOf(document, '处于CLOSE_WAIT状态', 0, 4);
    const hovers = ours(await hoversAt(document, pos));
    assert.equal(hovers.length, 1);
    const text = hoverText(hovers);
    assert.match(text, /\*\*CLOSE-WAIT\*\*/);
    assert.match(text, /Orphan verdict: never an orphan: the application still holds the fd/);
    assert.equal(document.getText(hovers[0]?.range), 'CLOSE_WAIT');
  });

  test('the language setting switches the hover to Chinese', async () => {
    const { document } = await openNote('examples', 'orphan-socket-notes.zh.md');
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    const pos = positionOf(document, '* FIN-WAIT-1', 0, 4);
    const text = hoverText(ours(await hoversAt(document, pos)));
    assert.match(text, /孤儿 socket 判定/);
    assert.match(text, /\*\*FIN-WAIT-1\*\*/);
  });

  test('prose words and link destinations get no hover', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: 'The socket was closed and we listen on 443, established last year.\n\n[doc](https://example.com/FIN_WAIT1) LISTENER_BACKLOG\n',
    });
    await vscode.window.showTextDocument(doc);
    for (const [needle, within] of [['closed', 2], ['listen', 2], ['established', 2], ['FIN_WAIT1', 3], ['LISTENER_BACKLOG', 3]] as const) {
      const hovers = ours(await hoversAt(doc, positionOf(doc, needle, 0, within)));
      assert.equal(hovers.length, 0, `no hover on "${needle}"`);
    }
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('hovers can be turned off by a setting', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const config = vscode.workspace.getConfiguration('tcpStateNotes');
    await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      const hovers = ours(await hoversAt(document, positionOf(document, 'FIN-WAIT-1 pile-up', 0, 3)));
      assert.equal(hovers.length, 0);
    } finally {
      await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the hover lists its sources as clickable https links, never private keys', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const hovers = ours(await hoversAt(document, positionOf(document, 'FIN-WAIT-1 pile-up', 0, 3)));
    const md = hovers[0]?.contents.find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString);
    assert.ok(md, 'a MarkdownString hover');
    assert.equal(md.supportHtml, false);
    const links = [...md.value.matchAll(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g)].map((m) => m[2]);
    assert.ok(links.length >= 2, `source links: ${links.join(', ')}`);
    assert.ok(links.some((l) => l?.startsWith('https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/')));
    assert.doesNotMatch(md.value, /K-timer|K-tcp\.c|PG-|_Source:/);
    // https links are rendered as links by a MarkdownString whatever its trust: only command links need it.
    const rendered = await vscode.commands.executeCommand<string>('markdown.api.render', md.value);
    assert.match(rendered, /<a [^>]*href="https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/[^"]+"/);
  });
});

