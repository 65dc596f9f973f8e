/**
 * `tcp-state-notes report`: the JSON shape of issue #13 and the Markdown report, from the core and by running
 * the built CLI (dist/cli.js) as a child process.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { formatDecimal } from '../../src/core/format';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { escapeMarkdown, reportMarkdown } from '../../src/core/report/markdown';
import { tempDir } from './tempDir';

const INCIDENT = join(fixtureDir('report'), 'incident.md');

function cliPath(): string {
  const candidates = [join(process.cwd(), 'dist', 'cli.js')];
  let d = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 6; i++) {
    candidates.push(join(d, 'dist', 'cli.js'));
    d = dirname(d);
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('dist/cli.js not built (node scripts/build.mjs)');
  return found;
}

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('report JSON', () => {
  it('a listing pasted in a block quote (or a list item) gives its rows with their peers, as anywhere else', () => {
    const note = [
      '> Pasted by Alice:',
      '>',
      '> ```',
      '> $ ss -tanoi',
      '> State      Recv-Q Send-Q Local Address:Port  Peer Address:Port',
      '> LAST-ACK   0      1      10.0.0.1:443        10.0.0.4:1002  timer:(on,200ms,3)',
      '> \t cubic wscale:7,7 rto:204 lastsnd:112000 lastack:2000 unacked:1',
      '> ```',
      '',
      '1. Then:',
      '',
      '   ```',
      '   $ ss -tan',
      '   State      Recv-Q Send-Q Local Address:Port  Peer Address:Port',
      '   CLOSING    0      1      10.0.0.1:443        10.0.0.5:1003',
      '   ```',
      '',
    ].join('\n');
    const states = buildReport(analyzeNote(note), { file: 'quoted.md', lang: 'en' }).json.states;
    const lastAck = states['LAST-ACK'];
    assert.equal(lastAck?.count, 1);
    assert.equal(lastAck?.sockets.listed, 1);
    assert.deepEqual(lastAck?.sockets.peers, [{ address: '10.0.0.4', count: 1 }]);
    assert.equal(lastAck?.sockets.timers.on, 1);
    assert.deepEqual(states.CLOSING?.sockets.peers, [{ address: '10.0.0.5', count: 1 }]);
  });

  it('node_exporter metrics: per-state counts are the count block, sockstat feeds the limits; state="fin_wait1" is no prose mention', () => {
    const note = [
      '# web-01',
      '',
      'FIN_WAIT1 sockets piling up.',
      '',
      '```text',
      "$ curl -s localhost:9100/metrics | grep -E 'sockstat_TCP|tcp_connection'",
      '# TYPE node_sockstat_TCP_orphan gauge',
      'node_sockstat_TCP_orphan 61920',
      'node_sockstat_TCP_tw 8120',
      'node_sockstat_TCP_mem 182044',
      'node_tcp_connection_states{state="fin_wait1"} 6.192e+04',
      'node_tcp_connection_states{state="last_ack"} 3',
      '```',
    ].join('\n');
    const model = analyzeNote(note);
    const fw1Mentions = model.mentions.filter((m) => m.kind === 'state' && m.id === 'FIN-WAIT-1');
    assert.deepEqual(fw1Mentions.map((m) => m.context), ['prose', 'code-block']);
    const json = buildReport(model, { file: 'prom.md', lang: 'en' }).json;
    assert.equal(json.states['FIN-WAIT-1']?.count, 61920);
    assert.equal(json.states['LAST-ACK']?.count, 3);
    assert.equal(json.limits.orphan, 61920);
    assert.equal(json.limits.tw, 8120);
    assert.equal(json.limits.mem, 182044);
  });

  it('has exactly the keys of the issue, state ids as elsewhere, 0-based lines', () => {
    const r = cli('report', INCIDENT, '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    // The keys first, as they were; `countsFrom` (and each state's countLine, atLeast) added after them.
    assert.deepEqual(Object.keys(j), ['file', 'states', 'timeline', 'trend', 'limits', 'causes', 'findings', 'countsFrom']);
    assert.equal(j.file, INCIDENT);
    const states = j.states as Record<string, { count: number | null; sockets: Record<string, unknown>; countLine: number | null; atLeast: boolean }>;
    // LAST_ACK 2103, written above every sample, is superseded by the 09:41 `netstat -ant | awk` count, which lists
    // every state present and no LAST_ACK (the current counts: report/currentCounts.ts).
    assert.deepEqual(Object.keys(states), ['FIN-WAIT-1', 'TIME-WAIT']);
    assert.deepEqual(j.countsFrom, { line: 41, time: '2025-03-14T09:41:00+08:00', kind: 'state-counts' });
    const fw1 = states['FIN-WAIT-1'];
    assert.ok(fw1);
    assert.equal(fw1.count, 61920, 'the count block, not the 4 listed rows');
    assert.deepEqual([fw1.countLine, fw1.atLeast], [41, false]);
    assert.deepEqual(Object.keys(fw1.sockets), ['listed', 'peers', 'prefixes', 'localPorts', 'timers', 'sendQ', 'retransMax']);
    assert.equal(fw1.sockets.listed, 4);
    assert.deepEqual(fw1.sockets.timers, { on: 1, persist: 3, keepalive: 0, timewait: 0, none: 0 });
    assert.deepEqual(fw1.sockets.sendQ, { nonZero: 4, max: 87600 });
    assert.deepEqual((fw1.sockets.prefixes as unknown[])[0], { prefix: '203.0.113.0/24', count: 3 });
    assert.deepEqual((fw1.sockets.peers as { address: string; count: number }[]).map((p) => Object.keys(p)), [
      ['address', 'count'],
      ['address', 'count'],
      ['address', 'count'],
      ['address', 'count'],
    ]);
    assert.equal(states['TIME-WAIT']?.count, 1840);
    const timeline = j.timeline as { time: string; line: number; orphan: number | null; tw: number | null; mem: number | null }[];
    assert.deepEqual(timeline[0], { time: '2025-03-14T09:21:00+08:00', line: 12, orphan: 12000, tw: 8120, mem: 150000 });
    assert.equal(timeline.length, 3);
    assert.deepEqual(j.trend, { orphanPerMinute: 400, minutesToQuarter: 0, minutesToHalf: 31.9, minutesToLimit: 113.8 });
    const limits = j.limits as Record<string, unknown>;
    assert.equal(limits.tcpMaxOrphans, 65536);
    assert.deepEqual(limits.tcpMem, [188319, 251092, 376638]);
    const causes = j.causes as Record<string, unknown>[];
    assert.deepEqual(causes.map((c) => Object.keys(c)), [
      ['state', 'rule', 'message', 'source'],
      ['state', 'rule', 'message', 'source'],
    ]);
    assert.deepEqual(causes.map((c) => [c.state, c.rule]), [
      ['FIN-WAIT-1', 'fin-wait-1-zero-window'],
      [null, 'orphan-limit-pressure'],
    ]);
    const findings = j.findings as Record<string, unknown>[];
    assert.equal(findings.length, 1);
    assert.deepEqual(Object.keys(findings[0] ?? {}), ['line', 'character', 'length', 'kind', 'rule', 'message', 'source']);
    assert.deepEqual([findings[0]?.line, findings[0]?.length, findings[0]?.kind, findings[0]?.rule], [47, 9, 'typo', 'state-typo']);
    assert.match(String(findings[0]?.source), /^https:\/\//);
  });

  it('--lang zh-cn: messages in Chinese; no evidence: empty states, no trend, no causes', () => {
    const zh = JSON.parse(cli('report', INCIDENT, '--json', '--lang', 'zh-cn').stdout) as { causes: { message: string }[]; findings: { message: string }[] };
    assert.match(zh.causes[0]?.message ?? '', /零窗口/);
    assert.match(zh.findings[0]?.message ?? '', /不是 TCP 状态/);
    const dir = tempDir('tsn-report-');
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '# Notes\n\nNothing pasted yet.\n');
    const j = JSON.parse(cli('report', empty, '--json').stdout) as Record<string, unknown>;
    assert.deepEqual([j.states, j.timeline, j.trend, j.causes, j.findings], [{}, [], null, [], []]);
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['report'], ['report', INCIDENT, '--lang', 'fr'], ['report', '/nonexistent/x.md']]) {
      const r = cli(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^tcp-state-notes: /);
      assert.equal(r.stdout, '');
    }
  });
});

describe('report over folders, globs and several files (issue #14)', () => {
  /** A folder of notes: two reports; a hidden folder, node_modules and a .txt file are not notes. */
  function folder(): string {
    const dir = tempDir('tsn-report-many-');
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, '.hidden'));
    mkdirSync(join(dir, 'node_modules'));
    copyFileSync(INCIDENT, join(dir, 'sub', 'incident.md'));
    writeFileSync(join(dir, 'empty.markdown'), '# Notes\n\nNothing pasted yet.\n');
    writeFileSync(join(dir, '.hidden', 'x.md'), 'FIN_WAIT1 3\n');
    writeFileSync(join(dir, 'node_modules', 'y.md'), 'FIN_WAIT1 3\n');
    writeFileSync(join(dir, 'notes.txt'), 'FIN_WAIT1 3\n');
    return dir;
  }
  const filesOf = (json: unknown): string[] => (json as { file: string }[]).map((r) => r.file);

  it('a folder: a JSON array, one report per note, each the one-file shape', () => {
    const dir = folder();
    const r = cli('report', dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(filesOf(json).sort(), [join(dir, 'empty.markdown'), join(dir, 'sub', 'incident.md')]);
    const one = JSON.parse(cli('report', join(dir, 'sub', 'incident.md'), '--json').stdout) as Record<string, unknown>;
    assert.deepEqual(json.find((j) => j.file === one.file), one);
  });

  it('a glob and several files: the same; Markdown: one section per note', () => {
    const dir = folder();
    const glob = cli('report', join(dir, '**', '*.md'), '--json');
    assert.equal(glob.status, 0, glob.stderr);
    assert.deepEqual(filesOf(JSON.parse(glob.stdout)), [join(dir, 'sub', 'incident.md')]);
    const two = cli('report', INCIDENT, join(dir, 'empty.markdown'));
    assert.equal(two.status, 0, two.stderr);
    assert.equal(two.stdout.match(/^## TCP evidence report — /gm)?.length, 2);
    assert.match(two.stdout, /\| FIN-WAIT-1 \| 61,920 \| 4 \|/);
    assert.match(two.stdout, /No per-state evidence in this note\./);
  });

  it('an unreadable path among readable ones: its error on stderr, the other reports, exit 2', () => {
    const dir = folder();
    const r = cli('report', dir, join(dir, 'missing.md'), '--json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.md: no such file or directory/);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 2);
  });
});

describe('report text', () => {
  it('a Markdown section: states table, timeline, trend, limits, causes with check/change/source, findings', () => {
    const r = cli('report', INCIDENT);
    assert.equal(r.status, 0, r.stderr);
    const md = r.stdout;
    assert.match(md, /^## TCP evidence report — /);
    assert.match(md, /\| FIN-WAIT-1 \| 61,920 \| 4 \|/);
    assert.match(md, /\| 2025-03-14T09:31:00\+08:00 \| 22 \| 16,000 \| 9,120 \| 160,000 \|/);
    assert.match(md, /Orphans change by 400 a minute; ¼ of tcp_max_orphans: passed; ½: in 31\.9 min; the limit: in 113\.8 min\./);
    assert.match(md, /- orphan 20,000 of tcp_max_orphans 65,536 \(31 %; ¼ = 16,384, ½ = 32,768\)/);
    assert.match(md, /1\. \*\*FIN-WAIT-1\*\* — Likely cause: the peers advertise a zero window\./);
    assert.match(md, / {3}- Source: <https:\/\/elixir\.bootlin\.com\//);
    assert.match(md, /- line 48: not a TCP state — did you mean FIN\\_WAIT2\?/);
    const zh = cli('report', INCIDENT, '--lang', 'zh-cn').stdout;
    assert.match(zh, /^## TCP 证据报告 — /);
    assert.match(zh, /### 可能原因/);
  });

  it('a listener in both an ss and a netstat listing counts once; its Send-Q (the backlog limit) is not bytes queued', () => {
    const note = [
      '```',
      '$ ss -tan',
      'State  Recv-Q Send-Q Local Address:Port Peer Address:Port',
      'LISTEN 0      4096   0.0.0.0:443        0.0.0.0:*',
      'LISTEN 0      4096   127.0.0.1:443      0.0.0.0:*',
      'ESTAB  0      120    10.0.0.1:443       10.0.0.2:5000',
      '$ netstat -tan',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
      'tcp        0      0 0.0.0.0:443             0.0.0.0:*               LISTEN',
      'tcp        0      0 10.0.0.1:443            10.0.0.2:5000           ESTABLISHED',
      '```',
      '',
    ].join('\n');
    const report = buildReport(analyzeNote(note), { file: 'l.md', lang: 'en' });
    const listen = report.json.states.LISTEN;
    assert.equal(listen?.sockets.listed, 2, 'two listeners (two local addresses), each listed once or twice');
    assert.deepEqual(listen?.sockets.sendQ, { nonZero: 0, max: 0 });
    assert.equal(report.json.states.ESTABLISHED?.sockets.listed, 1);
    const md = reportMarkdown(report, 'en');
    assert.match(md, /\| LISTEN \| [\d,]+ \| 2 \|[^\n]*\| — \| [^|]+ \|\n/);
    // SO_REUSEPORT: four listeners on one address and port in one listing are four sockets, and the same four in
    // a netstat listing are not counted again.
    const reuse = (n: number, tool: 'ss' | 'netstat') =>
      Array.from({ length: n }, (_, i) => (tool === 'ss' ? `LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=${101 + i},fd=6))` : `tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      ${101 + i}/nginx`));
    const workers = ['```', '$ ss -tlnp', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process', ...reuse(4, 'ss'), '$ netstat -tlnp', 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name', ...reuse(4, 'netstat'), '```', ''].join('\n');
    assert.equal(buildReport(analyzeNote(workers), { file: 'w.md', lang: 'en' }).json.states.LISTEN?.sockets.listed, 4);
  });

  it('note text is escaped (file name, process names); one sample says there is no trend', () => {
    const note = '```\n$ date\nFri Mar 14 09:31:00 UTC 2025\n$ cat /proc/net/sockstat\nTCP: inuse 5 orphan 3 tw 1 alloc 5 mem 2\n$ ss -tanp state close-wait\nRecv-Q Send-Q Local Address:Port Peer Address:Port Process\n' +
      // 120 CLOSE-WAIT rows with nothing beside them: a count the CLOSE-WAIT cause weighs as well above noise (causes.ts).
      Array.from({ length: 120 }, (_, i) => `1 0 10.0.0.5:9000 198.51.100.${i}:4000 users:(("<img src=x>",pid=1,fd=${i + 3}))`).join('\n') + '\n```\n';
    const report = buildReport(analyzeNote(note), { file: 'a|b*.md', lang: 'en' });
    const md = reportMarkdown(report, 'en');
    assert.match(md, /a\\\|b\\\*\.md/);
    assert.match(md, /One timed sample: no trend\./);
    assert.doesNotMatch(md, /<img/);
    assert.match(report.json.causes[0]?.message ?? '', /\?img src\?x\? holds 120/);
    assert.equal(escapeMarkdown('[x](javascript:y)'), '\\[x\\]\\(javascript:y\\)');
  });

  it('rates and minutes with decimals keep their digit groups: -1,383.95 a minute, 32,348.5 min (audit s12)', () => {
    assert.equal(formatDecimal(-1383.95), '-1,383.95');
    assert.equal(formatDecimal(32348.5), '32,348.5');
    assert.equal(formatDecimal(1320), '1,320');
    assert.equal(formatDecimal(0.456), '0.46');
    assert.equal(formatDecimal(-0.004), '0');
    const note = ['```', 'net.ipv4.tcp_max_orphans = 16777216', '```', '', '## 10:00', '', '```', 'TCP: inuse 5 orphan 30000 tw 1 alloc 5 mem 2', '```', '', '## 10:13', '', '```', 'TCP: inuse 5 orphan 48000 tw 1 alloc 5 mem 2', '```', ''].join('\n');
    const md = reportMarkdown(buildReport(analyzeNote(note), { file: 'n.md', lang: 'en' }), 'en');
    assert.match(md, /Orphans change by 1,384\.62 a minute; ¼ of tcp_max_orphans: in 2,994\.6 min; ½: in 6,023\.8 min;/);
    assert.match(reportMarkdown(buildReport(analyzeNote(note), { file: 'n.md', lang: 'zh-cn' }), 'zh-cn'), /2,994\.6 分钟后/);
  });

  it('Windows netstat -ano: the PID column names who holds the CLOSE-WAIT sockets (built CLI, en and zh-cn)', () => {
    const file = join(fixtureDir('report'), 'windows-close-wait.md');
    const j = JSON.parse(cli('report', file, '--json').stdout) as { states: Record<string, { count: number }>; causes: { rule: string; message: string }[] };
    assert.deepEqual(Object.fromEntries(Object.entries(j.states).map(([k, v]) => [k, v.count])), { LISTEN: 1, ESTABLISHED: 30, 'CLOSE-WAIT': 40, 'TIME-WAIT': 1 });
    const cause = j.causes.find((c) => c.rule === 'close-wait-not-closed');
    assert.match(cause?.message ?? '', /\(PID 4412 holds 40\)/, 'TIME_WAIT rows show PID 0: no process');
    assert.match(cli('report', file, '--lang', 'zh-cn').stdout, /PID 4412 持有 40 个/);
  });

  it('the report file itself reads back: pasted into a note, it adds no evidence and no typos', () => {
    const md = reportMarkdown(buildReport(analyzeNote(readFileSync(INCIDENT, 'utf8')), { file: 'incident.md', lang: 'en' }), 'en');
    const again = buildReport(analyzeNote(md), { file: 'r.md', lang: 'en' }).json;
    assert.deepEqual(again.timeline, []);
    assert.deepEqual(again.findings.filter((f) => !f.message.includes('FIN\\_WAIT2')), []);
  });
});

describe('editor summaries (hover, code lens)', () => {
  it('a state\'s hover lines and a listing block\'s lens title; nothing for stand-in or huge notes', async () => {
    const { stateEvidenceMarkdown, blockConnectionSummary, MAX_SUMMARY_CHARS } = await import('../../src/core/report/summaries');
    const model = analyzeNote(readFileSync(INCIDENT, 'utf8'));
    const md = stateEvidenceMarkdown(model, 'FIN-WAIT-1', 'en') ?? '';
    assert.match(md, /^\*\*Sockets listed in this note:\*\* 4 FIN-WAIT-1 · timers on 1, persist 3/);
    assert.match(md, /\n\nLikely cause: the peers advertise a zero window\. .* persist \\\(zero-window probe\\\) timer/, 'the message is escaped for Markdown');
    assert.match(md, / \(\[source\]\(https:\/\/elixir\.bootlin\.com\/linux\/v6\.12\/source\/net\/ipv4\/tcp_timer\.c\)\)$/);
    assert.equal(stateEvidenceMarkdown(model, 'LAST-ACK', 'en'), undefined);
    const lenses = model.evidence.map((b) => blockConnectionSummary(model, b, 'zh-cn')).filter((x) => x !== undefined);
    assert.deepEqual(lenses, [{ state: 'FIN-WAIT-1', title: '4 FIN-WAIT-1 · 定时器 on 1, persist 3 · Send-Q > 0：4 个（最大 87,600 字节） · 主要网段 203.0.113.0/24（3） · 最大重传 2 · 可能：对端零窗口' }]);
    const hostile = analyzeNote('```\n$ ss -tanp\nState Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nCLOSE-WAIT 1 0 10.0.0.5:9000 198.51.100.1:4000 users:(("$(alert)[x](y)",pid=1,fd=3))\n```\n');
    const title = blockConnectionSummary(hostile, hostile.evidence[0] as (typeof hostile.evidence)[number], 'en')?.title ?? '';
    assert.match(title, /process \?\?alert\?\?x\?\?y\? ×1/);
    assert.doesNotMatch(title, /\$\(/);
    assert.equal(stateEvidenceMarkdown({ ...model, partial: true }, 'FIN-WAIT-1', 'en'), undefined);
    assert.equal(stateEvidenceMarkdown({ ...model, text: 'x'.repeat(MAX_SUMMARY_CHARS + 1) }, 'FIN-WAIT-1', 'en'), undefined);
  });
});

describe('report: the latest sample and mixed time zones (audit s9)', () => {
  const report = (name: string): { trend: unknown; limits: Record<string, unknown>; causes: { rule: string }[]; timeline: { time: string; orphan: number | null }[] } => {
    const r = cli('report', join(fixtureDir('report'), name), '--json');
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as ReturnType<typeof report>;
  };

  it('a later sample without a time is the latest: limits read it, the trend counts from it, the cause fires', () => {
    const j = report('latest-untimed.md');
    assert.deepEqual(j.timeline.map((p) => p.orphan), [9800, 14600]);
    assert.deepEqual([j.limits.orphan, j.limits.orphanLevel, j.limits.orphanRatio], [19500, 'quarter', 0.2975]);
    assert.deepEqual(j.trend, { orphanPerMinute: 482.41, minutesToQuarter: 0, minutesToHalf: 27.5, minutesToLimit: 95.4 });
    assert.deepEqual(j.causes.map((c) => c.rule), ['orphan-limit-pressure']);
    const text = cli('report', join(fixtureDir('report'), 'latest-untimed.md')).stdout;
    assert.match(text, /orphan 19,500 of tcp_max_orphans 65,536/);
    assert.match(text, /¼ of tcp_max_orphans: passed; ½: in 27\.5 min/);
  });

  it('times with and without a zone: read in the zone the note gives, the trend rises (was -0.43)', () => {
    const j = report('mixed-zones.md');
    assert.deepEqual(j.timeline.map((p) => p.time), ['2024-03-05T14:02:00+08:00', '2024-03-05T14:32:00+08:00', '2024-03-05T15:02:00+08:00', '2024-03-05T15:32:00+08:00']);
    assert.equal((j.trend as { orphanPerMinute: number }).orphanPerMinute, 3.33);
    assert.equal(j.limits.orphan, 400, 'the latest sample is the last one in time');
  });
});

describe('report: 12-hour and Chinese clock times, samples without orphan counts (audit s10 #2, #7, #11)', () => {
  const TWELVE = join(fixtureDir('report'), 'twelve-hour.md');
  const COUNTS = join(fixtureDir('report'), 'state-counts.md');
  type Json = { trend: Record<string, number> | null; limits: Record<string, unknown>; timeline: { time: string; line: number; orphan: number | null }[] };
  const json = (file: string, lang = 'en'): Json => {
    const r = cli('report', file, '--json', '--lang', lang);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Json;
  };

  it('--json: 上午 11:50, 下午1点30分, ### 下午 2:10 are 11:50, 13:30, 14:10 on the heading\'s day; the trend rises from the latest', () => {
    for (const lang of ['en', 'zh-cn']) {
      const j = json(TWELVE, lang);
      assert.deepEqual(j.timeline.map((p) => [p.time, p.orphan]), [
        ['2024-03-05T11:50:00', 1000],
        ['2024-03-05T13:30:00', 3000],
        ['2024-03-05T14:10:00', 4000],
      ]);
      assert.deepEqual(Object.keys(j.timeline[0] ?? {}), ['time', 'line', 'orphan', 'tw', 'mem'], 'the JSON shape is unchanged');
      assert.deepEqual(j.trend, { orphanPerMinute: 21.15, minutesToQuarter: 4.5, minutesToHalf: 198.2, minutesToLimit: 585.4 });
      assert.deepEqual([j.limits.orphan, j.limits.orphanRatio], [4000, 0.2441]);
    }
  });

  it('Markdown (en, zh-cn): the afternoon rows and a rising trend', () => {
    const en = cli('report', TWELVE).stdout;
    assert.match(en, /\| 2024-03-05T13:30:00 \| 18 \| 3,000 \| 5 \| 30 \|/);
    assert.match(en, /Orphans change by 21\.15 a minute; ¼ of tcp_max_orphans: in 4\.5 min;/);
    assert.match(en, /- orphan 4,000 of tcp_max_orphans 16,384/);
    const zh = cli('report', TWELVE, '--lang', 'zh-cn').stdout;
    assert.match(zh, /\| 2024-03-05T14:10:00 \| 24 \| 4,000 \|/);
    assert.match(zh, /孤儿每分钟变化 21\.15；到 tcp_max_orphans 的 ¼：4\.5 分钟后/);
  });

  it('timed samples with per-state counts and no orphan numbers: no "one sample", each row shows its counts', () => {
    const j = json(COUNTS);
    assert.deepEqual(j.timeline.map((p) => p.time), ['14:05:00', '14:20:00', '14:50:00', '14:50:00'], '14：20 and 14点50分 are read');
    assert.equal(j.trend, null);
    const en = cli('report', COUNTS).stdout;
    assert.doesNotMatch(en, /One timed sample/);
    assert.match(en, /No orphan trend: none of the 4 timed samples gives an orphan count \(sockstat or ss -s\)\./);
    assert.match(en, /\| Time \| Line \| orphan \| tw \| mem \(pages\) \| Per-state counts \|/);
    assert.match(en, /\| 14:05:00 \| 6 \| — \| — \| — \| ESTABLISHED 842 · CLOSE-WAIT 230 · TIME-WAIT 118 \|/);
    // Two blocks under one heading: two samples at 14:50, told apart by their line and their counts.
    assert.match(en, /\| 14:50:00 \| 24 \| — \| — \| — \| ESTABLISHED 839 · CLOSE-WAIT 1,450 · TIME-WAIT 104 \|/);
    assert.match(en, /\| 14:50:00 \| 33 \| — \| — \| — \| CLOSE-WAIT 1,450 \|/);
    const zh = cli('report', COUNTS, '--lang', 'zh-cn').stdout;
    assert.doesNotMatch(zh, /只有一个带时间的采样/);
    assert.match(zh, /无法得出孤儿趋势：4 个带时间的采样都没有孤儿数（sockstat 或 ss -s）。/);
    assert.match(zh, /\| 时间 \| 行 \| orphan \| tw \| mem（页） \| 各状态数量 \|/);
  });

  it('the trend message says why there is none: one sample, one orphan count among several, one time', () => {
    const sock = (orphan: number): string => `TCP: inuse 1 orphan ${orphan} tw 1 alloc 1 mem 1`;
    const md = (text: string, lang: 'en' | 'zh-cn' = 'en'): string => reportMarkdown(buildReport(analyzeNote(text), { file: 'n.md', lang }), lang);
    const section = (time: string, body: string): string => [`## ${time}`, '', '```', body, '```', ''].join('\n');
    assert.match(md(section('09:00', sock(5))), /One timed sample: no trend\./);
    assert.match(md(section('09:00', sock(5)), 'zh-cn'), /只有一个带时间的采样：无法得出趋势。/);
    const oneCount = section('09:00', sock(5)) + section('09:10', 'TIME_WAIT 1203\nESTABLISHED 1402');
    assert.match(md(oneCount), /No orphan trend: only one of the 2 timed samples gives an orphan count\./);
    assert.match(md(oneCount, 'zh-cn'), /无法得出孤儿趋势：2 个带时间的采样中只有一个有孤儿数。/);
    const sameTime = section('09:00', sock(5)) + '```\n' + sock(9) + '\n```\n';
    assert.match(md(sameTime), /No orphan trend: the timed samples with an orphan count share one time\./);
    assert.match(md(sameTime, 'zh-cn'), /无法得出孤儿趋势：有孤儿数的带时间采样都在同一时刻。/);
  });

  it('the timeline with per-state cells, pasted back into a note, adds no counts and no samples', () => {
    for (const lang of ['en', 'zh-cn'] as const) {
      const md = reportMarkdown(buildReport(analyzeNote(readFileSync(COUNTS, 'utf8')), { file: 'c.md', lang }), lang);
      const timeline = md.split('\n### ').find((x) => /^(Timeline|时间线)\n/.test(x)) ?? '';
      assert.match(timeline, /CLOSE-WAIT 230/, 'the section holds the per-state cells');
      const again = buildReport(analyzeNote(`### ${timeline}`), { file: 'r.md', lang }).json;
      assert.deepEqual([again.timeline, again.states], [[], {}], lang);
    }
  });
});

describe('the trend line says why a threshold is not ahead (audit s14 L5)', () => {
  const note = (a: number, b: number) =>
    ['# n', '', '```', '$ date', 'Thu Mar 14 10:00:00 CST 2025', '$ cat /proc/net/sockstat', `TCP: inuse 10 orphan ${a} tw 5 alloc 10 mem 10`, '```', '', '```', '$ date', 'Thu Mar 14 10:10:00 CST 2025', '$ cat /proc/net/sockstat', `TCP: inuse 10 orphan ${b} tw 5 alloc 10 mem 10`, '```', '', '```', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536', '```', ''].join('\n');
  it('falling: "not while it falls", not a bare dash; zh-CN too', () => {
    const report = buildReport(analyzeNote(note(9000, 4000)), { file: 'f.md', lang: 'en' });
    assert.match(reportMarkdown(report, 'en'), /¼ of tcp_max_orphans: not while it falls; ½: not while it falls; the limit: not while it falls\./);
    assert.match(reportMarkdown(buildReport(analyzeNote(note(9000, 4000)), { file: 'f.md', lang: 'zh-cn' }), 'zh-cn'), /½：下降中，不会到达/);
  });
  it('holding: "not while it holds"; growing: minutes', () => {
    assert.match(reportMarkdown(buildReport(analyzeNote(note(4000, 4000)), { file: 'f.md', lang: 'en' }), 'en'), /½: not while it holds/);
    assert.match(reportMarkdown(buildReport(analyzeNote(note(4000, 9000)), { file: 'f.md', lang: 'en' }), 'en'), /½: in [\d.]+ min/);
  });
});

describe('report: what the cause rules still need, when none matches (audit s16 zh)', () => {
  const report = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang });
  const EXAMPLE = readFileSync(join(process.cwd(), 'examples', 'orphan-socket-notes.zh.md'), 'utf8');

  it('the example note: orphans and mem with no limits, FIN-WAIT-1 counted with no timers — the sysctls and the listing to collect', () => {
    const r = report(EXAMPLE, 'zh-cn');
    assert.deepEqual(r.json.causes, []);
    assert.deepEqual(r.json.collect, ['sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem', 'ss -tanoi state fin-wait-1']);
    assert.match(reportMarkdown(r, 'zh-cn'), /笔记中的证据没有匹配任何原因规则。要判断原因，还需采集：`sysctl net\.ipv4\.tcp_max_orphans net\.ipv4\.tcp_mem`、`ss -tanoi state fin-wait-1`。\n/);
    assert.match(reportMarkdown(report(EXAMPLE), 'en'), /No cause rule matches the evidence in this note\. To judge the causes, collect: `sysctl net\.ipv4\.tcp_max_orphans net\.ipv4\.tcp_mem`, `ss -tanoi state fin-wait-1`\.\n/);
  });

  it('asks only for what the note lacks: a limit it gives (even later), timers a listing shows; nothing when a cause matched', () => {
    const sockstat = ['```', '$ cat /proc/net/sockstat', 'TCP: inuse 900 orphan 300 tw 40 alloc 950 mem 500', '```'];
    // The limits given: nothing to collect, no field.
    const known = report([...sockstat, '', '```', '$ sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_mem', 'net.ipv4.tcp_max_orphans = 65536', 'net.ipv4.tcp_mem = 100000 200000 300000', '```'].join('\n'));
    assert.deepEqual(known.json.causes, []);
    assert.equal(known.json.collect, undefined);
    assert.match(reportMarkdown(known, 'en'), /No cause rule matches the evidence in this note\.\n/);
    // LAST-ACK the largest orphan state, listed with its timers: no listing asked for.
    const listed = report(['```', '$ ss -tano state last-ack', 'Recv-Q Send-Q Local Address:Port Peer Address:Port', '0      1      10.1.1.5:8080      10.1.0.2:33412    timer:(on,12sec,0)', '```', '', '- FIN_WAIT1 2', '- LAST_ACK 40'].join('\n'));
    assert.deepEqual(listed.json.causes, []);
    assert.equal(listed.json.collect, undefined);
    // Counts alone: the largest orphan state's listing.
    assert.deepEqual(report(['- FIN_WAIT1 2', '- LAST_ACK 40', '- CLOSE_WAIT 3'].join('\n')).json.collect, ['ss -tanoi state last-ack']);
    // A cause matched (CLOSE-WAIT): its own checks say what to look at.
    const cw = report([...sockstat, '', '- CLOSE_WAIT 500'].join('\n'));
    assert.equal(cw.json.causes.length, 1);
    assert.equal(cw.json.collect, undefined);
    // No evidence at all: nothing to ask for.
    assert.equal(report('TIME_WAIT 在 Linux 上是 60 秒。').json.collect, undefined);
  });
});

describe('the trend line without tcp_max_orphans in the note (audit s17)', () => {
  const note = ['# n', '', '```', '$ date', 'Thu Mar 14 10:00:00 CST 2025', '$ cat /proc/net/sockstat', 'TCP: inuse 10 orphan 4000 tw 5 alloc 10 mem 10', '```', '', '```', '$ date', 'Thu Mar 14 10:10:00 CST 2025', '$ cat /proc/net/sockstat', 'TCP: inuse 10 orphan 9000 tw 5 alloc 10 mem 10', '```', ''].join('\n');
  it('says the limit is not in the note instead of three dashes; zh-CN too', () => {
    const en = reportMarkdown(buildReport(analyzeNote(note), { file: 'f.md', lang: 'en' }), 'en');
    assert.match(en, /Orphans change by 500 a minute; tcp_max_orphans is not in the note, so no time to its ¼, ½ or the limit\./);
    assert.doesNotMatch(en, /the limit: —/);
    const zh = reportMarkdown(buildReport(analyzeNote(note), { file: 'f.md', lang: 'zh-cn' }), 'zh-cn');
    assert.match(zh, /笔记中没有 tcp_max_orphans，无法推算到其 ¼、½ 或上限的时间。/);
  });
});

describe('Limits: a limit the note gives with no count to weigh against it (review s17 l1)', () => {
  it('is said, not "no orphan tunables"; en and zh-CN', () => {
    const note = ['# n', '', '```', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 65536', '$ ss -tan | awk \'NR>1{print $1}\' | sort | uniq -c', '    980 FIN-WAIT-1', '  20000 ESTAB', '```', ''].join('\n');
    const en = reportMarkdown(buildReport(analyzeNote(note), { file: 'f.md', lang: 'en' }), 'en');
    assert.match(en, /- tcp_max_orphans 65,536; no orphan count in the note to weigh against it \(`cat \/proc\/net\/sockstat` gives it\)/);
    assert.doesNotMatch(en, /No sockstat numbers or orphan tunables/);
    const zh = reportMarkdown(buildReport(analyzeNote(note), { file: 'f.md', lang: 'zh-cn' }), 'zh-cn');
    assert.match(zh, /tcp_max_orphans 为 65,536；笔记中没有可与之比较的 orphan 计数/);
  });
});
