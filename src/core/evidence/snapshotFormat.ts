/**
 * The snapshot block written by "Capture Socket Snapshot" — format version 1.
 *
 * A stable, line-oriented, plain-text block that is pasted into a note inside a fenced code block
 * (```text … ```). Every data line reuses, verbatim, the format of the tool that normally prints that
 * number, so a reader who knows /proc/net/sockstat, `sysctl` and `nstat` needs no legend, and
 * `parseEvidence` reads it back with the same line grammars it uses for real tool output. Example:
 *
 *     # tcp-state-notes snapshot host=web-01 kernel=6.8.0-45-generic time=2025-03-14T09:26:53+08:00
 *     # sockstat (/proc/net/sockstat, /proc/net/sockstat6)
 *     sockets: used 1342
 *     TCP: inuse 9270 orphan 61920 tw 8120 alloc 71330 mem 182044
 *     TCP6: inuse 10
 *     # sysctl
 *     net.ipv4.tcp_fin_timeout = 60
 *     net.ipv4.tcp_max_orphans = 65536
 *     net.ipv4.tcp_mem = 188319 251092 376638
 *     pagesize 4096
 *     # TCP sockets per family and state (tcp4/tcp6 STATE COUNT)
 *     tcp4 ESTABLISHED 350
 *     tcp4 FIN-WAIT-1 61920
 *     tcp6 LISTEN 4
 *     # counters (nstat -az, absolute values)
 *     TcpExtTCPAbortOnMemory          12
 *     TcpExtTCPAbortOnTimeout         3
 *     orphan-pressure orphan=61920 max=65536 ratio=0.9448 half=32768 quarter=16384 mem=182044 mem-max=376638 mem-ratio=0.4833
 *     # end snapshot
 *
 * Grammar (one item per line; lines are separated by LF, CRLF is accepted; data lines may come in any order):
 *
 * 1. Header — always the first line: `# tcp-state-notes snapshot` followed by space-separated `key=value`
 *    pairs. The writer always writes `host` (uname -n), `kernel` (uname -r) and `time` (ISO 8601 with a zone
 *    offset or `Z`). Values are percent-encoded for `%`, `=`, whitespace and control characters
 *    (`%25`, `%3D`, `%20`, …). Readers ignore unknown keys; a missing key reads as the empty string.
 * 2. `sockets: used N`, `TCP: inuse N orphan N tw N alloc N mem N`, `TCP6: inuse N` — exactly as in
 *    /proc/net/sockstat{,6} (facts §4.1). The TCP line may carry any subset of its five fields; `mem` is pages.
 * 3. `<sysctl key> = <value>` — as printed by `sysctl <key>`; whitespace inside the value (sysctl prints tabs
 *    for tcp_mem) is written, and read, as single spaces.
 * 4. `pagesize N` — `getconf PAGESIZE`, in bytes. `parseEvidence` reports it as sysctls[PAGE_SIZE_KEY].
 *    `pagesize N assumed` marks a value the writer could not read and assumed: `parseSnapshot` returns it with
 *    `pageSizeAssumed`, `parseEvidence` does not report it (an assumption is not evidence).
 * 5. `tcp4 STATE N` / `tcp6 STATE N` — TCP sockets per state and address family (from `ss -tan -4` / `-6`
 *    or /proc/net/tcp{,6}). The writer uses the canonical state id (`FIN-WAIT-1`, `SYN-RECEIVED`); readers
 *    accept every spelling `lookupStateSpelling` knows and thousands separators (`61,920`).
 * 6. `<CounterName> N` — an nstat counter (`TcpExtTCPAbortOnMemory`), absolute value, column-aligned like
 *    nstat output but without nstat's rate column. Names are ASCII letters and digits.
 * 7. `orphan-pressure key=value …` — a derived, human-oriented summary: sockstat `orphan` against
 *    `net.ipv4.tcp_max_orphans` (`ratio`, and the ½ / ¼ thresholds of the kernel's shift penalty, facts §2.3)
 *    and sockstat `mem` against the third `tcp_mem` value, then (when `net.ipv4.tcp_max_tw_buckets` is
 *    known) `tw=… tw-max=… tw-ratio=…`. Written only when orphan and tcp_max_orphans are known;
 *    readers ignore it (it is recomputed from lines 2 and 3).
 * 8. `# end snapshot` — ends the block; optional for readers (the end of the code block, another snapshot
 *    header, or a shell command line such as `$ ss -s` also ends it).
 *    Any other line starting with `#` is a comment (the writer uses comments as section titles).
 *    Unknown lines are ignored, so later versions can add line types without breaking older readers.
 *
 * Numbers are plain decimal integers 0 … 2^53-1. Later duplicates of a line override earlier ones.
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_IDS, type StateId } from '../catalogue/types';
import type { SockstatNumbers } from './types';
import {
  applySockstatLine,
  freezeSockstat,
  hasSockstat,
  isSysctlKey,
  normaliseSysctlValue,
  parseNstatRow,
  parseSockstatLine,
  parseSysctlLine,
  type MutableSockstat,
} from './lineFormats';
import { isAlnumIdentifier, parseCount, parseUint, stateFromToken, tokenize, trimEndSpace } from './text';

export const SNAPSHOT_HEADER = '# tcp-state-notes snapshot';
export const SNAPSHOT_END = '# end snapshot';
/** Key under which `parseEvidence` reports `pagesize N` (and `getconf PAGESIZE` output) in `sysctls`. */
export const PAGE_SIZE_KEY = 'pagesize';

