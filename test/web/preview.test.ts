import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import MarkdownIt from 'markdown-it';
import { activateExtension, EXTENSION_ID } from '../integration/helpers';

interface MarkdownItExports {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

/**
 * The Markdown preview's plugin as the browser bundle exports it (vscode.dev's Markdown extension gets it from
 * activate() in this same worker), applied to a markdown-it bundled for the browser.
 */
suite('Web worker host: the Markdown preview plugin', () => {
  test('activate() returns extendMarkdownIt, which marks states in a Web Worker', async () => {
    await activateExtension();
    const exports = vscode.extensions.getExtension<MarkdownItExports>(EXTENSION_ID)?.exports;
    assert.ok(exports && typeof exports.extendMarkdownIt === 'function', 'activate() returns extendMarkdownIt');
    const md = exports.extendMarkdownIt(new MarkdownIt({ html: true, linkify: true }));
    const html = md.render('处于CLOSE_WAIT状态; `TCP_FIN_WAIT1`; the socket was closed; https://example.com/LAST_ACK');
    const marks = [...html.matchAll(/<span class="tcp-state (tcp-state-[a-z-]+)" data-tcp-state="([^"]+)"[^>]*? title="[^"]+">([^<]+)<\/span>/g)].map(
      (m) => `${m[3]}=${m[2]}/${m[1]}`,
    );
    assert.deepEqual(marks, ['CLOSE_WAIT=CLOSE-WAIT/tcp-state-not-orphan', 'TCP_FIN_WAIT1=FIN-WAIT-1/tcp-state-orphan']);
  });
});
