/**
 * The note's current per-state counts (audit s10 #6): per state, the latest count that speaks for it. A full
 * per-state count (`… | awk '… END …'`, `uniq -c`, the snapshot block) speaks for every state its command can
 * show, so a state it does not list had no socket then; a count of one state (`ss … state X | wc -l`) speaks
 * for that state. The report, the diagram (SVG, Mermaid, the panel's default) and the causes read the same
 * counts, and the diagram says which sample they come from. A cut listing (`| head`, elided rows) gives
 * "at least" its rows (J2).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SS_AGGREGATES } from '../../src/core/catalogue/spellings';
import type { StateId } from '../../src/core/catalogue/types';
import { diagramSource } from '../../src/core/diagram/fromNote';
import { renderMermaid } from '../../src/core/diagram/mermaid';
import { buildDiagramModel } from '../../src/core/diagram/model';
import { renderDiagramSvg } from '../../src/core/diagram/svg';
import { parseCommand } from '../../src/core/evidence/command';
import { parseEvidence } from '../../src/core/evidence/parse';
import { analyzeNote } from '../../src/core/note/analyze';
import { analyseEvidence, buildReport, type ReportJson } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { tempDir } from './tempDir';

const AWK = "# netstat -n | awk '/^tcp/ {++S[$NF]} END {for(a in S) print a, S[a]}'";
const SS_AWK = "$ ss -tan | awk 'NR>1 {++s[$1]} END {for(k in s) print k, s[k]}'";

/** A section per sample: a heading with its time, then a fenced block. */
function note(...samples: [heading: string, lines: string[]][]): string {
  return samples.flatMap(([h, lines]) => [h, '', '```', ...lines, '```', '']).join('\n');
}

/** The audit's repro (rep/stale.md): a full count at 10:20, the fix, a full count at 11:00 without CLOSE_WAIT. */
const STALE = note(['### 10:20', [AWK, 'TIME_WAIT 28563', 'CLOSE_WAIT 480']], ['### 11:00 修复后', [AWK, 'TIME_WAIT 1203', 'ESTABLISHED 1402']]);

const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });
function counts(json: ReportJson): Partial<Record<StateId, number | null>> {
  const out: Partial<Record<StateId, number | null>> = {};
  for (const [id, s] of Object.entries(json.states) as [StateId, { count: number | null }][]) out[id] = s.count;
  return out;
}

