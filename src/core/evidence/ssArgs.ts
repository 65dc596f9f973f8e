/**
 * What an `ss` command line selects (facts §1.3, §4.3): summary or listing, header, protocols, the state filter
 * and the states it can list, a filter expression. Read by command.ts for each `ss` in a pipeline.
 * Pure: no `vscode`, no Node built-ins.
 */
import { SS_AGGREGATES, lookupStateSpelling } from '../catalogue/spellings';
import type { StateId } from '../catalogue/types';

export interface SsOptions {
  /** `ss -s`. */
  readonly summary: boolean;
  /** `-H` / `--no-header`. */
  readonly noHeader: boolean;
  /** Protocols selected: only TCP (no Netid column), TCP among others (Netid column), or no TCP at all. */
  readonly tcp: 'only' | 'mixed' | 'none';
  /** The state when the filter selects exactly one (ss then drops the State column). */
  readonly singleState?: StateId;
  /**
   * The states this invocation can list (facts §4.3): every state with `-a` or `state all`, LISTEN only with
   * `-l`, the states of a `state` filter, and without any of them ss's default SS_CONN (no LISTEN, CLOSED,
   * TIME-WAIT or SYN-RECV). Undefined for `-s` and for an `exclude` filter or a state keyword it does not know.
   */
  readonly shows?: readonly StateId[];
  /** A filter expression besides the state (`dport = :443`, `dst 10.0.0.2`): the rows are some of those sockets. */
  readonly expression?: true;
  /** `-K` / `--kill`: ss closes the sockets it selects and prints them — the rows are sockets that are gone. */
  readonly kill?: true;
  /** `-M` / `--mptcp` / `-A mptcp`: MPTCP sockets, which go through TCP's states (catalogue/netids.ts). */
  readonly mptcp?: true;
}

export const ALL_STATES: readonly StateId[] = Object.freeze([...(SS_AGGREGATES.get('all') ?? [])]);
export const WITHOUT_LISTENERS: readonly StateId[] = Object.freeze(ALL_STATES.filter((s) => s !== 'LISTEN'));
export const ONLY_LISTENERS: readonly StateId[] = Object.freeze(['LISTEN'] as StateId[]);
/** What plain `ss` lists: SS_CONN, every state but LISTEN, CLOSE, TIME_WAIT and SYN_RECV (facts §4.3). */
export const SS_CONN: readonly StateId[] = Object.freeze(ALL_STATES.filter((s) => s !== 'LISTEN' && s !== 'CLOSED' && s !== 'TIME-WAIT' && s !== 'SYN-RECEIVED'));

/** `-c`, `-ci`, `-ic` … : a short-option cluster containing `letter`. */
export function isFlag(word: string, letter: string): boolean {
  return word.length >= 2 && word[0] === '-' && word[1] !== '-' && word.includes(letter);
}

const SS_SHORT_WITH_ARG = new Set(['f', 'A', 'F', 'D', 'N']);
const SS_OTHER_PROTOCOL_LETTERS = new Set(['u', 'w', 'x', 'd', 'S', '0', 'M']);
const SS_LONG_OTHER = new Set(['--udp', '--raw', '--unix', '--dccp', '--sctp', '--packet', '--mptcp', '--vsock', '--tipc', '--xdp']);

/**
 * A word that starts an ss filter expression (ss(8) FILTER: `dst`, `src`, `dport`, `sport`, `dev`, `fwmark`,
 * `cgroup`, `autobound`, `(`, a negation `!` / `not`), as its own word or first in a quoted one (`'dst 10.0.0.0/8'`).
 */
