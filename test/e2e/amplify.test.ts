// The real aws-amplify v6 client under Node against a started twin (in memory): configured from
// the twin's amplify_outputs.json plus userPoolEndpoint, signed in with the default (SRP) flow,
// GraphQL over HTTP and subscriptions over wss:// to the twin's own TLS on the same port. A
// second user (bob) speaks the raw protocols, since Amplify's state is global to the process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import WS from 'ws';
import { Amplify } from 'aws-amplify';
import { generateClient } from 'aws-amplify/api';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';
import type { Twin } from '../../local/twin';
import { startTestTwin } from '../support/test-twin';
import { unrefAmplifyTimers } from '../support/amplify-timers';
import { cognitoSignIn, graphqlRequest, RealtimeClient } from './support/raw-clients';

const ROOM = 'fragment R on Room { id name createdBy createdAt }';
const MESSAGE = 'fragment M on Message { roomId id senderId sender content createdAt editedAt deleted }';
const createRoom = `mutation CreateRoom($name: String!) { createRoom(name: $name) { ...R } } ${ROOM}`;
const joinRoom = `mutation JoinRoom($roomId: ID!) { joinRoom(roomId: $roomId) { ...R } } ${ROOM}`;
const leaveRoom = `mutation LeaveRoom($roomId: ID!) { leaveRoom(roomId: $roomId) { ...R } } ${ROOM}`;
const sendMessage = `mutation SendMessage($roomId: ID!, $content: String!, $clientMessageId: String!) {
  sendMessage(roomId: $roomId, content: $content, clientMessageId: $clientMessageId) { ...M } } ${MESSAGE}`;
const listMessages = `query ListMessages($roomId: ID!) { listMessages(roomId: $roomId) { items { ...M } nextToken } } ${MESSAGE}`;
const myRooms = `query MyRooms { myRooms { ...R } } ${ROOM}`;
const onNewMessage = `subscription OnNewMessage($roomId: ID!) { onNewMessage(roomId: $roomId) { ...M } } ${MESSAGE}`;

/** What client.graphql returns for a subscription (its type depends on codegen'd documents). */
interface Subscribable {
  subscribe(observer: { next(event: unknown): void; error(error: unknown): void }): { unsubscribe(): void };
}

let twin: Twin;
let outputsDir: string;
let bobToken: string;
let bob: RealtimeClient;
let host: string;
let restoreTimers: () => void;

beforeAll(async () => {
  restoreTimers = unrefAmplifyTimers();
  outputsDir = mkdtempSync(join(tmpdir(), 'twin-e2e-'));
  twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: join(outputsDir, 'amplify_outputs.json'), logLevel: 'warn' });
  host = new URL(twin.graphqlUrl).host;
  // Amplify dials wss:// with the global WebSocket; this one trusts the twin's CA (a real TLS
  // handshake, as with NODE_EXTRA_CA_CERTS).
  const ca = twin.caCert;
  class TrustingWebSocket extends WS {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { ca });
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = TrustingWebSocket;
  const outputs = JSON.parse(readFileSync(String(twin.outputsPath), 'utf8'));
  Amplify.configure(outputs);
  const config = Amplify.getConfig();
  const cognito = { ...config.Auth?.Cognito, userPoolEndpoint: twin.cognitoEndpoint } as { userPoolId: string; userPoolClientId: string; userPoolEndpoint: string };
  Amplify.configure({ ...config, Auth: { Cognito: cognito } });
  bobToken = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  bob = await RealtimeClient.connect(twin.realtimeUrl, host, bobToken, twin.caCert);
}, 60000);

afterAll(async () => {
  await bob?.close();
  await twin?.stop();
  rmSync(outputsDir, { recursive: true, force: true });
  restoreTimers?.();
}, 60000);

