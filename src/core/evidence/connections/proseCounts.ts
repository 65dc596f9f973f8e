/**
 * Per-state counts written outside code blocks.
 *
 * A line (or list item, or block-quote line) counts when it says only `STATE N`: `FIN_WAIT1 61920`,
 * `- LAST_ACK: 2,103（大部分是孤儿）`, `CLOSE_WAIT=57`, `TIME_WAIT（30122）`, `FIN_WAIT1 有 2981 个`. A line with other words or numbers around the pair ("3 of 61920 FIN_WAIT1
 * sockets") is ambiguous and skipped. A number *before* the state (`1 ESTABLISHED`, `- 06 TIME_WAIT`) reads as a
 * step, an ordinal or a code far more often than as a count, so it is not one; nor is a number written with a
 * leading zero (`TIME_WAIT 06`: a /proc/net/tcp code).
 *
 * A table row counts by what its header says of the number's column (columnRole): `| State | Count |`,
 * `| 状态 | 数量 |`, `| 数量 | 状态 |` give counts (the count column wherever it stands); a column the header names
 * as something else — an ordinal (`序号`, `#`), a code (`st`, `hex`), a time (`超时（秒）`, `Timeout (s)`), an
 * identifier (`port`, `pid`), a description (`含义`, `说明`) — gives none. A header that says neither
 * (`| 状态 | 故障时 |`) leaves the documented `| STATE | N |` order: the number right after the state counts.
 * Columns headed by two or more times or dates (`| 状态 | 10:00 | 10:30 | 11:00 |`) are a series of samples, none of
 * them the count (sampleColumns). A table with a column of places (`| 主机 | 状态 | 数量 |`, `| Pod | State | Count |`,
 * `| 对端 IP | … |`) whose rows name more than one place counts each place's sockets apart, so no row of it is the
 * note's count; rows that all name one place count as any table's (placeColumn).
 *
 * Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../../catalogue/types';
import { parseCount, stateFromToken, tokenize, withoutQuoteMarkers } from '../text';
import { parseDate, parseTimeMention } from '../../report/time';

export interface ProseCount {
  readonly state: StateId;
  readonly count: number;
  /** `3万多`, `12k+`, `2000 个以上`: at least that many. */
  readonly atLeast?: true;
  /** 0-based note line. */
  readonly line: number;
}

const MAX_LINE = 400;

