/**
 * Evidence format: sysctl values (facts §3).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceSegment } from '../types';
import { normaliseSysctlValue, parseSysctlLine } from '../lineFormats';
import { PAGE_SIZE_KEY } from '../snapshotFormat';
import { isDigits } from '../text';
import { Builder, type Line, type ParseState, makeSegment } from './builder';

const ERROR_PREFIXES = ['cat:', 'sysctl:', 'getconf:', 'grep:'];

export class Sysctl extends Builder {
  private readonly sysctls: Record<string, string> = {};
  /** Printed after a command that sets sysctls (command.ts `setsSysctls`): values set, not read. */
  private readonly set: boolean;

  constructor(private readonly st: ParseState) {
    super();
    this.set = st.ctx?.setsSysctls === true;
  }

  static pendingKey(st: ParseState): string | undefined {
    return st.ctx?.valueKeys[st.valueKeyIndex];
  }

  static canStart(line: Line, st: ParseState): boolean {
    return Sysctl.pendingKey(st) !== undefined || parseSysctlLine(line.text) !== undefined;
  }

  take(line: Line): boolean {
    const key = Sysctl.pendingKey(this.st);
    if (key !== undefined) {
      this.st.valueKeyIndex++;
      const s = line.text.trimStart();
      if (ERROR_PREFIXES.some((p) => s.startsWith(p))) return this.mark(line);
      const v = normaliseSysctlValue(s);
      if (v !== undefined && (key !== PAGE_SIZE_KEY || isDigits(v))) this.sysctls[key] = v;
      return this.mark(line);
    }
    const kv = parseSysctlLine(line.text);
    if (kv) {
      this.sysctls[kv[0]] = kv[1];
      return this.mark(line);
    }
    const s = line.text.trimStart();
    if (this.start >= 0 && s.startsWith('sysctl:')) return this.mark(line); // "sysctl: cannot stat …"
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (Object.keys(this.sysctls).length === 0) return undefined;
    return makeSegment('sysctl', this.start, this.end, this.set ? { sysctls: this.sysctls, set: true } : { sysctls: this.sysctls });
  }
}
