// Writes the walkthrough's step images (media/walkthrough/<step>.svg): small drawings of what each step shows,
// coloured with the workbench's theme colours (CSS variables such as --vscode-editor-background, which VS Code
// sets in the walkthrough's SVG view), so one image fits light, dark and high-contrast themes; the fallbacks are a
// light palette, for viewers outside VS Code. Run after changing the drawings: node scripts/gen-walkthrough-media.mjs
import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';

/** Each colour of the drawings: the theme colour it follows, and the fallback. */
const COLOURS = {
  bg: ['editor-background', '#ffffff'],
  panel: ['sideBar-background', '#f6f8fa'],
  border: ['panel-border', '#d0d7de'],
  fg: ['editor-foreground', '#1f2328'],
  muted: ['descriptionForeground', '#8c959f'],
  bar: ['disabledForeground', '#d8dee4'],
  accent: ['textLink-foreground', '#0969da'],
  purple: ['charts-purple', '#8250df'],
  red: ['charts-red', '#cf222e'],
  heat: ['charts-orange', '#ffc98f'],
  hover: ['editorHoverWidget-background', '#ffffff'],
  onRed: ['button-foreground', '#ffffff'],
};
/**
 * The drawings name colours by key (`c.fg` is 'fg'), written as presentation attributes with the theme colour's
 * variable and its fallback (`fill="var(--vscode-editor-foreground,#1f2328)"`): the walkthrough's SVG view allows
 * no style sheet of ours (its CSP admits only its own), and attributes need none.
 */
const c = Object.fromEntries(Object.keys(COLOURS).map((k) => [k, k]));
const col = (k) => `var(--vscode-${COLOURS[k][0]},${COLOURS[k][1]})`;
const MONO = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace";
const SANS = "system-ui, 'Segoe UI', 'DejaVu Sans', sans-serif";

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x, y, s, { size = 14, fill, font = SANS, weight = 400, anchor = 'start' } = {}) =>
  `<text x="${x}" y="${y}" font-family="${font}" font-size="${size}"${weight !== 400 ? ` font-weight="${weight}"` : ''} fill="${col(fill)}"${anchor !== 'start' ? ` text-anchor="${anchor}"` : ''} xml:space="preserve">${esc(s)}</text>`;
// The placeholder lines and the heat fill are faint versions of their colours.
const FAINT = { bar: ' fill-opacity=".45"', heat: ' fill-opacity=".45"' };
const rect = (x, y, w, h, { fill, stroke, rx = 4, width = 1, dash } = {}) =>
  `<rect x="${x}" y="${y}" width="${w}" height="${h}"${rx ? ` rx="${rx}"` : ''} fill="${fill ? col(fill) : 'none'}"${fill ? (FAINT[fill] ?? '') : ''}${stroke ? ` stroke="${col(stroke)}"` : ''}${stroke && width !== 1 ? ` stroke-width="${width}"` : ''}${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
const line = (x1, y1, x2, y2, colour, extra = '') => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${col(colour)}"${extra}/>`;
const bar = (x, y, w) => rect(x, y, w, 8, { fill: c.bar, rx: 4 });
const arrow = (x1, y1, x2, y2, colour = c.muted, w = 1.6) => line(x1, y1, x2, y2, colour, ` stroke-width="${w}" marker-end="url(#a-${colour})"`);
const markers = () =>
  `<defs>${[c.muted, c.accent].map((k) => `<marker id="a-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 Z" fill="${col(k)}"/></marker>`).join('')}</defs>`;

function frame(body, title) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 480 300" width="480" height="300" role="img" aria-label="${esc(title)}"><title>${esc(title)}</title>${markers()}${rect(0, 0, 480, 300, { fill: c.bg, rx: 0 })}${rect(8, 8, 464, 284, { fill: c.panel, stroke: c.border, rx: 6 })}${body}</svg>\n`;
}

const note = (x = 28, y = 36) => [bar(x, y, 180), bar(x, y + 22, 240), bar(x, y + 44, 120)].join('');