/** What may follow the pair on the same line: an annotation, not more data. */
function isTrailingNote(token: string): boolean {
  return /^(?:#|\/\/|<-|←|\(|（|—|--|-|个|多个|sockets?\b|个连接|左右|以上)/.test(token);
}

/** Words between a state and its number: 有 (has), and about / nearly (约, 大概, 将近, ~ …). */
const BEFORE_COUNT = /^(?:(?:大概|大约|约|差不多|将近|接近|近)有?|有|about|around|approx\.?|roughly|nearly|~|～|≈|约等于)$/i;
/**
 * What may follow `N 个`: nothing, 连接 / socket (what is counted), 左右 / 以上, then an end or an annotation — not
 * another noun (`2 个 MSL`, `1 个小时`, `3 个多月前`: N counts that, not the state's sockets).
 */
const AFTER_GE = /^多?(?:连接|sockets?|套接字)?(?:左右|以上)?(?=$|[\s（(#—\-，,。；;：:！!])/;
/** What follows a count and makes it a lower bound: 多 (3万多), +, 以上 (or more). */
const AT_LEAST_AFTER = /^(?:多|\+|以上)/;
/**
 * A count scaled as notes write it: `3万`, `3.5万`, `1.2w` (×10,000), `12k` (×1,000), with at most two decimals, after
 * an optional `~`; then `多`/`+` (at least) and `个` may follow. The parts (number, unit, at least).
 */
const SCALED = /^[~～≈]?(\d{1,9}(?:\.\d{1,2})?)(万|[wWkK])(多|\+)?(?:个(?:连接)?)?$/;
/** A plain count with `个` or `多个` glued to it (`2981个`, `300多个`). */
const GLUED = /^(\d[\d,]{0,14})(多)?个(?:连接)?$/;

function clean(token: string): string {
  let a = 0;
  let b = token.length;
  const mark = (c: number): boolean => c === 96 /* ` */ || c === 42; /* * */
  while (a < b && mark(token.charCodeAt(a))) a++;
  while (b > a && mark(token.charCodeAt(b - 1))) b--;
  let s = token.slice(a, b);
  if (s.length > 1 && (s.endsWith(':') || s.endsWith('：') || s.endsWith(','))) s = s.slice(0, -1);
  return s;
}

/** A count as people write one: digits (thousands grouped or not), no leading zero (`06` is a code). */
function countOf(token: string | undefined): number | undefined {
  if (token === undefined) return undefined;
  const s = clean(token);
  if (s.length > 1 && s.charCodeAt(0) === 48 /* 0 */) return undefined;
  return parseCount(s);
}

/** A count in prose: countOf's, or scaled (`1.2w`, `3万多个`, `12k+`), or with `个` glued (`2981个`). */
function amountOf(token: string | undefined): { count: number; atLeast: boolean } | undefined {
  const plain = countOf(token);
  if (plain !== undefined || token === undefined) return plain === undefined ? undefined : { count: plain, atLeast: false };
  const s = clean(token);
  const scaled = SCALED.exec(s);
  if (scaled) {
    const n = scaled[1] as string;
    if (n.length > 1 && n[0] === '0' && n[1] !== '.') return undefined;
    const unit = scaled[2] === 'k' || scaled[2] === 'K' ? 1000 : 10000;
    return { count: Math.round(Number(n) * unit), atLeast: scaled[3] !== undefined };
  }
  const glued = GLUED.exec(s);
  const count = glued ? countOf(glued[1]) : undefined;
  return count === undefined ? undefined : { count, atLeast: glued?.[2] !== undefined };
}

/** The state a cell or token names, when it is one token that is a state. */
function stateOf(token: string | undefined): StateId | undefined {
  return token === undefined ? undefined : stateFromToken(clean(token));
}

// ---------------------------------------------------------------------------------------------------
// Table headers
// ---------------------------------------------------------------------------------------------------

/** What a header says of its column of numbers. */
export type ColumnRole = 'count' | 'other' | 'unknown';

/** Chinese words in a header that name a count of sockets or connections. */
const COUNT_ZH = ['数量', '个数', '计数', '总数', '连接数', '套接字数', '数目', '条数'];
/** English header words that name a count. */
const COUNT_EN: ReadonlySet<string> = new Set(['count', 'counts', 'cnt', 'num', 'number', 'total', 'connections', 'conns', 'sockets', 'socks', 'qty', 'amount']);
/**
 * Chinese words in a header that name the column as something else: an ordinal or code, a time or duration, an
 * identifier, a size, a limit, retries, a description or a parameter.
 */
const OTHER_ZH = [
  '序号', '编号', '顺序', '步骤', '代码', '编码', '状态码', '十六进制', '取值', '枚举', '常量',
  '超时', '时间', '时长', '耗时', '秒', '分钟', '小时', '延迟', '间隔',
  '端口', '进程', '字节', '内存', '队列', '窗口', '上限', '阈值', '重传', '重试',
  '含义', '说明', '描述', '意义', '备注', '解释', '默认', '参数',
];
/** English header words that name the column as something else (the same kinds as OTHER_ZH). */
const OTHER_EN: ReadonlySet<string> = new Set([
  'id', 'idx', 'index', 'seq', 'step', 'order', 'rank', 'st', 'code', 'hex', 'value', 'val', 'enum', 'const',
  'timeout', 'time', 'duration', 'delay', 'interval', 'sec', 'secs', 'second', 'seconds', 'ms', 'msec', 'min', 'mins', 'minute', 'minutes', 'ttl', 'rto',
  'port', 'pid', 'fd', 'uid', 'inode', 'ino', 'bytes', 'kb', 'mb', 'mem', 'memory', 'queue', 'window', 'limit', 'max', 'threshold', 'retries', 'retrans',
  'send', 'recv', 'sendq', 'recvq', 'q', 'rtt', 'cwnd', 'wnd', 'mss', 'size', 'rate',
  'meaning', 'description', 'desc', 'note', 'notes', 'comment', 'default', 'param', 'parameter', 'sysctl',
]);
/** Whole header cells that are an ordinal or a value column: `#`, `No.`, `值`. */
const OTHER_CELLS: ReadonlySet<string> = new Set(['#', 'no', 'no.', 'nr', 'nr.', '№', '值', '数值']);

/**
 * What a table header cell says of the numbers under it: a count (`Count`, `数量`, `连接数`), something else
 * (`序号`, `st`, `超时（秒）`, `Port`, `含义`; these win over a count word: `连接数上限` is a limit), or neither.
 */
export function columnRole(header: string | undefined): ColumnRole {
  if (header === undefined) return 'unknown';
  const cell = clean(header.trim()).toLowerCase();
  if (cell.length === 0) return 'unknown';
  if (OTHER_CELLS.has(cell)) return 'other';
  const words = cell.split(/[^a-z0-9]+/);
  if (OTHER_ZH.some((w) => cell.includes(w)) || words.some((w) => OTHER_EN.has(w))) return 'other';
  if (COUNT_ZH.some((w) => cell.includes(w)) || words.some((w) => COUNT_EN.has(w))) return 'count';
  return 'unknown';
}

/**
 * The columns of a header that are a series of samples: two or more cells that give a time or a date (`| 状态 | 10:00 |
 * 10:30 | 11:00 |`, `| State | 2025-06-20 | 2025-06-21 |`). Each is its time's sample, not the count: which of them is
 * current is not the table's column order to say, so none gives one. One such cell alone (`| 状态 | 10:00 |`) is the
 * table's one sample and reads as any other column. Remembered per header (TableHeaders gives one array a table).
 */
const SAMPLE_COLUMNS = new WeakMap<readonly string[], ReadonlySet<number>>();
const NO_COLUMNS: ReadonlySet<number> = new Set();

function sampleColumns(header: readonly string[] | undefined): ReadonlySet<number> {
  if (header === undefined) return NO_COLUMNS;
  let cols = SAMPLE_COLUMNS.get(header);
  if (cols === undefined) {
    const timed = new Set<number>();
    header.forEach((cell, i) => {
      const c = clean(cell.trim());
      if (parseTimeMention(c) !== undefined || parseDate(c) !== undefined) timed.add(i);
    });
    cols = timed.size >= 2 ? timed : NO_COLUMNS;
    SAMPLE_COLUMNS.set(header, cols);
  }
  return cols;
}

/**
 * A header cell that names a place each row is about: a host, node, pod or container, or an address or peer
 * (`主机`, `节点`, `Host`, `Pod`, `对端 IP`, `Peer address`). Such a table's rows are counts of different places
 * (`| lb-1 | FIN_WAIT1 | 210 |`, `| lb-2 | FIN_WAIT1 | 2.9万 |`): no one of them is the note's count of the state.
 */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  '主机', '主机名', '机器', '节点', '服务器', '实例', '容器', 'ip', 'ip地址', '地址',
  'host', 'hosts', 'hostname', 'node', 'nodes', 'server', 'servers', 'instance', 'instances', 'machine', 'machines',
  'pod', 'pods', 'container', 'containers', 'ips', 'ipaddress', 'addr', 'address', 'addresses', 'peer', 'peers', 'endpoint',
]);
/** Words before a place word that name which end it is (`对端 IP`, `Peer address`, `client ip`). */
const PLACE_QUALIFIERS = ['源', '目的', '目标', '本地', '远端', '对端', '客户端', '服务端', 'peer', 'remote', 'local', 'source', 'destination', 'src', 'dst', 'client', 'server'];

function isPlaceCell(cell: string): boolean {
  const c = cell.toLowerCase().replace(/\s+/g, '');
  if (PLACE_WORDS.has(c)) return true;
  return PLACE_QUALIFIERS.some((q) => c.length > q.length && c.startsWith(q) && PLACE_WORDS.has(c.slice(q.length)));
}

const PLACE_COLUMNS = new WeakMap<readonly string[], number>();

/** The column of a table's header that names a place (isPlaceCell), or -1. */
function placeColumn(header: readonly string[]): number {
  let at = PLACE_COLUMNS.get(header);
  if (at === undefined) {
    at = header.findIndex((cell) => isPlaceCell(clean(cell.trim())));
    PLACE_COLUMNS.set(header, at);
  }
  return at;
}

/** The cells of a table row (`| a | b |` → ['a', 'b']), or undefined when the line is no table row. */
function rowCells(line: string): string[] | undefined {
  if (line.length > MAX_LINE) return undefined;
  const s = withoutQuoteMarkers(line.trimStart()).trim();
  if (!s.startsWith('|')) return undefined;
  return s.split('|').map((c) => c.trim()).filter((c, i, a) => !(c === '' && (i === 0 || i === a.length - 1)));
}

const DELIMITER_CELL = /^:?-+:?$/;

function isDelimiterRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => DELIMITER_CELL.test(c));
}

