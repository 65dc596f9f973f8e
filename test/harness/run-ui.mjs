// Drives the real workbench like a person: code-server with the extension installed from the .vsix,
// headless Chromium moving the mouse, typing in the palette and taking screenshots (test-results/).
// The UI specs (out/test/e2e/*.test.js) are mocha suites run here, in Node, against the shared page.
import Mocha from 'mocha';
import { mkdirSync, readdirSync, appendFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { ROOT, CACHE } from './provision.mjs';
import { installVsix, prepareWorkspace } from './workspace.mjs';

export async function runUi({ label = 'ui', grep } = {}) {
  const runDir = join(CACHE, 'runs', `${label}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const screenshots = join(ROOT, 'test-results');
  mkdirSync(screenshots, { recursive: true });
  for (const f of readdirSync(screenshots)) if (f.startsWith('FAILED-')) rmSync(join(screenshots, f));
  const started = Date.now();
  const server = await startCodeServer({ runDir, smokeDriver: false });
  let browser;
  try {
    installVsix(server.extensionsDir);
    const ws = prepareWorkspace(runDir);
    browser = await launchBrowser(runDir);
    const { page } = browser;
    page.on('console', (m) => appendFileSync(join(runDir, 'browser-console.log'), `[${m.type()}] ${m.text()}\n`));
    const workspaceUrl = `${server.url}/?folder=${encodeURIComponent(ws)}`;
    await page.goto(workspaceUrl);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    globalThis.tsnUi = { page, context: browser.context, server, userDataDir: server.userDataDir, workspace: ws, workspaceUrl, screenshots, runDir };
    const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: false, reporter: 'spec' });
    if (grep) mocha.grep(grep);
    // A failing UI spec leaves a screenshot of the workbench behind, for a person to look at.
    mocha.suite.afterEach(async function () {
      if (this.currentTest?.state === 'failed') {
        const name = this.currentTest.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 80);
        await page.screenshot({ path: join(screenshots, `FAILED-${name}.png`) }).catch(() => {});
      }
    });
    const dir = join(ROOT, 'out', 'test', 'e2e');
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(dir, f));
    await mocha.loadFilesAsync();
    let passed = 0;
    const failed = await new Promise((resolveRun) => {
      const runner = mocha.run((failures) => resolveRun(failures));
      runner.on('pass', () => passed++);
    });
    process.stdout.write(`[harness] ${label}: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return { passed, failed };
  } finally {
    await browser?.context.close().catch(() => {});
    server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runUi({ grep: process.env.TSN_TEST_GREP }).then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
