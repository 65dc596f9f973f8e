/**
 * Analysis of one stretch of a note (a "group" of top-level blocks) into pieces: the unit that incremental
 * analysis keeps, shifts and re-parses.
 *
 * A piece boundary is a line start `b` where parsing the text before `b` and the text from `b` separately
 * gives exactly the nodes of parsing them together. incrementalBlocks.nextCandidate proposes lines; the
 * parse tree confirms them:
 *  - a line after a blank line that starts in column 0 with a non-space character closes every container
 *    and every block that a blank line ends. Only a top-level fenced code block or raw HTML block (kinds
 *    1–5) can run across it, and a top-level list can continue there with a new item. So the line is a
 *    boundary when no top-level node spans it, or the list that spans it starts an item there (the items
 *    are the same nodes either way).
 *  - a column-0 fence opener starts a top-level code block unless the line belongs to an open fence or to an
 *    HTML block: it is a boundary when the node before it is neither.
 *  - the line after a top-level fenced code block's closing fence.
 * At the end of a group the last node is checked: an unclosed fence or raw HTML block means the group must
 * grow to its closing line. Link reference and footnote definitions are the only state a block leaves for
 * later ones; a prelude re-declares the note's definitions before each group (see incremental.ts).
 *
 * Two fast paths: a piece that is a single column-0 fenced code block (pasted `ss` output) is built without
 * remark; a stretch over PLAIN_LIMIT between two candidates (a raw paste of tens of thousands of lines with
 * no blank line) is analysed as plain text, since remark's cost grows faster than linearly on one huge
 * paragraph. Plain pieces are the one place the model is approximate (contexts are `prose` or `heading`).
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { EvidenceBlock, Mention, MentionContext, Transition } from './analysis';
import type { StateId } from './catalogue/types';
import { parseEvidence, mergeSegments } from './evidence/parse';
import { LineIndex } from './lineIndex';
import { findMentions, type RawMention } from './recognize';
import { afterTerminator, countNewlines, findFenceClose, isBlank, isClosedFence, lineEndAt, markerLine, nextCandidate, openRawHtmlEnd, type FenceOpen } from './incrementalBlocks';

/** A stretch between two candidates longer than this is analysed as plain text (UTF-16 code units). */
export const PLAIN_LIMIT = 64 * 1024;

export type PieceMode = 'fence' | 'markdown' | 'plain';

export interface Heading {
  readonly depth: number;
  readonly title: string;
  readonly start: number;
}

