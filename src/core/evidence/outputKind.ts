/**
 * What one pipeline of a command line prints, from its words: how the outputs of a line of several commands
 * (`date; grep TCP: /proc/net/sockstat; sysctl -n KEY`) are told apart by shape. command.ts reads each pipeline's
 * kind: a filter cuts only the sockets of a pipeline that can print them, and the bare-number lines of the output
 * are tied to the commands that print them, in order. Read once per command line (memoised with it), never per
 * output line. Pure: no `vscode`, no Node built-ins.
 */
import { basename } from './text';

/**
 * - `none`: nothing (`for h in …`, `done`, `sleep 5`, `cd /tmp`);
 * - `text`: lines that are never a bare number nor a socket (`date`, `echo "== $h"`, /proc/net/sockstat, `sysctl KEY`, dmesg);
 * - `number`: one bare-number line of no socket (`date +%s`);
 * - `listing`: sockets (rows, a summary, counters), never a bare-number line (`ss -tan`, `netstat -s | grep -i listen`);
 * - `any`: anything, bare numbers included (`awk '{print $2}'`, `echo $N`, a command not known here).
 * command.ts tells two more from what it reads: a sysctl's values (`sysctl -n KEY`) and one count (`| wc -l`).
 */
export type OutputKind = 'none' | 'text' | 'number' | 'listing' | 'any';

/** Shell words before a command that print nothing themselves (`do echo …`, `then ss -s`, `time ss -s`). */
export const SHELL_LEAD: ReadonlySet<string> = new Set(['do', 'then', 'else', 'elif', 'if', 'while', 'until', 'time', '!', '{', '(']);
/** Commands that print nothing (a loop's header and end, a pause, a shell setting). */
const SILENT: ReadonlySet<string> = new Set(['for', 'done', 'fi', 'esac', '}', ')', 'sleep', 'cd', 'export', 'true', 'false', 'set', 'unset', ':', 'wait', 'local', 'clear', 'break', 'continue', 'read', 'shift']);
/** Tools that print sockets and never a bare-number line (`ss -s`, `netstat -s` and nstat print counters with names). */
const LISTERS: ReadonlySet<string> = new Set(['ss', 'netstat', 'nstat', 'lsof']);
/** Tools that print log or text lines. */
const TEXT_TOOLS: ReadonlySet<string> = new Set(['dmesg', 'journalctl', 'uname']);
/** Tools that print (some of) the lines of files. */
const FILE_READERS: ReadonlySet<string> = new Set(['cat', 'grep', 'egrep', 'fgrep', 'zgrep', 'head', 'tail', 'less', 'more']);
/** Stages that pass on some of the lines they are given, unchanged (grep without -c or -o, see keepsLines). */
const LINE_FILTERS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'head', 'tail', 'sort', 'uniq', 'less', 'more', 'cat', 'tee']);
/** date(1) conversions that print digits only (`%s`, `%H`, `%Y`, …). */
const NUMERIC_DATE = 'sHMSYmdyjNeklIuwUVWGgCq';

/** The kind of a pipeline's output (its stages of words; the first stage from its command on, or with wrapper words before it). */
export function outputKind(stages: readonly (readonly string[])[]): OutputKind {
  const first = stages[0];
  if (!first) return 'none';
  let k = 0;
  while (k < first.length && (SHELL_LEAD.has(first[k] as string) || isAssignment(first[k] as string))) k++;
  if (k >= first.length) return 'none';
  const name = basename(first[k] as string);
  const args = first.slice(k + 1);
  const base = firstStageKind(name, args);
  if (stages.length === 1 || base === 'any') return base;
  if (base !== 'text' && base !== 'listing') return 'any';
  for (let s = 1; s < stages.length; s++) if (!keepsLines(stages[s] as readonly string[])) return 'any';
  return base;
}

function firstStageKind(name: string, args: readonly string[]): OutputKind {
  if (SILENT.has(name)) return 'none';
  if (LISTERS.has(name)) return 'listing';
  if (TEXT_TOOLS.has(name)) return 'text';
  if (name === 'date') return dateKind(args);
  if (name === 'echo') return printsText(args.filter((a, j) => !(j === 0 && /^-[neE]{1,3}$/.test(a))).join(' '), false) ? 'text' : 'any';
  if (name === 'printf') return args.length > 0 && printsText(args[0] as string, true) ? 'text' : 'any';
  // `sysctl KEY` prints `KEY = value`; `sysctl -n KEY` the bare value (command.ts reads its keys).
  if (name === 'sysctl') return args.some((a) => a === '--values' || (a.length > 1 && a[0] === '-' && a[1] !== '-' && a.includes('n'))) ? 'any' : 'text';
  if (FILE_READERS.has(name)) return filesKind(name, args);
  return 'any';
}

