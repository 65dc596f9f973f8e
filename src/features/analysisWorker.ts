import * as vscode from 'vscode';
import { WorkerPool, type WorkerPort as Port } from '../core/note/workerPool';

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

/** Starts an analysis worker of this host (it also indexes notes: core/workspace/remote.ts): `worker_threads` under Node, a Web Worker in the browser. */
export function spawnWorker(extensionUri: vscode.Uri): Port<unknown> {
  if (isNode()) {
    // process.getBuiltinModule, not require: the one bundle also runs in the web worker host, which must find
    // no require of a Node built-in in it.
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const threads = host?.getBuiltinModule?.('worker_threads') as typeof import('node:worker_threads') | undefined;
    if (!threads) throw new Error('worker_threads is not available in this host');
    const { Worker: NodeWorker } = threads;
    // The extension's own bundle is the worker (its banner sees workerData.tsnAnalysisWorker: scripts/workerBanner.mjs).
    const w = new NodeWorker(vscode.Uri.joinPath(extensionUri, 'dist', 'node', 'extension.js').fsPath, { workerData: { tsnAnalysisWorker: true } });
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
function webPort(WebWorkerCtor: new (url: string) => WebWorker, extensionUri: vscode.Uri): Port<unknown> {
  scriptUrl ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'extension.js'))).then((bytes) =>
    URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })),
  );
  let worker: WebWorker | undefined;
  let terminated = false;
  const queued: unknown[] = [];
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

declare const navigator: { hardwareConcurrency?: number } | undefined;

/** Logical cores of this machine (Node's os, the browser's navigator), at least 1. */
export function hostCores(): number {
  if (isNode()) {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const os = host?.getBuiltinModule?.('os') as typeof import('node:os') | undefined;
    return Math.max(1, os?.availableParallelism?.() ?? os?.cpus().length ?? 1);
  }
  return Math.max(1, typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1);
}

/** The pool of analysis workers of this host (the pool itself is core/note/workerPool.ts). */
export class AnalysisWorkers extends WorkerPool implements vscode.Disposable {
  constructor(extensionUri: vscode.Uri, size = 2) {
    super(() => spawnWorker(extensionUri), size);
  }
}
