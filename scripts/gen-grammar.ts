/**
 * Writes the TextMate injection grammars in syntaxes/ from src/core/grammar.ts (the single source of truth).
 *   npx esbuild scripts/gen-grammar.ts --bundle --platform=node --outfile=/tmp/gen-grammar.js && node /tmp/gen-grammar.js
 * Run from the repository root. test/unit/grammar.test.ts fails when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { grammarFiles } from '../src/core/grammar';

for (const { path, text } of grammarFiles()) {
  const out = join(process.cwd(), path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text, 'utf8');
  console.log(`wrote ${out} (${(text.length / 1024).toFixed(1)} KB)`);
}
