/**
 * Where a note shows connect() failing with EADDRNOTAVAIL — "Cannot assign requested address" (glibc's zh_CN:
 * 无法指定被请求的地址) — the error __inet_hash_connect() returns when no local port in ip_local_port_range is free
 * for the destination (net/ipv4/inet_hashtables.c). Only quoted output counts: a code block or a code span, as a
 * note pastes a log line; a sentence may say the error did not happen. A line that names bind() or listen and not
 * connect is another error with the same text (binding an address the host does not have).
 * Pure: no `vscode`, no Node built-ins. Linear in the note.
 */
import type { NoteModel, OffsetRange, QuietSpan } from '../note/model';

/** The error in its spellings (literal alternatives: linear). */
export const CONNECT_ERROR_PATTERN = /cannot assign requested address|EADDRNOTAVAIL|无法指定被请求的地址/gi;
const BIND_OR_LISTEN = /\bbind\b|bind\(|bindexception|\blisten\b/i;
const CONNECT = /connect/i;

/** Lines kept at most (the rule needs one; the report names the first). */
const MAX_LINES = 100;

/** Whether `offset` is inside one of the sorted, disjoint spans (binary search). */
function inSpans(spans: readonly QuietSpan[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = spans[mid] as QuietSpan;
    if (offset < a) hi = mid - 1;
    else if (offset >= b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Whether `column` of `line` is inside a code span: an odd number of backticks before it on the line. */
function inCodeSpan(line: string, column: number): boolean {
  let ticks = 0;
  for (let i = 0; i < column; i++) if (line.charCodeAt(i) === 96) ticks++;
  return ticks % 2 === 1 && line.indexOf('`', column) >= 0;
}

/** The 0-based lines of the note (of `range`) that quote connect() failing with EADDRNOTAVAIL, in note order. */
export function connectErrorLines(model: NoteModel, range?: OffsetRange): number[] {
  const out: number[] = [];
  const re = new RegExp(CONNECT_ERROR_PATTERN.source, CONNECT_ERROR_PATTERN.flags);
  const text = range ? model.text.slice(0, range.end) : model.text;
  re.lastIndex = range?.start ?? 0;
  for (let m = re.exec(text); m && out.length < MAX_LINES; m = re.exec(text)) {
    const line = model.lines.lineAt(m.index);
    if (out[out.length - 1] === line) continue;
    const lineText = model.lines.lineText(line);
    if (BIND_OR_LISTEN.test(lineText) && !CONNECT.test(lineText)) continue;
    const column = model.lines.positionAt(m.index).character;
    if (inSpans(model.quiet, m.index) || inCodeSpan(lineText, column)) out.push(line);
  }
  return out;
}
