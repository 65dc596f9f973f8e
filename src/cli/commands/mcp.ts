/**
 * `tcp-state-notes mcp [--max-note-size-mb N]`: checks the options and starts the MCP server of dist/mcp.js
 * (the SDK and the wiring, src/mcp/main.ts) on standard input and output. The server gets the tool names and
 * the instructions now and the knowledge core (src/mcp/core.ts, in this bundle) only when a tool or resource is
 * first used: `initialize` is answered without compiling the catalogue or the note analysis.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AGENT_INSTRUCTIONS } from '../../core/agents/guidance';
import { TOOL_NAMES } from '../../core/agents/names';
import { checkOptions, parseArgs } from '../args';
import { CliError, EXIT } from '../errors';
import { writeStream } from '../output';
import { maxNoteSizeMB } from '../readNote';
import { USAGE, VERSION } from '../usage';

export async function runMcp(argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--help')) {
      await writeStream(stdout, `${USAGE}\n`);
      return EXIT.ok;
    }
    checkOptions('mcp', args);
    const extra = args.positional.slice(1);
    if (extra.length) throw new CliError(`mcp takes no arguments, got ${JSON.stringify(extra[0])}`);
    const maxMB = maxNoteSizeMB(args);
    // A bundle of its own (dist/mcp.js, next to dist/cli.js): the other commands never load the SDK. Loaded with
    // require, not import(): Node's ESM loader would first scan the whole CommonJS bundle for its exports.
    const { runMcpServer } = createRequire(__filename)(join(__dirname, 'mcp.js')) as typeof import('../../mcp/main');
    return await runMcpServer(
      { version: VERSION, maxNoteSizeMB: maxMB },
      { instructions: AGENT_INSTRUCTIONS, toolNames: TOOL_NAMES, load: async () => (await import('../../mcp/core')).MCP_CORE },
    );
  } catch (e) {
    stderr.write(`tcp-state-notes: ${e instanceof CliError ? '' : 'internal error: '}${(e as Error)?.message ?? String(e)}\n`);
    return e instanceof CliError ? EXIT.usage : EXIT.internal;
  }
}
