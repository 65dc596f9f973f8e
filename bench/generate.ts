/**
 * Synthetic notes for the benchmark and the robustness tests: realistic fragments (English and Chinese prose,
 * headings, tables, lists, quotes, `ss` / netstat / sockstat dumps, code blocks) drawn by a seeded PRNG, so
 * a size and a seed always give the same text.
 */

/** Mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pickOf = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const SS_STATES = ['ESTAB', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'SYN-RECV', 'CLOSING', 'LISTEN'];
const NETSTAT_STATES = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'SYN_RECV', 'CLOSING'];

const ip = (r: Rand): string => `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length));

function ssDump(r: Rand, rows: number): string {
  const lines = ['$ ss -tan', 'State      Recv-Q Send-Q   Local Address:Port    Peer Address:Port  Process'];
  for (let i = 0; i < rows; i++) {
    const st = r() < 0.55 ? 'FIN-WAIT-1' : pickOf(r, SS_STATES);
    lines.push(`${pad(st, 11)}${pad(String(int(r, 0, 3)), 7)}${pad(String(int(r, 0, 250000)), 9)}${pad(`${ip(r)}:443`, 22)}${ip(r)}:${int(r, 1024, 65535)}`);
  }
  return lines.join('\n');
}

function ssInfoDump(r: Rand, rows: number): string {
  const lines = ['$ ss -tanoi state fin-wait-1', 'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process'];
  for (let i = 0; i < rows; i++) {
    lines.push(`0      ${pad(String(int(r, 1, 90000)), 11)}${pad(`${ip(r)}:443`, 18)}${ip(r)}:${int(r, 1024, 65535)} timer:(persist,${int(r, 1, 119)}sec,0)`);
    lines.push(`\t cubic wscale:7,7 rto:${int(r, 200, 120000)} backoff:${int(r, 0, 15)} rtt:0.5/0.25 mss:1448 pmtu:1500 cwnd:1 bytes_sent:${int(r, 1, 1e7)} unacked:1 rcv_space:14480 notsent:${int(r, 0, 50000)}`);
  }
  return lines.join('\n');
}

function netstatDump(r: Rand, rows: number): string {
  const lines = ['$ netstat -tanp', 'Active Internet connections (servers and established)', 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name'];
  for (let i = 0; i < rows; i++) {
    lines.push(`tcp        0 ${pad(String(int(r, 0, 200000)), 6)} ${pad(`${ip(r)}:443`, 23)} ${pad(`${ip(r)}:${int(r, 1024, 65535)}`, 23)} ${pad(pickOf(r, NETSTAT_STATES), 11)} -`);
  }
  return lines.join('\n');
}

function sockstat(r: Rand): string {
  return [
    '$ cat /proc/net/sockstat',
    `sockets: used ${int(r, 100, 90000)}`,
    `TCP: inuse ${int(r, 100, 90000)} orphan ${int(r, 0, 70000)} tw ${int(r, 0, 20000)} alloc ${int(r, 100, 90000)} mem ${int(r, 100, 300000)}`,
    `UDP: inuse ${int(r, 0, 50)} mem ${int(r, 0, 20)}`,
    '$ ss -s',
    `TCP:   ${int(r, 100, 90000)} (estab ${int(r, 0, 5000)}, closed ${int(r, 0, 500)}, orphaned ${int(r, 0, 70000)}, timewait ${int(r, 0, 9000)})`,
    '$ sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_orphan_retries',
    `net.ipv4.tcp_max_orphans = ${pickOf(r, [65536, 131072, 262144])}`,
    `net.ipv4.tcp_orphan_retries = ${int(r, 0, 8)}`,
  ].join('\n');
}

const EN = [
  'Most closed connections were stuck in FIN-WAIT-1 with a large Send-Q: the peer advertised a zero window.',
  'The kernel logged `TCP: too many orphaned sockets` and tcp_max_orphans was reached twice during the night.',
  'Timeline of one connection as netstat showed it: ESTABLISHED → FIN_WAIT1 → CLOSE, never reaching FIN_WAIT2.',
  'A CLOSE_WAIT socket is not an orphan: the application still holds the file descriptor and must call close().',
  'TIME-WAIT sockets are counted as `tw` in /proc/net/sockstat, not as orphans; see net.ipv4.tcp_fin_timeout.',
  'We raised net.ipv4.tcp_orphan_retries after reading the counters (TcpExtTCPAbortOnMemory kept growing).',
  'The load balancer sends RST on overload, which is why LAST_ACK counts stay low compared to FIN-WAIT-2.',
  'See [the ss man page](https://man7.org/linux/man-pages/man8/ss.8.html) and ss -tanoi state fin-wait-1 for timers.',
  'Nothing interesting in this paragraph: we restarted the service and watched the graphs for an hour or so.',
  'Peers behind a carrier NAT kept their receive window at zero, so persist timers fired with exponential backoff.',
];
const ZH = [
  '简要理解即orphan sockets是没有与任何文件描述符关联的socket，应用程序已经不能与此socket进行交互了。',
  '服务端处于CLOSE_WAIT状态的连接不是孤儿：fd 还在应用手里。TIME_WAIT 也不算 orphan，在 sockstat 里记在 tw。',
  '主动关闭方的路径：ESTABLISHED -> FIN_WAIT1 -> FIN_WAIT2 -> TIME_WAIT，被动关闭方：CLOSE_WAIT → LAST_ACK。',
  '如果多的话，从client端上看，可能server hang住，因为ACK都回不了（对端通告零窗口时，Send-Q 会很大）。',
  '内核参数 tcp_max_orphans 限制孤儿 socket 的数量，超过后会打印 too many orphaned sockets。',
  '这一段没有状态名，只是记录排查过程：重启服务后观察了一个小时的监控曲线。',
];
const HEADINGS_EN = ['Summary', 'Evidence', 'Analysis', 'Timeline', 'Follow-up', 'Counters', 'What we changed', 'FIN-WAIT-1 pile-up'];
const HEADINGS_ZH = ['概念', '出现的原因', '现场数据', '处理', 'CLOSE_WAIT 排查'];

function paragraph(r: Rand): string {
  const zh = r() < 0.35;
  const n = int(r, 1, 4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(pickOf(r, zh ? ZH : EN));
  return parts.join(zh ? '' : ' ');
}

function table(r: Rand): string {
  const rows = ['| State | Count | Orphan? |', '|---|---|---|'];
  for (let i = 0, n = int(r, 2, 8); i < n; i++) rows.push(`| ${pickOf(r, SS_STATES)} | ${int(r, 0, 70000).toLocaleString('en-US')} | ${pickOf(r, ['yes', 'no', 'no, the fd is open'])} |`);
  return rows.join('\n');
}

function list(r: Rand): string {
  const items: string[] = [];
  for (let i = 0, n = int(r, 2, 6); i < n; i++) {
    items.push(`${r() < 0.5 ? '-' : '*'} ${pickOf(r, r() < 0.3 ? ZH : EN)}`);
    if (r() < 0.3) items.push(`  - nested: ${pickOf(r, SS_STATES)} and \`ss -tan state ${pickOf(r, ['fin-wait-1', 'close-wait', 'time-wait'])}\``);
  }
  return items.join('\n');
}

const CODE = [
  '```c\nint fd = socket(AF_INET, SOCK_STREAM, 0);\n/* close() leaves the socket in FIN_WAIT1 if unacked data remains */\nclose(fd);\n```',
  '```python\nimport socket\ns = socket.create_connection(("10.0.0.1", 443))\ns.sendall(b"x" * 65536)\ns.close()  # now an orphan until the peer ACKs\n```',
  '```sh\nwatch -n1 "ss -s; cat /proc/net/sockstat"\n```',
];

