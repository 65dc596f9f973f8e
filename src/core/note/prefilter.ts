/**
 * The recogniser's prefilter: which lines of a note each of its passes must read, and where a state spelling
 * can start. Real notes are mostly prose; most lines name nothing, and a line that names nothing costs only
 * one scan of two patterns built here from the catalogue (not hand-listed):
 *
 *  - STATE_CANDIDATE_PATTERN: the first letters of every state spelling (`FIN`, `fin-wa`, `TCP_FIN…`, the
 *    .NET and BSD forms, `ss` aggregates), case-insensitive, after a character that is not a letter or digit,
 *    with up to 3 of `-`, `_`, `\`, `＿`, `－` or space between two letters; or a run of 4 of those but space (a spelling
 *    bent further than that holds such a run). Every token the token pass accepts normalises to one of these
 *    words, so it holds a match: at its first letter, or inside it.
 *  - LINE_ANCHOR_PATTERN (built in recognize.ts from the counters and messages it knows): a necessary literal
 *    of each other pass (`tcp_` of a sysctl, `TCP:` of a sockstat line, a counter name, a kernel message,
 *    `--state`, `src=` of a conntrack row, the `: ` after the slot number of a /proc/net/tcp row), one capture group per pass; the pass
 *    then reads only the lines that hold its anchor.
 *
 * Both patterns have bounded quantifiers only: a match attempt reads at most a few dozen characters, so a scan
 * is linear (test/unit/prefilter.test.ts checks the bound; the ReDoS checker cannot prove tries this large).
 * Every pass matches within one line (recognize.ts: look-arounds never leave the line), so reading only
 * those lines finds exactly what reading the whole text finds; test/unit/prefilter.test.ts checks it against
 * the unfiltered scan on random, hostile and CJK text. Pure: no `vscode`, no Node built-ins.
 */
import { normaliseSpelling, SPELLING_TABLES, SS_AGGREGATES } from '../catalogue/spellings';
import { prefixTrieSource } from './trie';

/** Letters of a spelling the state prefilter requires (more: fewer false candidates, a longer pattern). */
const STATE_PREFIX_LETTERS = 5;

function stateWords(): string[] {
  const keys = [...SPELLING_TABLES.normalised.keys()];
  const prefixes = SPELLING_TABLES.prefixes.map(([p]) => normaliseSpelling(p));
  const words = [...keys, ...prefixes.flatMap((p) => keys.map((k) => p + k)), ...SS_AGGREGATES.keys()];
  return [...new Set(words.map((w) => w.toLowerCase().slice(0, STATE_PREFIX_LETTERS)))];
}

/** Where a state spelling, a prefixed enum name or an `ss` aggregate keyword can start (global, case-insensitive). */
export const STATE_CANDIDATE_PATTERN = new RegExp(`(?<![A-Za-z0-9])${prefixTrieSource(stateWords(), String.raw`[-_\\ \uFF3F\uFF0D]{0,3}`)}|${String.raw`[-_\\\uFF3F\uFF0D]{4}`}`, 'gi');

/** The passes the line prefilter serves, in the order of LINE_ANCHOR_PATTERN's capture groups. */
export const LINE_PASSES = ['proc', 'sockstat', 'sysctl', 'counter', 'phrase', 'conntrackMatch', 'conntrackRow'] as const;
export type LinePass = (typeof LINE_PASSES)[number];

/** Flat [from, to) pairs of whole lines (to is the line's `\n` or the end of the text), ascending, merged. */
export type LineRuns = number[];

/**
 * One pattern, one capture group per pass (case-insensitive: a superset for the case-sensitive passes). At one
 * position at most one group can match (after `tcp` they differ in the next character), and the scan resumes
 * one character after each match, so no anchor hides another.
 */
export function lineAnchorPattern(counters: readonly string[], phrases: readonly string[], shortSysctls: readonly string[] = []): RegExp {
  const lit = (words: readonly string[]): string => prefixTrieSource(words.map((w) => w.toLowerCase()), '');
  const groups: Record<LinePass, string> = {
    // PROC_ROW_PATTERN: `\d+:[ \t]+` before the local address. The digit is left out: a pattern that can start
    // at any digit is tried at every digit of a listing, and reading a line with `: ` for nothing is cheap.
    proc: String.raw`:[ \t]`,
    // SOCKSTAT_LINE_PATTERN, SS_SUMMARY_LINE_PATTERN, SOCKETS_USED_PATTERN.
    sockstat: lit(['tcp:', 'tcp6:', 'sockets:']),
    // SYSCTL_PATTERN, CORE_SYSCTL_PATTERN and SHORT_SYSCTL_PATTERN: the key itself is required.
    sysctl: lit(['tcp_', 'ip_local_port_range', 'somaxconn', 'netdev_max_backlog', ...shortSysctls]),
    counter: lit(counters),
    phrase: lit(phrases),
    // CONNTRACK_MATCH_PATTERN and CONNTRACK_PROSE_PATTERN; CONNTRACK_ROW_PATTERN's look-ahead (every row ends with ` src=…`).
    conntrackMatch: lit(['--state', '--ctstate', 'conntrack ', 'conntrack\t']),
    conntrackRow: lit(['src=']),
  };
  return new RegExp(LINE_PASSES.map((p) => `(${groups[p]})`).join('|'), 'gi');
}

/** Adds the line holding `pos` to `runs` (callers add positions in ascending order). */
export function addLine(runs: LineRuns, text: string, pos: number): void {
  const n = runs.length;
  if (n > 0 && pos < (runs[n - 1] as number)) return;
  const from = text.lastIndexOf('\n', pos - 1) + 1;
  let to = text.indexOf('\n', pos);
  if (to === -1) to = text.length;
  // Merges with the run before when this line follows it directly.
  if (n > 0 && (runs[n - 1] as number) + 1 >= from) runs[n - 1] = to;
  else runs.push(from, to);
}

/** The lines each pass must read. */
export function lineRuns(text: string, anchors: RegExp): Record<LinePass, LineRuns> {
  const out = Object.fromEntries(LINE_PASSES.map((p) => [p, [] as LineRuns])) as Record<LinePass, LineRuns>;
  anchors.lastIndex = 0;
  for (let m = anchors.exec(text); m; m = anchors.exec(text)) {
    for (let g = 1; g <= LINE_PASSES.length; g++) {
      if (m[g] !== undefined) {
        addLine(out[LINE_PASSES[g - 1] as LinePass], text, m.index);
        break;
      }
    }
    anchors.lastIndex = m.index + 1;
  }
  return out;
}
