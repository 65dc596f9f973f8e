/**
 * The names the workspace index knows: every canonical id a mention can carry (states, terms, counters,
 * sysctls, ss aggregates, conntrack states) interned as small integers, the spellings a workspace-symbol query
 * is matched against, and the fuzzy match itself (VS Code's way: a case-insensitive subsequence, here also
 * blind to `-`, `_`, `.`, `/` and spaces, so `finwait1` finds FIN-WAIT-1 and `max_orphans` finds
 * net.ipv4.tcp_max_orphans). Pure: no `vscode`, no Node built-ins.
 */
import { SPELLING_TABLES, SS_AGGREGATES } from '../catalogue/spellings';
import { STATE_IDS, type StateId } from '../catalogue/types';
import { TERMS } from '../catalogue/terms';
import { CT_MATCH_STATES, CT_TCP_TIMEOUTS } from '../knowledge/conntrack';
import { ownString } from '../memo';
import { findMentions, type MentionKind } from '../note/recognize';

/**
 * A conntrack state's key in the table: its ids are upper-case names that a socket state can share
 * (`--state ESTABLISHED` is a netfilter entry, not the socket state ESTABLISHED), so they get codes of their own.
 */
const CONNTRACK_KEY = 'conntrack:';
const keyOf = (id: string, kind: MentionKind): string => (kind === 'conntrack' ? CONNTRACK_KEY + id : id);

/**
 * Every id the recogniser can give, in one fixed order: states, ss aggregates, terms (sysctls, sockstat fields,
 * counters, messages), conntrack states. A table starts with them, so that two tables built from the same
 * catalogue give every id the same code (an index built in a worker is read as it is: remote.ts).
 */
function catalogueIds(): readonly (readonly [string, MentionKind])[] {
  return [
    ...STATE_IDS.map((s) => [s, 'state'] as const),
    ...[...SS_AGGREGATES.keys()].map((k) => [k, 'aggregate'] as const),
    ...TERMS.map((t) => [t.id, t.kind] as const),
    ...[...new Set([...CT_MATCH_STATES, ...Object.keys(CT_TCP_TIMEOUTS)])].map((c) => [c, 'conntrack'] as const),
  ];
}

/** A short fingerprint of a list of strings (FNV-1a, 32 bits), to tell two catalogues apart. */
function fingerprint(parts: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return `${parts.length}:${(h >>> 0).toString(16)}`;
}

/**
 * Interns canonical ids (`FIN-WAIT-1`, `net.ipv4.tcp_max_orphans`) as small integers (the index stores codes).
 * The catalogue's ids come first, in a fixed order (`seed` names that order); an id the catalogue does not know
 * gets the next code when it is first seen.
 */
export class IdTable {
  private readonly codes = new Map<string, number>();
  private readonly ids: string[] = [];
  private readonly kinds: MentionKind[] = [];
  private seeded: { readonly size: number; readonly name: string } | undefined;

  /**
   * The catalogue's ids, interned on first use rather than at construction: the extension constructs its index
   * when it activates, and reading the catalogue then would load the whole core (scripts/lazySplit.mjs).
   */
  private seedNow(): { readonly size: number; readonly name: string } {
    if (this.seeded) return this.seeded;
    const ids = catalogueIds();
    this.seeded = { size: 0, name: '' };
    for (const [id, kind] of ids) this.intern(id, kind);
    this.seeded = { size: this.ids.length, name: fingerprint(ids.map(([id, kind]) => `${kind}\u0000${id}`)) };
    return this.seeded;
  }

  /** The codes below this are the catalogue's, the same in every table built from the same catalogue. */
  get seedSize(): number {
    return this.seedNow().size;
  }

  /** Names the catalogue's order: two tables with the same seed give its ids the same codes. */
  get seed(): string {
    return this.seedNow().name;
  }

  code(id: string, kind: MentionKind): number {
    if (!this.seeded) this.seedNow();
    return this.intern(id, kind);
  }

  private intern(id: string, kind: MentionKind): number {
    const key = keyOf(id, kind);
    let c = this.codes.get(key);
    if (c === undefined) {
      c = this.ids.length;
      // An own copy: the recogniser's id may be a slice of a note's text, which must not stay alive.
      this.codes.set(ownString(key), c);
      this.ids.push(ownString(id));
      this.kinds.push(kind);
    }
    return c;
  }

  /** Number of ids seen: every code is below it. */
  get size(): number {
    if (!this.seeded) this.seedNow();
    return this.ids.length;
  }

