/**
 * Users for the issue 12 feature tests on a started twin: the seeded alice (Admins, Members) and
 * bob (Members), plus Members made here, each signed in with an access token.
 */
import { randomUUID } from 'node:crypto';
import type { Twin } from '../../../local/twin';
import { cognitoSignIn, graphqlRequest, RealtimeClient, type GraphQLHttpResult } from './raw-clients';

export interface SignedIn {
  username: string;
  sub: string;
  token: string;
}

const SEEDED: Record<string, string> = { alice: 'Alice#Local1', bob: 'Bob#Local1' };

/** Signs in the seeded users and makes (and signs in) the others as Members. */
export async function signInUsers(twin: Twin, names: string[]): Promise<Record<string, SignedIn>> {
  const users: Record<string, SignedIn> = {};
  for (const name of names) {
    let password = SEEDED[name];
    if (!password) {
      password = `${name[0].toUpperCase()}${name.slice(1)}#Features-Local1`;
      twin.pool.createUser({ username: name, password, attributes: { email: `${name}@example.com`, email_verified: 'true' } });
      twin.pool.addUserToGroup(name, 'Members');
    }
    const { accessToken } = await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, name, password);
    users[name] = { username: name, sub: twin.pool.getUser(name).sub, token: accessToken };
  }
  return users;
}

/** A GraphQL call by a user over HTTP. */
export function callAs(twin: Twin, user: SignedIn, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLHttpResult> {
  return graphqlRequest(twin.graphqlUrl, user.token, query, variables);
}

/** A call that must succeed: its data. */
export async function must(twin: Twin, user: SignedIn, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const result = await callAs(twin, user, query, variables);
  if (result.status !== 200 || result.body.errors) throw new Error(`${user.username}: ${JSON.stringify(result.body)}`);
  return result.body.data ?? {};
}

/** The errorTypes of a call that must fail. */
export async function refusal(twin: Twin, user: SignedIn, query: string, variables: Record<string, unknown> = {}): Promise<string[]> {
  const result = await callAs(twin, user, query, variables);
  return (result.body.errors ?? []).map((e) => String(e.errorType));
}

export async function createRoom(twin: Twin, user: SignedIn, name: string, visibility?: 'PUBLIC' | 'PRIVATE'): Promise<string> {
  const data = await must(twin, user, 'mutation($n: String!, $v: RoomVisibility) { createRoom(name: $n, visibility: $v) { id } }', { n: name, v: visibility });
  return (data.createRoom as { id: string }).id;
}

export async function joinRoom(twin: Twin, user: SignedIn, roomId: string): Promise<void> {
  await must(twin, user, 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }', { r: roomId });
}

export async function sendMessage(twin: Twin, user: SignedIn, roomId: string, content: string): Promise<string> {
  const data = await must(twin, user, 'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { id } }', {
    r: roomId,
    c: content,
    k: randomUUID(),
  });
  return (data.sendMessage as { id: string }).id;
}

/** A realtime connection of the user, closed by closeAll. */
export async function connect(twin: Twin, user: SignedIn, open: RealtimeClient[]): Promise<RealtimeClient> {
  const client = await RealtimeClient.connect(twin.realtimeUrl, new URL(twin.graphqlUrl).host, user.token, twin.caCert);
  open.push(client);
  return client;
}

/** Starts a subscription with the user's token; the start's answer frame. */
export function subscribe(twin: Twin, client: RealtimeClient, user: SignedIn, id: string, query: string, variables: Record<string, unknown>) {
  return client.start(id, query, variables, { Authorization: user.token, host: new URL(twin.graphqlUrl).host });
}
