/**
 * Person-like helpers over the code-server workbench (Monaco DOM), shared by the UI specs.
 * Selectors are the ones documented in ../shared/docs/offline-vscode.md.
 */
import type { BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface UiContext {
  page: Page;
  context: BrowserContext;
  userDataDir: string;
  workspace: string;
  workspaceUrl: string;
  screenshots: string;
  runDir: string;
}

export function ui(): UiContext {
  const c = (globalThis as unknown as { tsnUi?: UiContext }).tsnUi;
  if (!c) throw new Error('UI specs run under test/harness/run-ui.mjs');
  return c;
}

export async function screenshot(name: string): Promise<string> {
  const path = join(ui().screenshots, `${name}.png`);
  await ui().page.screenshot({ path, animations: 'disabled' });
  return path;
}

/**
 * Absence, checked after proof of a render: waits until `proof` (something the new state must show) is
 * visible, then until `absent` has left the DOM (no fixed sleep), and returns its count for the assertion.
 */
export async function countAfterRender(absent: Locator, proof: Locator, timeout = 15_000): Promise<number> {
  await proof.first().waitFor({ state: 'visible', timeout });
  await absent.first().waitFor({ state: 'detached', timeout }).catch(() => {});
  return absent.count();
}

export async function closeAllEditors(): Promise<void> {
  await runCommand('View: Close All Editors');
}

/** Moves keyboard focus out of any webview iframe back to the workbench (a webview swallows Ctrl+P). */
export async function focusWorkbench(): Promise<void> {
  const { page } = ui();
  await page.keyboard.press('Escape');
  await page.locator('.part.sidebar .composite.title').first().click({ position: { x: 5, y: 5 } }).catch(() => {});
}

/**
 * Merges `patch` into the user settings through the workbench itself ("Preferences: Open User Settings (JSON)",
 * replace the text, save), as a person would; the file on disk is read only to merge.
 */
export async function setSettings(patch: Record<string, unknown>): Promise<void> {
  const { page } = ui();
  const file = join(ui().userDataDir, 'User', 'settings.json');
  const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete current[k];
    else current[k] = v;
  }
  await runCommand('Preferences: Open User Settings (JSON)');
  const editor = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: 'workbench.startupEditor' }).first();
  await editor.waitFor({ timeout: 15_000 });
  await editor.click();
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(current, null, 2));
  await page.keyboard.press('Control+S');
  // Wait until the file on disk holds the patch (a loaded machine can take a while to save).
  const deadline = Date.now() + 10_000;
  for (;;) {
    let saved: Record<string, unknown> = {};
    try {
      saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // mid-write
    }
    const wrong = Object.entries(patch).find(([k, v]) => JSON.stringify(saved[k]) !== JSON.stringify(v));
    if (!wrong) break;
    if (Date.now() > deadline) throw new Error(`setting ${wrong[0]} was not saved (got ${JSON.stringify(saved[wrong[0]])})`);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  await runCommand('View: Close Editor');
  await page.waitForTimeout(300);
}

/** Workbench CSS class of each theme family, to verify a switch really happened. */
const THEME_CLASS: Record<string, string> = {
  'Light Modern': 'vs',
  'Dark Modern': 'vs-dark',
  'Dark High Contrast': 'hc-black',
  'Light High Contrast': 'hc-light',
};

/** Switches the colour theme with the theme picker (Ctrl+K Ctrl+T), like a person would, and checks it took. */
export async function setColorTheme(theme: string): Promise<void> {
  const { page } = ui();
  const wanted = THEME_CLASS[theme];
  for (let attempt = 0; attempt < 3; attempt++) {
    await focusWorkbench();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(theme);
    const rows = page.locator('.quick-input-list .monaco-list-row');
    const deadline = Date.now() + 10_000;
    for (;;) {
      const labels = await rows.evaluateAll((els) => els.map((e) => ((e as HTMLElement).innerText ?? '').replace(/\u00a0/g, ' ').split('\n')[0]?.trim() ?? ''));
      const focused = await rows.evaluateAll((els) => els.findIndex((e) => e.classList.contains('focused')));
      const index = labels.findIndex((l) => l === theme || l.startsWith(theme));
      if (index >= 0) {
        for (let i = Math.max(0, focused); i < index; i++) await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        break;
      }
      if (Date.now() > deadline) throw new Error(`theme "${theme}" not offered: ${labels.join(' | ')}`);
      await page.waitForTimeout(200);
    }
    await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    if (!wanted) return;
    try {
      await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls) ?? false, wanted, { timeout: 5_000 });
      await page.waitForTimeout(800);
      return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error(`could not switch to theme ${theme}`);
}

