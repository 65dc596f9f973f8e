/**
 * The report as a short Markdown section that can be pasted into the note's analysis: states with their socket
 * detail, the timeline and trend, the limits, the likely causes (with what to check and change) and the
 * findings. Text from the note (addresses, process names, the file name) is escaped for Markdown.
 * Line numbers are 1-based here (for people); the JSON keeps 0-based lines like `scan`. Pure.
 */
import { STATE_IDS, type Lang, type Localized, type StateId } from '../catalogue/types';
import { formatPercent } from '../snapshot/pressure';
import { formatDecimal, formatNumber, PUNCT, t } from '../strings';
import type { Report, ReportJson, ReportSockets } from './build';
import type { TimelinePoint } from './timeline';
import type { EarlierLimit, FitSince, Limits } from './limits';
import { ofSeries } from './hosts';
import { countsSourceText } from './currentCounts';
import { rowSockets } from './noteEvidence';
import { sysctlName, whenOf } from './causeBasics';

const W = {
  title: { en: 'TCP evidence report — {file}', 'zh-cn': 'TCP 证据报告 — {file}' },
  states: { en: 'States', 'zh-cn': '状态' },
  head: {
    en: '| State | Count | Listed | Top peers | Top networks | Timers | Send-Q > 0 (max) | Max retrans. |',
    'zh-cn': '| 状态 | 数量 | 列出 | 主要对端 | 主要网段 | 定时器 | Send-Q > 0（最大） | 最大重传 |',
  },
  none: { en: 'No per-state evidence in this note.', 'zh-cn': '笔记中没有按状态的证据。' },
  countsFrom: { en: 'Counts: {source}.', 'zh-cn': '计数来源：{source}。' },
  atLeast: {
    en: '≥: at least that many sockets: rows of a listing that shows part of them (cut by `head`, elided rows, a filter; `lsof` lists open files, so only sockets a process holds a descriptor of: <https://github.com/lsof-org/lsof>), or a count the note writes as a lower bound (`3万多`, `12k+`).',
    'zh-cn': '≥：实际至少有这么多套接字：只显示部分套接字的列表（`head` 截断、省略的行、过滤；`lsof` 列出的是打开的文件，只含有进程持有描述符的套接字：<https://github.com/lsof-org/lsof>）中的行数，或笔记写成下限的数量（`3万多`、`12k+`）。',
  },
  timeline: { en: 'Timeline', 'zh-cn': '时间线' },
  timelineHead: { en: '| Time | Line | orphan | tw | mem (pages) | Per-state counts |', 'zh-cn': '| 时间 | 行 | orphan | tw | mem（页） | 各状态数量 |' },
  oneSample: { en: 'One timed sample: no trend.', 'zh-cn': '只有一个带时间的采样：无法得出趋势。' },
  noOrphanCount: {
    en: 'No orphan trend: none of the {n} timed samples gives an orphan count (sockstat or ss -s).',
    'zh-cn': '无法得出孤儿趋势：{n} 个带时间的采样都没有孤儿数（sockstat 或 ss -s）。',
  },
  oneOrphanCount: { en: 'No orphan trend: only one of the {n} timed samples gives an orphan count.', 'zh-cn': '无法得出孤儿趋势：{n} 个带时间的采样中只有一个有孤儿数。' },
  orphanChanged: {
    en: 'No orphan trend: {name} was changed at {when}, and fewer than two timed samples with an orphan count follow.',
    'zh-cn': '无法得出孤儿趋势：{name} 在 {when} 改过，之后带孤儿数的带时间采样不到两个。',
  },
  noRateSince: { en: ', no rate: {name} was changed at {when}, and fewer than two samples follow', 'zh-cn': '，无法计算变化速度：{name} 在 {when} 改过，之后不到两个采样' },
  rateSince: { en: ' (since {name} was changed at {when})', 'zh-cn': '（自 {when} {name} 改动后）' },
  netnsRow: { en: '{time} (network namespace: {netns})', 'zh-cn': '{time}（网络命名空间：{netns}）' },
  twNetns: {
    en: "tw {tw} in {netns}{rate}; tcp_max_tw_buckets is per network namespace, and this one's is not in the note",
    'zh-cn': 'tw {tw}，位于 {netns}{rate}；tcp_max_tw_buckets 每个网络命名空间各有一个，笔记中没有这个命名空间的值',
  },
  oneOrphanTime: { en: 'No orphan trend: the timed samples with an orphan count share one time.', 'zh-cn': '无法得出孤儿趋势：有孤儿数的带时间采样都在同一时刻。' },
  hosts: {
    en: 'Samples from {n} hosts (named by prompts or per-host headers): the state counts, the trend and the limits read {host}, the host under most pressure; not mixed in: {others}.',
    'zh-cn': '采样来自 {n} 台主机（见提示符或各主机的输出标题）：状态计数、趋势和上限只看压力最大的 {host}；未混入：{others}。',
  },
  hostSamples: { en: '{host} ({n} samples)', 'zh-cn': '{host}（{n} 个采样）' },
  hostSample: { en: '{host} (1 sample)', 'zh-cn': '{host}（1 个采样）' },
  noSample: { en: 'No timed samples (a snapshot block, `date` output, or a time in the heading above a block).', 'zh-cn': '没有带时间的采样（快照块、`date` 输出，或代码块上方标题中的时间）。' },
  trend: {
    en: 'Orphans change by {rate} a minute{since}; ¼ of tcp_max_orphans: {q}; ½: {h}; the limit: {l}.',
    'zh-cn': '孤儿每分钟变化 {rate}{since}；到 tcp_max_orphans 的 ¼：{q}；½：{h}；上限：{l}。',
  },
  trendNoMax: {
    en: 'Orphans change by {rate} a minute{since}; tcp_max_orphans is not in the note, so no time to its ¼, ½ or the limit.',
    'zh-cn': '孤儿每分钟变化 {rate}{since}；笔记中没有 tcp_max_orphans，无法推算到其 ¼、½ 或上限的时间。',
  },
  minutes: { en: 'in {m} min', 'zh-cn': '{m} 分钟后' },
  passed: { en: 'passed', 'zh-cn': '已超过' },
  never: { en: '—', 'zh-cn': '—' },
  notGrowing: { en: 'not while it falls', 'zh-cn': '下降中，不会到达' },
  steady: { en: 'not while it holds', 'zh-cn': '持平，不会到达' },
  limits: { en: 'Limits', 'zh-cn': '上限' },
  orphan: { en: 'orphan {o} of tcp_max_orphans {max} ({pct}; ¼ = {q}, ½ = {h}{after}){later}', 'zh-cn': 'orphan {o}，占 tcp_max_orphans {max} 的 {pct}（¼ = {q}，½ = {h}{after}）{later}' },
  orphanNoMax: { en: 'orphan {o}; tcp_max_orphans not in the note', 'zh-cn': 'orphan {o}；笔记中没有 tcp_max_orphans' },
  orphanNotYet: { en: 'orphan {o}; tcp_max_orphans not known at this sample{later}', 'zh-cn': 'orphan {o}；此采样时的 tcp_max_orphans 未知{later}' },
  tw: { en: 'tw {tw} of tcp_max_tw_buckets {max} ({pct}{after}){rate}{later}', 'zh-cn': 'tw {tw}，tcp_max_tw_buckets {max}（{pct}{after}）{rate}{later}' },
  perMinute: { en: ', {rate} a minute', 'zh-cn': '，每分钟变化 {rate} 个' },
  mem: { en: 'mem {mem} pages of tcp_mem[2] {max} ({pct}{after}): {level}{rate}{later}', 'zh-cn': 'mem {mem} 页，tcp_mem[2] {max}（{pct}{after}）：{level}{rate}{later}' },
  memOver: { en: 'over the hard limit tcp_mem[2]', 'zh-cn': '已超过硬上限 tcp_mem[2]' },
  memPressure: { en: 'under memory pressure (above tcp_mem[1] {p})', 'zh-cn': '处于内存压力（超过 tcp_mem[1] {p}）' },
  memLow: { en: 'below the pressure threshold tcp_mem[1] {p}', 'zh-cn': '低于内存压力阈值 tcp_mem[1] {p}' },
  memPerMinute: { en: ', {rate} pages a minute', 'zh-cn': '，每分钟变化 {rate} 页' },
  memIn: { en: '{what} in {m} min', 'zh-cn': '{m} 分钟后到 {what}' },
  memAhead: { en: ' ({parts})', 'zh-cn': '（{parts}）' },
  sep: { en: ', ', 'zh-cn': '，' },
  readLater: { en: '; {name} read later in the note', 'zh-cn': '；{name} 取自笔记后文' },
  laterValue: { en: '; {name} is {value} later in the note', 'zh-cn': '；笔记后文中 {name} 为 {value}' },
  earlier: { en: '; earlier {name} {value}: {what} {count} ({pct}) at {when}', 'zh-cn': '；此前 {name} 为 {value}：{what} {count}（{pct}），{when}' },
  noLimits: { en: 'No sockstat numbers or orphan tunables in this note.', 'zh-cn': '笔记中没有 sockstat 数字或孤儿相关参数。' },
  limitOnly: {
    en: '{name} {value}; no {what} count in the note to weigh against it (`cat /proc/net/sockstat` gives it)',
    'zh-cn': '{name} 为 {value}；笔记中没有可与之比较的 {what} 计数（`cat /proc/net/sockstat` 可以给出）',
  },
  causes: { en: 'Likely causes', 'zh-cn': '可能原因' },
  noCauses: { en: 'No cause rule matches the evidence in this note.', 'zh-cn': '笔记中的证据没有匹配任何原因规则。' },
  collect: { en: ' To judge the causes, collect: {items}.', 'zh-cn': '要判断原因，还需采集：{items}。' },
  check: { en: 'Check', 'zh-cn': '检查' },
  change: { en: 'Change', 'zh-cn': '改动' },
  source: { en: 'Source', 'zh-cn': '来源' },
  host: { en: 'host-wide', 'zh-cn': '全局' },
  findings: { en: 'Findings', 'zh-cn': '发现的问题' },
  moreFindings: { en: '…and {more} more, not listed here (the JSON report has them all)', 'zh-cn': '……另有 {more} 个未列出（JSON 报告包含全部）' },
  moreSamples: { en: '… {more} samples between these …', 'zh-cn': '……中间另有 {more} 个采样……' },
  fromHeading: { en: '{time} (heading)', 'zh-cn': '{time}（标题时间）' },
  line: { en: 'line {n}', 'zh-cn': '第 {n} 行' },
} as const satisfies Record<string, Localized>;

