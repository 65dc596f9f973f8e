/**
 * Evidence format: one state's sockets counted per endpoint of one column of a listing (`ss -Htan state time-wait |
 * awk '{print $4}' | sort | uniq -c | sort -rn | head`: `  27984 10.40.2.15:3306`), after a command that command.ts
 * reads as such a count (CommandContext.endpointTally: the state, the column). Read by evidence/parse.ts.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EndpointTally } from '../endpointTally';
import { normaliseAddress, parseEndpoint } from '../connections/address';
import type { EndpointCounts as Counts, EvidenceSegment } from '../types';
import { addClamped, parseCount } from '../text';
import { Builder, type Line, makeSegment } from './builder';

/** The endpoints kept (the largest counts). */
const TOP = 5;

/**
 * `count endpoint`: a count and an address with a port (an address alone when the tally keeps addresses only), or a
 * value that is no endpoint (the header's `1 Address:Port`).
 */
function countLine(tokens: readonly string[], addressOnly: boolean): { n: number; endpoint?: { address: string; port?: number } } | undefined {
  if (tokens.length !== 2) return undefined;
  const n = parseCount(tokens[0]);
  if (n === undefined) return undefined;
  if (addressOnly) {
    const a = normaliseAddress(tokens[1] as string);
    return a ? { n, endpoint: { address: a.address } } : { n };
  }
  const ep = parseEndpoint(tokens[1]);
  return ep && ep.family !== 0 && ep.port !== undefined ? { n, endpoint: { address: ep.address, port: ep.port } } : { n };
}

export class EndpointCounts extends Builder {
  private total = 0;
  private lines = 0;
  private readonly counts = new Map<string, { address: string; port?: number; count: number }>();

  constructor(private readonly tally: EndpointTally) {
    super();
  }

  static canStart(line: Line, tally: EndpointTally): boolean {
    return line.headCount() === 2 && countLine(line.tokens, tally.addressOnly === true)?.endpoint !== undefined;
  }

  take(line: Line): boolean {
    const r = countLine(line.tokens, this.tally.addressOnly === true);
    if (!r) return false;
    if (r.endpoint) {
      this.lines++;
      this.total = addClamped(this.total, r.n);
      const key = `${r.endpoint.address} ${r.endpoint.port ?? ''}`;
      const known = this.counts.get(key);
      this.counts.set(key, { ...r.endpoint, count: addClamped(known?.count ?? 0, r.n) });
    }
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.lines === 0) return undefined;
    const top = [...this.counts.values()].sort((a, b) => b.count - a.count || (a.address < b.address ? -1 : a.address > b.address ? 1 : (a.port ?? 0) - (b.port ?? 0))).slice(0, TOP);
    const endpoints: Counts = { state: this.tally.state, side: this.tally.side, whole: this.tally.whole && !this.cut, total: this.total, top };
    return { ...makeSegment('endpoint-counts', this.start, this.end, {}), endpoints };
  }
}
