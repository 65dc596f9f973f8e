// Runs the mocha integration suite (out/test/integration) inside code-server's real Node extension host,
// with the extension loaded from the unpacked .vsix. Prints the results and returns { passed, failed }.
// host 'web': the extension runs from its `browser` entry in the web worker extension host (vscode.dev's), and
// so does the suite (out/test/web/index.js, the same suites linked for the browser).
// untrusted: workspace trust on, the workspace left untrusted (restricted mode), suites of integration/untrusted.
import { existsSync, mkdirSync, readFileSync, appendFileSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { ROOT, CACHE } from './provision.mjs';
import { installVsix, prepareWorkspace } from './workspace.mjs';

/** Restricted mode without a modal: trust enabled, never asked at startup, so the folder stays untrusted. */
export const UNTRUSTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

/**
 * Runs this extension where vscode.dev runs it, in the web worker extension host. (The payload's
 * `extensionDevelopmentKind` is not consulted by code-server 4.139's web workbench; this setting is.)
 */
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'tcp-state-notes.tcp-state-notes': ['web'] } };

/**
 * @param {{ label?: string, settings?: object, timeoutMs?: number, host?: 'node' | 'web', untrusted?: boolean, grep?: string }} [opts]
 */
export async function runIntegration({
  label,
  settings = {},
  timeoutMs = 15 * 60_000,
  host = 'node',
  untrusted = false,
  grep = process.env.TSN_TEST_GREP,
} = {}) {
  label ??= [host === 'web' ? 'web' : 'integration', untrusted ? 'untrusted' : ''].filter(Boolean).join('-');
  const runDir = join(CACHE, 'runs', `${label}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  let report = join(runDir, 'report.json');
  const started = Date.now();
  const env = { TSN_TEST_REPORT: report, TSN_TEST_GREP: grep ?? '', TSN_TEST_DIR: untrusted ? 'untrusted' : '' };
  const server = await startCodeServer({
    runDir,
    smokeDriver: true,
    // Tests edit notes and decide when (and whether) they are saved: a browser workbench saves after a delay by
    // default, which wrote a test's unsaved edit to the fixture before its revert (a flaky workspace-index test).
    settings: { 'files.autoSave': 'off', ...settings, ...(untrusted ? UNTRUSTED_SETTINGS : {}), ...(host === 'web' ? WEB_HOST_SETTINGS : {}) },
    env,
    workspaceTrust: untrusted,
  });
  let browser;
  try {
    const extDir = installVsix(server.extensionsDir);
    const ws = prepareWorkspace(runDir);
    let tests = join(ROOT, 'out', 'test', 'integration', 'index.js');
    if (host === 'web') {
      // The web worker host runs a test module only from inside the extension under development, and reads
      // no environment: the bundle, its config and its report live in <extension>/.tsn-web-tests/ (this run's
      // copy of the unpacked .vsix; the package itself is untouched).
      const bundle = join(ROOT, 'out', 'test', 'web', 'index.js');
      if (!existsSync(bundle)) throw new Error(`${bundle} missing: build the tests first (node scripts/build.mjs --tests)`);
      const folder = join(extDir, '.tsn-web-tests');
      mkdirSync(folder, { recursive: true });
      cpSync(bundle, join(folder, 'index.js'));
      writeFileSync(join(folder, 'config.json'), JSON.stringify({ grep: grep || undefined, suites: untrusted ? 'untrusted' : 'default' }));
      tests = join(folder, 'index.js');
      report = join(folder, 'report.json');
    }
    if (!existsSync(tests)) throw new Error(`${tests} missing: build the tests first (node scripts/build.mjs --tests)`);
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extDir)],
      ['extensionTestsPath', remote(tests)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    browser = await launchBrowser(runDir);
    const { page } = browser;
    const consoleLog = join(runDir, 'browser-console.log');
    page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    let exitResolve;
    const exited = new Promise((r) => (exitResolve = r));
    // The workbench calls this when run() settles (0 resolved, 1 rejected). Expose it before navigation.
    await page.exposeFunction('codeAutomationExit', (code) => exitResolve(Number(code)));
    const url = `${server.url}/?folder=${remote(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    const devHost = page
      .waitForFunction(() => document.title.includes('[Extension Development Host]'), null, { timeout: 90_000 })
      .then(() => 'ok', () => 'payload-ignored');
    const first = await Promise.race([devHost, exited.then(() => 'ok')]);
    if (first === 'payload-ignored') throw new Error('the window never became an Extension Development Host: the test payload was ignored');
    const code = await Promise.race([
      exited,
      new Promise((_, rej) => setTimeout(() => rej(new Error(`integration run timed out after ${timeoutMs / 1000} s`)), timeoutMs)),
    ]);
    if (existsSync(`${report}.log`)) process.stdout.write(readFileSync(`${report}.log`, 'utf8'));
    let result = { passed: 0, failed: code === 0 ? 0 : 1 };
    if (existsSync(report)) {
      const r = JSON.parse(readFileSync(report, 'utf8'));
      if (typeof r.log === 'string') process.stdout.write(`${r.log}\n`);
      result = { passed: r.passed, failed: r.failed };
    } else if (code !== 0) {
      process.stdout.write(`[harness] the extension host reported failure (code ${code}) without a report; see ${consoleLog}\n`);
    }
    process.stdout.write(`[harness] ${label}: ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return result;
  } finally {
    await browser?.context.close().catch(() => {});
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flags = new Set(process.argv.slice(2));
  runIntegration({ host: flags.has('--web') ? 'web' : 'node', untrusted: flags.has('--untrusted') }).then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
