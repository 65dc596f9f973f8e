/**
 * `npm run bench`: performance of the analysis on synthetic notes of 10 KB, 100 KB, 1 MB and 10 MB (see
 * generate.ts), each figure measured in this process against a baseline run beside it (interleaved rounds,
 * medians), so the ratios compare across noisy machines. Prints a table, writes bench/RESULTS.md, and ends
 * with one JSON line.
 *
 *   analysis_vs_remark    full analysis ÷ bare remark-parse of the same text (target ≤ 1.25)
 *   hover p50/p99         mentionAt + explainMention on a cached model, vs one regex over the hovered line
 *   edit (1 MB)           one-character edit → updated model, ÷ full re-analysis (≤ 0.10) and ÷ markdown-it (< 1);
 *                         the editor's per-edit copy of the text (getText()) timed apart, not counted
 *   stall (10 MB)         longest synchronous slice of the background analysis (≤ 50 ms)
 *   diagram               diagram model + explanations + SVG from the model
 *   activation            require + activate() of dist/node/extension.js (the shell that VS Code loads; the rest loads
 *                         on first use, scripts/lazySplit.mjs), vs a no-op extension (bench/activation.ts)
 *   vsix                  size of the packaged .vsix (≤ 300 KB)
 *   report (10 MB)        `report`: analysis + per-connection evidence, timeline, causes, findings and the
 *                         Markdown, ÷ the analysis alone (report_vs_analysis_10mb, ≤ 1.5)
 *   activation_vs_markdownit  activation ÷ require('markdown-it') in a fresh process (≤ 1)
 *   hover_p99_vs_floor    hover p99 ÷ the one-regex floor p99 on the 10 MB note (≤ 15)
 *   adversarial           the shapes of test/fixtures/hostile/shapes.ts at n and 2n: worst growth (≤ 2.3) and
 *                         longest synchronous call (≤ 50 ms)
 *   heap                  heap growth after 1,000 edits of the 1 MB note (flat)
 *   first hover (5 MB)    the one-line fallback hover (no model yet) vs one regex over the hovered line
 *   mcp                   `tcp-state-notes mcp`: spawn → initialize done (< 300 ms; vs a bare `node -e ""`), and
 *                         summarize_socket_evidence / check_tcp_note on the 1 MB note over stdio ÷ the same core
 *                         call in this process (≤ 2); bench/mcp.ts. TSN_BENCH_ONLY=mcp runs this alone
 *   hostile corpus        analysis + evidence parsing of each hostile note (test/fixtures/hostile), vs remark-parse;
 *                         the unit test checks their correctness, the time is measured here
 *
 *   lsp (1 MB)            `lsp --stdio`: start, first answer and warm hover vs the same work in process (bench/lsp.ts)
 *   workspace             10,000 generated notes (~100 MB) indexed from disk vs read + one regex, queries, one
 *                         changed note, memory per MB (bench/workspace.ts)
 *
 * The analysis sizes, edit, stall, heap, activation and packaging run in this process; report, adversarial, first
 * hover, hostile, lsp, mcp and workspace each run in a fresh process (PARTS), as their TSN_BENCH_ONLY runs do.
 *
 * Options: TSN_BENCH_QUICK=1 (fewer rounds, no packaging), TSN_BENCH_SKIP_PACKAGE=1, TSN_BENCH_ONLY=adversarial, edit,
 * activation, lsp, mcp, report, or workspace (that part alone; with TSN_BENCH_QUICK=1 2,000 notes, TSN_BENCH_WS_NOTES=N).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MarkdownIt from 'markdown-it';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyzeNote, lineModel } from '../src/core/note/analyze';
import { mentionAt, type NoteModel } from '../src/core/note/model';
import { buildAnalysis, FIRST_SLICE_MS, SlicedAnalysis, updateAnalysis } from '../src/core/note/pieceStore';
import { findStateTypos } from '../src/core/note/typos';
import { SHAPE_SIZES, SHAPES } from '../test/fixtures/hostile/shapes';
import { parseEvidence } from '../src/core/evidence/parse';
import { GENERATED } from '../test/fixtures/hostile/generate';
import { explainMention } from '../src/core/explain';
import { TOKEN_PATTERN } from '../src/core/note/recognize';
import { diagramSource } from '../src/core/diagram/fromNote';
import { buildDiagramModel } from '../src/core/diagram/model';
import { renderDiagramSvg } from '../src/core/diagram/svg';
import { explainStateText } from '../src/core/explain';
import type { StateId } from '../src/core/catalogue/types';
import { generateNote, rng } from './generate';
import { probeActivation } from './activation';
import { buildReport } from '../src/core/report/build';
import { reportMarkdown } from '../src/core/report/markdown';
import { IDLE_MS, lspBench, type LspBenchResult } from './lsp';
import { mcpBench, type McpBench } from './mcp';
import { hostStallBench } from './hostStall';
import { workspaceBench, type WorkspaceBench } from './workspace';

const QUICK = process.env.TSN_BENCH_QUICK === '1';
const ROOT = process.cwd();
const SIZES: [string, number][] = [
  ['10 KB', 10 * 1024],
  ['100 KB', 100 * 1024],
  ['1 MB', 1024 * 1024],
  ['10 MB', 10 * 1024 * 1024],
];

const now = () => performance.now();
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] as number) : NaN;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.floor(q * s.length))] as number) : NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Times `f` repeated until at least `minMs` has passed; returns ms per call. */
function timed(f: () => unknown, minMs: number): number {
  let n = 0;
  const t0 = now();
  let t = t0;
  do {
    f();
    n++;
    t = now();
  } while (t - t0 < minMs);
  return (t - t0) / n;
}

