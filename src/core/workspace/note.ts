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
import { ownString } from '../memo';
import { findFenceClose, fenceOpenAt } from '../note/blocks';
import { evidenceBlock, insideSpans } from '../note/codeEvidence';
import { LineIndex } from '../note/lines';
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import type { RawMention } from '../note/recognize';
import { findMentions } from '../note/recognize';
import type { OrphanPressure } from '../snapshot/pressure';
import { timelineOf } from '../report/timeline';
import { limitsOf } from '../report/limits';
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
const WHITESPACE = /\s/;

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


export interface Scan {
  readonly evidence: EvidenceBlock[];
  readonly sections: Section[];
  /** Offsets [start, end) of the lines that list sockets of other protocols only or conntrack entries (codeEvidence.ts CodeEvidence.notTcp), in order. */
  readonly notTcp: number[];
}

/** The fenced code blocks with evidence and the ATX sections of a note (exported for the index's equality test). */
export function scanBlocks(text: string, lines: LineIndex): Scan {
  const evidence: EvidenceBlock[] = [];
  const sections: Section[] = [];
  const notTcp: number[] = [];
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
        const ws = f.info.search(WHITESPACE); // the info string's first word (no array per block)
        const code = evidenceBlock(value, (ws < 0 ? f.info : f.info.slice(0, ws)) || null, text, lines, 0, 0, evidence.length, ls, end);
        if (code.block) evidence.push(code.block);
        if (code.notTcp) notTcp.push(...code.notTcp);
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
  return { evidence, sections, notTcp };
}

/**
 * Per-code tallies over ranges of the note's mentions, in one scratch array (no map per range): `add` counts,
 * `take` returns the (code, value) pairs, largest value first, then by code, and resets what it touched.
 */
class Tally {
  private readonly counts: Float64Array;
  private readonly touched: number[] = [];

  constructor(size: number) {
    this.counts = new Float64Array(size);
  }

  add(code: number, n: number): void {
    if (this.counts[code] === 0) this.touched.push(code);
    this.counts[code] = (this.counts[code] as number) + n;
  }

  has(code: number): boolean {
    return (this.counts[code] as number) > 0;
  }

  get size(): number {
    return this.touched.length;
  }

  /** Appends the pairs to `out` at `at` (or a new array) and resets; returns the array. */
  take(out?: Uint32Array, at = 0): Uint32Array {
    const t = this.touched;
    const c = this.counts;
    t.sort((a, b) => (c[b] as number) - (c[a] as number) || a - b);
    const arr = out ?? new Uint32Array(t.length * 2);
    for (let i = 0; i < t.length; i++) {
      const code = t[i] as number;
      arr[at + 2 * i] = code;
      arr[at + 2 * i + 1] = Math.min(c[code] as number, 0xffffffff);
      c[code] = 0;
    }
    t.length = 0;
    return arr;
  }
}

