/**
 * Evidence format: `ss` listings, with or without the State / Netid columns (facts §1.3, §4.3).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import type { CommandContext } from '../command';
import { OTHER_SOCKET_STATES, SS_NETIDS } from '../../catalogue/netids';
import { Builder, type Line, makeSegment, StateTally } from './builder';

const SS_NETID_LIST: readonly string[] = [...SS_NETIDS];
/** State column values that name no state (the row still counts as listed). */
const NO_STATE: readonly string[] = ['UNKNOWN', 'UNDEF'];

interface SsRow {
  netid: string | undefined;
  /** The row carries a State column value (possibly UNKNOWN/UNDEF, then `state` is undefined). */
  hasStateToken: boolean;
  state: StateId | undefined;
}

/** parseSsRow's answer, read before the next row is parsed (no object per row). */
const ROW: SsRow = { netid: undefined, hasStateToken: false, state: undefined };

/**
 * `[Netid] [State] Recv-Q Send-Q Local Peer [Process…]`, columns inferred from the row itself. Read in place
 * (Line.head*): only the Netid / State token is cut out.
 */
function parseSsRow(line: Line, wrapped = false): SsRow | undefined {
  const count = line.headCount(); // up to HEAD_TOKENS (8): enough for every test below (at most 6 tokens)
  for (let p = 0; p <= 2; p++) {
    if (wrapped ? count < p + 3 : count < p + 4) return undefined;
    // A row a narrow terminal wrapped ends with its local address; the peer is on the next line.
    if (wrapped && count !== p + 3) continue;
    if (!line.headIsDigits(p) || !line.headIsDigits(p + 1)) continue;
    let netid: string | undefined;
    let stateAt = -1; // the State token's index, when the row has one
    if (p === 2) {
      netid = line.head(0) as string;
      stateAt = 1;
      if (!SS_NETIDS.has(netid)) return undefined;
    } else if (p === 1) {
      if (line.headIsOneOf(0, SS_NETID_LIST)) netid = line.head(0);
      else stateAt = 0;
    }
    let state: StateId | undefined;
    if (stateAt >= 0 && !line.headIsOneOf(stateAt, NO_STATE)) {
      state = line.headState(stateAt);
      if (state === undefined) return undefined;
    }
    if (netid === undefined || netid === 'tcp') {
      // A TCP row prints addr:port on both sides (`*:*`, `[::]:22`, `10.0.0.1%eth0:443`).
      if (!line.headIncludes(p + 2, ':') || (!wrapped && !line.headIncludes(p + 3, ':'))) return undefined;
    }
    ROW.netid = netid;
    ROW.hasStateToken = stateAt >= 0;
    ROW.state = state;
    return ROW;
  }
  return undefined;
}

/**
 * The first half of a row a narrow terminal wrapped: `[State] Recv-Q Send-Q Local` and nothing more (ss puts the
 * peer, and the process, on the next line, indented). Undefined for anything else.
 */
function parseWrappedSsRow(line: Line): SsRow | undefined {
  return parseSsRow(line, true);
}

/** The second half of a wrapped row: an indented line that starts with the peer's `addr:port`. */
function isPeerLine(line: Line, rowIndent: number): boolean {
  if (line.indent <= rowIndent || line.headCount() === 0) return false;
  const peer = line.head(0) as string;
  const colon = peer.lastIndexOf(':');
  return colon > 0 && colon < peer.length - 1 && !peer.startsWith('users:');
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
  // The text test first: it needs no tokens, and rows (most lines) fail it.
  if (!line.text.includes('Address:Port')) return false;
  const t = line.tokens;
  return t.includes('Recv-Q') && t.includes('Send-Q');
}

