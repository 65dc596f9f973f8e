/**
 * core/note/markdown.ts parses with micromark + mdast-util-from-markdown directly: the tree must be the one
 * remark-parse + remark-gfm build (the unified processor it replaced), on every Markdown fixture and the seed note.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { generateNote } from '../../bench/generate';
import { parseMarkdown } from '../../src/core/note/markdown';

const ROOT = join(__dirname, '..', '..', '..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

describe('core/note/markdown', () => {
  test('the same tree as remark-parse with remark-gfm', () => {
    const remark = unified().use(remarkParse).use(remarkGfm);
    const texts = [
      ...[...markdownFiles(join(ROOT, 'test', 'fixtures')), ...markdownFiles(join(ROOT, 'examples')), join(ROOT, '..', 'shared', 'seed-note.md')].map((f) => readFileSync(f, 'utf8')),
      generateNote(60_000, 4),
      '| a | b |\n|---|---|\n| ~~x~~ | [^1] |\n\n- [x] done www.example.com\n\n[^1]: note &amp; &copy; &#95;\n',
    ];
    for (const text of texts) assert.deepEqual(parseMarkdown(text), remark.parse(text));
  });

  test("named character references: HTML 4's set decodes, a name outside it stays as written (scripts/htmlEntities.mjs)", () => {
    const heading = (md: string): string => {
      const h = parseMarkdown(md).children[0];
      assert.equal(h?.type, 'heading');
      return (h as { children: { value?: string }[] }).children.map((c) => c.value ?? '').join('');
    };
    assert.equal(heading('# TIME_WAIT &amp; CLOSE_WAIT &mdash; &copy;&nbsp;ops &rarr; &lt;fix&gt; &apos;x&apos; &Omega;'), "TIME_WAIT & CLOSE_WAIT — ©\u00a0ops → <fix> 'x' Ω");
    assert.equal(heading('# a &NotNestedGreaterGreater; b'), 'a &NotNestedGreaterGreater; b', 'HTML5-only names are left as text');
    assert.equal(heading('# &#95; &#x41;'), '_ A', 'numeric references are all decoded');
  });
});
