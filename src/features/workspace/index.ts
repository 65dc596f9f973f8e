/** The workspace features (issue #14): the index, references, workspace symbols and the TCP Evidence view. */
import * as vscode from 'vscode';
import { WorkspaceNotes } from './notes';
import { registerWorkspaceProviders } from './providers';
import { registerEvidenceTree } from './tree';

export function registerWorkspace(context: vscode.ExtensionContext): vscode.Disposable {
  const notes = new WorkspaceNotes();
  return vscode.Disposable.from(notes, registerWorkspaceProviders(notes), registerEvidenceTree(notes, context.extensionMode === vscode.ExtensionMode.Test));
}
