/**
 * VS Code snippet text: a tiny builder that emits the snippet and the plain text from ONE list of
 * pieces, plus a parser used by `snippetToPlainText` and `validateSnippet`.
 * Pure: no `vscode`, no Node built-ins.
 *
 * Snippet syntax handled (https://code.visualstudio.com/docs/editing/userdefinedsnippets):
 *   `$1`, `${1}`, `${1:placeholder}` (nestable), `${1|a,b|}`, `$NAME`, `${NAME}`, `${NAME:default}`,
 *   transforms `${1/re/fmt/opts}` (skipped), and the escapes `\$`, `\}`, `\\` (plus `\,` and `\|`
 *   inside choices).
 */

/** A numbered tab stop. `index` 0 is the final cursor position (`$0`). */
export interface TabStop {
  readonly index: number;
  /** Placeholder text; '' gives `$0` / `${n}`. */
  readonly placeholder: string;
}

/** A literal run of text, or a tab stop. */
export type Piece = string | TabStop;

/** Escapes literal text for snippet syntax: `\` → `\\`, `$` → `\$`, `}` → `\}`. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Renders pieces as a VS Code snippet body. */
export function piecesToSnippet(pieces: readonly Piece[]): string {
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      out += escapeSnippetText(piece);
    } else if (piece.placeholder === '') {
      out += piece.index === 0 ? '$0' : `\${${piece.index}}`;
    } else {
      out += `\${${piece.index}:${escapeSnippetText(piece.placeholder)}}`;
    }
  }
  return out;
}

