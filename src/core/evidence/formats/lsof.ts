/**
 * Evidence format: `lsof -i` / `lsof -iTCP -sTCP:STATE` / `lsof -p PID` listings (Linux and macOS):
 *
 *   COMMAND   PID USER   FD   TYPE   DEVICE SIZE/OFF NODE NAME
 *   java    12345  app  101u  IPv6 0x1a2b3c      0t0  TCP 10.0.0.5:8080->10.0.0.9:51234 (CLOSE_WAIT)
 *
 * lsof lists open files: a socket appears once per descriptor that refers to it (nginx workers sharing a
 * listener, a dup'ed or inherited descriptor), and a socket no descriptor refers to any more — an orphan, or
 * TIME-WAIT — never appears; nor do sockets of processes lsof may not look at. So a listing counts each socket
 * once (by its TYPE, DEVICE, NAME and state), and its counts are lower bounds (the segment is `partial`: it makes no state
 * gone, and the report shows `≥ N`). Rows are found by the `TCP` NODE column followed by the NAME and a
 * `(STATE)` token, with or without the header (`lsof -i | grep CLOSE_WAIT`). Read by evidence/parse.ts.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import { isDigits, stateFromToken } from '../text';
import { Builder, type Line, makeSegment, StateTally } from './builder';

/** The NODE column's protocols lsof prints for internet sockets; only TCP rows count. */
const OTHER_PROTOCOLS: ReadonlySet<string> = new Set(['UDP', 'UDPLITE', 'SCTP', 'RAW', 'ICMP', 'ICMPV6']);
/** At most this many sockets told apart by name (a larger listing still counts; repeats past it count again). */
const MAX_NAMES = 100_000;

/** `COMMAND PID … NAME`: the header lsof prints (TID / TASKCMD columns may stand between). */
function isLsofHeader(line: Line): boolean {
  if (!line.firstTokenIs('COMMAND')) return false;
  const t = line.tokens;
  return t.includes('PID') && t.includes('FD') && t.includes('TYPE') && t[t.length - 1] === 'NAME';
}

/** An internet-socket row's parts: its NODE protocol, NAME, state (TCP rows), command and pid. */
export interface LsofRow {
  readonly protocol: string;
  readonly name: string;
  /**
   * What tells this socket from others of the same NAME: its TYPE and DEVICE columns (`IPv6 18233`: the socket's
   * inode on Linux, its kernel address on macOS), so an IPv4 and an IPv6 listener on `*:22` are two sockets, and
   * one socket listed under several descriptors is one. With the state: the key a listing counts each socket by.
   */
  readonly key: string;
  readonly state?: StateId;
  readonly command: string;
  readonly pid: string;
}

/**
 * Reads a row: COMMAND, a numeric PID, then (after USER, FD, the TYPE IPv4 / IPv6, DEVICE, SIZE/OFF) the NODE
 * protocol and the NAME, and for TCP a last `(STATE)` token. Undefined for any other line.
 */
export function readLsofRow(tokens: readonly string[]): LsofRow | undefined {
  if (tokens.length < 7 || !isDigits(tokens[1])) return undefined;
  const last = tokens[tokens.length - 1] as string;
  const stated = last.length > 2 && last.charCodeAt(0) === 40 && last.charCodeAt(last.length - 1) === 41;
  const nameAt = tokens.length - (stated ? 2 : 1);
  const protocol = tokens[nameAt - 1] as string;
  // COMMAND PID USER FD TYPE DEVICE [SIZE/OFF] NODE NAME: the NAME is the 8th token or later.
  if (nameAt < 7 || (protocol !== 'TCP' && !OTHER_PROTOCOLS.has(protocol))) return undefined;
  const name = tokens[nameAt] as string;
  if (!name.includes(':')) return undefined;
  const state = protocol === 'TCP' && stated ? stateFromToken(last.slice(1, -1)) : undefined;
  if (protocol === 'TCP' && stated && state === undefined) return undefined;
  // The TYPE column of an internet socket, then its DEVICE.
  let type = 2;
  while (type < nameAt - 2 && tokens[type] !== 'IPv4' && tokens[type] !== 'IPv6') type++;
  if (type >= nameAt - 2) return undefined;
  const key = `${state ?? ''} ${tokens[type] as string} ${tokens[type + 1] as string} ${name}`;
  return { protocol, name, key, ...(state !== undefined ? { state } : {}), command: tokens[0] as string, pid: tokens[1] as string };
}

export class LsofListing extends Builder {
  private headerSeen = false;
  private rows = 0;
  /** TCP sockets counted (each once), stated or not (lsof -T without `s` prints no state). */
  private listed = 0;
  private readonly tally = new StateTally();
  /** The key of each socket counted (readLsofRow: a socket listed under several descriptors counts once). */
  private readonly seen = new Set<string>();

  static canStart(line: Line): boolean {
    if (isLsofHeader(line)) return true;
    // Most lines reaching here are no lsof row: told in place (a numeric PID, a `TCP` column, a closing
    // parenthesis) before the line is tokenised.
    const text = line.text;
    if (text.charCodeAt(text.length - 1) !== 41 || !line.headIsDigits(1) || text.indexOf(' TCP ') < 0) return false;
    return readLsofRow(line.tokens)?.state !== undefined;
  }

  take(line: Line): boolean {
    if (isLsofHeader(line)) {
      if (this.rows > 0 || this.headerSeen) return false;
      this.headerSeen = true;
      return this.mark(line);
    }
    const row = readLsofRow(line.tokens);
    if (!row) return false;
    this.rows++;
    if (row.protocol === 'TCP') {
      if (this.seen.has(row.key)) return this.mark(line);
      if (this.seen.size < MAX_NAMES) this.seen.add(row.key);
      this.listed++;
      if (row.state !== undefined) this.tally.add(row.state, 1);
    }
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    return { ...makeSegment('lsof', this.start, this.end, { counts: this.tally.counts(), listed: this.listed }), partial: true };
  }
}
