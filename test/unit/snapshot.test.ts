/**
 * Socket snapshot core: /proc parsers on files recorded on a real Linux host (test/fixtures/proc/real, with
 * counts computed independently by awk at recording time) and on hand-made files (IPv6, huge numbers,
 * malformed lines), the capture with a fake reader (missing files, permission denied), the block, orphan
 * pressure, the live history and its SVG.
 */
import { describe, it } from 'node:test';
import { fixtureDir, repoRoot } from '../support/repo';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROC_NET_TCP_HEX } from '../../src/core/catalogue/spellings';
import type { StateId } from '../../src/core/catalogue/types';
import { analyzeNote } from '../../src/core/note/analyze';
import { pressureAt } from '../../src/core/report/pressureAt';
import { parseEvidence, PAGE_SIZE_KEY } from '../../src/core/evidence/parse';
import { formatSnapshot, parseSnapshot, type SnapshotData } from '../../src/core/evidence/snapshotFormat';
import { explainMention } from '../../src/core/explain';
import {
  ABORT_COUNTERS,
  ASSUMED_PAGE_SIZE,
  PROC_FILES,
  TrendHistory,
  captureSnapshot,
  countTcpTable,
  fenceFor,
  isoWithZone,
  orphanPressure,
  parseAuxvPageSize,
  parseOneLine,
  parseProcNetstat,
  parseSmapsPageSize,
  parseSockstat,
  parseSysctlValue,
  pressureGaugeSvg,
  pressureVerdict,
  snapshotInsertion,
  snapshotSupport,
  snapshotText,
  sparklineSvg,
  suggestTemplate,
  type ProcReader,
  type ReadOutcome,
} from '../../src/core/snapshot';

const DIR = fixtureDir('proc');
const real = (name: string): Buffer => readFileSync(join(DIR, 'real', name));
const hand = (name: string): string => readFileSync(join(DIR, 'handmade', name), 'utf8');
const expected = JSON.parse(readFileSync(join(DIR, 'real', 'expected.json'), 'utf8')) as {
  tcp: Record<string, number>;
  tcp6: Record<string, number>;
  finWait2Minisocks: { tcp: number; tcp6: number };
  pageSize: number;
};

/** awk's `st → count` mapped to state ids (the mapping table itself is tested in catalogue.test.ts). */
function byState(hexCounts: Record<string, number>): Partial<Record<StateId, number>> {
  const out: Partial<Record<StateId, number>> = {};
  for (const [hex, n] of Object.entries(hexCounts)) {
    const state = PROC_NET_TCP_HEX.get(hex.toUpperCase());
    assert.ok(state, `recorded st ${hex} has a state`);
    out[state] = (out[state] ?? 0) + n;
  }
  return out;
}

/** A reader over a directory of recorded files, with per-path overrides. */
function fixtureReader(overrides: Record<string, ReadOutcome | 'throw'> = {}): ProcReader & { reads: string[] } {
  const names: Record<string, string> = {
    [PROC_FILES.sockstat]: 'sockstat',
    [PROC_FILES.sockstat6]: 'sockstat6',
    [PROC_FILES.tcp]: 'tcp',
    [PROC_FILES.tcp6]: 'tcp6',
    [PROC_FILES.netstat]: 'netstat',
    [PROC_FILES.hostname]: 'hostname',
    [PROC_FILES.osrelease]: 'osrelease',
    [PROC_FILES.auxv]: 'auxv',
  };
  const reads: string[] = [];
  const reader = async (path: string): Promise<ReadOutcome> => {
    reads.push(path);
    const o = overrides[path];
    if (o === 'throw') throw new Error('boom');
    if (o) return o;
    const name = names[path] ?? (path.startsWith('/proc/sys/net/ipv4/') ? path.slice('/proc/sys/net/ipv4/'.length) : undefined);
    if (!name || !existsSync(join(DIR, 'real', name))) return { ok: false, failure: 'not-found', detail: `ENOENT ${path}` };
    return { ok: true, bytes: new Uint8Array(real(name)) };
  };
  return Object.assign(reader, { reads });
}

const bytesOf = (s: string): ReadOutcome => ({ ok: true, bytes: new TextEncoder().encode(s) });
const NOW = new Date(2025, 2, 14, 9, 26, 53);

