import { before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { IGrammar } from 'vscode-textmate';
import { grammarFiles, grammarRegexes, INLINE_CODE_SCOPE_NAME, MAIN_SCOPE_NAME, SCOPES, SHELL_COMMENT_SCOPE_NAME } from '../../src/core/grammar';
import { findMentions, type RawMention } from '../../src/core/note/recognize';
import { SPELLING_TABLES } from '../../src/core/catalogue/spellings';
import { STATE_KNOWLEDGE } from '../../src/core/catalogue/states';
import { STATE_IDS, type StateId } from '../../src/core/catalogue/types';
import { compileOniguruma, loadMarkdownGrammar, tokenize } from './grammarHost';
import { repoRoot } from '../support/repo';
import { seedProperties } from '../support/propertySeed';

seedProperties(20261205);

const OUR_SCOPES = new Set<string>(Object.values(SCOPES));

/** What the grammar colours on line 1 of `doc`, as [start, end, scope] with adjacent equal tokens merged. */
function coloured(grammar: IGrammar, doc: string, line: number): [number, number, string][] {
  const out: [number, number, string][] = [];
  for (const t of tokenize(grammar, doc)) {
    if (t.line !== line) continue;
    const scope = [...t.scopes].reverse().find((s) => OUR_SCOPES.has(s));
    if (!scope) continue;
    const last = out[out.length - 1];
    if (last && last[1] === t.start && last[2] === scope) last[1] = t.end;
    else out.push([t.start, t.end, scope]);
  }
  return out;
}

function scopeOfMention(m: RawMention): string {
  if (m.kind === 'state') {
    const v = STATE_KNOWLEDGE[m.id as StateId].orphan.verdict;
    return v === 'yes' ? SCOPES.orphan : v === 'caveat' ? SCOPES.caveat : SCOPES.notOrphan;
  }
  if (m.kind === 'aggregate') return SCOPES.aggregate;
  return SCOPES[m.kind];
}

/** What the recogniser finds, in the grammar's terms. */
function recognised(line: string): [number, number, string][] {
  return findMentions(line).map((m) => [m.start, m.end, scopeOfMention(m)]);
}

describe('syntaxes/*.tmLanguage.json', () => {
  it('equal what src/core/grammar.ts generates now (regenerate with scripts/gen-grammar.ts)', () => {
    for (const { path, text } of grammarFiles()) assert.equal(readFileSync(join(repoRoot(), path), 'utf8'), text, `${path} is stale`);
  });

  it('are contributed by the manifest as injections into Markdown', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const byScope = new Map(pkg.contributes.grammars.map((g) => [g.scopeName, g] as const));
    for (const { path } of grammarFiles()) {
      const scopeName = (JSON.parse(readFileSync(join(repoRoot(), path), 'utf8')) as { scopeName: string }).scopeName;
      const g = byScope.get(scopeName);
      assert.ok(g, `${scopeName} is not contributed`);
      assert.equal(join(g.path), join(path));
      assert.deepEqual(g.injectTo, ['text.html.markdown']);
    }
    assert.deepEqual([...byScope.keys()].filter((s) => s.startsWith('markdown.tcp-states')).sort(), [INLINE_CODE_SCOPE_NAME, MAIN_SCOPE_NAME, SHELL_COMMENT_SCOPE_NAME].sort());
  });
});

/**
 * True when a group that contains a quantifier is itself repeated (`(a+)*`, `(?:x{1,3}){2,}`): the shape of
 * catastrophic backtracking. An optional group (`(…)?`) does not repeat. Character classes and escapes are
 * skipped; look-arounds count as groups (a repeated look-around is as suspicious as any).
 */
function hasNestedRepetition(source: string): boolean {
  const stack: boolean[] = [false];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      continue;
    }
    if (c === '(') {
      stack.push(false);
      if (source[i + 1] === '?') i++; // (?:, (?=, (?<=, … — the `?` is not a quantifier
      continue;
    }
    const quantifier = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)));
    if (c === ')') {
      const inner = stack.pop() ?? false;
      const next = source[i + 1];
      const repeats = next === '*' || next === '+' || (next === '{' && !/^\{(0,)?1\}/.test(source.slice(i + 1)));
      if (inner && repeats) return true;
      if (inner) stack[stack.length - 1] = true;
      continue;
    }
    if (quantifier) stack[stack.length - 1] = true;
  }
  return false;
}

