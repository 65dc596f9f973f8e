/**
 * Single-line grammars shared by `parseEvidence` and the snapshot reader: /proc/net/sockstat lines,
 * `sysctl` lines and nstat rows. Pure: no `vscode`, no Node built-ins.
 */
import type { SockstatNumbers } from './types';
import { collapseSpace, isAlnumIdentifier, isDecimal, parseUint, stateFromToken } from './text';

// ---------------------------------------------------------------------------------------------------
// /proc/net/sockstat, /proc/net/sockstat6 (facts §4.1)
// ---------------------------------------------------------------------------------------------------

/** Protocol labels that start a sockstat line (`TCP: inuse 512 orphan 37 …`). */
const SOCKSTAT_LABELS: ReadonlySet<string> = new Set([
  'sockets:',
  'TCP:',
  'UDP:',
  'UDPLITE:',
  'RAW:',
  'FRAG:',
  'TCP6:',
  'UDP6:',
  'UDPLITE6:',
  'RAW6:',
  'FRAG6:',
  'MPTCP:',
  'SCTP:',
  'SCTP6:',
]);

/** SOCKSTAT_LABELS as a list, for a test in place (Line.headIsOneOf) before a line is tokenised. */
export const SOCKSTAT_LABEL_LIST: readonly string[] = [...SOCKSTAT_LABELS];

export type SockstatLine =
  | { readonly label: 'sockets'; readonly used?: number }
  | { readonly label: 'TCP'; readonly fields: Readonly<Record<string, number>> }
  | { readonly label: 'TCP6'; readonly fields: Readonly<Record<string, number>> }
  | { readonly label: 'other' };

/**
 * Parses `sockets: used N`, `TCP: inuse N orphan N tw N alloc N mem N`, `TCP6: inuse N`, and recognises
 * (without keeping) the UDP/RAW/FRAG lines. A value too large for a double is dropped, the line still matches.
 */
export function parseSockstatLine(tokens: readonly string[]): SockstatLine | undefined {
  const label = tokens[0];
  if (label === undefined || !SOCKSTAT_LABELS.has(label)) return undefined;
  if (tokens.length < 3 || tokens.length % 2 === 0) return undefined;
  const fields: Record<string, number> = {};
  for (let i = 1; i + 1 < tokens.length; i += 2) {
    const key = tokens[i];
    const value = tokens[i + 1];
    if (!isLowerWord(key) || value === undefined) return undefined;
    if (!isDigitsToken(value)) return undefined;
    const v = parseUint(value);
    if (v !== undefined) fields[key] = v;
  }
  if (label === 'sockets:') {
    if (tokens[1] !== 'used') return undefined;
    return fields.used === undefined ? { label: 'sockets' } : { label: 'sockets', used: fields.used };
  }
  if (label === 'TCP:') return { label: 'TCP', fields };
  if (label === 'TCP6:') return { label: 'TCP6', fields };
  return { label: 'other' };
}

