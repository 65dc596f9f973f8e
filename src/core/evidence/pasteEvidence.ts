/**
 * "Paste as TCP evidence": recognises pasted `ss` / `netstat` / sockstat / `/proc/net/tcp` output with the same
 * detectors the note analysis uses (parse.ts) and formats it as an evidence block — fenced, a `$ command` line
 * when the output tells which command printed it, and the time of pasting as a `# pasted <ISO 8601>` comment
 * (a line inside the block that timeline.ts reads as the sample's time). Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceKind, EvidenceSegment } from './types';
import { classifyLine } from './commandLine';
import { parseEvidence } from './parse';
import { splitLines } from './text';

/** What the paste edit offers for: socket listings and socket summaries. */
export const PASTE_KINDS: ReadonlySet<EvidenceKind> = new Set<EvidenceKind>(['ss', 'ss-summary', 'netstat', 'get-nettcpconnection', 'lsof', 'sockstat', 'proc-net-tcp']);

/** Larger pastes are left to plain paste (the edit must be computed while the user waits). */
export const MAX_PASTE_CHARS = 2 * 1024 * 1024;

export interface PastedEvidence {
  /** The text to insert. */
  readonly text: string;
  /** Recognised outputs, in order. */
  readonly kinds: readonly EvidenceKind[];
  /** The command line written (`cat /proc/net/sockstat`), the one the paste already had, or undefined. */
  readonly command: string | undefined;
}

export interface PastePlace {
  /** The paste starts at the beginning of its line (else a line break is put before the fence). */
  readonly atLineStart: boolean;
  /** Nothing follows the paste on its line (else a line break is put after the closing fence). */
  readonly restOfLineEmpty: boolean;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 with the zone offset: `2026-12-04T16:05:09+08:00` for `epochMs` shown at `offsetMinutes` east of UTC. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const clock = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${clock}${zone}`;
}

/** The command that prints this output, when the output itself says so (listing flags cannot be told apart). */
function inferCommand(segments: readonly EvidenceSegment[], lines: readonly string[]): string | undefined {
  if (segments.length !== 1) return undefined;
  const seg = segments[0] as EvidenceSegment;
  const body = lines.slice(seg.startLine, seg.endLine);
  switch (seg.kind) {
    case 'ss-summary':
      return 'ss -s';
    case 'sockstat': {
      const v4 = body.some((l) => /^\s*(?:TCP|UDP|sockets):/.test(l));
      const v6 = body.some((l) => /^\s*(?:TCP6|UDP6|RAW6|FRAG6):/.test(l));
      return v4 && v6 ? 'cat /proc/net/sockstat /proc/net/sockstat6' : v6 ? 'cat /proc/net/sockstat6' : 'cat /proc/net/sockstat';
    }
    case 'proc-net-tcp': {
      // An IPv6 row's local address has 32 hex digits before the port.
      const row = body.find((l) => /^\s*\d+:\s+[0-9A-Fa-f]+:[0-9A-Fa-f]{4}\s/.test(l));
      if (!row) return undefined;
      const addr = /^\s*\d+:\s+([0-9A-Fa-f]+):/.exec(row)?.[1] ?? '';
      return addr.length === 32 ? 'cat /proc/net/tcp6' : addr.length === 8 ? 'cat /proc/net/tcp' : undefined;
    }
    default:
      return undefined;
  }
}

/** The longest run of backticks that starts a line (a fence must be longer). */
function longestFenceRun(lines: readonly string[]): number {
  let max = 0;
  for (const l of lines) {
    const m = /^\s{0,3}(`+)/.exec(l);
    if (m) max = Math.max(max, (m[1] as string).length);
  }
  return max;
}

/**
 * The evidence block for `pasted`, or undefined when it is not socket output (or is already fenced, or most of
 * it is something else). `time` is written as given (build it with isoWithOffset).
 */
export function formatPastedEvidence(pasted: string, time: string, place: PastePlace = { atLineStart: true, restOfLineEmpty: true }): PastedEvidence | undefined {
  if (typeof pasted !== 'string' || pasted.length === 0 || pasted.length > MAX_PASTE_CHARS) return undefined;
  const lines = splitLines(pasted);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  if (lines.length === 0) return undefined;
  if (/^\s{0,3}(?:```|~~~)/.test(lines[0] as string)) return undefined;
  const segments = parseEvidence(lines.join('\n')).filter((s) => PASTE_KINDS.has(s.kind));
  if (segments.length === 0) return undefined;
  // Most of the paste must be the output (a paragraph quoting one sockstat line is not evidence to fence).
  const commandLines = lines.filter((l) => classifyLine(l)?.type === 'command').length;
  const covered = segments.reduce((a, s) => a + (s.endLine - s.startLine), 0);
  const content = lines.filter((l) => l.trim() !== '').length - commandLines;
  if (covered * 2 < content) return undefined;
  const first = classifyLine(lines[0] as string);
  const own = first?.type === 'command' ? first.text : undefined;
  const inferred = own === undefined && commandLines === 0 ? inferCommand(segments, lines) : undefined;
  const fence = '`'.repeat(Math.max(3, longestFenceRun(lines) + 1));
  const out = [`${fence}text`, `# pasted ${time}`, ...(inferred ? [`$ ${inferred}`] : []), ...lines, fence];
  const text = (place.atLineStart ? '' : '\n') + out.join('\n') + (place.restOfLineEmpty ? '' : '\n');
  return { text, kinds: segments.map((s) => s.kind), command: own ?? inferred };
}
