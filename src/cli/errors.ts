/** The CLI's error kinds and their exit statuses. */

/** A usage error or unreadable input: one line on stderr, status 2. */
export class CliError extends Error {}

/** Output could not be written (ENOSPC, EIO, …): one line on stderr, status 1. */
export class WriteError extends Error {}

export const EXIT = { ok: 0, findings: 1, writeError: 1, usage: 2, internal: 70 } as const;

/** "ENOENT" → "no such file or directory", for one-line messages. */
export function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EISDIR: 'is a directory',
    ENOTDIR: 'a path component is not a directory',
    ENOSPC: 'no space left on device',
    EDQUOT: 'disk quota exceeded',
    EIO: 'input/output error',
    EROFS: 'read-only file system',
    ELOOP: 'too many symbolic links',
    EEXIST: 'already exists',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
    EFBIG: 'file too large',
  };
  if (code && known[code]) return known[code];
  return code ?? (e instanceof Error ? e.message : String(e));
}
