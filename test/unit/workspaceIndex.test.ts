import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { WorkspaceIndex } from '../../src/core/workspace/index';
import { excludeMatcher, globSource } from '../../src/core/workspace/exclude';
import { fuzzyScore, matchingIds } from '../../src/core/workspace/names';
import { inertTitle } from '../../src/core/workspace/note';

const INCIDENT = [
  '# Incident 2025-03-14',
  '',
  'The box had many FIN_WAIT1 sockets; `tcp_max_orphans` was low.',
  '',
  '## 2025-03-14 09:26 fin-wait-1 pile-up',
  '',
  '```text',
  'TCP: inuse 512 orphan 3700 tw 8120 alloc 640 mem 2150',
  '```',
  '',
  '```sh',
  '$ ss -tan',
  'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
  'FIN-WAIT-1 0      1200   10.0.0.1:443       10.0.0.9:5001',
  'FIN-WAIT-1 0      1200   10.0.0.1:443       10.0.0.9:5002',
  'ESTAB      0      0      10.0.0.1:443       10.0.0.7:5003',
  '```',
  '',
  '## 09:41 later',
  '',
  '```text',
  'TCP: inuse 512 orphan 5200 tw 8000 alloc 640 mem 2150',
  'net.ipv4.tcp_max_orphans = 8192',
  '```',
  '',
].join('\n');

