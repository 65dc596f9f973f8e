/**
 * Reads the numbers ("evidence") out of command output pasted into a note: `ss` listings (with or without
 * the State / Netid columns), `ss -s`, net-tools / BSD / Windows `netstat` listings, `lsof -i` listings, PowerShell
 * `Get-NetTCPConnection` tables, per-state counts (`… | sort | uniq -c`, awk tallies, /proc/net/tcp hex codes,
 * `Group-Object State`), /proc/net/sockstat{,6}, nstat, `netstat -s`,
 * /proc/net/{netstat,snmp}, /proc/net/tcp{,6} rows, sysctl values, Prometheus node_exporter metrics, and the
 * extension's own snapshot block (see snapshotFormat.ts).
 *
 * How a block is read: line by line, once. A command line (`$ ss -tan state fin-wait-1`, `[root@h ~]# …`,
 * or a bare `ss -Htan state fin-wait-1 | wc -l`) ends the current output and sets the context for what
 * follows (which state a filtered listing holds, whether the pipeline counts per state, which sysctl a bare
 * value belongs to). Other lines either continue the current output, start a new recognisable output, or
 * are ignored (blank lines, `# comments`, `...`, anything unrecognised) without ending the current one.
 * A segment's line range covers its output lines (header included), not the command line.
 *
 * Robustness: never throws; linear time (each line is length-guarded by MAX_LINE_LENGTH, tokenised at most
 * once into at most MAX_TOKENS tokens, its first HEAD_TOKENS token bounds found at most once more, and no
 * regular expression here can backtrack super-linearly); numbers above 2^53-1 are skipped.
 *
 * Speed (the workspace index parses every fenced block of every note): a line is tokenised only when a reader
 * needs its tokens (formats/builder.ts Line); listing rows are read in place, cutting out only the tokens
 * they keep; command lines are told from output by their first word without making strings (commandLine.ts).
 *
 * The format readers live in formats/ (one file per tool); this file is the driver that feeds them lines.
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import type { EvidenceKind, EvidenceSegment, SegmentScope, SockstatNumbers } from './types';
import { parseCommand, type CommandContext } from './command';
import { classifyLine, embeddedSsCommand, promptHost } from './commandLine';
import { isDateOutput, loopItemMarker, passCommand, readLoop, type Loop, type LoopItem } from './loopPasses';
import { withCoverage } from './coverage';
import { mergeSockstat } from './lineFormats';
import { isSnapshotHeader } from './snapshotFormat';
import { MAX_LINE_LENGTH, addClamped, isBareNumberLine, isWordChar, splitLines, trimEndSpace } from './text';
import { Builder, countContext, Line, listingContext, type ParseState } from './formats/builder';
import { blockCounts } from './blockCounts';
import { sshParts } from './commandScope';
import { NetstatStats, Nstat, ProcNetstat } from './formats/counters';
import { SingleNumber, StateCounts, commandWords } from './formats/counts';
import { NetstatListing } from './formats/netstat';
import { NetTcpTable } from './formats/getNetTcpConnection';
import { NetTcpList } from './formats/getNetTcpConnectionList';
import { NodeExporterMetrics } from './formats/nodeExporter';
import { LsofListing } from './formats/lsof';
import { ProcTcp } from './formats/procTcp';
import { Snapshot } from './formats/snapshot';
import { Sockstat, SsSummary } from './formats/sockstat';
import { SsListing } from './formats/ss';
import { EndpointCounts } from './formats/endpointCounts';
import { Sysctl } from './formats/sysctl';

export { PAGE_SIZE_KEY } from './snapshotFormat';

function startBuilder(line: Line, st: ParseState): Builder | undefined {
  const ctx = st.ctx;
  // The connection-tracking table's output (`conntrack -L | … | uniq -c`): netfilter entries, not sockets. A sockstat
  // or `ss -s` line is no table's entry (`date; conntrack -C; cat /proc/net/sockstat`).
  const tryTake = (b: Builder): Builder | undefined => (b.take(line) ? b : undefined);
  if (ctx?.conntrack === true) {
    if (SsSummary.canStart(line)) return tryTake(new SsSummary());
    return Sockstat.canStart(line) ? tryTake(new Sockstat()) : undefined;
  }
  // `ss -K` prints the sockets it has just closed: none of them is there any more.
  if (ctx?.killOnly === true) return undefined;

  const numbers = ctx?.bareNumbers;
  if (numbers !== undefined) {
    // A line of several commands: a bare-number line is the next one they print (command.ts), in order.
    if (st.valueKeyIndex < numbers.length && isBareNumberLine(line.text)) {
      const slot = numbers[st.valueKeyIndex];
      if (slot !== null && slot !== '') return tryTake(new Sysctl(st));
      st.valueKeyIndex++;
      if (slot !== null) return undefined;
      if (SingleNumber.canStart(line, st)) return singleNumber(line, st);
      st.countsRead++; // a count this reader does not read (of no one state): the next count is the next command's
      return undefined;
    }
  } else {
    if (SingleNumber.canStart(line, st)) return singleNumber(line, st);
    if (Sysctl.pendingKey(st) !== undefined) return tryTake(new Sysctl(st));
  }
  if (SsSummary.canStart(line)) return tryTake(new SsSummary());
  if (Sockstat.canStart(line)) return tryTake(new Sockstat());
  if (NodeExporterMetrics.canStart(line)) return tryTake(new NodeExporterMetrics());
  if (ProcNetstat.canStart(line)) return tryTake(new ProcNetstat());
  if (Nstat.canStart(line, ctx)) return tryTake(new Nstat(ctx?.nstat === true, ctx?.nstat === true ? (ctx.nstatIncrements === true ? 'increments' : 'totals') : undefined));
  if (NetstatStats.canStart(line, ctx)) return tryTake(new NetstatStats(ctx?.netstatStats === true));
  if (ProcTcp.canStart(line)) return tryTake(new ProcTcp());
  if (LsofListing.canStart(line)) return tryTake(new LsofListing());
  if (NetstatListing.canStart(line)) return tryTake(new NetstatListing());
  if (NetTcpTable.canStart(line)) return tryTake(new NetTcpTable(ctx));
  if (NetTcpList.canStart(line)) return tryTake(new NetTcpList(ctx));
  const listing = listingContext(st);
  // A listing of a line of several `ss` that cannot be told to be any one of them (listingContext).
  const unattributed = listing === undefined && ctx !== undefined;
  if (SsListing.canStart(line, unattributed ? ctx : listing)) {
    const b = tryTake(new SsListing(unattributed ? ctx : listing, unattributed));
    if (b) st.listingsRead++;
    return b;
  }
  if (ctx?.endpointTally !== undefined && EndpointCounts.canStart(line, ctx.endpointTally)) return tryTake(new EndpointCounts(ctx.endpointTally));
  const hex = ctx !== undefined && ctx.procNetTcp && ctx.counting;
  st.words ??= commandWords(ctx);
  if (StateCounts.canStart(line, hex, st.words)) {
    const families = ssFamilies(ctx);
    // Counts of sockets of no TCP (`ss -uan | … | uniq -c`) are read only to be known as such (close() drops them).
    if (families === 'other' && ctx?.noTcp !== true) return undefined;
    // In a loop, a pipeline that prints each state once a pass (`sort | uniq -c`, awk END) starts a new pass where a
    // state comes again: the passes are samples one after another, not one count.
    const onePass = st.inLoop === true && ctx?.eachStateOnce === true;
    return tryTake(new StateCounts(hex, ctx?.counting === true, st.words, families === 'mixed', onePass));
  }
  if (Sysctl.canStart(line, st)) return tryTake(new Sysctl(st));
  return undefined;
}

/** The one number of a count (`| wc -l`, `grep -c`) of one state (CommandContext.singleNumber). */
function singleNumber(line: Line, st: ParseState): Builder | undefined {
  const own = countContext(st);
  const sn = own?.singleNumber;
  if (sn?.state === undefined) return undefined;
  st.countsRead++;
  // `ss -uan state established | wc -l`, `ss -tuan state unconnected | wc -l`: not TCP sockets.
  const families = ssFamilies(own);
  if (families === 'other' || (families === 'mixed' && sn.state === 'CLOSED')) return undefined;
  const kind: EvidenceKind = sn.tool === 'ss' ? 'ss' : sn.tool === 'netstat' ? 'netstat' : 'state-counts';
  const b = new SingleNumber(kind, sn.state, sn.headerLines);
  b.context = own;
  return b.take(line) ? b : undefined;
}

