/**
 * The recogniser's prefilter (src/core/note/prefilter.ts) loses nothing: on random, hostile, CJK and generated
 * text the prefiltered findMentions equals the unfiltered one (every pass over the whole text), mention for
 * mention. The workspace index and every analysis are functions of that list and the text, so they are equal
 * too. Plus the prefilter's own patterns: every spelling of the catalogue is a candidate at its first letter,
 * and prose that names nothing gives no candidate and no line to read.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { SPELLING_TABLES, SS_AGGREGATES } from '../../src/core/catalogue/spellings';
import { TERMS } from '../../src/core/catalogue/terms';
import { findMentions, LINE_ANCHOR_PATTERN } from '../../src/core/note/recognize';
import { lineRuns, STATE_CANDIDATE_PATTERN } from '../../src/core/note/prefilter';
import { IdTable } from '../../src/core/workspace/names';
import { indexNote } from '../../src/core/workspace/note';
import { generateNote } from '../../bench/generate';
import { GENERATED } from '../fixtures/hostile/generate';
import { fixtureDir } from '../support/repo';
import { note } from './propertyDocs';
import { seedProperties } from '../support/propertySeed';

const RUNS = Number(process.env.TSN_PROPERTY_RUNS ?? 300);
seedProperties(20261204);

function same(text: string, label = ''): void {
  assert.deepStrictEqual(findMentions(text), findMentions(text, { prefilter: false }), `${label} ${JSON.stringify(text.length > 400 ? `${text.slice(0, 400)}…` : text)}`);
}

/** Every spelling the catalogue knows, and the terms' names and phrases. */
const CATALOGUE_WORDS: string[] = (() => {
  const keys = [...SPELLING_TABLES.normalised.keys()];
  const words = [...SPELLING_TABLES.exact.keys(), ...keys, ...SS_AGGREGATES.keys()];
  for (const [p] of SPELLING_TABLES.prefixes) for (const k of keys.slice(0, 8)) words.push(p + k);
  for (const t of TERMS) words.push(t.id, t.id.replace(/^net\.(?:ipv4|core)\./, ''), t.id.replace(/^TcpExt/, ''), ...t.aliases);
  return [...new Set(words)];
})();

const SEPARATORS = ['', '-', '_', '\\_', ' ', '__', '-_', '\\', '＿', '－', '＿＿', '_－'];

/** A catalogue word bent: random case, separators between letters, escapes, emphasis, plurals. */
const bent = fc
  .tuple(fc.constantFrom(...CATALOGUE_WORDS), fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 40 }))
  .map(([w, seps, style, at]) => {
    let s = w;
    if (style === 1) s = s.toLowerCase();
    if (style === 2) s = s.toUpperCase();
    if (style === 3) s = s.replace(/[-_ ]/g, '');
    if (style === 4) {
      const chars = [...s];
      s = chars.map((c, i) => (i > 0 && i % Math.max(1, at % 5) === 0 ? `${seps[i % seps.length]}${c}` : c)).join('');
    }
    if (style === 5) s = `_${s}_`;
    if (style === 6) s = `${s}${at % 2 ? 's' : 'S'}`;
    if (style === 7) s = `${s.slice(0, at % (s.length + 1))}${seps[0]}${s.slice(at % (s.length + 1))}`;
    return s;
  });

const GLUE = ['', ' ', ' ', '\n', '\r\n', '\r', '\t', '-', '_', '\\', '\\_', '`', '*', '**', '(', ')', '|', ':', ',', '.', '/', '处于', '状态', '进入', '是', '，', '\u2028', '\u3000', '\u00a0', 'é', '0', '7', 'x', 'https://', 'www.', '$ ss -tan state ', 'sudo ss state ', 'timer:(', '- ', '| ', 'TCP: ', 'TCP6: inuse 8 ', 'net.ipv4.', '/proc/sys/net/ipv4/', '--state ', '--ctstate ', 'tcp      6 431999 ', ' src=10.0.0.1', '   0: 0100007F:1F90 00000000:0000 ', ' 00000000:00000000', 'inuse 5 orphan 3 tw 2', 'sockets: used 12', '(estab 5, orphaned 3, timewait 2)', '\ud800', '\u0000'];

const soup = fc.array(fc.oneof({ arbitrary: bent, weight: 3 }, { arbitrary: fc.constantFrom(...GLUE), weight: 4 }), { minLength: 1, maxLength: 40 }).map((xs) => xs.join(''));
/** Dense character-level noise over the letters and separators spellings are made of. */
const noise = fc.string({ unit: fc.constantFrom(...'CLOSEWAITFINSYNRCVDcloseswaitfin_-\\ \n:0123456789ABtcp＿－'), maxLength: 200 });

