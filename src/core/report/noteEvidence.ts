/**
 * The whole note's per-connection evidence: the rows of every listing in its evidence blocks (the second pass
 * over parse.ts's segments), bcc tcpstates / tcplife output wherever it is, counts written outside code, and
 * the current count of each state (currentCounts.ts). With samples from several hosts, only the outputs of the host
 * the counts read (hosts.ts). Pure: no `vscode`, no Node built-ins. Linear in the note.
 */
import { withinRange, type NoteModel, type OffsetRange } from '../note/model';
import type { StateId } from '../catalogue/types';
import { segmentInSeries } from './hosts';
import { segmentNetns, segmentNetnsKey } from './netns';
import { splitBy } from './splitBy';
import { connectionsOfSegment, readBccOutputs, StateTallies, transitionsByState, type Connection, type StateSockets, type StateTransitions } from '../evidence/connections';
import type { ProseCount } from '../evidence/connections/proseCounts';
import { isListing } from '../evidence/coverage';
import { withoutQuoteMarkers } from '../evidence/text';
import { currentCounts, type CountSample, type StateCount } from './currentCounts';
import type { TimelinePoint } from './timeline';
import type { InEffect } from './inEffect';
import type { EndpointCounts } from '../evidence/types';

export type { CountSample, CountSource, StateCount } from './currentCounts';

/**
 * One moment's per-state numbers: an output that counts sockets by state (an evidence segment: `uniq -c`, `wc -l`,
 * a listing's rows, sockstat / `ss -s` `tw`) or a count written in the text. The cause rules weigh a state's
 * count against others of the same output (CLOSE-WAIT among the connections) and follow counts over time.
 */
export interface OutputSample {
  /** 0-based note line of the output's first line (a count in the text: its line). */
  readonly line: number;
  /** Minutes on the note's time axis, when its block has a time (report/timeline.ts). */
  readonly minutes?: number;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** sockstat / `ss -s` `tw`: TIME-WAIT sockets and FIN-WAIT-2 timewait minisocks. */
  readonly tw?: number;
  /** Rows of a listing, not a count: a pasted listing is often cut, so its numbers are lower bounds. */
  readonly listing?: true;
  /** Written in the text, not a command's output. */
  readonly prose?: true;
  /** The network namespace the output was read in, when not the host's (report/netns.ts): its counts are that namespace's sockets. */
  readonly netns?: string;
  /** The same as a key that tells the host's ('') from an unknown namespace (absent: no command read; netns.ts segmentNetnsKey). */
  readonly netnsKey?: string;
  /** The sysctls in effect at the sample (report/inEffect.ts), where a rule compares one with it (TIME-WAIT). */
  readonly sysctls?: Readonly<Record<string, InEffect>>;
  /** The latest TIME-WAIT sample in time (build.ts placedSamples). */
  readonly twLatest?: true;
}

export interface NoteEvidence {
  /** bcc tcpstates / tcplife rows (listing rows are summarised in `sockets`, not kept). */
  readonly connections: readonly Connection[];
  /** Each state's listings: every namespace's sockets, a socket listed twice in one namespace counted once. */
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  /**
   * Each network namespace's listings ('' the host's), when the listings and the counts were both read apart by
   * namespace (netns.ts segmentNetnsKey; currentCounts.ts byNetns), so that a count's namespace names its listings
   * (rowSockets). Undefined otherwise: an output without its command may be any namespace's.
   */
  readonly netnsSockets?: ReadonlyMap<string, ReadonlyMap<StateId, StateSockets>>;
  /** Some output of the note was read in a network namespace other than the host's (netns.ts segmentNetns). */
  readonly readsNetns?: true;
  readonly transitions: ReadonlyMap<StateId, StateTransitions>;
  readonly prose: readonly ProseCount[];
  /** The current count of each state (report/currentCounts.ts: the latest count that speaks for it). */
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** Each state's counts in the other network namespaces than its count's (currentCounts.ts `elsewhere`). */
  readonly elsewhere: ReadonlyMap<StateId, readonly StateCount[]>;
  /** The note line of each state's listing: the first row of the latest listing that shows it (where the causes read the sysctls in effect: build.ts). */
  readonly listingLines: ReadonlyMap<StateId, number>;
  /** The latest whole per-state count the counts start from, or null. */
  readonly countsFrom: CountSample | null;
  /** The samples the counts come from, in time order. */
  readonly countSources: readonly CountSample[];
  /** States a sample showed that have no socket now (no count, or 0): their causes do not apply. */
  readonly gone: ReadonlySet<StateId>;
  /** Every output with per-state numbers, then the counts written in the text, each in note order (no times yet). */
  readonly samples: readonly OutputSample[];
  /** Counts of a state's sockets per endpoint (`… | awk '{print $4}' | sort | uniq -c`), in note order. */
  readonly endpointTallies: readonly EndpointTallySample[];
}

