import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TcpEvidencePasteProvider } from '../../src/features/pasteEvidence';
import { closeWithoutSaving, until, untitledNote } from './helpers';

const SOCKSTAT = 'sockets: used 1342\nTCP: inuse 71270 orphan 61920 tw 8120 alloc 71288 mem 182044\nUDP: inuse 6 mem 4';

async function paste(doc: vscode.TextDocument, range: vscode.Range, text: string, now: number, only?: vscode.DocumentDropOrPasteEditKind): Promise<vscode.DocumentPasteEdit[] | undefined> {
  const data = new vscode.DataTransfer();
  data.set('text/plain', new vscode.DataTransferItem(text));
  const context: vscode.DocumentPasteEditContext = { only, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };
  return new TcpEvidencePasteProvider(() => now).provideDocumentPasteEdits(doc, [range], data, context, new vscode.CancellationTokenSource().token);
}

suite('Paste as TCP evidence', () => {
  test('plain paste stays the default: the clipboard text goes in as is', async () => {
    const editor = await untitledNote('# Incident\n\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await vscode.env.clipboard.writeText(SOCKSTAT);
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    const text = await until('the paste', async () => (editor.document.getText().includes('orphan 61920') ? editor.document.getText() : undefined));
    assert.equal(text, `# Incident\n\n${SOCKSTAT}`);
    assert.ok(!text.includes('```'), 'no fence unless asked for');
    await closeWithoutSaving();
  });

  // code-server's web workbench gets no DOM paste event from `editor.action.pasteAs` run by a command (it falls back
  // to inserting the clipboard text, past every paste provider): the real Ctrl+V path is the UI spec
  // (test/e2e/paste.test.ts). Here the registered provider's class is driven through the API itself.
  test('the provider offers a fenced block with the command and the time of pasting; applied, one undo restores the note', async () => {
    const editor = await untitledNote('# Incident\n\n\n## Later\n');
    const doc = editor.document;
    const original = doc.getText();
    const at = new vscode.Range(2, 0, 2, 0);
    const now = Date.UTC(2026, 11, 4, 8, 5, 9);
    const edits = await paste(doc, at, SOCKSTAT, now);
    assert.equal(edits?.length, 1);
    const edit = edits![0]!;
    assert.equal(edit.title, 'Paste as TCP evidence');
    assert.equal(edit.kind?.value, 'markdown.tcpEvidence');
    assert.deepEqual(edit.yieldTo?.map((k) => (k instanceof vscode.DocumentDropOrPasteEditKind ? k.value : '')), ['text'], 'plain paste ranks first');
    const insert = typeof edit.insertText === 'string' ? edit.insertText : edit.insertText.value;
    const lines = insert.split('\n');
    assert.equal(lines[0], '```text');
    const offset = -new Date(now).getTimezoneOffset();
    const time = /^# pasted (\S+)$/.exec(lines[1] ?? '')?.[1];
    assert.ok(time && Date.parse(time) === now, `the time of pasting as ISO 8601 (${time}, offset ${offset})`);
    assert.equal(lines[2], '$ cat /proc/net/sockstat');
    assert.deepEqual(lines.slice(3, 6), SOCKSTAT.split('\n'));
    assert.equal(lines[6], '```');
    const we = new vscode.WorkspaceEdit();
    we.replace(doc.uri, at, insert);
    assert.ok(await vscode.workspace.applyEdit(we));
    const expected = `# Incident\n\n${insert}\n## Later\n`;
    assert.equal(doc.getText(), expected, `applied: ${JSON.stringify(doc.getText())} vs ${JSON.stringify(expected)}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo step');
    await closeWithoutSaving();
  });

  test('the provider offers nothing for prose, and nothing when another kind is asked for', async () => {
    const editor = await untitledNote('# Notes\n\nsome text');
    const doc = editor.document;
    assert.equal(await paste(doc, new vscode.Range(2, 0, 2, 0), 'The orphans are in FIN-WAIT-1, see the graph.', Date.now()), undefined);
    const other = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link');
    assert.equal(await paste(doc, new vscode.Range(2, 0, 2, 0), SOCKSTAT, Date.now(), other), undefined);
    // Mid-line: the block gets its own lines.
    const mid = await paste(doc, new vscode.Range(2, 4, 2, 4), SOCKSTAT, Date.now());
    const text = mid?.[0]?.insertText;
    assert.ok(typeof text === 'string' && text.startsWith('\n```text') && text.endsWith('```\n'));
    await closeWithoutSaving();
  });
});
