/**
 * Public links for the catalogue's source references. A fact's `source` is a list of references separated by
 * `;`, each a key from the research file plus optional detail (function names, a sysctl, a section):
 * "K-timer tcp_write_timeout, tcp_orphan_retries; RFC9293 §3.3.2". Users never see the keys: every reference
 * resolves here to a readable label and a URL anyone can open (kernel files at a pinned LTS tag on Elixir,
 * commits on git.kernel.org, docs.kernel.org, RFC section anchors, man7.org, the articles' own URLs).
 * test/unit/sources.test.ts fails when a reference in the shipped catalogue does not resolve.
 * Pure data: no `vscode`, no Node built-ins.
 */
import type { Lang } from './types';
import { BoundedMemo } from '../memo';

export interface SourceLink {
  /** Readable label: "net/ipv4/tcp_timer.c: tcp_write_timeout() (Linux 6.12)", "RFC 9293 §3.3.2". */
  readonly label: string;
  /** Public https (or http, for old articles) URL. */
  readonly url: string;
}

/** The LTS tag kernel file links are pinned to. */
export const KERNEL_TAG = 'v6.12';

const elixir = (path: string, tag = KERNEL_TAG): string => `https://elixir.bootlin.com/linux/${tag}/source/${path}`;
const commit = (sha: string): string => `https://git.kernel.org/torvalds/c/${sha}`;

interface KeyInfo {
  /** Label before the detail. */
  readonly label: string;
  readonly url: string;
  /** How detail is shown: as source symbols (`symbolLabel`: functions get `()`), or verbatim. */
  readonly detail?: 'functions' | 'verbatim' | 'none';
}

const K = (path: string, tag = KERNEL_TAG): KeyInfo => ({
  label: tag === KERNEL_TAG ? path : `${path} (Linux ${tag.replace(/^v/, '')})`,
  url: elixir(path, tag),
  detail: 'functions',
});

const IP_SYSCTL = 'https://docs.kernel.org/networking/ip-sysctl.html';