/** Indexes one note. Linear in its length (the recogniser, one line scan, evidence parsing of fenced blocks). */
export function indexNote(text: string, table: IdTable): NoteEntry {
  const lines = new LineIndex(text);
  const scan = scanBlocks(text, lines);
  // The states on lines that list sockets of other protocols only or conntrack entries are no TCP states (as in the note's model: zones.ts).
  const found = findMentions(text);
  const mentions = scan.notTcp.length === 0 ? found : found.filter((m) => m.kind !== 'state' || !insideSpans(scan.notTcp, m.start, m.end));
  const n = mentions.length;

  // Codes and positions (mentions are sorted by start, so one cursor walks the lines).
  const codes = new Uint32Array(n);
  const lineOf = new Uint32Array(n);
  const charOf = new Uint32Array(n);
  const starts = lines.lineStarts;
  let ln = 0;
  let lastId = '';
  let lastCode = -1;
  for (let i = 0; i < n; i++) {
    const m = mentions[i] as RawMention;
    // Listings repeat one id row after row: the last look-up answers most of them.
    if (m.id !== lastId || lastCode === -1) {
      lastId = m.id;
      lastCode = table.code(m.id, m.kind);
    }
    codes[i] = lastCode;
    const at = Math.max(0, Math.min(m.start, text.length));
    while (ln + 1 < starts.length && (starts[ln + 1] as number) <= at) ln++;
    lineOf[i] = ln;
    charOf[i] = at - (starts[ln] as number);
  }

  // Rows grouped by id code (a counting sort: within an id, by position).
  const size = table.size;
  const perCode = new Uint32Array(size + 1);
  for (let i = 0; i < n; i++) {
    const slot = (codes[i] as number) + 1;
    perCode[slot] = (perCode[slot] as number) + 1;
  }
  const idList: number[] = [];
  for (let c = 0; c < size; c++) if ((perCode[c + 1] as number) > 0) idList.push(c);
  for (let c = 0; c < size; c++) perCode[c + 1] = (perCode[c + 1] as number) + (perCode[c] as number);
  const rows = new Uint32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const code = codes[i] as number;
    const r = perCode[code] as number;
    perCode[code] = r + 1;
    const m = mentions[i] as RawMention;
    rows[3 * r] = lineOf[i] as number;
    rows[3 * r + 1] = charOf[i] as number;
    rows[3 * r + 2] = m.end - m.start;
  }
  const idEnds = new Uint32Array(idList.length);
  const ids = new Uint16Array(idList.length);
  for (let k = 0; k < idList.length; k++) {
    ids[k] = idList[k] as number;
    idEnds[k] = perCode[idList[k] as number] as number;
  }

  // Mentions per range (blocks, sections), by binary search over the sorted mentions.
  const firstAt = (offset: number): number => {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((mentions[mid] as RawMention).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const tally = new Tally(size);
  const states = new Tally(size);

  // The light model the report's timeline and limits read (they need the blocks, sections and lines only).
  const model: NoteModel = { text, lines, mentions: [], evidence: scan.evidence, sections: scan.sections, transitions: [], quiet: [] };
  const points = scan.evidence.length ? timelineOf(model) : [];
  const timeOf = new Map(points.map((p) => [p.line, p] as const));
  let dominant: NoteEntry['dominant'];
  const blocks: BlockEntry[] = scan.evidence.map((b) => {
    // The states the block counts, in STATE_IDS order (the dominant state's tie-break); no look-up of absent ones.
    const counted = Object.keys(b.counts);
    for (const s of counted.length ? STATE_IDS : []) {
      if (!counted.includes(s)) continue;
      const v = b.counts[s] as number;
      if (v <= 0) continue;
      states.add(table.code(s, 'state'), v);
      if (!dominant || v > dominant.count) dominant = { state: s, count: v };
    }
    for (let i = firstAt(b.start); i < n && (mentions[i] as RawMention).start < b.end; i++) {
      const code = codes[i] as number;
      if (table.kind(code) === 'state' || states.has(code)) continue;
      tally.add(code, 1);
    }
    const stateCount = states.size;
    const values = new Uint32Array(2 * (stateCount + tally.size));
    states.take(values, 0);
    tally.take(values, 2 * stateCount);
    const p = timeOf.get(b.startLine);
    const orphans = b.sockstat?.tcp?.orphan;
    return { line: lines.lineAt(b.start), endLine: b.endLine, values, stateCount, ...(orphans !== undefined ? { orphans } : {}), ...(p ? { time: p.time, minutes: p.minutes } : {}) };
  });
  // A section's mentions are its own (up to the next heading) plus its subsections': each mention is counted
  // once, then the sections' pairs are summed into their parents, last section first (children follow parents).
  const sections = scan.sections;
  const totals: Uint32Array[] = new Array<Uint32Array>(sections.length);
  for (let k = sections.length - 1; k >= 0; k--) {
    const s = sections[k] as Section;
    const ownEnd = k + 1 < sections.length ? (sections[k + 1] as Section).start : text.length;
    for (let i = firstAt(s.start); i < n && (mentions[i] as RawMention).start < ownEnd; i++) tally.add(codes[i] as number, 1);
    for (let c = k + 1; c < sections.length && (sections[c] as Section).start < s.end; c++) {
      if ((sections[c] as Section).parent !== k) continue;
      const child = totals[c] as Uint32Array;
      for (let j = 0; j < child.length; j += 2) tally.add(child[j] as number, child[j + 1] as number);
    }
    totals[k] = tally.take();
  }
  const headings: HeadingEntry[] = [];
  for (let k = 0; k < sections.length; k++) {
    const values = totals[k] as Uint32Array;
    if (values.length === 0) continue;
    const s = sections[k] as Section;
    headings.push({ line: lines.lineAt(s.start), depth: s.depth, title: ownString(inertTitle(s.title)), values });
  }
  let orphan: NoteEntry['orphan'];
  if (scan.evidence.some((b) => b.sockstat?.tcp)) {
    const l = limitsOf(model, points);
    orphan = { value: l.orphan, level: l.orphanLevel, ratio: l.orphanRatio };
  }
  // Each code's largest value in any block or heading (a running max in the scratch tally's array).
  const maxOf: number[] = new Array<number>(size).fill(0);
  let carried = 0;
  const carry = (values: Uint32Array): void => {
    for (let i = 0; i < values.length; i += 2) {
      const c = values[i] as number;
      const v = values[i + 1] as number;
      if ((maxOf[c] as number) === 0 && v > 0) carried++;
      if (v > (maxOf[c] as number)) maxOf[c] = v;
    }
  };
  for (const b of blocks) carry(b.values);
  for (const h of headings) carry(h.values);
  const symbolCodes = new Uint16Array(carried);
  const symbolMax = new Uint32Array(carried);
  for (let c = 0, k = 0; c < size && k < carried; c++) {
    if ((maxOf[c] as number) === 0) continue;
    symbolCodes[k] = c;
    symbolMax[k++] = maxOf[c] as number;
  }
  const timed = points.length ? [...points].sort((a, b) => a.minutes - b.minutes) : [];
  const first = timed[0];
  const last = timed[timed.length - 1];
  return {
    chars: text.length,
    rows,
    ids,
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
  const at = indexOfCode(entry.ids, code);
  if (at === -1) return new Uint32Array(0);
  const from = at === 0 ? 0 : (entry.idEnds[at - 1] as number);
  return entry.rows.subarray(3 * from, 3 * (entry.idEnds[at] as number));
}

/** Binary search: the index of `code` in the ascending `codes`, or -1. */
function indexOfCode(codes: ArrayLike<number>, code: number): number {
  let lo = 0;
  let hi = codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = codes[mid] as number;
    if (c < code) lo = mid + 1;
    else if (c > code) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** A note's largest value of `code` in any block or heading, or 0. */
export function symbolMaxOf(entry: NoteEntry, code: number): number {
  const at = indexOfCode(entry.symbolCodes, code);
  return at === -1 ? 0 : (entry.symbolMax[at] as number);
}

/** Value of `code` in a pairs array (block or heading), or 0. */
export function valueOf(values: Uint32Array, code: number): number {
  for (let i = 0; i < values.length; i += 2) if (values[i] === code) return values[i + 1] as number;
  return 0;
}
