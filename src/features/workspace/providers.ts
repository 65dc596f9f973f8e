/**
 * Find All References on a state, term or counter mention (any spelling) across the workspace, and Go to
 * Symbol in Workspace (evidence blocks and headings carrying a state or term that matches the query), both
 * answered from the workspace index (notes.ts). Symbol names hold ids and parsed numbers, or a heading's
 * inert title (core/workspace/note.ts), never raw note text.
 */
import * as vscode from 'vscode';
import { findMentions } from '../../core/note/recognize';
import type { WorkspaceSymbol } from '../../core/workspace/index';
import type { WorkspaceNotes } from './notes';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];
/** The widest stretch of a line read around the cursor to find the mention under it. */
const WINDOW = 512;

/** The canonical id of the mention under `position`, read from the line around it. */
export function idAt(document: vscode.TextDocument, position: vscode.Position): string | undefined {
  const line = document.lineAt(position.line).text;
  let from = Math.max(0, position.character - WINDOW);
  const to = Math.min(line.length, position.character + WINDOW);
  while (from > 0 && from < position.character && !/\s/.test(line[from - 1] ?? ' ')) from++;
  const c = position.character - from;
  const hit = findMentions(line.slice(from, to)).find((m) => m.start <= c && c <= m.end);
  return hit && hit.kind !== 'aggregate' ? hit.id : undefined;
}

class References implements vscode.ReferenceProvider {
  constructor(private readonly notes: WorkspaceNotes) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, _context: vscode.ReferenceContext, token: vscode.CancellationToken): Promise<vscode.Location[] | undefined> {
    const id = idAt(document, position);
    if (!id) return undefined;
    await this.notes.whenBuilt();
    if (token.isCancellationRequested) return undefined;
    const out: vscode.Location[] = [];
    for (const r of this.notes.index.references(id)) {
      const uri = vscode.Uri.parse(r.key);
      for (let i = 0; i < r.rows.length; i += 3) {
        const line = r.rows[i] as number;
        const ch = r.rows[i + 1] as number;
        out.push(new vscode.Location(uri, new vscode.Range(line, ch, line, ch + (r.rows[i + 2] as number))));
      }
    }
    return out;
  }
}

function symbolName(s: WorkspaceSymbol): string {
  if (s.kind === 'heading') return s.title || s.id;
  return vscode.l10n.t('{0} ×{1} (evidence block)', s.id, s.count.toLocaleString(vscode.env.language));
}

function symbolDetail(s: WorkspaceSymbol): string {
  const n = s.count.toLocaleString(vscode.env.language);
  return s.unit === 'sockets' ? vscode.l10n.t('{0}: {1} sockets', s.id, n) : vscode.l10n.t('{0}: {1} mentions', s.id, n);
}

class Symbols implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly notes: WorkspaceNotes) {}

  provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): vscode.SymbolInformation[] {
    if (token.isCancellationRequested) return [];
    return this.notes.index.symbols(query, 500).map((s) => {
      const uri = vscode.Uri.parse(s.key);
      const range = new vscode.Range(s.line, 0, s.line, 0);
      // The container shows beside the name in Ctrl+T: the count, then the note's file name.
      const container = `${symbolDetail(s)} · ${uri.path.split('/').pop() ?? ''}`;
      return new vscode.SymbolInformation(symbolName(s), s.kind === 'heading' ? vscode.SymbolKind.String : vscode.SymbolKind.Event, container, new vscode.Location(uri, range));
    });
  }
}

export function registerWorkspaceProviders(notes: WorkspaceNotes): vscode.Disposable {
  return vscode.Disposable.from(vscode.languages.registerReferenceProvider(MARKDOWN, new References(notes)), vscode.languages.registerWorkspaceSymbolProvider(new Symbols(notes)));
}
