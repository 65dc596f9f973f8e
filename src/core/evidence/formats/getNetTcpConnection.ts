/**
 * Evidence format: PowerShell `Get-NetTCPConnection` per-socket tables as Format-Table prints them: the default
 * view (PowerShell 5.1 and 7), `-State X`, `| Select-Object … | Format-Table` (fewer, reordered columns, numbers
 * right-aligned), `| ft -AutoSize` (narrower columns).
 *
 * Columns are found by the header and the dashes line under it, never by counting tokens: Format-Table writes each
 * column's name and a run of dashes as long as the name, both left-aligned (text) or right-aligned (numbers) in
 * the column, and every value of the column in the same alignment. So each value overlaps its column's run of
 * dashes, and no other run (a value lies inside its column, a run inside its own); a token between runs is the
 * rest of the value before it (`12/5/2026 9:00:01 AM`); an empty cell (AppliedSetting is often empty) overlaps
 * nothing and shifts nothing. A row whose tokens do not fall so (spaced by hand, tabs) is read in column order
 * when it has one token per column.
 *
 * States are the .NET TcpState names (`TimeWait`, `Established`). Two have no Linux state: `Bound` (bound, neither
 * listening nor connecting) and `DeleteTCB`; such a row is listed but counts no state, as a row with an
 * unknown state does in the other listings.
 *
 * Read by evidence/parse.ts (the Format-List form: getNetTcpConnectionList.ts); the rows are read again, field by
 * field, by connections/netTcp.ts.
 * Pure: no `vscode`, no Node built-ins. Linear in the line.
 */
import { lookupStateSpelling } from '../../catalogue/spellings';
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import type { CommandContext } from '../command';
import { isDigitsIn, isSpaceCode, tokenize } from '../text';
import { Builder, type Line, makeSegment, StateTally } from './builder';

/** More columns than `Format-Table *` of the cmdlet's objects prints: a wider "table" is something else. */
const MAX_COLUMNS = 64;
/** Longest .NET TcpState name (`SynReceived`) and some room. */
const MAX_STATE_LENGTH = 16;

const ADDRESS_NAMES: readonly string[] = ['LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort'];

/** Where a table's columns are, from its header and dashes lines. The indexes are -1 for a column not shown. */
export interface NetTcpColumns {
  /** Start and end (exclusive) of each column's run of dashes, in order: [s0, e0, s1, e1, …]. */
  readonly runs: Int32Array;
  readonly count: number;
  readonly state: number;
  readonly localAddress: number;
  readonly localPort: number;
  readonly remoteAddress: number;
  readonly remotePort: number;
  readonly owningProcess: number;
}

/**
 * Could the line be the header of a Get-NetTCPConnection table: its tokens include `State` and one of the address
 * or port columns? (The text test first: rows and prose fail it without tokens.)
 */
export function isNetTcpHeader(line: { readonly text: string; readonly tokens: readonly string[] }): boolean {
  const text = line.text;
  if (!text.includes('State') || !(text.includes('Local') || text.includes('Remote'))) return false;
  const t = line.tokens;
  return t.includes('State') && ADDRESS_NAMES.some((n) => t.includes(n));
}

/**
 * The columns of a table whose header is `header` and whose next line is `dashes`, or undefined when `dashes` is no
 * dashes line for that header (every run of dashes under a column name of the same length, no name without one)
 * or the header has no State column or no address or port column.
 */
export function netTcpColumns(header: string, dashes: string): NetTcpColumns | undefined {
  const runs = new Int32Array(2 * MAX_COLUMNS);
  let count = 0;
  for (let i = 0; i < dashes.length; ) {
    const c = dashes.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    if (c !== 45 /* - */ || count === MAX_COLUMNS) return undefined;
    const start = i;
    while (i < dashes.length && dashes.charCodeAt(i) === 45) i++;
    runs[2 * count] = start;
    runs[2 * count + 1] = i;
    count++;
  }
  if (count < 2) return undefined;
  // Each run lies under a name that starts and ends with it; the header has nothing outside the runs.
  let r = 0;
  for (let i = 0; i < header.length; i++) {
    if (isSpaceCode(header.charCodeAt(i))) continue;
    while (r < count && (runs[2 * r + 1] as number) <= i) r++;
    if (r === count || (runs[2 * r] as number) > i) return undefined;
  }
  const cols = { runs, count, state: -1, localAddress: -1, localPort: -1, remoteAddress: -1, remotePort: -1, owningProcess: -1 };
  for (let k = 0; k < count; k++) {
    const s = runs[2 * k] as number;
    const e = runs[2 * k + 1] as number;
    if (e > header.length || isSpaceCode(header.charCodeAt(s)) || isSpaceCode(header.charCodeAt(e - 1))) return undefined;
    if (e < header.length && !isSpaceCode(header.charCodeAt(e))) return undefined;
    if (s > 0 && !isSpaceCode(header.charCodeAt(s - 1))) return undefined;
    const name = header.slice(s, e);
    if (name === 'State') cols.state = k;
    else if (name === 'LocalAddress') cols.localAddress = k;
    else if (name === 'LocalPort') cols.localPort = k;
    else if (name === 'RemoteAddress') cols.remoteAddress = k;
    else if (name === 'RemotePort') cols.remotePort = k;
    else if (name === 'OwningProcess') cols.owningProcess = k;
  }
  if (cols.state < 0 || (cols.localAddress < 0 && cols.localPort < 0 && cols.remoteAddress < 0 && cols.remotePort < 0)) return undefined;
  return cols;
}

