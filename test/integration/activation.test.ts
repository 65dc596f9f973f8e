/**
 * Runs first (files are taken in name order): before any note is opened, the extension is not active, and Go
 * to Symbol in Workspace (Ctrl+T, `workbench.action.showAllSymbols`) starts it and its workspace index, so the
 * symbols come in a notes repository where no Markdown file was opened (package.json activationEvents).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, until } from './helpers';

suite('Activation by Go to Symbol in Workspace', () => {
  test('Ctrl+T before any note is open activates the extension, and its symbols answer', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    assert.equal(vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'markdown').length, 0, 'no note is open yet');
    assert.equal(ext.isActive, false, 'nothing activated the extension before this test');
    await vscode.commands.executeCommand('workbench.action.showAllSymbols');
    await until('the extension activates on Ctrl+T', () => ext.isActive, 30_000);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // Its provider answers from the workspace index (the fixture notes carry FIN-WAIT-1 listings).
    const symbols = await until('workspace symbols for fin-wait-1', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'fin-wait-1');
      return found.some((s) => /FIN-WAIT-1/.test(s.name)) ? found : undefined;
    }, 30_000);
    assert.ok(symbols.length > 0);
  });
});