describe('recogniser prefilter: equal to the unfiltered scan', () => {
  test('random notes (every Markdown construct)', () => {
    fc.assert(fc.property(note(), (text) => same(text)), { numRuns: RUNS });
  });

  test('catalogue words bent every way, glued with CJK, URLs, escapes, commands and line breaks', () => {
    fc.assert(fc.property(soup, (text) => same(text)), { numRuns: RUNS * 3 });
  });

  test('character noise over the spellings\' letters and separators', () => {
    fc.assert(fc.property(noise, (text) => same(text)), { numRuns: RUNS * 3 });
  });

  test('arbitrary and binary strings', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 })), (text) => same(text)), { numRuns: RUNS });
  });

  test('the hostile corpus (the small notes and the generated ones up to 1 MB), fixtures and generated notes', () => {
    const dirs = ['hostile', 'real-notes', 'evidence', 'proc'];
    for (const d of dirs) {
      for (const name of readdirSync(fixtureDir(d))) {
        if (!/\.(md|txt)$/.test(name)) continue;
        same(readFileSync(join(fixtureDir(d), name), 'utf8'), `${d}/${name}`);
      }
    }
    for (const h of GENERATED) {
      const text = h.text();
      if (text.length <= 1024 * 1024) same(text, h.name);
    }
    for (let i = 1; i <= 40; i++) same(generateNote(2000 + i * 500, i), `generated ${i}`);
    for (const f of ['spellings.md', 'highlight-shell.md', 'hostile-diagram.md', 'template-english-note.md']) same(readFileSync(join(fixtureDir(''), f), 'utf8'), f);
  });

  test('a BOM, CRLF and lone CR', () => {
    for (const t of ['\ufeffFIN_WAIT1 x', 'a\r\nFIN_WAIT1\r\nTCP: inuse 1 orphan 2\r\n', 'a\rFIN_WAIT1\rsockets: used 4\r   0: 0100007F:1F90 00000000:0000 04 x\r']) same(t);
  });

  test('the workspace index entry of a note is the same either way (it reads the mentions and the text only)', () => {
    // indexNote calls findMentions with the default (prefiltered); the unfiltered list is equal, so is the entry.
    const text = generateNote(30_000, 7);
    assert.deepStrictEqual(findMentions(text), findMentions(text, { prefilter: false }));
    const a = indexNote(text, new IdTable());
    assert.ok(a.rows.length / 3 === findMentions(text, { prefilter: false }).length, 'one row per mention');
  });
});

describe('recogniser prefilter: its patterns', () => {
  const candidates = (text: string): number[] => [...text.matchAll(STATE_CANDIDATE_PATTERN)].map((m) => m.index);

  test('every state spelling (exact, prefixed, bent) is a candidate at its first letter', () => {
    for (const w of [...SPELLING_TABLES.exact.keys(), 'TCP_FIN_WAIT1', 'TCPS_TIME_WAIT', 'MIB_TCP_STATE_LISTEN', 'BPF_TCP_CLOSE', 'TCPF_SYN_RECV', 'FIN\\_WAIT\\_2', 'fin-wait-1', 'FinWait1', 'F_I_N_WAIT1']) {
      assert.deepEqual(candidates(` ${w} `).slice(0, 1), [1], w);
      assert.deepEqual(candidates(`处于${w}状态`).slice(0, 1), [2], `${w} between CJK`);
    }
  });

  test('prose that names nothing is no candidate and no line for any pass', () => {
    const prose = 'We restarted the service and watched the graphs for an hour; peers kept their receive window at zero.\n这一段没有状态名，只是记录排查过程。\n';
    assert.deepEqual(candidates(prose), []);
    const runs = lineRuns(prose, LINE_ANCHOR_PATTERN);
    assert.deepEqual(Object.values(runs).flat(), []);
  });

  test('each pass gets exactly the lines with its anchor (merged when adjacent)', () => {
    const text = 'prose\nnet.ipv4.tcp_max_orphans = 5\nmore prose\nTCP: inuse 1 orphan 2\nsockets: used 3\nTcpExtTCPAbortOnMemory 4\n';
    const runs = lineRuns(text, LINE_ANCHOR_PATTERN);
    const lines = (r: number[]) => r.map((x, i) => (i % 2 ? '' : text.slice(x, r[i + 1]))).filter(Boolean);
    assert.deepEqual(lines(runs.sysctl), ['net.ipv4.tcp_max_orphans = 5']);
    assert.deepEqual(lines(runs.sockstat), ['TCP: inuse 1 orphan 2\nsockets: used 3']);
    assert.deepEqual(lines(runs.counter), ['TcpExtTCPAbortOnMemory 4']);
    assert.deepEqual(runs.phrase, []);
    // `: ` is the /proc/net/tcp anchor (a superset: the slot number before it is not matched).
    assert.deepEqual(lines(runs.proc), ['TCP: inuse 1 orphan 2\nsockets: used 3']);
  });
});
