/**
 * The cause rule `local-port-exhaustion`: TIME-WAIT sockets towards one destination against the ports of
 * ip_local_port_range, with tcp_tw_reuse and the EADDRNOTAVAIL errors the note quotes (facts §4.7).
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang } from '../catalogue/types';
import type { StateSockets } from '../evidence/connections';
import { formatNumber, t } from '../strings';
import { PHRASE } from './causePhrases';
import { changedLater, majority, make, readLater, safeName, samplesOf, type Cause, type CauseFacts } from './causeBasics';
import type { InEffect } from './inEffect';
import type { EndpointTallySample, OutputSample } from './noteEvidence';
import { compareOnAxis } from './sampleOrder';
import { portCount, portRange } from './tunableValues';

/**
 * Local ports (facts §4.7; net/ipv4/inet_hashtables.c __inet_hash_connect): TIME-WAIT sockets are close to the
 * ports of ip_local_port_range when they fill PORTS_CLOSE of it (towards one destination), or PORTS_WITH_ERROR
 * when the note also quotes connect() failing with EADDRNOTAVAIL (the failure is shown; TIME-WAIT holds most ports).
 */
export const PORTS_CLOSE = 0.75;
export const PORTS_WITH_ERROR = 0.5;
/** The kernel's default ip_local_port_range (net/ipv4/af_inet.c inet_init_net). */
export const DEFAULT_PORT_RANGE: readonly [number, number] = [32768, 60999];
/** Listed TIME-WAIT rows that speak for where the sockets go (a `head -5` shows four). */
const MIN_ROWS_FOR_DESTINATION = 2;
/** So many listed rows without one destination: the sockets go to many (a sample spread that wide is no accident). */
const MIN_ROWS_FOR_SPREAD = 5;

const isLoopback = (address: string): boolean => address === '::1' || /^127\./.test(address);

/** One destination for most TIME-WAIT sockets: from listed rows (`count` of `listed`), or from a count per destination (`tally`: its line). */
interface Destination {
  readonly address: string;
  /** Undefined when the count per destination keeps addresses only (`cut -d: -f1`). */
  readonly port?: number;
  readonly count: number;
  readonly listed: number;
  readonly tally?: { readonly line: number };
}

/** Where the listed TIME-WAIT sockets go: one address and port for most rows, many, or unknown. */
function destinationOf(s: StateSockets | undefined): Destination | 'many' | undefined {
  if (!s || s.listed < MIN_ROWS_FOR_DESTINATION) return undefined;
  const peer = s.peers[0];
  const port = s.peerPorts?.[0];
  // Rows to both the top address and the top port: at least the two counts less the rows.
  const both = peer && port ? peer.count + port.count - s.listed : 0;
  if (peer && port && majority(both, s.listed)) return { address: peer.address, port: port.port, count: both, listed: s.listed };
  return s.listed >= MIN_ROWS_FOR_SPREAD ? 'many' : undefined;
}

/** The evidence of where a sample's TIME-WAIT sockets go: the TIME-WAIT listings and the counts per endpoint. */
interface TimeWaitView {
  readonly listing: StateSockets | undefined;
  readonly tallies: readonly EndpointTallySample[];
}

/**
 * The evidence of the namespace a TIME-WAIT sample was read in (report/netns.ts). ip_local_port_range is per network
 * namespace (net->ipv4.ip_local_ports, inet_get_local_port_range), and so are the sockets that hold its ports: when
 * the note reads an output in a namespace other than the host's (`readsNetns`), a sample is weighed with the listings
 * and per-endpoint counts of its own namespace only — none when its namespace is not known (no command) or the
 * listings were not told apart (an output without its command may be any namespace's). Otherwise every listing and
 * count, as one namespace.
 */
function viewAt(f: CauseFacts, s: OutputSample): TimeWaitView {
  const tallies = f.endpointTallies ?? [];
  if (!f.readsNetns) return { listing: f.sockets.get('TIME-WAIT'), tallies };
  const key = s.netnsKey;
  if (key === undefined) return { listing: undefined, tallies: [] };
  return { listing: f.netnsSockets?.get(key)?.get('TIME-WAIT'), tallies: tallies.filter((x) => x.netnsKey === key) };
}

/**
 * Where the TIME-WAIT sockets go, from the evidence that can show it (audit c M3):
 * - `local`: most are on one local address and port — our listening port, a server that closes first (listed rows,
 *   or a count per local endpoint);
 * - one destination, or `many`: a count per peer endpoint whose sockets are known (it counts every socket; the
 *   latest, or with `near` the one nearest that note line: the sample the rule is judged at), else the listed rows
 *   (destinationOf);
 * - `filtered`: the only rows the note lists were kept by a filter on something other than their state (`dst …`,
 *   `| grep …`): one destination among them is the filter's, so nothing is said of where the sockets go;
 * - undefined: not shown.
 */
