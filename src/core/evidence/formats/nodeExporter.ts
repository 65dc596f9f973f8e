/**
 * Evidence format: Prometheus node_exporter metrics, pasted from `curl -s localhost:9100/metrics | grep …` or
 * from a Prometheus console / Grafana Explore instant query (the line grammar is prometheusSample.ts).
 * Read by evidence/parse.ts. Pure: no `vscode`, no Node built-ins.
 *
 * What is read (names from node_exporter's collectors):
 * - sockstat collector (/proc/net/sockstat{,6}): `node_sockstat_sockets_used`, `node_sockstat_TCP_{inuse,
 *   orphan,tw,alloc,mem}` and `node_sockstat_TCP6_inuse` → the sockstat numbers, as /proc/net/sockstat gives
 *   them. `node_sockstat_TCP_mem` is in pages, like sockstat's `mem`. `node_sockstat_TCP_mem_bytes` is that
 *   times the exporter's page size: it is never turned back into pages on a guessed page size (4 KiB on x86-64,
 *   16 or 64 KiB on some arm64 and ppc64 kernels), but with `_mem` beside it the quotient is the host's page
 *   size, reported as sysctls[PAGE_SIZE_KEY] when it is a power of two from 4 KiB to 256 KiB.
 * - tcpstat collector (/proc/net/tcp + tcp6, summed by the exporter): `node_tcp_connection_states{state=…}`
 *   with the collector's label values (`established`, `syn_sent`, `syn_recv`, `fin_wait1`, `fin_wait2`,
 *   `time_wait`, `close`, `close_wait`, `last_ack`, `listen`, `closing`) → per-state counts, like a `uniq -c`
 *   block; `listed` is their sum. Its `rx_queued_bytes` / `tx_queued_bytes` series are bytes, not states.
 * - netstat collector: `node_netstat_<Section>_<Name>` (`node_netstat_TcpExt_TCPAbortOnMemory`) → the
 *   counter `<Section><Name>`, the nstat name, for the sections nstat knows.
 *
 * Rules:
 * - A value counts only when it is an integer ≥ 0 that a double holds exactly (`61920`, `6.192e+04`); `1.5`,
 *   `NaN`, `-1` are samples of the paste but give no number. A timestamp after the value is accepted and not read.
 * - Other sample lines (`node_sockstat_UDP_inuse`, `node_load1`) and `# HELP` / `# TYPE` comments continue a
 *   paste without adding to it; only a series read here starts one. An unread line continues it only when it
 *   looks like a metric (labels, or a lower-case name with `_`) and its name is no state spelling: `TIME_WAIT 8120`,
 *   `LISTEN 14` and nstat rows (`TcpExtTCPAbortOnMemory 12 0.0`) have the sample shape but are other formats.
 * - One host per paste. The labels of a series other than `state` identify where it came from (`instance`,
 *   `job`, … which Prometheus attaches to every series of a target; none at all in a local `curl`). When the
 *   series read here carry more than one such label set — a query over several hosts — the paste gives no
 *   numbers: summing would add hosts' sockets together and set the total against one host's tcp_max_orphans,
 *   and keeping one would pick a host by sort order, not the one the note is about.
 * - A series seen again ends the paste: the next line starts a new sample (a second scrape), as a new
 *   /proc/net/sockstat would.
 */
import type { StateId } from '../../catalogue/types';
import type { EvidenceSegment } from '../types';
import { hasNstatPrefix, hasSockstat, freezeSockstat, type MutableSockstat } from '../lineFormats';
import { PAGE_SIZE_KEY } from '../snapshotFormat';
import { isAlnumIdentifier, stateFromToken } from '../text';
import { Builder, type Line, makeSegment, StateTally, sumCounts } from './builder';
import { parsePromSample, promCount, type PromSample } from './prometheusSample';

/** tcpstat_linux.go's tcpConnectionState.String() values. */
const CONNECTION_STATES: ReadonlyMap<string, StateId> = new Map<string, StateId>([
  ['established', 'ESTABLISHED'],
  ['syn_sent', 'SYN-SENT'],
  ['syn_recv', 'SYN-RECEIVED'],
  ['fin_wait1', 'FIN-WAIT-1'],
  ['fin_wait2', 'FIN-WAIT-2'],
  ['time_wait', 'TIME-WAIT'],
  ['close', 'CLOSED'],
  ['close_wait', 'CLOSE-WAIT'],
  ['last_ack', 'LAST-ACK'],
  ['listen', 'LISTEN'],
  ['closing', 'CLOSING'],
]);

const CONNECTION_STATES_METRIC = 'node_tcp_connection_states';
const SOCKSTAT_PREFIX = 'node_sockstat_';
const NETSTAT_PREFIX = 'node_netstat_';
const TCP_FIELDS: ReadonlySet<string> = new Set(['inuse', 'orphan', 'tw', 'alloc', 'mem']);

const MIN_PAGE_SIZE = 4096;
const MAX_PAGE_SIZE = 262_144;

