/**
 * Finds mentions of TCP states, sysctls, counters, sockstat fields and kernel messages on the RAW note text,
 * with exact UTF-16 ranges. The remark tree is used later (zones.ts) only to classify where each hit
 * stands and to drop hits inside link destinations, HTML tags and the like.
 *
 * Every regular expression here is linear: no nested quantifiers, no alternation under a quantifier that can
 * overlap, no quantifier that can give back what a later token needs (test/unit/redos.test.ts runs
 * redos-detector on each of them). Look-arounds never leave the line, so a scan of a range of whole lines
 * finds what a scan of the whole text finds there.
 */
import { ENGLISH_WORD_STATES, lookupStateSpelling, PROC_NET_TCP_HEX, SS_AGGREGATES, type SpellingFamily } from '../catalogue/spellings';
import type { StateId, TermKind } from '../catalogue/types';
import { TERMS } from '../catalogue/terms';

export type MentionKind = 'state' | 'aggregate' | TermKind;

export interface RawMention {
  /** UTF-16 offsets in the note text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: MentionKind;
  /** StateId for states; term id for terms; the keyword for ss aggregates. */
  readonly id: string;
  /** For states: the spelling families of `text`. */
  readonly families?: readonly SpellingFamily[];
  /** For aggregates: the states the keyword expands to. */
  readonly states?: readonly StateId[];
}

/**
 * Word-ish tokens: letters/digits/underscore, with internal hyphens (`FIN-WAIT-1`, `syn-recv`) and Markdown
 * escapes (`FIN\_WAIT\_2` renders as FIN_WAIT_2, so it is matched with its exact raw range).
 */
export const TOKEN_PATTERN = /[A-Za-z0-9_]+(?:(?:-|\\_)[A-Za-z0-9_]+)*/g;

/** Upper-case figure labels and prose with spaces: `FIN WAIT 2`, `LAST ACK`, `SYN RCVD`, `FIN WAIT-1`. */
export const SPACED_PATTERN =
  /(?<![A-Za-z0-9_-])(?:SYN (?:SENT|SEND|RCVD|RECV|RECEIVED)|FIN WAIT[ _-]?[12]|FINWAIT [12]|CLOSE WAIT|LAST ACK|TIMED? WAIT|NEW SYN RECV|BOUND INACTIVE)(?![A-Za-z0-9_])/g;

