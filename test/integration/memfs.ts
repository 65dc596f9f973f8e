import * as vscode from 'vscode';

/**
 * A tiny in-memory file system for tests: what a virtual workspace (vscode.dev on GitHub, a remote FS) looks
 * like to an extension — a scheme other than `file`, reached only through vscode.workspace.fs.
 */
export class MemFs implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; ctime: number; mtime: number }>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;

  constructor(readonly scheme: string) {}

  /** Seeds a file without going through the workbench (no change event needed: nothing is open yet). */
  seed(path: string, text: string): vscode.Uri {
    const now = Date.now();
    this.files.set(path, { data: new TextEncoder().encode(text), ctime: now, mtime: now });
    return vscode.Uri.from({ scheme: this.scheme, path });
  }

  text(path: string): string | undefined {
    const f = this.files.get(path);
    return f ? new TextDecoder().decode(f.data) : undefined;
  }

  private isDir(path: string): boolean {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    return path === '/' || [...this.files.keys()].some((k) => k.startsWith(prefix));
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: f.ctime, mtime: f.mtime, size: f.data.byteLength };
    if (this.isDir(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = uri.path.endsWith('/') ? uri.path : `${uri.path}/`;
    const out = new Map<string, vscode.FileType>();
    for (const k of this.files.keys()) {
      if (!k.startsWith(prefix)) continue;
      const [head, ...rest] = k.slice(prefix.length).split('/');
      if (head) out.set(head, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...out];
  }

  createDirectory(): void {
    // Directories exist implicitly.
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array, options: { create: boolean; overwrite: boolean }): void {
    const existing = this.files.get(uri.path);
    if (!existing && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
    if (existing && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
    const now = Date.now();
    this.files.set(uri.path, { data: content, ctime: existing?.ctime ?? now, mtime: now });
    this.emitter.fire([{ type: existing ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  delete(uri: vscode.Uri): void {
    if (!this.files.delete(uri.path)) throw vscode.FileSystemError.FileNotFound(uri);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  rename(from: vscode.Uri, to: vscode.Uri): void {
    const f = this.files.get(from.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(from);
    this.files.delete(from.path);
    this.files.set(to.path, f);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
  }
}

/** Registers a MemFs under `scheme` (read-only when asked) and returns it with its registration. */
export function registerMemFs(scheme: string, isReadonly = false): { fs: MemFs; registration: vscode.Disposable } {
  const fs = new MemFs(scheme);
  const registration = vscode.workspace.registerFileSystemProvider(scheme, fs, { isCaseSensitive: true, isReadonly });
  return { fs, registration };
}
