// Bundles everything with esbuild: the extension for Node and for the web worker host, the diagram
// webview script, the CLI, and (with --tests) the unit / integration test files and the benchmark.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WORKER_BANNER, WORKER_FOOTER, WORKER_SHELL_FOOTER } from './workerBanner.mjs';
import { lazySplitPlugin, webEntryPlugin } from './lazySplit.mjs';
import { stateGistsPlugin } from './stateGists.mjs';
import { htmlEntitiesPlugin } from './htmlEntities.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

/** Fails the build when an import resolves to nothing (a cheap guard against ESM/CJS mix-ups). */
const logOverride = { 'import-is-undefined': 'error' };

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  logOverride,
  target: 'es2022',
  legalComments: 'none',
  // The catalogue's Chinese texts as UTF-8 (3 bytes a character), not \uXXXX escapes (6): every host reads the
  // bundles as UTF-8 (Node's require, a Web Worker's script, the webview's <script>).
  charset: 'utf8',
};

/** The modules the Node shell loads lazily (filled by its build, then exported by the web bundle). */
const boundary = new Map();

/**
 * The Node extension: only the shell that activate() needs; the rest is the web bundle, required on first use
 * (scripts/lazySplit.mjs). As the analysis worker it loads the web bundle, which serves (scripts/workerBanner.mjs).
 * @type {import('esbuild').BuildOptions}
 */
const nodeShell = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/node/extension.js',
  platform: 'node',
  format: 'cjs',
  banner: { js: WORKER_BANNER },
  footer: { js: WORKER_SHELL_FOOTER },
  external: ['vscode'],
  mainFields: ['module', 'main'],
  plugins: [lazySplitPlugin(boundary)],
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    // The web bundle, complete; it is also what the Node shell loads on first use (scripts/lazySplit.mjs).
    ...common,
    entryPoints: ['tsn:web-entry'],
    plugins: [webEntryPlugin('src/extension.ts', boundary)],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    banner: { js: WORKER_BANNER },
    footer: { js: WORKER_FOOTER },
    // worker_threads is required only when the bundle runs in the Node host (features/analysisWorker.ts).
    external: ['vscode', 'node:worker_threads'],
    // decode-named-character-reference maps `browser` to a DOM decoder (document.createElement);
    // a web worker has no document, so prefer its `worker` entry.
    conditions: ['worker'],
    mainFields: ['browser', 'module', 'main'],
    // No `process.platform` define: the packaged Node host loads this same bundle (scripts/package.mjs), and the
    // snapshot feature must see the real platform there; a web worker has no `process` at all.
    define: { 'process.env': '{}' },
  },
  // The standalone analysis worker (src/analysisWorker.ts) for the language server and the bench; the extension
  // runs its own bundle as its worker (scripts/workerBanner.mjs) and does not ship these.
  {
    ...common,
    entryPoints: ['src/analysisWorker.ts'],
    outfile: 'dist/node/analysisWorker.js',
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
  },
  {
    ...common,
    entryPoints: ['src/analysisWorker.ts'],
    outfile: 'dist/web/analysisWorker.js',
    platform: 'browser',
    format: 'iife',
    conditions: ['worker'],
    mainFields: ['browser', 'module', 'main'],
    external: ['node:worker_threads'],
    define: { 'process.env': '{}' },
  },
  {
    // The launcher (package.json `bin`): loads dist/commands.js, or dist/mcp.js for `mcp`.
    ...common,
    entryPoints: ['src/cliMain.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The CLI's commands, the language server, and the core the MCP server loads on first use.
    ...common,
    entryPoints: ['src/cliCommands.ts'],
    outfile: 'dist/commands.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    // `tcp-state-notes mcp` (the MCP SDK and zod): loaded by dist/cli.js only for that command.
    ...common,
    entryPoints: ['src/mcp/main.ts'],
    outfile: 'dist/mcp.js',
    platform: 'node',
    format: 'cjs',
  },
  {
    // One MCP tool call on a large note, in a worker thread (src/mcp/offThread.ts).
    ...common,
    entryPoints: ['src/mcp/toolWorker.ts'],
    outfile: 'dist/mcpToolWorker.js',
    platform: 'node',
    format: 'cjs',
  },
];

