/**
 * A Markdown table row read as text, for the rules that look at a state's table cell (wordContext.ts: a cell among
 * states; taskTable.ts: a task's status). Pure: no `vscode`, no Node built-ins.
 */

/** A line that starts a table row: at most 3 spaces or tabs, then `|`. */
export const TABLE_ROW = /^[ \t]{0,3}\|/;

/** A row's cells, without the outer pipes (`| a | b |` → [' a ', ' b ']); at most `max` of them. */
export function cells(row: string, max?: number): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|', max);
}
