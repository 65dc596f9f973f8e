/**
 * The one remark processor (CommonMark + GFM) every Markdown parse of a note goes through.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';

interface ParseData {
  micromarkExtensions?: unknown[];
  fromMarkdownExtensions?: unknown[];
}

/**
 * GFM for parsing (tables, strikethrough, task lists, autolink literals, footnotes): the syntax and mdast
 * extensions remark-gfm registers, without its Markdown serialiser extensions — nothing here writes Markdown from
 * a tree, and they carried mdast-util-to-markdown into the bundles.
 */
function gfmParse(this: { data(): unknown }): void {
  const data = this.data() as ParseData;
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}

type Processor = { parse(text: string): Root };
let processor: Processor | undefined;
function parser(): Processor {
  processor ??= unified().use(remarkParse).use(gfmParse as never) as unknown as Processor;
  return processor;
}

export function parseMarkdown(text: string): Root {
  return parser().parse(text);
}
