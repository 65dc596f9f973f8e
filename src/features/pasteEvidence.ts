/**
 * "Paste as TCP evidence": a paste edit offered when the clipboard's text is socket output (core:
 * src/core/evidence/pasteEvidence.ts). Plain paste stays the default — this edit yields to the text paste —
 * and is picked from the paste widget or with "Paste As…". The edit replaces the pasted range, one undo step.
 */
import * as vscode from 'vscode';
import { formatPastedEvidence, isoWithOffset } from '../core/evidence/pasteEvidence';

/** The paste edit's kind (also what `editor.action.pasteAs` takes: `{ kind: 'markdown.tcpEvidence' }`). */
export const TCP_EVIDENCE_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'tcpEvidence');

export class TcpEvidencePasteProvider implements vscode.DocumentPasteEditProvider {
  constructor(private readonly now: () => number = () => Date.now()) {}

  async provideDocumentPasteEdits(
    document: vscode.TextDocument,
    ranges: readonly vscode.Range[],
    dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentPasteEdit[] | undefined> {
    if (context.only && !TCP_EVIDENCE_KIND.intersects(context.only)) return undefined;
    const item = dataTransfer.get('text/plain');
    if (!item) return undefined;
    const text = await item.asString();
    if (token.isCancellationRequested) return undefined;
    const range = ranges[0];
    if (!range) return undefined;
    const line = document.lineAt(range.end.line).text;
    const before = document.lineAt(range.start.line).text.slice(0, range.start.character);
    const ms = this.now();
    const time = isoWithOffset(ms, -new Date(ms).getTimezoneOffset());
    const out = formatPastedEvidence(text, time, { atLineStart: before.trim() === '', restOfLineEmpty: line.slice(range.end.character).trim() === '' });
    if (!out) return undefined;
    const edit = new vscode.DocumentPasteEdit(out.text, vscode.l10n.t('Paste as TCP evidence'), TCP_EVIDENCE_KIND);
    // Plain paste stays the default: this edit ranks after the text paste.
    edit.yieldTo = [vscode.DocumentDropOrPasteEditKind.Text];
    return [edit];
  }
}

export function registerPasteEvidence(): vscode.Disposable {
  return vscode.languages.registerDocumentPasteEditProvider({ language: 'markdown' }, new TcpEvidencePasteProvider(), {
    providedPasteEditKinds: [TCP_EVIDENCE_KIND],
    pasteMimeTypes: ['text/plain'],
  });
}
