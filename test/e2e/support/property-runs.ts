/**
 * The seed and run counts of the property tests: one seed for every property of a run, taken
 * from PROPERTY_SEED (default below) and logged, so a failure seen once replays with
 * `PROPERTY_SEED=<seed> npx jest <file>`. PROPERTY_RUNS multiplies every property's run count
 * (e.g. 10 for a longer search); the defaults keep each file well under a minute.
 */
export const DEFAULT_PROPERTY_SEED = 20261203;

export function propertySeed(): number {
  const raw = process.env.PROPERTY_SEED;
  const seed = raw === undefined || raw === '' ? DEFAULT_PROPERTY_SEED : Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer, got ${JSON.stringify(raw)}`);
  return seed;
}

export function propertyRuns(defaultRuns: number): number {
  const raw = process.env.PROPERTY_RUNS;
  const factor = raw === undefined || raw === '' ? 1 : Number(raw);
  if (!(factor > 0)) throw new Error(`PROPERTY_RUNS must be a positive number, got ${JSON.stringify(raw)}`);
  return Math.max(1, Math.round(defaultRuns * factor));
}
