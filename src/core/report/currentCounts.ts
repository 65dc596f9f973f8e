/**
 * The note's current per-state counts: one rule that the report, its causes, the hover's detail and the diagram
 * (its default, "whole note" view; SVG and Mermaid) all read, so that they describe one moment of the note.
 *
 * The samples are the outputs that give a number per state (evidence segments), the counts written in the text
 * (`FIN_WAIT1 61920` on a line of its own, a table row) and the rows of listings, in the order of the note's time
 * axis, the note's one order (report/sampleOrder.ts, shared with latestSockstat and the limits in effect): a
 * sample with a time is placed at it (report/timeline.ts), one without a time right after the latest time above it
 * in the note (notes are written as the incident goes), the note's order deciding between equals.
 *
 * Per state, the latest count that speaks for it decides. A count speaks for the states it lists and for those in
 * its `covers` (evidence/coverage.ts): a whole per-state count (`… | awk '{…} END {…}'`, `uniq -c`, the snapshot
 * block) for every state its command can show — so a state it does not list had no socket then, whatever earlier
 * samples said —, one number (`ss … state X | wc -l`) or an empty filtered listing for its state. When that count
 * lists the state, its number is the count. Otherwise (it speaks for the state without listing it, or no count
 * speaks for it) a count written in the text, else a listing's rows, from after it can still show the state: the
 * latest of them. Listing rows never replace a count of their state (a pasted listing is often trimmed without a
 * mark); rows of a listing that shows part of the sockets (`| head`, an elided row, a filter, lsof) are marked
 * `atLeast`, and do not replace an earlier whole listing that showed at least as many; so is a count the text writes
 * as a lower bound (`3万多`, `12k+`: proseCounts.ts).
 *
 * When the note's samples come from several hosts (report/hosts.ts), the counts are the host's the trend and the
 * limits read: an output whose prompt names another host is left out, as it is from the trend. Outputs read in
 * different network namespaces (report/netns.ts: a pod's and the node's own, two pods) are different sockets of
 * different places, never added up (countOf): each namespace has its own counts, a state's count is its latest
 * count's namespace's, and the other namespaces' counts of it stand beside it (`elsewhere`). Within one namespace,
 * outputs the commands tell apart (`-4` and `-6`, two prompt hosts) are read apart, each one's latest count standing
 * for its sockets, and added up (scopeGroups).
 *
 * Pure: no `vscode`, no Node built-ins. Linear in the note's evidence and state mentions.
 */
import { STATE_IDS, type Lang, type Localized, type StateId } from '../catalogue/types';
import { isListing, isLowerBound } from '../evidence/coverage';
import { placeOf } from '../evidence/blockCounts';
import type { SegmentScope } from '../evidence/types';
import { segmentNetnsKey } from './netns';
import { splitBy } from './splitBy';
import type { EvidenceKind } from '../evidence/types';
import { proseCounts, type ProseCount } from '../evidence/connections/proseCounts';
import { addClamped, withoutQuoteMarkers } from '../evidence/text';
import { withinRange, type NoteModel, type OffsetRange } from '../note/model';
import { EVIDENCE_KIND_LABEL, t } from '../strings';
import { segmentInSeries } from './hosts';
import { compareOnAxis } from './sampleOrder';
import { axisAtLine, axisOf, sampleAt, timelineOf, type TimelinePoint } from './timeline';

import type { CountSource } from '../evidence/blockCounts';

export type { CountSource };

export interface StateCount {
  readonly count: number;
  readonly source: CountSource;
  /** 0-based note line: the sample's first output line (a count written in the text: its line). */
  readonly line: number;
  /** Rows of a cut listing (`| head`, an elided row): the state has at least this many sockets. */
  readonly atLeast?: true;
  /** The network namespace its sample was read in, when not the host's (report/netns.ts). */
  readonly netns?: string;
}

/** A sample the counts come from. */
export interface CountSample {
  /** 0-based note line of its first output line. */
  readonly line: number;
  readonly kind: EvidenceKind | 'prose';
  /** Its time as the timeline shows it, or null when the note gives none. */
  readonly time: string | null;
}

