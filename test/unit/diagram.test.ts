/**
 * The state-diagram core: graph data (RFC 9293 Figure 5 + Linux layer), the model built from a
 * note, and the SVG renderer (attributes, classes, escaping, well-formedness).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateId } from '../../src/core/catalogue/types';
import {
  DIAGRAM_ANNOTATIONS,
  DIAGRAM_EDGES,
  DIAGRAM_NODES,
  VIEWBOX,
  boxesOverlap,
  edgesForLayers,
  findLayoutProblems,
  nodeBox,
  nodesForLayers,
  roundedPath,
  segmentHitsBox,
  textWidth,
} from '../../src/core/diagram/graph';
import { ORPHAN_PRONE } from '../../src/core/catalogue/orphan';
import { ORPHAN_VERDICT, buildDiagramModel, formatCount, heatLevel, type DiagramInput } from '../../src/core/diagram/model';
import { STANDALONE_CSS, escapeXml, renderDiagramSvg } from '../../src/core/diagram/svg';
import { repoPath } from '../support/repo';

// ---------------------------------------------------------------------------------------------
// A tiny XML reader: enough to prove well-formedness and to query the SVG. No dependencies.

interface XElement {
  readonly name: string;
  readonly attrs: ReadonlyMap<string, string>;
  readonly children: XElement[];
  /** Concatenated, entity-decoded character data directly inside this element and its descendants. */
  text: string;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>$`);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const END_TAG = new RegExp(`^</(${NAME})\\s*>$`);
const BAD_AMP = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Parses `xml` and throws on anything that is not well-formed (the subset SVG output uses). */
function parseXml(xml: string): XElement {
  const tokens = xml.match(/<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<[^>]*>|[^<]+/g) ?? [];
  assert.equal(tokens.join(''), xml, 'tokenizer must cover the whole input (a stray "<"?)');
  const stack: XElement[] = [];
  let root: XElement | undefined;
  for (const tok of tokens) {
    if (tok.startsWith('<!--') || tok.startsWith('<?')) continue;
    if (tok.startsWith('<![CDATA[')) {
      assert.ok(stack.length > 0, 'CDATA outside the root');
      continue;
    }
    if (tok.startsWith('</')) {
      const m = END_TAG.exec(tok);
      assert.ok(m, `bad end tag ${tok}`);
      const open = stack.pop();
      assert.ok(open, `end tag ${tok} without a start tag`);
      assert.equal(m[1], open.name, `mismatched </${m[1]}> for <${open.name}>`);
      continue;
    }
    if (tok.startsWith('<')) {
      const m = START_TAG.exec(tok);
      assert.ok(m, `bad start tag ${tok.slice(0, 120)}`);
      const attrs = new Map<string, string>();
      for (const a of (m[2] ?? '').matchAll(ATTR)) {
        const name = a[1] ?? '';
        const raw = a[2] ?? a[3] ?? '';
        assert.ok(!attrs.has(name), `duplicate attribute ${name} in ${tok.slice(0, 80)}`);
        assert.ok(!BAD_AMP.test(raw), `unescaped & in attribute ${name}`);
        attrs.set(name, decode(raw));
      }
      const elem: XElement = { name: m[1] ?? '', attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(elem);
      else {
        assert.equal(root, undefined, 'more than one root element');
        root = elem;
      }
      if (m[3] !== '/') stack.push(elem);
      continue;
    }
    assert.ok(!BAD_AMP.test(tok), `unescaped & in text: ${tok.slice(0, 80)}`);
    if (stack.length === 0) {
      assert.match(tok, /^\s*$/, 'text outside the root element');
      continue;
    }
    const value = decode(tok);
    for (const e of stack) e.text += value;
  }
  assert.equal(stack.length, 0, `unclosed elements: ${stack.map((e) => e.name).join(', ')}`);
  assert.ok(root, 'no root element');
  return root;
}

function all(e: XElement, pred: (x: XElement) => boolean, out: XElement[] = []): XElement[] {
  if (pred(e)) out.push(e);
  for (const c of e.children) all(c, pred, out);
  return out;
}

const hasClass = (e: XElement, cls: string): boolean => (e.attrs.get('class') ?? '').split(/\s+/).includes(cls);

function stateGroup(root: XElement, id: StateId): XElement {
  const found = all(root, (e) => e.attrs.get('data-state') === id);
  assert.equal(found.length, 1, `exactly one node for ${id}`);
  const g = found[0];
  assert.ok(g);
  return g;
}

function edgeGroup(root: XElement, id: string): XElement {
  const found = all(root, (e) => e.attrs.get('data-edge') === id && hasClass(e, 'edge'));
  assert.equal(found.length, 1, `exactly one edge group for ${id}`);
  const g = found[0];
  assert.ok(g);
  return g;
}

// ---------------------------------------------------------------------------------------------

const RFC_STATES: StateId[] = [
  'CLOSED',
  'LISTEN',
  'SYN-RECEIVED',
  'SYN-SENT',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'CLOSE-WAIT',
  'FIN-WAIT-2',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

/** RFC 9293 Figure 5, as listed in tcp-orphan-facts.md §6.2. */
const FIGURE_5: Array<[string, StateId, StateId, string]> = [
  ['R1', 'CLOSED', 'LISTEN', 'passive OPEN / create TCB'],
  ['R2', 'CLOSED', 'SYN-SENT', 'active OPEN / create TCB, snd SYN'],
  ['R3', 'LISTEN', 'CLOSED', 'CLOSE / delete TCB'],
  ['R4', 'LISTEN', 'SYN-RECEIVED', 'rcv SYN / snd SYN,ACK'],
  ['R5', 'LISTEN', 'SYN-SENT', 'SEND / snd SYN'],
  ['R6', 'SYN-SENT', 'CLOSED', 'CLOSE / delete TCB'],
  ['R7', 'SYN-SENT', 'SYN-RECEIVED', 'rcv SYN / snd SYN,ACK'],
  ['R8', 'SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK / snd ACK'],
  ['R9', 'SYN-RECEIVED', 'LISTEN', 'rcv RST (note 1) / —'],
  ['R10', 'SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN / x'],
  ['R11', 'SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE / snd FIN'],
  ['R12', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE / snd FIN'],
  ['R13', 'ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN / snd ACK'],
  ['R14', 'FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN / x'],
  ['R15', 'FIN-WAIT-1', 'CLOSING', 'rcv FIN / snd ACK'],
  ['R16', 'FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN / snd ACK'],
  ['R17', 'CLOSING', 'TIME-WAIT', 'rcv ACK of FIN / x'],
  ['R18', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSE / snd FIN'],
  ['R19', 'LAST-ACK', 'CLOSED', 'rcv ACK of FIN / x'],
  ['R20', 'TIME-WAIT', 'CLOSED', 'Timeout=2MSL / delete TCB'],
];

const SAMPLE: DiagramInput = {
  title: 'web-07 orphans',
  mentions: { 'FIN-WAIT-1': 4, 'LAST-ACK': 2, 'CLOSE-WAIT': 1, ESTABLISHED: 1 },
  counts: { ESTABLISHED: 800, 'FIN-WAIT-1': 20_000, 'LAST-ACK': 1_000, 'TIME-WAIT': 5_000, LISTEN: 9, 'CLOSE-WAIT': 0 },
  countSource: 'ss output, line 42',
  transitions: [
    { from: 'ESTABLISHED', to: 'FIN-WAIT-1' },
    { from: 'CLOSE-WAIT', to: 'LAST-ACK' },
    { from: 'ESTABLISHED', to: 'TIME-WAIT' },
  ],
  showLinux: false,
};


// ---------------------------------------------------------------------------------------------

describe('diagram graph', () => {
  it('has every RFC 9293 Figure 5 edge R1–R20 with the right ends and label', () => {
    const rfc = DIAGRAM_EDGES.filter((e) => e.layer === 'rfc');
    assert.deepEqual(
      rfc.map((e) => e.id),
      FIGURE_5.map(([id]) => id),
    );
    for (const [id, from, to, label] of FIGURE_5) {
      const e = DIAGRAM_EDGES.find((x) => x.id === id);
      assert.ok(e, id);
      assert.equal(e.from, from, `${id} from`);
      assert.equal(e.to, to, `${id} to`);
      assert.equal(e.label, label, `${id} label`);
      assert.equal(e.label, `${e.event} / ${e.action}`);
      assert.ok(e.points.length >= 2, `${id} has a route`);
    }
  });

  it('has the eleven RFC nodes, with the figure labels, inside the viewBox and apart', () => {
    const rfcNodes = nodesForLayers(false);
    assert.deepEqual([...rfcNodes.map((n) => n.id)].sort(), [...RFC_STATES].sort());
    assert.equal(DIAGRAM_NODES.find((n) => n.id === 'SYN-RECEIVED')?.figureLabel, 'SYN RCVD');
    assert.equal(DIAGRAM_NODES.find((n) => n.id === 'FIN-WAIT-2')?.figureLabel, 'FINWAIT-2');
    assert.equal(DIAGRAM_NODES.find((n) => n.id === 'ESTABLISHED')?.figureLabel, 'ESTAB');
    for (const n of DIAGRAM_NODES) {
      const b = nodeBox(n, true);
      assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEWBOX.width && b.y + b.height <= VIEWBOX.height, `${n.id} inside`);
      for (const m of DIAGRAM_NODES) {
        if (m !== n) assert.ok(!boxesOverlap(nodeBox(n, true), nodeBox(m, true)), `${n.id} / ${m.id} overlap`);
      }
    }
  });

  it('keeps the conventional arrangement: opening on top, active close left, passive close right, TIME-WAIT at the bottom', () => {
    const pos = (id: StateId) => {
      const n = DIAGRAM_NODES.find((x) => x.id === id);
      assert.ok(n, id);
      return n;
    };
    assert.ok(pos('CLOSED').y < pos('LISTEN').y && pos('LISTEN').y < pos('ESTABLISHED').y);
    assert.ok(pos('FIN-WAIT-1').x < pos('ESTABLISHED').x && pos('CLOSE-WAIT').x > pos('ESTABLISHED').x);
    assert.ok(pos('FIN-WAIT-2').x < pos('CLOSING').x && pos('CLOSING').x < pos('LAST-ACK').x);
    assert.ok(DIAGRAM_NODES.every((n) => n.id === 'TIME-WAIT' || n.y < pos('TIME-WAIT').y));
  });

  it('starts and ends every edge on the border of its own nodes', () => {
    for (const e of DIAGRAM_EDGES) {
      const from = DIAGRAM_NODES.find((n) => n.id === e.from);
      const to = DIAGRAM_NODES.find((n) => n.id === e.to);
      assert.ok(from && to, e.id);
      const onBorder = (pt: { x: number; y: number } | undefined, n: typeof from): boolean => {
        if (!pt) return false;
        const b = nodeBox(n);
        const inX = pt.x >= b.x - 0.5 && pt.x <= b.x + b.width + 0.5;
        const inY = pt.y >= b.y - 0.5 && pt.y <= b.y + b.height + 0.5;
        const onV = Math.abs(pt.x - b.x) < 0.5 || Math.abs(pt.x - b.x - b.width) < 0.5;
        const onH = Math.abs(pt.y - b.y) < 0.5 || Math.abs(pt.y - b.y - b.height) < 0.5;
        return inX && inY && (onV || onH);
      };
      assert.ok(onBorder(e.points[0], from), `${e.id} starts on ${e.from}`);
      assert.ok(onBorder(e.points[e.points.length - 1], to), `${e.id} ends on ${e.to}`);
    }
  });

  it('has a clean hand layout in both layers and both languages', () => {
    for (const linux of [false, true]) {
      for (const lang of ['en', 'zh-cn'] as const) {
        assert.deepEqual(findLayoutProblems(linux, lang), [], `linux=${linux} ${lang}`);
      }
    }
  });

  it('layout checks catch overlaps (the checker is not vacuous)', () => {
    assert.ok(segmentHitsBox({ x: 0, y: 5 }, { x: 20, y: 5 }, { x: 5, y: 0, width: 5, height: 10 }));
    assert.ok(!segmentHitsBox({ x: 0, y: 20 }, { x: 20, y: 20 }, { x: 5, y: 0, width: 5, height: 10 }));
    assert.ok(boxesOverlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 }));
    assert.ok(textWidth('孤儿', 12) > textWidth('ab', 12));
  });

  it('draws rounded polylines', () => {
    assert.equal(roundedPath([{ x: 0, y: 0 }, { x: 10, y: 0 }]), 'M0 0 L10 0');
    assert.match(roundedPath([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }]), /^M0 0 L88 0 Q100 0 100 12 L100 100$/);
  });

  it('puts NEW-SYN-RECV, N2, L1, L2 and the annotations on the Linux layer only', () => {
    const rfcIds = edgesForLayers(false).map((e) => e.id);
    const linuxIds = edgesForLayers(true).map((e) => e.id);
    for (const id of ['N2', 'L1', 'L2']) {
      assert.ok(!rfcIds.includes(id), id);
      assert.ok(linuxIds.includes(id), id);
    }
    const n2 = DIAGRAM_EDGES.find((e) => e.id === 'N2');
    assert.deepEqual([n2?.from, n2?.to], ['FIN-WAIT-1', 'TIME-WAIT']);
    assert.deepEqual(
      DIAGRAM_EDGES.filter((e) => e.id === 'L1' || e.id === 'L2').map((e) => [e.from, e.to]),
      [
        ['LISTEN', 'NEW-SYN-RECV'],
        ['NEW-SYN-RECV', 'ESTABLISHED'],
      ],
    );
    assert.ok(!nodesForLayers(false).some((n) => n.id === 'NEW-SYN-RECV'));
    assert.ok(nodesForLayers(true).some((n) => n.id === 'NEW-SYN-RECV'));
    assert.ok(DIAGRAM_ANNOTATIONS.some((a) => a.id === 'L9' && a.states.includes('FIN-WAIT-2')));
    assert.ok(DIAGRAM_ANNOTATIONS.some((a) => a.states.includes('LAST-ACK') && a.leaders.some((l) => l.exit)));
    const ids = DIAGRAM_EDGES.map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, 'edge ids are unique');
  });
});

describe('diagram model', () => {
  it('computes mentions, counts, dimming and heat per node', () => {
    const m = buildDiagramModel(SAMPLE, 'en');
    const node = (id: StateId) => {
      const n = m.nodes.find((x) => x.id === id);
      assert.ok(n, id);
      return n;
    };
    assert.equal(node('FIN-WAIT-1').mentions, 4);
    assert.equal(node('FIN-WAIT-1').mentioned, true);
    assert.equal(node('FIN-WAIT-1').heat, 5);
    assert.equal(node('TIME-WAIT').mentioned, false);
    assert.equal(node('TIME-WAIT').dimmed, false, 'counted but not mentioned is not dimmed');
    assert.equal(node('CLOSE-WAIT').count, 0);
    assert.equal(node('CLOSE-WAIT').heat, 0);
    assert.equal(node('CLOSE-WAIT').dimmed, false, 'mentioned');
    assert.equal(node('SYN-SENT').dimmed, true);
    assert.equal(node('SYN-SENT').count, undefined);
    assert.equal(m.maxCount, 20_000);
    assert.ok(node('LISTEN').heat >= 1 && node('LISTEN').heat < node('ESTABLISHED').heat);
    assert.ok(node('ESTABLISHED').heat <= node('LAST-ACK').heat, '800 sockets is not hotter than 1,000');
  });

  it('has monotonic heat levels from 0 to 5 on a log scale', () => {
    const max = 123_456;
    let prev = -1;
    for (let c = 0; c <= max; c = c === 0 ? 1 : Math.ceil(c * 1.3)) {
      const h = heatLevel(c, max);
      assert.ok(h >= prev, `heat(${c}) = ${h} < ${prev}`);
      prev = h;
    }
    assert.equal(heatLevel(0, max), 0);
    assert.equal(heatLevel(undefined, max), 0);
    assert.equal(heatLevel(1, max), 1);
    assert.equal(heatLevel(max, max), 5);
    assert.equal(heatLevel(5, 5), 5);
    assert.equal(heatLevel(3, 0), 0);
    // log scale: the geometric middle lands in the middle band, not at the bottom.
    assert.equal(heatLevel(Math.round(Math.sqrt(max)), max), 3);
    const counts = [1, 10, 100, 1_000, 10_000, 100_000];
    const model = buildDiagramModel(
      {
        mentions: {},
        counts: Object.fromEntries(RFC_STATES.slice(0, counts.length).map((s, i) => [s, counts[i]])),
        transitions: [],
        showLinux: false,
      },
      'en',
    );
    const heats = RFC_STATES.slice(0, counts.length).map((s) => model.nodes.find((n) => n.id === s)?.heat ?? -1);
    assert.deepEqual([...heats].sort((a, b) => a - b), heats);
    assert.equal(heats[heats.length - 1], 5);
  });

  it('gives the orphan verdicts of §2.7, with markers on CLOSE-WAIT and TIME-WAIT', () => {
    const m = buildDiagramModel({ mentions: {}, counts: {}, transitions: [], showLinux: true }, 'en');
    const verdict = Object.fromEntries(m.nodes.map((n) => [n.id, n.orphan]));
    assert.deepEqual(verdict, {
      CLOSED: 'no',
      LISTEN: 'no',
      'SYN-RECEIVED': 'no',
      'SYN-SENT': 'no',
      ESTABLISHED: 'no',
      'FIN-WAIT-1': 'yes',
      'CLOSE-WAIT': 'no',
      'FIN-WAIT-2': 'caveat',
      CLOSING: 'yes',
      'LAST-ACK': 'yes',
      'TIME-WAIT': 'no',
      'NEW-SYN-RECV': 'no',
    });
    for (const n of m.nodes) {
      assert.equal(n.notOrphanMarker, n.id === 'CLOSE-WAIT' || n.id === 'TIME-WAIT', n.id);
      assert.equal(n.badge !== undefined, n.orphan !== 'no' || n.notOrphanMarker, n.id);
      assert.ok(n.orphanText.length > 0);
    }
    const text = (id: StateId) => m.nodes.find((n) => n.id === id)?.orphanText ?? '';
    // The catalogue's short wording (the same line as the preview tooltip), as plain text.
    assert.equal(text('CLOSE-WAIT'), 'never an orphan: the application still holds the fd');
    assert.equal(text('TIME-WAIT'), 'not an orphan: a timewait minisock, counted as tw');
    assert.match(text('FIN-WAIT-2'), /FIN-WAIT-2 timeout \(tcp_fin_timeout or TCP_LINGER2, at least 3\.5 × RTO\) is over 60 s/);
    assert.equal(text('FIN-WAIT-1'), 'the typical orphan');
    assert.deepEqual(ORPHAN_VERDICT, {
      CLOSED: 'no',
      LISTEN: 'no',
      'SYN-SENT': 'no',
      'SYN-RECEIVED': 'no',
      ESTABLISHED: 'no',
      'FIN-WAIT-1': 'yes',
      'FIN-WAIT-2': 'caveat',
      'CLOSE-WAIT': 'no',
      CLOSING: 'yes',
      'LAST-ACK': 'yes',
      'TIME-WAIT': 'no',
      'NEW-SYN-RECV': 'no',
      'BOUND-INACTIVE': 'no',
    });
    assert.deepEqual(ORPHAN_PRONE, ['FIN-WAIT-1', 'LAST-ACK', 'CLOSING', 'FIN-WAIT-2']);
  });

  it('highlights the edges the note describes and reports the others', () => {
    const m = buildDiagramModel(
      {
        ...SAMPLE,
        transitions: [
          ...SAMPLE.transitions,
          { from: 'ESTABLISHED', to: 'FIN-WAIT-1' }, // duplicate
          { from: 'FIN-WAIT-1', to: 'TIME-WAIT' }, // N2, Linux layer only
          { from: 'NOT-A-STATE' as StateId, to: 'CLOSED' }, // garbage from a bad message
        ],
      },
      'en',
    );
    assert.deepEqual(
      m.edges.filter((e) => e.highlighted).map((e) => e.id),
      ['R12', 'R18'],
    );
    assert.deepEqual(m.unmatchedTransitions, [
      { from: 'ESTABLISHED', to: 'TIME-WAIT' },
      { from: 'FIN-WAIT-1', to: 'TIME-WAIT' },
    ]);
    assert.match(m.legend.unmatched ?? '', /ESTABLISHED → TIME-WAIT/);

    const linux = buildDiagramModel({ ...SAMPLE, transitions: [{ from: 'FIN-WAIT-1', to: 'TIME-WAIT' }, { from: 'FIN-WAIT-1', to: 'CLOSED' }], showLinux: true }, 'en');
    assert.deepEqual(linux.edges.filter((e) => e.highlighted).map((e) => e.id), ['N2']);
    assert.deepEqual(linux.unmatchedTransitions, [], 'FIN-WAIT-1 → CLOSED is explained by the orphan-limit annotation');
    assert.ok(linux.annotations.some((a) => a.highlighted));
  });

  it('summarises highlighted states with counts, in English and Chinese', () => {
    const en = buildDiagramModel(SAMPLE, 'en');
    assert.match(en.summary, /Highlighted states: .*FIN-WAIT-1 \(mentioned 4 times, 20,000 sockets, orphan\)/);
    assert.match(en.summary, /TIME-WAIT \(5,000 sockets, not orphan\)/);
    assert.match(en.summary, /Transitions from the note: ESTABLISHED → FIN-WAIT-1 \(R12: CLOSE \/ snd FIN\)/);
    assert.match(en.summary, /Not in the diagram: ESTABLISHED → TIME-WAIT/);
    assert.match(en.summary, /Counts from ss output, line 42/);
    assert.ok(!en.summary.includes('SYN-SENT'), 'dimmed states are not listed');
    const zh = buildDiagramModel(SAMPLE, 'zh-cn');
    assert.match(zh.summary, /高亮状态：.*FIN-WAIT-1（笔记提及 4 次，20,000 个套接字，孤儿）/);
    assert.match(zh.summary, /计数来源：ss output, line 42/);
    assert.equal(zh.legend.badgeNo, '非孤儿');
    const empty = buildDiagramModel({ mentions: {}, counts: {}, transitions: [], showLinux: false }, 'en');
    assert.match(empty.summary, /No state from the note is highlighted/);
  });

  it('survives bad numbers and lists states that have no node in the shown layers', () => {
    const m = buildDiagramModel(
      {
        mentions: { LISTEN: Number.NaN, 'NEW-SYN-RECV': 2, 'BOUND-INACTIVE': 1 },
        counts: { LISTEN: -4, ESTABLISHED: Number.POSITIVE_INFINITY },
        transitions: [],
        showLinux: false,
      },
      'en',
    );
    const listen = m.nodes.find((n) => n.id === 'LISTEN');
    assert.equal(listen?.mentions, 0);
    assert.equal(listen?.count, undefined);
    assert.equal(m.nodes.find((n) => n.id === 'ESTABLISHED')?.count, undefined);
    assert.deepEqual(m.statesWithoutNode, ['NEW-SYN-RECV', 'BOUND-INACTIVE']);
    const withLinux = buildDiagramModel({ mentions: { 'NEW-SYN-RECV': 2 }, counts: {}, transitions: [], showLinux: true }, 'en');
    assert.deepEqual(withLinux.statesWithoutNode, []);
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(12), '12');
  });
});

describe('diagram SVG', () => {
  const svg = renderDiagramSvg(buildDiagramModel(SAMPLE, 'en'));
  const root = parseXml(svg);

  it('has a well-formedness checker that rejects broken XML', () => {
    assert.throws(() => parseXml('<a><b></a>'));
    assert.throws(() => parseXml('<a x="1" x="2"/>'));
    assert.throws(() => parseXml('<a>&foo bar</a>'));
    assert.throws(() => parseXml('<a onload=x></a>'));
    assert.throws(() => parseXml('<a>1 < 2</a>'));
    assert.throws(() => parseXml('<a/><b/>'));
    assert.throws(() => parseXml('<a>'));
    assert.equal(parseXml('<a k="&lt;v&gt;">x &amp; y<b/></a>').text, 'x & y');
  });

  it('is a well-formed, self-contained, accessible SVG', () => {
    assert.equal(root.name, 'svg');
    assert.equal(root.attrs.get('xmlns'), 'http://www.w3.org/2000/svg');
    assert.equal(root.attrs.get('role'), 'img');
    const title = root.children.find((c) => c.name === 'title');
    const desc = root.children.find((c) => c.name === 'desc');
    assert.equal(title?.text, 'web-07 orphans');
    assert.match(desc?.text ?? '', /Highlighted states: .*FIN-WAIT-1/);
    assert.equal(root.attrs.get('aria-labelledby'), `${title?.attrs.get('id')} ${desc?.attrs.get('id')}`);
    assert.match(root.attrs.get('viewBox') ?? '', /^0 0 900 \d+$/);
  });

  it('writes the data-* attributes of every state node', () => {
    const fw1 = stateGroup(root, 'FIN-WAIT-1');
    assert.equal(fw1.name, 'g');
    assert.equal(fw1.attrs.get('data-mentions'), '4');
    assert.equal(fw1.attrs.get('data-count'), '20000');
    assert.equal(fw1.attrs.get('data-orphan'), 'yes');
    assert.equal(fw1.attrs.get('tabindex'), '0');
    assert.equal(fw1.attrs.get('role'), 'button');
    assert.match(fw1.attrs.get('aria-label') ?? '', /^FIN-WAIT-1 \(FIN WAIT-1\): mentioned 4 times; 20,000 sockets; the typical orphan/);
    assert.ok(hasClass(fw1, 'state') && hasClass(fw1, 'mentioned') && hasClass(fw1, 'heat-5') && hasClass(fw1, 'orphan-yes'));

    const tw = stateGroup(root, 'TIME-WAIT');
    assert.equal(tw.attrs.get('data-mentions'), '0');
    assert.equal(tw.attrs.get('data-count'), '5000');
    assert.equal(tw.attrs.get('data-orphan'), 'no');
    assert.ok(hasClass(tw, 'not-orphan') && hasClass(tw, 'counted'));

    const cw = stateGroup(root, 'CLOSE-WAIT');
    assert.equal(cw.attrs.get('data-count'), '0');
    assert.ok(hasClass(cw, 'heat-0') && hasClass(cw, 'mentioned'));

    const ss = stateGroup(root, 'SYN-SENT');
    assert.equal(ss.attrs.get('data-count'), '');
    assert.equal(ss.attrs.get('data-mentions'), '0');
    assert.ok(hasClass(ss, 'dimmed') && !hasClass(ss, 'mentioned'));

    assert.equal(stateGroup(root, 'FIN-WAIT-2').attrs.get('data-orphan'), 'caveat');
    const states = all(root, (e) => e.attrs.has('data-state'));
    assert.deepEqual(states.map((e) => e.attrs.get('data-state')).sort(), [...RFC_STATES].sort());
  });

  it('draws orphan badges and the not-orphan marker', () => {
    const badgeOf = (id: StateId) => all(stateGroup(root, id), (e) => hasClass(e, 'orphan-badge'))[0];
    assert.ok(badgeOf('FIN-WAIT-1') && hasClass(badgeOf('FIN-WAIT-1')!, 'badge-yes'));
    assert.ok(badgeOf('LAST-ACK') && hasClass(badgeOf('LAST-ACK')!, 'badge-yes'));
    assert.ok(badgeOf('CLOSING') && hasClass(badgeOf('CLOSING')!, 'badge-yes'));
    assert.ok(badgeOf('FIN-WAIT-2') && hasClass(badgeOf('FIN-WAIT-2')!, 'badge-caveat'));
    assert.equal(badgeOf('CLOSE-WAIT')?.text, 'not orphan');
    assert.ok(hasClass(badgeOf('TIME-WAIT')!, 'badge-no'));
    assert.equal(badgeOf('ESTABLISHED'), undefined);
    assert.equal(badgeOf('LISTEN'), undefined);
    // mention chip shows the count of mentions
    assert.equal(all(stateGroup(root, 'FIN-WAIT-1'), (e) => hasClass(e, 'mention-chip'))[0]?.text, '4');
    assert.equal(all(stateGroup(root, 'SYN-SENT'), (e) => hasClass(e, 'mention-chip')).length, 0);
  });

  it('draws every edge as a path with an arrow marker, highlighted ones with a class', () => {
    const defs = root.children.find((c) => c.name === 'defs');
    const markerIds = new Set(all(defs!, (e) => e.name === 'marker').map((e) => e.attrs.get('id')));
    for (const [id] of FIGURE_5) {
      const g = edgeGroup(root, id);
      const path = g.children.find((c) => c.name === 'path');
      assert.ok(path, id);
      assert.match(path.attrs.get('d') ?? '', /^M[\d.]+ [\d.]+( [LQ][\d. ]+)+$/);
      const ref = /^url\(#(.+)\)$/.exec(path.attrs.get('marker-end') ?? '')?.[1];
      assert.ok(ref && markerIds.has(ref), `${id} marker`);
      const label = all(root, (e) => hasClass(e, 'edge-label') && e.attrs.get('data-edge') === id)[0];
      assert.ok(label, `${id} label`);
      const [, , , text] = FIGURE_5.find(([x]) => x === id)!;
      const [event, action] = text.split(' / ');
      assert.deepEqual(
        label.children.filter((c) => c.name === 'text').map((t) => t.text),
        [event, action],
      );
    }
    assert.ok(hasClass(edgeGroup(root, 'R12'), 'highlighted'));
    assert.ok(hasClass(edgeGroup(root, 'R18'), 'highlighted'));
    assert.ok(!hasClass(edgeGroup(root, 'R13'), 'highlighted'));
    assert.match(edgeGroup(root, 'R12').children.find((c) => c.name === 'path')?.attrs.get('marker-end') ?? '', /arrow-hl/);
    assert.deepEqual(
      all(root, (e) => hasClass(e, 'edge') && hasClass(e, 'highlighted') && e.attrs.has('data-edge')).map((e) => e.attrs.get('data-edge')),
      ['R12', 'R18'],
    );
    // the unmatched transition is reported in the legend
    const unmatched = all(root, (e) => hasClass(e, 'legend-unmatched'))[0];
    assert.match(unmatched?.text ?? '', /ESTABLISHED → TIME-WAIT/);
  });

  it('adds NEW-SYN-RECV, L edges, N2 and annotations when the Linux layer is on', () => {
    assert.equal(all(root, (e) => e.attrs.get('data-state') === 'NEW-SYN-RECV').length, 0);
    assert.equal(all(root, (e) => hasClass(e, 'edge-linux') && hasClass(e, 'edge')).length, 0);
    const linux = parseXml(renderDiagramSvg(buildDiagramModel({ ...SAMPLE, showLinux: true }, 'en')));
    const nsr = stateGroup(linux, 'NEW-SYN-RECV');
    assert.ok(hasClass(nsr, 'layer-linux'));
    assert.match(nsr.text, /request sock/);
    for (const id of ['L1', 'L2', 'N2']) assert.ok(hasClass(edgeGroup(linux, id), 'edge-linux'), id);
    assert.ok(all(linux, (e) => e.attrs.get('data-annotation') === 'L9').length === 1);
    assert.ok(all(linux, (e) => hasClass(e, 'exit-cross')).length >= 3);
    assert.ok(hasClass(linux, 'linux-on') && hasClass(root, 'linux-off'));
  });

  it('escapes hostile note text and never emits active content', () => {
    const hostile = `<script>alert(1)</script> onload=alert(2) " onmouseover="x' ](command:workbench.action.terminal.new) javascript:alert(3) & <foreignObject>`;
    for (const lang of ['en', 'zh-cn'] as const) {
      for (const standaloneStyle of [false, true]) {
        const out = renderDiagramSvg(
          buildDiagramModel({ ...SAMPLE, title: hostile, countSource: hostile, showLinux: true }, lang),
          { standaloneStyle, idPrefix: `x"><script>alert(1)</script>` },
        );
        const doc = parseXml(out);
        assert.ok(!/<script/i.test(out), 'no <script');
        assert.ok(!/<foreignObject/i.test(out), 'no foreignObject');
        assert.ok(!/javascript:/i.test(out), 'no javascript: URL text, even escaped');
        assert.ok(!/onmouseover="/.test(out), 'the quote cannot break out of an attribute');
        assert.ok(!/\son\w+\s*=\s*["']/i.test(out), 'no on*= attribute syntax anywhere');
        assert.ok(!/href/i.test(out), 'no links');
        for (const e of all(doc, () => true)) {
          for (const [name, value] of e.attrs) {
            assert.ok(!/^on/i.test(name), `event attribute ${name}`);
            assert.ok(!/href$/i.test(name), `link attribute ${name}`);
            assert.ok(!/javascript:/i.test(value), `javascript: in ${name}`);
          }
          assert.ok(!['script', 'foreignObject', 'a', 'image', 'use', 'iframe'].includes(e.name), `element ${e.name}`);
        }
        assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'title text escaped');
        assert.ok(out.includes('&quot; onmouseover=&quot;x&apos;'), 'quotes escaped');
        assert.ok(out.includes('](command:workbench.action.terminal.new)'), 'command link is inert text');
        const title = doc.children.find((c) => c.name === 'title');
        assert.equal(title?.text, hostile, 'the title round-trips as text');
        assert.ok((doc.children.find((c) => c.name === 'desc')?.text ?? '').includes('<script>alert(1)</script>'));
        assert.ok(out.includes('javascript&#58;alert(3)'), 'script URL scheme defused, still readable');
        // ids come from the sanitised prefix only
        for (const e of all(doc, (x) => x.attrs.has('id'))) assert.match(e.attrs.get('id') ?? '', /^[A-Za-z_][\w-]*$/);
      }
    }
  });

  it('escapes the five XML specials and drops characters XML cannot hold', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    assert.equal(escapeXml('a\u0000b\u0007c\td\ud800e'), 'abc\tde');
    assert.equal(escapeXml('状态 → ok 😀'), '状态 → ok 😀');
    assert.equal(escapeXml('JavaScript :x vbscript:y'), 'JavaScript &#58;x vbscript&#58;y');
  });

  it('styles only through classes, with an optional standalone style block', () => {
    for (const e of all(root, () => true)) {
      assert.ok(!e.attrs.has('style'), `inline style on ${e.name}`);
      for (const a of ['fill', 'stroke', 'color', 'stop-color']) {
        const v = e.attrs.get(a);
        assert.ok(v === undefined || v === 'currentColor' || v === 'none', `${a}="${v}" on ${e.name}`);
      }
    }
    assert.ok(!/#[0-9a-fA-F]{3,8}\b|rgb\(|hsl\(/.test(svg.replace(/url\(#[^)]*\)/g, '')), 'no colour values');
    assert.equal(all(root, (e) => e.name === 'style').length, 0);
    const standalone = renderDiagramSvg(buildDiagramModel(SAMPLE, 'en'), { standaloneStyle: true });
    const sroot = parseXml(standalone);
    assert.equal(all(sroot, (e) => e.name === 'style').length, 1);
    assert.ok(hasClass(sroot, 'standalone'));
    assert.ok(sroot.attrs.has('width') && sroot.attrs.has('height'));
    assert.match(STANDALONE_CSS, /\.diagram-bg\{fill:#ffffff\}/);
    assert.ok(!/var\(|color-mix/.test(STANDALONE_CSS), 'standalone colours are plain');
  });

  it('uses distinct, prefixed ids so two diagrams can share a page', () => {
    const a = renderDiagramSvg(buildDiagramModel(SAMPLE, 'en'), { idPrefix: 'a-' });
    const b = renderDiagramSvg(buildDiagramModel(SAMPLE, 'en'), { idPrefix: 'b-' });
    const ids = (s: string) => all(parseXml(s), (e) => e.attrs.has('id')).map((e) => e.attrs.get('id') ?? '');
    assert.ok(ids(a).every((i) => i.startsWith('a-')));
    assert.ok(ids(b).every((i) => i.startsWith('b-')));
    assert.equal(new Set(ids(a)).size, ids(a).length);
  });

  it('ships media/diagram.css with theme variables for every styled class', () => {
    const css = readFileSync(repoPath('media/diagram.css'), 'utf8');
    for (const v of [
      '--vscode-editor-foreground',
      '--vscode-editor-background',
      '--vscode-focusBorder',
      '--vscode-charts-red',
      '--vscode-charts-orange',
      '--vscode-charts-yellow',
      '--vscode-charts-blue',
      '--vscode-charts-green',
      '--vscode-contrastBorder',
      '--vscode-descriptionForeground',
    ]) {
      assert.ok(css.includes(`var(${v})`), v);
    }
    assert.ok(!/#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(/.test(css), 'no hard-coded colours in diagram.css');
    const classesIn = (s: string) => new Set([...s.matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1]));
    const webview = classesIn(css);
    const standalone = classesIn(STANDALONE_CSS);
    for (const cls of standalone) assert.ok(webview.has(cls), `.${cls} styled standalone but not in diagram.css`);
    const used = new Set(all(parseXml(renderDiagramSvg(buildDiagramModel({ ...SAMPLE, showLinux: true }, 'en'))), (e) => e.attrs.has('class')).flatMap((e) => (e.attrs.get('class') ?? '').split(/\s+/)));
    for (const cls of ['state-box', 'edge-line', 'badge-yes', 'badge-caveat', 'badge-no', 'heat-5', 'dimmed', 'mentioned', 'highlighted', 'focus-ring', 'exit-cross', 'annotation-text']) {
      assert.ok(used.has(cls), `${cls} used`);
      assert.ok(webview.has(cls), `${cls} styled`);
    }
  });

  it('keeps the diagram core free of vscode and Node built-ins', () => {
    for (const f of ['graph.ts', 'model.ts', 'svg.ts']) {
      const src = readFileSync(repoPath(join('src/core/diagram', f)), 'utf8');
      assert.ok(!/from\s+['"](vscode|node:[\w/]+|fs|path|os|crypto|child_process)['"]/.test(src), f);
      assert.ok(!/\brequire\(/.test(src), f);
    }
  });

  it('renders in Chinese with the same structure', () => {
    const zh = parseXml(renderDiagramSvg(buildDiagramModel({ ...SAMPLE, showLinux: true }, 'zh-cn')));
    assert.equal(zh.attrs.get('lang'), 'zh-CN');
    assert.match(stateGroup(zh, 'FIN-WAIT-1').attrs.get('aria-label') ?? '', /笔记提及 4 次/);
    assert.equal(all(stateGroup(zh, 'CLOSE-WAIT'), (e) => hasClass(e, 'orphan-badge'))[0]?.text, '非孤儿');
  });
});
