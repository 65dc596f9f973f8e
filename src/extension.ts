import * as vscode from 'vscode';
import { NoteModels } from './features/noteModels';
import { registerHover } from './features/hover';
import { registerExplainCommand } from './features/explainCommand';
import { registerTemplateCommand } from './features/template';
import { registerDiagram } from './features/diagram/panel';
import { registerDiagnostics } from './features/diagnostics';
import { registerNavigation } from './features/navigation';
import { registerSnapshotCommand } from './features/snapshot';

/** Composes the features; each register… returns what it must dispose. */
export function activate(context: vscode.ExtensionContext): void {
  const models = new NoteModels();
  context.subscriptions.push(models, registerHover(models), registerExplainCommand(models), registerTemplateCommand(models), registerDiagram(context, models));
  context.subscriptions.push(registerDiagnostics(models), registerNavigation(models));
  context.subscriptions.push(registerSnapshotCommand());
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
