/**
 * Entry point of dist/cli.js (kept apart from cli.ts so tests can import the CLI without running it). The
 * servers (`lsp`, `mcp`) start without loading the other commands: everything here is imported on demand.
 */
import { isServerCommand, runServer } from './cli/servers';

const argv = process.argv.slice(2);
const run = isServerCommand(argv) ? runServer(argv, process.stdout, process.stderr) : import('./cli').then((cli) => cli.runCli(argv));
void run.then((code) => {
  process.exitCode = code;
});
