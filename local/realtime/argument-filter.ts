/**
 * Basic subscription filtering: every argument the subscriber supplied must equal the field of
 * the same name in the mutation's result. An explicit null matches only null; a field the
 * mutation did not select never matches.
 */
import { isDeepStrictEqual } from 'node:util';

export function matchesArguments(argumentFilter: Record<string, unknown>, result: unknown): boolean {
  const entries = Object.entries(argumentFilter);
  if (entries.length === 0) return true;
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return false;
  const record = result as Record<string, unknown>;
  return entries.every(([name, expected]) => Object.hasOwn(record, name) && isDeepStrictEqual(record[name], expected));
}
