/**
 * A shell loop's output is the loop body's output once per pass (audit s17 A1–A3): what the command line says of its
 * outputs (per-state counts, `| wc -l` counts, bare numbers, listings) applies to each pass, and a pass starts at a
 * line of `date` output when the body runs `date`, or at the line the loop echoes to name its item (`== $p`). So a
 * `date` + `uniq -c` loop is one sample per pass (not every pass added up), a `date` + `wc -l` loop reads every pass's
 * count (not only the first), and a loop over pods (`kubectl exec $p`) reads each pass in that pod's network
 * namespace, as a loop over hosts (`ssh $h`) reads each in that host. From the core and through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvidence } from '../../src/core/evidence/parse';
import { readLoop, loopItemMarker, isDateOutput } from '../../src/core/evidence/loopPasses';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { timelineOf } from '../../src/core/report/timeline';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const fence = '```';
const note = (...lines: string[]): string => ['# loop', '', fence, ...lines, fence, ''].join('\n');
const EN_DATES = ['Tue Mar 18 23:58:41 UTC 2025', 'Tue Mar 18 23:59:41 UTC 2025', 'Wed Mar 19 00:00:41 UTC 2025'];
const ZH_DATES = ['2025年 03月 18日 星期二 23:58:41 CST', '2025年 03月 18日 星期二 23:59:41 CST', '2025年 03月 19日 星期三 00:00:41 CST'];
const FW1 = [980, 1280, 1580];

const UNIQ = note(
  "[root@mq-1 ~]# for i in 1 2 3; do date; ss -tan | awk 'NR>1{print $1}' | sort | uniq -c; sleep 60; done",
  ...FW1.flatMap((n, k) => [EN_DATES[k] as string, '    200 ESTAB', `   ${n} FIN-WAIT-1`]),
);
const WC_ONLY = note('$ while sleep 60; do date; ss -tan state fin-wait-1 | wc -l; done', ...FW1.flatMap((n, k) => [EN_DATES[k] as string, String(n + 1)]));
const WC_SOCKSTAT = (dates: readonly string[]): string =>
  note(
    '[root@mq-1 ~]# while true; do date; grep TCP /proc/net/sockstat; ss -tan state fin-wait-1 | wc -l; sleep 60; done',
    ...FW1.flatMap((n, k) => [dates[k] as string, `TCP: inuse 2210 orphan ${n + 20} tw 3000 alloc 3500 mem 9000`, String(n + 1)]),
    '^C',
    '[root@mq-1 ~]# sysctl -n net.ipv4.tcp_max_orphans',
    '4096',
  );
const PODS = note(
  '$ for p in api-7d9f-abc api-7d9f-def; do echo "== $p"; kubectl exec $p -- sh -c "ss -tan | awk \'NR>1{print \\$1}\' | sort | uniq -c"; done',
  '== api-7d9f-abc',
  '    300 ESTAB',
  '   2400 CLOSE-WAIT',
  '== api-7d9f-def',
  '    310 ESTAB',
  '     12 CLOSE-WAIT',
);

const blockText = (text: string): string => text.slice(text.indexOf(fence) + 4, text.lastIndexOf(fence));
const fw1Counts = (text: string): (number | undefined)[] => parseEvidence(blockText(text)).filter((s) => s.counts['FIN-WAIT-1'] !== undefined).map((s) => s.counts['FIN-WAIT-1']);
const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });
const rowCounts = (text: string): (number | undefined)[] => timelineOf(analyzeNote(text)).map((p) => p.counts['FIN-WAIT-1']);

describe('a loop: what the command says of its outputs applies to each pass', () => {
  it('readLoop: for / while / until loops; the items of a loop that runs its body elsewhere with the variable, each with its place', () => {
    assert.equal(readLoop('ss -tan | wc -l'), undefined);
    assert.equal(readLoop('date; ss -tan | uniq -c'), undefined);
    assert.equal(readLoop('while true; do date; ss -s; sleep 5; done')?.dated, true);
    assert.equal(readLoop('until false; do ss -s; done')?.dated, false);
    assert.equal(readLoop('for i in 1 2 3; do date +%T; ss -s; done')?.dated, true);
    assert.equal(readLoop('for i in 1 2 3; do ss -s; done')?.items, undefined, 'no item runs anywhere: no marker is read');
    assert.deepEqual(readLoop('for h in lb-1 root@lb-2; do echo "== $h"; ssh $h cat /proc/net/sockstat; done')?.items, [
      { name: 'lb-1', target: 'ssh lb-1' },
      { name: 'root@lb-2', target: 'ssh lb-2' },
    ]);
    assert.deepEqual(readLoop(blockText(PODS).split('\n')[0]?.slice(2) as string)?.items, [
      { name: 'api-7d9f-abc', target: 'kubectl /api-7d9f-abc' },
      { name: 'api-7d9f-def', target: 'kubectl /api-7d9f-def' },
    ]);
    assert.deepEqual(readLoop('for p in a b; do echo "== $p"; kubectl -n shop exec "$p" -- ss -s; done')?.items?.map((i) => i.target), ['kubectl shop/a', 'kubectl shop/b']);
    assert.deepEqual(readLoop('for n in blue red; do echo "== $n"; ip netns exec ${n} ss -s; done')?.items?.map((i) => i.target), ['netns blue', 'netns red']);
    assert.deepEqual(readLoop('for pid in 4821 5933; do echo "== $pid"; nsenter -t $pid -n ss -s; done')?.items?.map((i) => i.target), ['nsenter 4821', 'nsenter 5933']);
  });

  it('loopItemMarker: an item alone on its line, in marker characters; a number only with them', () => {
    const pods = readLoop('for p in api-a api-b; do echo "== $p"; kubectl exec $p -- ss -s; done')?.items ?? [];
    assert.equal(loopItemMarker('== api-b', pods)?.target, 'kubectl /api-b');
    assert.equal(loopItemMarker('--- api-a ---', pods)?.name, 'api-a');
    assert.equal(loopItemMarker('== api-c', pods), undefined);
    const pids = readLoop('for pid in 4821 5933; do echo "== $pid"; nsenter -t $pid -n ss -tan state close-wait | wc -l; done')?.items ?? [];
    assert.equal(loopItemMarker('== 5933', pids)?.target, 'nsenter 5933');
    assert.equal(loopItemMarker('5933', pids), undefined, 'a bare number is a count, not a marker');
  });

  it('isDateOutput: a line of `date` output (C, zh_CN, ISO, +%T), not a count, a listing row nor a sockstat line', () => {
    for (const d of [...EN_DATES, ...ZH_DATES, '2025-03-04T10:00:00+00:00', '10:00:00', '下午 01时20分11秒']) assert.ok(isDateOutput(d), d);
    for (const d of ['981', '   980 FIN-WAIT-1', 'ESTAB 0 0 10.0.0.1:80 10.0.0.2:5555', 'TCP: inuse 2210 orphan 1000 tw 3000 alloc 3500 mem 9000', '== lb-1', '']) assert.ok(!isDateOutput(d), d);
  });

  it('date + uniq -c: each pass its own per-state counts, not every pass added up (A1)', () => {
    assert.deepEqual(fw1Counts(UNIQ), FW1);
    const j = report(UNIQ).json;
    assert.equal(j.states['FIN-WAIT-1']?.count, 1580, 'was 3,840: the three passes added up');
    assert.equal(j.states.ESTABLISHED?.count, 200);
    assert.deepEqual(rowCounts(UNIQ), FW1);
    assert.equal(j.timeline.length, 3);
    const md = reportMarkdown(report(UNIQ), 'en');
    assert.doesNotMatch(md, /3,840|One timed sample/);
  });

  it('date +%T + uniq -c: the same, each pass dated by its time of day', () => {
    const text = note("$ for i in 1 2 3; do date +%T; ss -tan | awk 'NR>1{print $1}' | sort | uniq -c; sleep 60; done", ...FW1.flatMap((n, k) => [`10:0${k}:00`, `   ${n} FIN-WAIT-1`]));
    assert.deepEqual(fw1Counts(text), FW1);
    assert.deepEqual(rowCounts(text), FW1);
  });

  it('date + wc -l: every pass\'s count, with sockstat or alone, in English and Chinese `date` (A2)', () => {
    for (const text of [WC_ONLY, WC_SOCKSTAT(EN_DATES), WC_SOCKSTAT(ZH_DATES)]) {
      assert.deepEqual(fw1Counts(text), FW1);
      assert.equal(report(text).json.states['FIN-WAIT-1']?.count, 1580, 'was 980: only the first pass was read');
      assert.deepEqual(rowCounts(text), FW1, 'each timeline row its own count');
    }
    // The value after the loop is still the sysctl's.
    assert.equal(report(WC_SOCKSTAT(EN_DATES)).json.limits.tcpMaxOrphans, 4096);
  });

  it('a loop over pods: each pass in that pod\'s network namespace, never added up (A3)', () => {
    const segs = parseEvidence(blockText(PODS));
    assert.deepEqual(
      segs.map((s) => [s.scope?.target, s.counts['CLOSE-WAIT']]),
      [
        ['kubectl /api-7d9f-abc', 2400],
        ['kubectl /api-7d9f-def', 12],
      ],
    );
    const r = report(PODS);
    const cw = r.json.states['CLOSE-WAIT'];
    assert.equal(cw?.count, 12, 'was 2,412: the two pods\' sockets added up');
    assert.equal(cw?.netns, 'kubectl /api-7d9f-def');
    assert.deepEqual(cw?.otherNetns?.map((o) => [o.netns, o.count]), [['kubectl /api-7d9f-abc', 2400]]);
    assert.doesNotMatch(reportMarkdown(r, 'en'), /2,412/);
    assert.doesNotMatch(reportMarkdown(report(PODS, 'zh-cn'), 'zh-cn'), /2,412/);
  });

  it('a loop over hosts still reads each host\'s output as that host\'s', () => {
    const text = note('$ for h in lb-1 lb-2; do echo "== $h"; ssh $h "ss -tan | awk \'NR>1{print \\$1}\' | sort | uniq -c"; done', '== lb-1', '  5 ESTAB', '  7 FIN-WAIT-1', '== lb-2', '  3 ESTAB', '  9 FIN-WAIT-1');
    const segs = parseEvidence(blockText(text));
    assert.deepEqual(
      segs.map((s) => [s.scope?.host, s.counts['FIN-WAIT-1']]),
      [
        ['lb-1', 7],
        ['lb-2', 9],
      ],
    );
  });

  it('precision: without a date or a marker a loop\'s output is read as before; a state loop\'s echo is no marker', () => {
    // No line starts a pass: the first count is read, later ones (of which pass, of which host?) are not guessed at.
    const noDate = note('$ for h in lb-1 lb-2; do ssh $h "ss -Htan state fin-wait-1 | wc -l"; done', '7', '9');
    assert.deepEqual(fw1Counts(noDate), [7]);
    const states = note('$ for s in fin-wait-1 closing; do echo "== $s"; ss -tan state $s | wc -l; done', '== fin-wait-1', '7', '== closing', '9');
    assert.deepEqual(parseEvidence(blockText(states)), []);
    // A `date` line outside a loop starts nothing new: a listing's row with a time in it stays a row.
    const plain = note('$ date; ss -tan | awk \'NR>1{print $1}\' | sort | uniq -c', EN_DATES[0] as string, '  5 ESTAB', '  7 FIN-WAIT-1');
    assert.deepEqual(fw1Counts(plain), [7]);
  });
});

describe('loops through the built CLI', () => {
  it('report and diagram give the latest pass, one timeline row per pass; pods stand apart', () => {
    const dir = tempDir('loop-passes-');
    const uniq = join(dir, 'uniq.md');
    const wc = join(dir, 'wc.md');
    const pods = join(dir, 'pods.md');
    writeFileSync(uniq, UNIQ);
    writeFileSync(wc, WC_SOCKSTAT(ZH_DATES));
    writeFileSync(pods, PODS);
    const u = cliOut(['report', uniq]);
    assert.match(u, /\n\| FIN-WAIT-1 \| 1,580 \|/);
    assert.doesNotMatch(u, /3,840|One timed sample/);
    assert.doesNotMatch(cliOut(['diagram', '--format', 'mermaid', uniq]), /3,840/);
    assert.match(cliOut(['diagram', '--format', 'mermaid', uniq]), /1,580/);
    const w = JSON.parse(cliOut(['report', '--json', wc])) as { states: Record<string, { count: number }>; timeline: unknown[] };
    assert.equal(w.states['FIN-WAIT-1']?.count, 1580);
    assert.equal(w.timeline.length, 3);
    const wm = cliOut(['report', wc]);
    assert.equal((wm.match(/FIN-WAIT-1 (980|1,280|1,580) \|/g) ?? []).length, 3, wm);
    const p = cliOut(['report', pods]);
    assert.doesNotMatch(p, /2,412/);
    assert.match(p, /\n\| CLOSE-WAIT \(network namespace: kubectl \/api-7d9f-def\) \| 12 \|/);
    assert.match(p, /\n\| CLOSE-WAIT \(network namespace: kubectl \/api-7d9f-abc\) \| 2,400 \|/);
  });
});