function isDigitsToken(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

function isLowerWord(s: string | undefined): s is string {
  if (s === undefined || s.length === 0 || s.length > 20) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/** Folds one parsed sockstat line into `into` (mutated). Returns whether it carried TCP-relevant data. */
export function applySockstatLine(into: MutableSockstat, line: SockstatLine): boolean {
  switch (line.label) {
    case 'sockets':
      if (line.used === undefined) return false;
      into.socketsUsed = line.used;
      return true;
    case 'TCP': {
      const tcp = (into.tcp ??= {});
      let any = false;
      for (const k of ['inuse', 'orphan', 'tw', 'alloc', 'mem'] as const) {
        const v = line.fields[k];
        if (v !== undefined) {
          tcp[k] = v;
          any = true;
        }
      }
      return any;
    }
    case 'TCP6': {
      const v = line.fields.inuse;
      if (v === undefined) return false;
      into.tcp6 = { inuse: v };
      return true;
    }
    case 'other':
      return false;
  }
}

/** SockstatNumbers with writable nested objects, for building. */
export interface MutableSockstat {
  socketsUsed?: number;
  tcp?: { inuse?: number; orphan?: number; tw?: number; alloc?: number; mem?: number };
  tcp6?: { inuse?: number };
}

export function hasSockstat(s: MutableSockstat): boolean {
  return (
    s.socketsUsed !== undefined ||
    (s.tcp !== undefined && Object.keys(s.tcp).length > 0) ||
    (s.tcp6 !== undefined && s.tcp6.inuse !== undefined)
  );
}

/** Deep copy with only defined fields, so consumers get plain, independent objects. */
export function freezeSockstat(s: MutableSockstat): SockstatNumbers {
  const out: MutableSockstat = {};
  if (s.socketsUsed !== undefined) out.socketsUsed = s.socketsUsed;
  if (s.tcp && Object.keys(s.tcp).length > 0) out.tcp = { ...s.tcp };
  if (s.tcp6 && s.tcp6.inuse !== undefined) out.tcp6 = { inuse: s.tcp6.inuse };
  return out;
}

/** Field-wise merge: fields of `later` override those of `earlier`. */
export function mergeSockstat(earlier: SockstatNumbers | undefined, later: SockstatNumbers): SockstatNumbers {
  const out: MutableSockstat = earlier ? freezeSockstat(earlier) : {};
  if (later.socketsUsed !== undefined) out.socketsUsed = later.socketsUsed;
  if (later.tcp) out.tcp = { ...(out.tcp ?? {}), ...definedOnly(later.tcp) };
  if (later.tcp6 && later.tcp6.inuse !== undefined) out.tcp6 = { inuse: later.tcp6.inuse };
  return freezeSockstat(out);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) {
    if (o[k] !== undefined) out[k] = o[k];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// sysctl (facts §3): `net.ipv4.tcp_max_orphans = 262144`, `net.ipv4.tcp_mem = 4096\t87380\t6291456`
// ---------------------------------------------------------------------------------------------------

/** Top-level sysctl directories, with how many further dot-separated parts a key needs at least. */
const SYSCTL_ROOTS: ReadonlyMap<string, number> = new Map([
  ['net', 2],
  ['vm', 1],
  ['kernel', 1],
  ['fs', 1],
  ['dev', 2],
  ['abi', 1],
  ['debug', 1],
  ['user', 1],
  ['crypto', 1],
  ['sunrpc', 1],
]);

const MAX_SYSCTL_VALUE = 512;

/** Is `key` a plausible full sysctl key (`net.ipv4.tcp_max_orphans`, `vm.min_free_kbytes`)? */
export function isSysctlKey(key: string): boolean {
  if (key.length < 4 || key.length > 200) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const ok =
      (c >= 48 && c <= 57) ||
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      c === 95 /* _ */ ||
      c === 46 /* . */ ||
      c === 45 /* - */ ||
      c === 47; /* / (VLAN interface names) */
    if (!ok) return false;
  }
  const parts = key.split('.');
  const root = parts[0];
  if (root === undefined) return false;
  const need = SYSCTL_ROOTS.get(root);
  if (need === undefined || parts.length - 1 < need) return false;
  for (const p of parts) if (p.length === 0) return false;
  return true;
}

/** `/proc/sys/net/ipv4/tcp_max_orphans` → `net.ipv4.tcp_max_orphans`; undefined if not a /proc/sys path. */
export function sysctlKeyFromPath(path: string): string | undefined {
  const prefix = '/proc/sys/';
  if (!path.startsWith(prefix) || path.length <= prefix.length) return undefined;
  const key = path.slice(prefix.length).split('/').join('.');
  return isSysctlKey(key) ? key : undefined;
}

/** Normalises a sysctl value as written in evidence: whitespace runs (sysctl prints tabs) → one space. */
export function normaliseSysctlValue(value: string): string | undefined {
  if (value.length > MAX_SYSCTL_VALUE * 4) return undefined;
  const v = collapseSpace(value);
  if (v.length === 0 || v.length > MAX_SYSCTL_VALUE) return undefined;
  return v;
}

/**
 * `key = value` (sysctl output), `key=value` (sysctl.conf), or `/proc/sys/a/b:value` (`grep . /proc/sys/…`).
 */
export function parseSysctlLine(line: string): readonly [key: string, value: string] | undefined {
  const trimmed = line.trim();
  if (trimmed.startsWith('/proc/sys/')) {
    const colon = trimmed.indexOf(':');
    if (colon < 0) return undefined;
    const key = sysctlKeyFromPath(trimmed.slice(0, colon));
    const value = normaliseSysctlValue(trimmed.slice(colon + 1));
    return key !== undefined && value !== undefined ? [key, value] : undefined;
  }
  const eq = trimmed.indexOf('=');
  if (eq <= 0 || eq > 210) return undefined;
  const key = trimmed.slice(0, eq).trim();
  if (!isSysctlKey(key)) return undefined;
  const value = normaliseSysctlValue(trimmed.slice(eq + 1));
  return value === undefined ? undefined : [key, value];
}

// ---------------------------------------------------------------------------------------------------
// nstat rows (facts §4.4): `TcpExtTCPAbortOnMemory          12                 0.0`
// ---------------------------------------------------------------------------------------------------

/** Prefixes of nstat counter names (the /proc/net/{snmp,netstat,snmp6} section names). */
const NSTAT_PREFIXES = [
  'TcpExt',
  'Tcp',
  'IpExt',
  'Ip6',
  'Ip',
  'IcmpMsg',
  'Icmp6',
  'Icmp',
  'UdpLite6',
  'UdpLite',
  'Udp6',
  'Udp',
  'MPTcpExt',
  'Sctp',
] as const;

/** Does `name` start with a known section prefix followed by an upper-case letter or digit? */
export function hasNstatPrefix(name: string): boolean {
  for (const p of NSTAT_PREFIXES) {
    if (name.length > p.length && name.startsWith(p)) {
      const c = name.charCodeAt(p.length);
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
    }
  }
  return false;
}

export interface NstatRow {
  readonly name: string;
  /** Undefined when the value does not fit a double exactly. */
  readonly value: number | undefined;
}

/** `Name value [rate]`; the name must not be a state spelling (so `ESTAB 12` stays a per-state count). */
export function parseNstatRow(tokens: readonly string[]): NstatRow | undefined {
  if (tokens.length < 2 || tokens.length > 3) return undefined;
  const name = tokens[0];
  const value = tokens[1];
  if (!isAlnumIdentifier(name) || value === undefined || !isDigitsToken(value)) return undefined;
  if (tokens.length === 3 && !isDecimal(tokens[2])) return undefined;
  if (stateFromToken(name) !== undefined) return undefined;
  return { name, value: parseUint(value) };
}
