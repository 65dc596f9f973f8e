/**
 * The TCP state diagram as data: RFC 9293 Figure 5 (nodes, edges R1–R20) plus a Linux layer
 * (Note 2 as an edge, the NEW_SYN_RECV request sock, and annotations for behaviour the RFC
 * figure cannot show). Facts: tcp-orphan-facts.md §6.1–§6.3 and §2.6–§2.7.
 *
 * Pure data and geometry: no `vscode`, no Node built-ins. The coordinates are laid out by hand in
 * the conventional arrangement of the figure (opening at the top, active close on the left,
 * passive close on the right, TIME-WAIT at the bottom) in a 900-wide viewBox, so the panel stays
 * legible at 500–900 CSS px. `findLayoutProblems()` checks the hand layout (labels vs nodes,
 * labels vs labels, labels vs other edges' lines) and the unit tests keep it empty.
 */
import type { Localized, StateId } from '../catalogue/types';

/** Heat levels 1..MAX_HEAT for socket counts (log scale); 0 is no sockets. */
export const MAX_HEAT = 5;

export type DiagramLayer = 'rfc' | 'linux';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface DiagramNode {
  readonly id: StateId;
  /** The label as drawn in RFC 9293 Figure 5 ("SYN RCVD", "FINWAIT-2"); Linux-only nodes use the kernel name. */
  readonly figureLabel: string;
  /** Small second caption for Linux-only nodes ("request sock"). */
  readonly caption?: Localized;
  /** Centre of the node box. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly layer: DiagramLayer;
}

/** Where an edge's two-line label (event above a rule, action below) is drawn. */
export interface LabelPlacement {
  readonly x: number;
  /** y of the rule between the event line and the action line. */
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface DiagramEdge {
  /** R1…R20 (Figure 5), N2 (Note 2), L1, L2 (Linux). */
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  readonly event: string;
  /** `x` = no action, as in the figure; `—` where the figure prints none. */
  readonly action: string;
  /** `event / action`, e.g. "rcv SYN / snd SYN,ACK". */
  readonly label: string;
  readonly layer: DiagramLayer;
  /** Polyline, first point on the `from` node border, last point on the `to` node border (arrow head). */
  readonly points: readonly Point[];
  readonly labelAt: LabelPlacement;
  /** Key(s) in tcp-orphan-facts.md. */
  readonly source: string;
}

/** A note drawn on the Linux layer: text lines plus dashed leaders, optionally ending in an exit cross. */
export interface DiagramAnnotation {
  readonly id: string;
  readonly layer: 'linux';
  /** States the note is about (used for highlighting and for screen-reader text). */
  readonly states: readonly StateId[];
  /** Transitions this note explains that are not drawn as edges (so a note writing them is still matched). */
  readonly explains: readonly { readonly from: StateId; readonly to: StateId }[];
  /** Top-left of the first text line's box; lines are ANNOTATION_LINE_HEIGHT apart. */
  readonly x: number;
  readonly y: number;
  readonly lines: readonly Localized[];
  readonly leaders: readonly { readonly points: readonly Point[]; readonly exit: boolean }[];
  readonly source: string;
}

export const VIEWBOX = { width: 900, height: 1100 } as const;

/** Typography the geometry relies on (the renderer uses the same numbers). */
export const EDGE_LABEL_FONT_SIZE = 13;
export const ANNOTATION_FONT_SIZE = 12;
export const ANNOTATION_LINE_HEIGHT = 15;
export const NODE_LABEL_FONT_SIZE = 15;
/** Everything outside the nodes is set in a monospace font, so this estimate is close to exact. */
export const MONO_ADVANCE = 0.61;

const NODE_W = 150;
const NODE_H = 50;
/** Badges and the mention chip stick out of the node box (sides and top) by this much. */
export const NODE_DECORATION_MARGIN = 10;

const COL = { left: 170, centre: 450, right: 730 } as const;

function node(
  id: StateId,
  figureLabel: string,
  x: number,
  y: number,
  layer: DiagramLayer = 'rfc',
  caption?: Localized,
): DiagramNode {
  return caption
    ? { id, figureLabel, caption, x, y, width: NODE_W, height: NODE_H, layer }
    : { id, figureLabel, x, y, width: NODE_W, height: NODE_H, layer };
}

/** RFC 9293 Figure 5 nodes, then the Linux-only request sock. */
export const DIAGRAM_NODES: readonly DiagramNode[] = [
  node('CLOSED', 'CLOSED', COL.centre, 90),
  node('LISTEN', 'LISTEN', COL.centre, 220),
  node('SYN-RECEIVED', 'SYN RCVD', COL.left, 370),
  node('SYN-SENT', 'SYN SENT', COL.right, 370),
  node('ESTABLISHED', 'ESTAB', COL.centre, 510),
  node('FIN-WAIT-1', 'FIN WAIT-1', COL.left, 650),
  node('CLOSE-WAIT', 'CLOSE WAIT', COL.right, 650),
  node('FIN-WAIT-2', 'FINWAIT-2', COL.left, 810),
  node('CLOSING', 'CLOSING', COL.centre, 810),
  node('LAST-ACK', 'LAST-ACK', COL.right, 810),
  node('TIME-WAIT', 'TIME-WAIT', COL.centre, 935),
  node('NEW-SYN-RECV', 'NEW_SYN_RECV', COL.centre, 320, 'linux', {
    en: 'request sock',
    'zh-cn': '请求套接字',
  }),
];

function nodeById(id: StateId): DiagramNode {
  const n = DIAGRAM_NODES.find((d) => d.id === id);
  if (!n) throw new Error(`no diagram node ${id}`);
  return n;
}

// Border anchors, offset from the centre of the side.
const top = (id: StateId, dx = 0): Point => {
  const n = nodeById(id);
  return { x: n.x + dx, y: n.y - n.height / 2 };
};
const bottom = (id: StateId, dx = 0): Point => {
  const n = nodeById(id);
  return { x: n.x + dx, y: n.y + n.height / 2 };
};
const left = (id: StateId, dy = 0): Point => {
  const n = nodeById(id);
  return { x: n.x - n.width / 2, y: n.y + dy };
};
const right = (id: StateId, dy = 0): Point => {
  const n = nodeById(id);
  return { x: n.x + n.width / 2, y: n.y + dy };
};
const p = (x: number, y: number): Point => ({ x, y });

function edge(
  id: string,
  from: StateId,
  to: StateId,
  event: string,
  action: string,
  points: readonly Point[],
  labelAt: LabelPlacement,
  layer: DiagramLayer = 'rfc',
  source = 'RFC9293 Fig. 5',
): DiagramEdge {
  return { id, from, to, event, action, label: `${event} / ${action}`, layer, points, labelAt, source };
}

const at = (x: number, y: number, anchor: LabelPlacement['anchor'] = 'middle'): LabelPlacement => ({ x, y, anchor });

/** Right margin "bus" used by LAST-ACK → CLOSED, left margin bus used by TIME-WAIT → CLOSED. */
const RIGHT_BUS_X = 872;
const LEFT_BUS_X = 24;
const TOP_BUS_Y = 32;
const BOTTOM_BUS_Y = 985;

export const DIAGRAM_EDGES: readonly DiagramEdge[] = [
  // Opening.
  edge('R1', 'CLOSED', 'LISTEN', 'passive OPEN', 'create TCB',
    [bottom('CLOSED', -30), top('LISTEN', -30)], at(410, 155, 'end')),
  edge('R2', 'CLOSED', 'SYN-SENT', 'active OPEN', 'create TCB, snd SYN',
    [right('CLOSED', 14), p(715, 104), top('SYN-SENT', -15)], at(622, 104)),
  edge('R3', 'LISTEN', 'CLOSED', 'CLOSE', 'delete TCB',
    [top('LISTEN', 30), bottom('CLOSED', 30)], at(490, 155, 'start')),
  edge('R4', 'LISTEN', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK',
    [left('LISTEN', 14), p(205, 234), top('SYN-RECEIVED', 35)], at(215, 294, 'start')),
  edge('R5', 'LISTEN', 'SYN-SENT', 'SEND', 'snd SYN',
    [right('LISTEN', 0), p(680, 220), top('SYN-SENT', -50)], at(602, 220)),
  edge('R6', 'SYN-SENT', 'CLOSED', 'CLOSE', 'delete TCB',
    [top('SYN-SENT', 40), p(770, 76), right('CLOSED', -14)], at(780, 200, 'start')),
  edge('R7', 'SYN-SENT', 'SYN-RECEIVED', 'rcv SYN', 'snd SYN,ACK',
    [left('SYN-SENT', 14), right('SYN-RECEIVED', 14)], at(310, 384)),
  edge('R8', 'SYN-SENT', 'ESTABLISHED', 'rcv SYN,ACK', 'snd ACK',
    [bottom('SYN-SENT', -30), p(700, 510), right('ESTABLISHED', 0)], at(613, 510)),
  edge('R9', 'SYN-RECEIVED', 'LISTEN', 'rcv RST (note 1)', '—',
    [top('SYN-RECEIVED', -40), p(130, 206), left('LISTEN', -14)], at(262, 206)),
  edge('R10', 'SYN-RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN', 'x',
    [bottom('SYN-RECEIVED', 30), p(200, 510), left('ESTABLISHED', 0)], at(290, 510)),
  edge('R11', 'SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN',
    [bottom('SYN-RECEIVED', -40), top('FIN-WAIT-1', -40)], at(140, 560, 'start')),
  // Closing: active closer on the left, passive closer on the right.
  edge('R12', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSE', 'snd FIN',
    [bottom('ESTABLISHED', -40), p(410, 636), right('FIN-WAIT-1', -14)], at(400, 586, 'end')),
  edge('R13', 'ESTABLISHED', 'CLOSE-WAIT', 'rcv FIN', 'snd ACK',
    [bottom('ESTABLISHED', 40), p(490, 636), left('CLOSE-WAIT', -14)], at(500, 586, 'start')),
  edge('R14', 'FIN-WAIT-1', 'FIN-WAIT-2', 'rcv ACK of FIN', 'x',
    [bottom('FIN-WAIT-1', -20), top('FIN-WAIT-2', -20)], at(140, 730, 'end')),
  edge('R15', 'FIN-WAIT-1', 'CLOSING', 'rcv FIN', 'snd ACK',
    [right('FIN-WAIT-1', 14), p(430, 664), top('CLOSING', -20)], at(318, 664)),
  edge('R16', 'FIN-WAIT-2', 'TIME-WAIT', 'rcv FIN', 'snd ACK',
    [bottom('FIN-WAIT-2', 0), p(170, 947), left('TIME-WAIT', 12)], at(272, 947)),
  edge('R17', 'CLOSING', 'TIME-WAIT', 'rcv ACK of FIN', 'x',
    [bottom('CLOSING', 0), top('TIME-WAIT', 0)], at(460, 872, 'start')),
  edge('R18', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSE', 'snd FIN',
    [bottom('CLOSE-WAIT', 0), top('LAST-ACK', 0)], at(720, 730, 'end')),
  edge('R19', 'LAST-ACK', 'CLOSED', 'rcv ACK of FIN', 'x',
    [right('LAST-ACK', 0), p(RIGHT_BUS_X, 810), p(RIGHT_BUS_X, TOP_BUS_Y), p(500, TOP_BUS_Y), top('CLOSED', 50)],
    at(862, 730, 'end')),
  edge('R20', 'TIME-WAIT', 'CLOSED', 'Timeout=2MSL', 'delete TCB',
    [bottom('TIME-WAIT', 0), p(450, BOTTOM_BUS_Y), p(LEFT_BUS_X, BOTTOM_BUS_Y), p(LEFT_BUS_X, 90), left('CLOSED', 0)],
    at(262, BOTTOM_BUS_Y)),
  // Note 2 of Figure 5 (drawn on the Linux/notes layer; Linux implements it as L8).
  edge('N2', 'FIN-WAIT-1', 'TIME-WAIT', 'rcv FIN+ACK', 'snd ACK',
    [bottom('FIN-WAIT-1', 55), p(300, 740), p(300, 890), p(410, 890), top('TIME-WAIT', -40)],
    at(300, 855), 'linux', 'RFC9293 Fig. 5 Note 2; K-input tcp_rcv_state_process'),
  // Linux: the SYN creates a request sock (NEW_SYN_RECV), not a SYN-RECEIVED socket (§2.7, §6.3).
  edge('L1', 'LISTEN', 'NEW-SYN-RECV', 'rcv SYN', 'snd SYN,ACK',
    [bottom('LISTEN', 0), top('NEW-SYN-RECV', 0)], at(460, 264, 'start'), 'linux', 'C-NSR; K-ipv4'),
  edge('L2', 'NEW-SYN-RECV', 'ESTABLISHED', 'rcv ACK of SYN', 'child → accept queue',
    [bottom('NEW-SYN-RECV', 0), top('ESTABLISHED', 0)], at(460, 446, 'start'), 'linux',
    'C-NSR; K-mini tcp_check_req; K-input'),
];

export const DIAGRAM_ANNOTATIONS: readonly DiagramAnnotation[] = [
  {
    id: 'L9',
    layer: 'linux',
    states: ['FIN-WAIT-2'],
    explains: [],
    x: 34,
    y: 846,
    lines: [
      { en: 'Linux: an orphan', 'zh-cn': 'Linux：孤儿进入' },
      { en: 'here is handed to', 'zh-cn': '此状态即交给' },
      { en: 'a tw minisock', 'zh-cn': 'tw minisock' },
      { en: '(counted as tw)', 'zh-cn': '（计入 tw），' },
      { en: 'if fin_timeout', 'zh-cn': '条件是 fin_timeout' },
      { en: '≤ 60 s (default)', 'zh-cn': '≤ 60 s（默认）' },
    ],
    leaders: [],
    source: 'K-input tcp_rcv_state_process; K-mini tcp_time_wait',
  },
  {
    id: 'L16-L17',
    layer: 'linux',
    states: ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'],
    explains: [
      { from: 'FIN-WAIT-1', to: 'CLOSED' },
      { from: 'CLOSING', to: 'CLOSED' },
    ],
    x: 590,
    y: 868,
    lines: [
      { en: '✕ orphan limits (Linux):', 'zh-cn': '✕ 孤儿上限（Linux）：' },
      { en: 'tcp_orphan_retries used up,', 'zh-cn': 'tcp_orphan_retries 用尽，' },
      { en: 'tcp_max_orphans or tcp_mem', 'zh-cn': '或超出 tcp_max_orphans、' },
      { en: 'exceeded → dropped, no TIME-WAIT', 'zh-cn': 'tcp_mem → 直接销毁，无 TIME-WAIT' },
    ],
    leaders: [
      { points: [left('FIN-WAIT-1', 14), p(60, 664)], exit: true },
      { points: [right('CLOSING', 14), p(572, 824)], exit: true },
      { points: [bottom('LAST-ACK', 40), p(770, 856)], exit: true },
    ],
    source: 'K-timer tcp_write_timeout; K-tcp.c tcp_check_oom; K-timer tcp_out_of_resources',
  },
  {
    id: 'L19',
    layer: 'linux',
    states: ['TIME-WAIT'],
    explains: [],
    x: 540,
    y: 940,
    lines: [{ en: 'Linux: fixed 60 s, not 2MSL', 'zh-cn': 'Linux：固定 60 秒，非 2MSL' }],
    leaders: [],
    source: 'K-h TCP_TIMEWAIT_LEN; K-mini',
  },
];

export function nodesForLayers(showLinux: boolean): readonly DiagramNode[] {
  return DIAGRAM_NODES.filter((n) => showLinux || n.layer === 'rfc');
}

export function edgesForLayers(showLinux: boolean): readonly DiagramEdge[] {
  return DIAGRAM_EDGES.filter((e) => showLinux || e.layer === 'rfc');
}

export function annotationsForLayers(showLinux: boolean): readonly DiagramAnnotation[] {
  return showLinux ? DIAGRAM_ANNOTATIONS : [];
}

/**
 * Is `from → to` an edge of the state diagram: RFC 9293 Figure 5 (R1–R20), its Note 2 (FIN-WAIT-1 → TIME-WAIT)
 * or Linux's request sock (LISTEN → NEW-SYN-RECV → ESTABLISHED)? Whatever the layers shown: the question is
 * whether TCP can make that step, not whether this figure draws it.
 */
export function isDiagramEdge(from: StateId, to: StateId): boolean {
  return DIAGRAM_EDGES.some((e) => e.from === from && e.to === to);
}

// ---------------------------------------------------------------------------------------------
// Geometry shared by the renderer and the layout checks.

/** East Asian wide characters take a full em in every monospace font that has them. */
function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}

/** Estimated advance width of `text` in the monospace stack at `fontSize`. */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += isWide(ch) ? 1 : MONO_ADVANCE;
  return em * fontSize;
}

