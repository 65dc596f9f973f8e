/**
 * One socket row of a listing, read field by field: `ss` (any of -o -e -i -m -p, with or without the State and
 * Netid columns, plus the indented tcp_info / skmem line under a row), net-tools / BSD / Windows `netstat`
 * (-o Timer column, -p PID/Program, -e User/Inode) and /proc/net/tcp{,6}. Which lines are rows is already
 * known (the segment parse.ts found); these functions only read the fields. Pure, linear, never throws.
 */
import { SS_NETIDS } from '../../catalogue/netids';
import { PROC_NET_TCP_HEX } from '../../catalogue/spellings';
import type { StateId } from '../../catalogue/types';
import { isDigits, isHexDigits, parseUint, stateFromToken } from '../text';
import { parseEndpoint, parseProcEndpoint } from './address';
import type { Connection, TimerKind } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type ConnectionDraft = Mutable<Connection>;

const SS_TIMERS: Readonly<Record<string, TimerKind>> = { on: 'on', persist: 'persist', keepalive: 'keepalive', timewait: 'timewait' };
const NETSTAT_TIMERS: Readonly<Record<string, TimerKind>> = { on: 'on', off: 'none', keepalive: 'keepalive', timewait: 'timewait', probe: 'persist' };

/** A plain or decimal number (`204`, `3264.5`), floored; undefined otherwise. */
function num(s: string | undefined): number | undefined {
  if (s === undefined || s.length === 0 || s.length > 20) return undefined;
  const dot = s.indexOf('.');
  const whole = dot < 0 ? s : s.slice(0, dot);
  if (dot >= 0 && !isDigits(s.slice(dot + 1))) return undefined;
  return parseUint(whole);
}

/** `users:(("nginx",pid=812,fd=6),("nginx",pid=813,fd=6))` anywhere in the text → the names, deduplicated. */
function usersOf(text: string): string[] | undefined {
  const at = text.indexOf('users:((');
  if (at < 0) return undefined;
  const names: string[] = [];
  const part = text.slice(at, at + 2000);
  // `("name",pid=` items, found with indexOf (names are at most 64 characters).
  for (let i = part.indexOf('("'); i >= 0 && names.length < 16; i = part.indexOf('("', i + 2)) {
    const close = part.indexOf('",pid=', i + 2);
    if (close < 0) break;
    const name = part.slice(i + 2, close);
    if (name.length <= 64 && !name.includes('"') && !names.includes(name)) names.push(name);
  }
  return names.length ? names : undefined;
}

/** `timer:(on,1.2sec,7)` → kind and count (the third comma-separated field), read with indexOf. */
function ssTimer(token: string): { kind: TimerKind | undefined; count: number | undefined } | undefined {
  if (!token.startsWith('timer:(') || !token.endsWith(')')) return undefined;
  const end = token.length - 1;
  const c1 = token.indexOf(',', 7);
  const name = token.slice(7, c1 < 0 || c1 > end ? end : c1);
  const c2 = c1 < 0 ? -1 : token.indexOf(',', c1 + 1);
  let count: number | undefined;
  if (c2 >= 0 && c2 < end) {
    const c3 = token.indexOf(',', c2 + 1);
    count = parseUint(token.slice(c2 + 1, c3 < 0 || c3 > end ? end : c3));
  }
  return { kind: Object.hasOwn(SS_TIMERS, name) ? SS_TIMERS[name] : undefined, count };
}

