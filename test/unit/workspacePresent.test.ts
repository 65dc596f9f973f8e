/**
 * The shared presentation of workspace answers (core/workspace/present.ts) that the VS Code providers and the
 * language server both use, and the CLI walker's single-file check (walkKeeps) the language server applies
 * to watched files: it must agree with what walk lists; and walkSteps, the same walk a folder at a time.
 */
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walk, walkKeeps, walkSteps } from '../../src/cli/inputs';
import { WorkspaceIndex } from '../../src/core/workspace/index';
import { MAX_REFERENCES, mentionAt, referenceLocations, workspaceSymbolDetail, workspaceSymbolName } from '../../src/core/workspace/present';

describe('core/workspace/present', () => {
  test('mentionAt: the canonical id under the cursor, by UTF-16 character, at either end of the mention', () => {
    const line = '😀 连接卡在FIN_WAIT1。tcp_max_orphans 低';
    assert.equal(mentionAt(line, 7)?.id, 'FIN-WAIT-1');
    assert.equal(mentionAt(line, 16)?.id, 'FIN-WAIT-1', 'the end of a mention glued to 。');
    assert.equal(mentionAt(line, line.indexOf('tcp_max') + 3)?.id, 'net.ipv4.tcp_max_orphans');
    assert.equal(mentionAt(line, 3)?.id, undefined);
    assert.equal(mentionAt('', 0)?.id, undefined);
    const long = `${'x'.repeat(2000)} TIME_WAIT`;
    assert.equal(mentionAt(long, 2003)?.id, 'TIME-WAIT', 'far into a long line');
    assert.deepEqual(mentionAt('iptables -m state --state ESTABLISHED,RELATED', 30), { id: 'ESTABLISHED', kind: 'conntrack' }, 'a netfilter state keeps its kind');
    assert.equal(mentionAt('ESTABLISHED 0 0', 3)?.kind, 'state');
  });

  test('referenceLocations: one location per packed row', () => {
    const index = new WorkspaceIndex();
    index.set('k1', 'FIN_WAIT1 and fin-wait-1\n\n  FIN-WAIT-1');
    index.set('k2', 'nothing');
    assert.deepEqual(referenceLocations(index.references('FIN-WAIT-1')), [
      { key: 'k1', line: 0, character: 0, length: 9 },
      { key: 'k1', line: 0, character: 14, length: 10 },
      { key: 'k1', line: 2, character: 2, length: 10 },
    ]);
    assert.deepEqual(referenceLocations([]), []);
  });

  test('referenceLocations: at most the limit, the asking note first (audit s14 D1: millions of mentions stalled the server)', () => {
    const index = new WorkspaceIndex();
    for (let i = 0; i < 30; i++) index.set(`k${i}`, 'FIN_WAIT1 '.repeat(10));
    assert.equal(referenceLocations(index.references('FIN-WAIT-1')).length, 300);
    const cut = referenceLocations(index.references('FIN-WAIT-1'), 'k17', 25);
    assert.equal(cut.length, 25);
    assert.deepEqual(cut.slice(0, 10).map((r) => r.key), Array(10).fill('k17'));
    assert.ok(cut.slice(10).every((r) => r.key !== 'k17'));
    assert.equal(MAX_REFERENCES, 10_000);
    // Over the default limit.
    const big = new WorkspaceIndex();
    for (let i = 0; i < 6; i++) big.set(`b${i}`, 'TIME_WAIT\n'.repeat(2000));
    assert.equal(referenceLocations(big.references('TIME-WAIT')).length, MAX_REFERENCES);
  });

  test('symbol names and details in both languages, counts formatted once', () => {
    const base = { key: 'k', line: 0, endLine: 3, id: 'FIN-WAIT-1', idKind: 'state' as const };
    const block = { ...base, kind: 'block' as const, count: 12345, unit: 'sockets' as const };
    assert.equal(workspaceSymbolName(block, 'en'), 'FIN-WAIT-1 ×12,345 (evidence block)');
    assert.equal(workspaceSymbolName(block, 'zh-cn'), 'FIN-WAIT-1 ×12,345（证据块）');
    assert.equal(workspaceSymbolDetail(block, 'en'), 'FIN-WAIT-1: 12,345 sockets');
    assert.equal(workspaceSymbolDetail(block, 'zh-cn'), 'FIN-WAIT-1：12,345 个套接字');
    const heading = { ...base, kind: 'heading' as const, count: 2, unit: 'mentions' as const, title: 'Incident {n}' };
    assert.equal(workspaceSymbolName(heading, 'en'), 'Incident {n}', 'a title is never a template');
    assert.equal(workspaceSymbolDetail(heading, 'zh-cn'), 'FIN-WAIT-1：提及 2 次');
    assert.equal(workspaceSymbolName({ ...heading, title: '' }, 'en'), 'FIN-WAIT-1');
    assert.equal(workspaceSymbolDetail({ ...heading, count: 1 }, 'en'), 'FIN-WAIT-1: 1 mention');
    assert.equal(workspaceSymbolDetail({ ...block, count: 1 }, 'en'), 'FIN-WAIT-1: 1 socket');
    assert.equal(workspaceSymbolDetail({ ...heading, count: 1 }, 'zh-cn'), 'FIN-WAIT-1：提及 1 次');
  });
});

describe('cli/inputs walkKeeps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsn-walkkeeps-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('agrees with walk on every file of a tree with nested .gitignore files, hidden folders and node_modules', () => {
    const files = ['a.md', 'skip.md', 'keep/b.md', 'keep/deep/c.md', 'keep/deep/drop.md', 'out/d.md', '.hidden/e.md', 'node_modules/f.md', 'keep/.git/g.md'];
    for (const f of files) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    writeFileSync(join(dir, '.gitignore'), 'skip.md\nout/\n');
    writeFileSync(join(dir, 'keep', 'deep', '.gitignore'), 'drop.md\n');
    const listed = walk(dir, (rel) => rel.endsWith('.md'));
    assert.deepEqual(listed, ['a.md', 'keep/b.md', 'keep/deep/c.md']);
    for (const f of files) assert.equal(walkKeeps(dir, f), listed.includes(f), f);
  });

  test('walkSteps: the same files in the same order, one step per folder read, and it stops when the caller stops', () => {
    for (const f of ['z/1.md', 'z/y/2.md', 'm.md', 'z/x/3.md']) {
      mkdirSync(join(dir, f, '..'), { recursive: true });
      writeFileSync(join(dir, f), '');
    }
    const keep = (rel: string) => rel.endsWith('.md');
    const steps = [...walkSteps(dir, keep)];
    assert.deepEqual(steps.flat(), walk(dir, keep));
    // Folders read: the root, keep, keep/deep, z, z/x, z/y (out/ is ignored; hidden folders and node_modules skipped).
    assert.ok(steps.length >= 6, `${steps.length} steps`);
    assert.ok(steps.every((s) => s.length <= 2), JSON.stringify(steps));
    const first: string[][] = [];
    for (const s of walkSteps(dir, keep)) {
      first.push(s);
      if (first.length === 2) break;
    }
    assert.deepEqual(first, steps.slice(0, 2));
  });
});
