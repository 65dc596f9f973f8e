import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StateDetail } from '../../src/core/diagram/detail';
import { openNote, until } from './helpers';

interface Info {
  uri: string | undefined;
  lastRender?: { uri: string; version: number; counts: Record<string, number>; countSource?: string };
  lastDetail?: { type: 'detail'; detail: StateDetail | null; strings: Record<string, string>; atSample?: { time: string; count: number | null } };
  timeline?: { samples: { time: string; orphan: number | null }[]; selected: number; strings: Record<string, string> };
}

const info = () => vscode.commands.executeCommand<Info | undefined>('tcpStateNotes.diagramInfo');
const select = (state: unknown) => vscode.commands.executeCommand<boolean>('tcpStateNotes.selectDiagramState', state);
const sample = (index: unknown) => vscode.commands.executeCommand<boolean>('tcpStateNotes.selectDiagramSample', index);

suite('Diagram detail pane and timeline scrubber', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('selecting a state posts its detail: counts, peers, timers, Send-Q, cause with source, trend', async () => {
    const editor = await openNote('fixtures', 'report', 'incident.md');
    await vscode.commands.executeCommand('tcpStateNotes.showDiagram');
    const uri = editor.document.uri.toString();
    await until('a render of the note', async () => ((await info())?.lastRender?.uri === uri ? true : undefined), 30_000);
    assert.equal(await select('FIN-WAIT-1'), true);
    const msg = await until('the detail message', async () => {
      const d = (await info())?.lastDetail;
      return d?.detail?.state === 'FIN-WAIT-1' ? d : undefined;
    });
    const d = msg.detail!;
    assert.equal(d.count, 61920);
    assert.equal(d.listed, 4);
    assert.deepEqual(d.prefixes[0], { label: '203.0.113.0/24', count: 3 });
    assert.deepEqual(d.timers.map((t) => `${t.kind} ${t.count}`), ['on 1', 'persist 3']);
    assert.deepEqual(d.sendQ, { rows: 4, nonZero: 4, max: 87600 });
    assert.equal(d.retransMax, 2);
    assert.equal(d.causes.length, 1);
    assert.match(d.causes[0]!.source, /^https:\/\//);
    assert.equal(d.trend?.points.length, 3);
    assert.equal(msg.strings.cause, 'Likely cause');
    assert.equal(msg.atSample, undefined, 'no sample chosen yet');
  });

  test('the webview may not select what is not a state', async () => {
    assert.equal(await select('<img src=x>'), false);
    assert.equal(await select(42), false);
    assert.equal((await info())?.lastDetail?.detail?.state, 'FIN-WAIT-1', 'the selection stays');
  });

  test('scoped to a section, the detail uses only that section\'s evidence (like the counts); the whole note again after', async () => {
    const editor = await openNote('fixtures', 'report', 'incident.md');
    const at = editor.document.positionAt(editor.document.getText().indexOf('dmesg'));
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('tcpStateNotes.setDiagramScope', 'section');
    const scoped = await until('the detail of the section', async () => {
      const d = (await info())?.lastDetail?.detail;
      return d?.state === 'FIN-WAIT-1' && d.listed === 0 ? d : undefined;
    });
    assert.equal(scoped.count, 61920, 'the count line in the section');
    assert.equal(scoped.countLine, 6);
    assert.deepEqual(scoped.causes, [], 'no listing in the section: no cause from it');
    // The scrubber follows the scope too: this section has no timed sample, so no scrubber.
    await until('no scrubber in the section', async () => ((await info())?.timeline === undefined ? true : undefined));
    const text = editor.document.getText();
    const moveTo = (needle: string) => {
      const p = editor.document.positionAt(text.indexOf(needle));
      editor.selection = new vscode.Selection(p, p);
    };
    moveTo('$ date');
    const data = await until('the samples of the data section', async () => (await info())?.timeline);
    assert.equal(data.samples.length, 3, 'the section and its subsection hold the three samples');
    assert.equal(await sample(1), true);
    await until('sample 2 chosen', async () => ((await info())?.lastRender?.countSource?.includes('09:31') ? true : undefined));
    // Into the subsection: one sample, no scrubber, and the sample chosen in the other scope is let go.
    moveTo('ss -tanoi');
    const sub = await until('the subsection without a chosen sample', async () => {
      const i = await info();
      return i && i.timeline === undefined && i.lastRender && !i.lastRender.countSource?.includes('sample at') ? i : undefined;
    });
    assert.equal(sub.lastRender?.counts['FIN-WAIT-1'], 61920, "the subsection's own counts");
    // Back in the data section its three samples are listed again, none chosen: index 1 would be valid here,
    // but it was chosen in another scope.
    moveTo('$ date');
    const again = await until('the data section again', async () => {
      const i = await info();
      return i?.timeline?.samples.length === 3 ? i : undefined;
    });
    assert.equal(again.timeline?.selected, -1, 'the sample chosen before leaving the section is let go');
    assert.ok(!again.lastRender?.countSource?.includes('sample at'), again.lastRender?.countSource);
    await vscode.commands.executeCommand('tcpStateNotes.setDiagramScope', 'note');
    const whole = await until('the detail of the whole note', async () => {
      const d = (await info())?.lastDetail?.detail;
      return d?.state === 'FIN-WAIT-1' && d.listed === 4 ? d : undefined;
    });
    assert.equal(whole.countLine, 41);
  });

  test('the scrubber: three samples; choosing one re-renders its counts, −1 brings the whole note back', async () => {
    const tl = (await info())?.timeline;
    assert.deepEqual(tl?.samples.map((s) => s.time), ['2025-03-14T09:21:00+08:00', '2025-03-14T09:31:00+08:00', '2025-03-14T09:41:00+08:00']);
    assert.equal(tl?.selected, -1);
    assert.equal(await sample(2), true);
    const r = await until('the render of sample 3', async () => {
      const i = await info();
      return i?.timeline?.selected === 2 && i.lastRender?.countSource?.includes('09:41') ? i : undefined;
    });
    assert.deepEqual(r.lastRender?.counts, { 'FIN-WAIT-1': 61920, 'TIME-WAIT': 1840 });
    const atSample = await until('the detail at the sample', async () => (await info())?.lastDetail?.atSample);
    assert.deepEqual(atSample, { time: '2025-03-14T09:41:00+08:00', count: 61920 });
    assert.equal(await sample(0), true);
    const first = await until('the render of sample 1', async () => ((await info())?.timeline?.selected === 0 ? info() : undefined));
    assert.deepEqual(first?.lastRender?.counts, {}, 'the first sample is sockstat only: no per-state counts');
    assert.equal(await sample(3), false, 'no fourth sample');
    assert.equal(await sample(1.5), false);
    assert.equal(await sample(-1), true);
    const whole = await until('the whole note again', async () => ((await info())?.timeline?.selected === -1 ? info() : undefined));
    assert.ok((whole?.lastRender?.counts['FIN-WAIT-1'] ?? 0) > 0);
    assert.ok(!whole?.lastRender?.countSource?.includes('sample at'));
  });

  test('closing the pane (select null) posts an empty detail; another note resets the selection', async () => {
    assert.equal(await select(null), true);
    await until('no detail', async () => ((await info())?.lastDetail?.detail === null ? true : undefined));
    await select('LAST-ACK');
    await until('LAST-ACK', async () => ((await info())?.lastDetail?.detail?.state === 'LAST-ACK' ? true : undefined));
    await openNote('examples', 'incident-fin-wait-1.md');
    await until('follows the other note', async () => ((await info())?.lastRender?.uri.endsWith('incident-fin-wait-1.md') ? true : undefined));
    assert.equal((await info())?.lastDetail, undefined, 'selection reset');
    assert.equal((await info())?.timeline, undefined, 'one sample or none: no scrubber');
  });
});