/** Renders pieces as plain text: tab stops become their placeholder text. */
export function piecesToPlain(pieces: readonly Piece[]): string {
  let out = '';
  for (const piece of pieces) out += typeof piece === 'string' ? piece : piece.placeholder;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parser

type SnippetNode =
  | { readonly kind: 'text'; readonly value: string }
  | {
      readonly kind: 'tabstop';
      readonly index: number;
      readonly offset: number;
      /** `$1` without braces. */
      readonly bare: boolean;
      /** Placeholder content; undefined for `$1` / `${1}` / transforms. */
      readonly children?: readonly SnippetNode[];
    }
  | { readonly kind: 'choice'; readonly index: number; readonly offset: number; readonly options: readonly string[] }
  | {
      readonly kind: 'variable';
      readonly name: string;
      readonly offset: number;
      readonly bare: boolean;
      readonly children?: readonly SnippetNode[];
    };

interface Problem {
  readonly offset: number;
  readonly message: string;
}

/** Variables VS Code resolves (an unknown `$NAME` becomes a placeholder named NAME). */
const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER',
  'TM_FILENAME', 'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH',
  'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER',
  'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE',
  'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET', 'RANDOM', 'RANDOM_HEX', 'UUID',
  'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

class Parser {
  private pos = 0;
  readonly problems: Problem[] = [];

  constructor(private readonly src: string) {}

  parseAll(): SnippetNode[] {
    const nodes = this.parseSequence(false);
    // parseSequence(false) only returns at the end of input.
    return nodes;
  }

  /** Reads nodes until the end of input or, when `inPlaceholder`, an unescaped `}` (not consumed). */
  private parseSequence(inPlaceholder: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') nodes.push({ kind: 'text', value: text });
      text = '';
    };
    const src = this.src;
    while (this.pos < src.length) {
      const c = src[this.pos] as string;
      if (c === '\\') {
        const next = src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          this.problems.push({ offset: this.pos, message: 'unescaped backslash (write \\\\ for a literal backslash)' });
          text += c;
          this.pos += 1;
        }
        continue;
      }
      if (c === '}') {
        if (inPlaceholder) break;
        this.problems.push({ offset: this.pos, message: 'unbalanced `}` (write \\} for a literal brace)' });
        text += c;
        this.pos += 1;
        continue;
      }
      if (c === '$') {
        const node = this.parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += '$';
          this.pos += 1;
        }
        continue;
      }
      text += c;
      this.pos += 1;
    }
    flush();
    return nodes;
  }

  /** At a `$`: parses a tab stop / placeholder / choice / variable, or reports and returns undefined. */
  private parseDollar(): SnippetNode | undefined {
    const src = this.src;
    const start = this.pos;
    const after = src.slice(start + 1);
    const bareInt = /^\d+/.exec(after);
    if (bareInt) {
      const index = Number(bareInt[0]);
      if (index !== 0) {
        this.problems.push({
          offset: start,
          message: `bare tab stop \`$${bareInt[0]}\`: if this is literal text (awk/shell field), escape it as \\$${bareInt[0]}; otherwise write \${${index}:…}`,
        });
      }
      this.pos = start + 1 + bareInt[0].length;
      return { kind: 'tabstop', index, offset: start, bare: true };
    }
    const bareVar = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(after);
    if (bareVar) {
      const name = bareVar[0];
      this.problems.push({
        offset: start,
        message: KNOWN_VARIABLES.has(name)
          ? `bare variable \`$${name}\`: write \${${name}} (or escape a literal as \\$${name})`
          : `unescaped \`$${name}\` is read as an unknown snippet variable (escape it as \\$${name})`,
      });
      this.pos = start + 1 + name.length;
      return { kind: 'variable', name, offset: start, bare: true };
    }
    if (src[start + 1] !== '{') {
      this.problems.push({ offset: start, message: 'unescaped `$` (write \\$ for a literal dollar)' });
      return undefined;
    }
    // `${`
    const head = /^\{(\d+|[_a-zA-Z][_a-zA-Z0-9]*)/.exec(after);
    if (!head) {
      this.problems.push({ offset: start, message: '`${` does not start a valid tab stop, placeholder or variable' });
      return undefined;
    }
    const ident = head[1] as string;
    const isIndex = /^\d/.test(ident);
    const index = isIndex ? Number(ident) : -1;
    let p = start + 1 + head[0].length;
    const ch = src[p];
    if (ch === '}') {
      this.pos = p + 1;
      if (!isIndex) this.checkVariableName(ident, start);
      return isIndex
        ? { kind: 'tabstop', index, offset: start, bare: false }
        : { kind: 'variable', name: ident, offset: start, bare: false };
    }
    if (ch === ':') {
      this.pos = p + 1;
      const children = this.parseSequence(true);
      if (src[this.pos] !== '}') {
        this.problems.push({ offset: start, message: `unclosed \`\${${ident}:\` (missing \`}\`)` });
        // Backtrack like VS Code: the `$` is literal, the rest is re-read as text.
        this.pos = start;
        return undefined;
      }
      this.pos += 1;
      if (!isIndex) this.checkVariableName(ident, start);
      return isIndex
        ? { kind: 'tabstop', index, offset: start, bare: false, children }
        : { kind: 'variable', name: ident, offset: start, bare: false, children };
    }
    if (ch === '|' && isIndex) {
      p += 1;
      const options: string[] = [];
      let current = '';
      while (p < src.length) {
        const c = src[p] as string;
        if (c === '\\' && p + 1 < src.length && /[$}\\,|]/.test(src[p + 1] as string)) {
          current += src[p + 1];
          p += 2;
          continue;
        }
        if (c === ',') {
          options.push(current);
          current = '';
          p += 1;
          continue;
        }
        if (c === '|' && src[p + 1] === '}') {
          options.push(current);
          this.pos = p + 2;
          return { kind: 'choice', index, offset: start, options };
        }
        current += c;
        p += 1;
      }
      this.problems.push({ offset: start, message: `unclosed choice \`\${${ident}|\` (missing \`|}\`)` });
      return undefined;
    }
    if (ch === '/') {
      // Transform: skip to the closing `}` (escapes honoured).
      p += 1;
      while (p < src.length) {
        const c = src[p];
        if (c === '\\') {
          p += 2;
          continue;
        }
        if (c === '}') {
          this.pos = p + 1;
          return isIndex
            ? { kind: 'tabstop', index, offset: start, bare: false }
            : { kind: 'variable', name: ident, offset: start, bare: false };
        }
        p += 1;
      }
      this.problems.push({ offset: start, message: `unclosed transform \`\${${ident}/\`` });
      return undefined;
    }
    this.problems.push({ offset: start, message: `\`\${${ident}\` is not followed by \`}\`, \`:\`, \`|\` or \`/\`` });
    return undefined;
  }

  private checkVariableName(name: string, offset: number): void {
    if (!KNOWN_VARIABLES.has(name)) {
      this.problems.push({ offset, message: `unknown snippet variable \`${name}\`` });
    }
  }
}

