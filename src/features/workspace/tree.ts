/**
 * The "TCP Evidence" view in the Explorer: notes → evidence blocks → states with counts, from the workspace
 * index. Sorted by count or by time, filtered by one state (view title commands); a block opens at its line,
 * a state opens the note's diagram on that state. Labels hold ids, parsed numbers and ISO times only.
 */
import * as vscode from 'vscode';
import { STATE_IDS, type StateId } from '../../core/catalogue/types';
import type { TreeBlock, TreeNote, TreeOptions } from '../../core/workspace/index';
import type { WorkspaceNotes } from './notes';

export const VIEW_ID = 'tcpStateNotes.evidence';
export const TREE_COMMANDS = {
  sortByCount: 'tcpStateNotes.evidence.sortByCount',
  sortByTime: 'tcpStateNotes.evidence.sortByTime',
  filterByState: 'tcpStateNotes.evidence.filterByState',
  clearFilter: 'tcpStateNotes.evidence.clearFilter',
  openBlock: 'tcpStateNotes.evidence.openBlock',
  openDiagram: 'tcpStateNotes.evidence.openDiagram',
} as const;

export type EvidenceNode =
  | { readonly type: 'note'; readonly note: TreeNote }
  | { readonly type: 'block'; readonly key: string; readonly block: TreeBlock }
  | { readonly type: 'state'; readonly key: string; readonly line: number; readonly state: StateId; readonly count: number };

const fmt = (n: number): string => n.toLocaleString(vscode.env.language);

export class EvidenceTree implements vscode.TreeDataProvider<EvidenceNode> {
  private readonly changed = new vscode.EventEmitter<EvidenceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  options: TreeOptions = { sort: 'count' };

  constructor(private readonly notes: WorkspaceNotes) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  setOptions(options: TreeOptions): void {
    this.options = options;
    void vscode.commands.executeCommand('setContext', 'tcpStateNotes.evidence.filtered', options.state !== undefined);
    void vscode.commands.executeCommand('setContext', 'tcpStateNotes.evidence.sort', options.sort);
    this.refresh();
  }

  getChildren(node?: EvidenceNode): EvidenceNode[] {
    const index = this.notes.index;
    if (!node) return index.notes(this.options).map((note) => ({ type: 'note', note }));
    if (node.type === 'note') return index.blocks(node.note.key, this.options).map((block) => ({ type: 'block', key: node.note.key, block }));
    if (node.type === 'block') return node.block.states.filter((s) => this.options.state === undefined || s.state === this.options.state).map((s) => ({ type: 'state', key: node.key, line: node.block.line, state: s.state, count: s.count }));
    return [];
  }

  getTreeItem(node: EvidenceNode): vscode.TreeItem {
    if (node.type === 'note') {
      const n = node.note;
      const uri = vscode.Uri.parse(n.key);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
      const parts: string[] = [];
      if (n.state) parts.push(`${n.state} ${fmt(n.count)}`);
      parts.push(n.blocks === 1 ? vscode.l10n.t('1 block') : vscode.l10n.t('{0} blocks', n.blocks));
      if (n.time) parts.push(n.time);
      item.description = parts.join(' · ');
      item.tooltip = `${vscode.workspace.asRelativePath(uri)}${n.orphan?.value != null ? `\n${vscode.l10n.t('orphans: {0} ({1})', fmt(n.orphan.value), n.orphan.level)}` : ''}`;
      item.contextValue = 'tcpNote';
      item.id = `note:${n.key}`;
      return item;
    }
    if (node.type === 'block') {
      const b = node.block;
      const item = new vscode.TreeItem(vscode.l10n.t('Line {0}', b.line + 1), b.states.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      const parts = b.states.slice(0, 3).map((s) => `${s.state} ${fmt(s.count)}`);
      if (b.orphans !== undefined) parts.push(vscode.l10n.t('orphans {0}', fmt(b.orphans)));
      if (b.time) parts.push(b.time);
      item.description = parts.join(' · ');
      item.iconPath = new vscode.ThemeIcon('output');
      item.command = { command: TREE_COMMANDS.openBlock, title: vscode.l10n.t('Open Evidence Block'), arguments: [node] };
      item.contextValue = 'tcpEvidenceBlock';
      item.id = `block:${node.key}#${b.line}`;
      return item;
    }
    const item = new vscode.TreeItem(node.state, vscode.TreeItemCollapsibleState.None);
    item.description = fmt(node.count);
    item.iconPath = new vscode.ThemeIcon('symbol-enum-member');
    item.command = { command: TREE_COMMANDS.openDiagram, title: vscode.l10n.t('Open in State Diagram'), arguments: [node] };
    item.contextValue = 'tcpState';
    item.id = `state:${node.key}#${node.line}:${node.state}`;
    return item;
  }

  getParent(): undefined {
    return undefined;
  }
}

async function openAt(key: string, line: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(key));
  const at = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
  return vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
}

