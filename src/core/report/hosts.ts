/**
 * Samples from several hosts in one note: a postmortem often pastes a healthy host's numbers beside the sick
 * one's "for comparison". Read as one series they give a trend between two machines and the healthy host's
 * limits. When the prompts of the note's sockstat samples (`[root@lb-1 14:05:10]#`: the segment's scope.host)
 * name two or more hosts, the trend and the limits read one host's samples: the host whose latest sample has the
 * most orphans (then the most TCP memory, then TIME-WAIT; then more samples; then the later) — the one the
 * incident is about. A sample whose prompt names no host is taken as that host's (the note tells no other).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';

/** The host the block's sockstat numbers come from: the one host its sockstat outputs' prompts name, else undefined. */
export function sampleHost(block: EvidenceBlock): string | undefined {
  let host: string | undefined;
  for (const seg of block.segments) {
    if (!seg.sockstat?.tcp) continue;
    const h = seg.scope?.host;
    if (h === undefined) continue;
    if (host !== undefined && host !== h) return undefined;
    host = h;
  }
  return host;
}

export interface HostSeries {
  /** The host whose samples the trend and the limits read. */
  readonly host: string;
  /** The other hosts and how many sockstat samples each has. */
  readonly others: readonly { readonly host: string; readonly samples: number }[];
}

interface Latest {
  samples: number;
  /** Note line of the latest sample (the blocks are in note order). */
  line: number;
  orphan: number;
  mem: number;
  tw: number;
}

const SERIES = new WeakMap<NoteModel, HostSeries | null>();

/** The host series of the note's sockstat samples, or undefined when they name fewer than two hosts. */
export function hostSeries(model: NoteModel): HostSeries | undefined {
  const known = SERIES.get(model);
  if (known !== undefined) return known ?? undefined;
  const byHost = new Map<string, Latest>();
  for (const block of model.evidence) {
    const tcp = block.sockstat?.tcp;
    const host = tcp ? sampleHost(block) : undefined;
    if (!tcp || host === undefined) continue;
    const entry = byHost.get(host);
    const latest: Latest = { samples: (entry?.samples ?? 0) + 1, line: block.startLine, orphan: tcp.orphan ?? -1, mem: tcp.mem ?? -1, tw: tcp.tw ?? -1 };
    byHost.set(host, latest);
  }
  let found: HostSeries | null = null;
  if (byHost.size >= 2) {
    const ranked = [...byHost].sort(([, a], [, b]) => b.orphan - a.orphan || b.mem - a.mem || b.tw - a.tw || b.samples - a.samples || b.line - a.line);
    const [host] = ranked[0] as [string, Latest];
    found = { host, others: ranked.slice(1).map(([h, l]) => ({ host: h, samples: l.samples })) };
  }
  SERIES.set(model, found);
  return found ?? undefined;
}

/** Whether a sample from `host` (undefined: its prompt names none) belongs to the series: the one rule. */
export function ofSeries(series: HostSeries | null | undefined, host: string | undefined): boolean {
  return !series || host === undefined || host === series.host;
}

/** Whether a block's sockstat sample belongs to the series the trend and the limits read. */
export function inSeries(model: NoteModel, block: EvidenceBlock): boolean {
  const series = hostSeries(model);
  return !series || ofSeries(series, sampleHost(block));
}
