/**
 * Renders a DiagramModel as one self-contained SVG string, for the webview panel (styled by
 * media/diagram.css through `--vscode-*` variables) and for the CLI's .svg file
 * (`standaloneStyle: true` embeds plain colours readable on white).
 *
 * Security: the only note-derived texts are the title, the count source and the state / transition
 * ids; every text and attribute value goes through `escapeXml`. The output never contains
 * scripts, event-handler attributes, `foreignObject`, links or external references: markers are
 * referenced with local `url(#…)` fragments only. Colours come from classes (no inline styles), so
 * the panel's CSP can stay at `style-src ${cspSource}`.
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import { stripInvisible } from '../sanitize';
import {
  ACTION_BASELINE,
  ANNOTATION_FONT_SIZE,
  EVENT_BASELINE,
  ANNOTATION_LINE_HEIGHT,
  EDGE_LABEL_FONT_SIZE,
  MAX_HEAT,
  NODE_LABEL_FONT_SIZE,
  edgeLabelWidth,
  roundedPath,
  textWidth,
  type Point,
} from './graph';
import type { DiagramAnnotationModel, DiagramEdgeModel, DiagramModel, DiagramNodeModel } from './model';
import { countText } from './model';
import { KEY_FONT_SIZE, KEY_LINE_HEIGHT, PILL_FONT_SIZE, PILL_HEIGHT, keyLine, pillWidth } from './narrowLayout';

export interface RenderOptions {
  /** Width the standalone file declares, in CSS px (the height follows the viewBox); default: the viewBox width. */
  width?: number;
  /** Replaces the standalone palette (e.g. the light/dark sheet of a linked SVG); implies `standaloneStyle`. */
  styleSheet?: string;
  /** Prefix for element ids (markers, title, desc) so two diagrams can share a document. Sanitised. */
  idPrefix?: string;
  /** Embed a `<style>` block with plain colours (CLI / file output) instead of relying on media/diagram.css. */
  standaloneStyle?: boolean;
}

/**
 * Escapes the five XML specials and drops characters XML 1.0 does not allow. Also writes the colon
 * of a `javascript:` / `vbscript:` / `data:` scheme as `&#58;`: the text reads the same, but the raw
 * SVG never holds a script URL that a careless consumer could lift into an href.
 */
export function escapeXml(text: string): string {
  // Bidi and other invisible controls never reach the SVG (its title, heading and labels).
  return stripInvisible(text)
    // eslint-disable-next-line no-control-regex -- the class lists the characters XML 1.0 allows
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\b(javascript|vbscript|data)(\s*):/gi, '$1$2&#58;');
}

const MONO_FONTS = "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace";
const SANS_FONTS = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', 'Noto Sans CJK SC', sans-serif";

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

type Attrs = Readonly<Record<string, string | number | undefined>>;

function attrs(a: Attrs): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${escapeXml(typeof v === 'number' ? fmt(v) : v)}"`;
  }
  return out;
}

function el(name: string, a: Attrs, children?: string): string {
  return children === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
}

function text(content: string, a: Attrs): string {
  return el('text', a, escapeXml(content));
}

