/**
 * Invariants of the knowledge catalogue (src/core/catalogue/states.ts and terms.ts).
 * Accuracy rules come from shared/docs/tcp-orphan-facts.md; the source keys below are copied from its
 * "Sources" section.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATE_IDS, type Fact, type Localized, type OrphanVerdict, type StateId } from '../../src/core/catalogue/types';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { TERMS, TERM_BY_ID, findTerm } from '../../src/core/catalogue/terms';

/** Every bracketed key defined in the "Sources" section of tcp-orphan-facts.md. */
const VALID_SOURCE_KEYS: ReadonlySet<string> = new Set([
  // standards and manuals
  'RFC793', 'RFC9293', 'man-tcp7', 'ss.8', 'nstat', 'K-doc-sysctl', 'K-doc-snmp', 'STIG',
  // kernel source
  'K-states', 'K-tcp.c', 'K-timer', 'K-old-timer', 'K-input', 'K-old-input', 'K-mini', 'K-tw', 'K-ipv4',
  'K-h', 'K-proc', 'K-diag', 'K-tcpdiag', 'K-csk', 'K-sock', 'K-sysctl', 'K-tfo', 'K-mm',
  // commits and mailing lists
  'C-NSR', 'C-BI', 'C-ORPH', 'C-ZWP', 'PG-rhel-changelog', 'C-LINGER2', 'C-RECYCLE', 'C-CURRESTAB', 'C-HASH',
  'C-TWDELAY', 'ML-2025', 'ML-2001',
  // userspace tools
  'ss.c', 'net-tools', 'PG-netdata', 'bcc', 'FreeBSD', 'xnu', 'MS-MIB', 'MS-TCPSTATE', 'MS-NET',
  'PG-netstat-win', 'PG-informit', 'PG-netdata-alarm',
  // articles, blogs, Q&A
  'CF1', 'CF2', 'TS', 'LA', 'PG-pagefault', 'PG-zoukankan', 'PG-i4box', 'PG-maoyidao', 'PG-seednote', 'PG-mynw',
  'PG-tuning-notes', 'PG-serverfault-7689', 'PG-itecnotes', 'PG-serverdevworker', 'PG-bkmy88', 'PG-janelewis', 'VB',
  // §7 addendum (2026-12): commits, conntrack docs and man pages it names
  'C-SYNLINEAR', 'C-BHASH2', 'K-doc-conntrack', 'K-output', 'iptables-extensions', 'conntrack.8', 'K-doc-net',
  'ip-tcp_metrics',
  // keys added with the s9 facts audit (not yet in the research file): each checked in the kernel source
  'C-RMEM32', 'K-core-sock', 'K-socket', 'K-timer-6.15', 'K-ipv4-6.14',
  'K-af-inet',
  // keys added with the SYN-flood message (s9): inet_csk_reqsk_queue_is_full() and the commit that put the
  // listening address into the line; each checked in the kernel source / the netdev patch
  'K-csk-h', 'C-SYNFLOOD',
  // keys added with the s13 facts audit: Linux 2.6.24's tcp_close() and tcp_too_many_orphans(), read in that tree
  'K-old-tcp.c', 'K-old-h',
  // keys added with the s17 text audit: Linux 3.6's MIB list (TCPAbortOnSyn gone, read in that tree) and
  // Microsoft's page on the Windows TIME_WAIT registry value
  'K-snmp-3.6', 'MS-TWDELAY',
]);

const EXPECTED_VERDICT: Readonly<Record<StateId, OrphanVerdict>> = {
  CLOSED: 'no',
  LISTEN: 'no',
  'SYN-SENT': 'no',
  'SYN-RECEIVED': 'no',
  ESTABLISHED: 'no',
  'FIN-WAIT-1': 'yes',
  'FIN-WAIT-2': 'caveat',
  'CLOSE-WAIT': 'no',
  CLOSING: 'yes',
  'LAST-ACK': 'yes',
  'TIME-WAIT': 'no',
  'NEW-SYN-RECV': 'no',
  'BOUND-INACTIVE': 'no',
};

