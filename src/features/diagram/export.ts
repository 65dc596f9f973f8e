/**
 * Export SVG, Export PNG and Copy SVG: all three from the one diagram model the panel shows (section scope,
 * live counts included). The PNG is rasterised by the webview (it has a canvas) from that same model.
 */
import * as vscode from 'vscode';
import type { DiagramModel } from '../../core/diagram/model';
import { renderDiagramSvg } from '../../core/diagram/svg';

/** Standalone SVG: plain colours, no dependency on the theme. */
export function standaloneSvg(diagram: DiagramModel): string {
  return renderDiagramSvg(diagram, { standaloneStyle: true });
}

const PNG_PREFIX = 'data:image/png;base64,';

/** The bytes of a `data:image/png;base64,…` URL, or undefined for anything else. */
export function pngBytes(dataUrl: string): Uint8Array | undefined {
  if (!dataUrl.startsWith(PNG_PREFIX)) return undefined;
  try {
    return Uint8Array.from(atob(dataUrl.slice(PNG_PREFIX.length)), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

const LABEL = { svg: 'SVG', png: 'PNG' } as const;

/** Save dialog; the default file name is fixed (never taken from note text). */
export async function saveDiagram(bytes: Uint8Array, ext: 'svg' | 'png', note: vscode.Uri | undefined): Promise<void> {
  const folder = note ? vscode.workspace.getWorkspaceFolder(note)?.uri : vscode.workspace.workspaceFolders?.[0]?.uri;
  const defaultUri = folder ? vscode.Uri.joinPath(folder, `tcp-state-diagram.${ext}`) : undefined;
  const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters: { [LABEL[ext]]: [ext] } });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram saved to {0}', target.path.split('/').pop() ?? ''), 4000);
}

export async function copySvg(diagram: DiagramModel): Promise<string> {
  const svg = standaloneSvg(diagram);
  await vscode.env.clipboard.writeText(svg);
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram SVG copied'), 3000);
  return svg;
}

export function pngFailed(): void {
  void vscode.window.showErrorMessage(vscode.l10n.t('The diagram could not be exported as PNG.'));
}
