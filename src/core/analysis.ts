/**
 * Note analysis: mentions (found on the raw text by recognize.ts) classified with the remark tree, evidence
 * blocks parsed from code blocks, the heading tree, and transitions the note writes (`FIN_WAIT1 -> FIN_WAIT2`).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { StateId } from './catalogue/types';
import { parseEvidence, mergeSegments } from './evidence/parse';
import type { EvidenceSegment, SockstatNumbers } from './evidence/types';
import { LineIndex } from './lineIndex';
import { findMentions, type RawMention } from './recognize';

export type MentionContext =
  | 'prose'
  | 'heading'
  | 'table'
  | 'list'
  | 'blockquote'
  | 'inline-code'
  | 'code-block'
  | 'link-text'
  | 'html';

export interface Mention extends RawMention {
  readonly context: MentionContext;
  /** Index into NoteModel.evidence when the mention stands inside an evidence block. */
  readonly evidenceIndex?: number;
}

export interface EvidenceBlock {
  readonly index: number;
  /** Offsets of the whole code node (fences included). */
  readonly start: number;
  readonly end: number;
  /** 0-based line of the first content line, and of the line after the last one. */
  readonly startLine: number;
  readonly endLine: number;
  /** Fenced code info string (`sh`, `text`, …) or null. */
  readonly lang: string | null;
  readonly segments: readonly EvidenceSegment[];
  readonly counts: Partial<Record<StateId, number>>;
  readonly listed: number;
  readonly sockstat?: SockstatNumbers;
  readonly counters: Readonly<Record<string, number>>;
  readonly sysctls: Readonly<Record<string, string>>;
}

export interface Section {
  readonly index: number;
  readonly depth: number;
  readonly title: string;
  /** Heading start, and end of the section (before the next heading of the same or a higher level). */
  readonly start: number;
  readonly end: number;
  readonly parent: number;
}

export interface Transition {
  readonly from: StateId;
  readonly to: StateId;
  readonly start: number;
  readonly end: number;
}

export interface NoteModel {
  readonly text: string;
  readonly lines: LineIndex;
  /** Sorted by start, non-overlapping. */
  readonly mentions: readonly Mention[];
  readonly evidence: readonly EvidenceBlock[];
  readonly sections: readonly Section[];
  readonly transitions: readonly Transition[];
}

type Processor = { parse(text: string): Root };
let processor: Processor | undefined;
function parser(): Processor {
  processor ??= unified().use(remarkParse).use(remarkGfm) as unknown as Processor;
  return processor;
}

export function parseMarkdown(text: string): Root {
  return parser().parse(text);
}

type ZoneKind = MentionContext | 'drop' | 'link' | 'html-block';
interface Zone {
  readonly start: number;
  readonly end: number;
  readonly kind: ZoneKind;
  /** For html zones: tag spans inside, relative to start. */
  readonly node?: Nodes;
  readonly evidenceIndex?: number;
}

function span(node: Nodes): [number, number] | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : [s, e];
}

const HTML_TAG = /<[^<>]*>/g;

/**
 * Analyses a whole note. Cost: one remark parse plus linear scans; mention classification is a single
 * sweep over the sorted mentions and the pre-order zone list.
 */