/** Bounds of each column's cell (start, end; -1 when empty), by column index: the answer of readNetTcpRow. */
const CELLS = new Int32Array(2 * MAX_COLUMNS);
/** Columns whose cell holds more than one token (`12/5/2026 9:00:01 AM`). */
const MULTI = new Uint8Array(MAX_COLUMNS);
/** A row's token bounds (the first MAX_COLUMNS + 1), for the reading in order. */
const TOKENS = new Int32Array(2 * (MAX_COLUMNS + 1));
let tokenCount = 0;

/**
 * Puts each token of the row in the column whose run of dashes it overlaps (a token between runs continues the
 * value before it), into CELLS and MULTI; collects the tokens into TOKENS. False when a token lies left of the
 * first column or over two columns' runs: the tokens are not where the header says.
 */
function placeByPosition(text: string, cols: NetTcpColumns): boolean {
  const n = cols.count;
  const runs = cols.runs;
  CELLS.fill(-1, 0, 2 * n);
  MULTI.fill(0, 0, n);
  let r = 0;
  let prev = -1; // the column of the token before
  let placed = true;
  tokenCount = 0;
  for (let i = 0; i < text.length; ) {
    if (isSpaceCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const a = i;
    while (i < text.length && !isSpaceCode(text.charCodeAt(i))) i++;
    const b = i;
    if (tokenCount <= MAX_COLUMNS) {
      TOKENS[2 * tokenCount] = a;
      TOKENS[2 * tokenCount + 1] = b;
    }
    tokenCount++;
    if (!placed) continue;
    while (r < n && (runs[2 * r + 1] as number) <= a) r++;
    let col = prev;
    if (r < n && (runs[2 * r] as number) < b) {
      col = r;
      if (r + 1 < n && (runs[2 * r + 2] as number) < b) placed = false; // over two columns
    }
    if (col < 0) placed = false;
    else if (CELLS[2 * col] === -1) {
      CELLS[2 * col] = a;
      CELLS[2 * col + 1] = b;
    } else {
      CELLS[2 * col + 1] = b;
      MULTI[col] = 1;
    }
    prev = col;
  }
  return placed;
}

/** One token per column, in order (a row spaced by hand, or with tabs); false when the numbers differ. */
function placeByOrder(cols: NetTcpColumns): boolean {
  const n = cols.count;
  if (tokenCount !== n) return false;
  CELLS.set(TOKENS.subarray(0, 2 * n));
  MULTI.fill(0, 0, n);
  return true;
}

/** Column `col` is not shown, or its cell holds one token. */
function oneToken(col: number): boolean {
  return col < 0 || (CELLS[2 * col] !== -1 && MULTI[col] === 0);
}

/** Column `col`'s cell holds an address (`::`, `10.0.0.5`, `fe80::1%12`, or cut short by Format-Table). */
function isAddressCell(text: string, col: number): boolean {
  if (col < 0) return true;
  const s = CELLS[2 * col] as number;
  const e = CELLS[2 * col + 1] as number;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */ || c === 46 /* . */) return true;
  }
  return false;
}

function isPortCell(text: string, col: number): boolean {
  if (col < 0) return true;
  const s = CELLS[2 * col] as number;
  const e = CELLS[2 * col + 1] as number;
  return e - s <= 5 && isDigitsIn(text, s, e);
}

/** Column `col`'s cell is a name: a letter, then letters and digits (`TimeWait`, `FinWait1`, `DeleteTCB`). */
function isNameCell(text: string, col: number): boolean {
  const s = CELLS[2 * col] as number;
  const e = CELLS[2 * col + 1] as number;
  if (e - s > MAX_STATE_LENGTH) return false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!letter && (i === s || c < 48 || c > 57)) return false;
  }
  return true;
}

/** A row's cells (strings cut out on demand): read right after readNetTcpRow, before the next row. */
export interface NetTcpRow {
  /** Column `col`'s text, or undefined when the column is not shown or its cell is empty. */
  cell(col: number): string | undefined;
  /** The Linux state of the State cell (.NET TcpState names), or undefined (Bound, DeleteTCB). */
  state(): StateId | undefined;
}

