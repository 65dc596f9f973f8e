import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openNote, positionOf, until, workspaceUri } from './helpers';

interface IndexInfo {
  state: string;
  notes: number;
  generation: number;
  byWorkers: number;
}

interface TreeDump {
  options: { sort: string; state?: string };
  message?: string;
  items: TreeItemDump[];
}

interface TreeItemDump {
  label: string;
  description?: string;
  command?: string;
  node: { type: string; key?: string; note?: { key: string }; block?: { line: number } };
  children: TreeItemDump[];
}

const FOLDER = 'fixtures/workspace-index/';
const ready = async (): Promise<IndexInfo> => {
  await activateExtension();
  return (await vscode.commands.executeCommand<IndexInfo>('tcpStateNotes.workspaceIndexInfo', true)) as IndexInfo;
};
const tree = async (): Promise<TreeDump> => (await vscode.commands.executeCommand<TreeDump>('tcpStateNotes.test.evidenceTree', 3)) as TreeDump;
const rel = (uri: vscode.Uri): string => vscode.workspace.asRelativePath(uri, false);
const ours = (items: readonly TreeItemDump[]): TreeItemDump[] => items.filter((i) => i.label.startsWith(FOLDER));

suite('Workspace index: references, workspace symbols, TCP Evidence view', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('tcpStateNotes.evidence.clearFilter');
    await vscode.commands.executeCommand('tcpStateNotes.evidence.sortByCount');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the index reads the whole workspace in the background, the notes indexed in workers', async () => {
    const info = await ready();
    assert.equal(info.state, 'ready');
    assert.ok(info.notes >= 3, `indexed ${info.notes} notes`);
    // The extension host only read the files: this host's analysis workers indexed them (core/workspace/remote.ts),
    // all but the notes open in an editor (an open document is indexed from its text here, as it changes).
    const open = vscode.workspace.textDocuments.filter((d) => /\.(?:md|markdown)$/.test(d.uri.path)).length;
    assert.ok(info.byWorkers > 0 && info.byWorkers >= info.notes - open, `${info.byWorkers} of ${info.notes} notes from the workers (${open} open)`);
  });

  test('Find All References on a state lists every spelling across the workspace', async () => {
    await ready();
    const { document } = await openNote('fixtures', 'workspace-index', 'lb-drain.md');
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'FIN_WAIT2'))) ?? [];
    const mine = locations
      .filter((l) => rel(l.uri).startsWith(FOLDER))
      .map((l) => `${rel(l.uri).slice(FOLDER.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`)
      .sort();
    const expected = [
      'lb-drain.md:2:17-26',
      'lb-drain.md:4:20-30',
      'lb-drain.md:9:0-10',
      'lb-drain.md:10:0-10',
      'lb-drain.md:11:0-10',
      'proxy-restart.md:2:9-17',
      'proxy-restart.md:9:0-10',
    ].sort();
    assert.deepEqual(mine, expected);
    // Terms too: the sysctl by its short name.
    const sysctl = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf(document, 'tcp_fin_timeout'))) ?? [];
    assert.ok(sysctl.some((l) => rel(l.uri) === `${FOLDER}lb-drain.md` && l.range.start.line === 15));
  });

  test('an edit in an open document wins over the disk', async () => {
    const editor = await openNote('fixtures', 'workspace-index', 'proxy-restart.md');
    const before = (await ready()).generation;
    await editor.edit((e) => e.insert(new vscode.Position(3, 0), 'Then a LAST_ACK one.\n\n'));
    await until('the index took the edit', async () => ((await ready()).generation > before ? true : undefined));
    const refs = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, positionOf(editor.document, 'LAST_ACK'))) ?? [];
    assert.ok(refs.some((l) => rel(l.uri) === `${FOLDER}proxy-restart.md` && l.range.start.line === 3), 'the unsaved mention is found');
    // Undo by an edit (the document's text again equals the disk): the index follows the open document.
    await editor.edit((e) => e.delete(new vscode.Range(3, 0, 5, 0)));
    await until('the index took the second edit', async () => {
      const now = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', editor.document.uri, positionOf(editor.document, 'FinWait2'))) ?? [];
      return now.some((l) => rel(l.uri) === `${FOLDER}proxy-restart.md` && l.range.start.line === 9) ? true : undefined;
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Closing re-reads the note from disk (asynchronously): the mention is gone from the index.
    await until('the closed note is back to its disk text', async () => {
      const after = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'last_ack')) ?? [];
      return after.some((s) => rel(s.location.uri) === `${FOLDER}proxy-restart.md`) ? undefined : true;
    });
  });

  test('Go to Symbol in Workspace lists evidence blocks and headings carrying the state, with counts', async () => {
    await ready();
    const query = async () => {
      const symbols = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'fin-wait-2')) ?? [];
      return symbols.filter((s) => rel(s.location.uri).startsWith(FOLDER)).map((s) => `${rel(s.location.uri).slice(FOLDER.length)}:${s.location.range.start.line} ${s.name} | ${s.containerName}`);
    };
    // Notes written and removed by earlier suites leave the index through the file watcher, asynchronously.
    const proxyBlock = 'proxy-restart.md:6 FIN-WAIT-2 ×1 (evidence block) | FIN-WAIT-2: 1 socket · proxy-restart.md';
    await until('the fixture notes back in the first 500 symbols', async () => ((await query()).includes(proxyBlock) ? true : undefined), 20_000, 200).catch(() => undefined);
    const mine = await query();
    assert.ok(mine.includes('lb-drain.md:6 FIN-WAIT-2 ×3 (evidence block) | FIN-WAIT-2: 3 sockets · lb-drain.md'), mine.join('\n'));
    assert.ok(mine.includes('proxy-restart.md:6 FIN-WAIT-2 ×1 (evidence block) | FIN-WAIT-2: 1 socket · proxy-restart.md'), mine.join('\n'));
    assert.ok(mine.includes('lb-drain.md:4 2026-02-03 10:15 fin-wait-2 count | FIN-WAIT-2: 4 mentions · lb-drain.md'), mine.join('\n'));
    assert.ok(!mine.some((m) => m.startsWith('no-tcp.md')));
    const sysctl = (await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'tcp_fin_timeout')) ?? [];
    assert.ok(sysctl.some((s) => rel(s.location.uri) === `${FOLDER}lb-drain.md`), 'a heading whose section mentions the sysctl');
  });

  test('the TCP Evidence view: notes → blocks → states, sorted and filtered, opening a block and the diagram', async () => {
    await ready();
    let dump = await tree();
    assert.equal(dump.options.sort, 'count');
    const drain = ours(dump.items).find((i) => i.label === `${FOLDER}lb-drain.md`);
    assert.ok(drain, 'the note is in the tree');
    assert.equal(drain.description, 'FIN-WAIT-2 3 · 1 block · 2026-02-03T10:15:00');
    assert.deepEqual(
      drain.children.map((b) => [b.label, b.description, b.command]),
      [['Line 7', 'FIN-WAIT-2 3 · ESTABLISHED 1 · 2026-02-03T10:15:00', 'tcpStateNotes.evidence.openBlock']],
    );
    assert.deepEqual(
      drain.children[0]?.children.map((s) => [s.label, s.description, s.command]),
      [
        ['FIN-WAIT-2', '3', 'tcpStateNotes.evidence.openDiagram'],
        ['ESTABLISHED', '1', 'tcpStateNotes.evidence.openDiagram'],
      ],
    );
    assert.ok(!ours(dump.items).some((i) => i.label.endsWith('no-tcp.md')), 'a note without evidence is not listed');

    await vscode.commands.executeCommand('tcpStateNotes.evidence.filterByState', 'CLOSE-WAIT');
    dump = await tree();
    assert.equal(dump.options.state, 'CLOSE-WAIT');
    assert.equal(dump.message, 'Showing CLOSE-WAIT only.');
    assert.deepEqual(ours(dump.items).map((i) => [i.label, i.description]), [[`${FOLDER}proxy-restart.md`, 'CLOSE-WAIT 1 · 1 block · 2026-02-05T08:00:00']]);
    assert.deepEqual(ours(dump.items)[0]?.children[0]?.children.map((s) => s.label), ['CLOSE-WAIT']);
    await vscode.commands.executeCommand('tcpStateNotes.evidence.clearFilter');

    await vscode.commands.executeCommand('tcpStateNotes.evidence.sortByTime');
    dump = await tree();
    const order = ours(dump.items).map((i) => i.label);
    assert.deepEqual(order, [`${FOLDER}proxy-restart.md`, `${FOLDER}lb-drain.md`], 'latest sample first');

    const block = drain.children[0];
    assert.ok(block);
    await vscode.commands.executeCommand('tcpStateNotes.evidence.openBlock', block.node);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor && rel(editor.document.uri), `${FOLDER}lb-drain.md`);
    assert.equal(editor?.selection.active.line, 6);
    const state = block.children[0];
    assert.ok(state);
    await vscode.commands.executeCommand('tcpStateNotes.evidence.openDiagram', state.node);
    await until('the diagram opened', async () => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      return tabs.some((t) => t.input instanceof vscode.TabInputWebview && /stateDiagram/.test(t.input.viewType)) ? true : undefined;
    });
    assert.ok(workspaceUri('fixtures', 'workspace-index'));
  });
});