/** Interleaved rounds of `subject` and `baseline`; medians of each and of the per-round ratio. */
function versus(subject: () => unknown, baseline: () => unknown, rounds: number, minMs: number) {
  subject();
  baseline(); // warm-up
  const a: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = timed(subject, minMs);
    const y = timed(baseline, minMs);
    a.push(x);
    b.push(y);
    r.push(x / y);
  }
  return { subject: median(a), baseline: median(b), ratio: median(r) };
}

const remark = unified().use(remarkParse);
const md = new MarkdownIt();

interface Row {
  size: string;
  chars: number;
  analysisMs: number;
  remarkMs: number;
  analysisVsRemark: number;
  hoverP50: number;
  hoverP99: number;
  floorP99: number;
  diagramMs: number;
}

function hoverBench(model: NoteModel, samples: number) {
  const r = rng(99);
  const links = { showDiagram: (s: StateId) => `command:tcpStateNotes.showDiagram?${encodeURIComponent(JSON.stringify([{ state: s }]))}`, insertTemplate: (s: StateId) => `command:x?${s}` };
  const targets: number[] = [];
  for (let i = 0; i < samples; i++) {
    // Mostly on mentions (a hover with an answer), some anywhere.
    const m = model.mentions[Math.floor(r() * model.mentions.length)];
    targets.push(m && r() < 0.8 ? m.start + 1 : Math.floor(r() * model.text.length));
  }
  const hover: number[] = [];
  const floor: number[] = [];
  let sink = 0;
  // Warm: the model and its per-model indexes are built (what a second hover on the same note finds).
  for (const offset of targets) {
    const mention = mentionAt(model, offset);
    if (mention) sink += explainMention(mention, model, { lang: 'en', links })?.length ?? 0;
  }
  // The garbage of the analyses before this is collected now, not in the middle of the samples.
  gc();
  for (const offset of targets) {
    let t = now();
    const mention = mentionAt(model, offset);
    if (mention) sink += explainMention(mention, model, { lang: 'en', links })?.length ?? 0;
    hover.push(now() - t);
    // The floor: one regex over the hovered line (what any per-hover recognition costs at least).
    t = now();
    const line = model.lines.lineText(model.lines.lineAt(offset));
    TOKEN_PATTERN.lastIndex = 0;
    while (TOKEN_PATTERN.exec(line)) sink++;
    floor.push(now() - t);
  }
  if (sink < 0) console.log(sink);
  return { p50: quantile(hover, 0.5), p99: quantile(hover, 0.99), floorP50: quantile(floor, 0.5), floorP99: quantile(floor, 0.99) };
}

function diagramOnce(model: NoteModel): number {
  const source = diagramSource(model, 'en', undefined, 'note.md');
  const diagram = buildDiagramModel({ ...source.input, showLinux: false }, 'en');
  let n = 0;
  for (const node of diagram.nodes) n += explainStateText(node.id, { lang: 'en' }, { model }).length;
  return renderDiagramSvg(diagram).length + n;
}

/**
 * The first hover on a note whose model is not ready (a large note analysed in the background): the one-line
 * fallback (lineModel + explainMention on the hovered line), against one regex over that line.
 */
function firstHoverBench(text: string, samples: number) {
  const r = rng(17);
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const hover: number[] = [];
  const floor: number[] = [];
  let sink = 0;
  for (let i = 0; i < samples; i++) {
    const k = Math.floor(r() * starts.length);
    const start = starts[k] as number;
    const end = k + 1 < starts.length ? (starts[k + 1] as number) - 1 : text.length;
    let t = now();
    const line = text.slice(start, end);
    const model = lineModel(line, start, Math.floor(line.length / 2));
    for (const m of model.mentions) sink += explainMention(m, model, { lang: 'en' })?.length ?? 0;
    hover.push(now() - t);
    t = now();
    TOKEN_PATTERN.lastIndex = 0;
    while (TOKEN_PATTERN.exec(text.slice(start, end))) sink++;
    floor.push(now() - t);
  }
  if (sink < 0) console.log(sink);
  return { p50: quantile(hover, 0.5), p99: quantile(hover, 0.99), floorP99: quantile(floor, 0.99) };
}

/** Each hostile note once: analysis + evidence parsing (what the unit test runs), and remark-parse of it. */
function hostileBench(): { name: string; chars: number; ms: number; remarkMs: number | undefined }[] {
  const dir = join(ROOT, 'test', 'fixtures', 'hostile');
  const notes = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => ({ name: f, text: () => readFileSync(join(dir, f), 'utf8'), bareRemark: undefined })),
    // The adversarial shapes are measured by adversarialBench (bare remark takes minutes on some of them).
    ...GENERATED.filter((n) => !SHAPES.some((shape) => n.name.startsWith(shape.name))),
  ];
  return notes.map((note) => {
    const text = note.text();
    let t = now();
    buildAnalysis(text);
    if (text.length <= 6 * 1024 * 1024) parseEvidence(text);
    const ms = now() - t;
    let remarkMs: number | undefined;
    if (text.length <= 6 * 1024 * 1024 && note.bareRemark !== false) {
      t = now();
      remark.parse(text);
      remarkMs = now() - t;
    }
    process.stderr.write(`[bench] hostile ${note.name}: ${ms.toFixed(0)} ms\n`);
    return { name: note.name, chars: text.length, ms, remarkMs };
  });
}

/**
 * `text` as one flat string. A string built with `+` is a rope that V8 copies into one piece on its first
 * read (≈ 5 ms for the 1 MB note here): the editor hands us flat text (VS Code's getText() joins its lines),
 * so the rope's copy is the bench's own artefact, paid before the clock starts for every subject alike. The
 * editor's own copy (the join) is timed apart and reported beside the edit (edit_text_copy_ms_1mb).
 */
