/**
 * Where a state's sockets go, from what the note's commands can show (audit c M3). A listing filtered on addresses
 * or ports (`ss … dst 10.40.2.15`, `'( dport = :3306 )'`, `| grep 10.40.2.15`) shows one destination because of
 * its filter, so the port rule does not claim one from it; a per-destination count (`ss -tan state time-wait | awk
 * '{print $4}' | sort | uniq -c`) counts every socket of the state by one endpoint column — which column is read
 * from the command (ss drops the State column for one state and Netid for one socket table) — and is the stronger
 * evidence. From the command reader, the parser, the report, and the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommand } from '../../src/core/evidence/command';
import { parseEvidence } from '../../src/core/evidence/parse';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { cliOut } from '../support/cli';
import { CAUSE_TEXT } from '../../src/core/report/causeTexts';

const fence = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const cause = (note: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(note), { file: 'n.md', lang }).json.causes.find((c) => c.rule === 'local-port-exhaustion');

describe('the command: which endpoint column a per-value count is of, and rows kept by a filter', () => {
  it('ss: the column after the State and Netid columns ss prints', () => {
    const tally = (cmd: string) => parseCommand(cmd).endpointTally;
    assert.deepEqual(tally("ss -Htan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head -3"), { state: 'TIME-WAIT', side: 'peer', whole: false });
    assert.deepEqual(tally("ss -tan state time-wait | awk 'NR>1 {print $4}' | sort | uniq -c | sort -rn"), { state: 'TIME-WAIT', side: 'peer', whole: true });
    assert.deepEqual(tally("ss -tan state time-wait | awk '{print $3}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'local', whole: true });
    // With the State column (no single-state filter): $4 is the local address, $5 the peer.
    assert.deepEqual(tally("ss -tan | grep TIME-WAIT | awk '{print $5}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'peer', whole: true });
    assert.deepEqual(tally("ss -tan | grep TIME-WAIT | awk '{print $4}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'local', whole: true });
    assert.deepEqual(tally("ss -tan | awk '$1 == \"TIME-WAIT\" {print $5}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'peer', whole: true });
    // Netid too (TCP and UDP): one column more.
    assert.deepEqual(tally("ss -tuan state time-wait | awk '{print $5}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'peer', whole: true });
    // netstat: Proto Recv-Q Send-Q Local Foreign State.
    assert.deepEqual(tally("netstat -ant | awk '/TIME_WAIT/ {print $5}' | sort | uniq -c | sort -rn | head"), { state: 'TIME-WAIT', side: 'peer', whole: false });
    assert.deepEqual(tally("netstat -ant | grep TIME_WAIT | awk '{print $5}' | sort | uniq -c"), { state: 'TIME-WAIT', side: 'peer', whole: true });
  });

  it('the commands the report itself suggests count TIME-WAIT per peer', () => {
    for (const rule of ['local-port-exhaustion', 'time-wait-table-full'] as const) {
      const cmd = /`(ss [^`]*uniq -c[^`]*)`/.exec(CAUSE_TEXT[rule].check.map((c) => c.en).join(' '))?.[1];
      assert.ok(cmd, rule);
      assert.deepEqual(parseCommand(cmd).endpointTally, { state: 'TIME-WAIT', side: 'peer', whole: false }, rule);
    }
  });

  it('no tally when the column or the state is not known, or the rows were filtered or counted unsorted', () => {
    const none = (cmd: string) => assert.equal(parseCommand(cmd).endpointTally, undefined, cmd);
    none("ss -tan | awk '{print $5}' | sort | uniq -c"); // every state
    none("ss -tan state time-wait | awk '{print $5}' | sort | uniq -c"); // no such column (the process)
    none("ss -tan state time-wait | awk '{print $1}' | sort | uniq -c"); // Recv-Q
    none("ss -tuan state time-wait | awk '{print $6}' | sort | uniq -c"); // Netid shifts the columns: no sixth
    none("ss -tan state time-wait | awk -F: '{print $2}' | sort | uniq -c");
    none("ss -tan state time-wait | awk '{print $4}' | uniq -c");
    none("ss -tan state time-wait dst 10.40.2.15 | awk '{print $4}' | sort | uniq -c");
    none("ss -tan state time-wait | grep 3306 | awk '{print $4}' | sort | uniq -c");
    none("ss -tan | awk '$5 ~ /3306/ {print $5}' | sort | uniq -c");
    none("ss -tan state time-wait | awk '{print $4}' | sort | uniq -c | awk '$1 > 100'");
  });

  it('rows kept by an address, a port or a pattern are marked; a state filter, a header skip or a head are not', () => {
    const selects = (cmd: string): boolean => parseCommand(cmd).selects === true;
    assert.equal(selects('ss -tan state time-wait dst 10.40.2.15 | head -n 5'), true);
    assert.equal(selects("ss -tan '( dport = :3306 )'"), true);
    assert.equal(selects('ss -tan state time-wait | grep 10.40.2.15'), true);
    assert.equal(selects('ss -tan state time-wait | grep -v 127.0.0.1'), true);
    assert.equal(selects('ss -tan state time-wait | head -5'), false);
    assert.equal(selects('ss -tan | grep TIME-WAIT'), false);
    assert.equal(selects('ss -tan state time-wait | grep -v State'), false);
  });

  it('the parser reads the count lines as the state\'s sockets per endpoint', () => {
    const segs = parseEvidence(["$ ss -Htan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn", '  27984 10.40.2.15:3306', '    412 10.40.2.16:6379', '     14 [2001:db8::7]:443'].join('\n'));
    const e = segs.find((s) => s.endpoints)?.endpoints;
    assert.deepEqual(e, {
      state: 'TIME-WAIT',
      side: 'peer',
      whole: true,
      total: 28410,
      top: [
        { address: '10.40.2.15', port: 3306, count: 27984 },
        { address: '10.40.2.16', port: 6379, count: 412 },
        { address: '2001:db8::7', port: 443, count: 14 },
      ],
    });
    assert.deepEqual(segs.find((s) => s.endpoints)?.counts, {}, 'no per-state count: the lines are not states');
  });
});

/** A client short of ports: 28,410 TIME-WAIT against 28,232 ports (with `inBlock` lines in the same paste), and `extra` after it. */
const incidentWith = (inBlock: readonly string[], ...extra: string[]): string =>
  [
    '# billing-api → postgres: connect fails',
    '',
    '## 09:12',
    fence('$ sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse', 'net.ipv4.ip_local_port_range = 32768 60999', 'net.ipv4.tcp_tw_reuse = 2', '$ ss -Htan state time-wait | wc -l', '28410', ...inBlock),
    ...extra,
  ].join('\n');
