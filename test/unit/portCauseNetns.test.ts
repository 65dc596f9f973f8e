/**
 * The port rule within one network namespace: `local-port-exhaustion` weighs the TIME-WAIT count of one sample, and
 * the ports that count is short of are its namespace's (ip_local_port_range is per namespace: net->ipv4.ip_local_ports,
 * inet_get_local_port_range), as are its TIME-WAIT sockets' destinations (a pod's sockets are not the node's). So
 * the destination comes from that namespace's listings or per-destination counts, and the range (and tcp_tw_reuse)
 * only from a value read in that namespace — the host's for the host's count; a piece read only in another
 * namespace is not known (no destination; the kernel's default range, as when the note reads none). Notes without
 * namespaces keep their report. From the core and the built CLI.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeNote } from '../../src/core/note/analyze';
import { buildReport } from '../../src/core/report/build';
import { cliOut } from '../support/cli';
import { tempDir } from './tempDir';

const fence = (...lines: string[]): string[] => ['```', ...lines, '```', ''];
const note = (...parts: string[][]): string => ['# billing-api → postgres: connect fails', '', ...parts.flat()].join('\n');
const cause = (text: string, lang: 'en' | 'zh-cn' = 'en') => buildReport(analyzeNote(text), { file: 'n.md', lang }).json.causes.find((c) => c.rule === 'local-port-exhaustion');
const HEADER = 'Recv-Q Send-Q Local Address:Port Peer Address:Port Process';
const rows = (n: number, peer: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => `0      0      10.8.0.21:${41000 + i}    ${peer(i)}`);
const POD = 'kubectl exec -n shop api-0 -- ';
/** A TIME-WAIT count of `n` (run through `via`). */
const count = (via: string, n: number): string[] => fence(`$ ${via}ss -Htan state time-wait | wc -l`, String(n));
/** ip_local_port_range and tcp_tw_reuse read through `via`. */
const settings = (via: string, range: string, reuse = '0'): string[] =>
  fence(`$ ${via}sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse`, `net.ipv4.ip_local_port_range = ${range}`, `net.ipv4.tcp_tw_reuse = ${reuse}`);
/** Four listed TIME-WAIT rows to one destination (through `via`). */
const oneDest = (via: string): string[] => fence(`$ ${via}ss -tan state time-wait | head -n 5`, HEADER, ...rows(4, () => '10.8.4.9:5432'));
/** Six listed rows to six destinations. */
const spread = (via: string): string[] => fence(`$ ${via}ss -tan state time-wait | head -n 7`, HEADER, ...rows(6, (i) => `10.9.${i}.7:6379`));
/** A count of every TIME-WAIT socket per destination (through `via`): most go to one. */
const tally = (via: string): string[] => fence(`$ ${via}ss -tan state time-wait | awk 'NR>1 {print $4}' | sort | uniq -c | sort -rn`, '  27984 10.8.4.9:5432', '    412 10.8.4.10:6379', '     14 10.8.7.3:443');

describe('local-port-exhaustion judges within the namespace of the count it weighs', () => {
  it('the destination of a pod\'s count comes from the pod\'s listings, not the node\'s', () => {
    // The pod's 28,410 TIME-WAIT against its 28,232 ports; only the node's listing shows one destination.
    const nodeListing = note(settings(POD, '32768 60999'), count(POD, 28410), oneDest(''));
    assert.equal(cause(nodeListing), undefined, 'was "4 of 4 listed TIME-WAIT sockets go to 10.8.4.9:5432" from the node\'s listing');
    const podListing = note(settings(POD, '32768 60999'), count(POD, 28410), oneDest(POD));
    assert.match(cause(podListing)?.message ?? '', /28,410 sockets in TIME-WAIT \(line \d+\)[^]*4 of 4 listed TIME-WAIT sockets go to 10\.8\.4\.9:5432: one destination\./);
    assert.match(cause(podListing, 'zh-cn')?.message ?? '', /10\.8\.4\.9:5432/);
  });

  it('and from the pod\'s per-destination counts, not the node\'s', () => {
    assert.equal(cause(note(settings(POD, '32768 60999'), count(POD, 28410), tally(''))), undefined, 'was the node\'s count per destination');
    assert.match(cause(note(settings(POD, '32768 60999'), count(POD, 28410), tally(POD)))?.message ?? '', /27,984 of 28,410 TIME-WAIT sockets go to 10\.8\.4\.9:5432 \(count per destination, line \d+\)/);
  });

  it('the host\'s count is judged with the host\'s listing, whatever a pod\'s listings show', () => {
    // Together (the all-namespace summary) the ten rows go to many destinations; the node's four go to one.
    const text = note(settings('', '32768 60999'), count('', 28410), oneDest(''), spread(POD));
    assert.match(cause(text)?.message ?? '', /4 of 4 listed TIME-WAIT sockets go to 10\.8\.4\.9:5432: one destination\./, 'was no cause: "many" from both namespaces\' rows');
  });

  it('the port range only as read in the count\'s namespace: the node\'s is not the pod\'s', () => {
    // The node's narrow range would leave the pod's 9,000 short of ports; the pod's own range is not read: the default.
    const narrow = note(settings('', '50000 60999'), count(POD, 9000), oneDest(POD));
    assert.equal(cause(narrow), undefined, 'was "9,000 … against 11,000 ports of ip_local_port_range 50000–60999"');
    // The node's wide range would hide the pod's 28,410 against the default 28,232.
    const wide = note(settings('', '1024 65000', '1'), count(POD, 28410), oneDest(POD));
    const c = cause(wide);
    assert.ok(c, 'was no cause: the node\'s range and tcp_tw_reuse = 1 taken for the pod\'s');
    assert.doesNotMatch(c.message, /1024|65000|65,000|tcp_tw_reuse = 1/);
    assert.match(c.message, /28,232/);
    // Read in the pod: used.
    assert.equal(cause(note(settings(POD, '1024 65000'), count(POD, 28410), oneDest(POD))), undefined, 'the pod\'s own wide range leaves ports');
    // The host's own range for the host's count.
    assert.match(cause(note(settings('', '50000 60999'), count('', 9000), oneDest('')))?.message ?? '', /50000.60999/);
  });

  it('through the built CLI: Markdown and --json', () => {
    const file = join(tempDir('tsn-portns-'), 'n.md');
    writeFileSync(file, note(settings(POD, '32768 60999'), count(POD, 28410), oneDest('')));
    assert.doesNotMatch(cliOut(['report', file]), /listed TIME-WAIT sockets go to/);
    const j = JSON.parse(cliOut(['report', file, '--json'])) as { causes: { rule: string }[] };
    assert.equal(j.causes.find((x) => x.rule === 'local-port-exhaustion'), undefined);
  });
});
