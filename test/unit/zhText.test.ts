/**
 * Chinese text as the tools print it: no space between two Chinese characters or next to full-width punctuation
 * where pieces are joined, full-width `：` / `；` after labels and between clauses, the CLI's unknown-term error in
 * Chinese, and user-facing names in "Related" lines. Run through the built CLI (dist/cli.js) in zh-cn and en.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { joinAt, joinText } from '../../src/core/textJoin';
import { L, t } from '../../src/core/strings';
import { countsSourceText } from '../../src/core/report/currentCounts';
import { tempDir } from './tempDir';

describe('joining Chinese and Latin text', () => {
  test('the space at a join goes between two Chinese characters and next to full-width punctuation; stays next to Latin', () => {
    assert.equal(joinAt('已超过 ', '上限'), '已超过上限');
    assert.equal(joinAt('已超过 ', '¼'), '已超过 ¼');
    assert.equal(joinAt('后放弃。', ' 5 个对端'), '后放弃。5 个对端');
    assert.equal(joinAt('CLOSE-WAIT 的 ', 'ss 状态过滤关键字'), 'CLOSE-WAIT 的 ss 状态过滤关键字');
    assert.equal(joinAt('a ', 'b'), 'a b');
    assert.equal(joinAt('上限', '（'), '上限（');
    assert.equal(joinText(['已移除。', '4.12 之前：存在'], 'zh-cn'), '已移除。4.12 之前：存在');
    assert.equal(joinText(['Removed.', 'Before 4.12: exists'], 'en'), 'Removed. Before 4.12: exists');
  });

  test('templates join their values so in Chinese, and not in English', () => {
    assert.equal(t(L.spellingOf, 'zh-cn', { family: '一种变体写法', state: 'CLOSE-WAIT' }), 'CLOSE-WAIT 的一种变体写法');
    assert.equal(t(L.spellingOf, 'zh-cn', { family: 'ss 状态过滤关键字', state: 'CLOSE-WAIT' }), 'CLOSE-WAIT 的 ss 状态过滤关键字');
    assert.equal(t(L.spellingOf, 'en', { family: 'a variant spelling', state: 'CLOSE-WAIT' }), 'a variant spelling of CLOSE-WAIT');
  });
});

describe('a line and what it holds (audit s16 zh)', () => {
  test('第 N 行的 puts a space before a code span or Latin, none before Chinese', () => {
    const one = (kind: 'ss' | 'state-counts', time: string | null) => countsSourceText({ from: null, sources: [{ line: 12, kind, time }] }, 'zh-cn');
    assert.equal(one('ss', '14:05:33'), '第 13 行的 `ss` 输出（14:05:33）');
    assert.equal(one('ss', null), '第 13 行的 `ss` 输出');
    assert.equal(one('state-counts', null), '第 13 行的按状态统计');
    assert.equal(t(L.evidenceCount, 'zh-cn', { count: 3, state: 'FIN-WAIT-1', what: '`ss` 输出', line: 13 }), '第 13 行的 `ss` 输出中有 3 个 FIN-WAIT-1');
  });
});

describe('zh-cn through the built CLI', () => {
  const cli = join(process.cwd(), 'dist', 'cli.js');
  const dir = tempDir('tsn-zh-text-');
  const note = join(dir, 'note.md');
  writeFileSync(
    note,
    [
      '# FIN_WAIT1 堆积',
      '',
      '### 02:40',
      '',
      '```',
      'TCP: inuse 66171 orphan 52100 tw 1840 alloc 66900 mem 1000',
      '```',
      '',
      '### 03:15',
      '',
      '```',
      '$ cat /proc/net/sockstat',
      'TCP: inuse 70000 orphan 70100 tw 1840 alloc 70900 mem 1000',
      '$ sysctl net.ipv4.tcp_max_orphans',
      'net.ipv4.tcp_max_orphans = 65536',
      '$ ss -tno state fin-wait-1',
      'Recv-Q Send-Q  Local Address:Port     Peer Address:Port  Process',
      '0      87600   10.0.0.8:443           203.0.113.41:51234  timer:(persist,1min40sec,0)',
      '0      65160   10.0.0.8:443           203.0.113.77:40112  timer:(persist,52sec,0)',
      '0      43800   10.0.0.8:443           203.0.113.9:38800   timer:(persist,1min12sec,0)',
      '0      29200   10.0.0.8:443           203.0.113.41:51290  timer:(persist,31sec,0)',
      '```',
      '',
      '开启 tcp_tw_recycle 可以快速回收 TIME_WAIT。',
      '',
    ].join('\n'),
  );
  const run = (...args: string[]): { code: number | null; out: string; err: string } => {
    assert.ok(existsSync(cli), 'dist/cli.js is built');
    const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  /** Text outside code spans and link destinations, where the Chinese punctuation rules apply. */
  const prose = (md: string): string => md.replace(/`+[^`\n]*`+/g, '`x`').replace(/\]\([^)\s]*\)|<https?:[^>\s]*>/g, ']');
  const assertChinese = (md: string): void => {
    const p = prose(md);
    assert.doesNotMatch(p, /\p{Script=Han} +\p{Script=Han}/u, 'no space between two Chinese characters');
    assert.doesNotMatch(p, /[。，；：、（）] +(?=[^|\s])|(?<=[^|\s]) +[。，；：、（）]/u, 'no space next to full-width punctuation');
    assert.doesNotMatch(p, /\p{Script=Han}[:;] /u, 'full-width colon and semicolon after Chinese');
  };

  test('report --lang zh-cn: no stray spaces, full-width : and ;, the tw_recycle reason said of tw_recycle', () => {
    const r = run('report', note, '--lang', 'zh-cn');
    assert.equal(r.code, 0, r.err);
    assertChinese(r.out);
    assert.match(r.out, /已超过上限/);
    assert.match(r.out, /才结束它。\d+ 个对端中有/);
    assert.match(r.out, /- 检查：`[^\n]*`；/);
    assert.match(r.out, /- 改动：/);
    assert.match(r.out, /- 来源：</);
    assert.match(r.out, /- 第 \d+ 行：/);
    assert.match(r.out, /recycle 会让 NAT 后面的客户端时常连不上（SYN 被丢弃），已在 Linux 4\.12 中移除/);
    assert.doesNotMatch(r.out, /移除（会导致 NAT/);
  });

  test('report in English: the same reason without the ambiguous "(it broke …)" after "removed"', () => {
    const r = run('report', note);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /recycle broke clients behind NAT and was removed in Linux 4\.12/);
    assert.match(r.out, /- Check: `[^\n]*`; /);
  });

  test('check --lang zh-cn: the messages read as Chinese', () => {
    const r = run('check', note, '--lang', 'zh-cn');
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /tcp_tw_recycle 会让 NAT 后面的客户端时常连不上/);
    for (const line of r.out.split('\n')) {
      const message = line.replace(/^[^\n]*?: (?:misconception|typo) [\w-]+: /, '').replace(/ \(https?:[^)]*\)$/, '');
      assertChinese(message);
    }
  });

  test('explain --lang zh-cn: a variant spelling, labels with ：, lists with 、', () => {
    const r = run('explain', 'Close_Wait', '--lang', 'zh-cn');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^\*\*CLOSE-WAIT\*\* — CLOSE-WAIT 的一种变体写法：`Close_Wait`/);
    assert.match(r.out, /\*\*谁处于此状态：\*\* /);
    assert.match(r.out, /\*\*来源：\*\* \[/);
    assertChinese(r.out);
    const fw1 = run('explain', 'FIN_WAIT1', '--lang', 'zh-cn');
    assert.match(fw1.out, /相关参数：`net\.ipv4\.tcp_orphan_retries`、`/);
    assertChinese(fw1.out);
    const recycle = run('explain', 'tcp_tw_recycle', '--lang', 'zh-cn');
    assertChinese(recycle.out);
    assert.match(recycle.out, /\*\*内核版本：\*\* 自 4\.12 起：/);
  });

  test('explain: an unknown term in the language asked for, with its near matches', () => {
    const zh = run('explain', 'CLOSE_WAITE', '--lang', 'zh-cn');
    assert.equal(zh.code, 2);
    assert.match(zh.err, /未知术语 "CLOSE_WAITE"：不是本工具认识的 TCP 状态、sysctl、计数器、sockstat 字段或内核消息（是否想写 CLOSE_WAIT？）/);
    const en = run('explain', 'CLOSE_WAITE');
    assert.match(en.err, /unknown term "CLOSE_WAITE": not a TCP state, sysctl, counter, sockstat field or kernel message this tool knows \(did you mean CLOSE_WAIT\?\)/);
  });

  test('explain: "Related" names what the reader knows, not catalogue ids (en and zh-cn)', () => {
    for (const lang of ['en', 'zh-cn']) {
      const r = run('explain', 'too many orphaned sockets', '--lang', lang);
      assert.equal(r.code, 0, r.err);
      const related = r.out.split('\n').find((l) => /^(?:Related|相关)[:：]/.test(l)) ?? '';
      assert.match(related, /`TCP: too many of orphaned sockets`/, lang);
      assert.match(related, /sockstat TCP `orphan`/, lang);
      assert.match(related, /`net\.ipv4\.tcp_max_orphans`/, lang);
      assert.doesNotMatch(related, /msg\.|sockstat\.orphan/, lang);
    }
  });
});
