/**
 * Clients for the load tests, over the real protocols against a twin in another process:
 * users made with Cognito's admin calls (SigV4 by the twin's local key) and signed in through the
 * Cognito API, GraphQL over HTTP POST, and AppSync realtime subscribers over raw `ws` that stamp
 * every data frame with the time it arrived.
 */
import type { Socket } from 'node:net';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import WebSocket from 'ws';
import { cognitoSignIn, graphqlRequest } from '../../e2e/support/raw-clients';
import type { TwinProcessInfo } from './twin-process';

export const MESSAGE_FIELDS = 'roomId id senderId sender content createdAt';
export const ON_NEW_MESSAGE = `subscription($roomId: ID!) { onNewMessage(roomId: $roomId) { ${MESSAGE_FIELDS} } }`;
export const SEND_MESSAGE = `mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { ${MESSAGE_FIELDS} } }`;
const CREATE_ROOM = 'mutation($n: String!) { createRoom(name: $n) { id } }';
const JOIN_ROOM = 'mutation($r: ID!) { joinRoom(roomId: $r) { id } }';

/** Meets the stack's password policy (infra/auth-settings.ts: 12+ characters, upper, lower, digit, symbol). */
const PASSWORD = 'Load#Password1';

export interface LoadUser {
  username: string;
  token: string;
}

/** Runs fn over items with at most `width` calls in flight; results in item order. */
export async function inParallel<T, R>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** Creates confirmed users in the Members group with the admin calls. */
export async function createMembers(info: TwinProcessInfo, usernames: readonly string[]): Promise<void> {
  const admin = new CognitoIdentityProviderClient({ endpoint: info.cognitoEndpoint, region: info.region, credentials: info.accessKey });
  try {
    await inParallel(usernames, 8, async (username) => {
      await admin.send(
        new AdminCreateUserCommand({
          UserPoolId: info.userPoolId,
          Username: username,
          TemporaryPassword: PASSWORD,
          MessageAction: 'SUPPRESS',
          UserAttributes: [{ Name: 'email', Value: `${username}@load.test` }],
        }),
      );
      await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: info.userPoolId, Username: username, Password: PASSWORD, Permanent: true }));
      await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: info.userPoolId, Username: username, GroupName: 'Members' }));
    });
  } finally {
    admin.destroy();
  }
}

/** Signs users in through the Cognito API (USER_PASSWORD_AUTH) and keeps their access tokens. */
export function signIn(info: TwinProcessInfo, usernames: readonly string[]): Promise<LoadUser[]> {
  return inParallel(usernames, 8, async (username) => ({
    username,
    token: (await cognitoSignIn(info.cognitoEndpoint, info.clientId, username, PASSWORD)).accessToken,
  }));
}

async function mutate(info: TwinProcessInfo, user: LoadUser, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await graphqlRequest(info.graphqlUrl, user.token, query, variables);
  if (result.status !== 200 || result.body.errors || !result.body.data) {
    throw new Error(`${query.slice(0, 40)}... failed for ${user.username}: ${result.status} ${JSON.stringify(result.body)}`);
  }
  return result.body.data;
}

export async function createRoom(info: TwinProcessInfo, user: LoadUser, name: string): Promise<string> {
  return ((await mutate(info, user, CREATE_ROOM, { n: name })).createRoom as { id: string }).id;
}

export async function joinRoom(info: TwinProcessInfo, user: LoadUser, roomId: string): Promise<void> {
  await mutate(info, user, JOIN_ROOM, { r: roomId });
}

/** One data frame as a subscriber saw it. */
export interface Delivery {
  id: string;
  clientMessageId: string;
  at: number;
}

type Frame = { type: string; id?: string; payload?: { data?: { onNewMessage?: { id: string; content: string } } } };

/**
 * A realtime connection that subscribes to onNewMessage for some rooms and records every data
 * frame per subscription. The message content carries its clientMessageId (see sendContent).
 */
export class LoadSubscriber {
  /** Deliveries by subscription id, in arrival order. */
  readonly deliveries = new Map<string, Delivery[]>();
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly pendingStarts = new Map<string, (frame: Frame) => void>();
  private onDelivery: () => void = () => undefined;
  private frameCount = 0;

  private constructor(
    private readonly socket: WebSocket,
    private readonly user: LoadUser,
    private readonly host: string,
  ) {
    socket.on('message', (raw) => this.receive(String(raw)));
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
  }

