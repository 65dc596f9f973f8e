/**
 * Knowledge about the tunables, sockstat fields, counters and kernel log lines that orphan-socket notes
 * talk about. Pure data: no `vscode`, no Node built-ins.
 *
 * Every fact is paraphrased from ../shared/docs/tcp-orphan-facts.md (§2–§4) and carries the key of its
 * source there. Things the facts file marks as unverified (removal version of the tw-bucket message,
 * the Kconfig name behind `ss -K`, the merge status of the 2025 FIN-WAIT-1 patch) are not asserted.
 */
import type { Fact, Localized, TermKnowledge } from './types';
import { TUNABLES } from './tunables';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });
const F = (en: string, zh: string, source: string): Fact => ({ text: L(en, zh), source });

const U_SOCKETS = L('sockets', '个 socket');
const U_SECONDS = L('seconds', '秒');
const U_MS = L('milliseconds', '毫秒');
const U_RETRIES = L('retransmissions', '重传次数');
const U_PAGES = L('pages (usually 4 KiB; check `getconf PAGESIZE`)', '页（通常 4 KiB，用 `getconf PAGESIZE` 确认）');
const U_EVENTS = L('events since boot (cumulative)', '开机以来累计的事件次数');

const sysctlCmd = (name: string): string => `sysctl net.ipv4.${name}`;

// ---------------------------------------------------------------------------------------------------
// sysctls
// ---------------------------------------------------------------------------------------------------

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
        'When the limit is exceeded, orphans are reset (RST) and TcpExtTCPAbortOnMemory goes up, with a rate-limited "too many orphaned sockets" log line. New connections are not refused.',
        '超过上限时，内核对孤儿发送 RST 并将其释放，TcpExtTCPAbortOnMemory 随之增加，同时限速打印 "too many orphaned sockets"。新连接并不会被拒绝。',
        'K-doc-sysctl tcp_max_orphans; K-tcp.c tcp_check_oom; K-timer tcp_out_of_resources',
      ),
      F(
        'The check is penalised: the count is doubled for an orphan that has sent nothing for more than 2 × TCP_RTO_MAX (240 s), or whose retransmission timer already ran at its maximum and used up its retries (the caller passes do_reset false); a soft ICMP error doubles it again. Such orphans are killed once the count passes 1/2 or 1/4 of the limit. "Idle" means time since data was last sent.',
        '检查带有“惩罚”：如果孤儿超过 2 × TCP_RTO_MAX（240 秒）没有发送任何数据，或者它的重传定时器已退避到上限且重试用尽（调用方传入 do_reset 为 false），计数按 2 倍算；再带有软 ICMP 错误则再翻一倍。所以这类孤儿在数量超过上限的 1/2 或 1/4 时就会被杀掉。这里的“空闲”指距上次发送数据的时间。',
        'K-timer tcp_out_of_resources, tcp_write_timeout; PG-zoukankan',
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

// ---------------------------------------------------------------------------------------------------
// /proc/net/sockstat fields
// ---------------------------------------------------------------------------------------------------

const SOCKSTAT: readonly TermKnowledge[] = [
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

// ---------------------------------------------------------------------------------------------------
// nstat counters
// ---------------------------------------------------------------------------------------------------

const NSTAT_ABORTS = "nstat -az 'TcpExtTCPAbortOn*' TcpExtTCPAbortFailed";

const COUNTERS: readonly TermKnowledge[] = [
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
    summary: L('Resets caused by an unexpected SYN; unrelated to orphans.', '因意外收到 SYN 而引起的重置；与孤儿无关。'),
    details: [
      F(
        'It matches the TcpExtTCPAbortOn* wildcard but says nothing about orphan sockets.',
        '它会被 TcpExtTCPAbortOn* 通配符一起列出，但与孤儿 socket 无关。',
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

// ---------------------------------------------------------------------------------------------------
// kernel log messages
// ---------------------------------------------------------------------------------------------------

const DMESG = "dmesg -T | grep -i -E 'orphan|tcp_mem|socket memory|time wait bucket'";

const MESSAGES: readonly TermKnowledge[] = [
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
        'Same meaning as today\'s "too many orphaned sockets": the orphan limit was hit and the socket was reset.',
        '含义与现在的 "too many orphaned sockets" 相同：触及孤儿上限，该 socket 被重置。',
        'ML-2001; PG-pagefault',
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
        'K-input tcp_conn_request, tcp_syn_flood_action; K-csk-h inet_csk_reqsk_queue_is_full; K-af-inet inet_listen; K-doc-net somaxconn; K-doc-sysctl tcp_syncookies',
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
        'K-input tcp_conn_request; K-h tcp_clear_options; K-doc-sysctl tcp_syncookies; K-doc-net somaxconn',
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

export const TERMS: readonly TermKnowledge[] = [...SYSCTLS, ...TUNABLES, ...SOCKSTAT, ...COUNTERS, ...MESSAGES];

export const TERM_BY_ID: ReadonlyMap<string, TermKnowledge> = new Map(TERMS.map((t) => [t.id, t] as const));

export function findTerm(id: string): TermKnowledge | undefined {
  return TERM_BY_ID.get(id);
}
