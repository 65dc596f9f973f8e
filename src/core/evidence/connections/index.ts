/**
 * The per-connection pass: given the segments parse.ts found in a block (kind + line range + filteredState),
 * reads each listing row's fields; bcc tcpstates / tcplife output is found by its header anywhere.
 * Pure: no `vscode`, no Node built-ins. Linear in the lines it reads.
 */
import { parseEvidence } from '../parse';
import type { EvidenceSegment } from '../types';
import { MAX_LINE_LENGTH, leadingSpace, splitLines, tokenize, trimEndSpace } from '../text';
import { readBccOutputs } from './bcc';
import { readLsofConnections } from './lsof';
import { readNetTcpConnections } from './netTcp';
import { applySsItems, netstatOwner, readNetstatRow, readProcTcpRow, readSsRow, type ConnectionDraft } from './rows';
import type { Connection } from './types';

export type { Connection, ConnectionSource, Endpoint, StateSockets, TimerKind } from './types';
export { TIMER_KINDS } from './types';
export { socketsByState, StateTallies, summariseSockets, transitionsByState, type StateTransitions } from './summary';
export { parseEndpoint, parseProcEndpoint, prefixOf } from './address';

/**
 * The rows of one segment. `lineText(n)` gives line n in the same numbering as the segment's range (the note's
 * lines for an EvidenceBlock's segments, the block's own for parseEvidence on a text).
 */
export function connectionsOfSegment(seg: EvidenceSegment, lineText: (n: number) => string): Connection[] {
  if (seg.kind === 'get-nettcpconnection') return readNetTcpConnections(seg.startLine, seg.endLine, lineText);
  if (seg.kind === 'lsof') return readLsofConnections(seg.startLine, seg.endLine, lineText);
  if (seg.kind !== 'ss' && seg.kind !== 'netstat' && seg.kind !== 'proc-net-tcp') return [];
  const out: ConnectionDraft[] = [];
  let last: ConnectionDraft | undefined;
  let lastIndent = 0;
  for (let n = seg.startLine; n < seg.endLine; n++) {
    const raw = lineText(n);
    if (raw.length > MAX_LINE_LENGTH) continue;
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;
    const tokens = tokenize(text);
    const indent = leadingSpace(text);
    let c: ConnectionDraft | undefined;
    if (seg.kind === 'ss') {
      c = readSsRow(n, tokens, text, seg.filteredState);
      if (!c && n + 1 < seg.endLine) {
        // A row a narrow terminal wrapped (formats/ss.ts): its peer and process on the next, indented line.
        const next = trimEndSpace(lineText(n + 1));
        if (leadingSpace(next) > indent && next.length <= MAX_LINE_LENGTH) {
          const joined = `${text} ${next.trim()}`;
          c = readSsRow(n, tokenize(joined), joined, seg.filteredState);
          if (c) n++;
        }
      }
      if (!c && last && indent > lastIndent) {
        // The `-i` / `-m` line under a row: `\t cubic wscale:7,7 rto:3264 backoff:4 … skmem:(…)`.
        applySsItems(last, tokens, text);
        continue;
      }
    } else if (seg.kind === 'netstat') {
      c = readNetstatRow(n, tokens);
      // `netstat -b`: the executable under a Windows row (no queues; below its service name, if any) names its process.
      const owner = !c && last && tokens[0] !== 'TCP' && last.recvQ === undefined && n - last.line <= 2 ? netstatOwner(text) : undefined;
      if (owner !== undefined && last) {
        last.processes = [owner];
        continue;
      }
    } else c = readProcTcpRow(n, tokens);
    if (c) {
      out.push(c);
      last = c;
      lastIndent = indent;
    }
  }
  // ss -o prints no timer for a socket without one: once a listing shows timers, the others have none.
  if (seg.kind === 'ss' && out.some((c) => c.timer !== undefined)) for (const c of out) c.timer ??= 'none';
  return out;
}

/** All connections of a text (one code block's content): its segments' rows, then bcc outputs. */
export function connectionsOfText(text: string): Connection[] {
  const lines = splitLines(text);
  const at = (n: number): string => lines[n] ?? '';
  const out: Connection[] = [];
  for (const seg of parseEvidence(text)) out.push(...connectionsOfSegment(seg, at));
  out.push(...readBccOutputs(lines));
  return out.sort((a, b) => a.line - b.line);
}

export { readBccOutputs };
