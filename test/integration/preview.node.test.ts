import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openNote } from './helpers';

/*
 * Node host only (*.node.test.ts): code-server runs the built-in Markdown extension in its Node host, so when
 * this extension runs in the web worker host (test/web) the Markdown extension cannot reach its exports across
 * hosts. On vscode.dev both share the worker; test/web/preview.test.ts checks the browser bundle's plugin there.
 */

/** The built-in Markdown extension's own renderer, with every contributed markdown-it plugin loaded. */
async function render(source: string | vscode.TextDocument): Promise<string> {
  const html = await vscode.commands.executeCommand<string>('markdown.api.render', source);
  assert.equal(typeof html, 'string', 'markdown.api.render returned no HTML');
  return html;
}

function marked(html: string): string[] {
  return [...html.matchAll(/<span class="tcp-state (tcp-state-[a-z-]+)" data-tcp-state="([^"]+)"[^>]*? title="[^"]+">([^<]+)<\/span>/g)].map(
    (m) => `${m[3]}=${m[2]}/${m[1]}`,
  );
}

suite('Markdown preview: states marked by our markdown-it plugin in the real host', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  test('markdown.api.render wraps states in tcp-state spans with their orphan class', async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'en', vscode.ConfigurationTarget.Global);
    const html = await render(
      ['# FIN_WAIT1 pile-up', '', 'ESTABLISHED → FIN-WAIT-2; the socket was closed (not a state).', '', '```', 'LAST-ACK   0      1      10.20.0.3:443', '```', ''].join('\n'),
    );
    assert.deepEqual(marked(html), [
      'FIN_WAIT1=FIN-WAIT-1/tcp-state-orphan',
      'ESTABLISHED=ESTABLISHED/tcp-state-not-orphan',
      'FIN-WAIT-2=FIN-WAIT-2/tcp-state-caveat',
      'LAST-ACK=LAST-ACK/tcp-state-orphan',
    ]);
    assert.match(html, /title="FIN-WAIT-1 — [^"]+ — the typical orphan — Source: [^"]+ \(https:\/\/[^"]+\)"/);
  });

  test('an example note renders with its states marked; URLs stay untouched', async () => {
    const { document } = await openNote('examples', 'orphan-socket-notes.zh.md');
    const html = await render(document);
    const marks = marked(html);
    assert.ok(marks.includes('CLOSE_WAIT=CLOSE-WAIT/tcp-state-not-orphan'), 'CLOSE_WAIT glued to Chinese text is marked');
    assert.ok(marks.some((m) => m.endsWith('/tcp-state-orphan')));
    const link = await render('[notes](https://example.com/FIN_WAIT1) and <https://example.com/LAST_ACK>');
    assert.deepEqual(marked(link), [], 'link destinations and autolinks are not states');
    assert.ok(link.includes('href="https://example.com/FIN_WAIT1"'));
  });

  test('tooltips follow tcpStateNotes.language', async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('language', 'zh-cn', vscode.ConfigurationTarget.Global);
    const html = await render('LAST_ACK');
    assert.match(html, /title="LAST-ACK — [^"]*孤儿[^"]*"/);
  });
});
