/**
 * `tcp-state-notes lsp --stdio`: runs the language server (src/lsp/server.ts) on standard input and output
 * until the client sends `exit` (status 0 after `shutdown`, 1 without, as the protocol says) or closes the
 * stream. Nothing but protocol messages goes to standard output: console output is sent to the client's log.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { serveNotes } from '../../lsp/server';
import { indexWorkerCount } from '../../core/workspace/workers';
import { nodeWorkerPool, nodeWorkerPort } from '../../node/workerThreads';
import { CliError, EXIT } from '../errors';
import { USAGE, VERSION } from '../usage';

/** Checks the arguments after `lsp`: `--stdio` is required (the only transport), nothing else is taken. */
export function lspArguments(argv: readonly string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) return;
  const unknown = argv.filter((a) => a !== '--stdio');
  if (unknown.length) throw new CliError(`lsp does not take ${unknown.join(' ')} (usage: tcp-state-notes lsp --stdio)`);
  if (!argv.includes('--stdio')) throw new CliError('lsp needs --stdio (the only transport): tcp-state-notes lsp --stdio');
}

/** Starts the server; the process ends with the connection. */
export function startLanguageServer(version: string): void {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // A stray console.log must never corrupt the protocol stream.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.info = console.log;
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  // Notes are analysed in the analysis worker beside this bundle (dist/node/analysisWorker.js), with the same
  // time budget as in VS Code: a note built to be slow cannot stall the server.
  const script = join(__dirname, 'node', 'analysisWorker.js');
  const workers = nodeWorkerPool(script);
  // The worker loads on its own thread while the client initializes: clients send their first note right after
  // `initialized`, and a worker started then was still loading its bundle when that note arrived.
  workers?.prestart();
  connection.onExit(() => workers?.dispose());
  // The workspace index is built in workers of the same bundle, one per core up to four (core/workspace/remote.ts).
  const indexWorkers = existsSync(script) ? { spawn: () => nodeWorkerPort(script), size: indexWorkerCount(availableParallelism()) } : undefined;
  serveNotes(connection, version, workers, indexWorkers);
  connection.listen();
}

/**
 * `lsp --stdio`: the language server runs until the client exits it (the server ends the process). dist/cli.js
 * loads this module only for `lsp` (../servers.ts), so the other commands do not pay for vscode-languageserver.
 */
export async function runLanguageServer(argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): Promise<number> {
  try {
    lspArguments(argv);
  } catch (e) {
    stderr.write(`tcp-state-notes: ${(e as Error).message}\n`);
    return EXIT.usage;
  }
  // -h / --help anywhere prints the usage (as for every command), even beside --stdio.
  if (!argv.includes('--stdio') || argv.includes('--help') || argv.includes('-h')) {
    stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  startLanguageServer(VERSION);
  return new Promise<number>(() => {});
}
