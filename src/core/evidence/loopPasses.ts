/**
 * A shell loop on a command line (`while true; do date; ss -tan | … | uniq -c; sleep 60; done`, `for h in lb-2 lb-3;
 * do echo "== $h"; ssh $h cat /proc/net/sockstat; done`): its output is the loop body's output once per pass, so what
 * the command line says of its outputs (which count is which, which bare number is which key's, which listing is
 * which command's) applies to each pass anew. parse.ts starts a pass at
 * - a line of `date` output, when the body runs `date` (`Tue Mar 18 23:59:41 UTC 2025`, `10:01:00`): each pass's
 *   output then is its own sample, as the report's timeline reads it;
 * - the line the loop echoes to name its item (`== lb-2`, `--- api-b ---`, `[lb-2]`, `lb-3:`), when the body runs a
 *   command elsewhere with the loop's variable (`ssh $h`, `kubectl exec $p`, `ip netns exec $n`, `nsenter -t $pid -n`):
 *   the output under it ran there (that item's host or network namespace: commandScope.ts names it).
 * Nothing else starts a pass: without such a line, which pass (or which host) a later output is cannot be told.
 * Pure: no `vscode`, no Node built-ins; linear patterns, bounded work per command line.
 */
import { pipelineTarget } from './command';
import { splitShell } from './shellWords';
import { onlyDateWords } from './dateWords';

/** One word of a `for VAR in …` loop and where its pass runs (commandScope.ts's name: `ssh lb-2`, `kubectl /api-a`). */
export interface LoopItem {
  readonly name: string;
  readonly target: string;
}

export interface Loop {
  /** The body runs `date`: a line of its output starts a pass. */
  readonly dated: boolean;
  /** The loop's words, when its body runs a command elsewhere with the loop's variable: a marker naming one starts its pass. */
  readonly items?: readonly LoopItem[];
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
  const items = loopItems(pipelines[opens] as readonly (readonly string[])[], body);
  return items === undefined ? { dated } : { dated, items };
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
  if (names.length === 0 || names.length > MAX_ITEMS || !names.every((w) => ITEM_WORD.test(w))) return undefined;
  for (const pipeline of body) {
    if (!pipeline.some((stage) => stage.some((w) => namesVariable(w, variable)))) continue;
    const items: LoopItem[] = [];
    for (const name of names) {
      // The place the pipeline runs in with the item for the variable names the item (`ssh lb-2`, `nsenter 4821`).
      const target = pipelineTarget(pipeline.map((stage) => stage.map((w) => substitute(w, variable, name))));
      if (target === undefined || !namesItem(target, afterAt(name))) break;
      items.push({ name, target });
    }
    if (items.length === names.length) return items;
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
