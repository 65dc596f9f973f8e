/**
 * The narrow layout: at 480 CSS px (the panel's usual width; 12 px body padding each side) no text is under
 * 11 px, nothing overlaps, and the model's facts are unchanged. The rendered sizes in the real panel are
 * measured by the UI spec (test/e2e/narrow.test.ts).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeNote } from '../../src/core/note/analyze';
import { diagramSource } from '../../src/core/diagram/fromNote';
import { boxesOverlap, type Box } from '../../src/core/diagram/graph';
import { buildDiagramModel, type DiagramModel } from '../../src/core/diagram/model';
import { NARROW_VIEWBOX_WIDTH, PILL_HEIGHT, pillWidth, toNarrowLayout } from '../../src/core/diagram/narrowLayout';
import { renderDiagramSvg } from '../../src/core/diagram/svg';
import { repoPath } from '../support/repo';

const PANEL = 480;
const PADDING = 24;

function modelOf(file: string, lang: 'en' | 'zh-cn', showLinux: boolean): DiagramModel {
  const text = readFileSync(repoPath('examples', file), 'utf8');
  const src = diagramSource(analyzeNote(text), lang, undefined, file);
  return buildDiagramModel({ ...src.input, showLinux }, lang);
}

/** Smallest font size in the SVG times the scale at which a `width: 100%` SVG is drawn in the panel. */
function smallestRenderedFont(svg: string, panelWidth: number): number {
  const vb = /viewBox="0 0 ([\d.]+) /.exec(svg);
  assert.ok(vb);
  const scale = Math.min(600, panelWidth - PADDING) / Number(vb[1]);
  const sizes = [...svg.matchAll(/<text[^>]*font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  // Every <text> carries its own size (tspans inherit it): otherwise the check would be blind.
  assert.equal(sizes.length, [...svg.matchAll(/<text[\s>]/g)].length, 'every text has a font-size');
  return Math.min(...sizes) * scale;
}

const CASES = [
  { file: 'incident-fin-wait-1.md', lang: 'en' as const },
  { file: 'orphan-socket-notes.zh.md', lang: 'zh-cn' as const },
];

describe('narrow layout', () => {
  for (const { file, lang } of CASES) {
    for (const showLinux of [false, true]) {
      it(`${file}, Linux ${showLinux ? 'on' : 'off'}: every text at least 11 px at ${PANEL} px`, () => {
        const narrow = toNarrowLayout(modelOf(file, lang, showLinux));
        const px = smallestRenderedFont(renderDiagramSvg(narrow), PANEL);
        assert.ok(px >= 11, `smallest text ${px.toFixed(2)} px`);
      });
    }
  }

  it('the RFC layout at 480 px is what the narrow one fixes (the check can fail)', () => {
    const px = smallestRenderedFont(renderDiagramSvg(modelOf('incident-fin-wait-1.md', 'en', true)), PANEL);
    assert.ok(px < 7, `RFC layout at 480 px: ${px.toFixed(2)} px`);
  });

  it('keeps the facts: same states, counts, verdicts and highlights; only geometry changes', () => {
    const wide = modelOf('incident-fin-wait-1.md', 'en', true);
    const narrow = toNarrowLayout(wide);
    const facts = (m: DiagramModel) => ({
      nodes: m.nodes.map((n) => [n.id, n.count, n.mentions, n.orphan, n.badge, n.heat]),
      edges: m.edges.map((e) => [e.id, e.from, e.to, e.label, e.highlighted]),
      summary: m.summary,
    });
    assert.deepEqual(facts(narrow), facts(wide));
    assert.equal(narrow.layout, 'narrow');
    assert.equal(narrow.viewBox.width, NARROW_VIEWBOX_WIDTH);
    assert.equal(wide.layout, undefined, 'the input model is not changed');
  });

  it('stands the states in one column, top to bottom, without overlaps; pills clear of nodes and of each other', () => {
    for (const showLinux of [false, true]) {
      const m = toNarrowLayout(modelOf('incident-fin-wait-1.md', 'en', showLinux));
      const xs = new Set(m.nodes.map((n) => n.x));
      assert.equal(xs.size, 1, 'one column');
      const byY = [...m.nodes].sort((a, b) => a.y - b.y).map((n) => n.id);
      assert.equal(byY[0], 'CLOSED');
      assert.equal(byY[byY.length - 1], 'TIME-WAIT');
      assert.ok(byY.indexOf('ESTABLISHED') < byY.indexOf('FIN-WAIT-1'));
      const nodeBoxes: Box[] = m.nodes.map((n) => ({ x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height }));
      const pills: Box[] = m.edges.map((e) => ({ x: e.labelAt.x - pillWidth(e.id) / 2, y: e.labelAt.y - PILL_HEIGHT / 2, width: pillWidth(e.id), height: PILL_HEIGHT }));
      pills.forEach((p, i) => {
        const id = m.edges[i]?.id;
        assert.ok(p.x >= 0 && p.x + p.width <= m.viewBox.width, `pill ${id} inside the viewBox`);
        for (const n of nodeBoxes) assert.ok(!boxesOverlap(p, n), `pill ${id} clear of the nodes`);
        pills.forEach((q, j) => assert.ok(j === i || !boxesOverlap(p, q), `pills ${id} and ${m.edges[j]?.id} apart`));
      });
      for (const e of m.edges) {
        for (const pt of e.points) assert.ok(pt.x >= 0 && pt.x <= m.viewBox.width && pt.y >= 0 && pt.y <= m.viewBox.height, `edge ${e.id} inside`);
        // Every route starts on its own node's border and ends on the target's.
        const from = m.nodes.find((n) => n.id === e.from);
        const to = m.nodes.find((n) => n.id === e.to);
        const first = e.points[0];
        const last = e.points[e.points.length - 1];
        assert.ok(from && to && first && last);
        assert.ok(Math.abs(first.y - from.y) <= from.height / 2 + 0.01 && Math.abs(last.y - to.y) <= to.height / 2 + 0.01, `edge ${e.id} ends on its nodes`);
      }
    }
  });

  it('writes the key of full labels and no two-line edge labels', () => {
    const svg = renderDiagramSvg(toNarrowLayout(modelOf('incident-fin-wait-1.md', 'en', false)));
    assert.match(svg, /class="tcp-diagram lang-en linux-off narrow"/);
    assert.match(svg, /R4 {2}rcv SYN \/ snd SYN,ACK/);
    assert.doesNotMatch(svg, /label-event/);
    assert.equal([...svg.matchAll(/class="edge-pill[ "]/g)].length, 20);
  });
});
