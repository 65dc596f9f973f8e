/**
 * `tcp-state-notes report <file> [--json] [--lang en|zh-cn]`: the note's per-state evidence, timeline, trend,
 * limits, likely causes and findings — JSON for scripts, Markdown for people. A thin adapter over
 * core/report (build.ts, markdown.ts). Exit 0 on success; 2 on usage errors or unreadable input.
 */
import { analyzeNote } from './core/note/analyze';
import { buildReport } from './core/report/build';
import { reportMarkdown } from './core/report/markdown';
import { CliError, langOf, readNote, type ParsedArgs } from './cli';

export const REPORT_USAGE = 'tcp-state-notes report <file> [--json] [--lang en|zh-cn]';

export function reportCommand(files: readonly string[], args: ParsedArgs, out: (s: string) => void): number {
  const [file, ...extra] = files;
  if (!file) throw new CliError(`report needs a file\nUsage: ${REPORT_USAGE}`);
  if (extra.length) throw new CliError(`report takes one file, got ${files.length}`);
  const lang = langOf(args);
  const report = buildReport(analyzeNote(readNote(file)), { file, lang });
  out(args.flags.has('--json') ? `${JSON.stringify(report.json, null, 2)}\n` : reportMarkdown(report, lang));
  return 0;
}