describe('/proc/net/tcp{,6} counting', () => {
  it('real files: the same per-state counts and minisocks as awk computed at recording time', () => {
    for (const [file, key] of [
      ['tcp', 'tcp'],
      ['tcp6', 'tcp6'],
    ] as const) {
      const t = countTcpTable(real(file));
      assert.deepEqual(t.counts, byState(expected[key]), file);
      assert.equal(t.finWait2Minisocks, expected.finWait2Minisocks[key], `${file} minisocks`);
      assert.equal(t.rows, Object.values(expected[key]).reduce((a, n) => a + n, 0));
      assert.equal(t.malformed, 0);
      assert.equal(t.header, true);
    }
    // The recording holds FIN-WAIT-2 minisocks AND full FIN-WAIT-2 sockets: both count as FIN-WAIT-2.
    const t4 = countTcpTable(real('tcp'));
    assert.ok(t4.finWait2Minisocks > 0 && (t4.counts['FIN-WAIT-2'] ?? 0) > t4.finWait2Minisocks);
    assert.ok((t4.counts['FIN-WAIT-1'] ?? 0) > 0, 'the recording has FIN-WAIT-1 orphans');
  });

  it('hand-made IPv6 table: every state, lower-case hex, a minisock, an unknown code, malformed lines', () => {
    const t = countTcpTable(hand('tcp6-mixed'));
    assert.deepEqual(t.counts, {
      LISTEN: 1,
      ESTABLISHED: 1,
      'FIN-WAIT-1': 2,
      'LAST-ACK': 1,
      CLOSING: 1,
      'FIN-WAIT-2': 2,
      'TIME-WAIT': 1,
      'SYN-RECEIVED': 1,
      'CLOSE-WAIT': 2,
    });
    assert.equal(t.finWait2Minisocks, 1, 'st 05 with tr 03 only; st 05 with tr 02 is a full socket');
    assert.deepEqual(t.unknownStates, { FF: 1 });
    assert.equal(t.malformed, 3, 'compressed IPv6 address, truncated row, garbage');
    assert.equal(t.rows, 12);
  });

  it('bytes and text give the same result; CRLF and a missing final newline are fine; empty input is empty', () => {
    const text = hand('tcp6-mixed');
    assert.deepEqual(countTcpTable(new TextEncoder().encode(text)), countTcpTable(text));
    assert.deepEqual(countTcpTable(text.replace(/\n/g, '\r\n')).counts, countTcpTable(text).counts);
    assert.deepEqual(countTcpTable(text.trimEnd()).counts, countTcpTable(text).counts);
    const empty = countTcpTable('');
    assert.deepEqual(empty.counts, {});
    assert.equal(empty.header, false);
  });

  it('huge tables: 300,000 generated rows are counted exactly', () => {
    const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
    const codes = ['01', '04', '06', '05', '0A', '09'];
    const parts: string[] = [header];
    const want: Record<string, number> = {};
    let minisocks = 0;
    for (let i = 0; i < 300_000; i++) {
      const st = codes[i % codes.length] as string;
      const tr = st === '05' && i % 2 === 0 ? '03' : '00';
      if (st === '05' && tr === '03') minisocks++;
      want[st] = (want[st] ?? 0) + 1;
      parts.push(`${String(i).padStart(6)}: 0100007F:1F90 0100007F:${(i % 65536).toString(16).toUpperCase().padStart(4, '0')} ${st} 00000000:00000000 ${tr}:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1\n`);
    }
    const t = countTcpTable(parts.join(''));
    assert.deepEqual(t.counts, byState(want));
    assert.equal(t.rows, 300_000);
    assert.equal(t.finWait2Minisocks, minisocks);
  });
});

