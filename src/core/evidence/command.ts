/**
 * Reading a command line of a pasted block (commandLine.ts tells which lines are commands) for what the
 * following output will be: the state an `ss` filter selected, whether the pipeline counts per state, which
 * sysctl a bare value belongs to, …  Pure: no `vscode`, no Node built-ins. Work per line is bounded
 * (MAX_COMMAND_LENGTH).
 */
import type { StateId } from '../catalogue/types';
import { PARSED_TOOLS } from './commandLine';
import { basename } from './text';
import { MAX_COMMAND_LENGTH, splitShell, type Pipeline } from './shellWords';

export { splitShell } from './shellWords';
import { isSysctlKey, sysctlKeyFromPath } from './lineFormats';
import { lookupStateSpelling } from '../catalogue/spellings';
import { BoundedMemo } from '../memo';
import { readsConntrack } from './entryTables';
import { netTcpConnectionCount } from './netTcpCount';
import { setsSysctls } from './sysctlWrites';

export { readsConntrack } from './entryTables';
import { familyOf, procNetTcpFamily, ssNamespace, targetOf } from './commandScope';
import { readGrep, skipsHeader } from './pipeStages';
import { outputKind, SHELL_LEAD, type OutputKind } from './outputKind';
import { endpointTallyOf, type EndpointTally } from './endpointTally';
import { cutsOutput, isNetstatStatsFlag, listedStates, narrowByFilters } from './listedStates';
import { isFlag, parseSsArgs, type SsOptions } from './ssArgs';

export { parseSsArgs, type SsOptions } from './ssArgs';


/** Tools whose output the parsers know (and the filters of their pipelines), searched for inside wrappers (`sudo`, `ip netns exec x`, `watch`). */
const TOOLS: ReadonlySet<string> = new Set([...PARSED_TOOLS, 'head', 'tail', 'less', 'more', 'sort', 'uniq', 'wc', 'echo', 'printf']);

const WRAPPERS_WITH_INNER_COMMAND: ReadonlySet<string> = new Set(['watch', 'bash', 'sh', 'zsh']);


