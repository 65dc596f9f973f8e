/**
 * Fast path: a piece that is one column-0 fenced code block (pasted `ss` output, say), built without remark.
 * Pure: no `vscode`, no Node built-ins.
 */
import { afterTerminator, findFenceClose, isBlank, lineEndAt, type FenceOpen } from './blocks';
import { evidenceBlock } from './codeEvidence';
import { LineIndex } from './lines';
import { parseMarkdown } from './markdown';
import { detach, type Piece } from './piece';
import { findMentions } from './recognize';
import { findTransitions } from './transitions';
import { classify, quietSpans, type Zone } from './zones';

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
  const { block, notTcp } = evidenceBlock(value, lang, src, lines, start, startLine, evidenceBase, 0, nodeEnd - start);
  const zones: Zone[] = [{ start: 0, end: nodeEnd - start, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}), notTcp }];
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
    quiet: quietSpans(zones, start),
    definitions: [],
  };
}
