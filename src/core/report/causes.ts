/**
 * Causes: rules that turn the note's evidence into a likely cause, with the reasoning, what to check next,
 * what to change, and a public source (facts §2.5, §4.7, §7; texts in causeTexts.ts). Each rule fires only on
 * evidence that shows its pattern — a majority of the relevant sockets, not one stray row — and says nothing
 * otherwise. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import type { StateId } from '../catalogue/types';
import type { StateSockets } from '../evidence/connections';
import { formatPercent } from '../snapshot/pressure';
import { formatNumber, t } from '../strings';
import { parseUint } from '../evidence/text';
import { CAUSE_TEXT, PHRASE, type CauseRule } from './causeTexts';
import type { StateCount } from './noteEvidence';
import type { Limits, TimelinePoint, Trend } from './timeline';
import type { InEffect } from './inEffect';

export type { CauseRule } from './causeTexts';

export interface Cause {
  readonly rule: CauseRule;
  /** The state the cause is about, or null for host-wide causes (orphan limit, TCP memory, abort counters). */
  readonly state: StateId | null;
  readonly message: string;
  readonly check: readonly string[];
  readonly change: readonly string[];
  readonly source: string;
}

export interface CauseFacts {
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** States the note's samples showed that have no socket now (currentCounts.ts): no cause about them applies. */
  readonly gone?: ReadonlySet<StateId>;
  readonly points: readonly TimelinePoint[];
  readonly limits: Limits;
  readonly trend: Trend | null;
  readonly counters: Readonly<Record<string, number>>;
  /** The last value of each sysctl in the note: read when a state has no `stateSysctls` (facts built by hand). */
  readonly sysctls: Readonly<Record<string, string>>;
  /** The sysctls in effect at each state's first listed row (report/inEffect.ts). */
  readonly stateSysctls?: Readonly<Partial<Record<StateId, Readonly<Record<string, InEffect>>>>>;
  /** Kernel log messages the note shows in code (catalogue ids). */
  readonly kernelMessages?: readonly string[];
}

/** CLOSE-WAIT sockets that make a pattern rather than a moment. */
export const CLOSE_WAIT_MIN = 20;

const timed = (s: StateSockets): number => s.timers.on + s.timers.persist + s.timers.keepalive + s.timers.timewait + s.timers.none;
const majority = (part: number, whole: number): boolean => whole > 0 && part * 2 > whole;

function make(rule: CauseRule, state: StateId | null, lang: Lang, values: Record<string, string | number>): Cause {
  const text = CAUSE_TEXT[rule];
  return {
    rule,
    state,
    message: t(text.message, lang, values),
    check: text.check.map((c) => t(c, lang)),
    change: text.change.map((c) => t(c, lang)),
    source: text.source,
  };
}

function zeroWindow(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('FIN-WAIT-1');
  if (!s) return undefined;
  const n = timed(s);
  if (s.timers.persist === 0 || !majority(s.timers.persist, n) || !majority(s.sendQ.nonZero, s.sendQ.rows)) return undefined;
  const top = s.prefixes[0];
  const network = top && s.listed >= 2 && majority(top.count, s.listed) ? t(PHRASE.network, lang, { count: top.count, listed: s.listed, prefix: top.prefix }) : '';
  return make('fin-wait-1-zero-window', 'FIN-WAIT-1', lang, { persist: s.timers.persist, timed: n, nonZero: s.sendQ.nonZero, rows: s.sendQ.rows, max: formatNumber(s.sendQ.max), network });
}

/**
 * The value of a sysctl a rule compares with a state's sockets: the one in effect at the state's listing
 * (inEffect.ts; `after` when read only later in the note), else the note's last value.
 */
function sysctlFor(f: CauseFacts, state: StateId, key: string): { value?: string; after: boolean } {
  const at = f.stateSysctls?.[state];
  if (at) return at[key] ?? { after: false };
  const v = f.sysctls[key];
  return v === undefined ? { after: false } : { value: v, after: false };
}

/** ", read later in the note" after a value read only after the sample it is compared with. */
const readLater = (after: boolean, lang: Lang): string => (after ? t(PHRASE.readLater, lang) : '');

