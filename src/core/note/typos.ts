/**
 * Look-alikes of TCP state names (`LAST_LOCK`, `FIN_WAIT3`, `TIME_WAITE`, `CLOSE_WIAT`, `ESTABLISHD`) with a
 * suggestion written in the note's own spelling: the typo's separator (`-`, `_`, Markdown-escaped `\_`, none),
 * its case, and whether it separates the digit (`FIN_WAIT_3` → `FIN_WAIT_2`, `FIN_WAIT3` → `FIN_WAIT2`).
 * Pure: no `vscode`, no Node built-ins.
 *
 * The rules lean towards silence, because a false "typo" on a real identifier is worse than a missed one:
 * - Candidates are tokens shaped like the recogniser's (`TOKEN_PATTERN`), either ALL CAPS or lower-case with
 *   hyphens (the `ss` filter-keyword style `fin-wiat-1`). Lower-case tokens without a hyphen are prose or code
 *   (`closd`, `fin_wait3` as a variable), mixed case is code (`FinWiat1`): never flagged.
 * - A token with separators must contain a state word (`FIN`, `WAIT`, `ACK`, `LAST`, …) and have as many
 *   words as the suggestion (so `CLOSE-UP` is not "CLOSED"); a glued token (`ESTABLISHD`) must be at least
 *   7 letters and within one edit, so English words such as `CLOSER`, `LISTED`, `CLOSET` stay quiet.
 * - Edit distance (Damerau-Levenshtein, optimal string alignment) on the normalised form (upper case, no
 *   separators): ≤ 2, but ≤ 1 for short forms (≤ 6 letters), for glued tokens and for lower-case tokens.
 * - Never on real states (any spelling), their plurals (`TIME_WAITS`), states of neighbouring state machines
 *   and segment names that notes mention on purpose (nf_conntrack/IPVS `FIN_WAIT`, `SYN_SENT2`, `SYN_ACK`, …),
 *   identifiers with a code prefix (`TCP_`, `TCPF_`, `LINUX_MIB_`, `BPF_`, …) or glued to `(`, `.`, `::`, `$`,
 *   URLs, link destinations, image paths, reference definitions, HTML, and code blocks.
 * - Code blocks are skipped entirely, whatever their info string: a block with a language holds code, and a
 *   block without one (or `text`, `sh`, `console`) holds pasted tool output — the evidence the note rests on.
 *   Tools do not misspell their own state names, and "fixing" pasted output would falsify it. Inline code
 *   (`` `TIME_WAITE` ``) is checked: notes quote state names that way in prose.
 */
import { analyzeNote } from './analyze';
import type { NoteModel } from './model';
import { lookupStateSpelling, normaliseSpelling } from '../catalogue/spellings';
import { STATE_IDS, type StateId } from '../catalogue/types';
import { TOKEN_PATTERN } from './recognize';
import { insideUrl } from './urls';
import { editDistance } from '../editDistance';

export { editDistance } from '../editDistance';

export interface TypoSuggestion {
  /** The replacement, in the typo's own spelling style (`FIN_WAIT2`, `fin-wait-1`, `FIN\_WAIT\_2`). */
  readonly text: string;
  readonly state: StateId;
}

export interface Typo {
  /** UTF-16 offsets in the note text, end exclusive (the raw token, escapes included). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The preferred suggestion (same as `suggestions[0]`). */
  readonly suggestion: string;
  readonly suggestionId: StateId;
  /** One or two suggestions, best first (`FIN_WAIT3` → `FIN_WAIT2`, then `FIN_WAIT1`). */
  readonly suggestions: readonly TypoSuggestion[];
  /** The edit distance between the typo and the suggestions (normalised forms). */
  readonly distance: number;
}

