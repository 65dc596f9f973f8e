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

/** A batch of notes for one worker (a message per note costs more than indexing a small one). */
export interface IndexRequest {
  readonly indexJob: number;
  readonly texts: readonly string[];
}

export interface IndexAnswer {
  readonly indexJob: number;
  /** The answering table's seed (names.ts IdTable.seed). */
  readonly seed: string;
  /** One per text, in order; null where the worker could not index the note. */
  readonly entries: readonly (NoteEntry | null)[];
}

export function isIndexRequest(data: unknown): data is IndexRequest {
  const r = data as Partial<IndexRequest> | null;
  return typeof r === 'object' && r !== null && typeof r.indexJob === 'number' && Array.isArray(r.texts) && r.texts.every((t) => typeof t === 'string');
}

function isIndexAnswer(data: unknown): data is IndexAnswer {
  const a = data as Partial<IndexAnswer> | null;
  return typeof a === 'object' && a !== null && typeof a.indexJob === 'number' && typeof a.seed === 'string' && Array.isArray(a.entries);
}

let workerTable: IdTable | undefined;

/** The worker's side: indexes the request's texts with this thread's table. Never throws. */
export function answerIndexRequest(request: IndexRequest): IndexAnswer {
  const table = (workerTable ??= new IdTable());
  const entries = request.texts.map((text) => {
    try {
      return indexNote(text, table);
    } catch {
      return null;
    }
  });
  return { indexJob: request.indexJob, seed: table.seed, entries };
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
 * An entry of an answer when `table` can read it as it is: the same catalogue, every code one of the
 * catalogue's, the packed arrays of the expected types and lengths. Otherwise undefined.
 */
export function acceptEntry(answer: Pick<IndexAnswer, 'seed'>, entry: NoteEntry | null | undefined, table: IdTable): NoteEntry | undefined {
  const e = entry;
  if (!e || typeof e !== 'object' || answer.seed !== table.seed) return undefined;
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
  readonly text: string;
  resolve(entry: NoteEntry | undefined): void;
}

/** Workers that failed before the pool stops starting new ones (its jobs then settle as undefined at once). */
const MAX_FAILURES = 3;
/** A batch: at most this many notes, and past the first, at most this many characters. */
const BATCH_NOTES = 16;
const BATCH_CHARS = 256 * 1024;

export class IndexPool {
  private nextJob = 1;
  /** Workers started and not stopped (a stopped worker's late `exit` is no failure). */
  private readonly live = new Set<WorkerPort<unknown>>();
  private readonly idle: WorkerPort<unknown>[] = [];
  /** The batch each busy worker is indexing, and its request's number. */
  private readonly running = new Map<WorkerPort<unknown>, { readonly id: number; readonly jobs: readonly Job[] }>();
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

  /** Notes queued or being indexed. */
  get pending(): number {
    let n = this.queue.length;
    for (const batch of this.running.values()) n += batch.jobs.length;
    return n;
  }

  /** The note's entry, indexed by a worker; undefined when no worker could (the caller then indexes it). */
  index(text: string): Promise<NoteEntry | undefined> {
    if (!this.usable) return Promise.resolve(undefined);
    return new Promise<NoteEntry | undefined>((resolve) => {
      this.queue.push({ text, resolve });
      this.pump();
    });
  }

  private open(): WorkerPort<unknown> {
    const port = this.spawn();
    port.listen(
      (data) => {
        const batch = this.running.get(port);
        if (!batch || !isIndexAnswer(data) || data.indexJob !== batch.id) return;
        this.running.delete(port);
        this.idle.push(port);
        batch.jobs.forEach((job, i) => job.resolve(acceptEntry(data, data.entries[i], this.table)));
        this.pump();
      },
      () => {
        if (!this.live.delete(port)) return;
        this.failures++;
        const batch = this.running.get(port);
        this.running.delete(port);
        const i = this.idle.indexOf(port);
        if (i >= 0) this.idle.splice(i, 1);
        port.terminate();
        for (const job of batch?.jobs ?? []) job.resolve(undefined);
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
      // The notes queued meanwhile go together (a busy pool batches; an idle one sends a note at once).
      let n = 1;
      let chars = (this.queue[0] as Job).text.length;
      while (n < this.queue.length && n < BATCH_NOTES && chars + (this.queue[n] as Job).text.length <= BATCH_CHARS) chars += (this.queue[n++] as Job).text.length;
      const jobs = this.queue.splice(0, n);
      const id = this.nextJob++;
      this.running.set(port, { id, jobs });
      port.post({ indexJob: id, texts: jobs.map((j) => j.text) } satisfies IndexRequest);
    }
  }

  /** Stops the workers; notes not answered yet settle as undefined. */
  dispose(): void {
    this.disposed = true;
    const jobs = [...this.queue.splice(0)];
    for (const batch of this.running.values()) jobs.push(...batch.jobs);
    for (const port of this.live) port.terminate();
    this.live.clear();
    this.idle.length = 0;
    this.running.clear();
    for (const job of jobs) job.resolve(undefined);
  }
}

/** Notes handed to each worker and not answered yet, at most (bounds the texts a build holds): two batches' worth. */
export const IN_FLIGHT_PER_WORKER = 2 * BATCH_NOTES;

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