const SS_EXPRESSION = /^(?:\(|!|(?:dst|src|dport|sport|dev|fwmark|cgroup|autobound|not)(?:$|\s))/i;

export function parseSsArgs(args: readonly string[]): SsOptions {
  let tcpSel = false;
  let otherSel = false;
  let summary = false;
  let noHeader = false;
  let listening = false;
  let allStates = false;
  let exclude = false;
  let expression = false;
  let kill = false;
  let mptcp = false;
  const states: string[] = [];
  const query = (list: string): void => {
    for (const q of list.split(',')) {
      const x = q.trim().toLowerCase();
      if (x === 'mptcp') mptcp = true;
      if (x === 'tcp') tcpSel = true;
      else if (x === 'all' || x === 'inet') {
        tcpSel = true;
        otherSel = true;
      } else if (x.length > 0) otherSel = true;
    }
  };
  for (let j = 0; j < args.length; j++) {
    const a = args[j] as string;
    if (a === 'state') {
      const kw = args[j + 1];
      if (kw !== undefined) states.push(kw);
      j++;
      continue;
    }
    if (a === 'exclude' || a === 'excl') {
      exclude = true;
      j++;
      continue;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.split('=', 2) as [string, string | undefined];
      if (name === '--tcp') tcpSel = true;
      else if (SS_LONG_OTHER.has(name)) {
        otherSel = true;
        if (name === '--mptcp') mptcp = true;
      }
      else if (name === '--summary') summary = true;
      else if (name === '--no-header') noHeader = true;
      else if (name === '--listening') listening = true;
      else if (name === '--all') allStates = true;
      else if (name === '--kill') kill = true;
      else if (name === '--query' || name === '--socket') {
        const v = value ?? args[++j];
        if (v !== undefined) query(v);
      } else if (name === '--family' || name === '--filter' || name === '--diag' || name === '--net') {
        if (value === undefined) j++;
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const ch = a[k] as string;
        if (ch === 't') tcpSel = true;
        else if (SS_OTHER_PROTOCOL_LETTERS.has(ch)) {
          otherSel = true;
          if (ch === 'M') mptcp = true;
        }
        else if (ch === 's') summary = true;
        else if (ch === 'H') noHeader = true;
        else if (ch === 'l') listening = true;
        else if (ch === 'a') allStates = true;
        else if (ch === 'K') kill = true;
        else if (SS_SHORT_WITH_ARG.has(ch)) {
          const rest = a.slice(k + 1);
          const v = rest.length > 0 ? rest : args[++j];
          if (ch === 'A' && v !== undefined) query(v);
          break;
        }
      }
      continue;
    }
    // A filter expression (`dport = :443`, `'( sport = :80 )'`, `dst 10.0.0.2`): ss(8)'s expression keywords.
    if (SS_EXPRESSION.test(a)) expression = true;
  }
  const tcp: SsOptions['tcp'] = tcpSel ? (otherSel ? 'mixed' : 'only') : otherSel ? 'none' : 'mixed';
  let singleState: StateId | undefined;
  if (states.length === 1 && !exclude && !listening) {
    const kw = (states[0] as string).toLowerCase();
    if (!SS_AGGREGATES.has(kw)) singleState = lookupStateSpelling(kw)?.state;
  }
  const shows = summary || exclude ? undefined : states.length > 0 ? filterStates(states) : allStates ? ALL_STATES : listening ? ONLY_LISTENERS : SS_CONN;
  const out: { summary: boolean; noHeader: boolean; tcp: SsOptions['tcp']; singleState?: StateId; shows?: readonly StateId[]; expression?: true; kill?: true; mptcp?: true } = { summary, noHeader, tcp };
  if (singleState !== undefined) out.singleState = singleState;
  if (shows !== undefined) out.shows = shows;
  if (expression) out.expression = true;
  if (kill) out.kill = true;
  if (mptcp) out.mptcp = true;
  return out;
}

/**
 * Which endpoint the 1-based field `n` of an ss listing row is, as awk splits it (`awk '{print $4}'`): ss prints
 * Netid, State, Recv-Q, Send-Q, Local, Peer (then Process and the -o/-e/-i items), dropping Netid when it dumps one
 * socket table (TCP only: `-t`) and State when the filter selects exactly one state (ss.c: a column is shown only
 * when its filter has more than one bit). Undefined for another field, a summary, or a layout not known here.
 */
export function ssEndpointField(o: SsOptions, n: number): 'local' | 'peer' | undefined {
  if (o.summary || o.tcp === 'none' || o.shows === undefined) return undefined;
  const first = 3 + (o.tcp === 'only' ? 0 : 1) + (o.singleState !== undefined ? 0 : 1);
  return n === first ? 'local' : n === first + 1 ? 'peer' : undefined;
}

/** The states of ss `state` keywords (a state, or a group such as `connected`); undefined for one it does not know. */
function filterStates(keywords: readonly string[]): readonly StateId[] | undefined {
  const out: StateId[] = [];
  for (const kw of keywords) {
    const k = kw.toLowerCase();
    const group = SS_AGGREGATES.get(k);
    const states = group ?? (lookupStateSpelling(k) ? [(lookupStateSpelling(k) as { state: StateId }).state] : undefined);
    if (!states) return undefined;
    for (const s of states) if (!out.includes(s)) out.push(s);
  }
  return out;
}
