/**
 * The Mermaid writer: escaping (unit), and acceptance by Mermaid itself. Mermaid's `parse()` needs a DOM
 * (DOMPurify), so the real library runs where GitHub runs it: in a browser, here Debian's headless Chromium
 * driven by playwright-core (the same one the UI specs use), with node_modules/mermaid/dist/mermaid.min.js.
 */
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { analyzeNote } from '../../src/core/note/analyze';
import { diagramSource } from '../../src/core/diagram/fromNote';
import { buildDiagramModel } from '../../src/core/diagram/model';
import { mermaidId, mermaidText, renderMermaid } from '../../src/core/diagram/mermaid';
import { STATE_IDS } from '../../src/core/catalogue/types';
import { readFileSync } from 'node:fs';
import { repoPath } from '../support/repo';

const NOTE = `# Incident

FIN_WAIT1 piled up after the deploy; CLOSE_WAIT too. ESTABLISHED → FIN-WAIT-1, then FIN-WAIT-1 → CLOSED.

\`\`\`
$ ss -tan | awk '{print $1}' | sort | uniq -c
   1200 FIN-WAIT-1
     40 CLOSE-WAIT
    900 ESTAB
\`\`\`
`;

function mermaidOf(text: string, lang: 'en' | 'zh-cn' = 'en', showLinux = false): string {
  const src = diagramSource(analyzeNote(text), lang, undefined, 'note.md');
  return renderMermaid(buildDiagramModel({ ...src.input, showLinux }, lang));
}

describe('Mermaid writer', () => {
  it('escapes everything outside the safe set as entity codes, one line', () => {
    assert.equal(mermaidText('a:b;c'), 'a#58;b#59;c');
    assert.equal(mermaidText('<script>alert(1)</script>'), '#60;script#62;alert(1)#60;/script#62;');
    assert.equal(mermaidText('x\n  y\t%%{init}'), 'x y #37;#37;#123;init#125;');
    assert.equal(mermaidText('"quoted" `tick` [link](u) #1;'), "#34;quoted#34; #96;tick#96; #91;link#93;(u) #35;1#59;");
    assert.equal(mermaidText('孤儿 → TIME-WAIT, 1,234'), '孤儿 → TIME-WAIT, 1,234');
    assert.equal(mermaidId('FIN-WAIT-1'), 'FIN_WAIT_1');
  });

  it('draws the note: its states, counts, orphan classes, transitions marked, and nothing from note text', () => {
    const hostile = `# <img src=x onerror=alert(1)> click FIN_WAIT_1 call evil()\n\n${NOTE}\n%%{init: {"securityLevel":"loose"}}%%\n`;
    const out = mermaidOf(hostile);
    assert.match(out, /^stateDiagram-v2\n/);
    assert.match(out, /state "FIN WAIT-1 \(FIN-WAIT-1\)" as FIN_WAIT_1/);
    assert.match(out, /FIN_WAIT_1 : 1,200 sockets/);
    assert.match(out, /FIN_WAIT_1 : orphan\n/);
    assert.match(out, /CLOSE_WAIT : not orphan/);
    assert.match(out, /ESTABLISHED --> FIN_WAIT_1 : R12 CLOSE \/ snd FIN · in the note/);
    assert.match(out, /class FIN_WAIT_1 orphan/);
    assert.match(out, /class CLOSE_WAIT notOrphan/);
    // FIN-WAIT-1 → CLOSED is not an edge of the figure: drawn as the note's own transition.
    assert.match(out, /FIN_WAIT_1 --> CLOSED : in the note, not in the RFC figure/);
    // Not in the note: not drawn.
    assert.doesNotMatch(out, /LAST_ACK/);
    const text = out.replace(/ --> /g, ' ');
    for (const bad of ['<', '>', 'click', 'href', 'evil', 'init', 'onerror', 'note.md', 'Incident']) assert.ok(!text.includes(bad), `${bad} leaked`);
  });

  it('writes the whole figure for a note without states, and Chinese labels', () => {
    const out = mermaidOf('# nothing here\n', 'en', true);
    for (const id of STATE_IDS.filter((s) => s !== 'BOUND-INACTIVE')) assert.ok(out.includes(`as ${mermaidId(id)}`), id);
    assert.match(out, /LISTEN --> NEW_SYN_RECV : L1/);
    const zh = mermaidOf(NOTE, 'zh-cn');
    assert.match(zh, /FIN_WAIT_1 : 1,200 个套接字/);
    assert.match(zh, /FIN_WAIT_1 : 孤儿/);
    assert.match(zh, /· 笔记中/);
  });

  it('fences on request', () => {
    const m = buildDiagramModel({ mentions: {}, counts: {}, transitions: [], showLinux: false }, 'en');
    const fenced = renderMermaid(m, { fenced: true });
    assert.ok(fenced.startsWith('```mermaid\nstateDiagram-v2\n') && fenced.endsWith('\n```\n'));
  });
});

