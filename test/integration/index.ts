/**
 * Mocha runner loaded by the extension host (code-server here, @vscode/test-electron elsewhere): the
 * `extensionTestsPath` contract is a module exporting `run(): Promise<void>`.
 * Results are printed and, when TSN_TEST_REPORT names a file, written there as JSON for the harness.
 */
import Mocha from 'mocha';
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Result {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
  durationMs?: number;
}

export async function run(): Promise<void> {
  const reportPath = process.env.TSN_TEST_REPORT;
  const logPath = reportPath ? `${reportPath}.log` : undefined;
  const say = (line: string) => {
    console.log(line);
    if (logPath) appendFileSync(logPath, `${line}\n`);
  };
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: function Silent() {} as unknown as string });
  const grep = process.env.TSN_TEST_GREP;
  if (grep) mocha.grep(grep);
  // TSN_TEST_DIR picks a sub-folder of suites for a special pass (e.g. `untrusted`: restricted mode).
  const dir = process.env.TSN_TEST_DIR ? join(__dirname, process.env.TSN_TEST_DIR) : __dirname;
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(join(dir, f));
  const results: Result[] = [];
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = results.filter((r) => r.state === 'passed').length;
      say(`integration: ${passed} passed, ${failures} failed`);
      if (reportPath) writeFileSync(reportPath, JSON.stringify({ passed, failed: failures, results }, null, 2));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      say(`  ✔ ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test, err: Error) => {
      results.push({ title: test.fullTitle(), state: 'failed', error: String(err?.stack ?? err) });
      say(`  ✘ ${test.fullTitle()}\n      ${String(err?.stack ?? err).split('\n').slice(0, 8).join('\n      ')}`);
    });
  });
}
