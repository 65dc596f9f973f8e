import * as vscode from 'vscode';
import { sectionAt } from '../../core/analysis';
import type { StateId } from '../../core/catalogue/types';
import { buildDiagramModel } from '../../core/diagram/model';
import { renderDiagramSvg } from '../../core/diagram/svg';
import { explainState } from '../../core/explain';
import type { DiagramScope, HostToWebview, LiveInfo, LiveSample, LiveStrings, PanelState, WebviewStrings } from '../../webview/protocol';
import { isWebviewMessage } from '../../webview/protocol';
import { COMMANDS } from '../commands';
import { currentLang } from '../language';
import type { NoteModels } from '../noteModels';
import { diagramSource, markdownToPlainText } from '../../core/diagram/fromNote';
import { pressureVerdict, type Capture } from '../../core/snapshot';
import { describeProblems, insertCapture, liveIntervalSeconds, LiveSampler, snapshotSupportHere, unsupportedMessage, type InsertResult } from '../snapshot';

export const DIAGRAM_VIEW_TYPE = 'tcpStateNotes.stateDiagram';
const RENDER_DELAY_MS = 250;

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}

function strings(): WebviewStrings {
  return {
    lock: vscode.l10n.t('Lock to this note'),
    unlock: vscode.l10n.t('Locked — follow active note'),
    scopeNote: vscode.l10n.t('Scope: whole note'),
    scopeSection: vscode.l10n.t('Scope: section at cursor'),
    linux: vscode.l10n.t('Linux extras'),
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    fit: vscode.l10n.t('Fit'),
    exportSvg: vscode.l10n.t('Export SVG'),
    exportPng: vscode.l10n.t('Export PNG'),
    copySvg: vscode.l10n.t('Copy SVG'),
    highlighted: vscode.l10n.t('states highlighted'),
    noMentions: vscode.l10n.t('The note mentions no TCP state yet.'),
    updated: vscode.l10n.t('Diagram updated'),
    live: vscode.l10n.t('Live'),
  };
}

function liveStrings(): LiveStrings {
  return {
    freeze: vscode.l10n.t('Freeze into note'),
    freezeTitle: vscode.l10n.t('Insert the current socket snapshot into the note at its cursor'),
    gaugeTitle: vscode.l10n.t('Orphan pressure'),
    orphan: vscode.l10n.t('orphan'),
    mem: vscode.l10n.t('mem'),
    tw: vscode.l10n.t('tw'),
    unknown: vscode.l10n.t('unknown'),
    memPressure: vscode.l10n.t('pressure'),
    status: vscode.l10n.t('{0} · updated {1} · every {2} s'),
    waiting: vscode.l10n.t('Reading /proc…'),
    trends: vscode.l10n.t('Sockets per state (trend of the last samples)'),
    noSockets: vscode.l10n.t('No TCP socket in /proc/net/tcp or tcp6.'),
  };
}