export type FamilyCounts = Partial<Record<StateId, number>>;

export interface SnapshotData {
  /** Host name (`uname -n`). */
  readonly host: string;
  /** Kernel release (`uname -r`). */
  readonly kernel: string;
  /** Capture time, ISO 8601 with zone (`2025-03-14T09:26:53+08:00`). */
  readonly time: string;
  /** `getconf PAGESIZE`, bytes (sockstat `mem` and `tcp_mem` are in pages). */
  readonly pageSize?: number;
  /** The writer could not read the page size and assumed `pageSize` (written `pagesize N assumed`). */
  readonly pageSizeAssumed?: boolean;
  readonly sockstat?: SockstatNumbers;
  /** Full sysctl key → value, whitespace collapsed to single spaces (`"4096 87380 6291456"`). */
  readonly sysctls?: Readonly<Record<string, string>>;
  /** TCP sockets per state, per address family. */
  readonly states?: { readonly tcp4?: FamilyCounts; readonly tcp6?: FamilyCounts };
  /** nstat counters by name (absolute values). */
  readonly counters?: Readonly<Record<string, number>>;
}

// ---------------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------------

function encodeHeaderValue(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c <= 32 || c === 0x7f || c === 37 /* % */ || c === 61 /* = */ || c === 0xa0 || c === 0x3000) {
      out += c < 128 ? '%' + c.toString(16).toUpperCase().padStart(2, '0') : encodeURIComponent(v[i] as string);
    } else out += v[i] as string;
  }
  return out;
}

