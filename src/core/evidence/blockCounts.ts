/**
 * One count per state: which of several counts of the same sockets stands. The one rule for a block's
 * segments (parse.ts mergeSegments, so the block's counts that scan, the diagram, the hovers, the code lens, the
 * timeline and the workspace index read) and for a note's blocks and prose (report/noteEvidence.ts):
 *
 * - a count of all the sockets of a state is better than one of some of them (the command cut its output:
 *   `| head`, `| grep 10.0.1.23`, `ss … dport = :443`; EvidenceSegment.partial);
 * - then a printed count (`uniq -c`, awk, `wc -l`, `grep -c`, the snapshot, node_exporter) is better than listed
 *   rows (the report counts listed rows itself, a socket listed twice once), and a count written in prose ranks
 *   between them;
 * - among equals, the later one (a command run again later in the same paste, or a later block, is the newer
 *   sample).
 *
 * Inside one block, counts of one state from segments are the same sockets counted again (`ss … | wc -l`, then
 * the listing of those sockets; `netstat | grep -c` and `ss | grep -c`), unless the commands tell them apart —
 * a different address family, prompt host, or network namespace / container (EvidenceSegment.scope): those add up.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import type { EvidenceSegment, SegmentScope } from './types';
import { addClamped } from './text';
import { sshParts } from './commandScope';

/** Where a count comes from, best first. */
export type CountSource = 'count-block' | 'prose' | 'listing';

const RANK: Readonly<Record<CountSource, number>> = { 'count-block': 0, prose: 1, listing: 2 };

/** A count's source and its 0-based line (in the note, or in the parsed text). */
export interface CountOrigin {
  readonly source: CountSource;
  readonly line: number;
  /** A count of some of the state's sockets (EvidenceSegment.partial). */
  readonly partial?: boolean;
}

/** Does `next` stand instead of `old` (a count of the same sockets)? A whole count, a better source; among equals, the later. */
export function replacesCount(next: CountOrigin, old: CountOrigin | undefined): boolean {
  if (!old) return true;
  const cut = next.partial === true;
  if (cut !== (old.partial === true)) return !cut;
  const a = RANK[next.source];
  const b = RANK[old.source];
  return a < b || (a === b && next.line >= old.line);
}

/**
 * What a segment's per-state counts are: a printed count, or listed rows (an `ss` / `netstat` / /proc/net/tcp
 * listing). A filtered listing that printed no rows (`ss -tan state fin-wait-1` showing only its header) says
 * "0 of that state" as a count does.
 */
export function segmentCountSource(seg: EvidenceSegment): 'count-block' | 'listing' {
  if (seg.oneNumber === true) return 'count-block';
  if (seg.kind === 'proc-net-tcp') return 'listing';
  if (seg.kind === 'ss' || seg.kind === 'netstat') return (seg.listed ?? 0) === 0 ? 'count-block' : 'listing';
  return 'count-block';
}

/**
 * Could two segments have seen the same sockets? Yes unless a part of their scopes is known for both and differs.
 * Where a command ran is known when its line was read: a target, or the shell's own namespace (`here`).
 */
export function scopesOverlap(a: SegmentScope | undefined, b: SegmentScope | undefined): boolean {
  if (!a || !b) return true;
  const differ = (x: string | undefined, y: string | undefined): boolean => x !== undefined && y !== undefined && x !== y;
  const pa = placeOf(a);
  const pb = placeOf(b);
  return !(differ(a.family, b.family) || differ(pa.host, pb.host) || differ(pa.where, pb.where));
}

/** A target that names a shell variable never expanded (`ip netns exec $n`): some place, which one not known. */
export function namesUnexpanded(target: string): boolean {
  return target.includes('$');
}

/**
 * The host and the place on it where a command ran: `ssh lb-3 …` ran on lb-3 in its own namespace (as a command at
 * lb-3's prompt), its further wrapper (`ssh lb-3 ip netns exec blue …`) the place; otherwise the prompt's host and the
 * target, '' for the shell's own namespace, undefined when unknown (also a target naming an unexpanded `$variable`).
 */