const KEYS: Readonly<Record<string, KeyInfo>> = {
  'K-tcp.c': K('net/ipv4/tcp.c'),
  'K-timer': K('net/ipv4/tcp_timer.c'),
  'K-input': K('net/ipv4/tcp_input.c'),
  'K-mini': K('net/ipv4/tcp_minisocks.c'),
  'K-tw': K('net/ipv4/inet_timewait_sock.c'),
  'K-ipv4': K('net/ipv4/tcp_ipv4.c'),
  'K-h': K('include/net/tcp.h'),
  'K-proc': K('net/ipv4/proc.c'),
  'K-diag': K('net/ipv4/inet_diag.c'),
  'K-tcpdiag': K('net/ipv4/tcp_diag.c'),
  'K-csk': K('net/ipv4/inet_connection_sock.c'),
  'K-sock': K('include/net/sock.h'),
  'K-sysctl': K('net/ipv4/sysctl_net_ipv4.c'),
  'K-tfo': K('net/ipv4/tcp_fastopen.c'),
  'K-mm': K('mm/mm_init.c'),
  'K-states': K('include/net/tcp_states.h'),
  'K-output': K('net/ipv4/tcp_output.c'),
  // Code that the pinned LTS tag does not have yet: linked at the first release that has it.
  'K-timer-6.15': K('net/ipv4/tcp_timer.c', 'v6.15'),
  'K-ipv4-6.14': K('net/ipv4/tcp_ipv4.c', 'v6.14'),
  'K-core-sock': K('net/core/sock.c'),
  'K-af-inet': K('net/ipv4/af_inet.c'),
  'K-socket': K('net/socket.c'),
  'K-csk-h': K('include/net/inet_connection_sock.h'),
  'K-old-input': { ...K('net/ipv4/tcp_input.c', 'v2.6.32'), detail: 'functions' },
  'K-old-tcp.c': { ...K('net/ipv4/tcp.c', 'v2.6.24'), label: 'net/ipv4/tcp.c: tcp_close() (Linux 2.6.24)', detail: 'none' },
  'K-old-h': { ...K('include/net/tcp.h', 'v2.6.24'), label: 'include/net/tcp.h: tcp_too_many_orphans() (Linux 2.6.24)', detail: 'none' },
  // Mainline's MIB list once TCPAbortOnSyn was gone (TCPSYNChallenge in its place).
  'K-snmp-3.6': { ...K('include/linux/snmp.h', 'v3.6'), detail: 'none' },
  'K-old-timer': { ...K('net/ipv4/tcp_timer.c', 'v2.6.32'), label: 'net/ipv4/tcp_timer.c: tcp_out_of_resources() (Linux 2.6.32)', detail: 'none' },
  'K-doc-sysctl': { label: 'Linux docs: IP sysctl', url: IP_SYSCTL, detail: 'verbatim' },
  'K-doc-snmp': { label: 'Linux docs: SNMP counters', url: 'https://docs.kernel.org/networking/snmp_counter.html', detail: 'verbatim' },
  'K-doc-net': { label: 'Linux docs: net.core sysctl', url: 'https://docs.kernel.org/admin-guide/sysctl/net.html', detail: 'verbatim' },
  'ip-tcp_metrics': { label: 'ip-tcp_metrics(8)', url: 'https://man7.org/linux/man-pages/man8/ip-tcp_metrics.8.html', detail: 'none' },
  'K-doc-conntrack': {
    label: 'Linux docs: Netfilter conntrack sysctl',
    url: 'https://docs.kernel.org/networking/nf_conntrack-sysctl.html',
    detail: 'verbatim',
  },
  'C-NSR': { label: 'commit 10feb428a504 "inet: add TCP_NEW_SYN_RECV state" (Linux 4.1)', url: commit('10feb428a504') },
  'C-BI': { label: 'commit 91051f003948 "tcp: Dump bound-only sockets in inet_diag" (Linux 6.8)', url: commit('91051f003948') },
  'C-ORPH': { label: 'commit 19757cebf0c5 "tcp: switch orphan_count to bare per-cpu counters" (Linux 5.16)', url: commit('19757cebf0c5') },
  'C-ZWP': { label: 'commit b248230c3497 "tcp: abort orphan sockets stalling on zero window probes" (Linux 3.18)', url: commit('b248230c34970') },
  'C-LINGER2': { label: 'commit f0628c524fd1: TCP_LINGER2 bounded by TCP_FIN_TIMEOUT_MAX', url: commit('f0628c524fd1') },
  'C-RECYCLE': { label: 'commit 4396e46187ca "tcp: remove tcp_tw_recycle" (Linux 4.12)', url: commit('4396e46187ca') },
  'C-CURRESTAB': { label: 'commit a46d0ea5c942 "tcp: count CLOSE-WAIT sockets for TCP_MIB_CURRESTAB" (2024)', url: commit('a46d0ea5c942') },
  'C-HASH': { label: 'commit d1e5e6408b30 "tcp: Introduce optional per-netns ehash" (Linux 6.1)', url: commit('d1e5e6408b30') },
  'C-TWDELAY': { label: 'commit ca6a6f93867a: tcp_tw_reuse_delay sysctl (Linux 6.14)', url: commit('ca6a6f93867a') },
  'C-SYNLINEAR': { label: 'commit ccce324dabfe: tcp_syn_linear_timeouts (Linux 6.5)', url: commit('ccce324dabfe') },
  'C-RMEM32': { label: 'commit 572be9bf9d0d "tcp: increase tcp_rmem[2] to 32 MB" (Linux 6.16)', url: commit('572be9bf9d0d') },
  'C-SYNFLOOD': {
    label: 'commit d9282e48c608 "tcp: Add listening address to SYN flood message" (Linux 6.2)',
    url: commit('d9282e48c608'),
  },
  'C-BHASH2': { label: 'commit 936a192f9740 "tcp: Add TIME_WAIT sockets in bhash2." (Linux 6.2)', url: commit('936a192f9740') },
  'ML-2025': {
    label: 'netdev, 2025-08: "tcp: Fix orphaned socket stalling indefinitely in FIN-WAIT-1"',
    url: 'https://lore.kernel.org/netdev/?q=%22orphaned+socket+stalling+indefinitely+in+FIN-WAIT-1%22',
  },
  'ML-2001': { label: 'LKML reports of "TCP: too many of orphaned sockets"', url: 'https://lore.kernel.org/lkml/?q=%22too+many+of+orphaned+sockets%22' },
  RFC9293: { label: 'RFC 9293', url: 'https://www.rfc-editor.org/rfc/rfc9293', detail: 'verbatim' },
  RFC793: { label: 'RFC 793', url: 'https://www.rfc-editor.org/rfc/rfc793', detail: 'verbatim' },
  'man-tcp7': { label: 'tcp(7)', url: 'https://man7.org/linux/man-pages/man7/tcp.7.html', detail: 'verbatim' },
  'ss.8': { label: 'ss(8)', url: 'https://man7.org/linux/man-pages/man8/ss.8.html', detail: 'verbatim' },
  nstat: { label: 'nstat(8)', url: 'https://man7.org/linux/man-pages/man8/nstat.8.html', detail: 'verbatim' },
  'ss.c': { label: 'iproute2 misc/ss.c', url: 'https://github.com/iproute2/iproute2/blob/main/misc/ss.c', detail: 'functions' },
  'net-tools': { label: 'net-tools', url: 'https://github.com/ecki/net-tools', detail: 'verbatim' },
  'iptables-extensions': { label: 'iptables-extensions(8): state, conntrack', url: 'https://man7.org/linux/man-pages/man8/iptables-extensions.8.html', detail: 'none' },
  'conntrack.8': { label: 'conntrack(8)', url: 'https://man7.org/linux/man-pages/man8/conntrack.8.html', detail: 'none' },
  CF1: { label: 'Cloudflare: "This is strictly a violation of the TCP specification" (2016)', url: 'https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/' },
  CF2: { label: 'Cloudflare: "When TCP sockets refuse to die" (2019)', url: 'https://blog.cloudflare.com/when-tcp-sockets-refuse-to-die/' },
  TS: { label: 'Benoit Sigoure: "The \'Out of socket memory\' error" (2011)', url: 'https://blog.tsunanet.net/2011/03/out-of-socket-memory.html' },
  LA: { label: '"Troubleshooting the \'Out of socket memory\' error" (2013)', url: 'http://www.linux-admins.net/2013/01/troubleshooting-out-of-socket-memory.html' },
  VB: { label: 'Vincent Bernat: "Coping with the TCP TIME-WAIT state on busy Linux servers"', url: 'https://vincent.bernat.ch/en/blog/2014-tcp-time-wait-state-linux' },
  'PG-pagefault': { label: 'pagefault.info: "an out of socket memory problem" (2012)', url: 'https://www.pagefault.info/2012/07/03/an-out-of-socket-memory-problem.html' },
  'PG-zoukankan': { label: 'codestack: orphan socket analysis', url: 'http://t.zoukankan.com/codestack-p-11152252.html' },
  'PG-i4box': { label: 'i4box: "tcp_max_orphans 引起的 FIN" (2015)', url: 'http://www.i4box.com/blog/2015/01/15/tcp-max-orphansyin-qi-de-fin/' },
  'PG-maoyidao': { label: 'cnblogs: "Orphan socket的产生"', url: 'https://cnblogs.com/mydomain/archive/2013/05/14/3077037.html' },
  'PG-seednote': { label: 'Aliyun: "结合案例深入解析orphan socket产生与消亡"', url: 'https://yq.aliyun.com/articles/91966' },
  'PG-mynw': { label: 'mynw.cn: "TCP orphan socket 的产生与消亡"', url: 'http://mynw.cn/ai/28018.html' },
  'PG-serverfault-7689': { label: 'Server Fault question 7689', url: 'https://serverfault.com/questions/7689' },
  'PG-itecnotes': { label: 'itecnotes: "What does TCP too many orphaned sockets mean"', url: 'https://itecnotes.com/server/what-does-tcp-too-many-orphaned-sockets-mean/' },
  'PG-serverdevworker': { label: 'serverdevworker: orphaned sockets Q&A', url: 'https://serverdevworker.com/9499c97db' },
  'PG-bkmy88': { label: 'bkmy88 FAQ: orphan sockets', url: 'https://php.bkmy88.com/faq/2094374.html' },
  'PG-janelewis': {
    label: 'Microsoft TechNet: "Explaining CLOSE_WAIT"',
    url: 'https://blogs.technet.microsoft.com/janelewis/2010/03/09/explaining-close_wait/',
  },
  'PG-netdata-alarm': { label: 'Netdata community: TCP orphans', url: 'https://community.netdata.cloud/t/tcp-orphans/2169' },
  'MS-TWDELAY': {
    label: 'Microsoft: TcpTimedWaitDelay (Windows Server 2003 TCP/IP registry reference)',
    url: 'http://technet.microsoft.com/en-us/library/cc757512.aspx',
  },
  'MS-TCPSTATE': { label: 'Microsoft: TCPSTATE enumeration', url: 'https://learn.microsoft.com/en-us/windows/win32/api/mstcpip/ne-mstcpip-tcpstate' },
};

