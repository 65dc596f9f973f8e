/**
 * The one remark processor (CommonMark + GFM) every Markdown parse of a note goes through.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

type Processor = { parse(text: string): Root };
let processor: Processor | undefined;
function parser(): Processor {
  processor ??= unified().use(remarkParse).use(remarkGfm) as unknown as Processor;
  return processor;
}

export function parseMarkdown(text: string): Root {
  return parser().parse(text);
}
