import * as vscode from 'vscode';
import { renderMermaid } from '../../core/diagram/mermaid';
import { COMMANDS } from '../commands';
import type { NoteModels } from '../noteModels';
import { isWritable } from '../template';
import { diagramEditor, noteDiagramModel } from './noteDiagram';

function noNote(): undefined {
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to export its TCP state diagram.'));
  return undefined;
}

/** "Copy Diagram as Mermaid": the fenced block, ready to paste into a note, an issue or a wiki page. */
export async function copyMermaid(models: NoteModels): Promise<string | undefined> {
  const editor = diagramEditor();
  if (!editor) return noNote();
  const text = renderMermaid(await noteDiagramModel(models, editor.document), { fenced: true });
  await vscode.env.clipboard.writeText(text);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram copied as Mermaid'), 3000);
  return text;
}

/** "Insert Diagram as Mermaid Block": below the cursor's line, as one edit (one undo step). */
export async function insertMermaid(models: NoteModels): Promise<boolean> {
  const editor = diagramEditor();
  if (!editor) return noNote() ?? false;
  const { document } = editor;
  if (!isWritable(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This note is read-only: the diagram was not inserted.'));
    return false;
  }
  const block = renderMermaid(await noteDiagramModel(models, document), { fenced: true }).trimEnd();
  const line = document.lineAt(editor.selection.active.line);
  const version = document.version;
  const ok = await editor.edit((b) => b.insert(line.range.end, `\n\n${block}\n`), { undoStopBefore: true, undoStopAfter: true });
  if (!ok || document.version === version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The editor refused the edit (is the note read-only?). Nothing was changed.'));
    return false;
  }
  return true;
}

export function registerMermaidCommands(models: NoteModels): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.copyDiagramMermaid, () => copyMermaid(models)),
    vscode.commands.registerCommand(COMMANDS.insertDiagramMermaid, () => insertMermaid(models)),
  );
}
