import * as vscode from 'vscode';
import { NoteModels } from './features/noteModels';
import { registerHover } from './features/hover';
import { registerExplainCommand } from './features/explainCommand';
import { registerTemplateCommand } from './features/template';
import { registerDiagram } from './features/diagram/commands';
import { registerMermaidCommands } from './features/diagram/mermaidCommands';
import { registerLinkedSvgCommand } from './features/diagram/linkedSvg';
import { registerDiagnostics } from './features/diagnostics';
import { registerNavigation } from './features/navigation';
import { registerSnapshotCommand } from './features/snapshot';
import { registerAgentTools } from './features/agentTools';
import { registerWorkspace } from './features/workspace';
import { registerPasteEvidence } from './features/pasteEvidence';
import { markdownItExtension, registerPreviewRefresh, type MarkdownItExtension } from './features/preview';

/** The analysis worker runs this same bundle (features/analysisWorker.ts starts it, then calls this). */
export { serveAnalysisWorker } from './workerMain';

/**
 * Composes the features; each register… returns what it must dispose. The return value is the markdown-it
 * plugin the built-in Markdown preview asks for (`markdown.markdownItPlugins` in package.json).
 */
export function activate(context: vscode.ExtensionContext): MarkdownItExtension {
  // Test-only hooks (analysisInfo, diagnosticsInfo, diagramInfo, toolInvocationInfo) exist only when the extension runs under tests.
  const testHooks = context.extensionMode === vscode.ExtensionMode.Test;
  const models = new NoteModels(context.extensionUri, testHooks);
  context.subscriptions.push(models, registerHover(models), registerExplainCommand(models), registerTemplateCommand(models), registerDiagram(context, models));
  context.subscriptions.push(registerDiagnostics(models, testHooks), registerNavigation(models));
  context.subscriptions.push(registerSnapshotCommand());
  context.subscriptions.push(registerMermaidCommands(models), registerLinkedSvgCommand(context, models));
  context.subscriptions.push(registerPreviewRefresh());
  context.subscriptions.push(registerAgentTools(models, testHooks));
  context.subscriptions.push(registerWorkspace(context));
  context.subscriptions.push(registerPasteEvidence());
  return markdownItExtension();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
