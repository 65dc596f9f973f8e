/**
 * Writes a sample state diagram (standalone style) to /tmp/diagram-sample.svg, for looking at the
 * layout: `npx esbuild scripts/render-diagram-sample.ts --bundle --platform=node --outfile=/tmp/rds.js
 * && node /tmp/rds.js [--no-linux] [--zh] [out.svg]`, then e.g.
 * `chromium --headless --no-sandbox --disable-gpu --screenshot=/tmp/diagram.png --window-size=900,1100 file:///tmp/diagram-sample.svg`.
 */
import { writeFileSync } from 'node:fs';
import { buildDiagramModel } from '../src/core/diagram/model';
import { renderDiagramSvg } from '../src/core/diagram/svg';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--')) ?? '/tmp/diagram-sample.svg';

const model = buildDiagramModel(
  {
    title: 'Orphan sockets on web-07 (2024-05-12)',
    mentions: { 'FIN-WAIT-1': 4, 'LAST-ACK': 2, 'CLOSE-WAIT': 3, 'TIME-WAIT': 1, ESTABLISHED: 1, 'FIN-WAIT-2': 1 },
    counts: { ESTABLISHED: 812, 'FIN-WAIT-1': 23_517, 'LAST-ACK': 1_204, 'CLOSE-WAIT': 97, 'TIME-WAIT': 6_031, 'FIN-WAIT-2': 12, LISTEN: 9 },
    countSource: 'ss -tan output, line 42',
    transitions: [
      { from: 'ESTABLISHED', to: 'FIN-WAIT-1' },
      { from: 'FIN-WAIT-1', to: 'FIN-WAIT-2' },
      { from: 'CLOSE-WAIT', to: 'LAST-ACK' },
      { from: 'FIN-WAIT-1', to: 'CLOSED' },
      { from: 'ESTABLISHED', to: 'TIME-WAIT' },
    ],
    showLinux: !args.includes('--no-linux'),
  },
  args.includes('--zh') ? 'zh-cn' : 'en',
);

writeFileSync(out, renderDiagramSvg(model, { standaloneStyle: true }));
console.log(`wrote ${out}`);
