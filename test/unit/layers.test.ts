/**
 * The module graph of src/, read from the source with the TypeScript parser (every `import`, `import type`,
 * `export … from` and dynamic `import()` with a relative specifier): no import cycle anywhere, and no upward
 * import (src/core is the functional core: it imports neither the shell nor `vscode`).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The repository root: the first directory up from here (or the working directory) that holds src/extension.ts. */
function repoRoot(): string {
  const starts = [process.cwd(), typeof __dirname === 'string' ? __dirname : process.cwd()];
  for (const start of starts) {
    let d = start;
    for (let i = 0; i < 8; i++) {
      if (existsSync(join(d, 'src', 'extension.ts'))) return d;
      d = dirname(d);
    }
  }
  throw new Error('repository root not found');
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers a file names (static and dynamic imports, re-exports). */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) out.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function resolveRelative(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => p.endsWith('.ts') && existsSync(p));
}

type Graph = Map<string, string[]>;

/** The cycles of a graph: each strongly connected component with more than one module, or a module importing itself. */
export function cycles(graph: Graph): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  // Tarjan's algorithm, iterative (no recursion depth limit).
  for (const root of graph.keys()) {
    if (order.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    order.set(root, index);
    low.set(root, index++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1] as { node: string; next: number };
      const edges = graph.get(top.node) ?? [];
      if (top.next < edges.length) {
        const to = edges[top.next++] as string;
        if (!order.has(to)) {
          order.set(to, index);
          low.set(to, index++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node) as number, order.get(to) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(top.node) as number));
      if (low.get(top.node) === order.get(top.node)) {
        const scc: string[] = [];
        let n: string;
        do {
          n = stack.pop() as string;
          onStack.delete(n);
          scc.push(n);
        } while (n !== top.node);
        if (scc.length > 1 || edges.includes(top.node)) out.push(scc.sort());
      }
    }
  }
  return out;
}

describe('module layers', () => {
  const root = repoRoot();
  const files = filesUnder(join(root, 'src'));
  const graph: Graph = new Map();
  const external = new Map<string, string[]>();
  for (const f of files) {
    const rel = relative(root, f);
    const specs = specifiers(f);
    graph.set(
      rel,
      specs.filter((s) => s.startsWith('.')).map((s) => resolveRelative(f, s)).filter((p): p is string => p !== undefined).map((p) => relative(root, p)),
    );
    external.set(rel, specs.filter((s) => !s.startsWith('.')));
  }

  test('the graph is read (sanity)', () => {
    assert.ok(graph.size > 40, `${graph.size} modules`);
    assert.ok((graph.get(join('src', 'core', 'note', 'analyze.ts')) ?? []).includes(join('src', 'core', 'note', 'pieceStore.ts')), 'analyze.ts imports the piece store');
  });

  test('no import cycle in src/', () => {
    assert.deepEqual(cycles(graph), []);
  });

  test('src/core imports neither the shell nor vscode', () => {
    const wrong: string[] = [];
    for (const [from, tos] of graph) {
      if (!from.startsWith(join('src', 'core'))) continue;
      for (const to of tos) if (!to.startsWith(join('src', 'core'))) wrong.push(`${from} → ${to}`);
      for (const spec of external.get(from) ?? []) if (spec === 'vscode' || spec.startsWith('node:')) wrong.push(`${from} → ${spec}`);
    }
    assert.deepEqual(wrong, []);
  });

  test('the cycle check finds a cycle (the test can fail)', () => {
    const g: Graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(cycles(g), [['a', 'b', 'c'], ['e']]);
  });
});
