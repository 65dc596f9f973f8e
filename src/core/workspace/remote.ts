/**
 * The workspace index built off the caller's thread: a worker indexes a note's text (note.ts indexNote, the same
 * function the caller would run) and answers with the entry as plain data (typed arrays and numbers, a
 * heading's inert title: structured-clone safe); the caller puts it into its index as it is. That works because
 * every IdTable starts with the catalogue's ids in one fixed order (names.ts): the worker's codes are the
 * caller's. An answer from a worker built from another catalogue (its `seed` differs), or an entry with a code
 * outside the catalogue's, is refused, and the caller indexes that note itself.
 *
 * IndexPool hands notes to at most `size` workers (each one note at a time, so a long note holds up no other
 * worker) through the same WorkerPort the analysis pool uses (core/note/workerPool.ts): a Node worker thread or
 * a Web Worker running the extension's or the language server's worker bundle (workerMain.ts answers). A job's
 * promise never rejects: it settles with the entry, or with undefined when the worker failed, could not start or
 * answered something unusable; a pool whose workers keep failing stops starting them. IndexFeeder is how a
 * build uses it (the extension's, the language server's, the bench's): it reads on while the workers index, up to
 * a few notes per worker ahead. Pure: no `vscode`, no Node built-ins.
 */
import type { WorkerPort } from '../note/workerPool';
import { IdTable } from './names';
import { indexNote, type NoteEntry } from './note';

export interface IndexRequest {
  readonly indexJob: number;
  readonly text: string;
}

export interface IndexAnswer {
  readonly indexJob: number;
  /** The answering table's seed (names.ts IdTable.seed). */
  readonly seed: string;
  /** Null when the worker could not index the note. */
  readonly entry: NoteEntry | null;
}

export function isIndexRequest(data: unknown): data is IndexRequest {
  const r = data as Partial<IndexRequest> | null;
  return typeof r === 'object' && r !== null && typeof r.indexJob === 'number' && typeof r.text === 'string';
}

function isIndexAnswer(data: unknown): data is IndexAnswer {
  const a = data as Partial<IndexAnswer> | null;
  return typeof a === 'object' && a !== null && typeof a.indexJob === 'number' && typeof a.seed === 'string' && typeof a.entry === 'object';
}

let workerTable: IdTable | undefined;

/** The worker's side: indexes the request's text with this thread's table. Never throws. */
export function answerIndexRequest(request: IndexRequest): IndexAnswer {
  workerTable ??= new IdTable();
  try {
    return { indexJob: request.indexJob, seed: workerTable.seed, entry: indexNote(request.text, workerTable) };
  } catch {
    return { indexJob: request.indexJob, seed: workerTable.seed, entry: null };
  }
}

const below = (codes: ArrayLike<number>, limit: number): boolean => {
  for (let i = 0; i < codes.length; i++) if ((codes[i] as number) >= limit) return false;
  return true;
};
const pairCodesBelow = (values: Uint32Array, limit: number): boolean => {
  for (let i = 0; i < values.length; i += 2) if ((values[i] as number) >= limit) return false;
  return true;
};

/**
 * The entry of an answer when `table` can read it as it is: the same catalogue, every code one of the
 * catalogue's, the packed arrays of the expected types and lengths. Otherwise undefined.
 */
export function acceptEntry(answer: IndexAnswer, table: IdTable): NoteEntry | undefined {
  const e = answer.entry;
  if (!e || answer.seed !== table.seed) return undefined;
  const limit = table.seedSize;
  if (!(e.rows instanceof Uint32Array) || !(e.ids instanceof Uint16Array) || !(e.idEnds instanceof Uint32Array)) return undefined;
  if (!(e.symbolCodes instanceof Uint16Array) || !(e.symbolMax instanceof Uint32Array) || e.symbolCodes.length !== e.symbolMax.length) return undefined;
  if (e.ids.length !== e.idEnds.length || e.rows.length !== 3 * (e.idEnds.length ? (e.idEnds[e.idEnds.length - 1] as number) : 0)) return undefined;
  if (!below(e.ids, limit) || !below(e.symbolCodes, limit)) return undefined;
  if (!Array.isArray(e.blocks) || !Array.isArray(e.headings)) return undefined;
  for (const b of e.blocks) if (!(b.values instanceof Uint32Array) || !pairCodesBelow(b.values, limit)) return undefined;
  for (const h of e.headings) if (!(h.values instanceof Uint32Array) || typeof h.title !== 'string' || !pairCodesBelow(h.values, limit)) return undefined;
  return e;
}

interface Job {
  readonly request: IndexRequest;
  resolve(answer: IndexAnswer | undefined): void;
}

