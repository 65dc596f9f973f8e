/**
 * Causes: rules that turn the note's evidence into a likely cause, with the reasoning, what to check next,
 * what to change, and a public source (facts §2.5, §4.7, §7; texts in causeTexts.ts). Each rule fires only on
 * evidence that shows its pattern — a majority of the relevant sockets, not one stray row; a count weighed against
 * what a healthy host shows; a counter that rises between readings, not one reading since boot — and says nothing
 * otherwise. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized } from '../catalogue/types';
import type { StateId } from '../catalogue/types';
import type { StateSockets } from '../evidence/connections';
import { formatPercent, SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM, type OrphanPressure } from '../snapshot/pressure';
import { formatDecimal, formatNumber, t } from '../strings';
import { ORPHAN_PRONE } from '../catalogue/orphan';
import { parseUint } from '../evidence/text';
import { PHRASE } from './causePhrases';
import type { OutputSample } from './noteEvidence';
import type { LimitChange, SampleLimits, Trend } from './limits';
import { orphanRetriesBudget } from './tunableValues';
import { limitValue, majority, make, readLater, safeName, samplesOf, sysctlName, whenOf, type Cause, type CauseFacts, type CounterReading } from './causeBasics';
import { portExhaustion } from './portCause';

export type { CauseRule } from './causeTexts';
export type { AdviceDone, Cause, CauseFacts, CounterReading } from './causeBasics';
export { safeName } from './causeBasics';
export { countsTimeWait, DEFAULT_PORT_RANGE, PORT_SETTINGS, PORTS_CLOSE, PORTS_WITH_ERROR, timeWaitPeak } from './portCause';
export { portRange } from './tunableValues';

/**
 * CLOSE-WAIT (audit J6). A healthy application closes within moments of reading the peer's FIN, so at any instant
 * a few of its connections are in CLOSE-WAIT — more on a busy host, but a small share of its connections. The rule
 * fires on what a healthy host does not show:
 * - a share: at least CLOSE_WAIT_MIN sockets and CLOSE_WAIT_SHARE of the ESTABLISHED and CLOSE-WAIT sockets of the
 *   same output (one moment);
 * - where no output shows the connections beside it (counts alone): at least CLOSE_WAIT_MANY;
 * - growth: the latest count in time above the first by more than NOISE_SIGMAS standard deviations of the
 *   difference of two readings of one steady count (counts only: a listing's rows are a lower bound). The sockets waiting at an instant are the occupancy of an
 *   M/G/∞ queue (FINs arrive, each waits the application's reaction time), which is Poisson: two independent
 *   readings differ by a variance of about their sum.
 */
export const CLOSE_WAIT_MIN = 20;
export const CLOSE_WAIT_SHARE = 0.05;
export const CLOSE_WAIT_MANY = 100;
const NOISE_SIGMAS = 3;

const timed = (s: StateSockets): number => s.timers.on + s.timers.persist + s.timers.keepalive + s.timers.timewait + s.timers.none;

