import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension } from './helpers';
import { registerMemFs } from './memfs';
import { assertDiagramOf, assertFinWait1Hover, assertTemplateInserted, NOTE, prefilledTemplate, TEMPLATE } from './noteChecks';

suite('Untitled and virtual notes', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('an untitled note gets hovers (with its own evidence), the template and the diagram', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: NOTE });
    const editor = await vscode.window.showTextDocument(doc);
    await activateExtension();
    assert.equal(doc.uri.scheme, 'untitled');
    await assertFinWait1Hover(doc);
    await assertDiagramOf(doc);
    assert.equal(vscode.window.activeTextEditor?.document, doc, 'the diagram did not take the editor away');
    await assertTemplateInserted(editor);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), NOTE, 'one undo restores the untitled note');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a note on a writable virtual file system (tsn-mem:) gets hovers, the template and the diagram, and saves through it', async () => {
    const { fs, registration } = registerMemFs('tsn-mem');
    try {
      const uri = fs.seed('/notes/slow-clients.md', NOTE);
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.languageId, 'markdown');
      const editor = await vscode.window.showTextDocument(doc);
      await activateExtension();
      await assertFinWait1Hover(doc);
      await assertDiagramOf(doc);
      await vscode.window.showTextDocument(doc);
      await assertTemplateInserted(editor);
      assert.equal(await doc.save(), true);
      assert.equal(fs.text('/notes/slow-clients.md'), NOTE + prefilledTemplate(NOTE), 'saved through the provider');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration.dispose();
    }
  });

  test('a note on a read-only virtual file system gets hovers, and the template leaves it untouched', async () => {
    const { fs, registration } = registerMemFs('tsn-ro', true);
    try {
      const doc = await vscode.workspace.openTextDocument(fs.seed('/notes/slow-clients.md', NOTE));
      const editor = await vscode.window.showTextDocument(doc);
      await activateExtension();
      await assertFinWait1Hover(doc);
      editor.selection = new vscode.Selection(doc.positionAt(NOTE.length), doc.positionAt(NOTE.length));
      const ok = await vscode.commands.executeCommand<boolean>(TEMPLATE, { symptom: 'fin-wait-1', lang: 'en' });
      assert.equal(ok, false);
      assert.equal(doc.getText(), NOTE);
      assert.equal(doc.isDirty, false);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      registration.dispose();
    }
  });
});
