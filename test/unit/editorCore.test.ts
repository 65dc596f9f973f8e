/**
 * The core behind both editor adapters (VS Code providers and the language server): hover, diagnostics with
 * their quick fixes, evidence symbols. Fast and in-process; the adapters' own tests check the wiring.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeNote } from '../../src/core/note/analyze';
import { noteHover } from '../../src/core/noteHover';
import { MAX_NOTE_DIAGNOSTICS, noteDiagnostics, noteTypos, quickFixes } from '../../src/core/check/noteDiagnostics';
import { checkNote } from '../../src/core/check/findings';
import { describeEvidence, evidenceSymbols } from '../../src/core/note/evidenceNames';
import { summarizeEvidence } from '../../src/core/note/navigation';

const NOTE = ['处于CLOSE_WAIT状态; LAST_LOCK, FIN_WAIT3.', '', '```', 'State      Recv-Q Send-Q Local Address:Port Peer Address:Port', 'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000', '```', '', 'TIME_WAIT lasts 4 minutes.', ''].join('\n');

describe('core/noteHover', () => {
  const model = analyzeNote(NOTE);

  test('the mention under the offset: its range, its state, Markdown with the state and the note evidence', () => {
    const at = NOTE.indexOf('CLOSE_WAIT');
    const hover = noteHover(model, at + 4, { lang: 'en' });
    assert.ok(hover);
    assert.deepEqual([hover.start, hover.end, hover.state], [at, at + 'CLOSE_WAIT'.length, 'CLOSE-WAIT']);
    assert.match(hover.markdown, /^\*\*CLOSE-WAIT\*\*/);
    assert.equal(noteHover(model, at + 10, { lang: 'en' })?.start, at, 'the end offset still hovers the mention');
    assert.equal(noteHover(model, 0, { lang: 'en' }), undefined);
  });

  test('links appear only when given (VS Code); the kernel setting changes a version-dependent hover', () => {
    const at = NOTE.indexOf('FIN-WAIT-1');
    const plain = noteHover(model, at, { lang: 'en' })?.markdown ?? '';
    const linked = noteHover(model, at, { lang: 'en', links: { showDiagram: (s) => `command:show?${s}` } })?.markdown ?? '';
    assert.doesNotMatch(plain, /command:/);
    assert.match(linked, /command:show\?FIN-WAIT-1/);
    const text = 'net.ipv4.tcp_tw_recycle\n';
    const sysctl = analyzeNote(text);
    const old = noteHover(sysctl, 3, { lang: 'en', kernelVersion: '4.9' })?.markdown;
    assert.notEqual(old, noteHover(sysctl, 3, { lang: 'en' })?.markdown);
    assert.equal(noteHover(sysctl, 3, { lang: 'en', kernelVersion: 'not a version' })?.markdown, noteHover(sysctl, 3, { lang: 'en' })?.markdown);
  });

  test('a state with listed sockets gets the per-connection summary after a rule', () => {
    const at = NOTE.indexOf('FIN-WAIT-1');
    assert.match(noteHover(model, at, { lang: 'en' })?.markdown ?? '', /\n\n---\n\n/);
  });
});

