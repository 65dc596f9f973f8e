/**
 * Reads the numbers ("evidence") out of command output pasted into a note: `ss` listings (with or without
 * the State / Netid columns), `ss -s`, net-tools / BSD / Windows `netstat` listings, per-state counts
 * (`… | sort | uniq -c`, awk tallies, /proc/net/tcp hex codes), /proc/net/sockstat{,6}, nstat, `netstat -s`,
 * /proc/net/{netstat,snmp}, /proc/net/tcp{,6} rows, sysctl values, and the extension's own snapshot block
 * (see snapshotFormat.ts).
 *
 * How a block is read: line by line, once. A command line (`$ ss -tan state fin-wait-1`, `[root@h ~]# …`,
 * or a bare `ss -Htan state fin-wait-1 | wc -l`) ends the current output and sets the context for what
 * follows (which state a filtered listing holds, whether the pipeline counts per state, which sysctl a bare
 * value belongs to). Other lines either continue the current output, start a new recognisable output, or
 * are ignored (blank lines, `# comments`, `...`, anything unrecognised) without ending the current one.
 * A segment's line range covers its output lines (header included), not the command line.
 *
 * Robustness: never throws; linear time (each line is length-guarded by MAX_LINE_LENGTH, tokenised at most
 * once into at most MAX_TOKENS tokens, and no regular expression here can backtrack super-linearly);
 * numbers above 2^53-1 are skipped.
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import { PROC_NET_TCP_HEX, lookupStateSpelling } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';
import type { EvidenceKind, EvidenceSegment, SockstatNumbers } from './types';
import { classifyLine, embeddedSsCommand, parseCommand, type CommandContext } from './command';
import {
  applySockstatLine,
  freezeSockstat,
  hasNstatPrefix,
  hasSockstat,
  mergeSockstat,
  normaliseSysctlValue,
  parseNstatRow,
  parseSockstatLine,
  parseSysctlLine,
  type MutableSockstat,
} from './lineFormats';
import { NETSTAT_SECTIONS, matchNetstatStatsLine } from './netstatStats';
import { PAGE_SIZE_KEY, SnapshotReader, isSnapshotHeader } from './snapshotFormat';
import {
  MAX_LINE_LENGTH,
  addClamped,
  isAlnumIdentifier,
  isDigits,
  isHexDigits,
  isIntShape,
  leadingSpace,
  parseCount,
  parseInt53,
  parseUint,
  splitLines,
  stateFromToken,
  tokenize,
  trimEndSpace,
} from './text';

export { PAGE_SIZE_KEY } from './snapshotFormat';

/** One input line, right-trimmed and tokenised. */
interface Line {
  readonly index: number;
  readonly text: string;
  readonly tokens: readonly string[];
  readonly indent: number;
}

/** Mutable parse state shared by the builders. */
interface ParseState {
  ctx: CommandContext | undefined;
  singleNumberUsed: boolean;
  valueKeyIndex: number;
  /** Words of ctx.text, computed on first use. */
  words?: KeywordSet;
}

type Counts = Partial<Record<StateId, number>>;

function addCount(counts: Counts, state: StateId, n: number): void {
  counts[state] = addClamped(counts[state] ?? 0, n);
}

function sumCounts(counts: Counts): number {
  let s = 0;
  for (const v of Object.values(counts)) if (v !== undefined) s = addClamped(s, v);
  return s;
}

interface SegmentFields {
  counts?: Counts;
  listed?: number;
  filteredState?: StateId;
  sockstat?: SockstatNumbers;
  counters?: Record<string, number>;
  sysctls?: Record<string, string>;
}

function makeSegment(kind: EvidenceKind, startLine: number, endLine: number, f: SegmentFields): EvidenceSegment {
  return {
    kind,
    startLine,
    endLine,
    counts: f.counts ?? {},
    ...(f.listed !== undefined ? { listed: f.listed } : {}),
    ...(f.filteredState !== undefined ? { filteredState: f.filteredState } : {}),
    ...(f.sockstat !== undefined ? { sockstat: f.sockstat } : {}),
    ...(f.counters !== undefined ? { counters: f.counters } : {}),
    ...(f.sysctls !== undefined ? { sysctls: f.sysctls } : {}),
  };
}