describe('grammar regexes', () => {
  it("compile in Oniguruma (the editor); the main grammar's also in JavaScript (the recogniser's engine)", async () => {
    const regexes = grammarRegexes();
    assert.ok(regexes.filter((r) => r.grammar === MAIN_SCOPE_NAME).length > 10);
    for (const { grammar, rule, source } of regexes) {
      await assert.doesNotReject(compileOniguruma(source), `${rule}: ${source.slice(0, 80)}`);
      if (grammar === MAIN_SCOPE_NAME) assert.doesNotThrow(() => new RegExp(source), `${rule} is not valid JS`);
    }
  });

  it('are linear: no repeated group contains a quantifier', () => {
    assert.equal(hasNestedRepetition('(a+)*'), true);
    assert.equal(hasNestedRepetition('(?:x{1,3}){2,}'), true);
    assert.equal(hasNestedRepetition('(?:[-_]|\\\\_)?[Ww]'), false);
    assert.equal(hasNestedRepetition('(?<=ss\\s(?:[^\\n]{0,200}[\\s(])?state)'), false);
    for (const { rule, source } of grammarRegexes()) assert.equal(hasNestedRepetition(source), false, `${rule} has a nested repetition`);
  });
});

describe('grammar and recogniser agree (real TextMate engine, vendored Markdown grammar)', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadMarkdownGrammar(repoRoot());
  });

  const spellings = [...SPELLING_TABLES.exact.keys(), ...STATE_IDS];
  const variants = spellings.flatMap((s) => [s, s.toLowerCase(), s.toUpperCase(), s.replace(/-/g, '_'), s.replace(/[-_]/g, ''), s.replace(/[-_]/g, '\\_')]);
  const piece = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...variants) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('TCP_', 'TCPS_', 'BPF_TCP_', 'TCP\\_', 'MIB_TCP_STATE_', 'tcp_', 'TCP'), fc.constantFrom(...variants))
        .map(([prefix, s]) => prefix + s),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'LAST_LOCK', 'FIN_WAIT3', 'LISTENER_BACKLOG', 'tcp_close()', 'CLOSE_WAITING', 'Closed', 'closed', 'listen', 'Established',
        'FIN WAIT 2', 'SYN RCVD', 'LAST ACK', 'CLOSE WAIT', 'TIME WAIT', 'NEW SYN RECV', 'FINWAIT 1',
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom('https://example.com/', 'http://x.org/a?s=', 'www.example.com/', 'mailto:', 'see://', '://') },
    { weight: 2, arbitrary: fc.constantFrom('ss', 'sudo ss -tan', 'ss -tn', 'state', 'exclude', 'connected', 'all', 'bucket', 'big', 'timer:(', '$(ss') },
    // Timers and the English-word states used as English: netstat -o timers, ticket workflow, `Status:`, `LISTEN UP`.
    {
      weight: 2,
      arbitrary: fc.constantFrom('timewait (38.12/0/0)', ' (1/0/0)', ' (0.00/', 'IN PROGRESS', 'RESOLVED', 'WONTFIX', 'Status:', '**Status:**', '工单状态：', '连接状态：', 'UP', ' UP', '- '),
    },
    // Lower-case spaced spellings and the state nouns that make them states.
    {
      weight: 2,
      arbitrary: fc.constantFrom('time wait', 'close wait', 'fin wait 2', 'fin wait 1', 'last ack', 'syn recv', 'syn sent', 'state', 'sockets', 'connections', 'states', 'statement'),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'net.ipv4.tcp_max_orphans', 'tcp_fin_timeout', '/proc/sys/net/ipv4/tcp_mem', 'net/ipv4/tcp_orphan_retries', 'TcpExtTCPAbortOnMemory',
        'TCPAbortOnTimeout', ' TCP: too many orphaned sockets', ' Out of socket memory', 'connections aborted due to timeout', 'tcp_memx',
        'fin_timeout', 'max_orphans', 'tw_reuse_delay',
      ),
    },
    { weight: 2, arbitrary: fc.constantFrom('状态', '处于', '，', '。', '连接', 'x', '1', '42', 'and', 'the socket was') },
    // The first column of a listing row of another protocol (otherProtocolRow.ts), and the numbers after it.
    { weight: 1, arbitrary: fc.constantFrom('udp', 'u_str', 'unix', 'raw6', 'mptcp', 'tcp', '0', '0 0', '2 STREAM') },
    // Plurals (`TIME_WAITs`, `TIME_WAITS`) when glued to a spelling; words a full-width separator joins into one
    // (`TIME＿WAIT`). Never two separators in a row: the grammar, like every spelling, allows one between words.
    { weight: 1, arbitrary: fc.constantFrom('s', 'S', 'Ss', 'TIME', 'WAIT', 'FIN', 'CLOSE', 'LAST', 'ACK', '2') },
  );
  const separator = fc.constantFrom(' ', ' ', ' ', '', '-', '_', '.', '/', ':', '(', ')', ',', '=', '"', "'", '|', ';', '\u3000', '＿', '－');
  const line = fc
    .array(fc.tuple(piece, separator), { minLength: 1, maxLength: 12 })
    .map((parts) => parts.map(([p, s]) => p + s).join(''))
    .filter((l) => !l.includes('`'));

  const runs = Number(process.env.TSN_FC_RUNS ?? 3000);

  it('colour exactly what findMentions finds, by orphan class, on random lines in a fenced code block', () => {
    let mentions = 0;
    fc.assert(
      fc.property(line, (l) => {
        const expected = recognised(l);
        mentions += expected.length;
        assert.deepEqual(coloured(grammar, `\`\`\`\n${l}\n\`\`\``, 1), expected, JSON.stringify(l));
      }),
      { numRuns: runs },
    );
    assert.ok(mentions > runs, `only ${mentions} mentions in ${runs} lines: the generator lost its point`);
  });

  it('colour the same on listing rows that start with a protocol column (otherProtocolRow.ts)', () => {
    const row = fc
      .tuple(fc.constantFrom('udp', 'u_str', 'unix', 'raw6', 'nl', 'mptcp', 'tcp', ' udp', '\tudp'), fc.constantFrom(' ', '   ', '\t', ''), fc.constantFrom('', '0 0 ', '0 0 10.0.0.5:53 ', '0  0  *.123 ', '2 STREAM ', '2 [ ACC ] ', '53 '), line)
      .map(([netid, gap, numbers, l]) => `${netid}${gap}${numbers}${l}`);
    fc.assert(
      fc.property(row, (l) => {
        assert.deepEqual(coloured(grammar, `\`\`\`\n${l}\n\`\`\``, 1), recognised(l), JSON.stringify(l));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('colour the same on output lines quoted in a block quote (recognize.ts OUTPUT_LINE_START)', () => {
    const output = fc.constantFrom('TCP:   8760 (estab 512, closed 30, orphaned 37, timewait 8120)', 'TCP: inuse 512 orphan 37 tw 8120 alloc 640 mem 2150', 'sockets: used 12', 'TCP6: inuse 8', '');
    const quoted = fc
      .tuple(fc.constantFrom('> ', '>', '> > ', ' > ', '>    '), output, line)
      .map(([quote, out, l]) => `${quote}${out}${out ? ' ' : ''}${l}`);
    fc.assert(
      fc.property(quoted, (l) => {
        assert.deepEqual(coloured(grammar, `Notes:\n\n${l}\n`, 2), recognised(l), JSON.stringify(l));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('colour the same in a prose paragraph, where the Markdown inline rules run too', () => {
    fc.assert(
      fc.property(line, (l) => {
        assert.deepEqual(coloured(grammar, `Notes:\n${l}\n`, 1), recognised(l), JSON.stringify(l));
      }),
      { numRuns: runs },
    );
  });

  it('colour the same inside inline code (our copy of the Markdown `raw` rule)', () => {
    fc.assert(
      fc.property(line, (l) => {
        const text = `See \`${l}\` and ${l}`;
        assert.deepEqual(coloured(grammar, `Notes:\n${text}\n`, 1), recognised(text), JSON.stringify(text));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('colour the same inside `#` comments of shell fences (our copy of the shell comment rule)', () => {
    fc.assert(
      fc.property(line, (l) => {
        const text = `ss -tan  # ${l}`;
        assert.deepEqual(coloured(grammar, `\`\`\`sh\n${text}\n\`\`\``, 1), recognised(text), JSON.stringify(text));
      }),
      { numRuns: Math.ceil(runs / 3) },
    );
  });

  it('agree on known lines', () => {
    const cases = [
      '处于CLOSE_WAIT状态的连接，TIME_WAIT也不算',
      'FIN_WAIT1 LISTENER_BACKLOG tcp_close() LAST_LOCK FIN_WAIT3 x-FIN_WAIT1 TCP_FIN_WAIT1 TCPS_FIN_WAIT_2 _LAST_ACK_',
      'The socket was closed; listen(); CLOSED LISTEN ESTAB UNCONN',
      'https://example.com/FIN_WAIT1 www.example.com/LAST_ACK mailto:CLOSE_WAIT@x.org FIN_WAIT1://x',
      // A URL ends at a full-width joiner inside a token; the token is still in the URL (CI found the first one).
      'https://example.com/.LAST＿ACK CLOSED www.example.com/FIN－WAIT－2 mailto:x@y.org/TIME＿WAIT 见https://x.org/CLOSE＿WAIT。',
      'ss -tan state established exclude listening state closing; echo closing',
      'ss -tan state closing_ exclude all_ state _listening',
      'ss -tanoi state time-wait timer:(timewait,12sec,0) timer:(TIME_WAIT',
      'net.ipv4.tcp_max_orphans=65536 /proc/sys/net/ipv4/tcp_fin_timeout TcpExtTCPAbortOnMemory TCPAbortOnData',
      'kernel: TCP: too many orphaned sockets; TCP: out of memory -- consider tuning tcp_mem',
      'FIN WAIT 2 SYN RCVD LAST ACK CLOSE WAIT — FIN\\_WAIT\\_2, FinWait1, SynReceived',
      'TIME_WAITs TIME_WAITS LAST_ACKS FIN_WAIT2S TCP_FIN_WAIT1S CLOSES LISTENS TCP_CLOSES ESTABS TimeWaitS _CLOSE_WAITS_',
      'tcp 0 0 10.1.2.3:41822 10.1.5.9:8080 FIN_WAIT2 - timewait (38.12/0/0) timewait (x) TIMEWAIT (1/0/0)',
      'TCP:   8760 (estab 512, closed 30, orphaned 37, synrecv 0, timewait 8120/0), ports 0 LISTEN',
      'TCP: inuse 5 orphan 3 tw 2 alloc 7 mem 1 ESTAB',
      '> **Status:** CLOSED — LISTEN UP: tickets go OPEN → IN PROGRESS → CLOSED; "CLOSING" a ticket',
      '工单状态：CLOSED LISTEN',
      '- **Bug 状态：** CLOSED',
      '连接状态：CLOSED ESTABLISHED',
      'LISTEN 0 128 *:22; LISTEN UPDATE, OPEN → CLOSED, The status: ESTABLISHED, TIME_WAIT RESOLVED',
      'time wait sockets, close wait state, 处于 fin wait 2 状态, last ack状态, syn sent connections; time wait pile, close wait statement',
      'LAST_ACK -> CLOSE, CLOSE->LISTEN, FIN_WAIT1 → CLOSE, TIME_WAIT=>CLOSE, 调用 CLOSE 后, CLOSE / snd FIN, CLOSE\t-> x',
      'ffff 22384 curl  100.66.100.185  0  52.33.159.26  80  CLOSE       -> SYN_SENT    0.000',
      'tcp        0      0 10.20.0.3:443           192.0.2.17:50352        CLOSE',
      "CircuitBreaker 'p' from HALF_OPEN to CLOSED; 熔断CLOSED; PR CLOSED MERGED",
      '{"id": 7, "status": "CLOSED"} IKE_SA Established ESTABLISHED; readyState CLOSING',
      'close wait 连接数，time wait 很多，大量 last ack。time wait 3 minutes',
      '把 fin_timeout 调到 30，打开 tw_reuse，max_orphans 翻倍; my_fin_timeout net.ipv4.max_orphans tcp_max_orphans',
      'The conntrack TIME_WAIT entry, Conntrack ESTABLISHED, conntrack FIN_WAIT1, nf_conntrack TIME_WAIT',
      '大量TIME＿WAIT，TIME－WAIT，FIN－WAIT－2，CLOSE＿WAITs，FIN_WAIT_1－＞FIN_WAIT_2，＿TIME_WAIT，x＿TIME_WAIT，TIME_WAIT－x，TCP_＿FIN_WAIT1',
    ];
    for (const l of cases) assert.deepEqual(coloured(grammar, `\`\`\`\n${l}\n\`\`\``, 1), recognised(l), l);
  });
});
