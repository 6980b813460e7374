// @aws-appsync/utils/dynamodb. Verified-AWS outputs (reference §5.2) are compared byte-for-byte
// as JSON; the other shapes follow the published request types.
import { createHarness } from './test-bridge';

const { dynamodb: ddb } = createHarness().modules;
const { operations } = ddb;

describe('dynamodb module: Verified-AWS outputs', () => {
  it.each<[string, () => unknown, string]>([
    ['get({key:{id:"id"}})', () => ddb.get({ key: { id: 'id' } }), '{"operation":"GetItem","key":{"id":{"S":"id"}}}'],
    ['put({key:{id:"abc"}, item:{value:10}})', () => ddb.put({ key: { id: 'abc' }, item: { value: 10 } }), '{"operation":"PutItem","key":{"id":{"S":"abc"}},"attributeValues":{"value":{"N":10}}}'],
    ['remove({key:{id:"test"}})', () => ddb.remove({ key: { id: 'test' } }), '{"operation":"DeleteItem","key":{"id":{"S":"test"}}}'],
    ['scan({limit:10, nextToken:"abc"})', () => ddb.scan({ limit: 10, nextToken: 'abc' }), '{"operation":"Scan","limit":10,"nextToken":"abc"}'],
  ])('%s', (_label, call, json) => {
    expect(JSON.stringify(call())).toBe(json);
  });

  it.each<[string, unknown, string, Record<string, unknown>]>([
    ['add(10)', operations.add(10), 'SET #expName_1 = :expValue_1', { ':expValue_1': { N: 10 } }],
    ['replace({a:1})', operations.replace({ a: 1 }), 'SET #expName_1 = :expValue_1', { ':expValue_1': { M: { a: { N: 1 } } } }],
    ['increment(10)', operations.increment(10), 'SET #expName_1 = #expName_1 + :expValue_1', { ':expValue_1': { N: 10 } }],
    ['decrement(10)', operations.decrement(10), 'SET #expName_1 = #expName_1 - :expValue_1', { ':expValue_1': { N: 10 } }],
    ['append([1,2,3])', operations.append([1, 2, 3]), 'SET #expName_1 = list_append(#expName_1, :expValue_1)', { ':expValue_1': { L: [{ N: 1 }, { N: 2 }, { N: 3 }] } }],
    ['prepend([1,2,3])', operations.prepend([1, 2, 3]), 'SET #expName_1 = list_append(:expValue_1, #expName_1)', { ':expValue_1': { L: [{ N: 1 }, { N: 2 }, { N: 3 }] } }],
  ])('update with operations.%s', (_label, change, expression, expressionValues) => {
    expect(ddb.update({ key: { id: 'a' }, update: { count: change } })).toEqual({
      operation: 'UpdateItem',
      key: { id: { S: 'a' } },
      update: { expression, expressionNames: { '#expName_1': 'count' }, expressionValues },
    });
  });

  it('update with plain values (incl. null) numbers clauses in key order', () => {
    expect(JSON.stringify(ddb.update({ key: { id: 'a' }, update: { name: 'n', age: 3, nick: null } }))).toBe(
      '{"operation":"UpdateItem","key":{"id":{"S":"a"}},"update":{"expression":"SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3",' +
        '"expressionNames":{"#expName_1":"name","#expName_2":"age","#expName_3":"nick"},' +
        '"expressionValues":{":expValue_1":{"S":"n"},":expValue_2":{"N":3},":expValue_3":{"NULL":null}}}}',
    );
  });

  it.each<[string, unknown]>([
    ['add', [operations.add(10), { type: 'OPERATION_ADD', value: 10 }]],
    ['append', [operations.append([1]), { type: 'OPERATION_APPEND', items: [1] }]],
    ['decrement', [operations.decrement(10), { type: 'OPERATION_DECREMENT', by: 10 }]],
    ['increment', [operations.increment(10), { type: 'OPERATION_INCREMENT', by: 10 }]],
    ['prepend', [operations.prepend([1]), { type: 'OPERATION_PREPEND', items: [1] }]],
    ['replace', [operations.replace('v'), { type: 'OPERATION_REPLACE', value: 'v' }]],
  ])('operations.%s returns the AWS marker object', (_label, pair) => {
    const [actual, expected] = pair as [unknown, unknown];
    expect(actual).toEqual(expected);
  });
});

