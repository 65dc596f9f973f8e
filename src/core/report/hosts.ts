/**
 * Samples from several hosts in one note: a postmortem often pastes a healthy host's numbers beside the sick
 * one's "for comparison", in another block or in the same one. Read as one series they give a trend between two
 * machines and the healthy host's limits. When the prompts of the note's sockstat outputs (`[root@lb-1 14:05:10]#`:
 * the segment's scope.host) name two or more hosts, the counts, the trend and the limits read one host's outputs:
 * the host under most pressure (hostSeries) — the one the incident is about.
 *
 * An output whose prompt names no host is the host's of the prompt before it in its block (one shell, one paste),
 * else of the first prompt in the block that names one; in a block whose prompts name none, it is taken as the
 * series host's (the note tells no other). A command run through ssh (`ssh lb-8 ss -s`) is that host's.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import type { SockstatNumbers } from '../evidence/types';
import { mergeSockstat } from '../evidence/lineFormats';
import { parseUint } from '../evidence/text';
import { hostName, sshHostOf } from '../evidence/blockCounts';

type SockstatTcp = NonNullable<SockstatNumbers['tcp']>;

const HOSTS = new WeakMap<EvidenceBlock, readonly (string | undefined)[]>();

/** The host of each of the block's segments (by index; see the file's comment), undefined where none is named. */
export function segmentHosts(block: EvidenceBlock): readonly (string | undefined)[] {
  let hosts = HOSTS.get(block);
  if (hosts) return hosts;
  const out: (string | undefined)[] = [];
  let current: string | undefined;
  for (const seg of block.segments) {
    current = hostName(seg.scope?.host) ?? current;
    // A command run through ssh (`ssh lb-8 ss -s`) is that host's, for that output only.
    out.push((seg.scope && sshHostOf(seg.scope)) ?? current);
  }
  const first = hostName(block.segments.find((s) => s.scope?.host !== undefined)?.scope?.host);
  for (let i = 0; i < out.length && out[i] === undefined; i++) out[i] = first;
  HOSTS.set(block, (hosts = out));
  return hosts;
}


/** The host of the block's output at `line` (the last segment starting at or before it), if one is named. */
export function hostAtLine(block: EvidenceBlock, line: number): string | undefined {
  const hosts = segmentHosts(block);
  let host: string | undefined;
  for (let i = 0; i < block.segments.length && (block.segments[i] as EvidenceBlock['segments'][number]).startLine <= line; i++) host = hosts[i];
  return host;
}

/** The one host of the block's segments whose indexes are given, or undefined (none named, or several). */
export function hostOfSegments(block: EvidenceBlock, indexes: Iterable<number>): string | undefined {
  const hosts = segmentHosts(block);
  let host: string | undefined;
  for (const i of indexes) {
    const h = hosts[i];
    if (h === undefined) continue;
    if (host !== undefined && host !== h) return undefined;
    host = h;
  }
  return host;
}

/** The host the block's sockstat numbers come from: the one host of its sockstat outputs, else undefined. */
export function sampleHost(block: EvidenceBlock): string | undefined {
  const sockstat: number[] = [];
  block.segments.forEach((s, i) => {
    if (s.sockstat?.tcp) sockstat.push(i);
  });
  return hostOfSegments(block, sockstat);
}

export interface HostSeries {
  /** The host whose samples the trend and the limits read. */
  readonly host: string;
  /** The other hosts and how many sockstat samples each has. */
  readonly others: readonly { readonly host: string; readonly samples: number }[];
}

/** One host's sockstat samples: how many, the latest line, the peaks, and its own tcp_max_orphans when read. */
interface HostStats {
  samples: number;
  line: number;
  orphan: number;
  mem: number;
  tw: number;
  maxOrphans?: number;
}

const SERIES = new WeakMap<NoteModel, HostSeries | null>();

/**
 * The host series of the note's sockstat outputs, or undefined when they name fewer than two hosts. The host under
 * most pressure: the highest share of its own tcp_max_orphans at its peak, when every host's limit is in the note
 * (4,000 of 4,096 is worse than 5,000 of 262,144); else the most orphans at its peak (a host fixed later in the note
 * is still the one the incident was about), then TCP memory, TIME-WAIT, more samples, the later.
 */
