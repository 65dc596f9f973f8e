/**
 * Activation of the Node extension as VS Code loads it: require of dist/node/extension.js (the shell, see
 * scripts/lazySplit.mjs) and activate() with a stand-in `vscode`, in a fresh Node process. The probe also says
 * whether the rest of the extension (dist/web/extension.js, loaded on first use) was required, which commands
 * activate() registered, and, when asked, the hover that the registered provider gives on a small note — the
 * first use, which must load the rest and answer. Used by the bench (activation_vs_markdownit) and by
 * test/unit/activation.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ActivationProbe {
  /** require() of the bundle, ms. */
  readonly require: number;
  /** activate(), ms. */
  readonly activate: number;
  /** Whether dist/web/extension.js (the lazily loaded rest) was required by require + activate(). */
  readonly lazyLoaded: boolean;
  /** Command ids activate() registered. */
  readonly commands: readonly string[];
  /** With `hover`: the Markdown of the first hover over the note's first line, and whether the rest was loaded then. */
  readonly hover?: { readonly markdown: string; readonly lazyLoaded: boolean };
}

/**
 * The probe: `node probe.js <bundle> [note text to hover]`. A Markdown note is open and active while the extension
 * activates. Every `vscode` API the extension touches while it loads and activates is a key of the stand-in (a
 * missing key fails the probe); what the stand-in returns is inert.
 */
const PROBE = String.raw`const Module = require('module');
const path = require('path');
const stub = () => new Proxy(function () {}, {
  get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : k === 'dispose' ? () => {} : stub()),
  apply: () => stub(),
  construct: () => stub(),
  set: () => true,
});
// A namespace with a few real members; anything else is a stand-in.
const overlay = (real) => new Proxy(real, { get: (t, k) => (k in t ? t[k] : k === 'then' ? undefined : stub()) });
const commands = [];
const hovers = [];
class Position { constructor(line, character) { this.line = line; this.character = character; } }
class Range { constructor(start, end) { this.start = start; this.end = end; } }
class MarkdownString { constructor(value) { this.value = value; } }
class Hover { constructor(contents, range) { this.contents = contents; this.range = range; } }
// A plain object of stubs: the bundle's ESM interop copies the module's own properties.
const vscode = {};
for (const k of ['commands', 'window', 'workspace', 'languages', 'env', 'l10n', 'extensions', 'Uri', 'EventEmitter', 'Disposable', 'StatusBarAlignment', 'ViewColumn', 'Position', 'Range', 'Selection', 'MarkdownString', 'Hover', 'ThemeIcon', 'ConfigurationTarget', 'TextEditorRevealType', 'CancellationTokenSource', 'WorkspaceEdit', 'SnippetString', 'TextEdit', 'QuickPickItemKind', 'ProgressLocation', 'FileType', 'RelativePattern', 'ThemeColor', 'TreeItem', 'version', 'CodeActionKind', 'CodeAction', 'CodeLens', 'Diagnostic', 'DiagnosticSeverity', 'DocumentSymbol', 'SymbolKind', 'SymbolInformation', 'Location', 'ExtensionKind', 'UIKind', 'ExtensionMode', 'TreeItemCollapsibleState', 'DocumentDropOrPasteEditKind', 'DocumentPasteEdit', 'DocumentPasteTriggerKind', 'LanguageModelTextPart', 'LanguageModelToolResult', 'lm', 'chat', 'FileSystemError', 'TabInputText', 'CodeActionTriggerKind']) vscode[k] = stub();
Object.assign(vscode, { Position, Range, MarkdownString, Hover });
vscode.commands = overlay({ registerCommand: (id) => (commands.push(id), stub()) });
vscode.languages = overlay({ registerHoverProvider: (selector, provider) => (hovers.push(provider), stub()) });
// One Markdown note open and active, as when VS Code activates the extension (onLanguage:markdown).
const text = process.argv[3] ?? 'Sockets stuck in FIN-WAIT-2 after close.\n\nMore text.\n';
const lines = text.split('\n');
const starts = lines.map((l, i) => lines.slice(0, i).join('\n').length + (i ? 1 : 0));
const positionAt = (offset) => {
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return new Position(line, offset - starts[line]);
};
const offsetAt = (p) => starts[p.line] + p.character;
const doc = {
  uri: { toString: () => 'file:///probe.md', scheme: 'file', fsPath: '/probe.md', path: '/probe.md' },
  fileName: '/probe.md', languageId: 'markdown', version: 1, lineCount: lines.length, isClosed: false,
  getText: () => text,
  lineAt: (l) => { const line = typeof l === 'number' ? l : l.line; return { text: lines[line], range: new Range(new Position(line, 0), new Position(line, lines[line].length)) }; },
  offsetAt, positionAt,
};
vscode.workspace = overlay({ getConfiguration: () => ({ get: (key, fallback) => fallback }), textDocuments: [doc] });
vscode.window = overlay({ activeTextEditor: { document: doc }, visibleTextEditors: [{ document: doc }] });
vscode.env = overlay({ language: 'en' });
vscode.l10n = overlay({ t: (message) => message });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const lazyLoaded = () => Object.keys(require.cache).some((f) => f.endsWith(path.join('web', 'extension.js')));
const ctx = { subscriptions: [], extensionUri: stub(), extensionPath: path.dirname(path.dirname(path.dirname(process.argv[2]))), extensionMode: 1, globalState: stub(), workspaceState: stub(), asAbsolutePath: (p) => p };
const t0 = performance.now();
const ext = require(process.argv[2]);
const t1 = performance.now();
ext.activate(ctx);
const t2 = performance.now();
const out = { require: t1 - t0, activate: t2 - t1, lazyLoaded: lazyLoaded(), commands };
(async () => {
  if (process.argv[3] !== undefined) {
    const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
    const at = new Position(0, Math.max(0, lines[0].search(/[A-Z]{3}/)) + 1);
    const answers = await Promise.all(hovers.map((p) => p.provideHover(doc, at, token)));
    const markdown = answers.filter(Boolean).map((h) => h.contents.value).join('\n---\n');
    out.hover = { markdown, lazyLoaded: lazyLoaded() };
  }
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

let probeFile: string | undefined;

/** Runs the probe once in a fresh process on `bundle` (and, with `hoverText`, hovers its first line). */
export function probeActivation(bundle: string, hoverText?: string): ActivationProbe {
  if (!probeFile) {
    const dir = mkdtempSync(join(tmpdir(), 'tsn-act-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    probeFile = join(dir, 'probe.js');
    writeFileSync(probeFile, PROBE);
  }
  const args = hoverText === undefined ? [probeFile, bundle] : [probeFile, bundle, hoverText];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`activation probe failed: ${r.stderr.split('\n').filter((l) => l.length < 300).join('\n')}`);
  return JSON.parse(r.stdout) as ActivationProbe;
}
