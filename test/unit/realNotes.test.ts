/**
 * Recall and precision on realistic notes (test/fixtures/real-notes/, mixed Chinese and English, written for
 * this measurement with their expected mentions annotated by hand): socket-state mentions, conntrack states and
 * misconception findings. The figures are reported as test diagnostics; the thresholds guard against regressions.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { findMisconceptions } from '../../src/core/knowledge/misconceptions';

const DIR = join(process.cwd(), 'test', 'fixtures', 'real-notes');

interface Expected {
  readonly states: readonly [string, string][];
  readonly conntrack?: readonly string[];
  readonly misconceptions: readonly string[];
}

/** Size of the multiset intersection of two lists of keys. */
function matched(expected: readonly string[], found: readonly string[]): number {
  const left = new Map<string, number>();
  for (const e of expected) left.set(e, (left.get(e) ?? 0) + 1);
  let n = 0;
  for (const f of found) {
    const k = left.get(f) ?? 0;
    if (k > 0) {
      n++;
      left.set(f, k - 1);
    }
  }
  return n;
}

interface Tally {
  expected: number;
  found: number;
  matched: number;
}
const tally = (): Tally => ({ expected: 0, found: 0, matched: 0 });
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

test('recall and precision on realistic notes', (t) => {
  const notes = readdirSync(DIR).filter((f) => f.endsWith('.md'));
  assert.ok(notes.length >= 6);
  const mentions = tally();
  const claims = tally();
  for (const name of notes) {
    const text = readFileSync(join(DIR, name), 'utf8');
    const expected = JSON.parse(readFileSync(join(DIR, name.replace(/\.md$/, '.expected.json')), 'utf8')) as Expected;
    const model = analyzeNote(text);
    const want = [...expected.states.map(([s, id]) => `state ${id} ${s}`), ...(expected.conntrack ?? []).map((c) => `conntrack ${c}`)];
    const got = model.mentions
      .filter((m) => m.kind === 'state' || m.kind === 'conntrack')
      .map((m) => (m.kind === 'state' ? `state ${m.id} ${m.text}` : `conntrack ${m.id}`));
    const m = matched(want, got);
    mentions.expected += want.length;
    mentions.found += got.length;
    mentions.matched += m;
    const rules = findMisconceptions(text).map((f) => f.rule);
    const c = matched(expected.misconceptions, rules);
    claims.expected += expected.misconceptions.length;
    claims.found += rules.length;
    claims.matched += c;
    t.diagnostic(`${name}: mentions ${m}/${want.length} expected, ${got.length} found; claims ${c}/${expected.misconceptions.length} expected, ${rules.length} found`);
    if (m !== want.length || m !== got.length) t.diagnostic(`  missed: ${want.filter((w) => !got.includes(w)).join(' | ')}; extra: ${got.filter((g) => !want.includes(g)).join(' | ')}`);
  }
  const mr = ratio(mentions.matched, mentions.expected);
  const mp = ratio(mentions.matched, mentions.found);
  const cr = ratio(claims.matched, claims.expected);
  const cp = ratio(claims.matched, claims.found);
  t.diagnostic(`mentions: recall ${(mr * 100).toFixed(1)}% precision ${(mp * 100).toFixed(1)}% (${mentions.matched}/${mentions.expected} expected, ${mentions.found} found)`);
  t.diagnostic(`misconceptions: recall ${(cr * 100).toFixed(1)}% precision ${(cp * 100).toFixed(1)}% (${claims.matched}/${claims.expected} expected, ${claims.found} found)`);
  assert.ok(mr >= 0.9, `mention recall ${mr}`);
  assert.ok(mp >= 0.95, `mention precision ${mp}`);
  assert.equal(cp, 1, 'no false alarm from the misconception rules');
  assert.ok(cr >= 0.8, `misconception recall ${cr}`);
});
