/**
 * The diagram model: what the note says (mentions, counts from pasted output, transitions) laid
 * over the diagram data of `graph.ts`. Pure: no `vscode`, no Node built-ins. The webview and the
 * CLI both render this model with `renderDiagramSvg`.
 */
import { stripInvisible } from '../sanitize';
import { joinText } from '../textJoin';
import { STATE_IDS } from '../catalogue/types';
import { formatCount } from '../format';
import { MISTAKEN_FOR_ORPHAN, ORPHAN_VERDICT, orphanShort, orphanVerdict } from '../catalogue/orphan';

/** Re-exported for the diagram's users; the table lives with the catalogue (catalogue/orphan.ts). */
export { ORPHAN_VERDICT };
import { MAX_HEAT } from './graph';
import type { Lang, Localized, OrphanVerdict, StateId } from '../catalogue/types';
import {
  VIEWBOX,
  annotationsForLayers,
  edgesForLayers,
  nodesForLayers,
  type DiagramEdge,
  type DiagramLayer,
  type LabelPlacement,
  type Point,
} from './graph';

export interface DiagramInput {
  /** How often the note names each state. */
  mentions: Partial<Record<StateId, number>>;
  /** Sockets per state from command output pasted in the note. */
  counts: Partial<Record<StateId, number>>;
  /** States whose count is a lower bound (rows of a listing that shows part of the sockets: `| head`, a filter, lsof; `3万多` in the text). */
  atLeast?: ReadonlyArray<StateId>;
  /** Where the counts come from, e.g. "ss output, line 42" (note text: escaped when rendered). */
  countSource?: string;
  /** Transitions the note describes ("ESTABLISHED → FIN-WAIT-1"). */
  transitions: ReadonlyArray<{ from: StateId; to: StateId }>;
  showLinux: boolean;
  title?: string;
}

export type HeatLevel = 0 | 1 | 2 | 3 | 4 | 5;
export { MAX_HEAT };

export interface DiagramNodeModel {
  readonly id: StateId;
  readonly figureLabel: string;
  /** Second line for Linux-only nodes ("request sock"), in the model's language. */
  readonly caption: string | undefined;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly layer: DiagramLayer;
  /** Number of mentions in the note (0 when not mentioned). */
  readonly mentions: number;
  readonly mentioned: boolean;
  /** Sockets counted in pasted output; undefined when the note has no count for this state. */
  readonly count: number | undefined;
  /** The count is a lower bound (`≥ N`). */
  readonly atLeast: boolean;
  /** Neither mentioned nor counted. */
  readonly dimmed: boolean;
  /** 0 = no sockets; 1..5 on a log scale relative to the largest count. */
  readonly heat: HeatLevel;
  readonly orphan: OrphanVerdict;
  /** CLOSE-WAIT and TIME-WAIT: often taken for orphans, so they carry an explicit "not orphan" marker. */
  readonly notOrphanMarker: boolean;
  /** Badge text ("orphan", "orphan?", "not orphan"), undefined for states without a badge. */
  readonly badge: string | undefined;
  /** One-line verdict with the reason. */
  readonly orphanText: string;
  readonly ariaLabel: string;
}

export interface DiagramEdgeModel {
  readonly id: string;
  readonly from: StateId;
  readonly to: StateId;
  readonly event: string;
  readonly action: string;
  readonly label: string;
  readonly layer: DiagramLayer;
  readonly points: readonly Point[];
  readonly labelAt: LabelPlacement;
  /** The note describes this transition. */
  readonly highlighted: boolean;
}

export interface DiagramAnnotationModel {
  readonly id: string;
  readonly states: readonly StateId[];
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
  readonly leaders: readonly { readonly points: readonly Point[]; readonly exit: boolean }[];
  /** The note describes a transition this annotation explains. */
  readonly highlighted: boolean;
}

export interface DiagramLegendText {
  readonly orphanYes: string;
  readonly orphanCaveat: string;
  readonly notOrphan: string;
  readonly heat: string;
  readonly mentioned: string;
  readonly dimmed: string;
  readonly highlightedEdge: string;
  readonly linuxEdge: string;
  /** "counts: ss output, line 42", when the input names a source. */
  readonly countSource: string | undefined;
  /** "not in the diagram: A → B", when some transitions did not match. */
  readonly unmatched: string | undefined;
  readonly badgeYes: string;
  readonly badgeCaveat: string;
  readonly badgeNo: string;
}

