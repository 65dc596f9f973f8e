/**
 * The words of the diagnosis template, per variant and language. Facts come from
 * ../shared/docs/tcp-orphan-facts.md (§2.3–§2.7, §3, §4); the wording is our own.
 * Things the facts mark as unverified are not asserted (no Kconfig name for `ss -K`, no kernel
 * version for the removal of the tw-overflow log line, no merge status for the 2025 FIN-WAIT-1
 * fix, nothing attributed to the two Aliyun articles beyond their titles).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import type { Block, TableRow } from './doc';
import { bullets, code, p, tasks } from './doc';
import type { TemplateSymptom } from './variants';

/** The six H3 sections, in order. */
export const SECTION_TITLES: Readonly<Record<Lang, readonly string[]>> = {
  en: ['Symptoms', 'Snapshot', 'State checks', 'Analysis', 'Remediation', 'References'],
  'zh-cn': ['现象', '现场快照', '分状态检查', '分析', '处置', '参考资料'],
};

/** Placeholder texts of tab stops 1..4. */
export const PLACEHOLDERS: Readonly<Record<Lang, readonly [string, string, string, string]>> = {
  en: ['host', 'time', 'kernel version', 'symptom'],
  'zh-cn': ['主机', '时间', '内核版本', '现象'],
};

export interface VariantBody {
  /** Blockquote paragraphs right under the title (used to say plainly what is / is not an orphan). */
  readonly notice?: readonly string[];
  readonly symptoms: readonly string[];
  readonly checks: readonly Block[];
  readonly analysis: readonly Block[];
  /** Checklist items, each starting with a bold Safe / Use with care / Does not help / Dangerous tag. */
  readonly remediation: readonly string[];
  readonly extraReferences: readonly string[];
}

type T = (en: string, zh: string) => string;

const translator =
  (lang: Lang): T =>
  (en, zh) =>
    lang === 'en' ? en : zh;

/** Per-destination count for a single-state listing (`ss -H … state X` has no State column: peer = field 4). */
export function topPeersCommand(ssState: string): string {
  return `ss -Htan state ${ssState} | awk '{sub(/:[^:]*$/, "", $4); c[$4]++} END {for (p in c) print c[p], p}' | sort -rn | head`;
}

export const SNAPSHOT_COMMANDS = {
  kernel: 'uname -r',
  sockstat: 'cat /proc/net/sockstat',
  sysctl:
    'sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem net.ipv4.tcp_orphan_retries net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_tw_buckets net.ipv4.tcp_retries2',
  pageSize: 'getconf PAGESIZE',
  summary: 'ss -s',
  perState: "ss -tan | awk 'NR>1 {c[$1]++} END {for (s in c) print s, c[s]}'",
  counters: "nstat -az 'TcpExtTCPAbortOn*' TcpExtTCPTimeWaitOverflow",
  log: "dmesg -T | grep -i -E 'orphan|tcp_mem|socket memory'",
} as const;

export function snapshotHeader(lang: Lang): readonly [string, string, string] {
  return lang === 'en' ? ['What', 'Command', 'Value'] : ['项目', '命令', '取值'];
}

export function snapshotHint(lang: Lang): string {
  return translator(lang)(
    'Run as root, otherwise `ss -p` and `dmesg` may show less. Put the key numbers in the Value column; paste full output below the table when it matters.',
    '建议用 root 执行，否则 `ss -p` 和 `dmesg` 可能看不全。“取值”列只填关键数字，需要时把完整输出贴在表格下方。',
  );
}

/** The snapshot table's rows; `values` (by row key) fills the Value column. */
export function snapshotRows(lang: Lang, values: Readonly<Partial<Record<keyof typeof SNAPSHOT_COMMANDS, string>>> = {}): readonly TableRow[] {
  const t = translator(lang);
  const c = SNAPSHOT_COMMANDS;
  const rows: [keyof typeof SNAPSHOT_COMMANDS, string][] = [
    ['kernel', t('Kernel', '内核版本')],
    ['sockstat', t('Socket counters: `orphan`, `tw`, `mem` (pages)', 'socket 计数：`orphan`、`tw`、`mem`（单位：页）')],
    ['sysctl', t('Limits and timeouts', '相关上限与超时参数')],
    ['pageSize', t('Page size (unit of `mem` and `tcp_mem`)', '页大小（`mem` 与 `tcp_mem` 的单位）')],
    ['summary', t('Summary', '汇总')],
    ['perState', t('Sockets per state', '各状态 socket 数')],
    ['counters', t('Abort counters', '连接中止计数器')],
    ['log', t('Kernel log', '内核日志')],
  ];
  return rows.map(([key, what]) => ({ what, command: c[key], ...(values[key] ? { value: values[key] } : {}) }));
}

/** The line put at the top of the Analysis section when the note's evidence shows a likely cause. */
export function likelyCauseLine(lang: Lang, message: string, source: string): string {
  return translator(lang)(`**Likely cause (from the note's evidence):** ${message} ([source](${source}))`, `**可能原因（依据笔记中的证据）：** ${message}（[来源](${source})）`);
}

export function metaLine(lang: Lang): { kernelLabel: string; symptomLabel: string } {
  return lang === 'en'
    ? { kernelLabel: '**Kernel:** ', symptomLabel: ' · **Observed:** ' }
    : { kernelLabel: '**内核：** ', symptomLabel: ' · **表现：** ' };
}

