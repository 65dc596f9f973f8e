import * as vscode from 'vscode';
import { sectionAt, type NoteModel, type Section } from '../../core/note/model';
import type { StateId } from '../../core/catalogue/types';
import { diagramSource } from '../../core/diagram/fromNote';
import { buildDiagramModel, type DiagramModel } from '../../core/diagram/model';
import { explainStateText } from '../../core/explain';
import { kernelFromSetting } from '../../core/knowledge/kernel';
import type { DiagramScope, HostToWebview, PanelState } from '../../webview/protocol';
import { isNotePath, parsePanelState, parseWebviewMessage } from '../../core/diagram/messages';
import { currentLang } from '../language';
import type { NoteModels } from '../noteModels';
import type { InsertResult } from '../snapshot';
import { copySvg, pngBytes, pngFailed, saveDiagram, standaloneSvg } from './export';
import { panelHtml, webviewOptions, webviewStrings } from './html';
import { LiveView } from './live';
import { DIAGRAM_VIEW_TYPE } from './viewType';
import { DetailState, type DetailScope } from './detail';
import { isSelectState, type TimelineView } from '../../webview/detailProtocol';

const RENDER_DELAY_MS = 250;

/** What the panel shows: the diagram model and where it comes from. Exports use exactly this. */
interface Shown {
  readonly uri: string;
  readonly version: number;
  readonly documentName: string;
  readonly sectionTitle: string | undefined;
  readonly diagram: DiagramModel;
  readonly counts: Partial<Record<StateId, number>>;
  readonly scope: DiagramScope;
  readonly countSource: string | undefined;
}

/**
 * The state-diagram panel: follows the active markdown editor unless locked, renders immediately the first
 * time and debounced afterwards, drops stale renders by document version, restores after reload.
 * Its parts: the page (html.ts), exports (export.ts), the live view (live.ts), the commands (commands.ts).
 */
export class DiagramPanel implements vscode.Disposable {
  private static current: DiagramPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument | undefined;
  private state: PanelState;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ready = false;
  private lastCursor = new Map<string, number>();
  private pendingPng: ((dataUrl: string) => void) | undefined;
  readonly live: LiveView;
  /** What was last posted (for the exports, for tests and the status of the panel). */
  private shown: Shown | undefined;
  /** The detail pane's selected state and the scrubber's chosen sample. */
  private readonly detail = new DetailState();
  private shownTimeline: TimelineView | undefined;

  static get active(): DiagramPanel | undefined {
    return DiagramPanel.current;
  }

