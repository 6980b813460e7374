// An acknowledged TransactWriteItems survives DynamoDB Local's JVM being killed right after
// (SIGKILL). DynamoDB Local alone answers before the transaction is durable and loses the last
// one in most such kills; the twin's data source reads the first written key back before it
// answers (transact.ts settleTransaction), which makes it stick. Without that read back, rounds of
// 20 transactions then a kill lost the last one 6 times in 8.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { transactWriteItems } from '../../../local/datasources/dynamodb/transact';
import { createLocalDynamoDBClient, ensureTable, startDynamoDBLocal } from '../../../local/dynamodb-local';

const ROUNDS = 4;
const PER_ROUND = 20;
const TABLE = 'DurableTable';

it(`keeps every acknowledged transaction of ${ROUNDS} rounds of ${PER_ROUND}, each round ended by a SIGKILL of DynamoDB Local`, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'transact-durable-'));
  const missing: string[] = [];
  // The JVM started to read a round back also writes the next round: ROUNDS + 1 starts, not 2 × ROUNDS.
  let local = await startDynamoDBLocal({ dataDir });
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const client = createLocalDynamoDBClient(local.endpoint);
      await ensureTable(client, TABLE);
      const send = ((command: never) => client.send(command)) as never;
      // A run of transactions, as a busy room makes them; the kill comes right after the last answer.
      for (let n = 0; n < PER_ROUND; n++) {
        const answer = await transactWriteItems({ send, tableName: TABLE, nextTokenKey: Buffer.alloc(32) }, {
          transactItems: [
            // Typed values, as util.dynamodb.toMapValues makes them in a resolver.
            { table: TABLE, operation: 'PutItem', key: { PK: { S: `A#${round}-${n}` }, SK: { S: 'S' } }, attributeValues: { n: { N: String(n) } }, condition: { expression: 'attribute_not_exists(PK)' } },
            { table: TABLE, operation: 'PutItem', key: { PK: { S: `B#${round}-${n}` }, SK: { S: 'S' } }, attributeValues: { n: { N: String(n) } } },
          ],
        });
        expect(answer.error).toBeUndefined();
      }
      process.kill(local.jvmPid, 'SIGKILL');
      await local.exited;
      client.destroy();

      local = await startDynamoDBLocal({ dataDir });
      const reader = createLocalDynamoDBClient(local.endpoint);
      for (const pk of Array.from({ length: PER_ROUND }, (_, n) => [`A#${round}-${n}`, `B#${round}-${n}`]).flat()) {
        const got = await reader.send(new GetItemCommand({ TableName: TABLE, Key: { PK: { S: pk }, SK: { S: 'S' } }, ConsistentRead: true }));
        if (!got.Item) missing.push(pk);
      }
      reader.destroy();
    }
  } finally {
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  expect(missing).toEqual([]);
}, 180_000);
