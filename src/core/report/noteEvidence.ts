/**
 * The whole note's per-connection evidence: the rows of every listing in its evidence blocks (the second pass
 * over parse.ts's segments), bcc tcpstates / tcplife output wherever it is, counts written outside code, and
 * the best count the note gives for each state. Pure: no `vscode`, no Node built-ins. Linear in the note.
 */
import { withinRange, type NoteModel, type OffsetRange } from '../note/model';
import type { StateId } from '../catalogue/types';
import { connectionsOfSegment, readBccOutputs, StateTallies, transitionsByState, type Connection, type StateSockets, type StateTransitions } from '../evidence/connections';
import { proseCounts, type ProseCount } from '../evidence/connections/proseCounts';
import { blockCounts, replacesCount, type CountSource } from '../evidence/blockCounts';
import { withoutQuoteMarkers } from '../evidence/text';

export type { CountSource };

export interface StateCount {
  readonly count: number;
  readonly source: CountSource;
  /** 0-based note line. */
  readonly line: number;
  /** A count of some of the state's sockets (a cut command's output): any whole count is better. */
  readonly partial?: boolean;
}

export interface NoteEvidence {
  /** bcc tcpstates / tcplife rows (listing rows are summarised in `sockets`, not kept). */
  readonly connections: readonly Connection[];
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  readonly transitions: ReadonlyMap<StateId, StateTransitions>;
  readonly prose: readonly ProseCount[];
  readonly counts: ReadonlyMap<StateId, StateCount>;
}

const PROSE_CONTEXTS: ReadonlySet<string> = new Set(['prose', 'list', 'table', 'blockquote']);

/**
 * Line `n` of the note as its code block's content reads: without the `>` markers of a block quote around the
 * block (the evidence parser read the block's content, which has none), so a listing pasted in a quote gives its
 * rows as any other. Lines not in a quote come back as they are.
 */
export function codeLineText(model: NoteModel): (n: number) => string {
  return (n) => withoutQuoteMarkers(model.lines.lineText(n));
}
const MAX_BCC_LINES = 100_000;

function bccRows(model: NoteModel, range: OffsetRange | undefined): Connection[] {
  const text = model.text;
  const out: Connection[] = [];
  let lastLine = -1;
  const quoted = codeLineText(model);
  const end = range ? range.end : text.length;
  for (let at = text.indexOf('RADDR', range?.start ?? 0); at >= 0 && at < end; at = text.indexOf('RADDR', at + 5)) {
    const header = model.lines.lineAt(at);
    if (header <= lastLine) continue;
    const lines: string[] = [];
    // In a section, the output ends with the section.
    const lastInRange = range ? model.lines.lineAt(Math.max(range.start, range.end - 1)) : model.lines.lineCount - 1;
    for (let n = header; n <= lastInRange && n < model.lines.lineCount && lines.length < MAX_BCC_LINES; n++) {
      const l = quoted(n);
      if (n > header && l.trim() === '') break;
      lines.push(l);
    }
    lastLine = header + lines.length - 1;
    out.push(...readBccOutputs(lines, (i) => header + i));
  }
  return out;
}

/**
 * Reads the note's connections and counts — with `range`, only those of that part of the note (a section):
 * its evidence blocks, bcc outputs and count lines. In steps, one per evidence block (its listing rows), so that
 * the analysis worker can answer the host's messages between them (report/summaries.ts); runSteps runs them at once.
 */
export function* noteEvidenceSteps(model: NoteModel, range?: OffsetRange): Generator<void, NoteEvidence, void> {
  const lineText = codeLineText(model);
  const tallies = new StateTallies();
  const counts = new Map<StateId, StateCount>();
  /** Per state, the latest block count taken from listed rows (the fallback below). */
  const listedInBlocks = new Map<StateId, StateCount>();
  /** States some listing shows in full (not cut by `| head`, `| grep …`): their tallied rows are a whole count. */
  const wholeListed = new Set<StateId>();
  // The rule of blockCounts.ts over the note: a better source wins; among equals the later one (the latest sample).
  const setCount = (state: StateId, c: StateCount): void => {
    if (replacesCount(c, counts.get(state))) counts.set(state, c);
  };
  for (const block of model.evidence) {
    if (!withinRange(range, block.start, block.end)) continue;
    for (const seg of block.segments) for (const r of connectionsOfSegment(seg, lineText)) tallies.add(r);
    // The block's printed counts, one per state as the block itself counts them; its listed rows are tallied
    // over the note below (a socket listed twice counts once).
    for (const [s, c] of blockCounts(block.segments)) {
      const at: StateCount = { count: c.count, source: c.source, line: c.segment.startLine, partial: c.partial };
      if (c.source === 'count-block') setCount(s, at);
      else {
        if (!c.partial) wholeListed.add(s);
        if (replacesCount(at, listedInBlocks.get(s))) listedInBlocks.set(s, at);
      }
    }
    yield;
  }
  const connections = bccRows(model, range);
  const mentionLines: number[] = [];
  for (const m of model.mentions) {
    if (m.kind === 'state' && PROSE_CONTEXTS.has(m.context) && withinRange(range, m.start, m.end)) mentionLines.push(model.lines.lineAt(m.start));
  }
  const prose = proseCounts(mentionLines, lineText);
  for (const p of prose) setCount(p.state, { count: p.count, source: 'prose', line: p.line });
  const { sockets, firstLine } = tallies.result();
  for (const [s, sum] of sockets) setCount(s, { count: sum.listed, source: 'listing', line: firstLine.get(s) ?? 0, partial: !wholeListed.has(s) });
  // Rows a listing counted but the row reader could not read (a mangled address): the listing's own count.
  for (const [s, c] of listedInBlocks) if (!sockets.has(s)) setCount(s, c);
  return { connections, sockets, transitions: transitionsByState(connections), prose, counts };
}

/** Runs a computation written in steps (a generator yielding between them) to its end at once. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
