/**
 * Evidence format: The extension's own snapshot block (see snapshotFormat.ts).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import { PAGE_SIZE_KEY, SnapshotReader } from '../snapshotFormat';
import { Builder, type Counts, type Line, addCount, makeSegment, sumCounts } from './builder';

export class Snapshot extends Builder {
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
