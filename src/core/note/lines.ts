/** Offset ↔ (line, character) in UTF-16 code units, 0-based, as VS Code counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export class LineIndex {
  /** Offsets at which each line starts. A line ends before `\n`, `\r\n` or a lone `\r` (as in VS Code and CommonMark). */
  readonly lineStarts: readonly number[];

  /** `lineStarts` may be given when already known (an incremental update derives them from the old ones). */
  constructor(
    readonly text: string,
    lineStarts?: readonly number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    this.lineStarts = lineStartsOf(text, 0, text.length, [0]);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - (this.lineStarts[line] ?? 0) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.lineEnd(position.line));
  }

  /** Offset of the end of a line's content (before `\r\n` / `\n` / `\r`). */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    // The terminator before `next`: `\n`, `\r\n` or a lone `\r` (one character unless it is `\r\n`).
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    const start = this.lineStarts[line];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEnd(line));
  }
}

/**
 * Appends to `out` the start of every line that begins in (start, end]: after each `\n`, `\r\n` or lone
 * `\r` in [start, end). Native search for `\n` when the text has no `\r` (the usual case), one linear pass
 * otherwise. A `\r` at end - 1 followed by `\n` is left to the `\n`.
 */
export function lineStartsOf(text: string, start: number, end: number, out: number[]): number[] {
  const cr = text.indexOf('\r', start);
  if (cr === -1 || cr >= end) {
    for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) out.push(i + 1);
    return out;
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) out.push(i + 1);
  }
  return out;
}
