// Grammar tests: test/grammar/*.md are vscode-tmgrammar-test syntax tests (`<!--  ^^^^ scope` lines assert the
// scopes of the line above) run on VS Code's TextMate engine with the vendored Markdown and shell grammars
// (test/grammar/vendor) and our injection grammars exactly as package.json contributes them.
// Each asserted source line counts as one test; so does each file's check that every token our grammars colour
// is asserted (no unexpected highlight can slip in). Prints `grammar: N passed, N failed`; exits 1 on failure.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { parseGrammarTestCase, runGrammarTestCase } = require('vscode-tmgrammar-test/dist/unit/index.js');
const { createRegistry } = require('vscode-tmgrammar-test/dist/common/index.js');
const { ConsoleFullReporter } = require('vscode-tmgrammar-test/dist/unit/reporter.js');

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const DIR = join(ROOT, 'test', 'grammar');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ours = (pkg.contributes?.grammars ?? []).map((g) => ({ ...g, path: join(ROOT, g.path) }));
if (ours.length === 0) throw new Error('package.json contributes no grammars');
// The Markdown grammar embeds dozens of languages in fences; the ones not vendored here stay unscoped.
const warn = console.warn;
console.warn = (...args) => {
  if (!String(args[0]).startsWith('grammar not found for')) warn(...args);
};
const registry = createRegistry([
  { path: join(DIR, 'vendor', 'markdown.tmLanguage.json'), scopeName: 'text.html.markdown' },
  { path: join(DIR, 'vendor', 'shell-unix-bash.tmLanguage.json'), scopeName: 'source.shell' },
  ...ours,
]);

/** Scope names our grammars give to what they colour (not meta scopes). */
const colourScopes = new Set();
const collect = (node) => {
  if (Array.isArray(node)) node.forEach(collect);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'name' && typeof v === 'string' && v.endsWith('.tcp-state-notes') && !v.startsWith('meta.')) colourScopes.add(v);
      else collect(v);
    }
  }
};
for (const g of ours) collect(JSON.parse(readFileSync(g.path, 'utf8')));

const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
if (files.length === 0) throw new Error(`no grammar tests in ${DIR}`);
const reporter = new ConsoleFullReporter();
let passed = 0;
let failed = 0;

for (const file of files) {
  const path = join(DIR, file);
  const name = relative(ROOT, path);
  const testCase = parseGrammarTestCase(readFileSync(path, 'utf8'));
  const failures = await runGrammarTestCase(registry, testCase);
  reporter.reportTestResult(name, testCase, failures);
  const failedLines = new Set(failures.map((f) => f.line));
  for (const a of testCase.assertions) {
    if (failedLines.has(a.testCaseLineNumber)) failed++;
    else passed++;
  }

  // Every coloured token must lie under an assertion that requires one of our scopes.
  const grammar = await registry.loadGrammar(testCase.metadata.scope);
  const bySource = new Map(testCase.assertions.map((a) => [a.sourceLineNumber, a]));
  let stack = null;
  const unasserted = [];
  testCase.source.forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) {
      const scope = t.scopes.find((s) => colourScopes.has(s));
      if (!scope) continue;
      const covered = (bySource.get(n)?.scopeAssertions ?? []).some(
        (s) => s.from < t.endIndex && s.to > t.startIndex && s.scopes.some((x) => colourScopes.has(x)),
      );
      if (!covered) unasserted.push(`  line ${n + 1} of the source: ${JSON.stringify(line.slice(t.startIndex, t.endIndex))} has ${scope} and no assertion`);
    }
  });
  if (unasserted.length) {
    failed++;
    console.log(`✖ ${name}: unasserted highlights\n${unasserted.join('\n')}`);
  } else passed++;
}

console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
