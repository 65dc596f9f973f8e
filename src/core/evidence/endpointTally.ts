/**
 * A count of one state's sockets per value of one endpoint column (`ss -tan state time-wait | awk '{print $4}' | sort
 * | uniq -c`): which state, which column (local or peer), and whether the count lines cover every socket of the
 * state the listing showed. Read from the words of the command line (command.ts). Pure: no `vscode`, no Node built-ins.
 */
import type { StateId } from '../catalogue/types';
import { basename } from './text';
import { readAwkPrint, readGrep, skipsHeader } from './pipeStages';
import { ssEndpointField, type SsOptions } from './ssArgs';
import { AWKS, GREPS, isNetstatStatsFlag, listedStates } from './listedStates';

/** What a per-value count of a listing's endpoint column counts (endpointTallyOf). */
export interface EndpointTally {
  readonly state: StateId;
  /** The column: the local or the peer address and port. */
  readonly side: 'local' | 'peer';
  /** No stage cuts the count lines (`| head`): they add up to every socket of the state the listing showed. */
  readonly whole: boolean;
  /** A stage after the field keeps its address only (`cut -d: -f1`): the counts are per address, not per address and port. */
  readonly addressOnly?: true;
}

/** `cut -d: -f1` (`-d ':'`, `-d :`, `-f 1`) or `awk -F: '{print $1}'`: the address of an IPv4 `address:port`, without the port. */
function keepsAddress(stage: readonly string[]): boolean {
  const name = basename(stage[0] ?? '');
  const args = stage.slice(1).join(' ').replace(/\s+/g, ' ').trim();
  if (name === 'cut') return /^(?:-d ?: -f ?1|-f ?1 -d ?:|-d: ?-f1|--delimiter=: --fields=1)$/.test(args);
  if (AWKS.has(name)) return /^-F ?: \{ ?print \$1;? ?\}$/.test(args);
  return false;
}

/**
 * A count of one state's sockets per value of one endpoint column of an ss or netstat listing: the listing (no ss
 * filter expression), a header skip or a grep that keeps one state, awk printing one field (readAwkPrint), maybe a
 * stage that keeps its address only (`cut -d: -f1`), `sort` and `uniq -c`, then only stages that keep whole lines (`sort -rn`, `head`). The state from the ss state filter, the
 * grep or the awk condition (one, the same); the column from the field: ss's layout (ssEndpointField), netstat's
 * Proto, Recv-Q, Send-Q, Local, Foreign (Linux and BSD alike; Windows' fourth and fifth are no addresses). Undefined
 * for anything else: a count of a column not known, or of rows chosen by what is counted, is not read.
 */
export function endpointTallyOf(tool: string, args: readonly string[], stages: readonly (readonly string[])[], ss: SsOptions | undefined): EndpointTally | undefined {
  if (tool === 'ss' ? !ss || ss.expression === true || ss.summary : args.some(isNetstatStatsFlag)) return undefined;
  let state = tool === 'ss' ? ss?.singleState : undefined;
  const keep = (s: StateId): boolean => {
    if (state !== undefined && state !== s) return false;
    state = s;
    return true;
  };
  let i = 1;
  for (; i < stages.length; i++) {
    const stage = stages[i] as readonly string[];
    const name = basename(stage[0] ?? '');
    const rest = stage.slice(1);
    if (skipsHeader(name, rest)) continue;
    if (!GREPS.has(name)) break;
    const r = readGrep(rest);
    if (r.count || r.invert || r.state === undefined || !keep(r.state)) return undefined;
  }
  const awk = stages[i];
  const print = awk && AWKS.has(basename(awk[0] ?? '')) ? readAwkPrint(awk.slice(1)) : undefined;
  if (!print || (print.state !== undefined && !keep(print.state)) || state === undefined) return undefined;
  const counted: StateId = state;
  if (!listedStates(tool, args, stages, ss)?.includes(counted)) return undefined;
  const side = tool === 'ss' ? ssEndpointField(ss as SsOptions, print.field) : print.field === 4 ? 'local' : print.field === 5 ? 'peer' : undefined;
  const addressOnly = stages[i + 1] !== undefined && keepsAddress(stages[i + 1] as readonly string[]);
  if (addressOnly) i++;
  const sort = stages[i + 1] ?? [];
  const uniq = stages[i + 2] ?? [];
  const sortsOnly = basename(sort[0] ?? '') === 'sort' && sort.slice(1).every((w) => w.startsWith('-') && w !== '--unique' && !(w[1] !== '-' && w.includes('u')));
  const counts = basename(uniq[0] ?? '') === 'uniq' && uniq.length === 2 && (uniq[1] === '-c' || uniq[1] === '--count');
  if (side === undefined || !sortsOnly || !counts) return undefined;
  let whole = true;
  for (const stage of stages.slice(i + 3)) {
    const name = basename(stage[0] ?? '');
    if (name === 'head' || name === 'tail') whole = false;
    else if (name !== 'sort') return undefined;
  }
  return addressOnly ? { state: counted, side, whole, addressOnly } : { state: counted, side, whole };
}