describe('aws-amplify v6 against the twin', () => {
  const client = generateClient();
  let roomId = '';
  let aliceSub: { unsubscribe(): void } | undefined;
  const aliceReceived: unknown[] = [];
  let aliceNext: ((v: unknown) => void) | undefined;

  it('writes amplify_outputs.json that Amplify reads: user pools by default, IAM as well', () => {
    expect(Amplify.getConfig().API?.GraphQL).toMatchObject({ endpoint: twin.graphqlUrl, region: 'us-east-1', defaultAuthMode: 'userPool' });
    expect(Amplify.getConfig().Auth?.Cognito).toMatchObject({ userPoolId: twin.userPoolId, userPoolClientId: twin.clientId, userPoolEndpoint: twin.cognitoEndpoint });
  });

  it('signs in with the default flow', async () => {
    await expect(signIn({ username: 'alice', password: 'Alice#Local1' })).resolves.toEqual({ isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  });

  it('creates a room; the creator is its member', async () => {
    const result = (await client.graphql({ query: createRoom, variables: { name: 'general' } })) as { data: { createRoom: { id: string; name: string; createdBy: string } } };
    expect(result.data.createRoom).toMatchObject({ name: 'general', createdBy: twin.pool.getUser('alice').sub });
    roomId = result.data.createRoom.id;
    expect(roomId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('refuses listMessages to a user who is not a member', async () => {
    const result = await graphqlRequest(twin.graphqlUrl, bobToken, listMessages, { roomId });
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toEqual([expect.objectContaining({ path: ['listMessages'], errorType: 'Unauthorized' })]);
  });

  it('refuses onNewMessage to a user who is not a member', async () => {
    const refused = await bob.start('bob-early', onNewMessage, { roomId }, { Authorization: bobToken, host });
    expect(refused).toEqual({ type: 'error', id: 'bob-early', payload: { errors: [expect.objectContaining({ errorType: 'Unauthorized' })] } });
    expect(twin.subscriptionCount()).toBe(0);
  });

  it('lets a member subscribe: Amplify and a raw client both receive a sent message', async () => {
    const joined = await graphqlRequest(twin.graphqlUrl, bobToken, joinRoom, { roomId });
    expect(joined.body).toEqual({ data: { joinRoom: expect.objectContaining({ id: roomId }) } });

    const started = once(twin.events, 'subscriptionStarted');
    aliceSub = (client.graphql({ query: onNewMessage, variables: { roomId } }) as unknown as Subscribable).subscribe({
      next: (event: unknown) => {
        aliceReceived.push(event);
        aliceNext?.(event);
      },
      error: (error: unknown) => aliceReceived.push({ error }),
    });
    await started;
    expect(await bob.start('bob-1', onNewMessage, { roomId }, { Authorization: bobToken, host })).toEqual({ type: 'start_ack', id: 'bob-1' });

    const aliceGot = new Promise((resolve) => (aliceNext = resolve));
    const sent = (await client.graphql({ query: sendMessage, variables: { roomId, content: 'hello bob', clientMessageId: 'c-1' } })) as {
      data: { sendMessage: Record<string, unknown> };
    };
    expect(sent.data.sendMessage).toMatchObject({ roomId, content: 'hello bob', sender: 'alice', deleted: false });
    expect(await aliceGot).toEqual({ data: { onNewMessage: sent.data.sendMessage } });
    expect(await bob.next((f) => f.id === 'bob-1' && f.type === 'data')).toEqual({ type: 'data', id: 'bob-1', payload: { data: { onNewMessage: sent.data.sendMessage } } });
  });

  it("leaveRoom ends that user's subscription and no one else's", async () => {
    const left = await graphqlRequest(twin.graphqlUrl, bobToken, leaveRoom, { roomId });
    expect(left.body).toEqual({ data: { leaveRoom: expect.objectContaining({ id: roomId }) } });
    expect(await bob.next((f) => f.id === 'bob-1' && f.type !== 'ka')).toEqual({ type: 'complete', id: 'bob-1' });
    expect(twin.subscriptionCount()).toBe(1);

    const aliceGot = new Promise((resolve) => (aliceNext = resolve));
    await client.graphql({ query: sendMessage, variables: { roomId, content: 'bob left', clientMessageId: 'c-2' } });
    expect(await aliceGot).toEqual({ data: { onNewMessage: expect.objectContaining({ content: 'bob left' }) } });
    expect(bob.pending('bob-1')).toEqual([]);
    expect(aliceReceived).toHaveLength(2);
  });

  it('refreshes the session and keeps working with the new token', async () => {
    const before = String((await fetchAuthSession()).tokens?.accessToken);
    const after = String((await fetchAuthSession({ forceRefresh: true })).tokens?.accessToken);
    expect(after).not.toBe(before);
    const rooms = (await client.graphql({ query: myRooms })) as { data: { myRooms: Array<{ id: string }> } };
    expect(rooms.data.myRooms.map((r) => r.id)).toEqual([roomId]);
  });

  it('closes the socket once the last subscription ends', async () => {
    const disconnected = new Promise<void>((resolve) => {
      const stop = Hub.listen('api', ({ payload }) => {
        if (payload.event === 'ConnectionStateChange' && (payload.data as { connectionState?: string }).connectionState === 'Disconnected') {
          stop();
          resolve();
        }
      });
    });
    aliceSub?.unsubscribe();
    await disconnected;
    expect(twin.subscriptionCount()).toBe(0);
  });

  it('signs out: no tokens, and GraphQL calls are refused', async () => {
    await signOut();
    expect((await fetchAuthSession()).tokens).toBeUndefined();
    await expect(client.graphql({ query: myRooms })).rejects.toBeDefined();
  });
});

