/**
 * `tcp-state-notes lsp --stdio`: the language server for Markdown notes. A thin adapter: hovers
 * (core/noteHover), diagnostics and quick fixes (core/check/noteDiagnostics), document symbols for evidence
 * blocks (core/note/evidenceNames), over the per-document model cache (core/note/documents), and workspace
 * symbols and references from the core workspace index (workspace.ts) — the same core functions the VS Code
 * providers adapt. Positions are UTF-16 (the LSP default, and the core's offsets).
 */
import {
  CodeActionKind,
  type CancellationToken,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  SymbolKind,
  TextDocumentSyncKind,
  type Connection,
  type DocumentSymbol,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  type Position,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { Lang } from '../core/catalogue/types';
import { misconceptionRuleText } from '../core/check/misconceptions';
import { explainMisconception } from '../core/knowledge/explainMisconception';
import type { RemoteAnalyser } from '../core/note/documents';
import { evidenceSymbols } from '../core/note/evidenceNames';
import type { WorkerPort } from '../core/note/workerPool';
import { noteHover, waitForHoverEvidence } from '../core/noteHover';
import { isMarkdownNote } from '../core/workspace/walk';
import { EXPLAIN_MISCONCEPTION, NoteDiagnosticsPublisher } from './diagnostics';
import { IdleQueue } from './idle';
import { OpenNotes } from './notes';
import { isChangeParams, isCloseParams, isOpenParams, requireDiagnostics, requireDocument, requireString } from './params';
import { DEFAULT_SETTINGS, langOf, readSettings, type LspSettings } from './settings';
import { folderPaths, LspWorkspace } from './workspace';

export const SERVER_NAME = 'tcp-state-notes';
/** Quiet time after the last client message before background work runs (idle.ts). */
const IDLE_MS = 200;

export function capabilities(): ServerCapabilities {
  return {
    positionEncoding: 'utf-16',
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    documentSymbolProvider: { label: 'TCP State Notes' },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    executeCommandProvider: { commands: [EXPLAIN_MISCONCEPTION] },
    workspaceSymbolProvider: true,
    referencesProvider: true,
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}

/** Wires the handlers onto a connection (the caller calls `connection.listen()`). */
export function serveNotes(connection: Connection, version: string, remote?: RemoteAnalyser, indexWorkers?: { readonly spawn: () => WorkerPort<unknown>; readonly size: number }): void {
  let settings: LspSettings = DEFAULT_SETTINGS;
  let locale: string | undefined;
  const lang = (): Lang => langOf(settings, locale);
  const notes = new OpenNotes({ maxLength: () => settings.maxNoteSizeMB * 1024 * 1024, ...(remote ? { remote } : {}) });
  const diagnostics = new NoteDiagnosticsPublisher({
    notes,
    lang,
    enabled: () => settings.diagnostics,
    publish: (uri, v, list) => void connection.sendDiagnostics({ uri, ...(v > 0 ? { version: v } : {}), diagnostics: list }),
  });
  // Work nobody waits for (an opened note's workspace-index entry) runs when no client message came for a
  // while and no note is being analysed.
  const idle = new IdleQueue({ quietMs: IDLE_MS, busy: () => notes.all().some((d) => notes.cache.info(d).state === 'analysing') });
  const workspace = new LspWorkspace(notes, (work) => idle.run(work), indexWorkers);
  let watchFiles = false;
  let folderEvents = false;
  // After `shutdown` the protocol wants every request but `exit` refused with InvalidRequest.
  let shutDown = false;
  // `initialize` comes once: a second one would start the workspace index again over the first.
  let initialized = false;
  /** Every request but initialize and shutdown: LSP's ServerNotInitialized before initialize, InvalidRequest after shutdown. */
  const unlessShutDown = <T>(answer: () => T): T => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized: send initialize first');
    if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the server is shut down: only exit is accepted');
    return answer();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    if (initialized) throw new ResponseError(ErrorCodes.InvalidRequest, 'initialize was already received');
    initialized = true;
    locale = params.locale;
    settings = readSettings(params.initializationOptions);
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    workspace.start(params);
    return { capabilities: capabilities(), serverInfo: { name: SERVER_NAME, version } };
  });

  connection.onInitialized(() => {
    // The analysis worker loads while the client sends its first note (not when that note asks for it); a no-op
    // when the host started it already (cli/commands/lsp.ts does, at process start).
    remote?.prestart?.();
    // Until the first note comes, that worker analyses made-up notes, so that its code is compiled by then.
    remote?.warmUp?.();
    // Clients that cannot register watchers may still send didChangeWatchedFiles; both are handled below.
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => workspace.foldersChanged(folderPaths(added), folderPaths(removed)));
    if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{md,markdown}' }] }).catch(() => undefined);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => void workspace.watched(changes));

  connection.onDidChangeConfiguration(({ settings: changed }) => {
    const next = readSettings(changed, settings);
    const resized = next.maxNoteSizeMB !== settings.maxNoteSizeMB;
    settings = next;
    if (resized) notes.reset();
    diagnostics.refreshAll();
  });

  // Markdown notes only: a client that also attaches the server to other files (a script, a config) gets nothing for them.
  // Notifications with parameters that lack what is read are dropped (params.ts).
  connection.onDidOpenTextDocument((params) => {
    if (!isOpenParams(params)) return;
    const d = params.textDocument;
    if (!isMarkdownNote(d.uri.replace(/[?#].*$/, ''), d.languageId)) return;
    idle.handle(() => diagnostics.schedule(notes.open(d.uri, d.languageId, d.version, d.text), 0));
  });
  connection.onDidChangeTextDocument((params) => {
    if (!isChangeParams(params)) return;
    const { textDocument: d, contentChanges } = params;
    idle.handle(() => {
      const document = notes.change(d.uri, d.version, contentChanges);
      if (document) diagnostics.schedule(document);
    });
  });
  connection.onDidCloseTextDocument((params) => {
    if (!isCloseParams(params)) return;
    const d = params.textDocument;
    notes.close(d.uri);
    diagnostics.closed(d.uri);
  });

  const hoverAt = async (uri: string, position: Position, token: CancellationToken): Promise<Hover | null> => {
    const document = notes.get(uri);
    if (!document || !settings.hover) return null;
    // Never blocks: a large note still being analysed answers from the hovered line.
    const model = notes.forHover(document, position.line, position.character);
    const offset = document.offsetAt(position);
    // A state's hover on a note the worker analysed waits for the worker's evidence analysis (its summary lines)
    // rather than read the note's listings again here; an edit meanwhile starts the hover over.
    const version = document.version;
    if (await waitForHoverEvidence(model, offset)) {
      if (token.isCancellationRequested || notes.get(uri) !== document) return null;
      if (document.version !== version) return hoverAt(uri, position, token);
    }
    const hover = noteHover(model, offset, { lang: lang(), kernelVersion: settings.kernelVersion });
    if (!hover) return null;
    return { contents: { kind: 'markdown', value: hover.markdown }, range: { start: document.positionAt(hover.start), end: document.positionAt(hover.end) } };
  };
  connection.onHover((params, token): Promise<Hover | null> =>
    unlessShutDown(() => {
      requireDocument('textDocument/hover', params, true);
      return idle.during(hoverAt(params.textDocument.uri, params.position, token));
    }),
  );

  // A request the client waits for: background work waits until it is answered (idle.ts).
  const documentSymbols = async (uri: string, token: CancellationToken): Promise<DocumentSymbol[]> => {
    const document = notes.get(uri);
    if (!document) return [];
    const model = notes.cache.peek(document) ?? (await notes.cache.whenReady(document, token));
    if (!model || token.isCancellationRequested || notes.get(uri) !== document) return [];
    return evidenceSymbols(model, lang()).map((s) => {
      const range = { start: document.positionAt(s.start), end: document.positionAt(s.end) };
      return { name: s.name, detail: s.detail, kind: SymbolKind.Event, range, selectionRange: { start: range.start, end: document.positionAt(s.selectionEnd) } };
    });
  };

  connection.onDocumentSymbol((params, token): Promise<DocumentSymbol[]> =>
    unlessShutDown(() => {
      requireDocument('textDocument/documentSymbol', params);
      return idle.during(documentSymbols(params.textDocument.uri, token));
    }),
  );

  connection.onReferences((params) =>
    unlessShutDown(() => {
      requireDocument('textDocument/references', params, true);
      return idle.during(workspace.references(params.textDocument.uri, params.position));
    }),
  );
  connection.onWorkspaceSymbol((params) =>
    unlessShutDown(() => {
      requireString('workspace/symbol', params, 'query');
      return idle.during(workspace.symbols(params.query, lang()));
    }),
  );

  connection.onCodeAction((params) =>
    unlessShutDown(() => {
      requireDocument('textDocument/codeAction', params);
      requireDiagnostics('textDocument/codeAction', params);
      return idle.handle(() => {
        const document = notes.get(params.textDocument.uri);
        return document ? diagnostics.codeActions(document, params.context.diagnostics) : [];
      });
    }),
  );

  // A claim's quick fix: the wrong claim and the fact as a message (what every client shows), and the full
  // explanation (Markdown, with sources) as the command's result for clients that use it.
  const explainClaim = (command: string, args: readonly unknown[] | undefined): string | null => {
    if (command !== EXPLAIN_MISCONCEPTION) throw new ResponseError(ErrorCodes.InvalidParams, `workspace/executeCommand: unknown command ${JSON.stringify(command.slice(0, 80))}`);
    const rule = typeof args?.[0] === 'string' ? args[0] : '';
    const short = misconceptionRuleText(rule, lang());
    const text = explainMisconception(rule, lang());
    if (!short || !text) return null;
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: `${short.claim} — ${short.fact}` });
    return text;
  };
  connection.onExecuteCommand((params) =>
    unlessShutDown(() => {
      requireString('workspace/executeCommand', params, 'command');
      return explainClaim(params.command, params.arguments);
    }),
  );

  connection.onShutdown(() => {
    shutDown = true;
    idle.dispose();
    diagnostics.dispose();
    workspace.stop();
    notes.reset();
  });
}
