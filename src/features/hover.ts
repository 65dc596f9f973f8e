import * as vscode from 'vscode';
import { explainMention } from '../core/explain';
import { mentionAt } from '../core/note/model';
import type { StateId } from '../core/catalogue/types';
import { currentLang } from './language';
import type { NoteModels } from './noteModels';
import { COMMANDS } from './commands';
import { parseKernelRelease } from '../core/knowledge/kernel';
import { stateEvidenceMarkdown } from '../core/report/summaries';

export const MARKDOWN_SELECTOR: vscode.DocumentSelector = { language: 'markdown', scheme: '*' };

function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

export class TcpHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: NoteModels) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!vscode.workspace.getConfiguration('tcpStateNotes', document).get<boolean>('hover.enabled', true)) return undefined;
    // Never blocks: a note still being analysed (in the worker or in slices) answers from the hovered line.
    const model = await this.models.forHoverSoon(document, position, token);
    if (token.isCancellationRequested) return undefined;
    const mention = mentionAt(model, document.offsetAt(position));
    if (!mention) return undefined;
    const setting = vscode.workspace.getConfiguration('tcpStateNotes', document).get<string>('kernelVersion', '');
    const version = setting ? parseKernelRelease(setting) : undefined;
    const lang = currentLang();
    const explained = explainMention(mention, model, {
      lang,
      ...(version ? { kernel: { version, from: { kind: 'setting' as const } } } : {}),
      links: {
        showDiagram: (state: StateId) => commandUri(COMMANDS.showDiagram, [{ uri: document.uri.toString(), state }]),
        insertTemplate: (state: StateId) => commandUri(COMMANDS.insertTemplate, [{ state }]),
      },
    });
    if (!explained) return undefined;
    // The note's per-connection summary for the state, and the likely cause (issue #13).
    const extra = mention.kind === 'state' ? stateEvidenceMarkdown(model, mention.id as StateId, lang) : undefined;
    const text = extra ? `${explained}\n\n---\n\n${extra}` : explained;
    const md = new vscode.MarkdownString(text);
    md.supportHtml = false;
    md.isTrusted = { enabledCommands: [COMMANDS.showDiagram, COMMANDS.insertTemplate] };
    return new vscode.Hover(md, new vscode.Range(document.positionAt(mention.start), document.positionAt(mention.end)));
  }
}

export function registerHover(models: NoteModels): vscode.Disposable {
  return vscode.languages.registerHoverProvider(MARKDOWN_SELECTOR, new TcpHoverProvider(models));
}
