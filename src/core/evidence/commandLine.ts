/**
 * Which lines of a pasted block are command lines (`$ ss -tan`, `[root@web01 ~]# cat /proc/net/sockstat`, a
 * bare `ss -Htan state fin-wait-1 | wc -l`), comments or output: prompts and the commands known without one.
 * Called on every line of every block, so an output line is answered from its characters with no string made.
 * What a command line selects is read by command.ts. Pure: no `vscode`, no Node built-ins.
 */
import { isSpaceCode } from './text';

const MAX_PROMPT_LENGTH = 160;

/** Tools whose output the parsers read: both lists below start from these (command.ts reads the pipelines). */
export const PARSED_TOOLS: readonly string[] = ['ss', 'netstat', 'nstat', 'cat', 'sysctl', 'getconf', 'awk', 'gawk', 'mawk', 'grep', 'egrep', 'dmesg', 'journalctl', 'uname', 'lsof'];

/**
 * Commands that make a line a command line without a `$ ` prompt (a bare `ss -tan`, or `# cat …` as a root
 * prompt): the parsed tools and the wrappers they are run under. Ordinary English words that also start output
 * lines (`echo requests: 6` in netstat -s, `time`, `for`, `sort`) are deliberately absent: after an explicit `$ ` /
 * `user@host:~$ ` prompt any command counts.
 */
const KNOWN_COMMANDS: ReadonlySet<string> = new Set([...PARSED_TOOLS, 'zgrep', 'sudo', 'doas', 'watch', 'ip', 'nsenter', 'kubectl', 'docker', 'crictl', 'tcpdump', 'conntrack']);

export type LineClass = { readonly type: 'command'; readonly text: string } | { readonly type: 'comment' };

/**
 * Is the line a command (with or without a prompt), a comment, or neither (output)? Called on every line of
 * every block: an output line (most lines) is answered by looking at its characters, with no string made.
 */
export function classifyLine(line: string): LineClass | undefined {
  let i = 0;
  const n = line.length;
  while (i < n && isSpaceCode(line.charCodeAt(i))) i++;
  if (i >= n) return undefined;
  const c = line.charCodeAt(i);
  const c1 = i + 1 < n ? line.charCodeAt(i + 1) : -1;
  if (c === 35 /* # */) {
    if (i + 1 === n) return { type: 'comment' };
    if (c1 === 32 || c1 === 9) {
      const rest = line.slice(i + 2).trimStart();
      return startsWithKnownCommand(rest, 0) ? { type: 'command', text: rest } : { type: 'comment' };
    }
    if (c1 === 33 /* ! */) return { type: 'comment' };
    return undefined; // `#kernel`, nstat's `#24541.1804289383 sampling_interval=…`
  }
  if (c === 47 && c1 === 47) return { type: 'comment' }; // `//`
  if ((c === 36 /* $ */ || c === 37 /* % */ || c === 0x276f /* ❯ */ || c === 62 /* > */) && (c1 === 32 || c1 === 9)) {
    const rest = line.slice(i + 2).trimStart();
    if (c === 62 && !startsWithKnownCommand(rest, 0)) return undefined;
    return rest.length > 0 ? { type: 'command', text: rest } : { type: 'comment' };
  }
  // Most lines start with a word of [\w.-] characters ended by a space (`FIN-WAIT-1 0 …`, `tcp 0 …`): such a
  // word starts no prompt (mayStartPrompt needs `@`, `:`, `[` or `PS `) and is its own basename with no `=`,
  // so one scan of it decides the line.
  let k = i;
  while (k < n && isPromptWordCode(line.charCodeAt(k))) k++;
  if (k > i && (k === n || isSpaceCode(line.charCodeAt(k))) && !line.startsWith('PS ', i)) {
    return isKnownCommand(line, i, k) ? { type: 'command', text: i === 0 ? line : line.slice(i) } : undefined;
  }
  const afterPrompt = promptEnd(line, i);
  if (afterPrompt > 0) {
    const rest = line.slice(i + afterPrompt).trimStart();
    return rest.length > 0 ? { type: 'command', text: rest } : { type: 'comment' };
  }
  if (startsWithKnownCommand(line, i)) return { type: 'command', text: i === 0 ? line : line.slice(i) };
  return undefined;
}

