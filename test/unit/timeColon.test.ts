/**
 * A time of day followed by a colon (`采样 10:00：`, `Sample at 10:20:`, `## 10:05:`, `At 10:05:30:`) is a time: the
 * colon after a whole time is punctuation that introduces what follows. Still no time: a colon that goes on into
 * digits or another colon (`10:05:00:00`, `12:34::1`), and what was not a time before (`ratio 3:1:`, ports). In
 * the line above a block and in a heading; from the core and through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { isoOf, parseTimeMention } from '../../src/core/report/time';
import { timelineOf } from '../../src/core/report/timeline';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const iso = (s: string): string | undefined => {
  const t = parseTimeMention(s);
  return t ? isoOf(t) : undefined;
};
const fence = '```';
const tcp = (orphan: number): string => `TCP: inuse 1800 orphan ${orphan} tw 4000 alloc 11000 mem 30000`;
const times = (text: string): string[] => timelineOf(analyzeNote(text)).map((p) => p.time);

const NOTE = [
  '# 2025-06-20 gw-5 孤儿增长',
  '',
  '采样 10:00：',
  '',
  fence,
  tcp(9000),
  fence,
  '',
  '采样 10:10：',
  '',
  fence,
  tcp(15000),
  fence,
  '',
  'Sample at 10:20:',
  '',
  fence,
  tcp(21000),
  fence,
  '',
].join('\n');

describe('a time followed by a colon', () => {
  it('is read: full-width or ASCII colon, with or without seconds, at the end or before more text', () => {
    const cases: [string, string][] = [
      ['采样 10:00：', '10:00:00'],
      ['Sample at 10:20:', '10:20:00'],
      ['## 10:05：', '10:05:00'],
      ['## 10:05:', '10:05:00'],
      ['10:05:', '10:05:00'],
      ['At 10:05:30:', '10:05:30'],
      ['10:05: orphans at 12k', '10:05:00'],
      ['10：05：', '10:05:00'],
      ['10:05：第二次采样', '10:05:00'],
      ['2025-06-20 10:05:', '2025-06-20T10:05:00'],
    ];
    for (const [text, want] of cases) assert.equal(iso(text), want, text);
  });

  it('is still no time where a colon goes on into digits or another colon, nor where there was none', () => {
    for (const s of ['10:05:00:00', 'fe80::12:34::1', '12:34::1', '10:05:1', '10:05：1800', 'ratio 3:1:', 'ratio 16:9:', 'ports 80:443:', 'port 10.0.0.5:443:', '25:61:']) {
      assert.equal(iso(s), undefined, s);
    }
  });

  it('dates the blocks under it: the line above, and a heading', () => {
    assert.deepEqual(times(NOTE), ['2025-06-20T10:00:00', '2025-06-20T10:10:00', '2025-06-20T10:20:00']);
    const headed = ['## 10:05:', '', fence, tcp(100), fence, '', '## 10:15：', '', fence, tcp(200), fence, ''].join('\n');
    assert.deepEqual(times(headed), ['10:05:00', '10:15:00']);
  });

  it('the built CLI: the report has the three samples (zh-CN)', () => {
    const file = join(tempDir('time-colon'), 'n.md');
    writeFileSync(file, NOTE);
    const zh = cliOut(['report', '--lang', 'zh-cn', file]);
    assert.doesNotMatch(zh, /没有带时间的采样/);
    for (const t of ['10:00:00', '10:10:00', '10:20:00']) assert.match(zh, new RegExp(`\\| 2025-06-20T${t} \\|`));
  });
});
