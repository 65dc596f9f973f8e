// ESLint flat config: typescript-eslint recommended, plus the architecture rules — the core and the webview
// import neither `vscode` nor Node built-ins (the core runs in the CLI, the web worker and the webview).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'media/**', '.vscode-test/**', 'node_modules/**', 'test-results/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure: adapt it in src/features instead.' }, ...nodeBuiltins.map((name) => ({ name, message: 'src/core must stay web-safe: no Node built-ins.' }))],
        },
      ],
    },
  },
  {
    files: ['src/features/**/*.ts', 'src/extension.ts'],
    rules: {
      // Features run in the web worker host too (vscode.dev): file access only through vscode.workspace.fs.
      'no-restricted-imports': [
        'error',
        { paths: nodeBuiltins.map((name) => ({ name, message: 'Features must run in a web worker: use the vscode API.' })) },
      ],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview talks to the host through postMessage only.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The webview runs in a browser.' }))] }],
    },
  },
  {
    // Node scripts; page.evaluate callbacks in the harness run in the browser, hence the browser globals.
    files: ['scripts/**/*.mjs', 'test/harness/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['test/e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
