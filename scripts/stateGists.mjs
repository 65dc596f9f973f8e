// The webview scripts (the diagram panel, the Markdown preview's cards) show a state's summary and orphan
// verdict only. This esbuild plugin gives them src/core/catalogue/stateGists.ts as its built table (bundled
// from the catalogue at build time, so states.ts stays the one source) instead of a module that pulls in the
// whole catalogue with its details, sources and commands (about 40 KB per script).
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SOURCE = 'src/core/catalogue/stateGists.ts';

/** STATE_GISTS as the catalogue computes it, and the files it was built from. */
async function builtGists() {
  const r = await esbuild.build({ entryPoints: [SOURCE], bundle: true, write: false, platform: 'node', format: 'esm', metafile: true, logLevel: 'warning' });
  const dir = mkdtempSync(join(tmpdir(), 'tsn-gists-'));
  try {
    const file = join(dir, 'gists.mjs');
    writeFileSync(file, r.outputFiles[0].text);
    const { STATE_GISTS } = await import(pathToFileURL(file).href);
    return { gists: STATE_GISTS, inputs: Object.keys(r.metafile.inputs).map((f) => resolve(f)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function stateGistsPlugin() {
  return {
    name: 'tsn-state-gists',
    setup(build) {
      build.onResolve({ filter: /\/stateGists$/ }, () => ({ path: 'state-gists', namespace: 'tsn-gists' }));
      build.onLoad({ filter: /.*/, namespace: 'tsn-gists' }, async () => {
        const { gists, inputs } = await builtGists();
        return { contents: `export const STATE_GISTS = ${JSON.stringify(gists)};`, loader: 'js', watchFiles: inputs };
      });
    },
  };
}
