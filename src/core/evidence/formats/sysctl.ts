/**
 * Evidence format: sysctl values (facts §3).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import type { EvidenceSegment } from '../types';
import { normaliseSysctlValue, parseSysctlLine } from '../lineFormats';
import { PAGE_SIZE_KEY } from '../snapshotFormat';
import { isBareNumberLine, isDigits } from '../text';
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

  /**
   * The key the next value line is of. After a line of several commands (CommandContext.bareNumbers), only when
   * the next bare-number line is a value (not a count, not `date +%s`).
   */
  static pendingKey(st: ParseState): string | undefined {
    const numbers = st.ctx?.bareNumbers;
    if (numbers === undefined) return st.ctx?.valueKeys[st.valueKeyIndex];
    const slot = numbers[st.valueKeyIndex];
    return slot === null || slot === '' ? undefined : slot;
  }

  /**
   * Is the line the pending key's value? After a command of values only, any line is; among other commands'
   * output, a bare-number line, or an error line that names the key (`cat: /proc/sys/net/ipv4/tcp_tw_recycle: No
   * such file or directory`: it printed no value).
   */
  private static valueLine(line: Line, st: ParseState, key: string | undefined): boolean {
    if (key === undefined) return false;
    if (st.ctx?.bareNumbers === undefined || isBareNumberLine(line.text)) return true;
    const s = line.text.trimStart();
    return ERROR_PREFIXES.some((p) => s.startsWith(p)) && (s.includes(key) || s.includes('/proc/sys/' + key.split('.').join('/')));
  }

  /**
   * After a line of several commands, a line no reader took while a value is pending: a word (`cubic`) may be that
   * value, so the bare numbers after it can no longer be tied to the keys (CommandContext.bareNumbers): none is read.
   */
  static unclaimed(line: Line, st: ParseState): void {
    const numbers = st.ctx?.bareNumbers;
    if (numbers === undefined || Sysctl.pendingKey(st) === undefined) return;
    const s = line.text.trim();
    let letter = false;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 9) return; // several words: some other command's line
      if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) letter = true;
    }
    if (letter) st.valueKeyIndex = numbers.length;
  }

  static canStart(line: Line, st: ParseState): boolean {
    return Sysctl.valueLine(line, st, Sysctl.pendingKey(st)) || parseSysctlLine(line.text) !== undefined;
  }

  take(line: Line): boolean {
    const key = Sysctl.pendingKey(this.st);
    if (key !== undefined && Sysctl.valueLine(line, this.st, key)) {
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
