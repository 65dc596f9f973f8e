/**
 * The evidence block of a code block: its content parsed as tool output (`ss`, `netstat`, sockstat, …) by
 * evidence/parse.ts, placed in the note (offsets, lines, index). Pure: no `vscode`, no Node built-ins.
 */
import { mergeSegments, parseEvidenceAt } from '../evidence/parse';
import type { LineIndex } from './lines';
import type { EvidenceBlock } from './model';

const NOT_SPACE = /\S/;
const FENCED_LINE = /^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]*)?(?:```|~~~)/;

/**
 * The evidence block of a code node, or undefined when its content holds no recognisable output.
 * `start`/`end` are local offsets in `src`; `lineBase` is the note line of src's first line.
 */
export function evidenceBlock(value: string, lang: string | null, src: string, lines: LineIndex, base: number, lineBase: number, index: number, start: number, end: number): EvidenceBlock | undefined {
  if (!NOT_SPACE.test(value)) return undefined; // only whitespace (`!value.trim()`, without the trimmed copy)
  // Fenced code starts one line below its opening fence; indented code starts on its own first line.
  const firstLine = lines.lineAt(start);
  const fenced = FENCED_LINE.test(lines.lineText(firstLine)) || src.startsWith('```', start) || src.startsWith('~~~', start);
  const startLine = lineBase + (fenced ? firstLine + 1 : firstLine);
  // Segments numbered in note lines from the start (no copy of each one shifted afterwards).
  const { segments, lineCount } = parseEvidenceAt(value, startLine);
  if (segments.length === 0) return undefined;
  const merged = mergeSegments(segments);
  const { counts, listed, sockstat, counters, sysctls } = merged;
  const endLine = startLine + lineCount;
  // Two literal shapes (with and without sockstat), no spread of a temporary object: same keys, same order.
  return sockstat
    ? { index, start: start + base, end: end + base, startLine, endLine, lang, segments, counts, listed, sockstat, counters, sysctls }
    : { index, start: start + base, end: end + base, startLine, endLine, lang, segments, counts, listed, counters, sysctls };
}