export function commonReferences(lang: Lang): readonly string[] {
  const t = translator(lang);
  return [
    t(
      '[ip-sysctl.rst (Linux kernel documentation)](https://docs.kernel.org/networking/ip-sysctl.html): `tcp_max_orphans`, `tcp_mem`, `tcp_orphan_retries`, `tcp_fin_timeout`, `tcp_max_tw_buckets`, `tcp_retries2`',
      '[ip-sysctl.rst（Linux 内核文档）](https://docs.kernel.org/networking/ip-sysctl.html)：`tcp_max_orphans`、`tcp_mem`、`tcp_orphan_retries`、`tcp_fin_timeout`、`tcp_max_tw_buckets`、`tcp_retries2`',
    ),
    t(
      '[snmp_counter.rst (Linux kernel documentation)](https://docs.kernel.org/networking/snmp_counter.html): what each `TcpExtTCPAbortOn*` counter means',
      '[snmp_counter.rst（Linux 内核文档）](https://docs.kernel.org/networking/snmp_counter.html)：各个 `TcpExtTCPAbortOn*` 计数器的含义',
    ),
    t(
      '[tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html): the TCP sysctls and socket options',
      '[tcp(7)](https://man7.org/linux/man-pages/man7/tcp.7.html)：TCP 相关 sysctl 与 socket 选项',
    ),
    t(
      '[ss(8)](https://man7.org/linux/man-pages/man8/ss.8.html): state filters, `-o` timers, `-i`, `-p`, `-K`',
      '[ss(8)](https://man7.org/linux/man-pages/man8/ss.8.html)：状态过滤、`-o` 定时器、`-i`、`-p`、`-K`',
    ),
    t(
      '[RFC 9293, Transmission Control Protocol](https://www.rfc-editor.org/rfc/rfc9293): §3.3.2, the state diagram',
      '[RFC 9293, Transmission Control Protocol](https://www.rfc-editor.org/rfc/rfc9293)：§3.3.2 状态转换图',
    ),
    '[[原创]结合案例深入解析orphan socket产生与消亡（一）](https://yq.aliyun.com/articles/91966)',
    '[结合案例深入解析orphan socket产生与消亡（二）](https://yq.aliyun.com/articles/92925)' +
      t(
        ' (Aliyun Yunqi, as cited in the original note; yq.aliyun.com has moved to developer.aliyun.com, links not re-checked)',
        '（阿里云云栖社区，原笔记引用的地址；yq.aliyun.com 已迁到 developer.aliyun.com，链接未重新核对）',
      ),
  ];
}

/** Remediation items shared by every variant: the knobs that do harm. */
function dangerousKnobs(t: T): string[] {
  return [
    t(
      '**Dangerous:** `sysctl -w net.ipv4.tcp_max_orphans=0` as an "emergency flush". Stuck orphans get reset when their next timer fires, but as long as it stays 0, every close() on the whole host sends an RST right after its FIN. Last resort only: save the current value first and put it back immediately.',
      '**危险：** 把 `sysctl -w net.ipv4.tcp_max_orphans=0` 当作“紧急清理”。卡住的 orphan 会在下一次定时器到期时被 RST 掉，但只要它还是 0，整台机器上每一次 close() 都会在 FIN 之后紧跟一个 RST。只能当最后手段：先记下原值，用完马上改回。',
    ),
    t(
      '**Dangerous:** `net.ipv4.tcp_tw_recycle`: removed in Linux 4.12 because it broke clients behind NAT. Ignore any guide that still recommends it.',
      '**危险：** `net.ipv4.tcp_tw_recycle`：因为会让 NAT 后面的客户端连不上，Linux 4.12 已将其删除。还在推荐它的文章一律不要照做。',
    ),
    t(
      '**Dangerous:** lowering `tcp_max_orphans` or `tcp_max_tw_buckets` to "tidy up". A lower orphan limit makes the kernel reset closing connections (peers get RSTs, unsent data is lost); a lower tw limit makes connections skip TIME-WAIT. The kernel documentation says never to lower either artificially.',
      '**危险：** 人为调低 `tcp_max_orphans` 或 `tcp_max_tw_buckets` 来“清理”。orphan 上限调低后，内核会直接重置正在关闭的连接（对端收到 RST，未发出的数据丢失）；tw 上限调低后，更多连接关闭时会跳过 TIME-WAIT。内核文档明确要求不要人为调低这两个值。',
    ),
  ];
}

function raiseOrphanLimit(t: T): string {
  return t(
    '**Safe:** raise `tcp_max_orphans` only if the RAM is there: one orphan can pin about 64 KB of unswappable memory, so the limit × 64 KB must fit. Note the current value, then `sysctl -w net.ipv4.tcp_max_orphans=<n>` and persist it in `/etc/sysctl.d/`.',
    '**安全：** 只有内存充足时才调大 `tcp_max_orphans`：每个 orphan 最多可占约 64 KB 不可换出的内存，上限 × 64 KB 必须放得下。先记下当前值，再执行 `sysctl -w net.ipv4.tcp_max_orphans=<n>`，并写入 `/etc/sysctl.d/` 持久化。',
  );
}

function killPrecisely(t: T, ssState: string): string {
  return t(
    `**Safe:** clear a known-bad set precisely, e.g. \`ss -K state ${ssState} dst <peer>\`. This needs a kernel built with socket-destroy support, and \`ss\` silently skips sockets it cannot kill, so count before and after.`,
    `**安全：** 精确清理已知有问题的连接，例如 \`ss -K state ${ssState} dst <peer>\`。需要内核编译时支持 socket destroy；\`ss\` 对关不掉的 socket 会静默跳过，所以执行前后各数一次。`,
  );
}

function lowerOrphanRetries(t: T): string {
  return t(
    '**Use with care:** a lower `tcp_orphan_retries` makes orphans whose retransmissions or probes go unanswered give up sooner (the default 0 means 8, roughly 100–200 s after the first retransmission). It does not shorten the wait for a peer that keeps answering with a zero window: such an orphan stays until the backed-off probe interval reaches the RTO maximum, whatever this value. A slow but live peer may lose the tail of the data.',
    '**慎用：** 调低 `tcp_orphan_retries` 能让重传或探测得不到应答的 orphan 更早放弃（默认值 0 实际按 8 处理，约为首次重传后 100–200 秒）。对一直以零窗口应答的对端，它不会缩短等待：这种 orphan 会一直留到退避后的探测间隔达到 RTO 上限，与这个值无关。代价是慢但还活着的对端可能收不到最后那部分数据。',
  );
}

/** The orphan limit with its ½ / ¼ shift penalty (tcp_out_of_resources). */
function orphanLimitPrompt(t: T): string {
  return t(
    '`orphan` compared with `tcp_max_orphans`, and with ½ and ¼ of it. Two things each double the count an orphan is checked with: having sent no data for over twice the RTO maximum (240 s by default) or used up its retries at the RTO maximum, and an ICMP soft error (both: quadrupled), so `too many orphaned sockets` can appear well below the limit:',
    '`orphan` 与 `tcp_max_orphans` 比较，同时与它的 ½、¼ 比较。有两种情况各会让 orphan 被检查时的计数翻倍：超过两倍 RTO 上限（默认 240 秒）没发过数据或在 RTO 上限时重试已用尽，以及收到过 ICMP 软错误（两者兼有按四倍），所以远未到上限时也可能出现 `too many orphaned sockets`：',
  );
}

