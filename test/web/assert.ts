/**
 * The part of `node:assert/strict` the integration suites use, for the web worker extension host (no Node
 * built-ins there). The web test bundle aliases `node:assert/strict` to this file, so the very same suite
 * files run in both hosts. Semantics follow Node's strict mode: Object.is for equal, prototypes and own
 * enumerable keys for deepEqual.
 */

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
  constructor(
    message: string,
    readonly actual?: unknown,
    readonly expected?: unknown,
  ) {
    super(message);
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 300 ? `${v.slice(0, 300)}…` : v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(v);
  }
}

function raise(message: string | Error | undefined, fallback: string, actual?: unknown, expected?: unknown): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback, actual, expected);
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) raise(message, `The expression evaluated to a falsy value: ${show(value)}`, value, true);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) raise(message, `Expected values to be strictly equal:\n  actual   ${show(actual)}\n  expected ${show(expected)}`, actual, expected);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) raise(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected);
}

export function isDeepStrictEqual(a: unknown, b: unknown, seen = new Map<object, object>()): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (seen.get(a) === b) return true;
  seen.set(a, b);
  if (a instanceof Date && b instanceof Date) return Object.is(a.getTime(), b.getTime());
  if (a instanceof RegExp && b instanceof RegExp) return a.source === b.source && a.flags === b.flags;
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !isDeepStrictEqual(v, b.get(k), seen)) return false;
    return true;
  }
  if (a instanceof Set && b instanceof Set) {
    if (a.size !== b.size) return false;
    for (const v of a) if (!b.has(v)) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!isDeepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen)) return false;
  }
  return true;
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!isDeepStrictEqual(actual, expected)) raise(message, `Expected values to be strictly deep-equal:\n  actual   ${show(actual)}\n  expected ${show(expected)}`, actual, expected);
}

export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (isDeepStrictEqual(actual, expected)) raise(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected);
}

export function match(value: string, regexp: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || !regexp.test(value)) raise(message, `The input did not match the regular expression ${String(regexp)}. Input:\n\n${show(value)}\n`, value, regexp);
}

export function doesNotMatch(value: string, regexp: RegExp, message?: string | Error): void {
  if (typeof value !== 'string' || regexp.test(value)) raise(message, `The input was expected to not match the regular expression ${String(regexp)}. Input:\n\n${show(value)}\n`, value, regexp);
}

export function fail(message?: string | Error): never {
  raise(message, 'Failed');
}

function errorMatches(error: unknown, expected?: RegExp | ((e: unknown) => boolean)): boolean {
  if (!expected) return true;
  if (expected instanceof RegExp) return expected.test(error instanceof Error ? error.message : String(error));
  return expected(error);
}

export function throws(fn: () => unknown, expected?: RegExp | ((e: unknown) => boolean), message?: string | Error): void {
  try {
    fn();
  } catch (e) {
    if (!errorMatches(e, expected)) raise(message, `The error thrown did not match: ${show(e instanceof Error ? e.message : e)}`, e, expected);
    return;
  }
  raise(message, 'Missing expected exception.');
}

export async function rejects(p: Promise<unknown> | (() => Promise<unknown>), expected?: RegExp | ((e: unknown) => boolean), message?: string | Error): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (!errorMatches(e, expected)) raise(message, `The rejection did not match: ${show(e instanceof Error ? e.message : e)}`, e, expected);
    return;
  }
  raise(message, 'Missing expected rejection.');
}

export const strictEqual = equal;
export const deepStrictEqual = deepEqual;
export const notStrictEqual = notEqual;
export const notDeepStrictEqual = notDeepEqual;
