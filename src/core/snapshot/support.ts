/**
 * Can this extension host take a socket snapshot? It reads /proc, so it must run on Linux with Node (the
 * local host, or the remote one under Remote-SSH / WSL / containers). In a web worker host (vscode.dev,
 * github.dev) there is no /proc to read; on macOS and Windows /proc/net does not exist.
 * Pure: no `vscode`, no Node built-ins — the shell passes what it sees.
 */

export type SnapshotSupport = 'linux' | 'web' | 'not-linux';

/**
 * @param platform `process.platform` when `process` exists (a Node extension host), else
 *   undefined (a web worker has no `process`).
 */
export function snapshotSupport(platform: string | undefined): SnapshotSupport {
  if (platform === undefined || platform === 'web' || platform === 'browser') return 'web';
  return platform === 'linux' ? 'linux' : 'not-linux';
}
