/** `scan <file|dir|glob>… [--json]`: mentions and evidence of each note. */
import { analyzeNote } from '../../core/note/analyze';
import type { NoteModel } from '../../core/note/model';
import type { ParsedArgs } from '../args';
import { loadNotes } from '../notes';
import type { CommandOutput } from './types';

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

export function scanCommand(paths: readonly string[], args: ParsedArgs, report: (line: string) => void): CommandOutput {
  const loaded = loadNotes('scan', paths, args, report);
  const results = loaded.notes.map((n) => ({ file: n.file, model: analyzeNote(n.text) }));
  const code = loaded.failures.length ? 2 : 0;
  let data: string;
  if (args.flags.has('--json')) {
    const json = results.map((r) => scanJson(r.file, r.model));
    data = loaded.many ? `${JSON.stringify(json, null, 2)}\n` : json[0] ? `${JSON.stringify(json[0], null, 2)}\n` : '';
  } else data = results.length ? `${results.map((r) => scanTable(r.file, r.model)).join('\n\n')}\n` : '';
  return { data, code, inputs: loaded.ids };
}
