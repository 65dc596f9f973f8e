/**
 * /proc/net/tcp{,6} read as a stream with a cap (issue #17): the chunked counter equals the whole-file
 * count for every chunking, stops at the cap on a generated table of 300,000 sockets, and the capture then
 * says "truncated: more than N sockets" in the block; a slow live sample stretches the interval.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { captureSnapshot, nextSampleDelay, problemComments, snapshotText, MAX_TABLE_SOCKETS, PROC_FILES, TcpTableCounter, countTcpTable, type ProcStreamReader, type ReadOutcome } from '../../src/core/snapshot';

const DIR = fixtureDir('proc');
const real = (name: string): Buffer => readFileSync(join(DIR, 'real', name));

/** A generated /proc/net/tcp of `n` rows: states cycle through 01…0B, every 7th FIN-WAIT-2 row a minisock. */
function bigTable(n: number): Uint8Array {
  const head = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const rows: string[] = [head];
  for (let i = 0; i < n; i++) {
    const st = ((i % 11) + 1).toString(16).toUpperCase().padStart(2, '0');
    const tr = st === '05' && i % 7 === 0 ? '03' : '00';
    rows.push(`${String(i).padStart(5)}: 0100007F:${(i % 65536).toString(16).toUpperCase().padStart(4, '0')} 0200000A:01BB ${st} 00000000:00000000 ${tr}:00000000 00000000  1000        0 ${100000 + i} 1 0000000000000000 20 4 30 10 -1\n`);
  }
  return new TextEncoder().encode(rows.join(''));
}

function chunked(bytes: Uint8Array, size: number, max = Infinity) {
  const c = new TcpTableCounter(max);
  let fed = 0;
  for (let at = 0; at < bytes.length; at += size) {
    fed = at + size;
    if (!c.push(bytes.subarray(at, Math.min(bytes.length, at + size)))) break;
  }
  return { counts: c.finish(), fed: Math.min(fed, bytes.length) };
}

describe('/proc/net/tcp as a stream', () => {
  it('any chunking gives the whole-file count (lines split across chunks, CRLF, no final newline)', () => {
    const tcp = new Uint8Array(real('tcp'));
    const whole = countTcpTable(tcp);
    for (const size of [1, 2, 3, 7, 64, 149, 150, 151, 4096, 1 << 20]) assert.deepEqual(chunked(tcp, size).counts, whole, `chunks of ${size}`);
    const crlf = new TextEncoder().encode(new TextDecoder().decode(tcp).replace(/\n/g, '\r\n').trimEnd());
    for (const size of [1, 5, 100]) assert.deepEqual(chunked(crlf, size).counts.counts, whole.counts, `CRLF, chunks of ${size}`);
  });

  it('a line longer than a row is looked at only up to its limit, across chunks', () => {
    const long = `${'x'.repeat(10_000)}\n`;
    const tcp = new TextDecoder().decode(real('tcp'));
    const bytes = new TextEncoder().encode(`${long}${tcp}`);
    assert.deepEqual(chunked(bytes, 333).counts, countTcpTable(bytes));
  });

  it('a generated table of 300,000 sockets stops at the cap: counts of the first N rows, reading stopped early', () => {
    const bytes = bigTable(300_000);
    const full = countTcpTable(bytes);
    assert.equal(full.rows, 300_000);
    assert.equal(full.truncatedAt, undefined);
    const { counts, fed } = chunked(bytes, 64 * 1024, MAX_TABLE_SOCKETS);
    assert.equal(counts.truncatedAt, MAX_TABLE_SOCKETS);
    assert.equal(counts.rows, MAX_TABLE_SOCKETS);
    assert.ok(fed < bytes.length * 0.9, `stopped reading early (${fed} of ${bytes.length} bytes)`);
    const firstN = countTcpTable(bigTable(MAX_TABLE_SOCKETS));
    assert.deepEqual(counts.counts, firstN.counts);
    assert.equal(counts.finWait2Minisocks, firstN.finWait2Minisocks);
  });

  it('the capture streams the tables, and past the cap says "truncated: more than N sockets" in the block', async () => {
    const big = bigTable(5000);
    const reads: string[] = [];
    let streamedBytes = 0;
    const stream: ProcStreamReader = async (path, onChunk) => {
      reads.push(path);
      const bytes = path === PROC_FILES.tcp ? big : new Uint8Array(real('tcp6'));
      for (let at = 0; at < bytes.length; at += 4096) {
        streamedBytes += Math.min(4096, bytes.length - at);
        if (!onChunk(bytes.subarray(at, at + 4096))) break;
      }
      return { ok: true };
    };
    const read = async (path: string): Promise<ReadOutcome> => {
      if (path === PROC_FILES.tcp || path === PROC_FILES.tcp6) assert.fail(`${path} read whole although a stream reader was given`);
      if (path === PROC_FILES.sockstat) return { ok: true, bytes: new Uint8Array(real('sockstat')) };
      return { ok: false, failure: 'not-found' };
    };
    const c = await captureSnapshot(read, new Date(2025, 0, 1), { stream, maxSockets: 1000 });
    assert.deepEqual(reads.sort(), [PROC_FILES.tcp, PROC_FILES.tcp6]);
    assert.ok(streamedBytes < big.length, 'the big table was not read to its end');
    assert.equal(c.tcp4?.truncatedAt, 1000);
    assert.equal(c.tcp4?.rows, 1000);
    assert.equal(c.tcp6?.truncatedAt, undefined);
    assert.deepEqual(c.problems.filter((p) => p.kind === 'truncated'), [{ path: PROC_FILES.tcp, kind: 'truncated', detail: '1000' }]);
    assert.ok(problemComments(c, 'en').includes('/proc/net/tcp: truncated: more than 1,000 sockets (counts are of the first 1,000)'));
    assert.match(snapshotText(c, 'zh-cn'), /\/proc\/net\/tcp：已截断：超过 1,000 个 socket/);
  });

  it('a failing stream is reported like a failing read', async () => {
    const stream: ProcStreamReader = async () => ({ ok: false, failure: 'permission', detail: 'EACCES' });
    const c = await captureSnapshot(async () => ({ ok: false, failure: 'not-found' }), new Date(2025, 0, 1), { stream });
    assert.ok(c.problems.some((p) => p.path === PROC_FILES.tcp && p.kind === 'permission'));
    const throwing: ProcStreamReader = async () => {
      throw new Error('boom');
    };
    const d = await captureSnapshot(async () => ({ ok: false, failure: 'not-found' }), new Date(2025, 0, 1), { stream: throwing });
    assert.ok(d.problems.some((p) => p.path === PROC_FILES.tcp6 && p.kind === 'error' && p.detail === 'boom'));
  });
});

describe('live sampling interval', () => {
  it('stays at the setting for a fast sample and stretches for a slow one (sampling ≤ a fifth of the time)', () => {
    assert.equal(nextSampleDelay(2000, 30), 2000);
    assert.equal(nextSampleDelay(2000, 1000), 4000);
    assert.equal(nextSampleDelay(1000, 5000), 20000);
    assert.equal(nextSampleDelay(2000, Number.NaN), 2000);
    assert.equal(nextSampleDelay(2000, 1e12), 3_600_000, 'capped at an hour');
  });
});
