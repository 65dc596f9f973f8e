/**
 * The catalogue's kernel log messages (`TCP: too many orphaned sockets`, `Possible SYN flooding on port …`):
 * what prints each one, how often, and what to check. Facts from ../shared/docs/tcp-orphan-facts.md and the
 * kernel source, each with its source key. Pure data.
 */
import type { TermKnowledge } from './types';
import { L, F } from './write';

const DMESG = "dmesg -T | grep -i -E 'orphan|tcp_mem|socket memory|time wait bucket'";

export const KERNEL_MESSAGES: readonly TermKnowledge[] = [
  {
    id: 'msg.too-many-orphaned-sockets',
    kind: 'message',
    title: 'TCP: too many orphaned sockets',
    aliases: ['too many orphaned sockets'],
    summary: L(
      'The orphan count (with the penalty shift) exceeded tcp_max_orphans; the socket being checked was killed.',
      '孤儿数量（含惩罚倍数）超过了 tcp_max_orphans；正在检查的那个 socket 被杀掉了。',
    ),
    details: [
      F(
        'Printed by tcp_check_oom() at close() or from an orphan\'s timer; the orphan is reset (usually with RST) and TcpExtTCPAbortOnMemory increments. New connections are not refused.',
        '由 tcp_check_oom() 在 close() 时或孤儿的定时器中打印；该孤儿被重置（通常发 RST），TcpExtTCPAbortOnMemory 加 1。新连接不会被拒绝。',
        'K-tcp.c tcp_check_oom, __tcp_close; K-timer tcp_out_of_resources',
      ),
      F(
        'It can appear while sockstat `orphan` is well below tcp_max_orphans: idle or ICMP-hit orphans are checked against 1/2 or 1/4 of the limit, and 5.16+ compares a count cached every 100 ms.',
        'sockstat 的 `orphan` 远低于 tcp_max_orphans 时也可能出现：空闲或收到 ICMP 错误的孤儿是按上限的 1/2 或 1/4 来判断的，5.16+ 比较的还是每 100 毫秒缓存一次的计数。',
        'K-timer tcp_out_of_resources; C-ORPH; PG-zoukankan',
      ),
      F(
        'It is about orphans, not TIME-WAIT: timewait sockets are counted in `tw`.',
        '它说的是孤儿，不是 TIME-WAIT：timewait socket 计入的是 `tw`。',
        'K-proc sockstat_seq_show; PG-itecnotes',
      ),
      F(
        'Rate-limited: one line can stand for many kills ("net_ratelimit: N callbacks suppressed").',
        '日志是限速打印的：一行可能代表很多次杀掉（见 "net_ratelimit: N callbacks suppressed"）。',
        'K-tcp.c tcp_check_oom',
      ),
    ],
    commands: [DMESG, 'cat /proc/net/sockstat', 'sysctl net.ipv4.tcp_max_orphans', 'nstat -az TcpExtTCPAbortOnMemory'],
    related: ['net.ipv4.tcp_max_orphans', 'sockstat.orphan', 'TcpExtTCPAbortOnMemory', 'msg.too-many-of-orphaned-sockets', 'FIN-WAIT-1'],
  },
  {
    id: 'msg.out-of-memory-consider-tuning-tcp-mem',
    kind: 'message',
    title: 'TCP: out of memory -- consider tuning tcp_mem',
    aliases: ['out of memory -- consider tuning tcp_mem'],
    summary: L(
      'TCP memory exceeded tcp_mem[2] and the orphan being checked had data queued; it was killed.',
      'TCP 内存超过 tcp_mem[2]，且被检查的孤儿还有排队数据；它被杀掉了。',
    ),
    details: [
      F(
        'Printed by tcp_check_oom() when global TCP memory is above tcp_mem[2] and the socket holds more than SOCK_MIN_SNDBUF; TcpExtTCPAbortOnMemory increments.',
        '当 TCP 全局内存高于 tcp_mem[2] 且该 socket 占用超过 SOCK_MIN_SNDBUF 时由 tcp_check_oom() 打印；TcpExtTCPAbortOnMemory 加 1。',
        'K-tcp.c tcp_check_oom; K-h tcp_out_of_memory',
      ),
      F(
        'Check sockstat `mem` (pages) against the third field of tcp_mem.',
        '用 sockstat 的 `mem`（单位：页）对照 tcp_mem 的第三个值。',
        'K-proc sockstat_seq_show; K-doc-sysctl tcp_mem',
      ),
    ],
    commands: [DMESG, 'cat /proc/net/sockstat', 'sysctl net.ipv4.tcp_mem', 'getconf PAGESIZE'],
    related: ['net.ipv4.tcp_mem', 'sockstat.mem', 'TcpExtTCPAbortOnMemory', 'msg.out-of-socket-memory'],
  },
  {
    id: 'msg.out-of-socket-memory',
    kind: 'message',
    title: 'Out of socket memory',
    aliases: ['Out of socket memory'],
    summary: L(
      'Old (2.6.x) single message for either the orphan limit or the tcp_mem limit.',
      '老内核（2.6.x）的统一报错，孤儿上限或 tcp_mem 上限都会打印它。',
    ),
    details: [
      F(
        'Ambiguous: check both sockstat `orphan` against tcp_max_orphans (and its 1/2, 1/4) and `mem` against tcp_mem[2]. Despite the wording it is often the orphan limit.',
        '含义不明确：要同时检查 sockstat 的 `orphan` 与 tcp_max_orphans（及其 1/2、1/4），以及 `mem` 与 tcp_mem[2]。虽然字面是“内存不足”，原因常常是孤儿上限。',
        'K-old-timer; TS; PG-pagefault; LA',
      ),
    ],
    commands: [DMESG, 'cat /proc/net/sockstat', 'sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem'],
    related: ['msg.too-many-orphaned-sockets', 'msg.out-of-memory-consider-tuning-tcp-mem', 'net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_mem'],
  },
  {
    id: 'msg.too-many-of-orphaned-sockets',
    kind: 'message',
    title: 'TCP: too many of orphaned sockets',
    aliases: ['too many of orphaned sockets'],
    summary: L(
      '2.4/2.6-era wording (with "of") of the orphan-limit message, printed at close().',
      '孤儿上限报错在 2.4/2.6 时代的写法（多一个 "of"），在 close() 时打印。',
    ),
    details: [
      F(
        'It was printed for either of two limits, and the socket closed was reset: more orphans than tcp_max_orphans, or TCP memory above tcp_mem[2] while the socket still had data queued. So check both; current kernels print "too many orphaned sockets" and "out of memory -- consider tuning tcp_mem" apart.',
        '两个上限之一触发时都会打印这一行，被关闭的 socket 会被重置：孤儿数超过 tcp_max_orphans，或者在该 socket 仍有待发数据时 TCP 内存超过 tcp_mem[2]。所以两者都要查；当前内核会分别打印 "too many orphaned sockets" 和 "out of memory -- consider tuning tcp_mem"。',
        'K-old-tcp.c; K-old-h; K-tcp.c tcp_check_oom; ML-2001',
      ),
    ],
    commands: [DMESG, 'cat /proc/net/sockstat'],
    related: ['msg.too-many-orphaned-sockets', 'net.ipv4.tcp_max_orphans'],
  },
  {
    id: 'msg.time-wait-bucket-table-overflow',
    kind: 'message',
    title: 'TCP: time wait bucket table overflow',
    aliases: ['time wait bucket table overflow'],
    summary: L(
      'Older kernels: tcp_max_tw_buckets reached, a connection skipped TIME-WAIT.',
      '老内核：达到 tcp_max_tw_buckets，有连接跳过了 TIME-WAIT。',
    ),
    details: [
      F(
        'Newer kernels no longer log it and only increment TcpExtTCPTimeWaitOverflow, so absence of the line proves nothing.',
        '新内核不再打印这行日志，只增加 TcpExtTCPTimeWaitOverflow，所以没看到这行并不说明没有溢出。',
        'K-mini tcp_time_wait; K-doc-sysctl tcp_max_tw_buckets',
      ),
    ],
    commands: [DMESG, 'nstat -az TcpExtTCPTimeWaitOverflow', 'sysctl net.ipv4.tcp_max_tw_buckets'],
    related: ['net.ipv4.tcp_max_tw_buckets', 'TcpExtTCPTimeWaitOverflow', 'sockstat.tw'],
  },
  {
    id: 'msg.tcp-established-hash-table-entries',
    kind: 'message',
    title: 'TCP established hash table entries',
    aliases: ['TCP established hash table entries'],
    summary: L(
      'Boot-time size of the established hash; default tcp_max_orphans and tcp_max_tw_buckets are half of it.',
      '启动时 established 哈希表的大小；tcp_max_orphans 和 tcp_max_tw_buckets 的默认值都是它的一半。',
    ),
    details: [
      F(
        'Logged by alloc_large_system_hash(); with N entries, tcp_init() sets tcp_max_orphans to N/2, and the initial namespace gets tcp_max_tw_buckets = N/2.',
        '由 alloc_large_system_hash() 打印；若表项数为 N，tcp_init() 将 tcp_max_orphans 设为 N/2，初始命名空间的 tcp_max_tw_buckets 也是 N/2。',
        'K-mm alloc_large_system_hash; K-tcp.c tcp_init; K-ipv4 tcp_set_hashinfo',
      ),
    ],
    commands: ["dmesg | grep -i 'established hash table'", "journalctl -k -b | grep -i 'hash table'"],
    related: ['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_tw_buckets', 'msg.hash-tables-configured'],
  },
  {
    id: 'msg.hash-tables-configured',
    kind: 'message',
    title: 'TCP: Hash tables configured',
    aliases: ['Hash tables configured'],
    summary: L(
      'Boot line from tcp_init() with the established and bind hash sizes.',
      'tcp_init() 在启动时打印的一行，给出 established 和 bind 哈希表的大小。',
    ),
    details: [
      F(
        'The "established N" figure is the one whose half is the default tcp_max_orphans.',
        '其中 "established N" 的一半就是 tcp_max_orphans 的默认值。',
        'K-tcp.c tcp_init',
      ),
    ],
    commands: ["dmesg | grep -i 'hash tables configured'"],
    related: ['msg.tcp-established-hash-table-entries', 'net.ipv4.tcp_max_orphans'],
  },
  {
    id: 'msg.net-ratelimit-callbacks-suppressed',
    kind: 'message',
    title: 'net_ratelimit: N callbacks suppressed',
    aliases: ['callbacks suppressed'],
    summary: L(
      'Rate-limited kernel messages were dropped; one printed line may stand for many events.',
      '限速的内核日志被丢弃了；打印出来的一行可能代表很多次事件。',
    ),
    details: [
      F(
        'The orphan and tcp_mem messages are rate-limited, so count kills with TcpExtTCPAbortOnMemory rather than by log lines.',
        '孤儿和 tcp_mem 相关日志都是限速打印的，统计杀掉次数应看 TcpExtTCPAbortOnMemory，而不是数日志行。',
        'K-tcp.c tcp_check_oom',
      ),
    ],
    commands: ['nstat -az TcpExtTCPAbortOnMemory'],
    related: ['msg.too-many-orphaned-sockets', 'TcpExtTCPAbortOnMemory'],
  },
  {
    // The line carries a port (6.2+: address and port) and a variable ending, so the alias is its stable
    // middle; the phrase matcher is literal. `request_sock_TCP: ` before it needs no alias of its own.
    id: 'msg.possible-syn-flooding',
    kind: 'message',
    title: 'TCP: Possible SYN flooding on port N. Sending cookies / Dropping request',
    aliases: ['Possible SYN flooding on port'],
    summary: L(
      'A listening socket\'s queue of half-open connections was full when a SYN arrived: the kernel answered with a SYN cookie ("Sending cookies") or dropped the SYN ("Dropping request").',
      'SYN 到达时，某个监听 socket 的半连接队列已满：内核改用 SYN cookie 应答（"Sending cookies"），或丢弃了这个 SYN（"Dropping request"）。',
    ),
    details: [
      F(
        'Printed by tcp_syn_flood_action(), which tcp_conn_request() calls when a SYN finds the listener\'s request queue full. On current kernels the queue is full once its pending requests reach the listener\'s backlog: the value the application passed to listen(), capped by net.core.somaxconn. A legitimate burst of connections can cause it as well as an attack.',
        '由 tcp_syn_flood_action() 打印：SYN 到达时若监听 socket 的请求队列已满，tcp_conn_request() 就会调用它。在当前内核中，待完成的请求数达到该监听 socket 的 backlog（应用传给 listen() 的值，上限为 net.core.somaxconn）即视为队列已满。正常的突发连接和攻击都可能触发它。',
        'K-input tcp_conn_request, tcp_syn_flood_action; K-csk-h inet_csk_reqsk_queue_is_full; K-af-inet inet_listen; K-doc-sysctl somaxconn; K-doc-sysctl tcp_syncookies',
      ),
      F(
        '"Sending cookies" (tcp_syncookies = 1, the default): the SYN is answered with a cookie and nothing is queued; TcpExtTCPReqQFullDoCookies and TcpExtSyncookiesSent go up. "Dropping request" (tcp_syncookies = 0): the SYN is dropped; TcpExtTCPReqQFullDrop and TcpExtListenDrops go up. Even with cookies the SYN is dropped when the accept queue is full too (TcpExtListenOverflows).',
        '"Sending cookies"（tcp_syncookies = 1，默认值）：用 cookie 应答该 SYN，不占用队列；TcpExtTCPReqQFullDoCookies 和 TcpExtSyncookiesSent 增加。"Dropping request"（tcp_syncookies = 0）：该 SYN 被丢弃；TcpExtTCPReqQFullDrop 和 TcpExtListenDrops 增加。即使启用了 cookie，如果 accept 队列也满了，SYN 仍会被丢弃（TcpExtListenOverflows）。',
        'K-input tcp_syn_flood_action, tcp_conn_request; K-h cookie_init_sequence, tcp_listendrop; K-proc snmp4_net_list[]',
      ),
      F(
        'Printed at most once per listening socket: the first overflow sets a flag on the listener (synflood_warned) that is not reset later, and the line is rate-limited besides. Later overflows only move the counters, so measure with nstat, not by counting log lines. With tcp_syncookies = 2 every SYN gets a cookie, TcpExtTCPReqQFullDoCookies counts every SYN, and the line is never printed.',
        '每个监听 socket 最多打印一次：第一次溢出时会在该监听 socket 上设置一个标志（synflood_warned），之后不会重置，而且这行日志本身也是限速的。之后的溢出只体现在计数器里，所以要用 nstat 衡量，而不是数日志行数。tcp_syncookies = 2 时每个 SYN 都用 cookie 应答，TcpExtTCPReqQFullDoCookies 对每个 SYN 都加 1，而这行日志从不打印。',
        'K-input tcp_syn_flood_action, tcp_conn_request',
      ),
      F(
        '`request_sock_TCP` (IPv6: `request_sock_TCPv6`) is only the name of the protocol\'s request-socket cache, used as a label. Since Linux 6.2 the line also names the listening address (`port 0.0.0.0:443`, `[::]:443`) and no longer ends with "Check SNMP counters."; older kernels print only the port.',
        '`request_sock_TCP`（IPv6 为 `request_sock_TCPv6`）只是该协议请求 socket 缓存的名字，用作标签。自 Linux 6.2 起这行日志还给出监听地址（`port 0.0.0.0:443`、`[::]:443`），结尾也不再有 "Check SNMP counters."；更早的内核只打印端口号。',
        'K-core-sock proto_register; K-input tcp_conn_request, tcp_syn_flood_action; C-SYNFLOOD',
      ),
      F(
        'tcp_max_syn_backlog is not the limit behind this message. It is consulted only when tcp_syncookies is 0: once the listener holds more than three quarters of tcp_max_syn_backlog pending requests, SYNs from peers the kernel has no saved TCP metrics for are dropped with no log line, counted only in TcpExtListenDrops.',
        '这条日志对应的上限并不是 tcp_max_syn_backlog。只有 tcp_syncookies 为 0 时才会用到它：当该监听 socket 待完成的请求超过 tcp_max_syn_backlog 的四分之三后，来自内核没有保存过 TCP metrics 的对端的 SYN 会被直接丢弃，不打印日志，只计入 TcpExtListenDrops。',
        'K-input tcp_conn_request; ip-tcp_metrics',
      ),
      F(
        'The pending requests are what `ss -tn state syn-recv` lists; a SYN answered with a cookie leaves no entry there.',
        '待完成的请求就是 `ss -tn state syn-recv` 列出的那些；用 cookie 应答的 SYN 不会在其中留下条目。',
        'K-input tcp_conn_request; K-diag inet_diag_dump_icsk, inet_req_diag_fill',
      ),
      F(
        'A connection set up from a cookie keeps window scaling and SACK only if its SYN carried a timestamp. The kernel docs call cookies a fallback: if the SYNs are legitimate, raise the application\'s listen() backlog together with somaxconn.',
        '通过 cookie 建立的连接，只有在其 SYN 带有时间戳时才保留窗口缩放和 SACK。内核文档把 cookie 称为后备手段：如果这些 SYN 是正常请求，应同时调大应用的 listen() backlog 和 somaxconn。',
        'K-input tcp_conn_request; K-h tcp_clear_options; K-doc-sysctl tcp_syncookies; K-doc-sysctl somaxconn',
      ),
      F(
        'It concerns opening connections: nothing to do with orphans, TIME-WAIT or closing sockets.',
        '它涉及的是建立连接：与孤儿、TIME-WAIT 和关闭中的 socket 都无关。',
        'K-input tcp_conn_request',
      ),
    ],
    commands: [
      "nstat -az 'TcpExtTCPReqQFull*' 'TcpExtSyncookies*' TcpExtListenOverflows TcpExtListenDrops",
      'ss -ltn',
      'sysctl net.ipv4.tcp_syncookies net.core.somaxconn net.ipv4.tcp_max_syn_backlog',
      "journalctl -k | grep -i 'SYN flooding'",
      'ss -tn state syn-recv | wc -l',
    ],
    related: ['net.ipv4.tcp_syncookies', 'net.core.somaxconn', 'net.ipv4.tcp_max_syn_backlog', 'SYN-RECEIVED', 'NEW-SYN-RECV', 'LISTEN'],
  },
];
