import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { markStatesInHtml, stateTooltip, tcpStatePreviewPlugin } from '../../src/core/preview';
import type { Lang } from '../../src/core/catalogue/types';

/** A markdown-it set up like VS Code's preview (html on, linkify on, a highlighter that returns markup). */
function engine(options: { html?: boolean; lang?: Lang; plugin?: boolean; highlight?: boolean } = {}): MarkdownIt {
  const md: MarkdownIt = new MarkdownIt({
    html: options.html ?? true,
    linkify: true,
    ...(options.highlight
      ? { highlight: (code: string, lang: string): string => (lang === 'sh' ? code.split(' ').map((w) => `<span class="hljs-word">${md.utils.escapeHtml(w)}</span>`).join(' ') : '') }
      : {}),
  });
  if (options.plugin !== false) md.use(tcpStatePreviewPlugin, { lang: () => options.lang ?? 'en' });
  return md;
}

const OUR_SPAN = /^<span class="tcp-state tcp-state-(?:orphan|caveat|not-orphan)" data-tcp-state="[A-Z0-9-]+" data-tcp-lang="(?:en|zh-cn)"(?: data-tcp-count="\d+")? title="[^"<>]*">$/;

function tags(html: string): string[] {
  return html.match(/<[^>]*>/g) ?? [];
}

/** [text, state, verdict class] of every span we added. */
function marks(html: string): [string, string, string][] {
  return [...html.matchAll(/<span class="tcp-state (tcp-state-[a-z-]+)" data-tcp-state="([^"]*)"[^>]*? title="[^"]*">([^<]*)<\/span>/g)].map((m) => [m[3] ?? '', m[2] ?? '', m[1] ?? '']);
}

/**
 * The plugin may only add our spans: removing them must give back exactly what markdown-it renders without
 * the plugin, and every added tag must be one of our spans with plain attribute values.
 */
