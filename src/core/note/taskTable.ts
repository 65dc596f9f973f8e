/**
 * A capital English-word state (`CLOSED`) alone in a cell of a task table — a postmortem's action items, a ticket
 * list — is the task's status, not a socket's state: another cell of its column holds a task status that is no TCP
 * state (`OPEN`, `DONE`, `进行中`), or the table heads that column as a status beside an owner column (`Status` and
 * `Owner`, `状态` and `负责人`). A table of socket states has neither. The recogniser (recognize.ts) asks this of
 * capital English-word states only; the grammar reads one line and cannot (README: line-based limits).
 * Pure: no `vscode`, no Node built-ins.
 */

/** Task statuses that are no TCP state, as a cell's whole content (upper-cased). */
const TASK_STATUSES: ReadonlySet<string> = new Set([
  'OPEN', 'DONE', 'TODO', 'TO DO', 'DOING', 'IN PROGRESS', 'IN REVIEW', 'BLOCKED', 'MERGED', 'RESOLVED', 'FIXED', 'PENDING', 'WIP',
  '进行中', '处理中', '已完成', '完成', '待办', '待处理', '未开始', '已解决', '已修复', '✅', '✔', '☑', '⬜', '☐',
]);
/** Column headings of a task's status and of its owner (lower-cased). */
const STATUS_HEADINGS: ReadonlySet<string> = new Set(['status', 'state', '状态', '进展', '进度', '完成情况']);
const OWNER_HEADINGS: ReadonlySet<string> = new Set(['owner', 'owners', 'assignee', 'dri', 'who', '负责人', '责任人', '跟进人', '处理人', '执行人', '跟进']);

/** Rows looked at each way: a task table is short; a longer one is read no further. */
const MAX_ROWS = 60;

const isRow = (line: string): boolean => /^[ \t]{0,3}\|/.test(line);
/** `|---|:--:|`: only pipes, dashes, colons and spaces, with a dash. */
function isDelimiterRow(line: string): boolean {
  let dash = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c !== 124 && c !== 58 && c !== 32 && c !== 9) return false;
  }
  return dash;
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
}

/** A cell's text without emphasis, code marks and outer spaces. */
function bare(cell: string | undefined): string {
  return (cell ?? '').trim().replace(/^[`*_~]{1,3}|[`*_~]{1,3}$/g, '').trim();
}

/** The lines of the text, as [start, end) of the line holding `pos` and its neighbours, bounded. */
function lineAt(text: string, pos: number): [number, number] {
  const s = text.lastIndexOf('\n', pos - 1) + 1;
  let e = text.indexOf('\n', pos);
  if (e === -1) e = text.length;
  return [s, e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e];
}

/** Whether the state at [start, end) is a task's status in a task table (see the file comment). */
export function taskTableStatus(text: string, start: number, end: number): boolean {
  const [ls, le] = lineAt(text, start);
  const line = text.slice(ls, le);
  if (!isRow(line)) return false;
  const lead = line.indexOf('|');
  let column = 0;
  for (let i = lead + 1; i < start - ls; i++) if (line.charCodeAt(i) === 124) column++;
  if (bare(cells(line)[column]) !== text.slice(start, end)) return false;
  // Up to the table's first row (its heading, above the delimiter row), then down to its last.
  const rows: string[] = [];
  let heading: string | undefined;
  let s = ls;
  for (let k = 0; k < MAX_ROWS && s > 0; k++) {
    const [ps, pe] = lineAt(text, s - 1);
    const prev = text.slice(ps, pe);
    if (!isRow(prev)) break;
    if (isDelimiterRow(prev)) {
      const [hs, he] = ps > 0 ? lineAt(text, ps - 1) : [0, 0];
      const h = text.slice(hs, he);
      if (isRow(h)) heading = h;
      break;
    }
    rows.push(prev);
    s = ps;
  }
  let e = le;
  for (let k = 0; k < MAX_ROWS && e < text.length; k++) {
    const next = text.indexOf('\n', e);
    if (next === -1) break;
    const [ns, ne] = lineAt(text, next + 1);
    const row = text.slice(ns, ne);
    if (!isRow(row)) break;
    rows.push(row);
    e = ne;
  }
  if (rows.some((r) => TASK_STATUSES.has(bare(cells(r)[column]).toUpperCase()))) return true;
  if (heading === undefined) return false;
  const heads = cells(heading).map((c) => bare(c).toLowerCase());
  return STATUS_HEADINGS.has(heads[column] ?? '') && heads.some((h) => OWNER_HEADINGS.has(h));
}
