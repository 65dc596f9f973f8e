/**
 * The long-running commands, `lsp --stdio` and `mcp`, when the CLI's commands bundle is asked for them
 * (src/cliMain.ts starts `mcp` without loading that bundle at all).
 */
import { launchMcp } from './mcpLaunch';

/** Whether `argv` starts a server rather than a command that answers once. */
export function isServerCommand(argv: readonly string[]): boolean {
  return argv[0] === 'lsp' || argv[0] === 'mcp';
}

/** Runs the server `argv` names (see isServerCommand); resolves with the exit status when it ends. */
export async function runServer(argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (argv[0] === 'lsp') return (await import('./commands/lsp')).runLanguageServer(argv.slice(1), stdout, stderr);
  return launchMcp(__dirname, argv, stdout, stderr, async () => (await import('../mcp/core')).MCP_CORE);
}