export interface CurrentCounts {
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** Each state's counts in the other network namespaces than its count's, in time order (only states that have some). */
  readonly elsewhere: ReadonlyMap<StateId, readonly StateCount[]>;
  /** The latest whole per-state count (one that speaks for more than one state), or null. */
  readonly from: CountSample | null;
  /** The samples the counts come from, in time order. */
  readonly sources: readonly CountSample[];
  /** States a sample showed that have no socket now: no count (a later count speaks for them without one) or 0. */
  readonly gone: ReadonlySet<StateId>;
  /** The counts written in the text. */
  readonly prose: readonly ProseCount[];
  /**
   * The samples were read apart by network namespace (each one's known, splitBy.ts): every count's `netns` is where
   * it was read. Otherwise a count may stand for any namespace's sockets (it is its latest sample's).
   */
  readonly byNetns: boolean;
}

const PROSE_CONTEXTS: ReadonlySet<string> = new Set(['prose', 'list', 'table', 'blockquote']);

interface Sample extends CountSample {
  /** Place on the time axis (minutes; -Infinity before any timed sample). */
  readonly minutes: number;
  readonly source: CountSource;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  readonly covers?: readonly StateId[];
  readonly atLeast: boolean;
  /** A count of some of the states' sockets (`| grep :443`, `dport = :443`, `| head`: EvidenceSegment.partial). */
  readonly partial: boolean;
  /** Its block (first line) and which sockets its command saw (EvidenceSegment.scope). */
  readonly block?: number;
  readonly scope?: SegmentScope;
  /** The network namespace it was read in: '' the host's (the shell's own, `ssh HOST`), undefined when not known (no command read, a count in the text). */
  readonly netns?: string;
}

/**
 * Could two samples of one network namespace have seen the same sockets? Yes unless their address families or
 * hosts are known for both and differ (evidence/blockCounts.ts scopesOverlap, the namespace left out: countOf
 * has told namespaces apart, and a namespace named two ways, a pod sharing the node's, is one).
 */
function overlapIn(a: SegmentScope | undefined, b: SegmentScope | undefined): boolean {
  if (!a || !b) return true;
  const [x, y] = [placeOf(a).host, placeOf(b).host];
  return !((a.family && b.family && a.family !== b.family) || (x && y && x !== y));
}

/**
 * The count of `state` in `s` and in the other samples of its block (one paste, one moment) of the same source that
 * saw other sockets of its namespace (scopes that do not overlap: `ss -4` and `ss -6`), added up as
 * evidence/blockCounts.ts adds them within a block.
 */
function withScopes(state: StateId, s: Sample, samples: readonly Sample[]): number {
  let n = s.counts[state] ?? 0;
  if (!s.scope || s.block === undefined) return n;
  const seen: SegmentScope[] = [s.scope];
  for (const o of samples) {
    const m = o.counts[state];
    if (o === s || m === undefined || o.block !== s.block || o.source !== s.source || o.partial || !o.scope) continue;
    if (seen.some((x) => overlapIn(x, o.scope))) continue;
    seen.push(o.scope);
    n += m;
  }
  return n;
}