export interface CommandContext {
  /** The command text without its prompt. */
  readonly text: string;
  /** Main tool of the first pipeline (`ss`, `netstat`, `cat`, …), if recognised. */
  readonly tool?: string;
  /** Options of the first `ss` invocation. */
  readonly ss?: SsOptions;
  /** Every `ss` of the line is `ss -K`: what it prints are sockets it has just closed. */
  readonly killOnly?: boolean;
  /** `netstat -s`. */
  readonly netstatStats: boolean;
  /** Any `netstat` that is not `-s`. */
  readonly netstatListing: boolean;
  readonly nstat: boolean;
  /** `nstat` without `-a` / `-r` (`--ignore`, `--reset`): it prints increments since its previous run. */
  readonly nstatIncrements?: boolean;
  /** The command mentions /proc/net/tcp or /proc/net/tcp6. */
  readonly procNetTcp: boolean;
  /**
   * The command reads the netfilter connection-tracking table (the `conntrack` tool, /proc/net/nf_conntrack,
   * /proc/net/ip_conntrack) or the IPVS connection table (`ipvsadm -lnc`, /proc/net/ip_vs_conn): its states are
   * table entries, not sockets, so its output gives no socket counts.
   */
  readonly conntrack: boolean;
  /** The pipeline counts per value (`uniq -c`, awk with an END block). */
  readonly counting: boolean;
  /** It prints each value once (`sort | uniq -c`, awk END): one line a state, so a state that comes again is a new output. */
  readonly eachStateOnce?: boolean;
  /**
   * The rows the line prints show only some of the sockets of the states they hold: `| head`, `| tail`, `| grep
   * 10.0.1.23` (a pattern that is not one state, or an inverted one), an ss filter expression (`dport = :443`) —
   * in a pipeline that can print sockets and does not count per state (a filter on another command of the line,
   * `grep TCP /proc/net/sockstat`, cuts none of them).
   */
  readonly partial: boolean;
  /** The same for the per-state counts a pipeline that counts prints: a filter before its count (`| grep :443 | awk … END …`). */
  readonly countsPartial: boolean;
  /**
   * The rows a pipeline that lists sockets prints were kept by something other than their state — an ss filter
   * expression (`dst 10.40.2.15`, `dport = :3306`), a grep or awk pattern that is not one state, an inverted one:
   * they are not a sample of the state's sockets, so where they go (their peers, their local ports) says nothing of
   * where the state's sockets go. A `head` (part of the rows, not chosen by their contents) is not such a filter.
   */
  readonly selects?: true;
  /** The pipeline counts one state's sockets per value of one endpoint column (`… | awk '{print $4}' | sort | uniq -c`). */
  readonly endpointTally?: EndpointTally;
  /** The output is one number (`| wc -l`, `grep -c`): which state it counts and how many header lines to drop. */
  readonly singleNumber?: { readonly state?: StateId; readonly headerLines: number; readonly tool?: string };
  /** Keys for bare value lines in order (`cat /proc/sys/…`, `sysctl -n …`, `getconf PAGESIZE`). */
  readonly valueKeys: readonly string[];
  /**
   * When values or a count share the line with other output (`date; grep TCP: /proc/net/sockstat; sysctl -n KEY`), what
   * its bare-number lines (digits, or digits and spaces: tcp_mem's three) are, in the order the commands print
   * them (outputKind.ts tells which commands print them): a key's value (`sysctl -n KEY`, `cat /proc/sys/…`,
   * `getconf PAGESIZE`), null for a count (`| wc -l`, `grep -c`: singleNumber), '' for a number of neither
   * (`date +%s`). It ends before the first command that may print bare numbers in a way not known (`echo $N`,
   * `awk '{print $2}'`): the numbers from there on cannot be told apart and are not read. Other lines are the
   * other commands' output. Undefined when the line prints values only (each line after it is the next key's
   * value, whatever its shape: `cubic`, an error line) or one command's output alone.
   */
  readonly bareNumbers?: readonly (string | null)[];
  /**
   * The command sets sysctls or shows a sysctl configuration file (`sysctl -w`, `sysctl -p`, `sysctl --system`,
   * `sysctl key=value`, `echo … > /proc/sys/…`, `tee /proc/sys/…`, `cat /etc/sysctl.conf`): the values printed
   * after it are set from then on, not read from the running kernel (report/inEffect.ts).
   */
  readonly setsSysctls: boolean;
  /**
   * The states the output can show, when the command tells: from the one pipeline that lists sockets (`ss`,
   * `netstat`, /proc/net/tcp) — its flags (ss and netstat list listeners with `-a`, only them with `-l`, and
   * without either no LISTEN; plain `ss` shows SS_CONN) — narrowed by the filters after it that name a state
   * (`grep TIME_WAIT`, `awk '$6 == "TIME_WAIT"'`). Undefined when not known: no such pipeline or more than one,
   * a filter that drops or keeps several states (`grep -v LISTEN`, `grep -E 'A|B'`), a stage not read here
   * that names a state (`sed '/LISTEN/d'`). A filter on something else (`grep :80`) keeps every state.
   */
  readonly shows?: readonly StateId[];
  /**
   * A `head` or `tail` stage cuts the output to part of it (`tail -n +2` only drops the header line), in a pipeline
   * that can print sockets and does not count per state.
   */
  readonly cut: boolean;
  /** The same in a pipeline that counts per state (`… END …' | sort -rn | head -3`: some of the states). */
  readonly countsCut: boolean;
  /**
   * The address family the first `ss` / `netstat` selects (`-4`, `-6`, `-f inet6`, `-A inet`, `--ipv6`), if one; on a
   * line whose one socket listing reads /proc/net/tcp or /proc/net/tcp6 alone, that file's (commandScope.ts procNetTcpFamily).
   */
  readonly family?: '4' | '6';
  /** Where the first parsed tool runs, when a wrapper says (`ip netns exec blue`, `ssh lb-8`, `ss -N blue`). */
  readonly target?: string;
  /**
   * What the line prints holds no TCP socket: every pipeline that can print sockets is an `ss` that selects neither
   * TCP nor MPTCP sockets and is no summary (`ss -uan`, `ss -lun | grep 53`, `ss -xa`; not `ss -uan; ss -tan`).
   */
  readonly noTcp?: true;
  /**
   * When the line runs more than one command that prints socket rows or one count (`ss -tan state fin-wait-1; ss
   * -tan state time-wait`, `ss -uan; ss -tan`, `… | wc -l; … | wc -l`): each output read as its own command alone
   * would be (its state filter, protocols, cuts), in the order they print. `listings` are the `ss` listings (their
   * rows; `headed` when each prints its header, the only line that tells where one ends), `counts` the one-number
   * counts. The line's own fields above are the whole line's (`ss` the first one's).
   */
  readonly outputs?: CommandOutputs;
}