function zeroWindow(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('FIN-WAIT-1');
  if (!s) return undefined;
  const n = timed(s);
  if (s.timers.persist === 0 || !majority(s.timers.persist, n) || !majority(s.sendQ.nonZero, s.sendQ.rows)) return undefined;
  const top = s.prefixes[0];
  // Rows kept by their address (`dst 203.0.113.0/24`, `| grep 203.0.113.`) show that network because of the filter.
  const network = top && !s.selected && s.listed >= 2 && majority(top.count, s.listed) ? t(PHRASE.network, lang, { count: top.count, listed: s.listed, prefix: top.prefix }) : '';
  return make('fin-wait-1-zero-window', 'FIN-WAIT-1', lang, { persist: s.timers.persist, timed: n, nonZero: s.sendQ.nonZero, rows: s.sendQ.rows, max: formatNumber(s.sendQ.max), network }, false, f.stateSysctls?.['FIN-WAIT-1']);
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

/** The retransmission budget of an orphan: tcp_orphan_retries, where 0 means 8 (while the RTO is not maxed out). */
export function orphanBudget(sysctls: Readonly<Record<string, string>>): { budget: number; setting: string } {
  const v = parseUint(sysctls['net.ipv4.tcp_orphan_retries']?.trim());
  if (v === undefined) return { budget: 8, setting: '?' };
  return { budget: orphanRetriesBudget(v), setting: String(v) };
}

function unanswered(f: CauseFacts, lang: Lang): Cause[] {
  const out: Cause[] = [];
  for (const state of ['FIN-WAIT-1', 'CLOSING'] as const) {
    const s = f.sockets.get(state);
    if (!s || s.retransMax === null || s.timers.on === 0) continue;
    const retries = sysctlFor(f, state, 'net.ipv4.tcp_orphan_retries');
    const { budget, setting } = orphanBudget(retries.value === undefined ? {} : { 'net.ipv4.tcp_orphan_retries': retries.value });
    if (s.retransMax < Math.max(1, budget - 2)) continue;
    out.push(make('orphan-retransmits-unanswered', state, lang, { on: s.timers.on, state, retrans: s.retransMax, budget, setting: setting === '?' ? t(PHRASE.default, lang) : setting + readLater(retries.after, lang) }, false, f.stateSysctls?.[state]));
  }
  return out;
}

function lastAck(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('LAST-ACK');
  if (!s || s.timers.on === 0 || s.retransMax === null || s.retransMax < 1) return undefined;
  return make('last-ack-fin-unacknowledged', 'LAST-ACK', lang, { on: s.timers.on, retrans: s.retransMax }, false, f.stateSysctls?.['LAST-ACK']);
}

/**
 * A state's count at the first and the latest time the samples give (at one time: the largest count), when they
 * differ beyond noise — within one network namespace (report/netns.ts: a node's and a pod's counts are different
 * sockets), the largest growth of any.
 */
function growthBeyondNoise(samples: readonly OutputSample[], state: StateId): { from: number; to: number } | undefined {
  const byNetns = new Map<string | undefined, Map<number, number>>();
  for (const s of samples) {
    const n = s.counts[state];
    // A listing's rows are a lower bound (pasted listings are often cut): counts only.
    if (n === undefined || s.minutes === undefined || s.listing) continue;
    let byTime = byNetns.get(s.netns);
    if (!byTime) byNetns.set(s.netns, (byTime = new Map()));
    byTime.set(s.minutes, Math.max(n, byTime.get(s.minutes) ?? 0));
  }
  let best: { from: number; to: number } | undefined;
  for (const byTime of byNetns.values()) {
    if (byTime.size < 2) continue;
    const times = [...byTime.keys()].sort((a, b) => a - b);
    const from = byTime.get(times[0] as number) as number;
    const to = byTime.get(times[times.length - 1] as number) as number;
    if (to - from > NOISE_SIGMAS * Math.sqrt(from + to) && (!best || to - from > best.to - best.from)) best = { from, to };
  }
  return best;
}

function closeWait(f: CauseFacts, lang: Lang): Cause | undefined {
  const samples = samplesOf(f);
  const growth = growthBeyondNoise(samples, 'CLOSE-WAIT');
  // The largest count that a healthy application does not show (see CLOSE_WAIT_SHARE). Outputs that show the
  // connections beside CLOSE-WAIT decide; a count alone is weighed only when none does.
  const beside = (s: OutputSample): number | undefined => (s.prose ? undefined : s.counts.ESTABLISHED);
  const shares = samples.some((s) => s.counts['CLOSE-WAIT'] !== undefined && beside(s) !== undefined);
  let high: { count: number; share?: number } | undefined;
  for (const s of samples) {
    const n = s.counts['CLOSE-WAIT'];
    if (n === undefined || (high && n <= high.count)) continue;
    const estab = beside(s);
    if (estab !== undefined) {
      if (n >= CLOSE_WAIT_MIN && n >= CLOSE_WAIT_SHARE * (n + estab)) high = { count: n, share: n / (n + estab) };
    } else if (!shares && n >= CLOSE_WAIT_MANY) high = { count: n };
  }
  if (!growth && !high) return undefined;
  const procs = f.sockets.get('CLOSE-WAIT')?.processes ?? [];
  return make('close-wait-not-closed', 'CLOSE-WAIT', lang, {
    count: formatNumber(growth ? growth.to : (high as { count: number }).count),
    growth: growth ? t(PHRASE.growth, lang, { from: formatNumber(growth.from), to: formatNumber(growth.to) }) : '',
    share: !growth && high?.share !== undefined ? t(PHRASE.cwShare, lang, { pct: formatPercent(high.share) }) : '',
    procs: procs.length ? t(PHRASE.procs, lang, { names: procs.map((p) => t(PHRASE.procHolds, lang, { name: safeName(p.name), n: formatNumber(p.count) })).join(lang === 'zh-cn' ? '，' : ', ') }) : '',
  });
}

function finWait2(f: CauseFacts, lang: Lang): Cause | undefined {
  const s = f.sockets.get('FIN-WAIT-2');
  if (!s) return undefined;
  const n = timed(s);
  if (majority(s.timers.timewait, n)) return make('fin-wait-2-timewait-minisocks', 'FIN-WAIT-2', lang, { timewait: s.timers.timewait, timed: n });
  if (majority(s.timers.keepalive, n)) {
    // A keepalive timer marks a full socket, not a minisock, and two kinds show it: an orphan whose FIN-WAIT-2 timeout
    // (tcp_fin_time(): TCP_LINGER2, else tcp_fin_timeout, never below 3.5 × RTO) is over 60 s (__tcp_close,
    // tcp_rcv_state_process), or a socket shut down but still open with SO_KEEPALIVE (tcp_keepalive_timer). Only
    // tcp_fin_timeout above 60 s in effect at the sample makes orphans the likely kind; either way it is said as
    // possible, with `ss -p` to tell them apart (a value read after the sample may be the fix: it decides nothing).
    const fin = sysctlFor(f, 'FIN-WAIT-2', 'net.ipv4.tcp_fin_timeout');
    const seconds = fin.value !== undefined && /^\s*\d{1,9}\s*$/.test(fin.value) ? Number(fin.value) : undefined;
    const values = { keepalive: s.timers.keepalive, timed: n };
    if (seconds !== undefined && !fin.after && seconds > 60) {
      return make('fin-wait-2-orphans-waiting', 'FIN-WAIT-2', lang, { ...values, fin: `tcp_fin_timeout = ${seconds}` }, false, f.stateSysctls?.['FIN-WAIT-2']);
    }
    const finNote =
      seconds !== undefined && !fin.after
        ? t(PHRASE.finAtMost60, lang, { fin: `tcp_fin_timeout = ${seconds}` })
        : t(PHRASE.finNotAtSample, lang, { later: fin.value !== undefined && fin.after ? t(PHRASE.finLater, lang, { fin: `tcp_fin_timeout = ${safeName(fin.value)}` }) : '' });
    return make('fin-wait-2-held-open', 'FIN-WAIT-2', lang, { ...values, finNote }, false, f.stateSysctls?.['FIN-WAIT-2']);
  }
  return undefined;
}

function trendPhrase(trend: Trend | null, lang: Lang): string {
  if (!trend || !(trend.orphanPerMinute > 0)) return '';
  const parts: string[] = [];
  const add = (what: string, m: number | null): void => {
    if (m === null) return;
    parts.push(m === 0 ? t(PHRASE.passed, lang, { what }) : t(PHRASE.inMin, lang, { what, m: formatDecimal(m) }));
  };
  add('¼', trend.minutesToQuarter);
  add('½', trend.minutesToHalf);
  add(t(PHRASE.limit, lang), trend.minutesToLimit);
  if (!parts.length) return '';
  return t(PHRASE.trend, lang, { rate: formatDecimal(trend.orphanPerMinute), parts: parts.join(t(PHRASE.sep, lang)) });
}


/**
 * The sample of `samples` before the latest where `held` is true, the highest by `rank` (the first of equals): the
 * sample a rule the latest one does not meet is judged at.
 */
function heldAt(f: CauseFacts, held: (p: OrphanPressure) => boolean, rank: (p: OrphanPressure) => number): SampleLimits | undefined {
  const samples = f.sockstatSamples ?? [];
  let best: SampleLimits | undefined;
  for (const s of samples.slice(0, -1)) if (held(s.pressure) && (!best || rank(s.pressure) > rank(best.pressure))) best = s;
  return best;
}

/**
 * " Since then: tcp_max_orphans set to 65,536 at 10:40 (line 81); the latest sample, 10:45 (line 85), shows …": what
 * changed after the sample a rule held at, and the latest sample (`now` its numbers, empty: not said).
 */
function sinceText(f: CauseFacts, at: SampleLimits, keys: readonly (keyof SampleLimits['changes'])[], now: (p: OrphanPressure) => string, lang: Lang): string {
  const latest = f.sockstatSamples?.[f.sockstatSamples.length - 1];
  const parts = keys.flatMap((key) => {
    const c: LimitChange | undefined = at.changes[key];
    return c ? [t(PHRASE.setAt, lang, { name: sysctlName(key), value: limitValue(c.value), when: whenOf(c.time, c.line, lang) })] : [];
  });
  const shown = latest && latest !== at ? now(latest.pressure) : '';
  if (shown && latest) parts.push(t(PHRASE.latestShows, lang, { when: whenOf(latest.time, latest.line, lang), now: shown }));
  return parts.length ? t(PHRASE.since, lang, { parts: parts.join(t(PHRASE.listSep, lang)) }) : '';
}

const pctOf = (r: number | undefined): string => (r !== undefined ? formatPercent(r) : '?');
const atQuarter = (level: OrphanPressure['level']): boolean => level === 'quarter' || level === 'half' || level === 'over';
const levelPhrase = (level: OrphanPressure['level']) => (level === 'over' ? PHRASE.levelOver : level === 'half' ? PHRASE.levelHalf : level === 'quarter' ? PHRASE.levelQuarter : PHRASE.levelLow);

function orphanPressureCause(f: CauseFacts, lang: Lang): Cause | undefined {
  const l = f.limits;
  const soon = f.trend !== null && f.trend.orphanPerMinute > 0 && f.trend.minutesToQuarter !== null && f.trend.minutesToQuarter <= 60;
  if (l.orphan === null || l.tcpMaxOrphans === null || (!atQuarter(l.orphanLevel) && !soon)) return orphanPressureBefore(f, lang);
  const level = levelPhrase(l.orphanLevel);
  // The heading says what the numbers say: over (the kernel's `orphan > max`), at (equal), else near.
  const head = l.orphanLevel === 'over' ? PHRASE.headOver : l.orphan === l.tcpMaxOrphans ? PHRASE.headAt : PHRASE.headNear;
  return make('orphan-limit-pressure', null, lang, {
    head: t(head, lang),
    orphan: formatNumber(l.orphan),
    max: formatNumber(l.tcpMaxOrphans),
    pct: l.orphanRatio !== null ? formatPercent(l.orphanRatio) : '?',
    level: t(level, lang),
    trend: trendPhrase(f.trend, lang) + mainOrphanState(f, lang),
  }, false, latestSample(f)?.sysctls);
}

/**
 * The state with the most sockets among the states that can hold orphans (ORPHAN_PRONE), in the note's current
 * counts, and its share of them: where to look first. Empty without such counts.
 */
function mainOrphanState(f: CauseFacts, lang: Lang): string {
  let total = 0;
  let best: { state: StateId; count: number; atLeast: boolean } | undefined;
  for (const state of ORPHAN_PRONE) {
    const c = f.counts.get(state);
    if (!c || c.count === 0 || f.gone?.has(state)) continue;
    total += c.count;
    if (!best || c.count > best.count) best = { state, count: c.count, atLeast: c.atLeast === true };
  }
  if (!best) return '';
  return t(PHRASE.mainOrphanState, lang, { state: best.state, n: `${best.atLeast ? '≥ ' : ''}${formatNumber(best.count)}`, pct: formatPercent(best.count / total), total: formatNumber(total) });
}

/**
 * Orphans at ¼ of the limit or more at an earlier sample, with the limit in effect then, while the latest sample is
 * not (a before/after note: the limit raised, the orphans cleared): said in the past, with what changed since.
 */
function orphanPressureBefore(f: CauseFacts, lang: Lang): Cause | undefined {
  const at = orphansBefore(f);
  if (!at) return undefined;
  const p = at.pressure;
  const orphan = p.orphan as number;
  const max = p.maxOrphans as number;
  const head = p.level === 'over' ? PHRASE.headOverPast : orphan === max ? PHRASE.headAtPast : PHRASE.headNearPast;
  const now = (q: OrphanPressure): string => (q.orphan !== undefined && q.maxOrphans !== undefined ? t(PHRASE.nowOrphan, lang, { o: formatNumber(q.orphan), max: formatNumber(q.maxOrphans), pct: pctOf(q.ratio) }) : '');
  return make(
    'orphan-limit-pressure',
    null,
    lang,
    {
      head: t(head, lang),
      when: whenOf(at.time, at.line, lang),
      orphan: formatNumber(orphan),
      max: formatNumber(max),
      pct: pctOf(p.ratio),
      level: t(levelPhrase(p.level), lang),
      since: sinceText(f, at, [SYSCTL_MAX_ORPHANS], now, lang),
    },
    true,
    at.sysctls,
  );
}

/** The catalogue id of "TCP: time wait bucket table overflow" (older kernels). */
const MSG_TW_OVERFLOW = 'msg.time-wait-bucket-table-overflow';

/**
 * The TIME-WAIT table is full: sockstat `tw` at tcp_max_tw_buckets in effect (inet_twsk_alloc refuses at
 * tw_refcount − 1 ≥ the limit), the older kernels' log line, or TcpExtTCPTimeWaitOverflow rising between readings.
 */
function timeWaitTableFull(f: CauseFacts, lang: Lang): Cause | undefined {
  const l = f.limits;
  const known = l.tw !== null && l.tcpMaxTwBuckets !== null && l.tcpMaxTwBuckets > 0;
  const counters = (): string[] => {
    const parts: string[] = [];
    const overflow = grew(f, 'TcpExtTCPTimeWaitOverflow');
    if (overflow) parts.push(risePhrase('TcpExtTCPTimeWaitOverflow', overflow, lang).trim().replace(/[.。]$/, ''));
    if (f.kernelMessages?.includes(MSG_TW_OVERFLOW)) parts.push(t(PHRASE.twFullLog, lang));
    return parts;
  };
  const fullNow = known && (l.tw as number) >= (l.tcpMaxTwBuckets as number);
  // Not full at the latest sample: a sample before it that met the limit in effect then is the incident, said in
  // the past with what changed since. With room at the latest (under 90 % of the limit) and no such sample, a log
  // line or a counter from before is history.
  const at = fullNow ? undefined : heldAt(f, (p) => p.twLevel === 'full', (p) => p.twRatio ?? 0);
  if (!at && known && (l.tw as number) < 0.9 * (l.tcpMaxTwBuckets as number)) return undefined;
  if (at) {
    const p = at.pressure;
    const now = (q: OrphanPressure): string => (q.tw !== undefined && q.maxTw !== undefined ? t(PHRASE.nowTw, lang, { tw: formatNumber(q.tw), max: formatNumber(q.maxTw), pct: pctOf(q.twRatio) }) : '');
    const parts = [t(PHRASE.twFull, lang, { tw: formatNumber(p.tw as number), max: formatNumber(p.maxTw as number) }), ...counters()];
    return make('time-wait-table-full', 'TIME-WAIT', lang, { when: whenOf(at.time, at.line, lang), evidence: parts.join(t(PHRASE.listSep, lang)), since: sinceText(f, at, [SYSCTL_MAX_TW], now, lang) }, true, at.sysctls);
  }
  const parts: string[] = [];
  if (fullNow) parts.push(t(PHRASE.twFull, lang, { tw: formatNumber(l.tw as number), max: formatNumber(l.tcpMaxTwBuckets as number) }));
  parts.push(...counters());
  if (parts.length === 0) return undefined;
  return make('time-wait-table-full', 'TIME-WAIT', lang, { evidence: parts.join(t(PHRASE.listSep, lang)) }, false, latestSample(f)?.sysctls);
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
  if (l.mem === null || l.tcpMem === null || (l.memLevel !== 'pressure' && l.memLevel !== 'over')) return tcpMemoryBefore(f, lang);
  const over = l.memLevel === 'over';
  const values = { mem: formatNumber(l.mem), pressure: formatNumber(l.tcpMem[1]), max: formatNumber(l.tcpMem[2]), pct: l.memRatio !== null ? formatPercent(l.memRatio) : '?' };
  const soon = !over && l.memPerMinute !== null && l.memPerMinute > 0 && l.minutesToMemLimit !== null && l.minutesToMemLimit > 0;
  return make('tcp-memory-limit', null, lang, {
    headline: t(over ? PHRASE.memOverHead : PHRASE.memPressureHead, lang),
    detail: t(over ? PHRASE.memOver : PHRASE.memPressure, lang, values),
    trend: soon ? t(PHRASE.memTrend, lang, { rate: formatDecimal(l.memPerMinute as number), m: formatDecimal(l.minutesToMemLimit as number) }) : '',
    log: f.kernelMessages?.includes(MSG_TCP_MEM) ? t(PHRASE.memLog, lang) : '',
  }, false, latestSample(f)?.sysctls);
}

/** The kernel log messages of an orphan reset (tcp_check_oom, older kernels' wordings), and what each says held when it was printed. */
const RESET_MESSAGES = [
  ['msg.too-many-orphaned-sockets', 'TCP: too many orphaned sockets', PHRASE.logOrphans],
  ['msg.too-many-of-orphaned-sockets', 'TCP: too many of orphaned sockets', PHRASE.logOrphans],
  [MSG_TCP_MEM, 'TCP: out of memory -- consider tuning tcp_mem', PHRASE.logMem],
  ['msg.out-of-socket-memory', 'Out of socket memory', PHRASE.logEither],
] as const;

/**
 * Orphans reset by the kernel (tcp_check_oom: at close() or from an orphan's timer, tcp_out_of_resources). Said in
 * the present only on evidence of now: TcpExtTCPAbortOnMemory rising between readings. A kernel log line of a reset
 * says it happened when the line was printed (and, with the latest sample below ¼, that the count was higher then).
 * A total read once is history since boot (`orphan-resets-since-boot`), even with the pressure that resets orphans
 * at the latest sample (orphans above ¼ of tcp_max_orphans, TCP memory over tcp_mem[2]): that pressure says resets
 * may be going on (only penalised orphans are reset below the limit), not that they are — it is said beside the
 * total. Totals that stay the same between readings are none at all.
 */
const memHeld = (p: OrphanPressure): boolean => p.memLevel === 'pressure' || p.memLevel === 'over';
/** The earlier sample TCP memory was above tcp_mem[1] at, the latest not (tcpMemoryBefore). */
const memBefore = (f: CauseFacts): SampleLimits | undefined => heldAt(f, memHeld, (p) => p.memRatio ?? 0);
/** The earlier sample orphans were at ¼ of the limit or more at, the latest not (orphanPressureBefore). */
const orphansBefore = (f: CauseFacts): SampleLimits | undefined => heldAt(f, (p) => atQuarter(p.level), (p) => p.ratio ?? 0);

/** TCP memory above tcp_mem[1] at an earlier sample, with the tcp_mem in effect then, while the latest is not: said in the past. */
function tcpMemoryBefore(f: CauseFacts, lang: Lang): Cause | undefined {
  const at = memBefore(f);
  if (!at) return undefined;
  const p = at.pressure;
  const tcpMem = p.tcpMem as readonly [number, number, number];
  const now = (q: OrphanPressure): string => (q.mem !== undefined && q.tcpMem ? t(PHRASE.nowMem, lang, { mem: formatNumber(q.mem), max: formatNumber(q.tcpMem[2]), pct: pctOf(q.memRatio) }) : '');
  return make(
    'tcp-memory-limit',
    null,
    lang,
    {
      state: t(p.memLevel === 'over' ? PHRASE.memOverState : PHRASE.memPressureState, lang),
      when: whenOf(at.time, at.line, lang),
      mem: formatNumber(p.mem as number),
      pressure: formatNumber(tcpMem[1]),
      max: formatNumber(tcpMem[2]),
      pct: pctOf(p.memRatio),
      since: sinceText(f, at, [SYSCTL_TCP_MEM], now, lang),
      log: f.kernelMessages?.includes(MSG_TCP_MEM) ? t(PHRASE.memLog, lang) : '',
    },
    true,
    at.sysctls,
  );
}

/** The latest sockstat sample: the one a rule that holds now is judged at. */
const latestSample = (f: CauseFacts): SampleLimits | undefined => f.sockstatSamples?.[f.sockstatSamples.length - 1];

/**
 * The sample orphan resets are judged at, for what their advice says was done since: the earlier sample where orphans
 * or TCP memory were over a reset threshold (the pressure the resets come from), else the latest.
 */
const resetSettings = (f: CauseFacts): SampleLimits['sysctls'] => (orphansBefore(f) ?? memBefore(f) ?? latestSample(f))?.sysctls;

function abortOnMemory(f: CauseFacts, lang: Lang): Cause | undefined {
  const name = 'TcpExtTCPAbortOnMemory';
  const n = f.counters[name];
  const l = f.limits;
  const rise = grew(f, name);
  if (rise) {
    const evidence = rise.to.increment
      ? t(PHRASE.abortCounted, lang, { n: formatNumber(rise.to.value), line: rise.to.line + 1 })
      : t(PHRASE.abortRose, lang, { from: formatNumber(rise.from.value), to: formatNumber(rise.to.value) });
    return make('orphans-reset-by-kernel', null, lang, { evidence }, false, resetSettings(f));
  }
  const total = n !== undefined && n > 0 && !unchanged(f, name) ? n : undefined;
  // A line the latest sample's pressure explains is said by that cause (orphan-limit-pressure, tcp-memory-limit).
  const orphansNow = atQuarter(l.orphanLevel) || orphansBefore(f) !== undefined;
  const memNow = l.memLevel === 'pressure' || l.memLevel === 'over' || memBefore(f) !== undefined;
  const explained = (meaning: Localized): boolean => (meaning === PHRASE.logOrphans ? orphansNow : meaning === PHRASE.logMem ? memNow : orphansNow || memNow);
  const logged = RESET_MESSAGES.find(([id, , meaning]) => f.kernelMessages?.includes(id) && !explained(meaning));
  if (logged) {
    const [id, msg, meaning] = logged;
    const latest = f.sockstatSamples?.[f.sockstatSamples.length - 1];
    const below = meaning !== PHRASE.logMem && l.orphanLevel === 'low' && l.orphan !== null && l.tcpMaxOrphans !== null;
    return make(
      'orphans-reset-by-kernel',
      null,
      lang,
      {
        msg,
        line: (f.kernelMessageLines?.[id] ?? 0) + 1,
        meaning: t(meaning, lang),
        total: n !== undefined && n > 0 ? t(PHRASE.abortTotal, lang, { n: formatNumber(n) }) : '',
        sample: below
          ? t(PHRASE.logHigher, lang, { when: latest ? whenOf(latest.time, latest.line, lang) : '?', o: formatNumber(l.orphan as number), max: formatNumber(l.tcpMaxOrphans as number), pct: l.orphanRatio !== null ? formatPercent(l.orphanRatio) : '?' })
          : '',
      },
      true,
      resetSettings(f),
    );
  }
  if (total === undefined) return undefined;
  return make('orphan-resets-since-boot', null, lang, { n: formatNumber(total), now: sinceBootNow(l, lang) });
}

/**
 * What the latest sample says of a total read once: the pressure that resets orphans holds now (orphans above ¼ of
 * the limit, TCP memory over tcp_mem[2]) — resets may be going on, one reading cannot tell —, or nothing shows it now.
 */
function sinceBootNow(l: CauseFacts['limits'], lang: Lang): string {
  const pct = l.orphanRatio !== null ? formatPercent(l.orphanRatio) : '?';
  if (atQuarter(l.orphanLevel) && l.orphan !== null && l.tcpMaxOrphans !== null) {
    return t(PHRASE.abortWithOrphans, lang, { o: formatNumber(l.orphan), max: formatNumber(l.tcpMaxOrphans), pct });
  }
  if (l.memLevel === 'over' && l.mem !== null && l.tcpMem !== null) return t(PHRASE.abortWithMem, lang, { mem: formatNumber(l.mem), max: formatNumber(l.tcpMem[2]) });
  const low = l.orphan !== null && l.tcpMaxOrphans !== null && l.orphanLevel === 'low' ? t(PHRASE.abortNow, lang, { o: formatNumber(l.orphan), max: formatNumber(l.tcpMaxOrphans), pct }) : '';
  return t(PHRASE.abortNothingNow, lang, { low });
}

/**
 * The counter counted events between readings: its first and last total in the note, the last higher; or a later
 * `nstat` reading without `-a` above 0 — an increment since the nstat run before it (the first run on a host prints
 * the totals, so a reading needs an nstat run before it in the note).
 */
function rose(f: CauseFacts, name: string): Rise | undefined {
  const r = f.counterReadings?.[name];
  if (!r || r.length < 2) return undefined;
  for (let i = r.length - 1; i >= 1; i--) {
    const to = r[i] as CounterReading;
    // An nstat run before it in the note (not `netstat -s`): otherwise it may be the host's first, printing totals.
    const before = r.slice(0, i).findLast((x) => x.nstat);
    if (to.increment && to.value > 0 && before) return { from: before, to };
  }
  const totals = r.filter((x) => !x.increment);
  const from = totals[0];
  const to = totals[totals.length - 1];
  return from && to && to.value > from.value ? { from, to } : undefined;
}

interface Rise {
  readonly from: CounterReading;
  readonly to: CounterReading;
}

/** Totals of the counter read in two blocks or more, all the same: it did not count anything between them. */
function unchanged(f: CauseFacts, name: string): boolean {
  const totals = (f.counterReadings?.[name] ?? []).filter((r) => !r.increment);
  if (new Set(totals.map((r) => r.block ?? r.line)).size < 2) return false;
  return totals.every((r) => r.value === (totals[0] as CounterReading).value);
}

/**
 * The counter counted something between readings in whatever order the note gives them (a counter since boot only
 * grows, so two totals that differ tell a rise; a note written newest first is read right): rose(), else the
 * smallest and the largest total.
 */
function grew(f: CauseFacts, name: string): Rise | undefined {
  const r = rose(f, name);
  if (r) return r;
  const totals = (f.counterReadings?.[name] ?? []).filter((x) => !x.increment);
  let lo: CounterReading | undefined;
  let hi: CounterReading | undefined;
  for (const x of totals) {
    if (!lo || x.value < lo.value) lo = x;
    if (!hi || x.value > hi.value) hi = x;
  }
  return lo && hi && hi.value > lo.value ? { from: lo, to: hi } : undefined;
}

const risePhrase = (name: string, r: Rise, lang: Lang): string =>
  r.to.increment
    ? t(PHRASE.counterCounted, lang, { name, n: formatNumber(r.to.value), line: r.to.line + 1 })
    : t(PHRASE.counterRose, lang, { name, from: formatNumber(r.from.value), to: formatNumber(r.to.value) });

/**
 * The accept queue of a listener overflows: an ss LISTEN row with Recv-Q above Send-Q (ListenerQueues), or
 * TcpExtListenOverflows rising between readings — counted only where sk_acceptq_is_full() drops a SYN
 * (tcp_conn_request) or the last ACK of a handshake (tcp_v4_syn_recv_sock, tcp_check_req).
 */
function acceptQueue(f: CauseFacts, lang: Lang): Cause | undefined {
  const full = f.sockets.get('LISTEN')?.listeners?.full ?? [];
  const overflows = rose(f, 'TcpExtListenOverflows');
  if (full.length === 0 && !overflows) return undefined;
  const parts: string[] = [];
  if (full.length) {
    const rows = full.map((q) => t(PHRASE.fullListener, lang, { port: q.port, recvQ: formatNumber(q.recvQ), sendQ: formatNumber(q.sendQ), line: q.line + 1 }));
    parts.push(t(PHRASE.fullListeners, lang, { rows: rows.join(t(PHRASE.listSep, lang)) }));
  }
  if (overflows) parts.push(risePhrase('TcpExtListenOverflows', overflows, lang));
  return make('listen-accept-queue-overflow', 'LISTEN', lang, { evidence: parts.join('') }, false, f.stateSysctls?.LISTEN);
}

/** The catalogue id of "Possible SYN flooding on port …". */
const MSG_SYN_FLOOD = 'msg.possible-syn-flooding';
/** Counters that count SYNs meeting a full SYN queue (tcp_syn_flood_action, cookie_init_sequence). */
const SYN_QUEUE_COUNTERS = ['TcpExtTCPReqQFullDoCookies', 'TcpExtTCPReqQFullDrop', 'TcpExtSyncookiesSent'] as const;

/**
 * The SYN queue of a listener overflows: the kernel's "Possible SYN flooding" line in the note's output, or the
 * counters of SYNs that met a full queue rising between readings (not with tcp_syncookies = 2: every SYN then
 * gets a cookie). With the accept queue full too, the SYN queue fills from it: a handshake whose last ACK is
 * dropped keeps its request in the SYN queue (tcp_check_req: `acked`, the SYN-ACK resent).
 */
function synQueue(f: CauseFacts, accept: boolean, lang: Lang): Cause | undefined {
  const parts: string[] = [];
  if (f.kernelMessages?.includes(MSG_SYN_FLOOD)) parts.push(t(PHRASE.synLog, lang));
  if (f.sysctls['net.ipv4.tcp_syncookies']?.trim() !== '2') {
    for (const name of SYN_QUEUE_COUNTERS) {
      const r = rose(f, name);
      if (r) {
        parts.push(risePhrase(name, r, lang));
        break;
      }
    }
  }
  if (!parts.length) return undefined;
  return make('syn-queue-overflow', 'SYN-RECEIVED', lang, { evidence: parts.join(''), accept: accept ? t(PHRASE.synFromAccept, lang) : '' }, false, f.stateSysctls?.['SYN-RECEIVED'] ?? f.stateSysctls?.LISTEN);
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
  const accept = acceptQueue(f, lang);
  push(accept);
  push(synQueue(f, accept !== undefined, lang));
  push(zeroWindow(f, lang));
  for (const c of unanswered(f, lang)) push(c);
  push(lastAck(f, lang));
  push(closeWait(f, lang));
  push(finWait2(f, lang));
  push(portExhaustion(f, lang));
  push(timeWaitTableFull(f, lang));
  push(orphanPressureCause(f, lang));
  push(tcpMemory(f, lang));
  push(abortOnMemory(f, lang));
  return out;
}
