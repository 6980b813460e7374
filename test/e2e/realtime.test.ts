// The twin's realtime endpoint with raw AppSync-protocol clients over wss:// (the twin's own
// TLS): connection auth, start errors, per-room filtering, edits and deletes, and removal by an
// Admin ending the removed user's subscriptions.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { cognitoSignIn, graphqlRequest, RealtimeClient } from './support/raw-clients';

const MESSAGE = 'roomId id senderId sender content createdAt editedAt deleted';
const onNewMessage = `subscription($roomId: ID!) { onNewMessage(roomId: $roomId) { ${MESSAGE} } }`;
const onMessageChanged = `subscription($roomId: ID!) { onMessageChanged(roomId: $roomId) { id content editedAt deleted } }`;
const sendMessage = `mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { ${MESSAGE} } }`;

let twin: Twin;
let host: string;
const tokens: Record<'alice' | 'bob' | 'carol', string> = { alice: '', bob: '', carol: '' };
const clients: RealtimeClient[] = [];

async function connect(user: keyof typeof tokens): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(twin.realtimeUrl, host, tokens[user], twin.caCert);
  clients.push(client);
  return client;
}

async function createRoom(user: keyof typeof tokens, name: string): Promise<string> {
  const result = await graphqlRequest(twin.graphqlUrl, tokens[user], 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: name });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data?.createRoom as { id: string }).id;
}

async function send(user: keyof typeof tokens, roomId: string, content: string): Promise<Record<string, unknown>> {
  const result = await graphqlRequest(twin.graphqlUrl, tokens[user], sendMessage, { r: roomId, c: content, k: randomUUID() });
  expect(result.body.errors).toBeUndefined();
  return result.body.data?.sendMessage as Record<string, unknown>;
}

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  host = new URL(twin.graphqlUrl).host;
  for (const [name, password] of [['alice', 'Alice#Local1'], ['bob', 'Bob#Local1'], ['carol', 'Carol#Local1']] as const) {
    tokens[name] = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, name, password)).accessToken;
  }
}, 60000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await twin?.stop();
}, 60000);

describe('connection authentication', () => {
  it.each<[string, string]>([
    ['a malformed token', 'not-a-jwt'],
    ['no token', ''],
  ])('%s: connection_error UnauthorizedException 401, then the socket closes', async (_case, token) => {
    const header = Buffer.from(JSON.stringify(token ? { host, Authorization: token } : { host })).toString('base64url');
    const socket = new WebSocket(twin.realtimeUrl, ['graphql-ws', `header-${header}`], { ca: twin.caCert });
    const frames: unknown[] = [];
    socket.on('message', (raw) => frames.push(JSON.parse(String(raw))));
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(frames).toEqual([
      { type: 'connection_error', payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] } },
    ]);
  });
});