/** A later stage names `tcp` as a word: it keeps only TCP rows (`| grep tcp`, `| awk '/^tcp/ …'`, `$1 == "tcp"`). */
function keepsTcpRows(command: string): boolean {
  const pipe = command.indexOf('|');
  if (pipe < 0) return false;
  for (let at = command.indexOf('tcp', pipe); at !== -1; at = command.indexOf('tcp', at + 3)) {
    if (!isWordChar(command.charCodeAt(at - 1)) && !isWordChar(command.charCodeAt(at + 3))) return true;
  }
  return false;
}

/**
 * The socket families a count after an `ss` command holds: 'other' when it selects none of TCP (`ss -uan`, `ss -xa`),
 * 'mixed' when TCP and others (`ss -tuan`, or no family option: every kind), unless a later stage keeps the TCP rows
 * only; undefined for TCP alone or no `ss`. UNCONN (CLOSED) is then UDP's, raw's or a unix socket's, not TCP's.
 */
function ssFamilies(ctx: CommandContext | undefined): 'mixed' | 'other' | undefined {
  const tcp = ctx?.ss?.tcp;
  if (tcp === undefined || tcp === 'only' || keepsTcpRows((ctx as CommandContext).text)) return undefined;
  return tcp === 'none' ? 'other' : 'mixed';
}