describe('dynamodb module: update expressions beyond the recorded cases', () => {
  it('remove() becomes a REMOVE clause after the SET clauses', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { gone: operations.remove(), name: 'n' } }).update).toEqual({
      expression: 'SET #expName_2 = :expValue_2 REMOVE #expName_1',
      expressionNames: { '#expName_1': 'gone', '#expName_2': 'name' },
      expressionValues: { ':expValue_2': { S: 'n' } },
    });
  });

  it('updateListItem sets one list element', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { tags: operations.updateListItem('x', 2) } }).update).toEqual({
      expression: 'SET #expName_1[2] = :expValue_1',
      expressionNames: { '#expName_1': 'tags' },
      expressionValues: { ':expValue_1': { S: 'x' } },
    });
  });

  it('a nested plain object becomes one SET per leaf path', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { pref: { a: 1, b: 2 } } }).update).toEqual({
      expression: 'SET #expName_1.#expName_2 = :expValue_1, #expName_1.#expName_3 = :expValue_2',
      expressionNames: { '#expName_1': 'pref', '#expName_2': 'a', '#expName_3': 'b' },
      expressionValues: { ':expValue_1': { N: 1 }, ':expValue_2': { N: 2 } },
    });
  });

  it('a dotted key is one literal attribute name, not a path', () => {
    expect((ddb.update({ key: { id: 'a' }, update: { 'settings.foo': 1 } }).update as { expressionNames: unknown }).expressionNames).toEqual({ '#expName_1': 'settings.foo' });
  });

  it('increment() without an argument steps by 1', () => {
    expect(operations.increment()).toEqual({ type: 'OPERATION_INCREMENT', by: 1 });
    expect(operations.decrement()).toEqual({ type: 'OPERATION_DECREMENT', by: 1 });
  });

  it('undefined values are skipped', () => {
    expect((ddb.update({ key: { id: 'a' }, update: { a: undefined, b: 1 } }).update as { expression: unknown }).expression).toBe('SET #expName_1 = :expValue_1');
  });
});