export interface CommandOutputs {
  readonly listings: readonly CommandContext[];
  readonly headed: boolean;
  readonly counts: readonly CommandContext[];
}

// ---------------------------------------------------------------------------------------------------
// Reading a command
// ---------------------------------------------------------------------------------------------------

interface MutableContext {
  tool?: string;
  ss?: SsOptions;
  killOnly?: boolean;
  netstatStats: boolean;
  netstatListing: boolean;
  nstat: boolean;
  nstatIncrements?: boolean;
  procNetTcp: boolean;
  conntrack: boolean;
  counting: boolean;
  eachStateOnce?: boolean;
  partial: boolean;
  countsPartial: boolean;
  selects?: true;
  endpointTally?: EndpointTally;
  singleNumber?: { state?: StateId; headerLines: number; tool?: string };
  valueKeys: string[];
  family?: '4' | '6';
  target?: string;
}

/**
 * The context a command line sets. Memoised (the contexts are read-only and shared): notes repeat the same
 * few commands (`$ ss -tan`, `$ cat /proc/net/sockstat`) before every paste. Bounded, like the spelling cache.
 */
export function parseCommand(text: string): CommandContext {
  if (text.length > COMMAND_CACHE_TEXT_MAX) return deepFreeze(parseUncached(text));
  return COMMAND_CACHE.get(text, () => deepFreeze(parseUncached(text)));
}

/** Shared answers must stay as computed: a write to one throws (strict mode) instead of changing other notes. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const COMMAND_CACHE = new BoundedMemo<CommandContext>(1024);
const COMMAND_CACHE_TEXT_MAX = 1024;

/** What the pipelines of one command line show (CommandContext.shows, .cut, .bareNumbers), gathered while they are read. */
interface Showing {
  /** Pipelines that list sockets, and what the last of them shows (`null`: not known). */
  listing: number;
  shows: readonly StateId[] | null;
  cut: boolean;
  countsCut: boolean;
  /** CommandContext.bareNumbers so far; `open` until a command prints bare numbers in a way not known. */
  numbers: (string | null)[];
  open: boolean;
  /** Pipelines that print something; whether one prints values or one count, and one something else. */
  printing: number;
  tied: boolean;
  other: boolean;
  /** Pipelines that can print sockets: `ss` of no TCP socket (CommandContext.noTcp), and whether any other. */
  otherSockets: number;
  maybeTcp: boolean;
}

/** What one pipeline prints: outputKind's, or a sysctl's values (keys in order), or one count (`| wc -l`). */
type Printed = OutputKind | 'values' | 'count';

/**
 * Adds what one pipeline prints to the line's bare numbers (CommandContext.bareNumbers) and to what its sockets can
 * be (`otherSockets`: an `ss` that selects no TCP socket, CommandContext.noTcp).
 */
function notePrinted(showing: Showing, kind: Printed, keys: readonly string[] = [], otherSockets = false): void {
  if (kind === 'none') return;
  if (kind === 'listing' || kind === 'any') {
    if (otherSockets) showing.otherSockets++;
    else showing.maybeTcp = true;
  }
  showing.printing++;
  if (kind === 'values' || kind === 'count') showing.tied = true;
  if (kind !== 'values') showing.other = true;
  if (!showing.open) return;
  if (kind === 'values') showing.numbers.push(...keys);
  else if (kind === 'count') showing.numbers.push(null);
  else if (kind === 'number') showing.numbers.push('');
  else if (kind === 'any') showing.open = false;
}

function parseUncached(text: string): CommandContext {
  const pipelines = splitShell(text);
  const collected: OutputsCollector = { listings: [], headed: true, counts: [] };
  const ctx = freshContext(text);
  const showing = freshShowing();
  for (const p of pipelines) readPipeline(p, ctx, 0, showing, undefined, collected);
  const out = finishContext(text, ctx, showing, pipelines);
  // One command's output alone, or the line's own fields already are its command's.
  if (collected.listings.length + collected.counts.length === 0 || showing.printing < 2) return out;
  return { ...out, outputs: { listings: collected.listings.map(alone), headed: collected.headed, counts: collected.counts.map(alone) } };
}

