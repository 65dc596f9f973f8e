// `npm start`: a real VS Code with the extension loaded and examples/ open.
// - Desktop `code` on PATH → `code --extensionDevelopmentPath=. examples`.
// - Otherwise code-server (provisioned like the tests) on 127.0.0.1 only, no auth, with the extension linked
//   from this working tree and esbuild watching, so a reload picks up changes. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, CACHE } from '../test/harness/provision.mjs';
import { startCodeServer } from '../test/harness/codeServer.mjs';

const build = spawnSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const examples = join(ROOT, 'examples');

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && !process.env.TSN_FORCE_CODE_SERVER) {
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, examples], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const runDir = join(CACHE, 'start');
  mkdirSync(runDir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const link = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase());
  rmSync(link, { recursive: true, force: true });
  symlinkSync(ROOT, link, 'dir');
  const server = await startCodeServer({ runDir, smokeDriver: false, settings: { 'workbench.startupEditor': 'none' } });
  const watcher = spawn('node', ['scripts/build.mjs', '--watch'], { cwd: ROOT, stdio: 'inherit' });
  const url = `${server.url}/?folder=${encodeURIComponent(examples)}`;
  console.log(`\nVS Code (code-server ${'4.139.1'}) with TCP State Notes is ready:\n\n    ${url}\n\nOpen it in a browser on this machine (loopback only). Ctrl+C stops it.\n`);
  const stop = () => {
    server.stop();
    watcher.kill();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', () => {
    watcher.kill();
    process.exit(0);
  });
}