/** One top-level stretch of the note and everything found in it, in note offsets, lines and evidence indexes. */
export interface Piece {
  readonly start: number;
  readonly end: number;
  /** Number of `\n` before `start` (LineIndex numbering). */
  readonly startLine: number;
  /** Index of this piece's first evidence block in the note. */
  readonly evidenceBase: number;
  readonly mode: PieceMode;
  /** The piece starts at a forced boundary (after a plain piece, or before one): never resume re-analysis here. */
  readonly hard: boolean;
  readonly mentions: readonly Mention[];
  readonly evidence: readonly EvidenceBlock[];
  readonly headings: readonly Heading[];
  readonly transitions: readonly Transition[];
  /** Definitions made here, as prelude entries (`[id]: <>` or `[^id]: x`). */
  readonly definitions: readonly string[];
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

// ---------------------------------------------------------------------------------------------------------
// Classification (unchanged from the whole-note analysis, in local offsets)
// ---------------------------------------------------------------------------------------------------------

type ZoneKind = MentionContext | 'drop' | 'link' | 'html-block';
interface Zone {
  readonly start: number;
  readonly end: number;
  readonly kind: ZoneKind;
  readonly evidenceIndex?: number;
}

/** Whether `m` lies inside a tag (`<` … `>` with no `<` or `>` between) of the HTML zone. */
function insideHtmlTag(src: string, zone: Zone, m: RawMention): boolean {
  let lt = src.indexOf('<', zone.start);
  while (lt !== -1 && lt < zone.end && lt <= m.start) {
    // The tag's end: the next `>`, unless another `<` comes first.
    let i = lt + 1;
    while (i < zone.end && src.charCodeAt(i) !== 62 && src.charCodeAt(i) !== 60) i++;
    if (i < zone.end && src.charCodeAt(i) === 62) {
      if (m.start >= lt && m.end <= i + 1) return true;
      lt = src.indexOf('<', i + 1);
    } else lt = i < zone.end ? i : -1;
  }
  return false;
}

/**
 * [start, end) of `text` as a string of its own. A plain slice may keep the whole note alive (V8 slices
 * longer substrings by reference), and every string the analysis keeps (mention texts, titles, sysctl
 * values) is cut from these: an edited note's old versions must not stay in memory through them.
 */
export function detach(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

type MutableMention = { -readonly [K in keyof Mention]: Mention[K] };

/**
 * Mentions found in `src` (local offsets), classified by the pre-order zone list, returned in note offsets
 * (`base` added). One sweep over both sorted lists.
 */
function classify(raw: readonly RawMention[], zones: readonly Zone[], src: string, base: number): Mention[] {
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
        if (insideHtmlTag(src, z, m)) keep = false;
        else context = 'html';
        break;
      }
      context = z.kind;
      if (z.evidenceIndex !== undefined) evidenceIndex = z.evidenceIndex;
      break;
    }
    if (!keep) continue;
    const o: MutableMention = { start: m.start + base, end: m.end + base, text: m.text, kind: m.kind, id: m.id, context };
    if (m.families) o.families = m.families;
    if (m.states) o.states = m.states;
    if (evidenceIndex !== undefined) o.evidenceIndex = evidenceIndex;
    out.push(o);
  }
  return out;
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
    if (between.includes('\n') || between.includes('\r') || !ARROW_BETWEEN.test(between)) continue;
    out.push({ from: a.id as StateId, to: b.id as StateId, start: a.start, end: b.end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Evidence
// ---------------------------------------------------------------------------------------------------------

const FENCED_LINE = /^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]*)?(?:```|~~~)/;

/**
 * The evidence block of a code node, or undefined when its content holds no recognisable output.
 * `start`/`end` are local offsets in `src`; `lineBase` is the note line of src's first line.
 */
function evidenceBlock(value: string, lang: string | null, src: string, lines: LineIndex, base: number, lineBase: number, index: number, start: number, end: number): EvidenceBlock | undefined {
  if (!value.trim()) return undefined;
  const segments = parseEvidence(value);
  if (segments.length === 0) return undefined;
  // Fenced code starts one line below its opening fence; indented code starts on its own first line.
  const firstLine = lines.lineAt(start);
  const fenced = FENCED_LINE.test(lines.lineText(firstLine)) || src.startsWith('```', start) || src.startsWith('~~~', start);
  const startLine = lineBase + (fenced ? firstLine + 1 : firstLine);
  const merged = mergeSegments(segments);
  return {
    index,
    start: start + base,
    end: end + base,
    startLine,
    endLine: startLine + countNewlines(value, 0, value.length) + 1,
    lang,
    segments: segments.map((s) => ({ ...s, startLine: s.startLine + startLine, endLine: s.endLine + startLine })),
    counts: merged.counts,
    listed: merged.listed,
    ...(merged.sockstat ? { sockstat: merged.sockstat } : {}),
    counters: merged.counters,
    sysctls: merged.sysctls,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------------------

export interface GroupInput {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly evidenceBase: number;
  /** Definitions of the rest of the note, re-declared before the group ('' for none). */
  readonly prelude: string;
  /** What ends the group: the end of the note, a candidate after a blank line, a fence opener, or a forced cut. */
  readonly endKind: EndKind;
  /** The group starts at a forced boundary. */
  readonly hardStart: boolean;
}

export type EndKind = 'eof' | 'blank' | 'fence' | 'hard';

export type GroupOutcome =
  | { readonly kind: 'done'; readonly pieces: Piece[] }
  /**
   * The last node runs past the end: keep `pieces` (the sound ones before it) and analyse again from
   * `from` to at least `to`.
   */
  | { readonly kind: 'extend'; readonly pieces: Piece[]; readonly from: number; readonly to: number };

interface Collected {
  zones: Zone[];
  evidence: EvidenceBlock[];
  headings: Heading[];
  definitions: { start: number; entry: string }[];
}

function span(node: Nodes, shift: number): [number, number] | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  return s === undefined || e === undefined ? undefined : [s + shift, e + shift];
}

/** Pre-order walk without recursion (deeply nested quotes and lists cannot overflow the stack). */
function collect(top: readonly RootContent[], shift: number, src: string, lines: LineIndex, base: number, lineBase: number, evidenceBase: number): Collected {
  const c: Collected = { zones: [], evidence: [], headings: [], definitions: [] };
  const stack: Nodes[] = [];
  for (let k = top.length - 1; k >= 0; k--) stack.push(top[k] as RootContent);
  while (stack.length) {
    const node = stack.pop() as Nodes;
    const range = span(node, shift);
    let descend = true;
    if (range) {
      const [start, end] = range;
      switch (node.type) {
        case 'heading':
          c.zones.push({ start, end, kind: 'heading' });
          c.headings.push({ depth: node.depth, title: mdastToString(node).replace(/\r\n?/g, '\n'), start: start + base });
          break;
        case 'tableCell':
          c.zones.push({ start, end, kind: 'table' });
          break;
        case 'listItem':
          c.zones.push({ start, end, kind: 'list' });
          break;
        case 'blockquote':
          c.zones.push({ start, end, kind: 'blockquote' });
          break;
        case 'inlineCode':
          c.zones.push({ start, end, kind: 'inline-code' });
          descend = false;
          break;
        case 'code': {
          const block = evidenceBlock(node.value, node.lang ?? null, src, lines, base, lineBase, evidenceBase + c.evidence.length, start, end);
          if (block) c.evidence.push(block);
          c.zones.push({ start, end, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}) });
          descend = false;
          break;
        }
        case 'html':
          c.zones.push({ start, end, kind: 'html-block' });
          descend = false;
          break;
        case 'image':
        case 'imageReference':
          c.zones.push({ start, end, kind: 'drop' });
          descend = false;
          break;
        case 'definition':
          c.zones.push({ start, end, kind: 'drop' });
          c.definitions.push({ start, entry: `[${node.identifier}]: <>` });
          descend = false;
          break;
        case 'footnoteDefinition':
          c.definitions.push({ start, entry: `[^${node.identifier}]: x` });
          break;
        case 'link': {
          const label = mdastToString(node);
          const url = node.url.replace(/^mailto:/i, '');
          // Autolinks (`<https://…>`, bare URLs found by GFM): the visible text is the URL itself.
          if (label === url || label === node.url) {
            c.zones.push({ start, end, kind: 'drop' });
            descend = false;
            break;
          }
          c.zones.push({ start, end, kind: 'link' });
          const first = node.children[0];
          const last = node.children[node.children.length - 1];
          const a = first && span(first, shift);
          const b = last && span(last, shift);
          if (a && b) c.zones.push({ start: a[0], end: b[1], kind: 'link-text' });
          break;
        }
        case 'linkReference':
          c.zones.push({ start, end, kind: 'link-text' });
          break;
        default:
          break;
      }
    }
    if (descend && 'children' in node) {
      const children = node.children as RootContent[];
      for (let k = children.length - 1; k >= 0; k--) stack.push(children[k] as RootContent);
    }
  }
  return c;
}

