import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../support/repo';


function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Literal first arguments of `vscode.l10n.t('…')` (the bundle keys). */
function l10nKeys(source: string): string[] {
  const keys: string[] = [];
  const re = /vscode\.l10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g;
  for (let m = re.exec(source); m; m = re.exec(source)) keys.push((m[1] ?? '').replace(/\\(.)/g, '$1'));
  return keys;
}

describe('localisation', () => {
  test('every vscode.l10n.t string in the shell has a Simplified Chinese translation', () => {
    const bundle = JSON.parse(readFileSync(repoPath('l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const missing: string[] = [];
    let seen = 0;
    for (const file of tsFiles(repoPath('src/features'))) {
      for (const key of l10nKeys(readFileSync(file, 'utf8'))) {
        seen++;
        if (!bundle[key]?.trim()) missing.push(`${file.replace(/.*src\//, 'src/')}: ${key}`);
      }
    }
    assert.ok(seen > 20, `found only ${seen} l10n strings: the scan is broken`);
    assert.deepEqual(missing, []);
  });

  test('every %key% of the manifest is in package.nls.json and package.nls.zh-cn.json', () => {
    const manifest = readFileSync(repoPath('package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1] as string);
    assert.ok(keys.length > 5);
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const table = JSON.parse(readFileSync(repoPath(nls), 'utf8')) as Record<string, string>;
      assert.deepEqual(
        keys.filter((k) => !table[k]?.trim()),
        [],
        `${nls} lacks keys`,
      );
    }
  });
});
