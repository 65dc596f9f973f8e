import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildTemplate, templateFacts } from '../../src/core/template';
import { analyzeNote } from '../../src/core/note/analyze';
import { analyseEvidence } from '../../src/core/report/build';
import { closeWithoutSaving, openNote, positionOf, untitledNote } from './helpers';

const COMMAND = 'tcpStateNotes.insertDiagnosisTemplate';

suite('Insert orphan socket diagnosis template', () => {
  test('inserts exactly the template at the cursor, and one undo restores the note byte for byte', async () => {
    const before = '# Incident\n\n';
    const after = '\n## Notes\n';
    const editor = await untitledNote(before + after);
    const original = editor.document.getText();
    editor.selection = new vscode.Selection(editor.document.positionAt(before.length), editor.document.positionAt(before.length));
    const ok = await vscode.commands.executeCommand<boolean>(COMMAND, { symptom: 'fin-wait-1', lang: 'en' });
    assert.equal(ok, true);
    const expected = buildTemplate('fin-wait-1', 'en').markdown;
    assert.equal(editor.document.getText(), before + expected + after);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
    await closeWithoutSaving();
  });

  test('prefills host, kernel, time, counts, tunables and the likely cause from the note; one undo restores it', async () => {
    const editor = await openNote('fixtures', 'report', 'incident.md');
    const doc = editor.document;
    const original = doc.getText();
    const end = doc.positionAt(original.length);
    editor.selection = new vscode.Selection(end, end);
    const ok = await vscode.commands.executeCommand<boolean>(COMMAND, { symptom: 'fin-wait-1', lang: 'zh-cn' });
    assert.equal(ok, true);
    const model = analyzeNote(original);
    const expected = buildTemplate('fin-wait-1', 'zh-cn', templateFacts(model, analyseEvidence(model), 'fin-wait-1', 'zh-cn')).markdown;
    assert.equal(doc.getText(), original + expected);
    assert.ok(expected.startsWith('## FIN-WAIT-1 堆积排查 — web-07，2025-03-14T09:41:00+08:00\n'), expected.split('\n')[0]);
    assert.ok(expected.includes('**内核：** 6.8.0-45-generic'));
    assert.ok(expected.includes('| orphan 20,000 · tw 10,120 · mem 170,000 |'));
    assert.ok(expected.includes('`tcp_max_orphans` 65536'));
    assert.ok(expected.includes('FIN-WAIT-1 61,920'));
    assert.ok(/\*\*可能原因（依据笔记中的证据）：\*\* .+（\[来源\]\(https:\/\//.test(expected), 'the likely cause with its source');
    assert.ok(expected.includes('**表现：** 现象'), 'what the note does not give stays a placeholder');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo step');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('replaces the selection', async () => {
    const editor = await untitledNote('keep THIS keep');
    const start = editor.document.getText().indexOf('THIS');
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + 4));
    await vscode.commands.executeCommand(COMMAND, { symptom: 'close-wait', lang: 'zh-cn' });
    const text = editor.document.getText();
    assert.ok(!text.includes('THIS'));
    assert.ok(text.startsWith('keep '));
    assert.ok(text.endsWith(' keep'));
    assert.ok(text.includes(buildTemplate('close-wait', 'zh-cn').markdown.split('\n')[0] ?? '∅'));
    await closeWithoutSaving();
  });

  test('the quick pick preselects the state under the cursor', async () => {
    const editor = await untitledNote('Many LAST_ACK sockets here.\n\n');
    editor.selection = new vscode.Selection(editor.document.positionAt(7), editor.document.positionAt(7));
    const pending = vscode.commands.executeCommand<boolean>(COMMAND);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await pending, true);
    assert.ok(editor.document.getText().includes(buildTemplate('last-ack', 'en').markdown.split('\n')[0] ?? '∅'));
    await closeWithoutSaving();
  });

  test('without a state at the cursor, the largest count in pasted output decides (and a Chinese note gets Chinese)', async () => {
    const editor = await openNote('examples', 'orphan-socket-notes.zh.md');
    const end = editor.document.positionAt(editor.document.getText().length);
    editor.selection = new vscode.Selection(end, end);
    const pending = vscode.commands.executeCommand<boolean>(COMMAND);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await pending, true);
    // The note's ss counts are dominated by FIN-WAIT-1 (61920).
    const title = buildTemplate('fin-wait-1', 'zh-cn').markdown.split('\n')[0] ?? '∅';
    assert.ok(editor.document.getText().includes(title), `expected "${title}"`);
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a non-markdown editor gets a clear message and nothing changes', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'plain' });
    await vscode.window.showTextDocument(doc);
    const ok = await vscode.commands.executeCommand<boolean>(COMMAND, { symptom: 'general', lang: 'en' });
    assert.equal(ok, false);
    assert.equal(doc.getText(), 'plain');
    await closeWithoutSaving();
  });

  test('a read-only markdown document is left untouched', async () => {
    await untitledNote('x');
    await closeWithoutSaving();
    const state = await vscode.commands.executeCommand<string>('tcpStateNotes.explainState', 'TIME-WAIT');
    assert.equal(state, 'TIME-WAIT');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.scheme === 'tcp-state-notes');
    const before = editor.document.getText();
    const ok = await vscode.commands.executeCommand<boolean>(COMMAND, { symptom: 'general', lang: 'en' });
    assert.equal(ok, false);
    assert.equal(editor.document.getText(), before);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the markdown snippets are contributed (prefix tcpdiag)', async () => {
    const ext = vscode.extensions.getExtension('tcp-state-notes.tcp-state-notes');
    const snippets = ext?.packageJSON?.contributes?.snippets as { language: string; path: string }[] | undefined;
    assert.ok(snippets?.some((s) => s.language === 'markdown'));
    const uri = vscode.Uri.joinPath(ext!.extensionUri, snippets![0]!.path);
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Record<string, { prefix: string; body: string[] }>;
    assert.ok(Object.values(json).some((s) => s.prefix === 'tcpdiag'));
  });
});

void positionOf;
