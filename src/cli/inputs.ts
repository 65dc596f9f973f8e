/**
 * Turns the CLI's path arguments into note files: a file is taken as given; a folder is walked recursively for
 * `.md` / `.markdown` files, skipping `node_modules`, `.git`, hidden folders and what the `.gitignore` files in
 * it (at any depth) and in the enclosing git repository's folders above it exclude (a nested repository — a `.git`
 * folder holding HEAD, or a `gitdir:` file — has only its own; an empty `.git` is none); a glob (quoted, so the shell leaves it alone: `'notes/**\/*.md'`) is expanded the
 * same way from its static base folder. Symbolic links to folders are not followed (no loops); links to files
 * are kept. Touches the filesystem, so it lives in the CLI, not in src/core.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { NOTE_NAME } from '../core/workspace/walk';

export interface ExpandedInputs {
  /** Note paths in argument order (folders sorted), each once. */
  readonly files: string[];
  /** Arguments that name nothing usable, with a one-line reason. */
  readonly problems: { readonly path: string; readonly message: string }[];
  /** True when an argument was a folder or a glob (the output is then always a list). */
  readonly expanded: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);
/**
 * Whether .gitignore patterns ignore letter case: as git's default (core.ignorecase) on this system's file
 * system — case-sensitive on Linux (`*.MD` does not hide `a.md`), case-insensitive on macOS and Windows.
 */
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';
/** A .gitignore larger than this is not read (a real one is a few KB). */
const MAX_GITIGNORE = 1024 * 1024;

interface IgnoreLevel {
  /** Folder of the .gitignore, relative to the walk root, POSIX, '' for the root. */
  readonly base: string;
  /** For a .gitignore above the walk root (in the enclosing repository): the path from its folder to the root. */
  readonly above?: string;
  readonly ig: Ignore;
}

function readGitignore(dir: string): Ignore | undefined {
  const file = join(dir, '.gitignore');
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > MAX_GITIGNORE) return undefined;
    return ignore({ ignorecase: IGNORE_CASE }).add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A `.git` file longer than this is no `gitdir:` pointer (a real one is one short line). */
const MAX_GITDIR_FILE = 64 * 1024;

/**
 * Whether `dir` is the top of a git repository, as git tells one: its `.git` is a folder holding `HEAD`, or a file
 * that starts with `gitdir:` (a linked worktree's, a submodule's). An empty `.git` folder or another file is no
 * repository: the enclosing one's .gitignore rules go on below it.
 */
function isRepositoryTop(dir: string): boolean {
  const marker = join(dir, '.git');
  try {
    const st = statSync(marker);
    if (st.isDirectory()) return statSync(join(marker, 'HEAD')).isFile();
    return st.isFile() && st.size <= MAX_GITDIR_FILE && readFileSync(marker, 'utf8').startsWith('gitdir:');
  } catch {
    return false;
  }
}

/** Git's answer for a path: the deepest .gitignore that decides (ignores or re-includes) wins. */
function ignored(levels: readonly IgnoreLevel[], rel: string, isDir: boolean): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const { base, above, ig } = levels[i] as IgnoreLevel;
    const sub = above ? `${above}/${rel}` : base ? rel.slice(base.length + 1) : rel;
    const r = ig.test(isDir ? `${sub}/` : sub);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/**
 * The .gitignore files of the folders between the enclosing git repository's top (the nearest folder above that
 * is one: isRepositoryTop) and `root`, outermost first; none when `root` is not inside a repository or is its top.
 */
function ancestorLevels(root: string): IgnoreLevel[] {
  const chain: string[] = [];
  let dir = resolve(root);
  for (;;) {
    if (isRepositoryTop(dir)) break;
    const parent = dirname(dir);
    if (parent === dir) return [];
    chain.unshift(dir);
    dir = parent;
  }
  if (chain.length === 0) return [];
  // chain: the folders from just below the repository top down to root; dir: the top.
  const folders = [dir, ...chain.slice(0, -1)];
  const top = resolve(root);
  const levels: IgnoreLevel[] = [];
  for (const f of folders) {
    const ig = readGitignore(f);
    if (ig) levels.push({ base: '', above: relative(f, top).split(sep).join('/'), ig });
  }
  return levels;
}

