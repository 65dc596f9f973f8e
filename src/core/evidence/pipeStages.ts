/**
 * The filter stages of a command's pipeline, read word by word: a `grep` (its count, inversion and pattern, and the
 * state the pattern names), and a stage that only drops a listing's header line. Read by command.ts.
 * Pure: no `vscode`, no Node built-ins.
 */
import { lookupStateSpelling } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';

/** Words of a listing's header line, as a `grep -v` drops it. */
const HEADER_WORDS: ReadonlySet<string> = new Set(['State', 'Recv-Q', 'Netid', 'Proto', '^State', '^Recv-Q', '^Netid', '^Proto', 'Active', '^Active']);

/** A stage that drops only the header line: `tail -n +2` (`-n+2`, `+2`), `awk 'NR>1'` (`NR > 1`, `NR>=2`), `sed 1d`, `grep -v State`. */
export function skipsHeader(name: string, rest: readonly string[]): boolean {
  const args = rest.join(' ').replace(/\s+/g, ' ').trim();
  if (name === 'tail') return /^(?:-n ?\+2|--lines=\+2|\+2)$/.test(args);
  if (name === 'awk' || name === 'gawk' || name === 'mawk') return /^NR ?(?:> ?1|>= ?2)$/.test(args);
  if (name === 'sed') return args === '1d' || args === '-e 1d';
  if (name === 'grep' || name === 'egrep') {
    const words = rest.filter((w) => !w.startsWith('-'));
    return rest.includes('-v') && words.length === 1 && HEADER_WORDS.has(words[0] as string);
  }
  return false;
}

/** A `grep` / `findstr` stage: counts (`-c`), inverts (`-v`), and the pattern with the state it names, if it is one spelling. */
export function readGrep(args: readonly string[]): { count: boolean; invert: boolean; state?: StateId; hasPattern: boolean; pattern?: string } {
  let count = false;
  let invert = false;
  let pattern: string | undefined;
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a === '-e' || a === '--regexp') {
      pattern ??= args[j + 1];
      j++;
      continue;
    }
    if (a.startsWith('--')) {
      if (a === '--count') count = true;
      if (a === '--invert-match') invert = true;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (a.includes('c')) count = true;
      if (a.includes('v')) invert = true;
      continue;
    }
    if (a.startsWith('/') && a.length >= 2 && /^\/[A-Za-z]/.test(a) && !a.startsWith('/proc')) {
      // findstr options: /C:"TIME_WAIT" (literal), /c is not a count in findstr but `find /c` is.
      const colon = a.indexOf(':');
      if (colon > 0) pattern ??= a.slice(colon + 1);
      continue;
    }
    if (pattern === undefined) pattern = a;
  }
  if (pattern === undefined) return { count, invert, hasPattern: false };
  const m = /[|()[\]*+?\\]/.test(pattern) ? undefined : lookupStateSpelling(pattern.trim());
  return m ? { count, invert, hasPattern: true, state: m.state, pattern } : { count, invert, hasPattern: true, pattern };
}

/**
 * An awk stage that prints one field of each row it keeps (`awk '{print $4}'`, `awk 'NR>1 {print $5}'`, `awk
 * '/TIME_WAIT/ {print $5}'`, `awk '$1 == "TIME-WAIT" {print $5}'`): the field, and the state its condition keeps.
 * Undefined for anything else — another field separator, a condition on another value (it would choose the rows
 * by what it counts), more than one field.
 */
export function readAwkPrint(args: readonly string[]): { field: number; state?: StateId } | undefined {
  if (args.length !== 1) return undefined;
  const program = (args[0] as string).trim();
  const open = program.indexOf('{');
  if (open < 0 || !program.endsWith('}') || program.indexOf('{', open + 1) >= 0) return undefined;
  const body = /^print\s+\$(\d{1,2})\s*;?$/.exec(program.slice(open + 1, -1).trim());
  const field = body ? Number(body[1]) : 0;
  if (field < 1) return undefined;
  const condition = program.slice(0, open).replace(/\s+/g, '');
  if (condition === '' || condition === 'NR>1' || condition === 'NR>=2') return { field };
  const named = /^\/([A-Za-z0-9_-]{1,20})\/$/.exec(condition) ?? /^\$\d{1,2}=="([A-Za-z0-9_-]{1,20})"$/.exec(condition);
  const state = named ? lookupStateSpelling(named[1] as string)?.state : undefined;
  return state !== undefined ? { field, state } : undefined;
}