describe('start errors', () => {
  let roomId = '';
  let bob: RealtimeClient;
  beforeAll(async () => {
    roomId = await createRoom('bob', 'start-errors');
    bob = await connect('bob');
  });

  it.each<[string, string, Record<string, unknown>, () => Record<string, string>, unknown]>([
    [
      'an unknown field',
      'subscription { onNothing { id } }',
      {},
      () => ({ Authorization: tokens.bob, host }),
      { errors: [expect.objectContaining({ message: "Validation error of type FieldUndefined: Field 'onNothing' in type 'Subscription' is undefined @ 'onNothing'" })] },
    ],
    [
      'a user in no group (the start carries its own token)',
      onNewMessage,
      { roomId: 'placeholder' },
      () => ({ Authorization: tokens.carol, host }),
      { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onNewMessage on type Subscription' }] },
    ],
    [
      'a room that does not exist',
      onNewMessage,
      { roomId: '01M8000000000000000000ZZZZ' },
      () => ({ Authorization: tokens.bob, host }),
      { errors: [expect.objectContaining({ errorType: 'NotFound' })] },
    ],
    [
      'a malformed room id',
      onNewMessage,
      { roomId: 'room-1' },
      () => ({ Authorization: tokens.bob, host }),
      { errors: [expect.objectContaining({ errorType: 'ValidationError' })] },
    ],
  ])('%s is an error frame for that id, and nothing is subscribed', async (_case, query, variables, authorization, payload) => {
    const before = twin.subscriptionCount();
    const id = randomUUID();
    const vars = variables.roomId === 'placeholder' ? { roomId } : variables;
    expect(await bob.start(id, query, vars, authorization())).toEqual({ type: 'error', id, payload });
    expect(twin.subscriptionCount()).toBe(before);
  });
});

describe('delivery', () => {
  it('a subscriber gets messages of its room only', async () => {
    const roomA = await createRoom('bob', 'A');
    const roomB = await createRoom('bob', 'B');
    const bob = await connect('bob');
    expect(await bob.start('a', onNewMessage, { roomId: roomA }, { Authorization: tokens.bob, host })).toEqual({ type: 'start_ack', id: 'a' });
    await send('bob', roomB, 'to B');
    const toA = await send('bob', roomA, 'to A');
    expect(await bob.next((f) => f.type === 'data')).toEqual({ type: 'data', id: 'a', payload: { data: { onNewMessage: toA } } });
  });

  it('edits and deletes reach onMessageChanged with the fields the subscriber selected', async () => {
    const roomId = await createRoom('bob', 'changes');
    const bob = await connect('bob');
    expect(await bob.start('c', onMessageChanged, { roomId }, { Authorization: tokens.bob, host })).toEqual({ type: 'start_ack', id: 'c' });
    const sent = await send('bob', roomId, 'first draft');
    const edit = await graphqlRequest(twin.graphqlUrl, tokens.bob, `mutation($r: ID!, $m: ID!) { editMessage(roomId: $r, messageId: $m, content: "final") { ${MESSAGE} } }`, { r: roomId, m: sent.id });
    expect(edit.body.errors).toBeUndefined();
    const edited = edit.body.data?.editMessage as Record<string, unknown>;
    expect(await bob.next((f) => f.type === 'data')).toEqual({
      type: 'data',
      id: 'c',
      payload: { data: { onMessageChanged: { id: sent.id, content: 'final', editedAt: edited.editedAt, deleted: false } } },
    });
    const del = await graphqlRequest(twin.graphqlUrl, tokens.bob, `mutation($r: ID!, $m: ID!) { deleteMessage(roomId: $r, messageId: $m) { ${MESSAGE} } }`, { r: roomId, m: sent.id });
    expect(del.body.errors).toBeUndefined();
    const deleted = await bob.next((f) => f.type === 'data');
    expect(deleted).toMatchObject({ type: 'data', id: 'c', payload: { data: { onMessageChanged: { id: sent.id, deleted: true } } } });
  });

  it("an Admin's removeMember ends the removed user's subscriptions to that room", async () => {
    const roomId = await createRoom('bob', 'moderated');
    const joined = await graphqlRequest(twin.graphqlUrl, tokens.alice, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
    expect(joined.body.errors).toBeUndefined();
    const bob = await connect('bob');
    expect(await bob.start('n', onNewMessage, { roomId }, { Authorization: tokens.bob, host })).toEqual({ type: 'start_ack', id: 'n' });
    expect(await bob.start('m', onMessageChanged, { roomId }, { Authorization: tokens.bob, host })).toEqual({ type: 'start_ack', id: 'm' });
    const bobSub = twin.pool.getUser('bob').sub;
    const removed = await graphqlRequest(twin.graphqlUrl, tokens.alice, 'mutation($r: ID!, $u: String!) { removeMember(roomId: $r, userId: $u) { id } }', { r: roomId, u: bobSub });
    expect(removed.body).toEqual({ data: { removeMember: { id: roomId } } });
    expect(await bob.next((f) => f.type === 'complete' && f.id === 'n')).toEqual({ type: 'complete', id: 'n' });
    expect(await bob.next((f) => f.type === 'complete' && f.id === 'm')).toEqual({ type: 'complete', id: 'm' });
  });
});

describe('a token signed out after the handshake', () => {
  it('starts nothing more on the connection it opened, by itself or as the connection principal; live subscriptions go on', async () => {
    twin.pool.createUser({ username: 'sona', password: 'Sona#Realtime-Local1', attributes: { email: 'sona@example.com', email_verified: 'true' } });
    twin.pool.addUserToGroup('sona', 'Members');
    const { accessToken } = await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'sona', 'Sona#Realtime-Local1');
    const created = await graphqlRequest(twin.graphqlUrl, accessToken, 'mutation { createRoom(name: "signed-out") { id } }');
    const roomId = (created.body.data?.createRoom as { id: string }).id;
    const sona = await RealtimeClient.connect(twin.realtimeUrl, host, accessToken, twin.caCert);
    clients.push(sona);
    expect(await sona.start('live', onNewMessage, { roomId }, { Authorization: accessToken, host })).toEqual({ type: 'start_ack', id: 'live' });

    const signOut = await fetch(twin.cognitoEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GlobalSignOut' },
      body: JSON.stringify({ AccessToken: accessToken }),
    });
    expect(signOut.status).toBe(200);

    const before = twin.subscriptionCount();
    const refused = { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] };
    expect(await sona.start('own', onNewMessage, { roomId }, { Authorization: accessToken, host })).toEqual({ type: 'error', id: 'own', payload: refused });
    expect(await sona.start('inherited', onNewMessage, { roomId }, { host })).toEqual({ type: 'error', id: 'inherited', payload: refused });
    expect(twin.subscriptionCount()).toBe(before);

    // AWS does not document ending live subscriptions when a token is revoked (reference §2.3).
    const joined = await graphqlRequest(twin.graphqlUrl, tokens.alice, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
    expect(joined.body.errors).toBeUndefined();
    const message = await send('alice', roomId, 'still delivered');
    expect(await sona.next((f) => f.id === 'live' && f.type === 'data')).toMatchObject({ payload: { data: { onNewMessage: { id: message.id } } } });
  });
});
