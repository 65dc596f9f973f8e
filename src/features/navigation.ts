import * as vscode from 'vscode';
import { adjacentMention, summarizeEvidence } from '../core/note/navigation';
import { describeEvidence, evidenceSymbols } from '../core/note/evidenceNames';
import { COMMANDS } from './commands';
import { MARKDOWN_SELECTOR } from './hover';
import type { NoteModels } from './noteModels';
import { blockConnectionSummary } from '../core/report/summaries';
import { currentLang } from './language';

/** One lens above each evidence block: what it shows, and a click opens the diagram with those counts. */
export class EvidenceCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly models: NoteModels) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpStateNotes.codeLens.enabled')) this.changed.fire();
    });
  }

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('tcpStateNotes', document).get<boolean>('codeLens.enabled', true)) return [];
    // Never blocks: a large note analysed in the background answers when its model is ready.
    const model = this.models.peek(document) ?? (await this.models.whenReady(document, token));
    if (!model || token.isCancellationRequested) return [];
    return model.evidence.flatMap((block) => {
      const start = document.positionAt(block.start);
      const range = new vscode.Range(start, start);
      const lens = new vscode.CodeLens(range, {
        title: `${describeEvidence(summarizeEvidence(block), currentLang())} · ${vscode.l10n.t('Show in diagram')}`,
        tooltip: vscode.l10n.t('Open the TCP state diagram of this note'),
        command: COMMANDS.showDiagram,
        arguments: [{ uri: document.uri.toString() }],
      });
      // A listing with timers or processes: what its sockets show, and the likely cause (issue #13).
      const detail = blockConnectionSummary(model, block, currentLang());
      if (!detail) return [lens];
      return [
        lens,
        new vscode.CodeLens(range, {
          title: detail.title,
          tooltip: vscode.l10n.t('Open the TCP state diagram at this state'),
          command: COMMANDS.showDiagram,
          arguments: [{ uri: document.uri.toString(), state: detail.state }],
        }),
      ];
    });
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}

/** Evidence blocks in the Outline and Go to Symbol (core/note/evidenceNames, shared with the language server). */
export class EvidenceSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly models: NoteModels) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    const model = this.models.peek(document) ?? (await this.models.whenReady(document, token));
    if (!model || token.isCancellationRequested) return [];
    return evidenceSymbols(model, currentLang()).map((symbol) => {
      const range = new vscode.Range(document.positionAt(symbol.start), document.positionAt(symbol.end));
      return new vscode.DocumentSymbol(symbol.name, symbol.detail, vscode.SymbolKind.Event, range, new vscode.Range(range.start, document.positionAt(symbol.selectionEnd)));
    });
  }
}

export type MentionJump = { readonly state: string; readonly index: number; readonly total: number } | undefined;

/** Moves the selection to the next (previous) mention of the state under the cursor, cycling. */
export function jumpToMention(models: NoteModels, direction: 'next' | 'previous'): MentionJump {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Open a Markdown note to move between mentions of a TCP state.'), 4000);
    return undefined;
  }
  const { document } = editor;
  const hit = adjacentMention(models.get(document), document.offsetAt(editor.selection.active), direction);
  if (!hit.found) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Put the cursor on a TCP state to move between its mentions.'), 4000);
    return undefined;
  }
  if (hit.total === 1) {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} is mentioned only here.', hit.state), 4000);
  } else {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: mention {1} of {2}', hit.state, hit.index, hit.total), 4000);
  }
  const range = new vscode.Range(document.positionAt(hit.to.start), document.positionAt(hit.to.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return { state: hit.state, index: hit.index, total: hit.total };
}

export function registerNavigation(models: NoteModels): vscode.Disposable {
  const lenses = new EvidenceCodeLensProvider(models);
  return vscode.Disposable.from(
    lenses,
    vscode.languages.registerCodeLensProvider(MARKDOWN_SELECTOR, lenses),
    vscode.languages.registerDocumentSymbolProvider(MARKDOWN_SELECTOR, new EvidenceSymbolProvider(models), { label: 'TCP State Notes' }),
    vscode.commands.registerCommand(COMMANDS.nextMention, () => jumpToMention(models, 'next')),
    vscode.commands.registerCommand(COMMANDS.previousMention, () => jumpToMention(models, 'previous')),
  );
}
