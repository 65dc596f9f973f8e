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
// One copy of the core for both hosts: the Node entry (dist/node/extension.js) is only the shell that activate()
// needs and requires the web bundle, which runs in the Node host as well, on first use (scripts/lazySplit.mjs).
// Likewise the analysis worker: the browser bundle also runs under Node's worker_threads.
writeFileSync('dist/node/analysisWorker.js', "'use strict';\n// The analysis worker is the same for the Node and the web worker host.\nrequire('../web/analysisWorker.js');\n");
// --no-dependencies: everything the extension needs is bundled into dist/.
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '-o', out]);
const kb = statSync(out).size / 1024;
console.log(`[package] ${out}: ${kb.toFixed(1)} KB`);
// Issue #15: the .vsix stays under 400 KB (KB as vsce counts them, 1,024 bytes); a larger one fails the build.
const LIMIT_KB = 400;
if (kb >= LIMIT_KB) {
  console.error(`[package] ${out} is ${kb.toFixed(1)} KB, over the ${LIMIT_KB} KB limit: see what grew with \`unzip -v ${out}\``);
  process.exit(1);
}