let rowText = '';
let rowStateCol = -1;
const ROW: NetTcpRow = {
  cell(col: number): string | undefined {
    if (col < 0 || CELLS[2 * col] === -1) return undefined;
    return rowText.slice(CELLS[2 * col], CELLS[2 * col + 1]);
  },
  state(): StateId | undefined {
    return dotnetState(ROW.cell(rowStateCol));
  },
};

/** The cells read are a socket's: a State cell that is a name, each shown address an address, each port a port. */
function isSocketRow(text: string, cols: NetTcpColumns): boolean {
  if (!oneToken(cols.state) || !isNameCell(text, cols.state)) return false;
  if (!oneToken(cols.localAddress) || !oneToken(cols.remoteAddress) || !oneToken(cols.localPort) || !oneToken(cols.remotePort)) return false;
  if (!isAddressCell(text, cols.localAddress) || !isAddressCell(text, cols.remoteAddress)) return false;
  return isPortCell(text, cols.localPort) && isPortCell(text, cols.remotePort);
}

/**
 * The row `text` of a table with columns `cols`, or undefined when it is no socket's row (isSocketRow), read by
 * position, else in order. The answer is shared: read it before the next call.
 */
export function readNetTcpRow(text: string, cols: NetTcpColumns): NetTcpRow | undefined {
  const ok = (placeByPosition(text, cols) && isSocketRow(text, cols)) || (placeByOrder(cols) && isSocketRow(text, cols));
  if (!ok) return undefined;
  rowText = text;
  rowStateCol = cols.state;
  return ROW;
}

/** A .NET TcpState name (`TimeWait`, `Established`) as its state; undefined for Bound, DeleteTCB and other words. */
export function dotnetState(token: string | undefined): StateId | undefined {
  if (token === undefined) return undefined;
  const m = lookupStateSpelling(token);
  return m !== undefined && m.families.includes('dotnet') ? m.state : undefined;
}

/**
 * `Get-NetTCPConnection -State TimeWait`: the one state the command selects (any spelling of a state that PowerShell
 * takes, -State abbreviated down to `-s`: no other parameter of the cmdlet starts with S), or undefined: no filter, several states (`-State TimeWait,CloseWait`), or a
 * value that is no Linux state (`-State Bound`).
 */
export function netTcpStateFilter(ctx: CommandContext | undefined): StateId | undefined {
  if (ctx === undefined || !ctx.text.toLowerCase().includes('get-nettcpconnection')) return undefined;
  const words = tokenize(ctx.text, 64);
  let seen = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const lw = w.toLowerCase();
    if (lw === '|' || lw.startsWith('|')) break; // the rest of the pipeline filters no longer by the parameter
    if (lw === 'get-nettcpconnection') seen = true;
    if (!seen || !lw.startsWith('-s')) continue;
    const colon = lw.indexOf(':');
    const name = lw.slice(1, colon < 0 ? undefined : colon);
    if (!'state'.startsWith(name)) continue;
    const value = (colon < 0 ? words[i + 1] : w.slice(colon + 1))?.replace(/["']/g, '');
    if (value === undefined || value.length === 0 || value.includes(',')) return undefined;
    return lookupStateSpelling(value)?.state;
  }
  return undefined;
}

export class NetTcpTable extends Builder {
  /** 0: expects the header; 1: the dashes line; 2: rows; -1: not a table after all. */
  private phase = 0;
  private header = '';
  private cols: NetTcpColumns | undefined;
  private listed = 0;
  private readonly tally = new StateTally();

  constructor(private readonly ctx: CommandContext | undefined) {
    super();
  }

  static canStart(line: Line): boolean {
    return isNetTcpHeader(line);
  }

  take(line: Line): boolean {
    if (this.phase === 0) {
      if (!isNetTcpHeader(line)) return false;
      this.header = line.text;
      this.phase = 1;
      return this.mark(line);
    }
    if (this.phase === 1) {
      this.cols = netTcpColumns(this.header, line.text);
      this.phase = this.cols ? 2 : -1;
      return this.cols ? this.mark(line) : false;
    }
    if (this.phase !== 2 || !this.cols) return false;
    const row = readNetTcpRow(line.text, this.cols);
    if (!row) return false;
    this.listed++;
    const state = row.state();
    if (state !== undefined) this.tally.add(state, 1);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.listed === 0) return undefined;
    const counts = this.tally.counts();
    // The filter of the command before, when every row shows its state (not a second table pasted under it).
    const filter = netTcpStateFilter(this.ctx);
    const filtered = filter !== undefined && counts[filter] === this.listed ? filter : undefined;
    return makeSegment('get-nettcpconnection', this.start, this.end, { counts, listed: this.listed, filteredState: filtered });
  }
}
