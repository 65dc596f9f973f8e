/**
 * Takes a socket snapshot from /proc through an injected file reader, and writes it as a fenced block.
 *
 * Files only, no process: `ss`, `sysctl`, `nstat`, `getconf` and `uname` are replaced by the files they read
 * themselves, so the capture is safe in Restricted Mode and runs wherever the extension host runs (on the
 * remote machine under Remote-SSH). Every file that cannot be read, or does not hold what it should, becomes
 * a `CaptureProblem` and a visible comment in the block — never a silent gap or a guessed number.
 *
 * Pure: no `vscode`, no Node built-ins (the reader is passed in).
 */
import { STATE_IDS, type Lang, type Localized, type StateId } from '../catalogue/types';
import type { SockstatNumbers } from '../evidence/types';
import { formatSnapshot, type FamilyCounts, type SnapshotData } from '../evidence/snapshotFormat';
import { mergeSockstat } from '../evidence/lineFormats';
import { countTcpTable, MAX_TABLE_SOCKETS, TcpTableCounter, type StateCounts, type TcpTableCounts } from './procTcp';
import { isoWithZone, parseAuxvPageSize, parseOneLine, parseProcNetstat, parseSmapsPageSize, parseSockstat, parseSysctlValue } from './procFiles';
import { orphanPressure, pressureInput, pressureVerdict, type OrphanPressure } from './pressure';

export const PROC_FILES = {
  sockstat: '/proc/net/sockstat',
  sockstat6: '/proc/net/sockstat6',
  tcp: '/proc/net/tcp',
  tcp6: '/proc/net/tcp6',
  netstat: '/proc/net/netstat',
  hostname: '/proc/sys/kernel/hostname',
  osrelease: '/proc/sys/kernel/osrelease',
  auxv: '/proc/self/auxv',
  smaps: '/proc/self/smaps',
} as const;

/** The orphan-relevant tunables under /proc/sys/net/ipv4/ (facts §3), with how many numbers each holds. */
export const ORPHAN_TUNABLES: readonly (readonly [name: string, numbers: number])[] = [
  ['tcp_max_orphans', 1],
  ['tcp_orphan_retries', 1],
  ['tcp_fin_timeout', 1],
  ['tcp_max_tw_buckets', 1],
  ['tcp_mem', 3],
  ['tcp_retries2', 1],
];

/** The abort counters of /proc/net/netstat (facts §4.4), by their nstat names. */
export const ABORT_COUNTERS: readonly string[] = [
  'TcpExtTCPAbortOnMemory',
  'TcpExtTCPAbortOnTimeout',
  'TcpExtTCPAbortOnLinger',
  'TcpExtTCPAbortOnClose',
  'TcpExtTCPAbortOnData',
  'TcpExtTCPTimeWaitOverflow',
];

/** Used only when neither /proc/self/auxv nor /proc/self/smaps gives the page size; written `assumed`. */
export const ASSUMED_PAGE_SIZE = 4096;

export type ReadFailure = 'not-found' | 'permission' | 'error';
export type ReadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly failure: ReadFailure; readonly detail?: string };
/** Reads one file completely. /proc files report size 0: the reader must read to end of file. */
export type ProcReader = (path: string) => Promise<ReadOutcome>;
/**
 * Reads one file as a stream: `onChunk` gets the bytes in order and returns false to stop reading (the
 * reader then closes the file). Resolves when the file is read, or stopped, or failed.
 */
export type ProcStreamReader = (path: string, onChunk: (chunk: Uint8Array) => boolean) => Promise<{ readonly ok: true } | Extract<ReadOutcome, { ok: false }>>;

export type ProblemKind = ReadFailure | 'malformed' | 'missing' | 'truncated';
export interface CaptureProblem {
  readonly path: string;
  readonly kind: ProblemKind;
  /** For `malformed`: how many lines; for `missing`: the names not found; otherwise the reader's message. */
  readonly detail?: string;
}

export interface Capture {
  readonly data: SnapshotData;
  readonly problems: readonly CaptureProblem[];
  /** Per family, when the table could be read. */
  readonly tcp4?: TcpTableCounts;
  readonly tcp6?: TcpTableCounts;
  /** Both families added. */
  readonly counts: StateCounts;
  readonly pageSizeSource: 'auxv' | 'smaps' | 'assumed';
  readonly pressure: OrphanPressure;
  /** Nothing about sockets could be read (no sockstat, no TCP table): there is no snapshot to insert. */
  readonly empty: boolean;
}

