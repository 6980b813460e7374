// With dynamodbEndpoint (DYNAMODB_ENDPOINT / --dynamodb-endpoint) the twin starts no DynamoDB of
// its own and keeps the chat in the given endpoint and table.
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort } from '../../../local/dynamodb-local/free-port';
import { startTwin, type Twin } from '../../../local/twin';
import { useTestDynamoDB } from '../../support/dynamodb';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';

const dynamodb = useTestDynamoDB();
let twin: Twin;

beforeAll(async () => {
  twin = await startTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', dynamodbEndpoint: dynamodb.endpoint, tableName: dynamodb.tableName });
}, 60000);

afterAll(async () => {
  await twin?.stop();
}, 60000);

it('writes the room to the given endpoint and table', async () => {
  expect(twin.dynamodbEndpoint).toBe(dynamodb.endpoint);
  const token = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const created = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "outside") { id } }');
  expect(created.body.errors).toBeUndefined();
  const roomId = (created.body.data?.createRoom as { id: string }).id;
  const item = await dynamodb.client.send(new GetItemCommand({ TableName: dynamodb.tableName, Key: { PK: { S: `ROOM#${roomId}` }, SK: { S: 'META' } } }));
  expect(item.Item?.name).toEqual({ S: 'outside' });
});

it('closes its port when a start-up step after listening fails', async () => {
  const port = await findFreePort();
  const started = startTwin({ dataDir: null, port, outputsPath: join('/nonexistent-dir', 'amplify_outputs.json'), logLevel: 'silent', warmUp: false, dynamodbEndpoint: dynamodb.endpoint, tableName: dynamodb.tableName });
  await expect(started).rejects.toMatchObject({ code: 'ENOENT' });
  // Nothing of the failed twin holds the port.
  const probe = createServer().listen(port, '127.0.0.1');
  await once(probe, 'listening');
  await new Promise((resolve) => probe.close(resolve));
});
