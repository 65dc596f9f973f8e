/**
 * The catalogue as addressable documents for agents (the MCP server's resources): every TCP state, every term
 * (sysctl, sockstat field, counter, kernel message) and every known wrong claim, as Markdown under
 * `tcp-state-notes://state/FIN-WAIT-1`, `tcp-state-notes://term/net.ipv4.tcp_max_orphans`,
 * `tcp-state-notes://misconception/<rule>`; `?lang=zh-cn` gives the Chinese text. Pure.
 */
import { STATE_KNOWLEDGE } from '../catalogue/states';
import { TERM_BY_ID, TERMS } from '../catalogue/terms';
import { STATE_IDS, type Lang, type StateId } from '../catalogue/types';
import { explainState, explainTerm } from '../explain';
import { explainMisconception } from '../knowledge/explainMisconception';
import { MISCONCEPTION_RULES } from '../knowledge/misconceptions';

export const RESOURCE_SCHEME = 'tcp-state-notes';

export interface CatalogueResource {
  readonly uri: string;
  /** Short machine-friendly name ("FIN-WAIT-1", "net.ipv4.tcp_max_orphans"). */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly mimeType: 'text/markdown';
}

const uriOf = (kind: string, id: string) => `${RESOURCE_SCHEME}://${kind}/${encodeURIComponent(id)}`;

/** Every catalogue document (in English; each also answers `?lang=zh-cn`). */
export function catalogueResources(lang: Lang = 'en'): CatalogueResource[] {
  const states = STATE_IDS.map((id) => ({ uri: uriOf('state', id), name: id, title: `TCP state ${id}`, description: STATE_KNOWLEDGE[id].summary[lang], mimeType: 'text/markdown' as const }));
  const terms = TERMS.map((term) => ({ uri: uriOf('term', term.id), name: term.id, title: term.title, description: term.summary[lang], mimeType: 'text/markdown' as const }));
  const claims = MISCONCEPTION_RULES.map((r) => ({ uri: uriOf('misconception', r.id), name: r.id, title: `Wrong claim: ${r.claim.en}`, description: r.fact[lang], mimeType: 'text/markdown' as const }));
  return [...states, ...terms, ...claims];
}

/** The Markdown of a catalogue URI, or undefined when it names nothing in the catalogue. */
export function readCatalogueResource(uri: string): { text: string; lang: Lang } | undefined {
  const m = /^tcp-state-notes:\/\/(state|term|misconception)\/([^?#]+)(?:\?lang=(en|zh-cn|zh-CN))?$/.exec(uri);
  if (!m) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(m[2] as string);
  } catch {
    return undefined;
  }
  const lang: Lang = m[3] && m[3].toLowerCase() === 'zh-cn' ? 'zh-cn' : 'en';
  if (m[1] === 'state') {
    return (STATE_IDS as readonly string[]).includes(id) ? { text: explainState(id as StateId, { lang }), lang } : undefined;
  }
  if (m[1] === 'term') {
    const term = TERM_BY_ID.get(id);
    return term ? { text: explainTerm(term, { lang }), lang } : undefined;
  }
  const text = explainMisconception(id, lang);
  return text === undefined ? undefined : { text, lang };
}