export interface CaptureOptions {
  /** The live view skips the page size and the host name after the first sample. */
  readonly previous?: Pick<Capture, 'data' | 'pageSizeSource'>;
  /** Reads /proc/net/tcp{,6} as a stream (where the host can); otherwise they are read whole with `read`. */
  readonly stream?: ProcStreamReader;
  /** Socket rows counted per table before reading stops (default MAX_TABLE_SOCKETS). */
  readonly maxSockets?: number;
}

/** /proc/net/tcp or tcp6 counted through the stream reader (stopping at the cap), or read whole and counted. */
async function readTable(read: ProcReader, path: string, options: CaptureOptions): Promise<{ outcome: ReadOutcome | { ok: true }; counts?: TcpTableCounts }> {
  const max = options.maxSockets ?? MAX_TABLE_SOCKETS;
  const stream = options.stream;
  if (!stream) {
    const r = await safeRead(read, path);
    return { outcome: r, ...(r.ok ? { counts: countTcpTable(r.bytes, max) } : {}) };
  }
  const counter = new TcpTableCounter(max);
  try {
    const r = await stream(path, (chunk) => counter.push(chunk));
    return { outcome: r, ...(r.ok ? { counts: counter.finish() } : {}) };
  } catch (e) {
    return { outcome: { ok: false, failure: 'error', detail: e instanceof Error ? e.message : String(e) } };
  }
}

async function safeRead(read: ProcReader, path: string): Promise<ReadOutcome> {
  try {
    return await read(path);
  } catch (e) {
    return { ok: false, failure: 'error', detail: e instanceof Error ? e.message : String(e) };
  }
}

const decoder = new TextDecoder('utf-8');
const text = (r: ReadOutcome): string | undefined => (r.ok ? decoder.decode(r.bytes) : undefined);

export function sumCounts(...families: (StateCounts | undefined)[]): StateCounts {
  const out: Partial<Record<StateId, number>> = {};
  for (const f of families) {
    if (!f) continue;
    for (const id of STATE_IDS) {
      const n = f[id];
      if (n !== undefined) out[id] = (out[id] ?? 0) + n;
    }
  }
  return out;
}

/**
 * Reads every file (in parallel) and assembles the snapshot. `now` is the capture time (written in local
 * time with its zone offset). Never throws.
 */