abstract class Builder {
  start = -1;
  end = -1;
  /** Takes the line if it belongs to this output (and extends the range). */
  abstract take(line: Line): boolean;
  abstract finish(): EvidenceSegment | undefined;
  protected mark(line: Line): true {
    if (this.start < 0) this.start = line.index;
    this.end = line.index + 1;
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------
// ss listings (facts §1.3, §4.3)
// ---------------------------------------------------------------------------------------------------

/** ss Netid column values. */
const SS_NETIDS: ReadonlySet<string> = new Set([
  'tcp',
  'udp',
  'raw',
  'u_str',
  'u_dgr',
  'u_seq',
  'p_raw',
  'p_dgr',
  'nl',
  'mptcp',
  'sctp',
  'dccp',
  'tipc',
  'v_str',
  'v_dgr',
  'xdp',
  '???',
]);

interface SsRow {
  readonly netid?: string;
  /** The row carries a State column value (possibly UNKNOWN/UNDEF, then `state` is undefined). */
  readonly hasStateToken: boolean;
  readonly state?: StateId;
}

/** `[Netid] [State] Recv-Q Send-Q Local Peer [Process…]`, columns inferred from the row itself. */
function parseSsRow(t: readonly string[]): SsRow | undefined {
  for (let p = 0; p <= 2; p++) {
    if (t.length < p + 4) return undefined;
    if (!isDigits(t[p]) || !isDigits(t[p + 1])) continue;
    let netid: string | undefined;
    let stateTok: string | undefined;
    if (p === 2) {
      netid = t[0] as string;
      stateTok = t[1] as string;
      if (!SS_NETIDS.has(netid)) return undefined;
    } else if (p === 1) {
      const a = t[0] as string;
      if (SS_NETIDS.has(a)) netid = a;
      else stateTok = a;
    }
    let state: StateId | undefined;
    if (stateTok !== undefined && stateTok !== 'UNKNOWN' && stateTok !== 'UNDEF') {
      state = stateFromToken(stateTok);
      if (state === undefined) return undefined;
    }
    if (netid === undefined || netid === 'tcp') {
      // A TCP row prints addr:port on both sides (`*:*`, `[::]:22`, `10.0.0.1%eth0:443`).
      if (!(t[p + 2] as string).includes(':') || !(t[p + 3] as string).includes(':')) return undefined;
    }
    return { ...(netid !== undefined ? { netid } : {}), hasStateToken: stateTok !== undefined, ...(state ? { state } : {}) };
  }
  return undefined;
}

/** An `ss -i` / `-m` continuation line: tab-indented, or carrying `key:value` items. */
function isSsInfoLine(line: Line): boolean {
  if (line.text.charCodeAt(0) === 9) return true;
  for (const t of line.tokens) {
    const c = t.indexOf(':');
    if (c > 0 && c < t.length - 1) return true;
  }
  return false;
}

function isSsHeader(line: Line): boolean {
  const t = line.tokens;
  return t.includes('Recv-Q') && t.includes('Send-Q') && line.text.includes('Address:Port');
}

class SsListing extends Builder {
  private headerSeen = false;
  private headerHasState = true;
  private headerHasNetid = false;
  private anyRow = false;
  private sawNetid = false;
  private sawUnconn = false;
  private rowIndent = 0;
  private listed = 0;
  private rowsWithoutState = 0;
  private readonly counts: Counts = {};

  constructor(private readonly ctx: CommandContext | undefined) {
    super();
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    if (isSsHeader(line)) return true;
    const row = parseSsRow(line.tokens);
    if (!row) return false;
    if (row.hasStateToken) return true;
    // A row without State (filtered listing, `ss -H`) only after an ss command.
    return ctx?.ss !== undefined && !ctx.ss.summary;
  }

  take(line: Line): boolean {
    if (isSsHeader(line)) {
      if (this.headerSeen || this.anyRow) return false; // a second listing
      this.headerSeen = true;
      this.headerHasState = line.tokens.includes('State');
      this.headerHasNetid = line.tokens[0] === 'Netid';
      this.rowIndent = line.indent;
      return this.mark(line);
    }
    // ss -i prints an extra line (`\t cubic wscale:7,7 rto:204 …`) indented under its row.
    if (this.anyRow && line.indent > this.rowIndent && isSsInfoLine(line)) return this.mark(line);
    const row = parseSsRow(line.tokens);
    if (!row) return false;
    if (!this.anyRow && !this.headerSeen) this.rowIndent = line.indent;
    this.anyRow = true;
    this.mark(line);
    if (row.netid !== undefined) {
      this.sawNetid = true;
      if (row.netid !== 'tcp') return true; // only TCP rows count when there is a Netid column
    }
    this.listed++;
    if (row.hasStateToken) {
      if (row.state !== undefined) addCount(this.counts, row.state, 1);
      if (row.state === 'CLOSED' && row.netid === undefined) this.sawUnconn = true;
    } else {
      this.rowsWithoutState++;
      const s = this.ctx?.ss?.singleState;
      if (s !== undefined) addCount(this.counts, s, 1);
    }
    return true;
  }

  finish(): EvidenceSegment | undefined {
    if (this.start < 0) return undefined;
    const netidColumn = this.headerHasNetid || this.sawNetid;
    if (!netidColumn) {
      const ss = this.ctx?.ss;
      if (ss && ss.tcp === 'none') return undefined; // `ss -uan`, `ss -xa`: not TCP
      // Without a command: UNCONN rows in a single-protocol listing mean UDP/raw/unix, not TCP.
      if (!ss && this.sawUnconn) return undefined;
    }
    const single = this.ctx?.ss?.singleState;
    const filtered = single !== undefined && (this.rowsWithoutState > 0 || (this.headerSeen && !this.headerHasState));
    if (filtered) this.counts[single] ??= 0;
    if (this.listed === 0 && !filtered) return undefined;
    return makeSegment('ss', this.start, this.end, {
      counts: this.counts,
      listed: this.listed,
      ...(filtered ? { filteredState: single } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// netstat listings: net-tools (Linux), BSD/macOS, Windows (facts §1.4, §1.5)
// ---------------------------------------------------------------------------------------------------

const NETSTAT_TCP_PROTOS: ReadonlySet<string> = new Set(['tcp', 'tcp4', 'tcp6', 'tcp46']);
const NETSTAT_OTHER_PROTOS: ReadonlySet<string> = new Set([
  'udp',
  'udp4',
  'udp6',
  'udp46',
  'UDP',
  'raw',
  'raw6',
  'unix',
  'icm4',
  'icm6',
  'sctp',
  'sctp4',
  'sctp6',
  'div',
  'udpl',
]);

type NetstatHeader = 'inet' | 'unix';

function netstatHeader(line: Line): NetstatHeader | undefined {
  const s = line.text.trimStart();
  if (s.startsWith('Active Internet connections') || s.startsWith('Active Connections')) return 'inet';
  if (s.startsWith('Active UNIX domain sockets') || s.startsWith('Active Bluetooth') || s.startsWith('Active LOCAL')) {
    return 'unix';
  }
  const t = line.tokens;
  if (t[0] === 'Proto' && t.length >= 3) {
    if (t.includes('RefCnt') || t.includes('Refs')) return 'unix';
    if (t.includes('Foreign') || t.includes('Local')) return 'inet';
  }
  return undefined;
}

/** A TCP row: the state (undefined if not a known spelling, e.g. localised), or undefined if not a TCP row. */
function netstatTcpRow(t: readonly string[]): { state: StateId | undefined } | undefined {
  const p = t[0];
  if (p === undefined) return undefined;
  if (NETSTAT_TCP_PROTOS.has(p)) {
    // Linux: tcp Recv-Q Send-Q 1.2.3.4:80 5.6.7.8:1234 FIN_WAIT1 [PID/Program] ; BSD: addresses use dots.
    if (t.length < 5 || !isDigits(t[1]) || !isDigits(t[2])) return undefined;
    return { state: stateFromToken(t[5]) };
  }
  if (p === 'TCP') {
    // Windows:   TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       [PID]
    if (t.length < 4 || !(t[1] as string).includes(':') || !(t[2] as string).includes(':')) return undefined;
    return { state: stateFromToken(t[3]) };
  }
  return undefined;
}

class NetstatListing extends Builder {
  private headerSeen = false;
  private rows = 0;
  private inUnix = false;
  private listed = 0;
  private readonly counts: Counts = {};

  static canStart(line: Line): boolean {
    if (netstatHeader(line) === 'inet') return true;
    return netstatTcpRow(line.tokens)?.state !== undefined;
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
    const t = line.tokens;
    if (this.inUnix) {
      const p = t[0];
      if (p !== undefined && (NETSTAT_OTHER_PROTOS.has(p) || /^[0-9a-f]{8,16}$/.test(p))) return this.mark(line);
      return false;
    }
    const row = netstatTcpRow(t);
    if (row) {
      this.rows++;
      this.listed++;
      if (row.state !== undefined) addCount(this.counts, row.state, 1);
      return this.mark(line);
    }
    const p = t[0];
    if (p !== undefined && NETSTAT_OTHER_PROTOS.has(p) && (this.headerSeen || this.rows > 0)) {
      this.rows++;
      return this.mark(line);
    }
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    return makeSegment('netstat', this.start, this.end, { counts: this.counts, listed: this.listed });
  }
}

// ---------------------------------------------------------------------------------------------------
// /proc/net/tcp, /proc/net/tcp6 rows (facts §1.6, §4.6)
// ---------------------------------------------------------------------------------------------------

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

class ProcTcp extends Builder {
  private listed = 0;
  private readonly counts: Counts = {};

  static canStart(line: Line): boolean {
    return isProcTcpHeader(line.tokens) || procTcpRowState(line.tokens) !== undefined;
  }

  take(line: Line): boolean {
    // `cat /proc/net/tcp /proc/net/tcp6` prints two headers: one listing.
    if (isProcTcpHeader(line.tokens)) return this.mark(line);
    const st = procTcpRowState(line.tokens);
    if (st === undefined) return false;
    this.listed++;
    const state = PROC_NET_TCP_HEX.get(st);
    if (state !== undefined) addCount(this.counts, state, 1);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    return makeSegment('proc-net-tcp', this.start, this.end, { counts: this.counts, listed: this.listed });
  }
}

// ---------------------------------------------------------------------------------------------------
// Per-state counts: `uniq -c` (`  61920 FIN-WAIT-1`), awk (`FIN-WAIT-1 61920`), /proc/net/tcp hex (`  12 0A`)
// ---------------------------------------------------------------------------------------------------

function stripColon(s: string): string {
  return s.length > 1 && s.endsWith(':') ? s.slice(0, -1) : s;
}

/**
 * Words of the current command: a lower-case English-word state (`closing`, `established`) counts when the
 * command names it, as an ss filter keyword does (`for s in fin-wait-1 closing; do … state $s …`).
 */
type KeywordSet = ReadonlySet<string>;

function commandWords(ctx: CommandContext | undefined): KeywordSet {
  if (!ctx) return new Set();
  return new Set(tokenize(ctx.text.replace(/["';|()]/g, ' '), 256));
}

function countState(token: string, hex: boolean, words: KeywordSet): StateId | undefined {
  if (hex && token.length === 2 && isHexDigits(token)) return PROC_NET_TCP_HEX.get(token.toUpperCase());
  const s = stateFromToken(token);
  if (s !== undefined) return s;
  return words.has(token) ? lookupStateSpelling(token)?.state : undefined;
}

function parseCountLine(tokens: readonly string[], hex: boolean, words: KeywordSet): { state: StateId; n: number } | undefined {
  // An annotated count (`FIN_WAIT1 61920   # 大部分是孤儿`): the comment after the pair does not count.
  const t = tokens.length > 2 && isAnnotation(tokens[2] as string) ? tokens.slice(0, 2) : tokens;
  if (t.length !== 2) return undefined;
  const a = t[0] as string;
  const b = t[1] as string;
  const n1 = parseCount(a);
  if (n1 !== undefined) {
    const s = countState(b, hex, words);
    if (s !== undefined) return { state: s, n: n1 };
  }
  const n2 = parseCount(b);
  if (n2 !== undefined) {
    const s = countState(stripColon(a), hex, words);
    if (s !== undefined) return { state: s, n: n2 };
  }
  return undefined;
}

/** `# …`, `// …`, `<- …`, `← …` after a count. */
export function isAnnotation(token: string): boolean {
  return token.startsWith('#') || token.startsWith('//') || token === '<-' || token.startsWith('←');
}

class StateCounts extends Builder {
  private lines = 0;
  private readonly counts: Counts = {};

  constructor(
    private readonly hex: boolean,
    /** A counting command precedes: one line is enough. */
    private readonly expected: boolean,
    private readonly words: KeywordSet,
  ) {
    super();
  }

  static canStart(line: Line, hex: boolean, words: KeywordSet): boolean {
    return parseCountLine(line.tokens, hex, words) !== undefined;
  }

  take(line: Line): boolean {
    const r = parseCountLine(line.tokens, this.hex, this.words);
    if (r) {
      this.lines++;
      addCount(this.counts, r.state, r.n);
      return this.mark(line);
    }
    // Tallies of header words (`1 State`, `1 st`, `State 1`, `1 Foreign`) belong to the same output.
    const t = line.tokens;
    if (this.lines > 0 && t.length === 2 && (parseCount(t[0]) !== undefined || parseCount(t[1]) !== undefined)) {
      return this.mark(line);
    }
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (this.lines === 0 || (!this.expected && this.lines < 2)) return undefined;
    return makeSegment('state-counts', this.start, this.end, { counts: this.counts, listed: sumCounts(this.counts) });
  }
}

/** `ss -Htan state fin-wait-1 | wc -l`, `netstat -an | grep -c TIME_WAIT`: one number for one state. */
class SingleNumber extends Builder {
  private n: number | undefined;

  constructor(
    private readonly kind: EvidenceKind,
    private readonly state: StateId,
    private readonly headerLines: number,
  ) {
    super();
  }

  static canStart(line: Line, st: ParseState): boolean {
    const sn = st.ctx?.singleNumber;
    return sn?.state !== undefined && !st.singleNumberUsed && line.tokens.length === 1 && isDigits(line.tokens[0]);
  }

  take(line: Line): boolean {
    if (this.n !== undefined || line.tokens.length !== 1) return false;
    const v = parseUint(line.tokens[0]);
    if (v === undefined) return false;
    this.n = Math.max(0, v - this.headerLines);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.n === undefined) return undefined;
    return makeSegment(this.kind, this.start, this.end, {
      counts: { [this.state]: this.n },
      listed: this.n,
      filteredState: this.state,
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// /proc/net/sockstat{,6} (facts §4.1) and `ss -s` (facts §4.2)
// ---------------------------------------------------------------------------------------------------

class Sockstat extends Builder {
  private readonly sockstat: MutableSockstat = {};

  static canStart(line: Line): boolean {
    return parseSockstatLine(line.tokens) !== undefined;
  }

  take(line: Line): boolean {
    const l = parseSockstatLine(line.tokens);
    if (!l) return false;
    applySockstatLine(this.sockstat, l);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (!hasSockstat(this.sockstat)) return undefined;
    return makeSegment('sockstat', this.start, this.end, { sockstat: freezeSockstat(this.sockstat) });
  }
}

const SS_SUMMARY_ROWS: ReadonlySet<string> = new Set(['*', 'RAW', 'UDP', 'TCP', 'INET', 'FRAG']);

function isSsSummaryTcpLine(t: readonly string[], text: string): boolean {
  return t[0] === 'TCP:' && isDigits(t[1]) && text.includes('(');
}

class SsSummary extends Builder {
  private totalSeen = false;
  private tcpSeen = false;
  private tableSeen = false;
  private readonly sockstat: MutableSockstat = {};
  private readonly counters: Record<string, number> = {};

  static canStart(line: Line): boolean {
    const t = line.tokens;
    return (t[0] === 'Total:' && isDigits(t[1])) || isSsSummaryTcpLine(t, line.text);
  }

  take(line: Line): boolean {
    const t = line.tokens;
    if (t[0] === 'Total:' && isDigits(t[1])) {
      if (this.totalSeen || this.tcpSeen) return false;
      this.totalSeen = true;
      const v = parseUint(t[1]);
      if (v !== undefined) this.sockstat.socketsUsed = v;
      return this.mark(line);
    }
    if (isSsSummaryTcpLine(t, line.text)) {
      if (this.tcpSeen) return false;
      this.tcpSeen = true;
      this.readTcpLine(line.text);
      return this.mark(line);
    }
    if (t[0] === 'Transport' && t[1] === 'Total') {
      this.tableSeen = true;
      return this.mark(line);
    }
    if (this.tableSeen && t.length === 4 && SS_SUMMARY_ROWS.has(t[0] as string)) {
      if (!t.slice(1).every((x) => x === '-' || isDigits(x))) return false;
      if (t[0] === 'TCP') {
        const v4 = parseUint(t[2]);
        const v6 = parseUint(t[3]);
        if (v4 !== undefined) (this.sockstat.tcp ??= {}).inuse = v4;
        if (v6 !== undefined) this.sockstat.tcp6 = { inuse: v6 };
      }
      return this.mark(line);
    }
    return false;
  }

  /** `TCP:   70488 (estab 350, closed 61208, orphaned 61920, [synrecv 0, ]timewait 8120[/0])[, ports 0]` */
  private readTcpLine(text: string): void {
    const open = text.indexOf('(');
    const close = text.indexOf(')', open);
    if (open < 0) return;
    const inner = text.slice(open + 1, close < 0 ? undefined : close);
    for (const part of inner.split(',')) {
      const pt = tokenize(part, 4);
      if (pt.length !== 2) continue;
      const raw = pt[1] as string;
      const slash = raw.indexOf('/');
      const v = parseUint(slash < 0 ? raw : raw.slice(0, slash));
      if (v === undefined) continue;
      switch (pt[0]) {
        case 'estab':
          // CurrEstab from /proc/net/snmp: ESTABLISHED (+ CLOSE-WAIT on kernels with a46d0ea5c942), so it is
          // a counter, not a per-state count.
          this.counters.TcpCurrEstab = v;
          break;
        case 'orphaned':
          (this.sockstat.tcp ??= {}).orphan = v;
          break;
        case 'timewait':
          (this.sockstat.tcp ??= {}).tw = v;
          break;
      }
    }
  }

  finish(): EvidenceSegment | undefined {
    const hasCounters = Object.keys(this.counters).length > 0;
    if (!hasSockstat(this.sockstat) && !hasCounters) return undefined;
    return makeSegment('ss-summary', this.start, this.end, {
      ...(hasSockstat(this.sockstat) ? { sockstat: freezeSockstat(this.sockstat) } : {}),
      ...(hasCounters ? { counters: this.counters } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Counters: nstat rows, /proc/net/{netstat,snmp} pairs, `netstat -s` (facts §4.4)
// ---------------------------------------------------------------------------------------------------

function isNstatHeader(text: string): boolean {
  const s = text.trimStart();
  return s.startsWith('#kernel') || (s.length > 1 && s[0] === '#' && isDigits(s[1]));
}

class Nstat extends Builder {
  private readonly counters: Record<string, number> = {};
  private rows = 0;

  constructor(private readonly anyName: boolean) {
    super();
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    if (isNstatHeader(line.text)) return true;
    const row = parseNstatRow(line.tokens);
    return row !== undefined && (hasNstatPrefix(row.name) || ctx?.nstat === true);
  }

  take(line: Line): boolean {
    if (isNstatHeader(line.text)) {
      if (this.rows > 0) return false;
      return this.mark(line);
    }
    const row = parseNstatRow(line.tokens);
    if (!row || !(this.anyName || hasNstatPrefix(row.name))) return false;
    this.rows++;
    if (row.value !== undefined) this.counters[row.name] = row.value;
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, { counters: this.counters });
  }
}

/** `TcpExt:` / `Tcp:` … with at least one more token: the section label of a /proc/net/netstat line. */
function procNetstatPrefix(t: readonly string[]): string | undefined {
  const t0 = t[0];
  if (t0 === undefined || t.length < 2 || !t0.endsWith(':')) return undefined;
  const prefix = t0.slice(0, -1);
  return NETSTAT_SECTIONS.has(prefix) ? prefix : undefined;
}

class ProcNetstat extends Builder {
  private pending: { prefix: string; names: readonly string[] } | undefined;
  private readonly counters: Record<string, number> = {};

  static canStart(line: Line): boolean {
    const prefix = procNetstatPrefix(line.tokens);
    return prefix !== undefined && isAlnumIdentifier(line.tokens[1]);
  }

  take(line: Line): boolean {
    const t = line.tokens;
    const prefix = procNetstatPrefix(t);
    if (prefix === undefined) return false;
    if (isIntShape(t[1])) {
      const p = this.pending;
      if (!p || p.prefix !== prefix) return false;
      const n = Math.min(p.names.length, t.length - 1);
      for (let i = 0; i < n; i++) {
        const name = p.names[i] as string;
        const v = parseInt53(t[i + 1]);
        if (v !== undefined && isAlnumIdentifier(name)) this.counters[prefix + name] = v;
      }
      this.pending = undefined;
      return this.mark(line);
    }
    if (!isAlnumIdentifier(t[1])) return false;
    this.pending = { prefix, names: t.slice(1) };
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, { counters: this.counters });
  }
}

/** A `netstat -s` section title alone on its line: `Tcp:`, `TcpExt:`. */
function netstatSectionTitle(line: Line): string | undefined {
  const t = line.tokens;
  if (t.length !== 1 || line.indent !== 0) return undefined;
  const t0 = t[0] as string;
  if (!t0.endsWith(':')) return undefined;
  const name = t0.slice(0, -1);
  return isAlnumIdentifier(name) ? name : undefined;
}

class NetstatStats extends Builder {
  private section: string | undefined;
  private readonly counters: Record<string, number> = {};

  constructor(private readonly ctxStats: boolean) {
    super();
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    const title = netstatSectionTitle(line);
    if (title !== undefined) return NETSTAT_SECTIONS.has(title) || ctx?.netstatStats === true;
    if (matchNetstatStatsLine(line.tokens, undefined)) return true;
    return ctx?.netstatStats === true && NetstatStats.generic(line.tokens) !== undefined;
  }

  /** `TCPTimeWaitOverflow: 5` — how net-tools prints counters it has no wording for. */
  private static generic(t: readonly string[]): { name: string; value: number | undefined } | undefined {
    if (t.length !== 2) return undefined;
    const t0 = t[0] as string;
    if (!t0.endsWith(':') || !isDigits(t[1])) return undefined;
    const name = t0.slice(0, -1);
    return isAlnumIdentifier(name) ? { name, value: parseUint(t[1]) } : undefined;
  }

  take(line: Line): boolean {
    const title = netstatSectionTitle(line);
    if (title !== undefined) {
      if (!NETSTAT_SECTIONS.has(title) && !this.ctxStats) return false;
      this.section = title;
      return this.mark(line);
    }
    const m = matchNetstatStatsLine(line.tokens, this.section);
    if (m) {
      if (m.value !== undefined) this.counters[m.name] = m.value;
      return this.mark(line);
    }
    const g = NetstatStats.generic(line.tokens);
    if (g) {
      const prefix = this.section ?? (this.ctxStats && g.name.startsWith('TCP') ? 'TcpExt' : undefined);
      if (prefix !== undefined && g.value !== undefined) this.counters[prefix + g.name] = g.value;
      if (prefix !== undefined || this.start >= 0) return this.mark(line);
      return false;
    }
    // Other wordings inside a section ("Forwarding is enabled", "ICMP input histogram:") belong to it.
    if (this.section !== undefined && line.indent > 0) return this.mark(line);
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, { counters: this.counters });
  }
}

// ---------------------------------------------------------------------------------------------------
// sysctl values (facts §3)
// ---------------------------------------------------------------------------------------------------

const ERROR_PREFIXES = ['cat:', 'sysctl:', 'getconf:', 'grep:'];

class Sysctl extends Builder {
  private readonly sysctls: Record<string, string> = {};

  constructor(private readonly st: ParseState) {
    super();
  }

  static pendingKey(st: ParseState): string | undefined {
    return st.ctx?.valueKeys[st.valueKeyIndex];
  }

  static canStart(line: Line, st: ParseState): boolean {
    return Sysctl.pendingKey(st) !== undefined || parseSysctlLine(line.text) !== undefined;
  }

  take(line: Line): boolean {
    const key = Sysctl.pendingKey(this.st);
    if (key !== undefined) {
      this.st.valueKeyIndex++;
      const s = line.text.trimStart();
      if (ERROR_PREFIXES.some((p) => s.startsWith(p))) return this.mark(line);
      const v = normaliseSysctlValue(s);
      if (v !== undefined && (key !== PAGE_SIZE_KEY || isDigits(v))) this.sysctls[key] = v;
      return this.mark(line);
    }
    const kv = parseSysctlLine(line.text);
    if (kv) {
      this.sysctls[kv[0]] = kv[1];
      return this.mark(line);
    }
    const s = line.text.trimStart();
    if (this.start >= 0 && s.startsWith('sysctl:')) return this.mark(line); // "sysctl: cannot stat …"
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.sysctls).length === 0) return undefined;
    return makeSegment('sysctl', this.start, this.end, { sysctls: this.sysctls });
  }
}

// ---------------------------------------------------------------------------------------------------
// The snapshot block (snapshotFormat.ts)
// ---------------------------------------------------------------------------------------------------

class Snapshot extends Builder {
  private readonly reader: SnapshotReader;
  private data = false;
  ended = false;
  newHeader = false;

  constructor(header: Line) {
    super();
    this.reader = new SnapshotReader(header.text);
    this.mark(header);
  }

  take(line: Line): boolean {
    const r = this.reader.accept(line.text);
    if (r === 'new-header') {
      this.newHeader = true;
      return false;
    }
    if (r === 'end') {
      this.ended = true;
      return this.mark(line);
    }
    if (r === 'data') {
      this.data = true;
      return this.mark(line);
    }
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (!this.data) return undefined;
    const d = this.reader.result();
    const counts: Counts = {};
    for (const fam of [d.states?.tcp4, d.states?.tcp6]) {
      if (!fam) continue;
      for (const [k, v] of Object.entries(fam) as [StateId, number | undefined][]) if (v !== undefined) addCount(counts, k, v);
    }
    const sysctls: Record<string, string> = { ...(d.sysctls ?? {}) };
    if (d.pageSize !== undefined && d.pageSizeAssumed !== true) sysctls[PAGE_SIZE_KEY] = String(d.pageSize);
    const hasCounts = Object.keys(counts).length > 0;
    return makeSegment('snapshot', this.start, this.end, {
      counts,
      ...(hasCounts ? { listed: sumCounts(counts) } : {}),
      ...(d.sockstat ? { sockstat: d.sockstat } : {}),
      ...(d.counters ? { counters: { ...d.counters } } : {}),
      ...(Object.keys(sysctls).length > 0 ? { sysctls } : {}),
    });
  }
}

// ---------------------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------------------

function startBuilder(line: Line, st: ParseState): Builder | undefined {
  const ctx = st.ctx;
  const tryTake = (b: Builder): Builder | undefined => (b.take(line) ? b : undefined);

  if (SingleNumber.canStart(line, st) && ctx?.singleNumber?.state !== undefined) {
    st.singleNumberUsed = true;
    const tool = ctx.singleNumber.tool;
    const kind: EvidenceKind = tool === 'ss' ? 'ss' : tool === 'netstat' ? 'netstat' : 'state-counts';
    return tryTake(new SingleNumber(kind, ctx.singleNumber.state, ctx.singleNumber.headerLines));
  }
  if (Sysctl.pendingKey(st) !== undefined) return tryTake(new Sysctl(st));
  if (SsSummary.canStart(line)) return tryTake(new SsSummary());
  if (Sockstat.canStart(line)) return tryTake(new Sockstat());
  if (ProcNetstat.canStart(line)) return tryTake(new ProcNetstat());
  if (Nstat.canStart(line, ctx)) return tryTake(new Nstat(ctx?.nstat === true));
  if (NetstatStats.canStart(line, ctx)) return tryTake(new NetstatStats(ctx?.netstatStats === true));
  if (ProcTcp.canStart(line)) return tryTake(new ProcTcp());
  if (NetstatListing.canStart(line)) return tryTake(new NetstatListing());
  if (SsListing.canStart(line, ctx)) return tryTake(new SsListing(ctx));
  const hex = ctx !== undefined && ctx.procNetTcp && ctx.counting;
  st.words ??= commandWords(ctx);
  if (StateCounts.canStart(line, hex, st.words)) return tryTake(new StateCounts(hex, ctx?.counting === true, st.words));
  if (Sysctl.canStart(line, st)) return tryTake(new Sysctl(st));
  return undefined;
}

const MAX_CONTINUATION_LINES = 20;

/** A command line: what follows is read in its light until the next command. */
function setContext(st: ParseState, command: string): void {
  st.ctx = parseCommand(command);
  st.singleNumberUsed = false;
  st.valueKeyIndex = 0;
  st.words = undefined;
}

function parseLines(text: string): EvidenceSegment[] {
  const lines = splitLines(text);
  const out: EvidenceSegment[] = [];
  const st: ParseState = { ctx: undefined, singleNumberUsed: false, valueKeyIndex: 0 };
  let cur: Builder | undefined;
  const close = (): void => {
    if (!cur) return;
    const seg = cur.finish();
    if (seg) out.push(seg);
    cur = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.length > MAX_LINE_LENGTH) continue; // junk: never tokenised, does not end the current output
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;
    const mk = (): Line => ({ index: i, text, tokens: tokenize(text), indent: leadingSpace(text) });

    if (cur instanceof Snapshot) {
      // A shell command line (never written by the snapshot writer) also ends the snapshot.
      const endsSnapshot = !text.trimStart().startsWith('#') && classifyLine(text)?.type === 'command';
      if (endsSnapshot) close();
    }
    if (cur instanceof Snapshot) {
      const line = mk();
      cur.take(line);
      if (cur.ended) {
        close();
        continue;
      }
      if (!cur.newHeader) continue;
      close(); // a second snapshot header: fall through and start it
    }
    if (isSnapshotHeader(text)) {
      close();
      cur = new Snapshot(mk());
      continue;
    }

    const cls = classifyLine(text);
    if (cls?.type === 'command') {
      close();
      let cmd = cls.text;
      let joined = 0;
      while (cmd.endsWith('\\') && i + 1 < lines.length && joined < MAX_CONTINUATION_LINES) {
        const next = lines[i + 1] as string;
        if (next.length > MAX_LINE_LENGTH) break;
        i++;
        joined++;
        cmd = cmd.slice(0, -1) + ' ' + next.trim();
      }
      setContext(st, cmd);
      continue;
    }
    if (cls?.type === 'comment') continue;

    const line = mk();
    if (cur && cur.take(line)) continue;
    const embedded = embeddedSsCommand(text, line.tokens);
    if (embedded !== undefined) {
      close();
      setContext(st, embedded);
      continue;
    }
    const next = startBuilder(line, st);
    if (next) {
      close();
      cur = next;
    }
  }
  close();
  return out;
}

/**
 * Finds each recognisable command output in the content of one code block and returns its numbers.
 * Line numbers are 0-based inside `text` (LF, CRLF and CR all end a line); `endLine` is exclusive.
 * Never throws.
 */
export function parseEvidence(text: string): EvidenceSegment[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  try {
    return parseLines(text);
  } catch {
    return [];
  }
}

export interface MergedEvidence {
  /** Sum of per-state counts over all segments. */
  counts: Partial<Record<StateId, number>>;
  /** Sum of `listed` over all segments. */
  listed: number;
  /** Field-wise merge; a later segment's fields override an earlier one's. */
  sockstat?: SockstatNumbers;
  /** Later values win. */
  counters: Record<string, number>;
  /** Later values win. */
  sysctls: Record<string, string>;
}

/**
 * Combines the segments of one block: counts and `listed` are summed (so a block holding both a full
 * listing and a filtered listing of the same host counts those sockets twice — callers wanting a
 * percentage should prefer a single segment's own `listed`); sockstat, counters and sysctls: later wins.
 */
export function mergeSegments(segments: readonly EvidenceSegment[]): MergedEvidence {
  const counts: Counts = {};
  let listed = 0;
  let sockstat: SockstatNumbers | undefined;
  const counters: Record<string, number> = {};
  const sysctls: Record<string, string> = {};
  for (const seg of segments) {
    for (const [k, v] of Object.entries(seg.counts) as [StateId, number | undefined][]) {
      if (typeof v === 'number' && Number.isFinite(v)) addCount(counts, k, v);
    }
    if (typeof seg.listed === 'number' && Number.isFinite(seg.listed)) listed = addClamped(listed, seg.listed);
    if (seg.sockstat) sockstat = mergeSockstat(sockstat, seg.sockstat);
    if (seg.counters) Object.assign(counters, seg.counters);
    if (seg.sysctls) Object.assign(sysctls, seg.sysctls);
  }
  return { counts, listed, ...(sockstat ? { sockstat } : {}), counters, sysctls };
}
