import * as assert from 'node:assert/strict';
import { countAfterRender, openFile, runCommand, screenshot, ui } from './workbench';

suite('UI: diagnosis template from the palette', () => {
  suiteSetup(async () => {
    await runCommand('View: Close All Editor Groups');
  });

  test('inserts the preselected variant at the cursor, one undo removes it', async () => {
    const { page } = ui();
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await runCommand('TCP State Notes: Insert Orphan Socket Diagnosis Template');
    const row = page.locator('.quick-input-list .monaco-list-row.focused');
    await row.waitFor({ timeout: 15_000 });
    // The note's pasted ss output is dominated by FIN-WAIT-1: that variant is preselected.
    assert.match(await row.innerText(), /FIN-WAIT-1/);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'FIN-WAIT-1 pile-up —' }).first().waitFor({ timeout: 15_000 });
    await screenshot('template-inserted-fin-wait-1');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    // Undone: the note's own last lines render again where the template was, and the template's heading is gone.
    const heading = page.locator('.monaco-editor .view-line', { hasText: 'FIN-WAIT-1 pile-up —' });
    const noteEnd = page.locator('.monaco-editor .view-line', { hasText: 'Alert on sockstat' });
    assert.equal(await countAfterRender(heading, noteEnd), 0);
    // The line break typed before the insertion is still there: discard it, so the note is as on disk again (with
    // auto-save off a dirty note would stop the next suite's Close All at a save dialog).
    await runCommand('File: Revert File');
    await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  });
});
