/**
 * Evidence format: /proc/net/tcp and /proc/net/tcp6 rows (facts §1.6, §4.6).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import { PROC_NET_TCP_HEX } from '../../catalogue/spellings';
import type { EvidenceSegment } from '../types';
import { isDigits, isHexDigits } from '../text';
import { Builder, type Line, makeSegment, StateTally } from './builder';

function isProcTcpHeader(t: readonly string[]): boolean {
  return t[0] === 'sl' && t[1] === 'local_address';
}

/** `HEX:HEX` with an 8- or 32-digit address and a 4-digit port. */
function isProcAddr(s: string | undefined): boolean {
  if (s === undefined) return false;
  const colon = s.indexOf(':');
  if (colon !== 8 && colon !== 32) return false;
  return s.length === colon + 5 && isHexDigits(s.slice(0, colon)) && isHexDigits(s.slice(colon + 1));
}

/**
 * The `st` field of a row, upper-cased, or undefined. Timewait minisocks (timer field `tr` = 3) print their
 * sub-state: `05` with tr 3 is a FIN-WAIT-2 minisock and is counted as FIN-WAIT-2, which is what it shows.
 */
function procTcpRowState(t: readonly string[]): string | undefined {
  if (t.length < 6) return undefined;
  const sl = t[0] as string;
  if (sl.length < 2 || !sl.endsWith(':') || !isDigits(sl.slice(0, -1))) return undefined;
  if (!isProcAddr(t[1]) || !isProcAddr(t[2])) return undefined;
  const st = t[3] as string;
  if (st.length !== 2 || !isHexDigits(st)) return undefined;
  return st.toUpperCase();
}

/** The address family of a row by its local address's width: 8 hex digits in /proc/net/tcp, 32 in /proc/net/tcp6. */
function rowFamily(t: readonly string[]): '4' | '6' {
  return (t[1] as string).indexOf(':') === 8 ? '4' : '6';
}

export class ProcTcp extends Builder {
  private listed = 0;
  private readonly tally = new StateTally();
  /** The one address family of the rows so far; null once rows of both were read (`cat /proc/net/tcp /proc/net/tcp6`). */
  private rows: '4' | '6' | null | undefined;

  /**
   * Which file the rows come from, when they all come from one: /proc/net/tcp lists the IPv4 sockets, tcp6 the IPv6
   * ones (IPv4-mapped addresses included), so rows of the two files are different sockets (SegmentScope.family).
   */
  get family(): '4' | '6' | undefined {
    return this.rows ?? undefined;
  }

  static canStart(line: Line): boolean {
    // The header starts with `sl`, a row has 6+ tokens and its first ends with `:`: tested before tokenising.
    if (line.firstTokenIs('sl')) return isProcTcpHeader(line.tokens);
    return line.headCount() >= 6 && line.headLastCode(0) === 58 /* : */ && procTcpRowState(line.tokens) !== undefined;
  }

  take(line: Line): boolean {
    // `cat /proc/net/tcp /proc/net/tcp6` prints two headers: one listing.
    if (isProcTcpHeader(line.tokens)) return this.mark(line);
    const st = procTcpRowState(line.tokens);
    if (st === undefined) return false;
    this.listed++;
    const family = rowFamily(line.tokens);
    if (this.rows === undefined) this.rows = family;
    else if (this.rows !== family) this.rows = null;
    const state = PROC_NET_TCP_HEX.get(st);
    if (state !== undefined) this.tally.add(state, 1);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    return makeSegment('proc-net-tcp', this.start, this.end, { counts: this.tally.counts(), listed: this.listed });
  }
}