/** The node box; with decorations, also the badge and mention chip that stick out above the top corners. */
export function nodeBox(n: DiagramNode, withDecorations = false): Box {
  const m = withDecorations ? NODE_DECORATION_MARGIN : 0;
  return { x: n.x - n.width / 2 - m, y: n.y - n.height / 2 - m, width: n.width + 2 * m, height: n.height + m };
}

/** Baselines of the event and action lines relative to the label's rule. */
export const EVENT_BASELINE = -4;
export const ACTION_BASELINE = EDGE_LABEL_FONT_SIZE + 1;
/** Vertical extent of an edge label around its rule: event line above, action line below. */
export const LABEL_ABOVE = -EVENT_BASELINE + Math.ceil(EDGE_LABEL_FONT_SIZE * 0.85);
export const LABEL_BELOW = ACTION_BASELINE + Math.ceil(EDGE_LABEL_FONT_SIZE * 0.3);

export function edgeLabelWidth(e: Pick<DiagramEdge, 'event' | 'action'>): number {
  return Math.max(textWidth(e.event, EDGE_LABEL_FONT_SIZE), textWidth(e.action, EDGE_LABEL_FONT_SIZE));
}

export function edgeLabelBox(e: DiagramEdge): Box {
  const w = edgeLabelWidth(e);
  const x0 = e.labelAt.anchor === 'start' ? e.labelAt.x : e.labelAt.anchor === 'end' ? e.labelAt.x - w : e.labelAt.x - w / 2;
  return { x: x0, y: e.labelAt.y - LABEL_ABOVE, width: w, height: LABEL_ABOVE + LABEL_BELOW };
}