/**
 * A count of one state's sockets per local or peer endpoint (EvidenceSegment.endpoints), and `sockets`: the state's
 * sockets at that moment — the count's own total when no line was cut, else the largest count of the state in the
 * same paste (one block is one moment; for TIME-WAIT, else its sockstat `tw`) when that is no less; absent when
 * neither tells.
 */
export interface EndpointTallySample extends EndpointCounts {
  /** 0-based note line of its first count line. */
  readonly line: number;
  readonly sockets?: number;
  /** The network namespace the count was read in: '' the host's, absent when not known (netns.ts segmentNetnsKey). */
  readonly netnsKey?: string;
}

/**
 * Line `n` of the note as its code block's content reads: without the `>` markers of a block quote around the
 * block (the evidence parser read the block's content, which has none), so a listing pasted in a quote gives its
 * rows as any other. Lines not in a quote come back as they are.
 */
export function codeLineText(model: NoteModel): (n: number) => string {
  return (n) => withoutQuoteMarkers(model.lines.lineText(n));
}
const MAX_BCC_LINES = 100_000;

function bccRows(model: NoteModel, range: OffsetRange | undefined): Connection[] {
  const text = model.text;
  const out: Connection[] = [];
  let lastLine = -1;
  const quoted = codeLineText(model);
  const end = range ? range.end : text.length;
  for (let at = text.indexOf('RADDR', range?.start ?? 0); at >= 0 && at < end; at = text.indexOf('RADDR', at + 5)) {
    const header = model.lines.lineAt(at);
    if (header <= lastLine) continue;
    const lines: string[] = [];
    // In a section, the output ends with the section.
    const lastInRange = range ? model.lines.lineAt(Math.max(range.start, range.end - 1)) : model.lines.lineCount - 1;
    for (let n = header; n <= lastInRange && n < model.lines.lineCount && lines.length < MAX_BCC_LINES; n++) {
      const l = quoted(n);
      if (n > header && l.trim() === '') break;
      lines.push(l);
    }
    lastLine = header + lines.length - 1;
    out.push(...readBccOutputs(lines, (i) => header + i));
  }
  return out;
}

/**
 * Tallies for listings read in the network namespaces `keys` (segmentNetnsKey, one per listing): a socket counts once
 * within its namespace — the namespaces told apart when each is known and there are more than one (splitBy.ts), else
 * one group, as the counts are. `only`: the one namespace all were read in, when known.
 */
export function netnsTallies(keys: readonly (string | undefined)[]): { tallies: StateTallies; only?: string } {
  const spaces = splitBy(keys, (k) => k);
  if (spaces?.size === 1) return { tallies: new StateTallies(), only: spaces.keys().next().value as string };
  return { tallies: new StateTallies(spaces !== undefined && spaces.size > 1) };
}

/**
 * Reads the note's connections and counts — with `range`, only those of that part of the note (a section):
 * its evidence blocks, bcc outputs and count lines; `points` is the timeline of the same evidence. In steps, one
 * per evidence block (its listing rows), so that the analysis worker can answer the host's messages between them
 * (report/summaries.ts); runSteps runs them at once.
 */
