/**
 * The diagram laid out for a narrow panel (the usual width of a side-by-side editor group, 400–600 CSS px).
 * The RFC arrangement is 900 units wide with 11–13 unit text, so at 480 px its smallest text is under 6 px.
 * This layout is 400 units wide: the states stand in one column in the order a connection lives through them
 * (opening, passive close, active close), transitions run down the right-hand lanes and back up the
 * left-hand ones, and each carries a short label (its id, R1…R20, N2, L1, L2) whose full text ("rcv SYN /
 * snd SYN,ACK") is listed in a key under the states. At 480 CSS px every text is then at least 11 px.
 *
 * `toNarrowLayout` is a pure function of a built DiagramModel: the same model (mentions, counts, verdicts,
 * highlights) with new geometry, so the panel, the CLI (`diagram --width 480`) and the tests all share it.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import type { Box, Point } from './graph';
import { ANNOTATION_LINE_HEIGHT, boxesOverlap, textWidth } from './graph';
import type { DiagramEdgeModel, DiagramModel, DiagramNodeModel } from './model';

/** Panels at or below this width get the narrow layout; wider ones the RFC arrangement. */
export const NARROW_MAX_WIDTH = 720;
export const NARROW_VIEWBOX_WIDTH = 400;

/** Short edge labels and the key. */
export const PILL_FONT_SIZE = 12;
export const PILL_HEIGHT = 18;
export const KEY_FONT_SIZE = 12;
export const KEY_LINE_HEIGHT = 17;

const NODE_W = 150;
const NODE_H = 48;
const CENTRE_X = NARROW_VIEWBOX_WIDTH / 2;
const FIRST_ROW_Y = 112;
const ROW_PITCH = 88;
/** First lane's distance from the node column, and the distance between lanes. */
const LANE_OFFSET = 20;
const LANE_GAP = 16;
const MAX_LANES = 6;

/** Top to bottom: opening, passive close, active close (Linux's request sock after LISTEN). */
const ORDER: readonly StateId[] = [
  'CLOSED',
  'LISTEN',
  'NEW-SYN-RECV',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'CLOSE-WAIT',
  'LAST-ACK',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSING',
  'TIME-WAIT',
];

export function pillWidth(label: string): number {
  return Math.ceil(textWidth(label, PILL_FONT_SIZE) + 10);
}

/** "R4  rcv SYN / snd SYN,ACK": one line of the key. */
export function keyLine(e: Pick<DiagramEdgeModel, 'id' | 'event' | 'action'>): string {
  return `${e.id.padEnd(3)} ${e.event} / ${e.action}`;
}

interface Route {
  readonly edge: DiagramEdgeModel;
  readonly side: 'centre' | 'left' | 'right';
  lane: number;
  fromY: number;
  toY: number;
}