const TIME_WAIT_NOTE = ['# TIME-WAIT storm', '', 'Lots of TIME_WAIT and TIME-WAIT here.', '', '```', '$ ss -tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'TIME-WAIT 0 0 10.0.0.1:80 10.0.0.2:4000', '```', ''].join('\n');

/** The (line, character, length) triples of a note's references, as strings for comparison. */
function refs(index: WorkspaceIndex, id: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of index.references(id)) {
    const list: string[] = [];
    for (let i = 0; i < r.rows.length; i += 3) list.push(`${r.rows[i]}:${r.rows[i + 1]}+${r.rows[i + 2]}`);
    out.set(r.key, list);
  }
  return out;
}

describe('workspace index', () => {
  test('a netfilter state and the socket state of the same name keep apart, whichever note comes first', () => {
    const firewall = ['# fw', '', '```', '$ iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT', '```', ''].join('\n');
    const listing = ['# ss', '', '```', '$ ss -tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'ESTAB 0 0 10.0.0.1:443 10.0.0.2:5555', 'ESTAB 0 0 10.0.0.1:443 10.0.0.2:5556', '```', ''].join('\n');
    for (const order of [['fw.md', 'ss.md'], ['ss.md', 'fw.md']]) {
      const index = new WorkspaceIndex();
      for (const key of order) index.set(key, key === 'fw.md' ? firewall : listing);
      assert.deepEqual(index.references('ESTABLISHED').map((r) => r.key), ['ss.md'], `the socket state's references (${order.join(', ')})`);
      assert.deepEqual(index.references('ESTABLISHED', 'conntrack').map((r) => r.key), ['fw.md'], `the netfilter state's references (${order.join(', ')})`);
      const symbols = index.symbols('established');
      const block = symbols.find((s) => s.key === 'ss.md' && s.kind === 'block');
      assert.equal(block?.idKind, 'state', `the listing's block counts sockets (${order.join(', ')})`);
      assert.equal(block?.count, 2);
      assert.equal(block?.unit, 'sockets');
      assert.ok(!symbols.some((s) => s.key === 'fw.md'), 'the firewall rule carries no socket state');
    }
  });

  test('add: references of a state in every spelling, with exact positions', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', INCIDENT);
    index.set('b.md', TIME_WAIT_NOTE);
    const fw1 = refs(index, 'FIN-WAIT-1');
    assert.deepEqual([...fw1.keys()], ['a.md']);
    const rows = fw1.get('a.md') ?? [];
    // FIN_WAIT1 in prose (line 2), fin-wait-1 in the heading (line 4), two ss rows (lines 13, 14).
    assert.deepEqual(rows, ['2:17+9', '4:20+10', '13:0+10', '14:0+10']);
    // Any spelling asks for the same id.
    assert.deepEqual(refs(index, 'fin_wait1'), fw1);
    assert.deepEqual(refs(index, 'FinWait1'), fw1);
    assert.deepEqual([...refs(index, 'TIME_WAIT').keys()], ['b.md']);
    assert.equal(refs(index, 'TIME_WAIT').get('b.md')?.length, 4);
    // Terms: the sysctl in prose (inline code) and in the block, by its short name.
    const orphans = refs(index, 'tcp_max_orphans').get('a.md') ?? [];
    assert.equal(orphans.length, 2);
    assert.equal(orphans[0], '2:37+15');
    assert.deepEqual(refs(index, 'not-a-state'), new Map());
  });

  test('evidence summaries: per-block counts, dominant state, orphan pressure, sample times, headings with states', () => {
    const index = new WorkspaceIndex();
    const e = index.set('a.md', INCIDENT);
    assert.equal(e.blocks.length, 3);
    assert.deepEqual(e.dominant, { state: 'FIN-WAIT-1', count: 2 });
    assert.equal(e.orphan?.value, 5200, 'the latest sample');
    assert.equal(e.orphan?.level, 'half', '5200 × 2 > 8192');
    assert.equal(e.firstTime?.iso, '2025-03-14T09:26:00');
    assert.equal(e.lastTime?.iso, '2025-03-14T09:41:00', 'a bare time takes the date before it');
    const blocks = index.blocks('a.md', { sort: 'time' });
    assert.deepEqual(
      blocks.map((b) => [b.line, b.states, b.orphans ?? null]),
      [
        [6, [], 3700],
        [10, [{ state: 'FIN-WAIT-1', count: 2 }, { state: 'ESTABLISHED', count: 1 }], null],
        [20, [], 5200],
      ],
    );
    assert.deepEqual(
      e.headings.map((h) => [h.line, h.depth, h.title]),
      [
        [0, 1, 'Incident 2025-03-14'],
        [4, 2, '2025-03-14 09:26 fin-wait-1 pile-up'],
        [18, 2, '09:41 later'],
      ],
    );
  });

  test('workspace symbols: blocks and headings carrying the matched state, counts, fuzzy queries', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', INCIDENT);
    index.set('b.md', TIME_WAIT_NOTE);
    const fw = index.symbols('fin-wait-1');
    assert.deepEqual(
      fw.filter((s) => s.id === 'FIN-WAIT-1').map((s) => [s.key, s.kind, s.line, s.count, s.unit]),
      [
        // The h1's section holds all four mentions; the h2's its own and the two ss rows.
        ['a.md', 'heading', 0, 4, 'mentions'],
        ['a.md', 'heading', 4, 3, 'mentions'],
        ['a.md', 'block', 10, 2, 'sockets'],
      ],
    );
    assert.equal(fw[0]?.id, 'FIN-WAIT-1', 'the exact id ranks first');
    assert.ok(index.symbols('finwait1').some((s) => s.id === 'FIN-WAIT-1'), 'separators do not matter');
    const orphans = index.symbols('tcp_max_orphans');
    assert.equal(orphans[0]?.id, 'net.ipv4.tcp_max_orphans');
    assert.ok(orphans.some((s) => s.kind === 'block' && s.line === 20));
    assert.deepEqual(index.symbols('zzzz'), []);
    assert.equal(index.symbols('', 2).length, 2, 'limit');
  });

  test('change: re-indexing a note replaces its mentions, symbols and tree entries', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', INCIDENT);
    const g = index.generation;
    assert.ok(index.symbols('fin-wait-1').length > 0);
    assert.equal(refs(index, 'FIN-WAIT-1').get('a.md')?.length, 4, 'asked before the change (the answer is cached)');
    index.set('a.md', '# Calm\n\nOnly CLOSE_WAIT now.\n');
    assert.ok(index.generation > g);
    assert.deepEqual(refs(index, 'FIN-WAIT-1'), new Map());
    assert.deepEqual(index.symbols('fin-wait-1').filter((s) => s.id === 'FIN-WAIT-1'), [], 'cached symbols are dropped');
    assert.deepEqual(refs(index, 'CLOSE-WAIT').get('a.md'), ['2:5+10']);
    assert.deepEqual(index.notes({ sort: 'count' }), [], 'no evidence blocks left');
    assert.deepEqual(index.symbols('close-wait').map((s) => [s.kind, s.line, s.title]), [['heading', 0, 'Calm']]);
  });

  test('a folder deleted or renamed: the notes under it, and only those', () => {
    const index = new WorkspaceIndex();
    index.set('file:///w/incidents/a.md', INCIDENT);
    index.set('file:///w/incidents/2025/b.md', TIME_WAIT_NOTE);
    index.set('file:///w/incidents-old/c.md', INCIDENT);
    index.set('file:///w/d.md', TIME_WAIT_NOTE);
    assert.equal(index.renameFolder('file:///w/incidents', 'file:///w/archive/incidents'), 2);
    assert.deepEqual([...index.keys()].sort(), ['file:///w/archive/incidents/2025/b.md', 'file:///w/archive/incidents/a.md', 'file:///w/d.md', 'file:///w/incidents-old/c.md']);
    assert.equal(refs(index, 'TIME-WAIT').has('file:///w/archive/incidents/2025/b.md'), true, 'references follow the move');
    assert.equal(index.symbols('fin-wait-1', 10).some((s) => s.key === 'file:///w/archive/incidents/a.md'), true, 'symbols follow the move');
    assert.equal(index.renameFolder('file:///w/nothing', 'file:///w/else'), 0);
    assert.equal(index.deleteFolder('file:///w/archive/'), 2);
    assert.deepEqual([...index.keys()].sort(), ['file:///w/d.md', 'file:///w/incidents-old/c.md'], 'a sibling whose name starts the same stays');
    assert.equal(refs(index, 'TIME-WAIT').has('file:///w/archive/incidents/2025/b.md'), false);
    assert.equal(index.deleteFolder('file:///w/incidents'), 0);
  });

  test('delete and rename', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', INCIDENT);
    index.set('b.md', TIME_WAIT_NOTE);
    assert.equal(index.rename('a.md', 'incidents/a.md'), true);
    assert.deepEqual([...refs(index, 'FIN-WAIT-1').keys()], ['incidents/a.md']);
    assert.deepEqual(index.symbols('fin-wait-1').filter((s) => s.id === 'FIN-WAIT-1').map((s) => s.key), ['incidents/a.md', 'incidents/a.md', 'incidents/a.md']);
    assert.equal(index.rename('missing.md', 'x.md'), false);
    assert.equal(index.delete('b.md'), true);
    assert.equal(index.delete('b.md'), false);
    assert.deepEqual(refs(index, 'TIME-WAIT'), new Map());
    assert.deepEqual([...index.keys()], ['incidents/a.md']);
    assert.equal(index.deleteWhere((k) => k.startsWith('incidents/')), 1);
    assert.equal(index.size, 0);
    assert.deepEqual(index.stats(), { notes: 0, chars: 0, mentions: 0, blocks: 0, headings: 0 });
  });

  test('a note with no TCP content: indexed, but nothing to find', () => {
    const index = new WorkspaceIndex();
    const e = index.set('shopping.md', '# Shopping\n\n- milk\n- bread\n\n```js\nconsole.log(1)\n```\n');
    assert.equal(index.has('shopping.md'), true);
    assert.equal(e.rows.length, 0);
    assert.equal(e.blocks.length, 0);
    assert.equal(e.headings.length, 0);
    assert.equal(e.dominant, undefined);
    assert.equal(e.orphan, undefined);
    assert.deepEqual(index.notes({ sort: 'time' }), []);
    assert.deepEqual(index.symbols(''), []);
    assert.deepEqual(index.stats().mentions, 0);
  });

  test('tree: notes sorted by count or time, filtered by state', () => {
    const index = new WorkspaceIndex();
    index.set('a.md', INCIDENT);
    index.set('b.md', TIME_WAIT_NOTE);
    index.set('c.md', '# c\n\n```\n$ ss -tan\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\n' + 'FIN-WAIT-1 0 0 10.0.0.1:80 10.0.0.2:4000\n'.repeat(5) + '```\n');
    assert.deepEqual(index.notes({ sort: 'count' }).map((n) => [n.key, n.count, n.state]), [
      ['c.md', 5, 'FIN-WAIT-1'],
      ['a.md', 2, 'FIN-WAIT-1'],
      ['b.md', 1, 'TIME-WAIT'],
    ]);
    assert.deepEqual(index.notes({ sort: 'time' })[0]?.key, 'a.md', 'the only dated note first');
    assert.deepEqual(index.notes({ sort: 'count', state: 'TIME-WAIT' }).map((n) => n.key), ['b.md']);
    assert.deepEqual(index.blocks('a.md', { sort: 'count', state: 'ESTABLISHED' }).map((b) => b.line), [10]);
    assert.deepEqual(index.notes({ sort: 'count', state: 'LAST-ACK' }), []);
  });

  test('headings are inert: no icon syntax, no control characters, bounded length', () => {
    assert.equal(inertTitle('$(alert) FIN-WAIT-1 ##'), '$\u200b(alert) FIN-WAIT-1');
    assert.equal(inertTitle('a\u202eb\u0007c'), 'a b c');
    assert.equal(inertTitle('x'.repeat(500)).length, 80);
  });
});

