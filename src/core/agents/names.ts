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
 * Context key the extension sets on activation: true where its extension host can read /proc (Linux: local, or the
 * server under Remote-SSH). capture_socket_snapshot's `when` clause in package.json names it, so chat offers the
 * tool to the model only there (a direct call elsewhere is refused with the reason).
 */
export const SNAPSHOT_CONTEXT = 'tcpStateNotes.snapshotSupported';
