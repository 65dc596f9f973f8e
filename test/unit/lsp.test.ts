/**
 * The language server at the protocol level: the built `tcp-state-notes lsp --stdio` driven by
 * vscode-languageserver-protocol's client connection over stdio. Hover texts, diagnostics, quick fixes and
 * symbols are compared with the core functions called in this process: the server adapts them, it adds nothing.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  CodeActionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  ErrorCodes,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  MessageType,
  ShutdownRequest,
  TextDocumentSyncKind,
  type CodeAction,
  type Diagnostic,
  type DocumentSymbol,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { analyzeNote } from '../../src/core/note/analyze';
import { noteHover } from '../../src/core/noteHover';
import { evidenceSymbols } from '../../src/core/note/evidenceNames';
import { noteDiagnostics, noteTypos } from '../../src/core/check/noteDiagnostics';
import { LineIndex } from '../../src/core/note/lines';
import { version } from '../../package.json';
import { CLI } from '../support/cli';
import { startLsp } from '../support/lsp';
import { until } from '../support/until';

const NOTE = [
  '# 事故笔记',
  '',
  '😀 连接处于CLOSE_WAIT状态，随后FIN_WAIT1。',
  'LAST_LOCK and FIN_WAIT3 are typos.',
  '',
  '```',
  'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
  'ESTAB      0      0      10.0.0.1:443       10.0.0.3:5002',
  '```',
  '',
  'TIME_WAIT lasts 4 minutes.',
  '',
].join('\n');
const URI = 'file:///notes/incident.md';
const lines = new LineIndex(NOTE);

/** The LSP position of the `n`th occurrence of `needle` (UTF-16, as the core counts). */
function at(needle: string, delta = 0): { line: number; character: number } {
  const offset = NOTE.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lines.positionAt(offset + delta);
}

function rangeOf(needle: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: at(needle), end: at(needle, needle.length) };
}

