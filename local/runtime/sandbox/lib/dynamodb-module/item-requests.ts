// get / put / remove / update of @aws-appsync/utils/dynamodb: request objects for one item.
// Verified-AWS shapes, e.g. put({key:{id:"abc"}, item:{value:10}}) ->
//   {operation:"PutItem", key:{id:{S:"abc"}}, attributeValues:{value:{N:10}}}
// Optional fields appear only when given (no consistentRead key unless the caller set it).
import { toMapValues } from '../util/dynamodb-values';
import { toItemAttributes } from './attribute-values';
import { isPlainObject, type PlainObject } from '../values';
import { toExpressionObject } from './expression-input';
import { copyGiven, setIfDefined } from './optional-fields';
import { buildProjection } from './projection';
import { buildUpdateExpression } from './update-expression';

const VERSIONING_FIELDS = ['customPartitionKey', 'populateIndexFields', '_version'];

export function requireObject(value: unknown, what: string): PlainObject {
  if (!isPlainObject(value)) throw new TypeError(`${what} must be an object`);
  return value;
}

export function keyOf(input: PlainObject): PlainObject {
  return toMapValues(requireObject(input.key, 'key'));
}

/** The item's attributes without the key attributes: DynamoDB merges key and attributeValues. */
export function attributesWithoutKey(item: unknown, key: PlainObject): PlainObject {
  const attributes: PlainObject = {};
  const source = requireObject(item ?? {}, 'item');
  for (const name of Object.keys(source)) {
    if (!Object.prototype.hasOwnProperty.call(key, name)) attributes[name] = source[name];
  }
  return toItemAttributes(attributes);
}

export function get(input: PlainObject): PlainObject {
  requireObject(input, 'get input');
  const request: PlainObject = { operation: 'GetItem', key: keyOf(input) };
  copyGiven(request, input, ['consistentRead']);
  setIfDefined(request, 'projection', buildProjection(input.projection));
  return request;
}

export function put(input: PlainObject): PlainObject {
  requireObject(input, 'put input');
  const key = requireObject(input.key, 'key');
  const request: PlainObject = { operation: 'PutItem', key: toMapValues(key), attributeValues: attributesWithoutKey(input.item, key) };
  setIfDefined(request, 'condition', toExpressionObject(input.condition));
  return copyGiven(request, input, VERSIONING_FIELDS);
}

export function remove(input: PlainObject): PlainObject {
  requireObject(input, 'remove input');
  const request: PlainObject = { operation: 'DeleteItem', key: keyOf(input) };
  setIfDefined(request, 'condition', toExpressionObject(input.condition));
  return copyGiven(request, input, VERSIONING_FIELDS);
}

export function update(input: PlainObject): PlainObject {
  requireObject(input, 'update input');
  const request: PlainObject = {
    operation: 'UpdateItem',
    key: keyOf(input),
    update: buildUpdateExpression(requireObject(input.update, 'update')),
  };
  setIfDefined(request, 'condition', toExpressionObject(input.condition));
  return copyGiven(request, input, VERSIONING_FIELDS);
}