/**
 * The state-diagram panel: follows the active markdown editor unless locked, renders immediately the first
 * time and debounced afterwards, drops stale renders by document version, restores after reload.
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
  /** Live view: samples /proc while on and the panel is visible (Linux extension hosts only). */
  private sampler: LiveSampler | undefined;
  private liveRenderedCounts = '';
  /** What was last posted (for tests and the status of the panel): version and highlighted states. */
  lastRender: { uri: string; version: number; highlighted: StateId[]; counts: Partial<Record<StateId, number>>; scope: DiagramScope } | undefined;

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
      DiagramPanel.webviewOptions(context),
    );
    return new DiagramPanel(context, models, panel, { uri: document.uri.toString(), locked: false, scope: 'note', showLinux: false }, document);
  }

  static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')], retainContextWhenHidden: false };
  }

  static async restore(context: vscode.ExtensionContext, models: NoteModels, panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const s = (saved ?? {}) as Partial<PanelState>;
    const state: PanelState = {
      uri: typeof s.uri === 'string' ? s.uri : '',
      locked: s.locked === true,
      scope: s.scope === 'section' ? 'section' : 'note',
      showLinux: s.showLinux === true,
    };
    panel.webview.options = DiagramPanel.webviewOptions(context);
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
    private readonly context: vscode.ExtensionContext,
    private readonly models: NoteModels,
    readonly panel: vscode.WebviewPanel,
    state: PanelState,
    document: vscode.TextDocument | undefined,
  ) {
    DiagramPanel.current = this;
    this.state = state;
    this.document = document;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) this.schedule(0);
        // Live sampling only while someone can see it.
        if (panel.visible) this.sampler?.resume();
        else this.sampler?.pause();
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

  setDocument(document: vscode.TextDocument): void {
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

  /** Builds the model from the note and posts it as data. */
  render(): void {
    if (!this.ready || !this.panel.visible) return;
    const document = this.document;
    if (!document) return;
    const lang = currentLang();
    // A large note analysed in the background: draw when it is ready rather than block the host.
    const model = this.models.peek(document);
    if (!model) {
      void this.models.whenReady(document).then((m) => m && this.schedule(0));
      return;
    }
    let range: { start: number; end: number } | undefined;
    let sectionTitle: string | undefined;
    if (this.state.scope === 'section') {
      const cursor = this.cursorOffset(document);
      const index = sectionAt(model, cursor);
      const section = model.sections[index];
      if (section) {
        range = { start: section.start, end: section.end };
        sectionTitle = section.title;
      }
    }
    const documentName = document.uri.path.split('/').pop() || document.uri.toString();
    const source = diagramSource(model, lang, range, sectionTitle ?? documentName);
    const liveCapture = this.sampler?.capture;
    const input = liveCapture ? { ...source.input, counts: { ...liveCapture.counts }, countSource: liveCountSource(liveCapture, lang) } : source.input;
    const diagram = buildDiagramModel({ ...input, showLinux: this.state.showLinux }, lang);
    const explanations: Partial<Record<StateId, string>> = {};
    for (const node of diagram.nodes) explanations[node.id] = markdownToPlainText(explainState(node.id, { lang }, { model }));
    const message: HostToWebview = {
      type: 'render',
      version: document.version,
      documentName,
      sectionTitle,
      model: diagram,
      strings: strings(),
      state: this.state,
      explanations,
      ...(snapshotSupportHere() === 'linux' ? { live: this.liveInfo() } : {}),
    };
    this.liveRenderedCounts = JSON.stringify(input.counts);
    this.lastRender = {
      uri: document.uri.toString(),
      version: document.version,
      highlighted: diagram.nodes.filter((n) => n.mentioned || n.count !== undefined).map((n) => n.id),
      counts: input.counts,
      scope: this.state.scope,
    };
    void this.panel.webview.postMessage(message);
  }

  private liveInfo(): LiveInfo {
    return { on: this.sampler !== undefined, intervalSeconds: liveIntervalSeconds(), strings: liveStrings() };
  }

  get liveOn(): boolean {
    return this.sampler !== undefined;
  }

  /** Live on/off. On a host that cannot read /proc, explains why and stays off. */
  setLive(on: boolean): boolean {
    if (on === this.liveOn) return on;
    if (!on) {
      this.sampler?.dispose();
      this.sampler = undefined;
      this.render();
      return false;
    }
    const unsupported = unsupportedMessage();
    if (unsupported) {
      void vscode.window.showWarningMessage(unsupported);
      return false;
    }
    this.sampler = new LiveSampler((capture) => this.onLiveSample(capture));
    this.render();
    if (this.panel.visible) this.sampler.resume();
    return true;
  }

  private onLiveSample(capture: Capture): void {
    if (!this.ready || !this.panel.visible) return;
    // The diagram re-renders only when the counts changed; the gauge and trends get every sample.
    if (JSON.stringify(capture.counts) !== this.liveRenderedCounts) this.render();
    this.postLiveSample();
  }

  private postLiveSample(): void {
    const sampler = this.sampler;
    const capture = sampler?.capture;
    if (!sampler || !capture) return;
    const lang = currentLang();
    const sample: LiveSample = {
      host: capture.data.host,
      time: capture.data.time.slice(11, 19),
      counts: capture.counts,
      trends: sampler.history.trends(),
      pressure: capture.pressure,
      verdict: pressureVerdict(capture.pressure, lang),
      problems: describeProblems(capture),
      intervalSeconds: liveIntervalSeconds(),
    };
    void this.panel.webview.postMessage({ type: 'liveSample', sample } satisfies HostToWebview);
  }

  /** "Freeze into note": inserts the snapshot the live view shows into the panel's note, at its cursor. */
  async freeze(): Promise<InsertResult> {
    const capture = this.sampler?.capture;
    const document = this.document;
    if (!capture || !document) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Turn Live on in the diagram first: there is no live snapshot to freeze yet.'));
      return { inserted: false, problems: [] };
    }
    let editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    editor = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const result = await insertCapture(editor, capture);
    if (result.inserted) void vscode.window.setStatusBarMessage(vscode.l10n.t('Socket snapshot inserted into {0}', document.uri.path.split('/').pop() ?? ''), 4000);
    return result;
  }

  /** For tests: the live state. */
  get liveStatus() {
    const s = this.sampler;
    return s
      ? { on: true, samples: s.samples, active: s.active, counts: s.capture?.counts, orphan: s.capture?.data.sockstat?.tcp?.orphan, level: s.capture?.pressure.level, time: s.capture?.data.time }
      : { on: false, samples: 0, active: false };
  }

  private cursorOffset(document: vscode.TextDocument): number {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    if (editor) return document.offsetAt(editor.selection.active);
    return this.lastCursor.get(document.uri.toString()) ?? 0;
  }

  /** Standalone SVG of the current view (for export and copy): plain colours, no dependency on the theme. */
  standaloneSvg(): string | undefined {
    const document = this.document;
    if (!document) return undefined;
    const lang = currentLang();
    const model = this.models.get(document);
    const name = document.uri.path.split('/').pop() || 'note';
    const source = diagramSource(model, lang, undefined, name);
    return renderDiagramSvg(buildDiagramModel({ ...source.input, showLinux: this.state.showLinux }, lang), { standaloneStyle: true });
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
    const svg = this.standaloneSvg();
    if (!svg) return;
    await this.save(new TextEncoder().encode(svg), 'svg', 'SVG');
  }

  async exportPng(): Promise<void> {
    const dataUrl = await new Promise<string>((resolve) => {
      this.pendingPng = resolve;
      void this.panel.webview.postMessage({ type: 'requestPng' } satisfies HostToWebview);
    });
    const prefix = 'data:image/png;base64,';
    if (!dataUrl.startsWith(prefix)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The diagram could not be exported as PNG.'));
      return;
    }
    const bytes = Uint8Array.from(atob(dataUrl.slice(prefix.length)), (c) => c.charCodeAt(0));
    await this.save(bytes, 'png', 'PNG');
  }

  /** Save dialog; the default file name is fixed (never taken from note text). */
  private async save(bytes: Uint8Array, ext: string, label: string): Promise<void> {
    const folder = this.document ? vscode.workspace.getWorkspaceFolder(this.document.uri)?.uri : vscode.workspace.workspaceFolders?.[0]?.uri;
    const defaultUri = folder ? vscode.Uri.joinPath(folder, `tcp-state-diagram.${ext}`) : undefined;
    const target = await vscode.window.showSaveDialog({ ...(defaultUri ? { defaultUri } : {}), filters: { [label]: [ext] } });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram saved to {0}', target.path.split('/').pop() ?? ''), 4000);
  }

  private onMessage(m: unknown): void {
    if (!isWebviewMessage(m)) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.render();
        this.postLiveSample();
        break;
      case 'reveal':
        void this.revealState(m.state);
        break;
      case 'toggleLock':
        this.setLocked(!this.state.locked);
        break;
      case 'setScope':
        this.state = { ...this.state, scope: m.scope === 'section' ? 'section' : ('note' satisfies DiagramScope) };
        this.render();
        break;
      case 'toggleLinux':
        this.state = { ...this.state, showLinux: !this.state.showLinux };
        this.render();
        break;
      case 'exportSvg':
        void this.exportSvg();
        break;
      case 'copySvg': {
        const svg = this.standaloneSvg();
        if (svg) void vscode.env.clipboard.writeText(svg).then(() => vscode.window.setStatusBarMessage(vscode.l10n.t('Diagram SVG copied'), 3000));
        break;
      }
      case 'exportPng':
        if (this.pendingPng) {
          this.pendingPng(m.dataUrl);
          this.pendingPng = undefined;
        } else void this.saveFromWebview(m.dataUrl);
        break;
      case 'error':
        console.warn(`[tcp-state-notes] diagram webview: ${m.message}`);
        break;
      case 'toggleLive':
        this.setLive(!this.liveOn);
        break;
      case 'freeze':
        void this.freeze();
        break;
    }
  }

  private async saveFromWebview(dataUrl: string): Promise<void> {
    this.pendingPng = undefined;
    const prefix = 'data:image/png;base64,';
    if (!dataUrl.startsWith(prefix)) return;
    await this.save(Uint8Array.from(atob(dataUrl.slice(prefix.length)), (c) => c.charCodeAt(0)), 'png', 'PNG');
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'media', f));
    const n = nonce();
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} blob: data:`,
      `style-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${n}'`,
    ].join('; ');
    const lang = currentLang() === 'zh-cn' ? 'zh-CN' : 'en';
    // Static skeleton only: every text from the note arrives later as data and is set with textContent.
    return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('panel.css')}">
