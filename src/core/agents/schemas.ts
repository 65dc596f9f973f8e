/**
 * The input schemas of VS Code's language-model tools (package.json `contributes.languageModelTools`, which
 * must equal these — a unit test compares them). The MCP server declares its own inputs (`path` | `text`
 * instead of `uri` and a line range) in src/mcp/server.ts. Pure.
 */
const LANG = { type: 'string', enum: ['en', 'zh-cn'], description: 'Language of the answer; leave it out for the editor\'s language.' } as const;

const NOTE = {
  uri: {
    type: 'string',
    description: 'The Markdown note: a URI (file:///…, untitled:…) or a path relative to the workspace folder. Leave it out for the note in the active editor.',
  },
  startLine: { type: 'integer', minimum: 1, description: 'First line of the part to read (1-based, inclusive). Leave both lines out for the whole note.' },
  endLine: { type: 'integer', minimum: 1, description: 'Last line of the part to read (1-based, inclusive).' },
  lang: LANG,
} as const;

export const LM_TOOL_SCHEMAS = {
  explain_tcp_state: {
    type: 'object',
    properties: {
      term: {
        type: 'string',
        description: 'A TCP state in any spelling (FIN-WAIT-1, FIN_WAIT1, TCP_FIN_WAIT1, fin-wait-1, /proc/net/tcp hex 04), or a sysctl, nstat counter, sockstat field or kernel message (tcp_max_orphans, TcpExtTCPAbortOnMemory, orphan, "too many orphaned sockets").',
      },
      lang: LANG,
    },
    required: ['term'],
  },
  summarize_socket_evidence: { type: 'object', properties: NOTE },
  check_tcp_note: { type: 'object', properties: NOTE },
  capture_socket_snapshot: { type: 'object', properties: { lang: LANG } },
} as const;