const webviewEntry = 'src/webview/main.ts';
if (exists(webviewEntry)) {
  targets.push({
    ...common,
    entryPoints: [webviewEntry],
    outfile: 'media/diagram.js',
    platform: 'browser',
    format: 'iife',
    conditions: ['worker'],
    sourcemap: false,
    plugins: [stateGistsPlugin()],
  });
}

// The Markdown preview's hover cards (package.json `markdown.previewScripts`).
const previewCardsEntry = 'src/webview/previewCards.ts';
if (exists(previewCardsEntry)) {
  targets.push({
    ...common,
    entryPoints: [previewCardsEntry],
    outfile: 'media/previewCards.js',
    platform: 'browser',
    format: 'iife',
    conditions: ['worker'],
    sourcemap: false,
    plugins: [stateGistsPlugin()],
  });
}

function exists(p) {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function filesUnder(dir, suffix) {
  if (!exists(dir)) return [];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

if (withTests) {
  rmSync('out', { recursive: true, force: true });
  const testEntries = [
    ...filesUnder('test/unit', '.test.ts'),
    ...filesUnder('test/integration', '.ts'),
    ...filesUnder('test/e2e', '.test.ts'),
    ...filesUnder('bench', '.ts'),
  ];
  targets.push({
    ...common,
    entryPoints: testEntries,
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    sourcemap: 'inline',
    // mocha and vscode come from the host at run time; playwright-core is not bundled either.
    external: ['vscode', 'mocha', 'playwright-core', 'fast-check', 'markdown-it', 'eslint', 'typescript'],
  });
}

// The web worker host's test bundle: the same integration suites, linked for the browser, with
// `node:assert/strict` served by a small shim. Suites that need Node are named *.node.test.ts and stay out.
const webTestEntry = 'test/web/index.ts';
if (withTests && exists(webTestEntry)) {
  const suiteFiles = (dir, keep) => (exists(dir) ? readdirSync(dir).filter((f) => keep(f)).sort().map((f) => join(dir, f)) : []);
  const sets = {
    'tsn:web-suites': [
      ...suiteFiles('test/integration', (f) => f.endsWith('.test.ts') && !f.endsWith('.node.test.ts')),
      ...suiteFiles('test/web', (f) => f.endsWith('.test.ts')),
    ],
    'tsn:untrusted-suites': [
      ...suiteFiles('test/integration/untrusted', (f) => f.endsWith('.test.ts')),
      ...suiteFiles('test/web', (f) => f.endsWith('.test.ts')),
    ],
  };
  /** @type {import('esbuild').Plugin} */
  const webSuites = {
    name: 'webSuites',
    setup(b) {
      b.onResolve({ filter: /^tsn:/ }, (a) => (a.path in sets ? { path: a.path, namespace: 'tsn-suites' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'tsn-suites' }, (a) => ({
        contents: sets[a.path].map((f) => `import ${JSON.stringify(`./${f.split('\\').join('/')}`)};`).join('\n'),
        resolveDir: process.cwd(),
        loader: 'js',
      }));
    },
  };
  targets.push({
    ...common,
    entryPoints: [webTestEntry],
    outfile: 'out/test/web/index.js',
    platform: 'browser',
    format: 'cjs',
    conditions: ['worker'],
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
    alias: { 'node:assert/strict': './test/web/assert.ts' },
    sourcemap: 'inline',
    plugins: [webSuites],
  });
}

// Named character references: HTML 4's set in every bundle (scripts/htmlEntities.mjs).
for (const t of [nodeShell, ...targets]) t.plugins = [...(t.plugins ?? []), htmlEntitiesPlugin()];

const existing = targets.filter((t) => t.entryPoints.every((e) => e.startsWith('tsn:') || exists(e)));
// The shell first: its build finds the boundary the web bundle must export.
if (watch) {
  const shell = await esbuild.context(nodeShell);
  await shell.rebuild();
  // A watch rebuild keeps the first build's boundary; restart the watch when a shell module imports a new core module.
  const contexts = await Promise.all(existing.map((t) => esbuild.context(t)));
  await Promise.all([shell, ...contexts].map((c) => c.watch()));
  console.log('[watch] build started');
} else {
  await esbuild.build(nodeShell);
  await Promise.all(existing.map((t) => esbuild.build(t)));
}