export interface DiagramModel {
  readonly lang: Lang;
  /** Title for `<title>` and the visible heading (note text, escaped when rendered). */
  readonly title: string;
  /** "RFC 9293 Figure 5 + Linux layer". */
  readonly figureCaption: string;
  readonly viewBox: { readonly width: number; readonly height: number };
  readonly showLinux: boolean;
  readonly nodes: readonly DiagramNodeModel[];
  readonly edges: readonly DiagramEdgeModel[];
  readonly annotations: readonly DiagramAnnotationModel[];
  readonly legend: DiagramLegendText;
  readonly countSource: string | undefined;
  readonly maxCount: number;
  /** Transitions written in the note that are neither an edge nor explained by an annotation in the shown layers. */
  readonly unmatchedTransitions: readonly { readonly from: StateId; readonly to: StateId }[];
  /** States the note mentions or counts that have no node in the shown layers (NEW-SYN-RECV with Linux off, BOUND-INACTIVE). */
  readonly statesWithoutNode: readonly StateId[];
  /** Plain-text summary for screen readers (also the SVG `<desc>`). */
  readonly summary: string;
  /** `narrow`: the geometry of narrowLayout.ts (short edge labels and a key); absent: the RFC arrangement. */
  readonly layout?: 'rfc' | 'narrow';
  /** Narrow layout: where the legend and the key of edge labels start. */
  readonly legendTop?: number;
  readonly keyTop?: number;
}

// ---------------------------------------------------------------------------------------------
// Orphan verdicts (tcp-orphan-facts.md §2.7 and the "orphan shading" paragraph of §6.3).

const BADGE: Readonly<Record<'yes' | 'caveat' | 'no', Localized>> = {
  yes: { en: 'orphan', 'zh-cn': '孤儿' },
  caveat: { en: 'orphan?', 'zh-cn': '孤儿?' },
  no: { en: 'not orphan', 'zh-cn': '非孤儿' },
};

const LEGEND: Readonly<Record<Exclude<keyof DiagramLegendText, 'countSource' | 'unmatched' | 'badgeYes' | 'badgeCaveat' | 'badgeNo'>, Localized>> = {
  orphanYes: { en: 'can be an orphan', 'zh-cn': '可能是孤儿' },
  orphanCaveat: { en: 'only if its FIN-WAIT-2 timeout > 60 s', 'zh-cn': '仅当其 FIN-WAIT-2 超时 > 60 秒' },
  notOrphan: { en: 'not an orphan (often mistaken)', 'zh-cn': '不是孤儿（常被误认）' },
  heat: { en: 'sockets (log scale)', 'zh-cn': '套接字数（对数）' },
  mentioned: { en: 'n = mentions in the note', 'zh-cn': 'n = 笔记提及次数' },
  dimmed: { en: 'not in the note', 'zh-cn': '笔记未涉及' },
  highlightedEdge: { en: 'transition in the note', 'zh-cn': '笔记中的转换' },
  linuxEdge: { en: 'Linux layer, RFC note 2', 'zh-cn': 'Linux 层、RFC 注 2' },
};

// ---------------------------------------------------------------------------------------------

const KNOWN_STATES: ReadonlySet<string> = new Set<string>(STATE_IDS);

function isStateId(v: unknown): v is StateId {
  return typeof v === 'string' && KNOWN_STATES.has(v);
}

/** Non-negative finite numbers only; anything else (NaN, negative, a string from a bad message) is "no value". */
function cleanNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Heat 1..5 on a log scale relative to the largest count (log(1+n) / log(1+max)); 0 for no sockets. Monotonic in `count`. */
export function heatLevel(count: number | undefined, maxCount: number): HeatLevel {
  if (count === undefined || !(count > 0) || !(maxCount > 0)) return 0;
  const ratio = Math.log1p(Math.min(count, maxCount)) / Math.log1p(maxCount);
  // Level 1 is "some sockets", 5 is "within a small factor of the largest count".
  const level = Math.min(MAX_HEAT, Math.max(1, 1 + Math.round(ratio * (MAX_HEAT - 1))));
  return level as HeatLevel;
}

export { formatCount };

export function mentionsText(n: number, lang: Lang): string {
  if (lang === 'zh-cn') return `笔记提及 ${n} 次`;
  return n === 1 ? 'mentioned once' : `mentioned ${n} times`;
}

/** `2 sockets`, `≥ 2 sockets`, `2 个套接字`; `short`: the node's second line (`2 个` in Chinese). */
export function countText(n: number, lang: Lang, atLeast = false, short = false): string {
  const ge = atLeast ? '≥ ' : '';
  if (lang === 'zh-cn') return `${ge}${formatCount(n)} ${short ? '个' : '个套接字'}`;
  return `${ge}${formatCount(n)} ${n === 1 ? 'socket' : 'sockets'}`;
}

