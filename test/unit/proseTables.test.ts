/**
 * Counts written outside code: `STATE N` lines, and tables whose header tells what the number column holds.
 * Reference tables (`| 序号 | 状态 |`, `| st | 状态 |`, `| 状态 | 超时（秒） |`), code lists (`- 06 TIME_WAIT`) and
 * numbered steps (`1 ESTABLISHED`) are no counts. Through the report of a whole note, and proseCountOf directly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { proseCountOf, proseCounts } from '../../src/core/evidence/connections/proseCounts';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { reportMarkdown } from '../../src/core/report/markdown';
import { noteCounts } from '../../src/core/report/currentCounts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

/** The prose counts of a note: every line is offered (as if each held a state mention). */
function countsOf(lines: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of proseCounts(lines.keys(), (n) => lines[n] as string)) out[c.state] = c.count;
  return out;
}

/** The report's counts of a note. */
function reportCounts(lines: readonly string[]): Record<string, number | null> {
  const states = buildReport(analyzeNote(lines.join('\n')), { file: 'n.md', lang: 'en' }).json.states;
  return Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v?.count ?? null]));
}

describe('tables: the header names the number column', () => {
  const negatives: Record<string, string[]> = {
    'an ordinal column (序号)': ['| 序号 | 状态 | 说明 |', '|---|---|---|', '| 1 | LISTEN | 等待连接请求 |', '| 2 | SYN_SENT | 已发送 SYN |', '| 7 | TIME_WAIT | 等待 2MSL |'],
    'an ordinal column (#)': ['| # | State |', '|--:|---|', '| 1 | ESTABLISHED |', '| 2 | FIN_WAIT1 |'],
    'the /proc/net/tcp code table (st)': ['| st | 状态 |', '|----|------|', '| 01 | ESTABLISHED |', '| 06 | TIME_WAIT |', '| 07 | CLOSE |'],
    'a code column after the state': ['| State | Hex code |', '|---|---|', '| TIME_WAIT | 6 |', '| CLOSE_WAIT | 8 |'],
    'a timeout table (超时（秒）)': ['| 状态 | 超时（秒） | 相关参数 |', '|---|---|---|', '| FIN_WAIT2 | 60 | tcp_fin_timeout |', '| TIME_WAIT | 60 | TCP_TIMEWAIT_LEN |', '| SYN_RECV | 5 | tcp_synack_retries（重传次数） |'],
    'a timeout table (Timeout (s))': ['| State | Timeout (s) |', '| :--- | ---: |', '| FIN_WAIT2 | 60 |'],
    'a meaning column (含义)': ['| 状态 | 含义 |', '|---|---|', '| TIME_WAIT | 2 MSL |', '| LAST_ACK | 1 |'],
    'a kernel value column (值)': ['| 状态 | 值 |', '|---|---|', '| TCP_ESTABLISHED | 1 |', '| TCP_SYN_SENT | 2 |'],
    'retransmissions (重传次数)': ['| 状态 | 重传次数 |', '|---|---|', '| SYN_SENT | 6 |'],
    'a port column': ['| State | Port |', '|---|---|', '| LISTEN | 443 |'],
    'a count header over the state column, the number first': ['| 序号 | 状态 | 数量 |', '|---|---|---|'],
    'in a block quote': ['> | 序号 | 状态 |', '> |---|---|', '> | 1 | LISTEN |'],
    'a number before the state under a header that says nothing': ['| | 状态 |', '|---|---|', '| 1 | LISTEN |', '| 2 | SYN_SENT |'],
    // Columns headed by times are samples at those times, not the count: which one is current is no column's to say.
    'columns headed by times (a series of samples)': ['| 状态 | 10:00 | 10:30 | 11:00 |', '|---|---:|---:|---:|', '| ESTABLISHED | 800 | 820 | 810 |', '| FIN_WAIT1 | 1200 | 3400 | 9800 |', '| TIME_WAIT | 2.1w | 2.3w | 2.2w |'],
    'columns headed by times, latest first': ['| State | 11:00 | 10:30 |', '|---|---|---|', '| FIN_WAIT1 | 9800 | 3400 |'],
    'columns headed by dates': ['| State | 2025-06-20 | 2025-06-21 |', '|---|---|---|', '| CLOSE_WAIT | 15 | 400 |'],
    'columns headed by times in Chinese': ['| 状态 | 14点05分 | 下午3点 |', '|---|---|---|', '| LAST_ACK | 12 | 30 |'],
  };
  for (const [what, lines] of Object.entries(negatives)) {
    it(`no counts: ${what}`, () => {
      assert.deepEqual(countsOf(lines), {});
    });
  }

  const positives: Record<string, [string[], Record<string, number>]> = {
    'State | Count (the example note)': [['| State | Count | Orphan? |', '|---|---|---|', '| FIN-WAIT-1 | 61,920 | yes |', '| `LAST_ACK` | 2,103 | yes |'], { 'FIN-WAIT-1': 61920, 'LAST-ACK': 2103 }],
    '状态 | 数量': [['| 状态 | 数量 |', '|---|---|', '| FIN_WAIT1 | 65311 |'], { 'FIN-WAIT-1': 65311 }],
    'netstat | count': [['| netstat | count |', '|---|---|', '| LAST_ACK | 3 |'], { 'LAST-ACK': 3 }],
    '状态 | 连接数 | 说明': [['| 状态 | 连接数 | 说明 |', '|:-:|:-:|:-:|', '| CLOSE_WAIT | 1450 | 泄漏 |'], { 'CLOSE-WAIT': 1450 }],
    'the count first, under a count header': [['| 数量 | 状态 |', '|---|---|', '| 61920 | FIN_WAIT1 |', '| 2103 | LAST_ACK |'], { 'FIN-WAIT-1': 61920, 'LAST-ACK': 2103 }],
    'the count column after an ordinal': [['| 序号 | 状态 | 数量 |', '|---|---|---|', '| 1 | TIME_WAIT | 28563 |', '| 2 | CLOSE_WAIT | 480 |'], { 'TIME-WAIT': 28563, 'CLOSE-WAIT': 480 }],
    'a header naming the moment': [['| 状态 | 故障时 | 恢复后 |', '|---|---|---|', '| TIME_WAIT | 28563 | 1203 |'], { 'TIME-WAIT': 28563 }],
    'Sockets': [['| State | Sockets |', '|---|---|', '| CLOSE-WAIT | 812 |'], { 'CLOSE-WAIT': 812 }],
    'in a block quote': [['> | 状态 | 数量 |', '> |---|---|', '> | LAST_ACK | 12 |'], { 'LAST-ACK': 12 }],
    'one column headed by a time: the one sample': [['| 状态 | 10:00 |', '|---|---|', '| FIN_WAIT1 | 1200 |'], { 'FIN-WAIT-1': 1200 }],
    'a count column beside columns headed by times': [['| 状态 | 数量 | 10:00 | 11:00 |', '|---|---|---|---|', '| FIN_WAIT1 | 9800 | 1200 | 9800 |'], { 'FIN-WAIT-1': 9800 }],
  };
  for (const [what, [lines, expected]] of Object.entries(positives)) {
    it(`counts: ${what}`, () => {
      assert.deepEqual(countsOf(lines), expected);
    });
  }

  it('the report of a table whose columns are times gives no count from it (was the oldest column, 1,200)', () => {
    const lines = ['# order-svc 连接状态变化（手工整理）', '', '| 状态 | 10:00 | 10:30 | 11:00 |', '|---|---:|---:|---:|', '| ESTABLISHED | 800 | 820 | 810 |', '| FIN_WAIT1 | 1200 | 3400 | 9800 |', ''];
    const counts = reportCounts(lines);
    assert.equal(counts['FIN-WAIT-1'] ?? null, null);
    assert.equal(counts.ESTABLISHED ?? null, null);
    const file = join(tempDir('time-columns'), 'n.md');
    writeFileSync(file, lines.join('\n'));
    const md = cliOut(['report', file]);
    assert.doesNotMatch(md, /\| FIN-WAIT-1 \| 1,200 \|/);
    assert.match(md, /No per-state evidence in this note\./);
  });

  it('a row read alone (no header found) keeps the documented `| STATE | N |` form', () => {
    assert.deepEqual(proseCountOf('| FIN_WAIT1 | 61920 | 大部分是孤儿 |'), { state: 'FIN-WAIT-1', count: 61920 });
    assert.equal(proseCountOf('| 1 | LISTEN |'), undefined);
  });

  it('each table reads its own header; a long table is read in one pass', () => {
    const lines = ['| 序号 | 状态 |', '|---|---|', '| 1 | LISTEN |', '', '| 状态 | 数量 |', '|---|---|', '| TIME_WAIT | 9 |', '', '| st | 状态 |', '|---|---|', '| 06 | TIME_WAIT |'];
    assert.deepEqual(countsOf(lines), { 'TIME-WAIT': 9 });
    const big = ['| State | Count |', '|---|---|', ...Array.from({ length: 50_000 }, (_, i) => `| TIME_WAIT | ${i + 1} |`)];
    const t0 = Date.now();
    assert.deepEqual(countsOf(big), { 'TIME-WAIT': 50_000 });
    assert.ok(Date.now() - t0 < 2000, 'linear in the table');
  });
});

