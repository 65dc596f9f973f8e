/**
 * Which template variant to preselect, and which language a note is written in.
 * Pure: no `vscode`, no Node built-ins.
 */
import { MISTAKEN_FOR_ORPHAN, ORPHAN_PRONE } from '../catalogue/orphan';
import type { Lang, StateId } from '../catalogue/types';
import type { NoteModel } from '../note/model';
import { noteCounts } from '../report/currentCounts';
import type { TemplateSymptom } from './variants';

/**
 * States that select a variant. CLOSING maps to `general`: it is an orphan state, but rare, and its
 * usual cause (our FIN's ACK lost after a simultaneous close) is packet loss rather than the zero
 * window the FIN-WAIT-1 variant is built around; the general variant lists `ss -tano state closing`
 * among its checks. Every other state (ESTABLISHED, LISTEN, SYN-*, …) selects nothing.
 */
const STATE_TO_SYMPTOM: Partial<Record<StateId, TemplateSymptom>> = {
  'FIN-WAIT-1': 'fin-wait-1',
  'FIN-WAIT-2': 'fin-wait-2',
  'LAST-ACK': 'last-ack',
  CLOSING: 'general',
  'CLOSE-WAIT': 'close-wait',
  'TIME-WAIT': 'time-wait',
};

/** Tie-break order for equal counts: the orphan states (real orphans first), then those mistaken for orphans. */
const TIE_ORDER: readonly StateId[] = [...ORPHAN_PRONE, ...MISTAKEN_FOR_ORPHAN];

export function symptomForState(state: StateId): TemplateSymptom | undefined {
  return STATE_TO_SYMPTOM[state];
}

/**
 * The variant to preselect in the quick pick:
 * 1. the state under the cursor, when it maps to a variant;
 * 2. otherwise the mapped state with the largest positive count in the note's pasted output
 *    (ties: FIN-WAIT-1, LAST-ACK, CLOSING, FIN-WAIT-2, CLOSE-WAIT, TIME-WAIT);
 * 3. otherwise `general`.
 */
export function preselectSymptom(input: {
  stateAtCursor?: StateId;
  evidenceCounts?: Partial<Record<StateId, number>>;
}): TemplateSymptom {
  if (input.stateAtCursor) {
    const fromCursor = STATE_TO_SYMPTOM[input.stateAtCursor];
    if (fromCursor) return fromCursor;
  }
  const counts = input.evidenceCounts;
  if (counts) {
    let best: StateId | undefined;
    let bestCount = 0;
    for (const state of TIE_ORDER) {
      const n = counts[state];
      if (n === undefined || !Number.isFinite(n) || n <= 0) continue;
      if (n > bestCount) {
        best = state;
        bestCount = n;
      }
    }
    const fromCounts = best ? STATE_TO_SYMPTOM[best] : undefined;
    if (fromCounts) return fromCounts;
  }
  return 'general';
}

/**
 * preselectSymptom for a note: the state under the cursor, else the note's current counts — the ones the report
 * and the diagram show (report/currentCounts.ts: per state the latest count that covers it), not a sum over
 * every block, which let a pile-up fixed earlier in the note outweigh what the note ends with.
 */
export function preselectForNote(model: NoteModel, stateAtCursor?: StateId): TemplateSymptom {
  const evidenceCounts: Partial<Record<StateId, number>> = {};
  for (const [state, c] of noteCounts(model).counts) evidenceCounts[state] = c.count;
  return preselectSymptom({ ...(stateAtCursor ? { stateAtCursor } : {}), evidenceCounts });
}

/** Removes fenced code blocks (``` or ~~~, closed by a fence of the same char and at least the same length). */
function stripFencedCode(text: string): string {
  const out: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (m && m[1] !== undefined && m[1][0] === fence.char && m[1].length >= fence.length && (m[2] ?? '').trim() === '') {
        fence = undefined;
      }
      continue;
    }
    if (m && m[1] !== undefined && !(m[1][0] === '`' && (m[2] ?? '').includes('`'))) {
      fence = { char: m[1][0] as string, length: m[1].length };
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Prose only: no fenced code, inline code, link targets, bare URLs, HTML tags. Each pattern fails at once
 * where a match cannot start (a link target or tag holds no `(` or `<`), so a long line of `](` or `<`
 * costs linear time (issue #17: `[^)\n]*` rescanned the rest of such a line from every `](`).
 */
function proseOf(text: string): string {
  const noCode = stripFencedCode(text).replace(/`[^`\n]*`/g, ' ');
  return dropSpans(dropSpans(noCode, '](', 41 /* ) */, '] '), '<', 62 /* > */, ' ').replace(/\b(?:https?|ftp|file):\/\/\S+/gi, ' ');
}

/**
 * `text` with every span from `open` to the next `close` on the same line replaced by `by`, where the span
 * holds no line ending and no `open`'s last character (`(` of `](`, `<`). One pass: a scan stops at the next
 * opener, so no character is scanned twice (the regular expressions it replaces were quadratic).
 */
function dropSpans(text: string, open: string, close: number, by: string): string {
  const stop = open.charCodeAt(open.length - 1);
  let out = '';
  let from = 0;
  let at = text.indexOf(open);
  while (at !== -1) {
    let j = at + open.length;
    for (;;) {
      const c = text.charCodeAt(j);
      if (j >= text.length || c === 10 || c === 13 || c === stop || c === close) break;
      j++;
    }
    if (j < text.length && text.charCodeAt(j) === close) {
      out += text.slice(from, at) + by;
      from = j + 1;
      at = text.indexOf(open, from);
    } else at = text.indexOf(open, at + 1);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** How much of a note language detection reads: its language shows long before this. */
export const LANGUAGE_SAMPLE = 64 * 1024;

/** The first LANGUAGE_SAMPLE characters of `text`, cut after a line ending when there is one. */
function sample(text: string): string {
  if (text.length <= LANGUAGE_SAMPLE) return text;
  const head = text.slice(0, LANGUAGE_SAMPLE);
  const eol = Math.max(head.lastIndexOf('\n'), head.lastIndexOf('\r'));
  return eol > 0 ? head.slice(0, eol) : head;
}

/**
 * One Han character carries roughly as much as a short English word (~3 letters or more), so a
 * Chinese note full of English terms ("orphan socket", "FIN-WAIT-1") still counts as Chinese.
 */
const LATIN_LETTERS_PER_CJK = 3;

/**
 * 'zh-cn' when the note's prose is mostly Chinese: Han characters (and kana/hangul) weighted ×3
 * against Latin letters, after dropping fenced code, inline code, URLs and link targets.
 * Otherwise (including no prose at all) 'en'. Reads a bounded sample (LANGUAGE_SAMPLE), in linear time.
 */
export function detectNoteLanguage(text: string): Lang {
  const prose = proseOf(sample(text));
  const cjk = (prose.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu) ?? []).length;
  const latin = (prose.match(/\p{Script=Latin}/gu) ?? []).length;
  if (cjk === 0) return 'en';
  return cjk * LATIN_LETTERS_PER_CJK >= latin ? 'zh-cn' : 'en';
}
