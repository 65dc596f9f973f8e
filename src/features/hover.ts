import * as vscode from 'vscode';
import { noteHover, waitForHoverEvidence } from '../core/noteHover';
import type { StateId } from '../core/catalogue/types';
import { currentLang } from './language';
import type { NoteModels } from './noteModels';
import { COMMANDS } from './commands';

export const MARKDOWN_SELECTOR: vscode.DocumentSelector = { language: 'markdown', scheme: '*' };

function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** Adapts core/noteHover (shared with the language server) to VS Code: the model, the settings, command links. */
export class TcpHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: NoteModels) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const config = vscode.workspace.getConfiguration('tcpStateNotes', document);
    if (!config.get<boolean>('hover.enabled', true)) return undefined;
    // Never blocks: a note still being analysed (in the worker or in slices) answers from the hovered line.
    const version = document.version;
    const model = await this.models.forHoverSoon(document, position, token);
    if (token.isCancellationRequested) return undefined;
    // A state's hover on a note the worker analysed waits for the worker's evidence analysis (its summary lines)
    // rather than read the note's listings again on this thread; an edit meanwhile starts the hover over.
    if (await waitForHoverEvidence(model, document.offsetAt(position))) {
      if (token.isCancellationRequested) return undefined;
      if (document.version !== version) return this.provideHover(document, position, token);
    }
    const hover = noteHover(model, document.offsetAt(position), {
      lang: currentLang(),
      kernelVersion: config.get<string>('kernelVersion', ''),
      links: {
        showDiagram: (state: StateId) => commandUri(COMMANDS.showDiagram, [{ uri: document.uri.toString(), state }]),
        insertTemplate: (state: StateId) => commandUri(COMMANDS.insertTemplate, [{ state }]),
      },
    });
    if (!hover) return undefined;
    const md = new vscode.MarkdownString(hover.markdown);
    md.supportHtml = false;
    md.isTrusted = { enabledCommands: [COMMANDS.showDiagram, COMMANDS.insertTemplate] };
    return new vscode.Hover(md, new vscode.Range(document.positionAt(hover.start), document.positionAt(hover.end)));
  }
}

export function registerHover(models: NoteModels): vscode.Disposable {
  return vscode.languages.registerHoverProvider(MARKDOWN_SELECTOR, new TcpHoverProvider(models));
}