function memPrompt(t: T): string {
  return t(
    '`mem` compared with `tcp_mem[2]` (the third number; both are pages, multiply by the page size for bytes). Above it, closing sockets that still hold queued data are reset and the log says `out of memory -- consider tuning tcp_mem`:',
    '`mem` 与 `tcp_mem[2]`（第三个数）比较，两者单位都是页，乘以页大小才是字节数。超过它时，仍有待发数据的关闭中 socket 会被重置，日志里出现 `out of memory -- consider tuning tcp_mem`：',
  );
}

function twPrompt(t: T): string {
  return t(
    '`tw` compared with `tcp_max_tw_buckets`. At the cap `TcpExtTCPTimeWaitOverflow` climbs and connections close without TIME-WAIT:',
    '`tw` 与 `tcp_max_tw_buckets` 比较。到达上限后 `TcpExtTCPTimeWaitOverflow` 会增长，连接关闭时不再经过 TIME-WAIT：',
  );
}

function rootCause(t: T): string {
  return t('Root cause:', '根因：');
}

function general(t: T): VariantBody {
  return {
    symptoms: [
      t('`dmesg` shows `TCP: too many orphaned sockets`', '`dmesg` 出现 `TCP: too many orphaned sockets`'),
      t(
        '`dmesg` shows `TCP: out of memory -- consider tuning tcp_mem` (2.6-era kernels print `Out of socket memory` for either cause)',
        '`dmesg` 出现 `TCP: out of memory -- consider tuning tcp_mem`（2.6 时代的老内核两种原因都只打印 `Out of socket memory`）',
      ),
      t(
        '`orphan` in `/proc/net/sockstat` (`orphaned` in `ss -s`) keeps climbing',
        '`/proc/net/sockstat` 的 `orphan`（即 `ss -s` 的 `orphaned`）持续上涨',
      ),
      t('`TcpExtTCPAbortOnMemory` is increasing', '`TcpExtTCPAbortOnMemory` 在增长'),
      t('peers get RSTs on connections we had already closed normally', '对端在我们已经正常关闭的连接上收到 RST'),
      t('other:', '其他：'),
    ],
    checks: [
      p(
        t(
          'Orphans are sockets the application has already closed while TCP is still finishing the job. On Linux they sit in FIN-WAIT-1, CLOSING, LAST-ACK, and in FIN-WAIT-2 only when their FIN-WAIT-2 timeout is over 60 s (`tcp_fin_timeout`, or `TCP_LINGER2` on the socket, never less than 3.5 × RTO); otherwise a closed socket there is a timewait minisock counted in `tw`.',
          'orphan 是应用已经 close()、但 TCP 还没走完关闭流程的 socket。在 Linux 上它们处于 FIN-WAIT-1、CLOSING、LAST-ACK；只有 FIN-WAIT-2 超时超过 60 秒时（`tcp_fin_timeout`，或 socket 上的 `TCP_LINGER2`，且不少于 3.5 倍 RTO），FIN-WAIT-2 里才会有 orphan，否则已关闭的 socket 在那里是计入 `tw` 的 timewait minisock。',
        ),
      ),
      tasks(
        t(
          'FIN-WAIT-1: `ss -tanoi state fin-wait-1`. Large Send-Q? Timer `persist` (the peer advertises a zero window) or `on` (our FIN/data is not being acknowledged)? Is `backoff` still growing?',
          'FIN-WAIT-1：`ss -tanoi state fin-wait-1`。Send-Q 是否很大？定时器是 `persist`（对端通告零窗口）还是 `on`（我们的 FIN/数据一直没被确认）？`backoff` 是否还在增长？',
        ),
        t(
          'LAST-ACK: `ss -tano state last-ack`. Which peers? Is our FIN being retransmitted (`timer:(on,…)` with a rising count)?',
          'LAST-ACK：`ss -tano state last-ack`。集中在哪些对端？FIN 是否在重传（`timer:(on,…)` 且次数递增）？',
        ),
        t(
          'CLOSING: `ss -tano state closing`. Rare; a steady population points at lost ACKs on the path.',
          'CLOSING：`ss -tano state closing`。很少见；如果一直有一批，多半是路径上丢了 ACK。',
        ),
        t(
          'FIN-WAIT-2: `ss -tano state fin-wait-2`. `timer:(keepalive,…)` means a full socket: an orphan whose FIN-WAIT-2 timeout is over 60 s, or a socket shut down but not closed, with SO_KEEPALIVE (add `-p` to see its `users:(…)` owner); `timer:(timewait,…)` means already a minisock, counted in `tw` instead.',
          'FIN-WAIT-2：`ss -tano state fin-wait-2`。`timer:(keepalive,…)` 表示完整的 socket：FIN-WAIT-2 超时超过 60 秒的 orphan，或只 shutdown、没有 close 且开启了 SO_KEEPALIVE 的 socket（加上 `-p` 能看到它的 `users:(…)` 属主）；`timer:(timewait,…)` 表示已换成 minisock，改计入 `tw`。',
        ),
        t(
          'Not orphans, but look anyway: CLOSE-WAIT (`ss -tanp state close-wait`: our own application is not closing) and TIME-WAIT (`tw` in sockstat).',
          '不是 orphan，但也要看：CLOSE-WAIT（`ss -tanp state close-wait`，本机应用没有 close）和 TIME-WAIT（sockstat 里的 `tw`）。',
        ),
      ),
    ],
    analysis: [
      bullets(
        orphanLimitPrompt(t),
        memPrompt(t),
        twPrompt(t),
        t(
          'Which state holds the orphans (FIN-WAIT-1 / LAST-ACK / CLOSING / FIN-WAIT-2 with a `keepalive` timer):',
          'orphan 主要处于哪个状态（FIN-WAIT-1 / LAST-ACK / CLOSING / 带 `keepalive` 定时器的 FIN-WAIT-2）：',
        ),
        t(
          'Which counter moves: `TcpExtTCPAbortOnMemory` (the kernel resets orphans over the limit or over `tcp_mem`) or `TcpExtTCPAbortOnTimeout` (orphans give up after `tcp_orphan_retries`, without an RST):',
          '哪个计数器在涨：`TcpExtTCPAbortOnMemory`（超过 orphan 上限或 `tcp_mem` 被内核重置）还是 `TcpExtTCPAbortOnTimeout`（重传达到 `tcp_orphan_retries` 后放弃，不发 RST）：',
        ),
        t(
          'Containers: the orphan count and `tcp_max_orphans` are host-wide, not per network namespace, so the orphans of every container add up:',
          '容器环境：orphan 计数和 `tcp_max_orphans` 是整机共享的，不按网络命名空间隔离，所有容器的 orphan 加在一起算：',
        ),
        rootCause(t),
      ),
      p(t('Top peers of the dominant state (replace `fin-wait-1` as needed):', '占比最高的状态按对端统计（按需替换 `fin-wait-1`）：')),
      code(topPeersCommand('fin-wait-1')),
    ],
    remediation: [
      t(
        '**Safe:** fix what keeps the orphans alive: a peer that stops reading (FIN-WAIT-1 with `persist`), a path that drops FINs or ACKs (`on` timer, LAST-ACK), a peer application that never closes (FIN-WAIT-2 here, CLOSE-WAIT there).',
        '**安全：** 解决让 orphan 一直存活的原因：对端不再读数据（FIN-WAIT-1 + `persist`）、路径上丢 FIN 或 ACK（`on` 定时器、LAST-ACK）、对端应用从不 close（本机 FIN-WAIT-2、对端 CLOSE-WAIT）。',
      ),
      killPrecisely(t, 'fin-wait-1'),
      raiseOrphanLimit(t),
      t(
        '**Safe:** `tcp_fin_timeout` bounds orphaned FIN-WAIT-2 sockets; it does not shorten TIME-WAIT.',
        '**安全：** `tcp_fin_timeout` 限制的是已成为 orphan 的 FIN-WAIT-2；它不会缩短 TIME-WAIT。',
      ),
      lowerOrphanRetries(t),
      ...dangerousKnobs(t),
    ],
    extraReferences: [
      t(
        '[Benoit Sigoure, "The \'Out of socket memory\' error"](https://blog.tsunanet.net/2011/03/out-of-socket-memory.html): the two triggers, orphan count and `tcp_mem`',
        '[Benoit Sigoure, "The \'Out of socket memory\' error"](https://blog.tsunanet.net/2011/03/out-of-socket-memory.html)：两种触发条件，orphan 数量与 `tcp_mem`',
      ),
    ],
  };
}

