/**
 * Per-model indexes for hovers, memoised on the model's arrays (which an update replaces), so a hover costs
 * the same on a 10 KB note and a 10 MB one: mention counts per state (summed from the pieces when the model
 * is assembled), the blocks with the most sockets of a state, the first sockstat block, a sysctl's or
 * counter's value. Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import type { EvidenceBlock, Mention } from './model';

type Counts = Partial<Record<StateId, number>>;

const COUNTS = new WeakMap<readonly Mention[], Counts>();

/** Mention counts per state id (aggregates not included), computed once per mentions array. */
export function mentionCountsOf(mentions: readonly Mention[]): Readonly<Counts> {
  let counts = COUNTS.get(mentions);
  if (!counts) {
    counts = countStates(mentions);
    COUNTS.set(mentions, counts);
  }
  return counts;
}

export function countStates(mentions: readonly Mention[]): Counts {
  const counts: Counts = {};
  for (const m of mentions) if (m.kind === 'state') counts[m.id as StateId] = (counts[m.id as StateId] ?? 0) + 1;
  return counts;
}

/**
 * Mention counts per state id (aggregates not included). Memoised per mentions array (a model's counts are
 * summed from its pieces when it is assembled), so a hover does not count a 10 MB note's mentions again;
 * the caller gets its own copy.
 */
export function mentionCounts(mentions: readonly Mention[]): Partial<Record<StateId, number>> {
  return { ...mentionCountsOf(mentions) };
}

/** Records counts already known for a mentions array (the sum of its pieces' counts). */
export function primeMentionCounts(mentions: readonly Mention[], counts: Counts): void {
  COUNTS.set(mentions, counts);
}

interface EvidenceIndex {
  top: Map<StateId, readonly EvidenceBlock[]>;
  sockstat?: EvidenceBlock | null;
  values: Map<string, string | number | null>;
}
const EVIDENCE = new WeakMap<readonly EvidenceBlock[], EvidenceIndex>();

function indexOf(evidence: readonly EvidenceBlock[]): EvidenceIndex {
  let ix = EVIDENCE.get(evidence);
  if (!ix) {
    ix = { top: new Map(), values: new Map() };
    EVIDENCE.set(evidence, ix);
  }
  return ix;
}

/** Up to `n` blocks with the most sockets in `state`, most first (ties in note order). */
export function topEvidenceFor(evidence: readonly EvidenceBlock[], state: StateId, n = 3): readonly EvidenceBlock[] {
  const ix = indexOf(evidence);
  let top = ix.top.get(state);
  if (!top) {
    top = evidence
      .filter((b) => (b.counts[state] ?? 0) > 0)
      .sort((a, b) => (b.counts[state] ?? 0) - (a.counts[state] ?? 0))
      .slice(0, 3);
    ix.top.set(state, top);
  }
  return top.slice(0, n);
}

/** The first block with a sockstat orphan count. */
export function sockstatEvidence(evidence: readonly EvidenceBlock[]): EvidenceBlock | undefined {
  const ix = indexOf(evidence);
  if (ix.sockstat === undefined) ix.sockstat = evidence.find((b) => b.sockstat?.tcp?.orphan !== undefined) ?? null;
  return ix.sockstat ?? undefined;
}

/** The first value the note's evidence gives a sysctl or counter id. */
export function evidenceValue(evidence: readonly EvidenceBlock[], id: string): string | number | undefined {
  const ix = indexOf(evidence);
  let v = ix.values.get(id);
  if (v === undefined) {
    v = evidence.map((b) => b.sysctls[id] ?? b.counters[id]).find((x) => x !== undefined) ?? null;
    ix.values.set(id, v);
  }
  return v ?? undefined;
}
