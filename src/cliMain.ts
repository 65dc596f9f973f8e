/**
 * Entry point of dist/cli.js: a small launcher. `mcp` starts from dist/mcp.js and loads the commands bundle
 * (dist/commands.js: src/cliCommands.ts) only when a tool is first used; every other command runs from the
 * commands bundle. So the MCP server answers `initialize` without compiling the CLI and the knowledge core.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { launchMcp } from './cli/mcpLaunch';

const commands = (): typeof import('./cliCommands') => createRequire(__filename)(join(__dirname, 'commands.js')) as typeof import('./cliCommands');
const argv = process.argv.slice(2);
const run = argv[0] === 'mcp' ? launchMcp(__dirname, argv, process.stdout, process.stderr, async () => commands().MCP_CORE) : commands().runCli(argv);
void run.then((code) => {
  process.exitCode = code;
});