function finWait1(t: T): VariantBody {
  return {
    symptoms: [
      t('FIN-WAIT-1 count in the hundreds or more, and not draining', 'FIN-WAIT-1 数量上百甚至更多，而且不见回落'),
      t('`orphan` in sockstat follows the FIN-WAIT-1 count', 'sockstat 的 `orphan` 跟着 FIN-WAIT-1 的数量一起变化'),
      t('`dmesg` shows `TCP: too many orphaned sockets`', '`dmesg` 出现 `TCP: too many orphaned sockets`'),
      t('`TcpExtTCPAbortOnMemory` or `TcpExtTCPAbortOnTimeout` is increasing', '`TcpExtTCPAbortOnMemory` 或 `TcpExtTCPAbortOnTimeout` 在增长'),
      t('other:', '其他：'),
    ],
    checks: [
      p(
        t(
          'Linux moves a socket to FIN-WAIT-1 as soon as the application closes it and the FIN is queued, even when unsent data is still ahead of that FIN. After close() every one of them is an orphan.',
          '应用一调用 close()、FIN 进入发送队列，Linux 就把 socket 置为 FIN-WAIT-1，哪怕 FIN 前面还排着没发出去的数据。close() 之后，这些 socket 全都是 orphan。',
        ),
      ),
      code('ss -Htan state fin-wait-1 | wc -l', 'ss -tanoi state fin-wait-1'),
      tasks(
        t(
          'Send-Q: large on most sockets means our data, and the FIN behind it, is still queued because the peer is not taking it',
          'Send-Q：大多数 socket 的 Send-Q 都很大，说明我们的数据（以及排在后面的 FIN）还在队列里，对端没有接收',
        ),
        t(
          '`timer:(persist,…)`: the peer advertises a zero window, i.e. a slow or hung reader (or one stalling on purpose)',
          '`timer:(persist,…)`：对端通告零窗口，即读得很慢或已卡死的接收方（也可能是故意拖着不读）',
        ),
        t(
          '`timer:(on,…,N)` with N growing: our FIN/data is retransmitted and never acknowledged; the peer is gone, or a firewall, conntrack or NAT entry drops the packets',
          '`timer:(on,…,N)` 且 N 不断增加：我们的 FIN/数据在重传却始终没被确认；对端已经不在，或者防火墙、conntrack、NAT 表项把包丢了',
        ),
        t(
          '`backoff:` climbs and the sockets eventually disappear (normal orphan give-up), or it stays at the value of `tcp_retries2`: a stall reported upstream in 2025 when `tcp_retries2` ≤ 8 and the peer keeps its window shut (fix status unknown)',
          '`backoff:` 不断增加、socket 最终消失（正常的 orphan 放弃流程）；或者一直停在 `tcp_retries2` 的值：这是 2025 年向上游报告的卡死问题，条件是 `tcp_retries2` ≤ 8 且对端一直零窗口（修复状态未知）',
        ),
        t(
          '`lastsnd:` above 240000 ms (twice the RTO maximum, by default): this orphan already counts double against `tcp_max_orphans`',
          '`lastsnd:` 超过 240000 毫秒（默认的两倍 RTO 上限）：这个 orphan 在和 `tcp_max_orphans` 比较时已经按两倍计算',
        ),
        t(
          'One peer on the wire: `tcpdump -nn -c 50 host <peer>`. Look for `win 0` in its ACKs (zero window) or our FIN repeating with no answer.',
          '抓一个对端的包：`tcpdump -nn -c 50 host <peer>`。看对端 ACK 里是否是 `win 0`（零窗口），还是我们的 FIN 反复重传却没有回应。',
        ),
        t(
          'Other orphan states, for completeness: `ss -tano state last-ack`, `ss -tano state closing`',
          '顺带看看其他 orphan 状态：`ss -tano state last-ack`、`ss -tano state closing`',
        ),
      ),
    ],
    analysis: [
      bullets(
        t('Zero window or unanswered FIN (from the timers above):', '零窗口还是 FIN 无人应答（根据上面的定时器判断）：'),
        t('Share of `orphan` that is FIN-WAIT-1:', '`orphan` 中 FIN-WAIT-1 的占比：'),
        orphanLimitPrompt(t),
        t(
          'Bytes still queued in FIN-WAIT-1, all of it kernel memory held by closed sockets (`ss -Htan state fin-wait-1 | awk \'{s += $2} END {print s}\'`):',
          'FIN-WAIT-1 中仍在排队的字节数，这些都是已关闭 socket 占着的内核内存（`ss -Htan state fin-wait-1 | awk \'{s += $2} END {print s}\'`）：',
        ),
        memPrompt(t),
        rootCause(t),
      ),
      p(t('Top peers:', '按对端统计：')),
      code(topPeersCommand('fin-wait-1')),
    ],
    remediation: [
      t(
        '**Safe:** fix the reader on the peer side (a stuck worker, a client that stopped reading) or the path that drops our FIN and ACKs.',
        '**安全：** 修好对端的接收方（卡住的 worker、不再读数据的客户端），或修好丢弃 FIN/ACK 的网络路径。',
      ),
      t(
        '**Safe:** in our application, bound sends to peers that may stall (write timeouts, `TCP_USER_TIMEOUT`) instead of closing with a large unsent buffer.',
        '**安全：** 在本机应用里给可能卡住的对端设置发送超时（应用层写超时、`TCP_USER_TIMEOUT`），不要带着大量未发送数据直接 close。',
      ),
      killPrecisely(t, 'fin-wait-1'),
      raiseOrphanLimit(t),
      lowerOrphanRetries(t),
      ...dangerousKnobs(t),
    ],
    extraReferences: [
      t(
        '[Cloudflare, "When TCP sockets refuse to die"](https://blog.cloudflare.com/when-tcp-sockets-refuse-to-die/): zero windows and `TCP_USER_TIMEOUT`',
        '[Cloudflare, "When TCP sockets refuse to die"](https://blog.cloudflare.com/when-tcp-sockets-refuse-to-die/)：零窗口与 `TCP_USER_TIMEOUT`',
      ),
    ],
  };
}

