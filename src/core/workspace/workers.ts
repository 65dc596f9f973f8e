/**
 * How many index workers a build starts (remote.ts): one per logical core, at most four — the build's own thread
 * reads the files and files the entries, and past four the workers mostly wait on it. One source for the
 * extension, the language server and the bench. Pure and import-free (the extension's shell loads it at
 * activation: scripts/lazySplit.mjs).
 */
export const MAX_INDEX_WORKERS = 4;

export function indexWorkerCount(cores: number): number {
  return Math.max(1, Math.min(MAX_INDEX_WORKERS, Math.floor(cores) || 1));
}