/** Applies ss `key:value` items (-e, -i, -m, -o) from a row or from its continuation line. */
export function applySsItems(c: ConnectionDraft, tokens: readonly string[], text: string, from = 0): void {
  for (let i = from; i < tokens.length; i++) {
    const tok = tokens[i] as string;
    const colon = tok.indexOf(':');
    // Every key read below is 3–7 characters long (most items of an -i line are not read: skip them unsliced).
    if (colon < 3 || colon > 7) continue;
    const key = tok.slice(0, colon);
    const val = tok.slice(colon + 1);
    switch (key) {
      case 'timer': {
        const t = ssTimer(tok);
        if (!t) break;
        if (t.kind !== undefined) c.timer = t.kind;
        if (t.count !== undefined) {
          if (t.kind === 'persist') c.probes = t.count;
          else if (t.kind === 'on') c.retransmits = t.count;
        }
        break;
      }
      case 'uid':
        c.uid = parseUint(val) ?? c.uid;
        break;
      case 'ino':
        c.inode = parseUint(val) ?? c.inode;
        break;
      case 'rto':
        c.rtoMs = num(val) ?? c.rtoMs;
        break;
      case 'backoff':
        c.backoff = parseUint(val) ?? c.backoff;
        break;
      case 'lastsnd':
        c.lastsndMs = parseUint(val) ?? c.lastsndMs;
        break;
      case 'unacked':
        c.unacked = parseUint(val) ?? c.unacked;
        break;
      case 'cwnd':
        c.cwnd = parseUint(val) ?? c.cwnd;
        break;
      case 'retrans': {
        const slash = val.indexOf('/');
        const total = parseUint(slash >= 0 ? val.slice(slash + 1) : val);
        if (total !== undefined) c.retransTotal = total;
        break;
      }
      case 'skmem': {
        const m = /[(,]w(\d{1,15})[,)]/.exec(val);
        if (m) c.wmemQueued = Number(m[1]);
        break;
      }
      default:
        break;
    }
  }
  if (c.processes === undefined) {
    const users = usersOf(text);
    if (users) c.processes = users;
  }
}

/**
 * An ss row: `[Netid] [State] Recv-Q Send-Q Local Peer [extras…]`. `filtered` is the state an `ss … state X`
 * filter selected (rows then have no State column). Undefined when the line is no TCP row.
 */
export function readSsRow(line: number, tokens: readonly string[], text: string, filtered: StateId | undefined): ConnectionDraft | undefined {
  for (let p = 0; p <= 2; p++) {
    if (tokens.length < p + 4) return undefined;
    if (!isDigits(tokens[p]) || !isDigits(tokens[p + 1])) continue;
    const local = parseEndpoint(tokens[p + 2]);
    const peer = parseEndpoint(tokens[p + 3]);
    if (!local || !peer) return undefined;
    let netid: string | undefined;
    let stateTok: string | undefined;
    if (p === 2) {
      netid = tokens[0];
      stateTok = tokens[1];
    } else if (p === 1) {
      if (SS_NETIDS.has(tokens[0] as string)) netid = tokens[0];
      else stateTok = tokens[0];
    }
    if (netid !== undefined && netid !== 'tcp') return undefined;
    const state = stateTok !== undefined ? stateFromToken(stateTok) : filtered;
    const c: ConnectionDraft = { line, source: 'ss', local, peer, recvQ: Number(tokens[p]), sendQ: Number(tokens[p + 1]) };
    if (state !== undefined) c.state = state;
    if (tokens.length > p + 4) applySsItems(c, tokens, text, p + 4);
    return c;
  }
  return undefined;
}

const NETSTAT_TCP: ReadonlySet<string> = new Set(['tcp', 'tcp4', 'tcp6', 'tcp46']);

/**
 * A Windows owning-process id (`netstat -ano`'s PID column, Get-NetTCPConnection's OwningProcess) as the process
 * that holds the socket, `PID 4412` (`tasklist /fi "pid eq 4412"` names it). PID 0 is no process: Windows shows it
 * for sockets nobody holds (TIME_WAIT), so it gives none.
 */
export function windowsPid(token: string | undefined): string | undefined {
  if (token === undefined || token.length > 10 || !isDigits(token)) return undefined;
  const pid = Number(token);
  return pid > 0 ? `PID ${pid}` : undefined;
}

/**
 * The line `netstat -b` prints under a row: the executable in brackets (` [java.exe]`), its name; undefined for any
 * other line (the service name line above it, `Can not obtain ownership information`).
 */
export function netstatOwner(text: string): string | undefined {
  const s = text.trim();
  if (s.length < 3 || s.length > 130 || s.charCodeAt(0) !== 0x5b || s.charCodeAt(s.length - 1) !== 0x5d) return undefined;
  const name = s.slice(1, -1).trim();
  return name.length > 0 && !name.includes('[') && !name.includes(']') ? name : undefined;
}

