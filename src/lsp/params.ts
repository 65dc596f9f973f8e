/**
 * The shape of a request's parameters, checked before a handler reads them: a request whose parameters lack a
 * field the method needs is answered with InvalidParams (-32602) naming the field, as the JSON-RPC spec asks,
 * not with an InternalError carrying a TypeError. Notifications with such parameters are dropped (nobody waits
 * for an answer). Only what the handlers read is checked.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** The name of the first missing or mistyped field of a request that names a document (and maybe a position), or undefined. */
export function documentParamsProblem(params: unknown, withPosition: boolean): string | undefined {
  if (!isRecord(params)) return 'params';
  const doc = params['textDocument'];
  if (!isRecord(doc) || typeof doc['uri'] !== 'string') return 'textDocument.uri';
  if (!withPosition) return undefined;
  if (!isPosition(params['position'])) return 'position';
  return undefined;
}

/** An InvalidParams error naming `field` for `method`. */
export function invalidParams(method: string, field: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: missing or invalid ${field}`);
}

/** Throws InvalidParams unless the request names a document (and, when asked, a position in it). */
export function requireDocument(method: string, params: unknown, withPosition = false): void {
  const problem = documentParamsProblem(params, withPosition);
  if (problem) throw invalidParams(method, problem);
}

/** Throws InvalidParams unless `params[field]` is a string. */
export function requireString(method: string, params: unknown, field: string): void {
  if (!isRecord(params) || typeof params[field] !== 'string') throw invalidParams(method, field);
}

/** Throws InvalidParams unless `params.context.diagnostics` is an array (codeAction). */
export function requireDiagnostics(method: string, params: unknown): void {
  const context = isRecord(params) ? params['context'] : undefined;
  if (!isRecord(context) || !Array.isArray(context['diagnostics'])) throw invalidParams(method, 'context.diagnostics');
}

/** didOpen: a document with a uri, a language id, a version and its text. */
export function isOpenParams(params: unknown): boolean {
  const d = isRecord(params) ? params['textDocument'] : undefined;
  return isRecord(d) && typeof d['uri'] === 'string' && typeof d['languageId'] === 'string' && typeof d['version'] === 'number' && typeof d['text'] === 'string';
}

function isPosition(v: unknown): boolean {
  return isRecord(v) && isCount(v['line']) && isCount(v['character']);
}

/** One content change: its text, and a range when it is not the whole document. */
function isContentChange(v: unknown): boolean {
  if (!isRecord(v) || typeof v['text'] !== 'string') return false;
  const range = v['range'];
  return range === undefined || (isRecord(range) && isPosition(range['start']) && isPosition(range['end']));
}

/** didChange: a versioned document and a list of well-formed changes (checked before any is applied). */
export function isChangeParams(params: unknown): boolean {
  const d = isRecord(params) ? params['textDocument'] : undefined;
  const changes = isRecord(params) ? params['contentChanges'] : undefined;
  return isRecord(d) && typeof d['uri'] === 'string' && typeof d['version'] === 'number' && Array.isArray(changes) && changes.every(isContentChange);
}

/** didClose: a document with a uri. */
export function isCloseParams(params: unknown): boolean {
  return documentParamsProblem(params, false) === undefined;
}
