// Twin.stop() under load: requests after the stop began are refused with a retryable 503, every
// send the twin acknowledged during the stop reached the subscriber that was connected, and a
// trickling client cannot hold the stop past the drain bound.
import net from 'node:net';
import type { Twin } from '../../../local/twin';
import { startTestTwin } from '../../support/test-twin';
import { cognitoSignIn, graphqlRequest, RealtimeClient } from '../../e2e/support/raw-clients';

const sendMessage =
  'mutation($r: ID!, $c: String!, $k: String!) { sendMessage(roomId: $r, content: $c, clientMessageId: $k) { roomId id content } }';
const onNewMessage = 'subscription($r: ID!) { onNewMessage(roomId: $r) { roomId id content } }';
const DRAIN_MS = 1500;
/** Scheduling slack on a loaded machine, on top of the bounds under test. */
const SLACK_MS = 3000;
/** ws-server's close handshake bound and DynamoDB Local's stop, both after the drain. */
const AFTER_DRAIN_MS = 2000 + 5000;

interface Running {
  twin: Twin;
  token: string;
  roomId: string;
  host: string;
}

async function running(): Promise<Running> {
  const twin = await startTestTwin({ dataDir: null, port: 0, outputsPath: null, logLevel: 'warn', serverLimits: { drainTimeoutMs: DRAIN_MS } });
  const token = (await cognitoSignIn(twin.cognitoEndpoint, twin.clientId, 'bob', 'Bob#Local1')).accessToken;
  const room = await graphqlRequest(twin.graphqlUrl, token, 'mutation { createRoom(name: "shutdown") { id } }');
  return { twin, token, roomId: (room.body.data?.createRoom as { id: string }).id, host: new URL(twin.graphqlUrl).host };
}

/** Sends the raw request on the socket and resolves with everything read until the server closes it. */
function rawExchange(socket: net.Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.once('close', () => resolve(text));
    socket.write(request);
  });
}

function graphqlPost(host: string, token: string, body: string): string {
  return `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('stop()', () => {
  let setup: Running | undefined;
  afterEach(async () => {
    await setup?.twin.stop();
    setup = undefined;
  }, 60000);

  it('delivers every send it acknowledged during the stop to the connected subscriber', async () => {
    setup = await running();
    const { twin, token, roomId, host } = setup;
    const subscriber = await RealtimeClient.connect(twin.realtimeUrl, host, token, twin.caCert);
    expect(await subscriber.start('sub', onNewMessage, { r: roomId }, { host, Authorization: token })).toEqual({ type: 'start_ack', id: 'sub' });

    const acknowledged: string[] = [];
    const refused: Array<{ status: number; retryAfter: string | null; connection: string | null; body: unknown }> = [];
    let stopped: Promise<void> | undefined;
    const sender = async (senderId: number): Promise<void> => {
      for (let n = 0; ; n++) {
        let response: Response;
        try {
          response = await fetch(twin.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: token },
            body: JSON.stringify({ query: sendMessage, variables: { r: roomId, c: `m-${senderId}-${n}`, k: `k-${senderId}-${n}` } }),
          });
        } catch {
          return; // the connection was refused or cut: nothing was acknowledged
        }
        const body = (await response.json()) as { data?: { sendMessage?: { id: string } } };
        if (response.status === 200) {
          acknowledged.push(String(body.data?.sendMessage?.id));
          // Stop in the middle of the burst, with the senders still sending.
          if (acknowledged.length === 20) stopped = twin.stop();
        } else {
          refused.push({ status: response.status, retryAfter: response.headers.get('retry-after'), connection: response.headers.get('connection'), body });
          return;
        }
      }
    };
    await Promise.all([1, 2, 3, 4].map(sender));
    await stopped;
    await subscriber.closed;

    const delivered = subscriber.pending('sub').map((frame) => (frame.payload as { data: { onNewMessage: { id: string } } }).data.onNewMessage.id);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    expect(new Set(delivered)).toEqual(new Set(acknowledged));
    for (const answer of refused) {
      expect(answer).toEqual({
        status: 503,
        retryAfter: '1',
        connection: 'close',
        body: { errors: [{ errorType: 'ServiceUnavailableException', message: 'The server is shutting down; retry shortly.' }] },
      });
    }
  }, 60000);

  it('answers a request that arrives on a keep-alive socket after the stop began with 503, Retry-After and Connection: close', async () => {
    setup = await running();
    const { twin, token, host } = setup;
    const socket = net.connect(Number(new URL(twin.url).port), '127.0.0.1');
    const first = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    socket.write(graphqlPost(host, token, '{"query":"{ myRooms { id } }"}'));
    expect(await first).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    // A request still arriving on another socket holds the drain open (with nothing in flight
    // the stop cuts idle sockets at once, and there is no window to answer in).
    const slow = net.connect(Number(new URL(twin.url).port), '127.0.0.1');
    slow.on('error', () => undefined);
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    // Node answers 100 Continue as it hands the request to the handler: from then it is in flight.
    const continued = new Promise<string>((resolve) => slow.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8'))));
    slow.write(
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${token}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 1000\r\n\r\n{`,
    );
    expect(await continued).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    const stopped = twin.stop();
    const answer = await rawExchange(socket, graphqlPost(host, token, '{"query":"mutation { createRoom(name: \\"after stop\\") { id } }"}'));
    await stopped;
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 503 Service Unavailable\r\n/);
    expect(head).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(head).toMatch(/\r\nx-amzn-ErrorType: ServiceUnavailableException\r\n/i);
    expect(JSON.parse(String(body))).toEqual({ errors: [{ errorType: 'ServiceUnavailableException', message: 'The server is shutting down; retry shortly.' }] });
  }, 60000);

  it('is not held past the drain bound by a client trickling its request body', async () => {
    setup = await running();
    const { twin, token, host } = setup;
    const socket = net.connect(Number(new URL(twin.url).port), '127.0.0.1');
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"query":`,
    );
    const trickle = setInterval(() => socket.writable && socket.write(' '), 100);
    const began = performance.now();
    await twin.stop();
    const tookMs = performance.now() - began;
    clearInterval(trickle);
    await closed; // cut by the server, not by the test
    expect(tookMs).toBeLessThan(DRAIN_MS + AFTER_DRAIN_MS + SLACK_MS);
  }, 60000);
});
