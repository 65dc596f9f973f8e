/**
 * The language server's workspace features at the protocol level: the built `tcp-state-notes lsp --stdio`
 * driven by vscode-languageserver-protocol's client over stdio, on a temporary folder of notes (one with
 * Chinese text, one never opened, one .gitignored, one in a hidden folder). References and workspace symbols
 * are compared with the core workspace index and its texts run in this process on the notes the walker keeps.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  FileChangeType,
  ReferencesRequest,
  WorkspaceSymbolRequest,
  type Location,
  type SymbolInformation,
} from 'vscode-languageserver-protocol/node';
import { WorkspaceIndex } from '../../src/core/workspace/index';
import { referenceLocations, workspaceSymbolDetail, workspaceSymbolName } from '../../src/core/workspace/present';
import type { Lang } from '../../src/core/catalogue/types';
import { startLsp, type LspSession } from '../support/lsp';
import { until } from '../support/until';

const A = [
  '# 事故：FIN-WAIT-1 太多',
  '',
  '😀 连接卡在FIN_WAIT1。tcp_max_orphans 设为 65536。',
  '',
  '```',
  'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5002',
  'ESTAB      0      0      10.0.0.1:443       10.0.0.3:5003',
  '```',
  '',
].join('\n');
const B = ['## tcp_max_orphans 调优', '', 'Later the fin_wait_1 count fell; net.ipv4.tcp_max_orphans stayed at 65536.', ''].join('\n');
const IGNORED = 'FIN-WAIT-1 in a note .gitignore excludes; tcp_max_orphans too.\n';

let dir = '';
const uri = (rel: string) => pathToFileURL(join(dir, rel)).href;

/** What the server must answer: the core index over the notes the walker keeps (and open edits). */
function coreIndex(notes: Readonly<Record<string, string>>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const [rel, text] of Object.entries(notes)) index.set(uri(rel), text);
  return index;
}

function sortLocations(list: readonly Location[]): Location[] {
  return [...list].sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : x.range.start.line - y.range.start.line || x.range.start.character - y.range.start.character));
}

function expectedReferences(index: WorkspaceIndex, id: string): Location[] {
  return sortLocations(
    referenceLocations(index.references(id)).map((r) => ({ uri: r.key, range: { start: { line: r.line, character: r.character }, end: { line: r.line, character: r.character + r.length } } })),
  );
}

function expectedSymbols(index: WorkspaceIndex, query: string, lang: Lang): { name: string; containerName: string; uri: string; line: number }[] {
  return index.symbols(query).map((s) => ({ name: workspaceSymbolName(s, lang), containerName: `${workspaceSymbolDetail(s, lang)} · ${s.key.slice(s.key.lastIndexOf('/') + 1)}`, uri: s.key, line: s.line }));
}

async function references(lsp: LspSession, rel: string, line: number, character: number): Promise<Location[]> {
  const found = await lsp.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uri(rel) }, position: { line, character }, context: { includeDeclaration: true } });
  return sortLocations(found ?? []);
}

async function symbols(lsp: LspSession, query: string): Promise<{ name: string; containerName: string; uri: string; line: number }[]> {
  const found = ((await lsp.connection.sendRequest(WorkspaceSymbolRequest.type, { query })) ?? []) as SymbolInformation[];
  return found.map((s) => ({ name: s.name, containerName: s.containerName ?? '', uri: s.location.uri, line: s.location.range.start.line }));
}

