/**
 * Labels used by the core's renderers (hover markdown, CLI explain, diagram summaries). The knowledge itself
 * is in the catalogue; these are the words around it. Shared by the extension and the CLI, so they live in the
 * core as data for both languages; the extension picks the language from VS Code's display language or the
 * `tcpStateNotes.language` setting.
 */
import type { Lang, Localized } from './catalogue/types';
import type { SpellingFamily } from './catalogue/spellings';
import { BoundedMemo } from './memo';
import { joinAt } from './textJoin';

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

export const FAMILY_LABEL: Readonly<Record<SpellingFamily, Localized>> = {
  rfc: { en: 'the RFC 9293 name', 'zh-cn': 'RFC 9293 中的名称' },
  'rfc-figure': { en: 'the label in the RFC state diagram', 'zh-cn': 'RFC 状态图中的标注' },
  kernel: { en: 'the Linux kernel enum (include/net/tcp_states.h)', 'zh-cn': 'Linux 内核枚举（include/net/tcp_states.h）' },
  ss: { en: "ss's display name", 'zh-cn': 'ss 输出中的名称' },
  'ss-filter': { en: "an ss state-filter keyword", 'zh-cn': 'ss 状态过滤关键字' },
  netstat: { en: "net-tools netstat's spelling (also bcc tcpstates)", 'zh-cn': 'net-tools netstat 写法（bcc tcpstates 相同）' },
  bsd: { en: 'the BSD/macOS netstat spelling', 'zh-cn': 'BSD/macOS netstat 写法' },
  windows: { en: 'a Windows spelling', 'zh-cn': 'Windows 写法' },
  dotnet: { en: 'the .NET TcpState name', 'zh-cn': '.NET TcpState 枚举名' },
  legacy: { en: 'an old spelling (early Windows documentation)', 'zh-cn': '旧写法（早期 Windows 文档）' },
  'proc-hex': { en: 'the hex code in the /proc/net/tcp `st` column', 'zh-cn': '/proc/net/tcp 中 `st` 列的十六进制代码' },
  variant: { en: 'a variant spelling', 'zh-cn': '一种变体写法' },
};

export const L = {
  spellingOf: { en: '{family} of {state}', 'zh-cn': '{state} 的 {family}' },
  orphanVerdict: { en: 'Orphan verdict', 'zh-cn': '孤儿 socket 判定' },
  who: { en: 'Who is here', 'zh-cn': '谁处于此状态' },
  leavesOn: { en: 'Leaves on', 'zh-cn': '离开条件' },
  lifetime: { en: 'Lifetime on Linux', 'zh-cn': 'Linux 上的存活时间' },
  peer: { en: 'Peer', 'zh-cn': '对端' },
  tunables: { en: 'Tunables', 'zh-cn': '相关参数' },
  counters: { en: 'Counters', 'zh-cn': '相关计数器' },
  check: { en: 'Check', 'zh-cn': '检查命令' },
  inThisNote: { en: 'In this note', 'zh-cn': '本笔记中' },
  pitfall: { en: 'Pitfall', 'zh-cn': '常见误解' },
  source: { en: 'Sources', 'zh-cn': '来源' },
  showInDiagram: { en: 'Show in diagram', 'zh-cn': '在状态图中显示' },
  insertTemplate: { en: 'Insert diagnosis template', 'zh-cn': '插入诊断模板' },
  defaultValue: { en: 'Default', 'zh-cn': '默认值' },
  unit: { en: 'Unit', 'zh-cn': '单位' },
  scope: { en: 'Scope', 'zh-cn': '作用范围' },
  scopeHost: { en: 'host-wide (not per network namespace)', 'zh-cn': '全局（整台主机，不区分网络命名空间）' },
  scopeNetns: { en: 'per network namespace', 'zh-cn': '每个网络命名空间独立' },
  removed: { en: 'Removed', 'zh-cn': '已移除' },
  related: { en: 'Related', 'zh-cn': '相关' },
  evidenceCount: {
    en: '{count} {state} in the {what} at line {line}',
    'zh-cn': '第 {line} 行的 {what}中有 {count} 个 {state}',
  },
  evidencePercent: { en: '{percent}% of listed sockets', 'zh-cn': '占列出 socket 的 {percent}%' },
  evidenceSockstat: {
    en: 'sockstat at line {line}: orphan {orphan}, tw {tw}, mem {mem} pages',
    'zh-cn': '第 {line} 行的 sockstat：orphan {orphan}，tw {tw}，mem {mem} 页',
  },
  mentions: { en: 'mentioned {n}×', 'zh-cn': '提及 {n} 次' },
  aggregate: { en: 'ss state-filter aggregate', 'zh-cn': 'ss 状态过滤的组合关键字' },
  aggregateExpands: { en: 'selects', 'zh-cn': '包含状态' },
} as const satisfies Record<string, Localized>;

