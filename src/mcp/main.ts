/**
 * Entry of dist/mcp.js, loaded by dist/cli.js for `tcp-state-notes mcp [--max-note-size-mb N]`: the MCP server over standard input and output (src/mcp/).
 * Runs until the client closes standard input; logs nothing on standard output (it is the protocol's).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './server';
import type { ParsedArgs } from '../cli/args';
import { CliError } from '../cli/errors';
import { maxNoteSizeMB } from '../cli/notes';

/** A JSON-RPC message may carry a whole note as `text`: room for the size cap, escaped. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export async function mcpCommand(extra: readonly string[], args: ParsedArgs, version: string): Promise<number> {
  if (extra.length) throw new CliError(`mcp takes no arguments, got ${JSON.stringify(extra[0])}`);
  const server = createMcpServer({ version, cwd: process.cwd(), maxNoteSizeMB: maxNoteSizeMB(args) });
  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  await server.connect(transport);
  await closed;
  return 0;
}