/** The model with the narrow geometry. The input is not changed. */
export function toNarrowLayout(model: DiagramModel): DiagramModel {
  const order = ORDER.filter((id) => model.nodes.some((n) => n.id === id));
  const extra = model.nodes.filter((n) => !order.includes(n.id)).map((n) => n.id);
  const rows = [...order, ...extra];
  const rowOf = new Map<StateId, number>(rows.map((id, i) => [id, i]));
  const yOf = (id: StateId): number => FIRST_ROW_Y + (rowOf.get(id) ?? 0) * ROW_PITCH;

  const nodes: DiagramNodeModel[] = model.nodes.map((n) => ({ ...n, x: CENTRE_X, y: yOf(n.id), width: NODE_W, height: NODE_H }));

  // Routes: the first downward edge between neighbours runs straight down the middle; the others go down
  // the right-hand lanes or back up the left-hand ones.
  const routes: Route[] = [];
  const straight = new Set<string>();
  for (const e of model.edges) {
    const a = rowOf.get(e.from) ?? 0;
    const b = rowOf.get(e.to) ?? 0;
    const key = `${a}>${b}`;
    const side = b === a + 1 && !straight.has(key) ? 'centre' : b > a ? 'right' : 'left';
    if (side === 'centre') straight.add(key);
    routes.push({ edge: e, side, lane: 0, fromY: 0, toY: 0 });
  }

  // Lanes: interval colouring per side, short spans on the inner lanes.
  for (const side of ['left', 'right'] as const) {
    const onSide = routes.filter((r) => r.side === side);
    const span = (r: Route): [number, number] => {
      const a = yOf(r.edge.from);
      const b = yOf(r.edge.to);
      return [Math.min(a, b) - NODE_H, Math.max(a, b) + NODE_H];
    };
    onSide.sort((r, s) => span(r)[1] - span(r)[0] - (span(s)[1] - span(s)[0]) || r.edge.id.localeCompare(s.edge.id));
    const lanes: Array<Array<[number, number]>> = [];
    for (const r of onSide) {
      const [lo, hi] = span(r);
      let k = lanes.findIndex((used) => used.every(([l, h]) => hi <= l || lo >= h));
      if (k < 0) k = lanes.push([]) - 1;
      lanes[k]?.push([lo, hi]);
      r.lane = Math.min(k, MAX_LANES - 1);
    }
  }

  // Ports: the ends of lane routes on a node side are spread over its height, ordered by where the other
  // end lies (so routes to states higher up leave higher, and do not cross at the node).
  const ports = new Map<string, Route[]>();
  const portKey = (id: StateId, side: string) => `${id}|${side}`;
  for (const r of routes) {
    if (r.side === 'centre') continue;
    for (const end of [r.edge.from, r.edge.to]) {
      const k = portKey(end, r.side);
      ports.set(k, [...(ports.get(k) ?? []), r]);
    }
  }
  for (const [k, list] of ports) {
    const id = k.split('|')[0] as StateId;
    const other = (r: Route): StateId => (r.edge.from === id ? r.edge.to : r.edge.from);
    list.sort((r, s) => yOf(other(r)) - yOf(other(s)) || s.lane - r.lane);
    list.forEach((r, i) => {
      const y = yOf(id) - NODE_H / 2 + (NODE_H * (i + 1)) / (list.length + 1);
      if (r.edge.from === id) r.fromY = y;
      if (r.edge.to === id) r.toY = y;
    });
  }

  // Geometry and short labels. Pills are placed on their route, moved along it until they clear the
  // nodes (with their badges) and the pills already placed.
  const placed: Box[] = [];
  const nodeBoxes: Box[] = nodes.map((n) => ({ x: n.x - n.width / 2 - 10, y: n.y - n.height / 2 - 12, width: n.width + 20, height: n.height + 14 }));
  const free = (b: Box): boolean => !placed.some((p) => boxesOverlap(p, b, 2)) && !nodeBoxes.some((n) => boxesOverlap(n, b, 1));
  const edges: DiagramEdgeModel[] = routes.map((r) => {
    const e = r.edge;
    const w = pillWidth(e.id);
    let points: Point[];
    let candidates: Point[];
    if (r.side === 'centre') {
      const y1 = yOf(e.from) + NODE_H / 2;
      const y2 = yOf(e.to) - NODE_H / 2;
      points = [{ x: CENTRE_X, y: y1 }, { x: CENTRE_X, y: y2 }];
      const mid = (y1 + y2) / 2;
      candidates = [{ x: CENTRE_X, y: mid }, { x: CENTRE_X + w / 2 + 4, y: mid }, { x: CENTRE_X - w / 2 - 4, y: mid }];
    } else {
      const sign = r.side === 'right' ? 1 : -1;
      const nodeEdge = CENTRE_X + sign * (NODE_W / 2);
      const laneX = nodeEdge + sign * (LANE_OFFSET + r.lane * LANE_GAP);
      points = [
        { x: nodeEdge, y: r.fromY },
        { x: laneX, y: r.fromY },
        { x: laneX, y: r.toY },
        { x: nodeEdge, y: r.toY },
      ];
      const lo = Math.min(r.fromY, r.toY) + 14;
      const hi = Math.max(r.fromY, r.toY) - 14;
      const mid = (lo + hi) / 2;
      candidates = [];
      for (let d = 0; d <= (hi - lo) / 2; d += 6) candidates.push({ x: laneX, y: mid - d }, { x: laneX, y: mid + d });
      // Outer lanes: the pill may sit just inside the viewBox edge, still on its line.
      const room = r.side === 'right' ? NARROW_VIEWBOX_WIDTH - 4 - w / 2 : 4 + w / 2;
      if (r.side === 'right' ? laneX > room : laneX < room) candidates = candidates.map((c) => ({ ...c, x: room }));
    }
    const box = (c: Point): Box => ({ x: c.x - w / 2, y: c.y - PILL_HEIGHT / 2, width: w, height: PILL_HEIGHT });
    const at = candidates.find((c) => free(box(c))) ?? candidates[0] ?? points[0] ?? { x: CENTRE_X, y: 0 };
    placed.push(box(at));
    return { ...e, points, labelAt: { x: at.x, y: at.y, anchor: 'middle' as const } };
  });

  // Under the states: the key of edge labels, then the Linux notes as plain text blocks.
  const lastNodeBottom = FIRST_ROW_Y + (rows.length - 1) * ROW_PITCH + NODE_H / 2;
  const keyTop = lastNodeBottom + 44;
  const keyBottom = keyTop + model.edges.length * KEY_LINE_HEIGHT;
  let y = keyBottom + 18;
  const annotations = model.annotations.map((a) => {
    const moved = { ...a, x: 16, y, leaders: [] };
    y += a.lines.length * ANNOTATION_LINE_HEIGHT + 12;
    return moved;
  });
  const legendTop = y + 20;

  return {
    ...model,
    layout: 'narrow',
    nodes,
    edges,
    annotations,
    viewBox: { width: NARROW_VIEWBOX_WIDTH, height: legendTop + 60 },
    legendTop,
    keyTop,
  };
}