/** Escapes note text for Markdown (tables included). */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}

const n = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : formatNumber(v));
/** A rate: thousands separated when whole, as computed otherwise (`12.5`). */
const rate = (v: number): string => formatDecimal(v);

function timers(s: Pick<ReportSockets, 'timers'>): string {
  const parts = (Object.entries(s.timers) as [string, number][]).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(', ') : '—';
}

/**
 * A sample's per-state counts in the order of the states (so rows compare column by column), the largest
 * MAX_STATES_SHOWN of them: `ESTABLISHED 839 · CLOSE-WAIT 1,450 · TIME-WAIT 104`.
 */
function stateCounts(counts: TimelinePoint['counts'], atLeast: TimelinePoint['atLeast']): string {
  const all = STATE_IDS.filter((id) => counts[id] !== undefined);
  const kept = new Set([...all].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0)).slice(0, MAX_STATES_SHOWN));
  const shown = all.filter((id) => kept.has(id)).map((id) => `${id} ${atLeast?.includes(id) ? '≥ ' : ''}${formatNumber(counts[id] ?? 0)}`);
  if (all.length > MAX_STATES_SHOWN) shown.push('…');
  return shown.length ? shown.join(' · ') : '—';
}

const MAX_STATES_SHOWN = 4;

/** The change of a field's governing sysctl its trend is fitted after (Limits.fitSince), as the texts name it. */
function sinceArgs(f: FitSince, lang: Lang): { name: string; when: string } {
  return { name: sysctlName(f.setting), when: whenOf(f.time, f.line, lang) };
}