function whereTimeWaitGoes(v: TimeWaitView, near?: number): Destination | 'many' | 'local' | 'filtered' | undefined {
  const listing = v.listing;
  const chosen = listing && !listing.selected ? listing : undefined;
  const top = chosen?.localPorts[0];
  if (chosen && top && chosen.listed >= MIN_ROWS_FOR_DESTINATION && majority(top.count, chosen.listed)) return 'local';
  const tallies = v.tallies.filter((x) => x.state === 'TIME-WAIT' && x.sockets !== undefined && x.top.length > 0);
  const latest = (side: 'local' | 'peer') => {
    const of = tallies.filter((x) => x.side === side);
    return near === undefined ? of.at(-1) : of.reduce<(typeof of)[number] | undefined>((a, x) => (!a || Math.abs(x.line - near) <= Math.abs(a.line - near) ? x : a), undefined);
  };
  // One local address without its port is not one listening port: a count per local address says nothing here.
  const local = latest('local');
  const onLocal = local?.top[0];
  if (local && onLocal?.port !== undefined && majority(onLocal.count, local.sockets as number)) return 'local';
  const peer = latest('peer');
  if (peer) {
    const one = peer.top[0] as { address: string; port?: number; count: number };
    if (!majority(one.count, peer.sockets as number)) return 'many';
    return { address: one.address, ...(one.port !== undefined ? { port: one.port } : {}), count: one.count, listed: peer.sockets as number, tally: { line: peer.line } };
  }
  if (listing?.selected) return 'filtered';
  return destinationOf(chosen);
}

/** The settings the port rule reads at its sample. */
export const PORT_SETTINGS = ['net.ipv4.ip_local_port_range', 'net.ipv4.tcp_tw_reuse', 'net.ipv4.tcp_timestamps'] as const;

/** A sample the port rule can compare: an output's TIME-WAIT count or sockstat `tw`, above 0. */
export function countsTimeWait(s: OutputSample): boolean {
  return !s.prose && ((s.counts['TIME-WAIT'] ?? 0) > 0 || (s.tw ?? 0) > 0);
}

/**
 * The sample with the most TIME-WAIT sockets an output counts (the first of equals); sockstat `tw` (with the
 * FIN-WAIT-2 minisocks) when no output counts them. `short`: among those where it is true only.
 */
export function timeWaitPeak(samples: readonly OutputSample[], short: (s: OutputSample, n: number) => boolean = () => true): { n: number; s: OutputSample; tw: boolean } | undefined {
  for (const tw of [false, true]) {
    const counted = samples.filter((s) => !s.prose && ((tw ? s.tw : s.counts['TIME-WAIT']) ?? 0) > 0);
    if (!counted.length) continue;
    let peak: { n: number; s: OutputSample; tw: boolean } | undefined;
    for (const s of counted) {
      const n = (tw ? s.tw : s.counts['TIME-WAIT']) as number;
      if ((!peak || n > peak.n) && short(s, n)) peak = { n, s, tw };
    }
    return peak;
  }
  return undefined;
}

/**
 * Local port exhaustion. connect() takes a local port from ip_local_port_range and needs the 4-tuple to be unused
 * (__inet_hash_connect, __inet_check_established): a port in TIME-WAIT towards a destination is taken for that
 * destination only — unless tcp_twsk_unique() lets it be reused (tcp_tw_reuse 1, or 2 towards loopback; TCP
 * timestamps needed) — and when none is left connect() fails with EADDRNOTAVAIL. Judged at each TIME-WAIT sample
 * (counts, else sockstat `tw`) with the range and tcp_tw_reuse in effect there: the most TIME-WAIT sockets of a
 * sample that is short of ports, so a fix that widened the range or set tcp_tw_reuse = 1 neither hides the incident
 * before it nor is the incident itself; a latest sample under other settings that is no longer short is said with
 * its numbers. Not when the note shows them on one local port (our listening port: a server that closes first
 * uses no ephemeral port) or spread over many destinations (whereTimeWaitGoes); otherwise only with one destination
 * shown (PORTS_CLOSE) or the connect() error quoted (PORTS_WITH_ERROR). Each sample within its network namespace
 * (viewAt): its destination from that namespace's evidence, its range and tcp_tw_reuse as read there (settingsAt).
 */
