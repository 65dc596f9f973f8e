/**
 * fast-check arbitraries for random notes: every top-level construct the analysis meets (paragraphs with
 * inline syntax, headings, setext, loose and tight lists, tables, quotes, fences of every shape, indented
 * code, HTML blocks, definitions, footnotes, pasted output), glued with random blank lines.
 */
import * as fc from 'fast-check';
import type { NoteModel } from '../../src/core/note/model';

const WORDS = [
  // states in many spellings, some only in capitals, some ss filter keywords
  'FIN-WAIT-1', 'FIN_WAIT1', 'fin-wait-1', 'FinWait2', 'TIME_WAIT', 'TIME-WAIT', 'CLOSE_WAIT', 'LAST-ACK', 'ESTAB', 'ESTABLISHED',
  'established', 'LISTEN', 'listen', 'CLOSED', 'closed', 'CLOSING', 'SYN_RECV', 'SYN-SENT', 'TCP_FIN_WAIT2', 'FIN\\_WAIT\\_2',
  'SYN RCVD', 'FIN WAIT 2', 'bucket', 'all', 'connected', '04', '0A',
  // terms
  'tcp_max_orphans', 'net.ipv4.tcp_fin_timeout', '/proc/sys/net/ipv4/tcp_orphan_retries', 'TcpExtTCPAbortOnMemory', 'TCPAbortOnTimeout',
  'too many orphaned sockets', 'TCP: out of memory -- consider tuning tcp_mem', 'orphan', 'tw', 'inuse 5',
  // ordinary words, CJK
  'the', 'socket', 'was', 'closed by', 'peer', 'window', 'state', 'exclude', 'ss', 'sudo ss -tan state', 'kernel', '孤儿', '处于CLOSE_WAIT状态', '连接',
  // inline syntax
  '*', '_', '**bold**', '_em_', '`', '``', '`code FIN_WAIT1`', '`` a ` b ``', '[', ']', '(', ')', '[link](https://x.org/FIN_WAIT1)', '[FIN-WAIT-1](#a)',
  '[ref]', '[ref][]', '[x][ref]', '[^1]', '![img LAST_ACK](u.png)', '<', '>', '<span>', '<b>FIN_WAIT1</b>', '<img src=x onerror="FIN_WAIT1">',
  '|', '\\', '\\*', '&amp;', '&', '&#35;', '#', '!', '~', '~~gone~~', ':', 'https://example.com/TIME_WAIT', 'www.example.com', 'a@b.co',
  '<https://x.org>', '->', '→', '=>', 'to', '进入', 'timer:(timewait,1sec,0)', '…',
];

const word = fc.constantFrom(...WORDS);
const line = fc.array(word, { minLength: 1, maxLength: 9 }).map((ws) => ws.join(' '));
const lines = (min: number, max: number) => fc.array(line, { minLength: min, maxLength: max });

const SS_ROWS = [
  'State      Recv-Q Send-Q Local Address:Port Peer Address:Port',
  'FIN-WAIT-1 0      1000   10.0.0.1:443       10.0.0.2:5000',
  'ESTAB      0      0      10.0.0.1:22        10.0.0.9:41000',
  'CLOSE-WAIT 1      0      10.0.0.1:8080      10.0.0.3:3333',
  'tcp        0      0 10.0.0.5:443            10.0.1.41:49811         TIME_WAIT   -',
  'TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150',
  'TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)',
  'sockets: used 1234',
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000',
  '$ ss -tan state fin-wait-1',
  // a listing of UDP sockets (note/otherProtocolListing.ts: its states are no TCP states)
  '$ ss -uan',
  'UNCONN     0      0      0.0.0.0:68         0.0.0.0:*',
  'net.ipv4.tcp_max_orphans = 131072',
  'TcpExtTCPAbortOnMemory          8123               0.0',
  '',
];
const dumpLines = fc.array(fc.constantFrom(...SS_ROWS), { minLength: 1, maxLength: 8 });

const paragraph = lines(1, 3).map((ls) => ls.join('\n'));
const heading = fc
  .tuple(fc.integer({ min: 1, max: 7 }), line, fc.constantFrom('', ' #', ' ##', '#', '   '), fc.constantFrom('', ' ', '  '))
  .map(([n, l, close, pad]) => `${pad}${'#'.repeat(n)} ${l}${close}`);
const setext = fc.tuple(line, fc.constantFrom('===', '---', '-', '= =')).map(([l, u]) => `${l}\n${u}`);
const listItem = fc
  .tuple(fc.constantFrom('-', '*', '+', '1.', '2)', '10.'), fc.constantFrom(' ', '  ', '    ', '     '), line, fc.constantFrom('', '  ', '    '), fc.option(line))
  .map(([m, sp, l, indent, cont]) => `${indent}${m}${sp}${l}${cont === null ? '' : `\n${indent}  ${cont}`}`);
const list = fc
  .tuple(fc.array(listItem, { minLength: 1, maxLength: 5 }), fc.constantFrom('\n', '\n\n'))
  .map(([items, sep]) => items.join(sep));
