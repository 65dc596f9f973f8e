/**
 * The rows of a PowerShell `Get-NetTCPConnection` table (formats/getNetTcpConnection.ts finds the table and its
 * columns): local and remote endpoints and the state. The cmdlet shows no queues or timers, and the owning process
 * only as a PID (no name), so a row gives no more. Pure: no `vscode`, no Node built-ins. Linear in the lines.
 */
import { MAX_LINE_LENGTH, tokenize, trimEndSpace } from '../text';
import { isNetTcpHeader, netTcpColumns, readNetTcpRow, type NetTcpColumns } from '../formats/getNetTcpConnection';
import { parseEndpoint } from './address';
import type { ConnectionDraft } from './rows';
import type { Endpoint } from './types';

/** An address and port from their own columns (`fe80::1%12` and `445`); no port column: no port. */
function endpointOf(address: string | undefined, port: string | undefined): Endpoint | undefined {
  if (address === undefined) return undefined;
  // Bracketed, so an IPv6 address's last group is never read as the port.
  return parseEndpoint(`[${address}]:${port ?? '*'}`);
}

/** The connections of the table in lines [start, end) (a segment's range: header, dashes, rows). */
export function readNetTcpConnections(start: number, end: number, lineText: (n: number) => string): ConnectionDraft[] {
  const out: ConnectionDraft[] = [];
  let header: string | undefined;
  let cols: NetTcpColumns | undefined;
  for (let n = start; n < end; n++) {
    const raw = lineText(n);
    if (raw.length > MAX_LINE_LENGTH) continue;
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;
    if (header === undefined) {
      if (isNetTcpHeader({ text, tokens: tokenize(text) })) header = text;
      continue;
    }
    if (cols === undefined) {
      cols = netTcpColumns(header, text);
      if (cols === undefined) return out;
      continue;
    }
    const row = readNetTcpRow(text, cols);
    if (!row) continue;
    const c: ConnectionDraft = { line: n, source: 'get-nettcpconnection' };
    const state = row.state();
    if (state !== undefined) c.state = state;
    const local = endpointOf(row.cell(cols.localAddress), row.cell(cols.localPort));
    if (local) c.local = local;
    const peer = endpointOf(row.cell(cols.remoteAddress), row.cell(cols.remotePort));
    if (peer) c.peer = peer;
    out.push(c);
  }
  return out;
}
