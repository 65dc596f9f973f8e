/**
 * The whole note's per-connection evidence: the rows of every listing in its evidence blocks (the second pass
 * over parse.ts's segments), bcc tcpstates / tcplife output wherever it is, counts written outside code, and
 * the best count the note gives for each state. Pure: no `vscode`, no Node built-ins. Linear in the note.
 */
import { withinRange, type NoteModel, type OffsetRange } from '../note/model';
import type { StateId } from '../catalogue/types';
import { connectionsOfSegment, readBccOutputs, StateTallies, transitionsByState, type Connection, type StateSockets, type StateTransitions } from '../evidence/connections';
import { proseCounts, type ProseCount } from '../evidence/connections/proseCounts';
import { withoutQuoteMarkers } from '../evidence/text';
import type { InEffect } from './inEffect';

/** Where a state's count comes from, best first. */
export type CountSource = 'count-block' | 'prose' | 'listing';

export interface StateCount {
  readonly count: number;
  readonly source: CountSource;
  /** 0-based note line. */
  readonly line: number;
}

/**
 * One moment's per-state numbers: an output that counts sockets by state (an evidence segment: `uniq -c`, `wc -l`,
 * a listing's rows, sockstat / `ss -s` `tw`) or a count written in the text. The cause rules weigh a state's
 * count against others of the same output (CLOSE-WAIT among the connections) and follow counts over time.
 */
export interface CountSample {
  /** 0-based note line of the output's first line (a count in the text: its line). */
  readonly line: number;
  /** Minutes on the note's time axis, when its block has a time (report/timeline.ts). */
  readonly minutes?: number;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** sockstat / `ss -s` `tw`: TIME-WAIT sockets and FIN-WAIT-2 timewait minisocks. */
  readonly tw?: number;
  /** Rows of a listing, not a count: a pasted listing is often cut, so its numbers are lower bounds. */
  readonly listing?: true;
  /** Written in the text, not a command's output. */
  readonly prose?: true;
  /** The sysctls in effect at the sample (report/inEffect.ts), where a rule compares one with it (TIME-WAIT). */
  readonly sysctls?: Readonly<Record<string, InEffect>>;
}

export interface NoteEvidence {
  /** bcc tcpstates / tcplife rows (listing rows are summarised in `sockets`, not kept). */
  readonly connections: readonly Connection[];
  readonly sockets: ReadonlyMap<StateId, StateSockets>;
  readonly transitions: ReadonlyMap<StateId, StateTransitions>;
  readonly prose: readonly ProseCount[];
  readonly counts: ReadonlyMap<StateId, StateCount>;
  /** The note line of each state's first listed row (where the causes read the sysctls in effect: build.ts). */
  readonly listingLines: ReadonlyMap<StateId, number>;
  /** Every output with per-state numbers, then the counts written in the text, each in note order (no times yet). */
  readonly samples: readonly CountSample[];
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
  const setCount = (state: StateId, c: StateCount): void => {
    const old = counts.get(state);
    const rank = (s: CountSource): number => (s === 'count-block' ? 0 : s === 'prose' ? 1 : 2);
    // A better source wins; among equals the later one in the note (the latest sample).
    if (!old || rank(c.source) < rank(old.source) || (rank(c.source) === rank(old.source) && c.line >= old.line)) counts.set(state, c);
  };
  const samples: CountSample[] = [];
  for (const block of model.evidence) {
    if (!withinRange(range, block.start, block.end)) continue;
    for (const seg of block.segments) {
      const rows = connectionsOfSegment(seg, lineText);
      for (const r of rows) tallies.add(r);
      const isCountBlock =
        seg.kind === 'state-counts' || seg.kind === 'snapshot' || seg.kind === 'prometheus' || ((seg.kind === 'ss' || seg.kind === 'netstat') && rows.length === 0);
      const tw = seg.sockstat?.tcp?.tw;
      if (Object.keys(seg.counts).length > 0 || tw !== undefined) {
        samples.push({ line: seg.startLine, counts: seg.counts, ...(tw !== undefined ? { tw } : {}), ...(isCountBlock ? {} : { listing: true as const }) });
      }
      if (!isCountBlock) continue;
      for (const [s, n] of Object.entries(seg.counts) as [StateId, number | undefined][]) {
        if (n !== undefined) setCount(s, { count: n, source: 'count-block', line: seg.startLine });
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
  for (const p of prose) {
    setCount(p.state, { count: p.count, source: 'prose', line: p.line });
    samples.push({ line: p.line, counts: { [p.state]: p.count }, prose: true });
  }
  const { sockets, firstLine } = tallies.result();
  for (const [s, sum] of sockets) setCount(s, { count: sum.listed, source: 'listing', line: firstLine.get(s) ?? 0 });
  return { connections, sockets, transitions: transitionsByState(connections), prose, counts, listingLines: firstLine, samples };
}

/** Runs a computation written in steps (a generator yielding between them) to its end at once. */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
