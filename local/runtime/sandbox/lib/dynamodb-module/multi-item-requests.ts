// batchGet / batchPut / batchDelete / transactGet / transactWrite of @aws-appsync/utils/dynamodb.
// Table names are physical DynamoDB table names, as AppSync expects for these operations.
import { TRANSACT_CONDITION_ADD_RETURN_VALUES_DEFAULT } from '../aws-unverified';
import { toMapValues } from '../util/dynamodb-values';
import { isPlainObject, type PlainObject } from '../values';
import { toItemAttributes } from './attribute-values';
import { toExpressionObject } from './expression-input';
import { attributesWithoutKey, keyOf, requireObject } from './item-requests';
import { copyGiven, setIfDefined } from './optional-fields';
import { buildProjection } from './projection';
import { buildUpdateExpression } from './update-expression';

function tablesOf(input: PlainObject): PlainObject {
  return requireObject(requireObject(input, 'input').tables, 'tables');
}

function listOf(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array`);
  return value;
}

export function batchGet(input: PlainObject): PlainObject {
  const tables: PlainObject = {};
  const given = tablesOf(input);
  for (const table of Object.keys(given)) {
    const spec = requireObject(given[table], `tables.${table}`);
    const entry: PlainObject = { keys: listOf(spec.keys, `tables.${table}.keys`).map((key) => toMapValues(requireObject(key, 'key'))) };
    copyGiven(entry, spec, ['consistentRead']);
    setIfDefined(entry, 'projection', buildProjection(spec.projection));
    tables[table] = entry;
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(input: PlainObject): PlainObject {
  const tables: PlainObject = {};
  const given = tablesOf(input);
  for (const table of Object.keys(given)) {
    tables[table] = listOf(given[table], `tables.${table}`).map((item) => toItemAttributes(requireObject(item, 'item')));
  }
  return { operation: 'BatchPutItem', tables };
}

export function batchDelete(input: PlainObject): PlainObject {
  const tables: PlainObject = {};
  const given = tablesOf(input);
  for (const table of Object.keys(given)) {
    tables[table] = listOf(given[table], `tables.${table}`).map((key) => toMapValues(requireObject(key, 'key')));
  }
  return { operation: 'BatchDeleteItem', tables };
}

export function transactGet(input: PlainObject): PlainObject {
  const items = listOf(requireObject(input, 'input').items, 'items').map((raw) => {
    const item = requireObject(raw, 'item');
    const entry: PlainObject = { table: item.table, key: keyOf(item) };
    setIfDefined(entry, 'projection', buildProjection(item.projection));
    return entry;
  });
  return { operation: 'TransactGetItems', transactItems: items };
}

function transactCondition(condition: unknown): PlainObject | undefined {
  const built = toExpressionObject(condition);
  if (built && TRANSACT_CONDITION_ADD_RETURN_VALUES_DEFAULT && built.returnValuesOnConditionCheckFailure === undefined) {
    built.returnValuesOnConditionCheckFailure = true;
  }
  return built;
}

function transactWriteItem(raw: unknown): PlainObject {
  const item = requireObject(raw, 'transactWrite item');
  const kind = Object.keys(item).find((name) => isPlainObject(item[name]));
  const spec = kind === undefined ? {} : requireObject(item[kind], kind);
  const entry: PlainObject = { table: spec.table };
  switch (kind) {
    case 'putItem': {
      const key = requireObject(spec.key, 'key');
      Object.assign(entry, { operation: 'PutItem', key: toMapValues(key), attributeValues: attributesWithoutKey(spec.item, key) });
      break;
    }
    case 'updateItem':
      Object.assign(entry, { operation: 'UpdateItem', key: keyOf(spec), update: buildUpdateExpression(requireObject(spec.update, 'update')) });
      break;
    case 'deleteItem':
      Object.assign(entry, { operation: 'DeleteItem', key: keyOf(spec) });
      break;
    case 'conditionCheck':
      Object.assign(entry, { operation: 'ConditionCheck', key: keyOf(spec) });
      break;
    default:
      throw new TypeError('A transactWrite item needs one of putItem, updateItem, deleteItem, conditionCheck');
  }
  setIfDefined(entry, 'condition', transactCondition(spec.condition));
  return entry;
}

export function transactWrite(input: PlainObject): PlainObject {
  const items = listOf(requireObject(input, 'input').items, 'items').map(transactWriteItem);
  return { operation: 'TransactWriteItems', transactItems: items };
}
