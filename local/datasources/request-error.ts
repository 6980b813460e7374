/**
 * A request object AppSync would refuse before calling DynamoDB (unknown operation, missing
 * key, malformed typed value, bad nextToken). AppSync reports these with errorType
 * "MappingTemplate"; the data source turns this error into that shape.
 */
export class RequestError extends Error {
  readonly type = 'MappingTemplate';
  constructor(message: string) {
    super(message);
    this.name = 'RequestError';
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a required object field of a request; `path` names it as AppSync does, e.g. "$[key]". */
export function requireRecord(value: unknown, path: string): Record<string, unknown> {
  if (value === undefined || value === null) throw new RequestError(`Value for field '${path}' not found.`);
  if (!isRecord(value)) throw new RequestError(`Expected JSON object for field '${path}'.`);
  return value;
}

export function optionalRecord(value: unknown, path: string): Record<string, unknown> | undefined {
  return value === undefined || value === null ? undefined : requireRecord(value, path);
}

export function requireString(value: unknown, path: string): string {
  if (value === undefined || value === null) throw new RequestError(`Value for field '${path}' not found.`);
  if (typeof value !== 'string') throw new RequestError(`Expected string for field '${path}'.`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : requireString(value, path);
}

export function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new RequestError(`Expected boolean for field '${path}'.`);
  return value;
}

export function optionalInteger(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new RequestError(`Expected integer for field '${path}'.`);
  return value;
}

export function requireArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) throw new RequestError(`Value for field '${path}' not found.`);
  if (!Array.isArray(value)) throw new RequestError(`Expected JSON array for field '${path}'.`);
  return value;
}
