/**
 * The workspace index built in worker threads (src/core/workspace/remote.ts): the catalogue's ids have the
 * same codes in every table, a worker's entry is the entry this thread would build, an index filled with
 * workers' entries answers as one built here, and a worker that fails or answers something unusable costs
 * nothing but the work (the job settles as undefined, the caller indexes the note itself). Runs the built
 * worker bundle (dist/node/analysisWorker.js: `node scripts/build.mjs` first).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNote } from '../../bench/generate';
import type { WorkerPort } from '../../src/core/note/workerPool';
import { findMentions } from '../../src/core/note/recognize';
import { WorkspaceIndex } from '../../src/core/workspace/index';
import { IdTable } from '../../src/core/workspace/names';
import { indexNote } from '../../src/core/workspace/note';
import { acceptEntry, answerIndexRequest, IndexPool, isIndexRequest, type IndexRequest } from '../../src/core/workspace/remote';
import { nodeWorkerPort } from '../../src/node/workerThreads';
import { alive } from '../support/alive';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'dist', 'node', 'analysisWorker.js');

/** Every Markdown fixture of the repository and the seed note: real notes, hostile ones, every evidence format. */
function fixtureNotes(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push({ name: p.slice(ROOT.length + 1), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(ROOT, 'test', 'fixtures'));
  walk(join(ROOT, 'examples'));
  out.push({ name: 'seed-note.md', text: readFileSync(join(ROOT, '..', 'shared', 'seed-note.md'), 'utf8') });
  return out;
}


/** A worker double: answers each request with `answer(request)` in a later turn, or fails. */
function fakePort(answer: (data: IndexRequest) => unknown, fail = false): WorkerPort<unknown> & { terminated: boolean } {
  let onMessage: (d: unknown) => void = () => undefined;
  let onFailure: (e: Error) => void = () => undefined;
  const port = {
    terminated: false,
    post: (r: unknown) => {
      assert.ok(isIndexRequest(r));
      setImmediate(() => (fail ? onFailure(new Error('worker died')) : onMessage(answer(r))));
    },
    listen: (m: (d: unknown) => void, f: (e: Error) => void) => {
      onMessage = m;
      onFailure = f;
    },
    terminate: () => void (port.terminated = true),
  };
  return port;
}

describe('core/workspace/remote', () => {
  test('every table gives the catalogue ids the same codes, and no note adds one', () => {
    const a = new IdTable();
    const b = new IdTable();
    assert.equal(a.seed, b.seed);
    assert.ok(a.seedSize > 80, `${a.seedSize} catalogue ids`);
    const notes = [...fixtureNotes(), ...Array.from({ length: 40 }, (_, i) => ({ name: `generated ${i}`, text: generateNote(8000 + 500 * i, i + 1) }))];
    for (const { name, text } of notes) {
      indexNote(text, a);
      assert.equal(a.size, a.seedSize, `${name}: an id outside the catalogue`);
      for (const m of findMentions(text)) {
        const code = a.find(m.id, m.kind);
        assert.notEqual(code, undefined, `${name}: ${m.kind} ${m.id}`);
        assert.equal(a.kind(code as number), m.kind, `${name}: ${m.id}'s kind`);
      }
    }
  });

  test('a worker thread answers with the entry this thread builds, and an index of such entries answers as one built here', async () => {
    const here = new WorkspaceIndex();
    const there = new WorkspaceIndex();
    const pool = new IndexPool(() => nodeWorkerPort(SCRIPT), 2, there.table);
    try {
      const notes = [...fixtureNotes(), ...Array.from({ length: 30 }, (_, i) => ({ name: `generated-${i}.md`, text: generateNote(4000 + 700 * i, 100 + i) }))];
      const entries = await alive(Promise.all(notes.map((n) => pool.index(n.text))));
      assert.ok(pool.pending === 0);
      notes.forEach((n, i) => {
        const mine = here.set(n.name, n.text);
        const theirs = entries[i];
        assert.ok(theirs, `${n.name}: a worker's entry`);
        assert.deepEqual(theirs, mine, `${n.name}: the same entry`);
        there.setEntry(n.name, theirs);
      });
      for (const q of ['FIN-WAIT-1', 'time_wait', 'tcp_max_orphans', 'close-wait', 'TCPAbortOnMemory', 'estab', 'orphan']) {
        const order = (refs: ReturnType<WorkspaceIndex['references']>) => [...refs].sort((x, y) => x.key.localeCompare(y.key)).map((r) => [r.key, [...r.rows]]);
        assert.deepEqual(order(there.references(q)), order(here.references(q)), `references ${q}`);
        assert.deepEqual(there.symbols(q), here.symbols(q), `symbols ${q}`);
      }
      assert.deepEqual(there.stats(), here.stats());
    } finally {
      pool.dispose();
    }
  });

  test('an answer from another catalogue, with a code outside the catalogue or a wrong shape is refused', () => {
    const table = new IdTable();
    const text = generateNote(6000, 9);
    const answer = answerIndexRequest({ indexJob: 1, texts: [text, 'FIN-WAIT-1'] });
    assert.equal(answer.entries.length, 2, 'one entry per text');
    const entry = answer.entries[0];
    assert.ok(entry);
    assert.ok(acceptEntry(answer, entry, table), 'a good answer');
    assert.deepEqual(answer.entries[1], indexNote('FIN-WAIT-1', new IdTable()));
    assert.equal(acceptEntry({ seed: 'other' }, entry, table), undefined, 'another catalogue');
    const outside = new Uint16Array(entry.ids);
    outside[0] = table.seedSize;
    assert.equal(acceptEntry(answer, { ...entry, ids: outside }, table), undefined, 'a code outside the catalogue');
    const block = entry.blocks[0];
    assert.ok(block);
    const values = new Uint32Array(block.values);
    values[0] = 60000;
    assert.equal(acceptEntry(answer, { ...entry, blocks: [{ ...block, values }] }, table), undefined, "a block's code outside the catalogue");
    assert.equal(acceptEntry(answer, { ...entry, rows: Array.from(entry.rows) as unknown as Uint32Array }, table), undefined, 'rows of the wrong type');
    assert.equal(acceptEntry(answer, { ...entry, rows: entry.rows.subarray(3) }, table), undefined, 'rows of the wrong length');
    assert.equal(acceptEntry(answer, null, table), undefined, 'no entry');
    assert.equal(acceptEntry(answer, 'text' as never, table), undefined, 'not an entry');
  });

  test('a failing worker, a host without workers and a disposed pool settle every job as undefined', async () => {
    const table = new IdTable();
    let spawned = 0;
    const dying = new IndexPool(() => (spawned++, fakePort(() => undefined, true)), 2, table);
    const jobs = await Promise.all(Array.from({ length: 10 }, () => dying.index('FIN-WAIT-1')));
    assert.deepEqual(jobs, new Array(10).fill(undefined));
    assert.equal(dying.usable, false, 'it stops starting workers');
    assert.ok(spawned >= 3 && spawned <= 4, `${spawned} started: after the third failure none is (one more may have started while two ran)`);

    const none = new IndexPool(() => {
      throw new Error('no workers here');
    }, 2, table);
    assert.equal(await none.index('FIN-WAIT-1'), undefined);
    assert.equal(none.usable, false);

    const ports: ReturnType<typeof fakePort>[] = [];
    const silent = new IndexPool(() => {
      const p = fakePort(() => ({ noise: true }));
      ports.push(p);
      return p;
    }, 1, table);
    const waiting = [silent.index('a'), silent.index('b')];
    await new Promise((r) => setImmediate(r));
    assert.equal(silent.pending, 2, 'an answer that is not one leaves the job running');
    silent.dispose();
    assert.deepEqual(await Promise.all(waiting), [undefined, undefined]);
    assert.ok(ports.every((p) => p.terminated), 'its workers are stopped');
    assert.equal(await silent.index('c'), undefined, 'a disposed pool takes no jobs');
  });

  test('a good worker answers one batch at a time and stays for the next; notes queued meanwhile go together', async () => {
    const table = new IdTable();
    let spawned = 0;
    let posted = 0;
    let notes = 0;
    let overlapped = false;
    const pool = new IndexPool(() => {
      spawned++;
      let outstanding = 0;
      const port = fakePort((r) => {
        outstanding--;
        return answerIndexRequest(r);
      });
      const post = port.post;
      port.post = (r) => {
        posted++;
        notes += (r as IndexRequest).texts.length;
        if (++outstanding > 1) overlapped = true;
        post(r);
      };
      return port;
    }, 2, table);
    const texts = Array.from({ length: 40 }, (_, i) => `FIN-WAIT-1 ${i}`);
    const got = await Promise.all(texts.map((t) => pool.index(t)));
    assert.equal(spawned, 2, 'at most `size` workers, kept between jobs');
    assert.equal(notes, 40);
    // The first note of each worker goes alone (the worker was idle); the rest queued meanwhile, in batches of 16.
    assert.equal(posted, 5, `${posted} messages for 40 notes`);
    assert.equal(overlapped, false, 'a worker has one batch at a time');
    assert.deepEqual(got, texts.map((t) => indexNote(t, new IdTable())));
  });
});

describe('the language server workspace with index workers', () => {
  test('a folder walk files the workers\' entries; a note opened during the walk keeps its open text', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { pathToFileURL } = await import('node:url');
    const { LspWorkspace } = await import('../../src/lsp/workspace');
    const { OpenNotes } = await import('../../src/lsp/notes');
    const dir = mkdtempSync(join(tmpdir(), 'tsn-lsp-workers-'));
    try {
      mkdirSync(join(dir, 'sub'));
      const notes: Record<string, string> = {};
      for (let i = 0; i < 40; i++) {
        const rel = i % 2 ? `sub/n${i}.md` : `n${i}.md`;
        notes[rel] = generateNote(3000 + 200 * i, 500 + i);
        writeFileSync(join(dir, rel), notes[rel] as string);
      }
      let spawned = 0;
      const open = new OpenNotes({ maxLength: () => 1 << 24 });
      const ws = new LspWorkspace(open, setImmediate, {
        spawn: () => {
          spawned++;
          return nodeWorkerPort(SCRIPT);
        },
        size: 2,
      });
      ws.start({ rootUri: pathToFileURL(dir).href });
      // Opened while the walk runs: the open text wins over the file and over a worker's late entry.
      const edited = 'FIN-WAIT-1 only, as typed in the editor\n';
      const openedKey = pathToFileURL(join(dir, 'n0.md')).href;
      open.open(openedKey, 'markdown', 1, edited);
      await alive(ws.whenBuilt());
      await alive(new Promise((r) => setTimeout(r, 30)));
      assert.ok(spawned > 0 && spawned <= 2, `${spawned} workers`);
      const expected = new WorkspaceIndex();
      for (const [rel, text] of Object.entries(notes)) expected.set(pathToFileURL(join(dir, rel)).href, rel === 'n0.md' ? edited : text);
      await ws.symbols('x', 'en'); // flushes the open note's pending indexing
      assert.equal(ws.index.size, 40);
      assert.deepEqual(ws.index.entry(openedKey), expected.entry(openedKey), 'the open text, not the file');
      for (const key of expected.keys()) assert.deepEqual(ws.index.entry(key), expected.entry(key), key);
      ws.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
