/**
 * The catalogue's nstat / `netstat -s` counters (TcpExt…): what moves each one, and what it says about orphans.
 * Facts from ../shared/docs/tcp-orphan-facts.md, each with its source key. Pure data.
 */
import type { TermKnowledge } from './types';
import { L, F, U_MS, U_EVENTS } from './write';

const NSTAT_ABORTS = "nstat -az 'TcpExtTCPAbortOn*' TcpExtTCPAbortFailed";

export const COUNTERS: readonly TermKnowledge[] = [
  {
    id: 'TcpExtTCPAbortOnMemory',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnMemory',
    aliases: ['TCPAbortOnMemory', 'connections aborted due to memory pressure'],
    summary: L(
      'Orphans killed because tcp_max_orphans (with the penalty) or tcp_mem[2] was exceeded.',
      '因超过 tcp_max_orphans（含惩罚倍数）或 tcp_mem[2] 而被杀掉的孤儿数。',
    ),
    details: [
      F(
        'Incremented at close() time or from a retransmission/probe timer; usually a RST goes to the peer, so peers see resets on connections this host already closed.',
        '在 close() 时或重传/探测定时器中累加；通常会向对端发 RST，所以对端会在本机已关闭的连接上收到重置。',
        'K-tcp.c __tcp_close; K-timer tcp_out_of_resources; K-doc-snmp TcpExtTCPAbortOnMemory',
      ),
      F(
        'Goes with the "too many orphaned sockets" or "out of memory -- consider tuning tcp_mem" log lines.',
        '与日志 "too many orphaned sockets" 或 "out of memory -- consider tuning tcp_mem" 同时出现。',
        'K-tcp.c tcp_check_oom',
      ),
    ],
    unit: U_EVENTS,
    commands: ['nstat -az TcpExtTCPAbortOnMemory', 'cat /proc/net/sockstat'],
    related: ['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_mem', 'sockstat.orphan', 'msg.too-many-orphaned-sockets'],
  },
  {
    id: 'TcpExtTCPAbortOnTimeout',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnTimeout',
    aliases: ['TCPAbortOnTimeout', 'connections aborted due to timeout'],
    summary: L(
      'Connections given up after retransmission, zero-window probe, SYN or keepalive limits ran out.',
      '因重传、零窗口探测、SYN 或 keepalive 次数耗尽而放弃的连接数。',
    ),
    details: [
      F(
        'For orphans this is the tcp_orphan_retries give-up. No RST is sent: the kernel just drops the connection.',
        '对孤儿而言，这就是 tcp_orphan_retries 耗尽后的放弃。此时不发 RST，内核直接丢弃连接。',
        'K-timer tcp_write_timeout, tcp_write_err; K-doc-snmp TcpExtTCPAbortOnTimeout',
      ),
      F(
        'Rising together with many FIN-WAIT-1 or LAST-ACK sockets means orphans are dying on the retry limit: check whether the peers are reachable.',
        '若它与大量 FIN-WAIT-1 或 LAST-ACK 同时上升，说明孤儿正因重传上限而消亡：应检查对端是否可达。',
        'K-timer tcp_write_timeout',
      ),
    ],
    unit: U_EVENTS,
    commands: ['nstat -az TcpExtTCPAbortOnTimeout'],
    related: ['net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_retries2', 'net.ipv4.tcp_syn_retries', 'FIN-WAIT-1', 'LAST-ACK'],
  },
  {
    id: 'TcpExtTCPAbortOnLinger',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnLinger',
    aliases: ['TCPAbortOnLinger', 'connections aborted after user close in linger timeout'],
    summary: L(
      'close() in FIN-WAIT-2 with a negative TCP_LINGER2: the connection is reset.',
      '在 FIN-WAIT-2 中调用 close() 且 TCP_LINGER2 为负值：连接被重置。',
    ),
    details: [
      F(
        'The ordinary orphan FIN-WAIT-2 give-up does not count here (it increments no counter), and a FIN_WAIT2 minisock simply expires.',
        '普通的孤儿 FIN-WAIT-2 超时放弃不计入这里（不增加任何计数器），FIN_WAIT2 minisock 到期也只是静默消失。',
        'K-tcp.c __tcp_close; K-timer tcp_keepalive_timer',
      ),
    ],
    unit: U_EVENTS,
    commands: [NSTAT_ABORTS],
    related: ['FIN-WAIT-2', 'net.ipv4.tcp_fin_timeout'],
  },
  {
    id: 'TcpExtTCPAbortOnClose',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnClose',
    aliases: ['TCPAbortOnClose', 'connections reset due to early user close'],
    summary: L(
      'close() with unread data in the receive queue: RST instead of FIN.',
      '接收队列中还有未读数据时调用 close()：发 RST 而不是 FIN。',
    ),
    details: [
      F(
        'The kernel resets because received data was lost (the source cites RFC 2525 §2.17); no orphan is left behind.',
        '因为收到的数据被丢掉了，内核直接重置（源码注释引用 RFC 2525 §2.17）；不会留下孤儿。',
        'K-tcp.c __tcp_close; K-doc-snmp',
      ),
    ],
    unit: U_EVENTS,
    commands: [NSTAT_ABORTS],
    related: ['ESTABLISHED', 'CLOSE-WAIT'],
  },
  {
    id: 'TcpExtTCPAbortOnData',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnData',
    aliases: ['TCPAbortOnData', 'connections reset due to unexpected data'],
    summary: L(
      'Resets caused by data arriving for a closed socket, or by close() with SO_LINGER set to zero.',
      '因已关闭的 socket 又收到数据，或在 SO_LINGER 为 0 时调用 close() 而引起的重置。',
    ),
    details: [
      F(
        'Also counts an orphan in FIN-WAIT-1/FIN-WAIT-2 that receives new data, and an orphan reaching FIN-WAIT-2 with a negative linger2.',
        '处于 FIN-WAIT-1/FIN-WAIT-2 的孤儿收到新数据，或孤儿在 linger2 为负时进入 FIN-WAIT-2，也计入这里。',
        'K-input tcp_rcv_state_process; K-tcp.c __tcp_close; K-doc-snmp',
      ),
    ],
    unit: U_EVENTS,
    commands: [NSTAT_ABORTS],
    related: ['FIN-WAIT-1', 'FIN-WAIT-2'],
  },
  {
    id: 'TcpExtTCPAbortFailed',
    kind: 'counter',
    title: 'TcpExtTCPAbortFailed',
    aliases: ['TCPAbortFailed', 'times unable to send RST due to no memory'],
    summary: L('An abort wanted to send a RST but could not allocate it.', '中止连接时需要发送 RST，但分配不到内存。'),
    details: [F('The peer then never learns of the reset.', '于是对端不会收到这个重置。', 'K-doc-snmp')],
    unit: U_EVENTS,
    commands: [NSTAT_ABORTS],
    related: ['TcpExtTCPAbortOnMemory'],
  },
  {
    id: 'TcpExtTCPTimeWaitOverflow',
    kind: 'counter',
    title: 'TcpExtTCPTimeWaitOverflow',
    aliases: ['TCPTimeWaitOverflow'],
    summary: L(
      'tcp_max_tw_buckets was reached: a connection closed without entering TIME-WAIT.',
      '达到 tcp_max_tw_buckets 上限：连接未进入 TIME-WAIT 就被关闭。',
    ),
    details: [
      F(
        'Also hits orphans that should have become FIN_WAIT2 minisocks. Current kernels log nothing for it.',
        '本该转成 FIN_WAIT2 minisock 的孤儿同样受影响。当前内核对此不打印日志。',
        'K-mini tcp_time_wait; K-tw inet_twsk_alloc',
      ),
    ],
    unit: U_EVENTS,
    commands: ['nstat -az TcpExtTCPTimeWaitOverflow', 'cat /proc/net/sockstat'],
    related: ['net.ipv4.tcp_max_tw_buckets', 'sockstat.tw', 'msg.time-wait-bucket-table-overflow', 'TIME-WAIT'],
  },
  {
    id: 'TcpExtTCPMemoryPressures',
    kind: 'counter',
    title: 'TcpExtTCPMemoryPressures',
    aliases: ['TCPMemoryPressures'],
    summary: L('How many times TCP entered memory pressure (tcp_mem[1]).', 'TCP 进入内存压力状态（tcp_mem[1]）的次数。'),
    details: [
      F(
        'Pressure is the middle threshold; orphans are killed for memory only above tcp_mem[2].',
        '压力阈值是中间那个值；只有超过 tcp_mem[2] 才会因内存杀掉孤儿。',
        'K-doc-snmp; K-h tcp_out_of_memory',
      ),
    ],
    unit: U_EVENTS,
    commands: ["nstat -az 'TcpExtTCPMemoryPressures*'"],
    related: ['TcpExtTCPMemoryPressuresChrono', 'net.ipv4.tcp_mem', 'sockstat.mem'],
  },
  {
    id: 'TcpExtTCPMemoryPressuresChrono',
    kind: 'counter',
    title: 'TcpExtTCPMemoryPressuresChrono',
    aliases: ['TCPMemoryPressuresChrono'],
    summary: L('Total time TCP has spent in memory pressure, in milliseconds.', 'TCP 处于内存压力状态的累计时长（毫秒）。'),
    details: [F('Companion of TcpExtTCPMemoryPressures.', '与 TcpExtTCPMemoryPressures 配套。', 'K-doc-snmp')],
    unit: U_MS,
    commands: ["nstat -az 'TcpExtTCPMemoryPressures*'"],
    related: ['TcpExtTCPMemoryPressures', 'net.ipv4.tcp_mem'],
  },
  {
    id: 'TcpExtTCPAbortOnSyn',
    kind: 'counter',
    title: 'TcpExtTCPAbortOnSyn',
    aliases: ['TCPAbortOnSyn', 'connections reset due to unexpected SYN'],
    summary: L('Old kernels only: resets on an unexpected SYN; unrelated to orphans.', '仅旧内核：因意外收到 SYN 而重置连接；与孤儿无关。'),
    details: [
      F(
        'Old kernels reset a connection that received a SYN inside its window and counted it here. Mainline kernels from 3.6 on (6.x included) answer such a SYN with a challenge ACK (RFC 5961) counted in TcpExtTCPSYNChallenge, and their /proc/net/netstat no longer lists this counter.',
        '旧内核在窗口内收到 SYN 时会重置连接并计入此计数器。3.6 起的主线内核（包括 6.x）改为回复 challenge ACK（RFC 5961），计入 TcpExtTCPSYNChallenge，它们的 /proc/net/netstat 也不再列出此计数器。',
        'K-old-input tcp_validate_incoming; K-snmp-3.6; K-input tcp_validate_incoming',
      ),
      F(
        'On kernels that still have it, it matches the TcpExtTCPAbortOn* wildcard but says nothing about orphan sockets.',
        '在仍有此计数器的内核上，它会被 TcpExtTCPAbortOn* 通配符一起列出，但与孤儿 socket 无关。',
        'net-tools statistics.c; K-doc-snmp',
      ),
    ],
    unit: U_EVENTS,
    commands: [NSTAT_ABORTS],
    related: [],
  },
  {
    id: 'TcpExtTCPACKSkippedFinWait2',
    kind: 'counter',
    title: 'TcpExtTCPACKSkippedFinWait2',
    aliases: ['TCPACKSkippedFinWait2'],
    summary: L(
      'ACKs not sent by a FIN_WAIT2 minisock because of rate limiting.',
      'FIN_WAIT2 minisock 因限速而未发送的 ACK 数。',
    ),
    details: [
      F(
        'A FIN_WAIT2 timewait minisock answers out-of-window segments with a rate-limited ACK; each suppressed ACK counts here.',
        'FIN_WAIT2 子状态的 timewait minisock 对窗口外报文回复限速的 ACK；每个被抑制的 ACK 计入这里。',
        'K-mini tcp_timewait_state_process',
      ),
    ],
    unit: U_EVENTS,
    commands: ["nstat -az 'TcpExtTCPACKSkipped*'"],
    related: ['FIN-WAIT-2', 'sockstat.tw'],
  },
];
