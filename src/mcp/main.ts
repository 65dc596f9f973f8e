/**
 * Entry of dist/mcp.js, which dist/cli.js loads for `tcp-state-notes mcp` (src/cli/mcpLaunch.ts): the option
 * checks and the MCP server over standard input and output. Runs until the client closes standard input;
 * writes nothing else on standard output (it is the protocol's).
 */
import { checkOptions, parseArgs } from '../cli/args';
import { CliError, EXIT } from '../cli/errors';
import { writeStream } from '../cli/output';
import { maxNoteSizeMB } from '../cli/readNote';
import { USAGE, VERSION } from '../cli/usage';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineTransport } from './lineTransport';
import { workerRunner } from './offThread';
import { createMcpServer, type McpParts } from './server';

/** `tcp-state-notes mcp [--max-note-size-mb N]`: checks the options, then serves until the client goes. */
export async function runMcpCommand(argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, parts: McpParts): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--help')) {
      await writeStream(stdout, `${USAGE}\n`);
      return EXIT.ok;
    }
    checkOptions('mcp', args);
    const extra = args.positional.slice(1);
    if (extra.length) throw new CliError(`mcp takes no arguments, got ${JSON.stringify(extra[0])}`);
    return await runMcpServer({ version: VERSION, maxNoteSizeMB: maxNoteSizeMB(args) }, parts, stderr);
  } catch (e) {
    stderr.write(`tcp-state-notes: ${e instanceof CliError ? '' : 'internal error: '}${(e as Error)?.message ?? String(e)}\n`);
    return e instanceof CliError ? EXIT.usage : EXIT.internal;
  }
}

export async function runMcpServer(options: { version: string; maxNoteSizeMB: number }, parts: McpParts, stderr: NodeJS.WritableStream): Promise<number> {
  // The worker bundle beside this one (dist/mcpToolWorker.js); without it calls run in this thread.
  const script = join(__dirname, 'mcpToolWorker.js');
  const offThread = existsSync(script) ? workerRunner(script) : undefined;
  const server = createMcpServer({ version: options.version, cwd: process.cwd(), maxNoteSizeMB: options.maxNoteSizeMB, offThread }, parts);
  // Bad input (a message over the size limit, a line that is no JSON-RPC) is answered or logged, and serving goes on.
  const transport = new LineTransport(process.stdin, process.stdout, { log: (line) => void stderr.write(`${line}\n`) });
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => void server.close().then(resolve, resolve));
  });
  await server.connect(transport);
  await closed;
  // The client went away: analyses still running in workers are of no use to anyone.
  offThread?.stop();
  return 0;
}
