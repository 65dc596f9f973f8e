/**
 * The one Markdown parse (CommonMark + GFM) every note goes through: micromark with GFM's syntax, to an mdast
 * tree by mdast-util-from-markdown with GFM's tree extensions — what remark-parse + remark-gfm do, without the
 * unified processor (and its vfile) around it, and without remark-gfm's Markdown serialiser extensions: nothing
 * here writes Markdown from a tree, and they carried mdast-util-to-markdown into the bundles.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';

/** GFM: tables, strikethrough, task lists, autolink literals, footnotes (made once, reused by every parse). */
let options: Parameters<typeof fromMarkdown>[1] | undefined;

export function parseMarkdown(text: string): Root {
  options ??= { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] };
  return fromMarkdown(text, options);
}