function flat(text: string): string {
  text.charCodeAt(text.length >> 1);
  return text;
}

/** One-character edits at spread positions of the 1 MB note: incremental update vs full analysis vs markdown-it. */
function editBench(text: string, edits: number) {
  const r = rng(5);
  let state = buildAnalysis(text);
  let current = text;
  const update: number[] = [];
  const full: number[] = [];
  const mdit: number[] = [];
  const copy: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(r() * current.length);
    const insert = i % 2 === 0;
    const next = flat(insert ? current.slice(0, at) + 'x' + current.slice(at) : current.slice(0, at) + current.slice(at + 1));
    let t = now();
    state = updateAnalysis(state, next, at, insert ? at : at + 1);
    update.push(now() - t);
    current = next;
    if (i % Math.max(1, Math.floor(edits / 12)) === 0) {
      t = now();
      buildAnalysis(current);
      full.push(now() - t);
      // What the editor pays before we see the edit: VS Code's getText() joins the document's lines.
      const lines = current.split('\n');
      t = now();
      flat(lines.join('\n'));
      copy.push(now() - t);
    }
    t = now();
    md.parse(current, {});
    mdit.push(now() - t);
  }
  return { update: median(update), updateP90: quantile(update, 0.9), full: median(full), markdownIt: median(mdit), textCopy: median(copy) };
}

/** The background analysis of the 10 MB note as the extension runs it: slices of 8 ms, a macrotask between. */
async function stallBench(text: string) {
  const slices: number[] = [];
  const task = new SlicedAnalysis(text);
  const t0 = now();
  let gaps = 0;
  for (;;) {
    const t = now();
    const done = task.run(8);
    slices.push(now() - t);
    if (done) break;
    const y = now();
    await new Promise((r) => setTimeout(r, 0));
    gaps += now() - y;
  }
  const max = Math.max(...slices);
  return { maxStall: max, maxAt: slices.indexOf(max), p99: quantile(slices, 0.99), slices: slices.length, wallMs: now() - t0, yieldMs: gaps };
}

/**
 * The adversarial shapes (issue #17) at n and 2n, analysed the way the extension opens a note: a first slice
 * of FIRST_SLICE_MS, then slices of 8 ms. Growth is time(2n) ÷ time(n) per shape (linear ≈ 2); the stall is
 * the longest single synchronous call of the analysis API (one run() of the task), over all shapes and sizes.
 * Typo detection is timed with the same model, as the diagnostics call it.
 */
function adversarialBench(rounds: number) {
  const rows: { name: string; ms: number[]; typoMs: number[]; growth: number; stall: number }[] = [];
  for (const shape of SHAPES) {
    const ms: number[] = [];
    const typoMs: number[] = [];
    let stall = 0;
    for (const size of SHAPE_SIZES) {
      const text = shape.text(size);
      const runs: number[] = [];
      const typoRuns: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const task = new SlicedAnalysis(text);
        const t0 = now();
        let budget = FIRST_SLICE_MS;
        for (;;) {
          const t = now();
          const done = task.run(budget);
          stall = Math.max(stall, now() - t);
          budget = 8;
          if (done) break;
        }
        runs.push(now() - t0);
        const model = (task.analysis as NonNullable<typeof task.analysis>).model;
        const t1 = now();
        findStateTypos(text, model);
        const typo = now() - t1;
        typoRuns.push(typo);
        stall = Math.max(stall, typo);
      }
      ms.push(median(runs) + median(typoRuns));
      typoMs.push(median(typoRuns));
    }
    const growth = (ms[1] as number) / Math.max(ms[0] as number, 0.05);
    rows.push({ name: shape.name, ms, typoMs, growth, stall });
    process.stderr.write(`[bench] adversarial ${shape.name}: ${ms.map((x) => x.toFixed(1)).join(' → ')} ms (typos ${typoMs.map((x) => x.toFixed(1)).join(' → ')}), growth ${growth.toFixed(2)}, stall ${stall.toFixed(1)} ms\n`);
  }
  return { rows, worstGrowth: Math.max(...rows.map((r) => r.growth)), maxStall: Math.max(...rows.map((r) => r.stall)) };
}

/** The adversarial shapes at the larger size, opened through the cache with the real worker (bench/hostStall.ts). */
function hostStalls() {
  return hostStallBench(
    ROOT,
    SHAPES.map((shape) => ({ name: shape.name, text: shape.text(SHAPE_SIZES[1]) })),
    QUICK ? 1 : 3,
  );
}

/** Fresh processes: require('markdown-it') alone, the yardstick for activation (`activation_vs_markdownit`). */
function markdownItRequireBench(runs: number): number {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', "const t0 = performance.now(); require('markdown-it'); process.stdout.write(String(performance.now() - t0));"], { cwd: ROOT, encoding: 'utf8' });
    if (r.status === 0) out.push(Number(r.stdout));
  }
  return median(out);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapBench(text: string, edits: number) {
  const used = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed / (1024 * 1024);
  };
  const r = rng(11);
  let state = buildAnalysis(text);
  let current = text;
  const before = used();
  const marks: number[] = [];
  for (let i = 1; i <= edits; i++) {
    const at = Math.floor(r() * current.length);
    const next = i % 2 ? current.slice(0, at) + 'y' + current.slice(at) : current.slice(0, at) + current.slice(at + 1);
    state = updateAnalysis(state, next, at, i % 2 ? at : at + 1);
    current = next;
    if (i % 250 === 0) marks.push(used());
  }
  const after = used();
  if (state.model.text.length !== current.length) throw new Error('heap bench lost track of the text');
  return { before, after, growth: after - before, marks };
}

