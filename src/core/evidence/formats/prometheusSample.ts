/**
 * One sample line of the Prometheus text exposition format, as `curl …:9100/metrics` prints it, as OpenMetrics
 * prints it, and as the Prometheus console / Grafana Explore show an instant query when copied:
 *
 *   node_tcp_connection_states{state="fin_wait1"} 61920
 *   node_tcp_connection_states{instance="web-01:9100", job="node", state="fin_wait1"}	61920
 *   node_sockstat_TCP_mem_bytes 7.45652224e+08 1709649120000
 *   {__name__="node_sockstat_TCP_orphan", instance="web-01:9100"} 61920
 *
 * Labels in any order, with or without spaces after the commas, a trailing comma, escaped quotes in values;
 * the value in Go's float notation (`18234`, `1.8234e+04`, `NaN`, `+Inf`); an optional timestamp after it
 * (milliseconds in the text format, seconds in OpenMetrics, `@seconds` in the Prometheus console), then
 * optionally an OpenMetrics exemplar (`# {…} 1`). `# HELP` / `# TYPE` lines are comments to parse.ts.
 *
 * A character scanner, no regular expression: linear in the line, which parse.ts has length-guarded.
 * Pure: no `vscode`, no Node built-ins.
 */

export interface PromSample {
  /** The metric name (from `__name__` when the line starts with `{`). */
  readonly name: string;
  /** Label pairs as written, `__name__` left out; names are unique. */
  readonly labels: readonly (readonly [name: string, value: string])[];
  /** The value as written (`61920`, `1.8234e+04`, `NaN`). */
  readonly value: string;
}

const MAX_NAME = 200;
const MAX_LABELS = 64;

const isSpace = (c: number): boolean => c === 32 || c === 9;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** End of a name of [A-Za-z_(:)][A-Za-z0-9_(:)]* starting at `i` (`i` when there is none, or it is too long). */
function nameEnd(s: string, i: number, colons: boolean): number {
  let k = i;
  while (k < s.length) {
    const c = s.charCodeAt(k);
    const ok = isLetter(c) || c === 95 /* _ */ || (colons && c === 58) /* : */ || (k > i && isDigit(c));
    if (!ok) break;
    k++;
  }
  return k - i > MAX_NAME ? i : k;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** End of the whitespace-free token at `i`. */
function tokenEnd(s: string, i: number): number {
  while (i < s.length && !isSpace(s.charCodeAt(i))) i++;
  return i;
}

/**
 * Go's float text: `[+-]digits[.digits][e[+-]digits]`, `[+-].digits…`, `NaN`, `Inf`, `+Inf`, `-Inf`.
 * Exported for the builder, which reads only the integer ones (promCount).
 */
export function isPromNumber(s: string): boolean {
  let i = 0;
  const n = s.length;
  if (n === 0 || n > 40) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) i++;
  const rest = s.slice(i);
  if (rest === 'Inf' || (i === 0 && rest === 'NaN')) return true;
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  let digits = i - intStart;
  if (i < n && s.charCodeAt(i) === 46 /* . */) {
    const fracStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    digits += i - fracStart;
  }
  if (digits === 0) return false;
  if (i < n && (s.charCodeAt(i) === 101 /* e */ || s.charCodeAt(i) === 69) /* E */) {
    i++;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const expStart = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === expStart) return false;
  }
  return i === n;
}

/**
 * A sample value that is a count: an integer ≥ 0 that a double holds exactly (`61920`, `6.192e+04`).
 * `1.5`, `-1`, `NaN`, `+Inf` and integers above 2^53-1 are not.
 */
export function promCount(value: string): number | undefined {
  if (!isPromNumber(value)) return undefined;
  const v = Number(value);
  if (!Number.isSafeInteger(v) || v < 0) return undefined;
  return v === 0 ? 0 : v; // not -0
}

/** `{a="x", b="y\"z"}` from `i` (at `{`): the pairs and the index after `}`, or undefined. */
function parseLabels(s: string, i: number): { pairs: [string, string][]; end: number } | undefined {
  const pairs: [string, string][] = [];
  i++; // `{`
  for (;;) {
    i = skipSpace(s, i);
    if (i >= s.length) return undefined;
    if (s.charCodeAt(i) === 125 /* } */) return { pairs, end: i + 1 };
    if (pairs.length >= MAX_LABELS) return undefined;
    const ne = nameEnd(s, i, false);
    if (ne === i) return undefined;
    const name = s.slice(i, ne);
    i = skipSpace(s, ne);
    if (s.charCodeAt(i) !== 61 /* = */) return undefined;
    i = skipSpace(s, i + 1);
    if (s.charCodeAt(i) !== 34 /* " */) return undefined;
    i++;
    let value = '';
    let from = i;
    for (;;) {
      if (i >= s.length) return undefined;
      const c = s.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        const e = s[i + 1];
        if (e === undefined) return undefined;
        value += s.slice(from, i) + (e === 'n' ? '\n' : e);
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    value += s.slice(from, i);
    i++; // closing `"`
    if (pairs.some((p) => p[0] === name)) return undefined;
    pairs.push([name, value]);
    i = skipSpace(s, i);
    const c = s.charCodeAt(i);
    if (c === 44 /* , */) i++;
    else if (c !== 125) return undefined;
  }
}

/** The sample on `text` (one line, right-trimmed), or undefined when the line is not one. */
export function parsePromSample(text: string): PromSample | undefined {
  let i = skipSpace(text, 0);
  const ne = nameEnd(text, i, true);
  let name = text.slice(i, ne);
  i = ne;
  let labels: [string, string][] = [];
  if (text.charCodeAt(i) === 123 /* { */) {
    const l = parseLabels(text, i);
    if (!l) return undefined;
    i = l.end;
    labels = l.pairs;
    const named = labels.find((p) => p[0] === '__name__');
    if (named) {
      if (name.length > 0 && named[1] !== name) return undefined;
      name = named[1];
      labels = labels.filter((p) => p !== named);
    }
  }
  if (name.length === 0 || nameEnd(name, 0, true) !== name.length) return undefined;
  if (i >= text.length || !isSpace(text.charCodeAt(i))) return undefined;
  i = skipSpace(text, i);
  const ve = tokenEnd(text, i);
  const value = text.slice(i, ve);
  if (!isPromNumber(value)) return undefined;
  i = skipSpace(text, ve);
  if (i < text.length && text.charCodeAt(i) !== 35 /* # */) {
    const te = tokenEnd(text, i);
    const ts = text.charCodeAt(i) === 64 /* @ */ ? text.slice(i + 1, te) : text.slice(i, te);
    if (!isPromNumber(ts)) return undefined;
    i = skipSpace(text, te);
  }
  if (i < text.length && text.charCodeAt(i) !== 35) return undefined; // only an exemplar may follow
  return { name, labels, value };
}
