/** The CLI's version and usage text (a module of its own: the `mcp` and `lsp` servers start without the commands). */
import { version as packageVersion } from '../../package.json';

export const VERSION: string = packageVersion;

export const USAGE = `Usage:
  tcp-state-notes scan <file|folder|glob>... [--json] [-o FILE|-] [--force] [--max-note-size-mb N]
  tcp-state-notes check <file|folder|glob>... [--json | --format text|json|sarif] [--lang en|zh-cn] [-o FILE|-] [--force] [--max-note-size-mb N]
  tcp-state-notes explain <term> [--lang en|zh-cn] [-o FILE|-] [--force]
  tcp-state-notes diagram <file> [--section "<heading>"] [--linux] [--lang en|zh-cn] [--format svg|mermaid] [--width PX] [-o FILE|-] [--force] [--max-note-size-mb N]
  tcp-state-notes template [--symptom general|fin-wait-1|fin-wait-2|last-ack|close-wait|time-wait] [--lang en|zh-cn] [-o FILE|-] [--force]
  tcp-state-notes report <file|folder|glob>... [--json] [--lang en|zh-cn] [-o FILE|-] [--force] [--max-note-size-mb N]
  tcp-state-notes lsp --stdio
  tcp-state-notes mcp [--max-note-size-mb N]      (MCP server on stdin/stdout for AI agents; see README)
  tcp-state-notes --version | --help
Exit status: 0 done, 1 findings (check) or a failed write, 2 usage error or unreadable input.`;