/**
 * Fresh processes: require + activate() of the production bundle with a stub `vscode` (bench/activation.ts), vs a
 * no-op extension. The shell must not have loaded the rest of the extension (scripts/lazySplit.mjs).
 */
function activationBench(runs: number) {
  const bundle = resolve(ROOT, 'dist/node/extension.js');
  if (!existsSync(bundle)) return undefined;
  const noopDir = mkdtempSync(join(tmpdir(), 'tsn-act-'));
  process.on('exit', () => rmSync(noopDir, { recursive: true, force: true }));
  const noop = join(noopDir, 'noop.js');
  writeFileSync(noop, 'exports.activate = function () {};\n');
  const total: number[] = [];
  const requireMs: number[] = [];
  const activateMs: number[] = [];
  const base: number[] = [];
  const markdownIt: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = probeActivation(bundle);
    if (x.lazyLoaded) throw new Error('activation loaded dist/web/extension.js: the shell must leave it to first use');
    total.push(x.require + x.activate);
    requireMs.push(x.require);
    activateMs.push(x.activate);
    const y = probeActivation(noop);
    base.push(y.require + y.activate);
    // The yardstick in the same rounds, so a busy moment weighs on both sides.
    markdownIt.push(markdownItRequireBench(1));
  }
  return {
    total: median(total),
    require: median(requireMs),
    activate: median(activateMs),
    baseline: median(base),
    markdownIt: median(markdownIt),
    bundleKb: statSync(bundle).size / 1024,
  };
}