const MAX_CONTINUATION_LINES = 20;

/** A command line: what follows is read in its light until the next command. */
function setContext(st: ParseState, command: string): void {
  st.ctx = parseCommand(command);
  st.words = undefined;
  restartOutputs(st);
}

/** The command's output starts again (a new command, host or pass): its values, its counts, its listings in order. */
function restartOutputs(st: ParseState): void {
  st.valueKeyIndex = 0;
  st.countsRead = 0;
  st.listingsRead = 0;
}

/** The segment with what its command says of its sockets (scope; partial, for a segment with counts; selected, for a listing's rows). */
function withCommand(seg: EvidenceSegment, scope: SegmentScope | undefined, partial: boolean, ctx: CommandContext | undefined): EvidenceSegment {
  const cut = partial && seg.listed !== undefined;
  const selected = ctx?.selects === true && seg.listed !== undefined && !seg.oneNumber && seg.kind !== 'state-counts';
  if (!scope && !cut && !selected) return seg;
  return { ...seg, ...(scope ? { scope } : {}), ...(cut ? { partial: true as const } : {}), ...(selected ? { selected: true as const } : {}) };
}

/**
 * Does the command that printed the segment show only some of the sockets? Each output by its own pipeline: one
 * number of a state by the count (whole, or there is none: CommandContext.singleNumber), a per-state count by the
 * pipeline that counts, rows by the others.
 */
function partialOf(seg: EvidenceSegment, ctx: CommandContext | undefined): boolean {
  if (ctx === undefined || seg.oneNumber === true) return false;
  return seg.kind === 'state-counts' && ctx.counting ? ctx.countsPartial : ctx.partial;
}

