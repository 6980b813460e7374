import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createDataSourceInvoker, createDynamoDBDataSource, type DynamoDBDataSource } from '../../../local/datasources';
import { useTestDynamoDB } from '../../support/dynamodb';

const db = useTestDynamoDB();
let invoke: DynamoDBDataSource;

beforeAll(() => {
  invoke = createDynamoDBDataSource({ client: db.client, tableName: db.tableName });
});

/** Reads an item straight from DynamoDB, bypassing the data source under test. */
async function readDirect(PK: string, SK: string): Promise<Record<string, unknown> | undefined> {
  const output = await db.client.send(
    new GetItemCommand({ TableName: db.tableName, Key: marshall({ PK, SK }), ConsistentRead: true }),
  );
  return output.Item === undefined ? undefined : unmarshall(output.Item);
}

async function writeDirect(item: Record<string, unknown>): Promise<void> {
  await db.client.send(new PutItemCommand({ TableName: db.tableName, Item: marshall(item) }));
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  const output = await db.client.send(new ScanCommand({ TableName: db.tableName, ConsistentRead: true }));
  return (output.Items ?? []).map((item) => unmarshall(item)).sort((a, b) => `${a.PK}|${a.SK}`.localeCompare(`${b.PK}|${b.SK}`));
}

const key = (PK: string, SK: string) => ({ PK: { S: PK }, SK: { S: SK } });

describe('GetItem and PutItem', () => {
  it('writes every DynamoDB type, numbers given as JSON numbers or strings, and reads plain JSON back', async () => {
    const put = await invoke({
      operation: 'PutItem',
      key: key('TYPES#1', 'A'),
      attributeValues: {
        text: { S: 'hello' },
        count: { N: 42 },
        ratio: { N: '2.5' },
        negative: { N: -7 },
        flag: { BOOL: true },
        nothing: { NULL: true },
        list: { L: [{ S: 'x' }, { N: 1 }] },
        map: { M: { nested: { S: 'y' }, n: { N: 3 } } },
        tags: { SS: ['a', 'b'] },
        scores: { NS: [1, '2'] },
        blob: { B: Buffer.from('bytes').toString('base64') },
      },
    });
    const expected = {
      PK: 'TYPES#1',
      SK: 'A',
      text: 'hello',
      count: 42,
      ratio: 2.5,
      negative: -7,
      flag: true,
      nothing: null,
      list: ['x', 1],
      map: { nested: 'y', n: 3 },
      tags: ['a', 'b'],
      scores: [1, 2],
      blob: Buffer.from('bytes').toString('base64'),
    };
    expect(put).toEqual({ result: expected });

    const stored = await readDirect('TYPES#1', 'A');
    expect(stored?.count).toBe(42);
    expect(stored?.ratio).toBe(2.5);
    expect(stored?.scores).toEqual(new Set([1, 2]));

    const got = await invoke({ operation: 'GetItem', key: key('TYPES#1', 'A'), consistentRead: true });
    expect(got.error).toBeUndefined();
    const read = got.result as Record<string, unknown>;
    expect({ ...read, tags: [...(read.tags as string[])].sort(), scores: [...(read.scores as number[])].sort() }).toEqual(expected);
  });

  it('returns null for a missing item', async () => {
    expect(await invoke({ operation: 'GetItem', key: key('NOPE', 'NOPE') })).toEqual({ result: null });
  });

  it('applies a projection with expression names', async () => {
    await writeDirect({ PK: 'PROJ', SK: 'A', name: 'n', secret: 's' });
    const got = await invoke({
      operation: 'GetItem',
      key: key('PROJ', 'A'),
      projection: { expression: '#name, PK', expressionNames: { '#name': 'name' } },
    });
    expect(got).toEqual({ result: { PK: 'PROJ', name: 'n' } });
  });

  it('puts without a condition by overwriting', async () => {
    await writeDirect({ PK: 'OVER', SK: 'A', v: 1, old: true });
    const put = await invoke({ operation: 'PutItem', key: key('OVER', 'A'), attributeValues: { v: { N: 2 } } });
    expect(put).toEqual({ result: { PK: 'OVER', SK: 'A', v: 2 } });
    expect(await readDirect('OVER', 'A')).toEqual({ PK: 'OVER', SK: 'A', v: 2 });
  });
});

