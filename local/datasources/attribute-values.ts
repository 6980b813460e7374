import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { RequestError, isRecord, requireRecord } from './request-error';

/**
 * Conversions between the three forms a DynamoDB value takes here:
 * - AppSync typed JSON, as resolvers write it: {S: "a"}, {N: 12} or {N: "12"}, {B: base64}, ...
 * - the SDK's AttributeValue (N as string, B as bytes, NULL as true);
 * - plain JSON, which is what resolvers get back in ctx.result.
 */

type AttributeMap = Record<string, AttributeValue>;

/** AppSync typed JSON -> SDK AttributeValue. `path` locates the value for error messages. */
export function toAttributeValue(typed: unknown, path: string): AttributeValue {
  if (!isRecord(typed)) throw new RequestError(`Expected a DynamoDB typed value for '${path}', e.g. {"S": "text"}.`);
  const types = Object.keys(typed);
  if (types.length !== 1) {
    throw new RequestError(`Expected exactly one type key for '${path}', found ${types.length === 0 ? 'none' : types.join(', ')}.`);
  }
  const type = types[0];
  const value = typed[type];
  switch (type) {
    case 'S':
      return { S: stringValue(value, path) };
    case 'N':
      return { N: numberText(value, path) };
    case 'B':
      return { B: bytesValue(value, path) };
    case 'BOOL':
      if (typeof value !== 'boolean') throw new RequestError(`Expected boolean for '${path}.BOOL'.`);
      return { BOOL: value };
    case 'NULL':
      if (value !== true && value !== null) throw new RequestError(`Expected true or null for '${path}.NULL'.`);
      return { NULL: true };
    case 'SS':
      return { SS: arrayValue(value, path, 'SS').map((entry, i) => stringValue(entry, `${path}.SS[${i}]`)) };
    case 'NS':
      return { NS: arrayValue(value, path, 'NS').map((entry, i) => numberText(entry, `${path}.NS[${i}]`)) };
    case 'BS':
      return { BS: arrayValue(value, path, 'BS').map((entry, i) => bytesValue(entry, `${path}.BS[${i}]`)) };
    case 'L':
      return { L: arrayValue(value, path, 'L').map((entry, i) => toAttributeValue(entry, `${path}.L[${i}]`)) };
    case 'M':
      return { M: toAttributeMap(value, `${path}.M`) };
    default:
      throw new RequestError(`Unsupported DynamoDB type '${type}' for '${path}'.`);
  }
}

/** A map of AppSync typed values (key, attributeValues, expressionValues) -> SDK attribute map. */
export function toAttributeMap(typedMap: unknown, path: string): AttributeMap {
  const record = requireRecord(typedMap, path);
  return Object.fromEntries(
    Object.entries(record).map(([name, typed]) => [name, toAttributeValue(typed, `${path}.${name}`)]),
  );
}

/** SDK AttributeValue -> plain JSON, as AppSync hands results to resolvers (numbers as numbers). */
export function toPlain(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.B !== undefined) return Buffer.from(value.B).toString('base64');
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map((bytes) => Buffer.from(bytes).toString('base64'));
  if (value.L !== undefined) return value.L.map(toPlain);
  if (value.M !== undefined) return toPlainItem(value.M);
  return null;
}

export function toPlainItem(item: AttributeMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toPlain(value)]));
}

export function toPlainItemOrNull(item: AttributeMap | undefined): Record<string, unknown> | null {
  return item === undefined ? null : toPlainItem(item);
}

/**
 * SDK key -> AppSync typed JSON. Keys hold only S, N or B, so this is all a pagination token
 * needs to carry a LastEvaluatedKey through JSON.
 */
export function toTypedKey(key: AttributeMap): Record<string, { S: string } | { N: string } | { B: string }> {
  return Object.fromEntries(
    Object.entries(key).map(([name, value]) => {
      if (value.S !== undefined) return [name, { S: value.S }];
      if (value.N !== undefined) return [name, { N: value.N }];
      if (value.B !== undefined) return [name, { B: Buffer.from(value.B).toString('base64') }];
      throw new Error(`Key attribute '${name}' is not S, N or B`);
    }),
  );
}

/**
 * A canonical text for an item, for "is the stored item the one we meant to write?":
 * numbers compare by value and sets ignore order, as DynamoDB treats them.
 */
export function canonicalItem(item: AttributeMap, ignore: readonly string[] = []): string {
  const names = Object.keys(item).filter((name) => !ignore.includes(name)).sort();
  return JSON.stringify(names.map((name) => [name, canonicalValue(item[name])]));
}

function canonicalValue(value: AttributeValue): unknown {
  if (value.N !== undefined) return { N: Number(value.N) };
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.SS !== undefined) return { SS: [...value.SS].sort() };
  if (value.NS !== undefined) return { NS: value.NS.map(Number).sort((a, b) => a - b) };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString('base64')).sort() };
  if (value.L !== undefined) return { L: value.L.map(canonicalValue) };
  if (value.M !== undefined) {
    return { M: Object.keys(value.M).sort().map((name) => [name, canonicalValue((value.M as AttributeMap)[name])]) };
  }
  return value;
}

function stringValue(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new RequestError(`Expected string for '${path}'.`);
  return value;
}

/** AppSync accepts numbers as JSON numbers ({N: 12}) or strings ({N: "12"}); DynamoDB wants text. */
function numberText(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return value;
  throw new RequestError(`Expected a number for '${path}'.`);
}

function bytesValue(value: unknown, path: string): Uint8Array {
  if (typeof value !== 'string') throw new RequestError(`Expected base64 string for '${path}'.`);
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function arrayValue(value: unknown, path: string, type: string): unknown[] {
  if (!Array.isArray(value)) throw new RequestError(`Expected JSON array for '${path}.${type}'.`);
  return value;
}
