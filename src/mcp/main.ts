/**
 * Entry of dist/mcp.js, which dist/cli.js loads for `tcp-state-notes mcp` (after checking its options): the MCP
 * server over standard input and output. Runs until the client closes standard input; writes nothing else on
 * standard output (it is the protocol's).
 */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer, type McpParts } from './server';

/** A JSON-RPC message may carry a whole note as `text`: room for the size cap, escaped. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export async function runMcpServer(options: { version: string; maxNoteSizeMB: number }, parts: McpParts): Promise<number> {
  const server = createMcpServer({ version: options.version, cwd: process.cwd(), maxNoteSizeMB: options.maxNoteSizeMB }, parts);
  const transport = new StdioServerTransport(process.stdin, process.stdout, { maxBufferSize: MAX_MESSAGE_BYTES });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  await server.connect(transport);
  await closed;
  return 0;
}
