/**
 * Messages between the extension host and the diagram webview, declared once for both sides.
 * The host sends DATA (the diagram model, strings, explanations as plain text); the webview renders it.
 * No HTML built from note text ever crosses this boundary.
 */
import type { StateId } from '../core/catalogue/types';
import type { DiagramModel } from '../core/diagram/model';
import type { LiveSample } from '../core/snapshot/live';
import type { DiagramScope, PanelState, WebviewToHost } from '../core/diagram/messages';
import type { DetailMessage, TimelineView } from './detailProtocol';

// The webview's messages and saved state are declared (and validated, for the host) in core/diagram/messages.ts.
export type { DiagramScope, PanelState, WebviewToHost };

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

/** One live sample, as data (built by the core: src/core/snapshot/live.ts). */
export type { LiveSample } from '../core/snapshot/live';

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
      /** The timeline scrubber; absent unless the note has two or more timed samples. */
      readonly timeline?: TimelineView;
    }
  | DetailMessage
  /** Rasterise this model (the one the panel shows) and answer with `png`. */
  | { readonly type: 'requestPng'; readonly model: DiagramModel }
  | { readonly type: 'liveSample'; readonly sample: LiveSample };