function emptyPiece(start: number, end: number, startLine: number, evidenceBase: number, mode: PieceMode, hard: boolean): Piece {
  return { start, end, startLine, evidenceBase, mode, hard, mentions: [], evidence: [], headings: [], transitions: [], definitions: [] };
}

/**
 * Splits the group's findings over its pieces (`bounds`: piece starts in note offsets, ascending, the first
 * being the group start) by where each item starts.
 */
function distribute(
  input: GroupInput,
  bounds: readonly number[],
  mode: PieceMode,
  mentions: readonly Mention[],
  evidence: readonly EvidenceBlock[],
  headings: readonly Heading[],
  transitions: readonly Transition[],
  definitions: readonly { start: number; entry: string }[],
  lines: LineIndex,
): Piece[] {
  const { start: gs, startLine, evidenceBase } = input;
  type Mutable = { mentions: Mention[]; evidence: EvidenceBlock[]; headings: Heading[]; transitions: Transition[]; definitions: string[] };
  const out: (Piece & Mutable)[] = [];
  let ev = evidenceBase;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k] as number;
    const end = k + 1 < bounds.length ? (bounds[k + 1] as number) : input.end;
    out.push({ ...emptyPiece(start, end, startLine + lines.lineAt(start - gs), ev, mode, k === 0 && input.hardStart), mentions: [], evidence: [], headings: [], transitions: [], definitions: [] });
    // evidenceBase is fixed below once the blocks are assigned.
  }
  const at = (offset: number): number => {
    let lo = 0;
    let hi = out.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((out[mid] as Piece).start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const m of mentions) (out[at(m.start)] as Mutable).mentions.push(m);
  for (const b of evidence) (out[at(b.start)] as Mutable).evidence.push(b);
  for (const h of headings) (out[at(h.start)] as Mutable).headings.push(h);
  for (const t of transitions) (out[at(t.start)] as Mutable).transitions.push(t);
  for (const d of definitions) (out[at(d.start)] as Mutable).definitions.push(d.entry);
  for (const p of out) {
    (p as { evidenceBase: number }).evidenceBase = ev;
    ev += p.evidence.length;
  }
  return out;
}

/** A group's share of a parse: its top-level nodes and the shift from tree offsets to offsets in the group. */
export interface ParsedGroup {
  readonly top: readonly RootContent[];
  readonly shift: number;
}

/** Parsed alone: the prelude, then the group (a BOM at the start of the note is not part of the parse). */
function parseAlone(input: GroupInput): ParsedGroup | undefined {
  const { text, start: gs, end: ge, prelude } = input;
  const bom = gs === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let tree: Root;
  try {
    tree = parseMarkdown(prelude + text.slice(gs + bom, ge));
  } catch {
    return undefined;
  }
  const P = prelude.length;
  return { top: tree.children.filter((n) => (n.position?.start.offset ?? 0) >= P), shift: bom - P };
}

/**
 * Several groups in one remark call (remark's fixed cost per call outweighs a short group's parse). Each
 * group follows a blank line, an empty HTML comment and another blank line, which close whatever the
 * previous group left open at top level; a group whose nodes run past its end gets undefined (it is
 * analysed alone). Undefined altogether when the parser fails.
 */