function finWait2(t: T): VariantBody {
  return {
    notice: [
      t(
        '**Orphans or not?** With the default `tcp_fin_timeout` of 60 s, a closed socket that reaches FIN-WAIT-2 is swapped at once for a timewait minisock: ss should still list it as FIN-WAIT-2, with `timer:(timewait,…)`, and it is counted in `tw`, not in `orphan`. Only when its FIN-WAIT-2 timeout is over 60 s (`tcp_fin_timeout`, or `TCP_LINGER2` on the socket, never less than 3.5 × RTO) does it stay a full orphan for a while (`timer:(keepalive,…)`). Either way the real fault is usually on the peer, which never closes.',
        '**算不算 orphan？** 在默认的 `tcp_fin_timeout` = 60 秒下，已 close 的 socket 一进入 FIN-WAIT-2 就被换成 timewait minisock：ss 中应仍显示为 FIN-WAIT-2，定时器为 `timer:(timewait,…)`，计入 `tw` 而不是 `orphan`。只有它的 FIN-WAIT-2 超时超过 60 秒时（`tcp_fin_timeout`，或 socket 上的 `TCP_LINGER2`，且不少于 3.5 倍 RTO），它才会以完整 orphan 的形式停留一段时间（`timer:(keepalive,…)`）。无论哪种，真正的问题通常在对端：它一直不 close。',
      ),
    ],
    symptoms: [
      t('many FIN-WAIT-2 sockets here, mostly towards the same peers or service', '本机大量 FIN-WAIT-2，集中在少数几个对端或同一个服务'),
      t('CLOSE-WAIT piling up on the peer', '对端的 CLOSE-WAIT 在堆积'),
      t('`tw` in sockstat is high, or `TcpExtTCPTimeWaitOverflow` is increasing', 'sockstat 的 `tw` 很高，或 `TcpExtTCPTimeWaitOverflow` 在增长'),
      t('connect() to that peer times out now and then', '连接该对端时偶发 connect() 超时'),
      t('other:', '其他：'),
    ],
    checks: [
      code(
        'ss -tano state fin-wait-2',
        "ss -Htano state fin-wait-2 | grep -c 'timer:(timewait'",
        "ss -Htano state fin-wait-2 | grep -c 'timer:(keepalive'",
        "ss -Htanp state fin-wait-2 | grep -c 'users:'",
      ),
      tasks(
        t(
          '`timer:(timewait,…)`: already a minisock; counted in `tw`, bounded by `tcp_max_tw_buckets`, gone when the FIN-WAIT-2 timeout runs out (`tcp_fin_timeout` when it is 60 s or less, else the part of it above 60 s)',
          '`timer:(timewait,…)`：已是 minisock；计入 `tw`，受 `tcp_max_tw_buckets` 限制，FIN-WAIT-2 超时到期后消失（`tcp_fin_timeout` 不超过 60 秒时就是它，超过时是其超出 60 秒的那部分）',
        ),
        t(
          '`timer:(keepalive,…)`: a full socket, either an orphan whose FIN-WAIT-2 timeout is over 60 s (`tcp_fin_timeout`, or `TCP_LINGER2` on the socket, never less than 3.5 × RTO), counted in `orphan`, or a socket shut down but not closed, with SO_KEEPALIVE on, which shows a `users:(…)` owner with `-p` (as root)',
          '`timer:(keepalive,…)`：完整的 socket，可能是 FIN-WAIT-2 超时超过 60 秒的 orphan（`tcp_fin_timeout`，或 socket 上的 `TCP_LINGER2`，且不少于 3.5 倍 RTO），计入 `orphan`；也可能是只 shutdown、没有 close 且开启了 SO_KEEPALIVE 的 socket，以 root 执行时 `-p` 能看到它的 `users:(…)` 属主',
        ),
        t(
          'No timer and a `users:(…)` owner with `-p`: not closed at all; the application called shutdown(SHUT_WR) and keeps the fd, so no kernel timeout applies',
          '没有定时器、`-p` 能看到 `users:(…)` 属主：根本没有 close；应用只调用了 shutdown(SHUT_WR) 并保留着 fd，内核不会对它超时',
        ),
        t(
          'On the peer: `ss -tanp state close-wait`. Which process holds the CLOSE-WAIT sockets, and is there unread data in Recv-Q?',
          '在对端执行：`ss -tanp state close-wait`。哪个进程持有这些 CLOSE-WAIT？Recv-Q 里是否有未读数据？',
        ),
      ),
    ],
    analysis: [
      bullets(
        t(
          '`tcp_fin_timeout` (60 by default, in which case closed sockets here are minisocks, not orphans, unless `TCP_LINGER2` or a long RTO gives a socket a longer timeout):',
          '`tcp_fin_timeout`（默认 60；此时这里已关闭的 socket 是 minisock，不是 orphan，除非 `TCP_LINGER2` 或很大的 RTO 让某个 socket 的超时更长）：',
        ),
        twPrompt(t),
        t(
          'Keep in mind: once we drop our side, the peer\'s CLOSE-WAIT socket stays. If we later reuse the same source port towards it, the peer may ignore our SYN and connect() times out.',
          '注意：我们这一侧释放后，对端的 CLOSE-WAIT 仍然存在。之后如果我们用同一个源端口再连它，对端可能不理会我们的 SYN，导致 connect() 超时。',
        ),
        t('Peer service and process that do not close:', '不 close 的对端服务与进程：'),
        rootCause(t),
      ),
      p(t('Top peers:', '按对端统计：')),
      code(topPeersCommand('fin-wait-2')),
    ],
    remediation: [
      t(
        '**Safe:** fix the peer application so it closes its sockets; that is the actual leak (use the CLOSE-WAIT template on the peer).',
        '**安全：** 修复对端应用，让它关闭自己的 socket，这才是真正的泄漏点（在对端使用 CLOSE-WAIT 模板排查）。',
      ),
      t(
        '**Safe:** `tcp_fin_timeout` bounds orphaned FIN-WAIT-2 (default 60 s). It does not touch TIME-WAIT, and does nothing for a FIN-WAIT-2 socket whose fd is still open.',
        '**安全：** `tcp_fin_timeout` 限制的是已成为 orphan 的 FIN-WAIT-2（默认 60 秒）。它不影响 TIME-WAIT，对 fd 仍然打开的 FIN-WAIT-2 也不起作用。',
      ),
      killPrecisely(t, 'fin-wait-2'),
      ...dangerousKnobs(t),
    ],
    extraReferences: [
      t(
        '[Cloudflare, "This is strictly a violation of the TCP specification"](https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/): CLOSE-WAIT on the server, FIN-WAIT-2 timed out on the client',
        '[Cloudflare, "This is strictly a violation of the TCP specification"](https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/)：服务端 CLOSE-WAIT、客户端 FIN-WAIT-2 超时的真实案例',
      ),
    ],
  };
}