describe('Mermaid itself accepts and renders the output (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const mermaidJs = join(process.cwd(), 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');

  before(async () => {
    assert.ok(existsSync(mermaidJs), 'node_modules/mermaid (a devDependency) is installed');
    const { chromium } = await import('playwright-core');
    const exe = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', process.env.CHROME_PATH].find((c) => c && existsSync(c));
    assert.ok(exe, 'Chromium is installed (the UI specs need it too)');
    browser = await chromium.launch({ executablePath: exe, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: readFileSync(mermaidJs, 'utf8') });
    // GitHub's settings: strict security, no htmlLabels beyond what strict allows.
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });
  after(async () => {
    await browser?.close();
  });

  async function render(text: string): Promise<{ svg: string; labels: string }> {
    return page.evaluate(async (t) => {
      const m = (globalThis as unknown as { mermaid: { parse(t: string): Promise<unknown>; render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      await m.parse(t);
      const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, t);
      const doc = (globalThis as unknown as { document: { getElementById(id: string): { innerHTML: string; textContent: string | null } } }).document;
      const host = doc.getElementById('out');
      if (!host) throw new Error('no #out');
      host.innerHTML = svg;
      const labels = host.textContent ?? '';
      host.textContent = '';
      return { svg, labels };
    }, text);
  }

  it('rejects broken text (the check can fail)', async () => {
    await assert.rejects(() => render('stateDiagram-v2\n  A --> : }}} [[\n  class'));
  });

  it('parses and renders the note diagram, decoding the escapes as text', async () => {
    const hostileTitle = `# a:b; <b>bold</b>\n\n${NOTE}`;
    const { svg, labels } = await render(mermaidOf(hostileTitle));
    assert.match(labels, /1,200 sockets/);
    assert.match(labels, /FIN WAIT-1 \(FIN-WAIT-1\)/);
    assert.match(labels, /R12 CLOSE \/ snd FIN · in the note/);
    assert.ok(!/<script|onerror|<b>/i.test(svg));
  });

  it('parses and renders every layer and language, and the example notes', async () => {
    const texts = [mermaidOf('', 'en', true), mermaidOf('', 'zh-cn', true), mermaidOf(NOTE, 'zh-cn', true)];
    const examples = repoPath('examples');
    for (const f of ['incident-fin-wait-1.md', 'orphan-socket-notes.zh.md']) {
      if (existsSync(join(examples, f))) texts.push(mermaidOf(readFileSync(join(examples, f), 'utf8'), 'en', true));
    }
    assert.ok(texts.length >= 5);
    for (const t of texts) {
      const { labels } = await render(t);
      assert.ok(labels.length > 20, 'rendered text');
    }
    // An escaped colon reads as a colon once rendered.
    const m = buildDiagramModel({ mentions: { 'FIN-WAIT-1': 1 }, counts: {}, transitions: [], showLinux: false }, 'en');
    const text = renderMermaid(m).replace('FIN_WAIT_1 : mentioned once', `FIN_WAIT_1 : ${mermaidText('x: y; z')}`);
    assert.match((await render(text)).labels, /x: y; z/);
  });
});