describe('current counts: the latest count that speaks for each state', () => {
  it('a state the latest full count does not list is gone: no count, no cause (audit #6, rep/stale.md)', () => {
    const r = report(STALE);
    assert.deepEqual(counts(r.json), { ESTABLISHED: 1402, 'TIME-WAIT': 1203 });
    assert.deepEqual(r.json.causes, [], 'no "480 CLOSE-WAIT sockets" cause');
    assert.deepEqual(r.json.countsFrom, { line: 12, time: '11:00:00', kind: 'state-counts' });
    assert.equal(r.json.states['TIME-WAIT']?.countLine, 12);
    assert.equal(r.json.states['TIME-WAIT']?.atLeast, false);
  });

  it('a later count of one state updates that state only; an earlier one is superseded by a full count', () => {
    const later = report(note(['### 10:20', [SS_AWK, 'TIME-WAIT 28563', 'CLOSE-WAIT 480', 'ESTAB 1320']], ['### 10:30', ['$ ss -tan state close-wait | wc -l', '31']]));
    assert.deepEqual(counts(later.json), { ESTABLISHED: 1320, 'CLOSE-WAIT': 30, 'TIME-WAIT': 28563 });
    const earlier = report(note(['### 10:10', ['$ ss -tan state last-ack | wc -l', '6']], ['### 10:20', [SS_AWK, 'TIME-WAIT 28563', 'ESTAB 1320']]));
    assert.deepEqual(counts(earlier.json), { ESTABLISHED: 1320, 'TIME-WAIT': 28563 }, 'LAST-ACK 5 was before the full count, which lists none');
  });

  it('time decides when the note dates its samples; a sample without a time after them is the latest', () => {
    const outOfOrder = report(note(['### 11:00', [AWK, 'TIME_WAIT 1203']], ['### 10:20 (pasted later)', [AWK, 'TIME_WAIT 28563', 'CLOSE_WAIT 480']]));
    assert.deepEqual(counts(outOfOrder.json), { 'TIME-WAIT': 1203 });
    const untimed = report(note(['### 10:20', [AWK, 'TIME_WAIT 28563', 'CLOSE_WAIT 480']], ['### 之后', [AWK, 'TIME_WAIT 900']]));
    assert.deepEqual(counts(untimed.json), { 'TIME-WAIT': 900 });
    assert.deepEqual(untimed.json.countsFrom, { line: 12, time: null, kind: 'state-counts' });
  });

  it('a full count speaks only for the states its command can show (netstat without -a: no listeners; ss -t: no TIME-WAIT)', () => {
    const listeners = report(note(['### 10:00', [SS_AWK, 'LISTEN 12', 'TIME-WAIT 100', 'ESTAB 7']], ['### 10:10', [AWK, 'TIME_WAIT 5']]));
    assert.deepEqual(counts(listeners.json), { LISTEN: 12, 'TIME-WAIT': 5 });
    const ssDefault = report(note(['### 10:00', [SS_AWK, 'TIME-WAIT 100', 'ESTAB 7']], ['### 10:10', ["$ ss -tn | awk 'NR>1 {++s[$1]} END {for(k in s) print k, s[k]}'", 'ESTAB 3']]));
    assert.deepEqual(counts(ssDefault.json), { ESTABLISHED: 3, 'TIME-WAIT': 100 });
  });

  it('a cut count, a grep of one state and a bare list speak only for the states they show', () => {
    const first: [string, string[]] = ['### 10:00', [SS_AWK, 'TIME-WAIT 100', 'CLOSE-WAIT 40', 'ESTAB 7']];
    const top = report(note(first, ['### 10:10', ["$ ss -tan | awk '{print $1}' | sort | uniq -c | sort -rn | head -1", '   90 TIME-WAIT']]));
    assert.deepEqual(counts(top.json), { ESTABLISHED: 7, 'CLOSE-WAIT': 40, 'TIME-WAIT': 90 });
    const grep = report(note(first, ['### 10:10', ["$ netstat -an | grep TIME_WAIT | awk '{print $6}' | sort | uniq -c", '   80 TIME_WAIT']]));
    assert.deepEqual(counts(grep.json), { ESTABLISHED: 7, 'CLOSE-WAIT': 40, 'TIME-WAIT': 80 });
    const bare = report(note(first, ['### 10:10', ['TIME_WAIT 70', 'ESTABLISHED 6']]));
    assert.deepEqual(counts(bare.json), { ESTABLISHED: 6, 'CLOSE-WAIT': 40, 'TIME-WAIT': 70 });
  });

  it('listing rows never replace a count of their state, but show a state the last full count did not list', () => {
    const rows = (state: string, n: number) => Array.from({ length: n }, (_, i) => `0      1      10.0.0.1:443       10.0.0.${i + 2}:5000`).map((r) => (state ? `${state} ${r}` : r));
    const same = report(note(['### 09:41', [SS_AWK, 'FIN-WAIT-1 61920', 'TIME-WAIT 1840', '$ ss -tan state fin-wait-1', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows('', 4)]]));
    assert.equal(same.json.states['FIN-WAIT-1']?.count, 61920, 'the count, not the 4 rows pasted after it');
    assert.equal(same.json.states['FIN-WAIT-1']?.sockets.listed, 4);
    const shows = report(note(['### 09:41', [SS_AWK, 'TIME-WAIT 1840']], ['### 09:50', ['$ ss -tan state last-ack', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows('', 3)]]));
    assert.deepEqual(counts(shows.json), { 'LAST-ACK': 3, 'TIME-WAIT': 1840 });
    const before = report(note(['### 09:30', ['$ ss -tan', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', ...rows('LAST-ACK', 3)]], ['### 09:41', [SS_AWK, 'TIME-WAIT 1840']]));
    assert.deepEqual(counts(before.json), { 'LAST-ACK': null, 'TIME-WAIT': 1840 }, 'listed before the full count that lists none: no count (the rows stay listed)');
    assert.equal(before.json.states['LAST-ACK']?.sockets.listed, 3);
  });

  it('a count written in the text: superseded by a later full count, filling in a state after it', () => {
    const top = ['# web', '', 'LAST_ACK 2103', 'CLOSE_WAIT 12', ''].join('\n');
    assert.deepEqual(counts(report(top + note(['### 09:41', [SS_AWK, 'TIME-WAIT 1840', 'CLOSE-WAIT 30']])).json), { 'CLOSE-WAIT': 30, 'TIME-WAIT': 1840 });
    const after = note(['### 09:41', [SS_AWK, 'TIME-WAIT 1840']]) + '\nLAST_ACK 2103\nCLOSE_WAIT 12\n';
    assert.deepEqual(counts(report(after).json), { 'CLOSE-WAIT': 12, 'LAST-ACK': 2103, 'TIME-WAIT': 1840 });
  });

  it('a state gone at the latest full count fires no cause, whatever earlier samples showed', () => {
    const growing = note(['### 14:05', [SS_AWK, 'CLOSE-WAIT 30', 'ESTAB 9']], ['### 14:20', [SS_AWK, 'CLOSE-WAIT 80', 'ESTAB 9']], ['### 15:00', [SS_AWK, 'ESTAB 9']]);
    assert.deepEqual(report(growing).json.causes, []);
    const stillThere = note(['### 14:05', [SS_AWK, 'CLOSE-WAIT 30', 'ESTAB 9']], ['### 14:20', [SS_AWK, 'CLOSE-WAIT 80', 'ESTAB 9']]);
    assert.deepEqual(report(stillThere).json.causes.map((c) => c.rule), ['close-wait-not-closed']);
    const zeroWindow = [
      '### 09:30',
      '```',
      '$ ss -tano state fin-wait-1',
      'Recv-Q Send-Q Local Address:Port Peer Address:Port',
      '0      87600  10.20.0.5:443      203.0.113.41:61022  timer:(persist,1min52sec,6)',
      '0      43800  10.20.0.5:443      203.0.113.77:40118  timer:(persist,24sec,3)',
      '```',
      '',
    ].join('\n');
    assert.deepEqual(report(zeroWindow).json.causes.map((c) => c.rule), ['fin-wait-1-zero-window']);
    assert.deepEqual(report(zeroWindow + note(['### 10:30', [SS_AWK, 'ESTAB 9']])).json.causes, [], 'FIN-WAIT-1 gone at 10:30');
  });
});

describe('cut listings (audit J2)', () => {
  const header = 'Recv-Q Send-Q Local Address:Port Peer Address:Port';
  const row = (i: number) => `0      87600  10.20.0.5:443      203.0.113.${i}:61022  timer:(persist,1min52sec,6)`;
  it('`| head` or an elided row: the rows are a lower bound (atLeast, ≥ in the table); a whole listing is not', () => {
    const head = report(note(['### 02:40', ['[root@edge-12 ~]# ss -tno state fin-wait-1 | head -6', header, ...[1, 2, 3, 4, 5].map(row)]]));
    assert.deepEqual([head.json.states['FIN-WAIT-1']?.count, head.json.states['FIN-WAIT-1']?.atLeast], [5, true]);
    assert.match(reportMarkdown(head, 'en'), /\| FIN-WAIT-1 \| ≥ 5 \| 5 \|/);
    assert.match(reportMarkdown(head, 'en'), /≥: at least that many sockets: rows of a listing that shows part of them \(cut by `head`/);
    assert.match(reportMarkdown(report(note(['### 02:40', ['[root@edge-12 ~]# ss -tno state fin-wait-1 | head -6', header, ...[1, 2, 3, 4, 5].map(row)]]), 'zh-cn'), 'zh-cn'), /≥：/);
    const elided = report(note(['### 02:40', ['$ ss -tno state fin-wait-1', header, row(1), row(2), '...']]));
    assert.deepEqual([elided.json.states['FIN-WAIT-1']?.count, elided.json.states['FIN-WAIT-1']?.atLeast], [2, true]);
    const whole = report(note(['### 02:40', ['$ ss -tno state fin-wait-1', header, row(1), row(2)]]));
    assert.deepEqual([whole.json.states['FIN-WAIT-1']?.count, whole.json.states['FIN-WAIT-1']?.atLeast], [2, false]);
    assert.doesNotMatch(reportMarkdown(whole, 'en'), /≥/);
  });

  it('the parser marks the cut (head/tail, a skipped line inside or an elision after the rows), not `tail -n +2`', () => {
    const cut = (text: string) => parseEvidence(text).map((s) => s.cut === true);
    assert.deepEqual(cut(`$ ss -tno state fin-wait-1 | head -3\n${header}\n${row(1)}\n${row(2)}`), [true]);
    assert.deepEqual(cut(`$ ss -tno state fin-wait-1 | tail -n +2\n${row(1)}\n${row(2)}`), [false]);
    assert.deepEqual(cut(`$ ss -tno state fin-wait-1\n${header}\n${row(1)}\n(省略 6 万行)\n${row(2)}`), [true]);
    assert.deepEqual(cut(`$ ss -tno state fin-wait-1\n${header}\n${row(1)}\n…`), [true]);
    assert.deepEqual(cut(`$ ss -tno state fin-wait-1\n${header}\n${row(1)}\n${row(2)}`), [false]);
  });
});

describe('what a command can show (CommandContext.shows, .cut)', () => {
  const all = SS_AGGREGATES.get('all') as readonly StateId[];
  const set = (x: readonly StateId[] | undefined) => (x ? [...x].sort() : x);
  it('ss and netstat flags, state filters, greps and awk filters of one state', () => {
    assert.deepEqual(set(parseCommand('ss -tan').shows), set(all));
    assert.deepEqual(set(parseCommand('ss -tn').shows), set(['ESTABLISHED', 'SYN-SENT', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSING']), 'SS_CONN (facts §4.3)');
    assert.deepEqual(parseCommand('ss -ltn').shows, ['LISTEN']);
    assert.deepEqual(parseCommand('ss -tan state fin-wait-1').shows, ['FIN-WAIT-1']);
    assert.deepEqual(set(parseCommand('ss -tan state connected').shows), set(SS_AGGREGATES.get('connected')));
    assert.equal(parseCommand('ss -tan exclude listening').shows, undefined);
    assert.deepEqual(set(parseCommand("netstat -n | awk '/^tcp/ {++S[$NF]} END {for(a in S) print a, S[a]}'").shows), set(all.filter((s) => s !== 'LISTEN')));
    assert.deepEqual(set(parseCommand('netstat -ant').shows), set(all));
    assert.deepEqual(parseCommand('netstat -lnt').shows, ['LISTEN']);
    assert.deepEqual(parseCommand("netstat -an | grep TIME_WAIT | awk '{print $6}' | sort | uniq -c").shows, ['TIME-WAIT']);
    assert.deepEqual(parseCommand("netstat -ant | awk '$6 == \"TIME_WAIT\"' | wc -l").shows, ['TIME-WAIT']);
    assert.equal(parseCommand("netstat -an | grep -E 'TIME_WAIT|CLOSE_WAIT'").shows, undefined);
    assert.equal(parseCommand('netstat -an | grep -v LISTEN').shows, undefined);
    assert.deepEqual(set(parseCommand("netstat -an | grep ':80 ' | awk '{print $6}' | sort | uniq -c").shows), set(all), 'a port is no state filter');
    assert.deepEqual(set(parseCommand("awk '{print $4}' /proc/net/tcp | sort | uniq -c").shows), set(all));
    assert.equal(parseCommand('lsof -i | wc -l').shows, undefined);
    assert.equal(parseCommand('ss -tan state fin-wait-1; ss -tan state closing').shows, undefined, 'two listings: not known which output is which');
    assert.deepEqual(set(parseCommand('ss -s; netstat -ant').shows), set(all), '`ss -s` lists no sockets');
  });

  it('head and tail cut the output; `tail -n +2` only drops the header', () => {
    assert.equal(parseCommand('ss -tan | head -6').cut, true);
    // A head after a per-state count cuts the counts that pipeline prints (countsCut), not rows of another one.
    assert.equal(parseCommand("ss -tan | awk '{print $1}' | sort | uniq -c | sort -rn | head").countsCut, true);
    assert.equal(parseCommand('ss -tan | tail -5').cut, true);
    assert.equal(parseCommand('ss -tan | tail -n +2').cut, false);
    assert.equal(parseCommand('ss -tan | tail -n+2 | wc -l').cut, false);
    assert.equal(parseCommand('ss -tan').cut, false);
  });
});

describe('the diagram shows the same moment and says which', () => {
  const n01 = note(
    ['10:20 第一次统计：', [AWK, 'TIME_WAIT 28563', 'CLOSE_WAIT 12', 'FIN_WAIT1 3', 'FIN_WAIT2 41', 'ESTABLISHED 1320', 'SYN_RECV 2', 'LAST_ACK 5']],
    ['10:35 再次统计：', [AWK, 'TIME_WAIT 27912', 'CLOSE_WAIT 10', 'FIN_WAIT2 38', 'ESTABLISHED 1298', 'LAST_ACK 4']],
    ['11:00 再看：', [AWK, 'TIME_WAIT 1203', 'ESTABLISHED 1402', 'FIN_WAIT2 6']],
  );

  it('the counts are the report\'s, for the whole note and for a section', () => {
    for (const text of [STALE, n01]) {
      const model = analyzeNote(text);
      const fromReport = Object.fromEntries(Object.entries(counts(buildReport(model, { file: 'n.md', lang: 'en' }).json)).filter(([, v]) => v !== null));
      assert.deepEqual(diagramSource(model, 'en').input.counts, fromReport);
    }
    assert.deepEqual(diagramSource(analyzeNote(n01), 'en').input.counts, { 'TIME-WAIT': 1203, ESTABLISHED: 1402, 'FIN-WAIT-2': 6 });
    const model = analyzeNote(STALE);
    const section = model.sections[0];
    assert.ok(section);
    const range = { start: section.start, end: section.end };
    const scoped = Object.fromEntries([...analyseEvidence(model, range).evidence.counts].map(([s, c]) => [s, c.count]));
    assert.deepEqual(diagramSource(model, 'en', range).input.counts, scoped);
    assert.deepEqual(scoped, { 'TIME-WAIT': 28563, 'CLOSE-WAIT': 480 });
  });

  it('the legend, the SVG and the Mermaid text name the sample (line and time), in English and Chinese', () => {
    const model = analyzeNote(STALE);
    const en = diagramSource(model, 'en').input;
    assert.equal(en.countSource, 'per-state counts, line 13 at 11:00:00');
    assert.equal(diagramSource(model, 'zh-cn').input.countSource, '第 13 行的按状态统计（11:00:00）');
    const diagram = buildDiagramModel({ ...en, showLinux: false }, 'en');
    assert.match(renderDiagramSvg(diagram), /counts: per-state counts, line 13 at 11:00:00/);
    const mermaid = renderMermaid(diagram);
    assert.match(mermaid, /^ {2}%% counts: per-state counts, line 13 at 11:00:00$/m);
    assert.match(mermaid, /TIME_WAIT : 1,203 sockets/);
    assert.doesNotMatch(mermaid, /28,563|CLOSE_WAIT : 480/);
    const zh = renderMermaid(buildDiagramModel({ ...diagramSource(model, 'zh-cn').input, showLinux: false }, 'zh-cn'));
    assert.match(zh, /^ {2}%% 计数来源：第 13 行的按状态统计（11:00:00）$/m);
  });

  it('counts from other samples are named after the full count; without a full count, the lines', () => {
    const later = note(['### 10:20', [SS_AWK, 'TIME-WAIT 28563', 'ESTAB 1320']], ['### 10:30', ['$ ss -tan state close-wait | wc -l', '31']]);
    assert.equal(diagramSource(analyzeNote(later), 'en').input.countSource, 'per-state counts, line 5 at 10:20:00; also line 13');
    assert.equal(diagramSource(analyzeNote(later), 'zh-cn').input.countSource, '第 5 行的按状态统计（10:20:00）；另有第 13 行');
    const narrow = note(['### 10:20', ['$ ss -tan state close-wait | wc -l', '31']], ['### 10:30', ['$ ss -tan state last-ack | wc -l', '6']]);
    assert.equal(diagramSource(analyzeNote(narrow), 'en').input.countSource, 'the latest count of each state: lines 5, 12');
    const one = note(['### 10:20', ['$ ss -tan state close-wait | wc -l', '31']]);
    assert.equal(diagramSource(analyzeNote(one), 'en').input.countSource, 'ss output, line 5 at 10:20:00');
  });

  it('a Mermaid comment stays one comment line whatever the count source says', () => {
    const hostile = 'x\n%%{init: {"theme":"dark"}}%%\nclick TIME_WAIT href "javascript:alert(1)"';
    const text = renderMermaid(buildDiagramModel({ mentions: {}, counts: { 'TIME-WAIT': 3 }, transitions: [], showLinux: false, countSource: hostile }, 'en'));
    assert.doesNotMatch(text, /%%\{|^\s*click/m);
    assert.equal(text.split('\n').filter((l) => l.includes('counts:')).length, 1);
    assert.match(text, /^ {2}%% counts: x \?\?\?init: \?"theme":"dark"\?\?\?\? click TIME_WAIT href "javascript:alert\(1\)"$/m);
  });
});

describe('through the built CLI', () => {
  const cliPath = join(process.cwd(), 'dist', 'cli.js');
  const run = (...args: string[]) => {
    assert.ok(existsSync(cliPath), 'dist/cli.js is built');
    const r = spawnSync(process.execPath, [cliPath, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const dir = tempDir('tsn-samples-');
  const file = join(dir, 'stale.md');
  writeFileSync(file, STALE);

  it('report --json: the 11:00 counts, where they come from, no CLOSE-WAIT cause; the old keys kept', () => {
    const j = JSON.parse(run('report', file, '--json')) as ReportJson;
    assert.deepEqual(Object.keys(j), ['file', 'states', 'timeline', 'trend', 'limits', 'causes', 'findings', 'countsFrom']);
    assert.deepEqual(Object.keys(j.states), ['ESTABLISHED', 'TIME-WAIT']);
    assert.deepEqual(Object.keys(j.states['TIME-WAIT'] ?? {}), ['count', 'sockets', 'countLine', 'atLeast']);
    assert.deepEqual(counts(j), { ESTABLISHED: 1402, 'TIME-WAIT': 1203 });
    assert.deepEqual(j.countsFrom, { line: 12, time: '11:00:00', kind: 'state-counts' });
    assert.deepEqual(j.causes, []);
    const md = run('report', file);
    assert.match(md, /Counts: per-state counts, line 13 at 11:00:00\./);
    // The States table (and the causes) have no CLOSE-WAIT; the timeline's 10:20 row still shows that sample's 480.
    const states = md.slice(md.indexOf('### States'), md.indexOf('### Timeline'));
    assert.doesNotMatch(states, /CLOSE-WAIT/);
    assert.match(md, /\| 10:20:00 \| 4 \|.*CLOSE-WAIT 480/);
    assert.doesNotMatch(md.slice(md.indexOf('### Likely causes')), /CLOSE-WAIT/);
    assert.match(run('report', file, '--lang', 'zh-cn'), /计数来源：第 13 行的按状态统计（11:00:00）。/);
  });

  it('diagram --format mermaid: the same counts and a comment naming the sample', () => {
    const m = run('diagram', file, '--format', 'mermaid');
    assert.match(m, /^ {2}%% counts: per-state counts, line 13 at 11:00:00$/m);
    assert.match(m, /TIME_WAIT : 1,203 sockets/);
    assert.match(m, /ESTABLISHED : 1,402 sockets/);
    assert.doesNotMatch(m, /28,563|CLOSE_WAIT : 480/);
    assert.match(run('diagram', file), /counts: per-state counts, line 13 at 11:00:00/);
  });
});
