/**
 * The words of the cause rules (causes.ts), English and Simplified Chinese. Written from the facts file
 * §2.3–§2.6, §3 (tcp_mem), §4.3–§4.5, §4.7 and §7.1 and checked against net/ipv4/tcp_timer.c (tcp_probe_timer,
 * tcp_orphan_retries, tcp_out_of_resources, tcp_keepalive_timer), tcp_minisocks.c (tcp_time_wait), tcp.c
 * (__tcp_close, tcp_check_oom, tcp_out_of_memory), net/core/sock.c (__sk_mem_raise_allocated: pressure above
 * tcp_mem[1], left only at or below tcp_mem[0]; above tcp_mem[2] the allocation is refused — a send on a socket
 * already at its sndbuf excepted —, under pressure granted only within tcp_rmem[0]/tcp_wmem[0] or the socket's
 * share of tcp_mem[2]), tcp_input.c (tcp_data_queue: a segment that cannot be charged is dropped, TCPRcvQDrop,
 * unless the receive queue is empty; tcp_should_expand_sndbuf) and Documentation/networking/ip-sysctl.rst (tcp_mem).
 * Placeholders `{name}` are filled with numbers and addresses from the note (callers escape for their medium).
 */
import type { Localized } from '../catalogue/types';
import type { Advice } from './adviceDone';

export type CauseRule =
  | 'fin-wait-1-zero-window'
  | 'orphan-retransmits-unanswered'
  | 'last-ack-fin-unacknowledged'
  | 'close-wait-not-closed'
  | 'fin-wait-2-timewait-minisocks'
  | 'fin-wait-2-orphans-waiting'
  | 'fin-wait-2-held-open'
  | 'time-wait-table-full'
  | 'orphan-limit-pressure'
  | 'tcp-memory-limit'
  | 'orphans-reset-by-kernel'
  | 'orphan-resets-since-boot'
  | 'listen-accept-queue-overflow'
  | 'syn-queue-overflow'
  | 'local-port-exhaustion';

export interface CauseText {
  readonly message: Localized;
  /**
   * The message when the rule's condition held at an earlier sample, not the latest (a before/after note: the
   * incident, then the fix): said in the past, with the sample, what changed since and the latest sample.
   */
  readonly past?: Localized;
  readonly check: readonly Localized[];
  /** What to change; a line that recommends changing a tunable names it (`tunes`), said as done when the note made that change (adviceDone.ts). */
  readonly change: readonly Advice[];
  /** A public page a reader can open. */
  readonly source: string;
}

const TIMER_C = 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp_timer.c';
const INPUT_C = 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp_input.c';
const TCP_C = 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp.c';

/** Done lines two causes share ({value}, {when}: the value the note set and where). */
const MAX_ORPHANS_DONE: Localized = {
  en: '`net.ipv4.tcp_max_orphans` is already set to {value} at {when}: that makes room (each orphan can hold up to about 64 KB), it does not make fewer orphans',
  'zh-cn': '`net.ipv4.tcp_max_orphans` 已于 {when}设为 {value}：这只是腾出空间（每个孤儿最多可占约 64 KB），并不会让孤儿变少',
};
const TCP_MEM_DONE: Localized = {
  en: '`net.ipv4.tcp_mem` is already set to {value} at {when} (pages, not bytes): that makes room, it does not free what holds the memory',
  'zh-cn': '`net.ipv4.tcp_mem` 已于 {when}设为 {value}（单位是页，不是字节）：这只是腾出空间，并不会释放占着内存的东西',
};
const ORPHAN_RETRIES = 'net.ipv4.tcp_orphan_retries';

