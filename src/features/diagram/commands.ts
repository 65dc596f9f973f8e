/**
 * The diagram's commands: each a thin call into the open panel (or opens one). Registered with the panel's
 * serializer, so a reload restores the panel.
 */
import * as vscode from 'vscode';
import type { StateId } from '../../core/catalogue/types';
import type { DiagramScope } from '../../webview/protocol';
import { COMMANDS } from '../commands';
import type { NoteModels } from '../noteModels';
import { unsupportedMessage } from '../snapshot';
import { DiagramPanel } from './panel';
import { DIAGRAM_VIEW_TYPE } from './viewType';
import { isSelectState } from '../../webview/detailProtocol';

/** The note a command acts on: the one named by `arg.uri` when it is open, else the active markdown editor. */
function markdownDocument(arg?: { uri?: string }): vscode.TextDocument | undefined {
  if (arg?.uri) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri);
    if (doc) return doc;
  }
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'markdown' ? editor.document : undefined;
}

function noNote(): undefined {
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to show its TCP state diagram.'));
  return undefined;
}

/** For tests: the state of the open panel. */
export function diagramPanelInfo() {
  const p = DiagramPanel.active;
  return p ? { uri: p.documentUri, state: p.panelState, visible: p.panel.visible, active: p.panel.active, lastRender: p.lastRender, live: p.live.status, lastDetail: p.lastDetail, timeline: p.lastTimeline } : undefined;
}

export function registerDiagram(context: vscode.ExtensionContext, models: NoteModels): vscode.Disposable {
  const show = async (arg?: { uri?: string; state?: StateId }) => {
    const document = markdownDocument(arg);
    if (!document) return noNote();
    const panel = DiagramPanel.show(context, models, document);
    if (arg?.state) await panel.revealState(arg.state);
    return panel.documentUri;
  };
  const toggleLive = (arg?: { on?: boolean }) => {
    const unsupported = unsupportedMessage();
    if (unsupported) {
      void vscode.window.showWarningMessage(unsupported);
      return false;
    }
    let panel = DiagramPanel.active;
    if (!panel) {
      const document = markdownDocument();
      if (!document) return noNote() ?? false;
      panel = DiagramPanel.show(context, models, document);
    }
    return panel.setLive(typeof arg?.on === 'boolean' ? arg.on : !panel.live.on);
  };
  const freeze = async () => {
    const panel = DiagramPanel.active;
    if (!panel) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Turn Live on in the diagram first: there is no live snapshot to freeze yet.'));
      return { inserted: false, problems: [] };
    }
    return panel.freeze();
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showDiagram, show),
    vscode.commands.registerCommand(COMMANDS.toggleDiagramLock, () => DiagramPanel.active?.setLocked(!DiagramPanel.active.panelState.locked)),
    vscode.commands.registerCommand(COMMANDS.setDiagramScope, (scope: DiagramScope) => DiagramPanel.active?.setScope(scope)),
    vscode.commands.registerCommand(COMMANDS.exportDiagramSvg, () => DiagramPanel.active?.exportSvg()),
    vscode.commands.registerCommand(COMMANDS.exportDiagramPng, () => DiagramPanel.active?.exportPng()),
    vscode.commands.registerCommand(COMMANDS.copyDiagramSvg, () => DiagramPanel.active?.copySvg()),
    // For tests (not in the manifest), only when the extension runs under tests.
    context.extensionMode === vscode.ExtensionMode.Test ? vscode.commands.registerCommand(COMMANDS.diagramInfo, () => diagramPanelInfo()) : { dispose: () => undefined },
    vscode.commands.registerCommand(COMMANDS.toggleLive, toggleLive),
    vscode.commands.registerCommand(COMMANDS.selectDiagramState, (state: unknown) => (isSelectState(state) ? (DiagramPanel.active?.selectState(state), true) : false)),
    vscode.commands.registerCommand(COMMANDS.selectDiagramSample, (index: unknown) => (typeof index === 'number' ? (DiagramPanel.active?.selectSample(index) ?? false) : false)),
    vscode.commands.registerCommand(COMMANDS.freezeLiveSnapshot, freeze),
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => DiagramPanel.restore(context, models, panel, state),
    }),
    { dispose: () => DiagramPanel.active?.dispose() },
  );
}