/** A table row's count: the state in its first or second cell, the number from the column its header names. */
function rowCount(cells: readonly string[], header: readonly string[] | undefined): Omit<ProseCount, 'line'> | undefined {
  const one = (i: number): string | undefined => {
    const c = cells[i];
    if (c === undefined) return undefined;
    const t = tokenize(c);
    return t.length === 1 ? t[0] : undefined;
  };
  let at = -1;
  let state: StateId | undefined;
  for (let i = 0; i < 2 && state === undefined; i++) {
    state = stateOf(one(i));
    if (state !== undefined) at = i;
  }
  if (state === undefined) return undefined;
  const samples = sampleColumns(header);
  // A column the header names as a count, wherever it stands (not one of a series of samples).
  if (header) {
    for (let i = 0; i < cells.length; i++) {
      if (i === at || samples.has(i) || columnRole(header[i]) !== 'count') continue;
      return counted(state, amountOf(one(i)));
    }
  }
  // Else the documented order: the number right after the state, unless the header names it as something else or
  // as one sample of a series.
  return columnRole(header?.[at + 1]) === 'other' || samples.has(at + 1) ? undefined : counted(state, amountOf(one(at + 1)));
}

function counted(state: StateId, amount: { count: number; atLeast: boolean } | undefined): Omit<ProseCount, 'line'> | undefined {
  if (amount === undefined) return undefined;
  return amount.atLeast ? { state, count: amount.count, atLeast: true } : { state, count: amount.count };
}