const STEPS = {
  hover: () =>
    frame(
      note() +
        text(28, 126, 'Many sockets stuck in', { size: 15, fill: c.fg }) +
        text(202, 126, 'FIN_WAIT1', { size: 15, fill: c.purple, font: MONO, weight: 600 }) +
        line(202, 130, 284, 130, c.purple, ' stroke-width="1.5" stroke-dasharray="2 2"') +
        rect(150, 142, 300, 128, { fill: c.hover, stroke: c.border, rx: 6 }) +
        text(166, 168, 'FIN-WAIT-1', { size: 15, fill: c.fg, font: MONO, weight: 700 }) +
        rect(268, 154, 58, 20, { fill: c.red, rx: 10 }) +
        text(297, 168, 'orphan', { size: 12, fill: c.onRed, weight: 700, anchor: 'middle' }) +
        text(166, 194, 'The active closer sent FIN and', { size: 13, fill: c.fg }) +
        text(166, 212, 'waits for its ACK.', { size: 13, fill: c.fg }) +
        text(166, 236, 'Orphan verdict: the typical orphan', { size: 13, fill: c.fg, weight: 600 }) +
        text(166, 256, 'Source: RFC 9293 · tcp_close()', { size: 12, fill: c.muted }),
      'A hover on FIN_WAIT1 explains the state and its orphan verdict',
    ),
  diagram: () => {
    const box = (x, y, label, opts = {}) =>
      rect(x - 60, y - 17, 120, 34, { fill: opts.fill ?? c.bg, stroke: opts.stroke ?? c.muted, width: opts.width ?? 1.4, rx: 6, dash: opts.dash }) +
      text(x, y + 5, label, { size: 13, fill: opts.dim ? c.muted : c.fg, weight: 600, anchor: 'middle' });
    return frame(
      note(28, 40) + bar(28, 106, 150) + bar(28, 128, 190) + bar(28, 150, 110) + line(250, 20, 250, 280, c.border) +
        box(364, 46, 'CLOSED', { dim: true, dash: '4 3' }) +
        box(364, 112, 'ESTAB', { stroke: c.fg, width: 2.5 }) +
        box(364, 184, 'FIN WAIT-1', { fill: c.heat, stroke: c.fg, width: 2.5 }) +
        box(364, 256, 'TIME-WAIT', { dim: true, dash: '4 3' }) +
        arrow(364, 63, 364, 93) +
        arrow(364, 129, 364, 165, c.accent, 3) +
        arrow(364, 201, 364, 237) +
        rect(392, 158, 58, 18, { fill: c.red, rx: 9 }) +
        text(421, 171, 'orphan', { size: 11, fill: c.onRed, weight: 700, anchor: 'middle' }) +
        text(270, 152, 'CLOSE', { size: 11, fill: c.accent, font: MONO, weight: 700 }),
      'The state diagram beside the note, FIN-WAIT-1 highlighted and marked as an orphan',
    );
  },
  evidence: () =>
    frame(
      text(28, 44, '1,200 FIN-WAIT-1 · 900 ESTAB · Show in diagram', { size: 12, fill: c.muted }) +
        rect(24, 54, 432, 214, { fill: c.bg, stroke: c.border, rx: 6 }) +
        [
          ['$ ss -tan state fin-wait-1 | wc -l', c.accent],
          ['1200', c.fg],
          ['$ ss -tan | head -4', c.accent],
          ['State      Recv-Q Send-Q Local:Port', c.muted],
          ['FIN-WAIT-1 0      1000   10.0.0.1:443', c.purple],
          ['ESTAB      0      0      10.0.0.1:443', c.fg],
          ['$ cat /proc/net/sockstat', c.accent],
          ['TCP: inuse 950 orphan 1180 tw 40', c.fg],
        ]
          .map(([s, col], i) => text(40, 82 + i * 24, s, { size: 13, fill: col, font: MONO }))
          .join(''),
      'Pasted ss and sockstat output with a code lens counting the sockets per state',
    ),
  template: () =>
    frame(
      [
        ['## Symptom: FIN-WAIT-1 piles up', c.fg, 700, SANS, 15],
        ['- [ ] Count: ss -tan state fin-wait-1 | wc -l', c.fg, 400, MONO, 12],
        ['- [ ] Orphans: grep TCP /proc/net/sockstat', c.fg, 400, MONO, 12],
        ['- [ ] Limits: sysctl net.ipv4.tcp_max_orphans', c.fg, 400, MONO, 12],
        ['- [ ] Retries: net.ipv4.tcp_orphan_retries', c.fg, 400, MONO, 12],
        ['## Conclusion', c.fg, 700, SANS, 15],
        ['- Cause: …', c.muted, 400, MONO, 12],
      ]
        .map(([s, col, weight, font, size], i) => text(32, 52 + i * 32, s, { size, fill: col, weight, font }))
        .join('') + rect(22, 24, 436, 248, { stroke: c.accent, width: 1.5, rx: 6, dash: '6 4' }),
      'A diagnosis template with a checklist inserted into the note',
    ),
};

mkdirSync('media/walkthrough', { recursive: true });
// The light / dark pairs this script wrote before the images followed the theme.
for (const f of readdirSync('media/walkthrough')) if (/-(?:light|dark)\.svg$/.test(f)) rmSync(`media/walkthrough/${f}`);
for (const [step, draw] of Object.entries(STEPS)) writeFileSync(`media/walkthrough/${step}.svg`, draw());