/**
 * A field's rate in the Limits: `, 12 a minute`, with the change it is fitted after (`(since … was changed at …)`),
 * or, with fewer than two samples after that change, why there is none.
 */
function fitRate(since: FitSince | undefined, rateText: string, lang: Lang): string {
  if (since && since.samples < 2) return t(W.noRateSince, lang, sinceArgs(since, lang));
  return rateText && since ? rateText + t(W.rateSince, lang, sinceArgs(since, lang)) : rateText;
}

/**
 * Why the timeline gives no orphan trend: one timed sample; none or only one of several with an orphan count
 * (per-state counts alone make no orphan trend); or all orphan counts at one time.
 */
function noTrend(timeline: ReportJson['timeline'], lang: Lang): string {
  if (timeline.length === 1) return t(W.oneSample, lang);
  const withOrphans = timeline.filter((p) => p.orphan !== null).length;
  if (withOrphans === 0) return t(W.noOrphanCount, lang, { n: timeline.length });
  if (withOrphans === 1) return t(W.oneOrphanCount, lang, { n: timeline.length });
  return t(W.oneOrphanTime, lang);
}

/** Minutes to a threshold: passed, in N min, or — with `perMinute` — why it is not reached (falling or holding). */
function minutes(m: number | null, lang: Lang, perMinute?: number): string {
  if (m === null) return perMinute === undefined ? t(W.never, lang) : t(perMinute < 0 ? W.notGrowing : W.steady, lang);
  return m === 0 ? t(W.passed, lang) : t(W.minutes, lang, { m: formatDecimal(m) });
}

