/**
 * A shell loop on a command line (`while true; do date; ss -tan | … | uniq -c; sleep 60; done`, `for h in lb-2 lb-3;
 * do echo "== $h"; ssh $h cat /proc/net/sockstat; done`): its output is the loop body's output once per pass, so what
 * the command line says of its outputs (which count is which, which bare number is which key's, which listing is
 * which command's) applies to each pass anew. parse.ts starts a pass at
 * - a line of `date` output, when the body runs `date` (`Tue Mar 18 23:59:41 UTC 2025`, `10:01:00`): each pass's
 *   output then is its own sample, as the report's timeline reads it. When the body prints its output before its
 *   `date` (`ss … | wc -l; date`: Loop.dateLast), a date line ends a pass instead, and dates the output before it;
 * - the line the loop echoes to name its item (`== lb-2`, `--- api-b ---`, `[lb-2]`, `lb-3:`), when the body runs a
 *   command elsewhere with the loop's variable (`ssh $h`, `kubectl exec $p`, `ip netns exec $n`, `nsenter -t $pid -n`):
 *   the pass runs the body with the variable set to that item (passCommand), so each of its commands that names the
 *   variable runs there (that item's host or network namespace: commandScope.ts names it), and the others where they
 *   say. The first MAX_ITEMS items are read so; a later item's marker starts a pass that is not read (LoopItem.target).
 * Nothing else starts a pass: without such a line, which pass (or which host) a later output is cannot be told.
 * Pure: no `vscode`, no Node built-ins; linear patterns, bounded work per command line.
 */
import { pipelineTarget, pipelineTool } from './command';
import { SHELL_LEAD } from './outputKind';
import { splitShell } from './shellWords';
import { onlyDateWords } from './dateWords';

/**
 * One word of a `for VAR in …` loop and where its pass runs (commandScope.ts's name: `ssh lb-2`, `kubectl /api-a`);
 * no target for a word after the first MAX_ITEMS: its pass is not read (its output is no other item's).
 */
export interface LoopItem {
  readonly name: string;
  readonly target?: string;
}

export interface Loop {
  /** The body runs `date`: a line of its output starts a pass (or ends one: dateLast). */
  readonly dated: boolean;
  /** The body prints output before its `date` (`ss … | wc -l; date`): a date line ends a pass and dates its output. */
  readonly dateLast?: true;
  /** The loop's words, when its body runs a command elsewhere with the loop's variable: a marker naming one starts its pass. */
  readonly items?: readonly LoopItem[];
  /** The loop's variable (`h` of `for h in …`), when it has items: a pass runs the body with it set (passCommand). */
  readonly variable?: string;
}

