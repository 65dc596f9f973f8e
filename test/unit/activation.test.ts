/**
 * The Node extension's split (scripts/lazySplit.mjs): dist/node/extension.js, built with the tests, activates
 * without loading the rest of the extension (dist/web/extension.js), registers every contributed command, and
 * the first use — a hover — loads the rest and answers from it. Every stand-in of the shell names a module and
 * exports the complete bundle really has.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Module from 'node:module';
import { probeActivation } from '../../bench/activation';

const root = process.cwd();
const shell = join(root, 'dist', 'node', 'extension.js');
const rest = join(root, 'dist', 'web', 'extension.js');

test('activate() with a Markdown note open loads only the shell and registers every contributed command', () => {
  assert.ok(existsSync(shell), 'dist/node/extension.js is built');
  const probe = probeActivation(shell);
  assert.equal(probe.lazyLoaded, false, 'dist/web/extension.js must not be required by require + activate()');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
  const contributed = manifest.contributes.commands.map((c) => c.command);
  assert.ok(contributed.length > 10);
  for (const id of contributed) assert.ok(probe.commands.includes(id), `${id} is registered at activation`);
  // The shell is a fraction of the complete bundle.
  assert.ok(readFileSync(shell).length * 3 < readFileSync(rest).length, 'the shell is much smaller than the rest');
});

test('the first hover loads the rest of the extension and answers from it', () => {
  const probe = probeActivation(shell, 'Sockets stuck in FIN-WAIT-2 after close.\n\nMore text.\n');
  assert.equal(probe.lazyLoaded, false);
  assert.ok(probe.hover, 'a hover provider was registered and asked');
  assert.equal(probe.hover.lazyLoaded, true, 'after the first hover, dist/web/extension.js is loaded');
  assert.match(probe.hover.markdown, /FIN-WAIT-2/);
  assert.match(probe.hover.markdown, /orphan|tcp_fin_timeout/i);
});

test('every stand-in of the shell names a module and exports of the complete bundle', () => {
  const source = readFileSync(shell, 'utf8');
  const standIns = [...source.matchAll(/"(src\/[\w/.-]+\.ts)",\s*(\[[^\]]*\])/g)].map((m) => ({ key: m[1] ?? '', names: JSON.parse(m[2] ?? '[]') as string[] }));
  assert.ok(standIns.length > 10, `stand-ins found in the shell (${standIns.length})`);
  // The complete bundle with an inert `vscode` (nothing of it runs: only its module namespaces are read).
  // (Its prototype answers every name too: the bundle's ESM interop reads `vscode.X` through an object made from it.)
  const anyName: object = new Proxy({}, { get: (_t, k) => (k === 'then' ? undefined : inert) });
  const inert: unknown = new Proxy(function () {}, {
    get: (_t, k) => (k === 'then' ? undefined : inert),
    apply: () => inert,
    construct: () => inert as object,
    getPrototypeOf: () => anyName,
  });
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  M._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? inert : load.call(this, request, ...rest);
  };
  try {
    const bundle = Module.createRequire(rest)(rest) as { lazyModules: Record<string, Record<string, unknown>> };
    for (const { key, names } of standIns) {
      const real = bundle.lazyModules[key];
      assert.ok(real, `${key} is in lazyModules`);
      for (const name of names) assert.ok(name in real && real[name] !== undefined, `${key} exports ${name}`);
    }
  } finally {
    M._load = load;
  }
});

test('Go to Symbol in Workspace (Ctrl+T) activates the extension before any note is opened', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { activationEvents: string[]; contributes: { keybindings?: unknown } };
  // The workbench fires onCommand:<id> for its own commands too (CommandService.executeCommand), so the index
  // starts when a person asks for workspace symbols in a notes repository where no Markdown file is open.
  assert.ok(manifest.activationEvents.includes('onCommand:workbench.action.showAllSymbols'));
  assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
});