function transitionText(t: { from: StateId; to: StateId }): string {
  return `${t.from} → ${t.to}`;
}

/** Trims, collapses whitespace and control characters, caps the length (the text is note content). */
function cleanNoteText(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const s = stripInvisible(v).replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  if (!s) return undefined;
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

export function buildDiagramModel(input: DiagramInput, lang: Lang): DiagramModel {
  const showLinux = input.showLinux === true;
  const layerNodes = nodesForLayers(showLinux);
  const layerEdges = edgesForLayers(showLinux);
  const layerNotes = annotationsForLayers(showLinux);

  const mentionsOf = (id: StateId): number => Math.floor(cleanNumber(input.mentions?.[id]) ?? 0);
  const countOf = (id: StateId): number | undefined => cleanNumber(input.counts?.[id]);
  const atLeast = new Set<StateId>((input.atLeast ?? []).filter(isStateId));
  const maxCount = Math.max(0, ...layerNodes.map((n) => countOf(n.id) ?? 0));

  // Transitions: known ids only, deduplicated in note order.
  const seen = new Set<string>();
  const transitions: { from: StateId; to: StateId }[] = [];
  for (const t of input.transitions ?? []) {
    if (!t || !isStateId(t.from) || !isStateId(t.to)) continue;
    const key = `${t.from}>${t.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    transitions.push({ from: t.from, to: t.to });
  }
  const wanted = (e: { from: StateId; to: StateId }): boolean => seen.has(`${e.from}>${e.to}`);

  const edges: DiagramEdgeModel[] = layerEdges.map((e: DiagramEdge) => ({
    id: e.id,
    from: e.from,
    to: e.to,
    event: e.event,
    action: e.action,
    label: e.label,
    layer: e.layer,
    points: e.points,
    labelAt: e.labelAt,
    highlighted: wanted(e),
  }));

  const annotations: DiagramAnnotationModel[] = layerNotes.map((a) => ({
    id: a.id,
    states: a.states,
    x: a.x,
    y: a.y,
    lines: a.lines.map((l) => l[lang]),
    leaders: a.leaders,
    highlighted: a.explains.some(wanted),
  }));

  const unmatchedTransitions = transitions.filter(
    (t) =>
      !layerEdges.some((e) => e.from === t.from && e.to === t.to) &&
      !layerNotes.some((a) => a.explains.some((x) => x.from === t.from && x.to === t.to)),
  );

  const nodes: DiagramNodeModel[] = layerNodes.map((n) => {
    const mentions = mentionsOf(n.id);
    const count = countOf(n.id);
    const orphan = orphanVerdict(n.id);
    const notOrphanMarker = MISTAKEN_FOR_ORPHAN.includes(n.id);
    const badge = orphan === 'yes' ? BADGE.yes[lang] : orphan === 'caveat' ? BADGE.caveat[lang] : notOrphanMarker ? BADGE.no[lang] : undefined;
    const heat = heatLevel(count, maxCount);
    const orphanText = orphanShort(n.id, lang);
    const parts = [
      mentions > 0 ? mentionsText(mentions, lang) : lang === 'zh-cn' ? '笔记未提及' : 'not mentioned',
      ...(count !== undefined ? [countText(count, lang, atLeast.has(n.id))] : []),
      orphanText,
    ];
    const sep = lang === 'zh-cn' ? '；' : '; ';
    const name = n.figureLabel === n.id ? n.id : `${n.id} (${n.figureLabel})`;
    return {
      id: n.id,
      figureLabel: n.figureLabel,
      caption: n.caption?.[lang],
      x: n.x,
      y: n.y,
      width: n.width,
      height: n.height,
      layer: n.layer,
      mentions,
      mentioned: mentions > 0,
      count,
      atLeast: count !== undefined && atLeast.has(n.id),
      dimmed: mentions === 0 && !(count !== undefined && count > 0),
      heat,
      orphan,
      notOrphanMarker,
      badge,
      orphanText,
      ariaLabel: `${name}${lang === 'zh-cn' ? '：' : ': '}${parts.join(sep)}`,
    };
  });

  const shown = new Set<StateId>(layerNodes.map((n) => n.id));
  const statesWithoutNode = STATE_IDS.filter((id) => !shown.has(id) && (mentionsOf(id) > 0 || (countOf(id) ?? 0) > 0));

  const countSource = cleanNoteText(input.countSource, 120);
  const title = cleanNoteText(input.title, 200) ?? (lang === 'zh-cn' ? 'TCP 状态图' : 'TCP state diagram');
  const figureCaption =
    lang === 'zh-cn'
      ? `RFC 9293 图 5${showLinux ? ' + Linux 层' : ''}`
      : `RFC 9293 Figure 5${showLinux ? ' + Linux layer' : ''}`;

  const legend: DiagramLegendText = {
    orphanYes: LEGEND.orphanYes[lang],
    orphanCaveat: LEGEND.orphanCaveat[lang],
    notOrphan: LEGEND.notOrphan[lang],
    heat: LEGEND.heat[lang],
    mentioned: LEGEND.mentioned[lang],
    dimmed: LEGEND.dimmed[lang],
    highlightedEdge: LEGEND.highlightedEdge[lang],
    linuxEdge: LEGEND.linuxEdge[lang],
    countSource: countSource === undefined ? undefined : lang === 'zh-cn' ? `计数来源：${countSource}` : `counts: ${countSource}`,
    unmatched:
      unmatchedTransitions.length === 0
        ? undefined
        : `${lang === 'zh-cn' ? '图中没有：' : 'not in the diagram: '}${unmatchedTransitions.map(transitionText).join(', ')}`,
    badgeYes: BADGE.yes[lang],
    badgeCaveat: BADGE.caveat[lang],
    badgeNo: BADGE.no[lang],
  };

  const summary = buildSummary({ lang, figureCaption, nodes, edges, unmatchedTransitions, statesWithoutNode, countSource });

  return {
    lang,
    title,
    figureCaption,
    viewBox: { width: VIEWBOX.width, height: VIEWBOX.height },
    showLinux,
    nodes,
    edges,
    annotations,
    legend,
    countSource,
    maxCount,
    unmatchedTransitions,
    statesWithoutNode,
    summary,
  };
}

function buildSummary(m: {
  lang: Lang;
  figureCaption: string;
  nodes: readonly DiagramNodeModel[];
  edges: readonly DiagramEdgeModel[];
  unmatchedTransitions: readonly { from: StateId; to: StateId }[];
  statesWithoutNode: readonly StateId[];
  countSource: string | undefined;
}): string {
  const zh = m.lang === 'zh-cn';
  const highlighted = m.nodes.filter((n) => !n.dimmed);
  const stateText = (n: DiagramNodeModel): string => {
    const facts = [
      ...(n.mentions > 0 ? [mentionsText(n.mentions, m.lang)] : []),
      ...(n.count !== undefined ? [countText(n.count, m.lang, n.atLeast)] : []),
      ...(n.orphan !== 'no' || n.notOrphanMarker ? [n.badge ?? ''] : []),
    ].filter((s) => s !== '');
    return zh ? `${n.id}（${facts.join('，')}）` : `${n.id} (${facts.join(', ')})`;
  };
  const parts: string[] = [];
  parts.push(zh ? `TCP 状态图，${m.figureCaption}。` : `TCP state diagram, ${m.figureCaption}.`);
  if (highlighted.length === 0) {
    parts.push(zh ? '笔记中的状态均未出现在图中。' : 'No state from the note is highlighted.');
  } else {
    parts.push(
      zh
        ? `高亮状态：${highlighted.map(stateText).join('；')}。`
        : `Highlighted states: ${highlighted.map(stateText).join('; ')}.`,
    );
  }
  const hlEdges = m.edges.filter((e) => e.highlighted);
  if (hlEdges.length > 0) {
    const list = hlEdges.map((e) => `${e.from} → ${e.to} (${e.id}: ${e.label})`);
    parts.push(zh ? `笔记中的转换：${list.join('；')}。` : `Transitions from the note: ${list.join('; ')}.`);
  }
  if (m.unmatchedTransitions.length > 0) {
    const list = m.unmatchedTransitions.map(transitionText).join(zh ? '；' : '; ');
    parts.push(zh ? `图中没有的转换：${list}。` : `Not in the diagram: ${list}.`);
  }
  if (m.statesWithoutNode.length > 0) {
    const list = m.statesWithoutNode.join(zh ? '、' : ', ');
    parts.push(zh ? `未显示的状态：${list}。` : `States without a node here: ${list}.`);
  }
  if (m.countSource !== undefined) parts.push(zh ? `计数来源：${m.countSource}。` : `Counts from ${m.countSource}.`);
  return joinText(parts, m.lang);
}
