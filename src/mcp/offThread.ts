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

/** The runner for the worker bundle at `script`. */
export function workerRunner(script: string): OffThreadRunner {
  return (call, signal, toolError) =>
    new Promise<string>((resolve, reject) => {
      if (signal.aborted) {
        reject(new Error('cancelled'));
        return;
      }
      const worker = new Worker(script, { workerData: call });
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = (): void => {
        settle(() => reject(new Error('cancelled')));
        void worker.terminate();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (reply: OffThreadReply) =>
        settle(() => {
          if ('text' in reply) resolve(reply.text);
          else if ('toolError' in reply) reject(toolError(reply.toolError));
          else reject(new Error(reply.failure));
        }),
      );
      worker.once('error', (e) => settle(() => reject(e)));
      worker.once('exit', (code) => settle(() => reject(new Error(`the analysis worker stopped (exit code ${code})`))));
    });
}

/** A ToolNote as a worker receives it (text and name; a parsed model does not cross threads). */
export function offThreadNote(note: ToolNote): OffThreadCall['note'] {
  return { text: note.text, name: note.name };
}