describe('tcp-state-notes lsp --stdio (protocol)', () => {
  test('initialize: capabilities, server info, incremental sync', async () => {
    const lsp = await startLsp();
    try {
      const { capabilities, serverInfo } = lsp.initialized;
      assert.deepEqual(serverInfo, { name: 'tcp-state-notes', version });
      assert.equal(capabilities.positionEncoding, 'utf-16');
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
      assert.equal(capabilities.hoverProvider, true);
      assert.ok(capabilities.documentSymbolProvider);
      assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
      assert.deepEqual(capabilities.executeCommandProvider?.commands, ['tcpStateNotes.explainMisconception']);
      assert.equal(capabilities.workspaceSymbolProvider, true);
      assert.equal(capabilities.referencesProvider, true);
    } finally {
      assert.equal(await lsp.close(), 0);
    }
  });

  test('hover: exact UTF-16 range after an astral character and Chinese text, the core Markdown, null elsewhere', async () => {
    const lsp = await startLsp();
    try {
      await lsp.open(URI, NOTE);
      // Published diagnostics mean the whole note is analysed (a first hover may answer from its line alone).
      await lsp.diagnostics(URI);
      const position = at('CLOSE_WAIT', 3);
      const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position });
      assert.ok(hover);
      assert.deepEqual(hover.range, rangeOf('CLOSE_WAIT'));
      // 😀 is two UTF-16 code units: the state starts at character 7 of line 2 (6 in code points, 17 in bytes).
      assert.deepEqual(hover.range?.start, { line: 2, character: 7 });
      const expected = noteHover(analyzeNote(NOTE), NOTE.indexOf('CLOSE_WAIT') + 3, { lang: 'en' });
      assert.deepEqual(hover.contents, { kind: 'markdown', value: expected?.markdown });
      assert.match((hover.contents as MarkupContent).value, /CLOSE-WAIT/);
      assert.doesNotMatch((hover.contents as MarkupContent).value, /command:/, 'no VS Code command links outside VS Code');
      const glued = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at('FIN_WAIT1', 9) });
      assert.deepEqual(glued?.range, rangeOf('FIN_WAIT1'), 'the end of a state glued to 。 still hovers it');
      assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at('事故') }), null);
      assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///notes/unknown.md' }, position: { line: 0, character: 0 } }), null);
    } finally {
      await lsp.close();
    }
  });

  test('settings: initializationOptions language zh-cn and kernelVersion reach the hover', async () => {
    const lsp = await startLsp({ initializationOptions: { tcpStateNotes: { language: 'zh-CN', kernelVersion: '4.9' } } });
    try {
      const text = 'net.ipv4.tcp_tw_recycle 在这台机器上还在吗？\n';
      await lsp.open(URI, text);
      await lsp.diagnostics(URI);
      const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 12 } });
      const expected = noteHover(analyzeNote(text), 12, { lang: 'zh-cn', kernelVersion: '4.9' });
      assert.ok(expected);
      assert.notEqual(expected.markdown, noteHover(analyzeNote(text), 12, { lang: 'zh-cn' })?.markdown, 'the kernel version changes this hover');
      assert.deepEqual(hover?.contents, { kind: 'markdown', value: expected.markdown });
    } finally {
      await lsp.close();
    }
  });

  test('settings: language auto follows the client locale', async () => {
    const lsp = await startLsp({ locale: 'zh-CN' });
    try {
      await lsp.open(URI, NOTE);
      const published = await lsp.diagnostics(URI);
      assert.ok(published.diagnostics.some((d) => String(d.message).startsWith('不是 TCP 状态')), JSON.stringify(published.diagnostics));
    } finally {
      await lsp.close();
    }
  });

  test('diagnostics: typos and a wrong claim, with the core messages, codes and source links', async () => {
    const lsp = await startLsp();
    try {
      await lsp.open(URI, NOTE, 7);
      const published = await lsp.diagnostics(URI);
      assert.equal(published.version, 7);
      const expected = noteDiagnostics(NOTE, noteTypos(NOTE, analyzeNote(NOTE)), 'en');
      assert.deepEqual(
        published.diagnostics.map((d) => [d.range, d.message, d.code, d.source, d.severity, d.codeDescription?.href]),
        expected.map((n) => [{ start: lines.positionAt(n.start), end: lines.positionAt(n.end) }, n.message, n.code, 'TCP State Notes', 3, n.href]),
      );
      assert.deepEqual(
        published.diagnostics.map((d) => d.message),
        ['not a TCP state — did you mean LAST_ACK?', 'not a TCP state — did you mean FIN_WAIT2 or FIN_WAIT1?', expected[2]?.message],
      );
      assert.equal(published.diagnostics[2]?.code, 'misconception:tw-four-minutes');
    } finally {
      await lsp.close();
    }
  });

  test('code actions: replacements for typos (preferred only when certain), an explanation for a claim', async () => {
    const lsp = await startLsp();
    try {
      await lsp.open(URI, NOTE);
      const { diagnostics } = await lsp.diagnostics(URI);
      const actions = async (d: Diagnostic): Promise<CodeAction[]> =>
        (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const [lastLock, finWait3, claim] = diagnostics as [Diagnostic, Diagnostic, Diagnostic];
      assert.deepEqual(await actions(lastLock), [
        { title: 'Replace with LAST_ACK', kind: 'quickfix', diagnostics: [lastLock], isPreferred: true, edit: { changes: { [URI]: [{ range: rangeOf('LAST_LOCK'), newText: 'LAST_ACK' }] } } },
      ]);
      assert.deepEqual(
        (await actions(finWait3)).map((a) => [a.title, a.isPreferred]),
        [
          ['Replace with FIN_WAIT2', false],
          ['Replace with FIN_WAIT1', false],
        ],
      );
      const [explain] = await actions(claim);
      assert.equal(explain?.title, 'Explain why this claim is wrong');
      assert.deepEqual(explain?.command, { title: 'Explain why this claim is wrong', command: 'tcpStateNotes.explainMisconception', arguments: ['tw-four-minutes'] });
      const result = await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tcpStateNotes.explainMisconception', arguments: ['tw-four-minutes'] });
      assert.match(String(result), /^# Common misconception: /);
      assert.match(String(result), /https:\/\//, 'the explanation carries its sources');
      const message = await until('a window/showMessage', () => lsp.messages[0], 5000, 10);
      assert.equal(message.type, 3);
      assert.match(message.message, / — /);
      // A diagnostic from elsewhere, or one whose range no longer holds the typo, gets nothing.
      assert.deepEqual(await actions({ ...lastLock, source: 'someone else' }), []);
      const { data: _data, ...withoutData } = lastLock;
      assert.deepEqual(await actions({ ...withoutData, range: rangeOf('FIN_WAIT1') }), [], 'a range that holds no typo, no offsets: no fix');
      // A client may send the range back converted (Neovim 0.7: byte columns); the diagnostic's data (offsets of
      // this version) still place the edit — here even against a range that holds another typo.
      const bytes = rangeOf('FIN_WAIT3');
      const [fromData] = await actions({ ...lastLock, range: bytes });
      assert.deepEqual(fromData?.edit, { changes: { [URI]: [{ range: rangeOf('LAST_LOCK'), newText: 'LAST_ACK' }] } });
      assert.deepEqual(await actions({ ...lastLock, range: rangeOf('FIN_WAIT1'), data: { version: 99, start: 0, end: 1 } }), [], 'data of another version is ignored');
      assert.equal(await lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tcpStateNotes.explainMisconception', arguments: ['no-such-rule'] }), null);
    } finally {
      await lsp.close();
    }
  });

  test('document symbols: one per evidence block, named as in the VS Code outline', async () => {
    const lsp = await startLsp();
    try {
      await lsp.open(URI, NOTE);
      const symbols = (await lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
      const expected = evidenceSymbols(analyzeNote(NOTE), 'en');
      assert.equal(symbols.length, 1);
      assert.equal(symbols[0]?.name, 'ss output: 2 FIN-WAIT-1 · 1 ESTABLISHED');
      assert.deepEqual(
        symbols.map((s) => [s.name, s.detail, s.kind, s.range, s.selectionRange]),
        expected.map((s) => [s.name, s.detail, 24, { start: lines.positionAt(s.start), end: lines.positionAt(s.end) }, { start: lines.positionAt(s.start), end: lines.positionAt(s.selectionEnd) }]),
      );
      await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { tcpStateNotes: { language: 'zh-cn' } } });
      const zh = (await lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })) as DocumentSymbol[];
      assert.equal(zh[0]?.name, 'ss 输出：2 FIN-WAIT-1 · 1 ESTABLISHED');
      assert.equal(zh[0]?.detail, '第 6 行');
    } finally {
      await lsp.close();
    }
  });

  test('didChange (incremental): diagnostics and hovers follow each change, applied in order', async () => {
    const lsp = await startLsp();
    try {
      const text = 'Intro.\n\nThe socket sat in LISTEN.\n';
      await lsp.open(URI, text);
      await lsp.diagnostics(URI, (p) => p.diagnostics.length === 0);
      // Two changes in one notification: the second is relative to the text after the first.
      await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: 2 },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '连接 CLOSE_WIAT。\n' },
          { range: { start: { line: 3, character: 18 }, end: { line: 3, character: 24 } }, text: 'TIME_WAITE' },
        ],
      });
      const after = await lsp.diagnostics(URI, (p) => p.version === 2);
      assert.deepEqual(
        after.diagnostics.map((d) => [d.range, d.message]),
        [
          [{ start: { line: 0, character: 3 }, end: { line: 0, character: 13 } }, 'not a TCP state — did you mean CLOSE_WAIT?'],
          [{ start: { line: 3, character: 18 }, end: { line: 3, character: 28 } }, 'not a TCP state — did you mean TIME_WAIT?'],
        ],
      );
      // Fix one typo with the quick fix's own edit, as a client applies it.
      const [first] = after.diagnostics as [Diagnostic];
      const [fix] = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: first.range, context: { diagnostics: [first] } })) as CodeAction[];
      const edit = fix?.edit?.changes?.[URI]?.[0];
      assert.ok(edit);
      await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 3 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
      const fixed = await lsp.diagnostics(URI, (p) => p.version === 3);
      assert.deepEqual(fixed.diagnostics.map((d) => d.message), ['not a TCP state — did you mean TIME_WAIT?']);
      const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 5 } });
      assert.deepEqual(hover?.range, { start: { line: 0, character: 3 }, end: { line: 0, character: 13 } });
      assert.match((hover?.contents as MarkupContent).value, /CLOSE-WAIT/);
      // A full-text change works too.
      await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: URI, version: 4 }, contentChanges: [{ text: 'ESTABLISHD\n' }] });
      const full = await lsp.diagnostics(URI, (p) => p.version === 4);
      assert.deepEqual(full.diagnostics.map((d) => d.message), ['not a TCP state — did you mean ESTABLISHED?']);
      await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: URI } });
      await lsp.diagnostics(URI, (p) => p.diagnostics.length === 0 && p.version === undefined);
      assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 1 } }), null);
    } finally {
      await lsp.close();
    }
  });

  test('settings: diagnostics off clears them, on brings them back', async () => {
    const lsp = await startLsp({ initializationOptions: { diagnostics: false } });
    try {
      await lsp.open(URI, NOTE);
      assert.equal((await lsp.diagnostics(URI)).diagnostics.length, 0);
      await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { tcpStateNotes: { diagnostics: { enabled: true } } } });
      assert.equal((await lsp.diagnostics(URI, (p) => p.diagnostics.length > 0)).diagnostics.length, 3);
    } finally {
      await lsp.close();
    }
  });

  test('a note grown over maxNoteSizeMB loses its diagnostics (nothing is checked there any more)', async () => {
    const lsp = await startLsp();
    try {
      await lsp.open(URI, NOTE);
      assert.equal((await lsp.diagnostics(URI, (p) => p.diagnostics.length > 0)).diagnostics.length, 3);
      await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { tcpStateNotes: { maxNoteSizeMB: 0.0001 } } });
      assert.equal((await lsp.diagnostics(URI, (p) => p.diagnostics.length === 0)).diagnostics.length, 0);
      // An edit of the too-large note publishes an empty list for its version, not the old findings.
      await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version: 2 },
        contentChanges: [{ range: rangeOf('FIN_WAIT3'), text: 'FIN_WAIT2' }],
      });
      const after = await lsp.diagnostics(URI, (p) => p.version === 2);
      assert.deepEqual(after.diagnostics, []);
    } finally {
      await lsp.close();
    }
  });

  test('documents that are not Markdown notes are not read (no hover, symbols or diagnostics)', async () => {
    const lsp = await startLsp();
    try {
      const script = 'file:///notes/check.py';
      const text = 'state = "FIN_WAIT1"  # FIN_WAIT3\n';
      await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: script, languageId: 'python', version: 1, text } });
      assert.equal(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: script }, position: { line: 0, character: 11 } }), null);
      assert.deepEqual(await lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: script } }), []);
      // A Markdown note opened after it is read, and its diagnostics come; the script never got any.
      await lsp.open(URI, NOTE);
      await lsp.diagnostics(URI, (p) => p.diagnostics.length > 0);
      assert.equal(lsp.published.filter((p) => p.uri === script).length, 0);
      // A .md file a client sends with another language id is still a note.
      const named = 'file:///notes/other.md';
      await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: named, languageId: 'plaintext', version: 1, text: 'FIN_WAIT3\n' } });
      assert.equal((await lsp.diagnostics(named, (p) => p.diagnostics.length > 0)).diagnostics.length, 1);
    } finally {
      await lsp.close();
    }
  });

  test('parameters lacking what a method reads: InvalidParams naming the field; a second initialize is refused', async () => {
    const lsp = await startLsp();
    try {
      const invalid = (field: string) => (e: { code?: number; message?: string }) => e.code === ErrorCodes.InvalidParams && (e.message ?? '').includes(field);
      const c = lsp.connection;
      await assert.rejects(c.sendRequest('textDocument/hover', { textDocument: { uri: URI } }), invalid('position'));
      await assert.rejects(c.sendRequest('textDocument/hover', { position: { line: 0, character: 0 } }), invalid('textDocument.uri'));
      await assert.rejects(c.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: { line: -1, character: 0 } }), invalid('position'));
      await assert.rejects(c.sendRequest('textDocument/documentSymbol', {}), invalid('textDocument.uri'));
      await assert.rejects(c.sendRequest('textDocument/references', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }), invalid('textDocument.uri'));
      await assert.rejects(c.sendRequest('workspace/symbol', {}), invalid('query'));
      await assert.rejects(c.sendRequest('textDocument/codeAction', { textDocument: { uri: URI }, range: rangeOf('FIN_WAIT3') }), invalid('context.diagnostics'));
      await assert.rejects(c.sendRequest(ExecuteCommandRequest.type, { command: 'rm -rf /', arguments: [] }), invalid('unknown command'));
      await assert.rejects(
        c.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} }),
        (e: { code?: number }) => e.code === ErrorCodes.InvalidRequest,
      );
      // Malformed notifications are dropped; the server goes on, and a code action on a diagnostic without a range is nothing.
      await c.sendNotification('textDocument/didOpen', { textDocument: { uri: URI } });
      await c.sendNotification('textDocument/didChange', { textDocument: { uri: URI } });
      await c.sendNotification('textDocument/didClose', {});
      await lsp.open(URI, NOTE);
      // Changes with a malformed element are dropped whole, before any of them is applied: the note stays as opened.
      for (const bad of [[{ text: 5 }], [{}], [null], [{ range: null, text: 'x' }], [{ range: { start: { line: 0 } }, text: 'x' }], [{ text: 'FIN_WAIT3' }, { text: 7 }]]) {
        await c.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 9 }, contentChanges: bad });
      }
      const hover = await c.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at('CLOSE_WAIT', 1) });
      assert.ok(hover);
      const broken = { source: 'tcp-state-notes', code: 'typo', message: 'x' } as unknown as Diagnostic;
      assert.deepEqual(await c.sendRequest(CodeActionRequest.type, { textDocument: { uri: URI }, range: rangeOf('FIN_WAIT3'), context: { diagnostics: [broken] } }), []);
      assert.equal(lsp.stderr(), '');
      assert.deepEqual(lsp.logs.filter((l) => l.type === MessageType.Error).map((l) => l.message), [], 'no handler failed');
    } finally {
      await lsp.close();
    }
  });

  test('before initialize, a request is refused with ServerNotInitialized (LSP 3.17; audit s14 D8)', async () => {
    const lsp = await startLsp({
      beforeInitialize: async (c) => {
        const notInitialized = (e: { code?: number }) => e.code === ErrorCodes.ServerNotInitialized;
        await assert.rejects(c.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line: 0, character: 0 } }), notInitialized);
        await assert.rejects(c.sendRequest('workspace/symbol', { query: 'fin' }), notInitialized);
      },
    });
    try {
      await lsp.open(URI, NOTE);
      assert.ok(await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at('CLOSE_WAIT', 1) }), 'answered once initialized');
    } finally {
      assert.equal(await lsp.close(), 0);
    }
  });

  test('after shutdown, requests are refused with InvalidRequest; exit then ends with status 0', async () => {
    const lsp = await startLsp();
    await lsp.open(URI, NOTE);
    await lsp.connection.sendRequest(ShutdownRequest.type);
    const invalid = (e: { code?: number }) => e.code === ErrorCodes.InvalidRequest;
    await assert.rejects(lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: at('CLOSE_WAIT', 1) }), invalid);
    await assert.rejects(lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } }), invalid);
    await assert.rejects(lsp.connection.sendRequest(ExecuteCommandRequest.type, { command: 'tcpStateNotes.explainMisconception', arguments: ['tw-recycle'] }), invalid);
    await lsp.connection.sendNotification(ExitNotification.type);
    assert.equal(await lsp.exited, 0);
    lsp.connection.dispose();
  });

  test('exit without shutdown ends with status 1; a closed input ends the server', async () => {
    const lsp = await startLsp();
    await lsp.connection.sendNotification(ExitNotification.type);
    assert.equal(await lsp.exited, 1);
    lsp.connection.dispose();
    const other = await startLsp();
    other.child.stdin.end();
    assert.notEqual(await other.exited, null);
    other.connection.dispose();
    assert.equal(other.stderr(), '');
  });

  test('usage errors: lsp needs --stdio and takes nothing else (status 2)', () => {
    for (const args of [['lsp'], ['lsp', '--stdio', '--socket=1']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000 });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /tcp-state-notes: lsp /);
      assert.equal(r.stdout, '');
    }
  });

  test('-h / --help anywhere prints the usage and exits 0, also beside --stdio (no server starts)', () => {
    for (const args of [['lsp', '--help'], ['lsp', '--stdio', '--help'], ['lsp', '-h', '--stdio']]) {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 10_000, input: '' });
      assert.equal(r.status, 0, args.join(' '));
      assert.match(r.stdout, /^Usage:/, args.join(' '));
    }
  });
});

