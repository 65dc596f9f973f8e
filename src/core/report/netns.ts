/**
 * The network namespace an output was read in (audit H4). A node's `/proc/net/sockstat` and a pod's (`nsenter -t
 * 48211 -n cat …`, `ip netns exec blue …`, `kubectl exec POD -- …`, `docker exec`/`crictl exec`) are two views:
 * sockstat `orphan`, `alloc` and `mem` are host-wide, `inuse`, `tw` and `sockets: used` the namespace's own, and so
 * are most `net.*` sysctls — `tcp_max_tw_buckets` among them, a child namespace's defaulting from its hash size, not
 * the host's tuned value — while `tcp_max_orphans` and `tcp_mem` are host-wide (facts §3, §4.1).
 *
 * The namespace is where the command line ran its tool (evidence/commandScope.ts: the segment's scope.target), an
 * `ssh HOST` before it left out (that names a host, report/hosts.ts); none — the shell's own, the host's — when
 * nothing runs it elsewhere (`nsenter -t 1` is the host's too). So the report trends a per-namespace number only
 * within one namespace and compares it only with a limit read in that namespace, and never adds up the per-state
 * counts of two namespaces (currentCounts.ts). Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import type { SegmentScope } from '../evidence/types';
import { namesUnexpanded, placeOf } from '../evidence/blockCounts';
import { placeText, sharesHostNetwork } from './hostNetwork';

type Segment = EvidenceBlock['segments'][number];

/**
 * The namespace a command's scope names (`netns blue`, `nsenter 48211`, `kubectl shop/api-0`, `docker web`), else
 * undefined (the host's): also for a pod or container the note says shares the host's network (hostNetwork.ts).
 */
export function scopeNetns(model: NoteModel, scope: SegmentScope | undefined): string | undefined {
  const target = scope?.target;
  // An unexpanded `$variable` names no namespace the report can show (placeOf: the place is not known).
  if (target === undefined || namesUnexpanded(target)) return undefined;
  // `ssh lb-8` names a host; `ssh lb-8 netns blue` a namespace on it.
  const t = placeText(target) as string;
  return t === '' || t === 'ssh' || sharesHostNetwork(model, t) ? undefined : t;
}

/** The namespace a segment's output was read in (scopeNetns). */
export const segmentNetns = (model: NoteModel, seg: Segment): string | undefined => scopeNetns(model, seg.scope);

/**
 * The namespace a segment's output was read in as a key that tells the host's from an unknown one: '' the host's (the
 * shell's own, `ssh HOST`), the namespace's name (scopeNetns), undefined when not known (no command read: the output
 * may be any namespace's). What the counts (currentCounts.ts) and the listings (noteEvidence.ts) are told apart by.
 */
export function segmentNetnsKey(model: NoteModel, seg: Segment): string | undefined {
  return seg.scope && placeOf(seg.scope).where !== undefined ? (segmentNetns(model, seg) ?? '') : undefined;
}

/**
 * The namespace of the block's output at `line`: the last segment starting at or before it, else the block's first.
 * A binary search (the segments are in line order): a block of thousands of samples asks once for each.
 */
export function netnsAtLine(model: NoteModel, block: EvidenceBlock, line: number): string | undefined {
  const segs = block.segments;
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((segs[mid] as Segment).startLine <= line) lo = mid + 1;
    else hi = mid;
  }
  const seg = segs[Math.max(0, lo - 1)];
  return seg ? segmentNetns(model, seg) : undefined;
}

/**
 * The namespace of a sample's numbers (sockstat, per-state counts): that of its last output with numbers (a sample's
 * outputs are of one namespace: readings.ts reads a block's namespaces apart).
 */
export function sampleNetns(model: NoteModel, segments: readonly Segment[]): string | undefined {
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i] as Segment;
    if (s.sockstat?.tcp || Object.keys(s.counts).length) return segmentNetns(model, s);
  }
  return undefined;
}

/**
 * sysctls with one value for the whole host: the two of the global `ipv4_table` the report compares (facts §3), and
 * anything outside `net.`; a value read in any namespace holds in every other. Every other `net.` sysctl is taken as
 * the namespace's own (most are since Linux 4.x–5.x; when unsure, the report borrows less): a value read in one
 * namespace says nothing about another's.
 */
const HOST_WIDE: ReadonlySet<string> = new Set(['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_mem']);

export function isPerNetnsSysctl(key: string): boolean {
  return key.startsWith('net.') && !HOST_WIDE.has(key);
}
