/** Tool names, the same in VS Code and over MCP (verb_noun). Their own module: the extension's shell registers the tools when it starts (scripts/lazySplit.mjs). */
export const TOOL_NAMES = {
  explain: 'explain_tcp_state',
  summarize: 'summarize_socket_evidence',
  check: 'check_tcp_note',
  snapshot: 'capture_socket_snapshot',
} as const;
