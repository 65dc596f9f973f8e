/**
 * `tcp-state-notes report <file|folder|glob>… [--json] [--lang en|zh-cn]`: each note's per-state evidence,
 * timeline, trend, limits, likely causes and findings — JSON for scripts, Markdown for people. One file gives one
 * report (one JSON object); a folder, a glob or several paths give one per note, in the order the notes were found
 * (a JSON array, or the Markdown sections one after another), as `scan` does. A thin adapter over core/report.
 */
import type { Lang } from '../../core/catalogue/types';
import { analyzeNote } from '../../core/note/analyze';
import { buildReport } from '../../core/report/build';
import { reportMarkdown } from '../../core/report/markdown';
import type { ParsedArgs } from '../args';
import { loadNotes } from '../notes';
import type { CommandOutput } from './types';

export function reportCommand(paths: readonly string[], args: ParsedArgs, lang: Lang, report: (line: string) => void): CommandOutput {
  const loaded = loadNotes('report', paths, args, report);
  const reports = loaded.notes.map((n) => buildReport(analyzeNote(n.text), { file: n.file, lang }));
  const code = loaded.failures.length ? 2 : 0;
  let data: string;
  if (args.flags.has('--json')) {
    const json = reports.map((r) => r.json);
    data = loaded.many ? `${JSON.stringify(json, null, 2)}\n` : json[0] ? `${JSON.stringify(json[0], null, 2)}\n` : '';
  } else data = reports.map((r) => reportMarkdown(r, lang)).join('\n');
  return { data, code, inputs: loaded.ids };
}
