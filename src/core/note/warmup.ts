/**
 * Made-up notes for warming a fresh process: a language server or an analysis worker that has just started runs
 * its code in V8's interpreter until the code has run often enough to be compiled, so the first real note takes
 * three to four times as long as the same note later. A server analyses these notes in small steps while it
 * waits for its first request (workerMain.ts, lsp/warmup.ts) and stops as soon as a request comes.
 *
 * The text has what troubleshooting notes have — headings, English and Chinese prose with state names in several
 * spellings, tunables, counters, a kernel message, a table, and fenced and bare `ss`, `ss -tanoi`, `netstat`,
 * sockstat, `ss -s` and /proc/net/tcp output — so the parsers the real notes use are the ones that run. The
 * numbers change from block to block (arithmetic on the block number, no randomness). Nothing in it is a fact
 * shown to a user.
 */

const SS = ['ESTAB', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'SYN-RECV', 'CLOSING', 'LISTEN'];
const NETSTAT = ['ESTABLISHED', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE_WAIT', 'LAST_ACK', 'SYN_RECV', 'CLOSING'];
const PROC_HEX = ['01', '04', '05', '06', '08', '09', '0A', '0B'];

const pad = (s: string, n: number): string => (s.length >= n ? `${s} ` : s + ' '.repeat(n - s.length));
const ip = (k: number): string => `10.${(k * 7) & 255}.${(k * 13) & 255}.${1 + ((k * 29) % 254)}`;
const port = (k: number): number => 1024 + ((k * 7919) % 64000);
const hex8 = (k: number): string => ((k * 2654435761) >>> 0).toString(16).toUpperCase().padStart(8, '0');
const hex4 = (k: number): string => (port(k) & 0xffff).toString(16).toUpperCase().padStart(4, '0');

function prose(k: number): string {
  return [
    `## Incident ${k}: FIN-WAIT-1 pile-up`,
    '',
    `Most closed connections stayed in FIN_WAIT1 with a large Send-Q (${k * 37} bytes): the peers advertised a zero window. ` +
      'The kernel logged `TCP: too many orphaned sockets`; net.ipv4.tcp_max_orphans and tcp_orphan_retries were at their defaults, ' +
      'and TcpExtTCPAbortOnMemory kept growing. A CLOSE_WAIT socket is not an orphan, and neither is TIME-WAIT.',
    '',
    '主动关闭方：ESTABLISHED -> FIN_WAIT1 -> FIN_WAIT2 -> TIME_WAIT；被动关闭方：CLOSE_WAIT → LAST_ACK。孤儿 socket 受 tcp_max_orphans 限制。',
    '',
    '| State | Count |',
    '|---|---|',
    `| ${SS[k % SS.length]} | ${k * 11} |`,
    `| LAST_ACK | ${k * 3} |`,
    '',
  ].join('\n');
}

function ssRows(k: number, rows: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows; i++) {
    const n = k * rows + i;
    out.push(`${pad(SS[n % SS.length] as string, 11)}${pad(String(n % 4), 7)}${pad(String((n * 977) % 250000), 9)}${pad(`${ip(n)}:443`, 22)}${ip(n + 1)}:${port(n)}`);
  }
  return out;
}

function blocks(k: number): string {
  const info: string[] = [];
  for (let i = 0; i < 6; i++) {
    const n = k * 6 + i;
    info.push(`0      ${pad(String((n * 31) % 90000), 11)}${pad(`${ip(n)}:443`, 18)}${ip(n + 2)}:${port(n)} timer:(persist,${1 + (n % 119)}sec,${n % 3})`);
    info.push(`\t cubic wscale:7,7 rto:${200 + n} backoff:${n % 15} rtt:0.5/0.25 mss:1448 cwnd:1 bytes_sent:${n * 1000} unacked:1 notsent:${n % 50000}`);
  }
  const netstat: string[] = [];
  for (let i = 0; i < 8; i++) {
    const n = k * 8 + i;
    netstat.push(`tcp        0 ${pad(String((n * 131) % 200000), 6)} ${pad(`${ip(n)}:443`, 23)} ${pad(`${ip(n + 3)}:${port(n)}`, 23)} ${pad(NETSTAT[n % NETSTAT.length] as string, 11)} -`);
  }
  const proc: string[] = [];
  for (let i = 0; i < 6; i++) {
    const n = k * 6 + i;
    proc.push(`  ${i}: ${hex8(n)}:01BB ${hex8(n + 1)}:${hex4(n)} ${PROC_HEX[n % PROC_HEX.length]} 00000000:00000000 00:00000000 00000000     0        0 ${n} 1 0000000000000000 20 4 30 10 -1`);
  }
  return [
    '```',
    `$ date -Iseconds`,
    `2025-03-14T09:${String(10 + (k % 50)).padStart(2, '0')}:00+08:00`,
    '$ ss -tan',
    'State      Recv-Q Send-Q   Local Address:Port    Peer Address:Port  Process',
    ...ssRows(k, 12),
    '```',
    '',
    '```sh',
    '$ cat /proc/net/sockstat',
    `sockets: used ${k * 17}`,
    `TCP: inuse ${k * 13} orphan ${k * 7} tw ${k * 5} alloc ${k * 13} mem ${k * 3}`,
    '$ ss -s',
    `TCP:   ${k * 19} (estab ${k * 2}, closed ${k}, orphaned ${k * 7}, timewait ${k * 5})`,
    '$ sysctl net.ipv4.tcp_max_orphans',
    'net.ipv4.tcp_max_orphans = 65536',
    '```',
    '',
    '```',
    '$ ss -tanoi state fin-wait-1',
    'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
    ...info,
    '```',
    '',
    '```text',
    '$ netstat -tan',
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
    ...netstat,
    '```',
    '',
    '```',
    '$ cat /proc/net/tcp',
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    ...proc,
    '```',
    '',
    '$ ss -tan state last-ack',
    'State      Recv-Q Send-Q   Local Address:Port    Peer Address:Port  Process',
    ...ssRows(k + 1000, 3),
    '',
  ].join('\n');
}

/** A made-up note of at least `chars` UTF-16 code units; `seed` varies its numbers. */
export function warmupNote(chars: number, seed = 1): string {
  const parts = ['# Warm-up', ''];
  let size = 0;
  for (let k = seed; size < chars; k++) {
    const part = `${prose(k)}\n${blocks(k)}\n`;
    parts.push(part);
    size += part.length;
  }
  return parts.join('\n');
}