describe('small /proc files', () => {
  it('sockstat and sockstat6 (real)', () => {
    const s = parseSockstat(real('sockstat').toString());
    const line = real('sockstat').toString().split('\n').find((l) => l.startsWith('TCP:')) ?? '';
    const nums = line.split(/\s+/).slice(1);
    assert.deepEqual(s?.tcp, { inuse: Number(nums[1]), orphan: Number(nums[3]), tw: Number(nums[5]), alloc: Number(nums[7]), mem: Number(nums[9]) });
    const s6 = parseSockstat(real('sockstat6').toString());
    assert.equal(s6?.tcp6?.inuse, Number(/TCP6: inuse (\d+)/.exec(real('sockstat6').toString())?.[1]));
  });

  it('sockstat: numbers beyond 2^53 are dropped, not rounded; a file without TCP line yields no TCP numbers', () => {
    const s = parseSockstat(hand('sockstat-huge'));
    assert.deepEqual(s?.tcp, { inuse: 1_800_000, orphan: 262_143, tw: 262_144, alloc: 1_900_000 });
    assert.equal(s?.socketsUsed, 2_400_000);
    assert.equal(parseSockstat(hand('sockstat-no-tcp'))?.tcp, undefined);
    assert.equal(parseSockstat(''), undefined);
  });

  it('/proc/net/netstat (real): header/value pairs, compared with a plain split of the same file', () => {
    const text = real('netstat').toString();
    const parsed = parseProcNetstat(text);
    const lines = text.trim().split('\n');
    const head = (lines[0] ?? '').trim().split(/\s+/);
    const vals = (lines[1] ?? '').trim().split(/\s+/);
    for (const name of ABORT_COUNTERS) {
      const i = head.indexOf(name.replace(/^TcpExt/, ''));
      assert.ok(i > 0, `${name} in the recorded header`);
      assert.equal(parsed.counters[name], Number(vals[i]), name);
    }
    assert.equal(parsed.malformed, 0);
  });

  it('/proc/net/netstat: a value line that does not match its header is skipped and counted', () => {
    const parsed = parseProcNetstat(hand('netstat-mismatch'));
    assert.equal(parsed.counters.TcpExtTCPAbortOnMemory, undefined);
    assert.equal(parsed.counters.MPTcpExtMPCapableSYNRX, 5);
    assert.equal(parsed.malformed, 2);
  });

  it('tunables: tcp_mem tabs become spaces; wrong shapes are refused, not guessed', () => {
    assert.equal(parseSysctlValue(real('tcp_mem').toString(), 3), real('tcp_mem').toString().trim().split(/\s+/).join(' '));
    assert.equal(parseSysctlValue(real('tcp_max_orphans').toString()), real('tcp_max_orphans').toString().trim());
    assert.equal(parseSysctlValue(hand('tcp_mem-two-values'), 3), undefined);
    assert.equal(parseSysctlValue(hand('tcp_fin_timeout-word')), undefined);
    assert.equal(parseSysctlValue(hand('tcp_max_orphans-huge')), '4294967295');
    assert.equal(parseSysctlValue(''), undefined);
  });

  it('host name and kernel release: first line, trimmed; empty is undefined', () => {
    assert.equal(parseOneLine(real('hostname').toString()), real('hostname').toString().trim());
    assert.equal(parseOneLine('\n'), undefined);
  });

  it('page size from the real /proc/self/auxv equals getconf PAGESIZE of the recording process', () => {
    assert.equal(parseAuxvPageSize(new Uint8Array(real('auxv'))), expected.pageSize);
  });

  it('page size from generated auxv layouts (64/32-bit, little/big-endian); garbage gives undefined', () => {
    const build = (word: 4 | 8, little: boolean, pairs: [number, number][]): Uint8Array => {
      const buf = new ArrayBuffer(pairs.length * 2 * word);
      const v = new DataView(buf);
      pairs.forEach(([t, val], i) => {
        if (word === 8) {
          v.setBigUint64(i * 16, BigInt(t), little);
          v.setBigUint64(i * 16 + 8, BigInt(val), little);
        } else {
          v.setUint32(i * 8, t, little);
          v.setUint32(i * 8 + 4, val, little);
        }
      });
      return new Uint8Array(buf);
    };
    const pairs: [number, number][] = [
      [33, 0x7ffd1000],
      [16, 0xbfebfbff],
      [6, 65536],
      [17, 100],
      [0, 0],
    ];
    for (const word of [8, 4] as const) for (const little of [true, false]) assert.equal(parseAuxvPageSize(build(word, little, pairs)), 65536, `${word} ${little}`);
    assert.equal(parseAuxvPageSize(build(8, true, [[6, 3000], [0, 0]])), undefined, 'not a power of two');
    assert.equal(parseAuxvPageSize(build(8, true, [[6, 4096]])), undefined, 'no AT_NULL');
    assert.equal(parseAuxvPageSize(new Uint8Array([1, 2, 3])), undefined);
    assert.equal(parseAuxvPageSize(new Uint8Array(0)), undefined);
  });

  it('page size from smaps: the smallest KernelPageSize (a hugetlb mapping does not win)', () => {
    const smaps = '7f00-7f20 rw-s 0 00:0f 1 /dev/hugepages/x\nKernelPageSize:     2048 kB\nMMUPageSize:     2048 kB\n55aa-55ab r-xp 0 08:01 2 /usr/bin/node\nKernelPageSize:        4 kB\n';
    assert.equal(parseSmapsPageSize(smaps), 4096);
    assert.equal(parseSmapsPageSize('nothing here'), undefined);
  });

  it('time: ISO 8601 with a numeric zone offset, same instant', () => {
    const iso = isoWithZone(NOW);
    assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    assert.equal(Date.parse(iso), NOW.getTime());
  });
});

