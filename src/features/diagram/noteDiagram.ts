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
 * The diagram model of the whole note as the panel shows it (the panel's Linux layer when it shows this
 * note), built by the same core functions as the panel and the export.
 */
export async function noteDiagramModel(models: NoteModels, document: vscode.TextDocument): Promise<DiagramModel> {
  const lang = currentLang();
  const model = models.peek(document) ?? (await models.whenReady(document)) ?? models.get(document);
  const panel = DiagramPanel.active;
  const showLinux = panel?.documentUri === document.uri.toString() ? panel.panelState.showLinux : false;
  const name = document.uri.path.split('/').pop() || 'note';
  const source = diagramSource(model, lang, undefined, name);
  return buildDiagramModel({ ...source.input, showLinux }, lang);
}
