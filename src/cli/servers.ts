/**
 * The long-running commands, `lsp --stdio` and `mcp`: dist/cli.js starts them without loading the other
 * commands (src/cliMain.ts), so a server answers `initialize` without paying for code it does not need yet.
 */

/** Whether `argv` starts a server rather than a command that answers once. */
export function isServerCommand(argv: readonly string[]): boolean {
  return argv[0] === 'lsp' || argv[0] === 'mcp';
}

/** Runs the server `argv` names (see isServerCommand); resolves with the exit status when it ends. */
export async function runServer(argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  if (argv[0] === 'lsp') return (await import('./commands/lsp')).runLanguageServer(argv.slice(1), stdout, stderr);
  // Late 'error' events after a closed pipe must not crash the process.
  stdout.on('error', () => {});
  stderr.on('error', () => {});
  return (await import('./commands/mcp')).runMcp(argv, stdout, stderr);
}
