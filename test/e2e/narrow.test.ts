/**
 * Issue #16 in the real workbench: the diagram panel at 480 and 1000 CSS px (light and dark; the rendered
 * size of every label measured in the webview), the preview's hover card (mouse and keyboard), and the
 * first-run walkthrough (its images in the light and the dark theme's colours). Screenshots in test-results/.
 */
import * as assert from 'node:assert/strict';
import { openFile, runCommand, screenshot, setColorTheme, ui, webview } from './workbench';

/** Width of the diagram webview's document, in CSS px. */
async function panelWidth(): Promise<number> {
  return webview().locator('html').evaluate(() => document.documentElement.clientWidth);
}

/** Resizes the browser until the panel (half of the editor area, beside the note) is `target` px wide. */
async function sizePanel(target: number): Promise<number> {
  const { page } = ui();
  let width = await panelWidth();
  for (let i = 0; i < 4 && Math.abs(width - target) > 6; i++) {
    const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
    await page.setViewportSize({ width: Math.max(700, Math.round(viewport.width + 2 * (target - width))), height: viewport.height });
    await page.waitForTimeout(1200);
    width = await panelWidth();
  }
  return width;
}

/** Smallest rendered font size (CSS px) of any visible text in the diagram, and whether the narrow layout shows. */
async function measure(): Promise<{ min: number; narrow: boolean; texts: number }> {
  return webview()
    .locator('svg.tcp-diagram')
    .evaluate((svg) => {
      const sizes = [...svg.querySelectorAll('text')]
        .filter((t) => (t.textContent ?? '').trim() !== '' && t.getBoundingClientRect().width > 0)
        .map((t) => parseFloat(getComputedStyle(t).fontSize) * ((t as SVGGraphicsElement).getScreenCTM()?.a ?? 0));
      return { min: Math.min(...sizes), narrow: svg.classList.contains('narrow'), texts: sizes.length };
    });
}

