/** Public API of the diagnosis-template core. Pure: no `vscode`, no Node built-ins. */
export type { TemplateSymptom, TemplateVariant } from './variants';
export { TEMPLATE_SYMPTOMS, TEMPLATE_VARIANTS, describeSymptom, isTemplateSymptom, snippetPrefix } from './variants';
export type { BuiltTemplate } from './build';
export { buildTemplate, snippetToPlainText, validateSnippet } from './build';
export { detectNoteLanguage, LANGUAGE_SAMPLE, preselectForNote, preselectSymptom, symptomForState } from './choose';
export type { SnippetDefinition } from './snippetFile';
export { buildSnippetDefinitions, buildSnippetFileText } from './snippetFile';
export type { TemplateFacts } from './facts';
export { NO_FACTS, templateFacts, hostFromNote, safeHost } from './facts';