/** net-tools / BSD `tcp Recv-Q Send-Q Local Foreign State [User Inode] [PID/Program] [Timer]`, Windows `TCP Local Foreign State [PID]` (-o). */
export function readNetstatRow(line: number, tokens: readonly string[]): ConnectionDraft | undefined {
  const p = tokens[0];
  if (p === 'TCP') {
    const local = parseEndpoint(tokens[1]);
    const peer = parseEndpoint(tokens[2]);
    const state = stateFromToken(tokens[3]);
    if (!local || !peer) return undefined;
    const pid = windowsPid(tokens[4]);
    return { line, source: 'netstat', local, peer, ...(state !== undefined ? { state } : {}), ...(pid !== undefined ? { processes: [pid] } : {}) };
  }
  if (p === undefined || !NETSTAT_TCP.has(p) || tokens.length < 5 || !isDigits(tokens[1]) || !isDigits(tokens[2])) return undefined;
  const local = parseEndpoint(tokens[3]);
  const peer = parseEndpoint(tokens[4]);
  if (!local || !peer) return undefined;
  const state = stateFromToken(tokens[5]);
  const c: ConnectionDraft = { line, source: 'netstat', local, peer, recvQ: Number(tokens[1]), sendQ: Number(tokens[2]), ...(state !== undefined ? { state } : {}) };
  let end = tokens.length;
  // Timer column (-o): `on (0.20/3/0)`, `off (0.00/0/0)`, `keepalive (7176.35/0/0)`, `probe (1.50/0/4)`.
  const last = tokens[end - 1] as string;
  const m = /^\((\d{1,9}(?:\.\d{1,3})?)\/(\d{1,9})\/(\d{1,9})\)$/.exec(last);
  const kind = m ? NETSTAT_TIMERS[tokens[end - 2] as string] : undefined;
  if (m && kind !== undefined) {
    c.timer = kind;
    c.retransmits = Number(m[2]);
    c.probes = Number(m[3]);
    end -= 2;
  }
  for (let i = 6; i < end; i++) {
    const t = tokens[i] as string;
    const slash = t.indexOf('/');
    if (slash > 0 && isDigits(t.slice(0, slash))) {
      const name = t.slice(slash + 1).replace(/:$/, '');
      if (name) c.processes = [name];
      break;
    }
    // -e: User (name or uid) then Inode.
    if (i === 7 && isDigits(t)) {
      c.inode = Number(t);
      const u = parseUint(tokens[6]);
      if (u !== undefined) c.uid = u;
    }
  }
  return c;
}

const PROC_TIMERS: Readonly<Record<string, TimerKind>> = { '00': 'none', '01': 'on', '02': 'keepalive', '03': 'timewait', '04': 'persist' };

/** `sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …` (facts §4.6). */
export function readProcTcpRow(line: number, tokens: readonly string[]): ConnectionDraft | undefined {
  if (tokens.length < 6) return undefined;
  const local = parseProcEndpoint(tokens[1]);
  const peer = parseProcEndpoint(tokens[2]);
  const st = tokens[3] as string;
  if (!local || !peer || st.length !== 2 || !isHexDigits(st)) return undefined;
  const state = PROC_NET_TCP_HEX.get(st.toUpperCase());
  const c: ConnectionDraft = { line, source: 'proc-net-tcp', local, peer, ...(state !== undefined ? { state } : {}) };
  const q = (tokens[4] as string).split(':');
  if (q.length === 2 && isHexDigits(q[0]) && isHexDigits(q[1]) && (q[0] as string).length <= 8) {
    c.sendQ = parseInt(q[0] as string, 16);
    c.recvQ = parseInt(q[1] as string, 16);
  }
  const tr = (tokens[5] as string).split(':')[0] ?? '';
  const kind = PROC_TIMERS[tr];
  if (kind !== undefined) c.timer = kind;
  const retr = tokens[6];
  if (retr !== undefined && isHexDigits(retr) && retr.length <= 8) c.retransmits = parseInt(retr, 16);
  const uid = parseUint(tokens[7]);
  if (uid !== undefined) c.uid = uid;
  const probes = parseUint(tokens[8]);
  if (probes !== undefined && kind === 'persist') c.probes = probes;
  const ino = parseUint(tokens[9]);
  if (ino !== undefined) c.inode = ino;
  return c;
}
