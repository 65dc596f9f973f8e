/**
 * What the diagram webview may tell the extension host, and what it may ask to restore, checked field by field.
 * The webview is the less trusted side (it renders note-derived data; the CSP keeps scripts out, this is depth):
 * the host acts only on messages with known types, known state ids and values in range, and restores only
 * documents the editor agrees to (see the shell). Pure: no `vscode`, no Node built-ins.
 */
import { STATE_IDS, type StateId } from '../catalogue/types';

export type DiagramScope = 'note' | 'section';

/** The panel's persisted state (webview `setState`), for restore after a reload. */
export interface PanelState {
  /** Document the panel shows (for restore after reload). */
  readonly uri: string;
  readonly locked: boolean;
  readonly scope: DiagramScope;
  readonly showLinux: boolean;
}

export type WebviewToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly state: StateId }
  | { readonly type: 'toggleLock' }
  | { readonly type: 'setScope'; readonly scope: DiagramScope }
  | { readonly type: 'toggleLinux' }
  | { readonly type: 'exportSvg' }
  | { readonly type: 'copySvg' }
  | { readonly type: 'exportPng' }
  /** The answer to `requestPng`; `dataUrl` is empty when rasterising failed. */
  | { readonly type: 'png'; readonly dataUrl: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'toggleLive' }
  | { readonly type: 'freeze' }
  /** The detail pane: select a state (null closes it); the timeline scrubber: choose a sample (−1 = whole note). */
  | { readonly type: 'select'; readonly state: StateId | null }
  /** `seq` numbers the scrubber's moves; the host echoes the last one it handled (TimelineView.answered). */
  | { readonly type: 'selectSample'; readonly index: number; readonly seq: number };

/** Largest PNG data URL the host accepts (a 4096 px diagram is a few MB). */
export const MAX_PNG_DATA_URL = 32 * 1024 * 1024;
/** Longest error text kept from the webview (it goes to the log). */
export const MAX_ERROR_MESSAGE = 500;
/** Largest scrubber index accepted (the core keeps at most this many samples). */
export const MAX_SAMPLE_INDEX = 10_000;
/** Longest URI restored from saved state. */
export const MAX_STATE_URI = 4096;

const KNOWN_STATES: ReadonlySet<string> = new Set(STATE_IDS);
const PNG_PREFIX = 'data:image/png;base64,';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Messages that carry nothing but their type. */
const BARE = new Set(['ready', 'toggleLock', 'toggleLinux', 'exportSvg', 'copySvg', 'exportPng', 'toggleLive', 'freeze'] as const satisfies readonly WebviewToHost['type'][]);

/**
 * The message as the host will use it, or undefined when any field is missing, of the wrong type or out of
 * range: a `reveal` of a state the catalogue does not know, a `setScope` other than note/section, a `png`
 * that is not a PNG data URL (or empty) or is too large. An error text is cut to MAX_ERROR_MESSAGE and
 * stripped of control characters. The result is a fresh object: nothing else of the input is kept.
 */
export function parseWebviewMessage(value: unknown): WebviewToHost | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  const type = value.type;
  if ((BARE as ReadonlySet<string>).has(type)) return { type } as WebviewToHost;
  switch (type) {
    case 'reveal':
      return typeof value.state === 'string' && KNOWN_STATES.has(value.state) ? { type, state: value.state as StateId } : undefined;
    case 'setScope':
      return value.scope === 'note' || value.scope === 'section' ? { type, scope: value.scope } : undefined;
    case 'select':
      return value.state === null || (typeof value.state === 'string' && KNOWN_STATES.has(value.state)) ? { type, state: value.state as StateId | null } : undefined;
    case 'selectSample':
      // Checked against the note's samples by the host; here: an integer from −1 up, and a move number.
      return typeof value.index === 'number' && Number.isInteger(value.index) && value.index >= -1 && value.index <= MAX_SAMPLE_INDEX && Number.isSafeInteger(value.seq) && (value.seq as number) >= 0
        ? { type, index: value.index, seq: value.seq as number }
        : undefined;
    case 'png': {
      const url = value.dataUrl;
      if (typeof url !== 'string' || url.length > MAX_PNG_DATA_URL) return undefined;
      return url === '' || (url.startsWith(PNG_PREFIX) && /^[A-Za-z0-9+/]*={0,2}$/.test(url.slice(PNG_PREFIX.length))) ? { type, dataUrl: url } : undefined;
    }
    case 'error':
      if (typeof value.message !== 'string') return undefined;
      // eslint-disable-next-line no-control-regex
      return { type, message: value.message.slice(0, MAX_ERROR_MESSAGE).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ') };
    default:
      return undefined;
  }
}

/**
 * The panel state to restore from what the webview saved: each field checked, defaults for the rest. The URI
 * is kept only when `allowed(uri)` says the editor may open it (an open note or a note in the workspace);
 * otherwise it is '' and the panel follows the active editor.
 */
export function parsePanelState(saved: unknown, allowed: (uri: string) => boolean): PanelState {
  const s = isRecord(saved) ? saved : {};
  const uri = typeof s.uri === 'string' && s.uri.length > 0 && s.uri.length <= MAX_STATE_URI && allowed(s.uri) ? s.uri : '';
  return { uri, locked: s.locked === true, scope: s.scope === 'section' ? 'section' : 'note', showLinux: s.showLinux === true };
}

/** Whether a workspace document is a note the panel may restore: a Markdown file name (`.md`, `.markdown`). */
export function isNotePath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path);
}
