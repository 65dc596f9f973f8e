/**
 * Find All References on a state, term or counter mention (any spelling) across the workspace, and Go to
 * Symbol in Workspace (evidence blocks and headings carrying a state or term that matches the query), both
 * answered from the workspace index (notes.ts). Symbol names hold ids and parsed numbers, or a heading's
 * inert title (core/workspace/note.ts), never raw note text.
 */
import * as vscode from 'vscode';
import type { WorkspaceSymbol } from '../../core/workspace/index';
import { mentionAt, referenceLocations, workspaceSymbolDetail, workspaceSymbolName } from '../../core/workspace/present';
import { currentLang } from '../language';
import type { WorkspaceNotes } from './notes';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

/** The canonical id and kind of the mention under `position`. */
export function idAt(document: vscode.TextDocument, position: vscode.Position): ReturnType<typeof mentionAt> {
  return mentionAt(document.lineAt(position.line).text, position.character);
}

class References implements vscode.ReferenceProvider {
  constructor(private readonly notes: WorkspaceNotes) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const at = idAt(document, position);
    if (!at) return undefined;
    await this.notes.whenBuilt();
    if (token.isCancellationRequested) return undefined;
    return referenceLocations(this.notes.index.references(at.id, at.kind), document.uri.toString()).map((r) => new vscode.Location(vscode.Uri.parse(r.key), new vscode.Range(r.line, r.character, r.line, r.character + r.length)));
  }
}

class Symbols implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly notes: WorkspaceNotes) {}

  provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): vscode.SymbolInformation[] {
    if (token.isCancellationRequested) return [];
    const lang = currentLang();
    return this.notes.index.symbols(query, 500).map((s: WorkspaceSymbol) => {
      const uri = vscode.Uri.parse(s.key);
      const range = new vscode.Range(s.line, 0, s.line, 0);
      // The container shows beside the name in Ctrl+T: the count, then the note's file name.
      const container = `${workspaceSymbolDetail(s, lang)} · ${uri.path.split('/').pop() ?? ''}`;
      return new vscode.SymbolInformation(workspaceSymbolName(s, lang), s.kind === 'heading' ? vscode.SymbolKind.String : vscode.SymbolKind.Event, container, new vscode.Location(uri, range));
    });
  }
}

export function registerWorkspaceProviders(notes: WorkspaceNotes): vscode.Disposable {
  return vscode.Disposable.from(vscode.languages.registerReferenceProvider(MARKDOWN, new References(notes)), vscode.languages.registerWorkspaceSymbolProvider(new Symbols(notes)));
}