export const CAUSE_TEXT: Readonly<Record<CauseRule, CauseText>> = {
  'fin-wait-1-zero-window': {
    message: {
      en: 'Likely cause: the peers advertise a zero window. {persist} of {timed} FIN-WAIT-1 sockets with a timer are on the persist (zero-window probe) timer and {nonZero} of {rows} still hold data in Send-Q (up to {max} bytes): the application closed with data queued, Linux entered FIN-WAIT-1 at once, and the FIN waits behind data the peer does not take. After close() they are orphans (a socket only shut down for writing looks the same in `ss -o`). Each answer of the peer to a zero-window probe resets the probe count, so tcp_orphan_retries does not bound them: the kernel keeps an orphan as long as the peer answers, and ends it once the backed-off probe interval reaches the RTO maximum (120 s by default).{network}',
      'zh-cn': '可能原因：对端通告零窗口。{timed} 个带定时器的 FIN-WAIT-1 套接字中有 {persist} 个挂在 persist（零窗口探测）定时器上，{rows} 个中有 {nonZero} 个 Send-Q 仍有数据（最多 {max} 字节）：应用在仍有排队数据时 close()，Linux 立即进入 FIN-WAIT-1，FIN 排在对端不接收的数据之后。close() 之后它们是孤儿（只 shutdown 了写方向的套接字在 `ss -o` 中看起来一样）。对端每应答一次零窗口探测，探测计数就清零，所以 tcp_orphan_retries 限制不了它们：只要对端还在应答，内核就保留孤儿，直到退避后的探测间隔达到 RTO 上限（默认 120 秒）才结束它。{network}',
    },
    check: [
      { en: '`ss -tanoi state fin-wait-1`: does `backoff` keep growing? If it stays at `tcp_retries2` (≤ 8) the orphan can stall indefinitely (reported in 2025)', 'zh-cn': '`ss -tanoi state fin-wait-1`：`backoff` 是否持续增长？若停在 `tcp_retries2`（≤ 8），孤儿可能无限期滞留（2025 年报告的问题）' },
      { en: '`tcpdump -nn host <peer>`: the peer\'s ACKs carry `win 0`', 'zh-cn': '`tcpdump -nn host <对端>`：对端的 ACK 带 `win 0`' },
      { en: 'the peer application: why does it stop reading?', 'zh-cn': '对端应用：为什么停止读取？' },
    ],
    change: [
      { en: 'fix or throttle the slow or stalled reader (often one client network)', 'zh-cn': '修复或限制读取缓慢/停滞的对端（常常是同一个客户端网络）' },
      {
        en: 'bound them whatever the peer does: `TCP_USER_TIMEOUT` on the sending socket, set by the application before it closes',
        'zh-cn': '无论对端怎样都能限住它们：由应用在 close() 之前给发送端套接字设置 `TCP_USER_TIMEOUT`',
      },
      { en: 'clear the current ones: `ss -K state fin-wait-1 dst <prefix>` (needs kernel socket-destroy support)', 'zh-cn': '清理现有的：`ss -K state fin-wait-1 dst <网段>`（需要内核支持 socket destroy）' },
      {
        en: 'a lower `net.ipv4.tcp_orphan_retries` (0 means 8 while the RTO is not maxed out) ends orphans sooner only when their probes go unanswered; it does not shorten the wait for a peer that keeps answering with a zero window',
        'zh-cn': '调低 `net.ipv4.tcp_orphan_retries`（0 表示在 RTO 未到上限时取 8）只能让探测得不到应答的孤儿更早结束；对一直以零窗口应答的对端，它不会缩短等待',
        tunes: [
          {
            key: ORPHAN_RETRIES,
            wants: 'lower',
            done: {
              en: '`net.ipv4.tcp_orphan_retries` is already set to {value} at {when}: that ends orphans whose probes go unanswered sooner, not those whose peer keeps answering with a zero window; what remains is the reader that takes nothing',
              'zh-cn': '`net.ipv4.tcp_orphan_retries` 已于 {when}设为 {value}：这只会让探测得不到应答的孤儿更早结束，一直以零窗口应答的对端仍会留住它们；剩下的是不接收数据的对端',
            },
          },
        ],
      },
    ],
    source: TIMER_C,
  },
  'orphan-retransmits-unanswered': {
    message: {
      en: 'Likely cause: our FIN or data is never acknowledged — the peers are unreachable, or packets are dropped on the way (firewall, conntrack or NAT timeout). {state} sockets on the retransmission timer: {on}, with up to {retrans} retransmissions, against a budget of {budget} for orphans (tcp_orphan_retries {setting}). At the budget the kernel drops the socket without sending RST (TcpExtTCPAbortOnTimeout).',
      'zh-cn': '可能原因：我方的 FIN 或数据始终得不到确认——对端不可达，或报文在途中被丢弃（防火墙、conntrack 或 NAT 超时）。{on} 个 {state} 套接字挂在重传定时器上，重传最多 {retrans} 次，孤儿的重传预算为 {budget}（tcp_orphan_retries {setting}）。达到预算后内核直接丢弃套接字、不发送 RST（TcpExtTCPAbortOnTimeout）。',
    },
    check: [
      { en: '`tcpdump -nn host <peer>`: FINs retransmitted with no answer', 'zh-cn': '`tcpdump -nn host <对端>`：FIN 被重传却无应答' },
      { en: 'the path: firewall state tables, conntrack / NAT timeouts, the peer host itself', 'zh-cn': '路径：防火墙状态表、conntrack / NAT 超时、对端主机本身' },
      { en: '`nstat -az TcpExtTCPAbortOnTimeout` rising', 'zh-cn': '`nstat -az TcpExtTCPAbortOnTimeout` 是否在增长' },
    ],
    change: [
      { en: 'fix the path or the peer; the sockets clear themselves at the budget', 'zh-cn': '修复路径或对端；达到预算后这些套接字会自行清除' },
      {
        en: 'to free them sooner: lower `net.ipv4.tcp_orphan_retries` (e.g. 3)',
        'zh-cn': '想更早释放：调低 `net.ipv4.tcp_orphan_retries`（例如 3）',
        tunes: [
          {
            key: ORPHAN_RETRIES,
            wants: 'lower',
            done: {
              en: '`net.ipv4.tcp_orphan_retries` is already set to {value} at {when}: they are freed sooner; the path or the peer remains',
              'zh-cn': '`net.ipv4.tcp_orphan_retries` 已于 {when}设为 {value}：它们会更早释放；路径或对端的问题仍在',
            },
          },
        ],
      },
    ],
    source: TIMER_C,
  },
  'last-ack-fin-unacknowledged': {
    message: {
      en: 'Likely cause: the peer never acknowledges our FIN. LAST-ACK sockets retransmitting it: {on} (up to {retrans} times); the peer closed first, we answered with our FIN, and its final ACK does not arrive — the peer vanished, or a middlebox drops the FIN or the ACK (a peer that forgot the connection would answer with RST and end it). Almost always orphans, bounded by tcp_orphan_retries.',
      'zh-cn': '可能原因：对端始终不确认我方的 FIN。{on} 个 LAST-ACK 套接字在重传 FIN（最多 {retrans} 次）：对端先关闭，我方回了 FIN，但对端最后的 ACK 没有到达——对端已消失，或中间设备丢弃了 FIN 或 ACK（若对端已忘记该连接，会回 RST 并立即结束它）。几乎都是孤儿，受 tcp_orphan_retries 限制。',
    },
    check: [
      { en: '`tcpdump -nn host <peer>`: our FIN retransmitted, no ACK back', 'zh-cn': '`tcpdump -nn host <对端>`：我方 FIN 重传，没有 ACK 返回' },
      { en: 'firewall / conntrack timeouts for closing connections (LAST_ACK, CLOSE)', 'zh-cn': '防火墙 / conntrack 对关闭中连接（LAST_ACK、CLOSE）的超时设置' },
    ],
    change: [
      { en: 'fix the middlebox or peer', 'zh-cn': '修复中间设备或对端' },
      {
        en: 'lower `net.ipv4.tcp_orphan_retries` to free them sooner',
        'zh-cn': '调低 `net.ipv4.tcp_orphan_retries` 可更早释放',
        tunes: [
          {
            key: ORPHAN_RETRIES,
            wants: 'lower',
            done: {
              en: '`net.ipv4.tcp_orphan_retries` is already set to {value} at {when}: they are freed sooner; the middlebox or the peer remains',
              'zh-cn': '`net.ipv4.tcp_orphan_retries` 已于 {when}设为 {value}：它们会更早释放；中间设备或对端的问题仍在',
            },
          },
        ],
      },
    ],
    source: TIMER_C,
  },
  'close-wait-not-closed': {
    message: {
      en: 'Likely cause: our application does not close its sockets. {count} CLOSE-WAIT sockets{growth}{share}{procs}: the peer sent FIN and the application has not called close() — a descriptor leak or blocked workers. Not orphans: the fd is still open, and CLOSE-WAIT has no timer of its own (without close(), only keepalive with SO_KEEPALIVE on, a write that times out or a RST from the peer ends it).',
      'zh-cn': '可能原因：我方应用没有关闭套接字。{count} 个 CLOSE-WAIT 套接字{growth}{share}{procs}：对端已发 FIN，应用却没有调用 close()——文件描述符泄漏或工作线程阻塞。这些不是孤儿：fd 仍打开，CLOSE-WAIT 也没有自己的定时器（不调用 close() 时，只有开启 SO_KEEPALIVE 后的保活、写超时或对端的 RST 会结束它）。',
    },
    check: [
      { en: '`ss -tanp state close-wait`: which process holds them', 'zh-cn': '`ss -tanp state close-wait`：哪个进程持有它们' },
      { en: '`ls -l /proc/<pid>/fd | grep -c socket`, `lsof -p <pid>`', 'zh-cn': '`ls -l /proc/<pid>/fd | grep -c socket`、`lsof -p <pid>`' },
    ],
    change: [
      { en: 'fix the application: close on EOF and on errors, set timeouts in the client/pool library; a restart only buys time. No sysctl helps.', 'zh-cn': '修复应用：读到 EOF 或出错时关闭连接，为客户端/连接池设置超时；重启只能争取时间。没有 sysctl 能解决。' },
    ],
    source: 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp.c',
  },
  'fin-wait-2-timewait-minisocks': {
    message: {
      en: 'Harmless: {timewait} of {timed} FIN-WAIT-2 sockets with a timer are on the timewait timer — timewait minisocks in the FIN-WAIT-2 sub-state, what a closed socket becomes here. The full socket is already gone; they count in sockstat `tw`, not `orphan`, and expire silently when their FIN-WAIT-2 timeout runs out: tcp_fin_timeout (or the socket\'s TCP_LINGER2) when it is 60 s or less, as with the default 60, else the part of it above 60 s.',
      'zh-cn': '无害：{timed} 个带定时器的 FIN-WAIT-2 套接字中有 {timewait} 个挂在 timewait 定时器上——处于 FIN-WAIT-2 子状态的 timewait minisock，已关闭的套接字在这一状态下通常就是这种形式。完整套接字已释放；它们计入 sockstat `tw` 而非 `orphan`，在 FIN-WAIT-2 超时到期时静默消失：超时（tcp_fin_timeout，或该套接字的 TCP_LINGER2）不超过 60 秒时（如默认的 60）就是这个超时，超过 60 秒时是其超出 60 秒的那部分。',
    },
    check: [
      { en: '`tw` against `tcp_max_tw_buckets`', 'zh-cn': '`tw` 与 `tcp_max_tw_buckets` 的比较' },
      { en: 'many of them: the peers sit in CLOSE-WAIT (their application does not close)', 'zh-cn': '数量很多时：对端处于 CLOSE-WAIT（对端应用没有关闭）' },
    ],
    change: [{ en: 'nothing on this host', 'zh-cn': '本机无需改动' }],
    source: 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/tcp_minisocks.c',
  },
  'fin-wait-2-held-open': {
    message: {
      en: 'FIN-WAIT-2 full sockets on the keepalive timer: {keepalive} of {timed} FIN-WAIT-2 sockets with a timer. A keepalive timer marks a full socket, not a timewait minisock, and two kinds can show it: an orphan whose FIN-WAIT-2 timeout is over 60 s, or a socket shut down for writing but not closed, with SO_KEEPALIVE on, which waits for the peer\'s FIN until close() or a failed keepalive ends it.{finNote} `ss -p` tells which these are.',
      'zh-cn': '挂在 keepalive 定时器上的 FIN-WAIT-2 完整套接字：{timed} 个带定时器的 FIN-WAIT-2 套接字中有 {keepalive} 个。keepalive 定时器说明这是完整套接字而不是 timewait minisock，可能是两种情况：FIN-WAIT-2 超时超过 60 秒的孤儿；或者只 shutdown 了写方向、没有 close() 且开启了 SO_KEEPALIVE 的套接字，它会一直等待对端的 FIN，直到 close() 或 keepalive 探测失败。{finNote}用 `ss -p` 可以分辨是哪一种。',
    },
    check: [
      {
        en: '`ss -tanpo state fin-wait-2`, as root: a socket with `users:(…)` is still open (shut down, not closed) and that process holds it; one without is an orphan. `ss -tanoe`: `ino:0` is an orphan too',
        'zh-cn': '以 root 执行 `ss -tanpo state fin-wait-2`：带 `users:(…)` 的套接字仍然打开（只 shutdown、没有 close），由该进程持有；没有的是孤儿。`ss -tanoe` 中 `ino:0` 的也是孤儿',
      },
      { en: 'the peers\' CLOSE-WAIT: their application does not close', 'zh-cn': '对端的 CLOSE-WAIT：对端应用没有关闭' },
    ],
    change: [
      { en: 'sockets still open: the application should close() after shutdown(), with a read timeout for the peer\'s FIN', 'zh-cn': '仍然打开的套接字：应用在 shutdown() 之后要 close()，并为等待对端 FIN 设置读超时' },
      { en: 'orphans: the peers that never send their FIN (their CLOSE-WAIT); a TCP_LINGER2 above 60 s set by the application keeps them longer', 'zh-cn': '孤儿：迟迟不发 FIN 的对端（对端的 CLOSE-WAIT）；应用设置的超过 60 秒的 TCP_LINGER2 会让它们留得更久' },
    ],
    source: TCP_C,
  },
  'fin-wait-2-orphans-waiting': {
    message: {
      en: 'Likely FIN-WAIT-2 orphans waiting for the peer\'s FIN: {keepalive} of {timed} FIN-WAIT-2 sockets with a timer are on the keepalive timer — full sockets, not timewait minisocks. With {fin}, above 60 s, an orphan stays a full socket for its FIN-WAIT-2 timeout − 60 s, then lives on as a timewait minisock for as long again: about 2 × (timeout − 60) s in all (the timeout is tcp_fin_timeout unless the socket sets TCP_LINGER2). A socket shut down but not closed, with SO_KEEPALIVE on, shows the same timer: `ss -p` tells them apart.',
      'zh-cn': '可能是在等待对端 FIN 的 FIN-WAIT-2 孤儿：{timed} 个带定时器的 FIN-WAIT-2 套接字中有 {keepalive} 个挂在 keepalive 定时器上——是完整套接字，不是 timewait minisock。在 {fin}（超过 60 秒）时，孤儿先以完整套接字存在“FIN-WAIT-2 超时 − 60 秒”，再以 timewait minisock 存在同样长的时间：总计约 2 × (超时 − 60) 秒（超时即 tcp_fin_timeout，除非该套接字设置了 TCP_LINGER2）。只 shutdown、没有 close() 且开启了 SO_KEEPALIVE 的套接字也显示同样的定时器：用 `ss -p` 可以分辨。',
    },
    check: [
      {
        en: '`ss -tanpo state fin-wait-2`, as root: a socket with `users:(…)` is still open (shut down, not closed); one without is an orphan',
        'zh-cn': '以 root 执行 `ss -tanpo state fin-wait-2`：带 `users:(…)` 的套接字仍然打开（只 shutdown、没有 close）；没有的是孤儿',
      },
      { en: '`sysctl net.ipv4.tcp_fin_timeout`; the peers\' CLOSE-WAIT', 'zh-cn': '`sysctl net.ipv4.tcp_fin_timeout`；对端的 CLOSE-WAIT' },
    ],
    change: [
      {
        en: '`net.ipv4.tcp_fin_timeout` ≤ 60 turns orphans into minisocks at once (counted in `tw`, not `orphan`), unless TCP_LINGER2 or a long RTO keeps a socket\'s own timeout above 60 s',
        'zh-cn': '`net.ipv4.tcp_fin_timeout` ≤ 60 会让孤儿立即变为 timewait minisock（计入 `tw` 而非 `orphan`），除非 TCP_LINGER2 或很大的 RTO 让某个套接字自己的超时仍超过 60 秒',
        tunes: [
          {
            key: 'net.ipv4.tcp_fin_timeout',
            wants: { atMost: 60 },
            done: {
              en: '`net.ipv4.tcp_fin_timeout` is already set to {value} at {when}: orphans that reach FIN-WAIT-2 from then on become minisocks at once (counted in `tw`, not `orphan`); what remains is the peers that do not send their FIN',
              'zh-cn': '`net.ipv4.tcp_fin_timeout` 已于 {when}设为 {value}：此后进入 FIN-WAIT-2 的孤儿会立即变为 timewait minisock（计入 `tw` 而非 `orphan`）；剩下的是迟迟不发 FIN 的对端',
            },
          },
        ],
      },
    ],
    source: TIMER_C,
  },
  'orphan-limit-pressure': {
    message: {
      en: '{head}: orphan {orphan} of tcp_max_orphans {max} ({pct}){level}.{trend} Two things each double the count an orphan is checked with: having sent no data for more than twice the RTO maximum (240 s by default) or used up its retries at the RTO maximum, and a soft ICMP error — so an orphan with one of them is reset above ½ of the limit, with both above ¼, and resets ("too many orphaned sockets", TcpExtTCPAbortOnMemory) start before the limit itself.',
      'zh-cn': '{head}：orphan {orphan}，占 tcp_max_orphans {max} 的 {pct}{level}。{trend}有两种情况各会让孤儿被检查时的计数翻倍：超过两倍 RTO 上限（默认 240 秒）未发送数据或在 RTO 上限时重试已用尽，以及收到过软 ICMP 错误——所以占其一的孤儿在超过上限的 ½ 时就会被重置，两者兼有则超过 ¼ 即被重置；因此重置（"too many orphaned sockets"、TcpExtTCPAbortOnMemory）在到达上限之前就会开始。',
    },
    past: {
      en: '{head} at {when}: orphan {orphan} of tcp_max_orphans {max} ({pct}){level}.{since} Two things each double the count an orphan is checked with: having sent no data for more than twice the RTO maximum (240 s by default) or used up its retries at the RTO maximum, and a soft ICMP error — so an orphan with one of them is reset above ½ of the limit, with both above ¼, and resets ("too many orphaned sockets", TcpExtTCPAbortOnMemory) start before the limit itself.',
      'zh-cn': '{head}：{when}时 orphan {orphan}，占 tcp_max_orphans {max} 的 {pct}{level}。{since}有两种情况各会让孤儿被检查时的计数翻倍：超过两倍 RTO 上限（默认 240 秒）未发送数据或在 RTO 上限时重试已用尽，以及收到过软 ICMP 错误——所以占其一的孤儿在超过上限的 ½ 时就会被重置，两者兼有则超过 ¼ 即被重置；因此重置（"too many orphaned sockets"、TcpExtTCPAbortOnMemory）在到达上限之前就会开始。',
    },
    check: [
      { en: '`nstat -az TcpExtTCPAbortOnMemory`, `dmesg | grep -i orphan`', 'zh-cn': '`nstat -az TcpExtTCPAbortOnMemory`、`dmesg | grep -i orphan`' },
      { en: 'which state holds the orphans (FIN-WAIT-1, LAST-ACK, CLOSING) and why (that state\'s own cause, when this report lists one)', 'zh-cn': '孤儿处于哪个状态（FIN-WAIT-1、LAST-ACK、CLOSING）以及原因（本报告列出该状态的原因时，见那一条）' },
    ],
    change: [
      { en: 'remove the reason orphans accumulate', 'zh-cn': '消除孤儿堆积的原因' },
      {
        en: 'raise `net.ipv4.tcp_max_orphans` only if memory allows (each orphan can hold up to about 64 KB)',
        'zh-cn': '仅在内存允许时调高 `net.ipv4.tcp_max_orphans`（每个孤儿最多可占约 64 KB）',
        tunes: [{ key: 'net.ipv4.tcp_max_orphans', wants: 'raise', done: MAX_ORPHANS_DONE }],
      },
    ],
    source: TIMER_C,
  },
  'tcp-memory-limit': {
    message: {
      en: 'Likely cause: {headline}. {detail}{trend}{log}',
      'zh-cn': '可能原因：{headline}。{detail}{trend}{log}',
    },
    past: {
      en: 'Likely cause: TCP was {state} at {when}: mem {mem} pages, tcp_mem[1] {pressure}, tcp_mem[2] {max} ({pct} of tcp_mem[2]).{since} Under pressure (above tcp_mem[1]) socket buffers stop growing until TCP memory is back below tcp_mem[0]; above tcp_mem[2] new buffer memory is refused, incoming data is dropped and orphans with unsent data are reset.{log}',
      'zh-cn': '可能原因：{when}时 TCP {state}：mem {mem} 页，tcp_mem[1] {pressure}，tcp_mem[2] {max}（为 tcp_mem[2] 的 {pct}）。{since}内存压力下（超过 tcp_mem[1]）套接字缓冲区不再增长，直到 TCP 内存回落到 tcp_mem[0] 以下；超过 tcp_mem[2] 后新的缓冲区内存会被拒绝，收到的数据被丢弃，有未发送数据的孤儿会被重置。{log}',
    },
    check: [
      { en: '`cat /proc/net/sockstat` `mem` against `sysctl net.ipv4.tcp_mem` (both in pages; × `getconf PAGESIZE` for bytes)', 'zh-cn': '`cat /proc/net/sockstat` 的 `mem` 与 `sysctl net.ipv4.tcp_mem` 比较（单位都是页，乘以 `getconf PAGESIZE` 得到字节数）' },
      { en: '`nstat -az TcpExtTCPMemoryPressures TcpExtTCPAbortOnMemory TcpExtTCPRcvQDrop` rising; `dmesg | grep tcp_mem`', 'zh-cn': '`nstat -az TcpExtTCPMemoryPressures TcpExtTCPAbortOnMemory TcpExtTCPRcvQDrop` 是否在增长；`dmesg | grep tcp_mem`' },
      { en: '`ss -tnm`: which sockets hold the memory (`skmem`) — a large Recv-Q is an application that does not read, a large Send-Q a peer that does not', 'zh-cn': '`ss -tnm`：哪些套接字占着内存（`skmem`）——Recv-Q 大是本机应用不读，Send-Q 大是对端不读' },
    ],
    change: [
      { en: 'remove what holds the memory (a reader that stopped, a flood of connections, orphans piling up: the other causes this report lists)', 'zh-cn': '消除占用内存的原因（停止读取的应用、连接洪峰、堆积的孤儿：见本报告列出的其他原因）' },
      {
        en: 'raise `net.ipv4.tcp_mem` only if the host has RAM to spare — its values are pages, not bytes',
        'zh-cn': '只有主机确有空闲内存时才调高 `net.ipv4.tcp_mem`——它的单位是页，不是字节',
        tunes: [{ key: 'net.ipv4.tcp_mem', wants: 'raise', done: TCP_MEM_DONE }],
      },
    ],
    source: 'https://elixir.bootlin.com/linux/v6.12/source/net/core/sock.c',
  },
  'time-wait-table-full': {
    message: {
      en: 'Likely cause: the TIME-WAIT table is full ({evidence}). At tcp_max_tw_buckets a closing connection gets no TIME-WAIT entry: it is destroyed at once and TcpExtTCPTimeWaitOverflow counts it (older kernels also log "time wait bucket table overflow"). Existing entries stay; the connections closed meanwhile lose what TIME-WAIT guards against, old duplicate segments reaching a new connection on the same ports.',
      'zh-cn': '可能原因：TIME-WAIT 表已满（{evidence}）。达到 tcp_max_tw_buckets 后，正在关闭的连接不再得到 TIME-WAIT 条目：它被立即销毁，并计入 TcpExtTCPTimeWaitOverflow（老内核还会打印 "time wait bucket table overflow"）。已有条目不受影响；这期间关闭的连接失去了 TIME-WAIT 的保护，旧的重复报文可能落到使用相同端口的新连接上。',
    },
    past: {
      en: 'Likely cause: the TIME-WAIT table was full at {when}: {evidence}.{since} At tcp_max_tw_buckets a closing connection gets no TIME-WAIT entry: it is destroyed at once and TcpExtTCPTimeWaitOverflow counts it (older kernels also log "time wait bucket table overflow"). Existing entries stay; the connections closed meanwhile lose what TIME-WAIT guards against, old duplicate segments reaching a new connection on the same ports.',
      'zh-cn': '可能原因：TIME-WAIT 表曾经满过：{when}时 {evidence}。{since}达到 tcp_max_tw_buckets 后，正在关闭的连接不再得到 TIME-WAIT 条目：它被立即销毁，并计入 TcpExtTCPTimeWaitOverflow（老内核还会打印 "time wait bucket table overflow"）。已有条目不受影响；这期间关闭的连接失去了 TIME-WAIT 的保护，旧的重复报文可能落到使用相同端口的新连接上。',
    },
    check: [
      { en: '`nstat -az TcpExtTCPTimeWaitOverflow` rising; `ss -tan state time-wait | awk \'{print $4}\' | sort | uniq -c | sort -rn | head`: the peers that churn', 'zh-cn': '`nstat -az TcpExtTCPTimeWaitOverflow` 是否在增长；`ss -tan state time-wait | awk \'{print $4}\' | sort | uniq -c | sort -rn | head`：哪些对端在频繁建连断连' },
    ],
    change: [
      { en: 'fewer short-lived connections (keep-alive, connection pools)', 'zh-cn': '减少短连接（keep-alive、连接池）' },
      {
        en: 'raise `net.ipv4.tcp_max_tw_buckets` if memory allows (each entry is a small timewait minisock)',
        'zh-cn': '内存允许时调高 `net.ipv4.tcp_max_tw_buckets`（每个条目只是一个小的 timewait minisock）',
        tunes: [
          {
            key: 'net.ipv4.tcp_max_tw_buckets',
            wants: 'raise',
            done: {
              en: '`net.ipv4.tcp_max_tw_buckets` is already set to {value} at {when}: watch `tw` against it and TcpExtTCPTimeWaitOverflow',
              'zh-cn': '`net.ipv4.tcp_max_tw_buckets` 已于 {when}设为 {value}：继续观察 `tw` 与它的差距以及 TcpExtTCPTimeWaitOverflow 是否还在增长',
            },
          },
        ],
      },
      { en: '`tcp_tw_reuse` helps outgoing connect() only', 'zh-cn': '`tcp_tw_reuse` 只对主动 connect() 有帮助' },
    ],
    source: 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/inet_timewait_sock.c',
  },
  'orphans-reset-by-kernel': {
    message: {
      en: 'The kernel is resetting orphans: {evidence}. Each is an orphan killed because the orphan count (with the idle / soft-error penalty) or TCP memory (tcp_mem[2]) was over its limit, usually with a RST — peers see resets on connections this host had already closed.',
      'zh-cn': '内核正在重置孤儿：{evidence}。每一次都是因为孤儿数量（含空闲/软错误惩罚）或 TCP 内存（tcp_mem[2]）超限而被杀掉的孤儿，通常伴随 RST——对端会在本机早已关闭的连接上收到重置。',
    },
    past: {
      en: 'The kernel reset orphans when it logged "{msg}" (line {line}): {meaning} The orphan it was checking was reset, usually with a RST, and counted in TcpExtTCPAbortOnMemory; the line is rate-limited, so one line can stand for many.{total}{sample}',
      'zh-cn': '内核打印 "{msg}"（第 {line} 行）时重置了孤儿：{meaning}它当时检查的那个孤儿被重置（通常发 RST），并计入 TcpExtTCPAbortOnMemory；这条日志是限速打印的，一行可能代表很多次。{total}{sample}',
    },
    check: [
      { en: 'orphan against ¼ / ½ of tcp_max_orphans, `mem` against tcp_mem[2]', 'zh-cn': 'orphan 与 tcp_max_orphans 的 ¼ / ½ 比较，`mem` 与 tcp_mem[2] 比较' },
    ],
    change: [
      { en: 'remove the reason orphans accumulate', 'zh-cn': '消除孤儿堆积的原因' },
      {
        en: 'then, if memory allows, for resets from the orphan count: raise `net.ipv4.tcp_max_orphans`',
        'zh-cn': '之后若内存允许，针对孤儿数导致的重置：调高 `net.ipv4.tcp_max_orphans`',
        tunes: [{ key: 'net.ipv4.tcp_max_orphans', wants: 'raise', done: MAX_ORPHANS_DONE }],
      },
      {
        en: 'for resets from TCP memory, if the host has RAM to spare: raise `net.ipv4.tcp_mem` (pages, not bytes)',
        'zh-cn': '针对 TCP 内存导致的重置，若主机确有空闲内存：调高 `net.ipv4.tcp_mem`（单位是页，不是字节）',
        tunes: [{ key: 'net.ipv4.tcp_mem', wants: 'raise', done: TCP_MEM_DONE }],
      },
    ],
    source: 'https://docs.kernel.org/networking/snmp_counter.html',
  },
  'orphan-resets-since-boot': {
    message: {
      en: 'TcpExtTCPAbortOnMemory = {n} since boot, in one reading: the kernel reset that many orphans (the orphan count with its penalty over tcp_max_orphans, or TCP memory over tcp_mem[2]) at some time since the host started. {now} A total since boot is history until a second reading shows it rising.',
      'zh-cn': 'TcpExtTCPAbortOnMemory = {n} 是开机以来的累计（只读了一次）：自主机启动以来的某个时候，内核重置过这么多孤儿（孤儿数含惩罚超过 tcp_max_orphans，或 TCP 内存超过 tcp_mem[2]）。{now}开机以来的累计只是历史，除非再读一次看到它在增长。',
    },
    check: [
      { en: '`nstat -az TcpExtTCPAbortOnMemory`, twice a minute apart: the difference is what happens now', 'zh-cn': '间隔一分钟执行两次 `nstat -az TcpExtTCPAbortOnMemory`：差值才是当前发生的' },
      { en: '`dmesg -T | grep -i -E \'orphan|tcp_mem\'`: when the resets were logged', 'zh-cn': '`dmesg -T | grep -i -E \'orphan|tcp_mem\'`：重置是什么时候记录的' },
    ],
    change: [{ en: 'nothing while it does not rise', 'zh-cn': '只要它不再增长，就无需改动' }],
    source: 'https://docs.kernel.org/networking/snmp_counter.html',
  },
  'listen-accept-queue-overflow': {
    message: {
      en: 'Likely cause: the application does not accept() connections as fast as they arrive, and the accept queue overflows.{evidence} For a listening socket ss shows the accept queue in Recv-Q and its limit in Send-Q (the backlog passed to listen(), capped by net.core.somaxconn); the queue is full when Recv-Q is above Send-Q. While it is full the kernel drops new SYNs and ignores the last ACK of handshakes that complete, sending the SYN-ACK again later (TcpExtListenOverflows, TcpExtListenDrops), or resets them when tcp_abort_on_overflow = 1. Clients see connects that stall or time out.',
      'zh-cn': '可能原因：应用 accept() 的速度跟不上新连接到达的速度，全连接队列（accept 队列）溢出。{evidence}对监听 socket，ss 的 Recv-Q 是全连接队列的当前长度，Send-Q 是它的上限（传给 listen() 的 backlog，不超过 net.core.somaxconn）；Recv-Q 大于 Send-Q 即队列已满。队列满时，内核丢弃新到的 SYN，并忽略已完成握手的最后一个 ACK，稍后再重发 SYN-ACK（TcpExtListenOverflows、TcpExtListenDrops）；若 tcp_abort_on_overflow = 1，则直接重置这些连接。客户端会看到连接建立卡住或超时。',
    },
    check: [
      { en: '`ss -lnt`, a few times: Recv-Q against Send-Q for each listener', 'zh-cn': '多执行几次 `ss -lnt`：逐个比较监听 socket 的 Recv-Q 与 Send-Q' },
      { en: '`nstat -az TcpExtListenOverflows TcpExtListenDrops`, twice a minute apart: the difference is what happens now (the values count since boot)', 'zh-cn': '间隔一分钟执行两次 `nstat -az TcpExtListenOverflows TcpExtListenDrops`：差值才是当前发生的（数值是开机以来的累计）' },
      { en: 'the application: is its accept loop blocked, its worker pool exhausted (thread dumps, event-loop stalls, GC pauses)?', 'zh-cn': '应用本身：accept 循环是否被阻塞、工作线程池是否耗尽（线程转储、事件循环卡顿、GC 停顿）？' },
    ],
    change: [
      { en: 'make the application accept faster: more acceptors or workers, nothing slow in the accept loop', 'zh-cn': '让应用更快地 accept：增加 acceptor 或工作线程，accept 循环里不做耗时操作' },
      {
        en: 'raise the backlog — the listen() argument and `net.core.somaxconn` together — only to absorb short bursts: a consumer that is too slow fills any queue',
        'zh-cn': '调大 backlog（listen() 的参数与 `net.core.somaxconn` 一起调）只适合吸收短暂的突发：消费太慢时，再大的队列也会被填满',
        tunes: [
          {
            key: 'net.core.somaxconn',
            wants: 'raise',
            done: {
              en: '`net.core.somaxconn` is already set to {value} at {when}: it only caps the backlog — the listen() argument must be raised too (and the listener reopened); a consumer that is too slow fills any queue',
              'zh-cn': '`net.core.somaxconn` 已于 {when}设为 {value}：它只是 backlog 的上限——listen() 的参数也要调大（并重新监听）；消费太慢时，再大的队列也会被填满',
            },
          },
        ],
      },
    ],
    source: INPUT_C,
  },
  'syn-queue-overflow': {
    message: {
      en: 'Likely cause: the SYN queue of a listener overflowed — a SYN flood, or more connection attempts at once than its backlog.{evidence} The SYN queue holds the half-open connections (SYN-RECV); it is full when they reach the listener\'s backlog (the listen() value capped by net.core.somaxconn; tcp_max_syn_backlog counts only with tcp_syncookies = 0). Then the kernel answers SYNs with cookies ("Sending cookies", tcp_syncookies = 1) or drops them ("Dropping request").{accept}',
      'zh-cn': '可能原因：某个监听 socket 的半连接队列（SYN 队列）溢出——SYN flood，或同一时间的连接请求超过了它的 backlog。{evidence}半连接队列存放尚未完成握手的连接（SYN-RECV）；其数量达到该监听 socket 的 backlog（listen() 的参数，不超过 net.core.somaxconn；只有 tcp_syncookies = 0 时才看 tcp_max_syn_backlog）即为满。此后内核用 SYN cookie 应答新的 SYN（"Sending cookies"，tcp_syncookies = 1），或丢弃它们（"Dropping request"）。{accept}',
    },
    check: [
      { en: '`ss -tn state syn-recv`: peers from many unrelated networks (often spoofed) point to a flood; your usual clients to a burst or to a full accept queue', 'zh-cn': '`ss -tn state syn-recv`：对端分散在大量不相关的网段（常为伪造地址）说明是 flood；都是平常的客户端则是突发，或全连接队列已满' },
      { en: "`nstat -az 'TcpExtTCPReqQFull*' 'TcpExtSyncookies*' TcpExtListenOverflows`, twice a minute apart", 'zh-cn': "间隔一分钟执行两次 `nstat -az 'TcpExtTCPReqQFull*' 'TcpExtSyncookies*' TcpExtListenOverflows`" },
      { en: '`ss -lnt`: the listener\'s Recv-Q against its Send-Q (the accept queue)', 'zh-cn': '`ss -lnt`：该监听 socket 的 Recv-Q 与 Send-Q（全连接队列）' },
    ],
    change: [
      {
        en: 'a flood: keep `net.ipv4.tcp_syncookies = 1` and filter upstream (provider scrubbing, rate limits)',
        'zh-cn': '遭遇 flood：保持 `net.ipv4.tcp_syncookies = 1`，并在上游过滤（运营商清洗、限速）',
        tunes: [
          {
            key: 'net.ipv4.tcp_syncookies',
            wants: { to: '1' },
            done: {
              en: '`net.ipv4.tcp_syncookies` is already set to {value} at {when}: keep it; a flood is filtered upstream (provider scrubbing, rate limits)',
              'zh-cn': '`net.ipv4.tcp_syncookies` 已于 {when}设为 {value}：保持它；flood 要在上游过滤（运营商清洗、限速）',
            },
          },
        ],
      },
      {
        en: 'lower `net.ipv4.tcp_synack_retries` so half-open entries expire sooner',
        'zh-cn': '调低 `net.ipv4.tcp_synack_retries` 让半连接更早过期',
        tunes: [
          {
            key: 'net.ipv4.tcp_synack_retries',
            wants: 'lower',
            done: {
              en: '`net.ipv4.tcp_synack_retries` is already set to {value} at {when}: half-open entries expire sooner',
              'zh-cn': '`net.ipv4.tcp_synack_retries` 已于 {when}设为 {value}：半连接会更早过期',
            },
          },
        ],
      },
      {
        en: 'legitimate bursts: raise the listen() backlog together with `net.core.somaxconn`',
        'zh-cn': '正常的突发流量：同时调大 listen() 的 backlog 和 `net.core.somaxconn`',
        tunes: [
          {
            key: 'net.core.somaxconn',
            wants: 'raise',
            done: {
              en: '`net.core.somaxconn` is already set to {value} at {when}: for legitimate bursts the listen() backlog must be raised with it',
              'zh-cn': '`net.core.somaxconn` 已于 {when}设为 {value}：应对正常的突发流量，还要同时调大 listen() 的 backlog',
            },
          },
        ],
      },
    ],
    source: INPUT_C,
  },
  'local-port-exhaustion': {
    message: {
      en: 'Likely cause: local ports run out for connections to one destination. {count} {what} (line {line}) against the {ports} ports of {range}.{dest} connect() takes its local port from this range and needs the whole 4-tuple (source address and port, destination address and port) to be unused: a port whose socket to a destination is in TIME-WAIT stays taken for that destination for 60 s, unless tcp_tw_reuse lets connect() reuse it ({reuse}), and stays free for every other destination. When no port is left for a destination, connect() to it fails with EADDRNOTAVAIL ("Cannot assign requested address").{errors}',
      'zh-cn': '可能原因：发往同一目的地的连接用尽了本地端口。{count} {what}（第 {line} 行），对照 {ports} 个端口的范围{range}。{dest}connect() 从这个范围中取本地端口，并要求整个四元组（源地址和端口、目的地址和端口）未被占用：某个端口上发往某目的地的套接字处于 TIME-WAIT 时，该端口对这个目的地在 60 秒内都不可用，除非 tcp_tw_reuse 允许 connect() 复用它（{reuse}）；对其他目的地它仍然可用。某个目的地已没有可用端口时，connect() 连接它会返回 EADDRNOTAVAIL（"Cannot assign requested address"）。{errors}',
    },
    check: [
      { en: "`ss -tan state time-wait | awk 'NR>1 {print $4}' | sort | uniq -c | sort -rn | head`: TIME-WAIT per destination (address:port); only one close to the range runs out", 'zh-cn': "`ss -tan state time-wait | awk 'NR>1 {print $4}' | sort | uniq -c | sort -rn | head`：按目的地（地址:端口）统计 TIME-WAIT；只有接近端口范围大小的那个目的地会耗尽" },
      { en: '`sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse net.ipv4.tcp_timestamps`', 'zh-cn': '`sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse net.ipv4.tcp_timestamps`' },
      { en: 'does the client bind() before connect()? A port taken by bind() serves no other destination (unless IP_BIND_ADDRESS_NO_PORT)', 'zh-cn': '客户端是否在 connect() 之前先 bind()？被 bind() 占用的端口不会再分给其他目的地（除非设置 IP_BIND_ADDRESS_NO_PORT）' },
    ],
    change: [
      { en: 'reuse connections: a pool or keep-alive in the client (the fix); TIME-WAIT stays on the side that closes first', 'zh-cn': '复用连接：客户端使用连接池或 keep-alive（根本解决）；TIME-WAIT 留在先关闭的一方' },
      {
        en: 'widen `net.ipv4.ip_local_port_range` (keep the ports your services listen on out of it, or list them in `ip_local_reserved_ports`)',
        'zh-cn': '扩大 `net.ipv4.ip_local_port_range`（避开本机服务监听的端口，或把它们写进 `ip_local_reserved_ports`）',
        tunes: [
          {
            key: 'net.ipv4.ip_local_port_range',
            wants: 'raise',
            done: {
              en: '`net.ipv4.ip_local_port_range` is already set to {value} at {when}: more ports only buy time while each request opens a new connection (keep the ports your services listen on out of it)',
              'zh-cn': '`net.ipv4.ip_local_port_range` 已于 {when}设为 {value}：只要每个请求都新建连接，多出的端口只能争取时间（注意避开本机服务监听的端口）',
            },
          },
        ],
      },
      {
        en: '`net.ipv4.tcp_tw_reuse = 1` lets outgoing connections take a TIME-WAIT port (needs TCP timestamps); not tcp_tw_recycle (removed in 4.12), not tcp_fin_timeout (it does not shorten TIME-WAIT)',
        'zh-cn': '`net.ipv4.tcp_tw_reuse = 1` 让主动发起的连接复用 TIME-WAIT 端口（需要 TCP 时间戳）；不要用 tcp_tw_recycle（4.12 已移除），也不要改 tcp_fin_timeout（它不会缩短 TIME-WAIT）',
        tunes: [
          {
            key: 'net.ipv4.tcp_tw_reuse',
            wants: { to: '1' },
            done: {
              en: '`net.ipv4.tcp_tw_reuse` is already set to {value} at {when}: outgoing connections may take a TIME-WAIT port (with TCP timestamps); not tcp_tw_recycle (removed in 4.12), not tcp_fin_timeout (it does not shorten TIME-WAIT)',
              'zh-cn': '`net.ipv4.tcp_tw_reuse` 已于 {when}设为 {value}：主动发起的连接可以复用 TIME-WAIT 端口（需要 TCP 时间戳）；不要用 tcp_tw_recycle（4.12 已移除），也不要改 tcp_fin_timeout（它不会缩短 TIME-WAIT）',
            },
          },
        ],
      },
    ],
    source: 'https://elixir.bootlin.com/linux/v6.12/source/net/ipv4/inet_hashtables.c',
  },
};