/** A host's header in the output of a command run on many hosts: ansible's ad-hoc result, pssh's `-i` line. */
const ANSIBLE_HOST = /^([A-Za-z0-9_][A-Za-z0-9_.:-]{0,62}) \| (?:CHANGED|SUCCESS|FAILED!?) \| rc=\d{1,3} >>\s*$/;
const PSSH_HOST = /^\[\d{1,5}\] \d{2}:\d{2}:\d{2} \[(?:SUCCESS|FAILURE)\] ([A-Za-z0-9_][A-Za-z0-9_.-]{0,62})(?::\d{1,5})?(?:\s.*)?$/;

function fanOutHost(text: string): string | undefined {
  if (text.length > 200) return undefined;
  // Cheap exits first (most lines): pssh's header starts with `[`, ansible's ends with `>>`.
  if (text.charCodeAt(0) === 91) return PSSH_HOST.exec(text)?.[1];
  let e = text.length;
  while (e > 0 && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
  return e > 2 && text.charCodeAt(e - 1) === 62 && text.charCodeAt(e - 2) === 62 ? ANSIBLE_HOST.exec(text)?.[1] : undefined;
}

/**
 * Which sockets the command saw, from its line (family, where it ran, or here) and its prompt's host; undefined when
 * nothing says. `place`: where a loop's pass runs (loopPasses.ts), for the command the line runs there.
 */
function scopeOf(ctx: CommandContext | undefined, host: string | undefined, place?: string): SegmentScope | undefined {
  const family = ctx?.family;
  const target = place ?? ctx?.target;
  if (ctx === undefined && host === undefined) return undefined;
  const scope: { family?: '4' | '6'; host?: string; target?: string; here?: true } = {};
  if (family !== undefined) scope.family = family;
  if (host !== undefined) scope.host = host;
  if (target !== undefined) scope.target = target;
  else if (ctx !== undefined) scope.here = true;
  return scope;
}

/**
 * The scope with the address family the rows themselves show (ProcTcp.family: /proc/net/tcp's rows or tcp6's), which
 * holds whatever the command line says or does not: rows of the two files are different sockets, and add up.
 */
function withRowsFamily(scope: SegmentScope | undefined, family: '4' | '6' | undefined): SegmentScope | undefined {
  if (family === undefined || scope?.family === family) return scope;
  return { ...scope, family };
}

/**
 * An output whose sockets are all of other protocols than TCP: an ss listing that knows it (SsListing.otherProtocol)
 * or a per-state count after a command of no TCP socket (CommandContext.noTcp).
 */
function otherProtocolOnly(b: Builder, ctx: CommandContext | undefined): boolean {
  return b instanceof SsListing ? b.otherProtocol : b instanceof StateCounts && ctx?.noTcp === true;
}

/** The command reads the conntrack or IPVS table and runs nothing else that lists sockets (`ss`, netstat, /proc/net/tcp, lsof). */
function readsOnlyEntryTables(ctx: CommandContext | undefined): boolean {
  return ctx?.conntrack === true && ctx.ss === undefined && !ctx.netstatListing && !ctx.procNetTcp && ctx.tool !== 'lsof';
}

/** Adds note line `line` to [first, end) pairs (ascending), merged with the pair it follows. */
function addLineTo(pairs: number[] | undefined, line: number): void {
  if (pairs === undefined) return;
  const n = pairs.length;
  if (n > 0 && pairs[n - 1] === line) pairs[n - 1] = line + 1;
  else pairs.push(line, line + 1);
}

/**
 * Does the output from `lines[from]` on (to the next command line or host header) hold one `ss` header for each `ss`
 * listing of the command (CommandContext.outputs)? Then the k-th listing is the k-th command's. Read only for a line
 * of several listings, each of which prints its header; each line is read ahead once at most (the read stops where the
 * driver would set another context).
 */
function listingsInOutput(ctx: CommandContext | undefined, lines: readonly string[], from: number, loop: Loop | undefined): boolean {
  const outputs = ctx?.outputs;
  if (outputs === undefined || outputs.listings.length < 2 || !outputs.headed) return false;
  const line = new Line(0, '');
  let headers = 0;
  for (let i = from; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.length > MAX_LINE_LENGTH) continue;
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;
    if (classifyLine(text)?.type === 'command' || fanOutHost(text) !== undefined || passMarker(text, loop) !== undefined || datesPass(text, loop)) break;
    line.reset(i, text);
    if (text.includes('Address:Port') && SsListing.isHeader(line) && ++headers > outputs.listings.length) return false;
    // A command written inside the output (`run ss -tan …`) ends it too, as the driver reads it: each line is read
    // ahead once at most, however many such commands follow one another.
    if (embeddedSsCommand(line) !== undefined) break;
  }
  return headers === outputs.listings.length;
}

