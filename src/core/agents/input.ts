/**
 * Input checks shared by the language-model tools and the MCP server: each failure is a ToolError whose
 * message tells a model what to send instead. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import { t } from '../strings';
import { AGENT_TEXT } from './texts';

/** An input a model can correct: the message is written for the model (and shown to the user). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

export type ToolInput = Readonly<Record<string, unknown>>;

/** A short, safe rendering of what was received, for error messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** The input as an object with only the allowed keys (undefined input counts as `{}`). */
export function objectInput(input: unknown, allowed: readonly string[], lang: Lang): ToolInput {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw new ToolError(t(AGENT_TEXT.notObject, lang, { got: describeValue(input) }));
  const o = input as ToolInput;
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key) && o[key] !== undefined) throw new ToolError(t(AGENT_TEXT.unknownProperty, lang, { name: key, allowed: allowed.map((a) => `\`${a}\``).join(', ') }));
  }
  return o;
}

export function optionalString(o: ToolInput, name: string, lang: Lang): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ToolError(t(AGENT_TEXT.notString, lang, { name, got: describeValue(v) }));
  return v;
}

/** `lang`: "en" or "zh-cn" (any case, "zh" too); `fallback` when absent. */
export function langInput(o: ToolInput, fallback: Lang): Lang {
  const v = o.lang;
  if (v === undefined || v === null || v === '') return fallback;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase().replace('_', '-');
    if (s === 'en' || s.startsWith('en-')) return 'en';
    if (s === 'zh-cn' || s === 'zh' || s === 'zh-hans') return 'zh-cn';
  }
  throw new ToolError(t(AGENT_TEXT.badLang, fallback, { got: describeValue(v) }));
}

/**
 * The language for messages about the input itself (an unknown property, a wrong type), read before the input is
 * checked: its `lang` when langInput accepts it, else English. Never throws (langInput reports a bad `lang`).
 */
export function messageLang(input: unknown): Lang {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'en';
  try {
    return langInput(input as ToolInput, 'en');
  } catch {
    return 'en';
  }
}

/** A 1-based line number, or undefined when absent. */
export function optionalLine(o: ToolInput, name: string, lang: Lang): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ToolError(t(AGENT_TEXT.notLine, lang, { name, got: describeValue(v) }));
  return v;
}

export interface LineRange {
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
}

/** `startLine` / `endLine` (either may be given alone: the range then runs to the end, or from line 1). */
export function rangeInput(o: ToolInput, lang: Lang): { startLine?: number; endLine?: number } | undefined {
  const startLine = optionalLine(o, 'startLine', lang);
  const endLine = optionalLine(o, 'endLine', lang);
  if (startLine === undefined && endLine === undefined) return undefined;
  if (startLine !== undefined && endLine !== undefined && endLine < startLine) throw new ToolError(t(AGENT_TEXT.rangeOrder, lang, { start: startLine, end: endLine }));
  return { ...(startLine !== undefined ? { startLine } : {}), ...(endLine !== undefined ? { endLine } : {}) };
}
