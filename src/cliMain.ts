/** Entry point of dist/cli.js (kept apart from cli.ts so tests can import the CLI without running it). */
import { runCli } from './cli';

process.exitCode = runCli(process.argv.slice(2));
