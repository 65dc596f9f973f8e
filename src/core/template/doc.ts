/**
 * A very small Markdown document model for the diagnosis template. Every block is rendered into
 * snippet `Piece`s (literal text or tab stops), so the VS Code snippet and the plain Markdown come
 * from the same pieces (see `snippet.ts`). Markdown-level escaping that is structural (a `|` inside
 * a table cell) is done here, not by hand in the content.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Piece } from './snippet';

export type Inline = string | Piece | readonly Piece[];

export interface TableRow {
  /** Markdown inline text of the first column (must not contain `|`). */
  readonly what: string;
  /** The shell command, raw (pipes are escaped for the table here). */
  readonly command: string;
  /** Markdown inline text of the value column (prefilled from the note); empty when absent. */
  readonly value?: string;
}

/** A content block used by the variant texts. */
export type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'tasks'; readonly items: readonly string[] }
  | { readonly kind: 'bullets'; readonly items: readonly string[] }
  | { readonly kind: 'code'; readonly lines: readonly string[] };

export const p = (text: string): Block => ({ kind: 'p', text });
export const tasks = (...items: string[]): Block => ({ kind: 'tasks', items });
export const bullets = (...items: string[]): Block => ({ kind: 'bullets', items });
export const code = (...lines: string[]): Block => ({ kind: 'code', lines });

function flatten(parts: readonly Inline[]): Piece[] {
  const out: Piece[] = [];
  for (const part of parts) {
    if (typeof part === 'string') out.push(part);
    else if (Array.isArray(part)) out.push(...(part as readonly Piece[]));
    else out.push(part as Piece);
  }
  return out;
}

/** Wraps a command in a code span for a GFM table cell: `|` must be written `\|` there. */
export function tableCode(command: string): string {
  if (command.includes('`')) throw new Error(`backtick in table command: ${command}`);
  return `\`${command.replace(/\|/g, '\\|')}\``;
}

export class Doc {
  private readonly blocks: Piece[][] = [];

  heading(depth: 2 | 3, ...content: Inline[]): this {
    this.blocks.push(['#'.repeat(depth) + ' ', ...flatten(content)]);
    return this;
  }

  paragraph(...content: Inline[]): this {
    this.blocks.push(flatten(content));
    return this;
  }

  quote(...paragraphs: string[]): this {
    this.blocks.push([paragraphs.map((para) => `> ${para}`).join('\n>\n')]);
    return this;
  }

  block(block: Block): this {
    switch (block.kind) {
      case 'p':
        return this.paragraph(block.text);
      case 'tasks':
        this.blocks.push([block.items.map((item) => `- [ ] ${item}`.trimEnd()).join('\n')]);
        return this;
      case 'bullets':
        this.blocks.push([block.items.map((item) => `- ${item}`.trimEnd()).join('\n')]);
        return this;
      case 'code':
        this.blocks.push(['```sh\n' + block.lines.join('\n') + '\n```']);
        return this;
    }
  }

  blocksOf(blocks: readonly Block[]): this {
    for (const b of blocks) this.block(b);
    return this;
  }

  /** A GFM table with columns what / command / value; the value column is empty unless a row has a value. */
  table(header: readonly [string, string, string], rows: readonly TableRow[]): this {
    const lines = [`| ${header.join(' | ')} |`, '| --- | --- | --- |'];
    for (const row of rows) {
      if (row.what.includes('|')) throw new Error(`pipe in table label: ${row.what}`);
      const value = (row.value ?? '').replace(/[\r\n]+/g, ' ').replace(/(?<!\\)\|/g, '\\|');
      lines.push(`| ${row.what} | ${tableCode(row.command)} | ${value} |`);
    }
    this.blocks.push([lines.join('\n')]);
    return this;
  }

  /** Blocks separated by a blank line, a final newline, then the final tab stop `$0`. */
  pieces(): Piece[] {
    const out: Piece[] = [];
    this.blocks.forEach((block, i) => {
      if (i > 0) out.push('\n\n');
      out.push(...block);
    });
    out.push('\n', { index: 0, placeholder: '' });
    return out;
  }
}
