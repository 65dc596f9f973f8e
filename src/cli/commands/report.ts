/**
 * `tcp-state-notes report <file> [--json] [--lang en|zh-cn]`: the note's per-state evidence, timeline, trend,
 * limits, likely causes and findings — JSON for scripts, Markdown for people. A thin adapter over core/report.
 */
import type { Lang } from '../../core/catalogue/types';
import { analyzeNote } from '../../core/note/analyze';
import { buildReport } from '../../core/report/build';
import { reportMarkdown } from '../../core/report/markdown';
import type { ParsedArgs } from '../args';
import { CliError } from '../errors';
import { maxNoteSizeMB } from '../notes';
import { readNote } from '../readNote';
import type { CommandOutput } from './types';

export function reportCommand(files: readonly string[], args: ParsedArgs, lang: Lang): CommandOutput {
  const [file, ...extra] = files;
  if (!file) throw new CliError('report needs a file');
  if (extra.length) throw new CliError(`report takes one file, got ${files.length}`);
  const note = readNote(file, maxNoteSizeMB(args));
  const report = buildReport(analyzeNote(note.text), { file, lang });
  const data = args.flags.has('--json') ? `${JSON.stringify(report.json, null, 2)}\n` : reportMarkdown(report, lang);
  return { data, code: 0, inputs: [{ dev: note.dev, ino: note.ino }] };
}
