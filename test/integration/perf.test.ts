import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { generateNote } from '../../bench/generate';
import { hoversAt, hoverText, ours, workspaceUri } from './helpers';

interface AnalysisInfo {
  state: 'ready' | 'stale' | 'analysing' | 'too-large' | 'none';
  progress?: number;
  plainBlocks?: number;
  /** Longest synchronous stretch of the extension's own work on the note. */
  longestMs?: number;
  longestWhat?: string;
  /** Time the extension's own part of the last hover took. */
  lastHoverMs?: number;
}

const info = (doc: vscode.TextDocument) => vscode.commands.executeCommand<AnalysisInfo | undefined>('tcpStateNotes.analysisInfo', doc.uri.toString());

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Longest gap between ticks of a 5 ms timer in this (the extension host's) event loop while `work` runs. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    stall = Math.max(stall, t - last);
    last = t;
  }, 5);
  try {
    const result = await work();
    return { result, stall };
  } finally {
    clearInterval(timer);
  }
}

async function openGenerated(name: string, text: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri('fixtures', name);
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
  });

  test('a 5 MB note: hovers answer while it is analysed in the background, the host never stalls, then hovers cite evidence', async function () {
    this.timeout(180_000);
    const text = generateNote(5 * 1024 * 1024, 3);
    const doc = await openGenerated('perf-5mb.md', text);
    const at = text.indexOf('FIN-WAIT-1 0');
    const pos = doc.positionAt(at + 2);
    const { result: first, stall } = await longestStall(async () => {
      const t0 = performance.now();
      const hovers = ours(await hoversAt(doc, pos));
      const ms = performance.now() - t0;
      const now = await info(doc);
      const analysing = now?.state;
      const own = now?.lastHoverMs ?? Infinity;
      await until('the background analysis', async () => (await info(doc))?.state === 'ready', 120_000);
      return { hovers, ms, analysing, own };
    });
    const done = await info(doc);
    const longest = done?.longestMs ?? Infinity;
    console.log(`[perf] 5 MB note: first hover ${first.ms.toFixed(0)} ms (analysis ${first.analysing}); longest stretch of our work ${longest.toFixed(1)} ms (${done?.longestWhat}), our part of the first hover ${first.own.toFixed(2)} ms; longest extension-host stall ${stall.toFixed(0)} ms (all extensions)`);
    assert.equal(first.hovers.length, 1, 'a hover while the note is analysed');
    // Analysing 5 MB takes half a second or more: a first hover that waited for it would show here.
    assert.ok(first.own < 150, `our part of the first hover (copying the text for the background analysis, reading the line) took ${first.own} ms`);
    assert.match(hoverText(first.hovers), /\*\*FIN-WAIT-1\*\*/);
    // Analysing 5 MB in one go blocks the host for about a second here; our slices are a few ms (the benchmark
    // measures them: ≤ 50 ms). Wall-clock time on a busy 2-core machine also counts preemption, hence the margin.
    assert.ok(longest < 300, `our longest synchronous stretch on the note was ${longest.toFixed(1)} ms`);
    // The host as a whole also runs VS Code's own markdown features on the same 5 MB (a generous bound).
    assert.ok(stall < 2000, `the extension host stalled ${stall.toFixed(0)} ms while the note was analysed`);
    const t0 = performance.now();
    const ready = ours(await hoversAt(doc, pos));
    const own = (await info(doc))?.lastHoverMs ?? Infinity;
    console.log(`[perf] 5 MB note: hover with the model ready ${(performance.now() - t0).toFixed(0)} ms round trip, ${own.toFixed(2)} ms of it ours`);
    assert.ok(own < 20, `our part of a hover on the ready 5 MB model took ${own} ms`);
    assert.match(hoverText(ready), /In this note/, 'with the model ready, the hover cites the pasted output');
    assert.equal(doc.isDirty, false, 'analysis and hovers never change the note');

    // Over tcpStateNotes.maxNoteSizeMB: not analysed, and hovers still answer from the line.
    await vscode.workspace.getConfiguration('tcpStateNotes').update('maxNoteSizeMB', 1, vscode.ConfigurationTarget.Global);
    await until('the size limit', async () => (await info(doc))?.state === 'too-large', 10_000);
    const close = ours(await hoversAt(doc, doc.positionAt(text.indexOf('CLOSE_WAIT') + 2)));
    assert.match(hoverText(close), /\*\*CLOSE-WAIT\*\*/);
    assert.doesNotMatch(hoverText(close), /In this note/, 'no model, so nothing about the note');
    await vscode.workspace.getConfiguration('tcpStateNotes').update('maxNoteSizeMB', undefined, vscode.ConfigurationTarget.Global);
    await until('the size limit to be lifted', async () => (await info(doc))?.state !== 'too-large', 10_000);
  });

  test('fast typing queues nothing: a burst of edits, then one catch-up and a correct hover', async function () {
    this.timeout(180_000);
    const text = generateNote(1024 * 1024, 4);
    const doc = await openGenerated('perf-1mb.md', text);
    const editor = await vscode.window.showTextDocument(doc);
    ours(await hoversAt(doc, doc.positionAt(text.indexOf('LAST-ACK') + 2)));
    await until('the analysis', async () => (await info(doc))?.state === 'ready', 60_000);
    const before = doc.version;
    const line = doc.lineAt(doc.positionAt(text.length / 2).line).range.start;
    const edits = 150;
    const { stall } = await longestStall(async () => {
      for (let i = 0; i < edits; i++) await editor.edit((b) => b.insert(line, i % 2 ? 'x' : 'y'), { undoStopBefore: false, undoStopAfter: false });
    });
    assert.equal(doc.version, before + edits);
    assert.equal((await info(doc))?.state, 'stale', 'edits were only recorded');
    const at = doc.getText().lastIndexOf('LAST-ACK');
    const t0 = performance.now();
    const hovers = ours(await hoversAt(doc, doc.positionAt(at + 2)));
    const ms = performance.now() - t0;
    console.log(`[perf] 1 MB note: ${edits} edits, longest stall ${stall.toFixed(0)} ms; hover after the burst ${ms.toFixed(0)} ms`);
    assert.match(hoverText(hovers), /\*\*LAST-ACK\*\*/);
    assert.match(hoverText(hovers), /In this note/);
    assert.ok(stall < 1000, `typing stalled the host for ${stall.toFixed(0)} ms`);
    const after = await info(doc);
    assert.equal(after?.state, 'ready', 'one catch-up brought the model up to date');
    assert.ok((after?.longestMs ?? Infinity) < 300, `our longest stretch on the 1 MB note was ${after?.longestMs} ms (${after?.longestWhat})`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
