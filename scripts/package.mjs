// Builds production bundles and packages tcp-state-notes-<version>.vsix with @vscode/vsce; prints its size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import * as esbuild from 'esbuild';
import JSZip from 'jszip';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${pkg.name}-${pkg.version}.vsix`;
run('node', ['scripts/build.mjs', '--production']);
// esbuild bundles and minifies; terser then compresses the shipped bundles a little further (its compressor folds
// and inlines more than esbuild's minifier, and it renames top-level names too, which are local to each bundle's
// module or worker scope: about 10 KB of the .vsix). No unsafe transforms and no property mangling; non-ASCII text
// stays UTF-8. The integration, web and UI suites run these packaged bundles.
const SHIPPED_SCRIPTS = ['dist/web/extension.js', 'dist/node/extension.js', 'media/diagram.js', 'media/previewCards.js'];
for (const file of SHIPPED_SCRIPTS) {
  const r = await minify(readFileSync(file, 'utf8'), { ecma: 2022, compress: { passes: 2 }, mangle: true, toplevel: true, format: { comments: false } });
  if (typeof r.code !== 'string') throw new Error(`terser returned nothing for ${file}`);
  writeFileSync(file, r.code);
}
// One copy of the core for both hosts: the Node entry (dist/node/extension.js) is only the shell that activate()
// needs and requires the web bundle, which runs in the Node host as well, on first use (scripts/lazySplit.mjs).
// Likewise the analysis worker: the browser bundle also runs under Node's worker_threads.
writeFileSync('dist/node/analysisWorker.js', "'use strict';\n// The analysis worker is the same for the Node and the web worker host.\nrequire('../web/analysisWorker.js');\n");
// The README in the .vsix is the Marketplace / Extensions view page: the user's sections of README.md, without
// the developers' ones (how to run and test it, the benchmark, the architecture), which stay in the repository.
// The command-line tool, the language server for other editors and their reference (`npm install -g`, not this
// extension) stay there too, with one line here saying where they are.
const DEVELOPER_SECTIONS = ['The two commands', 'How the tests reach a real VS Code offline', 'Performance and robustness', 'Architecture'];
const OTHER_TOOL_SECTIONS = ['CLI', 'Language server (Neovim, Helix, Zed, Emacs, …)', 'MCP server for other agents (`tcp-state-notes mcp`)'];
const readme = userReadme(readFileSync('README.md', 'utf8'), [...DEVELOPER_SECTIONS, ...OTHER_TOOL_SECTIONS]);
writeFileSync('dist/README.md', readme);
// --no-dependencies: everything the extension needs is bundled into dist/.
run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--readme-path', 'dist/README.md', '-o', out]);
await repack(out);
const kb = statSync(out).size / 1024;
console.log(`[package] ${out}: ${kb.toFixed(1)} KB`);
// Issue #15: the .vsix stays under 400 KB (KB as vsce counts them, 1,024 bytes); a larger one fails the build.
const LIMIT_KB = 400;
if (kb >= LIMIT_KB) {
  console.error(`[package] ${out} is ${kb.toFixed(1)} KB, over the ${LIMIT_KB} KB limit: see what grew with \`unzip -v ${out}\``);
  process.exit(1);
}

/**
 * README.md without the `## ` sections named in `drop` (each up to the next `## ` heading outside a code fence),
 * with one closing line saying where they are. Fails when a named section is missing (renamed in README.md).
 */
function userReadme(text, drop) {
  const lines = text.split('\n');
  const out = [];
  const found = new Set();
  let skipping = false;
  let fence = false;
  for (const line of lines) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    if (!fence && line.startsWith('## ')) {
      const title = line.slice(3).trim();
      skipping = drop.includes(title);
      if (skipping) found.add(title);
    }
    if (!skipping) out.push(line);
  }
  const missing = drop.filter((t) => !found.has(t));
  if (missing.length) {
    console.error(`[package] README.md has no section ${missing.map((t) => `"## ${t}"`).join(', ')}: update DEVELOPER_SECTIONS in scripts/package.mjs`);
    process.exit(1);
  }
  return `${out.join('\n').trimEnd()}\n\n---\n\nThe \`tcp-state-notes\` command-line tool (\`scan\`, \`check\` with SARIF, \`report\`, \`explain\`, \`diagram\`, \`template\`), its language server for Neovim, Helix, Zed and Emacs, its MCP server for AI agents, how to build and test the extension, its benchmarks and its architecture are in the README.md of its source, not on this page.\n`;
}

/**
 * The .vsix as vsce wrote it, written again with every entry deflated at the highest level (vsce's zip library uses
 * zlib's default): about 1 % smaller, the same files. Stylesheets and JSON are shipped minified on the way (the
 * repository keeps them readable): the CSS through esbuild's minifier, JSON without indentation. Nothing else changes.
 */
async function repack(file) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    if (entry.name.endsWith('.css')) {
      const css = await entry.async('string');
      const min = await esbuild.transform(css, { loader: 'css', minify: true, charset: 'utf8' });
      zip.file(entry.name, min.code, { date: entry.date, createFolders: false });
    } else if (entry.name.endsWith('.json') && !entry.name.endsWith('/package.json')) {
      const json = await entry.async('string');
      zip.file(entry.name, JSON.stringify(JSON.parse(json)), { date: entry.date, createFolders: false });
    }
  }
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  writeFileSync(file, buffer);
}
