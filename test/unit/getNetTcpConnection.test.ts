/**
 * PowerShell `Get-NetTCPConnection` per-socket tables as evidence: the default view (PowerShell 5.1 and 7),
 * `-State X`, `Select-Object … | Format-Table` (fewer, reordered columns, numbers right-aligned), `ft -AutoSize`,
 * empty AppliedSetting cells, IPv6 with zones, .NET states with no Linux state (Bound, DeleteTCB), the table's end,
 * CRLF; `Format-List` records; the rows as connections; and through the built CLI (`scan --json`, `report --json`).
 * Fixtures: test/fixtures/evidence/powershell-nettcp*.txt, aligned as Format-Table aligns (made-up addresses).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { parseEvidence } from '../../src/core/evidence/parse';
import type { EvidenceSegment } from '../../src/core/evidence/types';
import { connectionsOfText, socketsByState } from '../../src/core/evidence/connections';
import { formatPastedEvidence } from '../../src/core/evidence/pasteEvidence';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { describeEvidence, evidenceKindLabel } from '../../src/core/note/evidenceNames';
import { summarizeEvidence } from '../../src/core/note/navigation';
import { tempDir } from './tempDir';

const fixture = (name: string): string => readFileSync(join(fixtureDir('evidence'), name), 'utf8');

function only(segments: readonly EvidenceSegment[]): EvidenceSegment {
  assert.equal(segments.length, 1, `expected one segment, got ${JSON.stringify(segments)}`);
  const s = segments[0] as EvidenceSegment;
  assert.equal(s.kind, 'get-nettcpconnection');
  return s;
}

/** A Format-Table block: `header`, its dashes (as long as each name, under it), then the rows as given. */
function table(header: string, rows: readonly string[]): string {
  const dashes = header.replace(/\S/g, '-');
  return [header, dashes, ...rows].join('\n');
}

