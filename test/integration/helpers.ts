import * as vscode from 'vscode';
import * as assert from 'node:assert/strict';
import { until } from '../support/until';

export { until };

export const EXTENSION_ID = 'tcp-state-notes.tcp-state-notes';

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder (examples + fixtures)');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function activateExtension(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  await ext.activate();
}

/** A new untitled Markdown note with `content`, shown in an editor (in `column` when given), the extension active. */
export async function untitledNote(content: string, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  const editor = await vscode.window.showTextDocument(doc, column);
  await activateExtension();
  return editor;
}

/** Closes the active editor, dropping its changes (an untitled note goes without a save prompt). */
export async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export async function openNote(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  const editor = await vscode.window.showTextDocument(doc);
  await activateExtension();
  return editor;
}

/** Offset of the n-th (0-based) occurrence of `needle`, plus `within` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, occurrence = 0, within = 1): vscode.Position {
  let from = 0;
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = doc.getText().indexOf(needle, from);
    assert.ok(at >= 0, `"${needle}" #${i} not found in ${doc.uri.path}`);
    from = at + 1;
  }
  return doc.positionAt(at + within);
}

export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

export async function hoversAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
}

/** Our hovers only (other extensions, e.g. built-in markdown link hovers, may add theirs). */
export function ours(hovers: readonly vscode.Hover[]): vscode.Hover[] {
  return hovers.filter((h) => hoverText([h]).includes('Orphan verdict') || hoverText([h]).includes('孤儿') || hoverText([h]).includes('**Sources:**') || hoverText([h]).includes('来源'));
}


export interface DiagramRender {
  uri: string;
  version: number;
  highlighted: string[];
  counts: Record<string, number>;
}

/** Waits until the diagram panel has rendered `doc` at its current version, and returns that render. */
export async function diagramRenderOf(doc: vscode.TextDocument): Promise<DiagramRender> {
  return until(`a diagram render of ${doc.uri.toString()}`, async () => {
    const info = await vscode.commands.executeCommand<{ lastRender?: DiagramRender } | undefined>('tcpStateNotes.diagramInfo');
    const r = info?.lastRender;
    return r && r.uri === doc.uri.toString() && r.version === doc.version ? r : undefined;
  });
}
