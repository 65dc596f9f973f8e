// `npm test`: the whole suite, one command. Type-check, lint, unit tests (node:test), package the .vsix,
// then the integration suite inside code-server's real extension host (extension loaded from the .vsix) and
// the UI suite driving the workbench in Chromium. Ends with one line: "N passed, N failed".
import { spawn } from 'node:child_process';
import { runIntegration } from '../test/harness/run-integration.mjs';
import { runUi } from '../test/harness/run-ui.mjs';

const only = new Set((process.env.TSN_STEPS ?? 'types,lint,unit,grammar,package,integration,web,trust,ui').split(','));
const totals = { passed: 0, failed: 0 };
const timings = [];
let broken = false;

function run(cmd, args, { capture = false } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        out += d;
        process.stdout.write(d);
      });
      child.stderr.on('data', (d) => {
        out += d;
        process.stderr.write(d);
      });
    }
    child.on('close', (code) => resolveRun({ code: code ?? 1, out }));
  });
}

async function step(name, fn) {
  if (!only.has(name)) return;
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  try {
    await fn();
  } catch (e) {
    broken = true;
    totals.failed++;
    process.stdout.write(`[test] ${name} failed: ${e?.stack ?? e}\n`);
  }
  timings.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** A step that is not a test runner (type-check, lint, package) counts as one check. */
async function check(name, cmd, args) {
  await step(name, async () => {
    const { code } = await run(cmd, args);
    if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${code}`);
    totals.passed++;
  });
}

await check('types', 'npx', ['--no-install', 'tsc', '--noEmit', '-p', '.']);
await step('types', async () => {
  for (const project of ['src/webview', 'test/e2e']) {
    const { code } = await run('npx', ['--no-install', 'tsc', '--noEmit', '-p', project]);
    if (code !== 0) throw new Error(`type-check of ${project} failed`);
  }
});
await check('lint', 'npx', ['--no-install', 'eslint', '--max-warnings', '0']);
await step('unit', async () => {
  const build = await run('node', ['scripts/build.mjs', '--tests']);
  if (build.code !== 0) throw new Error('test build failed');
  const { code, out } = await run('node', ['scripts/test-unit.mjs'], { capture: true });
  const pass = Number(/ℹ pass (\d+)/.exec(out)?.[1] ?? 0);
  const fail = Number(/ℹ fail (\d+)/.exec(out)?.[1] ?? 0);
  totals.passed += pass;
  totals.failed += fail;
  if (code !== 0 && fail === 0) throw new Error(`node --test exited with ${code}`);
  if (pass === 0) throw new Error('no unit test ran');
});
await step('grammar', async () => {
  const { code, out } = await run('node', ['scripts/test-grammar.mjs'], { capture: true });
  const m = /grammar: (\d+) passed, (\d+) failed/.exec(out);
  if (!m) throw new Error(`scripts/test-grammar.mjs exited with ${code} without a summary`);
  totals.passed += Number(m[1]);
  totals.failed += Number(m[2]);
  if (code !== 0 && Number(m[2]) === 0) throw new Error(`scripts/test-grammar.mjs exited with ${code}`);
  if (Number(m[1]) === 0) throw new Error('no grammar test ran');
});
await check('package', 'node', ['scripts/package.mjs']);
await step('integration', async () => {
  const r = await runIntegration();
  totals.passed += r.passed;
  totals.failed += r.failed;
  if (r.passed === 0) throw new Error('no integration test ran');
});
// The same suites in the web worker extension host (vscode.dev's), from the .vsix's browser bundle.
await step('web', async () => {
  const r = await runIntegration({ host: 'web' });
  totals.passed += r.passed;
  totals.failed += r.failed;
  if (r.passed === 0) throw new Error('no test ran in the web worker host');
});
// Restricted mode: workspace trust on, the folder untrusted; in the Node host and in the web worker host.
await step('trust', async () => {
  for (const host of ['node', 'web']) {
    const r = await runIntegration({ host, untrusted: true });
    totals.passed += r.passed;
    totals.failed += r.failed;
    if (r.passed === 0) throw new Error(`no restricted-mode test ran in the ${host} host`);
  }
});
await step('ui', async () => {
  const r = await runUi({ grep: process.env.TSN_TEST_GREP });
  totals.passed += r.passed;
  totals.failed += r.failed;
  if (r.passed === 0) throw new Error('no UI test ran');
});

process.stdout.write(`\ntimings: ${timings.join(', ')}\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed > 0 || broken ? 1 : 0);
