/**
 * The gist of each state's knowledge: its one-line meaning and its orphan verdict with that verdict's headline —
 * all the Markdown preview's cards and the diagram webview show of the catalogue. A typed view of STATE_KNOWLEDGE
 * (states.ts, the one source): the webview bundles get only these fields (scripts/build.mjs puts the built
 * table in place of this module there), not the catalogue's details, sources and commands.
 * Pure: no `vscode`, no Node built-ins.
 */
import { STATE_KNOWLEDGE } from './states';
import { STATE_IDS, type Localized, type OrphanVerdict, type StateId } from './types';

export interface StateGist {
  readonly summary: Localized;
  readonly orphan: { readonly verdict: OrphanVerdict; readonly headline: Localized };
}

/** The gist of every state, in STATE_IDS order. */
export const STATE_GISTS: Readonly<Record<StateId, StateGist>> = Object.fromEntries(
  STATE_IDS.map((id) => {
    const k = STATE_KNOWLEDGE[id];
    return [id, { summary: k.summary, orphan: { verdict: k.orphan.verdict, headline: k.orphan.headline } }];
  }),
) as Record<StateId, StateGist>;
