/** Entry point of dist/cli.js (kept apart from cli.ts so tests can import the CLI without running it). */
import { runCli } from './cli';

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
