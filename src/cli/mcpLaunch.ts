/**
 * Starts `tcp-state-notes mcp` from dist/mcp.js (the SDK, the wiring and the option checks; src/mcp/main.ts),
 * giving it the tool names and the instructions now and `loadCore` for the knowledge core, which it calls when
 * a tool or resource is first used. Loaded with require, not import(): Node's ESM loader would first scan the
 * whole CommonJS bundle for its exports.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AGENT_INSTRUCTIONS } from '../core/agents/guidance';
import { TOOL_NAMES } from '../core/agents/names';
import type { McpCore } from '../mcp/core';

export function launchMcp(dir: string, argv: readonly string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, loadCore: () => Promise<McpCore>): Promise<number> {
  // Late 'error' events after a closed pipe must not crash the process.
  stdout.on('error', () => {});
  stderr.on('error', () => {});
  const { runMcpCommand } = createRequire(__filename)(join(dir, 'mcp.js')) as typeof import('../mcp/main');
  return runMcpCommand(argv, stdout, stderr, { instructions: AGENT_INSTRUCTIONS, toolNames: TOOL_NAMES, load: loadCore });
}
