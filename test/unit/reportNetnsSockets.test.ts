/**
 * The listings' details (Listed, Top peers, Top networks, Timers, Send-Q, Max retrans.) per network namespace: sockets
 * listed in two pods are different sockets even with equal endpoints, so the "a socket listed twice counts once" rule
 * holds within one namespace only, and each States row shows its own namespace's listings ("—" for a namespace with a
 * count but no listing). JSON `states[].sockets` stays the summary of every namespace's listings;
 * `states[].netnsSockets` splits it. Notes with no namespace keep their report (an output without its command may be
 * any namespace's: all listings are one group, as before). From the core, the editor's lens, and the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { blockConnectionSummary, stateEvidenceMarkdown } from '../../src/core/report/summaries';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const report = (lines: readonly string[], lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(lines.join('\n')), { file: 'n.md', lang });
const HEAD = 'State      Recv-Q Send-Q Local Address:Port Peer Address:Port';
const listing = (command: string | undefined, rows: readonly string[]): string[] => ['```', ...(command !== undefined ? [`$ ${command}`] : []), HEAD, ...rows, '```', ''];
const A_ROWS = ['FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000', 'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.3:5000'];
const B_ROWS = ['FIN-WAIT-1 0      1000   10.0.0.9:443       10.0.0.2:5000'];
const PODS = ['# two pods', '', ...listing('kubectl exec -n shop api-a -- ss -tan', A_ROWS), ...listing('kubectl exec -n shop api-b -- ss -tan', B_ROWS)];

describe('listing details per network namespace', () => {
  it('each row shows its own namespace\'s listings (en, zh-CN)', () => {
    const md = reportMarkdown(report(PODS), 'en');
    assert.match(md, /\n\| FIN-WAIT-1 \(network namespace: kubectl shop\/api-b\) \| 1 \| 1 \| 10\.0\.0\.2 \(1\) \| 10\.0\.0\.0\/24 \(1\) \| — \| 1 \(1,000\) \| — \|\n/, 'was Listed 2 with api-a\'s peers');
    assert.match(md, /\n\| FIN-WAIT-1 \(network namespace: kubectl shop\/api-a\) \| 2 \| 2 \| 10\.0\.0\.2 \(1\), 10\.0\.0\.3 \(1\) \| 10\.0\.0\.0\/24 \(2\) \| — \| 2 \(1,000\) \| — \|\n/, 'was all —');
    const zh = reportMarkdown(report(PODS, 'zh-cn'), 'zh-cn');
    assert.match(zh, /\n\| FIN-WAIT-1（网络命名空间：kubectl shop\/api-a） \| 2 \| 2 \| 10\.0\.0\.2 \(1\), 10\.0\.0\.3 \(1\) \|/);
  });

  it('a socket is one socket within its namespace only: the same endpoints in two pods are two sockets', () => {
    const j = report(PODS).json;
    const fw1 = j.states['FIN-WAIT-1'];
    assert.equal(fw1?.sockets.listed, 3, 'was 2: api-b\'s 10.0.0.2:5000 → :443 taken for api-a\'s');
    assert.deepEqual(fw1?.sockets.peers, [
      { address: '10.0.0.2', count: 2 },
      { address: '10.0.0.3', count: 1 },
    ]);
    assert.deepEqual(
      fw1?.netnsSockets?.map((x) => [x.netns ?? null, x.sockets.listed, x.sockets.peers.map((p) => p.address)]),
      [
        ['kubectl shop/api-b', 1, ['10.0.0.2']],
        ['kubectl shop/api-a', 2, ['10.0.0.2', '10.0.0.3']],
      ],
    );
    // Listed twice in one pod: still one socket.
    const twice = report(['# one pod', '', ...listing('kubectl exec -n shop api-a -- ss -tan', A_ROWS), ...listing('kubectl exec -n shop api-a -- ss -tan state fin-wait-1', A_ROWS)]).json.states['FIN-WAIT-1'];
    assert.equal(twice?.sockets.listed, 2);
    assert.equal(twice?.netnsSockets, undefined, 'one namespace: its sockets are the state\'s');
  });

  it("the node's listing and a pod's: each row its own; a namespace counted but not listed shows —", () => {
    const node = listing('ss -tan', ['FIN-WAIT-1 0      5      192.168.1.5:22     192.168.1.9:5000']);
    const podCount = ['```', '$ kubectl exec api-a -- ss -tan state fin-wait-1 | wc -l', '41', '```', ''];
    const md = reportMarkdown(report(['# node and pod', '', ...node, ...podCount]), 'en');
    assert.match(md, /\n\| FIN-WAIT-1 \(network namespace: kubectl \/api-a\) \| 40 \| — \| — \| — \| — \| — \| — \|\n/, 'was the node\'s listing on the pod\'s row');
    assert.match(md, /\n\| FIN-WAIT-1 \| 1 \| 1 \| 192\.168\.1\.9 \(1\) \|/);
    const j = report(['# node and pod', '', ...node, ...podCount]).json.states['FIN-WAIT-1'];
    assert.equal(j?.sockets.listed, 1);
    assert.deepEqual(
      j?.netnsSockets?.map((x) => [x.netns ?? null, x.sockets.listed]),
      [[null, 1]],
    );
  });

  it('an output pasted without its command may be any namespace\'s: all listings one group, as before', () => {
    const lines = ['# unknown', '', ...listing('kubectl exec -n shop api-a -- ss -tan', A_ROWS), ...listing(undefined, A_ROWS)];
    const j = report(lines).json.states['FIN-WAIT-1'];
    assert.equal(j?.sockets.listed, 2);
    assert.equal(j?.netnsSockets, undefined);
    assert.match(reportMarkdown(report(lines), 'en'), /\n\| FIN-WAIT-1 \| 2 \| 2 \| 10\.0\.0\.2 \(1\), 10\.0\.0\.3 \(1\) \|/);
  });

  it('the hover and the lens of a block with two pods\' listings count their sockets apart', () => {
    const rows = (local: string): string[] => [`FIN-WAIT-1 0 1000 ${local}:443 10.0.0.2:5000 timer:(persist,1.2sec,3)`];
    const note = ['```', '$ kubectl exec api-a -- ss -tano', HEAD, ...rows('10.0.0.1'), '$ kubectl exec api-b -- ss -tano', HEAD, ...rows('10.0.0.9'), '```', ''].join('\n');
    const model = analyzeNote(note);
    const block = model.evidence[0];
    assert.ok(block);
    assert.match(blockConnectionSummary(model, block, 'en')?.title ?? '', /^2 FIN-WAIT-1 · timers persist 2/, 'was 1: the two pods\' sockets taken for one');
    assert.match(stateEvidenceMarkdown(model, 'FIN-WAIT-1', 'en') ?? '', / 2 FIN-WAIT-1 · timers persist 2/);
  });

  it('through the built CLI', () => {
    const file = join(tempDir('tsn-netns-sockets-'), 'pods.md');
    writeFileSync(file, PODS.join('\n'));
    const j = JSON.parse(cliOut(['report', '--json', file])) as { states: Record<string, { sockets: { listed: number }; netnsSockets?: { netns?: string; sockets: { listed: number } }[] }> };
    assert.equal(j.states['FIN-WAIT-1']?.sockets.listed, 3);
    assert.deepEqual(j.states['FIN-WAIT-1']?.netnsSockets?.map((x) => [x.netns, x.sockets.listed]), [['kubectl shop/api-b', 1], ['kubectl shop/api-a', 2]]);
    assert.match(cliOut(['report', file]), /\| FIN-WAIT-1 \(network namespace: kubectl shop\/api-b\) \| 1 \| 1 \| 10\.0\.0\.2 \(1\) \|/);
  });
});
