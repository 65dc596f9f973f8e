/**
 * `date +%s` output: seconds since 1970-01-01 UTC, one number on its line (`1733390400`, `date +%s.%N`:
 * `1733390400.123456789`), as a loop of `date +%s` and sockstat prints it. A line that is only such a number is a
 * time only in a block whose commands print one (`date +%s`, `date -u +%s`, `date "+%s"`): elsewhere a ten-digit
 * number is a count or an id. Read as a UTC time. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel } from '../note/model';
import type { NoteTime } from './time';

/**
 * A command that prints the epoch seconds (its format is `+%s`, possibly with `.%N`), on a line whose runs of
 * blanks were made one space (one space each in the pattern keeps it provably linear).
 */
const PRINTS_EPOCH = /(?:^|[\s;&|(`$])date (?:-u |--utc )?["']?\+%s(?:\.%[0-9]?N)?["']?(?=$|[\s;&|)`])/;
const BLANKS = /[ \t]+/g;
/** Ten digits: 2001-09-09 to 2286-11-20, the years a note can speak of. */
const EPOCH_LINE = /^\s{0,40}(\d{10})(?:\.\d{1,9})?\s{0,40}$/;

const BLOCKS = new WeakMap<EvidenceBlock, boolean>();

/** Whether a line of the block runs `date +%s` (the first 2,000 lines; memoised per block). */
function printsEpoch(model: NoteModel, block: EvidenceBlock): boolean {
  let known = BLOCKS.get(block);
  if (known === undefined) {
    known = false;
    for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000 && !known; n++) {
      const line = model.lines.lineText(n);
      known = line.includes('%s') && PRINTS_EPOCH.test(line.replace(BLANKS, ' '));
    }
    BLOCKS.set(block, known);
  }
  return known;
}

/** The time a line of the block gives as `date +%s` output, in UTC; undefined for any other line or block. */
export function epochTime(model: NoteModel, block: EvidenceBlock, line: string): NoteTime | undefined {
  const m = EPOCH_LINE.exec(line);
  if (!m || !printsEpoch(model, block)) return undefined;
  const at = new Date(Number(m[1]) * 1000);
  return {
    date: { y: at.getUTCFullYear(), m: at.getUTCMonth() + 1, d: at.getUTCDate() },
    h: at.getUTCHours(),
    min: at.getUTCMinutes(),
    s: at.getUTCSeconds(),
    offset: 0,
  };
}
