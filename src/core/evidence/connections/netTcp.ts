/**
 * The rows of a PowerShell `Get-NetTCPConnection` table or list (formats/getNetTcpConnection.ts and
 * getNetTcpConnectionList.ts find them): local and remote endpoints and the state. The cmdlet shows no queues or
 * timers; the owning process is a PID (no name), kept as `PID 4412` (rows.ts windowsPid).
 * Pure: no `vscode`, no Node built-ins. Linear in the lines.
 */
import type { StateId } from '../../catalogue/types';
import { MAX_LINE_LENGTH, tokenize, trimEndSpace } from '../text';
import { dotnetState, isNetTcpHeader, netTcpColumns, readNetTcpRow, type NetTcpColumns } from '../formats/getNetTcpConnection';
import { isSocketRecord, NetTcpListReader } from '../formats/getNetTcpConnectionList';
import { parseEndpoint } from './address';
import { windowsPid, type ConnectionDraft } from './rows';
import type { Endpoint } from './types';

/** An address and port from their own columns (`fe80::1%12` and `445`); no port column: no port. */
function endpointOf(address: string | undefined, port: string | undefined): Endpoint | undefined {
  if (address === undefined) return undefined;
  // Bracketed, so an IPv6 address's last group is never read as the port.
  return parseEndpoint(`[${address}]:${port ?? '*'}`);
}

/**
 * The local endpoint; a LocalPort shown without LocalAddress (`Select-Object LocalPort,RemoteAddress,State`) still
 * gives the port, under the wildcard address (a local endpoint's address is never ranked or shown). A peer needs
 * its address: peers are ranked and told apart by it.
 */
function localOf(address: string | undefined, port: string | undefined): Endpoint | undefined {
  return endpointOf(address ?? (port !== undefined ? '*' : undefined), port);
}

function connection(line: number, state: StateId | undefined, local: Endpoint | undefined, peer: Endpoint | undefined, owner: string | undefined): ConnectionDraft {
  const c: ConnectionDraft = { line, source: 'get-nettcpconnection' };
  if (state !== undefined) c.state = state;
  if (local) c.local = local;
  if (peer) c.peer = peer;
  const pid = windowsPid(owner);
  if (pid !== undefined) c.processes = [pid];
  return c;
}

/** The connections of the table or list in lines [start, end) (a segment's range). */
export function readNetTcpConnections(start: number, end: number, lineText: (n: number) => string): ConnectionDraft[] {
  const out: ConnectionDraft[] = [];
  let form: 'table' | 'list' | undefined;
  let header: string | undefined;
  let cols: NetTcpColumns | undefined;
  const list = new NetTcpListReader((r) => {
    if (isSocketRecord(r)) out.push(connection(r.line, dotnetState(r.State), localOf(r.LocalAddress, r.LocalPort), endpointOf(r.RemoteAddress, r.RemotePort), r.OwningProcess));
  });
  for (let n = start; n < end; n++) {
    const raw = lineText(n);
    if (raw.length > MAX_LINE_LENGTH) continue;
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;
    form ??= isNetTcpHeader({ text, tokens: tokenize(text) }) ? 'table' : 'list';
    if (form === 'list') {
      list.take(text, n);
      continue;
    }
    if (header === undefined) {
      header = text;
      continue;
    }
    if (cols === undefined) {
      cols = netTcpColumns(header, text);
      if (cols === undefined) return out;
      continue;
    }
    const row = readNetTcpRow(text, cols);
    if (row) out.push(connection(n, row.state(), localOf(row.cell(cols.localAddress), row.cell(cols.localPort)), endpointOf(row.cell(cols.remoteAddress), row.cell(cols.remotePort)), row.cell(cols.owningProcess)));
  }
  list.finish();
  return out;
}
