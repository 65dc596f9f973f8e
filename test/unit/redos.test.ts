/**
 * Every regular expression in src/core, checked for super-linear backtracking with redos-detector:
 *  - every regex literal in every src/core file (found with the TypeScript parser, so none is missed);
 *  - every RegExp a core module exports or builds at run time from data (recognize.ts's trie of counters,
 *    its phrase patterns, plain mode's fence patterns).
 * The detector is strict: it flags any pattern where one input prefix can be matched in several ways, even
 * when the total work stays linear. Patterns in files owned elsewhere that it flags are listed in
 * KNOWN_UNSAFE with where their input comes from; the test fails on any other unsafe pattern, and on a
 * listed one that is gone or safe now (so the list cannot go stale).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import ts from 'typescript';
import { isSafePattern } from 'redos-detector';
import * as recognize from '../../src/core/note/recognize';
import * as notTcpWords from '../../src/core/note/notTcpWords';
import { STATE_CANDIDATE_PATTERN } from '../../src/core/note/prefilter';
import { looseFenceClose, loosePrefix } from '../../src/core/note/plain';
import { repoPath, repoRoot } from '../support/repo';
import { MAX_SENTENCE, findMisconceptions } from '../../src/core/knowledge/misconceptions';

const CORE = repoPath('src', 'core');

/**
 * Flagged patterns outside the files of the performance work, with the input they run on. Each is a
 * finding for its owner (see the closing report); none runs on note text except where said.
 */
const KNOWN_UNSAFE: Record<string, string> = {
  'src/core/diagram/svg.ts /\\b(javascript|vbscript|data)(\\s*):/gi': 'SVG text: document name and section title (a heading of the note)',
  'src/core/catalogue/orphan.ts /[.。]\\s*$/': 'catalogue headlines (bounded)',
  'src/core/lookup.ts /^`+|`+$/g': 'a term typed by the user (CLI argument, explain command)',
  'src/core/strings.ts /\\{(\\w+)\\}/': 'catalogue message templates (bounded)',
  'src/core/template/choose.ts /^ {0,3}(`{3,}|~{3,})(.*)$/': 'each line of the note (template language detection)',
  'src/core/template/choose.ts /`[^`\\n]*`/g': 'the note text (template language detection)',
  'src/core/preview.ts /<[^>]*>/g': 'markdown-it renderer output, where text is escaped: every "<" starts a tag that ends (linear)',
  'src/core/preview.ts /[.。]\\s*$/': 'catalogue headlines (bounded)',
  'src/core/snapshot/capture.ts /\\{(\\w+)\\}/g': 'the extension\'s own message templates (bounded)',
  'src/core/note/typos.ts /[-_](\\d+)$/': 'one state-shaped token of at most 40 characters (MAX_TOKEN_LENGTH)',
  'src/core/note/typos.ts /(\\d+)$/': 'one state-shaped token of at most 40 characters (MAX_TOKEN_LENGTH)',
  [String.raw`src/core/knowledge/noteLines.ts /(?:\b[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/|\bwww\.)[!-~]*/g`]: 'one prose line of a note, at most MAX_LINE (4000) characters (misconception checks)',
  [String.raw`src/core/knowledge/noteLines.ts /\]\([^()\s]*(?:\s+"[^"]*")?\)/g`]: 'one prose line of a note, at most MAX_LINE (4000) characters (misconception checks)',
  [String.raw`src/core/catalogue/sources.ts /§\s*([0-9.]+[0-9])/`]: 'source references of the shipped catalogue (bounded)',
  [String.raw`src/core/catalogue/sources.ts /Fig(?:ure|\.)\s*5/`]: 'source references of the shipped catalogue (bounded)',
};

/**
 * Files whose every pattern runs only on an input of bounded length, after a literal pre-test: the detector
 * is not asked about them (their long alternations exhaust its step budget and memory), and the bound is
 * tested instead (below).
 */
const BOUNDED_INPUT: Record<string, string> = {
  'src/core/knowledge/misconceptions.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters, after a literal pre-test of the same rule',
  'src/core/knowledge/claimScope.ts': 'called from misconceptions.ts only, once a rule fired: one sentence, or the comment after a tcp_tw_recycle setting in code, of at most MAX_SENTENCE (400) characters',
  'src/core/knowledge/orphanClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of TIME_WAIT or CLOSE_WAIT and orphan',
  'src/core/knowledge/orphanNetnsClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of orphan or 孤儿 and of a namespace, container or pod word',
  'src/core/knowledge/twFdClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of TIME_WAIT and of a file-descriptor word',
  'src/core/knowledge/recycleWords.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters, or one code line of at most MAX_LINE (4000) characters, each holding tcp_tw_recycle (a literal pre-test)',
  'src/core/knowledge/closeWaitSysctlClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of tcp_max_tw_buckets, tcp_fin_timeout or tcp_tw_reuse',
  'src/core/knowledge/orphanLimitNewConnClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of orphan or 孤儿 and of a new-connection word',
  'src/core/knowledge/orphanRetransmitClaim.ts': 'one prose sentence of at most MAX_SENTENCE (400) characters (misconceptions.ts), after a literal pre-test of orphan or 孤儿 and of a retransmission word',
};

