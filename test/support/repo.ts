/** The repository's root and its test fixtures, for tests that run in Node (unit tests, the UI specs). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

function isRepoRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'tcp-state-notes' && existsSync(join(dir, 'src'));
  } catch {
    return false;
  }
}

let cached: string | undefined;

/** The checkout's root: found upwards from the working directory, else from the (bundled) test file. */
export function repoRoot(): string {
  if (cached) return cached;
  const starts = [process.cwd(), ...(typeof __dirname === 'string' ? [__dirname] : [])];
  for (const start of starts) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      if (isRepoRoot(dir)) return (cached = dir);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`run the tests from inside the repository (looked up from ${starts.join(', ')})`);
}

/** A path inside the repository. */
export function repoPath(...segments: string[]): string {
  return join(repoRoot(), ...segments);
}

/** test/fixtures/<sub>. */
export function fixtureDir(sub: string): string {
  return repoPath('test', 'fixtures', sub);
}
