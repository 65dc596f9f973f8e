/**
 * The report as a short Markdown section that can be pasted into the note's analysis: states with their socket
 * detail, the timeline and trend, the limits, the likely causes (with what to check and change) and the
 * findings. Text from the note (addresses, process names, the file name) is escaped for Markdown.
 * Line numbers are 1-based here (for people); the JSON keeps 0-based lines like `scan`. Pure.
 */
import type { Lang, Localized } from '../catalogue/types';
import { formatPercent } from '../snapshot/pressure';
import { formatNumber, PUNCT, t } from '../strings';
import type { Report, ReportSockets } from './build';

const W = {
  title: { en: 'TCP evidence report — {file}', 'zh-cn': 'TCP 证据报告 — {file}' },
  states: { en: 'States', 'zh-cn': '状态' },
  head: {
    en: '| State | Count | Listed | Top peers | Top networks | Timers | Send-Q > 0 (max) | Max retrans. |',
    'zh-cn': '| 状态 | 数量 | 列出 | 主要对端 | 主要网段 | 定时器 | Send-Q > 0（最大） | 最大重传 |',
  },
  none: { en: 'No per-state evidence in this note.', 'zh-cn': '笔记中没有按状态的证据。' },
  timeline: { en: 'Timeline', 'zh-cn': '时间线' },
  timelineHead: { en: '| Time | Line | orphan | tw | mem (pages) |', 'zh-cn': '| 时间 | 行 | orphan | tw | mem（页） |' },
  oneSample: { en: 'One timed sample: no trend.', 'zh-cn': '只有一个带时间的采样：无法得出趋势。' },
  noSample: { en: 'No timed samples (a snapshot block, `date` output, or a time in the heading above a block).', 'zh-cn': '没有带时间的采样（快照块、`date` 输出，或代码块上方标题中的时间）。' },
  trend: {
    en: 'Orphans change by {rate} a minute; ¼ of tcp_max_orphans: {q}; ½: {h}; the limit: {l}.',
    'zh-cn': '孤儿每分钟变化 {rate}；到 tcp_max_orphans 的 ¼：{q}；½：{h}；上限：{l}。',
  },
  minutes: { en: 'in {m} min', 'zh-cn': '{m} 分钟后' },
  passed: { en: 'passed', 'zh-cn': '已超过' },
  never: { en: '—', 'zh-cn': '—' },
  limits: { en: 'Limits', 'zh-cn': '上限' },
  orphan: { en: 'orphan {o} of tcp_max_orphans {max} ({pct}; ¼ = {q}, ½ = {h})', 'zh-cn': 'orphan {o}，tcp_max_orphans {max}（{pct}；¼ = {q}，½ = {h}）' },
  orphanNoMax: { en: 'orphan {o}; tcp_max_orphans not in the note', 'zh-cn': 'orphan {o}；笔记中没有 tcp_max_orphans' },
  tw: { en: 'tw {tw} of tcp_max_tw_buckets {max} ({pct})', 'zh-cn': 'tw {tw}，tcp_max_tw_buckets {max}（{pct}）' },
  mem: { en: 'mem {mem} pages of tcp_mem[2] {max} ({pct}); pressure above tcp_mem[1] {p}', 'zh-cn': 'mem {mem} 页，tcp_mem[2] {max}（{pct}）；超过 tcp_mem[1] {p} 即进入内存压力' },
  perMinute: { en: ', {rate} a minute', 'zh-cn': '，每分钟 {rate}' },
  noLimits: { en: 'No sockstat numbers or orphan tunables in this note.', 'zh-cn': '笔记中没有 sockstat 数字或孤儿相关参数。' },
  causes: { en: 'Likely causes', 'zh-cn': '可能原因' },
  noCauses: { en: 'No cause rule matches the evidence in this note.', 'zh-cn': '笔记中的证据没有匹配任何原因规则。' },
  check: { en: 'Check', 'zh-cn': '检查' },
  change: { en: 'Change', 'zh-cn': '改动' },
  source: { en: 'Source', 'zh-cn': '来源' },
  host: { en: 'host-wide', 'zh-cn': '全局' },
  findings: { en: 'Findings', 'zh-cn': '发现的问题' },
  moreFindings: { en: '…and {more} more, not listed here (the JSON report has them all)', 'zh-cn': '……另有 {more} 个未列出（JSON 报告包含全部）' },
  moreSamples: { en: '… {more} samples between these …', 'zh-cn': '……中间另有 {more} 个采样……' },
  line: { en: 'line {n}', 'zh-cn': '第 {n} 行' },
} as const satisfies Record<string, Localized>;

/** Escapes note text for Markdown (tables included). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

const n = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatNumber(v));
/** A rate: thousands separated when whole, as computed otherwise (`12.5`). */
const rate = (v: number): string => (Number.isInteger(v) ? formatNumber(v) : String(v));

function timers(s: ReportSockets): string {
  const parts = (Object.entries(s.timers) as [string, number][]).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : '—';
}

function minutes(m: number | null, lang: Lang): string {
  if (m === null) return t(W.never, lang);
  return m === 0 ? t(W.passed, lang) : t(W.minutes, lang, { m });
}

/**
 * Rows of the timeline and findings the Markdown lists at most (the JSON keeps them all): the report is also the
 * answer of summarize_socket_evidence, which must fit a model's context and an MCP client's read buffer.
 */
