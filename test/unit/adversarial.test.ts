/**
 * The adversarial shapes (test/fixtures/hostile/shapes.ts, issue #17) at two sizes: the analysis never
 * throws, sync and sliced analyses agree, no remark call is handed more block quotes than the cap, and
 * where remark was abandoned (plain pieces) the mentions are exactly the plain-text fallback's. Timings are
 * the bench's job (adversarial_worst_growth, adversarial_max_stall_ms).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { SlicedAnalysis as AnalysisTask, buildAnalysis as createAnalysis } from '../../src/core/note/pieceStore';
import { analyzePlain } from '../../src/core/note/plain';
import { MAX_QUOTE_STARTS, quoteStarts, riskyStretch } from '../../src/core/note/blocks';
import { findMentions } from '../../src/core/note/recognize';
import { LineIndex } from '../../src/core/note/lines';
import { SHAPE_SIZES, SHAPES } from '../fixtures/hostile/shapes';
import { essence } from './propertyDocs';

describe('adversarial shapes: bounded remark calls, correct fallback', () => {
  for (const shape of SHAPES) {
    for (const size of SHAPE_SIZES) {
      test(`${shape.name} (${size / 1024} KB)`, () => {
        const text = shape.text(size);
        const full = createAnalysis(text);
        if (size === SHAPE_SIZES[0]) {
          const task = new AnalysisTask(text);
          while (!task.run(1));
          assert.deepStrictEqual(essence((task.analysis as typeof full).model), essence(full.model), 'sliced = sync');
          // The whole model too (quiet spans, line index), assembled in slices of its own (see core/note/assembly.ts).
          assert.deepStrictEqual((task.analysis as typeof full).model, full.model, 'sliced assembly = assemble');
        }
        let covered = 0;
        for (const p of full.pieces) {
          assert.equal(p.start, covered, 'pieces tile the note');
          covered = p.end;
          if (p.mode === 'markdown') {
            // A markdown piece never holds more block quotes than one remark call may.
            assert.ok(quoteStarts(text, p.start, p.end) <= MAX_QUOTE_STARTS, `markdown piece [${p.start}, ${p.end}) holds ${quoteStarts(text, p.start, p.end)} quotes`);
          }
          if (p.mode === 'plain') {
            const again = analyzePlain(text, p.start, p.end, p.startLine, p.evidenceBase, p.hard);
            assert.deepStrictEqual(p.mentions, again.mentions, 'a plain piece has the plain-text fallback mentions');
            // Outside fenced code, the fallback keeps every mention the recogniser finds, as prose or heading.
            const raw = findMentions(text.slice(p.start, p.end)).filter((m) => !p.evidence.some((b) => b.start <= m.start + p.start && m.end + p.start <= b.end));
            assert.deepStrictEqual(
              p.mentions.filter((m) => m.context === 'prose' || m.context === 'heading').map((m) => [m.start, m.end, m.id]),
              raw.map((m) => [m.start + p.start, m.end + p.start, m.id]),
            );
          }
        }
        assert.equal(covered, text.length);
        // Every mention sits on its text, on the line LineIndex gives it.
        const lines = new LineIndex(text);
        for (const m of full.model.mentions) {
          assert.equal(text.slice(m.start, m.end), m.text);
          assert.ok(lines.positionAt(m.start).line < lines.lineCount);
        }
      });
    }
  }

  test('the quote counter and the risky-stretch rule', () => {
    assert.equal(quoteStarts('> a\n> b\n\n> c\n', 0, 13), 2, 'a quote continues until a blank line');
    assert.equal(quoteStarts(' > a\n\n- > b\n\n1. > c\n\n  x > y\n', 0, 30), 3, 'indented and list quotes count; a > inside text does not');
    const many = '- x\n\n' + '  > a\n\n'.repeat(MAX_QUOTE_STARTS + 1);
    assert.equal(riskyStretch(many, 0, many.length), true, 'quotes that cannot be cut: plain text');
    const few = '- x\n\n' + '  > a\n\n'.repeat(MAX_QUOTE_STARTS);
    assert.equal(riskyStretch(few, 0, few.length), false);
  });

  test('lone CR: mentions land on their own lines', () => {
    const text = 'FIN_WAIT1\rCLOSE_WAIT\r\rLAST_ACK\r';
    const model = createAnalysis(text).model;
    assert.deepEqual(model.mentions.map((m) => model.lines.positionAt(m.start).line), [0, 1, 3]);
  });
});