export function* noteEvidenceSteps(model: NoteModel, range: OffsetRange | undefined, points: readonly TimelinePoint[]): Generator<void, NoteEvidence, void> {
  const lineText = codeLineText(model);
  const samples: OutputSample[] = [];
  const listings: Connection[][] = [];
  const selected: boolean[] = [];
  const netnsKeys: (string | undefined)[] = [];
  const endpointTallies: EndpointTallySample[] = [];
  let readsNetns = false;
  for (const block of model.evidence) {
    if (!withinRange(range, block.start, block.end)) continue;
    for (const [i, seg] of block.segments.entries()) {
      // Its network namespace, read once: as a name (undefined: the host's or not known) and as a key ('' the host's).
      const netns = segmentNetns(model, seg);
      const netnsKey = segmentNetnsKey(model, seg);
      readsNetns ||= netns !== undefined;
      // Samples from several hosts: the outputs of the host the counts read (hosts.ts), as in currentCounts.
      if (!segmentInSeries(model, block, i)) continue;
      const rows = connectionsOfSegment(seg, lineText);
      if (rows.length) {
        listings.push(rows);
        selected.push(seg.selected === true);
        netnsKeys.push(netnsKey);
      }
      const e = seg.endpoints;
      if (e) {
        // The state's count in the same paste; for TIME-WAIT also sockstat `tw` (TIME-WAIT and FIN-WAIT-2 minisocks:
        // an upper bound, so a share of it understates, never overstates, one destination's).
        const tw = e.state === 'TIME-WAIT' ? block.sockstat?.tcp?.tw : undefined;
        const same = block.counts[e.state] ?? tw;
        const sockets = e.whole ? e.total : same !== undefined && same >= e.total ? same : undefined;
        endpointTallies.push({ ...e, line: seg.startLine, ...(sockets !== undefined ? { sockets } : {}), ...(netnsKey !== undefined ? { netnsKey } : {}) });
      }
      const tw = seg.sockstat?.tcp?.tw;
      if (Object.keys(seg.counts).length > 0 || tw !== undefined) {
        samples.push({ line: seg.startLine, counts: seg.counts, ...(tw !== undefined ? { tw } : {}), ...(isListing(seg) ? { listing: true as const } : {}), ...(netns !== undefined ? { netns } : {}), ...(netnsKey !== undefined ? { netnsKey } : {}) });
      }
    }
    yield;
  }
  // The latest listing first: a socket listed again (`ss -tan`, then `ss -tano` for its timers) counts once, with
  // what the later, usually closer, look shows of it — within its network namespace: two pods' sockets are different
  // sockets, whatever their endpoints. Listings of unknown namespaces (no command) are one group, as their counts are.
  const { tallies, only } = netnsTallies(netnsKeys);
  for (let i = listings.length - 1; i >= 0; i--) for (const r of listings[i] as Connection[]) tallies.add(r, i, selected[i], netnsKeys[i]);
  const connections = bccRows(model, range);
  const current = currentCounts(model, range, points);
  for (const p of current.prose) samples.push({ line: p.line, counts: { [p.state]: p.count }, prose: true });
  const { sockets, firstLine, bySpace } = tallies.result();
  const netnsSockets = current.byNetns ? (bySpace ?? (only !== undefined ? new Map([[only, sockets]]) : undefined)) : undefined;
  return {
    connections,
    sockets,
    ...(netnsSockets ? { netnsSockets } : {}),
    ...(readsNetns ? { readsNetns: true as const } : {}),
    transitions: transitionsByState(connections),
    prose: current.prose,
    counts: current.counts,
    elsewhere: current.elsewhere,
    countsFrom: current.from,
    countSources: current.sources,
    gone: current.gone,
    listingLines: firstLine,
    samples,
    endpointTallies,
  };
}

/**
 * The listings a States row shows: those of the namespace its count was read in (`netns`, undefined the host's) when
 * the note's listings are told apart by namespace, else — they may be any namespace's — the state's whole summary, on
 * its first row only. A state with no count in any namespace (listed, then gone) has one row: the whole summary.
 */
export function rowSockets(e: Pick<NoteEvidence, 'sockets' | 'netnsSockets' | 'counts'>, state: StateId, netns: string | undefined, first: boolean): StateSockets | undefined {
  if (e.netnsSockets && e.counts.has(state)) return e.netnsSockets.get(netns ?? '')?.get(state);
  return first ? e.sockets.get(state) : undefined;
}

/** Runs a computation written in steps (a generator yielding between them) to its end at once. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
