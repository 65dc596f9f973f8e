/**
 * Tokenises Markdown with the real TextMate engine (vscode-textmate + Oniguruma, as VS Code does), the
 * vendored Markdown and shell grammars (test/grammar/vendor) and our injection grammars as the manifest
 * contributes them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as tm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';

export interface ScopedRange {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

interface ManifestGrammar {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

let onigReady: Promise<tm.IOnigLib> | undefined;
function onigLib(): Promise<tm.IOnigLib> {
  onigReady ??= (async () => {
    // Resolved from the repository at run time (the test bundle inlines the package's code, not its wasm).
    const main = createRequire(join(process.cwd(), 'package.json')).resolve('vscode-oniguruma');
    const wasm = readFileSync(join(main, '..', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    };
  })();
  return onigReady;
}

/** Compiles `source` with Oniguruma; throws what Oniguruma reports. */
export async function compileOniguruma(source: string): Promise<void> {
  await onigLib();
  new onig.OnigScanner([source]);
}

export async function loadMarkdownGrammar(root: string): Promise<tm.IGrammar> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { grammars: ManifestGrammar[] } };
  const files = new Map<string, string>([
    ['text.html.markdown', join(root, 'test', 'grammar', 'vendor', 'markdown.tmLanguage.json')],
    ['source.shell', join(root, 'test', 'grammar', 'vendor', 'shell-unix-bash.tmLanguage.json')],
  ]);
  const injections = new Map<string, string[]>();
  for (const g of manifest.contributes.grammars) {
    files.set(g.scopeName, join(root, g.path));
    for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  const registry = new tm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file ? tm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
    },
    getInjections: (scopeName) => injections.get(scopeName) ?? [],
  });
  const grammar = await registry.loadGrammar('text.html.markdown');
  if (!grammar) throw new Error('the Markdown grammar did not load');
  return grammar;
}

/** Tokens of every line, continuing the rule stack across lines like the editor does. */
export function tokenize(grammar: tm.IGrammar, text: string): ScopedRange[] {
  const out: ScopedRange[] = [];
  let stack = tm.INITIAL;
  text.split('\n').forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) out.push({ line, start: t.startIndex, end: Math.min(t.endIndex, lineText.length), scopes: t.scopes });
  });
  return out;
}
