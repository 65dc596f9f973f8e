/**
 * Entry point of dist/cli.js: a small launcher. `mcp` starts from dist/mcp.js and loads the commands bundle
 * (dist/commands.js: src/cliCommands.ts) only when a tool is first used; every other command runs from the
 * commands bundle. So the MCP server answers `initialize` without compiling the CLI and the knowledge core.
 * For `lsp --stdio` it starts the first analysis worker before loading the commands bundle (node/earlyWorker.ts).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchMcp } from './cli/mcpLaunch';
import { startEarlyWorker } from './node/earlyWorker';

const commands = (): typeof import('./cliCommands') => createRequire(__filename)(join(__dirname, 'commands.js')) as typeof import('./cliCommands');
const argv = process.argv.slice(2);
// `lsp --stdio`: the first analysis worker loads its bundle on its own thread while this one loads the server.
const early = argv.length === 2 && argv[0] === 'lsp' && argv[1] === '--stdio' ? startEarlyWorker(join(__dirname, 'node', 'analysisWorker.js')) : undefined;
const run = argv[0] === 'mcp' ? launchMcp(__dirname, argv, process.stdout, process.stderr, async () => commands().MCP_CORE) : commands().runCli(argv, process.stdout, process.stderr, early);
void run.then((code) => {
  process.exitCode = code;
});
