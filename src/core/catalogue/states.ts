/**
 * Per-state knowledge: meaning, lifetime on Linux, whether the state can hold an orphan, commands and
 * common wrong beliefs. Pure data: no `vscode`, no Node built-ins.
 *
 * Paraphrased from ../shared/docs/tcp-orphan-facts.md (§1.3, §2, §4.3, §4.7, §6); every Fact carries the
 * key of its source there. Sysctl / counter ids referenced here must exist in ./terms.ts (checked by
 * test/unit/catalogue.test.ts).
 */
import type { StateId, StateKnowledge } from './types';
import { F, L } from './write';


const S = {
  maxOrphans: 'net.ipv4.tcp_max_orphans',
  orphanRetries: 'net.ipv4.tcp_orphan_retries',
  finTimeout: 'net.ipv4.tcp_fin_timeout',
  maxTw: 'net.ipv4.tcp_max_tw_buckets',
  mem: 'net.ipv4.tcp_mem',
  retries2: 'net.ipv4.tcp_retries2',
  twReuse: 'net.ipv4.tcp_tw_reuse',
  synRetries: 'net.ipv4.tcp_syn_retries',
  synackRetries: 'net.ipv4.tcp_synack_retries',
  kaTime: 'net.ipv4.tcp_keepalive_time',
  kaIntvl: 'net.ipv4.tcp_keepalive_intvl',
  kaProbes: 'net.ipv4.tcp_keepalive_probes',
  rfc1337: 'net.ipv4.tcp_rfc1337',
  abortOnOverflow: 'net.ipv4.tcp_abort_on_overflow',
  maxSynBacklog: 'net.ipv4.tcp_max_syn_backlog',
  rtoMaxMs: 'net.ipv4.tcp_rto_max_ms',
} as const;

const C = {
  orphan: 'sockstat.orphan',
  tw: 'sockstat.tw',
  onMemory: 'TcpExtTCPAbortOnMemory',
  onTimeout: 'TcpExtTCPAbortOnTimeout',
  onLinger: 'TcpExtTCPAbortOnLinger',
  onClose: 'TcpExtTCPAbortOnClose',
  onData: 'TcpExtTCPAbortOnData',
  failed: 'TcpExtTCPAbortFailed',
  twOverflow: 'TcpExtTCPTimeWaitOverflow',
  ackSkippedFw2: 'TcpExtTCPACKSkippedFinWait2',
} as const;

// Pitfalls shared by several orphan states (facts §4.7 "Common wrong claims").
const PITFALL_ORPHANS_RETRANSMIT = F(
  '"Orphans do not retransmit": they do. The kernel keeps resending the FIN (and any unsent data) until it is acknowledged or tcp_orphan_retries runs out.',
  '“孤儿不会重传”：错。内核会继续重发 FIN（以及尚未发出的数据），直到被确认或 tcp_orphan_retries 用尽。',
  'K-timer tcp_write_timeout, tcp_orphan_retries; PG-bkmy88',
);
const PITFALL_LIMIT_REJECTS_NEW = F(
  '"Exceeding tcp_max_orphans rejects new connections": it does not. Existing orphans are killed (usually with a RST) and TcpExtTCPAbortOnMemory goes up.',
  '“超过 tcp_max_orphans 会拒绝新连接”：错。被释放（通常发 RST）的是已有的孤儿，同时 TcpExtTCPAbortOnMemory 增加。',
  'K-tcp.c tcp_check_oom, __tcp_close; K-timer tcp_out_of_resources; PG-bkmy88',
);
const PITFALL_ORPHAN_IS_TIMEWAIT = F(
  '"Orphans are TIME-WAIT sockets": false. TIME-WAIT sockets are timewait minisocks counted in sockstat `tw`, never in `orphan`.',
  '“孤儿就是 TIME-WAIT socket”：错。TIME-WAIT 是 timewait minisock，计入 sockstat 的 `tw`，从不计入 `orphan`。',
  'K-proc sockstat_seq_show; K-mini tcp_time_wait; PG-itecnotes; PG-serverdevworker',
);
const PITFALL_FIN_TIMEOUT_TW = F(
  '"tcp_fin_timeout shortens TIME-WAIT": false. It only bounds orphaned FIN-WAIT-2; TIME-WAIT is the constant TCP_TIMEWAIT_LEN (60 s).',
  '“tcp_fin_timeout 能缩短 TIME-WAIT”：错。它只约束孤儿状态的 FIN-WAIT-2；TIME-WAIT 是常量 TCP_TIMEWAIT_LEN（60 秒）。',
  'K-h TCP_TIMEWAIT_LEN, tcp_fin_time; K-doc-sysctl tcp_fin_timeout',
);

const ORPHAN_COMMANDS_TAIL = ['cat /proc/net/sockstat', "nstat -az 'TcpExtTCPAbortOn*'"] as const;

