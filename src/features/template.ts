import * as vscode from 'vscode';
import { mentionAt } from '../core/note/model';
import type { Lang, StateId } from '../core/catalogue/types';
import {
  buildTemplate,
  describeSymptom,
  detectNoteLanguage,
  isTemplateSymptom,
  preselectForNote,
  templateFacts,
  TEMPLATE_SYMPTOMS,
  type TemplateSymptom,
} from '../core/template';
import { cachedAnalysis } from '../core/report/summaries';
import { COMMANDS } from './commands';
import { currentLang } from './language';
import type { NoteModels } from './noteModels';

export interface InsertTemplateArgs {
  /** The state the user came from (hover link); preselects its variant. */
  readonly state?: StateId;
  /** Skip the quick pick and insert this variant (tests, keybindings). */
  readonly symptom?: TemplateSymptom;
  readonly lang?: Lang;
}

/** Template language: the setting, else the note's own language when it has prose, else the display language. */
export function templateLang(document: vscode.TextDocument): Lang {
  const setting = vscode.workspace.getConfiguration('tcpStateNotes', document).get<string>('template.language', 'auto');
  if (setting === 'en' || setting === 'zh-cn') return setting;
  const text = document.getText();
  return /\p{L}/u.test(text) ? detectNoteLanguage(text) : currentLang();
}

/** Preselection: the state under the cursor, else the largest of the note's current counts, else general. */
export function preselect(models: NoteModels, editor: vscode.TextEditor, state?: StateId): TemplateSymptom {
  const model = models.get(editor.document);
  let stateAtCursor = state;
  if (!stateAtCursor) {
    const m = mentionAt(model, editor.document.offsetAt(editor.selection.active));
    if (m?.kind === 'state') stateAtCursor = m.id as StateId;
  }
  return preselectForNote(model, stateAtCursor);
}

async function pickVariant(initial: TemplateSymptom, initialLang: Lang): Promise<{ symptom: TemplateSymptom; lang: Lang } | undefined> {
  type Item = vscode.QuickPickItem & { symptom: TemplateSymptom };
  const qp = vscode.window.createQuickPick<Item>();
  let lang = initialLang;
  const toggle: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('globe'), tooltip: vscode.l10n.t('Switch template language (English / 中文)') };
  const refresh = (active: TemplateSymptom) => {
    qp.title = vscode.l10n.t('Insert Orphan Socket Diagnosis Template ({0})', lang === 'en' ? 'English' : '简体中文');
    qp.items = TEMPLATE_SYMPTOMS.map((symptom) => ({ symptom, ...describeSymptom(symptom, lang) }));
    const item = qp.items.find((i) => i.symptom === active);
    if (item) qp.activeItems = [item];
  };
  qp.placeholder = vscode.l10n.t('Choose the symptom to investigate');
  qp.matchOnDetail = true;
  qp.buttons = [toggle];
  refresh(initial);
  const result = await new Promise<{ symptom: TemplateSymptom; lang: Lang } | undefined>((resolve) => {
    qp.onDidTriggerButton(() => {
      const active = qp.activeItems[0]?.symptom ?? initial;
      lang = lang === 'en' ? 'zh-cn' : 'en';
      refresh(active);
    });
    qp.onDidAccept(() => {
      const item = qp.selectedItems[0] ?? qp.activeItems[0];
      resolve(item ? { symptom: item.symptom, lang } : undefined);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  return result;
}

/**
 * Untitled notes and file systems that say they are writable; a document from a content provider (no file
 * system behind its scheme) is read-only.
 */
export function isWritable(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === 'untitled') return true;
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === true;
}

export async function insertTemplate(models: NoteModels, args: InsertTemplateArgs = {}): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to insert the orphan socket diagnosis template.'));
    return false;
  }
  const { document } = editor;
  if (!isWritable(document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This note is read-only: the diagnosis template was not inserted.'));
    return false;
  }
  let symptom = args.symptom && isTemplateSymptom(args.symptom) ? args.symptom : undefined;
  let lang: Lang = args.lang === 'en' || args.lang === 'zh-cn' ? args.lang : templateLang(document);
  if (!symptom) {
    const picked = await pickVariant(preselect(models, editor, args.state), lang);
    if (!picked) return false;
    ({ symptom, lang } = picked);
  }
  // Prefilled from the note: host, kernel, time, counts, tunables, the likely cause (placeholders where it has none).
  const model = models.get(document);
  const { snippet } = buildTemplate(symptom, lang, templateFacts(model, cachedAnalysis(model), symptom, lang));
  // One snippet edit over the cursor or selection(s): a single undo step restores the note.
  const version = document.version;
  const ok =
    (await editor.insertSnippet(new vscode.SnippetString(snippet), editor.selections, { undoStopBefore: true, undoStopAfter: true })) &&
    document.version !== version;
  if (!ok) void vscode.window.showWarningMessage(vscode.l10n.t('The editor refused the edit (is the note read-only?). Nothing was changed.'));
  return ok;
}

export function registerTemplateCommand(models: NoteModels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.insertTemplate, (args?: InsertTemplateArgs) => insertTemplate(models, args ?? {}));
}
