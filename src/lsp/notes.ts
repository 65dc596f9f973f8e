/**
 * The notes a client has open, as vscode-languageserver-textdocument TextDocuments, and their models from the
 * pure per-document cache (core/note/documents.ts) — the same cache the VS Code layer uses. Incremental edits
 * are reported to the cache change by change (each in offsets of the text before it), so a keystroke in a
 * large note re-analyses only the touched blocks.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { NoteDocuments, type RemoteAnalyser } from '../core/note/documents';
import type { NoteModel } from '../core/note/model';

export interface OpenNotesOptions {
  /** Largest note analysed, in UTF-16 code units. */
  readonly maxLength: () => number;
  /** A large note's background analysis is ready. */
  readonly onAnalysed?: (document: TextDocument) => void;
  /** Analyses off the server's thread (the analysis worker, with the cache's time budget); none: in process. */
  readonly remote?: RemoteAnalyser;
}

/** A document opened or changed (its TextDocument), or closed (undefined). */
export type OpenNotesListener = (uri: string, document: TextDocument | undefined) => void;

export class OpenNotes {
  private readonly documents = new Map<string, TextDocument>();
  private readonly listeners: OpenNotesListener[] = [];
  readonly cache: NoteDocuments<TextDocument>;

  constructor(options: OpenNotesOptions) {
    this.cache = new NoteDocuments<TextDocument>({
      schedule: (work) => {
        const timer = setTimeout(work, 0);
        return () => clearTimeout(timer);
      },
      maxLength: () => options.maxLength(),
      ...(options.remote
        ? {
            remote: options.remote,
            after: (ms: number, work: () => void) => {
              const timer = setTimeout(work, ms);
              return () => clearTimeout(timer);
            },
          }
        : {}),
      ...(options.onAnalysed ? { onAnalysed: options.onAnalysed } : {}),
    });
  }

  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const previous = this.documents.get(uri);
    if (previous) this.cache.closed(previous);
    const document = TextDocument.create(uri, languageId, version, text);
    this.documents.set(uri, document);
    // The analysis starts now (a large note's goes to the worker at once), before the listeners' own work on
    // the text (the workspace index), which then runs beside it rather than before it.
    this.cache.peek(document);
    // While the worker analyses, this thread waits: the document's line table, which every position in the
    // answers about it is converted with (built on the first conversion), is built now instead of in the first
    // answer. A scan of the text; nothing is built twice.
    if (this.cache.info(document).where === 'worker') setImmediate(() => this.documents.get(uri) === document && document.positionAt(0));
    this.emit(uri, document);
    return document;
  }

  /** Calls `listener` after every open, change and close. */
  onDidChange(listener: OpenNotesListener): void {
    this.listeners.push(listener);
  }

  private emit(uri: string, document: TextDocument | undefined): void {
    for (const l of this.listeners) l(uri, document);
  }

  /** Applies the client's changes in order (LSP: each relative to the text after the previous one). */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): TextDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    for (const change of changes) {
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        this.cache.edited(document, [{ rangeOffset: start, rangeLength: end - start, text: change.text }]);
      } else {
        this.cache.edited(document, [{ rangeOffset: 0, rangeLength: document.getText().length, text: change.text }]);
      }
      // Updates the document object in place: the cache knows it by identity.
      TextDocument.update(document, [change], version);
    }
    this.emit(uri, document);
    return document;
  }

  close(uri: string): void {
    const document = this.documents.get(uri);
    if (!document) return;
    this.cache.closed(document);
    this.documents.delete(uri);
    this.emit(uri, undefined);
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return [...this.documents.values()];
  }

  /** The model for a hover: the full one when ready, else one built from the hovered line (never blocks). */
  forHover(document: TextDocument, line: number, character: number): NoteModel {
    const start = document.offsetAt({ line, character: 0 });
    const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    return this.cache.forLine(document, text, start, character);
  }

  /** Forgets every model (the size limit changed). */
  reset(): void {
    this.cache.clear();
  }
}