describe('Get-NetTCPConnection tables: counts', () => {
  it('the default view (CRLF): .NET state names count, Bound is listed but not counted', () => {
    const text = fixture('powershell-nettcp.txt');
    assert.ok(text.includes('\r\n'));
    const s = only(parseEvidence(text));
    assert.deepEqual(s.counts, { LISTEN: 2, ESTABLISHED: 3, 'TIME-WAIT': 1, 'CLOSE-WAIT': 1 });
    assert.equal(s.listed, 8);
    assert.equal(s.filteredState, undefined);
    // Header, dashes and the eight rows; not the command line, the blank line or the closing prompt.
    assert.equal(s.startLine, 2);
    assert.equal(s.endLine, 12);
  });

  it('-State TimeWait: the rows of that state, and the listing says it was filtered', () => {
    const s = only(parseEvidence(fixture('powershell-nettcp-state.txt')));
    assert.deepEqual(s.counts, { 'TIME-WAIT': 3 });
    assert.equal(s.listed, 3);
    assert.equal(s.filteredState, 'TIME-WAIT');
    // Two states, or a value that is no Linux state: no single filtered state.
    const rows = fixture('powershell-nettcp-state.txt').split('\n').slice(1).join('\n');
    assert.equal(only(parseEvidence('PS C:\\> Get-NetTCPConnection -State TimeWait,CloseWait\n' + rows)).filteredState, undefined);
    assert.equal(only(parseEvidence('PS C:\\> Get-NetTCPConnection -State Bound\n' + rows)).filteredState, undefined);
    assert.equal(only(parseEvidence('PS C:\\> Get-NetTCPConnection -LocalPort 443 -State timewait\n' + rows)).filteredState, 'TIME-WAIT');
    assert.equal(only(parseEvidence('PS C:\\> Get-NetTCPConnection -st:TimeWait\n' + rows)).filteredState, 'TIME-WAIT');
    // A table under it that shows other states is not that filter's output.
    const other = fixture('powershell-nettcp.txt').split('\r\n').slice(2).join('\n');
    assert.equal(only(parseEvidence('PS C:\\> Get-NetTCPConnection -State TimeWait\n' + other)).filteredState, undefined);
  });

  it('Select-Object … | Format-Table: columns found by the header, numbers right-aligned; DeleteTCB not counted', () => {
    const s = only(parseEvidence(fixture('powershell-nettcp-select.txt')));
    assert.deepEqual(s.counts, { ESTABLISHED: 1, 'FIN-WAIT-2': 1, 'LAST-ACK': 1, 'SYN-SENT': 1 });
    assert.equal(s.listed, 5);
  });

  it('ft -AutoSize: narrower columns, headers wider than their values, IPv6 wider than its header', () => {
    const s = only(parseEvidence(fixture('powershell-nettcp-autosize.txt')));
    assert.deepEqual(s.counts, { LISTEN: 1, ESTABLISHED: 3, 'TIME-WAIT': 1, 'CLOSE-WAIT': 1 });
    assert.equal(s.listed, 6);
  });

  it('an empty AppliedSetting before State does not shift the State column (whitespace splitting would)', () => {
    const text = table('LocalAddress LocalPort AppliedSetting State       OwningProcess', [
      '10.0.0.5           443 Internet       Established          4120',
      '10.0.0.5           443                TimeWait                0',
      '0.0.0.0            445                Listen                  4',
    ]);
    const s = only(parseEvidence(text));
    assert.deepEqual(s.counts, { ESTABLISHED: 1, 'TIME-WAIT': 1, LISTEN: 1 });
    assert.equal(s.listed, 3);
  });

  it('a value with spaces (CreationTime) in a column before State: its tokens stay in their column', () => {
    const text = table('LocalAddress LocalPort CreationTime         State', [
      '10.0.0.5         51234 12/5/2026 9:00:01 AM Established',
      '10.0.0.5         51230 12/5/2026 8:59:40 AM TimeWait',
    ]);
    const s = only(parseEvidence(text));
    assert.deepEqual(s.counts, { ESTABLISHED: 1, 'TIME-WAIT': 1 });
    assert.deepEqual(
      connectionsOfText(text).map((c) => [c.state, c.local?.port]),
      [
        ['ESTABLISHED', 51234],
        ['TIME-WAIT', 51230],
      ],
    );
  });

  it('every .NET TcpState name that has a Linux state counts; Bound and DeleteTCB are listed only', () => {
    const names: [string, string | undefined][] = [
      ['Closed', 'CLOSED'],
      ['Listen', 'LISTEN'],
      ['SynSent', 'SYN-SENT'],
      ['SynReceived', 'SYN-RECEIVED'],
      ['Established', 'ESTABLISHED'],
      ['FinWait1', 'FIN-WAIT-1'],
      ['FinWait2', 'FIN-WAIT-2'],
      ['CloseWait', 'CLOSE-WAIT'],
      ['Closing', 'CLOSING'],
      ['LastAck', 'LAST-ACK'],
      ['TimeWait', 'TIME-WAIT'],
      ['DeleteTCB', undefined],
      ['Bound', undefined],
    ];
    const rows = names.map(([n], i) => `10.0.0.5     ${String(50000 + i).padEnd(9)} 192.0.2.7     443        ${n.padEnd(11)}`);
    const s = only(parseEvidence(table('LocalAddress LocalPort RemoteAddress RemotePort State', rows)));
    const want: Record<string, number> = {};
    for (const [, id] of names) if (id !== undefined) want[id] = 1;
    assert.deepEqual(s.counts, want);
    assert.equal(s.listed, 13);
  });

  it('ends at the next command; prose after it is not part of it; a second table is a second listing', () => {
    const def = fixture('powershell-nettcp.txt').replace(/\r\n/g, '\n').split('\n');
    const text = [
      ...def.slice(0, 12), // the command, a blank line, the table
      'Most of them are the browser.',
      'PS C:\\> Get-NetTCPConnection | Group-Object State | Select-Object Count,Name',
      '',
      'Count Name',
      '----- ----',
      '    3 Established',
      '    2 Listen',
    ].join('\n');
    const segs = parseEvidence(text);
    assert.deepEqual(
      segs.map((s) => [s.kind, s.startLine, s.endLine, s.counts]),
      [
        ['get-nettcpconnection', 2, 12, { LISTEN: 2, ESTABLISHED: 3, 'TIME-WAIT': 1, 'CLOSE-WAIT': 1 }],
        ['state-counts', 17, 19, { ESTABLISHED: 3, LISTEN: 2 }],
      ],
    );
    const twice = parseEvidence([...def.slice(2, 6), '', ...def.slice(2, 5)].join('\n'));
    assert.deepEqual(
      twice.map((s) => [s.kind, s.startLine, s.endLine, s.listed]),
      [
        ['get-nettcpconnection', 0, 4, 2],
        ['get-nettcpconnection', 5, 8, 1],
      ],
    );
  });

  it('without the command line too (the header says what it is); rows spaced by hand or with tabs are read in order', () => {
    const text = fixture('powershell-nettcp.txt').split('\r\n').slice(2).join('\n');
    assert.equal(only(parseEvidence(text)).listed, 8);
    const loose = table('LocalAddress LocalPort RemoteAddress RemotePort State OwningProcess', ['10.0.0.5 51234 52.96.1.2 443 Established 4120', '10.0.0.5\t51230\t52.96.1.2\t443\tTimeWait\t0']);
    assert.deepEqual(only(parseEvidence(loose)).counts, { ESTABLISHED: 1, 'TIME-WAIT': 1 });
  });

  it('not a Get-NetTCPConnection table: no dashes, no State column, no address column, script lines', () => {
    const notTables = [
      'LocalAddress LocalPort RemoteAddress RemotePort State\n10.0.0.5 443 52.96.1.2 50123 Established',
      table('LocalAddress LocalPort RemoteAddress RemotePort', ['10.0.0.5     443       52.96.1.2     50123']),
      table('Name        State   Status', ['vEthernet   Up      Established']),
      '$c = Get-NetTCPConnection | Where-Object { $_.State -eq "TimeWait" -and $_.LocalPort -eq 443 }\n$c.Count',
      table('LocalAddress LocalPort State', ['------------ --------- -----']),
    ];
    for (const text of notTables) assert.deepEqual(parseEvidence(text), [], text);
  });

  it('a truncated address (Format-Table cuts values to the column) still counts its row', () => {
    const text = table('LocalAddress                        LocalPort RemoteAddress                       RemotePort State', [
      '2001:db8:85a3:1234:5678:8a2e:370:7…  51234     2001:db8:85a3:1234:5678:8a2e:370:7… 443        Established',
    ]);
    assert.deepEqual(only(parseEvidence(text)).counts, { ESTABLISHED: 1 });
    // …and is a connection of that state, without the endpoints it cannot tell.
    assert.deepEqual(connectionsOfText(text), [{ line: 2, source: 'get-nettcpconnection', state: 'ESTABLISHED' }]);
  });

  it('stays linear and never throws on a header of many columns and long rows', () => {
    const header = Array.from({ length: 2000 }, (_, i) => (i === 0 ? 'State' : i === 1 ? 'LocalPort' : `C${i}`)).join(' ');
    const row = Array.from({ length: 2000 }, (_, i) => (i === 0 ? 'Listen' : 'x'.repeat(`C${i}`.length))).join(' ');
    const text = table(header, Array.from({ length: 200 }, () => row));
    const t0 = Date.now();
    parseEvidence(text);
    connectionsOfText(text);
    assert.ok(Date.now() - t0 < 2000);
  });
});

