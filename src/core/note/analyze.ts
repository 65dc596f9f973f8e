/**
 * Note analysis, the entry points: analyzeNote (a whole note → NoteModel, per top-level block, see
 * pieceStore.ts), analyzeNoteMonolithic (one remark parse of the whole note, the reference the property
 * tests and the bench compare against) and lineModel (the stand-in a hover uses while a large note is
 * being analysed). Pure: no `vscode`, no Node built-ins.
 */
import { piecesOfGroup } from './groups';
import { primeMentionCounts } from './indexes';
import { LineIndex } from './lines';
import type { Mention, NoteModel } from './model';
import { assemble, buildAnalysis } from './pieceStore';
import { findMentions } from './recognize';

/** Analyses a whole note: linear in its length, remark only on the blocks that are not fenced output. */
export function analyzeNote(text: string): NoteModel {
  return buildAnalysis(text).model;
}

/** One remark parse of the whole note, no fast paths: the reference analyzeNote must equal (tests, benchmark). */
export function analyzeNoteMonolithic(text: string): NoteModel {
  const outcome = piecesOfGroup({ text, start: 0, end: text.length, startLine: 0, evidenceBase: 0, prelude: '', endKind: 'eof', hardStart: false });
  return assemble(text, outcome.pieces);
}

/** Widest stretch of a line the hover fallback reads around the cursor (a 5 MB line costs the same as 4 KB). */
const LINE_WINDOW = 2048;

/**
 * A stand-in model from one line, for a hover while the note's analysis is not ready: the mentions of
 * `lineText` (at note offset `lineOffset`) within LINE_WINDOW of `character`, context `prose`. O(line window).
 */
export function lineModel(lineText: string, lineOffset: number, character = 0): NoteModel {
  let from = 0;
  let to = lineText.length;
  if (to > 2 * LINE_WINDOW) {
    from = Math.max(0, character - LINE_WINDOW);
    to = Math.min(lineText.length, character + LINE_WINDOW);
    // Cut at spaces so no word is split (a half word could read as another spelling).
    while (from > 0 && from < character && !/\s/.test(lineText[from - 1] ?? ' ')) from++;
    while (to < lineText.length && to > character && !/\s/.test(lineText[to] ?? ' ')) to--;
  }
  const slice = lineText.slice(from, to);
  const mentions: Mention[] = findMentions(slice).map((m) => ({ ...m, start: m.start + lineOffset + from, end: m.end + lineOffset + from, context: 'prose' as const }));
  // The stand-in knows nothing about the note as a whole: no counts ("mentioned 3×" would mean this line).
  primeMentionCounts(mentions, {});
  return { ...emptyModel(), mentions };
}

/** A model with nothing in it (a note over the size limit; the base of lineModel). */
export function emptyModel(): NoteModel {
  return { text: '', lines: new LineIndex(''), mentions: [], evidence: [], sections: [], transitions: [], quiet: [], partial: true };
}