  static show(context: vscode.ExtensionContext, models: NoteModels, document: vscode.TextDocument): DiagramPanel {
    const existing = DiagramPanel.current;
    if (existing) {
      if (!existing.state.locked || existing.document?.uri.toString() === document.uri.toString()) existing.setDocument(document);
      // Never cover the note it draws: if the note's editor is in the panel's group, move the panel beside it.
      const editorColumn = vscode.window.activeTextEditor?.viewColumn;
      const column = existing.panel.viewColumn === undefined || existing.panel.viewColumn === editorColumn ? vscode.ViewColumn.Beside : existing.panel.viewColumn;
      existing.panel.reveal(column, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_VIEW_TYPE,
      vscode.l10n.t('TCP State Diagram'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    return new DiagramPanel(context, models, panel, { uri: document.uri.toString(), locked: false, scope: 'note', showLinux: false }, document);
  }

  static async restore(context: vscode.ExtensionContext, models: NoteModels, panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    // Saved by the webview, so checked like a message: only a note open in the editor or a Markdown file in the
    // workspace is reopened; anything else is ignored and the panel follows the active editor.
    const state: PanelState = parsePanelState(saved, restorable);
    panel.webview.options = webviewOptions(context.extensionUri);
    let document: vscode.TextDocument | undefined;
    try {
      if (state.uri) document = await vscode.workspace.openTextDocument(vscode.Uri.parse(state.uri));
    } catch {
      document = undefined;
    }
    document ??= vscode.window.activeTextEditor?.document.languageId === 'markdown' ? vscode.window.activeTextEditor.document : undefined;
    DiagramPanel.current?.dispose();
    new DiagramPanel(context, models, panel, state, document);
  }

  private constructor(
    context: vscode.ExtensionContext,
    private readonly models: NoteModels,
    readonly panel: vscode.WebviewPanel,
    state: PanelState,
    document: vscode.TextDocument | undefined,
  ) {
    DiagramPanel.current = this;
    this.state = state;
    this.document = document;
    this.live = new LiveView({ showing: () => this.ready && this.panel.visible, post: (m) => this.post(m), render: () => this.render() });
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml(panel.webview, context.extensionUri);
    this.disposables.push(
      this.live,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.schedule(0);
        this.live.visibilityChanged(panel.visible);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || editor.document.languageId !== 'markdown' || this.state.locked) return;
        if (editor.document.uri.toString() !== this.document?.uri.toString()) this.setDocument(editor.document);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.document && e.contentChanges.length) this.schedule(RENDER_DELAY_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (e.textEditor.document !== this.document) return;
        this.lastCursor.set(e.textEditor.document.uri.toString(), e.textEditor.document.offsetAt(e.selections[0]?.active ?? new vscode.Position(0, 0)));
        if (this.state.scope === 'section') this.schedule(RENDER_DELAY_MS);
      }),
      vscode.window.onDidChangeActiveColorTheme(() => this.schedule(0)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tcpStateNotes')) this.schedule(0);
      }),
    );
    this.updateTitle();
  }

  get documentUri(): string | undefined {
    return this.document?.uri.toString();
  }

  get panelState(): PanelState {
    return this.state;
  }

  /** For tests: what was last posted. */
  get lastRender() {
    const s = this.shown;
    return s
      ? {
          uri: s.uri,
          version: s.version,
          highlighted: s.diagram.nodes.filter((n) => n.mentioned || n.count !== undefined).map((n) => n.id),
          counts: s.counts,
          scope: s.scope,
          sectionTitle: s.sectionTitle,
          /** The SVG of the model the webview draws, in the exports' standalone style. */
          svg: standaloneSvg(s.diagram),
          countSource: s.countSource,
        }
      : undefined;
  }

  /** For tests: the detail pane's last message, and the scrubber's data of the last render. */
  get lastDetail() {
    return this.detail.last;
  }

  get lastTimeline() {
    return this.shownTimeline;
  }

  /** Selects a state for the detail pane (null closes it), as a click in the diagram does. */
  selectState(state: StateId | null): void {
    this.detail.select(state);
    this.postDetail();
  }

  /**
   * Chooses a timeline sample (−1: the whole note), as the scrubber does; false when there is no such sample.
   * `seq`: the scrubber's move number, echoed in the next render so the webview knows its move was handled (a
   * rejected move re-renders too, so the scrubber returns to the host's sample).
   */
  selectSample(index: number, seq?: number): boolean {
    if (seq !== undefined) this.detail.answer(seq);
    const document = this.document;
    if (!document) return false;
    const model = this.models.get(document);
    const chosen = this.detail.chooseSample(index, model, this.detailScope(document, model));
    if (chosen || seq !== undefined) this.render();
    return chosen;
  }

  private postDetail(): void {
    const document = this.document;
    if (!document || !this.ready) return;
    const model = this.models.peek(document);
    if (!model) return;
    // Scoped to a section: the detail of its evidence only, like the diagram's counts.
    this.post(this.detail.message(model, currentLang(), this.detailScope(document, model)));
  }

  setDocument(document: vscode.TextDocument): void {
    if (document.uri.toString() !== this.document?.uri.toString()) this.detail.reset();
    this.document = document;
    this.state = { ...this.state, uri: document.uri.toString() };
    this.updateTitle();
    this.schedule(0);
  }

  setLocked(locked: boolean): void {
    this.state = { ...this.state, locked };
    void vscode.commands.executeCommand('setContext', 'tcpStateNotes.diagramLocked', locked);
    if (!locked) {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId === 'markdown') this.setDocument(editor.document);
    }
    this.updateTitle();
    this.schedule(0);
  }

  setScope(scope: DiagramScope): void {
    this.state = { ...this.state, scope: scope === 'section' ? 'section' : 'note' };
    this.render();
  }

  setLive(on: boolean): boolean {
    return this.live.set(on, this.panel.visible);
  }

  freeze(): Promise<InsertResult> {
    return this.live.freeze(this.document);
  }

  private updateTitle(): void {
    const name = this.document ? this.document.uri.path.split('/').pop() || 'untitled' : '';
    const base = vscode.l10n.t('TCP State Diagram');
    this.panel.title = name ? `${this.state.locked ? '🔒 ' : ''}${base}: ${name}` : base;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, delay);
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  /**
   * The diagram of the document in the panel's current state: scope (the section at the cursor), Linux layer,
   * live counts. `wait`: a large note still analysed in the background yields undefined (and a render later).
   */
  private compose(document: vscode.TextDocument, wait: boolean): (Shown & { explanations: Partial<Record<StateId, string>> }) | undefined {
    const lang = currentLang();
    const model = wait ? this.models.peek(document) : this.models.get(document);
    if (!model) {
      void this.models.whenReady(document).then((m) => m && this.schedule(0));
      return undefined;
    }
    const section = this.scopedSection(document, model);
    const range = section ? { start: section.start, end: section.end } : undefined;
    const sectionTitle = section?.title;
    const documentName = document.uri.path.split('/').pop() || document.uri.toString();
    const source = diagramSource(model, lang, range, sectionTitle ?? documentName).input;
    // A sample chosen on the timeline scrubber: its counts instead of the note's current ones (its latest moment).
    const sample = this.detail.chosen(model, this.detailScope(document, model));
    const sampled = sample ? { ...source, counts: { ...sample.counts }, atLeast: sample.atLeast ?? [], countSource: vscode.l10n.t('sample at {0}, line {1}', sample.time, sample.line + 1) } : source;
    const input = this.live.diagramInput(sampled);
    const diagram = buildDiagramModel({ ...input, showLinux: this.state.showLinux }, lang);
    const explanations: Partial<Record<StateId, string>> = {};
    // The setting's kernel, as in the editor hover (a release recorded in the note wins over it).
    const kernel = kernelFromSetting(vscode.workspace.getConfiguration('tcpStateNotes', document).get<string>('kernelVersion', ''));
    for (const node of diagram.nodes) explanations[node.id] = explainStateText(node.id, { lang, ...(kernel ? { kernel } : {}) }, { model });
    return { uri: document.uri.toString(), version: document.version, documentName, sectionTitle, diagram, counts: input.counts, scope: this.state.scope, countSource: input.countSource, explanations };
  }

  /** The scope of the detail pane and the timeline: the section the panel is scoped to, or undefined. */
  private detailScope(document: vscode.TextDocument, model: NoteModel): DetailScope | undefined {
    const section = this.scopedSection(document, model);
    return section && { start: section.start, end: section.end, key: sectionKey(section) };
  }

  /** The section the panel is scoped to (the one at the cursor), or undefined for the whole note. */
  private scopedSection(document: vscode.TextDocument, model: NoteModel): Section | undefined {
    return this.state.scope === 'section' ? model.sections[sectionAt(model, this.cursorOffset(document))] : undefined;
  }

  /** Builds the model from the note and posts it as data. */
  render(): void {
    if (!this.ready || !this.panel.visible) return;
    const document = this.document;
    if (!document) return;
    const view = this.compose(document, true);
    if (!view) return;
    const { explanations, ...shown } = view;
    this.shown = shown;
    this.post({
      type: 'render',
      version: shown.version,
      documentName: shown.documentName,
      sectionTitle: shown.sectionTitle,
      model: shown.diagram,
      strings: webviewStrings(),
      state: this.state,
      explanations,
      ...this.live.info(),
      ...this.timelineView(document),
    });
    if (this.detail.hasSelection) this.postDetail();
  }

  private timelineView(document: vscode.TextDocument) {
    const model = this.models.peek(document);
    const timeline = model ? this.detail.timeline(model, this.detailScope(document, model)) : undefined;
    this.shownTimeline = timeline;
    return timeline ? { timeline } : {};
  }

  /** The diagram the panel shows; computed the same way when nothing is shown yet (the panel is hidden). */
  exportedDiagram(): DiagramModel | undefined {
    const document = this.document;
    if (!document) return undefined;
    const shown = this.shown;
    if (shown && shown.uri === document.uri.toString() && shown.version === document.version && shown.scope === this.state.scope) return shown.diagram;
    return this.compose(document, false)?.diagram;
  }

  private cursorOffset(document: vscode.TextDocument): number {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    if (editor) return document.offsetAt(editor.selection.active);
    return this.lastCursor.get(document.uri.toString()) ?? 0;
  }

  /** Selects the next mention of `state` after the cursor in the note's editor (cycling). */
  async revealState(state: StateId): Promise<void> {
    const document = this.document;
    if (!document) return;
    const model = this.models.get(document);
    const mentions = model.mentions.filter((m) => m.kind === 'state' && m.id === state);
    if (mentions.length === 0) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('{0} is not mentioned in this note.', state), 3000);
      return;
    }
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const cursor = editor ? document.offsetAt(editor.selection.active) : -1;
    const next = mentions.find((m) => m.start > cursor) ?? mentions[0];
    if (!next) return;
    editor = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const range = new vscode.Range(document.positionAt(next.start), document.positionAt(next.end));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  async exportSvg(): Promise<void> {
    const diagram = this.exportedDiagram();
    if (diagram) await saveDiagram(new TextEncoder().encode(standaloneSvg(diagram)), 'svg', this.document?.uri);
  }

  /** Copy SVG; returns the text copied. */
  async copySvg(): Promise<string | undefined> {
    const diagram = this.exportedDiagram();
    return diagram ? copySvg(diagram) : undefined;
  }

  /** The one PNG path (toolbar button and command): the webview rasterises the model the panel shows. */
  async exportPng(): Promise<void> {
    const diagram = this.exportedDiagram();
    if (!diagram || !this.ready) return pngFailed();
    this.pendingPng?.('');
    const dataUrl = await new Promise<string>((resolve) => {
      this.pendingPng = resolve;
      this.post({ type: 'requestPng', model: diagram });
    });
    const bytes = pngBytes(dataUrl);
    if (!bytes) return pngFailed();
    await saveDiagram(bytes, 'png', this.document?.uri);
  }

  private onMessage(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.render();
        this.live.postSample();
        break;
      case 'reveal':
        void this.revealState(m.state);
        break;
      case 'toggleLock':
        this.setLocked(!this.state.locked);
        break;
      case 'setScope':
        this.setScope(m.scope);
        break;
      case 'toggleLinux':
        this.state = { ...this.state, showLinux: !this.state.showLinux };
        this.render();
        break;
      case 'exportSvg':
        void this.exportSvg();
        break;
      case 'copySvg':
        void this.copySvg();
        break;
      case 'exportPng':
        void this.exportPng();
        break;
      case 'png': {
        const pending = this.pendingPng;
        this.pendingPng = undefined;
        pending?.(m.dataUrl);
        break;
      }
      case 'error':
        console.warn(`[tcp-state-notes] diagram webview: ${m.message}`);
        break;
      case 'toggleLive':
        this.setLive(!this.live.on);
        break;
      case 'freeze':
        void this.freeze();
        break;
      case 'select':
        if (isSelectState(m.state)) this.selectState(m.state);
        break;
      case 'selectSample':
        this.selectSample(m.index, m.seq);
        break;
    }
  }

  dispose(): void {
    if (DiagramPanel.current === this) DiagramPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.pendingPng?.('');
    this.pendingPng = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

/** A URI the restored panel may open: a note open in the editor, or a Markdown file inside a workspace folder. */
function restorable(text: string): boolean {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === text)) return true;
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(text, true);
  } catch {
    return false;
  }
  return uri.toString() === text && isNotePath(uri.path) && !uri.path.split('/').includes('..') && vscode.workspace.getWorkspaceFolder(uri) !== undefined;
}

/** A section's name while its text is edited (offsets move; its place among the headings and its title stay). */
function sectionKey(section: Section): string {
  return `${section.index}\u0000${section.title}`;
}
