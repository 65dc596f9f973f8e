import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openNote, positionOf, until } from './helpers';

interface PanelInfo {
  uri: string | undefined;
  state: { locked: boolean; scope: string; showLinux: boolean };
  visible: boolean;
  active: boolean;
  lastRender?: { uri: string; version: number; highlighted: string[]; counts: Record<string, number>; scope: string; sectionTitle?: string; svg: string };
}

const info = () => vscode.commands.executeCommand<PanelInfo | undefined>('tcpStateNotes.diagramInfo');


suite('State diagram panel', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('opens beside the note without taking focus, and renders the note', async () => {
    const editor = await openNote('examples', 'incident-fin-wait-1.md');
    const uri = await vscode.commands.executeCommand<string>('tcpStateNotes.showDiagram');
    assert.equal(uri, editor.document.uri.toString());
    // The first render includes the webview's first load: a generous wait on a busy machine.
    const panel = await until('a render', async () => ((await info())?.lastRender ? info() : undefined), 30_000);
    assert.equal(panel?.visible, true);
    assert.equal(panel?.active, false, 'the panel must not take focus');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
    const render = panel?.lastRender;
    assert.ok(render?.highlighted.includes('FIN-WAIT-1'));
    assert.ok((render?.counts['FIN-WAIT-1'] ?? 0) > 0, 'counts come from the pasted output');
  });

  test('follows the active markdown editor, and stays when locked', async () => {
    const zh = await openNote('examples', 'orphan-socket-notes.zh.md');
    await until('follow', async () => ((await info())?.uri === zh.document.uri.toString() ? true : undefined));
    await vscode.commands.executeCommand('tcpStateNotes.toggleDiagramLock');
    assert.equal((await info())?.state.locked, true);
    await openNote('examples', 'incident-fin-wait-1.md');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await info())?.uri, zh.document.uri.toString(), 'locked panel keeps its note');
    await vscode.commands.executeCommand('tcpStateNotes.toggleDiagramLock');
    await until('unlocked follow', async () => ((await info())?.uri?.endsWith('incident-fin-wait-1.md') ? true : undefined));
  });

  test('updates after an edit (debounced, by document version)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Note\n\nOnly ESTABLISHED here.\n' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
    await until('first render', async () => ((await info())?.lastRender?.uri === doc.uri.toString() ? true : undefined));
    assert.deepEqual((await info())?.lastRender?.highlighted, ['ESTABLISHED']);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(2, 0), 'Then CLOSING and LAST_ACK.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const render = await until('render after edit', async () => {
      const r = (await info())?.lastRender;
      return r && r.version === doc.version ? r : undefined;
    });
    assert.deepEqual([...render.highlighted].sort(), ['CLOSING', 'ESTABLISHED', 'LAST-ACK']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Copy SVG and Export SVG give the diagram the panel shows: the section at the cursor, with its counts', async () => {
    const editor = await openNote('examples', 'incident-fin-wait-1.md');
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
    await until('the whole-note render', async () => ((await info())?.lastRender?.uri === uri ? true : undefined));
    const at = positionOf(editor.document, '## Evidence', 0, 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('tcpStateNotes.setDiagramScope', 'section');
    const section = await until('the section render', async () => {
      const r = (await info())?.lastRender;
      return r?.uri === uri && r.scope === 'section' && r.sectionTitle === 'Evidence' ? r : undefined;
    });
    const copied = await vscode.commands.executeCommand<string>('tcpStateNotes.copyDiagramSvg');
    assert.equal(copied, section.svg, 'the exported SVG is the one the panel shows');
    assert.equal(await vscode.env.clipboard.readText(), copied);
    // The scope shows in the export: the section's title, and only the states of that section.
    assert.match(copied, /<title[^>]*>[^<]*Evidence/);
    for (const state of section.highlighted) assert.match(copied, new RegExp(`class="state [^"]*\\b(?:mentioned|counted)\\b[^"]*" data-state="${state}"`), state);
    const fw1 = section.counts['FIN-WAIT-1'];
    assert.ok(fw1 && fw1 > 0, 'the section holds the pasted output');
    assert.match(copied, new RegExp(`data-state="FIN-WAIT-1"[^>]*data-count="${fw1}"`));

    await vscode.commands.executeCommand('tcpStateNotes.setDiagramScope', 'note');
    const whole = await until('the whole-note render again', async () => {
      const r = (await info())?.lastRender;
      return r?.uri === uri && r.scope === 'note' ? r : undefined;
    });
    const copiedWhole = await vscode.commands.executeCommand<string>('tcpStateNotes.copyDiagramSvg');
    assert.equal(copiedWhole, whole.svg);
    assert.notEqual(copiedWhole, copied, 'the whole note and one section are different diagrams');
    assert.doesNotMatch(copiedWhole, /<title[^>]*>[^<]*Evidence/);
  });

  test('without a markdown editor the command explains itself', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'x' });
    await vscode.window.showTextDocument(doc);
    const result = await vscode.commands.executeCommand<string | undefined>('tcpStateNotes.showDiagram');
    assert.equal(result, undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