/**
 * A line that is not a command line but mentions an `ss … state <keyword>` invocation in passing
 * (`运行 ss -tan state fin-wait-1 得到：`): the command text from `ss` on, or undefined.
 */
export function embeddedSsCommand(line: { readonly text: string; readonly tokens: readonly string[] }): string | undefined {
  if (!line.text.includes('ss ') || !line.text.includes('state ')) return undefined;
  const tokens = line.tokens; // only now: most lines fail the text test
  const at = tokens.indexOf('ss');
  if (at < 0 || !tokens.slice(at + 1).includes('state')) return undefined;
  return tokens.slice(at).join(' ');
}

/** (length, first character) of each of KNOWN_COMMANDS: most first words fail this before any string is made. */
const shapeOf = (length: number, first: number): number => length * 0x10000 + first;
const KNOWN_SHAPES: ReadonlySet<number> = new Set([...KNOWN_COMMANDS].map((w) => shapeOf(w.length, w.charCodeAt(0))));
const MAX_FIRST_WORD = 200;

/** Is s[start, end) one of KNOWN_COMMANDS? */
function isKnownCommand(s: string, start: number, end: number): boolean {
  return start < end && KNOWN_SHAPES.has(shapeOf(end - start, s.charCodeAt(start))) && KNOWN_COMMANDS.has(s.slice(start, end));
}

/**
 * Does `s` from `from` start with a known command: its first word (at most MAX_FIRST_WORD characters, up to
 * the first space), by its basename (`/usr/sbin/ss`), or after `VAR=value` words?
 */
function startsWithKnownCommand(s: string, from: number): boolean {
  const n = s.length;
  let e = from;
  let eq = -1;
  for (; e < n && e - from < MAX_FIRST_WORD; e++) {
    const c = s.charCodeAt(e);
    if (isSpaceCode(c)) break;
    if (c === 61 /* = */ && eq < 0) eq = e;
  }
  if (e === from) return false;
  let b = e; // the basename starts after the word's last `/`
  while (b > from && s.charCodeAt(b - 1) !== 47 /* / */) b--;
  if (isKnownCommand(s, b, e)) return true;
  // VAR=value ss …
  if (eq > from && /^[A-Za-z_][A-Za-z0-9_]*$/.test(s.slice(from, eq))) {
    return startsWithKnownCommand(s.slice(e).trimStart(), 0);
  }
  return false;
}

/**
 * A necessary condition for promptEnd, from the first characters only: every prompt it knows starts with `[`,
 * with `PS `, or with a run of [\w.-] characters ended by `@` or `:` (`user@host`, `host:~`, `C:\`). Output
 * lines (`FIN-WAIT-1 0 …`, `tcp 0 …`) fail it at their first space.
 */
export function mayStartPrompt(line: string, from: number, to: number): boolean {
  if (line.charCodeAt(from) === 91 /* [ */) return true;
  let k = from;
  while (k < to && isPromptWordCode(line.charCodeAt(k))) k++;
  if (k === from || k >= to) return false;
  const stop = line.charCodeAt(k);
  return stop === 64 /* @ */ || stop === 58 /* : */ || line.startsWith('PS ', from);
}