function fence(body: string, lang = ''): string {
  return `\`\`\`${lang}\n${body}\n\`\`\``;
}

/** One fragment; `big` allows the long dumps. */
function fragment(r: Rand, big: boolean): string {
  const x = r();
  if (x < 0.3) return paragraph(r);
  if (x < 0.38) return `${'#'.repeat(int(r, 2, 4))} ${pickOf(r, r() < 0.3 ? HEADINGS_ZH : HEADINGS_EN)}`;
  if (x < 0.45) return table(r);
  if (x < 0.53) return list(r);
  if (x < 0.56) return `> ${pickOf(r, EN)}\n> ${pickOf(r, ZH)}`;
  if (x < 0.62) return pickOf(r, CODE);
  if (x < 0.68) return fence(sockstat(r), 'sh');
  if (x < 0.8) return fence(ssDump(r, big ? int(r, 20, 600) : int(r, 3, 30)));
  if (x < 0.86) return fence(ssInfoDump(r, big ? int(r, 10, 200) : int(r, 2, 10)));
  if (x < 0.94) return fence(netstatDump(r, big ? int(r, 10, 400) : int(r, 3, 30)), 'text');
  // Some engineers paste short listings without a fence.
  return ssDump(r, int(r, 2, 8));
}

/** A note of about `bytes` UTF-16 code units. */
export function generateNote(bytes: number, seed = 1): string {
  const r = rng(seed);
  const parts: string[] = ['# Incident notes: orphan sockets on edge-lb', ''];
  let size = parts[0]?.length ?? 0;
  while (size < bytes) {
    const f = fragment(r, bytes > 50_000);
    parts.push(f, '');
    size += f.length + 2;
  }
  return parts.join('\n');
}

/** `ss -tan` output of about `bytes` code units, with no Markdown around it (hostile corpus). */
export function ssOutput(bytes: number, seed = 7): string {
  const r = rng(seed);
  const chunks: string[] = [];
  let size = 0;
  while (size < bytes) {
    const c = ssDump(r, 500);
    chunks.push(c);
    size += c.length + 1;
  }
  return chunks.join('\n');
}
