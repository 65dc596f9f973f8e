/**
 * Finds the Markdown notes under a folder by listing it, for file systems a file search cannot go through: a
 * virtual workspace whose provider offers no search (`vscode.workspace.findFiles` then finds nothing, or never
 * answers). The shell passes `list` (vscode.workspace.fs.readDirectory, its file types mapped) and the exclude
 * matcher (files.exclude + search.exclude, on paths relative to the workspace folder). Pure: no `vscode`.
 */

export type EntryKind = 'file' | 'directory' | 'other';

export interface WalkOptions {
  /** True for a path (relative to the walk's root, `/`-separated) that files.exclude / search.exclude hide. */
  readonly excluded: (relativePath: string) => boolean;
  /** Checked before each listing: true stops the walk (what was found so far is returned). */
  readonly cancelled?: () => boolean;
  /** Stops after this many notes. */
  readonly maxNotes?: number;
}

/** A Markdown note's file name (any case): what the workspace index, the CLI, the MCP server and the tools read. */
export const NOTE_NAME = /\.(?:md|markdown)$/i;

/** A document read as a note: its editor says it is Markdown, or its path (no query or fragment) ends in .md / .markdown. */
export function isMarkdownNote(path: string, languageId: string): boolean {
  return languageId === 'markdown' || NOTE_NAME.test(path);
}

/**
 * The notes' paths relative to the root (`/`-separated), breadth first, each folder's entries in name order.
 * A folder that cannot be listed is skipped; symbolic links to folders are not followed (`list` reports them
 * as 'other'), so a link cycle cannot loop.
 */
export async function walkNotes(list: (relativePath: string) => Promise<readonly (readonly [string, EntryKind])[]>, options: WalkOptions): Promise<string[]> {
  const max = options.maxNotes ?? Number.POSITIVE_INFINITY;
  const notes: string[] = [];
  const queue: string[] = [''];
  for (let q = 0; q < queue.length && notes.length < max; q++) {
    if (options.cancelled?.()) break;
    const dir = queue[q] as string;
    let entries: readonly (readonly [string, EntryKind])[];
    try {
      entries = await list(dir);
    } catch {
      continue;
    }
    for (const [name, kind] of [...entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
      if (name === '' || name === '.' || name === '..' || name.includes('/')) continue;
      const path = dir ? `${dir}/${name}` : name;
      if (options.excluded(path)) continue;
      if (kind === 'directory') queue.push(path);
      else if (kind === 'file' && NOTE_NAME.test(name) && notes.length < max) notes.push(path);
    }
  }
  return notes;
}
