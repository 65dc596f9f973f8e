/**
 * The language server (`node dist/cli.js lsp --stdio`, the built CLI) against the same work done in this
 * process, on the 1 MB note:
 *   start          spawn → initialize answered (target < 300 ms), vs spawn → exit of `dist/cli.js --version`
 *                  (and of a bare `node -e 0`)
 *   first answer   didOpen of the 1 MB note → documentSymbol (waits for the whole analysis) → hover answered,
 *                  vs the same in this process (the model cache, whenReady, evidence symbols, noteHover): ≤ 2×;
 *                  once for the first note of a fresh server (cold JIT) and once for a second note; the fresh
 *                  server's first answer also against the same work once in a fresh process (coldAnswer.ts:
 *                  cold JIT on both sides, so the ratio is what the server, the protocol and the worker add); and for
 *                  the first note of a fresh server that was idle for IDLE_MS after `initialized` (its analysis
 *                  worker warms up meanwhile: src/workerMain.ts), as when an editor starts the server ahead
 *   warm hover     hover round trip on the analysed note, p50, vs noteHover on the cached model here (the
 *                  protocol and the pipe are most of it: reported, not targeted)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { NoteDocuments } from '../src/core/note/documents';
import { noteHover } from '../src/core/noteHover';
import { inProcessFirstAnswer } from './inProcessAnswer';
import { LineIndex } from '../src/core/note/lines';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] as number) : NaN;
};

export interface LspBenchResult {
  readonly startMs: number;
  readonly cliVersionMs: number;
  /** spawn → exit of a bare `node -e 0`: the floor any Node server starts from. */
  readonly nodeMs: number;
  readonly firstAnswerMs: number;
  readonly firstAnswerInProcessMs: number;
  readonly firstAnswerRatio: number;
  /** The same for a second note in the running server. */
  readonly warmAnswerMs: number;
  readonly warmAnswerRatio: number;
  /** The same work in a fresh Node process (cold JIT, as the fresh server's), and the fresh server's first answer ÷ it. */
  readonly firstAnswerColdInProcessMs: number;
  readonly firstAnswerVsColdRatio: number;
  /** The first note of a fresh server sent IDLE_MS after `initialized`. */
  readonly idleFirstAnswerMs: number;
  readonly idleFirstAnswerRatio: number;
  readonly hoverP50Ms: number;
  readonly hoverInProcessP50Ms: number;
  readonly hoverRatio: number;
}

async function startServer(cli: string): Promise<{ connection: ProtocolConnection; ms: number; exited: Promise<unknown> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  const ms = performance.now() - t0;
  await connection.sendNotification(InitializedNotification.type, {});
  return { connection, ms, exited };
}

async function stopServer(server: { connection: ProtocolConnection; exited: Promise<unknown> }): Promise<void> {
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  await server.exited;
  server.connection.dispose();
}

/** Offsets of state names spread over the note (hover positions). */
function hoverOffsets(note: string, n: number): number[] {
  const out: number[] = [];
  const re = /\b(?:FIN_WAIT1|FIN-WAIT-1|CLOSE_WAIT|TIME_WAIT|LAST_ACK|ESTAB)\b/g;
  for (let m = re.exec(note); m; m = re.exec(note)) out.push(m.index + 1);
  const step = Math.max(1, Math.floor(out.length / n));
  return out.filter((_, i) => i % step === 0).slice(0, n);
}

/** How long the server is left idle before its first note in the "started ahead" measurement. */
export const IDLE_MS = 1000;

/** didOpen → documentSymbol → hover on a fresh note of a running server: the time it took. */
async function firstAnswer(connection: ProtocolConnection, uri: string, note: string, position: ReturnType<LineIndex['positionAt']>): Promise<number> {
  const t = performance.now();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: note } });
  await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  if (!hover) throw new Error('no hover from the server');
  return performance.now() - t;
}