const incident = (...extra: string[]): string => incidentWith([], ...extra);
const rows = (n: number, peer: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => `0      0      10.8.0.21:${41000 + i}    ${peer(i)}`);
const HEADER = 'Recv-Q Send-Q Local Address:Port Peer Address:Port Process';

describe('the port rule: one destination from evidence that can show it', () => {
  it('a listing filtered on the destination does not show one destination; an unfiltered one does', () => {
    const filtered = incident(fence('$ ss -tan state time-wait dst 10.8.4.9 | head -n 5', HEADER, ...rows(4, () => '10.8.4.9:5432')));
    const c = cause(filtered);
    assert.doesNotMatch(c?.message ?? '', /one destination\./);
    const errored = incident(fence('$ ss -tan state time-wait dst 10.8.4.9 | head -n 5', HEADER, ...rows(4, () => '10.8.4.9:5432')), 'The app logs `connect: Cannot assign requested address`.');
    const e = cause(errored);
    assert.ok(e, 'the error and the share still make the cause');
    assert.doesNotMatch(e.message, /go to 10\.8\.4\.9:5432: one destination/);
    assert.match(e.message, /filtered on an address, a port or another pattern, so it cannot show where most of them go/);
    const z = cause(errored, 'zh-cn');
    assert.match(z?.message ?? '', /按地址、端口或其他条件过滤过/);
    for (const cmd of ["ss -tan '( dport = :5432 )' state time-wait", 'ss -tan state time-wait | grep 10.8.4.9']) {
      assert.doesNotMatch(cause(incident(fence(`$ ${cmd}`, HEADER, ...rows(4, () => '10.8.4.9:5432'))))?.message ?? '', /one destination\./, cmd);
    }
    const plain = incident(fence('$ ss -tan state time-wait | head -n 5', HEADER, ...rows(4, () => '10.8.4.9:5432')));
    assert.match(cause(plain)?.message ?? '', /4 of 4 listed TIME-WAIT sockets go to 10\.8\.4\.9:5432: one destination\./);
  });

  it('a per-destination count: the concentration it shows, from its column', () => {
    const tally = (col: number, lines: string[], cmd = `ss -Htan state time-wait | awk '{print $${col}}' | sort | uniq -c | sort -rn | head -3`) => incidentWith([`$ ${cmd}`, ...lines]);
    const one = cause(tally(4, ['  27984 10.8.4.9:5432', '    412 10.8.4.10:6379', '     14 10.8.7.3:443']));
    assert.match(one?.message ?? '', /27,984 of 28,410 TIME-WAIT sockets go to 10\.8\.4\.9:5432 \(count per destination, line \d+\): one destination\./);
    const z = cause(tally(4, ['  27984 10.8.4.9:5432', '    412 10.8.4.10:6379']), 'zh-cn');
    assert.match(z?.message ?? '', /28,410 个 TIME-WAIT 套接字中有 27,984 个发往 10\.8\.4\.9:5432（第 \d+ 行的按目的地统计）：同一个目的地。/);
    // Spread over many destinations: no one destination runs out.
    const spread = tally(4, ['   9000 10.8.4.9:5432', '   8000 10.8.4.10:5432', '   7000 10.8.4.11:5432']);
    assert.equal(cause(spread), undefined);
    // The same numbers under the local column ($3 with the state filter): our own port, a server closing first.
    const local = tally(3, ['  28300 10.8.0.21:443', '     110 10.8.0.21:8443'], "ss -Htan state time-wait | awk '{print $3}' | sort | uniq -c | sort -rn");
    assert.equal(cause(local), undefined);
    // The tally wins over a filtered listing.
    const both = incidentWith(["$ ss -Htan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head -3", '  27984 10.8.4.9:5432', '    412 10.8.4.10:6379'], fence('$ ss -tan state time-wait dst 10.8.4.9 | head -n 5', HEADER, ...rows(4, () => '10.8.4.9:5432')));
    assert.match(cause(both)?.message ?? '', /27,984 of 28,410 TIME-WAIT sockets go to 10\.8\.4\.9:5432/);
    // A cut count beside only sockstat's tw in the same paste (the report's own Check command ends in `| head`): tw
    // bounds the TIME-WAIT sockets from above, so the share it gives is no more than the true one (review s15 6).
    const sockstatOnly = [
      '## 16:30',
      fence('$ cat /proc/net/sockstat', 'TCP: inuse 120 orphan 0 tw 28010 alloc 130 mem 40', '$ sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse', 'net.ipv4.ip_local_port_range = 32768 60999', 'net.ipv4.tcp_tw_reuse = 0', "$ ss -tan state time-wait | awk 'NR>1 {print $4}' | sort | uniq -c | sort -rn | head", '  27984 10.40.2.15:3306', '     12 10.40.2.16:6379'),
    ].join('\n');
    assert.match(cause(sockstatOnly)?.message ?? '', /27,984 of 28,010 TIME-WAIT sockets go to 10\.40\.2\.15:3306 \(count per destination, line \d+\): one destination\./);
  });

  it('the same for the FIN-WAIT-1 peers\' network: not from rows chosen by their address', () => {
    const rowsOf = (cmd: string): string =>
      fence(`$ ${cmd}`, 'Recv-Q Send-Q Local Address:Port Peer Address:Port', ...Array.from({ length: 4 }, (_, i) => `0      38400  10.0.0.5:443     203.0.113.${i + 7}:5${i}000 timer:(persist,1.2sec,0)`));
    const fw1 = (cmd: string) => buildReport(analyzeNote(rowsOf(cmd)), { file: 'n.md', lang: 'en' }).json.causes.find((c) => c.rule === 'fin-wait-1-zero-window');
    assert.match(fw1('ss -tano state fin-wait-1')?.message ?? '', /4 of 4 peers are in 203\.0\.113\.0\/24: one client network\./);
    const filtered = fw1('ss -tano state fin-wait-1 dst 203.0.113.0/24');
    assert.ok(filtered, 'the zero-window cause stands');
    assert.doesNotMatch(filtered.message, /one client network/);
  });

  it('through the built CLI: Markdown and --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsn-dest-'));
    const file = join(dir, 'n.md');
    writeFileSync(file, incidentWith(["$ ss -Htan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head -3", '  27984 10.8.4.9:5432', '    412 10.8.4.10:6379'], fence('$ ss -tan state time-wait dst 10.8.4.9 | head -n 5', HEADER, ...rows(4, () => '10.8.4.9:5432'))));
    assert.match(cliOut(['report', file]), /27,984 of 28,410 TIME-WAIT sockets go to 10\.8\.4\.9:5432 \(count per destination, line \d+\): one destination\./);
    const j = JSON.parse(cliOut(['report', file, '--json'])) as { causes: { rule: string; message: string }[] };
    assert.match(j.causes.find((c) => c.rule === 'local-port-exhaustion')?.message ?? '', /count per destination/);
  });
});

