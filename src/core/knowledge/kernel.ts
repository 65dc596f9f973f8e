/**
 * Kernel-version-dependent facts, and which kernel a note is about: a snapshot header (`kernel=6.8.0-45-generic`),
 * `uname -r` output, `uname -a` output, or the `tcpStateNotes.kernelVersion` setting. When the kernel is known,
 * hovers state the value for that kernel first; otherwise they list the versions.
 * Pure: no `vscode`, no Node built-ins. Linear in the note (one pass over its lines, plain string tests).
 */
import type { Lang, Localized } from '../catalogue/types';
import { LABEL_COLON, PUNCT, t } from '../strings';
import { joinText } from '../textJoin';

const L = (en: string, zh: string): Localized => ({ en, 'zh-cn': zh });

export interface KernelVersion {
  readonly major: number;
  readonly minor: number;
  /** As written ("6.8.0-45-generic", "5.15"). */
  readonly release: string;
}

export interface KernelSource {
  readonly version: KernelVersion;
  /** Where it was read: a note line (0-based) or the setting. */
  readonly from: { readonly kind: 'note'; readonly line: number; readonly what: 'snapshot' | 'uname' } | { readonly kind: 'setting' };
}

/** The kernel of the `tcpStateNotes.kernelVersion` setting as the user typed it; empty or invalid: none. */
export function kernelFromSetting(text: string | undefined): KernelSource | undefined {
  const version = text ? parseKernelRelease(text) : undefined;
  return version ? { version, from: { kind: 'setting' } } : undefined;
}

/** "6.8.0-45-generic" → 6.8; anything not starting with `<major>.<minor>` → undefined. */
export function parseKernelRelease(text: string): KernelVersion | undefined {
  const t = text.trim();
  const m = /^(\d{1,2})\.(\d{1,3})/.exec(t);
  if (!m) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 2 || major > 20) return undefined;
  return { major, minor, release: t.split(/\s/)[0] ?? t };
}

const SNAPSHOT_HEADER = '# tcp-state-notes snapshot ';
const RELEASE_LINE = /^\s*(\d{1,2}\.\d{1,3}\.\d{1,4}[\w.+~-]{0,64})\s*$/;
const UNAME_A = /^\s*Linux [\w.-]{1,255} (\d{1,2}\.\d{1,3}\.\d{1,4}[\w.+~-]{0,64}) #/;

/** The first kernel release a note records (snapshot header, `uname -r` output, `uname -a` output). */
export function kernelFromNote(text: string): KernelSource | undefined {
  let line = 0;
  let afterUname = false;
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    const raw = text.slice(offset, Math.min(end, offset + 512));
    if (raw.startsWith(SNAPSHOT_HEADER)) {
      const at = raw.indexOf(' kernel=');
      const v = at === -1 ? undefined : parseKernelRelease(raw.slice(at + 8));
      if (v) return { version: v, from: { kind: 'note', line, what: 'snapshot' } };
    }
    if (afterUname) {
      const m = RELEASE_LINE.exec(raw);
      const v = m ? parseKernelRelease(m[1] ?? '') : undefined;
      if (v) return { version: v, from: { kind: 'note', line, what: 'uname' } };
      if (raw.trim() !== '') afterUname = false;
    }
    if (raw.includes('uname -r')) afterUname = true;
    const a = UNAME_A.exec(raw);
    const va = a ? parseKernelRelease(a[1] ?? '') : undefined;
    if (va) return { version: va, from: { kind: 'note', line, what: 'uname' } };
    if (end === text.length) break;
    offset = end + 1;
    line++;
  }
  return undefined;
}

let lastText: string | undefined;
let lastResult: KernelSource | undefined;
/** kernelFromNote, remembering the last note (a hover asks again for every mention of the same text). */
export function kernelFromNoteCached(text: string): KernelSource | undefined {
  if (text !== lastText) {
    lastText = text;
    lastResult = kernelFromNote(text);
  }
  return lastResult;
}

export interface VersionedFact {
  /** First version with the new behaviour, as [major, minor]. */
  readonly since: readonly [number, number];
  readonly now: Localized;
  /** The behaviour before `since`, when it is worth saying. */
  readonly before?: Localized;
  /** Source references (catalogue/sources.ts). */
  readonly source: string;
}

