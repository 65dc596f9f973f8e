/**
 * `lsof -i` rows as connections (formats/lsof.ts finds the listing): local and peer endpoints from NAME
 * (`10.0.0.5:8080->10.0.0.9:51234`, a listener's `*:443`), the state, and the processes holding a descriptor of
 * the socket. A socket lsof lists under several descriptors (processes sharing it) is one connection, with every
 * process named. Host and service names (lsof without -n / -P) give no address or port. Pure, linear, never throws.
 */
import { MAX_LINE_LENGTH, tokenize, trimEndSpace } from '../text';
import { readLsofRow } from '../formats/lsof';
import { parseEndpoint } from './address';
import type { ConnectionDraft } from './rows';

/** Most process names kept per socket. */
const MAX_PROCESSES = 16;

export function readLsofConnections(startLine: number, endLine: number, lineText: (n: number) => string): ConnectionDraft[] {
  const out: ConnectionDraft[] = [];
  const byName = new Map<string, ConnectionDraft>();
  for (let n = startLine; n < endLine; n++) {
    const raw = lineText(n);
    if (raw.length > MAX_LINE_LENGTH) continue;
    const row = readLsofRow(tokenize(trimEndSpace(raw)));
    if (!row || row.protocol !== 'TCP') continue;
    const key = row.key;
    const known = byName.get(key);
    if (known) {
      const processes = known.processes as string[];
      if (!processes.includes(row.command) && processes.length < MAX_PROCESSES) processes.push(row.command);
      continue;
    }
    const arrow = row.name.indexOf('->');
    const local = parseEndpoint(arrow < 0 ? row.name : row.name.slice(0, arrow));
    const peer = arrow < 0 ? undefined : parseEndpoint(row.name.slice(arrow + 2));
    const c: ConnectionDraft = { line: n, source: 'lsof', processes: [row.command] };
    if (row.state !== undefined) c.state = row.state;
    if (local) c.local = local;
    if (peer) c.peer = peer;
    byName.set(key, c);
    out.push(c);
  }
  return out;
}
