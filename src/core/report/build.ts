/**
 * The report of a note (`tcp-state-notes report`): per-state counts and socket detail, the timeline and trend,
 * the limits, the likely causes and the findings — one pure function from the note's analysis to the JSON the
 * CLI prints (markdown.ts renders the same data as text). Pure: no `vscode`, no Node built-ins.
 */
import { withinRange, type EvidenceBlock, type NoteModel, type OffsetRange } from '../note/model';
import { STATE_IDS, type Lang, type StateId } from '../catalogue/types';
import type { StateSockets, TimerKind } from '../evidence/connections';
import { countsTimeWait, findCauses, type AdviceDone, type Cause, type CounterReading } from './causes';
import { compareOnAxis } from './sampleOrder';
import { connectErrorLines } from './connectErrors';
import { checkNote, type Finding } from '../check/findings';
import { noteEvidenceSteps, runSteps, type CountSample, type NoteEvidence, type OutputSample } from './noteEvidence';
import { placeOf, settingsAt, timelineOf, type TimelinePoint } from './timeline';
import { fitPoints, limitsAtSamples, limitsOf, trendOf, type Limits, type SampleLimits, type Trend } from './limits';
import { hostSeries, segmentInSeries, type HostSeries } from './hosts';
import type { InEffect } from './inEffect';
import { toCollect } from './collect';

export interface NoteAnalysis {
  readonly evidence: NoteEvidence;
  readonly points: readonly TimelinePoint[];
  readonly limits: Limits;
  /** Every sockstat sample against the limits in effect at it, the latest last (limits.ts limitsAtSamples). */
  readonly sockstatSamples: readonly SampleLimits[];
  readonly trend: Trend | null;
  readonly counters: Readonly<Record<string, number>>;
  /** The last value of each sysctl in the note (the template's prefill). */
  readonly sysctls: Readonly<Record<string, string>>;
  /** The sysctls in effect at each state's listing, the latest that shows it (inEffect.ts): what the cause rules compare. */
  readonly stateSysctls: Readonly<Partial<Record<StateId, Readonly<Record<string, InEffect>>>>>;
  /** The kernel log messages (catalogue ids, `msg.…`) the note shows in its code blocks. */
  readonly kernelMessages: readonly string[];
  /** The first 0-based note line of each of them. */
  readonly kernelMessageLines: Readonly<Record<string, number>>;
  /** The per-state count outputs (evidence.samples) placed in time, with the sysctls in effect at TIME-WAIT ones. */
  readonly samples: readonly OutputSample[];
  /** Each counter's readings in note order (one per output that shows it): the rules compare the first and last. */
  readonly counterReadings: Readonly<Record<string, readonly CounterReading[]>>;
  /** Lines quoting connect() failing with EADDRNOTAVAIL (report/connectErrors.ts). */
  readonly connectErrorLines: readonly number[];
  /** When the sockstat samples come from several hosts: the one the trend and the limits read (hosts.ts). */
  readonly hosts: HostSeries | null;
}

/**
 * Everything the report, the hover and the code lens derive from a note's evidence (language-free). With
 * `range` (the diagram scoped to a section), only the evidence inside it: its blocks, samples and count lines.
 */
export function analyseEvidence(whole: NoteModel, range?: OffsetRange): NoteAnalysis {
  return runSteps(analyseEvidenceSteps(whole, range));
}

/** analyseEvidence in steps (one per evidence block, see noteEvidenceSteps). */
export function* analyseEvidenceSteps(whole: NoteModel, range?: OffsetRange): Generator<void, NoteAnalysis, void> {
  const model: NoteModel = range ? { ...whole, evidence: whole.evidence.filter((b) => withinRange(range, b.start, b.end)) } : whole;
  const points = timelineOf(model);
  const evidence = yield* noteEvidenceSteps(whole, range, points);
  const sockstatSamples = limitsAtSamples(model, points);
  const limits = limitsOf(model, points, sockstatSamples);
  const counters: Record<string, number> = {};
  const sysctls: Record<string, string> = {};
  for (const b of model.evidence) {
    Object.assign(counters, b.counters);
    Object.assign(sysctls, b.sysctls);
  }
  const stateSysctls = Object.keys(sysctls).length ? sysctlsAtListings(model, evidence) : {};
  return {
    evidence,
    points,
    limits,
    sockstatSamples,
    trend: trendOf(fitPoints(model, points, 'orphan').points, limits),
    hosts: hostSeries(model) ?? null,
    counters,
    sysctls,
    stateSysctls,
    ...messages(kernelMessagesOf(whole, range)),
    samples: placedSamples(model, evidence.samples, Object.keys(sysctls).length > 0),
    counterReadings: counterReadingsOf(model),
    connectErrorLines: connectErrorLines(whole, range),
  };
}