describe('workspace index: exclude patterns', () => {
  test('files.exclude and search.exclude globs over paths and their folders', () => {
    const excluded = excludeMatcher({ '**/node_modules': true, '**/.git': true, 'archive/**': true, '**/*.{tmp,bak}.md': true, off: false }, { 'drafts': true, '**/x?.md': { when: '$(basename).ts' } });
    assert.equal(excluded('node_modules/pkg/README.md'), true);
    assert.equal(excluded('a/b/node_modules/c.md'), true);
    assert.equal(excluded('archive/2024/old.md'), true);
    assert.equal(excluded('notes/archive/old.md'), false, 'archive/** is anchored at the root');
    assert.equal(excluded('drafts/one.md'), true);
    assert.equal(excluded('notes/one.tmp.md'), true);
    assert.equal(excluded('off/one.md'), false, 'a pattern set to false is off');
    assert.equal(excluded('xy.md'), false, 'conditional patterns are not applied');
    assert.equal(excluded('incidents/fin-wait-1.md'), false);
    assert.equal(excludeMatcher(undefined)('a.md'), false);
  });

  test('glob sources: classes, braces, malformed patterns', () => {
    assert.ok(new RegExp(`^${globSource('n[0-9].md')}$`).test('n7.md'));
    assert.ok(!new RegExp(`^${globSource('n[!0-9].md')}$`).test('n7.md'));
    assert.equal(globSource('{a,b'), undefined);
    assert.equal(globSource('[ab'), undefined);
    // The index applies the matcher to every watcher event: one test per folder level, bounded pattern size.
    assert.equal(globSource('*'.repeat(501)), undefined);
  });
});

