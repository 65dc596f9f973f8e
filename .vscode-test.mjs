// @vscode/test-cli config for machines that can download VS Code: `npm run test:electron` runs the same mocha
// suite as `npm test` runs in code-server, here with the extension from the working tree.
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/*.test.js',
  workspaceFolder: './.vscode-test/electron/workspace',
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'tdd', timeout: 60000 },
});