const KNOWN_URLS: ReadonlySet<string> = new Set(Object.values(KEYS).map((k) => k.url));

/** True for a URL the catalogue links (any anchor): hover tests accept these links and no others. */
export function isCatalogueUrl(url: string): boolean {
  const hash = url.indexOf('#');
  return KNOWN_URLS.has(hash === -1 ? url : url.slice(0, hash));
}

/** Section anchors of RFC 9293 named in references ("§3.3.2", "Fig. 5"). */
function rfcAnchor(detail: string): string {
  const m = /§\s*([0-9.]+[0-9])/.exec(detail);
  if (m) return `#section-${m[1]}`;
  if (/Fig(?:ure|\.)\s*5/.test(detail)) return '#section-3.3.2';
  return '';
}

/**
 * How one symbol named in the detail of a source-file reference is shown. The reference says what the symbol
 * is, in C notation:
 * - a bare lower-case identifier is a function: `tcp_write_timeout` → "tcp_write_timeout()";
 * - `name[]` is an array (`new_state[]`, `ipv4_table[]`), shown as written;
 * - `name (what it is)` is anything else, shown as written: `tcp_orphan_count (per-CPU counter)`;
 * - upper-case names are macros or constants (`TCP_TIMEWAIT_LEN`) and `sysctl_…` names are the sysctls'
 *   variables: shown as written.
 * A name that is not a function must therefore carry `[]` or its kind in parentheses: the label must not call
 * it a function.
 */
