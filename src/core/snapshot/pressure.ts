/**
 * Orphan pressure: how close a host is to the limits that make the kernel kill orphans (facts §2.3, §4.1).
 *
 * - `orphan` (sockstat, host-wide) against `net.ipv4.tcp_max_orphans`. The check is
 *   `orphan << shift > tcp_max_orphans`, where tcp_out_of_resources() adds one to `shift` for an orphan that
 *   sent nothing for more than 2 × TCP_RTO_MAX (240 s) or has used up its retries at the maximum RTO (called with
 *   do_reset false), and one more for a soft ICMP error. So a penalised
 *   orphan is already killed above ½ (one penalty) or ¼ (both) of the limit [K-timer] [PG-zoukankan].
 * - `mem` (sockstat, pages) against `tcp_mem[2]`: above it, orphans with queued data are killed
 *   (tcp_out_of_memory) [K-h]; above `tcp_mem[1]` TCP is under memory pressure [K-doc-sysctl].
 * - `tw` (sockstat, per netns) against `tcp_max_tw_buckets`: at the limit no timewait minisock is created;
 *   the connection closes without TIME-WAIT and TCPTimeWaitOverflow counts it [K-mini] [K-tw].
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock } from '../note/model';
import type { Lang, Localized } from '../catalogue/types';
import type { SnapshotData } from '../evidence/snapshotFormat';
import { formatNumber, t } from '../strings';
import { parseUint, tokenize } from '../evidence/text';

export const SYSCTL_MAX_ORPHANS = 'net.ipv4.tcp_max_orphans';
export const SYSCTL_TCP_MEM = 'net.ipv4.tcp_mem';
export const SYSCTL_MAX_TW = 'net.ipv4.tcp_max_tw_buckets';

export interface PressureInput {
  readonly orphan?: number;
  readonly maxOrphans?: number;
  /** sockstat `mem`, in pages. */
  readonly mem?: number;
  /** `tcp_mem`: min, pressure, max — pages. */
  readonly tcpMem?: readonly [number, number, number];
  readonly tw?: number;
  readonly maxTw?: number;
  /** Bytes per page, to show `mem` in MiB. */
  readonly pageSize?: number;
}

/** `low` < ¼ of the limit ≤ `quarter` < ½ ≤ `half` ≤ limit < `over` (strict comparisons as in the kernel). */
export type OrphanLevel = 'unknown' | 'low' | 'quarter' | 'half' | 'over';
export type MemLevel = 'unknown' | 'low' | 'pressure' | 'over';
export type TwLevel = 'unknown' | 'ok' | 'full';

