/**
 * A note's analysis as plain data, for the trip from the analysis worker to the extension host (structured
 * clone): the pieces (numbers, strings, plain objects) and the definitions' prelude entries. The host keeps the
 * text it sent, so neither the text nor anything built from it (the line index, the assembled arrays, the
 * memoised hover indexes) crosses: fromParts() rebuilds them, linear in the number of pieces and lines.
 * Also the plain-text reading a note falls back to when its Markdown parse is abandoned.
 * Pure: no `vscode`, no Node built-ins.
 */
import { Definitions } from './definitions';
import type { Piece } from './piece';
import { assemble, type NoteAnalysis } from './pieceStore';
import { analyzePlain } from './plain';

/** What the worker sends back for one text: structured-clone safe (no classes, no functions, no Maps). */
export interface AnalysisParts {
  readonly pieces: readonly Piece[];
  readonly definitions: readonly string[];
}

export function analysisParts(analysis: NoteAnalysis): AnalysisParts {
  return { pieces: analysis.pieces, definitions: analysis.definitions.entries };
}

/** The analysis of `text` (the text the parts were computed from) from its parts. */
export function fromParts(text: string, parts: AnalysisParts): NoteAnalysis {
  const definitions = parts.definitions.length ? new Definitions(parts.definitions) : Definitions.none;
  return { model: assemble(text, parts.pieces), pieces: parts.pieces, definitions };
}

/**
 * The note read as plain text, no Markdown structure (linear, no remark): the fallback when a parse was
 * abandoned. Mentions are found as in prose; fenced blocks still give evidence (see plain.ts).
 */
export function plainAnalysis(text: string): NoteAnalysis {
  const pieces = text.length ? [analyzePlain(text, 0, text.length, 0, 0, true)] : [];
  return { model: assemble(text, pieces), pieces, definitions: Definitions.none };
}

/** A request to the analysis worker: analyse `text` (the worker keeps no state between requests). */
export interface WorkerRequest {
  readonly id: number;
  readonly text: string;
}

/**
 * The worker's answers: the pieces in batches (`chunk`, each covering about CHUNK_CHARS of the note, so that no
 * single message costs the host more than a few milliseconds to deserialise), then the last batch with the
 * definitions and the time the analysis took there (`parts`); or the error it threw.
 */
export type WorkerResponse =
  | { readonly id: number; readonly chunk: readonly Piece[] }
  | { readonly id: number; readonly parts: AnalysisParts; readonly ms: number }
  | { readonly id: number; readonly error: string };

/** Note characters covered by one batch of pieces (a 128 KB stretch deserialises in a few ms). */
export const CHUNK_CHARS = 128 * 1024;
/** Pieces in one batch at most: a note of tiny blocks (thousands of quotes) has many pieces per 128 KB. */
export const CHUNK_PIECES = 1024;

/** Splits the parts into the messages the worker sends (all but the last are `chunk`s). */
export function partsMessages(id: number, parts: AnalysisParts, ms: number): WorkerResponse[] {
  const out: WorkerResponse[] = [];
  let batch: Piece[] = [];
  let from = 0;
  for (const p of parts.pieces) {
    batch.push(p);
    if (p.end - from >= CHUNK_CHARS || batch.length >= CHUNK_PIECES) {
      out.push({ id, chunk: batch });
      batch = [];
      from = p.end;
    }
  }
  out.push({ id, parts: { pieces: batch, definitions: parts.definitions }, ms });
  return out;
}

/** Checks a message from the worker has the shape of a WorkerResponse (the host trusts no message blindly). */
export function isWorkerResponse(data: unknown): data is WorkerResponse {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  if (typeof d.id !== 'number') return false;
  if (typeof d.error === 'string') return true;
  if (Array.isArray(d.chunk)) return true;
  const parts = d.parts as Record<string, unknown> | undefined;
  return typeof d.ms === 'number' && typeof parts === 'object' && parts !== null && Array.isArray(parts.pieces) && Array.isArray(parts.definitions);
}