export const EVIDENCE_KIND_LABEL: Readonly<Record<string, Localized>> = {
  ss: { en: '`ss` output', 'zh-cn': '`ss` 输出' },
  'ss-summary': { en: '`ss -s` output', 'zh-cn': '`ss -s` 输出' },
  netstat: { en: '`netstat` output', 'zh-cn': '`netstat` 输出' },
  'get-nettcpconnection': { en: '`Get-NetTCPConnection` output', 'zh-cn': '`Get-NetTCPConnection` 输出' },
  lsof: { en: '`lsof` output', 'zh-cn': '`lsof` 输出' },
  sockstat: { en: '`/proc/net/sockstat`', 'zh-cn': '`/proc/net/sockstat`' },
  'state-counts': { en: 'per-state counts', 'zh-cn': '按状态统计' },
  'endpoint-counts': { en: 'counts per address and port', 'zh-cn': '按地址和端口统计' },
  nstat: { en: 'counters', 'zh-cn': '计数器' },
  'proc-net-tcp': { en: '`/proc/net/tcp` rows', 'zh-cn': '`/proc/net/tcp` 行' },
  sysctl: { en: 'sysctl values', 'zh-cn': 'sysctl 值' },
  prometheus: { en: '`node_exporter` metrics', 'zh-cn': '`node_exporter` 指标' },
  snapshot: { en: 'socket snapshot', 'zh-cn': 'socket 快照' },
};

/** Templates split once into literal text (even indexes) and placeholder names (odd indexes). */
const COMPILED = new BoundedMemo<readonly string[]>(4096);

/**
 * `template` with each `{name}` replaced by `values[name]`; a placeholder without a value stays as written.
 * Values are inserted as given: callers escape them for their medium.
 */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  const parts = COMPILED.get(template, () => template.split(/\{(\w+)\}/));
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const v = values[key];
    out += (v === undefined ? `{${key}}` : String(v)) + (parts[i + 1] as string);
  }
  return out;
}

/**
 * `text` in `lang` with its values filled in. In Chinese each value joins the template's text with Chinese spacing
 * (textJoin.ts `joinAt`): `已超过 {what}` with `上限` is `已超过上限`, with `¼` stays `已超过 ¼`.
 */
export function t(text: Localized, lang: Lang, values?: Readonly<Record<string, string | number>>): string {
  if (!values) return text[lang];
  return lang === 'zh-cn' ? formatJoined(text[lang], values) : format(text[lang], values);
}

/** `format`, joining each value to the text around it with `joinAt`. */
function formatJoined(template: string, values: Readonly<Record<string, string | number>>): string {
  const parts = COMPILED.get(template, () => template.split(/\{(\w+)\}/));
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i] as string;
    const v = values[key];
    out = joinAt(joinAt(out, v === undefined ? `{${key}}` : String(v)), parts[i + 1] as string);
  }
  return out;
}

/** The colon after a label: `Sources:` / `来源：`. */
export const LABEL_COLON: Localized = { en: ':', 'zh-cn': '：' };

/** Punctuation between a label and its text, and between the items of a list, in each language's own forms. */
export const PUNCT = {
  /** After a label, before its text: `Check: …` / `检查：…`. */
  colon: { en: ': ', 'zh-cn': '：' },
  /** Between clauses: `…; …` / `…；…`. */
  semicolon: { en: '; ', 'zh-cn': '；' },
  /** Between names in a list: `a, b` / `a、b`. */
  comma: { en: ', ', 'zh-cn': '、' },
} as const satisfies Record<string, Localized>;

export { formatCount as formatNumber, formatDecimal } from './format';
