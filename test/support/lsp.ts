/**
 * A language-server client for tests: the BUILT CLI (`node dist/cli.js lsp --stdio`) as a child process,
 * driven over stdio with vscode-languageserver-protocol's own client connection (not code written here).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  type LogMessageParams,
  PublishDiagnosticsNotification,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
} from 'vscode-languageserver-protocol/node';
import { CLI } from './cli';
import { until } from './until';

export interface LspSession {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly initialized: InitializeResult;
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[];
  readonly messages: ShowMessageParams[];
  /** Every window/logMessage received (a handler that threw logs an Error here). */
  readonly logs: LogMessageParams[];
  /** Resolves with the exit status when the process ends. */
  readonly exited: Promise<number | null>;
  stderr(): string;
  open(uri: string, text: string, version?: number): Promise<void>;
  /** Waits for the latest diagnostics of `uri` to satisfy `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  /** shutdown + exit; resolves with the exit status. */
  close(): Promise<number | null>;
}

export interface LspOptions {
  readonly initializationOptions?: unknown;
  readonly locale?: string;
  /** The workspace folders (file: URIs) the server indexes; none by default. */
  readonly workspaceFolders?: readonly string[];
  readonly capabilities?: ClientCapabilities;
  /** Run on the connection before `initialize` is sent (what a client that skips it would do). */
  readonly beforeInitialize?: (connection: ProtocolConnection) => Promise<void>;
}

export async function startLsp(options: LspOptions = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // A test that fails half-way must not leave a server behind.
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  killer.unref();
  void exited.then(() => clearTimeout(killer));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const messages: ShowMessageParams[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => void published.push(p));
  connection.onNotification(ShowMessageNotification.type, (p) => void messages.push(p));
  const logs: LogMessageParams[] = [];
  connection.onNotification(LogMessageNotification.type, (p) => void logs.push(p));
  connection.onError(() => {});
  connection.listen();
  await options.beforeInitialize?.(connection);
  const initialized = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: options.workspaceFolders?.[0] ?? null,
    ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri, i) => ({ uri, name: `folder${i}` })) } : {}),
    capabilities: options.capabilities ?? {},
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
  });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    child,
    initialized,
    published,
    messages,
    logs,
    exited,
    stderr: () => stderr,
    open: (uri, text, version = 1) => connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version, text } }),
    diagnostics: (uri, accept = () => true) =>
      until(`diagnostics of ${uri}`, () => {
        const mine = published.filter((p) => p.uri === uri);
        const last = mine[mine.length - 1];
        return last && accept(last) ? last : undefined;
      }, 10_000, 20),
    close: async () => {
      // A server that already ended (a failed test) must not hide the first error behind "Connection is closed".
      if (child.exitCode !== null || child.signalCode !== null) {
        connection.dispose();
        return child.exitCode;
      }
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