// ---------------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------------

/**
 * The count a line states, or undefined. `text` is one line of Markdown outside code; for a table row,
 * `header` is its table's header cells (none known: a row read alone).
 */
export function proseCountOf(text: string, header?: readonly string[]): Omit<ProseCount, 'line'> | undefined {
  if (text.length > MAX_LINE) return undefined;
  const cells = rowCells(text);
  if (cells) return cells.length < 2 ? undefined : rowCount(cells, header);
  let s = withoutQuoteMarkers(text.trimStart()).trim();
  s = s.replace(/^(?:[-*+]|\d{1,3}[.)])\s+/, '');
  // `FIN_WAIT1：61920` with a full-width colon and no space; `CLOSE_WAIT=57`.
  s = s.replace(/([A-Za-z0-9_*`-])[ \t]{0,2}[:：=＝][ \t]{0,2}(\d)/, '$1 $2');
  // `TIME_WAIT（30122）`, `TIME_WAIT (30122)`: the number in brackets right after the state.
  s = s.replace(/^([A-Za-z0-9_*`-]{3,40})[ \t]{0,2}[（(](\d[\d,]{0,14})[）)]/, '$1 $2');
  // `2,103（大部分是孤儿）`: an annotation glued to the number.
  s = s.replace(/(\d)([（(#])/, '$1 $2');
  // `TIME_WAIT有1.2w个`: Chinese written without spaces, apart from the state and from the number.
  s = s.replace(/([A-Za-z0-9_*`])(?=[\u3400-\u9fff])/, '$1 ').replace(/([\u3400-\u9fff])(?=[\d~～≈])/, '$1 ');
  // `3 万`: the unit with its number.
  s = s.replace(/(\d) (万)/, '$1$2');
  const t = tokenize(s, 16);
  if (t.length < 2) return undefined;
  const state = stateOf(t[0]);
  if (state === undefined) return undefined;
  // `FIN_WAIT1 有 2981 个`, `大概有 3 万多个`, `about 12k`: 有 or an "about" between the state and its number.
  const at = BEFORE_COUNT.test(t[1] as string) ? 2 : 1;
  const amount = amountOf(t[at]);
  if (amount === undefined) return undefined;
  const next = t[at + 1];
  if (next !== undefined && !isTrailingNote(next)) return undefined;
  const ge = next === undefined ? null : /^多?个/.exec(next);
  if (ge && !AFTER_GE.test(t.slice(at + 1).join(' ').slice(ge[0].length).trimStart())) return undefined;
  return counted(state, { count: amount.count, atLeast: amount.atLeast || (next !== undefined && AT_LEAST_AFTER.test(next.replace(/^个/, ''))) });
}

/**
 * The header cells of the table holding row `n` (not a delimiter row), found by walking up to its delimiter
 * row; rows walked are remembered with the answer, so a note's tables are walked once in all (linear).
 */
class TableHeaders {
  private readonly memo = new Map<number, readonly string[] | null>();

  constructor(private readonly lineText: (n: number) => string) {}

  of(n: number): readonly string[] | undefined {
    const walked: number[] = [n];
    let found: readonly string[] | null = null;
    for (let k = n - 1; k >= 0; k--) {
      const known = this.memo.get(k);
      if (known !== undefined) {
        found = known;
        break;
      }
      const cells = rowCells(this.lineText(k));
      if (!cells) break; // not a table: no header above
      if (isDelimiterRow(cells)) {
        found = k > 0 ? (rowCells(this.lineText(k - 1)) ?? null) : null;
        break;
      }
      walked.push(k);
    }
    for (const k of walked) this.memo.set(k, found);
    return found ?? undefined;
  }
}

/** Words of a heading or lead-in line that make the `STATE N` lines under it timeouts or defaults, not counts. */
const NOT_COUNTS_ZH = ['超时', '时长', '默认', '定时器', '持续时间', '等待时间'];
const NOT_COUNTS_EN: ReadonlySet<string> = new Set(['timeout', 'timeouts', 'timer', 'timers', 'default', 'defaults', 'ttl', 'lifetime', 'lifetimes', 'duration', 'durations']);
/**
 * Words that make a heading a moment of the incident, whose lines are counts whatever else it names: a change and
 * what came after (`把 tcp_fin_timeout 调到 15 之后`, "after the timeout change"), a measurement (统计, 现场).
 */
const MOMENT_ZH = ['之后', '之前', '以后', '以前', '后', '前', '调整', '调到', '调成', '改为', '改成', '修改', '恢复', '统计', '现场', '数量', '连接数', '采样'];
const MOMENT_EN: ReadonlySet<string> = new Set(['after', 'before', 'during', 'since', 'changed', 'change', 'raised', 'lowered', 'set', 'count', 'counts', 'sockets', 'connections', 'sample', 'samples']);

/** Lines looked at above a run of `STATE N` lines for its heading or lead-in. */
const LEAD_IN_LOOKBACK = 40;

/**
 * The heading or lead-in line of the run of lines holding line `n`: up through the run's non-blank lines, then at
 * most two blank lines, the first other line (`## Linux TCP 超时速查`, `各状态的默认超时：`). Undefined at the start.
 */
function leadIn(n: number, lineText: (n: number) => string): string | undefined {
  let k = n - 1;
  const floor = Math.max(0, n - LEAD_IN_LOOKBACK);
  for (; k >= floor; k--) {
    const t = lineText(k).trim();
    if (t.length === 0) break;
    if (t.startsWith('#')) return t;
    if (proseCountOf(t) === undefined) return t;
  }
  for (let blanks = 0; k >= floor && blanks <= 2; k--) {
    const t = lineText(k).trim();
    if (t.length > 0) return t;
    blanks++;
  }
  return undefined;
}

/**
 * Does a lead-in say the numbers under it are timeouts or defaults (`## Linux TCP 超时速查`, `Default timeouts:`)?
 * Names of tunables (`tcp_fin_timeout`, `net.ipv4.…`) are not its words, and a heading of a moment of the incident
 * (MOMENT_*) never says so.
 */
function leadInSaysNotCounts(text: string): boolean {
  // Words with `_` or `.` inside are names (tcp_fin_timeout): dropped before the words are read.
  const lower = text.toLowerCase().split(/\s+/).filter((w) => !/[a-z0-9][_.][a-z0-9]/.test(w)).join(' ');
  const words = lower.split(/[^a-z]+/);
  if (MOMENT_ZH.some((w) => lower.includes(w)) || words.some((w) => MOMENT_EN.has(w))) return false;
  return NOT_COUNTS_ZH.some((w) => lower.includes(w)) || words.some((w) => NOT_COUNTS_EN.has(w));
}

/**
 * Counts from the lines holding state mentions outside code (`mentionLines`: 0-based note lines, any order,
 * duplicates allowed). `lineText(n)` returns a note line. Lines under a heading or lead-in that names timeouts or
 * defaults give none (`- TIME_WAIT 60` under `## 超时速查`), and `LISTEN N` counts only beside other states' counts
 * in its run of lines: alone (`LISTEN 443`, `LISTEN 8080`) its number is a port.
 */
export function proseCounts(mentionLines: Iterable<number>, lineText: (n: number) => string): ProseCount[] {
  const lines = [...new Set(mentionLines)].sort((a, b) => a - b);
  const headers = new TableHeaders(lineText);
  const out: ProseCount[] = [];
  const leads = new Map<string | undefined, boolean>();
  // The places each table with a place column counts (placeColumn), and its rows' counts.
  const places = new Map<readonly string[], Set<string>>();
  const inPlaceTable = new Map<ProseCount, readonly string[]>();
  for (const n of lines) {
    const text = lineText(n);
    const cells = rowCells(text);
    if (cells && isDelimiterRow(cells)) continue; // no count, and its walk would stand for the rows below it
    const header = cells ? headers.of(n) : undefined;
    const c = proseCountOf(text, header);
    if (!c) continue;
    if (cells && header) {
      const at = placeColumn(header);
      if (at >= 0) {
        // An empty cell continues the place above it (a merged cell).
        const place = clean((cells[at] ?? '').trim()).toLowerCase();
        let set = places.get(header);
        if (!set) places.set(header, (set = new Set()));
        if (place !== '') set.add(place);
        const row = { ...c, line: n };
        inPlaceTable.set(row, header);
        out.push(row);
        continue;
      }
    }
    if (!cells) {
      const lead = leadIn(n, lineText);
      let not = leads.get(lead);
      if (not === undefined) leads.set(lead, (not = lead !== undefined && leadInSaysNotCounts(lead)));
      if (not) continue;
    }
    out.push({ ...c, line: n });
  }
  // A table of several places counts each apart: no row of it is the note's count of its state.
  const kept = inPlaceTable.size === 0 ? out : out.filter((c) => {
    const header = inPlaceTable.get(c);
    return header === undefined || (places.get(header)?.size ?? 0) <= 1;
  });
  return listenBesideOthers(kept, lineText);
}

/** Drops prose `LISTEN N` counts whose run of adjacent count lines holds no other state (table rows keep theirs). */
function listenBesideOthers(counts: ProseCount[], lineText: (n: number) => string): ProseCount[] {
  if (!counts.some((c) => c.state === 'LISTEN')) return counts;
  // Runs: counts on consecutive lines (blank lines end a run).
  const runOf = new Map<number, number>();
  let run = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as ProseCount;
    const prev = counts[i - 1];
    if (!prev || c.line !== prev.line + 1) run++;
    runOf.set(c.line, run);
  }
  const mixed = new Set<number>();
  for (const c of counts) if (c.state !== 'LISTEN') mixed.add(runOf.get(c.line) as number);
  return counts.filter((c) => c.state !== 'LISTEN' || rowCells(lineText(c.line)) !== undefined || mixed.has(runOf.get(c.line) as number));
}
