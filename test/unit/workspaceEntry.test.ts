/**
 * The workspace index entry (src/core/workspace/note.ts indexNote) against a reference built the plain way,
 * as the index built it before session 5: the unfiltered recogniser's mentions, positions by LineIndex, rows
 * grouped through a Map, every block's and section's mentions counted in a Map, pairs sorted. The entry must be
 * equal, field for field, on generated repository notes (the bench's), the fixtures, the hostile corpus,
 * CRLF / CR variants and random notes. Plus the pieces the evidence parser and the recogniser now share: the
 * per-state tally equals the object built by addCount (values and key order), and the memoised spelling
 * look-up answers as the catalogue does however full its cache is.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { lookupStateSpelling, SPELLING_TABLES, SS_AGGREGATES } from '../../src/core/catalogue/spellings';
import { STATE_IDS, type StateId } from '../../src/core/catalogue/types';
import { addCount, StateTally, type Counts } from '../../src/core/evidence/formats/builder';
import { LineIndex } from '../../src/core/note/lines';
import type { NoteModel } from '../../src/core/note/model';
import { findMentions, isUpper, type RawMention } from '../../src/core/note/recognize';
import { timelineOf } from '../../src/core/report/timeline';
import { limitsOf } from '../../src/core/report/limits';
import { IdTable } from '../../src/core/workspace/names';
import { indexNote, inertTitle, scanBlocks, type BlockEntry, type HeadingEntry, type NoteEntry } from '../../src/core/workspace/note';
import { ownString } from '../../src/core/memo';
import { generateNote, ssOutput } from '../../bench/generate';
import { GENERATED } from '../fixtures/hostile/generate';
import { fixtureDir } from '../support/repo';
import { note } from './propertyDocs';
import { seedProperties } from '../support/propertySeed';

const RUNS = Number(process.env.TSN_PROPERTY_RUNS ?? 300);
seedProperties(20261204);

function pairs(map: Map<number, number>): number[] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0] - b[0]).flatMap(([code, v]) => [code, Math.min(v, 0xffffffff)]);
}

/** The entry the plain way (Maps, positionAt, sorts), from the unfiltered recogniser. */
function reference(text: string, table: IdTable): NoteEntry {
  const lines = new LineIndex(text);
  const scan = scanBlocks(text, lines);
  // Without the states on lines that list sockets of other protocols only (scan.notTcp), searched the plain way.
  const spans: [number, number][] = [];
  for (let i = 0; i < scan.notTcp.length; i += 2) spans.push([scan.notTcp[i] as number, scan.notTcp[i + 1] as number]);
  const mentions = findMentions(text, { prefilter: false }).filter((m) => m.kind !== 'state' || !spans.some(([a, b]) => a <= m.start && m.end <= b));
  const codes = mentions.map((m) => table.code(m.id, m.kind));
  const byCode = new Map<number, number[]>();
  codes.forEach((code, i) => {
    const list = byCode.get(code);
    if (list) list.push(i);
    else byCode.set(code, [i]);
  });
  const idList = [...byCode.keys()].sort((a, b) => a - b);
  const rows: number[] = [];
  const idEnds: number[] = [];
  for (const code of idList) {
    for (const i of byCode.get(code) as number[]) {
      const m = mentions[i] as RawMention;
      const p = lines.positionAt(m.start);
      rows.push(p.line, p.character, m.end - m.start);
    }
    idEnds.push(rows.length / 3);
  }
  const countIn = (start: number, end: number, skip?: (code: number) => boolean): Map<number, number> => {
    const out = new Map<number, number>();
    // Mentions are sorted by start: from the first at or after `start` (binary search), up to `end`.
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentions[mid] as RawMention).start < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < mentions.length && (mentions[i] as RawMention).start < end; i++) {
      const code = codes[i] as number;
      if (!skip?.(code)) out.set(code, (out.get(code) ?? 0) + 1);
    }
    return out;
  };
  const model: NoteModel = { text, lines, mentions: [], evidence: scan.evidence, sections: scan.sections, transitions: [], quiet: [] };
  const points = scan.evidence.length ? timelineOf(model) : [];
  const timeOf = new Map(points.map((p) => [p.line, p] as const));
  let dominant: NoteEntry['dominant'];
  const blocks: BlockEntry[] = scan.evidence.map((b) => {
    const states = new Map<number, number>();
    for (const s of STATE_IDS) {
      const n = b.counts[s];
      if (n === undefined || n <= 0) continue;
      states.set(table.code(s, 'state'), n);
      if (!dominant || n > dominant.count) dominant = { state: s, count: n };
    }
    const others = countIn(b.start, b.end, (code) => table.kind(code) === 'state' || states.has(code));
    const p = timeOf.get(b.startLine);
    const orphans = b.sockstat?.tcp?.orphan;
    return { line: lines.lineAt(b.start), endLine: b.endLine, values: Uint32Array.from([...pairs(states), ...pairs(others)]), stateCount: states.size, ...(orphans !== undefined ? { orphans } : {}), ...(p ? { time: p.time, minutes: p.minutes } : {}) };
  });
  const headings: HeadingEntry[] = [];
  for (const s of scan.sections) {
    const values = countIn(s.start, s.end);
    if (values.size) headings.push({ line: lines.lineAt(s.start), depth: s.depth, title: ownString(inertTitle(s.title)), values: Uint32Array.from(pairs(values)) });
  }
  let orphan: NoteEntry['orphan'];
  if (scan.evidence.some((b) => b.sockstat?.tcp)) {
    const l = limitsOf(model, points);
    orphan = { value: l.orphan, level: l.orphanLevel, ratio: l.orphanRatio };
  }
  const maxOf = new Map<number, number>();
  for (const x of [...blocks, ...headings]) {
    for (let i = 0; i < x.values.length; i += 2) {
      const c = x.values[i] as number;
      const v = x.values[i + 1] as number;
      if (v > (maxOf.get(c) ?? 0)) maxOf.set(c, v);
    }
  }
  const symbolCodes = [...maxOf.keys()].sort((a, b) => a - b);
  const timed = [...points].sort((a, b) => a.minutes - b.minutes);
  const first = timed[0];
  const last = timed[timed.length - 1];
  return {
    chars: text.length,
    rows: Uint32Array.from(rows),
    ids: Uint16Array.from(idList),
    idEnds: Uint32Array.from(idEnds),
    blocks,
    headings,
    symbolCodes: Uint16Array.from(symbolCodes),
    symbolMax: Uint32Array.from(symbolCodes, (c) => maxOf.get(c) as number),
    ...(dominant ? { dominant } : {}),
    ...(orphan ? { orphan } : {}),
    ...(first ? { firstTime: { minutes: first.minutes, iso: first.time } } : {}),
    ...(last ? { lastTime: { minutes: last.minutes, iso: last.time } } : {}),
  };
}

