// What the GraphQL layer refuses, on a real twin: subscription starts over a raw AppSync
// realtime socket (a root field skipped or doubled is refused before start_ack and receives
// nothing), and documents and variables over HTTP (a GraphQL error with status 200, never a
// 5xx, and the table unchanged).
import { randomUUID } from 'node:crypto';
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { createLocalDynamoDBClient } from '../../../local/dynamodb-local';
import { cognitoSignIn, graphqlRequest, RealtimeClient } from '../../e2e/support/raw-clients';
import { scanTable } from './support/table';

const MESSAGE = 'roomId id senderId sender content createdAt editedAt deleted';
const sendMessage = `mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { ${MESSAGE} } }`;

let twin: Twin;
let host: string;
let db: ReturnType<typeof createLocalDynamoDBClient>;
const tokens = { alice: '', bob: '', carol: '' };
let roomA = '';
let roomB = '';

async function createRoom(name: string): Promise<string> {
  const result = await graphqlRequest(twin.graphqlUrl, tokens.bob, 'mutation($n: String!) { createRoom(name: $n) { id } }', { n: name });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data?.createRoom as { id: string }).id;
}

async function send(roomId: string, content: string): Promise<Record<string, unknown>> {
  const result = await graphqlRequest(twin.graphqlUrl, tokens.bob, sendMessage, { r: roomId, c: content, k: randomUUID() });
  expect(result.body.errors).toBeUndefined();
  return result.body.data?.sendMessage as Record<string, unknown>;
}

beforeAll(async () => {
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn' });
  host = new URL(twin.graphqlUrl).host;
  db = createLocalDynamoDBClient(twin.dynamodbEndpoint);
  for (const [name, password] of [['alice', 'Alice#Local1'], ['bob', 'Bob#Local1'], ['carol', 'Carol#Local1']] as const) {
    tokens[name] = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, name, password)).accessToken;
  }
  roomA = await createRoom('refusals A');
  roomB = await createRoom('refusals B');
}, 60000);

afterAll(async () => {
  db?.destroy();
  await twin?.stop();
}, 60000);

const oneTopLevelField = { errors: [{ errorType: 'ValidationError', message: 'Subscription must select exactly one top level field' }] };

describe('a realtime start whose root field is skipped, doubled or introspection', () => {
  let socket: RealtimeClient;
  beforeAll(async () => {
    // One socket for every start: each start carries its own token, and bob's subscription to
    // room B is the sentinel that shows when a send has been fanned out to this socket.
    socket = await RealtimeClient.connect(twin.realtimeUrl, host, tokens.bob, twin.caCert);
    const sentinel = await socket.start('sentinel', `subscription($r: ID!) { onNewMessage(roomId: $r) { id } }`, { r: roomB }, { host, Authorization: tokens.bob });
    expect(sentinel).toEqual({ type: 'start_ack', id: 'sentinel' });
  });
  afterAll(async () => {
    await socket?.close();
  });

  const cases: Array<[string, string, Record<string, unknown>, unknown]> = [
    ['@skip(if: true)', 'subscription($r: ID!) { onNewMessage(roomId: $r) @skip(if: true) { id content } }', {}, oneTopLevelField],
    ['@include(if: false)', 'subscription($r: ID!) { onNewMessage(roomId: $r) @include(if: false) { id content } }', {}, oneTopLevelField],
    ['@skip through a variable', 'subscription($r: ID!, $s: Boolean!) { onNewMessage(roomId: $r) @skip(if: $s) { id content } }', { s: true }, oneTopLevelField],
    ['@include through a variable', 'subscription($r: ID!, $i: Boolean!) { onNewMessage(roomId: $r) @include(if: $i) { id content } }', { i: false }, oneTopLevelField],
    ['a skipped field in a fragment', 'subscription($r: ID!) { ...F } fragment F on Subscription { onNewMessage(roomId: $r) @skip(if: true) { id content } }', {}, oneTopLevelField],
    ['an excluded inline fragment', 'subscription($r: ID!) { ... on Subscription @include(if: false) { onNewMessage(roomId: $r) { id content } } }', {}, oneTopLevelField],
    ['onMessageChanged with @skip(if: true)', 'subscription($r: ID!) { onMessageChanged(roomId: $r) @skip(if: true) { id content } }', {}, oneTopLevelField],
    ['onMessageChanged with @include through a variable', 'subscription($r: ID!, $i: Boolean!) { onMessageChanged(roomId: $r) @include(if: $i) { id content } }', { i: false }, oneTopLevelField],
    ['both subscriptions', 'subscription($r: ID!) { onNewMessage(roomId: $r) { id } onMessageChanged(roomId: $r) { id } }', {}, oneTopLevelField],
    [
      '__typename at the root',
      'subscription { __typename }',
      {},
      { errors: [{ errorType: 'ValidationError', message: 'Subscription must not select an introspection top level field' }] },
    ],
    [
      'a missing @skip variable',
      'subscription($r: ID!, $s: Boolean!) { onNewMessage(roomId: $r) @skip(if: $s) { id content } }',
      {},
      { errors: [{ message: "Variable 's' has coerced Null value for NonNull type 'Boolean!'" }] },
    ],
  ];
  const identities = [
    ['bob, a member of the room', () => tokens.bob],
    ['carol, in no group', () => tokens.carol],
    ['alice, an Admin outside the room', () => tokens.alice],
  ] as const;

  describe.each(identities)('started by %s', (_who, token) => {
    it.each(cases)('%s: an error frame, no start_ack, and no message of any room', async (_case, query, variables, payload) => {
      const before = twin.subscriptionCount();
      const id = randomUUID();
      expect(await socket.start(id, query, { r: roomA, ...variables }, { host, Authorization: token() })).toEqual({ type: 'error', id, payload });
      expect(twin.subscriptionCount()).toBe(before);
      // A send to room A and one to room B: once the sentinel has the second, both have been
      // fanned out to this socket, and nothing arrived for the refused start.
      await send(roomA, 'to A');
      const toB = await send(roomB, 'to B');
      expect(await socket.next((f) => f.id === 'sentinel' && (f.payload?.data as { onNewMessage: { id: string } }).onNewMessage.id === toB.id)).toMatchObject({ type: 'data' });
      expect(socket.pending(id)).toEqual([]);
    });
  });
});

