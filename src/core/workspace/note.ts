/**
 * One note's entry in the workspace index: what the recogniser finds in it, packed. Mentions are typed-array
 * rows (line, character, length) grouped by interned id; evidence blocks keep their line range, per-state
 * counts, orphan number and sample time; headings keep their line, depth, the ids they carry and a short,
 * inert title (the only note text kept: it names the heading in Go to Symbol in Workspace).
 *
 * Built without remark: the recogniser (note/recognize.ts) on the raw text, fenced code blocks found by the
 * block lexer (note/blocks.ts) and parsed by codeEvidence.ts, ATX headings by one line scan, then the report's
 * timeline and limits (report/timeline.ts) over that light model for the sample times and the orphan pressure.
 * So mentions inside link destinations or raw HTML count here as they do in `tcp-state-notes scan`'s raw view,
 * and setext headings and indented code are not seen (documented in docs/architecture.md).
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_IDS, type StateId } from '../catalogue/types';
import { findFenceClose, fenceOpenAt } from '../note/blocks';
import { evidenceBlock } from '../note/codeEvidence';
import { LineIndex } from '../note/lines';
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import type { RawMention } from '../note/recognize';
import { findMentions } from '../note/recognize';
import type { OrphanPressure } from '../snapshot/pressure';
import { limitsOf, timelineOf } from '../report/timeline';
import type { IdTable } from './names';

/** An evidence block's summary (numbers and ids only). */
export interface BlockEntry {
  /** 0-based lines: the fence (or first line) and the line after the block. */
  readonly line: number;
  readonly endLine: number;
  /** Pairs (id code, value), largest value first: states with their socket counts, then other ids with their mentions in the block. */
  readonly values: Uint32Array;
  /** Number of state pairs at the front of `values`. */
  readonly stateCount: number;
  /** sockstat `orphan` / ss -s `orphaned`. */
  readonly orphans?: number;
  /** ISO time of the sample and minutes on one axis, when the note dates it. */
  readonly time?: string;
  readonly minutes?: number;
}

export interface HeadingEntry {
  readonly line: number;
  readonly depth: number;
  /** The heading's text, at most TITLE_MAX characters, with `$(…)` icon syntax and control characters made inert. */
  readonly title: string;
  /** Pairs (id code, mentions in the heading's section). */
  readonly values: Uint32Array;
}

export interface NoteEntry {
  readonly chars: number;
  /** Per mention: line, character, length — grouped by id (in `ids` order), by position within an id. */
  readonly rows: Uint32Array;
  /** Distinct id codes, ascending, and where each one's rows end (in rows, not array slots). */
  readonly ids: Uint16Array;
  readonly idEnds: Uint32Array;
  readonly blocks: readonly BlockEntry[];
  readonly headings: readonly HeadingEntry[];
  /**
   * The ids a block or heading carries (codes, ascending) and, for each, its largest value in any of them:
   * the symbol postings, and the bound that lets a workspace-symbol query skip notes that cannot rank.
   */
  readonly symbolCodes: Uint16Array;
  readonly symbolMax: Uint32Array;
  /** The state with the largest count in any block, and that count. */
  readonly dominant?: { readonly state: StateId; readonly count: number };
  readonly orphan?: { readonly value: number | null; readonly level: OrphanPressure['level']; readonly ratio: number | null };
  /** First and last sample times (minutes, ISO), when the note dates its samples. */
  readonly firstTime?: { readonly minutes: number; readonly iso: string };
  readonly lastTime?: { readonly minutes: number; readonly iso: string };
}

export const TITLE_MAX = 80;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;

/** Heading text safe for a symbol name: no `$(` codicon syntax, no control or bidi characters. */
export function inertTitle(raw: string): string {
  return withoutClosingHashes(raw)
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\$\(/g, '$\u200b(')
    .trim()
    .slice(0, TITLE_MAX);
}

/** An ATX heading's text without its optional closing `#` sequence (`## Title ##`), by a scan from the end. */
function withoutClosingHashes(raw: string): string {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === ' ' || raw[end - 1] === '\t')) end--;
  let h = end;
  while (h > 0 && raw[h - 1] === '#') h--;
  if (h === end || (h > 0 && raw[h - 1] !== ' ' && raw[h - 1] !== '\t')) return raw.slice(0, end);
  return raw.slice(0, h);
}