export function analyzeNote(text: string): NoteModel {
  const lines = new LineIndex(text);
  const tree = parseMarkdown(text);
  const zones: Zone[] = [];
  const evidence: EvidenceBlock[] = [];
  const headings: { depth: number; title: string; start: number }[] = [];

  const walk = (node: Nodes): void => {
    const range = span(node);
    if (range) {
      const [start, end] = range;
      switch (node.type) {
        case 'heading':
          zones.push({ start, end, kind: 'heading' });
          headings.push({ depth: node.depth, title: mdastToString(node), start });
          break;
        case 'tableCell':
          zones.push({ start, end, kind: 'table' });
          break;
        case 'listItem':
          zones.push({ start, end, kind: 'list' });
          break;
        case 'blockquote':
          zones.push({ start, end, kind: 'blockquote' });
          break;
        case 'inlineCode':
          zones.push({ start, end, kind: 'inline-code' });
          return;
        case 'code': {
          const block = evidenceBlock(node, text, lines, evidence.length, start, end);
          if (block) evidence.push(block);
          zones.push({ start, end, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}) });
          return;
        }
        case 'html':
          zones.push({ start, end, kind: 'html-block', node });
          return;
        case 'image':
        case 'imageReference':
        case 'definition':
          zones.push({ start, end, kind: 'drop' });
          return;
        case 'link': {
          const label = mdastToString(node);
          const url = node.url.replace(/^mailto:/i, '');
          // Autolinks (`<https://…>`, bare URLs found by GFM): the visible text is the URL itself.
          if (label === url || label === node.url) {
            zones.push({ start, end, kind: 'drop' });
            return;
          }
          zones.push({ start, end, kind: 'link' });
          const first = node.children[0];
          const last = node.children[node.children.length - 1];
          const a = first && span(first);
          const b = last && span(last);
          if (a && b) zones.push({ start: a[0], end: b[1], kind: 'link-text' });
          break;
        }
        case 'linkReference':
          zones.push({ start, end, kind: 'link-text' });
          break;
        default:
          break;
      }
    }
    if ('children' in node) for (const child of node.children as RootContent[]) walk(child);
  };
  walk(tree);

  const mentions = classify(findMentions(text), zones, text);
  const sections = buildSections(headings, text.length);
  const transitions = findTransitions(mentions, text);
  return { text, lines, mentions, evidence, sections, transitions };
}

function classify(raw: readonly RawMention[], zones: readonly Zone[], text: string): Mention[] {
  const out: Mention[] = [];
  const stack: Zone[] = [];
  let i = 0;
  for (const m of raw) {
    while (i < zones.length && (zones[i]?.start ?? Infinity) <= m.start) {
      const z = zones[i] as Zone;
      while (stack.length && (stack[stack.length - 1] as Zone).end <= z.start) stack.pop();
      stack.push(z);
      i++;
    }
    while (stack.length && (stack[stack.length - 1] as Zone).end <= m.start) stack.pop();
    let context: MentionContext = 'prose';
    let evidenceIndex: number | undefined;
    let keep = true;
    // Innermost zone decides; outer zones only matter when the inner one is neutral.
    for (let k = stack.length - 1; k >= 0; k--) {
      const z = stack[k] as Zone;
      if (m.end > z.end) continue; // straddles the zone end (e.g. spans a link boundary)
      if (z.kind === 'drop' || z.kind === 'link') {
        keep = false;
        break;
      }
      if (z.kind === 'html-block') {
        if (insideHtmlTag(text, z, m)) keep = false;
        else context = 'html';
        break;
      }
      context = z.kind;
      if (z.evidenceIndex !== undefined) evidenceIndex = z.evidenceIndex;
      break;
    }
    if (!keep) continue;
    out.push(evidenceIndex === undefined ? { ...m, context } : { ...m, context, evidenceIndex });
  }
  return out;
}

function insideHtmlTag(text: string, zone: Zone, m: RawMention): boolean {
  const chunk = text.slice(zone.start, zone.end);
  HTML_TAG.lastIndex = 0;
  for (let t = HTML_TAG.exec(chunk); t; t = HTML_TAG.exec(chunk)) {
    const s = zone.start + t.index;
    const e = s + t[0].length;
    if (m.start >= s && m.end <= e) return true;
    if (s > m.end) break;
  }
  return false;
}

