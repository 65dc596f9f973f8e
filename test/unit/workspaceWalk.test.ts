/**
 * The listing walk the workspace index uses where a file search cannot go (core/workspace/walk.ts): notes by
 * extension, excludes on relative paths, links to folders not followed, unreadable folders skipped, cancel and cap.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { excludeMatcher } from '../../src/core/workspace/exclude';
import { walkNotes, type EntryKind } from '../../src/core/workspace/walk';

/** A tree as paths: a trailing `/` is a folder, `@` a link to a folder, `!` a folder that cannot be listed. */
function fakeFs(paths: readonly string[]) {
  const listed: string[] = [];
  const list = async (dir: string): Promise<[string, EntryKind][]> => {
    listed.push(dir);
    if (paths.includes(`${dir}!`)) throw new Error('EACCES');
    const prefix = dir ? `${dir}/` : '';
    const out = new Map<string, EntryKind>();
    for (const p of paths) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length);
      const name = rest.split('/')[0] as string;
      if (!name) continue;
      const kind: EntryKind = name.endsWith('@') ? 'other' : name.endsWith('!') ? 'directory' : rest.includes('/') ? 'directory' : 'file';
      out.set(name.replace(/[@!]$/, ''), kind);
    }
    return [...out];
  };
  return { list, listed };
}

const TREE = [
  'README.md',
  'notes/incident.md',
  'notes/old.markdown',
  'notes/UPPER.MD',
  'notes/image.png',
  'notes/sub/deep.md',
  'node_modules/pkg/readme.md',
  '.git/x.md',
  'drafts/wip.md',
  'link@/',
  'locked!',
  'locked/secret.md',
];

describe('walkNotes', () => {
  test('finds .md/.markdown notes breadth first, name order, skipping what files.exclude / search.exclude hide', async () => {
    const { list } = fakeFs(TREE);
    const excluded = excludeMatcher({ '**/.git': true }, { '**/node_modules': true, drafts: true });
    assert.deepEqual(await walkNotes(list, { excluded }), ['README.md', 'notes/UPPER.MD', 'notes/incident.md', 'notes/old.markdown', 'notes/sub/deep.md']);
  });

  test('does not follow a link to a folder, skips a folder it cannot list, lists nothing excluded', async () => {
    const { list, listed } = fakeFs(TREE);
    const found = await walkNotes(list, { excluded: (p) => p === 'notes' });
    assert.deepEqual(found, ['README.md', '.git/x.md', 'drafts/wip.md', 'node_modules/pkg/readme.md']);
    assert.ok(!listed.includes('link'), 'the link is not listed');
    assert.ok(!listed.includes('notes'), 'an excluded folder is not listed');
    assert.ok(listed.includes('locked'), 'the unreadable folder was tried');
  });

  test('stops when cancelled and at maxNotes', async () => {
    const { list } = fakeFs(TREE);
    let calls = 0;
    assert.deepEqual(await walkNotes(list, { excluded: () => false, cancelled: () => ++calls > 1 }), ['README.md']);
    assert.deepEqual(await walkNotes(list, { excluded: () => false, maxNotes: 2 }), ['README.md', '.git/x.md']);
  });
});