const messages = (m: Map<string, number>) => ({ kernelMessages: [...m.keys()], kernelMessageLines: Object.fromEntries(m) });

/** The block holding note line `line` (blocks in note order, non-overlapping), by binary search. */
function blockAt(model: NoteModel, line: number): EvidenceBlock | undefined {
  const blocks = model.evidence;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = blocks[mid] as EvidenceBlock;
    if (line < b.startLine) hi = mid - 1;
    else if (line >= b.endLine) lo = mid + 1;
    else return b;
  }
  return undefined;
}

/**
 * The samples on the note's time axis (a sample in a timed block takes its minutes), and the sysctls in effect at
 * the ones the port rule compares with ip_local_port_range: every TIME-WAIT sample (causes.ts judges the rule at the
 * one where it held, with the settings then), the latest in time marked `twLatest`.
 */
function placedSamples(model: NoteModel, samples: readonly OutputSample[], withSysctls: boolean): OutputSample[] {
  const placed = samples.map((s): OutputSample => {
    const block = s.prose ? undefined : blockAt(model, s.line);
    const minutes = block ? placeOf(model, block, s.line).minutes : undefined;
    return minutes !== undefined ? { ...s, minutes } : s;
  });
  if (!withSysctls) return placed;
  let latest: number | undefined;
  placed.forEach((s, i) => {
    if (!countsTimeWait(s)) return;
    const block = blockAt(model, s.line);
    if (block) placed[i] = { ...s, sysctls: settingsAt(model, placeOf(model, block, s.line), true, true) };
    const l = latest === undefined ? undefined : (placed[latest] as OutputSample);
    if (!l || compareOnAxis({ minutes: s.minutes ?? -Infinity, line: s.line }, { minutes: l.minutes ?? -Infinity, line: l.line }) > 0) latest = i;
  });
  if (latest !== undefined) placed[latest] = { ...(placed[latest] as OutputSample), twLatest: true };
  return placed;
}

/** Counters whose readings the rules compare (a count since boot says little; its growth between readings does). */
const COMPARED_COUNTERS = ['TcpExtListenOverflows', 'TcpExtListenDrops', 'TcpExtSyncookiesSent', 'TcpExtTCPReqQFullDoCookies', 'TcpExtTCPReqQFullDrop', 'TcpExtTCPAbortOnMemory', 'TcpExtTCPTimeWaitOverflow'] as const;

function counterReadingsOf(model: NoteModel): Record<string, CounterReading[]> {
  const out: Record<string, CounterReading[]> = {};
  for (const b of model.evidence) {
    if (Object.keys(b.counters).length === 0) continue;
    for (const [i, seg] of b.segments.entries()) {
      // Readings from several hosts: the host the counts and the trend read (hosts.ts); growth between two machines is none.
      if (!seg.counters || !segmentInSeries(model, b, i)) continue;
      for (const name of COMPARED_COUNTERS) {
        const value = seg.counters[name];
        if (value === undefined) continue;
        const at = { value, line: seg.startLine, block: b.startLine };
        const reading: CounterReading = seg.nstat === 'increments' ? { ...at, increment: true, nstat: true } : seg.nstat === 'totals' ? { ...at, nstat: true } : at;
        (out[name] ??= []).push(reading);
      }
    }
  }
  return out;
}

/** The sysctls in effect at each state's listing, the latest that shows it (the block holding its first row, placed as the limits place a sample). */
function sysctlsAtListings(model: NoteModel, evidence: NoteEvidence): Partial<Record<StateId, Record<string, InEffect>>> {
  const out: Partial<Record<StateId, Record<string, InEffect>>> = {};
  for (const [state, line] of evidence.listingLines) {
    const block = model.evidence.find((b) => line >= b.startLine && line < b.endLine);
    if (block) out[state] = settingsAt(model, placeOf(model, block, line), true, true);
  }
  return out;
}

