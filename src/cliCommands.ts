/**
 * Entry of dist/commands.js: the CLI's commands and the language server (src/cli.ts), and the knowledge core the
 * MCP server loads on first use. dist/cli.js (src/cliMain.ts) loads it for every command but `mcp`.
 */
export { runCli } from './cli';
export { MCP_CORE } from './mcp/core';