/** The samples of the note (of `range`), in time order. `points`: the timeline of the same evidence. */
function samplesOf(model: NoteModel, range: OffsetRange | undefined, points: readonly TimelinePoint[], prose: readonly ProseCount[]): Sample[] {
  const timed = new Map<number, TimelinePoint>();
  for (const p of points) timed.set(p.line, p);
  const out: Sample[] = [];
  for (const block of model.evidence) {
    if (!withinRange(range, block.start, block.end)) continue;
    const p = timed.get(block.startLine);
    block.segments.forEach((seg, i) => {
      if (Object.keys(seg.counts).length === 0 || !segmentInSeries(model, block, i)) return;
      const listing = isListing(seg);
      const netnsKey = segmentNetnsKey(model, seg);
      // The note's one order (sampleOrder.ts): a block without a time stands at the latest time above it; an output
      // of a block holding several samples at its own sample's time.
      const at = p ? sampleAt(model, block, seg.startLine) : { minutes: axisOf(model, block), time: null };
      out.push({
        line: seg.startLine,
        kind: seg.kind,
        time: at.time,
        minutes: at.minutes,
        source: listing ? 'listing' : 'count-block',
        counts: seg.counts,
        ...(seg.covers && !listing ? { covers: seg.covers } : {}),
        atLeast: isLowerBound(seg),
        partial: seg.partial === true,
        block: block.startLine,
        ...(seg.scope ? { scope: seg.scope } : {}),
        ...(netnsKey !== undefined ? { netns: netnsKey } : {}),
      });
    });
  }
  for (const c of prose) out.push({ line: c.line, kind: 'prose', time: null, minutes: axisAtLine(model, c.line), source: 'prose', counts: { [c.state]: c.count }, atLeast: c.atLeast === true, partial: false });
  return out.sort(compareOnAxis);
}

/** The samples split by `key`; one group of all when a sample has none, or there are too many (splitBy.ts). */
function groupBy(samples: readonly Sample[], key: (s: Sample) => string | undefined): (readonly Sample[])[] {
  const groups = splitBy(samples, key);
  return groups ? [...groups.values()] : [samples];
}

/**
 * The samples of one namespace split by the sockets their commands saw, when the commands tell them apart: `ss -4`
 * and `ss -6`, two prompt hosts — each group's latest count stands for its sockets, and the groups add up. One group
 * when a sample's scope is unknown (output without its command), a count is written in the text, or two groups could
 * overlap.
 */
function scopeGroups(samples: readonly Sample[]): (readonly Sample[])[] {
  const list = groupBy(samples, (s) => (s.scope && s.source !== 'prose' ? `${s.scope.family ?? ''}|${placeOf(s.scope).host ?? ''}` : undefined));
  return list.some((a, i) => list.some((b, j) => j > i && overlapIn(a[0]?.scope, b[0]?.scope))) ? [samples] : list;
}

/**
 * The count of `state` from the samples in time order: its count in each network namespace, the latest of them
 * first, and the samples they come from (see the file's comment). The samples by the namespace they were read in:
 * each namespace's sockets are its own, never added to another's; one group when a sample's namespace is unknown
 * (output without its command, a count written in the text: it may have seen any of them, and the latest stands).
 * In a namespace, each group of scopeGroups' latest count stands for its sockets, and they add up.
 */
function countOf(state: StateId, samples: readonly Sample[]): { count: StateCount; elsewhere: StateCount[]; samples: Sample[] } | undefined {
  const found = groupBy(samples, (s) => s.netns).flatMap((inNetns) => {
    let total = 0;
    let atLeast = false;
    let latest: { count: StateCount; sample: Sample } | undefined;
    const from: Sample[] = [];
    for (const g of scopeGroups(inNetns)) {
      const c = countIn(state, g);
      if (!c) continue;
      total = addClamped(total, c.count.count);
      atLeast ||= c.count.atLeast === true;
      from.push(c.sample);
      if (!latest || compareOnAxis(latest.sample, c.sample) <= 0) latest = c;
    }
    if (!latest) return [];
    const netns = latest.sample.netns || undefined;
    return [{ count: { ...latest.count, count: total, ...(atLeast ? { atLeast: true as const } : {}), ...(netns !== undefined ? { netns } : {}) }, samples: from, latest: latest.sample }];
  });
  found.sort((a, b) => compareOnAxis(a.latest, b.latest));
  const latest = found.pop();
  return latest && { count: latest.count, elsewhere: found.map((f) => f.count), samples: [latest, ...found].flatMap((f) => f.samples).sort(compareOnAxis) };
}