/** The counter name (`TcpExtTCPAbortOnMemory`) of a netstat collector metric, or undefined. */
function netstatCounter(name: string): string | undefined {
  if (!name.startsWith(NETSTAT_PREFIX)) return undefined;
  const rest = name.slice(NETSTAT_PREFIX.length);
  const sep = rest.indexOf('_');
  if (sep <= 0) return undefined;
  const section = rest.slice(0, sep);
  const field = rest.slice(sep + 1);
  if (!isAlnumIdentifier(section) || !isAlnumIdentifier(field)) return undefined;
  const counter = section + field;
  return hasNstatPrefix(counter) ? counter : undefined;
}

/** Is this a series this format reads (a sockstat, connection-state or netstat collector metric)? */
function isReadSeries(s: PromSample): boolean {
  return s.name.startsWith(SOCKSTAT_PREFIX) || s.name === CONNECTION_STATES_METRIC || netstatCounter(s.name) !== undefined;
}

/** An unread sample that still belongs to the paste (see the header): not `LISTEN 14`, `TIME_WAIT 8120`, nstat rows. */
function looksLikeMetric(s: PromSample): boolean {
  const c0 = s.name.charCodeAt(0);
  const shaped = s.labels.length > 0 || (c0 >= 97 && c0 <= 122 && s.name.includes('_'));
  return shaped && stateFromToken(s.name) === undefined;
}

/** The labels other than `state`, in a canonical order: where the series came from. */
function sourceKey(s: PromSample): string {
  const pairs = s.labels.filter((p) => p[0] !== 'state').map((p) => `${p[0]}=${JSON.stringify(p[1])}`);
  return pairs.sort().join(',');
}

function seriesKey(s: PromSample): string {
  return `${s.name}{${s.labels.map((p) => `${p[0]}=${JSON.stringify(p[1])}`).sort().join(',')}}`;
}

/** Cheap test before the line is parsed: a sample of a read series starts with `node_` or `{`. */
function mayBeSample(line: Line): boolean {
  const t = line.text;
  const at = line.indent;
  return t.startsWith('node_', at) || t.charCodeAt(at) === 123 /* { */;
}

export class NodeExporterMetrics extends Builder {
  private readonly series = new Set<string>();
  private readonly sources = new Set<string>();
  private readonly sockstat: MutableSockstat = {};
  private memBytes: number | undefined;
  private readonly counts = new StateTally();
  private readonly counters: Record<string, number> = {};

  static canStart(line: Line): boolean {
    if (!mayBeSample(line)) return false;
    const s = parsePromSample(line.text);
    return s !== undefined && isReadSeries(s);
  }

  take(line: Line): boolean {
    const s = parsePromSample(line.text);
    if (!s) return false;
    const read = isReadSeries(s);
    if (!read && !looksLikeMetric(s)) return false;
    const key = seriesKey(s);
    if (this.series.has(key)) return false;
    this.series.add(key);
    if (read) {
      this.sources.add(sourceKey(s));
      this.read(s);
    }
    return this.mark(line);
  }

  private read(s: PromSample): void {
    const n = promCount(s.value);
    if (n === undefined) return;
    const name = s.name;
    if (name === CONNECTION_STATES_METRIC) {
      const label = s.labels.find((p) => p[0] === 'state')?.[1];
      const state = label === undefined ? undefined : CONNECTION_STATES.get(label);
      if (state !== undefined) this.counts.add(state, n);
      return;
    }
    if (name.startsWith(SOCKSTAT_PREFIX)) {
      const field = name.slice(SOCKSTAT_PREFIX.length);
      if (field === 'sockets_used') this.sockstat.socketsUsed = n;
      else if (field === 'TCP6_inuse') this.sockstat.tcp6 = { inuse: n };
      else if (field === 'TCP_mem_bytes') this.memBytes = n;
      else if (field.startsWith('TCP_') && TCP_FIELDS.has(field.slice(4))) {
        const tcp = (this.sockstat.tcp ??= {});
        tcp[field.slice(4) as 'inuse' | 'orphan' | 'tw' | 'alloc' | 'mem'] = n;
      }
      return;
    }
    const counter = netstatCounter(name);
    if (counter !== undefined) this.counters[counter] = n;
  }

  /** mem_bytes / mem: the exporter's page size, when both are given and it is a plausible one. */
  private pageSize(): number | undefined {
    const pages = this.sockstat.tcp?.mem;
    if (pages === undefined || pages === 0 || this.memBytes === undefined) return undefined;
    const size = this.memBytes / pages;
    const isPowerOfTwo = Number.isInteger(size) && (size & (size - 1)) === 0;
    return isPowerOfTwo && size >= MIN_PAGE_SIZE && size <= MAX_PAGE_SIZE ? size : undefined;
  }

  finish(): EvidenceSegment | undefined {
    if (this.sources.size !== 1) return undefined; // several hosts (see the header), or nothing read
    const counts = this.counts.counts();
    const hasCounts = this.counts.size > 0;
    const hasCounters = Object.keys(this.counters).length > 0;
    const pageSize = this.pageSize();
    if (!hasCounts && !hasCounters && !hasSockstat(this.sockstat)) return undefined;
    return makeSegment('prometheus', this.start, this.end, {
      counts,
      listed: hasCounts ? sumCounts(counts) : undefined,
      sockstat: hasSockstat(this.sockstat) ? freezeSockstat(this.sockstat) : undefined,
      counters: hasCounters ? this.counters : undefined,
      sysctls: pageSize !== undefined ? { [PAGE_SIZE_KEY]: String(pageSize) } : undefined,
    });
  }
}
