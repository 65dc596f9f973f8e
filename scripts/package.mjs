// Builds production bundles and packages tcp-state-notes-<version>.vsix with @vscode/vsce; prints its size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
run('node', ['scripts/build.mjs', '--production']);
// One bundle for both hosts: the web worker bundle runs in the Node host as well (it uses no Node API), so the
// Node entry only loads it. This keeps a second copy of the whole core out of the .vsix.
writeFileSync('dist/node/extension.js', "'use strict';\n// The extension is the same for the Node and the web worker host.\nmodule.exports = require('../web/extension.js');\n");
// Likewise the analysis worker: the browser bundle also runs under Node's worker_threads.
writeFileSync('dist/node/analysisWorker.js', "'use strict';\n// The analysis worker is the same for the Node and the web worker host.\nrequire('../web/analysisWorker.js');\n");
// --no-dependencies: everything the extension needs is bundled into dist/.
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out]);
const kb = statSync(out).size / 1024;
console.log(`[package] ${out}: ${kb.toFixed(1)} KB`);