/** Workers that failed before the pool stops starting new ones (its jobs then settle as undefined at once). */
const MAX_FAILURES = 3;

export class IndexPool {
  private nextJob = 1;
  /** Workers started and not stopped (a stopped worker's late `exit` is no failure). */
  private readonly live = new Set<WorkerPort<unknown>>();
  private readonly idle: WorkerPort<unknown>[] = [];
  private readonly running = new Map<WorkerPort<unknown>, Job>();
  private readonly queue: Job[] = [];
  private failures = 0;
  private disposed = false;

  /** `spawn` starts one worker (throwing when this host has none). */
  constructor(
    private readonly spawn: () => WorkerPort<unknown>,
    readonly size: number,
    private readonly table: IdTable,
  ) {}

  /** True while the pool may still start workers (it has not been disposed, and its workers did not keep failing). */
  get usable(): boolean {
    return !this.disposed && this.failures < MAX_FAILURES;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.queue.length + this.running.size;
  }

  /** The note's entry, indexed by a worker; undefined when no worker could (the caller then indexes it). */
  index(text: string): Promise<NoteEntry | undefined> {
    if (!this.usable) return Promise.resolve(undefined);
    return new Promise<IndexAnswer | undefined>((resolve) => {
      this.queue.push({ request: { indexJob: this.nextJob++, text }, resolve });
      this.pump();
    }).then((answer) => (answer ? acceptEntry(answer, this.table) : undefined));
  }

  private open(): WorkerPort<unknown> {
    const port = this.spawn();
    port.listen(
      (data) => {
        const job = this.running.get(port);
        if (!job || !isIndexAnswer(data) || data.indexJob !== job.request.indexJob) return;
        this.running.delete(port);
        this.idle.push(port);
        job.resolve(data);
        this.pump();
      },
      () => {
        if (!this.live.delete(port)) return;
        this.failures++;
        const job = this.running.get(port);
        this.running.delete(port);
        const i = this.idle.indexOf(port);
        if (i >= 0) this.idle.splice(i, 1);
        port.terminate();
        job?.resolve(undefined);
        this.pump();
      },
    );
    this.live.add(port);
    return port;
  }

  private pump(): void {
    while (this.queue.length) {
      if (!this.usable) {
        for (const job of this.queue.splice(0)) job.resolve(undefined);
        return;
      }
      let port = this.idle.pop();
      if (!port && this.running.size < this.size) {
        try {
          port = this.open();
        } catch {
          this.failures = MAX_FAILURES;
          continue;
        }
      }
      if (!port) return;
      const job = this.queue.shift() as Job;
      this.running.set(port, job);
      port.post(job.request);
    }
  }

  /** Stops the workers; jobs not answered yet settle as undefined. */
  dispose(): void {
    this.disposed = true;
    const jobs = [...this.queue.splice(0), ...this.running.values()];
    for (const port of this.live) port.terminate();
    this.live.clear();
    this.idle.length = 0;
    this.running.clear();
    for (const job of jobs) job.resolve(undefined);
  }
}

/** Notes handed to each worker and not answered yet, at most (bounds the texts a build holds). */
export const IN_FLIGHT_PER_WORKER = 4;

/** Where a build puts a note: its entry from a worker, or (undefined) its text, to index on the build's thread. */
export type FileNote = (key: string, entry: NoteEntry | undefined, text: string) => void;

/**
 * Hands a build's notes to a pool as they are read, at most IN_FLIGHT_PER_WORKER per worker out at once, and
 * files each as its answer comes (in the order the answers come). Without a usable pool each note is filed at
 * once with its text. A note whose filing throws is skipped; the build goes on.
 */
export class IndexFeeder {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly pool: IndexPool | undefined,
    private readonly file: FileNote,
  ) {}

  /** Hands one note on; resolves when the build may read the next one. */
  async add(key: string, text: string): Promise<void> {
    const pool = this.pool;
    if (!pool?.usable) {
      this.fileSafely(key, undefined, text);
      return;
    }
    const job: Promise<void> = pool.index(text).then((entry) => {
      this.inFlight.delete(job);
      this.fileSafely(key, entry, text);
    });
    this.inFlight.add(job);
    while (this.inFlight.size >= IN_FLIGHT_PER_WORKER * pool.size) await Promise.race(this.inFlight);
  }

  /** Resolves when every note handed on has been filed. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private fileSafely(key: string, entry: NoteEntry | undefined, text: string): void {
    try {
      this.file(key, entry, text);
    } catch {
      // One note the build could not file: the others still are.
    }
  }
}
