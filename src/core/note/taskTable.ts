/**
 * A capital English-word state (`CLOSED`) alone in a cell of a task table — a postmortem's action items, a ticket
 * list — is the task's status, not a socket's state: another cell of its column is a task status that is no TCP
 * state (`OPEN`, `DONE`, `进行中`), or the table heads that column as a status beside a task column and an owner
 * column (`Action`, `Owner`, `Status`; `事项`, `负责人`, `状态`). A table of sockets (ports, services, states)
 * has neither. The recogniser (recognize.ts) asks this of capital English-word states only; the grammar reads one
 * line and cannot (README: line-based limits). Each table column is decided once per text (linear).
 * Pure: no `vscode`, no Node built-ins.
 */
import { cells, TABLE_ROW } from './tableRows';

/** Task statuses that are no TCP state, as a cell's whole content (upper-cased). */
const TASK_STATUSES: ReadonlySet<string> = new Set([
  'OPEN', 'DONE', 'TODO', 'TO DO', 'DOING', 'IN PROGRESS', 'IN REVIEW', 'BLOCKED', 'MERGED', 'RESOLVED', 'FIXED', 'PENDING', 'WIP',
  '进行中', '处理中', '已完成', '完成', '待办', '待处理', '未开始', '已解决', '已修复', '✅', '✔', '☑', '⬜', '☐',
]);
/** Column headings (lower-cased) of a task's status, of the task itself and of its owner. */
const STATUS_HEADINGS: ReadonlySet<string> = new Set(['status', 'state', '状态', '进展', '进度', '完成情况']);
const TASK_HEADINGS: ReadonlySet<string> = new Set(['action', 'actions', 'action item', 'task', 'tasks', 'item', 'todo', 'to do', 'follow-up', '事项', '任务', '行动项', '改进项', '待办', '待办事项', '措施', '改进措施']);
const OWNER_HEADINGS: ReadonlySet<string> = new Set(['owner', 'owners', 'assignee', 'dri', 'who', '负责人', '责任人', '跟进人', '处理人', '执行人', '跟进']);

/** Rows of a table read at most, each way from a row: a task table is short. */
const MAX_ROWS = 60;
/** Cells of a row read at most. */
const MAX_CELLS = 32;

const isRow = (line: string): boolean => TABLE_ROW.test(line);

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

/** A row's cells, the first MAX_CELLS. */
const rowCells = (row: string): string[] => cells(row, MAX_CELLS);

/** A cell's text without emphasis, code marks and outer spaces. */
function bare(cell: string | undefined): string {
  return (cell ?? '').trim().replace(/^[`*_~]{1,3}|[`*_~]{1,3}$/g, '').trim();
}

/** [start, end) of the line holding `pos` (a CR before the LF left out). */
function lineAt(text: string, pos: number): [number, number] {
  const s = text.lastIndexOf('\n', pos - 1) + 1;
  let e = text.indexOf('\n', pos);
  if (e === -1) e = text.length;
  return [s, e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e];
}

/** A table as read once: its heading's cells (when it has one) and each row's cells, by the row's start offset. */
interface Table {
  readonly heading: readonly string[] | undefined;
  readonly rows: ReadonlyMap<number, readonly string[]>;
  /** Columns decided: whether the column holds task statuses. */
  readonly columns: Map<number, boolean>;
}

/** The tables read in the last text asked about, by each row's start offset. */
let cachedText: string | undefined;
let tablesByRow = new Map<number, Table>();

function tableAt(text: string, ls: number, le: number): Table {
  if (text !== cachedText) {
    cachedText = text;
    tablesByRow = new Map();
  }
  const known = tablesByRow.get(ls);
  if (known) return known;
  const rows = new Map<number, readonly string[]>([[ls, rowCells(text.slice(ls, le))]]);
  let heading: string[] | undefined;
  let s = ls;
  for (let k = 0; k < MAX_ROWS && s > 0; k++) {
    const [ps, pe] = lineAt(text, s - 1);
    const prev = text.slice(ps, pe);
    if (!isRow(prev)) break;
    if (isDelimiterRow(prev)) {
      const [hs, he] = ps > 0 ? lineAt(text, ps - 1) : [0, 0];
      const h = text.slice(hs, he);
      if (isRow(h)) heading = rowCells(h);
      break;
    }
    rows.set(ps, rowCells(prev));
    s = ps;
  }
  let e = le;
  for (let k = 0; k < MAX_ROWS && e < text.length; k++) {
    const next = text.indexOf('\n', e);
    if (next === -1) break;
    const [ns, ne] = lineAt(text, next + 1);
    const row = text.slice(ns, ne);
    if (!isRow(row) || isDelimiterRow(row)) break;
    rows.set(ns, rowCells(row));
    e = ne;
  }
  const table: Table = { heading, rows, columns: new Map() };
  for (const row of rows.keys()) tablesByRow.set(row, table);
  return table;
}

/** Whether the table's column holds task statuses (see the file comment). */
function taskColumn(table: Table, column: number): boolean {
  const known = table.columns.get(column);
  if (known !== undefined) return known;
  let task = false;
  for (const row of table.rows.values()) {
    if (TASK_STATUSES.has(bare(row[column]).toUpperCase())) {
      task = true;
      break;
    }
  }
  if (!task && table.heading) {
    const heads = table.heading.map((c) => bare(c).toLowerCase());
    task = STATUS_HEADINGS.has(heads[column] ?? '') && heads.some((h) => TASK_HEADINGS.has(h)) && heads.some((h) => OWNER_HEADINGS.has(h));
  }
  table.columns.set(column, task);
  return task;
}

/** Whether the state at [start, end) is a task's status in a task table (see the file comment). */
export function taskTableStatus(text: string, start: number, end: number): boolean {
  const [ls, le] = lineAt(text, start);
  if (!isRow(text.slice(ls, Math.min(le, ls + 8)))) return false;
  const table = tableAt(text, ls, le);
  const row = table.rows.get(ls) as readonly string[];
  const lead = text.indexOf('|', ls);
  let column = 0;
  // Counted up to MAX_CELLS pipes only: a wide row costs each of its cells no more than its first MAX_CELLS.
  for (let i = lead + 1; i < start && column < MAX_CELLS; i++) if (text.charCodeAt(i) === 124) column++;
  if (column >= MAX_CELLS || bare(row[column]) !== text.slice(start, end)) return false;
  return taskColumn(table, column);
}
