/**
 * Raw protocol clients for tests: Cognito sign-in and GraphQL over plain fetch, and an AppSync
 * realtime client over `ws` that trusts the twin's CA. They speak the wire formats directly, so
 * a second user needs no second Amplify configuration.
 */
import WebSocket from 'ws';

export async function cognitoSignIn(cognitoEndpoint: string, clientId: string, username: string, password: string): Promise<{ accessToken: string; idToken: string }> {
  const response = await fetch(cognitoEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  });
  const body = (await response.json()) as { AuthenticationResult?: { AccessToken: string; IdToken: string } };
  if (!response.ok || !body.AuthenticationResult) throw new Error(`sign-in of ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  return { accessToken: body.AuthenticationResult.AccessToken, idToken: body.AuthenticationResult.IdToken };
}

export interface GraphQLHttpResult {
  status: number;
  headers: Headers;
  body: { data?: Record<string, unknown> | null; errors?: Array<Record<string, unknown>> };
}

export async function graphqlRequest(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}, extraHeaders: Record<string, string> = {}): Promise<GraphQLHttpResult> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (token !== null) headers.authorization = token;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLHttpResult['body'] };
}

type Frame = { type: string; id?: string; payload?: Record<string, unknown> };

/** One AppSync realtime connection: frames are queued and awaited by predicate. */
export class RealtimeClient {
  private readonly frames: Frame[] = [];
  private readonly waiters: Array<{ match: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  readonly closed: Promise<void>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as Frame;
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      } else {
        this.frames.push(frame);
      }
    });
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  static async connect(realtimeUrl: string, host: string, token: string, ca: string): Promise<RealtimeClient> {
    const header = Buffer.from(JSON.stringify({ host, Authorization: token })).toString('base64url');
    const socket = new WebSocket(realtimeUrl, ['graphql-ws', `header-${header}`], { ca });
    const client = new RealtimeClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await client.next((f) => f.type === 'connection_ack');
    return client;
  }

  /** The next frame (already received or still to come) that matches. */
  next(match: (f: Frame) => boolean): Promise<Frame> {
    const index = this.frames.findIndex(match);
    if (index >= 0) return Promise.resolve(this.frames.splice(index, 1)[0] as Frame);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  /** Sends `start` and resolves with start_ack or error for that id. */
  start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): Promise<Frame> {
    this.socket.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } } }));
    return this.next((f) => f.id === id && (f.type === 'start_ack' || f.type === 'error'));
  }

  /** Frames received so far and not yet taken, of one subscription. */
  pending(id: string): Frame[] {
    return this.frames.filter((f) => f.id === id);
  }

  close(): Promise<void> {
    this.socket.close();
    return this.closed;
  }
}
