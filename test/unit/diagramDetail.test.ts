/**
 * The diagram's detail pane and timeline scrubber as data (src/core/diagram/detail.ts), the checks on what the
 * webview sends (src/webview/detailProtocol.ts), and that the pane's script builds no HTML from text.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir, repoPath } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import { analyseEvidence, causesOf } from '../../src/core/report/build';
import { ScrubberSync } from '../../src/webview/scrubberSync';
import { DETAIL_TOP, isSampleIndex, stateDetail, timelineSamples, trendSparklineSvg } from '../../src/core/diagram/detail';
import { isSelectState, type TimelineView } from '../../src/webview/detailProtocol';
import { parseWebviewMessage } from '../../src/core/diagram/messages';

const incident = readFileSync(join(fixtureDir('report'), 'incident.md'), 'utf8');

function detailOf(text: string, state: Parameters<typeof stateDetail>[0], lang: 'en' | 'zh-cn' = 'en') {
  const a = analyseEvidence(analyzeNote(text));
  return stateDetail(state, a, causesOf(a, lang));
}

describe('detail pane data', () => {
  it('summarises the FIN-WAIT-1 listing: count, peers, networks, ports, timers, Send-Q, retransmissions, cause, trend', () => {
    const d = detailOf(incident, 'FIN-WAIT-1');
    assert.equal(d.count, 61920, 'the annotated awk count is the best count');
    assert.equal(d.countLine, 41);
    assert.equal(d.listed, 4);
    assert.deepEqual(d.prefixes[0], { label: '203.0.113.0/24', count: 3 });
    assert.equal(d.peers.length, 4);
    assert.deepEqual(d.localPorts, [{ label: '443', count: 4 }]);
    assert.deepEqual(d.timers, [{ kind: 'on', count: 1 }, { kind: 'persist', count: 3 }]);
    assert.deepEqual(d.sendQ, { rows: 4, nonZero: 4, max: 87600 });
    assert.equal(d.retransMax, 2);
    assert.deepEqual(d.processes, []);
    assert.equal(d.causes.length, 1);
    assert.match(d.causes[0]?.message ?? '', /zero window/);
    assert.match(d.causes[0]?.source ?? '', /^https:\/\//);
    // The samples give no per-state FIN-WAIT-1 series, so an orphan state shows sockstat orphan over time.
    assert.deepEqual(d.trend, {
      series: 'orphan',
      points: [
        { time: '2025-03-14T09:21:00+08:00', value: 12000 },
        { time: '2025-03-14T09:31:00+08:00', value: 16000 },
        { time: '2025-03-14T09:41:00+08:00', value: 20000 },
      ],
    });
  });

  it('the cause follows the language; a state with nothing in the note has an empty detail', () => {
    assert.match(detailOf(incident, 'FIN-WAIT-1', 'zh-cn').causes[0]?.message ?? '', /零窗口/);
    const e = detailOf(incident, 'ESTABLISHED');
    assert.deepEqual(
      { count: e.count, listed: e.listed, peers: e.peers, timers: e.timers, sendQ: e.sendQ, causes: e.causes, trend: e.trend },
      { count: null, listed: 0, peers: [], timers: [], sendQ: null, causes: [], trend: null },
      'not an orphan state: no orphan trend either',
    );
  });

  it('a per-state series wins over the orphan series when the samples give one', () => {
    const note = ['# n', '', '### 2025-03-14 09:00', '', '```', 'FIN_WAIT1 100', 'TIME_WAIT 5', '```', '', '### 2025-03-14 09:10', '', '```', 'FIN_WAIT1 250', 'ESTABLISHED 40', '```', ''].join('\n');
    const d = detailOf(note, 'FIN-WAIT-1');
    assert.deepEqual(d.trend, { series: 'state', points: [{ time: '2025-03-14T09:00:00', value: 100 }, { time: '2025-03-14T09:10:00', value: 250 }] });
    assert.equal(detailOf(note, 'TIME-WAIT').trend, null, 'one value is no trend');
  });

  it('keeps the top entries only and cuts long note text (shown as text, never markup)', () => {
    const rows = Array.from({ length: 9 }, (_, i) => `FIN-WAIT-1 0 ${100 + i} 10.0.0.5:443 198.51.${i}.7:5000${i} users:(("${'x'.repeat(40)}<img src=x>",pid=${i},fd=3))`);
    const d = detailOf(['```', '$ ss -tanp', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process', ...rows, '```', ''].join('\n'), 'FIN-WAIT-1');
    assert.equal(d.listed, 9);
    assert.equal(d.peers.length, DETAIL_TOP);
    assert.equal(d.prefixes.length, DETAIL_TOP);
    // The name is data, kept as written: the webview sets it with textContent.
    assert.deepEqual(d.processes, [{ label: `${'x'.repeat(40)}<img src=x>`, count: 9 }]);
    for (const p of [...d.peers, ...d.prefixes, ...d.processes]) assert.ok(p.label.length <= 80);
  });
});

describe('timeline samples', () => {
  it('are the timed samples with counts or an orphan number, oldest first', () => {
    const a = analyseEvidence(analyzeNote(incident));
    const s = timelineSamples(a.points);
    assert.deepEqual(s.map((x) => x.time), ['2025-03-14T09:21:00+08:00', '2025-03-14T09:31:00+08:00', '2025-03-14T09:41:00+08:00']);
    assert.deepEqual(s.map((x) => x.orphan), [12000, 16000, 20000]);
    assert.equal(s[2]?.counts['TIME-WAIT'], 1840);
  });

  it('sort by time, not by place in the note', () => {
    const note = ['### 2025-03-14 10:00', '', '```', 'FIN_WAIT1 300', 'LAST_ACK 2', '```', '', '### 2025-03-14 09:00', '', '```', 'FIN_WAIT1 100', 'LAST_ACK 1', '```', ''].join('\n');
    const s = timelineSamples(analyseEvidence(analyzeNote(note)).points);
    assert.deepEqual(s.map((x) => x.counts['FIN-WAIT-1']), [100, 300]);
  });

  it('the scrubber accepts −1 (whole note) and existing indexes only', () => {
    assert.ok(isSampleIndex(-1, 3));
    assert.ok(isSampleIndex(2, 3));
    for (const bad of [3, -2, 1.5, '1', null, undefined, Number.NaN]) assert.equal(isSampleIndex(bad, 3), false, String(bad));
  });

  it('the host parses select / selectSample field by field and keeps nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'select', state: 'LAST-ACK', extra: '<x>' }), { type: 'select', state: 'LAST-ACK' });
    assert.deepEqual(parseWebviewMessage({ type: 'select', state: null }), { type: 'select', state: null });
    assert.deepEqual(parseWebviewMessage({ type: 'selectSample', index: -1, seq: 0 }), { type: 'selectSample', index: -1, seq: 0 });
    assert.deepEqual(parseWebviewMessage({ type: 'selectSample', index: 2, seq: 7, extra: 1 }), { type: 'selectSample', index: 2, seq: 7 });
    const badSamples = [{ index: '1', seq: 1 }, { index: 0.5, seq: 1 }, { index: -2, seq: 1 }, { index: 1e9, seq: 1 }, { index: 1 }, { index: 1, seq: -1 }, { index: 1, seq: 1.5 }, { index: 1, seq: '2' }, { index: 1, seq: 2 ** 60 }];
    for (const bad of [{ type: 'select' }, { type: 'select', state: 'last_ack' }, { type: 'select', state: 1 }, ...badSamples.map((b) => ({ type: 'selectSample', ...b }))]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });

  it('the webview may select a known state or nothing, never another string', () => {
    assert.ok(isSelectState('FIN-WAIT-1'));
    assert.ok(isSelectState(null));
    for (const bad of ['FIN_WAIT1', '<script>', undefined, 1, {}]) assert.equal(isSelectState(bad), false, String(bad));
  });
});

describe("the scrubber keeps the user's move until the host has handled it", () => {
  const view = (selected: number, answered: number): TimelineView => ({ samples: [{ time: 't1', orphan: 1 }, { time: 't2', orphan: null }, { time: 't3', orphan: 3 }], selected, answered, strings: {} as TimelineView['strings'] });

  it("takes the host's sample when no move is outstanding", () => {
    const sync = new ScrubberSync();
    assert.equal(sync.position(view(-1, 0), 2), 0);
    assert.equal(sync.position(view(1, 0), 0), 2);
  });

  it('a render sent before the host read the move does not move the scrubber back', () => {
    const sync = new ScrubberSync();
    sync.moved(); // ArrowRight ×3: shown at 3, not yet posted
    assert.equal(sync.position(view(-1, 0), 3), 3, 'while the move waits to be posted');
    const seq = sync.post();
    assert.equal(sync.position(view(-1, seq - 1), 3), 3, 'a render that predates the move');
    assert.equal(sync.position(view(2, seq), 3), 3, 'the answer');
    assert.equal(sync.position(view(-1, seq), 3), 0, 'after the answer the host decides (the note changed, the sample went)');
  });

  it("a rejected move is answered with the host's sample; a webview reload starts its count again", () => {
    const sync = new ScrubberSync();
    sync.moved();
    const seq = sync.post();
    assert.equal(sync.position(view(0, seq), 3), 1, "rejected: back to the host's sample");
    const reloaded = new ScrubberSync();
    assert.equal(reloaded.position(view(0, 9), 3), 1, 'the host answered moves of the old page');
  });
});

describe('trend sparkline', () => {
  it('is an SVG of numbers with an escaped title, marking the chosen sample in it', () => {
    const svg = trendSparklineSvg({ series: 'state', points: [{ time: 't1', value: 1 }, { time: 't2', value: 5 }] }, 'A <b>"x"</b> & y', 't2');
    assert.match(svg, /^<svg [^>]*role="img"/);
    assert.ok(svg.includes('<title>A &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y: t1 1, t2 5 (t2)</title>'));
    assert.ok(!svg.includes('<b>'));
    assert.match(svg, /<polyline class="spark-line" fill="none" points="2,34 178,2"\/>/);
  });
});

describe('the detail pane script', () => {
  it('builds no HTML from strings (no innerHTML, outerHTML, insertAdjacentHTML, document.write)', () => {
    for (const file of ['src/webview/detailPane.ts', 'src/webview/main.ts']) {
      const src = readFileSync(repoPath(file), 'utf8');
      assert.ok(!/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write/.test(src), file);
    }
  });
});

describe('detail scoped to a section', () => {
  const note = [
    '# Incident',
    '',
    '## Monday 09:00',
    '',
    'FIN_WAIT1 500',
    '',
    '```',
    '$ ss -tan state fin-wait-1',
    'Recv-Q Send-Q Local Address:Port Peer Address:Port',
    '0      100    10.0.0.1:443       203.0.113.5:40001',
    '0      200    10.0.0.1:443       203.0.113.6:40002',
    '```',
    '',
    '## Tuesday 09:00',
    '',
    '```',
    '$ ss -tan state fin-wait-1',
    'Recv-Q Send-Q Local Address:Port Peer Address:Port',
    '0      0      10.0.0.1:443       198.51.100.7:40003',
    '```',
    '',
  ].join('\n');
  const model = analyzeNote(note);
  const section = (title: string) => {
    const s = model.sections.find((x) => x.title === title);
    assert.ok(s, title);
    return { start: s.start, end: s.end };
  };
  const detailIn = (range?: { start: number; end: number }) => {
    const a = analyseEvidence(model, range);
    return stateDetail('FIN-WAIT-1', a, causesOf(a, 'en'));
  };

  it('uses only the evidence inside the section (listings, count lines), the whole note without a scope', () => {
    const whole = detailIn();
    assert.equal(whole.listed, 3);
    assert.equal(whole.count, 500, 'the prose count line');
    const monday = detailIn(section('Monday 09:00'));
    assert.equal(monday.listed, 2);
    assert.equal(monday.count, 500);
    assert.deepEqual(monday.prefixes, [{ label: '203.0.113.0/24', count: 2 }]);
    assert.deepEqual(monday.sendQ, { rows: 2, nonZero: 2, max: 200 });
    const tuesday = detailIn(section('Tuesday 09:00'));
    assert.equal(tuesday.listed, 1);
    assert.equal(tuesday.count, 1, 'no count line in this section: the listing counts');
    assert.deepEqual(tuesday.peers, [{ label: '198.51.100.7', count: 1 }]);
    assert.deepEqual(tuesday.sendQ, { rows: 1, nonZero: 0, max: 0 });
  });

  it('bcc output outside the section is not read', () => {
    const bcc = ['', '## Trace', '', '```', 'SKADDR           C-PID C-COMM     LADDR           LPORT RADDR           RPORT OLDSTATE    -> NEWSTATE    MS', 'ffff9fd7e8192000 0     swapper/0  10.0.0.1        443   203.0.113.9     40009 ESTABLISHED -> FIN_WAIT1   0.000', '```', ''].join('\n');
    const m = analyzeNote(note + bcc);
    const trace = m.sections.find((x) => x.title === 'Trace');
    const monday = m.sections.find((x) => x.title === 'Monday 09:00');
    assert.ok(trace && monday);
    assert.equal(analyseEvidence(m).evidence.connections.length, 1, 'the whole note reads the trace');
    assert.equal(analyseEvidence(m, { start: trace.start, end: trace.end }).evidence.connections.length, 1);
    assert.equal(analyseEvidence(m, { start: monday.start, end: monday.end }).evidence.connections.length, 0);
  });
});