describe('dynamodb module: item requests', () => {
  it('get passes consistentRead and projection only when given', () => {
    expect(ddb.get({ key: { PK: 'R', SK: 'META' }, consistentRead: true, projection: ['id', 'author.name'] })).toEqual({
      operation: 'GetItem',
      key: { PK: { S: 'R' }, SK: { S: 'META' } },
      consistentRead: true,
      projection: { expression: '#id, #author.#name', expressionNames: { '#id': 'id', '#author': 'author', '#name': 'name' } },
    });
    expect(ddb.get({ key: { id: 1 }, consistentRead: false })).toEqual({ operation: 'GetItem', key: { id: { N: 1 } }, consistentRead: false });
  });

  it('put drops key attributes from attributeValues and converts a condition object', () => {
    expect(
      ddb.put({ key: { PK: 'ROOM#1', SK: 'META' }, item: { PK: 'ROOM#1', SK: 'META', name: 'general' }, condition: { PK: { attributeExists: false } } }),
    ).toEqual({
      operation: 'PutItem',
      key: { PK: { S: 'ROOM#1' }, SK: { S: 'META' } },
      attributeValues: { name: { S: 'general' } },
      condition: { expression: '(attribute_not_exists(#PK))', expressionNames: { '#PK': 'PK' } },
    });
  });

  it('put accepts the JSON string util.transform returns as its condition', () => {
    const { util } = createHarness().modules;
    const condition = util.transform.toDynamoDBConditionExpression({ version: { eq: 1 } });
    expect(ddb.put({ key: { id: 'a' }, item: {}, condition: condition as never }).condition).toEqual({
      expression: '(#version = :version_eq)', expressionNames: { '#version': 'version' }, expressionValues: { ':version_eq': { N: 1 } },
    });
  });

  it('remove and update carry condition and versioning fields', () => {
    expect(ddb.remove({ key: { id: 'a' }, condition: { owner: { eq: 'u1' } }, _version: 3 })).toEqual({
      operation: 'DeleteItem',
      key: { id: { S: 'a' } },
      condition: { expression: '(#owner = :owner_eq)', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner_eq': { S: 'u1' } } },
      _version: 3,
    });
    const updated = ddb.update({ key: { id: 'a' }, update: { n: 1 }, condition: { id: { attributeExists: true } }, customPartitionKey: 'p', populateIndexFields: true });
    expect(updated.condition).toEqual({ expression: '(attribute_exists(#id))', expressionNames: { '#id': 'id' } });
    expect([updated.customPartitionKey, updated.populateIndexFields]).toEqual(['p', true]);
  });
});

describe('dynamodb module: query, scan, sync', () => {
  it.each<[string, Record<string, unknown>, string, Record<string, unknown>]>([
    ['eq', { SK: { eq: 'META' } }, '#PK = :PK_eq AND #SK = :SK_eq', { ':SK_eq': { S: 'META' } }],
    ['lt', { SK: { lt: 'M' } }, '#PK = :PK_eq AND #SK < :SK_lt', { ':SK_lt': { S: 'M' } }],
    ['le', { SK: { le: 'M' } }, '#PK = :PK_eq AND #SK <= :SK_le', { ':SK_le': { S: 'M' } }],
    ['gt', { SK: { gt: 'M' } }, '#PK = :PK_eq AND #SK > :SK_gt', { ':SK_gt': { S: 'M' } }],
    ['ge', { SK: { ge: 'M' } }, '#PK = :PK_eq AND #SK >= :SK_ge', { ':SK_ge': { S: 'M' } }],
    ['between', { SK: { between: ['A', 'B'] } }, '#PK = :PK_eq AND #SK BETWEEN :SK_between_0 AND :SK_between_1', { ':SK_between_0': { S: 'A' }, ':SK_between_1': { S: 'B' } }],
    ['beginsWith', { SK: { beginsWith: 'MSG#' } }, '#PK = :PK_eq AND begins_with(#SK,:SK_beginsWith)', { ':SK_beginsWith': { S: 'MSG#' } }],
  ])('query key condition with sort key %s', (_label, sortKey, expression, sortValues) => {
    expect(ddb.query({ query: { PK: { eq: 'ROOM#1' }, ...sortKey } as never }).query).toEqual({
      expression,
      expressionNames: { '#PK': 'PK', '#SK': 'SK' },
      expressionValues: { ':PK_eq': { S: 'ROOM#1' }, ...sortValues },
    });
  });

  it('query passes the optional fields in a fixed order and omits the ones not given', () => {
    const request = ddb.query({
      query: { PK: { eq: 'ROOM#1' } },
      filter: { deleted: { ne: true } },
      index: 'GSI1',
      limit: 50,
      nextToken: 't',
      scanIndexForward: false,
      consistentRead: false,
      select: 'ALL_ATTRIBUTES',
      projection: ['id'],
    } as never);
    expect(Object.keys(request)).toEqual(['operation', 'query', 'index', 'limit', 'nextToken', 'scanIndexForward', 'consistentRead', 'select', 'filter', 'projection']);
    expect(request.filter).toEqual({ expression: '(#deleted <> :deleted_ne)', expressionNames: { '#deleted': 'deleted' }, expressionValues: { ':deleted_ne': { BOOL: true } } });
    expect(Object.keys(ddb.query({ query: { PK: { eq: 'x' } }, limit: null, nextToken: null } as never))).toEqual(['operation', 'query']);
  });

  it('scan carries segments, filter and projection', () => {
    expect(ddb.scan({ segment: 1, totalSegments: 4, filter: { a: { gt: 1 } }, projection: ['a'] } as never)).toEqual({
      operation: 'Scan',
      segment: 1,
      totalSegments: 4,
      filter: { expression: '(#a > :a_gt)', expressionNames: { '#a': 'a' }, expressionValues: { ':a_gt': { N: 1 } } },
      projection: { expression: '#a', expressionNames: { '#a': 'a' } },
    });
  });

  it('sync carries its own fields', () => {
    expect(ddb.sync({ basePartitionKey: 'b', deltaIndexName: 'd', limit: 100, lastSync: 5, filter: { a: { eq: 1 } } } as never)).toEqual({
      operation: 'Sync',
      basePartitionKey: 'b',
      deltaIndexName: 'd',
      limit: 100,
      lastSync: 5,
      filter: { expression: '(#a = :a_eq)', expressionNames: { '#a': 'a' }, expressionValues: { ':a_eq': { N: 1 } } },
    });
  });
});

describe('dynamodb module: batch and transactions', () => {
  it('batchGet, batchPut and batchDelete key their tables by name', () => {
    expect(ddb.batchGet({ tables: { chat: { keys: [{ PK: 'a', SK: 'b' }], consistentRead: true, projection: ['id'] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: { chat: { keys: [{ PK: { S: 'a' }, SK: { S: 'b' } }], consistentRead: true, projection: { expression: '#id', expressionNames: { '#id': 'id' } } } },
    });
    expect(ddb.batchPut({ tables: { chat: [{ PK: 'a', n: 1 }] } })).toEqual({ operation: 'BatchPutItem', tables: { chat: [{ PK: { S: 'a' }, n: { N: 1 } }] } });
    expect(ddb.batchDelete({ tables: { chat: [{ PK: 'a' }] } })).toEqual({ operation: 'BatchDeleteItem', tables: { chat: [{ PK: { S: 'a' } }] } });
  });

  it('transactGet lists table and key per item', () => {
    expect(ddb.transactGet({ items: [{ table: 'chat', key: { PK: 'a' } }] })).toEqual({
      operation: 'TransactGetItems',
      transactItems: [{ table: 'chat', key: { PK: { S: 'a' } } }],
    });
  });

  it('transactWrite turns each kind of item into its operation', () => {
    expect(
      ddb.transactWrite({
        items: [
          { putItem: { table: 't', key: { id: '1' }, item: { id: '1', n: 1 }, condition: { id: { attributeExists: false } } } },
          { updateItem: { table: 't', key: { id: '2' }, update: { n: operations.increment(1) } } },
          { deleteItem: { table: 't', key: { id: '3' } } },
          { conditionCheck: { table: 't', key: { id: '4' }, condition: { n: { gt: 0 } } } },
        ],
      }),
    ).toEqual({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 't', operation: 'PutItem', key: { id: { S: '1' } }, attributeValues: { n: { N: 1 } }, condition: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' } } },
        { table: 't', operation: 'UpdateItem', key: { id: { S: '2' } }, update: { expression: 'SET #expName_1 = #expName_1 + :expValue_1', expressionNames: { '#expName_1': 'n' }, expressionValues: { ':expValue_1': { N: 1 } } } },
        { table: 't', operation: 'DeleteItem', key: { id: { S: '3' } } },
        { table: 't', operation: 'ConditionCheck', key: { id: { S: '4' } }, condition: { expression: '(#n > :n_gt)', expressionNames: { '#n': 'n' }, expressionValues: { ':n_gt': { N: 0 } } } },
      ],
    });
  });

  it.each<[string, () => unknown, unknown]>([
    ['toStringSet', () => ddb.toStringSet(['a', 'b']), { SS: ['a', 'b'] }],
    ['toNumberSet', () => ddb.toNumberSet([1, 2.5]), { NS: [1, 2.5] }],
    ['toBinarySet', () => ddb.toBinarySet(['SGVsbG8=']), { BS: ['SGVsbG8='] }],
  ])('module %s', (_label, call, expected) => {
    expect(call()).toEqual(expected);
  });
});

describe('dynamodb module: typed sets from the module helpers', () => {
  it('put keeps a toStringSet value as a set attribute', () => {
    expect(ddb.put({ key: { id: 'a' }, item: { tags: ddb.toStringSet(['x', 'y']), ids: ddb.toNumberSet([1]) } }).attributeValues).toEqual({
      tags: { SS: ['x', 'y'] },
      ids: { NS: [1] },
    });
  });

  it('update sets a whole set attribute instead of walking into it', () => {
    expect(ddb.update({ key: { id: 'a' }, update: { tags: ddb.toStringSet(['x']) } }).update).toEqual({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'tags' },
      expressionValues: { ':expValue_1': { SS: ['x'] } },
    });
  });

  it('batchPut keeps a toBinarySet value', () => {
    expect(ddb.batchPut({ tables: { t: [{ id: 'a', blobs: ddb.toBinarySet(['SGVsbG8=']) }] } }).tables).toEqual({ t: [{ id: { S: 'a' }, blobs: { BS: ['SGVsbG8='] } }] });
  });

  it('a map that merely has an SS key with a non-array value stays a map', () => {
    expect(ddb.put({ key: { id: 'a' }, item: { m: { SS: 'x' } } }).attributeValues).toEqual({ m: { M: { SS: { S: 'x' } } } });
  });
});

describe('dynamodb module: inputs are never mutated', () => {
  it.each<[string, (input: never) => unknown, Record<string, unknown>]>([
    ['put', ddb.put, { key: { id: 'a' }, item: { id: 'a', n: 1 }, condition: { id: { attributeExists: false } } }],
    ['update', ddb.update, { key: { id: 'a' }, update: { pref: { a: 1 }, n: operations.increment(1) } }],
    ['query', ddb.query, { query: { PK: { eq: 'a' } }, filter: { b: { eq: 1 } }, projection: ['b'] }],
    ['transactWrite', ddb.transactWrite, { items: [{ putItem: { table: 't', key: { id: '1' }, item: { id: '1' } } }] }],
  ])('%s', (_label, helper, input) => {
    const before = JSON.stringify(input);
    helper(input as never);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('dynamodb module: bad input', () => {
  it.each<[string, Record<string, unknown>, (input: never) => unknown, string]>([
    ['get without key', {}, ddb.get, 'key must be an object'],
    ['put with a non-object item', { key: { id: 'a' }, item: 'x' }, ddb.put, 'item must be an object'],
    ['update without update', { key: { id: 'a' } }, ddb.update, 'update must be an object'],
    ['query without query', {}, ddb.query, 'query must be an object'],
    ['query with an unknown key operator', { query: { PK: { contains: 'x' } } }, ddb.query, 'Unsupported key condition operator "contains" on "PK"'],
    ['query between with one value', { query: { PK: { eq: 'a' }, SK: { between: ['x'] } } }, ddb.query, '"between" on "SK" needs an array of two values'],
    ['scan with a filter on a bare value', { filter: { a: 1 } }, ddb.scan, 'Invalid condition for "a": expected an object of operators'],
    ['batchPut with a non-array table', { tables: { t: {} } }, ddb.batchPut, 'tables.t must be an array'],
    ['batchGet without keys', { tables: { t: {} } }, ddb.batchGet, 'tables.t.keys must be an array'],
    ['transactGet without items', {}, ddb.transactGet, 'items must be an array'],
    ['transactWrite with an unknown item kind', { items: [{ upsert: 1 }] }, ddb.transactWrite, 'needs one of putItem, updateItem, deleteItem, conditionCheck'],
    ['condition that is not an object', { key: { id: 'a' }, condition: 5 }, ddb.remove, 'A condition or filter must be an object'],
  ])('%s throws and leaves the input unchanged', (_label, input, helper, message) => {
    const before = JSON.stringify(input);
    expect(() => helper(input as never)).toThrow(message);
    expect(JSON.stringify(input)).toBe(before);
  });
});