export interface OrphanPressure extends PressureInput {
  /** orphan / tcp_max_orphans (undefined when a number is missing or the limit is 0). */
  readonly ratio?: number;
  readonly half?: number;
  readonly quarter?: number;
  readonly level: OrphanLevel;
  readonly memRatio?: number;
  readonly memLevel: MemLevel;
  readonly twRatio?: number;
  readonly twLevel: TwLevel;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function tcpMemOf(value: string | undefined): readonly [number, number, number] | undefined {
  const t = tokenize(value ?? '', 8).map((x) => parseUint(x));
  const [a, b, c] = t;
  return t.length === 3 && a !== undefined && b !== undefined && c !== undefined ? [a, b, c] : undefined;
}

/** The pressure inputs of a snapshot (sockstat numbers, the three tunables, page size). */
export function pressureInput(data: Pick<SnapshotData, 'sockstat' | 'sysctls' | 'pageSize'>): PressureInput {
  const tcp = data.sockstat?.tcp;
  const sysctl = data.sysctls ?? {};
  const maxOrphans = parseUint(sysctl[SYSCTL_MAX_ORPHANS]?.trim());
  const maxTw = parseUint(sysctl[SYSCTL_MAX_TW]?.trim());
  const tcpMem = tcpMemOf(sysctl[SYSCTL_TCP_MEM]);
  return {
    ...(isCount(tcp?.orphan) ? { orphan: tcp.orphan } : {}),
    ...(maxOrphans !== undefined ? { maxOrphans } : {}),
    ...(isCount(tcp?.mem) ? { mem: tcp.mem } : {}),
    ...(tcpMem ? { tcpMem } : {}),
    ...(isCount(tcp?.tw) ? { tw: tcp.tw } : {}),
    ...(maxTw !== undefined ? { maxTw } : {}),
    ...(isCount(data.pageSize) ? { pageSize: data.pageSize } : {}),
  };
}

export function orphanPressure(input: PressureInput): OrphanPressure {
  const { orphan, maxOrphans: max, mem, tcpMem, tw, maxTw } = input;
  let level: OrphanLevel = 'unknown';
  let ratio: number | undefined;
  if (isCount(orphan) && isCount(max)) {
    // The kernel compares `orphan << shift > max`: strict, in integers.
    level = orphan > max || max === 0 ? 'over' : orphan * 2 > max ? 'half' : orphan * 4 > max ? 'quarter' : 'low';
    if (max > 0) ratio = orphan / max;
  }
  let memLevel: MemLevel = 'unknown';
  let memRatio: number | undefined;
  if (isCount(mem) && tcpMem) {
    memLevel = mem > tcpMem[2] ? 'over' : mem > tcpMem[1] ? 'pressure' : 'low';
    if (tcpMem[2] > 0) memRatio = mem / tcpMem[2];
  }
  let twLevel: TwLevel = 'unknown';
  let twRatio: number | undefined;
  if (isCount(tw) && isCount(maxTw)) {
    twLevel = tw >= maxTw ? 'full' : 'ok';
    if (maxTw > 0) twRatio = tw / maxTw;
  }
  return {
    ...input,
    ...(ratio !== undefined ? { ratio } : {}),
    ...(isCount(max) ? { half: Math.floor(max / 2), quarter: Math.floor(max / 4) } : {}),
    level,
    ...(memRatio !== undefined ? { memRatio } : {}),
    memLevel,
    ...(twRatio !== undefined ? { twRatio } : {}),
    twLevel,
  };
}

// ---------------------------------------------------------------------------------------------------
// The one-line verdict (en / zh-cn)
// ---------------------------------------------------------------------------------------------------

const V = {
  unknown: {
    en: 'orphan pressure unknown: sockstat `orphan` or `tcp_max_orphans` could not be read',
    'zh-cn': '孤儿压力未知：无法读取 sockstat `orphan` 或 `tcp_max_orphans`',
  },
  zero: {
    en: 'tcp_max_orphans is 0: every orphan check fails, so close() sends FIN followed by RST',
    'zh-cn': 'tcp_max_orphans 为 0：每次孤儿检查都失败，close() 发出 FIN 后紧跟 RST',
  },
  over: {
    en: 'over the limit: orphan {orphan} > tcp_max_orphans {max} — orphans are reset at close() and when their timers fire (TCPAbortOnMemory, "too many orphaned sockets")',
    'zh-cn': '超过上限：orphan {orphan} > tcp_max_orphans {max} —— 孤儿在 close() 时及其定时器触发时被重置（TCPAbortOnMemory，"too many orphaned sockets"）',
  },
  half: {
    en: 'high: orphan {orphan} is above ½ of tcp_max_orphans ({half}) — an orphan that sent nothing for > 240 s or ran out of retries, or got a soft ICMP error, is killed when its timer fires',
    'zh-cn': '偏高：orphan {orphan} 超过 tcp_max_orphans 的 ½（{half}）—— 超过 240 秒未发送数据或重试已用尽、或收到软 ICMP 错误的孤儿，在其定时器触发时即被杀掉',
  },
  quarter: {
    en: 'elevated: orphan {orphan} is above ¼ of tcp_max_orphans ({quarter}) — an orphan that sent nothing for > 240 s (or ran out of retries) and got a soft ICMP error is killed when its timer fires',
    'zh-cn': '升高：orphan {orphan} 超过 tcp_max_orphans 的 ¼（{quarter}）—— 超过 240 秒未发送数据（或重试已用尽）且收到软 ICMP 错误的孤儿，在其定时器触发时即被杀掉',
  },
  low: {
    en: 'low: orphan {orphan} is below ¼ of tcp_max_orphans {max} ({quarter})',
    'zh-cn': '较低：orphan {orphan} 低于 tcp_max_orphans {max} 的 ¼（{quarter}）',
  },
  mem: { en: 'TCP memory {mem} pages{bytes} = {pct} of tcp_mem[2] {memMax}', 'zh-cn': 'TCP 内存 {mem} 页{bytes}，为 tcp_mem[2] {memMax} 的 {pct}' },
  memOver: { en: ' — above tcp_mem[2]: orphans with queued data are killed', 'zh-cn': ' —— 超过 tcp_mem[2]：有排队数据的孤儿会被杀掉' },
  memPressure: { en: ' — above tcp_mem[1]: TCP is under memory pressure', 'zh-cn': ' —— 超过 tcp_mem[1]：TCP 处于内存压力状态' },
  tw: { en: 'tw {tw} of tcp_max_tw_buckets {twMax}', 'zh-cn': 'tw {tw}（tcp_max_tw_buckets 为 {twMax}）' },
  twFull: {
    en: ' — full: closing connections skip TIME-WAIT (TCPTimeWaitOverflow)',
    'zh-cn': ' —— 已满：关闭的连接跳过 TIME-WAIT（TCPTimeWaitOverflow）',
  },
} as const satisfies Record<string, Localized>;


export function formatPercent(ratio: number): string {
  const pct = ratio * 100;
  if (pct > 0 && pct < 0.1) return '< 0.1 %';
  return `${pct >= 10 || pct === 0 ? Math.round(pct) : pct.toFixed(1)} %`;
}

function mib(pages: number, pageSize: number | undefined): string {
  if (!isCount(pageSize) || pageSize === 0) return '';
  const v = (pages * pageSize) / (1024 * 1024);
  return ` (${v >= 10 ? formatNumber(v) : v.toFixed(1)} MiB)`;
}

/** One line: the orphan verdict, then TCP memory and tw when known. Numbers only, no note text. */
export function pressureVerdict(p: OrphanPressure, lang: Lang): string {
  const n = (v: number | undefined): string => (v === undefined ? '?' : formatNumber(v));
  const values = { orphan: n(p.orphan), max: n(p.maxOrphans), half: n(p.half), quarter: n(p.quarter) };
  const parts: string[] = [];
  if (p.level === 'unknown') parts.push(V.unknown[lang]);
  else if (p.maxOrphans === 0) parts.push(V.zero[lang]);
  else parts.push(t(V[p.level], lang, values));
  if (p.memLevel !== 'unknown' && p.mem !== undefined && p.tcpMem) {
    let s = t(V.mem, lang, {
      mem: n(p.mem),
      bytes: mib(p.mem, p.pageSize),
      pct: p.memRatio === undefined ? '?' : formatPercent(p.memRatio),
      memMax: n(p.tcpMem[2]),
    });
    if (p.memLevel === 'over') s += V.memOver[lang];
    else if (p.memLevel === 'pressure') s += V.memPressure[lang];
    parts.push(s);
  }
  if (p.twLevel !== 'unknown') {
    let s = t(V.tw, lang, { tw: n(p.tw), twMax: n(p.maxTw) });
    if (p.twLevel === 'full') s += V.twFull[lang];
    parts.push(s);
  }
  return parts.join(lang === 'zh-cn' ? '；' : '; ');
}

// ---------------------------------------------------------------------------------------------------
// From the evidence of a note (hovers)
// ---------------------------------------------------------------------------------------------------

export interface EvidencePressure {
  readonly pressure: OrphanPressure;
  /** 0-based line of the sockstat output in the note. */
  readonly line: number;
}

function distance(b: EvidenceBlock, at: number | undefined): number {
  if (at === undefined) return b.start;
  if (at >= b.start && at <= b.end) return 0;
  return at < b.start ? b.start - at : at - b.end;
}

/** The tunables a pressure verdict reads (the three limits and the page size, for MiB). */
export const PRESSURE_TUNABLES = [SYSCTL_MAX_ORPHANS, SYSCTL_TCP_MEM, SYSCTL_MAX_TW, 'pagesize'] as const;

/** Per evidence array (a model's, built once): the blocks with an `orphan` number, in note order. */
const SOCKSTAT_INDEX = new WeakMap<readonly EvidenceBlock[], readonly EvidenceBlock[]>();

function sockstatBlocks(evidence: readonly EvidenceBlock[]): readonly EvidenceBlock[] {
  let ix = SOCKSTAT_INDEX.get(evidence);
  if (!ix) SOCKSTAT_INDEX.set(evidence, (ix = evidence.filter((b) => isCount(b.sockstat?.tcp?.orphan))));
  return ix;
}

/**
 * The block of `blocks` (in note order, non-overlapping) nearest to `at`, the earlier one on a tie (the
 * first one when `at` is undefined). Binary search: the nearest is the last block starting at or before
 * `at`, or the one after it.
 */
function nearest(blocks: readonly EvidenceBlock[], at: number | undefined): EvidenceBlock | undefined {
  if (blocks.length === 0 || at === undefined) return blocks[0];
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((blocks[mid] as EvidenceBlock).start <= at) lo = mid;
    else hi = mid - 1;
  }
  const a = blocks[lo] as EvidenceBlock;
  const b = blocks[lo + 1];
  if (a.start > at) return a; // every block starts after `at`
  return b && distance(b, at) < distance(a, at) ? b : a;
}

