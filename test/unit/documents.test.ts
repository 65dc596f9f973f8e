/**
 * The per-document cache (core/note/documents.ts) with in-memory documents and a scheduler the test drives:
 * versions, pending edits and catch-up, background analysis in slices, the size limit, closed and reused URIs.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { NoteDocuments, type NoteDocumentsOptions } from '../../src/core/note/documents';
import { essence } from './propertyDocs';
import { MemoryDocument } from '../support/memoryDocument';


/** A scheduler the test runs by hand: each turn runs the work queued before it. */
class ManualScheduler {
  private queue: (() => void)[] = [];
  readonly schedule = (work: () => void): (() => void) => {
    this.queue.push(work);
    return () => {
      this.queue = this.queue.filter((w) => w !== work);
    };
  };
  get pending(): number {
    return this.queue.length;
  }
  turn(): void {
    const now = this.queue;
    this.queue = [];
    for (const w of now) w();
  }
  /** Turns until nothing is queued; returns how many turns it took. */
  drain(max = 100_000): number {
    let turns = 0;
    while (this.queue.length && turns < max) {
      this.turn();
      turns++;
    }
    return turns;
  }
}

const NOTE = '# Orphans\n\nFIN_WAIT1 -> FIN_WAIT2 on the LB.\n\n```\nState Recv-Q Send-Q\nFIN-WAIT-1 0 0 10.0.0.1:80 10.0.0.2:5000\n```\n\n- CLOSE_WAIT piles up\n';

/** A note of about `bytes` made of paragraphs and pasted `ss` output, so the background analysis takes several slices. */
function bigNote(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const part = i % 3 === 0 ? `## Host ${i}\n\nTIME_WAIT and CLOSE-WAIT seen on host ${i}.\n\n` : `\`\`\`\nState Recv-Q Send-Q\nFIN-WAIT-2 0 0 10.0.${i % 250}.1:443 10.1.0.2:${1000 + i}\nTIME-WAIT 0 0 10.0.0.1:443 10.1.0.3:${2000 + i}\n\`\`\`\n\n`;
    parts.push(part);
    n += part.length;
  }
  return parts.join('');
}

function cache(scheduler: ManualScheduler, extra: Partial<NoteDocumentsOptions<MemoryDocument>> = {}): NoteDocuments<MemoryDocument> {
  // A clock that advances 1 ms per reading: every slice ends after one step, so slicing is deterministic.
  let t = 0;
  return new NoteDocuments<MemoryDocument>({ schedule: scheduler.schedule, maxLength: () => 1024 * 1024, syncLimit: 4096, sliceMs: 1, now: () => t++, ...extra });
}