describe('core/check/noteDiagnostics', () => {
  const model = analyzeNote(NOTE);
  const typos = noteTypos(NOTE, model);

  test('the same findings, messages and links as `check`, as note offsets', () => {
    const diagnostics = noteDiagnostics(NOTE, typos, 'zh-cn');
    const findings = checkNote(NOTE, { lang: 'zh-cn', model });
    assert.deepEqual(
      diagnostics.map((d) => [model.lines.positionAt(d.start), d.end - d.start, d.message, d.href]),
      findings.map((f) => [{ line: f.line, character: f.character }, f.length, f.message, f.source]),
    );
    assert.deepEqual(
      diagnostics.map((d) => [NOTE.slice(d.start, d.end), d.code]),
      [
        ['LAST_LOCK', 'state-typo'],
        ['FIN_WAIT3', 'state-typo'],
        ['TIME_WAIT lasts 4 minutes', 'misconception:tw-four-minutes'],
      ],
    );
  });

  test('an editor gets at most MAX_NOTE_DIAGNOSTICS: the claims kept, the typos cut in note order (audit s14 D3)', () => {
    const junk = `${'LAST_LOCK '.repeat(MAX_NOTE_DIAGNOSTICS + 200)}\n\nTIME_WAIT lasts 4 minutes.\n`;
    const diagnostics = noteDiagnostics(junk, noteTypos(junk), 'en');
    assert.equal(diagnostics.length, MAX_NOTE_DIAGNOSTICS);
    assert.equal(diagnostics.filter((d) => d.code === 'misconception:tw-four-minutes').length, 1);
    assert.equal(diagnostics[0]?.start, 0);
    assert.equal(checkNote(junk, { lang: 'en' }).length, MAX_NOTE_DIAGNOSTICS + 201, '`check` lists every finding');
  });

  test('quick fixes: one preferred replacement, two unpreferred for an ambiguous digit, none for a stale range', () => {
    const at = (s: string): [number, number] => [NOTE.indexOf(s), NOTE.indexOf(s) + s.length];
    assert.deepEqual(quickFixes('state-typo', ...at('LAST_LOCK'), typos, 'en'), [{ title: 'Replace with LAST_ACK', replacement: 'LAST_ACK', preferred: true }]);
    assert.deepEqual(
      quickFixes('state-typo', ...at('FIN_WAIT3'), typos, 'zh-cn').map((f) => [f.title, f.preferred]),
      [
        ['替换为 FIN_WAIT2', false],
        ['替换为 FIN_WAIT1', false],
      ],
    );
    assert.deepEqual(quickFixes('state-typo', ...at('CLOSE_WAIT'), typos, 'en'), []);
    assert.deepEqual(quickFixes('misconception:tw-four-minutes', 0, 1, typos, 'en'), [{ title: 'Explain why this claim is wrong', preferred: false, explainRule: 'tw-four-minutes' }]);
    assert.deepEqual(quickFixes('something-else', ...at('LAST_LOCK'), typos, 'en'), []);
  });
});

describe('core/note/evidenceNames', () => {
  test('names in both languages; the symbol spans the block, its selection the first line', () => {
    const model = analyzeNote(NOTE);
    const [block] = model.evidence;
    assert.ok(block);
    assert.equal(describeEvidence(summarizeEvidence(block), 'en'), 'ss output: 1 FIN-WAIT-1');
    assert.equal(describeEvidence(summarizeEvidence(block), 'zh-cn'), 'ss 输出：1 FIN-WAIT-1');
    const [symbol] = evidenceSymbols(model, 'en');
    assert.ok(symbol);
    assert.deepEqual([symbol.start, symbol.end, symbol.detail], [block.start, block.end, `line ${model.lines.lineAt(block.start) + 1}`]);
    const firstLine = NOTE.slice(symbol.start, symbol.selectionEnd);
    assert.ok(!firstLine.includes('\n') && firstLine.length > 0, JSON.stringify(firstLine));
    assert.equal(evidenceSymbols(model, 'zh-cn')[0]?.detail, `第 ${model.lines.lineAt(block.start) + 1} 行`);
  });

  test('sockstat, counters and sysctl names', () => {
    const summary = { kinds: ['sockstat', 'sysctl'] as const, states: [], orphans: 65311, timeWait: 1840, counters: [], maxOrphans: 65536, sysctls: 1 };
    assert.equal(describeEvidence(summary, 'en'), 'sockstat + sysctl values: 65,311 orphans · tw 1,840 · tcp_max_orphans = 65,536');
    assert.equal(describeEvidence({ kinds: ['sysctl'], states: [], counters: [], sysctls: 3 }, 'zh-cn'), 'sysctl 值：3 个 sysctl');
    assert.equal(describeEvidence({ kinds: ['nstat'], states: [], counters: [{ name: 'TcpExtTCPAbortOnMemory', value: 12 }], sysctls: 0 }, 'en'), 'counters: TCPAbortOnMemory 12');
  });
});
