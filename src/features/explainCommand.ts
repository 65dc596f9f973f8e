import * as vscode from 'vscode';
import { explainState } from '../core/explain';
import { explainMisconception } from '../core/knowledge/explainMisconception';
import { MISCONCEPTION_BY_ID } from '../core/knowledge/misconceptions';
import { mentionAt } from '../core/note/model';
import { STATE_IDS, type StateId } from '../core/catalogue/types';
import { STATE_KNOWLEDGE } from '../core/catalogue/states';
import { COMMANDS } from './commands';
import { currentLang } from './language';
import type { NoteModels } from './noteModels';

const SCHEME = 'tcp-state-notes';

async function showVirtual(uri: vscode.Uri): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: false });
}

/**
 * "Explain TCP State…": pick a state (preselected from the cursor) and read its explanation in a read-only
 * markdown document beside the note. Content comes from the core renderer; nothing is written to disk.
 */
export function registerExplainCommand(models: NoteModels): vscode.Disposable {
  const provider = new (class implements vscode.TextDocumentContentProvider {
    provideTextDocumentContent(uri: vscode.Uri): string {
      const misconception = /^\/misconception\/([a-z0-9-]+)\.md$/.exec(uri.path);
      if (misconception) return explainMisconception(misconception[1] ?? '', currentLang()) ?? vscode.l10n.t('Unknown misconception rule.');
      const id = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.md$/, '')) as StateId;
      if (!(STATE_IDS as readonly string[]).includes(id)) return vscode.l10n.t('Unknown TCP state.');
      return explainState(id, { lang: currentLang() });
    }
  })();
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand(COMMANDS.explainState, async (arg?: StateId) => {
      let state = arg && (STATE_IDS as readonly string[]).includes(arg) ? arg : undefined;
      if (!state) {
        const editor = vscode.window.activeTextEditor;
        let current: StateId | undefined;
        if (editor?.document.languageId === 'markdown') {
          const m = mentionAt(models.get(editor.document), editor.document.offsetAt(editor.selection.active));
          if (m?.kind === 'state') current = m.id as StateId;
        }
        const lang = currentLang();
        const items = STATE_IDS.map((id) => ({ label: id, description: STATE_KNOWLEDGE[id].summary[lang], id }));
        const active = items.find((i) => i.id === current);
        const qp = vscode.window.createQuickPick<(typeof items)[number]>();
        qp.items = items;
        qp.placeholder = vscode.l10n.t('Choose a TCP state to explain');
        if (active) qp.activeItems = [active];
        state = await new Promise<StateId | undefined>((resolve) => {
          qp.onDidAccept(() => {
            resolve(qp.selectedItems[0]?.id ?? qp.activeItems[0]?.id);
            qp.hide();
          });
          qp.onDidHide(() => resolve(undefined));
          qp.show();
        });
        qp.dispose();
      }
      if (!state) return undefined;
      await showVirtual(vscode.Uri.from({ scheme: SCHEME, path: `/${state}.md` }));
      return state;
    }),
    vscode.commands.registerCommand(COMMANDS.explainMisconception, async (rule?: unknown) => {
      if (typeof rule !== 'string' || !MISCONCEPTION_BY_ID.has(rule)) return undefined;
      await showVirtual(vscode.Uri.from({ scheme: SCHEME, path: `/misconception/${rule}.md` }));
      return rule;
    }),
  );
}
