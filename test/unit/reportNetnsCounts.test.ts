/**
 * Per-state counts read in different network namespaces (a node's `ss` beside a pod's `nsenter … ss`, two pods'
 * `kubectl exec`) are different sockets of different places: the report neither adds them up nor trends one against
 * the other, as it does for sockstat `tw` (report/netns.ts). Each state's count is its latest count's namespace's;
 * the other namespaces' counts stand beside it (JSON `states[].netns`, `states[].otherNetns`), each a row of the
 * States table that names its namespace when it is not the host's (as the timeline's rows do). Counts of one namespace that the commands tell apart
 * (`ss -4` and `ss -6`) still add up. From the core and through the built CLI, in English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const report = (lines: readonly string[], lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(lines.join('\n')), { file: 'n.md', lang });

const uniq = (wrapper: string, rows: readonly string[]): string[] => [`$ ${wrapper}sh -c "ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c"`, ...rows];
const PODS = ['```', ...uniq('kubectl exec api-7d9f-a -- ', ['   3100 FIN-WAIT-1', '    900 ESTAB']), ...uniq('kubectl exec api-7d9f-b -- ', ['   2900 FIN-WAIT-1', '   1400 ESTAB']), '```'];

describe('per-state counts of several network namespaces', () => {
  it('two pods in one block: not added; the latest is the count, the other pod\'s stands beside it', () => {
    const j = report(PODS).json;
    const fw1 = j.states['FIN-WAIT-1'];
    assert.equal(fw1?.count, 2900, 'was 6,000: the two pods\' sockets added up as one host\'s');
    assert.equal(fw1?.netns, 'kubectl /api-7d9f-b');
    assert.deepEqual(fw1?.otherNetns, [{ netns: 'kubectl /api-7d9f-a', count: 3100, countLine: 2, atLeast: false }]);
    assert.equal(j.states.ESTABLISHED?.count, 1400);
    assert.deepEqual(j.states.ESTABLISHED?.otherNetns?.map((o) => o.count), [900]);
  });

  it('the States table has a row per namespace, each naming it (en, zh-CN)', () => {
    const md = reportMarkdown(report(PODS), 'en');
    assert.match(md, /\n\| FIN-WAIT-1 \(network namespace: kubectl \/api-7d9f-b\) \| 2,900 \|/);
    assert.match(md, /\n\| FIN-WAIT-1 \(network namespace: kubectl \/api-7d9f-a\) \| 3,100 \| — \|/);
    assert.doesNotMatch(md, /6,000/);
    const zh = reportMarkdown(report(PODS, 'zh-cn'), 'zh-cn');
    assert.match(zh, /\n\| FIN-WAIT-1（网络命名空间：kubectl \/api-7d9f-a） \| 3,100 \|/);
  });

  it("a node's count and a pod's, in one block or two: the later stands, the other beside it; the host's row names none", () => {
    const pod = ['# nsenter -t 4821 -n ss -tan state last-ack | wc -l', '1841'];
    const node = ['# ss -tan state last-ack | wc -l', '6'];
    for (const lines of [['```', ...pod, ...node, '```'], ['```', ...pod, '```', '', '```', ...node, '```']]) {
      const r = report(lines);
      const la = r.json.states['LAST-ACK'];
      assert.equal(la?.count, 5, 'was 1,845: the pod\'s 1,840 and the node\'s 5 added up');
      assert.equal(la?.netns, undefined);
      assert.deepEqual(la?.otherNetns, [{ netns: 'nsenter 4821', count: 1840, countLine: 2, atLeast: false }]);
      const md = reportMarkdown(r, 'en');
      assert.match(md, /\n\| LAST-ACK \| 5 \|/);
      assert.match(md, /\n\| LAST-ACK \(network namespace: nsenter 4821\) \| 1,840 \|/);
    }
    // The pod's count later: it is the count, and the node's stands beside it with no namespace named.
    const later = report(['```', ...node, '```', '', '```', ...pod, '```']).json.states['LAST-ACK'];
    assert.equal(later?.count, 1840);
    assert.equal(later?.netns, 'nsenter 4821');
    assert.deepEqual(later?.otherNetns, [{ count: 5, countLine: 2, atLeast: false }]);
  });

  it('one namespace only: no otherNetns; the count and its row still say where it was read, as a timeline row does', () => {
    const one = ['```', ...uniq('kubectl exec api-7d9f-a -- ', ['   3100 FIN-WAIT-1', '    900 ESTAB']), '```'];
    const r = report(one);
    assert.equal(r.json.states['FIN-WAIT-1']?.count, 3100);
    assert.equal(r.json.states['FIN-WAIT-1']?.netns, 'kubectl /api-7d9f-a');
    assert.equal(r.json.states['FIN-WAIT-1']?.otherNetns, undefined);
    assert.match(reportMarkdown(r, 'en'), /\n\| FIN-WAIT-1 \(network namespace: kubectl \/api-7d9f-a\) \| 3,100 \|/);
    // The same pod looked at twice: its later count, nothing beside it.
    const twice = report([...PODS.map((l) => l.replace('api-7d9f-b', 'api-7d9f-a'))]).json.states['FIN-WAIT-1'];
    assert.equal(twice?.count, 2900);
    assert.equal(twice?.otherNetns, undefined);
  });

  it('counts of one namespace that the commands tell apart (-4, -6) still add up; per namespace', () => {
    const v6 = (w: string) => [`$ ${w}ss -tan -6 | awk 'NR>1 {print $1}' | sort | uniq -c`, '    806 FIN-WAIT-1'];
    const v4 = (w: string) => [`$ ${w}ss -tan -4 | awk 'NR>1 {print $1}' | sort | uniq -c`, '      6 FIN-WAIT-1'];
    const j = report(['```', ...v6(''), ...v4(''), ...v6('ip netns exec blue '), ...v4('ip netns exec blue '), '```']).json;
    assert.equal(j.states['FIN-WAIT-1']?.count, 812);
    assert.equal(j.states['FIN-WAIT-1']?.netns, 'netns blue');
    assert.deepEqual(j.states['FIN-WAIT-1']?.otherNetns?.map((o) => [o.netns ?? null, o.count]), [[null, 812]]);
  });

  it('an output whose command is not shown may be any namespace\'s: the latest count stands, nothing beside it', () => {
    const j = report(['```', '# nsenter -t 4821 -n ss -tan state last-ack | wc -l', '1841', '```', '', '```', '      3 LAST-ACK', '     90 ESTAB', '```']).json;
    assert.equal(j.states['LAST-ACK']?.count, 3);
    assert.equal(j.states['LAST-ACK']?.otherNetns, undefined);
  });

  it('a state gone in one namespace still has its sockets in another: not gone', () => {
    const j = report([
      '```',
      ...uniq('kubectl exec api-7d9f-a -- ', ['    412 CLOSE-WAIT', '    188 ESTAB']),
      '```',
      '',
      '```',
      ...uniq('kubectl exec api-7d9f-b -- ', ['    201 ESTAB']),
      '```',
    ]).json;
    assert.equal(j.states['CLOSE-WAIT']?.count, 412);
    assert.equal(j.states['CLOSE-WAIT']?.netns, 'kubectl /api-7d9f-a');
    assert.ok(j.causes.some((c) => c.rule === 'close-wait-not-closed'));
  });

  it('a timeline row of per-state counts read in a namespace names it, as a sockstat row does', () => {
    const j = report(['## 10:00', '', '```', ...uniq('kubectl exec api-7d9f-a -- ', ['    412 CLOSE-WAIT']), '```', '', '## 10:05', '', '```', "$ ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c", '    10 CLOSE-WAIT', '```']).json;
    assert.deepEqual(j.timeline.map((p) => p.netns ?? null), ['kubectl /api-7d9f-a', null]);
  });

  it('through the built CLI', () => {
    const file = join(tempDir('tsn-netns-counts-'), 'note.md');
    writeFileSync(file, PODS.join('\n'));
    const j = JSON.parse(cliOut(['report', '--json', file])) as { states: Record<string, { count: number; netns?: string; otherNetns?: { netns?: string; count: number }[] }> };
    assert.equal(j.states['FIN-WAIT-1']?.count, 2900);
    assert.deepEqual(j.states['FIN-WAIT-1']?.otherNetns?.map((o) => [o.netns, o.count]), [['kubectl /api-7d9f-a', 3100]]);
    assert.match(cliOut(['report', file]), /\| FIN-WAIT-1 \(network namespace: kubectl \/api-7d9f-a\) \| 3,100 \|/);
  });
});

describe('the namespace of a block\'s output at a line (netnsAtLine, review s17: a block of 20,000 samples)', () => {
  it('is the last output starting at or before the line, else the block\'s first', async () => {
    const { netnsAtLine } = await import('../../src/core/report/netns');
    const block = ['```', '$ ip netns exec blue ss -s', 'TCP:   9 (estab 1, closed 0, orphaned 0, timewait 2)', '$ ss -s', 'TCP:   5 (estab 1, closed 0, orphaned 0, timewait 1)', '$ ip netns exec red ss -s', 'TCP:   7 (estab 1, closed 0, orphaned 0, timewait 3)', '```', ''].join('\n');
    const model = analyzeNote(block);
    const b = model.evidence[0];
    assert.ok(b);
    const at = (line: number) => netnsAtLine(model, b, line);
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map(at), [at(2), at(2), at(2), at(2), at(4), at(4), at(6), at(6)]);
    assert.notEqual(at(2), at(4));
    assert.notEqual(at(4), at(6));
    assert.equal(at(0), at(2), 'before the first output: the block\'s first');
  });
});