function evidenceBlock(
  node: Extract<Nodes, { type: 'code' }>,
  text: string,
  lines: LineIndex,
  index: number,
  start: number,
  end: number,
): EvidenceBlock | undefined {
  if (!node.value.trim()) return undefined;
  const segments = parseEvidence(node.value);
  if (segments.length === 0) return undefined;
  // Fenced code starts one line below its opening fence; indented code starts on its own first line.
  const firstLine = lines.lineAt(start);
  const fenced = /^[ \t>]*(?:[-*+]|\d+[.)])?[ \t]*(?:```|~~~)/.test(lines.lineText(firstLine)) || text.startsWith('```', start) || text.startsWith('~~~', start);
  const startLine = fenced ? firstLine + 1 : firstLine;
  const merged = mergeSegments(segments);
  return {
    index,
    start,
    end,
    startLine,
    endLine: startLine + node.value.split('\n').length,
    lang: node.lang ?? null,
    segments: segments.map((s) => ({ ...s, startLine: s.startLine + startLine, endLine: s.endLine + startLine })),
    counts: merged.counts,
    listed: merged.listed,
    ...(merged.sockstat ? { sockstat: merged.sockstat } : {}),
    counters: merged.counters,
    sysctls: merged.sysctls,
  };
}

function buildSections(headings: readonly { depth: number; title: string; start: number }[], length: number): Section[] {
  const sections: Section[] = [];
  const open: number[] = [];
  headings.forEach((h, index) => {
    let end = length;
    for (let j = index + 1; j < headings.length; j++) {
      const next = headings[j];
      if (next && next.depth <= h.depth) {
        end = next.start;
        break;
      }
    }
    while (open.length && (sections[open[open.length - 1] as number] as Section).depth >= h.depth) open.pop();
    const parent = open.length ? (open[open.length - 1] as number) : -1;
    sections.push({ index, depth: h.depth, title: h.title, start: h.start, end, parent });
    open.push(index);
  });
  return sections;
}

/** Text allowed between two state mentions on one line for them to read as a transition. */
const ARROW_BETWEEN = /^[\s`*_]*(?:-{1,3}>|={1,2}>|→|⟶|➔|➜|➡️?|⇒|—+>|to|then|后进入|进入|变为|变成|转为|转入|到)[\s`*_]*$/i;

/** `FIN_WAIT1 -> FIN_WAIT2`, `ESTABLISHED → CLOSE-WAIT`, `FIN-WAIT-1 后进入 FIN-WAIT-2`. */
export function findTransitions(mentions: readonly Mention[], text: string): Transition[] {
  const out: Transition[] = [];
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i] as Mention;
    const b = mentions[i + 1] as Mention;
    if (a.kind !== 'state' || b.kind !== 'state' || a.id === b.id) continue;
    if (b.start - a.end > 40) continue;
    const between = text.slice(a.end, b.start);
    if (between.includes('\n') || !ARROW_BETWEEN.test(between)) continue;
    out.push({ from: a.id as StateId, to: b.id as StateId, start: a.start, end: b.end });
  }
  return out;
}

/** Innermost section containing `offset`, or -1. */
export function sectionAt(model: NoteModel, offset: number): number {
  let found = -1;
  for (const s of model.sections) {
    if (s.start > offset) break;
    if (offset < s.end) found = s.index;
  }
  return found;
}

/** Binary search: the mention whose range contains `offset` (inclusive end, so a cursor right after a word hits it). */
export function mentionAt(model: NoteModel, offset: number): Mention | undefined {
  const ms = model.mentions;
  let lo = 0;
  let hi = ms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = ms[mid] as Mention;
    if (offset < m.start) hi = mid - 1;
    else if (offset > m.end) lo = mid + 1;
    else return m;
  }
  return undefined;
}

/** Mention counts per state id (aggregates not included). */
export function mentionCounts(mentions: readonly Mention[]): Partial<Record<StateId, number>> {
  const counts: Partial<Record<StateId, number>> = {};
  for (const m of mentions) if (m.kind === 'state') counts[m.id as StateId] = (counts[m.id as StateId] ?? 0) + 1;
  return counts;
}
