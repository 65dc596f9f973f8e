/**
 * `files.exclude` / `search.exclude` for the workspace index: VS Code's glob patterns (`**`, `*`, `?`,
 * `{a,b}`, `[abc]`) tested against a workspace-relative path and each of its parent folders (an excluded
 * folder hides what is inside it). Patterns set to `false` are off; conditional ones (`{ "when": … }`) are
 * not applied (they test sibling files, which Markdown notes never have). Pure: no `vscode`, no Node built-ins.
 */

export type ExcludeSetting = Readonly<Record<string, unknown>>;

const MAX_PATTERN = 500;

/** A glob as an anchored regular expression source, or undefined when it is malformed or too long. */
export function globSource(glob: string): string | undefined {
  if (glob.length > MAX_PATTERN) return undefined;
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` anything.
        if (glob[i + 2] === '/') {
          out += '(?:[^/]*/)*';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) return undefined;
      const body = glob.slice(i + 1, close).replace(/\\/g, '\\\\').replace(/^!/, '^');
      out += `[${body}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return braces === 0 ? out : undefined;
}

/**
 * A test for workspace-relative paths (`/`-separated, no leading slash) built from one or more exclude
 * settings; the path or any of its parent folders matching an enabled pattern excludes it.
 */
export function excludeMatcher(...settings: readonly (ExcludeSetting | undefined)[]): (relativePath: string) => boolean {
  const sources: string[] = [];
  for (const setting of settings) {
    for (const [glob, on] of Object.entries(setting ?? {})) {
      if (on !== true) continue;
      let g = glob.startsWith('./') ? glob.slice(2) : glob;
      while (g.endsWith('/')) g = g.slice(0, -1);
      const src = globSource(g);
      if (src !== undefined) sources.push(src);
    }
  }
  if (sources.length === 0) return () => false;
  const re = new RegExp(`^(?:${sources.join('|')})$`);
  return (relativePath: string) => {
    const path = relativePath.replace(/^\/+/, '');
    if (re.test(path)) return true;
    for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) if (re.test(path.slice(0, at))) return true;
    return false;
  };
}
