/**
 * Messages between the extension host and the diagram webview, declared once for both sides.
 * The host sends DATA (the diagram model, strings, explanations as plain text); the webview renders it.
 * No HTML built from note text ever crosses this boundary.
 */
import type { StateId } from '../core/catalogue/types';
import type { DiagramModel } from '../core/diagram/model';

export type DiagramScope = 'note' | 'section';

export interface WebviewStrings {
  readonly lock: string;
  readonly unlock: string;
  readonly scopeNote: string;
  readonly scopeSection: string;
  readonly linux: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly fit: string;
  readonly exportSvg: string;
  readonly exportPng: string;
  readonly copySvg: string;
  readonly highlighted: string;
  readonly noMentions: string;
  readonly updated: string;
  readonly live: string;
}

export interface PanelState {
  /** Document the panel shows (for restore after reload). */
  readonly uri: string;
  readonly locked: boolean;
  readonly scope: DiagramScope;
  readonly showLinux: boolean;
}

export type HostToWebview =
  | {
      readonly type: 'render';
      /** Document version the model was computed from; the webview drops older ones. */
      readonly version: number;
      readonly documentName: string;
      readonly sectionTitle: string | undefined;
      readonly model: DiagramModel;
      readonly strings: WebviewStrings;
      readonly state: PanelState;
      /** Plain-text explanation per state (the editor hover's content without markup). */
      readonly explanations: Readonly<Partial<Record<StateId, string>>>;
    }
  | { readonly type: 'requestPng' };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly state: StateId }
  | { readonly type: 'toggleLock' }
  | { readonly type: 'setScope'; readonly scope: DiagramScope }
  | { readonly type: 'toggleLinux' }
  | { readonly type: 'exportSvg' }
  | { readonly type: 'copySvg' }
  | { readonly type: 'exportPng'; readonly dataUrl: string }
  | { readonly type: 'error'; readonly message: string };

export function isWebviewMessage(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && ['ready', 'reveal', 'toggleLock', 'setScope', 'toggleLinux', 'exportSvg', 'copySvg', 'exportPng', 'error'].includes(type);
}
