/**
 * Advice that knows what the note already did (audit c M5). A cause's "Change" lines that recommend changing a
 * tunable say, when the note writes that tunable after the cause's sample in the advised direction, that it was done
 * (the value, when and where) and steer to what remains; a value the note only reads, a write the other way, or a
 * value already in effect at the sample changes nothing. One mechanism for every cause whose advice names a
 * tunable, from the same change the messages print ("set to … later in the note", "Since then: … set to …").
 * From the core and through the built CLI, English and Chinese.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureDir } from '../support/repo';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { CAUSE_TEXT } from '../../src/core/report/causeTexts';
import { cliOut } from '../support/cli';

const file = (name: string): string => join(fixtureDir('report'), name);
const text = (name: string): string => readFileSync(file(name), 'utf8');
const causeOf = (note: string, rule: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(note), { file: 'n.md', lang }).causes.find((c) => c.rule === rule);
const jsonCause = (note: string, rule: string) => buildReport(analyzeNote(note), { file: 'n.md', lang: 'en' }).json.causes.find((c) => c.rule === rule);
const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const changes = (note: string, rule: string, lang: 'en' | 'zh-cn' = 'en'): string => {
  const c = causeOf(note, rule, lang);
  assert.ok(c, `no ${rule}`);
  return c.change.join('\n');
};

describe('advice a note already followed (audit c M5)', () => {
  it('tcp_max_orphans raised after the incident (n04): said as done, with the value and when; the root cause stays', () => {
    const note = text('before-after-orphan-limit.md');
    const c = changes(note, 'orphan-limit-pressure');
    assert.doesNotMatch(c, /raise `net\.ipv4\.tcp_max_orphans`/);
    assert.match(c, /`net\.ipv4\.tcp_max_orphans` is already set to 65,536 at 10:40:20 \(line 81\)/);
    assert.match(c, /remove the reason orphans accumulate/);
    // The reset cause recommends the same tunable: the same mechanism; its other tunable (tcp_mem) is still advised.
    const r = changes(note, 'orphans-reset-by-kernel');
    assert.doesNotMatch(r, /raise `net\.ipv4\.tcp_max_orphans`/);
    assert.match(r, /`net\.ipv4\.tcp_max_orphans` is already set to 65,536 at 10:40:20 \(line 81\)/);
    assert.match(r, /`net\.ipv4\.tcp_mem`/);
    const z = changes(note, 'orphan-limit-pressure', 'zh-cn');
    assert.doesNotMatch(z, /调高 `net\.ipv4\.tcp_max_orphans`/);
    assert.match(z, /`net\.ipv4\.tcp_max_orphans` 已于 10:40:20（第 81 行）设为 65,536/);
    // The JSON keeps its shape and says which advised changes the note made (0-based line, as elsewhere in it).
    assert.deepEqual(jsonCause(note, 'orphan-limit-pressure')?.done, [{ key: 'net.ipv4.tcp_max_orphans', value: '65536', line: 80, time: '10:40:20' }]);
  });

  it('the port range widened and tcp_tw_reuse set to 1 (n03): both done, connection reuse remains', () => {
    const note = text('before-after-ports.md');
    const c = changes(note, 'local-port-exhaustion');
    assert.doesNotMatch(c, /widen `net\.ipv4\.ip_local_port_range`/);
    assert.doesNotMatch(c, /`net\.ipv4\.tcp_tw_reuse = 1` lets/);
    assert.match(c, /`net\.ipv4\.ip_local_port_range` is already set to 15000–64999 at 2026-05-06T16:40:00 \(line 62\)/);
    assert.match(c, /`net\.ipv4\.tcp_tw_reuse` is already set to 1 at 2026-05-06T16:40:00 \(line 60\)/);
    assert.match(c, /reuse connections/);
    const z = changes(note, 'local-port-exhaustion', 'zh-cn');
    assert.match(z, /`net\.ipv4\.tcp_tw_reuse` 已于 2026-05-06T16:40:00（第 60 行）设为 1/);
    assert.doesNotMatch(z, /扩大 `net\.ipv4\.ip_local_port_range`/);
    assert.deepEqual(jsonCause(note, 'local-port-exhaustion')?.done?.map((d) => d.key).sort(), ['net.ipv4.ip_local_port_range', 'net.ipv4.tcp_tw_reuse']);
  });

  it('tcp_max_tw_buckets raised after the overflow (n13): done; fewer short-lived connections remains', () => {
    const note = text('before-after-tw-table.md');
    const c = changes(note, 'time-wait-table-full');
    assert.doesNotMatch(c, /raise `net\.ipv4\.tcp_max_tw_buckets`/);
    assert.match(c, /`net\.ipv4\.tcp_max_tw_buckets` is already set to 65,536 at 11:20:02 \(line 46\)/);
    assert.match(c, /fewer short-lived connections/);
  });

  it('a value only read, a write the other way, or a value in effect at the sample: the advice as it was', () => {
    const note = text('before-after-orphan-limit.md');
    const read = note.replace('[root@api-gw-11 10:40:20]# sysctl -p', '[root@api-gw-11 10:40:20]# sysctl net.ipv4.tcp_max_orphans net.ipv4.tcp_fin_timeout net.ipv4.tcp_max_tw_buckets');
    assert.notEqual(read, note);
    assert.match(changes(read, 'orphan-limit-pressure'), /raise `net\.ipv4\.tcp_max_orphans` only if memory allows/);
    assert.equal(jsonCause(read, 'orphan-limit-pressure')?.done, undefined);
    const lowered = [
      '## 10:00',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 9000 orphan 7000 tw 50 alloc 9000 mem 100', '$ sysctl net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_max_orphans = 8192'),
      '## 10:20',
      fence('$ sysctl -w net.ipv4.tcp_max_orphans=4096', 'net.ipv4.tcp_max_orphans = 4096'),
    ].join('\n');
    assert.match(changes(lowered, 'orphan-limit-pressure'), /raise `net\.ipv4\.tcp_max_orphans` only if memory allows/);
    // Raised before the sample: the incident happened under the raised value, so raising it is still advice.
    const before = [
      '## 09:50',
      fence('$ sysctl -w net.ipv4.tcp_max_orphans=8192', 'net.ipv4.tcp_max_orphans = 8192'),
      '## 10:00',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 9000 orphan 7000 tw 50 alloc 9000 mem 100'),
    ].join('\n');
    assert.match(changes(before, 'orphan-limit-pressure'), /raise `net\.ipv4\.tcp_max_orphans` only if memory allows/);
  });

  it('a state cause too: tcp_orphan_retries lowered after the FIN-WAIT-1 listing (0 means 8)', () => {
    const rows = ['State      Recv-Q Send-Q Local Address:Port  Peer Address:Port'];
    for (let i = 0; i < 4; i++) rows.push(`FIN-WAIT-1 0      5120   10.0.0.5:443        198.51.100.${i + 7}:5${i}000 timer:(on,9.2sec,7)`);
    const noteOf = (before: number, after: number): string =>
      [
        '## 14:00',
        fence('$ sysctl net.ipv4.tcp_orphan_retries', `net.ipv4.tcp_orphan_retries = ${before}`, '$ ss -tano state fin-wait-1', ...rows),
        '## 14:10',
        fence(`$ sysctl -w net.ipv4.tcp_orphan_retries=${after}`, `net.ipv4.tcp_orphan_retries = ${after}`),
      ].join('\n');
    const c = changes(noteOf(0, 3), 'orphan-retransmits-unanswered');
    assert.doesNotMatch(c, /lower `net\.ipv4\.tcp_orphan_retries`/);
    assert.match(c, /`net\.ipv4\.tcp_orphan_retries` is already set to 3 at 14:10:00 \(line \d+\)/);
    assert.match(c, /fix the path or the peer/);
    // From 3 to 0 is not lower: 0 means 8.
    const zero = noteOf(3, 0);
    assert.match(changes(zero, 'orphan-retransmits-unanswered'), /lower `net\.ipv4\.tcp_orphan_retries`/);
    // The value at the sample not in the note: a later setting says nothing of the direction (15 raises the default 8).
    const unknown = ['## 14:00', fence('$ ss -tano state fin-wait-1', ...rows), '## 14:10', fence('$ sysctl -w net.ipv4.tcp_orphan_retries=15', 'net.ipv4.tcp_orphan_retries = 15')].join('\n');
    const u = changes(unknown, 'orphan-retransmits-unanswered');
    assert.match(u, /lower `net\.ipv4\.tcp_orphan_retries`/);
    assert.doesNotMatch(u, /already set/);
  });

  it('every change line that names a tunable says which, and every text is in both languages', () => {
    for (const [rule, text] of Object.entries(CAUSE_TEXT)) {
      for (const line of text.change) {
        const named = [...line.en.matchAll(/\bnet\.[a-z0-9_]+\.[a-z0-9_]+/g)].map((m) => m[0]);
        const tuned = (line.tunes ?? []).map((x) => x.key);
        assert.deepEqual([...new Set(named)].sort(), [...tuned].sort(), `${rule}: ${line.en}`);
        for (const x of line.tunes ?? []) {
          assert.ok(x.done.en.length > 0 && x.done['zh-cn'].length > 0, rule);
          assert.deepEqual(x.done.en.match(/\{\w+\}/g)?.sort() ?? [], x.done['zh-cn'].match(/\{\w+\}/g)?.sort() ?? [], `${rule}: same placeholders`);
          assert.match(x.done['zh-cn'], /[\u4e00-\u9fff]/, `${rule}: Chinese`);
        }
      }
    }
  });

  it('through the built CLI: the Change line and --json', () => {
    const md = cliOut(['report', file('before-after-ports.md')]);
    const line = md.split('\n').find((l) => l.includes('- Change:')) ?? '';
    assert.match(line, /reuse connections/);
    assert.match(line, /`net\.ipv4\.tcp_tw_reuse` is already set to 1 at 2026-05-06T16:40:00 \(line 60\)/);
    assert.doesNotMatch(line, /widen `net\.ipv4\.ip_local_port_range`/);
    const zh = cliOut(['report', file('before-after-tw-table.md'), '--lang', 'zh-cn']);
    assert.match(zh, /`net\.ipv4\.tcp_max_tw_buckets` 已于 11:20:02（第 46 行）设为 65,536/);
    const j = JSON.parse(cliOut(['report', file('before-after-orphan-limit.md'), '--json'])) as { causes: { rule: string; message: string; done?: unknown }[] };
    const c = j.causes.find((x) => x.rule === 'orphan-limit-pressure');
    assert.deepEqual(c?.done, [{ key: 'net.ipv4.tcp_max_orphans', value: '65536', line: 80, time: '10:40:20' }]);
    assert.equal(typeof c?.message, 'string');
  });
});