export function annotationBox(a: DiagramAnnotation, lang: 'en' | 'zh-cn'): Box {
  const w = Math.max(...a.lines.map((l) => textWidth(l[lang], ANNOTATION_FONT_SIZE)));
  return { x: a.x, y: a.y, width: w, height: a.lines.length * ANNOTATION_LINE_HEIGHT + 2 };
}

/** SVG path data for a polyline with rounded corners (radius clamped to half of each segment). */
export function roundedPath(points: readonly Point[], radius = 12): string {
  const fmt = (n: number): string => String(Math.round(n * 10) / 10);
  const first = points[0];
  if (!first) return '';
  let d = `M${fmt(first.x)} ${fmt(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const cur = points[i];
    const prev = points[i - 1];
    const next = points[i + 1];
    if (!cur || !prev) continue;
    if (!next) {
      d += ` L${fmt(cur.x)} ${fmt(cur.y)}`;
      continue;
    }
    const lenIn = Math.hypot(cur.x - prev.x, cur.y - prev.y);
    const lenOut = Math.hypot(next.x - cur.x, next.y - cur.y);
    const r = Math.min(radius, lenIn / 2, lenOut / 2);
    if (r <= 0 || lenIn === 0 || lenOut === 0) {
      d += ` L${fmt(cur.x)} ${fmt(cur.y)}`;
      continue;
    }
    const a = { x: cur.x - ((cur.x - prev.x) / lenIn) * r, y: cur.y - ((cur.y - prev.y) / lenIn) * r };
    const b = { x: cur.x + ((next.x - cur.x) / lenOut) * r, y: cur.y + ((next.y - cur.y) / lenOut) * r };
    d += ` L${fmt(a.x)} ${fmt(a.y)} Q${fmt(cur.x)} ${fmt(cur.y)} ${fmt(b.x)} ${fmt(b.y)}`;
  }
  return d;
}

export function boxesOverlap(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

function insideBox(pt: Point, b: Box): boolean {
  return pt.x > b.x && pt.x < b.x + b.width && pt.y > b.y && pt.y < b.y + b.height;
}

/** Does the segment p–q cross the interior of box b? (Liang–Barsky clipping.) */
export function segmentHitsBox(pa: Point, pb: Point, b: Box): boolean {
  if (insideBox(pa, b) || insideBox(pb, b)) return true;
  const dx = pb.x - pa.x;
  const dy = pb.y - pa.y;
  let t0 = 0;
  let t1 = 1;
  const clips: Array<[number, number]> = [
    [-dx, pa.x - b.x],
    [dx, b.x + b.width - pa.x],
    [-dy, pa.y - b.y],
    [dy, b.y + b.height - pa.y],
  ];
  for (const [pp, q] of clips) {
    if (pp === 0) {
      if (q <= 0) return false;
      continue;
    }
    const t = q / pp;
    if (pp < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t1 - t0 > 1e-6;
}

function polylineHitsBox(points: readonly Point[], b: Box): boolean {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const c = points[i];
    if (a && c && segmentHitsBox(a, c, b)) return true;
  }
  return false;
}

function shrink(b: Box, by: number): Box {
  return { x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by };
}

/**
 * Everything wrong with the hand layout for the given layers: labels over nodes, labels over
 * labels, labels over other edges' lines, lines through nodes they do not connect, things
 * outside the viewBox. Empty when the layout is clean.
 */
export function findLayoutProblems(showLinux: boolean, lang: 'en' | 'zh-cn' = 'en'): string[] {
  const problems: string[] = [];
  const nodes = nodesForLayers(showLinux);
  const edges = edgesForLayers(showLinux);
  const notes = annotationsForLayers(showLinux);
  const view: Box = { x: 0, y: 0, width: VIEWBOX.width, height: VIEWBOX.height };
  const within = (b: Box): boolean =>
    b.x >= view.x && b.y >= view.y && b.x + b.width <= view.width && b.y + b.height <= view.height;

  const texts: Array<{ id: string; box: Box; owner?: string }> = [
    ...edges.map((e) => ({ id: `label ${e.id}`, box: edgeLabelBox(e), owner: e.id })),
    ...notes.map((a) => ({ id: `annotation ${a.id}`, box: annotationBox(a, lang), owner: a.id })),
  ];

  for (const n of nodes) {
    if (!within(nodeBox(n, true))) problems.push(`node ${n.id} outside the viewBox`);
    for (const m of nodes) {
      if (m.id < n.id && boxesOverlap(nodeBox(n, true), nodeBox(m, true), 4)) problems.push(`nodes ${n.id} and ${m.id} overlap`);
    }
  }
  for (const t of texts) {
    if (!within(t.box)) problems.push(`${t.id} outside the viewBox`);
    for (const n of nodes) if (boxesOverlap(t.box, nodeBox(n, true), 2)) problems.push(`${t.id} overlaps node ${n.id}`);
    for (const u of texts) if (u.id < t.id && boxesOverlap(t.box, u.box, 3)) problems.push(`${t.id} overlaps ${u.id}`);
    for (const e of edges) {
      if (e.id === t.owner) continue;
      if (polylineHitsBox(e.points, t.box)) problems.push(`${t.id} is crossed by edge ${e.id}`);
    }
    for (const a of notes) {
      if (a.id === t.owner) continue;
      for (const l of a.leaders) if (polylineHitsBox(l.points, t.box)) problems.push(`${t.id} is crossed by a leader of ${a.id}`);
    }
  }
  for (const e of edges) {
    for (const pt of e.points) if (!(pt.x >= 0 && pt.x <= view.width && pt.y >= 0 && pt.y <= view.height)) problems.push(`edge ${e.id} leaves the viewBox`);
    for (const n of nodes) {
      if (n.id === e.from || n.id === e.to) continue;
      if (polylineHitsBox(e.points, shrink(nodeBox(n), -2))) problems.push(`edge ${e.id} runs through node ${n.id}`);
    }
  }
  return problems;
}
