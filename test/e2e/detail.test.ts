/**
 * Issue #13 in the real workbench: the diagram's detail pane for a clicked state and the timeline scrubber
 * (wide and narrow panel), and "Paste as TCP evidence" through a real Ctrl+V and the paste widget.
 * Screenshots in test-results/.
 */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, ui, webview } from './workbench';

const SOCKSTAT = 'sockets: used 1342\nTCP: inuse 71270 orphan 61920 tw 8120 alloc 71288 mem 182044\nUDP: inuse 6 mem 4';

async function panelWidth(): Promise<number> {
  return webview().locator('html').evaluate(() => document.documentElement.clientWidth);
}

suite('UI: diagram detail pane and timeline scrubber', () => {
  suiteSetup(async () => {
    await runCommand('View: Close All Editor Groups');
  });
  suiteTeardown(async () => {
    await ui().page.setViewportSize({ width: 1400, height: 900 });
    await runCommand('View: Close All Editor Groups');
  });

  test('clicking FIN-WAIT-1 opens its detail pane; the scrubber (keyboard) shows a sample; narrow layout stacks the pane', async function () {
    this.timeout(240_000);
    const { page } = ui();
    await page.setViewportSize({ width: 1400, height: 900 });
    await openFile('report/incident.md', 'web-07');
    await runCommand('TCP State Notes: Show State Diagram');
    const frame = webview();
    const node = frame.locator('g[data-state="FIN-WAIT-1"]').first();
    await node.waitFor({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await node.click();
    const pane = frame.locator('#detail:not([hidden])');
    await pane.waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#detail-title').innerText(), 'FIN-WAIT-1');
    const text = await pane.innerText();
    for (const want of ['61,920', '203.0.113.0/24', 'on 1, persist 3', '4 of 4 rows, max 87,600 B', 'Likely cause: the peers advertise a zero window']) assert.ok(text.includes(want), `pane shows "${want}":\n${text}`);
    assert.match((await frame.locator('#detail a.detail-source').getAttribute('href')) ?? '', /^https:\/\//);
    assert.equal(await frame.locator('#detail svg.spark polyline').count(), 1, 'the trend sparkline');
    // Nothing from the note became markup.
    assert.equal(await frame.locator('#detail script, #detail img, #detail iframe, #detail [onerror]').count(), 0);

    // The scrubber, by keyboard: whole note → sample 3 (09:41), whose FIN-WAIT-1 count is its own block's.
    const range = frame.locator('#scrub');
    await frame.locator('#scrubber:not([hidden])').waitFor();
    assert.equal(await range.getAttribute('aria-valuetext'), 'Whole note');
    await range.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await frame.locator('#scrub-value', { hasText: '09:41' }).waitFor({ timeout: 10_000 });
    // The announcement follows the value (set on the same input event; waited for, not raced).
    await frame.locator('#scrub[aria-valuetext^="Sample 3 of 3"]').waitFor({ state: 'attached', timeout: 10_000 });
    assert.match((await range.getAttribute('aria-valuetext')) ?? '', /^Sample 3 of 3: 2025-03-14T09:41:00\+08:00 · orphan 20,000$/);
    await frame.locator('g[data-state="FIN-WAIT-1"][data-count="61920"]').first().waitFor({ timeout: 15_000 });
    await frame.locator('#detail dd[data-field="atSample"]', { hasText: '61,920' }).waitFor({ timeout: 15_000 });

    // A wide panel (> 720 px): the pane stands beside the diagram.
    await page.setViewportSize({ width: 2000, height: 1000 });
    await page.waitForTimeout(1500);
    assert.ok((await panelWidth()) > 720, `panel ${await panelWidth()} px`);
    const wide = await frame.locator('body').evaluate(() => {
      const r = (id: string) => document.getElementById(id)!.getBoundingClientRect();
      return { canvas: r('canvas'), detail: r('detail') };
    });
    assert.ok(wide.detail.left >= wide.canvas.right - 1, 'beside the diagram');
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    await screenshot('diagram-detail-pane');

    // Narrow panel (≤ 720 px): the pane moves below the diagram, full width.
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.waitForTimeout(1500);
    const width = await panelWidth();
    assert.ok(width <= 720, `panel ${width} px`);
    const boxes = await frame.locator('body').evaluate(() => {
      const r = (id: string) => document.getElementById(id)!.getBoundingClientRect();
      return { canvas: r('canvas'), detail: r('detail') };
    });
    assert.ok(boxes.detail.top >= boxes.canvas.bottom - 1, 'stacked below the diagram');
    assert.ok(boxes.detail.width >= width - 40, 'full width');
    await frame.locator('#detail').scrollIntoViewIfNeeded();
    await screenshot('diagram-detail-pane-narrow');

    // Escape in the pane closes it.
    await frame.locator('#detail-close').focus();
    await page.keyboard.press('Escape');
    await frame.locator('#detail').waitFor({ state: 'hidden', timeout: 10_000 });
  });
});

suite('UI: paste as TCP evidence', () => {
  suiteTeardown(async () => {
    await runCommand('View: Close All Editor Groups');
  });

  test('Ctrl+V pastes plain text; the paste widget offers "Paste as TCP evidence"; one undo removes the block', async function () {
    this.timeout(180_000);
    const { page, context } = ui();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), SOCKSTAT);
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+V');
    const lines = page.locator('.monaco-editor .view-lines .view-line');
    await lines.filter({ hasText: 'orphan 61920' }).first().waitFor({ timeout: 15_000 });
    assert.equal(await lines.filter({ hasText: '# pasted' }).count(), 0, 'plain paste is the default');
    // The paste widget's "change paste type" (Ctrl+.) lists the edit.
    await page.keyboard.press('Control+.');
    const option = page.locator('.monaco-list-row, .action-item', { hasText: 'Paste as TCP evidence' }).first();
    await option.waitFor({ timeout: 15_000 });
    await screenshot('paste-as-tcp-evidence-widget');
    await option.click();
    await lines.filter({ hasText: '# pasted 20' }).first().waitFor({ timeout: 15_000 });
    await lines.filter({ hasText: '$ cat /proc/net/sockstat' }).first().waitFor();
    await lines.filter({ hasText: '```text' }).first().waitFor();
    await screenshot('paste-as-tcp-evidence');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await lines.filter({ hasText: '# pasted 20' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    await runCommand('File: Revert File');
  });
});