function decodeHeaderValue(v: string): string {
  if (v.indexOf('%') < 0) return v;
  try {
    return decodeURIComponent(v);
  } catch {
    // Not valid percent-encoding (hand-edited): decode only well-formed ASCII escapes.
    return v.replace(/%([0-7][0-9A-Fa-f])/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  }
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

function pad(name: string, width: number): string {
  return name.length >= width ? name + ' ' : name + ' '.repeat(width - name.length);
}

/**
 * Human-oriented comment lines a writer may add (each becomes one `# …` line; readers skip comments):
 * after the header (`# unavailable: /proc/net/tcp6 (file not found)`), after the per-state lines
 * (`# tcp4 FIN-WAIT-2: 3 of 5 are timewait minisocks`), and after the orphan-pressure line (the verdict).
 */
export interface SnapshotComments {
  readonly header?: readonly string[];
  readonly states?: readonly string[];
  readonly verdict?: string;
}

/** One `# …` comment line: control characters become spaces, and it can never read as a header or end. */
function commentLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  let s = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  if (s.length > 2000) s = `${s.slice(0, 1999)}…`;
  const line = `# ${s}`;
  return isSnapshotHeader(line) || line.toLowerCase() === SNAPSHOT_END ? `# note: ${s}` : line;
}

/** Writes the snapshot block (without code fences, without a trailing newline). Invalid numbers are left out. */
export function formatSnapshot(data: SnapshotData, comments: SnapshotComments = {}): string {
  const lines: string[] = [
    `${SNAPSHOT_HEADER} host=${encodeHeaderValue(data.host)} kernel=${encodeHeaderValue(data.kernel)} time=${encodeHeaderValue(data.time)}`,
  ];
  for (const c of comments.header ?? []) lines.push(commentLine(c));

  const ss = data.sockstat;
  if (ss) {
    const body: string[] = [];
    if (isCount(ss.socketsUsed)) body.push(`sockets: used ${ss.socketsUsed}`);
    if (ss.tcp) {
      const parts: string[] = [];
      for (const k of ['inuse', 'orphan', 'tw', 'alloc', 'mem'] as const) {
        const v = ss.tcp[k];
        if (isCount(v)) parts.push(`${k} ${v}`);
      }
      if (parts.length > 0) body.push(`TCP: ${parts.join(' ')}`);
    }
    if (ss.tcp6 && isCount(ss.tcp6.inuse)) body.push(`TCP6: inuse ${ss.tcp6.inuse}`);
    if (body.length > 0) lines.push('# sockstat (/proc/net/sockstat, /proc/net/sockstat6)', ...body);
  }

  const sysctlLines: string[] = [];
  for (const key of Object.keys(data.sysctls ?? {}).sort()) {
    const raw = data.sysctls?.[key];
    const value = raw === undefined ? undefined : normaliseSysctlValue(raw);
    if (value !== undefined && isSysctlKey(key)) sysctlLines.push(`${key} = ${value}`);
  }
  if (isCount(data.pageSize)) sysctlLines.push(`${PAGE_SIZE_KEY} ${data.pageSize}${data.pageSizeAssumed === true ? ' assumed' : ''}`);
  if (sysctlLines.length > 0) lines.push('# sysctl', ...sysctlLines);

  const stateLines: string[] = [];
  for (const family of ['tcp4', 'tcp6'] as const) {
    const counts = data.states?.[family];
    if (!counts) continue;
    for (const id of STATE_IDS) {
      const n = counts[id];
      if (isCount(n)) stateLines.push(`${family} ${id} ${n}`);
    }
  }
  if (stateLines.length > 0) lines.push('# TCP sockets per family and state (tcp4/tcp6 STATE COUNT)', ...stateLines);
  for (const c of comments.states ?? []) lines.push(commentLine(c));

  const counterLines: string[] = [];
  for (const name of Object.keys(data.counters ?? {}).sort()) {
    const v = data.counters?.[name];
    if (isAlnumIdentifier(name) && stateFromToken(name) === undefined && name !== PAGE_SIZE_KEY && isCount(v)) {
      counterLines.push(`${pad(name, 32)}${v}`);
    }
  }
  if (counterLines.length > 0) lines.push('# counters (nstat -az, absolute values)', ...counterLines);

  const pressure = orphanPressureLine(data);
  if (pressure) lines.push(pressure);
  if (comments.verdict !== undefined) lines.push(commentLine(comments.verdict));
  lines.push(SNAPSHOT_END);
  return lines.join('\n');
}

function orphanPressureLine(data: SnapshotData): string | undefined {
  const orphan = data.sockstat?.tcp?.orphan;
  const max = parseUint(data.sysctls?.['net.ipv4.tcp_max_orphans']?.trim());
  if (!isCount(orphan) || max === undefined) return undefined;
  const parts = [`orphan=${orphan}`, `max=${max}`];
  if (max > 0) parts.push(`ratio=${(orphan / max).toFixed(4)}`);
  parts.push(`half=${Math.floor(max / 2)}`, `quarter=${Math.floor(max / 4)}`);
  const mem = data.sockstat?.tcp?.mem;
  const memMax = parseUint(tokenize(data.sysctls?.['net.ipv4.tcp_mem'] ?? '')[2]);
  if (isCount(mem) && memMax !== undefined) {
    parts.push(`mem=${mem}`, `mem-max=${memMax}`);
    if (memMax > 0) parts.push(`mem-ratio=${(mem / memMax).toFixed(4)}`);
  }
  const tw = data.sockstat?.tcp?.tw;
  const twMax = parseUint(data.sysctls?.['net.ipv4.tcp_max_tw_buckets']?.trim());
  if (isCount(tw) && twMax !== undefined) {
    parts.push(`tw=${tw}`, `tw-max=${twMax}`);
    if (twMax > 0) parts.push(`tw-ratio=${(tw / twMax).toFixed(4)}`);
  }
  return `orphan-pressure ${parts.join(' ')}`;
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

/** Is this line a snapshot header? (Leading whitespace allowed.) */
export function isSnapshotHeader(line: string): boolean {
  // A line starting with a printable ASCII character other than `#` (most lines) is answered without trimming.
  const c0 = line.charCodeAt(0);
  if (c0 > 32 && c0 < 127 && c0 !== 35) return false;
  const s = line.trimStart();
  if (!s.startsWith(SNAPSHOT_HEADER)) return false;
  const next = s.charCodeAt(SNAPSHOT_HEADER.length);
  return Number.isNaN(next) || next === 32 || next === 9;
}

export type SnapshotLineResult = 'data' | 'skip' | 'end' | 'new-header';

/** Incremental reader: feed it the lines after the header, one by one. */
export class SnapshotReader {
  private readonly header: Record<string, string> = {};
  private readonly sockstat: MutableSockstat = {};
  private readonly sysctls: Record<string, string> = {};
  private readonly counters: Record<string, number> = {};
  private readonly tcp4: FamilyCounts = {};
  private readonly tcp6: FamilyCounts = {};
  private pageSize: number | undefined;
  private pageSizeAssumed = false;

  constructor(headerLine: string) {
    const s = headerLine.trimStart().slice(SNAPSHOT_HEADER.length);
    for (const tok of tokenize(s, 64)) {
      const eq = tok.indexOf('=');
      if (eq <= 0) continue;
      const key = tok.slice(0, eq);
      if (!isAlnumIdentifier(key, 40)) continue;
      this.header[key] = decodeHeaderValue(tok.slice(eq + 1));
    }
  }

  accept(rawLine: string): SnapshotLineResult {
    const line = trimEndSpace(rawLine);
    const tokens = tokenize(line, 64);
    const t0 = tokens[0];
    if (t0 === undefined) return 'skip';
    if (t0.startsWith('#')) {
      if (isSnapshotHeader(line)) return 'new-header';
      if (line.trim().toLowerCase() === SNAPSHOT_END) return 'end';
      return 'skip';
    }
    if (t0 === 'orphan-pressure') return 'skip';
    if (t0 === PAGE_SIZE_KEY && (tokens.length === 2 || (tokens.length === 3 && tokens[2] === 'assumed'))) {
      const v = parseUint(tokens[1]);
      if (v === undefined) return 'skip';
      this.pageSize = v;
      this.pageSizeAssumed = tokens.length === 3;
      return 'data';
    }
    if ((t0 === 'tcp4' || t0 === 'tcp6') && tokens.length === 3) {
      const state = stateFromToken(tokens[1]);
      const n = parseCount(tokens[2]);
      if (state === undefined || n === undefined) return 'skip';
      (t0 === 'tcp4' ? this.tcp4 : this.tcp6)[state] = n;
      return 'data';
    }
    const sock = parseSockstatLine(tokens);
    if (sock) return applySockstatLine(this.sockstat, sock) ? 'data' : 'skip';
    const sysctl = parseSysctlLine(line);
    if (sysctl) {
      this.sysctls[sysctl[0]] = sysctl[1];
      return 'data';
    }
    const row = parseNstatRow(tokens);
    if (row && row.value !== undefined) {
      this.counters[row.name] = row.value;
      return 'data';
    }
    return 'skip';
  }

  result(): SnapshotData {
    const states: { tcp4?: FamilyCounts; tcp6?: FamilyCounts } = {};
    if (Object.keys(this.tcp4).length > 0) states.tcp4 = { ...this.tcp4 };
    if (Object.keys(this.tcp6).length > 0) states.tcp6 = { ...this.tcp6 };
    return {
      host: this.header.host ?? '',
      kernel: this.header.kernel ?? '',
      time: this.header.time ?? '',
      ...(this.pageSize !== undefined ? { pageSize: this.pageSize } : {}),
      ...(this.pageSize !== undefined && this.pageSizeAssumed ? { pageSizeAssumed: true } : {}),
      ...(hasSockstat(this.sockstat) ? { sockstat: freezeSockstat(this.sockstat) } : {}),
      ...(Object.keys(this.sysctls).length > 0 ? { sysctls: { ...this.sysctls } } : {}),
      ...(states.tcp4 || states.tcp6 ? { states } : {}),
      ...(Object.keys(this.counters).length > 0 ? { counters: { ...this.counters } } : {}),
    };
  }
}

/**
 * Reads the first snapshot block in `text` (full fidelity: host, kernel, time, per-family counts, page size).
 * Undefined when there is none. Never throws.
 */
export function parseSnapshot(text: string): SnapshotData | undefined {
  try {
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.length > 16_384 || !isSnapshotHeader(line)) continue;
      const reader = new SnapshotReader(line);
      for (let j = i + 1; j < lines.length; j++) {
        const l = lines[j] as string;
        if (l.length > 16_384) continue;
        const r = reader.accept(l);
        if (r === 'end' || r === 'new-header') break;
      }
      return reader.result();
    }
  } catch {
    // fall through
  }
  return undefined;
}
