/**
 * The texts of a state's hover card in the Markdown preview (src/webview/previewCards.ts shows them with
 * textContent). Kept apart from preview.ts so the preview script bundles the catalogue only, not the analyser.
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_GISTS } from './catalogue/stateGists';
import type { Lang, StateId } from './catalogue/types';
import { orphanShort } from './catalogue/orphan';
import { formatCount } from './format';
import { pick } from './strings';

export interface PreviewCard {
  readonly title: string;
  readonly meaning: string;
  readonly verdict: string;
  readonly verdictKind: 'yes' | 'caveat' | 'no';
  /** "1,200 sockets in this note's pasted output", when the note counts the state. */
  readonly count: string | undefined;
}

/** The hover card's texts for a state (media/previewCards.js sets them with textContent). */
export function previewCard(id: StateId, lang: Lang, count: number | undefined): PreviewCard {
  const k = STATE_GISTS[id];
  const n = count !== undefined && Number.isFinite(count) && count >= 0 ? formatCount(count) : undefined;
  return {
    title: id,
    meaning: pick(k.summary, lang),
    verdict: orphanShort(id, lang),
    verdictKind: k.orphan.verdict,
    count:
      n === undefined
        ? undefined
        : lang === 'zh-cn'
          ? `本笔记粘贴的输出中有 ${n} 个套接字`
          : `${n} ${count === 1 ? 'socket' : 'sockets'} in this note's pasted output`,
  };
}