export function portExhaustion(f: CauseFacts, lang: Lang): Cause | undefined {
  const samples = samplesOf(f);
  const errors = f.connectErrorLines ?? [];
  // Where the sockets of a sample's namespace go (viewAt: one view for a note without namespaces).
  const shownAt = (s: OutputSample, near?: number) => whereTimeWaitGoes(viewAt(f, s), near);
  const destOf = (shown: ReturnType<typeof shownAt>): Destination | undefined => (typeof shown === 'object' ? shown : undefined);
  const peak = timeWaitPeak(samples, (s, n) => {
    const shown = shownAt(s);
    return shown !== 'many' && shown !== 'local' && portsAt(f, s, n, destOf(shown), errors.length > 0).short;
  });
  if (!peak) return undefined;
  const sample = peak.s;
  const shown = shownAt(sample);
  const dest = destOf(shown);
  const at = portsAt(f, sample, peak.n, dest, errors.length > 0);
  // The count per destination nearest the sample, when it shows one destination too: the numbers of that moment.
  const nearest = dest?.tally ? shownAt(sample, sample.line) : undefined;
  const said = typeof nearest === 'object' ? nearest : dest;
  const { rangeSetting, range, reuseSetting, reuse } = at;
  const [lo, hi] = range ?? DEFAULT_PORT_RANGE;
  const where = !said ? '' : said.port === undefined ? said.address : said.address.includes(':') ? `[${said.address}]:${said.port}` : `${said.address}:${said.port}`;
  // A later sample under other settings (the fix) that is no longer short: said, with its numbers — of the sample's namespace.
  const latest = f.readsNetns ? latestIn(samples, sample.netnsKey) : samples.find((s) => s.twLatest);
  const last = latest && latest !== sample ? timeWaitPeak([latest]) : undefined;
  const now = last ? portsAt(f, last.s, last.n, dest, errors.length > 0) : undefined;
  const settingsKey = (s: OutputSample): string => PORT_SETTINGS.map((k) => s.sysctls?.[k]?.value ?? '').join('\n');
  const fixed = last && now && !now.short && settingsKey(last.s) !== settingsKey(sample);
  return make('local-port-exhaustion', 'TIME-WAIT', lang, {
    count: formatNumber(peak.n),
    what: t(peak.tw ? PHRASE.twMinisocks : PHRASE.twSockets, lang),
    line: sample.line + 1,
    ports: formatNumber(at.ports),
    range: (range ? t(PHRASE.portRange, lang, { lo, hi, later: readLater(rangeSetting.after, lang) }) : t(PHRASE.portRangeDefault, lang, { lo, hi })) + changedLater(rangeSetting, lang),
    dest: said
      ? said.tally
        ? t(said.port === undefined ? PHRASE.tallyAddress : PHRASE.tallyDestination, lang, { count: formatNumber(said.count), sockets: formatNumber(said.listed), where, line: said.tally.line + 1 })
        : t(PHRASE.oneDestination, lang, { count: said.count, listed: said.listed, where })
      : t(shown === 'filtered' ? PHRASE.filteredDestination : PHRASE.noDestination, lang),
    reuse: (reuse !== undefined ? `tcp_tw_reuse = ${safeName(reuse)}` : t(reuseSetting.later !== undefined ? PHRASE.reuseNotYet : PHRASE.reuseUnknown, lang)) + changedLater(reuseSetting, lang),
    errors:
      (errors.length ? t(PHRASE.connectError, lang, { line: (errors[0] as number) + 1 }) : '') +
      (fixed && last && now ? t(PHRASE.portsSince, lang, { line: last.s.line + 1, count: formatNumber(last.n), ports: formatNumber(now.ports), reuse: safeName(now.reuse ?? '2') }) : ''),
  }, false, sample.sysctls);
}

/**
 * The latest TIME-WAIT sample in time of the namespace `key` whose settings were placed (build.ts placedSamples,
 * as `twLatest` is among all); none when the namespace is not known.
 */
function latestIn(samples: readonly OutputSample[], key: string | undefined): OutputSample | undefined {
  if (key === undefined) return undefined;
  let latest: OutputSample | undefined;
  for (const s of samples) {
    if (s.netnsKey !== key || !s.sysctls || !countsTimeWait(s)) continue;
    if (!latest || compareOnAxis({ minutes: s.minutes ?? -Infinity, line: s.line }, { minutes: latest.minutes ?? -Infinity, line: latest.line }) > 0) latest = s;
  }
  return latest;
}

/**
 * The port rule at one sample: the range and tcp_tw_reuse in effect there (else, facts built by hand or a note that
 * reads no namespace, the note's last values), the ports, and whether `n` TIME-WAIT sockets leave connect() short of ports (`short`).
 */
function portsAt(f: CauseFacts, sample: OutputSample, n: number, dest: { address: string; port?: number } | undefined, errors: boolean) {
  // In a note that reads namespaces apart, only what settingsAt placed at the sample: the note's last value may be another namespace's.
  const borrow = !f.readsNetns || !sample.sysctls;
  const at = (key: string): InEffect => sample.sysctls?.[key] ?? (borrow && f.sysctls[key] !== undefined ? { value: f.sysctls[key], after: false } : { after: false });
  const rangeSetting = at('net.ipv4.ip_local_port_range');
  const range = portRange(rangeSetting.value);
  const [lo, hi] = range ?? DEFAULT_PORT_RANGE;
  const ports = portCount([lo, hi]);
  const reuseSetting = at('net.ipv4.tcp_tw_reuse');
  const reuse = reuseSetting.value?.trim();
  const timestamps = at('net.ipv4.tcp_timestamps').value?.trim();
  const reused = timestamps !== '0' && (reuse === '1' || (dest !== undefined && isLoopback(dest.address) && reuse !== '0'));
  const share = n / ports;
  // One destination is an address and a port: most sockets to one address may still spread over its ports.
  const short = !reused && ((errors && share >= PORTS_WITH_ERROR) || (dest?.port !== undefined && share >= PORTS_CLOSE));
  return { rangeSetting, range, ports, reuseSetting, reuse, short };
}
