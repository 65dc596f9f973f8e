/**
 * tcp-state-notes — the command-line twin of the extension, over the same core. This file dispatches; the
 * commands, argument parsing, safe reading and writing live in src/cli/. Exit statuses:
 *   0 done (no findings), 1 findings (`check`) or a failed write, 2 usage error or unreadable input, 70 a bug.
 * A closed standard output (`| head`, `| true`) is not an error: the command ends quietly with its own status.
 */
import type { Lang } from './core/catalogue/types';
import { checkOptions, parseArgs, stringFlag, type ParsedArgs } from './cli/args';
import { checkCommand } from './cli/commands/check';
import { reportCommand } from './cli/commands/report';
import { scanCommand } from './cli/commands/scan';
import { diagramCommand, explainCommand, templateCommand } from './cli/commands/single';
import type { CommandOutput } from './cli/commands/types';
import { CliError, EXIT, WriteError, describeErrno } from './cli/errors';
import { writeOutputFile, writeStream } from './cli/output';
import { isServerCommand, runServer } from './cli/servers';
import { USAGE, VERSION } from './cli/usage';

export { CliError, WriteError } from './cli/errors';
export { parseArgs } from './cli/args';
export { readNote } from './cli/readNote';
export { scanJson } from './cli/commands/scan';

export { USAGE, VERSION } from './cli/usage';

export function langOf(args: ParsedArgs): Lang {
  const v = stringFlag(args, '--lang');
  if (v === undefined) return 'en';
  if (v === 'en') return 'en';
  if (v === 'zh-cn' || v === 'zh-CN') return 'zh-cn';
  throw new CliError(`--lang must be en or zh-cn (got ${JSON.stringify(v)})`);
}

function run(command: string | undefined, rest: string[], args: ParsedArgs, report: (line: string) => void): CommandOutput {
  if (command === undefined || command === 'help') {
    if (command === 'help' || args.flags.has('--help')) return { data: `${USAGE}\n`, code: 0, inputs: [] };
    if (args.flags.has('--version')) return { data: `${VERSION}\n`, code: 0, inputs: [] };
    throw new CliError(`missing command\n${USAGE}`);
  }
  if (!(command in { scan: 1, check: 1, explain: 1, diagram: 1, template: 1, report: 1 })) throw new CliError(`unknown command "${command}"\n${USAGE}`);
  if (args.flags.has('--help')) return { data: `${USAGE}\n`, code: 0, inputs: [] };
  checkOptions(command, args);
  switch (command) {
    case 'scan':
      return scanCommand(rest, args, report);
    case 'check':
      return checkCommand(rest, args, langOf(args), VERSION, report);
    case 'explain':
      return explainCommand(rest, langOf(args));
    case 'template':
      return templateCommand(rest, args, langOf(args));
    case 'report':
      return reportCommand(rest, args, langOf(args), report);
    default:
      return diagramCommand(rest, args, langOf(args));
  }
}

/**
 * Runs one command: its text goes to `out` (standard output) or to the -o file, error lines for single bad
 * inputs to `err`. Returns the exit status; throws CliError (usage, status 2) or WriteError (status 1).
 */
export function main(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const args = parseArgs(argv);
  const [command, ...rest] = args.positional;
  const result = run(command, rest, args, (line) => err(`tcp-state-notes: ${line}\n`));
  const target = stringFlag(args, '--output');
  if (target !== undefined && target !== '-') writeOutputFile(target, result.data, { force: args.flags.has('--force'), inputs: result.inputs });
  else if (result.data) out(result.data);
  return result.code;
}

/** The process entry: maps errors to statuses and writes standard output, treating a closed pipe as the end. */
export async function runCli(argv: readonly string[], stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (isServerCommand(argv)) return runServer(argv, stdout, stderr);
  // Late 'error' events after a closed pipe must not crash the process.
  stdout.on('error', () => {});
  stderr.on('error', () => {});
  let buffered = '';
  let code: number;
  try {
    code = main(argv, (s) => (buffered += s), (s) => stderr.write(s));
  } catch (e) {
    if (e instanceof CliError) {
      stderr.write(`tcp-state-notes: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof WriteError) {
      stderr.write(`tcp-state-notes: ${e.message}\n`);
      return EXIT.writeError;
    }
    stderr.write(`tcp-state-notes: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return EXIT.internal;
  }
  if (!buffered) return code;
  const written = await writeStream(stdout, buffered);
  if (written === undefined || written === 'closed') return code;
  stderr.write(`tcp-state-notes: cannot write to standard output: ${describeErrno(written)}\n`);
  return EXIT.writeError;
}
