/**
 * tcp-state-notes — the command-line twin of the extension, over the same core.
 *   scan <file>... [--json]                       mentions and evidence
 *   explain <term> [--lang en|zh-cn]              the hover's markdown for any spelling
 *   diagram <file> [-o out.svg] [--section "<heading>"]
 *   template [--symptom …] [--lang en|zh-cn]      the diagnosis template as plain markdown
 * Bad input: one clear line on stderr and a non-zero exit.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { analyzeNote } from './core/note/analyze';
import type { NoteModel } from './core/note/model';
import { explainAggregate, explainState, explainTerm } from './core/explain';
import { resolveTerm } from './core/lookup';
import { buildTemplate, isTemplateSymptom, TEMPLATE_SYMPTOMS } from './core/template';
import { diagramSource } from './core/diagram/fromNote';
import { buildDiagramModel } from './core/diagram/model';
import { renderDiagramSvg } from './core/diagram/svg';
import type { Lang } from './core/catalogue/types';

export class CliError extends Error {}

const USAGE = `Usage:
  tcp-state-notes scan <file>... [--json]
  tcp-state-notes explain <term> [--lang en|zh-cn]
  tcp-state-notes diagram <file> [-o out.svg] [--section "<heading>"] [--linux] [--lang en|zh-cn]
  tcp-state-notes template [--symptom general|fin-wait-1|fin-wait-2|last-ack|close-wait|time-wait] [--lang en|zh-cn]`;

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--lang', '-o', '--output', '--section', '--symptom']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (VALUE_FLAGS.has(name)) {
        const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new CliError(`${name} needs a value`);
        flags.set(name, value);
      } else if (eq > 0) throw new CliError(`unknown option ${name}`);
      else flags.set(name, true);
    } else positional.push(a);
  }
  return { positional, flags };
}

export function langOf(args: ParsedArgs): Lang {
  const v = args.flags.get('--lang');
  if (v === undefined) return 'en';
  if (v === 'en' || v === 'zh-cn' || v === 'zh-CN') return v === 'en' ? 'en' : 'zh-cn';
  throw new CliError(`--lang must be en or zh-cn, not "${String(v)}"`);
}

/** Reads a note; refuses directories, binary files and invalid input with a one-line reason. */
export function readNote(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliError(`${file}: is a directory`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: no such file`);
  }
  if (size > 256 * 1024 * 1024) throw new CliError(`${file}: too large (${Math.round(size / 1048576)} MB; the limit is 256 MB)`);
  const bytes = readFileSync(file);
  if (bytes.subarray(0, 8192).includes(0)) throw new CliError(`${file}: looks like a binary file, not a Markdown note`);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function scanJson(file: string, model: NoteModel): object {
  return {
    file,
    mentions: model.mentions.map((m) => {
      const p = model.lines.positionAt(m.start);
      const kind = m.kind === 'sockstat' ? 'counter' : m.kind === 'aggregate' ? 'state' : m.kind;
      return {
        line: p.line,
        character: p.character,
        length: m.end - m.start,
        text: m.text,
        kind,
        id: m.kind === 'aggregate' ? `ss:${m.id}` : m.id,
        context: m.context,
        ...(m.kind === 'aggregate' ? { states: m.states } : {}),
      };
    }),
    evidence: model.evidence.map((b) => ({
      line: b.startLine,
      endLine: b.endLine,
      lang: b.lang,
      kinds: [...new Set(b.segments.map((s) => s.kind))],
      counts: b.counts,
      listed: b.listed,
      ...(b.sockstat ? { sockstat: b.sockstat } : {}),
      counters: b.counters,
      sysctls: b.sysctls,
    })),
  };
}

function scanTable(file: string, model: NoteModel): string {
  const rows = model.mentions.map((m) => {
    const p = model.lines.positionAt(m.start);
    return `${String(p.line + 1).padStart(6)}:${String(p.character + 1).padEnd(4)} ${m.kind.padEnd(9)} ${m.id.padEnd(28)} ${JSON.stringify(m.text)} (${m.context})`;
  });
  const ev = model.evidence.map((b) => {
    const counts = Object.entries(b.counts)
      .map(([s, n]) => `${s}=${n}`)
      .join(' ');
    const tcp = b.sockstat?.tcp;
    const ss = tcp ? ` sockstat orphan=${tcp.orphan ?? '?'} tw=${tcp.tw ?? '?'} mem=${tcp.mem ?? '?'}` : '';
    return `  lines ${b.startLine + 1}-${b.endLine}: ${[...new Set(b.segments.map((s) => s.kind))].join(', ')} ${counts}${ss}`;
  });
  return [`${file}: ${model.mentions.length} mentions, ${model.evidence.length} evidence blocks`, ...rows, ...(ev.length ? ['evidence:', ...ev] : [])].join('\n');
}

export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s)): number {
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  switch (command) {
    case 'scan': {
      if (rest.length === 0) throw new CliError('scan needs at least one file');
      const results = rest.map((file) => ({ file, model: analyzeNote(readNote(file)) }));
      if (args.flags.has('--json')) {
        const json = results.map((r) => scanJson(r.file, r.model));
        out(`${JSON.stringify(json.length === 1 ? json[0] : json, null, 2)}\n`);
      } else out(`${results.map((r) => scanTable(r.file, r.model)).join('\n\n')}\n`);
      return 0;
    }
    case 'explain': {
      const term = rest.join(' ');
      if (!term) throw new CliError('explain needs a term, e.g. `tcp-state-notes explain FIN_WAIT1`');
      const lang = langOf(args);
      const r = resolveTerm(term);
      if (!r) throw new CliError(`unknown term "${term}": not a TCP state, sysctl, counter, sockstat field or kernel message this tool knows`);
      const md =
        r.kind === 'state'
          ? explainState(r.id, { lang }, { spelling: { text: r.text, families: r.families } })
          : r.kind === 'aggregate'
            ? explainAggregate(r.keyword, r.states, lang)
            : explainTerm(r.term, { lang }, { text: r.text });
      out(`${md}\n`);
      return 0;
    }
    case 'template': {
      const symptom = args.flags.get('--symptom') ?? 'general';
      if (typeof symptom !== 'string' || !isTemplateSymptom(symptom)) {
        throw new CliError(`--symptom must be one of ${TEMPLATE_SYMPTOMS.join(', ')}`);
      }
      out(buildTemplate(symptom, langOf(args)).markdown);
      return 0;
    }
    case 'diagram': {
      const [file, ...extra] = rest;
      if (!file) throw new CliError('diagram needs a file');
      if (extra.length) throw new CliError(`diagram takes one file, got ${rest.length}`);
      const lang = langOf(args);
      const model = analyzeNote(readNote(file));
      const wanted = args.flags.get('--section');
      let range: { start: number; end: number } | undefined;
      let title = file.split(/[\\/]/).pop() ?? file;
      if (typeof wanted === 'string') {
        const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
        const section = model.sections.find((s) => norm(s.title) === norm(wanted));
        if (!section) {
          const titles = model.sections.map((s) => JSON.stringify(s.title)).join(', ') || '(none)';
          throw new CliError(`no section titled ${JSON.stringify(wanted)} in ${file}; headings: ${titles}`);
        }
        range = { start: section.start, end: section.end };
        title = section.title;
      }
      const source = diagramSource(model, lang, range, title);
      const svg = renderDiagramSvg(buildDiagramModel({ ...source.input, showLinux: args.flags.has('--linux') }, lang), { standaloneStyle: true });
      const target = args.flags.get('-o') ?? args.flags.get('--output');
      if (typeof target === 'string') writeFileSync(target, svg);
      else out(svg);
      return 0;
    }
    case 'help':
    case undefined:
      if (args.flags.has('--help') || args.flags.has('-h') || command === 'help') {
        out(`${USAGE}\n`);
        return 0;
      }
      throw new CliError(`missing command\n${USAGE}`);
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`);
  }
}

/** Runs the CLI and maps errors to exit codes: 2 for bad input (one line on stderr), 70 for a bug. */
export function runCli(argv: readonly string[]): number {
  try {
    return main(argv);
  } catch (e) {
    if (e instanceof CliError) {
      process.stderr.write(`tcp-state-notes: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`tcp-state-notes: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 70;
  }
}