/** A flat copy of a short string: a slice of the note would keep the whole note's text alive in the index. */
export function ownString(s: string): string {
  return s.length === 0 ? '' : Array.from(s).join('');
}

interface Scan {
  readonly evidence: EvidenceBlock[];
  readonly sections: Section[];
}

function scanBlocks(text: string, lines: LineIndex): Scan {
  const evidence: EvidenceBlock[] = [];
  const sections: Section[] = [];
  const open: Section[] = [];
  const starts = lines.lineStarts;
  for (let n = 0; n < starts.length; n++) {
    const ls = starts[n] as number;
    let pos = ls;
    while (pos - ls < 3 && text.charCodeAt(pos) === 32) pos++;
    const c = text.charCodeAt(pos);
    if (c === 96 || c === 126) {
      const f = fenceOpenAt(text, pos);
      if (f) {
        const close = findFenceClose(text, f.contentStart, f.char, f.length);
        const contentEnd = close ? close.lineStart : text.length;
        const end = close ? close.lineEnd : text.length;
        const value = text.slice(f.contentStart, contentEnd);
        const block = evidenceBlock(value, f.info.split(/\s/)[0] || null, text, lines, 0, 0, evidence.length, ls, end);
        if (block) evidence.push(block);
        n = lines.lineAt(end);
        continue;
      }
    } else if (c === 35) {
      const lineText = lines.lineText(n);
      const m = ATX.exec(lineText);
      if (m) {
        const depth = (m[1] as string).length;
        while (open.length && (open[open.length - 1] as Section).depth >= depth) {
          const s = open.pop() as Section;
          sections[s.index] = { ...s, end: ls };
        }
        const s: Section = { index: sections.length, depth, title: lineText.slice(m[0].length), start: ls, end: text.length, parent: open.length ? (open[open.length - 1] as Section).index : -1 };
        sections.push(s);
        open.push(s);
      }
    }
  }
  return { evidence, sections };
}

function pairs(map: Map<number, number>): Uint32Array {
  const sorted = [...map].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const out = new Uint32Array(sorted.length * 2);
  sorted.forEach(([code, v], i) => {
    out[2 * i] = code;
    out[2 * i + 1] = Math.min(v, 0xffffffff);
  });
  return out;
}