/** The count of `state` from samples of overlapping sockets, in time order, and the sample it comes from. */
function countIn(state: StateId, samples: readonly Sample[]): { count: StateCount; sample: Sample } | undefined {
  let i = samples.length - 1;
  for (; i >= 0; i--) {
    const s = samples[i] as Sample;
    // A count of some of the sockets never decides while anything counts them all (evidence/blockCounts.ts).
    if (s.source !== 'count-block' || s.partial) continue;
    const n = s.counts[state];
    if (n !== undefined) return { count: { count: withScopes(state, s, samples), source: 'count-block', line: s.line }, sample: s };
    if (s.covers?.includes(state)) {
      // It had none of its sockets; the same paste's counts of other sockets (`ss -6` beside `ss -4`) still do.
      const others = withScopes(state, s, samples);
      if (others > 0) return { count: { count: others, source: 'count-block', line: s.line }, sample: s };
      break;
    }
  }
  // No count lists it at or after the last count that speaks for it: the latest text count, else listing, after it.
  let found: Sample | undefined;
  let partial: Sample | undefined;
  let whole: Sample | undefined;
  for (let j = samples.length - 1; j > i; j--) {
    const s = samples[j] as Sample;
    if (s.counts[state] === undefined) continue;
    if (s.source === 'count-block') {
      partial ??= s;
      continue;
    }
    if (s.source === 'prose') {
      found = s;
      break;
    }
    found ??= s;
    if (!s.atLeast) whole ??= s;
  }
  // A listing of some of the sockets (`| head`, a filter, lsof) does not replace a whole listing that showed as many
  // or more: `≥ 2` after `sport = :443` says less than the 4 listeners listed before it.
  if (found?.atLeast && whole && (whole.counts[state] as number) >= (found.counts[state] as number)) found = whole;
  // Nothing else counts the state, or only listing rows before a later count of some of its sockets that is larger
  // (`| head -3` showed 2, or a whole listing 2 at 02:20; `| grep java | uniq -c` counts 655 at 02:35): that count, as
  // a lower bound — the state has at least that many now.
  const partialCount = partial ? (partial.counts[state] as number) : 0;
  const later = partial !== undefined && found !== undefined && samples.indexOf(partial) > samples.indexOf(found);
  if (partial && (!found || (later && found.source === 'listing' && partialCount > (found.counts[state] as number)))) {
    return { count: { count: partialCount, source: 'count-block', line: partial.line, atLeast: true }, sample: partial };
  }
  if (!found) return undefined;
  const n = found.source === 'listing' ? withScopes(state, found, samples) : (found.counts[state] as number);
  return { count: found.atLeast ? { count: n, source: found.source, line: found.line, atLeast: true } : { count: n, source: found.source, line: found.line }, sample: found };
}

/** The lines of the note's state mentions in prose, lists, tables and quotes (where counts are written in the text). */
function proseOf(model: NoteModel, range: OffsetRange | undefined): ProseCount[] {
  const lines: number[] = [];
  for (const m of model.mentions) {
    if (m.kind === 'state' && PROSE_CONTEXTS.has(m.context) && withinRange(range, m.start, m.end)) lines.push(model.lines.lineAt(m.start));
  }
  return proseCounts(lines, (n) => withoutQuoteMarkers(model.lines.lineText(n)));
}

/**
 * The current counts of the note — with `range`, of that part of it (a section): its evidence blocks and count
 * lines. `points`: the timeline of the same evidence (report/timeline.ts timelineOf).
 */
export function currentCounts(model: NoteModel, range: OffsetRange | undefined, points: readonly TimelinePoint[]): CurrentCounts {
  const prose = proseOf(model, range);
  const samples = samplesOf(model, range, points, prose);
  const counts = new Map<StateId, StateCount>();
  const elsewhere = new Map<StateId, StateCount[]>();
  const used = new Set<Sample>();
  const gone = new Set<StateId>();
  for (const state of STATE_IDS) {
    const c = countOf(state, samples);
    if (c) {
      counts.set(state, c.count);
      if (c.elsewhere.length) elsewhere.set(state, c.elsewhere);
      for (const s of c.samples) used.add(s);
    }
    // Gone: no socket now in any namespace.
    const none = !c || (c.count.count === 0 && c.elsewhere.every((x) => x.count === 0));
    if (none && samples.some((s) => (s.counts[state] ?? 0) > 0)) gone.add(state);
  }
  let from: Sample | undefined;
  for (const s of samples) if (s.source === 'count-block' && (s.covers?.length ?? 0) > 1) from = s;
  const plain = (s: Sample): CountSample => ({ line: s.line, kind: s.kind, time: s.time });
  const byNetns = splitBy(samples, (s) => s.netns) !== undefined;
  return { counts, elsewhere, from: from ? plain(from) : null, sources: samples.filter((s) => used.has(s)).map(plain), gone, prose, byNetns };
}

