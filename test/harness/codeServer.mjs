// Starts code-server on loopback for one test run, in a fresh user-data / extensions / XDG folder, and stops
// it by process group. See ../shared/docs/offline-vscode.md for why each flag is there.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCodeServer } from './provision.mjs';

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Settings that keep the workbench quiet, offline and deterministic. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.reduceMotion': 'on',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // The browser workbench saves after a delay by default: a spec's edit that it undoes (the Freeze button's
  // block) could be saved into the note first, and the specs after it would see the edited note.
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
  // The UI specs type whole JSON documents into settings.json: no auto-closing or auto-indent there.
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoSurround': 'never',
  'editor.autoIndent': 'none',
  'editor.formatOnType': false,
  'editor.suggestOnTriggerCharacters': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
};

/**
 * @param {{ runDir: string, smokeDriver: boolean, settings?: object, env?: object, logName?: string, workspaceTrust?: boolean }} opts
 */
export async function startCodeServer(opts) {
  const cs = ensureCodeServer();
  const userDataDir = join(opts.runDir, 'user-data');
  const extensionsDir = join(opts.runDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...(opts.settings ?? {}) }, null, 2));
  const configPath = join(opts.runDir, 'config.yaml');
  writeFileSync(configPath, 'auth: none\ncert: false\n');
  const port = await freePort();
  const args = [
    cs.entry,
    '--config', configPath,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  // Workspace trust is off for every run except the restricted-mode pass (opts.workspaceTrust).
  if (!opts.workspaceTrust) args.push('--disable-workspace-trust');
  if (opts.smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const xdg = join(opts.runDir, 'xdg');
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    ...(opts.env ?? {}),
  };
  const logFile = createWriteStream(join(opts.runDir, opts.logName ?? 'code-server.log'));
  const child = spawn(cs.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(logFile, { end: false });
  child.stderr.pipe(logFile, { end: false });
  await new Promise((resolveReady, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('code-server did not start within 60 s')), 60_000);
    const onData = (d) => {
      buf += d.toString();
      if (buf.includes('HTTP server listening on')) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}; log: ${join(opts.runDir, 'code-server.log')}`));
    });
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  return { port, url: `http://127.0.0.1:${port}`, userDataDir, extensionsDir, child, stop };
}
