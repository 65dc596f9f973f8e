/**
 * Entry of dist/mcpToolWorker.js: one MCP tool call on a large note, in a worker thread (./offThread.ts), so the
 * server's thread keeps answering pings and cancellations while the note is analysed. Runs the same core tool
 * functions as the in-thread path and posts back the text, a tool error's message, or a failure.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkTcpNote, summarizeSocketEvidence, ToolError } from '../core/agents/tools';
import type { OffThreadCall, OffThreadReply } from './offThread';

const call = workerData as OffThreadCall;
let reply: OffThreadReply;
try {
  reply = { text: call.tool === 'summarize' ? summarizeSocketEvidence(call.note, call.input) : checkTcpNote(call.note, call.input).text };
} catch (e) {
  reply = e instanceof ToolError ? { toolError: e.message } : { failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
}
parentPort?.postMessage(reply);
