/**
 * Command-line parsing: each command names the options it takes; anything else — an unknown option (`--jsn`),
 * a value glued to an option that takes none (`--json=yes`, `-ofile`), a missing value — is a usage error.
 */
import { editDistance } from '../core/editDistance';
import { CliError } from './errors';

export type OptionKind = 'flag' | 'value';

/** Options by name; aliases map to the canonical name (`-o` → `--output`). */
export const OPTIONS: Readonly<Record<string, OptionKind>> = {
  '--help': 'flag',
  '--version': 'flag',
  '--json': 'flag',
  '--format': 'value',
  '--lang': 'value',
  '--output': 'value',
  '--force': 'flag',
  '--section': 'value',
  '--linux': 'flag',
  '--symptom': 'value',
  '--max-note-size-mb': 'value',
  '--width': 'value',
};

const ALIASES: Readonly<Record<string, string>> = { '-h': '--help', '-V': '--version', '-o': '--output' };

const OUTPUT = ['--output', '--force'];

/** The options each command accepts (besides --help). */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  scan: ['--json', '--max-note-size-mb', ...OUTPUT],
  check: ['--json', '--format', '--lang', '--max-note-size-mb', ...OUTPUT],
  explain: ['--lang', ...OUTPUT],
  diagram: ['--section', '--linux', '--lang', '--format', '--width', '--max-note-size-mb', ...OUTPUT],
  template: ['--symptom', '--lang', ...OUTPUT],
  report: ['--json', '--lang', '--max-note-size-mb', ...OUTPUT],
  mcp: ['--max-note-size-mb'],
};

export interface ParsedArgs {
  readonly positional: string[];
  /** Canonical option names (`--output`, never `-o`) to their value, or `true` for flags. */
  readonly flags: Map<string, string | true>;
}

function unknownOption(name: string): CliError {
  const names = [...Object.keys(OPTIONS), ...Object.keys(ALIASES)];
  let best: string | undefined;
  let bestDistance = 3;
  for (const n of names) {
    const d = editDistance(name, n, bestDistance);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return new CliError(`unknown option ${JSON.stringify(name)}${best ? ` (did you mean ${best}?)` : ''}`);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const given = eq > 0 ? a.slice(0, eq) : a;
    const name = ALIASES[given] ?? given;
    const kind = OPTIONS[name];
    if (!kind) throw unknownOption(given);
    if (kind === 'flag') {
      if (eq > 0) throw new CliError(`${given} takes no value (got ${JSON.stringify(a)})`);
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new CliError(`${given} needs a value`);
    // `-o --json`: the next argument is an option, not this one's value (a file named `--json` is not meant).
    if (eq < 0 && value.startsWith('-') && value !== '-' && !/^-\d/.test(value)) {
      throw new CliError(`${given} needs a value, but the next argument is the option ${JSON.stringify(value)} (write ${given.startsWith('--') ? `${given}=${value}` : `${given} ./${value}`} if that is the value)`);
    }
    if (value === '' ) throw new CliError(`${given} needs a non-empty value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

/** Fails on an option the command does not take (`explain X --json`). */
export function checkOptions(command: string, args: ParsedArgs): void {
  const allowed = new Set(['--help', ...(COMMAND_OPTIONS[command] ?? [])]);
  for (const name of args.flags.keys()) {
    if (!allowed.has(name)) throw new CliError(`${command} does not take ${name}`);
  }
  if (args.flags.has('--force') && !args.flags.has('--output')) throw new CliError('--force only applies with -o/--output');
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}
