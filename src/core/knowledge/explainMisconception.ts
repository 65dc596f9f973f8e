/**
 * The explanation a misconception diagnostic's code action opens: the claim, the correct fact, its sources as
 * links, then the full explanation of the state or term the rule is about.
 * Pure: no `vscode`, no Node built-ins.
 */
import type { Lang, StateId } from '../catalogue/types';
import { STATE_KNOWLEDGE } from '../catalogue/states';
import { TERM_BY_ID } from '../catalogue/terms';
import { explainState, explainTerm, sourcesLine } from '../explain';
import { MISCONCEPTION_BY_ID } from './misconceptions';
import { LABEL_COLON, PUNCT } from '../strings';

const TEXT = {
  title: { en: 'Common misconception', 'zh-cn': '常见误解' },
  claim: { en: 'The claim', 'zh-cn': '说法' },
  fact: { en: 'What is true', 'zh-cn': '事实' },
} as const;

export function explainMisconception(ruleId: string, lang: Lang): string | undefined {
  const rule = MISCONCEPTION_BY_ID.get(ruleId);
  if (!rule) return undefined;
  const parts = [
    `# ${TEXT.title[lang]}${PUNCT.colon[lang]}${rule.claim[lang]}`,
    `**${TEXT.claim[lang]}${LABEL_COLON[lang]}** ~~${rule.claim[lang]}~~`,
    `**${TEXT.fact[lang]}${LABEL_COLON[lang]}** ${rule.fact[lang]}`,
    sourcesLine([rule.source], lang),
    '---',
  ];
  if (rule.explain in STATE_KNOWLEDGE) parts.push(explainState(rule.explain as StateId, { lang }));
  else {
    const term = TERM_BY_ID.get(rule.explain);
    if (term) parts.push(explainTerm(term, { lang }));
  }
  return parts.join('\n\n');
}
