/**
 * /proc/net/tcp lists the IPv4 sockets and /proc/net/tcp6 the IPv6 ones (an IPv4-mapped address included): two
 * files of different sockets, whose counts add up as `ss -4` and `ss -6` do (evidence/blockCounts.ts), in one block,
 * across blocks, as listed rows and as per-state counts of their hex codes. A count never falls below the rows
 * listed. The rows tell their file by their address width (8 hex digits, 32); a command by the file it names.
 * The same file read twice is the same sockets: the later stands. From the core and through the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand } from '../../src/core/evidence/command';
import { mergeSegments, parseEvidence } from '../../src/core/evidence/parse';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const HEAD4 = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const HEAD6 = '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const V4 = [
  '   1: 0500140A:01BB 29640033:9CC8 04 0002DE00:00000000 04:00000D2A 00000000     0        0 0 1 0000000000000000 204 40 0 10 -1',
  '   2: 0500140A:01BB 29640033:9CCE 04 00031200:00000000 04:00000C1F 00000000     0        0 0 1 0000000000000000 204 40 0 10 -1',
];
const V6 = ['   0: 0000000000000000FFFF00000500140A:01BB 0000000000000000FFFF00002A640033:9CD0 04 00010000:00000000 04:00000A00 00000000     0        0 0 1 0000000000000000 204 40 0 10 -1'];

const fw1 = (text: string): number | undefined => mergeSegments(parseEvidence(text)).counts['FIN-WAIT-1'];
const report = (lines: readonly string[]) => buildReport(analyzeNote(lines.join('\n')), { file: 'n.md', lang: 'en' }).json;

describe('/proc/net/tcp and /proc/net/tcp6: different sockets that add up', () => {
  it('in one block, each after its own command (# or $ prompt)', () => {
    for (const p of ['# ', '$ ']) {
      const text = [`${p}cat /proc/net/tcp`, HEAD4, ...V4, `${p}cat /proc/net/tcp6`, HEAD6, ...V6].join('\n');
      assert.equal(fw1(text), 3, `${p}: was 1, the tcp6 count replacing the tcp one`);
      assert.equal(mergeSegments(parseEvidence(text)).listed, 3);
    }
  });

  it('in one block without their commands (two headers: one listing), and after one `cat` of both', () => {
    assert.equal(fw1([HEAD4, ...V4, HEAD6, ...V6].join('\n')), 3);
    assert.equal(fw1(['$ cat /proc/net/tcp /proc/net/tcp6', HEAD4, ...V4, HEAD6, ...V6].join('\n')), 3);
  });

  it('the rows say their file when no command does: tcp6 rows after a tcp listing that another command printed', () => {
    const text = ['$ cat /proc/net/tcp', HEAD4, ...V4, '$ tail -n +2 /proc/net/tcp6', ...V6].join('\n');
    assert.equal(fw1(text), 3);
  });

  it('per-state counts of the hex codes, one per file, add up', () => {
    const text = ["$ awk 'NR>1 {print $4}' /proc/net/tcp | sort | uniq -c", '      2 04', '      1 0A', "$ awk 'NR>1 {print $4}' /proc/net/tcp6 | sort | uniq -c", '      1 04'].join('\n');
    const c = mergeSegments(parseEvidence(text)).counts;
    assert.equal(c['FIN-WAIT-1'], 3, 'was 1');
    assert.equal(c.LISTEN, 1);
  });

  it('the same file read twice is the same sockets: the later stands', () => {
    assert.equal(fw1(['$ cat /proc/net/tcp', HEAD4, ...V4, '$ cat /proc/net/tcp', HEAD4, V4[0] as string].join('\n')), 1);
    assert.equal(fw1(['$ cat /proc/net/tcp6', HEAD6, ...V6, '$ cat /proc/net/tcp6', HEAD6, ...V6].join('\n')), 1);
    const twice = ["$ awk 'NR>1 {print $4}' /proc/net/tcp | sort | uniq -c", '      2 04', "$ awk 'NR>1 {print $4}' /proc/net/tcp | sort | uniq -c", '      5 04'].join('\n');
    assert.equal(fw1(twice), 5);
  });

  it('the report: in one block and in two, the count is the rows listed (3), not fewer', () => {
    const one = ['# two files', '', '```', '# cat /proc/net/tcp', HEAD4, ...V4, '# cat /proc/net/tcp6', HEAD6, ...V6, '```'];
    const two = ['# two files', '', '```', '# cat /proc/net/tcp', HEAD4, ...V4, '```', '', '```', '# cat /proc/net/tcp6', HEAD6, ...V6, '```'];
    for (const lines of [one, two]) {
      const s = report(lines).states['FIN-WAIT-1'];
      assert.equal(s?.count, 3, 'was 1: fewer than the 3 rows listed');
      assert.equal(s?.sockets?.listed, 3);
    }
  });

  it('cut outputs (`| head`) of the two files add up to a lower bound', () => {
    const lines = ['```', '# cat /proc/net/tcp | head -3', HEAD4, ...V4, '# cat /proc/net/tcp6 | head -2', HEAD6, ...V6, '```'];
    const s = report(lines).states['FIN-WAIT-1'];
    assert.equal(s?.count, 3);
    assert.equal(s?.atLeast, true);
  });

  it("a command line's family is its one /proc/net/tcp file's; none for both, a pattern, or another listing beside it", () => {
    const fam = (c: string) => parseCommand(c).family;
    assert.equal(fam('cat /proc/net/tcp'), '4');
    assert.equal(fam("awk 'NR>1 {print $4}' /proc/net/tcp6 | sort | uniq -c"), '6');
    assert.equal(fam('cat /proc/net/tcp6 | head -3'), '6');
    for (const c of ['cat /proc/net/tcp /proc/net/tcp6', 'cat /proc/net/tcp{,6}', 'cat /proc/net/tcp*', 'cat /proc/net/tcp6; ss -tan', 'ss -tan; cat /proc/net/tcp', 'cat /proc/net/tcp_x']) {
      assert.equal(fam(c), undefined, c);
    }
    assert.equal(fam('ss -4tan; cat /proc/net/tcp6'), '4', "the first ss's, as before");
  });

  it('the built CLI: scan and report', () => {
    const dir = tempDir('proc-tcp-families');
    const file = join(dir, 'n.md');
    writeFileSync(file, ['# two files', '', '```', '# cat /proc/net/tcp', HEAD4, ...V4, '# cat /proc/net/tcp6', HEAD6, ...V6, '```', ''].join('\n'));
    assert.match(cliOut(['report', file]), /\n\| FIN-WAIT-1 \| 3 \| 3 \|/);
    assert.match(cliOut(['scan', file]), /proc-net-tcp FIN-WAIT-1=3/);
  });
});
