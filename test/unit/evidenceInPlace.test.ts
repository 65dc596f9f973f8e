/**
 * The evidence parser's in-place readers (issue #14: the workspace index parses every fenced block): a line's
 * tokens found as bounds and tested without cutting them out (Line.head*), the first-word and prompt tests of
 * classifyLine, the remembered state tokens, the shared command words, the netstat -s start test, and
 * parseEvidenceAt (segments in note lines plus the line count). Each must answer exactly as the plain
 * tokenise-then-test form does; the parser's own outputs are covered by evidence.test.ts and the fixtures.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { ENGLISH_WORD_STATES, lookupStateSpelling } from '../../src/core/catalogue/spellings';
import { STATE_IDS } from '../../src/core/catalogue/types';
import { parseCommand } from '../../src/core/evidence/command';
import { classifyLine, mayStartPrompt, promptEnd, promptOf } from '../../src/core/evidence/commandLine';
import { HEAD_TOKENS, Line, StateTally } from '../../src/core/evidence/formats/builder';
import { commandWords } from '../../src/core/evidence/formats/counts';
import { matchNetstatStatsLine } from '../../src/core/evidence/netstatStats';
import { parseEvidence, parseEvidenceAt } from '../../src/core/evidence/parse';
import { isDigits, isDigitsIn, isSpaceCode, leadingSpace, splitLines, stateFromToken, tokenBounds, tokenize } from '../../src/core/evidence/text';
import { generateNote, ssOutput } from '../../bench/generate';
import { fixtureDir } from '../support/repo';
import { seedProperties } from '../support/propertySeed';

const RUNS = Number(process.env.TSN_PROPERTY_RUNS ?? 300);
seedProperties(20261205);

/** Pieces of listing rows, with every kind of space the tokeniser knows and a few it does not split on. */
const PIECES = ['FIN-WAIT-1', 'FIN-WAIT-2', 'ESTAB', 'Estab', 'LISTEN', 'listen', 'TIME_WAIT', 'UNKNOWN', 'UNDEF', 'tcp', 'tcp6', 'TCP', 'udp', 'u_str', '0', '12', '007', '1,234', '10.0.0.1:443', '[::]:22', '*:*', 'a:', ':b', 'users:(("nginx",pid=1,fd=2))', 'sl', 'TcpExt:', 'x'.repeat(14), 'FIN-WAIT-1x', ' ', '  ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2003', '\u0001', 'é', '中'];
const lineText = fc.array(fc.constantFrom(...PIECES), { maxLength: 16 }).map((xs) => xs.join(''));
const anyText = fc.oneof(lineText, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('token bounds and the in-place tests of a Line', () => {
  test('isSpaceCode is exactly: controls and space, NBSP, ideographic space, BOM', () => {
    for (let c = 0; c <= 0xffff; c++) assert.equal(isSpaceCode(c), c <= 32 || c === 0xa0 || c === 0x3000 || c === 0xfeff, `U+${c.toString(16)}`);
  });

  test('tokenBounds finds the tokens tokenize cuts out, at most max; isDigitsIn is isDigits of the range', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 12 }), (s, max) => {
        const out = new Int32Array(2 * max);
        const k = tokenBounds(s, out, max);
        const got: string[] = [];
        for (let i = 0; i < k; i++) {
          got.push(s.slice(out[2 * i], out[2 * i + 1]));
          assert.equal(isDigitsIn(s, out[2 * i] as number, out[2 * i + 1] as number), isDigits(got[i]));
        }
        assert.deepEqual(got, tokenize(s, max));
        assert.deepEqual(got, tokenize(s).slice(0, max));
      }),
      { numRuns: RUNS },
    );
    assert.equal(isDigitsIn('a12b', 1, 3), true);
    assert.equal(isDigitsIn('a12b', 1, 1), false, 'an empty range is no number');
    assert.equal(isDigitsIn('a12b', 0, 3), false);
  });

  test('every head* answer equals the same test on line.tokens; reset forgets the previous line', () => {
    const words = ['tcp', 'tcp6', 'TCP', 'sl', 'UNKNOWN', 'ESTAB', 'Estab', '0'];
    const check = (line: Line, s: string): void => {
      const t = tokenize(s);
      assert.equal(line.text, s);
      assert.equal(line.indent, leadingSpace(s));
      assert.equal(line.headCount(), Math.min(t.length, HEAD_TOKENS));
      for (let i = 0; i <= HEAD_TOKENS; i++) {
        const tok = i < HEAD_TOKENS ? t[i] : undefined;
        if (i === HEAD_TOKENS) continue;
        assert.equal(line.head(i), tok, `head(${i}) of ${JSON.stringify(s)}`);
        assert.equal(line.headIsDigits(i), isDigits(tok));
        assert.equal(line.headIncludes(i, ':'), tok?.includes(':') ?? false);
        assert.equal(line.headLastCode(i), tok === undefined ? -1 : tok.charCodeAt(tok.length - 1));
        assert.equal(line.headIsOneOf(i, words), tok !== undefined && words.includes(tok));
        assert.equal(line.headState(i), stateFromToken(tok), `headState(${i}) of ${JSON.stringify(s)}`);
      }
      for (const w of [...words, t[0] ?? 'none', `${t[0] ?? ''}x`]) assert.equal(line.firstTokenIs(w), t[0] === w, `firstTokenIs(${w})`);
      assert.deepEqual(line.tokens, t);
    };
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const line = new Line(3, a);
        check(line, a);
        line.reset(4, b);
        assert.equal(line.index, 4);
        check(line, b);
        // Two lines asked in turn: each answers for its own text (the shared bounds follow the asker).
        const other = new Line(5, a);
        assert.equal(other.head(0), tokenize(a)[0]);
        assert.equal(line.head(0), tokenize(b)[0]);
        assert.equal(other.headCount(), Math.min(tokenize(a).length, HEAD_TOKENS));
      }),
      { numRuns: RUNS },
    );
  });

  test('headState remembers recent tokens: the same answers in any order, past its few slots, for look-alikes', () => {
    const tokens = ['FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT', 'TIME-WAIT', 'ESTAB', 'Estab', 'LISTEN', 'listen', 'LAST-ACK', 'SYN-RECV', 'CLOSING', 'closing', 'FIN_WAIT1', 'FIN-WAIT-3', 'NEW-SYN-RECV', 'SYN_RECEIVED', 'TCP_FIN_WAIT1', 'tcp_fin_wait1', 'x'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 60 }), (seq) => {
        const line = new Line(0, '');
        for (const tok of seq) assert.equal(line.reset(0, `0 ${tok} 1`).headState(1), stateFromToken(tok), tok);
      }),
      { numRuns: RUNS },
    );
  });

  test('stateFromToken (remembered) answers as the spelling table says, first time, cached and after its cache starts over', () => {
    const reference = (token: string): string | undefined => {
      if (token.length === 0 || token.length > 40) return undefined;
      const m = lookupStateSpelling(token);
      if (!m) return undefined;
      return ENGLISH_WORD_STATES.has(m.normalised) && token !== token.toUpperCase() ? undefined : m.state;
    };
    const words = ['ESTAB', 'Estab', 'established', 'LISTENING', 'listening', 'FIN_WAIT1', 'fin-wait-1', 'CLOSED', 'closed', 'TCP_CLOSE_WAIT', 'nothing', 'x'.repeat(41)];
    const first = words.map((w) => stateFromToken(w));
    assert.deepEqual(first, words.map(reference));
    assert.deepEqual(words.map((w) => stateFromToken(w)), first);
    for (let i = 0; i < 3000; i++) stateFromToken(`token${i}`);
    assert.deepEqual(words.map((w) => stateFromToken(w)), first);
    assert.equal(stateFromToken(undefined), undefined);
    assert.equal(stateFromToken(''), undefined);
  });

  test('StateTally.size counts the distinct states', () => {
    const t = new StateTally();
    assert.equal(t.size, 0);
    t.add(STATE_IDS[0], 2);
    t.add(STATE_IDS[1], 1);
    t.add(STATE_IDS[0], 1);
    t.ensure(STATE_IDS[2]);
    assert.equal(t.size, 3);
    assert.deepEqual(Object.keys(t.counts()), [STATE_IDS[0], STATE_IDS[1], STATE_IDS[2]]);
  });
});

