/**
 * Fast path: plain-text analysis of a stretch too large for remark (a raw paste of tens of thousands of lines
 * with no blank line; remark's cost grows faster than linearly on one huge paragraph). The one place the
 * model is approximate: contexts are `prose` or `heading`, and only code blocks are quiet.
 * Pure: no `vscode`, no Node built-ins.
 */
import { afterTerminator, lineEndAt } from './blocks';
import { evidenceBlock } from './codeEvidence';
import { LineIndex } from './lines';
import type { EvidenceBlock } from './model';
import { detach, type Heading, type Piece } from './piece';
import { findMentions } from './recognize';
import { atxContent } from './simple';
import { findTransitions } from './transitions';
import { classify, quietSpans, type Zone } from './zones';

/** A stretch between two candidates longer than this is analysed as plain text (UTF-16 code units). */
export const PLAIN_LIMIT = 64 * 1024;

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
    const { block, notTcp } = evidenceBlock(value, info.split(/[ \t]/)[0] || null, src, lines, start, startLine, evidenceBase + evidence.length, runStart, nodeEnd);
    if (block) evidence.push(block);
    zones.push({ start: runStart, end: nodeEnd, kind: 'code-block', ...(block ? { evidenceIndex: block.index } : {}), notTcp });
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
  return { start, end, startLine, evidenceBase, mode: 'plain', hard, mentions, evidence, headings, transitions: findTransitions(mentions, text), quiet: quietSpans(zones, start), definitions: [] };
}