describe('capture', () => {
  it('real recording: the block holds the host, kernel, sockstat, every tunable, the counters, the counts and the page size', async () => {
    const c = await captureSnapshot(fixtureReader(), NOW);
    assert.deepEqual(c.problems, []);
    assert.equal(c.empty, false);
    assert.equal(c.data.host, real('hostname').toString().trim());
    assert.equal(c.data.kernel, real('osrelease').toString().trim());
    assert.equal(c.data.time, isoWithZone(NOW));
    assert.equal(c.data.pageSize, expected.pageSize);
    assert.equal(c.pageSizeSource, 'auxv');
    assert.deepEqual(Object.keys(c.data.sysctls ?? {}).sort(), [
      'net.ipv4.tcp_fin_timeout',
      'net.ipv4.tcp_max_orphans',
      'net.ipv4.tcp_max_tw_buckets',
      'net.ipv4.tcp_mem',
      'net.ipv4.tcp_orphan_retries',
      'net.ipv4.tcp_retries2',
    ]);
    assert.deepEqual(Object.keys(c.data.counters ?? {}).sort(), [...ABORT_COUNTERS].sort());
    assert.deepEqual(c.data.states?.tcp4, byState(expected.tcp));
    assert.deepEqual(c.data.states?.tcp6, byState(expected.tcp6));

    const text = snapshotText(c, 'en');
    // parseEvidence (what hovers and the diagram use) reads the block back with the same numbers.
    const segs = parseEvidence(text);
    assert.equal(segs.length, 1);
    const seg = segs[0];
    assert.equal(seg?.kind, 'snapshot');
    const both = byState(expected.tcp);
    for (const [s, n] of Object.entries(byState(expected.tcp6)) as [StateId, number][]) both[s] = (both[s] ?? 0) + n;
    assert.deepEqual(seg?.counts, both);
    assert.deepEqual(seg?.sockstat?.tcp, c.data.sockstat?.tcp);
    assert.equal(seg?.sysctls?.[PAGE_SIZE_KEY], String(expected.pageSize));
    assert.deepEqual(seg?.counters, c.data.counters);
    // parseSnapshot gives back exactly what was captured.
    assert.deepEqual(parseSnapshot(text), c.data);
    // The derived lines: pressure with ¼/½ and tw, the verdict, the minisock note.
    assert.match(text, /^orphan-pressure orphan=\d+ max=\d+ ratio=[\d.]+ half=\d+ quarter=\d+ mem=\d+ mem-max=\d+ mem-ratio=[\d.]+ tw=\d+ tw-max=\d+ tw-ratio=[\d.]+$/m);
    assert.match(text, /^# orphan pressure — (low|elevated|high|over)/m);
    assert.match(text, /^# tcp4 FIN-WAIT-2: \d+ of \d+ are timewait minisocks/m);
    assert.match(text, /^# captured from \/proc by TCP State Notes \(no command was run\)$/m);
  });

  it('missing files and permission denied become problems and visible comments; nothing is guessed', async () => {
    const reader = fixtureReader({
      [PROC_FILES.tcp6]: { ok: false, failure: 'not-found', detail: 'ENOENT' },
      [PROC_FILES.netstat]: { ok: false, failure: 'permission', detail: 'EACCES' },
      '/proc/sys/net/ipv4/tcp_max_orphans': { ok: false, failure: 'permission' },
      '/proc/sys/net/ipv4/tcp_mem': bytesOf('188319\t251092\n'),
      [PROC_FILES.sockstat6]: 'throw',
    });
    const c = await captureSnapshot(reader, NOW);
    const kinds = Object.fromEntries(c.problems.map((p) => [p.path, p.kind]));
    assert.deepEqual(kinds, {
      [PROC_FILES.tcp6]: 'not-found',
      [PROC_FILES.netstat]: 'permission',
      '/proc/sys/net/ipv4/tcp_max_orphans': 'permission',
      '/proc/sys/net/ipv4/tcp_mem': 'malformed',
      [PROC_FILES.sockstat6]: 'error',
    });
    assert.equal(c.data.states?.tcp6, undefined);
    assert.equal(c.data.sysctls?.['net.ipv4.tcp_max_orphans'], undefined);
    assert.equal(c.data.sysctls?.['net.ipv4.tcp_mem'], undefined);
    assert.equal(c.data.counters, undefined);
    assert.equal(c.pressure.level, 'unknown');
    const text = snapshotText(c, 'en');
    assert.match(text, /^# unavailable: \/proc\/net\/tcp6 \(file not found\)$/m);
    assert.match(text, /^# unavailable: \/proc\/net\/netstat \(permission denied\)$/m);
    assert.match(text, /^# unavailable: \/proc\/sys\/net\/ipv4\/tcp_max_orphans \(permission denied\)$/m);
    assert.match(text, /^# unavailable: \/proc\/sys\/net\/ipv4\/tcp_mem \(unexpected content\)$/m);
    assert.doesNotMatch(text, /^orphan-pressure/m, 'no pressure line without tcp_max_orphans');
    assert.match(text, /^# orphan pressure — orphan pressure unknown/m);
    const zh = snapshotText(c, 'zh-cn');
    assert.match(zh, /^# 无法读取：\/proc\/net\/tcp6（文件不存在）$/m);
  });

  it('page size: smaps when auxv is unreadable; otherwise ASSUMED, visibly, and not reported as evidence', async () => {
    const smaps = 'KernelPageSize:       16 kB\n';
    const viaSmaps = await captureSnapshot(
      fixtureReader({ [PROC_FILES.auxv]: { ok: false, failure: 'permission' }, [PROC_FILES.smaps]: bytesOf(smaps) }),
      NOW,
    );
    assert.equal(viaSmaps.data.pageSize, 16384);
    assert.equal(viaSmaps.pageSizeSource, 'smaps');
    assert.equal(viaSmaps.data.pageSizeAssumed, undefined);

    const assumed = await captureSnapshot(
      fixtureReader({ [PROC_FILES.auxv]: { ok: false, failure: 'permission' }, [PROC_FILES.smaps]: { ok: false, failure: 'not-found' } }),
      NOW,
    );
    assert.equal(assumed.pageSizeSource, 'assumed');
    assert.equal(assumed.data.pageSize, ASSUMED_PAGE_SIZE);
    const text = snapshotText(assumed, 'en');
    assert.match(text, /^pagesize 4096 assumed$/m);
    assert.match(text, /^# page size could not be read from \/proc\/self\/auxv or \/proc\/self\/smaps: 4096 is ASSUMED$/m);
    assert.equal(parseSnapshot(text)?.pageSizeAssumed, true);
    assert.equal(parseEvidence(text)[0]?.sysctls?.[PAGE_SIZE_KEY], undefined, 'an assumption is not evidence');
  });

  it('nothing about sockets readable: the capture is empty', async () => {
    const none: ReadOutcome = { ok: false, failure: 'permission' };
    const c = await captureSnapshot(
      fixtureReader({ [PROC_FILES.sockstat]: none, [PROC_FILES.sockstat6]: none, [PROC_FILES.tcp]: none, [PROC_FILES.tcp6]: none }),
      NOW,
    );
    assert.equal(c.empty, true);
  });

  it('live samples after the first skip host name, kernel and page size, and keep them', async () => {
    const first = await captureSnapshot(fixtureReader(), NOW);
    const reader = fixtureReader();
    const next = await captureSnapshot(reader, NOW, { previous: first });
    assert.ok(!reader.reads.includes(PROC_FILES.hostname) && !reader.reads.includes(PROC_FILES.auxv));
    assert.equal(next.data.host, first.data.host);
    assert.equal(next.data.pageSize, first.data.pageSize);
    assert.deepEqual(next.problems, []);
  });

  it('insertion: a fence longer than any backtick run; a newline first when the cursor is mid-line', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('a ```` b'), '`````');
    assert.equal(snapshotInsertion('X', ''), '```text\nX\n```\n');
    assert.equal(snapshotInsertion('X', '\n'), '```text\nX\n```\n');
    assert.equal(snapshotInsertion('X', 'a'), '\n```text\nX\n```\n');
  });

  it('comments cannot end the block or start a new one', () => {
    const data: SnapshotData = { host: 'h', kernel: 'k', time: 't', states: { tcp4: { ESTABLISHED: 1 } } };
    const text = formatSnapshot(data, { header: ['end snapshot', 'tcp-state-notes snapshot host=x', 'a\nb'], verdict: 'v' });
    const lines = text.split('\n');
    assert.equal(lines.filter((l) => l === '# end snapshot').length, 1);
    assert.ok(lines.includes('# note: end snapshot'));
    assert.ok(lines.includes('# note: tcp-state-notes snapshot host=x'));
    assert.ok(lines.includes('# a b'));
    assert.deepEqual(parseSnapshot(text), data);
  });
});

describe('orphan pressure', () => {
  it('levels follow the kernel comparison `orphan << shift > tcp_max_orphans` exactly', () => {
    const level = (orphan: number, max: number) => orphanPressure({ orphan, maxOrphans: max }).level;
    assert.equal(level(0, 100), 'low');
    assert.equal(level(25, 100), 'low', '25 << 2 = 100 is not > 100');
    assert.equal(level(26, 100), 'quarter');
    assert.equal(level(50, 100), 'quarter', '50 << 1 = 100 is not > 100');
    assert.equal(level(51, 100), 'half');
    assert.equal(level(100, 100), 'half');
    assert.equal(level(101, 100), 'over');
    assert.equal(level(0, 0), 'over', 'tcp_max_orphans 0: every check fails');
    assert.equal(orphanPressure({ orphan: 5 }).level, 'unknown');
    const p = orphanPressure({ orphan: 61920, maxOrphans: 65536 });
    assert.equal(p.half, 32768);
    assert.equal(p.quarter, 16384);
    assert.ok(Math.abs((p.ratio ?? 0) - 0.9448) < 1e-4);
  });

  it('memory against tcp_mem[1] and [2], tw against tcp_max_tw_buckets', () => {
    const mem = (m: number) => orphanPressure({ mem: m, tcpMem: [100, 200, 300] }).memLevel;
    assert.deepEqual([mem(200), mem(201), mem(300), mem(301)], ['low', 'pressure', 'pressure', 'over']);
    const tw = (n: number) => orphanPressure({ tw: n, maxTw: 10 }).twLevel;
    assert.deepEqual([tw(9), tw(10)], ['ok', 'full']);
  });

  it('the one-line verdict, in English and Chinese, with the numbers', () => {
    const p = orphanPressure({ orphan: 40000, maxOrphans: 65536, mem: 400000, tcpMem: [188319, 251092, 376638], tw: 8120, maxTw: 8120, pageSize: 4096 });
    const en = pressureVerdict(p, 'en');
    assert.match(en, /^high: orphan 40,000 is above ½ of tcp_max_orphans \(32,768\)/);
    assert.match(en, /TCP memory 400,000 pages \(1,563 MiB\) = 106 % of tcp_mem\[2\] 376,638 — above tcp_mem\[2\]/);
    assert.match(en, /tw 8,120 of tcp_max_tw_buckets 8,120 — full/);
    assert.ok(!en.includes('\n'));
    const zh = pressureVerdict(p, 'zh-cn');
    assert.match(zh, /^偏高：orphan 40,000 超过 tcp_max_orphans 的 ½（32,768）/);
    assert.match(pressureVerdict(orphanPressure({ orphan: 10, maxOrphans: 65536 }), 'en'), /^low: orphan 10 is below ¼ of tcp_max_orphans 65,536 \(16,384\)$/);
  });

  it('from a note: sockstat and sysctl pasted in separate blocks; the block nearest the mention wins', () => {
    const note = [
      '# Incident',
      '```',
      '$ cat /proc/net/sockstat',
      'TCP: inuse 10 orphan 20000 tw 5 alloc 10 mem 100',
      '```',
      'FIN-WAIT-1 everywhere.',
      '```',
      '$ sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem',
      'net.ipv4.tcp_max_orphans = 65536',
      'net.ipv4.tcp_mem = 188319\t251092\t376638',
      '```',
      '',
      'Later, on another day:',
      '```',
      '$ cat /proc/net/sockstat',
      'TCP: inuse 10 orphan 40000 tw 5 alloc 10 mem 100',
      '```',
      'LAST_ACK too.',
    ].join('\n');
    const model = analyzeNote(note);
    const near = (needle: string) => pressureAt(model, note.indexOf(needle));
    assert.equal(near('FIN-WAIT-1 everywhere')?.pressure.orphan, 20000);
    assert.equal(near('FIN-WAIT-1 everywhere')?.pressure.level, 'quarter');
    assert.equal(near('LAST_ACK too')?.pressure.orphan, 40000);
    assert.equal(near('LAST_ACK too')?.pressure.level, 'half');
    assert.equal(near('LAST_ACK too')?.pressure.maxOrphans, 65536, 'the tunable comes from another block');

    // The hover of each mention shows the pressure of its nearest sockstat.
    const hover = (needle: string) => {
      const m = model.mentions.find((x) => x.start >= note.indexOf(needle) && x.kind === 'state');
      assert.ok(m, needle);
      return explainMention(m, model, { lang: 'en' }) ?? '';
    };
    assert.match(hover('FIN-WAIT-1 everywhere'), /\*\*Orphan pressure \(sockstat at line 4\):\*\* elevated: orphan 20,000 is above ¼/);
    assert.match(hover('LAST_ACK too'), /\*\*Orphan pressure \(sockstat at line 16\):\*\* high: orphan 40,000/);
  });

  it('the nearest-block lookup (indexed once per evidence array) picks what sorting all blocks by distance picks; the tunables are those in effect at it', () => {
    // Blocks with sockstat, with tunables, with both and with neither, in a generated note; every offset.
    const parts: string[] = [];
    for (let i = 0; i < 24; i++) {
      const lines: string[] = [];
      if (i % 3 === 0) lines.push(`TCP: inuse 10 orphan ${1000 * (i + 1)} tw 5 alloc 10 mem ${100 + i}`);
      if (i % 4 === 1) lines.push(`net.ipv4.tcp_max_orphans = ${4096 * (i + 1)}`);
      if (i % 5 === 2) lines.push(`net.ipv4.tcp_mem = ${100 + i}\t${200 + i}\t${300 + i}`);
      if (i % 7 === 3) lines.push('pagesize = 4096');
      parts.push(lines.length ? `\`\`\`\n${lines.join('\n')}\n\`\`\`` : 'FIN-WAIT-1 prose');
    }
    const note = parts.join('\n\n');
    const model = analyzeNote(note);
    assert.ok(model.evidence.length > 10);
    // The former implementation's choice of the sockstat block, as the reference.
    const dist = (b: (typeof model.evidence)[number], at?: number) => (at === undefined ? b.start : at >= b.start && at <= b.end ? 0 : at < b.start ? b.start - at : at - b.end);
    // The tunable in effect at it (no times in this note: note order), the rule of report/inEffect.ts: the last value
    // in a block at or before the sample's (its own block included), else the first one after it. (Until session 10
    // the hover took each tunable from the block nearest the cursor instead: a later fix next to the cursor won.)
    const reference = (at?: number) => {
      const by = [...model.evidence].sort((a, b) => dist(a, at) - dist(b, at));
      const home = by.find((b) => typeof b.sockstat?.tcp?.orphan === 'number');
      if (!home) return undefined;
      const inEffect = (k: string) => {
        const withIt = model.evidence.filter((b) => b.sysctls[k] !== undefined);
        return (withIt.filter((b) => b.startLine <= home.startLine).at(-1) ?? withIt[0])?.sysctls[k];
      };
      return { home: home.index, tunables: ['net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_mem', 'pagesize'].map(inEffect) };
    };
    let differs = 0;
    for (const at of [undefined, ...Array.from({ length: note.length + 2 }, (_, i) => i - 1)]) {
      const ref = reference(at);
      const got = pressureAt(model, at);
      assert.equal(got?.pressure.orphan, ref ? model.evidence[ref.home]?.sockstat?.tcp?.orphan : undefined, `orphan at ${at}`);
      assert.equal(got?.pressure.maxOrphans, ref?.tunables[0] === undefined ? undefined : Number(ref.tunables[0]), `tcp_max_orphans at ${at}`);
      const nearestTunable = [...model.evidence].sort((a, b) => dist(a, at) - dist(b, at)).find((b) => b.sysctls['net.ipv4.tcp_max_orphans'] !== undefined);
      if (ref && nearestTunable && Number(nearestTunable.sysctls['net.ipv4.tcp_max_orphans']) !== got?.pressure.maxOrphans) differs++;
    }
    assert.ok(differs > 0, 'the generated note has offsets where the nearest tunable is not the one in effect');
    assert.equal(pressureAt(analyzeNote('no evidence'), 3), undefined);
  });

  it('hovers of states that are never orphans do not show it; without a limit in the note there is no line', () => {
    const note = '```\nTCP: inuse 1 orphan 9 tw 0 alloc 1 mem 1\nnet.ipv4.tcp_max_orphans = 100\n```\nESTABLISHED and LAST-ACK\n';
    const model = analyzeNote(note);
    const text = (id: string) => explainMention(model.mentions.find((m) => m.id === id && m.context !== 'code-block') ?? assert.fail(id), model, { lang: 'zh-cn' }) ?? '';
    assert.doesNotMatch(text('ESTABLISHED'), /孤儿压力/);
    assert.match(text('LAST-ACK'), /孤儿压力（第 2 行的 sockstat）/);
    const term = model.mentions.find((m) => m.kind !== 'state' && m.id === 'net.ipv4.tcp_max_orphans');
    assert.ok(term, 'the sysctl in the block is a term mention');
    assert.match(explainMention(term, model, { lang: 'en' }) ?? '', /\*\*Orphan pressure \(sockstat at line 2\):\*\* low: orphan 9 is below ¼ of tcp_max_orphans 100 \(25\)/);
    const noLimit = analyzeNote('```\nTCP: inuse 1 orphan 9 tw 0 alloc 1 mem 1\n```\nLAST-ACK\n');
    const m = noLimit.mentions.find((x) => x.id === 'LAST-ACK' && x.context !== 'code-block');
    assert.ok(m);
    assert.doesNotMatch(explainMention(m, noLimit, { lang: 'en' }) ?? '', /Orphan pressure/);
  });
});

describe('template suggestion', () => {
  it('offers the variant of a dominating orphan-prone state, or of the largest one under pressure', () => {
    assert.deepEqual(suggestTemplate({ LISTEN: 500, ESTABLISHED: 30, 'FIN-WAIT-1': 400 }), { state: 'FIN-WAIT-1', count: 400, symptom: 'fin-wait-1' });
    assert.equal(suggestTemplate({ ESTABLISHED: 300, 'LAST-ACK': 200 }), undefined, 'ESTABLISHED dominates');
    assert.deepEqual(suggestTemplate({ ESTABLISHED: 300, 'LAST-ACK': 200 }, 'half')?.symptom, 'last-ack');
    assert.equal(suggestTemplate({ 'FIN-WAIT-1': 3 }), undefined, 'too few to be a pattern');
    assert.equal(suggestTemplate({ 'TIME-WAIT': 9000, 'FIN-WAIT-2': 50 }), undefined, 'TIME-WAIT is not an orphan');
    assert.deepEqual(suggestTemplate({ CLOSING: 20 })?.symptom, 'general');
    assert.deepEqual(suggestTemplate({ 'FIN-WAIT-1': 20, 'LAST-ACK': 20 })?.state, 'FIN-WAIT-1', 'ties: real orphans first');
  });
});

describe('live history and its SVG', () => {
  it('keeps the last N samples; states absent from a sample count 0 there', () => {
    const h = new TrendHistory(3);
    h.push({ ESTABLISHED: 1 }, 0);
    h.push({ ESTABLISHED: 2, 'FIN-WAIT-1': 5 }, 5);
    h.push({ ESTABLISHED: 3 });
    h.push({ ESTABLISHED: 4, 'TIME-WAIT': 1 }, 1);
    assert.equal(h.length, 3);
    assert.deepEqual(h.series('ESTABLISHED'), [2, 3, 4]);
    assert.deepEqual(h.series('FIN-WAIT-1'), [5, 0, 0]);
    assert.deepEqual(h.activeStates(), ['ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
    assert.deepEqual(h.orphanSeries(), [5, 1]);
    assert.throws(() => new TrendHistory(1));
  });

  it('sparkline: one point per value, scaled between min and max, no inline style', () => {
    const svg = sparklineSvg([1, 5, 3], { width: 100, height: 20, title: 'ESTABLISHED <x>' });
    const points = /points="([^"]*)"/.exec(svg)?.[1]?.split(' ') ?? [];
    assert.equal(points.length, 3);
    assert.deepEqual(points.map((p) => Number(p.split(',')[1])), [18, 2, 10]);
    assert.ok(svg.includes('<title>ESTABLISHED &lt;x&gt;</title>'));
    assert.ok(!svg.includes('style='));
    assert.ok(sparklineSvg([7, 7]).includes(',10 ') || sparklineSvg([7, 7]).includes(',10"'), 'flat series at mid height');
    assert.ok(!sparklineSvg([]).includes('polyline'));
  });

  it('gauge: three rows, ¼ and ½ ticks, level classes, unknown rows drawn empty', () => {
    const labels = { title: 'Orphan pressure', orphan: 'orphan', mem: 'mem', tw: 'tw', unknown: 'unknown', memPressure: 'pressure' };
    const svg = pressureGaugeSvg(orphanPressure({ orphan: 40000, maxOrphans: 65536, tw: 3, maxTw: 100 }), labels);
    assert.equal((svg.match(/class="gauge-row /g) ?? []).length, 3);
    assert.ok(svg.includes('class="gauge-row level-half"'));
    assert.ok(svg.includes('>¼<') && svg.includes('>½<'));
    assert.ok(svg.includes('40,000 / 65,536 · 61 %'));
    assert.ok(svg.includes('class="gauge-row level-unknown"') && svg.includes('>unknown<'));
    assert.equal((svg.match(/class="gauge-fill"/g) ?? []).length, 2, 'no fill for the unknown mem row');
    assert.ok(!svg.includes('style='));
  });
});

describe('where a snapshot can be taken', () => {
  it('Linux with Node only; the web bundle and web workers are "web"', () => {
    assert.equal(snapshotSupport('linux'), 'linux');
    assert.equal(snapshotSupport('darwin'), 'not-linux');
    assert.equal(snapshotSupport('win32'), 'not-linux');
    assert.equal(snapshotSupport('web'), 'web');
    assert.equal(snapshotSupport(undefined), 'web');
  });
});

describe('translations of the snapshot and live texts', () => {
  const root = repoRoot();
  it('every vscode.l10n.t text of the snapshot feature and the diagram panel has a zh-cn entry', () => {
    const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const diagramFiles = readdirSync(join(root, 'src/features/diagram')).map((f) => `src/features/diagram/${f}`);
    // The diagram panel is split by job (panel, html, export, live, commands): its texts are checked together.
    for (const [file, source] of [
      ['src/features/snapshot.ts', readFileSync(join(root, 'src/features/snapshot.ts'), 'utf8')],
      ['src/features/diagram/*.ts', diagramFiles.map((f) => readFileSync(join(root, f), 'utf8')).join('\n')],
    ] as const) {
      const texts = [...source.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => (m[1] as string).replace(/\\'/g, "'"));
      assert.ok(texts.length > 5, file);
      for (const text of texts) assert.ok(bundle[text], `${file}: no zh-cn text for "${text}"`);
    }
  });

  it('every %key% of the manifest is in package.nls.json and package.nls.zh-cn.json', () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1] as string);
    for (const nls of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const table = JSON.parse(readFileSync(join(root, nls), 'utf8')) as Record<string, string>;
      for (const k of keys) assert.ok(table[k], `${nls}: ${k}`);
    }
    assert.ok(keys.includes('command.captureSnapshot') && keys.includes('config.live.intervalSeconds'));
  });
});
