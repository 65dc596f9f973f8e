/**
 * The invisible-character sanitizer (issue #17) and where it applies: the diagram title and the exported
 * SVG (its `<title>` and heading).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { stripInvisible } from '../../src/core/sanitize';
import { buildDiagramModel } from '../../src/core/diagram/model';
import { escapeXml, renderDiagramSvg } from '../../src/core/diagram/svg';

const CONTROLS = [
  ...Array.from({ length: 5 }, (_, i) => 0x202a + i), // LRE RLE PDF LRO RLO
  ...Array.from({ length: 4 }, (_, i) => 0x2066 + i), // LRI RLI FSI PDI
  ...Array.from({ length: 5 }, (_, i) => 0x200b + i), // ZWSP ZWNJ ZWJ LRM RLM
  0x061c, // ALM
  0xfeff, // BOM / ZWNBSP
  0x00ad, // soft hyphen
  0x2060, // word joiner
  0x180e,
  0xe0041, // tag LATIN CAPITAL LETTER A
];
const ALL = CONTROLS.map((c) => String.fromCodePoint(c)).join('');

describe('stripInvisible', () => {
  test('removes every bidi control and invisible format character', () => {
    for (const c of CONTROLS) assert.equal(stripInvisible(`a${String.fromCodePoint(c)}b`), 'ab', `U+${c.toString(16).toUpperCase()}`);
    assert.equal(stripInvisible(`FIN${ALL}-WAIT-1`), 'FIN-WAIT-1');
  });

  test('keeps visible text: CJK, emoji with variation selectors, arrows, spaces, newlines', () => {
    for (const s of ['孤儿 socket', '➡️ ESTABLISHED → FIN-WAIT-1', 'a b\tc\nd', '👍🏽', 'x = 1 < 2 & 3']) assert.equal(stripInvisible(s), s);
  });

  test('the Trojan-Source reordering is gone: what remains reads in logical order', () => {
    const trojan = 'access\u202e \u2066// check if admin\u2069 \u2066';
    assert.equal(stripInvisible(trojan), 'access // check if admin ');
  });
});

describe('bidi controls never reach the diagram title or the SVG', () => {
  test('diagram model title, SVG <title> and heading', () => {
    const title = `Incident\u202e \u2067evil\u2069 FIN-WAIT-1\u200b\ufeff`;
    const model = buildDiagramModel({ mentions: {}, counts: {}, transitions: [], title, countSource: `ss\u202d output`, showLinux: true }, 'en');
    assert.equal(model.title, 'Incident evil FIN-WAIT-1');
    const svg = renderDiagramSvg(model, { standaloneStyle: true });
    assert.doesNotMatch(svg, /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/);
    assert.match(svg, /<title[^>]*>Incident evil FIN-WAIT-1<\/title>/);
  });

  test('escapeXml drops them too (every SVG text goes through it)', () => {
    assert.equal(escapeXml(`<b>\u202eRLO`), '&lt;b&gt;RLO');
  });
});