/** The line contains an `ss` invocation before the keyword (`sudo ss`, `; ss`, `$(ss …)`). */
export const SS_COMMAND = /(?:^|[\s;|&`$(])ss(?=\s)/;

/** /proc/net/tcp rows: `  0: 0100007F:1F90 00000000:0000 0A …` — the 4th field is the state in hex. */
export const PROC_ROW_PATTERN = /^[ \t]*\d+:[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+([0-9A-Fa-f]{2})(?=[ \t])/gm;

/** `TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150` (sockstat) and `TCP6: inuse 8`. */
export const SOCKSTAT_LINE_PATTERN = /^[ \t]*TCP6?:[ \t]+inuse[ \t]+\d+[^\n\r]*/gm;
/** `sockets: used 1234` */
export const SOCKETS_USED_PATTERN = /^[ \t]*sockets:[ \t]+used(?=[ \t]+\d)/gm;
/** `TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)` (ss -s). */
export const SS_SUMMARY_LINE_PATTERN = /^[ \t]*TCP:[ \t]+\d+[ \t]+\([^\n\r)]*\)/gm;
export const SOCKSTAT_FIELD = /\b(inuse|orphan|tw|alloc|mem)[ \t]+(?=\d)/g;
export const SS_SUMMARY_FIELD = /\b(orphaned|timewait)[ \t]+(?=\d)/g;

/** sysctl keys, bare (`tcp_max_orphans`), dotted (`net.ipv4.…`), slashed (`/proc/sys/net/ipv4/…`). */
export const SYSCTL_PATTERN = /(?<![\w./-])(?:net\.ipv4\.|\/proc\/sys\/net\/ipv4\/|net\/ipv4\/)?(tcp_[a-z0-9_]+)(?![\w])/g;

const SYSCTL_NAMES: ReadonlyMap<string, string> = new Map(
  TERMS.filter((t) => t.kind === 'sysctl').map((t) => [t.id.replace(/^net\.ipv4\./, ''), t.id] as const),
);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Counter names: `TcpExtTCPAbortOnMemory` or `TCPAbortOnMemory` (as in /proc/net/netstat). Case-sensitive. */
const COUNTER_IDS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const t of TERMS) {
    if (t.kind !== 'counter') continue;
    m.set(t.id, t.id);
    if (t.id.startsWith('TcpExt')) m.set(t.id.slice('TcpExt'.length), t.id);
  }
  return m;
})();
/**
 * A regular expression source matching exactly `words`, factored as a trie (`TCP(?:Abort(?:OnMemory|…)|…)`):
 * one path per prefix, so the engine never re-reads a character for another alternative. Optional tails are
 * greedy, so the longest word wins, as a longest-first alternation would.
 */
export function trieSource(words: readonly string[]): string {
  interface TrieNode {
    end: boolean;
    readonly kids: Map<string, TrieNode>;
  }
  const root: TrieNode = { end: false, kids: new Map() };
  for (const w of words) {
    let n = root;
    for (const c of w) {
      let k = n.kids.get(c);
      if (!k) {
        k = { end: false, kids: new Map() };
        n.kids.set(c, k);
      }
      n = k;
    }
    n.end = true;
  }
  const emit = (n: TrieNode): string => {
    const alts = [...n.kids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([c, k]) => {
      let s = escapeRegExp(c);
      let m = k;
      while (!m.end && m.kids.size === 1) {
        const [c2, k2] = [...m.kids][0] as [string, TrieNode];
        s += escapeRegExp(c2);
        m = k2;
      }
      return s + emit(m);
    });
    if (alts.length === 0) return '';
    const body = alts.length === 1 ? (alts[0] as string) : `(?:${alts.join('|')})`;
    return n.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

export const COUNTER_PATTERN = new RegExp(`(?<![\\w])${trieSource([...COUNTER_IDS.keys()])}(?![\\w])`, 'g');

/** Phrases matched case-insensitively: kernel log messages and the `netstat -s` wordings of counters. */
const PHRASES: ReadonlyMap<string, { id: string; kind: TermKind }> = (() => {
  const m = new Map<string, { id: string; kind: TermKind }>();
  for (const t of TERMS) {
    if (t.kind !== 'message' && t.kind !== 'counter') continue;
    for (const a of t.aliases) {
      // Counter aliases that are bare names are handled by COUNTER_PATTERN; phrases have a space.
      if (t.kind === 'counter' && !a.includes(' ')) continue;
      m.set(a.toLowerCase(), { id: t.id, kind: t.kind });
    }
  }
  return m;
})();
/**
 * One pattern per phrase, each with the optional `TCP: ` of kernel log lines (one alternation of all of them
 * is too large for the ReDoS checker to prove linear; each one alone is trivially so).
 */
export const PHRASE_PATTERNS: readonly RegExp[] = [...PHRASES.keys()].map((p) => new RegExp(`(?:TCP: )?${escapeRegExp(p)}`, 'gi'));

const KIND_PRIORITY: Record<MentionKind, number> = {
  message: 5,
  sockstat: 4,
  counter: 3,
  sysctl: 3,
  aggregate: 2,
  state: 1,
};

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

/** True when the whitespace-delimited word around [start, end) is a URL (bounded look-around). */
export function insideUrl(text: string, start: number, end: number): boolean {
  let s = start;
  const min = Math.max(0, start - 512);
  while (s > min && !isSpace(text.charCodeAt(s - 1))) s--;
  let e = end;
  const max = Math.min(text.length, end + 64);
  while (e < max && !isSpace(text.charCodeAt(e))) e++;
  // Cheap exit first: every URL form below needs a `:` or a `.` in the word (bounded scan, no regex).
  let maybe = false;
  for (let i = s; i < e && !maybe; i++) {
    const c = text.charCodeAt(i);
    maybe = c === 58 || c === 46;
  }
  if (!maybe) return false;
  const word = text.slice(s, e);
  return hasScheme(word) || /(?:^|[^\w])www\./i.test(word) || /\bmailto:/i.test(word);
}

/** `scheme://` somewhere in `word`: a letter, then letters, digits, `+`, `.` or `-`, then `://`. */
function hasScheme(word: string): boolean {
  for (let at = word.indexOf('://'); at !== -1; at = word.indexOf('://', at + 1)) {
    for (let i = at - 1; i >= 0; i--) {
      const c = word.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
      const other = (c >= 48 && c <= 57) || c === 0x2b || c === 0x2e || c === 0x2d; // digit + . -
      if (!other) break;
    }
  }
  return false;
}

/** `\s` for the characters that matter around a word (ASCII whitespace, NBSP, the Unicode spaces and line separators). */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return code === 160 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Up to 400 characters before `pos` on its line (bounded: a 5 MB line costs no more than a short one). */
function lineBefore(text: string, pos: number): string {
  const min = Math.max(0, pos - 400);
  let s = pos;
  while (s > min) {
    const c = text.charCodeAt(s - 1);
    if (c === 10 || c === 13) break;
    s--;
  }
  return text.slice(s, pos);
}

/** `… state ` / `… exclude `: the word before a lower-case filter keyword, after a space or `(`. */
function endsWithFilterKeyword(before: string): boolean {
  const t = before.trimEnd();
  if (t.length === before.length) return false; // the keyword needs whitespace after it
  for (const k of ['state', 'exclude']) {
    if (!t.endsWith(k)) continue;
    const i = t.length - k.length;
    if (i === 0) return true;
    const c = t.charAt(i - 1);
    if (c === '(' || c.trim() === '') return true;
  }
  return false;
}

function ssFilterContext(text: string, start: number): boolean {
  const before = lineBefore(text, start);
  return endsWithFilterKeyword(before) && SS_COMMAND.test(before);
}

function isUpper(s: string): boolean {
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

/**
 * lookupStateSpelling, memoised: pasted listings repeat the same few tokens (`ESTAB`, `FIN-WAIT-1`, `tcp`)
 * thousands of times. Bounded so a note of unique words cannot grow it without limit.
 */
const SPELLING_CACHE = new Map<string, ReturnType<typeof lookupStateSpelling> | null>();
const SPELLING_CACHE_MAX = 8192;
function cachedSpelling(token: string): ReturnType<typeof lookupStateSpelling> {
  const hit = SPELLING_CACHE.get(token);
  if (hit !== undefined) return hit ?? undefined;
  const found = lookupStateSpelling(token);
  if (SPELLING_CACHE.size >= SPELLING_CACHE_MAX) SPELLING_CACHE.clear();
  SPELLING_CACHE.set(token, found ?? null);
  return found;
}

/** Runs a global pattern over the whole text. */
function eachMatch(pattern: RegExp, text: string, f: (m: RegExpExecArray) => void): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    f(m);
    if (m[0].length === 0) pattern.lastIndex++;
  }
}