export function parseGroups(text: string, groups: readonly { start: number; end: number }[], prelude: string): (ParsedGroup | undefined)[] | undefined {
  const SEP = '\n\n<!---->\n\n';
  const parts: string[] = [prelude];
  const at: number[] = [];
  let offset = prelude.length;
  for (const g of groups) {
    const bom = g.start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const part = text.slice(g.start + bom, g.end);
    at.push(offset - bom);
    parts.push(part, SEP);
    offset += part.length + SEP.length;
  }
  let tree: Root;
  try {
    tree = parseMarkdown(parts.join(''));
  } catch {
    return undefined;
  }
  const out: (ParsedGroup | undefined)[] = [];
  let k = 0;
  const children = tree.children;
  groups.forEach((g, i) => {
    const from = at[i] as number; // tree offset of the group's first character
    const to = from + (g.end - g.start);
    const top: RootContent[] = [];
    let spill = false;
    while (k < children.length && ((children[k] as RootContent).position?.start.offset ?? 0) < to) {
      const node = children[k] as RootContent;
      const s = node.position?.start.offset ?? 0;
      if (s >= from) {
        top.push(node);
        if ((node.position?.end.offset ?? 0) > to) spill = true;
      }
      k++;
    }
    out.push(spill ? undefined : { top, shift: -from });
  });
  return out;
}

/** Analyses [start, end) as markdown (parsed alone unless `parsed` is given). Never throws. */
export function analyzeGroup(input: GroupInput, parsed?: ParsedGroup): GroupOutcome {
  const { text, start: gs, end: ge } = input;
  const src = detach(text, gs, ge);
  const pg = parsed ?? parseAlone(input);
  // A parser failure (absurd nesting, say) degrades to plain text.
  if (!pg) return { kind: 'done', pieces: [analyzePlain(text, gs, ge, input.startLine, input.evidenceBase, input.hardStart)] };
  const { top, shift } = pg;
  const lines = new LineIndex(src);

  // The end of the group: an open last node means the group is not done.
  const last = top[top.length - 1];
  if (last && (input.endKind === 'blank' || input.endKind === 'fence')) {
    const r = span(last, shift) as [number, number];
    let to: number | undefined;
    if (last.type === 'code') {
      const source = src.slice(r[0], r[1]);
      const closed = isClosedFence(source);
      if (closed === false) {
        const lead = source.length - source.trimStart().length;
        const char = source.charCodeAt(lead);
        let n = lead;
        while (source.charCodeAt(n) === char) n++;
        const close = findFenceClose(text, ge, char, n - lead);
        to = close ? nextCandidate(text, close.lineStart) : text.length;
      } else if (closed === undefined) {
        // micromark reads the first line after an indented code block and blank lines as interrupting it
        // (`10. x` is no list there): that line is no fresh start, so the group takes it in.
        to = nextCandidate(text, ge);
      }
    } else if (last.type === 'html') {
      const marker = openRawHtmlEnd(src.slice(r[0], r[1]));
      if (marker) {
        const line = markerLine(text, ge, marker);
        to = line === undefined ? text.length : nextCandidate(text, line);
      }
      else if (input.endKind === 'fence') to = nextCandidate(text, ge);
    }
    // A block that runs to the very end of the group, line ending included (an unclosed fence inside a
    // list item or quote), may end earlier in the note: take the next stretch in.
    if (to === undefined && r[1] >= src.length && (src.endsWith('\n') || src.endsWith('\r'))) to = nextCandidate(text, ge);
    if (to !== undefined) {
      // Keep the pieces before the open node's piece (this parse is right up to there: the open node
      // starts after a boundary); restart from that piece.
      const bounds = boundaries(text, gs, ge, top, shift);
      let from = gs;
      for (const b of bounds) if (b <= r[0] + gs) from = b;
      const head = from > gs ? finishGroup(input, top, shift, src, lines, bounds).filter((p) => p.start < from) : [];
      return { kind: 'extend', pieces: head, from, to: Math.max(to, ge) };
    }
  }
  return { kind: 'done', pieces: finishGroup(input, top, shift, src, lines, boundaries(text, gs, ge, top, shift)) };
}

/** The pieces of a parsed group: zones, evidence and headings collected, mentions classified, split at `bounds`. */
function finishGroup(input: GroupInput, top: readonly RootContent[], shift: number, src: string, lines: LineIndex, bounds: readonly number[]): Piece[] {
  const { text, start: gs } = input;

  const c = collect(top, shift, src, lines, gs, input.startLine, input.evidenceBase);
  const mentions = classify(findMentions(src), c.zones, src, gs);
  const transitions = findTransitions(mentions, text);
  return distribute(input, bounds, 'markdown', mentions, c.evidence, c.headings, transitions, c.definitions, lines);
}

/**
 * Piece starts inside [gs, ge), in note offsets, gs first: candidates that no top-level node spans (or where
 * the spanning list starts an item).
 */