function assertOnlySpansAdded(source: string, options: { html?: boolean; highlight?: boolean } = {}): string {
  const plain = engine({ ...options, plugin: false }).render(source);
  const marked = engine(options).render(source);
  const added = tags(marked).filter((t) => OUR_SPAN.test(t));
  for (const t of tags(marked)) if (t.startsWith('<span class="tcp-state')) assert.match(t, OUR_SPAN);
  const stripped = marked.replace(/<span class="tcp-state [^>]*>([^<]*)<\/span>/g, '$1');
  assert.equal(stripped, plain, 'the plugin changed something besides adding spans');
  assert.equal(tags(marked).length, tags(plain).length + added.length * 2);
  return marked;
}

describe('preview: states are marked with class, data and title', () => {
  it('marks an orphan, a caveat and a non-orphan state in prose', () => {
    const html = engine().render('Stuck in FIN_WAIT1, some FIN-WAIT-2, many ESTABLISHED.');
    assert.deepEqual(marks(html), [
      ['FIN_WAIT1', 'FIN-WAIT-1', 'tcp-state-orphan'],
      ['FIN-WAIT-2', 'FIN-WAIT-2', 'tcp-state-caveat'],
      ['ESTABLISHED', 'ESTABLISHED', 'tcp-state-not-orphan'],
    ]);
    assert.ok(html.includes(`title="${stateTooltip('FIN-WAIT-1', 'en')}"`));
    assert.match(stateTooltip('FIN-WAIT-1', 'en'), /^FIN-WAIT-1 — .+ — the typical orphan — Source: .+ \(https:\/\/[^)]+\)$/);
  });

  it('writes the tooltip in the configured language', () => {
    const html = engine({ lang: 'zh-cn' }).render('LAST_ACK');
    assert.ok(html.includes(`title="${stateTooltip('LAST-ACK', 'zh-cn')}"`));
    assert.match(stateTooltip('LAST-ACK', 'zh-cn'), /孤儿/);
  });

  it('marks headings, list items, table cells, quotes and link text', () => {
    const html = engine().render(
      ['# FIN-WAIT-1 pile-up', '', '- LAST-ACK', '', '| State |', '|---|', '| CLOSING |', '', '> CLOSE_WAIT', '', '[TIME_WAIT notes](https://example.com/x)'].join('\n'),
    );
    assert.deepEqual(
      marks(html).map(([t]) => t),
      ['FIN-WAIT-1', 'LAST-ACK', 'CLOSING', 'CLOSE_WAIT', 'TIME_WAIT'],
    );
    assert.match(html, /<h1><span class="tcp-state tcp-state-orphan"/);
  });

  it('marks states glued to CJK text', () => {
    assert.deepEqual(marks(engine().render('服务端处于CLOSE_WAIT状态，客户端是FIN_WAIT2。')), [
      ['CLOSE_WAIT', 'CLOSE-WAIT', 'tcp-state-not-orphan'],
      ['FIN_WAIT2', 'FIN-WAIT-2', 'tcp-state-caveat'],
    ]);
  });

  it('marks inline code, fenced and indented code, also after a highlighter', () => {
    const source = ['`TCP_FIN_WAIT1`', '', '```', 'FIN-WAIT-1 0      187904      10.20.0.3:443', 'ESTAB      0      0', '```', '', '    LAST_ACK 1', '', '```sh', 'ss -tan state closing', '```'].join('\n');
    const html = assertOnlySpansAdded(source, { highlight: true });
    assert.deepEqual(
      marks(html).map(([t]) => t),
      ['TCP_FIN_WAIT1', 'FIN-WAIT-1', 'ESTAB', 'LAST_ACK', 'closing'],
    );
    assert.match(html, /<code><span class="tcp-state tcp-state-orphan" data-tcp-state="FIN-WAIT-1"[^>]*>TCP_FIN_WAIT1<\/span><\/code>/);
    assert.match(html, /<span class="hljs-word"><span class="tcp-state tcp-state-orphan" data-tcp-state="CLOSING"[^>]*>closing<\/span>\n?<\/span>/);
  });

  it('reads text split by highlighter spans as it is shown: LISTEN<span>ER</span> is no state', () => {
    const esc = (x: string) => x;
    assert.equal(markStatesInHtml('<span>LISTEN</span><span>ER</span>', 'en', esc), '<span>LISTEN</span><span>ER</span>');
    assert.equal(markStatesInHtml('FIN<span>_WAIT1</span>', 'en', esc), 'FIN<span>_WAIT1</span>', 'a state split by a tag is left alone');
    assert.match(markStatesInHtml('<b>ss</b> -tan state <i>closing</i>', 'en', esc), /<i><span class="tcp-state tcp-state-orphan" data-tcp-state="CLOSING"/);
  });

  it('leaves diagram fences alone (their text is read by another renderer)', () => {
    const html = engine().render('```mermaid\nstateDiagram-v2\n  ESTABLISHED --> FIN_WAIT1\n```');
    assert.deepEqual(marks(html), []);
  });

  it('is idempotent when applied twice', () => {
    const md = engine();
    md.use(tcpStatePreviewPlugin);
    assert.equal((md.render('FIN_WAIT1').match(/class="tcp-state /g) ?? []).length, 1);
  });
});

describe('preview: what is not a state stays unmarked', () => {
  it('does not mark prose words, identifiers or look-alikes', () => {
    const html = engine().render('The socket was closed; listen() and Established. LISTENER_BACKLOG tcp_close() LAST_LOCK FIN_WAIT3 x-FIN_WAIT1');
    assert.deepEqual(marks(html), []);
  });

  it('does not mark URLs, link destinations, autolinks or image alt text', () => {
    const source = [
      '[the write-up](https://example.com/FIN_WAIT1 "LAST_ACK")',
      '<https://example.com/tcp/TIME_WAIT>',
      'bare https://example.com/CLOSE_WAIT and www.example.com/CLOSING',
      '![FIN_WAIT2 chart](img/FIN_WAIT2.png)',
      '<mailto:LAST_ACK@example.com>',
    ].join('\n\n');
    const html = assertOnlySpansAdded(source);
    assert.deepEqual(marks(html), []);
    assert.ok(html.includes('href="https://example.com/FIN_WAIT1"'));
    assert.ok(html.includes('alt="FIN_WAIT2 chart"'));
  });
});

describe('preview: note text cannot inject markup through the spans', () => {
  const hostile = [
    'FIN_WAIT1 <script>alert(1)</script> LAST_ACK',
    '" onmouseover="alert(1)" FIN_WAIT1 "><img src=x onerror=alert(1)> CLOSING',
    '<img src=x onerror="alert(1)">ESTABLISHED</img> `<b>TIME_WAIT</b>`',
    '```\n<script>FIN_WAIT1</script> &lt;LAST_ACK&gt; &amp;CLOSING\n```',
    '[x](javascript:alert(1)) FIN-WAIT-1" title="x',
    'TIME_WAIT&quot; onclick=&quot;alert(1)',
  ];

  for (const html of [false, true]) {
    it(`adds only well-formed spans (html ${html ? 'on, as in VS Code' : 'off'})`, () => {
      for (const source of hostile) {
        const out = assertOnlySpansAdded(source, { html });
        assert.ok(marks(out).length > 0, `nothing marked in ${JSON.stringify(source)}`);
      }
    });
  }

  it('escapes the marked text and the tooltip even when given raw text', () => {
    const out = markStatesInHtml('a FIN_WAIT1 b', 'en', (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'));
    assert.equal(tags(out).length, 2);
    assert.match(tags(out)[0] ?? '', OUR_SPAN);
  });
});
