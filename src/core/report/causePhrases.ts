/**
 * The small phrases the cause rules splice into their texts (causeTexts.ts holds the texts themselves), in English
 * and Chinese: a peer network, a destination, a setting read later, a level. Pure: no `vscode`, no Node built-ins.
 */
import type { Localized } from '../catalogue/types';

/** Small phrases the rules splice in. */
export const PHRASE = {
  network: {
    en: ' {count} of {listed} peers are in {prefix}: one client network.',
    'zh-cn': ' {listed} 个对端中有 {count} 个位于 {prefix}：集中在同一个客户端网络。',
  },
  growth: { en: ', growing from {from} to {to} between samples', 'zh-cn': '，在各次采样间从 {from} 增长到 {to}' },
  cwShare: { en: ' ({pct} of the ESTABLISHED and CLOSE-WAIT sockets in that output)', 'zh-cn': '（占该输出中 ESTABLISHED 与 CLOSE-WAIT 套接字的 {pct}）' },
  counterRose: { en: ' {name} rose from {from} to {to} between readings.', 'zh-cn': '{name} 在两次读数间从 {from} 增长到 {to}。' },
  counterCounted: {
    en: ' {name} counted {n} since the nstat run before the one at line {line} (nstat without -a prints increments).',
    'zh-cn': '{name} 在第 {line} 行那次 nstat 与上一次之间计了 {n} 次（不带 -a 的 nstat 打印的是增量）。',
  },
  fullListener: { en: 'port {port} (Recv-Q {recvQ} above Send-Q {sendQ}, line {line})', 'zh-cn': '端口 {port}（Recv-Q {recvQ} 大于 Send-Q {sendQ}，第 {line} 行）' },
  fullListeners: { en: ' Full accept queue on {rows}.', 'zh-cn': '{rows}的全连接队列已满。' },
  listSep: { en: '; ', 'zh-cn': '；' },
  synLog: {
    en: ' The kernel log in the note has "Possible SYN flooding" (printed once per listener, at its first overflow).',
    'zh-cn': '笔记中的内核日志有 "Possible SYN flooding"（每个监听 socket 只在第一次溢出时打印一次）。',
  },
  synFromAccept: {
    en: ' The accept queue overflows too (see the LISTEN cause): a handshake whose last ACK is dropped for that reason keeps its entry in the SYN queue, so a full accept queue can fill the SYN queue by itself, flood or not — the peers of the SYN-RECV sockets tell which.',
    'zh-cn': '全连接队列也在溢出（见 LISTEN 的原因）：最后一个 ACK 被丢弃的握手仍占着半连接队列中的位置，所以全连接队列满了本身就能填满半连接队列，不论有没有 flood——SYN-RECV 套接字的对端能说明是哪一种。',
  },
  twSockets: { en: 'sockets in TIME-WAIT', 'zh-cn': '个 TIME-WAIT 套接字' },
  twMinisocks: { en: 'timewait sockets (sockstat tw: TIME-WAIT and FIN-WAIT-2 minisocks)', 'zh-cn': '个 timewait 套接字（sockstat tw：TIME-WAIT 与 FIN-WAIT-2 的 minisock）' },
  portRange: { en: 'ip_local_port_range {lo}–{hi}{later}', 'zh-cn': ' ip_local_port_range {lo}–{hi}{later}' },
  portRangeDefault: {
    en: 'the default {lo}–{hi}: the note shows no ip_local_port_range reading at that sample',
    'zh-cn': '默认的 {lo}–{hi}（笔记中该采样处没有 ip_local_port_range 的读数）',
  },
  oneDestination: { en: ' {count} of {listed} listed TIME-WAIT sockets go to {where}: one destination.', 'zh-cn': '列出的 {listed} 个 TIME-WAIT 套接字中有 {count} 个发往 {where}：同一个目的地。' },
  tallyAddress: {
    en: ' {count} of {sockets} TIME-WAIT sockets go to {where} (count per destination address, line {line}); it does not show their ports, and the limit is per address and port.',
    'zh-cn': '{sockets} 个 TIME-WAIT 套接字中有 {count} 个发往 {where}（第 {line} 行按目的地址统计）；统计里没有端口，而上限是按地址加端口计算的。',
  },
  tallyDestination: {
    en: ' {count} of {sockets} TIME-WAIT sockets go to {where} (count per destination, line {line}): one destination.',
    'zh-cn': '{sockets} 个 TIME-WAIT 套接字中有 {count} 个发往 {where}（第 {line} 行的按目的地统计）：同一个目的地。',
  },
  filteredDestination: {
    en: ' The TIME-WAIT listing in the note was filtered on an address, a port or another pattern, so it cannot show where most of them go: the limit is per destination, so it bites only where most of them go to one address and port.',
    'zh-cn': '笔记中的 TIME-WAIT 列表按地址、端口或其他条件过滤过，看不出它们大多发往哪里：端口限制按目的地计算，只有当它们大多发往同一个地址和端口时才会耗尽。',
  },
  noDestination: {
    en: ' The note does not show where they go: the limit is per destination, so it bites only where most of them go to one address and port.',
    'zh-cn': '笔记没有显示它们发往哪里：端口限制按目的地计算，只有当它们大多发往同一个地址和端口时才会耗尽。',
  },
  reuseUnknown: { en: 'tcp_tw_reuse is not in the note; its default 2 reuses only for loopback connections', 'zh-cn': '笔记中没有 tcp_tw_reuse；其默认值 2 只对回环连接复用' },
  reuseNotYet: {
    en: 'the note gives no tcp_tw_reuse at that sample, and its default 2 reuses only for loopback connections',
    'zh-cn': '笔记在该采样处没有给出 tcp_tw_reuse，其默认值 2 只对回环连接复用',
  },
  changedLater: { en: '; set to {v} later in the note', 'zh-cn': '；笔记后文设为 {v}' },
  portsSince: {
    en: ' Since the change, the latest sample (line {line}) shows {count} in TIME-WAIT against {ports} ports, with tcp_tw_reuse = {reuse}: no longer short of ports.',
    'zh-cn': '改动之后，最近的采样（第 {line} 行）有 {count} 个 TIME-WAIT，端口共 {ports} 个，tcp_tw_reuse = {reuse}：端口已不再紧张。',
  },
  connectError: {
    en: ' The note quotes connect() failing with "Cannot assign requested address" (line {line}).',
    'zh-cn': '笔记中引用了 connect() 失败的报错 "Cannot assign requested address"（第 {line} 行）。',
  },
  procs: { en: ' ({names})', 'zh-cn': '（{names}）' },
  /** One process and how many of the listed sockets it holds (`java ×5` read as five processes). */
  procHolds: { en: '{name} holds {n}', 'zh-cn': '{name} 持有 {n} 个' },
  default: { en: 'not in the note; at the default 0 it means 8 while the RTO is not maxed out', 'zh-cn': '笔记中没有；按默认值 0，RTO 未到上限时取 8' },
  levelQuarter: { en: ', above ¼', 'zh-cn': '，超过 ¼' },
  levelHalf: { en: ', above ½', 'zh-cn': '，超过 ½' },
  levelOver: { en: ', over the limit', 'zh-cn': '，超过上限' },
  levelLow: { en: ', below ¼', 'zh-cn': '，低于 ¼' },
  trend: { en: ' Growing {rate} a minute: {parts}.', 'zh-cn': '每分钟增长 {rate}：{parts}。' },
  passed: { en: '{what} already passed', 'zh-cn': '已超过 {what}' },
  inMin: { en: '{what} in {m} min', 'zh-cn': '{m} 分钟后到 {what}' },
  limit: { en: 'the limit', 'zh-cn': '上限' },
  sep: { en: ', ', 'zh-cn': '，' },
  /** FIN-WAIT-2 on keepalive with tcp_fin_timeout ≤ 60 in effect ({fin}): what still makes an orphan's timeout longer (tcp_fin_time). */
  finAtMost60: {
    en: ' With {fin} (60 s or less), an orphan gets a longer timeout only from TCP_LINGER2 on its socket (up to 120 s) or from a retransmission timeout above about 17 s (the timeout is never less than 3.5 × RTO, e.g. after its FIN was retransmitted several times); otherwise it would already be a minisock, so sockets still open are the likelier kind.',
    'zh-cn': '在 {fin}（不超过 60 秒）时，孤儿只有在其套接字设置了 TCP_LINGER2（最大 120 秒）或重传超时超过约 17 秒（超时不会小于 3.5 倍 RTO，例如 FIN 被重传多次之后）时才会有更长的超时；否则它早已变为 minisock，所以更可能是仍然打开的套接字。',
  },
  /** The same without a tcp_fin_timeout in effect at the sample ({later}: a value the note reads only after it). */
  finNotAtSample: {
    en: ' The note shows no tcp_fin_timeout in effect at the sample{later}; at the default 60 an orphan gets a longer timeout only from TCP_LINGER2 on its socket (up to 120 s) or from a retransmission timeout above about 17 s (the timeout is never less than 3.5 × RTO).',
    'zh-cn': '笔记中没有采样时生效的 tcp_fin_timeout{later}；在默认值 60 下，孤儿只有在其套接字设置了 TCP_LINGER2（最大 120 秒）或重传超时超过约 17 秒（超时不会小于 3.5 倍 RTO）时才会有更长的超时。',
  },
  finLater: { en: ' ({fin}, read later in the note)', 'zh-cn': '（{fin}，取自笔记后文）' },
  readLater: { en: ', read later in the note', 'zh-cn': '，取自笔记后文' },
  headNear: { en: 'Orphans near a kernel limit', 'zh-cn': '孤儿接近内核上限' },
  mainOrphanState: {
    en: ' Of the {total} sockets counted in states that can be orphans, {state} holds {n} ({pct}): look there first.',
    'zh-cn': '在可能成为孤儿的状态中共计数到 {total} 个套接字，其中 {state} 有 {n} 个（{pct}）：先从它查起。',
  },
  headAt: { en: 'Orphans at the kernel limit', 'zh-cn': '孤儿已达到内核上限' },
  headOver: { en: 'Orphans over the kernel limit', 'zh-cn': '孤儿已超过内核上限' },
  memOverHead: { en: 'TCP is out of memory', 'zh-cn': 'TCP 内存耗尽' },
  twFull: { en: 'tw {tw} of tcp_max_tw_buckets {max}', 'zh-cn': 'tw {tw}，tcp_max_tw_buckets 为 {max}' },
  twFullLog: { en: 'the kernel log has "time wait bucket table overflow"', 'zh-cn': '内核日志中有 "time wait bucket table overflow"' },
  memOver: {
    en: 'mem {mem} pages is over the hard limit tcp_mem[2] {max} ({pct}). Above it the kernel refuses TCP new buffer memory: incoming data is dropped unless the socket has nothing queued yet (the peers must retransmit it; TcpExtTCPRcvQDrop), writes wait for memory, and orphans still holding unsent data are reset at close() or when their timer fires ("TCP: out of memory -- consider tuning tcp_mem", TcpExtTCPAbortOnMemory).',
    'zh-cn': 'mem {mem} 页，已超过硬上限 tcp_mem[2] {max}（{pct}）。超过它后内核不再给 TCP 分配新的缓冲区内存：收到的数据除非该套接字接收队列为空，否则被丢弃（对端只能重传；TcpExtTCPRcvQDrop），写操作要等待内存，仍有未发送数据的孤儿会在 close() 时或其定时器触发时被重置（"TCP: out of memory -- consider tuning tcp_mem"，TcpExtTCPAbortOnMemory）。',
  },
  memPressureHead: { en: 'TCP is under memory pressure', 'zh-cn': 'TCP 处于内存压力' },
  memPressure: {
    en: 'mem {mem} pages is above tcp_mem[1] {pressure} ({pct} of tcp_mem[2] {max}). Under pressure socket buffers stop growing and a socket gets more memory only within its minimum (tcp_rmem[0] / tcp_wmem[0]) or its share of tcp_mem[2], so throughput drops; the pressure lasts until TCP memory is back below tcp_mem[0]. Above tcp_mem[2] new buffer memory is refused and orphans with unsent data are reset.',
    'zh-cn': 'mem {mem} 页，超过 tcp_mem[1] {pressure}（为 tcp_mem[2] {max} 的 {pct}）。内存压力下套接字缓冲区不再增长，套接字只能在其最小值（tcp_rmem[0] / tcp_wmem[0]）或其在 tcp_mem[2] 中的份额之内获得更多内存，吞吐因此下降；直到 TCP 内存回落到 tcp_mem[0] 以下压力才解除。超过 tcp_mem[2] 后新的缓冲区内存会被拒绝，有未发送数据的孤儿会被重置。',
  },
  memTrend: { en: ' Growing {rate} pages a minute: tcp_mem[2] in {m} min.', 'zh-cn': '每分钟增长 {rate} 页：{m} 分钟后到 tcp_mem[2]。' },
  memLog: {
    en: ' The kernel log in the note has "TCP: out of memory -- consider tuning tcp_mem": TCP memory was over tcp_mem[2] when it was printed.',
    'zh-cn': '笔记中的内核日志有 "TCP: out of memory -- consider tuning tcp_mem"：打印它时 TCP 内存已超过 tcp_mem[2]。',
  },
  when: { en: '{time} (line {line})', 'zh-cn': '{time}（第 {line} 行）' },
  whenLine: { en: 'line {line}', 'zh-cn': '第 {line} 行' },
  since: { en: ' Since then: {parts}.', 'zh-cn': '此后：{parts}。' },
  latestShows: { en: 'the latest sample, {when}, shows {now}', 'zh-cn': '{when}的最近一次采样为 {now}' },
  setAt: { en: '{name} set to {value} at {when}', 'zh-cn': '{name} 于 {when}设为 {value}' },
  nowOrphan: { en: 'orphan {o} of {max} ({pct})', 'zh-cn': 'orphan {o}，上限 {max}（{pct}）' },
  nowTw: { en: 'tw {tw} of {max} ({pct})', 'zh-cn': 'tw {tw}，上限 {max}（{pct}）' },
  memOverState: { en: 'out of memory (over tcp_mem[2])', 'zh-cn': '内存耗尽（超过 tcp_mem[2]）' },
  memPressureState: { en: 'under memory pressure (above tcp_mem[1])', 'zh-cn': '处于内存压力（超过 tcp_mem[1]）' },
  nowMem: { en: 'mem {mem} pages of tcp_mem[2] {max} ({pct})', 'zh-cn': 'mem {mem} 页，tcp_mem[2] {max}（{pct}）' },
  headOverPast: { en: 'Orphans were over the kernel limit', 'zh-cn': '孤儿曾超过内核上限' },
  headAtPast: { en: 'Orphans were at the kernel limit', 'zh-cn': '孤儿曾达到内核上限' },
  headNearPast: { en: 'Orphans were near a kernel limit', 'zh-cn': '孤儿曾接近内核上限' },
  abortRose: { en: 'TcpExtTCPAbortOnMemory rose from {from} to {to} between readings', 'zh-cn': 'TcpExtTCPAbortOnMemory 在两次读数间从 {from} 增长到 {to}' },
  abortCounted: { en: 'TcpExtTCPAbortOnMemory counted {n} since the nstat run before the one at line {line}', 'zh-cn': 'TcpExtTCPAbortOnMemory 在第 {line} 行那次 nstat 与上一次之间计了 {n} 次' },
  abortWithOrphans: {
    en: 'At the latest sample orphan {o} is above ¼ of tcp_max_orphans {max} ({pct}), where the kernel starts resetting the orphans it penalises: resets may be going on now, but one reading cannot tell.',
    'zh-cn': '最近一次采样中 orphan {o} 已超过 tcp_max_orphans {max} 的 ¼（{pct}），到了这个程度内核会开始重置受惩罚的孤儿：现在可能仍在重置，但只读一次无法判断。',
  },
  abortWithMem: {
    en: 'At the latest sample TCP memory is over tcp_mem[2] (mem {mem} pages of {max}), where the kernel resets orphans that still hold queued data: resets may be going on now, but one reading cannot tell.',
    'zh-cn': '最近一次采样中 TCP 内存已超过 tcp_mem[2]（mem {mem} 页，上限 {max}），此时内核会重置仍有排队数据的孤儿：现在可能仍在重置，但只读一次无法判断。',
  },
  abortNothingNow: { en: 'Nothing in the note shows it happening now{low}.', 'zh-cn': '笔记中没有迹象表明现在仍在发生{low}。' },
  abortNow: { en: ' (orphan {o} of tcp_max_orphans {max}, {pct}, below ¼)', 'zh-cn': '（orphan {o}，占 tcp_max_orphans {max} 的 {pct}，低于 ¼）' },
  abortTotal: { en: ' TcpExtTCPAbortOnMemory = {n} since boot.', 'zh-cn': 'TcpExtTCPAbortOnMemory 开机以来为 {n}。' },
  logOrphans: {
    en: 'the orphan count — doubled for an orphan that had sent no data for over twice the RTO maximum (240 s by default) or had used up its retries at the RTO maximum, doubled again after a soft ICMP error — was over tcp_max_orphans, so more than ¼ of the limit was orphaned then.',
    'zh-cn': '孤儿数超过了 tcp_max_orphans，所以当时的孤儿数超过上限的 ¼：计数时，超过两倍 RTO 上限（默认 240 秒）未发送数据、或在 RTO 上限时重试已用尽的孤儿按两倍计，收到过软 ICMP 错误的再翻一倍。',
  },
  logMem: { en: 'TCP memory was over tcp_mem[2] and the orphan still had data queued.', 'zh-cn': 'TCP 内存超过了 tcp_mem[2]，而该孤儿仍有排队数据。' },
  logEither: {
    en: 'an old kernel\'s single message for either limit: the orphan count (with its penalty) over tcp_max_orphans, or TCP memory over tcp_mem[2].',
    'zh-cn': '老内核对两种上限共用的报错：孤儿数（含惩罚）超过 tcp_max_orphans，或 TCP 内存超过 tcp_mem[2]。',
  },
  logHigher: {
    en: ' The sample at {when} shows orphan {o} of tcp_max_orphans {max} ({pct}), below ¼: the orphan count was higher when it was printed, or the limit lower.',
    'zh-cn': '{when}的采样为 orphan {o}，占 tcp_max_orphans {max} 的 {pct}，低于 ¼：打印它时孤儿数比这次采样时多，或当时的上限更低。',
  },
} as const satisfies Record<string, Localized>;
