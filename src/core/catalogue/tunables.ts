/**
 * Tunables that real notes about closing sockets mention but that matter little (or not at all) for orphans:
 * each says what it does and what it has to do with closing sockets (often: nothing). Facts §7.2 and §7.3,
 * checked against Documentation/networking/ip-sysctl.rst and admin-guide/sysctl/net.rst.
 * Pure data: no `vscode`, no Node built-ins.
 */
import type { TermKnowledge } from './types';
import { F, L } from './write';


const U_BYTES = L('bytes', '字节');
const U_PACKETS = L('packets', '个数据包');
const sysctlCmd = (key: string): string => `sysctl ${key}`;

export const TUNABLES: readonly TermKnowledge[] = [
  {
    id: 'net.ipv4.tcp_timestamps',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_timestamps',
    aliases: [],
    summary: L('Enables TCP timestamps (RFC 7323).', '开启 TCP 时间戳（RFC 7323）。'),
    details: [
      F(
        'Values: 0 off, 1 on with a random offset per connection (default), 2 on without random offsets.',
        '取值：0 关闭，1 开启且每个连接使用随机偏移（默认），2 开启但不使用随机偏移。',
        'K-doc-sysctl tcp_timestamps',
      ),
      F(
        'For closing sockets it matters through tcp_tw_reuse: a TIME-WAIT port is reused for a new outgoing connection only when timestamps let PAWS reject old duplicates. Turning timestamps off disables that reuse.',
        '它与关闭中的 socket 的关系在于 tcp_tw_reuse：只有在时间戳让 PAWS 能拒绝旧的重复报文时，TIME-WAIT 的端口才会被新的主动连接复用。关闭时间戳也就关闭了这种复用。',
        'K-ipv4 tcp_twsk_unique; K-doc-sysctl tcp_tw_reuse',
      ),
    ],
    defaultValue: L('1', '1'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_timestamps')],
    related: ['net.ipv4.tcp_tw_reuse', 'TIME-WAIT'],
  },
  {
    id: 'net.ipv4.tcp_syncookies',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_syncookies',
    aliases: [],
    summary: L('Answers with SYN cookies when a listener\'s SYN queue overflows (a SYN-flood fallback).', '监听 socket 的 SYN 队列溢出时改用 SYN cookie 应答（应对 SYN flood 的后备机制）。'),
    details: [
      F(
        'Values: 0 off, 1 only when the SYN queue overflows (default), 2 always. The kernel docs call it a fallback, not a way to serve a high legitimate connection rate.',
        '取值：0 关闭，1 仅在 SYN 队列溢出时启用（默认），2 总是启用。内核文档强调它只是后备手段，不能用来扛正常的高连接速率。',
        'K-doc-sysctl tcp_syncookies',
      ),
      F(
        'It concerns the opening handshake only: nothing to do with closing sockets, TIME-WAIT or orphans.',
        '它只涉及建立连接的握手阶段：与关闭中的 socket、TIME-WAIT 和孤儿都无关。',
        'K-doc-sysctl tcp_syncookies',
      ),
    ],
    defaultValue: L('1', '1'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_syncookies'), "nstat -az 'TcpExtSyncookies*'"],
    related: ['net.ipv4.tcp_max_syn_backlog', 'SYN-RECEIVED', 'NEW-SYN-RECV', 'msg.possible-syn-flooding'],
  },
  {
    id: 'net.ipv4.ip_local_port_range',
    kind: 'sysctl',
    title: 'net.ipv4.ip_local_port_range',
    aliases: [],
    summary: L('The ephemeral ports connect() picks from (two numbers: first and last).', 'connect() 自动选择本地端口的范围（两个数：起始与结束）。'),
    details: [
      F(
        'The active closer keeps each connection\'s 4-tuple in TIME-WAIT for 60 s, so many short outgoing connections to one destination can run out of ports (connect() fails with EADDRNOTAVAIL). A wider range or tcp_tw_reuse helps; it has nothing to do with orphans.',
        '主动关闭方会让每个连接的四元组在 TIME-WAIT 中保留 60 秒，所以大量发往同一目的地的短连接可能耗尽端口（connect() 返回 EADDRNOTAVAIL）。扩大范围或开启 tcp_tw_reuse 可以缓解；它与孤儿无关。',
        'K-doc-sysctl ip_local_port_range; K-h TCP_TIMEWAIT_LEN',
      ),
    ],
    defaultValue: L('32768 60999', '32768 60999'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.ip_local_port_range'), 'ss -tan state time-wait | wc -l'],
    related: ['TIME-WAIT', 'net.ipv4.tcp_tw_reuse'],
  },
  {
    id: 'net.ipv4.tcp_rmem',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_rmem',
    aliases: [],
    summary: L('Per-socket receive buffer sizes: min, default, max (bytes).', '每个 socket 的接收缓冲区大小：最小、默认、最大（字节）。'),
    details: [
      F(
        'Defaults: 4 KiB, 131072, and a max set at boot from the memory size: 32 MiB (33554432) on hosts with enough memory since Linux 6.16, 6 MiB (6291456) before, never less than 128 KiB. Setting SO_RCVBUF turns autotuning off for that socket.',
        '默认：4 KiB、131072；最大值在启动时按内存大小设定：自 Linux 6.16 起内存充足的主机为 32 MiB（33554432），之前为 6 MiB（6291456），最小不低于 128 KiB。设置 SO_RCVBUF 会关闭该 socket 的自动调整。',
        'K-doc-sysctl tcp_rmem; C-RMEM32',
      ),
      F(
        'For closing sockets: data left unread when the application calls close() makes the kernel send RST instead of FIN, so such a socket never becomes an orphan. Buffers count towards tcp_mem.',
        '与关闭的关系：应用调用 close() 时若接收缓冲区中还有未读数据，内核发 RST 而不是 FIN，这样的 socket 不会成为孤儿。缓冲区占用计入 tcp_mem。',
        'K-tcp.c __tcp_close',
      ),
    ],
    defaultValue: L(
      '4096 131072 33554432 since Linux 6.16, 4096 131072 6291456 before (the max is lower on hosts with little memory)',
      '自 Linux 6.16 起为 4096 131072 33554432，之前为 4096 131072 6291456（内存少的主机最大值更小）',
    ),
    unit: U_BYTES,
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_rmem')],
    related: ['net.ipv4.tcp_wmem', 'net.ipv4.tcp_mem'],
  },
  {
    id: 'net.ipv4.tcp_wmem',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_wmem',
    aliases: [],
    summary: L('Per-socket send buffer sizes: min, default, max (bytes).', '每个 socket 的发送缓冲区大小：最小、默认、最大（字节）。'),
    details: [
      F(
        'Defaults: 4 KiB, 16 KiB, and a max between 64 KiB and 4 MB depending on RAM.',
        '默认：4 KiB、16 KiB，最大值依内存大小在 64 KiB 到 4 MB 之间。',
        'K-doc-sysctl tcp_wmem',
      ),
      F(
        'For closing sockets: data still queued at close() stays with the orphan, which keeps sending it before its FIN. Orphans with big send queues hold that memory, counted in sockstat `mem` against tcp_mem.',
        '与关闭的关系：close() 时仍在队列中的数据由孤儿保留，孤儿会先把它发完再发 FIN。发送队列大的孤儿一直占着这些内存，计入 sockstat 的 `mem`，与 tcp_mem 比较。',
        'K-tcp.c __tcp_close; K-proc sockstat_seq_show',
      ),
    ],
    defaultValue: L('4096 16384 4194304 (max depends on RAM)', '4096 16384 4194304（最大值取决于内存）'),
    unit: U_BYTES,
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_wmem')],
    related: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_mem', 'sockstat.mem', 'FIN-WAIT-1'],
  },
  {
    id: 'net.core.somaxconn',
    kind: 'sysctl',
    title: 'net.core.somaxconn',
    aliases: [],
    summary: L('Upper limit for the listen() backlog (the accept queue).', 'listen() backlog（accept 队列）的上限。'),
    details: [
      F(
        'Default 4096 since Linux 5.4; 128 before. The backlog an application passes to listen() is silently capped at this value.',
        '自 Linux 5.4 起默认 4096，之前为 128。应用传给 listen() 的 backlog 会被静默截断到这个值。',
        'K-doc-sysctl somaxconn',
      ),
      F(
        'It concerns accepting connections (overflows show as ListenOverflows), not closing them: nothing to do with orphans or TIME-WAIT.',
        '它涉及的是接受连接（溢出表现为 ListenOverflows），而不是关闭连接：与孤儿和 TIME-WAIT 无关。',
        'K-doc-sysctl somaxconn, tcp_abort_on_overflow',
      ),
    ],
    defaultValue: L('4096 (128 before Linux 5.4)', '4096（Linux 5.4 之前为 128）'),
    scope: 'netns',
    commands: [sysctlCmd('net.core.somaxconn'), 'ss -ltn'],
    related: ['LISTEN', 'net.ipv4.tcp_max_syn_backlog', 'net.ipv4.tcp_abort_on_overflow', 'msg.possible-syn-flooding'],
  },
  {
    id: 'net.core.netdev_max_backlog',
    kind: 'sysctl',
    title: 'net.core.netdev_max_backlog',
    aliases: [],
    summary: L('Per-CPU queue of received packets waiting for the network stack.', '每个 CPU 上等待协议栈处理的收包队列长度。'),
    details: [
      F(
        'Default 1000 packets. When a CPU\'s input queue is full, packets are dropped before TCP sees them (second column of /proc/net/softnet_stat). It has nothing to do with socket states or orphans.',
        '默认 1000 个包。某个 CPU 的输入队列满时，数据包在到达 TCP 之前就被丢弃（见 /proc/net/softnet_stat 第二列）。它与 socket 状态和孤儿无关。',
        'K-doc-net netdev_max_backlog',
      ),
    ],
    defaultValue: L('1000', '1000'),
    unit: U_PACKETS,
    scope: 'host',
    commands: [sysctlCmd('net.core.netdev_max_backlog'), 'cat /proc/net/softnet_stat'],
    related: [],
  },
  {
    id: 'net.ipv4.tcp_no_metrics_save',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_no_metrics_save',
    aliases: [],
    summary: L('Stops TCP from caching per-destination metrics when a connection closes.', '禁止 TCP 在连接关闭时缓存按目的地记录的指标。'),
    details: [
      F(
        'Default 0: when a connection closes, TCP saves metrics such as RTT and ssthresh so that the next connection to that host starts from them (see `ip tcp_metrics show`). Set it to 1 to stop that.',
        '默认 0：连接关闭时 TCP 会保存 RTT、ssthresh 等指标，供之后发往同一主机的连接作为初值（见 `ip tcp_metrics show`）。设为 1 则不再保存。',
        'K-doc-sysctl tcp_no_metrics_save; ip-tcp_metrics',
      ),
      F(
        'It runs at close but does not change how long a socket stays in any closing state, and has nothing to do with orphans.',
        '它在关闭时起作用，但不改变 socket 在任何关闭状态停留的时间，也与孤儿无关。',
        'K-doc-sysctl tcp_no_metrics_save',
      ),
    ],
    defaultValue: L('0', '0'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_no_metrics_save'), 'ip tcp_metrics show'],
    related: [],
  },
  {
    id: 'net.ipv4.tcp_migrate_req',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_migrate_req',
    aliases: [],
    summary: L(
      'Since Linux 5.14: when an SO_REUSEPORT listener closes, its pending requests and accept queue move to another listener.',
      '自 Linux 5.14 起：SO_REUSEPORT 监听 socket 关闭时，把其未完成的握手请求和 accept 队列迁移给另一个监听 socket。',
    ),
    details: [
      F(
        'Default 0: closing a listener aborts its in-flight request sockets and the connections waiting in its accept queue. With 1, and another listener on the same port with SO_REUSEPORT, they are migrated instead (an eBPF program can pick the target).',
        '默认 0：关闭监听 socket 会中止它正在握手的请求以及 accept 队列中等待的连接。设为 1 且同一端口上还有开启 SO_REUSEPORT 的其他监听 socket 时，这些连接会被迁移过去（可由 eBPF 程序选择目标）。',
        'K-doc-sysctl tcp_migrate_req',
      ),
    ],
    defaultValue: L('0', '0'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_migrate_req')],
    related: ['LISTEN', 'NEW-SYN-RECV'],
  },
  {
    id: 'net.ipv4.tcp_rto_min_us',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_rto_min_us',
    aliases: [],
    summary: L('Since Linux 6.11: the minimum retransmission timeout, in microseconds.', '自 Linux 6.11 起：最小重传超时，单位微秒。'),
    details: [
      F(
        'Default 200000 (200 ms, the old fixed TCP_RTO_MIN). A route\'s rto_min and the socket options take precedence; the docs recommend values of 200000 or less.',
        '默认 200000（200 毫秒，即原先固定的 TCP_RTO_MIN）。路由的 rto_min 和 socket 选项优先；文档建议取不大于 200000 的值。',
        'K-doc-sysctl tcp_rto_min_us',
      ),
      F(
        'A lower minimum makes retransmissions, including an orphan\'s FIN retransmissions, start sooner on short-RTT paths. It does not exist before 6.11.',
        '调低后，在 RTT 很短的路径上重传（包括孤儿的 FIN 重传）会更早开始。6.11 之前没有这个参数。',
        'K-doc-sysctl tcp_rto_min_us',
      ),
    ],
    defaultValue: L('200000', '200000'),
    unit: L('microseconds', '微秒'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_rto_min_us')],
    related: ['net.ipv4.tcp_rto_max_ms', 'net.ipv4.tcp_orphan_retries'],
  },
  {
    id: 'net.ipv4.tcp_syn_linear_timeouts',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_syn_linear_timeouts',
    aliases: [],
    summary: L(
      'Since Linux 6.5: how many SYN retransmissions keep the initial 1 s timeout before exponential backoff; they come on top of tcp_syn_retries.',
      '自 Linux 6.5 起：SYN 重传在转入指数退避之前保持初始 1 秒超时的次数；这些重传是在 tcp_syn_retries 之外额外增加的。',
    ),
    details: [
      F(
        'Default 4: SYN timeouts of 1, 1, 1, 1, 1, 2, 4, … s. connect() gives up after tcp_syn_retries + tcp_syn_linear_timeouts retransmissions: with tcp_syn_retries 6 that is 10, the last SYN goes out at 67 s and connect() fails after about 131 s (6 retransmissions, 63 s and 127 s on older kernels). SYN-ACKs of the passive side are not affected.',
        '默认 4：SYN 超时依次为 1、1、1、1、1、2、4……秒。connect() 在重传 tcp_syn_retries + tcp_syn_linear_timeouts 次之后放弃：tcp_syn_retries 为 6 时共 10 次，最后一个 SYN 在第 67 秒发出，约 131 秒后 connect() 失败（老内核为 6 次、63 秒和 127 秒）。被动方的 SYN-ACK 不受影响。',
        'K-doc-sysctl tcp_syn_linear_timeouts, tcp_syn_retries; K-timer tcp_write_timeout, tcp_retransmit_timer; C-SYNLINEAR',
      ),
    ],
    defaultValue: L('4', '4'),
    scope: 'netns',
    commands: [sysctlCmd('net.ipv4.tcp_syn_linear_timeouts')],
    related: ['net.ipv4.tcp_syn_retries', 'SYN-SENT'],
  },
];
