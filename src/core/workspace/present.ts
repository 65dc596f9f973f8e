/**
 * What the editor features make of the workspace index's answers, for every shell alike (the VS Code providers
 * and the language server): the id under a cursor, the references as (line, character, length) locations, and a
 * workspace symbol's name and detail. Pure: no `vscode`, no Node built-ins. Names hold ids, parsed numbers and
 * a heading's inert title (note.ts), never raw note text.
 */
import type { Lang, Localized } from '../catalogue/types';
import { formatCount } from '../format';
import { findMentions, type MentionKind } from '../note/recognize';
import { t } from '../strings';
import type { NoteReferences, WorkspaceSymbol } from './index';

/** The widest stretch of a line read around the cursor to find the mention under it. */
const WINDOW = 512;

/**
 * The canonical id and kind of the state, term, counter or conntrack-state mention under `character` of `line`
 * (UTF-16), if any (the kind tells `--state ESTABLISHED`, a netfilter entry, from the socket state).
 */
export function mentionAt(line: string, character: number): { readonly id: string; readonly kind: MentionKind } | undefined {
  let from = Math.max(0, character - WINDOW);
  const to = Math.min(line.length, character + WINDOW);
  // Starts the window at a word boundary, so a cut never makes a mention out of half a word.
  while (from > 0 && from < character && !/\s/.test(line[from - 1] ?? ' ')) from++;
  const c = character - from;
  const hit = findMentions(line.slice(from, to)).find((m) => m.start <= c && c <= m.end);
  return hit && hit.kind !== 'aggregate' ? { id: hit.id, kind: hit.kind } : undefined;
}

export interface ReferenceLocation {
  readonly key: string;
  /** 0-based line and UTF-16 character, and the mention's length in UTF-16 code units. */
  readonly line: number;
  readonly character: number;
  readonly length: number;
}

/**
 * References an editor gets for one query, at most: a state pasted in every row of thousands of listings has
 * millions of mentions, and one answer of them all (an LSP reply of hundreds of MB) stalls the server and the
 * client. Go to Symbol in Workspace and the evidence view find the blocks that hold them.
 */
export const MAX_REFERENCES = 10_000;

/** The index's packed reference rows as one location per mention: at most `limit`, the mentions of the note `first` first. */
export function referenceLocations(references: readonly NoteReferences[], first?: string, limit = MAX_REFERENCES): ReferenceLocation[] {
  const out: ReferenceLocation[] = [];
  // The note asked from first: its own mentions are never the ones cut.
  const ordered = first === undefined ? references : [...references.filter((r) => r.key === first), ...references.filter((r) => r.key !== first)];
  for (const r of ordered) {
    for (let i = 0; i + 2 < r.rows.length; i += 3) {
      if (out.length >= limit) return out;
      out.push({ key: r.key, line: r.rows[i] as number, character: r.rows[i + 1] as number, length: r.rows[i + 2] as number });
    }
  }
  return out;
}

const W = {
  block: { en: '{id} ×{n} (evidence block)', 'zh-cn': '{id} ×{n}（证据块）' },
  sockets: { en: '{id}: {n} sockets', 'zh-cn': '{id}：{n} 个套接字' },
  socket: { en: '{id}: 1 socket', 'zh-cn': '{id}：1 个套接字' },
  mentions: { en: '{id}: {n} mentions', 'zh-cn': '{id}：提及 {n} 次' },
  mention: { en: '{id}: 1 mention', 'zh-cn': '{id}：提及 1 次' },
} as const satisfies Record<string, Localized>;

function fill(text: Localized, lang: Lang, id: string, n: number): string {
  return t(text, lang, { id, n: formatCount(n) });
}

/** A workspace symbol's name: a heading's title, or "FIN-WAIT-1 ×3 (evidence block)". */
export function workspaceSymbolName(s: WorkspaceSymbol, lang: Lang): string {
  if (s.kind === 'heading') return s.title || s.id;
  return fill(W.block, lang, s.id, s.count);
}

/** Its count: "FIN-WAIT-1: 3 sockets" in a block, "tcp_max_orphans: 2 mentions" otherwise. */
export function workspaceSymbolDetail(s: WorkspaceSymbol, lang: Lang): string {
  const one = s.count === 1;
  return fill(s.unit === 'sockets' ? (one ? W.socket : W.sockets) : one ? W.mention : W.mentions, lang, s.id, s.count);
}