describe('lines and list items: the count after the state', () => {
  it('`STATE N` counts (README: a line outside code that says only `STATE N`)', () => {
    assert.deepEqual(proseCountOf('FIN_WAIT1 61920'), { state: 'FIN-WAIT-1', count: 61920 });
    assert.deepEqual(proseCountOf('- LAST_ACK: 2,103（大部分是孤儿）'), { state: 'LAST-ACK', count: 2103 });
    assert.deepEqual(proseCountOf('> CLOSE_WAIT 812 # 泄漏'), { state: 'CLOSE-WAIT', count: 812 });
  });

  it('`STATE=N`, `STATE（N）`, `STATE 有 N 个` count too; more numbers or words after them do not (audit s14 10)', () => {
    assert.deepEqual(proseCountOf('- CLOSE_WAIT=57'), { state: 'CLOSE-WAIT', count: 57 });
    assert.deepEqual(proseCountOf('- TIME_WAIT（30122）'), { state: 'TIME-WAIT', count: 30122 });
    assert.deepEqual(proseCountOf('TIME_WAIT (30,122)'), { state: 'TIME-WAIT', count: 30122 });
    assert.deepEqual(proseCountOf('FIN_WAIT1 有 2981 个'), { state: 'FIN-WAIT-1', count: 2981 });
    for (const s of ['FIN_WAIT1 有 2981 of 3000', 'TIME_WAIT (60 s) then gone', 'CLOSE_WAIT=57 LAST_ACK=3', 'FIN_WAIT1 有 很多']) {
      assert.equal(proseCountOf(s), undefined, s);
    }
  });

  it('counts as Chinese notes write them: 万 and w (×10,000), k (×1,000), 约/大概/将近 before, 多/+/以上 for at least, no spaces around Chinese (audit s16 zh 7)', () => {
    assert.deepEqual(proseCountOf('TIME_WAIT 有 1.2w 个'), { state: 'TIME-WAIT', count: 12000 });
    assert.deepEqual(proseCountOf('TIME_WAIT有1.2W个'), { state: 'TIME-WAIT', count: 12000 });
    assert.deepEqual(proseCountOf('FIN_WAIT1 大概有 3 万多个'), { state: 'FIN-WAIT-1', count: 30000, atLeast: true });
    assert.deepEqual(proseCountOf('- FIN_WAIT1：3.5万'), { state: 'FIN-WAIT-1', count: 35000 });
    assert.deepEqual(proseCountOf('CLOSE_WAIT 约 800 个'), { state: 'CLOSE-WAIT', count: 800 });
    assert.deepEqual(proseCountOf('LAST_ACK 2000 左右'), { state: 'LAST-ACK', count: 2000 });
    assert.deepEqual(proseCountOf('CLOSE_WAIT 将近 5k'), { state: 'CLOSE-WAIT', count: 5000 });
    assert.deepEqual(proseCountOf('TIME_WAIT 12k+'), { state: 'TIME-WAIT', count: 12000, atLeast: true });
    assert.deepEqual(proseCountOf('TIME_WAIT ~12k'), { state: 'TIME-WAIT', count: 12000 });
    assert.deepEqual(proseCountOf('FIN_WAIT2 2000 个以上'), { state: 'FIN-WAIT-2', count: 2000, atLeast: true });
    assert.deepEqual(proseCountOf('FIN_WAIT1有2981个'), { state: 'FIN-WAIT-1', count: 2981 });
    assert.deepEqual(proseCountOf('FIN_WAIT1 有 2981 个，大部分是孤儿'), { state: 'FIN-WAIT-1', count: 2981 });
    assert.deepEqual(proseCountOf('CLOSE_WAIT 有 300 多个'), { state: 'CLOSE-WAIT', count: 300, atLeast: true });
    assert.deepEqual(proseCountOf('CLOSE_WAIT 300 个连接'), { state: 'CLOSE-WAIT', count: 300 });
    // Durations, sizes, fractions and other words after the number stay no counts.
    for (const s of ['TIME_WAIT 约 60 秒', 'TIME_WAIT 大概 2 分钟', 'TIME_WAIT 1.5', 'FIN_WAIT1 1.2', 'TIME_WAIT 4KB', 'TIME_WAIT 1.2ww', 'CLOSE_WAIT 约', 'TIME_WAIT 有 1.2w of 3w', 'TIME_WAIT 06', 'TIME_WAIT 3万秒', 'TIME_WAIT 1.23456w',
      // `N 个` and another noun: N counts that (review s16 D3).
      'TIME_WAIT 约 2 个 MSL', 'TIME_WAIT 大约 2 个 MSL（60 秒）', 'FIN_WAIT2 将近 1 个小时才消失', 'TIME_WAIT 大概 3 个月前开始变多', 'CLOSE_WAIT 有 3 个小时了', 'CLOSE_WAIT 有 3 个多小时']) {
      assert.equal(proseCountOf(s), undefined, s);
    }
  });

  it('a table cell holds the same forms (| TIME_WAIT | 1.2w |)', () => {
    assert.deepEqual(countsOf(['| 状态 | 数量 |', '|---|---|', '| TIME_WAIT | 1.2w |', '| FIN_WAIT1 | 3万多 |', '| CLOSE_WAIT | 800 |']), { 'TIME-WAIT': 12000, 'FIN-WAIT-1': 30000, 'CLOSE-WAIT': 800 });
    assert.deepEqual(proseCountOf('| FIN_WAIT1 | 3万多 |'), { state: 'FIN-WAIT-1', count: 30000, atLeast: true });
    assert.deepEqual(countsOf(['| 状态 | 超时 |', '|---|---|', '| TIME_WAIT | 1.2w |']), {});
    // A queue, window or size column is no count, in bytes or in K (review s16 Q2).
    assert.deepEqual(countsOf(['| 状态 | Send-Q |', '|---|---|', '| FIN-WAIT-1 | 64K |', '| ESTABLISHED | 4096 |']), {});
    assert.deepEqual(countsOf(['| State | Recv-Q | Count |', '|---|---|---|', '| CLOSE_WAIT | 4K | 812 |']), { 'CLOSE-WAIT': 812 });
  });

  it('an at-least prose count reaches the report as one (≥)', () => {
    const model = analyzeNote('# x\n\nFIN_WAIT1 大概有 3 万多个\n');
    const count = noteCounts(model).counts.get('FIN-WAIT-1');
    assert.equal(count?.count, 30000);
    assert.equal(count?.atLeast, true);
    const md = reportMarkdown(buildReport(model, { file: 'n.md', lang: 'zh-cn' }), 'zh-cn');
    assert.match(md, /\| FIN-WAIT-1 \| ≥ 30,000 \|/);
    assert.match(md, /或笔记写成下限的数量/);
  });

  it('lines under a heading or lead-in naming timeouts or defaults are no counts (audit s14 10)', () => {
    assert.deepEqual(countsOf(['## Linux TCP 相关超时速查', '', '- TIME_WAIT 60', '- FIN_WAIT2 60', '- SYN_RECV 5']), {});
    assert.deepEqual(countsOf(['Default timeouts (seconds):', '- TIME_WAIT 60', '- FIN_WAIT2 60']), {});
    assert.deepEqual(countsOf(['各状态默认时长：', '', '', 'TIME_WAIT 60']), {});
    // Counts under an ordinary heading, or under a timeout heading further up than the run's lead-in, stay.
    assert.deepEqual(countsOf(['## 14:05 现场', '', '- TIME_WAIT 30122', '- CLOSE_WAIT=57']), { 'TIME-WAIT': 30122, 'CLOSE-WAIT': 57 });
    assert.deepEqual(countsOf(['## 超时排查', '', '故障时各状态连接数：', '- TIME_WAIT 30122']), { 'TIME-WAIT': 30122 });
    // A heading of a moment of the incident counts, whatever tunable or timeout it names (review s14 1).
    assert.deepEqual(countsOf(['## 把 tcp_fin_timeout 从 60 调到 15 之后', '- FIN_WAIT2: 1203', '- TIME_WAIT: 9100']), { 'FIN-WAIT-2': 1203, 'TIME-WAIT': 9100 });
    assert.deepEqual(countsOf(['## 重传超时后的统计', '- FIN_WAIT1 812']), { 'FIN-WAIT-1': 812 });
    assert.deepEqual(countsOf(['## 恢复默认参数后', '- TIME_WAIT 5000']), { 'TIME-WAIT': 5000 });
    assert.deepEqual(countsOf(['### After the keepalive timeout change', '- CLOSE_WAIT 40']), { 'CLOSE-WAIT': 40 });
    assert.deepEqual(countsOf(['## net.ipv4.tcp_fin_timeout', '- FIN_WAIT2 77']), { 'FIN-WAIT-2': 77 });
  });

  it('`LISTEN N` alone is a port; beside other states\' counts it is a count (audit s14 10)', () => {
    assert.deepEqual(countsOf(['nginx 配置检查：', '', 'LISTEN 443', 'LISTEN 8080']), {});
    assert.deepEqual(countsOf(['- ESTABLISHED 5000', '- LISTEN 12', '- TIME_WAIT 300']), { ESTABLISHED: 5000, LISTEN: 12, 'TIME-WAIT': 300 });
    assert.deepEqual(countsOf(['| State | Count |', '|---|---|', '| LISTEN | 12 |']), { LISTEN: 12 });
  });

  it('a number before the state is an ordinal, a step or a code: no count', () => {
    for (const s of ['- 06 TIME_WAIT', '- 0A LISTEN', '1 ESTABLISHED', '2 FIN_WAIT1', '> 61920 FIN-WAIT-1 # 孤儿', '61920 FIN-WAIT-1', '* 3 CLOSE_WAIT']) {
      assert.equal(proseCountOf(s), undefined, s);
    }
  });

  it('a number with a leading zero is a code, not a count', () => {
    for (const s of ['- TIME_WAIT 06', 'CLOSE 07', '| TIME_WAIT | 06 |']) assert.equal(proseCountOf(s), undefined, s);
    assert.deepEqual(proseCountOf('CLOSE_WAIT 0'), { state: 'CLOSE-WAIT', count: 0 });
  });

  it('the report of notes with a code list and numbered steps has no counts (rep/l, rep/l2)', () => {
    assert.deepEqual(reportCounts(['# 状态码', '', '- 06 TIME_WAIT', '- 0A LISTEN', '']), {});
    assert.deepEqual(reportCounts(['步骤：', '', '1 ESTABLISHED', '2 FIN_WAIT1', '3 FIN_WAIT2', '4 TIME_WAIT', '']), {});
  });

  it('the report of a note with a state table: no counts; with a count table: its counts (rep/tbl3)', () => {
    const ref = ['| 序号 | 状态 | 说明 |', '|---|---|---|', '| 1 | LISTEN | 等待连接请求 |', '| 7 | TIME_WAIT | 等待 2MSL |', ''];
    assert.deepEqual(reportCounts(ref), {});
    const counted = ['| 状态 | 数量 |', '|---|---|', '| TIME_WAIT | 28563 |', ''];
    assert.deepEqual(reportCounts(counted), { 'TIME-WAIT': 28563 });
  });
});

