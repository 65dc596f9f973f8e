/**
 * A listing without a Netid column that holds no TCP socket — the output of an `ss` that selects only UDP, raw,
 * Unix, packet … sockets (`ss -uan`, `ss -lun`, `ss -xa`), or, with no command, a block whose listing has an
 * UNCONN row and no state only TCP has — names no TCP state: no mention (hover, references, diagnostics, diagram,
 * preview) and no count. A TCP listing keeps both. The recogniser reads one line and still finds them (as the
 * editor's grammar colours them): the note's model drops them, by the block's evidence parse.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { findMentions } from '../../src/core/note/recognize';
import { analyzeNote, analyzeNoteMonolithic } from '../../src/core/note/analyze';
import { tcpStatePreviewPlugin } from '../../src/core/preview';
import { parseEvidence } from '../../src/core/evidence/parse';
import { parseCommand } from '../../src/core/evidence/command';
import { WorkspaceIndex } from '../../src/core/workspace/index';

/** The note model's state mentions, as `id@line`. */
function states(text: string): string[] {
  const model = analyzeNote(text);
  return model.mentions.filter((m) => m.kind === 'state').map((m) => `${m.id}@${model.lines.lineAt(m.start)}`);
}
const fenced = (...lines: string[]): string => ['```', ...lines, '```', ''].join('\n');
const HEADER = 'State    Recv-Q   Send-Q     Local Address:Port     Peer Address:Port';
const UDP_ROWS = ['UNCONN   0        0          0.0.0.0:68             0.0.0.0:*', 'ESTAB    0        0          10.0.0.5:40000         10.0.0.53:53'];

