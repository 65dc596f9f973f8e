/**
 * The language server's settings: from `initializationOptions` at start and from
 * `workspace/didChangeConfiguration` later, either flat (`{ "language": "zh-cn" }`) or under `tcpStateNotes`
 * (`{ "tcpStateNotes": { "language": "zh-cn" } }`, the VS Code setting names). Anything malformed keeps the
 * default: a client's typo never stops the server.
 */
import type { Lang } from '../core/catalogue/types';

export interface LspSettings {
  /** `auto` follows the client's `locale` (InitializeParams), else English. */
  readonly language: 'auto' | Lang;
  /** The Linux release the notes are about (`5.15`, `6.8.0-45-generic`); empty: none. */
  readonly kernelVersion: string;
  readonly hover: boolean;
  readonly diagnostics: boolean;
  /** Notes larger than this are not analysed (hovers read only the hovered line). */
  readonly maxNoteSizeMB: number;
}

export const DEFAULT_SETTINGS: LspSettings = { language: 'auto', kernelVersion: '', hover: true, diagnostics: true, maxNoteSizeMB: 20 };

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `hover: false`, `hover: { enabled: false }` or `"hover.enabled": false`. */
function enabled(source: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const direct = source[name];
  if (typeof direct === 'boolean') return direct;
  const nested = record(direct)?.enabled;
  if (typeof nested === 'boolean') return nested;
  const dotted = source[`${name}.enabled`];
  return typeof dotted === 'boolean' ? dotted : fallback;
}

/** Settings read from a client's options over `base`: only the keys present and well-formed change. */
export function readSettings(options: unknown, base: LspSettings = DEFAULT_SETTINGS): LspSettings {
  const outer = record(options);
  const source = record(outer?.tcpStateNotes) ?? outer;
  if (!source) return base;
  const lang = typeof source.language === 'string' ? source.language.toLowerCase() : undefined;
  const kernel = source.kernelVersion;
  const size = source.maxNoteSizeMB;
  return {
    language: lang === 'en' || lang === 'zh-cn' || lang === 'auto' ? lang : base.language,
    kernelVersion: typeof kernel === 'string' && /^(\d+\.\d+.*)?$/.test(kernel.trim()) ? kernel.trim() : base.kernelVersion,
    hover: enabled(source, 'hover', base.hover),
    diagnostics: enabled(source, 'diagnostics', base.diagnostics),
    maxNoteSizeMB: typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : base.maxNoteSizeMB,
  };
}

/** The language of the texts: the setting, else the client's locale (`zh`, `zh-CN`, `zh-Hans` → Chinese). */
export function langOf(settings: LspSettings, locale: string | undefined): Lang {
  if (settings.language !== 'auto') return settings.language;
  return locale?.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