/** Accepted `ss state <kw>` keyword(s) per state (ss.c scan_state); `-B` also lists bound-inactive sockets. */
const SS_KEYWORD: Readonly<Record<StateId, RegExp>> = {
  CLOSED: /\bstate (closed|unconnected)\b/,
  LISTEN: /\bstate listening\b/,
  'SYN-SENT': /\bstate syn-sent\b/,
  'SYN-RECEIVED': /\bstate syn-recv\b/,
  ESTABLISHED: /\bstate established\b/,
  'FIN-WAIT-1': /\bstate fin-wait-1\b/,
  'FIN-WAIT-2': /\bstate fin-wait-2\b/,
  'CLOSE-WAIT': /\bstate close-wait\b/,
  CLOSING: /\bstate closing\b/,
  'LAST-ACK': /\bstate last-ack\b/,
  'TIME-WAIT': /\bstate time-wait\b/,
  'NEW-SYN-RECV': /\bstate syn-recv\b/,
  'BOUND-INACTIVE': /(\bstate bound-inactive\b|^ss -[a-zA-Z]*B\b)/,
};

const REQUIRED_TERMS = [
  'net.ipv4.tcp_max_orphans', 'net.ipv4.tcp_orphan_retries', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_max_tw_buckets', 'net.ipv4.tcp_mem', 'net.ipv4.tcp_retries2', 'net.ipv4.tcp_tw_reuse',
  'net.ipv4.tcp_tw_recycle', 'net.ipv4.tcp_syn_retries', 'net.ipv4.tcp_synack_retries',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rfc1337', 'net.ipv4.tcp_abort_on_overflow', 'net.ipv4.tcp_max_syn_backlog',
  'net.ipv4.tcp_tw_reuse_delay', 'net.ipv4.tcp_rto_max_ms',
  'sockstat.sockets-used', 'sockstat.inuse', 'sockstat.orphan', 'sockstat.tw', 'sockstat.alloc', 'sockstat.mem',
  'TcpExtTCPAbortOnMemory', 'TcpExtTCPAbortOnTimeout', 'TcpExtTCPAbortOnLinger', 'TcpExtTCPAbortOnClose',
  'TcpExtTCPAbortOnData', 'TcpExtTCPAbortFailed', 'TcpExtTCPTimeWaitOverflow', 'TcpExtTCPMemoryPressures',
  'TcpExtTCPMemoryPressuresChrono', 'TcpExtTCPAbortOnSyn', 'TcpExtTCPACKSkippedFinWait2',
] as const;

/** `netstat -s` (net-tools) wordings from the facts table §4.4. */
const NETSTAT_S_WORDING: Readonly<Record<string, string>> = {
  TcpExtTCPAbortOnMemory: 'connections aborted due to memory pressure',
  TcpExtTCPAbortOnTimeout: 'connections aborted due to timeout',
  TcpExtTCPAbortOnLinger: 'connections aborted after user close in linger timeout',
  TcpExtTCPAbortOnClose: 'connections reset due to early user close',
  TcpExtTCPAbortOnData: 'connections reset due to unexpected data',
  TcpExtTCPAbortFailed: 'times unable to send RST due to no memory',
  TcpExtTCPAbortOnSyn: 'connections reset due to unexpected SYN',
};

/** Kernel log lines: the text each must be matched by (without the optional "TCP: " prefix). */
const MESSAGE_TEXT: ReadonlyArray<readonly [string, string]> = [
  ['TCP: too many orphaned sockets', 'too many orphaned sockets'],
  ['TCP: out of memory -- consider tuning tcp_mem', 'out of memory -- consider tuning tcp_mem'],
  ['Out of socket memory', 'Out of socket memory'],
  ['TCP: too many of orphaned sockets', 'too many of orphaned sockets'],
  ['TCP: time wait bucket table overflow', 'time wait bucket table overflow'],
  ['TCP established hash table entries: 524288 (order: 10, 4194304 bytes)', 'TCP established hash table entries'],
  ['TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.  Check SNMP counters.', 'Possible SYN flooding on port'],
  ['TCP: request_sock_TCPv6: Possible SYN flooding on port [::]:443. Dropping request.', 'Possible SYN flooding on port'],
];

// ----------------------------------------------------------------------------------------------------------
// helpers: walk the catalogue generically
// ----------------------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isLocalized(v: unknown): v is Localized {
  return isRecord(v) && typeof v['en'] === 'string' && typeof v['zh-cn'] === 'string';
}
function isFact(v: unknown): v is Fact {
  return isRecord(v) && isLocalized(v['text']) && typeof v['source'] === 'string';
}

interface Found<T> {
  readonly path: string;
  readonly value: T;
}

function walk(v: unknown, path: string, visit: (value: unknown, path: string) => void): void {
  visit(v, path);
  if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`, visit));
  else if (isRecord(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`, visit);
}