const SYN: VersionedFact = {
  since: [6, 5],
  now: L(
    'with tcp_syn_retries 6 and tcp_syn_linear_timeouts 4, connect() makes 10 SYN retransmissions: the last leaves at 67 s and connect() fails after about 131 s.',
    'tcp_syn_retries 为 6、tcp_syn_linear_timeouts 为 4 时，connect() 共重传 10 次 SYN：最后一个在第 67 秒发出，约 131 秒后 connect() 失败。',
  ),
  before: L(
    'with tcp_syn_retries 6 the last SYN leaves at 63 s and connect() fails after about 127 s; tcp_syn_linear_timeouts does not exist.',
    'tcp_syn_retries 为 6 时，最后一个 SYN 在第 63 秒发出，约 127 秒后 connect() 失败；没有 tcp_syn_linear_timeouts。',
  ),
  source: 'C-SYNLINEAR; K-doc-sysctl tcp_syn_retries',
};

const ORPHAN_COUNT: VersionedFact = {
  since: [5, 16],
  now: L(
    'the orphan limit is checked against a per-CPU sum cached every 100 ms, while sockstat `orphan` sums exactly: a count just over the limit may not trigger resets yet.',
    '孤儿上限的检查使用每 100 毫秒缓存一次的各 CPU 计数之和，而 sockstat 的 `orphan` 是精确求和：数量刚超过上限时可能还不会触发重置。',
  ),
  before: L(
    'the orphan count is a percpu_counter, summed exactly when it nears the limit (5.10.y and 5.15.y stable kernels got the 5.16 cache in Nov 2021).',
    '孤儿计数是 percpu_counter，接近上限时精确求和（5.10.y 和 5.15.y 稳定版在 2021 年 11 月也合入了 5.16 的缓存方式）。',
  ),
  source: 'C-ORPH',
};

/** Per state or term id: what changed, and since when. */
export const VERSIONED_FACTS: Readonly<Record<string, readonly VersionedFact[]>> = {
  'net.ipv4.tcp_syn_retries': [SYN],
  'net.ipv4.tcp_syn_linear_timeouts': [
    {
      since: [6, 5],
      now: L('available, default 4.', '可用，默认 4。'),
      before: L('does not exist: every SYN retransmission doubles the timeout.', '不存在：每次 SYN 重传都把超时翻倍。'),
      source: 'C-SYNLINEAR',
    },
  ],
  'SYN-SENT': [SYN],
  'net.ipv4.tcp_tw_reuse_delay': [
    {
      since: [6, 14],
      now: L('available, default 1000 ms.', '可用，默认 1000 毫秒。'),
      before: L('does not exist: setting it fails.', '不存在：设置会失败。'),
      source: 'C-TWDELAY; K-doc-sysctl tcp_tw_reuse_delay',
    },
  ],
  'net.ipv4.tcp_rto_max_ms': [
    {
      since: [6, 15],
      now: L('available, default 120000 ms.', '可用，默认 120000 毫秒。'),
      before: L('does not exist: the maximum RTO is the fixed TCP_RTO_MAX of 120 s.', '不存在：最大 RTO 是固定的 TCP_RTO_MAX，即 120 秒。'),
      source: 'K-doc-sysctl tcp_rto_max_ms',
    },
  ],
  'net.ipv4.tcp_rto_min_us': [
    {
      since: [6, 11],
      now: L('available, default 200000 µs.', '可用，默认 200000 微秒。'),
      before: L('does not exist: the minimum RTO is 200 ms unless a route sets rto_min.', '不存在：除非路由设置了 rto_min，最小 RTO 为 200 毫秒。'),
      source: 'K-doc-sysctl tcp_rto_min_us',
    },
  ],
  'net.ipv4.tcp_migrate_req': [
    {
      since: [5, 14],
      now: L('available, default 0.', '可用，默认 0。'),
      before: L('does not exist: closing a listener always aborts its pending connections.', '不存在：关闭监听 socket 总会中止其未完成的连接。'),
      source: 'K-doc-sysctl tcp_migrate_req',
    },
  ],
  'net.ipv4.tcp_tw_recycle': [
    {
      since: [4, 12],
      now: L(
        'removed: /proc/sys/net/ipv4/tcp_tw_recycle no longer exists, so setting it fails (the error text depends on the sysctl tool).',
        '已移除：/proc/sys/net/ipv4/tcp_tw_recycle 已不存在，设置它会失败（报错文字取决于所用的 sysctl 工具）。',
      ),
      before: L('exists (default 0); enabling it breaks clients behind NAT.', '存在（默认 0）；开启会让 NAT 后的客户端出问题。'),
      source: 'C-RECYCLE',
    },
  ],
  'net.ipv4.tcp_rmem': [
    {
      since: [6, 16],
      now: L(
        'the default max (third value) is 32 MiB (33554432), less on hosts with little memory.',
        '默认最大值（第三个数）为 32 MiB（33554432），内存少的主机更小。',
      ),
      before: L(
        'the default max (third value) is 6 MiB (6291456), less on hosts with little memory.',
        '默认最大值（第三个数）为 6 MiB（6291456），内存少的主机更小。',
      ),
      source: 'C-RMEM32; K-doc-sysctl tcp_rmem',
    },
  ],
  'net.core.somaxconn': [
    {
      since: [5, 4],
      now: L('default 4096.', '默认 4096。'),
      before: L('default 128.', '默认 128。'),
      source: 'K-doc-sysctl somaxconn',
    },
  ],
  'net.ipv4.tcp_max_orphans': [ORPHAN_COUNT],
  'sockstat.orphan': [ORPHAN_COUNT],
  'TIME-WAIT': [
    {
      since: [6, 11],
      now: L(
        'TIME-WAIT timers are no longer pinned to the CPU that armed them (matters on hosts with isolated CPUs).',
        'TIME-WAIT 定时器不再绑定在设置它的 CPU 上（对隔离了 CPU 的主机有影响）。',
      ),
      source: 'K-tw inet_twsk_alloc',
    },
    {
      since: [6, 2],
      now: L(
        'TIME-WAIT sockets are in the bhash2 table too (a fix for a 6.1 regression, also backported to 6.1 stable), so bind() conflicts with them as it did before 6.1.',
        'TIME-WAIT socket 也加入了 bhash2 表（修复 6.1 引入的回归，也已回合到 6.1 稳定版），bind() 与它们的冲突判断恢复为 6.1 之前的行为。',
      ),
      source: 'C-BHASH2',
    },
  ],
};

