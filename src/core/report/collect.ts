/**
 * What the cause rules (causes.ts) still need from a note none of them matched: the commands whose output would let
 * them judge. The orphan and memory rules weigh sockstat's `orphan` and `mem` against tcp_max_orphans and tcp_mem,
 * which no count can stand in for (the default limit follows the host's memory: ehash / 2, facts §3); the state rules
 * read the timers, Send-Q and retransmissions of a listing (§4.3, §4.7). Only what the note lacks: a limit it gives
 * anywhere, or timers a listing of the state shows, is not asked for. Pure: no `vscode`, no Node built-ins.
 */
import { ORPHAN_PRONE } from '../catalogue/orphan';
import type { StateId } from '../catalogue/types';
import type { Limits } from './limits';
import type { NoteEvidence } from './noteEvidence';

/** What it reads of the note's analysis (build.ts NoteAnalysis). */
export interface CollectFrom {
  readonly limits: Limits;
  readonly evidence: Pick<NoteEvidence, 'counts' | 'gone' | 'sockets'>;
}

export function toCollect(a: CollectFrom): string[] {
  const out: string[] = [];
  const l = a.limits;
  const sysctls = [
    ...(l.orphan !== null && l.tcpMaxOrphans === null && l.laterInNote.tcpMaxOrphans === null ? ['net.ipv4.tcp_max_orphans'] : []),
    ...(l.mem !== null && l.tcpMem === null && l.laterInNote.tcpMem === null ? ['net.ipv4.tcp_mem'] : []),
  ];
  if (sysctls.length) out.push(`sysctl ${sysctls.join(' ')}`);
  // The orphan state with the most sockets now, when no listing of it shows a timer.
  let top: { state: StateId; count: number } | undefined;
  for (const state of ORPHAN_PRONE) {
    const c = a.evidence.counts.get(state);
    if (c && c.count > 0 && !a.evidence.gone.has(state) && (!top || c.count > top.count)) top = { state, count: c.count };
  }
  const t = top && a.evidence.sockets.get(top.state)?.timers;
  if (top && !(t && t.on + t.persist + t.keepalive + t.timewait > 0)) out.push(`ss -tanoi state ${top.state.toLowerCase()}`);
  return out;
}