function stateMentionsFromTokens(text: string, out: RawMention[]): void {
  eachMatch(TOKEN_PATTERN, text, (m) => {
    let raw = m[0];
    let start = m.index;
    // Markdown emphasis with underscores (`_CLOSE_WAIT_`, `__FIN_WAIT1__`) is not part of the spelling.
    if (raw.charCodeAt(0) === 95 || raw.charCodeAt(raw.length - 1) === 95) {
      let a = 0;
      let b = raw.length;
      while (a < b && raw.charCodeAt(a) === 95) a++;
      while (b > a && raw.charCodeAt(b - 1) === 95) b--;
      raw = raw.slice(a, b);
      start += a;
    }
    if (raw.length < 3 || raw.length > 48) return;
    // Every spelling, prefix and aggregate keyword starts with a letter: numbers, ports and addresses are out.
    const first = raw.charCodeAt(0);
    if (first <= 57) return;
    const token = raw.includes('\\') ? raw.replace(/\\/g, '') : raw;
    const end = start + raw.length;
    const lower = token.toLowerCase();
    const aggregate = SS_AGGREGATES.get(lower);
    if (aggregate && token === lower) {
      if (ssFilterContext(text, start)) out.push({ start, end, text: token, kind: 'aggregate', id: lower, states: aggregate });
      return;
    }
    const hit = cachedSpelling(token);
    if (!hit) return;
    if (ENGLISH_WORD_STATES.has(hit.normalised) && hit.prefixLength === 0) {
      // Ordinary English words: capitals only, or a filter keyword in an `ss … state X` command.
      if (!isUpper(token) && !(token === lower && ssFilterContext(text, start))) return;
    }
    // `timer:(timewait,…)` in ss -o output is a timer name, not a state label.
    if (lower === 'timewait' && text.slice(Math.max(0, start - 7), start) === 'timer:(') return;
    if (insideUrl(text, start, end)) return;
    out.push({ start, end, text: raw, kind: 'state', id: hit.state, families: hit.families });
  });
  eachMatch(SPACED_PATTERN, text, (m) => {
    const hit = lookupStateSpelling(m[0]);
    if (!hit) return;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'state', id: hit.state, families: hit.families });
  });
  eachMatch(PROC_ROW_PATTERN, text, (m) => {
    const hex = (m[1] ?? '').toUpperCase();
    const state = PROC_NET_TCP_HEX.get(hex);
    if (!state) return;
    const end = m.index + m[0].length;
    out.push({ start: end - 2, end, text: m[1] ?? hex, kind: 'state', id: state, families: ['proc-hex'] });
  });
}

