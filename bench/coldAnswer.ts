/**
 * One first answer in a fresh Node process (cold JIT, as a freshly started server's): bench/lsp.ts and
 * bench/mcp.ts run it each round, and compare the fresh server's first answer with it.
 *
 *   node out/bench/coldAnswer.js lsp <note file> <hover offset>   the language server's work (inProcessAnswer.ts)
 *   node out/bench/coldAnswer.js summarize <note file>            summarize_socket_evidence on the note
 *
 * Prints the milliseconds. Loading the modules and reading the file are not counted, as a server's start is not
 * counted in its first answer: the time starts when the note's text is in memory.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { summarizeSocketEvidence } from '../src/core/agents/tools';
import { inProcessFirstAnswer } from './inProcessAnswer';

async function main(): Promise<number> {
  const [mode, file, offset] = process.argv.slice(2);
  if (!file || (mode === 'lsp' && !offset)) throw new Error('usage: coldAnswer.js lsp <note file> <hover offset> | summarize <note file>');
  const text = readFileSync(file, 'utf8');
  if (mode === 'lsp') return inProcessFirstAnswer(text, Number(offset));
  if (mode !== 'summarize') throw new Error(`unknown mode ${mode}`);
  const t0 = performance.now();
  summarizeSocketEvidence({ text, name: basename(file) }, { lang: 'en' });
  return performance.now() - t0;
}

void main().then((ms) => process.stdout.write(`${ms}\n`));
