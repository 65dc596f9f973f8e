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

/** The section whose title, or whose path's last headings, read `wanted` (space and letter case aside). */
export function findSection(sections: readonly Section[], wanted: string): SectionMatch {
  const parts = wanted.split('>').map(norm).filter((p) => p.length > 0);
  if (parts.length === 0) return { kind: 'none' };
  const matches = sections.filter((section) => {
    let s: Section | undefined = section;
    for (let k = parts.length - 1; k >= 0; k--) {
      if (!s || norm(s.title) !== parts[k]) return false;
      s = s.parent >= 0 ? sections[s.parent] : undefined;
    }
    return true;
  });
  // A title that itself holds `>` (`A > B` as one heading) is matched as written too.
  if (matches.length === 0 && parts.length > 1) {
    const whole = norm(wanted);
    matches.push(...sections.filter((s) => norm(s.title) === whole));
  }
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'found', section: matches[0] as Section };
  return { kind: 'ambiguous', sections: matches, paths: matches.map((s) => sectionPath(sections, s)) };
}
