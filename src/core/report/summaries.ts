/**
 * Short per-connection summaries for the editor: the lines a hover on a state adds (what the note's listings
 * show for that state, and the likely cause) and the title of the code lens over a listing block. Memoised per
 * model / block. Notes larger than MAX_SUMMARY_CHARS get none (the hover and lens must never block the editor;
 * `tcp-state-notes report` covers any size).
 *
 * A model assembled from the analysis worker's answer gets the worker's evidence analysis of the same text (its
 * companion, computed there by remoteEvidenceSteps while this thread assembles the model), so the editor's thread
 * does not read every listing row again; any other model's is computed here on first use.
 * Pure: no `vscode`, no Node built-ins.
 */
import { ModelAssembly } from '../note/assembly';
import type { EvidenceBlock, NoteModel, OffsetRange } from '../note/model';
import type { Piece } from '../note/piece';
import { companionOf } from '../note/transfer';
import type { Lang, Localized, StateId } from '../catalogue/types';
import { connectionsOfSegment, type StateSockets } from '../evidence/connections';
import { formatNumber, t } from '../strings';
import { analyseEvidence, analyseEvidenceSteps, causesOf, type NoteAnalysis } from './build';
import { safeName, type Cause, type CauseRule } from './causes';
import { escapeMarkdown } from './markdown';
import { codeLineText, netnsTallies } from './noteEvidence';
import { segmentNetnsKey } from './netns';

export const MAX_SUMMARY_CHARS = 2 * 1024 * 1024;

const analyses = new WeakMap<NoteModel, NoteAnalysis>();
/** Section-scoped analyses of a model, by range (the diagram's detail pane; a few sections per note). */
const scopedAnalyses = new WeakMap<NoteModel, Map<string, NoteAnalysis>>();
const MAX_SCOPED = 16;
const causeCache = new WeakMap<NoteAnalysis, Map<Lang, Cause[]>>();

/**
 * The evidence analysis of a note — of one section of it with `range` — computed once per model (and range);
 * undefined for stand-in or very large models.
 */
export function cachedAnalysis(model: NoteModel, range?: OffsetRange): NoteAnalysis | undefined {
  if (!summarised(model)) return undefined;
  if (range) {
    let byRange = scopedAnalyses.get(model);
    if (!byRange) scopedAnalyses.set(model, (byRange = new Map()));
    const key = `${range.start}:${range.end}`;
    let scoped = byRange.get(key);
    if (!scoped) {
      if (byRange.size >= MAX_SCOPED) byRange.clear();
      byRange.set(key, (scoped = analyseEvidence(model, range)));
    }
    return scoped;
  }
  let a = analyses.get(model) ?? adoptCompanion(model);
  if (!a) analyses.set(model, (a = analyseEvidence(model)));
  return a;
}

/** Whether a model gets an evidence analysis at all (not a stand-in, not too large). */
function summarised(model: NoteModel): boolean {
  return !model.partial && model.text.length <= MAX_SUMMARY_CHARS;
}

/**
 * The analysis worker's side: the evidence analysis of the text it analysed, from its pieces (the model assembled
 * there too), in steps; null where cachedAnalysis gives none. What it returns is the companion of its answer.
 */
export function* remoteEvidenceSteps(text: string, pieces: readonly Piece[]): Generator<void, NoteAnalysis | null, void> {
  // Too large for summaries: no model to assemble for nothing (the host does not wait for one either).
  if (text.length > MAX_SUMMARY_CHARS) return null;
  const assembly = new ModelAssembly(text, pieces);
  while (!assembly.run(0)) yield;
  const model = assembly.model as NoteModel;
  return summarised(model) ? yield* analyseEvidenceSteps(model) : null;
}

/** The worker's evidence analysis of this model's text, once arrived and well-formed, adopted as the model's. */
function adoptCompanion(model: NoteModel): NoteAnalysis | undefined {
  const c = companionOf(model);
  if (!c?.settled || !isNoteAnalysis(c.value)) return undefined;
  analyses.set(model, c.value);
  return c.value;
}

/**
 * Resolves when the model's evidence analysis is coming from the analysis worker and has arrived (cachedAnalysis
 * then adopts it instead of reading the note's rows here); undefined when there is nothing to wait for.
 */
