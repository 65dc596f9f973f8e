/**
 * Parsers for the small /proc files a socket snapshot reads: /proc/net/sockstat{,6}, /proc/net/netstat, the
 * /proc/sys/net/ipv4 tunables, the host name and kernel release, and the page size (from /proc/self/auxv,
 * with /proc/self/smaps as a second source). Each returns `undefined` (or reports `malformed`) rather than
 * guessing. Pure: no `vscode`, no Node built-ins.
 */
import type { SockstatNumbers } from '../evidence/types';
import { applySockstatLine, freezeSockstat, hasSockstat, parseSockstatLine, type MutableSockstat } from '../evidence/lineFormats';
import { isAlnumIdentifier, isIntShape, parseInt53, splitLines, tokenize } from '../evidence/text';

/** /proc/net/sockstat or sockstat6: the `sockets:`, `TCP:` and `TCP6:` lines (facts §4.1). */
export function parseSockstat(text: string): SockstatNumbers | undefined {
  const into: MutableSockstat = {};
  for (const line of splitLines(text)) {
    if (line.length > 4096) continue;
    const parsed = parseSockstatLine(tokenize(line, 32));
    if (parsed) applySockstatLine(into, parsed);
  }
  return hasSockstat(into) ? freezeSockstat(into) : undefined;
}

export interface ProcNetstat {
  /** `TcpExtTCPAbortOnMemory` → value (section prefix + field name, as nstat names them). */
  readonly counters: Readonly<Record<string, number>>;
  /** Header/value line pairs that did not match (different field count, non-numeric value). */
  readonly malformed: number;
}

/**
 * /proc/net/netstat (and /proc/net/snmp): pairs of lines, a header `TcpExt: SyncookiesSent …` followed by
 * `TcpExt: 0 …` with the values in the same order.
 */
export function parseProcNetstat(text: string): ProcNetstat {
  const counters: Record<string, number> = {};
  let malformed = 0;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const header = tokenize(lines[i] as string, 1024);
    const label = header[0];
    if (label === undefined) continue;
    const prefix = label.endsWith(':') ? label.slice(0, -1) : '';
    if (!isAlnumIdentifier(prefix, 40) || header.length < 2 || !isAlnumIdentifier(header[1])) {
      malformed++;
      continue;
    }
    const values = tokenize(lines[i + 1] ?? '', 1024);
    if (values[0] !== label) {
      malformed++;
      continue;
    }
    i++; // the value line belongs to this header, even when it does not match it
    if (values.length !== header.length || !values.slice(1).every(isIntShape)) {
      malformed++;
      continue;
    }
    for (let k = 1; k < header.length; k++) {
      const name = header[k];
      const v = parseInt53(values[k]);
      if (isAlnumIdentifier(name) && v !== undefined && v >= 0) counters[prefix + name] = v;
    }
  }
  return { counters, malformed };
}

/**
 * A /proc/sys value: integers separated by whitespace (tcp_mem has three, separated by tabs). Returns the
 * value with single spaces, or undefined when the file holds anything else or not `expect` numbers.
 */
export function parseSysctlValue(text: string, expect = 1): string | undefined {
  const tokens = tokenize(text, 16);
  if (tokens.length !== expect || !tokens.every((t) => isIntShape(t) && t.length <= 20)) return undefined;
  return tokens.join(' ');
}

/** /proc/sys/kernel/hostname, /proc/sys/kernel/osrelease: one line of text. Undefined when empty. */
export function parseOneLine(text: string): string | undefined {
  const first = splitLines(text)[0]?.trim() ?? '';
  return first.length > 0 && first.length <= 256 ? first : undefined;
}

/** AT_PAGESZ in the ELF auxiliary vector (what `getconf PAGESIZE` / sysconf(_SC_PAGESIZE) return). */
const AT_NULL = 0;
const AT_PAGESZ = 6;
/** Auxv types are small (< 64 today); anything far larger means the layout guess is wrong. */
const MAX_AUXV_TYPE = 4096;

function isPageSize(n: number): boolean {
  return n >= 1024 && n <= 1 << 24 && (n & (n - 1)) === 0;
}

/**
 * Page size from /proc/self/auxv: (type, value) pairs of machine words ending with AT_NULL. The word size and
 * byte order are not in the file, so every layout (64/32-bit, little/big-endian) is tried and one is accepted
 * only when the whole vector is well formed, AT_NULL-terminated, and carries a power-of-two AT_PAGESZ.
 */
export function parseAuxvPageSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const word of [8, 4] as const) {
    for (const little of [true, false]) {
      const read = (at: number): number =>
        word === 8 ? Number(view.getBigUint64(at, little)) : view.getUint32(at, little);
      let pageSize: number | undefined;
      let ok = false;
      for (let at = 0; at + 2 * word <= bytes.byteLength; at += 2 * word) {
        const type = read(at);
        const value = read(at + word);
        if (type === AT_NULL) {
          ok = value === 0;
          break;
        }
        if (type > MAX_AUXV_TYPE) break;
        if (type === AT_PAGESZ) pageSize = value;
      }
      if (ok && pageSize !== undefined && isPageSize(pageSize)) return pageSize;
    }
  }
  return undefined;
}

/**
 * Page size from /proc/self/smaps: the smallest `KernelPageSize:` of all mappings (hugetlbfs mappings report
 * their huge page size, every other mapping the base page size). Undefined when there is none.
 */
export function parseSmapsPageSize(text: string): number | undefined {
  let best: number | undefined;
  const key = 'KernelPageSize:';
  let from = 0;
  for (;;) {
    const at = text.indexOf(key, from);
    if (at < 0) break;
    const eol = text.indexOf('\n', at);
    const tokens = tokenize(text.slice(at + key.length, eol < 0 ? text.length : eol), 4);
    from = eol < 0 ? text.length : eol + 1;
    const kb = parseInt53(tokens[0]);
    if (kb === undefined || tokens[1] !== 'kB') continue;
    const bytes = kb * 1024;
    if (isPageSize(bytes) && (best === undefined || bytes < best)) best = bytes;
  }
  return best;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Local time as ISO 8601 with the zone offset: `2025-03-14T09:26:53+08:00` (`Z` never used, offset always). */
export function isoWithZone(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}` +
    `T${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}
