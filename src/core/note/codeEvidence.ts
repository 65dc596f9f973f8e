/**
 * The evidence block of a code block: its content parsed as tool output (`ss`, `netstat`, sockstat, …) by
 * evidence/parse.ts, placed in the note (offsets, lines, index). Pure: no `vscode`, no Node built-ins.
 */
import { mergeSegments, parseEvidenceAt } from '../evidence/parse';
import type { LineIndex } from './lines';
import type { EvidenceBlock } from './model';

const NOT_SPACE = /\S/;
const FENCED_LINE = /^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]*)?(?:```|~~~)/;

/** What a code node's content holds: its evidence block, and where it lists sockets of other protocols only (or conntrack entries). */
export interface CodeEvidence {
  /** Undefined when the content holds no recognisable output. */
  readonly block?: EvidenceBlock;
  /**
   * [start, end) local offsets in `src` of the lines that list sockets of other protocols only or conntrack entries (evidence/parse.ts
   * `others`: `ss -uan` output, a listing with UNCONN rows and no command): state words there are no TCP states.
   */
  readonly notTcp?: readonly number[];
}

const NOTHING: CodeEvidence = {};

/**
 * The evidence of a code node (see CodeEvidence). `start`/`end` are local offsets in `src`; `lineBase` is the note
 * line of src's first line.
 */
export function evidenceBlock(value: string, lang: string | null, src: string, lines: LineIndex, base: number, lineBase: number, index: number, start: number, end: number): CodeEvidence {
  if (!NOT_SPACE.test(value)) return NOTHING; // only whitespace (`!value.trim()`, without the trimmed copy)
  // Fenced code starts one line below its opening fence; indented code starts on its own first line.
  const firstLine = lines.lineAt(start);
  const fenced = FENCED_LINE.test(lines.lineText(firstLine)) || src.startsWith('```', start) || src.startsWith('~~~', start);
  const startLine = lineBase + (fenced ? firstLine + 1 : firstLine);
  // Segments numbered in note lines from the start (no copy of each one shifted afterwards).
  const { segments, lineCount, others } = parseEvidenceAt(value, startLine);
  const notTcp = others.length === 0 ? undefined : localSpans(others, lines, lineBase);
  if (segments.length === 0) return { notTcp };
  const merged = mergeSegments(segments);
  const { counts, listed, sockstat, counters, sysctls } = merged;
  const endLine = startLine + lineCount;
  // Two literal shapes (with and without sockstat), no spread of a temporary object: same keys, same order.
  const block: EvidenceBlock = sockstat
    ? { index, start: start + base, end: end + base, startLine, endLine, lang, segments, counts, listed, sockstat, counters, sysctls }
    : { index, start: start + base, end: end + base, startLine, endLine, lang, segments, counts, listed, counters, sysctls };
  return { block, notTcp };
}

/** [first, end) note lines as [start, end) offsets in `src` (whose first line is note line `lineBase`). */
function localSpans(noteLines: readonly number[], lines: LineIndex, lineBase: number): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < noteLines.length; i += 2) {
    const first = (noteLines[i] as number) - lineBase;
    const last = (noteLines[i + 1] as number) - lineBase - 1;
    if (first < 0 || last < first || last >= lines.lineCount) continue;
    out.push(lines.lineStarts[first] as number, lines.lineEnd(last));
  }
  return out;
}

/** Whether [start, end) lies in one of the spans (CodeEvidence.notTcp, sorted). */
export function insideSpans(spans: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[2 * mid + 1] as number) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length / 2 && (spans[2 * lo] as number) <= start && end <= (spans[2 * lo + 1] as number);
}