function lastAck(t: T): VariantBody {
  return {
    symptoms: [
      t('LAST-ACK count high and not draining', 'LAST-ACK 数量很高，而且不见回落'),
      t('`orphan` in sockstat follows the LAST-ACK count', 'sockstat 的 `orphan` 跟着 LAST-ACK 的数量一起变化'),
      t(
        '`TcpExtTCPAbortOnTimeout` is increasing (orphans giving up after `tcp_orphan_retries`)',
        '`TcpExtTCPAbortOnTimeout` 在增长（orphan 重传达到 `tcp_orphan_retries` 后放弃）',
      ),
      t('`dmesg` shows `TCP: too many orphaned sockets`', '`dmesg` 出现 `TCP: too many orphaned sockets`'),
      t('other:', '其他：'),
    ],
    checks: [
      p(
        t(
          'LAST-ACK: the peer closed first, our application closed afterwards, and our FIN now waits for the peer\'s final ACK. After close() these sockets are orphans.',
          'LAST-ACK：对端先关闭，本机应用随后 close，我们的 FIN 正在等对端最后一个 ACK。close() 之后这些 socket 就是 orphan。',
        ),
      ),
      code('ss -Htan state last-ack | wc -l', 'ss -tano state last-ack'),
      tasks(
        t(
          '`timer:(on,…,N)` with N growing: our FIN is retransmitted and never acknowledged',
          '`timer:(on,…,N)` 且 N 不断增加：我们的 FIN 在重传，却始终没被确认',
        ),
        t(
          'Send-Q above 0: data is still queued ahead of the FIN (a `persist` timer means the peer\'s window is zero)',
          'Send-Q 大于 0：FIN 前面还有数据在排队（若定时器是 `persist`，说明对端窗口为零）',
        ),
        t('Are the peers concentrated behind one NAT, load balancer or firewall?', '对端是否集中在同一个 NAT、负载均衡或防火墙之后？'),
        t(
          'One peer on the wire: `tcpdump -nn -c 50 host <peer>`. Our FIN repeating with no reply means packets are dropped on the way; a peer that had forgotten the connection would answer with an RST, which ends LAST-ACK at once.',
          '抓一个对端的包：`tcpdump -nn -c 50 host <peer>`。FIN 反复重传却没有任何回应，说明包在途中被丢了；如果对端只是已经忘了这条连接，它会回 RST，LAST-ACK 会立即结束。',
        ),
        t(
          'Firewall, conntrack or NAT timeouts on the path that expire before our FIN retransmissions end',
          '路径上防火墙、conntrack 或 NAT 的表项超时是否比我们重传 FIN 的时间更短',
        ),
        t(
          'Other orphan states, for completeness: `ss -tanoi state fin-wait-1`, `ss -tano state closing`',
          '顺带看看其他 orphan 状态：`ss -tanoi state fin-wait-1`、`ss -tano state closing`',
        ),
      ),
    ],
    analysis: [
      bullets(
        t('Share of `orphan` that is LAST-ACK:', '`orphan` 中 LAST-ACK 的占比：'),
        orphanLimitPrompt(t),
        t(
          '`TcpExtTCPAbortOnTimeout` vs `TcpExtTCPAbortOnMemory` over a minute (`nstat` without `-a` prints the increments since its previous run):',
          '一分钟内 `TcpExtTCPAbortOnTimeout` 与 `TcpExtTCPAbortOnMemory` 的增量对比（不带 `-a` 的 `nstat` 输出的是距上次运行的增量）：',
        ),
        t('What the peers have in common (network, NAT, client type):', '这些对端的共同点（网段、NAT、客户端类型）：'),
        rootCause(t),
      ),
      p(t('Top peers:', '按对端统计：')),
      code(topPeersCommand('last-ack')),
    ],
    remediation: [
      t(
        '**Safe:** find and fix what drops the FIN or the ACK: a stateful firewall or NAT expiring the entry first, asymmetric routing.',
        '**安全：** 找到并解决丢 FIN 或 ACK 的环节：有状态防火墙或 NAT 提前清掉了表项、路由不对称等。',
      ),
      killPrecisely(t, 'last-ack'),
      raiseOrphanLimit(t),
      lowerOrphanRetries(t),
      ...dangerousKnobs(t),
    ],
    extraReferences: [],
  };
}

