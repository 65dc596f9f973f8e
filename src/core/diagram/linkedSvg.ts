/**
 * The SVG file saved beside a note and linked from it (`![TCP states](note.states.svg)`): the same SVG the
 * export writes (renderDiagramSvg over the panel's model), with a style sheet that follows the reader's
 * light or dark scheme (`prefers-color-scheme`), so the picture reads well on GitHub, GitLab or a wiki in
 * either mode. Self-contained: no external reference, no script, `<title>` and `<desc>` from the model.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { DiagramModel } from './model';
import { STANDALONE_CSS, renderDiagramSvg } from './svg';

/** The dark palette: GitHub's dark colours, same class names as STANDALONE_CSS. */
const DARK_CSS = `
.tcp-diagram{color:#e6edf3}
.diagram-bg{fill:#0d1117}
.diagram-title,.state-label,.state-count,.swatch-text,.legend-text,.edge-pill-text,.edge-key text{fill:#e6edf3}
.diagram-caption,.diagram-source,.state-caption{fill:#9198a1}
.edge-line{stroke:#9198a1}
.edge-linux .edge-line{stroke:#ab7df8}
.edge.highlighted .edge-line{stroke:#4493f8}
.arrowhead{fill:#9198a1}
.arrowhead-hl{fill:#4493f8}
.arrowhead-linux{fill:#ab7df8}
.edge-label text{fill:#e6edf3;stroke:#0d1117}
.edge-label.edge-linux text,.edge-key.edge-linux text,.annotation-text{fill:#bc8cff}
.edge-label.highlighted text,.edge-key.highlighted text,.annotation.highlighted .annotation-text,.edge-pill.highlighted .edge-pill-text{fill:#79c0ff}
.edge-label-rule{stroke:#656c76}
.edge-label.highlighted .edge-label-rule{stroke:#4493f8}
.annotation-leader{stroke:#ab7df8}
.exit-cross{stroke:#f85149}
.state-box,.heat-0 .state-box{fill:#0d1117;stroke:#9198a1}
.state.mentioned .state-box,.legend-state.mentioned .state-box{stroke:#e6edf3}
.state.dimmed .state-box,.legend-state.dimmed .state-box{stroke:#3d444d}
.state.dimmed .state-label{fill:#9198a1}
.heat-1 .state-box{fill:#2d1f0e}
.heat-2 .state-box{fill:#4a2c0d}
.heat-3 .state-box{fill:#6a3b0c}
.heat-4 .state-box{fill:#8a3f12}
.heat-5 .state-box{fill:#a8431a}
.badge-yes .badge-box{fill:#da3633;stroke:#da3633}
.badge-caveat .badge-box{fill:#3b2300;stroke:#d29922}
.badge-caveat .badge-text{fill:#e3b341}
.badge-no .badge-box{fill:#0d1117;stroke:#3fb950}
.badge-no .badge-text{fill:#3fb950}
.chip-dot{fill:#1f6feb;stroke:#0d1117}
.legend-unmatched{fill:#e3b341}
.edge-pill-box{fill:#0d1117;stroke:#9198a1}
.edge-pill.edge-linux .edge-pill-box{stroke:#ab7df8}
.edge-pill.highlighted .edge-pill-box{stroke:#4493f8}
`;

/** Light by default (STANDALONE_CSS), dark when the reader's scheme is dark. */
export const LINKED_SVG_CSS = `${STANDALONE_CSS}@media (prefers-color-scheme: dark){${DARK_CSS}}\n`;

export function renderLinkedSvg(model: DiagramModel): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderDiagramSvg(model, { styleSheet: LINKED_SVG_CSS, idPrefix: 'tsn-linked-' })}\n`;
}

/** `notes/incident.md` → `incident.states.svg`; a note without an extension keeps its whole name. */
export function linkedSvgName(noteFileName: string): string {
  const base = noteFileName.replace(/\.(md|markdown|mdown|mkd|mkdn|mdwn|mdx)$/i, '');
  return `${base || 'note'}.states.svg`;
}

/**
 * The Markdown destination for a file `target` relative to the note's folder, both given as path segments
 * (no `..` inside either); `<…>` when the path has spaces or parentheses, so the link stays one destination.
 */
export function relativeLink(noteDir: readonly string[], target: readonly string[]): string {
  let common = 0;
  while (common < noteDir.length && common < target.length - 1 && noteDir[common] === target[common]) common++;
  const parts = [...noteDir.slice(common).map(() => '..'), ...target.slice(common)];
  const path = parts.join('/');
  return /[\s()<>]/.test(path) ? `<${path.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : path;
}