/** The loop item a marker line names (loopPasses.ts), when the line's loop runs its items elsewhere. */
function passMarker(text: string, loop: Loop | undefined): LoopItem | undefined {
  return loop?.items === undefined ? undefined : loopItemMarker(text, loop.items);
}

/** A line of the `date` a loop's body runs: the next pass's output starts (loopPasses.ts). */
function datesPass(text: string, loop: Loop | undefined): boolean {
  return loop?.dated === true && isDateOutput(text);
}

/**
 * Appends the segments of `text` to `out`, numbering its lines from `lineBase`; returns its number of lines.
 * `others` receives the [first, end) lines of each output of sockets of other protocols only (otherProtocolOnly), and
 * the output lines no reader takes of a command that reads the conntrack or IPVS table and lists no sockets
 * (readsOnlyEntryTables): no TCP socket's states.
 */
function parseLines(text: string, lineBase: number, out: EvidenceSegment[], others?: number[]): number {
  const lines = splitLines(text);
  const st: ParseState = { ctx: undefined, countsRead: 0, listingsRead: 0, listingsMatched: false, valueKeyIndex: 0 };
  let cur: Builder | undefined;
  let scope: SegmentScope | undefined; // of the current command's output
  let scopeHost: string | undefined; // the host that scope names (a prompt's, or a fanned-out output's)
  let loop: Loop | undefined; // of the current command line: its output is its body's, once per pass (loopPasses.ts)
  let loopCommand = ''; // that command line
  let place: string | undefined; // where the current pass of a loop over places runs (`ssh lb-2`, `kubectl /api-a`)
  let unread = false; // the pass of a loop item after the ones read (LoopItem.target): its output is no other item's
  let passStart = out.length; // the current pass's first segment in `out`, for a loop that dates it after (Loop.dateLast)
  const line = new Line(lineBase, ''); // moved along the lines (see Line)
  const close = (): void => {
    if (!cur) return;
    const seg = cur.finish();
    // The context is still the one the output started in: a command line closes the output before it sets its own.
    // On a line of several commands, an output whose own command is known is read with that command's (in a loop's
    // pass, the body's with the pass's item for the variable: passCommand).
    const ctx = cur.context ?? st.ctx;
    const own = ctx === st.ctx ? scope : scopeOf(ctx, scopeHost);
    const where = withRowsFamily(own, cur instanceof ProcTcp ? cur.family : undefined);
    if (otherProtocolOnly(cur, ctx)) others?.push(cur.start, cur.end);
    else if (seg) out.push(withCoverage(cur instanceof Snapshot ? seg : withCommand(seg, where, partialOf(seg, ctx), ctx), ctx, cur.cut));
    cur = undefined;
  };
  // A pass of a loop that prints `date` after its output ends: its outputs are dated by the date line on `at` (-1: none).
  const endPass = (at: number): void => {
    if (loop?.dateLast !== true) return;
    for (let k = passStart; k < out.length; k++) out[k] = { ...(out[k] as EvidenceSegment), dateLine: at };
    passStart = out.length;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.length > MAX_LINE_LENGTH) continue; // junk: never tokenised, does not end the current output
    const text = trimEndSpace(raw);
    if (text.length === 0) continue;

    if (cur instanceof Snapshot) {
      // A shell command line (never written by the snapshot writer) also ends the snapshot.
      const endsSnapshot = !text.trimStart().startsWith('#') && classifyLine(text)?.type === 'command';
      if (endsSnapshot) close();
    }
    if (cur instanceof Snapshot) {
      cur.take(line.reset(lineBase + i, text));
      if (cur.ended) {
        close();
        continue;
      }
      if (!cur.newHeader) continue;
      close(); // a second snapshot header: fall through and start it
    }
    if (isSnapshotHeader(text)) {
      close();
      cur = new Snapshot(line.reset(lineBase + i, text));
      continue;
    }

    const fanned = fanOutHost(text);
    const item = fanned === undefined ? passMarker(text, loop) : undefined;
    const dates = fanned === undefined && item === undefined && datesPass(text, loop);
    if (fanned !== undefined || item !== undefined || dates) {
      // `lb-1 | CHANGED | rc=0 >>` (ansible), `[1] 14:05:00 [SUCCESS] lb-1` (pssh -i): the next output is that host's;
      // `== api-b` (a loop's marker): that item's, run where it names (`kubectl /api-b`; `ssh lb-2`, lb-2's).
      close();
      endPass(dates ? lineBase + i : -1);
      if (fanned !== undefined) scopeHost = fanned;
      else if (item !== undefined && loop !== undefined) {
        unread = item.target === undefined;
        place = item.target;
        if (place !== undefined) scopeHost = sshParts(place)?.host ?? scopeHost;
        // The pass runs the body with the item for the loop's variable: each command where it says it runs.
        st.ctx = parseCommand(passCommand(loopCommand, loop, item));
        st.words = undefined;
      }
      scope = scopeOf(st.ctx, scopeHost, place);
      // Each host, each pass runs the whole command: its output starts again.
      restartOutputs(st);
      st.listingsMatched = listingsInOutput(st.ctx, lines, i + 1, loop);
      continue;
    }
    const cls = classifyLine(text);
    if (cls?.type === 'command') {
      close();
      endPass(-1);
      let cmd = cls.text;
      let joined = 0;
      while (cmd.endsWith('\\') && i + 1 < lines.length && joined < MAX_CONTINUATION_LINES) {
        const next = lines[i + 1] as string;
        if (next.length > MAX_LINE_LENGTH) break;
        i++;
        joined++;
        cmd = cmd.slice(0, -1) + ' ' + next.trim();
      }
      setContext(st, cmd);
      scopeHost = promptHost(text.slice(0, text.length - cls.text.length));
      scope = scopeOf(st.ctx, scopeHost);
      loop = readLoop(cmd);
      st.inLoop = loop !== undefined;
      loopCommand = cmd;
      place = undefined;
      unread = false;
      passStart = out.length;
      st.listingsMatched = listingsInOutput(st.ctx, lines, i + 1, loop);
      continue;
    }
    if (cls?.type === 'comment' || unread) continue;

    line.reset(lineBase + i, text);
    if (cur && cur.take(line)) continue;
    const embedded = embeddedSsCommand(line);
    if (embedded !== undefined) {
      close();
      setContext(st, embedded);
      st.listingsMatched = listingsInOutput(st.ctx, lines, i + 1, loop);
      scopeHost = undefined;
      scope = scopeOf(st.ctx, undefined);
      continue;
    }
    const next = startBuilder(line, st);
    if (next) {
      close();
      cur = next;
    } else {
      cur?.skip(text);
      Sysctl.unclaimed(line, st);
      // Output of a command that reads the conntrack or IPVS table and nothing else that lists sockets: its states are
      // table entries', no sockets'.
      if (readsOnlyEntryTables(st.ctx)) addLineTo(others, lineBase + i);
    }
  }
  close();
  endPass(-1);
  return lines.length;
}