function closeWait(t: T): VariantBody {
  return {
    notice: [
      t(
        '**These are NOT orphans.** A CLOSE-WAIT socket still belongs to an open file descriptor in our process: the peer has closed its side, and the kernel is waiting for *our* application to call close(). sockstat `orphan` does not count them, and no sysctl timeout reaps them (TCP keepalive only helps if the application enabled it and the peer is gone). The fix is in the application. Only after it finally closes does the socket move to LAST-ACK and become an orphan.',
        '**这些不是 orphan。** CLOSE-WAIT 的 socket 仍然挂在本进程一个打开的文件描述符上：对端已经关闭了它那一侧，内核在等 *我们自己的* 应用调用 close()。sockstat 的 `orphan` 不统计它们，也没有任何 sysctl 超时会回收它们（TCP keepalive 只有在应用开启了它且对端已消失时才有用）。只能在应用里解决；应用真正 close 之后，socket 才进入 LAST-ACK，那时才算 orphan。',
      ),
    ],
    symptoms: [
      t('CLOSE-WAIT count grows steadily and never drains on its own', 'CLOSE-WAIT 数量稳定增长，从不自行回落'),
      t(
        'the process\'s fd count keeps climbing; `Too many open files` in its logs',
        '进程的 fd 数一直上涨；日志里出现 `Too many open files`',
      ),
      t(
        '`orphan` in sockstat stays low although "stuck" connections pile up',
        '“卡住”的连接越来越多，sockstat 的 `orphan` 却一直很低',
      ),
      t('clients report connect() timeouts or hanging requests', '客户端反馈 connect() 超时或请求挂住'),
      t('other:', '其他：'),
    ],
    checks: [
      code(
        'ss -Htan state close-wait | wc -l',
        'ss -tanp state close-wait',
        "ss -Htanp state close-wait | grep -o 'pid=[0-9]*' | sort | uniq -c | sort -rn",
        "ss -Htan state close-wait | awk '{print $3}' | sort | uniq -c | sort -rn | head",
        'ls /proc/<pid>/fd | wc -l',
        "grep 'open files' /proc/<pid>/limits",
      ),
      tasks(
        t('Which process and which local port (service) own them?', '属于哪个进程、哪个本地端口（哪个服务）？'),
        t(
          'Recv-Q above 0: the peer\'s last data, and its FIN, were never read; the code stopped reading that connection',
          'Recv-Q 大于 0：对端最后发来的数据和 FIN 都没被读取，代码已经不再读这条连接了',
        ),
        t(
          'Growing steadily (a leak on an error or timeout path) or in bursts (workers blocked on something else)?',
          '是稳定增长（某个错误或超时分支漏了 close），还是成批出现（worker 被别的事情阻塞）？',
        ),
        t(
          'A stack or thread dump of the process while the count is high: where are the threads that should close these sockets?',
          '在数量高的时候抓进程的调用栈或线程 dump：本该关闭这些 socket 的线程在干什么？',
        ),
      ),
    ],
    analysis: [
      bullets(
        t('Count now vs one hour ago (leak rate):', '当前数量与一小时前对比（泄漏速度）：'),
        t('fd count vs the `open files` limit:', 'fd 数与 `open files` 上限对比：'),
        t(
          'Code path that skips close() (an error branch, a missing finally/defer, a pool that never evicts dead connections):',
          '漏掉 close() 的代码路径（错误分支、缺少 finally/defer、连接池从不剔除已断开的连接）：',
        ),
        t(
          'Peer side: the peer reaps its FIN-WAIT-2 after its `tcp_fin_timeout`, but our CLOSE-WAIT stays. A new SYN from the same source port can then be ignored by us, and the client sees connect() time out:',
          '对端视角：对端的 FIN-WAIT-2 在其 `tcp_fin_timeout` 后被回收，而我们的 CLOSE-WAIT 还在。之后对端若用同一个源端口发来新的 SYN，可能被我们忽略，客户端看到的就是 connect() 超时：',
        ),
        rootCause(t),
      ),
    ],
    remediation: [
      t(
        '**Safe:** fix the application so it closes the socket on every path: errors, timeouts, and peer EOF (a read that returns 0 means the peer has closed).',
        '**安全：** 修复应用，让每条路径都关闭 socket：出错、超时、对端 EOF（read 返回 0 就表示对端已关闭）。',
      ),
      t(
        '**Safe:** idle timeouts in the server and in connection pools, so dead connections get closed.',
        '**安全：** 在服务端和连接池里设置空闲超时，让已断开的连接被及时关闭。',
      ),
      t(
        '**Safe, stop-gap:** restarting the process releases them all (they pass briefly through LAST-ACK).',
        '**安全（临时）：** 重启进程会释放全部 CLOSE-WAIT（它们会短暂经过 LAST-ACK）。',
      ),
      t(
        '**Use with care:** `ss -K state close-wait dst <peer>` aborts them under the application\'s feet; it will see errors on those sockets, and the leak itself remains.',
        '**慎用：** `ss -K state close-wait dst <peer>` 会在应用不知情的情况下中止这些连接；应用会在这些 socket 上遇到错误，而泄漏本身依然存在。',
      ),
      t(
        '**Does not help:** `tcp_fin_timeout`, `tcp_orphan_retries`, `tcp_max_orphans`; none of them applies to CLOSE-WAIT.',
        '**无效：** `tcp_fin_timeout`、`tcp_orphan_retries`、`tcp_max_orphans` 对 CLOSE-WAIT 都不起作用。',
      ),
      ...dangerousKnobs(t),
    ],
    extraReferences: [
      t(
        '[Cloudflare, "This is strictly a violation of the TCP specification"](https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/): an application leaving sockets in CLOSE-WAIT, and what the clients saw',
        '[Cloudflare, "This is strictly a violation of the TCP specification"](https://blog.cloudflare.com/this-is-strictly-a-violation-of-the-tcp-specification/)：应用把 socket 留在 CLOSE-WAIT，以及客户端看到的现象',
      ),
    ],
  };
}

