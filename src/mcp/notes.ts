/**
 * Which notes the MCP server may read: Markdown files (`.md`, `.markdown`) inside the client's roots
 * (`roots/list`), or inside the working directory when the client gives none. A path is resolved against the
 * first root, then to its real path (every symbolic link followed), and must still be inside a root's real path
 * and end in .md/.markdown — a link cannot lead out. The file is read by the CLI's safe reader (regular files
 * only, size cap, no binary) and must be the same file (device and inode) as the checked path. Never writes.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolError } from '../core/agents/tools';
import { NOTE_NAME } from '../core/workspace/walk';
import { CliError } from '../cli/errors';
import { readNote } from '../cli/readNote';


/** The real path of each root folder that exists (file: URIs only; other schemes are not on this disk). */
export function rootFolders(uris: readonly string[]): string[] {
  const out: string[] = [];
  for (const uri of uris) {
    let path: string;
    try {
      path = uri.startsWith('file:') ? fileURLToPath(uri) : '';
    } catch {
      continue;
    }
    if (!path) continue;
    try {
      const real = realpathSync(path);
      if (statSync(real).isDirectory() && !out.includes(real)) out.push(real);
    } catch {
      // A root that does not exist (yet) holds nothing to read.
    }
  }
  return out;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

export interface ReadableNote {
  readonly text: string;
  /** The path as shown in results: relative to its root. */
  readonly name: string;
}

/**
 * Reads note `path` if the policy above allows it; otherwise throws ToolError with the reason and what to do.
 * `roots` are real paths (see rootFolders); `maxMB` the size cap.
 */
export function readNoteInRoots(path: string, roots: readonly string[], maxMB: number): ReadableNote {
  const list = roots.join(', ');
  if (roots.length === 0) throw new ToolError("No readable root folder: the client's roots name no existing local folder (or it shares none). Send the note's Markdown in `text` instead.");
  if (!path.trim()) throw new ToolError('`path` is empty: give the path of a Markdown note (.md) inside the client\'s roots, or send the note in `text`.');
  if (path.includes('\0')) throw new ToolError('`path` holds a NUL character, which no file name can: give the path of a Markdown note (.md) inside the client\'s roots, or send the note in `text`.');
  // A `file:` URI (agents often send one) names the same path; other schemes are not on this disk.
  let local = path;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    if (!/^file:/i.test(path)) throw new ToolError(`${path}: only local notes (a path, or a file:// URI) are read. Send the note's Markdown in \`text\` instead.`);
    try {
      local = fileURLToPath(path);
    } catch {
      throw new ToolError(`${path}: not a valid file:// URI for this machine. Give the note's path inside the client's roots instead.`);
    }
  }
  const asked = isAbsolute(local) ? resolve(local) : resolve(roots[0] as string, local);
  if (!NOTE_NAME.test(asked)) throw new ToolError(`${path}: only Markdown notes (.md, .markdown) are read. Send other text in \`text\` instead.`);
  let real: string;
  try {
    real = realpathSync(asked);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ToolError(`${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'cannot be resolved')} (paths are resolved against ${roots[0]}). List the folder or ask the user for the note's path.`);
  }
  const root = roots.find((r) => inside(r, real));
  if (!root || !NOTE_NAME.test(real)) {
    throw new ToolError(`${path}: outside the client's roots (${list})${real !== asked ? ` — it resolves to ${real}` : ''}. This server reads only Markdown notes inside the roots; send the note's text in \`text\` instead, or ask the user to add its folder to the roots.`);
  }
  let note;
  try {
    note = readNote(real, maxMB);
  } catch (e) {
    if (e instanceof CliError) throw new ToolError(e.message);
    throw e;
  }
  // The file read must be the one checked (not swapped for a link between the check and the open).
  const st = statSync(real, { throwIfNoEntry: false });
  if (!st || st.ino !== note.ino || st.dev !== note.dev) throw new ToolError(`${path}: the file changed while it was being read; try again.`);
  return { text: note.text, name: relative(root, real).split(sep).join('/') || real };
}