describe('Get-NetTCPConnection tables: connections', () => {
  it('rows give local and remote endpoints (IPv6 zones dropped, a listener has no peer), the state and the owning PID', () => {
    const r = connectionsOfText(fixture('powershell-nettcp.txt'));
    assert.equal(r.length, 8);
    assert.ok(r.every((c) => c.source === 'get-nettcpconnection'));
    assert.deepEqual(r[0], { line: 4, source: 'get-nettcpconnection', state: 'LISTEN', local: { address: '*', family: 0, port: 49669 }, peer: { address: '*', family: 0 }, processes: ['PID 3456'] });
    assert.deepEqual(r[1], {
      line: 5,
      source: 'get-nettcpconnection',
      state: 'ESTABLISHED',
      local: { address: 'fe80::1c2d:3e4f:5a6b:7c8d', family: 6, port: 50500 },
      peer: { address: 'fe80::9a8b:7c6d:5e4f:3a2b', family: 6, port: 445 },
      processes: ['PID 4'],
    });
    assert.equal(r[3]?.processes, undefined, 'TimeWait, OwningProcess 0: no process holds it');
    assert.deepEqual(socketsByState(r).get('CLOSE-WAIT')?.processes, [{ name: 'PID 4120', count: 1 }]);
    assert.equal(r[6]?.state, undefined, 'Bound: no Linux state');
    const est = socketsByState(r).get('ESTABLISHED');
    assert.equal(est?.listed, 3);
    assert.deepEqual(est?.localPorts.map((p) => p.port).sort(), [50311, 50500, 51234]);
  });

  it('reordered, right-aligned and AutoSize columns give the same fields', () => {
    const sel = connectionsOfText(fixture('powershell-nettcp-select.txt'));
    assert.deepEqual(
      sel.map((c) => [c.state, c.local?.address, c.local?.port, c.peer?.address, c.peer?.port]),
      [
        ['ESTABLISHED', '10.0.0.5', 51234, '52.96.1.2', 443],
        ['FIN-WAIT-2', '10.0.0.5', 51240, '52.96.1.9', 443],
        ['LAST-ACK', '10.0.0.5', 80, '192.0.2.10', 8080],
        ['SYN-SENT', '10.0.0.5', 51250, '203.0.113.7', 3389],
        [undefined, '10.0.0.5', 51199, '52.96.1.2', 443],
      ],
    );
    const auto = connectionsOfText(fixture('powershell-nettcp-autosize.txt'));
    assert.deepEqual(
      auto.map((c) => [c.state, c.local?.port, c.peer?.address]),
      [
        ['LISTEN', 49669, '*'],
        ['ESTABLISHED', 50500, 'fe80::9a8b:7c6d:5e4f:3a2b'],
        ['ESTABLISHED', 51234, '52.96.1.2'],
        ['TIME-WAIT', 51230, '52.96.1.2'],
        ['CLOSE-WAIT', 51231, '52.96.1.3'],
        ['ESTABLISHED', 50311, '127.0.0.1'],
      ],
    );
    const tw = connectionsOfText(fixture('powershell-nettcp-state.txt'));
    assert.deepEqual(tw[2]?.peer, { address: '2001:db8:20::7', family: 6, port: 443 });
  });

  it('the report of a note: per-state counts from the rows, with peers and local ports', () => {
    const note = ['# Windows host', '', '```powershell', fixture('powershell-nettcp-state.txt').trimEnd(), '```', ''].join('\n');
    const json = buildReport(analyzeNote(note), { file: 'win.md', lang: 'en' }).json;
    const tw = json.states['TIME-WAIT'];
    assert.equal(tw?.count, 3);
    assert.equal(tw?.sockets.listed, 3);
    assert.deepEqual(tw?.sockets.peers, [
      { address: '52.96.1.2', count: 2 },
      { address: '2001:db8:20::7', count: 1 },
    ]);
  });
});

