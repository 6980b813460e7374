// Item values for the module helpers. Like util.dynamodb.toDynamoDB, except that a value already
// typed by the module's set helpers ({SS: [...]}, {NS: [...]}, {BS: [...]}) is kept as it is:
// that is what toStringSet / toNumberSet / toBinarySet exist for (`item: {tags: toStringSet(t)}`).
import { OMIT_UNDEFINED_MAP_VALUES } from '../aws-unverified';
import { toDynamoDB, type AttributeValue } from '../util/dynamodb-values';
import { isPlainObject, type PlainObject } from '../values';

const SET_TYPES = ['SS', 'NS', 'BS'];

export function isTypedSet(value: unknown): value is AttributeValue {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && SET_TYPES.includes(keys[0]) && Array.isArray(value[keys[0]]);
}

export function toItemAttribute(value: unknown): AttributeValue {
  if (isTypedSet(value)) return { ...value };
  return toDynamoDB(value) ?? { NULL: null };
}

export function toItemAttributes(item: PlainObject): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const name of Object.keys(item)) {
    if (item[name] === undefined && OMIT_UNDEFINED_MAP_VALUES) continue;
    out[name] = toItemAttribute(item[name]);
  }
  return out;
}