describe('conditional checks (AppSync rules)', () => {
  const notExists = { expression: 'attribute_not_exists(PK)' };

  it('a conditional put of a new item succeeds', async () => {
    const put = await invoke({ operation: 'PutItem', key: key('COND#1', 'A'), attributeValues: { body: { S: 'one' } }, condition: notExists });
    expect(put).toEqual({ result: { PK: 'COND#1', SK: 'A', body: 'one' } });
  });

  it('putting the identical item again is a success that returns the stored item', async () => {
    await writeDirect({ PK: 'COND#2', SK: 'A', body: 'same', n: 1 });
    const put = await invoke({
      operation: 'PutItem',
      key: key('COND#2', 'A'),
      attributeValues: { body: { S: 'same' }, n: { N: '1.0' } },
      condition: notExists,
    });
    expect(put).toEqual({ result: { PK: 'COND#2', SK: 'A', body: 'same', n: 1 } });
  });

  it('putting a different item fails with the current item in result and leaves it unchanged', async () => {
    await writeDirect({ PK: 'COND#3', SK: 'A', body: 'first' });
    const put = await invoke({ operation: 'PutItem', key: key('COND#3', 'A'), attributeValues: { body: { S: 'second' } }, condition: notExists });
    expect(put.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(put.error?.message).toMatch(/^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: /);
    expect(put.result).toEqual({ PK: 'COND#3', SK: 'A', body: 'first' });
    expect(await readDirect('COND#3', 'A')).toEqual({ PK: 'COND#3', SK: 'A', body: 'first' });
  });

  it('equalsIgnore leaves named attributes out of the "identical" comparison', async () => {
    await writeDirect({ PK: 'COND#4', SK: 'A', body: 'b', updatedAt: 't1' });
    const retried = { operation: 'PutItem', key: key('COND#4', 'A'), attributeValues: { body: { S: 'b' }, updatedAt: { S: 't2' } } };
    const ignored = await invoke({ ...retried, condition: { ...notExists, equalsIgnore: ['updatedAt'] } });
    expect(ignored).toEqual({ result: { PK: 'COND#4', SK: 'A', body: 'b', updatedAt: 't1' } });

    const compared = await invoke({ ...retried, condition: notExists });
    expect(compared.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(compared.result).toEqual({ PK: 'COND#4', SK: 'A', body: 'b', updatedAt: 't1' });
    expect(await readDirect('COND#4', 'A')).toEqual({ PK: 'COND#4', SK: 'A', body: 'b', updatedAt: 't1' });
  });

  it('accepts the condition as a JSON string, as AWS examples pass it', async () => {
    await writeDirect({ PK: 'COND#5', SK: 'A' });
    const put = await invoke({
      operation: 'PutItem',
      key: key('COND#5', 'A'),
      attributeValues: { x: { N: 1 } },
      condition: JSON.stringify(notExists),
    });
    expect(put.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(put.result).toEqual({ PK: 'COND#5', SK: 'A' });
  });

  it('UpdateItem returns ALL_NEW and uses update and condition placeholders together', async () => {
    await writeDirect({ PK: 'UPD#1', SK: 'A', count: 1, owner: 'u1' });
    const updated = await invoke({
      operation: 'UpdateItem',
      key: key('UPD#1', 'A'),
      update: { expression: 'SET #count = #count + :by, #label = :label', expressionNames: { '#count': 'count', '#label': 'label' }, expressionValues: { ':by': { N: 2 }, ':label': { S: 'L' } } },
      condition: { expression: '#owner = :owner', expressionNames: { '#owner': 'owner' }, expressionValues: { ':owner': { S: 'u1' } } },
    });
    expect(updated).toEqual({ result: { PK: 'UPD#1', SK: 'A', count: 3, owner: 'u1', label: 'L' } });
  });

  it('a failing UpdateItem condition gives the error and the current item, and changes nothing', async () => {
    await writeDirect({ PK: 'UPD#2', SK: 'A', content: 'original', senderId: 'alice' });
    const updated = await invoke({
      operation: 'UpdateItem',
      key: key('UPD#2', 'A'),
      update: { expression: 'SET content = :content', expressionValues: { ':content': { S: 'hacked' } } },
      condition: { expression: 'senderId = :me', expressionValues: { ':me': { S: 'mallory' } } },
    });
    expect(updated.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(updated.result).toEqual({ PK: 'UPD#2', SK: 'A', content: 'original', senderId: 'alice' });
    expect(await readDirect('UPD#2', 'A')).toEqual({ PK: 'UPD#2', SK: 'A', content: 'original', senderId: 'alice' });
  });

  it('an UpdateItem condition on a missing item fails with a null result', async () => {
    const updated = await invoke({
      operation: 'UpdateItem',
      key: key('UPD#3', 'A'),
      update: { expression: 'SET content = :c', expressionValues: { ':c': { S: 'x' } } },
      condition: { expression: 'attribute_exists(PK)' },
    });
    expect(updated.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(updated.result).toBeNull();
    expect(await readDirect('UPD#3', 'A')).toBeUndefined();
  });

  it('DeleteItem returns the old item', async () => {
    await writeDirect({ PK: 'DEL#1', SK: 'A', v: 7 });
    expect(await invoke({ operation: 'DeleteItem', key: key('DEL#1', 'A') })).toEqual({ result: { PK: 'DEL#1', SK: 'A', v: 7 } });
    expect(await readDirect('DEL#1', 'A')).toBeUndefined();
  });

  it('a conditional delete of an item that is already gone is a success', async () => {
    const deleted = await invoke({ operation: 'DeleteItem', key: key('DEL#2', 'A'), condition: { expression: 'attribute_exists(PK)' } });
    expect(deleted).toEqual({ result: null });
  });

  it('a conditional delete that fails on an existing item gives the error and keeps the item', async () => {
    await writeDirect({ PK: 'DEL#3', SK: 'A', senderId: 'alice' });
    const deleted = await invoke({
      operation: 'DeleteItem',
      key: key('DEL#3', 'A'),
      condition: { expression: 'senderId = :me', expressionValues: { ':me': { S: 'bob' } } },
    });
    expect(deleted.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(deleted.result).toEqual({ PK: 'DEL#3', SK: 'A', senderId: 'alice' });
    expect(await readDirect('DEL#3', 'A')).toEqual({ PK: 'DEL#3', SK: 'A', senderId: 'alice' });
  });
});

describe('Query and Scan', () => {
  const room = 'ROOM#paging';
  const messageIds = ['01', '02', '03', '04', '05', '06', '07'];

  beforeAll(async () => {
    for (const id of messageIds) {
      await writeDirect({ PK: room, SK: `MSG#${id}`, content: `m${id}`, hidden: id === '03' });
    }
    await writeDirect({ PK: room, SK: 'META', name: 'paging room' });
    await writeDirect({ PK: 'ROOM#x', SK: 'MEMBER#u9', GSI1PK: 'USER#u9', GSI1SK: 'ROOM#x' });
    await writeDirect({ PK: 'ROOM#y', SK: 'MEMBER#u9', GSI1PK: 'USER#u9', GSI1SK: 'ROOM#y' });
  });

  const newestFirst = (nextToken?: string) => ({
    operation: 'Query',
    query: { expression: 'PK = :pk AND begins_with(SK, :msg)', expressionValues: { ':pk': { S: room }, ':msg': { S: 'MSG#' } } },
    scanIndexForward: false,
    limit: 3,
    ...(nextToken !== undefined && { nextToken }),
  });

  it('pages through every item newest first with opaque tokens', async () => {
    const seen: string[] = [];
    const tokens: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = (await invoke(newestFirst(nextToken))) as { result: { items: { SK: string }[]; nextToken: string | null; scannedCount: number } };
      expect(page.result.items.length).toBeLessThanOrEqual(3);
      expect(page.result.scannedCount).toBe(page.result.items.length);
      seen.push(...page.result.items.map((item) => item.SK));
      nextToken = page.result.nextToken ?? undefined;
      if (nextToken !== undefined) tokens.push(nextToken);
    } while (nextToken !== undefined);

    expect(seen).toEqual(['MSG#07', 'MSG#06', 'MSG#05', 'MSG#04', 'MSG#03', 'MSG#02', 'MSG#01']);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) {
      expect(token).not.toContain('ROOM#');
      expect(token).not.toContain('MSG#');
    }
  });

  it('filters after reading, so scannedCount counts what the key condition matched', async () => {
    const page = await invoke({
      operation: 'Query',
      query: { expression: 'PK = :pk AND begins_with(SK, :msg)', expressionValues: { ':pk': { S: room }, ':msg': { S: 'MSG#' } } },
      filter: { expression: '#hidden = :yes', expressionNames: { '#hidden': 'hidden' }, expressionValues: { ':yes': { BOOL: true } } },
    });
    expect(page).toEqual({ result: { items: [{ PK: room, SK: 'MSG#03', content: 'm03', hidden: true }], nextToken: null, scannedCount: 7 } });
  });

  it('queries the GSI', async () => {
    const page = (await invoke({
      operation: 'Query',
      index: 'GSI1',
      query: { expression: 'GSI1PK = :user', expressionValues: { ':user': { S: 'USER#u9' } } },
    })) as { result: { items: { GSI1SK: string }[] } };
    expect(page.result.items.map((item) => item.GSI1SK)).toEqual(['ROOM#x', 'ROOM#y']);
  });

  it.each([
    ['an edited token', (token: string) => token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')],
    ['a token with an edited payload', (token: string) => token.replace(/^v1\.(.)/, (_m, c: string) => `v1.${c === 'e' ? 'f' : 'e'}`)],
    ['a token of a foreign format', () => Buffer.from(JSON.stringify({ PK: { S: room }, SK: { S: 'MSG#05' } })).toString('base64')],
    ['an empty token', () => ''],
  ])('rejects %s', async (_name, tamper) => {
    const first = (await invoke(newestFirst())) as { result: { nextToken: string } };
    const page = await invoke(newestFirst(tamper(first.result.nextToken)));
    expect(page).toEqual({ error: { type: 'MappingTemplate', message: expect.stringContaining('Invalid nextToken') } });
  });

  it('rejects a Scan token in a Query', async () => {
    const scanned = (await invoke({ operation: 'Scan', limit: 2 })) as { result: { nextToken: string } };
    expect(typeof scanned.result.nextToken).toBe('string');
    const page = await invoke(newestFirst(scanned.result.nextToken));
    expect(page.error?.type).toBe('MappingTemplate');
  });

  it('scans the whole table page by page with a filter', async () => {
    const contents: string[] = [];
    let scanned = 0;
    let nextToken: string | null = null;
    do {
      const page = (await invoke({
        operation: 'Scan',
        limit: 4,
        filter: { expression: 'begins_with(SK, :msg)', expressionValues: { ':msg': { S: 'MSG#' } } },
        ...(nextToken !== null && { nextToken }),
      })) as { result: { items: { PK: string; content?: string }[]; nextToken: string | null; scannedCount: number } };
      scanned += page.result.scannedCount;
      contents.push(...page.result.items.filter((item) => item.PK === room).map((item) => item.content as string));
      nextToken = page.result.nextToken;
    } while (nextToken !== null);
    expect(contents.sort()).toEqual(['m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07']);
    expect(scanned).toBe((await scanAll()).length);
  });
});

describe('batch operations', () => {
  it('BatchPutItem, BatchGetItem in request order with null for missing, BatchDeleteItem', async () => {
    const table = db.tableName;
    const put = await invoke({
      operation: 'BatchPutItem',
      tables: { [table]: [{ ...key('BATCH', '1'), n: { N: 1 } }, { ...key('BATCH', '2'), n: { N: 2 } }] },
    });
    expect(put).toEqual({
      result: { data: { [table]: [{ PK: 'BATCH', SK: '1', n: 1 }, { PK: 'BATCH', SK: '2', n: 2 }] }, unprocessedItems: { [table]: [] } },
    });
    expect(await readDirect('BATCH', '2')).toEqual({ PK: 'BATCH', SK: '2', n: 2 });

    const got = await invoke({
      operation: 'BatchGetItem',
      tables: { [table]: { keys: [key('BATCH', '2'), key('BATCH', 'missing'), key('BATCH', '1')], consistentRead: true } },
    });
    expect(got).toEqual({
      result: { data: { [table]: [{ PK: 'BATCH', SK: '2', n: 2 }, null, { PK: 'BATCH', SK: '1', n: 1 }] }, unprocessedKeys: { [table]: [] } },
    });

    const deleted = await invoke({ operation: 'BatchDeleteItem', tables: { [table]: [key('BATCH', '1'), key('BATCH', '2')] } });
    expect(deleted).toEqual({
      result: { data: { [table]: [{ PK: 'BATCH', SK: '1' }, { PK: 'BATCH', SK: '2' }] }, unprocessedKeys: { [table]: [] } },
    });
    expect(await readDirect('BATCH', '1')).toBeUndefined();
    expect(await readDirect('BATCH', '2')).toBeUndefined();
  });

  it('a batch on a table that does not exist is a DynamoDB error', async () => {
    const got = await invoke({ operation: 'BatchGetItem', tables: { 'no-such-table': { keys: [key('A', 'B')] } } });
    expect(got.error?.type).toBe('DynamoDB:ResourceNotFoundException');
  });
});

describe('transactions', () => {
  it('TransactWriteItems writes all items and returns their keys', async () => {
    const table = db.tableName;
    await writeDirect({ PK: 'TX#1', SK: 'META', open: true });
    const written = await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table, operation: 'ConditionCheck', key: key('TX#1', 'META'), condition: { expression: '#open = :yes', expressionNames: { '#open': 'open' }, expressionValues: { ':yes': { BOOL: true } } } },
        { table, operation: 'PutItem', key: key('TX#1', 'MSG#1'), attributeValues: { body: { S: 'hi' } }, condition: { expression: 'attribute_not_exists(PK)' } },
        { table, operation: 'UpdateItem', key: key('TX#1', 'COUNTER'), update: { expression: 'ADD #n :one', expressionNames: { '#n': 'n' }, expressionValues: { ':one': { N: 1 } } } },
      ],
    });
    expect(written).toEqual({ result: { keys: [{ PK: 'TX#1', SK: 'META' }, { PK: 'TX#1', SK: 'MSG#1' }, { PK: 'TX#1', SK: 'COUNTER' }] } });
    expect(await readDirect('TX#1', 'MSG#1')).toEqual({ PK: 'TX#1', SK: 'MSG#1', body: 'hi' });
    expect(await readDirect('TX#1', 'COUNTER')).toEqual({ PK: 'TX#1', SK: 'COUNTER', n: 1 });
  });

  it('a cancelled transaction gives reasons, the existing item where asked, and writes nothing', async () => {
    const table = db.tableName;
    await writeDirect({ PK: 'TX#2', SK: 'META', open: false });
    await writeDirect({ PK: 'TX#2', SK: 'MSG#1', body: 'existing' });
    const before = await scanAll();
    const cancelled = await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table, operation: 'PutItem', key: key('TX#2', 'MSG#2'), attributeValues: { body: { S: 'new' } } },
        { table, operation: 'ConditionCheck', key: key('TX#2', 'META'), condition: { expression: '#open = :yes', expressionNames: { '#open': 'open' }, expressionValues: { ':yes': { BOOL: true } } } },
        { table, operation: 'PutItem', key: key('TX#2', 'MSG#1'), attributeValues: { body: { S: 'dup' } }, condition: { expression: 'attribute_not_exists(PK)', returnValuesOnConditionCheckFailure: false } },
      ],
    });
    expect(cancelled.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(cancelled.error?.message).toContain('Transaction cancelled');
    expect(cancelled.result).toEqual({
      keys: null,
      cancellationReasons: [
        { type: 'None', message: null },
        { type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/), item: { PK: 'TX#2', SK: 'META', open: false } },
        { type: 'ConditionalCheckFailed', message: expect.stringMatching(/^The conditional request failed/) },
      ],
    });
    expect(await scanAll()).toEqual(before);
  });

  it('TransactGetItems returns items in order, null for missing', async () => {
    const table = db.tableName;
    await writeDirect({ PK: 'TX#3', SK: 'A', v: 1 });
    const got = await invoke({
      operation: 'TransactGetItems',
      transactItems: [{ table, key: key('TX#3', 'missing') }, { table, key: key('TX#3', 'A') }],
    });
    expect(got).toEqual({ result: { items: [null, { PK: 'TX#3', SK: 'A', v: 1 }] } });
  });
});