<link rel="stylesheet" href="${media('diagram.css')}">
<title>TCP State Diagram</title>
</head>
<body>
<header class="toolbar" role="toolbar">
  <button id="btn-lock" type="button" aria-pressed="false"></button>
  <button id="btn-scope" type="button"></button>
  <button id="btn-linux" type="button" aria-pressed="false"></button>
  <button id="btn-live" type="button" aria-pressed="false" hidden></button>
  <span class="spacer"></span>
  <button id="btn-zoom-out" type="button"></button>
  <button id="btn-zoom-in" type="button"></button>
  <button id="btn-fit" type="button"></button>
  <button id="btn-export-svg" type="button"></button>
  <button id="btn-export-png" type="button"></button>
  <button id="btn-copy-svg" type="button"></button>
</header>
<h1 id="title" class="title"></h1>
<section id="live-view" class="live-view" hidden>
  <div class="live-head"><span id="live-status" class="live-status"></span><button id="btn-freeze" type="button"></button></div>
  <div id="live-gauge" class="live-gauge"></div>
  <p id="live-verdict" class="live-verdict"></p>
  <p id="live-problems" class="live-problems" hidden></p>
  <h2 id="live-trends-title" class="live-trends-title"></h2>
  <ul id="live-trends" class="live-trends"></ul>
