import * as vscode from 'vscode';
import { diagramSource } from '../../core/diagram/fromNote';
import { buildDiagramModel, type DiagramModel } from '../../core/diagram/model';
import { currentLang } from '../language';
import type { NoteModels } from '../noteModels';
import { DiagramPanel } from './panel';

/** The markdown note a diagram command works on: the active editor's, else the one the panel shows. */
export function diagramEditor(): vscode.TextEditor | undefined {
  const active = vscode.window.activeTextEditor;
  if (active?.document.languageId === 'markdown') return active;
  const uri = DiagramPanel.active?.documentUri;
  return uri ? vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri) : undefined;
}

/**
 * The diagram model the panel shows when it shows this note (scope, Linux layer, live counts: the model the
 * exports use); otherwise the whole note's, built by the same core functions.
 */
export async function noteDiagramModel(models: NoteModels, document: vscode.TextDocument): Promise<DiagramModel> {
  const panel = DiagramPanel.active;
  const shown = panel?.documentUri === document.uri.toString() ? panel.exportedDiagram() : undefined;
  if (shown) return shown;
  const lang = currentLang();
  const model = models.peek(document) ?? (await models.whenReady(document)) ?? models.get(document);
  const showLinux = false;
  const name = document.uri.path.split('/').pop() || 'note';
  const source = diagramSource(model, lang, undefined, name);
  return buildDiagramModel({ ...source.input, showLinux }, lang);
}
