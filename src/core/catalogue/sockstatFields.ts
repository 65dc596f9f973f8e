/**
 * The catalogue's /proc/net/sockstat fields (and `ss -s`'s): what each counts, in what unit, and what it has to do
 * with orphans. Facts from ../shared/docs/tcp-orphan-facts.md, each with its source key. Pure data.
 */
import type { TermKnowledge } from './types';
import { L, F, U_SOCKETS, U_PAGES } from './write';

export const SOCKSTAT_FIELDS: readonly TermKnowledge[] = [
  {
    id: 'sockstat.sockets-used',
    kind: 'sockstat',
    title: 'sockstat `sockets: used`',
    aliases: ['sockets: used'],
    summary: L(
      'Sockets of every family in this network namespace that still exist in the kernel, whether or not a process still holds their fd.',
      '当前网络命名空间中仍存在于内核里的各协议族 socket 数，不论是否还有进程持有它们的 fd。',
    ),
    details: [
      F(
        'Printed first in /proc/net/sockstat; `ss -s` shows it as "Total".',
        '/proc/net/sockstat 的第一行；`ss -s` 中显示为 "Total"。',
        'K-proc sockstat_seq_show; K-socket socket_seq_show; ss.c print_summary',
      ),
      F(
        'The count goes up when the kernel allocates a socket, including each child a listener creates when a handshake completes (before accept()), and down only when the socket is freed. So orphans are still counted after close(). TIME-WAIT sockets and connection requests still in the handshake (request socks, listed as SYN-RECV) are smaller structures allocated elsewhere and are not counted.',
        '内核分配 socket 时计数加 1，包括握手完成时监听 socket 创建的子连接（在 accept() 之前），只有 socket 被释放时才减 1。因此孤儿在 close() 之后仍被计入。TIME-WAIT socket 和仍在握手中的连接请求（request sock，显示为 SYN-RECV）是另行分配的较小结构，不计入。',
        'K-core-sock sk_alloc, sk_clone_lock, __sk_free; K-tw inet_twsk_alloc',
      ),
    ],
    unit: U_SOCKETS,
    scope: 'netns',
    commands: ['cat /proc/net/sockstat', 'ss -s'],
    related: ['sockstat.inuse', 'sockstat.alloc'],
  },
  {
    id: 'sockstat.inuse',
    kind: 'sockstat',
    title: 'sockstat TCP `inuse`',
    aliases: [],
    summary: L(
      'TCP full sockets currently hashed in this namespace (IPv4; IPv6 ones are in sockstat6).',
      '当前命名空间中已挂入哈希表的 TCP 完整 socket（IPv4；IPv6 的在 sockstat6 中）。',
    ),
    details: [
      F(
        'Includes LISTEN, ESTABLISHED and the other full-socket states, plus orphans that are still hashed; timewait minisocks are in `tw` instead.',
        '包括 LISTEN、ESTABLISHED 等完整 socket 状态，也包括仍在哈希表中的孤儿；timewait minisock 则计入 `tw`。',
        'K-proc sockstat_seq_show',
      ),
    ],
    unit: U_SOCKETS,
    scope: 'netns',
    commands: ['cat /proc/net/sockstat /proc/net/sockstat6'],
    related: ['sockstat.alloc', 'sockstat.orphan', 'sockstat.tw'],
  },
  {
    id: 'sockstat.orphan',
    kind: 'sockstat',
    title: 'sockstat TCP `orphan`',
    aliases: ['orphaned'],
    summary: L(
      'Host-wide number of orphaned full TCP sockets (closed by the application, still finishing).',
      '整机范围内孤儿 TCP 完整 socket 的数量（应用已关闭，协议尚未收尾）。',
    ),
    details: [
      F(
        'Counts SOCK_DEAD full sockets only: in practice FIN-WAIT-1, CLOSING, LAST-ACK and full FIN-WAIT-2. TIME-WAIT and FIN_WAIT2 minisocks are in `tw`; CLOSE-WAIT never counts because its fd is open.',
        '只统计 SOCK_DEAD 的完整 socket：实际就是 FIN-WAIT-1、CLOSING、LAST-ACK 以及完整 socket 形态的 FIN-WAIT-2。TIME-WAIT 和 FIN_WAIT2 minisock 计入 `tw`；CLOSE-WAIT 的 fd 仍打开，从不计入。',
        'K-tcp.c __tcp_close; K-mini tcp_time_wait; K-proc sockstat_seq_show',
      ),
      F(
        'Global, not per namespace: going by the code, a container sees the whole host\'s count. Compare it with tcp_max_orphans and also with 1/2 and 1/4 of it, because of the penalty shift.',
        '这是全局数值，不区分命名空间：按代码推断，在容器里看到的也是整机总数。应与 tcp_max_orphans 比较，并考虑惩罚机制，同时对照其 1/2 和 1/4。',
        'K-proc sockstat_seq_show; K-timer tcp_out_of_resources',
      ),
      F(
        'Since 5.16 (and in 5.10.y/5.15.y stable) it is a sum of per-CPU counters, while the limit check reads a cached copy refreshed every 100 ms.',
        '自 5.16 起（5.10.y/5.15.y 稳定版也已回合）它是各 CPU 计数之和，而上限检查读取的是每 100 毫秒刷新一次的缓存值。',
        'C-ORPH; K-tcp.c tcp_orphan_update',
      ),
      F(
        'There is no orphan counter in nstat or /proc/net/netstat; this gauge (and `ss -s` "orphaned") is the only place to read it.',
        'nstat 和 /proc/net/netstat 中没有孤儿计数器；只能从这里（以及 `ss -s` 的 "orphaned"）读取。',
        'K-proc sockstat_seq_show; ss.c print_summary',
      ),
    ],
    unit: U_SOCKETS,
    scope: 'host',
    commands: ['cat /proc/net/sockstat', 'ss -s', 'sysctl net.ipv4.tcp_max_orphans'],
    related: ['net.ipv4.tcp_max_orphans', 'msg.too-many-orphaned-sockets', 'TcpExtTCPAbortOnMemory', 'FIN-WAIT-1', 'LAST-ACK', 'CLOSING'],
  },
  {
    id: 'sockstat.tw',
    kind: 'sockstat',
    title: 'sockstat TCP `tw`',
    aliases: ['timewait'],
    summary: L(
      'Timewait minisocks in this namespace: TIME-WAIT plus orphans converted in the FIN_WAIT2 sub-state.',
      '当前命名空间中的 timewait minisock：TIME-WAIT 加上以 FIN_WAIT2 子状态转换过来的孤儿。',
    ),
    details: [
      F(
        'These are not orphans; compare the value with tcp_max_tw_buckets. `ss -s` prints the same number as "timewait".',
        '它们不是孤儿；应与 tcp_max_tw_buckets 比较。`ss -s` 中的 "timewait" 就是同一个数。',
        'K-proc sockstat_seq_show; ss.c print_summary',
      ),
      F(
        'Per network namespace in current kernels; 2.6-era kernels printed one global count.',
        '当前内核按网络命名空间统计；2.6 时代的内核打印的是全局计数。',
        'K-proc sockstat_seq_show',
      ),
    ],
    unit: U_SOCKETS,
    scope: 'netns',
    commands: ['cat /proc/net/sockstat', 'ss -s', 'sysctl net.ipv4.tcp_max_tw_buckets'],
    related: ['net.ipv4.tcp_max_tw_buckets', 'TcpExtTCPTimeWaitOverflow', 'TIME-WAIT', 'FIN-WAIT-2'],
  },
  {
    id: 'sockstat.alloc',
    kind: 'sockstat',
    title: 'sockstat TCP `alloc`',
    aliases: [],
    summary: L(
      'All allocated TCP full sockets on the host, including unhashed ones and orphans.',
      '整机已分配的全部 TCP 完整 socket，包括未挂哈希表的和孤儿。',
    ),
    details: [
      F(
        '`ss -s` derives its TCP total (alloc + tw) and its "closed" figure from this value.',
        '`ss -s` 的 TCP 总数（alloc + tw）和 "closed" 数都是由它推算出来的。',
        'ss.c print_summary; K-proc sockstat_seq_show',
      ),
    ],
    unit: U_SOCKETS,
    scope: 'host',
    commands: ['cat /proc/net/sockstat'],
    related: ['sockstat.inuse', 'sockstat.orphan'],
  },
  {
    id: 'sockstat.mem',
    kind: 'sockstat',
    title: 'sockstat TCP `mem`',
    aliases: [],
    summary: L(
      'Memory charged to TCP on the whole host, in PAGES, to compare with tcp_mem[2].',
      '整机计入 TCP 的内存，单位是页，应与 tcp_mem[2] 比较。',
    ),
    details: [
      F(
        'Multiply by the page size (`getconf PAGESIZE`, usually 4096) for bytes. Near tcp_mem[2] means memory kills ("out of memory -- consider tuning tcp_mem").',
        '乘以页大小（`getconf PAGESIZE`，通常为 4096）才是字节数。接近 tcp_mem[2] 时会因内存不足杀掉孤儿（日志 "out of memory -- consider tuning tcp_mem"）。',
        'K-proc sockstat_seq_show; K-doc-sysctl tcp_mem; K-h tcp_out_of_memory',
      ),
      F(
        'A value far below tcp_mem[2] while "Out of socket memory" is logged points at the orphan limit instead (a documented example: orphan 126800, mem 102910).',
        '若日志出现 "Out of socket memory" 而它远低于 tcp_mem[2]，原因应是孤儿上限（有公开案例：orphan 126800，mem 102910）。',
        'LA',
      ),
    ],
    unit: U_PAGES,
    scope: 'host',
    commands: ['cat /proc/net/sockstat', 'sysctl net.ipv4.tcp_mem', 'getconf PAGESIZE'],
    related: ['net.ipv4.tcp_mem', 'msg.out-of-memory-consider-tuning-tcp-mem', 'TcpExtTCPMemoryPressures'],
  },
];
