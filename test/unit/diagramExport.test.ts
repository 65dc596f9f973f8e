/**
 * The linked SVG (self-contained, light/dark, title/desc, names never from note text) and the preview's hover
 * card data (ids and numbers on the marks, texts from the catalogue).
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { analyzeNote } from '../../src/core/note/analyze';
import { diagramSource } from '../../src/core/diagram/fromNote';
import { buildDiagramModel } from '../../src/core/diagram/model';
import { LINKED_SVG_CSS, linkedSvgName, relativeLink, renderLinkedSvg } from '../../src/core/diagram/linkedSvg';
import { tcpStatePreviewPlugin } from '../../src/core/preview';
import { previewCard } from '../../src/core/previewCard';

const NOTE = `# <script>alert(1)</script> title

FIN_WAIT1 everywhere; CLOSE_WAIT once.

\`\`\`
State      Recv-Q Send-Q Local Address:Port Peer Address:Port
FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000
FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5001
\`\`\`
`;

describe('linked SVG', () => {
  const model = buildDiagramModel({ ...diagramSource(analyzeNote(NOTE), 'en', undefined, 'incident <b>.md').input, showLinux: false }, 'en');
  const svg = renderLinkedSvg(model);

  it('is self-contained, themed for light and dark, with title and desc', () => {
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'));
    assert.match(svg, /<title id="tsn-linked-title">incident &lt;b&gt;\.md<\/title>/);
    assert.match(svg, /<desc id="tsn-linked-desc">TCP state diagram, RFC 9293 Figure 5\. Highlighted states: [^<]*FIN-WAIT-1/);
    assert.match(svg, /@media \(prefers-color-scheme: dark\)\{/);
    assert.ok(svg.includes(LINKED_SVG_CSS));
    assert.match(svg, /\.diagram-bg\{fill:#0d1117\}/, 'a dark background in the dark block');
    for (const bad of ['<script', 'href', 'url(http', '@import', 'foreignObject', 'var(--']) assert.ok(!svg.includes(bad), bad);
    // The only url() references are local markers.
    for (const m of svg.matchAll(/url\(([^)]*)\)/g)) assert.match(m[1] ?? '', /^#tsn-linked-/);
  });

  it('is named after the note file and linked by a relative destination', () => {
    assert.equal(linkedSvgName('incident.md'), 'incident.states.svg');
    assert.equal(linkedSvgName('Notes.MARKDOWN'), 'Notes.states.svg');
    assert.equal(linkedSvgName('README'), 'README.states.svg');
    assert.equal(linkedSvgName('.md'), 'note.states.svg');
    assert.equal(relativeLink(['w', 'notes'], ['w', 'notes', 'a.states.svg']), 'a.states.svg');
    assert.equal(relativeLink(['w', 'notes'], ['w', 'img', 'a.svg']), '../img/a.svg');
    assert.equal(relativeLink(['w'], ['w', 'my notes', 'a (1).svg']), '<my notes/a (1).svg>');
  });
});

describe('preview hover cards', () => {
  const md = new MarkdownIt({ html: true }).use(tcpStatePreviewPlugin, { lang: () => 'en' });

  it('marks carry the state, the language and the note count (numbers only)', () => {
    const html = md.render(NOTE);
    assert.match(html, /data-tcp-state="FIN-WAIT-1" data-tcp-lang="en" data-tcp-count="2" title=/);
    assert.match(html, /data-tcp-state="CLOSE-WAIT" data-tcp-lang="en" title=/, 'no count where the note has none');
    // VS Code parses (and caches the tokens) with one env and renders with another: the counts travel on the tokens.
    const split = md.renderer.render(md.parse(NOTE, {}), md.options, {});
    assert.match(split, /data-tcp-state="FIN-WAIT-1" data-tcp-lang="en" data-tcp-count="2" title=/);
    const zh = new MarkdownIt().use(tcpStatePreviewPlugin, { lang: () => 'zh-cn' }).render('LAST_ACK');
    assert.match(zh, /data-tcp-lang="zh-cn"/);
  });

  it('card texts come from the catalogue, in the language asked for', () => {
    const en = previewCard('FIN-WAIT-1', 'en', 1200);
    assert.equal(en.title, 'FIN-WAIT-1');
    assert.equal(en.verdictKind, 'yes');
    assert.match(en.verdict, /typical orphan/);
    assert.equal(en.count, "1,200 sockets in this note's pasted output");
    assert.equal(previewCard('TIME-WAIT', 'en', 1).count, "1 socket in this note's pasted output");
    assert.equal(previewCard('TIME-WAIT', 'en', undefined).count, undefined);
    const zh = previewCard('CLOSE-WAIT', 'zh-cn', 3);
    assert.equal(zh.verdictKind, 'no');
    assert.match(zh.verdict, /孤儿/);
    assert.equal(zh.count, '本笔记粘贴的输出中有 3 个套接字');
  });
});