/**
 * The sockstat sample a hover at `at` (an offset) speaks of: the block nearest to it that has an `orphan` number.
 * The blocks are indexed once per evidence array, so a hover costs a binary search (issue #17: it sorted every
 * block on each hover). The tunables it is compared with are those in effect at it (report/pressureAt.ts).
 */
export function nearestSockstat(evidence: readonly EvidenceBlock[], at?: number): EvidenceBlock | undefined {
  return nearest(sockstatBlocks(evidence), at);
}

/** The note line of a sockstat block's `orphan` numbers (its first segment that has them). */
export function sockstatSampleLine(home: EvidenceBlock): number {
  return home.segments.find((x) => isCount(x.sockstat?.tcp?.orphan))?.startLine ?? home.startLine;
}

/** The verdict of a sockstat block against tunable values (`sysctls`: PRESSURE_TUNABLES by name). */
export function evidencePressure(home: EvidenceBlock, sysctls: Readonly<Record<string, string>>): EvidencePressure {
  const pageSize = parseUint(sysctls.pagesize);
  const input = pressureInput({ ...(home.sockstat ? { sockstat: home.sockstat } : {}), sysctls, ...(pageSize !== undefined ? { pageSize } : {}) });
  return { pressure: orphanPressure(input), line: sockstatSampleLine(home) };
}
