/**
 * The language server's diagnostics (src/lsp/diagnostics.ts) of a note analysed in the worker: they are computed
 * one turn after the analysis is ready, so that a request that waited for the same analysis (document symbols,
 * whose reply the protocol library writes in a later turn) is answered first; then they are those of the note.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import type { RemoteAnalyser } from '../../src/core/note/documents';
import { buildPieces } from '../../src/core/note/pieceStore';
import type { AnalysisParts } from '../../src/core/note/transfer';
import { NoteDiagnosticsPublisher } from '../../src/lsp/diagnostics';
import { OpenNotes } from '../../src/lsp/notes';

/** A note large enough to go to the worker, with a typo. */
const TEXT = `${'TIME_WAIT and CLOSE-WAIT on the proxy.\n\n'.repeat(400)}FIN_WAIT3 is a typo.\n`;

describe('lsp diagnostics of a note analysed in the worker', () => {
  test('come one turn after the analysis is ready (replies waiting for it go first), then match the note', async () => {
    let answer!: (value: { parts: AnalysisParts; ms: number }) => void;
    const remote: RemoteAnalyser = {
      start: () => ({ result: new Promise((resolve) => (answer = resolve)), abandon: () => undefined }),
    };
    const notes = new OpenNotes({ maxLength: () => 1024 * 1024, remote });
    const published: Diagnostic[][] = [];
    const diagnostics = new NoteDiagnosticsPublisher({ notes, lang: () => 'en', enabled: () => true, publish: (_uri, _v, list) => published.push(list) });
    try {
      const document = notes.open('file:///big.md', 'markdown', 1, TEXT);
      assert.equal(notes.cache.info(document).where, 'worker');
      diagnostics.schedule(document, 0);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const ready = notes.cache.whenReady(document);
      answer({ parts: structuredClone(buildPieces(TEXT)), ms: 50 });
      await ready;
      // The turn in which the analysis became ready (and a document-symbols reply was queued) ends first.
      await new Promise<void>((resolve) => setImmediate(resolve));
      assert.equal(published.length, 0, 'not in the turn the model became ready');
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(published.length, 1);
      assert.deepEqual(
        published[0]?.map((d) => [d.code, d.range.start.line]),
        [['state-typo', 800]],
      );
    } finally {
      diagnostics.dispose();
      notes.reset();
    }
  });
});
