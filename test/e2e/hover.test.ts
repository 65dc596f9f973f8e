import * as assert from 'node:assert/strict';
import { hover, openFile, runCommand, screenshot, setSettings, ui } from './workbench';

suite('UI: hovers in a real workbench', () => {
  suiteSetup(async () => {
    // Start from a single editor group (an earlier spec may leave the diagram panel open beside it).
    await runCommand('View: Close All Editor Groups');
  });

  test('hovering FIN-WAIT-1 with the mouse shows the explanation', async () => {
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    const text = await hover('FIN-WAIT-1', 'pile-up');
    assert.match(text, /FIN-WAIT-1/);
    assert.match(text, /Orphan verdict/);
    await screenshot('hover-fin-wait-1-en');
    // The sources are links the reader can click (VS Code renders them as anchors), never private keys.
    const hrefs = await ui()
      .page.locator('.monaco-hover:not(.hidden) a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
    assert.ok(hrefs.some((h) => h.startsWith('https://elixir.bootlin.com/linux/v6.12/source/')), `hover links: ${hrefs.join(' ')}`);
    assert.doesNotMatch(text, /K-timer|K-tcp\.c|PG-/);
  });

  test("hovering netstat's FIN_WAIT1 names its spelling family", async () => {
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    const text = await hover('FIN_WAIT1', 'FIN_WAIT1 →');
    assert.match(text, /netstat/);
    await screenshot('hover-fin_wait1-netstat');
  });

  test('with the language set to Chinese, the hover speaks Chinese', async () => {
    await setSettings({ 'tcpStateNotes.language': 'zh-cn' });
    try {
      await openFile('orphan-socket-notes.zh.md', 'orphan socket');
      await ui().page.keyboard.press('Control+End');
      await ui().page.waitForTimeout(300);
      const text = await hover('CLOSE_WAIT', '不是孤儿');
      assert.match(text, /CLOSE-WAIT/);
      assert.match(text, /孤儿 socket 判定/);
      await screenshot('hover-close-wait-zh');
    } finally {
      await setSettings({ 'tcpStateNotes.language': undefined });
    }
  });

  test('the palette runs "TCP State Notes: Explain TCP State…"', async () => {
    const { page } = ui();
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await runCommand('TCP State Notes: Explain TCP State…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('LAST-ACK');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'Orphan verdict' }).first().waitFor({ timeout: 20_000 });
    await screenshot('palette-explain-last-ack');
  });
});