/** The retransmission budget of an orphan: tcp_orphan_retries, where 0 means 8 (while the RTO is not maxed out). */
export function orphanBudget(sysctls: Readonly<Record<string, string>>): { budget: number; setting: string } {
  const v = parseUint(sysctls['net.ipv4.tcp_orphan_retries']?.trim());
  if (v === undefined) return { budget: 8, setting: '?' };
  return { budget: v === 0 ? 8 : v, setting: String(v) };
}

function unanswered(f: CauseFacts, lang: Lang): Cause[] {
  const out: Cause[] = [];
  for (const state of ['FIN-WAIT-1', 'CLOSING'] as const) {
    const s = f.sockets.get(state);
    if (!s || s.retransMax === null || s.timers.on === 0) continue;
    const retries = sysctlFor(f, state, 'net.ipv4.tcp_orphan_retries');
    const { budget, setting } = orphanBudget(retries.value === undefined ? {} : { 'net.ipv4.tcp_orphan_retries': retries.value });
    if (s.retransMax < Math.max(1, budget - 2)) continue;
    out.push(make('orphan-retransmits-unanswered', state, lang, { on: s.timers.on, state, retrans: s.retransMax, budget, setting: setting === '?' ? t(PHRASE.default, lang) : setting + readLater(retries.after, lang) }));
  }
  return out;
}

function lastAck(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('LAST-ACK');
  if (!s || s.timers.on === 0 || s.retransMax === null || s.retransMax < 1) return undefined;
  return make('last-ack-fin-unacknowledged', 'LAST-ACK', lang, { on: s.timers.on, retrans: s.retransMax });
}

/** A process name from the note, reduced to characters that are inert in Markdown, HTML and terminals. */
export function safeName(name: string): string {
  return name.slice(0, 32).replace(/[^A-Za-z0-9.\-/:@ ]/g, '?');
}

function closeWait(f: CauseFacts, lang: Lang): Cause | undefined {
  const best = f.counts.get('CLOSE-WAIT');
  const series = f.points.map((p) => p.counts['CLOSE-WAIT']).filter((v): v is number => v !== undefined);
  const from = series[0];
  const to = series[series.length - 1];
  const growing = series.length >= 2 && from !== undefined && to !== undefined && to > from;
  if (!growing && (!best || best.count < CLOSE_WAIT_MIN)) return undefined;
  const procs = f.sockets.get('CLOSE-WAIT')?.processes ?? [];
  return make('close-wait-not-closed', 'CLOSE-WAIT', lang, {
    count: formatNumber(growing ? (to as number) : (best as StateCount).count),
    growth: growing ? t(PHRASE.growth, lang, { from: formatNumber(from as number), to: formatNumber(to as number) }) : '',
    procs: procs.length ? t(PHRASE.procs, lang, { names: procs.map((p) => `${safeName(p.name)} ×${p.count}`).join(', ') }) : '',
  });
}

function finWait2(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('FIN-WAIT-2');
  if (!s) return undefined;
  const n = timed(s);
  if (majority(s.timers.timewait, n)) return make('fin-wait-2-timewait-minisocks', 'FIN-WAIT-2', lang, { timewait: s.timers.timewait, timed: n });
  if (majority(s.timers.keepalive, n)) {
    const fin = sysctlFor(f, 'FIN-WAIT-2', 'net.ipv4.tcp_fin_timeout');
    return make('fin-wait-2-orphans-waiting', 'FIN-WAIT-2', lang, {
      keepalive: s.timers.keepalive,
      timed: n,
      fin: fin.value !== undefined ? `tcp_fin_timeout = ${fin.value}${readLater(fin.after, lang)}` : t(PHRASE.finUnknown, lang),
    });
  }
  return undefined;
}

function trendPhrase(trend: Trend | null, lang: Lang): string {
  if (!trend || !(trend.orphanPerMinute > 0)) return '';
  const parts: string[] = [];
  const add = (what: string, m: number | null): void => {
    if (m === null) return;
    parts.push(m === 0 ? t(PHRASE.passed, lang, { what }) : t(PHRASE.inMin, lang, { what, m }));
  };
  add('¼', trend.minutesToQuarter);
  add('½', trend.minutesToHalf);
  add(t(PHRASE.limit, lang), trend.minutesToLimit);
  if (!parts.length) return '';
  return t(PHRASE.trend, lang, { rate: formatNumber(trend.orphanPerMinute), parts: parts.join(t(PHRASE.sep, lang)) });
}