/** Kernel log messages shown in code blocks (a dmesg paste), not ones a sentence talks about: each id and its first 0-based line. */
function kernelMessagesOf(model: NoteModel, range: OffsetRange | undefined): Map<string, number> {
  const ids = new Map<string, number>();
  for (const m of model.mentions) if (m.kind === 'message' && m.context === 'code-block' && withinRange(range, m.start, m.end) && !ids.has(m.id)) ids.set(m.id, model.lines.lineAt(m.start));
  return ids;
}

export function causesOf(a: NoteAnalysis, lang: Lang): Cause[] {
  return findCauses(
    {
      sockets: a.evidence.sockets,
      ...(a.evidence.netnsSockets ? { netnsSockets: a.evidence.netnsSockets } : {}),
      readsNetns: a.evidence.readsNetns === true,
      counts: a.evidence.counts,
      gone: a.evidence.gone,
      points: a.points,
      limits: a.limits,
      sockstatSamples: a.sockstatSamples,
      trend: a.trend,
      counters: a.counters,
      sysctls: a.sysctls,
      stateSysctls: a.stateSysctls,
      kernelMessages: a.kernelMessages,
      kernelMessageLines: a.kernelMessageLines,
      samples: a.samples,
      counterReadings: a.counterReadings,
      connectErrorLines: a.connectErrorLines,
      endpointTallies: a.evidence.endpointTallies,
    },
    lang,
  );
}

export interface ReportSockets {
  readonly listed: number;
  readonly peers: readonly { readonly address: string; readonly count: number }[];
  readonly prefixes: readonly { readonly prefix: string; readonly count: number }[];
  readonly localPorts: readonly { readonly port: number; readonly count: number }[];
  readonly timers: Readonly<Record<TimerKind, number>>;
  readonly sendQ: { readonly nonZero: number; readonly max: number };
  readonly retransMax: number | null;
}

/** A state's line of the report: its current count (report/currentCounts.ts) and what the note's listings show. */
export interface ReportState {
  readonly count: number | null;
  readonly sockets: ReportSockets;
  /** 0-based note line of the sample the count comes from, or null. */
  readonly countLine: number | null;
  /** The count is the rows of a cut listing (`| head`, an elided row): at least this many. */
  readonly atLeast: boolean;
  /** The network namespace the count was read in, when not the host's (report/netns.ts). */
  readonly netns?: string;
  /** The state's counts in other network namespaces (never added to `count`), in time order; `netns` absent: the host's. */
  readonly otherNetns?: readonly ReportNetnsCount[];
  /**
   * `sockets` split by network namespace, when the state's counts and listings span more than one (netnsSocketsJson):
   * each namespace with listings of the state, the count's first, then as `otherNetns`; `netns` absent: the host's.
   */
  readonly netnsSockets?: readonly ReportNetnsSockets[];
}

/** A state's listings in one network namespace. */
export interface ReportNetnsSockets {
  readonly netns?: string;
  readonly sockets: ReportSockets;
}

/** A state's count in one network namespace. */
export interface ReportNetnsCount {
  readonly netns?: string;
  readonly count: number;
  readonly countLine: number;
  readonly atLeast: boolean;
}

export interface ReportJson {
  readonly file: string;
  readonly states: Readonly<Partial<Record<StateId, ReportState>>>;
  readonly timeline: readonly {
    readonly time: string;
    readonly line: number;
    readonly orphan: number | null;
    readonly tw: number | null;
    readonly mem: number | null;
    /**
     * The time is the section heading's (`## 16:21`): when the section starts; the sample was taken then or later
     * (`after`: after a later sample above it under that heading, though its time reads earlier).
     */
    readonly fromHeading?: 'start' | 'after';
    /** The network namespace its numbers (sockstat, else per-state counts) were read in, when not the host's (`nsenter 48211`, `netns blue`: report/netns.ts). */
    readonly netns?: string;
    /** One of several samples in the block at `line`: the line it starts on (its prompt's or `date`'s), 0-based. */
    readonly sampleLine?: number;
  }[];
  readonly trend: Trend | null;
  readonly limits: Limits;
  readonly causes: readonly {
    readonly state: StateId | null;
    readonly rule: string;
    readonly message: string;
    readonly source: string;
    /** The changes its advice recommends that the note already made after its sample (0-based line), when there are any. */
    readonly done?: readonly AdviceDone[];
  }[];
  readonly findings: readonly Finding[];
  /** The latest whole per-state count the counts start from (its first output line, time, kind), or null. */
  readonly countsFrom: CountSample | null;
  /** With no cause matched: the commands whose output the cause rules lack (collect.ts); absent when none. */
  readonly collect?: readonly string[];
}

