import type { FileId } from '../output';

/** What a command produced: the text for stdout or -o, its exit status, and the files it read. */
export interface CommandOutput {
  readonly data: string;
  readonly code: number;
  readonly inputs: readonly FileId[];
}