/** `VAR=value` before a command (or alone). */
function isAssignment(w: string): boolean {
  const eq = w.indexOf('=');
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w.slice(0, eq));
}

/**
 * Files under /proc read whole or in part: /proc/net/tcp{,6} are sockets, /proc/sys/… bare values (any), the
 * others (/proc/net/sockstat, snmp, netstat, /proc/meminfo) text. Anything else, or no file (stdin): any.
 */
function filesKind(name: string, args: readonly string[]): OutputKind {
  const grep = name.endsWith('grep');
  if (grep && !keepsLines([name, ...args])) return 'any';
  let files = 0;
  let pattern = !grep || args.includes('-e') || args.includes('-f');
  let kind: OutputKind = 'text';
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a.startsWith('-') && a.length > 1) {
      if (grep && (a === '-e' || a === '-f' || a === '-m' || a === '-A' || a === '-B' || a === '-C')) j++;
      if ((name === 'head' || name === 'tail') && (a === '-n' || a === '-c')) j++; // head -n 3, tail -c 100
      continue;
    }
    if (!pattern) {
      pattern = true;
      continue;
    }
    files++;
    if (!a.startsWith('/proc/') || a.startsWith('/proc/sys/')) return 'any';
    if (a.includes('/net/tcp')) kind = 'listing';
  }
  return files > 0 ? kind : 'any';
}

/** A stage that passes on lines of its input unchanged: a line filter, and grep only without `-c` (counts) or `-o` (parts of lines). */
function keepsLines(stage: readonly string[]): boolean {
  const name = basename(stage[0] ?? '');
  if (!LINE_FILTERS.has(name)) return false;
  if (!name.endsWith('grep')) return true;
  for (const a of stage) {
    if (a === '--count' || a === '--only-matching') return false;
    if (a.length > 1 && a[0] === '-' && a[1] !== '-' && (a.includes('c') || a.includes('o'))) return false;
  }
  return true;
}

/**
 * `date` prints text (a weekday, a month name, `:` between hours and minutes) unless its `+FORMAT` holds only
 * conversions that print digits, and digits or spaces: `date +%s` prints one bare number. `%n` (a new line): any.
 */
function dateKind(args: readonly string[]): OutputKind {
  const fmt = args.find((a) => a.startsWith('+'));
  if (fmt === undefined) return 'text';
  for (let i = 1; i < fmt.length; i++) {
    const c = fmt.charCodeAt(i);
    if (c === 37 /* % */) {
      i++;
      while (i < fmt.length && '-_0^#123456789'.includes(fmt[i] as string)) i++;
      const conv = fmt[i];
      if (conv === 'n') return 'any';
      if (conv === undefined || !NUMERIC_DATE.includes(conv)) return 'text';
    } else if (!((c >= 48 && c <= 57) || c === 32)) return 'text';
  }
  return 'number';
}

/**
 * Does echo / printf print a character that is no digit and no space, outside what the shell or printf puts in
 * (`$h`, `${h}`, `$(…)`; printf's `%s`, `\n`)? Then its line is no bare number (`echo "== $h"`).
 */
function printsText(s: string, printf: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 36 /* $ */) {
      const next = s[i + 1];
      if (next === '{' || next === '(') {
        const close = s.indexOf(next === '{' ? '}' : ')', i + 2);
        if (close < 0) return false;
        i = close;
      } else {
        while (i + 1 < s.length && isNameCode(s.charCodeAt(i + 1))) i++;
      }
      continue;
    }
    if (printf && c === 37 /* % */) {
      i++;
      while (i < s.length && '-+ #0123456789.'.includes(s[i] as string)) i++;
      if (s[i] === '%') return true;
      continue;
    }
    if (printf && c === 92 /* \ */) {
      i++;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 32 || c === 9) continue;
    return true;
  }
  return false;
}

function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
