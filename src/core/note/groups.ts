/**
 * Group parsing: one stretch of a note (a "group" of top-level blocks) parsed with remark into pieces: the unit that incremental
 * analysis keeps, shifts and re-parses.
 *
 * A piece boundary is a line start `b` where parsing the text before `b` and the text from `b` separately
 * gives exactly the nodes of parsing them together. blocks.nextCandidate proposes lines; the
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
 * later ones; a prelude re-declares the note's definitions before each group (see definitions.ts).
 *
 * The fast paths that skip remark live beside this file: simple.ts (plain blocks), fence.ts (a fenced block
 * alone), plain.ts (stretches too large for remark).
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { findFenceClose, isClosedFence, markerLine, nextCandidate, openRawHtmlEnd } from './blocks';
import { evidenceBlock } from './codeEvidence';
import { LineIndex } from './lines';
import { parseMarkdown } from './markdown';
import type { EvidenceBlock, Mention, QuietSpan, Transition } from './model';
import { detach, emptyPiece, type Heading, type Piece, type PieceMode } from './piece';
import { analyzePlain } from './plain';
import { findMentions } from './recognize';
import { findTransitions } from './transitions';
import { classify, quietSpans, type Zone } from './zones';

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
          const { block, notTcp } = evidenceBlock(node.value, node.lang ?? null, src, lines, base, lineBase, evidenceBase + c.evidence.length, start, end);
          if (block) c.evidence.push(block);
          c.zones.push({ start, end, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}), notTcp });
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
  quiet: readonly QuietSpan[],
  definitions: readonly { start: number; entry: string }[],
  lines: LineIndex,
): Piece[] {
  const { start: gs, startLine, evidenceBase } = input;
  type Mutable = { mentions: Mention[]; evidence: EvidenceBlock[]; headings: Heading[]; transitions: Transition[]; quiet: QuietSpan[]; definitions: string[] };
  const out: (Piece & Mutable)[] = [];
  let ev = evidenceBase;
  for (let k = 0; k < bounds.length; k++) {
    const start = bounds[k] as number;
    const end = k + 1 < bounds.length ? (bounds[k + 1] as number) : input.end;
    out.push({ ...emptyPiece(start, end, startLine + lines.lineAt(start - gs), ev, mode, k === 0 && input.hardStart), mentions: [], evidence: [], headings: [], transitions: [], quiet: [], definitions: [] });
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
  for (const q of quiet) (out[at(q[0])] as Mutable).quiet.push(q);
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
export function piecesOfGroup(input: GroupInput, parsed?: ParsedGroup): GroupOutcome {
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
  return distribute(input, bounds, 'markdown', mentions, c.evidence, c.headings, transitions, quietSpans(c.zones, gs), c.definitions, lines);
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
      // Not after an indented code block (see piecesOfGroup).
      const prev = top[k - 1];
      if (prev?.type === 'code' && isClosedFence(text.slice(gs + (prev.position?.start.offset ?? 0) + shift, gs + (prev.position?.end.offset ?? 0) + shift)) === undefined) continue;
      out.push(b);
      continue;
    }
    if (node?.type === 'list' && node.children.some((item) => (item.position?.start.offset ?? -1) + shift === local)) out.push(b);
  }
  return out;
}
