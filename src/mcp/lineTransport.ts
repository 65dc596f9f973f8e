/**
 * The MCP server's stdio transport: newline-delimited JSON-RPC messages, as the SDK's StdioServerTransport reads
 * them, except that bad input does not end the session. A message over the size limit is discarded as it arrives
 * (never held whole) and answered with a JSON-RPC error when its id can be known from its first and last bytes —
 * logged on standard error when not (a notification, a response, a cut line); a line that is no JSON-RPC message
 * is logged. The next messages are served. Chunks are joined once per message (no copy per chunk).
 */
import type { Readable, Writable } from 'node:stream';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/** A JSON-RPC message may carry a whole note as `text`: room for the size cap, escaped. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** Bytes kept of each end of a discarded message, to find its id and whether it is a request. */
const KEPT = 4096;
/** JSON-RPC's code for a message that is no valid request. */
const INVALID_REQUEST = -32600;

export interface LineTransportOptions {
  /** The largest message read, in bytes (without its newline). */
  readonly maxMessageBytes?: number;
  /** Writes one line of diagnostics (standard error). */
  readonly log: (line: string) => void;
}

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly max: number;
  private parts: Buffer[] = [];
  private size = 0;
  /** Bytes of the message being discarded (0: none), its first KEPT bytes and its last ones. */
  private dropped = 0;
  private head: Buffer = Buffer.alloc(0);
  private tail: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    private readonly options: LineTransportOptions,
  ) {
    this.max = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  }

  private readonly onData = (chunk: Buffer | string): void => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let from = 0;
    while (from < data.length) {
      const nl = data.indexOf(10, from);
      this.take(data.subarray(from, nl < 0 ? data.length : nl));
      if (nl < 0) break;
      this.endLine();
      from = nl + 1;
    }
  };

  private readonly onError = (error: Error): void => {
    this.onerror?.(error);
  };

  async start(): Promise<void> {
    if (this.started) throw new Error('LineTransport already started');
    this.started = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onError);
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.parts = [];
    this.size = 0;
    this.dropped = 0;
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(serializeMessage(message))) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  /** A piece of the current line: kept, or counted (and its ends kept) once the line is over the limit. */
  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.dropped > 0) {
      this.dropped += piece.length;
      this.tail = lastBytes([this.tail, piece]);
      return;
    }
    // One byte more is held: a line may end with a CR, which is no part of the message (endLine judges).
    if (this.size + piece.length <= this.max + 1) {
      this.parts.push(piece);
      this.size += piece.length;
      return;
    }
    const all = [...this.parts, piece];
    this.head = Buffer.concat(all.slice(0, firstPartsOf(all, KEPT))).subarray(0, KEPT);
    this.tail = lastBytes(all);
    this.dropped = this.size + piece.length;
    this.parts = [];
    this.size = 0;
  }

  private endLine(): void {
    if (this.dropped > 0) {
      const bytes = this.dropped;
      this.dropped = 0;
      this.refuse(bytes, this.head.toString('utf8'), this.tail.toString('utf8'));
      this.head = this.tail = Buffer.alloc(0);
      return;
    }
    const last = this.parts[this.parts.length - 1];
    if (this.size - (last !== undefined && last[last.length - 1] === 13 ? 1 : 0) > this.max) {
      // max + 1 bytes and no CR: over the limit by its last byte.
      const bytes = this.size;
      const [head, tail] = [Buffer.concat(this.parts.slice(0, firstPartsOf(this.parts, KEPT))).subarray(0, KEPT), lastBytes(this.parts)];
      this.parts = [];
      this.size = 0;
      this.refuse(bytes, head.toString('utf8'), tail.toString('utf8'));
      return;
    }
    const line = Buffer.concat(this.parts, this.size).toString('utf8').replace(/\r$/, '');
    this.parts = [];
    this.size = 0;
    if (line.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line);
    } catch (e) {
      this.options.log(`tcp-state-notes mcp: ignored a line that is no JSON-RPC message (${(e as Error)?.message?.split('\n')[0] ?? String(e)})`);
      this.onerror?.(e as Error);
      return;
    }
    this.onmessage?.(message);
  }

  /** A message over the limit: a JSON-RPC error to its id when it is a request whose id shows, else a log line. */
  private refuse(bytes: number, head: string, tail: string): void {
    const text = `discarded a message of ${bytes} bytes, over the size limit of ${this.max} bytes`;
    const id = requestId(head, tail);
    if (id === undefined) {
      this.options.log(`tcp-state-notes mcp: ${text}; no request id to answer`);
      return;
    }
    void this.send({ jsonrpc: '2.0', id, error: { code: INVALID_REQUEST, message: text } } as JSONRPCMessage);
  }
}