function packageVsix(): number | undefined {
  if (QUICK || process.env.TSN_BENCH_SKIP_PACKAGE === '1') return undefined;
  const r = spawnSync(process.execPath, ['scripts/package.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    return undefined;
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return statSync(join(ROOT, `${pkg.name}-${pkg.version}.vsix`)).size / 1024;
}

function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'} × ${c.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), ${platform()} ${release()}, Node ${process.version}`;
}

function mcpLines(m: McpBench): string[] {
  const f = (x: number, d = 1) => x.toFixed(d);
  return [
    `| \`tcp-state-notes mcp\` startup: spawn → MCP initialize done (SDK client, stdio) | ${f(m.startupMs)} ms | bare \`node -e ""\` ${f(m.nodeFloorMs)} ms | ${f(m.startupMs / m.nodeFloorMs, 2)} | < 300 ms |`,
    `| MCP summarize_socket_evidence, 1 MB note by path ÷ the same call in process | ${f(m.summarizeMs)} ms | in process ${f(m.summarizeInProcessMs)} ms | ${f(m.summarizeMs / m.summarizeInProcessMs, 2)} | ≤ 2 |`,
    `| MCP check_tcp_note, 1 MB note by path ÷ the same call in process | ${f(m.checkMs)} ms | in process ${f(m.checkInProcessMs)} ms | ${f(m.checkMs / m.checkInProcessMs, 2)} | ≤ 2 |`,
    `| MCP summarize_socket_evidence as a fresh server's first call (which also loads the core modules) ÷ the same call once in a fresh Node process (cold JIT; modules loaded before the timing) | ${f(m.firstSummarizeMs)} ms | fresh process ${f(m.firstSummarizeColdInProcessMs)} ms | ${f(m.firstSummarizeVsColdRatio, 2)} | ≤ 2 |`,
    `| MCP summarize_socket_evidence as a fresh server's first call ÷ the same call in this (warm) process | ${f(m.firstSummarizeMs)} ms | in process ${f(m.summarizeInProcessMs)} ms | ${f(m.firstSummarizeMs / m.summarizeInProcessMs, 2)} | — |`,
  ];
}

function mcpJson(m: McpBench): Record<string, number> {
  return {
    mcp_startup_ms: round(m.startupMs, 1),
    mcp_startup_vs_node: round(m.startupMs / m.nodeFloorMs, 2),
    mcp_summarize_1mb_ms: round(m.summarizeMs, 1),
    mcp_summarize_vs_in_process_1mb: round(m.summarizeMs / m.summarizeInProcessMs, 2),
    mcp_check_vs_in_process_1mb: round(m.checkMs / m.checkInProcessMs, 2),
    mcp_first_summarize_1mb_ms: round(m.firstSummarizeMs, 1),
    mcp_first_summarize_vs_cold_in_process_1mb: round(m.firstSummarizeVsColdRatio, 2),
    mcp_first_summarize_vs_in_process_1mb: round(m.firstSummarizeMs / m.summarizeInProcessMs, 2),
  };
}

/** `report` (analysis + report + Markdown) on the 10 MB note ÷ the analysis alone. */
function reportBench(tenMb: string) {
  return versus(
    () => reportMarkdown(buildReport(analyzeNote(tenMb), { file: 'note.md', lang: 'en' }), 'en'),
    () => analyzeNote(tenMb),
    QUICK ? 3 : 5,
    1,
  );
}

/**
 * The parts of the full run that each get a fresh Node process (the same code as the TSN_BENCH_ONLY runs): a
 * long process that has already held the 10 MB notes, the hostile corpus and thousands of JIT-compiled paths
 * measures later parts worse than they run alone (bench/RESULTS.md, session 5: three keys 10–35% worse).
 */
const PARTS = {
  report: () => reportBench(generateNote(10 * 1024 * 1024, 1)),
  adversarial: async () => ({ adv: adversarialBench(QUICK ? 1 : 3), host: await hostStalls() }),
  first: () => firstHoverBench(generateNote(5 * 1024 * 1024, 3), QUICK ? 300 : 2000),
  hostile: () => hostileBench(),
  lsp: () => lspBench(generateNote(1024 * 1024, 1), join(ROOT, 'dist', 'cli.js'), QUICK ? 3 : 7, QUICK ? 100 : 400),
  mcp: () => mcpBench(ROOT, generateNote(1024 * 1024, 1), QUICK ? 3 : 7),
  workspace: () => workspaceBench(gc, QUICK, join(ROOT, 'dist', 'node', 'analysisWorker.js')),
};
type Part = keyof typeof PARTS;
const PART_MARK = '@@tsn-bench-part ';

/** Runs one part in a fresh process (this script with TSN_BENCH_PART) and returns its result. */
function inFreshProcess<P extends Part>(part: P): Awaited<ReturnType<(typeof PARTS)[P]>> {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename], {
    cwd: ROOT,
    env: { ...process.env, TSN_BENCH_PART: part },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout?.split('\n').find((l) => l.startsWith(PART_MARK));
  if (r.status !== 0 || !line) throw new Error(`bench part ${part} failed (exit ${r.status ?? r.signal})`);
  return JSON.parse(line.slice(PART_MARK.length)) as Awaited<ReturnType<(typeof PARTS)[P]>>;
}

async function main(): Promise<void> {
  const part = process.env.TSN_BENCH_PART;
  if (part !== undefined) {
    if (!(part in PARTS)) throw new Error(`unknown bench part ${part}`);
    process.stdout.write(`${PART_MARK}${JSON.stringify(await PARTS[part as Part]())}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'report') {
    const r = PARTS.report();
    process.stderr.write(`[bench] report 10 MB: ${r.subject.toFixed(0)} ms vs analysis ${r.baseline.toFixed(0)} ms\n`);
    process.stdout.write(`${JSON.stringify({ report_10mb_ms: round(r.subject, 0), analysis_10mb_ms: round(r.baseline, 0), report_vs_analysis_10mb: round(r.ratio, 3) })}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'adversarial') {
    const { adv, host } = await PARTS.adversarial();
    process.stdout.write(`${JSON.stringify({ adversarial_worst_growth: round(adv.worstGrowth, 2), adversarial_max_stall_ms: round(Math.max(...host.map((h) => h.stallMs)), 1), adversarial_max_slice_ms_no_worker: round(adv.maxStall, 1) })}\n`);
    for (const h of host) process.stderr.write(`[bench] host stall ${h.name} (${h.where}): ${h.stallMs.toFixed(1)} ms (idle ${h.idleMs.toFixed(1)} ms)\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'activation') {
    const act = activationBench(QUICK ? 3 : 9);
    if (!act) throw new Error('dist/node/extension.js is not built');
    const mdRequire = act.markdownIt;
    process.stdout.write(
      `| activation: require + activate() of dist/node/extension.js (${act.bundleKb.toFixed(0)} KB; require ${act.require.toFixed(1)} ms, activate ${act.activate.toFixed(1)} ms) | ${act.total.toFixed(1)} ms | require('markdown-it') ${mdRequire.toFixed(1)} ms | ${(act.total / mdRequire).toFixed(2)} | ≤ 1 |\n`,
    );
    process.stdout.write(`${JSON.stringify({ activation_ms: round(act.total, 1), activation_vs_markdownit: round(act.total / mdRequire, 2), markdownit_require_ms: round(mdRequire, 1), activation_noop_ms: round(act.baseline, 2) })}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'lsp') {
    const lsp = await PARTS.lsp();
    process.stdout.write(`${lspLines(lsp).join('\n')}\n${JSON.stringify(lspJson(lsp))}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'mcp') {
    const m = await PARTS.mcp();
    process.stdout.write(`${mcpLines(m).join('\n')}\n${JSON.stringify(mcpJson(m))}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'edit') {
    const oneMb = generateNote(1024 * 1024, 1);
    const e = editBench(oneMb, QUICK ? 60 : 300);
    const tenMb = analyzeNote(generateNote(10 * 1024 * 1024, 1));
    const h = hoverBench(tenMb, QUICK ? 500 : 3000);
    process.stderr.write(`[bench] edit: ${e.update.toFixed(2)} ms (p90 ${e.updateP90.toFixed(2)}) vs full ${e.full.toFixed(1)} ms; hover p99 10 MB ${h.p99.toFixed(4)} ms vs floor ${h.floorP99.toFixed(4)} ms\n`);
    process.stdout.write(`${JSON.stringify({ edit_ms_1mb: round(e.update, 3), edit_vs_full_1mb: round(e.update / e.full, 4), edit_text_copy_ms_1mb: round(e.textCopy, 3), hover_p99_ms_10mb: round(h.p99, 4), hover_floor_p99_ms_10mb: round(h.floorP99, 4), hover_p99_vs_floor_10mb: round(h.p99 / h.floorP99, 1) })}\n`);
    return;
  }
  if (process.env.TSN_BENCH_ONLY === 'workspace') {
    const ws = await PARTS.workspace();
    process.stdout.write(`\n${workspaceLines(ws).join('\n')}\n\n${JSON.stringify(workspaceJson(ws))}\n`);
    return;
  }
  const rows: Row[] = [];
  const notes = new Map<string, string>();
  for (const [label, size] of SIZES) {
    const text = generateNote(size, 1);
    notes.set(label, text);
    const big = size >= 5 * 1024 * 1024;
    const rounds = QUICK ? 3 : big ? 3 : size >= 1024 * 1024 ? 7 : 15;
    const minMs = big ? 1 : 150;
    const v = versus(() => analyzeNote(text), () => remark.parse(text), rounds, minMs);
    const model = analyzeNote(text);
    const h = hoverBench(model, QUICK ? 500 : 3000);
    const diagramMs = median(Array.from({ length: big ? 3 : 7 }, () => timed(() => diagramOnce(model), big ? 1 : 50)));
    rows.push({ size: label, chars: text.length, analysisMs: v.subject, remarkMs: v.baseline, analysisVsRemark: v.ratio, hoverP50: h.p50, hoverP99: h.p99, floorP99: h.floorP99, diagramMs });
    process.stderr.write(`[bench] ${label}: analysis ${v.subject.toFixed(1)} ms, remark ${v.baseline.toFixed(1)} ms, hover p99 ${h.p99.toFixed(3)} ms\n`);
  }
  const oneMb = notes.get('1 MB') as string;
  const tenMb = notes.get('10 MB') as string;
  const edit = editBench(oneMb, QUICK ? 60 : 300);
  process.stderr.write(`[bench] edit: ${edit.update.toFixed(2)} ms vs full ${edit.full.toFixed(1)} ms vs markdown-it ${edit.markdownIt.toFixed(1)} ms\n`);
  const stall = await stallBench(tenMb);
  process.stderr.write(`[bench] stall: ${stall.maxStall.toFixed(1)} ms (slice ${stall.maxAt} of ${stall.slices}, p99 ${stall.p99.toFixed(1)} ms)\n`);
  const report = inFreshProcess('report');
  process.stderr.write(`[bench] report 10 MB: ${report.subject.toFixed(0)} ms vs analysis ${report.baseline.toFixed(0)} ms\n`);
  const heap = heapBench(oneMb, 1000);
  process.stderr.write(`[bench] heap: ${heap.before.toFixed(1)} → ${heap.after.toFixed(1)} MB\n`);
  const { adv, host } = inFreshProcess('adversarial');
  const hostStall = Math.max(...host.map((h) => h.stallMs));
  process.stderr.write(`[bench] host stall while adversarial notes open (worker): ${hostStall.toFixed(1)} ms\n`);
  const vsixKb = packageVsix();
  const act = activationBench(QUICK ? 3 : 9);
  const mdRequire = act ? act.markdownIt : NaN;
  const hover10 = rows[3];
  const hoverVsFloor = hover10 ? hover10.hoverP99 / hover10.floorP99 : NaN;
  const first = inFreshProcess('first');
  process.stderr.write(`[bench] first hover (5 MB, no model): p99 ${first.p99.toFixed(3)} ms\n`);
  const hostile = inFreshProcess('hostile');
  const lsp = inFreshProcess('lsp');
  const mcp = inFreshProcess('mcp');
  const ws = inFreshProcess('workspace');

  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const lines: string[] = [];
  lines.push('| note | chars | analysis ms | remark-parse ms | analysis ÷ remark | hover p50 ms | hover p99 ms | floor p99 ms (1 regex/line) | diagram + SVG ms |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    lines.push(`| ${r.size} | ${r.chars.toLocaleString('en-US')} | ${fmt(r.analysisMs, 1)} | ${fmt(r.remarkMs, 1)} | ${fmt(r.analysisVsRemark)} | ${fmt(r.hoverP50, 4)} | ${fmt(r.hoverP99, 4)} | ${fmt(r.floorP99, 4)} | ${fmt(r.diagramMs, 2)} |`);
  }
  lines.push('');
  lines.push('| measure | value | baseline | ratio | target |');
  lines.push('|---|---:|---:|---:|---|');
  lines.push(`| one-character edit, 1 MB note (median of ${QUICK ? 60 : 300}; p90 ${fmt(edit.updateP90)} ms) | ${fmt(edit.update)} ms | full analysis ${fmt(edit.full, 1)} ms | ${fmt(edit.update / edit.full, 3)} | ≤ 0.10 |`);
  lines.push(`| the editor's text of the edited note (getText(): a join of its lines; not counted above) + the edit | ${fmt(edit.textCopy + edit.update)} ms | full analysis ${fmt(edit.full, 1)} ms | ${fmt((edit.textCopy + edit.update) / edit.full, 3)} | — |`);
  lines.push(`| same edit vs markdown-it parse of the note | ${fmt(edit.update)} ms | markdown-it ${fmt(edit.markdownIt, 1)} ms | ${fmt(edit.update / edit.markdownIt, 3)} | < 1 |`);
  lines.push(`| longest synchronous slice, background analysis of 10 MB (${stall.slices} slices, ${fmt(stall.wallMs, 0)} ms wall) | ${fmt(stall.maxStall, 1)} ms | — | — | ≤ 50 ms |`);
  lines.push(`| heap after 1,000 edits of the 1 MB note (after GC; every 250: ${heap.marks.map((m) => m.toFixed(1)).join(', ')} MB) | ${fmt(heap.after, 1)} MB | before ${fmt(heap.before, 1)} MB | +${fmt(heap.growth, 1)} MB | flat |`);
  lines.push(`| \`report\` on the 10 MB note (analysis, connections, timeline, causes, findings, Markdown) | ${fmt(report.subject, 0)} ms | analysis ${fmt(report.baseline, 0)} ms | ${fmt(report.ratio)} | ≤ 1.5 |`);
  if (act) lines.push(`| activation: require + activate() of dist/node/extension.js (${fmt(act.bundleKb, 0)} KB; require ${fmt(act.require, 1)} ms, activate ${fmt(act.activate, 1)} ms) | ${fmt(act.total, 1)} ms | no-op extension ${fmt(act.baseline, 2)} ms | — | ≤ 20 ms |`);
  if (act) lines.push(`| activation ÷ require('markdown-it') in a fresh process | ${fmt(act.total, 1)} ms | markdown-it ${fmt(mdRequire, 1)} ms | ${fmt(act.total / mdRequire)} | ≤ 1 |`);
  lines.push(`| hover p99 ÷ one-regex floor p99, 10 MB note | ${fmt(hover10?.hoverP99 ?? NaN, 4)} ms | floor ${fmt(hover10?.floorP99 ?? NaN, 4)} ms | ${fmt(hoverVsFloor, 1)} | ≤ 15 |`);
  lines.push(`| adversarial shapes: worst time(2n) ÷ time(n), n = ${SHAPE_SIZES[0] / 1024} KB (analysis + typo detection) | — | — | ${fmt(adv.worstGrowth)} | ≤ 2.3 |`);
  lines.push(`| adversarial shapes opened as the extension does (analysis in the worker, result in batches, typo detection here): longest stall of this thread | ${fmt(hostStall, 1)} ms | — | — | ≤ 50 ms |`);
  lines.push(`| the same without a worker (sliced on this thread: first slice ${FIRST_SLICE_MS} ms, then 8 ms): longest synchronous call | ${fmt(adv.maxStall, 1)} ms | — | — | — |`);
  if (vsixKb !== undefined) lines.push(`| .vsix size | ${fmt(vsixKb, 1)} KB | — | — | ≤ 300 KB |`);
  lines.push(`| first hover on a 5 MB note before its model (one-line fallback; p50 ${fmt(first.p50, 4)} ms) | p99 ${fmt(first.p99, 4)} ms | 1 regex/line p99 ${fmt(first.floorP99, 4)} ms | ${fmt(first.p99 / first.floorP99, 1)} | — |`);
  lines.push(...lspLines(lsp));
  lines.push(...mcpLines(mcp));
  lines.push(...workspaceLines(ws));
  lines.push('');
  lines.push('| hostile note | chars | analysis + evidence ms | remark-parse ms | ratio |');
  lines.push('|---|---:|---:|---:|---:|');
  for (const h of hostile) lines.push(`| ${h.name} | ${h.chars.toLocaleString('en-US')} | ${fmt(h.ms, 1)} | ${h.remarkMs === undefined ? '—' : fmt(h.remarkMs, 1)} | ${h.remarkMs === undefined ? '—' : fmt(h.ms / h.remarkMs)} |`);
  lines.push('');
  lines.push(`| adversarial shape | ms at ${SHAPE_SIZES[0] / 1024} KB | ms at ${SHAPE_SIZES[1] / 1024} KB | of which typo detection | growth | longest call ms (no worker) | host stall ms (worker) |`);
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of adv.rows) lines.push(`| ${r.name} | ${fmt(r.ms[0] ?? NaN, 1)} | ${fmt(r.ms[1] ?? NaN, 1)} | ${r.typoMs.map((x) => fmt(x, 1)).join(' / ')} | ${fmt(r.growth)} | ${fmt(r.stall, 1)} | ${fmt(host.find((h) => h.name === r.name)?.stallMs ?? NaN, 1)} |`);
  const table = lines.join('\n');
  const when = new Date().toISOString();
  process.stdout.write(`\nTCP State Notes benchmark — ${machine()}\n\n${table}\n\n`);
  if (!QUICK) {
    writeFileSync(
      join(ROOT, 'bench', 'RESULTS.md'),
      `# Benchmark results\n\nLatest \`npm run bench\` (${when}) on ${machine()}.\n\nSynthetic notes from bench/generate.ts (seed 1): English and Chinese prose, headings, tables, lists, quotes, fenced \`ss\` / netstat / sockstat dumps, code blocks, a few unfenced listings. Ratios are medians of interleaved rounds against the baseline in the same process.\n\n${table}\n`,
    );
  }
  const json = {
    machine: machine(),
    analysis_vs_remark: Object.fromEntries(rows.map((r) => [r.size.replace(' ', '').toLowerCase(), round(r.analysisVsRemark, 3)])),
    analysis_ms: Object.fromEntries(rows.map((r) => [r.size.replace(' ', '').toLowerCase(), round(r.analysisMs, 2)])),
    hover_p50_ms_10mb: round(rows[3]?.hoverP50 ?? NaN, 4),
    hover_p99_ms_10mb: round(rows[3]?.hoverP99 ?? NaN, 4),
    hover_floor_p99_ms_10mb: round(rows[3]?.floorP99 ?? NaN, 4),
    edit_ms_1mb: round(edit.update, 3),
    edit_vs_full_1mb: round(edit.update / edit.full, 4),
    edit_vs_markdownit_1mb: round(edit.update / edit.markdownIt, 3),
    edit_text_copy_ms_1mb: round(edit.textCopy, 3),
    max_stall_ms_10mb: round(stall.maxStall, 1),
    diagram_ms: Object.fromEntries(rows.map((r) => [r.size.replace(' ', '').toLowerCase(), round(r.diagramMs, 2)])),
    activation_ms: act ? round(act.total, 1) : null,
    activation_vs_markdownit: act ? round(act.total / mdRequire, 2) : null,
    hover_p99_vs_floor_10mb: round(hoverVsFloor, 1),
    adversarial_worst_growth: round(adv.worstGrowth, 2),
    adversarial_max_stall_ms: round(hostStall, 1),
    adversarial_max_slice_ms_no_worker: round(adv.maxStall, 1),
    vsix_kb: vsixKb !== undefined ? round(vsixKb, 1) : null,
    heap_growth_mb_1000_edits: round(heap.growth, 1),
    first_hover_p99_ms_5mb: round(first.p99, 4),
    hostile_ms: Object.fromEntries(hostile.map((h) => [h.name, round(h.ms, 1)])),
    report_vs_analysis_10mb: round(report.ratio, 3),
    ...lspJson(lsp),
    ...mcpJson(mcp),
    ...workspaceJson(ws),
  };
  process.stdout.write(`${JSON.stringify(json)}\n`);
}

/** The language server's rows of the measure table (bench/lsp.ts). */
function lspLines(l: LspBenchResult): string[] {
  const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  return [
    `| \`lsp --stdio\` start: spawn → initialize answered (bare \`node -e 0\` ${fmt(l.nodeMs, 0)} ms) | ${fmt(l.startMs, 0)} ms | \`dist/cli.js --version\` ${fmt(l.cliVersionMs, 0)} ms | ${fmt(l.startMs / l.cliVersionMs)} | < 300 ms |`,
    `| \`lsp\` first answer, 1 MB note: didOpen → documentSymbol (whole analysis) → hover | ${fmt(l.firstAnswerMs, 0)} ms | same work in process ${fmt(l.firstAnswerInProcessMs, 0)} ms | ${fmt(l.firstAnswerRatio)} | ≤ 2 |`,
    `| \`lsp\` the same first answer ÷ the same work once in a fresh Node process (cold JIT on both sides: what the server, protocol and worker add) | ${fmt(l.firstAnswerMs, 0)} ms | fresh process ${fmt(l.firstAnswerColdInProcessMs, 0)} ms | ${fmt(l.firstAnswerVsColdRatio)} | ≤ 2 |`,
    `| \`lsp\` the same for a second 1 MB note in the running server | ${fmt(l.warmAnswerMs, 0)} ms | in process ${fmt(l.firstAnswerInProcessMs, 0)} ms | ${fmt(l.warmAnswerRatio)} | ≤ 2 |`,
    `| \`lsp\` the first 1 MB note of a server left idle ${IDLE_MS} ms after \`initialized\` (its worker warmed up) | ${fmt(l.idleFirstAnswerMs, 0)} ms | in process ${fmt(l.firstAnswerInProcessMs, 0)} ms | ${fmt(l.idleFirstAnswerRatio)} | — |`,
    `| \`lsp\` hover round trip p50, analysed 1 MB note (protocol + pipe) | ${fmt(l.hoverP50Ms, 3)} ms | noteHover in process ${fmt(l.hoverInProcessP50Ms, 4)} ms | ${fmt(l.hoverRatio, 1)} | — |`,
  ];
}

function lspJson(l: LspBenchResult): Record<string, number> {
  return {
    lsp_start_ms: round(l.startMs, 0),
    lsp_start_vs_cli_version: round(l.startMs / l.cliVersionMs, 2),
    lsp_start_vs_bare_node: round(l.startMs / l.nodeMs, 2),
    lsp_first_answer_ms_1mb: round(l.firstAnswerMs, 0),
    lsp_first_answer_vs_inprocess_1mb: round(l.firstAnswerRatio, 2),
    lsp_first_answer_vs_cold_inprocess_1mb: round(l.firstAnswerVsColdRatio, 2),
    lsp_warm_answer_vs_inprocess_1mb: round(l.warmAnswerRatio, 2),
    lsp_idle_first_answer_vs_inprocess_1mb: round(l.idleFirstAnswerRatio, 2),
    lsp_hover_p50_ms_1mb: round(l.hoverP50Ms, 3),
    lsp_hover_vs_inprocess_p50_1mb: round(l.hoverRatio, 1),
  };
}

function workspaceLines(ws: WorkspaceBench): string[] {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  const n = ws.notes.toLocaleString('en-US');
  return [
    `| workspace index: ${n} notes, ${f(ws.mb, 1)} MB, ${ws.mentions.toLocaleString('en-US')} mentions, read from disk and indexed | ${f(ws.indexMs, 0)} ms | read + one regex ${f(ws.readMs, 0)} ms | ${f(ws.ratio)} | ≤ 3 |`,
    `| workspace index in ${ws.workers} worker threads (as the extension's build; ${ws.byWorkers.toLocaleString('en-US')} of ${n} notes from the workers) | ${f(ws.workersMs, 0)} ms | read + one regex ${f(ws.readMs, 0)} ms | ${f(ws.workersRatio)} | ≤ 3 |`,
    `| workspace queries (references / symbols, warm; p50 ${f(ws.queryP50, 3)} ms; first symbols query of an id ${f(ws.coldSymbolsMs, 1)} ms; references right after a change, median ${f(ws.coldReferencesMs, 2)} ms) | p99 ${f(ws.queryP99, 3)} ms | — | — | ≤ 5 ms |`,
    `| workspace update: one changed note re-indexed (median; p99 ${f(ws.updateP99, 2)} ms) | ${f(ws.updateMs, 2)} ms | — | — | ≤ 10 ms |`,
    `| workspace index memory (heap + array buffers after GC) | ${f(ws.indexMb, 1)} MB | notes ${f(ws.mb, 1)} MB | ${f(ws.mbPerMb, 3)} MB/MB | ≤ 1.5 |`,
  ];
}

function workspaceJson(ws: WorkspaceBench): Record<string, number> {
  return {
    workspace_notes: ws.notes,
    workspace_index_vs_read: round(ws.ratio, 2),
    workspace_index_workers: ws.workers,
    workspace_index_workers_vs_read: round(ws.workersRatio, 2),
    workspace_query_p99_ms: round(ws.queryP99, 3),
    workspace_update_ms: round(ws.updateMs, 2),
    workspace_index_mb_per_mb: round(ws.mbPerMb, 3),
  };
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
