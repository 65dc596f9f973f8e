import * as vscode from 'vscode';
import type { Lang } from '../core/catalogue/types';
import { langInput, objectInput, optionalString, ToolError, type ToolInput } from '../core/agents/input';
import { checkTcpNote, explainTcpState, noteOptions, snapshotToolText, summarizeSocketEvidence, type NoteToolInput, type ToolNote } from '../core/agents/tools';
import { SNAPSHOT_UNSUPPORTED_CONTEXT, TOOL_NAMES } from '../core/agents/names';
import { isMarkdownNote, NOTE_NAME } from '../core/workspace/walk';
import { captureSnapshot, snapshotInsertion, snapshotText } from '../core/snapshot';
import { COMMANDS } from './commands';
import { currentLang } from './language';
import type { NoteModels } from './noteModels';
import { describeProblems, hostCaptureOptions, readProcFile, snapshotSupportHere, unsupportedMessage } from './snapshot';

/**
 * Language-model tools (package.json `contributes.languageModelTools`): the agent in VS Code's chat calls them
 * instead of answering from memory. The logic and texts are the core's (src/core/agents, shared with the MCP
 * server); this file finds the note (the active editor's, or one by URI), asks before reading /proc, and turns
 * a ToolError into the thrown Error VS Code hands back to the model. No tool changes a note.
 */

const NOTE_KEYS = ['uri', 'startLine', 'endLine', 'lang'] as const;

/** Runs core logic; a ToolError becomes an Error the model reads (the message says what to send instead). */
function run<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ToolError) throw new Error(e.message);
    throw e;
  }
}

function result(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
}

/** The note a summarize / check call names: `uri` (URI or workspace-relative path), else the active editor's. */
async function targetNote(o: ToolInput): Promise<vscode.TextDocument> {
  const given = run(() => optionalString(o, 'uri', currentLang()))?.trim();
  if (!given) {
    const doc = vscode.window.activeTextEditor?.document;
    if (doc?.languageId === 'markdown') return doc;
    const visible = vscode.window.visibleTextEditors.filter((e) => e.document.languageId === 'markdown');
    if (visible.length === 1) return (visible[0] as vscode.TextEditor).document;
    throw new Error(
      vscode.l10n.t('No Markdown note is active in the editor. Ask the user to open the note, or pass its URI or workspace-relative path in `uri`.'),
    );
  }
  let uri: vscode.Uri;
  if (/^[a-z][a-z0-9+.-]+:/i.test(given) && !/^[a-z]:[\\/]/i.test(given)) uri = vscode.Uri.parse(given, true);
  else if (given.startsWith('/') || /^[a-z]:[\\/]/i.test(given)) uri = vscode.Uri.file(given);
  else {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error(vscode.l10n.t('`uri` {0} is a relative path, but no folder is open; pass a full URI (file:///…).', JSON.stringify(given)));
    uri = vscode.Uri.joinPath(folder.uri, given);
  }
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  // A note the editor has open, or a Markdown file inside a workspace folder: nothing else is opened (a model's
  // `../../x.md` or a path elsewhere on the machine is refused before it is read).
  if (!open) {
    if (!NOTE_NAME.test(uri.path)) {
      throw new Error(vscode.l10n.t('{0} is not a Markdown note; these tools read Markdown notes (.md) only.', uri.toString()));
    }
    if (!vscode.workspace.getWorkspaceFolder(uri)) {
      throw new Error(
        vscode.l10n.t('{0} is outside the workspace folders; these tools read notes inside the workspace or open in the editor. Ask the user to open it.', uri.toString()),
      );
    }
  }
  let doc: vscode.TextDocument;
  try {
    doc = open ?? (await vscode.workspace.openTextDocument(uri));
  } catch (e) {
    throw new Error(vscode.l10n.t('Cannot open {0}: {1}. Check the path (workspace-relative or a full URI).', uri.toString(), e instanceof Error ? e.message : String(e)));
  }
  if (!isMarkdownNote(doc.uri.path, doc.languageId)) {
    throw new Error(vscode.l10n.t('{0} is not a Markdown note; these tools read Markdown notes (.md) only.', vscode.workspace.asRelativePath(doc.uri)));
  }
  return doc;
}

async function noteFor(models: NoteModels, o: ToolInput): Promise<{ note: ToolNote; options: NoteToolInput }> {
  const options = run(() => noteOptions(o, currentLang()));
  const doc = await targetNote(o);
  // The editor's size cap for the note (the tools refuse a larger one, as the editor analyses none).
  const maxMB = vscode.workspace.getConfiguration('tcpStateNotes', doc).get<number>('maxNoteSizeMB', 20);
  const note: ToolNote = { text: doc.getText(), name: vscode.workspace.asRelativePath(doc.uri), ...(options.range ? {} : { model: models.get(doc) }) };
  return { note, options: { ...options, maxMB } };
}

