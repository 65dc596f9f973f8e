/**
 * The one-line name of an evidence block ("ss output: 3 FIN-WAIT-1 · 1 LAST-ACK"): the code lens title, the
 * VS Code Outline / Go to Symbol entry and the language server's document symbol all use it.
 * Pure: no `vscode`, no Node built-ins. Everything in the name comes from EvidenceSummary (parsed numbers,
 * state ids, kinds, counter names of letters and digits), never from note text.
 */
import type { Lang, Localized } from '../catalogue/types';
import type { EvidenceKind } from '../evidence/types';
import { formatCount } from '../format';
import { t } from '../strings';
import type { NoteModel } from './model';
import { summarizeEvidence, type EvidenceSummary } from './navigation';

const KIND: Readonly<Record<EvidenceKind, Localized>> = {
  ss: { en: 'ss output', 'zh-cn': 'ss 输出' },
  'ss-summary': { en: 'ss -s output', 'zh-cn': 'ss -s 输出' },
  netstat: { en: 'netstat output', 'zh-cn': 'netstat 输出' },
  'get-nettcpconnection': { en: 'Get-NetTCPConnection output', 'zh-cn': 'Get-NetTCPConnection 输出' },
  lsof: { en: 'lsof output', 'zh-cn': 'lsof 输出' },
  sockstat: { en: 'sockstat', 'zh-cn': 'sockstat' },
  'state-counts': { en: 'per-state counts', 'zh-cn': '按状态统计' },
  'endpoint-counts': { en: 'counts per address and port', 'zh-cn': '按地址和端口统计' },
  nstat: { en: 'counters', 'zh-cn': '计数器' },
  'proc-net-tcp': { en: '/proc/net/tcp rows', 'zh-cn': '/proc/net/tcp 行' },
  sysctl: { en: 'sysctl values', 'zh-cn': 'sysctl 值' },
  prometheus: { en: 'node_exporter metrics', 'zh-cn': 'node_exporter 指标' },
  snapshot: { en: 'socket snapshot', 'zh-cn': 'socket 快照' },
};

const W = {
  orphans: { en: '{n} orphans', 'zh-cn': '{n} 个孤儿 socket' },
  tw: { en: 'tw {n}', 'zh-cn': 'tw {n}' },
  sysctls: { en: '{n} sysctls', 'zh-cn': '{n} 个 sysctl' },
  named: { en: '{kinds}: {parts}', 'zh-cn': '{kinds}：{parts}' },
  line: { en: 'line {n}', 'zh-cn': '第 {n} 行' },
} as const satisfies Record<string, Localized>;

export function evidenceKindLabel(kind: EvidenceKind, lang: Lang): string {
  return t(KIND[kind], lang);
}

/** "ss output: 3 FIN-WAIT-1 · 1 LAST-ACK" — the name of an evidence block. */
export function describeEvidence(summary: EvidenceSummary, lang: Lang): string {
  const parts: string[] = [];
  for (const s of summary.states) parts.push(`${formatCount(s.count)} ${s.state}`);
  if (summary.orphans !== undefined) parts.push(t(W.orphans, lang, { n: formatCount(summary.orphans) }));
  if (summary.timeWait !== undefined) parts.push(t(W.tw, lang, { n: formatCount(summary.timeWait) }));
  for (const c of summary.counters) parts.push(`${c.name.replace(/^TcpExt/, '')} ${formatCount(c.value)}`);
  if (summary.maxOrphans !== undefined) parts.push(`tcp_max_orphans = ${formatCount(summary.maxOrphans)}`);
  else if (summary.sysctls > 0 && parts.length === 0) parts.push(t(W.sysctls, lang, { n: summary.sysctls }));
  const kinds = summary.kinds.map((k) => evidenceKindLabel(k, lang)).join(' + ');
  return parts.length ? t(W.named, lang, { kinds, parts: parts.join(' · ') }) : kinds;
}

/** "line 30": the detail of an evidence block's symbol (`line` 0-based). */
export function evidenceLineLabel(line: number, lang: Lang): string {
  return t(W.line, lang, { n: line + 1 });
}

/** An evidence block as a document symbol: note offsets (UTF-16, end exclusive); the selection is its first line. */
export interface EvidenceSymbol {
  readonly name: string;
  readonly detail: string;
  readonly start: number;
  readonly end: number;
  readonly selectionEnd: number;
}

/**
 * The note's evidence blocks as flat symbols (headings are the Markdown language's job; these never compete
 * with its tree): the VS Code Outline and the language server's textDocument/documentSymbol.
 */
export function evidenceSymbols(model: NoteModel, lang: Lang): EvidenceSymbol[] {
  return model.evidence.map((block) => {
    const line = model.lines.lineAt(block.start);
    return {
      name: describeEvidence(summarizeEvidence(block), lang),
      detail: evidenceLineLabel(line, lang),
      start: block.start,
      end: block.end,
      selectionEnd: Math.max(block.start, Math.min(block.end, model.lines.lineEnd(line))),
    };
  });
}
