/**
 * Evidence format: PowerShell `Get-NetTCPConnection | Format-List`, and `| Select-Object` of five or more
 * properties (which PowerShell shows as a list): one record per socket, a `Name : value` line per property, names
 * padded so the colons line up, a blank line between records.
 *
 * The parse driver drops blank lines, so a record ends where a property of the one being read comes again (every
 * record lists the same properties in the same order). A record counts when it has a State and an address or port
 * property, each of them of the right shape; its state as in the table form (getNetTcpConnection.ts: .NET names,
 * Bound and DeleteTCB listed only).
 *
 * Read by evidence/parse.ts; the records are read again, field by field, by connections/netTcp.ts.
 * Pure: no `vscode`, no Node built-ins. Linear in the lines.
 */
import type { EvidenceSegment } from '../types';
import type { CommandContext } from '../command';
import { isDigits, isSpaceCode } from '../text';
import { Builder, type Line, makeSegment, StateTally } from './builder';
import { dotnetState, netTcpStateFilter } from './getNetTcpConnection';

/** The properties read, as PowerShell names them (a list starts at one of them). */
const READ: ReadonlySet<string> = new Set(['State', 'LocalAddress', 'LocalPort', 'RemoteAddress', 'RemotePort']);
/** Read too, once a record has started: the owner's PID (connections/netTcp.ts). */
const OWNER = 'OwningProcess';
const MAX_NAME = 64;
const MAX_VALUE = 64;

/** One socket's record: the properties read, and the line of its first property. */
export interface NetTcpRecord {
  readonly line: number;
  readonly State?: string;
  readonly LocalAddress?: string;
  readonly LocalPort?: string;
  readonly RemoteAddress?: string;
  readonly RemotePort?: string;
  readonly OwningProcess?: string;
}

type MutableRecord = { -readonly [K in keyof NetTcpRecord]: NetTcpRecord[K] };

/** `Name<spaces>: value` → where the name ends and the value starts, or undefined for any other line. */
function propertyLine(text: string): { nameStart: number; nameEnd: number; valueStart: number } | undefined {
  let i = 0;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  const nameStart = i;
  while (i < text.length && i - nameStart <= MAX_NAME) {
    const c = text.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!letter && (i === nameStart || c < 48 || c > 57)) break;
    i++;
  }
  const nameEnd = i;
  if (nameEnd === nameStart || nameEnd - nameStart > MAX_NAME) return undefined;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  if (i === nameEnd || text.charCodeAt(i) !== 58 /* : */) return undefined;
  i++;
  if (i < text.length && !isSpaceCode(text.charCodeAt(i))) return undefined;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return { nameStart, nameEnd, valueStart: i };
}

/** Could the line start a Get-NetTCPConnection list: a property line of one of the properties read? */
export function isNetTcpListStart(text: string): boolean {
  if (!text.includes(' :')) return false;
  const p = propertyLine(text);
  return p !== undefined && READ.has(text.slice(p.nameStart, p.nameEnd));
}

function isAddress(v: string | undefined): boolean {
  return v === undefined || v.includes(':') || v.includes('.');
}

function isPort(v: string | undefined): boolean {
  return v === undefined || (v.length <= 5 && isDigits(v));
}

/** A name of a letter, then letters and digits (`TimeWait`, `FinWait1`, `DeleteTCB`). */
function isName(v: string): boolean {
  if (v.length === 0 || v.length > 16) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const letter = (c | 32) >= 97 && (c | 32) <= 122;
    if (!letter && (i === 0 || c < 48 || c > 57)) return false;
  }
  return true;
}

/** The record is a socket's: a State, an address or port property, each of the right shape. */
export function isSocketRecord(r: NetTcpRecord): boolean {
  if (r.State === undefined || !isName(r.State)) return false;
  if (r.LocalAddress === undefined && r.LocalPort === undefined && r.RemoteAddress === undefined && r.RemotePort === undefined) return false;
  return isAddress(r.LocalAddress) && isAddress(r.RemoteAddress) && isPort(r.LocalPort) && isPort(r.RemotePort);
}

/**
 * Reads a list line by line (blank lines left out) into records: `take` answers whether the line belongs to the
 * list and passes each record it completes to `done`; `finish` passes the last one.
 */
export class NetTcpListReader {
  private names = new Set<string>();
  private rec: MutableRecord | undefined;
  /** Where values start (a wrapped value's next line is indented to it). */
  private valueColumn = -1;

  constructor(private readonly done: (r: NetTcpRecord) => void) {}

  take(text: string, line: number): boolean {
    const p = propertyLine(text);
    if (!p) {
      // The rest of a value too long for the line, indented to where values start.
      let indent = 0;
      while (indent < text.length && isSpaceCode(text.charCodeAt(indent))) indent++;
      return this.rec !== undefined && this.valueColumn > 0 && indent >= this.valueColumn;
    }
    const name = text.slice(p.nameStart, p.nameEnd);
    if (this.rec === undefined && !READ.has(name)) return false;
    if (this.rec === undefined || this.names.has(name)) {
      this.flush();
      this.rec = { line };
    }
    this.names.add(name);
    if (this.valueColumn < 0 || p.valueStart < text.length) this.valueColumn = p.valueStart;
    if (READ.has(name) || name === OWNER) {
      const v = text.slice(p.valueStart);
      // An overlong value is kept as one that fits no shape (the record then does not count).
      const value = v.length <= MAX_VALUE ? v : ' ';
      const rec = this.rec;
      if (name === 'State') rec.State = value;
      else if (name === 'LocalAddress') rec.LocalAddress = value;
      else if (name === 'LocalPort') rec.LocalPort = value;
      else if (name === 'RemoteAddress') rec.RemoteAddress = value;
      else if (name === 'RemotePort') rec.RemotePort = value;
      else rec.OwningProcess = value;
    }
    return true;
  }

  finish(): void {
    this.flush();
  }

  private flush(): void {
    if (this.rec !== undefined) this.done(this.rec);
    this.rec = undefined;
    this.names = new Set();
  }
}

export class NetTcpList extends Builder {
  private listed = 0;
  private readonly tally = new StateTally();
  private readonly reader = new NetTcpListReader((r) => {
    if (!isSocketRecord(r)) return;
    this.listed++;
    const state = dotnetState(r.State);
    if (state !== undefined) this.tally.add(state, 1);
  });

  constructor(private readonly ctx: CommandContext | undefined) {
    super();
  }

  static canStart(line: Line): boolean {
    return isNetTcpListStart(line.text);
  }

  take(line: Line): boolean {
    return this.reader.take(line.text, line.index) ? this.mark(line) : false;
  }

  finish(): EvidenceSegment | undefined {
    this.reader.finish();
    if (this.listed === 0) return undefined;
    const counts = this.tally.counts();
    const filter = netTcpStateFilter(this.ctx);
    const filtered = filter !== undefined && counts[filter] === this.listed ? filter : undefined;
    return makeSegment('get-nettcpconnection', this.start, this.end, { counts, listed: this.listed, filteredState: filtered });
  }
}
