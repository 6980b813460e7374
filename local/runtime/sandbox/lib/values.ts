// Narrowing helpers shared by the library. Values may come from the resolver's realm or be
// structured copies from the host, so nothing here relies on prototypes or instanceof.

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own enumerable entries whose value is not undefined (JSON drops undefined the same way). */
export function definedEntries(obj: PlainObject): Array<[string, unknown]> {
  return Object.keys(obj)
    .filter((key) => obj[key] !== undefined)
    .map((key) => [key, obj[key]]);
}

/** Deep copy through JSON, so later mutation by resolver code cannot change what was recorded. */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** A run of ASCII digits as a number (the realm may not offer parseInt to resolver code). */
export function parseDigits(text: string): number {
  let value = 0;
  for (const ch of text) {
    const digit = '0123456789'.indexOf(ch);
    if (digit < 0) throw new TypeError(`Not a number: ${text}`);
    value = value * 10 + digit;
  }
  return value;
}
