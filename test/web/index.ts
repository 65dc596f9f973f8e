/**
 * Mocha runner for VS Code's web worker extension host (the host vscode.dev uses). The harness
 * (test/harness/run-integration.mjs with host 'web') opens code-server with the payload
 * `extensionDevelopmentKind=web`, so the extension under test runs from its `browser` entry in a Web Worker and
 * this runner, which must sit inside the extension's folder, runs in that same worker.
 *
 * There is no file system or environment here: the harness writes `config.json` next to this bundle (grep,
 * which suites) and the runner writes `report.json` there through vscode.workspace.fs.
 */
import * as vscode from 'vscode';
import 'mocha/mocha.js';

interface Config {
  grep?: string;
  /** 'default': the integration suites plus the web-only ones; 'untrusted': the restricted-mode suites. */
  suites?: 'default' | 'untrusted';
}

interface Result {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  durationMs?: number;
}

const EXTENSION_ID = 'tcp-state-notes.tcp-state-notes';
const FOLDER = '.tsn-web-tests';

function here(file: string): vscode.Uri {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed`);
  return vscode.Uri.joinPath(ext.extensionUri, FOLDER, file);
}

async function readConfig(): Promise<Config> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(here('config.json')))) as Config;
  } catch {
    return {};
  }
}

export async function run(): Promise<void> {
  const config = await readConfig();
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  mocha.setup({ ui: 'tdd', timeout: 60_000, reporter: function Silent() {} as unknown as string });
  // The suites register themselves when evaluated, so they are imported only now, after setup().
  if (config.suites === 'untrusted') await import('tsn:untrusted-suites');
  else await import('tsn:web-suites');
  if (config.grep) mocha.grep(config.grep);
  const results: Result[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run((n) => resolve(n));
    runner.on('pass', (test) => {
      results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      say(`  ✔ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, err: Error) => {
      results.push({ title: test.fullTitle(), state: 'failed', error: String(err?.stack ?? err) });
      say(`  ✘ ${test.fullTitle()}\n      ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n      ')}`);
    });
  });
  const passed = results.filter((r) => r.state === 'passed').length;
  say(`web worker host: ${passed} passed, ${failures} failed`);
  const report = JSON.stringify({ passed, failed: failures, results, log: lines.join('\n') }, null, 2);
  await vscode.workspace.fs.writeFile(here('report.json'), new TextEncoder().encode(report));
  if (failures > 0) throw new Error(`${failures} test(s) failed in the web worker extension host`);
}
