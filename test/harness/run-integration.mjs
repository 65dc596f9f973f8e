// Runs the mocha integration suite (out/test/integration) inside code-server's real Node extension host,
// with the extension loaded from the unpacked .vsix. Prints the results and returns { passed, failed }.
import { existsSync, mkdirSync, readFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { ROOT, CACHE } from './provision.mjs';
import { installVsix, prepareWorkspace } from './workspace.mjs';

export async function runIntegration({ label = 'integration', settings = {}, timeoutMs = 15 * 60_000 } = {}) {
  const runDir = join(CACHE, 'runs', `${label}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const report = join(runDir, 'report.json');
  const started = Date.now();
  const server = await startCodeServer({ runDir, smokeDriver: true, settings, env: { TSN_TEST_REPORT: report } });
  let browser;
  try {
    const extDir = installVsix(server.extensionsDir);
    const ws = prepareWorkspace(runDir);
    const tests = join(ROOT, 'out', 'test', 'integration', 'index.js');
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
  runIntegration().then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