export async function openFile(name: string, expectText: string): Promise<void> {
  const { page } = ui();
  await focusWorkbench();
  // Open notes in the first editor group, as a person keeps notes on the left and the diagram beside.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  // Start at the top: an editor restored from a previous spec may be scrolled.
  await page.keyboard.press('Control+Home');
  const line = page.locator('.monaco-editor .view-lines .view-line', { hasText: expectText }).first();
  await line.waitFor({ timeout: 30_000 });
  // Keyboard focus in the text editor, so editor-scoped commands are offered in the palette.
  await line.click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Control+Home');
}

export async function runCommand(title: string): Promise<void> {
  const { page } = ui();
  await page.keyboard.press('Escape');
  if (await page.evaluate(() => document.activeElement?.tagName === 'IFRAME')) await focusWorkbench();
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 15_000 });
  // Pick the row whose label is exactly the title ("Preferences: Color Theme", not "…Browse Color Themes…").
  const deadline = Date.now() + 15_000;
  for (;;) {
    const labels = await rows.evaluateAll((els) => els.map((e) => (e.querySelector('.label-name')?.textContent ?? e.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
    const index = labels.findIndex((l) => l === title || l.endsWith(title.replace(/^.*?: /, '')) && l.startsWith(title.split(':')[0] ?? ''));
    if (index >= 0) {
      // Keyboard, not a click: the list re-sorts while it fills, a click can land on a neighbour.
      const focused = await rows.evaluateAll((els) => els.findIndex((e) => e.classList.contains('focused')));
      for (let i = Math.max(0, focused); i < index; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      return;
    }
    if (Date.now() > deadline) throw new Error(`command "${title}" not in the palette: ${labels.join(' | ')}`);
    await page.waitForTimeout(200);
  }
}

/** Screen coordinates of the centre of `token` in the first visible editor line that contains it. */
export async function tokenCenter(token: string, lineHint?: string): Promise<{ x: number; y: number }> {
  const { page } = ui();
  const box = await page.evaluate(
    ({ token, lineHint }) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
      for (const line of lines) {
        // Monaco renders spaces as U+00A0; compare with plain spaces (one char for one, offsets stay valid).
        const text = (line.textContent ?? '').replace(/\u00a0/g, ' ');
        if (!text.includes(token) || (lineHint && !text.includes(lineHint))) continue;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let seen = 0;
        const at = text.indexOf(token);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const len = n.textContent?.length ?? 0;
          if (at >= seen && at < seen + len) {
            const range = document.createRange();
            const start = at - seen;
            range.setStart(n, start);
            range.setEnd(n, Math.min(len, start + token.length));
            const r = range.getBoundingClientRect();
            return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
          }
          seen += len;
        }
      }
      return null;
    },
    { token, lineHint },
  );
  if (!box) throw new Error(`token "${token}" is not visible in the editor`);
  return box;
}

/** Moves the mouse onto `token` and returns the hover widget's text (retries once: activation can race). */
export async function hover(token: string, lineHint?: string): Promise<string> {
  const { page } = ui();
  const widget = page.locator('.monaco-hover:not(.hidden)').first();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
    const { x, y } = await tokenCenter(token, lineHint);
    await page.mouse.move(x, y, { steps: 4 });
    try {
      await widget.waitFor({ state: 'visible', timeout: 6_000 });
      const text = await widget.innerText();
      if (text.trim()) return text;
    } catch {
      // first hover can race activation; move away and back
    }
  }
  throw new Error(`no hover appeared over "${token}"`);
}

export function webview(): FrameLocator {
  return ui().page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export async function webviewFrame(): Promise<Frame | undefined> {
  const { page } = ui();
  for (const f of page.frames()) if (f.name() === 'active-frame' || f.url().includes('fake.html')) return f;
  return undefined;
}