/** [\w.-]: ASCII letters, digits, `_`, `.`, `-`. */
function isPromptWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** A prompt's last character, searched from a given offset (`lastIndex`). */
const PROMPT_MARK = /[$#%>]/g;

/**
 * Length of a shell prompt at `from` in `line` (`root@web01:~# `, `[root@web01 ~]# `, `user@host ~ $ `,
 * `C:\Users\me> `, `PS C:\> `), or 0. Only looks at the first MAX_PROMPT_LENGTH characters from `from`.
 * Exported for its unit test.
 */
export function promptEnd(line: string, from: number): number {
  const to = Math.min(line.length, from + MAX_PROMPT_LENGTH);
  if (!mayStartPrompt(line, from, to)) return 0;
  // Every prompt below ends in `$`, `#`, `%` or `>`: an output line (most lines) has none of them.
  PROMPT_MARK.lastIndex = from;
  if (!PROMPT_MARK.test(line) || PROMPT_MARK.lastIndex > to) return 0;
  const s = from === 0 && to === line.length ? line : line.slice(from, to);
  const isTerm = (ch: string | undefined): boolean => ch === '$' || ch === '#' || ch === '%';
  const spaceAt = (i: number): boolean => i >= s.length || isSpaceCode(s.charCodeAt(i));
  if (s.startsWith('[')) {
    // [root@web01 ~]#  /  [user@host dir]$
    const close = s.indexOf(']');
    if (close > 1 && isTerm(s[close + 1]) && spaceAt(close + 2)) return close + 2;
    return 0;
  }
  if (/^(PS )?[A-Za-z]:\\/.test(s)) {
    const gt = s.indexOf('>');
    return gt > 0 && spaceAt(gt + 1) ? gt + 1 : 0;
  }
  const words = s.split(' ', 4);
  const w0 = words[0] ?? '';
  // user@host:~$  root@web01:/#  host:~#
  if (w0.length >= 2 && isTerm(w0[w0.length - 1])) {
    const body = w0.slice(0, -1);
    if (/^[\w.-]+@[\w.-]+(:\S*)?$/.test(body) || /^[\w.-]+:[~/]\S*$/.test(body)) return w0.length;
    return 0;
  }
  // user@host $   user@host ~ $   user@host ~/dir %   web01:~ #  (SUSE)
  if (/^[\w.-]+@[\w.-]+(:\S*)?$/.test(w0) || /^[\w.-]+:[~/]\S*$/.test(w0)) {
    const w1 = words[1];
    if (isTerm(w1) && w1?.length === 1) return w0.length + 2;
    const w2 = words[2];
    if (w1 !== undefined && /^[~/]/.test(w1) && w2?.length === 1 && isTerm(w2)) return w0.length + w1.length + 3;
  }
  return 0;
}

/** A time stamp before a prompt (`[09:20:11] $ `, `09:20:11 $ `, `[2024-06-18 09:00:05] `): PS1 with `\t`/`\A`. */
const STAMP = /^\s*(?:\[[\d/: -]{4,25}\]|\d{1,2}:\d{2}(?::\d{2})?)[ \t]+/;

/**
 * The prompt of a command line (`[root@lb-7 09:20:11]# `, `[09:20:11] $ `, `09:20:11 $ `), without the command,
 * or undefined when the line is no command line or has no prompt (`$ ` alone is a prompt; a bare `ss -s` has
 * none). A time stamp before the prompt counts only when the rest of the line is a command line: `09:20:11 up 3
 * days` (uptime) or `[12:34:56] TCP: …` (a log) are output. The sample-time reader looks for a time here only.
 */
export function promptOf(line: string): string | undefined {
  const stamp = STAMP.exec(line);
  const rest = stamp ? line.slice(stamp[0].length) : line;
  const cls = classifyLine(rest);
  if (cls?.type !== 'command') return undefined;
  // classifyLine's command text is a suffix of the line: the prompt is what stands before it.
  const prompt = line.slice(0, line.length - cls.text.length);
  return prompt.trim().length > 0 ? prompt : undefined;
}

/**
 * The host a prompt names (`[root@lb-7 ~]# ` and `ops@web01:/var/log$ ` → after the `@`; SUSE's `web01:~ # ` →
 * before the `:`), or undefined (`$ `, `C:\> `, `[09:20:11] $ `). `prompt` is what stands before the command.
 */
export function promptHost(prompt: string): string | undefined {
  const n = Math.min(prompt.length, MAX_PROMPT_LENGTH);
  const at = prompt.indexOf('@');
  if (at > 0 && at < n) {
    let e = at + 1;
    while (e < n && isPromptWordCode(prompt.charCodeAt(e))) e++;
    return e > at + 1 ? prompt.slice(at + 1, e) : undefined;
  }
  let b = 0;
  while (b < n && isSpaceCode(prompt.charCodeAt(b))) b++;
  let e = b;
  while (e < n && isPromptWordCode(prompt.charCodeAt(e))) e++;
  const next = prompt.charCodeAt(e + 1);
  return e > b && prompt.charCodeAt(e) === 58 /* : */ && (next === 126 /* ~ */ || next === 47) /* / */ ? prompt.slice(b, e) : undefined;
}