suite('UI: issue #16 (narrow panel, preview cards, walkthrough)', () => {
  suiteSetup(async () => {
    await runCommand('View: Close All Editor Groups');
  });
  suiteTeardown(async () => {
    await ui().page.setViewportSize({ width: 1400, height: 900 });
    await setColorTheme('Light Modern');
    await runCommand('View: Close All Editor Groups');
  });

  setup(async () => {
    await ui().page.setViewportSize({ width: 1400, height: 900 });
    await runCommand('View: Close All Editor Groups');
  });

  test('diagram panel at 480 and 1000 px, light and dark: every label at least 11 px', async function () {
    this.timeout(360_000);
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await runCommand('TCP State Notes: Show State Diagram');
    await webview().locator('g[data-state="FIN-WAIT-1"]').first().waitFor({ timeout: 30_000 });
    for (const target of [480, 1000]) {
      const width = await sizePanel(target);
      assert.ok(Math.abs(width - target) <= 6, `panel is ${width} px, wanted ${target}`);
      await ui().page.waitForTimeout(800);
      const m = await measure();
      assert.ok(m.texts > 40, 'texts measured');
      assert.equal(m.narrow, target <= 720, `${target} px: ${m.narrow ? 'narrow' : 'RFC'} layout`);
      assert.ok(m.min >= 11, `${target} px: smallest label ${m.min.toFixed(2)} px`);
      for (const [name, theme] of [
        ['light', 'Light Modern'],
        ['dark', 'Dark Modern'],
      ] as const) {
        await setColorTheme(theme);
        await webview().locator('g[data-state="FIN-WAIT-1"]').first().waitFor({ timeout: 30_000 });
        await ui().page.waitForTimeout(600);
        await screenshot(`narrow-panel-${target}-${name}`);
      }
      await setColorTheme('Light Modern');
    }
    await ui().page.setViewportSize({ width: 1400, height: 900 });
    await runCommand('View: Close All Editor Groups');
  });

  test('preview hover card: mouse and keyboard, text from the catalogue and the note count', async function () {
    this.timeout(240_000);
    const { page } = ui();
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await runCommand('Markdown: Open Preview to the Side');
    const preview = webview();
    const mark = preview.locator('.tcp-state[data-tcp-state="FIN-WAIT-1"][data-tcp-count]').first();
    await mark.waitFor({ timeout: 30_000 });
    assert.equal(await mark.getAttribute('tabindex'), '0', 'marks are keyboard-reachable');
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    const card = preview.locator('#tcp-state-notes-card');
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    const text = await card.innerText();
    assert.match(text, /^FIN-WAIT-1/);
    assert.match(text, /typical orphan/);
    assert.match(text, /[\d,]+ sockets? in this note's pasted output/);
    assert.equal(await mark.getAttribute('aria-describedby'), 'tcp-state-notes-card');
    await screenshot('preview-card-hover-light');
    await page.mouse.move(2, 2);
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
    // Keyboard: focus a mark without a count (CLOSE-WAIT is named, not counted, or counted: either way a card).
    const other = preview.locator('.tcp-state[data-tcp-state="CLOSE-WAIT"]').first();
    await other.focus();
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    assert.match(await card.innerText(), /^CLOSE-WAIT[\s\S]*orphan/);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden', timeout: 5_000 });
    await setColorTheme('Dark Modern');
    await page.mouse.move(2, 2);
    await other.hover();
    await card.waitFor({ state: 'visible', timeout: 5_000 });
    await screenshot('preview-card-dark');
    await setColorTheme('Light Modern');
    await runCommand('View: Close All Editor Groups');
  });

  test('the walkthrough: four steps with images in the theme\'s colours', async function () {
    this.timeout(240_000);
    const { page } = ui();
    // Welcome: Open Walkthrough… → ours. (Escape, which the theme picker presses, leaves the walkthrough.)
    const openWalkthrough = async () => {
      await runCommand('Welcome: Open Walkthrough...');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible' });
      await input.fill('TCP State Notes');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'TCP State Notes' }).first().waitFor({ timeout: 15_000 });
      await page.keyboard.press('Enter');
      await page.locator('.gettingStartedContainer', { hasText: 'Get Started with TCP State Notes' }).first().waitFor({ timeout: 30_000 });
    };
    await openWalkthrough();
    const steps = page.locator('.getting-started-step');
    await page.waitForTimeout(1000);
    const titles = await page.locator('.getting-started-step .step-title').allInnerTexts();
    assert.deepEqual(
      titles.filter((t) => t.trim() !== '').map((t) => t.trim()),
      ['Hover a TCP state', 'Open the state diagram', 'Paste or capture evidence', 'Insert the diagnosis template'],
    );
    assert.ok((await steps.count()) >= 4);
    // The shown step's image: our SVG, in the walkthrough's SVG view (a webview), coloured by the theme: the
    // drawing's background is the editor's (Light Modern #ffffff, Dark Modern #1f1f1f), its text the editor's.
    const shownSvg = async (title: RegExp, background: string) => {
      const svg = webview().locator('svg[role="img"]');
      await svg.waitFor({ state: 'visible', timeout: 20_000 });
      assert.match(await svg.locator('title').textContent() ?? '', title);
      const colours = await svg.evaluate((el) => {
        // Its first rectangle is the background; its first text, in the editor's foreground colour.
        const fill = (sel: string) => getComputedStyle(el.querySelector(sel) as Element).fill;
        return { background: fill('rect'), text: fill('text') };
      });
      assert.equal(colours.background, background);
      assert.notEqual(colours.text, colours.background);
    };
    await shownSvg(/hover on FIN_WAIT1/, 'rgb(255, 255, 255)');
    await screenshot('walkthrough-light');
    await setColorTheme('Dark Modern');
    await openWalkthrough();
    await page.locator('.getting-started-step', { hasText: 'Open the state diagram' }).first().click();
    await page.waitForTimeout(800);
    await shownSvg(/state diagram beside the note/, 'rgb(31, 31, 31)');
    await screenshot('walkthrough-dark');
    await setColorTheme('Light Modern');
  });
});