</section>
<main id="canvas" class="canvas"></main>
<div id="explain" class="explain" role="tooltip" hidden></div>
<div id="live" class="sr-only" aria-live="polite"></div>
<ul id="state-list" class="sr-only"></ul>
<script nonce="${n}" src="${media('diagram.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    if (DiagramPanel.current === this) DiagramPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.sampler?.dispose();
    this.sampler = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}

export function registerDiagram(context: vscode.ExtensionContext, models: NoteModels): vscode.Disposable {
  const markdownDocument = (arg?: { uri?: string }): vscode.TextDocument | undefined => {
    if (arg?.uri) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.uri);
      if (doc) return doc;
    }
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'markdown' ? editor.document : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.showDiagram, async (arg?: { uri?: string; state?: StateId }) => {
      const document = markdownDocument(arg);
      if (!document) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to show its TCP state diagram.'));
        return undefined;
      }
      const panel = DiagramPanel.show(context, models, document);
      if (arg?.state) await panel.revealState(arg.state);
      return panel.documentUri;
    }),
    vscode.commands.registerCommand(COMMANDS.toggleDiagramLock, () => DiagramPanel.active?.setLocked(!DiagramPanel.active.panelState.locked)),
    vscode.commands.registerCommand(COMMANDS.exportDiagramSvg, () => DiagramPanel.active?.exportSvg()),
    vscode.commands.registerCommand(COMMANDS.exportDiagramPng, () => DiagramPanel.active?.exportPng()),
    vscode.commands.registerCommand(COMMANDS.diagramInfo, () => diagramPanelInfo()),
    vscode.commands.registerCommand(COMMANDS.toggleLive, (arg?: { on?: boolean }) => {
      const unsupported = unsupportedMessage();
      if (unsupported) {
        void vscode.window.showWarningMessage(unsupported);
        return false;
      }
      let panel = DiagramPanel.active;
      if (!panel) {
        const document = markdownDocument();
        if (!document) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Open a Markdown note to show its TCP state diagram.'));
          return false;
        }
        panel = DiagramPanel.show(context, models, document);
      }
      return panel.setLive(typeof arg?.on === 'boolean' ? arg.on : !panel.liveOn);
    }),
    vscode.commands.registerCommand(COMMANDS.freezeLiveSnapshot, async () => {
      const panel = DiagramPanel.active;
      if (!panel) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Turn Live on in the diagram first: there is no live snapshot to freeze yet.'));
        return { inserted: false, problems: [] };
      }
      return panel.freeze();
    }),
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => DiagramPanel.restore(context, models, panel, state),
    }),
    { dispose: () => DiagramPanel.active?.dispose() },
  );
}

/** For tests: the state of the open panel. */
export function diagramPanelInfo() {
  const p = DiagramPanel.active;
  return p ? { uri: p.documentUri, state: p.panelState, visible: p.panel.visible, active: p.panel.active, lastRender: p.lastRender, live: p.liveStatus } : undefined;
}

/** "live /proc, 12:03:04" — where the diagram's counts come from while Live is on. */
function liveCountSource(capture: Capture, lang: 'en' | 'zh-cn'): string {
  const time = capture.data.time.slice(11, 19);
  // Past the socket cap the counts are of the first N rows of a table: say so (issue #17).
  const cap = capture.tcp4?.truncatedAt ?? capture.tcp6?.truncatedAt;
  const more = cap === undefined ? '' : lang === 'zh-cn' ? `，已截断：超过 ${cap} 个 socket` : `, truncated: more than ${cap} sockets`;
  return lang === 'zh-cn' ? `实时 /proc/net/tcp{,6}，${time}${more}` : `live /proc/net/tcp{,6}, ${time}${more}`;
}
