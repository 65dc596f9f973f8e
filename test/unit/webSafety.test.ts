/**
 * "No Node built-ins in the core or the features" is enforced by lint (eslint.config.mjs); these tests make sure
 * the rule is really there and catches what the web worker host cannot load.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps the web-worker code free of Node built-ins', () => {
  for (const file of ['src/core/probe.ts', 'src/features/probe.ts', 'src/features/diagram/probe.ts', 'src/extension.ts']) {
    for (const mod of ['fs', 'node:fs', 'path', 'node:child_process', 'os', 'node:os']) {
      it(`${file} may not import ${mod}`, async () => {
        const messages = await restrictedImports(file, `import * as m from '${mod}';\nexport const x = m;\n`);
        assert.equal(messages.length, 1, `expected one no-restricted-imports error, got ${JSON.stringify(messages)}`);
      });
    }
  }

  it('the core may not import vscode; the features may', async () => {
    assert.equal((await restrictedImports('src/core/probe.ts', `import * as vscode from 'vscode';\nexport const x = vscode;\n`)).length, 1);
    assert.equal((await restrictedImports('src/features/probe.ts', `import * as vscode from 'vscode';\nexport const x = vscode;\n`)).length, 0);
  });

  it('the CLI may use Node built-ins (it is not part of the web bundle)', async () => {
    assert.equal((await restrictedImports('src/cliProbe.ts', `import * as fs from 'node:fs';\nexport const x = fs;\n`)).length, 0);
  });
});
