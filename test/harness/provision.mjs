// Provisions what the integration and UI tests need, into the ignored cache folder .vscode-test/:
// Node 24 (code-server requires it) and code-server (VS Code's server + web workbench) from the npm registry,
// versions pinned. Finds Chromium (CHROME_PATH or Debian's /usr/bin/chromium). Later runs reuse the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CACHE = join(ROOT, '.vscode-test');

function log(msg) {
  process.stdout.write(`[harness] ${msg}\n`);
}

/**
 * The environment for a nested npm: without the npm_* variables an outer `npm test` exported (they make
 * the nested npm run install scripts with the outer Node, and code-server's postinstall refuses Node 20).
 */
function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== 'NODE' && k !== 'INIT_CWD') env[k] = v;
  return { ...env, ...extra };
}

function npmInstall(prefix, spec, env = {}, extra = [], nodeBin = undefined) {
  mkdirSync(prefix, { recursive: true });
  const started = Date.now();
  const args = ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, ...extra, spec];
  // With nodeBin, npm itself runs on that Node (npm-cli.js next to the machine's npm), so do its scripts.
  const npmCli = nodeBin ? npmCliPath() : undefined;
  const [cmd, cmdArgs] = nodeBin && npmCli ? [nodeBin, [npmCli, ...args]] : ['npm', args];
  const r = spawnSync(cmd, cmdArgs, {
    cwd: prefix,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(env),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`npm install ${spec} failed (exit ${r.status}); see the output above`);
  }
  log(`installed ${spec} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Directory of the `node-<platform>-<arch>` package (it ships bin/node and include/node for node-gyp). */
export function ensureNode24() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const prefix = join(CACHE, `node-${NODE_VERSION}`);
  const dir = join(prefix, 'node_modules', pkg);
  const bin = join(dir, 'bin', 'node');
  if (!existsSync(join(prefix, '.complete')) || !existsSync(bin)) {
    log(`provisioning Node ${NODE_VERSION} (${pkg}) into ${prefix}`);
    npmInstall(prefix, `${pkg}@${NODE_VERSION}`);
    writeFileSync(join(prefix, '.complete'), NODE_VERSION);
  }
  return { dir, bin };
}

export function ensureCodeServer() {
  const node = ensureNode24();
  const prefix = join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const dir = join(prefix, 'node_modules', 'code-server');
  const entry = join(dir, 'out', 'node', 'entry.js');
  if (!existsSync(join(prefix, '.complete')) || !existsSync(entry)) {
    log(`provisioning code-server ${CODE_SERVER_VERSION} into ${prefix} (a few minutes the first time)`);
    // Native modules must build against Node 24's headers, not the machine's Node: npm_config_nodedir.
    // code-server's own install scripts (and its native dependencies') must run, hence the explicit opt-in.
    npmInstall(
      prefix,
      `code-server@${CODE_SERVER_VERSION}`,
      { PATH: `${join(node.dir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: node.dir },
      ['--dangerously-allow-all-scripts'],
      node.bin,
    );
    writeFileSync(join(prefix, '.complete'), CODE_SERVER_VERSION);
  }
  return { node: node.bin, entry, dir };
}

/** npm's CLI script, to run npm on another Node. */
function npmCliPath() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && existsSync(fromEnv) && fromEnv.endsWith('.js')) return fromEnv;
  const r = spawnSync('sh', ['-c', 'readlink -f "$(command -v npm)"'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return p && existsSync(p) ? p : undefined;
}

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(
    'Chromium not found. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chrome/Chromium binary.',
  );
}
