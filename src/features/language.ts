import * as vscode from 'vscode';
import type { Lang } from '../core/catalogue/types';

/** The language of hover and template texts: the `tcpStateNotes.language` setting, else VS Code's display language. */
export function currentLang(): Lang {
  const setting = vscode.workspace.getConfiguration('tcpStateNotes').get<string>('language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
