// `npm run test:unit`: runs every built unit test file with node --test. The files are listed here rather than
// passed as a glob: Node 20 does not expand globs in `node --test` arguments, and Node 22+ treats a bare
// directory as a module path, so explicit file paths are the one form every Node the manifest allows runs.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'out/test/unit';

function testFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? testFiles(p) : p.endsWith('.test.js') ? [p] : [];
    });
}

const files = testFiles(ROOT);
if (files.length === 0) {
  console.error(`no unit tests under ${ROOT}: run node scripts/build.mjs --tests first`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...process.argv.slice(2), ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
