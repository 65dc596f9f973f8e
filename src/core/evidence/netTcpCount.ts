/**
 * PowerShell's count of one state's connections (command.ts CommandContext.singleNumber). The caller bounds the
 * text (command.ts MAX_COMMAND_LENGTH).
 * Pure: no `vscode`, no Node built-ins.
 */
import { lookupStateSpelling } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';

/** PowerShell `(Get-NetTCPConnection …).Count`, `@(…).Count`: the inner pipeline (no parentheses inside). */
const NET_TCP_COUNT = /^@?\(\s*(get-nettcpconnection(?:\s[^()]*)?)\)\.count\s*;?$/i;

/**
 * The one state `(Get-NetTCPConnection -State TimeWait).Count` (or `… | Measure-Object).Count`) counts the
 * connections of, or undefined: no `-State`, several states, or any other parameter or stage that filters rows
 * (`-RemotePort 443`, `| Where-Object …`) leaves a count that is not one whole state.
 */
export function netTcpConnectionCount(text: string): StateId | undefined {
  const m = NET_TCP_COUNT.exec(text.trim());
  if (!m) return undefined;
  const stages = (m[1] as string).split('|').map((x) => x.trim().split(/\s+/));
  for (const later of stages.slice(1)) {
    const cmd = (later[0] ?? '').toLowerCase();
    if (later.length !== 1 || (cmd !== 'measure-object' && cmd !== 'measure')) return undefined;
  }
  const words = (stages[0] as string[]).slice(1);
  if (words.length !== 2 || (words[0] as string).toLowerCase() !== '-state') return undefined;
  const value = (words[1] as string).replace(/^["']|["']$/g, '');
  if (value.includes(',')) return undefined;
  // A .NET TcpState name, in any letter case as PowerShell takes it (TimeWait, timewait): letters and digits only.
  return /^[A-Za-z][A-Za-z0-9]*$/.test(value) ? lookupStateSpelling(value)?.state : undefined;
}