/** The context one command of a line sets alone (CommandOutputs), read again on its own. */
function alone(leaf: Leaf): CommandContext {
  const all: Pipeline = [leaf.first.slice(leaf.toolIdx), ...leaf.stages.slice(1)];
  const text = all.map((stage) => stage.join(' ')).join(' | ');
  const own = freshContext(text);
  const ownShowing = freshShowing();
  readLeaf(leaf.first, leaf.toolIdx, leaf.stages, own, ownShowing, leaf.target);
  return finishContext(text, own, ownShowing, [all]);
}

function freshContext(text: string): MutableContext {
  return {
    netstatStats: false,
    netstatListing: false,
    nstat: false,
    procNetTcp: text.includes('/proc/net/tcp'),
    conntrack: readsConntrack(text),
    counting: false,
    partial: false,
    countsPartial: false,
    valueKeys: [],
  };
}

function freshShowing(): Showing {
  return { listing: 0, shows: null, cut: false, countsCut: false, numbers: [], open: true, printing: 0, tied: false, other: false, otherSockets: 0, maybeTcp: false };
}

/** The context of `text` from what its pipelines set in `ctx` and `showing`. */
function finishContext(text: string, ctx: MutableContext, showing: Showing, pipelines: readonly Pipeline[]): CommandContext {
  const shows = showing.listing === 1 && showing.shows !== null ? showing.shows : undefined;
  const sets = pipelines.some(setsSysctls);
  if (ctx.singleNumber === undefined) {
    const state = text.length > MAX_COMMAND_LENGTH ? undefined : netTcpConnectionCount(text);
    if (state !== undefined) ctx.singleNumber = { state, headerLines: 0, tool: 'Get-NetTCPConnection' };
  }
  // A line whose one socket listing is a /proc/net/tcp file's: its sockets are of that file's address family.
  if (ctx.family === undefined && ctx.procNetTcp && showing.listing === 1 && ctx.ss === undefined && !ctx.netstatListing) {
    const family = procNetTcpFamily(text);
    if (family !== undefined) ctx.family = family;
  }
  const cuts = { cut: showing.cut, countsCut: showing.countsCut, ...(showing.otherSockets > 0 && !showing.maybeTcp ? { noTcp: true as const } : {}) };
  const out: CommandContext = shows === undefined ? { text, ...ctx, setsSysctls: sets, ...cuts } : { text, ...ctx, setsSysctls: sets, shows, ...cuts };
  // Values or a count among other output: the bare numbers are told apart by their order.
  return showing.printing > 1 && showing.tied && showing.other ? { ...out, bareNumbers: showing.numbers } : out;
}

/**
 * Where one pipeline's command runs, as CommandContext.target would say for that pipeline alone (`ssh root@lb-2 'ss
 * -s'` → `ssh lb-2`, `kubectl exec api-a -- sh -c "…"` → `kubectl /api-a`); undefined when nothing runs it elsewhere.
 * One of splitShell's pipelines (loopPasses.ts reads a loop body's with it).
 */
export function pipelineTarget(stages: readonly (readonly string[])[]): string | undefined {
  return readAlone(stages).target;
}

/** The first tool one pipeline runs that this reader knows (`ss`, `cat`, `echo`; inside `ssh h '…'`, `bash -c`), if any. */
export function pipelineTool(stages: readonly (readonly string[])[]): string | undefined {
  return readAlone(stages).tool;
}

function readAlone(stages: readonly (readonly string[])[]): MutableContext {
  const ctx = freshContext('');
  readPipeline(stages.map((stage) => [...stage]), ctx, 0, freshShowing());
  return ctx;
}

/** One command of a line as readLeaf reads it. */
interface Leaf {
  readonly first: readonly string[];
  readonly toolIdx: number;
  readonly stages: Pipeline;
  readonly target: string | undefined;
}

/** The line's commands that print `ss` rows or one count, as its pipelines are read (CommandOutputs, once known to be needed). */
interface OutputsCollector {
  listings: Leaf[];
  headed: boolean;
  counts: Leaf[];
}

/** What one command prints, as readLeaf tells: `ss` rows (with that ss's options), one count, or something else. */
type LeafOutput = { readonly ssRows?: SsOptions; readonly oneCount: boolean };

/**
 * Reads one command (its tool at `toolIdx` of its first stage) into the line's context and, when the line's
 * outputs are collected, files it as a listing or a count (its own context is read only if the line prints several).
 */
