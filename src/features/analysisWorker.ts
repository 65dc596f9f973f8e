import * as vscode from 'vscode';
import type { RemoteAnalyser, RemoteJob } from '../core/note/documents';
import type { Piece } from '../core/note/piece';
import { isWorkerResponse, type AnalysisParts, type WorkerRequest } from '../core/note/transfer';

/** The part of a worker the pool uses: Node's `worker_threads` and the Web Worker adapted to one shape. */
interface Port {
  post(request: WorkerRequest): void;
  /** Called with each message, or with an Error when the worker failed (could not load, threw, exited). */
  listen(onMessage: (data: unknown) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

declare const Worker: (new (url: string) => WebWorker) | undefined;
interface WebWorker {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Starts the analysis worker of this host: `worker_threads` under Node, a Web Worker in the browser. */
function spawn(extensionUri: vscode.Uri): Port {
  if (isNode()) {
    // process.getBuiltinModule, not require: the one bundle also runs in the web worker host, which must find
    // no require of a Node built-in in it.
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const threads = host?.getBuiltinModule?.('worker_threads') as typeof import('node:worker_threads') | undefined;
    if (!threads) throw new Error('worker_threads is not available in this host');
    const { Worker: NodeWorker } = threads;
    const w = new NodeWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'node', 'analysisWorker.js').fsPath);
    // The extension host may exit while a worker runs: it must not keep the process alive.
    w.unref();
    return {
      post: (r) => w.postMessage(r),
      listen: (onMessage, onFailure) => {
        w.on('message', onMessage);
        w.on('error', (e) => onFailure(e instanceof Error ? e : new Error(String(e))));
        w.on('exit', (code) => onFailure(new Error(`analysis worker exited (${code})`)));
      },
      terminate: () => void w.terminate(),
    };
  }
  if (typeof Worker !== 'function') throw new Error('no worker in this host');
  return webPort(Worker, extensionUri);
}

declare const URL: { createObjectURL(blob: unknown): string };
declare const Blob: new (parts: unknown[], options: { type: string }) => unknown;
let scriptUrl: Promise<string> | undefined;

/**
 * A Web Worker from the extension's bundle. The extension's files may live behind a `vscode-remote:` or another
 * origin's URL that a worker cannot start from, so the script is read through the workspace file system (as
 * every other extension file is) and started from a same-origin blob URL; until it runs, requests wait.
 */
function webPort(WebWorkerCtor: new (url: string) => WebWorker, extensionUri: vscode.Uri): Port {
  scriptUrl ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'analysisWorker.js'))).then((bytes) =>
    URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })),
  );
  let worker: WebWorker | undefined;
  let terminated = false;
  const queued: WorkerRequest[] = [];
  let onMessage: (data: unknown) => void = () => undefined;
  let onFailure: (error: Error) => void = () => undefined;
  scriptUrl.then(
    (url) => {
      if (terminated) return;
      try {
        worker = new WebWorkerCtor(url);
      } catch (e) {
        onFailure(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      worker.onmessage = (e) => onMessage(e.data);
      worker.onerror = (e) => onFailure(new Error(e.message ?? 'analysis worker failed'));
      for (const r of queued.splice(0)) worker.postMessage(r);
    },
    (e: unknown) => {
      scriptUrl = undefined;
      onFailure(e instanceof Error ? e : new Error(String(e)));
    },
  );
  return {
    post: (r) => (worker ? worker.postMessage(r) : void queued.push(r)),
    listen: (m, f) => {
      onMessage = m;
      onFailure = f;
    },
    terminate: () => {
      terminated = true;
      worker?.terminate();
    },
  };
}

interface Pending {
  readonly request: WorkerRequest;
  resolve(value: { parts: AnalysisParts; ms: number }): void;
  reject(error: Error): void;
  port?: Port;
  /** Pieces received so far (the worker sends them in batches). */
  pieces: Piece[];
}

/**
 * A small pool of analysis workers (at most `size` at once, so one note that takes long does not hold up the
 * others). Abandoning a job terminates the worker running it — the only way to stop a synchronous parse — and
 * the next job gets a fresh one.
 */
export class AnalysisWorkers implements RemoteAnalyser, vscode.Disposable {
  private nextId = 1;
  private readonly idle: Port[] = [];
  private readonly running = new Map<Port, Pending>();
  private readonly queue: Pending[] = [];
  private disposed = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly size = 2,
  ) {}

  start(text: string): RemoteJob {
    if (this.disposed) throw new Error('disposed');
    let pending!: Pending;
    const result = new Promise<{ parts: AnalysisParts; ms: number }>((resolve, reject) => {
      pending = { request: { id: this.nextId++, text }, resolve, reject, pieces: [] };
    });
    // Spawning fails synchronously when this host has no workers: the cache then analyses on its own thread.
    this.queue.push(pending);
    this.pump();
    return { result, abandon: () => this.abandon(pending) };
  }

  private open(): Port {
    const port = spawn(this.extensionUri);
    port.listen(
      (data) => {
        const p = this.running.get(port);
        if (!p || !isWorkerResponse(data) || data.id !== p.request.id) return;
        if ('chunk' in data) {
          for (const piece of data.chunk) p.pieces.push(piece);
          return;
        }
        this.running.delete(port);
        this.idle.push(port);
        if ('error' in data) p.reject(new Error(data.error));
        else {
          for (const piece of data.parts.pieces) p.pieces.push(piece);
          p.resolve({ parts: { pieces: p.pieces, definitions: data.parts.definitions }, ms: data.ms });
        }
        this.pump();
      },
      (error) => {
        const p = this.running.get(port);
        this.running.delete(port);
        const i = this.idle.indexOf(port);
        if (i >= 0) this.idle.splice(i, 1);
        port.terminate();
        p?.reject(error);
        this.pump();
      },
    );
    return port;
  }

  private pump(): void {
    while (this.queue.length && !this.disposed) {
      let port = this.idle.pop();
      if (!port && this.running.size < this.size) {
        try {
          port = this.open();
        } catch (e) {
          for (const p of this.queue.splice(0)) p.reject(e instanceof Error ? e : new Error(String(e)));
          return;
        }
      }
      if (!port) return;
      const p = this.queue.shift() as Pending;
      p.port = port;
      this.running.set(port, p);
      port.post(p.request);
    }
  }

  private abandon(p: Pending): void {
    const q = this.queue.indexOf(p);
    if (q >= 0) this.queue.splice(q, 1);
    const port = p.port;
    if (port && this.running.get(port) === p) {
      this.running.delete(port);
      port.terminate();
    }
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    for (const port of [...this.idle, ...this.running.keys()]) port.terminate();
    this.idle.length = 0;
    this.running.clear();
    this.queue.length = 0;
  }
}