export function hostSeries(model: NoteModel): HostSeries | undefined {
  const known = SERIES.get(model);
  if (known !== undefined) return known ?? undefined;
  const byHost = new Map<string, HostStats>();
  const limits = new Map<string, number>();
  for (const block of model.evidence) {
    const hosts = segmentHosts(block);
    block.segments.forEach((seg, i) => {
      const host = hosts[i];
      if (host === undefined) return;
      const max = parseUint(seg.sysctls?.['net.ipv4.tcp_max_orphans']?.trim());
      if (max !== undefined && max > 0) limits.set(host, max);
      const tcp = seg.sockstat?.tcp;
      if (!tcp) return;
      const h = byHost.get(host) ?? { samples: 0, line: 0, orphan: -1, mem: -1, tw: -1 };
      h.samples++;
      h.line = seg.startLine;
      h.orphan = Math.max(h.orphan, tcp.orphan ?? -1);
      h.mem = Math.max(h.mem, tcp.mem ?? -1);
      h.tw = Math.max(h.tw, tcp.tw ?? -1);
      byHost.set(host, h);
    });
  }
  let found: HostSeries | null = null;
  if (byHost.size >= 2) {
    for (const [host, h] of byHost) {
      const max = limits.get(host);
      if (max !== undefined) h.maxOrphans = max;
    }
    const all = [...byHost.values()].every((h) => h.maxOrphans !== undefined && h.orphan >= 0);
    const share = (h: HostStats): number => (all ? h.orphan / (h.maxOrphans as number) : 0);
    const ranked = [...byHost].sort(([, a], [, b]) => share(b) - share(a) || b.orphan - a.orphan || b.mem - a.mem || b.tw - a.tw || b.samples - a.samples || b.line - a.line);
    const [host] = ranked[0] as [string, HostStats];
    found = { host, others: ranked.slice(1).map(([h, l]) => ({ host: h, samples: l.samples })) };
  }
  SERIES.set(model, found);
  return found ?? undefined;
}

/** Whether a sample from `host` (undefined: no prompt names one) belongs to the series: the one rule. */
export function ofSeries(series: HostSeries | null | undefined, host: string | undefined): boolean {
  return !series || host === undefined || host === series.host;
}

/** Whether the block's output at `index` belongs to the series the counts, the trend and the limits read. */
export function segmentInSeries(model: NoteModel, block: EvidenceBlock, index: number): boolean {
  const series = hostSeries(model);
  return !series || ofSeries(series, segmentHosts(block)[index]);
}

/** The line of a sockstat output's `TCP:` row (the numbers a report cites), else its first line. */
export function tcpRowLine(model: NoteModel, start: number, end: number): number {
  for (let line = start; line < end && line < start + 16; line++) {
    const from = model.lines.offsetAt({ line, character: 0 });
    if (/^\s*TCP:/.test(model.text.slice(from, Math.min(model.lines.lineEnd(line), from + 64)))) return line;
  }
  return start;
}

/**
 * The block's sockstat TCP numbers that belong to the series (its outputs of the series host merged, the later
 * winning, as the block's own are; all of them without a series) and the line of the last of them; undefined when
 * it has none.
 */
export function seriesSockstat(model: NoteModel, block: EvidenceBlock): { tcp: SockstatTcp; line: number } | undefined {
  const own = block.sockstat?.tcp;
  if (!own) return undefined;
  const series = hostSeries(model);
  const hosts = segmentHosts(block);
  let merged: SockstatNumbers | undefined;
  let line = block.startLine;
  block.segments.forEach((seg, i) => {
    if (!seg.sockstat?.tcp || !ofSeries(series, hosts[i])) return;
    merged = mergeSockstat(merged, seg.sockstat);
    line = tcpRowLine(model, seg.startLine, seg.endLine);
  });
  const tcp = series ? merged?.tcp : own;
  return tcp ? { tcp, line } : undefined;
}
