/**
 * The words of the agent tools (language-model tools in VS Code, the MCP server): result headings and the
 * error messages a model reads and acts on. Each error says what was wrong and what to send instead.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Localized } from '../catalogue/types';

export const AGENT_TEXT = {
  termMissing: {
    en: '`term` is required: a TCP state in any spelling (FIN-WAIT-1, TCP_FIN_WAIT1, fin-wait-1, 04), a sysctl (tcp_max_orphans), a counter (TcpExtTCPAbortOnMemory), a sockstat field (orphan) or a kernel message ("too many orphaned sockets").',
    'zh-cn': '缺少 `term`：请给出任意写法的 TCP 状态（FIN-WAIT-1、TCP_FIN_WAIT1、fin-wait-1、04）、sysctl（tcp_max_orphans）、计数器（TcpExtTCPAbortOnMemory）、sockstat 字段（orphan）或内核消息（"too many orphaned sockets"）。',
  },
  termTooLong: {
    en: '`term` is {n} characters long; send one term of at most 200 characters (a state, sysctl, counter or kernel message), not a sentence or a note. To analyse note text use summarize_socket_evidence or check_tcp_note.',
    'zh-cn': '`term` 长 {n} 个字符；请只发送一个不超过 200 个字符的术语（状态、sysctl、计数器或内核消息），不要发送句子或整篇笔记。分析笔记文本请用 summarize_socket_evidence 或 check_tcp_note。',
  },
  unknownTerm: {
    en: 'Unknown term "{term}": it is not a TCP state, sysctl, nstat counter, sockstat field or kernel message in the catalogue.{hint} Call explain_tcp_state again with a state name in any spelling (FIN-WAIT-1, FIN_WAIT1, TCP_FIN_WAIT1, fin-wait-1, 04), a sysctl (tcp_max_orphans), a counter (TcpExtTCPAbortOnMemory) or a kernel message ("too many orphaned sockets"); do not guess an explanation for it.',
    'zh-cn': '未知术语 "{term}"：它不是目录中的 TCP 状态、sysctl、nstat 计数器、sockstat 字段或内核消息。{hint}请用任意写法的状态名（FIN-WAIT-1、FIN_WAIT1、TCP_FIN_WAIT1、fin-wait-1、04）、sysctl（tcp_max_orphans）、计数器（TcpExtTCPAbortOnMemory）或内核消息（"too many orphaned sockets"）再次调用 explain_tcp_state；不要自行猜测解释。',
  },
  didYouMean: { en: ' Did you mean {list}?', 'zh-cn': '是否想写 {list}？' },
  badLang: {
    en: '`lang` must be "en" or "zh-cn" (got {got}); leave it out to answer in the editor\'s language.',
    'zh-cn': '`lang` 只能是 "en" 或 "zh-cn"（收到 {got}）；省略它则使用编辑器的语言。',
  },
  notObject: {
    en: 'The input must be a JSON object with the properties of this tool\'s input schema (got {got}).',
    'zh-cn': '输入必须是符合本工具输入模式的 JSON 对象（收到 {got}）。',
  },
  unknownProperty: {
    en: 'Unknown input property "{name}"; this tool takes {allowed}.',
    'zh-cn': '未知的输入属性 "{name}"；本工具接受 {allowed}。',
  },
  notString: { en: '`{name}` must be a string (got {got}).', 'zh-cn': '`{name}` 必须是字符串（收到 {got}）。' },
  notLine: {
    en: '`{name}` must be a line number, a whole number from 1 (got {got}).',
    'zh-cn': '`{name}` 必须是行号，即从 1 开始的整数（收到 {got}）。',
  },
  rangeOrder: {
    en: '`endLine` ({end}) is before `startLine` ({start}); send startLine ≤ endLine (1-based, inclusive).',
    'zh-cn': '`endLine`（{end}）在 `startLine`（{start}）之前；请保证 startLine ≤ endLine（从 1 开始，含两端）。',
  },
  rangePastEnd: {
    en: '`startLine` {start} is past the end of the note, which has {lines} lines; send a range inside 1–{lines}, or no range for the whole note.',
    'zh-cn': '`startLine` {start} 超出了笔记末尾（笔记共 {lines} 行）；请给出 1–{lines} 之内的范围，或不给范围以分析整篇笔记。',
  },
  pathOrText: {
    en: 'Send exactly one of `path` (a Markdown file inside the client\'s roots) or `text` (the note\'s Markdown itself); got {got}.',
    'zh-cn': '请在 `path`（客户端根目录内的 Markdown 文件）和 `text`（笔记的 Markdown 文本）中二选一；收到 {got}。',
  },
  textTooLarge: {
    en: 'The note text is {mb} MB; at most {max} MB is analysed. Send a smaller part (one incident, one evidence block).',
    'zh-cn': '笔记文本有 {mb} MB；最多分析 {max} MB。请发送较小的部分（一次事故、一个证据块）。',
  },
  // Headings of the results.
  rangeHeading: { en: 'Lines {start}–{end} of {name}', 'zh-cn': '{name} 的第 {start}–{end} 行' },
  sources: { en: 'Sources', 'zh-cn': '来源' },
  checkTitle: { en: 'TCP note check — {name}', 'zh-cn': 'TCP 笔记检查 — {name}' },
  checkClean: {
    en: 'No findings: no look-alikes of TCP state names and none of the known wrong claims.',
    'zh-cn': '没有发现问题：没有形似 TCP 状态名的拼写错误，也没有已知的错误说法。',
  },
  checkSummary: {
    en: 'Findings: {total} (typos: {typos}, wrong claims: {claims}). Line and column are 1-based.',
    'zh-cn': '{total} 个问题：{typos} 个拼写错误，{claims} 个错误说法。行号和列号从 1 开始。',
  },
  checkMore: {
    en: '…and {more} more findings, not listed here (an answer stays readable). Fix these and check again, or check a part of the note.',
    'zh-cn': '……另有 {more} 个问题未列出（以免回答过长）。先修正以上问题再检查，或只检查笔记的一部分。',
  },
  typoItem: { en: 'line {line}, column {col}: `{text}` is not a TCP state.', 'zh-cn': '第 {line} 行第 {col} 列：`{text}` 不是 TCP 状态。' },
  typoFix: { en: 'Fix: replace it with {list}.', 'zh-cn': '修正：替换为 {list}。' },
  claimItem: { en: 'line {line}, column {col}: wrong claim — {message}', 'zh-cn': '第 {line} 行第 {col} 列：错误说法——{message}' },
  claimFix: { en: 'Fix: {fact}', 'zh-cn': '修正：{fact}' },
  source: { en: 'Source: {url}', 'zh-cn': '来源：{url}' },
  or: { en: ' or ', 'zh-cn': ' 或 ' },
  // The snapshot tool.
  snapshotTaken: {
    en: 'Socket snapshot of the machine where the VS Code extension host runs, taken {time}. It was NOT inserted into any note; insert it only if the user asks (the "Capture Socket Snapshot" command inserts one at the cursor).',
    'zh-cn': '扩展主机所在机器的 socket 快照，采集于 {time}。它没有插入任何笔记；只有在用户要求时才插入（"Capture Socket Snapshot" 命令会在光标处插入）。',
  },
  snapshotProblems: { en: 'Parts that could not be read: {list}.', 'zh-cn': '未能读取的部分：{list}。' },
} as const satisfies Record<string, Localized>;