describe('tcp-state-notes lsp --stdio: workspace symbols and references', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsn-lspws-'));
    writeFileSync(join(dir, 'a.md'), A);
    writeFileSync(join(dir, 'b.markdown'), B);
    writeFileSync(join(dir, '.gitignore'), 'scratch/\n');
    mkdirSync(join(dir, 'scratch'));
    writeFileSync(join(dir, 'scratch', 'ignored.md'), IGNORED);
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, '.hidden', 'h.md'), IGNORED);
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'n.md'), IGNORED);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('references of a state in any spelling across notes, the unopened one included, the .gitignored one not', async () => {
    const lsp = await startLsp({ workspaceFolders: [pathToFileURL(dir).href] });
    try {
      await lsp.open(uri('a.md'), A);
      // On FIN_WAIT1 glued to Chinese text after an astral character: line 2, UTF-16 character 7 (😀 is two units).
      const found = await references(lsp, 'a.md', 2, 9);
      assert.deepEqual(found, expectedReferences(coreIndex({ 'a.md': A, 'b.markdown': B }), 'FIN-WAIT-1'));
      assert.ok(found.some((l) => l.uri === uri('a.md') && l.range.start.line === 2 && l.range.start.character === 7 && l.range.end.character === 16), JSON.stringify(found));
      assert.ok(found.some((l) => l.uri === uri('b.markdown')), 'the note never opened is found from the disk');
      assert.equal(found.filter((l) => l.uri === uri('a.md')).length, 5, 'heading, prose and three ss rows');
      assert.ok(!found.some((l) => /scratch|hidden|node_modules/.test(l.uri)), JSON.stringify(found));
      // The same set from another spelling in another place (the ss row).
      assert.deepEqual(await references(lsp, 'a.md', 6, 3), found);
      assert.equal(await lsp.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: uri('a.md') }, position: { line: 1, character: 0 }, context: { includeDeclaration: true } }), null, 'nothing under the cursor');
    } finally {
      assert.equal(await lsp.close(), 0);
    }
  });

  test('an open note\'s unsaved edit wins over the disk until it is closed', async () => {
    const lsp = await startLsp({ workspaceFolders: [pathToFileURL(dir).href] });
    try {
      const edited = `FIN-WAIT-1 first.\n${B}`;
      await lsp.open(uri('b.markdown'), edited);
      await lsp.open(uri('a.md'), A);
      let found = await references(lsp, 'a.md', 2, 9);
      assert.deepEqual(found, expectedReferences(coreIndex({ 'a.md': A, 'b.markdown': edited }), 'FIN-WAIT-1'));
      assert.ok(found.some((l) => l.uri === uri('b.markdown') && l.range.start.line === 0), 'the unsaved line');
      // An incremental edit: the new line is replaced by Chinese text without a state.
      await lsp.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: uri('b.markdown'), version: 2 },
        contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } }, text: '没有状态。' }],
      });
      found = await references(lsp, 'a.md', 2, 9);
      assert.deepEqual(found, expectedReferences(coreIndex({ 'a.md': A, 'b.markdown': `没有状态。\n${B}` }), 'FIN-WAIT-1'));
      assert.ok(found.some((l) => l.uri === uri('b.markdown') && l.range.start.line === 3), 'the disk text moved down a line');
      // Closed without saving: back to the disk.
      await lsp.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uri('b.markdown') } });
      const onDisk = expectedReferences(coreIndex({ 'a.md': A, 'b.markdown': B }), 'FIN-WAIT-1');
      await until('b.markdown read from the disk again', async () => JSON.stringify(await references(lsp, 'a.md', 2, 9)) === JSON.stringify(onDisk), 10_000, 20);
    } finally {
      assert.equal(await lsp.close(), 0);
    }
  });

  test('workspace symbols: fin-wait-1 and tcp_max_orphans with their counts, in English and Chinese', async () => {
    const notes = coreIndex({ 'a.md': A, 'b.markdown': B });
    for (const [locale, lang] of [['en', 'en'], ['zh-CN', 'zh-cn']] as const) {
      const lsp = await startLsp({ workspaceFolders: [pathToFileURL(dir).href], locale });
      try {
        const fin = await symbols(lsp, 'fin-wait-1');
        assert.deepEqual(fin, expectedSymbols(notes, 'fin-wait-1', lang));
        const block = fin.find((s) => s.line === 4);
        assert.ok(block, JSON.stringify(fin));
        assert.equal(block.uri, uri('a.md'));
        assert.equal(block.name, lang === 'en' ? 'FIN-WAIT-1 ×3 (evidence block)' : 'FIN-WAIT-1 ×3（证据块）');
        assert.equal(block.containerName, lang === 'en' ? 'FIN-WAIT-1: 3 sockets · a.md' : 'FIN-WAIT-1：3 个套接字 · a.md');
        assert.ok(fin.some((s) => s.line === 0 && s.name === '事故：FIN-WAIT-1 太多'), 'the heading, by its title');
        const orphans = await symbols(lsp, 'tcp_max_orphans');
        assert.deepEqual(orphans, expectedSymbols(notes, 'tcp_max_orphans', lang));
        const heading = orphans.find((s) => s.uri === uri('b.markdown'));
        assert.ok(heading, JSON.stringify(orphans));
        assert.equal(heading.name, 'tcp_max_orphans 调优');
        // The heading's section mentions it twice (the heading and the prose), by its canonical sysctl name.
        assert.equal(heading.containerName, lang === 'en' ? 'net.ipv4.tcp_max_orphans: 2 mentions · b.markdown' : 'net.ipv4.tcp_max_orphans：提及 2 次 · b.markdown');
        assert.ok(![...fin, ...orphans].some((s) => /scratch|hidden|node_modules/.test(s.uri)), 'ignored notes are not indexed');
        assert.deepEqual(await symbols(lsp, 'zzzz-not-a-state'), []);
      } finally {
        assert.equal(await lsp.close(), 0);
      }
    }
  });

  test('didChangeWorkspaceFolders: an added folder is walked and indexed, a removed one leaves the index (its open note stays)', async () => {
    const other = mkdtempSync(join(tmpdir(), 'tsn-lspws2-'));
    const D = 'FIN-WAIT-1 in another folder; tcp_max_orphans too.\n';
    writeFileSync(join(other, 'd.md'), D);
    const lsp = await startLsp({ workspaceFolders: [pathToFileURL(dir).href], capabilities: { workspace: { workspaceFolders: true } } });
    const d = pathToFileURL(join(other, 'd.md')).href;
    const change = (added: string[], removed: string[]) =>
      lsp.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
        event: { added: added.map((f) => ({ uri: pathToFileURL(f).href, name: f })), removed: removed.map((f) => ({ uri: pathToFileURL(f).href, name: f })) },
      });
    try {
      assert.deepEqual(lsp.initialized.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
      await lsp.open(uri('a.md'), A);
      const before = await references(lsp, 'a.md', 2, 9);
      await change([other], []);
      await until('d.md indexed', async () => (await references(lsp, 'a.md', 2, 9)).some((l) => l.uri === d), 10_000, 20);
      const index = coreIndex({ 'a.md': A, 'b.markdown': B });
      index.set(d, D);
      assert.deepEqual(await references(lsp, 'a.md', 2, 9), expectedReferences(index, 'FIN-WAIT-1'));
      await change([], [other]);
      await until('d.md dropped', async () => JSON.stringify(await references(lsp, 'a.md', 2, 9)) === JSON.stringify(before), 10_000, 20);
      // The first folder removed: its notes go, except the open one.
      await change([], [dir]);
      await until('b.markdown dropped', async () => !(await references(lsp, 'a.md', 2, 9)).some((l) => l.uri === uri('b.markdown')), 10_000, 20);
      const left = await references(lsp, 'a.md', 2, 9);
      assert.deepEqual(left, expectedReferences(coreIndex({ 'a.md': A }), 'FIN-WAIT-1'));
    } finally {
      rmSync(other, { recursive: true, force: true });
      assert.equal(await lsp.close(), 0);
    }
  });

  test('didChangeWatchedFiles: registered when the client can, a new note indexed, a deleted one dropped', async () => {
    const registrations: string[] = [];
    const lsp = await startLsp({ workspaceFolders: [pathToFileURL(dir).href], capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    lsp.connection.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
      registrations.push(...p.registrations.map((r) => r.method));
      return null;
    });
    const c = join(dir, 'c.md');
    try {
      await until('the watcher registration', () => registrations.includes('workspace/didChangeWatchedFiles'), 10_000, 20);
      await lsp.open(uri('a.md'), A);
      const before = await references(lsp, 'a.md', 2, 9);
      writeFileSync(c, 'tcp_max_orphans and FIN-WAIT-1 in a new note.\n');
      await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('c.md'), type: FileChangeType.Created }] });
      await until('c.md indexed', async () => (await references(lsp, 'a.md', 2, 9)).some((l) => l.uri === uri('c.md') && l.range.start.character === 20), 10_000, 20);
      // A created .gitignored note stays out.
      writeFileSync(join(dir, 'scratch', 'late.md'), IGNORED);
      await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('scratch/late.md'), type: FileChangeType.Created }] });
      unlinkSync(c);
      await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('c.md'), type: FileChangeType.Deleted }] });
      await until('c.md dropped', async () => JSON.stringify(await references(lsp, 'a.md', 2, 9)) === JSON.stringify(before), 10_000, 20);
    } finally {
      rmSync(c, { force: true });
      rmSync(join(dir, 'scratch', 'late.md'), { force: true });
      assert.equal(await lsp.close(), 0);
    }
  });
});
