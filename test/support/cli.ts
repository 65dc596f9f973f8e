/** Runs the BUILT CLI (dist/cli.js, from `node scripts/build.mjs`) as a child process, as users and CI do. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { repoPath } from './repo';

function findCli(): string {
  const cli = repoPath('dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} not found: run node scripts/build.mjs first`);
  return cli;
}

export const CLI = findCli();

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/cli.js …args` to completion (10 s at most: a hang is a failure, not a stuck suite). */
export function cli(args: readonly string[], options: { cwd?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd, encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Runs the CLI and returns its standard output; a status other than 0 fails with its stderr. */
export function cliOut(args: readonly string[]): string {
  const r = cli(args);
  if (r.status !== 0) throw new Error(`tcp-state-notes ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/**
 * Runs the CLI with its standard output a pipe whose reader goes away: after `keepBytes` bytes were read
 * (`| head -c N`), or at once (`| true`). Resolves with the status and everything written to stderr.
 */
export function cliWithClosedPipe(args: readonly string[], keepBytes: number): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; read: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let read = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the CLI did not end after its reader went away'));
    }, 10_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr += s));
    if (keepBytes <= 0) child.stdout.destroy();
    else
      child.stdout.on('data', (b: Buffer) => {
        read += b.length;
        if (read >= keepBytes) child.stdout.destroy();
      });
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, read });
    });
  });
}
