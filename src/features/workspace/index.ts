/** The workspace features (issue #14): the index, references, workspace symbols and the TCP Evidence view. */
import * as vscode from 'vscode';
import { indexWorkerCount } from '../../core/workspace/workers';
import { hostCores, spawnWorker } from '../analysisWorker';
import { WorkspaceNotes } from './notes';
import { registerWorkspaceProviders } from './providers';
import { registerEvidenceTree } from './tree';

export function registerWorkspace(context: vscode.ExtensionContext): vscode.Disposable {
  // A build indexes notes in the host's analysis workers, one per core up to four (core/workspace/remote.ts).
  const notes = new WorkspaceNotes({ spawn: () => spawnWorker(context.extensionUri), size: indexWorkerCount(hostCores()) });
  return vscode.Disposable.from(notes, registerWorkspaceProviders(notes), registerEvidenceTree(notes, context.extensionMode === vscode.ExtensionMode.Test));
}