/**
 * Finds each recognisable command output in the content of one code block and returns its numbers.
 * Line numbers are 0-based inside `text` (LF, CRLF and CR all end a line); `endLine` is exclusive.
 * Never throws.
 */
export function parseEvidence(text: string): EvidenceSegment[] {
  return parseEvidenceAt(text, 0).segments;
}

/**
 * parseEvidence with the segments' lines numbered from `lineBase` (a block's first line in its note), the
 * number of lines of `text` (LF, CRLF and CR each end one; the line after a final terminator counts), and the
 * [first, end) lines of its outputs of sockets of other protocols only and of the conntrack table (`others`, numbered the same): what an
 * evidence block and its code zone need, from the one pass over the text.
 */
export function parseEvidenceAt(text: string, lineBase: number): { readonly segments: EvidenceSegment[]; readonly lineCount: number; readonly others: readonly number[] } {
  if (typeof text !== 'string' || text.length === 0) return { segments: [], lineCount: 1, others: [] };
  const segments: EvidenceSegment[] = [];
  const others: number[] = [];
  try {
    return { segments, lineCount: parseLines(text, lineBase, segments, others), others };
  } catch {
    return { segments: [], lineCount: splitLines(text).length, others: [] };
  }
}

/**
 * The lines of `text` (a code block's content) that list sockets of other protocols only or conntrack entries, whose state names are
 * no TCP states: [first, end) pairs, 0-based (parseEvidenceAt's `others`). A note's model and the preview leave
 * the state mentions there out, as the counts do. Never throws.
 */