function termMentions(text: string, out: RawMention[]): void {
  eachMatch(SYSCTL_PATTERN, text, (m) => {
    const id = SYSCTL_NAMES.get(m[1] ?? '');
    if (!id) return;
    const end = m.index + m[0].length;
    if (insideUrl(text, m.index, end)) return;
    out.push({ start: m.index, end, text: m[0], kind: 'sysctl', id });
  });
  eachMatch(COUNTER_PATTERN, text, (m) => {
    const id = COUNTER_IDS.get(m[0]);
    if (!id) return;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'counter', id });
  });
  // All phrase matches, then a left-to-right sweep that keeps the longest at each place and skips what it
  // covers (what one alternation of every phrase would match).
  const found: { start: number; text: string }[] = [];
  for (const pattern of PHRASE_PATTERNS) eachMatch(pattern, text, (m) => found.push({ start: m.index, text: m[0] }));
  found.sort((a, b) => a.start - b.start || b.text.length - a.text.length);
  let covered = 0;
  for (const f of found) {
    if (f.start < covered) continue;
    const start = f.start;
    const end = start + f.text.length;
    covered = end;
    const hit = PHRASES.get(f.text.replace(/^TCP: /i, '').toLowerCase());
    if (!hit) continue;
    if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    out.push({ start, end, text: f.text, kind: hit.kind, id: hit.id });
  }
  const fields = (pattern: RegExp, field: RegExp, map: (name: string) => string) => {
    eachMatch(pattern, text, (m) => {
      const line = m[0];
      field.lastIndex = 0;
      for (let f = field.exec(line); f; f = field.exec(line)) {
        const name = f[1] ?? '';
        const start = m.index + f.index;
        out.push({ start, end: start + name.length, text: name, kind: 'sockstat', id: map(name) });
      }
    });
  };
  fields(SOCKSTAT_LINE_PATTERN, SOCKSTAT_FIELD, (n) => `sockstat.${n}`);
  fields(SS_SUMMARY_LINE_PATTERN, SS_SUMMARY_FIELD, (n) => (n === 'orphaned' ? 'sockstat.orphan' : 'sockstat.tw'));
  eachMatch(SOCKETS_USED_PATTERN, text, (m) => {
    const start = m.index + m[0].search(/\S/);
    out.push({ start, end: m.index + m[0].length, text: text.slice(start, m.index + m[0].length), kind: 'sockstat', id: 'sockstat.sockets-used' });
  });
}

/**
 * Removes overlaps: the longer mention wins, then the more specific kind (a kernel message contains
 * `tcp_mem`; `timewait` in an `ss -s` line is the sockstat field, not the state).
 */
function resolveOverlaps(mentions: RawMention[]): RawMention[] {
  mentions.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || KIND_PRIORITY[b.kind] - KIND_PRIORITY[a.kind]);
  const out: RawMention[] = [];
  for (const m of mentions) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) {
      const lastLen = last.end - last.start;
      const len = m.end - m.start;
      if (len > lastLen || (len === lastLen && KIND_PRIORITY[m.kind] > KIND_PRIORITY[last.kind])) out[out.length - 1] = m;
      continue;
    }
    out.push(m);
  }
  return out;
}

/** All mentions in `text`, sorted by start, non-overlapping. Pure and linear in the text length. */
export function findMentions(note: string): RawMention[] {
  // A byte-order mark reads as the start of the text (same length, so every offset stays put).
  const text = note.charCodeAt(0) === 0xfeff ? ` ${note.slice(1)}` : note;
  const out: RawMention[] = [];
  stateMentionsFromTokens(text, out);
  termMentions(text, out);
  return resolveOverlaps(out);
}