/** Indexes one note. Linear in its length (the recogniser, one line scan, evidence parsing of fenced blocks). */
export function indexNote(text: string, table: IdTable): NoteEntry {
  const lines = new LineIndex(text);
  const raw = findMentions(text);
  const scan = scanBlocks(text, lines);
  const mentions = raw;

  // Rows grouped by id code.
  const byCode = new Map<number, number[]>();
  const codes: number[] = new Array(mentions.length);
  mentions.forEach((m, i) => {
    const code = table.code(m.id, m.kind);
    codes[i] = code;
    let list = byCode.get(code);
    if (!list) byCode.set(code, (list = []));
    list.push(i);
  });
  const idList = [...byCode.keys()].sort((a, b) => a - b);
  const rows = new Uint32Array(mentions.length * 3);
  const idEnds = new Uint32Array(idList.length);
  let r = 0;
  idList.forEach((code, k) => {
    for (const i of byCode.get(code) as number[]) {
      const m = mentions[i] as RawMention;
      const p = lines.positionAt(m.start);
      rows[3 * r] = p.line;
      rows[3 * r + 1] = p.character;
      rows[3 * r + 2] = m.end - m.start;
      r++;
    }
    idEnds[k] = r;
  });

  // Mentions per range (blocks, sections), by binary search over the sorted mentions.
  const firstAt = (offset: number): number => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentions[mid] as RawMention).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const countIn = (start: number, end: number, skip?: (code: number) => boolean): Map<number, number> => {
    const m = new Map<number, number>();
    for (let i = firstAt(start); i < mentions.length && (mentions[i] as RawMention).start < end; i++) {
      const code = codes[i] as number;
      if (skip?.(code)) continue;
      m.set(code, (m.get(code) ?? 0) + 1);
    }
    return m;
  };

  // The light model the report's timeline and limits read (they need the blocks, sections and lines only).
  const model: NoteModel = { text, lines, mentions: [], evidence: scan.evidence, sections: scan.sections, transitions: [], quiet: [] };
  const points = scan.evidence.length ? timelineOf(model) : [];
  const timeOf = new Map(points.map((p) => [p.line, p] as const));
  let dominant: NoteEntry['dominant'];
  const blocks: BlockEntry[] = scan.evidence.map((b) => {
    const states = new Map<number, number>();
    for (const s of STATE_IDS) {
      const n = b.counts[s];
      if (n === undefined || n <= 0) continue;
      states.set(table.code(s, 'state'), n);
      if (!dominant || n > dominant.count) dominant = { state: s, count: n };
    }
    const others = countIn(b.start, b.end, (code) => table.kind(code) === 'state' || states.has(code));
    const values = new Uint32Array([...pairs(states), ...pairs(others)]);
    const p = timeOf.get(b.startLine);
    const orphans = b.sockstat?.tcp?.orphan;
    return { line: lines.lineAt(b.start), endLine: b.endLine, values, stateCount: states.size, ...(orphans !== undefined ? { orphans } : {}), ...(p ? { time: p.time, minutes: p.minutes } : {}) };
  });
  const headings: HeadingEntry[] = [];
  for (const s of scan.sections) {
    const values = countIn(s.start, s.end);
    if (values.size === 0) continue;
    headings.push({ line: lines.lineAt(s.start), depth: s.depth, title: ownString(inertTitle(s.title)), values: pairs(values) });
  }
  let orphan: NoteEntry['orphan'];
  if (scan.evidence.some((b) => b.sockstat?.tcp)) {
    const l = limitsOf(model, points);
    orphan = { value: l.orphan, level: l.orphanLevel, ratio: l.orphanRatio };
  }
  const maxOf = new Map<number, number>();
  for (const x of [...blocks, ...headings]) {
    for (let i = 0; i < x.values.length; i += 2) {
      const c = x.values[i] as number;
      const v = x.values[i + 1] as number;
      if (v > (maxOf.get(c) ?? 0)) maxOf.set(c, v);
    }
  }
  const symbolCodes = Uint16Array.from([...maxOf.keys()].sort((a, b) => a - b));
  const symbolMax = Uint32Array.from(symbolCodes, (c) => maxOf.get(c) as number);
  const timed = points.length ? [...points].sort((a, b) => a.minutes - b.minutes) : [];
  const first = timed[0];
  const last = timed[timed.length - 1];
  return {
    chars: text.length,
    rows,
    ids: Uint16Array.from(idList),
    idEnds,
    blocks,
    headings,
    symbolCodes,
    symbolMax,
    ...(dominant ? { dominant } : {}),
    ...(orphan ? { orphan } : {}),
    ...(first ? { firstTime: { minutes: first.minutes, iso: first.time } } : {}),
    ...(last ? { lastTime: { minutes: last.minutes, iso: last.time } } : {}),
  };
}

/** The rows (line, character, length triples) of one id in a note, as a view (no copy); empty when absent. */
export function rowsOf(entry: NoteEntry, code: number): Uint32Array {
  const ids = entry.ids;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = ids[mid] as number;
    if (c < code) lo = mid + 1;
    else if (c > code) hi = mid - 1;
    else {
      const from = mid === 0 ? 0 : (entry.idEnds[mid - 1] as number);
      return entry.rows.subarray(3 * from, 3 * (entry.idEnds[mid] as number));
    }
  }
  return new Uint32Array(0);
}

/** A note's largest value of `code` in any block or heading, or 0. */
export function symbolMaxOf(entry: NoteEntry, code: number): number {
  const codes = entry.symbolCodes;
  let lo = 0;
  let hi = codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = codes[mid] as number;
    if (c < code) lo = mid + 1;
    else if (c > code) hi = mid - 1;
    else return entry.symbolMax[mid] as number;
  }
  return 0;
}

/** Value of `code` in a pairs array (block or heading), or 0. */
export function valueOf(values: Uint32Array, code: number): number {
  for (let i = 0; i < values.length; i += 2) if (values[i] === code) return values[i + 1] as number;
  return 0;
}
