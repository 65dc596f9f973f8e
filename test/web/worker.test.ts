import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from '../integration/helpers';

/**
 * Web-only checks (bundled into the web worker host's suite, never run in the Node host): this suite, and the
 * extension next to it, really run in a Web Worker from the `browser` bundle that the .vsix ships.
 */
suite('Web worker extension host', () => {
  test('the suite runs in a dedicated Web Worker: no DOM, no Node', () => {
    const g = globalThis as Record<string, unknown>;
    assert.equal(typeof g.document, 'undefined', 'a worker has no document');
    assert.equal(typeof g.window, 'undefined', 'a worker has no window');
    assert.equal(typeof g.importScripts, 'function', 'importScripts exists only in workers');
    const scope = g.WorkerGlobalScope as (abstract new () => unknown) | undefined;
    assert.ok(scope && globalThis instanceof scope, 'the global object is a WorkerGlobalScope');
    const proc = g.process as { versions?: { node?: string } } | undefined;
    assert.equal(proc?.versions?.node, undefined, 'no Node.js runtime');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
  });

  test('the extension is active in this same worker host, from its browser entry', async () => {
    await activateExtension();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension runs in this host (getExtension sees only extensions of its own host)');
    assert.equal(ext.isActive, true);
    // A remote (Node) host reports Workspace; the local web worker host reports UI.
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI);
    assert.equal((ext.packageJSON as { browser?: string }).browser, './dist/web/extension.js');
  });

  test('the shipped browser bundle requires nothing but vscode', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'dist', 'web', 'extension.js')));
    assert.ok(source.length > 10_000, 'the bundle was read');
    const required = new Set([...source.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]));
    assert.deepEqual([...required], ['vscode']);
    for (const builtin of ['fs', 'path', 'child_process', 'os', 'net', 'crypto', 'util', 'url', 'worker_threads']) {
      assert.ok(!source.includes(`"node:${builtin}"`) && !source.includes(`require("${builtin}")`), `no ${builtin}`);
    }
  });
});
