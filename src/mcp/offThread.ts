/**
 * Tool calls on large notes run in a worker thread (dist/mcpToolWorker.js, ./toolWorker.ts): an analysis of
 * several MB takes seconds, and on the server's own thread it would hold back every ping, cancellation and other
 * request meanwhile (the MCP specification asks for prompt pings, and for a cancelled request to stop). A
 * cancelled call stops its worker; smaller notes run in the thread, where a worker's start would cost more.
 */
import { Worker } from 'node:worker_threads';
import type { NoteToolInput, ToolNote } from '../core/agents/tools';

/** Notes at least this long (UTF-16 code units) are analysed off the server's thread. */
export const OFF_THREAD_CHARS = 512 * 1024;

export interface OffThreadCall {
  readonly tool: 'summarize' | 'check';
  readonly note: { readonly text: string; readonly name: string };
  readonly input: NoteToolInput;
}

export type OffThreadReply = { readonly text: string } | { readonly toolError: string } | { readonly failure: string };

/** Runs one call in a new worker; `toolError` makes a tool error's message the core's kind of error. */
export type OffThreadRunner = (call: OffThreadCall, signal: AbortSignal, toolError: (message: string) => Error) => Promise<string>;

/** Workers that run at once; further calls wait their turn (each worker holds a copy of its note and the core). */
export const MAX_WORKERS = 2;

/** A runner that also stops every worker and waiting call (the client went away). */
export interface WorkerRunner extends OffThreadRunner {
  stop(): void;
}

/** The runner for the worker bundle at `script`: at most `limit` workers at once, the rest queued in order. */
export function workerRunner(script: string, limit = MAX_WORKERS): WorkerRunner {
  const live = new Set<Worker>();
  const waiting: (() => void)[] = [];
  let stopped = false;
  const next = (): void => {
    if (live.size < limit) waiting.shift()?.();
  };
  const run: OffThreadRunner = (call, signal, toolError) =>
    new Promise<string>((resolve, reject) => {
      let worker: Worker | undefined;
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (worker) {
          live.delete(worker);
          void worker.terminate();
        }
        f();
        next();
      };
      const onAbort = (): void => settle(() => reject(new Error('cancelled')));
      const start = (): void => {
        if (settled) return next();
        if (stopped) return settle(() => reject(new Error('the server is closing')));
        const w = new Worker(script, { workerData: call });
        worker = w;
        live.add(w);
        w.once('message', (reply: OffThreadReply) =>
          settle(() => {
            if ('text' in reply) resolve(reply.text);
            else if ('toolError' in reply) reject(toolError(reply.toolError));
            else reject(new Error(reply.failure));
          }),
        );
        w.once('error', (e) => settle(() => reject(e)));
        w.once('exit', (code) => settle(() => reject(new Error(`the analysis worker stopped (exit code ${code})`))));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(start);
      next();
    });
  return Object.assign(run, {
    stop(): void {
      stopped = true;
      for (const w of live) void w.terminate();
      live.clear();
      for (const start of waiting.splice(0)) start();
    },
  });
}

/** A ToolNote as a worker receives it (text and name; a parsed model does not cross threads). */
export function offThreadNote(note: ToolNote): OffThreadCall['note'] {
  return { text: note.text, name: note.name };
}