function boundaries(text: string, gs: number, ge: number, top: readonly RootContent[], shift: number): number[] {
  const out = [gs];
  let k = 0;
  for (let b = nextCandidate(text, gs); b < ge; b = nextCandidate(text, b)) {
    const local = b - gs;
    while (k < top.length && ((top[k] as RootContent).position?.end.offset ?? 0) + shift <= local) k++;
    const node = top[k];
    const s = node ? (node.position?.start.offset ?? 0) + shift : Infinity;
    if (s >= local) {
      // Not after an indented code block (see analyzeGroup).
      const prev = top[k - 1];
      if (prev?.type === 'code' && isClosedFence(text.slice(gs + (prev.position?.start.offset ?? 0) + shift, gs + (prev.position?.end.offset ?? 0) + shift)) === undefined) continue;
      out.push(b);
      continue;
    }
    if (node?.type === 'list' && node.children.some((item) => (item.position?.start.offset ?? -1) + shift === local)) out.push(b);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Simple blocks without remark: a plain paragraph, an ATX heading with a plain title
// ---------------------------------------------------------------------------------------------------------

/**
 * Characters after which remark may build a node that matters for classification (link, image, HTML,
 * autolink, table) or that changes text (escapes): a stretch containing none of them holds only text,
 * emphasis and code spans.
 */
const NOT_SIMPLE = /[[<\\|@]|:\/\/|www\./i;
/** A heading title also needs its text verbatim: no emphasis, strikethrough or entities. */
const NOT_SIMPLE_TITLE = /[[<\\|@*_~&]|:\/\/|www\./i;
/** First non-space character of a line that may start (or interrupt a paragraph with) another block. */
const BLOCK_START = /^[ \t]*(?:[#>\-+*=_`~<|[:]|\d{1,9}[.)](?:[ \t]|$))/;

/**
 * Code spans in `src` [from, to) by the CommonMark rule (a backtick string closes at the next string of the
 * same length); valid only when the stretch has no backslash, link or HTML. Returns [start, end, value].
 */
function codeSpans(src: string, from: number, to: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  let i = src.indexOf('`', from);
  while (i !== -1 && i < to) {
    let j = i;
    while (j < to && src.charCodeAt(j) === 96) j++;
    const n = j - i;
    // Find the next backtick string of exactly n.
    let k = src.indexOf('`', j);
    let closed = -1;
    while (k !== -1 && k < to) {
      let e = k;
      while (e < to && src.charCodeAt(e) === 96) e++;
      if (e - k === n) {
        closed = k;
        break;
      }
      k = src.indexOf('`', e);
    }
    if (closed === -1) {
      i = src.indexOf('`', j);
      continue;
    }
    let value = src.slice(j, closed).replace(/\r\n|\r|\n/g, ' ');
    if (value.length >= 2 && value.startsWith(' ') && value.endsWith(' ') && value.trim() !== '') value = value.slice(1, -1);
    out.push([i, closed + n, value]);
    i = src.indexOf('`', closed + n);
  }
  return out;
}

/** Lines of [start, end): [lineStart, lineEnd] pairs (terminators excluded). */
function linesOf(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let ls = start;
  while (ls < end) {
    const le = lineEndAt(text, ls);
    out.push([ls, Math.min(le, end)]);
    ls = afterTerminator(text, le);
  }
  return out;
}

export interface SimpleShape {
  readonly kind: 'blank' | 'paragraph' | 'heading' | 'list' | 'table' | 'quote';
  /** Offset (in the stretch) of the end of its last non-blank line. */
  readonly contentEnd: number;
}

/** Longest stretch the simple shapes are tried on. */
const SIMPLE_LIMIT = 32 * 1024;
const NOT_SIMPLE_CELLS = /[[<\\@]|:\/\/|www\./i;
const LIST_LINE = /^( *)(?:[-*+]|\d{1,9}[.)]) {1,4}(?=\S)/;
const DELIMITER_CELL = /^:?-+:?$/;

/** Spaces and tabs off the end of [from, to) of `s`: the new end. */
function trimBlankEnd(s: string, from: number, to: number): number {
  let e = to;
  while (e > from && (s.charCodeAt(e - 1) === 32 || s.charCodeAt(e - 1) === 9)) e--;
  return e;
}

/** A GFM table delimiter row: cells of `-` with optional `:` at either end, split by pipes. */
function isDelimiterRow(text: string, ls: number, le: number): boolean {
  if (!text.slice(ls, le).includes('|')) return false;
  return cells(text, ls, le).every(([s, e]) => DELIMITER_CELL.test(text.slice(s, e).trim()));
}

/** The content of an ATX heading after its opening sequence: trimmed, without a closing `#` sequence. */
function atxContent(rest: string): string {
  let e = trimBlankEnd(rest, 0, rest.length);
  let h = e;
  while (h > 0 && rest.charCodeAt(h - 1) === 35) h--;
  // A closing sequence is all `#`, or `#`s after a space or tab.
  if (h < e && (h === 0 || rest.charCodeAt(h - 1) === 32 || rest.charCodeAt(h - 1) === 9)) e = trimBlankEnd(rest, 0, h);
  return rest.slice(0, e);
}

/** Cell ranges of a table row [ls, le): split at pipes, without the empty ends of a leading/trailing pipe. */
function cells(text: string, ls: number, le: number): [number, number][] {
  const out: [number, number][] = [];
  let s = ls;
  for (let i = ls; i <= le; i++) {
    if (i === le || text.charCodeAt(i) === 124) {
      out.push([s, i]);
      s = i + 1;
    }
  }
  const blank = (c: [number, number]) => isBlank(text, c[0], c[1]);
  if (out.length > 1 && blank(out[0] as [number, number])) out.shift();
  if (out.length > 1 && blank(out[out.length - 1] as [number, number])) out.pop();
  return out;
}

/** All backtick strings of [from, to) pair up into code spans within the range. */
function balancedTicks(src: string, from: number, to: number): boolean {
  let covered = 0;
  for (const [s, e] of codeSpans(src, from, to)) {
    if (src.slice(covered > from ? covered : from, s).includes('`')) return false;
    covered = e;
  }
  return !src.slice(Math.max(covered, from), to).includes('`');
}

/**
 * Whether [start, end) is one simple block followed by blank lines only: a plain paragraph, an ATX heading
 * with a plain title, a list whose every line is an item of plain text, a table of plain cells, or a quote
 * of one plain paragraph. "Plain": nothing remark could turn into a link, HTML, an autolink, an escape or a
 * nested block. For these the zones are known without parsing.
 */
export function simpleShape(text: string, start: number, end: number): SimpleShape | undefined {
  if (end - start > SIMPLE_LIMIT || (start === 0 && text.charCodeAt(0) === 0xfeff)) return undefined;
  // One space before `>` is an indented quote (` > a`, issue #17: remark is slow on runs of them).
  const first = text.charCodeAt(start) === 32 && text.charCodeAt(start + 1) === 62 ? 62 : text.charCodeAt(start);
  if (first === 32 || first === 9) return undefined;
  const lines = linesOf(text, start, end);
  let last = 0; // number of leading non-blank lines
  while (last < lines.length && !isBlank(text, (lines[last] as [number, number])[0], (lines[last] as [number, number])[1])) last++;
  for (let k = last; k < lines.length; k++) if (!isBlank(text, (lines[k] as [number, number])[0], (lines[k] as [number, number])[1])) return undefined;
  if (last === 0) return lines.length ? { kind: 'blank', contentEnd: 0 } : undefined;
  const contentEnd = (lines[last - 1] as [number, number])[1] - start;
  const body = text.slice(start, start + contentEnd);
  const lineText = (k: number) => text.slice((lines[k] as [number, number])[0], (lines[k] as [number, number])[1]);
  if (first === 35 /* # */) {
    if (last !== 1 || !/^#{1,6}(?:[ \t]|$)/.test(body) || NOT_SIMPLE_TITLE.test(body)) return undefined;
    return { kind: 'heading', contentEnd };
  }
  if (first === 62 /* > */) {
    if (NOT_SIMPLE.test(body)) return undefined;
    for (let k = 0; k < last; k++) {
      const m = /^ ?> ?(?=[^ \t])/.exec(lineText(k));
      if (!m || BLOCK_START.test(lineText(k).slice(m[0].length, m[0].length + 16))) return undefined;
    }
    return { kind: 'quote', contentEnd };
  }
  if (body.includes('|')) {
    if (last < 2 || NOT_SIMPLE_CELLS.test(body)) return undefined;
    const [hs, he] = lines[0] as [number, number];
    const [ds, de] = lines[1] as [number, number];
    if (!isDelimiterRow(text, ds, de) || !text.slice(hs, he).includes('|') || cells(text, hs, he).length !== cells(text, ds, de).length) return undefined;
    for (let k = 0; k < last; k++) {
      const t = lineText(k);
      if (!t.includes('|') || /^[ \t]/.test(t) || (t[0] !== '|' && BLOCK_START.test(t.slice(0, 16)))) return undefined;
    }
    return { kind: 'table', contentEnd };
  }
  if (NOT_SIMPLE.test(body)) return undefined;
  const list = LIST_LINE.exec(body);
  if (list) {
    for (let k = 0; k < last; k++) {
      const t = lineText(k);
      const m = LIST_LINE.exec(t);
      if (!m || BLOCK_START.test(t.slice(m[0].length, m[0].length + 16))) return undefined;
      const [ls, le] = lines[k] as [number, number];
      if (!balancedTicks(text, ls, le)) return undefined;
    }
    return { kind: 'list', contentEnd };
  }
  for (let k = 0; k < last; k++) if (BLOCK_START.test(lineText(k).slice(0, 16))) return undefined;
  return { kind: 'paragraph', contentEnd };
}

/** The piece remark would give for a stretch simpleShape accepted. */
export function analyzeSimple(text: string, start: number, end: number, shape: SimpleShape, startLine: number, evidenceBase: number, hard: boolean): Piece {
  const src = detach(text, start, end);
  const { contentEnd } = shape;
  const zones: Zone[] = [];
  const headings: Heading[] = [];
  const code = (from: number, to: number) => {
    for (const [s, e] of codeSpans(src, from, to)) zones.push({ start: s, end: e, kind: 'inline-code' });
  };
  const eachLine = (f: (ls: number, le: number) => void) => {
    for (const [ls, le] of linesOf(src, 0, contentEnd)) f(ls, le);
  };
  switch (shape.kind) {
    case 'blank':
      break;
    case 'heading': {
      const open = /^(#{1,6})(?:[ \t]+|$)/.exec(src.slice(0, contentEnd)) as RegExpExecArray;
      const body = atxContent(src.slice(open[0].length, contentEnd));
      const offset = open[0].length;
      const spans = codeSpans(body, 0, body.length);
      let title = '';
      let at = 0;
      for (const [s, e, value] of spans) {
        title += body.slice(at, s) + value;
        at = e;
      }
      title += body.slice(at);
      zones.push({ start: 0, end: contentEnd, kind: 'heading' });
      for (const [s, e] of spans) zones.push({ start: offset + s, end: offset + e, kind: 'inline-code' });
      headings.push({ depth: (open[1] as string).length, title, start });
      break;
    }
    case 'paragraph':
      code(0, contentEnd);
      break;
    case 'quote':
      zones.push({ start: 0, end: contentEnd, kind: 'blockquote' });
      code(0, contentEnd);
      break;
    case 'list':
      eachLine((ls, le) => {
        const indent = (LIST_LINE.exec(src.slice(ls, le)) as RegExpExecArray)[1]?.length ?? 0;
        zones.push({ start: ls + indent, end: le, kind: 'list' });
        code(ls, le);
      });
      break;
    case 'table': {
      let row = 0;
      eachLine((ls, le) => {
        if (row++ === 1) return; // the delimiter row
        zones.push({ start: ls, end: le, kind: 'table' });
        for (const [cs, ce] of cells(src, ls, le)) code(cs, ce);
      });
      break;
    }
  }
  const mentions = classify(findMentions(src), zones, src, start);
  return { start, end, startLine, evidenceBase, mode: 'markdown', hard, mentions, evidence: [], headings, transitions: findTransitions(mentions, text), definitions: [] };
}

/** Decodes a fence info string the way remark does (escapes, entities) when it needs decoding. */
function fenceLang(info: string, char: number): string | null {
  if (!info) return null;
  if (!info.includes('\\') && !info.includes('&')) {
    const sp = info.search(/[ \t]/);
    return sp === -1 ? info : info.slice(0, sp);
  }
  const fence = String.fromCharCode(char).repeat(3);
  const node = parseMarkdown(`${fence} ${info}\n${fence}\n`).children[0];
  return node?.type === 'code' ? (node.lang ?? null) : null;
}

/** End of the piece of a fenced block: after its closing line and the blank lines that follow (or the end of the note). */
export function fencePieceEnd(text: string, fence: FenceOpen, close = findFenceClose(text, fence.contentStart, fence.char, fence.length)): number {
  if (!close) return text.length;
  let end = afterTerminator(text, close.lineEnd);
  // Blank lines after the closing fence belong to no block: keep them in this piece.
  for (let eol = lineEndAt(text, end); end < text.length && isBlank(text, end, eol); eol = lineEndAt(text, end)) end = afterTerminator(text, eol);
  return end;
}

/**
 * A piece that is one column-0 fenced code block, built without remark: the node remark would build (value
 * between the fences with its own line endings, the last one dropped; lang from the info string).
 */
export function analyzeFence(text: string, start: number, fence: FenceOpen, startLine: number, evidenceBase: number, hard: boolean): Piece {
  const close = findFenceClose(text, fence.contentStart, fence.char, fence.length);
  const end = fencePieceEnd(text, fence, close);
  const nodeEnd = close ? close.lineEnd : text.length;
  let valueEnd = close ? close.lineStart : text.length;
  // Drop the line ending before the closing fence (or at the end of the note).
  if (valueEnd > fence.contentStart) {
    if (text.charCodeAt(valueEnd - 1) === 10) valueEnd -= text.charCodeAt(valueEnd - 2) === 13 && valueEnd - 2 >= fence.contentStart ? 2 : 1;
    else if (text.charCodeAt(valueEnd - 1) === 13) valueEnd -= 1;
  }
  const value = valueEnd > fence.contentStart ? detach(text, fence.contentStart, valueEnd) : '';
  const src = detach(text, start, end);
  const lines = new LineIndex(src);
  const lang = fenceLang(fence.info, fence.char);
  const block = evidenceBlock(value, lang, src, lines, start, startLine, evidenceBase, 0, nodeEnd - start);
  const zones: Zone[] = [{ start: 0, end: nodeEnd - start, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}) }];
  const mentions = classify(findMentions(src), zones, src, start);
  return {
    start,
    end,
    startLine,
    evidenceBase,
    mode: 'fence',
    hard,
    mentions,
    evidence: block ? [block] : [],
    headings: [],
    transitions: findTransitions(mentions, text),
    definitions: [],
  };
}

/** An ATX heading opener (the title is read by atxContent). */
const ATX_OPEN = /^ {0,3}#{1,6}(?=[ \t\r\n]|$)/gm;
/** Where a fence opener may start after indentation, quote markers or a list marker (plain mode reads fences lexically). */
const LOOSE_FENCE = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?=`{3}|~{3})/gm;

/** Plain mode's closing fence line: indentation or quote markers, `length`+ fence characters, blanks. */
export function looseFenceClose(char: number, length: number): RegExp {
  return new RegExp(`^[ \\t>]*${char === 96 ? '`' : '~'}{${length},}[ \\t]*$`, 'gm');
}

/** Up to `width` characters of indentation or quote markers at each line start (plain mode's fence content). */
export function loosePrefix(width: number): RegExp {
  return new RegExp(`^[ \\t>]{0,${width}}`, 'gm');
}

/**
 * Plain-text analysis of a stretch too large for remark: mentions in `prose`, ATX headings as sections, and
 * fenced blocks found line by line (so a big dump pasted inside a list item still counts as evidence).
 */
export function analyzePlain(text: string, start: number, end: number, startLine: number, evidenceBase: number, hard: boolean): Piece {
  const slice = detach(text, start, end);
  const src = start === 0 && slice.charCodeAt(0) === 0xfeff ? ` ${slice.slice(1)}` : slice;
  const lines = new LineIndex(src);
  const zones: Zone[] = [];
  const headings: Heading[] = [];
  const evidence: EvidenceBlock[] = [];
  // Fences first: headings inside them are not headings.
  const fences: [number, number][] = [];
  LOOSE_FENCE.lastIndex = 0;
  for (let m = LOOSE_FENCE.exec(src); m; m = LOOSE_FENCE.exec(src)) {
    const width = m[0].length; // prefix before the fence run
    const runStart = m.index + width;
    const char = src.charCodeAt(runStart);
    let runEnd = runStart;
    while (src.charCodeAt(runEnd) === char) runEnd++;
    const openerEnd = lineEndAt(src, runEnd);
    const info = src.slice(runEnd, openerEnd).trim();
    if (char === 96 && info.includes('`')) {
      LOOSE_FENCE.lastIndex = Math.max(openerEnd, m.index + 1);
      continue;
    }
    const contentStart = afterTerminator(src, openerEnd);
    // The closing line: indentation or quote markers, the same character at least as many times, blanks.
    const closeRe = looseFenceClose(char, runEnd - runStart);
    closeRe.lastIndex = contentStart;
    const close = contentStart < src.length ? closeRe.exec(src) : null;
    const closeStart = close ? close.index : src.length;
    const nodeEnd = close ? close.index + close[0].length : src.length;
    const raw = closeStart > contentStart ? src.slice(contentStart, closeStart).replace(/\r?\n$|\r$/, '') : '';
    const value = width === 0 ? raw : raw.replace(loosePrefix(width), '');
    const block = evidenceBlock(value, info.split(/[ \t]/)[0] || null, src, lines, start, startLine, evidenceBase + evidence.length, runStart, nodeEnd);
    if (block) evidence.push(block);
    zones.push({ start: runStart, end: nodeEnd, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}) });
    fences.push([m.index, nodeEnd]);
    LOOSE_FENCE.lastIndex = Math.max(nodeEnd, m.index + 1);
  }
  let f = 0;
  ATX_OPEN.lastIndex = 0;
  for (let m = ATX_OPEN.exec(src); m; m = ATX_OPEN.exec(src)) {
    while (f < fences.length && (fences[f] as [number, number])[1] <= m.index) f++;
    const fence = fences[f];
    if (fence && fence[0] <= m.index) continue;
    const s = m.index + (m[0].length - m[0].trimStart().length);
    const le = lineEndAt(src, m.index);
    zones.push({ start: s, end: le, kind: 'heading' });
    headings.push({ depth: m[0].trim().length, title: atxContent(src.slice(m.index + m[0].length, le)).trim(), start: start + s });
  }
  zones.sort((a, b) => a.start - b.start);
  const mentions = classify(findMentions(src), zones, src, start);
  return { start, end, startLine, evidenceBase, mode: 'plain', hard, mentions, evidence, headings, transitions: findTransitions(mentions, text), definitions: [] };
}

/** Moves a piece by `dOff` characters, `dLine` lines and `dEv` evidence indexes (new objects only where needed). */
export function shiftPiece(p: Piece, dOff: number, dLine: number, dEv: number): Piece {
  if (dOff === 0 && dLine === 0 && dEv === 0) return p;
  const mentions =
    dOff === 0 && dEv === 0
      ? p.mentions
      : p.mentions.map((m) => {
          const o: MutableMention = { start: m.start + dOff, end: m.end + dOff, text: m.text, kind: m.kind, id: m.id, context: m.context };
          if (m.families) o.families = m.families;
          if (m.states) o.states = m.states;
          if (m.evidenceIndex !== undefined) o.evidenceIndex = m.evidenceIndex + dEv;
          return o;
        });
  const evidence = p.evidence.map((b) => ({
    ...b,
    index: b.index + dEv,
    start: b.start + dOff,
    end: b.end + dOff,
    startLine: b.startLine + dLine,
    endLine: b.endLine + dLine,
    segments: dLine === 0 ? b.segments : b.segments.map((s) => ({ ...s, startLine: s.startLine + dLine, endLine: s.endLine + dLine })),
  }));
  return {
    ...p,
    start: p.start + dOff,
    end: p.end + dOff,
    startLine: p.startLine + dLine,
    evidenceBase: p.evidenceBase + dEv,
    mentions,
    evidence,
    headings: dOff === 0 ? p.headings : p.headings.map((h) => ({ ...h, start: h.start + dOff })),
    transitions: dOff === 0 ? p.transitions : p.transitions.map((t) => ({ ...t, start: t.start + dOff, end: t.end + dOff })),
  };
}
