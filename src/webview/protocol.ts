/**
 * Messages between the extension host and the diagram webview, declared once for both sides.
 * The host sends DATA (the diagram model, strings, explanations as plain text); the webview renders it.
 * No HTML built from note text ever crosses this boundary.
 */
import type { StateId } from '../core/catalogue/types';
import type { DiagramModel } from '../core/diagram/model';
import type { OrphanPressure } from '../core/snapshot/pressure';

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

/** Texts of the live view (the toolbar button itself uses WebviewStrings.live). */
export interface LiveStrings {
  readonly freeze: string;
  readonly freezeTitle: string;
  readonly gaugeTitle: string;
  readonly orphan: string;
  readonly mem: string;
  readonly tw: string;
  readonly unknown: string;
  readonly memPressure: string;
  /** "{0} · updated {1} · every {2} s" */
  readonly status: string;
  readonly waiting: string;
  readonly trends: string;
  readonly noSockets: string;
}

/** Present in a render message only when this extension host can read /proc (Linux): no toggle otherwise. */
export interface LiveInfo {
  readonly on: boolean;
  readonly intervalSeconds: number;
  readonly strings: LiveStrings;
}

/** One live sample, as data: the webview draws the gauge and the sparklines with the core's SVG builders. */
export interface LiveSample {
  readonly host: string;
  /** Local time of the sample, HH:MM:SS. */
  readonly time: string;
  readonly counts: Readonly<Partial<Record<StateId, number>>>;
  /** Per state with sockets in the kept window: oldest first. */
  readonly trends: Readonly<Partial<Record<StateId, readonly number[]>>>;
  readonly pressure: OrphanPressure;
  readonly verdict: string;
  /** Files that could not be read ("/proc/net/tcp6 (file not found)"). */
  readonly problems: readonly string[];
  /** The interval in force for the next sample. */
  readonly intervalSeconds: number;
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
      /** The Live toggle; absent when this host cannot read /proc. */
      readonly live?: LiveInfo;
    }
  | { readonly type: 'requestPng' }
  | { readonly type: 'liveSample'; readonly sample: LiveSample };

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly state: StateId }
  | { readonly type: 'toggleLock' }
  | { readonly type: 'setScope'; readonly scope: DiagramScope }
  | { readonly type: 'toggleLinux' }
  | { readonly type: 'exportSvg' }
  | { readonly type: 'copySvg' }
  | { readonly type: 'exportPng'; readonly dataUrl: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'toggleLive' }
  | { readonly type: 'freeze' };

export function isWebviewMessage(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && ['ready', 'reveal', 'toggleLock', 'setScope', 'toggleLinux', 'exportSvg', 'copySvg', 'exportPng', 'error', 'toggleLive', 'freeze'].includes(type);
}