/** Each normalised state spelling as words, so a suggestion can be rebuilt in the typo's style. */
const SPELLING_WORDS: ReadonlyArray<readonly [readonly string[], StateId]> = [
  [['CLOSED'], 'CLOSED'],
  [['CLOSE'], 'CLOSED'],
  [['UNCONN'], 'CLOSED'],
  [['UNCONNECTED'], 'CLOSED'],
  [['LISTEN'], 'LISTEN'],
  [['LISTENING'], 'LISTEN'],
  [['SYN', 'SENT'], 'SYN-SENT'],
  [['SYN', 'RECV'], 'SYN-RECEIVED'],
  [['SYN', 'RCVD'], 'SYN-RECEIVED'],
  [['SYN', 'RECEIVED'], 'SYN-RECEIVED'],
  [['ESTABLISHED'], 'ESTABLISHED'],
  [['ESTAB'], 'ESTABLISHED'],
  [['FIN', 'WAIT', '1'], 'FIN-WAIT-1'],
  [['FIN', 'WAIT', '2'], 'FIN-WAIT-2'],
  [['CLOSE', 'WAIT'], 'CLOSE-WAIT'],
  [['CLOSING'], 'CLOSING'],
  [['LAST', 'ACK'], 'LAST-ACK'],
  [['TIME', 'WAIT'], 'TIME-WAIT'],
  [['NEW', 'SYN', 'RECV'], 'NEW-SYN-RECV'],
  [['BOUND', 'INACTIVE'], 'BOUND-INACTIVE'],
];

interface Candidate {
  readonly words: readonly string[];
  readonly state: StateId;
  readonly normalised: string;
  readonly letterWords: number;
  readonly digit?: number;
}

const CANDIDATES: readonly Candidate[] = SPELLING_WORDS.map(([words, state]) => {
  const digit = words.find((w) => /^\d+$/.test(w));
  return {
    words,
    state,
    normalised: words.join(''),
    letterWords: words.filter((w) => /[A-Z]/.test(w)).length,
    ...(digit ? { digit: Number(digit) } : {}),
  };
});

/** Words that make a separated token "state-shaped". */
const STATE_WORDS: ReadonlySet<string> = new Set(
  SPELLING_WORDS.flatMap(([words]) => words.filter((w) => /[A-Z]/.test(w))).concat(['SEND', 'TIMED']),
);

/**
 * Normalised forms that are not TCP states but are written on purpose: states of nf_conntrack and IPVS
 * (`FIN_WAIT`, `SYN_SENT2`), SCTP states, segment names, inotify events printed by inotifywait.
 */
const KNOWN_OTHER: ReadonlySet<string> = new Set([
  'FINWAIT',
  'SYNSENT2',
  'SYNACK',
  'FINACK',
  'RSTACK',
  'PSHACK',
  'SYNFLOOD',
  'SYNCOOKIE',
  'SYNCOOKIES',
  'COOKIEWAIT',
  'COOKIEECHOED',
  'CLOSEWRITE',
  'CLOSENOWRITE',
]);

/** Glued upper-case English words within one edit of a state. */
const ENGLISH_NEAR: ReadonlySet<string> = new Set(['ESTABLISHES', 'GLISTENING']);

/** First words of code identifiers that embed state names (`TCP_TIMEWAIT_LEN`, `LINUX_MIB_TIMEWAITED`). */
const IDENTIFIER_PREFIXES: ReadonlySet<string> = new Set([
  'TCP',
  'TCPF',
  'TCPS',
  'TCPI',
  'TCPSTATE',
  'BPF',
  'MIB',
  'LINUX',
  'SK',
  'SOCK',
  'NF',
  'IPS',
  'IN',
  'SCTP',
  'DCCP',
]);

const MAX_TOKEN_LENGTH = 40;
/** A character that can be part of a TOKEN_PATTERN match. */
const TOKEN_CHAR = /[A-Za-z0-9_\\\-\uFF3F\uFF0D]/;
const UPPER_OR_HYPHEN = /[A-Z\-\uFF0D]/;
const FULL_WIDTH_OR_ESCAPE = /[\\\uFF3F\uFF0D]/;
const MAX_SUGGESTIONS = 2;