/** Every regular file under `root` (POSIX paths relative to it), pruned as described above, sorted. */
export function walk(root: string, keep: (rel: string) => boolean): string[] {
  const out: string[] = [];
  for (const found of walkSteps(root, keep)) for (const f of found) out.push(f);
  return out;
}

/**
 * The same walk one folder at a time, for a caller that must not block (the language server): each step reads
 * one folder and yields the files it kept there (possibly none), in walk's order. Stop iterating to stop it.
 */
export function* walkSteps(root: string, keep: (rel: string) => boolean): Generator<string[], void, undefined> {
  function* visit(dir: string, rel: string, outer: IgnoreLevel[]): Generator<string[], void, undefined> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    // A nested repository (a clone, a submodule, a worktree) is its own: the outer .gitignore rules stop there.
    const levels = rel !== '' && entries.some((e) => e.name === '.git') && isRepositoryTop(dir) ? [] : outer;
    const here = readGitignore(dir);
    const stack = here ? [...levels, { base: rel, ig: here }] : levels;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let found: string[] = [];
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
        yield found;
        found = [];
        yield* visit(full, childRel, stack);
      } else if (isFile && !ignored(stack, childRel, false) && keep(childRel)) found.push(childRel);
    }
    yield found;
  }
  yield* visit(root, '', ancestorLevels(root));
}

/**
 * Whether `walk(root, …)` would list the file at `rel` (POSIX, relative to `root`): no skipped or hidden folder
 * on the way, not excluded by a .gitignore. For one file reported later (a file watcher) without walking again.
 */
export function walkKeeps(root: string, rel: string): boolean {
  const parts = rel.split('/');
  let levels = ancestorLevels(root);
  let dir = root;
  let sub = '';
  for (let i = 0; i < parts.length - 1; i++) {
    if (i > 0 && isRepositoryTop(dir)) levels = [];
    const here = readGitignore(dir);
    if (here) levels = [...levels, { base: sub, ig: here }];
    const name = parts[i] as string;
    sub = sub ? `${sub}/${name}` : name;
    if (!name || SKIP_DIRS.has(name) || name.startsWith('.') || ignored(levels, sub, true)) return false;
    dir = join(dir, name);
  }
  if (parts.length > 1 && isRepositoryTop(dir)) levels = [];
  const here = readGitignore(dir);
  if (here) levels = [...levels, { base: sub, ig: here }];
  return !ignored(levels, rel, false);
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
    // One note named in several ways (relative, absolute, through a link) is read once.
    let key: string;
    try {
      key = realpathSync(f);
    } catch {
      key = posix.normalize(toPosix(resolve(f)));
    }
    if (seen.has(key)) return;
    seen.add(key);
    files.push(f);
  };
  for (const arg of args) {
    if (isDirectory(arg)) {
      expanded = true;
      const found = walk(arg, (r) => NOTE_NAME.test(r));
      // As a glob that matches nothing: a CI step pointed at the wrong folder must not pass in silence.
      if (found.length === 0) problems.push({ path: arg, message: 'no Markdown notes (.md, .markdown) in this folder (hidden folders, node_modules and .gitignore\'d paths are skipped)' });
      for (const rel of found) add(join(arg, rel));
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
      // Notes only, as in a folder: `notes/*` does not take an image or a text file for a note.
      const found = walk(base, (rel) => NOTE_NAME.test(rel) && matches(`${prefix}${rel}`));
      if (found.length === 0) problems.push({ path: arg, message: 'no Markdown notes (.md, .markdown) match' });
      for (const rel of found) add(base === '.' ? rel : join(base, rel));
      continue;
    }
    add(arg);
  }
  return { files, problems, expanded };
}