export function evidenceArrival(model: NoteModel): Promise<void> | undefined {
  if (!summarised(model) || analyses.has(model)) return undefined;
  const c = companionOf(model);
  return c && !c.settled ? c.arrived : undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The shape of a NoteAnalysis as it crosses from the worker (structured clone keeps its Maps). */
function isNoteAnalysis(x: unknown): x is NoteAnalysis {
  if (!isRecord(x) || !isRecord(x.evidence)) return false;
  const e = x.evidence;
  return (
    Array.isArray(e.connections) &&
    e.sockets instanceof Map &&
    e.transitions instanceof Map &&
    Array.isArray(e.prose) &&
    e.counts instanceof Map &&
    e.gone instanceof Set &&
    Array.isArray(e.countSources) &&
    Array.isArray(x.points) &&
    isRecord(x.limits) &&
    (x.trend === null || isRecord(x.trend)) &&
    isRecord(x.counters) &&
    isRecord(x.sysctls)
  );
}

function cachedCauses(a: NoteAnalysis, lang: Lang): Cause[] {
  let m = causeCache.get(a);
  if (!m) causeCache.set(a, (m = new Map()));
  let c = m.get(lang);
  if (!c) m.set(lang, (c = causesOf(a, lang)));
  return c;
}

const W = {
  sockets: { en: '**Sockets listed in this note:** {n} {state}', 'zh-cn': '**本笔记列出的套接字：** {n} 个 {state}' },
  timers: { en: 'timers {list}', 'zh-cn': '定时器 {list}' },
  sendQ: { en: 'Send-Q > 0: {n} (max {max} B)', 'zh-cn': 'Send-Q > 0：{n} 个（最大 {max} 字节）' },
  network: { en: 'top network {prefix} ({n})', 'zh-cn': '主要网段 {prefix}（{n}）' },
  retrans: { en: 'max retransmissions {n}', 'zh-cn': '最大重传 {n}' },
  procs: { en: 'process {list}', 'zh-cn': '进程 {list}' },
  cause: { en: '{message} ([source]({url}))', 'zh-cn': '{message}（[来源]({url})）' },
} as const satisfies Record<string, Localized>;

const SHORT: Readonly<Record<CauseRule, Localized>> = {
  'fin-wait-1-zero-window': { en: 'likely: peers advertise a zero window', 'zh-cn': '可能：对端零窗口' },
  'orphan-retransmits-unanswered': { en: 'likely: FINs unanswered (unreachable peers)', 'zh-cn': '可能：FIN 无应答（对端不可达）' },
  'last-ack-fin-unacknowledged': { en: 'likely: the peer never ACKs our FIN', 'zh-cn': '可能：对端不确认我方 FIN' },
  'close-wait-not-closed': { en: 'likely: the application does not close', 'zh-cn': '可能：应用没有关闭连接' },
  'fin-wait-2-timewait-minisocks': { en: 'timewait minisocks, harmless', 'zh-cn': 'timewait minisock，无害' },
  'fin-wait-2-orphans-waiting': { en: 'likely orphans waiting out their FIN-WAIT-2 timeout', 'zh-cn': '可能是在等待 FIN-WAIT-2 超时的孤儿' },
  'fin-wait-2-held-open': { en: 'full sockets on keepalive: orphans, or shut down and still open', 'zh-cn': 'keepalive 上的完整套接字：孤儿，或只 shutdown 仍打开' },
  'time-wait-table-full': { en: 'the TIME-WAIT table is full', 'zh-cn': 'TIME-WAIT 表已满' },
  'orphan-limit-pressure': { en: 'orphans near the limit', 'zh-cn': '孤儿接近上限' },
  'tcp-memory-limit': { en: 'TCP memory above tcp_mem[1]', 'zh-cn': 'TCP 内存超过 tcp_mem[1]' },
  'orphans-reset-by-kernel': { en: 'the kernel resets orphans', 'zh-cn': '内核在重置孤儿' },
  'orphan-resets-since-boot': { en: 'orphans reset since boot (history)', 'zh-cn': '开机以来重置过孤儿（历史）' },
  'listen-accept-queue-overflow': { en: 'likely: the accept queue overflows', 'zh-cn': '可能：全连接队列溢出' },
  'syn-queue-overflow': { en: 'likely: the SYN queue overflows', 'zh-cn': '可能：半连接队列溢出' },
  'local-port-exhaustion': { en: 'likely: local ports run out for one destination', 'zh-cn': '可能：同一目的地的本地端口耗尽' },
};

/** The short label of a cause judged at an earlier sample (causes.ts `past`). */
const SHORT_PAST: Readonly<Partial<Record<CauseRule, Localized>>> = {
  'time-wait-table-full': { en: 'the TIME-WAIT table was full', 'zh-cn': 'TIME-WAIT 表曾经满过' },
  'orphan-limit-pressure': { en: 'orphans were near the limit', 'zh-cn': '孤儿曾接近上限' },
  'orphans-reset-by-kernel': { en: 'the kernel reset orphans', 'zh-cn': '内核曾重置孤儿' },
};

function detailParts(s: StateSockets, lang: Lang, escape: (x: string) => string): string[] {
  const parts: string[] = [];
  const timers = (Object.entries(s.timers) as [string, number][]).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`);
  if (timers.length) parts.push(t(W.timers, lang, { list: timers.join(', ') }));
  if (s.sendQ.nonZero > 0) parts.push(t(W.sendQ, lang, { n: s.sendQ.nonZero, max: formatNumber(s.sendQ.max) }));
  const top = s.prefixes[0];
  if (top && s.listed > 1) parts.push(t(W.network, lang, { prefix: escape(top.prefix), n: top.count }));
  if (s.retransMax !== null && s.retransMax > 0) parts.push(t(W.retrans, lang, { n: s.retransMax }));
  if (s.processes.length) parts.push(t(W.procs, lang, { list: s.processes.slice(0, 2).map((p) => `${escape(p.name)} ×${p.count}`).join(', ') }));
  return parts;
}

/** Markdown lines a hover on `state` adds: the note's per-connection summary for it and the likely cause. */
export function stateEvidenceMarkdown(model: NoteModel, state: StateId, lang: Lang): string | undefined {
  const a = cachedAnalysis(model);
  if (!a) return undefined;
  const lines: string[] = [];
  const s = a.evidence.sockets.get(state);
  if (s) lines.push([t(W.sockets, lang, { n: s.listed, state }), ...detailParts(s, lang, escapeMarkdown)].join(' · '));
  for (const c of cachedCauses(a, lang)) {
    if (c.state === state) lines.push(t(W.cause, lang, { message: escapeMarkdown(c.message), url: c.source }));
  }
  return lines.length ? lines.join('\n\n') : undefined;
}

const blockCache = new WeakMap<EvidenceBlock, Map<Lang, { state: StateId; title: string } | null>>();

/**
 * A code lens title for a listing block that shows more than counts (timers or processes): its largest state's
 * timers, Send-Q, network, retransmissions, processes, and the note's likely cause for that state. Undefined
 * otherwise. Plain text (a lens title is not Markdown).
 */
export function blockConnectionSummary(model: NoteModel, block: EvidenceBlock, lang: Lang): { state: StateId; title: string } | undefined {
  const a = cachedAnalysis(model);
  if (!a) return undefined;
  let m = blockCache.get(block);
  if (!m) blockCache.set(block, (m = new Map()));
  const hit = m.get(lang);
  if (hit !== undefined) return hit ?? undefined;
  // A socket counts once within its network namespace (noteEvidence.ts): the block's outputs of two pods list two pods' sockets.
  const keys = block.segments.map((seg) => segmentNetnsKey(model, seg));
  const { tallies } = netnsTallies(keys);
  const lineText = codeLineText(model);
  for (const [i, seg] of block.segments.entries()) for (const c of connectionsOfSegment(seg, lineText)) tallies.add(c, i, false, keys[i]);
  let best: [StateId, StateSockets] | undefined;
  for (const e of tallies.result().sockets) if (!best || e[1].listed > best[1].listed) best = e;
  let out: { state: StateId; title: string } | null = null;
  if (best) {
    const [state, s] = best;
    const shows = s.processes.length > 0 || Object.values(s.timers).some((v) => v > 0);
    if (shows) {
      // Lens titles render `$(icon)` syntax: note text is reduced to inert characters.
      const parts = [`${s.listed} ${state}`, ...detailParts(s, lang, safeName)];
      const cause = cachedCauses(a, lang).find((c) => c.state === state);
      if (cause) parts.push(t((cause.past && SHORT_PAST[cause.rule]) || SHORT[cause.rule], lang));
      out = { state, title: parts.join(' · ') };
    }
  }
  m.set(lang, out);
  return out ?? undefined;
}
