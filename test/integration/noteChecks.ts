import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { buildTemplate } from '../../src/core/template';
import { analyzeNote } from '../../src/core/note/analyze';
import { cachedAnalysis } from '../../src/core/report/summaries';
import { templateFacts } from '../../src/core/template/facts';
import { diagramRenderOf, hoversAt, hoverText, ours, positionOf } from './helpers';

// Checks shared by the suites that prove the features on other kinds of documents and hosts (untitled,
// virtual file systems, restricted mode, the web worker host): one note, the same expectations everywhere.

export const TEMPLATE = 'tcpStateNotes.insertDiagnosisTemplate';

/** A short note with prose mentions and pasted `ss` output (two FIN-WAIT-1 sockets, one ESTAB). */
export const NOTE = [
  '# Slow clients',
  '',
  'The load balancer closed, but netstat kept showing FIN_WAIT1 for minutes.',
  '',
  '```',
  '$ ss -tan',
  'State      Recv-Q Send-Q   Local Address:Port    Peer Address:Port  Process',
  'ESTAB      0      0           10.20.0.3:443      203.0.113.7:52114',
  'FIN-WAIT-1 0      187904      10.20.0.3:443      198.51.100.23:40112',
  'FIN-WAIT-1 0      201216      10.20.0.3:443      198.51.100.23:40118',
  '```',
  '',
  '',
].join('\n');

/** Our hover on the prose FIN_WAIT1 of NOTE: netstat's spelling, the state, and the note's own evidence. */
export async function assertFinWait1Hover(doc: vscode.TextDocument): Promise<void> {
  const hovers = ours(await hoversAt(doc, positionOf(doc, 'FIN_WAIT1 for', 0, 3)));
  assert.equal(hovers.length, 1, 'exactly one TCP State Notes hover');
  const text = hoverText(hovers);
  assert.match(text, /\*\*FIN-WAIT-1\*\*/);
  assert.match(text, /netstat/);
  // The `ss` output (its State header) starts on line 7 of the note; 2 of the 3 listed sockets.
  assert.match(text, /2 FIN-WAIT-1 in the `ss` output at line 7 — 67% of listed sockets/);
  assert.equal(doc.getText(hovers[0]?.range), 'FIN_WAIT1');
}

/** Inserts the FIN-WAIT-1 template (English) at the end of the active note and checks the exact result. */
export async function assertTemplateInserted(editor: vscode.TextEditor): Promise<void> {
  const before = editor.document.getText();
  const end = editor.document.positionAt(before.length);
  editor.selection = new vscode.Selection(end, end);
  const ok = await vscode.commands.executeCommand<boolean>(TEMPLATE, { symptom: 'fin-wait-1', lang: 'en' });
  assert.equal(ok, true, 'the template command reports an edit');
  assert.equal(editor.document.getText(), before + prefilledTemplate(before));
}

/** The template prefilled from `note` (its host, kernel, sample time, counts, likely cause), as the command builds it. */
export function prefilledTemplate(note: string): string {
  const model = analyzeNote(note);
  return buildTemplate('fin-wait-1', 'en', templateFacts(model, cachedAnalysis(model), 'fin-wait-1', 'en')).markdown;
}

/** Opens the diagram for the active note and checks what it highlighted and counted. */
export async function assertDiagramOf(doc: vscode.TextDocument): Promise<void> {
  const uri = await vscode.commands.executeCommand<string>('tcpStateNotes.showDiagram');
  assert.equal(uri, doc.uri.toString());
  const render = await diagramRenderOf(doc);
  assert.deepEqual([...render.highlighted].sort(), ['ESTABLISHED', 'FIN-WAIT-1']);
  assert.equal(render.counts['FIN-WAIT-1'], 2, 'counts come from the pasted ss output');
}
