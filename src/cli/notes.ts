/** Reading every note a multi-file command (`scan`, `check`, `report`) was given: results for the readable ones, one error line per bad one. */
import { CliError } from './errors';
import { expandInputs } from './inputs';
import { maxNoteSizeMB, readNote } from './readNote';
import type { ParsedArgs } from './args';
import type { FileId } from './output';

export interface LoadedNote {
  readonly file: string;
  readonly text: string;
}

export interface LoadedNotes {
  readonly notes: LoadedNote[];
  /** Paths (or arguments) that could not be read, with the reason. */
  readonly failures: { readonly path: string; readonly message: string }[];
  readonly ids: FileId[];
  /** A folder or glob was given, or several paths: the output is a list. */
  readonly many: boolean;
}

export { maxNoteSizeMB } from './readNote';

/** `report(line)` receives each failure as it happens (the CLI prints it on stderr). */
export function loadNotes(command: string, paths: readonly string[], args: ParsedArgs, report: (message: string) => void): LoadedNotes {
  if (paths.length === 0) throw new CliError(`${command} needs at least one file, folder or glob`);
  const maxMB = maxNoteSizeMB(args);
  const inputs = expandInputs(paths);
  const failures = [...inputs.problems];
  for (const p of inputs.problems) report(`${p.path}: ${p.message}`);
  const notes: LoadedNote[] = [];
  const ids: FileId[] = [];
  for (const file of inputs.files) {
    try {
      const r = readNote(file, maxMB);
      notes.push({ file, text: r.text });
      ids.push({ dev: r.dev, ino: r.ino });
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      failures.push({ path: file, message: e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message });
      report(e.message);
    }
  }
  return { notes, failures, ids, many: inputs.expanded || paths.length > 1 };
}