describe('a table with a column of places (audit s17: hosts side by side)', () => {
  it('its rows are each place\'s counts: none is the note\'s count of the state', () => {
    const hosts = ['| 主机 | 状态 | 数量 |', '|---|---|---|', '| lb-1 | FIN_WAIT1 | 210 |', '| lb-2 | FIN_WAIT1 | 2.9万 |', '| lb-3 | FIN_WAIT1 | 190 |', '| lb-2 | LAST_ACK | 1k |', ''];
    assert.deepEqual(reportCounts(hosts), {});
    for (const head of ['| Host | State | Count |', '| Pod | State | Sockets |', '| 对端 IP | 状态 | 数量 |', '| Peer address | State | Count |', '| 节点 | 状态 | 连接数 |', '| hostname | state | count |']) {
      assert.deepEqual(reportCounts([head, '|---|---|---|', '| a | TIME_WAIT | 300 |', '| b | TIME_WAIT | 28000 |', '']), {}, head);
    }
  });

  it('rows that all name one place count as any table\'s (review s17: one host\'s table)', () => {
    const one = ['| 主机 | 状态 | 数量 |', '|---|---|---|', '| lb-7 | FIN_WAIT1 | 30000 |', '| lb-7 | TIME_WAIT | 12000 |', '| | ESTABLISHED | 8000 |', ''];
    assert.deepEqual(reportCounts(one), { 'FIN-WAIT-1': 30000, 'TIME-WAIT': 12000, ESTABLISHED: 8000 });
    // Two tables: one of one host counts, the other of two hosts does not.
    const two = [...one, '| Host | State | Count |', '|---|---|---|', '| a | CLOSE_WAIT | 5 |', '| b | CLOSE_WAIT | 900 |', ''];
    assert.deepEqual(reportCounts(two), { 'FIN-WAIT-1': 30000, 'TIME-WAIT': 12000, ESTABLISHED: 8000 });
  });

  it('a column that only mentions a place in other words still counts (说明（对端）, Host notes)', () => {
    assert.deepEqual(reportCounts(['| 状态 | 数量 | 说明（对端行为） |', '|---|---|---|', '| TIME_WAIT | 28563 | 对端未关闭 |', '']), { 'TIME-WAIT': 28563 });
    assert.deepEqual(reportCounts(['| State | Count | Host notes |', '|---|---|---|', '| TIME_WAIT | 28563 | lb-2 only |', '']), { 'TIME-WAIT': 28563 });
  });
});

describe('≈ before a prose count (audit s17)', () => {
  it('reads as 约: about that many', () => {
    assert.deepEqual(proseCountOf('- FIN_WAIT1 ≈ 1.2万'), { state: 'FIN-WAIT-1', count: 12000 });
    assert.deepEqual(proseCountOf('- FIN_WAIT1 ≈1.2万'), { state: 'FIN-WAIT-1', count: 12000 });
    assert.deepEqual(proseCountOf('CLOSE_WAIT ≈ 800 个'), { state: 'CLOSE-WAIT', count: 800 });
    assert.deepEqual(proseCountOf('TIME_WAIT 约等于 3000'), { state: 'TIME-WAIT', count: 3000 });
  });
});