/** Longest prefix of `s` whose estimated width fits `maxWidth` (with an ellipsis when cut). */
function fitWidth(s: string, fontSize: number, maxWidth: number): string {
  if (textWidth(s, fontSize) <= maxWidth) return s;
  const chars = [...s];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(`${chars.slice(0, mid).join('')}…`, fontSize) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

/** The polyline with its last segment shortened, so the line ends inside the arrow head, not at its tip. */
function trimEnd(points: readonly Point[], by: number): Point[] {
  const out = points.slice();
  const last = out[out.length - 1];
  const prev = out[out.length - 2];
  if (!last || !prev) return out;
  const len = Math.hypot(last.x - prev.x, last.y - prev.y);
  if (len <= by) return out;
  out[out.length - 1] = { x: last.x - ((last.x - prev.x) / len) * by, y: last.y - ((last.y - prev.y) / len) * by };
  return out;
}

const ARROW_TRIM = 4;

function markers(id: (s: string) => string): string {
  const marker = (name: string, cls: string): string =>
    el(
      'marker',
      {
        id: id(name),
        viewBox: '0 0 10 10',
        refX: 10 - ARROW_TRIM,
        refY: 5,
        markerWidth: 10,
        markerHeight: 10,
        markerUnits: 'userSpaceOnUse',
        orient: 'auto',
      },
      el('path', { class: cls, d: 'M0 0.5 L10 5 L0 9.5 Z' }),
    );
  return el(
    'defs',
    {},
    marker('arrow', 'arrowhead') + marker('arrow-hl', 'arrowhead arrowhead-hl') + marker('arrow-linux', 'arrowhead arrowhead-linux'),
  );
}

function edgeClass(e: DiagramEdgeModel): string {
  return ['edge', `edge-${e.layer}`, ...(e.highlighted ? ['highlighted'] : [])].join(' ');
}

function renderEdge(e: DiagramEdgeModel, id: (s: string) => string): string {
  const marker = e.highlighted ? 'arrow-hl' : e.layer === 'linux' ? 'arrow-linux' : 'arrow';
  return el(
    'g',
    { class: edgeClass(e), 'data-edge': e.id, 'data-from': e.from, 'data-to': e.to },
    el('title', {}, escapeXml(`${e.id}: ${e.from} → ${e.to}: ${e.label}`)) +
      el('path', { class: 'edge-line', d: roundedPath(trimEnd(e.points, ARROW_TRIM)), 'marker-end': `url(#${id(marker)})` }),
  );
}

function renderEdgeLabel(e: DiagramEdgeModel): string {
  const w = edgeLabelWidth(e);
  const { x, y, anchor } = e.labelAt;
  const x0 = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
  const common = { x, 'text-anchor': anchor, 'font-size': EDGE_LABEL_FONT_SIZE };
  return el(
    'g',
    { class: ['edge-label', `edge-${e.layer}`, ...(e.highlighted ? ['highlighted'] : [])].join(' '), 'data-edge': e.id },
    text(e.event, { ...common, y: y + EVENT_BASELINE, class: 'label-event' }) +
      el('path', { class: 'edge-label-rule', d: `M${fmt(x0)} ${fmt(y)} H${fmt(x0 + w)}` }) +
      text(e.action, { ...common, y: y + ACTION_BASELINE, class: 'label-action' }),
  );
}

/** Narrow layout: the edge's id in a small pill on its line; the full label is in the key and the `<title>`. */
function renderEdgePill(e: DiagramEdgeModel): string {
  const w = pillWidth(e.id);
  const { x, y } = e.labelAt;
  return el(
    'g',
    { class: ['edge-pill', `edge-${e.layer}`, ...(e.highlighted ? ['highlighted'] : [])].join(' '), 'data-edge': e.id },
    el('rect', { class: 'edge-pill-box', x: x - w / 2, y: y - PILL_HEIGHT / 2, width: w, height: PILL_HEIGHT, rx: PILL_HEIGHT / 2 }) +
      text(e.id, { class: 'edge-pill-text', x, y: y + 4, 'text-anchor': 'middle', 'font-size': PILL_FONT_SIZE }),
  );
}

/** Narrow layout: one line per edge, "R4  rcv SYN / snd SYN,ACK", under the states. */
function renderEdgeKey(m: DiagramModel): string {
  const top = m.keyTop ?? 0;
  return el(
    'g',
    { class: 'edge-key-list' },
    m.edges
      .map((e, i) =>
        el(
          'g',
          { class: ['edge-key', `edge-${e.layer}`, ...(e.highlighted ? ['highlighted'] : [])].join(' '), 'data-edge': e.id },
          text(keyLine(e), { x: 16, y: top + i * KEY_LINE_HEIGHT, 'font-size': KEY_FONT_SIZE, 'xml:space': 'preserve' }),
        ),
      )
      .join(''),
  );
}

function renderAnnotation(a: DiagramAnnotationModel): string {
  let leaders = '';
  for (const l of a.leaders) {
    leaders += el('path', { class: 'annotation-leader', d: roundedPath(l.points) });
    const end = l.points[l.points.length - 1];
    if (l.exit && end) {
      const s = 5;
      leaders += el('path', {
        class: 'exit-cross',
        d: `M${fmt(end.x - s)} ${fmt(end.y - s)} L${fmt(end.x + s)} ${fmt(end.y + s)} M${fmt(end.x + s)} ${fmt(end.y - s)} L${fmt(end.x - s)} ${fmt(end.y + s)}`,
      });
    }
  }
  const spans = a.lines
    .map((line, i) => el('tspan', { x: a.x, y: a.y + ANNOTATION_FONT_SIZE + i * ANNOTATION_LINE_HEIGHT }, escapeXml(line)))
    .join('');
  return el(
    'g',
    { class: `annotation${a.highlighted ? ' highlighted' : ''}`, 'data-annotation': a.id, 'data-states': a.states.join(' ') },
    leaders + el('text', { class: 'annotation-text', 'font-size': ANNOTATION_FONT_SIZE }, spans),
  );
}

const BADGE_FONT = 11;
const BADGE_H = 18;

function badgeWidth(label: string): number {
  return Math.ceil(textWidth(label, BADGE_FONT) + 12);
}

function badge(label: string, kind: 'yes' | 'caveat' | 'no', x: number, y: number): string {
  const w = badgeWidth(label);
  return el(
    'g',
    { class: `orphan-badge badge-${kind}` },
    el('rect', { class: 'badge-box', x, y, width: w, height: BADGE_H, rx: BADGE_H / 2 }) +
      text(label, { class: 'badge-text', x: x + w / 2, y: y + 13, 'text-anchor': 'middle', 'font-size': BADGE_FONT }),
  );
}

/** Mention count: a dot for one or two digits, a pill for "99+"; centred on (cx, cy), growing rightwards. */
function chip(label: string, cx: number, cy: number): string {
  const w = Math.max(20, Math.ceil(textWidth(label, 11) + 10));
  const x = cx - 10;
  return el(
    'g',
    { class: 'mention-chip' },
    el('rect', { class: 'chip-dot', x, y: cy - 10, width: w, height: 20, rx: 10 }) +
      text(label, { class: 'chip-text', x: x + w / 2, y: cy + 4, 'text-anchor': 'middle', 'font-size': 11 }),
  );
}

function nodeClass(n: DiagramNodeModel): string {
  return [
    'state',
    `heat-${n.heat}`,
    n.mentioned ? 'mentioned' : n.dimmed ? 'dimmed' : 'counted',
    `orphan-${n.orphan}`,
    ...(n.notOrphanMarker ? ['not-orphan'] : []),
    `layer-${n.layer}`,
  ].join(' ');
}

function renderNode(n: DiagramNodeModel, lang: DiagramModel['lang']): string {
  const x0 = n.x - n.width / 2;
  const y0 = n.y - n.height / 2;
  const second = n.count !== undefined ? countText(n.count, lang, n.atLeast, true) : n.caption;
  let body =
    el('title', {}, escapeXml(n.ariaLabel)) +
    el('rect', { class: 'focus-ring', x: x0 - 4, y: y0 - 4, width: n.width + 8, height: n.height + 8, rx: 11 }) +
    el('rect', { class: 'state-box', x: x0, y: y0, width: n.width, height: n.height, rx: 8 }) +
    text(n.figureLabel, {
      class: 'state-label',
      x: n.x,
      y: second === undefined ? n.y + 5 : n.y - 3,
      'text-anchor': 'middle',
      'font-family': SANS_FONTS,
      'font-size': NODE_LABEL_FONT_SIZE,
      'font-weight': 600,
    });
  if (second !== undefined) {
    body += text(second, {
      class: n.count !== undefined ? 'state-count' : 'state-caption',
      x: n.x,
      y: n.y + 16,
      'text-anchor': 'middle',
      'font-size': 13,
    });
  }
  if (n.badge !== undefined) {
    const kind = n.orphan === 'yes' ? 'yes' : n.orphan === 'caveat' ? 'caveat' : 'no';
    body += badge(n.badge, kind, x0 + n.width - 8 - badgeWidth(n.badge), y0 - BADGE_H / 2);
  }
  if (n.mentioned) body += chip(n.mentions > 99 ? '99+' : String(n.mentions), x0 + 2, y0);
  return el(
    'g',
    {
      class: nodeClass(n),
      'data-state': n.id,
      'data-mentions': String(n.mentions),
      'data-count': n.count === undefined ? '' : String(n.count),
      'data-orphan': n.orphan,
      'data-heat': String(n.heat),
      tabindex: '0',
      role: 'button',
      'aria-label': n.ariaLabel,
    },
    body,
  );
}

// ---------------------------------------------------------------------------------------------
// Legend: a flow of items under the diagram, wrapped at the viewBox width.

interface LegendItem {
  readonly width: number;
  /** Draws the item with its left edge at x and its vertical centre at y. */
  readonly draw: (x: number, y: number) => string;
}

const LEGEND_FONT = 12;
const LEGEND_GAP = 22;
const LEGEND_ROW = 26;
const LEGEND_LEFT = 24;

function legendText(s: string, x: number, y: number, cls = 'legend-text'): string {
  return text(s, { class: cls, x, y: y + 4, 'font-size': LEGEND_FONT });
}

function legendItems(m: DiagramModel, id: (s: string) => string): LegendItem[][] {
  const L = m.legend;
  const tw = (s: string): number => textWidth(s, LEGEND_FONT);
  const badgeItem = (label: string, kind: 'yes' | 'caveat' | 'no', caption: string): LegendItem => ({
    width: badgeWidth(label) + 6 + tw(caption),
    draw: (x, y) => badge(label, kind, x, y - BADGE_H / 2) + legendText(caption, x + badgeWidth(label) + 6, y),
  });
  const heatItem: LegendItem = {
    width: tw(L.heat) + 8 + (MAX_HEAT + 1) * 24,
    draw: (x, y) => {
      let s = legendText(L.heat, x, y);
      const sx = x + tw(L.heat) + 8;
      for (let k = 0; k <= MAX_HEAT; k++) {
        s += el(
          'g',
          { class: `legend-swatch heat-${k}` },
          el('rect', { class: 'state-box', x: sx + k * 24, y: y - 9, width: 21, height: 18, rx: 3 }) +
            text(String(k), { class: 'swatch-text', x: sx + k * 24 + 10.5, y: y + 4, 'text-anchor': 'middle', 'font-size': LEGEND_FONT }),
        );
      }
      return s;
    },
  };
  const sampleBox = (cls: string, x: number, y: number): string =>
    el('g', { class: `legend-state ${cls}` }, el('rect', { class: 'state-box', x, y: y - 9, width: 30, height: 18, rx: 4 }));
  const mentionedItem: LegendItem = {
    width: 46 + tw(L.mentioned),
    draw: (x, y) => sampleBox('mentioned', x + 6, y) + chip('n', x + 8, y - 8) + legendText(L.mentioned, x + 46, y),
  };
  const dimmedItem: LegendItem = {
    width: 38 + tw(L.dimmed),
    draw: (x, y) => sampleBox('dimmed', x, y) + legendText(L.dimmed, x + 38, y),
  };
  const edgeItem = (cls: string, marker: string, caption: string): LegendItem => ({
    width: 44 + tw(caption),
    draw: (x, y) =>
      el(
        'g',
        { class: `legend-edge ${cls}` },
        el('path', { class: 'edge-line', d: `M${fmt(x)} ${fmt(y)} H${fmt(x + 36 - ARROW_TRIM)}`, 'marker-end': `url(#${id(marker)})` }),
      ) + legendText(caption, x + 44, y),
  });

  const edgeItems = [
    edgeItem('edge edge-rfc highlighted', 'arrow-hl', L.highlightedEdge),
    ...(m.showLinux ? [edgeItem('edge edge-linux', 'arrow-linux', L.linuxEdge)] : []),
  ];
  const rows: LegendItem[][] = [
    [
      badgeItem(L.badgeYes, 'yes', L.orphanYes),
      badgeItem(L.badgeCaveat, 'caveat', L.orphanCaveat),
      badgeItem(L.badgeNo, 'no', L.notOrphan),
    ],
    [heatItem, mentionedItem, dimmedItem],
    edgeItems,
  ];
  if (L.unmatched !== undefined) {
    // The warning takes what is left of the edge row, or a row of its own when that is too little.
    const used = edgeItems.reduce((sum, i) => sum + i.width + LEGEND_GAP, 0);
    const rest = m.viewBox.width - 2 * LEGEND_LEFT - used;
    const room = rest >= 260 ? rest : m.viewBox.width - 2 * LEGEND_LEFT;
    const fitted = fitWidth(L.unmatched, LEGEND_FONT, room);
    const item: LegendItem = { width: tw(fitted), draw: (x, y) => legendText(fitted, x, y, 'legend-text legend-unmatched') };
    if (rest >= 260) edgeItems.push(item);
    else rows.push([item]);
  }
  return rows;
}

const LEGEND_TOP = 1026;

function renderLegend(m: DiagramModel, id: (s: string) => string): { svg: string; bottom: number } {
  let y = m.legendTop ?? LEGEND_TOP;
  let out = '';
  const right = m.viewBox.width - LEGEND_LEFT;
  for (const row of legendItems(m, id)) {
    let x = LEGEND_LEFT;
    for (const item of row) {
      if (x > LEGEND_LEFT && x + item.width > right) {
        x = LEGEND_LEFT;
        y += LEGEND_ROW;
      }
      out += item.draw(x, y);
      x += item.width + LEGEND_GAP;
    }
    y += LEGEND_ROW;
  }
  return { svg: el('g', { class: 'legend' }, out), bottom: y - LEGEND_ROW + 10 };
}

// ---------------------------------------------------------------------------------------------

function sanitizePrefix(prefix: string | undefined): string {
  const cleaned = (prefix ?? 'tsn-').replace(/[^A-Za-z0-9_-]/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `tsn-${cleaned}`;
}

export function renderDiagramSvg(model: DiagramModel, options?: RenderOptions): string {
  const prefix = sanitizePrefix(options?.idPrefix);
  const id = (s: string): string => `${prefix}${s}`;
  const standalone = options?.standaloneStyle === true || options?.styleSheet !== undefined;
  const narrow = model.layout === 'narrow';

  const legend = renderLegend(model, id);
  const width = model.viewBox.width;
  const height = Math.max(model.viewBox.height, Math.ceil(legend.bottom + 6));

  const heading =
    el(
      'g',
      { class: 'heading' },
      text(fitWidth(model.title, 15, Math.min(440, width - 32)), {
        class: 'diagram-title',
        x: 16,
        y: 26,
        'font-family': SANS_FONTS,
        'font-size': 15,
        'font-weight': 600,
      }) +
        text(model.figureCaption, { class: 'diagram-caption', x: 16, y: 47, 'font-size': 12 }) +
        (model.legend.countSource === undefined
          ? ''
          : text(fitWidth(model.legend.countSource, 12, Math.min(340, width - 32)), { class: 'diagram-source', x: 16, y: 66, 'font-size': 12 })),
    );

  const body =
    el('rect', { class: 'diagram-bg', x: 0, y: 0, width, height }) +
    heading +
    el('g', { class: 'edges' }, model.edges.map((e) => renderEdge(e, id)).join('')) +
    el('g', { class: 'annotations' }, model.annotations.map(renderAnnotation).join('')) +
    el('g', { class: 'edge-labels' }, model.edges.map(narrow ? renderEdgePill : renderEdgeLabel).join('')) +
    el('g', { class: 'states' }, model.nodes.map((n) => renderNode(n, model.lang)).join('')) +
    (narrow ? renderEdgeKey(model) : '') +
    legend.svg;

  const rootAttrs: Attrs = {
    xmlns: 'http://www.w3.org/2000/svg',
    viewBox: `0 0 ${width} ${height}`,
    width: standalone ? (options?.width ?? width) : undefined,
    height: standalone ? Math.round((height * (options?.width ?? width)) / width) : undefined,
    class: ['tcp-diagram', `lang-${model.lang}`, model.showLinux ? 'linux-on' : 'linux-off', ...(narrow ? ['narrow'] : []), ...(standalone ? ['standalone'] : [])].join(' '),
    role: 'img',
    'aria-labelledby': `${id('title')} ${id('desc')}`,
    lang: model.lang === 'zh-cn' ? 'zh-CN' : 'en',
    'font-family': MONO_FONTS,
  };

  return (
    `<svg${attrs(rootAttrs)}>` +
    el('title', { id: id('title') }, escapeXml(model.title)) +
    el('desc', { id: id('desc') }, escapeXml(model.summary)) +
    (standalone ? el('style', {}, options?.styleSheet ?? STANDALONE_CSS) : '') +
    markers(id) +
    body +
    '</svg>'
  );
}

/**
 * Plain colours for the CLI's file output, readable on white in any viewer (no CSS variables, no
 * color-mix). Same class names as media/diagram.css.
 */
export const STANDALONE_CSS = `
.tcp-diagram{color:#1f2328}
.diagram-bg{fill:#ffffff}
.diagram-title{fill:#1f2328}
.diagram-caption{fill:#57606a}
.diagram-source{fill:#57606a}
.edge-line{fill:none;stroke:#6e7781;stroke-width:1.4}
.edge-linux .edge-line{stroke:#8250df;stroke-dasharray:6 4}
.edge.highlighted .edge-line{stroke:#0969da;stroke-width:3;stroke-dasharray:none}
.arrowhead{fill:#6e7781}
.arrowhead-hl{fill:#0969da}
.arrowhead-linux{fill:#8250df}
.edge-label text{fill:#1f2328;paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}
.edge-label.edge-linux text{fill:#6639ba}
.edge-label.highlighted text{fill:#0550ae;font-weight:700}
.edge-label-rule{stroke:#8c959f;stroke-width:1}
.edge-label.highlighted .edge-label-rule{stroke:#0969da}
.annotation-text{fill:#6639ba}
.annotation.highlighted .annotation-text{fill:#0550ae;font-weight:700}
.annotation-leader{fill:none;stroke:#8250df;stroke-width:1.2;stroke-dasharray:3 3}
.exit-cross{stroke:#cf222e;stroke-width:2.2;stroke-linecap:round}
.state-box{fill:#ffffff;stroke:#57606a;stroke-width:1.4}
.state.mentioned .state-box,.legend-state.mentioned .state-box{stroke:#1f2328;stroke-width:3}
.state.dimmed .state-box,.legend-state.dimmed .state-box{stroke:#afb8c1;stroke-dasharray:4 3}
.state.dimmed .orphan-badge{opacity:.65}
.state{cursor:pointer}
.state-label{fill:#1f2328}
.state.dimmed .state-label{fill:#6e7781}
.state-count{fill:#1f2328;font-weight:600}
.state-caption{fill:#57606a}
.focus-ring{fill:none;stroke:none}
.state:focus{outline:none}
.state:focus-visible .focus-ring{stroke:#0969da;stroke-width:2.5}
.heat-0 .state-box{fill:#ffffff}
.heat-1 .state-box{fill:#fff4e5}
.heat-2 .state-box{fill:#ffe2bf}
.heat-3 .state-box{fill:#ffc98f}
.heat-4 .state-box{fill:#ffaa66}
.heat-5 .state-box{fill:#ff8a4c}
.swatch-text{fill:#1f2328}
.badge-box{stroke-width:1.4}
.badge-yes .badge-box{fill:#cf222e;stroke:#cf222e}
.badge-yes .badge-text{fill:#ffffff;font-weight:700}
.badge-caveat .badge-box{fill:#fff8c5;stroke:#bc4c00;stroke-dasharray:3 2}
.badge-caveat .badge-text{fill:#953800;font-weight:700}
.badge-no .badge-box{fill:#ffffff;stroke:#1a7f37}
.badge-no .badge-text{fill:#1a7f37;font-weight:700}
.chip-dot{fill:#0969da;stroke:#ffffff;stroke-width:1.5}
.chip-text{fill:#ffffff;font-weight:700}
.legend-text{fill:#1f2328}
.legend-unmatched{fill:#953800}
.edge-pill-box{fill:#ffffff;stroke:#6e7781;stroke-width:1.2}
.edge-pill.edge-linux .edge-pill-box{stroke:#8250df;stroke-dasharray:3 2}
.edge-pill.highlighted .edge-pill-box{stroke:#0969da;stroke-width:2.5}
.edge-pill-text{fill:#1f2328;font-weight:600}
.edge-pill.highlighted .edge-pill-text{fill:#0550ae}
.edge-key text{fill:#1f2328}
.edge-key.edge-linux text{fill:#6639ba}
.edge-key.highlighted text{fill:#0550ae;font-weight:700}
`;
