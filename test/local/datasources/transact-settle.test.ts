// TransactWriteItems reads its first key back (consistently) before it answers, unless the target
// says settleTransactions: false (a DynamoDB Local in memory has nothing to keep durable); the
// items are written either way. transact-durable.test.ts shows why the read is there.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { transactWriteItems } from '../../../local/datasources/dynamodb/transact';
import type { DynamoDBTarget } from '../../../local/datasources/dynamodb/target';
import { useTestDynamoDB } from '../../support/dynamodb';

const db = useTestDynamoDB();

/** A target whose send records each command it is given, then sends it. */
function recordingTarget(settleTransactions?: boolean): { target: DynamoDBTarget; sent: Array<{ name: string; input: unknown }> } {
  const sent: Array<{ name: string; input: unknown }> = [];
  const send = ((command: { constructor: { name: string }; input: unknown }) => {
    sent.push({ name: command.constructor.name, input: command.input });
    return db.client.send(command as never);
  }) as DynamoDBTarget['send'];
  return { target: { send, tableName: db.tableName, nextTokenKey: Buffer.alloc(32), settleTransactions }, sent };
}

const write = (pk: string) => ({
  transactItems: [
    { table: db.tableName, operation: 'PutItem', key: { PK: { S: pk }, SK: { S: 'A' } }, attributeValues: { n: { N: 1 } }, condition: { expression: 'attribute_not_exists(PK)' } },
    { table: db.tableName, operation: 'PutItem', key: { PK: { S: pk }, SK: { S: 'B' } } },
  ],
});

async function stored(pk: string): Promise<boolean[]> {
  const read = (SK: string) => db.client.send(new GetItemCommand({ TableName: db.tableName, Key: { PK: { S: pk }, SK: { S: SK } }, ConsistentRead: true }));
  return [(await read('A')).Item !== undefined, (await read('B')).Item !== undefined];
}

it('by default, reads the first written key back with a consistent GetItem', async () => {
  const { target, sent } = recordingTarget();
  expect(await transactWriteItems(target, write('SETTLE#default'))).toEqual({ result: { keys: [{ PK: 'SETTLE#default', SK: 'A' }, { PK: 'SETTLE#default', SK: 'B' }] } });
  expect(sent.map((s) => s.name)).toEqual(['TransactWriteItemsCommand', 'GetItemCommand']);
  expect(sent[1]?.input).toEqual({ TableName: db.tableName, Key: { PK: { S: 'SETTLE#default' }, SK: { S: 'A' } }, ConsistentRead: true });
  expect(await stored('SETTLE#default')).toEqual([true, true]);
});

it('with settleTransactions: false, answers after the transaction alone, with the same result', async () => {
  const { target, sent } = recordingTarget(false);
  expect(await transactWriteItems(target, write('SETTLE#off'))).toEqual({ result: { keys: [{ PK: 'SETTLE#off', SK: 'A' }, { PK: 'SETTLE#off', SK: 'B' }] } });
  expect(sent.map((s) => s.name)).toEqual(['TransactWriteItemsCommand']);
  expect(await stored('SETTLE#off')).toEqual([true, true]);
});
