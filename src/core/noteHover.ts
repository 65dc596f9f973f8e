/**
 * The hover of a note position: the explanation of the mention under it (state, spelling, term, aggregate),
 * plus, for a state, what the note's own listings show for it and the likely cause. The one builder behind the
 * VS Code hover (src/features/hover.ts) and the language server's (src/lsp/hover.ts); each adapter only turns
 * the result into its own types. Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, StateId } from './catalogue/types';
import { explainMention, type ExplainLinks } from './explain';
import { kernelFromSetting } from './knowledge/kernel';
import { mentionAt, type NoteModel } from './note/model';
import { evidenceArrival, stateEvidenceMarkdown } from './report/summaries';

export interface NoteHoverOptions {
  readonly lang: Lang;
  /** The `kernelVersion` setting as the user typed it (`5.15`, `6.8.0-45-generic`); empty or invalid: none. */
  readonly kernelVersion?: string;
  /** Command links (VS Code only; the language server offers none). */
  readonly links?: ExplainLinks;
}

export interface NoteHover {
  /** Markdown; note text in it is escaped, HTML is never needed to render it. */
  readonly markdown: string;
  /** The hovered mention as note offsets (UTF-16 code units, end exclusive). */
  readonly start: number;
  readonly end: number;
  /** The state the mention names, when it is a state. */
  readonly state?: StateId;
}

export function noteHover(model: NoteModel, offset: number, options: NoteHoverOptions): NoteHover | undefined {
  const mention = mentionAt(model, offset);
  if (!mention) return undefined;
  const kernel = kernelFromSetting(options.kernelVersion);
  const explained = explainMention(mention, model, {
    lang: options.lang,
    ...(kernel ? { kernel } : {}),
    ...(options.links ? { links: options.links } : {}),
  });
  if (!explained) return undefined;
  const state = mention.kind === 'state' ? (mention.id as StateId) : undefined;
  // The note's per-connection summary for the state, and the likely cause (issue #13).
  const extra = state ? stateEvidenceMarkdown(model, state, options.lang) : undefined;
  return { markdown: extra ? `${explained}\n\n---\n\n${extra}` : explained, start: mention.start, end: mention.end, ...(state ? { state } : {}) };
}

/**
 * Resolves when noteHover(model, offset) can answer from the evidence analysis the analysis worker sends after
 * its result (a state's hover reads it), undefined when it need not wait: a hover awaits this rather than read
 * every listing row of a large note on the editor's thread while the worker already does.
 */
export function hoverReady(model: NoteModel, offset: number): Promise<void> | undefined {
  return mentionAt(model, offset)?.kind === 'state' ? evidenceArrival(model) : undefined;
}

/** Longest a state's hover waits for the worker's evidence analysis before it reads the note's listings itself. */
export const HOVER_EVIDENCE_WAIT_MS = 500;

/**
 * Waits until hoverReady's promise settles, at most HOVER_EVIDENCE_WAIT_MS; true when there was something to
 * wait for (the caller then checks that its document did not change meanwhile), false at once otherwise.
 */
export async function waitForHoverEvidence(model: NoteModel, offset: number): Promise<boolean> {
  const ready = hoverReady(model, offset);
  if (!ready) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([ready, new Promise<void>((r) => (timer = setTimeout(r, HOVER_EVIDENCE_WAIT_MS)))]);
  clearTimeout(timer);
  return true;
}
