/**
 * The hostile-notes corpus (test/fixtures/hostile/: HTML and script payloads, javascript: and command:
 * links in any casing and with escaped brackets, entities, bidi controls; generated: NUL bytes, invalid
 * UTF-16, a 5 MB single line, 50 MB of `ss` output, absurd nesting, bracket bombs, unclosed blocks, a
 * thousand definitions). For each: the analysis finishes (the test's timeout guards against a hang; the time it
 * takes is measured in bench/run.ts, not asserted here) and never throws, every range
 * is valid, an edit is analysed incrementally like a full analysis, hovers (full model and one-line
 * fallback) carry no HTML and no link but ours, and the diagram SVG holds only its own elements with the
 * note's text escaped.
 */
import { isCatalogueUrl } from '../../src/core/catalogue/sources';
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote, lineModel } from '../../src/core/note/analyze';
import { mentionAt, type NoteModel } from '../../src/core/note/model';
import { buildAnalysis as createAnalysis, updateAnalysis } from '../../src/core/note/pieceStore';
import { explainMention } from '../../src/core/explain';
import { diagramSource } from '../../src/core/diagram/fromNote';
import { buildDiagramModel } from '../../src/core/diagram/model';
import { renderDiagramSvg } from '../../src/core/diagram/svg';
import { parseEvidence } from '../../src/core/evidence/parse';
import type { StateId } from '../../src/core/catalogue/types';
import { GENERATED, type HostileNote } from '../fixtures/hostile/generate';
import { essence } from './propertyDocs';
import { fixtureDir } from '../support/repo';

const DIR = fixtureDir('hostile');
const FILES: HostileNote[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.md'))
  .map((f) => ({ name: f, text: () => readFileSync(join(DIR, f), 'utf8'), budget: 5 }));

/** The links a hover may carry: ours, built the way hover.ts builds them. */
const LINKS = {
  showDiagram: (s: StateId) => `command:tcpStateNotes.showDiagram?${encodeURIComponent(JSON.stringify([{ uri: 'file:///n.md', state: s }]))}`,
  insertTemplate: (s: StateId) => `command:tcpStateNotes.insertDiagnosisTemplate?${encodeURIComponent(JSON.stringify([{ state: s }]))}`,
};

function assertHoverSafe(md: string, where: string): void {
  assert.doesNotMatch(md, /<\s*\/?\s*(?:script|img|svg|iframe|object|details|style|a)\b/i, `${where}: no HTML tag`);
  for (const m of md.matchAll(/\]\(([^)]*)\)/g)) {
    const link = m[1] ?? '';
    if (isCatalogueUrl(link)) continue; // a source link from the catalogue (never note text)
    assert.match(link, /^command:tcpStateNotes\.(?:showDiagram|insertDiagnosisTemplate)\?/, `${where}: only our command links, got ${link}`);
  }
  assert.doesNotMatch(md.replace(/\]\(command:tcpStateNotes\.[^)]*\)/g, ''), /javascript:|vbscript:|data:text/i, `${where}: no script URL outside code`);
}

const SVG_ELEMENTS = new Set(['svg', 'style', 'defs', 'marker', 'path', 'g', 'rect', 'text', 'tspan', 'title', 'desc', 'line', 'circle', 'polygon', 'polyline']);

/** Every tag is one of the renderer's elements, with no event handler and no link; text holds no raw `<`. */
function assertSvgSafe(svg: string, where: string): void {
  // Outside tags no `<` can appear (text is escaped), so every `<` opens one of these.
  for (const m of svg.matchAll(/<(\/?)([^\s/>]*)([^>]*)>/g)) {
    const name = (m[2] ?? '').toLowerCase();
    assert.ok(SVG_ELEMENTS.has(name), `${where}: unexpected element <${m[2]}>`);
    for (const a of (m[3] ?? '').matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) {
      const attr = (a[1] ?? '').toLowerCase();
      assert.ok(!attr.startsWith('on'), `${where}: event handler ${attr} on <${name}>`);
      assert.ok(!/href$/.test(attr) || (a[2] ?? '').startsWith('#'), `${where}: link ${a[2]} on <${name}>`);
      assert.doesNotMatch(a[2] ?? '', /javascript:|vbscript:/i, `${where}: script URL in ${attr}`);
    }
  }
  assert.equal((svg.match(/</g) ?? []).length, (svg.match(/<(\/?)([^\s/>]*)([^>]*)>/g) ?? []).length, `${where}: every < opens a tag`);
}

