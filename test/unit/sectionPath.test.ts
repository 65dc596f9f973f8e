import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { findSection, sectionPath } from '../../src/core/note/sectionPath';

const note = ['# Day 1', '## Fix', 'x', '# Day 2', '## Fix', 'y', '## A > B', 'z', '# Day 2', '## Fix', ''].join('\n');
const { sections } = analyzeNote(note);

describe('findSection: a heading, or a path of headings (diagram --section)', () => {
  test('a unique title or path is found; space and letter case aside', () => {
    const one = findSection(sections, ' day   1 > FIX ');
    assert.equal(one.kind, 'found');
    assert.equal(one.kind === 'found' && sectionPath(sections, one.section), 'Day 1 > Fix');
    assert.equal(findSection(sections, 'Day 1').kind, 'found');
  });

  test('a title naming several sections is ambiguous, with each path in note order (repeated when headings repeat)', () => {
    const fix = findSection(sections, 'fix');
    assert.equal(fix.kind, 'ambiguous');
    assert.deepEqual(fix.kind === 'ambiguous' && fix.paths, ['Day 1 > Fix', 'Day 2 > Fix', 'Day 2 > Fix']);
    assert.equal(findSection(sections, 'Day 2 > Fix').kind, 'ambiguous');
  });

  test('a heading holding ">" is matched as written; nothing and empty paths are none', () => {
    const ab = findSection(sections, 'A > B');
    assert.equal(ab.kind, 'found');
    assert.equal(ab.kind === 'found' && ab.section.title, 'A > B');
    assert.equal(findSection(sections, 'Day 3').kind, 'none');
    assert.equal(findSection(sections, ' > ').kind, 'none');
    assert.equal(findSection(sections, 'Day 1 > Fix > More').kind, 'none');
  });

  test('every path an ambiguous answer suggests names its section, also through a heading that holds ">"', () => {
    const text = ['# A > B', '## 处理', 'x', '# C', '## 处理', 'y', ''].join('\n');
    const s = analyzeNote(text).sections;
    const both = findSection(s, '处理');
    assert.equal(both.kind, 'ambiguous');
    const paths = both.kind === 'ambiguous' ? both.paths : [];
    assert.deepEqual(paths, ['A > B > 处理', 'C > 处理']);
    for (const p of paths) {
      const one = findSection(s, p);
      assert.equal(one.kind, 'found', p);
      assert.equal(one.kind === 'found' && sectionPath(s, one.section), p);
    }
  });
});
