/**
 * Evidence format: /proc/net/sockstat{,6} (facts §4.1) and `ss -s` (facts §4.2).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceSegment } from '../types';
import { type MutableSockstat, SOCKSTAT_LABEL_LIST, applySockstatLine, freezeSockstat, hasSockstat, parseSockstatLine } from '../lineFormats';
import { isDigits, parseUint, tokenize } from '../text';
import { Builder, type Line, makeSegment } from './builder';

/**
 * One /proc/net/sockstat{,6} reading. A label seen again (`TCP:` twice) is the next reading — a loop of `date` and
 * `cat /proc/net/sockstat`, or `watch` output pasted twice —, so it starts a new segment: each reading keeps its
 * own lines and the timeline can date it (report/timeline.ts). The block's merge still lets the later one win.
 */
export class Sockstat extends Builder {
  private readonly sockstat: MutableSockstat = {};
  private readonly labels = new Set<string>();

  static canStart(line: Line): boolean {
    return line.headIsOneOf(0, SOCKSTAT_LABEL_LIST) && parseSockstatLine(line.tokens) !== undefined;
  }

  take(line: Line): boolean {
    const l = parseSockstatLine(line.tokens);
    if (!l) return false;
    // `UDP:`, `RAW:`, `FRAG:` … are all 'other': only the labels the reading keeps tell a second reading.
    if (l.label !== 'other') {
      if (this.labels.has(l.label)) return false;
      this.labels.add(l.label);
    }
    applySockstatLine(this.sockstat, l);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (!hasSockstat(this.sockstat)) return undefined;
    return makeSegment('sockstat', this.start, this.end, { sockstat: freezeSockstat(this.sockstat) });
  }
}

const SS_SUMMARY_ROWS: ReadonlySet<string> = new Set(['*', 'RAW', 'UDP', 'TCP', 'INET', 'FRAG']);

function isSsSummaryTcpLine(t: readonly string[], text: string): boolean {
  return t[0] === 'TCP:' && isDigits(t[1]) && text.includes('(');
}

export class SsSummary extends Builder {
  private totalSeen = false;
  private tcpSeen = false;
  private tableSeen = false;
  private readonly sockstat: MutableSockstat = {};
  private readonly counters: Record<string, number> = {};

  static canStart(line: Line): boolean {
    // Both lines start with `Total:` or `TCP:`: tested in place first (most lines fail).
    if (!line.firstTokenIs('Total:') && !line.firstTokenIs('TCP:')) return false;
    const t = line.tokens;
    return (t[0] === 'Total:' && isDigits(t[1])) || isSsSummaryTcpLine(t, line.text);
  }

  take(line: Line): boolean {
    const t = line.tokens;
    if (t[0] === 'Total:' && isDigits(t[1])) {
      if (this.totalSeen || this.tcpSeen) return false;
      this.totalSeen = true;
      const v = parseUint(t[1]);
      if (v !== undefined) this.sockstat.socketsUsed = v;
      return this.mark(line);
    }
    if (isSsSummaryTcpLine(t, line.text)) {
      if (this.tcpSeen) return false;
      this.tcpSeen = true;
      this.readTcpLine(line.text);
      return this.mark(line);
    }
    if (t[0] === 'Transport' && t[1] === 'Total') {
      this.tableSeen = true;
      return this.mark(line);
    }
    if (this.tableSeen && t.length === 4 && SS_SUMMARY_ROWS.has(t[0] as string)) {
      if (!t.slice(1).every((x) => x === '-' || isDigits(x))) return false;
      if (t[0] === 'TCP') {
        const v4 = parseUint(t[2]);
        const v6 = parseUint(t[3]);
        if (v4 !== undefined) (this.sockstat.tcp ??= {}).inuse = v4;
        if (v6 !== undefined) this.sockstat.tcp6 = { inuse: v6 };
      }
      return this.mark(line);
    }
    return false;
  }

  /** `TCP:   70488 (estab 350, closed 61208, orphaned 61920, [synrecv 0, ]timewait 8120[/0])[, ports 0]` */
  private readTcpLine(text: string): void {
    const open = text.indexOf('(');
    const close = text.indexOf(')', open);
    if (open < 0) return;
    const inner = text.slice(open + 1, close < 0 ? undefined : close);
    for (const part of inner.split(',')) {
      const pt = tokenize(part, 4);
      if (pt.length !== 2) continue;
      const raw = pt[1] as string;
      const slash = raw.indexOf('/');
      const v = parseUint(slash < 0 ? raw : raw.slice(0, slash));
      if (v === undefined) continue;
      switch (pt[0]) {
        case 'estab':
          // CurrEstab from /proc/net/snmp: ESTABLISHED (+ CLOSE-WAIT on kernels with a46d0ea5c942), so it is
          // a counter, not a per-state count.
          this.counters.TcpCurrEstab = v;
          break;
        case 'orphaned':
          (this.sockstat.tcp ??= {}).orphan = v;
          break;
        case 'timewait':
          (this.sockstat.tcp ??= {}).tw = v;
          break;
      }
    }
  }

  finish(): EvidenceSegment | undefined {
    const hasCounters = Object.keys(this.counters).length > 0;
    if (!hasSockstat(this.sockstat) && !hasCounters) return undefined;
    return makeSegment('ss-summary', this.start, this.end, {
      sockstat: hasSockstat(this.sockstat) ? freezeSockstat(this.sockstat) : undefined,
      counters: hasCounters ? this.counters : undefined,
    });
  }
}
