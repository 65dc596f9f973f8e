/** The one-answer commands: `explain <term>`, `template`, `diagram <file>`. */
import { nearTerms } from '../../core/agents/tools';
import { analyzeNote } from '../../core/note/analyze';
import { findSection } from '../../core/note/sectionPath';
import type { Lang } from '../../core/catalogue/types';
import { diagramSource } from '../../core/diagram/fromNote';
import { buildDiagramModel } from '../../core/diagram/model';
import { renderDiagramSvg } from '../../core/diagram/svg';
import { renderMermaid } from '../../core/diagram/mermaid';
import { NARROW_MAX_WIDTH, toNarrowLayout } from '../../core/diagram/narrowLayout';
import { explainAggregate, explainState, explainTerm } from '../../core/explain';
import { resolveTerm } from '../../core/lookup';
import { buildTemplate, isTemplateSymptom, TEMPLATE_SYMPTOMS } from '../../core/template';
import { stringFlag, type ParsedArgs } from '../args';
import { CliError } from '../errors';
import { CLI_TEXT } from '../texts';
import { t } from '../../core/strings';
import { maxNoteSizeMB } from '../notes';
import { readNote } from '../readNote';
import type { CommandOutput } from './types';

export function explainCommand(words: readonly string[], lang: Lang): CommandOutput {
  const term = words.join(' ');
  if (!term) throw new CliError('explain needs a term, e.g. `tcp-state-notes explain FIN_WAIT1`');
  const r = resolveTerm(term);
  if (!r) {
    const near = nearTerms(term);
    const hint = near.length ? t(CLI_TEXT.didYouMean, lang, { list: near.join(t(CLI_TEXT.or, lang)) }) : '';
    throw new CliError(t(CLI_TEXT.unknownTerm, lang, { term, hint }));
  }
  const md =
    r.kind === 'state'
      ? explainState(r.id, { lang }, { spelling: { text: r.text, families: r.families } })
      : r.kind === 'aggregate'
        ? explainAggregate(r.keyword, r.states, lang)
        : explainTerm(r.term, { lang }, { text: r.text });
  return { data: `${md}\n`, code: 0, inputs: [] };
}

export function templateCommand(extra: readonly string[], args: ParsedArgs, lang: Lang): CommandOutput {
  if (extra.length) throw new CliError(`template takes no arguments, got ${JSON.stringify(extra[0])}`);
  const symptom = stringFlag(args, '--symptom') ?? 'general';
  if (!isTemplateSymptom(symptom)) throw new CliError(`--symptom must be one of ${TEMPLATE_SYMPTOMS.join(', ')}`);
  return { data: buildTemplate(symptom, lang).markdown, code: 0, inputs: [] };
}

export function diagramCommand(files: readonly string[], args: ParsedArgs, lang: Lang): CommandOutput {
  const [file, ...extra] = files;
  if (!file) throw new CliError('diagram needs a file');
  if (extra.length) throw new CliError(`diagram takes one file, got ${files.length}`);
  const format = stringFlag(args, '--format') ?? 'svg';
  if (format !== 'svg' && format !== 'mermaid') throw new CliError(`--format must be svg or mermaid, not "${format}"`);
  const widthFlag = stringFlag(args, '--width');
  let width: number | undefined;
  if (widthFlag !== undefined) {
    width = /^\d{1,5}$/.test(widthFlag) ? Number(widthFlag) : NaN;
    if (!(width >= 200 && width <= 10000)) throw new CliError(`--width must be a number of CSS pixels from 200 to 10000, not "${widthFlag}"`);
    if (format === 'mermaid') throw new CliError('--width applies to --format svg only (Mermaid lays out the diagram itself)');
  }
  const note = readNote(file, maxNoteSizeMB(args));
  const model = analyzeNote(note.text);
  const wanted = stringFlag(args, '--section');
  let range: { start: number; end: number } | undefined;
  let title = file.split(/[\\/]/).pop() ?? file;
  if (wanted !== undefined) {
    const match = findSection(model.sections, wanted);
    if (match.kind === 'none') {
      const titles = model.sections.map((s) => JSON.stringify(s.title)).join(', ') || '(none)';
      throw new CliError(`no section titled ${JSON.stringify(wanted)} in ${file}; headings: ${titles}`);
    }
    if (match.kind === 'ambiguous') {
      const listed = match.sections.map((s, k) => `${JSON.stringify(match.paths[k])} (line ${model.lines.lineAt(s.start) + 1})`).join(', ');
      const distinct = new Set(match.paths).size === match.paths.length;
      throw new CliError(
        `${match.sections.length} sections titled ${JSON.stringify(wanted)} in ${file}: ${listed}; ` +
          (distinct ? `name one by its path of headings, e.g. --section ${JSON.stringify(match.paths[0])}` : 'their headings repeat up to the top: rename one to name it'),
      );
    }
    const section = match.section;
    range = { start: section.start, end: section.end };
    title = section.title;
  }
  const source = diagramSource(model, lang, range, title);
  const diagram = buildDiagramModel({ ...source.input, showLinux: args.flags.has('--linux') }, lang);
  // The panel's breakpoint: at or below NARROW_MAX_WIDTH the narrow layout, which the file declares at that width.
  const narrow = width !== undefined && width <= NARROW_MAX_WIDTH;
  const data =
    format === 'mermaid'
      ? renderMermaid(diagram)
      : renderDiagramSvg(narrow ? toNarrowLayout(diagram) : diagram, { standaloneStyle: true, ...(width !== undefined ? { width } : {}) });
  return { data, code: 0, inputs: [{ dev: note.dev, ino: note.ino }] };
}