const MEMO = new WeakMap<NoteModel, Map<string, CurrentCounts>>();
const MAX_MEMO_RANGES = 16;

/** currentCounts of the note (of `range`), with its timeline; computed once per model and range. */
export function noteCounts(model: NoteModel, range?: OffsetRange): CurrentCounts {
  let byRange = MEMO.get(model);
  if (!byRange) MEMO.set(model, (byRange = new Map()));
  const key = range ? `${range.start}:${range.end}` : '';
  let hit = byRange.get(key);
  if (!hit) {
    if (byRange.size >= MAX_MEMO_RANGES) byRange.clear();
    const scoped: NoteModel = range ? { ...model, evidence: model.evidence.filter((b) => withinRange(range, b.start, b.end)) } : model;
    byRange.set(key, (hit = currentCounts(model, range, timelineOf(scoped))));
  }
  return hit;
}

const W = {
  at: { en: '{what}, line {line} at {time}', 'zh-cn': '第 {line} 行的 {what}（{time}）' },
  line: { en: '{what}, line {line}', 'zh-cn': '第 {line} 行的 {what}' },
  also: { en: '{first}; also {lines}', 'zh-cn': '{first}；另有{lines}' },
  each: { en: 'the latest count of each state: {lines}', 'zh-cn': '各状态最近一次的计数：{lines}' },
  oneLine: { en: 'line {n}', 'zh-cn': '第 {n} 行' },
  lines: { en: 'lines {n}', 'zh-cn': '第 {n} 行' },
  prose: { en: 'counts in the text', 'zh-cn': '正文中的计数' },
} as const satisfies Record<string, Localized>;

const MAX_LINES_NAMED = 4;

function linesText(samples: readonly CountSample[], lang: Lang): string {
  const ns = samples.slice(0, MAX_LINES_NAMED).map((s) => String(s.line + 1));
  const list = ns.join(lang === 'zh-cn' ? '、' : ', ') + (samples.length > MAX_LINES_NAMED ? (lang === 'zh-cn' ? '…' : ', …') : '');
  return t(samples.length === 1 ? W.oneLine : W.lines, lang, { n: list });
}

function sampleText(s: CountSample, lang: Lang): string {
  const label = s.kind === 'prose' ? W.prose : EVIDENCE_KIND_LABEL[s.kind];
  const what = label ? t(label, lang) : s.kind;
  return t(s.time === null ? W.line : W.at, lang, { what, line: s.line + 1, time: s.time ?? '' });
}

/**
 * Where the current counts come from, for people (the report, the diagram's legend and Mermaid comment): the
 * latest whole count with its line and time, and the lines of the other samples the counts come from; without a
 * whole count, the one sample, or the lines. Undefined when there are no counts. Backticks as in EVIDENCE_KIND_LABEL.
 */
export function countsSourceText(c: Pick<CurrentCounts, 'from' | 'sources'>, lang: Lang): string | undefined {
  if (c.from) {
    const fromLine = c.from.line;
    const others = c.sources.filter((s) => s.line !== fromLine);
    const first = sampleText(c.from, lang);
    return others.length ? t(W.also, lang, { first, lines: linesText(others, lang) }) : first;
  }
  if (c.sources.length === 0) return undefined;
  if (c.sources.length === 1) return sampleText(c.sources[0] as CountSample, lang);
  return t(W.each, lang, { lines: linesText(c.sources, lang) });
}
