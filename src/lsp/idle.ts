/**
 * Background work the language server does only when it is idle: no client message for `quietMs`, no request
 * still waiting for its answer, and no note being analysed. The open notes' workspace-index entries wait here (workspace.ts), so that a note's index
 * entry (a full scan of its text, as long as its analysis on a cold process) does not take the main thread and
 * the second core from the analysis and the requests that wait for it. Work that is needed sooner is done
 * by whoever needs it (a workspace query indexes pending notes itself); this only decides when it is done
 * unasked. One item runs per turn, each after the server was found idle again.
 */
export interface IdleQueueOptions {
  /** Quiet time after the last client message, in ms. */
  readonly quietMs: number;
  /** True while something the client waits for runs (a note is being analysed). */
  readonly busy: () => boolean;
  readonly now?: () => number;
}

export class IdleQueue {
  private last: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: (() => void)[] = [];
  private readonly now: () => number;
  private disposed = false;
  /** Requests under way (during()). */
  private inFlight = 0;

  constructor(private readonly options: IdleQueueOptions) {
    this.now = options.now ?? (() => performance.now());
    this.last = this.now();
  }

  /** A client message arrived: idle time starts again. */
  touch(): void {
    this.last = this.now();
  }

  /** A message handled synchronously by `work`: idle time starts when it is done (a hover can take a while). */
  handle<T>(work: () => T): T {
    this.touch();
    try {
      return work();
    } finally {
      this.touch();
    }
  }

  /** A request the client waits for: the server is busy until it is answered, and idle time starts then. */
  async during<T>(answer: Promise<T>): Promise<T> {
    this.touch();
    this.inFlight++;
    try {
      return await answer;
    } finally {
      this.inFlight--;
      this.touch();
    }
  }

  /** Runs `work` once the server is idle. */
  run(work: () => void): void {
    if (this.disposed) return;
    this.queue.push(work);
    this.arm(this.options.quietMs);
  }

  /** Items waiting. */
  get pending(): number {
    return this.queue.length;
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private arm(ms: number): void {
    if (this.timer !== undefined || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const quiet = this.now() - this.last;
      if (this.inFlight > 0 || this.options.busy()) {
        this.arm(this.options.quietMs);
        return;
      }
      if (quiet < this.options.quietMs) {
        this.arm(Math.max(1, this.options.quietMs - quiet));
        return;
      }
      this.queue.shift()?.();
      if (this.queue.length) this.arm(0);
    }, ms);
    // Background work never keeps the process alive (the connection does, while there is a client).
    this.timer.unref?.();
  }
}
