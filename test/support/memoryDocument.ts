/** An in-memory note for the pure document cache's tests (core/note/documents.ts), as the Markdown language service tests do. */
import type { NoteDocument, TextEdit } from '../../src/core/note/documents';

export class MemoryDocument implements NoteDocument {
  version = 1;
  constructor(
    readonly uri: string,
    private text: string,
  ) {}
  getText(): string {
    return this.text;
  }
  /** Replaces [start, end) with `insert`, bumps the version and returns the edit as an editor reports it. */
  edit(start: number, end: number, insert: string): TextEdit {
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    this.version++;
    return { rangeOffset: start, rangeLength: end - start, text: insert };
  }
}