const EMPTY: ReportSockets = {
  listed: 0,
  peers: [],
  prefixes: [],
  localPorts: [],
  timers: { on: 0, persist: 0, keepalive: 0, timewait: 0, none: 0 },
  sendQ: { nonZero: 0, max: 0 },
  retransMax: null,
};

function socketsJson(s: StateSockets | undefined): ReportSockets {
  if (!s) return EMPTY;
  return { listed: s.listed, peers: s.peers, prefixes: s.prefixes, localPorts: s.localPorts, timers: s.timers, sendQ: { nonZero: s.sendQ.nonZero, max: s.sendQ.max }, retransMax: s.retransMax };
}

/**
 * The state's listings per network namespace, when the note's are told apart (NoteEvidence.netnsSockets) and the
 * state's count, its counts elsewhere and its listings span more than one namespace; else undefined (`sockets` is
 * the one namespace's).
 */
function netnsSocketsJson(e: NoteEvidence, id: StateId): ReportNetnsSockets[] | undefined {
  const by = e.netnsSockets;
  if (!by) return undefined;
  const count = e.counts.get(id);
  const spaces = new Set<string>([...(count ? [count.netns ?? ''] : []), ...(e.elsewhere.get(id) ?? []).map((o) => o.netns ?? '')]);
  for (const [k, m] of by) if (m.has(id)) spaces.add(k);
  if (spaces.size < 2) return undefined;
  return [...spaces].flatMap((k) => {
    const s = by.get(k)?.get(id);
    return s ? [{ ...(k !== '' ? { netns: k } : {}), sockets: socketsJson(s) }] : [];
  });
}

export interface ReportOptions {
  readonly file: string;
  readonly lang: Lang;
}

export interface Report {
  readonly json: ReportJson;
  readonly analysis: NoteAnalysis;
  /** The causes with their check / change lists (the JSON keeps state, rule, message, source). */
  readonly causes: readonly Cause[];
}

export function buildReport(model: NoteModel, options: ReportOptions): Report {
  const analysis = analyseEvidence(model);
  const causes = causesOf(analysis, options.lang);
  const states: Partial<Record<StateId, ReportState>> = {};
  for (const id of STATE_IDS) {
    const count = analysis.evidence.counts.get(id);
    const sockets = analysis.evidence.sockets.get(id);
    if (!count && !sockets) continue;
    const others = analysis.evidence.elsewhere.get(id);
    const split = netnsSocketsJson(analysis.evidence, id);
    states[id] = {
      count: count?.count ?? null,
      sockets: socketsJson(sockets),
      countLine: count?.line ?? null,
      atLeast: count?.atLeast === true,
      ...(count?.netns !== undefined ? { netns: count.netns } : {}),
      ...(others ? { otherNetns: others.map((o) => ({ ...(o.netns !== undefined ? { netns: o.netns } : {}), count: o.count, countLine: o.line, atLeast: o.atLeast === true })) } : {}),
      ...(split ? { netnsSockets: split } : {}),
    };
  }
  // The same findings as `check` (typos and misconceptions).
  const findings = checkNote(model.text, { lang: options.lang, model });
  const collect = causes.length === 0 ? toCollect(analysis) : [];
  return {
    analysis,
    causes,
    json: {
      file: options.file,
      states,
      timeline: analysis.points.map((p) => ({ time: p.time, line: p.line, orphan: p.orphan, tw: p.tw, mem: p.mem, ...(p.heading ? { fromHeading: p.heading } : {}), ...(p.netns !== undefined ? { netns: p.netns } : {}), ...(p.sampleLine !== undefined ? { sampleLine: p.sampleLine } : {}) })),
      trend: analysis.trend,
      limits: analysis.limits,
      causes: causes.map((c) => ({ state: c.state, rule: c.rule, message: c.message, source: c.source, ...(c.done ? { done: c.done } : {}) })),
      findings,
      countsFrom: analysis.evidence.countsFrom,
      ...(collect.length ? { collect } : {}),
    },
  };
}