export function registerEvidenceTree(notes: WorkspaceNotes, testMode: boolean): vscode.Disposable {
  const tree = new EvidenceTree(notes);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const updateMessage = (): void => {
    view.message = tree.options.state ? vscode.l10n.t('Showing {0} only.', tree.options.state) : undefined;
  };
  tree.setOptions({ sort: 'count' });
  const set = (options: TreeOptions): void => {
    tree.setOptions(options);
    updateMessage();
  };
  const disposables: vscode.Disposable[] = [
    view,
    notes.onDidChange(() => tree.refresh()),
    vscode.commands.registerCommand(TREE_COMMANDS.sortByCount, () => set({ ...tree.options, sort: 'count' })),
    vscode.commands.registerCommand(TREE_COMMANDS.sortByTime, () => set({ ...tree.options, sort: 'time' })),
    vscode.commands.registerCommand(TREE_COMMANDS.clearFilter, () => set({ sort: tree.options.sort })),
    vscode.commands.registerCommand(TREE_COMMANDS.filterByState, async (state?: string) => {
      const chosen = state ?? (await vscode.window.showQuickPick([...STATE_IDS], { placeHolder: vscode.l10n.t('Show only evidence blocks with this TCP state') }));
      if (chosen && (STATE_IDS as readonly string[]).includes(chosen)) set({ ...tree.options, state: chosen as StateId });
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.openBlock, async (node?: EvidenceNode) => {
      if (node?.type === 'block') await openAt(node.key, node.block.line);
    }),
    vscode.commands.registerCommand(TREE_COMMANDS.openDiagram, async (node?: EvidenceNode) => {
      if (node?.type !== 'state' && node?.type !== 'block') return;
      const editor = await openAt(node.key, node.type === 'state' ? node.line : node.block.line);
      const state = node.type === 'state' ? node.state : node.block.states[0]?.state;
      await vscode.commands.executeCommand('tcpStateNotes.showDiagram', { uri: editor.document.uri.toString(), ...(state ? { state } : {}) });
    }),
  ];
  if (testMode) {
    // Tests only (ExtensionMode.Test): the tree as its items would render, to the given depth.
    disposables.push(
      vscode.commands.registerCommand('tcpStateNotes.test.evidenceTree', async (depth = 3) => {
        await notes.whenBuilt();
        const walk = (node: EvidenceNode | undefined, level: number): unknown[] =>
          tree.getChildren(node).map((child) => {
            const item = tree.getTreeItem(child);
            const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? (item.resourceUri ? vscode.workspace.asRelativePath(item.resourceUri) : ''));
            return { label, description: item.description, command: item.command?.command, node: child, children: level + 1 < depth ? walk(child, level + 1) : [] };
          });
        return { options: tree.options, message: view.message, items: walk(undefined, 0) };
      }),
    );
  }
  return vscode.Disposable.from(...disposables);
}