function readCommand(first: readonly string[], toolIdx: number, stages: Pipeline, ctx: MutableContext, showing: Showing, target: string | undefined, collected?: OutputsCollector): void {
  const printed = readLeaf(first, toolIdx, stages, ctx, showing, target);
  if (collected === undefined || (printed.ssRows === undefined && !printed.oneCount)) return;
  const leaf: Leaf = { first, toolIdx, stages, target };
  if (printed.ssRows !== undefined) {
    collected.listings.push(leaf);
    if (printed.ssRows.noHeader) collected.headed = false;
  } else collected.counts.push(leaf);
}

function findTool(words: readonly string[]): number {
  for (let j = 0; j < words.length && j < 32; j++) {
    const w = words[j] as string;
    const b = basename(w);
    if (TOOLS.has(b)) return j;
    if (WRAPPERS_WITH_INNER_COMMAND.has(b)) return j;
  }
  return -1;
}

function readPipeline(stages: Pipeline, ctx: MutableContext, depth: number, showing: Showing, outer?: string, collected?: OutputsCollector): void {
  const first0 = stages[0];
  if (!first0) return;
  // Shell words before the command (`do ssh $h '…'`, `then ss -s`) are not part of it.
  let lead = 0;
  while (lead < first0.length - 1 && SHELL_LEAD.has(first0[lead] as string)) lead++;
  const first = lead > 0 ? first0.slice(lead) : first0;
  const toolIdx = findTool(first);
  if (toolIdx < 0) {
    // `ssh root@lb-2 'cat /proc/net/sockstat'`: the quoted command runs on that host (the target `ssh root@lb-2`).
    const at = first.findIndex((w, j) => j > 0 && w.includes(' ') && basename(first[0] as string) === 'ssh');
    const pipes = at > 0 && depth < 2 ? splitShell(first[at] as string) : [];
    const head = pipes[0];
    if (head) {
      const where = targetOf(first.slice(0, at), outer);
      readPipeline([...head, ...stages.slice(1)], ctx, depth + 1, showing, where, collected);
      for (const extra of pipes.slice(1)) readPipeline(extra, ctx, depth + 1, showing, where, collected);
    } else notePrinted(showing, outputKind(stages)); // `date`, `for h in …`, `sleep 5`, a command not read here
    return;
  }
  const tool = basename(first[toolIdx] as string);
  const args = first.slice(toolIdx + 1);
  const target = targetOf(first.slice(0, toolIdx), outer);
  if (WRAPPERS_WITH_INNER_COMMAND.has(tool)) {
    // watch -n 1 'ss -s', bash -c "ss -tan | …": the inner command is the first word with a space.
    const inner = args.find((a) => a.includes(' '));
    if (inner !== undefined && depth < 2) {
      const innerPipes = splitShell(inner);
      const head = innerPipes[0];
      if (head) {
        // The outer pipeline's later stages follow the inner one (`watch 'ss -s'` has none).
        readPipeline([...head, ...stages.slice(1)], ctx, depth + 1, showing, target, collected);
        for (const extra of innerPipes.slice(1)) readPipeline(extra, ctx, depth + 1, showing, target, collected);
      }
    } else if (inner === undefined) {
      const j = findTool(args);
      if (j >= 0) readPipeline([args.slice(j), ...stages.slice(1)], ctx, depth + 1, showing, targetOf(args.slice(0, j), target), collected);
      else notePrinted(showing, 'any');
    } else notePrinted(showing, 'any');
    return;
  }
  readCommand(first, toolIdx, stages, ctx, showing, target, collected);
}

