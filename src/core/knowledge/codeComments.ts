/**
 * The comments of fenced code read as prose for the misconception checks: `sysctl.conf` snippets and shell
 * scripts carry the myths in their comments (`net.ipv4.tcp_fin_timeout = 15   # 缩短 TIME_WAIT 时间`, `# TIME_WAIT
 * lasts 4 minutes, so reuse it`). A comment line is read alone; a trailing comment is read with the setting before
 * it (the comment says what that setting does). Commands after a root prompt (`# sysctl -w …`) and lines without
 * a comment (settings, output) are not prose.
 * Pure: no `vscode`, no Node built-ins.
 */
import { classifyLine } from '../evidence/commandLine';
import { refutes, refutesBefore } from './claimScope';
import { MAX_SENTENCE, proseOf } from './noteLines';

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
  /** A comment line (no setting before the comment). */
  readonly only: boolean;
}

/** The prose of one code line's comment, or undefined when the line has none (or one with no words). */
export function codeComment(raw: string): CodeComment | undefined {
  // Most code lines are output with no comment marker at all: two scans for `#` and `//`, no pattern.
  if (!raw.includes('#') && !raw.includes('//') && !raw.trimStart().startsWith(';')) return undefined;
  const lead = raw.length - raw.trimStart().length;
  const first = raw.charCodeAt(lead);
  const start = lead;
  let only = true;
  if ((first === 35 || first === 59) && classifyLine(raw)?.type !== 'command') {
    // A comment line: `# …`, `; …` (ini), `// …`.
  } else if (first === 47 && raw.charCodeAt(lead + 1) === 47) {
    // `// …`
  } else if (TRAILING.test(raw)) {
    // The setting and its comment, read as one sentence.
    only = false;
  } else return undefined;
  let end = raw.length;
  while (end > start && (raw.charCodeAt(end - 1) === 32 || raw.charCodeAt(end - 1) === 9)) end--;
  const text = proseOf(raw.slice(start, end)).replace(/(^|[ \t])(?:#+|;+|\/\/)(?=[ \t]|$)/g, (m) => ' '.repeat(m.length));
  return WORDS.test(text) ? { start, end, text, only } : undefined;
}

/** Words of a line that frames the lines under it as what not to believe or do (`# Many blog posts claim:`, `# BAD:`). */
const FRAME_WORDS: ReadonlySet<string> = new Set('claim claims myth myths wrong bad incorrect false misconception misconceptions antipattern antipatterns'.split(' '));
const FRAME_ZH = /错误|误区|反例|不要照抄|别抄|谣言|网上说|有人说|据说/;
const WORD = /[a-z]+/g;
/** A line that frames what follows as what not to believe or do: a framing word, and a colon or a refutation. */
function frames(text: string): boolean {
  if (text.length > MAX_SENTENCE) return false;
  const lower = text.toLowerCase();
  let strong = FRAME_ZH.test(text) || lower.includes('do not copy') || lower.includes("don't copy");
  let framing = strong;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    if (!FRAME_WORDS.has(m[0])) continue;
    framing = true;
    if (m[0] === 'bad' || m[0] === 'wrong') strong = true;
  }
  const end = text.trimEnd();
  return framing && (strong || refutes(text) || end.endsWith(':') || end.endsWith('：'));
}

/** A line a diff removed (`-net.ipv4.tcp_fin_timeout = 10`): not `---` and not a list's `- `. */
const REMOVED_LINE = /^-(?![-\s])/;

/**
 * Reads a code block's comments in order: a comment line that frames what follows (`# Many blog posts claim:`)
 * takes back the comments and settings under it, up to the first line without a comment; a comment line that the
 * next one answers (`# That is wrong on Linux`) is taken back; lines a diff removed are not read.
 */
export class CodeComments {
  private framed = false;
  private blockFramed = false;

  /**
   * A fence line: a code block starts or ends. `above` is the prose line just above an opening fence: one that frames
   * the block (`Old sysctl.conf we found (wrong, fixed in CHG-1234):`, 错误示范：) takes back every comment in it.
   */
  fence(above?: string): void {
    this.framed = false;
    this.blockFramed = above !== undefined && frames(above);
  }

  /** The comment of `raw` to read as prose, or undefined; `next` is the block's line after it, if any. */
  read(raw: string, next: string | undefined): CodeComment | undefined {
    if (REMOVED_LINE.test(raw)) return undefined;
    const c = codeComment(raw);
    if (!c) {
      this.framed = false;
      return undefined;
    }
    if (c.only && frames(c.text)) {
      this.framed = true;
      return undefined;
    }
    if (this.framed || this.blockFramed) return undefined;
    const after = next === undefined ? undefined : codeComment(next);
    if (after?.only && after.text.length <= MAX_SENTENCE && (refutesBefore(after.text.trim()) || refutes(after.text))) return undefined;
    return c;
  }
}
