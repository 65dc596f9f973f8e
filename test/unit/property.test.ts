/**
 * Property tests (fast-check) of recognition, analysis and evidence parsing on random notes:
 *  - the block-by-block analysis equals one remark parse of the whole note;
 *  - an incremental update equals a full analysis of the edited text, for random edit sequences;
 *  - nothing throws, every range lies inside the note and on the text it claims;
 *  - LF, CRLF and lone CR give the same model (in line/character positions), a BOM shifts it by one;
 *  - an edit that touches no mention leaves every mention as it was.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { analyzeNote, analyzeNoteMonolithic } from '../../src/core/note/analyze';
import { countStates, mentionCounts } from '../../src/core/note/indexes';
import type { NoteModel } from '../../src/core/note/model';
import { buildAnalysis as createAnalysis, updateAnalysis } from '../../src/core/note/pieceStore';
import { findMentions } from '../../src/core/note/recognize';
import { parseEvidence } from '../../src/core/evidence/parse';
import { LineIndex } from '../../src/core/note/lines';
import { applyEdit, editSpec, essence, note } from './propertyDocs';
import { seedProperties } from '../support/propertySeed';

const RUNS = Number(process.env.TSN_PROPERTY_RUNS ?? 200);
seedProperties(20261123);

describe('analysis properties', () => {
  test('block-by-block analysis equals one remark parse of the whole note', () => {
    fc.assert(
      fc.property(note(), (text) => {
        assert.deepStrictEqual(essence(analyzeNote(text)), essence(analyzeNoteMonolithic(text)));
      }),
      { numRuns: RUNS },
    );
  });

  test('an incremental update equals a full analysis of the edited note (random edit sequences)', () => {
    fc.assert(
      fc.property(note(10), fc.array(editSpec, { minLength: 1, maxLength: 4 }), (text, edits) => {
        let state = createAnalysis(text);
        let current = text;
        for (const e of edits) {
          const { start, end, next } = applyEdit(current, e);
          state = updateAnalysis(state, next, start, end);
          current = next;
          assert.deepStrictEqual(essence(state.model), essence(createAnalysis(current).model), `after replacing [${start}, ${end}) with ${JSON.stringify(e.insert)}`);
          assert.deepStrictEqual(state.model.lines.lineStarts, new LineIndex(current).lineStarts, 'line starts follow the edit');
          assert.deepStrictEqual(mentionCounts(state.model.mentions), countStates(state.model.mentions), 'mention counts summed from the pieces');
        }
        assert.deepStrictEqual(essence(state.model), essence(analyzeNoteMonolithic(current)));
      }),
      { numRuns: RUNS },
    );
  });

  test('never throws; every range lies inside the note and on the text it claims', () => {
    const anyText = fc.oneof(note(), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }));
    fc.assert(
      fc.property(anyText, (text) => {
        const m = analyzeNote(text);
        for (const x of m.mentions) {
          assert.ok(x.start >= 0 && x.start < x.end && x.end <= text.length, `mention ${JSON.stringify(x)} inside`);
          assert.equal(text.slice(x.start, x.end), x.text, 'a mention claims its own text');
        }
        for (let i = 1; i < m.mentions.length; i++) assert.ok((m.mentions[i - 1]?.end ?? 0) <= (m.mentions[i]?.start ?? 0), 'sorted, no overlap');
        const lines = text.split('\n').length;
        for (const b of m.evidence) {
          assert.ok(b.start >= 0 && b.start < b.end && b.end <= text.length);
          assert.ok(b.startLine >= 0 && b.startLine <= b.endLine && b.endLine <= lines + 1);
          for (const s of b.segments) assert.ok(s.startLine >= b.startLine && s.endLine <= b.endLine + 1);
        }
        for (const s of m.sections) assert.ok(s.start >= 0 && s.start <= s.end && s.end <= text.length);
        for (const t of m.transitions) assert.ok(t.start >= 0 && t.start < t.end && t.end <= text.length);
        for (const x of m.mentions) if (x.evidenceIndex !== undefined) assert.ok(m.evidence[x.evidenceIndex], 'evidence index points at a block');
        findMentions(text);
        parseEvidence(text);
      }),
      { numRuns: RUNS },
    );
  });

  test('LF and CRLF notes give the same model, in line/character positions', () => {
    fc.assert(
      fc.property(note(), (lf) => {
        const crlf = lf.replace(/\n/g, '\r\n');
        assert.deepStrictEqual(positional(analyzeNote(crlf), crlf), positional(analyzeNote(lf), lf));
      }),
      { numRuns: RUNS },
    );
  });

  test('LF and lone-CR notes give the same model, in line/character positions', () => {
    fc.assert(
      fc.property(note(), (lf) => {
        const cr = lf.replace(/\n/g, '\r');
        assert.deepStrictEqual(positional(analyzeNote(cr), cr), positional(analyzeNote(lf), lf));
        assert.equal(new LineIndex(cr).lineCount, new LineIndex(lf).lineCount, 'a lone CR ends a line');
      }),
      { numRuns: RUNS },
    );
  });

  test('a BOM shifts every offset by one and changes nothing else', () => {
    fc.assert(
      fc.property(note(), (text) => {
        const withBom = analyzeNote(`\uFEFF${text}`);
        assert.deepStrictEqual(essence(withBom), essence(shifted(analyzeNote(text), 1)));
      }),
      { numRuns: RUNS },
    );
  });

  test('an edit that touches no mention leaves every mention as it was', () => {
    fc.assert(
      fc.property(note(), fc.nat(), (text, pick) => {
        const before = analyzeNote(text);
        // A lowercase word between spaces, touching no mention and no ss filter: insert a letter into it.
        const words = [...text.matchAll(/(?<= )[a-z]{4,}(?= )/g)].filter(
          (w) => !['state', 'exclude', 'sudo'].includes(w[0]) && !before.mentions.some((m) => m.end > w.index - 1 && m.start < w.index + w[0].length + 1),
        );
        const w = words[pick % Math.max(1, words.length)];
        fc.pre(w !== undefined);
        const at = (w as RegExpMatchArray).index as number + 2;
        const after = analyzeNote(text.slice(0, at) + 'q' + text.slice(at));
        const expected = before.mentions.map((m) => (m.start >= at ? { ...m, start: m.start + 1, end: m.end + 1 } : m));
        assert.deepStrictEqual(after.mentions, expected);
      }),
      { numRuns: RUNS },
    );
  });
});

/** The model with offsets as (line, character) and nothing that depends on the line-ending width. */
function positional(m: NoteModel, text: string) {
  const li = new LineIndex(text);
  const at = (o: number) => {
    const p = li.positionAt(o);
    return `${p.line}:${p.character}`;
  };
  return {
    mentions: m.mentions.map((x) => ({ ...x, start: at(x.start), end: at(x.end) })),
    evidence: m.evidence.map((b) => ({ ...b, start: at(b.start), end: at(b.end) })),
    sections: m.sections.map((s) => ({ ...s, start: at(s.start), end: at(s.end) })),
    transitions: m.transitions.map((t) => ({ ...t, start: at(t.start), end: at(t.end) })),
  };
}

function shifted(m: NoteModel, d: number) {
  return {
    ...m,
    mentions: m.mentions.map((x) => ({ ...x, start: x.start + d, end: x.end + d })),
    evidence: m.evidence.map((b) => ({ ...b, start: b.start + d, end: b.end + d })),
    sections: m.sections.map((s) => ({ ...s, start: s.start + d, end: s.end + d })),
    transitions: m.transitions.map((t) => ({ ...t, start: t.start + d, end: t.end + d })),
  };
}