  static async connect(info: TwinProcessInfo, user: LoadUser): Promise<LoadSubscriber> {
    const host = new URL(info.graphqlUrl).host;
    const header = Buffer.from(JSON.stringify({ host, Authorization: user.token })).toString('base64url');
    const socket = new WebSocket(info.realtimeUrl, ['graphql-ws', `header-${header}`], { ca: info.caCert });
    const subscriber = new LoadSubscriber(socket, user, host);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const acknowledged = subscriber.awaitFrame('connection_ack');
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await acknowledged;
    return subscriber;
  }

  /** Data frames received so far, over all subscriptions. */
  get received(): number {
    return this.frameCount;
  }

  /** Subscribes to a room under the given id; resolves on start_ack, rejects on anything else. */
  async subscribe(subscriptionId: string, roomId: string): Promise<void> {
    this.deliveries.set(subscriptionId, []);
    const answer = new Promise<Frame>((resolve) => this.pendingStarts.set(subscriptionId, resolve));
    const payload = { data: JSON.stringify({ query: ON_NEW_MESSAGE, variables: { roomId } }), extensions: { authorization: { Authorization: this.user.token, host: this.host } } };
    this.socket.send(JSON.stringify({ id: subscriptionId, type: 'start', payload }));
    const frame = await answer;
    if (frame.type !== 'start_ack') throw new Error(`start ${subscriptionId} of ${this.user.username} was answered ${JSON.stringify(frame)}`);
  }

  /** Calls listener after every data frame (one listener; used to await a count). */
  onEachDelivery(listener: () => void): void {
    this.onDelivery = listener;
  }

  /** Stops reading the socket: the twin's frames pile up in the kernel and then in the twin. */
  pause(): void {
    this.rawSocket().pause();
  }

  resume(): void {
    this.rawSocket().resume();
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close();
    return this.closed;
  }

  /** Cuts the connection without a close handshake. */
  terminate(): Promise<{ code: number; reason: string }> {
    this.socket.terminate();
    return this.closed;
  }

  private rawSocket(): Socket {
    // ws keeps its net.Socket in _socket; pausing it is the only way to stop reading for real.
    return (this.socket as unknown as { _socket: Socket })._socket;
  }

  private awaitFrame(type: string): Promise<Frame> {
    return new Promise((resolve) => {
      const listener = (raw: WebSocket.RawData): void => {
        const frame = JSON.parse(String(raw)) as Frame;
        if (frame.type !== type) return;
        this.socket.off('message', listener);
        resolve(frame);
      };
      this.socket.on('message', listener);
    });
  }

  private receive(text: string): void {
    const at = performance.now();
    const frame = JSON.parse(text) as Frame;
    if (frame.id === undefined) return; // connection_ack, ka
    if (frame.type === 'data') {
      const message = frame.payload?.data?.onNewMessage;
      const list = this.deliveries.get(frame.id);
      if (!message || !list) throw new Error(`unexpected data frame ${text.slice(0, 200)}`);
      list.push({ id: message.id, clientMessageId: clientMessageIdOf(message.content), at });
      this.frameCount++;
      this.onDelivery();
      return;
    }
    const pending = this.pendingStarts.get(frame.id);
    if (pending) {
      this.pendingStarts.delete(frame.id);
      pending(frame);
    }
  }
}

/** Message content that names its clientMessageId, padded to a size. */
export function sendContent(clientMessageId: string, size = 0): string {
  return `${clientMessageId}|`.padEnd(size, 'x');
}

function clientMessageIdOf(content: string): string {
  return content.slice(0, content.indexOf('|'));
}

export type SendOutcome =
  | { acknowledged: true; id: string; sentAt: number; ackAt: number }
  | { acknowledged: false; sentAt: number; error: string };

/** One sendMessage over HTTP; never throws: a refused or broken request is an outcome. */
export async function sendMessage(info: TwinProcessInfo, user: LoadUser, roomId: string, clientMessageId: string, size = 0): Promise<SendOutcome> {
  const sentAt = performance.now();
  try {
    const result = await graphqlRequest(info.graphqlUrl, user.token, SEND_MESSAGE, { r: roomId, c: sendContent(clientMessageId, size), k: clientMessageId });
    const message = result.body.data?.sendMessage as { id: string } | null | undefined;
    if (result.status === 200 && !result.body.errors && message) return { acknowledged: true, id: message.id, sentAt, ackAt: performance.now() };
    return { acknowledged: false, sentAt, error: `${result.status} ${JSON.stringify(result.body)}` };
  } catch (error) {
    return { acknowledged: false, sentAt, error: error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error) };
  }
}