interface Style {
  readonly separator: '' | '-' | '_' | '\\_';
  readonly lower: boolean;
  /** Whether a digit gets its own separator (`FIN_WAIT_1`) or is glued (`FIN_WAIT1`). */
  readonly digitSeparated: boolean;
}

function styleOf(raw: string, token: string, lower: boolean): Style {
  const separator: Style['separator'] = raw.includes('\\_') ? '\\_' : token.includes('-') ? '-' : token.includes('_') ? '_' : '';
  const digit = /[-_](\d+)$/.test(token) ? true : /\d$/.test(token) ? false : separator === '-';
  return { separator, lower, digitSeparated: digit };
}

/** Writes a candidate in the typo's style: separator, case, digit separation. */
function render(words: readonly string[], style: Style): string {
  let out = '';
  words.forEach((w, i) => {
    if (i > 0) out += /^\d+$/.test(w) && !style.digitSeparated ? '' : style.separator;
    out += w;
  });
  return style.lower ? out.toLowerCase() : out;
}

/** The whitespace-delimited word around [start, end) is a URL (bounded look-around). */
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}

/** Glued to code punctuation: `f(`, `x.FIN_WAIT3`, `FIN_WAIT3.y`, `ns::X`, `X::`, `$VAR`, `--OPTION`. */
function gluedToCode(text: string, start: number, end: number): boolean {
  const after = text[end];
  const before = text[start - 1];
  if (after === '(') return true;
  if (after === '.' && isWordChar(text[end + 1])) return true;
  if (before === '.' && isWordChar(text[start - 2])) return true;
  if (text.startsWith('::', end) || (start >= 2 && text.startsWith('::', start - 2))) return true;
  if (before === '$' || before === '@' || before === '-') return true;
  if (text.startsWith('->', start - 2)) return true;
  return false;
}

interface Pending {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly suggestions: readonly TypoSuggestion[];
  readonly distance: number;
}

/** Suggestions for one token, or undefined when the token is not a look-alike. Pure token-level rules. */
export function suggestStates(raw: string): { suggestions: TypoSuggestion[]; distance: number } | undefined {
  if (raw.length < 4 || raw.length > MAX_TOKEN_LENGTH) return undefined;
  // Cheap exit for the bulk of a note: lower-case prose words without a hyphen.
  if (!UPPER_OR_HYPHEN.test(raw)) return undefined;
  // Escapes out; the full-width `＿` / `－` read as `_` / `-` (recognize.ts TOKEN_PATTERN), so a suggestion is ASCII.
  const token = FULL_WIDTH_OR_ESCAPE.test(raw) ? raw.replace(/\\/g, '').replace(/\uFF3F/g, '_').replace(/\uFF0D/g, '-') : raw;
  const letters = token.replace(/[^A-Za-z]/g, '');
  if (letters.length < 3) return undefined;
  const upper = letters === letters.toUpperCase();
  const lower = letters === letters.toLowerCase();
  if (!upper && !lower) return undefined;
  const separated = /[-_]/.test(token);
  if (lower && !token.includes('-')) return undefined;
  if (lookupStateSpelling(token)) return undefined;
  if (/s$/i.test(token) && lookupStateSpelling(token.slice(0, -1))) return undefined;
  const normalised = normaliseSpelling(token);
  if (KNOWN_OTHER.has(normalised) || ENGLISH_NEAR.has(normalised)) return undefined;
  const words = token.toUpperCase().match(/[A-Z]+/g) ?? [];
  const firstSegment = token.toUpperCase().split(/[-_]/)[0] ?? '';
  if (separated && IDENTIFIER_PREFIXES.has(firstSegment)) return undefined;
  let max: number;
  if (separated) {
    if (!words.some((w) => STATE_WORDS.has(w))) return undefined;
    max = lower || normalised.length <= 6 ? 1 : 2;
  } else {
    if (normalised.length < 7) return undefined;
    max = 1;
  }
  let best = max + 1;
  const hits: { candidate: Candidate; distance: number }[] = [];
  for (const candidate of CANDIDATES) {
    if (separated && candidate.letterWords !== words.length) continue;
    const d = editDistance(normalised, candidate.normalised, Math.min(max, best));
    if (d > max || d > best) continue;
    if (d < best) {
      best = d;
      hits.length = 0;
    }
    hits.push({ candidate, distance: d });
  }
  if (hits.length === 0 || best === 0) return undefined;
  const style = styleOf(raw, token, lower && !upper);
  const typedDigit = /(\d+)$/.exec(token)?.[1];
  const closeness = (c: Candidate) => (typedDigit !== undefined && c.digit !== undefined ? Math.abs(Number(typedDigit) - c.digit) : 0);
  hits.sort((a, b) => closeness(a.candidate) - closeness(b.candidate) || STATE_IDS.indexOf(a.candidate.state) - STATE_IDS.indexOf(b.candidate.state));
  const suggestions: TypoSuggestion[] = [];
  for (const { candidate } of hits) {
    if (suggestions.some((s) => s.state === candidate.state)) continue;
    const text = render(candidate.words, style);
    // A suggestion must itself be a recognised spelling of the state; otherwise say nothing.
    if (lookupStateSpelling(text.replace(/\\/g, ''))?.state !== candidate.state) continue;
    suggestions.push({ text, state: candidate.state });
    if (suggestions.length === MAX_SUGGESTIONS) break;
  }
  return suggestions.length ? { suggestions, distance: best } : undefined;
}