describe('command lines: the first-word and prompt tests', () => {
  const PROMPTS = ['root@web01:~# ss -tan', '[root@web01 ~]# cat /proc/net/sockstat', 'user@host ~ $ ss -s', 'user@host:~/dir% nstat -az', 'web01:~ # ss -tan', 'host:/# netstat -s', 'C:\\Users\\me> netstat -an', 'PS C:\\> netstat -an', 'a.b-c_d@e.f:~$ ss'];
  const OUTPUT = ['FIN-WAIT-1 0      123456   10.1.2.3:443          10.4.5.6:34567', 'tcp        0      0 10.0.0.1:443 10.0.0.2:5555 ESTABLISHED -', 'cubic wscale:7,7 rto:204', '12 active connection openings', 'State Recv-Q Send-Q Local Address:Port Peer Address:Port', 'PSX C:\\> x'];

  test('mayStartPrompt holds for every prompt promptEnd finds, and fails on output lines', () => {
    for (const p of PROMPTS) {
      assert.ok(promptEnd(p, 0) > 0, p);
      assert.ok(mayStartPrompt(p, 0, Math.min(p.length, 160)), p);
      assert.equal(classifyLine(`  ${p}`)?.type, 'command', p);
    }
    for (const o of OUTPUT) {
      assert.equal(mayStartPrompt(o, 0, Math.min(o.length, 160)), false, o);
      assert.equal(promptEnd(o, 0), 0, o);
    }
    const promptish = fc.array(fc.constantFrom('root', 'user', 'web01', '@', ':', '~', '/', ' ', '$', '#', '%', '>', '[', ']', 'PS ', 'C:\\', 'x.y-z_1', '\t', 'é', 'ss -tan'), { maxLength: 12 }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(promptish, fc.integer({ min: 0, max: 4 }), (s, from) => {
        const at = Math.min(from, s.length);
        if (promptEnd(s, at) > 0) assert.ok(mayStartPrompt(s, at, Math.min(s.length, at + 160)), s);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  test('promptOf: the prompt before a command, with a time stamp before it (PS1 \\t); none for output or a bare command', () => {
    assert.equal(promptOf('[root@lb-7 09:20:11]# cat /proc/net/sockstat'), '[root@lb-7 09:20:11]# ');
    assert.equal(promptOf('[09:20:11] $ ss -s'), '[09:20:11] $ ');
    assert.equal(promptOf('09:20:11 $ ss -s'), '09:20:11 $ ');
    assert.equal(promptOf('[2024-06-18 09:00:05] root@lb-7:~# ss -s'), '[2024-06-18 09:00:05] root@lb-7:~# ');
    assert.equal(promptOf('  $ ss -s'), '  $ ');
    assert.equal(promptOf('ss -s'), undefined, 'a bare command has no prompt');
    for (const o of ['09:20:11 up 3 days,  2:03,  1 user', '[12:34:56] TCP: too many orphaned sockets', '09:20:11 # sampled by cron', 'ESTAB 0 0 10.0.0.1:443 10.0.0.2:5000 timer:(keepalive,10:12,0)', '09:20:11']) {
      assert.equal(promptOf(o), undefined, o);
    }
  });

  test('a first word of [\\w.-] ended by a space: a known command (by its shape and name) or an output line', () => {
    assert.deepEqual(classifyLine('ss -tan state fin-wait-1'), { type: 'command', text: 'ss -tan state fin-wait-1' });
    assert.deepEqual(classifyLine('  journalctl -k'), { type: 'command', text: 'journalctl -k' });
    assert.deepEqual(classifyLine('cat'), { type: 'command', text: 'cat' });
    assert.deepEqual(classifyLine('/usr/sbin/ss -s'), { type: 'command', text: '/usr/sbin/ss -s' });
    assert.deepEqual(classifyLine('LC_ALL=C ss -tan'), { type: 'command', text: 'LC_ALL=C ss -tan' });
    assert.equal(classifyLine('sss -tan'), undefined, 'same first letter, another length');
    assert.equal(classifyLine('sz -tan'), undefined, 'same length and first letter, another name');
    assert.equal(classifyLine('tcp 0 0 a:1 b:2'), undefined);
    assert.equal(classifyLine('s'.repeat(300)), undefined);
    assert.equal(classifyLine('ss\u00a0-tan')?.type, 'command', 'NBSP ends the word as a space does');
  });

  test('commandWords: one read-only set per command context, the words of its text', () => {
    const ctx = parseCommand('for s in fin-wait-1 closing; do ss -tan "state" $s | wc -l; done');
    const words = commandWords(ctx);
    assert.equal(commandWords(ctx), words, 'shared per context');
    assert.equal(commandWords(parseCommand(ctx.text)), words, 'contexts are memoised, so the words are too');
    assert.deepEqual([...words], tokenize(ctx.text.replace(/["';|()]/g, ' '), 256));
    assert.ok(words.has('closing') && words.has('state') && !words.has('"state"'));
    assert.equal(commandWords(undefined).size, 0);
  });
});

describe('netstat -s: the start test by the template\'s first word', () => {
  test('every recognised line of the fixture starts an nstat segment on its own (no command, no section)', () => {
    const lines = readFileSync(join(fixtureDir('evidence'), 'netstat-s.txt'), 'utf8').split('\n');
    const extra = ['Quick ack mode was activated 7 times', 'TCP ran low on memory 3 times', 'Ran 4 times out of system memory during packet sending', '12 active connection openings', '5 connections reset due to unexpected data'];
    let recognised = 0;
    for (const raw of [...lines, ...extra]) {
      const m = matchNetstatStatsLine(tokenize(raw), undefined);
      if (!m || m.value === undefined) continue;
      recognised++;
      const segs = parseEvidence(raw.trim());
      assert.equal(segs.length, 1, raw);
      assert.equal(segs[0]?.kind, 'nstat', raw);
      assert.equal(segs[0]?.counters?.[m.name], m.value, raw);
    }
    assert.ok(recognised >= extra.length + 10, `only ${recognised} lines recognised`);
  });
});

describe('parseEvidenceAt: segments in note lines and the line count', () => {
  test('equals parseEvidence shifted by the base; the count is the number of lines splitLines gives', () => {
    const samples = [ssOutput(3000, 2), generateNote(6000, 3), '$ ss -s\r\nTotal: 5\r\nTCP:   4 (estab 1, closed 0, orphaned 2, timewait 1)\r', 'x\ry\n\nz', '\n', '', ...['ss-tanoi.txt', 'netstat-linux.txt', 'sockstat.txt', 'snapshot.txt', 'mixed-crlf.txt'].map((f) => readFileSync(join(fixtureDir('evidence'), f), 'utf8'))];
    for (const text of samples) {
      for (const base of [0, 1, 57]) {
        const { segments, lineCount } = parseEvidenceAt(text, base);
        assert.equal(lineCount, splitLines(text).length, JSON.stringify(text.slice(0, 40)));
        const plain = parseEvidence(text).map((s) => ({ ...s, startLine: s.startLine + base, endLine: s.endLine + base }));
        assert.deepEqual(segments, plain);
      }
    }
    assert.ok(parseEvidenceAt(ssOutput(3000, 2), 10).segments.length > 0);
  });
});
