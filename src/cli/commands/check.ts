/**
 * `check <file|dir|glob>… [--json] [--format text|json|sarif] [--lang en|zh-cn]`: typos and misconceptions.
 * Exit 0 when clean, 1 when there are findings, 2 on usage errors or unreadable input (which outranks findings).
 */
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeNote } from '../../core/note/analyze';
import { checkNote, type Finding } from '../../core/check/findings';
import { buildSarif, relativePathToUri, type SarifArtifact } from '../../core/check/sarif';
import type { Lang } from '../../core/catalogue/types';
import { stringFlag, type ParsedArgs } from '../args';
import { CliError } from '../errors';
import { loadNotes } from '../notes';
import type { CommandOutput } from './types';

export type CheckFormat = 'text' | 'json' | 'sarif';

export function checkFormat(args: ParsedArgs): CheckFormat {
  const format = stringFlag(args, '--format');
  if (format !== undefined && format !== 'text' && format !== 'json' && format !== 'sarif') {
    throw new CliError(`--format must be text, json or sarif (got ${JSON.stringify(format)})`);
  }
  if (args.flags.has('--json')) {
    if (format !== undefined && format !== 'json') throw new CliError(`--json conflicts with --format ${format}`);
    return 'json';
  }
  return format ?? 'text';
}

/** The artifact location of a file: relative to the working directory when below it, else an absolute file URI. */
export function artifactOf(file: string, cwd: string): SarifArtifact {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) {
    return { uri: relativePathToUri(rel.split(sep).join('/')), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href };
}

/**
 * The summary line, in the language of the findings' messages. Inputs that could not be read are counted in it
 * (their errors went to standard error), so "no findings" never reads as a pass when nothing was checked.
 */
function summaryLine(notes: number, unreadable: number, total: number, typos: number, lang: Lang): string {
  const claims = total - typos;
  if (lang === 'zh-cn') {
    const failed = unreadable > 0 ? `，${unreadable} 个无法读取` : '';
    return `检查了 ${notes} 篇笔记${failed}：${total === 0 ? '没有问题' : `${total} 个问题（${typos} 个拼写错误，${claims} 个错误说法）`}`;
  }
  const s = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const failed = unreadable > 0 ? `, ${unreadable} could not be read` : '';
  return `${s(notes, 'note')} checked${failed}: ${total === 0 ? 'no findings' : `${s(total, 'finding')} (${s(typos, 'typo')}, ${s(claims, 'misconception')})`}`;
}

function textReport(results: readonly { file: string; findings: readonly Finding[] }[], unreadable: number, lang: Lang): string {
  const lines = results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line + 1}:${f.character + 1}: ${f.kind} ${f.rule}: ${f.message} (${f.source})`));
  const typos = results.reduce((n, r) => n + r.findings.filter((f) => f.kind === 'typo').length, 0);
  return `${[...lines, summaryLine(results.length, unreadable, lines.length, typos, lang)].join('\n')}\n`;
}

export function checkCommand(paths: readonly string[], args: ParsedArgs, lang: Lang, version: string, report: (line: string) => void): CommandOutput {
  const format = checkFormat(args);
  const loaded = loadNotes('check', paths, args, report);
  const results = loaded.notes.map((n) => ({ file: n.file, findings: checkNote(n.text, { lang, model: analyzeNote(n.text) }) }));
  const hasFindings = results.some((r) => r.findings.length > 0);
  const code = loaded.failures.length ? 2 : hasFindings ? 1 : 0;
  let data: string;
  if (format === 'json') data = `${JSON.stringify(results, null, 2)}\n`;
  else if (format === 'sarif') {
    const cwd = process.cwd();
    const sarif = buildSarif({
      toolVersion: version,
      srcRoot: pathToFileURL(cwd.endsWith(sep) ? cwd : `${cwd}${sep}`).href,
      lang,
      files: results.map((r) => ({ artifact: artifactOf(r.file, cwd), findings: r.findings })),
      errors: loaded.failures.map((f) => ({ artifact: artifactOf(f.path, cwd), message: `${f.path}: ${f.message}` })),
    });
    data = `${JSON.stringify(sarif, null, 2)}\n`;
  } else data = textReport(results, loaded.failures.length, lang);
  return { data, code, inputs: loaded.ids };
}