describe('a count per destination address (`cut -d: -f1`, audit s17)', () => {
  const CUT = "ss -tan state time-wait | awk 'NR>1{print $4}' | cut -d: -f1 | sort | uniq -c | sort -rn | head -3";
  it('the command: the peer column, addresses only', () => {
    assert.deepEqual(parseCommand(CUT).endpointTally, { state: 'TIME-WAIT', side: 'peer', whole: false, addressOnly: true });
    assert.deepEqual(parseCommand("ss -Htan state time-wait | awk '{print $4}' | awk -F: '{print $1}' | sort | uniq -c").endpointTally, { state: 'TIME-WAIT', side: 'peer', whole: true, addressOnly: true });
    // Another cut (the port, a second field) is no count per address.
    assert.equal(parseCommand("ss -Htan state time-wait | awk '{print $4}' | cut -d: -f2 | sort | uniq -c").endpointTally, undefined);
  });

  it('the parser reads `count address` lines', () => {
    const seg = parseEvidence([`$ ${CUT}`, '  26800 10.50.0.10', '    150 10.50.0.11', '     50 10.50.0.12'].join('\n')).find((s) => s.endpoints);
    assert.deepEqual(seg?.endpoints?.top.slice(0, 2), [{ address: '10.50.0.10', count: 26800 }, { address: '10.50.0.11', count: 150 }]);
  });

  it('the report names the address and says the count has no ports; one address alone does not make the sample short of ports', () => {
    const lines = [`$ ${CUT}`, '  27984 10.8.4.9', '    412 10.8.4.10'];
    const withError = cause(incidentWith(lines, 'The app logs `connect: Cannot assign requested address`.'));
    assert.match(withError?.message ?? '', /27,984 of 28,410 TIME-WAIT sockets go to 10\.8\.4\.9 \(count per destination address, line \d+\); it does not show their ports, and the limit is per address and port\./);
    assert.doesNotMatch(withError?.message ?? '', /does not show where they go/);
    const zh = cause(incidentWith(lines, 'The app logs `connect: Cannot assign requested address`.'), 'zh-cn');
    assert.match(zh?.message ?? '', /28,410 个 TIME-WAIT 套接字中有 27,984 个发往 10\.8\.4\.9（第 \d+ 行按目的地址统计）；统计里没有端口/);
    // Without the connect() error, one address (its ports unknown) is not the one destination the rule needs.
    assert.equal(cause(incidentWith(lines)), undefined);
  });
});