export function symbolLabel(symbol: string): string {
  const s = symbol.trim();
  return /^[a-z_][a-z0-9_]*$/.test(s) && !s.startsWith('sysctl_') ? `${s}()` : s;
}

/**
 * Resolves one reference ("K-timer tcp_write_timeout, tcp_orphan_retries") to its link, or undefined when
 * the key is unknown (the catalogue test fails on that).
 */
export function resolveReference(reference: string): SourceLink | undefined {
  const ref = reference.trim();
  const space = ref.indexOf(' ');
  const key = space === -1 ? ref : ref.slice(0, space);
  const detail = space === -1 ? '' : ref.slice(space + 1).trim();
  const info = KEYS[key];
  if (!info) return undefined;
  if (key === 'RFC9293' || key === 'RFC793') {
    return { label: detail ? `${info.label} ${detail}` : info.label, url: info.url + rfcAnchor(detail) };
  }
  if (!detail || info.detail === 'none') return { label: info.label, url: info.url };
  if (info.detail === 'functions') {
    const names = detail
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(symbolLabel);
    return { label: `${info.label}: ${names.join(', ')}`, url: info.url };
  }
  return { label: `${info.label}: ${detail}`, url: info.url };
}

/**
 * All references of one or more `source` strings, resolved, in order: one link per URL, the details of later
 * references to the same page merged into its label ("net/ipv4/tcp.c: __tcp_close(), tcp_check_oom()").
 */
export function resolveSources(sources: readonly string[]): SourceLink[] {
  const out: { label: string; url: string; details: string[] }[] = [];
  const byUrl = new Map<string, (typeof out)[number]>();
  for (const s of sources) {
    for (const part of s.split(';')) {
      if (!part.trim()) continue;
      const link = resolveReference(part);
      if (!link) continue;
      const colon = link.label.lastIndexOf(': ');
      const base = colon === -1 ? link.label : link.label.slice(0, colon);
      const details = colon === -1 ? [] : link.label.slice(colon + 2).split(', ');
      const seen = byUrl.get(link.url);
      if (seen && seen.label === base) {
        for (const d of details) if (!seen.details.includes(d)) seen.details.push(d);
        continue;
      }
      if (seen) continue;
      const entry = { label: base, url: link.url, details };
      byUrl.set(link.url, entry);
      out.push(entry);
    }
  }
  return out.map((e) => ({ label: e.details.length ? `${e.label}: ${e.details.join(', ')}` : e.label, url: e.url }));
}

/** Every reference in `sources` that does not resolve (for the catalogue test). */
export function unresolvedReferences(sources: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of sources) for (const part of s.split(';')) if (part.trim() && !resolveReference(part)) out.push(part.trim());
  return out;
}

/** Resolved link lists by their sources (a hover resolves the same few lists again and again). */
const LINKS = new BoundedMemo<string>(1024);

const LABEL_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'$]/g;

/** `[label](url)` Markdown links joined by ` · ` (labels escaped; the URLs are ours and hold no `)` or space). */
export function sourcesMarkdown(sources: readonly string[]): string {
  return LINKS.get(`md\u0000${sources.join('\u0000')}`, () =>
    resolveSources(sources)
      .map((l) => `[${l.label.replace(LABEL_SPECIAL, (c) => `\\${c}`)}](${l.url})`)
      .join(' · '),
  );
}

/** "label <url>" per source, for plain-text places (tooltips, terminals). */
export function sourcesPlain(sources: readonly string[], lang: Lang, max = 2): string {
  return LINKS.get(`${lang}\u0000${max}\u0000${sources.join('\u0000')}`, () => plainLinks(sources, lang, max));
}

function plainLinks(sources: readonly string[], lang: Lang, max: number): string {
  const links = resolveSources(sources).slice(0, max);
  if (!links.length) return '';
  const head = lang === 'zh-cn' ? '来源：' : 'Source: ';
  return head + links.map((l) => `${l.label} (${l.url})`).join('; ');
}
