import * as assert from 'node:assert/strict';
import { closeAllEditors, openFile, runCommand, screenshot, setColorTheme, ui, webview } from './workbench';

const THEMES: [string, string][] = [
  ['light', 'Light Modern'],
  ['dark', 'Dark Modern'],
];

/** Computed colour of the rendered token that is exactly `token`, in the editor line containing `lineHint`. */
async function tokenColor(token: string, lineHint: string): Promise<string> {
  const color = await ui().page.evaluate(
    ({ token, lineHint }) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
      const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineHint));
      if (!line) return null;
      const span = ([...line.querySelectorAll('span span')] as HTMLElement[]).find((s) => (s.textContent ?? '').replace(/\u00a0/g, ' ') === token);
      return span ? getComputedStyle(span).color : null;
    },
    { token, lineHint },
  );
  if (!color) throw new Error(`no token "${token}" of its own in the line with "${lineHint}" (not coloured by the grammar?)`);
  return color;
}

/** Computed colour of the words around a token: the text the grammar leaves alone. */
async function plainColor(lineHint: string, word: string): Promise<string> {
  const color = await ui().page.evaluate(
    ({ lineHint, word }) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')] as HTMLElement[];
      const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').includes(lineHint));
      const span = line && ([...line.querySelectorAll('span span')] as HTMLElement[]).find((s) => (s.textContent ?? '').replace(/\u00a0/g, ' ').includes(word));
      return span ? getComputedStyle(span).color : null;
    },
    { lineHint, word },
  );
  if (!color) throw new Error(`no "${word}" in the line with "${lineHint}"`);
  return color;
}

/** Ctrl+G, like a person: brings `line` (1-based) into view. */
async function goToLine(line: number): Promise<void> {
  const { page } = ui();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
}

suite('UI: TCP states highlighted in the editor and in the Markdown preview', () => {
  suiteSetup(async () => {
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    await setColorTheme('Light Modern');
  });

  test('the editor colours orphan-prone states apart from the others (Light and Dark Modern)', async () => {
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await ui().page.waitForTimeout(1000);
    for (const [name, theme] of THEMES) {
      await setColorTheme(theme);
      // Prose: "… netstat showed it: ESTABLISHED → FIN_WAIT1 → CLOSE, never reaching FIN_WAIT2."
      const prose = 'Timeline of one connection';
      const orphan = await tokenColor('FIN_WAIT1', prose);
      const established = await tokenColor('ESTABLISHED', prose);
      const text = await plainColor(prose, 'netstat showed');
      assert.notEqual(orphan, established, `${theme}: FIN_WAIT1 and ESTABLISHED have the same colour ${orphan}`);
      assert.notEqual(orphan, text, `${theme}: FIN_WAIT1 is not coloured`);
      assert.notEqual(established, text, `${theme}: ESTABLISHED is not coloured`);
      // The same distinction inside pasted ss output (a fenced block).
      const fenced = await tokenColor('FIN-WAIT-1', '187904      10.20.0.3:443');
      const estab = await tokenColor('ESTAB', '203.0.113.7:52114');
      assert.equal(fenced, orphan, `${theme}: FIN-WAIT-1 in the ss output is coloured like FIN_WAIT1 in prose`);
      assert.equal(estab, established, `${theme}: ESTAB in the ss output is coloured like ESTABLISHED`);
      await screenshot(`highlight-editor-${name}`);
    }
    // Chinese notes: a state glued to CJK text is still a token of its own.
    await openFile('orphan-socket-notes.zh.md', 'orphan socket');
    await goToLine(44);
    const glued = await tokenColor('CLOSE_WAIT', '服务端处于');
    assert.notEqual(glued, await plainColor('服务端处于', '服务端处于'), 'CLOSE_WAIT glued to CJK is coloured');
    assert.equal(glued, await tokenColor('ESTABLISHED', '主动关闭方的路径'));
    assert.notEqual(await tokenColor('FIN_WAIT1', '主动关闭方的路径'), glued);
    await screenshot('highlight-editor-zh-dark');
    // In `sh` fences VS Code's own shell grammar runs too; the states win over its argument and comment rules.
    await openFile('highlight-shell.md', 'Highlighting in shell fences');
    assert.equal(await tokenColor('last-ack', 'ss -tano state'), await tokenColor('fin-wait-1', 'ss -Htan state'));
    assert.equal(await tokenColor('closing', 'sudo ss -K'), await tokenColor('LAST_ACK', 'echo'));
    assert.notEqual(await tokenColor('FIN_WAIT2', '# count'), await plainColor('# count', 'too'), 'a state inside a # comment is coloured');
    assert.notEqual(await tokenColor('CLOSE_WAIT', 'echo'), await tokenColor('LAST_ACK', 'echo'));
    await screenshot('highlight-editor-shell-dark');
  });

  test("the built-in Markdown preview marks the states with the extension's styles", async () => {
    await setColorTheme('Light Modern');
    await openFile('incident-fin-wait-1.md', 'FIN-WAIT-1 pile-up');
    await runCommand('Markdown: Open Preview to the Side');
    const preview = webview();
    await preview.locator('.tcp-state').first().waitFor({ timeout: 30_000 });
    const orphan = preview.locator('.tcp-state-orphan[data-tcp-state="FIN-WAIT-1"]').first();
    assert.match((await orphan.getAttribute('title')) ?? '', /^FIN-WAIT-1 — .+ — the typical orphan — Source: .+ \(https:\/\/.+\)$/);
    assert.ok((await preview.locator('.tcp-state').count()) >= 20, 'states in prose, tables and the pasted ss/netstat output');
    assert.ok((await preview.locator('pre .tcp-state').count()) >= 10, 'states inside fenced code');
    const notOrphan = preview.locator('.tcp-state-not-orphan').first();
    for (const [name, theme] of THEMES) {
      await setColorTheme(theme);
      await ui().page.waitForTimeout(800);
      const [a, b] = await Promise.all([orphan.evaluate((e) => getComputedStyle(e).color), notOrphan.evaluate((e) => getComputedStyle(e).color)]);
      assert.notEqual(a, b, `${theme}: orphan and non-orphan states look the same in the preview`);
      const underline = await orphan.evaluate((e) => getComputedStyle(e).textDecorationLine);
      assert.match(underline, /underline/, 'media/preview.css is loaded');
      await screenshot(`highlight-preview-${name}`);
    }
    // The pasted ss and netstat output, further down.
    await preview.locator('pre .tcp-state-orphan').first().scrollIntoViewIfNeeded();
    await ui().page.waitForTimeout(500);
    await screenshot('highlight-preview-code-dark');
  });
});
