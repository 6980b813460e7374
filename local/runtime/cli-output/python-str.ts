// The AWS CLI is Python: its text and table output print scalars with str(), so true is
// "True", null is "None" and whole numbers print without a decimal point.
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? `${value}` : `${value}`;
  return JSON.stringify(value);
}

export const isScalar = (value: unknown): boolean => typeof value !== 'object' || value === null;
export const isDict = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Python's truthiness, which the table formatter uses to skip empty values. */
export function pythonTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

/** Python's sorted() of str keys: by code point. */
export function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
