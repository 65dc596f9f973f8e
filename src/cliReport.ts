/**
 * `tcp-state-notes report <file> [--json] [--lang en|zh-cn]`: the note's per-state evidence, timeline, trend,
 * limits, likely causes and findings — JSON for scripts, Markdown for people. A thin adapter over
 * core/report (build.ts, markdown.ts); cli.ts passes in its file reader and usage error (no import back).
 * Exit 0 on success; 2 on usage errors or unreadable input (raised through `usageError`).
 */
import type { Lang } from './core/catalogue/types';
import { analyzeNote } from './core/note/analyze';
import { buildReport } from './core/report/build';
import { reportMarkdown } from './core/report/markdown';

export const REPORT_USAGE = 'tcp-state-notes report <file> [--json] [--lang en|zh-cn]';

export interface ReportIo {
  readonly json: boolean;
  /** Resolves `--lang` (throws a usage error on a bad value). */
  readonly lang: () => Lang;
  /** Reads a note, throwing a usage error when it cannot. */
  readonly readNote: (file: string) => string;
  readonly usageError: (message: string) => Error;
  readonly out: (s: string) => void;
}

export function reportCommand(files: readonly string[], io: ReportIo): number {
  const [file, ...extra] = files;
  if (!file) throw io.usageError(`report needs a file\nUsage: ${REPORT_USAGE}`);
  if (extra.length) throw io.usageError(`report takes one file, got ${files.length}`);
  const lang = io.lang();
  const report = buildReport(analyzeNote(io.readNote(file)), { file, lang });
  io.out(io.json ? `${JSON.stringify(report.json, null, 2)}\n` : reportMarkdown(report, lang));
  return 0;
}
