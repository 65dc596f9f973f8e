/**
 * Where a command's output goes. `-o -` (or no `-o`) is standard output; `-o FILE` creates FILE, and
 *  - refuses a missing folder, a folder, a device or other non-regular file (usage errors, status 2);
 *  - refuses to write through a symbolic link, even with --force;
 *  - refuses to overwrite one of the command's input files, even with --force;
 *  - overwrites an existing regular file only with --force.
 * The checks are repeated on the opened descriptor (O_NOFOLLOW, O_EXCL), so a file swapped in between is caught.
 * A failed write (ENOSPC, EIO) is a WriteError: one line, status 1.
 */
import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, openSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, WriteError, describeErrno } from './errors';

export interface FileId {
  readonly dev: number;
  readonly ino: number;
}

export interface OutputOptions {
  readonly force: boolean;
  /** Device and inode of every input file read by the command. */
  readonly inputs: readonly FileId[];
}

const sameFile = (st: Stats, inputs: readonly FileId[]) => inputs.some((i) => i.dev === st.dev && i.ino === st.ino);

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`-o ${path}: ${describeErrno(e)}`);
  }
}

/** Writes `data` to the file `target` under the rules above. */
export function writeOutputFile(target: string, data: string, options: OutputOptions): void {
  const folder = dirname(target);
  let folderStat: Stats;
  try {
    folderStat = statSync(folder);
  } catch {
    throw new CliError(`-o ${target}: folder ${folder} does not exist`);
  }
  if (!folderStat.isDirectory()) throw new CliError(`-o ${target}: ${folder} is not a folder`);
  const existing = lstatOrUndefined(target);
  if (existing) {
    if (existing.isSymbolicLink()) throw new CliError(`-o ${target}: is a symbolic link; refusing to write through it`);
    if (existing.isDirectory()) throw new CliError(`-o ${target}: is a directory`);
    if (!existing.isFile()) throw new CliError(`-o ${target}: is not a regular file`);
    if (sameFile(existing, options.inputs)) throw new CliError(`-o ${target}: is an input file; refusing to overwrite it`);
    if (!options.force) throw new CliError(`-o ${target}: already exists; add --force to overwrite it`);
  }
  let fd: number;
  try {
    fd = existing
      ? openSync(target, constants.O_WRONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK)
      : openSync(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP' || code === 'EEXIST') throw new CliError(`-o ${target}: changed while checking it (${describeErrno(e)}); not written`);
    throw new WriteError(`cannot write ${target}: ${describeErrno(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new CliError(`-o ${target}: is not a regular file`);
    if (sameFile(st, options.inputs)) throw new CliError(`-o ${target}: is an input file; refusing to overwrite it`);
    if (existing) ftruncateSync(fd, 0);
    const bytes = Buffer.from(data, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new WriteError(`cannot write ${target}: ${describeErrno(e)}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes to a stream (standard output) and reports how it went: undefined when written, 'closed' when the
 * reader went away (EPIPE: `| head`, `| true` — not an error, like `cat`), or the error otherwise.
 */
export function writeStream(stream: NodeJS.WritableStream, data: string): Promise<undefined | 'closed' | Error> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (e: Error | null | undefined) => {
      if (done) return;
      done = true;
      stream.removeListener('error', finish);
      if (!e) resolve(undefined);
      else resolve((e as NodeJS.ErrnoException).code === 'EPIPE' ? 'closed' : e);
    };
    stream.on('error', finish);
    try {
      stream.write(data, finish);
    } catch (e) {
      finish(e as Error);
    }
  });
}
