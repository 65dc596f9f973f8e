/**
 * Evidence format: `netstat` listings: net-tools (Linux), BSD/macOS, Windows (facts §1.4, §1.5).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import { NETSTAT_OTHER_PROTOS } from '../../catalogue/netids';
import { Builder, type Line, makeSegment, StateTally } from './builder';

const NETSTAT_TCP_PROTO_LIST: readonly string[] = ['tcp', 'tcp4', 'tcp6', 'tcp46'];
const WINDOWS_TCP: readonly string[] = ['TCP'];

type NetstatHeader = 'inet' | 'unix';

function netstatHeader(line: Line): NetstatHeader | undefined {
  // Every header below starts with `Active ` or with the token `Proto`: rows (most lines) fail both in place.
  const text = line.text;
  const c0 = text.charCodeAt(0);
  const s = c0 > 32 && c0 < 127 ? text : text.trimStart();
  if (s.startsWith('Active ')) {
    if (s.startsWith('Active Internet connections') || s.startsWith('Active Connections')) return 'inet';
    if (s.startsWith('Active UNIX domain sockets') || s.startsWith('Active Bluetooth') || s.startsWith('Active LOCAL')) {
      return 'unix';
    }
  }
  if (!line.firstTokenIs('Proto')) return undefined;
  const t = line.tokens;
  if (t.length >= 3) {
    if (t.includes('RefCnt') || t.includes('Refs')) return 'unix';
    if (t.includes('Foreign') || t.includes('Local')) return 'inet';
  }
  return undefined;
}

/**
 * A TCP row: the state (undefined if not a known spelling, e.g. localised), or undefined if not a TCP row.
 * Read in place (Line.head*): only the protocol and state tokens are cut out.
 */
function netstatTcpRow(line: Line): { state: StateId | undefined; windows?: true } | undefined {
  if (line.headIsOneOf(0, NETSTAT_TCP_PROTO_LIST)) {
    // Linux: tcp Recv-Q Send-Q 1.2.3.4:80 5.6.7.8:1234 FIN_WAIT1 [PID/Program] ; BSD: addresses use dots.
    if (line.headCount() < 5 || !line.headIsDigits(1) || !line.headIsDigits(2)) return undefined;
    return { state: line.headState(5) };
  }
  if (line.headIsOneOf(0, WINDOWS_TCP)) {
    // Windows:   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       [PID]
    if (line.headCount() < 4 || !line.headIncludes(1, ':') || !line.headIncludes(2, ':')) return undefined;
    return { state: line.headState(3), windows: true };
  }
  return undefined;
}

/**
 * `netstat -b` prints up to two lines under a Windows row: the service's name (`RpcSs`) and the executable in
 * brackets (`[svchost.exe]`), or `Can not obtain ownership information`. They belong to the listing.
 */
function windowsOwnerLine(line: Line, after: number): boolean {
  const t = line.tokens;
  if (t.length === 0) return false;
  const first = t[0] as string;
  if (first.startsWith('[')) return (t[t.length - 1] as string).endsWith(']');
  if (after !== 1) return false;
  if (t.length === 1) return /^[A-Za-z][\w.-]{0,63}$/.test(first);
  return line.text.trim() === 'Can not obtain ownership information';
}

export class NetstatListing extends Builder {
  private headerSeen = false;
  private rows = 0;
  /** Lines since the last Windows row (0: the last row was not one). */
  private afterWindows = 0;
  private inUnix = false;
  private listed = 0;
  private readonly tally = new StateTally();

  static canStart(line: Line): boolean {
    if (netstatHeader(line) === 'inet') return true;
    return netstatTcpRow(line)?.state !== undefined;
  }

  take(line: Line): boolean {
    const h = netstatHeader(line);
    if (h === 'inet') {
      if (this.rows > 0 || this.inUnix) return false;
      this.headerSeen = true;
      return this.mark(line);
    }
    if (h === 'unix') {
      this.inUnix = true;
      return this.mark(line);
    }
    if (this.inUnix) {
      const p = line.head(0);
      if (p !== undefined && (NETSTAT_OTHER_PROTOS.has(p) || /^[0-9a-f]{8,16}$/.test(p))) return this.mark(line);
      return false;
    }
    const row = netstatTcpRow(line);
    this.afterWindows = row ? (row.windows ? 1 : 0) : this.afterWindows > 0 ? this.afterWindows + 1 : 0;
    if (!row && this.afterWindows > 0 && this.afterWindows <= 3 && windowsOwnerLine(line, this.afterWindows - 1)) return this.mark(line);
    if (row) {
      this.rows++;
      this.listed++;
      if (row.state !== undefined) this.tally.add(row.state, 1);
      return this.mark(line);
    }
    const p = line.head(0);
    if (p !== undefined && NETSTAT_OTHER_PROTOS.has(p) && (this.headerSeen || this.rows > 0)) {
      this.rows++;
      return this.mark(line);
    }
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    return makeSegment('netstat', this.start, this.end, { counts: this.tally.counts(), listed: this.listed });
  }
}
