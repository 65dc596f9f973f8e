/**
 * The catalogue's terms: the sysctls that bound orphans (here), the other tunables notes mention (tunables.ts),
 * sockstat fields (sockstatFields.ts), counters (counters.ts) and kernel log messages (kernelMessages.ts), as one
 * list with a look-up by id. Pure data: no `vscode`, no Node built-ins.
 *
 * Every fact is paraphrased from ../shared/docs/tcp-orphan-facts.md (§2–§4) and carries the key of its
 * source there. Things the facts file marks as unverified (removal version of the tw-bucket message,
 * the Kconfig name behind `ss -K`, the merge status of the 2025 FIN-WAIT-1 patch) are not asserted.
 */
import type { TermKnowledge } from './types';
import { COUNTERS } from './counters';
import { KERNEL_MESSAGES } from './kernelMessages';
import { SOCKSTAT_FIELDS } from './sockstatFields';
import { L, F, U_SOCKETS, U_SECONDS, U_MS, U_RETRIES, U_PAGES, sysctlCmd } from './write';
import { TUNABLES } from './tunables';

const SYSCTLS: readonly TermKnowledge[] = [
  {
    id: 'net.ipv4.tcp_max_orphans',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_max_orphans',
    aliases: [],
    summary: L(
      'Host-wide cap on orphaned TCP sockets; beyond it the kernel resets orphans instead of keeping them.',
      '整机范围内孤儿 TCP socket 的上限；超过后内核会直接重置孤儿，而不是继续保留。',
    ),
    details: [
      F(
        'When the limit is exceeded, orphans are killed, TcpExtTCPAbortOnMemory goes up and a rate-limited "too many orphaned sockets" line is logged. New connections are not refused. The peer normally gets a RST; the one exception is an orphan killed from its retransmission timer after that timer had already backed off to the maximum RTO and spent its retries, and that has sent no data for more than 60 s: it is dropped without one.',
        '超过上限时，内核会释放孤儿，TcpExtTCPAbortOnMemory 随之增加，同时限速打印 "too many orphaned sockets"。新连接并不会被拒绝。对端通常会收到 RST；唯一的例外是：孤儿由重传定时器释放，该定时器此前已退避到最大 RTO 并用完了重试次数，且它超过 60 秒没有发送过数据——这时直接丢弃，不发 RST。',
        'K-doc-sysctl tcp_max_orphans; K-tcp.c tcp_check_oom; K-timer tcp_out_of_resources, tcp_write_timeout, tcp_probe_timer',
      ),
      F(
        'The check is penalised: the count is doubled for an orphan that has sent nothing for more than twice the maximum RTO (240 s by default; since Linux 6.15 twice the socket\'s own maximum, which tcp_rto_max_ms can lower), or whose retransmission timer already ran at its maximum and used up its retries (the caller passes do_reset false); a soft ICMP error doubles it again. Such orphans are killed once the count passes 1/2 or 1/4 of the limit. "Idle" means time since data was last sent.',
        '检查带有“惩罚”：如果孤儿超过两倍最大 RTO（默认 240 秒；Linux 6.15 起为该 socket 自身上限的两倍，tcp_rto_max_ms 可调低）没有发送任何数据，或者它的重传定时器已退避到上限且重试用尽（调用方传入 do_reset 为 false），计数按 2 倍算；再带有软 ICMP 错误则再翻一倍。所以这类孤儿在数量超过上限的 1/2 或 1/4 时就会被杀掉。这里的“空闲”指距上次发送数据的时间。',
        'K-timer tcp_out_of_resources, tcp_write_timeout; K-timer-6.15 tcp_out_of_resources; PG-zoukankan',
      ),
      F(
        'Global, not per network namespace: orphans of every container count against one host-wide limit, and sockstat `orphan` shows the host total.',
        '这是全局参数，不区分网络命名空间：所有容器的孤儿共用同一个整机上限，sockstat 中的 `orphan` 也是整机总数。',
        'K-sysctl ipv4_table[]; K-tcp.c tcp_orphan_count (per-CPU counter); K-proc sockstat_seq_show',
      ),
      F(
        'Default is half the established-hash size, set in tcp_init() at boot (at most 262144 unless `thash_entries=` is given). The NR_FILE value quoted by tcp(7) is only a static initialiser that boot overwrites.',
        '默认值是 established 哈希表项数的一半，由 tcp_init() 在启动时计算（除非指定 `thash_entries=`，最大为 262144）。tcp(7) 中提到的 NR_FILE 只是静态初值，启动时会被覆盖。',
        'K-tcp.c tcp_init; C-ORPH; K-old-input; man-tcp7',
      ),
      F(
        'The docs warn not to lower it artificially: each orphan can pin up to about 64 KB of unswappable memory, so raise it only if RAM allows.',
        '内核文档提醒不要人为调低它；每个孤儿最多可能占用约 64 KB 不可换出的内存，因此只有内存充足时才应调高。',
        'K-doc-sysctl tcp_max_orphans; man-tcp7',
      ),
      F(
        'Emergency trick reported on Server Fault: setting it to 0 briefly makes stuck orphans get reset when their next timer fires, but meanwhile every close() on the host sends FIN followed by RST. Restore it at once; `ss -K` with a precise filter is cleaner.',
        'Server Fault 上的应急做法：临时设为 0，卡住的孤儿会在下次定时器触发时被重置；但在此期间整机每次 close() 都会先发 FIN 再发 RST。用完要立即恢复；更干净的做法是用 `ss -K` 加精确过滤条件。',
        'PG-serverfault-7689; PG-i4box; ss.8 -K',
      ),
    ],
    defaultValue: L(
      'computed at boot: established-hash entries / 2 (at most 262144 without thash_entries=)',
      '启动时计算：established 哈希表项数 / 2（未指定 thash_entries= 时最大 262144）',
    ),
    unit: U_SOCKETS,
    scope: 'host',
    commands: [
      sysctlCmd('tcp_max_orphans'),
      'cat /proc/net/sockstat',
      "dmesg -T | grep -i 'established hash table'",
    ],
    related: [
      'sockstat.orphan',
      'TcpExtTCPAbortOnMemory',
      'msg.too-many-orphaned-sockets',
      'net.ipv4.tcp_mem',
      'net.ipv4.tcp_orphan_retries',
      'FIN-WAIT-1',
      'LAST-ACK',
      'CLOSING',
    ],
  },
  {
    id: 'net.ipv4.tcp_orphan_retries',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_orphan_retries',
    aliases: [],
    summary: L(
      'Retransmission limit for orphaned sockets, used instead of tcp_retries2 once the fd is closed.',
      '孤儿 socket 的重传上限；fd 关闭后用它代替 tcp_retries2。',
    ),
    details: [
      F(
        'The default is 0, which the kernel turns into 8 while the RTO is still below 120 s. The docs and tcp(7) simply say "8".',
        '默认值为 0，只要 RTO 还低于 120 秒，内核就把它当作 8 使用。内核文档和 tcp(7) 直接写的是默认 8。',
        'K-ipv4 tcp_sk_init; K-timer tcp_orphan_retries; K-doc-sysctl tcp_orphan_retries; man-tcp7',
      ),
      F(
        'The count is converted to a time budget from the first retransmission: 8 gives 102.2 s. It is checked only when the timer fires, so it is a lower bound and the orphan goes after roughly 102–205 s.',
        '重传次数会被换算成从第一次重传开始计算的时间预算：8 次对应 102.2 秒。由于只在定时器触发时检查，这只是下限，孤儿实际在约 102–205 秒后被丢弃。',
        'K-timer tcp_model_timeout, retransmits_timed_out',
      ),
      F(
        'When the budget runs out the orphan is dropped silently (no RST) and TcpExtTCPAbortOnTimeout increments.',
        '预算耗尽时孤儿被静默丢弃（不发 RST），TcpExtTCPAbortOnTimeout 加 1。',
        'K-timer tcp_write_timeout; K-doc-snmp TcpExtTCPAbortOnTimeout',
      ),
      F(
        'It also limits zero-window probes of orphans (FIN-WAIT-1 with a peer that never opens its window); before Linux 3.18 such orphans could stall forever. A 2025 netdev RFC reports they can still stall when tcp_retries2 is 8 or less; its merge status is unknown.',
        '它同样限制孤儿的零窗口探测（对端始终不打开窗口的 FIN-WAIT-1）；Linux 3.18 之前这类孤儿可能永远卡住。2025 年 netdev 上的一个 RFC 补丁指出，当 tcp_retries2 不大于 8 时它们仍会卡住，该补丁是否合入未知。',
        'K-timer tcp_probe_timer; C-ZWP; ML-2025',
      ),
      F(
        'The docs suggest lowering it on a loaded web server. It is per network namespace.',
        '内核文档建议繁忙的 Web 服务器考虑调低该值。该参数按网络命名空间生效。',
        'K-doc-sysctl tcp_orphan_retries; K-ipv4 tcp_sk_init',
      ),
    ],
    defaultValue: L('0 (means 8 while the RTO is below 120 s)', '0（RTO 低于 120 秒时按 8 处理）'),
    unit: U_RETRIES,
    scope: 'netns',
    commands: [sysctlCmd('tcp_orphan_retries'), 'ss -tanoi state fin-wait-1', "nstat -az 'TcpExtTCPAbortOn*'"],
    related: [
      'net.ipv4.tcp_retries2',
      'net.ipv4.tcp_max_orphans',
      'TcpExtTCPAbortOnTimeout',
      'net.ipv4.tcp_rto_max_ms',
      'FIN-WAIT-1',
      'LAST-ACK',
      'CLOSING',
    ],
  },
  {
    id: 'net.ipv4.tcp_fin_timeout',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_fin_timeout',
    aliases: [],
    summary: L(
      'How long an orphaned FIN-WAIT-2 connection is kept; it does not change TIME-WAIT.',
      '孤儿 FIN-WAIT-2 连接的保留时长；它不影响 TIME-WAIT。',
    ),
    details: [
      F(
        'It only bounds orphaned FIN-WAIT-2. A FIN-WAIT-2 socket whose fd is still open (after shutdown) has no timer, and TIME-WAIT stays the constant 60 s.',
        '它只约束孤儿状态的 FIN-WAIT-2。fd 仍打开（shutdown 之后）的 FIN-WAIT-2 没有定时器，TIME-WAIT 则始终是固定的 60 秒。',
        'K-doc-sysctl tcp_fin_timeout; K-h TCP_TIMEWAIT_LEN, tcp_fin_time',
      ),
      F(
        'At F ≤ 60 s, an orphan reaching FIN-WAIT-2 is turned into a timewait minisock at once (counted in `tw`, not `orphan`) and lives F s. Above 60 s the full orphan waits F − 60 s on the keepalive timer, then becomes a minisock that keeps the FIN-WAIT-2 timeout of another F − 60 s: 2 × (F − 60) s in total, e.g. 120 s for F = 120 and 240 s for F = 180.',
        'F ≤ 60 秒时，孤儿一进入 FIN-WAIT-2 就立即转成 timewait minisock（计入 `tw` 而不是 `orphan`），存活 F 秒。大于 60 秒时，完整的孤儿先用 keepalive 定时器等待 F − 60 秒，再转成 minisock，后者保持 FIN-WAIT-2 的超时再等 F − 60 秒：总计 2 × (F − 60) 秒，例如 F = 120 时为 120 秒，F = 180 时为 240 秒。',
        'K-tcp.c __tcp_close; K-input tcp_rcv_state_process; K-timer tcp_keepalive_timer; K-mini tcp_time_wait',
      ),
      F(
        'The per-socket TCP_LINGER2 option overrides it (capped at 120 s by TCP_FIN_TIMEOUT_MAX; a negative value means RST instead of FIN-WAIT-2), and the effective value is never below 3.5 × RTO.',
        'socket 级选项 TCP_LINGER2 可覆盖它（上限为 TCP_FIN_TIMEOUT_MAX 即 120 秒；取负值则不进入 FIN-WAIT-2 而直接发 RST），且实际值不会低于 3.5 倍 RTO。',
        'K-h tcp_fin_time; C-LINGER2; K-tcp.c do_tcp_setsockopt',
      ),
      F(
        'tcp(7) calls reaping FIN-WAIT-2 a violation of the TCP spec needed against denial of service; Cloudflare showed how a reaped client port, reused later, hit a server socket still in CLOSE-WAIT.',
        'tcp(7) 指出回收 FIN-WAIT-2 严格来说违反 TCP 规范，只是为了防御拒绝服务攻击；Cloudflare 的案例中，客户端被回收的端口后来被复用，撞上了服务端仍处于 CLOSE-WAIT 的 socket。',
        'man-tcp7; CF1',
      ),
    ],
    defaultValue: L('60 (it was 180 in Linux 2.2)', '60（Linux 2.2 时为 180）'),
    unit: U_SECONDS,
    scope: 'netns',
    commands: [sysctlCmd('tcp_fin_timeout'), 'ss -tano state fin-wait-2'],
    related: ['FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'net.ipv4.tcp_max_tw_buckets', 'sockstat.tw'],
  },
  {
    id: 'net.ipv4.tcp_max_tw_buckets',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_max_tw_buckets',
    aliases: [],
    summary: L(
      'Per-namespace cap on timewait minisocks (TIME-WAIT plus orphans in the FIN_WAIT2 sub-state).',
      '每个网络命名空间内 timewait minisock 的上限（包括 TIME-WAIT 以及子状态为 FIN_WAIT2 的孤儿）。',
    ),
    details: [
      F(
        'When the cap is reached the connection is closed without any TIME-WAIT and TcpExtTCPTimeWaitOverflow increments; this also hits orphans that should have become FIN_WAIT2 minisocks.',
        '达到上限时，连接直接关闭，不再经过 TIME-WAIT，同时 TcpExtTCPTimeWaitOverflow 加 1；本该转成 FIN_WAIT2 minisock 的孤儿同样受影响。',
        'K-mini tcp_time_wait; K-tw inet_twsk_alloc',
      ),
      F(
        'Current kernels only bump the counter; older ones also logged "TCP: time wait bucket table overflow".',
        '新内核只增加计数器；较老的内核还会打印 "TCP: time wait bucket table overflow"。',
        'K-mini tcp_time_wait; K-doc-sysctl tcp_max_tw_buckets',
      ),
      F(
        'Default is half the established-hash size of the namespace (since 6.1 a child netns may have its own hash). The 180000 seen in old notes was a 2.6-era default.',
        '默认值为该命名空间 established 哈希表项数的一半（6.1 起子命名空间可以有独立的哈希表）。老笔记里常见的 180000 是 2.6 时代的默认值。',
        'K-ipv4 tcp_set_hashinfo; C-HASH; K-tcp.c tcp_init',
      ),
      F('Compare it with sockstat `tw` of the same namespace.', '应与同一命名空间的 sockstat `tw` 对比。', 'K-proc sockstat_seq_show'),
    ],
    defaultValue: L('established-hash entries / 2 (per netns)', 'established 哈希表项数 / 2（按命名空间）'),
    unit: U_SOCKETS,
    scope: 'netns',
    commands: [sysctlCmd('tcp_max_tw_buckets'), 'cat /proc/net/sockstat', 'nstat -az TcpExtTCPTimeWaitOverflow'],
    related: ['sockstat.tw', 'TcpExtTCPTimeWaitOverflow', 'msg.time-wait-bucket-table-overflow', 'TIME-WAIT', 'FIN-WAIT-2'],
  },
  {
    id: 'net.ipv4.tcp_mem',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_mem',
    aliases: [],
    summary: L(
      'Three thresholds (min, pressure, max) in pages for the memory of all TCP sockets on the host.',
      '整机所有 TCP socket 内存的三个阈值（min、pressure、max），单位是页。',
    ),
    details: [
      F(
        'Below min TCP does not care; above pressure it moderates its memory use until usage falls back below min; max is the number of pages all TCP sockets may queue.',
        '低于 min 时 TCP 不做限制；超过 pressure 后进入内存压力模式、收紧内存使用，直到回落到 min 以下；max 是所有 TCP socket 可用于排队的总页数。',
        'K-doc-sysctl tcp_mem; man-tcp7',
      ),
      F(
        'Units are pages, not bytes: compare sockstat `mem` (also pages) with the third value.',
        '单位是页而不是字节：应把 sockstat 的 `mem`（同样是页）与第三个值比较。',
        'K-doc-sysctl tcp_mem; K-proc sockstat_seq_show',
      ),
      F(
        'An orphan is killed for memory when TCP memory exceeds tcp_mem[2] and the socket itself has more than SOCK_MIN_SNDBUF queued; the log says "out of memory -- consider tuning tcp_mem" and TcpExtTCPAbortOnMemory increments.',
        '当 TCP 总内存超过 tcp_mem[2] 且该 socket 自身排队数据超过 SOCK_MIN_SNDBUF 时，孤儿会因内存不足被杀掉；日志为 "out of memory -- consider tuning tcp_mem"，TcpExtTCPAbortOnMemory 加 1。',
        'K-h tcp_out_of_memory; K-tcp.c tcp_check_oom',
      ),
      F(
        'Computed at boot from free memory: limit = free buffer pages / 16, min = 3/4 of it (about 4.7 %), pressure = limit (6.25 %), max = 2 × min (about 9.4 %). One value for the whole host.',
        '启动时根据空闲内存计算：limit = 空闲缓冲页数 / 16，min 取其 3/4（约 4.7%），pressure 等于 limit（6.25%），max = 2 × min（约 9.4%）。整机只有一份。',
        'K-tcp.c tcp_init_mem; K-sysctl ipv4_table[]',
      ),
    ],
    defaultValue: L('computed at boot from free memory (about 4.7 % / 6.25 % / 9.4 %)', '启动时按空闲内存计算（约 4.7% / 6.25% / 9.4%）'),
    unit: U_PAGES,
    scope: 'host',
    commands: [sysctlCmd('tcp_mem'), 'cat /proc/net/sockstat', 'getconf PAGESIZE'],
    related: [
      'sockstat.mem',
      'msg.out-of-memory-consider-tuning-tcp-mem',
      'TcpExtTCPAbortOnMemory',
      'TcpExtTCPMemoryPressures',
      'net.ipv4.tcp_max_orphans',
    ],
  },
  {
    id: 'net.ipv4.tcp_retries2',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_retries2',
    aliases: [],
    summary: L(
      'Retransmission limit for a live (non-orphan) connection with unacknowledged data.',
      '有未确认数据的存活（非孤儿）连接的重传上限。',
    ),
    details: [
      F(
        'The default 15 gives a hypothetical timeout of 924.6 s, a lower bound for the real one; RFC 1122 asks for at least 100 s (8 retries).',
        '默认 15 次，对应理论超时 924.6 秒，这是实际超时的下限；RFC 1122 要求至少 100 秒（即 8 次）。',
        'K-doc-sysctl tcp_retries2',
      ),
      F(
        'Orphans do not use it (they use tcp_orphan_retries), but it caps the zero-window probe backoff: tcp_send_probe0() stops raising the backoff once it reaches tcp_retries2. A 2025 netdev RFC reports FIN-WAIT-1 orphans that can stall forever when it is 8 or less; its merge status is unknown.',
        '孤儿不使用它（改用 tcp_orphan_retries），但它限制零窗口探测的退避次数：退避次数达到 tcp_retries2 后，tcp_send_probe0() 不再增加它。2025 年 netdev 上的一个 RFC 补丁指出，当它不大于 8 时 FIN-WAIT-1 孤儿可能永远卡住，该补丁是否合入未知。',
        'K-timer tcp_write_timeout, tcp_probe_timer; K-output tcp_send_probe0; ML-2025',
      ),
    ],
    defaultValue: L('15', '15'),
    unit: U_RETRIES,
    scope: 'netns',
    commands: [sysctlCmd('tcp_retries2')],
    related: ['net.ipv4.tcp_orphan_retries', 'TcpExtTCPAbortOnTimeout', 'ESTABLISHED', 'FIN-WAIT-1'],
  },
  {
    id: 'net.ipv4.tcp_tw_reuse',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_tw_reuse',
    aliases: [],
    summary: L(
      'Lets an outgoing connect() reuse a TIME-WAIT 4-tuple when timestamps show it is safe.',
      '在时间戳证明安全的情况下，允许主动 connect() 复用处于 TIME-WAIT 的四元组。',
    ),
    details: [
      F(
        'Values: 0 off, 1 on, 2 loopback only (default). It affects only outgoing connect(), needs TCP timestamps, and does not shorten TIME-WAIT or help a server that accepts connections.',
        '取值：0 关闭，1 开启，2 仅对回环地址开启（默认）。它只影响主动 connect()，依赖 TCP 时间戳；不会缩短 TIME-WAIT，对接受连接的服务端也没有帮助。',
        'K-doc-sysctl tcp_tw_reuse; K-ipv4 tcp_twsk_unique',
      ),
      F(
        'Since Linux 6.14, tcp_tw_reuse_delay (milliseconds, default 1000) sets how old a TIME-WAIT socket must be before it may be reused.',
        '自 Linux 6.14 起，tcp_tw_reuse_delay（毫秒，默认 1000）规定 TIME-WAIT socket 至少存在多久才可被复用。',
        'C-TWDELAY; K-doc-sysctl tcp_tw_reuse_delay',
      ),
    ],
    defaultValue: L('2 (loopback only)', '2（仅回环）'),
    scope: 'netns',
    commands: [sysctlCmd('tcp_tw_reuse')],
    related: ['TIME-WAIT', 'net.ipv4.tcp_tw_reuse_delay', 'net.ipv4.tcp_tw_recycle'],
  },
  {
    id: 'net.ipv4.tcp_tw_reuse_delay',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_tw_reuse_delay',
    aliases: [],
    summary: L(
      'Since Linux 6.14: how many milliseconds a TIME-WAIT socket must wait before tcp_tw_reuse may give its port to a new outgoing connection.',
      '自 Linux 6.14 起：TIME-WAIT socket 至少等待多少毫秒后，tcp_tw_reuse 才能把它的端口让给新的主动连接。',
    ),
    details: [
      F(
        'Default 1000 ms, per network namespace, at most TCP_PAWS_MSL × 1000. The real threshold lies between N and N + 1 ms, so it is never shorter than asked.',
        '默认 1000 毫秒，按网络命名空间设置，最大为 TCP_PAWS_MSL × 1000。实际阈值落在 N 到 N + 1 毫秒之间，保证不会短于设定值。',
        'C-TWDELAY; K-doc-sysctl tcp_tw_reuse_delay',
      ),
      F(
        'Do not set it below the peer\'s timestamp clock tick: PAWS on the reused connection relies on the peer\'s timestamps having moved on. The sysctl does not exist before 6.14.',
        '不要把它设得比对端时间戳时钟的一个 tick 还小：被复用连接上的 PAWS 检查依赖对端时间戳已经前进。6.14 之前没有这个参数。',
        'K-doc-sysctl tcp_tw_reuse_delay; K-ipv4-6.14 tcp_twsk_unique',
      ),
    ],
    scope: 'netns',
    defaultValue: L('1000', '1000'),
    unit: U_MS,
    commands: [sysctlCmd('tcp_tw_reuse_delay')],
    related: ['net.ipv4.tcp_tw_reuse', 'TIME-WAIT'],
  },
  {
    id: 'net.ipv4.tcp_tw_recycle',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_tw_recycle',
    aliases: [],
    summary: L('Removed in Linux 4.12; still recommended by outdated tuning notes.', '已在 Linux 4.12 中移除；过时的调优笔记里仍在推荐它。'),
    details: [
      F(
        'Dropped by commit 4396e46187ca because it broke clients behind NAT and with randomised timestamp offsets. Advice to enable it is obsolete; use tcp_tw_reuse for outgoing connections.',
        '提交 4396e46187ca 将其删除，原因是它会让 NAT 后面的客户端以及时间戳偏移随机化的连接出问题。建议开启它的说法已经过时；主动连接场景请用 tcp_tw_reuse。',
        'C-RECYCLE; VB',
      ),
      F(
        'Pages that blame "too many orphaned sockets" on TIME-WAIT and recommend this knob mix up two different counters.',
        '有些页面把 "too many orphaned sockets" 归咎于 TIME-WAIT 并推荐这个参数，这是把两个不同的计数混为一谈。',
        'PG-serverdevworker; K-proc sockstat_seq_show',
      ),
    ],
    commands: [],
    related: ['net.ipv4.tcp_tw_reuse', 'TIME-WAIT'],
    removed: L('Removed in Linux 4.12 (commit 4396e46187ca).', '已于 Linux 4.12 移除（提交 4396e46187ca）。'),
  },
  {
    id: 'net.ipv4.tcp_syn_retries',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_syn_retries',
    aliases: [],
    summary: L(
      'How many times connect() retransmits its SYN before failing; since Linux 6.5, tcp_syn_linear_timeouts more retransmissions are added.',
      'connect() 在失败前重传 SYN 的次数；自 Linux 6.5 起，还要再加上 tcp_syn_linear_timeouts 次。',
    ),
    details: [
      F(
        'With the defaults, since Linux 6.5 connect() makes 6 + 4 = 10 retransmissions (tcp_syn_retries + tcp_syn_linear_timeouts): the first five go out 1 s apart, then the wait doubles (2, 4, 8, 16, 32 s), so the last SYN is sent at 67 s and connect() gives up after about 131 s; before 6.5 it made 6, the last at 63 s, and gave up after about 127 s. TCP_SYNCNT replaces tcp_syn_retries for one socket (the linear ones are still added); TCP_USER_TIMEOUT also applies.',
        '默认设置下，自 Linux 6.5 起 connect() 共重传 6 + 4 = 10 次（tcp_syn_retries + tcp_syn_linear_timeouts）：前 5 次每隔 1 秒发出，之后间隔翻倍（2、4、8、16、32 秒），所以最后一个 SYN 在第 67 秒发出，约 131 秒后 connect() 失败；6.5 之前重传 6 次，最后一次在第 63 秒，约 127 秒后失败。TCP_SYNCNT 可按 socket 取代 tcp_syn_retries（线性的那几次仍会加上）；TCP_USER_TIMEOUT 同样起作用。',
        'K-doc-sysctl tcp_syn_retries, tcp_syn_linear_timeouts; K-timer tcp_write_timeout, tcp_retransmit_timer; C-SYNLINEAR; CF2',
      ),
    ],
    defaultValue: L('6', '6'),
    unit: U_RETRIES,
    commands: [sysctlCmd('tcp_syn_retries')],
    related: ['SYN-SENT', 'TcpExtTCPAbortOnTimeout'],
  },
  {
    id: 'net.ipv4.tcp_synack_retries',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_synack_retries',
    aliases: [],
    summary: L(
      'How many times a half-open connection retransmits its SYN+ACK before it is dropped.',
      '半连接在被丢弃前重传 SYN+ACK 的次数。',
    ),
    details: [
      F(
        'With the default 5 the final timeout comes after about 63 s and the request sock is freed.',
        '默认 5 次时，约 63 秒后最终超时，request sock 随之释放。',
        'K-doc-sysctl tcp_synack_retries; K-mini tcp_check_req',
      ),
    ],
    defaultValue: L('5', '5'),
    unit: U_RETRIES,
    commands: [sysctlCmd('tcp_synack_retries')],
    related: ['SYN-RECEIVED', 'NEW-SYN-RECV'],
  },
  {
    id: 'net.ipv4.tcp_keepalive_time',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_keepalive_time',
    aliases: [],
    summary: L(
      'Idle time before the first keepalive probe, for sockets that enabled keepalive.',
      '对开启了 keepalive 的 socket，发送第一个保活探测前的空闲时间。',
    ),
    details: [
      F(
        'Default 7200 s; probing happens only if the application enables keepalive, and it does not help a connection stuck with unacknowledged data.',
        '默认 7200 秒；只有应用开启 keepalive 才会探测，而且对卡在未确认数据上的连接没有帮助。',
        'K-doc-sysctl; CF2',
      ),
      F(
        'ss shows timer:(keepalive,…) on a full FIN-WAIT-2 orphan too: that is the orphan FIN-WAIT-2 timeout sharing the same timer, not keepalive probing.',
        'ss 在完整的 FIN-WAIT-2 孤儿上也会显示 timer:(keepalive,…)：那是孤儿 FIN-WAIT-2 超时复用了同一个定时器，并不是 keepalive 探测。',
        'ss.c tcp_timer_print; K-timer tcp_keepalive_timer',
      ),
      F(
        'A keepalive give-up counts in TcpExtTCPAbortOnTimeout.',
        'keepalive 探测失败放弃连接时计入 TcpExtTCPAbortOnTimeout。',
        'K-timer tcp_keepalive_timer; K-doc-snmp TcpExtTCPAbortOnTimeout',
      ),
    ],
    defaultValue: L('7200 (2 hours)', '7200（2 小时）'),
    unit: U_SECONDS,
    commands: [sysctlCmd('tcp_keepalive_time')],
    related: ['net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'ESTABLISHED', 'CLOSE-WAIT'],
  },
  {
    id: 'net.ipv4.tcp_keepalive_intvl',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_keepalive_intvl',
    aliases: [],
    summary: L('Interval between keepalive probes.', '相邻两次保活探测之间的间隔。'),
    details: [F('Default 75 s.', '默认 75 秒。', 'K-doc-sysctl')],
    defaultValue: L('75', '75'),
    unit: U_SECONDS,
    commands: [sysctlCmd('tcp_keepalive_intvl')],
    related: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_keepalive_probes'],
  },
  {
    id: 'net.ipv4.tcp_keepalive_probes',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_keepalive_probes',
    aliases: [],
    summary: L('Unanswered keepalive probes before the connection is dropped.', '连接被放弃前允许无应答的保活探测次数。'),
    details: [F('Default 9.', '默认 9 次。', 'K-doc-sysctl')],
    defaultValue: L('9', '9'),
    unit: L('probes', '次探测'),
    commands: [sysctlCmd('tcp_keepalive_probes')],
    related: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_keepalive_intvl'],
  },
  {
    id: 'net.ipv4.tcp_rfc1337',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_rfc1337',
    aliases: [],
    summary: L('Whether a RST may end TIME-WAIT early ("TIME-WAIT assassination").', '是否允许 RST 提前结束 TIME-WAIT（即 "TIME-WAIT assassination"）。'),
    details: [
      F(
        'With the default 0 a RST received in TIME-WAIT kills the minisock at once; with 1 the RST does not end it.',
        '默认 0 时，TIME-WAIT 中收到 RST 会立即销毁 minisock；设为 1 时 RST 不会结束 TIME-WAIT。',
        'K-mini tcp_timewait_state_process; K-doc-sysctl tcp_rfc1337',
      ),
    ],
    defaultValue: L('0 (a RST can end TIME-WAIT early)', '0（RST 可以提前结束 TIME-WAIT）'),
    commands: [sysctlCmd('tcp_rfc1337')],
    related: ['TIME-WAIT'],
  },
  {
    id: 'net.ipv4.tcp_abort_on_overflow',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_abort_on_overflow',
    aliases: [],
    summary: L(
      'What happens when the accept queue is full as the final handshake ACK arrives.',
      '握手最后一个 ACK 到达时若 accept 队列已满该如何处理。',
    ),
    details: [
      F(
        'That ACK is dropped unless this is set to 1, in which case the kernel answers with RST.',
        '这个 ACK 会被直接丢弃；只有设为 1 时内核才回 RST。',
        'K-mini tcp_check_req; K-doc-sysctl tcp_abort_on_overflow',
      ),
      F(
        'Default 0, and the kernel docs advise keeping it: with 0 a burst recovers when the client retransmits, with 1 clients get resets. It concerns accepting connections, not closing them, and has nothing to do with orphans.',
        '默认 0，内核文档建议保持不变：为 0 时突发流量可在客户端重传后恢复，为 1 时客户端会收到重置。它涉及的是接受连接而不是关闭连接，与孤儿无关。',
        'K-doc-sysctl tcp_abort_on_overflow',
      ),
    ],
    defaultValue: L('0', '0'),
    scope: 'netns',
    commands: [sysctlCmd('tcp_abort_on_overflow')],
    related: ['NEW-SYN-RECV', 'SYN-RECEIVED', 'LISTEN'],
  },
  {
    id: 'net.ipv4.tcp_max_syn_backlog',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_max_syn_backlog',
    aliases: [],
    summary: L(
      'Documented as the limit on half-open connections (SYN-RECV) per listener; in current kernels it matters only when SYN cookies are off.',
      '文档称之为每个监听 socket 的半连接（SYN-RECV）上限；在当前内核中只在关闭 SYN cookie 时起作用。',
    ),
    details: [
      F(
        'A listener\'s queue of half-open connections is full at its listen() backlog (capped by somaxconn), not at this value: then the kernel sends SYN cookies or, with tcp_syncookies = 0, drops the SYN. This value is read only when tcp_syncookies is 0: once less than a quarter of it is left, SYNs from peers the kernel has no saved metrics for are dropped.',
        '监听 socket 的半连接队列在达到其 listen() backlog（受 somaxconn 限制）时即为满，而不是这个值：此时内核改发 SYN cookie，或在 tcp_syncookies = 0 时丢弃 SYN。只有 tcp_syncookies 为 0 时才读取这个值：剩余不足四分之一时，来自内核没有保存指标的对端的 SYN 会被丢弃。',
        'K-input tcp_conn_request; K-csk-h inet_csk_reqsk_queue_is_full; K-doc-sysctl tcp_max_syn_backlog',
      ),
      F(
        'A per-listener limit; the default is at least 128 and grows with the machine\'s memory. It concerns half-open connections only: nothing to do with closing sockets or orphans.',
        '这是每个监听 socket 的上限；默认至少 128，随内存增大。它只涉及半连接：与关闭中的 socket 和孤儿无关。',
        'K-doc-sysctl tcp_max_syn_backlog',
      ),
    ],
    defaultValue: L('at least 128, scaled with memory', '至少 128，随内存增大'),
    commands: [sysctlCmd('tcp_max_syn_backlog')],
    related: ['SYN-RECEIVED', 'NEW-SYN-RECV', 'LISTEN', 'msg.possible-syn-flooding'],
  },
  {
    id: 'net.ipv4.tcp_rto_max_ms',
    kind: 'sysctl',
    title: 'net.ipv4.tcp_rto_max_ms',
    aliases: [],
    summary: L('Since Linux 6.15: the maximum retransmission timeout in milliseconds (before: fixed 120 s).', '自 Linux 6.15 起：最大重传超时（毫秒）；此前固定为 120 秒。'),
    details: [
      F(
        'Range 1000–120000 ms, default 120000 (the old fixed TCP_RTO_MAX of 120 s); the socket option TCP_RTO_MAX_MS overrides it per socket. Lowering it calls for revisiting tcp_retries2, whose timeouts assume the 120 s cap.',
        '取值范围 1000–120000 毫秒，默认 120000（即原先固定的 TCP_RTO_MAX 120 秒）；socket 选项 TCP_RTO_MAX_MS 可按 socket 覆盖。调低它时应同时重新考虑 tcp_retries2，后者的超时计算以 120 秒上限为前提。',
        'K-doc-sysctl tcp_rto_max_ms, tcp_retries2',
      ),
      F(
        'The orphan checks use this per-socket maximum instead of the fixed 120 s: whether an orphan still counts as "alive" (which decides if tcp_orphan_retries 0 means 8) and the time budget its retries convert to. Lowering it can therefore make orphans give up well before the usual 102 s.',
        '孤儿相关的判断改用这个 socket 级的最大值，而不是固定的 120 秒：孤儿是否仍算作“存活”（它决定 tcp_orphan_retries 为 0 时是否按 8 处理），以及重传次数换算成的时间预算。因此调低它可能让孤儿远早于通常的 102 秒就被放弃。',
        'K-timer-6.15 tcp_write_timeout, tcp_probe_timer, tcp_model_timeout',
      ),
    ],
    defaultValue: L('120000 (120 s)', '120000（120 秒）'),
    unit: U_MS,
    commands: [sysctlCmd('tcp_rto_max_ms')],
    related: ['net.ipv4.tcp_orphan_retries', 'FIN-WAIT-1'],
  },
];

export const TERMS: readonly TermKnowledge[] = [...SYSCTLS, ...TUNABLES, ...SOCKSTAT_FIELDS, ...COUNTERS, ...KERNEL_MESSAGES];

export const TERM_BY_ID: ReadonlyMap<string, TermKnowledge> = new Map(TERMS.map((t) => [t.id, t] as const));

export function findTerm(id: string): TermKnowledge | undefined {
  return TERM_BY_ID.get(id);
}