describe('Get-NetTCPConnection | Format-List', () => {
  it('records (blank lines between them) count by their State; Bound is listed only; the closing prompt is not part', () => {
    const s = only(parseEvidence(fixture('powershell-nettcp-list.txt')));
    assert.deepEqual(s.counts, { ESTABLISHED: 2, 'TIME-WAIT': 1 });
    assert.equal(s.listed, 4);
    assert.equal(s.startLine, 3);
    assert.equal(s.endLine, 42);
    const crlf = only(parseEvidence(fixture('powershell-nettcp-list.txt').replace(/\n/g, '\r\n')));
    assert.deepEqual([crlf.counts, crlf.listed], [s.counts, s.listed]);
  });

  it('Select-Object of five or more properties (a list by default), any key order, -State filter', () => {
    const text = [
      'PS C:\\> Get-NetTCPConnection -State CloseWait | Select-Object State,OwningProcess,LocalPort,RemoteAddress,RemotePort',
      '',
      'State         : CloseWait',
      'OwningProcess : 4120',
      'LocalPort     : 8080',
      'RemoteAddress : 192.0.2.10',
      'RemotePort    : 51000',
      '',
      'State         : CloseWait',
      'OwningProcess : 4120',
      'LocalPort     : 8080',
      'RemoteAddress : 192.0.2.11',
      'RemotePort    : 51001',
    ].join('\n');
    const s = only(parseEvidence(text));
    assert.deepEqual(s.counts, { 'CLOSE-WAIT': 2 });
    assert.equal(s.listed, 2);
    assert.equal(s.filteredState, 'CLOSE-WAIT');
    assert.deepEqual(
      connectionsOfText(text).map((c) => [c.line, c.state, c.local?.port, c.peer?.address, c.peer?.port]),
      [
        [2, 'CLOSE-WAIT', 8080, '192.0.2.10', 51000],
        [8, 'CLOSE-WAIT', 8080, '192.0.2.11', 51001],
      ],
    );
    assert.deepEqual(socketsByState(connectionsOfText(text)).get('CLOSE-WAIT')?.processes, [{ name: 'PID 4120', count: 2 }], 'OwningProcess in a list');
  });

  it('records become connections with their endpoints', () => {
    const r = connectionsOfText(fixture('powershell-nettcp-list.txt'));
    assert.deepEqual(
      r.map((c) => [c.line, c.source, c.state, c.local?.address, c.local?.port, c.peer?.address, c.peer?.port]),
      [
        [3, 'get-nettcpconnection', 'ESTABLISHED', '10.0.0.5', 51234, '52.96.1.2', 443],
        [13, 'get-nettcpconnection', 'TIME-WAIT', '10.0.0.5', 51230, '52.96.1.2', 443],
        [23, 'get-nettcpconnection', 'ESTABLISHED', 'fe80::1c2d:3e4f:5a6b:7c8d', 50500, 'fe80::9a8b:7c6d:5e4f:3a2b', 445],
        [33, 'get-nettcpconnection', undefined, '*', 50200, '*', undefined],
      ],
    );
  });

  it('not a Get-NetTCPConnection list: no State key, no address or port key, values of the wrong shape', () => {
    const notLists = [
      'LocalAddress  : 10.0.0.5\nLocalPort     : 443\nRemoteAddress : 52.96.1.2\nRemotePort    : 50123',
      'Name   : vEthernet\nState  : Established\nStatus : Up',
      'LocalPort : https\nState     : Established',
      'LocalAddress : somewhere\nState        : Established',
      'State     : not a state\nLocalPort : 443',
    ];
    for (const text of notLists) assert.deepEqual(parseEvidence(text), [], text);
  });
});

