/**
 * What a pipeline's listing can show: the states its first stage lists (ss, netstat, /proc/net/tcp) and the states
 * the filters after it keep (grep, find, awk), read from the words of the command line (command.ts splits and
 * bounds it). Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import { lookupStateSpelling } from '../catalogue/spellings';
import { basename } from './text';
import { readGrep } from './pipeStages';
import { ALL_STATES, isFlag, ONLY_LISTENERS, WITHOUT_LISTENERS, type SsOptions } from './ssArgs';

export const GREPS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'findstr']);
export const AWKS: ReadonlySet<string> = new Set(['awk', 'gawk', 'mawk']);
const WORD = /[A-Za-z][A-Za-z0-9_-]*/g;

/**
 * The states a pattern or an awk program names (`TIME_WAIT`, `fin-wait-1`, `-i established`), each once. `text` is
 * a word of a command line, which command.ts bounds (MAX_COMMAND_LENGTH).
 */
export function statesNamedIn(text: string): StateId[] {
  const out: StateId[] = [];
  for (const m of text.matchAll(WORD)) {
    const state = lookupStateSpelling(m[0])?.state;
    if (state !== undefined && !out.includes(state)) out.push(state);
  }
  return out;
}

/**
 * The states a pipeline's first stage lists: undefined when it lists no sockets (not ss, netstat or
 * /proc/net/tcp; `ss -s`, `netstat -s`), null when it does but which states is not known.
 */
export function listedStates(tool: string, args: readonly string[], stages: readonly (readonly string[])[], ss: SsOptions | undefined): readonly StateId[] | null | undefined {
  if (tool === 'ss') return ss && !ss.summary ? (ss.shows ?? null) : undefined;
  if (tool === 'netstat') {
    if (args.some(isNetstatStatsFlag)) return undefined;
    // Linux net-tools, BSD and Windows alike: listeners with -a, only them with -l, none by default.
    if (args.some((w) => isFlag(w, 'a') || w === '--all')) return ALL_STATES;
    if (args.some((w) => isFlag(w, 'l') || w === '--listening')) return ONLY_LISTENERS;
    return WITHOUT_LISTENERS;
  }
  return stages.some((stage) => stage.some((w) => w.includes('/proc/net/tcp'))) ? ALL_STATES : undefined;
}

/** `states` narrowed by one filter naming `named` (null: the filter keeps or drops states in a way not known). */
function narrowTo(states: readonly StateId[], named: readonly StateId[], invert: boolean): readonly StateId[] | null {
  if (named.length === 0) return states; // a filter on something else (a port, an address, `tcp`) keeps every state
  if (invert || named.length > 1) return null;
  return states.filter((s) => s === named[0]);
}

/** The filters after the listing, each narrowing what it shows (the listing's own arguments are read by ss / netstat). */
export function narrowByFilters(states: readonly StateId[], stages: readonly (readonly string[])[]): readonly StateId[] | null {
  let shows: readonly StateId[] | null = states;
  for (const stage of stages) {
    if (shows === null) break;
    const name = basename(stage[0] ?? '');
    const rest = stage.slice(1);
    if (name === 'ss' || name === 'netstat') continue;
    if (GREPS.has(name)) {
      const r = readGrep(rest);
      const invert = r.invert || rest.some((w) => w.toLowerCase() === '/v');
      shows = narrowTo(shows, r.pattern === undefined ? [] : statesNamedIn(r.pattern), invert);
    } else if (name === 'find') {
      // Windows: find /c /v "" (count the lines), find "TIME_WAIT"
      const pattern = rest.find((w) => !w.startsWith('/')) ?? '';
      shows = narrowTo(shows, statesNamedIn(pattern), rest.some((w) => w.toLowerCase() === '/v'));
    } else if (AWKS.has(name)) {
      const program = awkProgram(rest) ?? '';
      shows = narrowTo(shows, statesNamedIn(program), program.includes('!'));
    } else if (rest.some((w) => statesNamedIn(w).length > 0)) {
      shows = null; // a stage not read here that names a state (`sed '/LISTEN/d'`)
    }
  }
  return shows;
}

/** awk's program: its first argument that is not an option (`-F :`, `-v x=1`, `-f file` take a value). */
function awkProgram(args: readonly string[]): string | undefined {
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a === '-F' || a === '-v' || a === '-f') {
      j++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) continue;
    return a;
  }
  return undefined;
}

/** `head`, and `tail` unless it starts from a line (`tail -n +2`, `tail +2`, `tail -n+2`, `--lines=+2`). */
export function cutsOutput(stage: readonly string[]): boolean {
  const name = basename(stage[0] ?? '');
  if (name === 'head') return true;
  if (name !== 'tail') return false;
  const rest = stage.slice(1);
  const fromLine = rest.some((w, j) => w.startsWith('+') || w.startsWith('-n+') || w.startsWith('--lines=+') || ((w === '-n' || w === '--lines') && (rest[j + 1] ?? '').startsWith('+')));
  return !fromLine;
}

/** `netstat -s` / `--statistics`: counters, not a listing. */
export function isNetstatStatsFlag(w: string): boolean {
  return w === '--statistics' || (w.length >= 2 && w[0] === '-' && w[1] !== '-' && w.includes('s'));
}
