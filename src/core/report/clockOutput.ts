/**
 * A time of day that `date` printed in a block: `date +%T` (`09:20:11`), `date +%r` (`01:20:11 PM`, in zh_CN
 * `下午 01时20分11秒`), `date +%H:%M`. A line that is only a time of day is `date` output when the line above it
 * runs `date`, or, anywhere in the block, when one of the block's commands runs `date` with a format that prints
 * the time (`for h in …; do ssh $h 'date +%T; grep TCP: /proc/net/sockstat'; done`, a `while` loop): each printed
 * time dates the output after it. Elsewhere a line such as `10:00:01` is not read as a time. Read by blockTime.ts
 * and readings.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import { promptOf } from '../evidence/commandLine';
import { parseTimeMention, type NoteTime } from './time';

/** A `date` command (`date`, `date +%T`, `date; cat /proc/net/sockstat`). */
const DATE_COMMAND = /^date(?![^\s;&|])/;
/** A line that is only a time of day (`09:20:11`; `01:20:11 PM`; zh_CN `下午 01时20分11秒`). */
const CLOCK_LINE = /^\s{0,40}(?:(?:上午|下午) ?)?\d{1,2}(?::\d{2}(?::\d{2})?|时\d{2}分(?:\d{2}秒)?)(?: ?[AaPp][Mm])?\s{0,40}$/;
/**
 * `date` with a `+FORMAT` anywhere on a command line whose runs of blanks were made one space: the format, up to
 * a quote or the end of the command (bounded, so the pattern stays linear).
 */
const DATE_FORMAT = /(?:^|[\s;&|(`$'"])date (?:-u |--utc )?["']?\+([^"';&|)`]{1,60})/g;
/** Conversions that print the time of day (hour, `%T`, `%X`, `%r`, `%R`). */
const TIME_CONVERSION = /%[HIkTXrR]/;
const BLANKS = /[ \t]+/g;

/** A `date` command line, after a prompt or bare (`date` is no command classifyLine knows without a prompt). */
export function isDateCommand(line: string): boolean {
  const prompt = promptOf(line);
  return DATE_COMMAND.test(prompt === undefined ? line.trim() : line.slice(prompt.length).trim());
}

/** Whether a line runs `date +FORMAT` with a format that prints the time of day. */
function printsClock(line: string): boolean {
  if (!line.includes('date') || !line.includes('%')) return false;
  for (const m of line.replace(BLANKS, ' ').matchAll(DATE_FORMAT)) if (TIME_CONVERSION.test(m[1] as string)) return true;
  return false;
}

const BLOCKS = new WeakMap<EvidenceBlock, boolean>();

/** Whether a line of the block runs `date +FORMAT` printing the time (the first 2,000 lines; memoised per block). */
function blockPrintsClock(model: NoteModel, block: EvidenceBlock): boolean {
  let known = BLOCKS.get(block);
  if (known === undefined) {
    known = false;
    for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000 && !known; n++) known = printsClock(model.lines.lineText(n));
    BLOCKS.set(block, known);
  }
  return known;
}

/**
 * The time of day line `n` of the block shows as `date` output (see the file's comment): a line that is only a time
 * of day, after a `date` command line (blank lines skipped) or in a block that runs `date +FORMAT` printing the time.
 */
export function clockOutput(model: NoteModel, block: EvidenceBlock, n: number): NoteTime | undefined {
  const line = model.lines.lineText(n);
  // A character check first: most lines are output that holds no colon and no 时.
  if ((!line.includes(':') && !line.includes('时')) || !CLOCK_LINE.test(line)) return undefined;
  let above = n - 1;
  while (above >= block.startLine && model.lines.lineText(above).trim() === '') above--;
  const afterDate = above >= block.startLine && isDateCommand(model.lines.lineText(above));
  return afterDate || blockPrintsClock(model, block) ? parseTimeMention(line) : undefined;
}
