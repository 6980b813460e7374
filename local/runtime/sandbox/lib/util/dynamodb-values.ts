// util.dynamodb: JSON values to DynamoDB attribute values, as AppSync writes them. Numbers stay
// JSON numbers ({N: 12345}, not {N: "12345"}): that is what AWS returns (Verified-AWS).
import { OMIT_UNDEFINED_MAP_VALUES, TO_DYNAMODB_UNDEFINED_RESULT } from '../aws-unverified';
import { isPlainObject, type PlainObject } from '../values';

export type AttributeValue = Record<string, unknown>;

export function toDynamoDB(value: unknown): AttributeValue | null {
  if (value === undefined) return TO_DYNAMODB_UNDEFINED_RESULT;
  if (value === null) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map((item) => toDynamoDB(item) ?? { NULL: null }) };
  if (isPlainObject(value)) return { M: toMapValues(value) };
  throw new TypeError(`util.dynamodb.toDynamoDB: unsupported value of type ${typeof value}`);
}

/** Each value of the map converted; the map itself is not wrapped in {M}. */
export function toMapValues(obj: PlainObject): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined && OMIT_UNDEFINED_MAP_VALUES) continue;
    out[key] = toDynamoDB(value) ?? { NULL: null };
  }
  return out;
}

// The typed single-value helpers return null for null/undefined input (per the published types).
function orNull<T, R>(value: T | null | undefined, convert: (v: T) => R): R | null {
  return value === null || value === undefined ? null : convert(value);
}

export function createDynamoDBUtils() {
  return {
    toDynamoDB,
    toString: (value: string | null | undefined) => orNull(value, (s) => ({ S: s })),
    toStringSet: (list: string[] | null | undefined) => orNull(list, (l) => ({ SS: [...l] })),
    toNumber: (value: number | null | undefined) => orNull(value, (n) => ({ N: n })),
    toNumberSet: (list: number[] | null | undefined) => orNull(list, (l) => ({ NS: [...l] })),
    toBinary: (value: string | null | undefined) => orNull(value, (b) => ({ B: b })),
    toBinarySet: (list: string[] | null | undefined) => orNull(list, (l) => ({ BS: [...l] })),
    toBoolean: (value: boolean | null | undefined) => orNull(value, (b) => ({ BOOL: b })),
    toNull: () => ({ NULL: null }),
    toList: (list: unknown[] | null | undefined) => (Array.isArray(list) ? toDynamoDB(list) : null),
    toMap: (obj: unknown) => (isPlainObject(obj) ? { M: toMapValues(obj) } : null),
    toMapValues: (obj: unknown) => (isPlainObject(obj) ? toMapValues(obj) : null),
    toS3Object(key: string, bucket: string, region: string, version?: string) {
      const s3: PlainObject = { key, bucket, region };
      if (version !== undefined && version !== null) s3.version = version;
      return { S: JSON.stringify({ s3 }) };
    },
    fromS3ObjectJson(s3ObjectString: string): PlainObject {
      const parsed: unknown = JSON.parse(s3ObjectString);
      const s3 = isPlainObject(parsed) && isPlainObject(parsed.s3) ? parsed.s3 : null;
      if (!s3) throw new TypeError('util.dynamodb.fromS3ObjectJson: not an S3 object string');
      const out: PlainObject = { key: s3.key, bucket: s3.bucket, region: s3.region };
      if (s3.version !== undefined) out.version = s3.version;
      return out;
    },
  };
}

export type DynamoDBUtils = ReturnType<typeof createDynamoDBUtils>;
