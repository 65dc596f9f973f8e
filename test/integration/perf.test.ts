import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateNote } from '../../bench/generate';
import { hoversAt, hoverText, ours, until, workspaceUri } from './helpers';

/*
 * Correctness of large-note handling in the real extension host: hovers answer while a note is analysed in the
 * background, edits only mark the model stale, one catch-up brings it up to date. How long each step takes is
 * measured by the benchmark (bench/run.ts: hover p50/p99, first hover before the model, background slices,
 * edits), as ratios against a baseline in the same process, never asserted here.
 */

interface AnalysisInfo {
  state: 'ready' | 'stale' | 'analysing' | 'too-large' | 'none';
  progress?: number;
  plainBlocks?: number;
}

const info = (doc: vscode.TextDocument) => vscode.commands.executeCommand<AnalysisInfo | undefined>('tcpStateNotes.analysisInfo', doc.uri.toString());

/** The notes this suite wrote: removed at its end, so later suites (the workspace index) do not see them. */
const written: vscode.Uri[] = [];

async function openGenerated(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri('fixtures', name);
  written.push(uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  await vscode.extensions.getExtension('tcp-state-notes.tcp-state-notes')?.activate();
  return doc;
}

suite('Large notes stay responsive', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('maxNoteSizeMB', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written.splice(0)) await Promise.resolve(vscode.workspace.fs.delete(uri)).catch(() => undefined);
  });

  test('a 5 MB note: hovers answer while it is analysed in the background, then hovers cite evidence', async function () {
    this.timeout(180_000);
    const text = generateNote(5 * 1024 * 1024, 3);
    const doc = await openGenerated('perf-5mb.md', text);
    const at = text.indexOf('FIN-WAIT-1 0');
    const pos = doc.positionAt(at + 2);
    const hovers = ours(await hoversAt(doc, pos));
    const analysing = (await info(doc))?.state;
    assert.equal(hovers.length, 1, `a hover while the note is analysed (analysis ${analysing})`);
    assert.match(hoverText(hovers), /\*\*FIN-WAIT-1\*\*/);
    await until('the background analysis', async () => (await info(doc))?.state === 'ready', 120_000, 50);
    const ready = ours(await hoversAt(doc, pos));
    assert.match(hoverText(ready), /In this note/, 'with the model ready, the hover cites the pasted output');
    assert.equal(doc.isDirty, false, 'analysis and hovers never change the note');

    // Over tcpStateNotes.maxNoteSizeMB: not analysed, and hovers still answer from the line.
    await vscode.workspace.getConfiguration('tcpStateNotes').update('maxNoteSizeMB', 1, vscode.ConfigurationTarget.Global);
    await until('the size limit', async () => (await info(doc))?.state === 'too-large', 10_000, 50);
    const close = ours(await hoversAt(doc, doc.positionAt(text.indexOf('CLOSE_WAIT') + 2)));
    assert.match(hoverText(close), /\*\*CLOSE-WAIT\*\*/);
    assert.doesNotMatch(hoverText(close), /In this note/, 'no model, so nothing about the note');
    await vscode.workspace.getConfiguration('tcpStateNotes').update('maxNoteSizeMB', undefined, vscode.ConfigurationTarget.Global);
    await until('the size limit to be lifted', async () => (await info(doc))?.state !== 'too-large', 10_000, 50);
  });

  test('fast typing queues nothing: a burst of edits, then one catch-up and a correct hover', async function () {
    this.timeout(180_000);
    const text = generateNote(1024 * 1024, 4);
    const doc = await openGenerated('perf-1mb.md', text);
    const editor = await vscode.window.showTextDocument(doc);
    ours(await hoversAt(doc, doc.positionAt(text.indexOf('LAST-ACK') + 2)));
    await until('the analysis', async () => (await info(doc))?.state === 'ready', 60_000, 50);
    const before = doc.version;
    const line = doc.lineAt(doc.positionAt(text.length / 2).line).range.start;
    const edits = 150;
    for (let i = 0; i < edits; i++) await editor.edit((b) => b.insert(line, i % 2 ? 'x' : 'y'), { undoStopBefore: false, undoStopAfter: false });
    assert.equal(doc.version, before + edits);
    assert.equal((await info(doc))?.state, 'stale', 'edits were only recorded');
    const at = doc.getText().lastIndexOf('LAST-ACK');
    const hovers = ours(await hoversAt(doc, doc.positionAt(at + 2)));
    assert.match(hoverText(hovers), /\*\*LAST-ACK\*\*/);
    assert.match(hoverText(hovers), /In this note/);
    const after = await info(doc);
    assert.equal(after?.state, 'ready', 'one catch-up brought the model up to date');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