/** ` (tcp_mem[1] in 3 min, tcp_mem[2] in 12.3 min)`: the memory thresholds still ahead at the current rate (the JSON's minutesToMemPressure / minutesToMemLimit). */
function memAhead(l: Limits, lang: Lang): string {
  const parts: string[] = [];
  if (l.minutesToMemPressure !== null && l.minutesToMemPressure > 0) parts.push(t(W.memIn, lang, { what: 'tcp_mem[1]', m: formatDecimal(l.minutesToMemPressure) }));
  if (l.minutesToMemLimit !== null && l.minutesToMemLimit > 0) parts.push(t(W.memIn, lang, { what: 'tcp_mem[2]', m: formatDecimal(l.minutesToMemLimit) }));
  return parts.length ? t(W.memAhead, lang, { parts: parts.join(t(W.sep, lang)) }) : '';
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
    const e = report.analysis.evidence;
    // Counts read in different network namespaces are never added up (currentCounts.ts): a state has a row per
    // namespace, and a row read in another namespace than the host's names it, as the timeline's rows do.
    const label = (id: string, netns: string | undefined): string => (netns === undefined ? id : t(W.netnsRow, lang, { time: id, netns: escapeMarkdown(netns) }));
    const count = (c: number | null, atLeast: boolean): string => (atLeast && c !== null ? `≥ ${n(c)}` : n(c));
    for (const [id, st] of states) {
      if (!st) continue;
      // Each row the listings of its count's namespace (noteEvidence.ts rowSockets): — where it listed none.
      const row = (netns: string | undefined, c: string, first: boolean): string => {
        const s = rowSockets(e, id as StateId, netns, first);
        if (!s) return `| ${label(id, netns)} | ${c} | — | — | — | — | — | — |`;
        const peers = s.peers.slice(0, 3).map((p) => `${escapeMarkdown(p.address)} (${p.count})`).join(', ') || '—';
        const nets = s.prefixes.slice(0, 2).map((p) => `${escapeMarkdown(p.prefix)} (${p.count})`).join(', ') || '—';
        // Listeners have no Send-Q of bytes (ss shows their backlog limit there): not counted, shown as —; nor are
        // rows of listings with no Send-Q column (lsof, Get-NetTCPConnection).
        const sendQ = s.sendQ.rows > 0 && id !== 'LISTEN' ? `${s.sendQ.nonZero} (${formatNumber(s.sendQ.max)})` : '—';
        return `| ${label(id, netns)} | ${c} | ${s.listed || '—'} | ${peers} | ${nets} | ${timers(s)} | ${sendQ} | ${n(s.retransMax)} |`;
      };
      out.push(row(st.netns, count(st.count, st.atLeast), true));
      for (const o of st.otherNetns ?? []) out.push(row(o.netns, count(o.count, o.atLeast), false));
    }
    const source = countsSourceText({ from: e.countsFrom, sources: e.countSources }, lang);
    if (source) out.push('', t(W.countsFrom, lang, { source }));
    if (states.some(([, st]) => st?.atLeast || st?.otherNetns?.some((o) => o.atLeast))) out.push('', t(W.atLeast, lang));
  }
  out.push('', `### ${t(W.timeline, lang)}`, '');
  if (j.timeline.length === 0) out.push(t(W.noSample, lang));
  else {
    out.push(t(W.timelineHead, lang), '|---|---:|---:|---:|---:|---|');
    // A long timeline keeps its first and last samples (the trend below reads them all). Each row shows the
    // sample's per-state counts too: two blocks under one heading are two samples at one time, told apart by
    // their line and what each holds.
    const points = report.analysis.points;
    const half = MAX_MARKDOWN_ROWS / 2;
    // With samples from several hosts, each row names its host.
    const named = report.analysis.hosts !== null;
    const rows = j.timeline.map((p, i) => ({ p, counts: points[i]?.counts ?? {}, atLeast: points[i]?.atLeast, host: named ? points[i]?.host : undefined }));
    // A sample read in another network namespace (a pod's, beside the node's) says which (report/netns.ts).
    const where = (time: string | undefined, netns: string | undefined): string | undefined => (netns === undefined ? time : t(W.netnsRow, lang, { time: time ?? '', netns: escapeMarkdown(netns) }));
    const shown = rows.length > MAX_MARKDOWN_ROWS ? [...rows.slice(0, half), undefined, ...rows.slice(-half)] : rows;
    for (const row of shown) {
      // A time that is only the section heading's, below a later row under that heading: when the section started,
      // said so, so that the row does not read as taken before the one above it.
      const time = row?.p.fromHeading === 'after' ? t(W.fromHeading, lang, { time: row.p.time }) : row?.p.time;
      if (row) out.push(`| ${where(`${time}${row.host !== undefined ? ` (${escapeMarkdown(row.host)})` : ''}`, row.p.netns)} | ${(row.p.sampleLine ?? row.p.line) + 1} | ${n(row.p.orphan)} | ${n(row.p.tw)} | ${n(row.p.mem)} | ${stateCounts(row.counts, row.atLeast)} |`);
      else out.push(`| ${t(W.moreSamples, lang, { more: j.timeline.length - MAX_MARKDOWN_ROWS })} | | | | | |`);
    }
    out.push('');
    const tr = j.trend;
    const of = report.analysis.hosts;
    // With several hosts the trend reads one host's samples (hosts.ts): the reason for no trend is about them.
    const series = of ? j.timeline.filter((_, i) => ofSeries(of, points[i]?.host)) : j.timeline;
    const ahead = (m: number | null): string => minutes(m, lang, tr && tr.orphanPerMinute <= 0 && j.limits.tcpMaxOrphans !== null ? tr.orphanPerMinute : undefined);
    // The orphan trend reads the samples after the latest change of what governs orphans (limits.ts fitPoints).
    const since = j.limits.fitSince?.orphan;
    const sinceText = since ? t(W.rateSince, lang, sinceArgs(since, lang)) : '';
    out.push(
      tr
        ? j.limits.tcpMaxOrphans === null
          ? t(W.trendNoMax, lang, { rate: rate(tr.orphanPerMinute), since: sinceText })
          : t(W.trend, lang, { rate: rate(tr.orphanPerMinute), since: sinceText, q: ahead(tr.minutesToQuarter), h: ahead(tr.minutesToHalf), l: ahead(tr.minutesToLimit) })
        : since && since.samples < 2
          ? t(W.orphanChanged, lang, sinceArgs(since, lang))
          : noTrend(series, lang),
    );
  }
  // Which host the counts, the trend and the limits read, with or without a timeline.
  const hosts = report.analysis.hosts;
  if (hosts) {
    const others = hosts.others.map((o) => t(o.samples === 1 ? W.hostSample : W.hostSamples, lang, { host: escapeMarkdown(o.host), n: o.samples })).join(t(W.sep, lang));
    out.push('', t(W.hosts, lang, { n: hosts.others.length + 1, host: escapeMarkdown(hosts.host), others }));
  }
  out.push('', `### ${t(W.limits, lang)}`, '');
  const l = j.limits;
  const lines: string[] = [];
  // A limit read only after the sample, and a different value later in the note (inEffect.ts), said beside it.
  const after = (read: boolean, name: string): string => (read ? t(W.readLater, lang, { name }) : '');
  const later = (value: number | readonly number[] | null, name: string): string =>
    value === null ? '' : t(W.laterValue, lang, { name, value: typeof value === 'number' ? n(value) : value.map(n).join(' ') });
  const readAfter = l.readAfterSample;
  const laterIn = l.laterInNote;
  // An earlier limit than the latest sample's (a before/after note), with the sample that met it (limits.ts).
  const earlier = (e: EarlierLimit | null, name: string, what: string): string =>
    e === null
      ? ''
      : t(W.earlier, lang, {
          name,
          value: typeof e.value === 'number' ? n(e.value) : e.value.map(n).join(' '),
          what,
          count: n(e.count),
          pct: e.ratio !== null ? formatPercent(e.ratio) : '?',
          when: whenOf(e.time, e.line, lang),
        });
  if (l.orphan !== null) {
    const laterMax = later(laterIn.tcpMaxOrphans, 'tcp_max_orphans') + earlier(l.earlier.tcpMaxOrphans, 'tcp_max_orphans', 'orphan');
    lines.push(
      l.tcpMaxOrphans !== null && l.orphanRatio !== null
        ? t(W.orphan, lang, { o: n(l.orphan), max: n(l.tcpMaxOrphans), pct: formatPercent(l.orphanRatio), q: n(l.quarter), h: n(l.half), after: after(readAfter.tcpMaxOrphans, 'tcp_max_orphans'), later: laterMax })
        : laterMax
          ? t(W.orphanNotYet, lang, { o: n(l.orphan), later: laterMax })
          : t(W.orphanNoMax, lang, { o: n(l.orphan) }),
    );
  }
  const twRate = fitRate(l.fitSince?.tw, l.twPerMinute !== null ? t(W.perMinute, lang, { rate: rate(l.twPerMinute) }) : '', lang);
  if (l.tw !== null && l.tcpMaxTwBuckets !== null && l.twRatio !== null) {
    lines.push(
      t(W.tw, lang, {
        tw: n(l.tw),
        max: n(l.tcpMaxTwBuckets),
        pct: formatPercent(l.twRatio),
        after: after(readAfter.tcpMaxTwBuckets, 'tcp_max_tw_buckets'),
        rate: twRate,
        later: later(laterIn.tcpMaxTwBuckets, 'tcp_max_tw_buckets') + earlier(l.earlier.tcpMaxTwBuckets, 'tcp_max_tw_buckets', 'tw'),
      }),
    );
  } else if (l.tw !== null && l.twNetns !== undefined) {
    // Read in another network namespace, whose own limit the note does not give: no share of the host's.
    lines.push(t(W.twNetns, lang, { tw: n(l.tw), netns: escapeMarkdown(l.twNetns), rate: twRate }));
  }
  if (l.mem !== null && l.tcpMem !== null && l.memRatio !== null) {
    const level = l.memLevel === 'over' ? W.memOver : l.memLevel === 'pressure' ? W.memPressure : W.memLow;
    const memRate = fitRate(l.fitSince?.mem, l.memPerMinute !== null ? t(W.memPerMinute, lang, { rate: rate(l.memPerMinute) }) + memAhead(l, lang) : '', lang);
    lines.push(
      t(W.mem, lang, {
        mem: n(l.mem),
        max: n(l.tcpMem[2]),
        pct: formatPercent(l.memRatio),
        after: after(readAfter.tcpMem, 'tcp_mem'),
        level: t(level, lang, { p: n(l.tcpMem[1]) }),
        rate: memRate,
        later: later(laterIn.tcpMem, 'tcp_mem') + earlier(l.earlier.tcpMem, 'tcp_mem', 'mem'),
      }),
    );
  }
  // A limit the note gives with no count to weigh against it: said, not "no tunables".
  if (l.orphan === null && l.tcpMaxOrphans !== null) lines.push(t(W.limitOnly, lang, { name: 'tcp_max_orphans', value: n(l.tcpMaxOrphans), what: 'orphan' }));
  if (l.tw === null && l.tcpMaxTwBuckets !== null) lines.push(t(W.limitOnly, lang, { name: 'tcp_max_tw_buckets', value: n(l.tcpMaxTwBuckets), what: 'tw' }));
  if (l.mem === null && l.tcpMem !== null) lines.push(t(W.limitOnly, lang, { name: 'tcp_mem', value: l.tcpMem.map(n).join(' '), what: 'mem' }));
  out.push(...(lines.length ? lines.map((x) => `- ${x}`) : [t(W.noLimits, lang)]));
  out.push('', `### ${t(W.causes, lang)}`, '');
  if (report.causes.length === 0) out.push(t(W.noCauses, lang) + (j.collect ? t(W.collect, lang, { items: j.collect.map((c) => `\`${c}\``).join(lang === 'zh-cn' ? '、' : ', ') }) : ''));
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