/**
 * The recogniser's prefilter patterns (note/prefilter.ts): tries of every spelling, counter and message, too
 * large for the detector (it gives up on the number of paths, not on a loop). They use bounded quantifiers
 * only, so one match attempt reads a bounded number of characters and a scan is linear; that is checked instead.
 */
const PREFILTER_PATTERNS: Record<string, RegExp> = { LINE_ANCHOR_PATTERN: recognize.LINE_ANCHOR_PATTERN, STATE_CANDIDATE_PATTERN };

/** True when no quantifier outside a character class is unbounded (`*`, `+`, `{n,}`). */
function boundedQuantifiersOnly(source: string): boolean {
  const outside = source.replace(/\\[\s\S]/g, '').replace(/\[[^\]]*\]/g, '');
  return !/[*+]|\{\d+,\}/.test(outside);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Every regex literal of a source file, as it is written. */
function regexLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) out.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The check of a pattern expected unsafe (KNOWN_UNSAFE, the super-linear samples): the checker explores it until its time runs out. */
const KNOWN_FINDING_TIMEOUT = 10_000;

function check(re: RegExp, timeout = 30_000): { safe: boolean; why: string } {
  const r = isSafePattern(re.source, {
    caseInsensitive: re.flags.includes('i'),
    unicode: re.flags.includes('u') || re.flags.includes('v'),
    dotAll: re.flags.includes('s'),
    multiLine: re.flags.includes('m'),
    // The step bound decides (the same answer on any machine); the time bound is a safety net above what a check
    // takes on a busy 2-core runner (10 s timed out there on patterns that pass), and below where the checker's
    // memory runs out on a super-linear pattern (at 180 s it reached the 4 GB heap limit).
    maxSteps: 100_000,
    timeout,
  });
  return { safe: r.safe, why: `${r.error ?? ''} score ${JSON.stringify(r.score)}` };
}

/** One pattern to check, as a worker thread receives it. */
interface Job {
  readonly key: string;
  readonly source: string;
  readonly flags: string;
  readonly timeout?: number;
}

type Verdict = { readonly key: string; readonly safe: boolean; readonly why: string };

/** Patterns per worker thread: each thread's heap goes with it (the checker keeps ~7 MB a pattern, 2.6 GB for all). */
const JOBS_PER_WORKER = 25;

const jobOf = (key: string, re: RegExp, timeout?: number): Job => ({ key, source: re.source, flags: re.flags, ...(timeout !== undefined ? { timeout } : {}) });

/**
 * Checks the patterns in worker threads of this same file, JOBS_PER_WORKER at a time, one thread after another: the
 * checker retains what it explored across calls, and in one thread the whole scan outgrew a 4 GB heap.
 */
async function checkAll(jobs: readonly Job[]): Promise<Map<string, Verdict>> {
  const out = new Map<string, Verdict>();
  for (let i = 0; i < jobs.length; i += JOBS_PER_WORKER) {
    const batch = jobs.slice(i, i + JOBS_PER_WORKER);
    const verdicts = await new Promise<Verdict[]>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: batch });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`the checker's worker thread exited with ${code}`))));
    });
    for (const v of verdicts) out.set(v.key, v);
  }
  return out;
}

if (!isMainThread) {
  (parentPort as NonNullable<typeof parentPort>).postMessage((workerData as Job[]).map((j) => ({ key: j.key, ...check(new RegExp(j.source, j.flags), j.timeout) })));
}