/** How many of `parts`, from the first, hold at least `n` bytes (all of them when they hold fewer). */
function firstPartsOf(parts: readonly Buffer[], n: number): number {
  let bytes = 0;
  for (let i = 0; i < parts.length; i++) {
    bytes += (parts[i] as Buffer).length;
    if (bytes >= n) return i + 1;
  }
  return parts.length;
}

/** The last KEPT bytes of the parts joined (only the parts needed are copied). */
function lastBytes(parts: readonly Buffer[]): Buffer {
  const kept: Buffer[] = [];
  let bytes = 0;
  for (let i = parts.length - 1; i >= 0 && bytes < KEPT; i--) {
    kept.unshift(parts[i] as Buffer);
    bytes += (parts[i] as Buffer).length;
  }
  const all = Buffer.concat(kept);
  return all.subarray(Math.max(0, all.length - KEPT));
}

/** The top-level member just before the object's closing brace at the end of a line: `,"id":7}`. */
const LAST_ID = /[,{][ \t]*"id"[ \t]*:[ \t]*(-?\d{1,20}|"(?:[^"\\\r\n]|\\.){0,256}")[ \t]*\}[ \t\r]*$/;

/**
 * The id of a request from the ends of its text, or undefined: a top-level `"id"` among the members the first
 * bytes hold whole, or the last member (the SDK's client writes `id` last). Not a request when a top-level
 * `result` or `error` key shows (a response), or no `method` key and no `params` key does (nothing to answer).
 */
export function requestId(head: string, tail: string): RequestId | undefined {
  const seen = topLevelMembers(head);
  if (seen.keys.has('result') || seen.keys.has('error')) return undefined;
  let id = seen.id;
  if (id === undefined) {
    const m = LAST_ID.exec(tail);
    if (m) id = JSON.parse(m[1] as string) as RequestId;
  }
  if (id === undefined || (typeof id === 'number' && !Number.isSafeInteger(id))) return undefined;
  return seen.keys.has('method') || seen.keys.has('params') ? id : undefined;
}

/** The top-level keys of a JSON object's start (those whose name is whole) and its `id`, when its value is whole. */
function topLevelMembers(text: string): { keys: Set<string>; id?: RequestId } {
  const keys = new Set<string>();
  let i = skipBlanks(text, 0);
  if (text[i] !== '{') return { keys };
  i++;
  for (;;) {
    i = skipBlanks(text, i);
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return { keys };
    let key: string;
    try {
      key = JSON.parse(text.slice(i, keyEnd)) as string;
    } catch {
      return { keys };
    }
    keys.add(key);
    i = skipBlanks(text, keyEnd);
    if (text[i] !== ':') return { keys };
    i = skipBlanks(text, i + 1);
    const valueEnd = jsonValueEnd(text, i);
    if (valueEnd < 0) return { keys };
    if (key === 'id') {
      try {
        const v = JSON.parse(text.slice(i, valueEnd)) as unknown;
        if (typeof v === 'string' || typeof v === 'number') return { keys: restKeys(text, valueEnd, keys), id: v };
      } catch {
        return { keys };
      }
    }
    i = skipBlanks(text, valueEnd);
    if (text[i] !== ',') return { keys };
    i++;
  }
}

/** topLevelMembers' keys after the id too (a `result` after it makes a response). */
function restKeys(text: string, from: number, keys: Set<string>): Set<string> {
  const i = skipBlanks(text, from);
  if (text[i] !== ',') return keys;
  for (const k of topLevelMembers(`{${text.slice(i + 1)}`).keys) keys.add(k);
  return keys;
}

function skipBlanks(text: string, i: number): number {
  let j = i;
  while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++;
  return j;
}

/** The index after the JSON string that starts at `i`, or -1 (no string there, or it does not end in `text`). */
function stringEnd(text: string, i: number): number {
  if (text[i] !== '"') return -1;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return -1;
}

/** The index after the JSON value that starts at `i`, or -1 when it does not end in `text`. */
function jsonValueEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return stringEnd(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        const e = stringEnd(text, j);
        if (e < 0) return -1;
        j = e - 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  let j = i;
  while (j < text.length && /[-+.\w]/.test(text[j] as string)) j++;
  return j > i && j < text.length ? j : -1;
}