/** A request body as text: variables nested past what JSON.stringify can write. */
const rawBody = (query: string, variablesJson: string) => `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`;

describe('documents and variables over HTTP', () => {
  const refused = (message: string) => ({ data: null, errors: [{ path: null, locations: [], errorType: 'ValidationError', message }] });
  const aliases = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

  it.each<[string, () => string, unknown]>([
    [
      'a subscription skipped through a variable (was HTTP 500)',
      () => JSON.stringify({ query: 'subscription($r: ID!, $s: Boolean!) { onNewMessage(roomId: $r) @skip(if: $s) { id } }', variables: { r: roomA, s: true } }),
      { data: null, errors: [{ path: null, locations: [{ line: 1, column: 1, sourceName: null }], ...oneTopLevelField.errors[0] }] },
    ],
    [
      'a send whose @include variable is missing',
      () => JSON.stringify({ query: 'mutation($r: ID!, $i: Boolean!) { sendMessage(roomId: $r, content: "x", clientMessageId: "k1") @include(if: $i) { id } }', variables: { r: roomA } }),
      { data: null, errors: [{ path: null, locations: [{ line: 1, column: 19, sourceName: null }], message: "Variable 'i' has coerced Null value for NonNull type 'Boolean!'" }] },
    ],
    [
      'variables nested 10,000 levels (was "Maximum call stack size exceeded", errorType null)',
      () => rawBody('query { myRooms { id } }', `{"a":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`),
      refused('Variables are nested deeper than 32 levels'),
    ],
    [
      'input nested 10,000 levels in a send',
      () => rawBody(sendMessage, `{"r":"${roomA}","c":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)},"k":"k2"}`),
      refused('Variables are nested deeper than 32 levels'),
    ],
    ['brackets nested 5,000 levels', () => JSON.stringify({ query: `{${'a{'.repeat(5000)}b${'}'.repeat(5001)}` }), refused('Query document nests brackets deeper than 64 levels')],
    ['65,537 characters', () => JSON.stringify({ query: `{ myRooms { id } }${' '.repeat(65_537 - 18)}` }), refused('Query document is longer than 65536 characters')],
    ['1,001 fields', () => JSON.stringify({ query: `{ myRooms { ${aliases(1000, 'id')} } }` }), refused('Query selects more than 1000 fields (fragments expanded)')],
    [
      '51 sends in one request',
      () => JSON.stringify({ query: `mutation($r: ID!) { ${Array.from({ length: 51 }, (_, i) => `s${i}: sendMessage(roomId: $r, content: "x", clientMessageId: "m${i}") { id }`).join(' ')} }`, variables: { r: roomA } }),
      refused('Query selects more than 50 root fields (fragments expanded)'),
    ],
    ['depth 11', () => JSON.stringify({ query: `{ myRooms { ${'a { '.repeat(9)}b${' }'.repeat(9)} } }` }), refused('Query depth exceeds the limit of 10')],
  ])('%s: HTTP 200 with the GraphQL error, table unchanged', async (_case, body, expected) => {
    const before = await scanTable(db, twin.tableName);
    const response = await fetch(twin.graphqlUrl, { method: 'POST', headers: { authorization: tokens.bob, 'content-type': 'application/json' }, body: body() });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: expected });
    expect(await scanTable(db, twin.tableName)).toEqual(before);
  });
});
