/**
 * What the MCP server takes from the rest of the CLI: the agent tools' core and the note reader. dist/cli.js
 * (which has them anyway) hands this object to dist/mcp.js, so that bundle holds only the SDK and the wiring
 * in ./server.ts and `tcp-state-notes mcp` compiles the knowledge core once, not twice (startup budget).
 */
import { AGENT_INSTRUCTIONS } from '../core/agents/guidance';
import { describeValue } from '../core/agents/input';
import { catalogueResources, readCatalogueResource } from '../core/agents/resources';
import { checkTcpNote, explainTcpState, MAX_TOOL_NOTE_MB, noteOptions, requireOneNoteInput, summarizeSocketEvidence, TOOL_NAMES, ToolError } from '../core/agents/tools';
import { readNoteInRoots, rootFolders } from './notes';

export const MCP_CORE = {
  AGENT_INSTRUCTIONS,
  describeValue,
  catalogueResources,
  readCatalogueResource,
  checkTcpNote,
  explainTcpState,
  MAX_TOOL_NOTE_MB,
  noteOptions,
  requireOneNoteInput,
  summarizeSocketEvidence,
  TOOL_NAMES,
  ToolError,
  readNoteInRoots,
  rootFolders,
} as const;

export type McpCore = typeof MCP_CORE;
