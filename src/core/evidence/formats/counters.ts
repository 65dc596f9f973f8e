/**
 * Evidence format: counters: nstat rows, /proc/net/{netstat,snmp} pairs, `netstat -s` (facts §4.4).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceSegment } from '../types';
import type { CommandContext } from '../command';
import { hasNstatPrefix, parseNstatRow } from '../lineFormats';
import { NETSTAT_SECTIONS, NETSTAT_STATS_FIRST_WORDS, NETSTAT_STATS_NUMBER_FIRST, matchNetstatStatsLine } from '../netstatStats';
import { isAlnumIdentifier, isDigits, isIntShape, parseInt53, parseUint } from '../text';
import { Builder, type Line, makeSegment } from './builder';

function isNstatHeader(text: string): boolean {
  // A line starting with a printable ASCII character other than `#` (most lines) is answered without trimming.
  const c0 = text.charCodeAt(0);
  if (c0 > 32 && c0 < 127 && c0 !== 35) return false;
  const s = text.trimStart();
  return s.startsWith('#kernel') || (s.length > 1 && s[0] === '#' && isDigits(s[1]));
}

export class Nstat extends Builder {
  private readonly counters: Record<string, number> = {};
  private rows = 0;

  constructor(
    private readonly anyName: boolean,
    /** The command is `nstat` (EvidenceSegment.nstat): with `increments`, without `-a`. */
    private readonly run: 'increments' | 'totals' | undefined = undefined,
  ) {
    super();
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    if (isNstatHeader(line.text)) return true;
    const count = line.headCount(); // a row has 2 or 3 tokens (tested before tokenising)
    if (count < 2 || count > 3) return false;
    const row = parseNstatRow(line.tokens);
    return row !== undefined && (hasNstatPrefix(row.name) || ctx?.nstat === true);
  }

  take(line: Line): boolean {
    if (isNstatHeader(line.text)) {
      if (this.rows > 0) return false;
      return this.mark(line);
    }
    const row = parseNstatRow(line.tokens);
    if (!row || !(this.anyName || hasNstatPrefix(row.name))) return false;
    this.rows++;
    if (row.value !== undefined) this.counters[row.name] = row.value;
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, this.run ? { counters: this.counters, nstat: this.run } : { counters: this.counters });
  }
}

/** `TcpExt:` / `Tcp:` … with at least one more token: the section label of a /proc/net/netstat line. */
function procNetstatPrefix(t: readonly string[]): string | undefined {
  const t0 = t[0];
  if (t0 === undefined || t.length < 2 || !t0.endsWith(':')) return undefined;
  const prefix = t0.slice(0, -1);
  return NETSTAT_SECTIONS.has(prefix) ? prefix : undefined;
}

export class ProcNetstat extends Builder {
  private pending: { prefix: string; names: readonly string[] } | undefined;
  private readonly counters: Record<string, number> = {};

  static canStart(line: Line): boolean {
    if (line.headLastCode(0) !== 58 /* : */) return false; // `TcpExt:` …, tested before tokenising
    const prefix = procNetstatPrefix(line.tokens);
    return prefix !== undefined && isAlnumIdentifier(line.tokens[1]);
  }

  take(line: Line): boolean {
    const t = line.tokens;
    const prefix = procNetstatPrefix(t);
    if (prefix === undefined) return false;
    if (isIntShape(t[1])) {
      const p = this.pending;
      if (!p || p.prefix !== prefix) return false;
      const n = Math.min(p.names.length, t.length - 1);
      for (let i = 0; i < n; i++) {
        const name = p.names[i] as string;
        const v = parseInt53(t[i + 1]);
        if (v !== undefined && isAlnumIdentifier(name)) this.counters[prefix + name] = v;
      }
      this.pending = undefined;
      return this.mark(line);
    }
    if (!isAlnumIdentifier(t[1])) return false;
    this.pending = { prefix, names: t.slice(1) };
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, { counters: this.counters });
  }
}

/** A `netstat -s` section title alone on its line: `Tcp:`, `TcpExt:`. */
function netstatSectionTitle(line: Line): string | undefined {
  if (line.headCount() !== 1 || line.indent !== 0) return undefined;
  const t = line.tokens;
  const t0 = t[0] as string;
  if (!t0.endsWith(':')) return undefined;
  const name = t0.slice(0, -1);
  return isAlnumIdentifier(name) ? name : undefined;
}

export class NetstatStats extends Builder {
  private section: string | undefined;
  private readonly counters: Record<string, number> = {};

  constructor(private readonly ctxStats: boolean) {
    super();
  }

  static canStart(line: Line, ctx: CommandContext | undefined): boolean {
    const title = netstatSectionTitle(line);
    if (title !== undefined) return NETSTAT_SECTIONS.has(title) || ctx?.netstatStats === true;
    // The template's first word (`#` for a number) is tested in place before the line is tokenised.
    const mayMatch = line.headIsDigits(0) ? NETSTAT_STATS_NUMBER_FIRST : line.headIsOneOf(0, NETSTAT_STATS_FIRST_WORDS);
    if (mayMatch && matchNetstatStatsLine(line.tokens, undefined)) return true;
    return ctx?.netstatStats === true && NetstatStats.generic(line.tokens) !== undefined;
  }

  /** `TCPTimeWaitOverflow: 5` — how net-tools prints counters it has no wording for. */
  private static generic(t: readonly string[]): { name: string; value: number | undefined } | undefined {
    if (t.length !== 2) return undefined;
    const t0 = t[0] as string;
    if (!t0.endsWith(':') || !isDigits(t[1])) return undefined;
    const name = t0.slice(0, -1);
    return isAlnumIdentifier(name) ? { name, value: parseUint(t[1]) } : undefined;
  }

  take(line: Line): boolean {
    const title = netstatSectionTitle(line);
    if (title !== undefined) {
      if (!NETSTAT_SECTIONS.has(title) && !this.ctxStats) return false;
      this.section = title;
      return this.mark(line);
    }
    const m = matchNetstatStatsLine(line.tokens, this.section);
    if (m) {
      if (m.value !== undefined) this.counters[m.name] = m.value;
      return this.mark(line);
    }
    const g = NetstatStats.generic(line.tokens);
    if (g) {
      const prefix = this.section ?? (this.ctxStats && g.name.startsWith('TCP') ? 'TcpExt' : undefined);
      if (prefix !== undefined && g.value !== undefined) this.counters[prefix + g.name] = g.value;
      if (prefix !== undefined || this.start >= 0) return this.mark(line);
      return false;
    }
    // Other wordings inside a section ("Forwarding is enabled", "ICMP input histogram:") belong to it.
    if (this.section !== undefined && line.indent > 0) return this.mark(line);
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.counters).length === 0) return undefined;
    return makeSegment('nstat', this.start, this.end, { counters: this.counters });
  }
}
