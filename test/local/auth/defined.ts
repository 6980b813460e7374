// Test helper: narrows away null/undefined, failing the test with a readable reason.
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what} to be defined`);
  return value;
}
