// The split of the Node extension into a small shell and the lazily loaded rest (issue #17, activation).
//
// dist/node/extension.js is built from the same entry as the web bundle, but every import that crosses from the
// shell (src/extension.ts, src/features/**, src/workerMain.ts and the few core modules in SHELL_CORE) into the
// rest of the code (the core: analysis, catalogue texts, evidence parsers, reports…; and every npm package) is
// replaced by a stand-in module whose exports are getters. The first time the shell reads one of them — the
// first hover, command, lens or diagnostics run — the stand-in requires dist/web/extension.js (the complete
// bundle, which runs in the Node host as well) and reads the real export from its `lazyModules`. So activate()
// loads only the shell, and the .vsix still carries one copy of the core (the web bundle's).
//
// The web worker extension host keeps the one complete bundle: it has no synchronous way to load a second file.
import * as esbuild from 'esbuild';
import { relative, resolve, sep } from 'node:path';

/**
 * Core modules the shell needs when activate() runs (the note cache, the worker pool, the workspace index) or
 * at module load (constants). Small, and their own imports stay lazy.
 */
const SHELL_CORE = [
  'src/core/note/documents.ts',
  'src/core/note/workerPool.ts',
  'src/core/workspace/index.ts',
  'src/core/workspace/names.ts',
  'src/core/workspace/exclude.ts',
  'src/core/workspace/changeLog.ts',
  'src/core/workspace/workers.ts',
  'src/core/catalogue/types.ts',
  'src/core/check/ruleIds.ts',
  'src/core/agents/names.ts',
  'src/core/snapshot/support.ts',
];

/**
 * Feature modules the shell leaves to the complete bundle too: the diagram panel's own code (its webview HTML, live
 * view, detail pane and export), needed only once a panel opens. They keep no state of their own at module level and
 * import no shell module that does, so the copy the complete bundle runs is the only one in use; activate() reads
 * none of their exports (test/unit/activation.test.ts checks that it loads only the shell).
 */
const LAZY_FEATURES = [
  'src/features/diagram/panel.ts',
  'src/features/diagram/html.ts',
  'src/features/diagram/live.ts',
  'src/features/diagram/detail.ts',
  'src/features/diagram/export.ts',
];

/** Where the stand-ins find the rest, relative to dist/node/extension.js. */
export const LAZY_BUNDLE = '../web/extension.js';

const ROOT = process.cwd();
const key = (file) => relative(ROOT, file).split(sep).join('/');

function inShell(file) {
  const k = key(file);
  if (k.startsWith('..') || k.includes('node_modules/')) return false;
  if (!k.startsWith('src/')) return false;
  if (LAZY_FEATURES.includes(k)) return false;
  return !k.startsWith('src/core/') || SHELL_CORE.includes(k);
}

/** The stand-ins' one helper: defines `names` on `exports` as getters into the rest's `lazyModules[key]`. */
const RUNTIME = `module.exports = function (exports, key, names) {
  var real;
  var load = function () { return real || (real = require(${JSON.stringify(LAZY_BUNDLE)}).lazyModules[key]); };
  Object.defineProperty(exports, "__esModule", { value: true });
  names.forEach(function (name) {
    Object.defineProperty(exports, name, { enumerable: true, get: function () { return load()[name]; } });
  });
};`;

async function exportNames(file, platform) {
  const r = await esbuild.build({ entryPoints: [file], bundle: false, write: false, metafile: true, format: 'esm', platform, outdir: '/tmp/tsn-lazy-exports', logLevel: 'silent' });
  const out = Object.values(r.metafile.outputs).find((o) => o.entryPoint);
  return out?.exports ?? [];
}

/**
 * The esbuild plugin for the shell build. `boundary` collects the modules the stand-ins stand for (key → file):
 * the web bundle exports exactly those as `lazyModules` (see webEntry).
 * @param {Map<string, string>} boundary
 * @returns {import('esbuild').Plugin}
 */
export function lazySplitPlugin(boundary) {
  return {
    name: 'tsnLazySplit',
    setup(b) {
      b.onResolve({ filter: /^tsn:lazy-runtime$/ }, () => ({ path: 'lazy-runtime', namespace: 'tsn-lazy-runtime' }));
      b.onLoad({ filter: /.*/, namespace: 'tsn-lazy-runtime' }, () => ({ contents: RUNTIME, loader: 'js', resolveDir: ROOT }));
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.tsnResolving || args.kind === 'entry-point' || args.path === 'vscode') return undefined;
        if (args.namespace === 'tsn-lazy-runtime') return { path: args.path, external: true };
        if (!args.importer || !inShell(args.importer)) return undefined;
        const r = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, pluginData: { tsnResolving: true } });
        if (r.errors.length > 0 || r.external || !r.path || inShell(r.path)) return undefined;
        boundary.set(key(r.path), r.path);
        return { path: r.path, namespace: 'tsn-lazy' };
      });
      b.onLoad({ filter: /.*/, namespace: 'tsn-lazy' }, async (args) => {
        const names = await exportNames(args.path, b.initialOptions.platform ?? 'node');
        if (names.length === 0) return { errors: [{ text: `lazy split: no ES exports found in ${key(args.path)}` }] };
        // Stand-in for the module: getters that load the rest of the extension on first use.
        const contents = `require("tsn:lazy-runtime")(exports, ${JSON.stringify(key(args.path))}, ${JSON.stringify(names)});`;
        return { contents, loader: 'js', resolveDir: ROOT };
      });
    },
  };
}

/**
 * The web bundle's entry: the extension, plus `lazyModules` (the boundary modules' namespaces) for the Node shell.
 * @param {string} extensionEntry
 * @param {Map<string, string>} boundary
 * @returns {import('esbuild').Plugin}
 */
export function webEntryPlugin(extensionEntry, boundary) {
  return {
    name: 'tsnWebEntry',
    setup(b) {
      b.onResolve({ filter: /^tsn:web-entry$/ }, () => ({ path: 'web-entry', namespace: 'tsn-web-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'tsn-web-entry' }, () => {
        const keys = [...boundary.keys()].sort();
        const lines = [
          `export * from ${JSON.stringify(resolve(ROOT, extensionEntry))};`,
          ...keys.map((k, i) => `import * as m${i} from ${JSON.stringify(boundary.get(k))};`),
          `export const lazyModules = { ${keys.map((k, i) => `${JSON.stringify(k)}: m${i}`).join(', ')} };`,
        ];
        return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
      });
    },
  };
}
