/**
 * Waiting in tests: poll until something is true, never a fixed sleep before an assertion. No Node built-ins
 * (the integration suites also run in the web worker extension host).
 */

/** Polls `probe` until it returns something truthy (every `intervalMs`), or fails after `timeoutMs`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, intervalMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
