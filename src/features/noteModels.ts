import * as vscode from 'vscode';
import { analyzeNote, type NoteModel } from '../core/analysis';

/**
 * One analysed model per open markdown document, computed lazily and cached by document version, so a hover
 * costs a binary search instead of a re-parse.
 */
export class NoteModels implements vscode.Disposable {
  /**
   * Keyed by the document object, not its URI: an untitled URI ("Untitled-1") is reused by the next untitled
   * note, possibly before the old one's close event arrives, and must never see the old note's model.
   */
  private cache = new WeakMap<vscode.TextDocument, { version: number; model: NoteModel }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires (once per version, lazily) when a markdown document changed. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.languageId === 'markdown' && e.contentChanges.length) this.changed.fire(e.document);
      }),
      this.changed,
    );
  }

  get(document: vscode.TextDocument): NoteModel {
    const hit = this.cache.get(document);
    if (hit && hit.version === document.version) return hit.model;
    const model = analyzeNote(document.getText());
    this.cache.set(document, { version: document.version, model });
    return model;
  }

  dispose(): void {
    this.cache = new WeakMap();
    for (const d of this.disposables) d.dispose();
  }
}
