import * as vscode from 'vscode';
import { linkedSvgName, relativeLink, renderLinkedSvg } from '../../core/diagram/linkedSvg';
import { COMMANDS } from '../commands';
import type { NoteModels } from '../noteModels';
import { isWritable } from '../template';
import { diagramEditor, noteDiagramModel } from './noteDiagram';

export interface SaveLinkedArgs {
  /** Skip the save dialog and use `<note>.states.svg` beside the note (tests, keybindings). */
  readonly useDefaultName?: boolean;
}

export interface SaveLinkedResult {
  readonly target: string;
  /** The link was inserted (false when the note already links that file: the file was only updated). */
  readonly linked: boolean;
}

const MEMENTO_KEY = 'tcpStateNotes.linkedSvgTargets';

/**
 * "Save Diagram Beside Note and Link It": writes the diagram as a self-contained SVG through workspace.fs
 * and inserts `![TCP states](…)` at the cursor as one edit. The file name comes from the note's file name or
 * a save dialog, never from the note's text; the chosen file is remembered per note, so running the command
 * again updates that file (and does not insert a second link).
 */
export async function saveLinkedSvg(context: vscode.ExtensionContext, models: NoteModels, args: SaveLinkedArgs = {}): Promise<SaveLinkedResult | undefined> {
  const editor = diagramEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to export its TCP state diagram.'));
    return undefined;
  }
  const { document } = editor;
  if (document.isUntitled || document.uri.scheme === 'untitled') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save the note first: the diagram is written beside it.'));
    return undefined;
  }
  if (!isWritable(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This note is read-only: the diagram was not inserted.'));
    return undefined;
  }
  const noteDir = vscode.Uri.joinPath(document.uri, '..');
  const noteName = document.uri.path.split('/').pop() ?? 'note.md';
  const remembered = context.workspaceState.get<Record<string, string>>(MEMENTO_KEY, {});
  let target = remembered[document.uri.toString()] ? vscode.Uri.parse(remembered[document.uri.toString()] as string) : undefined;
  if (!target || target.scheme !== document.uri.scheme || target.authority !== document.uri.authority) {
    const fallback = vscode.Uri.joinPath(noteDir, linkedSvgName(noteName));
    target = args.useDefaultName
      ? fallback
      : await vscode.window.showSaveDialog({ defaultUri: fallback, filters: { SVG: ['svg'] }, title: vscode.l10n.t('Save the diagram beside the note') });
    if (!target) return undefined;
    if (target.scheme !== document.uri.scheme || target.authority !== document.uri.authority) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Choose a file on the same file system as the note.'));
      return undefined;
    }
  }

  const svg = renderLinkedSvg(await noteDiagramModel(models, document));
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
  await context.workspaceState.update(MEMENTO_KEY, { ...remembered, [document.uri.toString()]: target.toString() });

  const segments = (u: vscode.Uri) => u.path.split('/').filter((s) => s !== '');
  const destination = relativeLink(segments(noteDir), segments(target));
  const alt = vscode.l10n.t('TCP states');
  const link = `![${alt}](${destination})`;
  const fileName = target.path.split('/').pop() ?? '';
  if (document.getText().includes(`](${destination})`)) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram updated in {0}', fileName), 4000);
    return { target: target.toString(), linked: false };
  }
  const version = document.version;
  const at = editor.selection.active;
  const ok = await editor.edit((b) => b.insert(at, link), { undoStopBefore: true, undoStopAfter: true });
  if (!ok || document.version === version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The diagram was saved to {0}, but the editor refused the link.', fileName));
    return { target: target.toString(), linked: false };
  }
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram saved to {0} and linked', fileName), 4000);
  return { target: target.toString(), linked: true };
}

export function registerLinkedSvgCommand(context: vscode.ExtensionContext, models: NoteModels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.saveDiagramBesideNote, (args?: SaveLinkedArgs) => saveLinkedSvg(context, models, args ?? {}));
}