describe('Get-NetTCPConnection tables: the block', () => {
  it('names the block in English and Chinese; paste as evidence offers for it', () => {
    assert.equal(evidenceKindLabel('get-nettcpconnection', 'en'), 'Get-NetTCPConnection output');
    assert.equal(evidenceKindLabel('get-nettcpconnection', 'zh-cn'), 'Get-NetTCPConnection 输出');
    const model = analyzeNote(['```', fixture('powershell-nettcp-state.txt').trimEnd(), '```', ''].join('\n'));
    const block = model.evidence[0];
    assert.ok(block);
    assert.equal(describeEvidence(summarizeEvidence(block), 'en'), 'Get-NetTCPConnection output: 3 TIME-WAIT');
    const pasted = formatPastedEvidence(fixture('powershell-nettcp.txt').split('\r\n').slice(2).join('\n'), '2026-12-04T16:05:09+08:00');
    assert.deepEqual(pasted?.kinds, ['get-nettcpconnection']);
  });
});

describe('Get-NetTCPConnection tables: the built CLI', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const dir = tempDir('tsn-gnc-');
  const note = join(dir, 'windows.md');
  writeFileSync(note, ['# Windows host', '', '```', fixture('powershell-nettcp.txt').replace(/\r\n/g, '\n').trimEnd(), '```', ''].join('\n'));
  const run = (...args: string[]): unknown => {
    assert.ok(existsSync(cli), 'dist/cli.js is built');
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as unknown;
  };

  it('scan --json: the block is evidence with its counts and listed', () => {
    const json = run('scan', note, '--json') as { evidence: { kinds: string[]; counts: object; listed: number }[] };
    assert.equal(json.evidence.length, 1);
    assert.deepEqual(json.evidence[0]?.kinds, ['get-nettcpconnection']);
    assert.deepEqual(json.evidence[0]?.counts, { LISTEN: 2, ESTABLISHED: 3, 'TIME-WAIT': 1, 'CLOSE-WAIT': 1 });
    assert.equal(json.evidence[0]?.listed, 8);
  });

  it('report --json: per-state counts and per-connection detail', () => {
    const json = run('report', note, '--json') as { states: Record<string, { count: number; sockets?: { listed: number; peers: { address: string; count: number }[]; localPorts: { port: number }[] } }> };
    assert.equal(json.states.ESTABLISHED?.count, 3);
    assert.equal(json.states.ESTABLISHED?.sockets?.listed, 3);
    assert.deepEqual(json.states['CLOSE-WAIT']?.sockets?.peers, [{ address: '52.96.1.3', count: 1 }]);
    assert.equal(json.states.LISTEN?.count, 2);
    assert.deepEqual(json.states.LISTEN?.sockets?.localPorts.map((p) => p.port).sort((a, b) => a - b), [445, 49669]);
  });
});