function timeWait(t: T): VariantBody {
  return {
    notice: [
      t(
        '**These are NOT orphans.** TIME-WAIT entries are lightweight timewait minisocks, not full sockets: sockstat counts them in `tw` (capped by `tcp_max_tw_buckets`), never in `orphan`, and each one expires after a fixed 60 s on Linux. `tcp_max_orphans` has nothing to do with them. Plenty of TIME-WAIT is normal on a host that actively closes many short connections; it only hurts when a client runs out of source ports or `tw` hits its cap.',
        '**这些不是 orphan。** TIME-WAIT 是轻量的 timewait minisock，不是完整的 socket：sockstat 把它们计入 `tw`（上限为 `tcp_max_tw_buckets`），从不计入 `orphan`；在 Linux 上每个固定 60 秒后过期，和 `tcp_max_orphans` 无关。主动关闭大量短连接的机器上有很多 TIME-WAIT 是正常的；只有客户端源端口耗尽或 `tw` 到达上限时才真正有害。',
      ),
    ],
    symptoms: [
      t('`tw` in sockstat (`timewait` in `ss -s`) in the tens of thousands', 'sockstat 的 `tw`（`ss -s` 的 `timewait`）达到数万'),
      t(
        'connect() fails with `Cannot assign requested address` (source ports exhausted towards one destination)',
        'connect() 报 `Cannot assign requested address`（连同一目标时源端口耗尽）',
      ),
      t('`TcpExtTCPTimeWaitOverflow` is increasing', '`TcpExtTCPTimeWaitOverflow` 在增长'),
      t('older kernels: `TCP: time wait bucket table overflow` in dmesg', '老内核：dmesg 里有 `TCP: time wait bucket table overflow`'),
      t('other:', '其他：'),
    ],
    checks: [
      code(
        'ss -Htan state time-wait | wc -l',
        'ss -tano state time-wait | head',
        "ss -Htan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head",
        'sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse',
        "dmesg -T | grep -i 'time wait bucket'",
      ),
      tasks(
        t(
          'Which side closes first? TIME-WAIT stays with the side that sent the first FIN; on a server that means the server closes (e.g. HTTP without keep-alive).',
          '哪一方先关闭？TIME-WAIT 留在先发 FIN 的一方；出现在服务端就说明是服务端主动关闭（例如没开 keep-alive 的 HTTP）。',
        ),
        t(
          'Per destination (ip:port): is any single one close to the size of `ip_local_port_range`? Only outgoing connections draw from that range.',
          '按目标（ip:port）统计：有没有哪个目标的数量接近 `ip_local_port_range` 的大小？只有主动发起的连接才占用这个端口范围。',
        ),
        t(
          '`tw` vs `tcp_max_tw_buckets`; any increase of `TcpExtTCPTimeWaitOverflow` means connections already close without TIME-WAIT',
          '`tw` 与 `tcp_max_tw_buckets` 对比；`TcpExtTCPTimeWaitOverflow` 只要在涨，就说明已有连接关闭时跳过了 TIME-WAIT',
        ),
        t(
          '`tw` also counts FIN-WAIT-2 minisocks (`ss -tano state fin-wait-2` with `timer:(timewait,…)`)',
          '`tw` 里还包括 FIN-WAIT-2 minisock（`ss -tano state fin-wait-2` 中带 `timer:(timewait,…)` 的那些）',
        ),
      ),
    ],
    analysis: [
      bullets(
        t('Close rate: TIME-WAIT count / 60 s =', '关闭速率：TIME-WAIT 数量 / 60 秒 ='),
        t('Busiest destination vs the size of the port range:', '最集中的目标与端口范围大小对比：'),
        twPrompt(t),
        t(
          'Is anything actually failing (connect() errors, overflow), or is it just a big number?',
          '是否真的有失败（connect() 报错、overflow），还是只是数字看着大？',
        ),
        rootCause(t),
      ),
    ],
    remediation: [
      t(
        '**Safe:** reuse connections (HTTP keep-alive, connection pools) so that fewer are closed at all.',
        '**安全：** 复用连接（HTTP keep-alive、连接池），从根本上减少关闭次数。',
      ),
      t(
        '**Safe:** where the protocol allows, let the side that can afford it close first; TIME-WAIT lands on the active closer.',
        '**安全：** 协议允许时，让承受得起的一方先关闭；TIME-WAIT 总是落在主动关闭的一方。',
      ),
      t(
        '**Safe:** `net.ipv4.tcp_tw_reuse=1` lets outgoing connect() reuse a TIME-WAIT port when that is safe (needs TCP timestamps; the default 2 only covers loopback). It does nothing for incoming connections.',
        '**安全：** `net.ipv4.tcp_tw_reuse=1` 允许主动 connect() 在安全时复用处于 TIME-WAIT 的端口（需要 TCP 时间戳；默认值 2 只对回环地址生效）。对被动接入的连接没有作用。',
      ),
      t('**Safe:** widen `net.ipv4.ip_local_port_range` on clients.', '**安全：** 在客户端扩大 `net.ipv4.ip_local_port_range`。'),
      t(
        '**Does not help:** `tcp_fin_timeout` (TIME-WAIT is a fixed 60 s on Linux) and `tcp_max_orphans` (TIME-WAIT is not an orphan).',
        '**无效：** `tcp_fin_timeout`（Linux 上 TIME-WAIT 固定 60 秒）和 `tcp_max_orphans`（TIME-WAIT 不是 orphan）。',
      ),
      t(
        '**Dangerous:** `SO_LINGER` with a zero timeout to "avoid" TIME-WAIT: every close becomes an RST and unsent data is thrown away.',
        '**危险：** 用超时为 0 的 `SO_LINGER` 来“避免” TIME-WAIT：每次关闭都变成 RST，未发送的数据直接丢弃。',
      ),
      ...dangerousKnobs(t),
    ],
    extraReferences: [
      t(
        '[Vincent Bernat, "Coping with the TCP TIME-WAIT state on busy Linux servers"](https://vincent.bernat.ch/en/blog/2014-tcp-time-wait-state-linux)',
        '[Vincent Bernat, "Coping with the TCP TIME-WAIT state on busy Linux servers"](https://vincent.bernat.ch/en/blog/2014-tcp-time-wait-state-linux)：繁忙 Linux 服务器上 TIME-WAIT 的应对',
      ),
    ],
  };
}

const BODIES: Readonly<Record<TemplateSymptom, (t: T) => VariantBody>> = {
  general,
  'fin-wait-1': finWait1,
  'fin-wait-2': finWait2,
  'last-ack': lastAck,
  'close-wait': closeWait,
  'time-wait': timeWait,
};

export function variantBody(symptom: TemplateSymptom, lang: Lang): VariantBody {
  return BODIES[symptom](translator(lang));
}
