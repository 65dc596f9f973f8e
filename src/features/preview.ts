import * as vscode from 'vscode';
import type { MarkdownIt } from 'markdown-it';
import { tcpStatePreviewPlugin } from '../core/preview';
import { currentLang } from './language';

/**
 * What activate() returns: the built-in Markdown extension activates every extension that contributes
 * `"markdown.markdownItPlugins": true` and passes its markdown-it instance to `extendMarkdownIt` (in the
 * desktop and the web extension host alike).
 */
export interface MarkdownItExtension {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

export function markdownItExtension(): MarkdownItExtension {
  return { extendMarkdownIt: (md) => md.use(tcpStatePreviewPlugin, { lang: currentLang }) };
}

/** The tooltips follow `tcpStateNotes.language`: re-render open previews when it changes. */
export function registerPreviewRefresh(): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('tcpStateNotes.language')) void vscode.commands.executeCommand('markdown.preview.refresh').then(undefined, () => undefined);
  });
}
