import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, workspaceUri } from './helpers';

/** A fresh note in the workspace (a real file: the linked SVG is written beside it). */
async function freshNote(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri('fixtures', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await activateExtension();
  return editor;
}

const NOTE = [
  '# Orphans after the deploy',
  '',
  'ESTABLISHED → FIN-WAIT-1 after close(); CLOSE_WAIT is the app.',
  '',
  '```',
  'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
  '```',
  '',
  'Next steps.',
  '',
].join('\n');

suite('Diagram in the note: Mermaid and linked SVG', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Insert Diagram as Mermaid Block: below the cursor line, one undo step', async () => {
    const editor = await freshNote('mermaid-insert.md', NOTE);
    const doc = editor.document;
    editor.selection = new vscode.Selection(2, 5, 2, 5);
    const before = doc.getText();
    assert.equal(await vscode.commands.executeCommand<boolean>('tcpStateNotes.insertDiagramMermaid'), true);
    const after = doc.getText();
    const lines = after.split('\n');
    assert.equal(lines[2], 'ESTABLISHED → FIN-WAIT-1 after close(); CLOSE_WAIT is the app.');
    assert.equal(lines[3], '');
    assert.equal(lines[4], '```mermaid');
    assert.equal(lines[5], 'stateDiagram-v2');
    assert.ok(after.includes('  FIN_WAIT_1 : 2 sockets\n'));
    assert.ok(after.includes('ESTABLISHED --> FIN_WAIT_1 : R12 CLOSE / snd FIN · in the note'));
    assert.ok(!after.slice(after.indexOf('```mermaid')).split('```\n')[0]?.includes('Orphans after'), 'no note text in the block');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before, 'one undo restores the note');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Copy Diagram as Mermaid: the fenced block on the clipboard', async () => {
    await freshNote('mermaid-copy.md', NOTE);
    const text = await vscode.commands.executeCommand<string>('tcpStateNotes.copyDiagramMermaid');
    assert.ok(text?.startsWith('```mermaid\nstateDiagram-v2\n'));
    assert.equal(await vscode.env.clipboard.readText(), text);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Save Diagram Beside Note and Link It: <note>.states.svg, link at the cursor in one undo step, re-run updates the file', async () => {
    const editor = await freshNote('linked.md', NOTE);
    const doc = editor.document;
    const svgUri = workspaceUri('fixtures', 'linked.states.svg');
    await vscode.workspace.fs.delete(svgUri).then(undefined, () => undefined);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    editor.selection = new vscode.Selection(end, end);
    const before = doc.getText();
    const first = await vscode.commands.executeCommand<{ target: string; linked: boolean }>('tcpStateNotes.saveDiagramBesideNote', { useDefaultName: true });
    assert.equal(first?.target, svgUri.toString());
    assert.equal(first?.linked, true);
    assert.equal(doc.getText(), `${before}![TCP states](linked.states.svg)`);
    const svg1 = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri));
    assert.match(svg1, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg /);
    assert.match(svg1, /<title id="tsn-linked-title">linked\.md<\/title><desc /);
    assert.match(svg1, /prefers-color-scheme: dark/);
    assert.match(svg1, /data-state="FIN-WAIT-1"[^>]*data-count="2"/);
    assert.match(svg1, /data-state="LAST-ACK"[^>]*data-mentions="0"/);

    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), before, 'one undo removes the link');
    await vscode.commands.executeCommand('redo');

    // The note changes; running the command again rewrites the same file and adds no second link.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(10, 0), 'Then LAST_ACK.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const withLink = doc.getText();
    const second = await vscode.commands.executeCommand<{ target: string; linked: boolean }>('tcpStateNotes.saveDiagramBesideNote');
    assert.equal(second?.target, svgUri.toString(), 'the remembered file, no dialog');
    assert.equal(second?.linked, false);
    assert.equal(doc.getText(), withLink);
    const svg2 = new TextDecoder().decode(await vscode.workspace.fs.readFile(svgUri));
    assert.notEqual(svg2, svg1);
    assert.match(svg2, /data-state="LAST-ACK"[^>]*data-mentions="1"/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('an untitled note is refused with a reason, and nothing is written', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'FIN_WAIT1' });
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('tcpStateNotes.saveDiagramBesideNote', { useDefaultName: true }), undefined);
    assert.equal(doc.getText(), 'FIN_WAIT1');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