suite('Workspace index: folders deleted, moved and renamed', () => {
  const NOTE = '# Scratch\n\n```\n$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\nFIN-WAIT-1 0 1200 10.0.0.1:443 10.0.0.9:5001\n```\n';
  const ROOT = 'scratch-folder-events';
  const root = (): vscode.Uri => workspaceUri(ROOT);
  const at = (...parts: string[]): vscode.Uri => vscode.Uri.joinPath(root(), ...parts);
  /** The indexed notes under ROOT (the tree lists every note with an evidence block). */
  const indexed = async (): Promise<string> =>
    (await tree()).items
      .map((i) => (i.node.note ? rel(vscode.Uri.parse(i.node.note.key)) : ''))
      .filter((p) => p.startsWith(`${ROOT}/`))
      .sort()
      .join(' ');
  const expect = (what: string, want: string) => until(what, async () => ((await indexed()) === want ? true : undefined), 20_000, 100);
  const remove = () => vscode.workspace.fs.delete(root(), { recursive: true, useTrash: false }).then(undefined, () => undefined);

  suiteTeardown(remove);

  test('a folder moved on disk, renamed by a workspace edit, then deleted: the index follows its notes', async () => {
    await ready();
    await remove();
    await vscode.workspace.fs.createDirectory(at('a', 'deep'));
    await vscode.workspace.fs.writeFile(at('a', 'one.md'), new TextEncoder().encode(NOTE));
    await vscode.workspace.fs.writeFile(at('a', 'deep', 'two.md'), new TextEncoder().encode(NOTE));
    await expect('the new notes indexed', `${ROOT}/a/deep/two.md ${ROOT}/a/one.md`);
    // On disk (as `mv` or a checkout does): the watchers see the folder deleted here and created there.
    await vscode.workspace.fs.rename(at('a'), at('b'));
    await expect('the notes under their new folder, none under the old', `${ROOT}/b/deep/two.md ${ROOT}/b/one.md`);
    // Through a workspace edit (as the Explorer does): onDidRenameFiles names the folder.
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(at('b'), at('c'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await expect('the notes follow the rename', `${ROOT}/c/deep/two.md ${ROOT}/c/one.md`);
    // Deleted as the Explorer deletes (on disk, the move above already took `a` out through the watchers).
    const gone = new vscode.WorkspaceEdit();
    gone.deleteFile(at('c'), { recursive: true });
    assert.ok(await vscode.workspace.applyEdit(gone));
    await expect('a deleted folder takes its notes out of the index', '');
  });
});

suite('Workspace index: search.exclude, cancel and rebuild', () => {
  /** The indexed notes under the fixture folder (the tree lists every note with an evidence block). */
  const fixtureNotes = async (): Promise<number> => (await tree()).items.filter((i) => i.node.note && rel(vscode.Uri.parse(i.node.note.key)).startsWith(FOLDER)).length;

  test('a folder in search.exclude leaves the index, and comes back when the setting does', async () => {
    await ready();
    const before = await fixtureNotes();
    assert.ok(before >= 2, `${before} fixture notes with evidence`);
    // Set for the workspace folder (in a multi-root workspace each folder's own setting applies to its notes).
    const folder = (vscode.workspace.workspaceFolders ?? [])[0];
    assert.ok(folder);
    const search = vscode.workspace.getConfiguration('search', folder.uri);
    await search.update('exclude', { '**/workspace-index': true }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      await until('the excluded notes gone', async () => ((await ready()).state === 'ready' && (await fixtureNotes()) === 0 ? true : undefined), 20_000, 100);
    } finally {
      await search.update('exclude', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await until('the notes back', async () => ((await ready()).state === 'ready' && (await fixtureNotes()) === before ? true : undefined), 20_000, 100);
  });

  test('Cancel stops a build (state cancelled, the status bar offers a rebuild); Rebuild indexes again', async () => {
    await ready();
    // Both commands are dispatched before the build's file search can answer.
    await Promise.all([vscode.commands.executeCommand('tcpStateNotes.rebuildWorkspaceIndex'), vscode.commands.executeCommand('tcpStateNotes.cancelWorkspaceIndex')]);
    const cancelled = await ready();
    assert.equal(cancelled.state, 'cancelled');
    await vscode.commands.executeCommand('tcpStateNotes.rebuildWorkspaceIndex');
    const again = await ready();
    assert.equal(again.state, 'ready');
    assert.ok(again.notes >= 3, `indexed ${again.notes} notes`);
  });
});