describe('commands that list no TCP socket', () => {
  it('ss -uan, ss -ua, ss -lun, sudo and prompts: the rows name no TCP state and count nothing', () => {
    for (const cmd of ['$ ss -uan', 'ss -ua', '[root@h ~]# ss -lun', 'sudo ss -uanp', '$ ss --udp -an', '$ ss -A udp -an', '$ ss -wan', '$ ss -uan | grep -v 127.0.0.1']) {
      const note = fenced(cmd, HEADER, ...UDP_ROWS);
      assert.deepEqual(states(note), [], cmd);
      const model = analyzeNote(note);
      assert.deepEqual(model.mentions.filter((m) => m.kind === 'state'), [], cmd);
      assert.deepEqual(model.evidence, [], cmd);
    }
  });

  it('without a header, only connected UDP sockets (`ss -u` lists ESTAB only)', () => {
    assert.deepEqual(states(fenced('$ ss -un', UDP_ROWS[1] as string, 'ESTAB 0 0 10.0.0.5:40001 10.0.0.53:53')), []);
  });

  it('a per-state count of UDP sockets names no TCP state either', () => {
    assert.deepEqual(states(fenced("$ ss -uan | awk 'NR>1 {print $1}' | sort | uniq -c", '     40 UNCONN', '      3 ESTAB')), []);
  });

  it('CommandContext.noTcp: every pipeline that can print sockets is an ss of no TCP nor MPTCP socket', () => {
    assert.equal(parseCommand('ss -uan').noTcp, true);
    assert.equal(parseCommand('ss -xa').noTcp, true);
    assert.equal(parseCommand('date; ss -lun').noTcp, true);
    for (const c of ['ss -tan', 'ss -tuan', 'ss -an', 'ss -a', 'ss -uan; ss -tan', 'ss -uan; netstat -tan', 'ss -su', 'ss -Ma', 'ss --mptcp -a', 'ss -A udp,tcp', 'netstat -uan', 'cat x; ss -uan']) {
      assert.equal(parseCommand(c).noTcp, undefined, c);
    }
  });

  it('the TCP listing after it in the same block keeps its mentions and counts', () => {
    const note = fenced('$ ss -uan', HEADER, ...UDP_ROWS, '$ ss -tan', HEADER, 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:51234', 'TIME-WAIT 0 0 10.0.0.5:443 10.0.0.9:51235');
    assert.deepEqual(states(note), ['ESTABLISHED@7', 'TIME-WAIT@8']);
    const model = analyzeNote(note);
    assert.deepEqual(model.evidence[0]?.counts, { ESTABLISHED: 1, 'TIME-WAIT': 1 });
  });

  it('TCP, MPTCP, mixed and several-command lines keep today\'s mentions', () => {
    for (const cmd of ['$ ss -tan', '$ ss -Man', '$ ss -uan; ss -tan', '$ ss -an']) {
      assert.deepEqual(states(fenced(cmd, HEADER, 'UNCONN 0 0 0.0.0.0:68 0.0.0.0:*', 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:51234')), ['CLOSED@3', 'ESTABLISHED@4'], cmd);
    }
  });

  it('prose around the block, and a comment in it, keep their states', () => {
    const note = ['UDP sockets never reach TIME_WAIT.', '', '```', '$ ss -uan', '# no FIN_WAIT2 here', ...UDP_ROWS, '```', 'Then ESTAB rose: CLOSE_WAIT 12.', ''].join('\n');
    assert.deepEqual(states(note), ['TIME-WAIT@0', 'FIN-WAIT-2@4', 'ESTABLISHED@8', 'CLOSE-WAIT@8']);
  });
});

describe('a listing with no command', () => {
  it('UNCONN rows and only states other sockets show (UNCONN, ESTAB, LISTEN): not TCP', () => {
    const note = fenced(...UDP_ROWS);
    assert.deepEqual(states(note), []);
    assert.deepEqual(analyzeNote(note).evidence, []);
    assert.deepEqual(states(fenced(HEADER, ...UDP_ROWS)), []);
  });

  it('a state only TCP has beside the UNCONN row makes it a TCP listing: mentions and counts stay', () => {
    const note = fenced(HEADER, 'UNCONN 0 0 10.0.0.5:41000 0.0.0.0:*', 'TIME-WAIT 0 0 10.0.0.5:443 10.0.0.9:51235', 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:51234');
    assert.deepEqual(states(note), ['CLOSED@2', 'TIME-WAIT@3', 'ESTABLISHED@4']);
    assert.deepEqual(parseEvidence(note.split('\n').slice(1, -2).join('\n'))[0]?.counts, { CLOSED: 1, 'TIME-WAIT': 1, ESTABLISHED: 1 });
  });

  it('a LISTEN row on an address and port is TCP (UDP never listens; Unix rows show paths): mentions and counts stay (review s16 Q1)', () => {
    const note = fenced(HEADER, 'LISTEN 0 128 0.0.0.0:22 0.0.0.0:*', 'UNCONN 0 0 10.0.0.5:8080 0.0.0.0:*', 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:5000');
    assert.deepEqual(states(note), ['LISTEN@2', 'CLOSED@3', 'ESTABLISHED@4']);
    assert.deepEqual(parseEvidence(note.split('\n').slice(1, -2).join('\n'))[0]?.counts, { LISTEN: 1, CLOSED: 1, ESTABLISHED: 1 });
  });

  it('a listing without UNCONN, a row in prose, or the recogniser on one line keeps its mentions', () => {
    assert.deepEqual(states(fenced(UDP_ROWS[1] as string)), ['ESTABLISHED@1']);
    assert.deepEqual(states(UDP_ROWS[0] as string), ['CLOSED@0']);
    assert.deepEqual(findMentions(fenced(...UDP_ROWS)).map((m) => m.id), ['CLOSED', 'ESTABLISHED']);
    // After a blank line the block's earlier command may still be the listing's: not judged.
    assert.deepEqual(states(fenced('$ ss -tan', 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:51234', '', UDP_ROWS[0] as string)), ['ESTABLISHED@2', 'CLOSED@4']);
  });
});

describe('every reader of the recogniser agrees', () => {
  const note = ['# UDP', '', '```sh', '$ ss -lun', ...UDP_ROWS, '```', '', '```', '$ ss -tan', 'ESTAB 0 0 10.0.0.5:22 10.0.0.9:51234', '```', ''].join('\n');

  it('the block-by-block analysis equals one remark parse', () => {
    const a = analyzeNote(note);
    const b = analyzeNoteMonolithic(note);
    assert.deepEqual(a.mentions, b.mentions);
    assert.deepEqual(a.mentions.map((m) => m.id), ['ESTABLISHED']);
  });

  it('the preview marks the TCP row only', () => {
    const md = new MarkdownIt();
    tcpStatePreviewPlugin(md);
    const html = md.render(note);
    assert.equal((html.match(/data-tcp-state="/g) ?? []).length, 1, html);
    assert.match(html, /data-tcp-state="ESTABLISHED"[^>]*>ESTAB<\/span> 0 0 10\.0\.0\.5:22/);
  });

  it('the workspace index: references to ESTABLISHED are the TCP row only', () => {
    const index = new WorkspaceIndex();
    index.set('n.md', note);
    // rows: (line, character, length) triples.
    assert.deepEqual(index.references('ESTABLISHED').map((r) => [...r.rows]), [[10, 0, 5]]);
    assert.deepEqual(index.references('CLOSED'), []);
  });
});

describe('the conntrack table\'s output (audit s17)', () => {
  const note = [
    'conntrack table:', '',
    '```',
    '# conntrack -L -p tcp | awk \'{print $4}\' | sort | uniq -c',
    '  51234 ESTABLISHED',
    '  20111 TIME_WAIT',
    '    312 CLOSE_WAIT',
    '# ss -Htan state close-wait | wc -l',
    '12',
    '```',
    'Then CLOSE_WAIT rose.',
    '',
  ].join('\n');

  it('its per-state counts name no TCP state; the next command\'s output and the prose keep theirs', () => {
    assert.deepEqual(states(note), ['CLOSE-WAIT@7', 'CLOSE-WAIT@10']);
    assert.deepEqual(analyzeNote(note).evidence[0]?.counts, { 'CLOSE-WAIT': 12 });
  });

  it('the same in the workspace index and the preview', () => {
    const index = new WorkspaceIndex();
    index.set('n.md', note);
    // rows: (line, character, length) per mention.
    assert.deepEqual([...(index.references('close-wait')[0]?.rows ?? [])].filter((_, i) => i % 3 === 0), [7, 10]);
    assert.equal(index.references('time-wait').length, 0);
    const html = new MarkdownIt().use(tcpStatePreviewPlugin).render(note);
    assert.equal(/data-tcp-state="TIME-WAIT"/.test(html), false, html);
  });

  it('a line that also lists sockets keeps their states (review s17: conntrack -S; ss … | uniq -c)', () => {
    const mixed = fenced("$ conntrack -S | head -2; ss -tan | awk 'NR>1 {print $1}' | sort | uniq -c", 'cpu=0 found=0 invalid=12 insert=0', '  1200 FIN-WAIT-1', '   300 ESTAB');
    assert.deepEqual(states(mixed), ['FIN-WAIT-1@3', 'ESTABLISHED@4']);
  });

  it('sockstat lines on a conntrack line are read (date; conntrack -C; cat /proc/net/sockstat)', () => {
    const note = fenced('$ while true; do date; conntrack -C; cat /proc/net/sockstat; sleep 60; done', 'Tue Mar 18 10:00:00 UTC 2025', '182334', 'TCP: inuse 1200 orphan 3000 tw 4000 alloc 1500 mem 900', 'Tue Mar 18 10:01:00 UTC 2025', '182931', 'TCP: inuse 1200 orphan 4000 tw 4000 alloc 1500 mem 900');
    const orphans = analyzeNote(note).evidence[0]?.segments.map((x) => x.sockstat?.tcp?.orphan).filter((x) => x !== undefined);
    assert.deepEqual(orphans, [3000, 4000]);
  });

  it('a conntrack -L row keeps its conntrack mention', () => {
    const row = fenced('# conntrack -L -p tcp | head -1', 'tcp      6 117 TIME_WAIT src=10.0.0.5 dst=10.0.1.9 sport=41236 dport=443 src=10.0.1.9 dst=10.0.0.5 sport=443 dport=41236 [ASSURED] mark=0 use=1');
    const model = analyzeNote(row);
    assert.deepEqual(model.mentions.map((m) => [m.kind, m.id]), [['conntrack', 'TIME_WAIT']]);
  });
});
