// The real twin's user pool (startTwin, no options for it): the stack's settings apply, and a
// user cannot rename themselves through attributes to send as someone else.
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';
import { SEED_USERS } from '../../../local/auth/seed-users';

const bob = SEED_USERS[1];
let twin: Twin;

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
}, 60_000);

afterAll(async () => {
  await twin?.stop();
}, 60_000);

async function cognito(operation: string, input: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(twin.cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

it('refuses self sign-up as the deployed pool does', async () => {
  const answer = await cognito('SignUp', { ClientId: twin.clientId, Username: 'mallory', Password: 'Mallory#Local1', UserAttributes: [{ Name: 'email', Value: 'm@example.com' }] });
  expect(answer).toEqual({ status: 400, body: { __type: 'NotAuthorizedException', message: 'SignUp is not permitted for this user pool.' } });
  expect(twin.pool.findUser('mallory')).toBeUndefined();
});

it.each([['cognito:username'], ['username']])('refuses %s as an attribute, and messages keep the real sender', async (name) => {
  const { accessToken } = await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', bob.password);
  const answer = await cognito('UpdateUserAttributes', { AccessToken: accessToken, UserAttributes: [{ Name: name, Value: 'alice' }] });
  expect(answer).toEqual({ status: 400, body: { __type: 'InvalidParameterException', message: 'Attribute does not exist in the schema.' } });

  const { idToken } = await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', bob.password);
  const room = await graphqlRequest(twin.graphqlUrl, idToken, 'mutation { createRoom(name: "spoof") { id } }');
  const roomId = (room.body.data?.createRoom as { id: string }).id;
  const sent = await graphqlRequest(twin.graphqlUrl, idToken, 'mutation($r: ID!) { sendMessage(roomId: $r, content: "hi", clientMessageId: "c1") { sender } }', { r: roomId });
  expect(sent.body).toEqual({ data: { sendMessage: { sender: 'bob' } } });
});
