/**
 * Issue #14 in the real workbench: the "TCP Evidence" view in the Explorer, filtered to one state, a note
 * expanded to its evidence block and the block to its states. Screenshot in test-results/.
 */
import * as assert from 'node:assert/strict';
import { runCommand, screenshot, ui } from './workbench';

suite('UI: issue #14 (TCP Evidence view)', () => {
  suiteTeardown(async () => {
    const folders = ui().page.locator('.pane-header', { hasText: 'workspace' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'false') await folders.click();
    await runCommand('TCP State Notes: Clear State Filter');
    await runCommand('View: Close All Editor Groups');
  });

  test('the TCP Evidence view lists notes → blocks → states with counts, filtered to FIN-WAIT-2', async function () {
    this.timeout(180_000);
    const { page } = ui();
    await page.setViewportSize({ width: 1400, height: 900 });
    await runCommand('View: Close All Editor Groups');
    // Open the view by its header in the Explorer (a person's way; the header may be folded from an earlier run).
    const header = page.locator('.pane-header', { hasText: 'TCP Evidence' }).first();
    await header.waitFor({ timeout: 30_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'TCP Evidence' }) });
    await pane.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
    await runCommand('TCP State Notes: Filter by TCP State…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('FIN-WAIT-2');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.press('Enter');
    // Room for the view: fold the folder tree above it.
    const folders = page.locator('.pane-header', { hasText: 'workspace' }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const note = pane.locator('.monaco-list-row[aria-level="1"]', { hasText: 'lb-drain.md' });
    await note.waitFor({ timeout: 30_000 });
    // A click on a note row expands it (notes have no command); then the keyboard: down to its block, right to expand.
    await note.click();
    const block = pane.locator('.monaco-list-row[aria-level="2"]', { hasText: 'FIN-WAIT-2 3' });
    await block.waitFor({ timeout: 15_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    const state = pane.locator('.monaco-list-row[aria-level="3"]', { hasText: 'FIN-WAIT-2' });
    await state.first().waitFor({ timeout: 15_000 });
    const rows = await pane.locator('.monaco-list-row').evaluateAll((els) => els.map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()));
    await screenshot('workspace-evidence-view');
    assert.ok(rows.some((r) => r.includes('lb-drain.md') && r.includes('FIN-WAIT-2 3')), rows.join('\n'));
    assert.ok(rows.some((r) => r.includes('Line 7') && r.includes('FIN-WAIT-2 3')), rows.join('\n'));
    assert.equal(await state.count(), 1, 'the filter keeps FIN-WAIT-2 only under the block');
    assert.ok(!rows.some((r) => r.includes('no-tcp.md')), 'a note without evidence is not listed');
    assert.ok(await pane.locator('.pane-header', { hasText: 'TCP Evidence' }).isVisible());
  });
});
