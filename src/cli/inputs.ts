/**
 * Turns the CLI's path arguments into note files: a file is taken as given; a folder is walked recursively for
 * `.md` / `.markdown` files, skipping `node_modules`, `.git`, hidden folders and what the `.gitignore` files in
 * it (at any depth) exclude; a glob (quoted, so the shell leaves it alone: `'notes/**\/*.md'`) is expanded the
 * same way from its static base folder. Symbolic links to folders are not followed (no loops); links to files
 * are kept. Touches the filesystem, so it lives in the CLI, not in src/core.
 */
import { lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join, posix, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export interface ExpandedInputs {
  /** Note paths in argument order (folders sorted), each once. */
  readonly files: string[];
  /** Arguments that name nothing usable, with a one-line reason. */
  readonly problems: { readonly path: string; readonly message: string }[];
  /** True when an argument was a folder or a glob (the output is then always a list). */
  readonly expanded: boolean;
}

const NOTE_EXT = /\.(md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git']);
/** A .gitignore larger than this is not read (a real one is a few KB). */
const MAX_GITIGNORE = 1024 * 1024;

interface IgnoreLevel {
  /** Folder of the .gitignore, relative to the walk root, POSIX, '' for the root. */
  readonly base: string;
  readonly ig: Ignore;
}

function readGitignore(dir: string): Ignore | undefined {
  const file = join(dir, '.gitignore');
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_GITIGNORE) return undefined;
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Git's answer for a path: the deepest .gitignore that decides (ignores or re-includes) wins. */
function ignored(levels: readonly IgnoreLevel[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { base, ig } = levels[i] as IgnoreLevel;
    const sub = base ? rel.slice(base.length + 1) : rel;
    const r = ig.test(isDir ? `${sub}/` : sub);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** Every regular file under `root` (POSIX paths relative to it), pruned as described above, sorted. */
export function walk(root: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (dir: string, rel: string, levels: IgnoreLevel[]) => {
    const here = readGitignore(dir);
    const stack = here ? [...levels, { base: rel, ig: here }] : levels;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const full = join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        try {
          isFile = statSync(full).isFile();
        } catch {
          isFile = false;
        }
        isDir = false;
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.') || ignored(stack, childRel, true)) continue;
        visit(full, childRel, stack);
      } else if (isFile && !ignored(stack, childRel, false) && keep(childRel)) out.push(childRel);
    }
  };
  visit(root, '', []);
  return out;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

const toPosix = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));

export function expandInputs(args: readonly string[]): ExpandedInputs {
  const files: string[] = [];
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  let expanded = false;
  const add = (f: string) => {
    const key = posix.normalize(toPosix(f));
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  for (const arg of args) {
    if (isDirectory(arg)) {
      expanded = true;
      for (const rel of walk(arg, (r) => NOTE_EXT.test(r))) add(join(arg, rel));
      continue;
    }
    const scan = picomatch.scan(toPosix(arg));
    if (scan.isGlob && !exists(arg)) {
      expanded = true;
      const base = scan.base || '.';
      const glob = toPosix(arg).replace(/^\.\//, '');
      const matches = picomatch(glob, { dot: false });
      const prefix = base === '.' ? '' : `${posix.normalize(base).replace(/^\.\//, '')}/`;
      if (!isDirectory(base)) {
        problems.push({ path: arg, message: `no files match (no folder ${base})` });
        continue;
      }
      const found = walk(base, (rel) => matches(`${prefix}${rel}`));
      if (found.length === 0) problems.push({ path: arg, message: 'no files match' });
      for (const rel of found) add(base === '.' ? rel : join(base, rel));
      continue;
    }
    add(arg);
  }
  return { files, problems, expanded };
}
