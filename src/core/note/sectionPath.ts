/**
 * A section named by its heading, or by the path of headings down to it (`2024-03-05 > 处理`), as the CLI's
 * `diagram --section` takes it. Incident notes repeat headings (`### 处理` under every day): a title that names
 * several sections is ambiguous, and the answer lists their paths so the caller can name one.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Section } from './model';

/** Between the headings of a path. */
export const PATH_SEPARATOR = ' > ';

export type SectionMatch =
  | { readonly kind: 'found'; readonly section: Section }
  | { readonly kind: 'none' }
  /** Several sections match: each one's full path, in note order (paths may repeat when headings do). */
  | { readonly kind: 'ambiguous'; readonly sections: readonly Section[]; readonly paths: readonly string[] };

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** The titles from the top heading down to `section`, joined by PATH_SEPARATOR. */
export function sectionPath(sections: readonly Section[], section: Section): string {
  const titles: string[] = [];
  for (let s: Section | undefined = section; s; s = s.parent >= 0 ? sections[s.parent] : undefined) titles.push(s.title.trim());
  return titles.reverse().join(PATH_SEPARATOR);
}

/**
 * The section whose title, or whose path's last headings, read `wanted` (space and letter case aside). A heading
 * may itself hold `>` (`## A > B`): the parts of `wanted` are matched against titles one or more at a time.
 */
export function findSection(sections: readonly Section[], wanted: string): SectionMatch {
  const parts = wanted.split('>').map(norm).filter((p) => p.length > 0);
  if (parts.length === 0 || parts.length > MAX_PARTS) return { kind: 'none' };
  const matches = sections.filter((section) => endsWith(sections, section, parts, parts.length - 1));
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'found', section: matches[0] as Section };
  return { kind: 'ambiguous', sections: matches, paths: matches.map((s) => sectionPath(sections, s)) };
}

/** Longest path of headings a `--section` names (a guard on the matching's work, not a limit anyone meets). */
const MAX_PARTS = 32;

/** True when the titles from `section` up read parts[0..last] (each title one or more consecutive parts). */
function endsWith(sections: readonly Section[], section: Section | undefined, parts: readonly string[], last: number): boolean {
  if (!section) return false;
  const title = norm(section.title);
  for (let first = last; first >= 0; first--) {
    if (title !== parts.slice(first, last + 1).join(PATH_SEPARATOR)) continue;
    if (first === 0) return true;
    if (endsWith(sections, section.parent >= 0 ? sections[section.parent] : undefined, parts, first - 1)) return true;
  }
  return false;
}
