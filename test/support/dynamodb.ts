import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalDynamoDBClient, ensureTable, startDynamoDBLocal, type DynamoDBLocal } from '../../local/dynamodb-local';
import { sharedDynamoDBEndpoint, testTableName } from './shared-dynamodb';

/**
 * A real DynamoDB for one test file. Call at the top of a file (or describe): it uses
 * DYNAMODB_ENDPOINT when that is set, else the run's shared DynamoDB Local (jest's global setup),
 * else starts one in-memory DynamoDB Local in beforeAll and stops it in afterAll. Each call gets
 * its own freshly created table, named after the test file, so files never see each other's items.
 */
export interface TestDynamoDB {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly tableName: string;
}

const START_TIMEOUT_MS = 60000;

export function useTestDynamoDB(): TestDynamoDB {
  const tableName = testTableName();
  let local: DynamoDBLocal | undefined;
  let endpoint: string | undefined;
  let client: DynamoDBClient | undefined;

  beforeAll(async () => {
    endpoint = process.env.DYNAMODB_ENDPOINT || sharedDynamoDBEndpoint();
    if (!endpoint) {
      local = await startDynamoDBLocal();
      endpoint = local.endpoint;
    }
    client = createLocalDynamoDBClient(endpoint);
    await ensureTable(client, tableName);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    // A shared instance outlives this file: leave it clean.
    if (client && !local) await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
    client?.destroy();
    await local?.stop();
  }, START_TIMEOUT_MS);

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useTestDynamoDB: ${what} is only available inside tests and hooks`);
    return value;
  };
  return {
    get endpoint() {
      return ready(endpoint, 'endpoint');
    },
    get client() {
      return ready(client, 'client');
    },
    tableName,
  };
}