export class SsListing extends Builder {
  private headerSeen = false;
  private headerHasState = true;
  private headerHasNetid = false;
  private anyRow = false;
  private sawNetid = false;
  private sawUnconn = false;
  /** A row in a state only TCP sockets take (TIME-WAIT, SYN-SENT, …: not OTHER_SOCKET_STATES). */
  private sawTcpOnly = false;
  /**
   * After finish(): the listing holds sockets of other protocols only, whose state names are not TCP states — no
   * Netid column, and the command selects no TCP socket (CommandContext.noTcp), or, with no command, an UNCONN row
   * and no state only TCP has. parse.ts reports its lines (parseEvidenceAt `others`).
   */
  otherProtocol = false;
  private rowIndent = 0;
  private listed = 0;
  private rowsWithoutState = 0;
  private readonly tally = new StateTally();
  /** The first half of a wrapped row, waiting for its peer line. */
  private wrapped: SsRow | undefined;

  /**
   * @param unattributed the line runs several `ss` listings and this one cannot be told to be any one of them (a
   * header missing, `-H`): its rows are TCP's or not, of a state filter or not, as none can say — no counts, and
   * the state names on them stay mentions.
   */
  constructor(
    ctx: CommandContext | undefined,
    private readonly unattributed = false,
  ) {
    super();
    this.context = ctx;
  }

  static isHeader(line: Line): boolean {
    return isSsHeader(line);
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    if (isSsHeader(line)) return true;
    const row = parseSsRow(line) ?? parseWrappedSsRow(line);
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
    if (this.wrapped !== undefined) {
      // The peer half of a wrapped row completes it; anything else leaves the half row uncounted.
      const half = this.wrapped;
      this.wrapped = undefined;
      if (isPeerLine(line, this.rowIndent)) {
        this.mark(line);
        return this.count(half);
      }
    }
    // ss -i prints an extra line (`\t cubic wscale:7,7 rto:204 …`) indented under its row.
    if (this.anyRow && line.indent > this.rowIndent && isSsInfoLine(line)) return this.mark(line);
    const full = parseSsRow(line);
    const row = full ?? parseWrappedSsRow(line);
    if (!row) return false;
    if (!this.anyRow && !this.headerSeen) this.rowIndent = line.indent;
    this.anyRow = true;
    this.mark(line);
    if (full === undefined) {
      this.wrapped = { ...row };
      return true;
    }
    return this.count(row);
  }

  /** Counts one row (whole, or a wrapped row with its peer line). */
  private count(row: SsRow): boolean {
    if (row.netid !== undefined) {
      this.sawNetid = true;
      if (row.netid !== 'tcp') return true; // only TCP rows count when there is a Netid column
    }
    this.listed++;
    if (row.hasStateToken) {
      if (row.state !== undefined) {
        this.tally.add(row.state, 1);
        // Without a Netid a row holds addr:port (parseSsRow): LISTEN there is TCP's (UDP never listens; Unix rows show paths).
        if (!OTHER_SOCKET_STATES.has(row.state) || (row.state === 'LISTEN' && row.netid === undefined)) this.sawTcpOnly = true;
      }
      if (row.state === 'CLOSED' && row.netid === undefined) this.sawUnconn = true;
    } else {
      this.rowsWithoutState++;
      const s = this.context?.ss?.singleState;
      if (s !== undefined) this.tally.add(s, 1);
    }
    return true;
  }

  finish(): EvidenceSegment | undefined {
    if (this.start < 0 || this.unattributed) return undefined;
    const netidColumn = this.headerHasNetid || this.sawNetid;
    if (!netidColumn) {
      const ss = this.context?.ss;
      // Without a command: UNCONN rows in a single-protocol listing mean UDP/raw/unix, unless a row is in a state
      // only TCP takes (a TCP socket in CLOSE shows as UNCONN too).
      this.otherProtocol = this.context?.noTcp === true || (!ss && this.sawUnconn && !this.sawTcpOnly);
      if (this.otherProtocol) return undefined;
      if (ss && ss.tcp === 'none') return undefined; // `ss -Man`: MPTCP sockets, not TCP's
    }
    const single = this.context?.ss?.singleState;
    const filtered = single !== undefined && (this.rowsWithoutState > 0 || (this.headerSeen && !this.headerHasState));
    if (filtered) this.tally.ensure(single);
    if (this.listed === 0 && !filtered) return undefined;
    return makeSegment('ss', this.start, this.end, {
      counts: this.tally.counts(),
      listed: this.listed,
      filteredState: filtered ? single : undefined,
    });
  }
}
