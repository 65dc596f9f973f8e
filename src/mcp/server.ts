/**
 * The MCP server of `tcp-state-notes mcp`, on the official SDK: the tools explain_tcp_state,
 * summarize_socket_evidence and check_tcp_note (the same core functions and texts as VS Code's
 * language-model tools, src/core/agents/tools.ts) and the catalogue as resources. Reads only Markdown notes
 * inside the client's roots (./notes.ts); never writes a file, never starts a process. The core comes in through
 * `parts.load` (./core.ts, called when a tool or resource is first used): this module imports only types from
 * it, so dist/mcp.js holds the SDK and this wiring, and `initialize` is answered before the core is compiled.
 */
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { McpError, RootsListChangedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { pathToFileURL } from 'node:url';
import * as z from 'zod/v4';
import type { TOOL_NAMES as TOOL_NAME_TYPE } from '../core/agents/names';
import type { ToolNote } from '../core/agents/tools';
import type { McpCore } from './core';
import { OFF_THREAD_CHARS, offThreadNote, type OffThreadRunner } from './offThread';

/** The error code the MCP specification gives an unknown resource (the SDK has no name for it). */
const RESOURCE_NOT_FOUND = -32002;

export interface McpOptions {
  readonly version: string;
  /** Where relative paths and a client without roots lead (the process's working directory). */
  readonly cwd: string;
  readonly maxNoteSizeMB?: number;
  /** Runs a call on a large note in a worker thread (./offThread.ts); without it every call runs in the thread. */
  readonly offThread?: OffThreadRunner;
}

/** What the server needs from the knowledge core: the names and instructions at once, the rest on first use. */
export interface McpParts {
  readonly instructions: string;
  readonly toolNames: typeof TOOL_NAME_TYPE;
  readonly load: () => Promise<McpCore>;
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const LANG = z.string().optional().describe('Language of the answer: "en" (default) or "zh-cn".');
/**
 * Loose objects: a property the schema does not name reaches the tool, which refuses it with the names it takes
 * (core/agents/input.ts objectInput, as the VS Code tools do) instead of the SDK dropping it unseen.
 */
const NOTE_INPUT = z.looseObject({
  path: z.string().optional().describe("Path of a Markdown note (.md, .markdown) inside the client's roots, or its file:// URI; relative paths start at the first root. Give this or `text`."),
  text: z.string().optional().describe("The note's Markdown itself (pasted ss/netstat/sockstat/nstat output and prose). Give this or `path`."),
  lang: LANG,
});
const NOTE_KEYS = ['path', 'text', 'lang'];

function ok(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A ToolError becomes a tool result with isError (the model reads and corrects it); anything else is a bug. */
async function guarded(load: () => Promise<McpCore>, run: (core: McpCore) => string | Promise<string>): Promise<CallToolResult> {
  const core = await load();
  try {
    return ok(await run(core));
  } catch (e) {
    if (e instanceof core.ToolError) return { isError: true, content: [{ type: 'text', text: e.message }] };
    throw e;
  }
}

export function createMcpServer(options: McpOptions, parts: McpParts): McpServer {
  const TOOL_NAMES = parts.toolNames;
  let loading: Promise<McpCore> | undefined;
  const load = (): Promise<McpCore> => (loading ??= parts.load());
  const guard = (run: (core: McpCore) => string | Promise<string>) => guarded(load, run);
  const server = new McpServer({ name: 'tcp-state-notes', title: 'TCP State Notes', version: options.version }, { capabilities: { resources: {}, tools: {} }, instructions: parts.instructions });

  // The client's roots, asked once and again after notifications/roots/list_changed.
  let roots: Promise<string[]> | undefined;
  const currentRoots = ({ rootFolders, ToolError }: McpCore): Promise<string[]> => {
    roots ??= (async () => {
      if (!server.server.getClientCapabilities()?.roots) return rootFolders([pathToFileURL(options.cwd).href]);
      let listed: Awaited<ReturnType<typeof server.server.listRoots>>;
      try {
        listed = await server.server.listRoots();
      } catch (e) {
        // Not kept: the next call asks again. No file is read without the roots (never the working directory
        // instead: a client that declares roots has said where reading is allowed).
        roots = undefined;
        // One line (a validation error's message is pretty-printed JSON over many lines), at most 200 characters.
        const why = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim().slice(0, 200);
        throw new ToolError(
          `The client declares roots but its roots/list request failed (${why}), so no file can be read. Send the note's Markdown in \`text\` instead, or ask the user to check the client's roots (file:// folders).`,
        );
      }
      // An empty list shares no folder: nothing is read (never the working directory instead).
      return rootFolders(listed.roots.map((r) => r.uri));
    })();
    return roots;
  };
  server.server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
    roots = undefined;
  });

  const note = async (core: McpCore, input: { path?: string | undefined; text?: string | undefined }, lang: Parameters<McpCore['requireOneNoteInput']>[1]): Promise<ToolNote> => {
    core.requireOneNoteInput([input.path !== undefined ? 'path' : '', input.text !== undefined ? 'text' : ''].filter(Boolean), lang);
    if (input.text !== undefined) return { text: input.text, name: 'text' };
    return core.readNoteInRoots(input.path as string, await currentRoots(core), maxMB(core));
  };
  /** A note analysed off the server's thread (when a runner is given). */
  const large = (n: ToolNote): boolean => options.offThread !== undefined && n.text.length >= OFF_THREAD_CHARS;
  const offThread = (core: McpCore, call: Parameters<OffThreadRunner>[0], signal: AbortSignal): Promise<string> =>
    (options.offThread as OffThreadRunner)(call, signal, (message) => new core.ToolError(message));
  /** `--max-note-size-mb`: the cap on a file read and on any note analysed, a path's or a `text`. */
  const maxMB = (core: McpCore): number => options.maxNoteSizeMB ?? core.MAX_TOOL_NOTE_MB;

  server.registerTool(
    TOOL_NAMES.explain,
    {
      title: 'Explain a TCP state or term',
      description:
        'Explains a TCP state in any spelling (FIN-WAIT-1, FIN_WAIT1, TCP_FIN_WAIT1, fin-wait-1, /proc/net/tcp hex 04, ss keywords like "synrecv" or aggregates like "connected"), or a sysctl, nstat counter, sockstat field or kernel message about TCP sockets: what it means, whether a socket there can be an orphan and what ends it, the tunables, counters and commands to check, with kernel and RFC sources. Use it before stating any fact about a TCP state or orphan sockets. Not for analysing a note: use summarize_socket_evidence or check_tcp_note.',
      inputSchema: z.looseObject({ term: z.string().describe('The state or term, in any spelling, e.g. "FIN_WAIT1", "tcp_max_orphans", "TcpExtTCPAbortOnMemory", "too many orphaned sockets".'), lang: LANG }),
      annotations: READ_ONLY,
    },
    (args) => guard((core) => core.explainTcpState(args, core.messageLang(args))),
  );

  server.registerTool(
    TOOL_NAMES.summarize,
    {
      title: 'Summarize the socket evidence in a note',
      description:
        'Reads the ss, netstat, /proc/net/tcp, sockstat, nstat and sysctl output pasted in a Markdown note and reports per-state socket counts, per-connection detail (peers, networks, timers, Send-Q, retransmits), the timeline and trend of orphans against tcp_max_orphans, the likely causes with what to check and change, wrong claims, and sources. Use it when asked what a note\'s evidence shows or why sockets pile up in a state. Not for a single term (explain_tcp_state).',
      inputSchema: NOTE_INPUT,
      annotations: READ_ONLY,
    },
    (args, extra) =>
      guard(async (core) => {
        const options = core.noteOptions(core.objectInput(args, NOTE_KEYS, core.messageLang(args)), 'en');
        const input = { ...options, maxMB: maxMB(core) };
        const n = await note(core, args, options.lang);
        return large(n) ? offThread(core, { tool: 'summarize', note: offThreadNote(n), input }, extra.signal) : core.summarizeSocketEvidence(n, input);
      }),
  );

  server.registerTool(
    TOOL_NAMES.check,
    {
      title: 'Check a TCP note for typos and wrong claims',
      description:
        'Finds look-alikes of TCP state names (FIN_WAIT3, TIME_WAITE, CLOSE_WIAT) with the correct name in the note\'s own spelling, and known wrong claims (TIME-WAIT lasts 4 minutes, tcp_fin_timeout shortens TIME-WAIT, TIME-WAIT sockets are orphans, enable tcp_tw_recycle) with the correct fact and its source; lines and columns 1-based. Use it to review or fix a note. Does not change the note.',
      inputSchema: NOTE_INPUT,
      annotations: READ_ONLY,
    },
    (args, extra) =>
      guard(async (core) => {
        const options = core.noteOptions(core.objectInput(args, NOTE_KEYS, core.messageLang(args)), 'en');
        const input = { ...options, maxMB: maxMB(core) };
        const n = await note(core, args, options.lang);
        return large(n) ? offThread(core, { tool: 'check', note: offThreadNote(n), input }, extra.signal) : core.checkTcpNote(n, input).text;
      }),
  );

  for (const kind of ['state', 'term', 'misconception'] as const) {
    server.registerResource(
      `tcp-${kind}`,
      new ResourceTemplate(`tcp-state-notes://${kind}/{id}`, {
        list: async () => ({ resources: (await load()).catalogueResources().filter((r) => r.uri.startsWith(`tcp-state-notes://${kind}/`)) }),
      }),
      { title: kind === 'state' ? 'TCP states' : kind === 'term' ? 'Sysctls, counters, sockstat fields, kernel messages' : 'Wrong claims and the facts', mimeType: 'text/markdown' },
      async (uri) => {
        const core = await load();
        const found = core.readCatalogueResource(uri.href);
        // MCP's "Resource not found" code (-32002), with what to do.
        if (!found) throw new McpError(RESOURCE_NOT_FOUND, `Unknown resource ${core.describeValue(uri.href)}: list the resources for the catalogue's URIs.`);
        return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: found.text }] };
      },
    );
  }
  return server;
}