export async function captureSnapshot(read: ProcReader, now: Date, options: CaptureOptions = {}): Promise<Capture> {
  const problems: CaptureProblem[] = [];
  const fail = (path: string, r: ReadOutcome): void => {
    if (!r.ok) problems.push({ path, kind: r.failure, ...(r.detail ? { detail: r.detail } : {}) });
  };
  const prev = options.previous;
  const tunablePaths = ORPHAN_TUNABLES.map(([name]) => `/proc/sys/net/ipv4/${name}`);
  const skip: ReadOutcome = { ok: false, failure: 'error' };
  const [sockstat, sockstat6, tcp, tcp6, netstat, hostname, osrelease, auxv, ...tunables] = await Promise.all([
    safeRead(read, PROC_FILES.sockstat),
    safeRead(read, PROC_FILES.sockstat6),
    readTable(read, PROC_FILES.tcp, options),
    readTable(read, PROC_FILES.tcp6, options),
    safeRead(read, PROC_FILES.netstat),
    prev ? Promise.resolve(skip) : safeRead(read, PROC_FILES.hostname),
    prev ? Promise.resolve(skip) : safeRead(read, PROC_FILES.osrelease),
    prev ? Promise.resolve(skip) : safeRead(read, PROC_FILES.auxv),
    ...tunablePaths.map((p) => safeRead(read, p)),
  ]);

  // sockstat{,6}
  let ss: SockstatNumbers | undefined;
  for (const [path, r] of [
    [PROC_FILES.sockstat, sockstat],
    [PROC_FILES.sockstat6, sockstat6],
  ] as const) {
    fail(path, r);
    const body = text(r);
    if (body === undefined) continue;
    const parsed = parseSockstat(body);
    const wanted = path === PROC_FILES.sockstat ? parsed?.tcp : parsed?.tcp6;
    if (!parsed || !wanted) problems.push({ path, kind: 'malformed', detail: 'no TCP line' });
    if (parsed) ss = mergeSockstat(ss, parsed);
  }

  // /proc/net/tcp{,6}
  const table = (path: string, read: { outcome: ReadOutcome | { ok: true }; counts?: TcpTableCounts }): TcpTableCounts | undefined => {
    const r = read.outcome;
    if (!r.ok) fail(path, r);
    const t = read.counts;
    if (!t) return undefined;
    if (t.truncatedAt !== undefined) problems.push({ path, kind: 'truncated', detail: String(t.truncatedAt) });
    const bad = t.malformed + Object.values(t.unknownStates).reduce((a, n) => a + n, 0);
    if (!t.header && t.rows === 0) problems.push({ path, kind: 'malformed', detail: 'no header and no rows' });
    else if (bad > 0) problems.push({ path, kind: 'malformed', detail: String(bad) });
    return t;
  };
  const tcp4Counts = table(PROC_FILES.tcp, tcp);
  const tcp6Counts = table(PROC_FILES.tcp6, tcp6);

  // /proc/sys/net/ipv4/*
  const sysctls: Record<string, string> = {};
  ORPHAN_TUNABLES.forEach(([name, numbers], i) => {
    const path = tunablePaths[i] as string;
    const r = tunables[i] as ReadOutcome;
    fail(path, r);
    const body = text(r);
    if (body === undefined) return;
    const value = parseSysctlValue(body, numbers);
    if (value === undefined) problems.push({ path, kind: 'malformed' });
    else sysctls[`net.ipv4.${name}`] = value;
  });

  // /proc/net/netstat
  const counters: Record<string, number> = {};
  fail(PROC_FILES.netstat, netstat);
  const netstatText = text(netstat);
  if (netstatText !== undefined) {
    const parsed = parseProcNetstat(netstatText);
    const missing: string[] = [];
    for (const name of ABORT_COUNTERS) {
      const v = parsed.counters[name];
      if (v === undefined) missing.push(name);
      else counters[name] = v;
    }
    if (missing.length > 0) problems.push({ path: PROC_FILES.netstat, kind: 'missing', detail: missing.join(', ') });
  }

  // Host name, kernel release, page size (once per live session).
  let host = prev?.data.host ?? '';
  let kernel = prev?.data.kernel ?? '';
  let pageSize = prev?.data.pageSize;
  let pageSizeSource: Capture['pageSizeSource'] = prev?.pageSizeSource ?? 'assumed';
  if (!prev) {
    for (const [path, r, set] of [
      [PROC_FILES.hostname, hostname, (v: string) => (host = v)],
      [PROC_FILES.osrelease, osrelease, (v: string) => (kernel = v)],
    ] as const) {
      fail(path, r);
      const body = text(r);
      if (body === undefined) continue;
      const v = parseOneLine(body);
      if (v === undefined) problems.push({ path, kind: 'malformed' });
      else set(v);
    }
    pageSize = auxv.ok ? parseAuxvPageSize(auxv.bytes) : undefined;
    pageSizeSource = 'auxv';
    if (pageSize === undefined) {
      // auxv is where sysconf(_SC_PAGESIZE) gets it; smaps is the (larger) second source.
      fail(PROC_FILES.auxv, auxv);
      if (auxv.ok) problems.push({ path: PROC_FILES.auxv, kind: 'malformed' });
      const smaps = await safeRead(read, PROC_FILES.smaps);
      fail(PROC_FILES.smaps, smaps);
      const body = text(smaps);
      pageSize = body === undefined ? undefined : parseSmapsPageSize(body);
      if (body !== undefined && pageSize === undefined) problems.push({ path: PROC_FILES.smaps, kind: 'malformed' });
      pageSizeSource = 'smaps';
      if (pageSize === undefined) {
        pageSize = ASSUMED_PAGE_SIZE;
        pageSizeSource = 'assumed';
      }
    }
  }

  const states: { tcp4?: FamilyCounts; tcp6?: FamilyCounts } = {};
  if (tcp4Counts) states.tcp4 = { ...tcp4Counts.counts };
  if (tcp6Counts) states.tcp6 = { ...tcp6Counts.counts };
  const data: SnapshotData = {
    host,
    kernel,
    time: isoWithZone(now),
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(pageSize !== undefined && pageSizeSource === 'assumed' ? { pageSizeAssumed: true } : {}),
    ...(ss ? { sockstat: ss } : {}),
    ...(Object.keys(sysctls).length > 0 ? { sysctls } : {}),
    ...(tcp4Counts || tcp6Counts ? { states } : {}),
    ...(Object.keys(counters).length > 0 ? { counters } : {}),
  };
  return {
    data,
    problems,
    ...(tcp4Counts ? { tcp4: tcp4Counts } : {}),
    ...(tcp6Counts ? { tcp6: tcp6Counts } : {}),
    counts: sumCounts(tcp4Counts?.counts, tcp6Counts?.counts),
    pageSizeSource,
    pressure: orphanPressure(pressureInput(data)),
    empty: !ss && !tcp4Counts && !tcp6Counts,
  };
}

// ---------------------------------------------------------------------------------------------------
// Writing the block
// ---------------------------------------------------------------------------------------------------