const cell = fc.array(word, { minLength: 0, maxLength: 3 }).map((ws) => ws.join(' ').replace(/\|/g, ''));
const table = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('---', ':--', '-:', ':-:'))
  .map(([n, rows, pipes, d]) => {
    const row = (cs: string[]) => (pipes ? `| ${cs.join(' | ')} |` : cs.join(' | '));
    const header = Array.from({ length: n }, (_, i) => `h${i}`);
    return [row(header), row(header.map(() => d)), ...rows.map(row)].join('\n');
  });
const quote = fc
  .tuple(lines(1, 3), fc.constantFrom('> ', '>', '> > ', '', ' > ', '  > ', '- > ', '1. > '), fc.boolean())
  .map(([ls, p, lazy]) => ls.map((l, i) => (lazy && i > 0 ? l : `${p}${l}`)).join('\n'));
const fence = fc
  .tuple(
    fc.constantFrom('```', '````', '~~~', '~~~~'),
    fc.constantFrom('', ' ', '  ', '   '),
    fc.constantFrom('', 'sh', 'text', ' sh extra', 'a\\*b', 'a&amp;b', 'x`y', '~~~', 'FIN_WAIT1'),
    fc.array(fc.oneof(fc.constantFrom(...SS_ROWS), line, fc.constantFrom('```', '~~~', '`````', '    ```', '')), { minLength: 0, maxLength: 8 }),
    fc.constantFrom('same', 'longer', 'shorter', 'none', 'indented', 'trailing'),
  )
  .map(([f, indent, info, body, close]) => {
    const c = f[0] as string;
    const closer =
      close === 'same' ? f : close === 'longer' ? f + c : close === 'shorter' ? c.repeat(2) : close === 'indented' ? `  ${f}` : close === 'trailing' ? `${f}  ` : undefined;
    return [`${indent}${f}${info}`, ...body, ...(closer === undefined ? [] : [closer])].join('\n');
  });
const indentedCode = lines(1, 3).map((ls) => ls.map((l) => `    ${l}`).join('\n'));
const html = fc
  .tuple(fc.constantFrom('<div>', '<!--', '<script>', '<pre>', '<?php', '<![CDATA[', '<custom-tag>', '</div>', '<svg onload="x">'), lines(0, 3), fc.constantFrom('</div>', '-->', '</script>', '</pre>', '?>', ']]>', ''))
  .map(([open, ls, close]) => [open, ...ls, close].join('\n'));
const definition = fc.constantFrom('[ref]: https://example.com/FIN_WAIT1 "FIN_WAIT2 title"', '[Ref]: <u>', '[^1]: footnote about LAST_ACK', '[x]: /u', '[^note]: CLOSE_WAIT');
const thematic = fc.constantFrom('---', '***', '___', '- - -');
const dump = dumpLines.map((ls) => ls.join('\n'));
const fencedDump = fc.tuple(fc.constantFrom('```', '```sh', '~~~text'), dumpLines).map(([o, ls]) => `${o}\n${ls.join('\n')}\n${o.slice(0, 3)}`);

export const block = fc.oneof(
  { arbitrary: paragraph, weight: 5 },
  { arbitrary: heading, weight: 2 },
  { arbitrary: setext, weight: 1 },
  { arbitrary: list, weight: 3 },
  { arbitrary: table, weight: 2 },
  { arbitrary: quote, weight: 2 },
  { arbitrary: fence, weight: 3 },
  { arbitrary: fencedDump, weight: 3 },
  { arbitrary: indentedCode, weight: 1 },
  { arbitrary: html, weight: 2 },
  { arbitrary: definition, weight: 1 },
  { arbitrary: thematic, weight: 1 },
  { arbitrary: dump, weight: 1 },
);

const separator = fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n', '\n  \n');

/** A random note of up to `max` blocks. */
export function note(max = 12): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(fc.tuple(block, separator), { minLength: 1, maxLength: max }), fc.boolean())
    .map(([parts, trailing]) => parts.map(([b, s]) => b + s).join('').replace(/\n+$/, trailing ? '\n' : ''));
}

/** Everything in a model that an analysis decides (the text and line index are inputs). */
export function essence(m: NoteModel) {
  return { mentions: m.mentions, evidence: m.evidence, sections: m.sections, transitions: m.transitions };
}

/** What an edit inserts: characters that change block structure, whole blocks, words. */
const insertion = fc.oneof(
  fc.constantFrom('', 'x', ' ', '\n', '\n\n', '\r', ' > ', '`', '```', '```\n', '~~~', '- ', '> ', '# ', '|', '[', ']', '<', '<!--', '-->', '[ref]: /u\n', 'FIN_WAIT1', '    '),
  block,
  word,
);

/** A random edit, relative to whatever text it is applied to: where (a fraction of the length), how much to delete, what to insert. */
export const editSpec = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 40 }), insert: insertion });

export function applyEdit(text: string, e: { at: number; remove: number; insert: string }): { start: number; end: number; next: string } {
  const start = Math.min(text.length, Math.floor(e.at * text.length));
  const end = Math.min(text.length, start + (e.remove > 30 ? 0 : e.remove));
  return { start, end, next: text.slice(0, start) + e.insert + text.slice(end) };
}