/** Reads one command (not a wrapper: its tool at `toolIdx` of its first stage) into `ctx`; what it prints. */
function readLeaf(first: readonly string[], toolIdx: number, stages: Pipeline, ctx: MutableContext, showing: Showing, target: string | undefined): LeafOutput {
  const tool = basename(first[toolIdx] as string);
  const args = first.slice(toolIdx + 1);
  if (ctx.tool === undefined) {
    ctx.tool = tool;
    const family = tool === 'ss' || tool === 'netstat' ? familyOf(tool, args) : undefined;
    if (family !== undefined) ctx.family = family;
    const ns = tool === 'ss' ? ssNamespace(args) : undefined;
    const where = ns === undefined ? target : target === undefined ? ns : `${target} ${ns}`;
    if (where !== undefined) ctx.target = where;
  }

  let ss: SsOptions | undefined;
  const keysBefore = ctx.valueKeys.length;
  let valuesRead = false; // the pipeline prints the values of the keys it added, one a line
  if (tool === 'ss') {
    ss = parseSsArgs(args);
    ctx.ss ??= ss;
    ctx.killOnly = (ctx.killOnly ?? true) && ss.kill === true;
  } else if (tool === 'netstat') {
    if (args.some(isNetstatStatsFlag)) ctx.netstatStats = true;
    else ctx.netstatListing = true;
  } else if (tool === 'nstat') {
    ctx.nstat = true;
    // nstat(8): increments since the previous run unless -a (absolute values) or -r (reset, absolute).
    ctx.nstatIncrements = !args.some((a) => a === '--ignore' || a === '--reset' || (/^-[a-z]+$/i.test(a) && /[ar]/.test(a)));
  } else if (tool === 'sysctl') {
    valuesRead = readSysctlArgs(args, ctx) && stages.length === 1;
  } else if (tool === 'cat' && stages.length === 1) {
    const files = args.filter((a) => !a.startsWith('-'));
    const keys = files.map((f) => (/[*?[]/.test(f) ? undefined : sysctlKeyFromPath(f)));
    if (files.length > 0 && keys.every((k): k is string => k !== undefined)) {
      ctx.valueKeys.push(...keys);
      valuesRead = true;
    }
  } else if (tool === 'getconf' && stages.length === 1) {
    const what = args[0];
    if (what === 'PAGESIZE' || what === 'PAGE_SIZE') {
      ctx.valueKeys.push('pagesize');
      valuesRead = args.length === 1;
    }
  }

  const all: string[][] = [first.slice(toolIdx), ...stages.slice(1)];
  // A pipeline that prints no sockets (`grep TCP /proc/net/sockstat`, `date`) cuts none: its filters cut its own lines only.
  const kind = outputKind(all);
  const sockets = kind === 'listing' || kind === 'any';
  const headed = readShowing(tool, args, all, ss, showing) && sockets;

  // Counting and single-number pipelines.
  let grepState: StateId | undefined;
  let subset = ss?.expression === true; // a stage filters on something that is not one state: the number is a subset
  let cut = subset; // a stage keeps only some rows (ctx.partial); awk programs are not read, so not among them
  let selected = subset; // the rows kept were chosen by something other than their state (ctx.selects)
  let grepCount = false;
  let counted = false; // a stage of this pipeline counts per state
  let headerSkipped = false;
  for (let si = 0; si < all.length; si++) {
    const stage = all[si] as string[];
    const name = basename(stage[0] ?? '');
    const rest = stage.slice(1);
    // After a stage that counts per state (`uniq -c`, awk END), a filter keeps some of the per-state lines, each
    // still a whole count (`| sort -rn | head -1`, `| grep TIME_WAIT`): which states they show is coverage.ts's.
    if (counted) continue;
    if (name === 'uniq' && rest.some((w) => isFlag(w, 'c') || w === '--count')) {
      ctx.counting = counted = true;
      // After `sort`, each value once: one line a state.
      if (basename(all[si - 1]?.[0] ?? '') === 'sort') ctx.eachStateOnce = true;
    }
    // A stage that only drops the header line keeps every socket (`tail -n +2`, `awk 'NR>1'`, `grep -v State`).
    if (si > 0 && skipsHeader(name, rest)) {
      headerSkipped = true;
      continue;
    }
    if ((name === 'head' || name === 'tail') && si > 0) subset = cut = true;
    if (name === 'awk' || name === 'gawk' || name === 'mawk') {
      if (rest.some((w) => /\bEND\b/.test(w))) ctx.counting = counted = ctx.eachStateOnce = true;
      else if (si > 0) subset = selected = true;
    }
    if (name === 'find' && rest.some((w) => w.toLowerCase() === '/c')) {
      // Windows: netstat -an | find /c "TIME_WAIT"; `find /c /v ""` counts every line (no line lacks ""), so
      // `netstat -ano | findstr TIME_WAIT | find /c /v ""` counts the lines findstr kept.
      grepCount = true;
      const pattern = rest.find((w) => !w.startsWith('/'));
      if (rest.some((w) => w.toLowerCase() === '/v')) {
        if (pattern !== '') subset = cut = selected = true;
      } else {
        const m = pattern === undefined ? undefined : lookupStateSpelling(pattern.trim());
        if (m) grepState = m.state;
        else subset = cut = selected = true;
      }
    }
    if (name === 'grep' || name === 'egrep' || name === 'findstr') {
      const r = readGrep(rest);
      if (r.count) grepCount = true;
      if (r.invert || (r.hasPattern && r.state === undefined)) subset = cut = selected = true;
      else if (r.state !== undefined) {
        if (grepState !== undefined && grepState !== r.state) subset = cut = true;
        grepState = r.state;
      }
    }
  }
  // Each output is cut by its own pipeline: a per-state count by the one that counts, rows by the others.
  if (cut && sockets) {
    if (counted) ctx.countsPartial = true;
    else ctx.partial = true;
  }
  if (selected && sockets && !counted) ctx.selects = true;
  const tally = tool === 'ss' || tool === 'netstat' ? endpointTallyOf(tool, args, all, ss) : undefined;
  if (tally) ctx.endpointTally ??= tally;
  if (headed) {
    if (counted) showing.countsCut = true;
    else showing.cut = true;
  }
  const last = all[all.length - 1] ?? [];
  const lastName = basename(last[0] ?? '');
  const wcLines = lastName === 'wc' && last.slice(1).some((w) => isFlag(w, 'l') || w === '--lines');
  const lastIsGrepCount = ['grep', 'egrep', 'findstr', 'find'].includes(lastName) && grepCount;
  if ((wcLines || lastIsGrepCount) && !ctx.counting) {
    const state = subset ? undefined : (grepState ?? ss?.singleState);
    const headerLines = wcLines && tool === 'ss' && all.length === 2 && ss && !ss.noHeader && !ss.summary && !headerSkipped ? 1 : 0;
    ctx.singleNumber ??= state === undefined ? { headerLines, tool } : { state, headerLines, tool };
  }
  // `wc -l` of its input prints one number (of files, `N file` lines); `grep -c` of one input, one number.
  const oneCount = (wcLines && !last.slice(1).some((w) => !w.startsWith('-'))) || lastIsGrepCount;
  if (valuesRead) notePrinted(showing, 'values', ctx.valueKeys.slice(keysBefore));
  else notePrinted(showing, oneCount ? 'count' : kind, [], ss !== undefined && !ss.summary && ss.tcp === 'none' && ss.mptcp !== true);
  const ssRows = ss !== undefined && !ss.summary && sockets && !oneCount && !counted ? ss : undefined;
  return { ...(ssRows ? { ssRows } : {}), oneCount };
}

// ---------------------------------------------------------------------------------------------------
// What the output can show (CommandContext.shows, .cut)
// ---------------------------------------------------------------------------------------------------


/** Reads what the pipeline's listing shows into `showing`; whether a stage cuts its output (`head`, cutsOutput). */
function readShowing(tool: string, args: readonly string[], stages: readonly (readonly string[])[], ss: SsOptions | undefined, showing: Showing): boolean {
  const listed = listedStates(tool, args, stages, ss);
  if (listed !== undefined) {
    showing.listing++;
    showing.shows = listed === null ? null : narrowByFilters(listed, stages);
  }
  return stages.some(cutsOutput);
}

/** Reads `sysctl -n KEY…` into ctx.valueKeys; whether it prints only those keys' values, one a line (no other argument). */
function readSysctlArgs(args: readonly string[], ctx: MutableContext): boolean {
  let valuesOnly = false;
  let others = false;
  const keys: string[] = [];
  for (const a of args) {
    if (a === '--values') valuesOnly = true;
    else if (a.startsWith('-') && a.length > 1 && a[1] !== '-') {
      if (a.includes('n')) valuesOnly = true;
      if (a !== '-n' && a !== '-e' && a !== '-ne' && a !== '-en') others = true; // -a, -r PATTERN, -w: not one value per key
    } else if (!a.startsWith('-')) {
      const k = a.includes('=') ? undefined : a.replace(/\//g, '.');
      if (k !== undefined && isSysctlKey(k)) keys.push(k);
      else others = true;
    } else if (a !== '--values' && a !== '--ignore') others = true;
  }
  if (valuesOnly) ctx.valueKeys.push(...keys);
  return valuesOnly && !others && keys.length > 0;
}
