/**
 * Navigation over a note's analysis: what an evidence block says in one line (code lens, outline symbol) and
 * the next or previous mention of a state (any spelling). Pure: no `vscode`, no Node built-ins; the shell
 * localises the words and formats the numbers.
 */
import { mentionAt, type EvidenceBlock, type Mention, type NoteModel } from './model';
import { STATE_IDS, type StateId } from '../catalogue/types';
import type { EvidenceKind } from '../evidence/types';
import { parseUint } from '../evidence/text';

export interface EvidenceSummary {
  /** Distinct kinds of output in the block, in order of appearance (`sockstat`, then `state-counts`). */
  readonly kinds: readonly EvidenceKind[];
  /** The largest per-state counts, largest first (ties in state-machine order). */
  readonly states: readonly { readonly state: StateId; readonly count: number }[];
  /** sockstat `orphan` / ss -s `orphaned`. */
  readonly orphans?: number;
  /** sockstat `tw` / ss -s `timewait`, only when TIME-WAIT is not already among `states`. */
  readonly timeWait?: number;
  /** Largest counters (only when the block has no state counts and no orphan number). */
  readonly counters: readonly { readonly name: string; readonly value: number }[];
  /**
   * `net.ipv4.tcp_max_orphans` when the block sets it to an integer: the limit the orphan count is read
   * against. A parsed number, never the note's text (titles render `$(icon)` syntax, issue #17).
   */
  readonly maxOrphans?: number;
  /** Number of sysctl values in the block. */
  readonly sysctls: number;
}

/** A counter name shown in a title: letters and digits only (what nstat and netstat -s print). */
const COUNTER_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Summarises one evidence block: the numbers worth a glance, never the whole block. Everything in it is a
 * parsed number, a state id, an evidence kind or a counter name of letters and digits: no note text, so the
 * code lens and outline titles built from it cannot carry `$(…)` icon syntax or other markup.
 */
export function summarizeEvidence(block: EvidenceBlock, maxStates = 3): EvidenceSummary {
  const kinds: EvidenceKind[] = [];
  for (const s of block.segments) if (!kinds.includes(s.kind)) kinds.push(s.kind);
  const states = (Object.entries(block.counts) as [StateId, number][])
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || STATE_IDS.indexOf(a) - STATE_IDS.indexOf(b))
    .slice(0, maxStates)
    .map(([state, count]) => ({ state, count }));
  const orphans = block.sockstat?.tcp?.orphan;
  const tw = block.sockstat?.tcp?.tw;
  const showTw = tw !== undefined && !states.some((s) => s.state === 'TIME-WAIT');
  const counters =
    states.length === 0 && orphans === undefined
      ? Object.entries(block.counters)
          .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
          .filter(([name, value]) => COUNTER_NAME.test(name) && Number.isFinite(value))
          .slice(0, 2)
          .map(([name, value]) => ({ name, value }))
      : [];
  const maxOrphans = parseUint(block.sysctls['net.ipv4.tcp_max_orphans']?.trim());
  return {
    kinds,
    states,
    ...(orphans !== undefined ? { orphans } : {}),
    ...(showTw ? { timeWait: tw } : {}),
    counters,
    ...(maxOrphans !== undefined ? { maxOrphans } : {}),
    sysctls: Object.keys(block.sysctls).length,
  };
}

export type AdjacentMention =
  | {
      readonly found: true;
      readonly state: StateId;
      /** The mention under the cursor and the one to go to (the same when the state is mentioned once). */
      readonly from: Mention;
      readonly to: Mention;
      /** 1-based position of `to` among the state's mentions, and their number. */
      readonly index: number;
      readonly total: number;
    }
  | { readonly found: false };

/**
 * The next (or previous) mention of the state under `offset`, in any spelling, cycling at the ends of the
 * note. ss aggregates (`connected`) and terms are not states: nothing is found on them.
 */
export function adjacentMention(model: NoteModel, offset: number, direction: 'next' | 'previous'): AdjacentMention {
  const from = mentionAt(model, offset);
  if (!from || from.kind !== 'state') return { found: false };
  const same = model.mentions.filter((m) => m.kind === 'state' && m.id === from.id);
  const at = same.findIndex((m) => m.start === from.start);
  const step = direction === 'next' ? 1 : -1;
  const i = (at + step + same.length) % same.length;
  const to = same[i] as Mention;
  return { found: true, state: from.id as StateId, from, to, index: i + 1, total: same.length };
}
