// Fresh copies for one run: the workspace (examples + fixtures, so tests may edit freely) and the extension
// unpacked from the .vsix into the fresh extensions folder (so a packaging mistake fails the tests).
import { cpSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './provision.mjs';

export function prepareWorkspace(runDir) {
  const ws = join(runDir, 'workspace');
  mkdirSync(ws, { recursive: true });
  cpSync(join(ROOT, 'examples'), join(ws, 'examples'), { recursive: true });
  cpSync(join(ROOT, 'test', 'fixtures'), join(ws, 'fixtures'), { recursive: true });
  return ws;
}

export function vsixPath() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const p = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`npm run package\` first`);
  return { path: p, id: `${pkg.publisher}.${pkg.name}-${pkg.version}`.toLowerCase() };
}

/** Unpacks the .vsix's `extension/` folder as <extensionsDir>/<publisher>.<name>-<version>. */
export function installVsix(extensionsDir) {
  const { path, id } = vsixPath();
  const tmp = join(extensionsDir, `.unpack-${id}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const r = spawnSync('unzip', ['-q', '-o', path, 'extension/*', '-d', tmp], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`unzip failed: ${r.error ?? r.stderr} (install unzip: apt-get install unzip)`);
  const target = join(extensionsDir, id);
  rmSync(target, { recursive: true, force: true });
  cpSync(join(tmp, 'extension'), target, { recursive: true });
  rmSync(tmp, { recursive: true, force: true });
  return target;
}
