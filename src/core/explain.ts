/**
 * Renders the explanation of a state or term as Markdown: the same text for the editor hover and for
 * `tcp-state-notes explain`. Note text only ever reaches the output through `escapeMarkdown`/`codeSpan`.
 */
import { orphanHeadline, orphanVerdict } from './catalogue/orphan';
import { STATE_KNOWLEDGE } from './catalogue/states';
import { TERM_BY_ID } from './catalogue/terms';
import { FAMILY_LABEL, L, EVIDENCE_KIND_LABEL, LABEL_COLON, PUNCT, formatNumber, pick, t } from './strings';
import type { Lang, Localized, StateId, TermKnowledge } from './catalogue/types';
import type { SpellingFamily } from './catalogue/spellings';
import { evidenceValue, mentionCounts, sockstatEvidence, topEvidenceFor } from './note/indexes';
import type { EvidenceBlock, NoteModel, Mention } from './note/model';
import { pressureVerdict } from './snapshot/pressure';
import { pressureAt } from './report/pressureAt';
import { sourcesMarkdown, sourcesPlain } from './catalogue/sources';
import { explainConntrack } from './knowledge/conntrack';
import { BoundedMemo } from './memo';
import { joinText } from './textJoin';
import { blockCounts } from './evidence/blockCounts';
import { kernelFromNoteCached, kernelLine, kernelSources, type KernelSource } from './knowledge/kernel';

/** Command links offered in hovers; the CLI passes none. Values are complete `command:` URIs. */
export interface ExplainLinks {
  readonly showDiagram?: (state: StateId) => string;
  readonly insertTemplate?: (state: StateId) => string;
}

export interface ExplainOptions {
  readonly lang: Lang;
  readonly links?: ExplainLinks;
  /** The kernel from the `tcpStateNotes.kernelVersion` setting; a release recorded in the note wins over it. */
  readonly kernel?: KernelSource;
}

/** The kernel a hover speaks about: the note's snapshot or `uname` output first, then the setting. */
function kernelFor(options: ExplainOptions, model: NoteModel | undefined): KernelSource | undefined {
  return (model?.text ? kernelFromNoteCached(model.text) : undefined) ?? options.kernel;
}

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'$]/g;