describe('bad requests change nothing and fail in AppSync style', () => {
  const mapping = 'MappingTemplate';
  it.each([
    ['a request that is not an object', 'PutItem please', mapping, 'The data source request must be a JSON object.'],
    ['no operation', { key: key('BAD', 'A') }, mapping, "Value for field '$[operation]' not found."],
    ['an unknown operation', { operation: 'PutItems', key: key('BAD', 'A') }, mapping, "Unsupported operation 'PutItems'"],
    ['an operation from Object.prototype', { operation: 'toString' }, mapping, "Unsupported operation 'toString'"],
    ['PutItem without key', { operation: 'PutItem', attributeValues: { a: { S: 'x' } } }, mapping, "Value for field '$[key]' not found."],
    ['an untyped key value', { operation: 'PutItem', key: { PK: 'BAD', SK: { S: 'A' } } }, mapping, "Expected a DynamoDB typed value for '$[key].PK'"],
    ['an unknown type', { operation: 'PutItem', key: key('BAD', 'A'), attributeValues: { a: { X: 'x' } } }, mapping, "Unsupported DynamoDB type 'X'"],
    ['two type keys', { operation: 'PutItem', key: key('BAD', 'A'), attributeValues: { a: { S: 'x', N: 1 } } }, mapping, 'Expected exactly one type key'],
    ['a number that is not a number', { operation: 'PutItem', key: key('BAD', 'A'), attributeValues: { a: { N: 'ten' } } }, mapping, "Expected a number for '$[attributeValues].a'"],
    ['UpdateItem without update', { operation: 'UpdateItem', key: key('BAD', 'A') }, mapping, "Value for field '$[update]' not found."],
    ['a condition without expression', { operation: 'DeleteItem', key: key('DEL#keep', 'A'), condition: {} }, mapping, "Value for field '$[condition][expression]' not found."],
    ['the Custom conflict strategy', { operation: 'PutItem', key: key('BAD', 'A'), condition: { expression: 'attribute_not_exists(PK)', conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn' } } }, mapping, "Only the 'Reject'"],
    ['Query without query', { operation: 'Query' }, mapping, "Value for field '$[query]' not found."],
    ['an unknown select', { operation: 'Scan', select: 'COUNT' }, mapping, "Unsupported select 'COUNT'"],
    ['a limit that is not an integer', { operation: 'Scan', limit: '10' }, mapping, "Expected integer for field '$[limit]'"],
    ['BatchPutItem without tables', { operation: 'BatchPutItem' }, mapping, "Value for field '$[tables]' not found."],
    ['a transact write with an unknown operation', { operation: 'TransactWriteItems', transactItems: [{ table: 't', operation: 'Upsert', key: key('BAD', 'A') }] }, mapping, "Unsupported operation 'Upsert'"],
    ['a ConditionCheck without condition', { operation: 'TransactWriteItems', transactItems: [{ table: 't', operation: 'ConditionCheck', key: key('BAD', 'A') }] }, mapping, "Value for field '$[transactItems][0][condition]' not found."],
    ['a key missing the sort key', { operation: 'PutItem', key: { PK: { S: 'BAD' } }, attributeValues: {} }, 'DynamoDB:ValidationException', 'One of the required keys was not given a value'],
    ['an empty expressionValues map', { operation: 'PutItem', key: key('BAD', 'A'), condition: { expression: 'attribute_not_exists(PK)', expressionValues: {} } }, 'DynamoDB:ValidationException', 'ExpressionAttributeValues must not be empty'],
    ['an empty string key', { operation: 'PutItem', key: key('', 'A') }, 'DynamoDB:ValidationException', 'empty string'],
  ])('%s', async (_name, request, type, message) => {
    await writeDirect({ PK: 'DEL#keep', SK: 'A' });
    const before = await scanAll();
    const answer = await invoke(request);
    expect(answer.error?.type).toBe(type);
    expect(answer.error?.message).toContain(message);
    expect(answer.result).toBeUndefined();
    expect(await scanAll()).toEqual(before);
  });
});

describe('data source invoker from the wiring', () => {
  it('routes AMAZON_DYNAMODB and NONE data sources by name', async () => {
    const invokeDataSource = createDataSourceInvoker({
      dataSources: { ChatTable: { kind: 'AMAZON_DYNAMODB' }, NoneDS: { kind: 'NONE' } },
      dynamodb: { client: db.client, tableName: db.tableName },
    });
    await writeDirect({ PK: 'WIRE', SK: 'A', ok: true });
    expect(await invokeDataSource('ChatTable', { operation: 'GetItem', key: key('WIRE', 'A') })).toEqual({ result: { PK: 'WIRE', SK: 'A', ok: true } });
    expect(await invokeDataSource('NoneDS', { payload: { echo: [1, 'two'] } })).toEqual({ result: { echo: [1, 'two'] } });
    expect(await invokeDataSource('Missing', { payload: 1 })).toEqual({
      error: { type: 'DataSourceNotFound', message: "No data source named 'Missing' in the wiring table." },
    });
  });
});
