import type { PlainObject } from '../values';

/** Copy the listed input fields that were given (not undefined or null), in the listed order. */
export function copyGiven(target: PlainObject, input: PlainObject, fields: string[]): PlainObject {
  for (const field of fields) {
    const value = input[field];
    if (value !== undefined && value !== null) target[field] = value;
  }
  return target;
}

export function setIfDefined(target: PlainObject, field: string, value: unknown): void {
  if (value !== undefined && value !== null) target[field] = value;
}
