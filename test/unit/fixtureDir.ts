import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** test/fixtures/<sub>, found from the working directory or from the bundled test file's location. */
export function fixtureDir(sub: string): string {
  const rel = join('test', 'fixtures', sub);
  const candidates = [join(process.cwd(), rel)];
  if (typeof __dirname === 'string') {
    let d = __dirname;
    for (let i = 0; i < 6; i++) {
      candidates.push(join(d, rel));
      d = dirname(d);
    }
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`fixtures not found; tried ${candidates.join(', ')}`);
  return found;
}