function render(nodes: readonly SnippetNode[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out += node.value;
        break;
      case 'tabstop':
        out += node.children ? render(node.children) : '';
        break;
      case 'choice':
        out += node.options[0] ?? '';
        break;
      case 'variable':
        // The value is only known inside the editor: use the default; VS Code turns an unknown
        // variable into a placeholder showing its name.
        out += node.children ? render(node.children) : KNOWN_VARIABLES.has(node.name) ? '' : node.name;
        break;
    }
  }
  return out;
}

/**
 * The text VS Code would insert if every placeholder were accepted as is: escapes removed,
 * tab stops replaced by their placeholder text (`$0`, `${1}` → ''), a choice by its first option.
 * Malformed constructs are kept literally, as VS Code does.
 */
export function snippetToPlainText(snippet: string): string {
  return render(new Parser(snippet).parseAll());
}

function lineCol(src: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < src.length; i++) {
    if (src[i] === '\n') {
      line++;
      col = 1;
    } else {
      col++;
    }
  }
  return `${line}:${col}`;
}

interface StopInfo {
  readonly index: number;
  readonly offset: number;
  readonly placeholder?: string;
}

function collectStops(nodes: readonly SnippetNode[], into: StopInfo[]): void {
  for (const node of nodes) {
    if (node.kind === 'tabstop') {
      into.push(
        node.children
          ? { index: node.index, offset: node.offset, placeholder: render(node.children) }
          : { index: node.index, offset: node.offset },
      );
      if (node.children) collectStops(node.children, into);
    } else if (node.kind === 'choice') {
      into.push({ index: node.index, offset: node.offset, placeholder: node.options[0] ?? '' });
    } else if (node.kind === 'variable' && node.children) {
      collectStops(node.children, into);
    }
  }
}

/**
 * Problems in a snippet body, each as "line:col message" (empty when fine):
 * unescaped `$` / `}` / `\`, bare `$n` (n ≥ 1) and `$NAME` (what an unescaped awk `$1` or `$NF`
 * turns into), malformed or unclosed `${…}`, tab stops not numbered contiguously from 1,
 * one tab stop with two different placeholder texts, and more than one `$0`.
 */
export function validateSnippet(snippet: string): string[] {
  const parser = new Parser(snippet);
  const nodes = parser.parseAll();
  const problems: Problem[] = [...parser.problems];

  const stops: StopInfo[] = [];
  collectStops(nodes, stops);
  const numbered = new Set(stops.filter((s) => s.index > 0).map((s) => s.index));
  const max = numbered.size > 0 ? Math.max(...numbered) : 0;
  const missing: number[] = [];
  for (let i = 1; i <= max; i++) if (!numbered.has(i)) missing.push(i);
  if (missing.length > 0) {
    problems.push({
      offset: snippet.length,
      message: `tab stops are not contiguous from 1: missing ${missing.map((i) => `$${i}`).join(', ')}`,
    });
  }
  const placeholders = new Map<number, StopInfo>();
  for (const stop of stops) {
    if (stop.placeholder === undefined) continue;
    const first = placeholders.get(stop.index);
    if (!first) placeholders.set(stop.index, stop);
    else if (first.placeholder !== stop.placeholder) {
      problems.push({
        offset: stop.offset,
        message: `tab stop ${stop.index} has conflicting placeholders "${first.placeholder ?? ''}" and "${stop.placeholder}"`,
      });
    }
  }
  const finals = stops.filter((s) => s.index === 0);
  if (finals.length > 1) {
    for (const extra of finals.slice(1)) {
      problems.push({ offset: extra.offset, message: 'more than one final tab stop `$0` (an unescaped awk `$0`?)' });
    }
  }
  // A backtracked `${n:…` re-reads its content as text, which can report the same problem twice.
  const seen = new Set<string>();
  return problems
    .sort((a, b) => a.offset - b.offset)
    .map((p) => `${lineCol(snippet, p.offset)} ${p.message}`)
    .filter((line) => (seen.has(line) ? false : (seen.add(line), true)));
}
