/**
 * Tool names, the same in VS Code and over MCP (verb_noun). A module of its own: the MCP server registers its
 * tools by name at startup and loads the tools' logic (./tools.ts) only when one is called. Pure.
 */
export const TOOL_NAMES = {
  explain: 'explain_tcp_state',
  summarize: 'summarize_socket_evidence',
  check: 'check_tcp_note',
  snapshot: 'capture_socket_snapshot',
} as const;

/**
 * Context key the extension sets on activation: true where its extension host cannot read /proc (a browser, macOS,
 * Windows). capture_socket_snapshot's `when` clause in package.json is its negation, so that before activation
 * (no key yet) chat still offers the tool — calling it activates the extension, which then answers with the
 * reason where it cannot run, and hides it from then on. A Linux host never hides it.
 */
export const SNAPSHOT_UNSUPPORTED_CONTEXT = 'tcpStateNotes.snapshotUnsupported';
