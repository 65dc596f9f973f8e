import { isCatalogueUrl } from '../../src/core/catalogue/sources';
import * as assert from 'node:assert/strict';
import { hover, openFile, runCommand, screenshot, ui, webview, webviewFrame } from './workbench';

/** The hostile-notes corpus in the real workbench: payloads never run, hovers and the diagram stay inert. */
const NOTES: [file: string, line: string, token: string][] = [
  ['html-payloads.md', 'Prose with FIN_WAIT1', 'FIN_WAIT1'],
  ['links.md', 'Links that must stay inert', 'FIN-WAIT-1'],
  ['entities-bidi.md', '| CLOSE-WAIT |', 'CLOSE-WAIT'],
];

async function pwned(): Promise<boolean> {
  const { page } = ui();
  const here = await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned === true);
  const frame = await webviewFrame();
  const there = frame ? await frame.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned === true).catch(() => false) : false;
  return here || there;
}

suite('UI: hostile notes stay inert', () => {
  suiteSetup(async () => {
    await runCommand('View: Close All Editor Groups');
  });

  for (const [file, line, token] of NOTES) {
    test(`${file}: the hover and the diagram hold no element or link from the note`, async () => {
      const { page } = ui();
      await openFile(file, line);
      const text = await hover(token, line);
      assert.match(text, /Orphan verdict|孤儿/, 'our hover answers on the payload line');
      const widget = page.locator('.monaco-hover:not(.hidden)').first();
      assert.equal(await widget.locator('script, img, iframe, object, svg[onload], details').count(), 0, 'no element from the note in the hover');
      const links = await widget.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('data-href') ?? a.getAttribute('href') ?? ''));
      // Besides our command links, only the catalogue's source links (never an address from the note).
      for (const l of links) {
        if (isCatalogueUrl(l)) continue;
        assert.match(l, /^(?:command:tcpStateNotes\.|$)/, `only our command and source links in the hover: ${l}`);
      }
      await page.mouse.move(5, 5);

      await runCommand('TCP State Notes: Show State Diagram');
      const frame = webview();
      // The render happened (the note's name in the title, its states drawn) before any absence is asserted.
      await frame.locator('#title', { hasText: file }).waitFor({ timeout: 30_000 });
      await frame.locator('#canvas svg g[data-state]').first().waitFor({ timeout: 30_000 });
      assert.equal(await frame.locator('#canvas script, #canvas img, #canvas foreignObject, #canvas iframe, #canvas a').count(), 0);
      assert.equal(await frame.locator('[onload], [onerror], [onclick], [onmouseover], [ontoggle]').count(), 0);
      assert.equal(await pwned(), false, 'no payload ran (window.__pwned stays unset)');
      await screenshot(`hostile-${file.replace(/\.md$/, '')}`);
    });
  }
});
