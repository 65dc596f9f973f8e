/**
 * The misconception rules' catalogue: each wrong claim's id, the claim and the correct fact, the one-line message
 * (en + zh-CN), its sources and the term whose explanation answers it. Data only; misconceptions.ts finds the claims
 * in a note. Facts follow docs/tcp-orphan-facts.md (the sections each rule's file names).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Localized, StateId } from '../catalogue/types';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

export interface MisconceptionRule {
  /** Stable id, used as the diagnostic code and in `check` output: "tw-four-minutes", … */
  readonly id: string;
  /** The wrong claim, short. */
  readonly claim: Localized;
  /** The correct fact, in full. */
  readonly fact: Localized;
  /** The diagnostic message (one line). */
  readonly message: Localized;
  /** Source references (resolved to links by catalogue/sources.ts). */
  readonly source: string;
  /** The state or term whose explanation the code action opens. */
  readonly explain: StateId | string;
}

export const MISCONCEPTION_RULES: readonly MisconceptionRule[] = [
  {
    id: 'tw-four-minutes',
    claim: L('TIME_WAIT lasts four minutes (on Linux)', 'TIME_WAIT 持续 4 分钟（在 Linux 上）'),
    fact: L(
      'On Linux a TIME-WAIT socket lives 60 s: the constant TCP_TIMEWAIT_LEN, which no sysctl changes. Four minutes is 2 × MSL with the RFC\'s suggested MSL of 2 minutes; Windows uses its own default (TcpTimedWaitDelay).',
      'Linux 上 TIME-WAIT socket 存活 60 秒：这是常量 TCP_TIMEWAIT_LEN，任何 sysctl 都改不了。4 分钟是 RFC 建议的 MSL（2 分钟）的两倍；Windows 另有自己的默认值（TcpTimedWaitDelay）。',
    ),
    message: L(
      'On Linux TIME_WAIT lasts 60 s (TCP_TIMEWAIT_LEN), not 4 minutes; 4 minutes is the RFC\'s 2×MSL.',
      'Linux 上 TIME_WAIT 持续 60 秒（TCP_TIMEWAIT_LEN），不是 4 分钟；4 分钟是 RFC 的 2×MSL。',
    ),
    source: 'K-h TCP_TIMEWAIT_LEN; K-mini tcp_time_wait; RFC9293 §3.4.2; MS-TWDELAY',
    explain: 'TIME-WAIT',
  },
  {
    id: 'fin-timeout-time-wait',
    claim: L('tcp_fin_timeout controls TIME_WAIT', 'tcp_fin_timeout 控制 TIME_WAIT'),
    fact: L(
      'tcp_fin_timeout bounds how long an orphaned connection stays in FIN-WAIT-2. TIME-WAIT is always TCP_TIMEWAIT_LEN (60 s); changing tcp_fin_timeout does not shorten it.',
      'tcp_fin_timeout 限制的是孤儿连接在 FIN-WAIT-2 停留的时间。TIME-WAIT 始终是 TCP_TIMEWAIT_LEN（60 秒），修改 tcp_fin_timeout 不会缩短它。',
    ),
    message: L(
      'tcp_fin_timeout bounds orphaned FIN-WAIT-2, not TIME_WAIT (fixed at 60 s on Linux).',
      'tcp_fin_timeout 约束的是孤儿 FIN-WAIT-2，而不是 TIME_WAIT（Linux 上固定 60 秒）。',
    ),
    source: 'K-h TCP_TIMEWAIT_LEN, tcp_fin_time; K-doc-sysctl tcp_fin_timeout',
    explain: 'net.ipv4.tcp_fin_timeout',
  },
  {
    id: 'tw-recycle',
    claim: L('enable tcp_tw_recycle', '开启 tcp_tw_recycle'),
    fact: L(
      'tcp_tw_recycle made servers drop some SYNs from clients behind NAT and was removed in Linux 4.12; on 4.12 and later /proc/sys/net/ipv4/tcp_tw_recycle does not exist, so setting it fails (the error text depends on the sysctl tool). For outgoing connections tcp_tw_reuse is the safe option.',
      'tcp_tw_recycle 会让 NAT 后面的客户端时常连不上（它们的 SYN 被丢弃），已在 Linux 4.12 中移除；在 4.12 及以后 /proc/sys/net/ipv4/tcp_tw_recycle 不存在，设置它会失败（报错文字取决于所用的 sysctl 工具）。对主动发起的连接，可以改用 tcp_tw_reuse。',
    ),
    message: L(
      'tcp_tw_recycle broke clients behind NAT and was removed in Linux 4.12; on 4.12 and later setting it fails.',
      'tcp_tw_recycle 会让 NAT 后面的客户端时常连不上（SYN 被丢弃），已在 Linux 4.12 中移除；在 4.12 及以后设置会失败。',
    ),
    source: 'C-RECYCLE; K-doc-sysctl tcp_tw_reuse',
    explain: 'net.ipv4.tcp_tw_recycle',
  },
  {
    id: 'orphan-retries-zero',
    claim: L('tcp_orphan_retries = 0 means no retransmission', 'tcp_orphan_retries 为 0 表示不重传'),
    fact: L(
      'tcp_orphan_retries 0 (the default) is read as 8 retries while the socket\'s retransmission timeout (RTO) is below its maximum (120 s unless tcp_rto_max_ms lowers it), so an orphan does retransmit its FIN, to a dead client too; only an orphan whose RTO has backed off to that maximum gets 0.',
      'tcp_orphan_retries 为 0（默认值）时，只要 socket 的重传超时（RTO）还低于上限（120 秒，除非 tcp_rto_max_ms 调低了它），就按 8 次处理，所以孤儿仍会重传 FIN，对端已经失联也一样；只有 RTO 已退避到该上限的孤儿才按 0 次处理。',
    ),
    message: L(
      'tcp_orphan_retries 0 means 8 retries while the RTO is below its 120 s maximum, not "no retransmission".',
      'tcp_orphan_retries 为 0 时，只要 RTO 低于 120 秒的上限就按 8 次处理，并不是“不重传”。',
    ),
    source: 'K-timer tcp_orphan_retries; K-doc-sysctl tcp_orphan_retries',
    explain: 'net.ipv4.tcp_orphan_retries',
  },
  {
    id: 'tw-buckets-reset-all',
    claim: L('past tcp_max_tw_buckets all TIME_WAIT sockets are reset', '超过 tcp_max_tw_buckets 后所有 TIME_WAIT 都会被重置'),
    fact: L(
      'At the tcp_max_tw_buckets limit the kernel simply does not create a new TIME-WAIT socket: the closing connection is destroyed at once and TcpExtTCPTimeWaitOverflow goes up. Existing TIME-WAIT sockets are untouched.',
      '达到 tcp_max_tw_buckets 上限时，内核只是不再创建新的 TIME-WAIT socket：正在关闭的连接被直接销毁，TcpExtTCPTimeWaitOverflow 加一。已有的 TIME-WAIT socket 不受影响。',
    ),
    message: L(
      'At tcp_max_tw_buckets a closing connection gets no TIME_WAIT entry (TCPTimeWaitOverflow); existing ones stay.',
      '超过 tcp_max_tw_buckets 时只是不再创建新的 TIME_WAIT（TCPTimeWaitOverflow），已有的不受影响。',
    ),
    source: 'K-mini tcp_time_wait; K-tw inet_twsk_alloc; K-doc-sysctl tcp_max_tw_buckets',
    explain: 'net.ipv4.tcp_max_tw_buckets',
  },
  {
    id: 'orphan-close-wait-time-wait',
    claim: L('CLOSE_WAIT / TIME_WAIT sockets are orphans', 'CLOSE_WAIT / TIME_WAIT 是孤儿 socket'),
    fact: L(
      'An orphan is a socket the application has closed that still has protocol work (FIN-WAIT-1, CLOSING, LAST-ACK, sometimes FIN-WAIT-2). CLOSE-WAIT still has its file descriptor; TIME-WAIT is a timewait minisock counted in sockstat `tw`, never in `orphan`.',
      '孤儿是应用已关闭、但协议上还有事要做的 socket（FIN-WAIT-1、CLOSING、LAST-ACK，有时 FIN-WAIT-2）。CLOSE-WAIT 仍持有文件描述符；TIME-WAIT 是 timewait minisock，计入 sockstat 的 `tw`，从不计入 `orphan`。',
    ),
    message: L(
      'CLOSE_WAIT (fd still open) and TIME_WAIT (a minisock, counted as tw) are not orphans.',
      'CLOSE_WAIT（fd 仍未关闭）和 TIME_WAIT（minisock，计入 tw）都不是孤儿。',
    ),
    source: 'K-tcp.c __tcp_close; K-proc sockstat_seq_show; K-mini tcp_time_wait',
    explain: 'CLOSE-WAIT',
  },
  {
    id: 'orphan-limit-per-netns',
    claim: L('tcp_max_orphans / the orphan count is per network namespace (per container)', 'tcp_max_orphans 和孤儿计数按网络命名空间（容器）区分'),
    fact: L(
      'tcp_max_orphans is one host-wide value: it sits in the global ipv4_table, which is registered for the initial network namespace only, so a container with its own netns has no copy of its own to set. The orphan counter is summed over all CPUs with no namespace filter, so sockstat `orphan` shows the host total in every netns, and the orphans of all containers count against the one limit. By contrast `inuse`, `tw` and tcp_max_tw_buckets are per network namespace.',
      'tcp_max_orphans 是整机唯一的值：它位于全局的 ipv4_table，而这张表只为初始网络命名空间注册，所以有独立 netns 的容器并没有一份可以自己设置的副本。孤儿计数是各 CPU 计数之和，不按命名空间过滤，因此在任何 netns 里，sockstat 的 `orphan` 都是整机总数，所有容器的孤儿共用同一个上限。相比之下，`inuse`、`tw` 和 tcp_max_tw_buckets 才是按网络命名空间区分的。',
    ),
    message: L(
      'tcp_max_orphans and the sockstat orphan count are host-wide, not per netns; tw and tcp_max_tw_buckets are per netns.',
      'tcp_max_orphans 和 sockstat 的孤儿计数都是整机范围的，不按 netns 区分；按 netns 区分的是 tw 和 tcp_max_tw_buckets。',
    ),
    source: 'K-sysctl ipv4_table[]; K-tcp.c tcp_orphan_count (per-CPU counter); K-proc sockstat_seq_show',
    explain: 'net.ipv4.tcp_max_orphans',
  },
  {
    id: 'tw-holds-fd',
    claim: L('TIME_WAIT sockets hold a file descriptor (count against ulimit -n)', 'TIME_WAIT 连接占用文件描述符（计入 ulimit -n）'),
    fact: L(
      'A TIME-WAIT socket is a timewait minisock that no file descriptor refers to: the application has usually closed the socket already, and if it only shut it down, its descriptor stays with the old full socket (left in CLOSE), not with the TIME-WAIT entry. So TIME-WAIT sockets do not count against the open-file limit (ulimit -n, nofile). They do keep the local port of their 4-tuple and some memory, bounded by tcp_max_tw_buckets. "Too many open files" means descriptors still open, for example CLOSE_WAIT sockets the application has not closed.',
      'TIME-WAIT socket 是 timewait minisock，没有任何文件描述符指向它：应用通常早已关闭了 socket；即使应用只调用了 shutdown()，它的描述符也留在原来那个完整 socket 上（处于 CLOSE），而不在 TIME-WAIT 上。所以 TIME-WAIT 不计入进程的打开文件数限制（ulimit -n、nofile）。它确实会占用所在四元组的本地端口和少量内存，数量受 tcp_max_tw_buckets 限制。出现“Too many open files”说明还有描述符没有关闭，例如应用没有 close 的 CLOSE_WAIT 连接。',
    ),
    message: L(
      'A TIME_WAIT socket is a kernel minisock with no file descriptor and does not count against ulimit -n; it holds a port, not an fd.',
      'TIME_WAIT 是内核中的 minisock，没有文件描述符，也不计入 ulimit -n；它占用的是端口，不是 fd。',
    ),
    source: 'K-mini tcp_time_wait; K-tcp.c __tcp_close; K-sock sock_orphan; K-input tcp_done',
    explain: 'TIME-WAIT',
  },
  {
    id: 'close-wait-sysctl',
    claim: L('tcp_max_tw_buckets, tcp_fin_timeout or tcp_tw_reuse fixes CLOSE_WAIT', '调 tcp_max_tw_buckets、tcp_fin_timeout 或 tcp_tw_reuse 能解决 CLOSE_WAIT'),
    fact: L(
      'CLOSE-WAIT has no timer of its own: it normally ends when the application calls close() (or shutdown(SHUT_WR)). Otherwise only keepalive (if the application turned on SO_KEEPALIVE), data it wrote timing out unacknowledged (tcp_retries2) or a RST from the peer ends it. tcp_max_tw_buckets bounds TIME-WAIT, tcp_fin_timeout orphaned FIN-WAIT-2, and tcp_tw_reuse lets connect() reuse a TIME-WAIT port; none of them touches CLOSE-WAIT. Find the unclosed sockets with ss -tanp state close-wait.',
      'CLOSE-WAIT 没有自己的定时器：通常要等应用调用 close()（或 shutdown(SHUT_WR)）才结束。除此之外，只有 keepalive（应用开启了 SO_KEEPALIVE 时）、应用写出的数据一直得不到确认而超时（tcp_retries2），或者对端发来 RST，才会结束它。tcp_max_tw_buckets 限制 TIME-WAIT，tcp_fin_timeout 限制孤儿 FIN-WAIT-2，tcp_tw_reuse 让 connect() 复用 TIME-WAIT 的端口，它们都管不到 CLOSE-WAIT。用 ss -tanp state close-wait 找出没有关闭的 socket。',
    ),
    message: L(
      'No TIME-WAIT or FIN-WAIT-2 tunable touches CLOSE_WAIT; it normally ends when the application calls close() (keepalive, a write timeout or a RST from the peer can also end it).',
      'TIME-WAIT 和 FIN-WAIT-2 的参数都管不到 CLOSE_WAIT；它通常要等应用调用 close() 才结束（keepalive、写超时或对端的 RST 也能结束它）。',
    ),
    source: 'K-tcp.c __tcp_close, tcp_shutdown; K-timer tcp_keepalive_timer, tcp_write_timeout; K-input tcp_reset; K-tw inet_twsk_alloc; K-h tcp_fin_time; K-ipv4 tcp_twsk_unique',
    explain: 'CLOSE-WAIT',
  },
  {
    id: 'orphan-limit-refuses-new',
    claim: L('past tcp_max_orphans new connections are refused', '超过 tcp_max_orphans 后新连接会被拒绝'),
    fact: L(
      'The orphan limit is checked for orphans only: at close() (__tcp_close() calls tcp_check_oom()) and on an orphan\'s timers (tcp_out_of_resources()). Over it the orphan is reset and "TCP: too many orphaned sockets" is logged. Accepting or opening a connection never checks it.',
      '孤儿上限只对孤儿检查：关闭 socket 时（__tcp_close() 调用 tcp_check_oom()）和孤儿的定时器触发时（tcp_out_of_resources()）。超限时孤儿被重置，并打印“TCP: too many orphaned sockets”。接受或发起连接时从不检查它。',
    ),
    message: L(
      'Past tcp_max_orphans the orphans are reset ("too many orphaned sockets"); new connections are not refused.',
      '超过 tcp_max_orphans 时被重置的是孤儿（too many orphaned sockets），新连接不会因此被拒绝。',
    ),
    source: 'K-tcp.c tcp_check_oom, __tcp_close; K-timer tcp_out_of_resources; K-doc-sysctl tcp_max_orphans',
    explain: 'net.ipv4.tcp_max_orphans',
  },
  {
    id: 'orphan-no-retransmit',
    claim: L('orphans do not retransmit', '孤儿连接不会重传'),
    fact: L(
      'An orphan in FIN-WAIT-1, CLOSING or LAST-ACK resends its FIN and queued data on the retransmission timer; tcp_write_timeout() limits it by tcp_orphan_retries() instead of tcp_retries2 (0 means 8 while the RTO is below 120 s). Only a FIN-WAIT-2 orphan has nothing to resend.',
      'FIN-WAIT-1、CLOSING、LAST-ACK 状态的孤儿会按重传定时器重传 FIN 和排队的数据；tcp_write_timeout() 用 tcp_orphan_retries() 代替 tcp_retries2 限制次数（为 0 时，RTO 低于 120 秒就按 8 次）。只有 FIN-WAIT-2 的孤儿没有东西可重传。',
    ),
    message: L(
      'Orphans resend their FIN and data until tcp_orphan_retries runs out (0 means 8 while the RTO is below 120 s).',
      '孤儿会重传 FIN 和数据，直到 tcp_orphan_retries 用完（为 0 时，RTO 低于 120 秒就按 8 次）。',
    ),
    source: 'K-timer tcp_write_timeout, tcp_orphan_retries; K-doc-sysctl tcp_orphan_retries',
    explain: 'net.ipv4.tcp_orphan_retries',
  },
];

export const MISCONCEPTION_BY_ID: ReadonlyMap<string, MisconceptionRule> = new Map(MISCONCEPTION_RULES.map((r) => [r.id, r]));
