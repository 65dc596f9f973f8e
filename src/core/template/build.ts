/**
 * Builds the orphan-socket diagnosis template for one symptom and language, as a VS Code snippet
 * (numbered tab stops, escaped literals) and as plain Markdown (what the CLI prints).
 * Both come from the same `Piece` list (see `doc.ts` / `snippet.ts`), so they cannot drift apart.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import {
  PLACEHOLDERS,
  SECTION_TITLES,
  commonReferences,
  likelyCauseLine,
  metaLine,
  snapshotHeader,
  snapshotHint,
  snapshotRows,
  variantBody,
} from './content';
import { Doc, bullets, tasks } from './doc';
import type { Piece, TabStop } from './snippet';
import { piecesToPlain, piecesToSnippet } from './snippet';
import type { TemplateSymptom } from './variants';
import { TEMPLATE_VARIANTS } from './variants';
import { NO_FACTS, type TemplateFacts } from './facts';

export { snippetToPlainText, validateSnippet } from './snippet';

export interface BuiltTemplate {
  /** VS Code snippet body: `${1:host}`, `${2:time}`, `${3:kernel version}`, `${4:symptom}`, `$0`. */
  readonly snippet: string;
  /** The same text with placeholders resolved and escapes removed. */
  readonly markdown: string;
}

/**
 * The structured template; exported for tests and for callers that need both forms. `facts` (from the note,
 * facts.ts) replace placeholders: host, time and kernel become the tab stops' texts, the snapshot table's Value
 * column is filled, and a likely cause opens the Analysis section. Without facts: the placeholders.
 */
export function templatePieces(symptom: TemplateSymptom, lang: Lang, facts: TemplateFacts = NO_FACTS): Piece[] {
  const [hostText, timeText, kernelText, observed] = PLACEHOLDERS[lang];
  const host = facts.host ?? hostText;
  const time = facts.time ?? timeText;
  const kernel = facts.kernel ?? kernelText;
  const stop = (index: number, placeholder: string): TabStop => ({ index, placeholder });
  const sections = SECTION_TITLES[lang];
  const section = (i: number): string => sections[i] ?? '';
  const body = variantBody(symptom, lang);
  const meta = metaLine(lang);
  const sep = lang === 'en' ? ', ' : '，';

  const doc = new Doc()
    .heading(2, `${TEMPLATE_VARIANTS[symptom].title[lang]} — `, stop(1, host), sep, stop(2, time))
    .paragraph(meta.kernelLabel, stop(3, kernel), meta.symptomLabel, stop(4, observed));
  if (body.notice) doc.quote(...body.notice);
  doc
    .heading(3, section(0))
    .block(tasks(...body.symptoms))
    .heading(3, section(1))
    .paragraph(snapshotHint(lang))
    .table(snapshotHeader(lang), snapshotRows(lang, facts.values))
    .heading(3, section(2))
    .blocksOf(body.checks)
    .heading(3, section(3));
  if (facts.cause) doc.paragraph(likelyCauseLine(lang, facts.cause.message, facts.cause.source));
  doc
    .blocksOf(body.analysis)
    .heading(3, section(4))
    .block(tasks(...body.remediation))
    .heading(3, section(5))
    .block(bullets(...commonReferences(lang), ...body.extraReferences));
  return doc.pieces();
}

export function buildTemplate(symptom: TemplateSymptom, lang: Lang, facts: TemplateFacts = NO_FACTS): BuiltTemplate {
  const pieces = templatePieces(symptom, lang, facts);
  return { snippet: piecesToSnippet(pieces), markdown: piecesToPlain(pieces) };
}
