/**
 * The language server's first answer done in process (the model cache, whenReady, evidence symbols, noteHover):
 * the baseline of bench/lsp.ts. Imported there to time it in the bench process (warm: that process has run the
 * same work before), and by coldAnswer.ts to time it once in a fresh Node process (cold JIT, as a freshly
 * started server is). The time starts when the note's text is in memory.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NoteDocuments } from '../src/core/note/documents';
import { evidenceSymbols } from '../src/core/note/evidenceNames';
import { noteHover } from '../src/core/noteHover';

export async function inProcessFirstAnswer(note: string, offset: number): Promise<number> {
  const t0 = performance.now();
  const cache = new NoteDocuments<TextDocument>({
    schedule: (work) => {
      const timer = setTimeout(work, 0);
      return () => clearTimeout(timer);
    },
    maxLength: () => 20 * 1024 * 1024,
  });
  const document = TextDocument.create('file:///bench/in-process.md', 'markdown', 1, note);
  const model = cache.peek(document) ?? (await cache.whenReady(document));
  if (!model) throw new Error('no model');
  evidenceSymbols(model, 'en');
  if (!noteHover(model, offset, { lang: 'en' })) throw new Error('no hover');
  return performance.now() - t0;
}