function collect<T>(root: unknown, rootName: string, pred: (v: unknown) => v is T): Found<T>[] {
  const out: Found<T>[] = [];
  walk(root, rootName, (value, path) => {
    if (pred(value)) out.push({ path, value });
  });
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';

const ROOTS: ReadonlyArray<readonly [string, unknown]> = [
  ['STATE_KNOWLEDGE', STATE_KNOWLEDGE],
  ['TERMS', TERMS],
];
const allLocalized = ROOTS.flatMap(([name, root]) => collect(root, name, isLocalized));
const allFacts = ROOTS.flatMap(([name, root]) => collect(root, name, isFact));
const allStrings = ROOTS.flatMap(([name, root]) => collect(root, name, isString));

const CJK = /[\u3400-\u9fff]/;
/** Values such as "60" or "15" that read the same in every language. */
const LANGUAGE_NEUTRAL = /^[\d\s.,/%()+-]+$/;
const HTML_TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/;

// ----------------------------------------------------------------------------------------------------------
// states
// ----------------------------------------------------------------------------------------------------------

test('every state id has an entry whose id matches its key, and nothing else', () => {
  assert.deepEqual(Object.keys(STATE_KNOWLEDGE).sort(), [...STATE_IDS].sort());
  for (const id of STATE_IDS) assert.equal(STATE_KNOWLEDGE[id].id, id);
});

test('orphan verdicts: FIN-WAIT-1, CLOSING, LAST-ACK yes; FIN-WAIT-2 caveat; all others no', () => {
  for (const id of STATE_IDS) {
    assert.equal(STATE_KNOWLEDGE[id].orphan.verdict, EXPECTED_VERDICT[id], id);
  }
});

test('each state lists its own sockets first, with an `ss` command and the right filter keyword', () => {
  for (const id of STATE_IDS) {
    const first = STATE_KNOWLEDGE[id].commands[0];
    assert.ok(first !== undefined, `${id}: no commands`);
    assert.match(first, /^ss\s/, `${id}: first command is not ss: ${first}`);
    assert.match(first, SS_KEYWORD[id], `${id}: wrong ss filter in ${first}`);
    assert.doesNotMatch(first, /\bstate listen\b/, `${id}: ss has no "listen" keyword`);
    assert.doesNotMatch(first, /\bnew-syn-recv\b/, `${id}: ss rejects new-syn-recv`);
  }
});

test('NEW-SYN-RECV explains that ss rejects new-syn-recv and shows request socks as SYN-RECV', () => {
  const k = STATE_KNOWLEDGE['NEW-SYN-RECV'];
  assert.ok(k.pitfalls.some((p) => p.text.en.includes('new-syn-recv') && p.text.en.includes('syn-recv')));
  assert.ok(k.pitfalls.some((p) => p.text.en.includes('0C')));
});

test('every sysctl and counter referenced from a state exists in TERMS with the right kind', () => {
  for (const id of STATE_IDS) {
    const o = STATE_KNOWLEDGE[id].orphan;
    for (const s of o.sysctls) {
      assert.match(s, /^net\.ipv4\./, `${id}: sysctl must be a full key: ${s}`);
      assert.equal(findTerm(s)?.kind, 'sysctl', `${id}: unknown sysctl ${s}`);
    }
    for (const c of o.counters) {
      const kind = findTerm(c)?.kind;
      assert.ok(kind === 'counter' || kind === 'sockstat', `${id}: unknown counter ${c}`);
    }
  }
});

test('peer states are valid state ids', () => {
  for (const id of STATE_IDS) {
    const peer = STATE_KNOWLEDGE[id].peer;
    if (peer) assert.ok((STATE_IDS as readonly string[]).includes(peer.state), `${id}: peer ${peer.state}`);
  }
});

test('every state has at least one pitfall and no empty command', () => {
  for (const id of STATE_IDS) {
    const k = STATE_KNOWLEDGE[id];
    assert.ok(k.pitfalls.length > 0, `${id}: no pitfalls`);
    for (const c of k.commands) assert.ok(c.trim().length > 0 && !c.includes('\n'), `${id}: bad command`);
  }
});

test('subtle truths: orphan accounting per state', () => {
  const counters = (id: StateId): readonly string[] => STATE_KNOWLEDGE[id].orphan.counters;
  const sysctls = (id: StateId): readonly string[] => STATE_KNOWLEDGE[id].orphan.sysctls;
  for (const id of ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'] as const) {
    assert.ok(counters(id).includes('sockstat.orphan'), id);
    assert.ok(sysctls(id).includes('net.ipv4.tcp_orphan_retries'), id);
    assert.ok(sysctls(id).includes('net.ipv4.tcp_max_orphans'), id);
  }
  // TIME-WAIT is a minisock counted in tw, bounded by tcp_max_tw_buckets, not tied to tcp_fin_timeout.
  assert.ok(counters('TIME-WAIT').includes('sockstat.tw'));
  assert.ok(!counters('TIME-WAIT').includes('sockstat.orphan'));
  assert.ok(sysctls('TIME-WAIT').includes('net.ipv4.tcp_max_tw_buckets'));
  assert.ok(!sysctls('TIME-WAIT').includes('net.ipv4.tcp_fin_timeout'));
  assert.match(STATE_KNOWLEDGE['TIME-WAIT'].lifetime.text.en, /60 s/);
  // FIN-WAIT-2 by default is a minisock (tw); with a longer fin timeout a full orphan.
  assert.ok(counters('FIN-WAIT-2').includes('sockstat.tw'));
  assert.ok(counters('FIN-WAIT-2').includes('sockstat.orphan'));
  assert.ok(sysctls('FIN-WAIT-2').includes('net.ipv4.tcp_fin_timeout'));
  // CLOSE-WAIT is never an orphan and no orphan sysctl bounds it.
  assert.ok(!counters('CLOSE-WAIT').includes('sockstat.orphan'));
  assert.ok(!sysctls('CLOSE-WAIT').some((s) => /orphan|fin_timeout/.test(s)));
  // The pitfalls of §4.7 are attached where they belong.
  const pit = (id: StateId, re: RegExp): boolean => STATE_KNOWLEDGE[id].pitfalls.some((p) => re.test(p.text.en));
  assert.ok(pit('TIME-WAIT', /Orphans are TIME-WAIT/));
  assert.ok(pit('TIME-WAIT', /tcp_fin_timeout shortens TIME-WAIT/));
  assert.ok(pit('CLOSE-WAIT', /CLOSE-WAIT sockets are orphans/));
  assert.ok(pit('FIN-WAIT-1', /rejects new connections/));
  assert.ok(pit('FIN-WAIT-1', /Orphans do not retransmit/));
  assert.ok(pit('LAST-ACK', /Orphans do not retransmit/));
  assert.ok(pit('LISTEN', /listening/));
});

// ----------------------------------------------------------------------------------------------------------
// terms
// ----------------------------------------------------------------------------------------------------------

test('term ids are unique, TERM_BY_ID and findTerm agree with TERMS', () => {
  const ids = TERMS.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate term id');
  assert.equal(TERM_BY_ID.size, TERMS.length);
  for (const t of TERMS) {
    assert.equal(TERM_BY_ID.get(t.id), t);
    assert.equal(findTerm(t.id), t);
  }
  assert.equal(findTerm('net.ipv4.no_such_knob'), undefined);
});

test('all required terms are present', () => {
  for (const id of REQUIRED_TERMS) assert.ok(findTerm(id), `missing term ${id}`);
});

test('term ids follow the convention of their kind', () => {
  for (const t of TERMS) {
    switch (t.kind) {
      case 'sysctl':
        assert.match(t.id, /^net\.(?:ipv4|core)\.[a-z0-9_]+$/, t.id);
        assert.equal(t.title, t.id);
        break;
      case 'sockstat':
        assert.match(t.id, /^sockstat\.[a-z-]+$/, t.id);
        break;
      case 'counter':
        assert.match(t.id, /^TcpExt[A-Za-z0-9]+$/, t.id);
        assert.ok(t.aliases.includes(t.id.slice('TcpExt'.length)), `${t.id}: /proc/net/netstat spelling missing`);
        break;
      case 'message':
        assert.match(t.id, /^msg\.[a-z0-9-]+$/, t.id);
        assert.ok(t.aliases.length > 0, `${t.id}: no text to match`);
        break;
    }
  }
});

test('only tcp_tw_recycle is marked removed (in 4.12)', () => {
  const removed = TERMS.filter((t) => t.removed !== undefined).map((t) => t.id);
  assert.deepEqual(removed, ['net.ipv4.tcp_tw_recycle']);
  assert.match(findTerm('net.ipv4.tcp_tw_recycle')?.removed?.en ?? '', /4\.12/);
});

test('counters carry the exact net-tools `netstat -s` wording', () => {
  for (const [id, wording] of Object.entries(NETSTAT_S_WORDING)) {
    assert.ok(findTerm(id)?.aliases.includes(wording), `${id}: missing "${wording}"`);
  }
  assert.match(findTerm('TcpExtTCPAbortOnSyn')?.summary.en ?? '', /unrelated to orphans/);
});

test('kernel messages are matched by their text, without the optional "TCP: " prefix', () => {
  const messages = TERMS.filter((t) => t.kind === 'message');
  for (const [logLine, text] of MESSAGE_TEXT) {
    const hits = messages.filter((m) => m.aliases.some((a) => logLine.toLowerCase().includes(a.toLowerCase())));
    assert.ok(hits.length > 0, `no message term matches "${logLine}"`);
    assert.ok(hits.some((m) => m.aliases.includes(text)), `"${text}" is not an alias`);
  }
  // The prefixed and unprefixed forms of the same line must hit the same single term.
  for (const line of ['TCP: too many orphaned sockets', 'too many orphaned sockets']) {
    const hits = messages.filter((m) => m.aliases.some((a) => line.includes(a)));
    assert.deepEqual(hits.map((m) => m.id), ['msg.too-many-orphaned-sockets'], line);
  }
  for (const m of messages) {
    for (const a of m.aliases) assert.ok(!a.startsWith('TCP: '), `${m.id}: alias keeps the optional prefix: ${a}`);
  }
});

test('sockstat fields: ss -s aliases, units and scope', () => {
  assert.ok(findTerm('sockstat.orphan')?.aliases.includes('orphaned'));
  assert.ok(findTerm('sockstat.tw')?.aliases.includes('timewait'));
  assert.equal(findTerm('sockstat.orphan')?.scope, 'host');
  assert.equal(findTerm('sockstat.tw')?.scope, 'netns');
  assert.equal(findTerm('sockstat.mem')?.scope, 'host');
  assert.match(findTerm('sockstat.mem')?.unit?.en ?? '', /pages/);
  assert.match(findTerm('net.ipv4.tcp_mem')?.unit?.en ?? '', /pages/);
  assert.equal(findTerm('net.ipv4.tcp_max_orphans')?.scope, 'host');
  assert.equal(findTerm('net.ipv4.tcp_mem')?.scope, 'host');
  assert.equal(findTerm('net.ipv4.tcp_max_tw_buckets')?.scope, 'netns');
  assert.match(findTerm('net.ipv4.tcp_orphan_retries')?.defaultValue?.en ?? '', /^0 .*8/);
});

test('related ids of every term resolve to a state or a term', () => {
  const states = new Set<string>(STATE_IDS);
  for (const t of TERMS) {
    for (const r of t.related) {
      assert.ok(states.has(r) || TERM_BY_ID.has(r), `${t.id}: unknown related id ${r}`);
      assert.notEqual(r, t.id, `${t.id}: relates to itself`);
    }
  }
});

// ----------------------------------------------------------------------------------------------------------
// texts and sources
// ----------------------------------------------------------------------------------------------------------

test('every Localized has non-empty en and zh-cn, single-line, and zh-cn is written in Chinese', () => {
  assert.ok(allLocalized.length > 100);
  for (const { path, value } of allLocalized) {
    assert.ok(value.en.trim().length > 0, `${path}: empty en`);
    assert.ok(value['zh-cn'].trim().length > 0, `${path}: empty zh-cn`);
    assert.ok(!value.en.includes('\n') && !value['zh-cn'].includes('\n'), `${path}: multi-line text`);
    const neutral = value.en === value['zh-cn'] && LANGUAGE_NEUTRAL.test(value.en);
    if (!neutral) assert.match(value['zh-cn'], CJK, `${path}: zh-cn has no CJK characters`);
    assert.doesNotMatch(value.en, CJK, `${path}: en contains CJK characters`);
  }
});

test('every fact has a source whose keys exist in the facts file', () => {
  assert.ok(allFacts.length > 50);
  for (const { path, value } of allFacts) {
    assert.ok(value.source.trim().length > 0, `${path}: empty source`);
    for (const part of value.source.split(';')) {
      const key = part.trim().split(/\s+/)[0] ?? '';
      assert.ok(VALID_SOURCE_KEYS.has(key), `${path}: unknown source key "${key}" in "${value.source}"`);
    }
  }
});

test('no text or command contains a raw HTML tag', () => {
  for (const { path, value } of allStrings) {
    assert.doesNotMatch(value, HTML_TAG, `${path}: ${value}`);
  }
});