export function otherProtocolOutput(text: string): readonly number[] {
  return parseEvidenceAt(text, 0).others;
}

export { blockCounts } from './blockCounts';

export interface MergedEvidence {
  /** One count per state (blockCounts.ts): the same sockets counted twice count once; sockets told apart add up. */
  counts: Partial<Record<StateId, number>>;
  /** The sockets the block shows: its counts added up, or its largest single output when that is more. */
  listed: number;
  /** Field-wise merge; a later segment's fields override an earlier one's. */
  sockstat?: SockstatNumbers;
  /** Later values win. */
  counters: Record<string, number>;
  /** Later values win. */
  sysctls: Record<string, string>;
}

/**
 * Combines the segments of one block: per state one count, by the rule the report uses for the whole note
 * (blockCounts.ts: a printed count before listed rows, then the later; sockets the commands tell apart add up),
 * and `listed` from those counts (never less than one segment's own `listed`: rows in states not counted, such
 * as an unknown state, still were listed); sockstat, counters and sysctls: later wins.
 */
export function mergeSegments(segments: readonly EvidenceSegment[]): MergedEvidence {
  let sockstat: SockstatNumbers | undefined;
  const counters: Record<string, number> = {};
  const sysctls: Record<string, string> = {};
  let largest = 0;
  for (const seg of segments) {
    if (typeof seg.listed === 'number' && Number.isFinite(seg.listed) && seg.listed > largest) largest = seg.listed;
    if (seg.sockstat) sockstat = mergeSockstat(sockstat, seg.sockstat);
    if (seg.counters) Object.assign(counters, seg.counters);
    if (seg.sysctls) Object.assign(sysctls, seg.sysctls);
  }
  const c: Partial<Record<StateId, number>> = {};
  let total = 0;
  for (const [state, bc] of blockCounts(segments)) {
    c[state] = bc.count;
    total = addClamped(total, bc.count);
  }
  const listed = Math.max(total, largest);
  // Two literal shapes, no spread of a temporary object: the same keys in the same order.
  return sockstat ? { counts: c, listed, sockstat, counters, sysctls } : { counts: c, listed, counters, sysctls };
}