function inputOf(options: { input: unknown }, keys: readonly string[]): ToolInput {
  return run(() => objectInput(options.input, keys, currentLang()));
}

/** What a tool's prepareInvocation answered, as plain text (the test hook's answer). */
export interface ToolInvocationInfo {
  readonly invocationMessage?: string;
  readonly confirmation?: { readonly title: string; readonly message: string };
}

const plain = (m: string | vscode.MarkdownString | undefined): string | undefined => (typeof m === 'string' || m === undefined ? m : m.value);

export function registerAgentTools(models: NoteModels, testHooks = false): vscode.Disposable {
  // Hosts without the language-model API (older or stripped-down builds) simply get no tools.
  if (typeof vscode.lm?.registerTool !== 'function') return new vscode.Disposable(() => {});
  const explain: vscode.LanguageModelTool<{ term?: string; lang?: string }> = {
    prepareInvocation: (options) => ({ invocationMessage: vscode.l10n.t('Explaining {0}', String(options.input?.term ?? '').slice(0, 80)) }),
    invoke: (options) => result(run(() => explainTcpState(options.input, currentLang()))),
  };
  const summarize: vscode.LanguageModelTool<ToolInput> = {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Summarizing the socket evidence in the note') }),
    invoke: async (options) => {
      const { note, options: o } = await noteFor(models, inputOf(options, NOTE_KEYS));
      return result(run(() => summarizeSocketEvidence(note, o)));
    },
  };
  const check: vscode.LanguageModelTool<ToolInput> = {
    prepareInvocation: () => ({ invocationMessage: vscode.l10n.t('Checking the note for state-name typos and wrong claims') }),
    invoke: async (options) => {
      const { note, options: o } = await noteFor(models, inputOf(options, NOTE_KEYS));
      return result(run(() => checkTcpNote(note, o)).text);
    },
  };
  const snapshot: vscode.LanguageModelTool<ToolInput> = {
    prepareInvocation: () => ({
      invocationMessage: vscode.l10n.t('Reading socket counts from /proc'),
      confirmationMessages: {
        title: vscode.l10n.t('Capture a socket snapshot?'),
        message: new vscode.MarkdownString(
          vscode.l10n.t(
            'Reads socket counts, the TCP tables and the orphan-related sysctls from /proc on the machine where the extension host runs, and gives them to the chat. Nothing is written and no note is changed.',
          ),
        ),
      },
    }),
    invoke: async (options) => {
      const lang: Lang = run(() => langInput(inputOf(options, ['lang']), currentLang()));
      const unsupported = unsupportedMessage();
      if (unsupported) throw new Error(unsupported);
      const capture = await captureSnapshot(readProcFile, new Date(), hostCaptureOptions());
      if (capture.empty) throw new Error(vscode.l10n.t('No socket numbers could be read from /proc ({0}).', describeProblems(capture).join('; ')));
      return result(snapshotToolText(snapshotInsertion(snapshotText(capture, lang), ''), capture.data.time, describeProblems(capture), lang));
    },
  };
  // The snapshot tool's `when` clause (package.json): not offered to the model where this extension host cannot
  // read /proc (only Linux can: local, or the server under Remote-SSH). Its invoke still explains itself there.
  void vscode.commands.executeCommand('setContext', SNAPSHOT_UNSUPPORTED_CONTEXT, snapshotSupportHere() !== 'linux');
  const tools: Record<string, vscode.LanguageModelTool<never>> = {
    [TOOL_NAMES.explain]: explain,
    [TOOL_NAMES.summarize]: summarize,
    [TOOL_NAMES.check]: check,
    [TOOL_NAMES.snapshot]: snapshot,
  };
  // Tests only: vscode.lm.invokeTool outside a chat request skips prepareInvocation, so the confirmation the
  // snapshot tool asks for is read through this hook.
  const info = testHooks
    ? vscode.commands.registerCommand(COMMANDS.toolInvocationInfo, async (name: string, input: object): Promise<ToolInvocationInfo | undefined> => {
        const prepared = await tools[name]?.prepareInvocation?.({ input: input as never }, new vscode.CancellationTokenSource().token);
        if (!prepared) return undefined;
        const c = prepared.confirmationMessages;
        return { invocationMessage: plain(prepared.invocationMessage), ...(c ? { confirmation: { title: plain(c.title) ?? '', message: plain(c.message) ?? '' } } : {}) };
      })
    : new vscode.Disposable(() => {});
  return vscode.Disposable.from(info, ...Object.entries(tools).map(([name, tool]) => vscode.lm.registerTool(name, tool)));
}
