import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openNote, positionOf } from './helpers';

async function ourLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command === 'tcpStateNotes.showDiagram');
}

interface Jump {
  state: string;
  index: number;
  total: number;
}

suite('Evidence code lenses, outline symbols and mention navigation', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('tcpStateNotes').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a code lens above each evidence block summarises its counts with thousands separators', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const lenses = await ourLenses(document.uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [14, 'ss -s output: 65,311 orphans · tw 1,840 · Show in diagram'],
        [29, 'ss output: 3 FIN-WAIT-1 · 1 LISTEN · 1 ESTABLISHED · Show in diagram'],
        [45, 'netstat output: 2 FIN-WAIT-1 · 1 LISTEN · 1 LAST-ACK · Show in diagram'],
        [58, 'sysctl values + counters: TCPAbortOnMemory 8,123 · TCPAbortOnTimeout 412 · tcp_max_orphans = 131,072 · Show in diagram'],
      ],
    );
    for (const l of lenses) {
      assert.ok(document.lineAt(l.range.start.line).text.startsWith('```'), 'the lens sits on the opening fence');
      assert.deepEqual(l.command?.arguments, [{ uri: document.uri.toString() }]);
    }

    const zh = await openNote('examples', 'orphan-socket-notes.zh.md');
    const [block] = await ourLenses(zh.document.uri);
    assert.equal(block?.command?.title, 'sockstat + per-state counts: 61,920 FIN-WAIT-1 · 2,103 LAST-ACK · 1,840 TIME-WAIT · 65,311 orphans · Show in diagram');
  });

  test('the lens command opens the diagram of its note', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const [lens] = await ourLenses(document.uri);
    assert.ok(lens?.command);
    const uri = await vscode.commands.executeCommand<string>(lens.command.command, ...(lens.command.arguments ?? []));
    assert.equal(uri, document.uri.toString());
    const info = await vscode.commands.executeCommand<{ uri?: string } | undefined>('tcpStateNotes.diagramInfo');
    assert.equal(info?.uri, document.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the codeLens setting hides the lenses live', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const config = vscode.workspace.getConfiguration('tcpStateNotes');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    try {
      assert.equal((await ourLenses(document.uri)).length, 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal((await ourLenses(document.uri)).length, 4);
  });

  test('evidence blocks are document symbols (Outline, Go to Symbol), named like the lenses', async () => {
    const { document } = await openNote('examples', 'incident-fin-wait-1.md');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];
    const flat = (list: vscode.DocumentSymbol[]): vscode.DocumentSymbol[] => list.flatMap((s) => [s, ...flat(s.children ?? [])]);
    const evidence = flat(symbols).filter((s) => s.kind === vscode.SymbolKind.Event);
    assert.deepEqual(
      evidence.map((s) => [s.name, s.range.start.line, s.detail]),
      [
        ['ss -s output: 65,311 orphans · tw 1,840', 14, 'line 15'],
        ['ss output: 3 FIN-WAIT-1 · 1 LISTEN · 1 ESTABLISHED', 29, 'line 30'],
        ['netstat output: 2 FIN-WAIT-1 · 1 LISTEN · 1 LAST-ACK', 45, 'line 46'],
        ['sysctl values + counters: TCPAbortOnMemory 8,123 · TCPAbortOnTimeout 412 · tcp_max_orphans = 131,072', 58, 'line 59'],
      ],
    );
    for (const s of evidence) {
      assert.ok(s.range.contains(s.selectionRange));
      assert.ok(document.getText(s.range).startsWith('```') && document.getText(s.range).endsWith('```'), 'the symbol covers the whole block');
    }
  });

  test('next / previous mention moves the selection through every spelling of the state, cycling', async () => {
    const editor = await openNote('examples', 'incident-fin-wait-1.md');
    const { document } = editor;
    const start = positionOf(document, 'FIN-WAIT-1 pile-up', 0, 3);
    editor.selection = new vscode.Selection(start, start);
    const selected = () => [editor.selection.start.line, document.getText(editor.selection)] as const;

    const first = await vscode.commands.executeCommand<Jump>('tcpStateNotes.nextMention');
    assert.deepEqual(selected(), [5, 'FIN-WAIT-1']);
    assert.equal(first?.state, 'FIN-WAIT-1');
    assert.equal(first?.index, 2);
    await vscode.commands.executeCommand('tcpStateNotes.nextMention');
    assert.deepEqual(selected(), [8, 'FIN_WAIT1'], 'netstat spelling of the same state');
    await vscode.commands.executeCommand('tcpStateNotes.previousMention');
    assert.deepEqual(selected(), [5, 'FIN-WAIT-1']);
    await vscode.commands.executeCommand('tcpStateNotes.previousMention');
    assert.deepEqual(selected(), [0, 'FIN-WAIT-1']);
    const wrapped = await vscode.commands.executeCommand<Jump>('tcpStateNotes.previousMention');
    assert.ok(wrapped && wrapped.index === wrapped.total && wrapped.total > 5, JSON.stringify(wrapped));
    const [line, text] = selected();
    assert.ok(line > 70, `wrapped to the last mention (line ${line})`);
    assert.match(text, /^(FIN-WAIT-1|FIN_WAIT1|fin-wait-1)$/);
  });

  test('off a state the command leaves the selection alone', async () => {
    const editor = await openNote('examples', 'incident-fin-wait-1.md');
    const at = positionOf(editor.document, '## Summary', 0, 5);
    editor.selection = new vscode.Selection(at, at);
    const result = await vscode.commands.executeCommand<Jump | undefined>('tcpStateNotes.nextMention');
    assert.equal(result, undefined);
    assert.ok(editor.selection.isEmpty && editor.selection.active.isEqual(at));
  });
});