if (isMainThread) describe('ReDoS: every regular expression in src/core', () => {
  const literals = filesUnder(CORE)
    .flatMap((file) => regexLiterals(file).map((lit) => ({ file: relative(repoRoot(), file).split('\\').join('/'), lit })))
    .filter((l) => !BOUNDED_INPUT[l.file]);

  test('the scan finds the regular expressions (sanity)', () => {
    assert.ok(literals.length > 80, `only ${literals.length} regex literals found`);
    assert.ok(literals.some((l) => l.file === 'src/core/note/recognize.ts' && l.lit.includes('A-Za-z0-9_')), 'recognize.ts patterns are among them');
  });

  test('every regex literal is safe (or a listed finding for its owner)', async () => {
    const unsafe: string[] = [];
    const seen = new Set<string>();
    const jobs = literals.map(({ file, lit }) => {
      const slash = lit.lastIndexOf('/');
      const key = `${file} ${lit}`;
      return jobOf(key, new RegExp(lit.slice(1, slash), lit.slice(slash + 1)), KNOWN_UNSAFE[key] ? KNOWN_FINDING_TIMEOUT : undefined);
    });
    const verdicts = await checkAll(jobs);
    for (const { key } of jobs) {
      seen.add(key);
      const r = verdicts.get(key) as Verdict;
      if (r.safe && KNOWN_UNSAFE[key]) unsafe.push(`${key} is safe now: remove it from KNOWN_UNSAFE`);
      if (!r.safe && !KNOWN_UNSAFE[key]) unsafe.push(`${key}: ${r.why}`);
    }
    for (const key of Object.keys(KNOWN_UNSAFE)) if (!seen.has(key)) unsafe.push(`${key} no longer exists: remove it from KNOWN_UNSAFE`);
    assert.deepEqual(unsafe, []);
  });

  test('every RegExp recognize.ts and notTcpWords.ts export (including those built from the catalogue) is safe', async () => {
    const exported: [string, RegExp][] = [];
    for (const [name, value] of [...Object.entries(recognize), ...Object.entries(notTcpWords)]) {
      if (value instanceof RegExp) exported.push([name, value]);
      if (Array.isArray(value)) value.forEach((v, i) => v instanceof RegExp && exported.push([`${name}[${i}]`, v]));
    }
    assert.ok(exported.some(([n]) => n === 'COUNTER_PATTERN') && exported.some(([n]) => n.startsWith('PHRASE_PATTERNS[')), 'the generated patterns are exported');
    assert.ok(exported.some(([n]) => n === 'STATUS_KEY_BEFORE') && exported.some(([n]) => n === 'STATUS_LABEL_BEFORE'), "notTcpWords.ts's patterns are checked");
    const verdicts = await checkAll(exported.filter(([n]) => !PREFILTER_PATTERNS[n]).map(([n, re]) => jobOf(n, re)));
    assert.ok(verdicts.size > 10);
    const unsafe = [...verdicts.values()].filter((r) => !r.safe).map((r) => `${r.key}: ${r.why}`);
    assert.deepEqual(unsafe, []);
  });

  test("the prefilter's patterns use bounded quantifiers only (each match attempt reads a bounded stretch: linear)", () => {
    for (const [name, re] of Object.entries(PREFILTER_PATTERNS)) assert.ok(boundedQuantifiersOnly(re.source), name);
    // The check can fail: an unbounded quantifier anywhere outside a class is caught.
    assert.equal(boundedQuantifiersOnly(String.raw`a[-_\\ ]{0,3}l`), true);
    for (const bad of [String.raw`a[-_ ]*l`, String.raw`\d:[ \t]+x`, 'a{2,}', String.raw`[*+](?:x|y)+`]) assert.equal(boundedQuantifiersOnly(bad), false, bad);
  });

  test("plain mode's generated fence patterns are safe", async () => {
    const jobs = [...[3, 4, 7].flatMap((n) => [96, 126].map((c) => jobOf(`looseFenceClose(${c}, ${n})`, looseFenceClose(c, n)))), ...[0, 2, 9].map((w) => jobOf(`loosePrefix(${w})`, loosePrefix(w)))];
    const verdicts = await checkAll(jobs);
    assert.equal(verdicts.size, jobs.length);
    assert.deepEqual([...verdicts.values()].filter((r) => !r.safe).map((r) => r.key), []);
  });

  test('the checker does flag a super-linear pattern (the test can fail)', async () => {
    // Expected unsafe: the checker explores them until its time runs out (a longer time only grows its memory).
    const verdicts = await checkAll([jobOf('nested', /^(a+)+$/, KNOWN_FINDING_TIMEOUT), jobOf('alternation', /(?:x|x)*y/, KNOWN_FINDING_TIMEOUT), jobOf('linear', /^a+$/)]);
    assert.deepEqual([...verdicts.values()].map((r) => [r.key, r.safe]), [['nested', false], ['alternation', false], ['linear', true]]);
  });

  test('the bounded-input files really bound their input: a claim in a sentence over MAX_SENTENCE is never examined', () => {
    const claim = 'On Linux TIME_WAIT lasts four minutes.';
    assert.equal(findMisconceptions(claim).length, 1, 'the claim alone is flagged');
    const long = `${'x'.repeat(MAX_SENTENCE)} ${claim.slice(0, -1)} and ${'y '.repeat(200)}.`;
    assert.deepEqual(findMisconceptions(long), []);
    assert.deepEqual(Object.keys(BOUNDED_INPUT), ['src/core/knowledge/misconceptions.ts', 'src/core/knowledge/claimScope.ts', 'src/core/knowledge/orphanClaim.ts', 'src/core/knowledge/orphanNetnsClaim.ts', 'src/core/knowledge/twFdClaim.ts', 'src/core/knowledge/recycleWords.ts', 'src/core/knowledge/closeWaitSysctlClaim.ts', 'src/core/knowledge/orphanLimitNewConnClaim.ts', 'src/core/knowledge/orphanRetransmitClaim.ts']);
    // A code comment over MAX_SENTENCE is not read as prose.
    assert.deepEqual(findMisconceptions(`\`\`\`\n# ${'x'.repeat(MAX_SENTENCE)} ${claim}\n\`\`\``), []);
    // A code line over MAX_LINE is not read either.
    assert.deepEqual(findMisconceptions(`\`\`\`\nsysctl -w net.ipv4.tcp_tw_recycle=1 ${'x'.repeat(4000)}\n\`\`\``), []);
  });
});
