/**
 * When a block's sample was taken: the time from (in this order) a snapshot header, a full date and time inside
 * the block (`date` output, a dated prompt or comment, `watch`'s header), a time of day in the block's prompt or
 * printed by `date +%T`, the line just above the block, or the heading of its section; a time of day takes the
 * date of a dated heading above it. Inside the block, the sample's time is the one read last before its first
 * output (the prompt of its command), not an earlier command's (beforeSample). A block holding several timed
 * samples is read by readings.ts. Read by timeline.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceBlock, NoteModel, Section } from '../note/model';
import { classifyLine, promptOf } from '../evidence/commandLine';
import { isSnapshotHeader } from '../evidence/snapshotFormat';
import { dateNear, dateTimeLine, parseDate, parseDateTime, parseTimeMention, validDate, type NoteTime } from './time';
import { epochTime } from './epoch';
import { clockOutput, isDateCommand } from './clockOutput';

/**
 * A time on the one line directly above the block (blank lines skipped), not further up: there the lines are
 * often an event list (`- 14:20 traffic back to normal`) that does not date the output. A heading is handled
 * with the section.
 */
function lineAbove(model: NoteModel, block: EvidenceBlock): NoteTime | undefined {
  // The fence line is block.startLine - 1 (fenced) or the block itself (indented).
  const fence = model.lines.lineText(block.startLine - 1).trimStart();
  const top = fence.startsWith('```') || fence.startsWith('~~~') ? block.startLine - 2 : block.startLine - 1;
  for (let n = top; n >= 0; n--) {
    const t = model.lines.lineText(n);
    if (t.trim() === '') continue;
    return t.trimStart().startsWith('#') ? undefined : parseTimeMention(t);
  }
  return undefined;
}

/**
 * The innermost section holding each block, by one walk over the sections and the blocks (both in note order):
 * the sections open at a block are a stack (a section ends before the next heading of its level or higher).
 */
export function sectionsOfBlocks(model: NoteModel, blocks: readonly EvidenceBlock[]): (Section | undefined)[] {
  const open: Section[] = [];
  const out: (Section | undefined)[] = [];
  let next = 0;
  for (const block of blocks) {
    while (next < model.sections.length && (model.sections[next] as Section).start <= block.start) open.push(model.sections[next++] as Section);
    while (open.length && (open[open.length - 1] as Section).end <= block.start) open.pop();
    out.push(open[open.length - 1]);
  }
  return out;
}

/**
 * The date of the block's section heading or of the nearest heading above it that gives one (`# 2024-03-05 lb-9`),
 * and that heading's offset in the note (which samples stand under the same dated heading).
 */
function headingDate(model: NoteModel, section: Section | undefined): { date: NonNullable<NoteTime['date']>; at: number } | undefined {
  for (let s = section; s; s = s.parent >= 0 ? model.sections[s.parent] : undefined) {
    const d = parseDate(s.title);
    if (d) return { date: d, at: s.start };
  }
  return undefined;
}

/** A segment with sample numbers (sockstat TCP numbers or per-state counts). */
export const isSampleSegment = (seg: EvidenceBlock['segments'][number]): boolean => seg.sockstat?.tcp !== undefined || Object.keys(seg.counts).length > 0;

/**
 * What `read` answers for the block's sample, from the lines of the block outside the tool output the evidence
 * parser read (its segments), among its first 2,000 lines: prompts, `date` output and dates stand there, and a long
 * listing is not read a second time. The sample's is the last answer before its first sample output (the prompt of
 * its command, the `date` printed last: a timed `sed` or `sysctl -p` before it is not its time), else, with none
 * before, the first answer after it; in a block without a sample output, the first answer.
 */
function beforeSample<T>(block: EvidenceBlock, read: (n: number) => T | undefined): T | undefined {
  const hasSample = block.segments.some(isSampleSegment);
  let seg = 0;
  let found: T | undefined;
  let passed = false;
  for (let n = block.startLine; n < block.endLine && n - block.startLine < 2000; n++) {
    while (seg < block.segments.length && (block.segments[seg] as EvidenceBlock['segments'][number]).endLine <= n) seg++;
    const inside = block.segments[seg];
    if (inside && inside.startLine <= n) {
      if (isSampleSegment(inside)) {
        if (found !== undefined) return found;
        passed = true;
      }
      n = inside.endLine - 1;
      continue;
    }
    const here = read(n);
    if (here === undefined) continue;
    if (!hasSample || passed) return here;
    found = here;
  }
  return found;
}

/** The header line `watch` prints above each refresh (`Every 2.0s: ss -s    lb-7: Tue Mar  4 10:00:01 2025`). */
const WATCH_HEADER = /^\s{0,8}Every \d{1,5}(?:\.\d{1,3})?s: /;

/**
 * The date and time a line of the block gives for its sample: a dated prompt (`[2025-03-04 09:12:40] $ ss -s`),
 * a comment (`# pasted 2024-06-18T09:00Z`), `watch`'s header, and `date` output — the line after a `date` command, or a line that is only a date-time as
 * `date` prints it (dateTimeLine; a loop's `date`), or only the seconds `date +%s` prints (epoch.ts). Not a log line (`2025-03-04T09:12:40+0100 lb-7 kernel: …`):
 * times in other output are not the time of the sample.
 */
