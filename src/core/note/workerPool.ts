/**
 * A small pool of analysis workers behind the cache's RemoteAnalyser interface. Pure: the host hands it a
 * `spawn` that starts one worker of its kind (Node `worker_threads`, a Web Worker, or a test double) adapted
 * to WorkerPort; the pool queues jobs, reassembles the batches a worker sends (core/note/transfer.ts),
 * acknowledging each so the worker sends the next (one batch in flight at a time), hands on the companion the
 * worker sends after the parts (the job's worker stays busy until it came, unless a new job takes it over), and
 * terminates a worker whose job is abandoned.
 */
import type { RemoteAnalyser, RemoteJob } from './documents';
import type { Piece } from './piece';
import { fromWire, isWorkerResponse, type AnalyseRequest, type AnalysisParts, type WorkerRequest } from './transfer';

/** The part of a worker the pool uses: each host's worker adapted to one shape. */
export interface WorkerPort<R = WorkerRequest> {
  post(request: R): void;
  /** Called with each message, or with an Error when the worker failed (could not load, threw, exited). */
  listen(onMessage: (data: unknown) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

interface Pending {
  readonly request: AnalyseRequest;
  resolve(value: { parts: AnalysisParts; ms: number }): void;
  reject(error: Error): void;
  /** Settles the job's companion (undefined: none came). */
  companion(value: unknown): void;
  port?: WorkerPort;
  /** Pieces received so far (the worker sends them in batches). */
  pieces: Piece[];
  /** The parts arrived and the worker computes the companion: a new job may take the worker over. */
  companionPhase?: boolean;
}

/**
 * A small pool of analysis workers (at most `size` at once, so one note that takes long does not hold up the
 * others). Abandoning a job terminates the worker running it — the only way to stop a synchronous parse — and
 * the next job gets a fresh one.
 */
export class WorkerPool implements RemoteAnalyser {
  private nextId = 1;
  private readonly idle: WorkerPort[] = [];
  private readonly running = new Map<WorkerPort, Pending>();
  private readonly queue: Pending[] = [];
  private disposed = false;

  /** `spawn` starts one worker (throwing when this host has none); at most `size` run at once. */
  constructor(
    private readonly spawn: () => WorkerPort,
    private readonly size = 2,
  ) {}

  start(text: string): RemoteJob {
    if (this.disposed) throw new Error('disposed');
    let settleCompanion!: (value: unknown) => void;
    const companion = new Promise<unknown>((resolve) => (settleCompanion = resolve));
    let pending!: Pending;
    const result = new Promise<{ parts: AnalysisParts; ms: number }>((resolve, reject) => {
      pending = {
        request: { id: this.nextId++, text },
        resolve,
        reject: (e) => {
          reject(e);
          settleCompanion(undefined);
        },
        companion: settleCompanion,
        pieces: [],
      };
    });
    // Spawning fails synchronously when this host has no workers: the cache then analyses on its own thread.
    this.queue.push(pending);
    this.pump();
    return { result, companion, abandon: () => this.abandon(pending) };
  }

  /**
   * Starts one worker now, idle, if none is running or idle yet: a server calls it at startup so that the first
   * note does not wait for a worker to load. A host without workers is left as it is (jobs then fail as before).
   */
  prestart(): void {
    if (this.disposed || this.idle.length || this.running.size) return;
    try {
      this.idle.push(this.open());
    } catch {
      // No worker here: start() reports it to the cache, which then analyses on its own thread.
    }
  }

  /**
   * Asks the idle workers to warm up: they analyse made-up notes until their first job comes (workerMain.ts). The
   * language server asks once it is initialized, so that the warm-up does not compete with its own start.
   */
  warmUp(): void {
    if (this.disposed) return;
    for (const port of this.idle) port.post({ warm: true });
  }

  private open(): WorkerPort {
    const port = this.spawn();
    port.listen(
      (data) => {
        const p = this.running.get(port);
        if (!p || !isWorkerResponse(data) || data.id !== p.request.id) return;
        if ('chunk' in data) {
          for (const piece of data.chunk) p.pieces.push(fromWire(piece));
          // The worker sends the next batch now: it arrives in a later turn of this thread's event loop.
          port.post({ id: p.request.id, next: true });
          return;
        }
        if ('parts' in data) {
          for (const piece of data.parts.pieces) p.pieces.push(fromWire(piece));
          p.resolve({ parts: { pieces: p.pieces, definitions: data.parts.definitions }, ms: data.ms });
          // The worker goes on with the companion: it stays this job's until that came, or a new job needs it.
          if (data.more) {
            p.companionPhase = true;
            this.pump();
            return;
          }
          p.companion(undefined);
        } else if ('companion' in data) p.companion(data.companion);
        else p.reject(new Error(data.error));
        this.running.delete(port);
        this.idle.push(port);
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
      let port = this.idle.pop() ?? this.fromCompanion();
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

  /**
   * A worker busy with a companion, taken over for a new job (its warm worker beats a cold one): that companion
   * settles as none (the host computes the evidence analysis itself if it asks), and the worker drops its steps
   * when the new request comes (workerMain.ts).
   */
  private fromCompanion(): WorkerPort | undefined {
    for (const [port, p] of this.running) {
      if (!p.companionPhase) continue;
      this.running.delete(port);
      p.companion(undefined);
      return port;
    }
    return undefined;
  }

  private abandon(p: Pending): void {
    p.companion(undefined);
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
    for (const p of [...this.queue, ...this.running.values()]) p.companion(undefined);
    for (const port of [...this.idle, ...this.running.keys()]) port.terminate();
    this.idle.length = 0;
    this.running.clear();
    this.queue.length = 0;
  }
}
