/**
 * What the note already says that the diagnosis template asks for: host, kernel, time of the latest sample,
 * per-state counts, sockstat numbers, tunables, page size, abort counters and the likely cause. The template
 * (build.ts) writes these in place of its placeholders; what the note does not give stays a placeholder.
 * Everything here is reduced to inert text (host names to [A-Za-z0-9._-], sysctl values to digits) because it
 * is written back into the note as Markdown and into a snippet. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, StateId } from '../catalogue/types';
import { SYSCTL_MAX_ORPHANS, SYSCTL_MAX_TW, SYSCTL_TCP_MEM } from '../snapshot/pressure';
import { PAGE_SIZE_KEY } from '../evidence/snapshotFormat';
import { kernelFromNote } from '../knowledge/kernel';
import type { NoteModel } from '../note/model';
import { formatNumber } from '../strings';
import { causesOf, type NoteAnalysis } from '../report/build';
import type { Cause } from '../report/causes';
import type { TemplateSymptom } from './variants';

export interface TemplateFacts {
  readonly host?: string;
  readonly kernel?: string;
  /** ISO 8601 time of the note's latest sample. */
  readonly time?: string;
  /** Values for the snapshot table, by row key (see content.ts snapshotRows). */
  readonly values: Readonly<Partial<Record<SnapshotRowKey, string>>>;
  readonly cause?: { readonly message: string; readonly source: string };
}

export type SnapshotRowKey = 'kernel' | 'sockstat' | 'sysctl' | 'pageSize' | 'summary' | 'perState' | 'counters' | 'log';

export const NO_FACTS: TemplateFacts = { values: {} };

const TUNABLES = [SYSCTL_MAX_ORPHANS, SYSCTL_TCP_MEM, 'net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_fin_timeout', SYSCTL_MAX_TW, 'net.ipv4.tcp_retries2'];
const COUNTERS = ['TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnTimeout', 'TcpExtTCPAbortOnClose', 'TcpExtTCPAbortOnData', 'TcpExtTCPAbortOnLinger', 'TcpExtTCPTimeWaitOverflow'];
const SYMPTOM_STATE: Readonly<Record<TemplateSymptom, StateId | undefined>> = {
  general: undefined,
  'fin-wait-1': 'FIN-WAIT-1',
  'fin-wait-2': 'FIN-WAIT-2',
  'last-ack': 'LAST-ACK',
  'close-wait': 'CLOSE-WAIT',
  'time-wait': 'TIME-WAIT',
};
const MAX_LINES = 50_000;
const MAX_STATES = 8;

/** A host name as written, or undefined when it holds anything but the characters of a host name. */
export function safeHost(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const v = name.trim();
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(v) ? v : undefined;
}

function decodeHeaderValue(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

const UNAME_A = /^\s*Linux ([A-Za-z0-9][\w.-]{0,62}) \d{1,2}\.\d{1,3}\.\d/;
/** `[root@web-01 ~]# …`, `ops@web-01:~$ …` */
const PROMPT = /^\s*\[?[a-z_][\w-]{0,31}@([A-Za-z0-9][\w.-]{0,62})(?::[^\s$#]{0,80}|\s[^\]\s]{1,80}\])[#$] /;

/** The host the note is about: a snapshot header, `uname -a` output, or a shell prompt — the first one found. */
export function hostFromNote(model: NoteModel): string | undefined {
  const n = Math.min(model.lines.lineCount, MAX_LINES);
  for (let i = 0; i < n; i++) {
    const line = model.lines.lineText(i).slice(0, 512);
    if (line.startsWith('# tcp-state-notes snapshot ')) {
      const tok = line.split(/\s+/).find((x) => x.startsWith('host='));
      const host = safeHost(tok ? decodeHeaderValue(tok.slice(5)) : undefined);
      if (host) return host;
    }
    const m = UNAME_A.exec(line) ?? PROMPT.exec(line);
    const host = safeHost(m?.[1]);
    if (host) return host;
  }
  return undefined;
}

function snapshotTime(model: NoteModel): string | undefined {
  const n = Math.min(model.lines.lineCount, MAX_LINES);
  for (let i = n - 1; i >= 0; i--) {
    const line = model.lines.lineText(i).slice(0, 512);
    if (!line.startsWith('# tcp-state-notes snapshot ')) continue;
    const tok = line.split(/\s+/).find((x) => x.startsWith('time='));
    const v = tok ? decodeHeaderValue(tok.slice(5)) : '';
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:\d\d)?$/.test(v)) return v;
  }
  return undefined;
}

const join = (parts: readonly string[]): string | undefined => (parts.length ? parts.join(' · ') : undefined);
const short = (key: string): string => key.replace(/^net\.ipv4\./, '');

/** The cause for the template: the one about the symptom's state, else the first the note shows. */
function pickCause(causes: readonly Cause[], symptom: TemplateSymptom): Cause | undefined {
  const state = SYMPTOM_STATE[symptom];
  return causes.find((c) => state !== undefined && c.state === state) ?? (state === undefined ? causes[0] : causes.find((c) => c.state === null));
}

/**
 * The facts for a template of `symptom` in `lang` from a note and its evidence analysis (undefined analysis —
 * a note too large for it — gives host and kernel only).
 */
export function templateFacts(model: NoteModel, analysis: NoteAnalysis | undefined, symptom: TemplateSymptom, lang: Lang): TemplateFacts {
  const host = hostFromNote(model);
  const kernel = kernelFromNote(model.text)?.version.release;
  const values: Partial<Record<SnapshotRowKey, string>> = {};
  if (kernel) values.kernel = `\`${kernel}\``;
  let time = snapshotTime(model);
  let cause: Cause | undefined;
  if (analysis) {
    const latest = [...analysis.points].sort((a, b) => a.minutes - b.minutes).pop();
    if (latest) time = latest.time;
    const l = analysis.limits;
    const sock: string[] = [];
    if (l.orphan !== null) sock.push(`orphan ${formatNumber(l.orphan)}`);
    if (l.tw !== null) sock.push(`tw ${formatNumber(l.tw)}`);
    if (l.mem !== null) sock.push(`mem ${formatNumber(l.mem)}`);
    const sockstat = join(sock);
    if (sockstat) values.sockstat = sockstat;
    const tunables = join(
      TUNABLES.flatMap((k) => {
        const v = analysis.sysctls[k]?.trim().replace(/\s+/g, ' ');
        return v !== undefined && /^\d{1,19}(?: \d{1,19}){0,2}$/.test(v) ? [`\`${short(k)}\` ${v}`] : [];
      }),
    );
    if (tunables) values.sysctl = tunables;
    const page = analysis.sysctls[PAGE_SIZE_KEY]?.trim();
    if (page && /^\d{1,7}$/.test(page)) values.pageSize = page;
    const states = [...analysis.evidence.counts.entries()].sort((a, b) => b[1].count - a[1].count).slice(0, MAX_STATES);
    const perState = join(states.map(([s, c]) => `${s} ${formatNumber(c.count)}`));
    if (perState) values.perState = perState;
    const counters = join(COUNTERS.flatMap((k) => (analysis.counters[k] !== undefined ? [`${k.replace(/^TcpExt/, '')} ${formatNumber(analysis.counters[k] as number)}`] : [])));
    if (counters) values.counters = counters;
    cause = pickCause(causesOf(analysis, lang), symptom);
  }
  return {
    ...(host ? { host } : {}),
    ...(kernel ? { kernel } : {}),
    ...(time ? { time } : {}),
    values,
    ...(cause ? { cause: { message: cause.message, source: cause.source } } : {}),
  };
}
