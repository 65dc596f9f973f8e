/**
 * Finds mentions of TCP states, sysctls, counters, sockstat fields and kernel messages on the RAW note text,
 * with exact UTF-16 ranges. The remark tree is used later (analysis.ts) only to classify where each hit
 * stands and to drop hits inside link destinations, HTML tags and the like.
 *
 * Every regular expression here is linear: no nested quantifiers, no alternation under a quantifier that can
 * overlap (the ReDoS test in test/unit/redos.test.ts checks each exported pattern).
 */
import { ENGLISH_WORD_STATES, lookupStateSpelling, PROC_NET_TCP_HEX, SS_AGGREGATES, type SpellingFamily } from './catalogue/spellings';
import type { StateId, TermKind } from './catalogue/types';
import { TERMS } from './catalogue/terms';

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

/** `ss … state X` / `exclude X`: the word before a lower-case filter keyword. */
const SS_FILTER_BEFORE = /(?:^|[\s(])(?:state|exclude)\s+$/;
/** The line contains an `ss` invocation before the keyword. */
const SS_COMMAND = /(?:^|[\s;|&`$(])(?:sudo\s+)?ss(?=\s)/;

/** /proc/net/tcp rows: `  0: 0100007F:1F90 00000000:0000 0A …` — the 4th field is the state in hex. */
export const PROC_ROW_PATTERN = /^[ \t]*\d+:[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4}[ \t]+([0-9A-Fa-f]{2})(?=[ \t])/gm;

/** `TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150` (sockstat) and `TCP6: inuse 8`. */
export const SOCKSTAT_LINE_PATTERN = /^[ \t]*TCP6?:[ \t]+inuse[ \t]+\d+[^\n]*/gm;
/** `sockets: used 1234` */
export const SOCKETS_USED_PATTERN = /^[ \t]*sockets:[ \t]+used(?=[ \t]+\d)/gm;
/** `TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)` (ss -s). */
export const SS_SUMMARY_LINE_PATTERN = /^[ \t]*TCP:[ \t]+\d+[ \t]+\([^\n)]*\)/gm;
const SOCKSTAT_FIELD = /\b(inuse|orphan|tw|alloc|mem)[ \t]+\d+/g;
const SS_SUMMARY_FIELD = /\b(orphaned|timewait)[ \t]+\d+/g;

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
export const COUNTER_PATTERN = new RegExp(
  `(?<![\\w])(?:${[...COUNTER_IDS.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\w])`,
  'g',
);

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
export const PHRASE_PATTERN = new RegExp(
  `(?:TCP: )?(?:${[...PHRASES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`,
  'gi',
);

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
function insideUrl(text: string, start: number, end: number): boolean {
  let s = start;
  const min = Math.max(0, start - 512);
  while (s > min && !/\s/.test(text[s - 1] ?? ' ')) s--;
  let e = end;
  const max = Math.min(text.length, end + 64);
  while (e < max && !/\s/.test(text[e] ?? ' ')) e++;
  const word = text.slice(s, e);
  return /[a-z][a-z0-9+.-]*:\/\//i.test(word) || /(?:^|[^\w])www\./i.test(word) || /\bmailto:/i.test(word);
}

function lineBefore(text: string, pos: number): string {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  return text.slice(Math.max(lineStart, pos - 400), pos);
}

function ssFilterContext(text: string, start: number): boolean {
  const before = lineBefore(text, start);
  return SS_FILTER_BEFORE.test(before) && SS_COMMAND.test(before);
}

function isUpper(s: string): boolean {
  return s === s.toUpperCase() && s !== s.toLowerCase();
}

function stateMentionsFromTokens(text: string, out: RawMention[]): void {
  TOKEN_PATTERN.lastIndex = 0;
  for (let m = TOKEN_PATTERN.exec(text); m; m = TOKEN_PATTERN.exec(text)) {
    let raw = m[0];
    let start = m.index;
    // Markdown emphasis with underscores (`_CLOSE_WAIT_`, `__FIN_WAIT1__`) is not part of the spelling.
    if (raw.charCodeAt(0) === 95 || raw.charCodeAt(raw.length - 1) === 95) {
      const lead = raw.length - raw.replace(/^_+/, '').length;
      raw = raw.replace(/^_+/, '').replace(/_+$/, '');
      start += lead;
    }
    if (raw.length < 3 || raw.length > 48) continue;
    const token = raw.includes('\\') ? raw.replace(/\\/g, '') : raw;
    const end = start + raw.length;
    const lower = token.toLowerCase();
    const aggregate = SS_AGGREGATES.get(lower);
    if (aggregate && token === lower) {
      if (ssFilterContext(text, start)) out.push({ start, end, text: token, kind: 'aggregate', id: lower, states: aggregate });
      continue;
    }
    const hit = lookupStateSpelling(token);
    if (!hit) continue;
    if (ENGLISH_WORD_STATES.has(hit.normalised) && hit.prefixLength === 0) {
      // Ordinary English words: capitals only, or a filter keyword in an `ss … state X` command.
      if (!isUpper(token) && !(token === lower && ssFilterContext(text, start))) continue;
    }
    // `timer:(timewait,…)` in ss -o output is a timer name, not a state label.
    if (lower === 'timewait' && text.slice(Math.max(0, start - 7), start) === 'timer:(') continue;
    if (insideUrl(text, start, end)) continue;
    out.push({ start, end, text: raw, kind: 'state', id: hit.state, families: hit.families });
  }
  SPACED_PATTERN.lastIndex = 0;
  for (let m = SPACED_PATTERN.exec(text); m; m = SPACED_PATTERN.exec(text)) {
    const hit = lookupStateSpelling(m[0]);
    if (!hit) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'state', id: hit.state, families: hit.families });
  }
  PROC_ROW_PATTERN.lastIndex = 0;
  for (let m = PROC_ROW_PATTERN.exec(text); m; m = PROC_ROW_PATTERN.exec(text)) {
    const hex = (m[1] ?? '').toUpperCase();
    const state = PROC_NET_TCP_HEX.get(hex);
    if (!state) continue;
    const end = m.index + m[0].length;
    out.push({ start: end - 2, end, text: m[1] ?? hex, kind: 'state', id: state, families: ['proc-hex'] });
  }
}

function termMentions(text: string, out: RawMention[]): void {
  SYSCTL_PATTERN.lastIndex = 0;
  for (let m = SYSCTL_PATTERN.exec(text); m; m = SYSCTL_PATTERN.exec(text)) {
    const id = SYSCTL_NAMES.get(m[1] ?? '');
    if (!id) continue;
    const end = m.index + m[0].length;
    if (insideUrl(text, m.index, end)) continue;
    out.push({ start: m.index, end, text: m[0], kind: 'sysctl', id });
  }
  COUNTER_PATTERN.lastIndex = 0;
  for (let m = COUNTER_PATTERN.exec(text); m; m = COUNTER_PATTERN.exec(text)) {
    const id = COUNTER_IDS.get(m[0]);
    if (!id) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind: 'counter', id });
  }
  if (PHRASES.size > 0) {
    PHRASE_PATTERN.lastIndex = 0;
    for (let m = PHRASE_PATTERN.exec(text); m; m = PHRASE_PATTERN.exec(text)) {
      const phrase = m[0].replace(/^TCP: /i, '').toLowerCase();
      const hit = PHRASES.get(phrase);
      if (!hit) continue;
      const start = m.index;
      const end = start + m[0].length;
      if (start > 0 && isWordChar(text.charCodeAt(start - 1))) continue;
      if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
      out.push({ start, end, text: m[0], kind: hit.kind, id: hit.id });
    }
  }
  const fields = (pattern: RegExp, field: RegExp, map: (name: string) => string) => {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const line = m[0];
      field.lastIndex = 0;
      for (let f = field.exec(line); f; f = field.exec(line)) {
        const name = f[1] ?? '';
        const start = m.index + f.index;
        out.push({ start, end: start + name.length, text: name, kind: 'sockstat', id: map(name) });
      }
    }
  };
  fields(SOCKSTAT_LINE_PATTERN, SOCKSTAT_FIELD, (n) => `sockstat.${n}`);
  fields(SS_SUMMARY_LINE_PATTERN, SS_SUMMARY_FIELD, (n) => (n === 'orphaned' ? 'sockstat.orphan' : 'sockstat.tw'));
  SOCKETS_USED_PATTERN.lastIndex = 0;
  for (let m = SOCKETS_USED_PATTERN.exec(text); m; m = SOCKETS_USED_PATTERN.exec(text)) {
    const start = m.index + m[0].search(/\S/);
    out.push({ start, end: m.index + m[0].length, text: text.slice(start, m.index + m[0].length), kind: 'sockstat', id: 'sockstat.sockets-used' });
  }
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
export function findMentions(text: string): RawMention[] {
  const out: RawMention[] = [];
  stateMentionsFromTokens(text, out);
  termMentions(text, out);
  return resolveOverlaps(out);
}