function orphanPressureCause(f: CauseFacts, lang: Lang): Cause | undefined {
  const l = f.limits;
  if (l.orphan === null || l.tcpMaxOrphans === null) return undefined;
  const soon = f.trend !== null && f.trend.orphanPerMinute > 0 && f.trend.minutesToQuarter !== null && f.trend.minutesToQuarter <= 60;
  if (l.orphanLevel !== 'quarter' && l.orphanLevel !== 'half' && l.orphanLevel !== 'over' && !soon) return undefined;
  const level = l.orphanLevel === 'over' ? PHRASE.levelOver : l.orphanLevel === 'half' ? PHRASE.levelHalf : l.orphanLevel === 'quarter' ? PHRASE.levelQuarter : PHRASE.levelLow;
  // The heading says what the numbers say: over (the kernel's `orphan > max`), at (equal), else near.
  const head = l.orphanLevel === 'over' ? PHRASE.headOver : l.orphan === l.tcpMaxOrphans ? PHRASE.headAt : PHRASE.headNear;
  return make('orphan-limit-pressure', null, lang, {
    head: t(head, lang),
    orphan: formatNumber(l.orphan),
    max: formatNumber(l.tcpMaxOrphans),
    pct: l.orphanRatio !== null ? formatPercent(l.orphanRatio) : '?',
    level: t(level, lang),
    trend: trendPhrase(f.trend, lang),
  });
}

/** The catalogue id of "TCP: out of memory -- consider tuning tcp_mem". */
const MSG_TCP_MEM = 'msg.out-of-memory-consider-tuning-tcp-mem';

/**
 * TCP memory (sockstat `mem`, pages) above tcp_mem[1] (pressure) or tcp_mem[2] (the hard limit) at the latest
 * sample, against the tcp_mem in effect then (limits.memLevel, the kernel's strict `>` in
 * __sk_mem_raise_allocated).
 */
function tcpMemory(f: CauseFacts, lang: Lang): Cause | undefined {
  const l = f.limits;
  if (l.mem === null || l.tcpMem === null || (l.memLevel !== 'pressure' && l.memLevel !== 'over')) return undefined;
  const over = l.memLevel === 'over';
  const values = { mem: formatNumber(l.mem), pressure: formatNumber(l.tcpMem[1]), max: formatNumber(l.tcpMem[2]), pct: l.memRatio !== null ? formatPercent(l.memRatio) : '?' };
  const soon = !over && l.memPerMinute !== null && l.memPerMinute > 0 && l.minutesToMemLimit !== null && l.minutesToMemLimit > 0;
  return make('tcp-memory-limit', null, lang, {
    headline: t(over ? PHRASE.memOverHead : PHRASE.memPressureHead, lang),
    detail: t(over ? PHRASE.memOver : PHRASE.memPressure, lang, values),
    trend: soon ? t(PHRASE.memTrend, lang, { rate: formatNumber(l.memPerMinute as number), m: l.minutesToMemLimit as number }) : '',
    log: f.kernelMessages?.includes(MSG_TCP_MEM) ? t(PHRASE.memLog, lang) : '',
  });
}

function abortOnMemory(f: CauseFacts, lang: Lang): Cause | undefined {
  const n = f.counters.TcpExtTCPAbortOnMemory;
  if (n === undefined || !(n > 0)) return undefined;
  return make('orphans-reset-by-kernel', null, lang, { n: formatNumber(n) });
}

/**
 * Every cause the evidence supports, state causes first (in state order), then host-wide ones. A state the latest
 * count shows gone gets none, whatever earlier samples or listings showed of it.
 */
export function findCauses(f: CauseFacts, lang: Lang): Cause[] {
  const out: Cause[] = [];
  const push = (c: Cause | undefined): void => {
    if (c && (c.state === null || !f.gone?.has(c.state))) out.push(c);
  };
  push(zeroWindow(f, lang));
  for (const c of unanswered(f, lang)) push(c);
  push(lastAck(f, lang));
  push(closeWait(f, lang));
  push(finWait2(f, lang));
  push(orphanPressureCause(f, lang));
  push(tcpMemory(f, lang));
  push(abortOnMemory(f, lang));
  return out;
}
