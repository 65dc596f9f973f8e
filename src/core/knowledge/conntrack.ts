/**
 * Netfilter connection-tracking states (`iptables -m state --state ESTABLISHED,RELATED`, `-m conntrack
 * --ctstate …`, `conntrack -L` rows): entries in the firewall's table, not sockets. They get their own short
 * explanation: what they are, their timeout sysctl (defaults from Documentation/networking/nf_conntrack-sysctl.rst),
 * and that none of them is an orphan.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, Localized } from '../catalogue/types';
import { sourcesMarkdown } from '../catalogue/sources';
import { LABEL_COLON } from '../strings';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

/** ctstate values of the state/conntrack matches (iptables-extensions(8)). */
export const CT_MATCH_STATES: ReadonlySet<string> = new Set(['NEW', 'ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED', 'SNAT', 'DNAT']);

/** The TCP states of a conntrack entry (as `conntrack -L` prints them) → timeout sysctl and default seconds. */
export const CT_TCP_TIMEOUTS: Readonly<Record<string, { sysctl: string; seconds: number }>> = {
  SYN_SENT: { sysctl: 'nf_conntrack_tcp_timeout_syn_sent', seconds: 120 },
  SYN_RECV: { sysctl: 'nf_conntrack_tcp_timeout_syn_recv', seconds: 60 },
  ESTABLISHED: { sysctl: 'nf_conntrack_tcp_timeout_established', seconds: 432000 },
  FIN_WAIT: { sysctl: 'nf_conntrack_tcp_timeout_fin_wait', seconds: 120 },
  CLOSE_WAIT: { sysctl: 'nf_conntrack_tcp_timeout_close_wait', seconds: 60 },
  LAST_ACK: { sysctl: 'nf_conntrack_tcp_timeout_last_ack', seconds: 30 },
  TIME_WAIT: { sysctl: 'nf_conntrack_tcp_timeout_time_wait', seconds: 120 },
  CLOSE: { sysctl: 'nf_conntrack_tcp_timeout_close', seconds: 10 },
};

const MATCH_MEANING: Readonly<Record<string, Localized>> = {
  NEW: L('the packet starts a connection the table has not seen yet.', '该包开启了一个表中尚无记录的连接。'),
  ESTABLISHED: L('the packet belongs to a connection that has seen packets in both directions.', '该包属于一个双向都已有报文的连接。'),
  RELATED: L('the packet starts a new connection tied to an existing one (an FTP data channel, an ICMP error).', '该包开启的新连接与已有连接相关（如 FTP 数据通道、ICMP 错误报文）。'),
  INVALID: L('the packet matches no known connection or is not valid for it.', '该包不属于任何已知连接，或对该连接无效。'),
  UNTRACKED: L('the packet was exempted from tracking (the raw table\'s NOTRACK / CT --notrack).', '该包被豁免了跟踪（raw 表的 NOTRACK / CT --notrack）。'),
  SNAT: L('the connection\'s source address is translated.', '该连接做了源地址转换。'),
  DNAT: L('the connection\'s destination address is translated.', '该连接做了目的地址转换。'),
};

const TEXT = {
  title: L('conntrack state', 'conntrack 状态'),
  what: L(
    'A connection-tracking (netfilter) state: an entry in the firewall\'s table, not a TCP socket. It has no file descriptor, is never an orphan and does not appear in `ss` or /proc/net/sockstat.',
    '连接跟踪（netfilter）状态：防火墙表中的一条记录，而不是 TCP socket。它没有文件描述符，永远不是孤儿，也不会出现在 `ss` 或 /proc/net/sockstat 中。',
  ),
  match: L('As a match (`--state` / `--ctstate`)', '作为匹配条件（`--state` / `--ctstate`）'),
  timeout: L('Entry timeout', '表项超时'),
  seconds: L('{n} s by default', '默认 {n} 秒'),
  column: L(
    'In a `conntrack -L` row (`tcp 6 431999 ESTABLISHED …`) the third column, after the protocol name and number (6 for TCP), is the entry\'s remaining lifetime in seconds.',
    '在 `conntrack -L` 的行（`tcp 6 431999 ESTABLISHED …`）中，协议名和协议号（TCP 为 6）之后的第三列是该表项剩余的存活秒数。',
  ),
  sources: L('Sources', '来源'),
} as const;

/** Markdown for a conntrack state as written in the note (`ESTABLISHED`, `TIME_WAIT`, `RELATED`). */
export function explainConntrack(state: string, lang: Lang): string {
  const key = state.toUpperCase().replace(/-/g, '_');
  const parts = [`**${key}** — ${TEXT.title[lang]}`, TEXT.what[lang]];
  const meaning = MATCH_MEANING[key];
  if (meaning) parts.push(`**${TEXT.match[lang]}${LABEL_COLON[lang]}** ${meaning[lang]}`);
  const timeout = CT_TCP_TIMEOUTS[key];
  if (timeout) {
    const seconds = TEXT.seconds[lang].replace('{n}', timeout.seconds.toLocaleString('en-US'));
    parts.push(`**${TEXT.timeout[lang]}${LABEL_COLON[lang]}** \`net.netfilter.${timeout.sysctl}\` — ${seconds}${lang === 'zh-cn' ? '。' : '. '}${TEXT.column[lang]}`);
  }
  parts.push(`**${TEXT.sources[lang]}${LABEL_COLON[lang]}** ${sourcesMarkdown(['K-doc-conntrack; iptables-extensions; conntrack.8'])}`);
  return parts.join('\n\n');
}
