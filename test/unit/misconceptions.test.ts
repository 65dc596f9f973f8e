/**
 * Misconception rules: each one flags the wrong claim in English and Chinese sentences, and never flags a
 * correct or qualified statement, a heading, a URL or a refutation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMisconceptions, MISCONCEPTION_RULES } from '../../src/core/knowledge/misconceptions';
import { explainMisconception } from '../../src/core/knowledge/explainMisconception';
import { noteLines, proseOf } from '../../src/core/knowledge/noteLines';
import { rng } from '../../bench/generate';

function rules(text: string): string[] {
  return findMisconceptions(text).map((f) => f.rule);
}

const CASES: Record<string, { positive: string[]; negative: string[] }> = {
  'tw-four-minutes': {
    positive: [
      'TIME_WAIT lasts 4 minutes, so the ports run out quickly.',
      'A socket stays in TIME-WAIT for four minutes after close.',
      'TIME_WAIT 状态会持续 4 分钟，端口很快就用完了。',
      '主动关闭方进入TIME_WAIT，要等待2MSL也就是四分钟才会释放。',
      '- TIME_WAIT: 240 seconds',
    ],
    negative: [
      'RFC 793 suggests an MSL of 2 minutes, so TIME-WAIT would last 4 minutes.',
      'On Windows TIME_WAIT defaults to 240 seconds (TcpTimedWaitDelay).',
      'TIME_WAIT lasts 60 s on Linux, not 4 minutes.',
      'The myth that TIME_WAIT lasts four minutes is wrong on Linux.',
      'RFC 规定 TIME_WAIT 为 2MSL，即 4 分钟；Linux 固定为 60 秒。',
      'Windows 上 TIME_WAIT 默认 4 分钟。',
      'TIME_WAIT 并不是 4 分钟。',
      '网上很多文章说 TIME_WAIT 会持续 4 分钟。',
      'Some people claim that TIME_WAIT lasts four minutes.',
      'The job runs every 4 minutes.',
    ],
  },
  'fin-timeout-time-wait': {
    positive: [
      'Lower tcp_fin_timeout to reduce TIME_WAIT sockets.',
      'net.ipv4.tcp_fin_timeout controls how long TIME_WAIT lasts.',
      '调小 tcp_fin_timeout 可以缩短 TIME_WAIT 的时间。',
      '通过`net.ipv4.tcp_fin_timeout`控制TIME_WAIT时长。',
    ],
    negative: [
      'tcp_fin_timeout does not change TIME_WAIT; it bounds orphaned FIN_WAIT2.',
      'tcp_fin_timeout only affects FIN-WAIT-2; TIME_WAIT is fixed at 60 s.',
      'tcp_fin_timeout 并不能缩短 TIME_WAIT。',
      'tcp_fin_timeout 控制 FIN_WAIT2 的超时，TIME_WAIT 是常量。',
      'Set tcp_fin_timeout to 30.',
    ],
  },
  'tw-recycle': {
    positive: [
      'Enable tcp_tw_recycle to get rid of TIME_WAIT faster.',
      'Run `sysctl -w net.ipv4.tcp_tw_recycle=1` on the proxy.',
      '开启 tcp_tw_recycle 可以快速回收 TIME_WAIT。',
      '把net.ipv4.tcp_tw_recycle设为1。',
      '```sh\nsysctl -w net.ipv4.tcp_tw_recycle=1\n```',
      '```\necho 1 > /proc/sys/net/ipv4/tcp_tw_recycle\n```',
      '```conf\nnet.ipv4.tcp_tw_recycle = 1\n```',
      '```\n# sysctl -w net.ipv4.tcp_tw_recycle=1\n```',
    ],
    negative: [
      'tcp_tw_recycle was removed in 4.12.',
      'Do not enable tcp_tw_recycle: it breaks clients behind NAT.',
      'tcp_tw_recycle 已在 4.12 内核中移除。',
      '不要开启 tcp_tw_recycle。',
      '## net.ipv4.tcp_tw_recycle',
      'See https://example.com/enable-tcp_tw_recycle=1 for history.',
      '```conf\n# net.ipv4.tcp_tw_recycle = 1  (removed in 4.12)\n```',
      '```\nnet.ipv4.tcp_tw_recycle = 0\n```',
      'tcp_tw_recycle defaults to 0.',
      'Enabling tcp_tw_recycle on the new hosts failed: sysctl: cannot stat /proc/sys/net/ipv4/tcp_tw_recycle: No such file or directory',
      'Setting tcp_tw_recycle to 1 gives "unknown key" there.',
    ],
  },
  'orphan-retries-zero': {
    positive: [
      'Set tcp_orphan_retries to 0 so orphans are not retransmitted.',
      'tcp_orphan_retries = 0 means no retransmission at all.',
      'tcp_orphan_retries 设为 0 表示不重传，孤儿立即释放。',
      '把tcp_orphan_retries改成0，孤儿就不会重传了。',
    ],
    negative: [
      'tcp_orphan_retries 0 does not mean no retransmission: the kernel uses 8.',
      'tcp_orphan_retries defaults to 0, which means 8 retries for a live connection.',
      'tcp_orphan_retries 为 0 时其实按 8 次重传。',
      'tcp_orphan_retries 默认为 0。',
      'We lowered tcp_orphan_retries to 3.',
    ],
  },
  'tw-buckets-reset-all': {
    positive: [
      'Once tcp_max_tw_buckets is exceeded all TIME_WAIT sockets are reset.',
      'When TIME_WAIT exceeds tcp_max_tw_buckets the kernel clears every TIME_WAIT entry.',
      '超过 tcp_max_tw_buckets 后，所有 TIME_WAIT 连接都会被清除。',
      'TIME_WAIT数量超过tcp_max_tw_buckets时内核会把全部TIME_WAIT重置。',
    ],
    negative: [
      'Past tcp_max_tw_buckets new TIME_WAIT sockets are not created and TCPTimeWaitOverflow goes up.',
      'tcp_max_tw_buckets does not reset all TIME_WAIT sockets.',
      '超过 tcp_max_tw_buckets 时不会清除已有的 TIME_WAIT。',
      'tcp_max_tw_buckets limits all TIME_WAIT sockets of the namespace.',
    ],
  },
  'orphan-close-wait-time-wait': {
    positive: [
      'CLOSE_WAIT sockets are orphans left by the application.',
      'TIME_WAIT connections are orphan sockets.',
      'Orphan sockets are just the TIME_WAIT ones.',
      'CLOSE_WAIT 状态的连接就是孤儿连接。',
      '孤儿socket就是处于TIME_WAIT的连接。',
      // 包括 / 计入 (audit s12 ZH 4).
      '孤儿连接（orphan socket）包括 FIN_WAIT1、LAST_ACK、CLOSE_WAIT 等状态。',
      'orphan 里包括 TIME_WAIT 和 CLOSE_WAIT。',
      'CLOSE_WAIT 状态的 socket 会计入 /proc/net/sockstat 的 orphan。',
      'TIME_WAIT 的连接会计入 orphan。',
    ],
    negative: [
      '孤儿连接包括 FIN_WAIT1、LAST_ACK 和 CLOSING，不包括 CLOSE_WAIT。',
      'CLOSE_WAIT 不会计入 sockstat 的 orphan。',
      'TIME_WAIT 计入 sockstat 的 tw，不计入 orphan。',
      'orphan 里没有 TIME_WAIT。',
      '孤儿连接数有时比 TIME_WAIT 还多。',
      'orphan 计数有别于 TIME_WAIT 计数。',
      // Attributed, or taken back by the next sentence (audit s12 EN 9, ZH 3).
      '同事说：CLOSE_WAIT 也是孤儿连接。',
      '同事说：CLOSE_WAIT 也是孤儿连接。——这是错的。',
      'Note from the bridge call: "CLOSE_WAIT sockets are orphans". Not true, the process still holds the fd.',
      'CLOSE_WAIT sockets are orphans. That is wrong.',
      'CLOSE_WAIT sockets are not orphans: the fd is still open.',
      'TIME_WAIT is never an orphan.',
      'TIME_WAIT 不是孤儿。',
      'Orphans are FIN_WAIT1, CLOSING and LAST_ACK sockets.',
      'CLOSE_WAIT 说明应用没有调用 close()。',
      'Check orphan counts and TIME_WAIT counts in sockstat.',
    ],
  },
  'orphan-limit-per-netns': {
    positive: [
      'tcp_max_orphans is per network namespace, so each container has its own limit.',
      'The orphan count in /proc/net/sockstat is per netns.',
      'Each container has its own tcp_max_orphans.',
      'Orphans are counted per container, so one noisy pod cannot hit the host limit.',
      'net.ipv4.tcp_max_orphans can be set per pod.',
      'Every pod gets its own orphan limit.',
      'The `orphan` field of sockstat is namespaced.',
      'The orphan limit is scoped to the container.',
      'The per-netns tcp_max_orphans keeps one container from starving the others.',
      '每个容器都有自己的 tcp_max_orphans。',
      '每个 pod 都有自己的 tcp_max_orphans，互不影响。',
      'sockstat 里的 orphan 是本 netns 的。',
      'tcp_max_orphans 是按 netns 隔离的，容器之间互不影响。',
      'orphan 计数是每个容器独立的。',
      '容器里 /proc/net/sockstat 的 orphan 只统计当前容器的孤儿。',
      'orphan 和 tw 都是按 netns 统计的。',
      '孤儿连接上限是 per-netns 的。',
      'tcp_max_orphans 可以在每个 pod 里单独设置。',
      // Written after the rule as a check (first run, both rules: 36 of 40 right, no false alarm; the 4 misses fixed).
      'In Kubernetes, tcp_max_orphans is namespaced, so set it in the pod securityContext.',
      'Each network namespace gets its own tcp_max_orphans value.',
      'The orphan counter is tracked per network namespace.',
      'sockstat orphan only counts the pod\'s own orphans.',
      'tcp_max_orphans applies per container.',
      '容器内的 tcp_max_orphans 是独立的。',
      '每个 netns 都有独立的孤儿上限。',
      'tcp_max_orphans 是 netns 级别的参数。',
      '/proc/net/sockstat 中的 orphan 是按容器统计的。',
      '孤儿数量是每个 pod 自己的。',
    ],
    negative: [
      'tcp_max_orphans is global, not per network namespace.',
      'tcp_max_orphans is not per-netns: all containers share one limit.',
      'tcp_max_orphans 不分 netns，所有容器共用一个上限。',
      'tcp_max_orphans 不是 per-netns 的。',
      'sockstat 里的 orphan 不是本 netns 的，容器里看到的是整机的数。',
      'The tw count in sockstat is per netns.',
      'tcp_max_tw_buckets is per network namespace.',
      'tcp_max_tw_buckets 是每个 netns 独立的。',
      'Each container has its own tcp_max_tw_buckets.',
      'inuse and tw are per netns, while orphan is host-wide.',
      'The orphan count is global, but tw is per netns.',
      'orphan 是全局的而 tw 是按 netns 的。',
      'tcp_max_orphans 是全局的，tcp_max_tw_buckets 才是 per-netns 的。',
      '在容器里 cat /proc/net/sockstat，orphan 显示的是宿主机的总数。',
      '每个容器看到的 orphan 数都一样，都是整机的。',
      'Orphans of every container count against the one host-wide tcp_max_orphans.',
      'Each container sees the host-wide orphan count.',
      'Unlike tcp_max_tw_buckets, tcp_max_orphans is not namespaced.',
      'Is tcp_max_orphans per netns?',
      'tcp_max_orphans 是按 netns 隔离的吗？',
      'It is a myth that each container has its own tcp_max_orphans.',
      '有人说每个容器都有自己的 tcp_max_orphans，其实不是。',
      'Bob thought tcp_max_orphans was per container.',
      'We wanted a per-container orphan limit, but the kernel has none.',
      '```\n$ cat /proc/net/sockstat   # orphan is host-wide, tw is per netns\nTCP: inuse 12 orphan 300 tw 40 alloc 20 mem 5\n```',
      'TCP: inuse 12 orphan 300 tw 40 alloc 20 mem 5 (per netns: inuse, tw)',
      'Plot the orphan count per container next to tw.',
      'tcp_max_orphans per pod is not possible.',
      '按容器统计孤儿数做不到，它是整机的。',
      'tcp_max_orphans is a host-wide limit shared by all containers.',
      'In a container, /proc/net/sockstat still shows the host\'s orphan count.',
      'tw in sockstat is per netns, so compare it with the pod\'s tcp_max_tw_buckets.',
      'Containers do not get their own tcp_max_orphans.',
      'tcp_max_orphans 对整台机器生效，不按容器区分。',
      '容器里看不到 tcp_max_orphans，只能在宿主机上改。',
      'sockstat 的 tw 和 inuse 是本 netns 的，orphan 是整机的。',
      'Does each container have its own orphan limit?',
      'We thought the orphan count was per container until we read proc.c.',
      'tcp_fin_timeout and tcp_orphan_retries are per netns.',
      // Review s15: a denial after the subject.
      'A per-container orphan limit does not exist.',
      '按容器区分的孤儿上限并不存在。',
    ],
  },
  'tw-holds-fd': {
    positive: [
      'TIME_WAIT sockets hold a file descriptor until they expire.',
      'Each TIME_WAIT connection still occupies an fd.',
      'Sockets in TIME_WAIT count against the ulimit -n of the process.',
      'We get "too many open files" because of the TIME_WAIT sockets.',
      'Connections stuck in TIME_WAIT are eating up our file descriptors.',
      'tw sockets keep their fds open for 60 s.',
      'File descriptors are held by TIME_WAIT sockets for 60 seconds.',
      'Both TIME_WAIT and CLOSE_WAIT sockets hold fds.',
      'TIME_WAIT connections cause "Too many open files" errors.',
      'TIME_WAIT 连接会占用文件描述符。',
      '每个 TIME_WAIT 都占着一个 fd，所以要调大 ulimit -n。',
      'TIME_WAIT 过多导致 too many open files。',
      '大量 fd 被 TIME_WAIT 占用。',
      'TIME_WAIT 的 socket 也计入进程的 nofile 限制。',
      'TIME_WAIT 和 CLOSE_WAIT 都会占用 fd。',
      'TIME_WAIT 状态的连接仍然持有文件句柄。',
      // Written after the rule as a check (first run, both rules: 36 of 40 right, no false alarm; the 4 misses fixed).
      'TIME_WAIT sockets use file descriptors, so raise nofile.',
      'A socket in TIME_WAIT still has an open file descriptor.',
      'TIME_WAIT connections count toward the process open files limit.',
      'The "too many open files" errors are due to TIME_WAIT.',
      'TIME_WAIT 过多会耗尽文件描述符。',
      'TIME_WAIT 连接每个都占用一个句柄。',
      'too many open files 是因为 TIME_WAIT 太多。',
      'TIME_WAIT 会占满 fd，导致服务无法接受新连接。',
      'Each TIME_WAIT socket takes up a file descriptor for 60 seconds.',
      'tw sockets hold file descriptors.',
    ],
    negative: [
      'CLOSE_WAIT sockets hold their file descriptor until the application calls close().',
      'CLOSE_WAIT 会一直占用 fd，直到应用调用 close()。',
      'A TIME_WAIT socket holds no file descriptor, only its local port.',
      'TIME_WAIT 不占用文件描述符，只占用端口和少量内存。',
      'CLOSE_WAIT 会占用 fd，TIME_WAIT 不会。',
      'CLOSE_WAIT 占着 fd，而 TIME_WAIT 占着端口。',
      'Unlike CLOSE_WAIT, a TIME_WAIT socket holds no fd.',
      'TIME_WAIT sockets do not count against ulimit -n.',
      'TIME_WAIT sockets count against tcp_max_tw_buckets, not against nofile.',
      'TIME_WAIT holds the local port for 60 s.',
      'TIME_WAIT holds the port; CLOSE_WAIT holds the fd.',
      'Do TIME_WAIT sockets hold a file descriptor?',
      'TIME_WAIT 会占用 fd 吗？',
      'It is a myth that TIME_WAIT sockets count against ulimit -n.',
      '有人说 TIME_WAIT 会占用 fd，其实不会。',
      'Too many open files came from the CLOSE_WAIT leak, not from TIME_WAIT.',
      'We saw "too many open files" while TIME_WAIT was at 30k.',
      'lsof does not list TIME_WAIT sockets because no process holds them.',
      'ss -tanp shows no process for TIME_WAIT rows: the fd is already closed.',
      'TIME_WAIT 状态下应用已经关闭了 fd。',
      'fd 泄漏导致 CLOSE_WAIT 堆积，最终 too many open files。',
      'Raising ulimit -n did not help with TIME_WAIT.',
      '当时我们以为 TIME_WAIT 占用了 fd。',
      'nginx: accept4() failed (24: Too many open files), TIME_WAIT 12034',
      '```\n$ ss -tanp state time-wait   # no users:(...) column: no fd\n```',
      'The application closes its fd, and then the socket enters TIME_WAIT.',
      'TIME_WAIT sockets hold a local port and some memory, not a file descriptor.',
      'CLOSE_WAIT piles up and eats file descriptors until "too many open files".',
      'TIME_WAIT 只占端口，不占 fd。',
      'CLOSE_WAIT 太多导致 too many open files。',
      'After close() the fd is gone; the TIME_WAIT entry lives on in the kernel.',
      'TIME_WAIT 不会计入 ulimit -n。',
      'The process had 65k fds open and 30k TIME_WAIT sockets.',
      'Check ls /proc/$PID/fd | wc -l and the TIME_WAIT count side by side.',
      '为什么 TIME_WAIT 不占用 fd？',
      'TIME_WAIT sockets do not show up in lsof because they have no fd.',
      // Review s15: the descriptor said to be closed.
      'TIME_WAIT sockets have their file descriptors closed already; only the port stays.',
      'TIME_WAIT 连接对应的文件描述符早已关闭，只剩端口。',
      'TIME_WAIT 连接对应的 fd 已经被 close 了。',
    ],
  },
  // Audit s16 zh: three common wrong claims with no rule before.
  'close-wait-sysctl': {
    positive: [
      '调大 tcp_max_tw_buckets 能解决 CLOSE_WAIT 的问题。',
      '开启 tcp_tw_reuse 可以减少 CLOSE_WAIT。',
      'CLOSE_WAIT 过多可以通过调小 tcp_fin_timeout 来解决。',
      'CLOSE_WAIT 太多的话，把 net.ipv4.tcp_max_tw_buckets 调大就行。',
      '调小 tcp_fin_timeout，让 CLOSE_WAIT 更快释放。',
      'CLOSE_WAIT 的超时时间由 tcp_fin_timeout 决定。',
      'CLOSE_WAIT 连接超过 tcp_fin_timeout 就会被内核回收。',
      '针对 CLOSE_WAIT 堆积，建议把 tcp_max_tw_buckets 调大。',
      'tcp_max_tw_buckets 限制 TIME_WAIT 和 CLOSE_WAIT 的数量。',
      'CLOSE_WAIT 多是因为 tcp_max_tw_buckets 太小。',
      'Raise tcp_max_tw_buckets to fix the CLOSE_WAIT pile-up.',
      'Lower tcp_fin_timeout so CLOSE_WAIT sockets are cleaned up faster.',
      'net.ipv4.tcp_fin_timeout controls how long a socket stays in CLOSE_WAIT.',
      'To get rid of CLOSE_WAIT, set net.ipv4.tcp_tw_reuse = 1.',
      'Too many CLOSE_WAIT sockets, just raise tcp_max_tw_buckets.',
      'Enabling tcp_tw_reuse reduces CLOSE_WAIT connections.',
    ],
    negative: [
      'tcp_max_tw_buckets 只限制 TIME_WAIT，跟 CLOSE_WAIT 无关。',
      '调大 tcp_max_tw_buckets 解决不了 CLOSE_WAIT。',
      'tcp_fin_timeout 对 CLOSE_WAIT 不起作用，要查应用为什么没有 close()。',
      '网上说调小 tcp_fin_timeout 能减少 CLOSE_WAIT，其实没用。',
      '我们以为调大 tcp_max_tw_buckets 能解决 CLOSE_WAIT，结果没用。',
      '调大 tcp_max_tw_buckets 能解决 CLOSE_WAIT 吗？',
      '开启 tcp_tw_reuse 可以减少 TIME_WAIT，CLOSE_WAIT 需要改代码。',
      '当时调大了 tcp_max_tw_buckets，CLOSE_WAIT 依旧在涨。',
      'CLOSE_WAIT 大概 3 万个，tcp_fin_timeout 设为 30。',
      '对端 CLOSE_WAIT 堆积时，本端调小 tcp_fin_timeout 可以减少 FIN_WAIT2。',
      'tcp_max_tw_buckets only limits TIME_WAIT; it does nothing for CLOSE_WAIT.',
      'Raising tcp_max_tw_buckets will not help with CLOSE_WAIT.',
      'tcp_tw_reuse reduces TIME_WAIT but not CLOSE_WAIT.',
      'Does tcp_fin_timeout affect CLOSE_WAIT?',
      'It is a myth that tcp_fin_timeout cleans up CLOSE_WAIT sockets.',
      'We thought raising tcp_max_tw_buckets would fix CLOSE_WAIT, but it did not.',
      'Do not tune tcp_fin_timeout for CLOSE_WAIT: fix the code that never calls close().',
      'tcp_fin_timeout bounds FIN_WAIT2 on the active closer while the peer sits in CLOSE_WAIT.',
      'CLOSE_WAIT keeps growing, and tcp_max_tw_buckets is at its default.',
      'CLOSE_WAIT 堆积，tcp_max_tw_buckets 已经调大了。',
    ],
  },
  'orphan-limit-refuses-new': {
    positive: [
      'tcp_max_orphans 超了以后新连接会被拒绝。',
      '超过 tcp_max_orphans 后，内核会拒绝新连接。',
      '孤儿连接达到上限时，新的连接无法建立。',
      'tcp_max_orphans 太小会导致新连接建立失败。',
      '出现 too many orphaned sockets 后新连接就连不上了。',
      '孤儿数超过 tcp_max_orphans，服务就不再接受新连接。',
      'Once tcp_max_orphans is exceeded, new connections are refused.',
      'When the orphan limit is hit, the kernel rejects new connections.',
      'Above net.ipv4.tcp_max_orphans, new incoming connections cannot be established.',
      'Too many orphaned sockets means the server stops accepting new connections.',
    ],
    negative: [
      '超过 tcp_max_orphans 后内核重置的是孤儿连接，新连接不会被拒绝。',
      '超过 tcp_max_orphans 不会导致新连接被拒绝。',
      '达到 tcp_max_orphans 时，新关闭的连接会被直接 RST。',
      '没超过 tcp_max_orphans，新连接却被拒绝了，原来是 somaxconn 太小。',
      '有人说 tcp_max_orphans 超了以后新连接会被拒绝，这是误解。',
      'tcp_max_orphans 超了以后新连接会被拒绝吗？',
      'dmesg 里有 too many orphaned sockets，新连接建立失败。',
      'Exceeding tcp_max_orphans does not refuse new connections; orphans are reset instead.',
      'Hitting tcp_max_orphans resets orphans; it does not reject new connections.',
      'It is a myth that tcp_max_orphans refuses new connections.',
      'Does exceeding tcp_max_orphans block new connections?',
      'We thought new connections were refused because of tcp_max_orphans, but the accept queue was full.',
      'New connections are not refused when tcp_max_orphans is exceeded.',
      'Over tcp_max_orphans, newly closed connections get an RST instead of a FIN handshake.',
    ],
  },
  'orphan-no-retransmit': {
    positive: [
      '孤儿连接不会重传。',
      '孤儿连接的 FIN 不会重传，丢了就丢了。',
      '应用 close 之后 socket 变成孤儿后就不再重传了。',
      '孤儿 socket 没有重传机制。',
      '内核不会为孤儿连接重传 FIN。',
      '孤儿连接已经没有进程管了，所以不会重发 FIN。',
      'Orphaned sockets do not retransmit.',
      'An orphan never retransmits its FIN.',
      'Once a socket is orphaned, the kernel stops retransmitting.',
      'The kernel does not retransmit data for orphans.',
      'Orphans get no retransmissions, so a lost FIN just leaves them hanging.',
    ],
    negative: [
      '孤儿连接会重传 FIN，直到 tcp_orphan_retries 用完。',
      '孤儿连接并不是不重传，默认按 8 次重传。',
      '孤儿连接不会无限重传，最多重传 8 次左右。',
      '有人说孤儿连接不会重传，这是错的。',
      '孤儿连接不会重传吗？',
      '我们以为孤儿连接不会重传，但是抓包看到 FIN 重传了很多次。',
      'FIN_WAIT2 的孤儿连接不会重传任何东西，只是等对端的 FIN。',
      '孤儿连接的对端不会重传。',
      'Orphans do retransmit their FIN until tcp_orphan_retries runs out.',
      'Orphans do not retransmit forever.',
      'It is a myth that orphans do not retransmit.',
      'Do orphans retransmit?',
      'We thought orphans did not retransmit, but tcpdump showed the FIN going out again and again.',
      'Over tcp_max_orphans an orphan is reset instead of being retransmitted.',
      'A FIN_WAIT2 orphan does not retransmit anything; it waits for the peer.',
      'Orphans are not sockets that never retransmit.',
    ],
  },
};

for (const [rule, { positive, negative }] of Object.entries(CASES)) {
  test(`${rule}: flags the claim (en + zh)`, () => {
    assert.ok(positive.some((s) => /[\u4e00-\u9fff]/.test(s)) && positive.some((s) => !/[\u4e00-\u9fff]/.test(s)));
    for (const s of positive) assert.deepEqual(rules(s), [rule], s);
  });
  test(`${rule}: never flags a correct, qualified or refuting statement (en + zh)`, () => {
    assert.ok(negative.some((s) => /[\u4e00-\u9fff]/.test(s)));
    for (const s of negative) assert.deepEqual(rules(s), [], s);
  });
}

test('every rule has a correct fact, a message and a public source in both languages', () => {
  assert.ok(MISCONCEPTION_RULES.length >= 11);
  const text = Object.values(CASES).flatMap((c) => c.positive).join('\n\n');
  for (const r of MISCONCEPTION_RULES) {
    for (const lang of ['en', 'zh-cn'] as const) {
      assert.ok(r.message[lang].length > 10 && r.fact[lang].length > 20 && r.claim[lang].length > 5, r.id);
      const md = explainMisconception(r.id, lang) ?? '';
      assert.match(md, /\]\(https?:\/\//, `${r.id} links its source`);
      assert.ok(md.includes(r.fact[lang]));
    }
    const f = findMisconceptions(text, { lang: 'zh-cn' }).find((x) => x.rule === r.id);
    assert.ok(f, r.id);
    assert.match(f.source, /^https:\/\//);
    assert.equal(f.message, r.message['zh-cn']);
  }
  assert.equal(explainMisconception('nope', 'en'), undefined);
});

test('orphan-retries-zero says when the 8 applies as the kernel tests it: the RTO below its maximum, not a "live" peer', () => {
  // tcp_orphan_retries(): 0 becomes 8 while icsk_rto < the maximum RTO (120 s unless tcp_rto_max_ms lowers it);
  // "alive" there is about the timer, so a dead client still gets the retries.
  const r = MISCONCEPTION_RULES.find((x) => x.id === 'orphan-retries-zero');
  assert.ok(r);
  for (const text of [r.fact.en, r.message.en]) {
    assert.match(text, /RTO/);
    assert.match(text, /120 s/);
    assert.doesNotMatch(text, /\b(?:alive|live)\b/);
  }
  for (const text of [r.fact['zh-cn'], r.message['zh-cn']]) {
    assert.match(text, /RTO/);
    assert.match(text, /120 秒/);
    assert.doesNotMatch(text, /活着|存活/);
  }
});

test('findings carry 0-based line, UTF-16 character and length of the sentence', () => {
  const text = '# Notes\n\n说明：TIME_WAIT 会持续 4 分钟。其它。\n';
  const [f] = findMisconceptions(text);
  assert.ok(f);
  assert.equal(f.line, 2);
  assert.equal(text.slice(f.start, f.end), '说明：TIME_WAIT 会持续 4 分钟');
  assert.equal(f.character, 0);
  assert.equal(f.length, f.end - f.start);
  assert.equal(f.rule, 'tw-four-minutes');
  assert.equal(f.explain, 'TIME-WAIT');
  const crlf = 'a\r\nEnable tcp_tw_recycle now.\r\n';
  const [g] = findMisconceptions(crlf);
  assert.equal(g?.line, 1);
  assert.equal(crlf.slice(g?.start, g?.end), 'Enable tcp_tw_recycle now');
});

test('a hard-wrapped sentence is read whole; its range is its part on the line where it starts', () => {
  const text = '# Notes\n\nOn Linux the TIME_WAIT state of a busy server lasts\n4 minutes, which is why we tuned it.\n';
  const [f, more] = findMisconceptions(text);
  assert.equal(more, undefined);
  assert.equal(f?.rule, 'tw-four-minutes');
  assert.equal(f?.line, 2);
  assert.equal(text.slice(f?.start, f?.end), 'On Linux the TIME_WAIT state of a busy server lasts');
  // A list item's continuation line, and a second wrap.
  assert.deepEqual(rules('- To get the ports back sooner we decided to enable\n  tcp_tw_recycle on the load balancers of\n  the cluster.\n'), ['tw-recycle']);
  // A wrapped sentence that qualifies the number (the RFC's value) is still not a claim.
  assert.deepEqual(rules("On Linux TIME_WAIT lasts 60 seconds (TCP_TIMEWAIT_LEN); the RFC's 2MSL is\n4 minutes.\n"), []);
});

test('a line\'s own claim stands as before when the line before it runs on into it', () => {
  // The unrelated "not" on the line before does not silence the claim, which keeps its own line.
  const text = 'This is not related to the outage we had in March at all\nthe TIME_WAIT state lasts 4 minutes on Linux.\n';
  const found = findMisconceptions(text);
  assert.deepEqual(found.map((f) => [f.rule, f.line, text.slice(f.start, f.end)]), [['tw-four-minutes', 1, 'the TIME_WAIT state lasts 4 minutes on Linux']]);
  const other = 'Observed on lb-01 during the March incident, all day\nthe TIME_WAIT state lasts 4 minutes on Linux\n';
  assert.deepEqual(findMisconceptions(other).map((f) => [f.rule, f.line]), [['tw-four-minutes', 1]]);
});

test('lines that do not wrap a sentence are not joined: sentence ends, short lines, capitals, CJK, list items, tables, quotes', () => {
  for (const text of [
    'The TIME_WAIT sockets were gone after a restart of nginx.\n4 minutes later they were back.\n',
    'TIME_WAIT sockets\n4 minutes\n',
    'TIME_WAIT sockets piled up on the load balancer again\nFour minutes of downtime followed the restart\n',
    '大量 TIME_WAIT 连接出现在负载均衡器上，持续了很久很久很久\ntcp_fin_timeout 4 minutes\n',
    '- TIME_WAIT sockets piled up on the load balancer again\n- 4 minutes of downtime followed the restart\n',
    '| TIME_WAIT sockets on the load balancer pool | x |\n| 4 minutes | y |\n',
    '> TIME_WAIT sockets piled up on the load balancer again\n> 4 minutes of downtime followed the restart\n',
  ]) {
    assert.deepEqual(rules(text), [], text);
  }
});

test('prose rules skip fenced code; the setting rule reads it; disabled rules are skipped', () => {
  assert.deepEqual(rules('```\nTIME_WAIT lasts 4 minutes\n```'), []);
  assert.deepEqual(rules('~~~~\nx\n~~~\nsysctl -w net.ipv4.tcp_tw_recycle=1\n~~~~\nTIME_WAIT lasts 4 minutes'), ['tw-recycle', 'tw-four-minutes']);
  assert.deepEqual(findMisconceptions('Enable tcp_tw_recycle.', { disabled: ['tw-recycle'] }), []);
});

test('code: commands after any prompt and config lines set tcp_tw_recycle; comments and command output do not', () => {
  const found = (text: string) => findMisconceptions(text).map((f) => text.split('\n')[f.line]);
  // A bracket prompt is a prompt, not a comment.
  assert.deepEqual(found('```\n[root@web01 ~]# sysctl -w net.ipv4.tcp_tw_recycle=1\nnet.ipv4.tcp_tw_recycle = 1\n```'), ['[root@web01 ~]# sysctl -w net.ipv4.tcp_tw_recycle=1']);
  assert.deepEqual(found('```\nroot@web01:~# echo 1 > /proc/sys/net/ipv4/tcp_tw_recycle\n```').length, 1);
  // The config file is flagged once; `sysctl -p` echoing it and `sysctl -a | grep` reading it are output.
  const note = '```\n# vi /etc/sysctl.conf\nnet.ipv4.tcp_tw_recycle = 1\n```\n\n```\n[root@web01 ~]# sysctl -p\nnet.ipv4.tcp_tw_recycle = 1\n$ sysctl -a | grep recycle\nnet.ipv4.tcp_tw_recycle = 1\n```';
  assert.deepEqual(findMisconceptions(note).map((f) => f.line), [2]);
  // A here-document after the command is its input: a config line.
  assert.equal(findMisconceptions('```\n$ sudo tee -a /etc/sysctl.conf <<EOF\nnet.ipv4.tcp_tw_recycle = 1\nEOF\n```').length, 1);
  // A trailing comment that warns takes the line back; one that praises it does not.
  assert.deepEqual(rules('```\nnet.ipv4.tcp_tw_recycle = 1   # 已废弃，不要开\nnet.ipv4.tcp_tw_recycle = 1  # do not use\n```'), []);
  assert.deepEqual(rules('```\nnet.ipv4.tcp_tw_recycle = 1  # 快速回收 TIME_WAIT\n```'), ['tw-recycle']);
  // A configuration file shown with cat is its settings (audit s12 EN 8); a comment that warns takes back the line under it.
  assert.deepEqual(found('```\n[root@fe-1 ~]# cat /etc/sysctl.d/99-tuning.conf\nnet.core.somaxconn = 4096\nnet.ipv4.tcp_tw_recycle = 1\n```'), ['net.ipv4.tcp_tw_recycle = 1']);
  assert.deepEqual(rules('```\n$ sudo sysctl -p /etc/sysctl.d/99-tuning.conf\nnet.ipv4.tcp_tw_recycle = 1\n```'), [], 'sysctl -p prints what it applied');
  assert.deepEqual(rules('```bash\n# 不要执行下面这一行！\n# echo 1 > /proc/sys/net/ipv4/tcp_tw_recycle\n```'), []);
  assert.deepEqual(rules("```bash\n# don't run this\nsysctl -w net.ipv4.tcp_tw_recycle=1\n```"), []);
  // Comments that do not warn against the line (review s12).
  for (const comment of ['# Managed by Puppet - DO NOT EDIT', '# avoid TIME_WAIT piling up', '# Never run out of ports again:', '# 针对高并发场景，分别调整以下参数']) {
    assert.deepEqual(rules(`\`\`\`conf\n${comment}\nnet.ipv4.tcp_tw_recycle = 1\n\`\`\``), ['tw-recycle'], comment);
  }
  // A command that names the file without showing its settings: diff, git log -p.
  assert.deepEqual(rules('```\n$ diff /etc/sysctl.conf.bak /etc/sysctl.conf\n< net.ipv4.tcp_tw_recycle = 1\n```'), []);
  assert.deepEqual(rules('```\n$ git log -p /etc/sysctl.conf | grep recycle\n-net.ipv4.tcp_tw_recycle = 1\n```'), []);
  assert.deepEqual(rules('```\n$ sudo grep recycle /etc/sysctl.d/*.conf\nnet.ipv4.tcp_tw_recycle = 1\n```'), ['tw-recycle']);
});

test('a tuning table row is read whole: name, value and what the author says it does (audit s12 ZH 4)', () => {
  const table = (...rows: string[]) => ['| 参数 | 建议值 | 说明 |', '| --- | --- | --- |', ...rows].join('\n');
  assert.deepEqual(rules(table('| net.ipv4.tcp_tw_recycle | 1 | 开启 TIME_WAIT 快速回收 |')), ['tw-recycle']);
  assert.deepEqual(rules(table('| net.ipv4.tcp_fin_timeout | 30 | 缩短 TIME_WAIT 时间 |')), ['fin-timeout-time-wait']);
  assert.deepEqual(rules(table('| tcp_orphan_retries | 0 | 孤儿连接不重传 |')), ['orphan-retries-zero']);
  assert.deepEqual(rules('| Param | Value | Note |\n| --- | --- | --- |\n| tcp_tw_recycle | 1 | recycle TIME_WAIT fast |'), ['tw-recycle']);
  // The range is the row; a claim a cell makes alone is not found twice.
  const [f] = findMisconceptions(table('| net.ipv4.tcp_tw_recycle | 1 | 开启 TIME_WAIT 快速回收 |'));
  assert.deepEqual([f?.line, f?.character], [2, 2]);
  assert.deepEqual(rules(table('| tcp_tw_recycle | 1 | 开启 tcp_tw_recycle 快速回收 |')), ['tw-recycle']);
  // Not advice: turned off, known to be gone, a before/after pair, a value with no claim, a myths table.
  assert.deepEqual(rules('| 主机 | 参数 | 当前值 |\n| --- | --- | --- |\n| lb-3 | net.ipv4.tcp_tw_recycle | 1 |'), [], 'an inventory, not advice (review s12)');
  for (const row of ['| tcp_tw_recycle | 0 | 保持关闭 |', '| tcp_tw_recycle | 1 | 4.12 已移除，不要开 |', '| tcp_tw_recycle | 1 | 0 |', '| tcp_fin_timeout | 30 | 孤儿 FIN-WAIT-2 的等待时间 |', '| tcp_max_orphans | 65536 | 孤儿上限 |']) {
    assert.deepEqual(rules(table(row)), [], row);
  }
  assert.deepEqual(rules('| 说法 | 事实 |\n| --- | --- |\n| TIME_WAIT 持续 4 分钟 | 错：Linux 上是 60 秒 |'), []);
});

test('URLs, link destinations and tags are blanked with their length kept', () => {
  const raw = 'See [TIME_WAIT](https://x.io/a_b) and <b>x</b> at www.example.com/y, 参考https://a.cn/路径';
  const p = proseOf(raw);
  assert.equal(p.length, raw.length);
  assert.ok(p.includes('[TIME_WAIT]'));
  assert.ok(!p.includes('x.io') && !p.includes('example') && !p.includes('a.cn') && !p.includes('<b>'));
  assert.ok(p.includes('路径'), 'a URL ends at the first non-ASCII character');
  // Struck-out text (GFM ~~…~~) is withdrawn, not said.
  const struck = '4. ~~`tcp_tw_recycle = 1`~~ — no. ~~a~~b~~';
  assert.equal(proseOf(struck), '4. ' + ' '.repeat('~~`tcp_tw_recycle = 1`~~'.length) + ' — no. ' + ' '.repeat(5) + 'b~~');
  const r = rng(11);
  for (let i = 0; i < 500; i++) {
    const line = Array.from({ length: Math.floor(r() * 20) }, () => '~~a b'[Math.floor(r() * 5)]).join('');
    const p = proseOf(line);
    assert.equal(p.length, line.length, JSON.stringify(line));
    for (let k = 0; k < line.length; k++) assert.ok(p[k] === line[k] || p[k] === ' ', JSON.stringify(line));
  }
  assert.deepEqual(noteLines('a\n```\nb\n```\n# h').map((l) => l.kind), ['prose', 'code', 'code', 'code', 'heading']);
});

test('noteLines without code content keeps every other line as it is (CRLF, unclosed and look-alike fences)', () => {
  const bits = ['```', '~~~', '````', '```sh', '  ```', '    ```', '``` x `', 'text', '# h', 'TIME_WAIT lasts 4 minutes.', '', '\r', '\u2028'];
  const r = rng(5);
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: 3 + Math.floor(r() * 30) }, () => bits[Math.floor(r() * bits.length)] as string).join(r() < 0.5 ? '\n' : '\r\n');
    const all = noteLines(text);
    const lean = noteLines(text, { code: false });
    assert.deepEqual(lean.filter((l) => l.kind !== 'code'), all.filter((l) => l.kind !== 'code'), JSON.stringify(text));
    assert.ok(lean.length <= all.length);
  }
  assert.deepEqual(noteLines('a\n```\nb\nc\n```\n# h', { code: false }).map((l) => [l.line, l.kind]), [[0, 'prose'], [1, 'code'], [4, 'code'], [5, 'heading']]);
});

test('code comments are read as prose by the rules other than the setting rule (audit s13)', () => {
  const block = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');
  assert.deepEqual(rules(block('conf', '# /etc/sysctl.d/99-web.conf', 'net.ipv4.tcp_fin_timeout = 15    # 缩短 TIME_WAIT 时间')), ['fin-timeout-time-wait']);
  assert.deepEqual(rules(block('conf', 'net.ipv4.tcp_orphan_retries = 0   # no retries, orphans are freed at once')), ['orphan-retries-zero']);
  assert.deepEqual(rules(block('bash', '# TIME_WAIT lasts 4 minutes on Linux, so reuse it')), ['tw-four-minutes']);
  // The finding is the comment's line, from the setting to the end of the comment.
  const f = findMisconceptions(block('conf', 'net.ipv4.tcp_fin_timeout = 15    # 缩短 TIME_WAIT 时间'))[0];
  assert.equal(f?.line, 1);
  assert.equal(f?.character, 0);
  // Comments that claim nothing, a root prompt's command, and lines with no comment stay silent.
  assert.deepEqual(rules(block('', '$ ss -tan | grep TIME-WAIT | wc -l  # count time wait sockets')), []);
  assert.deepEqual(rules(block('', 'net.ipv4.tcp_fin_timeout = 30  # FIN-WAIT-2 timeout for orphans')), []);
  assert.deepEqual(rules(block('', '# ss -tan state time-wait', 'TIME-WAIT 0 0 10.0.0.1:443 10.0.0.2:5000')), []);
  // tcp_tw_recycle in code stays the setting rule's: one finding, none for the comment's words.
  assert.deepEqual(rules(block('', '# sysctl -w net.ipv4.tcp_tw_recycle=1  # enable recycle')), ['tw-recycle']);
  assert.deepEqual(rules(block('', 'net.ipv4.tcp_tw_recycle = 1  # do not use')), []);
});

test('a table of states is read row by row (audit s13)', () => {
  const table = (row: string) => ['| State | Lifetime on Linux |', '|---|---|', row].join('\n');
  assert.deepEqual(rules(table('| TIME_WAIT | 4 minutes (2MSL) |')), ['tw-four-minutes']);
  assert.deepEqual(rules(table('| TIME_WAIT | 240 s | 2MSL |')), ['tw-four-minutes']);
  assert.deepEqual(rules(table('| **TIME_WAIT** | 4 分钟 |')), ['tw-four-minutes']);
  assert.deepEqual(rules(table('| TIME_WAIT | 4 min (RFC) | 60 s (Linux) |')), []);
  assert.deepEqual(rules(table('| TIME_WAIT | 1203 |')), []);
});

test('chat lines and quotes with their speaker are someone else\'s words; a quote answered "Not true." is taken back (audit s13)', () => {
  assert.deepEqual(rules('> Bob: just enable tcp_tw_recycle\n\nThat would break NAT clients, and the knob no longer exists.'), []);
  assert.deepEqual(rules('[10:42] bob: just enable tcp_tw_recycle\n[10:43] alice: no, it was removed in Linux 4.12 and breaks NAT'), []);
  assert.deepEqual(rules('> 老王：直接开 tcp_tw_recycle 就行'), []);
  assert.deepEqual(rules('10:42 <bob> TIME_WAIT lasts 4 minutes on Linux'), []);
  assert.deepEqual(rules('> just enable tcp_tw_recycle\n\nNot true.'), []);
  assert.deepEqual(rules('> just enable tcp_tw_recycle\n>\n\n这是错的。'), []);
  // The note's own labels are no speakers; a quote not answered stands.
  assert.deepEqual(rules('> **Fix:** enable tcp_tw_recycle to clear TIME_WAIT'), ['tw-recycle']);
  assert.deepEqual(rules('> Note: TIME_WAIT lasts 4 minutes on Linux.'), ['tw-four-minutes']);
  assert.deepEqual(rules('> 结论：开启 tcp_tw_recycle 可以解决 TIME_WAIT 过多'), ['tw-recycle']);
  assert.deepEqual(rules('> just enable tcp_tw_recycle\n\nWe did, and it helped.'), ['tw-recycle']);
});

test('review s13: attribution, suppositions, to-dos and speakers are read narrowly; code comments and table rows in their context', () => {
  // Still claims: the note's own recommendation, a plain condition, a plan, an imperative before a claim, a labelled timeline entry.
  for (const claim of [
    'The recommended fix is to enable tcp_tw_recycle on the load balancers.',
    'Our recommended setting: lower tcp_fin_timeout to 15 to shorten TIME_WAIT.',
    'If TIME_WAIT piles up again, enabling tcp_tw_recycle would clear it quickly.',
    'TODO: set tcp_tw_recycle = 1 on all web nodes.',
    'Check sockstat first: TIME_WAIT sockets are orphans and count against the limit.',
    'Verify the LB config, then enable tcp_tw_recycle.',
    '调小 tcp_fin_timeout 可以缩短 TIME_WAIT，改完之后要确认监控曲线。',
    'TIME_WAIT 在 Linux 上持续 4 分钟，具体原因待查。',
    '- 10:50 Fix: lower tcp_fin_timeout to 15 to shorten TIME_WAIT.',
    '- 11:30 结论：TIME_WAIT 持续 4 分钟，要调小。',
    '> Recommendation: enable tcp_tw_recycle.',
    '> Takeaway: TIME_WAIT lasts 4 minutes on Linux.',
    '> 经验：开启 tcp_tw_recycle 可以解决 TIME_WAIT 过多。',
    'As Bob suggested, we lowered tcp_fin_timeout to 15 to shorten TIME_WAIT.',
  ]) assert.equal(rules(claim).length, 1, claim);
  // Still silent: a counterfactual in the past, an open check, a chat line, a quote with its speaker.
  for (const silent of [
    'If TIME_WAIT had lasted 4 minutes on Linux, we would have run out of ports long ago.',
    'TODO: confirm TIME_WAIT lasts 4 minutes on our kernel',
    'TIME_WAIT 持续 4 分钟（待确认）',
    '[10:42] bob: just enable tcp_tw_recycle',
    '> Bob: just enable tcp_tw_recycle',
  ]) assert.deepEqual(rules(silent), [], silent);
  // Code comments framed by the comment above them, answered by the one below, or on a line a diff removed.
  const block = (...lines: string[]) => ['```', ...lines, '```'].join('\n');
  assert.deepEqual(rules(block('# Many blog posts claim:', '#   TIME_WAIT lasts 4 minutes (2*MSL)', '# That is wrong on Linux')), []);
  assert.deepEqual(rules(block('#   TIME_WAIT lasts 4 minutes (2*MSL)', '# That is wrong on Linux: it is 60 s')), []);
  assert.deepEqual(rules(block('# BAD - do not copy:', '# orphans are the CLOSE_WAIT sockets', 'net.ipv4.tcp_fin_timeout = 10   # shorten TIME_WAIT')), []);
  assert.deepEqual(rules(block('-net.ipv4.tcp_fin_timeout = 10   # shorten TIME_WAIT', '+net.ipv4.tcp_fin_timeout = 30')), []);
  assert.deepEqual(rules(block('- net.ipv4.tcp_fin_timeout=10  # shorten TIME_WAIT')), ['fin-timeout-time-wait'], 'a YAML list item');
  // State-table rows under a header of myths, other systems or measurements, and a row that asks.
  const table = (head: string, row: string) => [head, '|---|---|---|', row].join('\n');
  assert.deepEqual(rules(table('| State | Myth | Linux |', '| TIME_WAIT | lasts 4 minutes | fixed, not tunable |')), []);
  assert.deepEqual(rules(table('| State | Time to drain | Note |', '| TIME_WAIT | 4 minutes | after the deploy |')), []);
  assert.deepEqual(rules(['| 状态 | 说明 |', '|---|---|', '| TIME_WAIT | 是 orphan 吗？不是 |'].join('\n')), []);
  assert.deepEqual(rules(table('| State | Lifetime | Source |', '| TIME_WAIT | 4 minutes | our wiki |')), ['tw-four-minutes']);
  assert.deepEqual(rules(['| 状态 | 清空用时 |', '|---|---|', '| TIME_WAIT | 4 分钟 |'].join('\n')), []);
  // A block the prose line above it frames as wrong; the same block without it.
  const old = ['```ini', 'net.ipv4.tcp_max_tw_buckets = 5000   # old comment: kernel resets all TIME_WAIT past this', '```'];
  assert.deepEqual(rules(['Old sysctl.conf we found on lb-3 (wrong, fixed in CHG-1234):', '', ...old].join('\n')), []);
  assert.deepEqual(rules(old.join('\n')), ['tw-buckets-reset-all']);
  // 如果…早就 doubts the premise only with 真的; "Linux recommends" is no speaker.
  assert.deepEqual(rules('如果 TIME_WAIT 太多，开启 tcp_tw_recycle 早就能解决问题。'), ['tw-recycle']);
  assert.deepEqual(rules('Linux recommends keeping TIME_WAIT at 4 minutes.'), ['tw-four-minutes']);
});

test('orphan-limit-per-netns and tw-holds-fd read code comments as the other rules do', () => {
  const block = (lang: string, ...lines: string[]) => ['```' + lang, ...lines, '```'].join('\n');
  assert.deepEqual(rules(block('conf', 'net.ipv4.tcp_max_orphans = 65536   # per container')), ['orphan-limit-per-netns']);
  assert.deepEqual(rules(block('conf', 'net.ipv4.tcp_max_tw_buckets = 65536   # per container')), []);
  assert.deepEqual(rules(block('bash', '# TIME_WAIT sockets hold an fd each, so raise ulimit -n')), ['tw-holds-fd']);
  assert.deepEqual(rules(block('bash', '# tw sockets hold no fd; CLOSE_WAIT ones do')), []);
  assert.deepEqual(rules(block('', 'TCP: inuse 12 orphan 300 tw 40 alloc 20 mem 5')), []);
});

test('orphan-limit-per-netns and tw-holds-fd: a claim taken back by the next sentence, or told as a past belief, is silent', () => {
  assert.deepEqual(rules('tcp_max_orphans is per network namespace. That is wrong.'), []);
  assert.deepEqual(rules('TIME_WAIT 会占用 fd。——这是错的。'), []);
  assert.deepEqual(rules('Back then we assumed TIME_WAIT sockets held file descriptors.'), []);
  assert.deepEqual(rules('昨天排查时我们一度以为 TIME_WAIT 占用了文件描述符。'), []);
});

test('audit s16 zh: orphan connections counted per pod, said as Chinese SREs write it', () => {
  // The plain subject 孤儿连接 with a counting verb; 每个 pod 的 … 是分开统计的 / 是独立的.
  for (const s of [
    '孤儿连接是按 pod 分开统计的。',
    '孤儿连接按 netns 分开统计。',
    '每个 pod 的孤儿连接数是分开统计的。',
    '每个容器的 orphan 上限是独立的。',
    '每个 pod 的 orphan 是分开算的。',
    '每个 pod 的孤儿连接是独立计数的。',
    '孤儿 socket 是按容器计数的。',
  ]) assert.deepEqual(rules(s), ['orphan-limit-per-netns'], s);
  for (const s of [
    '每个 pod 的孤儿连接数不是分开统计的，是整机的。',
    '孤儿连接是按 pod 分开统计的吗？',
    '每个 pod 的 TIME_WAIT 数是分开统计的。',
    '孤儿连接是本容器的进程关闭后留下的。',
    '孤儿连接要按 pod 分开排查。',
    '每个 pod 的孤儿连接都来自同一个上游。',
    '每个 pod 都有自己的孤儿连接。',
    '每个 pod 的 tw 是独立统计的，孤儿连接数是整机的。',
    '孤儿连接按 pod 分开统计是做不到的。',
    '同事说孤儿连接是按 pod 分开统计的，但这台是物理机。',
    // The sum over pods is the host's count: the fact itself (review s16 D2).
    '每个 pod 的孤儿连接分别统计后加起来，就是 sockstat 里的 orphan。',
    '把每个 pod 的孤儿连接分开统计，再加起来就是整机的数。',
    '各 pod 的孤儿连接分开算，加起来等于 sockstat 的 orphan。',
    '每个容器的孤儿连接分别计算后再相加，和 sockstat 的 orphan 对得上。',
    'Orphans counted per pod add up to the orphan field of /proc/net/sockstat.',
  ]) assert.deepEqual(rules(s), [], s);
});

test('audit s16 zh: a claim the note marks as wrong right after it — "—— 错" in its sentence, "（这句后来发现写错了）" after it — is silent', () => {
  assert.deepEqual(rules('- 孤儿连接是按 pod 分开统计的 —— 错，orphan 是整个宿主机的。'), []);
  assert.deepEqual(rules('CLOSE_WAIT 也是孤儿连接（错）。'), []);
  assert.deepEqual(rules('CLOSE_WAIT 也是孤儿连接，因为对端已经关了。（这句后来发现写错了）'), []);
  assert.deepEqual(rules('TIME_WAIT 会占用 fd。（写错了）'), []);
  // Not a judgement of the claim: 错 inside other words, and a claim with no such mark.
  assert.deepEqual(rules('CLOSE_WAIT 也是孤儿连接，因为对端已经关了。'), ['orphan-close-wait-time-wait']);
  assert.deepEqual(rules('TIME_WAIT 会占用 fd —— 错过了这个窗口就只能重启。'), ['tw-holds-fd']);
  // 错峰, 错位, 错乱 after a dash are other words (review s16 Q3).
  assert.deepEqual(rules('打开 tcp_tw_recycle 可以解决 TIME_WAIT 过多——错峰发布也有帮助。'), ['tw-recycle']);
  assert.deepEqual(rules('TIME_WAIT 会占用 fd —— 错峰处理后好一些。'), ['tw-holds-fd']);
  assert.deepEqual(rules('TIME_WAIT 会占用 fd——错。'), []);
});

test('audit s16 zh: close-wait-sysctl, orphan-limit-refuses-new and orphan-no-retransmit on sentences written after the rules', () => {
  // First run of 59 such sentences: 54 right, 1 false alarm (a link denied with 没关系), 4 misses; fixed below except
  // "clients can't connect" (no "new") and a denial beside "kills" (a reset named: left alone for precision).
  for (const [s, rule] of [
    ['把 tcp_fin_timeout 改成 10 秒，CLOSE_WAIT 就会很快消失。', 'close-wait-sysctl'],
    ['线上 CLOSE_WAIT 很多，建议调大 net.ipv4.tcp_max_tw_buckets。', 'close-wait-sysctl'],
    ['If you see thousands of CLOSE_WAIT sockets, lower tcp_fin_timeout.', 'close-wait-sysctl'],
    ['tcp_max_orphans 满了之后，新连接就建立不起来了。', 'orphan-limit-refuses-new'],
    ['If orphans exceed tcp_max_orphans, the kernel will drop new SYNs.', 'orphan-limit-refuses-new'],
    ['socket 成为孤儿之后，内核就停止重传了。', 'orphan-no-retransmit'],
    ['Orphaned connections will not resend data.', 'orphan-no-retransmit'],
  ] as const) assert.deepEqual(rules(s), [rule], s);
  for (const s of [
    '新连接被拒绝和 tcp_max_orphans 没关系，是 backlog 满了。',
    'New connections were refused; tcp_max_orphans was nowhere near its limit.',
    'CLOSE_WAIT 很多，tcp_max_tw_buckets 和 tcp_fin_timeout 都是默认值。',
    '- CLOSE_WAIT: 应用没 close；TIME_WAIT: 可以开 tcp_tw_reuse',
    '孤儿太多时内核不会再给它们重传机会，而是直接 reset。',
    'The client didn\'t retransmit, so our orphan sat in LAST_ACK.',
  ]) assert.deepEqual(rules(s), [], s);
  // The narrower rule speaks for both on its line: a tuning row about tcp_orphan_retries 0.
  assert.deepEqual(rules('| 参数 | 值 | 说明 |\n|---|---|---|\n| tcp_orphan_retries | 0 | 孤儿连接不重传 |'), ['orphan-retries-zero']);
  assert.deepEqual(rules('```bash\n# 孤儿连接不会重传，调大 tcp_max_tw_buckets 解决 CLOSE_WAIT\n```'), ['close-wait-sysctl', 'orphan-no-retransmit']);
});

test('orphan-limit-refuses-new: clients that cannot connect are new connections refused (s16 left alone)', () => {
  for (const s of [
    'Once tcp_max_orphans is reached, clients can\'t connect any more.',
    'When we hit the orphan limit, clients could not connect.',
    'Exceeding net.ipv4.tcp_max_orphans means users are unable to connect to the service.',
    'After too many orphaned sockets showed up, clients failed to connect.',
    '超过 tcp_max_orphans 之后客户端就连不上了。',
    '孤儿连接打满上限，客户端无法连接。',
  ]) assert.deepEqual(rules(s), ['orphan-limit-refuses-new'], s);
  for (const s of [
    'Clients can\'t connect, but tcp_max_orphans has nothing to do with it.',
    'tcp_max_orphans was reached; clients could still connect fine.',
    'Is it true that clients can\'t connect once tcp_max_orphans is hit?',
    'It is not true that clients cannot connect after tcp_max_orphans is exceeded.',
    'Clients couldn\'t connect because the accept queue overflowed; orphans stayed far below tcp_max_orphans.',
    '客户端连不上是因为 backlog 满了，孤儿数远低于 tcp_max_orphans。',
    '新连接被拒绝是因为 backlog 满了，孤儿数远低于 tcp_max_orphans。',
    'Clients couldn\'t connect because the accept queue overflowed, and orphans stayed far below tcp_max_orphans.',
    '超过 tcp_max_orphans 时客户端不会连不上，只是孤儿被重置。',
    'When the orphan limit is hit, clients see their closed connections reset.',
  ]) assert.deepEqual(rules(s), [], s);
});

test('close-wait-sysctl: the problem and the remedy in one clause (audit s17: CLOSE_WAIT 太多的话调大 … 就好了)', () => {
  for (const s of [
    'CLOSE_WAIT 太多的话调大 tcp_max_tw_buckets 就好了。',
    'CLOSE_WAIT 多就加大 tcp_max_tw_buckets。',
    'CLOSE_WAIT 过多时调大 net.ipv4.tcp_max_tw_buckets 即可。',
    '遇到 CLOSE_WAIT 堆积时调大 tcp_max_tw_buckets 就行。',
    'With many CLOSE_WAIT sockets just raise tcp_fin_timeout.',
  ]) assert.deepEqual(rules(s), ['close-wait-sysctl'], s);
  for (const s of [
    'CLOSE_WAIT 太多时调大 tcp_max_tw_buckets 没有用。',
    'CLOSE_WAIT 太多时调大了 tcp_max_tw_buckets，还是没降下来。',
    'CLOSE_WAIT 太多不能靠调大 tcp_max_tw_buckets 解决。',
    'CLOSE_WAIT 多和 TIME_WAIT 多要分开处理：TIME_WAIT 多可以调大 tcp_max_tw_buckets。',
    'CLOSE_WAIT 多的时候不要调大 tcp_max_tw_buckets，要查应用有没有 close。',
    'CLOSE_WAIT 很多，TIME_WAIT 也很多，于是调大 tcp_max_tw_buckets。',
    'When CLOSE_WAIT piles up, raising tcp_max_tw_buckets does not help.',
    'Grep for CLOSE_WAIT when you raise tcp_fin_timeout.',
    'Check CLOSE_WAIT before you lower tcp_fin_timeout on the proxy.',
  ]) assert.deepEqual(rules(s), [], s);
});