/** Escapes text so Markdown renders it literally (and no HTML, link or entity can form). */
export function escapeMarkdown(text: string): string {
  return text.replace(MD_SPECIAL, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A code span that holds `text` literally whatever backticks it contains. */
export function codeSpan(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ');
  let fence = '`';
  while (clean.includes(fence)) fence += '`';
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function shellBlock(commands: readonly string[]): string {
  if (commands.length === 0) return '';
  let fence = '```';
  while (commands.some((c) => c.includes(fence))) fence += '`';
  return `${fence}sh\n${commands.join('\n')}\n${fence}`;
}

/** "**Sources:** [net/ipv4/tcp.c: __tcp_close()](https://…) · …": public links, never the research file's keys. */
export function sourcesLine(sources: readonly string[], lang: Lang): string {
  const links = sourcesMarkdown(sources);
  return links ? `**${t(L.source, lang)}${LABEL_COLON[lang]}** ${links}` : '';
}

/** "61,920 FIN-WAIT-1 in the `ss` output at line 42 — 72% of listed sockets", for up to three blocks. */
export function evidenceLines(state: StateId, evidence: readonly EvidenceBlock[], lang: Lang): string[] {
  const hits = topEvidenceFor(evidence, state, 3);
  return hits.map((b) => {
    const count = b.counts[state] ?? 0;
    // The segment the block's count comes from (the same rule that made b.counts).
    const seg = blockCounts(b.segments).get(state)?.segment;
    const kind = seg?.kind ?? 'ss';
    const what = pick(EVIDENCE_KIND_LABEL[kind] ?? (EVIDENCE_KIND_LABEL.ss as NonNullable<(typeof EVIDENCE_KIND_LABEL)['ss']>), lang);
    let line = t(L.evidenceCount, lang, { count: formatNumber(count), state, what, line: (seg?.startLine ?? b.startLine) + 1 });
    const listed = b.listed;
    if (listed > 0 && !b.segments.some((s) => s.filteredState) && count <= listed) {
      const percent = Math.round((count / listed) * 100);
      line += ` — ${t(L.evidencePercent, lang, { percent })}`;
    }
    return line;
  });
}

/** evidenceLines per evidence array, state and language: the note's part of a state hover, made once. */
const EVIDENCE_LINES = new WeakMap<readonly EvidenceBlock[], Map<string, readonly string[]>>();

function evidenceLinesOf(state: StateId, evidence: readonly EvidenceBlock[], lang: Lang): readonly string[] {
  let byKey = EVIDENCE_LINES.get(evidence);
  if (!byKey) EVIDENCE_LINES.set(evidence, (byKey = new Map()));
  const key = `${lang}|${state}`;
  let lines = byKey.get(key);
  if (!lines) byKey.set(key, (lines = evidenceLines(state, evidence, lang)));
  return lines;
}

function sockstatLine(evidence: readonly EvidenceBlock[], lang: Lang): string | undefined {
  const block = sockstatEvidence(evidence);
  const tcp = block?.sockstat?.tcp;
  if (!block || !tcp) return undefined;
  const seg = block.segments.find((s) => s.sockstat?.tcp);
  const n = (v: number | undefined) => (v === undefined ? '?' : formatNumber(v));
  return t(L.evidenceSockstat, lang, { line: (seg?.startLine ?? block.startLine) + 1, orphan: n(tcp.orphan), tw: n(tcp.tw), mem: n(tcp.mem) });
}

export interface StateExplainContext {
  /** The spelling as written in the note, and its families. */
  readonly spelling?: { readonly text: string; readonly families: readonly SpellingFamily[] };
  readonly model?: NoteModel;
  /** Offset of the hovered mention: the orphan-pressure line uses the evidence nearest to it. */
  readonly at?: number;
}

const PRESSURE_LABEL = {
  en: 'Orphan pressure (sockstat at line {line})',
  'zh-cn': '孤儿压力（第 {line} 行的 sockstat）',
} as const;

/** Terms whose hover carries the orphan-pressure line (besides the orphan states and TIME-WAIT). */
const PRESSURE_TERMS: ReadonlySet<string> = new Set([
  'net.ipv4.tcp_max_orphans',
  'net.ipv4.tcp_mem',
  'net.ipv4.tcp_max_tw_buckets',
  'sockstat.orphan',
  'sockstat.mem',
  'sockstat.tw',
  'TcpExtTCPAbortOnMemory',
  'TcpExtTCPTimeWaitOverflow',
  'msg.too-many-orphaned-sockets',
  'msg.out-of-memory-consider-tuning-tcp-mem',
  'msg.out-of-socket-memory',
  'msg.too-many-of-orphaned-sockets',
]);

/** "Orphan pressure (sockstat at line 12): high: orphan 40,000 is above ½ …" — numbers only, no note text. */
function pressureLine(model: NoteModel, lang: Lang, at: number | undefined, m: Pick<Marks, 'bold' | 'prose'> = MARKDOWN): string | undefined {
  const found = pressureAt(model, at);
  if (!found || found.pressure.level === 'unknown') return undefined;
  return lead(m, `${t(PRESSURE_LABEL, lang, { line: found.line + 1 })}${LABEL_COLON[lang]}`, m.prose(pressureVerdict(found.pressure, lang)), lang);
}

/**
 * How an explanation is marked up: Markdown for the editor hover and the CLI, plain text for the diagram
 * webview (shown with textContent). Catalogue prose is written with Markdown code spans (`tw`), which the
 * plain form drops at the source instead of stripping the rendered Markdown afterwards.
 */
interface Marks {
  readonly bold: (s: string) => string;
  readonly code: (s: string) => string;
  readonly escape: (s: string) => string;
  readonly prose: (s: string) => string;
  readonly commands: (commands: readonly string[]) => string;
  readonly italic: (s: string) => string;
  /** The sources line: Markdown links, or "Source: label (url); …" as plain text. */
  readonly sources: (sources: readonly string[], lang: Lang) => string;
  readonly lineBreak: string;
}

const MARKDOWN: Marks = {
  bold: (s) => `**${s}**`,
  code: codeSpan,
  escape: escapeMarkdown,
  prose: (s) => s,
  commands: shellBlock,
  italic: (s) => `_${s}_`,
  sources: sourcesLine,
  lineBreak: '  \n',
};

const PLAIN: Marks = {
  bold: (s) => s,
  code: (s) => s,
  escape: (s) => s,
  prose: (s) => s.split('`').join(''),
  commands: (commands) => commands.join('\n'),
  italic: (s) => s,
  sources: (sources, lang) => sourcesPlain(sources, lang, 8),
  lineBreak: '\n',
};

/**
 * A bold lead-in and its text. In Markdown a space follows the bold, which must close before Chinese text to
 * render; in plain text the lead-in joins its text with the language's own spacing (textJoin.ts).
 */
function lead(m: Pick<Marks, 'bold'>, bold: string, text: string, lang: Lang): string {
  return m === PLAIN ? joinText([bold, text], lang) : `${m.bold(bold)} ${text}`;
}

/** `**Lead:** text` (kernel.ts kernelLine) as plain text. */
function plainLead(markdown: string, lang: Lang): string {
  const found = /^\*\*([^*]*)\*\* ([\s\S]*)$/.exec(markdown);
  return found ? joinText([found[1] as string, found[2] as string], lang) : markdown.replace(/\*\*/g, '');
}

export function explainState(id: StateId, options: ExplainOptions, ctx: StateExplainContext = {}): string {
  return renderStateExplanation(id, options, ctx, MARKDOWN);
}

/** The same explanation as plain text (the diagram webview's tooltip): no markup, no links. */
export function explainStateText(id: StateId, options: Omit<ExplainOptions, 'links'>, ctx: StateExplainContext = {}): string {
  return renderStateExplanation(id, { lang: options.lang, ...(options.kernel ? { kernel: options.kernel } : {}) }, ctx, PLAIN);
}

/** The parts of a state's explanation that come from the catalogue alone (kept per state, language, markup). */
interface CatalogueParts {
  readonly summary: string;
  readonly verdict: string;
  readonly who: string;
  readonly commands: string;
  readonly pitfall: string;
  /** References of what the parts above show (the version line adds its own when it is shown). */
  readonly sources: readonly string[];
}

const CATALOGUE_PARTS = new BoundedMemo<CatalogueParts>(256);

function catalogueParts(id: StateId, lang: Lang, m: Marks): CatalogueParts {
  return CATALOGUE_PARTS.get(`${m === PLAIN ? 'plain' : 'md'}|${lang}|${id}`, () => {
    const k = STATE_KNOWLEDGE[id];
    // The headline carries the verdict ("the typical orphan", "never an orphan: the application still holds the fd").
    const headline = m.prose(orphanHeadline(id, lang));
    const why = m.prose(pick(k.orphan.why.text, lang));
    const verdict = lead(m, lang === 'en' ? `${t(L.orphanVerdict, lang)}: ${headline}.` : `${t(L.orphanVerdict, lang)}：${headline}。`, why, lang);
    const knobs: string[] = [];
    if (k.orphan.sysctls.length) knobs.push(`${t(L.tunables, lang)}${PUNCT.colon[lang]}${k.orphan.sysctls.map(m.code).join(PUNCT.comma[lang])}`);
    if (k.orphan.counters.length) knobs.push(`${t(L.counters, lang)}${PUNCT.colon[lang]}${k.orphan.counters.map((c) => relatedName(c, m) ?? m.code(c)).join(PUNCT.comma[lang])}`);
    const labelled = (label: Localized, text: Localized): string => lead(m, `${t(label, lang)}${LABEL_COLON[lang]}`, m.prose(pick(text, lang)), lang);
    const who = [
      labelled(L.who, k.who),
      labelled(L.leavesOn, k.leavesOn),
      labelled(L.lifetime, k.lifetime.text),
      ...(k.peer ? [labelled(L.peer, k.peer.text)] : []),
    ].join(m.lineBreak);
    const pitfall = k.pitfalls[0];
    return {
      summary: m.prose(pick(k.summary, lang)),
      verdict: knobs.length ? `${verdict}\n\n${knobs.join(' · ')}` : verdict,
      who,
      commands: k.commands.length ? m.commands(k.commands.slice(0, 3)) : '',
      pitfall: pitfall ? labelled(L.pitfall, pitfall.text) : '',
      sources: [k.lifetime.source, k.orphan.why.source, ...k.pitfalls.slice(0, 1).map((p) => p.source)],
    };
  });
}

function renderStateExplanation(id: StateId, options: ExplainOptions, ctx: StateExplainContext, m: Marks): string {
  const { lang } = options;
  const c = catalogueParts(id, lang, m);
  const parts: string[] = [];
  let title = m.bold(id);
  const spelling = ctx.spelling;
  if (spelling && spelling.text !== id) {
    const family = spelling.families[0] ?? 'variant';
    title += ` — ${t(L.spellingOf, lang, { family: pick(FAMILY_LABEL[family], lang), state: id })}${PUNCT.colon[lang]}${m.code(spelling.text)}`;
  }
  parts.push(title, c.summary);
  const kernel = kernelFor(options, ctx.model);
  const version = kernelLine(id, kernel, lang);
  if (version) parts.push(m.prose(m === PLAIN ? plainLead(version, lang) : version));
  parts.push(c.verdict, c.who);
  if (c.commands) parts.push(c.commands);

  const model = ctx.model;
  if (model) {
    const lines = evidenceLinesOf(id, model.evidence, lang);
    const mentions = mentionCounts(model.mentions)[id] ?? 0;
    const extra: string[] = [];
    if (lines.length) extra.push(...lines.map(m.prose));
    if (orphanVerdict(id) !== 'no' || id === 'TIME-WAIT') {
      const s = sockstatLine(model.evidence, lang);
      if (s) extra.push(m.prose(s));
    }
    if (mentions > 0) extra.push(t(L.mentions, lang, { n: mentions }));
    if (extra.length) parts.push(lead(m, `${t(L.inThisNote, lang)}${LABEL_COLON[lang]}`, extra.join(' · '), lang));
    if (orphanVerdict(id) !== 'no' || id === 'TIME-WAIT') {
      const p = pressureLine(model, lang, ctx.at, m);
      if (p) parts.push(p);
    }
  }

  if (c.pitfall) parts.push(c.pitfall);

  const links = options.links;
  if (links) {
    const l: string[] = [];
    if (links.showDiagram) l.push(`[${t(L.showInDiagram, lang)}](${links.showDiagram(id)})`);
    if (links.insertTemplate) l.push(`[${t(L.insertTemplate, lang)}](${links.insertTemplate(id)})`);
    if (l.length) parts.push(l.join(' · '));
  }
  const sources = m.sources([...c.sources, ...(version ? kernelSources(id, kernel) : [])], lang);
  if (sources) parts.push(sources);
  return parts.join('\n\n');
}

export function explainTerm(term: TermKnowledge, options: ExplainOptions, ctx: { text?: string; model?: NoteModel; at?: number } = {}): string {
  const { lang } = options;
  const parts: string[] = [];
  let title = `**${escapeMarkdown(term.title)}**`;
  if (ctx.text && ctx.text !== term.id && ctx.text !== term.title) title += ` — ${codeSpan(ctx.text)}`;
  parts.push(title, pick(term.summary, lang));
  const kernel = kernelFor(options, ctx.model);
  const version = kernelLine(term.id, kernel, lang);
  if (version) parts.push(version);
  if (term.removed) parts.push(`**${t(L.removed, lang)}${LABEL_COLON[lang]}** ${pick(term.removed, lang)}`);
  const meta: string[] = [];
  if (term.defaultValue) meta.push(`**${t(L.defaultValue, lang)}${LABEL_COLON[lang]}** ${pick(term.defaultValue, lang)}`);
  if (term.unit) meta.push(`**${t(L.unit, lang)}${LABEL_COLON[lang]}** ${pick(term.unit, lang)}`);
  if (term.scope) meta.push(`**${t(L.scope, lang)}${LABEL_COLON[lang]}** ${t(term.scope === 'host' ? L.scopeHost : L.scopeNetns, lang)}`);
  if (meta.length) parts.push(meta.join('  \n'));
  // A hover shows the first three details, and links the sources of those only.
  const shown = term.details.slice(0, 3);
  for (const d of shown) parts.push(pick(d.text, lang));
  if (term.commands.length) parts.push(shellBlock(term.commands.slice(0, 3)));
  if (ctx.model) {
    const s = sockstatLine(ctx.model.evidence, lang);
    if (s && term.kind === 'sockstat') parts.push(`**${t(L.inThisNote, lang)}${LABEL_COLON[lang]}** ${s}`);
    const value = evidenceValue(ctx.model.evidence, term.id);
    if (value !== undefined) parts.push(`**${t(L.inThisNote, lang)}${LABEL_COLON[lang]}** ${codeSpan(String(value))}`);
    if (PRESSURE_TERMS.has(term.id)) {
      const p = pressureLine(ctx.model, lang, ctx.at);
      if (p) parts.push(p);
    }
  }
  const related = term.related.flatMap((r) => relatedName(r) ?? []);
  if (related.length) parts.push(`${t(L.related, lang)}${PUNCT.colon[lang]}${related.join(PUNCT.comma[lang])}`);
  const sources = sourcesLine([...shown.map((d) => d.source), ...(version ? kernelSources(term.id, kernel) : [])], lang);
  if (sources) parts.push(sources);
  return parts.join('\n\n');
}

/**
 * A related state or term as the reader knows it, in Markdown: a state, sysctl or counter by its name (`FIN-WAIT-1`,
 * `net.ipv4.tcp_max_orphans`), a kernel message or sockstat field by its title (`TCP: too many orphaned sockets`,
 * sockstat TCP `orphan`), never by a catalogue id such as `msg.…` or `sockstat.…`. Undefined for an unknown id.
 */
function relatedName(id: string, m: Pick<Marks, 'code' | 'prose'> = MARKDOWN): string | undefined {
  if (id in STATE_KNOWLEDGE) return m.code(id);
  const term = TERM_BY_ID.get(id);
  if (!term) return undefined;
  // A title with a code span in it is Markdown already (the sockstat fields').
  return term.title.includes('`') ? m.prose(term.title) : m.code(term.title);
}

export function explainAggregate(keyword: string, states: readonly StateId[], lang: Lang): string {
  return [
    `**${codeSpan(keyword)}** — ${t(L.aggregate, lang)}`,
    `${t(L.aggregateExpands, lang)}${PUNCT.colon[lang]}${states.join(PUNCT.comma[lang])}`,
    sourcesLine(['ss.c scan_state; ss.8 STATE-FILTER'], lang),
  ].join('\n\n');
}

/** The hover markdown for a mention in a note. */
export function explainMention(m: Mention, model: NoteModel, options: ExplainOptions): string | undefined {
  if (m.kind === 'state') {
    return explainState(m.id as StateId, options, { spelling: { text: m.text, families: m.families ?? ['variant'] }, model, at: m.start });
  }
  if (m.kind === 'aggregate') return explainAggregate(m.id, m.states ?? [], options.lang);
  if (m.kind === 'conntrack') return explainConntrack(m.id, options.lang);
  const term = TERM_BY_ID.get(m.id);
  return term ? explainTerm(term, options, { text: m.text, model, at: m.start }) : undefined;
}
