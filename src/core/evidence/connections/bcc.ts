/**
 * bcc / libbpf-tools output: `tcpstates` (state transitions with the ms spent in the old state, from the
 * tracepoint sock:inet_sock_set_state) and `tcplife` (closed connections with their lifetime). Found by their
 * header line anywhere in the note; rows follow until a line that is not a row. Pure, linear, never throws.
 */
import { isDigits, stateFromToken, tokenize } from '../text';
import { parseEndpoint } from './address';
import type { ConnectionDraft } from './rows';

const MAX_LINE = 1024;

function endpoint(addr: string | undefined, port: string | undefined): ReturnType<typeof parseEndpoint> {
  if (addr === undefined || !isDigits(port)) return undefined;
  return parseEndpoint(addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);
}

function decimalMs(s: string | undefined): number | undefined {
  if (s === undefined || !/^\d{1,12}(?:\.\d{1,6})?$/.test(s)) return undefined;
  return Number(s);
}

/** `SKADDR C-PID C-COMM LADDR LPORT RADDR RPORT OLDSTATE -> NEWSTATE MS` (optionally TIME(s) first). */
function tcpstatesRow(line: number, t: readonly string[], pidCol: number): ConnectionDraft | undefined {
  const arrow = t.indexOf('->');
  if (arrow < 5 || t.length !== arrow + 3) return undefined;
  const to = stateFromToken(t[arrow + 1]);
  const from = stateFromToken(t[arrow - 1]);
  const ms = decimalMs(t[arrow + 2]);
  const peer = endpoint(t[arrow - 3], t[arrow - 2]);
  const local = endpoint(t[arrow - 5], t[arrow - 4]);
  if (to === undefined || from === undefined || ms === undefined || !peer || !local) return undefined;
  const comm = pidCol < 0 ? '' : t.slice(pidCol + 1, arrow - 5).join(' ');
  return { line, source: 'tcpstates', state: to, fromState: from, msInOldState: ms, local, peer, ...(comm ? { processes: [comm] } : {}) };
}

/** `PID COMM [IP] LADDR LPORT RADDR RPORT TX_KB RX_KB MS` (optionally TIME(s) first). */
function tcplifeRow(line: number, t: readonly string[], pidCol: number, hasIp: boolean): ConnectionDraft | undefined {
  const n = t.length;
  if (n < pidCol + 9) return undefined;
  const ms = decimalMs(t[n - 1]);
  if (ms === undefined || !isDigits(t[n - 2]) || !isDigits(t[n - 3]) || !isDigits(t[pidCol])) return undefined;
  const peer = endpoint(t[n - 5], t[n - 4]);
  const local = endpoint(t[n - 7], t[n - 6]);
  if (!peer || !local) return undefined;
  const comm = t.slice(pidCol + 1, n - 7 - (hasIp ? 1 : 0)).join(' ');
  return { line, source: 'tcplife', lifetimeMs: ms, local, peer, ...(comm ? { processes: [comm] } : {}) };
}

type Kind = 'tcpstates' | 'tcplife';

function headerKind(t: readonly string[]): Kind | undefined {
  if (t.includes('OLDSTATE') && t.includes('NEWSTATE') && t.includes('RADDR')) return 'tcpstates';
  if (t.includes('TX_KB') && t.includes('RX_KB') && t.includes('RADDR')) return 'tcplife';
  return undefined;
}

/** Every tcpstates / tcplife row in `lines`, with `lineOf(i)` giving the note line of lines[i]. */
export function readBccOutputs(lines: readonly string[], lineOf: (i: number) => number = (i) => i): ConnectionDraft[] {
  const out: ConnectionDraft[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    if (text.length > MAX_LINE || !(text.includes('RADDR') && (text.includes('NEWSTATE') || text.includes('RX_KB')))) continue;
    const header = tokenize(text, 32);
    const kind = headerKind(header);
    if (!kind) continue;
    const pidCol = Math.max(header.indexOf('C-PID'), header.indexOf('PID'));
    const hasIp = header.includes('IP');
    let j = i + 1;
    for (; j < lines.length; j++) {
      const row = lines[j] as string;
      if (row.length > MAX_LINE) break;
      const t = tokenize(row, 64);
      if (t.length === 0) break;
      const c = kind === 'tcpstates' ? tcpstatesRow(lineOf(j), t, pidCol) : tcplifeRow(lineOf(j), t, pidCol, hasIp);
      if (!c) {
        // bcc prints "Tracing … Ctrl-C to end." lines; anything else ends the output.
        if (/^(Tracing|Ctrl-C|\^C)/.test(row.trimStart())) continue;
        break;
      }
      out.push(c);
    }
    i = j - 1;
  }
  return out;
}
