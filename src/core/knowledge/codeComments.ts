/**
 * The comments of fenced code read as prose for the misconception checks: `sysctl.conf` snippets and shell
 * scripts carry the myths in their comments (`net.ipv4.tcp_fin_timeout = 15   # 缩短 TIME_WAIT 时间`, `# TIME_WAIT
 * lasts 4 minutes, so reuse it`). A comment line is read alone; a trailing comment is read with the setting before
 * it (the comment says what that setting does). Commands after a root prompt (`# sysctl -w …`) and lines without
 * a comment (settings, output) are not prose.
 * Pure: no `vscode`, no Node built-ins.
 */
import { classifyLine } from '../evidence/commandLine';
import { proseOf } from './noteLines';

/** A trailing comment: `#` between whitespace (not `a#b`, not the `#` ending a prompt such as `root@h:~# `). */
const TRAILING = /[ \t]#[ \t]/;
/** A comment holds words, not only a rule of dashes or a path. */
const WORDS = /[A-Za-z]{2}|[\u4e00-\u9fff]/;

export interface CodeComment {
  /** Where the prose starts in the line, and its end (exclusive). */
  readonly start: number;
  readonly end: number;
  /** The text read: the comment, or the setting and its comment, blanked as prose is (same length as the range). */
  readonly text: string;
}

/** The prose of one code line's comment, or undefined when the line has none (or one with no words). */
export function codeComment(raw: string): CodeComment | undefined {
  const lead = raw.length - raw.trimStart().length;
  const first = raw.charCodeAt(lead);
  let start: number;
  if ((first === 35 || first === 59) && classifyLine(raw)?.type !== 'command') {
    // A comment line: `# …`, `; …` (ini), `// …`.
    start = lead;
  } else if (first === 47 && raw.charCodeAt(lead + 1) === 47) {
    start = lead;
  } else if (TRAILING.test(raw)) {
    // The setting and its comment, read as one sentence.
    start = lead;
  } else return undefined;
  let end = raw.length;
  while (end > start && (raw.charCodeAt(end - 1) === 32 || raw.charCodeAt(end - 1) === 9)) end--;
  const text = proseOf(raw.slice(start, end)).replace(/(^|[ \t])(?:#+|;+|\/\/)(?=[ \t]|$)/g, (m) => ' '.repeat(m.length));
  return WORDS.test(text) ? { start, end, text } : undefined;
}