export async function lspBench(note: string, cli: string, rounds: number, hovers: number): Promise<LspBenchResult> {
  const offsets = hoverOffsets(note, hovers);
  const lines = new LineIndex(note);
  const first = offsets[0] as number;
  const starts: number[] = [];
  const versions: number[] = [];
  const bare: number[] = [];
  const firsts: number[] = [];
  const firstsHere: number[] = [];
  const seconds: number[] = [];
  const secondRatios: number[] = [];
  const idleFirsts: number[] = [];
  const idleRatios: number[] = [];
  const coldHere: number[] = [];
  const coldRatios: number[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'tsn-bench-lsp-'));
  const noteFile = join(dir, 'note.md');
  writeFileSync(noteFile, note);
  let rtt: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now();
      const v = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      if (v.status !== 0) throw new Error('dist/cli.js --version failed');
      versions.push(performance.now() - t0);
      const tn = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - tn);
      const server = await startServer(cli);
      starts.push(server.ms);
      const uri = `file:///bench/note-${round}.md`;
      firsts.push(await firstAnswer(server.connection, uri, note, lines.positionAt(first)));
      // The same work once in a fresh process: a cold JIT on both sides (no server, no protocol, no worker).
      const cold = spawnSync(process.execPath, [join(__dirname, 'coldAnswer.js'), 'lsp', noteFile, String(first)], { encoding: 'utf8' });
      const coldMs = Number(cold.stdout.trim());
      if (cold.status !== 0 || !(coldMs > 0)) throw new Error(`coldAnswer.js failed: ${cold.stderr}`);
      coldHere.push(coldMs);
      coldRatios.push((firsts[firsts.length - 1] as number) / coldMs);
      // The same again in the running server (a second note): the cost of a cold process set apart.
      seconds.push(await firstAnswer(server.connection, `${uri}.again.md`, note, lines.positionAt(first)));
      const here = await inProcessFirstAnswer(note, first);
      firstsHere.push(here);
      secondRatios.push((seconds[seconds.length - 1] as number) / here);
      if (round === rounds - 1) {
        rtt = [];
        for (const offset of offsets) {
          const t = performance.now();
          await server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: lines.positionAt(offset) });
          rtt.push(performance.now() - t);
        }
      }
      await stopServer(server);
      // A server started ahead of its first note.
      const ahead = await startServer(cli);
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      idleFirsts.push(await firstAnswer(ahead.connection, uri, note, lines.positionAt(first)));
      idleRatios.push((idleFirsts[idleFirsts.length - 1] as number) / here);
      await stopServer(ahead);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // In-process hovers on the cached model, same positions.
  const cache = new NoteDocuments<TextDocument>({ schedule: (w) => (w(), () => {}), maxLength: () => 20 * 1024 * 1024 });
  const document = TextDocument.create('file:///bench/here.md', 'markdown', 1, note);
  const model = cache.get(document);
  const here = offsets.map((offset) => {
    const t = performance.now();
    noteHover(model, offset, { lang: 'en' });
    return performance.now() - t;
  });
  const firstAnswerMs = median(firsts);
  const firstAnswerInProcessMs = median(firstsHere);
  const hoverP50Ms = median(rtt);
  const hoverInProcessP50Ms = median(here);
  return {
    startMs: median(starts),
    cliVersionMs: median(versions),
    nodeMs: median(bare),
    firstAnswerMs,
    firstAnswerInProcessMs,
    firstAnswerRatio: median(firsts.map((f, i) => f / (firstsHere[i] as number))),
    firstAnswerColdInProcessMs: median(coldHere),
    firstAnswerVsColdRatio: median(coldRatios),
    warmAnswerMs: median(seconds),
    warmAnswerRatio: median(secondRatios),
    idleFirstAnswerMs: median(idleFirsts),
    idleFirstAnswerRatio: median(idleRatios),
    hoverP50Ms,
    hoverInProcessP50Ms,
    hoverRatio: hoverP50Ms / hoverInProcessP50Ms,
  };
}
