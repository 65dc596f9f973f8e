/**
 * Writes snippets/markdown.json from buildTemplate (the single source of truth).
 *   npx esbuild scripts/gen-snippets.ts --bundle --platform=node --outfile=/tmp/tpl/gen.js && node /tmp/tpl/gen.js
 * Run from the repository root. test/unit/template.test.ts fails when the committed file is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnippetFileText } from '../src/core/template/snippetFile';

const out = join(process.cwd(), 'snippets', 'markdown.json');
mkdirSync(join(process.cwd(), 'snippets'), { recursive: true });
writeFileSync(out, buildSnippetFileText(), 'utf8');
console.log(`wrote ${out}`);
