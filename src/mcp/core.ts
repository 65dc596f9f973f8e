/**
 * What the MCP server takes from the rest of the CLI: the agent tools' core and the note reader. dist/cli.js
 * (which has them anyway) hands this object to dist/mcp.js when a tool or resource is first used (see
 * cli/commands/mcp.ts), so that bundle holds only the SDK and the wiring in ./server.ts, and the knowledge core
 * is compiled once, not twice, and not before `initialize` is answered (startup budget).
 */
import { describeValue, messageLang, objectInput } from '../core/agents/input';
import { catalogueResources, readCatalogueResource } from '../core/agents/resources';
import { checkTcpNote, explainTcpState, MAX_TOOL_NOTE_MB, noteOptions, requireOneNoteInput, summarizeSocketEvidence, ToolError } from '../core/agents/tools';
import { readNoteInRoots, rootFolders } from './notes';

export const MCP_CORE = {
  describeValue,
  messageLang,
  objectInput,
  catalogueResources,
  readCatalogueResource,
  checkTcpNote,
  explainTcpState,
  MAX_TOOL_NOTE_MB,
  noteOptions,
  requireOneNoteInput,
  summarizeSocketEvidence,
  ToolError,
  readNoteInRoots,
  rootFolders,
} as const;

export type McpCore = typeof MCP_CORE;
