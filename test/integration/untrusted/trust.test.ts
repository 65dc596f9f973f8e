import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, diagramRenderOf, EXTENSION_ID, hoversAt, hoverText, openNote, ours, positionOf, workspaceUri } from '../helpers';
import { assertDiagramOf, assertFinWait1Hover, assertTemplateInserted, NOTE } from '../noteChecks';

/**
 * Restricted mode: run only by the harness's untrusted pass (workspace trust enabled, the folder never
 * trusted; TSN_TEST_DIR=untrusted, or suites 'untrusted' in the web worker host). The manifest declares
 * `untrustedWorkspaces: { supported: true }`: nothing the extension does executes note content.
 */
suite('Restricted mode (untrusted workspace)', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the workspace is untrusted, and the extension is active anyway', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must run in restricted mode');
    assert.ok(vscode.workspace.workspaceFolders?.length, 'a folder is open (and untrusted)');
    await openNote('examples', 'incident-fin-wait-1.md');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  test('hovers explain states in a note of the untrusted folder', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const text = hoverText(ours(await hoversAt(document, positionOf(document, 'FIN-WAIT-1 pile-up', 0, 3))));
    assert.match(text, /\*\*FIN-WAIT-1\*\*/);
    assert.match(text, /Orphan verdict: the typical orphan\./);
    assert.match(text, /3 FIN-WAIT-1 in the `ss` output at line \d+/);
  });

  test('the diagram renders a note of the untrusted folder', async () => {
    const editor = await openNote('examples', 'incident-fin-wait-1.md');
    const uri = await vscode.commands.executeCommand<string>('tcpStateNotes.showDiagram');
    assert.equal(uri, editor.document.uri.toString());
    const render = await diagramRenderOf(editor.document);
    assert.ok(render.highlighted.includes('FIN-WAIT-1'));
    assert.ok((render.counts['FIN-WAIT-1'] ?? 0) > 0, 'counts come from the pasted output');
  });

  test('the template is inserted into a note of the untrusted folder (editing is not restricted)', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceUri('fixtures', 'template-english-note.md'));
    const editor = await vscode.window.showTextDocument(doc);
    await activateExtension();
    const before = doc.getText();
    await assertTemplateInserted(editor);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('an untitled note in restricted mode: hover, diagram and template', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: NOTE });
    const editor = await vscode.window.showTextDocument(doc);
    await activateExtension();
    assert.equal(vscode.workspace.isTrusted, false);
    await assertFinWait1Hover(doc);
    await assertDiagramOf(doc);
    await vscode.window.showTextDocument(doc);
    await assertTemplateInserted(editor);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), NOTE);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