export function dateOutput(model: NoteModel, block: EvidenceBlock, n: number): NoteTime | undefined {
  const line = model.lines.lineText(n);
  const prompt = promptOf(line);
  if (prompt !== undefined) return parseDateTime(prompt);
  if (WATCH_HEADER.test(line) || classifyLine(line)?.type === 'comment') return parseDateTime(line);
  const only = dateTimeLine(line) ?? epochTime(model, block, line);
  if (only) return only;
  let above = n - 1;
  while (above >= block.startLine && model.lines.lineText(above).trim() === '') above--;
  return above >= block.startLine && isDateCommand(model.lines.lineText(above)) ? parseDateTime(line) : undefined;
}

/**
 * The time of day of the block's sample (beforeSample): in a prompt (`[09:20:11] $ ss -s`, `[root@lb-7 09:20:11]# …`,
 * PS1 with `\t`) or printed by `date` (`date +%T`: clockOutput.ts). Only prompts (commandLine.promptOf) and `date`
 * output are read: times in other output (`ss -o` timers, uptime's `09:20:11 up 3 days`, log time stamps) are not
 * the time of the sample.
 */
function clockInBlock(model: NoteModel, block: EvidenceBlock): NoteTime | undefined {
  return beforeSample(block, (n) => clockAt(model, block, n));
}

/** The time of day line `n` of the block shows: its prompt's, or printed by `date` (clockOutput.ts). */
export function clockAt(model: NoteModel, block: EvidenceBlock, n: number): NoteTime | undefined {
  return promptClock(model, n) ?? clockOutput(model, block, n);
}

export function blockTime(model: NoteModel, block: EvidenceBlock, section: Section | undefined): NoteTime | undefined {
  return blockTimeOf(model, block, section)?.t;
}

/**
 * The block's time (blockTime) and whether it is its section heading's alone (`## 14:30` over the block, no time in
 * the block or on the line above it): a time several blocks share, the time their section starts.
 */
export function blockTimeOf(model: NoteModel, block: EvidenceBlock, section: Section | undefined): { t: NoteTime; heading: boolean } | undefined {
  const t = ownTime(model, block, section);
  if (t) return { t, heading: false };
  const heading = section ? parseTimeMention(section.title) : undefined;
  return heading && { t: underHeading(model, section, heading), heading: true };
}

/** The block's time from anything but its section heading alone (blockTimeOf). */
function ownTime(model: NoteModel, block: EvidenceBlock, section: Section | undefined): NoteTime | undefined {
  for (const seg of block.segments) {
    if (seg.kind !== 'snapshot') continue;
    const header = model.lines.lineText(seg.startLine);
    if (!isSnapshotHeader(header)) continue;
    const tok = header.split(/\s+/).find((x) => x.startsWith('time='));
    const t = tok ? parseDateTime(tok.slice(5)) : undefined;
    if (t) return t;
  }
  const dated = beforeSample(block, (n) => dateOutput(model, block, n));
  if (dated) return underHeading(model, section, dated);
  const above = lineAbove(model, block);
  // A time of day in the block's own prompt is closer to the sample than the heading or the line above: it wins
  // (`# 2024-03-05 14:02` over `[14:02:11] $ ss -s` is 14:02:11), on their date and in their zone.
  const clock = clockInBlock(model, block);
  const t = clock ? clockOn(clock, above ?? timeAbove(model, block, section)) : above;
  return t && underHeading(model, section, t);
}

/** The time the line just above the block or its section's heading gives. */
export function timeAbove(model: NoteModel, block: EvidenceBlock, section: Section | undefined): NoteTime | undefined {
  return lineAbove(model, block) ?? (section ? parseTimeMention(section.title) : undefined);
}

/** The time of day in the prompt of line `n` (`[root@lb-7 09:20:11]# …`), if it shows one. */
export function promptClock(model: NoteModel, n: number): NoteTime | undefined {
  const prompt = promptOf(model.lines.lineText(n));
  return prompt === undefined ? undefined : parseTimeMention(prompt);
}

/** A time of day from a prompt, on the date and in the zone of the time above the block (timeAbove). */
export function clockOn(clock: NoteTime, outside: NoteTime | undefined): NoteTime {
  return { ...clock, ...(outside?.date ? { date: outside.date } : outside?.monthDay ? { monthDay: outside.monthDay } : {}), ...(outside?.offset !== undefined ? { offset: outside.offset } : {}) };
}

/**
 * A block's time with the dated heading it stands under (NoteTime.under). A time of day under a dated heading
 * (`# 2024-03-05 lb-9` … `## 14:02`) is on that heading's day; a month and day without a year (`## 3月6日 00:20`)
 * take the heading's year.
 */
export function underHeading(model: NoteModel, section: Section | undefined, t: NoteTime): NoteTime {
  const heading = headingDate(model, section);
  if (!heading) return t;
  if (t.date) return { ...t, under: heading.at };
  if (!t.monthDay) return { ...t, date: heading.date, dateInherited: true, under: heading.at };
  const { monthDay, ...rest } = t;
  const date = dateNear(monthDay, heading.date);
  // 2月29日 under a 2023 heading is no day: the time of day takes the heading's date, as a plain time would.
  if (!validDate(date.y, date.m, date.d)) return { ...rest, date: heading.date, dateInherited: true, under: heading.at };
  return { ...rest, date, under: heading.at };
}