const MAX_LOOP_LENGTH = 1000;
const MAX_ITEMS = 64;
const LOOP_KEYWORDS: ReadonlySet<string> = new Set(['for', 'while', 'until']);
/** A shell variable's name. */
const VARIABLE = /^[A-Za-z_]\w{0,63}$/;
/** A loop word naming a place: a host (maybe `user@` before it), a pod, a container, a namespace, a PID. */
const ITEM_WORD = /^(?:[A-Za-z0-9_.-]{1,32}@)?[A-Za-z0-9][A-Za-z0-9_./-]{0,126}$/;
/** `do` as a shell word (a cheap test before the line is split). */
const DO_WORD = /(?:^|[\s;&|])do\s/;
/** `date` run as a command anywhere on the line, in a quoted command too (`ssh $h 'date +%T; …'`). */
const RUNS_DATE = /(?:^|[\s;&|(`'"])date(?=$|[\s;&|)`'"])/;

/** The loop a command line runs, or undefined when it runs none (`for`, `while` or `until`, then `do`). */
export function readLoop(command: string): Loop | undefined {
  if (command.length > MAX_LOOP_LENGTH || !DO_WORD.test(command)) return undefined;
  const pipelines = splitShell(command);
  const opens = pipelines.findIndex((p) => LOOP_KEYWORDS.has(p[0]?.[0] ?? ''));
  if (opens < 0) return undefined;
  const body = pipelines.slice(opens + 1);
  if (!body.some((p) => p[0]?.[0] === 'do')) return undefined;
  const dated = RUNS_DATE.test(command);
  const head = pipelines[opens] as readonly (readonly string[])[];
  const items = loopItems(head, body);
  const last = dated && firstPrinted(body, 0) === 'output' ? { dateLast: true as const } : {};
  return items === undefined ? { dated, ...last } : { dated, ...last, items, variable: head[0]?.[1] as string };
}

/**
 * The command a pass of the loop runs for `item` (`for h in lb-1 lb-2; do ssh $h …` → `… ssh lb-2 …` for lb-2): the
 * line with the loop's variable set to it, so that each command names where it runs as it would alone.
 */
export function passCommand(command: string, loop: Loop, item: LoopItem): string {
  return loop.variable === undefined ? command : substitute(command, loop.variable, item.name);
}

/** Commands that print what the loop's body says, not an output read as evidence (a marker, a label), unless they print a `date`. */
const ECHOES: ReadonlySet<string> = new Set(['echo', 'printf']);

/**
 * What a loop's body prints first: `date`'s output, or the output of a tool the evidence reader reads (`ss`, `cat
 * /proc/net/sockstat`, in a command run elsewhere too: `ssh $h 'ss -s; date'`); an echoed marker is neither. Undefined
 * when neither is printed (or not within two levels of quoting).
 */
function firstPrinted(pipelines: readonly (readonly (readonly string[])[])[], depth: number): 'date' | 'output' | undefined {
  for (const p of pipelines) {
    const stage = p[0] ?? [];
    let lead = 0;
    while (lead < stage.length - 1 && SHELL_LEAD.has(stage[lead] as string)) lead++;
    const words = stage.slice(lead);
    const first = words[0] ?? '';
    if (first === 'date') return 'date';
    if (ECHOES.has(first)) {
      if (RUNS_DATE.test(words.join(' '))) return 'date'; // `echo "$(date)"`
      continue;
    }
    if (depth < 2) {
      for (const w of words) {
        const inner = w.includes(' ') ? firstPrinted(splitShell(w), depth + 1) : undefined;
        if (inner !== undefined) return inner;
      }
    }
    const tool = pipelineTool([words, ...p.slice(1)]);
    if (tool !== undefined && !ECHOES.has(tool)) return 'output';
  }
  return undefined;
}

/**
 * The items of `for VAR in W1 W2 …` whose body runs a command elsewhere with `$VAR` (its target names the variable),
 * each with its own target (the variable replaced by it); undefined when the words are not in the line (`$(cat hosts)`,
 * a glob) or no command of the body runs elsewhere with them.
 */
function loopItems(head: readonly (readonly string[])[], body: readonly (readonly (readonly string[])[])[]): readonly LoopItem[] | undefined {
  const words = head[0] ?? [];
  const variable = words[1] ?? '';
  if (head.length !== 1 || words[0] !== 'for' || words[2] !== 'in' || !VARIABLE.test(variable)) return undefined;
  const names = words.slice(3);
  if (names.length === 0 || !names.every((w) => ITEM_WORD.test(w))) return undefined;
  // The first MAX_ITEMS words are read; a later one is still known by its marker, whose pass is then read as none.
  const kept = names.slice(0, MAX_ITEMS);
  for (const pipeline of body) {
    if (!pipeline.some((stage) => stage.some((w) => namesVariable(w, variable)))) continue;
    const items: LoopItem[] = [];
    for (const name of kept) {
      // The place the pipeline runs in with the item for the variable names the item (`ssh lb-2`, `nsenter 4821`).
      const target = pipelineTarget(pipeline.map((stage) => stage.map((w) => substitute(w, variable, name))));
      if (target === undefined || !namesItem(target, afterAt(name))) break;
      items.push({ name, target });
    }
    if (items.length === kept.length) return [...items, ...names.slice(MAX_ITEMS).map((name) => ({ name }))];
  }
  return undefined;
}

/** Whether `text` holds `$VAR` (not the start of a longer name) or `${VAR}`. */
function namesVariable(text: string, variable: string): boolean {
  return substitute(text, variable, '') !== text;
}

/** `text` with each `$VAR` (not the start of a longer name) and `${VAR}` replaced by `value`. */
function substitute(text: string, variable: string, value: string): string {
  if (!text.includes('$')) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf('$', from); at >= 0; at = text.indexOf('$', from)) {
    const braced = text.startsWith(`\${${variable}}`, at);
    const bare = !braced && text.startsWith(variable, at + 1) && !/\w/.test(text[at + 1 + variable.length] ?? '');
    if (!braced && !bare) {
      out += text.slice(from, at + 1);
      from = at + 1;
      continue;
    }
    out += text.slice(from, at) + value;
    from = at + (braced ? variable.length + 3 : variable.length + 1);
  }
  return out + text.slice(from);
}

/** What a marker line puts around a name: `== lb-2`, `--- lb-3 ---`, `### lb-2`, `[lb-2]`, `<lb-2>`, `lb-2:`. */
const MARKER_CHARS = ' \t=#*>-[]<:';
/** The name itself. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_./@-]*$/;
const DIGITS = /^\d+$/;

/**
 * The item a marker line names (`== lb-2`, `[api-b]`: one of the loop's items alone on its line, `user@` before a host
 * left out on either side); a number only between marker characters (`== 4821`: a bare `4821` is a count).
 */
export function loopItemMarker(text: string, items: readonly LoopItem[]): LoopItem | undefined {
  if (text.length > 160) return undefined;
  let a = 0;
  let b = text.length;
  while (a < b && MARKER_CHARS.includes(text[a] as string)) a++;
  while (b > a && MARKER_CHARS.includes(text[b - 1] as string)) b--;
  const word = text.slice(a, b);
  if (a > 12 || text.length - b > 12 || !NAME.test(word)) return undefined;
  if (a === 0 && b === text.length && DIGITS.test(word)) return undefined;
  const key = afterAt(word);
  return items.find((item) => afterAt(item.name) === key);
}

/** Whether a target holds the item as a word of its own (`kubectl shop/api-a` holds `api-a`; `ssh lb-21` not `lb-2`). */
function namesItem(target: string, item: string): boolean {
  for (let at = target.indexOf(item); at >= 0; at = target.indexOf(item, at + 1)) {
    const before = target[at - 1];
    const after = target[at + item.length];
    if ((before === undefined || before === ' ' || before === '/') && (after === undefined || after === ' ')) return true;
  }
  return false;
}

function afterAt(word: string): string {
  return word.slice(word.indexOf('@') + 1);
}

/** A time of day as `date` prints it: `23:58:41`, `2025-03-04T10:00:00+00:00`, `02时40分07秒`. */
const CLOCK_WORD = /^(?:\d{4}-\d{2}-\d{2}T)?\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$|^\d{1,2}时\d{2}分(?:\d{2}秒)?$/;

/**
 * A line of `date` output: only the words of a date and time (dateWords.ts), one of them a time of day (`Tue Mar 18
 * 23:59:41 UTC 2025`, `2025年 03月 18日 星期二 23:59:41 CST`, `10:01:00`, `下午 01时20分11秒`). Not a count (`981`), a
 * listing's row (`10.0.0.1:80` is no time) nor a sockstat line.
 */
export function isDateOutput(text: string): boolean {
  if (text.length > 80 || (!text.includes(':') && !text.includes('时'))) return false;
  const words = text.trim().split(/\s+/);
  return words.length <= 8 && words.some((w) => CLOCK_WORD.test(w)) && onlyDateWords(text);
}