/** One table for both, so the codes agree (each side interns the same ids in the same order). */
function same(text: string, label = ''): void {
  const table = new IdTable();
  const want = reference(text, table);
  const got = indexNote(text, table);
  assert.deepStrictEqual(got, want, `${label} ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text)}`);
}

describe('workspace index entry: equal to the plain reference', () => {
  test('generated repository notes (the bench generator), small and with the long dumps, LF, CRLF and CR', () => {
    for (let i = 1; i <= 60; i++) same(generateNote(1000 + ((i * 7919) % (15 * 1024)), i), `generated ${i}`);
    for (let i = 1; i <= 3; i++) same(generateNote(60_000 + i * 30_000, 100 + i), `generated big ${i}`);
    same(generateNote(20_000, 7).replace(/\n/g, '\r\n'), 'CRLF');
    same(generateNote(20_000, 8).replace(/\n/g, '\r'), 'CR');
    same(ssOutput(100_000), 'bare ss output');
  });

  test('every fixture note and the hostile corpus up to 1 MB', () => {
    const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.(md|markdown|txt)$/.test(e.name) ? [join(dir, e.name)] : []));
    const files = walk(fixtureDir(''));
    assert.ok(files.length >= 15, `fixtures found: ${files.length}`);
    for (const f of files) same(readFileSync(f, 'utf8'), f);
    for (const h of GENERATED) {
      const text = h.text();
      if (text.length <= 1024 * 1024) same(text, h.name);
    }
  });

  test('random notes (every Markdown construct, evidence blocks, headings)', () => {
    fc.assert(fc.property(note(16), (text) => same(text)), { numRuns: RUNS });
  });

  test('notes indexed one after another into one table (codes assigned as the notes come)', () => {
    const table = new IdTable();
    const mirror = new IdTable();
    for (let i = 1; i <= 20; i++) {
      const text = generateNote(3000 + i * 300, 500 + i);
      assert.deepStrictEqual(indexNote(text, table), reference(text, mirror), `note ${i}`);
    }
  });
});

