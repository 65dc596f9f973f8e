import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { join } from 'node:path';
import { closeAllEditors, countAfterRender, openFile, runCommand, screenshot, ui, webview } from './workbench';

/** Loopback sockets opened by this (harness) process, on the same machine as the extension host. */
async function loopback(connections: number, orphans: number): Promise<() => Promise<void>> {
  const accepted: net.Socket[] = [];
  const clients: net.Socket[] = [];
  const server = net.createServer((s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  const stuck = net.createServer({ pauseOnConnect: true }, (s) => {
    s.on('error', () => {});
    accepted.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r));
  const port = (s: net.Server) => (s.address() as net.AddressInfo).port;
  const connect = async (p: number) => {
    const c = net.connect({ host: '127.0.0.1', port: p });
    c.on('error', () => {});
    await new Promise<void>((r) => c.once('connect', () => r()));
    return c;
  };
  for (let i = 0; i < connections; i++) clients.push(await connect(port(server)));
  // FIN-WAIT-1 orphans: the reader never reads, the writer fills the window and closes (facts §2.5).
  for (let i = 0; i < orphans; i++) {
    const c = await connect(port(stuck));
    for (let j = 0; j < 16; j++) c.write(Buffer.alloc(1 << 20));
    await new Promise((r) => setTimeout(r, 250));
    c.destroy();
  }
  return async () => {
    for (const c of clients) c.destroy();
    for (const s of accepted) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
    await new Promise<void>((r) => stuck.close(() => r()));
  };
}

// The default interval (3 s) is used: the 1 s setting is exercised by the integration suite.
suite('UI: live socket counts in the diagram', () => {
  suiteSetup(async () => {
    await runCommand('View: Close All Editor Groups');
  });
  suiteTeardown(async () => {
    await closeAllEditors();
  });

  test('the Live toggle shows the orphan-pressure gauge and per-state trends that follow real sockets; Freeze inserts the block', async () => {
    const { page } = ui();
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await runCommand('TCP State Notes: Show State Diagram');
    const frame = webview();
    await frame.locator('g[data-state="FIN-WAIT-1"]').first().waitFor({ timeout: 30_000 });
    const toggle = frame.locator('#btn-live');
    await toggle.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    await frame.locator('#live-gauge svg.gauge').waitFor({ timeout: 15_000 });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    assert.equal(await frame.locator('#live-gauge .gauge-row').count(), 3);

    const countOf = async (state: string) =>
      Number(((await frame.locator(`#live-trends li[data-state="${state}"] .trend-count`).first().textContent({ timeout: 1000 }).catch(() => '0')) ?? '0').replace(/,/g, ''));
    const before = await countOf('ESTABLISHED');
    const close = await loopback(40, 6);
    try {
      // The trend list follows /proc: 80 more ESTABLISHED sockets and FIN-WAIT-1 orphans appear.
      const deadline = Date.now() + 30_000;
      while ((await countOf('ESTABLISHED')) < before + 70 || (await countOf('FIN-WAIT-1')) < 6) {
        if (Date.now() > deadline) throw new Error(`live counts did not follow: ESTABLISHED ${await countOf('ESTABLISHED')} (was ${before}), FIN-WAIT-1 ${await countOf('FIN-WAIT-1')}`);
        await page.waitForTimeout(300);
      }
      await page.waitForTimeout(7000); // a few more samples for the sparklines
      assert.match(await frame.locator('#live-trends li[data-state="ESTABLISHED"] .trend-delta').innerText(), /^\+/);
      assert.ok((await frame.locator('#live-trends li[data-state="ESTABLISHED"] svg.spark polyline').count()) === 1);
      assert.match(await frame.locator('#live-verdict').innerText(), /orphan \d/);
      assert.match(await frame.locator('#live-status').innerText(), /updated \d\d:\d\d:\d\d · every 3 s/);
      await screenshot('live-gauge');
      await frame.locator('#live-view').screenshot({ path: join(ui().screenshots, 'live-gauge-closeup.png') });
    } finally {
      await close();
    }

    // Freeze into note: the snapshot block appears in the editor.
    await frame.locator('#btn-freeze').click();
    try {
      await page.locator('.monaco-editor .view-line', { hasText: '# tcp-state-notes snapshot' }).first().waitFor({ timeout: 15_000 });
      await screenshot('live-frozen-into-note');
    } finally {
      // One undo step removes the frozen block (focus the note: the Freeze button left focus in the webview).
      await page.locator('.monaco-editor .view-lines .view-line').first().click({ position: { x: 2, y: 2 } });
      await page.keyboard.press('Control+Z');
    }
    // Undone: the note's heading line renders and the snapshot block is gone.
    const block = page.locator('.monaco-editor .view-line', { hasText: '# tcp-state-notes snapshot' });
    assert.equal(await countAfterRender(block, page.locator('.monaco-editor .view-line', { hasText: 'FIN-WAIT-1 pile-up' })), 0);

    await runCommand('TCP State Notes: Show State Diagram');
    await frame.locator('#btn-live').click();
    await frame.locator('#live-view').waitFor({ state: 'hidden', timeout: 10_000 });
  });
});