describe('workspace index: fuzzy names', () => {
  test('subsequence, case- and separator-blind, exact and prefix first', () => {
    assert.ok(fuzzyScore('finwait1', 'finwait1') > fuzzyScore('finw', 'finwait1'));
    assert.ok(fuzzyScore('finw', 'finwait1') > fuzzyScore('fwt1', 'finwait1'));
    assert.ok(fuzzyScore('fwt1', 'finwait1') > 0);
    assert.equal(fuzzyScore('1tiawnif', 'finwait1'), 0);
    const ids = matchingIds('TIME_WAIT').map((m) => m.id);
    assert.equal(ids[0], 'TIME-WAIT');
    assert.equal(matchingIds('TcpExtTCPAbortOnMemory')[0]?.id, 'TcpExtTCPAbortOnMemory');
    assert.equal(matchingIds('AbortOnMemory')[0]?.id, 'TcpExtTCPAbortOnMemory');
    assert.equal(matchingIds('max_orphans')[0]?.id, 'net.ipv4.tcp_max_orphans');
  });
});

describe('workspace symbols: the best first, without sorting everything', () => {
  /** Every symbol of an id, with no limit: the heap keeps everything, and the order is one full sort. */
  function everything(index: WorkspaceIndex, id: string): { key: string; line: number; count: number; kind: string }[] {
    return index.symbols(id, 1_000_000).filter((s) => s.id === id).map((s) => ({ key: s.key, line: s.line, count: s.count, kind: s.kind }));
  }

  test('every limit gives the prefix of the full order, on a first (cold) query and after changes', () => {
    const note = (i: number) => {
      const rows = Array.from({ length: (i * 7) % 5 }, (_, k) => `FIN-WAIT-1 0 ${k} 10.0.0.1:443 10.0.0.9:${5000 + k}`);
      return [`# note ${i}`, '', `## fin-wait-1 ${i % 3}`, '', 'FIN_WAIT1 '.repeat(1 + (i % 4)), '', '```', '$ ss -tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows, '```', ''].join('\n');
    };
    const build = () => {
      const index = new WorkspaceIndex();
      for (let i = 0; i < 60; i++) index.set(`n/${String(59 - i).padStart(2, '0')}.md`, note(i));
      return index;
    };
    const built = build();
    const full = everything(built, 'FIN-WAIT-1');
    assert.ok(full.length > 60, 'blocks and headings of many notes');
    // The blocks in it are exactly the evidence tree's blocks with a FIN-WAIT-1 count.
    const treeBlocks = [...built.keys()].flatMap((key) => built.blocks(key, { sort: 'count', state: 'FIN-WAIT-1' }).map((b) => `${key}:${b.line}:${b.states.find((x) => x.state === 'FIN-WAIT-1')?.count}`));
    assert.deepEqual(full.filter((s) => s.kind === 'block').map((s) => `${s.key}:${s.line}:${s.count}`).sort(), treeBlocks.sort());
    for (let i = 1; i < full.length; i++) {
      const a = full[i - 1] as (typeof full)[number];
      const b = full[i] as (typeof full)[number];
      assert.ok(a.count > b.count || (a.count === b.count && (a.key < b.key || (a.key === b.key && a.line < b.line))), 'sorted: count, key, line');
    }
    for (const limit of [1, 2, 5, 17, 50, full.length - 1, full.length, full.length + 3]) {
      const cold = build().symbols('fin-wait-1', limit).filter((s) => s.id === 'FIN-WAIT-1').map((s) => ({ key: s.key, line: s.line, count: s.count, kind: s.kind }));
      assert.deepEqual(cold, full.slice(0, limit), `cold, limit ${limit}`);
    }
    // A small answer cached, then a larger one asked: recomputed, not cut short.
    const index = build();
    assert.equal(index.symbols('fin-wait-1', 3).length, 3);
    assert.deepEqual(index.symbols('fin-wait-1', 40).filter((s) => s.id === 'FIN-WAIT-1').map((s) => ({ key: s.key, line: s.line, count: s.count, kind: s.kind })), full.slice(0, 40));
    // A change drops the cached answer.
    index.set('n/00.md', note(4).replace(/^FIN-WAIT-1 0 0/m, 'FIN-WAIT-1 0 0\nFIN-WAIT-1 0 0\nFIN-WAIT-1 0 0\nFIN-WAIT-1 0 0\nFIN-WAIT-1 0 0\nFIN-WAIT-1 0 0'));
    assert.equal(index.symbols('fin-wait-1', 1)[0]?.key, 'n/00.md', 'the changed note has the largest block now');
  });
});