  /** The code of an id already seen, or undefined (a conntrack state only when `kind` says so). */
  find(id: string, kind?: MentionKind): number | undefined {
    if (!this.seeded) this.seedNow();
    return this.codes.get(kind === undefined ? id : keyOf(id, kind));
  }

  id(code: number): string {
    return this.ids[code] ?? '';
  }

  kind(code: number): MentionKind {
    return this.kinds[code] ?? 'state';
  }
}

/**
 * The canonical id of a name as written anywhere (`fin_wait1`, `FinWait1`, `tcp_max_orphans`,
 * `TCPAbortOnMemory`): the recogniser's answer for the whole text, or for its one mention. Undefined when the
 * text names nothing the catalogue knows.
 */
export function canonicalId(spelling: string): { readonly id: string; readonly kind: MentionKind } | undefined {
  const text = spelling.trim().slice(0, 200);
  if (!text) return undefined;
  const found = findMentions(text);
  if (found.length !== 1) return undefined;
  const m = found[0];
  return m ? { id: m.id, kind: m.kind } : undefined;
}

/** Lower case without separators: the form fuzzy matching compares. */
export function foldName(s: string): string {
  return s.toLowerCase().replace(/[-_./\s]/g, '');
}

/**
 * Score of `query` against `name` (both folded): 0 when the query is not a subsequence of the name; otherwise
 * higher for an exact name, a prefix, and runs of consecutive characters. An empty query matches everything.
 */
export function fuzzyScore(query: string, name: string): number {
  if (query.length === 0) return 1;
  if (query === name) return 1000;
  if (name.startsWith(query)) return 500 + query.length;
  let qi = 0;
  let run = 0;
  let score = 0;
  for (let i = 0; i < name.length && qi < query.length; i++) {
    if (name.charCodeAt(i) === query.charCodeAt(qi)) {
      qi++;
      run++;
      score += run;
    } else run = 0;
  }
  if (qi < query.length) return 0;
  const inner = name.indexOf(query);
  return inner >= 0 ? 200 + query.length : score;
}

export interface CatalogueName {
  readonly folded: string;
  readonly id: string;
  readonly kind: MentionKind;
}

let catalogueNames: readonly CatalogueName[] | undefined;

/** Every spelling a query can name: state ids and their spellings, term ids, short sysctl names, aliases. */
export function namesOfCatalogue(): readonly CatalogueName[] {
  if (catalogueNames) return catalogueNames;
  const out = new Map<string, CatalogueName>();
  const add = (name: string, id: string, kind: MentionKind): void => {
    const folded = foldName(name);
    if (folded && !out.has(`${folded}\u0000${id}`)) out.set(`${folded}\u0000${id}`, { folded, id, kind });
  };
  for (const s of STATE_IDS) add(s, s, 'state');
  for (const [normalised, state] of SPELLING_TABLES.normalised as ReadonlyMap<string, StateId>) add(normalised, state, 'state');
  for (const spelling of SPELLING_TABLES.exact.keys()) {
    const hit = canonicalId(spelling);
    if (hit?.kind === 'state') add(spelling, hit.id, 'state');
  }
  for (const t of TERMS) {
    add(t.id, t.id, t.kind);
    if (t.kind === 'sysctl') add(t.id.replace(/^net\.(?:ipv4|core)\./, ''), t.id, t.kind);
    if (t.kind === 'counter' && t.id.startsWith('TcpExt')) add(t.id.slice('TcpExt'.length), t.id, t.kind);
    if (t.kind !== 'message') for (const a of t.aliases) add(a, t.id, t.kind);
  }
  catalogueNames = [...out.values()];
  return catalogueNames;
}

/** Catalogue ids matching `query`, best first (each id once, with its best score). */
export function matchingIds(query: string): { readonly id: string; readonly kind: MentionKind; readonly score: number }[] {
  const q = foldName(query.slice(0, 200));
  const best = new Map<string, { id: string; kind: MentionKind; score: number }>();
  for (const n of namesOfCatalogue()) {
    const s = fuzzyScore(q, n.folded);
    if (s === 0) continue;
    const old = best.get(n.id);
    if (!old || s > old.score) best.set(n.id, { id: n.id, kind: n.kind, score: s });
  }
  // Ties: states before terms (a query `time_wait` means the state before sockstat's `tw` alias), then by id.
  return [...best.values()].sort((a, b) => b.score - a.score || Number(b.kind === 'state') - Number(a.kind === 'state') || a.id.localeCompare(b.id));
}
