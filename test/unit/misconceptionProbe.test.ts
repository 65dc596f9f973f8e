/**
 * The misconception rules on natural phrasing: a probe of wrong claims as notes write them and of correct,
 * refuting, questioning or narrating sentences that must stay silent, in Chinese and English. Rows marked
 * `audit` come from the s10 audits (the Chinese one: its 16 missed claims, n02's claim and its false positives; the
 * English one, #14: three missed phrasings, a claim cut short at "i.e." and a narrated change); `probe` rows were
 * written with them, each for one way of saying (or not saying) the claim; `later` rows while the rules were
 * changed; `held-out` rows after, as a check; `held-out-en` rows, 29 English runbook and postmortem sentences (30
 * less one known miss), before the English fixes, as a check of them; `audit-s13` rows, the misses and false alarms of
 * an s13 audit's held-out set (130 cases) with guards written alongside the fixes. Every row is one sentence and
 * names the rule it must fire, or `null` for none. The recall and false-alarm figures are reported as test diagnostics (README's "misconception recall").
 * Known misses, left out: a measured "4 分钟都降不下来" is taken for the claim; "Expect TIME_WAIT entries to linger for
 * about four minutes after a deploy" (held out, s10) is read as a time after an event, as "TIME_WAIT stayed high for
 * 4 minutes after the restart" must be.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMisconceptions } from '../../src/core/knowledge/misconceptions';

type Rule = 'tw-four-minutes' | 'fin-timeout-time-wait' | 'tw-recycle' | 'orphan-retries-zero' | 'tw-buckets-reset-all' | 'orphan-close-wait-time-wait';

/** [sentence, the rule it must fire or null, where it comes from]. */
const PROBE: ReadonlyArray<readonly [string, Rule | null, 'audit' | 'probe' | 'later' | 'held-out' | 'held-out-en' | 'audit-s13']> = [
  // ---- wrong claims (Chinese) ----
  ['tcp_tw_recycle 可以解决 TIME_WAIT 过多的问题。', 'tw-recycle', 'audit'],
  ['开启tcp_tw_recycle后，time_wait就不会那么多了。', 'tw-recycle', 'audit'],
  ['TIME_WAIT 要等 4 分钟才释放，所以端口不够用。', 'tw-four-minutes', 'audit'],
  ['TIME_WAIT 默认持续 4 分钟，建议调小。', 'tw-four-minutes', 'audit'],
  ['调小 tcp_fin_timeout，TIME_WAIT 就没那么多了。', 'fin-timeout-time-wait', 'audit'],
  ['tcp_fin_timeout 控制 FIN_WAIT2 和 TIME_WAIT 的超时时间。', 'fin-timeout-time-wait', 'audit'],
  ['orphan socket 就是处于 CLOSE_WAIT 状态的 socket。', 'orphan-close-wait-time-wait', 'audit'],
  ['orphan socket 就是处于 CLOSE_WAIT 状态的 socket，应用没有 close 导致的。', 'orphan-close-wait-time-wait', 'audit'],
  ['孤儿连接就是应用没有 close 的 CLOSE_WAIT 连接。', 'orphan-close-wait-time-wait', 'audit'],
  ['在 CentOS 7.6 上开启 tcp_tw_recycle 可以快速回收 TIME_WAIT。', 'tw-recycle', 'audit'],
  ['tcp_orphan_retries 设为 0 表示孤儿连接不会重传 FIN，直接释放。', 'orphan-retries-zero', 'audit'],
  ['超过 tcp_max_tw_buckets 后，系统会把所有 TIME_WAIT 连接全部清掉。', 'tw-buckets-reset-all', 'audit'],
  ['TIME_WAIT状态持续2MSL，也就是4分钟。', 'tw-four-minutes', 'audit'],
  ['开启 net.ipv4.tcp_tw_recycle = 1 即可。', 'tw-recycle', 'audit'],
  ['把 tcp_tw_recycle 改成 1 就能快速回收。', 'tw-recycle', 'audit'],
  ['time_wait 一般持续 4 分钟左右。', 'tw-four-minutes', 'probe'],
  ['TIME_WAIT 会保持 240 秒，期间端口不能复用。', 'tw-four-minutes', 'probe'],
  ['建议开启 tcp_tw_recycle，可以减少 TIME_WAIT。', 'tw-recycle', 'probe'],
  ['net.ipv4.tcp_tw_recycle 打开之后 TIME_WAIT 少了很多。', 'tw-recycle', 'probe'],
  ['把 tcp_fin_timeout 改小一点，TIME_WAIT 就不会堆积了。', 'fin-timeout-time-wait', 'probe'],
  ['CLOSE_WAIT 状态的连接都算孤儿连接，没人处理。', 'orphan-close-wait-time-wait', 'probe'],
  ['超过 tcp_max_tw_buckets 之后，内核会把 TIME_WAIT 全部清空，所以不会无限增长。', 'tw-buckets-reset-all', 'probe'],
  // ---- wrong claims (English) ----
  ['Enable tcp_tw_recycle, but keep tcp_tw_reuse as well.', 'tw-recycle', 'audit'],
  ['TIME_WAIT lasts 4 minutes on Linux, so only a few thousand connections per second are possible.', 'tw-four-minutes', 'audit'],
  ['TIME_WAIT sockets stick around for 4 minutes, which is why we ran out of ports.', 'tw-four-minutes', 'probe'],
  ['Turn on tcp_tw_recycle and the TIME_WAIT pile-up is gone.', 'tw-recycle', 'probe'],
  ["Reduce tcp_fin_timeout to 15 so TIME_WAIT sockets don't pile up.", 'fin-timeout-time-wait', 'probe'],
  ['CLOSE_WAIT sockets are orphans, and nobody closes them.', 'orphan-close-wait-time-wait', 'probe'],
  ['Once tcp_max_tw_buckets is hit, the kernel wipes all TIME_WAIT sockets, but new ones keep coming.', 'tw-buckets-reset-all', 'probe'],
  ['Set tcp_orphan_retries to 0 if you only want orphans dropped without retransmission.', 'orphan-retries-zero', 'probe'],
  // ---- must stay silent: measurements, attributions, correct statements, questions, past events (Chinese) ----
  ['监控上 TIME_WAIT 曲线在 4 分钟内从 2k 涨到 3w。', null, 'audit'],
  ['很多博客把 tcp_fin_timeout 当成 TIME_WAIT 的超时时间来调。', null, 'audit'],
  ['tcp_max_tw_buckets 限制所有 TIME_WAIT 的总数，超过后新关闭的连接直接销毁。', null, 'audit'],
  ['检查一下 tcp_tw_recycle 是否被打开了。', null, 'audit'],
  ['当年我们开启过 tcp_tw_recycle，后来出了事故。', null, 'audit'],
  ['我们把 tcp_tw_recycle 从 1 改回了 0。', null, 'audit'],
  ['关闭 tcp_tw_recycle（设为 0）。', null, 'audit'],
  ['RFC 793 建议 MSL 为 2 分钟，所以 TIME_WAIT 理论上是 4 分钟。', null, 'probe'],
  ['TIME_WAIT 在 Linux 上是 60 秒，不是 4 分钟。', null, 'probe'],
  ['TIME_WAIT 不会持续 4 分钟，Linux 上是写死的。', null, 'probe'],
  ['TIME_WAIT 真的要等 4 分钟吗？', null, 'probe'],
  ['Windows 上 TIME_WAIT 默认 4 分钟。', null, 'probe'],
  ['很多人以为 TIME_WAIT 要 4 分钟，其实 Linux 上只有 60 秒。', null, 'probe'],
  ['4 分钟后 TIME_WAIT 降到了 3000 左右。', null, 'probe'],
  ['千万别在生产环境开启 tcp_tw_recycle。', null, 'probe'],
  ['tcp_tw_recycle 不能解决 TIME_WAIT 过多的问题。', null, 'probe'],
  ['开启 tcp_tw_recycle 并不可取。', null, 'probe'],
  ['tcp_tw_recycle 开启后，部分手机用户连不上。', null, 'probe'],
  ['关闭 tcp_tw_recycle 可以解决部分用户握手超时的问题。', null, 'probe'],
  ['调小 tcp_fin_timeout 不会减少 TIME_WAIT。', null, 'probe'],
  ['调小 tcp_fin_timeout 以后，TIME_WAIT 也没有变少。', null, 'probe'],
  ['CLOSE_WAIT 不是孤儿连接，应用还持有 fd。', null, 'probe'],
  ['孤儿连接不是 CLOSE_WAIT，而是 FIN_WAIT1、LAST_ACK 这类。', null, 'probe'],
  ['超过 tcp_max_tw_buckets 后，所有新关闭的连接都直接销毁，不进入 TIME_WAIT。', null, 'probe'],
  ['tcp_orphan_retries 设为 0 是不是就不重传了？', null, 'probe'],
  // ---- must stay silent (English) ----
  ['After 4 minutes TIME_WAIT count was still 30k.', null, 'audit'],
  ['TIME_WAIT went from 2k to 30k within 4 minutes of the deploy.', null, 'probe'],
  ["The RFC's TIME-WAIT is 4 minutes (2 MSL).", null, 'probe'],
  ['Linux TIME-WAIT is 60 s.', null, 'probe'],
  ["TIME_WAIT doesn't last 4 minutes on Linux.", null, 'probe'],
  ['Does TIME_WAIT really last 4 minutes?', null, 'probe'],
  ['Never enable tcp_tw_recycle on a server.', null, 'probe'],
  ["Don't turn on tcp_tw_recycle, but tcp_tw_reuse is fine for clients.", null, 'probe'],
  ['Enabling tcp_tw_recycle is not recommended.', null, 'probe'],
  ['Check whether tcp_tw_recycle is enabled on the old hosts.', null, 'probe'],
  ['Back then we enabled tcp_tw_recycle, and it caused an outage.', null, 'probe'],
  ['Lowering tcp_fin_timeout has no effect on TIME_WAIT.', null, 'probe'],
  ['tcp_fin_timeout controls FIN_WAIT2, not TIME_WAIT.', null, 'probe'],
  ['CLOSE_WAIT sockets are not orphans: the application still holds the fd.', null, 'probe'],
  ['When tcp_max_tw_buckets is reached, every new closing connection is destroyed without TIME_WAIT.', null, 'probe'],
  ['tcp_orphan_retries 0 does not mean no retransmission: the kernel uses 8.', null, 'probe'],
  // ---- written while the rules were being changed, to try them on other phrasings (both languages, mixed) ----
  ['TIME_WAIT 持续时间为 2MSL，Linux 下 MSL 为 2 分钟，所以是 4 分钟。', 'tw-four-minutes', 'later'],
  ['Linux 里 TIME_WAIT 是 60s，网上说的 4 分钟是 RFC 的值。', null, 'later'],
  ['time_wait 状态要维持 4min 左右。', 'tw-four-minutes', 'later'],
  ['TIME_WAIT 需要 4 分钟才能消失，这期间端口无法被使用。', 'tw-four-minutes', 'later'],
  ['我们观察到 TIME_WAIT 在重启 4 分钟后才开始下降。', null, 'later'],
  ['把 tcp_fin_timeout 从 60 改到 30，可以让 TIME_WAIT 更快释放。', 'fin-timeout-time-wait', 'later'],
  ['tcp_fin_timeout 改成 30 以后 TIME_WAIT 数量没有任何变化。', null, 'later'],
  ['tcp_fin_timeout 和 TIME_WAIT 没有关系。', null, 'later'],
  ['tcp_fin_timeout 决定了 TIME_WAIT 持续多久。', 'fin-timeout-time-wait', 'later'],
  ['tcp_fin_timeout 不决定 TIME_WAIT 的时长。', null, 'later'],
  ['注意 tcp_fin_timeout 影响的不是 TIME_WAIT。', null, 'later'],
  ['开启 tcp_tw_reuse 和 tcp_tw_recycle 可以快速回收 TIME_WAIT。', 'tw-recycle', 'later'],
  ['推荐配置：tcp_tw_recycle 设置为 1。', 'tw-recycle', 'later'],
  ['tcp_tw_recycle 在 NAT 下有坑，不要开。', null, 'later'],
  ['有没有必要开启 tcp_tw_recycle？', null, 'later'],
  ['为什么开启 tcp_tw_recycle 后 TIME_WAIT 少了', null, 'later'],
  ['生产环境开启 tcp_tw_recycle 后，TIME_WAIT 降了一半。', 'tw-recycle', 'later'],
  ['别开 tcp_tw_recycle，用 tcp_tw_reuse 就行。', null, 'later'],
  ['不要把 tcp_tw_recycle 的值设为 1。', null, 'later'],
  ['The fix is to enable tcp_tw_recycle on the LB.', 'tw-recycle', 'later'],
  ['You should not enable tcp_tw_recycle.', null, 'later'],
  ['tcp_tw_recycle should never be turned on.', null, 'later'],
  ['tcp_tw_recycle helps with TIME_WAIT exhaustion.', 'tw-recycle', 'later'],
  ['Is it safe to enable tcp_tw_recycle', null, 'later'],
  ['Enabling tcp_tw_recycle caused random connection failures behind the carrier NAT.', null, 'later'],
  ['We had enabled tcp_tw_recycle on these boxes years ago.', null, 'later'],
  ['CLOSE_WAIT 也属于孤儿连接。', 'orphan-close-wait-time-wait', 'later'],
  ['TIME_WAIT 和 CLOSE_WAIT 都是孤儿连接。', 'orphan-close-wait-time-wait', 'later'],
  ['CLOSE_WAIT 并不属于孤儿连接。', null, 'later'],
  ['孤儿连接指的是 FIN_WAIT1 和 LAST_ACK，不包括 CLOSE_WAIT。', null, 'later'],
  ['Orphaned sockets are the ones stuck in CLOSE_WAIT.', 'orphan-close-wait-time-wait', 'later'],
  ['TIME_WAIT sockets are not counted as orphans.', null, 'later'],
  ['tcp_max_tw_buckets 超了之后，所有 TIME_WAIT 会被强制回收。', 'tw-buckets-reset-all', 'later'],
  ['超过 tcp_max_tw_buckets 以后内核不会清除所有 TIME_WAIT，只是不再新建。', null, 'later'],
  ['If TIME_WAIT exceeds tcp_max_tw_buckets, all of them get dropped.', 'tw-buckets-reset-all', 'later'],
  ['When tcp_max_tw_buckets overflows, the kernel does not kill all TIME_WAIT sockets.', null, 'later'],
  ['tcp_orphan_retries=0 意味着孤儿连接不会重试直接释放。', 'orphan-retries-zero', 'later'],
  ['TIME_WAIT 4 分钟？Linux 上不是。', null, 'later'],
  ['TIME_WAIT 的时长不是 4 分钟而是 60 秒。', null, 'later'],
  ['这台机器上 TIME_WAIT 已经持续了 4 分钟以上。', 'tw-four-minutes', 'later'],
  ['Linux 上 TIME_WAIT 其实和 Windows 不一样，不是 4 分钟。', null, 'later'],
  ['TIME_WAIT lasts for 2*MSL which is 4 minutes by default.', 'tw-four-minutes', 'later'],
  ['So TIME_WAIT should not last 4 minutes here.', null, 'later'],
  ['Without keepalive, TIME_WAIT sockets pile up for 4 minutes each.', 'tw-four-minutes', 'later'],
  ['第 3 条说 TIME_WAIT 持续 4 分钟，这在 Linux 上不成立。', null, 'later'],
  ['TIME_WAIT 持续 4 分钟这个结论只适用于 Windows。', null, 'later'],
  ['TIME_WAIT 默认 4 分钟（Linux 上其实是 60 秒）。', null, 'later'],
  ['time_wait 要等待 4 分钟，我们缩短不了，只能用长连接。', 'tw-four-minutes', 'later'],
  ['一个 TIME_WAIT 连接占用端口 4 分钟。', 'tw-four-minutes', 'later'],
  ['tcp_tw_recycle 打开后，来自同一 NAT 出口的请求会被丢弃。', null, 'later'],
  ['开启 tcp_tw_recycle 可以有效减少 TIME_WAIT 数量。', 'tw-recycle', 'later'],
  ['tcp_tw_recycle=1 之后 TIME_WAIT 明显减少。', 'tw-recycle', 'later'],
  ['sysctl -w net.ipv4.tcp_tw_recycle=1 即可快速回收。', 'tw-recycle', 'later'],
  ['如果你的内核是 3.10，可以开启 tcp_tw_recycle。', 'tw-recycle', 'later'],
  ['内核 5.4 上开启 tcp_tw_recycle 会报错。', null, 'later'],
  ['开启 tcp_tw_recycle 没什么用，TIME_WAIT 照样很多。', null, 'later'],
  ['这个问题我们没有开启 tcp_tw_recycle，而是改用长连接解决的。', null, 'later'],
  ['tcp_tw_recycle 和 tcp_tw_reuse 的区别是什么', null, 'later'],
  ['建议：tcp_tw_reuse 开启，tcp_tw_recycle 保持关闭。', null, 'later'],
  ['tcp_tw_recycle 默认是关闭的。', null, 'later'],
  ['tcp_fin_timeout 设置的是 FIN_WAIT2 的超时时间，不是 TIME_WAIT 的。', null, 'later'],
  ['tcp_fin_timeout 调小后，FIN_WAIT2 和 TIME_WAIT 都会变少。', 'fin-timeout-time-wait', 'later'],
  ['减少 TIME_WAIT 的办法：调小 tcp_fin_timeout。', 'fin-timeout-time-wait', 'later'],
  ['调小 tcp_fin_timeout 对 TIME_WAIT 没有任何影响。', null, 'later'],
  ['孤儿连接就是 TIME_WAIT 状态的连接。', 'orphan-close-wait-time-wait', 'later'],
  ['孤儿 socket 是指没有关联到任何文件描述符的 socket，CLOSE_WAIT 不属于这类。', null, 'later'],
  ['大量 CLOSE_WAIT 不是孤儿问题，是应用没有 close。', null, 'later'],
  ['orphan 数是 sockstat 里的值，和 TIME_WAIT 无关。', null, 'later'],
  ['tcp_max_tw_buckets 达到上限后，所有 TIME_WAIT 都会被内核直接释放掉。', 'tw-buckets-reset-all', 'later'],
  ['tcp_max_tw_buckets 满了以后，新的连接关闭时不会进入 TIME_WAIT，而是直接释放。', null, 'later'],
  ['所有机器都把 tcp_max_tw_buckets 调成了 5000，TIME_WAIT 被清理的频率变高。', null, 'later'],
  ['All hosts run with tcp_max_tw_buckets 5000 and close connections quickly.', null, 'later'],
  ['TIME_WAIT went away after 4 minutes.', null, 'later'],
  ['In TIME_WAIT, sockets are kept for 4 minutes so that delayed segments die out.', 'tw-four-minutes', 'later'],
  ['The TIME_WAIT timeout is four minutes on most systems.', 'tw-four-minutes', 'later'],
  ['I always thought TIME_WAIT lasts 4 minutes.', null, 'later'],
  ['TIME_WAIT does last 4 minutes on Windows Server.', null, 'later'],
  ['Setting tcp_fin_timeout to 10 will make TIME_WAIT sockets expire faster.', 'fin-timeout-time-wait', 'later'],
  ['tcp_fin_timeout does nothing for TIME_WAIT.', null, 'later'],
  ['Recommendation: enable tcp_tw_reuse, not tcp_tw_recycle.', null, 'later'],
  ['Turn on tcp_tw_recycle only if no client is behind NAT.', null, 'later'],
  ['Enable tcp_tw_recycle to speed up TIME_WAIT recycling.', 'tw-recycle', 'later'],
  ['CLOSE_WAIT connections are basically orphans.', 'orphan-close-wait-time-wait', 'later'],
  ['Orphans are not the same as CLOSE_WAIT sockets.', null, 'later'],
  ['Beyond tcp_max_tw_buckets the kernel resets every TIME_WAIT connection.', 'tw-buckets-reset-all', 'later'],
  ['Beyond tcp_max_tw_buckets the kernel never resets existing TIME_WAIT connections; all it does is skip new ones.', null, 'later'],
  ['tcp_orphan_retries 0 means orphans are killed immediately.', 'orphan-retries-zero', 'later'],
  // ---- written after the rules were done, paraphrasing common blog and glossary text; run once as a check
  // (27 of 30 right at first; the 默认为 ≠ 认为 fix and "guides" as attribution came from it) ----
  ['net.ipv4.tcp_tw_recycle = 1：开启 TIME-WAIT sockets 的快速回收（默认为 0，即关闭）。', 'tw-recycle', 'held-out'],
  ['tcp_max_tw_buckets 表示系统同时保持 TIME_WAIT 的最大数量，超过这个数字，TIME_WAIT 将立刻被全部清除。', 'tw-buckets-reset-all', 'held-out'],
  ['对于 tcp_tw_recycle，其实是违反 TCP 协议的，负载不大时尽量不要打开。', null, 'held-out'],
  ['TIME_WAIT 会在主动关闭的一方持续 2*MSL，也就是 4 分钟。', 'tw-four-minutes', 'held-out'],
  ['开启后 tcp_tw_recycle 会让 time_wait 在一秒内回收。', 'tw-recycle', 'held-out'],
  ['在 NAT 环境下 tcp_tw_recycle 可能导致连接问题，需谨慎。', null, 'held-out'],
  ['比危险的 tcp_tw_recycle 更安全的是 tcp_tw_reuse。', null, 'held-out'],
  ['孤立连接包括处于 TIME_WAIT、FIN_WAIT_1、FIN_WAIT_2 等状态的连接。', null, 'held-out'],
  ['可以通过 tcp_orphan_retries = 0 减少 orphan socket 的产生，孤儿连接会直接释放。', 'orphan-retries-zero', 'held-out'],
  ['CLOSE_WAIT 一般会维持至少 2 个小时。', null, 'held-out'],
  ['Server 处于 CLOSE_WAIT 说明应用还没有调用 close。', null, 'held-out'],
  ['TIME_WAIT 并不会占用很大资源，只要控制在一定范围内。', null, 'held-out'],
  ['减少 FIN_WAIT2 状态的超时时间：net.ipv4.tcp_fin_timeout = 30。', null, 'held-out'],
  ['通过减小 tcp_fin_timeout 来缩短 TIME_WAIT 的超时。', 'fin-timeout-time-wait', 'held-out'],
  ['调整 TIME_WAIT_2 到 TIME_WAIT 的超时时间 tcp_fin_timeout，默认 60s，优化到 30s。', 'fin-timeout-time-wait', 'held-out'],
  ['我们当时为了解决 TIME_WAIT 问题开启了 tcp_tw_recycle，结果移动端用户大量超时。', null, 'held-out'],
  ['tcp_tw_recycle 在 4.12 以后的内核已经没有了。', null, 'held-out'],
  ['Linux 下 TIME_WAIT 为什么是 60 秒而不是 4 分钟？', null, 'held-out'],
  ['Many guides tell you to enable tcp_tw_recycle.', null, 'held-out'],
  ['Enable tcp_tw_reuse and tcp_tw_recycle to reduce TIME_WAIT.', 'tw-recycle', 'held-out'],
  ['tcp_tw_recycle must stay off when clients come through NAT.', null, 'held-out'],
  ['Lowering tcp_fin_timeout does not make TIME_WAIT go away faster.', null, 'held-out'],
  ['tcp_fin_timeout only applies to orphaned FIN_WAIT_2 sockets; TIME_WAIT stays 60 seconds.', null, 'held-out'],
  ['Sockets in CLOSE_WAIT are orphaned by the application.', 'orphan-close-wait-time-wait', 'held-out'],
  ['An orphan is a socket no process holds; CLOSE_WAIT sockets still have an fd.', null, 'held-out'],
  ['If the number of TIME_WAIT sockets exceeds tcp_max_tw_buckets, they are all destroyed immediately.', 'tw-buckets-reset-all', 'held-out'],
  ['Beyond tcp_max_tw_buckets, a closing socket skips TIME_WAIT and TCPTimeWaitOverflow increments.', null, 'held-out'],
  ['With tcp_orphan_retries set to 0 the kernel still retries 8 times.', null, 'held-out'],
  ['TIME_WAIT sockets were still around 4 minutes after the load test ended.', null, 'held-out'],
  // ---- the English audit (s10, finding #14): missed phrasings, a sentence "i.e." cut short, a narrated change ----
  ['Orphaned sockets include CLOSE_WAIT and TIME_WAIT.', 'orphan-close-wait-time-wait', 'audit'],
  ['Set tcp_orphan_retries to 0 to disable FIN retransmissions for orphans.', 'orphan-retries-zero', 'audit'],
  ['Set tcp_orphan_retries=0 so the kernel stops retrying FINs to dead clients.', 'orphan-retries-zero', 'audit'],
  ['The TIME-WAIT state lasts for 2MSL, i.e. four minutes.', 'tw-four-minutes', 'audit'],
  ['The old runbook enabled tcp_tw_recycle on every frontend.', null, 'audit'],
  // ---- in the English audit's notes 04 and 09, flagged though the audit did not report them: a claim denied after a
  // dash, a struck-out option ----
  ['- Lower `tcp_fin_timeout` hoping to shorten TIME_WAIT — it does not; it only bounds orphaned FIN-WAIT-2.', null, 'audit'],
  ['4. ~~`tcp_tw_recycle = 1`~~ — no', null, 'audit'],
  ['~~Enable tcp_tw_recycle on the LB.~~', null, 'later'],
  ['Lowering tcp_fin_timeout shortens TIME_WAIT? It does not.', null, 'later'],
  ['Lower tcp_fin_timeout so TIME_WAIT sockets do not pile up.', 'fin-timeout-time-wait', 'later'],
  ['Enable tcp_tw_recycle, and if TIME_WAIT does not drop, restart nginx.', 'tw-recycle', 'later'],
  // ---- tried while the English rules of s10 changed: the neighbours of each fix, claims and silent ones ----
  ['Orphans include FIN_WAIT1, LAST_ACK and CLOSE_WAIT sockets.', 'orphan-close-wait-time-wait', 'later'],
  ['Orphaned connections, including those in TIME_WAIT, count against tcp_max_orphans.', 'orphan-close-wait-time-wait', 'later'],
  ['Orphans include FIN_WAIT1 and LAST_ACK, not CLOSE_WAIT.', null, 'later'],
  ['Orphaned sockets never include CLOSE_WAIT.', null, 'later'],
  ['The orphan count in sockstat and the TIME_WAIT count in ss differ.', null, 'later'],
  ['With tcp_orphan_retries=0 the kernel does not retry the FIN.', 'orphan-retries-zero', 'later'],
  ['Setting tcp_orphan_retries to 0 stops FIN retransmission for orphans.', 'orphan-retries-zero', 'later'],
  ['tcp_orphan_retries=0 does not disable FIN retransmissions.', null, 'later'],
  ['tcp_orphan_retries 设为 0 不代表不重传。', null, 'later'],
  ['With tcp_orphan_retries at 0 orphans keep retrying rather than being dropped immediately.', null, 'later'],
  ['tcp_tw_recycle should be enabled on the LB.', 'tw-recycle', 'later'],
  ['Make sure you have enabled tcp_tw_recycle on the proxies.', 'tw-recycle', 'later'],
  ['With tcp_tw_recycle enabled, TIME_WAIT goes away quickly.', 'tw-recycle', 'later'],
  ['Someone ran sysctl -w net.ipv4.tcp_tw_recycle=1 on lb-2.', null, 'later'],
  ['14:05 enabled tcp_tw_recycle on lb-3', null, 'later'],
  ['Ops turned on tcp_tw_recycle on the edge in March.', null, 'later'],
  ['Enable tcp_tw_recycle instead of lowering tcp_fin_timeout.', 'tw-recycle', 'later'],
  ['Use long-lived connections instead of enabling tcp_tw_recycle.', null, 'later'],
  ['Rather than enabling tcp_tw_recycle, reuse connections.', null, 'later'],
  ['tcp_tw_recycle frees TIME_WAIT sockets fast, so enable it.', 'tw-recycle', 'later'],
  ['tcp_tw_recycle relies on tcp_timestamps, so turn it on first.', null, 'later'],
  ['TIME_WAIT peaked four minutes into the test.', null, 'later'],
  ['Page the on-call when TIME_WAIT stays above 20k for 4 minutes.', null, 'later'],
  ['TIME_WAIT sockets hang around for four minutes.', 'tw-four-minutes', 'later'],
  ['After lowering tcp_fin_timeout, TIME_WAIT stayed flat.', null, 'later'],
  ['Lower tcp_fin_timeout so TIME_WAIT sockets are freed sooner.', 'fin-timeout-time-wait', 'later'],
  ['TIME_WAIT stayed high for 4 minutes after the restart.', null, 'later'],
  ['Enabled tcp_tw_recycle to fix TIME_WAIT exhaustion.', null, 'later'],
  ['Apply net.ipv4.tcp_tw_recycle=1 to every host.', 'tw-recycle', 'later'],
  ['The script applied net.ipv4.tcp_tw_recycle=1 to every host.', null, 'later'],
  ['tcp_tw_recycle is off, and SO_REUSEADDR helps, so enable it.', null, 'later'],
  ['Orphans include FIN_WAIT1 sockets whose peer is in CLOSE_WAIT.', null, 'later'],
  ['tcp_orphan_retries=0 doesn\'t stop retries.', null, 'later'],
  ['TIME_WAIT lasts four minutes, i.e. 2MSL.', 'tw-four-minutes', 'later'],
  ['Enable tcp_tw_reuse rather than tcp_tw_recycle.', null, 'later'],
  ['TIME_WAIT lasts 4 minutes instead of 2.', 'tw-four-minutes', 'later'],
  ['After we lowered tcp_fin_timeout the TIME_WAIT count remained at 30k.', null, 'later'],
  // ---- 30 written before the English fixes of s10, as runbooks and postmortems put it; run once before them
  // (11 of 15 claims found, 4 of 15 false alarms) and after (14 of 15, 0 of 15; the miss is named above) ----
  ['Per the runbook, TIME_WAIT holds the port for four minutes before it can be reused.', 'tw-four-minutes', 'held-out-en'],
  ['Remediation: set net.ipv4.tcp_tw_recycle=1 on the ingress nodes.', 'tw-recycle', 'held-out-en'],
  ['Action item: lower net.ipv4.tcp_fin_timeout to 20 so TIME_WAIT sockets clear faster.', 'fin-timeout-time-wait', 'held-out-en'],
  ['Each closed connection ties up its ephemeral port in TIME_WAIT for 240 seconds.', 'tw-four-minutes', 'held-out-en'],
  ['The leaked CLOSE_WAIT connections are orphaned sockets, so tcp_max_orphans caps them.', 'orphan-close-wait-time-wait', 'held-out-en'],
  ['tcp_orphan_retries=0 makes the kernel drop orphaned sockets immediately instead of retrying.', 'orphan-retries-zero', 'held-out-en'],
  ['With tcp_orphan_retries at 0, orphaned FIN_WAIT1 sockets are never retransmitted.', 'orphan-retries-zero', 'held-out-en'],
  ['If we hit tcp_max_tw_buckets, the kernel flushes the whole TIME_WAIT table.', 'tw-buckets-reset-all', 'held-out-en'],
  ['TIME_WAIT is 2MSL, which on Linux works out to 4 minutes.', 'tw-four-minutes', 'held-out-en'],
  ['tcp_fin_timeout sets how long sockets sit in TIME_WAIT, so we dropped it to 30.', 'fin-timeout-time-wait', 'held-out-en'],
  ['Sockets in TIME_WAIT count as orphans in /proc/net/sockstat.', 'orphan-close-wait-time-wait', 'held-out-en'],
  ['Contributing factor: TIME_WAIT sockets live for 4 minutes, so bursts of short connections exhaust the port range.', 'tw-four-minutes', 'held-out-en'],
  ['Keep tcp_fin_timeout low (e.g. 15) so TIME_WAIT sockets are freed sooner.', 'fin-timeout-time-wait', 'held-out-en'],
  ['tcp_tw_recycle lets the server reuse TIME_WAIT sockets quickly, so turn it on for the API tier.', 'tw-recycle', 'held-out-en'],
  ['We enabled tcp_tw_recycle in 2016 and reverted it after the NAT incident.', null, 'held-out-en'],
  ['The old sysctl.conf still set tcp_tw_recycle = 1, which made sysctl -p fail on the 5.10 hosts.', null, 'held-out-en'],
  ['TIME_WAIT peaked at 28k about four minutes into the load test.', null, 'held-out-en'],
  ['Linux keeps TIME_WAIT for 60 seconds, while the 4 minute figure comes from RFC 793.', null, 'held-out-en'],
  ['tcp_fin_timeout only affects FIN_WAIT2, and TIME_WAIT is hard-coded to 60 s.', null, 'held-out-en'],
  ['CLOSE_WAIT sockets still belong to the process, so they never show up in the orphan count.', null, 'held-out-en'],
  ['When the TIME_WAIT count reached tcp_max_tw_buckets, new closes skipped TIME_WAIT and TCPTimeWaitOverflow rose.', null, 'held-out-en'],
  ['Setting tcp_orphan_retries to 0 still leaves 8 retries while the RTO is short.', null, 'held-out-en'],
  ['Lowering tcp_orphan_retries to 3 made stuck FIN_WAIT1 orphans go away sooner.', null, 'held-out-en'],
  ['During the incident someone ran sysctl -w net.ipv4.tcp_tw_recycle=1 on lb-2.', null, 'held-out-en'],
  ['The previous on-call turned on tcp_tw_recycle to stop the alerts.', null, 'held-out-en'],
  ['Root cause: the AMI shipped with tcp_tw_recycle enabled, which broke clients behind NAT.', null, 'held-out-en'],
  ['Our dashboards alert when TIME_WAIT stays above 20k for 4 minutes.', null, 'held-out-en'],
  ['TIME_WAIT on Linux vs. Windows: 60 s vs. 4 minutes (TcpTimedWaitDelay).', null, 'held-out-en'],
  ['The 14:02 deploy set tcp_fin_timeout to 15, and TIME_WAIT stayed flat at 9k.', null, 'held-out-en'],
  // ---- audit s13 (a held-out check set's misses and false alarms, and guards written with their fixes) ----
  ['Enable tw_recycle on the load balancers.', 'tw-recycle', 'audit-s13'],
  ['TIME_WAIT 过多：打开 tw_recycle 即可。', 'tw-recycle', 'audit-s13'],
  ['TIME_WAIT 太多的话把 fin_timeout 改小一点就行。', 'fin-timeout-time-wait', 'audit-s13'],
  ['Once TIME_WAIT reaches max_tw_buckets the kernel drops all TIME_WAIT entries.', 'tw-buckets-reset-all', 'audit-s13'],
  ['With orphan_retries at zero the kernel gives up on the FIN right away.', 'orphan-retries-zero', 'audit-s13'],
  ['With orphan retries at zero the kernel gives up on the FIN right away.', 'orphan-retries-zero', 'audit-s13'],
  ['tw sockets hang around for 4 minutes on Linux.', 'tw-four-minutes', 'audit-s13'],
  ['The orphaned sockets in sockstat are the TIME_WAIT ones.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['Too many orphaned sockets means too many TIME_WAIT connections.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['An orphan is a socket in CLOSE_WAIT.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['An orphan socket is basically a connection stuck in CLOSE_WAIT.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['TIME_WAIT sockets count against tcp_max_orphans.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['CLOSE_WAIT means the socket is orphaned.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['Kill the orphaned CLOSE_WAIT connections with ss -K.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['We have 30k orphaned CLOSE_WAIT sockets.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['The orphan count went up because of the CLOSE_WAIT sockets.', 'orphan-close-wait-time-wait', 'audit-s13'],
  ['直接开 tcp_tw_recycle 就完事了', 'tw-recycle', 'audit-s13'],
  ['tcp_tw_recycle 开一下，TIME_WAIT 立马降下来。', 'tw-recycle', 'audit-s13'],
  ['Flip tcp_tw_recycle on and the TIME_WAIT count drops.', 'tw-recycle', 'audit-s13'],
  ['把 tcp_orphan_retries 调成 0 就能让 FIN_WAIT1 立刻消失。', 'orphan-retries-zero', 'audit-s13'],
  ['Linux 上 TIME_WAIT 为 2MSL，MSL 是 2 分钟。', 'tw-four-minutes', 'audit-s13'],
  ['Suggested fix: enable tcp_tw_recycle.', 'tw-recycle', 'audit-s13'],
  ['Highly recommended: enable tcp_tw_recycle.', 'tw-recycle', 'audit-s13'],
  ['If TIME_WAIT piles up, enable tcp_tw_recycle.', 'tw-recycle', 'audit-s13'],
  ['Bob suggested: just enable tcp_tw_recycle.', null, 'audit-s13'],
  ['He told us to enable tcp_tw_recycle, which we did not do.', null, 'audit-s13'],
  ['If TIME_WAIT lasted 4 minutes on Linux, we would have run out of ports long ago.', null, 'audit-s13'],
  ['如果 TIME_WAIT 真的要 4 分钟，端口早就耗尽了。', null, 'audit-s13'],
  ['把 sysctl.conf 里的 tcp_tw_recycle = 1 删掉。', null, 'audit-s13'],
  ['If tcp_orphan_retries is 0 and the RTO has hit 120 s, the orphan is not retransmitted again.', null, 'audit-s13'],
  ['tcp_orphan_retries = 0 and a soft ICMP error: the orphan gets no more retries once the RTO is at its maximum.', null, 'audit-s13'],
  ['TODO: confirm TIME_WAIT lasts 4 minutes on our kernel', null, 'audit-s13'],
  ['When the app crashes its CLOSE_WAIT sockets become orphans.', null, 'audit-s13'],
  ['Non-orphaned CLOSE_WAIT sockets keep their fd.', null, 'audit-s13'],
  ['开发环境里 tcp_tw_recycle 是关的。', null, 'audit-s13'],
  ['别开 tcp_tw_recycle，NAT 后面的客户端会出问题。', null, 'audit-s13'],
  ['MSL is 2 minutes in RFC 793, so TIME_WAIT there is 4 minutes.', null, 'audit-s13'],
];

const CJK = /[\u4e00-\u9fff]/;

function measure(rows: typeof PROBE) {
  let claims = 0;
  let found = 0;
  let silent = 0;
  let falseAlarms = 0;
  for (const [text, rule] of rows) {
    const got = findMisconceptions(text).map((f) => f.rule);
    if (rule) {
      claims++;
      if (got.length === 1 && got[0] === rule) found++;
    } else {
      silent++;
      if (got.length > 0) falseAlarms++;
    }
  }
  return { claims, found, silent, falseAlarms };
}

test('the probe: at least 30 rows, claims and silent rows in both languages, every rule among the claims', () => {
  assert.ok(PROBE.length >= 30);
  for (const want of [true, false]) {
    assert.ok(PROBE.some(([t, r]) => CJK.test(t) === want && r !== null), `claims, ${want ? 'zh' : 'en'}`);
    assert.ok(PROBE.some(([t, r]) => CJK.test(t) === want && r === null), `silent rows, ${want ? 'zh' : 'en'}`);
  }
  const rules = new Set(PROBE.map(([, r]) => r));
  for (const r of ['tw-four-minutes', 'fin-timeout-time-wait', 'tw-recycle', 'orphan-retries-zero', 'tw-buckets-reset-all', 'orphan-close-wait-time-wait']) assert.ok(rules.has(r as Rule), r);
});

test('recall and false alarms on the probe (reported; every row is checked below)', (t) => {
  for (const [label, rows] of [
    ['all', PROBE],
    ['zh', PROBE.filter(([s]) => CJK.test(s))],
    ['en', PROBE.filter(([s]) => !CJK.test(s))],
    ['audit rows', PROBE.filter(([, , from]) => from === 'audit')],
    ['held-out rows', PROBE.filter(([, , from]) => from === 'held-out')],
    ['held-out-en rows', PROBE.filter(([, , from]) => from === 'held-out-en')],
    ['audit s13 rows', PROBE.filter(([, , from]) => from === 'audit-s13')],
  ] as const) {
    const m = measure(rows);
    t.diagnostic(`${label}: claims found ${m.found}/${m.claims} (${((m.found / m.claims) * 100).toFixed(1)} %), false alarms ${m.falseAlarms}/${m.silent}`);
  }
});

for (const [text, rule] of PROBE) {
  test(`${rule ?? 'silent'}: ${text}`, () => {
    assert.deepEqual(findMisconceptions(text).map((f) => f.rule), rule ? [rule] : []);
  });
}
