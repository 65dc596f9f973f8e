/**
 * Evidence format: per-state counts: `uniq -c` (`  61920 FIN-WAIT-1`), awk tallies (`FIN-WAIT-1 61920`), /proc/net/tcp hex codes (`  12 0A`), and a single number after a counting command.
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 */
import { PROC_NET_TCP_HEX, lookupStateSpelling } from '../../catalogue/spellings';
import type { StateId } from '../../catalogue/types';
import type { EvidenceKind, EvidenceSegment } from '../types';
import type { CommandContext } from '../command';
import { isDigits, isHexDigits, parseCount, parseUint, stateFromToken, tokenize } from '../text';
import { Builder, countContext, type KeywordSet, type Line, type ParseState, makeSegment, StateTally, sumCounts } from './builder';

function stripColon(s: string): string {
  return s.length > 1 && s.endsWith(':') ? s.slice(0, -1) : s;
}

/**
 * Words of the current command: a lower-case English-word state (`closing`, `established`) counts when the
 * command names it, as an ss filter keyword does (`for s in fin-wait-1 closing; do … state $s …`).
 */
export function commandWords(ctx: CommandContext | undefined): KeywordSet {
  if (!ctx) return NO_WORDS;
  let words = WORDS_OF.get(ctx);
  if (!words) WORDS_OF.set(ctx, (words = new Set(tokenize(ctx.text.replace(/["';|()]/g, ' '), 256))));
  return words;
}

/**
 * The words of each command context (contexts are memoised and read-only, see parseCommand, so every block
 * after the same `$ ss -tan` shares one set); read-only, like the contexts.
 */
const WORDS_OF = new WeakMap<CommandContext, KeywordSet>();
const NO_WORDS: KeywordSet = new Set();

/** The command is PowerShell's `Get-NetTCPConnection` (any letter case), whose states print as .NET names. */
function namesNetTcpConnection(words: KeywordSet): boolean {
  let yes = NET_TCP_OF.get(words);
  if (yes === undefined) {
    yes = false;
    for (const w of words) if (w.toLowerCase() === 'get-nettcpconnection') yes = true;
    NET_TCP_OF.set(words, yes);
  }
  return yes;
}
const NET_TCP_OF = new WeakMap<KeywordSet, boolean>();

function countState(token: string, hex: boolean, words: KeywordSet): StateId | undefined {
  if (hex && token.length === 2 && isHexDigits(token)) return PROC_NET_TCP_HEX.get(token.toUpperCase());
  const s = stateFromToken(token);
  if (s !== undefined) return s;
  if (words.has(token)) return lookupStateSpelling(token)?.state;
  // `Get-NetTCPConnection | Group-Object State` prints `412 Established`, `14 Listen`: .NET TcpState names that
  // are also English words count after that command.
  if (words.size > 0 && isPascalWord(token) && namesNetTcpConnection(words)) {
    const hit = lookupStateSpelling(token);
    if (hit?.families.includes('dotnet')) return hit.state;
  }
  return undefined;
}

/** `Established`: a capital, then lower-case letters only. */
function isPascalWord(token: string): boolean {
  const first = token.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  for (let i = 1; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return token.length > 1;
}

/** `# …`, `// …`, `<- …`, `← …` after a count. */
export function isAnnotation(token: string): boolean {
  return token.startsWith('#') || token.startsWith('//') || token === '<-' || token.startsWith('←');
}

/**
 * What may follow a count pair on its line: an annotation (`# 大部分是孤儿`), or after `Get-NetTCPConnection |
 * Group-Object State` the Group column (`{MSFT_NetTCPConnection (LocalAddress = …), …}`), which Group-Object
 * prints unless told not to.
 */
function isTail(token: string, words: KeywordSet): boolean {
  return isAnnotation(token) || (token.startsWith('{') && words.size > 0 && namesNetTcpConnection(words));
}

function parseCountLine(tokens: readonly string[], hex: boolean, words: KeywordSet): { state: StateId; n: number } | undefined {
  // An annotated count (`FIN_WAIT1 61920   # 大部分是孤儿`): the comment after the pair does not count.
  const t = tokens.length > 2 && isTail(tokens[2] as string, words) ? tokens.slice(0, 2) : tokens;
  if (t.length !== 2) return undefined;
  const a = t[0] as string;
  const b = t[1] as string;
  const n1 = parseCount(a);
  if (n1 !== undefined) {
    const s = countState(b, hex, words);
    if (s !== undefined) return { state: s, n: n1 };
  }
  const n2 = parseCount(b);
  if (n2 !== undefined) {
    const s = countState(stripColon(a), hex, words);
    if (s !== undefined) return { state: s, n: n2 };
  }
  return undefined;
}

export class StateCounts extends Builder {
  private lines = 0;
  private readonly counts = new StateTally();

  constructor(
    private readonly hex: boolean,
    /** A counting command precedes: one line is enough. */
    private readonly expected: boolean,
    private readonly words: KeywordSet,
    /** The command lists other socket families too (`ss -tuan`): their UNCONN is no TCP CLOSED, and is dropped. */
    private readonly mixedFamilies = false,
    /** The output names each state once (a loop's pass of `sort | uniq -c`): a state that comes again ends it. */
    private readonly onePass = false,
  ) {
    super();
  }

  private readonly seen = new Set<string>();

  static canStart(line: Line, hex: boolean, words: KeywordSet): boolean {
    // A count line is two tokens, or two and an annotation: tested before tokenising.
    const count = line.headCount();
    if (count < 2 || (count > 2 && !isTail(line.head(2) as string, words))) return false;
    return parseCountLine(line.tokens, hex, words) !== undefined;
  }

  take(line: Line): boolean {
    const r = parseCountLine(line.tokens, this.hex, this.words);
    if (r) {
      if (this.onePass) {
        if (this.seen.has(r.state)) return false;
        this.seen.add(r.state);
      }
      this.lines++;
      if (!(this.mixedFamilies && r.state === 'CLOSED')) this.counts.add(r.state, r.n);
      return this.mark(line);
    }
    // Tallies of header words (`1 State`, `1 st`, `State 1`, `1 Foreign`) belong to the same output.
    const t = line.tokens;
    if (this.lines > 0 && t.length === 2 && (parseCount(t[0]) !== undefined || parseCount(t[1]) !== undefined)) {
      return this.mark(line);
    }
    return false;
  }

  finish(): EvidenceSegment | undefined {
    if (this.lines === 0 || (!this.expected && this.lines < 2)) return undefined;
    const counts = this.counts.counts();
    return makeSegment('state-counts', this.start, this.end, { counts, listed: sumCounts(counts) });
  }
}

/** `ss -Htan state fin-wait-1 | wc -l`, `netstat -an | grep -c TIME_WAIT`: one number for one state. */
export class SingleNumber extends Builder {
  private n: number | undefined;

  constructor(
    private readonly kind: EvidenceKind,
    private readonly state: StateId,
    private readonly headerLines: number,
  ) {
    super();
  }

  static canStart(line: Line, st: ParseState): boolean {
    const sn = countContext(st)?.singleNumber;
    return sn?.state !== undefined && line.tokens.length === 1 && isDigits(line.tokens[0]);
  }

  take(line: Line): boolean {
    if (this.n !== undefined || line.tokens.length !== 1) return false;
    const v = parseUint(line.tokens[0]);
    if (v === undefined) return false;
    this.n = Math.max(0, v - this.headerLines);
    return this.mark(line);
  }

  finish(): EvidenceSegment | undefined {
    if (this.n === undefined) return undefined;
    return makeSegment(this.kind, this.start, this.end, {
      counts: { [this.state]: this.n },
      listed: this.n,
      filteredState: this.state,
      oneNumber: true,
    });
  }
}
