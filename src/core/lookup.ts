/**
 * Resolves a term typed by a user (CLI `explain`, the explain command) in any spelling: a state in any family,
 * a sysctl with or without `net.ipv4.` / `net.core.` / `/proc/sys/net/…/`, a counter with or without `TcpExt`, a sockstat
 * field, a kernel message, an ss aggregate. Unlike the note recogniser it applies no context rules: the user
 * asked explicitly.
 */
import { lookupStateSpelling, PROC_NET_TCP_HEX, SS_AGGREGATES, type SpellingFamily } from './catalogue/spellings';
import { pluralStateSpelling } from './note/recognize';
import { TERMS } from './catalogue/terms';
import type { StateId, TermKnowledge } from './catalogue/types';

export type Resolved =
  | { readonly kind: 'state'; readonly id: StateId; readonly text: string; readonly families: readonly SpellingFamily[] }
  | { readonly kind: 'term'; readonly term: TermKnowledge; readonly text: string }
  | { readonly kind: 'aggregate'; readonly keyword: string; readonly states: readonly StateId[] };

/**
 * Names of the orphan socket itself, as people ask for it (`explain 孤儿连接`): the sockstat `orphan` term explains
 * it. Only here — the recogniser does not mark these words in notes.
 */
const ORPHAN_NAMES: ReadonlySet<string> = new Set([
  'orphan socket', 'orphan sockets', 'orphaned socket', 'orphaned sockets', 'orphans', 'tcp orphan', 'tcp orphans',
  '孤儿', '孤儿连接', '孤儿套接字', '孤儿socket', '孤儿 socket', '孤儿 tcp', '孤立连接', '孤立套接字',
]);

export function resolveTerm(input: string): Resolved | undefined {
  const found = resolveText(input);
  if (found) return found;
  // Full-width letters and digits as an IME types them (`FIN-WAIT-２`, `ＴＩＭＥ＿ＷＡＩＴ`): read as their ASCII forms.
  const ascii = input.normalize('NFKC');
  return ascii !== input ? resolveText(ascii) : undefined;
}

function resolveText(input: string): Resolved | undefined {
  const text = input.trim().replace(/^`+|`+$/g, '').trim();
  if (!text || text.length > 200) return undefined;
  if (ORPHAN_NAMES.has(text.toLowerCase().replace(/\s+/g, ' '))) {
    const orphan = TERMS.find((t) => t.id === 'sockstat.orphan');
    if (orphan) return { kind: 'term', term: orphan, text };
  }
  const state = lookupStateSpelling(text) ?? lookupStateSpelling(text.toUpperCase());
  if (state) return { kind: 'state', id: state.state, text, families: state.families };
  // A plural (`CLOSE_WAITs`) is the spelling without its `s`: no tool prints the plural.
  const plural = pluralStateSpelling(text);
  if (plural) return { kind: 'state', id: plural.state, text: text.slice(0, -1), families: plural.families };
  const hex = /^(?:0x)?([0-9a-f]{2})$/i.exec(text)?.[1]?.toUpperCase();
  if (hex && PROC_NET_TCP_HEX.has(hex)) return { kind: 'state', id: PROC_NET_TCP_HEX.get(hex) as StateId, text, families: ['proc-hex'] };
  const aggregate = SS_AGGREGATES.get(text.toLowerCase());
  if (aggregate) return { kind: 'aggregate', keyword: text.toLowerCase(), states: aggregate };
  const lower = text.toLowerCase();
  const sysctl = lower.replace(/^\/proc\/sys\/net\/(?:ipv4|core)\//, '').replace(/^net[./](?:ipv4|core)[./]/, '').replace(/\[\d\]$/, '');
  for (const term of TERMS) {
    const id = term.id.toLowerCase();
    if (term.kind === 'sysctl' && (id === `net.ipv4.${sysctl}` || id === `net.core.${sysctl}`)) return { kind: 'term', term, text };
    if (term.kind === 'counter' && (id === lower || id === `tcpext${lower}`)) return { kind: 'term', term, text };
    if (term.kind === 'sockstat' && (id === lower || id === `sockstat.${lower}`)) return { kind: 'term', term, text };
    if (id === lower) return { kind: 'term', term, text };
  }
  const phrase = lower.replace(/^tcp: /, '');
  for (const term of TERMS) {
    if (term.aliases.some((a) => a.toLowerCase() === phrase || a.toLowerCase() === lower)) return { kind: 'term', term, text };
  }
  return messageInLine(lower, text);
}

/** A typed start of a message ("Possible SYN flooding") must be this long to stand for it. */
const MIN_MESSAGE_START = 12;

/**
 * A kernel message in what the user pasted: a whole log line (`[  9.6] TCP: request_sock_TCP: Possible SYN
 * flooding on port 443. Sending cookies.`) contains the message's text; a typed start of it ("Possible SYN
 * flooding") begins one. Only when exactly one message fits, so a vague start resolves to nothing.
 */
function messageInLine(lower: string, text: string): Resolved | undefined {
  const messages = TERMS.filter((t) => t.kind === 'message');
  const within = messages.filter((t) => t.aliases.some((a) => lower.includes(a.toLowerCase())));
  if (within.length === 1 && within[0]) return { kind: 'term', term: within[0], text };
  const phrase = lower.replace(/^tcp: /, '');
  if (within.length > 1 || phrase.length < MIN_MESSAGE_START) return undefined;
  const starts = messages.filter((t) => t.aliases.some((a) => a.toLowerCase().startsWith(phrase)));
  return starts.length === 1 && starts[0] ? { kind: 'term', term: starts[0], text } : undefined;
}
