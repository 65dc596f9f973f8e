/**
 * Reading a note safely: only regular files (a FIFO, a device such as /dev/zero, a socket or a directory is
 * refused with a message, never read), at most the size cap (the extension's `tcpStateNotes.maxNoteSizeMB`,
 * 20 MB by default), and never binary. The file is opened non-blocking and checked through its descriptor, so
 * a FIFO cannot hang the open and a file swapped after the check is not read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { stringFlag, type ParsedArgs } from './args';
import { CliError, describeErrno } from './errors';

/** The default of the extension's setting `tcpStateNotes.maxNoteSizeMB` (package.json; a test keeps them equal). */
export const DEFAULT_MAX_NOTE_SIZE_MB = 20;

export interface ReadNote {
  readonly text: string;
  /** Device and inode, so an output file can be compared with the inputs. */
  readonly dev: number;
  readonly ino: number;
}

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isFIFO()) return 'is a FIFO (named pipe), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

export function parseSizeMB(value: string): number {
  const mb = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(mb) || mb < 1) throw new CliError(`--max-note-size-mb must be a number of megabytes, at least 1 (got ${JSON.stringify(value)})`);
  return mb;
}

/** The size cap of `--max-note-size-mb` (default DEFAULT_MAX_NOTE_SIZE_MB). */
export function maxNoteSizeMB(args: ParsedArgs): number {
  const v = stringFlag(args, '--max-note-size-mb');
  return v === undefined ? DEFAULT_MAX_NOTE_SIZE_MB : parseSizeMB(v);
}

/**
 * A note's text: UTF-8 (a byte-order mark dropped), or UTF-16 when it starts with a UTF-16 byte-order mark (as
 * Windows tools such as PowerShell's `>` write, and VS Code opens). NUL bytes in the first 8 KB of anything else
 * mean a binary file.
 */
function decodeNote(bytes: Buffer, file: string): string {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) return new TextDecoder(utf16).decode(bytes.subarray(2));
  if (bytes.subarray(0, 8192).includes(0)) throw new CliError(`${file}: looks like a binary file, not a Markdown note`);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readNote(file: string, maxMB = DEFAULT_MAX_NOTE_SIZE_MB): ReadNote {
  if (file === '-') throw new CliError('-: reading a note from standard input is not supported; give a file');
  const cap = Math.floor(maxMB * 1024 * 1024);
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    // A socket cannot be opened (ENXIO): say what it is, as for the other kinds that are not notes.
    let st: import('node:fs').Stats | undefined;
    try {
      st = statSync(file, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR, ELOOP, ENAMETOOLONG…: the open's own error says it.
    }
    if (st && !st.isFile()) throw new CliError(`${file}: ${kindOf(st)}`);
    throw new CliError(`${file}: ${describeErrno(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new CliError(`${file}: ${kindOf(st)}`);
    const tooLarge = () => new CliError(`${file}: larger than ${maxMB} MB (raise the limit with --max-note-size-mb)`);
    if (st.size > cap) throw tooLarge();
    // Read until the end of the file or just past the cap (a file that grew since fstat), never more.
    const chunks: Buffer[] = [];
    let n = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size - n, 65536), cap + 1 - n));
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      n += got;
      if (n > cap) throw tooLarge();
    }
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, n);
    return { text: decodeNote(bytes, file), dev: st.dev, ino: st.ino };
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file}: ${describeErrno(e)}`);
  } finally {
    closeSync(fd);
  }
}
