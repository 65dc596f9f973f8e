// The integration suites in code-server's web worker extension host (where vscode.dev runs extensions), with the
// extension loaded from the .vsix's `browser` bundle: `node test/harness/run-web.mjs [--untrusted]`.
// TSN_TEST_GREP limits the suites as for run-integration.mjs.
import { pathToFileURL } from 'node:url';
import { runIntegration } from './run-integration.mjs';

export function runWeb({ untrusted = false, grep = process.env.TSN_TEST_GREP } = {}) {
  return runIntegration({ host: 'web', untrusted, grep });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runWeb({ untrusted: process.argv.includes('--untrusted') }).then(
    (r) => process.exit(r.failed ? 1 : 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