export function placeOf(s: SegmentScope): { readonly host?: string; readonly where?: string } {
  const t = s.target;
  const ssh = sshHostOf(s);
  if (t !== undefined && ssh !== undefined) {
    const space = t.indexOf(' ', 4);
    return { host: ssh, where: space < 0 ? '' : t.slice(space + 1) };
  }
  const host = hostName(s.host);
  // A target that names a shell variable never expanded (`ip netns exec $n` in a loop with no marker of its items) is
  // some place not known: not the shell's own namespace either.
  const where = t !== undefined && namesUnexpanded(t) ? undefined : (t ?? (s.here ? '' : undefined));
  return { ...(host !== undefined ? { host } : {}), ...(where !== undefined ? { where } : {}) };
}

/**
 * The host a command ran on through ssh: the target `ssh lb-8` (commandScope.ts writes it so, without the user or
 * options), then maybe a wrapper run there (`ssh lb-8 netns blue`). Undefined for no ssh or no valid host name.
 */
export function sshHostOf(s: SegmentScope): string | undefined {
  const host = sshParts(s.target)?.host;
  return host !== undefined && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/.test(host) ? hostName(host) : undefined;
}

/**
 * One host however the prompts spell it: `LB-1`, `lb-1` and `lb-1.prod.example.com` are `lb-1` (its first label, in
 * lower case); an address stays whole.
 */
export function hostName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const h = raw.toLowerCase();
  const dot = h.indexOf('.');
  return dot > 0 && /[a-z]/.test(h.slice(0, dot)) ? h.slice(0, dot) : h;
}

export interface BlockCount {
  readonly count: number;
  readonly source: 'count-block' | 'listing';
  /** Some of the state's sockets only (every count it holds is partial, or one of those added up is). */
  readonly partial: boolean;
  /** The segment the count comes from (the latest one, when counts of sockets told apart are added up). */
  readonly segment: EvidenceSegment;
}

interface Pick {
  readonly count: number;
  readonly source: 'count-block' | 'listing';
  readonly partial: boolean;
  readonly segment: EvidenceSegment;
}

/**
 * Sockets told apart in one block beyond this many scopes (per state) are taken as overlapping: the work per
 * segment stays bounded on any paste.
 */
const MAX_SCOPES = 32;

/** The block's count of each state from its segments (in order), by the rule above. */
export function blockCounts(segments: readonly EvidenceSegment[]): Map<StateId, BlockCount> {
  const picks = new Map<StateId, Pick[]>();
  for (const seg of segments) {
    const source = segmentCountSource(seg);
    const partial = seg.partial === true;
    const origin: CountOrigin = { source, line: seg.startLine, partial };
    for (const state of Object.keys(seg.counts) as StateId[]) {
      const count = seg.counts[state];
      if (typeof count !== 'number' || !Number.isFinite(count)) continue;
      const cand: Pick = { count, source, partial, segment: seg };
      const list = picks.get(state);
      if (!list) {
        picks.set(state, [cand]);
        continue;
      }
      const all = list.length >= MAX_SCOPES;
      const overlapping = (p: Pick): boolean => all || scopesOverlap(p.segment.scope, seg.scope);
      // An earlier count of (some of) the same sockets that is better stays, and this one is dropped.
      if (list.some((p) => overlapping(p) && !replacesCount(origin, { source: p.source, line: p.segment.startLine, partial: p.partial }))) continue;
      const kept = list.filter((p) => !overlapping(p));
      kept.push(cand);
      picks.set(state, kept);
    }
  }
  const out = new Map<StateId, BlockCount>();
  for (const [state, list] of picks) {
    const last = list[list.length - 1] as Pick;
    if (list.length === 1) {
      out.set(state, last);
      continue;
    }
    let count = 0;
    let source: 'count-block' | 'listing' = 'listing';
    let partial = false;
    for (const p of list) {
      count = addClamped(count, p.count);
      if (p.source === 'count-block') source = 'count-block';
      if (p.partial) partial = true;
    }
    out.set(state, { count, source, partial, segment: last.segment });
  }
  return out;
}