function overlapsAny(sorted: readonly { start: number; end: number }[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = sorted[mid] as { start: number; end: number };
    if (m.end <= start) lo = mid + 1;
    else if (m.start >= end) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Sorted, disjoint union of spans. */
function mergeSpans(spans: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Every look-alike of a TCP state in a note, sorted by start. `model` (the note's analysis, when the caller
 * has it cached) lets the scan skip evidence blocks, recognised mentions and quiet spans without analysing the
 * note again; without it, the note is analysed only when a candidate survives the token rules, which most
 * notes never reach.
 */
export function findStateTypos(text: string, model?: NoteModel): Typo[] {
  const evidence = model?.evidence ?? [];
  const pending: Pending[] = [];
  const tokens = new RegExp(TOKEN_PATTERN.source, 'g');
  let block = 0;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    while (block < evidence.length && (evidence[block] as { end: number }).end <= start) block++;
    const ev = evidence[block];
    if (ev && ev.start <= start) {
      // Skip the rest of the block in one step when no token can run across its end: the scan then meets
      // exactly the tokens it would have met after stepping through the block.
      if (!TOKEN_CHAR.test(text.charAt(ev.end - 1)) && tokens.lastIndex < ev.end) tokens.lastIndex = ev.end;
      continue;
    }
    const hit = suggestStates(raw);
    if (!hit) continue;
    if (gluedToCode(text, start, end) || insideUrl(text, start, end)) continue;
    pending.push({ start, end, raw, ...hit });
  }
  if (pending.length === 0) return [];
  // The quiet spans (code, HTML, link destinations…) come from the note's analysis, as its mentions do.
  const analysed = model && !model.partial ? model : analyzeNote(text);
  const mentions = analysed.mentions;
  const spans = mergeSpans(analysed.quiet);
  const out: Typo[] = [];
  let k = 0;
  for (const p of pending) {
    // Both lists are sorted: one forward sweep over the quiet spans.
    while (k < spans.length && (spans[k] as [number, number])[1] <= p.start) k++;
    const span = spans[k];
    if (span && span[0] < p.end) continue;
    if (overlapsAny(mentions, p.start, p.end)) continue;
    const first = p.suggestions[0] as TypoSuggestion;
    out.push({
      start: p.start,
      end: p.end,
      text: p.raw,
      suggestion: first.text,
      suggestionId: first.state,
      suggestions: p.suggestions,
      distance: p.distance,
    });
  }
  return out;
}