describe('the tallies and look-ups the parser and the recogniser share', () => {
  const state = fc.constantFrom(...STATE_IDS);

  test('StateTally gives the object addCount builds: values, clamping and key order', () => {
    const op = fc.oneof(fc.tuple(fc.constant('add' as const), state, fc.oneof(fc.nat({ max: 5 }), fc.constant(Number.MAX_SAFE_INTEGER))), fc.tuple(fc.constant('ensure' as const), state, fc.constant(0)));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const tally = new StateTally();
        const counts: Counts = {};
        for (const [kind, s, n] of ops) {
          if (kind === 'add') {
            tally.add(s, n);
            addCount(counts, s, n);
          } else {
            tally.ensure(s);
            counts[s] ??= 0;
          }
        }
        const got = tally.counts();
        assert.deepStrictEqual(got, counts);
        assert.deepStrictEqual(Object.keys(got), Object.keys(counts));
      }),
      { numRuns: RUNS },
    );
  });

  test('the memoised spelling look-up answers the same, first time, cached, and after its cache was cleared', () => {
    const words = [...SPELLING_TABLES.exact.keys(), ...SPELLING_TABLES.normalised.keys(), 'TCP_FIN_WAIT1', 'tcp_fin_wait1', 'TCPS_TIME_WAIT', 'fin-wait-1', 'Established', 'nothing', 'FIN'];
    const first = words.map((w) => lookupStateSpelling(w));
    assert.ok(first.some((x) => x !== undefined) && first.some((x) => x === undefined));
    assert.deepStrictEqual(words.map((w) => lookupStateSpelling(w)), first);
    // Past the cache's bound (8192 distinct tokens) it is cleared and filled again: same answers.
    for (let i = 0; i < 9000; i++) lookupStateSpelling(`token${i}`);
    assert.deepStrictEqual(words.map((w) => lookupStateSpelling(w)), first);
    assert.equal(lookupStateSpelling('FIN_WAIT1')?.state, 'FIN-WAIT-1' satisfies StateId);
  });

  test('the recogniser\'s upper-case test (a copy-free loop for ASCII) is s === upper(s) && s !== lower(s)', () => {
    const word = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: fc.constantFrom(...'aZ_-09\\sSéÉß\u0130ǅ'), maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
    fc.assert(fc.property(word, (s) => assert.equal(isUpper(s), s === s.toUpperCase() && s !== s.toLowerCase(), JSON.stringify(s))), { numRuns: RUNS * 3 });
    for (const s of ['FIN_WAIT1', 'TIME_WAITs', 'Established', 'ESTAB', '123', '', 'É', 'ÉTAT_x']) assert.equal(isUpper(s), s === s.toUpperCase() && s !== s.toLowerCase(), s);
  });

  test('the ss aggregate keywords are lower case (the recogniser looks tokens up as written)', () => {
    for (const k of SS_AGGREGATES.keys()) assert.equal(k, k.toLowerCase());
  });
});
