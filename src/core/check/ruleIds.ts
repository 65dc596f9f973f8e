/** The rule id of state-name typos (the same code as the extension's typo diagnostics). Its own module: the extension's shell reads it when it starts (scripts/lazySplit.mjs). */
export const TYPO_RULE = 'state-typo';