function atLeast(v: KernelVersion, since: readonly [number, number]): boolean {
  return v.major > since[0] || (v.major === since[0] && v.minor >= since[1]);
}

const TEXT = {
  forKernel: L('On Linux {release} ({from})', 'Linux {release}（{from}）'),
  fromSnapshot: L('snapshot at line {line}', '第 {line} 行的快照'),
  fromUname: L('uname at line {line}', '第 {line} 行的 uname'),
  fromSetting: L('setting tcpStateNotes.kernelVersion', '设置 tcpStateNotes.kernelVersion'),
  versions: L('Kernel versions', '内核版本'),
  since: L('since {v}', '自 {v} 起'),
  before: L('before {v}', '{v} 之前'),
} as const;


/**
 * The version line of a hover: for a known kernel, the value for that kernel ("**On Linux 5.15 (uname at line
 * 3):** …"); otherwise every change with its version. Undefined when nothing about `id` depends on the version.
 */
export function kernelLine(id: string, kernel: KernelSource | undefined, lang: Lang): string | undefined {
  const facts = VERSIONED_FACTS[id];
  if (!facts?.length) return undefined;
  if (kernel) {
    const v = kernel.version;
    const parts = factsSaid(facts, kernel).map((f) => (atLeast(v, f.since) ? f.now[lang] : (f.before?.[lang] as string)));
    if (!parts.length) return undefined;
    const from =
      kernel.from.kind === 'setting'
        ? TEXT.fromSetting[lang]
        : t(kernel.from.what === 'snapshot' ? TEXT.fromSnapshot : TEXT.fromUname, lang, { line: kernel.from.line + 1 });
    const head = t(TEXT.forKernel, lang, { release: `${v.major}.${v.minor}`, from });
    return `**${head}${LABEL_COLON[lang]}** ${joinText(parts, lang)}`;
  }
  const items = facts.map((f) => {
    const v = `${f.since[0]}.${f.since[1]}`;
    const now = `${t(TEXT.since, lang, { v })}${PUNCT.colon[lang]}${f.now[lang]}`;
    return f.before ? joinText([now, `${t(TEXT.before, lang, { v })}${PUNCT.colon[lang]}${f.before[lang]}`], lang) : now;
  });
  return `**${TEXT.versions[lang]}${LABEL_COLON[lang]}** ${joinText(items, lang)}`;
}

/**
 * Sources of the versioned facts that `kernelLine(id, kernel, …)` states (joined into the hover's source
 * links): all of them without a kernel; for a known kernel, those it says something about.
 */
export function kernelSources(id: string, kernel?: KernelSource): string[] {
  return factsSaid(VERSIONED_FACTS[id] ?? [], kernel).map((f) => f.source);
}

/** The versioned facts the version line states: every one without a kernel; for a kernel, those with a value for it. */
function factsSaid<F extends { readonly since: readonly [number, number]; readonly before?: unknown }>(facts: readonly F[], kernel: KernelSource | undefined): readonly F[] {
  return kernel ? facts.filter((f) => atLeast(kernel.version, f.since) || f.before !== undefined) : facts;
}
