// With dynamodbEndpoint (DYNAMODB_ENDPOINT / --dynamodb-endpoint) the twin starts no DynamoDB of
// its own and keeps the chat in the given endpoint and table.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
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
