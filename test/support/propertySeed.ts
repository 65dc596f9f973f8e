import fc from 'fast-check';

/**
 * Makes this test file's fast-check runs deterministic: the same cases on every machine, so a change that passes
 * here passes in CI. `TSN_PROPERTY_SEED=random` explores new cases (fast-check prints the seed of a failure);
 * `TSN_PROPERTY_SEED=<n>` replays one. Call once at the top of a test file, with a default of its own.
 */
export function seedProperties(fallback: number): number {
  const env = process.env.TSN_PROPERTY_SEED;
  const seed = env === 'random' ? Date.now() : Number(env ?? fallback);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  return seed;
}