function check(note: HostileNote): void {
  const text = note.text();
  const full = createAnalysis(text);
  const model = full.model;
  for (const m of model.mentions) {
    if (!(m.start >= 0 && m.end <= text.length && text.slice(m.start, m.end) === m.text)) assert.fail(`${note.name}: mention ${JSON.stringify(m)} off its text`);
  }
  for (const b of model.evidence) assert.ok(b.start >= 0 && b.end <= text.length && b.start < b.end, `${note.name}: evidence range`);
  for (const s of model.sections) assert.ok(s.start >= 0 && s.end <= text.length, `${note.name}: section range`);

  // Hovers: on a sample of mentions with the model, and through the one-line fallback.
  const step = Math.max(1, Math.floor(model.mentions.length / 150));
  for (let i = 0; i < model.mentions.length; i += step) {
    const m = model.mentions[i] as NoteModel['mentions'][number];
    const md = explainMention(mentionAt(model, m.start) ?? m, model, { lang: i % 2 ? 'zh-cn' : 'en', links: LINKS }) ?? '';
    assertHoverSafe(md, `${note.name} hover on ${m.text}`);
  }
  const lines = model.lines;
  for (let k = 0; k < Math.min(lines.lineCount, 40); k++) {
    const line = lines.lineText(k);
    const fallback = lineModel(line, lines.lineStarts[k] ?? 0, Math.floor(line.length / 2));
    for (const m of fallback.mentions.slice(0, 20)) assertHoverSafe(explainMention(m, fallback, { lang: 'en', links: LINKS }) ?? '', `${note.name} line-fallback hover`);
  }

  // The diagram, titled with the note's first heading and a hostile file name.
  const title = model.sections[0]?.title ?? '<svg onload=alert(1)>.md';
  const section = model.sections[0];
  for (const range of [undefined, section ? { start: section.start, end: section.end } : undefined]) {
    const source = diagramSource(model, 'en', range, title);
    const svg = renderDiagramSvg(buildDiagramModel({ ...source.input, showLinux: true }, 'en'), { standaloneStyle: true });
    assertSvgSafe(svg, `${note.name} SVG`);
  }

  // An edit in the middle, incremental, equals a full analysis.
  const at = Math.floor(text.length / 2);
  const edited = `${text.slice(0, at)}\n\nFIN_WAIT1 <script>x</script>\n\n${text.slice(at)}`;
  const incremental = updateAnalysis(full, edited, at, at);
  assert.deepStrictEqual(essence(incremental.model), essence(createAnalysis(edited).model), `${note.name}: incremental edit equals full analysis`);

  // Evidence parsing straight on the raw text.
  if (text.length <= 6 * 1024 * 1024) parseEvidence(text);
}

describe('hostile notes: no crash, no hang, nothing executable in hovers or SVG', () => {
  test('the corpus has its files', () => {
    for (const f of ['html-payloads.md', 'links.md', 'entities-bidi.md']) assert.ok(FILES.some((n) => n.name === f), f);
  });
  for (const note of [...FILES, ...GENERATED]) {
    test(note.name, { timeout: note.budget * 2000 }, () => check(note));
  }

  test('payload text reaches hovers and SVG only escaped', () => {
    const model = analyzeNote(readFileSync(join(DIR, 'html-payloads.md'), 'utf8'));
    const title = model.sections[0]?.title ?? '';
    assert.match(title, /<script>/, 'the heading title holds the raw payload (so the SVG test is meaningful)');
    const svg = renderDiagramSvg(buildDiagramModel({ ...diagramSource(model, 'en', undefined, title).input, showLinux: false }, 'en'));
    assert.ok(svg.includes('&lt;script&gt;'), 'the title is escaped in the SVG');
    // Mentions inside HTML tags (the `alt="CLOSE_WAIT"` attribute) are dropped; inside raw HTML text they are 'html'.
    assert.deepEqual(
      model.mentions.map((m) => [m.text, m.context]),
      [
        ['FIN-WAIT-1', 'heading'],
        ['LAST_ACK', 'heading'],
        ['FIN_WAIT2', 'html'],
        ['TIME_WAIT', 'html'],
        ['ESTABLISHED', 'html'],
        ['FIN-WAIT-1', 'html'],
        ['SYN_RECV', 'html'],
        ['FIN_WAIT1', 'prose'],
        ['FIN_WAIT2', 'prose'],
        ['LAST-ACK', 'prose'],
        ['FIN-WAIT-1', 'code-block'],
      ],
    );
  });
});