export const MAX_MARKDOWN_ROWS = 200;

export function reportMarkdown(report: Report, lang: Lang): string {
  const j = report.json;
  const out: string[] = [`## ${t(W.title, lang, { file: escapeMarkdown(j.file) })}`, ''];
  out.push(`### ${t(W.states, lang)}`, '');
  const states = Object.entries(j.states);
  if (states.length === 0) out.push(t(W.none, lang));
  else {
    out.push(t(W.head, lang), '|---|---:|---:|---|---|---|---|---:|');
    for (const [id, st] of states) {
      if (!st) continue;
      const s = st.sockets;
      const peers = s.peers.slice(0, 3).map((p) => `${escapeMarkdown(p.address)} (${p.count})`).join(', ') || '—';
      const nets = s.prefixes.slice(0, 2).map((p) => `${escapeMarkdown(p.prefix)} (${p.count})`).join(', ') || '—';
      // Listeners have no Send-Q of bytes (ss shows their backlog limit there): not counted, shown as —.
      const sendQ = s.listed && id !== 'LISTEN' ? `${s.sendQ.nonZero} (${formatNumber(s.sendQ.max)})` : '—';
      out.push(`| ${id} | ${n(st.count)} | ${s.listed || '—'} | ${peers} | ${nets} | ${timers(s)} | ${sendQ} | ${n(s.retransMax)} |`);
    }
  }
  out.push('', `### ${t(W.timeline, lang)}`, '');
  if (j.timeline.length === 0) out.push(t(W.noSample, lang));
  else {
    out.push(t(W.timelineHead, lang), '|---|---:|---:|---:|---:|');
    // A long timeline keeps its first and last samples (the trend below reads them all).
    const half = MAX_MARKDOWN_ROWS / 2;
    const shown = j.timeline.length > MAX_MARKDOWN_ROWS ? [...j.timeline.slice(0, half), undefined, ...j.timeline.slice(-half)] : j.timeline;
    for (const p of shown) {
      if (p) out.push(`| ${p.time} | ${p.line + 1} | ${n(p.orphan)} | ${n(p.tw)} | ${n(p.mem)} |`);
      else out.push(`| ${t(W.moreSamples, lang, { more: j.timeline.length - MAX_MARKDOWN_ROWS })} | | | | |`);
    }
    out.push('');
    const tr = j.trend;
    out.push(tr ? t(W.trend, lang, { rate: rate(tr.orphanPerMinute), q: minutes(tr.minutesToQuarter, lang), h: minutes(tr.minutesToHalf, lang), l: minutes(tr.minutesToLimit, lang) }) : t(W.oneSample, lang));
  }
  out.push('', `### ${t(W.limits, lang)}`, '');
  const l = j.limits;
  const lines: string[] = [];
  if (l.orphan !== null) {
    lines.push(
      l.tcpMaxOrphans !== null && l.orphanRatio !== null
        ? t(W.orphan, lang, { o: n(l.orphan), max: n(l.tcpMaxOrphans), pct: formatPercent(l.orphanRatio), q: n(l.quarter), h: n(l.half) })
        : t(W.orphanNoMax, lang, { o: n(l.orphan) }),
    );
  }
  if (l.tw !== null && l.tcpMaxTwBuckets !== null && l.twRatio !== null) {
    lines.push(t(W.tw, lang, { tw: n(l.tw), max: n(l.tcpMaxTwBuckets), pct: formatPercent(l.twRatio) }) + (l.twPerMinute !== null ? t(W.perMinute, lang, { rate: rate(l.twPerMinute) }) : ''));
  }
  if (l.mem !== null && l.tcpMem !== null && l.memRatio !== null) {
    lines.push(t(W.mem, lang, { mem: n(l.mem), max: n(l.tcpMem[2]), pct: formatPercent(l.memRatio), p: n(l.tcpMem[1]) }) + (l.memPerMinute !== null ? t(W.perMinute, lang, { rate: rate(l.memPerMinute) }) : ''));
  }
  out.push(...(lines.length ? lines.map((x) => `- ${x}`) : [t(W.noLimits, lang)]));
  out.push('', `### ${t(W.causes, lang)}`, '');
  if (report.causes.length === 0) out.push(t(W.noCauses, lang));
  report.causes.forEach((c, i) => {
    out.push(`${i + 1}. **${c.state ?? t(W.host, lang)}** — ${c.message}`);
    const [colon, semicolon] = [PUNCT.colon[lang], PUNCT.semicolon[lang]];
    out.push(`   - ${t(W.check, lang)}${colon}${c.check.join(semicolon)}`);
    out.push(`   - ${t(W.change, lang)}${colon}${c.change.join(semicolon)}`);
    out.push(`   - ${t(W.source, lang)}${colon}<${c.source}>`);
  });
  if (j.findings.length) {
    out.push('', `### ${t(W.findings, lang)}`, '');
    for (const f of j.findings.slice(0, MAX_MARKDOWN_ROWS)) out.push(`- ${t(W.line, lang, { n: f.line + 1 })}${PUNCT.colon[lang]}${escapeMarkdown(f.message)}`);
    if (j.findings.length > MAX_MARKDOWN_ROWS) out.push(`- ${t(W.moreFindings, lang, { more: j.findings.length - MAX_MARKDOWN_ROWS })}`);
  }
  return `${out.join('\n')}\n`;
}