describe('note documents cache', () => {
  test('a small note is analysed on demand, once per version', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///a.md', NOTE);
    assert.equal(docs.info(doc).state, 'none');
    const first = docs.peek(doc);
    assert.ok(first);
    assert.deepEqual(essence(first), essence(analyzeNote(NOTE)));
    assert.equal(docs.peek(doc), first, 'the same version gives the cached model');
    assert.equal(docs.get(doc), first);
    assert.equal(docs.info(doc).state, 'ready');
    assert.equal(s.pending, 0, 'nothing runs in the background for a small note');
  });

  test('edits are recorded, and caught up when the model is asked for', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///a.md', NOTE);
    const before = docs.peek(doc);
    const at = NOTE.indexOf('CLOSE_WAIT');
    docs.edited(doc, [doc.edit(at, at + 'CLOSE_WAIT'.length, 'TIME_WAIT')]);
    docs.edited(doc, [doc.edit(0, 0, 'LAST_ACK\n\n')]);
    assert.equal(docs.info(doc).state, 'stale');
    const after = docs.peek(doc);
    assert.ok(after && after !== before);
    assert.deepEqual(essence(after), essence(analyzeNote(doc.getText())));
    assert.equal(after.text, doc.getText());
    assert.equal(docs.info(doc).state, 'ready');
    assert.ok(after.mentions.some((m) => m.id === 'LAST-ACK'));
    assert.ok(!after.mentions.some((m) => m.id === 'CLOSE-WAIT'));
  });

  test('a new version without a recorded edit is analysed again', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///a.md', NOTE);
    const before = docs.peek(doc);
    doc.edit(0, 0, 'SYN_SENT\n\n'); // the host never reported it
    const after = docs.peek(doc);
    assert.ok(after && after !== before);
    assert.deepEqual(essence(after), essence(analyzeNote(doc.getText())));
  });

  test('a large note is analysed in the background, one slice per scheduler turn', async () => {
    const s = new ManualScheduler();
    const analysed: string[] = [];
    const statuses: number[] = [];
    const docs = cache(s, { onAnalysed: (d) => analysed.push(d.uri), onStatus: () => statuses.push(1) });
    const text = bigNote(200 * 1024);
    const doc = new MemoryDocument('file:///big.md', text);
    assert.equal(docs.peek(doc), undefined, 'not ready at once');
    const info = docs.info(doc);
    assert.equal(info.state, 'analysing');
    assert.equal(info.progress, 0);
    // The hover's stand-in: the hovered line only, marked partial.
    const line = docs.forLine(doc, 'TIME_WAIT here', 0, 3);
    assert.equal(line.partial, true);
    assert.deepEqual(line.mentions.map((m) => m.id), ['TIME-WAIT']);
    const ready = docs.whenReady(doc);
    s.turn();
    const progress = docs.info(doc).progress ?? 0;
    assert.ok(progress > 0 && progress < 1, `progress after one slice: ${progress}`);
    const turns = s.drain();
    assert.ok(turns > 5, `the analysis took ${turns} more turns`);
    const model = await ready;
    assert.ok(model);
    assert.deepEqual(essence(model), essence(analyzeNote(text)));
    assert.deepEqual(analysed, ['file:///big.md']);
    assert.ok(statuses.length > 2, 'the status hears of the start, the progress and the end');
    assert.equal(docs.peek(doc), model);
    assert.equal(docs.info(doc).state, 'ready');
  });

  test('edits made during a background analysis are applied when it ends', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(100 * 1024));
    assert.equal(docs.peek(doc), undefined);
    s.turn();
    docs.edited(doc, [doc.edit(0, 0, 'SYN_RECV first\n\n')]);
    s.drain();
    const model = docs.peek(doc);
    assert.ok(model);
    assert.equal(model.text, doc.getText());
    assert.deepEqual(essence(model), essence(analyzeNote(doc.getText())));
  });

  test('a change the host never reported during a background analysis: the waiters get the new text\'s model', async () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(100 * 1024));
    const ready = docs.whenReady(doc);
    s.turn();
    doc.edit(0, 0, 'CLOSING first\n\n'); // no edited() call
    s.drain();
    const model = await ready;
    assert.ok(model);
    assert.equal(model.text, doc.getText());
    assert.deepEqual(essence(model), essence(analyzeNote(doc.getText())));
  });

  test('get() finishes a background analysis at once', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(100 * 1024));
    assert.equal(docs.peek(doc), undefined);
    const model = docs.get(doc);
    assert.deepEqual(essence(model), essence(analyzeNote(doc.getText())));
    assert.equal(s.pending, 0, 'the background work is cancelled');
    assert.equal(docs.info(doc).state, 'ready');
  });

  test('a huge paste into an analysed large note is re-analysed in the background', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(20 * 1024));
    docs.get(doc);
    const paste = bigNote(8 * 1024);
    docs.edited(doc, [doc.edit(doc.getText().length, doc.getText().length, paste)]);
    assert.equal(docs.peek(doc), undefined, 'an edit over the synchronous limit is not caught up at once');
    assert.equal(docs.info(doc).state, 'analysing');
    s.drain();
    assert.deepEqual(essence(docs.peek(doc) ?? analyzeNote('')), essence(analyzeNote(doc.getText())));
  });

  test('a note over the size limit is not analysed', async () => {
    const s = new ManualScheduler();
    const docs = cache(s, { maxLength: () => 100 });
    const doc = new MemoryDocument('file:///huge.md', NOTE);
    assert.ok(NOTE.length > 100);
    assert.equal(docs.peek(doc), undefined);
    assert.equal(docs.info(doc).state, 'too-large');
    const empty = docs.get(doc);
    assert.equal(empty.partial, true);
    assert.equal(empty.mentions.length, 0);
    assert.equal(await docs.whenReady(doc), undefined);
    assert.equal(s.pending, 0);
  });

  test('crossing the size limit by editing is reported to the status', () => {
    const s = new ManualScheduler();
    let statuses = 0;
    const docs = cache(s, { maxLength: () => NOTE.length + 5, onStatus: () => statuses++ });
    const doc = new MemoryDocument('file:///a.md', NOTE);
    assert.ok(docs.peek(doc));
    docs.edited(doc, [doc.edit(0, 0, 'x'.repeat(10))]);
    assert.equal(statuses, 1);
    assert.equal(docs.info(doc).state, 'too-large');
    docs.edited(doc, [doc.edit(0, 10, '')]);
    assert.equal(statuses, 2);
    assert.equal(docs.info(doc).state, 'stale');
    assert.deepEqual(essence(docs.peek(doc) ?? analyzeNote('')), essence(analyzeNote(NOTE)));
  });

  test('a closed note lets its waiters go and stops its background work', async () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(100 * 1024));
    const ready = docs.whenReady(doc);
    assert.equal(s.pending, 1);
    docs.closed(doc);
    assert.equal(await ready, undefined);
    assert.equal(s.pending, 0);
    assert.equal(docs.info(doc).state, 'none');
  });

  test('a URI reused by another document never sees the old analysis', () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const old = new MemoryDocument('untitled:Untitled-1', 'ESTABLISHED\n');
    assert.equal(docs.peek(old)?.mentions[0]?.id, 'ESTABLISHED');
    const reused = new MemoryDocument('untitled:Untitled-1', 'TIME_WAIT\n');
    assert.equal(docs.peek(reused)?.mentions[0]?.id, 'TIME-WAIT');
    // The old document's late close event leaves the new one alone.
    docs.closed(old);
    assert.equal(docs.info(reused).state, 'ready');
  });

  test('the cancellation token releases a waiter', async () => {
    const s = new ManualScheduler();
    const docs = cache(s);
    const doc = new MemoryDocument('file:///big.md', bigNote(100 * 1024));
    let cancel: (() => void) | undefined;
    const ready = docs.whenReady(doc, { onCancellationRequested: (l) => (cancel = l) });
    assert.ok(cancel);
    cancel();
    assert.equal(await ready, undefined);
  });
});