export const STATE_KNOWLEDGE: Readonly<Record<StateId, StateKnowledge>> = {
  CLOSED: {
    id: 'CLOSED',
    summary: L(
      'No connection: the RFC\'s "fictional" state without a TCB; Linux TCP_CLOSE, printed by ss as UNCONN.',
      '无连接：RFC 中没有 TCB 的“虚构”状态；对应 Linux 的 TCP_CLOSE，ss 显示为 UNCONN。',
    ),
    who: L(
      'A socket that is not connected (just created, maybe bound) or one that was reset or aborted and is about to be freed.',
      '尚未连接的 socket（刚创建，可能已 bind），或已被重置/中止、即将释放的 socket。',
    ),
    leavesOn: L(
      'listen() → LISTEN; connect() sends a SYN → SYN-SENT.',
      'listen() → LISTEN；connect() 发出 SYN → SYN-SENT。',
    ),
    lifetime: F(
      'No TCP timer. If close() finds the socket already in CLOSE (for example after a RST from the peer), it is destroyed right away instead of lingering as an orphan.',
      '没有 TCP 定时器。close() 时若 socket 已处于 CLOSE（例如已被对端 RST），会立即销毁，不会作为孤儿留下。',
      'K-tcp.c __tcp_close',
    ),
    orphan: {
      verdict: 'no',
      headline: L('not an orphan: nothing is left to finish', '不是孤儿：协议上已无事可做'),
      why: F(
        'An orphan is a closed socket that still has protocol work to do. In CLOSE there is none, so __tcp_close() frees it (inet_csk_destroy_sock) at once.',
        '孤儿是应用已关闭、但协议上仍有工作要完成的 socket。CLOSE 状态没有任何待办，__tcp_close() 会立即释放它（inet_csk_destroy_sock）。',
        'K-tcp.c __tcp_close; K-csk inet_csk_destroy_sock',
      ),
      sysctls: [],
      counters: [],
    },
    commands: ['ss -tan state closed', 'ss -tan state unconnected', 'ss -s'],
    pitfalls: [
      F(
        '"grep CLOSED in ss output": ss never prints CLOSED. The state shows as UNCONN, and the filter keywords `closed` and `close` are aliases of `unconnected`.',
        '“在 ss 输出里 grep CLOSED”：ss 从不打印 CLOSED。该状态显示为 UNCONN，过滤关键字 `closed` 和 `close` 都是 `unconnected` 的别名。',
        'ss.c sstate_name[], scan_state',
      ),
      F(
        '"The `closed` number in `ss -s` is a socket listing": it is computed from sockstat (alloc minus the TCP and TCP6 inuse, plus tw), not counted from a socket list.',
        '“`ss -s` 里的 `closed` 是逐个统计出来的”：不是，它是用 sockstat 的数字算出来的（alloc 减去 TCP 与 TCP6 的 inuse，再加上 tw）。',
        'ss.c print_summary',
      ),
    ],
  },

  LISTEN: {
    id: 'LISTEN',
    summary: L('Passive open: waiting for connection requests from any peer.', '被动打开：等待任意对端发来的连接请求。'),
    who: L(
      'A server socket after listen(). Incoming SYNs do not change its state: they create request socks (NEW-SYN-RECV) and, once the handshake completes, children in the accept queue.',
      '服务端调用 listen() 后的 socket。收到 SYN 不会改变它自身的状态，而是生成 request sock（NEW-SYN-RECV），握手完成后子连接进入 accept 队列。',
    ),
    leavesOn: L(
      'close(), or shutdown() with SHUT_RD or SHUT_RDWR (SHUT_WR does nothing to a listener): the listener goes to CLOSE, and children still waiting in the accept queue are reset and destroyed. After shutdown() the fd stays open, and threads blocked in accept() return EINVAL.',
      'close()，或带 SHUT_RD / SHUT_RDWR 的 shutdown()（SHUT_WR 对监听 socket 不起作用）：监听 socket 进入 CLOSE，accept 队列中尚未取走的子连接被 RST 并销毁。shutdown() 之后 fd 仍然打开，阻塞在 accept() 中的线程返回 EINVAL。',
    ),
    lifetime: F(
      'Until the application closes it or shuts down its receive side (shutdown() with SHUT_RD or SHUT_RDWR); no kernel timer ends it.',
      '直到应用关闭它，或关闭其接收方向（带 SHUT_RD 或 SHUT_RDWR 的 shutdown()）为止，没有内核定时器会结束它。',
      'K-tcp.c __tcp_close, tcp_disconnect; K-af-inet inet_shutdown; K-csk inet_csk_wait_for_connect',
    ),
    orphan: {
      verdict: 'no',
      headline: L('never an orphan: close() destroys a listener', '不会成为孤儿：close() 直接销毁监听 socket'),
      why: F(
        '__tcp_close() moves a listener to CLOSE, stops it and frees it immediately; its unaccepted children are sent a RST and destroyed too.',
        '__tcp_close() 把监听 socket 置为 CLOSE、停止监听并立即释放；尚未被 accept 的子连接也会收到 RST 并被销毁。',
        'K-tcp.c __tcp_close; K-csk inet_csk_listen_stop, inet_child_forget',
      ),
      sysctls: [S.maxSynBacklog, S.synackRetries, S.abortOnOverflow],
      counters: [],
    },
    commands: ['ss -tan state listening', 'ss -tlnp'],
    pitfalls: [
      F(
        '"`ss state listen`": ss.c has no `listen` keyword, so by its code this fails with "wrong state name"; use `listening` (or `ss -l`).',
        '“`ss state listen`”：ss.c 里没有 `listen` 这个关键字，按代码会报 "wrong state name"；应写 `listening`（或直接用 `ss -l`）。',
        'ss.c scan_state',
      ),
      F(
        '"Recv-Q/Send-Q of a listener are bytes": on a LISTEN line they are the current accept-queue length and its maximum.',
        '“监听 socket 的 Recv-Q/Send-Q 是字节数”：在 LISTEN 行上，它们表示当前 accept 队列长度及其上限。',
        'K-tcpdiag tcp_diag_get_info',
      ),
    ],
  },

  'SYN-SENT': {
    id: 'SYN-SENT',
    summary: L('Active open: our SYN is out, waiting for the peer\'s SYN+ACK.', '主动打开：已发出 SYN，等待对端的 SYN+ACK。'),
    who: L('The client after connect().', '调用 connect() 之后的客户端。'),
    leavesOn: L(
      'SYN+ACK → ESTABLISHED; a bare SYN (simultaneous open) → SYN-RECEIVED; RST, ICMP error or retry timeout → CLOSED; close() → CLOSED without sending anything.',
      '收到 SYN+ACK → ESTABLISHED；只收到 SYN（同时打开）→ SYN-RECEIVED；RST、ICMP 错误或重试超时 → CLOSED；close() → 直接 CLOSED，不发任何报文。',
    ),
    lifetime: F(
      'tcp_syn_retries (default 6) SYN retransmissions; since Linux 6.5 tcp_syn_linear_timeouts (default 4) more are added, 10 in all: the first five go out 1 s apart, then the wait doubles, so the last SYN leaves at 67 s and connect() fails after about 131 s; before 6.5: 6 retransmissions, 63 s and 127 s. TCP_SYNCNT or TCP_USER_TIMEOUT override it per socket.',
      '由 tcp_syn_retries 决定 SYN 重传次数（默认 6）；自 Linux 6.5 起再加上 tcp_syn_linear_timeouts 次（默认 4），共 10 次：前 5 次每隔 1 秒发出，之后间隔翻倍，最后一个 SYN 在第 67 秒发出，约 131 秒后 connect() 失败；6.5 之前重传 6 次，分别是 63 秒和 127 秒。可用 TCP_SYNCNT 或 TCP_USER_TIMEOUT 按 socket 覆盖。',
      'K-doc-sysctl tcp_syn_retries, tcp_syn_linear_timeouts; K-timer tcp_write_timeout, tcp_retransmit_timer; C-SYNLINEAR; CF2',
    ),
    orphan: {
      verdict: 'no',
      headline: L('never an orphan: close() drops it without sending anything', '不会成为孤儿：close() 直接丢弃，不发任何报文'),
      why: F(
        'The close() state table maps SYN_SENT straight to CLOSE, so the socket is destroyed at once; nothing is left for the kernel to finish.',
        'close() 的状态表把 SYN_SENT 直接映射为 CLOSE，socket 立即被销毁，内核没有需要收尾的工作。',
        'K-tcp.c new_state[], __tcp_close',
      ),
      sysctls: [S.synRetries],
      counters: [C.onTimeout],
    },
    peer: {
      state: 'SYN-RECEIVED',
      text: L(
        'The server answers from SYN-RECEIVED (on Linux a NEW-SYN-RECV request sock).',
        '服务端处于 SYN-RECEIVED（在 Linux 上是 NEW-SYN-RECV request sock）并回复。',
      ),
    },
    commands: ['ss -tan state syn-sent', 'ss -tano state syn-sent'],
    pitfalls: [
      F(
        '"connect() to a dead host fails within seconds": with tcp_syn_retries = 6 it takes about 131 s (127 s before Linux 6.5); use TCP_SYNCNT or TCP_USER_TIMEOUT for a shorter bound.',
        '“connect() 连不上的主机几秒就会失败”：默认 tcp_syn_retries = 6 时约需 131 秒（Linux 6.5 之前为 127 秒）；要更短的上限请用 TCP_SYNCNT 或 TCP_USER_TIMEOUT。',
        'K-doc-sysctl tcp_syn_retries; CF2',
      ),
    ],
  },

  'SYN-RECEIVED': {
    id: 'SYN-RECEIVED',
    summary: L(
      'Handshake half done: SYN received and SYN+ACK sent, waiting for the final ACK.',
      '握手完成一半：已收到 SYN 并回了 SYN+ACK，等待最后一个 ACK。',
    ),
    who: L(
      'The passive opener. Since Linux 4.1 a half-open connection is a lightweight request sock (NEW-SYN-RECV); a full socket sits in SYN_RECV only as a TCP Fast Open child, in a simultaneous open, or for an instant when the final ACK arrives.',
      '被动打开方。Linux 4.1 起半连接是轻量的 request sock（NEW-SYN-RECV）；完整 socket 只有在 TCP Fast Open 子连接、同时打开，或最后一个 ACK 到达的瞬间才处于 SYN_RECV。',
    ),
    leavesOn: L(
      'ACK of our SYN+ACK → ESTABLISHED (the child waits in the accept queue); RST, ICMP error or exhausted SYN+ACK retries → dropped.',
      '收到对 SYN+ACK 的 ACK → ESTABLISHED（子连接进入 accept 队列等待）；RST、ICMP 错误或 SYN+ACK 重传用尽 → 丢弃。',
    ),
    lifetime: F(
      'tcp_synack_retries (default 5: final timeout after about 63 s); how many may be pending is limited by the listener\'s listen() backlog, capped by somaxconn.',
      '由 tcp_synack_retries 决定（默认 5 次，约 63 秒后最终超时）；可挂起的数量受监听 socket 的 listen() backlog 限制（上限为 somaxconn）。',
      'K-doc-sysctl tcp_synack_retries, somaxconn; K-csk-h inet_csk_reqsk_queue_is_full',
    ),
    orphan: {
      verdict: 'no',
      headline: L('not an orphan: half-open request socks never had an fd', '不是孤儿：半连接 request sock 本来就没有 fd'),
      why: F(
        'Request socks are not sockets with an fd and are not counted in sockstat `orphan`. A full SYN_RECV socket that is closed sends a FIN and moves to FIN-WAIT-1, which is where it becomes an orphan.',
        'request sock 不是带 fd 的 socket，也不计入 sockstat 的 `orphan`。完整的 SYN_RECV socket 被 close() 时会发出 FIN 并进入 FIN-WAIT-1，在那里才成为孤儿。',
        'K-diag inet_req_diag_fill; K-tcp.c new_state[], __tcp_close',
      ),
      sysctls: [S.synackRetries, S.maxSynBacklog, S.abortOnOverflow],
      counters: [],
    },
    peer: {
      state: 'SYN-SENT',
      text: L('The client waits in SYN-SENT for our SYN+ACK.', '客户端在 SYN-SENT 中等待我们的 SYN+ACK。'),
    },
    commands: ['ss -tan state syn-recv', 'ss -Htan state syn-recv | wc -l'],
    pitfalls: [
      F(
        '"Plain `ss -t` shows every connection": its default filter hides SYN-RECV (and TIME-WAIT); add `-a` or an explicit `state syn-recv`.',
        '“直接 `ss -t` 就能看到所有连接”：默认过滤会隐藏 SYN-RECV（以及 TIME-WAIT）；需要加 `-a` 或明确写 `state syn-recv`。',
        'ss.c SS_CONN',
      ),
      F(
        '"A `-` in the PID column of `netstat -p` means an orphan": request socks always print inode 0, so they show `-` too without being orphans.',
        '“`netstat -p` 的 PID 列为 `-` 就是孤儿”：request sock 的 inode 总是 0，同样显示 `-`，但它们不是孤儿。',
        'K-ipv4 get_openreq4; PG-maoyidao',
      ),
    ],
  },

  ESTABLISHED: {
    id: 'ESTABLISHED',
    summary: L('Open connection; data flows both ways.', '连接已建立，双向传输数据。'),
    who: L('Both ends after the three-way handshake.', '三次握手完成后的双方。'),
    leavesOn: L(
      'close() sends FIN → FIN-WAIT-1 (we are the active closer); the peer\'s FIN → CLOSE-WAIT (passive closer); RST or timeout → CLOSED.',
      'close() 发出 FIN → FIN-WAIT-1（本端主动关闭）；收到对端 FIN → CLOSE-WAIT（本端被动关闭）；RST 或超时 → CLOSED。',
    ),
    lifetime: F(
      'Unbounded while idle. Unacknowledged data gives up after tcp_retries2 (default 15, at least 924.6 s); keepalive (7200/75/9) applies only if the application enables it; TCP_USER_TIMEOUT is the per-socket control. A peer holding a zero window can keep it open forever.',
      '空闲时没有上限。有未确认数据时按 tcp_retries2 放弃（默认 15 次，至少 924.6 秒）；keepalive（7200/75/9）需应用开启才生效；TCP_USER_TIMEOUT 是 socket 级的控制手段。对端一直通告零窗口时连接可以永远存活。',
      'K-doc-sysctl tcp_retries2; CF2',
    ),
    orphan: {
      verdict: 'no',
      headline: L('not an orphan: the fd is open (or not yet accepted)', '不是孤儿：fd 仍在（或尚未被 accept）'),
      why: F(
        'A socket is orphaned only by the application\'s last close(), which first moves an ESTABLISHED connection to FIN-WAIT-1. Children waiting in the accept queue have no fd yet but are not SOCK_DEAD either.',
        '只有应用最后一次 close() 才会让 socket 成为孤儿，而 close() 会先把 ESTABLISHED 连接转入 FIN-WAIT-1。accept 队列中的子连接虽然还没有 fd，但也不是 SOCK_DEAD。',
        'K-tcp.c __tcp_close, new_state[]; K-sock sock_orphan',
      ),
      sysctls: [S.retries2, S.kaTime, S.kaIntvl, S.kaProbes],
      counters: [C.onTimeout, C.onClose, C.onData],
    },
    peer: { state: 'ESTABLISHED', text: L('The peer is ESTABLISHED too.', '对端同样处于 ESTABLISHED。') },
    commands: ['ss -tan state established', 'ss -tanpe state established', 'ss -s'],
    pitfalls: [
      F(
        '"`ino:0` or a `-` PID on an ESTABLISHED socket means an orphan": usually it is a child not yet accept()ed. Orphans sit in FIN-WAIT-1, CLOSING, LAST-ACK and full FIN-WAIT-2.',
        '“ESTABLISHED 上 `ino:0` 或 PID 为 `-` 就是孤儿”：通常只是尚未被 accept() 的子连接。孤儿出现在 FIN-WAIT-1、CLOSING、LAST-ACK 以及完整 socket 形态的 FIN-WAIT-2。',
        'K-sock sock_orphan; K-ipv4 get_tcp4_sock; PG-maoyidao',
      ),
      F(
        '"close() always sends a FIN": with unread data in the receive queue it sends RST (TcpExtTCPAbortOnClose), and SO_LINGER with a zero timeout resets too (TcpExtTCPAbortOnData).',
        '“close() 总是发 FIN”：接收队列里还有未读数据时发的是 RST（TcpExtTCPAbortOnClose）；SO_LINGER 超时设为 0 时同样发 RST（TcpExtTCPAbortOnData）。',
        'K-tcp.c __tcp_close, tcp_disconnect',
      ),
      F(
        '"`ss -s` estab counts ESTABLISHED only": since a 2024 change (a46d0ea5c942, backported to stable kernels) the CurrEstab gauge also includes CLOSE-WAIT.',
        '“`ss -s` 的 estab 只统计 ESTABLISHED”：自 2024 年的修改（a46d0ea5c942，已回合到各稳定版）起，CurrEstab 也包含 CLOSE-WAIT。',
        'C-CURRESTAB; ss.c print_summary',
      ),
    ],
  },

  'FIN-WAIT-1': {
    id: 'FIN-WAIT-1',
    summary: L(
      'We closed: our FIN is sent or queued; waiting for its ACK or for the peer\'s FIN.',
      '本端已关闭：FIN 已发出或已排队，等待对它的 ACK 或对端的 FIN。',
    ),
    who: L(
      'The active closer right after close() or shutdown(SHUT_WR); after close() the socket is already an orphan.',
      '主动关闭方，刚调用 close() 或 shutdown(SHUT_WR)；若是 close()，此时 socket 已经是孤儿。',
    ),
    leavesOn: L(
      'ACK of our FIN → FIN-WAIT-2 (an orphan normally becomes a timewait minisock right there); the peer\'s FIN → CLOSING; FIN and ACK together → TIME-WAIT; retry budget or orphan/memory limit exhausted → CLOSED.',
      'FIN 被确认 → FIN-WAIT-2（孤儿通常当场转成 timewait minisock）；收到对端 FIN → CLOSING；FIN 与 ACK 一起到达 → TIME-WAIT；重传预算耗尽或触发孤儿/内存上限 → CLOSED。',
    ),
    lifetime: F(
      'Orphan: tcp_orphan_retries (0 means 8) gives a 102.2 s budget counted from the first retransmission; it is checked only when the timer fires, so the socket goes after roughly 102–205 s. tcp_max_orphans or tcp_mem can kill it earlier. Non-orphan: tcp_retries2.',
      '孤儿：按 tcp_orphan_retries（0 即 8），从第一次重传起算有 102.2 秒预算；只在定时器触发时检查，所以实际约 102–205 秒后被丢弃。tcp_max_orphans 或 tcp_mem 可能更早把它杀掉。非孤儿：按 tcp_retries2。',
      'K-timer tcp_orphan_retries, tcp_write_timeout, tcp_model_timeout; K-tcp.c tcp_check_oom',
    ),
    orphan: {
      verdict: 'yes',
      headline: L('the typical orphan', '最典型的孤儿'),
      why: F(
        'close() sends or queues the FIN, enters FIN-WAIT-1 and detaches the fd (sock_orphan). It ends when the peer ACKs, when tcp_orphan_retries runs out (no RST, TcpExtTCPAbortOnTimeout) or when the orphan/memory check resets it (TcpExtTCPAbortOnMemory).',
        'close() 发出或排队 FIN，进入 FIN-WAIT-1，并解除与 fd 的关联（sock_orphan）。它在对端 ACK、tcp_orphan_retries 用尽（不发 RST，计入 TcpExtTCPAbortOnTimeout）或被孤儿/内存检查重置（计入 TcpExtTCPAbortOnMemory）时结束。',
        'K-tcp.c __tcp_close; K-sock sock_orphan; K-timer tcp_write_timeout, tcp_out_of_resources',
      ),
      sysctls: [S.orphanRetries, S.maxOrphans, S.mem, S.retries2, S.rtoMaxMs],
      counters: [C.orphan, C.onTimeout, C.onMemory, C.onData, C.failed],
    },
    peer: {
      state: 'CLOSE-WAIT',
      text: L(
        'The peer enters CLOSE-WAIT once our FIN reaches it; while the FIN is still stuck behind unsent data (zero window) the peer is still ESTABLISHED.',
        '我们的 FIN 到达后对端进入 CLOSE-WAIT；如果 FIN 还卡在未发出的数据后面（零窗口），对端仍是 ESTABLISHED。',
      ),
    },
    commands: [
      'ss -tanoi state fin-wait-1',
      'ss -Htan state fin-wait-1 | wc -l',
      'ss -tanem state fin-wait-1',
      "ss -Htan state fin-wait-1 | awk '{print $4}' | cut -d: -f1 | sort | uniq -c | sort -rn | head",
      ...ORPHAN_COMMANDS_TAIL,
    ],
    pitfalls: [
      PITFALL_ORPHANS_RETRANSMIT,
      PITFALL_LIMIT_REJECTS_NEW,
      F(
        '"FIN-WAIT-1 means our FIN was lost": Linux enters FIN-WAIT-1 as soon as the FIN is queued, even behind unsent data. A large Send-Q with timer:(persist,…) usually means the peer advertises a zero window.',
        '“FIN-WAIT-1 说明我们的 FIN 丢了”：Linux 在 FIN 入队时就进入 FIN-WAIT-1，哪怕它还排在未发出的数据后面。Send-Q 很大且定时器为 timer:(persist,…)，通常说明对端通告了零窗口。',
        'K-tcp.c __tcp_close; ss.c tcp_timer_print',
      ),
      F(
        '"An orphan disappears 102 s after close()": 102.2 s is a retry budget from the first retransmission and only a lower bound (typically 102–205 s). Zero-window orphans (`timer:(persist)`) follow the window-probe timer instead: every ACK the peer sends back resets their probe count, and they end once the backed-off probe interval reaches the RTO maximum (120 s), where tcp_orphan_retries 0 allows no more. The backoff stops growing at tcp_retries2, so with a low tcp_retries2 and a short RTO that point may never come and they stay as long as the peer answers (a 2025 netdev RFC patch reports this for tcp_retries2 ≤ 8; its merge status is unknown).',
        '“孤儿在 close() 后 102 秒就会消失”：102.2 秒是从第一次重传算起的预算，只是下限（通常 102–205 秒）。零窗口孤儿（`timer:(persist)`）走的是窗口探测定时器：对端每回一个 ACK 都会把探测计数清零，只有当退避后的探测间隔达到 RTO 上限（120 秒）时，tcp_orphan_retries 为 0 才不再允许探测，它们随之结束。退避次数停在 tcp_retries2，所以 tcp_retries2 较小且 RTO 较短时可能永远到不了这一步，只要对端还在应答它们就一直存在（2025 年 netdev 上的一个 RFC 补丁报告了 tcp_retries2 ≤ 8 时的这种情况；是否合入未知）。',
        'K-timer tcp_model_timeout, tcp_probe_timer; K-output tcp_send_probe0; ML-2025',
      ),
      F(
        '"tcp_orphan_retries = 0 disables retransmission": 0 is the default and means 8 while the RTO is below 120 s.',
        '“tcp_orphan_retries = 0 表示不重传”：0 就是默认值，RTO 低于 120 秒时按 8 处理。',
        'K-timer tcp_orphan_retries; K-ipv4 tcp_sk_init',
      ),
    ],
  },

  'FIN-WAIT-2': {
    id: 'FIN-WAIT-2',
    summary: L('Our FIN is acknowledged; waiting for the peer\'s FIN.', '本端 FIN 已被确认，等待对端的 FIN。'),
    who: L(
      'The active closer whose FIN was ACKed: either an orphan (after close()) or a half-closed socket after shutdown(SHUT_WR) that can still receive.',
      'FIN 已被确认的主动关闭方：可能是孤儿（调用了 close()），也可能是 shutdown(SHUT_WR) 后仍可接收数据的半关闭 socket。',
    ),
    leavesOn: L(
      'The peer\'s FIN → TIME-WAIT. For an orphan the fin timeout ends it: a minisock expires silently, and the full-socket timer path sends RST only if linger2 is negative or no time is left. New data arriving for an orphan → RST.',
      '收到对端 FIN → TIME-WAIT。孤儿则由 fin 超时结束：minisock 到期静默消失；完整 socket 的定时器路径只有在 linger2 为负或已无剩余时间时才发 RST。孤儿又收到新数据 → RST。',
    ),
    lifetime: F(
      'Orphan: set by tcp_fin_timeout F (default 60 s) or the per-socket TCP_LINGER2 (max 120 s), never less than 3.5 × RTO. With F ≤ 60 s the orphan becomes a timewait minisock at once and lives F s. With F > 60 s it waits F − 60 s as a full orphan, then another F − 60 s as a minisock: 2 × (F − 60) s in total (F = 90 → 60 s, F = 120 → 120 s, F = 180 → 240 s). A non-orphan (fd still open after shutdown) has no timer at all: a valid receive-only state.',
      '孤儿：由 tcp_fin_timeout F（默认 60 秒）或 socket 级的 TCP_LINGER2（最大 120 秒）决定，且不少于 3.5 倍 RTO。F ≤ 60 秒时孤儿立即转为 timewait minisock，存活 F 秒。F > 60 秒时它先以完整孤儿身份等待 F − 60 秒，再以 minisock 身份等待 F − 60 秒：总计 2 × (F − 60) 秒（F = 90 → 60 秒，F = 120 → 120 秒，F = 180 → 240 秒）。非孤儿（shutdown 后 fd 仍在）没有任何定时器，这是合法的“只收不发”状态。',
      'K-h tcp_fin_time; K-timer tcp_keepalive_timer; K-mini tcp_time_wait; K-input tcp_rcv_state_process; K-doc-sysctl tcp_fin_timeout; C-LINGER2',
    ),
    orphan: {
      verdict: 'caveat',
      headline: L(
        'a full orphan only when its FIN-WAIT-2 timeout (tcp_fin_timeout or TCP_LINGER2, at least 3.5 × RTO) is over 60 s; by default a timewait minisock counted in `tw`',
        '仅当 FIN-WAIT-2 超时（tcp_fin_timeout 或 TCP_LINGER2，且不少于 3.5 倍 RTO）超过 60 秒时才是完整的孤儿；默认情况下是计入 `tw` 的 timewait minisock',
      ),
      why: F(
        'With a fin timeout of 60 s or less the orphan is swapped for a timewait minisock in the FIN_WAIT2 sub-state as soon as it gets here: it leaves `orphan`, joins `tw`, is capped by tcp_max_tw_buckets, and ss still shows FIN-WAIT-2 with timer:(timewait,…). With a longer timeout the full orphan stays (timer:(keepalive,…)) for fin_timeout − 60 s and then becomes such a minisock.',
        'fin 超时不大于 60 秒时，孤儿一进入该状态就被替换成子状态为 FIN_WAIT2 的 timewait minisock：它离开 `orphan`、计入 `tw`，受 tcp_max_tw_buckets 限制，ss 仍显示 FIN-WAIT-2，但定时器是 timer:(timewait,…)。超时更长时，完整的孤儿 socket 先保留 fin_timeout − 60 秒（timer:(keepalive,…)），之后再转成这种 minisock。',
        'K-tcp.c __tcp_close; K-input tcp_rcv_state_process; K-timer tcp_keepalive_timer; K-mini tcp_time_wait',
      ),
      sysctls: [S.finTimeout, S.maxTw, S.maxOrphans],
      counters: [C.tw, C.orphan, C.twOverflow, C.onLinger, C.onData, C.ackSkippedFw2],
    },
    peer: {
      state: 'CLOSE-WAIT',
      text: L(
        'The peer got our FIN but its application has not closed yet; many FIN-WAIT-2 here usually mirror CLOSE-WAIT piling up on the peer.',
        '对端已收到我们的 FIN，但其应用还没有关闭；本机大量 FIN-WAIT-2 通常对应对端堆积的 CLOSE-WAIT。',
      ),
    },
    commands: [
      'ss -tano state fin-wait-2',
      'cat /proc/net/sockstat',
      'sysctl net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_tw_buckets',
    ],
    pitfalls: [
      F(
        '"Every FIN-WAIT-2 is an orphan": with the default tcp_fin_timeout closed ones are timewait minisocks counted in `tw`. timer:(keepalive,…) marks a full socket: an orphan whose FIN-WAIT-2 timeout (TCP_LINGER2, tcp_fin_timeout, at least 3.5 × RTO) is over 60 s, or a socket shut down but not closed, with SO_KEEPALIVE on; `ss -p` shows the owner of the latter.',
        '“FIN-WAIT-2 都是孤儿”：默认 tcp_fin_timeout 下，已关闭的它们是计入 `tw` 的 timewait minisock。timer:(keepalive,…) 说明是完整 socket：可能是 FIN-WAIT-2 超时（TCP_LINGER2、tcp_fin_timeout，且不少于 3.5 倍 RTO）超过 60 秒的孤儿，也可能是只 shutdown、没有 close 且开启了 SO_KEEPALIVE 的 socket，后者用 `ss -p` 能看到属主。',
        'K-tcp.c __tcp_close; K-h tcp_fin_time; K-timer tcp_keepalive_timer; K-diag inet_twsk_diag_fill',
      ),
      F(
        '"Those minisocks show up under `ss state time-wait` and as 06 in /proc/net/tcp": both report the sub-state, so by the kernel code they appear under `state fin-wait-2` and as 05 with timer field 3.',
        '“这些 minisock 会出现在 `ss state time-wait` 里，在 /proc/net/tcp 中显示为 06”：两者报告的都是子状态，按内核代码它们出现在 `state fin-wait-2` 下，在 /proc/net/tcp 中是 05、定时器字段为 3。',
        'K-diag inet_twsk_diag_fill, inet_diag_dump_icsk; K-ipv4 get_timewait4_sock',
      ),
      F(
        '"Lowering tcp_fin_timeout fixes a FIN-WAIT-2 pile-up": it only reaps our side sooner. The cause is the peer application not closing (its CLOSE-WAIT), and early reaping is itself a spec violation that can break a later reuse of the port.',
        '“调低 tcp_fin_timeout 就能解决 FIN-WAIT-2 堆积”：它只是让本端更早回收。根因是对端应用没有关闭（对端的 CLOSE-WAIT），而提前回收本身就违反规范，之后复用该端口时可能出问题。',
        'man-tcp7; CF1',
      ),
      F(
        '"The FIN-WAIT-2 timeout is counted in TcpExtTCPAbortOnLinger": the orphan FIN-WAIT-2 give-up increments no counter; AbortOnLinger only counts close() with a negative TCP_LINGER2.',
        '“FIN-WAIT-2 超时计入 TcpExtTCPAbortOnLinger”：孤儿 FIN-WAIT-2 的超时放弃不增加任何计数器；AbortOnLinger 只统计 TCP_LINGER2 为负时的 close()。',
        'K-timer tcp_keepalive_timer; K-tcp.c __tcp_close',
      ),
      PITFALL_FIN_TIMEOUT_TW,
    ],
  },

  'CLOSE-WAIT': {
    id: 'CLOSE-WAIT',
    summary: L('The peer has closed its side; waiting for our application to close().', '对端已关闭它那一侧，等待本端应用调用 close()。'),
    who: L(
      'The passive closer, right after the peer\'s FIN; the application still owns the fd.',
      '被动关闭方，刚收到对端的 FIN；fd 仍由应用持有。',
    ),
    leavesOn: L(
      'The application\'s close() or shutdown(SHUT_WR) sends our FIN → LAST-ACK; close() with unread data sends RST instead; a RST from the peer → CLOSED.',
      '应用调用 close() 或 shutdown(SHUT_WR) 发出 FIN → LAST-ACK；若仍有未读数据，close() 改发 RST；收到对端 RST → CLOSED。',
    ),
    lifetime: F(
      'Nothing in the kernel bounds it: it lasts until the application closes the socket (keepalive or a RST from the peer aside).',
      '内核中没有任何机制限制它：应用不关闭就一直存在（keepalive 或对端 RST 除外）。',
      'K-tcp.c __tcp_close; K-input tcp_fin',
    ),
    orphan: {
      verdict: 'no',
      headline: L('never an orphan: the application still holds the fd', '绝不是孤儿：应用仍持有 fd'),
      why: F(
        'sock_orphan() runs only inside close(), and close() moves the socket on to LAST-ACK. CLOSE-WAIT has no timer of its own: the application\'s close() is its normal end (with SO_KEEPALIVE on, failed keepalive probes end it too, as can a write that times out or a RST from the peer). A child still in the accept queue can also get a FIN: it has no fd yet but is not SOCK_DEAD either.',
        'sock_orphan() 只在 close() 中执行，而 close() 会把 socket 转入 LAST-ACK。CLOSE-WAIT 没有自己的定时器：正常由应用的 close() 结束（开启 SO_KEEPALIVE 时保活探测失败也会结束它，写超时或对端的 RST 同样会）。仍在 accept 队列中的子连接也可能收到 FIN：它还没有 fd，但也不是 SOCK_DEAD。',
        'K-tcp.c __tcp_close, new_state[]; K-input tcp_fin; K-timer tcp_keepalive_timer',
      ),
      sysctls: [S.kaTime, S.kaIntvl, S.kaProbes],
      counters: [C.onClose],
    },
    peer: {
      state: 'FIN-WAIT-2',
      text: L(
        'The active closer waits in FIN-WAIT-2, or has already dropped its FIN-WAIT-2 orphan when the FIN-WAIT-2 timeout ran out.',
        '主动关闭方在 FIN-WAIT-2 中等待，或者已在 FIN-WAIT-2 超时到期后丢弃了它的 FIN-WAIT-2 孤儿。',
      ),
    },
    commands: ['ss -tanp state close-wait', 'ls -l /proc/$PID/fd | grep -c socket', 'lsof -p $PID'],
    pitfalls: [
      F(
        '"CLOSE-WAIT sockets are orphans": false. The fd is still open and they are not counted in sockstat `orphan`.',
        '“CLOSE-WAIT 是孤儿”：错。fd 仍然打开，它们也不计入 sockstat 的 `orphan`。',
        'K-tcp.c __tcp_close; K-proc sockstat_seq_show',
      ),
      F(
        '"A sysctl such as tcp_fin_timeout will clear CLOSE-WAIT": none of those timers applies to it (tcp_fin_timeout is FIN-WAIT-2\'s, the TIME-WAIT tunables are TIME-WAIT\'s). Fix the application that never calls close() (a leak or a blocked worker).',
        '“调 tcp_fin_timeout 之类的 sysctl 就能清掉 CLOSE-WAIT”：这些定时器都不作用于它（tcp_fin_timeout 管的是 FIN-WAIT-2，TIME-WAIT 的参数管的是 TIME-WAIT）。应修复不调用 close() 的应用（fd 泄漏或工作线程阻塞）。',
        'K-doc-sysctl tcp_fin_timeout; PG-janelewis',
      ),
      F(
        '"A stale CLOSE-WAIT is harmless": when the client later reuses the same source port, the server\'s CLOSE-WAIT socket ignores the new SYN and connect() times out (Cloudflare\'s HTTP 522 case).',
        '“残留的 CLOSE-WAIT 无害”：客户端之后复用同一源端口时，服务端的 CLOSE-WAIT socket 会忽略新的 SYN，导致 connect() 超时（Cloudflare 的 HTTP 522 案例）。',
        'CF1',
      ),
    ],
  },

  CLOSING: {
    id: 'CLOSING',
    summary: L('Simultaneous close: both FINs crossed; waiting for the ACK of ours.', '同时关闭：双方 FIN 交错，等待对本端 FIN 的 ACK。'),
    who: L(
      'Either end when both sent a FIN before receiving the other\'s; rare.',
      '双方在收到对方 FIN 之前都已发出自己的 FIN 时出现，很少见。',
    ),
    leavesOn: L(
      'ACK of our FIN → TIME-WAIT; retry budget or orphan/memory limit exhausted → CLOSED.',
      '本端 FIN 被确认 → TIME-WAIT；重传预算耗尽或触发孤儿/内存上限 → CLOSED。',
    ),
    lifetime: F(
      'Our FIN is retransmitted on RTO; as an orphan it is bounded like FIN-WAIT-1 (tcp_orphan_retries budget, tcp_max_orphans, tcp_mem).',
      '本端 FIN 按 RTO 重传；作为孤儿，它与 FIN-WAIT-1 受同样的约束（tcp_orphan_retries 预算、tcp_max_orphans、tcp_mem）。',
      'K-timer tcp_write_timeout, tcp_orphan_retries, tcp_out_of_resources',
    ),
    orphan: {
      verdict: 'yes',
      headline: L('an orphan after close() (rare); not after shutdown()', 'close() 之后是孤儿（少见）；shutdown() 之后不是'),
      why: F(
        'It is reached from FIN-WAIT-1. After close() the socket is already SOCK_DEAD, an orphan; after shutdown(SHUT_WR) the application still holds the fd and it is not an orphan. An orphan ends on the ACK, on the orphan retry limit (TcpExtTCPAbortOnTimeout) or on the orphan/memory check (TcpExtTCPAbortOnMemory).',
        '它由 FIN-WAIT-1 转入。若应用调用的是 close()，socket 已是 SOCK_DEAD，即孤儿；若是 shutdown(SHUT_WR)，应用仍持有 fd，它就不是孤儿。孤儿在收到 ACK、孤儿重传上限用尽（TcpExtTCPAbortOnTimeout）或被孤儿/内存检查杀掉（TcpExtTCPAbortOnMemory）时结束。',
        'K-tcp.c __tcp_close, tcp_shutdown; K-input tcp_rcv_state_process; K-timer tcp_write_timeout, tcp_out_of_resources',
      ),
      sysctls: [S.orphanRetries, S.maxOrphans, S.mem],
      counters: [C.orphan, C.onTimeout, C.onMemory],
    },
    peer: {
      state: 'CLOSING',
      text: L('In a simultaneous close the peer passes through CLOSING as well.', '同时关闭时，对端同样会经过 CLOSING。'),
    },
    commands: ['ss -tano state closing', ...ORPHAN_COMMANDS_TAIL],
    pitfalls: [
      F(
        '"CLOSING is the normal state right after close()": that is FIN-WAIT-1. CLOSING needs the peer\'s FIN to arrive while our own FIN is still unacknowledged.',
        '“CLOSING 是 close() 之后的正常状态”：那是 FIN-WAIT-1。只有在本端 FIN 尚未被确认时又收到对端 FIN，才会进入 CLOSING。',
        'RFC9293 §3.3.2',
      ),
      F(
        '"Many CLOSING sockets point to a kernel bug": simultaneous closes whose ACKs get lost explain them; look at packet loss on the path first.',
        '“大量 CLOSING 说明协议栈有 bug”：同时关闭且 ACK 丢失即可解释；应先排查路径上的丢包。',
        'RFC9293 §3.3.2; K-timer tcp_retransmit_timer',
      ),
      PITFALL_ORPHANS_RETRANSMIT,
    ],
  },

  'LAST-ACK': {
    id: 'LAST-ACK',
    summary: L('We closed after the peer did; waiting for the ACK of our FIN.', '本端在对端之后关闭，等待对本端 FIN 的 ACK。'),
    who: L('The passive closer after close() in CLOSE-WAIT.', '被动关闭方，在 CLOSE-WAIT 中调用了 close()。'),
    leavesOn: L(
      'ACK of our FIN → CLOSED (freed); a RST from the peer → CLOSED; retry budget or orphan/memory limit exhausted → CLOSED.',
      '本端 FIN 被确认 → CLOSED（释放）；收到对端 RST → CLOSED；重传预算耗尽或触发孤儿/内存上限 → CLOSED。',
    ),
    lifetime: F(
      'Our FIN is retransmitted on RTO; as an orphan it gets the tcp_orphan_retries budget (102.2 s from the first retransmission, a lower bound) and the tcp_max_orphans / tcp_mem checks.',
      '本端 FIN 按 RTO 重传；作为孤儿，它受 tcp_orphan_retries 预算（从第一次重传起 102.2 秒，只是下限）以及 tcp_max_orphans / tcp_mem 检查的约束。',
      'K-timer tcp_write_timeout, tcp_orphan_retries, tcp_model_timeout; K-tcp.c tcp_check_oom',
    ),
    orphan: {
      verdict: 'yes',
      headline: L('almost always an orphan', '几乎总是孤儿'),
      why: F(
        'close() in CLOSE-WAIT sends the FIN, enters LAST-ACK and orphans the socket in the same call. The exception: the application used shutdown(SHUT_WR) and still keeps the fd.',
        '在 CLOSE-WAIT 中调用 close() 会在同一次调用里发出 FIN、进入 LAST-ACK 并把 socket 变成孤儿。例外：应用用的是 shutdown(SHUT_WR)，并且仍持有 fd。',
        'K-tcp.c __tcp_close, new_state[], tcp_shutdown',
      ),
      sysctls: [S.orphanRetries, S.maxOrphans, S.mem],
      counters: [C.orphan, C.onTimeout, C.onMemory],
    },
    peer: {
      state: 'FIN-WAIT-2',
      text: L(
        'The peer waits in FIN-WAIT-2 for our FIN, or is already in TIME-WAIT if only its ACK got lost.',
        '对端在 FIN-WAIT-2 中等待我们的 FIN；如果只是它的 ACK 丢了，对端已处于 TIME-WAIT。',
      ),
    },
    commands: ['ss -tano state last-ack', 'ss -Htan state last-ack | wc -l', ...ORPHAN_COMMANDS_TAIL],
    pitfalls: [
      PITFALL_ORPHANS_RETRANSMIT,
      F(
        '"Many LAST-ACK means a malicious or buggy client": usually the peer vanished or a middlebox drops the FIN or the ACK. A peer that has forgotten the connection would answer with RST, which ends LAST-ACK at once.',
        '“大量 LAST-ACK 说明客户端恶意或实现有缺陷”：通常是对端已消失，或中间设备丢弃了 FIN 或 ACK。若对端已忘记这条连接，它会回 RST，LAST-ACK 随即结束。',
        'RFC9293 §3.3.2',
      ),
      PITFALL_LIMIT_REJECTS_NEW,
    ],
  },

  'TIME-WAIT': {
    id: 'TIME-WAIT',
    summary: L(
      'Active closer after the final ACK: waits so that ACK can be repeated and old segments die out.',
      '主动关闭方发出最后一个 ACK 后的等待：以便必要时重发 ACK，并让网络中的旧报文消亡。',
    ),
    who: L(
      'The side that closed first, after both FINs were exchanged. On Linux it is a lightweight timewait minisock; the full socket is freed at once if it was an orphan, otherwise when the application closes its fd.',
      '先关闭的一方，双方 FIN 都已交换完毕。在 Linux 上它是轻量的 timewait minisock；若原来是孤儿，完整 socket 立即释放，否则在应用关闭 fd 时释放。',
    ),
    leavesOn: L(
      'The 60 s timer; a RST (unless tcp_rfc1337 = 1); an acceptable new SYN for the same 4-tuple; reuse by an outgoing connect() when tcp_tw_reuse allows it.',
      '60 秒定时器到期；收到 RST（除非 tcp_rfc1337 = 1）；同一四元组上可接受的新 SYN；tcp_tw_reuse 允许时被主动 connect() 复用。',
    ),
    lifetime: F(
      'Fixed TCP_TIMEWAIT_LEN = 60 s: not 2 × MSL (the RFC takes MSL as 2 min) and not tcp_fin_timeout; acceptable segments other than RST re-arm it. The number per netns is capped by tcp_max_tw_buckets.',
      '固定为 TCP_TIMEWAIT_LEN = 60 秒：既不是 2 × MSL（RFC 取 MSL 为 2 分钟），也不受 tcp_fin_timeout 影响；收到 RST 以外的可接受报文会重新计时。每个网络命名空间的数量受 tcp_max_tw_buckets 限制。',
      'K-h TCP_TIMEWAIT_LEN; K-mini tcp_time_wait, tcp_timewait_state_process; RFC9293 §3.4.2',
    ),
    orphan: {
      verdict: 'no',
      headline: L('not an orphan: a timewait minisock, counted as `tw`', '不是孤儿：是 timewait minisock，计入 `tw`'),
      why: F(
        'tcp_time_wait() hands the connection to an inet_timewait_sock, counted in the per-netns `tw`. The full socket is freed at once only for an orphan (and the orphan count drops); if the application still holds the fd, the full socket stays in CLOSE until it calls close(). If tcp_max_tw_buckets is reached the connection closes without TIME-WAIT (TcpExtTCPTimeWaitOverflow).',
        'tcp_time_wait() 把连接交给 inet_timewait_sock，计入按命名空间统计的 `tw`。只有孤儿的完整 socket 会被立即释放（孤儿计数随之减一）；若应用仍持有 fd，完整 socket 以 CLOSE 状态保留，直到应用调用 close()。若已达到 tcp_max_tw_buckets，连接直接关闭而不进入 TIME-WAIT（计入 TcpExtTCPTimeWaitOverflow）。',
        'K-mini tcp_time_wait; K-tw inet_twsk_alloc; K-proc sockstat_seq_show',
      ),
      sysctls: [S.maxTw, S.twReuse, S.rfc1337],
      counters: [C.tw, C.twOverflow],
    },
    peer: {
      state: 'LAST-ACK',
      text: L(
        'The peer was in LAST-ACK and is normally CLOSED once our final ACK arrives.',
        '对端原本处于 LAST-ACK，收到我们最后的 ACK 后通常已是 CLOSED。',
      ),
    },
    commands: [
      'ss -tano state time-wait',
      'ss -Htan state time-wait | wc -l',
      'cat /proc/net/sockstat',
      'sysctl net.ipv4.tcp_max_tw_buckets net.ipv4.tcp_tw_reuse',
    ],
    pitfalls: [
      PITFALL_ORPHAN_IS_TIMEWAIT,
      PITFALL_FIN_TIMEOUT_TW,
      F(
        '"Enable tcp_tw_recycle": it broke clients behind NAT and was removed in Linux 4.12. tcp_tw_reuse helps only outgoing connect(), not a server accepting connections.',
        '“打开 tcp_tw_recycle”：它会让 NAT 后面的客户端出问题，已在 Linux 4.12 中移除。tcp_tw_reuse 只对主动 connect() 有用，对接受连接的服务端无效。',
        'C-RECYCLE; K-ipv4 tcp_twsk_unique; K-doc-sysctl tcp_tw_reuse',
      ),
      F(
        '"Plain `ss -t` lists TIME-WAIT": its default filter hides it; use `-a` or `state time-wait`.',
        '“直接 `ss -t` 就能列出 TIME-WAIT”：默认过滤会隐藏它；需要加 `-a` 或写 `state time-wait`。',
        'ss.c SS_CONN',
      ),
    ],
  },

  'NEW-SYN-RECV': {
    id: 'NEW-SYN-RECV',
    summary: L(
      'Linux-only (since 4.1): a half-open connection kept as a lightweight request sock in the listener\'s SYN queue.',
      'Linux 特有（4.1 起）：以轻量 request sock 形式挂在监听 socket SYN 队列里的半连接。',
    ),
    who: L(
      'The passive opener after it received a SYN and answered with SYN+ACK; the listener itself stays in LISTEN. With SYN cookies no request sock is kept.',
      '被动打开方收到 SYN 并回复 SYN+ACK 之后；监听 socket 本身仍处于 LISTEN。启用 SYN cookie 时不保留 request sock。',
    ),
    leavesOn: L(
      'The final ACK creates a full child that goes straight to ESTABLISHED and waits for accept(). Exhausted SYN+ACK retries or a RST free it. If the accept queue is full when the final ACK comes, that ACK is dropped and the request sock kept, marked as acked: its SYN+ACK is sent again and a later ACK completes it once there is room; only with tcp_abort_on_overflow = 1 is it reset and freed at once.',
      '最后一个 ACK 到达时创建完整的子 socket，直接进入 ESTABLISHED 等待 accept()。SYN+ACK 重传用尽或收到 RST 会释放它。若最后的 ACK 到达时 accept 队列已满，该 ACK 被丢弃，request sock 保留并记为已确认：SYN+ACK 会重发，队列有空位后再来的 ACK 即可完成建连；只有 tcp_abort_on_overflow = 1 时才立即回 RST 并释放它。',
    ),
    lifetime: F(
      'tcp_synack_retries (default 5, final timeout after about 63 s); how many may be pending is limited by the listener\'s listen() backlog, capped by somaxconn.',
      '由 tcp_synack_retries 决定（默认 5 次，约 63 秒后最终超时）；可挂起的数量受监听 socket 的 listen() backlog 限制（上限为 somaxconn）。',
      'K-doc-sysctl tcp_synack_retries; K-mini tcp_check_req; K-csk-h inet_csk_reqsk_queue_is_full; C-NSR',
    ),
    orphan: {
      verdict: 'no',
      headline: L('never an orphan: a request sock, not a full socket', '绝不是孤儿：它是 request sock，不是完整 socket'),
      why: F(
        'Request socks have no fd and are not counted in sockstat `orphan`; orphaning only happens to full sockets inside close().',
        'request sock 没有 fd，也不计入 sockstat 的 `orphan`；只有完整 socket 在 close() 中才会变成孤儿。',
        'K-diag inet_req_diag_fill; K-tcp.c __tcp_close',
      ),
      sysctls: [S.synackRetries, S.maxSynBacklog, S.abortOnOverflow],
      counters: [],
    },
    peer: {
      state: 'SYN-SENT',
      text: L('The client waits in SYN-SENT for our SYN+ACK.', '客户端在 SYN-SENT 中等待我们的 SYN+ACK。'),
    },
    commands: ['ss -tan state syn-recv', "awk 'FNR>1 {print $4}' /proc/net/tcp /proc/net/tcp6 | sort | uniq -c"],
    pitfalls: [
      F(
        '"`ss state new-syn-recv` lists them": ss rejects that keyword. The kernel reports request socks as SYN-RECV, so use `ss -tan state syn-recv`.',
        '“`ss state new-syn-recv` 可以列出它们”：ss 会拒绝这个关键字。内核把 request sock 报告为 SYN-RECV，所以应使用 `ss -tan state syn-recv`。',
        'ss.c scan_state; K-diag inet_req_diag_fill',
      ),
      F(
        '"Look for state 0C in /proc/net/tcp": it never appears; request socks are printed as 03 (SYN_RECV) with timer field 1.',
        '“在 /proc/net/tcp 里找状态 0C”：它从不出现；request sock 打印为 03（SYN_RECV），定时器字段为 1。',
        'K-ipv4 get_openreq4, tcp4_seq_show',
      ),
    ],
  },

  'BOUND-INACTIVE': {
    id: 'BOUND-INACTIVE',
    summary: L(
      'inet_diag pseudo-state (13) for sockets that are bound but neither listening nor connecting; not a real TCP state.',
      'inet_diag 的伪状态（13），表示只做了 bind、既未监听也未连接的 socket；并不是真正的 TCP 状态。',
    ),
    who: L(
      'A TCP socket after bind() without listen() or connect(); its real state is CLOSE.',
      '调用了 bind() 但没有 listen() 或 connect() 的 TCP socket；其真实状态是 CLOSE。',
    ),
    leavesOn: L(
      'As for any CLOSE socket: listen() → LISTEN, connect() → SYN-SENT; close() frees it.',
      '与普通 CLOSE socket 相同：listen() → LISTEN，connect() → SYN-SENT；close() 后释放。',
    ),
    lifetime: F(
      'No TCP timer; it exists as long as the application keeps the bound socket.',
      '没有 TCP 定时器；只要应用保留这个已 bind 的 socket，它就一直存在。',
      'C-BI; K-states',
    ),
    orphan: {
      verdict: 'no',
      headline: L('not an orphan: a query pseudo-state for sockets that still have an fd', '不是孤儿：只是查询用的伪状态，这些 socket 仍有 fd'),
      why: F(
        'TCP_BOUND_INACTIVE (commit 91051f003948, v6.8 cycle) is only a filter value for inet_diag dumps; the sockets it selects are ordinary CLOSE sockets still owned by an application.',
        'TCP_BOUND_INACTIVE（提交 91051f003948，v6.8 开发周期）只是 inet_diag 导出时的过滤值；它选出的是仍由应用持有的普通 CLOSE socket。',
        'C-BI; K-states',
      ),
      sysctls: [],
      counters: [],
    },
    commands: ['ss -tan state bound-inactive', 'ss -B'],
    pitfalls: [
      F(
        '"ss prints BOUND-INACTIVE in the State column": these sockets are returned as CLOSE and printed as UNCONN.',
        '“ss 的 State 列会显示 BOUND-INACTIVE”：这些 socket 以 CLOSE 返回，显示为 UNCONN。',
        'C-BI; ss.c sstate_name[]',
      ),
      F(
        '"An empty result means no bound sockets": kernels before the v6.8 cycle, and iproute2 versions without bound-inactive support, cannot list them.',
        '“结果为空说明没有只 bind 的 socket”：v6.8 开发周期之前的内核，以及不支持 bound-inactive 的 iproute2，都无法列出它们。',
        'C-BI',
      ),
    ],
  },
};