const FAILURE_TEXT: Readonly<Record<ProblemKind, Localized>> = {
  'not-found': { en: 'file not found', 'zh-cn': '文件不存在' },
  permission: { en: 'permission denied', 'zh-cn': '权限不足' },
  error: { en: 'read error', 'zh-cn': '读取错误' },
  malformed: { en: 'unexpected content', 'zh-cn': '内容格式异常' },
  missing: { en: 'not present', 'zh-cn': '不存在' },
  truncated: { en: 'truncated', 'zh-cn': '已截断' },
};

const C = {
  unavailable: { en: 'unavailable: {path} ({why})', 'zh-cn': '无法读取：{path}（{why}）' },
  malformedLines: { en: '{path}: {n} unexpected lines skipped', 'zh-cn': '{path}：跳过 {n} 行异常内容' },
  missingCounters: { en: '{path}: counters not present: {names}', 'zh-cn': '{path}：缺少计数器：{names}' },
  truncated: { en: '{path}: truncated: more than {n} sockets (counts are of the first {n})', 'zh-cn': '{path}：已截断：超过 {n} 个 socket（计数只含前 {n} 个）' },
  assumedPage: {
    en: 'page size could not be read from /proc/self/auxv or /proc/self/smaps: {size} is ASSUMED',
    'zh-cn': '无法从 /proc/self/auxv 或 /proc/self/smaps 读取页大小：{size} 为假定值',
  },
  minisocks: {
    en: '{family} FIN-WAIT-2: {n} of {total} are timewait minisocks (tr 3) — counted in sockstat tw, not orphan',
    'zh-cn': '{family} FIN-WAIT-2：{total} 个中有 {n} 个是 timewait minisock（tr 3）—— 计入 sockstat tw，不是孤儿',
  },
  source: {
    en: 'captured from /proc by TCP State Notes (no command was run)',
    'zh-cn': '由 TCP State Notes 从 /proc 读取（未运行任何命令）',
  },
  verdict: { en: 'orphan pressure — {verdict}', 'zh-cn': '孤儿压力——{verdict}' },
} as const satisfies Record<string, Localized>;

function fill(s: Localized, lang: Lang, values: Record<string, string | number>): string {
  return s[lang].replace(/\{(\w+)\}/g, (whole, k: string) => (values[k] === undefined ? whole : String(values[k])));
}

/** The comment lines describing problems (in the block, in the note's language). */
export function problemComments(capture: Pick<Capture, 'problems' | 'pageSizeSource' | 'data'>, lang: Lang): string[] {
  const out: string[] = [];
  for (const p of capture.problems) {
    if (p.kind === 'malformed' && p.detail !== undefined && /^\d+$/.test(p.detail)) {
      out.push(fill(C.malformedLines, lang, { path: p.path, n: p.detail }));
    } else if (p.kind === 'truncated') {
      out.push(fill(C.truncated, lang, { path: p.path, n: Number(p.detail).toLocaleString('en-US') }));
    } else if (p.kind === 'missing') {
      out.push(fill(C.missingCounters, lang, { path: p.path, names: p.detail ?? '' }));
    } else if (p.path !== PROC_FILES.auxv && p.path !== PROC_FILES.smaps) {
      out.push(fill(C.unavailable, lang, { path: p.path, why: FAILURE_TEXT[p.kind][lang] }));
    }
  }
  if (capture.pageSizeSource === 'assumed') out.push(fill(C.assumedPage, lang, { size: capture.data.pageSize ?? ASSUMED_PAGE_SIZE }));
  return out;
}

/** The block's content (no fences): formatSnapshot plus the comments for problems, minisocks and the verdict. */
export function snapshotText(capture: Capture, lang: Lang): string {
  const stateNotes: string[] = [];
  for (const [family, t] of [
    ['tcp4', capture.tcp4],
    ['tcp6', capture.tcp6],
  ] as const) {
    if (t && t.finWait2Minisocks > 0) {
      stateNotes.push(fill(C.minisocks, lang, { family, n: t.finWait2Minisocks, total: t.counts['FIN-WAIT-2'] ?? 0 }));
    }
  }
  return formatSnapshot(capture.data, {
    header: [C.source[lang], ...problemComments(capture, lang)],
    states: stateNotes,
    verdict: fill(C.verdict, lang, { verdict: pressureVerdict(capture.pressure, lang) }),
  });
}

/** A backtick fence longer than any backtick run in `content` (at least three). */
export function fenceFor(content: string): string {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < content.length; i++) {
    if (content.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * What to insert at the cursor: the fenced block on lines of its own (a newline first when the cursor is not at
 * the start of a line). `before` is the character just before the insertion point ('' at the start).
 */
export function snapshotInsertion(content: string, before: string): string {
  const fence = fenceFor(content);
  const lead = before !== '' && before !== '\n' ? '\n' : '';
  return `${lead}${fence}text\n${content}\n${fence}\n`;
}
